"""Reading and writing layers and whole cities.

:func:`read_layer` reads one layer from a GeoPackage, GeoJSON, Shapefile
(also zipped), GeoParquet, CSV or Excel file, maps source columns to schema
names, reprojects to the working CRS and validates. :func:`write_layer`
writes one layer. :func:`read_city` / :func:`write_city` keep all layers of a
:class:`~geoinnenstadt.city.City` in one GeoPackage. Every write goes to a
temporary file first and is renamed into place, so a failed write never
leaves half a file.

Every problem with a file (missing, empty, not geodata, truncated, unknown
layer) raises :class:`~geoinnenstadt.errors.DataFileError` with the file name
and a plain explanation instead of a GDAL traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import importlib.util
import json
import os
import re
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import IO, Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError as ProjCRSError

from . import schema, settings
from .city import City
from .errors import CRSError, DataFileError, GeoinnenstadtWarning, SchemaError
from .schema import KINDS, LAYERS, LayerSpec, ValidationReport, conform, spec, validate

__all__ = [
    "META_LAYER",
    "READ_FORMATS",
    "ReadWarning",
    "SchemaError",
    "atomic_path",
    "read_city",
    "read_layer",
    "write_city",
    "write_layer",
]

#: Name of the non-spatial key/value table holding ``City.meta`` in a city GeoPackage.
META_LAYER = "geoinnenstadt_meta"

#: File extensions :func:`read_layer` understands, and the format each stands for.
READ_FORMATS: dict[str, str] = {
    ".gpkg": "GeoPackage",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "Shapefile",
    ".zip": "zipped Shapefile",
    ".parquet": "GeoParquet",
    ".geoparquet": "GeoParquet",
    ".csv": "CSV",
    ".xlsx": "Excel",
    ".xlsm": "Excel",
    ".xls": "Excel",
}


class ReadWarning(GeoinnenstadtWarning):
    """A layer was read, but something needed attention.

    Examples: geometries repaired with ``make_valid``, a CRS given with
    ``crs=`` overriding the file's, or validation warnings. The details are
    in ``gdf.attrs["validation_report"]``.
    """


_SUPPORTED_TEXT = (
    "read_layer reads GeoPackage (.gpkg), GeoJSON (.geojson/.json), Shapefile (.shp or a .zip "
    "holding one), GeoParquet (.parquet), and CSV (.csv) or Excel (.xlsx) tables with "
    "coordinate columns"
)

# --------------------------------------------------------------------------- atomic writes


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


# --------------------------------------------------------------------------- format detection

_EXT_FORMAT = {
    ".gpkg": "gpkg",
    ".geojson": "geojson",
    ".json": "geojson",
    ".shp": "shp",
    ".zip": "zip",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xls": "excel",
}
_FORMAT_NAME = {
    "gpkg": "GeoPackage",
    "geojson": "GeoJSON file",
    "shp": "Shapefile",
    "zip": "ZIP archive",
    "parquet": "GeoParquet file",
    "csv": "CSV table",
    "excel": "Excel workbook",
}
_CONTENT_OK = {
    "gpkg": {"sqlite"},
    "geojson": {"json"},
    "shp": {"shp"},
    "zip": {"zip"},
    "parquet": {"parquet"},
    "csv": {"text"},
    "excel": {"zip", "ole2"},
}
_CONTENT_FORMAT = {
    "sqlite": "gpkg",
    "json": "geojson",
    "shp": "shp",
    "parquet": "parquet",
    "zip": "zip",
}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "sqlite"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"PAR1", "parquet"),
    (b"\x00\x00\x27\x0a", "shp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf", "7z"),
    (b"Rar!", "rar"),
)
_CONTENT_DESC = {
    "sqlite": "an SQLite database",
    "zip": "a ZIP archive",
    "parquet": "a Parquet file",
    "shp": "a Shapefile geometry file",
    "ole2": "a legacy Microsoft Office file (.xls/.doc)",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "pdf": "a PDF document",
    "tiff": "a TIFF image (raster data)",
    "gzip": "a gzip archive",
    "7z": "a 7-Zip archive",
    "rar": "a RAR archive",
    "json": "JSON text",
    "html": "an HTML web page (a download that returned an error or login page?)",
    "xml": "an XML file (GML/KML are not supported: convert to GeoPackage)",
    "text": "plain text",
    "binary": "binary data of an unknown type",
}


def _sniff(p: Path) -> str:
    """Classify a file by its first bytes (see ``_CONTENT_DESC``)."""
    with p.open("rb") as f:
        head = f.read(4096)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        return "html" if re.match(rb"<(!doctype\s+html|html)", text[:64], re.IGNORECASE) else "xml"
    if b"\x00" in head:
        return "binary"
    return "text"


def _check_sqlite_complete(p: Path, size: int) -> None:
    """Compare the file size with the page count announced in the SQLite header."""
    with p.open("rb") as f:
        head = f.read(100)
    truncated = len(head) < 100
    if not truncated:
        page_size = int.from_bytes(head[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        n_pages = int.from_bytes(head[28:32], "big")
        header_valid = head[24:28] == head[92:96]  # in-header size valid (SQLite ≥ 3.7.0)
        truncated = header_valid and n_pages > 0 and size < page_size * n_pages
        expected = page_size * n_pages
    else:
        expected = 100
    if truncated:
        raise DataFileError(
            f"{p}: the GeoPackage is truncated or corrupt: the file has {size:,} bytes, but its "
            f"header announces {expected:,}. Copy or download the file again (an interrupted "
            "copy or an upload size limit cuts GeoPackages off)",
            p,
        )


def _detect_format(p: Path) -> str:
    """Return the reader for ``p`` or raise a DataFileError saying what the file is."""
    if not p.exists():
        where = p.resolve().parent
        hint = "check the name and the folder"
        if where.is_dir():
            similar = [q.name for q in where.iterdir() if q.stem.lower() == p.stem.lower()]
            if similar:
                hint = f"files with a similar name in that folder: {', '.join(sorted(similar))}"
        raise DataFileError(f"{p}: file not found ({hint})", p)
    if p.is_dir():
        if any(p.rglob("*.parquet")):
            return "parquet"
        shps = sorted(q.name for q in p.glob("*") if q.suffix.lower() == ".shp")
        if shps:
            raise DataFileError(
                f"{p}: is a folder; pass one of its Shapefiles: {', '.join(shps)}", p
            )
        raise DataFileError(f"{p}: is a folder, not a geodata file; {_SUPPORTED_TEXT}", p)
    size = p.stat().st_size
    if size == 0:
        raise DataFileError(f"{p}: the file is empty (0 bytes); export or download it again", p)
    content = _sniff(p)
    ext = p.suffix.lower()
    fmt = _EXT_FORMAT.get(ext)
    if fmt is None:
        fmt = _CONTENT_FORMAT.get(content)
        if fmt is None:
            raise DataFileError(
                f"{p}: not a geodata file: unsupported extension {ext or '(none)'!r} and the "
                f"content is {_CONTENT_DESC[content]}; {_SUPPORTED_TEXT}",
                p,
            )
        return fmt
    if content not in _CONTENT_OK[fmt]:
        raise DataFileError(
            f"{p}: not a geodata file: the name says {_FORMAT_NAME[fmt]}, but the content is "
            f"{_CONTENT_DESC[content]}. Export the layer again from your GIS or fix the file "
            f"name; {_SUPPORTED_TEXT}",
            p,
        )
    if fmt == "gpkg":
        _check_sqlite_complete(p, size)
    return fmt


def _explain_gdal(exc: BaseException) -> str:
    """One plain-language line for a GDAL/pyogrio error."""
    msg = " ".join(str(exc).split())
    low = msg.lower()
    if "malformed" in low or "file is not a database" in low or "corrupt" in low:
        return "the file is corrupt (the database structure is damaged); copy or export it again"
    if "not recognized as" in low:
        return "GDAL does not recognise the content as geodata"
    if "no such file" in low:
        return "a file is missing"
    if isinstance(exc, UnicodeDecodeError) or "codec can't decode" in low:
        return (
            f"the text is not in the expected encoding ({msg[:120]}); omit encoding= to "
            "detect it, or pass the right one (e.g. encoding='cp1252')"
        )
    return f"the reader reports: {type(exc).__name__}: {msg[:300]}"


@contextlib.contextmanager
def _file_errors(p: Path | str, what: str) -> Iterator[None]:
    """Turn errors of GDAL, pyogrio, pyarrow and openpyxl into one DataFileError."""
    try:
        yield
    except (DataFileError, SchemaError, CRSError):
        raise
    except Exception as exc:
        raise DataFileError(f"{p}: cannot {what}: {_explain_gdal(exc)}", p) from None


# --------------------------------------------------------------------------- layers


def _choose(p: Path | str, names: list[str], wanted: str | int | None, kind: str, what: str) -> str:
    """Pick a layer (or sheet, or zip member) by name, the only one, or the one named like kind."""
    listing = ", ".join(repr(n) for n in names) or "(none)"
    if wanted is not None:
        if isinstance(wanted, int) and not isinstance(wanted, bool):
            if 0 <= wanted < len(names):
                return names[wanted]
            raise DataFileError(
                f"{p}: there is no {what} number {wanted}; it has {len(names)}: {listing}", p
            )
        if wanted in names:
            return str(wanted)
        folded = [n for n in names if n.lower() == str(wanted).lower()]
        if len(folded) == 1:
            return folded[0]
        raise DataFileError(f"{p}: {what} {wanted!r} does not exist; the file has: {listing}", p)
    if len(names) == 1:
        return names[0]
    if not names:
        raise DataFileError(f"{p}: the file contains no {what}s", p)
    matches = [n for n in names if n.lower() == kind.lower()]
    if len(matches) == 1:
        return matches[0]
    option = "sheet" if what == "sheet" else "layer"
    raise DataFileError(
        f"{p}: the file has {len(names)} {what}s: {listing}; choose one with {option}='NAME'",
        p,
    )


# --------------------------------------------------------------------------- encodings

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _guess_encoding(chunks: Iterator[bytes]) -> str:
    """``"ascii"``, ``"utf-8"``, ``"cp1252"`` or ``"latin-1"`` from the bytes.

    UTF-8 when every non-ASCII byte belongs to a well-formed UTF-8 sequence (or
    nearly all: fixed-width DBF fields can cut a sequence in two); otherwise the
    Windows code page 1252 (latin-1 if bytes undefined in cp1252 occur).
    German text in cp1252 is practically never valid UTF-8: "ö" is the single
    byte 0xF6, which UTF-8 only allows as the first byte of a 4-byte sequence.
    """
    high = valid_bytes = valid_seqs = 0
    cp1252_ok = True
    for chunk in chunks:
        n_high = len(chunk.translate(None, _ASCII))
        if not n_high:
            continue
        seqs = _UTF8_MULTIBYTE.findall(chunk)
        high += n_high
        valid_seqs += len(seqs)
        valid_bytes += sum(len(s) for s in seqs)
        cp1252_ok = cp1252_ok and not _CP1252_UNDEFINED.search(chunk)
    invalid = high - valid_bytes
    if high == 0:
        return "ascii"
    if invalid == 0 or valid_seqs > 10 * invalid:
        return "utf-8"
    return "cp1252" if cp1252_ok else "latin-1"


def _dbf_chunks(f: IO[bytes], chunk_size: int = 1 << 22) -> Iterator[bytes]:
    """The DBF field names and records (everything after the 32-byte file header), in chunks
    that end on record boundaries."""
    header = f.read(32)
    if len(header) < 32:
        return
    header_len = int.from_bytes(header[8:10], "little")
    record_len = max(int.from_bytes(header[10:12], "little"), 1)
    yield f.read(max(header_len - 32, 0))
    step = max(chunk_size // record_len, 1) * record_len
    while chunk := f.read(step):
        yield chunk


def _normalise_encoding(encoding: str) -> str:
    """Python's canonical codec name ('latin-1' → 'iso8859-1'); pyogrio/GDAL reject some aliases."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"unknown encoding {encoding!r}; use e.g. 'utf-8', 'cp1252' or 'latin-1'"
        ) from None


_CPG_ALIASES = {
    "65001": "utf-8",
    "utf8": "utf-8",
    "88591": "latin-1",
    "iso88591": "latin-1",
    "885915": "iso8859-15",
    "iso885915": "iso8859-15",
    "ansi1252": "cp1252",
    "ansi": "cp1252",
}


def _codec_from_cpg(text: str) -> str | None:
    key = re.sub(r"[\s_\-]", "", text.strip().lower())
    name = _CPG_ALIASES.get(key) or (f"cp{key}" if key.isdigit() else text.strip())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(chunks: Iterator[bytes], codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _shapefile_encoding(
    name: str,
    open_dbf: Any,
    cpg_text: str | None,
    encoding: str | None,
    pre: ValidationReport,
) -> str:
    """Encoding of a Shapefile's DBF: ``encoding=``, else the .cpg, else detected from the bytes."""
    if encoding is not None:
        return _normalise_encoding(encoding)
    if cpg_text is not None:
        codec = _codec_from_cpg(cpg_text)
        if codec is not None:
            with open_dbf() as f:
                if _decodes(_dbf_chunks(f), codec):
                    return codec
            with open_dbf() as f:
                detected = _guess_encoding(_dbf_chunks(f))
            pre.warn(
                None,
                None,
                f"{name}: the .cpg says {cpg_text.strip()!r}, but the DBF text is not valid "
                f"{codec}; read as {detected} instead",
                "fix the .cpg file or pass encoding=",
            )
            return detected
        pre.warn(
            None,
            None,
            f"{name}: unknown code page {cpg_text.strip()!r} in the .cpg file; detecting the encoding",
            "pass encoding= (e.g. 'cp1252' or 'utf-8')",
        )
    with open_dbf() as f:
        detected = _guess_encoding(_dbf_chunks(f))
    if detected == "ascii":
        return "utf-8"
    pre.note(f"{name}: no .cpg file; the DBF text was detected as {detected}")
    return detected


def _decode_text(data: bytes, encoding: str | None, name: str, pre: ValidationReport) -> str:
    """Decode a CSV: ``encoding=`` or UTF-8 (with or without BOM), else cp1252/latin-1."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataFileError(
                f"{name}: cannot decode the file as {encoding!r} ({exc})", name
            ) from None
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8-sig")  # also without BOM
    guess = _guess_encoding(iter([data]))
    pre.note(f"{name}: the text is not UTF-8; read as {guess}")
    return data.decode(guess)


# --------------------------------------------------------------------------- readers


@dataclass
class _Raw:
    frame: pd.DataFrame
    source: str
    fmt: str


def _ogr_layers(ds: str, p: Path) -> list[str]:
    with _file_errors(p, "list the layers"):
        return [str(name) for name, _ in pyogrio.list_layers(ds)]


def _read_ogr(
    ds: str, p: Path, layer: str, encoding: str | None, pre: ValidationReport
) -> pd.DataFrame:
    if encoding is not None:
        encoding = _normalise_encoding(encoding)
    with _file_errors(p, f"read layer {layer!r}"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pyogrio.read_dataframe(ds, layer=layer, encoding=encoding)
    for w in caught:  # GDAL's remarks (e.g. a column left as text) go to the report
        pre.note(f"GDAL: {' '.join(str(w.message).split())}")
    return frame


def _read_gpkg(p: Path, kind: str, layer: str | int | None, pre: ValidationReport) -> _Raw:
    names = [n for n in _ogr_layers(str(p), p) if n != META_LAYER]
    chosen = _choose(p, names, layer, kind, "layer")
    return _Raw(_read_ogr(str(p), p, chosen, None, pre), f"{p}:{chosen}", "gpkg")


def _read_geojson(p: Path, kind: str, layer: str | int | None, pre: ValidationReport) -> _Raw:
    names = _ogr_layers(str(p), p)
    if layer is not None and layer not in names and layer != 0:
        _choose(p, names, layer, kind, "layer")
    return _Raw(_read_ogr(str(p), p, names[0], None, pre), str(p), "geojson")


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
) -> _Raw:
    sib = _siblings(p)
    missing = [f"{p.stem}{ext}" for ext in (".shx", ".dbf") if ext not in sib]
    if missing:
        raise _missing_parts_error(str(p), missing, p)
    cpg = sib[".cpg"].read_text(errors="replace") if ".cpg" in sib else None
    dbf = sib[".dbf"]
    enc = _shapefile_encoding(p.name, lambda: dbf.open("rb"), cpg, encoding, pre)
    if ".prj" not in sib:
        pre.note(f"{p.name}: no .prj file")
    return _Raw(_read_ogr(str(p), p, p.stem, enc, pre), str(p), "shp")


def _read_zip(
    p: Path, kind: str, layer: str | int | None, encoding: str | None, pre: ValidationReport
) -> _Raw:
    with _file_errors(p, "open the ZIP archive"), zipfile.ZipFile(p) as zf:
        members = [m for m in zf.namelist() if not m.endswith("/") and "__MACOSX" not in m]
    shps = [m for m in members if m.lower().endswith(".shp")]
    others = [m for m in members if Path(m).suffix.lower() in (".gpkg", ".geojson", ".json")]
    if not shps and not others:
        raise DataFileError(
            f"{p}: the ZIP archive holds no Shapefile or other geodata; it contains: "
            f"{', '.join(members[:20]) or '(nothing)'}",
            p,
        )
    vsi = f"/vsizip/{p.resolve().as_posix()}"
    if not shps:
        member = _choose(p, others, layer, kind, "file")
        ds = f"{vsi}/{member}"
        names = _ogr_layers(ds, p)
        chosen = names[0] if len(names) == 1 else _choose(p, names, None, kind, "layer")
        return _Raw(_read_ogr(ds, p, chosen, encoding, pre), f"{p}!{member}", "zip")
    stems = {Path(m).stem: m for m in shps}
    chosen_stem = _choose(p, list(stems), layer, kind, "Shapefile")
    member = stems[chosen_stem]
    base = member[: -len(".shp")]
    lower = {m.lower(): m for m in members}
    missing = [
        f"{Path(base).name}{ext}" for ext in (".shx", ".dbf") if (base + ext).lower() not in lower
    ]
    if missing:
        raise _missing_parts_error(f"{p}!{member}", missing, p)
    dbf_member = lower[(base + ".dbf").lower()]
    cpg_member = lower.get((base + ".cpg").lower())
    with zipfile.ZipFile(p) as zf:
        cpg = zf.read(cpg_member).decode("ascii", errors="replace") if cpg_member else None

        def open_dbf() -> IO[bytes]:
            return zf.open(dbf_member)

        enc = _shapefile_encoding(f"{p.name}!{member}", open_dbf, cpg, encoding, pre)
    ds = f"{vsi}/{member}"
    return _Raw(_read_ogr(ds, p, Path(member).stem, enc, pre), f"{p}!{member}", "shp")


def _read_parquet(p: Path, pre: ValidationReport) -> _Raw:
    try:
        frame: pd.DataFrame = gpd.read_parquet(p)
    except ValueError as exc:
        if "geo" not in str(exc).lower():
            raise DataFileError(f"{p}: cannot read the Parquet file: {exc}", p) from None
        with _file_errors(p, "read the Parquet file"):
            frame = pd.read_parquet(p)  # plain Parquet: a table with coordinate columns
    except Exception as exc:
        raise DataFileError(
            f"{p}: cannot read the Parquet file; it is corrupt or truncated ({exc})", p
        ) from None
    return _Raw(frame, str(p), "parquet")


def _sniff_delimiter(text: str) -> str:
    """``;``, ``,``, tab or ``|``: the most frequent one in the header line."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (";", ",", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        with contextlib.suppress(csv.Error):
            return csv.Sniffer().sniff(text[:8192], delimiters=";,\t|").delimiter
        return ","
    return best


def _drop_blank_rows(frame: pd.DataFrame, name: str, pre: ValidationReport) -> pd.DataFrame:
    """Remove rows without any value (";;;;" lines, formatted empty spreadsheet rows), noted."""
    blank = frame.isna().all(axis=1).to_numpy()
    if blank.any():
        pre.note(f"{name}: {int(blank.sum())} completely empty rows skipped")
        frame = frame.loc[~blank].reset_index(drop=True)
    return frame


def _read_csv(p: Path, encoding: str | None, pre: ValidationReport) -> _Raw:
    text = _decode_text(p.read_bytes(), encoding, str(p), pre)
    delimiter = _sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            StringIO(text), sep=delimiter, dtype=object, keep_default_na=False, na_values=[""]
        )
    except Exception as exc:
        raise DataFileError(
            f"{p}: cannot read the CSV table (delimiter {delimiter!r}): {exc}", p
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = _drop_blank_rows(frame, p.name, pre)
    if delimiter != ",":
        pre.note(f"{p.name}: CSV delimiter {delimiter!r}")
    return _Raw(frame, str(p), "csv")


def _read_excel(p: Path, kind: str, sheet: str | int | None, pre: ValidationReport) -> _Raw:
    engine: Literal["xlrd", "openpyxl"]
    if _sniff(p) == "ole2":
        if importlib.util.find_spec("xlrd") is None:
            raise DataFileError(
                f"{p}: legacy Excel format (.xls); save it as .xlsx in Excel or LibreOffice "
                "(or install the package xlrd)",
                p,
            )
        engine = "xlrd"
        with _file_errors(p, "open the workbook"):
            names = [str(n) for n in pd.ExcelFile(p, engine=engine).sheet_names]
    else:
        import openpyxl

        engine = "openpyxl"
        with _file_errors(p, "open the workbook"):
            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
            names = list(wb.sheetnames)
            wb.close()
    chosen = _choose(p, names, sheet, kind, "sheet")
    with _file_errors(p, f"read sheet {chosen!r}"):
        frame = pd.read_excel(p, sheet_name=chosen, engine=engine, dtype=object)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = _drop_blank_rows(frame, f"{p.name}:{chosen}", pre)
    return _Raw(frame, f"{p}:{chosen}", "excel")


def _read_raw(
    p: Path,
    kind: str,
    layer: str | int | None,
    sheet: str | int | None,
    encoding: str | None,
    pre: ValidationReport,
) -> _Raw:
    fmt = _detect_format(p)
    if fmt == "gpkg":
        return _read_gpkg(p, kind, layer, pre)
    if fmt == "geojson":
        return _read_geojson(p, kind, layer, pre)
    if fmt == "shp":
        return _read_shp(p, kind, layer, encoding, pre)
    if fmt == "zip":
        return _read_zip(p, kind, layer, encoding, pre)
    if fmt == "parquet":
        return _read_parquet(p, pre)
    if fmt == "csv":
        return _read_csv(p, encoding, pre)
    return _read_excel(p, kind, sheet if sheet is not None else layer, pre)


# --------------------------------------------------------------------------- columns


def _find_column(columns: list[str], name: str) -> str | None:
    """Exact match, else the unique case-insensitive match."""
    if name in columns:
        return name
    folded = [c for c in columns if c.strip().lower() == name.strip().lower()]
    return folded[0] if len(folded) == 1 else None


def _apply_columns(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None,
    s: LayerSpec,
    source: str,
    pre: ValidationReport,
) -> pd.DataFrame:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    present = [str(c) for c in frame.columns if c != geometry]
    rename: dict[str, str] = {}
    for src, target in (columns or {}).items():
        found = _find_column(present, src)
        if found is None:
            close = [c for c in present if c.lower().startswith(src.lower()[:4])][:3]
            hint = f" (similar: {', '.join(map(repr, close))})" if close else ""
            raise SchemaError(
                f"{source}: column {src!r} given in columns= does not exist{hint}; the file has "
                f"the columns: {', '.join(map(repr, present))}",
                pre,
            )
        rename[found] = target
    targets = list(rename.values())
    clash = sorted(
        {t for t in targets if targets.count(t) > 1}
        | {t for t in targets if t in present and t not in rename}
    )
    if clash:
        raise SchemaError(
            f"{source}: columns= would create duplicate columns {', '.join(map(repr, clash))}; "
            "the file already has a column of that name: map it to another name too",
            pre,
        )
    # schema columns found with another case or cut to 10 characters (Shapefile DBF)
    taken = set(rename.values()) | {c for c in present if c not in rename}
    for col in s.column_names:
        if col in taken:
            continue
        free = [c for c in present if c not in rename]
        candidates = [c for c in free if c.lower() == col.lower()] or [
            c for c in free if len(col) > 10 and c.lower() == col[:10].lower()
        ]
        if len(candidates) == 1:
            rename[candidates[0]] = col
            taken.add(col)
            pre.note(f"column {candidates[0]!r} used as {col!r}")
    return frame.rename(columns=rename) if rename else frame


# --------------------------------------------------------------------------- coordinates

_XY_PAIRS = (
    ("x", "y"),
    ("lon", "lat"),
    ("lng", "lat"),
    ("long", "lat"),
    ("longitude", "latitude"),
    ("rechtswert", "hochwert"),
    ("easting", "northing"),
)
_WKT_COLUMNS = ("geometry", "wkt", "geom", "the_geom")


def _parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers from numbers or text, also German decimal commas ("7,4651", "388.123,5")."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")

    def conv(v: Any) -> float:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return np.nan
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            return float(v)
        t = str(v).strip().replace("\u00a0", "").replace(" ", "")
        if "," in t:
            t = t.replace(".", "").replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return np.nan

    return values.map(conv).astype("float64")


def _infer_extra_columns(frame: pd.DataFrame, s: LayerSpec) -> pd.DataFrame:
    """Text tables arrive as text: columns outside the schema become numbers when every value
    is a plain number, else ``string``. Schema columns are converted by ``conform``."""
    out = frame.copy()
    for col in out.columns:
        if col in s.column_names or not pd.api.types.is_object_dtype(out[col]):
            continue
        try:
            out[col] = pd.to_numeric(out[col])
        except (ValueError, TypeError):
            out[col] = out[col].astype("string")
    return out


def _labels(frame: pd.DataFrame, s: LayerSpec) -> list[str]:
    """Row labels for messages, the same as :func:`~geoinnenstadt.schema.validate` uses: the
    feature id (``unit_id @ survey_date`` for the units panel), ``#n`` (1-based) without id."""
    try:
        return [str(v) for v in schema._row_labels(frame, s)]
    except Exception:  # pragma: no cover - schema's private helper changed; plain fallback
        if s.id_column not in frame.columns:
            return [f"#{i + 1}" for i in range(len(frame))]
        ids = frame[s.id_column].tolist()
        return [
            f"#{i + 1}" if pd.isna(v) or str(v).strip() == "" else str(v) for i, v in enumerate(ids)
        ]


def _coordinate_columns(
    frame: pd.DataFrame, x: str | None, y: str | None, source: str, pre: ValidationReport
) -> tuple[str, str] | None:
    cols = [str(c) for c in frame.columns]
    if x is not None or y is not None:
        if x is None or y is None:
            raise ValueError("give both x= and y= (the names of the coordinate columns)")
        fx, fy = _find_column(cols, x), _find_column(cols, y)
        missing = [n for n, f in ((x, fx), (y, fy)) if f is None]
        if missing:
            raise SchemaError(
                f"{source}: coordinate column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(map(repr, missing))} not found; the table has: "
                f"{', '.join(map(repr, cols))}",
                pre,
            )
        return str(fx), str(fy)
    for cx, cy in _XY_PAIRS:
        fx, fy = _find_column(cols, cx), _find_column(cols, cy)
        if fx is not None and fy is not None:
            return fx, fy
    return None


def _utm_crs() -> str:
    working = CRS.from_user_input(settings.working_crs).to_epsg()
    return f"EPSG:{working}" if working in (25832, 25833) else "EPSG:25832"


def _guess_crs(xs: np.ndarray, ys: np.ndarray) -> tuple[str | None, str]:
    """(EPSG code or None, description) from the medians of the coordinates."""
    finite = np.isfinite(xs) & np.isfinite(ys)
    if not finite.any():
        return None, "no readable coordinates"
    mx, my = float(np.median(xs[finite])), float(np.median(ys[finite]))
    lon0, lat0, lon1, lat1 = settings.germany_bounds_lonlat
    if lon0 <= mx <= lon1 and lat0 <= my <= lat1:
        return "EPSG:4326", "lon/lat in degrees"
    if lat0 <= mx <= lat1 and lon0 <= my <= lon1:
        return None, "swapped"
    if 5.1e6 <= my <= 6.2e6:
        if 1.5e5 <= mx <= 1.0e6:
            return _utm_crs(), "UTM eastings/northings in metres"
        if 3.21e7 <= mx <= 3.3e7:
            return "EPSG:4647", "UTM 32N eastings with the zone number 32 in front"
        if 3.31e7 <= mx <= 3.4e7:
            return "EPSG:5650", "UTM 33N eastings with the zone number 33 in front"
        if 2.2e6 <= mx <= 5.8e6:
            zone = int(mx // 1e6)
            return None, (
                f"Gauss-Krüger zone {zone} (DHDN); pass crs='EPSG:{31464 + zone}' "
                "(accurate to about 1 m without the BeTA2007 grid)"
            )
    return None, f"values around x={mx:,.4f}, y={my:,.4f}"


def _points_from_columns(
    frame: pd.DataFrame,
    s: LayerSpec,
    x: str | None,
    y: str | None,
    crs: Any,
    source: str,
    pre: ValidationReport,
) -> tuple[gpd.GeoDataFrame, tuple[str, str] | None]:
    """Build the geometry of a table (CSV, Excel, attribute table) from x/y or WKT columns.

    Returns the layer and the coordinate columns used (None for WKT).
    """
    pair = _coordinate_columns(frame, x, y, source, pre)
    labels = _labels(frame, s)
    if pair is None:
        wkt = next((c for c in frame.columns if str(c).lower() in _WKT_COLUMNS), None)
        if wkt is None:
            what = "point coordinates (x/y, lon/lat, rechtswert/hochwert …)"
            if s.geometry == "polygon":
                what = "geometries: a table holds polygons only as WKT in a 'geometry' column"
            raise SchemaError(
                f"{source}: the table has no {what}; its columns are: "
                f"{', '.join(map(repr, map(str, frame.columns)))}. Name the coordinate columns "
                "with x='…', y='…'",
                pre,
            )
        text = frame[wkt].astype("object").where(frame[wkt].notna(), None)
        geoms = shapely.from_wkt(text.to_numpy(), on_invalid="ignore")
        for i in np.flatnonzero(pd.isna(geoms) & text.notna().to_numpy()):
            pre.error(
                labels[i],
                str(wkt),
                f"cannot read {str(text.iloc[i])[:40]!r} as WKT geometry",
                "use WKT such as 'POLYGON ((…))'",
            )
        if crs is None:
            raise CRSError(
                f"{source}: the table has no CRS; pass crs='EPSG:25832' (or the CRS of the "
                f"WKT coordinates in column {wkt!r})"
            )
        pre.note(f"geometries from WKT column {wkt!r}")
        gdf = gpd.GeoDataFrame(
            frame.drop(columns=[wkt]), geometry=list(geoms), crs=_as_crs(crs, source)
        )
        return gdf, None

    cx, cy = pair
    xs = _parse_numbers(frame[cx]).to_numpy()
    ys = _parse_numbers(frame[cy]).to_numpy()
    for col, raw, parsed in ((cx, frame[cx], xs), (cy, frame[cy], ys)):
        present = raw.notna().to_numpy() & (raw.astype(str).str.strip() != "").to_numpy()
        for i in np.flatnonzero(present & ~np.isfinite(parsed)):
            pre.error(
                labels[i],
                col,
                f"cannot read coordinate {raw.iloc[i]!r} as a number",
                "use numbers such as 7.4651 or 7,4651",
            )
    if crs is None:
        code, desc = _guess_crs(xs, ys)
        if desc == "swapped":
            raise CRSError(
                f"{source}: the coordinates look like lat/lon given as x/y (swapped): column "
                f"{cx!r} holds latitudes (≈ 47–55), column {cy!r} longitudes (≈ 6–15); pass "
                f"x={cy!r}, y={cx!r}"
            )
        if code is None:
            raise CRSError(
                f"{source}: cannot tell the CRS of the coordinate columns {cx!r}/{cy!r} "
                f"({desc}); pass crs='EPSG:25832' (UTM 32N metres) or crs='EPSG:4326' "
                "(lon/lat degrees)"
            )
        crs = code
        pre.note(
            f"coordinates from columns {cx!r}/{cy!r} ({code}, inferred from the values: {desc})"
        )
    else:
        pre.note(f"coordinates from columns {cx!r}/{cy!r} ({_crs_label(crs)})")
    ok = np.isfinite(xs) & np.isfinite(ys)
    geoms = np.full(len(frame), None, dtype=object)
    geoms[ok] = shapely.points(xs[ok], ys[ok])
    frame = frame.copy()
    frame[cx], frame[cy] = xs, ys  # the source coordinates, as numbers
    gdf = gpd.GeoDataFrame(frame, geometry=list(geoms), crs=_as_crs(crs, source))
    return gdf, pair


# --------------------------------------------------------------------------- CRS and geometry


def _crs_label(crs: Any) -> str:
    """'EPSG:25832' for registered CRSs, else the CRS's name (never a page of WKT)."""
    c = CRS.from_user_input(crs)
    code = c.to_epsg()
    return f"EPSG:{code}" if code is not None else f"{c.name!r} (no EPSG code)"


def _as_crs(value: Any, source: str) -> CRS:
    try:
        return CRS.from_user_input(value)
    except ProjCRSError as exc:
        raise CRSError(
            f"{source}: crs={value!r} is not a valid CRS ({exc}); use e.g. crs='EPSG:25832'"
        ) from None


def _resolve_crs(
    gdf: gpd.GeoDataFrame, crs: Any, source: str, pre: ValidationReport
) -> gpd.GeoDataFrame:
    """Apply ``crs=``: it sets a missing CRS and overrides a declared one (with a warning)."""
    if crs is None:
        if gdf.crs is None:
            xy = _rep_points(gdf)
            code, desc = _guess_crs(xy[:, 0], xy[:, 1]) if len(xy) else (None, "")
            guess = f" The coordinates look like {desc} ({code})." if code else ""
            raise CRSError(
                f"{source}: the layer has no CRS (.prj missing?); pass crs='EPSG:25832' "
                f"(or the CRS the coordinates are in) to read_layer.{guess}"
            )
        return gdf
    given = _as_crs(crs, source)
    if gdf.crs is None:
        pre.note(f"CRS {_crs_label(given)} from crs=")
        return gdf.set_crs(given)
    declared = CRS.from_user_input(gdf.crs)
    if declared.equals(given):
        return gdf
    pre.warn(
        None,
        "geometry",
        f"the file declares the CRS {_crs_label(declared)}, but crs={crs!r} was given: the "
        f"coordinates are read as {_crs_label(given)}",
        "omit crs= to use the file's CRS",
    )
    return gdf.set_crs(given, allow_override=True)


def _rep_points(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Centres of the bounding boxes of all non-empty geometries, shape (n, 2)."""
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    b = shapely.bounds(geoms[present])
    return np.column_stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2])


def _check_location(gdf: gpd.GeoDataFrame, source: str, xy_columns: tuple[str, str] | None) -> None:
    """Raise a CRSError when *no* feature lies in Germany (wrong CRS or swapped axes).

    Single features outside Germany are reported per feature by :func:`validate`.
    """
    pts = _rep_points(gdf)
    if not len(pts):
        return
    crs = CRS.from_user_input(gdf.crs)
    if crs.is_geographic:
        lon, lat = pts[:, 0], pts[:, 1]
    else:
        with np.errstate(invalid="ignore"):
            lon, lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(
                pts[:, 0], pts[:, 1]
            )
        lon, lat = np.asarray(lon), np.asarray(lat)
    lon0, lat0, lon1, lat1 = settings.germany_bounds_lonlat
    inside = (lon >= lon0) & (lon <= lon1) & (lat >= lat0) & (lat <= lat1)
    if inside.any():
        return
    code, desc = _guess_crs(pts[:, 0], pts[:, 1])
    if desc == "swapped" or (
        crs.is_geographic and ((lat >= lon0) & (lat <= lon1) & (lon >= lat0) & (lon <= lat1)).all()
    ):
        fix = (
            f"pass x={xy_columns[1]!r}, y={xy_columns[0]!r}"
            if xy_columns
            else "swap the axes in your GIS (x is the longitude ≈ 6–15, y the latitude ≈ 47–55)"
        )
        raise CRSError(
            f"{source}: no feature lies in Germany; the coordinates look like lat/lon given as "
            f"x/y (swapped); {fix}"
        )
    if code is not None and not CRS.from_user_input(code).equals(crs):
        hint = f"the coordinates look like {desc}: pass crs='{code}'"
    else:
        hint = (
            f"the coordinates ({desc}) do not fit; check the CRS and pass the right one with crs="
        )
    raise CRSError(
        f"{source}: none of the {len(pts)} features lies in Germany when read in "
        f"{_crs_label(crs)}; {hint}"
    )


def _normalise_geometry(
    gdf: gpd.GeoDataFrame, s: LayerSpec, pre: ValidationReport
) -> gpd.GeoDataFrame:
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    changed = False
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
        pre.note("Z coordinates (heights) dropped")
        changed = True
    if s.geometry == "point":
        single = (shapely.get_type_id(geoms) == 4) & (shapely.get_num_geometries(geoms) == 1)
        if single.any():
            geoms[single] = shapely.get_geometry(geoms[single], 0)
            pre.note(f"{int(single.sum())} single-part MultiPoints converted to Points")
            changed = True
    if not changed:
        return gdf
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs)
    return out


def _to_working_crs(
    gdf: gpd.GeoDataFrame, source: str, s: LayerSpec, pre: ValidationReport
) -> gpd.GeoDataFrame:
    target = CRS.from_user_input(settings.working_crs)
    if CRS.from_user_input(gdf.crs).equals(target):
        return gdf
    before = _crs_label(gdf.crs)
    try:
        out = gdf.to_crs(target)
    except Exception as exc:
        raise CRSError(
            f"{source}: cannot transform from {before} to {settings.working_crs} ({exc})"
        ) from None
    geoms = np.asarray(out.geometry.array, dtype=object)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    coords_ok = np.ones(len(geoms), dtype=bool)
    coords_ok[np.unique(index[~np.isfinite(coords).all(axis=1)])] = False
    labels = _labels(out, s)
    for i in np.flatnonzero(~coords_ok):
        pre.error(
            labels[i],
            "geometry",
            f"coordinates cannot be transformed from {before} to {settings.working_crs}",
            "check the coordinates and the CRS of the file",
        )
    if (~coords_ok).any():
        geoms[~coords_ok] = None
        out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=out.crs)
    pre.note(f"reprojected from {before} to {settings.working_crs}")
    return out


def _polygonal_part(geom: Any) -> Any:
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if shapely.get_type_id(p) in (3, 6)]
    if not polys:
        return None
    merged = shapely.union_all(polys)
    return merged if shapely.get_type_id(merged) in (3, 6) else None


def _repair(gdf: gpd.GeoDataFrame, s: LayerSpec, pre: ValidationReport) -> gpd.GeoDataFrame:
    """Fix invalid geometries with ``shapely.make_valid`` (never ``buffer(0)``)."""
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = present & ~shapely.is_valid(geoms)
    collections = (
        present & (shapely.get_type_id(geoms) == 7) if s.geometry == "polygon" else present & False
    )
    todo = np.flatnonzero(invalid | collections)
    if not len(todo):
        return gdf
    labels = _labels(gdf, s)
    for i in todo:
        reason = shapely.is_valid_reason(geoms[i]) if invalid[i] else "GeometryCollection"
        fixed = shapely.make_valid(geoms[i]) if invalid[i] else geoms[i]
        if s.geometry == "polygon" and shapely.get_type_id(fixed) not in (3, 6):
            fixed = _polygonal_part(fixed)
            if fixed is None:
                pre.error(
                    labels[i],
                    "geometry",
                    f"repair failed: make_valid left no area ({reason})",
                    "fix or remove the feature in your GIS",
                )
                continue
        geoms[i] = fixed
        pre.repaired.append(labels[i])
        pre.warn(
            labels[i],
            "geometry",
            f"geometry repaired with shapely.make_valid ({reason})",
            "check the repaired shape",
        )
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs)
    return out


# --------------------------------------------------------------------------- read_layer


class _AttachedReport(ValidationReport, dict):
    """The :class:`ValidationReport` kept in ``gdf.attrs["validation_report"]``.

    It is also a dict holding a JSON summary: GeoPandas and dask-geopandas store
    ``DataFrame.attrs`` as JSON in GeoParquet files, and a plain report object
    would make ``gdf.to_parquet(...)`` fail. Equality and hashing stay those of
    an object (identity), as for any report.
    """

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __bool__(self) -> bool:
        return True

    @classmethod
    def attach(cls, report: ValidationReport) -> _AttachedReport:
        out = cls(report.kind, source=report.source, n_rows=report.n_rows)
        out.extend(report)
        warnings_ = [
            {k: (None if v is None else str(v)) for k, v in w.items()}
            for w in report.warnings.to_dict("records")
        ]
        dict.update(
            out,
            {
                "kind": report.kind,
                "source": report.source,
                "n_rows": int(report.n_rows),
                "n_errors": len(report.errors),
                "warnings": warnings_,
                "repaired": [str(r) for r in report.repaired],
                "notes": [str(n) for n in report.notes],
            },
        )
        return out


def _read(
    path: str | os.PathLike[str],
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    layer: str | int | None = None,
    crs: Any = None,
    encoding: str | None = None,
    repair: bool = False,
    x: str | None = None,
    y: str | None = None,
    sheet: str | int | None = None,
    check: bool = True,
) -> gpd.GeoDataFrame:
    s = spec(kind)
    p = Path(path)
    pre = ValidationReport(kind, source=str(p))
    raw = _read_raw(p, kind, layer, sheet, encoding, pre)
    source = raw.source
    pre.source = source
    frame = _apply_columns(raw.frame, columns, s, source, pre)

    xy_columns: tuple[str, str] | None = None
    is_table = not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns
    if is_table:
        frame = pd.DataFrame(frame)
        if raw.fmt in ("csv", "excel"):
            frame = _infer_extra_columns(frame, s)
        gdf, xy_columns = _points_from_columns(frame, s, x, y, crs, source, pre)
    else:
        if x is not None or y is not None:
            raise ValueError(
                f"{source}: x=/y= name coordinate columns of tables (CSV, Excel); this file "
                "has a geometry column already"
            )
        gdf = _resolve_crs(frame, crs, source, pre)

    gdf = _normalise_geometry(gdf, s, pre)
    if check:
        _check_location(gdf, source, xy_columns)
    gdf = _to_working_crs(gdf, source, s, pre)
    if repair:
        gdf = _repair(gdf, s, pre)
    gdf = gdf.set_index(pd.RangeIndex(len(gdf)))

    if len(gdf) == 0:
        pre.warn(None, None, "the layer has no features", "check the layer name and the export")
    collected = ValidationReport(kind, source=source, n_rows=len(gdf))
    collected.extend(pre)
    if check:
        collected.extend(validate(gdf, kind, source=source))
    report = _AttachedReport.attach(collected)
    out = conform(gdf, kind)
    out.attrs["validation_report"] = report
    out.attrs["source"] = source
    if check:
        report.raise_for_errors()
    if len(report.warnings):
        w = report.warnings
        first = "; ".join(
            f"{r.row if r.row is not None else 'layer'}: {r.problem}"
            for r in w.head(3).itertuples()
        )
        more = f" (and {len(w) - 3} more)" if len(w) > 3 else ""
        warnings.warn(
            f"{source}: {len(w)} warning{'s' if len(w) != 1 else ''}: {first}{more}; "
            "see gdf.attrs['validation_report']",
            ReadWarning,
            stacklevel=3,
        )
    return out


def read_layer(
    path: str | os.PathLike[str],
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    layer: str | int | None = None,
    crs: Any = None,
    encoding: str | None = None,
    repair: bool = False,
    x: str | None = None,
    y: str | None = None,
    sheet: str | int | None = None,
) -> gpd.GeoDataFrame:
    """Read one layer from a file, map its columns, reproject and validate it.

    Parameters
    ----------
    path : str or path-like
        GeoPackage (``.gpkg``), GeoJSON (``.geojson``/``.json``), Shapefile
        (``.shp``, or a ``.zip`` holding one), GeoParquet (``.parquet`` or a
        folder of Parquet parts), CSV (``.csv``, ``;`` or ``,`` delimited) or
        Excel (``.xlsx``). The content must match the extension.
    kind : str
        Layer kind (:data:`geoinnenstadt.KINDS`), e.g. ``"quarters"`` or ``"units"``.
    columns : dict, optional
        ``{source column: schema column}``, e.g. ``{"STV_NR": "quarter_id"}``.
        Source names also match case-insensitively. Schema columns found with
        another case (``QUARTER_ID``) or cut to 10 characters by the Shapefile
        format (``floor_area`` → ``floor_area_m2``) are mapped automatically.
        Other columns are kept.
    layer : str or int, optional
        Layer of a GeoPackage (or Shapefile in a ZIP). Needed when the file
        has several layers, unless exactly one is named like ``kind``.
    crs : optional
        CRS of the coordinates (anything :class:`pyproj.CRS` accepts, e.g.
        ``"EPSG:25832"``). Needed for files without CRS (a Shapefile without
        ``.prj``). If the file declares a different CRS, ``crs=`` wins and a
        warning names both: passing ``crs=`` is how a wrong ``.prj`` is fixed.
        Without ``crs=``, CSV/Excel coordinates are taken as EPSG:4326 when they
        look like lon/lat in Germany, as UTM (``settings.working_crs``, 25832
        by default) when they look like UTM eastings/northings in Germany, and
        as EPSG:4647 when the easting carries the zone number (``32388123``).
    encoding : str, optional
        Text encoding of a Shapefile's DBF or a CSV. By default a Shapefile's
        ``.cpg`` is honoured; without one the encoding is detected from the
        bytes (UTF-8, else cp1252), so "Königsallee" never becomes "KÃ¶nigsallee".
    repair : bool, default False
        Fix invalid geometries with ``shapely.make_valid`` (never ``buffer(0)``,
        which drops parts); polygon layers keep the polygonal part of a result
        that is a GeometryCollection. Each repaired feature is listed in the
        report's ``repaired`` and as a warning.
    x, y : str, optional
        Coordinate columns of a CSV/Excel table. By default the first pair
        found of x/y, lon/lat, lng/lat, longitude/latitude,
        rechtswert/hochwert, easting/northing (any case). Decimal commas
        ("7,4651") are read.
    sheet : str or int, optional
        Excel sheet (name or 0-based number). Needed when the workbook has
        several sheets, unless exactly one is named like ``kind``.

    Returns
    -------
    geopandas.GeoDataFrame
        In ``settings.working_crs`` with schema dtypes
        (:func:`geoinnenstadt.schema.conform`) and a fresh RangeIndex.
        ``gdf.attrs["validation_report"]`` is the
        :class:`~geoinnenstadt.schema.ValidationReport` (warnings, repaired
        ids, notes such as "coordinates from columns 'lon'/'lat' (EPSG:4326)");
        ``gdf.attrs["source"]`` names the file (and layer).

    Raises
    ------
    DataFileError
        The file is missing, empty, not geodata, truncated or corrupt, or the
        layer/sheet does not exist (the message lists the existing ones).
    CRSError
        No CRS and no ``crs=``; no feature lies in Germany (wrong CRS or lat/lon
        swapped); the CRS of CSV coordinates cannot be inferred.
    SchemaError
        Validation errors (missing columns, unknown values, duplicate ids,
        invalid or empty geometries …), all listed; the full report is the
        exception's ``.report``.

    Warns
    -----
    ReadWarning
        When the report holds warnings (repaired geometries, CRS override, …).

    Notes
    -----
    There is no ``report=`` argument: the report travels with the result in
    ``gdf.attrs`` and with the error in ``SchemaError.report``.
    The report in ``attrs`` is also a dict with a JSON summary, so that
    ``gdf.to_parquet(...)`` (which stores ``attrs`` as JSON) works; a
    GeoParquet file read back carries only that summary.

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> csv = pathlib.Path(tempfile.mkdtemp()) / "leerstand.csv"
    >>> _ = csv.write_text(
    ...     "Nr;Stichtag;Status;Fläche;lon;lat\\n"
    ...     "E1;30.06.2025;occupied;120,5;7,4651;51,5136\\n"
    ...     "E2;30.06.2025;vacant;80;7,4660;51,5140\\n", encoding="utf-8")
    >>> units = gi.read_layer(csv, "units", columns={"Nr": "unit_id", "Stichtag": "survey_date",
    ...     "Status": "status", "Fläche": "floor_area_m2"})
    Traceback (most recent call last):
    ...
    geoinnenstadt.errors.SchemaError: 1 error in the units layer from ...leerstand.csv:
      - row E2 @ 2025-06-30, column 'vacant_since': vacant unit without vacant_since — enter the date since when the unit is vacant (Leerstand seit)
    >>> _ = csv.write_text(
    ...     "Nr;Stichtag;Status;Fläche;Leer seit;lon;lat\\n"
    ...     "E1;30.06.2025;occupied;120,5;;7,4651;51,5136\\n"
    ...     "E2;30.06.2025;vacant;80;01.02.2024;7,4660;51,5140\\n", encoding="utf-8")
    >>> units = gi.read_layer(csv, "units", columns={"Nr": "unit_id", "Stichtag": "survey_date",
    ...     "Status": "status", "Fläche": "floor_area_m2", "Leer seit": "vacant_since"})
    >>> units.crs.to_epsg(), units["floor_area_m2"].tolist()
    (25832, [120.5, 80.0])
    >>> [n for n in units.attrs["validation_report"].notes if n.startswith("coordinates")]
    ["coordinates from columns 'lon'/'lat' (EPSG:4326, inferred from the values: lon/lat in degrees)"]
    """
    return _read(
        path,
        kind,
        columns=columns,
        layer=layer,
        crs=crs,
        encoding=encoding,
        repair=repair,
        x=x,
        y=y,
        sheet=sheet,
    )


# --------------------------------------------------------------------------- writing


def _prepare_for_write(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
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
    gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, layer: str | None = None
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
        raise TypeError(f"write_layer needs a GeoDataFrame, got {type(gdf).__name__}")
    out = _prepare_for_write(gdf)
    if driver == "parquet":
        with atomic_path(target) as tmp, _file_errors(target, "write the Parquet file"):
            out.to_parquet(tmp)
        return target
    if driver == "GeoJSON":
        if out.crs is None:
            raise CRSError(f"{target}: the layer has no CRS; set it before writing GeoJSON")
        out = out.to_crs("EPSG:4326")
        with atomic_path(target) as tmp, _file_errors(target, "write GeoJSON"):
            pyogrio.write_dataframe(out, tmp, driver="GeoJSON", layer_options={"RFC7946": "YES"})
        return target
    if driver == "GPKG":
        name = layer or target.stem
        with atomic_path(target) as tmp, _file_errors(target, f"write layer {name!r}"):
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
        with _file_errors(target, "write the Shapefile"), warnings.catch_warnings():
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


# --------------------------------------------------------------------------- cities


def _jsonable(value: Any) -> Any:
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
        raise DataFileError(
            f"{target}: write_city writes a GeoPackage; use a name ending in .gpkg "
            "(single layers in other formats: gi.io.write_layer)",
            target,
        )
    source = city if personal else city.without_personal()
    layers = source.layers()
    if not layers:
        raise DataFileError(f"{target}: the city has no layers to write", target)
    meta = {k: json.dumps(_jsonable(v), ensure_ascii=False) for k, v in source.meta.items()}
    meta["_personal_columns"] = json.dumps(personal)
    with atomic_path(target) as tmp, _file_errors(target, "write the city GeoPackage"):
        for kind, gdf in layers.items():
            pyogrio.write_dataframe(_prepare_for_write(gdf), tmp, layer=kind, driver="GPKG")
        pyogrio.write_dataframe(
            pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
            tmp,
            layer=META_LAYER,
            driver="GPKG",
        )
    return target


def read_city(path: str | os.PathLike[str], *, validate_layers: bool = True) -> City:
    """Read a city GeoPackage written by :func:`write_city` (layers named after their kind).

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
    >>> city = gi.read_city(gi.city.sample_path("dortmund"))
    >>> city.meta["synthetic"]
    True
    """
    p = Path(path)
    fmt = _detect_format(p)
    if fmt != "gpkg":
        raise DataFileError(
            f"{p}: read_city reads a city GeoPackage (.gpkg) written by gi.write_city; read "
            "single layers of other formats with gi.read_layer(path, kind=...)",
            p,
        )
    names = _ogr_layers(str(p), p)
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
        gdf = _read(p, kind, layer=kind, check=validate_layers)
        setattr(city, kind, gdf)
    if META_LAYER in names:
        with _file_errors(p, f"read the {META_LAYER} table"):
            raw = pyogrio.read_dataframe(p, layer=META_LAYER)
            meta = {str(k): json.loads(v) for k, v in zip(raw["key"], raw["value"], strict=True)}
        meta.pop("_personal_columns", None)
        city.meta = meta
    return city


assert set(LAYERS) == set(KINDS)
