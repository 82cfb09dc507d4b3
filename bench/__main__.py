"""Benchmark runner: ``python -m bench [--quick] [--only NAME ...] [--out DIR]`` (``make bench``).

Runs every benchmark module's ``run(quick)`` in this one invocation, so that
each operation is compared with its peers measured in the same run on the
same machine, and writes a Markdown table to ``bench/results/`` naming the
machine (cores, RAM) and library versions. ``--quick`` uses tiny sizes: CI
runs it so the benchmark code cannot rot; CI does not judge the speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

MODULES = (
    "bench_zones",
    "bench_preemption",
    "bench_scale",
    "bench_maps",
    "bench_hotspots",
    "bench_geocode",
    "bench_state",
    "bench_panel",
    "bench_briefing",
    "bench_footfall",
    "bench_xplan",
    "bench_matching",
)
RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, str]:
    """Cores, RAM and the versions of the libraries whose speed is compared."""
    info = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": str(os.cpu_count()),
    }
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        info["ram_gib"] = f"{pages / 2**30:.1f}"
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        info["ram_gib"] = "?"
    for name in (
        "geoinnenstadt",
        "geopandas",
        "shapely",
        "pyogrio",
        "pandas",
        "numpy",
        "duckdb",
        "dask_geopandas",
        "folium",
    ):
        try:
            info[name] = str(importlib.import_module(name).__version__)
        except Exception:
            info[name] = "not installed"
    return info


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"
    return str(v)


def to_markdown(
    sections: dict[str, list[dict[str, Any]]], info: dict[str, str], quick: bool
) -> str:
    lines = [f"# geoinnenstadt benchmarks{' (quick)' if quick else ''}", ""]
    lines += [f"- **{k}**: {v}" for k, v in info.items()]
    for name, rows in sections.items():
        lines += ["", f"## {name}", ""]
        if not rows:
            lines.append("(no rows)")
            continue
        cols: list[str] = []
        for r in rows:
            cols += [c for c in r if c not in cols]
        lines.append("| " + " | ".join(cols) + " |")
        lines.append("|" + "---|" * len(cols))
        for r in rows:
            lines.append("| " + " | ".join(_fmt(r.get(c, "")) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, seconds in total")
    parser.add_argument("--only", nargs="*", choices=MODULES, help="run only these modules")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the Markdown table")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sections: dict[str, list[dict[str, Any]]] = {}
    failed = []
    for name in args.only or MODULES:
        t = time.perf_counter()
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            sections[name] = module.run(quick=args.quick)
        except Exception as exc:
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
            sections[name] = [{"error": f"{type(exc).__name__}: {exc}"}]
        print(
            f"[bench] {name} done in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True
        )
    text = to_markdown(sections, machine(), args.quick)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d")
    target = args.out / f"{stamp}{'-quick' if args.quick else ''}.md"
    tmp = target.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    print(text)
    print(f"written: {target}", file=sys.stderr)
    if failed:
        print("failed:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
