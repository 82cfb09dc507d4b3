"""Tests of gi.land.demand, gi.land.pipeline and gi.land.supply_timeline (issue 21).

Oracles are hand arithmetic on rectangles of known size (100 m × 100 m = 1 ha)
and a plain year loop written here from the fixture's definition (areas,
stages and years as listed), never the library's own helpers.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt.errors import GeoinnenstadtWarning, SchemaError

X0, Y0 = 390_000.0, 5_710_000.0
CRS = "EPSG:25832"
AT = "30.06.2025"
COLUMNS = [
    "year",
    "reserve_start_ha",
    "arrivals_ha",
    "demand_ha",
    "take_up_ha",
    "unmet_ha",
    "reserve_end_ha",
]

# site_id, status, restriction, owner_type, planning_stage, expected year, taken_up_on, hectares
ROWS = [
    ("M1", "available", "none", "public", None, None, None, 2.0),  # no stage, R0: marketable
    ("M2", "available", "minor", "private", "marketable", None, None, 1.0),
    ("F1", "available", "none", "firm_reserve", "marketable", None, None, 3.0),  # firm-held
    ("P1", "available", "major", "public", "idea", None, None, 4.0),  # lead 12 -> 2037
    ("P2", "available", "minor", "public", "fnp_effective", 2028, None, 2.0),
    ("P3", "available", "minor", "private", "bplan_started", None, None, 3.0),  # lead 5 -> 2030
    ("P4", "available", "minor", "public", "serviced", 2025, None, 1.0),  # arrives in 2026
    ("R1", "reserved", "none", "public", None, None, None, 5.0),
    ("T1", "taken_up", "none", "public", None, None, "2020-05-01", 2.0),
    ("T2", "taken_up", "none", "public", None, None, "2022-05-01", 3.0),
    ("T3", "taken_up", "none", "public", None, None, "2024-05-01", 1.0),
    ("T4", "taken_up", "none", "public", None, None, "2025-03-01", 4.0),  # partial year
]


def make_sites(rows: list[tuple]) -> gpd.GeoDataFrame:
    records = []
    for k, (sid, status, restr, owner, stage, year, taken, ha) in enumerate(rows):
        geom = box(X0, Y0 + 300 * k, X0 + ha * 100, Y0 + 300 * k + 100)  # ha × 1 ha
        records.append(
            {
                "site_id": sid,
                "status": status,
                "restriction": restr,
                "owner_type": owner,
                "planning_stage": stage,
                "expected_available_year": year,
                "taken_up_on": pd.Timestamp(taken) if taken else pd.NaT,
                "geometry": geom,
            }
        )
    df = pd.DataFrame.from_records(records)
    df["expected_available_year"] = df["expected_available_year"].astype("Int64")
    return gpd.GeoDataFrame(df, geometry="geometry", crs=CRS)


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    return make_sites(ROWS)


def year_loop(start: float, arrivals: dict[int, float], demand: float, first: int, n: int):
    """The timeline as the issue states it, one year at a time."""
    rows, reserve = [], start
    for year in range(first, first + n):
        arr = arrivals.get(year, 0.0)
        avail = reserve + arr
        take = min(demand, avail)
        rows.append((year, reserve, arr, demand, take, demand - take, avail - take))
        reserve = avail - take
    return pd.DataFrame(rows, columns=COLUMNS)


def check_rows(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == COLUMNS
    assert got["year"].tolist() == want["year"].tolist()
    for col in COLUMNS[1:]:
        np.testing.assert_allclose(got[col].to_numpy(float), want[col].to_numpy(float), atol=1e-9)


# --------------------------------------------------------------------------- supply timeline


def test_baseline_rows_by_hand(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, demand=2.0, at=AT, years=8)
    # reserve 3 (M1 + M2); arrivals P4 2026, P2 2028, P3 2030; P1 2037 beyond 2033
    want = pd.DataFrame(
        [
            (2026, 3, 1, 2, 2, 0, 2),
            (2027, 2, 0, 2, 2, 0, 0),
            (2028, 0, 2, 2, 2, 0, 0),
            (2029, 0, 0, 2, 0, 2, 0),
            (2030, 0, 3, 2, 2, 0, 1),
            (2031, 1, 0, 2, 1, 1, 0),
            (2032, 0, 0, 2, 0, 2, 0),
            (2033, 0, 0, 2, 0, 2, 0),
        ],
        columns=COLUMNS,
    )
    check_rows(t, want)
    check_rows(t, year_loop(3.0, {2026: 1.0, 2028: 2.0, 2030: 3.0}, 2.0, 2026, 8))
    assert t.attrs["first_gap_year"] == 2029
    assert t.attrs["gap_years"] == [2029, 2031, 2032, 2033]
    assert t.attrs["shortfall_ha"] == pytest.approx(7.0)
    assert t.attrs["beyond_horizon_ha"] == pytest.approx(4.0)
    assert t.attrs["never_arrives_ha"] == 0.0
    assert t.attrs["scenario"]["name"] == "baseline"


def test_planning_stopped_rows_by_hand(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, demand=2.0, at=AT, years=8, scenario="planning_stopped")
    # idea (P1) and fnp_effective (P2) come before bplan_started: they never arrive
    check_rows(t, year_loop(3.0, {2026: 1.0, 2030: 3.0}, 2.0, 2026, 8))
    assert t.attrs["first_gap_year"] == 2028
    assert t.attrs["shortfall_ha"] == pytest.approx(9.0)
    assert t.attrs["never_arrives_ha"] == pytest.approx(6.0)


def test_accelerated_rows_by_hand(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, demand=2.0, at=AT, years=8, scenario="accelerated")
    # factor 0.5, rounded up: P1 12 -> 6 (2031), P2 3 -> 2 (2027), P3 5 -> 3 (2028), P4 0 -> 2026
    check_rows(t, year_loop(3.0, {2026: 1.0, 2027: 2.0, 2028: 3.0, 2031: 4.0}, 2.0, 2026, 8))
    assert t.attrs["first_gap_year"] == 2030
    assert t.attrs["shortfall_ha"] == pytest.approx(3.0)


def test_user_scenario_and_setting(sites: gpd.GeoDataFrame, monkeypatch) -> None:
    t = gi.land.supply_timeline(
        sites,
        demand=2.0,
        at=AT,
        years=15,
        scenario={"name": "slow", "lead_factor": 1.5, "stopped_before": "fnp_effective"},
    )
    # P1 (idea) stopped; P2 3 × 1.5 = 4.5 -> 5 (2030); P3 5 × 1.5 = 7.5 -> 8 (2033)
    check_rows(t, year_loop(3.0, {2026: 1.0, 2030: 2.0, 2033: 3.0}, 2.0, 2026, 15))
    assert t.attrs["scenario"] == {
        "name": "slow",
        "lead_factor": 1.5,
        "stopped_before": "fnp_effective",
    }
    monkeypatch.setitem(gi.settings.planning_lead_years, "bplan_started", 2)
    monkeypatch.setattr(gi.settings, "accelerated_lead_factor", 1.0)
    t = gi.land.supply_timeline(sites, demand=2.0, at=AT, years=15, scenario="accelerated")
    check_rows(t, year_loop(3.0, {2026: 1.0, 2027: 3.0, 2028: 2.0, 2037: 4.0}, 2.0, 2026, 15))


def test_default_demand_is_the_trend(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, at=AT, years=3)
    # window 2020-2024: 2 + 0 + 3 + 0 + 1 = 6 ha / 5 = 1.2 ha/year; 2025 is partial
    assert t["demand_ha"].tolist() == pytest.approx([1.2, 1.2, 1.2])
    assert (t.attrs["demand_low_ha"], t.attrs["demand_high_ha"]) == (0.0, 3.0)
    assert t.attrs["demand_source"] == "trend"
    check_rows(t, year_loop(3.0, {2026: 1.0, 2028: 2.0}, 1.2, 2026, 3))


def test_demand_band_and_table(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, demand=(1.0, 2.0, 4.0), at=AT, years=2)
    assert t["demand_ha"].tolist() == [2.0, 2.0]
    assert (t.attrs["demand_low_ha"], t.attrs["demand_high_ha"]) == (1.0, 4.0)
    d = gi.land.demand(
        method="gifpro", at=AT, employees=10_000, area_per_employee_m2=100, reuse_share=0
    )
    t = gi.land.supply_timeline(sites, demand=d, at=AT, years=2)
    assert t["demand_ha"].tolist() == pytest.approx([1.0, 1.0])  # 10 000 × 1/100 × 100 m² = 1 ha
    with pytest.raises(ValueError, match="methods"):
        gi.land.supply_timeline(sites, demand=gi.land.demand(sites, method=["trend", "gifpro"],
                                at=AT, employees=1, area_per_employee_m2=1, reuse_share=0), at=AT)  # fmt: skip


def test_random_pipelines_match_the_loop() -> None:
    rng = np.random.default_rng(7)
    stages = list(gi.schema.PLANNING_STAGE)
    lead = dict(gi.settings.planning_lead_years)
    for _ in range(25):
        rows, start, arrivals = [], 0.0, {}
        for k in range(int(rng.integers(1, 9))):
            ha = float(rng.integers(1, 9)) / 2
            stage = stages[int(rng.integers(len(stages)))]
            year = None
            if stage != "marketable" and rng.random() < 0.5:
                year = int(rng.integers(2025, 2040))
            rows.append((f"S{k}", "available", "minor", "public", stage, year, None, ha))
            if stage == "marketable":
                start += ha
            else:
                y = max(year if year is not None else 2025 + lead[stage], 2026)
                arrivals[y] = arrivals.get(y, 0.0) + ha
        demand = float(rng.integers(0, 6))
        got = gi.land.supply_timeline(make_sites(rows), demand=demand, at=AT, years=15)
        want = year_loop(start, arrivals, demand, 2026, 15)
        check_rows(got, want)
        gap = want.loc[want["unmet_ha"] > 1e-9, "year"].tolist()
        assert got.attrs["first_gap_year"] == (gap[0] if gap else None)
        assert got.attrs["shortfall_ha"] == pytest.approx(want["unmet_ha"].sum())


def test_no_gap_gives_none(sites: gpd.GeoDataFrame) -> None:
    t = gi.land.supply_timeline(sites, demand=0.0, at=AT, years=5)
    assert t.attrs["first_gap_year"] is None
    assert t.attrs["shortfall_ha"] == 0.0


def test_without_stage_columns_the_reserve_is_r0(sites: gpd.GeoDataFrame) -> None:
    bare = sites.drop(columns=["planning_stage", "expected_available_year"])
    t = gi.land.supply_timeline(bare, demand=1.0, at=AT, years=3)
    # M1 (none, public) only; firm-held F1 not on the market; restricted land has no stage
    check_rows(t, year_loop(2.0, {}, 1.0, 2026, 3))
    assert t.attrs["left_out_ha"] == pytest.approx(1 + 4 + 2 + 3 + 1)
    t = gi.land.supply_timeline(bare, demand=1.0, at=AT, years=3, include_firm_reserves=True)
    assert t["reserve_start_ha"].iloc[0] == pytest.approx(5.0)


# --------------------------------------------------------------------------- pipeline


def test_pipeline_by_hand(sites: gpd.GeoDataFrame) -> None:
    p = gi.land.pipeline(sites, at=AT)
    want = [
        ("idea", 2037, 1, 4.0, "lead_time"),
        ("fnp_effective", 2028, 1, 2.0, "given"),
        ("bplan_started", 2030, 1, 3.0, "lead_time"),
        ("serviced", 2025, 1, 1.0, "given"),
        ("marketable", 2025, 2, 3.0, "marketable"),
    ]
    got = list(p.itertuples(index=False, name=None))
    assert [(*r[:3], r[4]) for r in got] == [(*w[:3], w[4]) for w in want]
    assert [r[3] for r in got] == pytest.approx([w[3] for w in want])
    assert p.attrs["total_ha"] == pytest.approx(13.0)
    assert p.attrs["left_out_ha"] == 0.0


def test_pipeline_names_restricted_sites_without_stage(sites: gpd.GeoDataFrame) -> None:
    sites.loc[sites["site_id"] == "P3", "planning_stage"] = None
    with pytest.warns(GeoinnenstadtWarning, match="P3"):
        p = gi.land.pipeline(sites, at=AT)
    assert p.attrs["left_out_ha"] == pytest.approx(3.0)
    assert "bplan_started" not in p["planning_stage"].tolist()


# --------------------------------------------------------------------------- demand


def test_gifpro_by_hand() -> None:
    d = gi.land.demand(
        method="gifpro", horizon=[5, 15], at=AT, employees=100_000,
        area_per_employee_m2=150, reuse_share=0.3,
    )  # fmt: skip
    # 100 000 × (0.3 + 0.7) / 100 × 150 m² × (1 − 0.3) = 105 000 m² = 10.5 ha per year
    assert d["ha_per_year"].tolist() == pytest.approx([10.5, 10.5])
    assert d["demand_ha"].tolist() == pytest.approx([52.5, 157.5])
    assert d[["first_year", "last_year"]].values.tolist() == [[2026, 2030], [2026, 2040]]
    v = gi.land.demand(
        method="gifpro", at=AT, employees=100_000, area_per_employee_m2=150,
        reuse_share=0.3, variant="vallee", horizon=1,
    )  # fmt: skip
    # 100 000 × (0.15 + 0.7) / 100 × 150 × 0.7 = 89 250 m²
    assert float(v["ha_per_year"].iloc[0]) == pytest.approx(8.925)
    assert v.attrs["parameters"]["gifpro"]["settlement_rate"] == (0.15, 0.15, 0.15)
    assert "Vallée" in v.attrs["sources"]["settlement_rate"]


def test_gifpro_band_by_hand() -> None:
    d = gi.land.demand(
        method="gifpro", at=AT, horizon=10, employees=(80_000, 100_000, 120_000),
        area_per_employee_m2=(100, 150, 200), reuse_share=(0.2, 0.3, 0.4),
    )  # fmt: skip
    row = d.iloc[0]
    # low: 80 000 × 1/100 × 100 × (1 − 0.4) = 48 000 m²; high: 120 000/100 × 200 × 0.8
    assert row["ha_per_year_low"] == pytest.approx(4.8)
    assert row["ha_per_year"] == pytest.approx(10.5)
    assert row["ha_per_year_high"] == pytest.approx(19.2)
    assert row["demand_low_ha"] == pytest.approx(48.0)
    assert row["demand_high_ha"] == pytest.approx(192.0)


def test_trend_by_hand(sites: gpd.GeoDataFrame) -> None:
    d = gi.land.demand(sites, at=AT, horizon=10)
    row = d.iloc[0]
    assert row["method"] == "trend"
    assert (row["ha_per_year_low"], row["ha_per_year"], row["ha_per_year_high"]) == pytest.approx(
        (0.0, 1.2, 3.0)
    )
    assert row["demand_ha"] == pytest.approx(12.0)
    assert d.attrs["parameters"]["trend"] == {"window": 5, "window_start": 2020, "window_end": 2024}
    d3 = gi.land.demand(sites, at=AT, window=3, horizon=1)
    assert float(d3["ha_per_year"].iloc[0]) == pytest.approx(4.0 / 3)  # 2022-2024: 3 + 0 + 1


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"area_per_employee_m2": 50, "reuse_share": 0.1}, "employees is required"),
        ({"employees": 10, "reuse_share": 0.1}, "area_per_employee_m2 is required"),
        ({"employees": 10, "area_per_employee_m2": 50}, "reuse_share is required"),
        ({"employees": -1, "area_per_employee_m2": 50, "reuse_share": 0}, ">= 0"),
        ({"employees": 1, "area_per_employee_m2": 50, "reuse_share": 1.0}, "below 1"),
        ({"employees": (3, 2, 1), "area_per_employee_m2": 5, "reuse_share": 0}, "ordered"),
        ({"employees": 1, "area_per_employee_m2": 5, "reuse_share": 0, "variant": "valee"},
         "did you mean 'vallee'"),
        ({"employees": 1, "area_per_employee_m2": 5, "reuse_share": 0, "horizon": 0},
         "horizon"),
    ],
)  # fmt: skip
def test_gifpro_bad_parameters(kwargs: dict, match: str) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        gi.land.demand(method="gifpro", at=AT, **kwargs)


def test_unknown_method(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="did you mean 'trend'"):
        gi.land.demand(sites, method="trnd", at=AT)


def test_unknown_stage_is_named(sites: gpd.GeoDataFrame) -> None:
    sites.loc[sites["site_id"] == "P3", "planning_stage"] = "bplan_efective"
    with pytest.raises(SchemaError, match=r"P3.*did you mean 'bplan_effective'"):
        gi.land.pipeline(sites, at=AT)
    report = gi.validate(sites, kind="sites")
    errors = report.errors
    bad = errors[errors["column"] == "planning_stage"]
    assert bad["row"].tolist() == ["P3"]
    assert "bplan_effective" in bad["hint"].iloc[0]


def test_year_in_the_past_is_an_error(sites: gpd.GeoDataFrame) -> None:
    sites.loc[sites["site_id"] == "P3", "expected_available_year"] = 2020
    with pytest.raises(ValueError, match=r"before the reference year 2025 at site\(s\) P3"):
        gi.land.supply_timeline(sites, demand=1.0, at=AT)
    sites.loc[sites["site_id"] == "P3", "expected_available_year"] = 2025  # this year: fine
    gi.land.pipeline(sites, at=AT)


def test_marketable_with_future_year_is_an_error(sites: gpd.GeoDataFrame) -> None:
    sites.loc[sites["site_id"] == "M2", "expected_available_year"] = 2030
    with pytest.raises(ValueError, match="M2"):
        gi.land.pipeline(sites, at=AT)


def test_implausible_year(sites: gpd.GeoDataFrame) -> None:
    sites["expected_available_year"] = sites["expected_available_year"].astype(object)
    sites.loc[sites["site_id"] == "P3", "expected_available_year"] = 31
    with pytest.raises(SchemaError, match=r"P3.*2031"):
        gi.land.pipeline(sites, at=AT)
    errors = gi.validate(sites, kind="sites").errors
    assert errors.loc[errors["column"] == "expected_available_year", "row"].tolist() == ["P3"]


@pytest.mark.parametrize(
    ("scenario", "match"),
    [
        ("planing_stopped", "did you mean 'planning_stopped'"),
        ({"lead_factr": 2}, "did you mean 'lead_factor'"),
        ({"lead_factor": 0}, "> 0"),
        ({"stopped_before": "fnp"}, "planning stage"),
    ],
)
def test_bad_scenario(sites: gpd.GeoDataFrame, scenario, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gi.land.supply_timeline(sites, demand=1.0, at=AT, scenario=scenario)


def test_bad_demand_and_years(sites: gpd.GeoDataFrame, monkeypatch) -> None:
    with pytest.raises(ValueError, match=">= 0"):
        gi.land.supply_timeline(sites, demand=-1.0, at=AT)
    with pytest.raises(ValueError, match="years"):
        gi.land.supply_timeline(sites, demand=1.0, at=AT, years=0)
    monkeypatch.setitem(gi.settings.planning_lead_years, "idea", -1)
    with pytest.raises(ValueError, match=r"planning_lead_years\['idea'\]"):
        gi.land.pipeline(sites, at=AT)


def test_sample_dortmund_runs_out_around_2030() -> None:
    """Needs the regenerated sample (planning stages, issue 21)."""
    city = gi.load_sample("dortmund")
    base = gi.land.supply_timeline(city)
    stopped = gi.land.supply_timeline(city, scenario="planning_stopped")
    assert base.attrs["first_gap_year"] is not None
    assert 2028 <= base.attrs["first_gap_year"] <= 2031
    assert len(stopped.attrs["gap_years"]) > len(base.attrs["gap_years"])
    assert stopped.attrs["shortfall_ha"] > base.attrs["shortfall_ha"]
    assert not math.isnan(base.attrs["shortfall_ha"])


# --------------------------------------------------------------------------- panel, chart, briefing


def test_site_sold_after_at_was_marketable() -> None:
    rows = [
        ("A", "available", "minor", "public", "bplan_started", None, None, 2.0),
        ("S", "taken_up", "major", "public", None, None, "2025-03-01", 3.0),
    ]
    # on 31.12.2024 site S (taken up in 2025) was on the market, whatever its restrictions
    p = gi.land.pipeline(make_sites(rows), at="31.12.2024")
    got = {r.planning_stage: r.area_ha for r in p.itertuples()}
    assert got == pytest.approx({"bplan_started": 2.0, "marketable": 3.0})
    assert p.attrs["left_out_ha"] == 0.0


def test_panel_holds_the_timelines(sites: gpd.GeoDataFrame) -> None:
    p = gi.land.panel(sites, at=AT, demand=2.0, years=8)
    assert p.scenarios == ("baseline", "planning_stopped", "accelerated")
    check_rows(p.supply_timeline("baseline"),
               year_loop(3.0, {2026: 1.0, 2028: 2.0, 2030: 3.0}, 2.0, 2026, 8))  # fmt: skip
    check_rows(p.supply_timeline("planning_stopped"),
               year_loop(3.0, {2026: 1.0, 2030: 3.0}, 2.0, 2026, 8))  # fmt: skip
    assert p.pipeline["area_ha"].sum() == pytest.approx(13.0)
    table = p.supply_timeline()
    table.loc[0, "demand_ha"] = 99.0  # a copy: the panel is unchanged
    assert p.supply_timeline()["demand_ha"].iloc[0] == 2.0
    with pytest.raises(ValueError, match="not 'nope'"):
        p.supply_timeline("nope")
    custom = gi.land.panel(sites, at=AT, demand=2.0, years=8, scenarios=[{"name": "x"}])
    assert custom.scenarios == ("x",)


def test_supply_plot_draws_the_gap_years(sites: gpd.GeoDataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_hex

    p = gi.land.panel(sites, at=AT, demand=2.0, years=8)
    fig = gi.plots.supply_plot(p, lang="en")
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == ["Baseline", "Planning stopped", "Planning accelerated"]
    base = fig.axes[0]
    gaps = sorted(a.get_gid() for a in base.patches if str(a.get_gid()).startswith("gap-"))
    assert gaps == ["gap-2029", "gap-2031", "gap-2032", "gap-2033"]  # the hand-computed gap
    bars = {a.get_gid(): a for a in base.patches if str(a.get_gid()).startswith("reserve-")}
    # reserve at the start of the year + arrivals: 3 + 1, 2 + 0, 0 + 2, 0, 0 + 3, 1, 0, 0
    heights = [bars[f"reserve-{y}"].get_height() for y in range(2026, 2034)]
    assert heights == pytest.approx([4, 2, 2, 0, 3, 1, 0, 0])
    assert to_hex(bars["reserve-2026"].get_facecolor()) == gi.style.CHART["reserve"]
    stopped = fig.axes[1]
    gaps = sorted(a.get_gid() for a in stopped.patches if str(a.get_gid()).startswith("gap-"))
    assert gaps == ["gap-2028", "gap-2029", "gap-2031", "gap-2032", "gap-2033"]
    city = gi.load_sample("dortmund")
    fig = gi.plots.supply_plot(gi.land.panel(city), city=city, scenarios=["baseline"])
    texts = [t.get_text() for a in fig.axes[0].artists for t in a.txt.get_children()]
    assert any("Beispieldaten (synthetisch)" in t for t in texts)
    with pytest.raises(ValueError, match="no timeline"):
        gi.plots.supply_plot(p, scenarios=["nope"])


def test_briefing_sentences_by_hand(sites: gpd.GeoDataFrame) -> None:
    from geoinnenstadt import briefing

    p = gi.land.panel(sites, at=AT, demand=2.0, years=8)
    text = str(briefing.show_supply_text(panel=p, lang="en", display=False))
    assert "Demand is taken as 2.0 ha per year (range 2.0 ha to 2.0 ha)" in text
    # marketable M1 + M2 = 3 ha; planned 4 + 2 + 3 + 1 = 10 ha, before the B-Plan 4 + 2 = 6 ha
    assert "At the reference date 3.0 ha are marketable. A further 10.0 ha" in text
    assert "6.0 ha of them at a stage before a B-Plan procedure" in text
    assert (
        "Scenario Baseline: in 2029 marketable land first falls short of demand; in 4 of 8" in text
    )
    assert "7.0 ha in all" in text
    de = str(briefing.show_supply_text(panel=p, lang="de", display=False))
    assert "Szenario Planung gestoppt: 2028 reicht die vermarktbare Fläche erstmals nicht" in de
    table = briefing.supply_table(panel=p)
    assert table["first_gap_year"].tolist() == [2029, 2028, 2030]
    assert table["gap_years"].tolist() == [4, 5, 2]
    assert table["shortfall_ha"].tolist() == pytest.approx([7.0, 9.0, 3.0])
    pipe = briefing.pipeline_table(panel=p)
    assert pipe["area_ha"].to_dict() == pytest.approx(
        {"idea": 4, "fnp_effective": 2, "bplan_started": 3, "serviced": 1, "marketable": 3}
    )
