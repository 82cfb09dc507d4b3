"""The ``context`` layer kind (schema, reading a land-use plan export) and :mod:`geoinnenstadt.context`.

Fixtures are hand-built in EPSG:25832 near Dortmund; expected values are computed
by hand or with plain shapely/pyproj, never with the code under test.
"""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import LineString, Point, Polygon, box

import geoinnenstadt as gi
from geoinnenstadt import context
from geoinnenstadt.errors import CRSError, SchemaError

CRS = "EPSG:25832"
X0, Y0 = 393_000.0, 5_707_000.0


def ctx(rows: dict, geometry: list, crs: str | None = CRS) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=geometry, crs=crs)


def problems(report: gi.ValidationReport) -> list[tuple]:
    e = report.errors
    return list(zip(e["row"], e["column"], e["problem"], strict=True))


# --------------------------------------------------------------------------- schema


def test_context_spec_columns_categories_and_types() -> None:
    s = gi.schema.spec("context")
    assert s.id_column == "context_id"
    assert s.required_columns == ("context_id", "category")
    assert gi.schema.CONTEXT_CATEGORY == (
        "city_boundary",
        "district",
        "landuse",
        "water",
        "rail",
        "road",
    )
    assert gi.schema.LANDUSE_TYPE == ("GE", "GI", "MI", "MK", "W", "SO", "green")
    assert "context" in gi.KINDS
    assert s.personal_columns == ()


def test_valid_context_with_every_category_passes() -> None:
    line = LineString([(X0, Y0), (X0 + 900, Y0 + 400)])
    layer = ctx(
        {
            "context_id": list("abcdefg"),
            "category": [
                "city_boundary",
                "district",
                "landuse",
                "water",
                "water",
                "rail",
                "road",
            ],
            "name": ["Dortmund", "Innenstadt-West", None, "Emscher", "Phoenix-See", None, "B 1"],
            "landuse": [None, None, "GI", None, None, None, None],
        },
        [
            box(X0, Y0, X0 + 1000, Y0 + 1000),
            box(X0, Y0, X0 + 500, Y0 + 1000),
            box(X0, Y0, X0 + 200, Y0 + 200),
            line,
            box(X0 + 300, Y0, X0 + 400, Y0 + 100),
            line,
            line,
        ],
    )
    report = gi.validate(layer, "context")
    assert report.ok, report
    assert len(report.warnings) == 0, report


def test_geometry_must_match_the_category() -> None:
    line = LineString([(X0, Y0), (X0 + 900, Y0 + 400)])
    layer = ctx(
        {
            "context_id": ["d", "r", "b", "p"],
            "category": ["district", "road", "city_boundary", "rail"],
        },
        [line, box(X0, Y0, X0 + 10, Y0 + 10), line, Point(X0, Y0)],
    )
    found = problems(gi.validate(layer, "context"))
    assert ("d", "geometry", "district must be a polygon, not LineString") in found
    assert ("r", "geometry", "road must be a line, not Polygon") in found
    assert ("b", "geometry", "city_boundary must be a polygon, not LineString") in found
    # a point is no context geometry at all: the general geometry-type error names it
    assert any(row == "p" and "Point is not allowed for context" in p for row, _, p in found)


def test_landuse_needs_a_type_and_unknown_values_get_hints() -> None:
    layer = ctx(
        {
            "context_id": ["a", "b", "c"],
            "category": ["landuse", "Gewässer", "landuse"],
            "landuse": [None, None, "XY"],
        },
        [box(X0, Y0, X0 + 10, Y0 + 10)] * 3,
    )
    report = gi.validate(layer, "context")
    found = {
        (r, c): (p, h)
        for r, c, p, h in report.errors[["row", "column", "problem", "hint"]].itertuples(
            index=False
        )
    }
    assert found[("a", "landuse")][0] == "land-use area without landuse"
    assert "(did you mean 'water'?)" in found[("b", "category")][1]
    assert found[("c", "landuse")][0] == "unknown value 'XY'"
    assert "GE, GI, MI, MK, W, SO, green" in found[("c", "landuse")][1]


def test_land_use_codes_as_category_are_read_as_landuse() -> None:
    layer = ctx(
        {
            "context_id": ["1", "2", "3", "4", "5"],
            "category": ["GE", "gi", "WA", "Grünfläche", "road"],
        },
        [box(X0 + 20 * i, Y0, X0 + 20 * i + 10, Y0 + 10) for i in range(4)]
        + [LineString([(X0, Y0), (X0, Y0 + 100)])],
    )
    report = gi.validate(layer, "context")
    assert report.ok, report
    assert any("GE (1)" in n and "WA (1)" in n for n in report.notes)
    out = gi.schema.conform(layer, "context")
    assert out["category"].tolist() == ["landuse"] * 4 + ["road"]
    assert out["landuse"].tolist()[:4] == ["GE", "GI", "W", "green"]
    assert pd.isna(out["landuse"].iloc[4])


def _fnp_export(path, n: int = 4) -> None:
    """A land-use plan export as planners get it: TYP codes, no context ids, a Shapefile."""
    gdf = gpd.GeoDataFrame(
        {"TYP": ["GE", "GI", "MI", "W"][:n], "BEZEICH": ["Hafen", "Hoesch", "Nord", "Süd"][:n]},
        geometry=[box(X0 + 300 * i, Y0, X0 + 300 * i + 250, Y0 + 250) for i in range(n)],
        crs=CRS,
    )
    gdf.to_file(path, driver="ESRI Shapefile", encoding="utf-8")


def test_read_layer_maps_a_land_use_plan_export_with_one_column_mapping(tmp_path) -> None:
    path = tmp_path / "fnp.shp"
    _fnp_export(path)
    out = gi.read_layer(path, kind="context", columns={"TYP": "category", "BEZEICH": "name"})
    assert out["context_id"].tolist() == ["1", "2", "3", "4"]
    assert out["category"].tolist() == ["landuse"] * 4
    assert out["landuse"].tolist() == ["GE", "GI", "MI", "W"]
    assert out["name"].tolist() == ["Hafen", "Hoesch", "Nord", "Süd"]
    notes = " ".join(out.attrs["validation_report"].notes)
    assert "numbered 1…n" in notes
    assert "read as category 'landuse'" in notes


def test_read_layer_names_the_feature_with_an_unknown_plan_code(tmp_path) -> None:
    path = tmp_path / "fnp.geojson"
    gpd.GeoDataFrame(
        {"OBJID": ["F1", "F2"], "TYP": ["GE", "Gemeinbedarf"]},
        geometry=[box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 20, Y0, X0 + 30, Y0 + 10)],
        crs=CRS,
    ).to_file(path, driver="GeoJSON")
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, kind="context", columns={"TYP": "category", "OBJID": "context_id"})
    message = str(err.value)
    assert "F2" in message
    assert "category" in message
    assert "'Gemeinbedarf'" in message
    assert "F1" not in message


def test_city_round_trip_keeps_context(tmp_path) -> None:
    layer = gi.schema.conform(
        ctx(
            {"context_id": ["b", "r"], "category": ["city_boundary", "rail"], "name": ["X", None]},
            [box(X0, Y0, X0 + 1000, Y0 + 1000), LineString([(X0, Y0), (X0 + 1000, Y0 + 1000)])],
        ),
        "context",
    )
    city = gi.City(context=layer, meta={"name": "Test"})
    back = gi.read_city(gi.write_city(city, tmp_path / "c.gpkg"))
    assert back.context is not None
    assert back.context["category"].tolist() == ["city_boundary", "rail"]
    assert back.context.geometry.geom_type.tolist() == ["Polygon", "LineString"]


# --------------------------------------------------------------------------- gi.context


def test_display_tolerance_is_half_a_web_mercator_pixel() -> None:
    # Web Mercator: the equator (2πR, R = 6378137 m) spans 256 · 2^z pixels
    for zoom, lat in [(18, 51.5), (14, 51.5), (10, 0.0)]:
        expected = 2 * math.pi * 6_378_137 * math.cos(math.radians(lat)) / (256 * 2**zoom) / 2
        assert context.display_tolerance_m(zoom, latitude=lat) == pytest.approx(expected, rel=1e-9)
    for bad in (True, 2.5, -1, 23):
        with pytest.raises(ValueError, match="zoom"):
            context.display_tolerance_m(bad)  # type: ignore[arg-type]


def _dense_ring(n: int = 4000, r: float = 2000.0) -> Polygon:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    wobble = 0.05 * np.sin(37 * t)  # 5 cm wiggles: invisible on any screen
    return Polygon(np.column_stack([X0 + (r + wobble) * np.cos(t), Y0 + (r + wobble) * np.sin(t)]))


def test_for_display_keeps_every_feature_in_draw_order_and_stays_within_the_tolerance() -> None:
    ring = _dense_ring()
    layer = ctx(
        {
            "context_id": ["road", "boundary", "ge", "river"],
            "category": ["road", "city_boundary", "landuse", "water"],
            "landuse": [None, None, "GE", None],
        },
        [
            LineString([(X0 - 2000, Y0), (X0 + 2000, Y0 + 10)]),
            ring,
            box(X0, Y0, X0 + 300, Y0 + 300),
            LineString(
                np.column_stack([np.linspace(X0, X0 + 1000, 500), Y0 + np.sin(np.arange(500))])
            ),
        ],
    )
    shown = context.for_display(layer, max_zoom=16)
    assert shown["context_id"].tolist() == ["ge", "river", "road", "boundary"]  # DRAW_ORDER
    tol = shown.attrs["tolerance_m"]
    assert tol == pytest.approx(
        2 * math.pi * 6_378_137 * math.cos(math.radians(51.5)) / (256 * 2**16) / 2, rel=0.02
    )
    before = shapely.get_num_coordinates(layer.geometry.to_numpy()).sum()
    after = shapely.get_num_coordinates(shown.geometry.to_numpy()).sum()
    assert shown.attrs["vertices_before"] == before
    assert shown.attrs["vertices_after"] == after
    assert after < before / 4
    # every simplified geometry lies within the tolerance of its original, and vice versa
    for cid, geom in zip(shown["context_id"], shown.geometry, strict=True):
        original = layer.geometry[layer["context_id"] == cid].iloc[0]
        assert shapely.hausdorff_distance(original, geom) <= tol + 1e-9
        assert geom.is_valid
        assert not geom.is_empty
    # the area changes by at most perimeter × tolerance
    simple_ring = shown.geometry[shown["context_id"] == "boundary"].iloc[0]
    assert abs(simple_ring.area - ring.area) <= ring.length * tol


def test_for_display_refuses_degrees() -> None:
    layer = ctx(
        {"context_id": ["a"], "category": ["road"]},
        [LineString([(7.4, 51.5), (7.5, 51.5)])],
        crs="EPSG:4326",
    )
    with pytest.raises(CRSError):
        context.for_display(layer)


def test_styles_follow_the_categories_and_land_use_types() -> None:
    assert context.style("landuse", "GE")["fillColor"] == context.LANDUSE_COLORS["GE"]
    assert (
        context.style("landuse", "GI")["fillOpacity"] > context.style("landuse", "W")["fillOpacity"]
    )
    assert context.style("city_boundary")["fill"] is False
    assert context.style("road")["fill"] is False
    assert context.style("water")["fill"] is True
    with pytest.raises(ValueError, match="unknown context category 'roads'"):
        context.style("roads")


def _districts() -> gpd.GeoDataFrame:
    return ctx(
        {
            "context_id": ["d1", "d2", "b"],
            "category": ["district", "district", "city_boundary"],
            "name": ["West", "Ost", "Stadt"],
        },
        [
            box(X0, Y0, X0 + 1000, Y0 + 1000),
            box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000),
            box(X0, Y0, X0 + 2000, Y0 + 1000),
        ],
    )


def test_district_of_sites_by_largest_overlap_and_points_by_location() -> None:
    sites = gpd.GeoDataFrame(
        {"site_id": ["s1", "s2", "s3", "s4"]},
        geometry=[
            box(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200),  # inside West
            box(X0 + 900, Y0 + 100, X0 + 1300, Y0 + 200),  # 100 m² West · 300 Ost → Ost
            box(X0 + 700, Y0 + 100, X0 + 1100, Y0 + 200),  # 300 West · 100 Ost → West
            box(X0 + 5000, Y0, X0 + 5100, Y0 + 100),  # outside
        ],
        crs=CRS,
        index=[10, 11, 12, 13],
    )
    # oracle: plain shapely intersection areas
    d = _districts().iloc[:2]
    expected = []
    for geom in sites.geometry:
        shares = [geom.intersection(g).area for g in d.geometry]
        expected.append(d["name"].iloc[int(np.argmax(shares))] if max(shares) > 0 else None)
    got = context.district_of(sites, _districts())
    assert list(got.index) == [10, 11, 12, 13]
    assert [None if pd.isna(v) else v for v in got] == expected == ["West", "Ost", "West", None]
    points = gpd.GeoDataFrame(
        geometry=[Point(X0 + 10, Y0 + 10), Point(X0 + 1500, Y0 + 10)], crs=CRS
    )
    assert context.district_of(points, _districts()).tolist() == ["West", "Ost"]


def test_district_of_without_districts_is_missing_not_an_error() -> None:
    sites = gpd.GeoDataFrame(geometry=[box(X0, Y0, X0 + 1, Y0 + 1)], crs=CRS)
    assert context.district_of(sites, None).isna().all()
    only_roads = ctx(
        {"context_id": ["r"], "category": ["road"]}, [LineString([(X0, Y0), (X0, Y0 + 1)])]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert context.district_of(sites, only_roads).isna().all()


def test_layer_selects_one_category() -> None:
    assert context.layer(_districts(), "district")["name"].tolist() == ["West", "Ost"]
    assert len(context.layer(None, "road")) == 0
    with pytest.raises(ValueError, match="valid: city_boundary"):
        context.layer(_districts(), "bezirk")
