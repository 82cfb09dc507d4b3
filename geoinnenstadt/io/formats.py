"""Format detection: what a file is, by extension and by its first bytes.

Plain-language errors instead of GDAL tracebacks.

Every problem with a file (missing, empty, not geodata, truncated, unknown layer) raises
:class:`~geoinnenstadt.errors.DataFileError` with the file name and a plain explanation.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``AttachedReport``, ``RawLayer``, ``choose_layer``,
``detect_format``, ``explain_gdal``, ``file_errors``, ``sniff``, ``warn_read``.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import os
import re
import shutil
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pandas as pd

from ..errors import CRSError, DataFileError, GeoinnenstadtError, GeoinnenstadtWarning, SchemaError
from ..schema import ValidationReport

#: Name of the non-spatial key/value table holding ``City.meta`` in a city GeoPackage.
META_LAYER = "geoinnenstadt_meta"

#: File extensions :func:`read_layer` understands, and the format each stands for.
READ_FORMATS: dict[str, str] = {
    ".gpkg": "GeoPackage",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "Shapefile",
    ".zip": "ZIP archive (of any format here)",
    ".gz": "gzip-compressed file (of any format here)",
    ".gml": "GML",
    ".xml": "GML",
    ".parquet": "GeoParquet",
    ".geoparquet": "GeoParquet",
    ".csv": "CSV",
    ".txt": "CSV (text table, e.g. HK-DE house coordinates)",
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


def warn_read(report: ValidationReport, source: str, *, stacklevel: int = 2) -> None:
    """One :class:`ReadWarning` naming the first three warnings of a reader's report, if any.

    ``stacklevel`` counts from the caller of this function (2: the caller's caller).
    """
    w = report.warnings
    if not len(w):
        return
    first = "; ".join(
        f"{r.row if r.row is not None else 'layer'}: {r.problem}" for r in w.head(3).itertuples()
    )
    more = f" (and {len(w) - 3} more)" if len(w) > 3 else ""
    warnings.warn(
        f"{source}: {len(w)} warning{'s' if len(w) != 1 else ''}: {first}{more}; "
        "see gdf.attrs['validation_report']",
        ReadWarning,
        stacklevel=stacklevel + 1,
    )


_SUPPORTED_TEXT = (
    "read_layer reads GeoPackage (.gpkg), GeoJSON (.geojson/.json), Shapefile (.shp), GML "
    "(.gml/.xml, e.g. a WFS response), GeoParquet (.parquet), and CSV (.csv/.txt) or Excel "
    "(.xlsx) tables with coordinate columns, each also compressed (.gz, or in a .zip)"
)


@dataclass
class RawLayer:
    """The features of a file as read, before conversion.

    The frame, the source name and the format.
    """

    frame: pd.DataFrame
    source: str
    fmt: str


# --------------------------------------------------------------------------- the report in attrs


class AttachedReport(ValidationReport, dict):
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

    def __copy__(self) -> AttachedReport:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> AttachedReport:
        """The report itself: pandas deep-copies ``attrs`` on every operation.

        The report describes how a file was read and is not changed once attached,
        so frames derived from the read one share it. Copying it for each of the
        thousands of intermediate frames of an analysis cost about a tenth of a
        vacancy map's time.
        """
        return self

    @classmethod
    def attach(cls, report: ValidationReport) -> AttachedReport:
        """A copy of ``report`` that can be kept in a frame's ``attrs``."""
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
                "left_out": [str(r) for r in report.left_out],
            },
        )
        return out


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
    ".txt": "csv",
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


def sniff(p: Path) -> str:
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


def detect_format(p: Path) -> str:
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
    content = sniff(p)
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


def explain_gdal(exc: BaseException) -> str:
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
def file_errors(p: Path | str, what: str) -> Iterator[None]:
    """Turn errors of GDAL, pyogrio, pyarrow and openpyxl into one DataFileError."""
    try:
        yield
    except (DataFileError, SchemaError, CRSError):
        raise
    except Exception as exc:
        raise DataFileError(f"{p}: cannot {what}: {explain_gdal(exc)}", p) from None


# --------------------------------------------------------------------------- layers


def choose_layer(
    p: Path | str, names: list[str], wanted: str | int | None, kind: str, what: str
) -> str:
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
    if kind == "parcels":  # ALKIS: the layer Flurstueck beside buildings and land use
        from ..sources.alkis import parcel_layer

        if (found := parcel_layer(names)) is not None:
            return found
    option = "sheet" if what == "sheet" else "layer"
    raise DataFileError(
        f"{p}: the file has {len(names)} {what}s: {listing}; choose one with {option}='NAME'",
        p,
    )


# --------------------------------------------------------------------------- compressed files

#: Members of a ZIP archive taken as data, by extension (a Shapefile is its ``.shp``).
#: Members taken only when the archive holds no other data, and only when they are tables or
#: GML (HK-DE house coordinates come as ``.txt``; a ``.txt``/``.xml`` is often a note or metadata).
_ZIP_MAYBE = {".txt", ".xml"}
_ZIP_DATA = (set(_EXT_FORMAT) - {".zip"} - _ZIP_MAYBE) | {".osm", ".pbf"}
_VSIGZIP = re.compile(r"^/vsigzip/(?P<outer>.+)$", re.IGNORECASE)
_VSIZIP = re.compile(
    r"^/vsizip/(?:\{(?P<braced>[^}]+)\}|(?P<outer>.+?\.zip))(?:/(?P<member>.*))?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Packed:
    """A compressed input: a gzip file or a ZIP archive (and the member a ``/vsizip/`` path names).

    ``shown`` is the path as the user gave it, for messages and ``attrs["source"]``.
    """

    outer: Path
    method: str  # "gzip" or "zip"
    member: str | None
    shown: str


@dataclass(frozen=True)
class Unpacked:
    """The file to read inside a compressed input (in a temporary folder while it is read)."""

    path: Path
    source: str  # the name for messages: "x.csv.gz", "x.zip!inner.gpkg", "/vsigzip//…"
    layer: str | int | None  # what is left of ``layer=`` for the reader of the inner file


def packed(path: str | os.PathLike[str]) -> Packed | None:
    """The compressed file behind ``path``, or None for a plain file.

    Compressed are: GDAL virtual paths ``/vsigzip/…`` and ``/vsizip/…`` (taken as the user
    wrote them, never normalised by ``Path``), files named ``.gz`` or ``.zip``, and files
    whose first bytes are gzip (a download saved without its ``.gz``) or a ZIP archive under
    an unknown extension. OpenStreetMap extracts (``.osm.gz``) are left to their reader.
    """
    text = os.fspath(path)
    if "://" in text:  # a URL (web services are read by their adapters)
        return None
    m = _VSIGZIP.match(text)
    if m is not None:
        return Packed(Path(m["outer"]), "gzip", None, text)
    m = _VSIZIP.match(text)
    if m is not None:
        member = (m["member"] or "").strip("/") or None
        return Packed(Path(m["braced"] or m["outer"]), "zip", member, text)
    p = Path(text)
    name = p.name.lower()
    if name.endswith((".osm.gz", ".osm.bz2")):
        return None
    if name.endswith(".gz"):
        return Packed(p, "gzip", None, text)
    if name.endswith(".zip"):
        return Packed(p, "zip", None, text)
    if not p.is_file() or p.stat().st_size == 0:
        return None
    content = sniff(p)
    if content == "gzip":
        return Packed(p, "gzip", None, text)
    if content == "zip" and p.suffix.lower() not in _EXT_FORMAT:
        return Packed(p, "zip", None, text)
    return None


def _require_file(box: Packed) -> None:
    p = box.outer
    if not p.is_file():
        detect_format(p)  # the usual "file not found" / "is a folder" message
    if p.stat().st_size == 0:
        raise DataFileError(f"{box.shown}: the file is empty (0 bytes); download it again", p)


def _gunzip(box: Packed, folder: Path) -> Unpacked:
    """Decompress a gzip file into ``folder``, named like the file without ``.gz``."""
    _require_file(box)
    name = box.outer.name
    inner = name[: -len(".gz")] if name.lower().endswith(".gz") else name
    target = folder / (inner or "data")
    try:
        with gzip.open(box.outer, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except (OSError, EOFError, zlib.error) as exc:
        raise DataFileError(
            f"{box.shown}: cannot decompress the gzip file: it is corrupt or truncated "
            f"({' '.join(str(exc).split()) or type(exc).__name__}); download it again",
            box.outer,
        ) from None
    return Unpacked(target, box.shown, None)


def _looks_like_data(zf: zipfile.ZipFile, member: str) -> bool:
    """A ``.txt`` that is a table (its first line holds a delimiter twice) or an ``.xml`` in GML."""
    with zf.open(member) as f:
        head = f.read(4096)
    if member.lower().endswith(".xml"):
        return b"http://www.opengis.net/gml" in head
    first = head.lstrip(codecs.BOM_UTF8).split(b"\n", 1)[0]
    return any(first.count(d) >= 2 for d in (b";", b",", b"\t", b"|"))


def _zip_members(zf: zipfile.ZipFile) -> list[str]:
    return [
        m
        for m in zf.namelist()
        if not m.endswith("/") and "__MACOSX" not in m and not Path(m).name.startswith("._")
    ]


def _zip_datasets(zf: zipfile.ZipFile, members: list[str]) -> list[str]:
    """The members that are data (a Shapefile by its ``.shp``), notes and metadata left aside."""
    found = [m for m in members if Path(m).suffix.lower() in _ZIP_DATA]
    if not found:
        found = [
            m for m in members if Path(m).suffix.lower() in _ZIP_MAYBE and _looks_like_data(zf, m)
        ]
    return found


def _gpkg_holding(box: Packed, gpkgs: list[str], layer: str) -> list[str]:
    """The GeoPackage members that have a layer named ``layer``."""
    import pyogrio

    out = []
    for m in gpkgs:
        ds = f"/vsizip/{box.outer.resolve().as_posix()}/{m}"
        with file_errors(f"{box.shown}!{m}", "list the layers"):
            names = [str(n) for n, _ in pyogrio.list_layers(ds)]
        if layer in names:
            out.append(m)
    return out


def _choose_member(
    box: Packed, zf: zipfile.ZipFile, layer: str | int | None, kind: str
) -> tuple[str, str | int | None]:
    """The member to read and the ``layer=`` left for its reader."""
    members = _zip_members(zf)
    listing = ", ".join(repr(m) for m in members[:20]) or "(nothing)"
    if box.member is not None:
        if box.member not in members:
            raise DataFileError(
                f"{box.shown}: the ZIP archive has no member {box.member!r}; it contains: "
                f"{listing}",
                box.outer,
            )
        return box.member, layer
    data = _zip_datasets(zf, members)
    if not data:
        raise DataFileError(
            f"{box.shown}: the ZIP archive holds no Shapefile or other geodata or table; it "
            f"contains: {listing}",
            box.outer,
        )
    if isinstance(layer, str):
        folded = layer.lower()
        by_file = [m for m in data if folded in (m.lower(), Path(m).name.lower())]
        if len(by_file) == 1:
            return by_file[0], None  # the member named in full: layer= is used up
        by_stem = [m for m in data if Path(m).stem.lower() == folded]
        if len(by_stem) == 1:  # a GeoPackage keeps layer= (it may name one of its layers too)
            return by_stem[0], layer if by_stem[0].lower().endswith(".gpkg") else None
    if len(data) == 1:
        return data[0], layer
    if isinstance(layer, str):
        gpkgs = [m for m in data if m.lower().endswith(".gpkg")]
        holding = _gpkg_holding(box, gpkgs, layer) if gpkgs else []
        if len(holding) == 1:
            return holding[0], layer
    elif layer is None:
        named = [m for m in data if Path(m).stem.lower() == kind.lower()]
        if len(named) == 1:
            return named[0], None
    names = ", ".join(repr(m) for m in data)
    wanted = "" if layer is None else f"; layer={layer!r} names none of them"
    raise DataFileError(
        f"{box.shown}: the ZIP archive holds {len(data)} data files: {names}{wanted}; choose "
        "one with layer='NAME' (a member name, or a layer of a GeoPackage member)",
        box.outer,
    )


def _unzip(box: Packed, folder: Path, layer: str | int | None, kind: str) -> Unpacked:
    """Extract the chosen member (a Shapefile with its companion files) into ``folder``."""
    _require_file(box)
    try:
        with zipfile.ZipFile(box.outer) as zf:
            member, left = _choose_member(box, zf, layer, kind)
            base = member[: -len(Path(member).suffix)] if Path(member).suffix else member
            parts = [member]
            if member.lower().endswith(".shp"):
                parts = [
                    m
                    for m in _zip_members(zf)
                    if m[: -len(Path(m).suffix) or None].lower() == base.lower()
                ]
            for m in parts:
                with zf.open(m) as src, (folder / Path(m).name).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(
            f"{box.shown}: cannot open the ZIP archive: it is corrupt or truncated "
            f"({' '.join(str(exc).split()) or type(exc).__name__}); download it again",
            box.outer,
        ) from None
    source = box.shown if box.member is not None else f"{box.shown}!{member}"
    return Unpacked(folder / Path(member).name, source, left)


@contextlib.contextmanager
def unpacked(
    path: str | os.PathLike[str], kind: str, layer: str | int | None
) -> Iterator[Unpacked | None]:
    """The file inside a compressed input, for as long as the ``with`` block reads it.

    The one home of reading compressed files (:func:`geoinnenstadt.read_layer` and
    :func:`geoinnenstadt.read_addresses`). Yields None for a plain file. A gzip file is
    decompressed, a ZIP archive's member extracted (a Shapefile with its companion files)
    into a temporary folder that is removed when the block ends, also on errors; the inner
    file is then read as if it were given directly (format from its name and content,
    encodings detected the same way). A ZIP with several data files takes the one named by
    ``layer=`` (member name, file name or stem), or the GeoPackage member that has a layer
    of that name; with one data file (notes such as ``liesmich.txt`` aside) it just works.
    Errors raised while the block reads name the compressed file, not the temporary one.
    """
    box = packed(path)
    if box is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="geoinnenstadt-") as tmp:
        folder = Path(tmp)
        inner = _gunzip(box, folder) if box.method == "gzip" else _unzip(box, folder, layer, kind)
        try:
            yield inner
        except (GeoinnenstadtError, ValueError) as exc:
            shown = inner.source
            text = str(exc).replace(str(inner.path), shown).replace(str(folder), shown)
            if text != str(exc):
                exc.args = (text, *exc.args[1:])
            if isinstance(exc, DataFileError):
                exc.path = box.outer
            raise


def inner_source(raw: RawLayer, inner: Unpacked, pre: Any) -> RawLayer:
    """``raw`` read from an unpacked file, named after the compressed one (also in the notes)."""
    tmp = str(inner.path)
    pre.notes[:] = [n.replace(tmp, inner.source) for n in pre.notes]
    source = raw.source.replace(tmp, inner.source)
    return RawLayer(raw.frame, source, raw.fmt)
