"""The use mix on the vacancy map (issue 20): the use-mix layer, its legend, the quarters' use mix.

Expected values are written by hand from the description of ``helpers.maps.make_use_city``
(two surveys, six units, two quarters), or computed with plain pandas on the Dortmund sample
(the uses there are category codes: the top-level category is the part before the dot).
"""

from __future__ import annotations

import json
import re
import warnings

import geopandas as gpd
import pandas as pd
import pytest
from helpers.maps import (
    USE_DATES,
    XSS_BRAND,
    XSS_BRAND_2,
    column,
    data_blocks,
    dated,
    layer_options,
    make_use_city,
)
from helpers.timeline import survey_map

import geoinnenstadt as gi
from geoinnenstadt import maps

#: The top-level categories in the order of gi.uses.CATEGORIES (style code = position).
ORDER = [
    "retail_short", "retail_medium", "retail_long", "retail_other", "gastronomy", "services",
    "culture_leisure", "health", "office", "other",
]  # fmt: skip


@pytest.fixture(scope="module")
def page() -> str:
    return maps.to_html(maps.vacancy_map(make_use_city(), hotspots=False))


def _legends(html: str) -> list[str]:
    """The HTML texts of every legend box (all dates of a box that follows the slider)."""
    out = []
    decoder = json.JSONDecoder()
    pattern = r'window\.__gi\.addControl\([\w]+,\s*"bottomright",\s*"gi-legend",\s*'
    for match in re.finditer(pattern, html):
        value, _ = decoder.raw_decode(html, match.end())
        out.extend(value["html"] if isinstance(value, dict) else [value])
    return out


def test_use_mix_layer_draws_occupied_units_by_category_at_each_date(page: str) -> None:
    block = data_blocks(page)["use_mix"]
    units = data_blocks(page)["units"]
    # U4 is vacant at both dates: not in the layer; the others point at their unit
    unit_ids = column(units, "id")
    assert [unit_ids[int(j)] for j in block["hidden_columns"]["unit"]] == [
        "U1", "U2", "U3", "U5", "U6"
    ]  # fmt: skip
    codes = {d: block["timed"]["style_codes"][k] for k, d in enumerate(USE_DATES)}
    # U1 retail_medium, U2 gastronomy, U3 retail_short (shop=bakery), U5 services → health, U6 office
    assert codes == {"2024-06-30": "14058", "2025-06-30": "14078"}
    assert block["style_codes"] == [1, 4, 0, 7, 8]
    assert dated(block, "leaf") == [
        ["Bekleidung", "Gastronomie", "Nahrungs- und Genussmittel",
         "publikumsorientierte Dienstleistungen", "Büro und Verwaltung"],
        ["Bekleidung", "Gastronomie", "Nahrungs- und Genussmittel", "Gesundheit",
         "Büro und Verwaltung"],
    ]  # fmt: skip
    assert column(block, "brand") == [XSS_BRAND, None, "Back & Co", None, XSS_BRAND_2]
    opts = layer_options(page)["use_mix"]
    assert opts["hidden"] is True  # opt-in: listed in the layer control, off when the page opens
    assert opts["unitsOf"] == "units"
    assert opts["name"] == "Nutzungsmix (genutzte Einheiten)"
    assert [s["fillColor"] for s in opts["styles"]] == [
        gi.style.symbol(f"use.{c}").fill for c in ORDER
    ]
    assert opts["popup"]["title"] == "address"  # read from the units layer (unitsOf)
    assert opts["popup"]["fields"] == [["Nutzung", "leaf"], ["Marke", "brand"],
                                       ["Einheiten-ID", "id"]]  # fmt: skip


def test_use_mix_legend_counts_each_date_and_is_tied_to_the_layer(page: str) -> None:
    legends = [h for h in _legends(page) if "Nutzungsmix" in h]
    assert len(legends) == 2
    rows = [re.findall(r'<div class="gi-row" data-gi-layer="use_mix">.*?<span>([^<]*)</span>', h)
            for h in legends]  # fmt: skip
    assert rows[0] == [
        "Einzelhandel kurzfristiger Bedarf (1)", "Einzelhandel mittelfristiger Bedarf (1)",
        "Gastronomie (1)", "publikumsorientierte Dienstleistungen (1)", "Gesundheit (0)",
        "Büro und Verwaltung (1)",
    ]  # fmt: skip
    assert rows[1] == [
        "Einzelhandel kurzfristiger Bedarf (1)", "Einzelhandel mittelfristiger Bedarf (1)",
        "Gastronomie (1)", "publikumsorientierte Dienstleistungen (0)", "Gesundheit (1)",
        "Büro und Verwaltung (1)",
    ]  # fmt: skip
    for h in legends:  # every row of the box belongs to the layer
        assert h.count('class="gi-row"') == h.count('data-gi-layer="use_mix"')


def test_quarter_profiles_show_the_use_mix_at_each_date(page: str) -> None:
    q = data_blocks(page)["quarters"]
    third = '"33,3 %"'
    assert dated(q, "mix") == [
        [f"[[0,333,{third}],[1,333,{third}],[4,333,{third}]]",
         '[[5,500,"50,0 %"],[8,500,"50,0 %"]]'],
        [f"[[0,333,{third}],[1,333,{third}],[4,333,{third}]]",
         '[[7,500,"50,0 %"],[8,500,"50,0 %"]]'],
    ]  # fmt: skip
    assert dated(q, "occupied") == [["3", "2"], ["3", "2"]]
    # Shannon evenness ln 3 / ln 10 = 0.477 and ln 2 / ln 10 = 0.301; chains 2/3 and 1/2
    assert dated(q, "diversity") == [["0,48", "0,30"], ["0,48", "0,30"]]
    assert dated(q, "chains") == [["66,7 %", "50,0 %"], ["66,7 %", "50,0 %"]]
    popup = layer_options(page)["quarters"]["popup"]
    assert popup["fields"][-3:] == [["genutzte Einheiten", "occupied"],
        ["Branchenvielfalt (Shannon-Evenness)", "diversity"], ["Filialisierungsgrad", "chains"]]  # fmt: skip
    mix = popup["mix"]
    assert mix["column"] == "mix"
    assert mix["rows"] == 5
    # only the categories of some bar are named (none of retail_long, retail_other, culture, other)
    used = {0, 1, 4, 5, 7, 8}
    assert mix["colors"] == [
        gi.style.symbol(f"use.{c}").fill if k in used else None for k, c in enumerate(ORDER)
    ]
    assert mix["labels"][4] == "Gastronomie"
    assert mix["labels"][2] is None


def test_brands_reach_the_page_only_as_data(page: str) -> None:
    for hostile in (XSS_BRAND, XSS_BRAND_2, "window.__pwned"):
        outside = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)
        assert hostile not in outside
    # inside the data block '<' is written as \u003c, so no tag can end the script early
    assert "<img src=x" not in page
    assert "</script>" not in "".join(
        re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    )


def test_public_map_holds_no_use_mix_of_a_withheld_quarter() -> None:
    """The three-round panel of tests/maps/test_timeline.py: Nord and Mitte are withheld on
    30.06.2025 (min_count=3); Ost then has O1 gastronomy, O2–O5 services (occupied)."""
    html = maps.to_html(survey_map(public=True))
    blocks = data_blocks(html)
    q = blocks["quarters"]
    k = q["timed"]["dates"].index("2025-06-30")
    secret = "gesperrt (Geheimhaltung)"
    assert dated(q, "mix")[k][:2] == [None, None]
    assert dated(q, "diversity")[k][:2] == [secret, secret]
    assert dated(q, "chains")[k][:2] == [secret, secret]
    assert dated(q, "occupied")[k] == [secret, secret, "5"]
    # Ost: 1 gastronomy, 4 services of 5 → 200 ‰ and 800 ‰
    assert dated(q, "mix")[k][2] == '[[5,800,"80,0 %"],[4,200,"20,0 %"]]'
    mix = blocks["use_mix"]
    units = column(blocks["units"], "id")
    ids = [units[int(j)] for j in mix["hidden_columns"]["unit"]]
    drawn = [u for u, c in zip(ids, mix["timed"]["style_codes"][k], strict=True) if c != "."]
    assert drawn == ["O1", "O2", "O3", "O4", "O5"]


def test_without_uses_there_is_no_use_mix() -> None:
    """Units without a use column: no use-mix layer, no use filter, no mix in the profiles."""
    city = make_use_city(footfall=False)
    units = city.units.drop(columns=["use"])
    bare = gi.City(quarters=city.quarters, units=units, meta=city.meta)
    html = maps.to_html(maps.vacancy_map(bare, hotspots=False))
    assert "use_mix" not in data_blocks(html)
    assert "use" not in {g["key"] for g in layer_options(html)["units"]["filters"]}
    assert "mix" not in layer_options(html)["quarters"]["popup"]


@pytest.fixture(scope="module")
def sample() -> tuple[gi.City, str]:
    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return city, maps.to_html(maps.vacancy_map(city, hotspots=False))


def _occupied_at_last(city: gi.City) -> pd.DataFrame:
    """Plain pandas: each unit's latest survey (the last round is a complete survey), occupied."""
    units = city.units
    last = units["survey_date"].max()
    state = units[units["survey_date"] == last]
    return state[state["status"] == "occupied"]


def test_sample_legend_counts_equal_pandas(sample: tuple[gi.City, str]) -> None:
    city, html = sample
    occ = _occupied_at_last(city)
    top = occ["use"].astype(str).str.split(".").str[0]
    expected = top.value_counts()
    legend = [h for h in _legends(html) if "Nutzungsmix" in h][-1]  # the last date
    rows = re.findall(r'data-gi-layer="use_mix">.*?<span>([^<]*) \(([\d.]+)\)</span>', legend)
    got = {text: int(n.replace(".", "")) for text, n in rows}
    want = {gi.labels.value_label("use_category", c, "de"): int(n) for c, n in expected.items()}
    assert {k: v for k, v in got.items() if v} == want
    codes = data_blocks(html)["use_mix"]["style_codes"]
    assert sum(c >= 0 for c in codes) == len(occ)


def test_sample_quarter_mix_equals_pandas(sample: tuple[gi.City, str]) -> None:
    """Shares per quarter at the last survey: occupied units joined to the quarters with
    geopandas (within), counted per top-level category."""
    city, html = sample
    occ = _occupied_at_last(city)
    joined = gpd.sjoin(occ, city.quarters[["quarter_id", "geometry"]], predicate="within")
    q = data_blocks(html)["quarters"]
    mixes = column(q, "mix")
    for qid, text in zip(city.quarters["quarter_id"], mixes, strict=True):
        rows = joined[joined["quarter_id"] == qid]
        shares = rows["use"].astype(str).str.split(".").str[0].value_counts() / len(rows)
        want = sorted(
            ((ORDER.index(c), round(v * 1000)) for c, v in shares.items()),
            key=lambda kv: (-kv[1], kv[0]),
        )
        got = [(k, p) for k, p, _ in json.loads(text)]
        assert sorted(got, key=lambda kv: (-kv[1], kv[0])) == want, qid
        assert column(q, "occupied")[list(city.quarters["quarter_id"]).index(qid)] == str(len(rows))
