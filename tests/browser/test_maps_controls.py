"""The controls of the interactive maps in headless Chromium: layout, layer control, search, caption.

The three maps of the Dortmund sample (the richest legends: hot spots and context) are
opened at a briefing's frame (1,100 × 520 px) and a large screen (1,400 × 900 px): the
controls (``getBoundingClientRect`` of every child of Leaflet's corners) cover at most a
quarter of the map and never one another. The layer control is used with the mouse and the
keyboard, the search with the keyboard and the mouse, the land map's slider with the keyboard.
"""

from __future__ import annotations

import random
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import (
    Opened,
    control_rects,
    overlapping,
    popup_title,
    screen_xy,
    settle,
    toggle_layer,
    union_area,
)
from helpers.maps import NATURAL_ORDER

import geoinnenstadt as gi
from geoinnenstadt import maps, style

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

SMALL = {"width": 1100, "height": 520}
LARGE = {"width": 1400, "height": 900}
MAPS = ("vacancy", "land", "preemption")


def quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples name units outside quarters etc.
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def dortmund(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The vacancy, land and pre-emption maps of the Dortmund sample, saved once."""
    city = gi.load_sample("dortmund")
    folder = tmp_path_factory.mktemp("dortmund")
    made = {
        "vacancy": quiet(maps.vacancy_map, city),  # with hot spots and context
        "land": quiet(maps.land_map, city),
        "preemption": quiet(maps.preemption_map, city),
    }
    return {name: maps.save_html(m, folder / f"{name}.html") for name, m in made.items()}


def type_search(page: Any, text: str) -> None:
    """Click into the search box, clear it and type ``text`` with the keyboard."""
    page.locator(".gi-search-input").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


# ------------------------------------------------------------------ layout


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["1100x520", "1400x900"])
@pytest.mark.parametrize("name", MAPS)
def test_controls_cover_a_quarter_at_most_and_never_each_other(
    browser: Any, dortmund: dict[str, Path], name: str, size: dict[str, int]
) -> None:
    o = Opened(browser, dortmund[name], viewport=size)
    settle(o.page)
    frame, rects = control_rects(o.page)
    names = " ".join(r["name"] for r in rects)
    for part in ("leaflet-control-layers", "gi-caption", "gi-search", "leaflet-control-scale",
                 "leaflet-control-attribution", "leaflet-control-zoom"):  # fmt: skip
        assert part in names, (part, names)
    if name != "preemption":  # Dortmund has no parcels: its pre-emption map says so instead
        assert "gi-time" in names
        assert "gi-figures" in names
        assert "gi-legends" in names
    else:
        assert "gi-message" in names
    area = (frame["x1"] - frame["x0"]) * (frame["y1"] - frame["y0"])
    assert area == size["width"] * size["height"]
    share = union_area(rects) / area
    assert share <= 0.25, (name, size, round(share, 3))
    assert overlapping(rects) == [], overlapping(rects)
    # one legend column, which scrolls when its legends do not fit
    if name == "preemption":
        o.close()
        return
    assert o.page.locator(".gi-legends").count() == 1
    assert o.page.locator(".gi-legends").evaluate("e => getComputedStyle(e).overflowY") == "auto"
    assert o.page.locator(".gi-legend").count() >= 1
    assert o.page.locator(".gi-legends .gi-legend").count() == o.page.locator(".gi-legend").count()
    o.assert_clean()
    o.close()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["1100x520", "1400x900"])
def test_layer_control_open_on_wide_maps_only_in_the_legends_font(
    browser: Any, dortmund: dict[str, Path], size: dict[str, int]
) -> None:
    o = Opened(browser, dortmund["vacancy"], viewport=size)
    lc = o.page.locator(".leaflet-control-layers")
    expanded = "leaflet-control-layers-expanded" in (lc.get_attribute("class") or "")
    assert expanded == (size["width"] >= 1200)
    font = o.page.locator(".gi-legend .gi-row span:not(.gi-sw)").first.evaluate(
        "e => getComputedStyle(e).fontSize"
    )
    for label in o.page.locator(".leaflet-control-layers label").all():
        assert label.evaluate("e => getComputedStyle(e).fontSize") == font
    o.close()


def test_layer_control_opens_with_the_mouse_and_the_keyboard(
    browser: Any, dortmund: dict[str, Path]
) -> None:
    o = Opened(browser, dortmund["vacancy"], viewport=SMALL)
    page = o.page
    lc = page.locator(".leaflet-control-layers")

    def is_open() -> bool:
        return "leaflet-control-layers-expanded" in (lc.get_attribute("class") or "")

    assert not is_open()
    button = page.locator(".leaflet-control-layers-toggle").bounding_box()
    assert button is not None
    assert button["width"] > 0
    page.mouse.move(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
    assert is_open()
    # a layer switched off with the mouse while open
    label = page.locator(".leaflet-control-layers-overlays label", has_text="Stadtbezirke")
    label.locator("input").click()
    assert not page.evaluate("window.__gi.map.hasLayer(window.__gi.layers.context_district.group)")
    page.mouse.move(550, 300)  # away, over the map
    page.mouse.click(550, 300)
    assert not is_open()
    # the keyboard: Tab from the search box reaches the layer control, which opens
    page.locator(".gi-search-input").click()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.leaflet-control-layers')"):
            break
    assert page.evaluate("() => document.activeElement.tagName") == "INPUT"
    assert is_open()
    page.keyboard.press("Space")  # the first layer off
    first = page.locator(".leaflet-control-layers-overlays input").first
    assert not first.is_checked()
    for _ in range(30):  # Tab on out of the control: it closes
        page.keyboard.press("Tab")
        if not page.evaluate("() => !!document.activeElement.closest('.leaflet-control-layers')"):
            break
    assert not is_open()
    # a wider window: the layer control opens and stays open
    page.set_viewport_size(LARGE)
    page.wait_for_function(
        "() => document.querySelector('.leaflet-control-layers')"
        ".classList.contains('leaflet-control-layers-expanded')"
    )
    page.mouse.move(550, 450)
    assert is_open()
    o.close()


@pytest.mark.parametrize("name", MAPS)
def test_scale_bar_is_metric_only(browser: Any, dortmund: dict[str, Path], name: str) -> None:
    o = Opened(browser, dortmund[name], viewport=SMALL)
    lines = o.page.locator(".leaflet-control-scale-line").all_inner_texts()
    assert len(lines) == 1
    assert re.fullmatch(r"\d+ k?m", lines[0].strip()), lines
    o.close()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["1100x520", "1400x900"])
def test_search_hint_fits_its_box(
    browser: Any, dortmund: dict[str, Path], size: dict[str, int]
) -> None:
    o = Opened(browser, dortmund["vacancy"], viewport=size)
    room, needed, scroll, client = o.page.locator(".gi-search-input").evaluate(
        """e => { const s = getComputedStyle(e), c = document.createElement('canvas').getContext('2d');
             c.font = s.font;
             const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
             return [room, c.measureText(e.placeholder).width, e.scrollWidth, e.clientWidth]; }"""
    )
    assert o.page.locator(".gi-search-input").input_value() == ""
    assert needed <= room, (needed, room)
    assert scroll <= client
    o.close()


# ------------------------------------------------------------------ search


def test_hits_in_natural_order(browser: Any, dortmund: dict[str, Path]) -> None:
    o = Opened(browser, dortmund["vacancy"], viewport=LARGE)
    type_search(o.page, "Kampstraße")
    hits = o.page.locator(".gi-hits li button").all_inner_texts()
    units = [h for h in hits if h.endswith(" · Gewerbeeinheiten")]
    assert len(units) >= 10
    numbers = []
    for hit in units:
        m = re.match(r"Kampstraße (\d+)([a-z]?) \(", hit)
        assert m, hit
        numbers.append((int(m.group(1)), m.group(2)))
    assert numbers == sorted(numbers)  # 6, 11, 47, 115, 133 (not 11, 115, 133, 47, 6)
    o.close()


def test_natural_order_is_the_same_in_python_and_the_page(
    browser: Any, dortmund: dict[str, Path]
) -> None:
    from geoinnenstadt.maps.explore import natural_key

    shuffled = NATURAL_ORDER[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=natural_key) == NATURAL_ORDER
    o = Opened(browser, dortmund["land"], viewport=SMALL)
    assert o.page.evaluate("ts => window.__gi.naturalOrder(ts)", shuffled) == NATURAL_ORDER
    o.close()


def _highlights(page: Any) -> list[dict[str, Any]]:
    """The highlight outlines drawn: their stroke, width, fill and box on the screen."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('path.gi-highlight')).map(p => {
                 const r = p.getBoundingClientRect();
                 return {stroke: p.getAttribute('stroke'), width: p.getAttribute('stroke-width'),
                         fill: p.getAttribute('fill'), x: r.left + r.width / 2,
                         y: r.top + r.height / 2, w: r.width, h: r.height}; })"""
        )
    )


def _empty_map_point(page: Any) -> tuple[float, float]:
    """A point of the map where the mouse meets neither a control nor a drawn feature."""
    found = page.evaluate(
        """() => { const box = document.querySelector('.leaflet-container').getBoundingClientRect();
             for (let fy = 0.5; fy < 0.95; fy += 0.05) { for (let fx = 0.3; fx < 0.95; fx += 0.05) {
               const x = box.left + fx * box.width, y = box.top + fy * box.height;
               const e = document.elementFromPoint(x, y);
               if (e && !e.closest('.leaflet-control') && e.tagName !== 'path'
                   && e.closest('.leaflet-container')) { return [x, y]; } } }
             return null; }"""
    )
    assert found is not None, "no free point on the map"
    return float(found[0]), float(found[1])


def test_a_parcel_found_by_search_is_highlighted(browser: Any, tmp_path: Path) -> None:
    city = gi.load_sample("duesseldorf")
    path = maps.save_html(quiet(maps.preemption_map, city), tmp_path / "p.html")
    o = Opened(browser, path, viewport=SMALL)
    page = o.page
    hl = style.symbol("highlight")
    assert _highlights(page) == []
    type_search(page, "Gemarkung 3024 Flur 1 Flurstück 8")
    page.locator(".gi-hits li button").first.click()  # picked with the mouse
    assert popup_title(page) == "Gemarkung 3024, Flur 1, Flurstück 8"
    settle(page)
    lit = _highlights(page)
    assert len(lit) == 1
    assert lit[0]["stroke"] == hl.stroke
    assert float(lit[0]["width"]) == hl.width
    assert lit[0]["fill"] == "none"
    # it outlines the parcel found: the same box as the parcel's own path
    box = page.evaluate(
        """() => { for (const e of Object.values(window.__gi.layers)) {
             if (!e.opts.search) continue;
             for (let i = 0; i < e.items.length; i++) {
               if (window.__gi.value(e, e.opts.search.label, i, '') === 'Gemarkung 3024, Flur 1, Flurstück 8') {
                 const r = e.items[i]._path.getBoundingClientRect();
                 return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}; } } }
             return null; }"""
    )
    assert box is not None
    for k in ("x", "y"):
        assert abs(lit[0][k] - box[k]) <= 1.0
    for k in ("w", "h"):
        assert abs(lit[0][k] - box[k]) <= hl.width + 1
    # it stays when the popup closes, and goes with a click elsewhere on the map
    page.locator(".leaflet-popup-close-button").last.dispatch_event("click")
    assert len(_highlights(page)) == 1
    x, y = _empty_map_point(page)
    page.mouse.click(x, y)
    assert _highlights(page) == []
    o.assert_clean()
    o.close()


def test_a_unit_found_by_search_is_ringed_until_the_next_search(
    browser: Any, dortmund: dict[str, Path]
) -> None:
    o = Opened(browser, dortmund["vacancy"], viewport=LARGE)
    page = o.page
    type_search(page, "Hansastraße 73")
    page.keyboard.press("Enter")
    assert popup_title(page) == "Hansastraße 73"
    settle(page)
    lit = _highlights(page)
    assert len(lit) == 1
    assert lit[0]["stroke"] == style.symbol("highlight").stroke
    units = gi.load_sample("dortmund").units
    at = units[units["address"] == "Hansastraße 73"].to_crs("EPSG:4326").geometry
    centres = [screen_xy(page, (float(p.y), float(p.x))) for p in at]
    assert min(abs(lit[0]["x"] - x) + abs(lit[0]["y"] - y) for x, y in centres) <= 2.0
    type_search(page, "Brückviertel")  # a new search: the ring goes
    assert _highlights(page) == []
    page.keyboard.press("Enter")
    assert popup_title(page) == "Brückviertel"
    assert len(_highlights(page)) == 1
    o.assert_clean()
    o.close()


# ------------------------------------------------------------------ the land map's caption


def test_land_caption_follows_the_slider(browser: Any, dortmund: dict[str, Path]) -> None:
    o = Opened(browser, dortmund["land"], viewport=SMALL)
    page = o.page
    caption = page.locator(".gi-caption")
    assert page.locator(".gi-time-date").inner_text() == "2025"
    assert "Stand: 30.06.2025" in caption.inner_text()  # the reference date of the sample
    page.locator(".gi-slider").focus()
    page.keyboard.press("Home")  # the first year, 2010
    assert page.locator(".gi-time-date").inner_text() == "2010"
    assert "Stand: 31.12.2010" in caption.inner_text()
    assert "30.06.2025" not in caption.inner_text()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert page.locator(".gi-time-date").inner_text() == "2015"
    assert "Stand: 31.12.2015" in caption.inner_text()
    # the rest of the caption is the one at load
    lines = caption.inner_text().splitlines()
    assert lines[0] == "Dortmund"
    assert lines[-1] == "Beispieldaten (synthetisch)"
    page.keyboard.press("End")
    assert "Stand: 30.06.2025" in caption.inner_text()
    o.close()


# ------------------------------------------------------------------ the profile chart


def test_profile_chart_keeps_every_label_inside(browser: Any) -> None:
    from geoinnenstadt.maps.explore import trend_svg

    dates = ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"]
    cases = [
        [0.1, 0.2, 0.22, 0.236],  # the largest value last, at the top right
        [0.236, 0.1, 0.05, 0.0],  # the largest first
        [0.0, 0.0, 0.0, 0.0],
        [0.5, float("nan"), 0.9, 1.0],
        [0.012, 0.0125, 0.013, 0.0149],
    ]
    svgs = [trend_svg(dates, r, lang="de", title="Brückviertel – Innenstadt") for r in cases]
    page = browser.new_page()
    page.set_content("<style>text{font:9px system-ui,Arial,sans-serif}</style>" + "".join(svgs))
    out = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg')).map(svg => {
             const vb = svg.viewBox.baseVal, bad = [];
             for (const e of svg.querySelectorAll('text, circle, line, polyline')) {
               const b = e.getBBox(), pad = e.tagName === 'circle' ? 1 : 0;
               if (b.x - pad < 0 || b.y - pad < 0 || b.x + b.width + pad > vb.width
                   || b.y + b.height + pad > vb.height) {
                 bad.push([e.tagName, e.textContent, b.x, b.y, b.width, b.height]); }
             }
             return bad; })"""
    )
    page.close()
    assert out == [[] for _ in cases]


def test_cold_spot_legend_row_follows_its_layer(browser: Any, tmp_path: Path) -> None:
    """The cold spots open switched off and have no legend row; a person switches them on in
    the layer control and the row appears, switches them off and it goes (make_cluster_city:
    10 hot spots in the west, 10 cold spots in the east)."""
    from helpers.maps import make_cluster_city

    path = maps.save_html(quiet(maps.vacancy_map, make_cluster_city()), tmp_path / "c.html")
    o = Opened(browser, path, viewport=SMALL)
    page = o.page
    cold = page.locator(".gi-legend .gi-row", has_text="Cold Spot (Ausdünnung)")
    hot = page.locator(".gi-legend .gi-row", has_text="Hot Spot (Häufung)")
    assert hot.is_visible()
    assert cold.count() == 1
    assert not cold.is_visible()
    toggle_layer(page, "Cold Spots des Leerstands (Gi*)")
    cold.scroll_into_view_if_needed()
    assert cold.is_visible()
    assert cold.inner_text().strip() == "Cold Spot (Ausdünnung), signifikant (p ≤ 0,05)"
    toggle_layer(page, "Cold Spots des Leerstands (Gi*)")
    assert not cold.is_visible()
    o.assert_clean()
    o.close()
