"""gi.matching: hard filters, score components and rankings against hand-computed answers.

The fixture: two hand-drawn quarters side by side (Q1 "Nordviertel" x 0–100 m, Q2
"Brückviertel" x 100–200 m), one survey on 30.06.2025 (plus one earlier survey of
U07), six units vacant on that date and six occupied ones. Every expected filter
outcome, point and rank below is computed by hand in the comments, never by the
code under test.

Use mix at 30.06.2025 (occupied units):
  Q1: O01 gastronomy, O02 gastronomy, O03 clothing, O04 office, U07 office  (5)
      → gastronomy 2/5 = 0.4, retail_medium 1/5 = 0.2, office 2/5 = 0.4
  Q2: O05 clothing, O06 services (2) → retail_medium 0.5, services 0.5
  city (7): gastronomy 2/7, retail_medium 2/7, office 2/7, services 1/7
Use fit (1 under-represented, 0.5 present at or above the city share):
  gastronomy Q1 0.4 ≥ 0.286 → 0.5, Q2 0 < 0.286 → 1
  retail_medium Q1 0.2 < 0.286 → 1, Q2 0.5 → 0.5

Vacant units at 30.06.2025 (area m², ground floor, step-free, rent €/m², vacant since → months):
  U01 Q1 150  GF  yes  12    30.06.2024 → 12
  U02 Q1 120  GF  n/a  n/a   30.06.2023 → 24
  U03 Q2 185  GF  no   20    31.03.2025 → 3
  U04 Q2 150  –   yes  10    30.06.2024 → 12
  U05 Q2 400  GF  yes   9    30.06.2021 → 48
  U06 Q2 400  GF  yes   9    30.06.2022 → 36
U07 (Q1, 150 m², GF) was vacant on 30.06.2024 and is occupied on 30.06.2025.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.uses import UnknownUseWarning

X0, Y0 = 390_000.0, 5_700_000.0
CRS = "EPSG:25832"
AT = "2025-06-30"
# weights summing to 100 without footfall, so that points are easy to compute by hand
W = {"size": 40, "quarter": 30, "use": 10, "footfall": 0, "duration": 20}


@pytest.fixture
def quarters() -> gpd.GeoDataFrame:
    return _quarters()


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Nordviertel", "Brückviertel"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 100, Y0 + 100),
            shapely.box(X0 + 100, Y0, X0 + 200, Y0 + 100),
        ],
        crs=CRS,
    )


def _unit(uid, x, y, status, area, use=None, gf=True, sf=None, rent=None, since=None, day=AT):
    return {
        "unit_id": uid,
        "survey_date": pd.Timestamp(day),
        "status": status,
        "floor_area_m2": float(area),
        "use": use,
        "ground_floor": gf,
        "step_free": sf,
        "asking_rent_eur_m2": rent,
        "vacant_since": pd.Timestamp(since) if since else pd.NaT,
        "owner_name": f"Eigentümerin {uid}",
        "geometry": shapely.Point(X0 + x, Y0 + y),
    }


@pytest.fixture
def units() -> gpd.GeoDataFrame:
    rows = [
        _unit("O01", 10, 90, "occupied", 100, "gastronomy"),
        _unit("O02", 30, 90, "occupied", 100, "amenity=restaurant"),
        _unit("O03", 50, 90, "occupied", 100, "retail_medium.clothing"),
        _unit("O04", 70, 90, "occupied", 100, "office"),
        _unit("O05", 110, 90, "occupied", 100, "retail_medium.clothing"),
        _unit("O06", 150, 90, "occupied", 100, "services"),
        _unit("U01", 20, 20, "vacant", 150, gf=True, sf=True, rent=12.0, since="2024-06-30"),
        _unit("U02", 40, 60, "vacant", 120, gf=True, sf=None, rent=None, since="2023-06-30"),
        _unit("U03", 150, 20, "vacant", 185, gf=True, sf=False, rent=20.0, since="2025-03-31"),
        _unit("U04", 170, 70, "vacant", 150, gf=False, sf=True, rent=10.0, since="2024-06-30"),
        _unit("U05", 130, 80, "vacant", 400, gf=True, sf=True, rent=9.0, since="2021-06-30"),
        _unit("U06", 190, 10, "vacant", 400, gf=True, sf=True, rent=9.0, since="2022-06-30"),
        _unit("U07", 60, 80, "vacant", 150, gf=True, sf=True, since="2024-01-01", day="2024-06-30"),
        _unit("U07", 60, 80, "occupied", 150, "office", gf=True, sf=True),
    ]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    gdf["ground_floor"] = gdf["ground_floor"].astype("boolean")
    gdf["step_free"] = gdf["step_free"].astype("boolean")
    gdf["asking_rent_eur_m2"] = gdf["asking_rent_eur_m2"].astype(float)
    return gdf


def _requests(*rows: dict) -> pd.DataFrame:
    base = {
        "received_on": "2025-05-01",
        "ground_floor_required": False,
        "preferred_quarters": "",
        "status": "open",
        "contact_name": "Max Mustermann",
        "contact_email": "max@example.invalid",
        "contact_phone": "0231 123456",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def _req(rid: str, low: float, high: float, **kw) -> dict:
    return {
        "request_id": rid,
        "use": kw.pop("use", "gastronomy"),
        "min_floor_area_m2": low,
        "max_floor_area_m2": high,
        **kw,
    }


@pytest.fixture
def requests() -> pd.DataFrame:
    return _requests(
        _req("R1", 100, 200, ground_floor_required=True, preferred_quarters="Brueckviertel"),
        _req(
            "R2",
            300,
            500,
            use="Bekleidung",
            ground_floor_required=True,
            step_free_required=True,
            max_rent_eur_m2=10.0,
        ),
        _req("R3", 1000, 2000, use="office", ground_floor_required=True),
        _req(
            "R4",
            100,
            200,
            step_free_required=True,
            max_rent_eur_m2=11.0,
            preferred_quarters=["Q1", "Brückviertel"],
        ),
        _req("R5", 100, 200, status="placed"),
    )


def _found(result: pd.DataFrame, rid: str) -> list[str]:
    return result.loc[result["request_id"] == rid, "unit_id"].dropna().tolist()


# --------------------------------------------------------------------------- the ranking by hand


def test_ranking_and_points_by_hand(requests, units, quarters) -> None:
    res = gi.matching.match(requests, units, quarters=quarters, at=AT, weights=W)
    # R1 gastronomy 100–200 m², EG, prefers Brückviertel: lo 90, centre 150, hi 220.
    #   U01 150: size 1 → 40, Q1 not preferred 0, use Q1 0.5 → 5, 12/24 → 10  = 55.0
    #   U02 120: size (120−90)/60 = 0.5 → 20, 0, 5, 24/24 → 20              = 45.0
    #   U03 185: size (220−185)/70 = 0.5 → 20, preferred 30, use Q2 1 → 10, 3/24 → 2.5 = 62.5
    #   U04 not on the ground floor; U05, U06 too large.
    # R2 clothing 300–500, EG, step-free, ≤ 10 €/m², anywhere: U05 and U06 (400 m²) both
    #   40 + 30 + 5 (Q2 0.5) + 20 (capped) = 95.0 – a tie: U05 (48 months) before U06 (36).
    # R4 gastronomy 100–200, step-free, ≤ 11 €/m², Q1 or Brückviertel: U01 rent 12 > 11,
    #   U02 step-free unknown, U03 not step-free → U04: 40 + 30 + 10 (Q2) + 10 = 90.0
    expected = {
        "request_id": ["R1", "R1", "R1", "R2", "R2", "R3", "R4"],
        "unit_id": ["U03", "U01", "U02", "U05", "U06", None, "U04"],
        "quarter_id": ["Q2", "Q1", "Q1", "Q2", "Q2", None, "Q2"],
        "score": [62.5, 55.0, 45.0, 95.0, 95.0, np.nan, 90.0],
        "rank": [1, 2, 3, 1, 2, None, 1],
        "points_size": [20.0, 40.0, 20.0, 40.0, 40.0, np.nan, 40.0],
        "points_quarter": [30.0, 0.0, 0.0, 30.0, 30.0, np.nan, 30.0],
        "points_use": [10.0, 5.0, 5.0, 5.0, 5.0, np.nan, 10.0],
        "points_footfall": [0.0, 0.0, 0.0, 0.0, 0.0, np.nan, 0.0],
        "points_duration": [2.5, 10.0, 20.0, 20.0, 20.0, np.nan, 10.0],
    }
    got = res.drop(columns="reasons")
    assert got["request_id"].tolist() == expected["request_id"]  # R5 is placed
    assert [None if pd.isna(v) else v for v in got["unit_id"]] == expected["unit_id"]
    assert [None if pd.isna(v) else v for v in got["quarter_id"]] == expected["quarter_id"]
    assert [None if pd.isna(v) else int(v) for v in got["rank"]] == expected["rank"]
    for col in ["score", *[c for c in expected if c.startswith("points_")]]:
        np.testing.assert_allclose(got[col].to_numpy(float), expected[col], atol=1e-9, err_msg=col)
    assert res.attrs["weights"] == {k: float(v) for k, v in W.items()}
    assert res.attrs["tolerance"] == 0.1
    assert res.attrs["at"] == pd.Timestamp(AT)
    assert res.attrs["requests_skipped"] == 1
    assert res.attrs["vacant_units"] == 6


def test_reasons_list_every_component_and_filter(requests, units, quarters) -> None:
    res = gi.matching.match(requests, units, quarters=quarters, at=AT, weights=W)
    r1 = res.set_index(["request_id", "unit_id"])["reasons"]
    assert r1[("R1", "U03")] == (
        "Fläche 185 m² im Bereich 100–200 m²; EG; Wunschquartier Brückviertel; "
        "Gastronomie im Quartier unterrepräsentiert (0,0 % gegenüber 28,6 % in der City); "
        "3 Monate leer"
    )
    assert r1[("R1", "U01")] == (
        "Fläche 150 m² im Bereich 100–200 m²; EG; Quartier Nordviertel (nicht gewünscht: "
        "Brückviertel); Gastronomie im Quartier vertreten (40,0 % gegenüber 28,6 % in der "
        "City); 12 Monate leer"
    )
    assert r1[("R2", "U05")] == (
        "Fläche 400 m² im Bereich 300–500 m²; EG; stufenlos; Miete 9,00 €/m² ≤ 10,00 €/m²; "
        "Quartier Brückviertel (kein Wunschquartier angegeben); Einzelhandel mittelfristiger "
        "Bedarf im Quartier vertreten (50,0 % gegenüber 28,6 % in der City); 48 Monate leer"
    )
    en = gi.matching.match(requests, units, quarters=quarters, at=AT, weights=W, lang="en")
    text = en.set_index(["request_id", "unit_id"])["reasons"][("R1", "U03")]
    assert text.startswith("floor area 185 m² within 100–200 m²; ground floor; preferred quarter")
    assert text.endswith("vacant for 3 months")


def test_no_match_names_the_filter_in_german_and_english(requests, units, quarters) -> None:
    # R3 office 1,000–2,000 m² on the ground floor: all six vacant units are smaller
    de = gi.matching.match(requests, units, quarters=quarters, at=AT, lang="de")
    en = gi.matching.match(requests, units, quarters=quarters, at=AT, lang="en")
    row_de = de[de["request_id"] == "R3"]
    assert len(row_de) == 1
    assert pd.isna(row_de["unit_id"].iloc[0])
    assert row_de["reasons"].iloc[0] == (
        "keine Einheit ≥ 1.000 m² im EG; am häufigsten ausgeschlossen durch Fläche "
        "(6 von 6 leer stehenden Einheiten)"
    )
    assert en.loc[en["request_id"] == "R3", "reasons"].iloc[0] == (
        "no unit ≥ 1,000 m² on the ground floor; most often excluded by floor area "
        "(6 of 6 vacant units)"
    )


def test_no_match_by_step_free_names_that_filter(units) -> None:
    # 100–200 m², step-free, ≤ 9 €/m²: area passes U01–U04 (2 excluded: U05, U06); step-free
    # fails U02 (unknown), U03 (no) → 2; rent > 9: U01 12, U03 20, U04 10 (and U05/U06 9 pass)
    # → 3 excluded by rent, the most. The area filter excluded only larger units: "≤ 200 m²".
    req = _requests(_req("S", 100, 200, step_free_required=True, max_rent_eur_m2=9.0))
    res = gi.matching.match(req, units, at=AT)
    assert res["reasons"].iloc[0] == (
        "keine Einheit ≤ 200 m² stufenlos zugänglich bis 9,00 €/m²; am häufigsten "
        "ausgeschlossen durch Miete (3 von 6 leer stehenden Einheiten)"
    )


# --------------------------------------------------------------------------- each hard filter


def _ids(req: pd.DataFrame, units, **kw) -> set[str]:
    res = gi.matching.match(req, units, at=kw.pop("at", AT), top=None, **kw)
    return set(res["unit_id"].dropna())


def test_filter_floor_area_and_tolerance(units) -> None:
    req = _requests(_req("A", 160, 170))
    # tolerance 0.1: [144, 187] → U01 150, U03 185, U04 150 (no other filter asked)
    assert _ids(req, units) == {"U01", "U03", "U04"}
    # tolerance 0: [160, 170] → nothing
    assert _ids(req, units, tolerance=0) == set()
    # tolerance 0.2: [128, 204] → also nothing more (U02 120 < 128)
    assert _ids(req, units, tolerance=0.2) == {"U01", "U03", "U04"}
    # 0.25: [120, 212.5] → U02 at the very bound
    assert _ids(req, units, tolerance=0.25) == {"U01", "U02", "U03", "U04"}


def test_filter_ground_floor(units) -> None:
    assert _ids(_requests(_req("G", 100, 200, ground_floor_required=True)), units) == {
        "U01", "U02", "U03",
    }  # fmt: skip
    assert _ids(_requests(_req("G", 100, 200, ground_floor_required="nein")), units) == {
        "U01", "U02", "U03", "U04",
    }  # fmt: skip


def test_filter_step_free_unknown_fails(units) -> None:
    # U02's step_free is unknown, U03's is false
    assert _ids(_requests(_req("S", 100, 200, step_free_required=True)), units) == {"U01", "U04"}
    no_column = units.drop(columns="step_free")
    assert _ids(_requests(_req("S", 100, 200, step_free_required=True)), no_column) == set()


def test_filter_rent_unknown_passes_with_a_note(units) -> None:
    req = _requests(_req("M", 100, 200, max_rent_eur_m2=11.0))
    # U01 12 > 11 and U03 20 > 11 fail; U02 unknown passes; U04 10 passes
    res = gi.matching.match(req, units, at=AT, top=None)
    assert set(res["unit_id"]) == {"U02", "U04"}
    note = res.set_index("unit_id")["reasons"]
    assert "Miete k. A. (nicht geprüft, höchstens 11,00 €/m² gewünscht)" in note["U02"]
    assert "Miete 10,00 €/m² ≤ 11,00 €/m²" in note["U04"]


def test_filter_vacant_at_the_reference_date(units) -> None:
    req = _requests(_req("V", 100, 200))
    assert "U07" not in _ids(req, units, at=AT)  # occupied on 30.06.2025
    # on 30.06.2024 the inventory is U07 alone, vacant since 01.01.2024
    assert _ids(req, units, at="30.06.2024") == {"U07"}


def test_tie_goes_to_the_longer_vacancy_then_the_id(units) -> None:
    # U05 (48 months) and U06 (36 months): both 400 m², Q2, full duration points → equal scores
    req = _requests(_req("T", 300, 500))
    res = gi.matching.match(req, units, at=AT)
    assert res["unit_id"].tolist() == ["U05", "U06"]
    assert res["score"].iloc[0] == res["score"].iloc[1]
    # the same vacancy: the lower id first
    same = units.copy()
    same.loc[same["unit_id"] == "U06", "vacant_since"] = pd.Timestamp("2021-06-30")
    swapped = same.assign(unit_id=same["unit_id"].replace({"U05": "U09"}))
    res = gi.matching.match(req, swapped, at=AT)
    assert res["unit_id"].tolist() == ["U06", "U09"]


def test_top_limits_the_units_per_request(units) -> None:
    req = _requests(_req("A", 100, 200))
    assert len(gi.matching.match(req, units, at=AT, top=2)) == 2
    assert len(gi.matching.match(req, units, at=AT, top=None)) == 4
    with pytest.raises(ValueError, match="top"):
        gi.matching.match(req, units, top=0)


# --------------------------------------------------------------------------- components


def test_size_fit_hand_values(units) -> None:
    # only the size counts: 100–300 m², tolerance 0.1 → lo 90, centre 200, hi 330
    # U01 150: (150−90)/110 = 0.5454… ; U02 120: 30/110 = 0.2727… ; U03 185: 95/110 = 0.8636…
    # U04 150 = U01
    req = _requests(_req("A", 100, 300))
    w = {"size": 100, "quarter": 0, "use": 0, "footfall": 0, "duration": 0}
    res = gi.matching.match(req, units, at=AT, top=None, weights=w).set_index("unit_id")
    assert res["score"].to_dict() == {
        "U03": round(9500 / 110, 1),
        "U01": round(6000 / 110, 1),
        "U04": round(6000 / 110, 1),
        "U02": round(3000 / 110, 1),
    }
    assert res.index.tolist() == ["U03", "U01", "U04", "U02"]  # U01 = U04 in score, 12 months


def test_footfall_nearest_counter_within_the_radius(units, monkeypatch) -> None:
    # counter A 10 m from U01 (2,400 a day), B 10 m from U03 (1,200 a day); radius 15 m
    monkeypatch.setattr(gi.settings, "matching_footfall_radius_m", 15.0)
    counters = gpd.GeoDataFrame(
        {"counter_id": ["A", "B"], "name": ["Nord", "Süd"]},
        geometry=[shapely.Point(X0 + 20, Y0 + 30), shapely.Point(X0 + 150, Y0 + 30)],
        crs=CRS,
    )
    hours = pd.date_range("2025-06-02", periods=24, freq="h", tz="Europe/Berlin")
    counts = pd.concat(
        [
            pd.DataFrame({"counter_id": "A", "pedestrians": 100, "timestamp": hours}),
            pd.DataFrame({"counter_id": "B", "pedestrians": 50, "timestamp": hours}),
        ]
    )
    ff = gi.footfall.from_counts(counts, counters)
    req = _requests(_req("F", 100, 200))
    w = {"size": 0, "quarter": 0, "use": 0, "footfall": 100, "duration": 0}
    res = gi.matching.match(req, units, at=AT, top=None, weights=w, footfall=ff)
    # U01 2400/2400 → 100; U03 1200/2400 → 50; U02, U04 no counter → 0, U02 vacant longer
    assert res["unit_id"].tolist() == ["U01", "U03", "U02", "U04"]
    assert res["points_footfall"].tolist() == [100.0, 50.0, 0.0, 0.0]
    reasons = res.set_index("unit_id")["reasons"]
    assert "2.400 Passanten pro Tag am Zähler Nord (10 m)" in reasons["U01"]
    assert "kein Passantenzähler im Umkreis von 15 m" in reasons["U02"]


def test_missing_components_are_left_out_and_the_weights_rescaled(units) -> None:
    req = _requests(_req("A", 100, 200))
    res = gi.matching.match(req, units, at=AT)  # no quarters, no footfall: size 30, duration 15
    assert res.attrs["weights"] == pytest.approx(
        {"size": 3000 / 45, "quarter": 0, "use": 0, "footfall": 0, "duration": 1500 / 45}
    )
    # U01: size 1 → 66.67, 12/24 → 16.67 = 83.3
    assert res.set_index("unit_id").loc["U01", "score"] == 83.3


def test_preferred_quarter_by_folded_name_and_unknown_names_warn(units, quarters) -> None:
    req = _requests(_req("P", 100, 200, preferred_quarters="  BRUECKVIERTEL ; Suedviertel"))
    with pytest.warns(gi.matching.MatchingWarning, match=r"P: 'Suedviertel'"):
        res = gi.matching.match(req, units, quarters=quarters, at=AT, top=None)
    points = res.set_index("unit_id")["points_quarter"]
    # Q2 preferred; default weight 25 of 85 (no footfall) → 25 · 100 / 85 = 29.41
    assert points["U03"] == round(2500 / 85, 1)
    assert points["U04"] == round(2500 / 85, 1)
    assert points["U01"] == 0.0
    assert points["U02"] == 0.0


# --------------------------------------------------------------------------- for_unit


def test_for_unit_is_the_reverse_of_match(requests, units, quarters) -> None:
    every = gi.matching.match(requests, units, quarters=quarters, at=AT, top=None, weights=W)
    cols = ["request_id", "score", *[f"points_{k}" for k in gi.matching.COMPONENTS], "reasons"]
    for uid in ["U01", "U02", "U03", "U04", "U05", "U06"]:
        view = gi.matching.for_unit(uid, requests, units, quarters=quarters, at=AT, weights=W)
        mine = every[every["unit_id"] == uid].sort_values("request_id")[cols]
        pd.testing.assert_frame_equal(
            view.sort_values("request_id")[cols].reset_index(drop=True),
            mine.reset_index(drop=True),
        )
        assert view["rank"].tolist() == list(range(1, len(view) + 1))
        assert view["score"].is_monotonic_decreasing
    # by hand: U04 fits R4 only (not on the ground floor; R1 asks for it)
    view = gi.matching.for_unit("U04", requests, units, quarters=quarters, at=AT, weights=W)
    assert view["request_id"].tolist() == ["R4"]
    assert view["score"].tolist() == [90.0]


def test_for_unit_unknown_and_occupied_units(requests, units) -> None:
    with pytest.raises(ValueError, match=r"'U1'.*did you mean"):
        gi.matching.for_unit("U1", requests, units, at=AT)
    with pytest.raises(ValueError, match=r"U07 is not vacant on 30\.06\.2025"):
        gi.matching.for_unit("U07", requests, units, at=AT)


# --------------------------------------------------------------------------- bad input, privacy


def test_weights_are_checked(requests, units) -> None:
    with pytest.raises(ValueError, match=r"'rent'.*size, quarter, use, footfall, duration"):
        gi.matching.match(requests, units, weights={"rent": 10})
    with pytest.raises(ValueError, match="'size' must be a number >= 0"):
        gi.matching.match(requests, units, weights={"size": -1})
    with pytest.raises(ValueError, match="sum to 0"):
        gi.matching.match(requests, units, weights={"size": 0, "duration": 0})


def test_missing_columns_are_named(requests, units) -> None:
    with pytest.raises(SchemaError, match="min_floor_area_m2, ground_floor_required"):
        gi.matching.match(
            requests.drop(columns=["min_floor_area_m2", "ground_floor_required"]), units
        )


def test_min_above_max_names_the_request(units) -> None:
    req = _requests(_req("OK", 100, 200), _req("BAD", 300, 200))
    with pytest.raises(SchemaError, match=r"min_floor_area_m2 > max_floor_area_m2.*BAD"):
        gi.matching.match(req, units)


def test_unknown_use_warns_naming_it(units) -> None:
    req = _requests(_req("U", 100, 200, use="Raumfahrtagentur"))
    with pytest.warns(UnknownUseWarning, match="Raumfahrtagentur"):
        gi.matching.match(req, units, at=AT)


def test_unknown_status_and_the_status_keyword(requests, units) -> None:
    every = gi.matching.match(requests, units, at=AT, status=None)
    assert "R5" in set(every["request_id"])
    assert set(gi.matching.match(requests, units, at=AT, status="placed")["request_id"]) == {"R5"}
    bad = requests.assign(status=["open", "open", "open", "open", "erledigt"])
    with pytest.raises(SchemaError, match=r"'erledigt'.*R5"):
        gi.matching.match(bad, units)


def test_personal_columns_never_in_the_result(requests, units, quarters) -> None:
    res = gi.matching.match(requests, units, quarters=quarters, at=AT, status=None)
    assert list(res.columns) == [
        "request_id", "unit_id", "quarter_id", "score", "rank", "points_size",
        "points_quarter", "points_use", "points_footfall", "points_duration", "reasons",
    ]  # fmt: skip
    text = res.astype(str).to_string()
    for secret in ["Mustermann", "example.invalid", "123456", "Eigentümerin"]:
        assert secret not in text
    view = gi.matching.for_unit("U01", requests, units, at=AT)
    assert "Mustermann" not in view.astype(str).to_string()


def test_requests_with_geometry_are_accepted(requests, units) -> None:
    gdf = gpd.GeoDataFrame(requests, geometry=[None] * len(requests), crs=CRS)
    a = gi.matching.match(gdf, units, at=AT)
    b = gi.matching.match(requests, units, at=AT)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- property


@st.composite
def _cases(draw):
    n_units = draw(st.integers(1, 12))
    n_req = draw(st.integers(1, 6))
    rows = []
    for i in range(n_units):
        vacant = draw(st.booleans())
        rows.append(
            _unit(
                f"U{i:02d}",
                draw(st.floats(1, 199)),
                draw(st.floats(1, 99)),
                "vacant" if vacant else "occupied",
                draw(st.sampled_from([40, 80, 100, 120, 150, 200, 250, 400])),
                use="retail",
                gf=draw(st.sampled_from([True, False, None])),
                sf=draw(st.sampled_from([True, False, None])),
                rent=draw(st.sampled_from([None, 8.0, 12.0, 20.0])),
                since=draw(st.sampled_from(["2020-01-31", "2024-02-29", "2025-06-01"]))
                if vacant
                else None,
            )
        )
    reqs = []
    for j in range(n_req):
        low = draw(st.sampled_from([50, 100, 150, 300]))
        reqs.append(
            _req(
                f"R{j}",
                low,
                low + draw(st.sampled_from([0, 50, 100, 500])),
                use=draw(st.sampled_from(["gastronomy", "retail", "office"])),
                ground_floor_required=draw(st.booleans()),
                step_free_required=draw(st.sampled_from([True, False, None])),
                max_rent_eur_m2=draw(st.sampled_from([None, 10.0, 15.0])),
            )
        )
    tolerance = draw(st.sampled_from([0.0, 0.1, 0.3]))
    return rows, reqs, tolerance


def _passes(unit: dict, req: dict, tolerance: float) -> bool:
    """The hard filters, written again plainly for one pair."""
    area = unit["floor_area_m2"]
    low = req["min_floor_area_m2"] * (1 - tolerance)
    high = req["max_floor_area_m2"] * (1 + tolerance)
    if not low <= area <= high:
        return False
    if req.get("ground_floor_required") and unit["ground_floor"] is not True:
        return False
    if req.get("step_free_required") and unit["step_free"] is not True:
        return False
    rent, max_rent = unit["asking_rent_eur_m2"], req.get("max_rent_eur_m2")
    return not (rent is not None and max_rent is not None and rent > max_rent)


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_cases())
def test_property_no_match_violates_a_hard_filter(case) -> None:
    rows, reqs, tolerance = case
    units = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    units["ground_floor"] = units["ground_floor"].astype("boolean")
    units["step_free"] = units["step_free"].astype("boolean")
    units["asking_rent_eur_m2"] = units["asking_rent_eur_m2"].astype(float)
    req = _requests(*reqs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.zones.OutsideZonesWarning)
        res = gi.matching.match(
            req, units, quarters=_quarters(), at=AT, top=None, tolerance=tolerance
        )
    by_id = {u["unit_id"]: u for u in rows}
    for rq in reqs:
        got = set(res.loc[res["request_id"] == rq["request_id"], "unit_id"].dropna())
        want = {u["unit_id"] for u in rows if u["status"] == "vacant" and _passes(u, rq, tolerance)}
        assert got == want, rq["request_id"]
        for uid in got:
            assert _passes(by_id[uid], rq, tolerance)
    assert res["score"].dropna().between(0, 100).all()


def test_unreadable_values_and_duplicate_ids_are_named(units) -> None:
    flag = _requests(_req("F1", 100, 200, ground_floor_required="vielleicht"))
    with pytest.raises(SchemaError, match=r"'ground_floor_required' is not a flag.*F1"):
        gi.matching.match(flag, units)
    rent = _requests(_req("N1", 100, 200, max_rent_eur_m2="teuer"))
    with pytest.raises(SchemaError, match=r"'max_rent_eur_m2' is not a number.*N1"):
        gi.matching.match(rent, units)
    twice = _requests(_req("D1", 100, 200), _req("D1", 300, 400))
    with pytest.raises(SchemaError, match="D1"):
        gi.matching.match(twice, units)
    no_area = _requests(_req("Z1", 0, 200))
    with pytest.raises(SchemaError, match=r"not > 0.*Z1"):
        gi.matching.match(no_area, units)


def test_german_numbers_from_a_spreadsheet_are_read(units) -> None:
    # "1.000,5" style text as Excel exports often carry it; flags as ja/nein
    req = _requests(_req("X", "100", "200,0", ground_floor_required="ja", max_rent_eur_m2="11,00"))
    # 100–200 m², EG, ≤ 11 €/m²: U01 rent 12 fails, U02 (unknown rent) and U03 (20) → U02
    assert _ids(req, units) == {"U02"}


def test_top_k_and_chunks_agree_with_a_plain_sort(monkeypatch) -> None:
    # 400 units, 30 requests: many pairs per request, so the top 3 come from the
    # reduceat passes; the expected order is a plain pandas sort of every passing pair
    # by score (desc), vacancy days (desc, computed here) and unit_id.
    rng = np.random.default_rng(7)
    n = 400
    since = pd.Timestamp(AT) - pd.to_timedelta(rng.integers(0, 2000, n), "D")
    rows = [
        _unit(
            f"U{i:03d}",
            float(rng.uniform(1, 199)),
            float(rng.uniform(1, 99)),
            "vacant",
            float(rng.choice([100, 120, 150, 180])),
            gf=bool(rng.random() < 0.7),
            sf=True,
            since=since[i],
        )
        for i in range(n)
    ]
    units = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    units["ground_floor"] = units["ground_floor"].astype("boolean")
    units["step_free"] = units["step_free"].astype("boolean")
    req = _requests(
        *[_req(f"R{j:02d}", 100, 180, ground_floor_required=bool(j % 2)) for j in range(30)]
    )
    every = gi.matching.match(req, units, quarters=_quarters(), at=AT, top=None)
    days = dict(
        zip(units["unit_id"], (pd.Timestamp(AT) - units["vacant_since"]).dt.days, strict=True)
    )
    every["days"] = every["unit_id"].map(days)
    expected = (
        every.sort_values(
            ["request_id", "score", "days", "unit_id"], ascending=[True, False, False, True]
        )
        .groupby("request_id")
        .head(3)
    )
    top3 = gi.matching.match(req, units, quarters=_quarters(), at=AT, top=3)
    assert top3["unit_id"].tolist() == expected["unit_id"].tolist()
    assert top3["rank"].tolist() == [1, 2, 3] * 30
    monkeypatch.setattr(gi.matching, "_PAIRS_PER_CHUNK", 50)  # many small chunks
    chunked = gi.matching.match(req, units, quarters=_quarters(), at=AT, top=3)
    pd.testing.assert_frame_equal(chunked, top3)


def test_sample_requests_as_read_from_the_geopackage_are_matched() -> None:
    """The requests as ``read_city`` gives them (text columns of pandas' string type)."""
    city = gi.load_sample("dortmund")
    requests = city.requests
    result = gi.matching.match(requests, city.units, quarters=city.quarters)
    open_ids = set(requests.loc[requests["status"] == "open", "request_id"])
    assert set(result["request_id"]) == open_ids
    # the one large-format request of the sample: nothing on the ground floor is that large
    large = requests.loc[requests["min_floor_area_m2"] >= 2500, "request_id"].tolist()
    assert len(large) == 1
    (row,) = result[result["request_id"] == large[0]].itertuples()
    assert pd.isna(row.unit_id)
    assert "Fläche" in row.reasons
