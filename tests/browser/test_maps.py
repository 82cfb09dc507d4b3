"""The offline maps in headless Chromium: no request leaves the page, popups escape everything.

Needs the Debian package ``chromium`` (/usr/bin/chromium) and Playwright's Python
package; Playwright's own browser downloads are never used. One browser per
session (conftest.py); each test opens its own context. Popups are opened with the
mouse at the place a feature is drawn (tests/helpers/browser.py), never through
``window.__gi``; what is drawn is checked by the pixel at each feature's place.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from helpers.browser import (
    PROFILE,
    Opened,
    click_at,
    close_popup,
    close_to,
    interior_points,
    lat_lon,
    legend_swatch,
    over,
    pixel,
    points_within,
    popup_at,
    popup_title,
    screen_xy,
    settle,
    shot,
    toggle_layer,
)
from helpers.maps import (
    OWNER_NAMES,
    XSS_ADDRESSES,
    data_blocks,
    make_city,
    make_cluster_city,
    make_land_city,
    site_click_points,
)
from shapely.geometry import Point

import geoinnenstadt as gi
from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

__all__ = ["Opened"]  # other browser test files import it from here


def open_map(browser: Any, m: Any, path: Path) -> Opened:
    return Opened(browser, maps.save_html(m, path))


def test_vacancy_map_renders_offline_and_escapes(browser: Any, tmp_path: Path) -> None:
    city = make_city()
    m = maps.vacancy_map(city)
    o = open_map(browser, m, tmp_path / "leerstand.html")
    counts = o.counts()
    assert counts["quarters"] == 3
    assert counts["units"] == 8
    # the page draws every hot spot its data block carries
    assert (
        counts.get("hotspots", 0)
        == data_blocks(maps.to_html(m)).get("hotspots", {"count": 0})["count"]
    )
    # the hostile addresses come back as literal text, nothing ran (clicked on each dot)
    at = dict(zip(city.units["unit_id"], lat_lon(city.units), strict=True))
    for k, address in enumerate(XSS_ADDRESSES):
        click_at(o.page, at[f"U{k}"])
        assert popup_title(o.page) == (address if address is not None else "k. A.")
        assert o.page.locator(".leaflet-popup img").count() == 0
        close_popup(o.page)
    text = popup_at(o.page, at["V0"])
    assert "Südstraße 1" in text
    assert "01.03.2025" in text
    assert "Einzelhandel" not in text
    assert "Fonds\tk. A." in text  # missing fund
    inside = interior_points(city.quarters)
    q = popup_at(o.page, inside[0])
    assert q.splitlines()[0] == "Nord <b>fett</b>"
    assert "0,0 %" in q
    assert "100,0 %" in popup_at(o.page, inside[1])
    legend = o.page.locator(".gi-legend", has_text="Leerstandsquote je Quartier")
    assert legend.is_visible()
    assert "> 20 %" in legend.inner_text()
    assert "keine Einheiten" in legend.inner_text()
    assert o.page.locator(".gi-legend", has_text="leer stehend, > 24 Monate").is_visible()
    caption = o.page.locator(".gi-caption")
    assert caption.is_visible()
    assert "Beispieldaten (synthetisch)" in caption.inner_text()
    assert "Handarbeit <i>&</i>" in caption.inner_text()
    body = o.page.content()
    assert not [name for name in OWNER_NAMES if name in body]
    assert o.screenshot_colours(tmp_path / "leerstand.png") > 20
    o.assert_clean()
    o.close()


def test_hotspots_render(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.vacancy_map(make_cluster_city()), tmp_path / "cluster.html")
    # the 10 hot spots are shown; the 10 cold spots are a layer switched off in the control
    assert o.counts() == {"quarters": 2, "units": 20, "hotspots": 10, "coldspots": 10}
    assert o.page.evaluate("window.__gi.map.hasLayer(window.__gi.layers.hotspots.group)")
    assert not o.page.evaluate("window.__gi.map.hasLayer(window.__gi.layers.coldspots.group)")
    # a hot-spot ring (radius 9 px) around the westmost unit (C00; dot radius 5 px): a click
    # 7 px west of its centre is inside the ring and beside the dot
    settle(o.page)
    x, y = screen_xy(o.page, lat_lon(make_cluster_city().units)[0])
    o.page.mouse.click(x - 7, y)
    text = o.page.locator(".leaflet-popup-content").last.inner_text()
    assert "Hot Spot (Häufung)" in text
    close_popup(o.page)
    # a click on the dot itself opens the unit, not the ring around it
    assert popup_at(o.page, lat_lon(make_cluster_city().units)[0]).splitlines()[0] == "West 1"
    o.assert_clean()
    o.close()


def test_english_map_in_the_browser(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.vacancy_map(make_city(), lang="en"), tmp_path / "en.html")
    legend = o.page.locator(".gi-legend", has_text="Vacancy rate by quarter").inner_text()
    assert "> 20 %" in legend
    assert "no units" in legend
    assert (
        "vacant, > 24 months"
        in o.page.locator(".gi-legend", has_text="Commercial units").inner_text()
    )
    assert "Sample data (synthetic)" in o.page.locator(".gi-caption").inner_text()
    v1 = lat_lon(make_city().units)[6]  # V1, vacant since 15.01.2023
    assert "Vacancy duration\t29 months" in popup_at(o.page, v1)
    o.assert_clean()
    o.close()


def test_clicking_a_unit_opens_its_popup_above_its_quarter(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.vacancy_map(make_city()), tmp_path / "klick.html")
    v1 = lat_lon(make_city().units)[6]  # V1 lies in quarter Q2 ("Süd"): the dot wins
    click_at(o.page, v1)
    assert popup_title(o.page) == "Südstraße 2"
    assert o.page.locator(PROFILE).count() == 0
    o.assert_clean()
    o.close()


LAYERS = {"units": "Gewerbeeinheiten", "hotspots": "Hot Spots", "quarters": "City-Quartiere"}


@pytest.mark.parametrize("points", ["on", "off"])
@pytest.mark.parametrize("source", ["fixture", "dortmund"])
def test_a_click_inside_each_quarter_opens_its_profile(
    browser: Any, tmp_path: Path, points: str, source: str
) -> None:
    """Clicked with the mouse at an interior point of each quarter (shapely), with the unit
    and hot-spot layers on, or switched off in the layer control."""
    if source == "fixture":
        city = make_city()
        m = maps.vacancy_map(city)
    else:
        city = gi.load_sample("dortmund")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = maps.vacancy_map(city)
    o = open_map(browser, m, tmp_path / "quartiere.html")
    if points == "off":
        for key in ("units", "hotspots"):
            if key in o.counts():
                toggle_layer(o.page, LAYERS[key])
        off = o.page.evaluate(
            "() => ['units', 'hotspots'].filter(k => window.__gi.layers[k]).map(k => window.__gi.map.hasLayer(window.__gi.layers[k].group))"
        )
        assert off
        assert not any(off)
    names = city.quarters["name"].tolist()
    checked = 0
    for name, latlon in zip(names, interior_points(city.quarters), strict=True):
        settle(o.page)
        # a ring of radius 9 px, 2.5 px wide, is hit up to 9 + 1.25 + 3 (tolerance) px away
        if points == "on" and points_within(o.page, screen_xy(o.page, latlon), 14):
            continue  # a dot drawn there: the click would open the unit (tested above)
        click_at(o.page, latlon)
        profile = o.page.locator(PROFILE)
        profile.wait_for()
        assert popup_title(o.page) == name
        # a mouse click draws no focus ring (Chrome would draw it as the quarter's bounding box)
        ring = o.page.evaluate(
            "() => { const e = document.activeElement;"
            " return e && e.classList && e.classList.contains('leaflet-interactive')"
            " ? getComputedStyle(e).outlineStyle : 'none'; }"
        )
        assert ring == "none", name
        close_popup(o.page)
        checked += 1
    # Dortmund with the dots on: 1 of its quarters has no dot or ring within 14 px of the point
    assert checked == (len(names) if source == "fixture" or points == "off" else 1)
    o.assert_clean()
    o.close()


def test_quarter_and_unit_colours_at_their_places(browser: Any, tmp_path: Path) -> None:
    """The pixel at each quarter's interior point is its legend class colour over what lies
    beneath (the same pixel with the quarters switched off); the pixel at each unit dot's
    centre is its status colour over what lies beneath it."""
    city = make_city()
    o = open_map(browser, maps.vacancy_map(city, hotspots=False), tmp_path / "farben.html")
    settle(o.page)
    # classes counted by hand: Q1 0 of 5 vacant, Q2 3 of 3, Q3 no units
    quarter_class = ["0 – 5 %", "> 20 %", "keine Einheiten"]
    places = [screen_xy(o.page, p) for p in interior_points(city.quarters)]
    assert [points_within(o.page, xy, 12) for xy in places] == [0, 0, 0]
    drawn = shot(o.page, tmp_path / "mit.png")
    toggle_layer(o.page, LAYERS["quarters"])
    settle(o.page)
    beneath = shot(o.page, tmp_path / "ohne.png")
    for xy, label, qid in zip(places, quarter_class, city.quarters["quarter_id"], strict=True):
        swatch = legend_swatch(o.page, "Leerstandsquote je Quartier", label)
        want = over(swatch, pixel(beneath, xy))
        assert close_to(pixel(drawn, xy), want), (qid, pixel(drawn, xy), want)
        assert not close_to(pixel(beneath, xy), want), qid  # the class colour shows
    toggle_layer(o.page, LAYERS["quarters"])
    settle(o.page)
    # statuses at 30.06.2025, by hand: U0-U4 occupied, V0 4 months, V1 29, V2 14 months vacant
    status = ["genutzt"] * 5 + [f"leer stehend, {d}" for d in ("< 6", "> 24", "12–24")]
    status = [s if s == "genutzt" else s + " Monate" for s in status]
    dots = [screen_xy(o.page, p) for p in lat_lon(city.units)]
    drawn = shot(o.page, tmp_path / "punkte.png")
    toggle_layer(o.page, LAYERS["units"])
    settle(o.page)
    beneath = shot(o.page, tmp_path / "ohne-punkte.png")
    for xy, label, uid in zip(dots, status, city.units["unit_id"], strict=True):
        swatch = legend_swatch(o.page, "Gewerbeeinheiten", label)
        want = over(swatch, pixel(beneath, xy))
        assert close_to(pixel(drawn, xy), want), (uid, pixel(drawn, xy), want)
        assert not close_to(pixel(beneath, xy), want), uid
    o.assert_clean()
    o.close()


def test_vacancy_map_without_units_shows_message(browser: Any, tmp_path: Path) -> None:
    city = make_city()
    city.units = None
    o = open_map(browser, maps.vacancy_map(city), tmp_path / "leer.html")
    msg = o.page.locator(".gi-message")
    assert msg.is_visible()
    assert "Keine Gewerbeeinheiten" in msg.inner_text()
    assert o.counts() == {"quarters": 3}
    o.assert_clean()
    o.close()


def test_land_map_renders_offline(browser: Any, tmp_path: Path) -> None:
    o = open_map(
        browser, maps.land_map(make_land_city(), distance_classes=True), tmp_path / "flaechen.html"
    )
    assert o.counts() == {
        "distance_buffers": 7,
        "residential": 2,
        "core_zones": 2,
        "preemption_areas": 1,
        "sites": 4,
    }
    # a click inside each site opens it (S2 has no name: its id is the title)
    inside = site_click_points()
    text = popup_at(o.page, inside[0])
    assert text.splitlines()[0] == "Hafen <script>alert(1)</script>"
    assert "2,00 ha" in text
    assert "restriktionsfrei" in text
    titles = [popup_at(o.page, p).splitlines()[0] for p in inside[1:]]
    assert titles == ["S2", "Nord", "Süd"]
    # pre-emption areas are outlines on screen (gi.style hatches them in print only)
    fills = o.page.evaluate(
        "() => window.__gi.layers.preemption_areas.items.map(l => l._path.getAttribute('fill'))"
    )
    assert fills == ["none"]
    assert o.page.locator(".gi-legend").is_visible()
    assert o.screenshot_colours(tmp_path / "flaechen.png") > 20
    o.assert_clean()
    o.close()


def test_preemption_map_renders_offline(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.preemption_map(make_land_city()), tmp_path / "vorkauf.html")
    assert o.counts() == {"other_parcels": 2, "preempted_parcels": 1, "preemption_areas": 1}
    city = make_land_city()
    inside = interior_points(city.parcels)
    text = popup_at(o.page, inside[0])
    assert text.splitlines()[0] == "Gemarkung 1234, Flur 17, Flurstück 123/4"
    assert "05123401700123000400" in text
    assert "100,0 %" in text
    titles = [popup_at(o.page, p).splitlines()[0] for p in inside[1:]]
    assert titles == [
        "Gemarkung 1234, Flur 17, Flurstück 124",
        "Gemarkung 1234, Flur 17, Flurstück 125",
    ]
    # the pre-emption area is drawn as an outline above the parcels: a click on its outline
    # (the middle of its west edge, where no parcel lies) opens it
    area = city.preemption_areas.geometry.iloc[0]
    edge = gpd.GeoSeries([Point(area.bounds[0], (area.bounds[1] + area.bounds[3]) / 2)],
                         crs=city.preemption_areas.crs)  # fmt: skip
    assert popup_at(o.page, lat_lon(edge)[0]).splitlines()[0] == "Satzung `Hafen` ${x}"
    assert o.page.locator(".gi-legend").is_visible()
    o.assert_clean()
    o.close()


def test_sample_vacancy_map_renders_offline(browser: Any, tmp_path: Path) -> None:
    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = maps.vacancy_map(city)
    o = open_map(browser, m, tmp_path / "dortmund.html")
    state = gi.vacancy.state_at(city.units)
    assert o.counts()["units"] == len(state)
    assert o.counts()["quarters"] == len(city.quarters)
    assert "Beispieldaten (synthetisch)" in o.page.locator(".gi-caption").inner_text()
    assert o.screenshot_colours(tmp_path / "dortmund.png") > 50
    o.assert_clean()
    o.close()
