"""Maps over time (issue 24, case 6): each date shows the units as surveyed at that date, and
in public mode nothing of a quarter withheld at a date reaches the page for that date.

The hand-built panel of :func:`make_survey_city` — three quarters side by side, three rounds
(30.06.2023, 30.06.2024, 30.06.2025), every unit in "1b-Lage" on the ground floor:

* **Nord** (Q1): N1 retail, occupied, 120 m² (2023) → vacant since 01.03.2024, 120 m² (2024)
  → vacant, re-measured 153 m², fund "Sofortprogramm Innenstadt" (2025); N2 gastronomy
  80 m², an office ("Büro") in 2025; N3 services 100 m², not surveyed in 2025 (it left the
  inventory).
* **Mitte** (Q2): M1–M4 services 100 m²; M1 re-measured 95 m² in 2025.
* **Ost** (Q3): O1 retail 200 m² (2023) → vacant since 15.01.2024, 180 m², fund
  "Anmietungs-Fonds" (2024) → occupied again, gastronomy, 180 m² (2025); O2–O5 services
  100 m²; O6 services 100 m², not surveyed from 2024 on.

Units per quarter, counted by hand: 2023 3/4/6, 2024 3/4/5, 2025 2/4/5. With ``min_count=3``
Nord is withheld in 2025 (primary: 2 < 3) and Mitte with it (secondary: the smallest other
quarter); 2023 and 2024 show every quarter. So "153", "95", "Büro" and "Sofortprogramm
Innenstadt" were surveyed only while their quarter is withheld: they must never reach the
public page (not even as a filter option).

Expected popups (:data:`EXPECTED`) are written by hand from this description; vacancy
durations are whole months (01.03.2024 → 30.06.2024: 3; → 30.06.2025: 15; 15.01.2024 →
30.06.2024: 5). The page's data is read with plain ``json`` (``test_maps.data_blocks``).
"""

from __future__ import annotations

import html as html_lib
import os
import re
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from test_maps import column, data_blocks, dated

import geoinnenstadt as gi
from geoinnenstadt import briefing, maps

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"
DATES = ["2023-06-30", "2024-06-30", "2025-06-30"]
IDS = ["N1", "N2", "N3", "M1", "M2", "M3", "M4", "O1", "O2", "O3", "O4", "O5", "O6"]
#: Quarter of each unit and where it lies (metres east of X0; all at Y0 + 100).
QUARTER = {u: {"N": "Q1", "M": "Q2", "O": "Q3"}[u[0]] for u in IDS}
EAST = {"N1": 40, "N2": 90, "N3": 140, "M1": 240, "M2": 280, "M3": 320, "M4": 360,
        "O1": 430, "O2": 460, "O3": 490, "O4": 520, "O5": 550, "O6": 580}  # fmt: skip
#: min_count of the public tests and the quarters it withholds, per date (module docstring).
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
    """The panel of the module docstring."""
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


def value_at(block: dict, name: str, date: str) -> list:
    """Column ``name`` of a layer as the page reads it at ``date``: the per-date column
    (``test_maps.dated``) where there is one, else the plain column."""
    if name in block["timed"]["columns"]:
        return dated(block, name)[block["timed"]["dates"].index(date)]
    return column(
        {"columns": {"c": block["columns"].get(name, block.get("hidden_columns", {}).get(name))}},
        "c",
    )


def popups_at(block: dict, date: str) -> dict[str, tuple]:
    """Unit id → popup values of every unit drawn at ``date``; asserts that a unit not drawn
    carries no value at that date."""
    ids = column(block, "id")
    codes = block["timed"]["style_codes"][block["timed"]["dates"].index(date)]
    cols = {n: value_at(block, n, date) for n in ("address", *FIELDS[:-1], "ground")}
    out = {}
    for i, uid in enumerate(ids):
        values = tuple(cols[n][i] for n in ("address", *FIELDS[:-1]))
        if codes[i] == ".":
            assert set(values) == {None}, (date, uid, values)
            assert cols["ground"][i] is None, (date, uid)
        else:
            out[uid] = (*values, uid)
    return out


def strings(node: Any) -> set[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(*(strings(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(strings(v) for v in node)) if node else set()
    return set()


# ------------------------------------------------------------------ the map's data


def test_private_map_shows_each_unit_as_surveyed_at_each_date() -> None:
    units = data_blocks(maps.to_html(survey_map(public=False)))["units"]
    assert units["timed"]["dates"] == DATES
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=False), date


def test_public_map_holds_nothing_of_a_withheld_quarter_at_that_date() -> None:
    html = maps.to_html(survey_map(public=True))
    blocks = data_blocks(html)
    units = blocks["units"]
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=True), date
    # nothing surveyed while Nord and Mitte are withheld is anywhere in the page's data
    found = strings(units) | strings(blocks["quarters"])
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html
    # the quarters: no figure and no profile of Nord and Mitte in 2025, figures before
    q = blocks["quarters"]
    secret = "geheim (Geheimhaltung)"
    assert value_at(q, "rate", "2025-06-30") == [secret, secret, "0,0 %"]
    assert value_at(q, "units", "2025-06-30") == [secret, secret, "5"]
    assert value_at(q, "vacant", "2025-06-30") == [secret, secret, "0"]
    assert value_at(q, "tip", "2025-06-30") == [f"Nord: {secret}", f"Mitte: {secret}", "Ost: 0,0 %"]
    assert value_at(q, "units", "2024-06-30") == ["3", "4", "5"]
    assert column(q, "chart")[:2] == ["Zeitreihe geheim (Geheimhaltung)"] * 2


def test_public_map_with_hot_spots_and_filters_holds_no_withheld_value() -> None:
    html = maps.to_html(survey_map(public=True, hotspots=True))
    blocks = data_blocks(html)
    found = set().union(*(strings(b) for b in blocks.values()))
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html
    for key, block in blocks.items():  # no layer draws a unit of Nord or Mitte in 2025
        if block["type"] == "points" and "timed" in block:
            ids = column(block, "id") if "id" in block["columns"] else None
            k = block["timed"]["style_codes"][DATES.index("2025-06-30")]
            if ids is not None:
                assert [u for u, c in zip(ids, k, strict=True) if c != "."] == [
                    "O1", "O2", "O3", "O4", "O5"
                ], key  # fmt: skip


def test_filters_offer_the_values_of_the_dates_they_are_drawn_at() -> None:
    """The use filter lists the uses of units drawn at some date (sorted as text); public:
    not the office use of N2, surveyed only while Nord is withheld."""
    from test_maps import layer_options

    html = maps.to_html(survey_map(public=False))
    groups = {g["key"]: g for g in layer_options(html)["units"]["filters"]}
    assert [o["value"] for o in groups["use"]["options"]] == [OFF, SERV, RET, GAS]
    public = maps.to_html(survey_map(public=True))
    groups = {g["key"]: g for g in layer_options(public)["units"]["filters"]}
    assert [o["value"] for o in groups["use"]["options"]] == [SERV, RET, GAS]
    assert OFF not in public


def test_page_is_no_larger_than_before_on_the_dortmund_sample() -> None:
    """Measured before this change (save_html, offline): 434,984 bytes private and 398,849
    public (min_count=67); the per-date columns are stored as changes, so the page stays
    within 2 % of that although every popup column now follows the date."""
    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for min_count, before in ((None, 434_984), (67, 398_849)):
            size = len(maps.to_html(maps.vacancy_map(city, min_count=min_count)).encode())
            assert size <= before * 1.02, (min_count, size)


# ------------------------------------------------------------------ the public briefing


def test_public_briefing_map_holds_nothing_of_a_withheld_quarter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One notebook, built as ``tests/test_briefing.py`` does, in publication mode."""
    assert gi.settings.public_min_count == MIN_COUNT
    # the notebook's kernel imports the package under test (not another installed copy)
    root = str(Path(gi.__file__).resolve().parents[1])
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    path = gi.write_city(make_survey_city(), tmp_path / "zeitstadt.gpkg", personal=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = briefing.build(
            ["01_leerstand_city"], data=str(path), out=tmp_path / "pub", public=True,
            progress=False,
        )  # fmt: skip
    assert not result.failed, [str(e) for e in result.failed]
    page = result.written[0].read_text(encoding="utf-8")
    frames = re.findall(r'<iframe[^>]*srcdoc="([^"]*)"', page)
    assert len(frames) == 1
    doc = html_lib.unescape(frames[0])
    units = data_blocks(doc)["units"]
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=True), date
    found = set().union(*(strings(b) for b in data_blocks(doc).values()))
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html_lib.unescape(html_lib.unescape(page))
