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

import datetime as _dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
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
    "KENNZEICHEN_RE",
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
        raise KeyError(
            f"{self.kind} has no column {name!r}; columns: {', '.join(self.column_names)}"
        )


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
            Column(
                "legal_basis", "str", required=True, description="e.g. '§ 25 Abs. 1 Nr. 2 BauGB'"
            ),
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
            Column(
                "parcel_id", "str", required=True, description="20-character Flurstückskennzeichen"
            ),
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
#: Use with ``fullmatch`` (``$`` alone would accept a trailing newline).
KENNZEICHEN_RE = re.compile(
    r"^([0-9]{2})([0-9]{4})([0-9]{3}|___)([0-9]{5})([0-9]{4}|____)([0-9]{2}|__)$"
)

_KENNZEICHEN_HINT = (
    "20 characters: Land(2) Gemarkung(4) Flur(3) Zähler(5) Nenner(4) Folge(2), "
    "unused positions '_', e.g. '051234017001230004__'"
)

#: German (and common) words for allowed values, used only for "did you mean" hints.
_SYNONYMS: dict[str, str] = {
    "leer": "vacant",
    "leerstand": "vacant",
    "leerstehend": "vacant",
    "frei": "vacant",
    "belegt": "occupied",
    "vermietet": "occupied",
    "genutzt": "occupied",
    "verfügbar": "available",
    "reserviert": "reserved",
    "vergeben": "taken_up",
    "verkauft": "taken_up",
    "keine": "none",
    "leicht": "minor",
    "schwer": "major",
    "einzelhandel": "retail",
    "gastronomie": "gastronomy",
    "dienstleistung": "services",
    "büro": "office",
    "sonstige": "other",
    "wohnen": "residential",
    "gemischt": "mixed",
    "öffentlich": "public",
    "privat": "private",
}


def spec(kind: str) -> LayerSpec:
    """Return the :class:`LayerSpec` of ``kind``; unknown kinds raise a ValueError listing the valid ones.

    Examples
    --------
    >>> from geoinnenstadt.schema import spec
    >>> spec("units").key
    ('unit_id', 'survey_date')
    """
    try:
        return LAYERS[kind]
    except (KeyError, TypeError):
        hint = _did_you_mean(str(kind), KINDS)
        raise ValueError(
            f"unknown layer kind {kind!r}{hint}; valid kinds: {', '.join(KINDS)}"
        ) from None


def _kennzeichen_problem(value: str) -> str | None:
    """What is wrong with a Flurstückskennzeichen, or None when it is well-formed."""
    if len(value) != 20:
        return f"has {len(value)} characters, not 20"
    odd = sorted({c for c in value if c not in "0123456789_"})
    if odd:
        return f"contains characters other than digits and '_': {''.join(odd)!r}"
    m = KENNZEICHEN_RE.fullmatch(value)
    if m is None:
        return "'_' only fills unused Flur, Nenner or Folge positions"
    if not 1 <= int(m.group(1)) <= 16:
        return f"Land code {m.group(1)!r} is not 01–16"
    if int(m.group(2)) == 0:
        return "Gemarkung 0000 does not exist"
    if int(m.group(4)) == 0:
        return "Flurstücksnummer (Zähler) 00000 does not exist"
    return None


def is_valid_kennzeichen(value: object) -> bool:
    """True if ``value`` is a well-formed 20-character Flurstückskennzeichen with a Land code 01–16.

    Examples
    --------
    >>> from geoinnenstadt.schema import is_valid_kennzeichen
    >>> is_valid_kennzeichen("051234017001230004__")
    True
    >>> is_valid_kennzeichen("171234017001230004__")  # there is no Land 17
    False
    """
    return isinstance(value, str) and _kennzeichen_problem(value) is None


def _did_you_mean(value: str, choices: Iterable[Any]) -> str:
    lowered = {str(c).lower(): str(c) for c in choices}
    key = str(value).strip().lower()
    if key in lowered:
        return f" (did you mean {lowered[key]!r}?)"
    if key in _SYNONYMS and _SYNONYMS[key].lower() in lowered:
        return f" (did you mean {lowered[_SYNONYMS[key].lower()]!r}?)"
    close = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.6)
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
        One row per problem with columns ``row`` (feature id — for the units
        panel ``"<unit_id> @ <survey_date>"`` —, ``#n`` for the n-th feature
        when the id is missing, None for problems of the whole layer),
        ``column``, ``problem`` and ``hint``.
    repaired : list
        Ids of features whose geometry was repaired with ``shapely.make_valid``.
    notes : list of str
        Informational messages, e.g. which columns were used as coordinates.
    n_rows : int
        Number of rows checked.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> bad = city.units.head(2).copy()
    >>> bad["floor_area_m2"] = [0.0, -5.0]
    >>> report = gi.validate(bad, "units")
    >>> report.ok, len(report.errors)
    (False, 2)
    >>> list(report.errors.columns)
    ['row', 'column', 'problem', 'hint']
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
        """Record an error (``row`` None = the whole layer)."""
        self._errors.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def warn(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        """Record a warning: reported, but the layer stays usable."""
        self._warnings.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def note(self, message: str) -> None:
        """Record an informational message."""
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
        """Errors: one row per problem (columns ``row``, ``column``, ``problem``, ``hint``)."""
        return _problem_frame(self._errors)

    @property
    def warnings(self) -> pd.DataFrame:
        """Warnings: one row per problem (columns ``row``, ``column``, ``problem``, ``hint``)."""
        return _problem_frame(self._warnings)

    def to_frame(self) -> pd.DataFrame:
        """Errors and warnings in one table with a leading ``severity`` column."""
        frame = _problem_frame(
            [{"severity": "error", **p} for p in self._errors]
            + [{"severity": "warning", **p} for p in self._warnings],
            columns=["severity", *_PROBLEM_COLUMNS],
        )
        return frame

    def _where(self) -> str:
        return f"{self.kind} layer" + (f" from {self.source}" if self.source else "")

    def summary(self) -> str:
        """One-line summary."""
        return (
            f"{self._where()}: {self.n_rows} rows, {_plural(len(self._errors), 'error')}, "
            f"{_plural(len(self._warnings), 'warning')}, "
            f"{_plural(len(self.repaired), 'repaired geometry', 'repaired geometries')}"
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
        """Raise one :class:`SchemaError` listing the first problems and the total count.

        The message lists the first ``settings.max_listed_problems`` errors; the
        whole report is attached as the error's ``.report``. Does nothing when
        the report is :attr:`ok`.
        """
        if self.ok:
            return
        n = len(self._errors)
        lines = [f"{_plural(n, 'error')} in the {self._where()}:"]
        lines += self._format_problems(self._errors, max(int(settings.max_listed_problems), 0))
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


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _problem_frame(
    problems: Sequence[dict[str, Any]], columns: Sequence[str] = tuple(_PROBLEM_COLUMNS)
) -> pd.DataFrame:
    return pd.DataFrame(list(problems), columns=list(columns), dtype=object)


# --------------------------------------------------------------------------- coercion

_TRUE = {"true", "1", "yes", "ja", "j", "y", "x", "wahr"}
_FALSE = {"false", "0", "no", "nein", "n", "falsch"}
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: ISO 8601 dates, also GDAL's text form of dates ("2025/06/30 00:00:00", e.g. from Shapefiles).
_ISO_DATE = re.compile(
    r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MIN_DATE = pd.Timestamp.min.ceil("D")
_MAX_DATE = pd.Timestamp.max.floor("D")


def _is_missing_scalar(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (float, np.floating)):
        return bool(np.isnan(v))
    if isinstance(v, np.datetime64):
        return bool(np.isnat(v))
    return False


def _objects(values: pd.Series) -> np.ndarray:
    """Values as an object array with None for every kind of missing value."""
    return np.array(
        [None if _is_missing_scalar(v) else v for v in values.astype("object")], dtype=object
    )


def _present(values: pd.Series) -> pd.Series:
    """True where a value is given (not missing and not blank text)."""

    def given(v: Any) -> bool:
        if _is_missing_scalar(v):
            return False
        return not (isinstance(v, str) and v.strip() == "")

    return values.astype("object").map(given).astype(bool)


def _parse_date(v: Any) -> pd.Timestamp | Any:
    """One value → midnight Timestamp (naive) or NaT; never raises."""
    if _is_missing_scalar(v) or isinstance(v, (bool, np.bool_)):
        return pd.NaT
    try:
        if isinstance(v, (pd.Timestamp, _dt.datetime, np.datetime64)):
            ts = pd.Timestamp(v)
            if ts.tzinfo is not None:
                ts = ts.tz_localize(None)
            ts = ts.normalize()
        elif isinstance(v, _dt.date):
            ts = pd.Timestamp(v.year, v.month, v.day)
        elif isinstance(v, str):
            text = v.strip()
            if m := _GERMAN_DATE.fullmatch(text):
                ts = pd.Timestamp(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            elif m := _ISO_DATE.fullmatch(text):
                ts = pd.Timestamp(int(m.group(1)), int(m.group(3)), int(m.group(4)))
            else:
                return pd.NaT
        else:  # numbers (Excel serials are ambiguous), lists, …
            return pd.NaT
    except (ValueError, OverflowError, TypeError):  # 31.02.2025, year 0, …
        return pd.NaT
    if not _MIN_DATE <= ts <= _MAX_DATE:
        return pd.NaT
    return ts


def _to_date(values: pd.Series) -> pd.Series:
    """Parse dates: datetime64, ISO strings (also ``yyyy/mm/dd``), German ``dd.mm.yyyy``; else NaT.

    The result is naive ``datetime64[ns]`` at midnight (dates carry no time of day).
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        out = out.where((out >= _MIN_DATE) & (out <= _MAX_DATE))
        return out.astype("datetime64[ns]").dt.normalize()
    as_object = values.astype("object")
    keys = as_object.map(lambda v: v if isinstance(v, (str, int, float)) else repr(v))
    cache: dict[Any, Any] = {}
    parsed = []
    for key, v in zip(keys, as_object, strict=True):
        if key not in cache:
            cache[key] = _parse_date(v)
        parsed.append(cache[key])
    return pd.Series(
        pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce").to_numpy(),
        index=values.index,
        name=values.name,
    ).astype("datetime64[ns]")


def _to_float(values: pd.Series) -> pd.Series:
    """Numbers, also with German decimal commas ("1.234,5"); unparseable or infinite → NaN."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
    else:

        def conv(v: Any) -> float:
            if _is_missing_scalar(v) or isinstance(v, (bool, np.bool_)):
                return np.nan
            if isinstance(v, (int, float, np.integer, np.floating)):
                return float(v)
            if not isinstance(v, str):
                return np.nan
            text = v.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            if "," in text:  # German: "." groups thousands, "," is the decimal mark
                text = text.replace(".", "").replace(",", ".")
            try:
                return float(text)
            except ValueError:
                return np.nan

        out = values.astype("object").map(conv).astype("float64")
    return out.where(np.isfinite(out))


def _to_int(values: pd.Series) -> pd.Series:
    """Whole numbers as nullable ``Int64``; fractions and unparseable values → NA."""
    f = _to_float(values)
    return f.where(f == np.round(f)).astype("Int64")


def _to_bool(values: pd.Series) -> pd.Series:
    """Flags as nullable ``boolean``: true/false, ja/nein, 1/0, x; unparseable → NA."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean")

    def conv(v: Any) -> Any:
        if _is_missing_scalar(v):
            return pd.NA
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        t = str(v).strip().lower()
        if t in _TRUE:
            return True
        if t in _FALSE:
            return False
        return pd.NA

    return values.astype("object").map(conv).astype("boolean")


def _to_str(values: pd.Series) -> pd.Series:
    """Text as ``string``; whole floats lose their ``.0`` (ids read as numbers)."""

    def conv(v: Any) -> Any:
        if _is_missing_scalar(v):
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        return str(v)

    return values.astype("object").map(conv).astype("string")


_CONVERTERS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "date": _to_date,
    "float": _to_float,
    "int": _to_int,
    "bool": _to_bool,
    "str": _to_str,
}

_DTYPE_HINTS = {
    "date": "use YYYY-MM-DD or DD.MM.YYYY (format Excel columns as dates, not numbers)",
    "float": "use a finite number such as 123.5 or 123,5",
    "int": "use a whole number",
    "bool": "use true/false, ja/nein or 1/0",
    "str": "",
}


def conform(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    """Return a copy with the schema's dtypes: ``string`` ids and texts, naive ``datetime64[ns]`` dates,
    ``float64`` numbers and nullable ``boolean`` flags.

    Values that cannot be converted become missing; :func:`validate` on the
    unconverted data reports them. Columns unknown to the schema are kept.
    For parcels, missing ``gemarkung``/``flur``/``zaehler``/``nenner`` are
    parsed from the Flurstückskennzeichen.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> from geoinnenstadt.schema import conform
    >>> raw = gpd.GeoDataFrame(
    ...     {"unit_id": [7], "survey_date": ["30.06.2025"], "status": ["vacant"],
    ...      "floor_area_m2": ["85,5"]},
    ...     geometry=[Point(393000, 5708000)], crs="EPSG:25832")
    >>> out = conform(raw, "units")
    >>> out.loc[0, "unit_id"], str(out.loc[0, "survey_date"].date()), out.loc[0, "floor_area_m2"]
    ('7', '2025-06-30', np.float64(85.5))
    """
    s = spec(kind)
    out = gdf.copy()
    for col in s.columns:
        if col.name in out.columns and isinstance(out[col.name], pd.Series):
            out[col.name] = _CONVERTERS[col.dtype](out[col.name])
    if kind == "parcels" and "parcel_id" in out.columns:
        _fill_parcel_parts(out)
    return out


def _fill_parcel_parts(gdf: pd.DataFrame) -> None:
    ids = _to_str(gdf["parcel_id"])
    valid = ids.map(is_valid_kennzeichen, na_action="ignore").fillna(False).astype(bool)
    parts = ids.where(valid).str.extract(KENNZEICHEN_RE)
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
            gdf[name] = _to_str(gdf[name]).fillna(values)


# --------------------------------------------------------------------------- validation

_TYPE_NAMES = np.array(
    [
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ],
    dtype=object,
)
_ALLOWED_TYPE_IDS = {"point": [0], "polygon": [3, 6]}


def _row_labels(gdf: pd.DataFrame, s: LayerSpec) -> np.ndarray:
    """Label each row by its id (and survey date for panels), ``#n`` (1-based) when the id is missing."""
    n = len(gdf)
    labels = np.array([f"#{i + 1}" for i in range(n)], dtype=object)
    if isinstance(gdf.get(s.id_column), pd.Series):
        ids = _objects(_to_str(gdf[s.id_column]))
        given = np.array([v is not None and v.strip() != "" for v in ids], dtype=bool)
        labels[given] = ids[given]
    if len(s.key) > 1:
        parts = []
        for name in s.key[1:]:
            if not isinstance(gdf.get(name), pd.Series):
                return labels
            raw = gdf[name]
            text = raw.astype("object").map(lambda v: "?" if _is_missing_scalar(v) else str(v))
            if s.column(name).dtype == "date":
                dates = _to_date(raw)
                text = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), text)
            parts.append(text.to_numpy(dtype=object))
        for extra in parts:
            labels = np.array(
                [f"{a} @ {b}" for a, b in zip(labels, extra, strict=True)], dtype=object
            )
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
        Bad data never raises here: every problem ends up in the report.

    Raises
    ------
    ValueError
        Only for an unknown ``kind``.

    Notes
    -----
    Checked: CRS present (and equal to ``settings.working_crs``, else a
    warning), required columns, dtypes (dates also as ``30.06.2025``,
    numbers also with decimal commas), allowed category values (with a "did
    you mean" hint), unique ids (``(unit_id, survey_date)`` for the units
    panel), geometry type, missing, empty and invalid geometries (with
    ``shapely.is_valid_reason``), coordinates inside Germany (with hints on
    swapped axes or a wrong CRS), ``floor_area_m2 > 0``, ``vacant_since``
    present for vacant units and not after ``survey_date``, ``taken_up_on``
    present for taken-up sites, and the Flurstückskennzeichen format.
    Quarters that overlap or leave slivers narrower than
    ``settings.quarter_gap_tolerance_m`` are warnings; shared edges whose
    vertices differ but that leave no gap are accepted.

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
    >>> report.errors["hint"].iloc[0]
    "allowed: occupied, vacant (did you mean 'vacant'?)"
    """
    s = spec(kind)
    try:
        n_rows = len(gdf)
    except TypeError:
        n_rows = 0
    report = ValidationReport(kind, source=source, n_rows=n_rows)
    if not isinstance(gdf, gpd.GeoDataFrame):
        report.error(
            None,
            None,
            f"expected a GeoDataFrame, got {type(gdf).__name__}",
            "read files with gi.read_layer(path, kind=...) or build one with geopandas.GeoDataFrame(...)",
        )
        return report
    data = _positional(gdf, report)
    labels = _safe_labels(data, s, report)
    _run(_check_columns, data, s, report, labels)
    _run(_check_values, data, s, report, labels)
    _run(_check_keys, data, s, report, labels)
    geometry_ok = _run(_check_geometry, data, s, report, labels)
    if kind == "quarters" and check_partition and geometry_ok:
        _run(_check_partition, data, s, report, labels)
    return report


def _positional(gdf: gpd.GeoDataFrame, report: ValidationReport) -> gpd.GeoDataFrame:
    """Work on a copy with a 0…n-1 index and unique column names (duplicates are reported)."""
    index = gdf.index
    simple = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    data = gdf if simple else gdf.reset_index(drop=True)
    dup = data.columns.duplicated()
    if dup.any():
        for name in dict.fromkeys(data.columns[dup]):
            report.error(
                None,
                str(name),
                f"column {name!r} occurs more than once",
                "rename or drop the extra columns; only the first is checked",
            )
        data = data.loc[:, ~dup]
    return data


def _safe_labels(data: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport) -> np.ndarray:
    try:
        return _row_labels(data, s)
    except Exception as exc:  # never let labelling stop the validation
        report.note(f"rows are named by position: ids could not be read ({exc})")
        return np.array([f"#{i + 1}" for i in range(len(data))], dtype=object)


def _run(
    check: Callable[[gpd.GeoDataFrame, LayerSpec, ValidationReport, np.ndarray], None],
    data: gpd.GeoDataFrame,
    s: LayerSpec,
    report: ValidationReport,
    labels: np.ndarray,
) -> bool:
    """Run one check; an unexpected exception becomes an error in the report, never a crash."""
    try:
        check(data, s, report, labels)
    except Exception as exc:
        name = check.__name__.removeprefix("_check_")
        report.error(
            None,
            None,
            f"the {name} check could not run on this data ({type(exc).__name__}: {exc})",
            "fix the problems above first; if this persists, report it as a bug in geoinnenstadt",
        )
        return False
    return True


def _check_columns(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    geom_name = gdf._geometry_column_name
    present = [str(c) for c in gdf.columns if c != geom_name]
    for name in s.required_columns:
        if name not in gdf.columns:
            hint = _did_you_mean(name, present).strip()
            report.error(
                None,
                name,
                f"required column {name!r} is missing; the layer has: "
                f"{', '.join(present) or '(no columns)'}",
                (hint + " " if hint else "")
                + f"map a source column with columns={{'SOURCE': {name!r}}}",
            )


def _check_values(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    converted: dict[str, pd.Series] = {}
    given: dict[str, np.ndarray] = {}
    for col in s.columns:
        if col.name not in gdf.columns:
            continue
        raw = gdf[col.name]
        conv = _CONVERTERS[col.dtype](raw)
        converted[col.name] = conv
        present = _present(raw).to_numpy()
        given[col.name] = present
        unreadable = present & conv.isna().to_numpy()
        for i in np.flatnonzero(unreadable):
            report.error(
                labels[i],
                col.name,
                f"cannot read {_short_repr(raw.iloc[i])} as {col.dtype}",
                _DTYPE_HINTS[col.dtype],
            )
        if col.required:
            for i in np.flatnonzero(~present):
                report.error(
                    labels[i],
                    col.name,
                    "required value is missing",
                    "fill in a value for every row",
                )
        if col.allowed is not None:
            values = _objects(conv)
            for i in np.flatnonzero(present & ~unreadable):
                value = values[i]
                if value not in col.allowed:
                    report.error(
                        labels[i],
                        col.name,
                        f"unknown value {value!r}",
                        f"allowed: {', '.join(col.allowed)}{_did_you_mean(value, col.allowed)}",
                    )
    if s.kind == "units":
        _check_units(converted, given, report, labels)
    elif s.kind == "sites" and "status" in converted:
        taken = (converted["status"] == "taken_up").fillna(False).to_numpy(dtype=bool)
        has_date = given.get("taken_up_on", np.zeros(len(gdf), dtype=bool))
        for i in np.flatnonzero(taken & ~has_date):
            report.error(
                labels[i],
                "taken_up_on",
                "taken-up site without taken_up_on",
                "enter the date of the take-up (Inanspruchnahme)",
            )
    elif s.kind == "parcels" and "parcel_id" in converted:
        ids = _objects(converted["parcel_id"])
        for pos, value in enumerate(ids):
            if value is None or not given["parcel_id"][pos]:
                continue
            problem = _kennzeichen_problem(value)
            if problem is not None:
                report.error(
                    labels[pos],
                    "parcel_id",
                    f"malformed Flurstückskennzeichen {value!r}: {problem}",
                    _KENNZEICHEN_HINT,
                )


def _check_units(
    converted: dict[str, pd.Series],
    given: dict[str, np.ndarray],
    report: ValidationReport,
    labels: np.ndarray,
) -> None:
    area = converted.get("floor_area_m2")
    if area is not None:
        values = area.to_numpy(dtype=float, na_value=np.nan)
        for i in np.flatnonzero(values <= 0):
            report.error(
                labels[i],
                "floor_area_m2",
                f"floor area must be > 0, got {values[i]:g}",
                "enter the usable floor area in m²",
            )
    status = converted.get("status")
    if status is not None:
        vacant = (status == "vacant").fillna(False).to_numpy(dtype=bool)
        has_since = given.get("vacant_since", np.zeros(len(vacant), dtype=bool))
        for i in np.flatnonzero(vacant & ~has_since):
            report.error(
                labels[i],
                "vacant_since",
                "vacant unit without vacant_since",
                "enter the date since when the unit is vacant (Leerstand seit)",
            )
    since = converted.get("vacant_since")
    survey = converted.get("survey_date")
    if since is not None and survey is not None:
        late = (since > survey).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(late):
            report.error(
                labels[i],
                "vacant_since",
                f"vacant_since {since.iloc[i]:%Y-%m-%d} is after survey_date "
                f"{survey.iloc[i]:%Y-%m-%d}",
                "vacant_since must be on or before the survey date",
            )


def _short_repr(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_keys(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    if not all(c in gdf.columns for c in s.key):
        return
    keys = pd.DataFrame({c: _CONVERTERS[s.column(c).dtype](gdf[c]) for c in s.key})
    usable = keys.notna().all(axis=1).to_numpy()
    sub = keys[usable]
    dup = sub.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    positions = np.flatnonzero(usable)
    first_of = sub.reset_index(drop=True).groupby(list(s.key), sort=False).ngroup().to_numpy()
    first_pos: dict[int, int] = {}
    for pos, group in zip(positions, first_of, strict=True):
        first_pos.setdefault(int(group), int(pos))
    what = " and ".join(s.key)
    for pos, group, is_dup in zip(positions, first_of, dup, strict=True):
        if is_dup:
            report.error(
                labels[pos],
                s.id_column,
                f"duplicate {what} (feature #{pos + 1} repeats feature #{first_pos[int(group)] + 1})",
                f"each {what} must occur once; remove or renumber the duplicate",
            )


def _check_geometry(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    geom_name = gdf._geometry_column_name
    if geom_name is None or geom_name not in gdf.columns:
        report.error(
            None,
            "geometry",
            "the layer has no geometry column",
            "give the coordinate or geometry columns when reading (CSV/Excel: x/y columns) "
            "or set one with gdf.set_geometry(...)",
        )
        return
    if gdf.crs is None:
        report.error(
            None,
            "geometry",
            "the layer has no CRS",
            f"pass crs= when reading (e.g. crs={settings.working_crs!r}) or set it with gdf.set_crs(...)",
        )
    elif not CRS.from_user_input(gdf.crs).equals(
        CRS.from_user_input(settings.working_crs), ignore_axis_order=True
    ):
        report.warn(
            None,
            "geometry",
            f"the layer is in {gdf.crs.to_string()}, not in the working CRS {settings.working_crs}",
            "read it with gi.read_layer or reproject with gdf.to_crs(gi.settings.working_crs)",
        )
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = np.asarray(shapely.is_missing(geoms), dtype=bool)
    empty = np.asarray(shapely.is_empty(geoms), dtype=bool) & ~missing
    for i in np.flatnonzero(missing):
        report.error(
            labels[i],
            "geometry",
            "geometry is missing",
            "add the feature's location or remove the row",
        )
    for i in np.flatnonzero(empty):
        report.error(
            labels[i],
            "geometry",
            "geometry is empty",
            "add the feature's location or remove the row",
        )
    present = ~(missing | empty)
    types = np.asarray(shapely.get_type_id(geoms))
    wrong = present & ~np.isin(types, _ALLOWED_TYPE_IDS[s.geometry])
    found = sorted(set(_TYPE_NAMES[types[present]]))
    expected = " or ".join(s.geometry_types)
    for i in np.flatnonzero(wrong):
        if len(found) > 1:
            hint = f"the layer mixes geometry types ({', '.join(found)}); keep only {expected}"
        elif types[i] == 4 and s.geometry == "point":
            hint = "give each unit its own row with a single point (GeoDataFrame.explode())"
        else:
            hint = f"convert the feature to {expected} or remove it"
        report.error(
            labels[i],
            "geometry",
            f"geometry type {_TYPE_NAMES[types[i]]} is not allowed for {s.kind} (expected {expected})",
            hint,
        )
    candidates = present & ~wrong
    invalid = candidates & ~np.asarray(shapely.is_valid(geoms), dtype=bool)
    for i in np.flatnonzero(invalid):
        report.error(
            labels[i],
            "geometry",
            f"invalid geometry: {shapely.is_valid_reason(geoms[i])}",
            "fix it in your GIS or read with repair=True (shapely.make_valid)",
        )
    located = candidates & ~invalid
    if gdf.crs is not None and located.any():
        _check_plausible_location(gdf, report, labels, located)


def _to_lonlat(crs: CRS, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tr = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    with np.errstate(all="ignore"):
        lon, lat = tr.transform(x, y, errcheck=False)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _in_germany(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    minx, miny, maxx, maxy = settings.germany_bounds_lonlat
    with np.errstate(invalid="ignore"):
        return (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)


def _check_plausible_location(
    gdf: gpd.GeoDataFrame, report: ValidationReport, labels: np.ndarray, mask: np.ndarray
) -> None:
    crs = CRS.from_user_input(gdf.crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object)[mask]
    bounds = shapely.bounds(geoms)
    x = (bounds[:, 0] + bounds[:, 2]) / 2
    y = (bounds[:, 1] + bounds[:, 3]) / 2
    lon, lat = _to_lonlat(crs, x, y)
    bad = ~_in_germany(lon, lat)
    if not bad.any():
        return
    swapped_lon, swapped_lat = _to_lonlat(crs, y, x)
    swapped = _in_germany(swapped_lon, swapped_lat)
    looks_degrees = (np.abs(x) <= 180) & (np.abs(y) <= 90)
    rows = np.flatnonzero(mask)
    crs_name = crs.to_string()
    for k in np.flatnonzero(bad):
        where = f"({x[k]:.6g}, {y[k]:.6g}) in {crs_name}"
        if swapped[k]:
            problem = f"location {where} lies outside Germany; x and y look swapped"
            hint = (
                "swap the coordinate columns: x is the longitude (≈ 6–15) or easting, "
                "y the latitude (≈ 47–55) or northing"
            )
        elif not crs.is_geographic and looks_degrees[k]:
            problem = f"location {where} lies outside Germany; the coordinates look like degrees"
            hint = f"the file's CRS is probably wrong: read it with crs='EPSG:4326' instead of {crs_name}"
        elif crs.is_geographic and not looks_degrees[k]:
            problem = f"location {where} lies outside Germany; the coordinates look like metres"
            hint = f"the file's CRS is probably wrong: read it with a projected CRS such as crs={settings.working_crs!r}"
        else:
            shown = (
                f"lon/lat ({lon[k]:.4f}, {lat[k]:.4f})"
                if np.isfinite(lon[k])
                else "no valid lon/lat"
            )
            problem = f"location {where} = {shown} lies outside Germany"
            hint = f"check the CRS (the layer says {crs_name}) and the coordinate columns"
        report.error(labels[rows[k]], "geometry", problem, hint)


def _check_partition(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    """Quarters should partition the centre: overlaps and sliver gaps are warnings."""
    if gdf._geometry_column_name not in gdf.columns:
        return  # reported by _check_geometry
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    usable = (
        ~np.asarray(shapely.is_missing(geoms), dtype=bool)
        & ~np.asarray(shapely.is_empty(geoms), dtype=bool)
        & np.isin(np.asarray(shapely.get_type_id(geoms)), _ALLOWED_TYPE_IDS["polygon"])
    )
    usable[usable] = np.asarray(shapely.is_valid(geoms[usable]), dtype=bool)
    rows = np.flatnonzero(usable)
    if len(rows) < 2:
        return
    if gdf.crs is None:
        report.note("partition check skipped: the layer has no CRS, so gap widths have no unit")
        return
    sub = gpd.GeoSeries(geoms[rows], crs=gdf.crs)
    if not CRS.from_user_input(gdf.crs).equals(CRS.from_user_input(settings.working_crs)):
        sub = sub.to_crs(settings.working_crs)
    parts = np.asarray(sub.values, dtype=object)
    tol = float(settings.quarter_gap_tolerance_m)
    edges = shapely.coverage_invalid_edges(parts, gap_width=tol)
    flagged = np.flatnonzero(~shapely.is_empty(edges) & ~shapely.is_missing(edges))
    if len(flagged) == 0:
        return
    tree = shapely.STRtree(parts)
    hint = "quarters should partition the centre: snap shared edges in your GIS"
    mismatched = 0
    for i in flagged:
        near = [int(j) for j in tree.query(parts[i], predicate="dwithin", distance=tol) if j != i]
        overlaps = []
        for j in near:
            area = float(shapely.area(shapely.intersection(parts[i], parts[j])))
            if area > 1e-6:
                overlaps.append(f"{labels[rows[j]]} ({area:.1f} m²)")
        if overlaps:
            report.warn(
                labels[rows[i]], "geometry", f"quarter overlaps {', '.join(overlaps)}", hint
            )
            continue
        # edges lying on a neighbour's boundary only differ in their vertices: no gap, no overlap
        rest = edges[i]
        if near:
            shared = shapely.buffer(shapely.union_all(shapely.boundary(parts[near])), 1e-6)
            rest = shapely.difference(rest, shared)
        length = float(shapely.length(rest))
        if length <= 1e-6:
            mismatched += 1
            continue
        report.warn(
            labels[rows[i]],
            "geometry",
            f"gap narrower than {tol:g} m to the neighbouring quarters along {length:.1f} m of the boundary",
            hint,
        )
    if mismatched:
        report.note(
            f"{_plural(mismatched, 'quarter')} share edges with neighbours whose vertices differ "
            "(no gap or overlap; nothing to do)"
        )
