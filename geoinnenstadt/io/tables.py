"""Tables (CSV, Excel) and their coordinate columns: reading, number parsing, points.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``check_header``, ``find_column``, ``header_key``,
``infer_extra_columns``, ``label_rows``, ``points_from_columns``, ``read_csv``,
``read_excel``.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import re
from collections.abc import Mapping
from io import StringIO
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from ..errors import CRSError, DataFileError, SchemaError
from ..schema import LayerSpec, ValidationReport
from ..schema.validate import row_labels
from .encodings import decode_text
from .formats import RawLayer, choose_layer, file_errors, sniff


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


def read_csv(
    p: Path, encoding: str | None, pre: ValidationReport, header_row: int | None = None
) -> RawLayer:
    """A CSV file as a :class:`~geoinnenstadt.io.formats.RawLayer`.

    Encoding, delimiter and header found (``header_row`` skips lines).
    """
    text = decode_text(p.read_bytes(), encoding, str(p), pre)
    if header_row:
        lines = text.splitlines(keepends=True)
        if header_row >= len(lines):
            raise DataFileError(
                f"{p}: header_row={header_row}, but the file has only {len(lines)} lines", p
            )
        text = "".join(lines[header_row:])
        pre.note(f"{p.name}: {header_row} lines above the header skipped (header_row=)")
    delimiter = _sniff_delimiter(text)
    names = _headerless_names(text, delimiter)
    if names is not None:
        pre.note(
            f"{p.name}: no header line; columns of the AdV house-coordinate format (HK-DE, "
            f"NRW Gebäudereferenzen): {', '.join(names)}"
        )
    try:
        frame = pd.read_csv(
            StringIO(text), sep=delimiter, dtype=object, keep_default_na=False, na_values=[""],
            header=None if names is not None else "infer", names=names,
        )  # fmt: skip
    except Exception as exc:
        raise DataFileError(
            f"{p}: cannot read the CSV table (delimiter {delimiter!r}): "
            f"{' '.join(str(exc).split())}{_title_rows_hint(text)}",
            p,
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = _drop_blank_rows(frame, p.name, pre)
    _require_rows(frame, str(p), "table", p)
    if delimiter != ",":
        pre.note(f"{p.name}: CSV delimiter {delimiter!r}")
    return RawLayer(frame, str(p), "csv")


#: Columns of the AdV house-coordinate format HK-DE (*Hauskoordinaten Deutschland*), which
#: NRW publishes as ``gebref.txt`` without a header line: keys, house number, suffix,
#: coordinates, street name, then (15 columns) the date or (20 columns) postcode, place …
_HKDE = ("NBA", "OI", "QUA", "LAN", "RBZ", "KRS", "GMD", "OTT", "SSS", "HNR", "ADZ", "EAST",
         "NORTH", "STN")  # fmt: skip
_HKDE_TAIL = {15: ("AND",), 20: ("PLZ", "ONM", "ZON", "POT", "PSN", "AND")}
#: An AdV object identifier (``DENW000002207504``): "DE", the Land, 12 characters.
_ADV_OI = re.compile(r"DE[A-Z]{2}[0-9A-Za-z]{12}")


def _headerless_names(text: str, delimiter: str) -> list[str] | None:
    """Column names for an HK-DE file without a header line, else None.

    Its first line is a record: the second field an AdV object identifier.
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    fields = first.split(delimiter)
    tail = _HKDE_TAIL.get(len(fields))
    if delimiter != ";" or tail is None or not _ADV_OI.fullmatch(fields[1].strip()):
        return None
    return [*_HKDE, *tail]


def _title_rows_hint(text: str) -> str:
    """A hint to pass ``header_row=`` when a later line looks like the header, else ``""``.

    The hint is ``"; title rows above the header? pass header_row=N"``; a line
    looks like the header when it and the line below have the same number of
    delimiters, more than the first line.
    """
    lines = text.splitlines()[:30]
    for i in range(1, len(lines) - 1):
        d = _sniff_delimiter(lines[i])
        n = lines[i].count(d)
        if n > 0 and lines[0].count(d) < n and lines[i + 1].count(d) == n:
            return (
                f"; title rows above the header? pass header_row={i} (0-based line of the header)"
            )
    return ""


def _require_rows(frame: pd.DataFrame, where: str, what: str, p: Path) -> None:
    """A table with a header and no data rows is an error that says so (not a CRS riddle)."""
    if len(frame) == 0:
        cols = ", ".join(repr(str(c)) for c in frame.columns[:8])
        more = ", …" if len(frame.columns) > 8 else ""
        raise DataFileError(
            f"{where}: the {what} has no rows: only the header ({cols}{more}) and no data. "
            "Export the table again with its rows, or check the file and sheet",
            p,
        )


def read_excel(
    p: Path,
    kind: str,
    sheet: str | int | None,
    pre: ValidationReport,
    header_row: int | None = None,
) -> RawLayer:
    """An Excel sheet (.xlsx, legacy .xls with xlrd) as a raw layer.

    The result is a :class:`~geoinnenstadt.io.formats.RawLayer`.
    """
    engine: Literal["xlrd", "openpyxl"]
    if sniff(p) == "ole2":
        if importlib.util.find_spec("xlrd") is None:
            raise DataFileError(
                f"{p}: legacy Excel format (.xls); save it as .xlsx in Excel or LibreOffice "
                "(or install the package xlrd)",
                p,
            )
        engine = "xlrd"
        with file_errors(p, "open the workbook"):
            names = [str(n) for n in pd.ExcelFile(p, engine=engine).sheet_names]
    else:
        import openpyxl

        engine = "openpyxl"
        with file_errors(p, "open the workbook"):
            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
            names = list(wb.sheetnames)
            wb.close()
    chosen = choose_layer(p, names, sheet, kind, "sheet")
    with file_errors(p, f"read sheet {chosen!r}"):
        frame = pd.read_excel(
            p, sheet_name=chosen, engine=engine, dtype=object, header=header_row or 0
        )
    if header_row:
        pre.note(f"{p.name}:{chosen}: {header_row} rows above the header skipped (header_row=)")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = _drop_blank_rows(frame, f"{p.name}:{chosen}", pre)
    _require_rows(frame, f"{p}:{chosen}", "sheet", p)
    return RawLayer(frame, f"{p}:{chosen}", "excel")


# --------------------------------------------------------------------------- columns


def header_key(name: str) -> str:
    """A column header compared with :attr:`Column.aliases <geoinnenstadt.schema.Column>`.

    Case, spaces, trailing dots and a unit in brackets are ignored:
    ``"Fläche von (m²)"`` and ``"fläche  von"`` are one header.

    Examples
    --------
    >>> from geoinnenstadt.io.tables import header_key
    >>> header_key(" Gesuch-Nr. "), header_key("Fläche von (m²)")
    ('gesuch-nr', 'fläche von')
    """
    text = " ".join(str(name).split()).casefold()
    if text.endswith(")") and "(" in text:
        text = text[: text.rindex("(")].strip()
    return text.rstrip(". ").strip()


def find_column(columns: list[str], name: str) -> str | None:
    """Exact match, else the unique case-insensitive match."""
    if name in columns:
        return name
    folded = [c for c in columns if c.strip().lower() == name.strip().lower()]
    return folded[0] if len(folded) == 1 else None


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


def infer_extra_columns(frame: pd.DataFrame, s: LayerSpec) -> pd.DataFrame:
    """Text tables arrive as text: convert the columns outside the schema.

    They become numbers when every value is a plain number, else ``string``.
    Schema columns are converted by ``conform``.
    """
    out = frame.copy()
    for col in out.columns:
        if col in s.column_names or not pd.api.types.is_object_dtype(out[col]):
            continue
        try:
            out[col] = pd.to_numeric(out[col])
        except (ValueError, TypeError):
            out[col] = out[col].astype("string")
    return out


def label_rows(frame: pd.DataFrame, s: LayerSpec) -> list[str]:
    """Row labels for messages, the same as :func:`~geoinnenstadt.schema.validate` uses.

    The feature id (``unit_id @ survey_date`` for the units panel), ``#n``
    (1-based) without id.
    """
    try:
        return [str(v) for v in row_labels(frame, s)]
    except Exception:  # pragma: no cover - defensive: a message must not fail; plain fallback
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
        fx, fy = find_column(cols, x), find_column(cols, y)
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
        fx, fy = find_column(cols, cx), find_column(cols, cy)
        if fx is not None and fy is not None:
            return fx, fy
    return None


def points_from_columns(
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
    labels = label_rows(frame, s)
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
            frame.drop(columns=[wkt]), geometry=list(geoms), crs=_crs.as_crs(crs, source=source)
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
        crs = _inferred_crs(xs, ys, cx, cy, source)
        pre.note(
            f"coordinates from columns {cx!r}/{cy!r} ({crs}, inferred from the values: "
            f"{_crs.guess(xs, ys).description})"
        )
    else:
        pre.note(f"coordinates from columns {cx!r}/{cy!r} ({_crs.label(crs)})")
    ok = np.isfinite(xs) & np.isfinite(ys)
    geoms = np.full(len(frame), None, dtype=object)
    geoms[ok] = shapely.points(xs[ok], ys[ok])
    frame = frame.copy()
    frame[cx], frame[cy] = xs, ys  # the source coordinates, as numbers
    gdf = gpd.GeoDataFrame(frame, geometry=list(geoms), crs=_crs.as_crs(crs, source=source))
    return gdf, pair


def _inferred_crs(xs: np.ndarray, ys: np.ndarray, cx: str, cy: str, source: str) -> str:
    """The one CRS that fits the coordinates (:func:`geoinnenstadt.crs.guess`).

    Else a CRSError naming the columns, what the values look like, the
    candidates and the fix.
    """
    g = _crs.guess(xs, ys)
    if g.crs is not None:
        return g.crs
    if g.swapped == "lat/lon":
        raise CRSError(
            f"{source}: the coordinates look like lat/lon given as x/y (swapped): column "
            f"{cx!r} holds latitudes (≈ 47–55), column {cy!r} longitudes (≈ 6–15); pass "
            f"x={cy!r}, y={cx!r}"
        )
    if g.swapped is not None:
        crs_fix = f" and {g.fix}" if g.candidates else ""
        raise CRSError(
            f"{source}: the coordinates look like {g.description} (swapped?): column {cx!r} "
            f"holds northings (Hochwert ≈ 5.2–6.1 million), column {cy!r} eastings "
            f"(Rechtswert); pass x={cy!r}, y={cx!r}{crs_fix}"
        )
    if len(g.candidates) > 1:
        raise CRSError(
            f"{source}: cannot tell the CRS of the coordinate columns {cx!r}/{cy!r}: they look "
            f"like {g.description}, which fit {len(g.candidates)} CRSs "
            f"({', '.join(g.candidates)}), and the same numbers lie hundreds of kilometres "
            f"apart in them; {g.fix}"
        )
    raise CRSError(
        f"{source}: cannot tell the CRS of the coordinate columns {cx!r}/{cy!r} "
        f"({g.description}); {g.fix}"
    )


def check_header(
    frame: pd.DataFrame,
    s: LayerSpec,
    columns: Mapping[str, str] | None,
    x: str | None,
    y: str | None,
    source: str,
) -> None:
    """Raise with the ``header_row=`` to pass when title rows stand above the header.

    That is, when no expected column is in the first row but a later row holds
    them (an Excel sheet or CSV).
    """
    expected = {
        header_key(n)
        for n in [
            *(columns or {}),
            *s.column_names,
            *(a for c in s.columns for a in c.aliases),
            *(n for n in (x, y) if n is not None),
            *(n for pair in _XY_PAIRS for n in pair),
            *_WKT_COLUMNS,
        ]
    }
    if any(header_key(str(c)) in expected for c in frame.columns):
        return
    for i, row in enumerate(frame.head(30).itertuples(index=False)):
        cells = [str(v).strip() for v in row if not pd.isna(v)]
        found = [v for v in cells if header_key(v) in expected]
        if len(found) >= min(2, len(expected)):
            first = ", ".join(repr(str(c)) for c in frame.columns[:3])
            raise DataFileError(
                f"{source}: none of the expected columns is in the first row (it holds {first}); "
                f"row {i + 2} looks like the header ({', '.join(map(repr, found[:4]))}): title "
                f"rows above the header? pass header_row={i + 1} (0-based row of the header)",
                source,
            )
