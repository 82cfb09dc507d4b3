"""The three-round survey panel of the maps-over-time tests (issue 24, case 6).

The panel, the quarters withheld at each date and the popups expected at each date are
written by hand; ``tests/maps/test_timeline.py`` describes them in its docstring.
"""

from __future__ import annotations

import warnings
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

import geoinnenstadt as gi
from geoinnenstadt import maps
from helpers.maps import CRS, X0, Y0

DATES = ["2023-06-30", "2024-06-30", "2025-06-30"]
IDS = ["N1", "N2", "N3", "M1", "M2", "M3", "M4", "O1", "O2", "O3", "O4", "O5", "O6"]
#: Quarter of each unit and where it lies (metres east of X0; all at Y0 + 100).
QUARTER = {u: {"N": "Q1", "M": "Q2", "O": "Q3"}[u[0]] for u in IDS}
EAST = {"N1": 40, "N2": 90, "N3": 140, "M1": 240, "M2": 280, "M3": 320, "M4": 360,
        "O1": 430, "O2": 460, "O3": 490, "O4": 520, "O5": 550, "O6": 580}  # fmt: skip
#: min_count of the public tests and the quarters it withholds, per date (see tests/maps/test_timeline.py).
MIN_COUNT = 3
WITHHELD = {"2023-06-30": set(), "2024-06-30": set(), "2025-06-30": {"Q1", "Q2"}}
#: Values surveyed only while their quarter is withheld.
SECRETS = ("153", "95", "Büro", "Sofortprogramm Innenstadt")
#: The popup rows of a unit, in the order of the page.
FIELDS = ("status", "area", "use", "since", "duration", "location", "fund", "id")
LABELS = ("Status", "Verkaufs-/Nutzfläche (m²)", "Nutzung", "leer seit", "Leerstandsdauer",
          "Lage", "Fonds", "Einheiten-ID")  # fmt: skip


def _row(address: str, status: str, area: str, use: str, since: str = "–",
         duration: str = "–", fund: str | None = None) -> tuple:  # fmt: skip
    return (address, status, area, use, since, duration, "1b-Lage", fund, address[4:])


OCC, VAC = "genutzt", "leer stehend"
SERV, RET, GAS, OFF = "Dienstleistungen", "Einzelhandel", "Gastronomie", "Büro"

#: popup (address, status, area, use, since, duration, location, fund, id) per date and unit;
#: a unit absent at a date is not in the inventory then (N3 in 2025, O6 from 2024).
EXPECTED: dict[str, dict[str, tuple]] = {
    "2023-06-30": {
        "N1": _row("Weg N1", OCC, "120", RET),
        "N2": _row("Weg N2", OCC, "80", GAS),
        "N3": _row("Weg N3", OCC, "100", SERV),
        **{f"M{k}": _row(f"Weg M{k}", OCC, "100", SERV) for k in range(1, 5)},
        "O1": _row("Weg O1", OCC, "200", RET),
        **{f"O{k}": _row(f"Weg O{k}", OCC, "100", SERV) for k in range(2, 7)},
    },
    "2024-06-30": {
        "N1": _row("Weg N1", VAC, "120", RET, "01.03.2024", "3 Monate"),
        "N2": _row("Weg N2", OCC, "80", GAS),
        "N3": _row("Weg N3", OCC, "100", SERV),
        **{f"M{k}": _row(f"Weg M{k}", OCC, "100", SERV) for k in range(1, 5)},
        "O1": _row("Weg O1", VAC, "180", RET, "15.01.2024", "5 Monate", "Anmietungs-Fonds"),
        **{f"O{k}": _row(f"Weg O{k}", OCC, "100", SERV) for k in range(2, 6)},
    },
    "2025-06-30": {
        "N1": _row("Weg N1", VAC, "153", RET, "01.03.2024", "15 Monate", "Sofortprogramm Innenstadt"),
        "N2": _row("Weg N2", OCC, "80", OFF),
        "M1": _row("Weg M1", OCC, "95", SERV),
        **{f"M{k}": _row(f"Weg M{k}", OCC, "100", SERV) for k in range(2, 5)},
        "O1": _row("Weg O1", OCC, "180", GAS),
        **{f"O{k}": _row(f"Weg O{k}", OCC, "100", SERV) for k in range(2, 6)},
    },
}  # fmt: skip


def expected(date: str, public: bool) -> dict[str, tuple]:
    """The units drawn at ``date`` with their popups (public: withheld quarters left out)."""
    rows = EXPECTED[date]
    if public:
        rows = {u: r for u, r in rows.items() if QUARTER[u] not in WITHHELD[date]}
    return rows


def make_survey_city() -> gi.City:
    """The panel described in the docstring of tests/maps/test_timeline.py."""
    changes = {
        ("N1", "2023-06-30"): {"use": "retail", "floor_area_m2": 120.0},
        ("N1", "2024-06-30"): {"use": "retail", "floor_area_m2": 120.0, "status": "vacant",
                               "vacant_since": "2024-03-01"},
        ("N1", "2025-06-30"): {"use": "retail", "floor_area_m2": 153.0, "status": "vacant",
                               "vacant_since": "2024-03-01", "fund": "Sofortprogramm Innenstadt"},
        ("N2", "2025-06-30"): {"use": "office"},
        ("M1", "2025-06-30"): {"floor_area_m2": 95.0},
        ("O1", "2023-06-30"): {"use": "retail", "floor_area_m2": 200.0},
        ("O1", "2024-06-30"): {"use": "retail", "floor_area_m2": 180.0, "status": "vacant",
                               "vacant_since": "2024-01-15", "fund": "Anmietungs-Fonds"},
        ("O1", "2025-06-30"): {"use": "gastronomy", "floor_area_m2": 180.0},
    }  # fmt: skip
    left = {("N3", "2025-06-30"), ("O6", "2024-06-30"), ("O6", "2025-06-30")}
    rows = []
    for date in DATES:
        for uid in IDS:
            if (uid, date) in left:
                continue
            row = {"unit_id": uid, "survey_date": date, "status": "occupied",
                   "floor_area_m2": 80.0 if uid == "N2" else 100.0,
                   "use": "gastronomy" if uid == "N2" else "services", "vacant_since": None,
                   "fund": None, "address": f"Weg {uid}", "location_class": "1b",
                   "ground_floor": True, "x": X0 + EAST[uid], "y": Y0 + 100}  # fmt: skip
            row.update(changes.get((uid, date), {}))
            rows.append(row)
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    boxes = [shapely.box(X0 + i, Y0, X0 + i + 200, Y0 + 200) for i in (0, 200, 400)]
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2", "Q3"], "name": ["Nord", "Mitte", "Ost"]},
        geometry=boxes,
        crs=CRS,
    )
    meta = {"name": "Zeitstadt", "synthetic": True, "source": "Handarbeit", "as_of": DATES[-1]}
    return gi.City(quarters=quarters, units=units, meta=meta)


def survey_map(*, public: bool, hotspots: bool = False) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # too few units for the hot spots' neighbour graph
        return maps.vacancy_map(
            make_survey_city(), min_count=MIN_COUNT if public else None, hotspots=hotspots
        )
