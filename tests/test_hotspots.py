"""Tests of geoinnenstadt.hotspots (also gi.vacancy.hotspots): exact Gi*, seeds, memory bound."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point

import geoinnenstadt as gi
from geoinnenstadt import hotspots as hotspots_module
from geoinnenstadt import vacancy
from geoinnenstadt.errors import CRSError

X0, Y0 = 392_000.0, 5_707_000.0  # Dortmund, EPSG:25832
S3 = "2025-06-30"
O = ("occupied", None, None)  # noqa: E741


def _panel(spec: dict, crs: str = "EPSG:25832") -> gpd.GeoDataFrame:
    rows = []
    for uid, (x, y, area, gf, surveys) in spec.items():
        for survey, (status, since, _fund) in surveys.items():
            rows.append(
                {
                    "unit_id": uid,
                    "survey_date": pd.Timestamp(survey),
                    "status": status,
                    "floor_area_m2": area,
                    "ground_floor": gf,
                    "vacant_since": pd.Timestamp(since) if since else pd.NaT,
                    "geometry": Point(X0 + x, Y0 + y),
                }
            )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    gdf["survey_date"] = gdf["survey_date"].astype("datetime64[ns]")
    gdf["vacant_since"] = gdf["vacant_since"].astype("datetime64[ns]")
    return gdf


def _grid_units(vacant_block: int = 3, n: int = 10, spacing: float = 50.0) -> gpd.GeoDataFrame:
    """n×n units on a square lattice; the vacant_block×vacant_block corner is vacant."""
    spec = {}
    for i in range(n):
        for j in range(n):
            vac = i < vacant_block and j < vacant_block
            status = ("vacant", "2024-01-01", None) if vac else O
            spec[f"g{i:02d}{j:02d}"] = (i * spacing, j * spacing, 80.0, True, {S3: status})
    return _panel(spec)


def test_hotspots_gi_star_finds_cluster_and_is_deterministic():
    units = _grid_units()
    hs = vacancy.hotspots(units, distance_m=75, permutations=999, seed=7)
    assert set(hs.columns) >= {
        "unit_id",
        "z_score",
        "statistic",
        "p_value",
        "hotspot_class",
        "geometry",
    }
    cls = hs.set_index("unit_id")["hotspot_class"]
    # the interior and the corner of the vacant block are hot
    for uid in ("g0000", "g0101", "g0001", "g0100"):
        assert cls[uid] == "hot", uid
    far = hs.set_index("unit_id").loc["g0909"]
    assert far["hotspot_class"] != "hot"
    again = vacancy.hotspots(units, distance_m=75, permutations=999, seed=7)
    pd.testing.assert_frame_equal(pd.DataFrame(hs), pd.DataFrame(again))
    assert hs.attrs["method"] == "gi_star"
    assert hs.attrs["distance_m"] == 75.0
    assert hs.attrs["permutations"] == 999
    assert hs.attrs["seed"] == 7
    # permutation p-values lie on the grid (k + 1) / 1000
    p = hs["p_value"].to_numpy()
    assert np.allclose(np.round(p * 1000), p * 1000, atol=1e-3)


def test_gi_star_z_equals_independent_numpy():
    # tiny example: 6 units, binary band of 120 m (inclusive)
    xy = np.array([[0, 0], [100, 0], [0, 100], [300, 0], [300, 100], [600, 600]], dtype=float)
    y = np.array([1, 1, 1, 0, 1, 0], dtype=float)
    spec = {
        f"t{k}": (
            xy[k, 0],
            xy[k, 1],
            50.0,
            True,
            {S3: ("vacant", "2025-01-01", None) if y[k] else O},
        )
        for k in range(6)
    }
    hs = vacancy.hotspots(_panel(spec), distance_m=120, permutations=99, seed=1)
    # Ord & Getis (1995) Gi*: binary w_ij incl. w_ii = 1
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    w = (dist <= 120).astype(float)
    n = len(y)
    xbar = y.mean()
    s = np.sqrt((y**2).mean() - xbar**2)
    wi = w.sum(axis=1)
    s1 = (w**2).sum(axis=1)
    z = (w @ y - xbar * wi) / (s * np.sqrt((n * s1 - wi**2) / (n - 1)))
    got = hs.set_index("unit_id")["z_score"]
    for k in range(5):  # t5 is an island
        assert got[f"t{k}"] == pytest.approx(z[k], rel=1e-9), k
    g_star = (w @ y) / y.sum()
    assert hs.set_index("unit_id")["statistic"]["t0"] == pytest.approx(g_star[0])
    island = hs.set_index("unit_id").loc["t5"]
    assert island["hotspot_class"] == "not_significant"
    assert np.isnan(island["p_value"])
    assert island["n_neighbours"] == 0
    assert hs.attrs["n_islands"] == 1
    assert list(hs.set_index("unit_id")["n_neighbours"][:5]) == [2, 1, 1, 1, 1]


def test_hotspots_no_vacancies_no_crash():
    spec = {f"z{k}": (k * 20.0, 0.0, 50.0, True, {S3: O}) for k in range(8)}
    for method in ("gi_star", "join_counts"):
        hs = vacancy.hotspots(_panel(spec), method=method)
        assert (hs["hotspot_class"] == "not_significant").all()
        assert "no variation" in hs.attrs["note"]
        assert hs.attrs["n_vacant"] == 0


def test_hotspots_join_counts_cluster_and_seed():
    units = _grid_units()
    state = np.random.get_state()  # noqa: NPY002
    hs = vacancy.hotspots(units, method="join_counts", distance_m=75, permutations=999, seed=3)
    assert np.array_equal(np.random.get_state()[1], state[1])  # noqa: NPY002 (untouched)
    by = hs.set_index("unit_id")
    # all 8 queen neighbours of the block centre are vacant
    assert by.loc["g0101", "statistic"] == 8
    assert by.loc["g0101", "hotspot_class"] == "hot"
    assert by.loc["g0505", "statistic"] == 0
    assert (by.loc[~by["vacant"], "hotspot_class"] == "not_significant").all()
    assert not (hs["hotspot_class"] == "cold").any()
    again = vacancy.hotspots(units, method="join_counts", distance_m=75, permutations=999, seed=3)
    pd.testing.assert_frame_equal(pd.DataFrame(hs), pd.DataFrame(again))


def test_hotspots_join_counts_with_island():
    units = pd.concat(
        [
            _grid_units(n=6),
            _panel({"far": (5000, 5000, 50.0, True, {S3: ("vacant", "2025-01-01", None)})}),
        ]
    )
    hs = vacancy.hotspots(units, method="join_counts", distance_m=75, permutations=99)
    far = hs.set_index("unit_id").loc["far"]
    assert far["hotspot_class"] == "not_significant"
    assert far["statistic"] == 0
    assert hs.attrs["n_islands"] == 1


def test_hotspots_grid():
    units = _grid_units()
    hs = vacancy.hotspots(units, grid_size_m=100, distance_m=150, permutations=199)
    # 10×10 units at 50 m → 5×5 cells of 4 units
    assert len(hs) == 25
    assert (hs["units"] == 4).all()
    assert hs["vacant"].sum() == 9
    corner = hs.set_index("cell_id").loc["c0_0"]
    assert corner["vacancy_rate"] == 1.0
    assert corner["z_score"] == hs["z_score"].max()
    assert shapely.area(corner["geometry"]) == pytest.approx(100 * 100)
    with pytest.raises(ValueError, match="grid_size_m"):
        vacancy.hotspots(units, grid_size_m=100, distance_m=50)
    with pytest.raises(ValueError, match="gi_star"):
        vacancy.hotspots(units, grid_size_m=100, method="join_counts")


def test_hotspots_bad_input():
    with pytest.raises(CRSError, match="geographic"):
        vacancy.hotspots(_grid_units(n=3).to_crs("EPSG:4326"))
    with pytest.raises(ValueError, match="method"):
        vacancy.hotspots(_grid_units(n=3), method="moran")
    with pytest.raises(ValueError, match="before the first survey"):
        vacancy.hotspots(_grid_units(n=3), at="2000-01-01")


# --------------------------------------------------------------------------- CRS and memory


def test_web_mercator_band_is_refused():
    # before: EPSG:3857 passed the "projected" check and a 150 m band was ~93 m on the ground
    units = _grid_units(n=3).to_crs("EPSG:3857")
    with pytest.raises(CRSError, match=r"EPSG:3857.*not true metres.*to_crs"):
        vacancy.hotspots(units, distance_m=150)
    with pytest.raises(CRSError, match="no CRS"):
        vacancy.hotspots(_grid_units(n=3).set_crs(None, allow_override=True))


def _random_xy(n: int, seed: int, width: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2)) * width
    xy[: n // 10] = xy[n // 10 : 2 * (n // 10)]  # duplicates: distance 0 (same address)
    xy[-1] = [10 * width, 10 * width]  # an island
    return xy


@pytest.mark.parametrize(("n", "band"), [(60, 15.0), (400, 30.0), (2, 1.0)])
def test_sparse_graph_equals_the_libpysal_distance_band(n, band):
    # independent oracle: libpysal's own (dense) distance-band builder
    from libpysal.graph import Graph

    xy = _random_xy(n, seed=n, width=100.0)
    ours = hotspots_module._distance_graph(xy, band)
    ref = Graph.build_distance_band(xy, band, binary=True)
    pd.testing.assert_series_equal(
        ours.adjacency.astype(np.int64), ref.adjacency.astype(np.int64), check_index_type=False
    )
    assert ours.cardinalities.tolist() == ref.cardinalities.tolist()


def test_too_many_pairs_is_refused_before_building():
    # 30 units at one address: 30 * 29 / 2 = 435 unordered neighbour pairs
    spec = {f"d{k:02d}": (0.0, 0.0, 50.0, True, {S3: O}) for k in range(30)}
    units = _panel(spec)
    with pytest.raises(
        hotspots_module.TooManyPairsError, match=r"435 neighbour pairs.*max_pairs=434"
    ):
        vacancy.hotspots(units, max_pairs=434)
    hs = vacancy.hotspots(units, max_pairs=435, permutations=9)
    assert (hs["n_neighbours"] == 29).all()
    assert hs.attrs["max_pairs"] == 435
    assert hotspots_module.MAX_PAIRS == 20_000_000


def test_dense_case_stays_sparse(monkeypatch):
    # 2,000 units in 100 m x 100 m with a 15 m band (the bench case scaled down): the graph is
    # built from the KD-tree pairs, never from an n x n matrix
    def no_dense(*args, **kwargs):
        raise AssertionError("dense distance band used")

    from libpysal.graph import Graph

    monkeypatch.setattr(Graph, "build_distance_band", no_dense)
    rng = np.random.default_rng(5)
    xy = rng.random((2000, 2)) * 100
    vac = rng.random(2000) < 0.1
    spec = {
        f"n{k:04d}": (x, y, 50.0, True, {S3: ("vacant", "2025-01-01", None) if v else O})
        for k, ((x, y), v) in enumerate(zip(xy, vac, strict=True))
    }
    hs = vacancy.hotspots(_panel(spec), distance_m=15, permutations=19)
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    assert hs["n_neighbours"].tolist() == ((d <= 15).sum(axis=1) - 1).tolist()


def test_hotspots_live_in_their_own_module():
    assert vacancy.hotspots is hotspots_module.hotspots
    assert gi.vacancy.hotspots is hotspots_module.hotspots
    from geoinnenstadt.vacancy import hotspots

    assert hotspots is hotspots_module.hotspots
