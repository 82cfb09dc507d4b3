"""Benchmark: ``gi.matching.match`` vs a plain pandas cross join with the same hard filters.

5,000 requests (*Ansiedlungsgesuche*) × a units layer of 50,000 units (one survey
on 30.06.2025) in 40 quarters on a 20 × 20 km grid. Requests: floor areas from
small shops (40–120 m²) to large formats (800–2,500 m²), 60 % on the ground
floor, 20 % step-free, half with a rent limit, a third with one or two
preferred quarters. Units: floor areas log-normal around 150 m², 70 % on the
ground floor, step-free true/false/unknown, an asking rent for 80 %. Two
cases: ``vacant_share`` 0.1 (a city centre's usual vacancy, DOMAIN.md) and 1.0
(every unit of the layer vacant: 250 million pairs to filter).

* **ours**: ``gi.matching.match(requests, units, quarters=quarters, top=5)`` –
  the state at the date (inventory rule and durations of ``gi.vacancy``), the
  quarters (``gi.zones.assign``), the use mix (``gi.uses.mix``), every hard
  filter, the score, the top 5 per request and their reasons in German.
* **peer**: plain pandas – the vacant units by ``status``, then per chunk of
  100 requests ``merge(how="cross")`` with the same hard filters (tolerance
  0.1, ground floor, step-free with unknown failing, rent when both known),
  and the number of passing pairs per request. No score, no ranking, no text.

Both run in a fresh Python process each (peak memory ``VmHWM`` is its own).
Check: for every request, ours proposes ``min(5, n)`` units where the peer
counts ``n`` passing pairs.

Run ``python bench/bench_matching.py [--quick]`` or ``python -m bench --only bench_matching``.
Goal of issue 22: 5,000 requests × 50,000 units under 10 s and under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

PEAK = """
def peak_mb():
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")
"""

OURS = (
    PEAK
    + """
import json, time, warnings
import geopandas as gpd, pandas as pd
import geoinnenstadt as gi
units = gpd.read_parquet({units!r})
quarters = gpd.read_parquet({quarters!r})
requests = pd.read_parquet({requests!r})
t = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    res = gi.matching.match(requests, units, quarters=quarters, top=5)
seconds = time.perf_counter() - t
found = res.dropna(subset=["unit_id"]).groupby("request_id").size()
print(json.dumps({{"seconds": seconds, "rows": len(res), "peak_rss_mb": peak_mb(),
    "per_request": {{str(k): int(v) for k, v in found.items()}}}}))
"""
)

PEER = (
    PEAK
    + """
import json, time
import geopandas as gpd, numpy as np, pandas as pd
units = gpd.read_parquet({units!r})
requests = pd.read_parquet({requests!r})
t = time.perf_counter()
vac = pd.DataFrame(units.loc[units["status"] == "vacant",
    ["unit_id", "floor_area_m2", "ground_floor", "step_free", "asking_rent_eur_m2"]])
req = requests[requests["status"] == "open"][["request_id", "min_floor_area_m2",
    "max_floor_area_m2", "ground_floor_required", "step_free_required", "max_rent_eur_m2"]]
counts = []
for start in range(0, len(req), 100):
    pairs = req.iloc[start:start + 100].merge(vac, how="cross")
    ok = (pairs["floor_area_m2"] >= pairs["min_floor_area_m2"] * 0.9) & (
        pairs["floor_area_m2"] <= pairs["max_floor_area_m2"] * 1.1)
    ok &= ~pairs["ground_floor_required"] | pairs["ground_floor"].fillna(False)
    ok &= ~pairs["step_free_required"].fillna(False) | pairs["step_free"].fillna(False)
    ok &= ~(pairs["asking_rent_eur_m2"] > pairs["max_rent_eur_m2"])
    counts.append(pairs.loc[ok.to_numpy(bool)].groupby("request_id").size())
n = pd.concat(counts)
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "pairs": int(n.sum()), "peak_rss_mb": peak_mb(),
    "per_request": {{str(k): int(v) for k, v in n.items()}}}}))
"""
)


def make_data(
    directory: Path, n_units: int, n_requests: int, vacant_share: float, seed: int = 22
) -> dict[str, Path]:
    """Write units, quarters and requests as (Geo)Parquet; the paths (not timed)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    rng = np.random.default_rng(seed)
    side, cells = 20_000.0, 8
    x0, y0 = 380_000.0, 5_690_000.0
    size = side / cells
    boxes = [
        shapely.box(x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)
        for j in range(5)
        for i in range(cells)
    ]
    quarters = gpd.GeoDataFrame(
        {
            "quarter_id": [f"Q{k:02d}" for k in range(len(boxes))],
            "name": [f"Quartier {k}" for k in range(len(boxes))],
        },
        geometry=boxes,
        crs="EPSG:25832",
    )
    xy = np.c_[x0 + rng.random(n_units) * side, y0 + rng.random(n_units) * 5 * size]
    vacant = rng.random(n_units) < vacant_share
    uses = np.array(["retail_short.food", "retail_medium.clothing", "gastronomy", "services",
                     "office", "health"])  # fmt: skip
    since = pd.Timestamp("2025-06-30") - pd.to_timedelta(rng.integers(30, 3000, n_units), "D")
    step = rng.choice([True, False, None], n_units, p=[0.4, 0.3, 0.3])
    units = gpd.GeoDataFrame(
        {
            "unit_id": [f"U{k:06d}" for k in range(n_units)],
            "survey_date": pd.Timestamp("2025-06-30"),
            "status": np.where(vacant, "vacant", "occupied"),
            "floor_area_m2": np.round(np.exp(rng.normal(np.log(150), 0.7, n_units)), 1) + 10,
            "ground_floor": pd.array(rng.random(n_units) < 0.7, dtype="boolean"),
            "step_free": pd.array(step, dtype="boolean"),
            "asking_rent_eur_m2": np.where(
                rng.random(n_units) < 0.8, np.round(rng.uniform(6, 40, n_units), 2), np.nan
            ),
            "use": np.where(vacant, None, uses[rng.integers(0, len(uses), n_units)]),
            "vacant_since": np.where(vacant, since, pd.NaT),
        },
        geometry=shapely.points(xy),
        crs="EPSG:25832",
    )
    units["vacant_since"] = pd.to_datetime(units["vacant_since"])
    kinds = [(40, 120), (80, 200), (150, 300), (200, 600), (800, 2500)]
    k = rng.integers(0, len(kinds), n_requests)
    low = np.array([kinds[i][0] for i in k]) * rng.uniform(1, 1.5, n_requests)
    high = np.maximum(low, np.array([kinds[i][1] for i in k]) * rng.uniform(0.7, 1, n_requests))
    prefs = [
        ", ".join(f"Q{q:02d}" for q in rng.choice(len(boxes), rng.integers(1, 3), replace=False))
        if rng.random() < 0.33
        else ""
        for _ in range(n_requests)
    ]
    requests = pd.DataFrame(
        {
            "request_id": [f"G{k:05d}" for k in range(n_requests)],
            "received_on": pd.Timestamp("2025-05-01"),
            "use": uses[rng.integers(0, len(uses), n_requests)],
            "min_floor_area_m2": np.round(low),
            "max_floor_area_m2": np.round(high),
            "ground_floor_required": rng.random(n_requests) < 0.6,
            "preferred_quarters": prefs,
            "max_rent_eur_m2": np.where(
                rng.random(n_requests) < 0.5, np.round(rng.uniform(8, 30, n_requests), 1), np.nan
            ),
            "step_free_required": rng.random(n_requests) < 0.2,
            "status": "open",
            "contact_name": "Beispiel",
        }
    )
    paths = {
        "units": directory / "units.parquet",
        "quarters": directory / "quarters.parquet",
        "requests": directory / "requests.parquet",
    }
    units.to_parquet(paths["units"])
    quarters.to_parquet(paths["quarters"])
    requests.to_parquet(paths["requests"])
    return paths


def _child(code: str, paths: dict[str, Path]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code.format(**{k: str(v) for k, v in paths.items()})],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Ours and the peer on both vacancy shares; one row per case and method."""
    n_units, n_requests = (2_000, 200) if quick else (50_000, 5_000)
    rows: list[dict[str, Any]] = []
    for share in (0.1, 1.0):
        with tempfile.TemporaryDirectory(prefix="bench_matching.") as tmp:
            paths = make_data(Path(tmp), n_units, n_requests, share)
            ours = _child(OURS, paths)
            peer = _child(PEER, paths)
        check = ""
        if "per_request" in ours and "per_request" in peer:
            expected = {k: min(5, v) for k, v in peer["per_request"].items() if v}
            check = "same" if expected == ours["per_request"] else "DIFFERENT"
        for name, r in (("gi.matching.match", ours), ("pandas cross join", peer)):
            row = {
                "case": f"{n_requests:,} requests × {n_units:,} units, {share:.0%} vacant",
                "method": name,
                **{k: v for k, v in r.items() if k != "per_request"},
            }
            if name == "gi.matching.match" and "seconds" in r and "seconds" in peer:
                row["time_vs_peer"] = r["seconds"] / peer["seconds"]
                row["units_per_request_as_peer"] = check
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    args = parser.parse_args(argv)
    for result in run(quick=args.quick):
        print(json.dumps(result))


if __name__ == "__main__":
    main()
