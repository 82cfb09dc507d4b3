"""Context beneath the interactive maps (issue 14): layers, order, panes, simplification, labels.

Hand-built context near Dortmund's city centre (EPSG:25832); expected values are
computed here by hand or with plain geopandas/shapely.
"""

from __future__ import annotations

import json
import math
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from helpers import quiet
from helpers.maps import (
    CRS,
    DENSE,
    EXPECTED_ORDER,
    GERMAN_NAMES,
    HOSTILE_DISTRICT,
    SECRET_REMARK,
    data_blocks,
    layer_options,
    make_city,
    make_context,
    make_land_city,
    with_context,
)

import geoinnenstadt as gi
from geoinnenstadt import maps
from geoinnenstadt.errors import GeoinnenstadtWarning


@pytest.fixture(scope="module")
def land_html() -> str:
    return maps.to_html(maps.land_map(with_context(make_land_city())))


def add_layer_keys(html: str) -> list[str]:
    """Layer keys in the order the page adds them."""
    return re.findall(r'window\.__gi\.addLayer\([\w]+, "([^"]+)"', html)


def context_keys(html: str) -> list[str]:
    return [k for k in add_layer_keys(html) if k.startswith("context_")]


# --------------------------------------------------------------------------- layers and order


def test_every_category_is_a_layer_in_draw_order_beneath_the_data(land_html: str) -> None:
    keys = add_layer_keys(land_html)
    assert context_keys(land_html) == [f"context_{c}" for c in EXPECTED_ORDER]
    # added before every data layer of the map
    first_data = min(keys.index(k) for k in ("sites", "core_zones", "residential"))
    assert max(keys.index(f"context_{c}") for c in EXPECTED_ORDER) < first_data
    opts = layer_options(land_html)
    for c in EXPECTED_ORDER:
        o = opts[f"context_{c}"]
        assert o["name"] == GERMAN_NAMES[c]
        assert o["pane"] == "giContext"
        assert o["paneZ"] < 400
        assert o["interactive"] is False
        assert o["popup"] is None
        assert o["tooltip"] is None
        assert all(s["interactive"] is False for s in o["styles"])


def test_context_layers_have_toggles_in_the_layer_control(land_html: str) -> None:
    control = land_html[land_html.index("overlays :") : land_html.index("L.control.layers(")]
    for c in EXPECTED_ORDER:
        assert json.dumps(GERMAN_NAMES[c]) in control


def test_english_layer_names() -> None:
    html = maps.to_html(maps.land_map(with_context(make_land_city()), lang="en"))
    names = {k: o["name"] for k, o in layer_options(html).items() if k.startswith("context_")}
    assert names == {
        "context_city_boundary": "City boundary",
        "context_district": "Districts",
        "context_landuse": "Land use",
        "context_water": "Water",
        "context_rail": "Railways",
        "context_road": "Main roads",
    }


def test_feature_counts_per_layer(land_html: str) -> None:
    blocks = data_blocks(land_html)
    counts = {c: blocks[f"context_{c}"]["count"] for c in EXPECTED_ORDER}
    assert counts == {
        "landuse": 4,
        "water": 2,
        "district": 2,
        "rail": 1,
        "road": 1,
        "city_boundary": 1,
    }


def test_only_categories_present_are_drawn() -> None:
    ctx = make_context()
    ctx = ctx[ctx["category"].isin(["road", "district"])]
    html = maps.to_html(maps.land_map(with_context(make_land_city(), ctx)))
    assert context_keys(html) == ["context_district", "context_road"]


@pytest.mark.parametrize("kind", ["vacancy", "land", "preemption"])
def test_context_false_draws_none(kind: str) -> None:
    base = make_city() if kind == "vacancy" else make_land_city()
    fn = {"vacancy": maps.vacancy_map, "land": maps.land_map, "preemption": maps.preemption_map}
    city = with_context(base)
    assert context_keys(maps.to_html(quiet(fn[kind], city))) == [
        f"context_{c}" for c in EXPECTED_ORDER
    ]
    assert context_keys(maps.to_html(quiet(fn[kind], city, context=False))) == []
    assert context_keys(maps.to_html(quiet(fn[kind], base))) == []  # a city without context


def test_composed_maps_draw_the_context_once() -> None:
    m = maps.land_map(with_context(make_land_city()))
    maps.vacancy_map(with_context(make_city()), m=m, hotspots=False)
    quiet(maps.preemption_map, with_context(make_land_city()), m=m)
    html = maps.to_html(m)
    assert context_keys(html) == [f"context_{c}" for c in EXPECTED_ORDER]
    assert html.count("L.control.layers(") == 1


def test_map_max_zoom_is_the_zoom_context_is_simplified_for(land_html: str) -> None:
    options = re.search(r"L\.map\(\s*\"[\w]+\",\s*(\{.*?\})\s*\);", land_html, re.S)
    assert options is not None
    assert re.search(r'"maxZoom":\s*18\b', options.group(1))
    assert gi.context.MAX_ZOOM == 18


# --------------------------------------------------------------------------- geometry


def payload_shapes(block: dict) -> gpd.GeoSeries:
    geoms = [shapely.from_geojson(json.dumps(g)) for g in block["geometries"]]
    return gpd.GeoSeries(geoms, crs="EPSG:4326")


def test_simplification_keeps_every_feature_and_thins_the_dense_boundary(land_html: str) -> None:
    blocks = data_blocks(land_html)
    shown = payload_shapes(blocks["context_city_boundary"])
    assert len(shown) == 1
    n_shown = int(shapely.get_num_coordinates(shown.to_numpy()).sum())
    assert n_shown < DENSE / 4  # the circle's 20,000 vertices lie far closer than a pixel
    assert n_shown > 100  # still a circle
    # and still where it was: within about a metre (half a pixel at zoom 18 + 5 decimals)
    original = make_context().set_index("context_id").geometry["B1"]
    back = shown.to_crs(CRS).iloc[0]
    assert shapely.hausdorff_distance(back, original) < 1.5
    # every feature of every category is drawn
    ctx = make_context()
    for c in EXPECTED_ORDER:
        assert blocks[f"context_{c}"]["count"] == int((ctx["category"] == c).sum())


def test_context_coordinates_are_rounded_to_5_decimals(land_html: str) -> None:
    coords = shapely.get_coordinates(
        payload_shapes(data_blocks(land_html)["context_landuse"]).to_numpy()
    )
    assert np.allclose(coords, np.round(coords, 5), atol=1e-12, rtol=0)


def test_landuse_styles_one_per_type(land_html: str) -> None:
    block = data_blocks(land_html)["context_landuse"]
    styles = layer_options(land_html)["context_landuse"]["styles"]
    # L1 GE, L2 GI, L3 green, L4 GE (context order within a category is kept)
    fills = [styles[k]["fillColor"] for k in block["style_codes"]]
    assert fills == ["#9e88b8", "#7d6a99", "#8fc18a", "#9e88b8"]
    assert len(styles) == 3  # one style per land-use type present
    assert all(0 < s["fillOpacity"] < 0.5 for s in styles)  # a faint fill


def test_line_and_outline_styles(land_html: str) -> None:
    opts = layer_options(land_html)
    boundary = opts["context_city_boundary"]["styles"][0]
    assert boundary["fill"] is False
    assert boundary["dashArray"] == "8 4"
    district = opts["context_district"]["styles"][0]
    assert district["fill"] is False
    assert district["weight"] <= 1.0
    assert district["dashArray"]
    assert opts["context_rail"]["styles"][0]["dashArray"] == "6 3"
    assert all(opts[f"context_{c}"]["styles"][0]["weight"] <= 2.2 for c in EXPECTED_ORDER)


def test_a_river_drawn_as_a_line_is_never_filled(land_html: str) -> None:
    # a filled Leaflet polyline paints the area between its ends (found on the Dortmund
    # sample: the Emscher became a blue wedge across the city)
    block = data_blocks(land_html)["context_water"]
    styles = layer_options(land_html)["context_water"]["styles"]
    fill_by_type = {
        g["type"]: styles[k]["fill"]
        for g, k in zip(block["geometries"], block["style_codes"], strict=True)
    }
    assert fill_by_type == {"LineString": False, "Polygon": True}


def test_district_labels_from_the_minimum_zoom_at_a_point_inside(land_html: str) -> None:
    block = data_blocks(land_html)["context_district"]
    spec = layer_options(land_html)["context_district"]["labels"]
    assert spec["minZoom"] == 11
    assert spec["col"] == "name"
    assert spec["paneZ"] < 400
    ctx = make_context().to_crs("EPSG:4326").set_index("context_id")
    for i, cid in enumerate(["D1", "D2"]):
        assert ctx.geometry[cid].contains(
            shapely.Point(block["label_lon"][i], block["label_lat"][i])
        )
    # other categories carry no labels
    assert "labels" not in layer_options(land_html)["context_water"]


def test_district_name_is_data_never_markup(land_html: str) -> None:
    assert "<script>alert" not in land_html
    block = data_blocks(land_html)["context_district"]
    names = block["columns"]["name"]
    assert HOSTILE_DISTRICT in (names if isinstance(names, list) else names["values"])


def test_only_the_name_column_reaches_the_page(land_html: str) -> None:
    assert SECRET_REMARK not in land_html
    for c in EXPECTED_ORDER:
        assert set(data_blocks(land_html)[f"context_{c}"]["columns"]) == {"name"}


def test_context_passes_the_privacy_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    from geoinnenstadt.maps import layers

    seen: list[str] = []
    real = layers.privacy.drop_personal

    def spy(frame, kind=None, personal=False):
        seen.append(str(kind))
        return real(frame, kind=kind, personal=personal)

    monkeypatch.setattr(layers.privacy, "drop_personal", spy)
    maps.land_map(with_context(make_land_city()))
    assert "context" in seen


def test_context_without_crs_is_an_error() -> None:
    ctx = make_context().set_crs(None, allow_override=True)
    with pytest.raises(gi.errors.CRSError, match="context"):
        maps.land_map(with_context(make_land_city(), ctx))


def test_context_feature_without_geometry_is_named() -> None:
    ctx = make_context()
    ctx.loc[ctx["context_id"] == "S1", "geometry"] = None
    with pytest.warns(GeoinnenstadtWarning, match="S1"):
        html = maps.to_html(maps.land_map(with_context(make_land_city(), ctx)))
    assert "context_road" not in context_keys(html)


# --------------------------------------------------------------------------- extent


def fit_bounds(html: str) -> list[list[float]]:
    found = re.search(r"window\.__gi\.fitBounds\([\w]+, (\[\[.*?\]\])\)", html)
    assert found is not None
    return json.loads(found.group(1))


def test_the_map_fits_the_data_not_the_city(land_html: str) -> None:
    city = make_land_city()
    boxes = np.vstack(
        [
            getattr(city, k).to_crs("EPSG:4326").total_bounds
            for k in ("sites", "core_zones", "preemption_areas", "residential")
        ]
    )
    lon0, lat0 = boxes[:, 0].min(), boxes[:, 1].min()
    lon1, lat1 = boxes[:, 2].max(), boxes[:, 3].max()
    assert np.allclose(fit_bounds(land_html), [[lat0, lon0], [lat1, lon1]], atol=1e-9)


def test_a_map_without_data_fits_the_context() -> None:
    city = gi.City(context=make_context(), meta={"name": "Nur Kontext"})
    html = maps.to_html(quiet(maps.land_map, city))
    lon0, lat0, lon1, lat1 = make_context().to_crs("EPSG:4326").total_bounds
    assert np.allclose(fit_bounds(html), [[lat0, lon0], [lat1, lon1]], atol=1e-9)
    assert context_keys(html) == [f"context_{c}" for c in EXPECTED_ORDER]


def test_public_mode_keeps_the_context() -> None:
    city = with_context(make_city())
    html = maps.to_html(maps.vacancy_map(city, hotspots=False, min_count=3))
    assert context_keys(html) == [f"context_{c}" for c in EXPECTED_ORDER]


def test_context_bytes_stay_small(land_html: str) -> None:
    """The dense boundary costs far less than its 20,000 input vertices (~40 bytes each)."""
    blocks = dict(
        re.findall(r'<script type="application/json" id="([^"]+)_data">(.*?)</script>', land_html)
    )
    keys = dict(re.findall(r'var ([\w]+) = window\.__gi\.addLayer\([\w]+, "([^"]+)"', land_html))
    size = {key: len(blocks[var]) for var, key in keys.items()}
    assert size["context_city_boundary"] < DENSE * 40 / 4
    assert math.isfinite(size["context_landuse"])
