"""Layer specifications: the columns, value sets and geometry of each layer kind.

Part of :mod:`geoinnenstadt.schema`; import from there.

Every ``date`` column of a spec records something that has happened (a
survey, a take-up, a council decision): :func:`geoinnenstadt.schema.validate`
reports dates after today as errors.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``did_you_mean``.

Examples
--------
>>> from geoinnenstadt.schema import LAYERS, spec
>>> spec("units").key
('unit_id', 'survey_date')
>>> LAYERS["units"].personal_columns
('owner_name', 'owner_contact')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "CONTEXT_CATEGORY",
    "CONTEXT_GEOMETRY",
    "CORE_ZONE_CATEGORY",
    "KINDS",
    "LANDUSE_TYPE",
    "LAYERS",
    "LOCATION_CLASS",
    "OWNER_TYPE",
    "PLANNING_BASIS",
    "PLANNING_STAGE",
    "REQUEST_STATUS",
    "RESIDENTIAL_USE",
    "RESTRICTION",
    "SITE_STATUS",
    "SOURCES_WITHOUT_AREAS",
    "UNIT_STATUS",
    "UNIT_USE",
    "USE_CATEGORY",
    "Column",
    "Dtype",
    "LayerSpec",
    "may_be_missing",
    "spec",
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
    #: ``source`` values of rows whose value may be missing although the column is
    #: required (sources that do not record it, e.g. floor areas in OpenStreetMap).
    optional_for_sources: tuple[str, ...] = ()
    #: Other headers of the column as source tables write it (German headers of an Excel
    #: list, e.g. ``"Gesuch-Nr."``); :func:`geoinnenstadt.read_layer` maps them onto ``name``
    #: without ``columns=`` (case, spaces and a trailing dot ignored).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class LayerSpec:
    """Schema of one layer kind (see DESIGN.md §3)."""

    kind: str
    id_column: str
    #: ``"none"``: the kind is a plain table without geometry (``requests``): a
    #: :class:`pandas.DataFrame`, read and written without coordinates or CRS.
    geometry: Literal["point", "polygon", "polygon_or_line", "none"]
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
        """Names of all columns of the kind, required and optional."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Names of the columns every layer of the kind must have."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def personal_columns(self) -> tuple[str, ...]:
        """Columns holding personal data (GDPR): never shown on maps or in briefings."""
        return tuple(c.name for c in self.columns if c.personal)

    @property
    def has_geometry(self) -> bool:
        """False for kinds that are plain tables (``geometry == "none"``, e.g. ``requests``)."""
        return self.geometry != "none"

    @property
    def geometry_types(self) -> tuple[str, ...]:
        """The shapely geometry types a layer of the kind may hold (none for plain tables)."""
        if self.geometry == "none":
            return ()
        if self.geometry == "point":
            return ("Point",)
        if self.geometry == "polygon":
            return ("Polygon", "MultiPolygon")
        return ("Polygon", "MultiPolygon", "LineString", "MultiLineString")

    def column(self, name: str) -> Column:
        """The :class:`Column` called ``name``; KeyError listing the columns otherwise."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(
            f"{self.kind} has no column {name!r}; columns: {', '.join(self.column_names)}"
        )


UNIT_STATUS = ("occupied", "vacant")
UNIT_USE = ("retail", "gastronomy", "services", "office", "other")
#: Use categories of units (*Branchenmix* of the Einzelhandels- und Zentrenkonzepte): the
#: top-level codes, each followed by its leaves ``"top.leaf"``. The tree view, the mapping
#: of labels, OSM tags and WZ 2008 codes and the use mix live in :mod:`geoinnenstadt.uses`.
USE_CATEGORY = (
    "retail_short", "retail_short.food", "retail_short.drugstore", "retail_short.pharmacy",
    "retail_short.flowers", "retail_short.newspapers",
    "retail_medium", "retail_medium.clothing", "retail_medium.shoes", "retail_medium.books",
    "retail_medium.toys", "retail_medium.sport", "retail_medium.household",
    "retail_long", "retail_long.furniture", "retail_long.electronics", "retail_long.optician",
    "retail_long.jewellery", "retail_long.diy",
    "retail_other", "retail_other.unspecified", "retail_other.department_store",
    "retail_other.second_hand",
    "gastronomy", "services", "culture_leisure", "health", "office", "other",
)  # fmt: skip
LOCATION_CLASS = ("1a", "1b", "2")
SITE_STATUS = ("available", "reserved", "taken_up")
RESTRICTION = ("none", "minor", "major")
PLANNING_BASIS = ("B-Plan", "FNP", "none")
OWNER_TYPE = ("public", "private", "firm_reserve")
#: Planning stages of a site, earliest first (first idea → FNP change → B-Plan → servicing →
#: marketable); lead times per stage: :data:`geoinnenstadt.settings.planning_lead_years`.
PLANNING_STAGE = (
    "idea",
    "fnp_change_started",
    "fnp_effective",
    "bplan_started",
    "bplan_effective",
    "serviced",
    "marketable",
)
#: Plausible calendar years of ``expected_available_year`` (inclusive).
YEAR_RANGE = (1900, 2200)
RESIDENTIAL_USE = ("residential", "mixed", "sensitive")
CORE_ZONE_CATEGORY = ("A", "B", "C")
#: Categories of context layers (orientation beneath the maps; DESIGN §3).
CONTEXT_CATEGORY = ("city_boundary", "district", "landuse", "water", "rail", "road")
#: Land-use types of ``category == "landuse"`` (codes of the Flächennutzungs- and
#: Bebauungsplan: Gewerbe-, Industrie-, Misch-, Kern-, Wohn-, Sondergebiet, Grünfläche).
LANDUSE_TYPE = ("GE", "GI", "MI", "MK", "W", "SO", "green")
#: Which geometry each context category takes (polygons are areas, lines are lines).
CONTEXT_GEOMETRY = {
    "city_boundary": "polygon",
    "district": "polygon",
    "landuse": "polygon",
    "water": "polygon_or_line",
    "rail": "line",
    "road": "line",
}
#: Sources of units that record no floor area (``units.source``): their
#: ``floor_area_m2`` may be missing (DESIGN §3); area-based rates exclude and count them.
SOURCES_WITHOUT_AREAS = ("osm", "leerstandsmelder")
#: Status of a space request (Ansiedlungsgesuch): still looking, placed in a unit, withdrawn.
REQUEST_STATUS = ("open", "placed", "withdrawn")
#: Uses a unit or a request may name: the coarse uses and the use categories of gi.uses.
_USES = UNIT_USE + tuple(c for c in USE_CATEGORY if c not in UNIT_USE)

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
            Column(
                "floor_area_m2",
                "float",
                required=True,
                description="floor area in m², > 0; may be missing where source is 'osm' or "
                "'leerstandsmelder' (sources without areas)",
                optional_for_sources=SOURCES_WITHOUT_AREAS,
            ),
            Column("address", "str"),
            Column("ground_floor", "bool"),
            Column(
                "use",
                "str",
                allowed=_USES,
                description="the coarse uses (retail, gastronomy, services, office, other) or a "
                "use category code of gi.uses (e.g. 'retail_medium.clothing')",
            ),
            Column("vacant_since", "date", description="required when status is vacant"),
            Column("previous_use", "str"),
            Column("location_class", "str", allowed=LOCATION_CLASS),
            Column("fund", "str", description="e.g. 'Anmietungs-Fonds'"),
            Column(
                "source",
                "str",
                description="where the record comes from: 'osm', 'leerstandsmelder' (sources "
                "without floor areas) or any other text (e.g. the survey's name)",
            ),
            Column(
                "brand", "str", description="brand of a chain store (OSM 'brand'), not personal"
            ),
            Column("chain", "bool", description="run by a chain (Filialbetrieb)"),
            Column(
                "asking_rent_eur_m2",
                "float",
                description="asking rent in € per m² and month (Angebotsmiete, net of charges)",
            ),
            Column("step_free", "bool", description="step-free access (barrierefreier Zugang)"),
            Column("shop_window_m", "float", description="length of the shop windows in m"),
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
            Column(
                "planning_stage",
                "str",
                allowed=PLANNING_STAGE,
                description="stage of the planning procedure (idea … marketable)",
            ),
            Column(
                "expected_available_year",
                "int",
                description="calendar year the site is expected to be marketable",
            ),
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
            Column("gemarkung", "str", description="4 digits, e.g. '1234'"),
            Column("flur", "str", description="map sheet; missing where the Land has none"),
            Column("zaehler", "str", description="parcel number (numerator)"),
            Column("nenner", "str", description="denominator; missing when none"),
            Column("folge", "str", description="Folgekennzeichen; missing when none"),
            Column("land", "str", description="Land code 01–16 (from the Kennzeichen)"),
            Column(
                "official_area_m2",
                "float",
                description="official area in m² (ALKIS 'flaeche'); the geometry may be clipped",
            ),
            Column("location_text", "str", description="location text (ALKIS 'lagebeztxt')"),
            Column("updated_on", "date", description="last update in the cadastre ('aktualit')"),
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
    "context": LayerSpec(
        "context",
        "context_id",
        "polygon_or_line",
        (
            Column("context_id", "str", required=True),
            Column(
                "category",
                "str",
                required=True,
                allowed=CONTEXT_CATEGORY,
                description="city_boundary, district, landuse, water, rail or road; a land-use "
                "code (GE, GI, …) given here is read as category 'landuse' with that landuse",
            ),
            Column("name", "str", description="e.g. the Stadtbezirk or the river"),
            Column(
                "landuse",
                "str",
                allowed=LANDUSE_TYPE,
                description="land-use type, required when category is 'landuse'",
            ),
        ),
        label_de="Orientierung (Stadtgrenze, Bezirke, Flächennutzung, Gewässer, Bahn, Straßen)",
        description="context beneath the maps: polygons (boundary, districts, land use, water) "
        "and lines (rivers, rail, roads)",
    ),
    "requests": LayerSpec(
        "requests",
        "request_id",
        "none",
        (
            Column(
                "request_id",
                "str",
                required=True,
                description="unique request id",
                aliases=("Gesuch-Nr", "Gesuchsnummer", "Gesuch", "Nr"),
            ),
            Column(
                "received_on",
                "date",
                required=True,
                description="date the request came in",
                aliases=("Eingang", "Eingangsdatum", "Eingegangen am", "Datum"),
            ),
            Column(
                "use",
                "str",
                required=True,
                allowed=_USES,
                description="wanted use: a coarse use or a use category code of gi.uses, as for "
                "units (e.g. 'gastronomy', 'retail_medium.clothing')",
                aliases=("Nutzung", "Branche", "Nutzungsart"),
            ),
            Column(
                "min_floor_area_m2",
                "float",
                required=True,
                description="smallest floor area wanted in m² (not above max_floor_area_m2)",
                aliases=("Fläche von", "Fläche min", "Mindestfläche", "Fläche min. (m²)"),
            ),
            Column(
                "max_floor_area_m2",
                "float",
                required=True,
                description="largest floor area wanted in m²",
                aliases=("Fläche bis", "Fläche max", "Höchstfläche", "Fläche max. (m²)"),
            ),
            Column(
                "ground_floor_required",
                "bool",
                required=True,
                description="only ground-floor units (Erdgeschoss) qualify",
                aliases=("EG erforderlich", "Erdgeschoss erforderlich", "nur EG", "EG"),
            ),
            Column(
                "status",
                "str",
                required=True,
                allowed=REQUEST_STATUS,
                description="open, placed or withdrawn (offen, vermittelt, zurückgezogen)",
                aliases=("Status", "Stand"),
            ),
            Column(
                "preferred_quarters",
                "str",
                description="preferred quarters, their quarter_id or name separated by commas "
                "('Q1, Hansaviertel'); missing means anywhere. A list is accepted and "
                "written as this text",
                aliases=("Wunschquartiere", "Wunschlage", "Quartiere", "Lage"),
            ),
            Column(
                "max_rent_eur_m2",
                "float",
                description="highest rent in € per m² and month",
                aliases=("Miete max", "Miete bis", "Höchstmiete", "Miete max. (€/m²)"),
            ),
            Column(
                "step_free_required",
                "bool",
                description="only units with step-free access qualify",
                aliases=("barrierefrei", "barrierefrei erforderlich", "stufenlos"),
            ),
            Column(
                "contact_name",
                "str",
                personal=True,
                aliases=("Ansprechpartner", "Ansprechpartnerin", "Kontakt", "Name"),
            ),
            Column("contact_email", "str", personal=True, aliases=("E-Mail", "Email", "Mail")),
            Column("contact_phone", "str", personal=True, aliases=("Telefon", "Tel", "Telefonnr")),
        ),
        label_de="Ansiedlungsgesuche",
        description="space requests (Ansiedlungsgesuche) of retailers, restaurateurs, craft firms "
        "and start-ups; a plain table without geometry, business-confidential",
    ),
}

KINDS: tuple[str, ...] = tuple(LAYERS)

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
    "stadtgrenze": "city_boundary",
    "gemeindegrenze": "city_boundary",
    "stadtbezirk": "district",
    "bezirk": "district",
    "stadtteil": "district",
    "flächennutzung": "landuse",
    "gewässer": "water",
    "fluss": "water",
    "bahn": "rail",
    "eisenbahn": "rail",
    "straße": "road",
    "strasse": "road",
    "grünfläche": "green",
    "offen": "open",
    "vermittelt": "placed",
    "platziert": "placed",
    "zurückgezogen": "withdrawn",
    "erledigt": "withdrawn",
}


def may_be_missing(frame: pd.DataFrame, column: Column) -> np.ndarray:
    """Rows of ``frame`` whose ``column`` may be missing although it is required.

    That is the rows whose ``source`` (case and spaces ignored) is one of
    ``column.optional_for_sources`` — the one rule behind "floor area may be
    missing only for sources without areas" (validation and vacancy rates ask it).

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.schema.specs import LAYERS, may_be_missing
    >>> area = LAYERS["units"].column("floor_area_m2")
    >>> may_be_missing(pd.DataFrame({"source": ["OSM", None, "Erhebung 2025"]}), area).tolist()
    [True, False, False]
    >>> may_be_missing(pd.DataFrame({"x": [1]}), area).tolist()
    [False]
    """
    n = len(frame)
    if not column.optional_for_sources or "source" not in frame.columns:
        return np.zeros(n, dtype=bool)
    values = frame["source"]
    if not isinstance(values, pd.Series):  # duplicate column names
        return np.zeros(n, dtype=bool)
    allowed = {v.lower() for v in column.optional_for_sources}
    return np.array(
        [isinstance(v, str) and v.strip().lower() in allowed for v in values.astype("object")],
        dtype=bool,
    )


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
        hint = did_you_mean(str(kind), KINDS)
        raise ValueError(
            f"unknown layer kind {kind!r}{hint}; valid kinds: {', '.join(KINDS)}"
        ) from None


def closest(value: Any, choices: Iterable[Any]) -> str | None:
    """The choice ``value`` most likely meant (by case, synonyms and spelling), or None."""
    lowered = {str(c).lower(): str(c) for c in choices}
    key = str(value).strip().lower()
    if key in lowered:
        return lowered[key]
    if key in _SYNONYMS and _SYNONYMS[key].lower() in lowered:
        return lowered[_SYNONYMS[key].lower()]
    close = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def did_you_mean(value: str, choices: Iterable[Any]) -> str:
    """The hint ``" (did you mean 'x'?)"`` for the closest of ``choices``, or ``""``.

    Closest by case, synonyms and spelling (:func:`closest`).
    """
    meant = closest(value, choices)
    return f" (did you mean {meant!r}?)" if meant is not None else ""
