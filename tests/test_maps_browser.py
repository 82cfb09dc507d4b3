"""The offline maps in headless Chromium: no request leaves the page, popups escape everything.

Needs the Debian package ``chromium`` (/usr/bin/chromium) and Playwright's Python
package; Playwright's own browser downloads are never used. One browser per
module; each test opens a fresh page.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from test_maps import (
    OWNER_NAMES,
    XSS_ADDRESSES,
    data_blocks,
    make_city,
    make_cluster_city,
    make_land_city,
)

import geoinnenstadt as gi
from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py


class Opened:
    """A page with the map loaded, and everything it requested or complained about."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1000, "height": 700})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function(
            "window.__gi && window.__gi.renderedAt !== null", timeout=30_000
        )

    def counts(self) -> dict[str, int]:
        return self.page.evaluate("window.__gi.counts")

    def popup(self, key: str, i: int) -> str:
        self.page.evaluate("([k, i]) => window.__gi.openPopup(k, i)", [key, i])
        return self.page.locator(".leaflet-popup-content").last.inner_text()

    def assert_clean(self) -> None:
        assert self.requests == [self.url]  # the file itself and nothing else
        assert self.errors == []
        assert self.page.evaluate("window.__pwned") is None

    def screenshot_colours(self, path: Path) -> int:
        from PIL import Image

        self.page.screenshot(path=str(path))
        with Image.open(path) as im:
            return len(im.convert("RGB").getcolors(maxcolors=1 << 20) or [])


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
    assert counts.get("hotspots", 0) == data_blocks(maps.to_html(m)).get("hotspots", {"n": 0})["n"]
    # the hostile addresses come back as literal text, nothing ran
    for i, address in enumerate(XSS_ADDRESSES):
        text = o.popup("units", i)
        assert text.splitlines()[0] == (address if address is not None else "k. A.")
        assert o.page.locator(".leaflet-popup img").count() == 0
    text = o.popup("units", 5)
    assert "Südstraße 1" in text
    assert "01.03.2025" in text
    assert "Einzelhandel" not in text
    assert "Fonds\tk. A." in text  # missing fund
    q = o.popup("quarters", 0)
    assert q.splitlines()[0] == "Nord <b>fett</b>"
    assert "0,0 %" in q
    assert "100,0 %" in o.popup("quarters", 1)
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
    o.page.close()


def test_hotspots_render(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.vacancy_map(make_cluster_city()), tmp_path / "cluster.html")
    assert o.counts() == {"quarters": 2, "units": 20, "hotspots": 20}
    assert "Hot Spot (Häufung)" in o.popup("hotspots", 0)
    o.assert_clean()
    o.page.close()


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
    text = o.popup("units", 6)
    assert "Vacancy duration\t29 months" in text
    o.assert_clean()
    o.page.close()


def test_clicking_a_unit_opens_its_popup(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.vacancy_map(make_city(), hotspots=False), tmp_path / "klick.html")
    xy = o.page.evaluate(
        """() => { const e = window.__gi.layers.units; const p = e.map.latLngToContainerPoint(e.items[6].getLatLng());
                   const r = e.map.getContainer().getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"""
    )
    o.page.mouse.click(xy[0], xy[1])
    popup = o.page.locator(".leaflet-popup-content").last
    popup.wait_for(timeout=5000)
    assert popup.inner_text().splitlines()[0] == "Südstraße 2"
    o.assert_clean()
    o.page.close()


def test_vacancy_map_without_units_shows_message(browser: Any, tmp_path: Path) -> None:
    city = make_city()
    city.units = None
    o = open_map(browser, maps.vacancy_map(city), tmp_path / "leer.html")
    msg = o.page.locator(".gi-message")
    assert msg.is_visible()
    assert "Keine Gewerbeeinheiten" in msg.inner_text()
    assert o.counts() == {"quarters": 3}
    o.assert_clean()
    o.page.close()


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
    text = o.popup("sites", 0)
    assert text.splitlines()[0] == "Hafen <script>alert(1)</script>"
    assert "2,00 ha" in text
    assert "restriktionsfrei" in text
    assert o.popup("preemption_areas", 0).splitlines()[0] == "Satzung `Hafen` ${x}"
    # pre-emption areas are hatched with an SVG pattern defined in the page
    fills = o.page.evaluate(
        "() => window.__gi.layers.preemption_areas.items.map(l => l._path.getAttribute('fill'))"
    )
    assert fills
    assert all(f.startswith("url(#gi-hatch-") for f in fills)
    assert o.page.locator(".gi-legend").is_visible()
    assert o.screenshot_colours(tmp_path / "flaechen.png") > 20
    o.assert_clean()
    o.page.close()


def test_preemption_map_renders_offline(browser: Any, tmp_path: Path) -> None:
    o = open_map(browser, maps.preemption_map(make_land_city()), tmp_path / "vorkauf.html")
    assert o.counts() == {"other_parcels": 2, "preempted_parcels": 1, "preemption_areas": 1}
    text = o.popup("preempted_parcels", 0)
    assert text.splitlines()[0] == "Gemarkung 1234, Flur 17, Flurstück 123/4"
    assert "05123401700123000400" in text
    assert "100,0 %" in text
    assert o.page.locator(".gi-legend").is_visible()
    o.assert_clean()
    o.page.close()


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
    o.page.close()
