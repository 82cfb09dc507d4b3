"""Benchmark: ``gi.footfall.read`` + ``gi.footfall.daily`` vs plain ``pandas.read_csv`` + ``groupby``.

50 counters × 5 years of hourly counts (2021–2025, about 2.2 million rows) in
an Opendatasoft-style CSV (``location_id;location_name;timestamp;
pedestrians_count;unverified``, timestamps with offset across every clock
change), with a few gaps, duplicates and unverified rows. Each side runs in
a fresh Python process so that its peak memory (``ru_maxrss``) is its own.
The peer reads the same file with ``pandas.read_csv``, converts the times
with ``pandas.to_datetime(utc=True)`` to Europe/Berlin and sums per counter
and local day with ``groupby`` — no checks, no report, duplicates counted
twice. Both give the same daily sums where the day has no duplicate.

Run ``python bench/bench_footfall.py [--quick]`` or ``python -m bench --only bench_footfall``.
Goal of issue 20: read + daily under 10 s and under 1 GB.
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
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

OURS = """
import json, resource, time, warnings
import geoinnenstadt as gi
t = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    ff = gi.footfall.read({path!r})
t_read = time.perf_counter() - t
days = gi.footfall.daily(ff)
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "read_seconds": t_read, "rows": len(ff),
    "days": len(days), "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "checksum": int(days["pedestrians"].sum()), "left_out": len(ff.report.left_out),
    "missing_hours": ff.report.n_missing_hours}}))
"""

PEER = """
import json, resource, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv({path!r}, sep=";")
ts = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601").dt.tz_convert("Europe/Berlin")
day = ts.dt.tz_localize(None).dt.normalize()
days = df.groupby([df["location_id"], day])["pedestrians_count"].sum()
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "rows": len(df), "days": len(days),
    "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "checksum": int(days.sum())}}))
"""


def make_csv(path: Path, counters: int, years: int, seed: int = 0) -> int:
    """Write the benchmark file; returns the number of data rows."""
    rng = np.random.default_rng(seed)
    t = pd.date_range(
        "2021-01-01 00:00", f"{2020 + years}-12-31 23:00", freq="h", tz="Europe/Berlin"
    )
    text = pd.Series(t.strftime("%Y-%m-%dT%H:%M:%S%z")).str.replace(
        r"(\d{2})(\d{2})$", r"\1:\2", regex=True
    )
    hour = t.hour.to_numpy()
    shape = np.exp(-((hour - 14) ** 2) / 18.0)
    frames = []
    for c in range(counters):
        n = (shape * rng.uniform(800, 4000) + rng.poisson(5, len(t))).astype(np.int64)
        frame = pd.DataFrame(
            {
                "location_id": c + 1,
                "location_name": f"Zählstelle {c + 1}",
                "timestamp": text.to_numpy(),
                "pedestrians_count": n,
                "unverified": np.where(rng.random(len(t)) < 0.001, "True", "False"),
            }
        )
        keep = rng.random(len(t)) >= 0.0005  # gaps
        frame = frame.loc[keep]
        dup = frame.sample(n=5, random_state=c)  # re-delivered hours
        frames.append(pd.concat([frame, dup]))
    table = pd.concat(frames, ignore_index=True)
    table.to_csv(path, sep=";", index=False)
    return len(table)


def _child(code: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time both sides in fresh processes; one result dict."""
    counters, years = (3, 1) if quick else (50, 5)
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stundendaten.csv"
        rows = make_csv(path, counters, years)
        size_mb = path.stat().st_size / 1e6
        ours = min((_child(OURS.format(path=str(path))) for _ in range(repeat)),
                   key=lambda r: r["seconds"])  # fmt: skip
        peer = min((_child(PEER.format(path=str(path))) for _ in range(repeat)),
                   key=lambda r: r["seconds"])  # fmt: skip
    return [
        {
            "benchmark": "footfall.read + daily vs pandas.read_csv + groupby",
            "counters": counters,
            "years": years,
            "rows": rows,
            "file_mb": round(size_mb, 1),
            "seconds": round(ours["seconds"], 2),
            "read_seconds": round(ours["read_seconds"], 2),
            "seconds_peer": round(peer["seconds"], 2),
            "ratio_to_peer": round(ours["seconds"] / peer["seconds"], 2),
            "peak_mib": round(ours["maxrss_kib"] / 1024),
            "peak_mib_peer": round(peer["maxrss_kib"] / 1024),
            "left_out": ours["left_out"],
            "missing_hours": ours["missing_hours"],
            "sum_difference": peer["checksum"] - ours["checksum"],
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
