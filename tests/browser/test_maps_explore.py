"""The explore controls in headless Chromium: time slider, filters, search, profiles, URL, print.

For every survey date of every sample city the page's ``window.__gi.state()``
(what is drawn now) is compared with an independent count in plain pandas —
the inventory at a round date is the units surveyed on that date
(ARCHITECTURE.md: a unit missing from a later round has left) — and with the
totals of ``gi.vacancy.rates(..., at=date)``. Needs /usr/bin/chromium and
Playwright's Python package (no Playwright browser download).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from helpers import TRICKY
from helpers.browser import Opened, click_at, close_popup, interior_points, popup_title
from helpers.maps import XSS_ADDRESSES, make_city, make_land_city, make_panel_city

import geoinnenstadt as gi
from geoinnenstadt import maps, privacy

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

SAMPLES = ("dortmund", "dorsten", "duesseldorf")
HOSTILE = ("<img src=x onerror=window.__pwned=1>", "${window.__pwned=1}")


def quiet_map(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples name units outside quarters etc.
        return fn(*args, **kwargs)


def oracle(city: gi.City, date: str, min_count: int | None = None) -> tuple[int, int]:
    """Units and vacant units drawn at a round date, counted in plain (geo)pandas."""
    units = city.units[city.units["survey_date"] == pd.Timestamp(date)]
    if min_count:
        joined = gpd.sjoin(units[["status", "geometry"]], city.quarters[["quarter_id", "geometry"]],
                           how="left", predicate="within")  # fmt: skip
        joined = joined[~joined.index.duplicated()]
        counts = (
            joined.groupby("quarter_id").size().reindex(city.quarters["quarter_id"], fill_value=0)
        )
        withheld = set(counts.index[privacy.suppression(counts, min_count=min_count) != ""])
        units = units[~joined["quarter_id"].isin(withheld).to_numpy()]
    return len(units), int((units["status"] == "vacant").sum())


#: Public-mode thresholds that withhold different quarters at different dates (trend counts:
#: Dortmund Q01 66/67/67/67, Q03 66/66/67/67; Dorsten A3 26; Düsseldorf IO 125…128).
def type_search(o: Opened, text: str) -> None:
    """Click into the search box, select what is there and type ``text`` with the keyboard."""
    box = o.page.locator(".gi-search-input")
    box.click()
    o.page.keyboard.press("Control+A")
    o.page.keyboard.press("Delete")
    o.page.keyboard.type(text)


PUBLIC = {"dortmund": 67, "dorsten": 30, "duesseldorf": 127}


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("public", [False, True])
def test_every_survey_date_of_every_sample(
    browser: Any, tmp_path: Path, name: str, public: bool
) -> None:
    min_count = PUBLIC[name] if public else None
    city = gi.load_sample(name)
    m = quiet_map(maps.vacancy_map, city, min_count=min_count, hotspots=False)
    o = Opened(browser, maps.save_html(m, tmp_path / f"{name}.html"))
    dates = o.page.evaluate("window.__gi.dates()")
    expected = sorted(d.strftime("%Y-%m-%d") for d in city.units["survey_date"].unique())
    assert dates == expected
    assert len(dates) == 4
    for date in dates:
        assert o.page.evaluate("d => window.__gi.setDate(d)", date) is True
        state = o.page.evaluate("window.__gi.state()")
        units, vacant = oracle(city, date, min_count)
        assert (state["date"], state["units"], state["vacant"]) == (date, units, vacant)
        table = quiet_map(gi.vacancy.rates, city.units, city.quarters, at=date)
        total = (int(table.loc["total", "units"]), int(table.loc["total", "vacant"]))
        assert (state["figures"]["units"], state["figures"]["vacant"]) == total
        if not min_count:
            assert (state["units"], state["vacant"]) == total
        else:  # withheld quarters show no figure at that date
            rates = o.page.evaluate(
                "() => { const e = window.__gi.layers.quarters; return e.items.map((_, i) => window.__gi.value(e, 'rate', i, null)); }"
            )
            counts = table.drop(index="total")["units"]
            hidden = privacy.suppression(counts, min_count=min_count) != ""
            assert [r == "gesperrt (Geheimhaltung)" for r in rates] == hidden.tolist()
        assert o.page.locator(".gi-time-date").inner_text() == pd.Timestamp(date).strftime(
            "%d.%m.%Y"
        )
    if name == "dortmund" and not min_count:
        assert o.screenshot_colours(tmp_path / "dortmund.png") > 50
    o.assert_clean()
    o.close()


def test_previous_next_buttons_and_key_figures(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(maps.vacancy_map(make_panel_city()), tmp_path / "p.html"))
    assert o.page.evaluate("window.__gi.state()")["date"] == "2025-06-30"
    assert o.page.locator(".gi-next").is_disabled()
    o.page.locator(".gi-prev").click()
    state = o.page.evaluate("window.__gi.state()")
    assert (state["date"], state["units"], state["vacant"]) == ("2024-06-30", 4, 2)
    figures = o.page.locator(".gi-figures").inner_text()
    assert "30.06.2024" in figures
    assert "+25,0 Pp." in figures
    o.page.locator(".gi-prev").click()
    assert o.page.evaluate("window.__gi.state()")["vacant"] == 1
    assert o.page.locator(".gi-prev").is_disabled()
    assert "–" in o.page.locator(".gi-figures").inner_text()
    # the unit legend counts what is drawn at the date: 3 occupied, one vacant 12-24 months
    legend = o.page.locator(".gi-legend", has_text="Gewerbeeinheiten").inner_text()
    assert "genutzt (3)" in legend
    assert "12–24 Monate (1)" in legend
    # a unit that left (A2 in 2025) is not drawn, one that came (A3) is drawn
    o.page.evaluate("window.__gi.setDate('2025-06-30')")
    assert o.page.evaluate("window.__gi.layers.units.shown") == [True, False, True, True, True]
    o.assert_clean()
    o.close()


def test_filters_hide_points_only(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(maps.vacancy_map(make_panel_city()), tmp_path / "f.html"))
    o.page.evaluate("window.__gi.setDate('2024-06-30')")
    rates = "() => window.__gi.layers.quarters.items.map((_, i) => window.__gi.value(window.__gi.layers.quarters, 'rate', i, null))"
    before = o.page.evaluate(rates)
    o.page.locator(".gi-filters summary").click()
    o.page.locator('input[data-group="status"][data-option="0"]').uncheck()  # hide occupied
    assert o.page.evaluate("window.__gi.state()")["units"] == 2
    assert o.page.evaluate("window.__gi.state()")["vacant"] == 2
    assert o.page.evaluate(rates) == before == ["50,0 %", "50,0 %"]
    assert "alle Einheiten" in o.page.locator(".gi-legend", has_text="je Quartier").inner_text()
    # ground floor: B2 is the only unit not on the ground floor
    o.page.locator('input[data-group="status"][data-option="0"]').check()
    o.page.locator('input[data-group="ground"][data-option="0"]').uncheck()  # "ja" off
    assert o.page.evaluate("window.__gi.state()")["units"] == 1
    o.page.evaluate("window.__gi.setDate('2025-06-30')")  # filters stay across dates
    assert o.page.evaluate("window.__gi.state()")["units"] == 1
    o.assert_clean()
    o.close()


def test_view_is_kept_in_the_url_fragment(browser: Any, tmp_path: Path) -> None:
    path = maps.save_html(maps.vacancy_map(make_panel_city()), tmp_path / "u.html")
    o = Opened(browser, path)
    o.page.evaluate("window.__gi.setDate('2023-06-30')")
    o.page.evaluate("window.__gi.setFilter('status', 1, false)")
    o.page.evaluate(
        "window.__gi.map.removeLayer(window.__gi.layers.hotspots ? window.__gi.layers.hotspots.group : window.__gi.layers.quarters.group)"
    )
    o.page.evaluate("window.__gi.map.setView([51.5164, 7.4590], 18, {animate: false})")
    fragment = o.page.evaluate("location.hash")
    assert "d=2023-06-30" in fragment
    assert "f.status=0" in fragment
    assert "v=18/51.51640/7.45900" in fragment
    o.close()
    o = Opened(browser, path, fragment)
    page = o.page
    state = page.evaluate("window.__gi.state()")
    assert (state["date"], state["units"], state["vacant"]) == ("2023-06-30", 3, 0)
    assert page.evaluate("window.__gi.map.getZoom()") == 18
    assert not page.locator('input[data-group="status"][data-option="1"]').is_checked()
    off = page.evaluate(
        "Object.keys(window.__gi.layers).filter(k => !window.__gi.map.hasLayer(window.__gi.layers[k].group))"
    )
    # the layer switched off, and the opt-in layers off when the page opens (cold spots, use mix)
    assert len([k for k in off if k not in ("coldspots", "use_mix")]) == 1
    assert "use_mix" in off
    o.close()


def test_search_units_quarters_accents_and_case(browser: Any, tmp_path: Path) -> None:
    city = gi.load_sample("dortmund")
    o = Opened(browser, maps.save_html(quiet_map(maps.vacancy_map, city), tmp_path / "s.html"))
    latest = city.units[city.units["survey_date"] == city.units["survey_date"].max()]
    address = "Hansastraße 73"
    expected = int(latest["address"].str.lower().str.contains(address.lower(), regex=False).sum())
    assert expected >= 1
    for query in (address, "HANSASTRASSE 73", "hansastrasse  73"):
        type_search(o, query)
        assert o.page.locator(".gi-hits li").count() == expected
        o.page.keyboard.press("Enter")
        assert popup_title(o.page) == address
        close_popup(o.page)
    assert o.page.locator(".gi-hits li").first.inner_text().startswith("Hansastraße 73 (DO-")
    type_search(o, "bruckviertel")
    assert o.page.locator(".gi-hits li").count() == 1
    o.page.keyboard.press("Enter")
    assert popup_title(o.page) == "Brückviertel"
    close_popup(o.page)
    type_search(o, "gibt es nicht 999")
    assert o.page.locator(".gi-hits").inner_text() == "Keine Treffer"
    # the unit id, case-insensitively
    uid = str(latest["unit_id"].iloc[5])
    type_search(o, uid.lower())
    assert o.page.locator(".gi-hits li").count() == 1
    o.page.keyboard.press("Enter")
    o.page.locator(".leaflet-popup-content").last.wait_for()
    assert uid in o.page.locator(".leaflet-popup-content").last.inner_text()
    o.assert_clean()
    o.close()


def test_search_parcels_and_sites(browser: Any, tmp_path: Path) -> None:
    city = gi.load_sample("duesseldorf")
    o = Opened(browser, maps.save_html(quiet_map(maps.preemption_map, city), tmp_path / "v.html"))
    label = "Gemarkung 3024, Flur 1, Flurstück 8"
    for query in (
        "05302400100008______",
        "Gemarkung 3024 Flur 1 Flurstück 8",
        "gemarkung 3024, flur 1, flurstuck 8",
    ):
        type_search(o, query)
        assert o.page.locator(".gi-hits li").count() >= 1
        o.page.keyboard.press("Enter")
        assert popup_title(o.page) == label
        close_popup(o.page)
    o.assert_clean()
    o.close()
    o = Opened(browser, maps.save_html(quiet_map(maps.land_map, city), tmp_path / "l.html"))
    type_search(o, "d-s001")
    assert o.page.locator(".gi-hits li").count() == 1
    o.page.keyboard.press("Enter")
    first = city.sites.loc[city.sites["site_id"] == "D-S001", "name"].iloc[0]
    assert popup_title(o.page) == first
    close_popup(o.page)
    # the land map's slider runs over take-up years; taken-up sites grow with the years
    dates = o.page.evaluate("window.__gi.dates()")
    taken = []
    for d in dates:
        o.page.evaluate("d => window.__gi.setDate(d)", d)
        taken.append(o.page.evaluate("window.__gi.state()")["taken_up"])
    status = [quiet_map(gi.land.status_at, city.sites, at=d) for d in dates]
    assert taken == [int((s == "taken_up").sum()) for s in status]
    assert taken == sorted(taken)
    o.assert_clean()
    o.close()


def test_search_rule_is_the_same_in_python_and_the_page(browser: Any, tmp_path: Path) -> None:
    """The page folds exactly as ``search_key`` (the geocoder's folding, issue 24 case 12)."""
    from geoinnenstadt.maps.explore import search_key

    o = Opened(browser, maps.save_html(maps.land_map(make_land_city()), tmp_path / "n.html"))
    texts = ["Brückstraße 12a", "  MÜNSTER-Str. 5 / Café ", "Gemarkung 1234, Flur 17, Flurstück 123/4",
             "05123401700124______", "Œuvre ﬁnal", "Ärztehaus_Süd", "Çağrı İş", "a\u0301b",
             "window.__pwned=1", "${x}`y`", *(t for t, _, _ in TRICKY)]  # fmt: skip
    folded = o.page.evaluate("ts => ts.map(window.__gi.normalise)", texts)
    assert folded == [search_key(t) for t in texts]
    # and both are the hand-written keys of test_folding
    assert folded[-len(TRICKY) :] == [k for _, k, _ in TRICKY]
    o.close()


def test_search_folds_umlauts_and_street_abbreviations(browser: Any, tmp_path: Path) -> None:
    """Typed as a planner would: "Brueckviertel" finds Brückviertel, "Hansastr. 73" finds
    Hansastraße 73 (the hits counted in plain pandas from the sample's addresses)."""
    city = gi.load_sample("dortmund")
    o = Opened(browser, maps.save_html(quiet_map(maps.vacancy_map, city), tmp_path / "f.html"))
    latest = city.units[city.units["survey_date"] == city.units["survey_date"].max()]
    expected = int((latest["address"] == "Hansastraße 73").sum())
    assert expected >= 1
    for query in ("Hansastr. 73", "HANSASTR. 73", "hansastr 73"):
        type_search(o, query)
        hits = o.page.locator(".gi-hits li").all_inner_texts()
        assert len(hits) == expected, (query, hits)
        assert all(h.startswith("Hansastraße 73 (DO-") for h in hits)
        o.page.keyboard.press("Enter")
        assert popup_title(o.page) == "Hansastraße 73"
        close_popup(o.page)
    assert (city.quarters["name"] == "Brückviertel").sum() == 1
    for query in ("Brueckviertel", "BRUECKVIERTEL", "brückviertel"):
        type_search(o, query)
        hits = o.page.locator(".gi-hits li").all_inner_texts()
        assert [h.split(" · ")[0] for h in hits] == ["Brückviertel"], query
        o.page.keyboard.press("Enter")
        assert popup_title(o.page) == "Brückviertel"
        close_popup(o.page)
    o.assert_clean()
    o.close()


def test_hostile_text_in_search_results_and_profiles(browser: Any, tmp_path: Path) -> None:
    city = make_panel_city(name_q1=HOSTILE[0])
    city.quarters.loc[1, "name"] = HOSTILE[1]
    units = city.units.copy()
    units.loc[units["unit_id"] == "A1", "address"] = XSS_ADDRESSES[0]
    units.loc[units["unit_id"] == "B1", "address"] = XSS_ADDRESSES[3]
    city.units = units
    o = Opened(browser, maps.save_html(maps.vacancy_map(city), tmp_path / "x.html"))
    type_search(o, "img src")  # quarter Q1 and unit A1
    hits = o.page.locator(".gi-hits li").all_inner_texts()
    assert hits == [f"{HOSTILE[0]} · City-Quartiere", f"{XSS_ADDRESSES[0]} (A1) · Gewerbeeinheiten"]
    type_search(o, "script")
    assert o.page.locator(".gi-hits li").count() == 1
    assert o.page.locator(".gi-hits li").inner_text().startswith(XSS_ADDRESSES[3])
    # both quarters and both units: "window.__pwned=1" is searchable as "window pwned 1"
    type_search(o, "window pwned 1")
    assert o.page.locator(".gi-hits li").count() == 4
    # profiles, opened with the mouse inside each quarter: the chart is SVG, the names text
    for name, latlon in zip(HOSTILE, interior_points(city.quarters), strict=True):
        click_at(o.page, latlon)
        popup = o.page.locator(".leaflet-popup-content > .gi-profile").last
        popup.wait_for()
        assert popup.inner_text().splitlines()[0] == name
        assert popup.locator("svg.gi-chart circle").count() == 3
        assert popup.locator("svg .gi-pt-now").count() == 1
        close_popup(o.page)
    assert o.page.locator("img").count() == 0
    o.assert_clean()
    o.close()


def test_print_page(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(maps.vacancy_map(make_panel_city()), tmp_path / "d.html"))
    o.page.evaluate("window.__gi.setDate('2024-06-30')")
    o.page.emulate_media(media="print")
    title = o.page.locator(".gi-print-title")
    assert title.is_visible()
    assert title.locator(".gi-print-name").inner_text() == "Leerstandskarte – Zeitstadt"
    assert title.locator(".gi-print-date").inner_text() == "30.06.2024"
    for hidden in (
        ".gi-search",
        ".gi-time",
        ".gi-filters",
        ".leaflet-control-layers",
        ".leaflet-control-zoom",
    ):
        assert not o.page.locator(hidden).is_visible(), hidden
    assert o.page.locator(".gi-legend", has_text="Gewerbeeinheiten").is_visible()
    caption = o.page.locator(".gi-caption").inner_text()
    assert "Datenquelle: Handarbeit" in caption
    assert "Beispieldaten (synthetisch)" in caption
    assert "30.06.2024" in caption
    pdf = o.page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf or b"/MediaBox [0 0 842 595]" in pdf
    assert (
        pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>") <= 1
    )
    o.close()


def test_single_date_map_keeps_hooks(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(maps.vacancy_map(make_city()), tmp_path / "one.html"))
    assert o.page.evaluate("window.__gi.dates()") == ["2025-06-30"]
    assert o.page.locator(".gi-time").count() == 0
    state = o.page.evaluate("window.__gi.state()")
    assert (state["units"], state["vacant"]) == (8, 3)
    o.assert_clean()
    o.close()


def test_search_with_the_keyboard_and_arrow_keys(browser: Any, tmp_path: Path) -> None:
    city = make_panel_city()
    o = Opened(browser, maps.save_html(maps.vacancy_map(city), tmp_path / "k.html"))
    type_search(o, "weg")  # the units at 30.06.2025: Weg A1, Weg A3, Weg B1, Weg B2
    hits = o.page.locator(".gi-hits li").all_inner_texts()
    assert sorted(hits) == [f"Weg {u} ({u}) · Gewerbeeinheiten" for u in ("A1", "A3", "B1", "B2")]
    o.page.keyboard.press("ArrowDown")  # to the first hit
    o.page.keyboard.press("ArrowDown")  # the second
    o.page.keyboard.press("ArrowDown")  # the third
    o.page.keyboard.press("ArrowUp")  # back to the second
    assert o.page.evaluate("document.activeElement.textContent") == hits[1]
    o.page.keyboard.press("Enter")
    assert popup_title(o.page) == hits[1].split(" (")[0]
    close_popup(o.page)
    # ArrowUp from the first hit returns to the box, where typing goes on
    o.page.locator(".gi-search-input").click()
    o.page.keyboard.press("ArrowDown")
    o.page.keyboard.press("ArrowUp")
    o.page.keyboard.type(" b2")
    assert o.page.locator(".gi-search-input").input_value() == "weg b2"
    assert o.page.locator(".gi-hits li").all_inner_texts() == ["Weg B2 (B2) · Gewerbeeinheiten"]
    o.page.keyboard.press("Enter")
    assert popup_title(o.page) == "Weg B2"
    o.assert_clean()
    o.close()


def test_dragging_the_time_slider(browser: Any, tmp_path: Path) -> None:
    o = Opened(browser, maps.save_html(maps.vacancy_map(make_panel_city()), tmp_path / "t.html"))
    slider = o.page.locator(".gi-slider").bounding_box()
    assert slider is not None
    y = slider["y"] + slider["height"] / 2
    left, right = slider["x"] + 4, slider["x"] + slider["width"] - 4
    assert o.page.locator(".gi-time-date").inner_text() == "30.06.2025"
    o.page.mouse.move(right, y)  # the thumb is at the last date
    o.page.mouse.down()
    o.page.mouse.move((left + right) / 2, y, steps=8)
    assert o.page.locator(".gi-time-date").inner_text() == "30.06.2024"
    o.page.mouse.move(left, y, steps=8)
    o.page.mouse.up()
    assert o.page.locator(".gi-time-date").inner_text() == "30.06.2023"
    state = o.page.evaluate("window.__gi.state()")  # read, by hand: A1, A2, B1 (vacant), B2
    assert (state["date"], state["units"], state["vacant"]) == ("2023-06-30", 4, 1)
    assert "30.06.2023" in o.page.locator(".gi-figures").inner_text()
    o.assert_clean()
    o.close()
