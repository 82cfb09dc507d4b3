"""German and English display labels and number formatting.

All display text of geoinnenstadt lives here: column labels such as
"Leerstandsquote", category values such as "restriktionsfrei", and German
number formats ("1.234,5 ha", "14,6 %", "30.06.2025", "k. A."). Analysis
modules return English identifiers; maps, plots and briefings translate them
with this module at the very end.

Lookup rules
------------
* :func:`label` looks a key up in the label table; an unknown key is returned
  unchanged (it never raises), so new columns still display.
* Category values whose name is ambiguous across columns are stored with a
  namespace, ``"column.value"`` (``"planning_basis.none"`` is "ohne
  Planungsrecht", while the plain key ``"none"`` is the restriction value
  "restriktionsfrei"). :func:`value_label` tries the namespaced key first.
* Layer kinds are stored as ``"kind.<kind>"`` (``"kind.units"`` is
  "Gewerbeeinheiten"; the plain key ``"units"`` is the column "Einheiten").

Number formatting
-----------------
Numbers are rounded **half away from zero on their decimal representation**
(``format_number(0.25, decimals=1)`` is ``"0,3"`` and ``2.675`` with two
decimals is ``"2,68"``, unlike Python's binary ``round``). Negative numbers
get a true minus sign (U+2212, "−"); a value that rounds to zero is shown
without a sign. The unit follows after a normal space ("1.234,5 ha",
"14,6 %"). Missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) are
:data:`NA_TEXT` ("k. A."; English "n/a"); infinity is "∞".

Examples
--------
>>> from geoinnenstadt import labels
>>> labels.de("vacancy_rate")
'Leerstandsquote'
>>> labels.en("vacancy_rate")
'Vacancy rate'
>>> labels.format_number(1234.5, "ha")
'1.234,5 ha'
>>> labels.format_number(1234.5, "ha", lang="en")
'1,234.5 ha'
>>> labels.format_percent(0.146)
'14,6 %'
>>> labels.format_date("2025-06-30")
'30.06.2025'
>>> labels.format_number(float("nan"))
'k. A.'
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from . import settings

__all__ = [
    "LABELS",
    "LANGUAGES",
    "MINUS",
    "NA_TEXT",
    "NA_TEXT_EN",
    "SAMPLE_NOTE_DE",
    "SAMPLE_NOTE_EN",
    "de",
    "en",
    "format_area_ha",
    "format_date",
    "format_int",
    "format_number",
    "format_percent",
    "format_pp",
    "format_table",
    "label",
    "labels_for",
    "layer_label",
    "na_text",
    "sample_note",
    "value_label",
]

LANGUAGES: tuple[str, ...] = ("de", "en")
NA_TEXT: str = "k. A."
NA_TEXT_EN: str = "n/a"
SAMPLE_NOTE_DE: str = "Beispieldaten (synthetisch)"
SAMPLE_NOTE_EN: str = "Sample data (synthetic)"
MINUS: str = "\u2212"
INFINITY_TEXT: str = "∞"

#: key -> (German, English). Namespaced keys "column.value" disambiguate category values.
LABELS: dict[str, tuple[str, str]] = {
    # --- general -----------------------------------------------------------------
    "total": ("Summe", "Total"),
    "year": ("Jahr", "Year"),
    "date": ("Datum", "Date"),
    "count": ("Anzahl", "Count"),
    "n": ("Anzahl", "Count"),
    "name": ("Name", "Name"),
    "city": ("Stadt", "City"),
    "source": ("Quelle", "Source"),
    "as_of": ("Stand", "As of"),
    "inside": ("innerhalb", "inside"),
    "true": ("ja", "yes"),
    "false": ("nein", "no"),
    "sample_note": (SAMPLE_NOTE_DE, SAMPLE_NOTE_EN),
    "geometry": ("Geometrie", "Geometry"),
    # --- layer kinds ---------------------------------------------------------------
    "kind.quarters": ("City-Quartiere", "City quarters"),
    "kind.core_zones": ("Gewerbe- und Industriekernzonen", "Commercial and industrial core zones"),
    "kind.preemption_areas": ("Vorkaufsrechtsgebiete", "Pre-emption areas"),
    "kind.units": ("Gewerbeeinheiten", "Commercial units"),
    "kind.sites": ("Wirtschaftsflächen", "Commercial and industrial land"),
    "kind.parcels": ("Flurstücke", "Cadastral parcels"),
    "kind.residential": (
        "Wohnbauflächen und schutzbedürftige Nutzungen",
        "Residential areas and sensitive uses",
    ),
    # --- quarters / zones ------------------------------------------------------------
    "quarter_id": ("Quartiers-ID", "Quarter ID"),
    "quarter": ("Quartier", "Quarter"),
    "quarter_name": ("Quartier", "Quarter"),
    "profile": ("Quartiersprofil", "Quarter profile"),
    "district": ("Stadtbezirk", "District"),
    "zone_id": ("Kernzonen-ID", "Core zone ID"),
    "zone_name": ("Kernzone", "Core zone"),
    "core_zone": ("Kernzone", "Core zone"),
    "category": ("Kategorie", "Category"),
    "category.A": ("Kategorie A", "Category A"),
    "category.B": ("Kategorie B", "Category B"),
    "category.C": ("Kategorie C", "Category C"),
    "core_zone.outside": ("außerhalb der Kernzonen", "outside core zones"),
    "adopted_on": ("beschlossen am", "Adopted on"),
    # --- units (Gewerbeeinheiten) -------------------------------------------------------
    "unit_id": ("Einheiten-ID", "Unit ID"),
    "survey_date": ("Erhebungsdatum", "Survey date"),
    "status": ("Status", "Status"),
    "address": ("Adresse", "Address"),
    "ground_floor": ("Erdgeschoss", "Ground floor"),
    "use": ("Nutzung", "Use"),
    "vacant_since": ("leer seit", "Vacant since"),
    "previous_use": ("vorherige Nutzung", "Previous use"),
    "location_class": ("Lage", "Location class"),
    "fund": ("Fonds", "Fund"),
    "owner_name": ("Eigentümer/in", "Owner"),
    "owner_contact": ("Kontakt Eigentümer/in", "Owner contact"),
    "occupied": ("genutzt", "occupied"),
    "vacant": ("leer stehend", "vacant"),
    "status.vacant": ("leer stehend", "vacant"),
    "status.occupied": ("genutzt", "occupied"),
    "retail": ("Einzelhandel", "Retail"),
    "gastronomy": ("Gastronomie", "Gastronomy"),
    "services": ("Dienstleistungen", "Services"),
    "office": ("Büro", "Office"),
    "other": ("Sonstiges", "Other"),
    "1a": ("1a-Lage", "Prime location (1a)"),
    "1b": ("1b-Lage", "Secondary location (1b)"),
    "location_class.1a": ("1a-Lage", "Prime location (1a)"),
    "location_class.1b": ("1b-Lage", "Secondary location (1b)"),
    "location_class.2": ("2er-Lage", "Peripheral location (2)"),
    # --- vacancy indicators --------------------------------------------------------------
    "units": ("Einheiten", "Units"),
    "vacancy_rate": ("Leerstandsquote", "Vacancy rate"),
    "floor_area_m2": ("Verkaufs-/Nutzfläche (m²)", "Floor area (m²)"),
    "vacant_floor_area_m2": ("leer stehende Fläche (m²)", "Vacant floor area (m²)"),
    "floor_area_vacancy_rate": ("Leerstandsquote (Fläche)", "Vacancy rate (floor area)"),
    "median_vacancy_days": ("Median Leerstandsdauer (Tage)", "Median vacancy duration (days)"),
    "mean_vacancy_days": ("mittlere Leerstandsdauer (Tage)", "Mean vacancy duration (days)"),
    "vacancy_days": ("Leerstandsdauer (Tage)", "Vacancy duration (days)"),
    "vacancy_months": ("Leerstandsdauer (Monate)", "Vacancy duration (months)"),
    "long_term_vacant": ("langfristig leer (> 12 Monate)", "Long-term vacant (> 12 months)"),
    "long_term_share": ("Anteil langfristiger Leerstand", "Share long-term vacant"),
    "ground_floor_units": ("Einheiten im Erdgeschoss", "Ground-floor units"),
    "vacant_ground_floor": ("leer stehend im Erdgeschoss", "Vacant ground-floor units"),
    "ground_floor_vacancy_rate": ("Leerstandsquote Erdgeschoss", "Ground-floor vacancy rate"),
    "change_pp": ("Veränderung (Prozentpunkte)", "Change (percentage points)"),
    "vacancy_rate_before": ("Leerstandsquote vorher", "Vacancy rate before"),
    "vacancy_rate_after": ("Leerstandsquote nachher", "Vacancy rate after"),
    "rate_before": ("Quote vorher", "Rate before"),
    "rate_after": ("Quote nachher", "Rate after"),
    "became_vacant": ("neu leer stehend", "Became vacant"),
    "re_let": ("wiedervermietet", "Re-let"),
    "re_let_fund": ("wiedervermietet über Fonds", "Re-let through a fund"),
    "from_date": ("von", "From"),
    "to_date": ("bis", "To"),
    "start": ("Beginn", "Start"),
    "end": ("Ende", "End"),
    "duration_class": ("Leerstandsdauer (Klasse)", "Vacancy duration class"),
    "lt6m": ("< 6 Monate", "< 6 months"),
    "6to12m": ("6–12 Monate", "6–12 months"),
    "12to24m": ("12–24 Monate", "12–24 months"),
    "gt24m": ("> 24 Monate", "> 24 months"),
    "long_term": ("langfristig leer", "Long-term vacant"),
    "flow": ("Veränderung", "Change"),
    "still_vacant": ("weiterhin leer stehend", "Still vacant"),
    "still_occupied": ("weiterhin genutzt", "Still occupied"),
    "new": ("neu erfasst", "New"),
    "removed": ("nicht mehr erfasst", "Removed"),
    "new_units": ("neu erfasste Einheiten", "New units"),
    "new_vacant": ("neu erfasst, leer stehend", "New units, vacant"),
    "removed_units": ("nicht mehr erfasste Einheiten", "Removed units"),
    "status_start": ("Status zu Beginn", "Status at start"),
    "status_end": ("Status am Ende", "Status at end"),
    "fund_end": ("Fonds am Ende", "Fund at end"),
    "n_vacant": ("Anzahl leer stehend", "Vacant units"),
    "units_outside": ("Einheiten außerhalb der Quartiere", "Units outside the quarters"),
    "vacant_area": ("leer stehende Fläche", "Vacant area"),
    # hot spots
    "hotspot": ("Hot-Spot-Klasse", "Hot-spot class"),
    "hotspot_class": ("Hot-Spot-Klasse", "Hot-spot class"),
    "hot": ("Hot Spot (Häufung)", "Hot spot"),
    "cold": ("Cold Spot (Ausdünnung)", "Cold spot"),
    "not_significant": ("nicht signifikant", "Not significant"),
    "gi_z": ("z-Wert (Gi*)", "z-score (Gi*)"),
    "z": ("z-Wert", "z-score"),
    "z_score": ("z-Wert", "z-score"),
    "p_value": ("p-Wert", "p-value"),
    "p_sim": ("p-Wert (Permutation)", "p-value (permutation)"),
    "gi_star": ("Gi*-Statistik", "Gi* statistic"),
    "statistic": ("Statistik", "Statistic"),
    "method": ("Methode", "Method"),
    "n_neighbours": ("Anzahl Nachbarn", "Neighbours"),
    "n_islands": ("Anzahl ohne Nachbarn", "Islands (no neighbours)"),
    "grid_size_m": ("Rasterweite (m)", "Grid size (m)"),
    "cell_id": ("Rasterzelle", "Grid cell"),
    "grid_id": ("Rasterzelle", "Grid cell"),
    "distance_band_m": ("Distanzband (m)", "Distance band (m)"),
    "permutations": ("Permutationen", "Permutations"),
    "join_count": ("Join Count", "Join count"),
    # --- sites (Wirtschaftsflächen) and land indicators -------------------------------------
    "site_id": ("Flächen-ID", "Site ID"),
    "site": ("Fläche", "Site"),
    "sites": ("Anzahl Flächen", "Sites"),
    "restriction": ("Restriktionen", "Restrictions"),
    "taken_up_on": ("in Anspruch genommen am", "Taken up on"),
    "brownfield": ("Brachfläche", "Brownfield"),
    "brownfield.True": ("Brachfläche", "Brownfield"),
    "brownfield.False": ("keine Brachfläche", "Not a brownfield"),
    "brownfield.true": ("Brachfläche", "Brownfield"),
    "brownfield.false": ("keine Brachfläche", "Not a brownfield"),
    "brownfield.unknown": ("unbekannt", "Unknown"),
    "not_brownfield": ("keine Brachfläche", "Not a brownfield"),
    "unknown": ("unbekannt", "unknown"),
    "outside": ("außerhalb", "outside"),
    "group": ("Gruppe", "Group"),
    "planning_basis": ("Planungsrecht", "Planning basis"),
    "owner_type": ("Eigentümerart", "Owner type"),
    "available": ("verfügbar", "available"),
    "reserved": ("reserviert", "reserved"),
    "taken_up": ("in Anspruch genommen", "taken up"),
    "none": ("restriktionsfrei", "no restrictions"),
    "minor": ("leichte Restriktionen", "minor restrictions"),
    "major": ("schwere Restriktionen", "major restrictions"),
    "restriction.none": ("restriktionsfrei", "no restrictions"),
    "restriction.minor": ("leichte Restriktionen", "minor restrictions"),
    "restriction.major": ("schwere Restriktionen", "major restrictions"),
    "B-Plan": ("Bebauungsplan", "Binding land-use plan (B-Plan)"),
    "FNP": ("Flächennutzungsplan", "Preparatory land-use plan (FNP)"),
    "planning_basis.none": ("ohne Planungsrecht", "No planning basis"),
    "public": ("öffentlich", "public"),
    "private": ("privat", "private"),
    "firm_reserve": ("Betriebserweiterungsfläche", "Firm's expansion reserve"),
    "owner_type.unknown": ("unbekannt", "Unknown"),
    "planning_basis.unknown": ("unbekannt", "Unknown"),
    "size_class": ("Größenklasse", "Size class"),
    "lt1": ("< 1 ha", "< 1 ha"),
    "1to5": ("1–5 ha", "1–5 ha"),
    "5to10": ("5–10 ha", "5–10 ha"),
    "ge10": ("≥ 10 ha", "≥ 10 ha"),
    "area_ha": ("Fläche (ha)", "Area (ha)"),
    "area_m2": ("Fläche (m²)", "Area (m²)"),
    "reserve": ("Flächenreserve", "Land reserve"),
    "reserve_ha": ("Flächenreserve (ha)", "Land reserve (ha)"),
    "zone_ha": ("Fläche der Kernzone (ha)", "Zone area (ha)"),
    "covered_ha": ("davon mit Vorkaufsrecht (ha)", "Covered by pre-emption (ha)"),
    "covered_share": ("Anteil mit Vorkaufsrecht", "Share under pre-emption"),
    "reserve_free_ha": ("restriktionsfreie Reserve (ha)", "Restriction-free reserve (ha)"),
    "reserve_share": ("Anteil an der Flächenreserve", "Share of the reserve"),
    "take_up": ("Inanspruchnahme", "Take-up"),
    "take_up_ha": ("Inanspruchnahme (ha)", "Take-up (ha)"),
    "mean_take_up_ha": ("mittlere Inanspruchnahme (ha/Jahr)", "Mean take-up (ha/year)"),
    "demand_ha_per_year": ("Bedarf (ha/Jahr)", "Demand (ha/year)"),
    "scenario": ("Szenario", "Scenario"),
    "observed": ("beobachtet", "observed"),
    "years_net": ("Reichweite netto (Jahre)", "Years of supply, net"),
    "years_gross": ("Reichweite brutto (Jahre)", "Years of supply, gross"),
    "years_of_supply_net": ("Reichweite netto (Jahre)", "Years of supply, net"),
    "years_of_supply_gross": ("Reichweite brutto (Jahre)", "Years of supply, gross"),
    "years_of_supply": ("Reichweite (Jahre)", "Years of supply"),
    "unbounded": ("unbegrenzt (keine Inanspruchnahme)", "Unbounded (no take-up)"),
    "window_start": ("Zeitraum von", "Window start"),
    "window_end": ("Zeitraum bis", "Window end"),
    "window_years": ("Zeitraum (Jahre)", "Window (years)"),
    "inside_ha": ("innerhalb der Kernzonen (ha)", "Inside core zones (ha)"),
    "outside_ha": ("außerhalb der Kernzonen (ha)", "Outside core zones (ha)"),
    "total_ha": ("insgesamt (ha)", "Total (ha)"),
    "share_inside": ("Anteil in Kernzonen", "Share inside core zones"),
    "measure": ("Kennzahl", "Measure"),
    # --- preemption (Vorkaufsrecht) and parcels -----------------------------------------------
    "area_id": ("Gebiets-ID", "Area ID"),
    "area_name": ("Gebiet", "Area"),
    "legal_basis": ("Rechtsgrundlage", "Legal basis"),
    "in_force_since": ("in Kraft seit", "In force since"),
    "statute": ("Satzung", "Statute"),
    "parcel_id": ("Flurstückskennzeichen", "Parcel identifier"),
    "parcel": ("Flurstück", "Parcel"),
    "parcel_label": ("Flurstück", "Parcel"),
    "designation": ("Bezeichnung", "Designation"),
    "share": ("Anteil im Satzungsgebiet", "Share inside the statute area"),
    "land": ("Land", "Federal state"),
    "gemarkung": ("Gemarkung", "Cadastral district"),
    "flur": ("Flur", "Map sheet (Flur)"),
    "zaehler": ("Zähler", "Numerator"),
    "nenner": ("Nenner", "Denominator"),
    "flurstueck": ("Flurstück", "Parcel number"),
    "folge": ("Folgekennzeichen", "Suffix"),
    "parcel_area_m2": ("Flurstücksfläche (m²)", "Parcel area (m²)"),
    "overlap_m2": ("Fläche im Satzungsgebiet (m²)", "Area inside the statute area (m²)"),
    "inside_m2": ("Fläche im Satzungsgebiet (m²)", "Area inside the statute area (m²)"),
    "parcels": ("Flurstücke", "Parcels"),
    # --- conflicts (Abstandserlass) -------------------------------------------------------------
    "distance_m": ("Abstand zur Wohnbebauung (m)", "Distance to housing (m)"),
    "nearest_area_id": ("nächste Wohnbaufläche", "Nearest residential area"),
    "nearest_use": ("Nutzung der nächsten Fläche", "Use of the nearest area"),
    "admissible_classes": ("zulässige Abstandsklassen", "Admissible distance classes"),
    "strictest_admissible": (
        "strengste zulässige Abstandsklasse",
        "Strictest admissible distance class",
    ),
    "conflict": ("Abstandskonflikt", "Distance conflict"),
    "distance_class": ("Abstandsklasse", "Distance class"),
    "classes": ("Abstandsklasse I–VII", "Distance class I–VII"),
    "min_distance_m": ("Mindestabstand (m)", "Minimum distance (m)"),
    "max_distance_m": ("Höchstabstand (m)", "Maximum distance (m)"),
    "distance_class.I": ("Abstandsklasse I", "Distance class I"),
    "distance_class.II": ("Abstandsklasse II", "Distance class II"),
    "distance_class.III": ("Abstandsklasse III", "Distance class III"),
    "distance_class.IV": ("Abstandsklasse IV", "Distance class IV"),
    "distance_class.V": ("Abstandsklasse V", "Distance class V"),
    "distance_class.VI": ("Abstandsklasse VI", "Distance class VI"),
    "distance_class.VII": ("Abstandsklasse VII", "Distance class VII"),
    "residential": ("Wohnbaufläche", "Residential area"),
    "mixed": ("gemischte Baufläche", "Mixed-use area"),
    "sensitive": ("schutzbedürftige Nutzung", "Sensitive use"),
}

_VALUE_COLUMNS_TRANSLATED: frozenset[str] = frozenset(
    {
        "status",
        "use",
        "nearest_use",
        "location_class",
        "restriction",
        "planning_basis",
        "owner_type",
        "category",
        "size_class",
        "hotspot",
        "hotspot_class",
        "duration_class",
        "flow",
        "status_start",
        "status_end",
        "scenario",
        "distance_class",
        "strictest_admissible",
        "core_zone",
    }
)

#: Columns holding calendar years: printed without thousands separator ("2025").
_YEAR_COLUMNS: frozenset[str] = frozenset({"year", "window_start", "window_end", "window_years"})

#: Further index names whose values are category keys.
_INDEX_TRANSLATED: frozenset[str] = frozenset({"brownfield", "measure", "kind", "group"})

#: Columns never shown in a formatted table (personal data, GDPR; see schema).
_PERSONAL_COLUMNS: frozenset[str] = frozenset({"owner_name", "owner_contact"})


# ---------------------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------------------


def _lang(lang: str | None) -> str:
    code = settings.language if lang is None else lang
    code = str(code).lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return code


def label(key: Any, lang: str | None = None) -> str:
    """Display label of ``key`` in ``lang`` (default ``settings.language``).

    Unknown keys are returned unchanged as a string — this function never
    raises for a key (only for an unknown language).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.label("reserve_ha")
    'Flächenreserve (ha)'
    >>> labels.label("reserve_ha", "en")
    'Land reserve (ha)'
    >>> labels.label("no_such_column")
    'no_such_column'
    """
    i = 0 if _lang(lang) == "de" else 1
    try:
        entry = LABELS.get(key)
    except TypeError:  # unhashable key
        entry = None
    if entry is None:
        return "" if key is None else str(key)
    return entry[i]


def de(key: Any) -> str:
    """German display label of ``key`` (the key itself if unknown).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.de("vacancy_rate")
    'Leerstandsquote'
    """
    return label(key, "de")


def en(key: Any) -> str:
    """English display label of ``key`` (the key itself if unknown).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.en("take_up_ha")
    'Take-up (ha)'
    """
    return label(key, "en")


def value_label(column: str, value: Any, lang: str | None = None) -> str:
    """Display label of a category ``value`` of ``column``.

    Tries ``"column.value"`` first, then the plain ``value``; booleans become
    "ja"/"nein" ("yes"/"no") unless the column defines them; missing values
    become :data:`NA_TEXT`.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.value_label("planning_basis", "none")
    'ohne Planungsrecht'
    >>> labels.value_label("restriction", "none")
    'restriktionsfrei'
    >>> labels.value_label("category", "A")
    'Kategorie A'
    """
    code = _lang(lang)
    if _is_na(value):
        return na_text(code)
    if isinstance(value, (bool, np.bool_)):
        key = f"{column}.{bool(value)}"
        if key in LABELS:
            return label(key, code)
        return label("true" if value else "false", code)
    key = f"{column}.{value}"
    if key in LABELS:
        return label(key, code)
    return label(value if isinstance(value, str) else str(value), code)


def layer_label(kind: str, lang: str | None = None) -> str:
    """Display name of a layer kind ("units" → "Gewerbeeinheiten").

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.layer_label("sites")
    'Wirtschaftsflächen'
    """
    return label(f"kind.{kind}", lang) if f"kind.{kind}" in LABELS else str(kind)


def labels_for(columns: Iterable[Any], lang: str | None = None) -> dict[Any, str]:
    """Mapping ``column -> label`` for :meth:`pandas.DataFrame.rename`.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.labels_for(["units", "vacancy_rate"])
    {'units': 'Einheiten', 'vacancy_rate': 'Leerstandsquote'}
    """
    code = _lang(lang)
    return {c: label(c, code) for c in columns}


def na_text(lang: str | None = None) -> str:
    """Text for a missing value: "k. A." (German) or "n/a" (English)."""
    return NA_TEXT if _lang(lang) == "de" else NA_TEXT_EN


def sample_note(lang: str | None = None) -> str:
    """The note every map and briefing on synthetic data carries."""
    return SAMPLE_NOTE_DE if _lang(lang) == "de" else SAMPLE_NOTE_EN


# ---------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------


def _is_na(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        res = pd.isna(x)
    except (TypeError, ValueError):
        return False
    return bool(res) if isinstance(res, (bool, np.bool_)) else False


def _to_decimal(x: Any) -> Decimal:
    if isinstance(x, (bool, np.bool_)):
        return Decimal(int(x))
    if isinstance(x, Decimal):
        return x
    if isinstance(x, numbers.Integral):
        return Decimal(int(x))
    if isinstance(x, numbers.Real):
        # repr gives the shortest decimal string that round-trips: 2.675 -> "2.675"
        return Decimal(repr(float(x)))
    raise TypeError(f"cannot format {x!r} (type {type(x).__name__}) as a number")


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return sep.join(reversed(out))


def _format_decimal(
    x: Any, decimals: int, lang: str, *, sign: bool = False, grouping: bool = True
) -> str | None:
    """Rounded, grouped number without unit; None for NA. ``sign`` adds "+" to positives."""
    if _is_na(x):
        return None
    if isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral) and math.isinf(x):
        if x < 0:
            return MINUS + INFINITY_TEXT
        return ("+" if sign else "") + INFINITY_TEXT
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    try:
        d = _to_decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # pragma: no cover - huge exponents
        raise ValueError(f"cannot format {x!r} with {decimals} decimals") from exc
    negative = d < 0
    text = f"{abs(d):f}"
    int_part, _, frac = text.partition(".")
    thousands, point = (".", ",") if lang == "de" else (",", ".")
    body = _group(int_part, thousands) if grouping else int_part
    if frac:
        body = f"{body}{point}{frac}"
    if negative:
        return MINUS + body
    if sign and d > 0:
        return "+" + body
    return body


def _with_unit(body: str | None, unit: str | None, lang: str) -> str:
    if body is None:
        return na_text(lang)
    return f"{body} {unit}" if unit else body


def format_number(
    x: Any, unit: str | None = None, *, decimals: int = 1, lang: str | None = None
) -> str:
    """Format a number the German way: "1.234,5 ha".

    Parameters
    ----------
    x : number or None
        Value; ``None``/NaN/``pd.NA`` give "k. A." ("n/a" in English), ±inf "∞".
    unit : str, optional
        Unit appended after a normal space ("ha", "m²", "m").
    decimals : int, default 1
        Decimal places; rounding is half away from zero on the decimal
        representation (0,25 → 0,3).
    lang : {"de", "en"}, optional
        Default ``settings.language``. English: "1,234.5 ha".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_number(1234.5, "ha")
    '1.234,5 ha'
    >>> labels.format_number(-0.25)
    '−0,3'
    >>> labels.format_number(1234567.891, decimals=2, lang="en")
    '1,234,567.89'
    """
    code = _lang(lang)
    return _with_unit(_format_decimal(x, decimals, code), unit, code)


def format_int(n: Any, unit: str | None = None, *, lang: str | None = None) -> str:
    """Format a count or rounded number with thousands separators: "1.234".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_int(1234)
    '1.234'
    >>> labels.format_int(1234.5, "m²")
    '1.235 m²'
    """
    code = _lang(lang)
    return _with_unit(_format_decimal(n, 0, code), unit, code)


def format_percent(fraction: Any, *, decimals: int = 1, lang: str | None = None) -> str:
    """Format a fraction in [0, 1] as a percentage: 0.146 → "14,6 %".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_percent(0.146)
    '14,6 %'
    >>> labels.format_percent(0.146, lang="en")
    '14.6 %'
    """
    code = _lang(lang)
    if _is_na(fraction):
        return na_text(code)
    value = _to_decimal(fraction) * 100 if not _is_inf(fraction) else fraction
    return _with_unit(_format_decimal(value, decimals, code), "%", code)


def _is_inf(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral) and math.isinf(x)


def format_pp(x: Any, *, decimals: int = 1, lang: str | None = None) -> str:
    """Format a change in **percentage points** (already ×100): 1.2 → "+1,2 Pp.".

    Positive values carry "+", negative values a true minus, zero no sign.
    English uses "pp".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_pp(1.2)
    '+1,2 Pp.'
    >>> labels.format_pp(-0.75, lang="en")
    '−0.8 pp'
    """
    code = _lang(lang)
    unit = "Pp." if code == "de" else "pp"
    return _with_unit(_format_decimal(x, decimals, code, sign=True), unit, code)


def format_area_ha(x: Any, *, decimals: int = 1, lang: str | None = None) -> str:
    """Format an area in hectares: 12.345 → "12,3 ha".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_area_ha(1234.56)
    '1.234,6 ha'
    """
    return format_number(x, "ha", decimals=decimals, lang=lang)


def format_date(ts: Any, *, lang: str | None = None) -> str:
    """Format a date: "30.06.2025" (German) or ISO "2025-06-30" (English).

    Accepts strings, :class:`datetime.date`, :class:`pandas.Timestamp` and
    ``numpy.datetime64``; missing values give "k. A.".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_date("2025-06-30")
    '30.06.2025'
    >>> labels.format_date("2025-06-30", lang="en")
    '2025-06-30'
    """
    code = _lang(lang)
    if _is_na(ts):
        return na_text(code)
    if isinstance(ts, _dt.date) and not isinstance(ts, _dt.datetime):
        t = pd.Timestamp(ts.year, ts.month, ts.day)
    else:
        t = pd.Timestamp(ts)
    if t is pd.NaT:
        return na_text(code)
    return t.strftime("%d.%m.%Y") if code == "de" else t.strftime("%Y-%m-%d")


# ---------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------


def _column_formatter(name: str, s: pd.Series, code: str, decimals: int) -> Any:
    n = str(name)
    if pd.api.types.is_bool_dtype(s.dtype):
        return lambda v: value_label(n, v, code)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return lambda v: format_date(v, lang=code)
    if pd.api.types.is_numeric_dtype(s.dtype):
        if n in _YEAR_COLUMNS:
            return lambda v: na_text(code) if _is_na(v) else str(int(v))
        if n.endswith("_pp"):
            return lambda v: format_pp(v, decimals=decimals, lang=code)
        if n.endswith(("rate", "share")) or n.startswith("share"):
            return lambda v: format_percent(v, decimals=decimals, lang=code)
        if n.endswith(("_m2", "_days", "_m")) or pd.api.types.is_integer_dtype(s.dtype):
            return lambda v: format_int(v, lang=code)
        if n in {"p_value", "p_sim"}:
            return lambda v: format_number(v, decimals=3, lang=code)
        return lambda v: format_number(v, decimals=decimals, lang=code)

    def fmt_object(v: Any) -> str:
        if _is_na(v):
            return na_text(code)
        if isinstance(v, (bool, np.bool_)):
            return value_label(n, v, code)
        if isinstance(v, (pd.Timestamp, _dt.date, np.datetime64)):
            return format_date(v, lang=code)
        if isinstance(v, numbers.Real):
            return format_number(v, decimals=decimals, lang=code)
        if isinstance(v, (list, tuple)):
            return ", ".join(str(x) for x in v)
        if n in _VALUE_COLUMNS_TRANSLATED or isinstance(v, str):
            return value_label(n, v, code) if n in _VALUE_COLUMNS_TRANSLATED else str(v)
        return str(v)

    return fmt_object


def format_table(df: pd.DataFrame, lang: str | None = "de", *, decimals: int = 1) -> pd.DataFrame:
    """A display copy of ``df``: formatted strings and labelled columns (for briefings).

    Rules by column name and dtype: ``*rate``/``share*`` → percent, ``*_pp``
    → percentage points, ``*_m2``/``*_days``/``*_m`` and integers → whole
    numbers, years (``year``, ``window_start``, ``window_end``) plain, other floats → ``decimals`` places, dates → "30.06.2025",
    booleans → "ja"/"nein", category columns (status, restriction, use, …)
    → their labels, missing → "k. A.". The index values of category indexes
    (e.g. ``restriction``, ``size_class``) are translated and the index name
    labelled. The geometry column and personal columns (``owner_name``,
    ``owner_contact``) are dropped — a formatted table is for publication.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt import labels
    >>> df = pd.DataFrame({"reserve_ha": [12.345], "vacancy_rate": [0.146]},
    ...                   index=pd.Index(["none"], name="restriction"))
    >>> labels.format_table(df).to_dict("index")
    {'restriktionsfrei': {'Flächenreserve (ha)': '12,3', 'Leerstandsquote': '14,6 %'}}
    """
    code = _lang(lang)
    out = pd.DataFrame(df).copy()
    drop = [c for c in out.columns if str(c) in _PERSONAL_COLUMNS]
    geom = getattr(df, "_geometry_column_name", None)
    if geom is not None and geom in out.columns:
        drop.append(geom)
    out = pd.DataFrame(out.drop(columns=drop))
    formatted = {}
    for col in out.columns:
        fmt = _column_formatter(str(col), out[col], code, decimals)
        formatted[col] = [fmt(v) for v in out[col].tolist()]
    result = pd.DataFrame(formatted, index=_format_index(out.index, code), columns=out.columns)
    return result.rename(columns=labels_for(out.columns, code))


def _format_index(index: pd.Index, code: str) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_names([label(n, code) if n is not None else None for n in index.names])
    name = index.name
    if pd.api.types.is_datetime64_any_dtype(index.dtype):
        values = [format_date(v, lang=code) for v in index]
    elif pd.api.types.is_numeric_dtype(index.dtype) or name is None:
        values = list(index)
    else:
        col = str(name)
        translate = col in _VALUE_COLUMNS_TRANSLATED or col in _INDEX_TRANSLATED
        values = [
            value_label(col, v, code)
            if isinstance(v, (bool, np.bool_)) or (translate and isinstance(v, str)) or v == "total"
            else v
            for v in index
        ]
    return pd.Index(values, name=label(name, code) if name is not None else None)
