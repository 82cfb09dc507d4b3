"""The style home (``gi.style``): translations to Leaflet and matplotlib, labels, greyscale.

Oracles are written out by hand: 1 px = 0.75 pt (CSS: 96 px = 72 pt = 1 in), a marker of
radius r px has the area (2 r · 0.75)² pt², and the legend texts are the German and English
words a planner reads. The greyscale check uses the ITU-R BT.601 luma weights
(0.299 R + 0.587 G + 0.114 B) as an independent measure of how a class prints in black and
white.
"""

from __future__ import annotations

import itertools
import re

import pytest

from geoinnenstadt import style


def test_pixel_to_point_and_marker_area() -> None:
    sym = style.Symbol("#ff0000", "#000000", 1.0, 1.0, 2.0, dash="6 4", radius=4.0)
    patch = sym.patch()
    assert patch["linewidth"] == 1.5
    assert patch["linestyle"] == (0, (4.5, 3.0))
    assert patch["facecolor"] == (1.0, 0.0, 0.0, 1.0)
    # radius 4 px → diameter 8 px = 6 pt → area 36 pt²
    assert sym.marker()["markersize"] == 36.0
    assert sym.line()["linewidth"] == 1.5


def test_leaflet_options_of_an_outline_and_a_point() -> None:
    ring = style.Symbol(None, "#c51b7d", 0.0, 0.95, 2.5, radius=9.0)
    assert ring.leaflet() == {
        "color": "#c51b7d", "weight": 2.5, "opacity": 0.95, "fill": False, "radius": 9.0,
    }  # fmt: skip
    area = style.Symbol("#1a9850", None, 0.8)
    assert area.leaflet() == {
        "color": "transparent", "weight": 0, "opacity": 0.0, "fill": True,
        "fillColor": "#1a9850", "fillOpacity": 0.8,
    }  # fmt: skip
    assert area.patch()["edgecolor"] == "none"
    assert area.patch()["linewidth"] == 0.0


def test_every_symbol_is_valid_and_every_fixed_label_exists_in_both_languages() -> None:
    hexcolor = re.compile(r"^#[0-9a-f]{6}$")
    for key, sym in style.SYMBOLS.items():
        for color in (sym.fill, sym.stroke):
            assert color is None or hexcolor.match(color), (key, color)
        assert 0 <= sym.fill_opacity <= 1, key
        assert 0 <= sym.stroke_opacity <= 1, key
    # labelled where the data is known (quarters: classes, minimum count) or never in a legend
    unlabelled = {"quarter.outline", "quarter.suppressed", "highlight"}
    de = {k: style.label(k, "de") for k in style.SYMBOLS if k not in unlabelled}
    en = {k: style.label(k, "en") for k in de}
    assert all(de.values())
    assert all(en.values())
    for group in ("unit.", "site.", "residential.", "core_zone.", "context.landuse."):
        words = [de[k] for k in de if k.startswith(group)]
        assert len(words) == len(set(words)), group


@pytest.mark.parametrize(
    ("key", "de", "en"),
    [
        ("site.available.none", "verfügbar, restriktionsfrei", "available, no restrictions"),
        ("site.reserved", "reserviert", "reserved"),
        ("unit.vacant.gt24m", "leer stehend, > 24 Monate", "vacant, > 24 months"),
        ("unit.occupied", "genutzt", "occupied"),
        ("quarter.no_units", "keine Einheiten erfasst", "no units recorded"),
        ("context.landuse.GI", "Industriegebiet (GI)", "Industrial area (GI)"),
        ("context.city_boundary", "Stadtgrenze", "City boundary"),
    ],
)
def test_labels_come_from_the_labels_module(key: str, de: str, en: str) -> None:
    assert style.label(key, "de") == de
    assert style.label(key, "en") == en


def test_legend_text_adds_count_or_hectares_in_the_language() -> None:
    assert style.legend_text("unit.occupied", "de", count=1204) == "genutzt (1.204)"
    assert style.legend_text("unit.occupied", "en", count=1204) == "occupied (1,204)"
    assert style.legend_text("site.reserved", "de", hectares=3.26) == "reserviert (3,3 ha)"
    assert style.legend_text("site.reserved", "de", hectares=12.0) == "reserviert (12,0 ha)"
    # a worded label (a choropleth class) passes through
    assert style.legend_text("0 – 5 %", "de", count=4) == "0 – 5 % (4)"


def test_hotspot_text_names_the_level() -> None:
    assert style.hotspot_text("hot", 0.05, "de") == "Hot Spot (Häufung), signifikant (p ≤ 0,05)"
    assert style.hotspot_text("cold", 0.001, "en") == "Cold spot, significant (p ≤ 0.001)"
    with pytest.raises(ValueError, match="'hot' or 'cold'"):
        style.hotspot_text("warm", 0.05)


def test_keys_of_sites_and_units() -> None:
    assert style.site_key("available", "none") == "site.available.none"
    assert style.site_key("available", None) == "site.available.major"  # cautious reading
    assert style.site_key("available", "odd") == "site.available.major"
    assert style.site_key("reserved", "none") == "site.reserved"
    assert style.site_key("sold?", None) == "site.taken_up"
    assert style.duration_key("6to12m") == "unit.vacant.6to12m"
    assert style.duration_key(float("nan")) == "unit.vacant.unknown"
    with pytest.raises(KeyError, match=r"no symbol 'unit\.purple'"):
        style.symbol("unit.purple")


def _luma(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.mark.parametrize(
    "group",
    [
        "unit.",
        "site.",
        "residential.",
        "core_zone.",
        "hotspot.",
        "parcel.",
        "context.landuse.GE",
        "context.landuse.GI",
    ],
)
def test_classes_of_one_legend_stay_apart_in_greyscale(group: str) -> None:
    """Two classes of one legend differ in grey value, hatch, dash, size or outline."""
    members = [(k, s) for k, s in style.SYMBOLS.items() if k.startswith(group)]
    if group.startswith("context.landuse"):
        members = [(k, style.symbol(k)) for k in ("context.landuse.GE", "context.landuse.GI")]
    assert len(members) >= 2
    for (a, x), (b, y) in itertools.combinations(members, 2):
        face_x, face_y = x.fill or x.stroke, y.fill or y.stroke
        assert face_x
        assert face_y
        apart = (
            abs(_luma(face_x) - _luma(face_y)) >= 0.08
            or x.hatch != y.hatch
            or x.dash != y.dash
            or x.radius != y.radius
            or (x.stroke and y.stroke and abs(_luma(x.stroke) - _luma(y.stroke)) >= 0.3)
        )
        assert apart, (a, b)
    assert style.symbol("context.landuse.GI").hatch
    assert not style.symbol("context.landuse.GE").hatch
