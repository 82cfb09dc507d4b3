"""Tests of geoinnenstadt.land: reserves, take-up, years of supply, large sites, core-zone share.

Expected values are hand arithmetic on rectangles of known size (100 m × 100 m = 1 ha).
"""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt import land
from geoinnenstadt.errors import CRSError, GeoinnenstadtWarning, SchemaError

X0, Y0 = 390_000.0, 5_710_000.0  # somewhere in Dortmund, EPSG:25832
CRS = "EPSG:25832"
SAMPLE = ROOT / "sample_data" / "dortmund.gpkg"


def rect(x: float, y: float, w: float, h: float):
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    rows = [
        # site_id, status, restriction, taken_up_on, brownfield, owner_type, geometry (ha)
        ("S1", "available", "none", None, False, "public", rect(0, 0, 100, 100)),  # 1
        ("S2", "available", "minor", None, False, "private", rect(0, 200, 500, 100)),  # 5
        ("S3", "available", "major", None, None, "private", rect(0, 400, 100, 50)),  # 0.5
        ("S4", "reserved", "none", None, False, "public", rect(0, 600, 200, 100)),  # 2
        ("S5", "taken_up", "none", "2021-03-01", False, "public", rect(0, 800, 300, 100)),  # 3
        ("S6", "taken_up", "minor", "2023-07-15", True, "private", rect(0, 1000, 200, 100)),  # 2
        ("S7", "taken_up", "none", "2025-02-01", False, "public", rect(0, 1200, 100, 100)),  # 1
        ("S8", "available", "none", None, True, "firm_reserve", rect(0, 1400, 1000, 100)),  # 10
    ]
    df = pd.DataFrame(
        rows,
        columns=[
            "site_id",
            "status",
            "restriction",
            "taken_up_on",
            "brownfield",
            "owner_type",
            "geometry",
        ],
    )
    df["taken_up_on"] = pd.to_datetime(df["taken_up_on"])
    df["brownfield"] = df["brownfield"].astype("boolean")
    return gpd.GeoDataFrame(df, geometry="geometry", crs=CRS)


@pytest.fixture
def core_zones() -> gpd.GeoDataFrame:
    # Z1 covers S1 fully; Z2 covers the western half of S8 (5 ha) and half of S6 (1 ha)
    return gpd.GeoDataFrame(
        {"zone_id": ["Z1", "Z2"], "name": ["Eins", "Zwei"], "category": ["A", "B"]},
        geometry=[rect(-10, -10, 120, 120), rect(-10, 990, 510, 520)],
        crs=CRS,
    )


# ---------------------------------------------------------------------------- areas and CRS


def test_site_areas_exact(sites: gpd.GeoDataFrame) -> None:
    expected = pd.Series(
        [1.0, 5.0, 0.5, 2.0, 3.0, 2.0, 1.0, 10.0], index=sites.index, name="area_ha"
    )
    pd.testing.assert_series_equal(land.site_areas(sites), expected, rtol=1e-12)


def test_geographic_crs_is_an_error(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(CRSError, match="degrees"):
        land.reserves(sites.to_crs("EPSG:4326"))
    with pytest.raises(CRSError, match="degrees"):
        land.site_areas(sites.to_crs("EPSG:4326"))


def test_missing_crs_is_an_error(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(CRSError, match="no CRS"):
        land.take_up(sites.set_crs(None, allow_override=True))


def test_web_mercator_is_an_error_other_metric_crs_is_not(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(CRSError, match="Web Mercator"):
        land.years_of_supply(sites.to_crs("EPSG:3857"), end=2025)
    with pytest.raises(CRSError, match="Web Mercator"):
        land.take_up(sites.to_crs("EPSG:3857"))
    # another projected CRS in true metres (UTM 33N) is accepted; oracle: plain geopandas
    other = sites.to_crs("EPSG:25833")
    expected = float(other.geometry.area[other["status"] == "available"].sum()) / 10_000
    assert land.reserves(other).loc["total", "reserve_ha"] == pytest.approx(expected, rel=1e-12)


def test_core_zone_crs_mismatch(sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame) -> None:
    with pytest.raises(CRSError):
        land.core_zone_share(sites, core_zones.to_crs("EPSG:4326"))
    with pytest.raises(CRSError):
        land.reserves(sites, by="core_zone", core_zones=core_zones.to_crs("EPSG:25833"))


def test_missing_columns_and_bad_values(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(SchemaError, match="restriction"):
        land.reserves(sites.drop(columns="restriction"))
    bad = sites.copy()
    bad.loc[2, "status"] = "verfügbar"
    with pytest.raises(SchemaError, match="S3"):
        land.reserves(bad)
    bad = sites.copy()
    bad.loc[0, "restriction"] = None
    with pytest.raises(SchemaError, match="S1"):
        land.reserves(bad)
    nogeom = sites.copy()
    nogeom.loc[1, "geometry"] = None
    with pytest.raises(ValueError, match="S2"):
        land.site_areas(nogeom)
    with pytest.raises(TypeError):
        land.reserves(pd.DataFrame(sites.drop(columns="geometry")))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="by="):
        land.reserves(sites, by="colour")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="core_zones"):
        land.reserves(sites, by="core_zone")


# ---------------------------------------------------------------------------- reserves


def test_reserves_by_restriction(sites: gpd.GeoDataFrame) -> None:
    r = land.reserves(sites)
    assert list(r.index) == ["none", "minor", "major", "total"]
    assert r.index.name == "restriction"
    assert r["sites"].tolist() == [2, 1, 1, 4]
    np.testing.assert_allclose(r["reserve_ha"], [11.0, 5.0, 0.5, 16.5])
    np.testing.assert_allclose(r["reserve_share"], [11 / 16.5, 5 / 16.5, 0.5 / 16.5, 1.0])


def test_reserves_size_class_boundaries(sites: gpd.GeoDataFrame) -> None:
    r = land.reserves(sites, by="size_class")
    assert list(r.index) == ["lt1", "1to5", "5to10", "ge10", "total"]
    # 0.5 ha -> lt1; exactly 1 ha -> 1to5; exactly 5 ha -> 5to10; exactly 10 ha -> ge10
    assert r["sites"].tolist() == [1, 1, 1, 1, 4]
    np.testing.assert_allclose(r["reserve_ha"], [0.5, 1.0, 5.0, 10.0, 16.5])


def test_size_class_function_boundaries() -> None:
    got = land.size_class(pd.Series([0.0, 0.99999, 1.0 - 1e-9, 1.0, 4.999, 5.0, 9.99, 10.0, 250.0]))
    assert got.tolist() == ["lt1", "lt1", "1to5", "1to5", "1to5", "5to10", "5to10", "ge10", "ge10"]


def test_reserves_all_groups_present(sites: gpd.GeoDataFrame) -> None:
    only_small = sites[sites["site_id"].isin(["S3", "S5"])]
    r = land.reserves(only_small, by="size_class")
    assert list(r.index) == ["lt1", "1to5", "5to10", "ge10", "total"]
    assert r["sites"].tolist() == [1, 0, 0, 0, 1]
    none_available = sites[sites["status"] != "available"]
    r = land.reserves(none_available)
    assert r["sites"].tolist() == [0, 0, 0, 0]
    assert r["reserve_ha"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert r["reserve_share"].isna().all()


def test_reserves_by_brownfield_and_owner(sites: gpd.GeoDataFrame) -> None:
    r = land.reserves(sites, by="brownfield")
    assert list(r.index) == ["brownfield", "not_brownfield", "unknown", "total"]
    np.testing.assert_allclose(r["reserve_ha"], [10.0, 6.0, 0.5, 16.5])
    r = land.reserves(sites, by="owner_type")
    assert list(r.index) == ["public", "private", "firm_reserve", "total"]
    np.testing.assert_allclose(r["reserve_ha"], [1.0, 5.5, 10.0, 16.5])
    r = land.reserves(sites, by="planning_basis")  # column absent: all unknown
    assert list(r.index) == ["B-Plan", "FNP", "none", "unknown", "total"]
    np.testing.assert_allclose(r["reserve_ha"], [0, 0, 0, 16.5, 16.5])
    r = land.reserves(sites, by=None)
    assert list(r.index) == ["available", "total"]
    assert r.loc["available", "reserve_ha"] == pytest.approx(16.5)


def test_reserves_by_core_zone(sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame) -> None:
    r = land.reserves(sites, by="core_zone", core_zones=core_zones)
    # S1 is in Z1; S8 overlaps Z2 with 5 of 10 ha (largest overlap) -> Z2; S2, S3 outside
    assert list(r.index) == ["Z1", "Z2", "outside", "total"]
    np.testing.assert_allclose(r["reserve_ha"], [1.0, 10.0, 5.5, 16.5])
    r = land.reserves(sites, by="core_zone_category", core_zones=core_zones)
    assert list(r.index) == ["A", "B", "outside", "total"]
    np.testing.assert_allclose(r["reserve_ha"], [1.0, 10.0, 5.5, 16.5])


def test_reserves_at_date(sites: gpd.GeoDataFrame) -> None:
    # at 2023-01-01: S6 (2 ha, minor, taken up 2023-07-15) and S7 (1 ha, none, 2025) were available
    r = land.reserves(sites, at="2023-01-01")
    np.testing.assert_allclose(r["reserve_ha"], [12.0, 7.0, 0.5, 19.5])
    assert r["sites"].tolist() == [3, 2, 1, 6]
    # on the take-up day the site is taken up
    r = land.reserves(sites, at="2025-02-01")
    assert r.loc["total", "reserve_ha"] == pytest.approx(16.5)


def test_undated_take_up_is_reported(sites: gpd.GeoDataFrame) -> None:
    s = sites.copy()
    s.loc[4, "taken_up_on"] = pd.NaT
    with pytest.warns(GeoinnenstadtWarning, match="S5"):
        t = land.take_up(s, at="31.12.2025")
    assert t.sum() == pytest.approx(3.0)  # S6 + S7 only
    with pytest.warns(GeoinnenstadtWarning, match="1 taken-up site"):
        land.reserves(s, at="2020-01-01")


# ---------------------------------------------------------------------------- take-up


def test_take_up_per_year(sites: gpd.GeoDataFrame) -> None:
    t = land.take_up(sites, at="31.12.2025")
    expected = pd.Series(
        [3.0, 0.0, 2.0, 0.0, 1.0],
        index=pd.Index([2021, 2022, 2023, 2024, 2025], dtype="int64", name="year"),
        name="take_up_ha",
    )
    pd.testing.assert_series_equal(t, expected, rtol=1e-12)


def test_take_up_bounds(sites: gpd.GeoDataFrame) -> None:
    t = land.take_up(sites, start=2019, end="2022-12-31")
    assert list(t.index) == [2019, 2020, 2021, 2022]
    np.testing.assert_allclose(t, [0, 0, 3.0, 0])
    with pytest.raises(ValueError, match="after"):
        land.take_up(sites, start=2025, end=2020)
    empty = land.take_up(sites[sites["status"] != "taken_up"], end=2025)
    assert len(empty) == 0
    assert empty.name == "take_up_ha"
    zeros = land.take_up(sites[sites["status"] != "taken_up"], start=2020, end=2021)
    assert zeros.tolist() == [0.0, 0.0]


# ---------------------------------------------------------------------------- years of supply


def test_years_of_supply_default_window(sites: gpd.GeoDataFrame) -> None:
    # at 15.03.2025 -> last complete year 2024 -> window 2020–2024: (3 + 2) / 5 = 1.0
    y = land.years_of_supply(sites, at="15.03.2025")
    assert list(y.index) == ["observed"]
    row = y.loc["observed"]
    assert (row["window_start"], row["window_end"]) == (2020, 2024)
    assert row["demand_ha_per_year"] == pytest.approx(1.0)
    assert row["reserve_ha"] == pytest.approx(16.5)
    assert row["restriction_free_reserve_ha"] == pytest.approx(1.0)  # S1; S8 (10 ha) is firm-held
    assert row["firm_reserve_ha"] == pytest.approx(10.0)
    assert row["years_net"] == pytest.approx(1.0)
    assert row["years_gross"] == pytest.approx(16.5)
    assert not row["unbounded"]
    assert y.attrs["reference"] == "at"


def test_years_of_supply_explicit_end_and_scenarios(sites: gpd.GeoDataFrame) -> None:
    y = land.years_of_supply(sites, end=2025, demand_ha_per_year={"Stadt": 13, "IHK": 20})
    assert list(y.index) == ["observed", "Stadt", "IHK"]
    assert list(y.columns) == [
        "demand_ha_per_year",
        "reserve_ha",
        "restriction_free_reserve_ha",
        "firm_reserve_ha",
        "years_net",
        "years_gross",
        "unbounded",
        "window_start",
        "window_end",
    ]
    # 2021–2025: (3 + 0 + 2 + 0 + 1) / 5 = 1.2
    np.testing.assert_allclose(y["demand_ha_per_year"], [1.2, 13.0, 20.0])
    np.testing.assert_allclose(y["years_net"], [1 / 1.2, 1 / 13, 1 / 20])
    np.testing.assert_allclose(y["years_gross"], [16.5 / 1.2, 16.5 / 13, 16.5 / 20])
    assert y["window_start"].tolist()[0] == 2021
    assert y["window_end"].isna().tolist() == [False, True, True]
    single = land.years_of_supply(sites, end="2025-12-31", window=3, demand_ha_per_year=4)
    assert list(single.index) == ["observed", "scenario"]
    # 2023–2025: (2 + 0 + 1) / 3 = 1.0
    assert single.loc["observed", "demand_ha_per_year"] == pytest.approx(1.0)
    assert single.loc["scenario", "years_gross"] == pytest.approx(16.5 / 4)


def test_years_of_supply_end_date_rule(sites: gpd.GeoDataFrame) -> None:
    y = land.years_of_supply(sites, end="2024-06-30", window=2)  # last complete year 2023
    assert (y["window_start"].iloc[0], y["window_end"].iloc[0]) == (2022, 2023)
    assert y["demand_ha_per_year"].iloc[0] == pytest.approx(1.0)


def test_years_of_supply_at(sites: gpd.GeoDataFrame) -> None:
    # at 01.01.2023: window 2018–2022, take-up only S5 (3 ha) -> 0.6; R = 19.5,
    # R0 = S1 + S7 (taken up 2025, available then) = 2 (S8 is firm-held)
    y = land.years_of_supply(sites, at="01.01.2023")
    row = y.loc["observed"]
    assert (row["window_start"], row["window_end"]) == (2018, 2022)
    assert row["demand_ha_per_year"] == pytest.approx(0.6)
    assert row["years_net"] == pytest.approx(2 / 0.6)
    assert row["years_gross"] == pytest.approx(19.5 / 0.6)


def test_years_of_supply_unbounded(sites: gpd.GeoDataFrame) -> None:
    y = land.years_of_supply(sites, end=2030, demand_ha_per_year={"null": 0})
    assert y["unbounded"].tolist() == [True, True]
    assert math.isinf(y.loc["observed", "years_net"])
    assert math.isinf(y.loc["null", "years_gross"])
    no_take_up = sites[sites["status"] != "taken_up"]
    y = land.years_of_supply(no_take_up, at="30.06.2025")
    assert bool(y.loc["observed", "unbounded"])
    assert y.loc["observed", "window_start"] == 2020
    # no reserve at all: 0 years, even without take-up
    y = land.years_of_supply(sites[sites["status"] == "reserved"], end=2030)
    assert y.loc["observed", "years_gross"] == 0.0


def test_years_of_supply_bad_input(sites: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="window"):
        land.years_of_supply(sites, window=0)
    with pytest.raises(ValueError, match="window"):
        land.years_of_supply(sites, window=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="IHK"):
        land.years_of_supply(sites, demand_ha_per_year={"IHK": -3})
    with pytest.raises(ValueError, match="observed"):
        land.years_of_supply(sites, demand_ha_per_year={"observed": 3})
    with pytest.raises(ValueError, match="number"):
        land.years_of_supply(sites, demand_ha_per_year={"x": "viel"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="date"):
        land.years_of_supply(sites, at="gestern")
    with pytest.raises(ValueError, match="window"):
        land.years_of_supply(sites, window=0, end=2025)


# ---------------------------------------------------------------------------- large sites, zones


def test_large_sites(sites: gpd.GeoDataFrame) -> None:
    big = land.large_sites(sites)
    assert big["site_id"].tolist() == ["S8", "S2"]  # 10 ha, exactly 5 ha
    np.testing.assert_allclose(big["area_ha"], [10.0, 5.0])
    assert isinstance(big, gpd.GeoDataFrame)
    at = land.large_sites(sites, min_ha=2, at="2023-01-01")
    assert at["site_id"].tolist() == ["S8", "S2", "S6"]
    assert at["status"].tolist() == ["available"] * 3
    with pytest.raises(ValueError, match="min_ha"):
        land.large_sites(sites, min_ha=-1)


def test_core_zone_share(sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame) -> None:
    s = land.core_zone_share(sites, core_zones)
    assert list(s.index) == ["reserve", "reserve_free", "firm_reserve", "take_up"]
    # reserve 16.5 ha: S1 (1, fully inside) and S8 (10, exactly half inside: min_share 0.5)
    # count with their whole area -> 11 inside; S2 + S3 = 5.5 outside
    np.testing.assert_allclose(s.loc["reserve"], [16.5, 11.0, 5.5, 11 / 16.5])
    # restriction-free reserve without firm-held land: S1 only
    np.testing.assert_allclose(s.loc["reserve_free"], [1.0, 1.0, 0.0, 1.0])
    np.testing.assert_allclose(s.loc["firm_reserve"], [10.0, 10.0, 0.0, 1.0])
    # take-up S5 (3, outside) + S6 (2) + S7 (1); Z2 spans x -10..500, y 990..1510, so S6
    # (x 0..200, y 1000..1100) and S7 (x 0..100, y 1200..1300) lie fully inside: 3 of 6 ha
    np.testing.assert_allclose(s.loc["take_up"], [6.0, 3.0, 3.0, 0.5])
    s = land.core_zone_share(sites, core_zones, start=2024, end=2025)
    np.testing.assert_allclose(s.loc["take_up"], [1.0, 1.0, 0.0, 1.0])


def test_core_zone_share_overlapping_zones_not_double_counted(
    sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame
) -> None:
    doubled = pd.concat([core_zones, core_zones.assign(zone_id=["Z3", "Z4"])], ignore_index=True)
    s = land.core_zone_share(sites, gpd.GeoDataFrame(doubled, crs=CRS))
    assert s.loc["reserve", "inside_ha"] == pytest.approx(11.0)


# ---------------------------------------------------------------------------- invariants


@st.composite
def site_layers(draw: st.DrawFn) -> gpd.GeoDataFrame:
    n = draw(st.integers(min_value=0, max_value=25))
    rows = []
    for i in range(n):
        w = draw(st.floats(min_value=1, max_value=800, allow_nan=False))
        h = draw(st.floats(min_value=1, max_value=400, allow_nan=False))
        status = draw(st.sampled_from(["available", "reserved", "taken_up"]))
        year = draw(st.integers(min_value=2015, max_value=2025))
        rows.append(
            {
                "site_id": f"S{i}",
                "status": status,
                "restriction": draw(st.sampled_from(["none", "minor", "major"])),
                "taken_up_on": pd.Timestamp(year, 6, 1) if status == "taken_up" else pd.NaT,
                "brownfield": draw(st.sampled_from([True, False, None])),
                "owner_type": draw(st.sampled_from(["public", "private", "firm_reserve", None])),
                "planning_basis": draw(st.sampled_from(["B-Plan", "FNP", "none"])),
                "geometry": rect(i * 1000, 0, w, h),
            }
        )
    cols = [
        "site_id",
        "status",
        "restriction",
        "taken_up_on",
        "brownfield",
        "owner_type",
        "planning_basis",
        "geometry",
    ]
    df = pd.DataFrame(rows, columns=cols)
    df["taken_up_on"] = pd.to_datetime(df["taken_up_on"])
    return gpd.GeoDataFrame(df, geometry="geometry", crs=CRS)


_ZONES = gpd.GeoDataFrame(
    {"zone_id": ["Z1", "Z2"], "name": ["a", "b"], "category": ["A", "A"]},
    geometry=[rect(-50, -50, 5000, 300), rect(8000, 100, 9000, 1000)],
    crs=CRS,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=site_layers())
def test_reserve_groupings_sum_to_total(layer: gpd.GeoDataFrame) -> None:
    area = layer.geometry.area / 10_000
    expected_total = float(area[layer["status"] == "available"].sum())
    for by in (
        "restriction",
        "size_class",
        "brownfield",
        "owner_type",
        "planning_basis",
        "core_zone",
        "core_zone_category",
        None,
    ):
        r = land.reserves(layer, by=by, core_zones=_ZONES)  # type: ignore[arg-type]
        groups = r.drop(index="total")
        assert r.loc["total", "reserve_ha"] == pytest.approx(expected_total)
        assert groups["reserve_ha"].sum() == pytest.approx(expected_total)
        assert groups["sites"].sum() == int((layer["status"] == "available").sum())
        if expected_total > 0:
            assert groups["reserve_share"].sum() == pytest.approx(1.0)
            assert (groups["reserve_share"] >= 0).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=site_layers(), window=st.integers(min_value=1, max_value=8))
def test_take_up_and_supply_invariants(layer: gpd.GeoDataFrame, window: int) -> None:
    area = layer.geometry.area / 10_000
    taken = layer["status"] == "taken_up"
    t = land.take_up(layer, end=2100)  # every year (no reference date: nothing left out)
    assert t.sum() == pytest.approx(float(area[taken].sum()))
    if len(t):
        assert list(t.index) == list(range(t.index.min(), t.index.max() + 1))
    y = land.years_of_supply(layer, window=window, end=2025)
    years = layer.loc[taken, "taken_up_on"].dt.year
    in_window = taken & layer["taken_up_on"].dt.year.between(2026 - window, 2025)
    mean = float(area[in_window].sum()) / window
    assert len(years) == int(taken.sum())
    assert y.loc["observed", "demand_ha_per_year"] == pytest.approx(mean)
    assert (
        y.loc["observed", "restriction_free_reserve_ha"] <= y.loc["observed", "reserve_ha"] + 1e-9
    )
    assert y.loc["observed", "years_net"] <= y.loc["observed", "years_gross"] or math.isinf(
        y.loc["observed", "years_gross"]
    )


# ---------------------------------------------------------------------------- sample data


def test_sample_headline_figures_match_plain_geopandas() -> None:
    sites = gpd.read_file(SAMPLE, layer="sites")
    assert sites.crs is not None
    assert sites.crs.to_epsg() == 25832
    ha = sites.geometry.area / 10_000
    avail = sites["status"] == "available"
    reserve = float(ha[avail].sum())
    free = avail & (sites["restriction"] == "none") & (sites["owner_type"] != "firm_reserve")
    reserve_free = float(ha[free].sum())
    taken_on = pd.to_datetime(sites["taken_up_on"])
    in_window = (sites["status"] == "taken_up") & taken_on.dt.year.between(2021, 2025)
    mean_take_up = float(ha[in_window].sum()) / 5

    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = land.reserves(city.sites)
        y = land.years_of_supply(city.sites, end=2025)
    assert r.loc["total", "reserve_ha"] == pytest.approx(reserve, rel=1e-9)
    assert r.loc["none", "marketable_reserve_ha"] == pytest.approx(reserve_free, rel=1e-9)
    row = y.loc["observed"]
    assert (row["window_start"], row["window_end"]) == (2021, 2025)
    assert row["demand_ha_per_year"] == pytest.approx(mean_take_up, rel=1e-9)
    if mean_take_up > 0:
        assert row["years_net"] == pytest.approx(reserve_free / mean_take_up, rel=1e-9)
    assert reserve > 0


# ---------------------------------------------------------------------------- issue 9: dates


def two_sites() -> gpd.GeoDataFrame:
    """T1 available (1 ha); T2 (2 ha) taken up on 1 April 2025 — between 5 March and 3 May."""
    df = pd.DataFrame(
        {
            "site_id": ["T1", "T2"],
            "status": ["available", "taken_up"],
            "restriction": ["none", "none"],
            "owner_type": ["public", "public"],
            "taken_up_on": pd.to_datetime([None, "2025-04-01"]),
        }
    )
    return gpd.GeoDataFrame(df, geometry=[rect(0, 0, 100, 100), rect(0, 200, 200, 100)], crs=CRS)


def test_german_and_iso_dates_are_the_same_day() -> None:
    s = two_sites()
    # 5 March 2025: T2 not yet taken up -> 1 + 2 = 3 ha (reading "05.03." as 3 May gives 1 ha)
    for at in ("05.03.2025", "2025-03-05", "5.3.2025"):
        r = land.reserves(s, at=at)
        assert r.loc["total", "reserve_ha"] == pytest.approx(3.0), at
        assert land.status_at(s, at=at).tolist() == ["available", "available"]
        y = land.years_of_supply(s, at=at)
        assert y.loc["observed", "restriction_free_reserve_ha"] == pytest.approx(3.0)
        assert land.large_sites(s, min_ha=2, at=at)["site_id"].tolist() == ["T2"]
        zones = gpd.GeoDataFrame({"zone_id": ["Z"]}, geometry=[rect(-10, 150, 300, 200)], crs=CRS)
        c = land.core_zone_share(s, zones, at=at)
        assert c.loc["reserve", "inside_ha"] == pytest.approx(2.0)
    assert land.reserves(s, at="03.05.2025").loc["total", "reserve_ha"] == pytest.approx(1.0)


def test_german_date_on_sample_matches_plain_pandas() -> None:
    sites = gpd.read_file(SAMPLE, layer="sites")
    ha = sites.geometry.area / 10_000
    taken_on = pd.to_datetime(sites["taken_up_on"])
    at = pd.Timestamp(2025, 3, 5)
    avail = (sites["status"] == "available") | ((sites["status"] == "taken_up") & (taken_on > at))
    expected = float(ha[avail].sum())
    city = gi.load_sample("dortmund")
    german = land.reserves(city.sites, at="05.03.2025").loc["total", "reserve_ha"]
    iso = land.reserves(city.sites, at="2025-03-05").loc["total", "reserve_ha"]
    assert german == pytest.approx(expected, rel=1e-12)
    assert iso == pytest.approx(expected, rel=1e-12)
    assert round(expected, 2) == 154.25


@pytest.mark.parametrize(
    "call",
    [
        lambda s: land.reserves(s, at=2025),
        lambda s: land.status_at(s, at=2025),
        lambda s: land.years_of_supply(s, at=2025),
        lambda s: land.large_sites(s, at=2025),
        lambda s: land.core_zone_share(s, s.iloc[:1].assign(zone_id="Z"), at=2025),
    ],
)
def test_int_date_is_an_error(sites: gpd.GeoDataFrame, call) -> None:
    with pytest.raises(gi.dates.DateError, match=r"DD\.MM\.YYYY"):
        call(sites)


def test_year_arguments_take_ints_and_dates(sites: gpd.GeoDataFrame) -> None:
    a = land.take_up(sites, start=2021, end=2023)
    b = land.take_up(sites, start="01.01.2021", end="2023-12-31")
    pd.testing.assert_series_equal(a, b)
    with pytest.raises(gi.dates.DateError, match="two-digit"):
        land.take_up(sites, start="01.01.21")


# ---------------------------------------------------------------------------- issue 9: take-up window


def test_window_ends_at_last_complete_year_before_reference(sites: gpd.GeoDataFrame) -> None:
    # take-up: 2021 3 ha, 2023 2 ha, 2025 (01.02.) 1 ha
    for at, window in (
        ("30.06.2025", (2020, 2024)),
        ("01.01.2025", (2020, 2024)),
        ("31.12.2024", (2020, 2024)),
        ("01.03.2026", (2021, 2025)),  # the latest take-up (2025) does not decide the window
    ):
        y = land.years_of_supply(sites, at=at)
        row = y.loc["observed"]
        assert (row["window_start"], row["window_end"]) == window, at
    # 2021–2025: (3 + 0 + 2 + 0 + 1) / 5 = 1.2
    y = land.years_of_supply(sites, at="01.03.2026")
    assert y.loc["observed", "demand_ha_per_year"] == pytest.approx(1.2)
    # take-up after the reference date is ignored
    y = land.years_of_supply(sites, at="31.12.2024")
    assert y.loc["observed", "window_end"] == 2024


def test_city_meta_as_of_is_the_reference(sites: gpd.GeoDataFrame) -> None:
    city = gi.City(sites=sites, meta={"as_of": "2025-06-30"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = land.years_of_supply(city)
    assert (y.loc["observed", "window_start"], y.loc["observed", "window_end"]) == (2020, 2024)
    assert y.attrs["reference"] == "city.meta['as_of']"
    pd.testing.assert_frame_equal(y, land.years_of_supply(sites, at="30.06.2025"))


def test_bare_layer_without_reference_warns_with_assumed_date(
    sites: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gi.dates, "today", lambda: pd.Timestamp(2026, 3, 1))
    with pytest.warns(GeoinnenstadtWarning, match=r"assumes today, 01\.03\.2026"):
        y = land.years_of_supply(sites)
    assert (y.loc["observed", "window_start"], y.loc["observed", "window_end"]) == (2021, 2025)
    assert y.attrs["reference"] == "today"


def test_take_up_marks_partial_year(sites: gpd.GeoDataFrame) -> None:
    t = land.take_up(sites, at="30.06.2025", end=2025)  # the partial year asked for
    assert list(t.index) == [2021, 2022, 2023, 2024, 2025]
    assert t.attrs["partial_year"] == 2025
    assert t.attrs["complete_through"] == 2024
    assert t.attrs["reference_date"] == pd.Timestamp(2025, 6, 30)
    table = land.take_up_by_year(sites, at="30.06.2025")
    assert table["partial"].tolist() == [False, False, False, False, True]
    np.testing.assert_allclose(table["take_up_ha"], [3, 0, 2, 0, 1])
    full = land.take_up_by_year(sites, at="30.06.2025", include_partial=False)
    assert list(full.index) == [2021, 2022, 2023, 2024]
    # on 31 December the year is complete; at= drops later take-up
    t = land.take_up(sites, at="31.12.2024")
    assert list(t.index) == [2021, 2022, 2023, 2024]
    assert t.attrs["partial_year"] is None
    city = gi.City(sites=sites, meta={"as_of": "2025-06-30"})
    assert land.take_up_by_year(city).attrs["partial_year"] == 2025


def test_take_up_ends_at_the_last_complete_year_and_warns_about_the_partial_one(
    sites: gpd.GeoDataFrame,
) -> None:
    """Issue 19: take_up counted the half-year 2025 as complete ("Mittel 2021–2025")."""
    # by hand: S5 3 ha (01.03.2021), S6 2 ha (15.07.2023), S7 1 ha (01.02.2025)
    for source in (
        lambda: land.take_up(sites, at="30.06.2025"),
        lambda: land.take_up(gi.City(sites=sites, meta={"as_of": "2025-06-30"})),
    ):
        with pytest.warns(
            GeoinnenstadtWarning, match=r"1\.00 ha taken up in the partial year 2025"
        ):
            t = source()
        assert t.index.tolist() == [2021, 2022, 2023, 2024]  # as years_of_supply's window end
        assert t.round(9).tolist() == [3.0, 0.0, 2.0, 0.0]
        assert t.attrs["partial_year"] is None
    y = land.years_of_supply(sites, at="30.06.2025")
    assert int(y.loc["observed", "window_end"]) == t.index[-1]
    # nothing taken up in the partial year yet: nothing left out, no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = land.take_up(sites, at="31.01.2025")
    assert t.round(9).tolist() == [3.0, 0.0, 2.0, 0.0]
    # a bare layer without a reference date assumes today, with the warning of years_of_supply
    with pytest.warns(GeoinnenstadtWarning, match="assumes today"):
        land.take_up(sites)


# ---------------------------------------------------------------------------- issue 9: core zones


def share_fixture() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    zones = gpd.GeoDataFrame(
        {"zone_id": ["Z1", "Z2"], "name": ["a", "b"], "category": ["A", "B"]},
        geometry=[rect(0, 0, 100, 300), rect(100, 0, 100, 300)],
        crs=CRS,
    )
    rows = [
        ("P1", rect(70, 0, 100, 100)),  # 1 ha: 30 % Z1, 70 % Z2 -> inside, Z2
        ("P2", rect(-60, 100, 100, 100)),  # 1 ha: 40 % in Z1 -> outside at 0.5
        ("P3", rect(-40, 200, 100, 100)),  # 1 ha: 60 % in Z1 -> inside, Z1
        ("P4", rect(500, 0, 200, 100)),  # 2 ha: outside
        ("P5", rect(60, 200, 80, 100)),  # 0.8 ha: half in Z1, half in Z2 -> tie -> Z1
    ]
    sites = gpd.GeoDataFrame(
        {
            "site_id": [r[0] for r in rows],
            "status": "available",
            "restriction": "none",
            "owner_type": "public",
        },
        geometry=[r[1] for r in rows],
        crs=CRS,
    )
    return sites, zones


def test_core_zone_one_definition_by_area_share() -> None:
    sites, zones = share_fixture()
    # Z1: P3 + P5 = 1.8 ha; Z2: P1 = 1 ha; outside: P2 + P4 = 3 ha (hand arithmetic)
    r = land.reserves(sites, by="core_zone", core_zones=zones)
    np.testing.assert_allclose(r["reserve_ha"], [1.0 + 0.8, 1.0, 1.0 + 2.0, 5.8])
    assert r["sites"].tolist() == [2, 1, 2, 5]
    s = land.core_zone_share(sites, zones)
    np.testing.assert_allclose(s.loc["reserve"], [5.8, 2.8, 3.0, 2.8 / 5.8])
    assert s.loc["reserve", "inside_ha"] == pytest.approx(
        r.drop(index=["outside", "total"])["reserve_ha"].sum()
    )
    # a lower threshold takes P2 (40 %) in, in both
    r = land.reserves(sites, by="core_zone", core_zones=zones, min_share=0.4)
    np.testing.assert_allclose(r["reserve_ha"], [2.8, 1.0, 2.0, 5.8])
    s = land.core_zone_share(sites, zones, min_share=0.4)
    assert s.loc["reserve", "inside_ha"] == pytest.approx(3.8)
    with pytest.raises(ValueError, match="min_share"):
        land.core_zone_share(sites, zones, min_share=0)


def test_core_zone_old_fixture_agrees(
    sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame
) -> None:
    r = land.reserves(sites, by="core_zone", core_zones=core_zones)
    s = land.core_zone_share(sites, core_zones)
    inside = float(r.loc[["Z1", "Z2"], "reserve_ha"].sum())
    assert inside == pytest.approx(11.0)
    assert s.loc["reserve", "inside_ha"] == pytest.approx(inside)


# ---------------------------------------------------------------------------- issue 9: firm reserves


def test_firm_reserves_reported_beside_free_reserve(sites: gpd.GeoDataFrame) -> None:
    r = land.reserves(sites)
    assert r.columns.tolist() == [
        "sites",
        "reserve_ha",
        "reserve_share",
        "marketable_reserve_ha",
        "firm_reserve_ha",
    ]
    # S8 (10 ha, none) is firm-held; S1 1 ha none, S2 5 ha minor, S3 0.5 ha major are free
    np.testing.assert_allclose(r["reserve_ha"], [11.0, 5.0, 0.5, 16.5])
    np.testing.assert_allclose(r["marketable_reserve_ha"], [1.0, 5.0, 0.5, 6.5])
    np.testing.assert_allclose(r["firm_reserve_ha"], [10.0, 0.0, 0.0, 10.0])
    y = land.years_of_supply(sites, end=2025)  # Ī 2021–2025 = 1.2
    assert y.loc["observed", "restriction_free_reserve_ha"] == pytest.approx(1.0)
    assert y.loc["observed", "firm_reserve_ha"] == pytest.approx(10.0)
    assert y.loc["observed", "years_net"] == pytest.approx(1.0 / 1.2)
    y = land.years_of_supply(sites, end=2025, include_firm_reserves=True)
    assert y.loc["observed", "restriction_free_reserve_ha"] == pytest.approx(11.0)
    assert y.loc["observed", "years_net"] == pytest.approx(11.0 / 1.2)
    assert y.loc["observed", "reserve_ha"] == pytest.approx(16.5)  # R always includes them
    core = gpd.GeoDataFrame({"zone_id": ["Z"]}, geometry=[rect(-10, -10, 5000, 5000)], crs=CRS)
    s = land.core_zone_share(sites, core, include_firm_reserves=True)
    assert s.loc["reserve_free", "total_ha"] == pytest.approx(11.0)
    bad = sites.copy()
    bad["owner_type"] = bad["owner_type"].astype(object)
    bad.loc[1, "owner_type"] = "Firma"
    with pytest.raises(SchemaError, match="S2"):
        land.reserves(bad)


# ---------------------------------------------------------------------------- issue 9: geometry


def test_bow_tie_site_counts_its_area_with_a_warning(sites: gpd.GeoDataFrame) -> None:
    from shapely.geometry import Polygon

    # two triangles with a 100 m base and 100 m height: 2 × 5000 m² = 1 ha; shoelace area 0
    bow = Polygon([(X0, Y0 + 3000), (X0 + 200, Y0 + 3100), (X0 + 200, Y0 + 3000), (X0, Y0 + 3100)])
    assert not bow.is_valid
    assert bow.area == 0
    extra = gpd.GeoDataFrame(
        {"site_id": ["B1"], "status": ["available"], "restriction": ["none"]},
        geometry=[bow],
        crs=CRS,
    )
    layer = gpd.GeoDataFrame(pd.concat([sites, extra], ignore_index=True), crs=CRS)
    with pytest.warns(GeoinnenstadtWarning, match="B1"):
        r = land.reserves(layer)
    assert r.loc["total", "reserve_ha"] == pytest.approx(17.5)
    with pytest.warns(GeoinnenstadtWarning, match="Self-intersection"):
        assert land.site_areas(layer).iloc[-1] == pytest.approx(1.0)


def test_non_polygon_sites_are_named(sites: gpd.GeoDataFrame) -> None:
    from shapely.geometry import Point

    bad = sites.copy()
    bad.loc[3, "geometry"] = Point(X0, Y0)
    with pytest.raises(SchemaError, match="S4"):
        land.reserves(bad)


# ---------------------------------------------------------------------------- issue 19: column names


def test_reserve_columns_say_what_they_mean_and_old_names_warn(sites: gpd.GeoDataFrame) -> None:
    """Issue 19: reserves()["free_reserve_ha"] and years_of_supply()["reserve_free_ha"] meant
    different things under near-identical names."""
    r = land.reserves(sites, at="30.06.2025")
    y = land.years_of_supply(sites, at="30.06.2025")
    # by hand: available S1 1 ha (none), S2 5 ha (minor), S3 0.5 ha (major), S8 10 ha (none, firm)
    assert r.loc["total", "marketable_reserve_ha"] == pytest.approx(6.5)  # net of firm-held land
    assert y.loc["observed", "restriction_free_reserve_ha"] == pytest.approx(1.0)  # R₀: S1 only
    assert "free_reserve_ha" not in r.columns
    assert "reserve_free_ha" not in y.columns
    # the old names still work for one release, with a FutureWarning naming the new one
    with pytest.warns(FutureWarning, match="'marketable_reserve_ha'"):
        assert r["free_reserve_ha"].tolist() == r["marketable_reserve_ha"].tolist()
    with pytest.warns(FutureWarning, match="'restriction_free_reserve_ha'"):
        assert y.loc["observed", "reserve_free_ha"] == pytest.approx(1.0)
    with pytest.warns(FutureWarning, match="renamed"):
        assert y.loc["observed"]["reserve_free_ha"] == pytest.approx(1.0)
    # the land panel hands out copies that keep the old names working
    panel = land.panel(sites, at="30.06.2025")
    with pytest.warns(FutureWarning, match="renamed"):
        assert panel.reserves()["free_reserve_ha"]["total"] == pytest.approx(6.5)
    with pytest.warns(FutureWarning, match="renamed"):
        assert panel.years_of_supply["reserve_free_ha"].iloc[0] == pytest.approx(1.0)
    # the labels of the tables name both
    assert gi.labels.label("marketable_reserve_ha", "de") == "frei vermarktbar (ha)"
    assert gi.labels.label("restriction_free_reserve_ha", "de") == (
        "restriktionsfreie Reserve R₀ (ha)"
    )
