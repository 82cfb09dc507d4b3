"""Benchmark: ``gi.preemption.parcels_in`` vs ``geopandas.overlay(how="intersection")``.

200,000 Voronoi parcels × 300 Voronoi pre-emption areas densified to about
500 vertices, in EPSG:25832. Reports the speed ratio and checks that the
per-area parcel-area totals agree (relative 1e-6) with ``min_share=0``.

Run ``python bench/bench_preemption.py [--quick]`` or ``python -m bench``.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

try:
    from .bench_zones import voronoi_polygons
except ImportError:  # run as a script: python bench/bench_preemption.py
    from bench_zones import voronoi_polygons  # type: ignore[no-redef]


def make_parcels(n: int, seed: int = 2) -> gpd.GeoDataFrame:
    """``n`` Voronoi parcels with valid, unique Flurstückskennzeichen."""
    geoms = voronoi_polygons(n, seed=seed)
    i = np.arange(len(geoms))
    ids = [
        f"05{3000 + g:04d}{f:03d}{z:05d}______"
        for g, f, z in zip(i // 100_000, (i // 1000) % 1000, i % 1000 + 1, strict=True)
    ]
    return gpd.GeoDataFrame({"parcel_id": ids}, geometry=geoms, crs="EPSG:25832")


def make_areas(n: int, vertices: int = 500, seed: int = 3) -> gpd.GeoDataFrame:
    geoms = voronoi_polygons(n, vertices=vertices, seed=seed)
    return gpd.GeoDataFrame(
        {
            "area_id": [f"VK{i:04d}" for i in range(len(geoms))],
            "name": [f"Gebiet {i}" for i in range(len(geoms))],
            "legal_basis": "§ 25 Abs. 1 Nr. 2 BauGB",
        },
        geometry=geoms,
        crs="EPSG:25832",
    )


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time both methods; one result dict per case."""
    import geoinnenstadt as gi

    cases = [(5_000, 20)] if quick else [(200_000, 300)]
    results = []
    for n_parcels, n_areas in cases:
        parcels = make_parcels(n_parcels)
        areas = make_areas(n_areas)
        t, c = time.perf_counter(), time.process_time()
        ours = gi.preemption.parcels_in(parcels, areas, min_share=0)
        t_ours, c_ours = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        peer = gpd.overlay(parcels, areas[["area_id", "geometry"]], how="intersection")
        t_peer, c_peer = time.perf_counter() - t, time.process_time() - c
        totals = ours.groupby("area_id")["overlap_m2"].sum()
        peer_totals = peer.geometry.area.groupby(peer["area_id"].to_numpy()).sum()
        both = pd.concat([totals, peer_totals], axis=1, keys=["ours", "peer"]).fillna(0.0)
        rel = (both["ours"] - both["peer"]).abs() / both["peer"].abs().clip(lower=1e-9)
        results.append(
            {
                "benchmark": "preemption.parcels_in vs geopandas.overlay(intersection)",
                "parcels": n_parcels,
                "areas": n_areas,
                "pairs": len(ours),
                "seconds": round(t_ours, 4),
                "seconds_peer": round(t_peer, 4),
                "parcels_per_s": round(n_parcels / t_ours),
                "speedup": round(t_peer / t_ours, 2),
                "cpu_seconds": round(c_ours, 4),
                "cpu_seconds_peer": round(c_peer, 4),
                "max_rel_total_diff": float(rel.max()),
                "same_totals": bool((rel <= 1e-6).all()),
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
