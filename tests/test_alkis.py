"""ALKIS vereinfacht parcels: recognised by read_layer without a column mapping.

Fixtures: tests/data/alkis/ (written by tests/data/make_alkis.py): four parcels from NRW
(05) and Bavaria (09), one with a Nenner, one clipped at the extract's edge (geometry
500 m², official area 1,000 m²). The oracles below are hand-written.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.schema import ValidationReport
from geoinnenstadt.sources import alkis
from geoinnenstadt.sources.alkis import split_addresses

DATA = Path(__file__).parent / "data" / "alkis"
FILES = ["parcels.shp", "parcels.gpkg", "parcels.geojson", "parcels.gml"]

IDS = [
    "05453300101559______",  # NRW, Gemarkung 4533, Flur 1, Flurstück 1559 (no Nenner)
    "054533001001230004__",  # NRW, Flurstück 123/4
    "05453300200077______",  # NRW, Flur 2, Flurstück 77 (clipped)
    "090967___00707______",  # Bavaria: no Flur, Gemarkung 0967, Flurstück 707
]


def _read(path, **kwargs) -> gpd.GeoDataFrame:
    with pytest.warns(gi.io.ReadWarning):
        return gi.read_layer(path, "parcels", **kwargs)


def _alkis_frame(**columns) -> gpd.GeoDataFrame:
    """One NRW parcel (20 m × 30 m = 600 m²) with the given ALKIS columns."""
    return gpd.GeoDataFrame(
        {k: [v] for k, v in columns.items()},
        geometry=[box(393000, 5708000, 393020, 5708030)],
        crs="EPSG:25832",
    )


# --------------------------------------------------------------------------- all formats


@pytest.mark.parametrize("name", FILES)
def test_parcels_from_every_format(name):
    gdf = _read(DATA / name)
    assert gdf["parcel_id"].tolist() == IDS
    assert gdf["land"].tolist() == ["05", "05", "05", "09"]
    assert gdf["gemarkung"].tolist() == ["4533", "4533", "4533", "0967"]
    assert gdf["flur"].tolist() == ["1", "1", "2", pd.NA]
    assert gdf["zaehler"].tolist() == ["1559", "123", "77", "707"]
    assert gdf["nenner"].tolist() == [pd.NA, "4", pd.NA, pd.NA]
    assert gdf["official_area_m2"].tolist() == [600.0, 400.0, 1000.0, 250.0]
    assert gdf["location_text"].tolist() == [
        "Westenhellweg 12",
        "Stettfelder Straße 14a, 16",
        "Kampstraße 3",
        "Nähe Georg-Schäfer-Straße",
    ]
    assert gdf["land_use"].tolist()[1] == "Wohnbaufläche;400"
    assert gdf["updated_on"].tolist() == [
        pd.Timestamp("2024-03-15"),
        pd.Timestamp("2023-11-02"),
        pd.Timestamp("2022-05-30"),
        pd.Timestamp("2024-01-10"),
    ]
    assert gdf["land_name"].tolist() == ["Nordrhein-Westfalen"] * 3 + ["Bayern"]
    assert gdf["gemarkung_name"].tolist() == ["Dortmund"] * 3 + ["Schweinfurt"]
    assert gdf["idflurst"].tolist()[0] == "DENW36AL10000aFL"
    # the geometry area beside the official one
    assert gdf.geometry.area.round(6).tolist() == [600.0, 400.0, 500.0, 250.0]


@pytest.mark.parametrize("name", FILES)
def test_clipped_parcel_and_second_land_are_reported(name):
    gdf = _read(DATA / name)
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300200077______", "090967___00707______"]
    assert w["column"].tolist() == ["official_area_m2", "parcel_id"]
    assert w["problem"][0] == (
        "the geometry area 500 m² differs from the official area (flaeche) 1,000 m² by 50.0%"
    )
    assert "Land 09" in w["problem"][1]
    assert "Land 05" in w["problem"][1]


def test_shapefile_has_upper_case_names_and_no_flstkennz():
    fields = pyogrio.read_info(DATA / "parcels.shp")["fields"].tolist()
    assert "FLSTNRZAE" in fields
    assert "FLSTKENNZ" not in fields
    gdf = _read(DATA / "parcels.shp")
    assert gdf["parcel_id"].tolist() == IDS  # built from the parts
    assert not [c for c in gdf.columns if c != c.lower()]
    notes = gdf.attrs["validation_report"].notes
    assert any("ALKIS vereinfacht parcels recognised" in n and "parts" in n for n in notes)


def test_gml_with_xml_extension_and_no_gfs_written(tmp_path):
    target = tmp_path / "wfs_response.xml"
    shutil.copy(DATA / "parcels.gml", target)
    gdf = _read(target)
    assert gdf["parcel_id"].tolist() == IDS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wfs_response.xml"]


def test_geojson_in_lon_lat_compares_areas_in_metres(tmp_path):
    target = tmp_path / "rfc7946.geojson"
    gpd.read_file(DATA / "parcels.gpkg", engine="pyogrio").to_crs(4326).to_file(
        target, driver="GeoJSON", engine="pyogrio"
    )
    gdf = _read(target)
    assert gdf["parcel_id"].tolist() == IDS
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300200077______", "090967___00707______"]


def test_every_row_kept():
    for name in FILES:
        # plain pyogrio as the oracle (WRITE_GFS=NO: GDAL writes no .gfs beside the fixture)
        n = pyogrio.read_info(DATA / name, force_feature_count=True, WRITE_GFS="NO")["features"]
        assert len(_read(DATA / name)) == n
    assert not list(DATA.glob("*.gfs"))


# --------------------------------------------------------------------------- flstkennz


def test_malformed_flstkennz_is_rebuilt_from_the_parts_and_reported(tmp_path):
    g = _alkis_frame(
        flstkennz="0545330010155900X___",
        landschl="05",
        gemaschl="054533",
        flurschl="054533001",
        flstnrzae="1559",
        flstnrnen="",
        flaeche=600.0,
    )
    g.to_file(tmp_path / "p.gpkg", engine="pyogrio")
    gdf = _read(tmp_path / "p.gpkg")
    assert gdf["parcel_id"].tolist() == ["05453300101559______"]
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300101559______"]
    assert "flstkennz '0545330010155900X___' is malformed" in w["problem"][0]


def test_malformed_flstkennz_without_parts_is_a_schema_error(tmp_path):
    _alkis_frame(flstkennz="05453300101559", flaeche=600.0).to_file(
        tmp_path / "p.gpkg", engine="pyogrio"
    )
    with pytest.raises(SchemaError, match="malformed Flurstückskennzeichen '05453300101559'"):
        gi.read_layer(tmp_path / "p.gpkg", "parcels")


def test_flstkennz_contradicting_the_parts_is_reported(tmp_path):
    # flstkennz names Flur 1, flurschl Flur 2: the Kennzeichen wins, the contradiction is reported
    _alkis_frame(
        flstkennz="05453300101559______",
        gemaschl="054533",
        flurschl="054533002",
        flstnrzae="1559",
        flaeche=600.0,
    ).to_file(tmp_path / "p.gpkg", engine="pyogrio")
    gdf = _read(tmp_path / "p.gpkg")
    assert gdf["flur"].tolist() == ["1"]
    w = gdf.attrs["validation_report"].warnings
    assert w["column"].tolist() == ["flur"]
    assert "contradicts the Flurstückskennzeichen" in w["problem"][0]


def test_row_without_parts_is_reported_not_dropped(tmp_path):
    g = pd.concat(
        [
            _alkis_frame(
                idflurst="A",
                landschl="05",
                gemaschl="054533",
                flurschl="054533001",
                flstnrzae="1559",
                flaeche=600.0,
            ),
            _alkis_frame(
                idflurst="B",
                landschl="05",
                gemaschl="054533",
                flurschl="054533001",
                flstnrzae="",
                flaeche=600.0,
            ),
        ],
        ignore_index=True,
    )
    g.to_file(tmp_path / "p.gpkg", engine="pyogrio")
    with pytest.raises(SchemaError, match="row #2, column 'parcel_id': required value") as e:
        gi.read_layer(tmp_path / "p.gpkg", "parcels")
    w = e.value.report.warnings
    assert w["row"].tolist() == ["#2 (B)"]
    assert "cannot be built from the parts: zaehler" in w["problem"][0]


# --------------------------------------------------------------------------- parts


def test_numeric_codes_as_gdal_reads_them():
    # GML/Excel: landschl 5, gemaschl 54533, flurschl 54533001, Nenner 0.0/NaN
    raw = _alkis_frame(
        landschl=5,
        gemaschl=54533,
        flurschl=54533001.0,
        flstnrzae=1559,
        flstnrnen=float("nan"),
        flaeche=600,
    )
    frame, _ = alkis.recognise(raw, "parcels", None, ValidationReport("parcels"))
    assert frame["parcel_id"].tolist() == ["05453300101559______"]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        # land as code, gemarkung as 4-digit number, flur as "Flur 12"
        ({"land": "9", "gemarkung": "967", "flur": "", "flstnrzae": "707"}, "090967___00707______"),
        (
            {
                "LAND": "05",
                "GEMARKUNG": "4533",
                "FLUR": "Flur 12",
                "FLSTNRZAE": "8",
                "FLSTNRNEN": "3",
            },
            "054533012000080003__",
        ),
        # 4-digit gemaschl plus landschl; Flur 000 means none
        (
            {"landschl": "09", "gemaschl": "0967", "flurschl": "000", "flstnrzae": "707"},
            "090967___00707______",
        ),
    ],
)
def test_parts_in_their_land_specific_forms(columns, expected):
    frame, _ = alkis.recognise(
        _alkis_frame(**columns), "parcels", None, ValidationReport("parcels")
    )
    assert frame["parcel_id"].tolist() == [expected]


def test_numeric_land_column_is_the_code_text_land_column_is_the_name():
    frame, _ = alkis.recognise(
        _alkis_frame(land="05", gemarkung="Dortmund", gemaschl="054533", flstnrzae="1"),
        "parcels",
        None,
        ValidationReport("parcels"),
    )
    assert frame["land"].tolist() == ["05"]
    assert frame["gemarkung_name"].tolist() == ["Dortmund"]
    assert "land_name" not in frame.columns


def test_invalid_aktualit_is_reported_with_the_parcel(tmp_path):
    _alkis_frame(flstkennz="05453300101559______", flaeche=600.0, aktualit="31.02.2024").to_file(
        tmp_path / "p.gpkg", engine="pyogrio"
    )
    gdf = _read(tmp_path / "p.gpkg")
    assert gdf["updated_on"].isna().tolist() == [True]
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300101559______"]
    assert w["column"].tolist() == ["updated_on"]
    assert "'31.02.2024' is not a calendar date" in w["problem"][0]


def test_official_area_within_one_percent_is_not_reported():
    pre = ValidationReport("parcels")
    # 600 m² geometry: 606 m² is 0.99 % off, 607 m² 1.15 %
    alkis.recognise(
        _alkis_frame(flstkennz="05453300101559______", flaeche=606.0), "parcels", None, pre
    )
    assert pre.warnings.empty
    alkis.recognise(
        _alkis_frame(flstkennz="05453300101559______", flaeche=607.0), "parcels", None, pre
    )
    assert pre.warnings["column"].tolist() == ["official_area_m2"]


# --------------------------------------------------------------------------- not ALKIS


def test_user_mapping_wins(tmp_path):
    _alkis_frame(flstkennz="05453300101559______", flaeche=600.0).to_file(
        tmp_path / "p.gpkg", engine="pyogrio"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gdf = gi.read_layer(tmp_path / "p.gpkg", "parcels", columns={"flstkennz": "parcel_id"})
    assert gdf["parcel_id"].tolist() == ["05453300101559______"]
    assert gdf["flaeche"].tolist() == [600.0]  # not recognised: the columns stay as they are
    assert "official_area_m2" not in gdf.columns


def test_other_kinds_and_other_schemas_are_left_alone():
    raw = _alkis_frame(flstkennz="05453300101559______", flaeche=600.0)
    pre = ValidationReport("sites")
    assert alkis.recognise(raw, "sites", None, pre)[0] is raw
    plain = _alkis_frame(parcel_id="05453300101559______", flaeche=600.0)
    assert alkis.recognise(plain, "parcels", None, pre)[0] is plain
    assert not pre.notes
    assert pre.warnings.empty


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stettfelder Straße 14a, 16", ["Stettfelder Straße 14a", "Stettfelder Straße 16"]),
        ("Nähe Georg-Schäfer-Straße", ["Nähe Georg-Schäfer-Straße"]),
        ("Westenhellweg 12", ["Westenhellweg 12"]),
        ("Hauptstr. 1, 3-5, Am Markt 2", ["Hauptstr. 1", "Hauptstr. 3-5", "Am Markt 2"]),
        ("Kampstraße 12 A, 12/1", ["Kampstraße 12 A", "Kampstraße 12/1"]),
        ("Am Markt 2; Kirchgasse", ["Am Markt 2", "Kirchgasse"]),
        ("Straße des 17. Juni 4", ["Straße des 17. Juni 4"]),
        ("  Westenhellweg   12 ", ["Westenhellweg 12"]),
        ("", []),
        (None, []),
        (float("nan"), []),
    ],
)
def test_split_addresses(text, expected):
    assert split_addresses(text) == expected


def test_xml_without_gml_is_refused_with_what_it_is(tmp_path):
    target = tmp_path / "export.xml"
    target.write_text('<?xml version="1.0"?><kml><Placemark/></kml>', encoding="utf-8")
    with pytest.raises(gi.errors.DataFileError, match="an XML file without GML geometries"):
        gi.read_layer(target, "parcels")


def test_gml_without_extension_is_detected(tmp_path):
    target = tmp_path / "GetFeature"
    shutil.copy(DATA / "parcels.gml", target)
    assert _read(target)["parcel_id"].tolist() == IDS
