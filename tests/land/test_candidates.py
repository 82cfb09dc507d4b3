"""``gi.land.core_zone_candidates``: commercial plan areas with reserves, not yet core zones.

A hand-built plan of 100 m × 100 m areas (1 ha each) in EPSG:25832 with sites whose parts
inside each area are written out by hand; the expected hectares are sums of those parts.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd
import pytest
from helpers import FIXTURES
from shapely.geometry import Polygon, box

import geoinnenstadt as gi
from geoinnenstadt.errors import CRSError, SchemaError

X, Y = 390_000.0, 5_710_000.0


def b(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    return box(X + x0, Y + y0, X + x1, Y + y1)


@pytest.fixture
def plan() -> gpd.GeoDataFrame:
    rows = [
        ("A1", "landuse", "GE", b(0, 0, 100, 100)),
        ("A2", "landuse", "GI", b(200, 0, 300, 100)),
        ("A3", "landuse", "G", b(400, 0, 500, 100)),  # gewerbliche Baufläche of an FNP
        ("A4", "landuse", "W", b(600, 0, 700, 100)),  # not commercial
        ("A5", "landuse", "GE", b(0, 200, 100, 300)),  # 60 % inside a core zone
        ("A6", "landuse", "GE", b(200, 200, 300, 300)),  # 40 % inside a core zone
        ("D1", "district", None, b(-50, -50, 800, 400)),  # no land use: never a candidate
    ]
    return gpd.GeoDataFrame(
        {
            "context_id": [r[0] for r in rows],
            "category": [r[1] for r in rows],
            "landuse": pd.array([r[2] for r in rows], dtype="string"),
        },
        geometry=[r[3] for r in rows],
        crs="EPSG:25832",
    )


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    rows = [  # id, status, taken_up_on, geometry; ha inside the areas in the comment
        ("S1", "available", None, b(0, 0, 50, 100)),  # A1: 0.5
        ("S2", "available", None, b(80, 0, 120, 50)),  # A1: 20 × 50 = 0.1 (half outside)
        ("S3", "taken_up", "2020-03-01", b(260, 0, 300, 100)),  # A2: taken up long ago
        ("S4", "reserved", None, b(430, 0, 500, 100)),  # A3: reserved, no reserve
        ("S5", "available", None, b(400, 0, 430, 100)),  # A3: 0.3
        ("S6", "available", None, b(600, 0, 700, 50)),  # A4 (W): not commercial
        ("S7", "available", None, b(0, 250, 40, 300)),  # A5 (core zone): 0.2
        ("S8", "available", None, b(200, 250, 300, 300)),  # A6: 0.5
        ("S9", "taken_up", "2025-06-01", b(200, 0, 260, 100)),  # A2: 0.6 available until 2025
    ]
    return gpd.GeoDataFrame(
        {
            "site_id": [r[0] for r in rows],
            "status": [r[1] for r in rows],
            "restriction": "none",
            "taken_up_on": pd.to_datetime([r[2] for r in rows]),
        },
        geometry=[r[3] for r in rows],
        crs="EPSG:25832",
    )


@pytest.fixture
def core_zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"zone_id": ["K1", "K2"], "name": ["Nord", "Ost"], "category": ["A", "B"]},
        geometry=[b(0, 240, 100, 300), b(260, 200, 300, 300)],  # 60 % of A5, 40 % of A6
        crs="EPSG:25832",
    )


def _table(out: gpd.GeoDataFrame) -> list[tuple[str, float, int, str]]:
    return [(r.area_id, round(r.reserve_ha, 9), r.sites, r.site_ids) for r in out.itertuples()]


def test_candidates_hold_reserves_and_are_no_core_zone(plan, sites, core_zones) -> None:
    out = gi.land.core_zone_candidates(plan, sites, core_zones=core_zones)
    assert _table(out) == [
        ("A1", 0.6, 2, "S1, S2"),
        ("A6", 0.5, 1, "S8"),
        ("A3", 0.3, 1, "S5"),
    ]
    assert out["landuse"].tolist() == ["GE", "GE", "G"]
    assert out["area_ha"].round(9).tolist() == [1.0, 1.0, 1.0]
    assert out["reserve_share"].round(9).tolist() == [0.6, 0.5, 0.3]
    assert out["core_zone_share"].round(9).tolist() == [0.0, 0.4, 0.0]
    assert out.crs.to_epsg() == 25832
    assert out.attrs["commercial_areas"] == 5  # A1, A2, A3, A5, A6
    assert out.attrs["core_zone_areas"] == 1  # A5


def test_reference_date_counts_later_take_up_as_reserve(plan, sites, core_zones) -> None:
    out = gi.land.core_zone_candidates(plan, sites, core_zones=core_zones, at="31.12.2024")
    assert _table(out) == [  # tie at 0.6 ha: lower id first
        ("A1", 0.6, 2, "S1, S2"),
        ("A2", 0.6, 1, "S9"),
        ("A6", 0.5, 1, "S8"),
        ("A3", 0.3, 1, "S5"),
    ]
    assert out.attrs["at"] == "2024-12-31"


def test_options(plan, sites, core_zones) -> None:
    big = gi.land.core_zone_candidates(plan, sites, core_zones=core_zones, min_reserve_ha=0.4)
    assert big["area_id"].tolist() == ["A1", "A6"]
    ge_only = gi.land.core_zone_candidates(plan, sites, core_zones=core_zones, landuse=["GE"])
    assert ge_only["area_id"].tolist() == ["A1", "A6"]
    no_zones = gi.land.core_zone_candidates(plan, sites)
    assert _table(no_zones)[-1] == ("A5", 0.2, 1, "S7")
    assert no_zones["core_zone_share"].eq(0).all()
    strict = gi.land.core_zone_candidates(plan, sites, core_zones=core_zones, min_share=0.7)
    assert "A5" in set(strict["area_id"])  # 60 % inside is no core zone at 0.7


def test_plan_read_with_read_xplan(sites) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.ReadWarning)
        fnp = gi.read_xplan(FIXTURES / "xplan" / "fplan_5-1_municipal.gml")
    x, y = 395_000.0, 5_710_000.0
    extra = gpd.GeoDataFrame(
        {"site_id": ["T1", "T2"], "status": ["available", "available"]},
        geometry=[
            box(x + 140, y + 30, x + 160, y + 50),  # GI with a hole: 400 − 100 m² = 0.03 ha
            box(x + 350, y + 0, x + 450, y + 10),  # G: 50 × 10 = 0.05 ha, the rest in water
        ],
        crs="EPSG:25832",
    )
    out = gi.land.core_zone_candidates(fnp, extra)
    gml = "GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a"
    assert _table(out) == [(gml + "14", 0.05, 1, "T2"), (gml + "13", 0.03, 1, "T1")]
    assert out["landuse"].tolist() == ["G", "GI"]


def test_bad_input(plan, sites) -> None:
    with pytest.raises(SchemaError, match="no landuse column"):
        gi.land.core_zone_candidates(plan.drop(columns="landuse"), sites)
    bow_tie = Polygon([(X, Y), (X + 10, Y + 10), (X + 10, Y), (X, Y + 10)])
    broken = plan.copy()
    broken.loc[0, "geometry"] = bow_tie
    with pytest.raises(SchemaError, match=r"invalid polygon \(A1\).*repair"):
        gi.land.core_zone_candidates(broken, sites)
    with pytest.raises(CRSError):
        gi.land.core_zone_candidates(plan.to_crs(4326), sites)
    with pytest.raises(ValueError, match="min_share"):
        gi.land.core_zone_candidates(plan, sites, min_share=0)


def test_a_city_gives_its_sites_date_and_core_zones(plan, sites, core_zones) -> None:
    city = gi.City(
        sites=sites,
        core_zones=core_zones,
        meta={"name": "Teststadt", "as_of": "2024-12-31", "synthetic": True},
    )
    out = gi.land.core_zone_candidates(plan, city)
    assert out["area_id"].tolist() == ["A1", "A2", "A6", "A3"]  # S9 available at 31.12.2024
    assert out.attrs["at"] == "2024-12-31"
    assert out.attrs["core_zone_areas"] == 1
