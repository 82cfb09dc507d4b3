"""The use mix and the footfall counters of the vacancy map in headless Chromium (issue 20).

A person switches the use-mix layer on with the mouse in the layer control, reads its legend,
clicks a unit and a counter and reads their popups, unticks a use category in the filters and
prints. The city is ``helpers.maps.make_use_city`` (written by hand); the counter's daily mean
is recomputed here with plain pandas from its hourly counts. The ``window.__gi`` hooks only
read figures (how many points are drawn, the printed view).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers.browser import Opened, click_at, close_popup, lat_lon, popup_at, settle, toggle_layer
from helpers.maps import XSS_BRAND, XSS_COUNTER, make_use_city

from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

LAYER = "Nutzungsmix (genutzte Einheiten)"
CITY = make_use_city()
UNITS = dict(
    zip(
        CITY.units.drop_duplicates("unit_id")["unit_id"],
        lat_lon(CITY.units.drop_duplicates("unit_id")),
        strict=True,
    )
)
COUNTERS = dict(
    zip(CITY.footfall.counters["counter_id"], lat_lon(CITY.footfall.counters), strict=True)
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("use_mix") / "nutzstadt.html"
    return Path(maps.save_html(maps.vacancy_map(CITY, hotspots=False), out))


def visible_rows(o: Opened, layer: str) -> list[str]:
    return o.page.evaluate(
        """key => Array.from(document.querySelectorAll('[data-gi-layer="' + key + '"]'))
             .filter(r => r.getBoundingClientRect().height > 0).map(r => r.textContent)""",
        layer,
    )


def test_switch_on_the_use_mix_and_open_a_unit(browser: object, saved: Path) -> None:
    o = Opened(browser, saved)
    try:
        assert visible_rows(o, "use_mix") == []  # opt-in: off, and so its legend rows
        assert "use_mix" not in o.page.evaluate(
            "Object.keys(window.__gi.counts).filter(k => window.__gi.map.hasLayer(window.__gi.layers[k].group))"
        )
        toggle_layer(o.page, LAYER)
        settle(o.page)
        assert visible_rows(o, "use_mix") == [
            "Einzelhandel kurzfristiger Bedarf (1)",
            "Einzelhandel mittelfristiger Bedarf (1)",
            "Gastronomie (1)",
            "publikumsorientierte Dienstleistungen (0)",
            "Gesundheit (1)",
            "Büro und Verwaltung (1)",
        ]
        text = popup_at(o.page, UNITS["U1"])
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0] == "Markt 1"
        assert dict(line.split("\t", 1) for line in lines[1:]) == {
            "Nutzung": "Bekleidung",
            "Marke": XSS_BRAND,  # shown as text, never run
            "Einheiten-ID": "U1",
        }
        # the vacant unit is not in the use mix: its click opens the unit's own popup
        vacant = popup_at(o.page, UNITS["U4"])
        assert "leer stehend" in vacant
        # a unit whose category has no brand: "k. A."
        assert "Marke\tk. A." in popup_at(o.page, UNITS["U2"])
        o.assert_clean()
    finally:
        o.close()


def test_the_use_filter_hides_use_mix_points(browser: object, saved: Path) -> None:
    o = Opened(browser, saved)
    try:
        toggle_layer(o.page, LAYER)
        o.page.locator(".gi-filters summary").click()
        box = o.page.locator(".gi-filters fieldset", has_text="Nutzung").locator(
            "label", has_text="Gastronomie"
        )
        assert box.count() == 1
        before = o.counts()
        box.locator("input").click()
        settle(o.page)
        after = o.counts()
        # U2 (gastronomy) is hidden in both layers; the other five units and four mix points stay
        assert (before["units"], before["use_mix"]) == (6, 5)
        assert (after["units"], after["use_mix"]) == (5, 4)
        o.assert_clean()
    finally:
        o.close()


def test_click_a_counter(browser: object, saved: Path) -> None:
    counts = CITY.footfall.counts
    frame = pd.DataFrame(
        {
            "counter": counts["counter_id"].astype(str),
            "day": counts["timestamp"].dt.tz_localize(None).dt.normalize(),
            "n": counts["pedestrians"],
        }
    )
    z1 = frame[frame["counter"] == "Z1"].groupby("day")["n"].agg(["sum", "size"])
    mean = z1.loc[z1["size"] == 24, "sum"].mean()  # June days: 24 hours each
    o = Opened(browser, saved)
    try:
        text = popup_at(o.page, COUNTERS["Z1"])
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0] == XSS_COUNTER
        rows = dict(line.split("\t", 1) for line in lines[1:])
        assert rows["Passanten je Tag (vollständige Zähltage)"] == f"{mean:,.0f}".replace(",", ".")
        assert rows["Zeitraum"] == "05.06.2023 – 04.06.2024"
        assert rows["Veränderung 2024 zum Vorjahr (gleiche Wochentage)"] == "+10,0 %"
        never = popup_at(o.page, COUNTERS["Z3"])
        assert "Passanten je Tag (vollständige Zähltage)\tnicht gemessen" in never
        o.assert_clean()
    finally:
        o.close()


def test_quarter_profile_shows_the_use_mix(browser: object, saved: Path) -> None:
    o = Opened(browser, saved)
    try:
        click_at(o.page, (UNITS["U1"][0] + 0.0004, UNITS["U1"][1]))  # inside Nord, off the units
        popup = o.page.locator(".leaflet-popup-content .gi-profile")
        popup.wait_for()
        assert popup.locator(".gi-mix-part").count() == 3
        rows = popup.locator(".gi-mix-row").all_inner_texts()
        assert rows == [
            "Einzelhandel kurzfristiger Bedarf 33,3 %",
            "Einzelhandel mittelfristiger Bedarf 33,3 %",
            "Gastronomie 33,3 %",
        ]
        widths = popup.locator(".gi-mix-part").evaluate_all(
            "ps => ps.map(p => p.getBoundingClientRect().width)"
        )
        assert max(widths) - min(widths) < 0.5  # three equal thirds of the bar
        assert "Filialisierungsgrad\t66,7 %" in popup.inner_text()
        close_popup(o.page)
        o.assert_clean()
    finally:
        o.close()


def test_printing_keeps_the_use_mix(browser: object, saved: Path) -> None:
    o = Opened(browser, saved)
    try:
        toggle_layer(o.page, LAYER)
        settle(o.page)
        o.page.emulate_media(media="print")
        o.page.wait_for_function(
            "() => window.__gi.printView !== undefined && window.__gi.printView !== null"
        )
        # the legend rows of the layer are on the paper, and every drawn canvas has its copy
        assert len(visible_rows(o, "use_mix")) == 6
        hidden, copies = o.page.evaluate(
            """() => [Array.from(document.querySelectorAll('canvas:not(.gi-print-copy)'))
                        .filter(c => c.style.display === 'none').length,
                      document.querySelectorAll('.gi-print-copy').length]"""
        )
        assert copies == hidden
        assert copies >= 3  # units, use mix, counters
        o.page.emulate_media(media="screen")
    finally:
        o.close()
