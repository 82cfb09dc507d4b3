"""Tests of geoinnenstadt.conflicts: Abstandserlass distance classes and buffers."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from geoinnenstadt import conflicts
from geoinnenstadt.conflicts import ABSTANDSKLASSEN
from geoinnenstadt.errors import CRSError, GeoinnenstadtWarning, SchemaError

X0, Y0 = 390_000.0, 5_710_000.0
CRS = "EPSG:25832"


def rect(x: float, y: float, w: float, h: float):
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def one_site() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"site_id": ["S1"]}, geometry=[rect(0, 0, 100, 100)], crs=CRS)


def housing_at(gap: float, use: str = "residential", area_id: str = "W1") -> gpd.GeoDataFrame:
    """A 100 m square whose west edge lies ``gap`` metres east of the site's east edge."""
    return gpd.GeoDataFrame(
        {"area_id": [area_id], "use": [use]}, geometry=[rect(100 + gap, 0, 100, 100)], crs=CRS
    )


def test_class_ladder() -> None:
    assert list(ABSTANDSKLASSEN) == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert list(ABSTANDSKLASSEN.values()) == [1500, 1000, 700, 500, 300, 200, 100]
    assert "Abstandserlass" in (conflicts.__doc__ or "")
    with pytest.raises(TypeError):
        ABSTANDSKLASSEN["I"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("gap", "strictest", "admissible", "conflict"),
    [
        (1500.0, "I", "I–VII", False),
        (1499.5, "II", "II–VII", False),
        (1000.0, "II", "II–VII", False),
        (700.0, "III", "III–VII", False),
        (500.0, "IV", "IV–VII", False),
        (300.0, "V", "V–VII", False),  # exactly 300 m: class V admissible
        (299.99, "VI", "VI–VII", False),
        (200.0, "VI", "VI–VII", False),
        (100.0, "VII", "VII", False),
        (99.0, None, "", True),
        (0.0, None, "", True),  # touching
        (-50.0, None, "", True),  # overlapping
    ],
)
def test_distance_class_boundaries(
    gap: float, strictest: str | None, admissible: str, conflict: bool
) -> None:
    d = conflicts.distance_classes(one_site(), housing_at(gap))
    assert d.index.tolist() == ["S1"]
    assert d.index.name == "site_id"
    row = d.loc["S1"]
    assert row["distance_m"] == pytest.approx(max(gap, 0.0), abs=1e-6)
    assert row["nearest_area_id"] == "W1"
    assert row["nearest_use"] == "residential"
    assert row["admissible_classes"] == admissible
    if strictest is None:
        assert pd.isna(row["strictest_admissible"])
    else:
        assert row["strictest_admissible"] == strictest
    assert bool(row["conflict"]) is conflict


def test_diagonal_distance_345() -> None:
    # corner (100, 100) to corner (400, 500): sqrt(300² + 400²) = 500 m -> class IV
    housing = gpd.GeoDataFrame(
        {"area_id": ["W1"], "use": ["mixed"]}, geometry=[rect(400, 500, 50, 50)], crs=CRS
    )
    d = conflicts.distance_classes(one_site(), housing)
    assert d.loc["S1", "distance_m"] == 500.0
    assert d.loc["S1", "strictest_admissible"] == "IV"


def test_nearest_of_many_and_ties_and_uses() -> None:
    housing = pd.concat(
        [
            housing_at(800, "residential", "W9"),
            housing_at(250, "sensitive", "W5"),
            housing_at(250, "mixed", "W2"),  # same distance as W5: lowest id wins
        ],
        ignore_index=True,
    )
    housing = gpd.GeoDataFrame(housing, crs=CRS)
    d = conflicts.distance_classes(one_site(), housing)
    assert d.loc["S1", "nearest_area_id"] == "W2"
    assert d.loc["S1", "distance_m"] == 250.0
    only_res = conflicts.distance_classes(one_site(), housing, uses=("residential",))
    assert only_res.loc["S1", "nearest_area_id"] == "W9"
    assert only_res.loc["S1", "strictest_admissible"] == "III"
    with pytest.raises(ValueError, match="unknown"):
        conflicts.distance_classes(one_site(), housing, uses=("wohnen",))


def test_empty_residential_is_unbounded() -> None:
    d = conflicts.distance_classes(one_site(), housing_at(100).iloc[:0])
    assert math.isinf(d.loc["S1", "distance_m"])
    assert pd.isna(d.loc["S1", "nearest_area_id"])
    assert d.loc["S1", "admissible_classes"] == "I–VII"
    assert d.loc["S1", "strictest_admissible"] == "I"
    assert not d.loc["S1", "conflict"]
    # only uses that are filtered out: the same
    d = conflicts.distance_classes(one_site(), housing_at(10, "mixed"), uses=("sensitive",))
    assert math.isinf(d.loc["S1", "distance_m"])


def test_custom_classes_override() -> None:
    classes = {"leicht": 50, "schwer": 400}  # order given does not matter
    d = conflicts.distance_classes(one_site(), housing_at(300), classes=classes)
    assert d.loc["S1", "strictest_admissible"] == "leicht"
    assert d.loc["S1", "admissible_classes"] == "leicht"
    d = conflicts.distance_classes(one_site(), housing_at(400), classes=classes)
    assert d.loc["S1", "admissible_classes"] == "schwer–leicht"
    with pytest.raises(ValueError, match="non-empty"):
        conflicts.distance_classes(one_site(), housing_at(300), classes={})
    with pytest.raises(ValueError, match="finite"):
        conflicts.distance_classes(one_site(), housing_at(300), classes={"X": -1})


def test_ids_and_index() -> None:
    zones = gpd.GeoDataFrame(
        {"zone_id": ["Z1", "Z2"]}, geometry=[rect(0, 0, 100, 100), rect(0, 0, 10, 10)], crs=CRS
    )
    d = conflicts.distance_classes(zones, housing_at(300))
    assert d.index.name == "zone_id"
    assert d.index.tolist() == ["Z1", "Z2"]
    assert d["distance_m"].tolist() == [300.0, 390.0]
    plain = gpd.GeoDataFrame(geometry=[rect(0, 0, 100, 100)], index=[7], crs=CRS)
    assert conflicts.distance_classes(plain, housing_at(300)).index.tolist() == [7]
    dup = gpd.GeoDataFrame({"site_id": ["S", "S"]}, geometry=[rect(0, 0, 1, 1)] * 2, crs=CRS)
    with pytest.raises(SchemaError, match="unique"):
        conflicts.distance_classes(dup, housing_at(300))
    with pytest.raises(SchemaError, match="id_column"):
        conflicts.distance_classes(one_site(), housing_at(300), id_column="nope")


def test_bad_inputs() -> None:
    with pytest.raises(CRSError, match="degrees"):
        conflicts.distance_classes(one_site().to_crs("EPSG:4326"), housing_at(300))
    with pytest.raises(CRSError):
        conflicts.distance_classes(one_site(), housing_at(300).to_crs("EPSG:25833"))
    with pytest.raises(CRSError, match="no CRS"):
        conflicts.distance_classes(one_site(), housing_at(300).set_crs(None, allow_override=True))
    with pytest.raises(SchemaError, match="use"):
        conflicts.distance_classes(one_site(), housing_at(300).drop(columns="use"))
    bad = housing_at(300)
    bad.loc[0, "use"] = "Wohnen"
    with pytest.raises(SchemaError, match="Wohnen"):
        conflicts.distance_classes(one_site(), bad)
    nogeom = one_site()
    nogeom.loc[0, "geometry"] = None
    with pytest.raises(ValueError, match="S1"):
        conflicts.distance_classes(nogeom, housing_at(300))
    with pytest.raises(TypeError):
        conflicts.distance_classes(pd.DataFrame({"a": [1]}), housing_at(300))  # type: ignore[arg-type]


def test_buffers_rings() -> None:
    rings = conflicts.buffers(one_site())
    assert rings["distance_class"].tolist() == list(ABSTANDSKLASSEN)
    assert rings["max_distance_m"].tolist() == [1500, 1000, 700, 500, 300, 200, 100]
    assert rings["min_distance_m"].tolist() == [1000, 700, 500, 300, 200, 100, 0]
    assert rings.crs == one_site().crs
    # rings are disjoint and together form the 1500 m buffer (minus the site)
    total = shapely.union_all(rings.geometry.values)
    outer = one_site().geometry.iloc[0].buffer(1500, quad_segs=16)
    assert total.symmetric_difference(outer.difference(one_site().geometry.iloc[0])).area < 1e-3
    assert rings.geometry.area.sum() == pytest.approx(total.area, rel=1e-9)
    # ring VII of a 100 m square: 4·100·100 + π·100² (polygonal arc, within 0.5 %)
    vii = rings.set_index("distance_class").geometry["VII"].area
    assert vii == pytest.approx(40_000 + math.pi * 100**2, rel=5e-3)
    per_site = conflicts.buffers(
        gpd.GeoDataFrame(
            {"site_id": ["A", "B"]}, geometry=[rect(0, 0, 10, 10), rect(5000, 0, 10, 10)], crs=CRS
        ),
        dissolve=False,
    )
    assert len(per_site) == 14
    assert per_site["site_id"].tolist()[:8] == ["A"] * 7 + ["B"]
    with pytest.raises(CRSError):
        conflicts.buffers(one_site().to_crs("EPSG:4326"))


# ---------------------------------------------------------------------------- invariants

coords = st.floats(min_value=-3000, max_value=3000, allow_nan=False)
sizes = st.floats(min_value=1, max_value=300, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    sites=st.lists(st.tuples(coords, coords, sizes, sizes), min_size=1, max_size=6),
    homes=st.lists(
        st.tuples(
            coords, coords, sizes, sizes, st.sampled_from(["residential", "mixed", "sensitive"])
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_matches_brute_force(
    sites: list[tuple[float, float, float, float]],
    homes: list[tuple[float, float, float, float, str]],
) -> None:
    s = gpd.GeoDataFrame(
        {"site_id": [f"S{i}" for i in range(len(sites))]},
        geometry=[rect(x, y, w, h) for x, y, w, h in sites],
        crs=CRS,
    )
    r = gpd.GeoDataFrame(
        {"area_id": [f"W{i}" for i in range(len(homes))], "use": [u for *_, u in homes]},
        geometry=[rect(x, y, w, h) for x, y, w, h, _ in homes],
        crs=CRS,
    )
    d = conflicts.distance_classes(s, r)
    for i, geom in enumerate(s.geometry):
        dists = np.array([geom.distance(h) for h in r.geometry])
        expected = float(dists.min())
        row = d.loc[f"S{i}"]
        assert row["distance_m"] == pytest.approx(expected, abs=1e-6)
        admitted = [c for c, m in ABSTANDSKLASSEN.items() if m <= round(expected, 6)]
        assert bool(row["conflict"]) is (not admitted)
        if admitted:
            assert row["strictest_admissible"] == admitted[0]
            assert row["admissible_classes"] == (
                admitted[0] if len(admitted) == 1 else f"{admitted[0]}–{admitted[-1]}"
            )
        else:
            assert row["admissible_classes"] == ""
        nearest = r.set_index("area_id").geometry[row["nearest_area_id"]]
        assert geom.distance(nearest) == pytest.approx(expected, abs=1e-6)


# ---------------------------------------------------------------------------- issue 9


def test_metric_crs_policy() -> None:
    with pytest.raises(CRSError, match="Web Mercator"):
        conflicts.distance_classes(
            one_site().to_crs("EPSG:3857"), housing_at(300).to_crs("EPSG:3857")
        )
    with pytest.raises(CRSError, match="Web Mercator"):
        conflicts.buffers(one_site().to_crs("EPSG:3857"))
    with pytest.raises(CRSError, match="residential"):
        conflicts.distance_classes(one_site(), housing_at(300).to_crs("EPSG:25833"))
    # another projected CRS in true metres, shared by both layers, is accepted
    utm33 = "EPSG:25833"
    d = conflicts.distance_classes(
        one_site().set_crs(utm33, allow_override=True),
        housing_at(300).set_crs(utm33, allow_override=True),
    )
    assert d.loc["S1", "distance_m"] == 300.0
    rings = conflicts.buffers(one_site().set_crs(utm33, allow_override=True))
    assert rings.crs == utm33


def test_residential_without_use_is_counted_and_named() -> None:
    housing = gpd.GeoDataFrame(
        {"area_id": ["W1", "W2"], "use": ["residential", None]},
        geometry=[rect(400, 0, 100, 100), rect(250, 0, 100, 100)],  # 300 m and 150 m away
        crs=CRS,
    )
    with pytest.warns(GeoinnenstadtWarning, match="W2"):
        d = conflicts.distance_classes(one_site(), housing)
    assert d.loc["S1", "distance_m"] == 150.0  # W2 protected by default
    assert d.loc["S1", "nearest_area_id"] == "W2"
    assert d.attrs["missing_use"] == ["W2"]
    with pytest.warns(GeoinnenstadtWarning, match="1 residential area"):
        d = conflicts.distance_classes(one_site(), housing, missing_use="ignore")
    assert d.loc["S1", "distance_m"] == 300.0


def test_unknown_use_names_the_area() -> None:
    bad = housing_at(300, area_id="W7")
    bad.loc[0, "use"] = "Wohnen"
    with pytest.raises(SchemaError, match="W7"):
        conflicts.distance_classes(one_site(), bad)


def test_buffers_report_sites_without_geometry() -> None:
    sites = gpd.GeoDataFrame(
        {"site_id": ["A", "B"]}, geometry=[rect(0, 0, 100, 100), None], crs=CRS
    )
    with pytest.warns(GeoinnenstadtWarning, match=r"\(B\)"):
        rings = conflicts.buffers(sites)
    assert rings.attrs["no_geometry"] == ["B"]
    assert len(rings) == 7
    # ring VII of the one 100 m square: 4·100·100 + π·100² (polygonal arc, within 0.5 %)
    vii = rings.set_index("distance_class").geometry["VII"].area
    assert vii == pytest.approx(40_000 + math.pi * 100**2, rel=5e-3)
    with pytest.warns(GeoinnenstadtWarning, match=r"\(B\)"):
        per_site = conflicts.buffers(sites, dissolve=False)
    assert set(per_site["site_id"]) == {"A"}
    empty = gpd.GeoDataFrame(
        {"site_id": ["A", "E"]}, geometry=[rect(0, 0, 100, 100), shapely.Polygon()], crs=CRS
    )
    with pytest.warns(GeoinnenstadtWarning, match=r"\(E\)"):
        conflicts.buffers(empty)
