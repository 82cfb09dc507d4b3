"""Tests of geoinnenstadt.vacancy against hand-worked numbers and independent computations."""

from __future__ import annotations

import warnings
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

import geoinnenstadt as gi
from geoinnenstadt import vacancy
from geoinnenstadt.dates import DateError
from geoinnenstadt.errors import CRSError, GeoinnenstadtWarning, SchemaError
from geoinnenstadt.zones import OutsideZonesWarning

# u09 lies outside every quarter on purpose; the warning itself is tested in test_outside_warns
pytestmark = pytest.mark.filterwarnings("ignore::geoinnenstadt.zones.OutsideZonesWarning")

X0, Y0 = 392_000.0, 5_707_000.0  # somewhere in Dortmund, EPSG:25832
S1, S2, S3 = "2024-06-30", "2024-12-31", "2025-06-30"
FUND = "Anmietungs-Fonds"


def _quarters(crs: str = "EPSG:25832") -> gpd.GeoDataFrame:
    """q1 West [0,100]², q2 Ost [100,200]×[0,100] (shared edge x=100), q3 Süd below, no units."""
    return gpd.GeoDataFrame(
        {"quarter_id": ["q1", "q2", "q3"], "name": ["West", "Ost", "Süd"]},
        geometry=[
            box(X0, Y0, X0 + 100, Y0 + 100),
            box(X0 + 100, Y0, X0 + 200, Y0 + 100),
            box(X0, Y0 - 100, X0 + 200, Y0),
        ],
        crs=crs,
    )


# unit: (x, y, floor area, ground floor, {survey: (status, vacant_since, fund)})
O = ("occupied", None, None)  # noqa: E741
UNITS = {
    "u01": (10, 10, 100.0, True, {S1: O, S2: O, S3: ("vacant", "2025-03-01", None)}),
    "u02": (20, 10, 50.0, True, dict.fromkeys((S1, S2, S3), ("vacant", "2023-01-15", None))),
    "u03": (30, 10, 200.0, False, {S1: O, S2: O, S3: O}),
    "u04": (
        40,
        10,
        80.0,
        True,
        {
            S1: ("vacant", "2024-05-01", None),
            S2: ("occupied", None, FUND),
            S3: ("occupied", None, FUND),
        },
    ),
    # exactly on the shared edge of q1 and q2
    "u05": (
        100,
        50,
        150.0,
        True,
        {S1: O, S2: ("vacant", "2024-10-01", None), S3: ("vacant", "2024-10-01", None)},
    ),
    "u06": (150, 10, 120.0, True, dict.fromkeys((S1, S2, S3), ("vacant", "2024-06-30", None))),
    "u07": (160, 10, 60.0, True, {S1: O, S2: O, S3: ("vacant", "2025-01-01", None)}),
    "u08": (
        170,
        10,
        300.0,
        False,
        {S1: ("vacant", "2022-06-30", None), S2: ("vacant", "2022-06-30", None), S3: O},
    ),
    # outside every quarter
    "u09": (250, 50, 90.0, True, dict.fromkeys((S1, S2, S3), ("vacant", "2024-01-01", None))),
    # new at S3
    "u10": (180, 20, 70.0, True, {S3: ("vacant", "2025-05-01", None)}),
    # not surveyed at S3 (carried forward with its S2 status)
    "u11": (60, 60, 40.0, True, {S1: O, S2: ("vacant", "2024-09-01", None)}),
}


def _panel(spec: dict = UNITS, crs: str = "EPSG:25832") -> gpd.GeoDataFrame:
    rows = []
    for uid, (x, y, area, gf, surveys) in spec.items():
        for survey, (status, since, fund) in surveys.items():
            rows.append(
                {
                    "unit_id": uid,
                    "survey_date": pd.Timestamp(survey),
                    "status": status,
                    "floor_area_m2": area,
                    "ground_floor": gf,
                    "vacant_since": pd.Timestamp(since) if since else pd.NaT,
                    "fund": fund,
                    "owner_name": "Erika Mustermann",
                    "geometry": Point(X0 + x, Y0 + y),
                }
            )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    gdf["survey_date"] = gdf["survey_date"].astype("datetime64[ns]")
    gdf["vacant_since"] = gdf["vacant_since"].astype("datetime64[ns]")
    return gdf


def _lowest_covering(point: Point, quarters: gpd.GeoDataFrame) -> str | None:
    """Independent oracle of the documented boundary rule: plain shapely ``covers`` over the
    quarters; among those covering the point the lowest id (sort order) wins."""
    covering = [q for q, g in zip(quarters["quarter_id"], quarters.geometry, strict=True)
                if shapely.covers(g, point)]  # fmt: skip
    return min(covering) if covering else None


def _edge_quarter() -> str:
    """The quarter of the edge unit u05 under the boundary rule (computed here, not by the library)."""
    edge = _lowest_covering(Point(X0 + 100, Y0 + 50), _quarters())
    assert edge == "q1"  # covered by q1 and q2; "q1" < "q2"
    return edge


def days(since: str, at: str) -> int:
    return (date.fromisoformat(at) - date.fromisoformat(since)).days


# --------------------------------------------------------------------------- state_at


def test_state_at_carries_forward_and_drops_future_units():
    units = _panel()
    s2 = vacancy.state_at(units, at=S2)
    assert sorted(s2["unit_id"]) == sorted(set(UNITS) - {"u10"})
    assert (s2["survey_date"] == pd.Timestamp(S2)).all()
    s3 = vacancy.state_at(units)  # latest survey date
    assert s3.attrs["at"] == pd.Timestamp(S3)
    # u11 is missing from the S3 round: it has left the inventory
    assert sorted(s3["unit_id"]) == sorted(set(UNITS) - {"u11"})
    # between surveys: the state of the earlier survey
    mid = vacancy.state_at(units, at=date(2024, 12, 30))
    assert (mid["survey_date"] == pd.Timestamp(S1)).all()
    assert set(mid.columns) == set(units.columns)
    assert isinstance(mid, gpd.GeoDataFrame)


def test_state_at_before_first_survey_names_first_date():
    with pytest.raises(ValueError, match="2024-06-30"):
        vacancy.state_at(_panel(), at="2024-06-29")
    with pytest.raises(ValueError, match=r"30\.06\.2024"):
        vacancy.rates(_panel(), _quarters(), at=pd.Timestamp("2020-01-01"))


def test_at_accepts_german_dates_and_date_objects():
    a = vacancy.state_at(_panel(), at="31.12.2024")
    b = vacancy.state_at(_panel(), at=date(2024, 12, 31))
    assert list(a["unit_id"]) == list(b["unit_id"])


def test_date_columns_go_through_the_date_parser():
    expected = vacancy.rates(_panel(), _quarters())
    units = _panel()
    units["survey_date"] = units["survey_date"].dt.strftime("%d.%m.%Y")  # German text dates
    pd.testing.assert_frame_equal(vacancy.rates(units, _quarters()), expected)
    units = _panel()
    units["vacant_since"] = units["vacant_since"].astype(object)
    units.loc[units["unit_id"] == "u02", "vacant_since"] = "15.01.23"  # two-digit year
    with pytest.raises(
        SchemaError, match=r"vacant_since is not a date for unit\(s\) u02.*two-digit"
    ):
        vacancy.state_at(units)


def test_at_uses_the_one_date_parser():
    # before: "01.06.25" became 6 January 2025 (pd.Timestamp) and at=2025 was nanoseconds
    with pytest.raises(DateError, match="two-digit year"):
        vacancy.rates(_panel(), _quarters(), at="01.06.25")
    with pytest.raises(DateError, match=r"DD\.MM\.YYYY"):
        vacancy.rates(_panel(), _quarters(), at=2025)  # type: ignore[arg-type]
    german = vacancy.rates(_panel(), _quarters(), at="05.03.2025")
    iso = vacancy.rates(_panel(), _quarters(), at="2025-03-05")
    pd.testing.assert_frame_equal(german, iso)
    assert german.attrs["at"] == pd.Timestamp("2025-03-05")
    # the state of 05.03.2025 is the S2 round (not 3 May, which would still be S2, nor 6 Jan)
    assert german.loc["total", "median_vacancy_days"] == float(
        np.median([days(d, "2025-03-05") for d in
                   ("2023-01-15", "2024-10-01", "2024-06-30", "2022-06-30", "2024-01-01",
                    "2024-09-01")])
    )  # fmt: skip
    with pytest.raises(DateError):
        vacancy.flows(_panel(), start="30.06.24", end=S3)


def test_at_after_latest_survey_warns():
    with pytest.warns(GeoinnenstadtWarning, match=r"after the latest survey \(2025-06-30\)"):
        table = vacancy.rates(_panel(), _quarters(), at="31.12.2025")
    # durations are counted up to at: u10 vacant since 2025-05-01
    assert table.attrs["at"] == pd.Timestamp("2025-12-31")
    with pytest.warns(GeoinnenstadtWarning, match="after the latest survey"):
        d = vacancy.durations(_panel(), at="2025-12-31").set_index("unit_id")
    assert d.loc["u10", "vacancy_days"] == days("2025-05-01", "2025-12-31")


def test_future_survey_date_is_refused_not_used_for_durations():
    # issue 9: one row dated 2031 made "at=None" mean 2031 and inflated every duration
    units = _panel()
    units.loc[units["unit_id"] == "u01", "survey_date"] = pd.Timestamp("2031-06-30")
    with pytest.raises(SchemaError, match=r"survey_date lies in the future for unit\(s\) u01"):
        vacancy.rates(units, _quarters())
    with pytest.raises(SchemaError, match="future"):
        vacancy.durations(units)


def test_bad_panel_rows_are_named():
    units = _panel()
    units.loc[units["unit_id"] == "u02", "vacant_since"] = pd.NaT
    units.loc[units["unit_id"] == "u03", "status"] = "leer"
    with pytest.raises(SchemaError) as info:
        vacancy.state_at(units)
    msg = str(info.value)
    assert "u02" in msg
    assert "'leer'" in msg
    assert "u03" in msg
    dup = pd.concat([_panel(), _panel().iloc[[0]]])
    with pytest.raises(SchemaError, match="duplicate"):
        vacancy.state_at(dup)
    with pytest.raises(SchemaError, match="floor_area_m2"):
        vacancy.state_at(_panel().drop(columns="floor_area_m2"))


# --------------------------------------------------------------------------- rates


def test_rates_hand_worked():
    edge = _edge_quarter()
    assert edge in {"q1", "q2"}
    table = vacancy.rates(_panel(), _quarters(), at=S3)
    assert list(table.index) == ["q1", "q2", "q3", "total"]
    assert table.index.name == "quarter_id"
    assert list(table["name"]) == ["West", "Ost", "Süd", "Gesamt"]
    for c in [
        "units",
        "vacant",
        "vacancy_rate",
        "floor_area_m2",
        "vacant_floor_area_m2",
        "floor_area_vacancy_rate",
        "median_vacancy_days",
        "long_term_vacant",
    ]:
        assert c in table.columns

    # q1 without u05: u01 V(2025-03-01) u02 V(2023-01-15) u03 O u04 O (u11 missing from S3: gone)
    q1 = {"units": 4, "vacant": 2, "area": 100 + 50 + 200 + 80, "vacant_area": 100 + 50}
    q1_days = [days("2025-03-01", S3), days("2023-01-15", S3)]
    assert q1_days == [121, 897]
    # q2 without u05: u06 V(2024-06-30) u07 V(2025-01-01) u08 O u10 V(2025-05-01)
    q2 = {"units": 4, "vacant": 3, "area": 120 + 60 + 300 + 70, "vacant_area": 120 + 60 + 70}
    q2_days = [days("2024-06-30", S3), days("2025-01-01", S3), days("2025-05-01", S3)]
    assert q2_days == [365, 180, 60]
    # the edge unit u05: vacant since 2024-10-01, 150 m²
    target, target_days = (q1, q1_days) if edge == "q1" else (q2, q2_days)
    target.update(
        units=target["units"] + 1,
        vacant=target["vacant"] + 1,
        area=target["area"] + 150,
        vacant_area=target["vacant_area"] + 150,
    )
    target_days.append(days("2024-10-01", S3))  # 272

    for q, exp, d, lt in (("q1", q1, q1_days, 1), ("q2", q2, q2_days, 0)):
        row = table.loc[q]
        assert row["units"] == exp["units"]
        assert row["vacant"] == exp["vacant"]
        assert row["vacancy_rate"] == pytest.approx(exp["vacant"] / exp["units"])
        assert row["floor_area_m2"] == pytest.approx(exp["area"])
        assert row["vacant_floor_area_m2"] == pytest.approx(exp["vacant_area"])
        assert row["floor_area_vacancy_rate"] == pytest.approx(exp["vacant_area"] / exp["area"])
        assert row["median_vacancy_days"] == pytest.approx(float(np.median(d)))
        # only u02 (since 2023-01-15) is vacant > 12 months in q1; u06 exactly 12 months is not
        assert row["long_term_vacant"] == lt

    q3 = table.loc["q3"]
    assert q3["units"] == 0
    assert q3["vacant"] == 0
    assert np.isnan(q3["vacancy_rate"])
    assert np.isnan(q3["floor_area_vacancy_rate"])

    tot = table.loc["total"]
    assert tot["units"] == 10  # all units of the S3 round including u09 outside (not u11)
    assert tot["vacant"] == 7
    assert tot["vacancy_rate"] == pytest.approx(7 / 10)
    assert tot["floor_area_m2"] == pytest.approx(1220.0)
    assert tot["vacant_floor_area_m2"] == pytest.approx(640.0)
    # sorted days 60,121,180,272,365,547,897
    assert tot["median_vacancy_days"] == pytest.approx(272)
    assert tot["long_term_vacant"] == 2  # u02 and u09 (547 days)
    assert tot["long_term_share"] == pytest.approx(2 / 7)
    assert table.attrs["units_outside"] == 1
    assert table.attrs["outside_unit_ids"] == ["u09"]
    assert table["units"].dtype == np.int64


def test_rates_edge_unit_counted_once():
    table = vacancy.rates(_panel(), _quarters(), at=S3)
    assert table.loc[["q1", "q2", "q3"], "units"].sum() + table.attrs["units_outside"] == 10


def test_rates_ground_floor_only():
    table = vacancy.rates(_panel(), _quarters(), at=S3, ground_floor_only=True)
    edge = _edge_quarter()
    # drops u03 (q1, occupied) and u08 (q2, occupied)
    q1_units, q1_vac = 3, 2  # u01 u02 u04 (+u05)
    q2_units, q2_vac = 3, 3  # u06 u07 u10 (+u05)
    if edge == "q1":
        q1_units, q1_vac = q1_units + 1, q1_vac + 1
    else:
        q2_units, q2_vac = q2_units + 1, q2_vac + 1
    assert table.loc["q1", "units"] == q1_units
    assert table.loc["q1", "vacancy_rate"] == pytest.approx(q1_vac / q1_units)
    assert table.loc["q2", "vacancy_rate"] == pytest.approx(q2_vac / q2_units)
    assert table.loc["total", "units"] == 8
    assert table.attrs["ground_floor_only"] is True
    assert table.attrs["ground_floor_missing"] == 0
    with pytest.raises(SchemaError, match="ground_floor"):
        vacancy.rates(_panel().drop(columns="ground_floor"), _quarters(), ground_floor_only=True)


def test_rates_no_vacant_units_gives_zero_not_nan():
    spec = {uid: (x, y, a, gf, {S1: O}) for uid, (x, y, a, gf, _) in UNITS.items()}
    table = vacancy.rates(_panel(spec), _quarters())
    for q in ("q1", "q2", "total"):
        assert table.loc[q, "vacant"] == 0
        assert table.loc[q, "vacancy_rate"] == 0.0
        assert table.loc[q, "floor_area_vacancy_rate"] == 0.0
        assert table.loc[q, "vacant_floor_area_m2"] == 0.0
        assert table.loc[q, "long_term_vacant"] == 0
        assert np.isnan(table.loc[q, "median_vacancy_days"])


def test_rates_crs_mismatch_and_missing():
    units = _panel().to_crs("EPSG:4326")
    with pytest.raises(CRSError, match="EPSG:4326"):
        vacancy.rates(units, _quarters())
    with pytest.raises(CRSError, match="no CRS"):
        vacancy.rates(_panel().set_crs(None, allow_override=True), _quarters())
    with pytest.raises(CRSError):
        vacancy.trend(units, _quarters())
    with pytest.raises(CRSError):
        vacancy.flows(units, start=S1, end=S2, quarters=_quarters())


def test_rates_custom_id_column_and_reserved_id():
    q = _quarters().rename(columns={"quarter_id": "STV_NR"})
    table = vacancy.rates(_panel(), q, at=S3, id_column="STV_NR")
    assert table.index.name == "quarter_id"
    assert list(table.index) == ["q1", "q2", "q3", "total"]
    with pytest.raises(SchemaError, match="quarter_id"):
        vacancy.rates(_panel(), q)
    bad = _quarters()
    bad.loc[2, "quarter_id"] = "total"
    with pytest.raises(ValueError, match="reserved"):
        vacancy.rates(_panel(), bad)


def test_long_term_threshold_follows_settings(monkeypatch):
    monkeypatch.setattr(gi.settings, "long_term_months", 6)
    table = vacancy.rates(_panel(), _quarters(), at=S3)
    # > 6 calendar months at 2025-06-30: u02, u05 (2024-10-01), u06, u09;
    # u07 (2025-01-01) is 5 months 29 days, u01 and u10 shorter
    assert table.loc["total", "long_term_vacant"] == 4
    assert table.attrs["long_term_months"] == 6


def test_long_term_months_is_a_keyword():
    table = vacancy.rates(_panel(), _quarters(), at=S3, long_term_months=6)
    assert table.loc["total", "long_term_vacant"] == 4  # as above, settings untouched
    assert table.attrs["long_term_months"] == 6
    assert vacancy.rates(_panel(), _quarters(), at=S3).loc["total", "long_term_vacant"] == 2
    # 24 months: only u02 (since 2023-01-15, 29 months)
    assert (
        vacancy.rates(_panel(), _quarters(), long_term_months=24).loc["total", "long_term_vacant"]
        == 1
    )
    d = vacancy.durations(_panel(), long_term_months=24).set_index("unit_id")
    assert d.index[d["long_term"]].tolist() == ["u02"]
    assert d.attrs["long_term_months"] == 24
    with pytest.raises(ValueError, match="long_term_months"):
        vacancy.rates(_panel(), _quarters(), long_term_months=0)


# --------------------------------------------------------------------------- trend


def test_trend_change_pp_exact():
    t = vacancy.trend(_panel(), _quarters())
    assert list(t.columns) == [
        "survey_date",
        "quarter_id",
        "name",
        "units",
        "vacant",
        "vacancy_rate",
        "change_pp",
    ]
    assert len(t) == 3 * 4
    edge = _edge_quarter()
    tot = t[t["quarter_id"] == "total"].set_index("survey_date")
    # S1: 10 units, 5 vacant (u02 u04 u06 u08 u09); S2: 10, 6 (u02 u05 u06 u08 u09 u11);
    # S3: 10 (u10 new, u11 gone), 7 (u01 u02 u05 u06 u07 u09 u10)
    assert list(tot["units"]) == [10, 10, 10]
    assert list(tot["vacant"]) == [5, 6, 7]
    assert np.isnan(tot["change_pp"].iloc[0])
    assert tot["change_pp"].iloc[1] == pytest.approx(10.0)
    assert tot["change_pp"].iloc[2] == pytest.approx((7 / 10 - 6 / 10) * 100)

    q1 = t[t["quarter_id"] == "q1"]
    q2 = t[t["quarter_id"] == "q2"]
    if edge == "q1":
        q1_counts = [(6, 2), (6, 3), (5, 3)]
        q2_counts = [(3, 2), (3, 2), (4, 3)]
    else:
        q1_counts = [(5, 2), (5, 2), (4, 2)]
        q2_counts = [(4, 2), (4, 3), (5, 4)]
    for frame, counts in ((q1, q1_counts), (q2, q2_counts)):
        assert list(zip(frame["units"], frame["vacant"], strict=True)) == counts
        r = [v / u for u, v in counts]
        assert np.isnan(frame["change_pp"].iloc[0])
        assert frame["change_pp"].iloc[1] == pytest.approx((r[1] - r[0]) * 100)
        assert frame["change_pp"].iloc[2] == pytest.approx((r[2] - r[1]) * 100)
    q3 = t[t["quarter_id"] == "q3"]
    assert (q3["units"] == 0).all()
    assert q3["vacancy_rate"].isna().all()
    assert q3["change_pp"].isna().all()


# --------------------------------------------------------------------------- durations


def test_durations_classes_at_first_survey():
    d = vacancy.durations(_panel(), at=S1).set_index("unit_id")
    assert sorted(d.index) == ["u02", "u04", "u06", "u08", "u09"]
    exp = {
        # unit: (days, full months, class, long term)
        "u02": (days("2023-01-15", S1), 17, "12to24m", True),
        "u04": (days("2024-05-01", S1), 1, "lt6m", False),
        "u06": (0, 0, "lt6m", False),  # vacant since the survey day
        "u08": (731, 24, "12to24m", True),  # exactly 24 months: still 12–24
        "u09": (days("2024-01-01", S1), 5, "lt6m", False),
    }
    for uid, (dd, mm, cls, lt) in exp.items():
        assert d.loc[uid, "vacancy_days"] == dd, uid
        assert d.loc[uid, "vacancy_months"] == mm, uid
        assert d.loc[uid, "duration_class"] == cls, uid
        assert bool(d.loc[uid, "long_term"]) is lt, uid
    assert list(d["duration_class"].cat.categories) == ["lt6m", "6to12m", "12to24m", "gt24m"]


def test_durations_at_latest_survey():
    d = vacancy.durations(_panel()).set_index("unit_id")
    exp = {
        "u01": (3, "lt6m", False),
        "u02": (29, "gt24m", True),
        "u05": (8, "6to12m", False),
        "u06": (12, "6to12m", False),  # exactly 12 months: not long-term
        "u07": (5, "lt6m", False),  # 5 months 29 days
        "u09": (17, "12to24m", True),
        "u10": (1, "lt6m", False),
    }
    assert sorted(d.index) == sorted(exp)
    for uid, (mm, cls, lt) in exp.items():
        assert d.loc[uid, "vacancy_months"] == mm, uid
        assert d.loc[uid, "duration_class"] == cls, uid
        assert bool(d.loc[uid, "long_term"]) is lt, uid


@pytest.mark.parametrize(
    ("since", "at", "cls", "long_term", "months"),
    [
        ("2024-12-31", "2025-06-30", "6to12m", False, 6),  # 31.12. + 6 months = 30.06. (clipped)
        ("2025-01-01", "2025-06-30", "lt6m", False, 5),
        ("2024-06-30", "2025-06-30", "6to12m", False, 12),
        ("2024-06-29", "2025-06-30", "12to24m", True, 12),
        ("2023-06-30", "2025-06-30", "12to24m", True, 24),
        ("2023-06-29", "2025-06-30", "gt24m", True, 24),
        ("2024-02-29", "2025-02-28", "6to12m", False, 12),  # leap day + 12 months = 28.02.
        ("2024-02-29", "2025-03-01", "12to24m", True, 12),
    ],
)
def test_duration_boundaries(since, at, cls, long_term, months):
    spec = {"a": (10, 10, 50.0, True, {at: ("vacant", since, None)})}
    d = vacancy.durations(_panel(spec), at=at).iloc[0]
    assert d["duration_class"] == cls
    assert bool(d["long_term"]) is long_term
    assert d["vacancy_months"] == months
    assert d["vacancy_days"] == days(since, at)
    low, high, label = vacancy.DURATION_CLASSES[cls]
    assert low <= months <= high
    assert "Monate" in label


# --------------------------------------------------------------------------- flows


def test_flows_s2_s3_per_quarter():
    f = vacancy.flows(_panel(), start=S2, end=S3, quarters=_quarters())
    assert list(f.index) == ["q1", "q2", "q3", "total"]
    edge = _edge_quarter()
    # q1: u01 became vacant, u02 still vacant, u03 u04 still occupied, u11 removed
    # q2: u06 still vacant, u07 became vacant, u08 re-let (no fund), u10 new (vacant)
    # edge u05 still vacant; u09 outside still vacant
    q1 = {"became_vacant": 1, "re_let": 0, "re_let_fund": 0, "still_vacant": 1, "still_occupied": 2,
          "new_units": 0, "new_vacant": 0, "removed_units": 1}  # fmt: skip
    q2 = {"became_vacant": 1, "re_let": 1, "re_let_fund": 0, "still_vacant": 1, "still_occupied": 0,
          "new_units": 1, "new_vacant": 1, "removed_units": 0}  # fmt: skip
    (q1 if edge == "q1" else q2)["still_vacant"] += 1
    for q, exp in (("q1", q1), ("q2", q2)):
        for k, v in exp.items():
            assert f.loc[q, k] == v, (q, k)
    assert (f.loc["q3", f.columns[1:]] == 0).all()
    tot = f.loc["total"]
    assert tot["became_vacant"] == 2
    assert tot["still_vacant"] == 4  # u02 u05 u06 u09
    assert tot["new_units"] == 1
    assert tot["removed_units"] == 1
    assert f.attrs["units_outside"] == 1
    assert tot["name"] == "Gesamt"


def test_flows_fund_and_totals():
    f = vacancy.flows(_panel(), start=S1, end=S2)
    assert list(f.index) == ["total"]
    row = f.loc["total"]
    # u04 re-let through the Anmietungs-Fonds; u05 and u11 became vacant
    assert row["re_let"] == 1
    assert row["re_let_fund"] == 1
    assert row["became_vacant"] == 2
    assert row["still_vacant"] == 4  # u02 u06 u08 u09
    assert row["still_occupied"] == 3  # u01 u03 u07
    assert row["new_units"] == 0
    assert row["removed_units"] == 0

    f13 = vacancy.flows(_panel(), start=S1, end=S3).loc["total"]
    # u11 is missing from the S3 round: removed (as rates no longer count it at S3)
    assert f13["became_vacant"] == 3  # u01 u05 u07
    assert f13["re_let"] == 2  # u04 (fund) u08
    assert f13["re_let_fund"] == 1
    assert f13["still_vacant"] == 3
    assert f13["still_occupied"] == 1
    assert f13["new_units"] == 1
    assert f13["removed_units"] == 1


def test_flow_units_categories():
    fu = vacancy.flow_units(_panel(), start=S2, end=S3).set_index("unit_id")
    assert fu.loc["u11", "flow"] == "removed"
    assert fu.loc["u10", "flow"] == "new"
    assert fu.loc["u08", "flow"] == "re_let"
    assert fu.loc["u01", "flow"] == "became_vacant"
    assert len(fu) == 11
    assert "owner_name" not in fu.columns


def test_flows_bad_dates():
    with pytest.raises(ValueError, match="before end"):
        vacancy.flows(_panel(), start=S3, end=S1)
    with pytest.raises(ValueError, match="2024-06-30"):
        vacancy.flows(_panel(), start="2020-01-01", end=S1)


# --------------------------------------------------------------------------- invariants

_STATUS = st.sampled_from(["occupied", "vacant"])


@st.composite
def _random_panels(draw):
    n_units = draw(st.integers(min_value=1, max_value=25))
    dates = [S1, S2, S3]
    spec = {}
    for k in range(n_units):
        # on a 10 m lattice that includes the quarter edges (x = 0, 100, 200, y = 0, 100)
        x = draw(st.integers(min_value=-5, max_value=25)) * 10.0
        y = draw(st.integers(min_value=-12, max_value=12)) * 10.0
        area = draw(st.floats(min_value=5, max_value=2000, allow_nan=False))
        surveyed = draw(st.lists(st.sampled_from(dates), min_size=1, max_size=3, unique=True))
        surveys = {}
        for d in surveyed:
            status = draw(_STATUS)
            lag = draw(st.integers(min_value=0, max_value=1500))
            since = (pd.Timestamp(d) - pd.Timedelta(days=lag)).strftime("%Y-%m-%d")
            surveys[d] = (status, since if status == "vacant" else None, None)
        spec[f"r{k}"] = (x, y, area, draw(st.booleans()), surveys)
    at = draw(st.sampled_from([None, S1, "2024-09-30", S2, S3, "2026-01-01"]))
    return spec, at


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_random_panels())
def test_invariants_rates(data):
    # random panels may look like a survey split into batches: the invariants hold either way
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", vacancy.SplitRoundWarning)
        _check_invariants_rates(data)


def _check_invariants_rates(data):
    spec, at = data
    units = _panel(spec)
    first = units["survey_date"].min()
    if at is not None and pd.Timestamp(at) < first:
        with pytest.raises(ValueError, match=f"{first:%Y-%m-%d}"):
            vacancy.rates(units, _quarters(), at=at)
        return
    state = vacancy.state_at(units, at=at)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoinnenstadtWarning)  # at after the last survey
        table = vacancy.rates(units, _quarters(), at=at)
    quarters = table.drop(index="total")
    assert quarters["units"].sum() + table.attrs["units_outside"] == len(state)
    assert table.loc["total", "units"] == len(state)
    assert (table["vacant"] <= table["units"]).all()
    assert (table["long_term_vacant"] <= table["vacant"]).all()
    for c in ("vacancy_rate", "floor_area_vacancy_rate"):
        r = table[c]
        assert ((r >= 0) & (r <= 1) | r.isna()).all()
        assert (r.isna() == (table["units"] == 0)).all()
    assert table.loc["total", "vacant"] == int((state["status"] == "vacant").sum())


# --------------------------------------------------------------------------- sample data


@pytest.fixture(scope="module")
def dortmund():
    return gi.load_sample("dortmund")  # shipped in the repository: a missing file fails


def test_sample_headline_figures_match_plain_geopandas(dortmund):
    units, quarters = dortmund.units, dortmund.quarters
    at = pd.Timestamp("2025-06-30")
    table = vacancy.rates(units, quarters, at=at)
    # independent: latest survey per unit on or before at, sjoin, groupby
    panel = units[units["survey_date"] <= at].sort_values("survey_date")
    state = panel.groupby("unit_id", sort=False).tail(1)
    joined = gpd.sjoin(
        state, quarters[["quarter_id", "geometry"]], predicate="intersects", how="left"
    )
    # points on a shared edge match several quarters: the documented boundary rule, implemented
    # here: the lowest quarter_id among the matches wins
    joined = joined.sort_values("quarter_id", na_position="last", kind="stable")
    joined = joined[~joined.index.duplicated(keep="first")]
    assert joined.index.is_unique
    inside = joined[joined["quarter_id"].notna()]
    expected = inside.groupby("quarter_id").agg(
        units=("unit_id", "size"), vacant=("status", lambda s: int((s == "vacant").sum()))
    )
    expected["vacancy_rate"] = expected["vacant"] / expected["units"]
    got = table.drop(index="total").loc[expected.index]
    assert list(got["units"]) == list(expected["units"])
    assert list(got["vacant"]) == list(expected["vacant"])
    np.testing.assert_allclose(got["vacancy_rate"], expected["vacancy_rate"])
    assert table.loc["total", "units"] == len(state)
    assert table.attrs["units_outside"] == int(joined["quarter_id"].isna().sum())


def test_sample_functions_run(dortmund):
    units, quarters = dortmund.units, dortmund.quarters
    dates = sorted(units["survey_date"].unique())
    t = vacancy.trend(units, quarters)
    assert len(t) == len(dates) * (len(quarters) + 1)
    d = vacancy.durations(units)
    assert (d["vacancy_days"] >= 0).all()
    if len(dates) >= 2:
        f = vacancy.flows(units, start=dates[0], end=dates[-1], quarters=quarters)
        assert (f["re_let_fund"] <= f["re_let"]).all()
    hs = vacancy.hotspots(units, permutations=99)
    assert len(hs) == len(vacancy.state_at(units))
    assert vacancy.hotspots is gi.hotspots.hotspots


# --------------------------------------------------------------------------- inventory rule

R1, R2, R3 = "2024-06-30", "2024-12-31", "2025-06-30"


def _inventory_panel() -> gpd.GeoDataFrame:
    """Four units in q1; "gone" is surveyed at R1 and R2 only, "late" at R1 and on 30.09.2025."""
    spec = {
        "a": (10, 10, 100.0, True, {R1: O, R2: O, R3: ("vacant", "2025-03-01", None)}),
        "b": (20, 10, 100.0, True, {R1: ("vacant", "2024-01-01", None), R2: O, R3: O}),
        "gone": (30, 10, 100.0, True, {R1: O, R2: ("vacant", "2024-11-01", None)}),
        "late": (40, 10, 100.0, True, {R1: O, "2025-09-30": ("vacant", "2025-09-01", None)}),
    }
    return _panel(spec)


def test_unit_missing_from_a_later_round_leaves_rates_and_flows_alike():
    units = _inventory_panel()
    # rounds = the distinct survey dates R1, R2, R3, 2025-09-30
    # R2 round: a O, b O, gone V  (late missing from R2: gone as of R2) -> 3 units, 1 vacant
    r2 = vacancy.rates(units, _quarters(), at=R2)
    assert (r2.loc["q1", "units"], r2.loc["q1", "vacant"]) == (3, 1)
    # R3 round: a V, b O -> 2 units, 1 vacant; "gone" (vacant at R2) is not carried forward
    r3 = vacancy.rates(units, _quarters(), at=R3)
    assert (r3.loc["total", "units"], r3.loc["total", "vacant"]) == (2, 1)
    assert r3.loc["total", "vacancy_rate"] == 0.5
    # between rounds: the earlier round holds
    mid = vacancy.rates(units, _quarters(), at="2025-03-31")
    assert (mid.loc["total", "units"], mid.loc["total", "vacant"]) == (3, 1)
    # flows R2 -> R3 call "gone" removed; the rates above no longer count it either
    f = vacancy.flow_units(units, start=R2, end=R3).set_index("unit_id")
    assert f.loc["gone", "flow"] == "removed"
    assert f.loc["a", "flow"] == "became_vacant"
    assert f.loc["b", "flow"] == "still_occupied"
    assert "late" not in f.index  # in neither inventory
    tot = vacancy.flows(units, start=R2, end=R3).loc["total"]
    assert (tot["removed_units"], tot["became_vacant"], tot["still_occupied"]) == (1, 1, 1)
    # rates(R3).units == rates(R2).units - removed + new
    assert (
        r3.loc["total", "units"]
        == r2.loc["total", "units"] - tot["removed_units"] + tot["new_units"]
    )
    t = vacancy.trend(units, _quarters())
    totals = t[t["quarter_id"] == "total"]
    assert totals["units"].tolist() == [4, 3, 2, 1]  # the 30.09.2025 round holds "late" only


def test_off_round_survey_belongs_to_the_next_round():
    units = _inventory_panel()
    rounds = [R1, R2, R3, "2025-12-31"]  # 30.09.2025 is an off-round date
    # at R3: "late" (last surveyed at R1) is missing from R2 and R3 -> not counted
    r3 = vacancy.rates(units, _quarters(), at=R3, rounds=rounds)
    assert r3.loc["total", "units"] == 2
    # at 2025-09-30 (after R3, before the next round): R3's inventory plus the off-round survey
    late = vacancy.state_at(units, at="2025-09-30", rounds=rounds)
    assert sorted(late["unit_id"]) == ["a", "b", "late"]
    # without rounds=, 30.09.2025 is a round of its own holding one unit
    assert vacancy.state_at(units, at="2025-09-30")["unit_id"].tolist() == ["late"]
    with pytest.raises(DateError, match="rounds"):
        vacancy.state_at(units, rounds=["30.06.24"])


def test_a_survey_over_several_days_is_one_round():
    # round 1 on 30.06.2024; round 2 took two days (02./03.06.2025): a and b on the 2nd, c on the 3rd;
    # d was not surveyed again and has left the inventory
    spec = {
        "a": (10, 10, 100.0, True, {R1: O, "2025-06-02": ("vacant", "2025-05-01", None)}),
        "b": (20, 10, 100.0, True, {R1: O, "2025-06-02": O}),
        "c": (30, 10, 100.0, True, {R1: O, "2025-06-03": O}),
        "d": (40, 10, 100.0, True, {R1: ("vacant", "2024-01-01", None)}),
    }
    units = _panel(spec)
    r = vacancy.rates(units, _quarters())
    # by hand: inventory {a, b, c}, one vacant (a)
    assert (r.loc["total", "units"], r.loc["total", "vacant"]) == (3, 1)
    t = vacancy.trend(units, _quarters())
    totals = t[t["quarter_id"] == "total"]
    assert totals["units"].tolist() == [4, 3]
    assert [str(pd.Timestamp(x).date()) for x in totals["survey_date"]] == [
        "2024-06-30",
        "2025-06-03",
    ]
    f = vacancy.flow_units(units, start=R1, end="2025-06-03").set_index("unit_id")
    assert f.loc["d", "flow"] == "removed"
    assert f.loc["a", "flow"] == "became_vacant"


# --------------------------------------------------------------------------- cheap input guards


def test_units_as_polygons_are_refused():
    units = _panel()
    units["geometry"] = units.geometry.buffer(5)
    with pytest.raises(
        SchemaError, match=r"units must be points.*u01.*Polygon.*representative_point"
    ):
        vacancy.rates(units, _quarters())
    with pytest.raises(SchemaError, match="representative_point"):
        vacancy.flows(units, start=S1, end=S3, quarters=_quarters())
    with pytest.raises(SchemaError, match="representative_point"):
        vacancy.hotspots(units)


def test_outside_warns_naming_the_units():
    with pytest.warns(OutsideZonesWarning, match=r"1 of 10 units lie outside every quarter.*u09"):
        vacancy.rates(_panel(), _quarters(), at=S3)
    with pytest.warns(OutsideZonesWarning, match="u09"):
        vacancy.flows(_panel(), start=S2, end=S3, quarters=_quarters())
    with pytest.warns(OutsideZonesWarning, match="u09"):
        vacancy.trend(_panel(), _quarters())


def test_ground_floor_without_flag_is_counted_and_reported():
    units = _panel().astype({"ground_floor": object})
    units.loc[units["unit_id"].isin(["u01", "u07"]), "ground_floor"] = None
    with pytest.warns(
        GeoinnenstadtWarning, match=r"2 unit\(s\) have no ground_floor flag.*u01, u07"
    ):
        table = vacancy.rates(units, _quarters(), at=S3, ground_floor_only=True)
    assert table.attrs["ground_floor_missing"] == 2
    assert table.loc["total", "units"] == 6  # 8 ground-floor units minus u01, u07
    with pytest.warns(GeoinnenstadtWarning, match="u01, u07"):
        vacancy.trend(units, _quarters(), ground_floor_only=True)


def test_bow_tie_quarter_is_named_in_a_warning():
    q = _quarters()
    q.loc[0, "geometry"] = shapely.Polygon(
        [(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)]
    )
    with pytest.warns(gi.zones.InvalidZonesWarning, match="q1"):
        vacancy.rates(_panel(), q, at=S3)


# --------------------------------------------------------------------------- issue 24

SPLIT_EARLY, SPLIT_LATE = "2025-05-02", "2025-06-30"
MERGED = ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"]


def _split_survey() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """Dortmund's 2025 survey done in two batches: 409 units on 02.05., 409 on 30.06.2025.

    Returns the split panel, the quarters and the 2025 rows of the sample as given.
    Units vacant since after 02.05.2025 stay in the late batch (a survey cannot
    record a vacancy that had not begun).
    """
    city = gi.load_sample("dortmund")
    units = city.units.copy()
    on_last = units[units["survey_date"] == pd.Timestamp(SPLIT_LATE)]
    early_ok = on_last["vacant_since"].isna() | (on_last["vacant_since"] <= SPLIT_EARLY)
    early = on_last.index[early_ok.to_numpy()][:409]
    units.loc[early, "survey_date"] = pd.Timestamp(SPLIT_EARLY)
    return units, city.quarters, on_last


def _one_split_warning(record) -> str:
    split = [w for w in record if issubclass(w.category, vacancy.SplitRoundWarning)]
    assert len(split) == 1, [str(w.message) for w in record]
    assert issubclass(split[0].category, GeoinnenstadtWarning)
    return str(split[0].message)


def test_survey_in_two_batches_warns_naming_both_dates_and_rounds():
    units, quarters, on_last = _split_survey()
    # oracle: the sample's 2025 survey counted with plain pandas
    assert len(on_last) == on_last["unit_id"].nunique() == 818
    n_vacant = int((on_last["status"] == "vacant").sum())
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        table = vacancy.rates(units, quarters)
    message = _one_split_warning(record)
    for text in (
        "02.05.2025 (409 units)",
        "30.06.2025 (409 units)",
        "59 days",
        "rounds=",
        str(MERGED),
    ):
        assert text in message
    # the two rounds as documented: the late batch alone, but never without a word
    assert int(table.loc["total", "units"]) == 409
    merged = vacancy.rates(units, quarters, rounds=MERGED)
    assert int(merged.loc["total", "units"]) == 818
    assert int(merged.loc["total", "vacant"]) == n_vacant


@pytest.mark.parametrize(
    "call",
    [
        lambda u, q: vacancy.survey_rounds(u),
        lambda u, q: vacancy.state_at(u, at=SPLIT_LATE),
        lambda u, q: vacancy.trend(u, q),
        lambda u, q: vacancy.flows(u, start="2024-06-30", end=SPLIT_LATE, quarters=q),
        lambda u, q: vacancy.flow_units(u, start="2024-06-30", end=SPLIT_LATE),
        lambda u, q: vacancy.hotspots(u, permutations=9, seed=1),
    ],
    ids=["survey_rounds", "state_at", "trend", "flows", "flow_units", "hotspots"],
)
def test_survey_in_two_batches_warns_once_everywhere_the_inventory_is_used(call):
    units, quarters, _ = _split_survey()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        call(units, quarters)
    assert "rounds=" in _one_split_warning(record)


def test_merged_rounds_keep_every_unit_in_state_at_and_flows():
    units, _, on_last = _split_survey()
    state = vacancy.state_at(units, at=SPLIT_LATE, rounds=MERGED)
    assert sorted(state["unit_id"]) == sorted(on_last["unit_id"])
    flows = vacancy.flow_units(units, start="2024-06-30", end=SPLIT_LATE, rounds=MERGED)
    previous = units[units["survey_date"] == pd.Timestamp("2024-06-30")]
    removed = set(previous["unit_id"]) - set(on_last["unit_id"])  # oracle: plain sets
    assert set(flows.index[flows["flow"] == "removed"]) == removed


def test_a_real_shrink_is_no_split_survey():
    # half the units gone in the last round (the rest surveyed again): no warning
    city = gi.load_sample("dortmund")
    units = city.units
    last = units["survey_date"] == units["survey_date"].max()
    gone = set(units.loc[last, "unit_id"].iloc[::2])
    units = units[~(last & units["unit_id"].isin(gone))]
    with warnings.catch_warnings():
        warnings.simplefilter("error", vacancy.SplitRoundWarning)
        table = vacancy.rates(units, city.quarters)
    assert int(table.loc["total", "units"]) == 818 - len(gone) == 409


def test_ids_one_and_text_one_are_refused_naming_them():
    units = _panel()
    units = units[units["survey_date"] == pd.Timestamp(S3)].copy()
    ids = units["unit_id"].astype(object).to_numpy().copy()
    ids[0], ids[1] = 1, "1"
    units["unit_id"] = ids
    # validate refuses them, and so does every analysis function (one shared guard)
    assert not gi.validate(units, kind="units").ok
    pattern = r"unit_id values that are one id as text: 1 \(a number\) and '1' \(text\)"
    for call in (
        lambda: vacancy.rates(units, _quarters()),
        lambda: vacancy.state_at(units),
        lambda: vacancy.trend(units, _quarters()),
        lambda: vacancy.flow_units(units, start=S3, end=S3),
        lambda: vacancy.hotspots(units, permutations=9),
    ):
        with pytest.raises(SchemaError, match=pattern):
            call()
    # padded text ids are one id after stripping, as read_layer and validate see them
    units["unit_id"] = ["u01", " u01"] + [f"u{i:02d}" for i in range(3, len(units) + 1)]
    with pytest.raises(SchemaError, match=r"'u01' \(text\) and ' u01' \(text\)"):
        vacancy.rates(units, _quarters())
