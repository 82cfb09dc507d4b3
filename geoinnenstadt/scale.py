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

Out of core: :func:`read_partitioned` only reads the dataset's metadata;
:func:`assign` and :func:`parcels_in` send one task per partition to the
workers, which read their partition from disk, compute, and either send the
(small) result back or, with ``to=dir``, write it as a partitioned GeoParquet
dataset themselves (a temporary directory, renamed into place when every
part is written). So the client never holds the large layer, and with
``to=`` not even the result. A worker that dies during a run loses nothing:
the scheduler runs its partitions again elsewhere and a rewritten part
replaces the lost one, so every row arrives exactly once
(``tests/test_scale_cluster.py`` kills one).

The cluster is a :class:`distributed.LocalCluster` by default (two workers,
one thread each); pass ``scheduler="tcp://host:8786"`` or a
:class:`distributed.Client` (e.g. from :func:`cluster`) to use a cluster
started with ``dask scheduler`` and ``dask worker`` on several machines (see
the README, "Scaling out": the workers need geoinnenstadt installed and,
for ``read_partitioned`` and ``to=``, the same path to the data). ``progress=``
shows a bar of finished partitions (:mod:`geoinnenstadt.progress`: a widget
in JupyterLab, text in a terminal; default :data:`geoinnenstadt.settings.progress`;
``progress=False`` switches it off).

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
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from . import crs as _crs
from . import dates as _dates

if TYPE_CHECKING:  # pragma: no cover
    from .dates import DateLike

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
            "pip install '.[scale]' in a checkout (or the wheel with [scale])"
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
        # a free local port: None still binds 8787, and a second cluster on the machine (another
        # notebook, a parallel test worker) then warns "Port 8787 is already in use"
        "dashboard_address": "127.0.0.1:0",
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
    import shapely

    from .schema import LAYERS
    from .schema.conform import require_distinct_ids

    dgpd = _require_dask()
    _crs.require_same(gdf, names=["the layer to partition"])
    for kind, spec in LAYERS.items():  # dask turns ids into text: 1 and "1" would merge
        if spec.id_column in gdf.columns:
            require_distinct_ids(gdf[spec.id_column], column=spec.id_column, layer=kind)
    n = npartitions or max(1, int(np.ceil(len(gdf) / rows_per_partition)))
    geoms = gdf.geometry.to_numpy()
    located = ~np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms), dtype=bool)
    # features without a position go last; the functions report them as in memory
    distance = np.full(len(gdf), np.iinfo(np.int64).max, dtype=np.int64)
    if located.any():
        present = gdf.geometry[located]
        reps = present.representative_point() if (present.geom_type != "Point").any() else present
        distance[located] = reps.hilbert_distance(total_bounds=present.total_bounds).to_numpy()
    order = np.argsort(distance, kind="stable")
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
    with _atomic_dir(path) as tmp:
        ddf = partition(gdf, npartitions=npartitions, rows_per_partition=rows_per_partition)
        ddf.to_parquet(tmp, write_index=True)
    return Path(path)


@contextlib.contextmanager
def _atomic_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary directory next to ``path``, renamed to ``path`` when the block succeeds.

    An interrupted or failed write leaves no half dataset (and an existing
    dataset at ``path`` untouched until the new one is complete).
    """
    import shutil
    import tempfile

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_partitioned(path: str | os.PathLike[str]) -> Any:
    """Read a partitioned GeoParquet dataset lazily as a dask-geopandas GeoDataFrame."""
    dgpd = _require_dask()
    p = Path(path)
    if not p.exists():
        from .errors import DataFileError

        raise DataFileError(f"{p}: dataset not found", p)
    return dgpd.read_parquet(p)


def _tasks(ddf: Any, fn: Any, *small: Any, write_to: Path | None = None) -> list[Any]:
    """One delayed task per partition: ``fn(partition, *small)`` (then written to ``write_to``).

    The small layers enter the graph once as literals (every task depends on
    the same key, and a lost copy can be rebuilt on any worker); the large
    layer is never materialised in the client: each task reads its own
    partition on a worker.
    """
    import uuid

    import dask

    # named, not hashed: tokenizing hundreds of zone polygons costs more than the task itself
    run = uuid.uuid4().hex
    shared = [dask.delayed(obj, name=f"small-{k}-{run}") for k, obj in enumerate(small)]
    tasks = []
    for i, part in enumerate(ddf.to_delayed()):
        task = dask.delayed(fn, pure=True)(part, *shared)
        if write_to is not None:
            task = dask.delayed(_write_part, pure=True)(task, str(write_to), i)
        tasks.append(task)
    return tasks


def _run(client: Any, tasks: list[Any], *, desc: str, progress: bool | None) -> list[Any]:
    """Compute ``tasks`` on ``client`` with a progress bar of finished partitions; results in order.

    A worker lost during the run loses nothing: the scheduler computes its
    tasks again on another worker, and the results are gathered by key, so
    every partition appears exactly once.
    """
    from distributed import as_completed

    from . import progress as _progress

    futures = client.compute(tasks)
    try:
        with _progress.bar(total=len(futures), desc=desc, unit="part", enabled=progress) as bar:
            for _ in as_completed(futures):
                bar.update(1)
        return list(client.gather(futures))
    finally:
        for future in futures:
            future.release()


def _concat(parts: list[Any], meta: Any) -> Any:
    parts = [p for p in parts if len(p)] or [meta]
    return pd.concat(parts) if len(parts) > 1 else parts[0]


def _write_part(frame: Any, directory: str, i: int) -> dict[str, Any]:
    """Write one result partition as ``part.NNNNN.parquet`` (temp file, then rename); its summary.

    Run again for the same partition (a worker died), it replaces the file,
    so no row is written twice. Empty partitions are not written.
    """
    import uuid

    summary = {"rows": len(frame), **dict(getattr(frame, "attrs", {}) or {})}
    if len(frame):
        target = Path(directory) / f"part.{i:05d}.parquet"
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        out = frame if isinstance(frame, pd.DataFrame) else frame.to_frame()
        try:
            out.to_parquet(tmp, index=True)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    return summary


def _finish_dataset(tmp: Path, meta: Any) -> None:
    """Leave only complete parts in ``tmp``; an all-empty result is one empty part."""
    for stray in tmp.glob(".*.tmp"):
        stray.unlink(missing_ok=True)
    if not any(tmp.glob("part.*.parquet")):
        out = meta if isinstance(meta, pd.DataFrame) else meta.to_frame()
        out.to_parquet(tmp / "part.00000.parquet", index=True)


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


def _assign_part(df: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, col: str, how: Any) -> pd.Series:
    from . import zones as z

    out = z.assign(df, zones, id_column=col, how=how, warn=False, n_jobs=1)
    out.attrs = {
        "n_outside": int(out.attrs["n_outside"]),
        "n_no_geometry": int(out.attrs["n_no_geometry"]),
    }
    return out


def assign(
    ddf: Any,
    zones: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    how: Any = None,
    to: str | os.PathLike[str] | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> Any:
    """:func:`geoinnenstadt.zones.assign` on a partitioned layer; the same assignment.

    Parameters
    ----------
    ddf : dask_geopandas.GeoDataFrame
        From :func:`partition` or :func:`read_partitioned` (stays lazy: every
        partition is read and assigned on a worker).
    zones : GeoDataFrame
        The zones (small; sent to every worker once).
    id_column, how
        As in :func:`geoinnenstadt.zones.assign` (same boundary rule).
    to : path, optional
        Write the result as a partitioned GeoParquet dataset (one part per
        input partition, columns: the zone id, indexed like the input)
        instead of returning it; written to a temporary directory and renamed
        into place. Workers write the parts, so on a cluster of several
        machines ``to`` must be a shared path.
    scheduler : str or distributed.Client, optional
        Address (``"tcp://host:8786"``) or client; default the current
        client, else a new LocalCluster.
    progress : bool, optional
        Progress bar of finished partitions (default
        :data:`geoinnenstadt.settings.progress`).

    Returns
    -------
    pandas.Series or dask.dataframe.DataFrame
        Without ``to``: the zone id per feature indexed like the input (in
        partition order; ``.sort_index()`` restores the original order), NA
        outside every zone; ``attrs["n_outside"]`` and ``["n_no_geometry"]``
        count them. With ``to``: the written dataset, read lazily
        (:func:`read_partitioned`), with the same counts in ``attrs``.
    """
    from . import zones as z

    _check_dask_frame(ddf, "ddf")
    _check_crs(ddf, zones, "zones")
    col = z.zone_id_column(zones, id_column)
    meta = pd.Series(
        [],
        dtype=z.PreparedZones(zones, col)
        .labels(np.empty(0, np.int64), pd.RangeIndex(0), col)
        .dtype,
        name=col,
        index=ddf._meta.index,
    )
    where = {"to": to, "scheduler": scheduler, "progress": progress}
    result, counts = _execute(
        ddf, _assign_part, (zones, col, how), meta=meta, desc="assign", **where
    )
    result.attrs = {
        key: sum(int(c.get(key, 0)) for c in counts) for key in ("n_outside", "n_no_geometry")
    }
    return result


def _execute(
    ddf: Any,
    fn: Any,
    small: tuple[Any, ...],
    *,
    meta: Any,
    to: str | os.PathLike[str] | None,
    scheduler: Any,
    desc: str,
    progress: bool | None,
) -> tuple[Any, list[dict[str, Any]]]:
    """``fn`` over every partition.

    The concatenated result (or, with ``to``, the written dataset read lazily)
    and each partition's ``attrs`` (counts).
    """
    with _scheduler(scheduler) as client:
        if to is None:
            parts = _run(client, _tasks(ddf, fn, *small), desc=desc, progress=progress)
            return _concat(parts, meta), [dict(p.attrs) for p in parts]
        with _atomic_dir(to) as tmp:
            tasks = _tasks(ddf, fn, *small, write_to=tmp)
            summaries = _run(client, tasks, desc=desc, progress=progress)
            _finish_dataset(tmp, meta)
    return _read_result(to), summaries


def _read_result(path: str | os.PathLike[str]) -> Any:
    """The dataset just written, lazily (geometry-less results as a dask DataFrame)."""
    import dask.dataframe as dd
    import pyarrow.parquet as pq

    p = Path(path)
    first = sorted(p.glob("part.*.parquet"))[0]
    if b"geo" in (pq.read_schema(first).metadata or {}):
        return read_partitioned(p)
    return dd.read_parquet(p)


def _parcels_part(
    df: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, min_share: float, id_column: str | None
) -> gpd.GeoDataFrame:
    import warnings

    from . import preemption as pre

    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore"
        )  # invalid ids are collected and reported once, in the client
        out = pre.parcels_in(df, areas, min_share=min_share, id_column=id_column, n_jobs=1)
    out.attrs = {
        "n_parcels": int(out.attrs["n_parcels"]),
        "invalid_kennzeichen": list(out.attrs["invalid_kennzeichen"]),
    }
    return out


def parcels_in(
    ddf: Any,
    areas: gpd.GeoDataFrame,
    *,
    min_share: float = 0.5,
    id_column: str | None = None,
    to: str | os.PathLike[str] | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> Any:
    """:func:`geoinnenstadt.preemption.parcels_in` on a partitioned parcel layer; the same result.

    Each parcel lies in exactly one partition, so the per-partition results
    together are the in-memory result. ``ddf`` stays lazy: each partition is
    read and intersected on a worker, and only the result comes back – or,
    with ``to=``, not even that: the workers write it as a partitioned
    GeoParquet dataset (temporary directory renamed into place; a shared
    path on a multi-machine cluster), and a lazy frame of it is returned.

    Returns
    -------
    GeoDataFrame or dask_geopandas.GeoDataFrame
        Without ``to``: rows sorted by parcel and area id, as in memory.
        With ``to``: the written dataset, read lazily (rows in partition
        order). ``attrs``: ``n_parcels`` (parcels checked) and
        ``invalid_kennzeichen`` (reported once in an
        :class:`~geoinnenstadt.preemption.InvalidKennzeichenWarning`).
    """
    from . import preemption as pre

    _check_dask_frame(ddf, "parcels")
    _check_crs(ddf, areas, "areas", metric=True)
    meta = pre.parcels_in(ddf._meta, areas, min_share=min_share, id_column=id_column)
    meta.attrs = {}
    small = (areas, min_share, id_column)
    where = {"to": to, "scheduler": scheduler, "progress": progress}
    result, summaries = _execute(ddf, _parcels_part, small, meta=meta, desc="parcels_in", **where)
    if to is None:
        result = result.sort_values(["parcel_id", result.columns[1]], kind="stable").reset_index(
            drop=True
        )
        result = gpd.GeoDataFrame(result, geometry=result.geometry.name, crs=areas.crs)
    invalid = [v for s in summaries for v in s.get("invalid_kennzeichen", [])]
    n_parcels = sum(int(s.get("n_parcels", 0)) for s in summaries)
    if invalid:
        _warn_invalid_kennzeichen(invalid, n_parcels)
    result.attrs = {"invalid_kennzeichen": invalid, "n_parcels": n_parcels}
    return result


def _warn_invalid_kennzeichen(invalid: list[Any], n_parcels: int) -> None:
    """The in-memory warning, once for all partitions (the partitions keep theirs quiet)."""
    from . import preemption as pre

    pre.warn_invalid(invalid, n_parcels, stacklevel=4)


def vacancy_rates(
    ddf: Any,
    quarters: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
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
    Dates are read by :mod:`geoinnenstadt.dates`. Every partition passes the
    in-memory input checks (``vacancy.inventory.prepare_units``: dates, status,
    floor area, ids; an error names the units) and the inventory the
    point check (``require_points``: units given as polygons are refused,
    units without a position count outside every quarter, as in memory);
    :func:`partition` refuses ids that are one id as text (``1`` and
    ``"1"``) and places features without geometry last.
    """
    from . import zones as z
    from .vacancy import indicators as vi
    from .vacancy import inventory as vp

    _check_dask_frame(ddf, "units")
    _check_crs(ddf, quarters, "quarters")
    months = vp.resolve_long_months(long_term_months)
    col, info = vp.prepare_quarters(quarters, id_column)
    with _scheduler(scheduler) as client:
        survey_days = client.compute(ddf["survey_date"].unique()).result()
        days = pd.DataFrame({"survey_date": _dates.parse_dates(pd.Series(survey_days)).values})
        round_dates = vp.survey_round_dates(days, rounds)
        at_ts = _dates.parse_date(at) if at is not None else pd.Timestamp(days["survey_date"].max())

        def part(df: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
            # the in-memory checks on every row (a row with an unreadable date is an
            # error naming the unit, never a row the date filter drops)
            parsed = vp.prepare_units(df)["survey_date"]
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
        parts = _run(client, _tasks(ddf, part), desc="vacancy_rates", progress=progress)
        frame = _concat(parts, meta)
    frame = gpd.GeoDataFrame(frame, geometry=ddf.geometry.name, crs=ddf.crs).reset_index(drop=True)
    prepared = vp.prepare_units(frame)
    if rounds is None:  # the split-round check of the in-memory path, on the rows up to ``at``
        vp.warn_split_rounds(prepared, round_dates)
    ts = vp.resolve_at(prepared, at_ts, warn_after=True)
    state = vp.state_rows(prepared, ts, round_dates)
    vp.require_points(state)
    return vi.rates_from_state(
        state,
        lambda s: pd.Series(s["_qid"].to_numpy(), index=s.index).where(s["_qid"].notna(), None),
        info,
        ts,
        total=total,
        months=months,
        ground_floor_only=ground_floor_only,
    )
