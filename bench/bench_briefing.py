"""Benchmark: ``make briefing`` before and after compute-once (issue 25), in one run.

``geoinnenstadt briefing`` is run in a child process, as ``make briefing`` runs it:

* the two samples (Dortmund and Düsseldorf), all notebooks;
* a generated big city (20,000 units × 4 surveys, 225 quarters; the city of
  :func:`bench.bench_panel.big_city`, written to a GeoPackage), notebook 01
  (the vacancy briefing: the one that computed the same figures several times).

With ``--before-tree PATH`` (a checkout of the code before the result objects,
e.g. ``git worktree add /tmp/before 752728a``) each case also runs on that code,
right before the current code, so both are measured in the same run on the same
machine; the ratio before/after is reported. ``--quick`` runs only the Dortmund
vacancy notebook on the current code (CI checks that the benchmark runs, not its
speed). Wall seconds of the whole child process (start-up and notebook kernels
included, as a planner waits for them).

Run ``python -m bench.bench_briefing [--quick] [--before-tree PATH]`` or
``python -m bench --only bench_briefing``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _briefing(tree: Path, data: list[str], notebooks: list[str], out: Path) -> float:
    """Seconds of one ``geoinnenstadt briefing`` run on the package in ``tree``."""
    cmd = [sys.executable, "-m", "geoinnenstadt.cli", "briefing", "--out", str(out)]
    cmd += [arg for d in data for arg in ("--data", d)]
    cmd += [arg for n in notebooks for arg in ("--notebook", n)]
    cmd.append("--no-progress")
    env = {**os.environ, "PYTHONPATH": str(tree)}  # the kernels import the same tree
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"briefing on {tree} failed: {' | '.join(tail)}")
    return seconds


def run(quick: bool = False, before_tree: str | None = None) -> list[dict[str, Any]]:
    """One row per case: seconds after (and before, with ``before_tree``) and the ratio."""
    import geoinnenstadt as gi

    from .bench_panel import big_city

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cases: list[tuple[str, list[str], list[str]]] = []
        if quick:
            cases.append(("dortmund, notebook 01", ["dortmund"], ["01_leerstand_city"]))
        else:
            city = big_city(20_000, side=15)
            big = gi.write_city(city, tmp_path / "big.gpkg")
            cases.append(("samples dortmund + duesseldorf, all notebooks (make briefing)",
                          ["dortmund", "duesseldorf"], []))  # fmt: skip
            cases.append(("20,000 units x 4, 225 quarters, notebook 01",
                          [str(big)], ["01_leerstand_city"]))  # fmt: skip
        for i, (name, data, notebooks) in enumerate(cases):
            row: dict[str, Any] = {"benchmark": "briefing", "case": name}
            if before_tree:
                b = _briefing(Path(before_tree), data, notebooks, tmp_path / f"before{i}")
                row["before_s"] = round(b, 1)
            a = _briefing(ROOT, data, notebooks, tmp_path / f"after{i}")
            row["after_s"] = round(a, 1)
            if before_tree:
                row["ratio"] = round(b / a, 2)
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    """Print one line per case."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the Dortmund vacancy notebook")
    parser.add_argument("--before-tree", help="checkout of the code before the result objects")
    args = parser.parse_args(argv)
    for row in run(quick=args.quick, before_tree=args.before_tree):
        print(", ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
