"""The bundled synthetic sample cities (sample_data/*.gpkg) and their generator."""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt.schema import USE_CATEGORY

SAMPLE_DIR = ROOT / "sample_data"
NAMES = ["dorsten", "dortmund", "duesseldorf"]
DORTMUND_QUARTERS = {
    "Katharinenviertel",
    "Brückviertel",
    "Klosterviertel",
    "Boulevard Kampstraße",
    "Hellweg",
    "Altstadt am Alten Markt",
    "Hansaviertel",
    "Rosenviertel",
    "Grüne Stadtbühne",
}
SURVEYS = pd.to_datetime(["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"])
# written independently of geoinnenstadt.schema: Land 2, Gemarkung 4, Flur 3, Zähler 5, Nenner 4, Folge 2
KENNZEICHEN = re.compile(r"^05\d{4}\d{3}\d{5}(\d{4}|_{4})__$")


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_gi_sample_generator", SAMPLE_DIR / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def samples() -> dict[str, gi.City]:
    return {name: gi.load_sample(name) for name in NAMES}


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load_generator()


@pytest.fixture(scope="module")
def regenerated(
    generator: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[gi.City, Path]]:
    out = tmp_path_factory.mktemp("samples")
    generator.main(["--out", str(out)])
    return {name: (generator.build(name), out / f"{name}.gpkg") for name in NAMES}


# --------------------------------------------------------------------------- all samples


def test_list_samples() -> None:
    assert gi.list_samples() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_layer_validates_clean(samples: dict[str, gi.City], name: str) -> None:
    city = samples[name]
    assert city.layers(), name
    for kind, gdf in city.layers().items():
        report = gi.validate(gdf, kind)
        assert report.ok, f"{name}:{kind}\n{report}"
        assert report.warnings.empty, f"{name}:{kind}\n{report}"
        if not gi.schema.spec(kind).has_geometry:  # requests: a plain table
            assert type(gdf) is pd.DataFrame, kind
            continue
        assert gdf.crs is not None
        assert gdf.crs.to_epsg() == 25832


@pytest.mark.parametrize("name", NAMES)
def test_meta_says_synthetic(samples: dict[str, gi.City], name: str) -> None:
    meta = samples[name].meta
    assert meta["synthetic"] is True
    assert meta["license"] == "CC0-1.0"
    assert meta["as_of"] == "2025-06-30"
    assert "keine amtlichen Daten" in meta["source"]
    assert meta["generator"] == "sample_data/generate.py"
    assert {"generator_version", "seed", "crs", "description", "note"} <= set(meta)


@pytest.mark.parametrize("name", NAMES)
def test_units_panel_is_consistent(samples: dict[str, gi.City], name: str) -> None:
    u = samples[name].units
    assert sorted(u["survey_date"].unique()) == list(SURVEYS)
    assert not u.duplicated(["unit_id", "survey_date"]).any()
    vacant = u["status"] == "vacant"
    assert u.loc[vacant, "vacant_since"].notna().all()
    assert u.loc[~vacant, "vacant_since"].isna().all()
    assert (u.loc[vacant, "vacant_since"] <= u.loc[vacant, "survey_date"]).all()
    assert (u["floor_area_m2"] >= 40).all()
    assert (u["floor_area_m2"] <= 2000).all()
    # vacant_since is carried forward while a unit stays vacant
    p = u.sort_values(["unit_id", "survey_date"])
    prev_status = p.groupby("unit_id")["status"].shift()
    prev_since = p.groupby("unit_id")["vacant_since"].shift()
    stays = (p["status"] == "vacant") & (prev_status == "vacant")
    assert stays.any()
    assert (p.loc[stays, "vacant_since"] == prev_since[stays]).all()
    # static attributes do not change between surveys
    static = ["floor_area_m2", "address", "ground_floor", "location_class", "owner_name"]
    assert (p.groupby("unit_id")[static].nunique(dropna=False) == 1).all().all()
    # personal columns are kept in the sample on purpose, and are obviously fake
    assert u["owner_contact"].dropna().str.endswith("@example.invalid").all()
    assert u["owner_name"].notna().all()


# --------------------------------------------------------------------------- Dortmund


def test_dortmund_quarters(samples: dict[str, gi.City]) -> None:
    q = samples["dortmund"].quarters
    assert len(q) == 9
    assert set(q["name"]) == DORTMUND_QUARTERS
    assert q["quarter_id"].is_unique
    assert (q["profile"] == "illustrativ, nicht amtlich").all()
    assert shapely.coverage_is_valid(q.geometry.to_numpy())
    union = shapely.union_all(q.geometry.to_numpy())
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0
    assert q.area.sum() == pytest.approx(union.area, rel=1e-9)  # no overlaps
    minx, miny, maxx, maxy = union.bounds
    assert 1400 < maxx - minx < 1900
    assert 950 < maxy - miny < 1300
    # Katharinenviertel north-west, Rosenviertel south-east of the centre
    centre = union.centroid
    by_name = q.set_index("name").geometry.representative_point()
    assert by_name["Katharinenviertel"].x < centre.x
    assert by_name["Katharinenviertel"].y > centre.y
    assert by_name["Rosenviertel"].x > centre.x
    assert by_name["Rosenviertel"].y < centre.y


def test_dortmund_centre_is_at_the_real_city(samples: dict[str, gi.City]) -> None:
    centre = gpd.GeoSeries(
        [shapely.union_all(samples["dortmund"].quarters.geometry.to_numpy()).centroid], crs=25832
    )
    lonlat = centre.to_crs(4326).iloc[0]
    assert lonlat.x == pytest.approx(7.465, abs=0.01)
    assert lonlat.y == pytest.approx(51.514, abs=0.01)


def test_dortmund_units_panel(samples: dict[str, gi.City]) -> None:
    u = samples["dortmund"].units
    per_survey = u.groupby("survey_date")["unit_id"].nunique()
    assert per_survey.between(780, 830).all()
    assert per_survey.is_monotonic_increasing  # new units appear, none vanish
    share = (u["status"] == "vacant").groupby(u["survey_date"]).mean()
    assert share.between(0.08, 0.15).all(), share
    # long-term vacancies (> 12 months) exist
    v = u[u["status"] == "vacant"]
    assert ((v["survey_date"] - v["vacant_since"]).dt.days > 365).any()
    # categories and umlauts
    assert set(u["use"].dropna()) <= set(USE_CATEGORY)
    assert set(u["location_class"]) == {"1a", "1b", "2"}
    streets = u["address"].str.replace(r"\s+\d+$", "", regex=True)
    assert {"Westenhellweg", "Brückstraße", "Kampstraße", "Königswall"} <= set(streets)


def test_dortmund_relet_through_anmietungs_fonds(samples: dict[str, gi.City]) -> None:
    u = samples["dortmund"].units
    status = u.pivot(index="unit_id", columns="survey_date", values="status")
    fund = u.pivot(index="unit_id", columns="survey_date", values="fund")
    hits = 0
    for a, b in itertools.pairwise(SURVEYS):
        relet = (
            (status[a] == "vacant") & (status[b] == "occupied") & (fund[b] == "Anmietungs-Fonds")
        )
        hits += int(relet.sum())
    assert hits >= 1
    funded = u[u["fund"] == "Anmietungs-Fonds"]
    assert (funded["status"] == "occupied").all()
    assert funded["ground_floor"].all()
    assert (funded["floor_area_m2"] <= 300).all()


def test_dortmund_units_inside_exactly_one_quarter(samples: dict[str, gi.City]) -> None:
    city = samples["dortmund"]
    joined = gpd.sjoin(
        city.units, city.quarters[["quarter_id", "geometry"]], how="left", predicate="intersects"
    )
    counts = joined.groupby(level=0)["quarter_id"].count()
    assert len(counts) == len(city.units)
    assert (counts == 1).all()


def test_dortmund_sites_calibration(samples: dict[str, gi.City]) -> None:
    s = samples["dortmund"].sites
    ha = s.area / 10_000
    available = s["status"] == "available"
    assert 110 <= len(s) <= 130
    assert 140 <= ha[available].sum() <= 150
    assert 30 <= ha[available & (s["restriction"] == "none")].sum() <= 35
    taken = s[s["status"] == "taken_up"]
    years = taken["taken_up_on"].dt.year
    assert years.min() >= 2010
    assert years.max() <= 2025
    per_year = (taken.area / 10_000).groupby(years).sum().reindex(range(2021, 2026), fill_value=0)
    assert per_year.mean() == pytest.approx(13.0, abs=1.0)
    assert (ha >= 10).sum() >= 2
    assert ha.between(0.3, 8).mean() > 0.85
    # nothing in the centre, everything within the city area
    centre = shapely.union_all(samples["dortmund"].quarters.geometry.to_numpy()).centroid
    dist = s.centroid.distance(centre)
    assert dist.min() > 1500
    assert dist.max() < 12_000
    assert (
        not shapely.STRtree(s.geometry.to_numpy())
        .query(s.geometry.to_numpy(), predicate="overlaps")
        .size
    )


def test_dortmund_residential_near_some_sites(samples: dict[str, gi.City]) -> None:
    city = samples["dortmund"]
    res = shapely.union_all(city.residential.geometry.to_numpy())
    dist = city.sites.distance(res)
    assert (dist > 0).all()  # no site overlaps housing
    assert dist.between(100, 500).sum() >= 10
    assert set(city.residential["use"]) == {"residential", "mixed", "sensitive"}


# --------------------------------------------------------------------------- Düsseldorf


def test_duesseldorf_parcels(samples: dict[str, gi.City]) -> None:
    p = samples["duesseldorf"].parcels
    assert 4500 <= len(p) <= 5500
    assert p["parcel_id"].is_unique
    assert p["parcel_id"].map(lambda v: bool(KENNZEICHEN.match(v))).all()
    assert p["parcel_id"].str.len().eq(20).all()
    assert p["parcel_id"].str[-6:-2].eq("____").any()
    assert p["parcel_id"].str[-6:-2].ne("____").any()
    union = shapely.union_all(p.geometry.to_numpy())
    assert p.area.sum() == pytest.approx(union.area, rel=1e-7)  # no overlaps
    assert (p.area > 1).all()


def test_duesseldorf_zones_and_preemption(samples: dict[str, gi.City]) -> None:
    city = samples["duesseldorf"]
    z, pa = city.core_zones, city.preemption_areas
    assert 8 <= len(z) <= 12
    assert set(z["category"]) == {"A", "B", "C"}
    assert z["adopted_on"].notna().all()
    zones = shapely.union_all(z.geometry.to_numpy())
    assert z.area.sum() == pytest.approx(zones.area, rel=1e-9)  # zones do not overlap
    assert (pa["legal_basis"] == "§ 25 Abs. 1 Satz 1 Nr. 2 BauGB").all()
    assert pa["statute"].str.startswith("Satzung über ein besonderes Vorkaufsrecht").all()
    assert pa["in_force_since"].notna().all()
    share_in_zones = pa.geometry.intersection(zones).area / pa.area
    assert (share_in_zones > 0.5).all()
    # the statute areas lie within the parcel coverage, so parcels can be listed for them
    parcels = shapely.union_all(city.parcels.geometry.to_numpy())
    assert (pa.geometry.difference(parcels).area < 1.0).all()


def test_duesseldorf_sites(samples: dict[str, gi.City]) -> None:
    city = samples["duesseldorf"]
    s = city.sites
    assert 70 <= len(s) <= 90
    zones = shapely.union_all(city.core_zones.geometry.to_numpy())
    inside = s.geometry.intersection(zones).area / s.area > 0.99
    assert 10 <= inside.sum() < len(s)
    lonlat = s.centroid.to_crs(4326)
    assert lonlat.x.between(6.6, 6.95).all()
    assert lonlat.y.between(51.1, 51.35).all()


# --------------------------------------------------------------------------- Dorsten


def test_dorsten(samples: dict[str, gi.City]) -> None:
    city = samples["dorsten"]
    assert len(city.quarters) == 4
    assert shapely.coverage_is_valid(city.quarters.geometry.to_numpy())
    u = city.units
    assert u.groupby("survey_date")["unit_id"].nunique().between(140, 160).all()
    first_a = u[u["location_class"] == "1a"]["address"].str.replace(r"\s+\d+$", "", regex=True)
    assert set(first_a) <= {"Lippestraße", "Essener Straße", "Markt"}
    assert {"Lippestraße", "Essener Straße"} <= set(first_a)
    assert set(u["fund"].dropna()) == {"Altstadtfonds"}
    assert "Fußgängerzone" in city.meta["pedestrian_zone"]
    centre = gpd.GeoSeries(
        [shapely.union_all(city.quarters.geometry.to_numpy()).centroid], crs=25832
    )
    lonlat = centre.to_crs(4326).iloc[0]
    assert (lonlat.x, lonlat.y) == pytest.approx((6.965, 51.661), abs=0.005)


# --------------------------------------------------------------------------- geography (context)

DORTMUND_STADTBEZIRKE = {
    "Innenstadt-West", "Innenstadt-Nord", "Innenstadt-Ost", "Eving", "Scharnhorst", "Brackel",
    "Aplerbeck", "Hörde", "Hombruch", "Lütgendortmund", "Huckarde", "Mengede",
}  # fmt: skip
DORSTEN_STADTTEILE = {
    "Altstadt", "Feldmark", "Hardt", "Hervest", "Holsterhausen", "Östrich", "Wulfen", "Lembeck",
    "Rhade", "Deuten", "Altendorf-Ulfkotte",
}  # fmt: skip
CATEGORIES = {"city_boundary", "district", "landuse", "water", "rail", "road"}
# (centre lon, lat), E–W and N–S extent in km (from the issue), river
GEOGRAPHY = {
    "dortmund": ((7.465, 51.514), (21, 15), "Emscher"),
    "duesseldorf": ((6.80, 51.225), (15, 25), "Rhein"),
    "dorsten": ((6.99, 51.70), (18, 17), "Lippe"),
}


def _of(context: gpd.GeoDataFrame, category: str) -> gpd.GeoDataFrame:
    return context[context["category"] == category]


@pytest.mark.parametrize("name", NAMES)
def test_context_layer_validates_and_has_every_category(
    samples: dict[str, gi.City], name: str
) -> None:
    ctx = samples[name].context
    assert ctx is not None
    report = gi.validate(ctx, "context")
    assert report.ok, report
    assert report.warnings.empty, report
    assert set(ctx["category"]) == CATEGORIES
    assert ctx["context_id"].is_unique
    assert len(_of(ctx, "city_boundary")) == 1
    lines = ctx[ctx["category"].isin(["rail", "road"])]
    assert set(lines.geom_type) == {"LineString"}
    polys = ctx[ctx["category"].isin(["city_boundary", "district", "landuse"])]
    assert set(polys.geom_type) <= {"Polygon", "MultiPolygon"}
    assert _of(ctx, "landuse")["landuse"].notna().all()
    # modest: tens of land-use polygons, a few thousand vertices
    assert 10 <= len(_of(ctx, "landuse")) <= 150
    assert shapely.get_num_coordinates(ctx.geometry.to_numpy()).sum() < 20_000


@pytest.mark.parametrize("name", NAMES)
def test_city_boundary_is_at_the_real_city(samples: dict[str, gi.City], name: str) -> None:
    (lon, lat), (km_x, km_y), _ = GEOGRAPHY[name]
    boundary = _of(samples[name].context, "city_boundary")
    minx, miny, maxx, maxy = boundary.total_bounds
    assert (maxx - minx) / 1000 == pytest.approx(km_x, rel=0.25)
    assert (maxy - miny) / 1000 == pytest.approx(km_y, rel=0.2)
    centre = boundary.geometry.centroid.to_crs(4326).iloc[0]
    assert (centre.x, centre.y) == pytest.approx((lon, lat), abs=0.03)
    # every layer of the sample lies within the city
    outline = boundary.geometry.iloc[0]
    for kind in ("quarters", "sites", "core_zones", "residential"):
        gdf = samples[name].layers().get(kind)
        if gdf is not None:
            assert outline.covers(gdf.geometry).all(), kind


def test_district_names(samples: dict[str, gi.City]) -> None:
    dortmund = _of(samples["dortmund"].context, "district")
    assert len(dortmund) == 12
    assert set(dortmund["name"]) == DORTMUND_STADTBEZIRKE
    dus = _of(samples["duesseldorf"].context, "district")
    assert list(dus["name"]) == [f"Stadtbezirk {k}" for k in range(1, 11)]
    parts = dus.set_index("name")["parts"]
    assert parts.notna().all()
    assert parts["Stadtbezirk 4"] == "Oberkassel, Heerdt, Lörick, Niederkassel"
    assert "Altstadt" in parts["Stadtbezirk 1"].split(", ")
    assert parts["Stadtbezirk 10"] == "Garath, Hellerhof"
    dorsten = _of(samples["dorsten"].context, "district")
    assert len(dorsten) == 11
    assert set(dorsten["name"]) == DORSTEN_STADTTEILE


@pytest.mark.parametrize("name", NAMES)
def test_districts_partition_the_city_boundary(samples: dict[str, gi.City], name: str) -> None:
    ctx = samples[name].context
    outline = _of(ctx, "city_boundary").geometry.iloc[0]
    districts = _of(ctx, "district").geometry.to_numpy()
    assert shapely.area(districts).sum() == pytest.approx(outline.area, abs=1.0)
    union = shapely.union_all(districts)
    assert union.symmetric_difference(outline).area < 1.0
    left, right = shapely.STRtree(districts).query(districts, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(districts[left[pairs]], districts[right[pairs]]))
    assert overlap.sum() < 1.0


@pytest.mark.parametrize("name", NAMES)
def test_quarters_lie_in_the_district_they_name(samples: dict[str, gi.City], name: str) -> None:
    city = samples[name]
    districts = _of(city.context, "district").set_index("name").geometry
    for _, q in city.quarters.iterrows():
        district = districts[q["district"]]
        assert district.contains(q.geometry.representative_point()), q["name"]
        assert q.geometry.intersection(district).area / q.geometry.area > 0.999, q["name"]


def test_duesseldorf_left_bank_is_stadtbezirk_4(samples: dict[str, gi.City]) -> None:
    ctx = samples["duesseldorf"].context
    districts = _of(ctx, "district").set_index("name").geometry
    rhine = _of(ctx, "water").set_index("name").geometry["Rhein"]
    assert rhine.geom_type == "Polygon"
    width = rhine.area / (rhine.length / 2)
    assert 300 <= width <= 400
    heerdt = samples["duesseldorf"].core_zones.set_index("zone_id").geometry["KZ02"]
    assert districts["Stadtbezirk 4"].contains(heerdt.representative_point())
    # the river runs along district 4 (its boundary is the river's centre line)
    assert districts["Stadtbezirk 4"].intersection(rhine).area > 0
    assert not samples["duesseldorf"].core_zones.intersects(rhine).any()


@pytest.mark.parametrize("name", NAMES)
def test_rivers_by_name(samples: dict[str, gi.City], name: str) -> None:
    water = _of(samples[name].context, "water")
    assert GEOGRAPHY[name][2] in set(water["name"])
    if name == "dortmund":
        assert {"Phoenix-See", "Dortmund-Ems-Kanal"} <= set(water["name"])
    if name == "dorsten":
        assert "Wesel-Datteln-Kanal" in set(water["name"])
    # no sample feature lies in the water
    areas = water[water.geom_type.isin(["Polygon", "MultiPolygon"])].geometry
    for kind in ("quarters", "sites", "residential"):
        gdf = samples[name].layers().get(kind)
        if gdf is not None and len(areas):
            assert not gdf.intersects(shapely.union_all(areas.to_numpy())).any(), kind


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf"])
def test_every_site_lies_in_commercial_land_use(samples: dict[str, gi.City], name: str) -> None:
    city = samples[name]
    lu = _of(city.context, "landuse")
    commercial = lu[lu["landuse"].isin(["GE", "GI"])].geometry.to_numpy()
    covered_by = shapely.covers(commercial[:, None], city.sites.geometry.to_numpy()[None, :])
    assert covered_by.any(axis=0).all()
    if city.core_zones is not None:
        zones = city.core_zones.geometry.to_numpy()
        assert shapely.covers(commercial[:, None], zones[None, :]).any(axis=0).all()
    # housing is carved out of commercial land use and never overlaps a site
    if city.residential is not None:
        housing = shapely.union_all(city.residential.geometry.to_numpy())
        assert shapely.area(shapely.intersection(commercial, housing)).sum() < 1.0
        assert not city.sites.intersects(housing).any()


@pytest.mark.parametrize("name", NAMES)
def test_land_use_polygons_do_not_overlap(samples: dict[str, gi.City], name: str) -> None:
    lu = _of(samples[name].context, "landuse").geometry.to_numpy()
    assert shapely.area(lu).sum() == pytest.approx(shapely.union_all(lu).area, abs=1.0)
    assert set(_of(samples[name].context, "landuse")["landuse"]) >= {"GE", "MK", "W", "green"}


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf"])
def test_sites_are_clustered(samples: dict[str, gi.City], name: str) -> None:
    from scipy.spatial import cKDTree

    city = samples[name]
    outline = _of(city.context, "city_boundary").geometry.iloc[0]
    xy = shapely.get_coordinates(city.sites.geometry.centroid.to_numpy())
    rng = np.random.default_rng(0)
    minx, miny, maxx, maxy = outline.bounds
    cand = rng.uniform([minx, miny], [maxx, maxy], (20 * len(xy), 2))
    uniform = cand[shapely.contains_xy(outline, cand[:, 0], cand[:, 1])][: len(xy)]
    assert len(uniform) == len(xy)

    def mean_nn(points: np.ndarray) -> float:
        d, _ = cKDTree(points).query(points, k=2)
        return float(d[:, 1].mean())

    assert mean_nn(xy) < 0.5 * mean_nn(uniform)


def test_sites_near_roads_and_the_harbour(samples: dict[str, gi.City]) -> None:
    city = samples["dortmund"]
    ctx = city.context
    roads = shapely.union_all(ctx[ctx["category"].isin(["road", "rail"])].geometry.to_numpy())
    water = _of(ctx, "water").set_index("name").geometry
    dist = city.sites.geometry.distance(roads)
    assert dist.median() < 1500
    assert (city.sites.geometry.distance(water["Hafenbecken Dortmund"]) < 800).sum() >= 5
    hafen = samples["duesseldorf"].core_zones.set_index("zone_id").geometry["KZ01"]
    rhine = _of(samples["duesseldorf"].context, "water").set_index("name").geometry["Rhein"]
    assert hafen.distance(rhine) < 1000


def test_partition_with_a_cut(generator: ModuleType) -> None:
    square = shapely.box(0, 0, 100, 100)
    cut = shapely.LineString([(50, 0), (50, 100)])
    seeds = np.array([[40.0, 50.0], [90.0, 50.0]])
    pieces = generator.partition(square, seeds, np.array(["a", "b"]), cuts=[cut])
    # without the cut the Voronoi edge would be x = 65; the cut wins
    assert pieces["a"].equals(shapely.box(0, 0, 50, 100))
    assert pieces["b"].equals(shapely.box(50, 0, 100, 100))


# --------------------------------------------------------------------------- round trip, determinism


def assert_layer_equal(left: Any, right: Any, *, check_dtype: bool = True) -> None:
    """GeoDataFrames with their CRS; tables without geometry (requests) as DataFrames."""
    if isinstance(right, gpd.GeoDataFrame):
        assert_geodataframe_equal(left, right, check_dtype=check_dtype, check_crs=True)
    else:
        a, b = left.copy(), right.copy()
        a.attrs, b.attrs = {}, {}
        pd.testing.assert_frame_equal(a, b, check_dtype=check_dtype)


@pytest.mark.parametrize("name", NAMES)
def test_write_read_round_trip_is_lossless(
    regenerated: dict[str, tuple[gi.City, Path]], name: str
) -> None:
    built, path = regenerated[name]
    back = gi.read_city(path)
    assert back.meta == built.meta
    assert set(back.layers()) == set(built.layers())
    for kind, gdf in built.layers().items():
        assert_layer_equal(back.layers()[kind], gdf, check_dtype=True)
    if name == "dortmund":
        assert "Brückviertel" in set(back.quarters["name"])
        assert back.units["address"].str.startswith("Kampstraße ").any()
        assert back.units["vacant_since"].dtype == "datetime64[ns]"


@pytest.mark.parametrize("name", NAMES)
def test_generator_reproduces_committed_files(
    regenerated: dict[str, tuple[gi.City, Path]], name: str
) -> None:
    _, path = regenerated[name]
    fresh, committed = gi.read_city(path), gi.load_sample(name)
    assert fresh.meta == committed.meta
    assert set(fresh.layers()) == set(committed.layers())
    for kind, gdf in committed.layers().items():
        assert_layer_equal(fresh.layers()[kind], gdf)
    assert fresh.footfall is not None
    assert committed.footfall is not None
    pd.testing.assert_frame_equal(fresh.footfall.counts, committed.footfall.counts)
    assert_geodataframe_equal(fresh.footfall.counters, committed.footfall.counters)


def test_committed_files_are_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE_DIR.glob("*.gpkg"))
    # ~3.5 MB of layers and ~3.6 MB of footfall (three counters × two years of hours per city)
    assert total <= 8_000_000


# --------------------------------------------------------------------------- generator helpers (invariants)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_seeds=st.integers(2, 12),
    n_labels=st.integers(1, 5),
)
def test_partition_is_an_exact_coverage(
    generator: ModuleType, seed: int, n_seeds: int, n_labels: int
) -> None:
    rng = np.random.default_rng(seed)
    frame = generator.Frame(400_000.0, 5_700_000.0, 800.0, 550.0)
    ring = generator.wobbly_oval(frame, rng)
    seeds = generator.random_points_in(rng, ring, n_seeds)
    labels = np.array([f"L{i % n_labels}" for i in range(n_seeds)])
    pieces = np.array(list(generator.partition(ring, seeds, labels).values()), dtype=object)
    assert len(pieces) == len(set(labels))
    assert shapely.coverage_is_valid(pieces)
    assert shapely.area(pieces).sum() == pytest.approx(ring.area, rel=1e-9)
    # every seed lies in the piece of its own label
    for lab, piece in zip(dict.fromkeys(labels), pieces, strict=True):
        own = seeds[labels == lab]
        assert shapely.intersects_xy(piece, own[:, 0], own[:, 1]).all()


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 20), mean=st.floats(0.8, 3.0))
def test_exact_sizes_add_up(generator: ModuleType, seed: int, n: int, mean: float) -> None:
    total = round(n * mean, 2)
    sizes = generator.exact_sizes(
        np.random.default_rng(seed), n, total, median=mean, lo=0.3, hi=8.0
    )
    assert len(sizes) == n
    assert sizes.sum() == pytest.approx(total, abs=1e-6)
    assert (sizes > 0).all()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 30))
def test_quad_polygons_have_the_requested_area(generator: ModuleType, seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    area = rng.uniform(3_000, 150_000, n)
    polys = generator.quad_polygons(rng, rng.uniform(0, 1e4, n), rng.uniform(0, 1e4, n), area)
    assert shapely.is_valid(polys).all()
    np.testing.assert_allclose(shapely.area(polys), area, rtol=1e-9)


# ----------------------------------------------------------------------------- uses and footfall


def _last_survey(city: gi.City) -> pd.DataFrame:
    u = city.units
    return u[(u["survey_date"] == u["survey_date"].max()) & (u["status"] == "occupied")]


def test_sample_uses_are_fine_codes_with_chains_on_the_hellweg(samples: dict[str, gi.City]) -> None:
    for name, city in samples.items():
        occ = _last_survey(city)
        assert occ["use"].notna().all(), name  # every occupied unit has a use
        top = occ["use"].str.split(".").str[0]
        assert set(top) >= {
            "retail_short",
            "retail_medium",
            "retail_long",
            "gastronomy",
            "services",
            "office",
            "health",
        }, name
        # brands only for occupied chain stores, and a brand is what makes a chain
        u = city.units
        assert u.loc[u["status"] == "vacant", "brand"].isna().all()
        assert (occ["chain"] == occ["brand"].notna()).all()
    do = samples["dortmund"]
    occ = _last_survey(do)
    inside = gpd.sjoin(occ, do.quarters[["quarter_id", "geometry"]], predicate="within")
    chain = inside.groupby("quarter_id")["chain"].mean()
    assert chain["Q05"] > 0.4 > 0.15 > chain["Q02"]  # Hellweg: chains; Brückviertel: few
    food_services = (
        inside["use"].isin(["gastronomy", "services"]).groupby(inside["quarter_id"]).mean()
    )
    assert food_services["Q02"] > food_services["Q05"] + 0.15


def test_sample_footfall_shows_week_season_gaps_and_daylight_saving(
    samples: dict[str, gi.City],
) -> None:
    expected = {
        "dortmund": {"Westenhellweg", "Ostenhellweg", "Kampstraße"},
        "duesseldorf": {"Königsallee", "Schadowstraße", "Flinger Straße"},
        "dorsten": {"Lippestraße", "Essener Straße", "Markt"},
    }
    for name, city in samples.items():
        ff = city.footfall
        assert ff is not None, name
        assert set(ff.counters["name"]) == expected[name]
        assert ff.counters.crs == "EPSG:25832"
        # every counter lies in a quarter
        hit = gpd.sjoin(ff.counters, city.quarters[["quarter_id", "geometry"]], predicate="within")
        assert len(hit) == len(ff.counters)
        c = ff.counts
        local = c["timestamp"].dt.tz_localize(None)
        assert local.min() == pd.Timestamp("2023-01-01 00:00")
        assert local.max() == pd.Timestamp("2024-12-31 23:00")
        day = local.dt.normalize()
        per_day = c.groupby([c["counter_id"].astype(str), day])["pedestrians"].sum()
        hours = c.groupby([c["counter_id"].astype(str), day])["pedestrians"].size()
        full = per_day[hours.reindex(per_day.index) >= 23].reset_index(level=0, drop=True)
        dow = full.groupby(full.index.day_of_week).mean()
        assert dow.idxmax() == 5
        assert dow.idxmin() == 6
        assert dow[6] < 0.3 * dow[:5].mean()
        month = full.groupby(full.index.month).mean()
        assert month.idxmax() == 12
        assert month[12] > 1.15 * month[1]
        # daylight saving: days of 23 and 25 local hours (never more)
        assert (hours == 25).any()
        assert (hours == 23).any()
        assert hours.max() == 25
        # gaps are missing hours (not zeros) and reported: 731 days of 24 h per counter
        per_counter = c.groupby(c["counter_id"].astype(str), observed=True).size()
        assert ff.report.n_missing_hours == sum(731 * 24 - n for n in per_counter) > 0
        assert ff.counts["unverified"].any()
