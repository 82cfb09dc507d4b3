"""The interactive maps look and read like the print maps (issue 19, items 1 and 2).

Every legend row is read from the written page (:mod:`helpers.legend_html`) and compared
with the symbol table of :mod:`geoinnenstadt.style`, copied here by hand as the spec:
colours as ``#rrggbb`` and German texts written out, never read from ``gi.style`` at run
time. Hot spots: only the significant hot spots are shown; the cold spots are a layer of
their own, in the layer control but switched off unless ``cold_spots=True``.
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from helpers import legend_html
from helpers.maps import (
    CRS,
    box_at,
    data_blocks,
    layer_options,
    make_city,
    make_cluster_city,
    make_context,
    make_land_city,
    with_context,
)

import geoinnenstadt as gi
from geoinnenstadt import maps

#: The unit rows of the vacancy legend (symbols unit.* of gi.style): vacant units blue by duration.
UNIT_ROWS_MAKE_CITY = [
    ("genutzt (5)", "#bdbdbd", "#4d4d4d"),
    ("leer stehend, < 6 Monate (1)", "#9ecae1", "#08306b"),
    ("leer stehend, 6–12 Monate (0)", "#4292c6", "#08306b"),
    ("leer stehend, 12–24 Monate (1)", "#2171b5", "#ffffff"),
    ("leer stehend, > 24 Monate (1)", "#08306b", "#ffffff"),
]
#: The quarter rows of make_city (one survey date: no counts, as in print).
#: make_city: Nord 0 %, Süd 100 %, Leer without units; each row counts its quarters
QUARTER_ROWS_MAKE_CITY = [
    ("0 – 5 % (1)", "#ffffb2", "#555555"),
    ("> 5 – 10 % (0)", "#feb24c", "#555555"),
    ("> 10 – 15 % (0)", "#fc4e2a", "#555555"),
    ("> 15 – 20 % (0)", "#bd0026", "#555555"),
    ("> 20 % (1)", "#4d0013", "#555555"),
    ("keine Einheiten erfasst (1)", "#e0e0e0", "#7a7a7a"),
]


def added_to_map(html: str) -> set[str]:
    """The keys of the layers the page adds to the map when it opens (the others are switched off)."""
    var_key = dict(re.findall(r'var ([\w]+) = window\.__gi\.addLayer\([\w]+, "([^"]+)"', html))
    return {var_key[v] for v in re.findall(r"(gi_layer_\w+)\.addTo\(", html) if v in var_key}


# --------------------------------------------------------------------------- vacancy map

USE_MIX_TITLE = "Nutzungsmix (genutzte Einheiten)"


def _use_mix_rows_tied(html: str) -> bool:
    """Every row of the use-mix legend box belongs to the ``use_mix`` layer (and there are rows)."""
    box = next(b for b in legend_html.boxes(html) if USE_MIX_TITLE in b)
    tags = re.findall(r"<div class=.gi-row.[^>]*>", box)
    return bool(tags) and all('data-gi-layer="use_mix"' in t for t in tags)


def test_vacancy_legend_rows_are_the_symbols_of_the_print_map() -> None:
    """One survey date: every unit row carries its count, as the print legend does."""
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False))
    # the use mix is an opt-in layer: its box is in the page, its rows tied to the layer
    # (shown when it is switched on; tests/browser/test_maps_use_mix.py)
    assert legend_html.titles(html) == [
        "Leerstandsquote je Quartier",
        "Gewerbeeinheiten",
        USE_MIX_TITLE,
    ]
    assert legend_html.entries(html) == QUARTER_ROWS_MAKE_CITY + UNIT_ROWS_MAKE_CITY
    assert _use_mix_rows_tied(html)


def test_single_date_unit_rows_carry_counts() -> None:
    """Three occupied units and one vacant for 13 months, surveyed once: 'genutzt (3)'."""
    city = make_city()
    city.units = city.units[city.units["unit_id"].isin(["U0", "U1", "U2", "V2"])]
    html = maps.to_html(maps.vacancy_map(city, hotspots=False))
    rows = [text for text, _, _ in legend_html.entries(html)]
    assert rows[-5:] == [
        "genutzt (3)",
        "leer stehend, < 6 Monate (0)",
        "leer stehend, 6–12 Monate (0)",
        "leer stehend, 12–24 Monate (1)",
        "leer stehend, > 24 Monate (0)",
    ]


def test_withheld_quarters_row() -> None:
    """Public mode: withheld quarters are drawn as quarter.suppressed, worded with the minimum."""
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False, min_count=4))
    rows = legend_html.entries(html)
    secret = [r for r in rows if r[0].startswith("gesperrt")]
    assert secret == [
        (
            # Süd (3 units) and Leer (0) are under 4; Nord then follows from the total: 3
            "gesperrt (Geheimhaltung): weniger als 4 Einheiten oder aus der Summe rückrechenbar"
            " (3)",
            "#f0f0f0",
            "#555555",
        )
    ]
    styles = layer_options(html)["quarters"]["styles"]
    assert {s["dashArray"] for s in styles if s.get("fillColor") == "#f0f0f0"} == {"4 4"}


def test_english_unit_rows() -> None:
    html = maps.to_html(maps.vacancy_map(make_city(), hotspots=False, lang="en"))
    assert [t for t, _, _ in legend_html.entries(html)][-5:] == [
        "occupied (5)",
        "vacant, < 6 months (1)",
        "vacant, 6–12 months (0)",
        "vacant, 12–24 months (1)",
        "vacant, > 24 months (1)",
    ]
    assert "no units recorded (1)" in [t for t, _, _ in legend_html.entries(html)]


# --------------------------------------------------------------------------- land and pre-emption


def land_city_with_mixed_use() -> gi.City:
    city = make_land_city()
    mixed = gpd.GeoDataFrame(
        {"area_id": ["W3"], "use": ["mixed"], "name": ["Mischgebiet"]},
        geometry=[box_at(900, 0, 50, 50)],
        crs=CRS,
    )
    city.residential = gpd.GeoDataFrame(
        gpd.pd.concat([city.residential, mixed], ignore_index=True), crs=CRS
    )
    return city


def test_land_legend_rows_are_the_symbols_of_the_print_map() -> None:
    html = maps.to_html(maps.land_map(land_city_with_mixed_use()))
    assert legend_html.titles(html) == ["Wirtschaftsflächen"]
    # sites 200 x 100 m, 100 x 100 m, 100 x 50 m, 50 x 50 m: 2, 1, 0.5 and 0.25 ha
    assert legend_html.entries(html) == [
        ("verfügbar, restriktionsfrei (2,0 ha)", "#1a9850", "#333333"),
        ("verfügbar, leichte Restriktionen (1,0 ha)", "#a6d96a", "#333333"),
        ("reserviert (0,5 ha)", "#9970ab", "#333333"),
        ("in Anspruch genommen (0,3 ha)", "#d9d9d9", "#333333"),
        ("Kategorie A", None, "#08306b"),
        ("Kategorie B", None, "#2171b5"),
        ("Vorkaufsrechtsgebiete", None, "#b2182b"),
        ("Wohnbaufläche", "#fbb4b9", "#fbb4b9"),
        ("gemischte Baufläche", "#bf812d", "#bf812d"),
        ("schutzbedürftige Nutzung", "#c51b8a", "#c51b8a"),
    ]


def test_land_layers_are_drawn_in_the_order_of_the_style() -> None:
    """Residential (10) < rings (11) < sites (12) < core zones (13) < pre-emption areas (14)."""
    html = maps.to_html(maps.land_map(make_land_city(), distance_classes=True))
    keys = list(data_blocks(html))
    assert keys == ["residential", "distance_buffers", "sites", "core_zones", "preemption_areas"]
    rows = legend_html.entries(html)
    assert rows[-1] == ("Abstandsklassen um die Flächen (Abstandserlass)", "#fee0d2", "#de2d26")


def test_preemption_legend_rows() -> None:
    html = maps.to_html(maps.preemption_map(make_land_city()))
    assert legend_html.entries(html) == [
        ("Flurstücke mit Vorkaufsrecht (1)", "#fd8d3c", "#7f2704"),
        ("übrige Flurstücke (2)", "#f7f7f7", "#9e9e9e"),
        ("Vorkaufsrechtsgebiete", None, "#b2182b"),
    ]


# --------------------------------------------------------------------------- context legend

#: The context rows of make_context (boundary, 2 districts, GE/GI/green, river and harbour,
#: rail, road), in the order of the legend.
CONTEXT_ROWS = [
    ("Stadtgrenze", None, "#4d4d4d"),
    ("Stadtbezirke", None, "#8c8c8c"),
    ("Gewerbegebiet (GE)", "#9e88b8", "#9e88b8"),
    ("Industriegebiet (GI)", "#7d6a99", "#7d6a99"),
    ("Grünfläche", "#8fc18a", "#8fc18a"),
    ("Gewässer", "#a9cbea", "#5b9bd5"),
    ("Bahnstrecken", None, "#5f5f5f"),
    ("Hauptstraßen", None, "#b0b0b0"),
]


@pytest.mark.parametrize("which", ["vacancy", "land", "preemption"])
def test_context_legend_lists_the_context_drawn(which: str) -> None:
    city = with_context(make_city() if which == "vacancy" else make_land_city())
    draw = {"vacancy": maps.vacancy_map, "land": maps.land_map, "preemption": maps.preemption_map}
    html = maps.to_html(draw[which](city))
    assert legend_html.titles(html)[0] == "Kartengrundlage"
    assert legend_html.entries(html)[: len(CONTEXT_ROWS)] == CONTEXT_ROWS
    # one legend row per context layer drawn (land use: one per type present)
    drawn = [k for k in data_blocks(html) if k.startswith("context_")]
    assert sorted(drawn) == sorted(
        f"context_{c}" for c in ("city_boundary", "district", "landuse", "water", "rail", "road")
    )
    # without context: no box
    html = maps.to_html(draw[which](city, context=False))
    assert "Kartengrundlage" not in legend_html.titles(html)


def test_context_legend_only_what_is_drawn() -> None:
    """A river drawn as a line and one road: two rows; the river has the line symbol."""
    ctx = make_context(dense=64)
    ctx = ctx[ctx["context_id"].isin(["W1", "S1"])]
    html = maps.to_html(maps.vacancy_map(with_context(make_city(), ctx), hotspots=False))
    assert legend_html.entries(html)[:2] == [
        ("Gewässer", None, "#5b9bd5"),
        ("Hauptstraßen", None, "#b0b0b0"),
    ]
    assert legend_html.titles(html) == [
        "Kartengrundlage",
        "Leerstandsquote je Quartier",
        "Gewerbeeinheiten",
        USE_MIX_TITLE,
    ]
    html = maps.to_html(maps.vacancy_map(with_context(make_city(), ctx), hotspots=False, lang="en"))
    assert legend_html.titles(html)[0] == "Base map"


# --------------------------------------------------------------------------- hot spots

HOT_ROW = ("Hot Spot (Häufung), signifikant (p ≤ 0,05)", None, "#c51b7d")
COLD_ROW = ("Cold Spot (Ausdünnung), signifikant (p ≤ 0,05)", None, "#4d9221")


def test_only_hot_spots_are_shown_by_default() -> None:
    """make_cluster_city: 10 hot spots (west), 10 cold spots (east)."""
    html = maps.to_html(maps.vacancy_map(make_cluster_city()))
    blocks = data_blocks(html)
    assert blocks["hotspots"]["count"] == 10
    assert blocks["coldspots"]["count"] == 10
    shown = added_to_map(html)
    assert "hotspots" in shown
    assert "coldspots" not in shown  # in the layer control, switched off
    assert '"Cold Spots des Leerstands (Gi*)" : gi_layer_' in html
    # the cold row is written, tied to its layer, and shown only while that layer is on
    assert 'data-gi-layer=\\"coldspots\\"' in html
    assert legend_html.entries(html)[-1] == HOT_ROW
    assert legend_html.titles(html)[-1] == "Hot Spots des Leerstands (Gi*)"


def test_cold_spots_on_request() -> None:
    html = maps.to_html(maps.vacancy_map(make_cluster_city(), cold_spots=True))
    assert {"hotspots", "coldspots"} <= added_to_map(html)
    assert legend_html.entries(html)[-2:] == [HOT_ROW, COLD_ROW]


def test_hot_spot_row_in_english() -> None:
    html = maps.to_html(maps.vacancy_map(make_cluster_city(), lang="en", cold_spots=True))
    rows = [t for t, _, _ in legend_html.entries(html)]
    assert rows[-2:] == [
        "Hot spot, significant (p ≤ 0.05)",
        "Cold spot, significant (p ≤ 0.05)",
    ]


def test_a_legend_row_names_only_a_layer_key() -> None:
    from geoinnenstadt.maps import legend

    html = legend.legend_html("T", [({"fillColor": "#ff0000"}, "x")], layers=["hot_spots"])
    assert 'data-gi-layer="hot_spots"' in html
    with pytest.raises(ValueError, match="layer key"):
        legend.legend_html("T", [({"fillColor": "#ff0000"}, "x")], layers=['a" onclick="x'])


# --------------------------------------------------------------------------- the page reader


def test_legend_reader_reads_boxes_and_swatches() -> None:
    """A hand-written page: a plain box, a per-date box (latest date), a box of another class."""
    row = (
        '<div class="gi-row"><span class="gi-sw gi-pt" style="background:{bg};'
        'border:2px {line} {edge}"></span><span>{text}</span></div>'
    )
    plain = "<h4>A</h4>" + row.format(
        bg="rgba(26,152,80,0.80)", line="solid", edge="#333333", text="verfügbar &amp; frei"
    )
    dated = ["<h4>B</h4>" + row.format(bg="transparent", line="dashed", edge="#C51B7D",
                                         text=f"Hot Spot ({n})") for n in (1, 2)]  # fmt: skip
    other = row.format(bg="#fff", line="solid", edge="#000", text="Kennzahl")

    page = (
        f'window.__gi.addControl(map_1,\n "bottomright", "gi-legend", {json.dumps(plain)});\n'
        f'window.__gi.addControl(map_1,\n "bottomright", "gi-legend", '
        f"{json.dumps({'dates': ['2024-06-30', '2025-06-30'], 'html': dated})});\n"
        f'window.__gi.addControl(map_1,\n "topright", "gi-figures", {json.dumps(other)});\n'
        f'window.__gi.addControl(map_1,\n "bottomright", "gi-legend", '
        f"{json.dumps(row.format(bg='rgba(1,2,3,0.00)', line='solid', edge='transparent', text='leer'))});\n"
    )
    assert legend_html.titles(page) == ["A", "B"]
    assert legend_html.entries(page) == [
        ("verfügbar & frei", "#1a9850", "#333333"),
        ("Hot Spot (2)", None, "#c51b7d"),
        ("leer", None, None),
    ]
