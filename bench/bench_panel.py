"""Benchmark: compute once, render many (issue 25) — the vacancy outputs of notebook 01.

Two cities: the Dortmund sample and a generated big city (20,000 units × 4
surveys, 225 quarters of 200 m × 200 m; ``--quick``: 600 units, 9 quarters).
Each is measured twice in the same run, in the same process:

* ``before``: every output built from the city, as notebook 01 did before
  :func:`geoinnenstadt.vacancy.panel` — key figures, the rates table,
  ``vacancy_map(city)`` (written to HTML), the print map ``vacancy_plot(city)``,
  the trend (chart and table), the hot-spot table and the flows, each computing
  its own figures;
* ``after``: one ``gi.vacancy.panel`` and the same outputs made from it.

The calls of ``gi.vacancy.rates`` and ``gi.vacancy.hotspots`` are counted, and
the ratio before/after of the seconds is reported.

Wall and CPU seconds are reported (the CPU time of the process is less
disturbed by other load on a shared machine). Since every convenience call (``vacancy_map(city)``, ``vacancy_plot(city)``,
``vacancy_key_figures(units, quarters)``) now builds a panel of its own, the
in-process ``before`` computes more than the code before the panel did. With
``--before-tree PATH`` (a checkout of that code, e.g. the commit before issue
25) the ``before`` sequence runs in a child process on that code instead —
the true before, measured in the same run.

Run ``python -m bench.bench_panel [--quick] [--before-tree PATH]`` or
``python -m bench --only bench_panel``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

X0, Y0 = 392_000.0, 5_707_000.0
SURVEYS = ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"]


def big_city(n_units: int = 20_000, side: int = 15, cell: float = 200.0, seed: int = 7) -> Any:
    """``side``² square quarters and ``n_units`` units surveyed at 4 dates (about 3 % leave)."""
    import geopandas as gpd
    from shapely.geometry import box

    import geoinnenstadt as gi

    rng = np.random.default_rng(seed)
    quarters = gpd.GeoDataFrame(
        {
            "quarter_id": [f"Q{i:03d}" for i in range(side * side)],
            "name": [f"Quartier {i + 1}" for i in range(side * side)],
        },
        geometry=[
            box(X0 + c * cell, Y0 + r * cell, X0 + (c + 1) * cell, Y0 + (r + 1) * cell)
            for r in range(side)
            for c in range(side)
        ],
        crs="EPSG:25832",
    )
    xy = rng.random((n_units, 2)) * side * cell
    frames = []
    for k, day in enumerate(SURVEYS):
        date = pd.Timestamp(day)
        present = rng.random(n_units) > 0.03 * k  # a few units leave each year
        vacant = rng.random(n_units) < 0.1
        since = date - pd.to_timedelta(rng.integers(30, 900, n_units), unit="D")
        frames.append(
            pd.DataFrame(
                {
                    "unit_id": [f"U{i:06d}" for i in range(n_units)],
                    "survey_date": date,
                    "status": np.where(vacant, "vacant", "occupied"),
                    "floor_area_m2": rng.integers(20, 900, n_units).astype(float),
                    "vacant_since": pd.Series(since).where(vacant),
                    "address": [f"Teststraße {i}" for i in range(n_units)],
                    "x": X0 + xy[:, 0],
                    "y": Y0 + xy[:, 1],
                }
            )[present]
        )
    table = pd.concat(frames, ignore_index=True)
    units = gpd.GeoDataFrame(
        table.drop(columns=["x", "y"]),
        geometry=gpd.points_from_xy(table["x"], table["y"]),
        crs="EPSG:25832",
    )
    return gi.City(units=units, quarters=quarters, meta={"name": "Großstadt (generiert)"})


def before(city: Any, min_count: int | None) -> None:
    """The outputs of notebook 01, each built from the city (no shared panel)."""
    import matplotlib.pyplot as plt

    import geoinnenstadt as gi
    from geoinnenstadt import briefing as br

    units, quarters = city.units, city.quarters
    figures = br.vacancy_key_figures(units, quarters)
    rates = gi.vacancy.rates(units, quarters, at=figures.attrs["at"])
    if min_count:
        br.publication_table(rates, min_count=min_count)
    gi.maps.to_html(gi.maps.vacancy_map(city, at=figures.attrs["at"], min_count=min_count))
    plt.close(gi.plots.vacancy_plot(city, context=False))
    trend = gi.vacancy.trend(units, quarters)
    plt.close(gi.plots.trend_plot(trend, public=bool(min_count), min_count=min_count))
    br.trend_table(trend, public=bool(min_count), min_count=min_count)
    spots = gi.vacancy.hotspots(units, at=figures.attrs["at"])
    br.hotspot_summary(spots, quarters, public=bool(min_count), min_count=min_count)
    br.latest_flows(units, quarters, at=figures.attrs["at"])


def after(city: Any, min_count: int | None) -> None:
    """The same outputs from one panel."""
    import matplotlib.pyplot as plt

    import geoinnenstadt as gi
    from geoinnenstadt import briefing as br

    public = bool(min_count)
    p = gi.vacancy.panel(city.units, city.quarters, min_count=min_count)
    br.vacancy_key_figures(panel=p)
    br.vacancy_table(p, public=public)
    gi.maps.to_html(gi.maps.vacancy_map(city, panel=p))
    plt.close(gi.plots.vacancy_plot(city, panel=p, context=False))
    plt.close(gi.plots.trend_plot(p, public=public))
    br.trend_table(p, public=public)
    br.hotspot_summary(p, public=public)
    br.latest_flows(panel=p)


def _measure(run: Callable[[Any, int | None], None], city: Any, min_count: int | None) -> dict:
    """Seconds and the calls of rates/hotspots of one sequence."""
    import geoinnenstadt as gi

    calls = {"rates": 0, "hotspots": 0}
    real = {name: getattr(gi.vacancy, name) for name in calls}

    def counted(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real[name](*args, **kwargs)

        return call

    for name in calls:
        setattr(gi.vacancy, name, counted(name))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t, cpu = time.perf_counter(), time.process_time()
            run(city, min_count)
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    finally:
        for name in calls:
            setattr(gi.vacancy, name, real[name])
    return {"seconds": seconds, "cpu": cpu, **calls}


_CHILD = r"""
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]  # the old code first, then this folder
import matplotlib
matplotlib.use("Agg")
import geoinnenstadt as gi
import bench_panel as bp
name, min_count = sys.argv[3], (int(sys.argv[4]) or None)
city = gi.load_sample("dortmund") if name == "dortmund" else bp.big_city(*json.loads(name))
bp._measure(bp.before, bp.big_city(200, side=2), min_count)  # warm-up: imports, first calls
print(json.dumps(bp._measure(bp.before, city, min_count)))
"""


def _measure_old(tree: str, key: str, min_count: int | None) -> dict:
    """:func:`before` on the code in ``tree``, in a child process."""
    here = os.path.dirname(os.path.abspath(__file__))
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, tree, here, key, str(min_count or 0)],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "child failed")
    out: dict = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def run(quick: bool = False, before_tree: str | None = None) -> list[dict[str, Any]]:
    """One row per city: seconds and call counts before and after, and the ratio."""
    import matplotlib

    matplotlib.use("Agg")
    import geoinnenstadt as gi

    size = [600, 3] if quick else [20_000, 15]
    cities = [
        ("dortmund (sample)", "dortmund", gi.load_sample("dortmund")),
        (f"generated {size[0]:,} units x 4, {size[1] ** 2} quarters", json.dumps(size),
         big_city(size[0], side=size[1])),
    ]  # fmt: skip
    if quick:  # the test that no benchmark rots: the small generated city is enough
        cities = cities[1:]
    warm = big_city(200, side=2)
    for run_one in (before, after):  # warm-up: imports and first calls are not measured
        _measure(run_one, warm, 5)
    rows = []
    for name, key, city in cities:
        for min_count in (None, 5):
            if before_tree:
                b = _measure_old(before_tree, key, min_count)
            else:
                b = _measure(before, city, min_count)
            a = _measure(after, city, min_count)
            rows.append(
                {
                    "benchmark": "notebook 01 vacancy outputs",
                    "city": name,
                    "before": "old code (child)" if before_tree else "no shared panel",
                    "public": f"min_count={min_count}" if min_count else "no",
                    "before_s": round(b["seconds"], 2),
                    "after_s": round(a["seconds"], 2),
                    "ratio": round(b["seconds"] / a["seconds"], 2),
                    "before_cpu_s": round(b["cpu"], 2),
                    "after_cpu_s": round(a["cpu"], 2),
                    "cpu_ratio": round(b["cpu"] / a["cpu"], 2),
                    "rates_calls": f"{b['rates']} -> {a['rates']}",
                    "hotspots_calls": f"{b['hotspots']} -> {a['hotspots']}",
                }
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    parser.add_argument("--before-tree", help="checkout of the code before the panel")
    args = parser.parse_args(argv)
    for row in run(quick=args.quick, before_tree=args.before_tree):
        print(", ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
