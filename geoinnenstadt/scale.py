"""State-wide scale: the heavy operations on dask-geopandas, on one machine or a cluster.

The single-machine functions (:func:`geoinnenstadt.zones.assign`,
:func:`geoinnenstadt.preemption.parcels_in`,
:func:`geoinnenstadt.vacancy.rates`) handle a city or a district in memory.
For all of North Rhine-Westphalia (about 9 million parcels, millions of
address points) this module runs the same functions partition by partition
on a :mod:`dask.distributed` cluster and returns **the same results** (tests
compare them with the in-memory functions):

* the large layer is a :class:`dask_geopandas.GeoDataFrame`, spatially
  partitioned along a Hilbert curve (:func:`partition`) so that each
  partition covers a compact area;
* the small layer (quarters, core zones, pre-emption areas: hundreds of
  polygons) is broadcast to every task;
* on disk, large layers are partitioned GeoParquet datasets
  (:func:`write_partitioned`, :func:`read_partitioned`;
  :func:`geoinnenstadt.read_layer` also reads such a directory).

The cluster is a :class:`distributed.LocalCluster` by default (two workers,
one thread each); pass ``scheduler="tcp://host:8786"`` or a
:class:`distributed.Client` to use any other cluster. ``progress=`` shows a
bar of finished partitions (:mod:`geoinnenstadt.progress`: a widget in
JupyterLab, text in a terminal; default
:data:`geoinnenstadt.settings.progress`).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("duesseldorf")
>>> parts = gi.scale.partition(city.parcels, npartitions=4)
>>> with gi.scale.cluster(n_workers=1, processes=False) as client:   # doctest: +SKIP
...     result = gi.scale.parcels_in(parts, city.preemption_areas, scheduler=client)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from . import crs as _crs
from . import dates as _dates

__all__ = [
    "assign",
    "cluster",
    "parcels_in",
    "partition",
    "read_partitioned",
    "vacancy_rates",
    "write_partitioned",
]


def _require_dask() -> Any:
    try:
        import dask_geopandas
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "geoinnenstadt.scale needs dask-geopandas and distributed: "
            "pip install 'geoinnenstadt[scale]'"
        ) from exc
    return dask_geopandas


@contextlib.contextmanager
def cluster(
    address: str | None = None,
    *,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    processes: bool = True,
    memory_limit: str | None = None,
) -> Iterator[Any]:
    """A :class:`distributed.Client`: connected to ``address`` or to a new LocalCluster.

    The LocalCluster (and its workers) is closed when the ``with`` block ends.
    """
    from distributed import Client, LocalCluster

    if address is not None:
        client = Client(address)
        try:
            yield client
        finally:
            client.close()
        return
    kwargs: dict[str, Any] = {
        "n_workers": n_workers,
        "threads_per_worker": threads_per_worker,
        "processes": processes,
        "dashboard_address": None,
    }
    if memory_limit is not None:
        kwargs["memory_limit"] = memory_limit
    with LocalCluster(**kwargs) as lc, Client(lc) as client:
        yield client


@contextlib.contextmanager
def _scheduler(scheduler: Any) -> Iterator[Any]:
    """Resolve ``scheduler``: a Client, an address, None (current client or a new LocalCluster)."""
    from distributed import Client

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if isinstance(scheduler, str):
        with cluster(scheduler) as client:
            yield client
        return
    if scheduler is not None:
        raise TypeError(
            f"scheduler must be None, an address string or a distributed.Client, not {scheduler!r}"
        )
    try:
        from distributed import get_client

        yield get_client()
        return
    except ValueError:
        pass
    with cluster() as client:
        yield client


def partition(
    gdf: gpd.GeoDataFrame,
    *,
    npartitions: int | None = None,
    rows_per_partition: int = 250_000,
) -> Any:
    """Spatially partition a GeoDataFrame along a Hilbert curve into a dask-geopandas frame.

    Rows are sorted by the Hilbert distance of their representative point
    (geopandas ``hilbert_distance``), so every partition covers a compact
    area; the original index is kept, so results can be aligned back.
    """
    dgpd = _require_dask()
    _crs.require_same(gdf, names=["the layer to partition"])
    n = npartitions or max(1, int(np.ceil(len(gdf) / rows_per_partition)))
    reps = gdf.geometry.representative_point() if gdf.geom_type.iloc[0] != "Point" else gdf.geometry
    order = np.argsort(
        reps.hilbert_distance(total_bounds=gdf.total_bounds).to_numpy(), kind="stable"
    )
    sorted_gdf = gdf.iloc[order]
    ddf = dgpd.from_geopandas(sorted_gdf, npartitions=n, sort=False)
    ddf.calculate_spatial_partitions()
    return ddf


def write_partitioned(
    gdf: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    npartitions: int | None = None,
    rows_per_partition: int = 250_000,
) -> Path:
    """Write a large layer as a Hilbert-partitioned GeoParquet dataset (a directory of parts).

    The directory is written next to the target and renamed into place, so
    an interrupted write leaves no half dataset.
    """
    import shutil
    import tempfile

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        ddf = partition(gdf, npartitions=npartitions, rows_per_partition=rows_per_partition)
        ddf.to_parquet(tmp, write_index=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def read_partitioned(path: str | os.PathLike[str]) -> Any:
    """Read a partitioned GeoParquet dataset lazily as a dask-geopandas GeoDataFrame."""
    dgpd = _require_dask()
    p = Path(path)
    if not p.exists():
        from .errors import DataFileError

        raise DataFileError(f"{p}: dataset not found", p)
    return dgpd.read_parquet(p)


def _compute(client: Any, frame: Any, *, desc: str, progress: bool | None) -> Any:
    """Compute a dask collection on ``client``, partition by partition, with a progress bar.

    The partitions are computed as separate futures (the bar advances as
    they finish, :mod:`geoinnenstadt.progress`) and concatenated in
    partition order – the same result as ``client.compute(frame).result()``.
    """
    from distributed import as_completed

    from . import progress as _progress

    futures = client.compute(frame.to_delayed())
    with _progress.bar(total=len(futures), desc=desc, unit="part", enabled=progress) as bar:
        for _ in as_completed(futures):
            bar.update(1)
    parts = client.gather(futures)
    if not parts:
        return frame._meta
    return pd.concat(parts)


def _check_dask_frame(ddf: Any, what: str) -> None:
    dgpd = _require_dask()
    if not isinstance(ddf, dgpd.GeoDataFrame):
        raise TypeError(
            f"{what} must be a dask_geopandas.GeoDataFrame (use gi.scale.partition(gdf) or "
            f"gi.scale.read_partitioned(path)); got {type(ddf).__name__}. For in-memory data call the "
            "single-machine function directly."
        )


def _check_crs(ddf: Any, small: gpd.GeoDataFrame, small_name: str, *, metric: bool = False) -> None:
    """The one CRS policy (geoinnenstadt.crs) applied to a dask frame and a small layer."""
    large = gpd.GeoSeries(crs=ddf.crs)
    check = _crs.require_metric if metric else _crs.require_same
    check(large, small, names=["the partitioned layer", small_name])


def assign(
    ddf: Any,
    zones: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    how: Any = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> pd.Series:
    """:func:`geoinnenstadt.zones.assign` on a partitioned layer; the same Series, computed.

    Returns the zone id per feature indexed like the input (in partition
    order; ``.sort_index()`` restores the original order). Features outside
    every zone are NA and counted in ``attrs["n_outside"]``.
    """
    from . import zones as z

    _check_dask_frame(ddf, "ddf")
    _check_crs(ddf, zones, "zones")
    col = z._zone_id_column(zones, id_column)
    meta = pd.Series([], dtype=zones[col].dtype, name=col)

    def part(df: gpd.GeoDataFrame) -> pd.Series:
        return z.assign(df, zones, id_column=col, how=how, warn=False, n_jobs=1)

    with _scheduler(scheduler) as client:
        result = _compute(
            client, ddf.map_partitions(part, meta=meta), desc="assign", progress=progress
        )
    result.attrs = {"n_outside": int(result.isna().sum())}
    return result


def parcels_in(
    ddf: Any,
    areas: gpd.GeoDataFrame,
    *,
    min_share: float = 0.5,
    id_column: str | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> gpd.GeoDataFrame:
    """:func:`geoinnenstadt.preemption.parcels_in` on a partitioned parcel layer; the same result.

    Each parcel lies in exactly one partition, so the per-partition results
    concatenate to the in-memory result (rows sorted by parcel and area id).
    """
    import warnings

    from . import preemption as pre

    _check_dask_frame(ddf, "parcels")
    _check_crs(ddf, areas, "areas", metric=True)
    sample = pre.parcels_in(ddf._meta, areas, min_share=min_share, id_column=id_column)

    def part(df: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid ids are collected below, once
            out = pre.parcels_in(df, areas, min_share=min_share, id_column=id_column, n_jobs=1)
        return out

    with _scheduler(scheduler) as client:
        result = _compute(
            client, ddf.map_partitions(part, meta=sample), desc="parcels_in", progress=progress
        )
    result = result.sort_values(["parcel_id", result.columns[1]], kind="stable").reset_index(
        drop=True
    )
    return gpd.GeoDataFrame(result, geometry=result.geometry.name, crs=areas.crs)


def vacancy_rates(
    ddf: Any,
    quarters: gpd.GeoDataFrame,
    *,
    at: Any = None,
    ground_floor_only: bool = False,
    id_column: str | None = None,
    total: bool = True,
    long_term_months: int | None = None,
    rounds: Any = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`geoinnenstadt.vacancy.rates` for a partitioned units panel; the same table.

    The point-in-quarter assignment (the expensive part) and the date filter
    run on the cluster; the inventory rule (survey rounds), the per-unit state
    and the aggregation (medians need all values) run on the reduced rows
    with the same code as the in-memory function, so the two cannot drift.
    Dates are read by :mod:`geoinnenstadt.dates`.
    """
    from . import zones as z
    from .vacancy import indicators as vi
    from .vacancy import panel as vp

    _check_dask_frame(ddf, "units")
    _check_crs(ddf, quarters, "quarters")
    months = vp._long_months(long_term_months)
    col, info = vp._prepare_quarters(quarters, id_column)
    with _scheduler(scheduler) as client:
        survey_days = client.compute(ddf["survey_date"].unique()).result()
        days = pd.DataFrame({"survey_date": _dates.parse_dates(pd.Series(survey_days)).values})
        round_dates = vp._round_dates(days, rounds)
        at_ts = _dates.parse_date(at) if at is not None else pd.Timestamp(days["survey_date"].max())

        def part(df: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
            parsed = _dates.parse_dates(df["survey_date"]).values
            kept = df[(parsed <= at_ts).to_numpy()]
            out = kept.copy()
            out["_qid"] = np.asarray(
                z.assign(
                    kept[[kept.geometry.name]],
                    quarters,
                    id_column=col,
                    how="within",
                    warn=False,
                    n_jobs=1,
                ),
                dtype=object,
            )
            return out

        meta = ddf._meta.assign(_qid=pd.Series([], dtype=object))
        frame = _compute(
            client, ddf.map_partitions(part, meta=meta), desc="vacancy_rates", progress=progress
        )
    frame = gpd.GeoDataFrame(frame, geometry=ddf.geometry.name, crs=ddf.crs).reset_index(drop=True)
    prepared = vp._prepare_units(frame)
    ts = vp._resolve_at(prepared, at_ts, warn_after=True)
    state = vp._state_rows(prepared, ts, round_dates)
    return vi._rates_from_state(
        state,
        lambda s: pd.Series(s["_qid"].to_numpy(), index=s.index).where(s["_qid"].notna(), None),
        info,
        ts,
        total=total,
        months=months,
        ground_floor_only=ground_floor_only,
    )
