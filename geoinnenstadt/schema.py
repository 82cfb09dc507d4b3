"""Layer schemas and validation.

The seven layer kinds of geoinnenstadt (quarters, core zones, pre-emption
areas, commercial units, commercial land sites, parcels, residential areas)
are described by a :class:`LayerSpec`. :func:`validate` checks a
GeoDataFrame against its spec and collects **all** problems into a
:class:`ValidationReport` instead of stopping at the first one.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> report = gi.validate(city.units, kind="units")
>>> report.ok
True
>>> gi.schema.LAYERS["units"].personal_columns
('owner_name', 'owner_contact')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from . import settings
from .errors import SchemaError

__all__ = [
    "KINDS",
    "LAYERS",
    "Column",
    "LayerSpec",
    "ValidationReport",
    "conform",
    "is_valid_kennzeichen",
    "spec",
    "validate",
]

Dtype = Literal["str", "date", "float", "int", "bool"]


@dataclass(frozen=True)
class Column:
    """One attribute column of a layer kind."""

    name: str
    dtype: Dtype
    required: bool = False
    allowed: tuple[str, ...] | None = None
    personal: bool = False
    description: str = ""


@dataclass(frozen=True)
class LayerSpec:
    """Schema of one layer kind (see DESIGN.md §3)."""

    kind: str
    id_column: str
    geometry: Literal["point", "polygon"]
    columns: tuple[Column, ...]
    label_de: str
    description: str = ""
    unique: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple[str, ...]:
        """Columns that together identify a row (``unique`` or the id column)."""
        return self.unique or (self.id_column,)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def personal_columns(self) -> tuple[str, ...]:
        """Columns holding personal data (GDPR): never shown on maps or in briefings."""
        return tuple(c.name for c in self.columns if c.personal)

    @property
    def geometry_types(self) -> tuple[str, ...]:
        return ("Point",) if self.geometry == "point" else ("Polygon", "MultiPolygon")

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.kind} has no column {name!r}; columns: {', '.join(self.column_names)}")


UNIT_STATUS = ("occupied", "vacant")
UNIT_USE = ("retail", "gastronomy", "services", "office", "other")
LOCATION_CLASS = ("1a", "1b", "2")
SITE_STATUS = ("available", "reserved", "taken_up")
RESTRICTION = ("none", "minor", "major")
PLANNING_BASIS = ("B-Plan", "FNP", "none")
OWNER_TYPE = ("public", "private", "firm_reserve")
RESIDENTIAL_USE = ("residential", "mixed", "sensitive")
CORE_ZONE_CATEGORY = ("A", "B", "C")

LAYERS: dict[str, LayerSpec] = {
    "quarters": LayerSpec(
        "quarters",
        "quarter_id",
        "polygon",
        (
            Column("quarter_id", "str", required=True, description="unique quarter id"),
            Column("name", "str", required=True, description="quarter name (Quartiersname)"),
            Column("city", "str"),
            Column("profile", "str", description="short profile (Quartiersprofil)"),
            Column("district", "str", description="Stadtbezirk"),
        ),
        label_de="City-Quartiere",
        description="City quarters (City-Quartiere, Stadtteile) partitioning the centre",
    ),
    "core_zones": LayerSpec(
        "core_zones",
        "zone_id",
        "polygon",
        (
            Column("zone_id", "str", required=True),
            Column("name", "str", required=True),
            Column(
                "category",
                "str",
                required=True,
                allowed=CORE_ZONE_CATEGORY,
                description="core-zone category A–C",
            ),
            Column("adopted_on", "date", description="date of the council decision"),
        ),
        label_de="Gewerbe- und Industriekernzonen",
    ),
    "preemption_areas": LayerSpec(
        "preemption_areas",
        "area_id",
        "polygon",
        (
            Column("area_id", "str", required=True),
            Column("name", "str", required=True),
            Column("legal_basis", "str", required=True, description="e.g. '§ 25 Abs. 1 Nr. 2 BauGB'"),
            Column("in_force_since", "date"),
            Column("statute", "str", description="name of the Vorkaufsrechtssatzung"),
        ),
        label_de="Vorkaufsrechtsgebiete",
    ),
    "units": LayerSpec(
        "units",
        "unit_id",
        "point",
        (
            Column("unit_id", "str", required=True),
            Column("survey_date", "date", required=True, description="date of the vacancy survey"),
            Column("status", "str", required=True, allowed=UNIT_STATUS),
            Column("floor_area_m2", "float", required=True, description="floor area in m², > 0"),
            Column("address", "str"),
            Column("ground_floor", "bool"),
            Column("use", "str", allowed=UNIT_USE),
            Column("vacant_since", "date", description="required when status is vacant"),
            Column("previous_use", "str"),
            Column("location_class", "str", allowed=LOCATION_CLASS),
            Column("fund", "str", description="e.g. 'Anmietungs-Fonds'"),
            Column("owner_name", "str", personal=True),
            Column("owner_contact", "str", personal=True),
        ),
        label_de="Gewerbeeinheiten",
        description="commercial units, one row per unit and survey (a panel)",
        unique=("unit_id", "survey_date"),
    ),
    "sites": LayerSpec(
        "sites",
        "site_id",
        "polygon",
        (
            Column("site_id", "str", required=True),
            Column("status", "str", required=True, allowed=SITE_STATUS),
            Column("restriction", "str", required=True, allowed=RESTRICTION),
            Column("name", "str"),
            Column("taken_up_on", "date", description="required when status is taken_up"),
            Column("brownfield", "bool"),
            Column("planning_basis", "str", allowed=PLANNING_BASIS),
            Column("owner_type", "str", allowed=OWNER_TYPE),
        ),
        label_de="Wirtschaftsflächen",
    ),
    "parcels": LayerSpec(
        "parcels",
        "parcel_id",
        "polygon",
        (
            Column("parcel_id", "str", required=True, description="20-character Flurstückskennzeichen"),
            Column("gemarkung", "str"),
            Column("flur", "str"),
            Column("zaehler", "str"),
            Column("nenner", "str"),
        ),
        label_de="Flurstücke",
    ),
    "residential": LayerSpec(
        "residential",
        "area_id",
        "polygon",
        (
            Column("area_id", "str", required=True),
            Column("use", "str", required=True, allowed=RESIDENTIAL_USE),
            Column("name", "str"),
        ),
        label_de="Wohnbauflächen und schutzbedürftige Nutzungen",
    ),
}

KINDS: tuple[str, ...] = tuple(LAYERS)

_PROBLEM_COLUMNS = ["row", "column", "problem", "hint"]

#: Land (2) + Gemarkung (4) + Flur (3) + Zähler (5) + Nenner (4) + Folge (2); unused = "_".
KENNZEICHEN_RE = re.compile(r"^(\d{2})(\d{4})(\d{3}|___)(\d{5})(\d{4}|____)(\d{2}|__)$")


def spec(kind: str) -> LayerSpec:
    """Return the :class:`LayerSpec` of ``kind``; unknown kinds raise a ValueError listing the valid ones."""
    try:
        return LAYERS[kind]
    except KeyError:
        hint = _did_you_mean(str(kind), KINDS)
        raise ValueError(
            f"unknown layer kind {kind!r}{hint}; valid kinds: {', '.join(KINDS)}"
        ) from None


def is_valid_kennzeichen(value: object) -> bool:
    """True if ``value`` is a well-formed 20-character Flurstückskennzeichen with a Land code 01–16."""
    if not isinstance(value, str):
        return False
    m = KENNZEICHEN_RE.match(value)
    return bool(m) and 1 <= int(m.group(1)) <= 16 and int(m.group(4)) > 0


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if value.strip().lower() in lowered:
        return f" (did you mean {lowered[value.strip().lower()]!r}?)"
    close = difflib.get_close_matches(value.strip().lower(), list(lowered), n=1, cutoff=0.5)
    return f" (did you mean {lowered[close[0]]!r}?)" if close else ""


# --------------------------------------------------------------------------- report


class ValidationReport:
    """All problems found in one layer.

    Attributes
    ----------
    kind : str
        Layer kind that was checked.
    source : str or None
        File (and layer) the data came from, when known.
    errors, warnings : pandas.DataFrame
        One row per problem with columns ``row`` (feature id, or ``#n`` for the
        n-th row when the id is missing), ``column``, ``problem`` and ``hint``.
    repaired : list
        Ids of features whose geometry was repaired with ``shapely.make_valid``.
    notes : list of str
        Informational messages, e.g. which columns were used as coordinates.
    n_rows : int
        Number of rows checked.
    """

    def __init__(self, kind: str, source: str | None = None, n_rows: int = 0) -> None:
        self.kind = kind
        self.source = source
        self.n_rows = n_rows
        self._errors: list[dict[str, Any]] = []
        self._warnings: list[dict[str, Any]] = []
        self.repaired: list[Any] = []
        self.notes: list[str] = []

    # -- collection
    def error(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        self._errors.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def warn(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        self._warnings.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def note(self, message: str) -> None:
        self.notes.append(message)

    def extend(self, other: ValidationReport) -> None:
        """Add the problems, repairs and notes of another report."""
        self._errors.extend(other._errors)
        self._warnings.extend(other._warnings)
        self.repaired.extend(other.repaired)
        self.notes.extend(other.notes)

    # -- access
    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self._errors

    @property
    def errors(self) -> pd.DataFrame:
        return pd.DataFrame(self._errors, columns=_PROBLEM_COLUMNS)

    @property
    def warnings(self) -> pd.DataFrame:
        return pd.DataFrame(self._warnings, columns=_PROBLEM_COLUMNS)

    def to_frame(self) -> pd.DataFrame:
        """Errors and warnings in one table with a ``severity`` column."""
        frames = [
            self.errors.assign(severity="error"),
            self.warnings.assign(severity="warning"),
        ]
        frames = [f for f in frames if len(f)]
        if not frames:
            return pd.DataFrame(columns=["severity", *_PROBLEM_COLUMNS])
        return pd.concat(frames, ignore_index=True)[["severity", *_PROBLEM_COLUMNS]]

    def _where(self) -> str:
        return f"{self.kind} layer" + (f" from {self.source}" if self.source else "")

    def summary(self) -> str:
        """One-line summary."""
        return (
            f"{self._where()}: {self.n_rows} rows, {len(self._errors)} errors, "
            f"{len(self._warnings)} warnings, {len(self.repaired)} repaired geometries"
        )

    def _format_problems(self, problems: Sequence[dict[str, Any]], limit: int) -> list[str]:
        lines = []
        for p in problems[:limit]:
            where = f"row {p['row']}" if p["row"] is not None else "layer"
            if p["column"]:
                where += f", column {p['column']!r}"
            line = f"  - {where}: {p['problem']}"
            if p["hint"]:
                line += f" — {p['hint']}"
            lines.append(line)
        if len(problems) > limit:
            lines.append(f"  … and {len(problems) - limit} more (see the report's .errors)")
        return lines

    def raise_for_errors(self) -> None:
        """Raise one :class:`SchemaError` listing the first problems and the total count."""
        if self.ok:
            return
        n = len(self._errors)
        lines = [f"{n} error{'s' if n != 1 else ''} in the {self._where()}:"]
        lines += self._format_problems(self._errors, settings.max_listed_problems)
        raise SchemaError("\n".join(lines), report=self)

    def __str__(self) -> str:
        lines = [self.summary()]
        if self._errors:
            lines.append("errors:")
            lines += self._format_problems(self._errors, len(self._errors))
        if self._warnings:
            lines.append("warnings:")
            lines += self._format_problems(self._warnings, len(self._warnings))
        if self.repaired:
            lines.append("repaired with make_valid: " + ", ".join(map(str, self.repaired)))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ValidationReport {self.summary()}>"


# --------------------------------------------------------------------------- coercion

_TRUE = {"true", "1", "yes", "ja", "j", "y", "x", "wahr"}
_FALSE = {"false", "0", "no", "nein", "n", "falsch", ""}


def _to_date(values: pd.Series) -> pd.Series:
    """Parse dates: datetime64, ISO strings, German ``dd.mm.yyyy``; unparseable → NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        return out.astype("datetime64[ns]")
    s = values.astype("object")
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    present = s.notna() & (s.astype(str).str.strip() != "")
    if not present.any():
        return result
    text = s[present].astype(str).str.strip()
    german = text.str.match(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
    parsed_de = pd.to_datetime(text[german], format="%d.%m.%Y", errors="coerce")
    iso = text[~german].str.replace(r"[T ]00:00:00(\.0+)?$", "", regex=True)
    parsed_iso = pd.to_datetime(iso, format="ISO8601", errors="coerce")
    if getattr(parsed_iso.dt, "tz", None) is not None:
        parsed_iso = parsed_iso.dt.tz_localize(None)
    result.loc[parsed_de.index] = parsed_de.astype("datetime64[ns]")
    result.loc[parsed_iso.index] = parsed_iso.astype("datetime64[ns]")
    return result


def _to_float(values: pd.Series) -> pd.Series:
    """Numbers, also with German decimal commas ("1.234,5"); unparseable → NaN."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    text = values.astype("object").where(values.notna(), None)
    as_str = text.map(lambda v: None if v is None else str(v).strip())
    german = as_str.str.contains(",", na=False)
    cleaned = as_str.where(~german, as_str.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    return pd.to_numeric(cleaned, errors="coerce").astype("float64")


def _to_bool(values: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean")

    def conv(v: Any) -> Any:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return pd.NA
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        t = str(v).strip().lower()
        if t in _TRUE:
            return True
        if t in _FALSE:
            return False
        return pd.NA

    return values.map(conv).astype("boolean")


def _to_str(values: pd.Series) -> pd.Series:
    def conv(v: Any) -> Any:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        return str(v)

    return values.map(conv).astype("string")


_CONVERTERS = {"date": _to_date, "float": _to_float, "bool": _to_bool, "str": _to_str}


def conform(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    """Return a copy with the schema's dtypes: ``string`` ids and texts, naive ``datetime64[ns]`` dates,
    ``float64`` numbers and nullable ``boolean`` flags.

    Values that cannot be converted become missing; :func:`validate` on the
    unconverted data reports them. Columns unknown to the schema are kept.
    """
    s = spec(kind)
    out = gdf.copy()
    for col in s.columns:
        if col.name in out.columns:
            out[col.name] = _CONVERTERS[col.dtype](out[col.name])
    if kind == "parcels" and "parcel_id" in out.columns:
        _fill_parcel_parts(out)
    return out


def _fill_parcel_parts(gdf: pd.DataFrame) -> None:
    ids = gdf["parcel_id"].astype("string")
    parts = ids.str.extract(KENNZEICHEN_RE)
    derived = {
        "gemarkung": parts[1],
        "flur": parts[2].str.replace("_", "", regex=False).str.lstrip("0"),
        "zaehler": parts[3].str.lstrip("0"),
        "nenner": parts[4].str.replace("_", "", regex=False).str.lstrip("0"),
    }
    for name, values in derived.items():
        values = values.where(values != "", pd.NA).astype("string")
        if name not in gdf.columns:
            gdf[name] = values
        else:
            gdf[name] = gdf[name].astype("string").fillna(values)


# --------------------------------------------------------------------------- validation


def _row_labels(gdf: pd.DataFrame, s: LayerSpec) -> pd.Series:
    """Label each row by its id (and survey date for panels), ``#n`` when the id is missing."""
    pos = pd.Series([f"#{i}" for i in range(len(gdf))], index=gdf.index, dtype="object")
    if s.id_column not in gdf.columns:
        return pos
    ids = gdf[s.id_column]
    labels = ids.astype("object").where(ids.notna(), pos).map(str)
    if s.unique and all(c in gdf.columns for c in s.unique) and len(s.unique) > 1:
        extra = gdf[s.unique[1]]
        if s.unique[1] in ("survey_date",):
            extra_text = _to_date(extra).dt.strftime("%Y-%m-%d")
        else:
            extra_text = extra.astype(str)
        labels = labels + " @ " + extra_text.fillna("?").astype(str)
    return labels


def validate(
    gdf: gpd.GeoDataFrame,
    kind: str,
    *,
    source: str | None = None,
    check_partition: bool = True,
) -> ValidationReport:
    """Check a layer against its schema and collect every problem.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        The layer, with schema column names (map source names first, e.g.
        with :func:`geoinnenstadt.read_layer`'s ``columns=``).
    kind : str
        One of ``KINDS``: ``"quarters"``, ``"core_zones"``,
        ``"preemption_areas"``, ``"units"``, ``"sites"``, ``"parcels"``,
        ``"residential"``.
    source : str, optional
        File name shown in messages.
    check_partition : bool, default True
        For quarters: report overlaps and narrow gaps between quarters as
        warnings (``shapely.coverage_invalid_edges`` with
        ``settings.quarter_gap_tolerance_m``).

    Returns
    -------
    ValidationReport
        ``.ok`` is False when there is at least one error;
        ``.raise_for_errors()`` turns them into one :class:`SchemaError`.

    Notes
    -----
    Checked: CRS present (and equal to ``settings.working_crs``, else a
    warning), required columns, dtypes, allowed category values (with a "did
    you mean" hint), unique ids (``(unit_id, survey_date)`` for the units
    panel), geometry type, empty and invalid geometries (with
    ``shapely.is_valid_reason``), coordinates inside Germany, ``floor_area_m2
    > 0``, ``vacant_since`` present for vacant units and not after
    ``survey_date``, ``taken_up_on`` present for taken-up sites, and the
    Flurstückskennzeichen format.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> gi.validate(city.quarters, "quarters").ok
    True
    >>> bad = city.units.head(3).copy()
    >>> bad["status"] = "leer"
    >>> report = gi.validate(bad, "units")
    >>> report.errors[["column", "problem"]].iloc[0].tolist()
    ['status', "unknown value 'leer'"]
    """
    s = spec(kind)
    report = ValidationReport(kind, source=source, n_rows=len(gdf))
    if not isinstance(gdf, gpd.GeoDataFrame):
        report.error(None, None, f"expected a GeoDataFrame, got {type(gdf).__name__}",
                     "read files with gi.read_layer(path, kind=...)")
        return report
    labels = _row_labels(gdf, s)

    _check_columns(gdf, s, report)
    _check_values(gdf, s, report, labels)
    _check_keys(gdf, s, report, labels)
    _check_geometry(gdf, s, report, labels)
    if kind == "quarters" and check_partition and report.ok:
        _check_partition(gdf, report, labels)
    return report


def _check_columns(gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport) -> None:
    present = [c for c in gdf.columns if c != gdf.geometry.name]
    for name in s.required_columns:
        if name not in gdf.columns:
            hint = _did_you_mean(name, present).strip()
            report.error(
                None,
                name,
                f"required column {name!r} is missing; the layer has: {', '.join(map(str, present)) or '(no columns)'}",
                (hint + " " if hint else "")
                + f"map a source column with columns={{'SOURCE': {name!r}}}",
            )


def _check_values(gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: pd.Series) -> None:
    converted: dict[str, pd.Series] = {}
    for col in s.columns:
        if col.name not in gdf.columns:
            continue
        raw = gdf[col.name]
        conv = _CONVERTERS[col.dtype](raw)
        converted[col.name] = conv
        raw_present = raw.notna() & (raw.astype("object").map(lambda v: str(v).strip() != ""))
        bad = raw_present & conv.isna()
        for idx in gdf.index[bad.to_numpy()]:
            report.error(
                labels[idx], col.name,
                f"cannot read {raw[idx]!r} as {col.dtype}",
                {"date": "use YYYY-MM-DD or DD.MM.YYYY",
                 "float": "use a number such as 123.5 or 123,5",
                 "bool": "use true/false or ja/nein",
                 "str": ""}[col.dtype],
            )
        if col.required:
            for idx in gdf.index[(~raw_present).to_numpy()]:
                report.error(labels[idx], col.name, "required value is missing", "fill in a value for every row")
        if col.allowed is not None:
            as_text = conv.astype("object")
            unknown = as_text.notna() & ~as_text.isin(col.allowed)
            for idx in gdf.index[unknown.to_numpy()]:
                value = str(as_text[idx])
                report.error(
                    labels[idx], col.name, f"unknown value {value!r}",
                    f"allowed: {', '.join(col.allowed)}{_did_you_mean(value, col.allowed)}",
                )

    if s.kind == "units":
        area = converted.get("floor_area_m2")
        if area is not None:
            for idx in gdf.index[(area <= 0).fillna(False).to_numpy()]:
                report.error(labels[idx], "floor_area_m2", f"floor area must be > 0, got {area[idx]:g}",
                             "enter the usable floor area in m²")
        status = converted.get("status")
        since = converted.get("vacant_since")
        survey = converted.get("survey_date")
        if status is not None:
            vacant = (status == "vacant").fillna(False)
            missing = vacant if since is None else vacant & gdf["vacant_since"].isna()
            for idx in gdf.index[missing.to_numpy()]:
                report.error(labels[idx], "vacant_since", "vacant unit without vacant_since",
                             "enter the date since when the unit is vacant (Leerstand seit)")
        if since is not None and survey is not None:
            late = (since > survey).fillna(False)
            for idx in gdf.index[late.to_numpy()]:
                report.error(
                    labels[idx], "vacant_since",
                    f"vacant_since {since[idx]:%Y-%m-%d} is after survey_date {survey[idx]:%Y-%m-%d}",
                    "vacant_since must be on or before the survey date",
                )
    if s.kind == "sites":
        status = converted.get("status")
        taken = converted.get("taken_up_on")
        if status is not None:
            is_taken = (status == "taken_up").fillna(False)
            missing = is_taken if taken is None else is_taken & gdf["taken_up_on"].isna()
            for idx in gdf.index[missing.to_numpy()]:
                report.error(labels[idx], "taken_up_on", "taken-up site without taken_up_on",
                             "enter the date of the take-up (Inanspruchnahme)")
    if s.kind == "parcels" and "parcel_id" in gdf.columns:
        ids = gdf["parcel_id"]
        for idx in gdf.index[ids.notna().to_numpy()]:
            value = ids[idx]
            if not is_valid_kennzeichen(value):
                report.error(
                    labels[idx], "parcel_id", f"malformed Flurstückskennzeichen {value!r}",
                    "20 characters: Land(2) Gemarkung(4) Flur(3) Zähler(5) Nenner(4) Folge(2), "
                    "unused positions '_', e.g. '051234017001230004__'",
                )


def _check_keys(gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: pd.Series) -> None:
    if not all(c in gdf.columns for c in s.key):
        return
    keys = gdf[list(s.key)].copy()
    for c in s.key:
        col = s.column(c)
        keys[c] = _CONVERTERS[col.dtype](keys[c])
    usable = keys.notna().all(axis=1)
    dup = keys[usable].duplicated(keep="first")
    what = " and ".join(s.key)
    for idx in dup[dup].index:
        report.error(labels[idx], s.id_column, f"duplicate {what}",
                     f"each {what} must occur once; remove or renumber the duplicate")


def _check_geometry(gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: pd.Series) -> None:
    if gdf.crs is None:
        report.error(None, "geometry", "the layer has no CRS",
                     f"pass crs= when reading (e.g. crs='EPSG:25832') or set it with gdf.set_crs(...)")
    elif not CRS.from_user_input(gdf.crs).equals(CRS.from_user_input(settings.working_crs)):
        report.warn(None, "geometry", f"the layer is in {gdf.crs.to_string()}, not in the working CRS {settings.working_crs}",
                    "read it with gi.read_layer or reproject with gdf.to_crs(gi.settings.working_crs)")
    geoms = gdf.geometry.values
    missing = shapely.is_missing(geoms)
    empty = shapely.is_empty(geoms) & ~missing
    for idx in gdf.index[missing]:
        report.error(labels[idx], "geometry", "geometry is missing", "add the feature's location or remove the row")
    for idx in gdf.index[empty]:
        report.error(labels[idx], "geometry", "geometry is empty", "add the feature's location or remove the row")
    present = ~(missing | empty)
    types = np.asarray(shapely.get_type_id(geoms))
    type_names = np.array(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint",
                           "MultiLineString", "MultiPolygon", "GeometryCollection"], dtype=object)
    allowed_ids = {"point": {0}, "polygon": {3, 6}}[s.geometry]
    wrong = present & ~np.isin(types, list(allowed_ids))
    found = sorted(set(type_names[types[present]]))
    for idx, t in zip(gdf.index[wrong], types[wrong], strict=True):
        report.error(
            labels[idx], "geometry",
            f"geometry type {type_names[t]} is not allowed for {s.kind} (expected {' or '.join(s.geometry_types)})",
            "mixed geometry types in the layer: " + ", ".join(found) if len(found) > 1 else "convert or remove the feature",
        )
    check = present & ~wrong
    invalid = check & ~shapely.is_valid(geoms)
    for idx, g in zip(gdf.index[invalid], geoms[invalid], strict=True):
        report.error(labels[idx], "geometry", f"invalid geometry: {shapely.is_valid_reason(g)}",
                     "fix it in your GIS or read with repair=True (shapely.make_valid)")
    if gdf.crs is not None and check.any():
        _check_plausible_location(gdf, report, labels, check)


def _check_plausible_location(gdf: gpd.GeoDataFrame, report: ValidationReport, labels: pd.Series, mask: np.ndarray) -> None:
    crs = CRS.from_user_input(gdf.crs)
    geoms = gdf.geometry.values[mask]
    pts = shapely.get_coordinates(shapely.point_on_surface(geoms))
    if crs.is_geographic:
        lon, lat = pts[:, 0], pts[:, 1]
    else:
        tr = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        lon, lat = tr.transform(pts[:, 0], pts[:, 1])
    minx, miny, maxx, maxy = settings.germany_bounds_lonlat
    inside = (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)
    swapped = (lat >= minx) & (lat <= maxx) & (lon >= miny) & (lon <= maxy)
    idx_all = gdf.index[mask]
    bad = ~inside
    if not bad.any():
        return
    n_bad = int(bad.sum())
    first = [labels[i] for i in idx_all[bad][:5]]
    if crs.is_geographic and swapped[bad].all():
        report.error(None, "geometry",
                     f"{n_bad} features lie outside Germany; their coordinates look like lat/lon given as x/y (swapped), e.g. rows {', '.join(first)}",
                     "swap the coordinate columns: x is the longitude (≈ 6–15), y the latitude (≈ 47–55)")
        return
    for i, idx in enumerate(idx_all[bad]):
        report.error(labels[idx], "geometry",
                     f"location ({lon[bad][i]:.4f}, {lat[bad][i]:.4f}) in lon/lat lies outside Germany",
                     f"check the CRS (the layer says {crs.to_string()}) and the coordinate columns")


def _check_partition(gdf: gpd.GeoDataFrame, report: ValidationReport, labels: pd.Series) -> None:
    geoms = gdf.geometry.values
    if len(geoms) < 2 or (gdf.crs is not None and CRS.from_user_input(gdf.crs).is_geographic):
        return
    tol = settings.quarter_gap_tolerance_m
    edges = shapely.coverage_invalid_edges(geoms, gap_width=tol)
    bad = ~shapely.is_empty(edges) & ~shapely.is_missing(edges)
    if not bad.any():
        return
    tree = shapely.STRtree(geoms)
    for i in np.flatnonzero(bad):
        length = shapely.length(edges[i])
        near = tree.query(geoms[i], predicate="intersects")
        overlaps = [
            labels.iloc[j] for j in near
            if j != i and shapely.area(shapely.intersection(geoms[i], geoms[j])) > 1e-6
        ]
        if overlaps:
            problem = f"quarter overlaps {', '.join(map(str, overlaps))}"
        else:
            problem = f"edges ({length:.1f} m) do not match the neighbouring quarters (gap narrower than {tol:g} m or misaligned vertices)"
        report.warn(labels.iloc[i], "geometry", problem,
                    "quarters should partition the centre: snap shared edges in your GIS")
