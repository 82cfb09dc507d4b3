"""Tests of gi.profiles.quarter_profiles on a hand-built city with hand-computed figures.

Two quarters of 100 m × 100 m side by side (Altmarkt west, Bahnhof east), two surveys
(30.06.2024 and 30.06.2025), two counters in Altmarkt with a Monday in 2023 and its
partner 364 days later in 2024, two sites in Bahnhof. Every expected value below is
worked out by hand in the comments.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geoinnenstadt as gi

X0, Y0 = 390_000.0, 5_707_000.0  # Dortmund area, EPSG:25832
CRS = "EPSG:25832"


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["A", "B"], "name": ["Altmarkt", "Bahnhof"]},
        geometry=[shapely.box(X0 + i * 100, Y0, X0 + (i + 1) * 100, Y0 + 100) for i in range(2)],
        crs=CRS,
    )


# unit, x (m from X0), status, area, use, brand, chain, vacant_since
_2025 = [
    ("A1", 10, "occupied", 900.0, "retail_short.food", "Rewe", None, None),  # magnet, chain (brand)
    ("A2", 20, "occupied", 120.0, "retail_medium.clothing", None, True, None),  # chain
    ("A3", 30, "occupied", 80.0, "gastronomy", None, False, None),
    ("A4", 40, "vacant", 100.0, "retail", None, None, "2024-01-01"),  # long-term, 546 days
    ("A5", 50, "vacant", 100.0, "retail", None, None, "2025-03-01"),  # 121 days
    ("B1", 110, "occupied", 50.0, "services", None, False, None),
    ("B2", 120, "occupied", 60.0, "services", None, False, None),
    ("B3", 130, "vacant", 70.0, "office", None, None, "2024-06-01"),  # long-term, 394 days
]
_2024 = [
    ("A1", 10, "occupied", 900.0, "retail_short.food", "Rewe", None, None),
    ("A2", 20, "vacant", 120.0, "retail", None, None, "2024-01-01"),
    ("A3", 30, "occupied", 80.0, "gastronomy", None, False, None),
    ("A4", 40, "vacant", 100.0, "retail", None, None, "2024-01-01"),
    ("B1", 110, "occupied", 50.0, "services", None, False, None),
    ("B2", 120, "occupied", 60.0, "services", None, False, None),
    ("B3", 130, "vacant", 70.0, "office", None, None, "2024-06-01"),
]


def _units() -> gpd.GeoDataFrame:
    frames = []
    for rows, day in ((_2024, "2024-06-30"), (_2025, "2025-06-30")):
        f = pd.DataFrame(
            rows,
            columns=["unit_id", "x", "status", "floor_area_m2", "use", "brand", "chain",
                     "vacant_since"],
        )  # fmt: skip
        f["survey_date"] = pd.Timestamp(day)
        frames.append(f)
    frame = pd.concat(frames, ignore_index=True)
    frame["vacant_since"] = pd.to_datetime(frame["vacant_since"])
    frame["chain"] = frame["chain"].astype("boolean")
    frame["owner_name"] = "Frau Geheim"  # personal: never in a profile
    geometry = gpd.points_from_xy(X0 + frame["x"], Y0 + 50)
    return gpd.GeoDataFrame(frame.drop(columns=["x"]), geometry=geometry, crs=CRS)


def _footfall() -> gi.footfall.Footfall:
    counters = gpd.GeoDataFrame(
        {"counter_id": ["C1", "C2"], "name": ["West", "Ost"]},
        geometry=[shapely.Point(X0 + 20, Y0 + 20), shapely.Point(X0 + 70, Y0 + 70)],
        crs=CRS,
    )
    tz = "Europe/Berlin"
    rows = []
    # Monday 05.06.2023 and Monday 03.06.2024 (364 days later): complete days of 24 hours
    for cid, before, after in (("C1", 10, 12), ("C2", 20, 15)):
        for day, value in (("2023-06-05", before), ("2024-06-03", after)):
            for t in pd.date_range(day, periods=24, freq="h", tz=tz):
                rows.append((cid, t, value))
    # an incomplete day of C2 (5 hours): not in any mean
    for t in pd.date_range("2024-06-04", periods=5, freq="h", tz=tz):
        rows.append(("C2", t, 100))
    counts = pd.DataFrame(rows, columns=["counter_id", "timestamp", "pedestrians"])
    return gi.footfall.from_counts(counts, counters, warn=False)


def _sites() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2"],
            "status": ["available", "taken_up"],
            "restriction": ["none", "none"],
            "name": ["Bahnhofsrückseite", "Post"],
            "taken_up_on": pd.to_datetime([None, "2020-01-01"]),
        },
        geometry=[
            shapely.box(X0 + 110, Y0 + 10, X0 + 160, Y0 + 60),  # 50 m × 50 m = 0.25 ha
            shapely.box(X0 + 165, Y0 + 70, X0 + 185, Y0 + 95),  # taken up: no reserve
        ],
        crs=CRS,
    )


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return gi.profiles.quarter_profiles(_units(), _quarters(), footfall=_footfall(), sites=_sites())


def test_vacancy_figures_by_hand(table: pd.DataFrame) -> None:
    assert list(table.index) == ["A", "B", "total"]
    assert table["name"].tolist() == ["Altmarkt", "Bahnhof", "Gesamt"]
    assert table["units"].tolist() == [5, 3, 8]
    assert table["vacant"].tolist() == [2, 1, 3]
    assert table["vacancy_rate"].tolist() == pytest.approx([2 / 5, 1 / 3, 3 / 8])
    # 2024: A 2 of 4, B 1 of 3, total 3 of 7
    assert table["change_pp"].tolist() == pytest.approx(
        [(0.4 - 0.5) * 100, 0.0, (3 / 8 - 3 / 7) * 100]
    )
    assert table["long_term_share"].tolist() == pytest.approx([0.5, 1.0, 2 / 3])
    assert table["median_vacancy_days"].tolist() == pytest.approx([(546 + 121) / 2, 394, 394])
    assert table.attrs["previous"] == pd.Timestamp("2024-06-30")
    assert table.attrs["at"] == pd.Timestamp("2025-06-30")


def test_use_mix_by_hand(table: pd.DataFrame) -> None:
    assert table["n_occupied"].tolist() == [3, 2, 5]
    third = 1 / 3
    assert table.loc["A", ["share_retail_short", "share_retail_medium", "share_gastronomy"]].tolist() == pytest.approx([third] * 3)  # fmt: skip
    assert table.loc["B", "share_services"] == pytest.approx(1.0)
    assert table.loc["total", ["share_retail_short", "share_services"]].tolist() == pytest.approx(
        [0.2, 0.4]
    )
    shares = table.filter(regex="^share_")
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0, 1.0, 1.0])
    h_total = -(3 * 0.2 * math.log(0.2) + 0.4 * math.log(0.4))
    assert table["diversity"].tolist() == pytest.approx(
        [math.log(3) / math.log(10), 0.0, h_total / math.log(10)]
    )
    assert table["chain_share"].tolist() == pytest.approx([2 / 3, 0.0, 2 / 5])
    assert table["magnets"].tolist() == [1, 0, 1]
    assert "owner_name" not in table.columns


def test_footfall_by_hand(table: pd.DataFrame) -> None:
    assert table.attrs["footfall_year"] == 2024
    assert table["counters"].tolist() == [2, 0, 2]
    # 2024 complete days: C1 24 × 12 = 288, C2 24 × 15 = 360; the 5-hour day is left out
    assert table.loc["A", "pedestrians_per_day"] == pytest.approx((288 + 360) / 2)
    assert math.isnan(table.loc["B", "pedestrians_per_day"])
    assert table["footfall_status"].tolist() == ["measured", "not_measured", "measured"]
    # matching Mondays: (288 + 360) / (240 + 480) − 1
    assert table.loc["A", "footfall_change"] == pytest.approx(648 / 720 - 1)
    assert table.loc["total", "footfall_change"] == pytest.approx(648 / 720 - 1)
    assert math.isnan(table.loc["B", "footfall_change"])


def test_land_by_hand(table: pd.DataFrame) -> None:
    assert table["sites"].tolist() == [0, 2, 2]
    assert table["reserve_ha"].tolist() == pytest.approx([0.0, 0.25, 0.25])


def test_a_city_gives_the_same_table() -> None:
    city = gi.City(
        quarters=_quarters(), units=_units(), sites=_sites(), footfall=_footfall(),
        meta={"name": "Teststadt"},
    )  # fmt: skip
    a = gi.profiles.quarter_profiles(city)
    b = gi.profiles.quarter_profiles(_units(), _quarters(), footfall=_footfall(), sites=_sites())
    pd.testing.assert_frame_equal(a, b)


def test_public_mode_withholds_every_unit_figure_of_small_quarters() -> None:
    # min_count 4: Bahnhof (3 units) primary; Altmarkt secondary (total − Altmarkt = Bahnhof)
    t = gi.profiles.quarter_profiles(
        _units(), _quarters(), footfall=_footfall(), sites=_sites(), min_count=4
    )
    assert t["withheld"].tolist() == ["secondary", "primary", ""]
    for col in gi.profiles.UNIT_FIGURES:
        assert t.loc[["A", "B"], col].isna().all(), col
    assert "share_gastronomy" in gi.profiles.UNIT_FIGURES
    assert {"chain_share", "magnets", "diversity"} <= set(gi.profiles.UNIT_FIGURES)
    # the city row stays; footfall counts no units and stays
    assert t.loc["total", "units"] == 8
    assert t.loc["total", "chain_share"] == pytest.approx(0.4)
    assert t.loc["A", "pedestrians_per_day"] == pytest.approx(324.0)


def test_without_footfall_and_sites_the_columns_are_absent() -> None:
    t = gi.profiles.quarter_profiles(_units(), _quarters())
    assert "pedestrians_per_day" not in t.columns
    assert "reserve_ha" not in t.columns
    assert t.attrs["footfall_year"] is None


def test_quarters_are_required_with_a_units_layer() -> None:
    with pytest.raises(ValueError, match="quarters"):
        gi.profiles.quarter_profiles(_units())


def test_panel_options_must_agree() -> None:
    p = gi.vacancy.panel(_units(), _quarters(), hotspots=False)
    with pytest.raises(ValueError, match="min_count"):
        gi.profiles.quarter_profiles(_units(), _quarters(), panel=p, min_count=3)
    same = gi.profiles.quarter_profiles(_units(), _quarters(), panel=p)
    assert np.allclose(same["vacancy_rate"], [0.4, 1 / 3, 0.375])
