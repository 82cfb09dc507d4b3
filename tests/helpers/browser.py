"""Helpers for browser tests that act like a person, and look at pixels where features lie.

One home for: opening a map in its own browser context (:class:`Opened`), projecting a
place to the screen (:func:`screen_xy`: the map's ``latLngToContainerPoint`` plus the map
container's bounding box), interior points of polygons (shapely's ``representative_point``
in EPSG:4326), clicking and toggling with the mouse, and reading and blending colours
(:func:`pixel`, :func:`css_rgba`, :func:`over`, :func:`close_to`).

The ``window.__gi`` hooks are used here only to read figures (projection, counts, a
legend swatch), never to open a popup or run a search: that is done with the mouse and the
keyboard, as a person would.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import geopandas as gpd

#: The page size of every map test (CSS pixels; the device scale factor is 1, so one CSS
#: pixel is one screenshot pixel).
VIEWPORT = {"width": 1000, "height": 700}

#: The popup of a quarter: its root element has the class ``gi-profile``.
PROFILE = ".leaflet-popup-content > .gi-profile"
POPUP = ".leaflet-popup-content"

#: Debian's Chromium (never a downloaded browser build) and the flags it is started with.
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class SharedBrowser:
    """The session's Chromium, launched again when a test closed it.

    Attribute access goes to the live browser (``browser.new_context()``,
    ``browser.new_page()``). A test that closes it fails (``_shared_browser_stays_open``),
    and the next test gets a new browser, so no other test or file depends on what ran
    before it.
    """

    def __init__(self, playwright: Any) -> None:
        self._pw = playwright
        self._current = self._launch()

    def _launch(self) -> Any:
        return self._pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)

    @property
    def current(self) -> Any:
        """The Playwright browser as it is now (not launched again)."""
        return self._current

    def __getattr__(self, name: str) -> Any:
        if not self._current.is_connected():
            self._current = self._launch()
        return getattr(self._current, name)


class Opened:
    """A page with the map loaded in its own browser context, and what it requested or said.

    Each test gets its own context (cookies, storage, pages); :meth:`close` closes that
    context and never the shared session browser.
    """

    def __init__(
        self,
        browser: Any,
        path: Path,
        fragment: str = "",
        viewport: dict[str, int] | None = None,
    ) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport or VIEWPORT, device_scale_factor=1)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_function(
            "window.__gi && window.__gi.renderedAt !== null", timeout=30_000
        )

    def counts(self) -> dict[str, int]:
        return self.page.evaluate("window.__gi.counts")

    def assert_clean(self) -> None:
        assert self.requests[0].startswith(self.url)  # the file itself and nothing else
        assert len(self.requests) == 1, self.requests
        assert self.errors == []
        assert self.page.evaluate("window.__pwned") is None

    def screenshot_colours(self, path: Path) -> int:
        from PIL import Image

        self.page.screenshot(path=str(path))
        with Image.open(path) as im:
            return len(im.convert("RGB").getcolors(maxcolors=1 << 20) or [])

    def close(self) -> None:
        self.context.close()


# ------------------------------------------------------------------ places on the screen


def interior_points(gdf: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """``(lat, lon)`` of a point inside each polygon (shapely ``representative_point``)."""
    pts = gdf.to_crs("EPSG:4326").geometry.representative_point()
    return [(float(p.y), float(p.x)) for p in pts]


def lat_lon(gdf: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """``(lat, lon)`` of each point of a point layer."""
    pts = gdf.to_crs("EPSG:4326").geometry
    return [(float(p.y), float(p.x)) for p in pts]


def settle(page: Any) -> None:
    """Wait until the map stands still (a popup pans the map into view, animated)."""
    page.evaluate(
        """() => new Promise(done => {
             const m = window.__gi.map, pane = m.getPane('mapPane');
             let last = null, same = 0;
             const look = () => {
               const now = pane.style.transform + '|' + m.getZoom() + '|' + m.getCenter().toString();
               same = now === last ? same + 1 : 0; last = now;
               if (same >= 3) { done(); } else { requestAnimationFrame(look); }
             };
             look();
           })"""
    )


def screen_xy(page: Any, latlon: tuple[float, float]) -> tuple[float, float]:
    """Viewport pixel of a place: ``latLngToContainerPoint`` plus the container's box."""
    x, y = page.evaluate(
        """([lat, lon]) => { const m = window.__gi.map, p = m.latLngToContainerPoint([lat, lon]);
                             const r = m.getContainer().getBoundingClientRect();
                             return [r.left + p.x, r.top + p.y]; }""",
        list(latlon),
    )
    return float(x), float(y)


def covered(page: Any, xy: tuple[float, float]) -> bool:
    """Whether a control (legend, layer control, …) or the page outside the map is on top."""
    return bool(
        page.evaluate(
            """([x, y]) => { const e = document.elementFromPoint(x, y), m = window.__gi.map;
                 return !e || !m.getContainer().contains(e) || e.closest('.leaflet-control') !== null
                   || e.closest('.leaflet-popup') !== null; }""",
            [xy[0], xy[1]],
        )
    )


def drag_into_view(page: Any, latlon: tuple[float, float]) -> tuple[float, float]:
    """Where ``latlon`` is drawn; if a control covers it, first drag the map with the mouse
    (from the map's centre) so that the place comes to the centre, as a person would."""
    settle(page)
    xy = screen_xy(page, latlon)
    if not covered(page, xy):
        return xy
    box = page.evaluate(
        "() => { const r = window.__gi.map.getContainer().getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[0] + (box[0] - xy[0]) / 2, box[1] + (box[1] - xy[1]) / 2, steps=5)
    page.mouse.move(box[0] + (box[0] - xy[0]), box[1] + (box[1] - xy[1]), steps=5)
    page.mouse.up()
    settle(page)
    xy = screen_xy(page, latlon)
    assert not covered(page, xy), ("still covered after dragging", latlon)
    return xy


def click_at(page: Any, latlon: tuple[float, float]) -> tuple[float, float]:
    """Click with the mouse where ``latlon`` is drawn (dragged into view if a control covers
    it); returns the viewport pixel."""
    xy = drag_into_view(page, latlon)
    page.mouse.click(*xy)
    return xy


def close_popup(page: Any) -> None:
    """Close the open popup with its × button and let the map settle.

    The click is sent to the button itself: near the top of the map the × may lie under the
    layer control (Escape does not close it either: the clicked SVG path has the focus).
    """
    page.locator(".leaflet-popup-close-button").last.dispatch_event("click")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 0")
    settle(page)


def popup_title(page: Any) -> str:
    popup = page.locator(POPUP).last
    popup.wait_for()
    return popup.inner_text().splitlines()[0]


def open_layers(page: Any) -> None:
    """Open the layer control as a person does: on a narrow map (below 1,200 px) it is only a
    button, which opens while the mouse is over it."""
    lc = page.locator(".leaflet-control-layers")
    if "leaflet-control-layers-expanded" not in (lc.get_attribute("class") or ""):
        lc.hover()
        page.wait_for_function(
            "() => document.querySelector('.leaflet-control-layers')"
            ".classList.contains('leaflet-control-layers-expanded')"
        )


def toggle_layer(page: Any, name: str) -> None:
    """Click the checkbox of layer ``name`` in the layer control (opened first)."""
    open_layers(page)
    label = page.locator(".leaflet-control-layers-overlays label", has_text=name)
    assert label.count() == 1, name
    label.locator("input").click()


def points_within(page: Any, xy: tuple[float, float], radius: float) -> int:
    """How many drawn point markers have their centre within ``radius`` px of ``xy``."""
    return int(
        page.evaluate(
            """([x, y, r]) => { const G = window.__gi, m = G.map, b = m.getContainer().getBoundingClientRect();
                 let n = 0;
                 for (const k in G.layers) { const e = G.layers[k];
                   if (e.data.type !== 'points' || !m.hasLayer(e.group)) continue;
                   e.group.eachLayer(l => { const p = m.latLngToContainerPoint(l.getLatLng());
                     if (Math.hypot(b.left + p.x - x, b.top + p.y - y) <= r) n++; }); }
                 return n; }""",
            [xy[0], xy[1], radius],
        )
    )


# ------------------------------------------------------------------ colours


def css_rgba(text: str) -> tuple[float, float, float, float]:
    """``rgb(…)``/``rgba(…)`` of ``getComputedStyle`` as four numbers (alpha 0…1)."""
    m = re.fullmatch(r"rgba?\(([^)]*)\)", text.strip())
    assert m, text
    parts = [float(v) for v in m.group(1).replace("/", ",").replace(" ", ",").split(",") if v]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def legend_swatch(page: Any, legend: str, label: str) -> tuple[float, float, float, float]:
    """The fill of the swatch in legend ``legend`` (box text) whose row reads ``label``."""
    row = (
        page.locator(".gi-legend", has_text=legend)
        .locator(".gi-row")
        .filter(has=page.locator("span:not(.gi-sw)", has_text=re.compile("^" + re.escape(label))))
    )
    assert row.count() == 1, (legend, label, row.count())
    return css_rgba(row.locator(".gi-sw").evaluate("e => getComputedStyle(e).backgroundColor"))


def over(top: tuple[float, float, float, float], beneath: tuple[int, ...]) -> tuple[float, ...]:
    """``top`` (r, g, b, alpha) painted over the opaque colour ``beneath``."""
    a = top[3]
    return tuple(top[k] * a + beneath[k] * (1 - a) for k in range(3))


def close_to(a: tuple[float, ...], b: tuple[float, ...], tol: float = 10.0) -> bool:
    return all(abs(a[k] - b[k]) <= tol for k in range(3))


def shot(page: Any, path: Path) -> Any:
    """A screenshot of the viewport as an RGB image (one pixel per CSS pixel)."""
    from PIL import Image

    page.screenshot(path=str(path))
    with Image.open(path) as im:
        return im.convert("RGB")


def pixel(img: Any, xy: tuple[float, float]) -> tuple[int, int, int]:
    """The colour of the screenshot pixel that holds viewport point ``xy``."""
    return tuple(img.getpixel((int(xy[0]), int(xy[1]))))[:3]  # type: ignore[return-value]


def popup_at(page: Any, latlon: tuple[float, float]) -> str:
    """Click where ``latlon`` is drawn and return the text of the popup that opens (closed
    again afterwards, so it covers nothing the next click aims at)."""
    assert page.locator(".leaflet-popup").count() == 0
    click_at(page, latlon)
    popup = page.locator(POPUP).last
    popup.wait_for()
    text: str = popup.inner_text()
    close_popup(page)
    return text


# ------------------------------------------------------------------ controls


#: Every control of a map (Leaflet's and the page's boxes): the children of the four corners.
CONTROLS = ".leaflet-control-container .leaflet-control"


def control_rects(page: Any) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """The map's rectangle and the visible controls' rectangles (``getBoundingClientRect``).

    Each control: ``{"name": its classes, "x0", "y0", "x1", "y1"}``, clipped to the map;
    controls with no area (hidden, or outside the map) are left out.
    """
    out: tuple[dict[str, float], list[dict[str, Any]]] = tuple(  # type: ignore[assignment]
        page.evaluate(
            """sel => { const box = window.__gi.map.getContainer().getBoundingClientRect();
                 const rects = [];
                 for (const e of document.querySelectorAll(sel)) {
                   const r = e.getBoundingClientRect();
                   const x0 = Math.max(r.left, box.left), x1 = Math.min(r.right, box.right);
                   const y0 = Math.max(r.top, box.top), y1 = Math.min(r.bottom, box.bottom);
                   if (x1 > x0 && y1 > y0) { rects.push({name: e.className, x0, y0, x1, y1}); }
                 }
                 return [{x0: box.left, y0: box.top, x1: box.right, y1: box.bottom}, rects]; }""",
            CONTROLS,
        )
    )
    return out


def union_area(rects: list[dict[str, Any]]) -> float:
    """The area covered by axis-parallel rectangles (each counted once where they overlap)."""
    xs = sorted({r[k] for r in rects for k in ("x0", "x1")})
    area = 0.0
    for a, b in itertools.pairwise(xs):
        spans = sorted((r["y0"], r["y1"]) for r in rects if r["x0"] <= a and r["x1"] >= b)
        covered, end = 0.0, float("-inf")
        for y0, y1 in spans:
            if y1 > end:
                covered += y1 - max(y0, end)
                end = y1
        area += covered * (b - a)
    return area


def overlapping(rects: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of rectangles that share some area (touching edges do not count)."""
    pairs = []
    for i, r in enumerate(rects):
        for q in rects[i + 1 :]:
            if min(r["x1"], q["x1"]) > max(r["x0"], q["x0"]) and min(r["y1"], q["y1"]) > max(
                r["y0"], q["y0"]
            ):
                pairs.append((r["name"], q["name"]))
    return pairs
