"""gi.read_addresses: house coordinates (EPSG:4647, suffixes, missing numbers) and OSM points."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.sources.addresses import AddressWarning, split_number, street_key

DATA = Path(__file__).parent / "data" / "addresses"
HK = DATA / "hauskoordinaten_4647.csv"


def test_hauskoordinaten_4647_zone_prefixed_with_suffixes_and_missing_numbers():
    with pytest.warns(AddressWarning) as caught:
        ref = gi.read_addresses(HK)
    text = " ".join(str(w.message) for w in caught)
    assert "1 without a street (rows 16)" in text
    assert "1 without a house number (rows 12)" in text
    assert "1 identical rows" in text
    assert ref.crs.to_epsg() == 25832
    # 17 source rows, the exact duplicate collapsed: 16 rows, none dropped otherwise
    assert len(ref) == 16
    rep = ref.attrs["address_report"]
    assert rep["no_street"] == [15]
    assert rep["no_number"] == [11]
    assert rep["collapsed"] == 1
    assert rep["n_source_rows"] == 17
    assert ref["n_source_rows"].tolist() == [2] + [1] * 15
    # coordinates: the zone number 32 taken off the easting (hand computation)
    assert ref.geometry.x.iloc[0] == pytest.approx(393000.0, abs=1e-6)
    assert ref.geometry.y.iloc[0] == pytest.approx(5707500.0, abs=1e-6)
    assert ref.geometry.x.iloc[2] == pytest.approx(393025.0, abs=1e-6)
    # numbers stored as text become numbers; suffixes lower case; hsnrzu "1" is 22/1
    row = ref.iloc[2]
    assert (row["street"], row["number"], row["suffix"]) == ("Westenhellweg", 12, "a")
    kamp = ref.loc[(ref["street"] == "Kampstraße") & (ref["number"] == 22)]
    assert kamp["suffix"].tolist() == ["/1"]
    koenigswall = ref.loc[ref["street"] == "Königswall"]
    assert len(koenigswall) == 1
    assert pd.isna(koenigswall["number"].iloc[0])
    assert ref["postcode"].tolist().count("44135") == 1
    assert list(ref.columns) == [
        "street", "number", "suffix", "postcode", "city", "n_source_rows", "geometry",
    ]  # fmt: skip


def test_osm_address_points_and_building_outlines(tmp_path):
    features = [
        {"type": "Feature", "properties": {"addr:street": "Westenhellweg",
         "addr:housenumber": "12a", "addr:postcode": "44137", "addr:city": "Dortmund"},
         "geometry": {"type": "Point", "coordinates": [7.4651, 51.5136]}},
        {"type": "Feature", "properties": {"addr:street": "Kampstraße",
         "addr:housenumber": "3-5", "addr:postcode": "44137", "addr:city": "Dortmund"},
         "geometry": {"type": "Polygon", "coordinates": [[[7.46, 51.51], [7.4602, 51.51],
                      [7.4602, 51.5102], [7.46, 51.5102], [7.46, 51.51]]]}},
    ]  # fmt: skip
    path = tmp_path / "osm.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    ref = gi.read_addresses(path)
    assert ref["street"].tolist() == ["Westenhellweg", "Kampstraße"]
    assert ref["number"].tolist() == [12, 3]  # a range is its first number
    assert ref["suffix"].tolist() == ["a", ""]
    assert ref["postcode"].tolist() == ["44137", "44137"]
    assert ref.crs.to_epsg() == 25832
    expected = gpd.GeoSeries([Point(7.4651, 51.5136)], crs="EPSG:4326").to_crs("EPSG:25832")
    assert ref.geometry.iloc[0].distance(expected.iloc[0]) < 1e-6
    inside = gpd.GeoSeries([Point(7.4601, 51.5101)], crs="EPSG:4326").to_crs("EPSG:25832")
    assert ref.geometry.iloc[1].distance(inside.iloc[0]) < 20  # a point on the building
    assert any("point on surface" in n for n in ref.attrs["address_report"]["notes"])


def test_full_address_column_is_split_and_explicit_columns():
    raw = gpd.GeoDataFrame(
        {"Anschrift": ["Westenhellweg 12 a, 44137 Dortmund", "Kampstr. 20"]},
        geometry=[Point(393025, 5707500), Point(393600, 5707700)],
        crs="EPSG:25832",
    )
    ref = gi.read_addresses(raw, address="Anschrift")
    assert ref[["street", "number", "suffix"]].values.tolist() == [
        ["Westenhellweg", 12, "a"], ["Kampstr.", 20, ""],
    ]  # fmt: skip
    assert ref["postcode"].tolist()[0] == "44137"
    assert pd.isna(ref["postcode"].iloc[1])
    with pytest.raises(SchemaError, match="street column 'Gasse' does not exist"):
        gi.read_addresses(raw, street="Gasse")


def test_no_street_column_is_an_error_naming_the_columns():
    raw = gpd.GeoDataFrame({"foo": [1]}, geometry=[Point(393025, 5707500)], crs="EPSG:25832")
    with pytest.raises(SchemaError, match=r"no street column found.*'foo'"):
        gi.read_addresses(raw)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hauptstraße", "hauptstrasse"),
        ("Hauptstr.", "HAUPTSTRASSE"),
        ("Haupt Str.", "Hauptstraße"),
        ("Maria-Weber-Weg", "maria weber weg"),
        ("Königsallee", "Koenigsallee"),
        ("St.-Georg-Platz", "Sankt Georg Platz"),
        ("Straße des 17. Juni", "Str. des 17. Juni"),
    ],
)
def test_street_keys_equal_for_clerk_variants(a, b):
    assert street_key(a) == street_key(b)


@pytest.mark.parametrize(("a", "b"), [("Westenhellweg", "Ostenhellweg"), ("Bachweg", "Buchweg")])
def test_street_keys_differ_for_different_streets(a, b):
    assert street_key(a) != street_key(b)


def test_split_number_table():
    values = pd.Series(["12a", "12 A", "12 a", "12/1", "12-14", "12", None, "ohne", "7 b"])
    got = split_number(values)
    assert got["number"].tolist()[:6] == [12, 12, 12, 12, 12, 12]
    assert pd.isna(got["number"].iloc[6])
    assert pd.isna(got["number"].iloc[7])
    assert got["suffix"].tolist() == ["a", "a", "a", "/1", "", "", "", "", "b"]
    assert np.asarray(got["number"].iloc[8]) == 7
