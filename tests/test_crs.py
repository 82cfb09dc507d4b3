"""The one CRS policy: require_same, require_metric, display reprojection."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

import geoinnenstadt as gi
from geoinnenstadt import crs


def _layer(epsg: str | None) -> gpd.GeoDataFrame:
    g = gpd.GeoDataFrame(geometry=[box(390000, 5700000, 390100, 5700100)], crs="EPSG:25832")
    return g if epsg is None else g.to_crs(epsg)


@pytest.mark.parametrize("epsg", ["EPSG:25832", "EPSG:25833", "EPSG:31466", "EPSG:3035"])
def test_projected_metre_crs_pass(epsg):
    layer = _layer(epsg)
    assert crs.require_metric(layer, layer, names=["a", "b"]).equals(layer.crs)


@pytest.mark.parametrize(
    ("epsg", "why"),
    [
        ("EPSG:4326", "geographic"),
        ("EPSG:4258", "geographic"),
        ("EPSG:3857", "Web Mercator"),
        ("EPSG:2263", "not metres"),  # NAD83 / New York Long Island (US survey feet)
    ],
)
def test_non_metric_crs_refused_with_fix(epsg, why):
    with pytest.raises(gi.CRSError, match=why) as info:
        crs.require_metric(_layer(epsg), names=["sites"])
    assert "sites.to_crs('EPSG:25832')" in str(info.value)


def test_web_mercator_would_inflate_areas():
    # the reason for refusing EPSG:3857: at 51.5° N its "square metres" are ~2.6× too large
    layer = _layer(None)
    ratio = layer.to_crs("EPSG:3857").area.iloc[0] / layer.area.iloc[0]
    assert 2.4 < ratio < 2.7


def test_missing_and_differing_crs():
    a = _layer(None)
    with pytest.raises(gi.CRSError, match="units has no CRS"):
        crs.require_same(a.set_crs(None, allow_override=True), a, names=["units", "quarters"])
    with pytest.raises(
        gi.CRSError, match="CRS mismatch: units in EPSG:25832, quarters in EPSG:25833"
    ):
        crs.require_metric(a, a.to_crs("EPSG:25833"), names=["units", "quarters"])


def test_display_and_working_copies():
    a = _layer(None)
    d = crs.to_display(a)
    assert d.crs.to_epsg() == 4326
    assert a.crs.to_epsg() == 25832  # the input is untouched
    assert crs.to_working(d).crs.to_epsg() == 25832
    pt = gpd.GeoSeries([Point(7.0, 51.5)])
    with pytest.raises(gi.CRSError, match="has no CRS"):
        crs.to_display(pt)


def test_working_crs_must_be_metric(monkeypatch):
    monkeypatch.setattr(gi.settings, "working_crs", "EPSG:4326")
    with pytest.raises(gi.CRSError, match="working_crs"):
        crs.to_working(_layer(None))


def test_labels_and_invalid_input():
    assert crs.label("EPSG:25832") == "EPSG:25832"
    assert crs.is_metric("EPSG:25833")
    assert not crs.is_metric("EPSG:4326")
    with pytest.raises(gi.CRSError, match="not a valid CRS"):
        crs.as_crs("EPSG:999999", source="crs=")
