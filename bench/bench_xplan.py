"""Benchmark: ``gi.read_xplan`` (standard XML parser) vs GDAL's GML driver through pyogrio.

The decision of issue 21 (part 4): read XPlanGML with the standard library's XML parser or
with GDAL's GML driver. The file is a synthetic XPlanGML 6.0 F-Plan in the structure that
``sample_data/xplan.py`` writes (``FP_BebauungsFlaeche`` with both codes, ``FP_Gruen``,
``FP_Gewaesser``), a grid of ``cells × cells`` areas, each a polygon of 64 vertices
(a large municipal FNP has a few thousand areas). Both sides run in fresh Python
processes, offline; the peak memory is each side's ``VmHWM`` (``ru_maxrss`` would carry
the parent's peak over ``fork``):

* **ours**: ``gi.read_xplan(path)`` — the areas of all three classes, codes → ``landuse``,
  plan names, reprojection check, validity check (and repair);
* **peer**: ``pyogrio.read_dataframe`` of each of the three layers with the GML driver
  (open options ``DOWNLOAD_SCHEMA=NO``, ``WRITE_GFS=NO``: no schema download, no ``.gfs``
  written beside the file), concatenated — no codes mapped, no plan names, no checks.

Both read the same number of areas with the same total area (``area_difference_m2``).

Run ``python bench/bench_xplan.py [--quick]`` or ``python -m bench --only bench_xplan``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Polygon

ROOT = Path(__file__).resolve().parent.parent

OURS = """
import json, time, warnings
import geoinnenstadt as gi
t = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    plan = gi.read_xplan({path!r})
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "rows": len(plan), "area": float(plan.area.sum()),
    "hwm_kib": int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))}}))
"""

PEER = """
import json, time
import pandas as pd, pyogrio
t = time.perf_counter()
opts = {{"DOWNLOAD_SCHEMA": "NO", "WRITE_GFS": "NO"}}
parts = [pyogrio.read_dataframe({path!r}, layer=name, **opts)
         for name in ("FP_BebauungsFlaeche", "FP_Gruen", "FP_Gewaesser")]
plan = pd.concat(parts, ignore_index=True)
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "rows": len(plan), "area": float(plan.area.sum()),
    "hwm_kib": int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))}}))
"""

_TYPES = ("GE", "GI", "MI", "W", "green", "water", "MK", "SO")


def make_plan(path: Path, cells: int) -> int:
    """Write the benchmark plan (``cells × cells`` areas of 64 vertices); returns their number."""
    sys.path.insert(0, str(ROOT))
    from sample_data.xplan import write_fplan

    x0, y0, size = 390_000.0, 5_700_000.0, 200.0
    angles = np.linspace(0, 2 * math.pi, 64, endpoint=False)
    rows, geoms = [], []
    for i in range(cells):
        for j in range(cells):
            cx, cy = x0 + i * size, y0 + j * size
            r = size * (0.35 + 0.1 * np.cos(4 * angles + i + j))  # a wavy round area
            geoms.append(
                Polygon(np.column_stack([cx + r * np.cos(angles), cy + r * np.sin(angles)]))
            )
            kind = _TYPES[(i * cells + j) % len(_TYPES)]
            rows.append(
                {
                    "context_id": f"B{i:03d}-{j:03d}",
                    "category": "water" if kind == "water" else "landuse",
                    "landuse": None if kind == "water" else kind,
                }
            )
    context = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:25832")
    write_fplan(SimpleNamespace(context=context, name="Benchmark"), path)
    return len(context)


def _child(code: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time both sides in fresh processes on one file; one result dict."""
    cells = 5 if quick else 70
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fnp.gml"
        areas = make_plan(path, cells)
        size_mb = path.stat().st_size / 1e6
        ours = min((_child(OURS.format(path=str(path))) for _ in range(repeat)),
                   key=lambda r: r["seconds"])  # fmt: skip
        peer = min((_child(PEER.format(path=str(path))) for _ in range(repeat)),
                   key=lambda r: r["seconds"])  # fmt: skip
        side_files = sorted(p.name for p in Path(tmp).iterdir() if p.name != "fnp.gml")
    return [
        {
            "benchmark": "read_xplan (XML parser) vs pyogrio GML driver",
            "areas": areas,
            "file_mb": round(size_mb, 1),
            "seconds": round(ours["seconds"], 2),
            "seconds_peer": round(peer["seconds"], 2),
            "ratio_to_peer": round(ours["seconds"] / peer["seconds"], 2),
            "peak_mib": round(ours["hwm_kib"] / 1024),
            "peak_mib_peer": round(peer["hwm_kib"] / 1024),
            "rows": ours["rows"],
            "rows_peer": peer["rows"],
            "area_difference_m2": round(abs(ours["area"] - peer["area"]), 3),
            "files_written_beside": ", ".join(side_files) or "none",
        }
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    args = parser.parse_args(argv)
    for result in run(quick=args.quick):
        print(json.dumps(result))


if __name__ == "__main__":
    main()
