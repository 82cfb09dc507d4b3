"""Format detection: what a file is (by extension and by its first bytes), and plain-language
errors instead of GDAL tracebacks.

Every problem with a file (missing, empty, not geodata, truncated, unknown layer) raises
:class:`~geoinnenstadt.errors.DataFileError` with the file name and a plain explanation.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

import pandas as pd

from ..errors import CRSError, DataFileError, GeoinnenstadtWarning, SchemaError

#: Name of the non-spatial key/value table holding ``City.meta`` in a city GeoPackage.
META_LAYER = "geoinnenstadt_meta"

#: File extensions :func:`read_layer` understands, and the format each stands for.
READ_FORMATS: dict[str, str] = {
    ".gpkg": "GeoPackage",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "Shapefile",
    ".zip": "zipped Shapefile",
    ".gml": "GML",
    ".xml": "GML",
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

    __module__ = "geoinnenstadt.io"  # its public home (defined in io.formats)


_SUPPORTED_TEXT = (
    "read_layer reads GeoPackage (.gpkg), GeoJSON (.geojson/.json), Shapefile (.shp or a .zip "
    "holding one), GML (.gml/.xml, e.g. a WFS response), GeoParquet (.parquet), and CSV (.csv) or Excel (.xlsx) tables with "
    "coordinate columns"
)


@dataclass
class _Raw:
    frame: pd.DataFrame
    source: str
    fmt: str


# --------------------------------------------------------------------------- format detection

_EXT_FORMAT = {
    ".gpkg": "gpkg",
    ".geojson": "geojson",
    ".json": "geojson",
    ".shp": "shp",
    ".zip": "zip",
    ".gml": "gml",
    ".xml": "gml",
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
    "gml": "GML file",
    "parquet": "GeoParquet file",
    "csv": "CSV table",
    "excel": "Excel workbook",
}
_CONTENT_OK = {
    "gpkg": {"sqlite"},
    "geojson": {"json"},
    "shp": {"shp"},
    "zip": {"zip"},
    "gml": {"gml"},
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
    "gml": "gml",
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
    "xml": "an XML file without GML geometries (KML is not supported: convert to GeoPackage)",
    "gml": "GML (geography markup)",
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
        if re.match(rb"<(!doctype\s+html|html)", text[:64], re.IGNORECASE):
            return "html"
        return "gml" if b"http://www.opengis.net/gml" in head else "xml"
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


#: expat errors that mean "the text stops before the document ends" (a cut-off file).
_XML_CUT_OFF = {
    expat.errors.codes[m]
    for m in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
}


def _check_xml_complete(p: Path, size: int) -> None:
    """A GML file must be well-formed XML to its last closing tag.

    GDAL's GML driver reads a cut-off file without an error, as fewer features or as
    features without geometry; so the whole file is parsed once with expat (no DTD or
    external entity is loaded) before GDAL reads it.
    """
    parser = expat.ParserCreate()
    try:
        with p.open("rb") as f:
            parser.ParseFile(f)
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        if exc.code in _XML_CUT_OFF:
            raise DataFileError(
                f"{p}: the GML file is truncated: it ends after {size:,} bytes in the middle of "
                f"the document ({expat.errors.messages[exc.code]} at {where}), so features are "
                "missing. Download or export it again (an interrupted download or copy, or a "
                "size limit, cuts files off); do not use the partial file",
                p,
            ) from None
        raise DataFileError(
            f"{p}: the GML file is not readable XML ({expat.errors.messages[exc.code]} at "
            f"{where}); the file is damaged or was edited by hand. Export or download it "
            "again, or repair the XML at that place",
            p,
        ) from None


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
    elif fmt == "gml":
        _check_xml_complete(p, size)
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
