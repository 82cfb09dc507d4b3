"""gi.scale on a real cluster: `dask scheduler` and two `dask worker` processes started from the CLI.

The workers read partitioned GeoParquet from a temporary directory; results
are compared with the in-memory functions. One worker is killed (SIGKILL)
in the middle of a run: dask computes its partitions again on the other
worker, and every row must come back exactly once. At the end no process
of the cluster may be left.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import dask_geopandas  # noqa: F401  (dev dependencies: missing = failure, never a skip)
import distributed  # noqa: F401
import geopandas as gpd
import numpy as np
import pandas as pd
import psutil
import pytest
import shapely
from helpers import ROOT

import geoinnenstadt as gi

sys.path.insert(0, str(ROOT))
from bench._cluster import ProcessCluster

X0, Y0 = 393_000.0, 5_707_000.0
N_PARTS = 40

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_cluster(tmp_path_factory):
    cluster = ProcessCluster(
        tmp_path_factory.mktemp("cluster"), n_workers=2, nthreads=1, memory_limit="1.5GB"
    )
    cluster.start()
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Points, parcels (on disk, 40 parts each) and their zones/areas, all in EPSG:25832."""
    d = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(12)
    # 30 x 30 zones of 20 m, ids shuffled (not in spatial order)
    boxes = [
        shapely.box(X0 + 20 * i, Y0 + 20 * j, X0 + 20 * (i + 1), Y0 + 20 * (j + 1))
        for i in range(30)
        for j in range(30)
    ]
    zone_ids = [f"Z{k:04d}" for k in rng.permutation(len(boxes))]
    zones = gpd.GeoDataFrame({"zone_id": zone_ids}, geometry=boxes, crs="EPSG:25832")
    n = 80_000
    x = X0 - 10 + rng.random(n) * 620
    y = Y0 - 10 + rng.random(n) * 620
    snap = rng.random(n) < 0.1  # on shared edges and vertices: the boundary rule decides
    x[snap], y[snap] = np.round(x[snap] / 20) * 20, np.round(y[snap] / 20) * 20
    points = gpd.GeoDataFrame(
        {"unit_id": [f"U{i}" for i in range(n)]},
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:25832",
        index=pd.RangeIndex(5, 5 + n),
    )
    # Voronoi parcels over 600 m x 600 m and 25 round pre-emption areas crossing them
    seeds = shapely.multipoints(np.c_[X0 + rng.random(20_000) * 600, Y0 + rng.random(20_000) * 600])
    extent = shapely.box(X0, Y0, X0 + 600, Y0 + 600)
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=extent)), extent
    )
    i = np.arange(len(cells))
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [
                f"05{3000 + a:04d}{b:03d}{c:05d}______"
                for a, b, c in zip(i // 100_000, (i // 1000) % 1000, i % 1000 + 1, strict=True)
            ]
        },
        geometry=cells,
        crs="EPSG:25832",
    )
    centres = rng.random((25, 2)) * 600
    areas = gpd.GeoDataFrame(
        {"area_id": [f"VK{k:02d}" for k in range(25)], "name": [f"Gebiet {k}" for k in range(25)]},
        geometry=[shapely.Point(X0 + cx, Y0 + cy).buffer(40, quad_segs=64) for cx, cy in centres],
        crs="EPSG:25832",
    )
    return {
        "zones": zones,
        "points": points,
        "parcels": parcels,
        "areas": areas,
        "points_dir": gi.scale.write_partitioned(points, d / "points", npartitions=N_PARTS),
        "parcels_dir": gi.scale.write_partitioned(parcels, d / "parcels", npartitions=N_PARTS),
        "out": d,
    }


def _nullable(s: pd.Series) -> list:
    return s.astype(object).where(s.notna(), None).tolist()


def test_assign_and_parcels_in_on_a_real_cluster_equal_in_memory(real_cluster, data, capsys):
    expected = gi.zones.assign(data["points"], data["zones"], warn=False)
    with gi.scale.cluster(real_cluster.address) as client:
        parts = gi.scale.read_partitioned(data["points_dir"])
        got = gi.scale.assign(parts, data["zones"], scheduler=client, progress=True)
        assert "assign: 100%" in capsys.readouterr().err  # the bar works with a remote scheduler
        inside = gi.scale.parcels_in(
            gi.scale.read_partitioned(data["parcels_dir"]),
            data["areas"],
            min_share=0.25,
            scheduler=client,
            progress=False,
        )
        assert capsys.readouterr().err == ""
    got = got.sort_index()
    assert got.index.equals(expected.index)
    assert _nullable(got) == _nullable(expected)
    assert got.attrs["n_outside"] == int(expected.isna().sum()) > 0

    oracle = gi.preemption.parcels_in(data["parcels"], data["areas"], min_share=0.25)
    assert len(inside) == len(oracle) > 100
    assert inside["parcel_id"].tolist() == oracle["parcel_id"].tolist()
    assert inside["area_id"].tolist() == oracle["area_id"].tolist()
    np.testing.assert_allclose(inside["overlap_m2"], oracle["overlap_m2"], rtol=1e-12)
    # the areas' totals, independently: shapely on the in-memory layers
    areas = data["areas"].set_index("area_id").geometry
    by_id = data["parcels"].set_index("parcel_id").geometry
    for area_id, rows in inside.groupby("area_id"):
        truth = shapely.area(
            shapely.intersection(by_id.loc[rows["parcel_id"]].values, areas[area_id])
        ).sum()
        assert rows["overlap_m2"].sum() == pytest.approx(truth, rel=1e-9)


def _kill_a_busy_worker(cluster, client, prefixes, report):
    """Once a partition has finished and others are running, SIGKILL a worker that is busy."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = sum(str(k).startswith(prefixes) for keys in client.has_what().values() for k in keys)
        busy = [w for w, keys in client.processing().items() if keys]
        if done >= 1 and busy:
            pid = cluster.worker_pids(client)[busy[0]]
            cluster.remember_pids()
            os.kill(pid, signal.SIGKILL)
            report.update(pid=pid, done_at_kill=done)
            return
        time.sleep(0.005)


def _run_with_a_kill(cluster, prefixes, fn):
    from distributed import Client

    report: dict = {}
    with Client(cluster.address, timeout=30) as watcher:
        killer = threading.Thread(
            target=_kill_a_busy_worker, args=(cluster, watcher, prefixes, report)
        )
        killer.start()
        try:
            result = fn()
        finally:
            killer.join(timeout=70)
    assert "pid" in report, "no worker was killed"
    assert 1 <= report["done_at_kill"] < N_PARTS  # killed in the middle of the run
    assert (
        not psutil.pid_exists(report["pid"]) or psutil.Process(report["pid"]).status() == "zombie"
    )
    return result


def test_a_worker_killed_mid_run_loses_and_duplicates_no_rows(real_cluster, data):
    expected = gi.zones.assign(data["points"], data["zones"], warn=False)
    parts = gi.scale.read_partitioned(data["points_dir"])
    with gi.scale.cluster(real_cluster.address) as client:
        got = _run_with_a_kill(
            real_cluster,
            ("_assign_part",),
            lambda: gi.scale.assign(parts, data["zones"], scheduler=client, progress=False),
        )
    assert len(got) == len(data["points"])
    assert not got.index.duplicated().any()
    got = got.sort_index()
    assert got.index.equals(expected.index)
    assert _nullable(got) == _nullable(expected)

    # results written by the workers: a part rewritten after the kill replaces the lost one
    oracle = gi.preemption.parcels_in(data["parcels"], data["areas"], min_share=0.0)
    target = data["out"] / "inside"
    with gi.scale.cluster(real_cluster.address) as client:
        client.wait_for_workers(2, timeout=60)  # the nanny has restarted the killed worker
        out = _run_with_a_kill(
            real_cluster,
            ("_write_part", "_parcels_part"),
            lambda: gi.scale.parcels_in(
                gi.scale.read_partitioned(data["parcels_dir"]),
                data["areas"],
                min_share=0.0,
                to=target,
                scheduler=client,
                progress=False,
            ),
        )
        assert out.attrs["n_parcels"] == len(data["parcels"])
        written = out.compute()
    assert not [p.name for p in target.iterdir() if not p.name.startswith("part.")]
    assert len(written) == len(oracle)
    pairs = sorted(zip(written["parcel_id"], written["area_id"], strict=True))
    assert pairs == sorted(zip(oracle["parcel_id"], oracle["area_id"], strict=True))
    assert written["overlap_m2"].sum() == pytest.approx(oracle["overlap_m2"].sum(), rel=1e-12)


def test_cluster_shuts_down_without_stray_processes(real_cluster):
    pids = real_cluster.close()
    assert len(pids) >= 5  # scheduler, two nannies, two workers (and the restarted ones)
    left = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    assert left == []
