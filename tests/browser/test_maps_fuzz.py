"""Fuzzing the map page: hostile and random URL fragments and hook arguments (issue 24, case 7).

A link to a map can carry any fragment, and any script on a page that embeds the map can
call the ``window.__gi`` hooks with any argument. Neither may break the page. Every run is
reproducible: the random fragments come from Python's ``random.Random(SEED)``, the random
hook arguments from a small seeded generator in the page (mulberry32, seed ``SEED``).

After the fuzzing each test checks, independently of the code under test:

* no uncaught error (``page.on('pageerror')``) and no console error or warning;
* no prototype pollution: ``({}).polluted`` and ``({})[0]`` are ``undefined``, and
  ``Object.prototype`` and ``Array.prototype`` have exactly the own property names they
  have on a blank page of the same browser;
* the address bar still follows the map: a person toggles a layer in the layer control and
  clicks ◀ or ▶ with the mouse, and ``location.hash`` names the layers now off and the new
  date (both read from the map, not from the fragment).

Cost: one page for a few hundred fragments set through ``location.hash`` (the page applies
a changed fragment, as when a link is pasted into the open tab), one page for the hook
calls, and about twenty page loads with a fragment in the URL.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import Opened, settle, toggle_layer
from helpers.maps import make_panel_city

from geoinnenstadt import maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

SEED = 24
#: The page API (documented in geoinnenstadt.maps and at the top of the static scripts):
#: fuzzed with hostile arguments.
HOOKS = ("dates", "setDate", "state", "search", "hits", "normalise", "setFilter", "openPopup",
         "pointAt", "markRendered", "naturalOrder", "layout", "clearHighlight",
         "saveHash")  # fmt: skip
#: The hook and the builder of the panel "Gesuche" (static/requests.js, only on a map made
#: with requests=): fuzzed on such a map below.
REQUEST_HOOKS = ("chooseRequest",)
REQUEST_BUILDERS = ("addRequests",)
#: Functions the page's own script calls while it is built, with arguments written by
#: Python (layer blocks, legend HTML, the explore settings); not a page API, not fuzzed.
BUILDERS = ("addBasemap", "addControl", "addLayer", "codeAt", "column", "fitBounds",
            "printSetup", "ready", "restyle", "value", "addLayerControl", "highlight",
            "unitOf")  # fmt: skip

#: The survey dates and layers of make_panel_city's vacancy map, and its filter groups with
#: their number of options (read off the page once by hand; the tests below check them).
DATES = ["2023-06-30", "2024-06-30", "2025-06-30"]
LAYERS = {"quarters": "City-Quartiere", "units": "Gewerbeeinheiten",
          "use_mix": "Nutzungsmix (genutzte Einheiten)",
          "hotspots": "Hot Spots des Leerstands (Gi*)",
          "coldspots": "Cold Spots des Leerstands (Gi*)"}  # fmt: skip
#: The layers switched off when the page opens (cold spots and use mix: in the control, off).
DEFAULT_OFF = ["use_mix", "coldspots"]
FILTERS = {"status": 2, "duration": 5, "ground": 2, "use": 1, "location": 1}

#: What saveHash writes: an optional date, the view, the layers off, the filters narrowed.
SAVED = re.compile(
    r"#(?:d=\d{4}-\d\d-\d\d&)?v=\d+/-?\d+\.\d{5}/-?\d+\.\d{5}"
    r"(?:&off=(?:quarters|units|hotspots)(?:,(?:quarters|units|hotspots))*)?"
    r"(?:&on=coldspots)?"
    r"(?:&f\.(?:status|duration|ground|use|location)=\d*(?:,\d+)*)*"
)

#: Hand-picked hostile fragments: the issue's own, percent-garbage, prototype names as keys
#: and values, out-of-range numbers, markup, and very long ones.
HOSTILE_FRAGMENTS = [
    "#d=%E0%A4%A", "#%", "#off=__proto__,constructor", "#off=prototype,toString,hasOwnProperty",
    "#f.__proto__=0", "#__proto__=1", "#__proto__.polluted=1", "#constructor.prototype.polluted=1",
    "#f.constructor=0&f.toString=1&f.hasOwnProperty=", "#d=__proto__&v=__proto__",
    "#%ED%A0%80=1", "#d=%ED%A0%80", "#off=%E0%A4%A,units", "#f.status=%", "#f.%=0",
    "#f.status=99999999999999999999", "#f.status=-1,NaN,1e3,0x1,0.5,,", "#f.status=__proto__",
    "#v=1e308/1e308/1e308", "#v=NaN/NaN/NaN", "#v=Infinity/0/0", "#v=18/91/0", "#v=18/0/181",
    "#v=99/51.5/7.4", "#v=-5/51.5/7.4", "#v=18/51.5", "#v=18/51.5/7.4/1", "#v=0x12/0/0",
    "#d=<script>window.__pwned=1</script>", "#%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E=1",
    "#d=2023-06-30&d=%", "#d=2023-06-30%00", "#&&&===", "#=", "#==1", "#&", "#d", "#d=",
    "#off=" + "units," * 5000, "#d=" + "A" * 100_000, "#f.status=" + ",".join(["0"] * 10_000),
    "#" + "%" * 3000, "#off=units&off=quarters", "#f.status=1&f.status=0",
]  # fmt: skip

_NAMES = ["d", "v", "off", *(f"f.{g}" for g in FILTERS), "f.__proto__", "f.constructor",
          "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "f.", "D", "x",
          "%", "%E0%A4%A", "%5F%5Fproto%5F%5F", "f.%73tatus"]  # fmt: skip
_VALUES = [*DATES, "2023-06-31", "2026-01-01", "30.06.2025", "%", "%E0%A4%A", "%ED%A0%80", "%zz",
           "__proto__", "constructor,prototype,__proto__", "units,quarters,hotspots", "units",
           "0", "0,1", "1,4", "-1", "1e3", "NaN", "Infinity", "0x1", "18/51.51/7.46",
           "17/51.5164/7.4590", "NaN/NaN/NaN", "1e308/0/0", "99/0/0", "18/91/0", "<script>",
           "%3Cscript%3E", ",,,,", "", "ü", "%C3%BC", "Br%C3%BCckviertel"]  # fmt: skip
_ALPHABET = "%0123456789abcdefABCDEF=&,./-_<>\"' #üß€\u0000\ud7ff\uffff"


def random_fragments(n: int, seed: int = SEED) -> list[str]:
    """``n`` random fragments: parts from the known names and values, mutated and mixed with
    random characters (percent signs and hex digits above all)."""
    rng = random.Random(seed)

    def token() -> str:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 12)))

    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 5)):
            name = rng.choice(_NAMES) if rng.random() < 0.8 else token()
            value = rng.choice(_VALUES) if rng.random() < 0.6 else token()
            if rng.random() < 0.2:  # cut a value or a name anywhere, e.g. inside "%C3%BC"
                value = value[: rng.randint(0, len(value))]
            if rng.random() < 0.1:
                name = name[: rng.randint(0, len(name))]
            parts.append(name + ("=" if rng.random() < 0.9 else "") + value)
        out.append("#" + "&".join(parts))
    return out


# ------------------------------------------------------------------ the checks


def blank_prototypes(o: Opened) -> dict[str, list[str]]:
    """Own property names of Object.prototype and Array.prototype on a blank page."""
    page = o.context.new_page()
    names: dict[str, list[str]] = page.evaluate(PROTOTYPES)
    page.close()
    return names


PROTOTYPES = """() => ({object: Object.getOwnPropertyNames(Object.prototype).sort(),
                      array: Object.getOwnPropertyNames(Array.prototype).sort()})"""


def assert_not_polluted(o: Opened, blank: dict[str, list[str]]) -> None:
    assert o.page.evaluate("[({}).polluted, ({})[0], [].polluted]") == [None, None, None]
    assert o.page.evaluate(PROTOTYPES) == blank


def layers_off(o: Opened) -> list[str]:
    return o.page.evaluate(
        "Object.keys(window.__gi.layers)"
        ".filter(k => !window.__gi.map.hasLayer(window.__gi.layers[k].group))"
    )


def hash_parts(o: Opened) -> dict[str, str]:
    text = o.page.evaluate("location.hash")
    assert SAVED.fullmatch(text), text
    return dict(part.split("=", 1) for part in text[1:].split("&"))


def assert_address_bar_follows(o: Opened) -> None:
    """A person toggles the unit layer twice and steps the date with ◀ or ▶; after each
    click ``location.hash`` says what the map shows."""
    page = o.page
    # A hook or a hit may have opened popups, and a pending redraw may close one of them
    # at any moment: click every × there is in one step (a count followed by a wait for
    # "the last ×" raced with such a redraw on CI), then let the map settle.
    page.evaluate(
        "document.querySelectorAll('.leaflet-popup-close-button').forEach(b => b.click())"
    )
    page.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 0")
    settle(page)
    page.locator(".gi-search-input").click()  # an open hit list could cover the ◀ button
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    assert page.locator(".gi-hits li").count() == 0
    for _ in range(2):
        before = page.evaluate("location.hash")
        toggle_layer(page, LAYERS["units"])
        assert page.evaluate("location.hash") != before
        off = [k for k in layers_off(o) if k not in DEFAULT_OFF]
        assert sorted(filter(None, hash_parts(o).get("off", "").split(","))) == sorted(off)
        on = [k for k in DEFAULT_OFF if k not in layers_off(o)]
        assert list(filter(None, hash_parts(o).get("on", "").split(","))) == on
    date = page.evaluate("window.__gi.state().date")
    k = DATES.index(date)
    button, want = (".gi-prev", DATES[k - 1]) if k > 0 else (".gi-next", DATES[k + 1])
    page.locator(button).click()
    assert page.evaluate("window.__gi.state().date") == want
    assert hash_parts(o)["d"] == want


def open_panel_map(browser: Any, tmp_path: Path, fragment: str = "") -> Opened:
    path = tmp_path / "fuzz.html"
    if not path.exists():
        maps.save_html(maps.vacancy_map(make_panel_city()), path)
    return Opened(browser, path, fragment)


# ------------------------------------------------------------------ the issue's cases


def test_the_page_is_what_the_fuzz_tests_assume(browser: Any, tmp_path: Path) -> None:
    o = open_panel_map(browser, tmp_path)
    page = o.page
    assert page.evaluate("window.__gi.dates()") == DATES
    assert sorted(page.evaluate("Object.keys(window.__gi.layers)")) == sorted(LAYERS)
    assert page.locator(".leaflet-control-layers-overlays label").all_inner_texts() == [
        f" {name}" for name in LAYERS.values()
    ]
    for group, n in FILTERS.items():
        assert page.locator(f'input[data-group="{group}"]').count() == n
    # every function on window.__gi is either fuzzed or a builder of the page
    functions = page.evaluate(
        "Object.keys(window.__gi).filter(k => typeof window.__gi[k] === 'function')"
    )
    assert sorted(functions) == sorted(HOOKS + BUILDERS)
    o.assert_clean()
    o.close()


#: ``#%`` alone was read as a part without a value (no error); with ``=`` it threw.
@pytest.mark.parametrize("fragment", ["#d=%E0%A4%A", "#%", "#%=%", "#off=__proto__,constructor"])
def test_broken_fragments_of_the_issue(browser: Any, tmp_path: Path, fragment: str) -> None:
    o = open_panel_map(browser, tmp_path, fragment)
    blank = blank_prototypes(o)
    assert o.errors == []
    # nothing of the fragment was applied: the latest date, every layer on (but the cold spots)
    assert o.page.evaluate("window.__gi.state().date") == DATES[-1]
    assert layers_off(o) == DEFAULT_OFF
    assert_not_polluted(o, blank)
    assert_address_bar_follows(o)
    o.assert_clean()
    o.close()


def test_set_filter_on_proto_pollutes_nothing(browser: Any, tmp_path: Path) -> None:
    o = open_panel_map(browser, tmp_path)
    blank = blank_prototypes(o)
    page = o.page
    assert page.evaluate("window.__gi.setFilter('__proto__', 0, false)") is False
    assert page.evaluate("window.__gi.setFilter('constructor', 'prototype', false)") is False
    assert_not_polluted(o, blank)
    assert page.evaluate("window.__gi.setDate('2024-06-30')") is True  # a state save
    assert hash_parts(o)["d"] == "2024-06-30"
    # a real filter still works through the hook: option 1 of status (vacant) off
    assert page.evaluate("window.__gi.setFilter('status', 1, false)") is True
    assert not page.locator('input[data-group="status"][data-option="1"]').is_checked()
    assert hash_parts(o)["f.status"] == "0"
    assert_address_bar_follows(o)
    assert o.errors == []
    o.assert_clean()
    o.close()


def test_a_fragment_pasted_into_the_open_page_is_applied(browser: Any, tmp_path: Path) -> None:
    o = open_panel_map(browser, tmp_path)
    page = o.page
    page.evaluate("location.hash = '#d=2023-06-30&off=hotspots&f.status=0&v=17/51.5164/7.4590'")
    page.wait_for_function("window.__gi.state().date === '2023-06-30'")
    assert layers_off(o) == [k for k in LAYERS if k in {"hotspots", *DEFAULT_OFF}]
    assert not page.locator('input[data-group="status"][data-option="1"]').is_checked()
    assert page.evaluate("window.__gi.map.getZoom()") == 17
    # at 30.06.2023 A1, A2, B1, B2 were surveyed; B1 is the vacant one, filtered out
    assert page.evaluate("[window.__gi.state().units, window.__gi.state().vacant]") == [3, 0]
    assert hash_parts(o) == {"d": "2023-06-30", "v": "17/51.51640/7.45900", "off": "hotspots",
                             "f.status": "0"}  # fmt: skip
    assert o.errors == []
    o.close()


def test_cold_spots_switched_on_are_kept_in_the_fragment(browser: Any, tmp_path: Path) -> None:
    """The cold spots open switched off; a person switches them on in the layer control, and
    the address (``on=coldspots``) opens the page with them on again."""
    o = open_panel_map(browser, tmp_path)
    assert layers_off(o) == DEFAULT_OFF
    assert o.page.evaluate("location.hash") == ""  # nothing saved before a person acts
    toggle_layer(o.page, LAYERS["coldspots"])
    still_off = [k for k in DEFAULT_OFF if k != "coldspots"]  # the use mix stays off
    assert layers_off(o) == still_off
    assert hash_parts(o)["on"] == "coldspots"
    fragment = o.page.evaluate("location.hash")
    o.close()
    o = open_panel_map(browser, tmp_path, fragment)
    assert layers_off(o) == still_off
    assert o.errors == []
    o.close()


# ------------------------------------------------------------------ fuzzing


LOADED = HOSTILE_FRAGMENTS[4:12] + random_fragments(12, seed=SEED + 1)


@pytest.mark.parametrize("fragment", LOADED, ids=[f"fragment{k}" for k in range(len(LOADED))])
def test_page_loads_with_a_hostile_fragment(browser: Any, tmp_path: Path, fragment: str) -> None:
    """Twenty page loads (the other fragments are set on one open page below)."""
    o = open_panel_map(browser, tmp_path, fragment)
    blank = blank_prototypes(o)
    assert o.errors == []
    assert o.page.evaluate("window.__gi.state().date") in DATES
    assert_not_polluted(o, blank)
    assert_address_bar_follows(o)
    o.assert_clean()
    o.close()


SET_HASHES = """async (fragments) => {
  const bad = [];
  for (const f of fragments) {
    const before = location.href;
    let done;
    const changed = new Promise(r => { done = r; });
    window.addEventListener('hashchange', done, {once: true});
    location.hash = f;
    if (location.href === before) { window.removeEventListener('hashchange', done); continue; }
    await changed;  /* the page's own listener, registered first, has run */
    if (({}).polluted !== undefined || ({})[0] !== undefined) { bad.push(['polluted', f]); }
    bad.push(['hash', location.hash]);
  }
  return bad;
}"""


def test_fragments_set_on_the_open_page(browser: Any, tmp_path: Path) -> None:
    """All hand-picked and 300 random fragments, set one after another on one page."""
    fragments = HOSTILE_FRAGMENTS + random_fragments(300)
    o = open_panel_map(browser, tmp_path)
    blank = blank_prototypes(o)
    results = o.page.evaluate(SET_HASHES, fragments)
    assert [r for r in results if r[0] != "hash"] == []
    # after each fragment the page wrote its own state back: saveHash's form, nothing else
    hashes = [h for kind, h in results if kind == "hash"]
    assert len(hashes) >= len(fragments) * 0.9  # a few fragments equal the hash already there
    assert [h for h in hashes if not SAVED.fullmatch(h)] == []
    assert o.errors == []
    assert_not_polluted(o, blank)
    assert_address_bar_follows(o)
    o.assert_clean()
    o.close()


CALL_HOOKS = """([seed, hooks, rounds]) => {
  const G = window.__gi;
  let s = seed >>> 0;
  const rnd = () => {  /* mulberry32 */
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const huge = 'x'.repeat(1 << 20);
  const throwing = {toString() { throw new Error('toString called'); },
                    valueOf() { throw new Error('valueOf called'); }};
  const pool = [
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'polluted',
    huge, '%E0%A4%A', '%', '%ED%A0%80', '\\ud800', '\\u0000', '', ' ',
    '<script>window.__pwned=1</script>', '<img src=x onerror=window.__pwned=1>',
    'status', 'duration', 'units', 'quarters', 'hotspots', '2023-06-30', '2025-06-30',
    'Weg A1', 'Nord', 'Brückviertel', 'Hansastr. 73',
    NaN, Infinity, -Infinity, -1, 0, 1, 2, 3, 4, 99, 2 ** 53, 1e308, 0.5, -0,
    true, false, null, undefined, {}, [], [0], [1, 2], ['__proto__'], {x: 10, y: 10},
    {x: 400, y: 300}, {x: NaN, y: 1}, {x: '1', y: '2'}, {x: 1e308, y: -1e308},
    Object.create(null), JSON.parse('{"__proto__": {"polluted": 1}, "x": 1, "y": 2}'),
    {__proto__: {polluted: 1}}, throwing, Symbol('s'), function () { window.__pwned = 1; },
    new Date(NaN), /x/g, 10n, G.map, G.layers, G.layers.units, G.filterState, G
  ];
  const bad = [], pick = () => pool[Math.floor(rnd() * pool.length)];
  const before = Object.getOwnPropertyNames(Object.prototype).length;
  for (let r = 0; r < rounds; r++) {
    for (const name of hooks) {
      const args = [];
      for (let a = Math.floor(rnd() * 4); a > 0; a--) { args.push(pick()); }
      try { G[name].apply(G, args); } catch (e) { bad.push(name + ': ' + String(e)); }
      if (({}).polluted !== undefined || ({})[0] !== undefined
          || Object.getOwnPropertyNames(Object.prototype).length !== before) {
        bad.push(name + ': polluted');
      }
    }
  }
  return bad.slice(0, 20);
}"""


def test_hooks_with_hostile_arguments(browser: Any, tmp_path: Path) -> None:
    """Every hook, 300 times each, with 0–3 arguments drawn from a hostile pool: no hook
    throws, nothing is polluted, no argument is ever run (``window.__pwned``)."""
    o = open_panel_map(browser, tmp_path)
    blank = blank_prototypes(o)
    page = o.page
    assert page.evaluate(CALL_HOOKS, [SEED, list(HOOKS), 300]) == []
    assert o.errors == []
    assert_not_polluted(o, blank)
    # the hooks still answer as documented after the storm
    assert page.evaluate("window.__gi.dates()") == DATES
    assert page.evaluate("window.__gi.setDate('2025-06-30')") is True
    assert page.evaluate("window.__gi.setDate('__proto__')") is False
    assert page.evaluate("window.__gi.openPopup('__proto__', 0)") is None
    assert page.evaluate("window.__gi.pointAt(window.__gi.map, null)") is None
    for group, n in FILTERS.items():
        for option in range(n):
            assert page.evaluate(f"window.__gi.setFilter('{group}', {option}, true)") is True
    assert_address_bar_follows(o)
    o.assert_clean()
    o.close()


# ------------------------------------------------------------------ the panel "Gesuche"


#: A request that A1 (vacant, 100 m², ground floor) fits, and one with a hostile id.
HOSTILE_ID = "__proto__</script><img src=x onerror=window.__pwned=1>"
REQUEST_FRAGMENTS = [
    "#r=__proto__", "#r=constructor", "#r=%", "#r=%E0%A4%A", "#r=G-1&r=__proto__",
    "#r=" + "G-1," * 3000, "#r=G-1%00", "#r=<script>", "#r=" + HOSTILE_ID, "#r=",
    "#r=toString&d=__proto__", "#r=G-1&f.status=0&off=units",
]  # fmt: skip


def open_requests_map(browser: Any, tmp_path: Path, fragment: str = "") -> Opened:
    import pandas as pd

    path = tmp_path / "fuzz-requests.html"
    if not path.exists():
        requests = pd.DataFrame({
            "request_id": ["G-1", HOSTILE_ID], "use": ["retail", "office"],
            "min_floor_area_m2": [50.0, 5000.0], "max_floor_area_m2": [150.0, 9000.0],
            "ground_floor_required": [True, False], "status": ["open", "open"],
            "contact_email": ["g1@example.org", "g2@example.org"],
        })  # fmt: skip
        maps.save_html(maps.vacancy_map(make_panel_city(), requests=requests), path)
    return Opened(browser, path, fragment)


def test_requests_page_fuzz(browser: Any, tmp_path: Path) -> None:
    """The panel's hook and its r= part of the fragment: hostile fragments loaded and set,
    the hooks (all of them, chooseRequest too) with hostile arguments; nothing breaks or is
    polluted, and choosing a request still works after the storm."""
    o = open_requests_map(browser, tmp_path, "#r=__proto__")
    blank = blank_prototypes(o)
    page = o.page
    functions = page.evaluate(
        "Object.keys(window.__gi).filter(k => typeof window.__gi[k] === 'function')"
    )
    assert sorted(functions) == sorted(HOOKS + BUILDERS + REQUEST_HOOKS + REQUEST_BUILDERS)
    assert page.locator(".gi-requests-select").input_value() == ""  # nothing chosen
    results = page.evaluate(SET_HASHES, REQUEST_FRAGMENTS + random_fragments(50, seed=SEED + 2))
    assert [r for r in results if r[0] != "hash"] == []
    assert page.evaluate(CALL_HOOKS, [SEED, [*HOOKS, *REQUEST_HOOKS], 100]) == []
    assert o.errors == []
    assert_not_polluted(o, blank)
    assert page.evaluate("window.__gi.chooseRequest('G-1')") == 1  # A1
    assert page.evaluate("window.__gi.chooseRequest('__proto__')") is None
    assert page.evaluate(f"window.__gi.chooseRequest({HOSTILE_ID!r})") == 0  # nothing fits
    assert HOSTILE_ID in page.locator(".gi-requests-select").inner_text()  # as text
    page.locator(".gi-requests-select").select_option(value="0")
    assert re.search(r"&r=G-1$", page.evaluate("location.hash"))
    assert page.locator(".gi-request-matches button").all_inner_texts()[0].startswith("1. A1 · ")
    o.assert_clean()
    o.close()
    for fragment in ("#r=G-1", "#r=" + HOSTILE_ID, *REQUEST_FRAGMENTS[:4]):
        o = open_requests_map(browser, tmp_path, fragment)
        assert o.errors == []
        assert_not_polluted(o, blank)
        want = {"#r=G-1": "0", "#r=" + HOSTILE_ID: "1"}.get(fragment, "")
        assert o.page.locator(".gi-requests-select").input_value() == want, fragment
        o.assert_clean()
        o.close()
