"""ALKIS parcels: recognised by read_layer without a column mapping, from every published form.

Fixtures: tests/data/alkis/ (SOURCES.md names the real sample each follows). The oracles
below are hand-written from the files: the ids, parts and areas were read off the XML/DBF
text, never from the reader.

* ``parcels.gpkg`` / ``parcels.gml`` (make_alkis.py): three NRW parcels as the GeoPackage per
  Kreis and the ALKIS vereinfacht WFS publish them, one clipped at the extract's edge;
* ``parcels.shp`` (make_alkis.py): two Brandenburg parcels as Brandenburg's Shapefile
  (EPSG:25833, ``tntext``, ``flurstnr``);
* ``wfs_ave_thueringen.xml``: a Thüringen WFS response (alkis-vereinfacht/1.0, lat/lon
  order, a boundary with a circular arc, ``Flur 2``, ``flurstnr`` ``425/1``);
* ``nas_nba_nrw.xml``: a NAS update (NBA) after GDAL's autotest file, with a Replace, an
  Insert with an arc, the same object delivered again and a deletion;
* ``nas_wfs_nrw.xml``: NRW's AAA-model WFS response (NAS structure), excerpt.
"""

from __future__ import annotations

import shutil
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from helpers import FIXTURES
from shapely.geometry import Polygon, box

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.schema import ValidationReport
from geoinnenstadt.sources import alkis, nas
from geoinnenstadt.sources.alkis import split_addresses

DATA = FIXTURES / "alkis"
NRW_FILES = ["parcels.gpkg", "parcels.gml"]

IDS = [
    "05453300101559______",  # NRW, Gemarkung 4533, Flur 1, Flurstück 1559 (no Nenner)
    "054533001001230004__",  # NRW, Flurstück 123/4
    "05453300200077______",  # NRW, Flur 2, Flurstück 77 (clipped)
]


def _read(path, **kwargs) -> gpd.GeoDataFrame:
    with pytest.warns(gi.io.ReadWarning):
        return gi.read_layer(path, "parcels", **kwargs)


def _quiet(path, **kwargs) -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", gi.io.ReadWarning)
        return gi.read_layer(path, "parcels", **kwargs)


def _alkis_frame(**columns) -> gpd.GeoDataFrame:
    """One NRW parcel (20 m × 30 m = 600 m²) with the given ALKIS columns."""
    return gpd.GeoDataFrame(
        {k: [v] for k, v in columns.items()},
        geometry=[box(393000, 5708000, 393020, 5708030)],
        crs="EPSG:25832",
    )


# --------------------------------------------------------------------------- NRW GeoPackage, WFS


@pytest.mark.parametrize("name", NRW_FILES)
def test_nrw_parcels_from_geopackage_and_wfs(name):
    gdf = _read(DATA / name)
    assert gdf["parcel_id"].tolist() == IDS
    assert gdf["land"].tolist() == ["05", "05", "05"]
    assert gdf["gemarkung"].tolist() == ["4533", "4533", "4533"]
    assert gdf["flur"].tolist() == ["1", "1", "2"]  # flur "001" as NRW pads it
    assert gdf["zaehler"].tolist() == ["1559", "123", "77"]
    assert gdf["nenner"].tolist() == [pd.NA, "4", pd.NA]
    assert gdf["official_area_m2"].tolist() == [600.0, 400.0, 1000.0]
    assert gdf["location_text"].tolist() == [
        "Westenhellweg 12",
        "Stettfelder Straße 14a, 16",
        "Kampstraße 3",
    ]
    assert gdf["land_use"].tolist()[1] == "Wohnbaufläche;400"
    assert gdf["updated_on"].tolist() == [
        pd.Timestamp("2024-03-15"),
        pd.Timestamp("2023-11-02"),
        pd.Timestamp("2022-05-30"),
    ]
    assert gdf["land_name"].tolist() == ["Nordrhein-Westfalen"] * 3
    assert gdf["gemarkung_name"].tolist() == ["Dortmund"] * 3
    assert gdf["idflurst"].tolist()[0] == "DENW36AL10000aXy"
    assert gdf["gmdschl"].tolist()[0] == "05913000"
    # the geometry area beside the official one
    assert gdf.geometry.area.round(6).tolist() == [600.0, 400.0, 500.0]


@pytest.mark.parametrize("name", NRW_FILES)
def test_clipped_parcel_is_reported(name):
    gdf = _read(DATA / name)
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300200077______"]
    assert w["column"].tolist() == ["official_area_m2"]
    assert w["problem"][0] == (
        "the geometry area 500 m² differs from the official area (flaeche) 1,000 m² by 50.0%"
    )


def test_geopackage_has_the_nrw_attribute_list_in_order():
    info = pyogrio.read_info(DATA / "parcels.gpkg", layer="Flurstueck")
    assert info["fields"].tolist()[:5] == ["oid", "aktualit", "idflurst", "flaeche", "flstkennz"]
    assert len(info["fields"]) == 22


def test_parcel_layer_is_taken_beside_the_buildings():
    layers = [name for name, _ in pyogrio.list_layers(DATA / "parcels.gpkg")]
    assert layers == ["Flurstueck", "GebauedeBauwerk"]
    gdf = _read(DATA / "parcels.gpkg")  # no layer= needed for kind="parcels"
    assert gdf.attrs["source"].endswith("parcels.gpkg:Flurstueck")
    assert gdf["parcel_id"].tolist() == IDS
    with pytest.raises(gi.errors.DataFileError, match="choose one with layer="):
        gi.read_layer(DATA / "parcels.gpkg", "sites")


def test_gml_with_xml_extension_and_no_gfs_written(tmp_path):
    target = tmp_path / "wfs_response.xml"
    shutil.copy(DATA / "parcels.gml", target)
    gdf = _read(target)
    assert gdf["parcel_id"].tolist() == IDS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wfs_response.xml"]


def test_geojson_in_lon_lat_compares_areas_in_metres(tmp_path):
    target = tmp_path / "rfc7946.geojson"
    gpd.read_file(DATA / "parcels.gpkg", layer="Flurstueck", engine="pyogrio").to_crs(4326).to_file(
        target, driver="GeoJSON", engine="pyogrio"
    )
    gdf = _read(target)
    assert gdf["parcel_id"].tolist() == IDS
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05453300200077______"]


def test_every_row_kept():
    for name in [*NRW_FILES, "parcels.shp"]:
        # plain pyogrio as the oracle (WRITE_GFS=NO: GDAL writes no .gfs beside the fixture)
        if name.endswith(".gml"):
            n = pyogrio.read_info(DATA / name, force_feature_count=True, WRITE_GFS="NO")
        else:
            n = pyogrio.read_info(DATA / name, layer=0, force_feature_count=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", gi.io.ReadWarning)
            assert len(gi.read_layer(DATA / name, "parcels")) == n["features"]
    assert not list(DATA.glob("*.gfs"))


# --------------------------------------------------------------------------- Brandenburg Shapefile


def test_brandenburg_shapefile_tntext_flurstnr_and_epsg_25833():
    gdf = _quiet(DATA / "parcels.shp")
    assert gdf["parcel_id"].tolist() == ["12120100100245______", "121201001002460003__"]
    assert gdf["zaehler"].tolist() == ["245", "246"]
    assert gdf["nenner"].tolist() == [pd.NA, "3"]  # an empty text in the DBF is no Nenner
    assert gdf["land_use"].tolist() == ["Wohnbaufläche;812", "Handel und Dienstleistung;450"]
    assert gdf["flurstnr"].tolist() == ["245", "246/3"]
    assert gdf["official_area_m2"].tolist() == [812.0, 450.0]
    assert gdf["updated_on"].tolist() == [pd.Timestamp("2025-01-20"), pd.Timestamp("2024-09-02")]
    assert gdf.crs.to_epsg() == 25832  # reprojected from EPSG:25833
    assert gdf.geometry.area.round(1).tolist() == pytest.approx([812.0, 450.0], rel=2e-3)
    assert not [c for c in gdf.columns if c != c.lower()]


def test_flurstnr_alone_gives_zaehler_and_nenner():
    # BW/TH exports: no flstkennz, no flstnrzae/flstnrnen, only flurstnr "425/1"
    frame, _ = alkis.recognise(
        _alkis_frame(landschl="16", gemaschl="160115", flur="Flur 2", flurstnr="425/1"),
        "parcels",
        None,
        ValidationReport("parcels"),
    )
    assert frame["parcel_id"].tolist() == ["160115002004250001__"]
    assert frame["zaehler"].tolist() == ["425"]
    assert frame["nenner"].tolist() == ["1"]


# --------------------------------------------------------------------------- Thüringen WFS


TH_IDS = ["160115002004250001__", "16011500200431______", "160115003000120007__"]


def _th_oracle() -> list[Polygon]:
    """The rings of the file, parsed with ElementTree (lat lon → lon lat), arcs left straight."""
    ns = {"gml": "http://www.opengis.net/gml/3.2"}
    root = ET.parse(DATA / "wfs_ave_thueringen.xml").getroot()
    out = []
    for polygon in root.iter("{http://www.opengis.net/gml/3.2}Polygon"):
        values = [
            float(v)
            for pos_list in polygon.iterfind(".//gml:posList", ns)
            for v in (pos_list.text or "").split()
        ]
        pts = [(values[i + 1], values[i]) for i in range(0, len(values), 2)]
        out.append(Polygon(pts))
    return out


def test_thueringen_wfs_lat_lon_arcs_and_flur_text():
    gdf = _quiet(DATA / "wfs_ave_thueringen.xml")
    assert gdf["parcel_id"].tolist() == TH_IDS
    assert gdf["flur"].tolist() == ["2", "2", "3"]  # "Flur 2"
    assert gdf["zaehler"].tolist() == ["425", "431", "12"]
    assert gdf["nenner"].tolist() == ["1", pd.NA, "7"]
    assert gdf["official_area_m2"].tolist() == [1200.0, 1302.0, 400.0]
    assert gdf["land_name"].tolist() == ["Thüringen"] * 3
    assert gdf["land_use"].tolist()[0] == "Strassenverkehr; 1200"
    assert gdf["updated_on"].tolist()[1] == pd.Timestamp("2021-03-23")
    # lat/lon order understood: the parcels lie in Erfurt, in EPSG:25832 metres
    oracle = gpd.GeoSeries(_th_oracle(), crs=4326).to_crs(25832)
    assert gdf.geometry.centroid.distance(oracle.centroid).max() < 2.0
    # the arc is followed: 1,200 m² rectangle + circular segment (1,302 m² official); the
    # oracle, with the arc's three points joined by straight lines, has 1,275 m² only
    assert gdf.geometry.area.round(0).tolist() == pytest.approx([1200, 1302, 400], abs=3)
    assert oracle.area.round(0).tolist() == pytest.approx([1200, 1275, 400], abs=3)


# --------------------------------------------------------------------------- NAS


def test_nas_update_replace_insert_arc_and_repeated_object():
    gdf = _read(DATA / "nas_nba_nrw.xml")
    assert gdf["parcel_id"].tolist() == ["05420801400063______", "054208014000640002__"]
    assert gdf["gemarkung"].tolist() == ["4208", "4208"]
    assert gdf["flur"].tolist() == ["14", "14"]
    assert gdf["zaehler"].tolist() == ["63", "64"]
    assert gdf["nenner"].tolist() == [pd.NA, "2"]
    assert gdf["official_area_m2"].tolist() == [1520.0, 1281.0]
    assert gdf["updated_on"].tolist() == [pd.Timestamp("2011-04-29")] * 2
    assert gdf["idflurst"].tolist() == ["DENW44AL00003IkM", "DENW44AL00004XyZ"]
    assert gdf["gmdschl"].tolist() == ["05374040", "05374040"]
    assert gdf.crs.to_epsg() == 25832  # from the header: urn:adv:crs:ETRS89_UTM32 (standard)
    # the ring of curve members as shapely computes it from the posLists (the oracle)
    ring = [
        (405587.077, 5645095.264), (405619.756, 5645088.037), (405624.623, 5645148.000),
        (405601.501, 5645143.163), (405603.970, 5645134.207), (405591.735, 5645131.468),
        (405592.874, 5645126.920), (405592.875, 5645107.339),
    ]  # fmt: skip
    assert gdf.geometry.iloc[0].equals(Polygon(ring))
    # rectangle 30 m × 40 m plus the circular segment of the arc (r = 30.125 m, h = 4 m)
    assert gdf.geometry.iloc[1].area == pytest.approx(1281.13, abs=0.5)
    report = gdf.attrs["validation_report"]
    assert report.left_out == ["#3 (DENW44AL00004XyZ20110429T070635Z)"]
    w = report.warnings
    assert "was delivered before, as record #2" in w["problem"][0]
    assert any("deletes 1 parcel(s)" in n for n in report.notes)


def test_nas_from_the_aaa_model_wfs():
    gdf = _quiet(DATA / "nas_wfs_nrw.xml")
    assert gdf["parcel_id"].tolist() == ["05329001100085______"]
    assert gdf["official_area_m2"].tolist() == [684.0]
    assert gdf["flur"].tolist() == ["11"]
    assert gdf["gmdschl"].tolist() == ["05112000"]
    assert gdf["updated_on"].tolist() == [pd.Timestamp("2014-02-14")]
    assert gdf.crs.to_epsg() == 25832
    assert gdf.geometry.area.round(1).tolist() == [683.6]


def test_nas_is_recognised_by_content_not_by_name(tmp_path):
    target = tmp_path / "Bestand"
    shutil.copy(DATA / "nas_wfs_nrw.xml", target)
    assert nas.is_nas(target)
    assert not nas.is_nas(DATA / "parcels.gml")  # ALKIS vereinfacht, not NAS
    assert _quiet(target)["parcel_id"].tolist() == ["05329001100085______"]


def _nas_one(position: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<AX_Bestandsdatenauszug xmlns="http://www.adv-online.de/namespaces/adv/gid/7.1" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:wfs="http://www.opengis.net/wfs/2.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><enthaelt><wfs:FeatureCollection>'
        '<gml:featureMember><AX_Flurstueck gml:id="DESNAL0000000001">'
        "<lebenszeitintervall><AA_Lebenszeitintervall><beginnt>2020-01-02T03:04:05Z</beginnt>"
        f"{extra}</AA_Lebenszeitintervall></lebenszeitintervall><position>{position}</position>"
        "<gemarkung><AX_Gemarkung_Schluessel><land>14</land><gemarkungsnummer>0001</gemarkungsnummer>"
        "</AX_Gemarkung_Schluessel></gemarkung><flurstuecksnummer><AX_Flurstuecksnummer>"
        "<zaehler>5</zaehler></AX_Flurstuecksnummer></flurstuecksnummer>"
        "<flurstueckskennzeichen>14000100100005______</flurstueckskennzeichen>"
        '<amtlicheFlaeche uom="urn:adv:uom:m2">100</amtlicheFlaeche><flurnummer>1</flurnummer>'
        "</AX_Flurstueck></gml:featureMember></wfs:FeatureCollection></enthaelt>"
        "</AX_Bestandsdatenauszug>\n"
    )


_SQUARE_UTM33 = (
    '<gml:Polygon srsName="urn:adv:crs:ETRS89_UTM33"><gml:exterior><gml:LinearRing>'
    "<gml:posList>400000 5650000 400010 5650000 400010 5650010 400000 5650010 400000 5650000"
    "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
)


def test_nas_adv_crs_urn_on_the_geometry(tmp_path):
    target = tmp_path / "sachsen.xml"
    target.write_text(_nas_one(_SQUARE_UTM33), encoding="utf-8")
    gdf = _quiet(target)
    assert gdf["parcel_id"].tolist() == ["14000100100005______"]
    # 10 m × 10 m in EPSG:25833, a little larger in EPSG:25832 (another meridian)
    assert gdf.geometry.area.tolist() == pytest.approx([100.0], abs=0.5)


def test_nas_historical_version_and_shared_boundary_are_left_out(tmp_path):
    target = tmp_path / "historisch.xml"
    target.write_text(
        _nas_one(_SQUARE_UTM33, "<endet>2021-01-01T00:00:00Z</endet>"), encoding="utf-8"
    )
    gdf = _read(target)
    assert len(gdf) == 0  # nothing left: the layer has no features
    assert gdf.attrs["validation_report"].left_out == ["#1 (DESNAL0000000001)"]
    assert "historical version" in gdf.attrs["validation_report"].warnings["problem"][0]
    shared = (
        '<gml:Surface srsName="urn:adv:crs:ETRS89_UTM33"><gml:patches><gml:PolygonPatch>'
        '<gml:exterior><gml:Ring><gml:curveMember xlink:href="#DESNAL0000000K01"/></gml:Ring>'
        "</gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface>"
    )
    target.write_text(_nas_one(shared), encoding="utf-8")
    gdf = _read(target)
    assert gdf.attrs["validation_report"].left_out == ["#1 (DESNAL0000000001)"]
    assert "#DESNAL0000000K01" in gdf.attrs["validation_report"].warnings["problem"][0]


def test_nas_is_read_as_parcels_only():
    with pytest.raises(ValueError, match="kind='parcels'"):
        gi.read_layer(DATA / "nas_wfs_nrw.xml", "sites")


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


def test_nas_three_dimensional_poslist_and_pos_points(tmp_path):
    # srsDimension="3" on the polygon (heights 0), and a ring of gml:pos points
    cube = (
        '<gml:Polygon srsName="urn:adv:crs:ETRS89_UTM33" srsDimension="3"><gml:exterior>'
        "<gml:LinearRing><gml:posList>400000 5650000 0 400010 5650000 0 400010 5650010 0 "
        "400000 5650010 0 400000 5650000 0</gml:posList></gml:LinearRing></gml:exterior>"
        "</gml:Polygon>"
    )
    points = "".join(
        f"<gml:pos>{x} {y}</gml:pos>"
        for x, y in [(400000, 5650000), (400010, 5650000), (400010, 5650010), (400000, 5650000)]
    )
    triangle = (
        '<gml:Polygon srsName="urn:adv:crs:ETRS89_UTM33"><gml:exterior><gml:LinearRing>'
        f"{points}</gml:LinearRing></gml:exterior></gml:Polygon>"
    )
    for position, area in ((cube, 100.0), (triangle, 50.0)):
        target = tmp_path / "three.xml"
        target.write_text(_nas_one(position), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", gi.io.ReadWarning)  # the triangle's area
            gdf = gi.read_layer(target, "parcels")
        assert gdf.geometry.area.tolist() == pytest.approx([area], abs=0.5)


# --------------------------------------------------------------------------- Kennzeichen as numbers

# Parcel 05 3024 004 00034 0000 00 as Excel and some exports store it: a float.
# float64 keeps integers exactly only up to 2**53, so the digits read back differ.
KENNZ_TEXT = "05302400400034000000"
KENNZ_FLOAT = 5.302400400034e18


def _two_parcels(**columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {k: list(v) for k, v in columns.items()},
        geometry=[box(393000, 5708000, 393020, 5708030), box(393100, 5708000, 393120, 5708030)],
        crs="EPSG:25832",
    )


def test_flstkennz_stored_as_float_is_refused_naming_column_features_and_fix(tmp_path):
    # issue 24 case 2: read as 05302400400033999872, another valid parcel (33/9998)
    _two_parcels(idflurst=["DENW1", "DENW2"], flstkennz=[KENNZ_FLOAT, 5.302400400035e18],
                 flaeche=[600.0, 600.0]).to_file(tmp_path / "p.gpkg", engine="pyogrio")  # fmt: skip
    assert pyogrio.read_info(tmp_path / "p.gpkg")["dtypes"].tolist()[1] == "float64"
    wrong = f"{int(KENNZ_FLOAT):020d}"  # what the float holds (Python's int, the oracle)
    assert wrong == "05302400400033999872"
    assert wrong != KENNZ_TEXT
    with pytest.raises(SchemaError) as e:
        gi.read_layer(tmp_path / "p.gpkg", "parcels")
    errors = e.value.report.errors
    assert errors["row"].tolist() == ["#1 (DENW1)", "#2 (DENW2)"]
    assert errors["column"].tolist() == ["flstkennz", "flstkennz"]
    assert (
        "column 'flstkennz' holds the Flurstückskennzeichen as a floating-point number"
        in (errors["problem"][0])
    )
    assert f"read as {wrong}" in errors["problem"][0]
    assert "export or read the column as text" in errors["hint"][0]


def test_flstkennz_stored_as_float_with_parts_is_built_from_the_parts(tmp_path):
    _two_parcels(flstkennz=[KENNZ_FLOAT, KENNZ_FLOAT + 2**20], landschl=["05", "05"],
                 gemaschl=["053024", "053024"], flurschl=["053024004", "053024004"],
                 flstnrzae=["34", "35"], flstnrnen=["", "2"],
                 flaeche=[600.0, 600.0]).to_file(tmp_path / "p.gpkg", engine="pyogrio")  # fmt: skip
    gdf = _read(tmp_path / "p.gpkg")
    # hand-built from the parts: Land 05, Gemarkung 3024, Flur 004, 34 and 35/2
    assert gdf["parcel_id"].tolist() == ["05302400400034______", "053024004000350002__"]
    w = gdf.attrs["validation_report"].warnings
    assert w["row"].tolist() == ["05302400400034______", "053024004000350002__"]
    assert set(w["column"]) == {"flstkennz"}
    assert "built from landschl/gemaschl/flurschl/flstnrzae/flstnrnen" in w["problem"][0]


def test_flstkennz_stored_as_integer_gets_its_leading_zero_back(tmp_path):
    # an integer column is exact: only the leading zero is lost, repaired as before
    _two_parcels(flstkennz=[int(KENNZ_TEXT), 5302400400035000200],
                 flaeche=[600.0, 600.0]).to_file(tmp_path / "p.gpkg", engine="pyogrio")  # fmt: skip
    assert pyogrio.read_info(tmp_path / "p.gpkg")["dtypes"].tolist()[0] == "int64"
    gdf = _quiet(tmp_path / "p.gpkg")
    assert gdf["parcel_id"].tolist() == [KENNZ_TEXT, "05302400400035000200"]


def test_parcel_id_mapped_from_a_float_column_is_refused(tmp_path):
    _two_parcels(kennz=[KENNZ_FLOAT, 5.302400400035e18]).to_file(
        tmp_path / "p.gpkg", engine="pyogrio"
    )
    with pytest.raises(SchemaError) as e:
        gi.read_layer(tmp_path / "p.gpkg", "parcels", columns={"kennz": "parcel_id"})
    errors = e.value.report.errors
    assert len(errors) == 2
    assert set(errors["column"]) == {"parcel_id"}
    assert errors["problem"].str.contains("as a floating-point number").all()
    assert errors["hint"].str.startswith("export or read the column as text").all()


# --------------------------------------------------------------------------- .cpg of a Shapefile

# ``lagebeztxt`` of a parcel at a corner lists several addresses, so the text field is
# wider than 127 characters and its width byte in the DBF header (0x80–0xFE) is no UTF-8.
MANY = "; ".join(f"Brandenburger Straße {n}" for n in range(30, 40, 2))  # 5 × 23 + 4 × 2
ASCII_MANY = "; ".join(f"Dortustrasse {n}" for n in range(30, 50, 2))


def _brandenburg_shp(tmp_path, location: list[str], *, encoding: str, cpg: str) -> Path:
    """The Brandenburg fixture with other ``lagebeztxt`` values, written by GDAL."""
    gdf = gpd.read_file(DATA / "parcels.shp", engine="pyogrio")
    gdf["lagebeztxt"] = location
    path = tmp_path / "parcels.shp"
    pyogrio.write_dataframe(gdf, path, encoding=encoding)
    path.with_suffix(".cpg").write_text(cpg)
    return path


def _width_byte(path: Path, name: str) -> int:
    """The width of a DBF field, read from its 32-byte descriptor (the oracle)."""
    data = path.with_suffix(".dbf").read_bytes()
    for start in range(32, int.from_bytes(data[8:10], "little") - 1, 32):
        if data[start : start + 11].rstrip(b"\x00").decode() == name:
            return data[start + 16]
    raise AssertionError(name)


@pytest.mark.parametrize("cpg", ["UTF-8", "UTF8", "utf-8\r\n", "65001"])
def test_right_utf8_cpg_with_a_wide_text_field_reads_quietly(tmp_path, cpg):
    # issue 24 case 9: the width byte was taken for text, the DBF for cp1252: a spurious
    # warning and mojibake ("StraÃŸe")
    path = _brandenburg_shp(tmp_path, [MANY, "Nähe Brandenburger Straße"], encoding="UTF-8",
                            cpg=cpg)  # fmt: skip
    assert _width_byte(path, "lagebeztxt") == len(MANY.encode()) >= 0x80
    gdf = _quiet(path)
    assert gdf["location_text"].tolist() == [MANY, "Nähe Brandenburger Straße"]


@pytest.mark.parametrize(
    ("encoding", "cpg"), [("UTF-8", "UTF-8"), ("CP1252", "1252"), ("ISO-8859-1", "ISO-8859-1")]
)
def test_right_cpg_with_only_ascii_text_reads_quietly(tmp_path, encoding, cpg):
    path = _brandenburg_shp(tmp_path, [ASCII_MANY, "Nahe Dortustrasse"], encoding=encoding,
                            cpg=cpg)  # fmt: skip
    assert _width_byte(path, "lagebeztxt") == len(ASCII_MANY) >= 0x80
    gdf = _quiet(path)
    assert gdf["location_text"].tolist() == [ASCII_MANY, "Nahe Dortustrasse"]


@pytest.mark.parametrize("cpg", ["1252", "ANSI 1252", "ISO-8859-1", "88591"])
def test_right_single_byte_cpg_with_umlauts_reads_quietly(tmp_path, cpg):
    codec = "cp1252" if "1252" in cpg else "iso-8859-1"
    path = _brandenburg_shp(tmp_path, [MANY, "Nähe Brandenburger Straße"], encoding=codec,
                            cpg=cpg)  # fmt: skip
    assert b"Stra\xdfe" in path.with_suffix(".dbf").read_bytes()  # ß as one byte
    gdf = _quiet(path)
    assert gdf["location_text"].tolist() == [MANY, "Nähe Brandenburger Straße"]


def test_cpg_that_contradicts_the_bytes_still_warns(tmp_path):
    utf8 = _brandenburg_shp(tmp_path, [MANY, "Nähe Brandenburger Straße"], encoding="UTF-8",
                            cpg="1252")  # fmt: skip
    with pytest.warns(gi.io.ReadWarning, match=r"the \.cpg file says '1252'.*'StraÃŸe'"):
        gdf = gi.read_layer(utf8, "parcels")
    assert gdf["location_text"].tolist() == [MANY, "Nähe Brandenburger Straße"]
    (tmp_path / "cp").mkdir()
    cp1252 = _brandenburg_shp(tmp_path / "cp", [MANY, "Nähe Brandenburger Straße"],
                              encoding="CP1252", cpg="UTF-8")  # fmt: skip
    with pytest.warns(gi.io.ReadWarning, match=r"the \.cpg says 'UTF-8', but the DBF text is not"):
        gdf = gi.read_layer(cp1252, "parcels")
    assert gdf["location_text"].tolist() == [MANY, "Nähe Brandenburger Straße"]
