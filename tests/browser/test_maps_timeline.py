"""Maps over time in headless Chromium, used as a person would (issue 24, case 6).

The panel and the popups expected at each date are those of ``tests/maps/test_timeline.py``
(written by hand). The date is changed with the mouse (the ◀ ▶ buttons, dragging the slider),
units are clicked where they are drawn (``tests/helpers/browser.py``: screen projection, clicks), and
the popup's text is read from the page. The ``window.__gi`` hooks only read figures — and once
check that the page API refuses to open a unit that is not drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.browser import PROFILE, Opened, click_at, close_popup, lat_lon, popup_at, settle
from helpers.timeline import DATES, IDS, LABELS, expected, make_survey_city, survey_map

from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

#: (lat, lon) of each unit (they do not move between surveys).
PLACES = dict(zip(IDS, lat_lon(make_survey_city().units.drop_duplicates("unit_id")), strict=True))


def read_popup(text: str) -> tuple:
    """A unit popup's text as (address, status, area, use, since, duration, location, fund,
    id), "k. A." (no value) as None."""
    lines = [line for line in text.splitlines() if line.strip()]
    rows = dict(line.split("\t", 1) for line in lines[1:])
    assert list(rows) == list(LABELS), rows
    return tuple(None if v == "k. A." else v for v in (lines[0], *rows.values()))


def unit_popup(o: Opened, uid: str) -> tuple:
    return read_popup(popup_at(o.page, PLACES[uid]))


def shown_date(o: Opened) -> str:
    return o.page.locator(".gi-time-date").inner_text()


def drag_slider_to(o: Opened, k: int) -> None:
    """Drag the slider's thumb with the mouse from where it is to position ``k`` of 3."""
    box = o.page.locator(".gi-slider").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    left, right = box["x"] + 4, box["x"] + box["width"] - 4
    now = o.page.evaluate("window.__gi.dates()").index(
        o.page.evaluate("window.__gi.state()").get("date")
    )
    x = [left, (left + right) / 2, right]
    o.page.mouse.move(x[now], y)
    o.page.mouse.down()
    o.page.mouse.move(x[k], y, steps=8)
    o.page.mouse.up()
    settle(o.page)


def type_search(o: Opened, text: str) -> list[str]:
    """Type ``text`` into the search box with the keyboard; the hit list as shown."""
    box = o.page.locator(".gi-search-input")
    box.click()
    o.page.keyboard.press("Control+A")
    o.page.keyboard.press("Delete")
    o.page.keyboard.type(text)
    return o.page.locator(".gi-hits li").all_inner_texts()


def test_popups_follow_the_time_slider(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(survey_map(public=False), tmp_path / "zeit.html"))
    want = {d: expected(d, public=False) for d in DATES}
    assert shown_date(o) == "30.06.2025"
    assert unit_popup(o, "N1") == want["2025-06-30"]["N1"]  # 153 m², the Sofortprogramm
    assert unit_popup(o, "O1") == want["2025-06-30"]["O1"]  # occupied again, gastronomy
    o.page.locator(".gi-prev").click()  # ◀
    assert shown_date(o) == "30.06.2024"
    assert unit_popup(o, "N1") == want["2024-06-30"]["N1"]  # vacant, 120 m², no fund yet
    assert unit_popup(o, "O1") == want["2024-06-30"]["O1"]  # vacant, 180 m², Anmietungs-Fonds
    assert unit_popup(o, "N3") == want["2024-06-30"]["N3"]
    drag_slider_to(o, 0)
    assert shown_date(o) == "30.06.2023"
    assert unit_popup(o, "N1") == want["2023-06-30"]["N1"]  # occupied, 120 m²
    assert unit_popup(o, "O1") == want["2023-06-30"]["O1"]  # retail, 200 m²
    assert unit_popup(o, "O6") == want["2023-06-30"]["O6"]
    o.page.locator(".gi-next").click()  # ▶ to 2024: O6 has left the inventory
    assert shown_date(o) == "30.06.2024"
    click_at(o.page, PLACES["O6"])  # its place: the click reaches the quarter beneath
    profile = o.page.locator(PROFILE)
    profile.wait_for()
    assert profile.inner_text().splitlines()[0] == "Ost"
    assert "Weg O6" not in o.page.locator(".leaflet-popup").inner_text()
    close_popup(o.page)
    o6 = IDS.index("O6")  # the page API does not open it either
    assert o.page.evaluate("i => window.__gi.openPopup('units', i)", o6) is None
    drag_slider_to(o, 2)
    assert shown_date(o) == "30.06.2025"
    assert unit_popup(o, "N2") == want["2025-06-30"]["N2"]  # an office now
    o.assert_clean()
    o.close()


def test_public_map_shows_nothing_of_a_withheld_quarter_at_that_date(
    browser: Any, tmp_path: Path
) -> None:
    o = Opened(browser, maps.save_html(survey_map(public=True), tmp_path / "public.html"))
    want = {d: expected(d, public=True) for d in DATES}
    assert shown_date(o) == "30.06.2025"
    # Nord is withheld in 2025: a click on N1's place opens Nord's profile, without figures
    click_at(o.page, PLACES["N1"])
    profile = o.page.locator(PROFILE)
    profile.wait_for()
    text = profile.inner_text()
    assert text.splitlines()[0] == "Nord"
    assert "gesperrt (Geheimhaltung)" in text
    assert "Zeitreihe gesperrt (Geheimhaltung)" in text
    for secret in ("153", "Sofortprogramm", "Weg N1", "Büro"):
        assert secret not in o.page.locator(".leaflet-popup").inner_text()
    close_popup(o.page)
    assert o.page.evaluate("i => window.__gi.openPopup('units', i)", IDS.index("N1")) is None
    assert type_search(o, "Weg N1") == ["Keine Treffer"]
    assert type_search(o, "Weg O1") == ["Weg O1 (O1) · Gewerbeeinheiten"]
    o.page.keyboard.press("Escape")
    assert unit_popup(o, "O1") == want["2025-06-30"]["O1"]
    o.page.locator(".gi-prev").click()  # ◀ to 2024: every quarter is shown
    assert shown_date(o) == "30.06.2024"
    assert type_search(o, "Weg N1") == ["Weg N1 (N1) · Gewerbeeinheiten"]
    assert unit_popup(o, "N1") == want["2024-06-30"]["N1"]  # 120 m², as surveyed in 2024
    assert unit_popup(o, "M1") == want["2024-06-30"]["M1"]  # 100 m², not the 95 of 2025
    assert "Sofortprogramm" not in o.page.content()
    o.assert_clean()
    o.close()
