"""Hand-built cities for the map tests, and readers of the page a map writes.

One home for: the city of three quarters with hostile addresses and owners (:func:`make_city`),
the land city (:func:`make_land_city`), two Gi* clusters (:func:`make_cluster_city`), the
three-round panel (:func:`make_panel_city`), context beneath the maps (:func:`with_context`),
and reading a page's data blocks and layer options with plain ``re`` and ``json``
(:func:`data_blocks`, :func:`column`, :func:`dated`, :func:`layer_options`). All in
EPSG:25832 near Dortmund's city centre; expected values are worked out by hand in the tests.
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import geoinnenstadt as gi

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"

XSS_ADDRESSES = (
    "<img src=x onerror=window.__pwned=1>",
    "${window.__pwned=1}",
    "back`tick`${1+1}`",
    "</script><script>window.__pwned=1</script>",
    None,  # missing address -> "k. A."
)
OWNER_NAMES = ("Erika Geheimname", "Max Verborgen")
OWNER_CONTACTS = ("erika.geheim@example.org", "0231 99 88 77")


def box_at(i: float, j: float, w: float = 200.0, h: float = 200.0) -> shapely.Polygon:
    return shapely.box(X0 + i, Y0 + j, X0 + i + w, Y0 + j + h)


def make_city(*, synthetic: bool = True) -> gi.City:
    """Three quarters (0 %, 100 %, no units), 8 units with hostile addresses and owners."""
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2", "Q3"], "name": ["Nord <b>fett</b>", "Süd", "Leer"]},
        geometry=[box_at(0, 0), box_at(200, 0), box_at(400, 0)],
        crs=CRS,
    )
    rows = []
    for k, address in enumerate(XSS_ADDRESSES):
        rows.append(
            {
                "unit_id": f"U{k}",
                "survey_date": "2025-06-30",
                "status": "occupied",
                "floor_area_m2": 50.0 + k,
                "address": address,
                "use": "retail",
                "vacant_since": None,
                "location_class": "1a",
                "fund": None,
                "owner_name": OWNER_NAMES[0],
                "owner_contact": OWNER_CONTACTS[0],
                "x": X0 + 20 + 35 * k,
                "y": Y0 + 50,
            }
        )
    for k in range(3):
        rows.append(
            {
                "unit_id": f"V{k}",
                "survey_date": "2025-06-30",
                "status": "vacant",
                "floor_area_m2": 80.0 + k,
                "address": f"Südstraße {k + 1}",
                "use": "gastronomy",
                "vacant_since": ["2025-03-01", "2023-01-15", "2024-05-01"][k],
                "location_class": "1b",
                "fund": "Anmietungs-Fonds" if k == 1 else None,
                "owner_name": OWNER_NAMES[1],
                "owner_contact": OWNER_CONTACTS[1],
                "x": X0 + 230 + 50 * k,
                "y": Y0 + 120,
            }
        )
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    meta = {
        "name": "Teststadt",
        "synthetic": synthetic,
        "source": "Handarbeit <i>&</i>",
        "as_of": "2025-06-30",
    }
    return gi.City(quarters=quarters, units=units, meta=meta)


def make_land_city() -> gi.City:
    """Sites S1 2 ha (available, none), S2 1 ha (available, minor), S3 reserved, S4 taken up."""
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2", "S3", "S4"],
            "status": ["available", "available", "reserved", "taken_up"],
            "restriction": ["none", "minor", "major", "none"],
            "name": ["Hafen <script>alert(1)</script>", None, "Nord", "Süd"],
            "taken_up_on": pd.to_datetime([None, None, None, "2024-03-01"]).astype(
                "datetime64[ns]"
            ),
        },
        geometry=[
            box_at(0, 0, 200, 100),
            box_at(300, 0, 100, 100),
            box_at(0, 300, 100, 50),
            box_at(300, 300, 50, 50),
        ],
        crs=CRS,
    )
    core_zones = gpd.GeoDataFrame(
        {
            "zone_id": ["Z1", "Z2"],
            "name": ["Kernzone West", "Kernzone Ost"],
            "category": ["A", "B"],
        },
        geometry=[box_at(-50, -50, 300, 500), box_at(280, -50, 200, 500)],
        crs=CRS,
    )
    areas = gpd.GeoDataFrame(
        {
            "area_id": ["V1"],
            "name": ["Satzung `Hafen` ${x}"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"],
        },
        geometry=[box_at(0, 0, 100, 100)],
        crs=CRS,
    )
    residential = gpd.GeoDataFrame(
        {
            "area_id": ["W1", "W2"],
            "use": ["residential", "sensitive"],
            "name": ["Wohnen", "Schule"],
        },
        geometry=[box_at(700, 0, 100, 100), box_at(700, 300, 50, 50)],
        crs=CRS,
    )
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["05123401700123000400", "05123401700124______", "05123401700125______"]},
        # P1 fully inside V1, P2 30 % inside (60 x 100 of which 18 x 100 inside), P3 outside
        geometry=[box_at(10, 10, 50, 50), box_at(82, 0, 60, 100), box_at(500, 500, 50, 50)],
        crs=CRS,
    )
    meta = {"name": "Teststadt", "synthetic": False, "source": "Handarbeit", "as_of": "2025-06-30"}
    return gi.City(
        sites=sites, core_zones=core_zones, preemption_areas=areas, residential=residential,
        parcels=parcels, meta=meta,
    )  # fmt: skip


def site_click_points() -> list[tuple[float, float]]:
    """``(lat, lon)`` inside each site of :func:`make_land_city`, clear of the outlines above them.

    The core zones and the pre-emption area are outlines drawn above the sites (draw order of
    :mod:`geoinnenstadt.style`); S1's representative point (100, 50) lies on the edge of V1, so
    S1 is clicked at (150, 50). The others are their representative points.
    """
    sites = make_land_city().sites
    pts = sites.geometry.representative_point()
    pts.iloc[0] = shapely.Point(X0 + 150, Y0 + 50)
    shown = pts.to_crs("EPSG:4326")
    return [(float(p.y), float(p.x)) for p in shown]


def data_blocks(html: str) -> dict[str, dict]:
    """The JSON data block of every map layer, by layer key."""
    blocks = dict(
        re.findall(r'<script type="application/json" id="([^"]+)_data">(.*?)</script>', html, re.S)
    )
    keys = dict(re.findall(r'var ([\w]+) = window\.__gi\.addLayer\([\w]+, "([^"]+)"', html))
    return {key: json.loads(blocks[var]) for var, key in keys.items()}


def column(block: dict, name: str) -> list:
    c = block["columns"][name]
    if isinstance(c, list):
        return c
    return [None if i < 0 else c["values"][i] for i in c["codes"]]


def dated(block: dict, name: str) -> list[list]:
    """Column ``name`` of a layer at every date of its slider (``block["timed"]``), as whole lists.

    Each date is stored either whole or as ``{"positions": [...], "values": [...]}``: the column of
    the following date (the last date: the plain column) with those positions changed.
    """
    per = block["timed"]["columns"][name]
    plain = block["columns"].get(name, block.get("hidden_columns", {}).get(name))
    following = column({"columns": {"c": plain}}, "c") if plain is not None else None
    out: list[list] = []
    for c in reversed(per):
        if isinstance(c, dict) and "positions" in c:
            assert following is not None
            whole = list(following)
            for i, v in zip(c["positions"], c["values"], strict=True):
                whole[i] = v
        else:
            whole = column({"columns": {"c": c}}, "c")
        out.append(whole)
        following = whole
    return out[::-1]


def layer_options(html: str) -> dict[str, dict]:
    out = {}
    for key, opts in re.findall(
        r'window\.__gi\.addLayer\([\w]+, "([^"]+)",\s*document\.getElementById\("[\w]+"\), (\{.*?\})\);\n',
        html,
        re.S,
    ):
        out[key] = json.loads(opts)
    return out


def make_cluster_city() -> gi.City:
    """Two tight clusters 500 m apart: 10 vacant units (west), 10 occupied units (east).

    With the 150 m band of ``vacancy.hotspots`` each unit's Gi* neighbourhood is
    exactly its own cluster. Half of all units are vacant, so a neighbourhood of
    10 vacant units is a hot spot and one of 10 occupied units a cold spot: a
    random draw of the 9 other units gives all-vacant (or all-occupied) with
    probability 1 / C(19, 9) ≈ 1e-5, far below alpha = 0.05.
    """
    rows = []
    for k in range(20):
        west = k < 10
        rows.append(
            {
                "unit_id": f"C{k:02d}",
                "survey_date": pd.Timestamp("2025-06-30"),
                "status": "vacant" if west else "occupied",
                "floor_area_m2": 60.0,
                "address": f"{'West' if west else 'Ost'} {k % 10 + 1}",
                "vacant_since": pd.Timestamp("2024-01-01") if west else pd.NaT,
                "x": X0 + (0 if west else 500) + 5 * (k % 5),
                "y": Y0 + 5 * ((k % 10) // 5),
            }
        )
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    units["vacant_since"] = units["vacant_since"].astype("datetime64[ns]")
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["QW", "QO"], "name": ["West", "Ost"]},
        geometry=[box_at(-100, -100, 300, 300), box_at(400, -100, 300, 300)],
        crs=CRS,
    )
    return gi.City(quarters=quarters, units=units, meta={"name": "Clusterstadt"})


# make_panel_city: quarters Q1 (x 0-200 m) and Q2 (200-400 m), surveys 30.06.2023/2024/2025.
#   A1 (Q1): occupied | vacant since 01.01.2024 | vacant        (5 months in 2024, 17 in 2025)
#   A2 (Q1): occupied | occupied | — (left)
#   B1 (Q2): vacant since 01.01.2022 (17 months) | vacant (29 months) | occupied
#   B2 (Q2): occupied | occupied | occupied
#   A3 (Q1): — | — | occupied (new)
# Totals (hand): 2023 4 units / 1 vacant, 2024 4 / 2, 2025 4 / 1; Q1 0 %, 50 %, 50 %; Q2 50 %, 50 %, 0 %.
PANEL_DATES = ["2023-06-30", "2024-06-30", "2025-06-30"]


def make_panel_city(*, extra_q3: bool = False, name_q1: str = "Nord") -> gi.City:
    plan = {
        "2023-06-30": [("A1", "occupied", None), ("A2", "occupied", None),
                       ("B1", "vacant", "2022-01-01"), ("B2", "occupied", None)],
        "2024-06-30": [("A1", "vacant", "2024-01-01"), ("A2", "occupied", None),
                       ("B1", "vacant", "2022-01-01"), ("B2", "occupied", None)],
        "2025-06-30": [("A1", "vacant", "2024-01-01"), ("A3", "occupied", None),
                       ("B1", "occupied", None), ("B2", "occupied", None)],
    }  # fmt: skip
    xy = {"A1": (50, 50), "A2": (100, 50), "A3": (150, 50), "B1": (250, 50), "B2": (300, 50)}
    rows = []
    for date, entries in plan.items():
        for uid, status, since in entries:
            rows.append({"unit_id": uid, "survey_date": date, "status": status, "floor_area_m2": 100.0,
                         "address": f"Weg {uid}", "vacant_since": since, "use": "retail",
                         "ground_floor": uid != "B2", "location_class": "1a",
                         "x": X0 + xy[uid][0], "y": Y0 + xy[uid][1]})  # fmt: skip
        if extra_q3:
            for k in range(3):
                rows.append({"unit_id": f"C{k}", "survey_date": date, "status": "occupied",
                             "floor_area_m2": 100.0, "address": f"Weg C{k}", "vacant_since": None,
                             "use": "office", "ground_floor": True, "location_class": "2",
                             "x": X0 + 450 + 20 * k, "y": Y0 + 50})  # fmt: skip
    if extra_q3:  # B2 is not surveyed in 2025: Q2 has 1 unit then
        rows = [r for r in rows if not (r["unit_id"] == "B2" and r["survey_date"] == "2025-06-30")]
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    ids, names, boxes = ["Q1", "Q2"], [name_q1, "Süd"], [box_at(0, 0), box_at(200, 0)]
    if extra_q3:
        ids, names, boxes = [*ids, "Q3"], [*names, "Ost"], [*boxes, box_at(400, 0)]
    quarters = gpd.GeoDataFrame({"quarter_id": ids, "name": names}, geometry=boxes, crs=CRS)
    meta = {"name": "Zeitstadt", "synthetic": True, "source": "Handarbeit", "as_of": "2025-06-30"}
    return gi.City(quarters=quarters, units=units, meta=meta)


# --------------------------------------------------------------------------- context beneath the maps

#: The layer names of the context categories (issue 14), bottom to top.
EXPECTED_ORDER = ["landuse", "water", "district", "rail", "road", "city_boundary"]
GERMAN_NAMES = {
    "city_boundary": "Stadtgrenze",
    "district": "Stadtbezirke",
    "landuse": "Flächennutzung",
    "water": "Gewässer",
    "rail": "Bahnstrecken",
    "road": "Hauptstraßen",
}
HOSTILE_DISTRICT = 'Nord<script>alert("x")</script>'
#: Vertices of the dense city boundary (a circle of 3 km radius).
DENSE = 20_000
CENTRE = (X0 + 400.0, Y0 + 250.0)
SECRET_REMARK = "Vermerk: nur intern 4711"


def make_context(*, dense: int = DENSE) -> gpd.GeoDataFrame:
    """Boundary (dense circle), 2 districts, 3 land-use zones, river + harbour, rail, road."""
    cx, cy = CENTRE
    t = np.linspace(0, 2 * np.pi, dense, endpoint=False)
    boundary = shapely.Polygon(np.c_[cx + 3000 * np.cos(t), cy + 3000 * np.sin(t)])
    rows = [
        ("B1", "city_boundary", "Teststadt", None, boundary),
        ("D1", "district", "Innenstadt-West", None, shapely.box(cx - 2000, cy - 2000, cx, cy + 2000)),
        ("D2", "district", HOSTILE_DISTRICT, None, shapely.box(cx, cy - 2000, cx + 2000, cy + 2000)),
        ("L1", "landuse", "Hafen-Gewerbe", "GE", shapely.box(X0 - 100, Y0 - 100, X0 + 300, Y0 + 250)),
        ("L2", "landuse", "Westfalenhütte", "GI", shapely.box(X0 + 900, Y0, X0 + 1400, Y0 + 400)),
        ("L3", "landuse", "Park", "green", shapely.box(X0 + 1500, Y0, X0 + 1700, Y0 + 300)),
        ("L4", "landuse", "Gewerbe Süd", "GE", shapely.box(X0, Y0 - 600, X0 + 200, Y0 - 400)),
        ("W1", "water", "Emscher", None, shapely.LineString([(cx - 2500, cy - 900), (cx + 2500, cy - 700)])),
        ("W2", "water", "Hafenbecken", None, shapely.box(X0 - 300, Y0 + 600, X0, Y0 + 700)),
        ("R1", "rail", "Hauptbahn", None, shapely.LineString([(cx - 2500, cy + 600), (cx + 2500, cy + 650)])),
        ("S1", "road", "B 1", None, shapely.LineString([(cx - 2500, cy - 300), (cx + 2500, cy - 250)])),
    ]  # fmt: skip
    return gpd.GeoDataFrame(
        {
            "context_id": [r[0] for r in rows],
            "category": [r[1] for r in rows],
            "name": [r[2] for r in rows],
            "landuse": [r[3] for r in rows],
            "remark": [SECRET_REMARK] * len(rows),  # not on the allow-list of the page
        },
        geometry=[r[4] for r in rows],
        crs=CRS,
    )


def with_context(city: gi.City, context: gpd.GeoDataFrame | None = None) -> gi.City:
    layers = {k: getattr(city, k) for k in gi.City.__dataclass_fields__ if k != "meta"}
    layers["context"] = make_context() if context is None else context
    return gi.City(**layers, meta=dict(city.meta))


#: Hit labels in the order of the search (written by hand): house numbers as numbers, a
#: number before the same number with a suffix, streets in German phone-book order (ä as ae,
#: ß as ss, case and accents aside). Python (``explore.natural_key``) and the page
#: (``naturalOrder`` in explore.js) must both give this order.
NATURAL_ORDER = [
    "Ärztehaus 2",
    "Apotheke 1",
    "Kampstraße 6",
    "Kampstraße 11",
    "kampstr. 11a",
    "Kampstraße 11b",
    "Kampstraße 12",
    "Kampstraße 047",
    "Kampstraße 115",
    "Kampstraße 133",
    "Kampweg 1",
    "Müllerstraße 3",
    "Mummenhof 3",
    "Straße 9",
    "Strasse 10",
]


# --------------------------------------------------------------------------- use mix and footfall

#: Hostile brand and counter names: they reach the page only as data (issue 20).
XSS_BRAND = "<img src=x onerror=window.__pwned=1>"
XSS_BRAND_2 = "Kanzlei`${window.__pwned=1}`</script>"
XSS_COUNTER = "<b>Haupt</b>straße<script>window.__pwned=1</script>"
XSS_COUNTER_2 = "Ost`${window.__pwned=1}`"


# make_use_city: quarters Q1 "Nord" (x 0-200 m) and Q2 "Süd" (200-400 m), surveys 30.06.2024/2025.
#   U1 (Q1) retail_medium.clothing, brand XSS_BRAND, occupied            (Bekleidung)
#   U2 (Q1) gastronomy, no brand, occupied                               (Gastronomie)
#   U3 (Q1) OSM tag shop=bakery (→ retail_short.food), brand "Back & Co", occupied
#   U4 (Q1) retail_medium.clothing, vacant since 01.01.2024               (not in the use mix)
#   U5 (Q2) services (2024) → health (2025), no brand, occupied
#   U6 (Q2) office, brand XSS_BRAND_2, occupied
# Use mix by hand (occupied units): Q1 both dates 3 units, 1/3 each of retail_short,
#   retail_medium, gastronomy; diversity ln 3 / ln 10 = 0.4771; chains 2/3 (U1, U3).
#   Q2: 2 units, 1/2 each (2024 services + office, 2025 health + office); diversity
#   ln 2 / ln 10 = 0.3010; chains 1/2 (U6).
USE_DATES = ["2024-06-30", "2025-06-30"]


def make_use_city(*, footfall: bool = True) -> gi.City:
    plan = [
        ("U1", "retail_medium.clothing", XSS_BRAND, "occupied", 30),
        ("U2", "gastronomy", None, "occupied", 80),
        ("U3", "shop=bakery", "Back & Co", "occupied", 130),
        ("U4", "retail_medium.clothing", None, "vacant", 170),
        ("U5", "services", None, "occupied", 250),
        ("U6", "office", XSS_BRAND_2, "occupied", 330),
    ]
    rows = []
    for date in USE_DATES:
        for uid, use, brand, status, east in plan:
            if uid == "U5" and date == "2025-06-30":
                use = "health"
            rows.append({"unit_id": uid, "survey_date": date, "status": status,
                         "floor_area_m2": 100.0, "address": f"Markt {uid[1]}", "use": use,
                         "brand": brand, "vacant_since": "2024-01-01" if status == "vacant" else None,
                         "ground_floor": True, "location_class": "1a",
                         "x": X0 + east, "y": Y0 + 100})  # fmt: skip
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Nord", "Süd"]},
        geometry=[box_at(0, 0), box_at(200, 0)],
        crs=CRS,
    )
    meta = {"name": "Nutzstadt", "synthetic": True, "source": "Handarbeit", "as_of": "2025-06-30"}
    return gi.City(
        quarters=quarters, units=units, meta=meta, footfall=make_footfall() if footfall else None
    )


def _hours(day: str, n: int | None = None) -> pd.DatetimeIndex:
    """The local hours of ``day`` (all of them, or the first ``n``)."""
    start = pd.Timestamp(day).tz_localize("Europe/Berlin")
    end = (pd.Timestamp(day) + pd.Timedelta(days=1)).tz_localize("Europe/Berlin")
    hours = pd.date_range(start, end, freq="h", inclusive="left")
    return hours if n is None else hours[:n]


# make_footfall: four counters (EPSG:25832, in Q1, Q2, Q1, Q2).
#   Z1 XSS_COUNTER: Mon 05.06.2023 24 × 100 = 2,400; Mon 03.06.2024 (364 days later)
#      24 × 110 = 2,640; Tue 04.06.2024 10 hours × 50 (incomplete). Mean of complete days
#      (2,400 + 2,640) / 2 = 2,520; period 05.06.2023 – 04.06.2024; change 2024 (the last
#      complete year: the last counted day is 31.12.2024) 2,640 / 2,400 − 1 = +10,0 %.
#   Z2 XSS_COUNTER_2: 30.12.2024 24 × 20 = 480, 31.12.2024 24 × 30 = 720: mean 600; no day
#      364 days earlier: no change.
#   Z3 "Leerweg": no counts at all ("nicht gemessen").
#   Z4 "Halbtag": 01.07.2024 5 hours × 40 only ("kein vollständiger Zähltag").
#   Radii (area ∝ mean, style.counter_radius): 16 px for 2,520, 16 √(600 / 2,520) = 7.807 px,
#   6 px (the smallest) without a mean.
def make_footfall() -> gi.footfall.Footfall:
    parts = [
        ("Z1", _hours("2023-06-05"), 100),
        ("Z1", _hours("2024-06-03"), 110),
        ("Z1", _hours("2024-06-04", 10), 50),
        ("Z2", _hours("2024-12-30"), 20),
        ("Z2", _hours("2024-12-31"), 30),
        ("Z4", _hours("2024-07-01", 5), 40),
    ]
    counts = pd.concat(
        [pd.DataFrame({"counter_id": c, "timestamp": t, "pedestrians": n}) for c, t, n in parts],
        ignore_index=True,
    )
    ff = gi.footfall.from_counts(counts, warn=False)
    counters = gpd.GeoDataFrame(
        {
            "counter_id": ["Z1", "Z2", "Z3", "Z4"],
            "name": [XSS_COUNTER, XSS_COUNTER_2, "Leerweg", "Halbtag"],
        },
        geometry=gpd.points_from_xy(
            [X0 + 100, X0 + 300, X0 + 60, X0 + 360], [Y0 + 160, Y0 + 160, Y0 + 40, Y0 + 40]
        ),
        crs=CRS,
    )
    return gi.footfall.Footfall(counters=counters, counts=ff.counts, report=ff.report)
