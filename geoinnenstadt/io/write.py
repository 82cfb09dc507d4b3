"""Writing single layers, atomically: :func:`write_layer` and :func:`atomic_path`.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``prepare_for_write``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .. import privacy
from ..errors import CRSError, DataFileError
from .formats import ReadWarning, file_errors


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
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, *tmp.parent.glob(tmp.name + "-*")):  # e.g. GeoPackage -wal/-shm
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def prepare_for_write(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy ready for a file.

    No ``attrs``, nullable booleans as ``Int8`` (the formats have no nullable boolean).
    """
    out = gdf.copy()
    out.attrs = {}  # the validation report is not JSON and belongs to the read, not the data
    for col in out.columns:
        if isinstance(out[col].dtype, pd.BooleanDtype):
            # GeoPackage/Shapefile have no nullable boolean: store 1/0/NULL; conform() restores it
            out[col] = out[col].astype("Int8")
    return out


_WRITE_FORMATS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "ESRI Shapefile",
    ".parquet": "parquet",
}


def write_layer(
    gdf: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
    personal: bool = False,
    keep: Sequence[str] = (),
) -> Path:
    """Write one layer atomically as GeoPackage, GeoJSON, Shapefile or GeoParquet.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
    path : str or path-like
        The extension chooses the format: ``.gpkg`` (preferred; other layers
        of an existing file are kept, a layer of the same name is replaced),
        ``.geojson``/``.json`` (reprojected to EPSG:4326 as RFC 7946
        requires), ``.shp`` (always with a ``.cpg`` saying UTF-8; column names
        longer than 10 characters are cut by the format, with a warning) or
        ``.parquet``.
    layer : str, optional
        Layer name in a GeoPackage; default the file name without extension.
    personal : bool, default False
        Keep the schema's personal columns (``owner_name``, ``owner_contact``).
        The default drops them (:func:`geoinnenstadt.privacy.drop_personal`),
        as written files usually leave the office; columns the schema does
        not know whose names look personal (``Eigentümer``, ``Telefon``,
        ``E-Mail``, ``Kontakt``, …) are dropped too, with a
        :class:`~geoinnenstadt.privacy.PersonalDataWarning` naming them.
    keep : list of str, optional
        Columns to write although they are or look personal.

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> city = gi.load_sample("dorsten")
    >>> out = gi.io.write_layer(city.quarters, pathlib.Path(tempfile.mkdtemp()) / "q.geojson")
    >>> len(gi.read_layer(out, "quarters")) == len(city.quarters)
    True
    >>> out = gi.io.write_layer(city.units, out.with_name("u.gpkg"))
    >>> "owner_name" in gi.read_layer(out, "units").columns
    False
    """
    target = Path(path)
    ext = target.suffix.lower()
    driver = _WRITE_FORMATS.get(ext)
    if driver is None:
        raise DataFileError(
            f"{target}: cannot write {ext or 'files without extension'!r}; use one of "
            f"{', '.join(_WRITE_FORMATS)} (GeoPackage preferred)",
            target,
        )
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(
            f"write_layer needs a GeoDataFrame, got {type(gdf).__name__}; tables without "
            "geometry (space requests) are written with the city: gi.write_city(city, path)"
        )
    out = prepare_for_write(privacy.drop_personal(gdf, personal=personal, keep=keep))
    if driver == "parquet":
        with atomic_path(target) as tmp, file_errors(target, "write the Parquet file"):
            out.to_parquet(tmp)
        return target
    if driver == "GeoJSON":
        if out.crs is None:
            raise CRSError(f"{target}: the layer has no CRS; set it before writing GeoJSON")
        out = out.to_crs("EPSG:4326")
        with atomic_path(target) as tmp, file_errors(target, "write GeoJSON"):
            pyogrio.write_dataframe(out, tmp, driver="GeoJSON", layer_options={"RFC7946": "YES"})
        return target
    if driver == "GPKG":
        name = layer or target.stem
        with atomic_path(target) as tmp, file_errors(target, f"write layer {name!r}"):
            if target.exists():
                shutil.copy2(target, tmp)  # keep the other layers
            pyogrio.write_dataframe(out, tmp, layer=name, driver="GPKG")
        return target
    return _write_shapefile(out, target)


def _write_shapefile(out: gpd.GeoDataFrame, target: Path) -> Path:
    long_names = [str(c) for c in out.columns if c != out.geometry.name and len(str(c)) > 10]
    if long_names:
        warnings.warn(
            f"{target.name}: Shapefile column names have at most 10 characters; cut: "
            + ", ".join(f"{c!r} → {c[:10]!r}" for c in long_names)
            + ". read_layer maps the cut schema names back; prefer GeoPackage (.gpkg)",
            ReadWarning,
            stacklevel=3,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", dir=target.parent))
    try:
        tmp = tmpdir / f"{target.stem}.shp"
        with file_errors(target, "write the Shapefile"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's own truncation notice
            pyogrio.write_dataframe(out, tmp, driver="ESRI Shapefile", encoding="UTF-8")
        cpg = tmp.with_suffix(".cpg")
        if not cpg.exists():
            cpg.write_text("UTF-8")
        for part in sorted(tmpdir.iterdir()):
            os.replace(part, target.with_suffix(part.suffix))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return target
