"""Tests of geoinnenstadt.zones: exact assignments on hand-built squares, invariants, bad input."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt import zones
from geoinnenstadt.errors import CRSError, SchemaError
from geoinnenstadt.zones import OutsideZonesWarning

X0, Y0 = 350_000.0, 5_700_000.0  # Düsseldorf area, EPSG:25832
CRS = "EPSG:25832"


def _squares(ids: list = ["C", "A", "D", "B"], size: float = 10.0) -> gpd.GeoDataFrame:  # noqa: B006
    """2 × 2 squares of ``size`` m: A bottom-left, B bottom-right, C top-left, D top-right."""
    where = {"A": (0, 0), "B": (1, 0), "C": (0, 1), "D": (1, 1)}
    geoms = [
        shapely.box(
            X0 + where[k][0] * size,
            Y0 + where[k][1] * size,
            X0 + (where[k][0] + 1) * size,
            Y0 + (where[k][1] + 1) * size,
        )
        for k in ids
    ]
    return gpd.GeoDataFrame(
        {"quarter_id": ids, "name": [f"Quartier {k}" for k in ids]},
        geometry=geoms,
        index=[f"row{i}" for i in range(len(ids))],
        crs=CRS,
    )


def _points(xy: list[tuple[float, float]], index: list | None = None) -> gpd.GeoDataFrame:
    arr = np.asarray(xy, dtype=float)
    return gpd.GeoDataFrame(
        {"unit_id": [f"U{i}" for i in range(len(xy))]},
        geometry=gpd.points_from_xy(X0 + arr[:, 0], Y0 + arr[:, 1]),
        index=index,
        crs=CRS,
    )


def _brute_force(points: gpd.GeoDataFrame, zones_gdf: gpd.GeoDataFrame, col: str) -> list:
    """Reference: loop over zones in id order; the first that covers the point wins."""
    ordered = zones_gdf.sort_values(col)
    out = []
    for p in points.geometry:
        found = None
        for zid, geom in zip(ordered[col], ordered.geometry, strict=True):
            if shapely.covers(geom, p):
                found = zid
                break
        out.append(found)
    return out


def _assign_quiet(*args, **kwargs) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideZonesWarning)
        return zones.assign(*args, **kwargs)


# --------------------------------------------------------------------------- exact values

CASES = [
    ((5, 5), "A"),
    ((15, 5), "B"),
    ((5, 15), "C"),
    ((15, 15), "D"),
    ((10, 5), "A"),  # edge A|B
    ((15, 10), "B"),  # edge B|D
    ((10, 15), "C"),  # edge C|D
    ((5, 10), "A"),  # edge A|C
    ((10, 10), "A"),  # vertex shared by all four
    ((0, 5), "A"),  # outer boundary of A only
    ((20, 20), "D"),  # outer corner of D
    ((20, 10), "B"),  # outer vertex shared by B and D
    ((30, 30), None),
    ((-0.001, 5), None),
]


def test_assign_exact_values_and_boundary_rule() -> None:
    pts = _points([c[0] for c in CASES], index=[100 + i for i in range(len(CASES))])
    with pytest.warns(OutsideZonesWarning, match=r"2 of 14 features lie in no zone.*U12"):
        got = zones.assign(pts, _squares())
    expected = pd.Series(
        [c[1] for c in CASES],
        index=pts.index,
        name="quarter_id",
        dtype=_squares()["quarter_id"].dtype,
    )
    pd.testing.assert_series_equal(got, expected)
    assert got.attrs["n_outside"] == 2
    assert got.attrs["n_assigned"] == 12
    assert got.attrs["n_no_geometry"] == 0
    assert got.attrs["how"] == "within"
    assert [None if pd.isna(v) else v for v in got] == _brute_force(pts, _squares(), "quarter_id")


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("chunk_size", [None, 3])
def test_assign_chunks_and_threads_give_the_same(n_jobs: int, chunk_size: int | None) -> None:
    pts = _points([c[0] for c in CASES])
    got = _assign_quiet(pts, _squares(), n_jobs=n_jobs, chunk_size=chunk_size)
    assert [None if pd.isna(v) else v for v in got] == [c[1] for c in CASES]


def test_lowest_id_is_sort_order_of_the_ids() -> None:
    # text ids sort lexicographically: "Q10" < "Q2"
    sq = _squares(["A", "B", "C", "D"]).assign(quarter_id=["Q2", "Q10", "Q3", "Q4"])
    got = zones.assign(_points([(10, 5), (10, 10)]), sq)
    assert got.tolist() == ["Q10", "Q10"]
    # integer ids sort numerically; the result is nullable Int64 with NA outside
    sq = sq.assign(quarter_id=[2, 10, 3, 4])
    got = _assign_quiet(_points([(10, 5), (10, 10), (5, 15), (50, 50)]), sq)
    assert str(got.dtype) == "Int64"
    assert got.iloc[:3].tolist() == [2, 2, 3]  # A|B edge, 4-way vertex, inside C
    assert got.isna().tolist() == [False, False, False, True]


def test_overlapping_zones_lowest_id_wins() -> None:
    big = gpd.GeoDataFrame(
        {"zone_id": ["Z9", "Z1"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 20, Y0 + 20),
            shapely.box(X0 + 5, Y0 + 5, X0 + 10, Y0 + 10),
        ],
        crs=CRS,
    )
    got = zones.assign(_points([(7, 7), (2, 2), (10, 10)]), big)
    assert got.name == "zone_id"
    assert got.tolist() == ["Z1", "Z9", "Z1"]
    ov = zones.overlaps(big)
    assert ov.to_dict("list") == {"zone_a": ["Z1"], "zone_b": ["Z9"], "overlap_m2": [25.0]}


def test_missing_geometry_is_na_and_counted() -> None:
    pts = _points([(5, 5), (15, 5), (1, 1)])
    pts.loc[1, "geometry"] = None
    pts.loc[2, "geometry"] = shapely.Point()
    with pytest.warns(OutsideZonesWarning, match="2 of 3 features have no geometry"):
        got = zones.assign(pts, _squares())
    assert got.iloc[0] == "A"
    assert got.iloc[1:].isna().all()
    assert got.attrs["n_no_geometry"] == 2
    assert got.attrs["n_outside"] == 0


def test_polygons_representative_point_within_and_largest_overlap() -> None:
    polys = gpd.GeoDataFrame(
        {"site_id": ["S1", "S2", "S3", "S4", "S5"]},
        geometry=[
            shapely.box(X0 + 1, Y0 + 1, X0 + 4, Y0 + 4),  # inside A
            shapely.box(X0 + 5, Y0, X0 + 15, Y0 + 10),  # half A, half B: tie
            shapely.box(X0 + 8, Y0 + 2, X0 + 18, Y0 + 8),  # 2/10 in A, 8/10 in B
            shapely.box(X0, Y0, X0 + 10, Y0 + 10),  # exactly A
            shapely.box(X0 + 50, Y0 + 50, X0 + 60, Y0 + 60),  # outside
        ],
        crs=CRS,
    )
    sq = _squares()
    rep = _assign_quiet(polys, sq)
    assert rep.attrs["how"] == "representative_point"
    # the representative point of a box is its centroid here: (x+dx/2, y+dy/2)
    assert [None if pd.isna(v) else v for v in rep] == ["A", "A", "B", "A", None]
    within = _assign_quiet(polys, sq, how="within")
    assert [None if pd.isna(v) else v for v in within] == ["A", None, None, "A", None]
    largest = _assign_quiet(polys, sq, how="largest_overlap")
    assert [None if pd.isna(v) else v for v in largest] == ["A", "A", "B", "A", None]
    assert largest.attrs["n_outside"] == 1


def test_largest_overlap_needs_polygons() -> None:
    with pytest.raises(ValueError, match="use how='within' for points"):
        zones.assign(_points([(5, 5)]), _squares(), how="largest_overlap")
    with pytest.raises(ValueError, match="how must be one of"):
        zones.assign(_points([(5, 5)]), _squares(), how="centroid")  # type: ignore[arg-type]


def test_assign_all_and_counts() -> None:
    sq = _squares()
    core = gpd.GeoDataFrame(
        {"zone_id": ["K1"], "name": ["Kernzone"], "category": ["A"]},
        geometry=[shapely.box(X0, Y0, X0 + 10, Y0 + 20)],
        crs=CRS,
    )
    pts = _points([(5, 5), (15, 5), (5, 15), (30, 30)])
    both = zones.assign_all(pts, {"quarter": sq, "core_zone": core}, warn=False)
    assert list(both.columns) == ["quarter", "core_zone"]
    assert [None if pd.isna(v) else v for v in both["quarter"]] == ["A", "B", "C", None]
    assert [None if pd.isna(v) else v for v in both["core_zone"]] == ["K1", None, "K1", None]
    assert both.attrs["core_zone"]["n_outside"] == 2
    n = zones.counts(zones.assign(pts, sq, warn=False), sq)
    assert n.to_dict() == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert n.attrs["n_outside"] == 1


def test_id_column_detection() -> None:
    sq = _squares().rename(columns={"quarter_id": "area_id"})
    assert zones.assign(_points([(5, 5)]), sq).name == "area_id"
    with pytest.raises(SchemaError, match="pass id_column"):
        zones.assign(_points([(5, 5)]), sq.rename(columns={"area_id": "code"}))
    assert zones.assign(_points([(5, 5)]), sq, id_column="name").iloc[0] == "Quartier A"
    with pytest.raises(SchemaError, match="no column 'nope'"):
        zones.assign(_points([(5, 5)]), sq, id_column="nope")


# --------------------------------------------------------------------------- bad input


def test_crs_mismatch_names_both() -> None:
    pts = _points([(5, 5)]).to_crs("EPSG:4326")
    with pytest.raises(CRSError, match=r"EPSG:4326.*EPSG:25832.*to_crs"):
        zones.assign(pts, _squares())


def test_missing_crs() -> None:
    pts = _points([(5, 5)]).set_crs(None, allow_override=True)
    with pytest.raises(CRSError, match="features has no CRS"):
        zones.assign(pts, _squares())
    with pytest.raises(CRSError, match="zones has no CRS"):
        zones.assign(_points([(5, 5)]), _squares().set_crs(None, allow_override=True))


def test_duplicate_and_missing_zone_ids() -> None:
    dup = _squares(["A", "B", "A", "D"])
    with pytest.raises(SchemaError, match=r"not unique: \['A'\]"):
        zones.assign(_points([(5, 5)]), dup)
    missing = _squares().astype({"quarter_id": object})
    missing.loc["row0", "quarter_id"] = None
    with pytest.raises(SchemaError, match="have no quarter_id"):
        zones.assign(_points([(5, 5)]), missing)


def test_zone_without_geometry_or_not_polygon() -> None:
    sq = _squares()
    sq.loc["row0", "geometry"] = None
    with pytest.raises(SchemaError, match="have no geometry"):
        zones.assign(_points([(5, 5)]), sq)
    pts = _points([(5, 5)]).rename(columns={"unit_id": "quarter_id"})
    with pytest.raises(SchemaError, match="must be polygons"):
        zones.assign(_points([(5, 5)]), pts)


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="n_jobs"):
        zones.assign(_points([(5, 5)]), _squares(), n_jobs=0)
    with pytest.raises(ValueError, match="chunk_size"):
        zones.assign(_points([(5, 5)]), _squares(), chunk_size=0)
    with pytest.raises(TypeError, match="GeoDataFrame"):
        zones.assign(pd.DataFrame({"x": [1]}), _squares())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- invariants


def _voronoi(n: int, seed: int, width: float = 1000.0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    seeds = shapely.multipoints(np.c_[X0 + rng.random(n) * width, Y0 + rng.random(n) * width])
    extent = shapely.box(X0, Y0, X0 + width, Y0 + width)
    cells = np.asarray(
        shapely.intersection(
            shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=extent)), extent
        )
    )
    ids = rng.permutation([f"Q{i:02d}" for i in range(len(cells))])
    return gpd.GeoDataFrame({"quarter_id": ids}, geometry=cells, crs=CRS)


grid_coord = st.integers(min_value=-1, max_value=4).map(lambda i: i * 5.0)  # on grid lines
any_coord = st.floats(min_value=-6.0, max_value=26.0, allow_nan=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    xy=st.lists(
        st.tuples(st.one_of(grid_coord, any_coord), st.one_of(grid_coord, any_coord)),
        min_size=1,
        max_size=60,
    ),
    chunk=st.sampled_from([None, 1, 7]),
    n_jobs=st.sampled_from([1, 2]),
)
def test_matches_brute_force_on_grid(xy: list, chunk: int | None, n_jobs: int) -> None:
    sq = _squares()
    pts = _points(xy)
    got = _assign_quiet(pts, sq, chunk_size=chunk, n_jobs=n_jobs)
    ref = _brute_force(pts, sq, "quarter_id")
    assert [None if pd.isna(v) else v for v in got] == ref
    # counts per zone sum to the assigned total; outside + assigned = all
    n = zones.counts(got, sq)
    assert int(n.sum()) == got.attrs["n_assigned"] == int(got.notna().sum())
    assert got.attrs["n_assigned"] + got.attrs["n_outside"] == len(pts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n_zones=st.integers(1, 12), n_points=st.integers(1, 200))
def test_matches_brute_force_on_voronoi(seed: int, n_zones: int, n_points: int) -> None:
    vz = _voronoi(n_zones, seed)
    rng = np.random.default_rng(seed + 1)
    xy = list(zip(rng.random(n_points) * 1100 - 50, rng.random(n_points) * 1100 - 50, strict=True))
    # plus points exactly on zone vertices and on edge midpoints
    coords = shapely.get_coordinates(vz.geometry.values)
    xy += [(x - X0, y - Y0) for x, y in coords[:: max(1, len(coords) // 40)]]
    mids = (coords[:-1] + coords[1:]) / 2
    xy += [(x - X0, y - Y0) for x, y in mids[:: max(1, len(mids) // 40)]]
    pts = _points(xy)
    got = _assign_quiet(pts, vz, n_jobs=2, chunk_size=64)
    assert [None if pd.isna(v) else v for v in got] == _brute_force(pts, vz, "quarter_id")


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_unchanged_when_given_in_4326_and_reprojected(seed: int) -> None:
    vz = _voronoi(6, seed)
    rng = np.random.default_rng(seed)
    pts = _points(list(zip(rng.random(150) * 1000, rng.random(150) * 1000, strict=True)))
    vz_ll, pts_ll = vz.to_crs("EPSG:4326"), pts.to_crs("EPSG:4326")
    in_ll = _assign_quiet(pts_ll, vz_ll)
    projected = _assign_quiet(pts_ll.to_crs(CRS), vz_ll.to_crs(CRS))
    # straight edges in degrees bend slightly in metres: compare away from the boundaries
    boundary = shapely.union_all(shapely.boundary(vz_ll.to_crs(CRS).geometry.values))
    far = shapely.distance(pts_ll.to_crs(CRS).geometry.values, boundary) > 0.01
    assert far.sum() > 100
    pd.testing.assert_series_equal(in_ll[far], projected[far])
    pd.testing.assert_series_equal(projected[far], _assign_quiet(pts, vz)[far])


def test_larger_random_input_matches_sjoin() -> None:
    # independent computation: geopandas sjoin(intersects) + lowest id per point
    vz = _voronoi(40, 7)
    rng = np.random.default_rng(3)
    n = 30_000
    pts = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(X0 - 20 + rng.random(n) * 1040, Y0 - 20 + rng.random(n) * 1040),
        crs=CRS,
    )
    got = _assign_quiet(pts, vz, n_jobs=2, chunk_size=10_000)
    joined = gpd.sjoin(pts, vz, predicate="intersects", how="left")
    ref = joined.sort_values("quarter_id").groupby(level=0)["quarter_id"].first().reindex(pts.index)
    assert got.isna().equals(ref.isna())
    assert (got.dropna() == ref.dropna()).all()
    assert got.attrs["n_outside"] == int(ref.isna().sum()) > 0


# --------------------------------------------------------------------------- sample data


def _sample(name: str) -> gi.City:
    """A broken or missing sample fails the test (it is part of the package), never skips."""
    return gi.load_sample(name)


def test_sample_units_in_quarters_match_sjoin() -> None:
    city = _sample("dortmund")
    got = _assign_quiet(city.units, city.quarters)
    # the boundary rule implemented here: sjoin(intersects), then the lowest quarter_id
    joined = gpd.sjoin(
        city.units[["geometry"]], city.quarters[["quarter_id", "geometry"]], predicate="intersects"
    )
    ref = joined.sort_values("quarter_id").groupby(level=0)["quarter_id"].first()
    ref = ref.reindex(city.units.index)
    assert got.index.equals(city.units.index)
    assert got.isna().equals(ref.isna())
    assert (got.dropna() == ref.dropna()).all()


def test_empty_inputs() -> None:
    got = zones.assign(_points([(5, 5)]).iloc[:0], _squares())
    assert len(got) == 0
    assert got.name == "quarter_id"
    assert got.attrs["n_outside"] == 0
    got = _assign_quiet(_points([(5, 5)]), _squares().iloc[:0])
    assert got.isna().all()
    assert got.attrs["n_outside"] == 1


# --------------------------------------------------------------------------- cheap guards


def test_mixed_int_and_text_ids_are_a_schema_error_naming_the_column() -> None:
    sq = _squares(["A", "B", "C", "D"]).astype({"quarter_id": object})
    sq.loc["row0", "quarter_id"] = 1  # before: TypeError from the sort
    with pytest.raises(SchemaError, match=r"'quarter_id' mixes value types.*astype\(str\)"):
        zones.assign(_points([(5, 5)]), sq)


def test_bow_tie_zone_is_named_in_a_warning() -> None:
    sq = _squares(["A", "B", "C", "D"])
    # A as a bow-tie over its own square: (0,0)-(10,10)-(10,0)-(0,10)
    sq.loc["row0", "geometry"] = shapely.Polygon(
        [(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)]
    )
    with pytest.warns(
        zones.InvalidZonesWarning, match=r"1 zones are not valid polygons \(A: Self-intersection"
    ):
        zones.assign(_points([(15, 5)]), sq)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zones.assign(_points([(15, 5)]), _squares())  # valid zones: no warning


def test_area_computations_need_metres() -> None:
    sq = _squares()
    polys = gpd.GeoDataFrame(geometry=[shapely.box(X0 + 1, Y0 + 1, X0 + 4, Y0 + 4)], crs=CRS)
    with pytest.raises(CRSError, match=r"EPSG:3857.*not true metres"):
        zones.assign(polys.to_crs("EPSG:3857"), sq.to_crs("EPSG:3857"), how="largest_overlap")
    with pytest.raises(CRSError, match="geographic"):
        zones.overlaps(sq.to_crs("EPSG:4326"))
    # point-in-polygon needs only the same CRS
    got = zones.assign(_points([(5, 5)]).to_crs("EPSG:4326"), sq.to_crs("EPSG:4326"))
    assert got.tolist() == ["A"]
