"""State-wide workloads against their peers, each case in a fresh process (for its peak RSS).

Cases (full mode; ``quick=True`` shrinks every size so CI can run the code):

* point assignment, 1 M and 9 M points × 300 Voronoi zones (~500 vertices):
  ``gi.zones.assign`` with 1 and 2 threads vs ``geopandas.sjoin(predicate="within")``
  vs DuckDB spatial (``ST_Contains`` join) vs the vectorised lower bound
  (bounding-box prefilter + ``shapely.contains_xy`` on prepared polygons); for
  ``gi`` also ``overhead_mb``: the peak above the resident memory of the input
  (the points), measured in the same fresh process after resetting its peak;
* parcel/zone area shares, 200 k and 1 M parcels × 300 zones:
  ``gi.preemption.parcels_in`` vs ``geopandas.overlay(how="intersection")`` vs DuckDB
  (per-zone area totals compared);
* indicator pipeline: ``gi.vacancy.rates`` on 1 M unit-surveys (250 k units × 4 surveys);
* reading/writing a 1 M-feature layer: GeoPackage vs GeoPackage through Arrow vs GeoParquet.

Every case reports seconds (best of ``repeat``), throughput and the peak
resident memory of its process (generation of the synthetic data included).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

try:
    from .bench_preemption import make_areas, make_parcels
    from .bench_zones import make_points, make_zones
except ImportError:  # run as a script
    from bench_preemption import make_areas, make_parcels  # type: ignore[no-redef]
    from bench_zones import make_points, make_zones  # type: ignore[no-redef]


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    ``VmHWM`` from ``/proc/self/status`` belongs to this process's own address
    space; ``getrusage().ru_maxrss`` would also carry the parent's peak across
    ``exec`` on Linux and overstate every case.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")  # pragma: no cover


def _overhead_mb(fn: Callable[[], Any]) -> tuple[float, float]:
    """Resident memory of the input (RSS now) and the peak of one more ``fn()`` above it.

    The peak counter (``VmHWM``) is reset by writing ``5`` to
    ``/proc/self/clear_refs``, so the data generation's own peak does not
    count; where that is not allowed both values are NaN.
    """
    import gc

    gc.collect()
    try:
        base = _status_mb("VmRSS")
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:  # pragma: no cover - not Linux, or not permitted
        return float("nan"), float("nan")
    fn()
    return base, _status_mb("VmHWM") - base


# --------------------------------------------------------------------------- peers


def lower_bound_assign(points: Any, zones: Any) -> np.ndarray:
    """Vectorised lower bound: bbox prefilter per zone + ``shapely.contains_xy`` (prepared).

    No boundary rule (interior points only) — the floor that any exact
    method has to pay for the point-in-polygon tests themselves.
    """
    import shapely

    geoms = zones.geometry.values
    shapely.prepare(geoms)
    xy = shapely.get_coordinates(points.geometry.values)
    order = np.argsort(xy[:, 0], kind="stable")
    xs, ys = xy[order, 0], xy[order, 1]
    out = np.full(len(xs), -1, dtype=np.int64)
    bounds = shapely.bounds(geoms)
    for k, g in enumerate(geoms):
        lo, hi = np.searchsorted(xs, [bounds[k, 0], bounds[k, 2]])
        sel = np.flatnonzero((ys[lo:hi] >= bounds[k, 1]) & (ys[lo:hi] <= bounds[k, 3])) + lo
        hit = sel[shapely.contains_xy(g, xs[sel], ys[sel])]
        out[hit] = k
    result = np.empty_like(out)
    result[order] = out
    return result


def _duckdb() -> Any:
    import duckdb
    import duckdb_extension_spatial

    con = duckdb.connect()
    ext = Path(duckdb_extension_spatial.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    con.execute(f"LOAD '{ext / 'spatial.duckdb_extension'}'")
    con.execute(f"SET threads = {os.cpu_count() or 1}")
    con.execute("SET enable_progress_bar = false")
    return con


def duckdb_assign(points: Any, zones: Any) -> Any:
    import pyarrow as pa
    import shapely

    con = _duckdb()
    xy = shapely.get_coordinates(points.geometry.values)
    pts = pa.table({"pid": np.arange(len(xy)), "x": xy[:, 0], "y": xy[:, 1]})
    zs = pa.table(
        {
            "zid": zones["quarter_id"].to_numpy(dtype=str),
            "wkb": shapely.to_wkb(zones.geometry.values),
        }
    )
    con.register("pts_arrow", pts)
    con.register("zones_arrow", zs)
    con.execute("CREATE TABLE z AS SELECT zid, ST_GeomFromWKB(wkb) AS geom FROM zones_arrow")
    con.execute("CREATE TABLE p AS SELECT pid, ST_Point(x, y) AS geom FROM pts_arrow")

    def query() -> Any:
        return con.execute(
            "SELECT p.pid, z.zid FROM p JOIN z ON ST_Contains(z.geom, p.geom)"
        ).fetch_arrow_table()

    return query


def duckdb_overlay(parcels: Any, areas: Any) -> Any:
    import pyarrow as pa
    import shapely

    con = _duckdb()
    con.register(
        "parcels_arrow",
        pa.table(
            {
                "parcel_id": parcels["parcel_id"].to_numpy(dtype=str),
                "wkb": shapely.to_wkb(parcels.geometry.values),
            }
        ),
    )
    con.register(
        "areas_arrow",
        pa.table(
            {
                "area_id": areas["area_id"].to_numpy(dtype=str),
                "wkb": shapely.to_wkb(areas.geometry.values),
            }
        ),
    )
    con.execute(
        "CREATE TABLE pa AS SELECT parcel_id, ST_GeomFromWKB(wkb) AS geom FROM parcels_arrow"
    )
    con.execute("CREATE TABLE ar AS SELECT area_id, ST_GeomFromWKB(wkb) AS geom FROM areas_arrow")

    def query() -> Any:
        return (
            con.execute(
                "SELECT ar.area_id, SUM(ST_Area(ST_Intersection(pa.geom, ar.geom))) AS m2 "
                "FROM pa JOIN ar ON ST_Intersects(pa.geom, ar.geom) GROUP BY ar.area_id"
            )
            .fetchdf()
            .set_index("area_id")["m2"]
        )

    return query


# --------------------------------------------------------------------------- cases (run in a child)


def _case_assign(method: str, n_points: int, n_zones: int, repeat: int) -> dict[str, Any]:
    import geopandas as gpd

    import geoinnenstadt as gi

    zones = make_zones(n_zones)
    points = make_points(n_points)
    if method.startswith("gi"):
        n_jobs = 1 if method == "gi_1thread" else 2
        chunk = 500_000 if n_points > 2_000_000 else None

        def fn() -> Any:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return gi.zones.assign(points, zones, n_jobs=n_jobs, chunk_size=chunk, warn=False)

        secs, out = _best(fn, repeat)
        assigned = int(out.notna().sum())
        del out
        over = _overhead_mb(fn)
        return {
            "seconds": secs,
            "rate": n_points / secs,
            "unit": "points/s",
            "assigned": assigned,
            "input_rss_mb": over[0],
            "overhead_mb": over[1],
        }
    elif method == "sjoin_within":
        secs, out = _best(lambda: gpd.sjoin(points, zones, predicate="within", how="left"), repeat)
        assigned = int(out["index_right"].notna().sum())
    elif method == "duckdb":
        query = duckdb_assign(points, zones)
        secs, out = _best(query, repeat)
        assigned = out.num_rows
    elif method == "contains_xy_bound":
        secs, out = _best(lambda: lower_bound_assign(points, zones), repeat)
        assigned = int((out >= 0).sum())
    else:  # pragma: no cover
        raise ValueError(method)
    return {"seconds": secs, "rate": n_points / secs, "unit": "points/s", "assigned": assigned}


def _case_parcels(method: str, n_parcels: int, n_zones: int, repeat: int) -> dict[str, Any]:
    import geopandas as gpd

    import geoinnenstadt as gi

    parcels = make_parcels(n_parcels)
    areas = make_areas(n_zones)
    if method == "gi":

        def fn() -> Any:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = gi.preemption.parcels_in(parcels, areas, min_share=0.0)
            return r.groupby("area_id")["overlap_m2"].sum()

        secs, totals = _best(fn, repeat)
    elif method == "overlay":

        def fn() -> Any:
            o = gpd.overlay(
                parcels[["parcel_id", "geometry"]],
                areas[["area_id", "geometry"]],
                how="intersection",
                keep_geom_type=True,
            )
            return o.assign(m2=o.geometry.area).groupby("area_id")["m2"].sum()

        secs, totals = _best(fn, repeat)
    elif method == "duckdb":
        secs, totals = _best(duckdb_overlay(parcels, areas), repeat)
    else:  # pragma: no cover
        raise ValueError(method)
    return {
        "seconds": secs,
        "rate": n_parcels / secs,
        "unit": "parcels/s",
        "totals": {str(k): float(v) for k, v in totals.items()},
    }


def _make_units_panel(n_units: int, n_zones: int) -> tuple[Any, Any]:
    import geopandas as gpd
    import pandas as pd

    zones = make_zones(n_zones, vertices=50)
    zones["name"] = zones["quarter_id"]
    pts = make_points(n_units, seed=7)
    rng = np.random.default_rng(8)
    surveys = pd.to_datetime(["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"])
    frames = []
    for s in surveys:
        vacant = rng.random(n_units) < 0.1
        frames.append(
            pd.DataFrame(
                {
                    "unit_id": np.char.add("U", np.arange(n_units).astype(str)),
                    "survey_date": s,
                    "status": np.where(vacant, "vacant", "occupied"),
                    "floor_area_m2": rng.uniform(30, 800, n_units).round(1),
                    "vacant_since": pd.Series(pd.NaT, index=range(n_units)).where(
                        ~vacant, s - pd.to_timedelta(rng.integers(0, 900, n_units), unit="D")
                    ),
                    "geometry": pts.geometry.values,
                }
            )
        )
    units = gpd.GeoDataFrame(
        pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:25832"
    )
    return units, zones


def _case_rates(method: str, n_units: int, n_zones: int, repeat: int) -> dict[str, Any]:
    import geoinnenstadt as gi

    units, zones = _make_units_panel(n_units, n_zones)
    secs, _ = _best(lambda: gi.vacancy.rates(units, zones), repeat)
    return {"seconds": secs, "rate": len(units) / secs, "unit": "unit-surveys/s"}


def _case_io(method: str, n_features: int, _: int, repeat: int) -> dict[str, Any]:
    import geopandas as gpd
    import pyogrio

    gdf = make_points(n_features, seed=9)
    rng = np.random.default_rng(9)
    gdf["unit_id"] = np.char.add("U", np.arange(n_features).astype(str))
    gdf["floor_area_m2"] = rng.uniform(30, 800, n_features)
    with tempfile.TemporaryDirectory() as d:
        if method == "gpkg":
            path = Path(d) / "layer.gpkg"
            w, _ = _best(lambda: pyogrio.write_dataframe(gdf, path, layer="units"), 1)
            r, _ = _best(lambda: pyogrio.read_dataframe(path, layer="units"), repeat)
        elif method == "gpkg_arrow":
            path = Path(d) / "layer.gpkg"
            w, _ = _best(
                lambda: pyogrio.write_dataframe(gdf, path, layer="units", use_arrow=True), 1
            )
            r, _ = _best(
                lambda: pyogrio.read_dataframe(path, layer="units", use_arrow=True), repeat
            )
        elif method == "geoparquet":
            path = Path(d) / "layer.parquet"
            w, _ = _best(lambda: gdf.to_parquet(path), 1)
            r, _ = _best(lambda: gpd.read_parquet(path), repeat)
        else:  # pragma: no cover
            raise ValueError(method)
        size = path.stat().st_size
    return {
        "seconds": w + r,
        "write_s": w,
        "read_s": r,
        "rate": n_features / r,
        "unit": "features/s read",
        "file_mb": size / 1e6,
    }


_CASES: dict[str, Callable[..., dict[str, Any]]] = {
    "assign": _case_assign,
    "parcels": _case_parcels,
    "rates": _case_rates,
    "io": _case_io,
}


def _child(conn: Any, case: str, method: str, n: int, n_zones: int, repeat: int) -> None:
    try:
        result = _CASES[case](method, n, n_zones, repeat)
        result["peak_rss_mb"] = _peak_rss_mb()
        conn.send(result)
    except BaseException as exc:  # report, never hang the parent
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def run_case(case: str, method: str, n: int, n_zones: int, repeat: int) -> dict[str, Any]:
    """Run one case in a fresh (spawned) process and return its measurements."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, case, method, n, n_zones, repeat))
    proc.start()
    child.close()
    result = parent.recv()
    proc.join()
    return {"case": case, "method": method, "n": n, "zones": n_zones, **result}


def _ratio_rows(rows: list[dict[str, Any]], case: str, n: int, base: str) -> None:
    ref = next((r for r in rows if r["case"] == case and r["n"] == n and r["method"] == base), None)
    for r in rows:
        if r["case"] == case and r["n"] == n and ref and "seconds" in r and "seconds" in ref:
            r[f"time_vs_{base}"] = r["seconds"] / ref["seconds"] if r is not ref else 1.0


def run(quick: bool = False) -> list[dict[str, Any]]:
    """All cases; each row has seconds, throughput, peak RSS and ratios against gi in the same run."""
    repeat = 1 if quick else 3
    assign_sizes = [20_000] if quick else [1_000_000, 9_000_000]
    n_zones = 30 if quick else 300
    parcel_sizes = [5_000] if quick else [200_000, 1_000_000]
    rows: list[dict[str, Any]] = []
    for n in assign_sizes:
        methods = ["gi", "gi_1thread", "contains_xy_bound", "sjoin_within", "duckdb"]
        if n > 2_000_000:
            methods = [
                "gi",
                "gi_1thread",
                "contains_xy_bound",
            ]  # peers measured at 1 M; 9 M is about memory
        for m in methods:
            rows.append(run_case("assign", m, n, n_zones, 1 if n > 2_000_000 else repeat))
        _ratio_rows(rows, "assign", n, "gi")
    for n in parcel_sizes:
        for m in ("gi", "overlay", "duckdb"):
            rows.append(run_case("parcels", m, n, n_zones, 1 if n > 500_000 else repeat))
        _ratio_rows(rows, "parcels", n, "gi")
        gi_tot = next(
            r for r in rows if r["case"] == "parcels" and r["n"] == n and r["method"] == "gi"
        )
        for r in rows:
            if r["case"] == "parcels" and r["n"] == n and "totals" in r and "totals" in gi_tot:
                a, b = gi_tot["totals"], r["totals"]
                keys = set(a) | set(b)
                r["max_rel_diff_totals"] = (
                    max(
                        abs(a.get(k, 0.0) - b.get(k, 0.0)) / max(abs(b.get(k, 0.0)), 1e-9)
                        for k in keys
                    )
                    if keys
                    else 0.0
                )
    rows.append(run_case("rates", "gi", 5_000 if quick else 250_000, n_zones, repeat))
    for m in ("gpkg", "gpkg_arrow", "geoparquet"):
        rows.append(run_case("io", m, 20_000 if quick else 1_000_000, 0, repeat))
    _ratio_rows(rows, "io", rows[-1]["n"], "geoparquet")
    for r in rows:
        r.pop("totals", None)
    return rows


if __name__ == "__main__":  # pragma: no cover
    import sys

    for row in run(quick="--quick" in sys.argv):
        print(row)
