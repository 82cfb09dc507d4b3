"""OpenStreetMap extracts as units, and the rule "floor area may be missing for sources without areas"."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import Point

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError, GeoinnenstadtWarning, SchemaError
from geoinnenstadt.io import ReadWarning

DATA = Path(__file__).parent / "data" / "osm"
XML = DATA / "innenstadt.osm"

#: What the hand-made extract holds (see the XML): unit id → (status, use, previous_use, osm_tag)
EXPECTED = {
    "n1": ("occupied", "retail", None, "shop=bakery"),
    "n2": ("vacant", "retail", None, "shop=vacant"),
    "n3": ("vacant", "retail", "clothes", "disused:shop=clothes"),
    "n4": ("occupied", "gastronomy", None, "amenity=restaurant"),
    "n6": ("vacant", "retail", "shoes", "shop=shoes + disused=yes"),
    "n7": ("vacant", "office", "insurance", "office=insurance + vacant=yes"),
    "n8": ("occupied", "services", None, "craft=tailor"),
    "w201": ("occupied", "retail", None, "shop=supermarket"),
}
REPORTED = ["w202", "w203", "w205", "r301"]  # two-point ring, unclosed, node missing, relation


def _read(path, **kw) -> gpd.GeoDataFrame:
    with pytest.warns(ReadWarning, match="4 warnings"):
        return gi.read_layer(path, "units", **kw)


@pytest.fixture(scope="module")
def pbf(tmp_path_factory) -> Path:
    """The XML fixture written as .osm.pbf with pyosmium's writer, header time 30.06.2025 06:00 UTC."""
    import osmium

    out = tmp_path_factory.mktemp("osm") / "innenstadt.osm.pbf"
    header = osmium.io.Header()
    header.set("osmosis_replication_timestamp", "2025-06-30T06:00:00Z")
    with osmium.SimpleWriter(str(out), header=header) as writer:
        for obj in osmium.FileProcessor(str(XML)):
            writer.add(obj)
    return out


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
    assert units.attrs["osm"]["reported_ids"] == REPORTED
    # 12 objects carry a business tag: 8 units + 4 reported; the bench and bare building are no units
    assert len(units) + len(REPORTED) == 12
    assert {k: units.attrs["osm"][k] for k in ("nodes", "ways", "relations", "units", "vacant")} == {
        "nodes": 17, "ways": 5, "relations": 1, "units": 8, "vacant": 4,
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
    assert "n999" in problems["w205"]
    assert "relation" in problems["r301"]


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
    units = _read(XML)
    text = units.drop(columns="geometry").astype(str).to_string() + str(
        units.attrs["validation_report"]
    )
    for user in ("mapper_a", "mapper_b", "mapper_c"):
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


def test_vacant_since_is_the_last_edit_or_the_survey_date_with_notes():
    units = _read(XML).set_index("unit_id")
    assert units.loc["n2", "vacant_since"] == pd.Timestamp("2025-03-10")
    assert units.loc["n3", "vacant_since"] == pd.Timestamp("2024-11-20")
    assert units.loc["n7", "vacant_since"] == pd.Timestamp("2025-01-15")
    assert units.loc["n6", "vacant_since"] == pd.Timestamp("2025-06-30")  # no edit time
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


def test_gz_and_pbf_give_the_same_units(tmp_path, pbf):
    gz = tmp_path / "innenstadt.osm.gz"
    with XML.open("rb") as f, gzip.open(gz, "wb") as g:
        shutil.copyfileobj(f, g)
    plain = _read(XML)
    for path in (gz, DATA / "innenstadt.osm.gz", pbf):
        other = _read(path)
        cols = ["unit_id", "status", "use", "previous_use", "address", "vacant_since"]
        pd.testing.assert_frame_equal(other[cols], plain[cols])
        assert other.geometry.geom_equals_exact(plain.geometry, tolerance=1e-6).all()


def test_pbf_header_timestamp_is_the_survey_date(pbf):
    units = _read(pbf)
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-30")}
    notes = units.attrs["validation_report"].notes
    assert any("osmosis_replication_timestamp" in n for n in notes)


def test_xml_meta_osm_base_is_the_survey_date(tmp_path):
    text = XML.read_text(encoding="utf-8").replace(
        '<osm version="0.6" generator="geoinnenstadt tests (hand-made)">',
        '<osm version="0.6" generator="overpass">\n  <meta osm_base="2025-07-01T10:00:00Z"/>',
    )
    path = tmp_path / "overpass.osm"
    path.write_text(text, encoding="utf-8")
    units = _read(path)
    assert set(units["survey_date"]) == {pd.Timestamp("2025-07-01")}


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
    assert "read 12 row(s) from" in text
    assert "8 kept, 4 left out, 4 warning(s) reported" in text
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
