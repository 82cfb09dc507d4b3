"""Whole cities in one GeoPackage: :func:`write_city` / :func:`read_city`.

One layer per kind plus the :data:`META_LAYER` key/value table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio

from .. import privacy
from ..city import City
from ..errors import DataFileError
from ..schema import KINDS, LAYERS, ValidationReport, validate
from .formats import META_LAYER, detect_format, file_errors, warn_read
from .read import read_layer_core
from .readers import ogr_layers
from .write import atomic_path, prepare_for_write


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_city(
    city: City,
    path: str | os.PathLike[str],
    *,
    personal: bool = False,
    keep: Sequence[str] = (),
) -> Path:
    """Write all layers of a city and its ``meta`` into one GeoPackage, atomically.

    Parameters
    ----------
    city : City
        Its space requests (``city.requests``, no geometry) become a
        GeoPackage attribute table ``requests``; read back as written
        (dates, flags, numbers).
    path : str or path-like
        Target ``.gpkg``; replaced only when the whole write succeeded.
    personal : bool, default False
        Keep the schema's personal columns (owner names, request contacts). The
        default drops them, as exports usually leave the office, and also
        columns whose names look personal (``Eigentümer``, ``Telefon``, …;
        :func:`geoinnenstadt.privacy.drop_personal`, with a warning naming them).
    keep : list of str, optional
        Columns to write although they are or look personal (any layer).

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import geoinnenstadt as gi, tempfile, pathlib
    >>> city = gi.load_sample("dorsten")
    >>> out = gi.write_city(city, pathlib.Path(tempfile.mkdtemp()) / "dorsten.gpkg")
    >>> len(gi.read_city(out).units) == len(city.units)
    True
    """
    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise DataFileError(
            f"{target}: write_city writes a GeoPackage; use a name ending in .gpkg "
            "(single layers in other formats: gi.io.write_layer)",
            target,
        )
    layers = {
        kind: privacy.drop_personal(gdf, kind=kind, personal=personal, keep=keep)
        for kind, gdf in city.layers().items()
    }
    if not layers:
        raise DataFileError(f"{target}: the city has no layers to write", target)
    meta = {k: json.dumps(_jsonable(v), ensure_ascii=False) for k, v in city.meta.items()}
    meta["_personal_columns"] = json.dumps(personal)
    with atomic_path(target) as tmp, file_errors(target, "write the city GeoPackage"):
        for kind, gdf in layers.items():
            pyogrio.write_dataframe(prepare_for_write(gdf), tmp, layer=kind, driver="GPKG")
        if city.footfall is not None:
            _write_footfall(city.footfall, tmp)
        pyogrio.write_dataframe(
            pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
            tmp,
            layer=META_LAYER,
            driver="GPKG",
        )
    return target


#: Layers of a city GeoPackage holding :attr:`City.footfall`: the counters (points) and the
#: hourly counts (a table: ``counter_id``, ``epoch_s`` – the hour's start as seconds since
#: 1970-01-01 UTC, unambiguous across the daylight-saving change and half the size of ISO text;
#: in QGIS ``datetime_from_epoch("epoch_s" * 1000)`` –, ``pedestrians``, ``unverified``).
FOOTFALL_COUNTERS = "footfall_counters"
FOOTFALL_COUNTS = "footfall_counts"


def _write_footfall(ff: Any, path: Path) -> None:
    """The counters and counts of a :class:`~geoinnenstadt.footfall.Footfall` as two layers."""
    counters = ff.counters
    if len(counters) and counters.geometry.notna().any():
        pyogrio.write_dataframe(
            prepare_for_write(counters), path, layer=FOOTFALL_COUNTERS, driver="GPKG"
        )
    counts = ff.counts
    table = pd.DataFrame(
        {
            "counter_id": counts["counter_id"].astype(str),
            "epoch_s": counts["timestamp"]
            .dt.tz_convert("UTC")
            .dt.tz_localize(None)
            .to_numpy()
            .astype("datetime64[s]")
            .astype("int64"),
            "pedestrians": counts["pedestrians"].astype("int64"),
            "unverified": counts["unverified"].astype("int8"),
        }
    )
    for col in ("direction", "weather", "temperature"):
        if col in counts.columns:
            table[col] = counts[col]
    pyogrio.write_dataframe(table, path, layer=FOOTFALL_COUNTS, driver="GPKG")


def _read_footfall(path: Path, names: Sequence[str]) -> Any:
    """The :class:`~geoinnenstadt.footfall.Footfall` stored by :func:`write_city` (checked again)."""
    from .. import settings
    from ..dates import from_epoch_seconds
    from ..footfall import from_counts

    with file_errors(path, f"read the {FOOTFALL_COUNTS} table"):
        counts = pyogrio.read_dataframe(path, layer=FOOTFALL_COUNTS, use_arrow=True)
        counters = None
        if FOOTFALL_COUNTERS in names:
            counters = pyogrio.read_dataframe(path, layer=FOOTFALL_COUNTERS)
            if counters.crs is not None:
                counters = counters.to_crs(settings.working_crs)
    counts["unverified"] = counts["unverified"].astype(bool)
    counts["timestamp"] = from_epoch_seconds(counts.pop("epoch_s"))
    return from_counts(counts, counters, warn=False)


def _warn_unknown_preferences(city: City, source: str) -> None:
    """One ReadWarning naming the preferred quarters of the requests that the quarters lack."""
    requests = city.require("requests")
    report = validate(requests, "requests", source=source, quarters=city.quarters)
    unknown = report.warnings
    unknown = unknown[unknown["column"] == "preferred_quarters"]
    if len(unknown):
        only = ValidationReport("requests", source=source, n_rows=len(requests))
        for row in unknown.itertuples():
            only.warn(row.row, row.column, row.problem, row.hint)
        warn_read(only, source, stacklevel=3)


def read_city(path: str | os.PathLike[str], *, validate_layers: bool = True) -> City:
    """Read a city GeoPackage written by :func:`write_city` (layers named after their kind).

    Footfall counts stored with the city (layers ``footfall_counters`` and
    ``footfall_counts``) become :attr:`City.footfall`, checked as by
    :func:`geoinnenstadt.footfall.from_counts`. Space requests (the
    attribute table ``requests``) become :attr:`City.requests`, a DataFrame;
    a preferred quarter that is none of the city's quarters is a
    :class:`~geoinnenstadt.io.ReadWarning` naming it.

    Parameters
    ----------
    path : str or path-like
    validate_layers : bool, default True
        Validate each layer and raise :class:`~geoinnenstadt.errors.SchemaError`
        on errors (see :func:`read_layer`). False skips validation (faster).

    Raises
    ------
    DataFileError
        Missing, empty, truncated or not a GeoPackage, or no layer named
        after a kind (the message lists the layers found).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.read_city(gi.datasets.sample_path("dortmund"))
    >>> city.meta["synthetic"]
    True
    """
    p = Path(path)
    fmt = detect_format(p)
    if fmt != "gpkg":
        raise DataFileError(
            f"{p}: read_city reads a city GeoPackage (.gpkg) written by gi.write_city; read "
            "single layers of other formats with gi.read_layer(path, kind=...)",
            p,
        )
    names = ogr_layers(str(p), p)
    kinds = [n for n in names if n in KINDS]
    if not kinds:
        raise DataFileError(
            f"{p}: no city layers found; a city GeoPackage has layers named "
            f"{', '.join(KINDS)}; this file has: {', '.join(names) or '(none)'}. "
            "Read single layers with gi.read_layer(path, kind=..., layer=...)",
            p,
        )
    city = City()
    for kind in kinds:
        gdf = read_layer_core(p, kind, layer=kind, check=validate_layers)
        setattr(city, kind, gdf)
    if validate_layers and city.requests is not None and city.quarters is not None:
        _warn_unknown_preferences(city, f"{p}:requests")
    if FOOTFALL_COUNTS in names:
        city.footfall = _read_footfall(p, names)
    if META_LAYER in names:
        with file_errors(p, f"read the {META_LAYER} table"):
            raw = pyogrio.read_dataframe(p, layer=META_LAYER)
            meta = {str(k): json.loads(v) for k, v in zip(raw["key"], raw["value"], strict=True)}
        meta.pop("_personal_columns", None)
        city.meta = meta
    return city


assert set(LAYERS) == set(KINDS)
