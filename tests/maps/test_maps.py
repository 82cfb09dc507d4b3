"""Tests of geoinnenstadt.maps and geoinnenstadt.assets on the generated HTML (no browser).

The hand-built cities (tests/helpers/maps.py) are shared with tests/browser/test_maps.py.
Expected values are hand arithmetic: quarter Q1 has 5 occupied units (0 %), Q2 has 3
vacant units (100 %), Q3 has none; the sites are rectangles of known size.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from helpers import quiet
from helpers.maps import (
    CRS,
    OWNER_CONTACTS,
    OWNER_NAMES,
    PANEL_DATES,
    X0,
    XSS_ADDRESSES,
    Y0,
    box_at,
    column,
    data_blocks,
    dated,
    layer_options,
    make_city,
    make_cluster_city,
    make_land_city,
    make_panel_city,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt import assets, maps
from geoinnenstadt.errors import CRSError
from geoinnenstadt.folding import FOLD_RULES

#: URLs that occur as plain strings inside Leaflet's own code (SVG namespaces, its
#: attribution link) and are never requested.
LEAFLET_STRING_URLS = {"http://www.w3.org/2000/svg", "https://leafletjs.com"}


@pytest.fixture(scope="module")
def vacancy_html() -> str:
    return maps.to_html(maps.vacancy_map(make_city()))


# --------------------------------------------------------------------------- assets


def test_escape_text_exact() -> None:
    assert (
        assets.escape_text("<a href='x'>\"&\"</a>")
        == "&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;&quot;&lt;/a&gt;"
    )
    assert assets.escape_text("`${x}`") == "&#96;&#36;{x}&#96;"
    assert assets.escape_text(None) == ""
    assert assets.escape_text(float("nan")) == ""
    assert assets.escape_text(pd.NA) == ""
    assert assets.escape_text(12.5) == "12.5"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escape_text_roundtrip_and_inert(text: str) -> None:
    out = assets.escape_text(text)
    assert not set(out) & set("<>\"'`$")
    assert html_lib.unescape(out) == text


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=20,
    )
)
def test_script_json_roundtrip_and_inert(obj) -> None:
    out = assets.script_json(obj)
    assert json.loads(out) == obj
    assert not set(out) & set("<>&`$'\u2028\u2029")


def test_leaflet_assets_are_the_installed_package() -> None:
    js, css = assets.leaflet_js(), assets.leaflet_css()
    assert 't.version="1.9.4"' in js
    assert "sourceMappingURL" not in js
    assert "url(images/" not in css
    assert "url(#default#VML)" not in css
    assert css.count("data:image/png;base64,") == 3  # layers.png, layers-2x.png, marker-icon.png
    assert assets.external_references(f"<style>{css}</style>") == []


def test_inline_assets_folium_default_map_is_offline() -> None:
    m = folium.Map(tiles=None)  # folium's defaults: Leaflet, jQuery, Bootstrap, Font Awesome
    raw = m.get_root().render()
    assert any("jquery" in u for u in assets.external_references(raw))
    out = assets.inline_assets(raw)
    assert assets.external_references(out) == []
    assert out.count(assets.leaflet_js()[:200]) == 1
    assert "L.Icon.Default.imagePath" in out


def test_inline_assets_unknown_cdn_asset_is_an_error() -> None:
    page = '<script src="https://cdn.example.org/leaflet.heat.js"></script>'
    with pytest.raises(ValueError, match=r"leaflet\.heat\.js"):
        assets.inline_assets(page)


def test_external_references_finds_tiles_images_and_css_urls() -> None:
    page = (
        '<img src="https://a.org/x.png"><div style="background:url(//b.org/y.png)"></div>'
        '<script>L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png")</script>'
        '<a href="https://not.loaded.org">link</a>'
    )
    assert assets.external_references(page) == [
        "https://a.org/x.png", "//b.org/y.png", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    ]  # fmt: skip


# --------------------------------------------------------------------------- vacancy map


def test_vacancy_map_offline_html_requests_nothing(vacancy_html: str) -> None:
    assert assets.external_references(vacancy_html) == []
    urls = set(re.findall(r"https?://[^\s\"'<>)\\]+", vacancy_html))
    assert urls <= LEAFLET_STRING_URLS, urls - LEAFLET_STRING_URLS
    assert "cdn." not in vacancy_html
    assert "jquery" not in vacancy_html.lower()


def test_vacancy_map_never_contains_personal_data(vacancy_html: str) -> None:
    for secret in (
        *OWNER_NAMES,
        *OWNER_CONTACTS,
        "owner_name",
        "owner_contact",
        "Geheim",
        "Verborgen",
    ):
        assert secret not in vacancy_html


def test_hostile_text_never_appears_raw(vacancy_html: str) -> None:
    assert "<img src=x" not in vacancy_html
    assert "${" not in vacancy_html  # neither from the data nor from any template literal
    assert "</script><script>window" not in vacancy_html
    assert "<b>fett</b>" not in vacancy_html
    caption = json.loads(re.search(r'"gi-caption", (".*?")\);', vacancy_html).group(1))
    assert "Datenquelle: Handarbeit &lt;i&gt;&amp;&lt;/i&gt;" in caption


def test_vacancy_map_units_payload_is_an_allow_list(vacancy_html: str) -> None:
    units = data_blocks(vacancy_html)["units"]
    assert units["count"] == 8
    assert set(units["columns"]) == {
        "id",
        "address",
        "status",
        "area",
        "use",
        "since",
        "location",
        "fund",
        "duration",
    }
    assert column(units, "address") == [*XSS_ADDRESSES, "Südstraße 1", "Südstraße 2", "Südstraße 3"]
    assert column(units, "area") == ["50", "51", "52", "53", "54", "80", "81", "82"]
    assert column(units, "since")[5:] == ["01.03.2025", "15.01.2023", "01.05.2024"]
    assert column(units, "fund") == [None] * 6 + ["Anmietungs-Fonds", None]
    # durations at 30.06.2025: 3 months (< 6), 29 months (> 24), 13 months (12-24)
    assert column(units, "duration")[5:] == ["3 Monate", "29 Monate", "13 Monate"]
    # the fills of the symbol table of gi.style (the spec): occupied grey, vacant blue by duration
    styles = layer_options(vacancy_html)["units"]["styles"]
    assert [styles[k]["fillColor"] for k in units["style_codes"]] == ["#bdbdbd"] * 5 + [
        "#9ecae1",  # < 6 months
        "#08306b",  # > 24 months
        "#2171b5",  # 12-24 months
    ]
    popup = layer_options(vacancy_html)["units"]["popup"]
    assert popup["na"] == "k. A."
    assert popup["title"] == "address"


def test_vacancy_map_coordinates_are_rounded_lonlat(vacancy_html: str) -> None:
    units = data_blocks(vacancy_html)["units"]
    lon = (units["lon_origin"] + np.array(units["lon_offsets"])) / 1e5
    lat = (units["lat_origin"] + np.array(units["lat_offsets"])) / 1e5
    expected = make_city().units.to_crs("EPSG:4326").geometry
    np.testing.assert_allclose(lon, expected.x, atol=0.6e-5)
    np.testing.assert_allclose(lat, expected.y, atol=0.6e-5)


def legend_texts(html: str, title: str) -> list[str]:
    """The entries of the legend box titled ``title``, as displayed."""
    for raw in re.findall(r'"gi-legend", (".*?")\);', html):
        box = json.loads(raw)
        if f"<h4>{title}</h4>" in box:
            return [html_lib.unescape(t) for t in re.findall(r"<span>(.*?)</span>", box)]
    raise AssertionError(f"no legend {title!r}")


def test_vacancy_map_zero_and_full_vacancy_legend(vacancy_html: str) -> None:
    quarters = data_blocks(vacancy_html)["quarters"]
    # Q1 0/5 = 0 %, Q2 3/3 = 100 %, Q3 no units
    assert column(quarters, "rate") == ["0,0 %", "100,0 %", "keine Einheiten erfasst"]
    assert column(quarters, "units") == ["5", "3", "0"]
    assert quarters["style_codes"] == [0, 4, 5]  # first class (0-5 %), last class (> 20 %), no data


def test_vacancy_legend_is_the_shared_class_legend(vacancy_html: str) -> None:
    # the fixed classes of gi.classify, worded as the print maps word them (hand-written here),
    # each with its number of quarters: Nord 0 %, Süd 100 %, Leer without units
    assert legend_texts(vacancy_html, "Leerstandsquote je Quartier") == [
        "0 – 5 % (1)", "> 5 – 10 % (0)", "> 10 – 15 % (0)", "> 15 – 20 % (0)", "> 20 % (1)",
        "keine Einheiten erfasst (1)",
    ]  # fmt: skip
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False, lang="en"))
    assert legend_texts(html, "Vacancy rate by quarter") == [
        "0 – 5 % (1)", "> 5 – 10 % (0)", "> 10 – 15 % (0)", "> 15 – 20 % (0)", "> 20 % (1)",
        "no units recorded (1)",
    ]  # fmt: skip
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False, scheme="natural_breaks"))
    assert legend_texts(html, "Leerstandsquote je Quartier") == [
        "0 % (1)", "> 0 – 100 % (1)", "keine Einheiten erfasst (1)",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="unknown scheme"):
        maps.vacancy_map(make_city(), scheme="jenks")


def test_vacancy_map_single_rate_natural_breaks() -> None:
    city = make_city()
    city.quarters = city.quarters.iloc[[1]]  # only the 100 % quarter
    html = maps.to_html(quiet(maps.vacancy_map, city, scheme="natural_breaks", hotspots=False))
    assert column(data_blocks(html)["quarters"], "rate") == ["100,0 %"]
    assert legend_texts(html, "Leerstandsquote je Quartier") == ["100 % (1)"]


def test_vacancy_map_sample_note_and_caption(vacancy_html: str) -> None:
    assert "Beispieldaten (synthetisch)" in vacancy_html
    assert "Leerstandserhebung: 30.06.2025" in vacancy_html
    html = maps.to_html(maps.vacancy_map(make_city(synthetic=False), hotspots=False))
    assert "Beispieldaten" not in html


def test_vacancy_map_missing_address_and_area_show_k_a() -> None:
    city = make_city()
    city.units.loc[city.units["unit_id"] == "V0", "floor_area_m2"] = np.nan
    with pytest.warns(UserWarning, match="V0"):
        html = maps.to_html(maps.vacancy_map(city, hotspots=False))
    units = data_blocks(html)["units"]
    assert column(units, "area")[5] is None
    assert column(units, "address")[4] is None
    assert layer_options(html)["units"]["popup"]["na"] == "k. A."


def test_vacancy_map_without_units_says_so() -> None:
    for units in (None, make_city().units.iloc[:0]):
        city = make_city()
        city.units = units
        html = maps.to_html(maps.vacancy_map(city))
        assert "Keine Gewerbeeinheiten in den Daten" in html
        blocks = data_blocks(html)
        assert "units" not in blocks
        assert blocks["quarters"]["count"] == 3
        assert column(blocks["quarters"], "rate") == ["keine Einheiten erfasst"] * 3


def test_layers_in_epsg4326_are_reprojected() -> None:
    city = make_city()
    ref = data_blocks(maps.to_html(maps.vacancy_map(city, hotspots=False)))
    city.units = city.units.to_crs("EPSG:4326")
    city.quarters = city.quarters.to_crs("EPSG:4326")
    got = data_blocks(maps.to_html(maps.vacancy_map(city, hotspots=False)))
    assert got["units"]["lon_offsets"] == ref["units"]["lon_offsets"]
    assert got["units"]["lat_offsets"] == ref["units"]["lat_offsets"]
    assert column(got["quarters"], "rate") == column(ref["quarters"], "rate")


def test_layer_without_crs_is_an_error() -> None:
    city = make_city()
    city.units = city.units.set_crs(None, allow_override=True)
    with pytest.raises(CRSError, match=r"units has no CRS; set it with units\.set_crs"):
        maps.vacancy_map(city)


def test_hotspot_layer_shows_the_obvious_clusters() -> None:
    html = maps.to_html(maps.vacancy_map(make_cluster_city()))
    blocks = data_blocks(html)
    hot, cold = blocks["hotspots"], blocks["coldspots"]
    got = sorted(zip(column(hot, "address"), column(hot, "class"), strict=True))
    assert got == sorted((f"West {i}", "Hot Spot (Häufung)") for i in range(1, 11))
    got = sorted(zip(column(cold, "address"), column(cold, "class"), strict=True))
    assert got == sorted((f"Ost {i}", "Cold Spot (Ausdünnung)") for i in range(1, 11))
    # rings of gi.style: hot spots magenta, cold spots green and dashed
    opts = layer_options(html)
    assert [s["color"] for s in opts["hotspots"]["styles"]] == ["#c51b7d"]
    assert [(s["color"], s["dashArray"]) for s in opts["coldspots"]["styles"]] == [
        ("#4d9221", "3 2")
    ]


def make_public_city() -> gi.City:
    """Quarters with 1, 2, 5 and 8 units (1, 1, 1 and 2 vacant).

    With min_count=3, A (1 unit) and B (2 units) are suppressed (primary) and C,
    the smallest remaining quarter (5 units), too (secondary): otherwise the
    city total minus C and D would reveal A + B.
    """
    sizes = {"QA": (1, 1), "QB": (2, 1), "QC": (5, 1), "QD": (8, 2)}
    rows, shapes = [], []
    for q, (i, (n, vacant)) in zip(sizes, enumerate(sizes.values()), strict=True):
        shapes.append(box_at(300 * i, 0))
        for k in range(n):
            rows.append(
                {
                    "unit_id": f"{q}-{k}",
                    "survey_date": pd.Timestamp("2025-06-30"),
                    "status": "vacant" if k < vacant else "occupied",
                    "floor_area_m2": 70.0,
                    "address": f"Weg {q} {k}",
                    "vacant_since": pd.Timestamp("2025-01-01") if k < vacant else pd.NaT,
                    "x": X0 + 300 * i + 20 + 20 * k,
                    "y": Y0 + 100,
                }
            )
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    units["vacant_since"] = units["vacant_since"].astype("datetime64[ns]")
    quarters = gpd.GeoDataFrame(
        {"quarter_id": list(sizes), "name": ["Aquartier", "Bquartier", "Cquartier", "Dquartier"]},
        geometry=shapes,
        crs=CRS,
    )
    return gi.City(quarters=quarters, units=units, meta={"name": "Kleinstadt"})


@pytest.mark.parametrize("scheme", ["fixed", "natural_breaks"])
def test_public_map_suppresses_small_quarters_and_one_more(scheme: str) -> None:
    html = maps.to_html(maps.vacancy_map(make_public_city(), min_count=3, scheme=scheme))
    blocks = data_blocks(html)
    q = blocks["quarters"]
    secret = "gesperrt (Geheimhaltung)"
    # A (1/1 = 100 %), B (1/2 = 50 %) primary, C (1/5 = 20 %) secondary; D 2/8 = 25 %
    assert column(q, "rate") == [secret, secret, secret, "25,0 %"]
    assert column(q, "units") == [secret, secret, secret, "8"]
    assert column(q, "vacant") == [secret, secret, secret, "2"]
    assert column(q, "tip") == [f"{c}quartier: {secret}" for c in "ABC"] + ["Dquartier: 25,0 %"]
    styles = layer_options(html)["quarters"]["styles"]
    colours = [styles[k]["fillColor"] for k in q["style_codes"]]
    assert colours[0] == colours[1] == colours[2] == "#f0f0f0"  # quarter.suppressed
    assert colours[3] != "#f0f0f0"
    # only the 8 units of D are drawn; the hot-spot layer uses them only
    assert column(blocks["units"], "id") == [f"QD-{k}" for k in range(8)]
    for key in ("hotspots", "coldspots"):
        if key in blocks:
            assert all(a.startswith("Weg QD") for a in column(blocks[key], "address"))
    # no figure of A, B or C anywhere in the page, neither the legend nor the data
    for figure in ("100,0 %", "50,0 %", "20,0 %", "Weg QA", "Weg QB", "Weg QC", "QA-0", "QC-4"):
        assert figure not in html
    legend = legend_texts(html, "Leerstandsquote je Quartier")
    assert legend[-1].startswith("gesperrt (Geheimhaltung): weniger als 3 Einheiten")
    assert legend[-1].endswith(" (3)")  # A, B and C
    if scheme == "natural_breaks":  # the classes are computed without the withheld rates
        assert legend[:-1] == ["25 % (1)"]


def test_public_map_unchanged_without_small_quarters() -> None:
    city = make_public_city()
    html = maps.to_html(maps.vacancy_map(city, min_count=1, hotspots=False))
    q = data_blocks(html)["quarters"]
    assert column(q, "rate") == ["100,0 %", "50,0 %", "20,0 %", "25,0 %"]
    assert data_blocks(html)["units"]["count"] == 16


def test_every_layer_passes_the_privacy_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []
    real = gi.privacy.drop_personal

    def spy(frame, *, kind=None, personal=False):
        seen.append(kind)
        return real(frame, kind=kind, personal=personal)

    monkeypatch.setattr(gi.privacy, "drop_personal", spy)
    maps.vacancy_map(make_city(), hotspots=False)
    assert seen == ["quarters", "units"]
    seen.clear()
    maps.land_map(make_land_city(), distance_classes=True)
    assert seen[:4] == ["sites", "core_zones", "preemption_areas", "residential"]
    assert len(seen) == 5  # and the distance rings
    seen.clear()
    maps.preemption_map(make_land_city())
    assert seen == ["parcels", "preemption_areas"]


def test_maps_reproject_for_display_only() -> None:
    """No CRS logic in maps/ besides crs.to_display / crs.require_same."""
    root = Path(maps.__file__).parent
    for path in root.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        for needle in ("working_crs", ".to_crs(", ".crs !=", ".crs ==", "EPSG:4326"):
            assert needle not in code, f"{path.name} contains {needle!r}"


def test_layers_in_another_metric_crs_are_not_reprojected_for_analysis() -> None:
    # EPSG:25833 is metric: analysis runs there; the display is the same as from 25832
    city = make_city()
    ref = data_blocks(maps.to_html(maps.vacancy_map(city)))
    city.units = city.units.to_crs("EPSG:25833")
    city.quarters = city.quarters.to_crs("EPSG:25833")
    got = data_blocks(maps.to_html(maps.vacancy_map(city)))
    assert (
        np.abs(np.array(got["units"]["lon_offsets"]) - np.array(ref["units"]["lon_offsets"])).max()
        <= 1
    )
    assert column(got["quarters"], "rate") == column(ref["quarters"], "rate")
    spots = ("hotspots", "coldspots")
    assert any(key in ref for key in spots)
    for key in spots:
        assert (key in got) == (key in ref)
        assert got.get(key, {}).get("count") == ref.get(key, {}).get("count")


def test_english_labels() -> None:
    html = maps.to_html(maps.vacancy_map(make_city(), lang="en", hotspots=False))
    units = data_blocks(html)["units"]
    assert column(units, "status")[0] == "occupied"
    assert column(units, "duration")[5:] == ["3 months", "29 months", "13 months"]
    assert layer_options(html)["units"]["popup"]["na"] == "n/a"
    assert "Sample data (synthetic)" in html
    assert legend_texts(html, "Commercial units") == [
        "occupied (5)", "vacant, < 6 months (1)", "vacant, 6–12 months (0)",
        "vacant, 12–24 months (1)", "vacant, > 24 months (1)",
    ]  # fmt: skip


#: German words that may stay in English output: legal and cadastral terms.
LEGAL_TERMS = {"abstandserlass", "baugb", "gemarkung", "flur", "flurstück", "kennzeichen"}


def german_words() -> set[str]:
    """Words of the German display texts that no English display text uses."""
    from geoinnenstadt import labels

    pairs = list(labels.LABELS.values()) + list(labels.TEXTS.values())
    pairs.append((labels.NA_TEXT, labels.NA_TEXT_EN))
    word = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")
    english = {w.lower() for _, en in pairs for w in word.findall(en)}
    german = {w.lower() for de, _ in pairs for w in word.findall(de)}
    return german - english - LEGAL_TERMS


def english_fixtures() -> tuple[gi.City, gi.City]:
    """The test cities with neutral data texts, so that only display texts can be German."""
    city, land = make_city(), make_land_city()
    city.quarters["name"] = ["North", "South", "Empty"]
    city.units["address"] = [f"Road {i}" for i in range(len(city.units))]
    city.units["fund"] = None
    for gdf in (land.sites, land.core_zones, land.preemption_areas, land.residential):
        gdf["name"] = [f"Area {i}" for i in range(len(gdf))]
    for c in (city, land):
        c.meta = {
            "name": "Testtown",
            "synthetic": True,
            "source": "handmade",
            "as_of": "2025-06-30",
        }
    return city, land


def test_english_maps_contain_no_german(monkeypatch: pytest.MonkeyPatch) -> None:
    words = german_words() | {"gesamt"}  # the German city total (vacancy.TOTAL_NAME)
    assert {"leerstandsquote", "monate", "einheiten", "mitwirkende", "stand"} <= words
    city, land = english_fixtures()
    rendered = {
        "vacancy": maps.vacancy_map(city, lang="en"),
        "vacancy_public": maps.vacancy_map(city, lang="en", min_count=4, scheme="quantiles"),
        "land": maps.land_map(land, lang="en", distance_classes=True),
        "preemption": maps.preemption_map(land, lang="en"),
        "no_data": maps.preemption_map(gi.City(meta=city.meta), lang="en"),
        "no_units": maps.vacancy_map(gi.City(quarters=city.quarters, meta=city.meta), lang="en"),
        "no_sites": maps.land_map(gi.City(meta=city.meta), lang="en"),
    }
    # settings.language is the default of lang
    monkeypatch.setattr(gi.settings, "language", "en")
    rendered["default"] = maps.vacancy_map(city)
    for kind, m in rendered.items():
        # online: Leaflet is linked, not inlined; the page holds only our texts and the data
        html = maps.to_html(m, offline=False)
        found = {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", html)} & words
        assert not found, (kind, sorted(found))
    assert "contributors" in maps.to_html(rendered["default"], offline=False)


def test_units_bytes_per_unit_is_small() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    city = make_city()
    units = city.units.iloc[np.arange(n) % 8].copy()
    units["unit_id"] = [f"DO-{i:05d}" for i in range(n)]
    units["address"] = [f"Westenhellweg {i % 300 + 1}" for i in range(n)]
    units["floor_area_m2"] = rng.integers(20, 900, n).astype(float)
    xy = rng.uniform(0, 600, (n, 2)) * [1.0, 1 / 3]  # inside the three quarters (600 x 200 m)
    units = units.set_geometry(gpd.points_from_xy(X0 + xy[:, 0], Y0 + xy[:, 1]), crs=CRS)
    city.units = units.reset_index(drop=True)
    html = maps.to_html(maps.vacancy_map(city, hotspots=False))
    block = re.search(
        r'<script type="application/json" id="\w+_data">(\{"type":"points".*?)</script>', html, re.S
    )
    assert block is not None
    assert len(block.group(1).encode()) / n <= 80


# --------------------------------------------------------------------------- land and pre-emption maps


def test_land_map_layers_and_popups() -> None:
    html = maps.to_html(maps.land_map(make_land_city()))
    blocks = data_blocks(html)
    assert {k: b["count"] for k, b in blocks.items()} == {
        "residential": 2,
        "core_zones": 2,
        "preemption_areas": 1,
        "sites": 4,
    }
    sites = blocks["sites"]
    assert column(sites, "area") == [
        "2,00 ha",
        "1,00 ha",
        "0,50 ha",
        "0,25 ha",
    ]  # 200x100, 100x100, 100x50, 50x50 m
    assert column(sites, "restriction")[:2] == ["restriktionsfrei", "leichte Restriktionen"]
    assert column(sites, "name")[:2] == [
        "Hafen <script>alert(1)</script>",
        "S2",
    ]  # missing name -> id
    opts = layer_options(html)
    # the symbol table of gi.style (the spec): available none/minor green, reserved purple,
    # taken up grey
    assert [opts["sites"]["styles"][k]["fillColor"] for k in sites["style_codes"]] == [
        "#1a9850", "#a6d96a", "#9970ab", "#d9d9d9",
    ]  # fmt: skip
    # pre-emption areas and core zones: outlines (hatching is for print); sites stay clickable
    area = opts["preemption_areas"]["styles"][0]
    assert (area["color"], area["fill"], "hatch" in area) == ("#b2182b", False, False)
    assert [(s["color"], s["fill"]) for s in opts["core_zones"]["styles"]] == [
        ("#08306b", False), ("#2171b5", False),
    ]  # fmt: skip
    assert "<script>alert(1)" not in html
    assert "${x}" not in html
    assert assets.external_references(html) == []


def test_land_map_distance_classes_on_demand() -> None:
    city = make_land_city()
    assert "distance_buffers" not in data_blocks(maps.to_html(maps.land_map(city)))
    blocks = data_blocks(maps.to_html(maps.land_map(city, distance_classes=True)))
    rings = blocks["distance_buffers"]
    assert rings["count"] == 7
    assert column(rings, "range")[0] == "1.000–1.500 m"


def test_land_map_without_sites_says_so() -> None:
    city = make_land_city()
    city.sites = None
    html = maps.to_html(maps.land_map(city))
    assert "Keine Wirtschaftsflächen in den Daten." in html


def test_preemption_map_kennzeichen() -> None:
    html = maps.to_html(maps.preemption_map(make_land_city()))
    blocks = data_blocks(html)
    hit = blocks["preempted_parcels"]
    assert hit["count"] == 1  # P1 100 % inside; P2 only 18/60 = 30 % < 50 %
    assert column(hit, "label") == ["Gemarkung 1234, Flur 17, Flurstück 123/4"]
    assert column(hit, "share") == ["100,0 %"]
    assert column(hit, "overlap") == ["2.500 m²"]
    assert blocks["other_parcels"]["count"] == 2
    html30 = maps.to_html(maps.preemption_map(make_land_city(), min_share=0.3))
    assert data_blocks(html30)["preempted_parcels"]["count"] == 2


# --------------------------------------------------------------------------- composition and output


def test_maps_compose_with_one_layer_control() -> None:
    m = maps.land_map(make_land_city())
    m2 = maps.vacancy_map(make_city(), m=m, hotspots=False)
    assert m2 is m
    html = maps.to_html(m)
    assert html.count("L.control.layers(") == 1
    assert html.count("if (window.__gi) { return; }") == 1
    assert {"sites", "units", "quarters"} <= set(data_blocks(html))


def test_save_html_offline_and_online(tmp_path: Path) -> None:
    m = maps.vacancy_map(make_city(), hotspots=False)
    out = maps.save_html(m, tmp_path / "karte.html")
    assert out == tmp_path / "karte.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["karte.html"]  # no temporary files left
    offline = out.read_text(encoding="utf-8")
    assert assets.external_references(offline) == []
    online = maps.save_html(m, tmp_path / "online.html", offline=False).read_text(encoding="utf-8")
    refs = assets.external_references(online)
    assert maps.OSM_TILES in refs
    assert any(r.endswith("leaflet.js") for r in refs)
    assert "openstreetmap.org/copyright" in online
    assert "OpenStreetMap\\u003c/a\\u003e-Mitwirkende" in online
    # saving online did not change the map: offline again has no tiles
    assert assets.external_references(maps.to_html(m)) == []


def test_save_html_drops_tiles_of_a_plain_folium_map(tmp_path: Path) -> None:
    m = folium.Map(location=[51.5, 7.46], zoom_start=14)  # OSM tiles, folium CDN assets
    html = maps.save_html(m, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert assets.external_references(html) == []
    assert any("tile.openstreetmap" in u for u in assets.external_references(m.get_root().render()))


@pytest.mark.parametrize("name", ["dortmund", "dorsten", "duesseldorf"])
def test_sample_maps_are_offline_and_private(name: str) -> None:
    city = gi.load_sample(name)
    owners = (
        set(city.units["owner_name"].dropna().astype(str))
        if city.units is not None and "owner_name" in city.units
        else set()
    )
    for m in (
        quiet(maps.vacancy_map, city, hotspots=False),
        maps.land_map(city),
        maps.preemption_map(city),
    ):
        html = maps.to_html(m)
        assert assets.external_references(html) == []
        assert "Beispieldaten (synthetisch)" in html
        assert not [o for o in owners if o in html]


# --------------------------------------------------------------------------- command line


def test_cli_map_sample_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geoinnenstadt.cli import main

    out = tmp_path / "karte.html"
    assert main(["map", "land", "--sample", "dorsten", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert assets.external_references(html) == []
    assert "Beispieldaten (synthetisch)" in html


def test_cli_map_data_file_online_and_png(tmp_path: Path) -> None:
    from geoinnenstadt.cli import main

    gpkg = gi.write_city(make_land_city(), tmp_path / "stadt.gpkg")
    out = tmp_path / "vorkauf.html"
    assert (
        main(["map", "preemption", "--data", str(gpkg), "--out", str(out), "--online", "--png"])
        == 0
    )
    assert maps.OSM_TILES in assets.external_references(out.read_text(encoding="utf-8"))
    assert out.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_map_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geoinnenstadt.cli import main

    assert (
        main(["map", "vacancy", "--out", str(tmp_path / "x.html")]) == 2
    )  # neither --data nor --sample
    assert main(["map", "vacancy", "--sample", "atlantis", "--out", str(tmp_path / "x.html")]) == 2
    assert "no sample city 'atlantis'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


# --------------------------------------------------------------------------- runtime as package data


def test_runtime_is_package_data_shipped_in_the_wheel() -> None:
    import subprocess
    from importlib import resources

    import tomllib

    static = resources.files("geoinnenstadt.maps") / "static"
    for name in ("runtime.js", "runtime.css", "explore.js"):
        assert static.joinpath(name).is_file(), name
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False))
    assert maps.runtime_js() in html
    assert maps.runtime_css() in html
    assert maps.explore_js() in html
    assert html.count("if (window.__gi) { return; }") == 1
    # no JavaScript or CSS left in Python strings
    for path in Path(maps.__file__).parent.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert "requestAnimationFrame" not in code, path.name
        assert "border-radius" not in code, path.name
    # hatch puts every file of the package into the wheel unless excluded or git-ignored
    root = Path(maps.__file__).resolve().parents[2]
    wheel = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"][
        "build"
    ]["targets"]["wheel"]
    assert wheel["packages"] == ["geoinnenstadt"]
    assert not {"exclude", "only-include", "include"} & set(wheel)
    if (root / ".git").exists():
        ignored = subprocess.run(
            ["git", "check-ignore", "geoinnenstadt/maps/static/runtime.js"],
            cwd=root, capture_output=True, check=False,
        )  # fmt: skip
        assert ignored.returncode == 1  # not ignored


# --------------------------------------------------------------------------- time slider, search, profiles
#
# make_panel_city (tests/helpers/maps.py): the three-round panel, with its totals by hand.


def explore_config(html: str) -> dict:
    raw = re.search(r"window\.__gi\.ready\([\w]+, (\{.*?\})\);\n", html, re.S)
    assert raw is not None
    return json.loads(raw.group(1))


def test_time_slider_codes_per_survey_date() -> None:
    html = maps.to_html(maps.vacancy_map(make_panel_city(), hotspots=False))
    cfg = explore_config(html)
    assert cfg["dates"] == PANEL_DATES
    assert cfg["date_texts"] == ["30.06.2023", "30.06.2024", "30.06.2025"]
    assert cfg["figures"] == [
        {"units": 4, "vacant": 1},
        {"units": 4, "vacant": 2},
        {"units": 4, "vacant": 1},
    ]
    units = data_blocks(html)["units"]
    assert column(units, "id") == ["A1", "A2", "B1", "B2", "A3"]  # first appearance
    # codes: occupied, lt6m, 6to12m, 12to24m, gt24m, vacant with unknown duration (fills of gi.style)
    styles = layer_options(html)["units"]["styles"]
    assert [s["fillColor"] for s in styles] == [
        "#bdbdbd", "#9ecae1", "#4292c6", "#2171b5", "#08306b", "#8073ac",
    ]  # fmt: skip
    assert units["timed"]["dates"] == PANEL_DATES
    assert units["timed"]["style_codes"] == ["0030.", "1040.", "3.000"]
    status = dated(units, "status")
    assert status[2] == ["leer stehend", None, "genutzt", "genutzt", "genutzt"]
    months = dated(units, "duration")
    assert months[1][0] == "5 Monate"
    assert months[1][2] == "29 Monate"
    assert months[2][0] == "17 Monate"
    # the selected (last) date is also the plain payload: k and cols as before the slider
    assert units["style_codes"] == [3, -1, 0, 0, 0]


def test_time_slider_quarters_and_key_figures() -> None:
    html = maps.to_html(maps.vacancy_map(make_panel_city(), hotspots=False))
    q = data_blocks(html)["quarters"]
    rates = dated(q, "rate")
    assert rates == [["0,0 %", "50,0 %"], ["50,0 %", "50,0 %"], ["50,0 %", "0,0 %"]]
    styles = layer_options(html)["quarters"]["styles"]
    fills = [[styles[int(ch, 36)]["fillColor"] for ch in k] for k in q["timed"]["style_codes"]]
    first, last = VACANCY_COLORS[0], VACANCY_COLORS[-1]
    assert fills == [[first, last], [last, last], [last, first]]
    # key figures per date: change of the city rate in percentage points (25 % -> 50 % -> 25 %)
    boxes = {
        json.dumps(b["html"])
        for b in (json.loads(raw) for raw in re.findall(r'"gi-figures", (\{.*?\})\);', html))
    }
    assert len(boxes) == 1
    figures = json.loads(boxes.pop())
    assert "–" in figures[0]
    assert "+25,0 Pp." in figures[1]
    assert "−25,0 Pp." in figures[2]
    assert "25,0 %" in figures[0]
    assert "50,0 %" in figures[1]
    # the legend counts quarters per class at each date and says the figures are the whole inventory
    legends = [json.loads(raw) for raw in re.findall(r'"gi-legend", (\{.*?\})\);', html)]
    quarter_legend = next(b for b in legends if "Leerstandsquote je Quartier" in b["html"][0])
    assert "<span>0 – 5 % (1)</span>" in quarter_legend["html"][0]
    assert "Quartierswerte: alle Einheiten" in quarter_legend["html"][0]
    unit_legend = next(b for b in legends if "Gewerbeeinheiten" in b["html"][0])
    assert [re.findall(r"\((\d+)\)</span>", h) for h in unit_legend["html"]] == [
        ["3", "0", "0", "1", "0"], ["2", "1", "0", "0", "1"], ["3", "0", "0", "1", "0"],
    ]  # fmt: skip


VACANCY_COLORS = gi.classify.classify(pd.Series([0.0, 0.25]), scheme="fixed").colors()


def test_time_slider_is_compact() -> None:
    """At most 80 bytes per unit and survey (the benchmark checks 50,000 units x 4 surveys)."""
    rng = np.random.default_rng(3)
    n, dates = 2000, ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"]
    frames = []
    for d in dates:
        vacant = rng.random(n) < 0.15
        frames.append(pd.DataFrame({
            "unit_id": [f"DO-{i:05d}" for i in range(n)], "survey_date": d,
            "status": np.where(vacant, "vacant", "occupied"), "floor_area_m2": rng.integers(20, 900, n) * 1.0,
            "address": [f"Westenhellweg {i % 300 + 1}" for i in range(n)],
            "vacant_since": np.where(vacant, "2021-03-01", None), "use": "retail",
            "x": X0 + (np.arange(n) % 60) * 10 + 1, "y": Y0 + (np.arange(n) // 60) * 5 + 1,
        }))  # fmt: skip
    df = pd.concat(frames, ignore_index=True)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df.x, df.y), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    city = make_city()
    city.quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q"], "name": ["Alle"]}, geometry=[box_at(0, 0, 700, 200)], crs=CRS
    )
    city.units = units
    html = maps.to_html(maps.vacancy_map(city, hotspots=False))
    block = re.search(
        r'<script type="application/json" id="\w+_data">(\{"type":"points".*?)</script>', html, re.S
    )
    assert block is not None
    assert len(json.loads(block.group(1))["timed"]["style_codes"]) == 4
    assert len(block.group(1).encode()) / (n * len(dates)) <= 80


def test_public_mode_per_date_and_profiles() -> None:
    """min_count=2: in 2025 Q2 has 1 unit (primary) and Q1 2 (secondary); 2023/2024 show all."""
    city = make_panel_city(extra_q3=True)
    html = maps.to_html(maps.vacancy_map(city, min_count=2, hotspots=False))
    q = data_blocks(html)["quarters"]
    secret = "gesperrt (Geheimhaltung)"
    rates = dated(q, "rate")
    assert rates == [
        ["0,0 %", "50,0 %", "0,0 %"],
        ["50,0 %", "50,0 %", "0,0 %"],
        [secret, secret, "0,0 %"],
    ]
    units = data_blocks(html)["units"]
    ids = column(units, "id")
    assert "A3" not in ids  # only surveyed when its quarter is withheld: never in the page
    assert "Weg A3" not in html
    k = dict(zip(PANEL_DATES, units["timed"]["style_codes"], strict=True))
    drawn_2025 = [i for i, ch in zip(ids, k["2025-06-30"], strict=True) if ch != "."]
    assert drawn_2025 == ["C0", "C1", "C2"]
    # profiles: Q1 and Q2 were withheld at one survey -> no chart (suppressed_in_panel); Q3 has one
    charts = column(q, "chart")
    assert charts[0] == charts[1] == "Zeitreihe gesperrt (Geheimhaltung)"
    assert charts[2].startswith("<svg")
    # the key figures stay the city totals (A1 vacant in 2025, 6 units)
    assert explore_config(html)["figures"][2] == {"units": 6, "vacant": 1}


def test_profile_chart_is_escaped_svg() -> None:
    import xml.etree.ElementTree as ET

    from geoinnenstadt.maps import explore

    hostile = '<img src=x onerror=window.__pwned=1> ${alert(1)} & "q"'
    svg = explore.trend_svg(["2023-06-30", "2024-06-30", "2025-06-30"], [0.0, float("nan"), 0.5],
                            lang="de", title=hostile)  # fmt: skip
    root = ET.fromstring(svg)  # well-formed XML
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert tags <= {"svg", "g", "text", "line", "polyline", "circle", "title"}
    assert not any(a.startswith("on") for el in root.iter() for a in el.attrib)
    assert root.find("{http://www.w3.org/2000/svg}text").text == hostile
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert titles == ["30.06.2023: 0,0 %", "30.06.2025: 50,0 %"]  # the NaN survey has no point
    assert len(list(root.iter("{http://www.w3.org/2000/svg}polyline"))) == 2  # a gap at NaN
    html = maps.to_html(maps.vacancy_map(make_panel_city(name_q1=hostile), hotspots=False))
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Brückstraße 12a", "brueckstrasse 12a"),
        ("  MÜNSTER-Str. 5 / Café ", "muenster strasse 5 cafe"),
        ("Gemarkung 1234, Flur 17, Flurstück 123/4", "gemarkung 1234 flur 17 flurstueck 123 4"),
        ("05123401700124______", "05123401700124"),
        ("window.__pwned=1", "window pwned 1"),
        ("Œuvre ﬁnal", "œuvre final"),
        (None, ""),
    ],
)
def test_search_key(text: object, key: str) -> None:
    from geoinnenstadt.maps.explore import search_key

    assert search_key(text) == key


def test_search_texts_of_every_map() -> None:
    html = maps.to_html(maps.vacancy_map(make_panel_city(), hotspots=False))
    # units: no embedded text (size); the page normalises their id and address columns
    assert "s" not in data_blocks(html)["units"]
    assert layer_options(html)["units"]["search"]["fields"] == ["id", "address"]
    assert data_blocks(html)["quarters"]["search_texts"] == ["nord q1", "sued q2"]
    land = make_land_city()
    blocks = data_blocks(maps.to_html(maps.preemption_map(land)))
    assert blocks["preempted_parcels"]["search_texts"] == [
        "05123401700123000400 gemarkung 1234 flur 17 flurstueck 123 4"
    ]
    assert blocks["other_parcels"]["search_texts"] == [
        "05123401700124 gemarkung 1234 flur 17 flurstueck 124",
        "05123401700125 gemarkung 1234 flur 17 flurstueck 125",
    ]
    sites = data_blocks(maps.to_html(maps.land_map(land)))["sites"]
    assert sites["search_texts"] == ["s1 hafen script alert 1 script", "s2", "s3 nord", "s4 sued"]
    # the page folds what is typed with the letters and abbreviations of geoinnenstadt.folding
    assert explore_config(maps.to_html(maps.land_map(land)))["fold"] == {
        "letters": [["ß", "ss"], ["ẞ", "ss"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"]],
        "rules": [list(r) for r in FOLD_RULES],
    }


def test_filters_of_the_unit_layer() -> None:
    html = maps.to_html(maps.vacancy_map(make_panel_city(), hotspots=False))
    groups = {g["key"]: g for g in layer_options(html)["units"]["filters"]}
    assert list(groups) == ["status", "duration", "ground", "use", "location"]
    assert [o["label"] for o in groups["status"]["options"]] == ["genutzt", "leer stehend"]
    assert groups["status"]["options"][1]["codes"] == [1, 2, 3, 4, 5]
    assert [o["value"] for o in groups["ground"]["options"]] == ["ja", "nein"]
    # ground floor as surveyed at each date: A2 left in 2025, A3 came in 2025 (ids A1 A2 B1 B2 A3)
    units = data_blocks(html)["units"]
    assert column({"columns": units["hidden_columns"]}, "ground") == [
        "ja",
        None,
        "ja",
        "nein",
        "ja",
    ]
    assert dated(units, "ground")[1] == ["ja", "ja", "ja", "nein", None]


def test_land_map_take_up_years() -> None:
    city = make_land_city()
    city.sites.loc[1, "status"] = "taken_up"
    city.sites.loc[1, "taken_up_on"] = pd.Timestamp("2025-02-01")
    html = maps.to_html(maps.land_map(city))
    cfg = explore_config(html)
    assert cfg["dates"] == ["2024-12-31", "2025-06-30"]  # 2025 is partial on 30.06.2025
    sites = data_blocks(html)["sites"]
    # codes: available.none, available.minor, reserved, taken_up (the order of gi.style)
    fills = [s["fillColor"] for s in layer_options(html)["sites"]["styles"]]
    assert fills == ["#1a9850", "#a6d96a", "#9970ab", "#d9d9d9"]
    assert sites["timed"]["style_codes"] == ["0123", "0323"]
    boxes = re.findall(r'"gi-figures", (\{.*?\})\);', html)
    texts = json.loads(boxes[0])["html"]
    assert "Inanspruchnahme 2024" in texts[0]
    assert "0,25 ha" in texts[0]
    assert "Inanspruchnahme 2025" in texts[1]
    assert "1,00 ha" in texts[1]


def test_single_survey_map_has_no_slider() -> None:
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False))
    assert explore_config(html)["dates"] == ["2025-06-30"]
    assert "t" not in data_blocks(html)["units"]


def test_english_slider_map_contains_no_german() -> None:
    words = german_words() | {"gesamt"}
    city = make_panel_city(extra_q3=True)
    city.quarters["name"] = ["North", "South", "East"]
    city.units["address"] = "Road 1"
    for kwargs in ({}, {"min_count": 2}):
        html = maps.to_html(maps.vacancy_map(city, lang="en", **kwargs), offline=False)
        found = {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", html)} & words
        assert not found, sorted(found)
        assert "Change since the previous survey" in html
        assert "Vacancy rate per survey" in html or "confidential" in html


def test_slider_at_a_date_between_surveys() -> None:
    city = make_panel_city()
    html = maps.to_html(maps.vacancy_map(city, at="31.12.2024", hotspots=False))
    cfg = explore_config(html)
    assert cfg["dates"] == ["2023-06-30", "2024-06-30", "2024-12-31"]
    # on 31.12.2024 the inventory is the 2024 round: 4 units, A1 and B1 vacant
    assert cfg["figures"][2] == {"units": 4, "vacant": 2}
    units = data_blocks(html)["units"]
    assert column(units, "id") == ["A1", "A2", "B1", "B2"]  # A3 (2025) never drawn
    # A1 vacant 11 months (6-12), B1 35 months (> 24)
    assert units["timed"]["style_codes"][2] == "2040"


def test_profile_chart_axis_ends_at_a_nice_tick() -> None:
    import xml.etree.ElementTree as ET

    from geoinnenstadt.maps.explore import nice_ticks, trend_svg

    assert nice_ticks(0.236) == [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    assert nice_ticks(0.25) == [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    assert nice_ticks(0.3) == [0.0, 0.1, 0.2, 0.3]
    assert nice_ticks(0.125) == [0.0, 0.025, 0.05, 0.075, 0.1, 0.125]
    assert nice_ticks(0.0601) == [0.0, 0.02, 0.04, 0.06, 0.08]
    assert nice_ticks(1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(0.0) == [0.0, 0.01, 0.02, 0.03, 0.04, 0.05]
    svg = trend_svg(["2024-06-30", "2025-06-30"], [0.1, 0.236], lang="de")
    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert texts[:6] == ["0 %", "5 %", "10 %", "15 %", "20 %", "25 %"]
    assert "23,6 %" in texts  # the latest value, not the axis


def test_natural_key_orders_hits_as_written_by_hand() -> None:
    import random

    from helpers.maps import NATURAL_ORDER

    from geoinnenstadt.maps.explore import natural_key

    shuffled = NATURAL_ORDER[:]
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=natural_key) == NATURAL_ORDER
