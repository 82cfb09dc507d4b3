"""Benchmark: ``gi.zones.assign`` vs ``geopandas.sjoin(predicate="within")``.

1,000,000 random points (some outside) × 300 Voronoi zones densified to about
500 vertices each, in EPSG:25832. Reports points per second of both and the
speed ratio, and checks that both give the same zone for every point that is
not on a zone boundary.

Run ``python bench/bench_zones.py [--quick]`` or ``python -m bench``.
"""

from __future__ import annotations

import argparse
import time
import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

X0, Y0, WIDTH = 340_000.0, 5_670_000.0, 10_000.0


def voronoi_polygons(
    n: int, *, vertices: int | None = None, seed: int = 0, width: float = WIDTH
) -> np.ndarray:
    """``n`` Voronoi cells partitioning a square of ``width`` m (densified to ~``vertices``)."""
    rng = np.random.default_rng(seed)
    seeds = shapely.multipoints(np.c_[X0 + rng.random(n) * width, Y0 + rng.random(n) * width])
    extent = shapely.box(X0, Y0, X0 + width, Y0 + width)
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=extent))
    cells = np.asarray(shapely.intersection(cells, extent))
    if vertices:
        length = np.asarray(shapely.length(cells))
        cells = np.array(
            [shapely.segmentize(c, ln / vertices) for c, ln in zip(cells, length, strict=True)]
        )
    return cells


def make_zones(n_zones: int, vertices: int = 500, seed: int = 0) -> gpd.GeoDataFrame:
    geoms = voronoi_polygons(n_zones, vertices=vertices, seed=seed)
    return gpd.GeoDataFrame(
        {"quarter_id": [f"Q{i:04d}" for i in range(len(geoms))]},
        geometry=geoms,
        crs="EPSG:25832",
    )


def make_points(n: int, seed: int = 1, margin: float = 200.0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x = X0 - margin + rng.random(n) * (WIDTH + 2 * margin)
    y = Y0 - margin + rng.random(n) * (WIDTH + 2 * margin)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs="EPSG:25832")


def _best_of(fn: Any, repeat: int) -> tuple[float, float, Any]:
    """Best wall-clock and CPU seconds (all threads) of ``repeat`` runs, and the result."""
    best, best_cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best, best_cpu, out


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time both methods; one result dict per case."""
    import geoinnenstadt as gi

    cases = [(20_000, 30)] if quick else [(1_000_000, 300)]
    repeat = 1 if quick else 3
    results = []
    for n_points, n_zones in cases:
        zones = make_zones(n_zones)
        points = make_points(n_points)
        zones_only = zones[["quarter_id", "geometry"]]

        def ours(points: gpd.GeoDataFrame = points, zones: gpd.GeoDataFrame = zones) -> Any:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", gi.zones.OutsideZonesWarning)
                return gi.zones.assign(points, zones)

        def sjoin(points: gpd.GeoDataFrame = points, zones: Any = zones_only) -> Any:
            return gpd.sjoin(points, zones, predicate="within", how="left")

        t_ours, c_ours, got = _best_of(ours, repeat)
        t_sjoin, c_sjoin, joined = _best_of(sjoin, repeat)
        # sjoin gives a row per (point, zone) pair: compare where it found exactly one zone
        single = ~joined.index.duplicated(keep=False)
        ref = joined.loc[single, "quarter_id"]
        mine = got.loc[ref.index]
        agree = bool(((mine == ref) | (mine.isna() & ref.isna())).all())
        results.append(
            {
                "benchmark": "zones.assign vs geopandas.sjoin(within)",
                "points": n_points,
                "zones": n_zones,
                "vertices_per_zone": float(
                    shapely.get_num_coordinates(zones.geometry.values).mean()
                ),
                "seconds": round(t_ours, 4),
                "seconds_peer": round(t_sjoin, 4),
                "points_per_s": round(n_points / t_ours),
                "points_per_s_peer": round(n_points / t_sjoin),
                "speedup": round(t_sjoin / t_ours, 2),
                "cpu_seconds": round(c_ours, 4),
                "cpu_seconds_peer": round(c_sjoin, 4),
                "n_outside": got.attrs["n_outside"],
                "same_result": agree,
            }
        )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    args = parser.parse_args(argv)
    for row in run(quick=args.quick):
        print(", ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
