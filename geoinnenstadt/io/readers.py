"""Readers of the geodata formats and the dispatcher :func:`read_raw`.

GeoPackage, GeoJSON, Shapefile, GML, GeoParquet (each also compressed); the
dispatcher also hands tables to :mod:`.tables`.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``ogr_layers``, ``read_raw``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError

from ..errors import DataFileError
from ..schema import ValidationReport
from .encodings import normalise_encoding, shapefile_encoding
from .formats import (
    META_LAYER,
    RawLayer,
    choose_layer,
    detect_format,
    file_errors,
    inner_source,
    unpacked,
)
from .tables import read_csv, read_excel


def ogr_layers(ds: str, p: Path) -> list[str]:
    """The layer names of a GDAL data source (errors as DataFileError)."""
    with file_errors(p, "list the layers"):
        return [str(name) for name, _ in pyogrio.list_layers(ds)]


def _read_ogr(
    ds: str,
    p: Path,
    layer: str,
    encoding: str | None,
    pre: ValidationReport,
    **open_options: str,
) -> pd.DataFrame:
    if encoding is not None:
        encoding = normalise_encoding(encoding)
    with file_errors(p, f"read layer {layer!r}"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pyogrio.read_dataframe(ds, layer=layer, encoding=encoding, **open_options)
    for w in caught:  # GDAL's remarks (e.g. a column left as text) go to the report
        pre.note(f"GDAL: {' '.join(str(w.message).split())}")
    return frame


def _read_gpkg(p: Path, kind: str, layer: str | int | None, pre: ValidationReport) -> RawLayer:
    names = [n for n in ogr_layers(str(p), p) if n != META_LAYER]
    chosen = choose_layer(p, names, layer, kind, "layer")
    return RawLayer(_read_ogr(str(p), p, chosen, None, pre), f"{p}:{chosen}", "gpkg")


def _read_geojson(p: Path, kind: str, layer: str | int | None, pre: ValidationReport) -> RawLayer:
    names = ogr_layers(str(p), p)
    if layer is not None and layer not in names and layer != 0:
        choose_layer(p, names, layer, kind, "layer")
    return RawLayer(_read_ogr(str(p), p, names[0], None, pre), str(p), "geojson")


def _read_gml(p: Path, kind: str, layer: str | int | None, pre: ValidationReport) -> RawLayer:
    """GML (a saved WFS response); GDAL writes no ``.gfs`` file beside it (``WRITE_GFS=NO``)."""
    names: list[str] = []
    with file_errors(p, "list the layers"):
        while True:  # pyogrio.list_layers cannot pass WRITE_GFS=NO
            try:
                info = pyogrio.read_info(str(p), layer=len(names), WRITE_GFS="NO")
            except DataLayerError:
                break
            names.append(str(info["layer_name"]))
    chosen = choose_layer(p, names, layer, kind, "layer")
    frame = _read_ogr(str(p), p, chosen, None, pre, WRITE_GFS="NO")
    return RawLayer(frame, str(p) if len(names) == 1 else f"{p}:{chosen}", "gml")


def _siblings(p: Path) -> dict[str, Path]:
    """Companion files of a Shapefile by lower-case extension (.dbf, .shx, .prj, .cpg)."""
    out = {}
    for q in p.parent.iterdir():
        if q.stem == p.stem and q != p:
            out[q.suffix.lower()] = q
    return out


def _missing_parts_error(where: str, missing: list[str], p: Path) -> DataFileError:
    return DataFileError(
        f"{where}: the Shapefile is incomplete: {', '.join(missing)} missing. A Shapefile is "
        "several files (.shp, .shx, .dbf, .prj, .cpg): copy all of them, or better use a "
        "GeoPackage",
        p,
    )


def _read_shp(
    p: Path, kind: str, layer: str | int | None, encoding: str | None, pre: ValidationReport
) -> RawLayer:
    sib = _siblings(p)
    missing = [f"{p.stem}{ext}" for ext in (".shx", ".dbf") if ext not in sib]
    if missing:
        raise _missing_parts_error(str(p), missing, p)
    cpg = sib[".cpg"].read_text(errors="replace") if ".cpg" in sib else None
    dbf = sib[".dbf"]
    enc = shapefile_encoding(p.name, lambda: dbf.open("rb"), cpg, encoding, pre)
    if ".prj" not in sib:
        pre.note(f"{p.name}: no .prj file")
    return RawLayer(_read_ogr(str(p), p, p.stem, enc, pre), str(p), "shp")


def _read_parquet(p: Path, pre: ValidationReport) -> RawLayer:
    try:
        frame: pd.DataFrame = gpd.read_parquet(p)
    except ValueError as exc:
        if "geo" not in str(exc).lower():
            raise DataFileError(f"{p}: cannot read the Parquet file: {exc}", p) from None
        with file_errors(p, "read the Parquet file"):
            frame = pd.read_parquet(p)  # plain Parquet: a table with coordinate columns
    except Exception as exc:
        raise DataFileError(
            f"{p}: cannot read the Parquet file; it is corrupt or truncated ({exc})", p
        ) from None
    return RawLayer(frame, str(p), "parquet")


def read_raw(
    path: str | os.PathLike[str],
    kind: str,
    layer: str | int | None,
    sheet: str | int | None,
    encoding: str | None,
    pre: ValidationReport,
    header_row: int | None = None,
) -> RawLayer:
    """The raw features of a file, also compressed (``.gz``, ``.zip``, ``/vsigzip/``, ``/vsizip/``).

    A compressed file is unpacked (:func:`~geoinnenstadt.io.formats.unpacked`) and its inner
    file read like a plain one; ``raw.source`` then names the compressed file.
    """
    with unpacked(path, kind, layer) as inner:
        if inner is None:
            return _read_plain(Path(path), kind, layer, sheet, encoding, pre, header_row)
        raw = _read_plain(inner.path, kind, inner.layer, sheet, encoding, pre, header_row)
        return inner_source(raw, inner, pre)


def _read_plain(
    p: Path,
    kind: str,
    layer: str | int | None,
    sheet: str | int | None,
    encoding: str | None,
    pre: ValidationReport,
    header_row: int | None = None,
) -> RawLayer:
    fmt = detect_format(p)
    if header_row is not None and fmt not in ("csv", "excel"):
        raise ValueError(f"{p}: header_row= applies to CSV and Excel tables only")
    if fmt == "gpkg":
        return _read_gpkg(p, kind, layer, pre)
    if fmt == "geojson":
        return _read_geojson(p, kind, layer, pre)
    if fmt == "gml":
        return _read_gml(p, kind, layer, pre)
    if fmt == "shp":
        return _read_shp(p, kind, layer, encoding, pre)
    if fmt == "zip":  # a ZIP archive inside a ZIP archive or a gzip file
        raise DataFileError(f"{p}: a ZIP archive inside a compressed file; unpack it first", p)
    if fmt == "parquet":
        return _read_parquet(p, pre)
    if fmt == "csv":
        return read_csv(p, encoding, pre, header_row)
    return read_excel(p, kind, sheet if sheet is not None else layer, pre, header_row)
