"""State scale from disk: 9.3 M parcels (all of NRW) × 300 pre-emption areas on a real dask cluster.

The parcels are Voronoi cells as in ``bench_preemption``/``bench_scale``
(10,000 per km², generated tile by tile of 1 km² so that no process holds
the whole layer), written once as partitioned GeoParquet (blocks of 5 × 5
tiles, 250,000 parcels per part; not timed). Then, each case in a fresh
process:

* ``scale``: ``dask scheduler`` and two ``dask worker`` processes (one
  thread each, started from the CLI as on a real cluster,
  ``bench/_cluster.py``); ``gi.scale.assign`` (representative point) and
  ``gi.scale.parcels_in(min_share=0, to=dir)`` over the dataset read lazily,
  then the per-area totals from the written result. Peak RSS: ``VmHWM`` of
  the client, the scheduler, the nannies and the workers (summed);
* ``in_memory``: the layer read with ``geopandas.read_parquet`` and
  ``gi.preemption.parcels_in`` / ``gi.zones.assign`` in the client process;
* ``duckdb``: DuckDB spatial reading the same GeoParquet files
  (``read_parquet``, ``ST_Intersection`` join, per-area sums).

Totals per area are compared with the in-memory path on the 1 M subset (the
first four parts), relative 1e-9.

Run ``python -m bench.bench_state [--quick] [--out FILE]`` (the full run
takes about 15 minutes on 2 cores) or ``python -m bench --only bench_state``.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

try:
    from ._cluster import ProcessCluster, vmhwm_mb
    from .bench_scale import _peak_rss_mb
    from .bench_zones import X0, Y0, voronoi_polygons
except ImportError:  # run as a script
    from _cluster import ProcessCluster, vmhwm_mb  # type: ignore[no-redef]
    from bench_scale import _peak_rss_mb  # type: ignore[no-redef]
    from bench_zones import X0, Y0, voronoi_polygons  # type: ignore[no-redef]

TILE_M = 1_000.0
PER_TILE = 10_000
BLOCK = 5  # tiles per part side


# --------------------------------------------------------------------------- data (not timed)


def _tile(col: int, row: int, per_tile: int, seed: int) -> np.ndarray:
    import shapely

    rng = np.random.default_rng([seed, col, row])
    x0, y0 = X0 + col * TILE_M, Y0 + row * TILE_M
    pts = shapely.multipoints(
        np.c_[x0 + rng.random(per_tile) * TILE_M, y0 + rng.random(per_tile) * TILE_M]
    )
    extent = shapely.box(x0, y0, x0 + TILE_M, y0 + TILE_M)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=extent))
    return np.asarray(shapely.intersection(cells, extent))


def _grid(n: int, per_tile: int) -> tuple[int, int]:
    tiles = int(np.ceil(n / per_tile))
    cols = int(np.ceil(np.sqrt(tiles)))
    return cols, int(np.ceil(tiles / cols))


def write_parcels(
    directory: Path, n: int, *, per_tile: int = PER_TILE, block: int = BLOCK, seed: int = 2
) -> list[Path]:
    """Write ``n`` Voronoi parcels as GeoParquet parts of ``block`` × ``block`` tiles; the part files."""
    import geopandas as gpd
    import pandas as pd

    cols, rows = _grid(n, per_tile)
    directory.mkdir(parents=True, exist_ok=True)
    files, start, tile_no = [], 0, 0
    n_tiles = int(np.ceil(n / per_tile))
    for brow in range(0, rows, block):
        for bcol in range(0, cols, block):
            geoms = []
            for row in range(brow, min(brow + block, rows)):
                for col in range(bcol, min(bcol + block, cols)):
                    if row * cols + col < n_tiles:
                        geoms.append(_tile(col, row, per_tile, seed))
                        tile_no += 1
            if not geoms:
                continue
            cells = np.concatenate(geoms)
            i = np.arange(start, start + len(cells))
            ids = [
                f"05{3000 + g:04d}{f:03d}{z:05d}______"
                for g, f, z in zip(i // 100_000, (i // 1000) % 1000, i % 1000 + 1, strict=True)
            ]
            part = gpd.GeoDataFrame(
                {"parcel_id": ids},
                geometry=cells,
                crs="EPSG:25832",
                index=pd.RangeIndex(start, start + len(cells)),
            )
            target = directory / f"part.{len(files):05d}.parquet"
            part.to_parquet(target, index=True)
            files.append(target)
            start += len(cells)
    return files


def make_areas(n: int, width: float, vertices: int = 500, seed: int = 3) -> Any:
    import geopandas as gpd

    geoms = voronoi_polygons(n, vertices=vertices, seed=seed, width=width)
    return gpd.GeoDataFrame(
        {
            "area_id": [f"VK{i:04d}" for i in range(len(geoms))],
            "name": [f"Gebiet {i}" for i in range(len(geoms))],
        },
        geometry=geoms,
        crs="EPSG:25832",
    )


def _prepare(
    root: Path, n: int, subsets: dict[str, int], per_tile: int, block: int, n_areas: int
) -> dict[str, Any]:
    """Write the layer and the areas; subsets are hard links to its first parts (no copies)."""
    files = write_parcels(root / "parcels", n, per_tile=per_tile, block=block)
    for name, k in subsets.items():
        (root / name).mkdir()
        for f in files[:k]:
            os.link(f, root / name / f.name)
    cols, rows = _grid(n, per_tile)
    make_areas(n_areas, TILE_M * max(cols, rows)).to_parquet(root / "areas.parquet")
    import pyarrow.parquet as pq

    count = lambda fs: sum(pq.ParquetFile(f).metadata.num_rows for f in fs)  # noqa: E731
    return {
        "n": count(files),
        "parts": len(files),
        **{name: count(files[:k]) for name, k in subsets.items()},
    }


# --------------------------------------------------------------------------- cases (each in a child)


def _totals(frame: Any) -> dict[str, float]:
    return {str(k): float(v) for k, v in frame.groupby("area_id")["overlap_m2"].sum().items()}


def _case_scale(data: Path, areas_path: Path, work: Path) -> dict[str, Any]:
    import geopandas as gpd

    import geoinnenstadt as gi

    areas = gpd.read_parquet(areas_path)
    out: dict[str, Any] = {}
    with ProcessCluster(work / "cluster", n_workers=2, nthreads=1) as cluster:
        with gi.scale.cluster(cluster.address) as client:
            pids = cluster.worker_pids(client)
            # the workers import the library once, as on a cluster that is already running
            client.run(importlib.import_module, "geoinnenstadt.preemption")
            parts = gi.scale.read_partitioned(data)
            t = time.perf_counter()
            zone = gi.scale.assign(parts, areas, scheduler=client, progress=False)
            out["assign_s"] = time.perf_counter() - t
            out["assigned"] = int(zone.notna().sum())
            del zone
            t = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = gi.scale.parcels_in(
                    parts,
                    areas,
                    min_share=0.0,
                    to=work / "result",
                    scheduler=client,
                    progress=False,
                )
            out["parcels_in_s"] = time.perf_counter() - t
            t = time.perf_counter()
            totals = res[["area_id", "overlap_m2"]].groupby("area_id")["overlap_m2"].sum().compute()
            out["totals_s"] = time.perf_counter() - t
            out["totals"] = {str(k): float(v) for k, v in totals.items()}
            out["pairs"] = int(res.map_partitions(len).compute().sum())
            out["seconds"] = out["assign_s"] + out["parcels_in_s"] + out["totals_s"]
            workers = [vmhwm_mb(p) for p in pids.values()]
            others = [vmhwm_mb(p.pid) for p in cluster.processes() if p.pid not in pids.values()]
        out["workers_peak_mb"] = sum(workers)
        out["scheduler_nannies_peak_mb"] = sum(o for o in others if o == o)
    out["client_peak_mb"] = _peak_rss_mb()
    out["peak_rss_mb"] = (
        out["client_peak_mb"] + out["workers_peak_mb"] + out["scheduler_nannies_peak_mb"]
    )
    return out


def _case_in_memory(data: Path, areas_path: Path, work: Path) -> dict[str, Any]:
    import geopandas as gpd

    import geoinnenstadt as gi

    areas = gpd.read_parquet(areas_path)
    t = time.perf_counter()
    parcels = gpd.read_parquet(data)
    read_s = time.perf_counter() - t
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        zone = gi.zones.assign(parcels, areas, warn=False)
        assign_s = time.perf_counter() - t
        t = time.perf_counter()
        res = gi.preemption.parcels_in(parcels, areas, min_share=0.0)
        parcels_s = time.perf_counter() - t
    return {
        "read_s": read_s,
        "assign_s": assign_s,
        "parcels_in_s": parcels_s,
        "seconds": read_s + assign_s + parcels_s,
        "assigned": int(zone.notna().sum()),
        "pairs": len(res),
        "totals": _totals(res),
        "peak_rss_mb": _peak_rss_mb(),
    }


def _case_duckdb(data: Path, areas_path: Path, work: Path) -> dict[str, Any]:
    try:
        from .bench_scale import _duckdb
    except ImportError:  # pragma: no cover
        from bench_scale import _duckdb  # type: ignore[no-redef]

    con = _duckdb()
    con.execute(f"SET temp_directory = '{work / 'duckdb_tmp'}'")
    t = time.perf_counter()
    totals = (
        con.execute(
            f"""
        WITH pa AS (SELECT parcel_id, geometry AS geom
                    FROM read_parquet('{data}/*.parquet')),
             ar AS (SELECT area_id, geometry AS geom
                    FROM read_parquet('{areas_path}'))
        SELECT ar.area_id, SUM(ST_Area(ST_Intersection(pa.geom, ar.geom))) AS m2
        FROM pa JOIN ar ON ST_Intersects(pa.geom, ar.geom) GROUP BY ar.area_id
        """
        )
        .fetchdf()
        .set_index("area_id")["m2"]
    )
    secs = time.perf_counter() - t
    return {
        "parcels_in_s": secs,
        "seconds": secs,
        "totals": {str(k): float(v) for k, v in totals.items()},
        "peak_rss_mb": _peak_rss_mb(),
    }


_CASES = {"scale": _case_scale, "in_memory": _case_in_memory, "duckdb": _case_duckdb}


def _child(conn: Any, fn: str, args: tuple[Any, ...]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        conn.send(_CASES[fn](*args) if fn in _CASES else {"prepared": _prepare(*args)})
    except BaseException as exc:  # report, never hang the parent
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def _in_child(fn: str, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args))
    proc.start()
    child.close()
    result = parent.recv()
    proc.join()
    return result


def _rel_diff(a: dict[str, float], b: dict[str, float]) -> float:
    keys = set(a) | set(b)
    return max(
        (abs(a.get(k, 0.0) - b.get(k, 0.0)) / max(abs(b.get(k, 0.0)), 1e-9) for k in keys),
        default=0.0,
    )


def run(
    quick: bool = False,
    *,
    in_memory_max: int = 4_000_000,
    duckdb_max: int = 10_000_000,
    log: Any = None,
) -> list[dict[str, Any]]:
    """Scale, in-memory and DuckDB on the 1 M subset and the whole layer; one row per case."""
    n, per_tile, block, n_areas = (
        (12_000, 3_000, 1, 12) if quick else (9_300_000, PER_TILE, BLOCK, 300)
    )
    # the 1 M subset (4 parts of 250,000) and a middle size (16 parts) that memory allows in memory
    subsets = {} if quick else {"subset": 4, "middle": 16}
    rows: list[dict[str, Any]] = []
    say = log or (lambda msg: print(f"[bench_state] {msg}", file=sys.stderr, flush=True))
    with tempfile.TemporaryDirectory(prefix="bench_state.") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        prep = _in_child("prepare", root, n, subsets, per_tile, block, n_areas)
        if "error" in prep:
            raise RuntimeError(prep["error"])
        info = prep["prepared"]
        say(f"data written in {time.perf_counter() - t:.0f} s: {info}")
        sizes = [(name, root / name, info[name]) for name in subsets]
        sizes.append(("all", root / "parcels", info["n"]))
        for label, data, size in sizes:
            methods = ["scale"]
            if size <= in_memory_max:
                methods.append("in_memory")
            if size <= duckdb_max:
                methods.append("duckdb")
            for method in methods:
                work = root / f"work-{label}-{method}"
                work.mkdir()
                say(f"{method} on {size:,} parcels …")
                r = _in_child(method, data, root / "areas.parquet", work)
                shutil.rmtree(work, ignore_errors=True)
                row = {
                    "case": "parcels × areas from disk",
                    "method": method,
                    "parcels": size,
                    "areas": n_areas,
                    **r,
                }
                say(f"{method} on {size:,}: { ({k: v for k, v in row.items() if k != 'totals'}) }")
                rows.append(row)
        ref = {r["parcels"]: r for r in rows if r["method"] == "in_memory" and "totals" in r}
        for r in rows:
            base = ref.get(r["parcels"])
            if base is not None and "totals" in r:
                r["max_rel_diff_totals_vs_in_memory"] = _rel_diff(r["totals"], base["totals"])
                r["time_vs_in_memory"] = r["seconds"] / base["seconds"]
        for r in rows:
            r.pop("totals", None)
    return rows


if __name__ == "__main__":  # pragma: no cover
    import argparse

    try:
        from .__main__ import machine, to_markdown
    except ImportError:
        from __main__ import machine, to_markdown  # type: ignore[no-redef]

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="Markdown file for the table")
    parser.add_argument("--in-memory-max", type=int, default=4_000_000)
    args = parser.parse_args()
    rows = run(quick=args.quick, in_memory_max=args.in_memory_max)
    text = to_markdown({"bench_state": rows}, machine(), args.quick)
    print(text)
    if args.out is not None:
        tmp_out = args.out.with_suffix(".md.tmp")
        tmp_out.write_text(text, encoding="utf-8")
        os.replace(tmp_out, args.out)
