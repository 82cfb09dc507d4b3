"""gi.read_addresses: house coordinates (HK-DE, NRW gebref, Essen; EPSG:4647, suffixes, missing
numbers, compressed downloads) and OSM points."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from helpers import FIXTURES
from shapely.geometry import Point, Polygon

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError, SchemaError
from geoinnenstadt.sources.addresses import AddressWarning, split_number, street_key

DATA = FIXTURES / "addresses"
HK = DATA / "hauskoordinaten_4647.csv"
GEBREF = DATA / "gebref_EPSG4647_ASCII.zip"
ESSEN = DATA / "hauskoordinaten_essen_2022-10-05_4647.zip"


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
    # the duplicate (row 17) is the one record not returned: reported as left out
    report = ref.attrs["validation_report"]
    assert report.left_out == ["#17"]
    assert len(ref) + len(report.left_out) == 17
    assert "identical to row #1" in report.warnings["problem"].iloc[0]
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


def test_hk_de_header_names_coordinates_by_their_digits():
    # HK-DE (AdV): EEEEEEEE_EEE / NNNNNNN_NNN are the coordinate columns, STN/HNR/ADZ/PLZ/ONM the
    # address; the file is Windows-1252 (Kampstraße, Königswall)
    raw = HK.read_bytes().decode("cp1252").splitlines()
    assert raw[0].split(";")[11:16] == ["EEEEEEEE_EEE", "NNNNNNN_NNN", "STN", "PLZ", "ONM"]
    with pytest.warns(AddressWarning):
        ref = gi.read_addresses(HK)
    assert "Königswall" in ref["street"].tolist()
    assert ref["city"].unique().tolist() == ["Dortmund"]


def test_nrw_gebref_without_header_from_its_zip():
    # gebref.txt has no header line; the ZIP also holds gebref_schluessel.txt: layer= picks
    with pytest.raises(DataFileError) as caught:
        gi.read_addresses(GEBREF)
    assert "'gebref.txt', 'gebref_schluessel.txt'" in str(caught.value)
    assert str(caught.value).startswith(f"{GEBREF}: the ZIP archive holds 2 data files")
    with pytest.warns(AddressWarning, match="1 identical rows"):
        ref = gi.read_addresses(GEBREF, layer="gebref.txt")
    assert ref.attrs["source"] == f"{GEBREF}!gebref.txt"
    # the oracle: the six records read by hand (easting - 32,000,000; record 6 = record 1)
    assert ref[["street", "number", "suffix"]].values.tolist() == [
        ["Westenhellweg", 10, ""], ["Westenhellweg", 12, "a"], ["Kampstraße", 22, ""],
        ["Ostenhellweg", 7, "b"], ["Königswall", 3, ""],
    ]  # fmt: skip
    assert [c for g in ref.geometry for c in (g.x, g.y)] == pytest.approx([
        393000.0, 5707500.0, 393025.0, 5707500.0, 393610.0, 5707700.0,
        393800.0, 5707550.0, 392900.0, 5707800.0,
    ], abs=1e-6)  # fmt: skip
    assert ref["n_source_rows"].tolist() == [2, 1, 1, 1, 1]
    assert ref.attrs["validation_report"].left_out == ["#6"]
    assert any("no header line" in n for n in ref.attrs["address_report"]["notes"])


def test_essen_download_zip_with_licence_note():
    # the real download: GeoJSON and a _hinweis.txt in one ZIP; the note is not data
    with zipfile.ZipFile(ESSEN) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".geojson"))
        features = json.loads(zf.read(name))["features"]
    with pytest.warns(AddressWarning):
        ref = gi.read_addresses(ESSEN)
    assert len(ref) == len(features) == 15
    assert ref.attrs["validation_report"].left_out == []
    props = [f["properties"] for f in features]
    # "### Straßenname unbekannt" is a placeholder: no street (features 1-4)
    assert ref["street"].isna().tolist() == [p["strname"].startswith("###") for p in props]
    assert ref.attrs["address_report"]["no_street"] == [0, 1, 2, 3]
    assert ref.attrs["address_report"]["no_number"] == [4]  # Aachener Str. without hsnr
    numbers = [int(p["hsnr"]) if "hsnr" in p else None for p in props]
    assert [None if pd.isna(n) else int(n) for n in ref["number"]] == numbers
    assert ref["suffix"].tolist() == [p.get("hsnrzu", "").lower() for p in props]
    # EPSG:4647 → EPSG:25832: the zone number 32 taken off the easting (x, y are text)
    assert [c for g in ref.geometry for c in (g.x, g.y)] == pytest.approx(
        [c for p in props for c in (float(p["x"]) - 32_000_000, float(p["y"]))], abs=1e-6
    )


def test_compressed_house_coordinates_read_like_the_plain_file(tmp_path):
    with pytest.warns(AddressWarning):
        plain = gi.read_addresses(HK)
    gz = DATA / "hauskoordinaten_4647.csv.gz"
    assert gzip.decompress(gz.read_bytes()) == HK.read_bytes()
    zipped = tmp_path / "hk.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(HK, "HK_DE/hauskoordinaten_4647.csv")
        zf.writestr("HK_DE/Nutzungsbedingungen.pdf", b"%PDF-1.4")
    for path in (
        gz,
        f"/vsigzip/{gz.resolve()}",
        zipped,
        f"/vsizip/{zipped}/HK_DE/hauskoordinaten_4647.csv",
    ):
        with pytest.warns(AddressWarning):
            got = gi.read_addresses(path)
        assert_geodataframe_equal(got, plain)
        assert got.attrs["validation_report"].left_out == ["#17"]


@pytest.mark.parametrize(
    ("east", "north", "easting"),
    [
        ("ZZEEEEEE,EEE", "NNNNNNN,NNN", "32349925,060"),  # NRW (Datenformatbeschreibung)
        ("EEEEEEEE_EEE", "NNNNNNN_NNN", "32349925,060"),  # Berlin HKO
    ],
)
def test_hk_de_digit_pattern_headers(tmp_path, east, north, easting):
    path = tmp_path / "hk.txt"
    path.write_text(
        f"NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;{east};{north};STN;JJJJ-MM-TT\n"
        f"N;DENW000002207504;A;05;1;58;028;0000;12741;6;;{easting};5685090,386;"
        "Minoritenstraße;2022-01-01\n",
        encoding="utf-8",
    )
    ref = gi.read_addresses(path)
    assert ref[["street", "number", "suffix"]].values.tolist() == [["Minoritenstraße", 6, ""]]
    assert (ref.geometry.x.iloc[0], ref.geometry.y.iloc[0]) == pytest.approx(
        (349925.06, 5685090.386), abs=1e-6
    )


# --------------------------------------------------------------------------- OSM address points

OSM = FIXTURES / "osm"
ADRESSEN = OSM / "adressen.osm"
#: Hand-read from adressen.osm: (street, number, suffix, postcode, city) of every node or
#: closed way with addr:street (or addr:place) and addr:housenumber, in file order.
OSM_ADDRESSES = [
    ("n7001", "Westenhellweg", 12, "", "44137", "Dortmund"),
    ("n7002", "Westenhellweg", 14, "a", "44137", None),  # an entrance node, number 14a
    ("n7003", "Westenhellweg", 20, "", "44137", "Dortmund"),  # a bakery with its address
    ("n7004", "Kampstraße", 7, "", None, None),  # "7;9": the first number
    ("n7005", "Alter Markt", 3, "", "44137", None),  # addr:place instead of a street
    ("w7102", "Ostwall", 5, "", "44135", None),  # a building
    ("w7104", "Westenhellweg", 12, "", "44137", "Dortmund"),  # the building of n7001
]
#: Objects with an address tag not returned (hand-read): interpolation ends without street,
#: a post box without number, the interpolation line, a way cut at the extract's edge and a
#: multipolygon building.
OSM_LEFT_OUT = ["n7006", "n7007", "n7008", "w7101", "w7103", "r7301"]


def _osm_oracle(path: Path) -> dict[str, Any]:
    """Node points and closed-way polygons by OSM id, parsed with ElementTree (EPSG:4326)."""
    root = ET.parse(path).getroot()
    nodes = {n.get("id"): (float(n.get("lon")), float(n.get("lat"))) for n in root.iter("node")}
    shapes: dict[str, Any] = {f"n{k}": Point(v) for k, v in nodes.items()}
    for way in root.iter("way"):
        refs = [nd.get("ref") for nd in way.iter("nd")]
        if all(r in nodes for r in refs) and refs[0] == refs[-1] and len(refs) > 3:
            shapes[f"w{way.get('id')}"] = Polygon([nodes[r] for r in refs])
    return shapes


def _check_osm_addresses(ref: gpd.GeoDataFrame, shapes: dict[str, Any]) -> None:
    got = [
        (r.street, int(r.number), r.suffix, None if pd.isna(r.postcode) else r.postcode,
         None if pd.isna(r.city) else r.city)
        for r in ref.itertuples()
    ]  # fmt: skip
    assert got == [row[1:] for row in OSM_ADDRESSES]
    assert ref.crs.to_epsg() == 25832
    wgs84 = ref.to_crs(4326).geometry
    for (oid, *_), point in zip(OSM_ADDRESSES, wgs84, strict=True):
        if oid.startswith("n"):
            assert point.distance(shapes[oid]) < 1e-7, oid
        else:  # a building: a point inside its outline
            assert shapes[oid].contains(point), oid
    report = ref.attrs["validation_report"]
    assert sorted(report.left_out) == sorted(OSM_LEFT_OUT)


def test_osm_extract_gives_address_points_and_reports_the_rest():
    # issue 24 case 14: "not a geodata file … KML" although the README promises OSM points
    ref = gi.read_addresses(ADRESSEN)
    _check_osm_addresses(ref, _osm_oracle(ADRESSEN))
    warnings_ = ref.attrs["validation_report"].warnings.set_index("row")
    assert warnings_.loc["n7006", "column"] == "street"
    assert "has no addr:street" in warnings_.loc["n7006", "problem"]
    assert warnings_.loc["n7008", "column"] == "number"
    assert "the way is not closed" in warnings_.loc["w7101", "problem"]
    assert "missing from the extract" in warnings_.loc["w7103", "problem"]
    assert "relations (multipolygons) are not read" in warnings_.loc["r7301", "problem"]
    # the same address on the building and on a node inside it: two points, both kept
    assert ref["n_source_rows"].tolist() == [1] * 7


def test_osm_gz_and_pbf_give_the_same_addresses(tmp_path):
    import osmium

    gz = tmp_path / "adressen.osm.gz"
    gz.write_bytes(gzip.compress(ADRESSEN.read_bytes()))
    pbf = tmp_path / "adressen.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as writer:
        for obj in osmium.FileProcessor(str(ADRESSEN)):
            writer.add(obj)
    shapes = _osm_oracle(ADRESSEN)
    for path in (gz, pbf):
        _check_osm_addresses(gi.read_addresses(path), shapes)


def test_overpass_json_gives_its_address_nodes():
    path = OSM / "overpass-out-center.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = [
        (e["tags"]["addr:street"], int(e["tags"]["addr:housenumber"]), e["lon"], e["lat"])
        for e in data["elements"]
        if "addr:street" in e.get("tags", {}) and "addr:housenumber" in e["tags"]
    ]
    assert len(expected) == 2  # hand count: two shops with an address
    ref = gi.read_addresses(path)
    wgs84 = ref.to_crs(4326).geometry
    got = [
        (r.street, int(r.number), p.x, p.y) for r, p in zip(ref.itertuples(), wgs84, strict=True)
    ]
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    assert np.allclose([g[2:] for g in got], [e[2:] for e in expected], atol=1e-7)
    assert ref.attrs["validation_report"].left_out == []
