"""gi.scale on a 2-worker LocalCluster gives the same results as the in-memory functions."""

from __future__ import annotations

import dask_geopandas  # noqa: F401  (dev dependencies: missing = failure, never a skip)
import distributed  # noqa: F401
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

import geoinnenstadt as gi


@pytest.fixture(scope="module")
def client():
    with gi.scale.cluster(n_workers=2, threads_per_worker=1, processes=True) as c:
        yield c


@pytest.fixture(scope="module")
def grid_zones() -> gpd.GeoDataFrame:
    # 4 x 3 grid of 100 m squares in Dortmund; ids deliberately not in spatial order
    x0, y0 = 393_000.0, 5_707_000.0
    boxes, ids = [], []
    for i in range(4):
        for j in range(3):
            boxes.append(
                shapely.box(x0 + 100 * i, y0 + 100 * j, x0 + 100 * (i + 1), y0 + 100 * (j + 1))
            )
            ids.append(f"Z{(7 * (i * 3 + j)) % 12:02d}")
    return gpd.GeoDataFrame({"zone_id": ids, "name": ids}, geometry=boxes, crs="EPSG:25832")


def _points(n: int, seed: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    # include points snapped onto grid lines and vertices, and points outside the grid
    x = 393_000 + rng.uniform(-50, 450, n)
    y = 5_707_000 + rng.uniform(-50, 350, n)
    snap = rng.random(n) < 0.2
    x[snap] = np.round(x[snap] / 100) * 100
    y[snap] = np.round(y[snap] / 100) * 100
    return gpd.GeoDataFrame(
        {"pid": np.arange(n)},
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:25832",
        index=pd.RangeIndex(1000, 1000 + n),
    )


def test_assign_equals_in_memory(client, grid_zones):
    pts = _points(5000, 1)
    expected = gi.zones.assign(pts, grid_zones, warn=False)
    parts = gi.scale.partition(pts, npartitions=5)
    got = gi.scale.assign(parts, grid_zones, scheduler=client)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert got.attrs["n_outside"] == int(expected.isna().sum()) > 0


def test_chunked_assignment_equals_unchunked(grid_zones):
    pts = _points(20_000, 2)
    whole = gi.zones.assign(pts, grid_zones, warn=False)
    chunked = gi.zones.assign(pts, grid_zones, warn=False, chunk_size=777, n_jobs=2)
    pd.testing.assert_series_equal(chunked, whole)


def test_parcels_in_equals_in_memory(client):
    city = gi.load_sample("duesseldorf")
    expected = gi.preemption.parcels_in(city.parcels, city.preemption_areas, min_share=0.0)
    parts = gi.scale.partition(city.parcels, npartitions=4)
    got = gi.scale.parcels_in(parts, city.preemption_areas, min_share=0.0, scheduler=client)
    key = ["parcel_id", "area_id"]
    exp = expected.sort_values(key).reset_index(drop=True)
    assert_geodataframe_equal(got[exp.columns], exp, check_less_precise=False)


def test_vacancy_rates_equals_in_memory(client):
    city = gi.load_sample("dortmund")
    parts = gi.scale.partition(city.units, npartitions=3)
    for at in (None, "2023-06-30"):
        expected = gi.vacancy.rates(city.units, city.quarters, at=at)
        got = gi.scale.vacancy_rates(parts, city.quarters, at=at, scheduler=client)
        pd.testing.assert_frame_equal(got, expected)
        assert got.attrs["units_outside"] == expected.attrs["units_outside"]


def test_vacancy_rates_follows_the_same_rules_as_in_memory(client):
    # German dates, ground floor only, another long-term threshold, a unit that left the
    # inventory: the scaled path shares the inventory rule and the date parser
    city = gi.load_sample("dortmund")
    units = city.units
    last = units["survey_date"].max()
    gone = units.loc[units["survey_date"] == last, "unit_id"].iloc[0]
    units = units[~((units["unit_id"] == gone) & (units["survey_date"] == last))]
    parts = gi.scale.partition(units, npartitions=4)
    kw = {"at": "30.06.2025", "ground_floor_only": True, "long_term_months": 24}
    expected = gi.vacancy.rates(units, city.quarters, **kw)
    got = gi.scale.vacancy_rates(parts, city.quarters, scheduler=client, **kw)
    pd.testing.assert_frame_equal(got, expected)
    # independent count: the inventory at the last round is the units surveyed on it
    on_last = units[
        (units["survey_date"] == last) & units["ground_floor"].fillna(False).astype(bool)
    ]
    assert int(got.loc["total", "units"]) == on_last["unit_id"].nunique()
    with pytest.raises(gi.dates.DateError, match="two-digit year"):
        gi.scale.vacancy_rates(parts, city.quarters, at="30.06.25", scheduler=client)


def test_partitioned_geoparquet_round_trip(tmp_path, client, grid_zones):
    pts = _points(3000, 3)
    target = gi.scale.write_partitioned(pts, tmp_path / "punkte", npartitions=3)
    assert len(list(target.glob("*.parquet"))) == 3
    back = gi.scale.read_partitioned(target)
    assert back.npartitions == 3
    got = gi.scale.assign(back, grid_zones, scheduler=client)
    expected = gi.zones.assign(pts, grid_zones, warn=False)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_rejects_in_memory_frame_and_crs_mismatch(client, grid_zones):
    pts = _points(10, 4)
    with pytest.raises(TypeError, match=r"dask_geopandas\.GeoDataFrame"):
        gi.scale.assign(pts, grid_zones, scheduler=client)
    parts = gi.scale.partition(pts.to_crs("EPSG:4326"), npartitions=1)
    with pytest.raises(
        gi.CRSError,
        match=r"CRS mismatch: the partitioned layer in EPSG:4326, zones in EPSG:25832; reproject zones",
    ):
        gi.scale.assign(parts, grid_zones, scheduler=client)


def test_results_written_to_partitioned_geoparquet_equal_in_memory(tmp_path, client):
    city = gi.load_sample("duesseldorf")
    source = gi.scale.write_partitioned(city.parcels, tmp_path / "parcels", npartitions=4)
    parts = gi.scale.read_partitioned(source)
    expected = gi.preemption.parcels_in(city.parcels, city.preemption_areas, min_share=0.3)
    out = gi.scale.parcels_in(
        parts, city.preemption_areas, min_share=0.3, to=tmp_path / "inside", scheduler=client
    )
    # a lazy frame of the written dataset; the counts come from the workers
    assert hasattr(out, "npartitions")
    assert out.attrs["n_parcels"] == len(city.parcels)
    got = out.compute().sort_values(["parcel_id", "area_id"]).reset_index(drop=True)
    exp = expected.sort_values(["parcel_id", "area_id"]).reset_index(drop=True)
    assert len(got) == len(exp) > 0
    assert got["parcel_id"].tolist() == exp["parcel_id"].tolist()
    np.testing.assert_allclose(got["overlap_m2"], exp["overlap_m2"], rtol=1e-12)
    assert got.geometry.geom_equals_exact(exp.geometry, tolerance=0).all()
    # the totals per area, computed independently with shapely on the in-memory layers
    areas = city.preemption_areas.set_index("area_id")
    for area_id, total in got.groupby("area_id")["overlap_m2"].sum().items():
        ids = got.loc[got["area_id"] == area_id, "parcel_id"]
        geoms = city.parcels.set_index("parcel_id").loc[ids].geometry.values
        oracle = shapely.area(shapely.intersection(geoms, areas.geometry[area_id])).sum()
        assert total == pytest.approx(oracle, rel=1e-9)
    # written atomically: only the target directory is left, its parts named in partition order
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inside", "parcels"]
    assert not list((tmp_path / "inside").glob(".*"))


def test_assign_written_to_disk_replaces_an_old_result(tmp_path, client, grid_zones):
    pts = _points(4000, 5)
    parts = gi.scale.partition(pts, npartitions=4)
    target = tmp_path / "zones_of_points"
    target.mkdir()
    (target / "part.00099.parquet").write_text("stale")
    out = gi.scale.assign(parts, grid_zones, to=target, scheduler=client)
    expected = gi.zones.assign(pts, grid_zones, warn=False)
    got = out.compute()["zone_id"].sort_index()
    assert got.index.equals(expected.index)
    assert (
        got.astype(object).where(got.notna(), None).tolist()
        == expected.astype(object).where(expected.notna(), None).tolist()
    )
    assert out.attrs["n_outside"] == int(expected.isna().sum()) > 0
    assert not (target / "part.00099.parquet").exists()


def test_empty_result_is_an_empty_dataset(tmp_path, client):
    city = gi.load_sample("duesseldorf")
    far = city.preemption_areas.copy()
    far["geometry"] = far.translate(50_000, 0)
    parts = gi.scale.partition(city.parcels, npartitions=2)
    out = gi.scale.parcels_in(parts, far, to=tmp_path / "none", scheduler=client)
    assert len(out.compute()) == 0
    assert len(gi.scale.parcels_in(parts, far, scheduler=client)) == 0


def test_progress_bar_can_be_switched_off(client, grid_zones, capsys):
    parts = gi.scale.partition(_points(1000, 6), npartitions=3)
    gi.scale.assign(parts, grid_zones, scheduler=client, progress=True)
    assert "assign: 100%" in capsys.readouterr().err
    gi.scale.assign(parts, grid_zones, scheduler=client, progress=False)
    assert capsys.readouterr().err == ""


def test_invalid_kennzeichen_reported_once_for_all_partitions(client):
    city = gi.load_sample("duesseldorf")
    parcels = city.parcels.copy()
    parcels.loc[parcels.index[[0, -1]], "parcel_id"] = ["kaputt-1", "kaputt-2"]
    parts = gi.scale.partition(parcels, npartitions=3)
    with pytest.warns(gi.preemption.InvalidKennzeichenWarning) as record:
        got = gi.scale.parcels_in(parts, city.preemption_areas, min_share=0.0, scheduler=client)
    assert len(record) == 1
    assert f"2 of {len(parcels)} parcels" in str(record[0].message)
    assert sorted(got.attrs["invalid_kennzeichen"]) == ["kaputt-1", "kaputt-2"]


def _lowest_covering(geoms, zones: gpd.GeoDataFrame, col: str) -> list:
    """Independent oracle: the lowest id among the zones covering each geometry (shapely.covers)."""
    out = []
    for g in geoms:
        if g is None or g.is_empty:
            out.append(None)
            continue
        ids = [zid for zid, zg in zip(zones[col], zones.geometry, strict=True) if zg.covers(g)]
        out.append(min(ids) if ids else None)
    return out


def test_lean_point_paths_keep_the_boundary_rule(grid_zones):
    # points in bulk (coordinates as arrays), a layer with missing/empty geometries and
    # polygons (only the points go through the coordinate path), representative points in
    # chunks of 7: every result equals the brute-force oracle
    pts = _points(400, 7)
    geoms = list(pts.geometry)
    geoms[3], geoms[10] = None, shapely.Point()
    mixed = gpd.GeoDataFrame({"pid": range(len(geoms))}, geometry=geoms, crs="EPSG:25832")
    for layer in (pts, mixed):
        got = gi.zones.assign(layer, grid_zones, warn=False, chunk_size=64, n_jobs=2)
        assert _nullable(got) == _lowest_covering(layer.geometry, grid_zones, "zone_id")
    with_polygon = mixed.copy()
    with_polygon.loc[5, "geometry"] = shapely.box(393_010, 5_707_010, 393_020, 5_707_020)
    got = gi.zones.assign(with_polygon, grid_zones, how="within", warn=False, chunk_size=50)
    assert _nullable(got) == _lowest_covering(with_polygon.geometry, grid_zones, "zone_id")
    polys = gpd.GeoDataFrame(geometry=pts.buffer(3.0), crs="EPSG:25832")
    got = gi.zones.assign(polys, grid_zones, how="representative_point", warn=False, chunk_size=7)
    reps = shapely.point_on_surface(polys.geometry.values)
    assert _nullable(got) == _lowest_covering(reps, grid_zones, "zone_id")


def _nullable(s: pd.Series) -> list:
    return s.astype(object).where(s.notna(), None).tolist()


def test_point_assignment_memory_is_a_few_arrays_not_shapely_objects(grid_zones):
    # tracemalloc sees numpy buffers and Python objects: beyond one chunk's sorted copy the
    # points cost their two float64 coordinates and an int32 rank (no array of shapely
    # points, no int64 index copies: those cost about 70 bytes per point, 125 with polygons)
    import tracemalloc

    pts = _points(100_000, 8)
    polys = gpd.GeoDataFrame(geometry=pts.buffer(2.0, quad_segs=2), crs="EPSG:25832")
    for layer, how in ((pts, "within"), (polys, "representative_point")):
        gi.zones.assign(layer.iloc[:10], grid_zones, how=how, warn=False)  # imports, caches
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            gi.zones.assign(layer, grid_zones, how=how, warn=False, n_jobs=1, chunk_size=10_000)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (peak - before) / len(layer) < 40, how


def test_read_partitioned_stays_lazy(tmp_path, client, grid_zones):
    # reading takes only the metadata: parts replaced on disk afterwards are what the
    # workers compute with (an eager read would still hold the old rows)
    first, second = _points(300, 9), _points(300, 10)
    target = gi.scale.write_partitioned(first, tmp_path / "pts", npartitions=2)
    parts = gi.scale.read_partitioned(target)
    later = gi.scale.write_partitioned(second, tmp_path / "later", npartitions=2)
    for name in sorted(p.name for p in target.glob("*.parquet")):
        (later / name).replace(target / name)
    got = gi.scale.assign(parts, grid_zones, scheduler=client, progress=False).sort_index()
    expected = gi.zones.assign(second, grid_zones, warn=False)
    assert _nullable(got) == _nullable(expected)
    assert _nullable(got) != _nullable(gi.zones.assign(first, grid_zones, warn=False))


# --------------------------------------------------------------------------- issue 24


def _last_round() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    city = gi.load_sample("dortmund")
    units = city.units
    return units[units["survey_date"] == units["survey_date"].max()].copy(), city.quarters


def _both_refuse(units, quarters, message: str, client) -> None:
    """The in-memory and the scaled path refuse ``units`` with the same message."""
    with pytest.raises(gi.SchemaError, match=message):
        gi.vacancy.rates(units, quarters)
    parts = gi.scale.partition(units, npartitions=3)
    with pytest.raises(gi.SchemaError, match=message):
        gi.scale.vacancy_rates(parts, quarters, scheduler=client, progress=False)


def test_vacancy_rates_refuses_a_polygon_unit_naming_it(client):
    units, quarters = _last_round()
    unit = units["unit_id"].iloc[7]
    units.loc[units.index[7], "geometry"] = units.geometry.iloc[7].buffer(5)
    message = rf"units must be points, but unit\(s\) {unit} have Polygon geometries"
    _both_refuse(units, quarters, message, client)


def test_vacancy_rates_names_a_unit_with_an_unreadable_survey_date(client):
    # the cause of "817 of 818": the date filter dropped a row whose date could not be read
    units, quarters = _last_round()
    unit = units["unit_id"].iloc[5]
    units["survey_date"] = units["survey_date"].dt.strftime("%d.%m.%Y").astype(object)
    units.loc[units.index[5], "survey_date"] = "31.06.2025"
    message = rf"survey_date is not a date for unit\(s\) {unit} \(first: '31.06.2025'"
    _both_refuse(units, quarters, message, client)


def test_vacancy_rates_counts_a_unit_without_position_as_in_memory(client):
    units, quarters = _last_round()
    unit = units["unit_id"].iloc[-1]
    units.loc[units.index[-1], "geometry"] = None
    with pytest.warns(gi.zones.OutsideZonesWarning, match=rf"1 of 818 units .*\({unit}\)"):
        expected = gi.vacancy.rates(units, quarters)
    parts = gi.scale.partition(units, npartitions=3)
    with pytest.warns(gi.zones.OutsideZonesWarning, match=rf"1 of 818 units .*\({unit}\)"):
        got = gi.scale.vacancy_rates(parts, quarters, scheduler=client, progress=False)
    pd.testing.assert_frame_equal(got, expected)
    # oracle: 818 distinct units, one of them in no quarter
    assert int(got.loc["total", "units"]) == units["unit_id"].nunique() == 818
    assert int(got["units"].iloc[:-1].sum()) == 817
    assert got.attrs["outside_unit_ids"] == [unit]


def test_partition_refuses_ids_that_are_one_id_as_text(client):
    units, quarters = _last_round()
    ids = units["unit_id"].astype(object).to_numpy().copy()
    ids[0], ids[1] = 1, "1"
    units["unit_id"] = ids
    message = r"unit_id values that are one id as text: 1 \(a number\) and '1' \(text\)"
    with pytest.raises(gi.SchemaError, match=message):
        gi.vacancy.rates(units, quarters)
    with pytest.raises(gi.SchemaError, match=message):
        gi.scale.partition(units, npartitions=3)


def test_vacancy_rates_warns_about_a_survey_in_two_batches_as_in_memory(client):
    import warnings

    city = gi.load_sample("dortmund")
    units = city.units.copy()
    on_last = units[units["survey_date"] == pd.Timestamp("2025-06-30")]
    early_ok = on_last["vacant_since"].isna() | (on_last["vacant_since"] <= "2025-05-02")
    units.loc[on_last.index[early_ok.to_numpy()][:409], "survey_date"] = pd.Timestamp("2025-05-02")
    parts = gi.scale.partition(units, npartitions=3)
    split = gi.vacancy.SplitRoundWarning
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        got = gi.scale.vacancy_rates(parts, city.quarters, scheduler=client, progress=False)
    messages = [str(w.message) for w in record if issubclass(w.category, split)]
    assert len(messages) == 1
    assert "02.05.2025 (409 units)" in messages[0]
    assert "30.06.2025 (409 units)" in messages[0]
    assert int(got.loc["total", "units"]) == 409
    merged = ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"]
    got = gi.scale.vacancy_rates(
        parts, city.quarters, rounds=merged, scheduler=client, progress=False
    )
    expected = gi.vacancy.rates(units, city.quarters, rounds=merged)
    pd.testing.assert_frame_equal(got, expected)
    assert int(got.loc["total", "units"]) == 818
    assert int(got.loc["total", "vacant"]) == int((on_last["status"] == "vacant").sum())
