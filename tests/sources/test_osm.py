"""OpenStreetMap extracts as units, and the rule "floor area may be missing for sources without areas"."""

from __future__ import annotations

import gzip
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from helpers import FIXTURES
from shapely import Point

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError, GeoinnenstadtWarning, SchemaError
from geoinnenstadt.io import ReadWarning

DATA = FIXTURES / "osm"
XML = DATA / "innenstadt.osm"  # saved by JOSM (see tests/data/SOURCES.md)
OSMIUM = DATA / "osmium-extract.osm"
PBF = DATA / "osmium-extract.osm.pbf"
OSMCONVERT = DATA / "osmconvert-cut.osm"
OSMOSIS = DATA / "osmosis-stripped.osm"
CENTER = DATA / "overpass-out-center.json"
GEOM = DATA / "overpass-out-geom.json"

#: What the JOSM file holds (see the XML): unit id → (status, use, previous_use, osm_tag)
EXPECTED = {
    "n-25360": ("vacant", "retail", "shoes", "shop=shoes + disused=yes"),
    "n1": ("occupied", "retail", None, "shop=bakery"),
    "n2": ("vacant", "retail", None, "shop=vacant"),
    "n3": ("vacant", "retail", "clothes", "disused:shop=clothes"),
    "n4": ("occupied", "gastronomy", None, "amenity=restaurant"),
    "n7": ("vacant", "office", "insurance", "office=insurance + vacant=yes"),
    "n8": ("occupied", "services", None, "craft=tailor"),
    "w201": ("occupied", "retail", None, "shop=supermarket"),
}
#: deleted in JOSM, two-point ring, unclosed, relation
REPORTED = ["n9", "w202", "w203", "r301"]


def _read(path, n_warnings=4, **kw) -> gpd.GeoDataFrame:
    with pytest.warns(ReadWarning, match=f"{n_warnings} warning"):
        return gi.read_layer(path, "units", **kw)


def _quiet(path, **kw) -> gpd.GeoDataFrame:
    """Read without asserting the warning count (the file's own tests do that)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.GeoinnenstadtWarning)
        return gi.read_layer(path, "units", **kw)


def _xml_objects(path: Path) -> list[ET.Element]:
    """Every node, way and relation of an OSM XML file, parsed with the standard library."""
    return [e for e in ET.parse(path).getroot() if e.tag in ("node", "way", "relation")]


def test_every_business_object_is_kept_or_reported():
    units = _read(XML)
    assert units["unit_id"].tolist() == list(EXPECTED)
    got = {
        r.unit_id: (r.status, r.use, None if pd.isna(r.previous_use) else r.previous_use, r.osm_tag)
        for r in units.itertuples()
    }
    assert got == EXPECTED
    report = units.attrs["validation_report"]
    assert report.warnings["row"].tolist() == REPORTED
    assert report.left_out == REPORTED
    assert units.attrs["osm"]["reported_ids"] == REPORTED
    # 12 objects carry a business tag: 8 units + 4 reported; the bench and bare building are no units
    assert len(units) + len(REPORTED) == 12
    objects = _xml_objects(XML)
    assert {k: units.attrs["osm"][k] for k in ("nodes", "ways", "relations", "units", "vacant")} == {
        "nodes": sum(e.tag == "node" for e in objects), "ways": 4, "relations": 1,
        "units": 8, "vacant": 4,
    }  # fmt: skip


def test_broken_ways_are_named_with_the_reason():
    problems = dict(
        zip(
            *_read(XML).attrs["validation_report"].warnings[["row", "problem"]].T.values,
            strict=True,
        )
    )
    assert "only 2 distinct points" in problems["w202"]
    assert "not closed" in problems["w203"]
    assert "relation" in problems["r301"]
    cut = _read(OSMIUM, n_warnings=2).attrs["validation_report"].warnings.set_index("row")
    # nodes 6600000013/14 lie outside the extract (osmium extract --strategy simple)
    assert "n6600000013, n6600000014" in cut.loc["w123456790", "problem"]
    assert "missing from the extract" in cut.loc["w123456790", "problem"]
    assert "relation" in cut.loc["r998877", "problem"]


def test_josm_deletions_are_left_out():
    deleted = [
        f"n{e.get('id')}" for e in _xml_objects(XML) if e.get("action") == "delete"
    ]  # the oracle: plain XML
    assert deleted == ["n9"]
    units = _read(XML)
    assert "n9" not in units["unit_id"].tolist()
    problem = units.attrs["validation_report"].warnings.set_index("row").loc["n9", "problem"]
    assert "action='delete'" in problem


def test_deleted_objects_visible_false_are_left_out(tmp_path):
    path = tmp_path / "history.osm"
    path.write_text(
        '<osm version="0.6" generator="osmium/1.16.0">'
        '<node id="5" version="3" timestamp="2025-05-01T10:00:00Z" visible="false" '
        'lat="51.5136" lon="7.4651"><tag k="shop" v="bakery"/></node>'
        '<node id="6" version="1" timestamp="2025-05-02T10:00:00Z" visible="true" '
        'lat="51.5137" lon="7.4652"><tag k="shop" v="vacant"/></node></osm>',
        encoding="utf-8",
    )
    units = _read(path, n_warnings=1)
    assert units["unit_id"].tolist() == ["n6"]
    assert units.attrs["validation_report"].left_out == ["n5"]


def test_a_node_added_in_josm_has_no_edit_time():
    units = _read(XML).set_index("unit_id")
    assert pd.isna(units.loc["n-25360", "last_edit"])
    assert units.loc["n-25360", "vacant_since"] == pd.Timestamp("2025-06-30")  # the survey date


def test_addresses_levels_names_and_source():
    units = _read(XML).set_index("unit_id")
    assert units.loc["n1", "address"] == "Westenhellweg 12a, 44137 Dortmund"
    assert units.loc["n2", "address"] == "Westenhellweg 20"
    assert units.loc["w201", "address"] == "Ostwall 5"
    assert pd.isna(units.loc["n3", "address"])
    assert units.loc["n1", "ground_floor"] == True  # noqa: E712  (level=0)
    assert units.loc["n8", "ground_floor"] == False  # noqa: E712  (level=1)
    assert pd.isna(units.loc["n2", "ground_floor"])
    assert units.loc["n1", "name"] == "Bäckerei Kamp"
    assert units.loc["n1", "brand"] == "Kamps"
    assert (units["source"] == "osm").all()
    assert units["floor_area_m2"].isna().all()


def test_contributor_names_are_never_read():
    for path, n in ((XML, 4), (GEOM, 2)):
        units = _read(path, n_warnings=n)
        text = units.drop(columns="geometry").astype(str).to_string() + str(
            units.attrs["validation_report"]
        )
        for user in ("mapper_a", "mapper_b", "mapper_c", "mapper_d", "mapper_e", "mapper_f"):
            assert user not in text
        assert not {"user", "uid"} & set(units.columns)


def test_nodes_keep_their_position_and_ways_become_a_point_on_the_surface():
    units = _read(XML).set_index("unit_id").to_crs("EPSG:4326")
    assert units.crs is not None
    n1 = units.loc["n1", "geometry"]
    assert (round(n1.x, 6), round(n1.y, 6)) == (7.4651, 51.5136)
    square = shapely.box(7.4670, 51.5150, 7.4674, 51.5153)
    assert square.contains(units.loc["w201", "geometry"])


def test_survey_date_from_latest_edit_in_local_time():
    units = _read(XML)
    # the latest edit is 29.06.2025 22:30 UTC = 30.06.2025 00:30 in Berlin
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-30")}
    notes = units.attrs["validation_report"].notes
    assert any(n.startswith("survey_date 2025-06-30 from the latest edit") for n in notes)


def test_osmium_xml_survey_date_is_the_latest_edit():
    latest = max(e.get("timestamp") for e in _xml_objects(OSMIUM))
    assert latest == "2025-06-29T19:11:27Z"  # 21:11 in Berlin, same day
    units = _read(OSMIUM, n_warnings=2)
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-29")}


def test_vacant_since_is_the_last_edit_or_the_survey_date_with_notes():
    units = _read(XML).set_index("unit_id")
    assert units.loc["n2", "vacant_since"] == pd.Timestamp("2025-03-10")
    assert units.loc["n3", "vacant_since"] == pd.Timestamp("2024-11-20")
    assert units.loc["n7", "vacant_since"] == pd.Timestamp("2025-01-15")
    assert units.loc["n-25360", "vacant_since"] == pd.Timestamp("2025-06-30")  # no edit time
    assert units.loc[units["status"] == "occupied", "vacant_since"].isna().all()
    notes = " | ".join(units.attrs["validation_report"].notes)
    assert "vacant_since of 3 vacant unit(s) is the date of the object's last edit" in notes
    assert "vacant_since of 1 vacant unit(s) is the survey date 2025-06-30" in notes


def test_survey_date_parameter_wins_and_clips_later_edits():
    units = _read(XML, survey_date="01.02.2025").set_index("unit_id")
    assert set(units["survey_date"]) == {pd.Timestamp("2025-02-01")}
    assert units.loc["n3", "vacant_since"] == pd.Timestamp("2024-11-20")
    assert units.loc["n7", "vacant_since"] == pd.Timestamp("2025-01-15")
    # edited 10.03.2025, after the survey date: the survey date, never a later date
    assert units.loc["n2", "vacant_since"] == pd.Timestamp("2025-02-01")
    notes = " | ".join(units.attrs["validation_report"].notes)
    assert "(no edit time: 1, edited after the survey date: 1)" in notes


def test_survey_date_is_read_as_a_date():
    with pytest.raises(gi.dates.DateError, match="survey_date"):
        gi.read_layer(XML, "units", survey_date="01.02.25")


def test_gz_and_xml_give_the_same_units():
    with gzip.open(DATA / "innenstadt.osm.gz", "rb") as f:
        assert f.read() == XML.read_bytes()  # the committed .gz is the XML
    plain = _read(XML)
    other = _read(DATA / "innenstadt.osm.gz")
    cols = ["unit_id", "status", "use", "previous_use", "address", "vacant_since", "survey_date"]
    pd.testing.assert_frame_equal(other[cols], plain[cols])
    assert other.geometry.geom_equals_exact(plain.geometry, tolerance=1e-6).all()


def test_pbf_and_its_xml_give_the_same_units():
    xml, pbf = _read(OSMIUM, n_warnings=2), _read(PBF, n_warnings=2)
    cols = ["unit_id", "status", "use", "previous_use", "address", "last_edit", "vacant_since"]
    pd.testing.assert_frame_equal(pbf[cols], xml[cols])
    assert pbf.geometry.geom_equals_exact(xml.geometry, tolerance=1e-6).all()
    assert pbf.attrs["validation_report"].left_out == ["w123456790", "r998877"]


def test_pbf_header_timestamp_is_the_survey_date():
    import osmium

    header = osmium.FileProcessor(str(PBF)).header  # written by make_pbf.py
    assert header.get("osmosis_replication_timestamp") == "2025-06-30T23:21:08Z"
    units = _read(PBF, n_warnings=2)
    # 23:21 UTC on 30.06. is 01:21 on 01.07.2025 in Berlin
    assert set(units["survey_date"]) == {pd.Timestamp("2025-07-01")}
    notes = units.attrs["validation_report"].notes
    assert any("osmosis_replication_timestamp" in n for n in notes)


def test_osmconvert_root_timestamp_is_the_survey_date():
    root = ET.parse(OSMCONVERT).getroot()
    assert root.get("timestamp") == "2025-06-28T20:21:02Z"  # 22:21 in Berlin
    assert max(e.get("timestamp") for e in _xml_objects(OSMCONVERT)) < root.get("timestamp")
    units = _quiet(OSMCONVERT)
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-28")}
    notes = " | ".join(units.attrs["validation_report"].notes)
    assert "from the osmconvert timestamp <osm timestamp>: 2025-06-28T20:21:02Z" in notes
    assert (
        units.set_index("unit_id").loc["w87001122", "osm_tag"] == "building=commercial + vacant=yes"
    )


def test_xml_meta_osm_base_is_the_survey_date(tmp_path):
    text = XML.read_text(encoding="utf-8").replace(
        "<osm version='0.6' generator='JOSM'>",
        '<osm version="0.6" generator="Overpass API 0.7.62.1 084b4234">\n'
        '<meta osm_base="2025-07-01T10:00:00Z"/>',
    )
    path = tmp_path / "overpass.osm"
    path.write_text(text, encoding="utf-8")
    units = _read(path, n_warnings=3)  # not saved by JOSM: action='delete' is not read
    assert set(units["survey_date"]) == {pd.Timestamp("2025-07-01")}


def test_osmosis_placeholder_times_are_no_dates():
    objects = _xml_objects(OSMOSIS)
    assert {(e.get("timestamp"), e.get("version")) for e in objects} == {
        ("1969-12-31T23:59:59Z", "-1")
    }
    assert "timestamp" not in ET.parse(OSMOSIS).getroot().attrib
    with pytest.raises(DataFileError) as err:
        gi.read_layer(OSMOSIS, "units")
    message = str(err.value)
    assert "survey_date=" in message
    assert f"{len(objects)} object(s) carry Osmosis's placeholder 1969-12-31T23:59:59Z" in message
    assert "2106" not in message
    assert "future" not in message
    assert len(message) < 400  # one short message, not a list of errors


def test_osmosis_extract_reads_with_survey_date():
    units = _read(OSMOSIS, n_warnings=1, survey_date="30.06.2025")
    assert units["last_edit"].isna().all()  # no 2106-02-07, no 1969
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-30")}
    vacant = units[units["status"] == "vacant"]
    assert vacant["unit_id"].tolist() == ["n3301934500", "n3301934501"]
    assert (vacant["vacant_since"] == pd.Timestamp("2025-06-30")).all()
    report = units.attrs["validation_report"]
    assert report.ok
    assert report.left_out == ["w123456790"]
    notes = " | ".join(report.notes)
    assert "11 object(s) carry a placeholder edit time" in notes


@pytest.mark.parametrize("stamp", ["1970-01-01T00:00:00Z", "2003-05-01T00:00:00Z"])
def test_times_before_openstreetmap_are_no_dates(tmp_path, stamp):
    path = tmp_path / "alt.osm"
    path.write_text(
        f'<osm version="0.6" generator="osmconvert 0.8.10" timestamp="{stamp}">'
        f'<node id="1" lat="51.5136" lon="7.4651" version="1" timestamp="{stamp}">'
        '<tag k="shop" v="vacant"/></node></osm>',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="survey_date="):
        gi.read_layer(path, "units")


def test_file_without_any_timestamp_needs_survey_date(tmp_path):
    path = tmp_path / "ohne_zeit.osm"
    path.write_text(
        '<osm version="0.6"><node id="1" lat="51.5136" lon="7.4651">'
        '<tag k="shop" v="vacant"/></node></osm>',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="survey_date="):
        gi.read_layer(path, "units")
    units = gi.read_layer(path, "units", survey_date="2025-06-30")
    assert units["vacant_since"].tolist() == [pd.Timestamp("2025-06-30")]


def test_corrupt_extract_and_wrong_kind_are_clear(tmp_path):
    bad = tmp_path / "kaputt.osm"
    bad.write_text("<osm><node id=", encoding="utf-8")
    with pytest.raises(DataFileError, match="cannot read the OpenStreetMap extract"):
        gi.read_layer(bad, "units")
    with pytest.raises(ValueError, match="kind='units'"):
        gi.read_layer(XML, "parcels")
    with pytest.raises(ValueError, match="kind='units'"):
        gi.read_layer(CENTER, "parcels")


# --------------------------------------------------------------------------- Overpass API JSON


def test_overpass_json_is_recognised_by_content(tmp_path):
    from geoinnenstadt.sources import osm

    renamed = tmp_path / "shops.json"
    shutil.copy(CENTER, renamed)
    assert osm.is_extract(renamed)
    assert osm.is_extract(GEOM)
    assert not osm.is_extract(FIXTURES / "leerstandsmelder" / "export.json")
    units = _read(renamed, n_warnings=1)
    assert len(units) == 6


def test_overpass_out_center():
    data = json.loads(CENTER.read_text(encoding="utf-8"))  # the oracle: plain json
    units = _read(CENTER, n_warnings=1).to_crs("EPSG:4326").set_index("unit_id")
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-30")}
    assert data["osm3s"]["timestamp_osm_base"] == "2025-06-30T12:03:41Z"
    notes = " | ".join(units.attrs["validation_report"].notes)
    assert "osm3s.timestamp_osm_base: 2025-06-30T12:03:41Z" in notes
    centers = {f"{e['type'][0]}{e['id']}": e.get("center") for e in data["elements"]}
    for oid in ("w123456789", "r998877"):
        point = units.loc[oid, "geometry"]
        assert (round(point.y, 7), round(point.x, 7)) == (centers[oid]["lat"], centers[oid]["lon"])
    assert units.loc["r998877", "osm_tag"] == "shop=mall"
    assert units.loc["n3301934504", ["status", "use", "previous_use"]].tolist() == [
        "vacant", "retail", "bakery",
    ]  # fmt: skip
    assert units.loc["n3301934504", "ground_floor"] == True  # noqa: E712
    assert units["last_edit"].isna().all()  # 'out center' without meta has no timestamps
    report = units.attrs["validation_report"]
    assert report.left_out == ["w123456792"]
    assert "not closed" in report.warnings.set_index("row").loc["w123456792", "problem"]


def test_overpass_out_geom():
    data = json.loads(GEOM.read_text(encoding="utf-8"))
    units = _read(GEOM, n_warnings=2).to_crs("EPSG:4326").set_index("unit_id")
    assert units.index.tolist() == ["n1184632201", "n1184632202", "w87001123"]
    way = next(e for e in data["elements"] if e["id"] == 87001123)
    ring = shapely.Polygon([(g["lon"], g["lat"]) for g in way["geometry"]])
    assert ring.contains(units.loc["w87001123", "geometry"])
    assert units.loc["n1184632202", "last_edit"] == pd.Timestamp("2024-12-09")
    assert units.loc["n1184632202", "vacant_since"] == pd.Timestamp("2024-12-09")
    warnings_ = units.attrs["validation_report"].warnings.set_index("row")
    assert "2 of its 5 point(s) are null" in warnings_.loc["w87001124", "problem"]
    assert "out center;" in warnings_.loc["r998878", "hint"]


def test_overpass_plain_out_leaves_ways_out_with_a_hint(tmp_path):
    data = json.loads(CENTER.read_text(encoding="utf-8"))
    for element in data["elements"]:
        element.pop("center", None)  # what 'out;' returns
    path = tmp_path / "out.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    units = _read(path, n_warnings=3)
    nodes = [f"n{e['id']}" for e in data["elements"] if e["type"] == "node"]
    assert units["unit_id"].tolist() == nodes
    report = units.attrs["validation_report"]
    assert report.left_out == ["w123456789", "w123456792", "r998877"]
    assert set(report.warnings["hint"]) == {
        "query with 'out center;' (or 'out geom;') so that ways and relations carry a position"
    }


def test_overpass_remark_and_cut_off_answers(tmp_path):
    data = json.loads(CENTER.read_text(encoding="utf-8"))
    data["remark"] = 'runtime error: Query timed out in "query" at line 3 after 26 seconds.'
    path = tmp_path / "remark.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    warnings_ = _read(path, n_warnings=2).attrs["validation_report"].warnings
    assert any("Query timed out" in p for p in warnings_["problem"])
    cut = tmp_path / "cut.json"
    cut.write_bytes(CENTER.read_bytes()[:900])
    with pytest.raises(DataFileError, match="not complete JSON"):
        gi.read_layer(cut, "units")


def test_overpass_without_timestamp_needs_survey_date(tmp_path):
    data = json.loads(GEOM.read_text(encoding="utf-8"))
    del data["osm3s"]
    for element in data["elements"]:
        element["timestamp"] = "1969-12-31T23:59:59Z"
    path = tmp_path / "ohne_zeit.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="survey_date="):
        gi.read_layer(path, "units")


def test_survey_date_is_refused_for_formats_with_their_own_dates(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("unit_id;lon;lat\nA;7.4651;51.5136\n", encoding="utf-8")
    with pytest.raises(ValueError, match="survey_date= applies to sources without survey dates"):
        gi.read_layer(path, "units", survey_date="30.06.2025")


# --------------------------------------------------------------------------- floor area missing


def _units(area, source, status=("occupied", "vacant", "vacant", "occupied")):
    n = len(area)
    return gpd.GeoDataFrame(
        {
            "unit_id": [f"U{i}" for i in range(n)],
            "survey_date": pd.Timestamp("2025-06-30"),
            "status": list(status)[:n],
            "floor_area_m2": area,
            "vacant_since": [
                pd.Timestamp("2025-01-01") if s == "vacant" else pd.NaT for s in list(status)[:n]
            ],
            "source": source,
        },
        geometry=[Point(393000 + 10 * i, 5708000) for i in range(n)],
        crs="EPSG:25832",
    )


def test_validate_allows_missing_area_only_for_sources_without_areas():
    mixed = _units([100.0, np.nan, np.nan, 50.0], ["Erhebung", "osm", "Erhebung", "OSM "])
    report = gi.validate(mixed, "units")
    assert report.errors[["row", "column"]].values.tolist() == [
        ["U2 @ 2025-06-30", "floor_area_m2"]
    ]
    assert any(
        n.startswith("1 row(s) without floor_area_m2 come from sources") for n in report.notes
    )
    assert gi.validate(_units([np.nan] * 4, ["leerstandsmelder"] * 4), "units").ok
    # a non-positive area stays an error, whatever the source
    assert not gi.validate(_units([0.0, 1.0, 1.0, 1.0], ["osm"] * 4), "units").ok


def test_validate_allows_a_missing_area_column_only_when_every_row_has_no_areas():
    osm_only = _units([np.nan] * 4, ["osm"] * 4).drop(columns="floor_area_m2")
    report = gi.validate(osm_only, "units")
    assert report.ok
    assert any(n.startswith("no column 'floor_area_m2'") for n in report.notes)
    mixed = _units([np.nan] * 4, ["osm", "osm", "osm", None]).drop(columns="floor_area_m2")
    assert "floor_area_m2" in gi.validate(mixed, "units").errors["column"].tolist()


@pytest.fixture
def quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["West", "Ost"]},
        geometry=[
            shapely.box(392990, 5707990, 393015, 5708010),
            shapely.box(393015, 5707990, 393100, 5708010),
        ],
        crs="EPSG:25832",
    )


def test_area_rates_exclude_and_count_units_without_area(quarters):
    # U0 occupied 100 m², U1 vacant (osm, no area), U2 vacant 40 m², U3 occupied (osm, no area),
    # U4 vacant 60 m² — Q1 holds U0..U2 (x 393000..393020 → U0, U1 in Q1; U2 on 393020 in Q2)
    units = _units(
        [100.0, np.nan, 40.0, np.nan, 60.0],
        ["Erhebung", "osm", "Erhebung", "osm", "Erhebung"],
        status=("occupied", "vacant", "vacant", "occupied", "vacant"),
    )
    with pytest.warns(GeoinnenstadtWarning, match=r"2 of 5 unit\(s\) have no floor area \(U1, U3"):
        table = gi.vacancy.rates(units, quarters, at="30.06.2025")
    assert table.attrs["units_without_floor_area"] == 2
    assert table.attrs["units_without_floor_area_ids"] == ["U1", "U3"]
    total = table.loc["total"]
    # count-based: all 5 units, 3 vacant
    assert (total["units"], total["vacant"]) == (5, 3)
    assert total["vacancy_rate"] == pytest.approx(3 / 5)
    # area-based: only U0, U2, U4 (200 m², 100 m² vacant)
    assert total["floor_area_m2"] == pytest.approx(200.0)
    assert total["vacant_floor_area_m2"] == pytest.approx(100.0)
    assert total["floor_area_vacancy_rate"] == pytest.approx(0.5)
    q1 = table.loc["Q1"]  # U0 (100 m², occupied), U1 (vacant, no area)
    assert (q1["units"], q1["vacant"], q1["vacancy_rate"]) == (2, 1, 0.5)
    assert q1["floor_area_vacancy_rate"] == pytest.approx(0.0)


def test_rates_of_units_that_all_lack_areas(quarters):
    units = _units([np.nan] * 4, ["osm"] * 4).drop(columns="floor_area_m2")
    with pytest.warns(GeoinnenstadtWarning, match="4 of 4 unit"):
        table = gi.vacancy.rates(units, quarters, at="30.06.2025")
    assert table.loc["total", "vacancy_rate"] == pytest.approx(0.5)
    assert np.isnan(table.loc["total", "floor_area_vacancy_rate"])


def test_missing_area_without_such_source_is_still_refused(quarters):
    units = _units([100.0, np.nan, 40.0, 10.0], "Erhebung")
    with pytest.raises(SchemaError, match=r"floor_area_m2 missing or not > 0 for unit.s. U1"):
        gi.vacancy.rates(units, quarters, at="30.06.2025")


def test_osm_units_feed_the_rates(quarters):
    units = _read(XML)
    big = gpd.GeoDataFrame(
        {"quarter_id": ["A"], "name": ["Mitte"]},
        geometry=[units.union_all().convex_hull.buffer(50)],
        crs=units.crs,
    )
    with pytest.warns(GeoinnenstadtWarning, match="8 of 8 unit"):
        table = gi.vacancy.rates(units, big, at="30.06.2025")
    assert (table.loc["A", "units"], table.loc["A", "vacant"]) == (8, 4)
    assert table.attrs["units_without_floor_area"] == 8


# --------------------------------------------------------------------------- command line


def test_cli_import_osm_writes_a_units_layer_that_reads_back(tmp_path, capsys):
    from geoinnenstadt.cli import main

    out = tmp_path / "units.gpkg"
    assert main(["import", "osm", str(XML), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "12 Zeile(n) aus" in text
    assert "8 übernommen, 4 ausgelassen, 4 Warnung(en) gemeldet" in text
    for way in REPORTED:
        assert way in text
    back = gi.read_layer(out, "units")  # the source column lets the missing areas pass
    assert back["unit_id"].tolist() == list(EXPECTED)
    assert (back["source"] == "osm").all()
    assert back["floor_area_m2"].isna().all()


def test_cli_import_osm_survey_date_and_wrong_source(tmp_path, capsys):
    from geoinnenstadt.cli import main

    out = tmp_path / "units.gpkg"
    assert main(["import", "osm", str(XML), "--out", str(out), "--survey-date", "01.02.2025"]) == 0
    assert set(gi.read_layer(out, "units")["survey_date"]) == {pd.Timestamp("2025-02-01")}
    capsys.readouterr()
    assert main(["import", "osm", str(out), "--out", str(tmp_path / "x.gpkg")]) == 2
    assert "not an OpenStreetMap extract" in capsys.readouterr().err
    assert not (tmp_path / "x.gpkg").exists()


def test_cli_import_osm_takes_a_saved_overpass_answer(tmp_path, capsys):
    from geoinnenstadt.cli import main

    case = next(
        c
        for c in json.loads((DATA / "REAL.json").read_text(encoding="utf-8"))["cases"]
        if c["file"] == GEOM.name
    )
    out = tmp_path / "units.gpkg"
    assert main(["import", "osm", str(GEOM), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    kept = case["records"] - len(case["left_out"])
    assert f"{case['records']} Zeile(n) aus" in text
    assert f"{kept} übernommen, {len(case['left_out'])} ausgelassen" in text
    assert len(gi.read_layer(out, "units")) == kept
