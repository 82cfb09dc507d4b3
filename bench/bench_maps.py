"""Benchmark: ``gi.maps.vacancy_map`` vs one ``folium.Marker`` per unit; the time slider.

50,000 commercial units (``--quick``: 5,000) at random points in the nine
quarters of the Dortmund sample, with addresses, floor areas, uses and
vacancy dates. Reports for both pages, saved offline (Leaflet inlined):
HTML bytes per unit, the time to build and write the page in Python, and
the time to first render in headless Chromium (navigation start until two
animation frames after the ``load`` event, so the canvas has been drawn).
The peer gets the same popup text (escaped) per unit.

The time slider: the same units over 4 survey dates (2 % leave and 2 % are
new at each survey, statuses change). Reports the bytes per unit and survey
of the slider map (budget: at most 80), the ratio of four single-date maps
to the one slider map, the time to build it and, in Chromium, to render it
and to switch dates (``window.__gi.setDate``).

Context and basemap (issue 14): for the land map of each sample city (``--quick``:
Dortmund only), the bytes of each context layer in the page (per category, with
the vertices before and after display simplification), and the size of a local
basemap embedded for the map's extent: a tile set made here (256 px PNGs with
streets-like strokes, zoom 12–16; ``--quick`` 12–14), its default zoom range,
the number of tiles and bytes embedded and the page size.

Needs the Debian package ``chromium`` at /usr/bin/chromium for the render
times (otherwise they are reported as None). Run
``python bench/bench_maps.py [--quick]`` or ``python -m bench``.
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STREETS = (
    "Westenhellweg",
    "Ostenhellweg",
    "Kampstraße",
    "Brückstraße",
    "Hansastraße",
    "Kleppingstraße",
)


def make_units(n: int, seed: int = 5) -> Any:
    """A City with the Dortmund sample's quarters and ``n`` synthetic units (one survey)."""
    import shapely

    import geoinnenstadt as gi

    rng = np.random.default_rng(seed)
    city = gi.load_sample("dortmund")
    area = shapely.union_all(city.quarters.geometry.values)
    x0, y0, x1, y1 = area.bounds
    pts: list[Any] = []
    while len(pts) < n:
        cand = shapely.points(rng.uniform(x0, x1, 2 * n), rng.uniform(y0, y1, 2 * n))
        pts.extend(
            cand[
                shapely.contains_xy(
                    area, shapely.get_coordinates(cand)[:, 0], shapely.get_coordinates(cand)[:, 1]
                )
            ]
        )
    pts = pts[:n]
    vacant = rng.random(n) < 0.12
    since = pd.Timestamp("2025-06-30") - pd.to_timedelta(rng.integers(10, 1500, n), unit="D")
    units = gpd.GeoDataFrame(
        {
            "unit_id": [f"DO-{i:06d}" for i in range(n)],
            "survey_date": pd.Timestamp("2025-06-30"),
            "status": np.where(vacant, "vacant", "occupied"),
            "floor_area_m2": rng.integers(20, 1500, n).astype(float),
            "address": [f"{STREETS[i % len(STREETS)]} {rng.integers(1, 200)}" for i in range(n)],
            "use": rng.choice(["retail", "gastronomy", "services", "office", "other"], n),
            "vacant_since": pd.Series(since).where(vacant).astype("datetime64[ns]"),
            "location_class": rng.choice(["1a", "1b", "2"], n),
            "fund": np.where(rng.random(n) < 0.02, "Anmietungs-Fonds", None),
        },
        geometry=pts,
        crs=city.quarters.crs,
    )
    units["survey_date"] = units["survey_date"].astype("datetime64[ns]")
    return gi.City(quarters=city.quarters, units=units, meta=dict(city.meta))


def marker_map(city: Any) -> Any:
    """The peer: one ``folium.Marker`` with an escaped popup per unit (folium's default approach)."""
    import folium

    from geoinnenstadt import labels

    pts = city.units.to_crs("EPSG:4326")
    m = folium.Map(location=[51.514, 7.465], zoom_start=15, tiles=None)
    for row, geom in zip(pts.itertuples(index=False), pts.geometry, strict=True):
        text = (
            f"<b>{html.escape(row.address)}</b><br>{labels.value_label('status', row.status)}<br>"
            f"{labels.format_int(row.floor_area_m2, 'm²')}<br>{labels.value_label('use', row.use)}"
        )
        folium.Marker([geom.y, geom.x], popup=folium.Popup(text)).add_to(m)
    return m


def _render_ms(browser: Any, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    ms = page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
    )
    page.close()
    if requests != [path.resolve().as_uri()]:
        raise RuntimeError(f"the offline page made requests: {requests[1:6]}")
    return float(ms)


SURVEYS = ("2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30")


def make_panel(n: int, seed: int = 11) -> Any:
    """``n`` units per survey over :data:`SURVEYS`: 2 % leave and 2 % arrive each time."""
    import geoinnenstadt as gi

    rng = np.random.default_rng(seed)
    pool = make_units(int(n * 1.1), seed=seed).units  # spare units arrive later
    active = np.arange(n)
    spare = list(range(n, len(pool)))
    frames = []
    vacant = rng.random(len(pool)) < 0.12
    since = pd.Series(pd.NaT, index=range(len(pool)), dtype="datetime64[ns]")
    for date in SURVEYS:
        ts = pd.Timestamp(date)
        flip = rng.random(len(pool)) < 0.08
        new_vacant = flip & ~vacant
        vacant = vacant ^ flip
        since[new_vacant] = ts - pd.Timedelta(days=90)
        since[~vacant] = pd.NaT
        since[vacant & since.isna().to_numpy()] = ts - pd.Timedelta(days=400)
        rows = pool.iloc[active].copy()
        rows["survey_date"] = ts
        rows["status"] = np.where(vacant[active], "vacant", "occupied")
        rows["vacant_since"] = since.iloc[active].to_numpy()
        frames.append(rows)
        k = int(0.02 * n)
        leave = rng.choice(len(active), k, replace=False)
        active = np.concatenate([np.delete(active, leave), spare[:k]])
        spare = spare[k:]
    units = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=pool.crs)
    units["survey_date"] = units["survey_date"].astype("datetime64[ns]")
    units["vacant_since"] = units["vacant_since"].astype("datetime64[ns]")
    city = make_units(10)
    return gi.City(quarters=city.quarters, units=units, meta=dict(city.meta))


def _switch_ms(browser: Any, path: Path) -> tuple[float, float]:
    """First render and the mean time of one ``setDate`` (until two animation frames later)."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    first = page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
    )
    ms = page.evaluate(
        """async () => { const d = window.__gi.dates(); const t0 = performance.now();
           for (const x of d) { window.__gi.setDate(x);
             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }
           return (performance.now() - t0) / d.length; }"""
    )
    page.close()
    return float(first), float(ms)


def run_slider(quick: bool = False, browser: Any = None) -> dict[str, Any]:
    """The slider map of ``n`` units x 4 surveys against one map per survey date."""
    import warnings

    import geoinnenstadt as gi

    n = 5_000 if quick else 50_000
    city = make_panel(n)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        slider = gi.maps.save_html(
            gi.maps.vacancy_map(city, hotspots=False), Path(tmp) / "slider.html"
        )
        t_slider = time.perf_counter() - t
        base = gi.maps.save_html(
            gi.maps.vacancy_map(gi.City(quarters=city.quarters, meta=city.meta)),
            Path(tmp) / "base.html",
        )
        b0 = base.stat().st_size
        singles = 0
        for date in SURVEYS:
            one = gi.City(
                quarters=city.quarters,
                units=city.units[city.units["survey_date"] == pd.Timestamp(date)],
                meta=city.meta,
            )
            path = gi.maps.save_html(
                gi.maps.vacancy_map(one, hotspots=False), Path(tmp) / "one.html"
            )
            singles += path.stat().st_size - b0
        unit_surveys = len(city.units)
        b_slider = slider.stat().st_size - b0
        render = switch = None
        if browser is not None:
            render, switch = _switch_ms(browser, slider)
        return {
            "benchmark": "maps.vacancy_map with the time slider vs one map per survey date",
            "units": n,
            "surveys": len(SURVEYS),
            "unit_surveys": unit_surveys,
            "bytes_per_unit_survey": round(b_slider / unit_surveys, 1),
            "budget_bytes_per_unit_survey": 80,
            "bytes_per_unit_survey_one_map_per_date": round(singles / unit_surveys, 1),
            "size_ratio_maps_per_date_vs_slider": round(singles / b_slider, 2),
            "html_mb": round(slider.stat().st_size / 1e6, 2),
            "build_seconds": round(t_slider, 2),
            "first_render_ms": None if render is None else round(render),
            "set_date_ms": None if switch is None else round(switch),
        }


def _tile_set(root: Path, bounds: tuple[float, float, float, float], zooms: range) -> Path:
    """PNG tiles over ``bounds`` (lon/lat, padded as the basemap pads) for ``zooms``."""
    from PIL import Image, ImageDraw

    from geoinnenstadt.maps import basemap

    area = basemap._padded(bounds)
    rng = np.random.default_rng(3)
    for z in zooms:
        x0, x1, y0, y1 = basemap._tile_range(area, z)
        for x in range(x0, x1 + 1):
            (root / str(z) / str(x)).mkdir(parents=True, exist_ok=True)
            for y in range(y0, y1 + 1):
                im = Image.new("RGB", (256, 256), (242, 239, 233))
                draw = ImageDraw.Draw(im)
                for _ in range(12):  # a few "streets" and "blocks", like a rendered map
                    a, b, c, d = (int(v) for v in rng.integers(0, 256, 4))
                    draw.line((a, b, c, d), fill=(255, 255, 255), width=int(rng.integers(2, 7)))
                    draw.rectangle(
                        (min(a, c), min(b, d), min(a, c) + 20, min(b, d) + 14),
                        fill=(217, 208, 201),
                        outline=(190, 180, 172),
                    )
                im.save(root / str(z) / str(x) / f"{y}.png")
    (root / "metadata.json").write_text('{"attribution": "synthetic test tiles"}', "utf-8")
    return root


def run_context(quick: bool = False) -> list[dict[str, Any]]:
    """Bytes per context layer and the embedded basemap of each sample's land map."""
    import re
    import warnings

    import geoinnenstadt as gi

    rows = []
    names = ["dortmund"] if quick else ["dortmund", "duesseldorf", "dorsten"]
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in names:
            city = gi.load_sample(name)
            row: dict[str, Any] = {
                "benchmark": "context and basemap of the land map",
                "sample": name,
            }
            t = time.perf_counter()
            m = gi.maps.land_map(city)
            html = gi.maps.to_html(m)
            row["build_seconds"] = round(time.perf_counter() - t, 2)
            ctx = getattr(city, "context", None)
            if ctx is None or not len(ctx):
                row["context"] = "none in the sample"
            else:
                shown = gi.context.for_display(ctx, max_zoom=gi.context.MAX_ZOOM)
                row["context_features"] = len(ctx)
                row["vertices_before"] = shown.attrs["vertices_before"]
                row["vertices_after"] = shown.attrs["vertices_after"]
                blocks = dict(
                    re.findall(
                        r'<script type="application/json" id="([^"]+)_data">(.*?)</script>',
                        html,
                        re.S,
                    )
                )
                keys = dict(
                    re.findall(r'var ([\w]+) = window\.__gi\.addLayer\([\w]+, "([^"]+)"', html)
                )
                total = 0
                for var, key in keys.items():
                    if key.startswith("context_"):
                        size = len(blocks[var].encode("utf-8"))
                        row[f"bytes_{key}"] = size
                        total += size
                row["context_bytes"] = total
            row["html_mb"] = round(len(html.encode("utf-8")) / 1e6, 2)
            bounds = m.__dict__["_gi_bounds"]
            zooms = range(12, 15) if quick else range(12, 17)
            tiles = _tile_set(Path(tmp) / f"tiles_{name}", bounds, zooms)
            bm = gi.maps.Basemap(tiles)
            try:
                sel = bm.select(bounds)
            except gi.maps.BasemapError as exc:
                row["basemap"] = f"over the cap: {exc}"
                rows.append(row)
                continue
            t = time.perf_counter()
            page = gi.maps.to_html(gi.maps.land_map(city, basemap=bm))
            row["basemap_zoom"] = f"{sel.zoom[0]}-{sel.zoom[1]}"
            row["basemap_tiles"] = sel.n_tiles
            row["basemap_tile_mb"] = round(sel.n_bytes / 1e6, 2)
            row["html_mb_with_basemap"] = round(len(page.encode("utf-8")) / 1e6, 2)
            row["build_seconds_with_basemap"] = round(time.perf_counter() - t, 2)
            rows.append(row)
    return rows


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Build, save and render both pages; one result dict per size."""
    import geoinnenstadt as gi

    sizes = [5_000] if quick else [50_000]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        browser, pw = None, None
        if CHROMIUM.exists():
            from playwright.sync_api import sync_playwright

            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            for n in sizes:
                city = make_units(n)
                t = time.perf_counter()
                ours = gi.maps.save_html(
                    gi.maps.vacancy_map(city, hotspots=False), Path(tmp) / "ours.html"
                )
                t_ours = time.perf_counter() - t
                t = time.perf_counter()
                peer = gi.maps.save_html(marker_map(city), Path(tmp) / "peer.html")
                t_peer = time.perf_counter() - t
                base = gi.maps.save_html(
                    gi.maps.vacancy_map(gi.City(quarters=city.quarters, meta=city.meta)),
                    Path(tmp) / "base.html",
                )
                base_peer = gi.maps.save_html(
                    marker_map(gi.City(units=city.units.iloc[:0])), Path(tmp) / "base_peer.html"
                )
                # the ours/base difference also holds the units legend (< 2 kB, negligible at this size)
                b_ours = (ours.stat().st_size - base.stat().st_size) / n
                b_peer = (peer.stat().st_size - base_peer.stat().st_size) / n
                render = render_peer = None
                if browser is not None:
                    render = _render_ms(browser, ours)
                    render_peer = _render_ms(browser, peer)
                results.append(
                    {
                        "benchmark": "maps.vacancy_map vs one folium.Marker per unit (offline HTML)",
                        "units": n,
                        "bytes_per_unit": round(b_ours, 1),
                        "bytes_per_unit_peer": round(b_peer, 1),
                        "size_ratio": round(b_peer / b_ours, 1),
                        "html_mb": round(ours.stat().st_size / 1e6, 2),
                        "html_mb_peer": round(peer.stat().st_size / 1e6, 2),
                        "build_seconds": round(t_ours, 3),
                        "build_seconds_peer": round(t_peer, 3),
                        "first_render_ms": None if render is None else round(render),
                        "first_render_ms_peer": None if render_peer is None else round(render_peer),
                        "render_speedup": None if not render else round(render_peer / render, 1),
                    }
                )
            results.append(run_slider(quick, browser))
            results.extend(run_context(quick))
        finally:
            if browser is not None:
                browser.close()
            if pw is not None:
                pw.stop()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 units instead of 50,000")
    args = parser.parse_args(argv)
    for row in run(quick=args.quick):
        print(", ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
