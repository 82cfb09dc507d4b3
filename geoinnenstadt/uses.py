"""Use categories (*Branchenmix*) and the use mix per quarter.

German *Einzelhandels- und Zentrenkonzepte* group the businesses of a centre
by the need they serve. This module is the one home of that scheme in
geoinnenstadt: the category tree (:data:`CATEGORIES`), the tables that read
the library's codes, German and English labels, OpenStreetMap tags and WZ 2008
codes into it (:func:`categorise`), and the use mix of the quarters at a date
(:func:`mix`, :func:`magnets`).

Categories
----------
Ten top-level categories, each with its leaves (``"top.leaf"``):

* ``retail_short`` – Einzelhandel kurzfristiger Bedarf: ``food`` (Nahrungs- und
  Genussmittel), ``drugstore`` (Drogerie), ``pharmacy`` (Apotheke,
  Sanitätsbedarf), ``flowers`` (Blumen, Zoobedarf), ``newspapers``
  (Zeitschriften, Schreibwaren);
* ``retail_medium`` – mittelfristiger Bedarf: ``clothing``, ``shoes``,
  ``books``, ``toys``, ``sport``, ``household`` (Haushaltswaren, GPK,
  Geschenkartikel);
* ``retail_long`` – langfristiger Bedarf: ``furniture``, ``electronics``,
  ``optician`` (Optik, Foto), ``jewellery`` (Uhren, Schmuck), ``diy`` (Bau-
  und Heimwerkerbedarf, Garten);
* ``retail_other`` – Einzelhandel ohne Bedarfsstufe: ``unspecified``
  ("Einzelhandel (ohne Angabe)"), ``department_store`` (Waren- und
  Kaufhäuser, WZ 47.19), ``second_hand`` (Gebrauchtwaren, Antiquitäten);
* ``gastronomy``, ``services`` (publikumsorientierte Dienstleistungen),
  ``culture_leisure``, ``health``, ``office`` (Büro und Verwaltung), ``other``
  (Sonstiges) – without leaves.

The codes are the value set :data:`geoinnenstadt.schema.USE_CATEGORY` (so
``gi.validate`` accepts them in ``use``); their German and English labels are
``gi.labels.value_label("use_category", code)``.

The coarse ``use`` of the schema (``retail``, ``gastronomy``, ``services``,
``office``, ``other``; files from older surveys often have only these) keeps working:
``retail`` cannot be split by need, so it is counted as
``retail_other.unspecified`` ("Einzelhandel (ohne Angabe)") – never as
short-term retail. The other four are the top-level categories of the same
name.

What :func:`categorise` reads
-----------------------------
Each value of the ``use`` column (case and surrounding spaces ignored) is

1. a category code (``"retail_medium.clothing"``, ``"gastronomy"``) or a
   coarse code (``"retail"``);
2. a German or English label of one (``"Bekleidung"``, ``"Gastronomie"``,
   ``"Einzelhandel"``);
3. an OpenStreetMap tag ``key=value`` with a key of :data:`OSM_TAGS`
   (``"shop=clothes"``, ``"amenity=restaurant"``; a lifecycle prefix as in
   ``"disused:shop=clothes"`` and a qualifier as in ``"shop=bakery +
   disused=yes"`` – the ``osm_tag`` of :mod:`geoinnenstadt.sources.osm` – are
   read too; ``shop=vacant`` names no use);
4. a WZ 2008 code (``"47.71"``, ``"4771"``, ``"47.71.0"``, ``"WZ 47.71"``,
   ``"WZ 2008: 47.71"``, ``"47,71"``, also numbers from a spreadsheet), read by its longest
   prefix in :data:`WZ_CODES`.

Units read from OpenStreetMap (:func:`geoinnenstadt.read_layer` on an
extract) carry the coarse ``use`` and the deciding tag in ``osm_tag``; frames
from other OSM tools carry tag columns (``shop``, ``amenity``, ``office``,
``craft``, ``leisure``, ``healthcare``). When a row's ``use`` is missing or
coarse, its tag decides (it is finer): ``use="retail"`` with
``osm_tag="shop=bakery"`` is ``retail_short.food``.

A value that is none of these is named in one :class:`UnknownUseWarning`
with its count and counted as ``other`` (Sonstiges); a ``shop=`` value or a
WZ code of Abteilung 47 missing from the tables is still retail and counted
as ``retail_other.unspecified`` (named in the same warning when it is a
``shop=`` value). Every value of the keys ``craft`` (services; bakers,
butchers and opticians excepted), ``office`` (office), ``leisure`` (culture
and leisure) and ``healthcare`` (health) belongs to one category.

Sources of the tables
---------------------
* WZ 2008: Statistisches Bundesamt, *Klassifikation der Wirtschaftszweige,
  Ausgabe 2008 (WZ 2008), mit Erläuterungen*, Wiesbaden 2008 (Abteilung 47
  Einzelhandel: 47.11/47.19 Waren verschiedener Art, 47.2 Nahrungsmittel,
  47.4 Informations- und Kommunikationstechnik, 47.5 Haushaltsgeräte,
  Textilien, Heimwerker- und Einrichtungsbedarf, 47.6 Verlagsprodukte,
  Sportausrüstungen und Spielwaren, 47.7 sonstige Güter: 47.71 Bekleidung,
  47.72 Schuhe und Lederwaren, 47.73 Apotheken, 47.74 medizinische und
  orthopädische Artikel, 47.75 kosmetische Erzeugnisse und Körperpflegemittel,
  47.76 Blumen, Pflanzen, zoologischer Bedarf, 47.77 Uhren und Schmuck, 47.78
  sonstiger Einzelhandel in Verkaufsräumen with 47.78.1 Augenoptiker, 47.78.2
  Foto und Optik, 47.78.3 Kunstgegenstände und Geschenkartikel, 47.78.9
  sonstiger Einzelhandel a. n. g., 47.79 Antiquitäten und Gebrauchtwaren;
  also https://wz-codes.de). Note that 47.78 is *not* only opticians: as a
  four-digit code it is ``retail_other.unspecified``, its Unterklassen
  47.78.1/47.78.2 are ``retail_long.optician``.
* OpenStreetMap: the wiki pages of the keys ``shop``, ``amenity``,
  ``office``, ``craft``, ``leisure`` and ``healthcare``
  (https://wiki.openstreetmap.org/wiki/Key:shop, e.g. ``shop=clothes``
  "a shop which primarily sells clothing", Item:Q4835).
* The grouping by need follows the Sortimentslisten of the
  Einzelhandelskonzepte (kurz-, mittel-, langfristiger Bedarf); pharmacies
  and medical supplies are short-term as in the domain notes (WZ
  47.73–47.76). A WZ code names the business, not the unit: banks and
  insurers (64–66) are ``office`` by their WZ code, while a bank branch
  tagged ``amenity=bank`` is a customer-facing ``services`` unit.

Indicators
----------
* **Share** of a category = occupied units of the category / occupied units
  (fractions in [0, 1]); occupied units without any use count as ``other``
  (one warning, ``attrs["units_without_use"]``).
* **Diversity** = Shannon evenness ``H / ln(k)`` with
  ``H = −Σ p_i ln p_i`` over the top-level categories and ``k`` the number of
  top-level categories of the scheme (:data:`K`, 10) – the same ``k`` for
  every quarter and city, so the values are comparable. 1 means every
  category holds an equal share, 0 one category only. A quarter with one
  occupied unit has diversity 0; a quarter without occupied units NaN
  (undefined).
* **Chain share** (*Filialisierungsgrad*) = occupied units run by a chain /
  occupied units. A unit is a chain unit when its ``chain`` column is true
  (``True``, ``"ja"``, ``"yes"``, or the chain's name); where ``chain`` is
  missing or absent, when it has a ``brand``. No ``chain`` and no ``brand``
  column: NaN (unknown, not 0).
* **Magnets** (*Magnetbetriebe*, anchors) = occupied units with
  ``floor_area_m2 >= gi.settings.magnet_floor_area_m2`` (default 800 m², the
  threshold of *großflächiger Einzelhandel*); :func:`magnets` lists them.

Examples
--------
>>> import geoinnenstadt as gi
>>> import pandas as pd
>>> gi.uses.categorise(pd.Series(["shop=clothes", "47.73", "Gastronomie", "retail"])).tolist()
['retail_medium', 'retail_short', 'gastronomy', 'retail_other']
>>> city = gi.load_sample("dortmund")
>>> table = gi.uses.mix(city.units, city.quarters, at="30.06.2024")
>>> table.index[-1], bool(abs(table.filter(like="share_").sum(axis=1) - 1).max() < 1e-9)
('total', True)
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from . import crs, privacy, settings
from . import labels as _labels
from .errors import GeoinnenstadtWarning, SchemaError, name_some
from .schema.specs import USE_CATEGORY
from .vacancy.inventory import (
    TOTAL_ID,
    TOTAL_NAME,
    DateLike,
    Rounds,
    assign_quarters,
    prepare_quarters,
    prepare_units,
    require_points,
    resolve_at,
    state_rows,
    survey_round_dates,
    warn_outside,
)

__all__ = [
    "CATEGORIES",
    "COARSE_USES",
    "OSM_KEY_DEFAULTS",
    "OSM_TAGS",
    "WZ_CODES",
    "K",
    "UnknownUseWarning",
    "categorise",
    "magnets",
    "mix",
]


class UnknownUseWarning(GeoinnenstadtWarning):
    """Some uses are no category code, label, OSM tag or WZ 2008 code (counted as ``other``)."""


def _tree(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    tree: dict[str, list[str]] = {}
    for code in codes:
        top = code.split(".", 1)[0]
        tree.setdefault(top, [])
        if code != top:
            tree[top].append(code)
    return {top: tuple(leaves) for top, leaves in tree.items()}


#: The category tree: top-level code → its leaves (``"top.leaf"``), in display order.
#: Built from :data:`geoinnenstadt.schema.USE_CATEGORY`; labels in :mod:`geoinnenstadt.labels`.
CATEGORIES: dict[str, tuple[str, ...]] = _tree(USE_CATEGORY)

#: Number of top-level categories: the ``k`` of the Shannon evenness ``H / ln(k)``.
K: int = len(CATEGORIES)

#: The coarse ``use`` values of the schema and the category each counts as.
COARSE_USES: dict[str, str] = {
    "retail": "retail_other.unspecified",
    "gastronomy": "gastronomy",
    "services": "services",
    "office": "office",
    "other": "other",
}

_FOOD = "retail_short.food"
_NEWS = "retail_short.newspapers"
_FLOWERS = "retail_short.flowers"
_CLOTHING = "retail_medium.clothing"
_SHOES = "retail_medium.shoes"
_TOYS = "retail_medium.toys"
_SPORT = "retail_medium.sport"
_HOUSEHOLD = "retail_medium.household"
_FURNITURE = "retail_long.furniture"
_ELECTRONICS = "retail_long.electronics"
_OPTICIAN = "retail_long.optician"
_DIY = "retail_long.diy"
_UNSPECIFIED = "retail_other.unspecified"

#: OpenStreetMap tag values → category, per key (the keys read, in order of precedence).
OSM_TAGS: dict[str, dict[str, str]] = {
    "shop": {
        **dict.fromkeys(
            (
                "supermarket",
                "convenience",
                "bakery",
                "butcher",
                "greengrocer",
                "deli",
                "beverages",
                "alcohol",
                "wine",
                "confectionery",
                "pastry",
                "cheese",
                "seafood",
                "coffee",
                "tea",
                "organic",
                "farm",
                "health_food",
                "frozen_food",
                "spices",
                "chocolate",
                "dairy",
                "food",
                "tobacco",
                "e-cigarette",
            ),
            _FOOD,
        ),
        **dict.fromkeys(("chemist", "cosmetics", "perfumery"), "retail_short.drugstore"),
        "medical_supply": "retail_short.pharmacy",
        **dict.fromkeys(("florist", "pet"), _FLOWERS),
        **dict.fromkeys(("newsagent", "kiosk", "stationery", "lottery"), _NEWS),
        **dict.fromkeys(
            ("clothes", "fashion", "boutique", "fashion_accessories", "fabric", "sewing"), _CLOTHING
        ),
        **dict.fromkeys(("shoes", "leather", "bag"), _SHOES),
        "books": "retail_medium.books",
        **dict.fromkeys(("toys", "games", "model", "craft", "hobby"), _TOYS),
        **dict.fromkeys(("sports", "outdoor", "bicycle", "fishing", "hunting"), _SPORT),
        **dict.fromkeys(("houseware", "gift", "art", "kitchenware"), _HOUSEHOLD),
        **dict.fromkeys(
            (
                "furniture",
                "interior_decoration",
                "bed",
                "carpet",
                "curtain",
                "kitchen",
                "lighting",
                "flooring",
                "window_blind",
            ),
            _FURNITURE,
        ),
        **dict.fromkeys(
            (
                "electronics",
                "computer",
                "mobile_phone",
                "hifi",
                "appliance",
                "video_games",
                "radiotechnics",
                "telecommunication",
            ),
            _ELECTRONICS,
        ),
        **dict.fromkeys(("optician", "camera", "photo"), _OPTICIAN),
        **dict.fromkeys(("jewelry", "watches"), "retail_long.jewellery"),
        **dict.fromkeys(
            (
                "doityourself",
                "hardware",
                "paint",
                "garden_centre",
                "tiles",
                "trade",
                "building_materials",
            ),
            _DIY,
        ),
        **dict.fromkeys(
            ("department_store", "variety_store", "general"), "retail_other.department_store"
        ),
        **dict.fromkeys(("second_hand", "charity", "antiques"), "retail_other.second_hand"),
        **dict.fromkeys(
            (
                "hairdresser",
                "beauty",
                "massage",
                "tattoo",
                "laundry",
                "dry_cleaning",
                "travel_agency",
                "copyshop",
                "tailor",
                "shoe_repair",
                "funeral_directors",
                "pawnbroker",
                "money_lender",
                "bookmaker",
                "ticket",
                "rental",
                "estate_agent",
                "locksmith",
                "repair",
            ),
            "services",
        ),
        "hearing_aids": "health",
    },
    "amenity": {
        **dict.fromkeys(
            (
                "restaurant",
                "cafe",
                "fast_food",
                "bar",
                "pub",
                "ice_cream",
                "biergarten",
                "food_court",
            ),
            "gastronomy",
        ),
        **dict.fromkeys(
            (
                "bank",
                "post_office",
                "bureau_de_change",
                "money_transfer",
                "driving_school",
                "internet_cafe",
                "car_rental",
                "language_school",
                "music_school",
                "veterinary",
            ),
            "services",
        ),
        **dict.fromkeys(("doctors", "dentist", "clinic", "hospital"), "health"),
        "pharmacy": "retail_short.pharmacy",
        **dict.fromkeys(
            (
                "cinema",
                "theatre",
                "arts_centre",
                "library",
                "community_centre",
                "nightclub",
                "casino",
                "gambling",
                "events_venue",
                "music_venue",
            ),
            "culture_leisure",
        ),
        **dict.fromkeys(("townhall", "courthouse"), "office"),
    },
    "office": {},
    "craft": {
        **dict.fromkeys(("bakery", "butcher", "confectionery"), _FOOD),
        "optician": _OPTICIAN,
    },
    "leisure": {},
    "healthcare": {},
}

#: Category of an OSM value missing from :data:`OSM_TAGS`, per key. None: unknown (warned,
#: counted as ``other``); ``shop`` values are retail of an unknown need (warned too).
OSM_KEY_DEFAULTS: dict[str, str | None] = {
    "shop": _UNSPECIFIED,
    "amenity": None,
    "office": "office",
    "craft": "services",
    "leisure": "culture_leisure",
    "healthcare": "health",
}

#: WZ 2008 code prefixes (digits without dots: ``"4771"`` is 47.71) → category; a code is
#: read by its longest prefix in this table.
WZ_CODES: dict[str, str] = {
    "47": _UNSPECIFIED,  # Einzelhandel (ohne Handel mit Kraftfahrzeugen)
    "4711": _FOOD,  # Waren verschiedener Art, Hauptrichtung Nahrungsmittel
    "4719": "retail_other.department_store",  # Waren verschiedener Art (Warenhäuser)
    "472": _FOOD,  # Nahrungs- und Genussmittel, Getränke, Tabakwaren
    "473": _UNSPECIFIED,  # Motorenkraftstoffe (Tankstellen)
    "474": _ELECTRONICS,  # Geräte der Informations- und Kommunikationstechnik
    "4751": _HOUSEHOLD,  # Textilien
    "4752": _DIY,  # Metallwaren, Anstrichmittel, Bau- und Heimwerkerbedarf
    "4753": _FURNITURE,  # Vorhänge, Teppiche, Fußbodenbeläge, Tapeten
    "4754": _ELECTRONICS,  # elektrische Haushaltsgeräte
    "4759": _FURNITURE,  # Möbel, Einrichtungsgegenstände, sonstiger Hausrat
    "4761": "retail_medium.books",
    "4762": _NEWS,  # Zeitschriften, Zeitungen, Schreibwaren, Bürobedarf
    "4763": _ELECTRONICS,  # bespielte Ton- und Bildträger
    "4764": _SPORT,  # Fahrräder, Sport- und Campingartikel
    "4765": _TOYS,
    "4771": _CLOTHING,
    "4772": _SHOES,  # Schuhe und Lederwaren
    "4773": "retail_short.pharmacy",  # Apotheken
    "4774": "retail_short.pharmacy",  # medizinische und orthopädische Artikel
    "4775": "retail_short.drugstore",  # kosmetische Erzeugnisse und Körperpflegemittel
    "4776": _FLOWERS,  # Blumen, Pflanzen, Sämereien, Düngemittel, zoologischer Bedarf
    "4777": "retail_long.jewellery",  # Uhren und Schmuck
    "4778": _UNSPECIFIED,  # sonstiger Einzelhandel in Verkaufsräumen
    "47781": _OPTICIAN,  # Augenoptiker
    "47782": _OPTICIAN,  # Foto- und optische Erzeugnisse
    "47783": _HOUSEHOLD,  # Kunstgegenstände, Bilder, Geschenkartikel
    "4779": "retail_other.second_hand",  # Antiquitäten und Gebrauchtwaren
    "478": _UNSPECIFIED,  # an Verkaufsständen und auf Märkten
    "479": _UNSPECIFIED,  # nicht in Verkaufsräumen (Versand, Internet)
    "56": "gastronomy",
    "86": "health",
    **dict.fromkeys(("90", "91", "92", "93"), "culture_leisure"),
    **dict.fromkeys(("75", "77", "79", "85", "95", "96"), "services"),
    **dict.fromkeys(
        (
            "58",
            "59",
            "60",
            "61",
            "62",
            "63",
            "64",
            "65",
            "66",
            "68",
            "69",
            "70",
            "71",
            "72",
            "73",
            "74",
            "78",
            "80",
            "81",
            "82",
            "84",
        ),
        "office",
    ),
}

_OSM_RE = re.compile(r"^(?:[a-z_]+:)?([a-z_]+)\s*=\s*(.+)$")
_WZ_RE = re.compile(r"^(?:wz(?:\s*2008)?\s*:?\s*)?(\d{2}(?:[.,\s-]?\d){0,3})$")
_TAG_COLUMNS = tuple(OSM_TAGS)
_TRUE = {"true", "ja", "yes", "y", "1", "wahr", "x"}
_FALSE = {"false", "nein", "no", "n", "0", "falsch", ""}

# --------------------------------------------------------------------------- reading values


def _label_lookup() -> dict[str, tuple[str, str]]:
    """Lower-cased German and English labels → (category, how); coarse labels are ``coarse``."""
    out: dict[str, tuple[str, str]] = {}
    for lang in ("de", "en"):
        for code in USE_CATEGORY:
            out[_labels.value_label("use_category", code, lang).lower()] = (code, "code")
    for lang in ("de", "en"):
        for code, meant in COARSE_USES.items():
            out[_labels.label(code, lang).lower()] = (meant, "coarse")
    return out


_LABELS: dict[str, tuple[str, str]] = {}


def _read_value(value: Any) -> tuple[str | None, str]:
    """(category or None, how) of one value; ``how`` ∈ code, coarse, unknown, missing."""
    if value is None or _labels.is_na(value):
        return None, "missing"
    if isinstance(value, (bool, np.bool_)):
        return "other", "unknown"
    if isinstance(value, (int, np.integer)):
        value = str(int(value))
    elif isinstance(value, (float, np.floating)):
        value = f"{float(value):.2f}"  # a WZ code read from a spreadsheet as a number
    text = " ".join(str(value).split()).lower()
    if not text:
        return None, "missing"
    if text in COARSE_USES:
        return COARSE_USES[text], "coarse"
    if text in USE_CATEGORY:
        return text, "code"
    if not _LABELS:
        _LABELS.update(_label_lookup())
    if text in _LABELS:
        return _LABELS[text]
    tag = _read_tag(text)
    if tag is not None:
        return tag
    wz = _WZ_RE.match(text)
    if wz:
        digits = re.sub(r"\D", "", wz.group(1))
        for n in range(len(digits), 1, -1):
            if digits[:n] in WZ_CODES:
                return WZ_CODES[digits[:n]], "code"
    return "other", "unknown"


def _read_tag(text: str) -> tuple[str | None, str] | None:
    """An OSM tag ``key=value`` (first part of an ``osm_tag``), or None when it is no tag."""
    match = _OSM_RE.match(text.split(" + ", 1)[0].strip())
    if match is None or match.group(1) not in OSM_TAGS:
        return None
    key, value = match.group(1), match.group(2).strip()
    if key == "shop" and value in ("vacant", "no", "yes"):
        return (None, "missing") if value != "yes" else (_UNSPECIFIED, "coarse")
    found = OSM_TAGS[key].get(value)
    if found is not None:
        return found, "code"
    default = OSM_KEY_DEFAULTS[key]
    if default is None:
        return "other", "unknown"
    return default, ("unknown" if key == "shop" else "code")


def _tag_values(units: pd.DataFrame) -> pd.Series | None:
    """Per row the OSM tag that made the unit: ``osm_tag``, else the first tag column set."""
    parts = []
    if "osm_tag" in units.columns:
        parts.append(units["osm_tag"].astype(object))
    for key in _TAG_COLUMNS:
        if key in units.columns:
            values = units[key].astype(object).tolist()
            tagged = [
                None if v is None or _labels.is_na(v) or not str(v).strip() else f"{key}={v}"
                for v in values
            ]
            parts.append(pd.Series(tagged, index=units.index, dtype=object))
    if not parts:
        return None
    out = parts[0]
    for p in parts[1:]:
        out = out.where(out.notna(), p)
    return out


def _require_use(units: Any, column: str) -> None:
    if not isinstance(units, (pd.DataFrame, pd.Series)):
        raise TypeError(
            f"units must be a GeoDataFrame of units (or a Series of uses), got {type(units).__name__}"
        )
    if isinstance(units, pd.DataFrame) and column not in units.columns:
        if any(k in units.columns for k in ("osm_tag", *_TAG_COLUMNS)):
            return
        raise SchemaError(
            f"units have no column {column!r} to read the use from; columns present: "
            f"{', '.join(map(str, units.columns))}. Add a column 'use' with a category code "
            "('retail_medium.clothing', 'gastronomy'), a German label ('Bekleidung'), an OSM "
            "tag ('shop=clothes') or a WZ 2008 code ('47.71') per unit, map your source "
            "column with gi.read_layer(..., columns={'Branche': 'use'}), or pass column='…'"
        )


def _warn_unknown(unknown: Counter[tuple[str, str]], stacklevel: int) -> None:
    if not unknown:
        return
    n = sum(unknown.values())
    groups: dict[str, list[str]] = {}
    for (value, meant), count in sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0])):
        groups.setdefault(meant, []).append(f"{value!r} ({count})")
    said = "; ".join(
        f"{', '.join(values)} counted as {_labels.value_label('use_category', meant, 'de')} "
        f"({meant!r})"
        for meant, values in groups.items()
    )
    warnings.warn(
        f"{n} unit(s) have a use that is no category code, label, OSM tag or WZ 2008 code "
        f"known to gi.uses: {said}. Use a code of gi.uses.CATEGORIES or a mapped tag/code "
        "(gi.uses.OSM_TAGS, gi.uses.WZ_CODES)",
        UnknownUseWarning,
        stacklevel=stacklevel,
    )


def categorise(
    units: gpd.GeoDataFrame | pd.DataFrame | pd.Series,
    *,
    column: str = "use",
    level: str = "category",
) -> pd.Series:
    """Use category of every unit from its ``use`` (codes, labels, OSM tags, WZ 2008 codes).

    Parameters
    ----------
    units : GeoDataFrame, DataFrame or Series
        Units with a ``use`` column (or the column named by ``column``), or
        a Series of uses. OSM tags in ``osm_tag`` or in tag columns
        (``shop``, ``amenity``, …) decide where ``use`` is missing or coarse
        (module docstring).
    column : str, default "use"
        The column holding the uses (e.g. ``"wz_code"``).
    level : {"category", "leaf"}
        ``"category"``: the top-level code of :data:`CATEGORIES`;
        ``"leaf"``: the most specific code known – a leaf such as
        ``"retail_medium.clothing"``, or the top-level code where the input
        names only the category (``"gastronomy"``).

    Returns
    -------
    Series
        Named ``use_category``, aligned with ``units``; object dtype with
        ``None`` where a unit has no use at all (and no OSM tag). Values
        that cannot be read are ``"other"`` (``"retail_other"`` /
        ``"retail_other.unspecified"`` for unmapped ``shop=`` values) and
        named in one :class:`UnknownUseWarning` with their counts (rows).

    Raises
    ------
    SchemaError
        If ``units`` has neither the ``column`` nor OSM tag columns (the
        message says what to add).
    ValueError
        For another ``level``.

    Examples
    --------
    >>> import pandas as pd
    >>> import geoinnenstadt as gi
    >>> uses = pd.Series(["47.71.0", "WZ 47.78.1", "amenity=cafe", "Bekleidung", None])
    >>> gi.uses.categorise(uses, level="leaf").tolist()
    ['retail_medium.clothing', 'retail_long.optician', 'gastronomy', 'retail_medium.clothing', None]
    >>> city = gi.load_sample("dortmund")
    >>> sorted(gi.uses.categorise(city.units).dropna().unique())[:4]
    ['culture_leisure', 'gastronomy', 'health', 'office']
    """
    if level not in ("category", "leaf"):
        raise ValueError(f"level must be 'category' or 'leaf', got {level!r}")
    return _categorise(units, column, level)


def _categorise(units: pd.DataFrame | pd.Series, column: str, level: str = "category") -> pd.Series:
    """:func:`categorise` (its warning points at the caller of the public function)."""
    _require_use(units, column)
    if isinstance(units, pd.Series):
        values = units.astype(object)
        tags = None
    else:
        values = (
            units[column].astype(object)
            if column in units.columns
            else pd.Series(None, index=units.index, dtype=object)
        )
        tags = _tag_values(units)
    cache: dict[Any, tuple[str | None, str]] = {}

    def read(v: Any) -> tuple[str | None, str]:
        key = ("na",) if v is None or _labels.is_na(v) else (type(v).__name__, str(v))
        if key not in cache:
            cache[key] = _read_value(v)
        return cache[key]

    out: list[str | None] = []
    unknown: Counter[tuple[str, str]] = Counter()
    tag_list = tags.tolist() if tags is not None else [None] * len(values)
    for v, t in zip(values.tolist(), tag_list, strict=True):
        meant, how = read(v)
        if how in ("missing", "coarse") and t is not None and not _labels.is_na(t):
            t_meant, t_how = read(t)
            if t_meant is not None and (how == "missing" or t_how != "unknown"):
                meant, how, v = t_meant, t_how, t
        if how == "unknown" and meant is not None:
            unknown[(" ".join(str(v).split()), meant)] += 1
        out.append(meant)
    _warn_unknown(unknown, stacklevel=4)  # _categorise, then categorise/mix/magnets
    if level == "category":
        out = [None if c is None else c.split(".", 1)[0] for c in out]
    return pd.Series(out, index=values.index, name="use_category", dtype=object)


# --------------------------------------------------------------------------- the mix


def _chain_flags(state: pd.DataFrame) -> np.ndarray | None:
    """True for units run by a chain (``chain``, else ``brand``); None when neither column exists."""
    has_chain, has_brand = "chain" in state.columns, "brand" in state.columns
    if not has_chain and not has_brand:
        return None
    n = len(state)
    decided = np.full(n, False)
    flag = np.full(n, False)
    if has_chain:
        for i, v in enumerate(state["chain"].astype(object).tolist()):
            if v is None or _labels.is_na(v):
                continue
            if isinstance(v, (bool, np.bool_)):
                decided[i], flag[i] = True, bool(v)
                continue
            text = str(v).strip().lower()
            if text in _FALSE and text != "":
                decided[i], flag[i] = True, False
            elif text:  # "ja", "yes" or the chain's name
                decided[i], flag[i] = True, True
    if has_brand:
        brand = state["brand"].astype(object)
        has = brand.notna().to_numpy() & (brand.astype(str).str.strip() != "").to_numpy()
        flag = np.where(decided, flag, has)
    return flag.astype(bool)


def _threshold(value: float | None) -> float:
    t = settings.magnet_floor_area_m2 if value is None else value
    if isinstance(t, bool) or not isinstance(t, (int, float, np.integer, np.floating)) or t <= 0:
        raise ValueError(f"min_floor_area_m2 must be a floor area in m² > 0, got {value!r}")
    return float(t)


def _occupied_state(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    at: DateLike,
    id_column: str | None,
    rounds: Rounds,
    column: str,
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Timestamp]:
    """The occupied units of the inventory at ``at``, their quarter ids and the quarters."""
    _require_use(units, column)
    frame = prepare_units(units)
    col, info = prepare_quarters(quarters, id_column)
    crs.require_same(units, quarters, names=["units", "quarters"])
    ts = resolve_at(frame, at, warn_after=True)
    state = state_rows(frame, ts, survey_round_dates(frame, rounds))
    require_points(state)
    occupied = state[~state["_vacant"].to_numpy(dtype=bool)]
    qid = assign_quarters(occupied, quarters, col)
    return occupied, qid, info, ts


def _diversity(counts: np.ndarray) -> float:
    n = counts.sum()
    if n == 0:
        return float("nan")
    p = counts[counts > 0] / n
    return float(-(p * np.log(p)).sum() / math.log(K))


def mix(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    id_column: str | None = None,
    total: bool = True,
    column: str = "use",
    min_floor_area_m2: float | None = None,
    rounds: Rounds = None,
) -> pd.DataFrame:
    """Use mix (*Branchenmix*) per quarter at a date: category shares, diversity, chains, magnets.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (Point geometries; ``unit_id``, ``survey_date``,
        ``status``, ``floor_area_m2``, ``use``; optionally ``brand`` and
        ``chain``).
    quarters : GeoDataFrame
        Quarters in the same CRS as ``units``.
    at : str, date, Timestamp or None
        Reference date; the inventory at ``at`` as in
        :func:`geoinnenstadt.vacancy.state_at` (``None``: the latest survey).
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    total : bool
        Append the city-total row (index ``"total"``).
    column : str, default "use"
        The column holding the uses (read by :func:`categorise`).
    min_floor_area_m2 : float, optional
        Magnet threshold (default ``gi.settings.magnet_floor_area_m2``, read
        at call time).
    rounds : sequence of dates, optional
        Survey round dates (default: derived, see :mod:`geoinnenstadt.vacancy`).

    Returns
    -------
    DataFrame
        Indexed by ``quarter_id`` (layer order, then ``"total"``) with
        ``name``; ``n_occupied`` (occupied units); ``share_<category>`` for
        every top-level category of :data:`CATEGORIES` (fractions of
        ``n_occupied``, summing to 1; NaN without occupied units);
        ``diversity`` (Shannon evenness ``H / ln(K)``, 0–1; 0 for one
        occupied unit, NaN for none); ``chain_share`` (NaN when the units
        have neither ``chain`` nor ``brand``); ``magnets`` (occupied units
        with ``floor_area_m2 >= min_floor_area_m2``).

        The total row covers every occupied unit, including those outside
        every quarter (named in an :class:`~geoinnenstadt.zones.OutsideZonesWarning`).
        ``attrs``: ``at``, ``k``, ``magnet_floor_area_m2``,
        ``units_outside``, ``outside_unit_ids``, ``units_without_use``,
        ``units_without_floor_area``, ``chain_known``. No unit-level and no
        personal column is part of the result.

    Raises
    ------
    SchemaError
        If the units have no ``use`` column (nor OSM tag columns), or are
        not usable as a units panel (see :func:`gi.validate`).
    CRSError
        If units and quarters lack a CRS or their CRSs differ.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> table = gi.uses.mix(city.units, city.quarters, at="30.06.2024")
    >>> list(table.columns[:3]), table.columns[-3:].tolist()
    (['name', 'n_occupied', 'share_retail_short'], ['diversity', 'chain_share', 'magnets'])
    >>> bool(table["diversity"].between(0, 1).all())
    True
    >>> int(table.loc["total", "n_occupied"]) == int(table["n_occupied"].iloc[:-1].sum()) + table.attrs["units_outside"]
    True
    """
    threshold = _threshold(min_floor_area_m2)
    occupied, qid, info, ts = _occupied_state(units, quarters, at, id_column, rounds, column)
    top = _categorise(occupied, column)
    no_use = top.isna().to_numpy()
    no_use_ids = [str(v) for v in occupied["unit_id"].to_numpy()[no_use]]
    if no_use_ids:
        warnings.warn(
            f"{len(no_use_ids)} occupied unit(s) have no use ({name_some(no_use_ids)}); they "
            "count as Sonstiges ('other') in the use mix (attrs['units_without_use']). Enter "
            "their use (a code, label, OSM tag or WZ 2008 code)",
            UnknownUseWarning,
            stacklevel=2,
        )
    codes = top.where(~no_use, "other").to_numpy(dtype=object)
    chain = _chain_flags(occupied)
    area = occupied["floor_area_m2"].to_numpy(dtype=float)
    magnet = np.nan_to_num(area, nan=-1.0) >= threshold
    keys = np.asarray(qid, dtype=object)
    outside = pd.isna(qid).to_numpy()
    outside_ids = [str(v) for v in occupied["unit_id"].to_numpy()[outside]]
    warn_outside(outside_ids, len(occupied))

    groups: list[tuple[Any, str, np.ndarray]] = [
        (q, name, np.asarray(keys == q, dtype=bool) & ~outside)
        for q, name in zip(info.index, info["name"], strict=True)
    ]
    if total:
        groups.append((TOTAL_ID, TOTAL_NAME, np.ones(len(occupied), dtype=bool)))
    tops = list(CATEGORIES)
    rows = []
    for _, name, sel in groups:
        counts = np.array([(codes[sel] == c).sum() for c in tops], dtype=float)
        n = int(sel.sum())
        row: dict[str, Any] = {"name": name, "n_occupied": n}
        for c, k in zip(tops, counts, strict=True):
            row[f"share_{c}"] = k / n if n else float("nan")
        row["diversity"] = _diversity(counts)
        row["chain_share"] = (
            float(chain[sel].sum()) / n if chain is not None and n else float("nan")
        )
        row["magnets"] = int(magnet[sel].sum())
        rows.append(row)
    table = pd.DataFrame(rows, index=pd.Index([g[0] for g in groups], name="quarter_id"))
    table["n_occupied"] = table["n_occupied"].astype(np.int64)
    table["magnets"] = table["magnets"].astype(np.int64)
    table.attrs = {
        "at": ts,
        "k": K,
        "magnet_floor_area_m2": threshold,
        "units_outside": int(outside.sum()),
        "outside_unit_ids": outside_ids,
        "units_without_use": len(no_use_ids),
        "units_without_floor_area": int(np.isnan(area).sum()),
        "chain_known": chain is not None,
    }
    return table


def magnets(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    id_column: str | None = None,
    column: str = "use",
    min_floor_area_m2: float | None = None,
    rounds: Rounds = None,
) -> gpd.GeoDataFrame:
    """The magnets (*Magnetbetriebe*): occupied units from a floor area on, at a date.

    Parameters
    ----------
    units, quarters : GeoDataFrame
        As in :func:`mix` (same CRS).
    at : str, date, Timestamp or None
        Reference date (``None``: the latest survey).
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    column : str, default "use"
        The column holding the uses.
    min_floor_area_m2 : float, optional
        Threshold (default ``gi.settings.magnet_floor_area_m2``, 800 m²: the
        threshold of *großflächiger Einzelhandel*, see :mod:`geoinnenstadt.settings`).
    rounds : sequence of dates, optional
        Survey round dates.

    Returns
    -------
    GeoDataFrame
        The occupied units of the inventory at ``at`` with
        ``floor_area_m2 >= min_floor_area_m2``, largest first, with their
        columns (personal columns dropped, :func:`geoinnenstadt.privacy.drop_personal`)
        plus ``quarter_id`` (NA outside every quarter) and ``use_category``.
        ``len(result)`` per quarter is the ``magnets`` column of :func:`mix`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> big = gi.uses.magnets(city.units, city.quarters, at="30.06.2025")
    >>> bool((big["floor_area_m2"] >= gi.settings.magnet_floor_area_m2).all())
    True
    >>> "owner_name" in big.columns
    False
    """
    threshold = _threshold(min_floor_area_m2)
    occupied, qid, _info, _ts = _occupied_state(units, quarters, at, id_column, rounds, column)
    area = occupied["floor_area_m2"].to_numpy(dtype=float)
    keep = np.nan_to_num(area, nan=-1.0) >= threshold
    out = occupied[keep].drop(columns=["_vacant", "_pos"])
    out = out.assign(
        quarter_id=qid[keep].to_numpy(dtype=object),
        use_category=_categorise(out, column).to_numpy(dtype=object),
    )
    out = out.sort_values("floor_area_m2", ascending=False, kind="stable")
    out = privacy.drop_personal(out, kind="units")
    return gpd.GeoDataFrame(out, geometry=units.geometry.name, crs=units.crs)
