"""Context and local basemap in headless Chromium (issue 14).

No request leaves the page, nothing complains on the console, the context lies
beneath the data, its toggles work, district names appear only from the minimum
zoom on, embedded tiles are drawn from data: URIs, and the screenshot shows a map.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from helpers.browser import Opened, open_layers, popup_at, toggle_layer
from helpers.maps import (
    CRS,
    EXPECTED_ORDER,
    GERMAN_NAMES,
    HOSTILE_DISTRICT,
    X0,
    Y0,
    make_land_city,
    with_context,
)
from helpers.tiles import make_tiles, write_folder
from shapely.geometry import Point

from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

#: the documented minimum zoom of district labels (gi.context.DISTRICT_LABEL_MIN_ZOOM)
LABEL_ZOOM = 11


@pytest.fixture
def opened(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    tiles = write_folder(tmp_path / "kacheln", make_tiles(), {"attribution": "© Testamt"})
    m = maps.land_map(with_context(make_land_city()), basemap=tiles, basemap_zoom=(12, 14))
    o = Opened(browser, maps.save_html(m, tmp_path / "kontext.html"))
    yield o
    o.close()  # its own context; the shared browser stays open


def zoom_to(o: Opened, z: int) -> None:
    o.page.evaluate("z => window.__gi.map.setZoom(z, {animate: false})", z)
    o.page.wait_for_function("z => window.__gi.map.getZoom() === z", arg=z)


def test_page_is_offline_and_clean(opened: Opened) -> None:
    # the tiles are data: URIs (decoded in the page, never a request); nothing else is loaded
    assert opened.requests == [opened.url]
    assert opened.errors == []
    assert opened.page.evaluate("window.__pwned") is None


def test_context_lies_beneath_the_data(opened: Opened) -> None:
    z = opened.page.evaluate(
        """() => { const m = window.__gi.map, z = n => Number(getComputedStyle(m.getPane(n)).zIndex);
                   return {tile: z('tilePane'), context: z('giContext'), overlay: z('overlayPane'),
                           labels: z('giContextLabels')}; }"""
    )
    assert z["tile"] < z["context"] < z["overlay"]
    assert z["labels"] < z["overlay"]
    # every context path is drawn in the context pane, every site in the overlay pane
    where = opened.page.evaluate(
        """() => { const G = window.__gi, out = {};
                   for (const k in G.layers) { const panes = new Set();
                     G.layers[k].group.eachLayer(l => panes.add(l.options.pane || 'group'));
                     out[k] = Array.from(panes); }
                   return out; }"""
    )
    for c in EXPECTED_ORDER:
        assert set(where[f"context_{c}"]) <= {"giContext", "group"}
    assert where["sites"] == ["overlayPane"]
    # and no context path reacts to the mouse
    interactive = opened.page.evaluate(
        "() => document.querySelectorAll('.leaflet-giContext-pane .leaflet-interactive').length"
    )
    assert interactive == 0
    n_paths = opened.page.evaluate(
        "() => document.querySelectorAll('.leaflet-giContext-pane path').length"
    )
    assert n_paths == sum({"landuse": 4, "water": 2, "district": 2, "rail": 1, "road": 1,
                           "city_boundary": 1}.values())  # fmt: skip


def test_a_click_on_context_reaches_the_map_not_a_popup(opened: Opened) -> None:
    zoom_to(opened, 13)
    # a point on the GI land-use zone L2 (x0 + 900…1400), where no data layer lies
    point = opened.page.evaluate(
        """() => { const G = window.__gi, m = G.map;
                   const lyr = G.layers.context_landuse.items[1];
                   m.setView(lyr.getBounds().getCenter(), 15, {animate: false});
                   const p = m.latLngToContainerPoint(lyr.getBounds().getCenter());
                   const r = m.getContainer().getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }"""
    )
    top = opened.page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.leaflet-giContext-pane') === null",
        point,
    )
    assert top  # the context path is not the target of pointer events
    opened.page.mouse.click(*point)
    assert opened.page.locator(".leaflet-popup").count() == 0


def test_toggles_switch_context_layers(opened: Opened) -> None:
    for c in EXPECTED_ORDER:
        label = opened.page.locator(
            ".leaflet-control-layers-overlays label", has_text=GERMAN_NAMES[c]
        )
        assert label.count() == 1
        open_layers(opened.page)
        before = opened.page.evaluate(
            "k => window.__gi.map.hasLayer(window.__gi.layers[k].group)", f"context_{c}"
        )
        label.locator("input").click()
        after = opened.page.evaluate(
            "k => window.__gi.map.hasLayer(window.__gi.layers[k].group)", f"context_{c}"
        )
        assert before
        assert not after
    assert (
        opened.page.evaluate(
            "() => document.querySelectorAll('.leaflet-giContext-pane path').length"
        )
        == 0
    )
    assert opened.errors == []


def test_district_labels_only_from_the_minimum_zoom(opened: Opened) -> None:
    count = "() => document.querySelectorAll('.gi-context-label').length"
    zoom_to(opened, LABEL_ZOOM - 1)
    assert opened.page.evaluate(count) == 0
    zoom_to(opened, LABEL_ZOOM)
    assert opened.page.evaluate(count) == 2
    texts = opened.page.evaluate(
        "() => Array.from(document.querySelectorAll('.gi-context-label')).map(e => e.textContent)"
    )
    assert sorted(texts) == sorted(["Innenstadt-West", HOSTILE_DISTRICT])  # text, not markup
    assert opened.page.evaluate("window.__pwned") is None
    # hidden with their layer
    open_layers(opened.page)
    opened.page.locator(
        ".leaflet-control-layers-overlays label", has_text=GERMAN_NAMES["district"]
    ).locator("input").click()
    assert opened.page.evaluate(count) == 0
    zoom_to(opened, LABEL_ZOOM + 2)
    assert opened.page.evaluate(count) == 0
    assert opened.errors == []


def test_basemap_tiles_are_embedded_images(opened: Opened) -> None:
    zoom_to(opened, 14)
    opened.page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.gi-basemap img')).some(i => i.complete)"
    )
    srcs = opened.page.evaluate(
        "() => Array.from(document.querySelectorAll('.gi-basemap img')).map(i => i.src)"
    )
    assert srcs
    assert all(s.startswith("data:image/png;base64,") for s in srcs)
    blank = (
        "data:image/png;base64," + __import__("base64").b64encode(maps.Basemap.blank_tile).decode()
    )
    assert any(s != blank for s in srcs)  # real tiles, not only the empty filler
    attribution = opened.page.locator(".leaflet-control-attribution").inner_text()
    assert "© Testamt" in attribution
    assert opened.page.evaluate(  # in Leaflet's tile pane, beneath the context pane
        "() => document.querySelector('.gi-basemap').closest('.leaflet-tile-pane') !== null"
    )
    # zooming beyond the embedded zooms still shows (scaled) tiles
    zoom_to(opened, 16)
    opened.page.wait_for_timeout(200)
    srcs = opened.page.evaluate(
        "() => Array.from(document.querySelectorAll('.gi-basemap img')).map(i => i.src)"
    )
    assert any(s != blank for s in srcs)
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_screenshot_is_not_blank(opened: Opened, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    opened.page.screenshot(path=str(tmp_path / "shot.png"))
    with Image.open(tmp_path / "shot.png") as im:
        stat = ImageStat.Stat(im.convert("L"))
        assert stat.var[0] > 100  # a drawn map, not an empty page
    assert opened.screenshot_colours(tmp_path / "shot2.png") > 50


def test_context_without_basemap_is_clean(browser: Any, tmp_path: Path) -> None:
    m = maps.land_map(with_context(make_land_city()))
    o = Opened(browser, maps.save_html(m, tmp_path / "ohne.html"))
    o.assert_clean()
    assert o.page.evaluate("() => document.querySelectorAll('.gi-basemap img').length") == 0
    assert o.page.evaluate("window.__gi.counts")["context_landuse"] == 4
    o.close()


def test_a_click_on_a_site_above_the_context_opens_it(opened: Opened) -> None:
    from helpers.maps import site_click_points

    titles = [popup_at(opened.page, p).splitlines()[0] for p in site_click_points()]
    assert titles == ["Hafen <script>alert(1)</script>", "S2", "Nord", "Süd"]
    # with the sites switched off in the layer control, a click on the outline of the core
    # zone Z2 (its west edge, 150 m north of the origin) opens it, not the context
    toggle_layer(opened.page, "Wirtschaftsflächen")
    assert not opened.page.evaluate("window.__gi.map.hasLayer(window.__gi.layers.sites.group)")
    edge = gpd.GeoSeries([Point(X0 + 280, Y0 + 150)], crs=CRS).to_crs("EPSG:4326")[0]
    text = popup_at(opened.page, (edge.y, edge.x))
    assert text.splitlines()[0] == "Kernzone Ost"
    assert opened.errors == []
