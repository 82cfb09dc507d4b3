"""The panel "Gesuche" of the vacancy map in headless Chromium (issue 22).

The Dorsten sample's map with ``requests=True`` (1,400 × 900 px). A request is chosen with
the mouse (the ``<select>``'s option picked) and with the keyboard (Tab to the list, arrow
keys); the units proposed for it — read from :func:`geoinnenstadt.matching.match` called
here, their places from the sample's units — get the ring of ``gi.style`` "request.match" at
their pixels, and units not proposed get none; the list shows each proposal's rank, unit id
and score (formatted here by hand); a click on a listed proposal opens that unit's popup.
Screenshots are kept under ``/tmp/shots-gesuche/`` when that folder exists.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from helpers.browser import Opened, covered, lat_lon, pixel, screen_xy, settle, shot

import geoinnenstadt as gi
from geoinnenstadt import maps, style

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

LARGE = {"width": 1400, "height": 900}
SHOTS = Path("/tmp/shots-gesuche")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    city = gi.load_sample("dorsten")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sample quirks are reported elsewhere
        m = maps.vacancy_map(city, requests=True, lang="de")
        matches = gi.matching.match(
            city.requests, city.units, quarters=city.quarters, footfall=city.footfall, lang="de"
        )
    path = maps.save_html(m, tmp_path_factory.mktemp("gesuche") / "gesuche.html")
    latest = city.units.sort_values("survey_date").groupby("unit_id").tail(1)
    places = dict(zip(latest["unit_id"].astype(str), lat_lon(latest), strict=True))
    return {"city": city, "path": path, "matches": matches, "places": places}


def _proposed(matches: pd.DataFrame) -> dict[str, pd.DataFrame]:
    rows = matches[matches["unit_id"].notna()]
    return {str(rid): g.sort_values("rank") for rid, g in rows.groupby("request_id")}


def _orange(rgb: tuple[int, ...]) -> bool:
    want = tuple(int(style.symbol("request.match").stroke[k : k + 2], 16) for k in (1, 3, 5))
    return all(abs(rgb[k] - want[k]) <= 40 for k in range(3))


def _ringed(img: Any, xy: tuple[float, float]) -> bool:
    """Whether a pixel of the ring's colour lies within 14 px of ``xy``."""
    return any(
        _orange(pixel(img, (xy[0] + dx, xy[1] + dy)))
        for dx in range(-14, 15)
        for dy in range(-14, 15)
    )


def _shot(o: Opened, name: str, tmp_path: Path) -> Any:
    folder = SHOTS if SHOTS.is_dir() else tmp_path
    return shot(o.page, folder / name)


def _check_rings(o: Opened, sample: dict[str, Any], rid: str, tmp_path: Path) -> None:
    settle(o.page)
    img = _shot(o, f"ringed-{rid}.png", tmp_path)
    proposed = _proposed(sample["matches"])[rid]["unit_id"].astype(str).tolist()
    seen = 0
    for uid in proposed:
        xy = screen_xy(o.page, sample["places"][uid])
        if covered(o.page, xy):
            continue
        assert _ringed(img, xy), uid
        seen += 1
    assert seen >= 1  # at least one ring checked at its pixels
    far = [
        u for u, ll in sample["places"].items()
        if u not in proposed and all(
            abs(screen_xy(o.page, ll)[0] - screen_xy(o.page, sample["places"][p])[0]) > 40
            or abs(screen_xy(o.page, ll)[1] - screen_xy(o.page, sample["places"][p])[1]) > 40
            for p in proposed
        )
    ]  # fmt: skip
    for uid in far[:10]:  # units far from every proposal have no ring
        xy = screen_xy(o.page, sample["places"][uid])
        if not covered(o.page, xy):
            assert not _ringed(img, xy), uid


def _listed(o: Opened) -> list[str]:
    return o.page.locator(".gi-request-matches button").all_inner_texts()


def _score_text(r: pd.Series) -> str:
    return (
        f"{int(r['rank'])}. {r['unit_id']} · " + f"{r['score']:.1f}".replace(".", ",") + " Punkte"
    )


def test_choose_with_the_mouse_rings_and_lists_the_proposals(
    browser: Any, sample: dict[str, Any], tmp_path: Path
) -> None:
    o = Opened(browser, sample["path"], viewport=LARGE)
    page = o.page
    proposed = _proposed(sample["matches"])
    rid = max(proposed, key=lambda r: len(proposed[r]))  # the request with most proposals
    img = _shot(o, "before.png", tmp_path)
    for uid in proposed[rid]["unit_id"].astype(str):  # no ring before a request is chosen
        xy = screen_xy(page, sample["places"][uid])
        if not covered(page, xy):
            assert not _ringed(img, xy), uid
    select = page.locator(".gi-requests-select")
    assert page.get_by_label("Gesuche").count() >= 1
    options = select.locator("option").all_inner_texts()
    assert options[0] == "—"
    # every open request is offered, in the order of the table
    assert [t.split(" · ")[0] for t in options[1:]] == list(
        dict.fromkeys(sample["matches"]["request_id"].astype(str))
    )
    select.click()  # the mouse opens the list …
    select.select_option(label=next(t for t in options if t.startswith(rid + " ")))  # … and picks
    page.keyboard.press("Escape")
    assert _listed(o) == [_score_text(r) for _, r in proposed[rid].iterrows()]
    reasons = page.locator(".gi-request-reasons").all_inner_texts()
    assert reasons == proposed[rid]["reasons"].tolist()
    _check_rings(o, sample, rid, tmp_path)
    assert "r=" + rid in page.evaluate("location.hash")
    # a click on a listed proposal opens that unit's popup
    first = proposed[rid].iloc[0]
    page.locator(".gi-request-matches button").first.click()
    popup = page.locator(".leaflet-popup-content").last
    popup.wait_for()
    assert str(first["unit_id"]) in popup.inner_text()
    settle(page)
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    _shot(o, "popup.png", tmp_path)
    # "—" clears the rings and the list
    select.select_option(value="")
    assert _listed(o) == []
    assert page.evaluate("location.hash").find("r=") < 0
    o.assert_clean()
    o.close()


def test_choose_with_the_keyboard_and_reopen_from_the_address(
    browser: Any, sample: dict[str, Any], tmp_path: Path
) -> None:
    o = Opened(browser, sample["path"], viewport=LARGE)
    page = o.page
    proposed = _proposed(sample["matches"])
    order = list(dict.fromkeys(sample["matches"]["request_id"].astype(str)))
    page.locator(".gi-search-input").focus()
    for _ in range(12):  # Tab on until the list of requests has the focus
        if page.evaluate("document.activeElement.className") == "gi-requests-select":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "gi-requests-select"
    k = next(k for k, r in enumerate(order) if r in proposed)
    for _ in range(k + 1):
        page.keyboard.press("ArrowDown")
    rid = order[k]
    assert _listed(o) == [_score_text(r) for _, r in proposed[rid].iterrows()]
    _check_rings(o, sample, rid, tmp_path)
    fragment = page.evaluate("location.hash")
    o.close()
    o = Opened(browser, sample["path"], fragment, viewport=LARGE)  # the address keeps it
    assert o.page.locator(".gi-requests-select").input_value() == str(k)
    assert _listed(o) == [_score_text(r) for _, r in proposed[rid].iterrows()]
    assert o.page.evaluate(f"window.__gi.chooseRequest({rid!r})") == len(proposed[rid])
    assert o.page.evaluate("window.__gi.chooseRequest('__proto__')") is None
    o.assert_clean()
    o.close()


def test_a_request_without_proposal_says_why(browser: Any, sample: dict[str, Any]) -> None:
    o = Opened(browser, sample["path"], viewport=LARGE)
    none = sample["matches"][sample["matches"]["unit_id"].isna()].iloc[0]
    assert o.page.evaluate(f"window.__gi.chooseRequest({str(none['request_id'])!r})") == 0
    text = o.page.locator(".gi-requests-list").inner_text()
    assert "kein Vorschlag" in text
    assert str(none["reasons"]) in text
    assert o.page.locator(".gi-request-ring").count() == 0
    o.assert_clean()
    o.close()
