"""Tests of geoinnenstadt.io: read_layer on every format and every file-level bad input.

Bad files are generated inside the tests (tmp_path). Expected coordinates come
from hand arithmetic or an independent pyproj transformation.
"""

from __future__ import annotations

import gzip
import json
import struct
import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import CRS, Transformer
from pyproj.crs import ProjectedCRS
from pyproj.crs.coordinate_operation import TransverseMercatorConversion
from shapely.geometry import MultiPoint, Polygon, box

import geoinnenstadt as gi
from geoinnenstadt import io as gio
from geoinnenstadt.errors import CRSError, DataFileError, SchemaError

X0, Y0 = 393_000.0, 5_707_500.0  # lower-left corner of the conftest fixtures (EPSG:25832)
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
GERMAN_NAMES = ["Königsallee", "Brückstraße", "Düsseldorf"]


def _units_table() -> pd.DataFrame:
    """Three units as a plain table with lon/lat in degrees (Dortmund)."""
    return pd.DataFrame(
        {
            "unit_id": ["E1", "E2", "E3"],
            "survey_date": ["2025-06-30"] * 3,
            "status": ["occupied", "vacant", "occupied"],
            "floor_area_m2": ["120,5", "80", "45,25"],
            "vacant_since": ["", "2024-02-01", ""],
            "lon": [7.4651, 7.4660, 7.4702],
            "lat": [51.5136, 51.5140, 51.5121],
        }
    )


def _expected_utm(table: pd.DataFrame) -> np.ndarray:
    x, y = TO_UTM.transform(table["lon"].to_numpy(float), table["lat"].to_numpy(float))
    return np.column_stack([x, y])


def _xy(gdf: gpd.GeoDataFrame) -> np.ndarray:
    return shapely.get_coordinates(gdf.geometry.values)


def _write_geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(props: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _square(lon: float, lat: float, d: float = 0.001) -> dict:
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _write_shp(gdf: gpd.GeoDataFrame, path: Path, **kwargs) -> Path:
    """Write a Shapefile fixture; GDAL's notices about cut column names are expected here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, path, **kwargs)
    return path


def _read_quiet(*args, **kwargs) -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clean read must not warn
        return gi.read_layer(*args, **kwargs)


# --------------------------------------------------------------------------- file level


def test_file_not_found(tmp_path):
    with pytest.raises(DataFileError, match=r"nix\.gpkg: file not found"):
        gi.read_layer(tmp_path / "nix.gpkg", "quarters")


@pytest.mark.parametrize("name", ["leer.gpkg", "leer.csv", "leer.geojson", "leer.shp"])
def test_empty_file(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(DataFileError, match=rf"{name}: the file is empty \(0 bytes\)"):
        gi.read_layer(tmp_path / name, "quarters")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"Quartiere der Innenstadt\nBrueckviertel\n", "plain text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
        (b"<!DOCTYPE html><html><body>Login</body></html>", "an HTML web page"),
    ],
)
def test_not_a_geodata_file(tmp_path, content, what):
    path = tmp_path / "quartiere.gpkg"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "quartiere.gpkg: not a geodata file" in msg
    assert "GeoPackage" in msg
    assert what in msg
    assert err.value.__cause__ is None
    assert err.value.__context__ is None


def test_unsupported_extension(tmp_path):
    path = tmp_path / "quartiere.dat"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(DataFileError, match=r"quartiere\.dat: not a geodata file.*'\.dat'"):
        gi.read_layer(path, "quarters")


def test_truncated_geopackage(tmp_path, quarters_gdf):
    full = tmp_path / "full.gpkg"
    pyogrio.write_dataframe(quarters_gdf, full, layer="quarters")
    data = full.read_bytes()
    cut = tmp_path / "abgeschnitten.gpkg"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFileError, match=r"abgeschnitten\.gpkg: the GeoPackage is truncated"):
        gi.read_layer(cut, "quarters")


ALKIS_GML = FIXTURES / "alkis" / "parcels.gml"  # a WFS 2.0 response


@pytest.mark.parametrize("where", ["after the first feature", "inside a posList", "in the header"])
def test_truncated_gml_names_the_file_and_what_to_do(tmp_path, where):
    """Issue 24 case 9: a cut-off GML was read as fewer features (or "name x=, y=")."""
    data = ALKIS_GML.read_bytes()
    cut_at = {
        "after the first feature": data.index(b"</wfs:member>") + len(b"</wfs:member>\n"),
        "inside a posList": data.index(b"<gml:posList>") + len(b"<gml:posList>393020.0"),
        "in the header": 500,
    }[where]
    cut = tmp_path / "flurstuecke_wfs.gml"
    cut.write_bytes(data[:cut_at])
    with pytest.raises(DataFileError) as err:
        gi.read_layer(cut, "parcels")
    msg = str(err.value)
    assert msg.startswith(f"{cut}: the GML file is truncated: it ends after {cut_at:,} bytes")
    assert "Download or export it again" in msg
    assert "x=" not in msg
    if where == "after the first feature":  # expat stops at the end of the data
        line = data[:cut_at].count(b"\n") + 1
        assert f"at line {line}, column 1)" in msg


def test_damaged_gml_names_the_line(tmp_path):
    data = ALKIS_GML.read_bytes().replace(b"</ave:flur>", b"</ave:flurx>", 1)
    bad = tmp_path / "kaputt.gml"
    bad.write_bytes(data)
    line = data[: data.index(b"</ave:flurx>")].count(b"\n") + 1  # the line of the broken tag
    assert line > 1
    with pytest.raises(DataFileError, match=rf"kaputt\.gml: the GML file is not readable XML "
                       rf"\(mismatched tag at line {line}, "):  # fmt: skip
        gi.read_layer(bad, "parcels")


def test_corrupt_geopackage_with_intact_header(tmp_path, quarters_gdf):
    full = tmp_path / "full.gpkg"
    pyogrio.write_dataframe(quarters_gdf, full, layer="quarters")
    data = bytearray(full.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page, keep the size
    bad = tmp_path / "kaputt.gpkg"
    bad.write_bytes(bytes(data))
    with pytest.raises(DataFileError) as err:
        gi.read_layer(bad, "quarters")
    assert "kaputt.gpkg: cannot" in str(err.value)
    assert "corrupt" in str(err.value)
    assert err.value.__suppress_context__


def test_layer_does_not_exist_lists_layers(tmp_path, quarters_gdf):
    path = tmp_path / "stadt.gpkg"
    pyogrio.write_dataframe(quarters_gdf, path, layer="stadtteile")
    pyogrio.write_dataframe(quarters_gdf, path, layer="bezirke")
    with pytest.raises(DataFileError) as err:
        gi.read_layer(path, "quarters", layer="quartiere")
    msg = str(err.value)
    assert "stadt.gpkg: layer 'quartiere' does not exist" in msg
    assert "'stadtteile'" in msg
    assert "'bezirke'" in msg


def test_multilayer_needs_layer_unless_kind_matches(tmp_path, quarters_gdf, units_gdf):
    path = tmp_path / "stadt.gpkg"
    pyogrio.write_dataframe(quarters_gdf, path, layer="stadtteile")
    pyogrio.write_dataframe(quarters_gdf, path, layer="bezirke")
    with pytest.raises(DataFileError, match=r"2 layers: .*'stadtteile'.*layer='NAME'"):
        gi.read_layer(path, "quarters")
    assert len(_read_quiet(path, "quarters", layer="bezirke")) == 2
    assert len(_read_quiet(path, "quarters", layer=0)) == 2
    pyogrio.write_dataframe(units_gdf, path, layer="units")
    assert list(_read_quiet(path, "units")["unit_id"]) == ["E1", "E2", "E3"]


def test_excel_missing_sheet_lists_sheets(tmp_path):
    path = tmp_path / "erhebung.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Juni"
    wb.create_sheet("Juli")
    wb.save(path)
    with pytest.raises(DataFileError, match=r"sheet 'August' does not exist.*'Juni', 'Juli'"):
        gi.read_layer(path, "units", sheet="August")
    with pytest.raises(DataFileError, match=r"2 sheets.*sheet='NAME'"):
        gi.read_layer(path, "units")


def test_legacy_xls_explains(tmp_path):
    path = tmp_path / "alt.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DataFileError, match=r"alt\.xls: (legacy Excel|cannot)"):
        gi.read_layer(path, "units")


def test_shapefile_missing_dbf(tmp_path, quarters_gdf):
    path = tmp_path / "q.shp"
    pyogrio.write_dataframe(quarters_gdf, path)
    path.with_suffix(".dbf").unlink()
    with pytest.raises(DataFileError, match=r"q\.shp: the Shapefile is incomplete: q\.dbf missing"):
        gi.read_layer(path, "quarters")


def test_zip_without_geodata(tmp_path):
    path = tmp_path / "paket.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("liesmich.txt", "nichts")
    with pytest.raises(
        DataFileError, match=r"paket\.zip: the ZIP archive holds no Shapefile.*liesmich"
    ):
        gi.read_layer(path, "quarters")


# --------------------------------------------------------------------------- CRS


def test_no_crs_is_an_error_with_fix(tmp_path, quarters_gdf):
    path = tmp_path / "ohne_prj.shp"
    pyogrio.write_dataframe(quarters_gdf, path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(CRSError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "ohne_prj.shp" in msg
    assert "has no CRS (.prj missing?)" in msg
    assert "pass crs='EPSG:25832'" in msg
    gdf = _read_quiet(path, "quarters", crs="EPSG:25832")
    assert gdf.crs.to_epsg() == 25832
    np.testing.assert_allclose(gdf.total_bounds, [X0, Y0, X0 + 400, Y0 + 100])


def test_crs_argument_overrides_a_wrong_prj_with_warning(tmp_path, quarters_gdf):
    path = tmp_path / "falsche_prj.gpkg"
    pyogrio.write_dataframe(quarters_gdf.set_crs("EPSG:25833", allow_override=True), path)
    with pytest.warns(gio.ReadWarning, match=r"declares the CRS EPSG:25833.*crs='EPSG:25832'"):
        gdf = gi.read_layer(path, "quarters", crs="EPSG:25832")
    np.testing.assert_allclose(gdf.total_bounds, [X0, Y0, X0 + 400, Y0 + 100])
    report = gdf.attrs["validation_report"]
    assert "omit crs=" in report.warnings["hint"].iloc[0]


def test_custom_utm_false_easting_shapefile(tmp_path, units_gdf):
    """'Done when': ETRS89 UTM 32N with +x_0=2500000 in a .prj lands in EPSG:25832."""
    custom = ProjectedCRS(
        name="ETRS89 / UTM zone 32N (false easting 2500000)",
        conversion=TransverseMercatorConversion(
            latitude_natural_origin=0,
            longitude_natural_origin=9,
            false_easting=2_500_000,
            false_northing=0,
            scale_factor_natural_origin=0.9996,
        ),
        geodetic_crs=CRS("EPSG:4258"),  # ETRS89
    )
    assert custom.to_epsg() is None
    params = {p.name: p.value for p in custom.coordinate_operation.params}
    assert params["False easting"] == 2_500_000
    ref = _xy(units_gdf)
    moved = units_gdf.copy()
    # hand arithmetic: the same projection with a false easting larger by 2 000 000 m
    moved.geometry = gpd.points_from_xy(ref[:, 0] + 2_000_000, ref[:, 1])
    moved = moved.set_crs(None, allow_override=True)
    path = tmp_path / "sonder.shp"
    _write_shp(moved, path)
    path.with_suffix(".prj").write_text(custom.to_wkt("WKT1_ESRI"))
    gdf = _read_quiet(path, "units")
    assert gdf.crs.to_epsg() == 25832
    np.testing.assert_allclose(_xy(gdf), ref, rtol=0, atol=1e-6)
    # and against an independent pyproj transformation of the file's coordinates
    tx, ty = Transformer.from_crs(custom, "EPSG:25832", always_xy=True).transform(
        ref[:, 0] + 2_000_000, ref[:, 1]
    )
    np.testing.assert_allclose(_xy(gdf), np.column_stack([tx, ty]), rtol=0, atol=1e-6)


def test_geojson_wgs84_lands_correctly(tmp_path):
    table = _units_table()
    features = [
        _feature(
            {k: v for k, v in row.items() if k not in ("lon", "lat")},
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        )
        for row in table.to_dict("records")
    ]
    # a unit on the central meridian 9° E: UTM easting exactly 500 000 m by definition
    features.append(
        _feature(
            {
                "unit_id": "E9",
                "survey_date": "2025-06-30",
                "status": "occupied",
                "floor_area_m2": 50,
            },
            {"type": "Point", "coordinates": [9.0, 51.3]},
        )
    )
    path = _write_geojson(tmp_path / "einheiten.geojson", features)
    gdf = _read_quiet(path, "units")
    assert gdf.crs.to_epsg() == 25832
    np.testing.assert_allclose(_xy(gdf)[:3], _expected_utm(table), rtol=0, atol=1e-6)
    assert _xy(gdf)[3, 0] == pytest.approx(500_000.0, abs=1e-6)
    assert gdf["floor_area_m2"].tolist() == [120.5, 80.0, 45.25, 50.0]


def test_swapped_lat_lon_in_csv(tmp_path):
    table = _units_table()
    table["x"], table["y"] = table.pop("lat"), table.pop("lon")  # x holds latitudes
    path = tmp_path / "vertauscht.csv"
    table.to_csv(path, sep=";", index=False)
    with pytest.raises(CRSError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "vertauscht.csv" in msg
    assert "swapped" in msg
    assert "pass x='y', y='x'" in msg
    with pytest.raises(CRSError, match=r"swapped.*pass x='y', y='x'"):
        gi.read_layer(path, "units", crs="EPSG:4326")
    fixed = _read_quiet(path, "units", x="y", y="x")
    np.testing.assert_allclose(_xy(fixed), _expected_utm(_units_table()), atol=1e-6)


def test_swapped_axes_in_geojson(tmp_path):
    path = _write_geojson(
        tmp_path / "quartiere.geojson",
        [_feature({"quarter_id": "Q1", "name": "Altstadt"}, _square(51.51, 7.46))],
    )
    with pytest.raises(CRSError, match=r"quartiere\.geojson: no feature lies in Germany.*swapped"):
        gi.read_layer(path, "quarters")


def test_one_feature_outside_germany_is_named(tmp_path):
    table = _units_table()
    table.loc[2, ["lon", "lat"]] = [2.3522, 48.8566]  # Paris
    path = tmp_path / "ausreisser.csv"
    table.to_csv(path, index=False)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "ausreisser.csv" in msg
    assert "E3" in msg
    assert "outside Germany" in msg
    assert err.value.report is not None
    assert len(err.value.report.errors) == 1


def test_all_features_outside_germany(tmp_path):
    path = _write_geojson(
        tmp_path / "paris.geojson",
        [_feature({"quarter_id": "Q1", "name": "Marais"}, _square(2.35, 48.85))],
    )
    with pytest.raises(CRSError, match=r"paris\.geojson: none of the 1 features lies in Germany"):
        gi.read_layer(path, "quarters")


def test_utm_values_with_wrong_crs_argument(tmp_path, quarters_gdf):
    path = tmp_path / "q.shp"
    pyogrio.write_dataframe(quarters_gdf, path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(CRSError, match=r"look like UTM eastings/northings.*crs='EPSG:25832'"):
        gi.read_layer(path, "quarters", crs="EPSG:4326")


def test_csv_utm_with_crs_and_zone_prefixed_eastings_inferred(tmp_path, units_gdf):
    ref = _xy(units_gdf)
    base = pd.DataFrame(
        {
            "unit_id": ["E1", "E2", "E3"],
            "survey_date": ["30.06.2025"] * 3,
            "status": ["occupied"] * 3,
            "floor_area_m2": [1, 2, 3],
        }
    )
    utm = base.assign(Rechtswert=ref[:, 0], Hochwert=ref[:, 1])
    utm.to_csv(tmp_path / "utm.csv", index=False)
    gdf = _read_quiet(tmp_path / "utm.csv", "units", crs="EPSG:25832")  # no zone: crs= needed
    np.testing.assert_allclose(_xy(gdf), ref, atol=1e-6)
    assert any(
        "'Rechtswert'/'Hochwert' (EPSG:25832" in n for n in gdf.attrs["validation_report"].notes
    )
    zoned = base.assign(x=ref[:, 0] + 32_000_000, y=ref[:, 1])
    zoned.to_csv(tmp_path / "zone.csv", index=False)
    gdf = _read_quiet(tmp_path / "zone.csv", "units")
    np.testing.assert_allclose(_xy(gdf), ref, atol=1e-6)
    odd = base.assign(x=[1.0, 2.0, 3.0], y=[1.0, 2.0, 3.0])
    odd.to_csv(tmp_path / "odd.csv", index=False)
    with pytest.raises(CRSError, match=r"odd\.csv: cannot tell the CRS.*crs='EPSG:25832'"):
        gi.read_layer(tmp_path / "odd.csv", "units")


# --------------------------------------------------------------------------- geometry


def test_mixed_geometry_types(tmp_path):
    path = _write_geojson(
        tmp_path / "gemischt.geojson",
        [
            _feature({"quarter_id": "Q1", "name": "Altstadt"}, _square(7.46, 51.51)),
            _feature(
                {"quarter_id": "Q2", "name": "Punkt"},
                {"type": "Point", "coordinates": [7.47, 51.515]},
            ),
        ],
    )
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "gemischt.geojson" in msg
    assert "row Q2" in msg
    assert "geometry type Point is not allowed for quarters" in msg
    assert "Point, Polygon" in msg


def test_empty_and_missing_geometries(tmp_path):
    path = _write_geojson(
        tmp_path / "leer.geojson",
        [
            _feature({"quarter_id": "Q1", "name": "A"}, _square(7.46, 51.51)),
            _feature({"quarter_id": "Q2", "name": "B"}, None),
            _feature({"quarter_id": "Q3", "name": "C"}, {"type": "Polygon", "coordinates": []}),
        ],
    )
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters")
    errors = err.value.report.errors
    assert errors[["row", "problem"]].values.tolist() == [
        ["Q2", "geometry is missing"],
        ["Q3", "geometry is empty"],
    ]


def _bowtie_gpkg(path: Path) -> Path:
    bowtie = Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])
    gdf = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Schleife", "Rechteck"]},
        geometry=[bowtie, box(X0 + 100, Y0, X0 + 200, Y0 + 100)],
        crs="EPSG:25832",
    )
    pyogrio.write_dataframe(gdf, path, layer="quarters")
    return path


def test_bowtie_is_an_error_naming_feature_and_reason(tmp_path):
    path = _bowtie_gpkg(tmp_path / "schleife.gpkg")
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "schleife.gpkg" in msg
    assert "row Q1" in msg
    assert "Self-intersection" in msg
    assert "repair=True" in msg


def test_bowtie_repaired_with_make_valid(tmp_path):
    path = _bowtie_gpkg(tmp_path / "schleife.gpkg")
    with pytest.warns(gio.ReadWarning, match=r"Q1: geometry repaired with shapely\.make_valid"):
        gdf = gi.read_layer(path, "quarters", repair=True)
    report = gdf.attrs["validation_report"]
    assert report.repaired == ["Q1"]
    assert report.warnings["row"].tolist()[0] == "Q1"
    q1 = gdf.geometry.iloc[0]
    assert q1.is_valid
    assert q1.geom_type == "MultiPolygon"
    # both lobes kept: two triangles of 100 m × 50 m / 2 each (buffer(0) would keep one)
    assert q1.area == pytest.approx(2 * 100 * 50 / 2)
    assert gdf.geometry.iloc[1].area == pytest.approx(100 * 100)


def test_repair_keeps_polygonal_part_of_collection(tmp_path):
    collection = shapely.GeometryCollection(
        [box(X0, Y0, X0 + 10, Y0 + 10), shapely.LineString([(X0, Y0), (X0 - 50, Y0 - 50)])]
    )
    gdf = gpd.GeoDataFrame(
        {"site_id": ["S1"], "status": ["available"], "restriction": ["none"]},
        geometry=[collection],
        crs="EPSG:25832",
    )
    path = tmp_path / "flaechen.gpkg"
    pyogrio.write_dataframe(gdf, path, layer="sites")
    with pytest.raises(SchemaError, match="GeometryCollection is not allowed"):
        gi.read_layer(path, "sites")
    with pytest.warns(gio.ReadWarning):
        out = gi.read_layer(path, "sites", repair=True)
    assert out.geometry.iloc[0].geom_type == "Polygon"
    assert out.geometry.iloc[0].area == pytest.approx(100.0)
    assert out.attrs["validation_report"].repaired == ["S1"]


def test_single_part_multipoints_become_points(tmp_path, units_gdf):
    multi = units_gdf.copy()
    multi.geometry = [MultiPoint([g]) for g in units_gdf.geometry]
    path = tmp_path / "multi.gpkg"
    pyogrio.write_dataframe(multi, path)
    gdf = _read_quiet(path, "units")
    assert (gdf.geom_type == "Point").all()
    np.testing.assert_allclose(_xy(gdf), _xy(units_gdf))


# --------------------------------------------------------------------------- attributes


def test_duplicate_ids(tmp_path, quarters_gdf):
    dup = quarters_gdf.assign(quarter_id=["Q1", "Q1"])
    path = tmp_path / "doppelt.gpkg"
    pyogrio.write_dataframe(dup, path)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "doppelt.gpkg" in msg
    assert "row Q1" in msg
    assert "duplicate quarter_id" in msg


def test_missing_required_column_lists_existing(tmp_path, quarters_gdf):
    path = tmp_path / "ohne_name.gpkg"
    pyogrio.write_dataframe(quarters_gdf.rename(columns={"name": "bezeichnung"}), path)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "ohne_name.gpkg" in msg
    assert "required column 'name' is missing" in msg
    assert "quarter_id, bezeichnung" in msg
    assert "columns={'SOURCE': 'name'}" in msg
    gdf = _read_quiet(path, "quarters", columns={"Bezeichnung": "name"})  # case-insensitive
    assert gdf["name"].tolist() == ["Brückviertel", "Königsviertel"]


def test_columns_mapping_missing_source_column(tmp_path, quarters_gdf):
    path = tmp_path / "q.gpkg"
    pyogrio.write_dataframe(quarters_gdf, path)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "quarters", columns={"STV_NR": "quarter_id"})
    msg = str(err.value)
    assert "q.gpkg:q: column 'STV_NR' given in columns= does not exist" in msg
    assert "'quarter_id', 'name'" in msg


def test_columns_mapping_renames_and_keeps_extra_columns(tmp_path, quarters_gdf):
    src = quarters_gdf.rename(columns={"quarter_id": "STV_NR", "name": "STV_NAME"}).assign(
        EW=[1200, 800]
    )
    path = tmp_path / "stadtteile.geojson"
    src.to_crs(4326).to_file(path)
    gdf = _read_quiet(path, "quarters", columns={"STV_NR": "quarter_id", "stv_name": "name"})
    assert list(gdf.columns) == ["quarter_id", "name", "EW", "geometry"]
    assert gdf["quarter_id"].tolist() == ["Q1", "Q2"]
    assert gdf["EW"].tolist() == [1200, 800]


def test_columns_mapping_duplicate_target(tmp_path, quarters_gdf):
    path = tmp_path / "q.gpkg"
    pyogrio.write_dataframe(quarters_gdf.assign(NAME_DE=["a", "b"]), path)
    with pytest.raises(SchemaError, match=r"duplicate columns 'name'"):
        gi.read_layer(path, "quarters", columns={"NAME_DE": "name"})


def test_uppercase_schema_columns_are_matched(tmp_path, quarters_gdf):
    path = tmp_path / "gross.gpkg"
    pyogrio.write_dataframe(quarters_gdf.rename(columns=str.upper), path)
    gdf = _read_quiet(path, "quarters")
    assert gdf["quarter_id"].tolist() == ["Q1", "Q2"]
    assert "column 'QUARTER_ID' used as 'quarter_id'" in gdf.attrs["validation_report"].notes


def _units_geojson(path: Path, **changes: list) -> Path:
    table = _units_table()
    for col, values in changes.items():
        table[col] = values
    features = [
        _feature(
            {k: v for k, v in row.items() if k not in ("lon", "lat")},
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        )
        for row in table.to_dict("records")
    ]
    return _write_geojson(path, features)


def test_unknown_status_value_did_you_mean(tmp_path):
    path = _units_geojson(tmp_path / "status.geojson", status=["leer", "vacnt", "occupied"])
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "status.geojson" in msg
    assert "row E1 @ 2025-06-30, column 'status': unknown value 'leer'" in msg
    assert "unknown value 'vacnt' — allowed: occupied, vacant (did you mean 'vacant'?)" in msg


@pytest.mark.parametrize("area", ["0", "-12,5"])
def test_non_positive_floor_area(tmp_path, area):
    path = tmp_path / "flaeche.csv"
    _units_table().assign(floor_area_m2=["120,5", area, "45,25"]).to_csv(path, sep=";", index=False)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "flaeche.csv" in msg
    assert "row E2" in msg
    assert "floor area must be > 0" in msg


def test_vacant_since_after_survey_date(tmp_path):
    path = _units_geojson(tmp_path / "datum.geojson", vacant_since=["", "2025-07-15", ""])
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "row E2" in msg
    assert "vacant_since 2025-07-15 is after survey_date 2025-06-30" in msg


def test_malformed_flurstueckskennzeichen(tmp_path):
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["051234017001230004__", "05-1234-17-123/4"]},
        geometry=[box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 10, Y0, X0 + 20, Y0 + 10)],
        crs="EPSG:25832",
    )
    path = tmp_path / "flurstuecke.gpkg"
    pyogrio.write_dataframe(parcels, path)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "parcels")
    msg = str(err.value)
    assert "flurstuecke.gpkg" in msg
    assert "malformed Flurstückskennzeichen '05-1234-17-123/4'" in msg
    assert len(err.value.report.errors) == 1


def test_unreadable_csv_coordinate_is_named(tmp_path):
    path = tmp_path / "koordinaten.csv"
    table = _units_table().astype({"lon": object})
    table.loc[1, "lon"] = "7°27'"
    table.to_csv(path, sep=";", index=False)
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "row E2" in msg
    assert "column 'lon'" in msg
    assert "cannot read coordinate" in msg


def test_csv_without_coordinates_lists_columns(tmp_path):
    path = tmp_path / "ohne.csv"
    _units_table().drop(columns=["lon", "lat"]).to_csv(path, index=False)
    with pytest.raises(
        SchemaError, match=r"ohne\.csv: the table has no point coordinates.*'unit_id'"
    ):
        gi.read_layer(path, "units")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["UTF-8", "cp1252"])
def test_shapefile_without_cpg_no_mojibake(tmp_path, units_gdf, encoding):
    gdf = units_gdf.assign(address=GERMAN_NAMES)
    path = tmp_path / "einheiten.shp"
    _write_shp(gdf, path, encoding=encoding)
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf").read_bytes()
    assert "Königsallee".encode(encoding) in dbf  # the bytes really are in that encoding
    out = _read_quiet(path, "units")
    assert out["address"].tolist() == GERMAN_NAMES
    assert "floor_area_m2" in out.columns  # cut 'floor_area' mapped back


def test_shapefile_cpg_and_encoding_argument(tmp_path, units_gdf):
    gdf = units_gdf.assign(address=GERMAN_NAMES)
    path = tmp_path / "e.shp"
    _write_shp(gdf, path, encoding="cp1252")
    path.with_suffix(".cpg").write_text("1252")
    assert _read_quiet(path, "units")["address"].tolist() == GERMAN_NAMES
    path.with_suffix(".cpg").unlink()
    assert _read_quiet(path, "units", encoding="latin-1")["address"].tolist() == GERMAN_NAMES
    # a .cpg that lies (says UTF-8 for cp1252 bytes) is caught and reported
    path.with_suffix(".cpg").write_text("UTF-8")
    with pytest.warns(gio.ReadWarning, match=r"the \.cpg says 'UTF-8'"):
        out = gi.read_layer(path, "units")
    assert out["address"].tolist() == GERMAN_NAMES


def test_zipped_shapefile_cp1252(tmp_path, units_gdf):
    gdf = units_gdf.assign(address=GERMAN_NAMES)
    folder = tmp_path / "shp"
    folder.mkdir()
    _write_shp(gdf, folder / "einheiten.shp", encoding="cp1252")
    (folder / "einheiten.cpg").unlink()
    path = tmp_path / "einheiten.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for part in folder.iterdir():
            zf.write(part, f"daten/{part.name}")
    out = _read_quiet(path, "units")
    assert out["address"].tolist() == GERMAN_NAMES
    np.testing.assert_allclose(_xy(out), _xy(units_gdf))


def test_csv_in_cp1252(tmp_path):
    path = tmp_path / "excel_export.csv"
    table = _units_table().assign(address=GERMAN_NAMES)
    path.write_bytes(table.to_csv(sep=";", index=False).encode("cp1252"))
    out = _read_quiet(path, "units")
    assert out["address"].tolist() == GERMAN_NAMES


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ -.", min_size=1, max_size=40).filter(
        lambda t: any(c in t for c in "äöüßÄÖÜ")
    ),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_encoding_guess_roundtrip(text, encoding):
    data = text.encode(encoding)
    guess = gio.encodings._guess_encoding(iter([data]))
    assert data.decode(guess) == text


@settings(max_examples=60, deadline=None)
@given(value=st.floats(min_value=-1e7, max_value=1e7, allow_nan=False))
def test_german_decimal_comma_parses(value):
    text = (
        repr(value).replace(".", ",")
        if "e" not in repr(value)
        else f"{value:.6f}".replace(".", ",")
    )
    parsed = gio.tables._parse_numbers(pd.Series([text], dtype=object)).iloc[0]
    assert parsed == pytest.approx(float(text.replace(",", ".")), rel=0, abs=0)


# --------------------------------------------------------------------------- formats


def test_csv_semicolon_german_decimals(tmp_path):
    path = tmp_path / "leerstand.csv"
    table = _units_table()
    text = table.assign(
        lon=[f"{v:.4f}".replace(".", ",") for v in table["lon"]],
        lat=[f"{v:.4f}".replace(".", ",") for v in table["lat"]],
    ).to_csv(sep=";", index=False)
    path.write_text(text, encoding="utf-8")
    gdf = _read_quiet(path, "units")
    np.testing.assert_allclose(_xy(gdf), _expected_utm(table), rtol=0, atol=1e-6)
    assert gdf["floor_area_m2"].tolist() == [120.5, 80.0, 45.25]
    notes = gdf.attrs["validation_report"].notes
    assert "leerstand.csv: CSV delimiter ';'" in notes
    assert any(n.startswith("coordinates from columns 'lon'/'lat' (EPSG:4326") for n in notes)


def test_excel_with_german_decimal_comma_strings(tmp_path):
    table = _units_table()
    path = tmp_path / "erhebung.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Leerstand"
    ws.append(["Nr", "Datum", "Status", "Fläche", "Leer seit", "Länge", "Breite"])
    for row in table.itertuples():
        ws.append(
            [
                row.unit_id,
                row.survey_date,
                row.status,
                row.floor_area_m2,
                row.vacant_since or None,
                f"{row.lon:.4f}".replace(".", ","),
                f"{row.lat:.4f}".replace(".", ","),
            ]
        )
    wb.save(path)
    gdf = _read_quiet(
        path,
        "units",
        x="Länge",
        y="Breite",
        crs="EPSG:4326",
        columns={
            "Nr": "unit_id",
            "Datum": "survey_date",
            "Status": "status",
            "Fläche": "floor_area_m2",
            "Leer seit": "vacant_since",
        },
    )
    np.testing.assert_allclose(_xy(gdf), _expected_utm(table), rtol=0, atol=1e-6)
    assert gdf["floor_area_m2"].tolist() == [120.5, 80.0, 45.25]
    assert (
        "coordinates from columns 'Länge'/'Breite' (EPSG:4326)"
        in gdf.attrs["validation_report"].notes
    )
    assert gdf.attrs["source"].endswith("erhebung.xlsx:Leerstand")


def _write_all_formats(units_gdf: gpd.GeoDataFrame, folder: Path) -> dict[str, Path]:
    paths = {}
    paths["gpkg"] = folder / "u.gpkg"
    pyogrio.write_dataframe(units_gdf, paths["gpkg"], layer="units")
    paths["geojson"] = folder / "u.geojson"
    units_gdf.to_crs(4326).to_file(paths["geojson"])
    shp_dir = folder / "shp"
    shp_dir.mkdir()
    _write_shp(units_gdf, shp_dir / "u.shp")
    paths["shp"] = shp_dir / "u.shp"
    paths["zip"] = folder / "u.zip"
    with zipfile.ZipFile(paths["zip"], "w") as zf:
        for part in shp_dir.iterdir():
            zf.write(part, part.name)
    paths["parquet"] = folder / "u.parquet"
    units_gdf.to_parquet(paths["parquet"])
    xy = _xy(units_gdf)
    table = pd.DataFrame(units_gdf.drop(columns="geometry")).assign(x=xy[:, 0], y=xy[:, 1])
    paths["csv"] = folder / "u.csv"
    table.to_csv(paths["csv"], index=False)
    paths["xlsx"] = folder / "u.xlsx"
    table.to_excel(paths["xlsx"], index=False, engine="openpyxl")
    return paths


def test_all_formats_read_the_same(tmp_path, units_gdf):
    paths = _write_all_formats(units_gdf, tmp_path)
    for fmt, path in paths.items():
        # tables hold UTM metres without a zone number: only crs= can say which zone
        crs = "EPSG:25832" if fmt in ("csv", "xlsx") else None
        gdf = _read_quiet(path, "units", crs=crs)
        assert gdf.crs.to_epsg() == 25832, fmt
        atol = 1e-2 if fmt == "geojson" else 1e-6  # GeoJSON keeps 7 decimals of degrees (≈1 cm)
        np.testing.assert_allclose(_xy(gdf), _xy(units_gdf), rtol=0, atol=atol, err_msg=fmt)
        assert gdf["unit_id"].tolist() == ["E1", "E2", "E3"], fmt
        assert gdf["status"].tolist() == ["occupied", "vacant", "occupied"], fmt
        assert gdf["floor_area_m2"].tolist() == [120.5, 80.0, 45.25], fmt
        assert gdf["survey_date"].tolist() == [pd.Timestamp("2025-06-30")] * 3, fmt
        assert gdf["vacant_since"].iloc[1] == pd.Timestamp("2024-02-01"), fmt
        assert gdf["address"].tolist() == [
            "Königsallee 1",
            "Brückstraße 7",
            "Düsseldorfer Straße 3",
        ], fmt
        assert gdf["unit_id"].dtype == "string", fmt
        assert gdf["survey_date"].dtype == "datetime64[ns]", fmt
        report = gdf.attrs["validation_report"]
        assert report.ok, fmt
        assert report.kind == "units", fmt
        assert str(path) in gdf.attrs["source"], fmt


def test_geoparquet_roundtrip_and_directory_of_parts(tmp_path, quarters_gdf):
    path = gio.write_layer(quarters_gdf, tmp_path / "q.parquet")
    gdf = _read_quiet(path, "quarters")
    assert_geodataframe_equal(
        gdf[["quarter_id", "name", "geometry"]],
        quarters_gdf.astype({"quarter_id": "string", "name": "string"}),
    )
    parts = tmp_path / "teile"
    parts.mkdir()
    quarters_gdf.iloc[:1].to_parquet(parts / "part-0.parquet")
    quarters_gdf.iloc[1:].to_parquet(parts / "part-1.parquet")
    gdf = _read_quiet(parts, "quarters")
    assert sorted(gdf["quarter_id"]) == ["Q1", "Q2"]
    np.testing.assert_allclose(gdf.area.sum(), 2 * 200 * 100)


def test_truncated_parquet(tmp_path, quarters_gdf):
    path = tmp_path / "q.parquet"
    quarters_gdf.to_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFileError, match=r"q\.parquet: cannot read the Parquet file"):
        gi.read_layer(path, "quarters")


def test_attribute_table_in_geopackage_with_xy(tmp_path):
    path = tmp_path / "tabelle.gpkg"
    pyogrio.write_dataframe(_units_table(), path, layer="units")
    gdf = _read_quiet(path, "units")
    np.testing.assert_allclose(_xy(gdf), _expected_utm(_units_table()), atol=1e-6)


def test_invalid_kind_and_x_without_y(tmp_path, quarters_gdf):
    path = tmp_path / "q.gpkg"
    pyogrio.write_dataframe(quarters_gdf, path)
    with pytest.raises(
        ValueError, match=r"unknown layer kind 'quarter' \(did you mean 'quarters'\?\)"
    ):
        gi.read_layer(path, "quarter")
    with pytest.raises(ValueError, match="x=/y= name coordinate columns"):
        gi.read_layer(path, "quarters", x="lon", y="lat")


# --------------------------------------------------------------------------- writing


def test_write_layer_shapefile_cpg_and_long_names(tmp_path, units_gdf):
    gdf = units_gdf.assign(address=GERMAN_NAMES)
    with pytest.warns(gio.ReadWarning, match=r"'floor_area_m2' → 'floor_area'"):
        path = gio.write_layer(gdf, tmp_path / "out" / "einheiten.shp")
    assert path.with_suffix(".cpg").read_text().strip().upper() == "UTF-8"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp leftovers
    out = _read_quiet(path, "units")
    assert out["address"].tolist() == GERMAN_NAMES
    assert out["vacant_since"].iloc[1] == pd.Timestamp("2024-02-01")


def test_write_layer_geojson_is_rfc7946(tmp_path, quarters_gdf):
    path = gio.write_layer(quarters_gdf, tmp_path / "q.geojson")
    doc = json.loads(path.read_text())
    assert "crs" not in doc  # RFC 7946: always WGS 84, no crs member
    ring = np.array(doc["features"][0]["geometry"]["coordinates"][0])
    x, y = TO_UTM.transform(ring[:, 0], ring[:, 1])
    # Q1's bounds; RFC 7946 GeoJSON keeps 7 decimals of degrees (≈ 1 cm)
    np.testing.assert_allclose(
        [x.min(), y.min(), x.max(), y.max()], [X0, Y0, X0 + 200, Y0 + 100], atol=0.02
    )


def test_write_layer_gpkg_keeps_other_layers(tmp_path, quarters_gdf, units_gdf):
    path = tmp_path / "stadt.gpkg"
    gio.write_layer(quarters_gdf, path, layer="quarters")
    gio.write_layer(units_gdf, path, layer="units")
    gio.write_layer(units_gdf.iloc[:2], path, layer="units")  # replaces the layer
    assert sorted(n for n, _ in pyogrio.list_layers(path)) == ["quarters", "units"]
    assert len(_read_quiet(path, "units")) == 2
    with pytest.raises(DataFileError, match=r"cannot write '\.kml'"):
        gio.write_layer(units_gdf, tmp_path / "x.kml")


def test_failed_write_leaves_old_file(tmp_path, quarters_gdf, monkeypatch):
    path = tmp_path / "q.gpkg"
    gio.write_layer(quarters_gdf, path, layer="quarters")
    before = path.read_bytes()

    def broken_write(df, target, **kwargs):
        Path(target).write_bytes(b"half a file")
        raise RuntimeError("disk full")

    monkeypatch.setattr(gio.pyogrio, "write_dataframe", broken_write)
    with pytest.raises(DataFileError, match=r"q\.gpkg: cannot write layer 'quarters'.*disk full"):
        gio.write_layer(quarters_gdf, path, layer="quarters")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["q.gpkg"]  # no temporary leftovers


def test_city_roundtrip(tmp_path, quarters_gdf, units_gdf):
    city = gi.City(
        quarters=quarters_gdf,
        units=units_gdf.assign(owner_name=["A", "B", "C"]),
        meta={"name": "Teststadt", "as_of": pd.Timestamp("2025-06-30"), "synthetic": True},
    )
    path = gi.write_city(city, tmp_path / "stadt.gpkg")
    back = gi.read_city(path)
    assert back.meta == {"name": "Teststadt", "as_of": "2025-06-30T00:00:00", "synthetic": True}
    assert "owner_name" not in back.units.columns  # personal data dropped by default
    assert back.units["unit_id"].tolist() == ["E1", "E2", "E3"]
    np.testing.assert_allclose(_xy(back.units), _xy(units_gdf))
    assert back.quarters.attrs["validation_report"].ok


def test_read_city_bad_files(tmp_path, quarters_gdf):
    with pytest.raises(DataFileError, match="file not found"):
        gi.read_city(tmp_path / "fehlt.gpkg")
    (tmp_path / "leer.gpkg").write_bytes(b"")
    with pytest.raises(DataFileError, match="empty"):
        gi.read_city(tmp_path / "leer.gpkg")
    other = tmp_path / "andere.gpkg"
    pyogrio.write_dataframe(quarters_gdf, other, layer="stadtteile")
    with pytest.raises(DataFileError, match=r"no city layers found.*this file has: stadtteile"):
        gi.read_city(other)
    with pytest.raises(DataFileError, match=r"write_city writes a GeoPackage"):
        gi.write_city(gi.City(quarters=quarters_gdf), tmp_path / "stadt.shp")


def test_sqlite_header_check_uses_page_count(tmp_path, quarters_gdf):
    """The truncation check reads page size and page count from the SQLite header."""
    path = tmp_path / "q.gpkg"
    pyogrio.write_dataframe(quarters_gdf, path)
    head = path.read_bytes()[:100]
    page_size = struct.unpack(">H", head[16:18])[0]
    n_pages = struct.unpack(">I", head[28:32])[0]
    assert page_size * n_pages == path.stat().st_size
    gio.formats._check_sqlite_complete(path, path.stat().st_size)  # complete: no error
    with pytest.raises(DataFileError, match="truncated"):
        gio.formats._check_sqlite_complete(path, path.stat().st_size - 1)


# --------------------------------------------------------------------------- smaller cases


def test_csv_wkt_polygons_and_blank_rows(tmp_path):
    path = tmp_path / "quartiere.csv"
    path.write_text(
        "quarter_id;name;EW;geometry\n"
        f"Q1;Altstadt;1200;POLYGON (({X0} {Y0}, {X0 + 200} {Y0}, {X0 + 200} {Y0 + 100}, "
        f"{X0} {Y0 + 100}, {X0} {Y0}))\n"
        ";;;\n",
        encoding="utf-8",
    )
    with pytest.raises(CRSError, match=r"quartiere\.csv: the table has no CRS; pass crs="):
        gi.read_layer(path, "quarters")
    gdf = _read_quiet(path, "quarters", crs="EPSG:25832")
    assert len(gdf) == 1
    assert gdf.area.iloc[0] == pytest.approx(200 * 100)
    assert gdf["EW"].tolist() == [1200]
    assert "quartiere.csv: 1 completely empty rows skipped" in gdf.attrs["validation_report"].notes


def test_empty_layer_warns(tmp_path, quarters_gdf):
    path = tmp_path / "leer.gpkg"
    pyogrio.write_dataframe(quarters_gdf.iloc[:0], path, layer="quarters")
    with pytest.warns(gio.ReadWarning, match="the layer has no features"):
        gdf = gi.read_layer(path, "quarters")
    assert len(gdf) == 0


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hallo.txt", "kein Excel")
    with pytest.raises(DataFileError) as err:
        gi.read_layer(path, "units")
    assert "kaputt.xlsx: cannot open the workbook" in str(err.value)
    assert err.value.__suppress_context__


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7,4651", 7.4651),
        ("7.4651", 7.4651),
        ("388.123,45", 388123.45),
        (" 51,5 ", 51.5),
        ("", None),
    ],
)
def test_parse_numbers_examples(text, value):
    parsed = gio.tables._parse_numbers(pd.Series([text], dtype=object)).iloc[0]
    if value is None:
        assert np.isnan(parsed)
    else:
        assert parsed == pytest.approx(value, rel=1e-15)


def test_report_in_attrs_survives_to_parquet(tmp_path, units_gdf):
    path = tmp_path / "u.gpkg"
    pyogrio.write_dataframe(units_gdf, path, layer="units")
    gdf = _read_quiet(path, "units")
    report = gdf.attrs["validation_report"]
    assert isinstance(report, gi.ValidationReport)
    assert report.ok
    assert report.n_rows == 3
    gdf.to_parquet(tmp_path / "u.parquet")  # attrs are stored as JSON: must not fail
    back = gpd.read_parquet(tmp_path / "u.parquet")
    assert back.attrs["validation_report"]["n_rows"] == 3
    assert back.attrs["validation_report"]["n_errors"] == 0
    assert back.attrs["source"] == f"{path}:units"


# --------------------------------------------------------------------------- issue 9


OWNER = "Erika Mustermann-Privat"
CONTACT = "erika.privat@example.org"


@pytest.mark.parametrize("ext", [".gpkg", ".geojson", ".shp", ".parquet"])
def test_write_layer_drops_personal_columns(tmp_path, units_gdf, ext):
    units = units_gdf.assign(owner_name=OWNER, owner_contact=CONTACT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)  # Shapefile: 10-character names
        path = gio.write_layer(units, tmp_path / f"u{ext}")
    # read back independently of geoinnenstadt: the file's bytes and its column names
    files = [path] if ext != ".shp" else list(tmp_path.glob("u.*"))
    raw = b"".join(p.read_bytes() for p in files)
    assert OWNER.encode() not in raw
    assert CONTACT.encode() not in raw
    if ext == ".parquet":
        import pyarrow.parquet as pq

        names = pq.read_schema(path).names
    else:
        names = list(pyogrio.read_dataframe(path).columns)
    assert "owner_name" not in names
    assert "owner_contact" not in names
    assert "unit_id" in names

    # personal=True keeps them (and the independent check above would see them)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)
        kept = gio.write_layer(units, tmp_path / "keep" / f"k{ext}", personal=True)
    back = pd.read_parquet(kept) if ext == ".parquet" else pyogrio.read_dataframe(kept)
    owner_col = "owner_name" if "owner_name" in back.columns else "owner_nam"
    assert back[owner_col].tolist() == [OWNER] * 3
    contact_col = next(c for c in back.columns if str(c).startswith("owner_con"))
    assert back[contact_col].tolist() == [CONTACT] * 3


def test_write_city_drops_personal_columns_in_the_file(tmp_path, units_gdf):
    city = gi.City(units=units_gdf.assign(owner_name=OWNER, owner_contact=CONTACT))
    path = gi.write_city(city, tmp_path / "stadt.gpkg")
    assert OWNER.encode() not in path.read_bytes()
    assert "owner_contact" not in pyogrio.read_dataframe(path, layer="units").columns


def test_csv_with_header_and_no_rows(tmp_path):
    path = tmp_path / "nur_kopf.csv"
    path.write_text("unit_id;survey_date;status;floor_area_m2;lon;lat\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"nur_kopf\.csv: the table has no rows") as err:
        gi.read_layer(path, "units")
    assert "CRS" not in str(err.value)


def _title_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Leerstand"
    ws.append(["Leerstandserhebung Dortmund City"])
    ws.append(["Stand: 30.06.2025, Citymanagement"])
    ws.append(["Nr", "Stichtag", "Status", "Fläche", "lon", "lat"])
    ws.append(["E1", "30.06.2025", "occupied", 120.5, 7.4651, 51.5136])
    ws.append(["E2", "30.06.2025", "occupied", 80, 7.4660, 51.5140])
    wb.save(path)
    return path


def test_excel_title_rows_hint_and_header_row(tmp_path):
    path = _title_workbook(tmp_path / "erhebung.xlsx")
    columns = {"Nr": "unit_id", "Stichtag": "survey_date", "Status": "status",
               "Fläche": "floor_area_m2"}  # fmt: skip
    with pytest.raises(DataFileError) as err:
        gi.read_layer(path, "units", columns=columns)
    msg = str(err.value)
    assert "erhebung.xlsx:Leerstand" in msg
    assert "header_row=2" in msg
    gdf = _read_quiet(path, "units", columns=columns, header_row=2)
    assert gdf["unit_id"].tolist() == ["E1", "E2"]
    assert gdf["floor_area_m2"].tolist() == [120.5, 80.0]
    table = pd.DataFrame({"lon": [7.4651, 7.4660], "lat": [51.5136, 51.5140]})
    np.testing.assert_allclose(_xy(gdf), _expected_utm(table), atol=1e-6)


def test_utf8_shapefile_with_cp1252_cpg_is_decoded_with_warning(tmp_path, quarters_gdf):
    path = tmp_path / "quartiere.shp"
    _write_shp(quarters_gdf, path, encoding="UTF-8")
    path.with_suffix(".cpg").write_text("1252")  # the .cpg lies
    assert "Brückviertel".encode() in path.with_suffix(".dbf").read_bytes()  # fixture: UTF-8
    with pytest.warns(gio.ReadWarning, match=r"quartiere\.shp: the \.cpg file says '1252'"):
        gdf = gi.read_layer(path, "quarters")
    assert gdf["name"].tolist() == ["Brückviertel", "Königsviertel"]
    hint = gdf.attrs["validation_report"].warnings["hint"].iloc[0]
    assert "quartiere.cpg" in hint
    assert "encoding='utf-8'" in hint
    zipped = tmp_path / "quartiere.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for part in tmp_path.glob("quartiere.*"):
            if part != zipped:
                zf.write(part, part.name)
    with pytest.warns(gio.ReadWarning, match=r"the \.cpg file says '1252'"):
        gdf = gi.read_layer(zipped, "quarters")
    assert gdf["name"].tolist() == ["Brückviertel", "Königsviertel"]


def test_cp1252_shapefile_with_cp1252_cpg_reads_quietly(tmp_path, quarters_gdf):
    path = tmp_path / "q.shp"
    _write_shp(quarters_gdf, path, encoding="cp1252")
    path.with_suffix(".cpg").write_text("1252")
    assert "Brückviertel".encode("cp1252") in path.with_suffix(".dbf").read_bytes()
    gdf = _read_quiet(path, "quarters", crs=None)
    assert gdf["name"].tolist() == ["Brückviertel", "Königsviertel"]


def test_io_has_no_date_parsing_of_its_own():
    """Dates are converted in one place (geoinnenstadt.dates, via schema.conform)."""
    io_dir = Path(gio.__file__).parent
    sources = {p.name: p.read_text(encoding="utf-8") for p in io_dir.glob("*.py")}
    assert "read.py" in sources  # io is a package of named parts
    for name, text in sources.items():
        for marker in ("to_datetime", "strptime", "dayfirst", "dateutil"):
            assert marker not in text, (name, marker)


def test_io_parts_stay_small():
    io_dir = Path(gio.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in io_dir.glob("*.py")}
    assert set(sizes) >= {"formats.py", "encodings.py", "tables.py", "read.py", "write.py",
                          "city.py"}  # fmt: skip
    assert max(sizes.values()) < 800, sizes


def test_csv_dates_day_first_and_two_digit_years_rejected(tmp_path):
    """01.06.2025 is 1 June; 01.06.25 is an error naming file, row, column and the fix."""
    head = "unit_id;survey_date;status;floor_area_m2;lon;lat\n"
    path = tmp_path / "datum.csv"
    path.write_text(head + "E1;01.06.2025;occupied;10;7,4651;51,5136\n", encoding="utf-8")
    gdf = _read_quiet(path, "units")
    assert gdf["survey_date"].tolist() == [pd.Timestamp(2025, 6, 1)]
    path.write_text(head + "E1;01.06.25;occupied;10;7,4651;51,5136\n", encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "datum.csv" in msg
    assert "row E1" in msg
    assert "column 'survey_date'" in msg
    assert "DD.MM.YYYY" in msg
    assert "YYYY-MM-DD" in msg


def test_csv_title_line_hint_and_header_row(tmp_path):
    path = tmp_path / "mit_titel.csv"
    path.write_text(
        "Leerstandserhebung Dortmund\n"
        "unit_id;survey_date;status;floor_area_m2;lon;lat\n"
        "E1;30.06.2025;occupied;10;7,4651;51,5136\n"
        "E2;30.06.2025;occupied;12;7,4660;51,5140\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"mit_titel\.csv: .*pass header_row=1"):
        gi.read_layer(path, "units")
    gdf = _read_quiet(path, "units", header_row=1)
    assert gdf["unit_id"].tolist() == ["E1", "E2"]
    table = pd.DataFrame({"lon": [7.4651, 7.4660], "lat": [51.5136, 51.5140]})
    np.testing.assert_allclose(_xy(gdf), _expected_utm(table), atol=1e-6)


# --------------------------------------------------------------------------- compressed files

_PACKED_FORMATS = ("geojson", "csv", "gpkg", "shp", "gml", "xlsx", "parquet")
_PACKINGS = ("gz", "zip", "zip-several", "vsigzip", "vsizip")
_UNITS_TEXT = (  # the units of conftest.units_gdf as a clerk's table: ; and decimal commas
    "unit_id;survey_date;status;floor_area_m2;vacant_since;address;x;y\r\n"
    "E1;30.06.2025;occupied;120,5;;Königsallee 1;{x1};{y1}\r\n"
    "E2;30.06.2025;vacant;80;01.02.2024;Brückstraße 7;{x2};{y2}\r\n"
    "E3;30.06.2025;occupied;45,25;;Düsseldorfer Straße 3;{x3};{y3}\r\n"
)


def _plain_units(fmt: str, folder: Path, units: gpd.GeoDataFrame) -> tuple[list[Path], dict]:
    """The units written as one plain file of ``fmt`` (a Shapefile: all its parts)."""
    folder.mkdir()
    options: dict = {}
    if fmt in ("csv", "xlsx"):
        xy = {}
        for i, g in enumerate(units.geometry, 1):
            xy[f"x{i}"] = f"{g.x:.1f}".replace(".", ",")
            xy[f"y{i}"] = f"{g.y:.1f}".replace(".", ",")
        text = _UNITS_TEXT.format(**xy)
        options["crs"] = "EPSG:25832"
        if fmt == "csv":
            path = folder / "einheiten.csv"
            path.write_bytes(text.encode("cp1252"))  # Windows-1252, as Excel saves CSV
            return [path], options
        path = folder / "einheiten.xlsx"
        rows = [line.split(";") for line in text.strip().splitlines()]
        pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
        return [path], options
    if fmt == "geojson":
        path = folder / "einheiten.geojson"
        pyogrio.write_dataframe(units, path)
    elif fmt == "gpkg":
        path = folder / "einheiten.gpkg"
        pyogrio.write_dataframe(units, path, layer="units")
        pyogrio.write_dataframe(units.head(1), path, layer="leerstand_2024", append=True)
    elif fmt == "shp":
        path = _write_shp(units, folder / "einheiten.shp", encoding="UTF-8")
    elif fmt == "gml":
        path = folder / "einheiten.gml"
        pyogrio.write_dataframe(units, path, driver="GML")
        path.with_suffix(".xsd").unlink()  # a saved WFS response has no schema beside it
    else:
        path = folder / "einheiten.parquet"
        units.to_parquet(path)
    return sorted(folder.iterdir()), options


def _pack(files: list[Path], main: Path, packing: str, folder: Path) -> tuple[str, dict, str]:
    """``files`` compressed by ``packing``: (path to pass, extra options, expected source)."""
    folder.mkdir()
    if packing in ("gz", "vsigzip"):
        gz = folder / f"{main.name}.gz"
        gz.write_bytes(gzip.compress(main.read_bytes()))
        path = str(gz) if packing == "gz" else f"/vsigzip/{gz}"
        return path, {}, path
    zipped = folder / "download.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(f, f"daten/{f.name}")
        zf.writestr("liesmich.txt", "Datenlizenz Deutschland – Zero – Version 2.0\n")
        if packing != "zip":
            zf.writestr("daten/andere.geojson", '{"type": "FeatureCollection", "features": []}')
    member = f"daten/{main.name}"
    if packing == "zip":
        return str(zipped), {}, f"{zipped}!{member}"
    if packing == "zip-several":
        return str(zipped), {"layer": main.name}, f"{zipped}!{member}"
    path = f"/vsizip/{zipped}/{member}"
    return path, {}, path


_COMBINATIONS = [
    (fmt, packing)
    for fmt in _PACKED_FORMATS
    for packing in _PACKINGS
    if not (fmt == "shp" and packing in ("gz", "vsigzip"))  # a Shapefile is several files
]


@pytest.fixture
def temp_root(tmp_path, monkeypatch) -> Path:
    """A folder of its own for temporary files, to see that reading leaves nothing there."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.mark.parametrize(("fmt", "packing"), _COMBINATIONS)
def test_compressed_reads_like_the_plain_file(tmp_path, temp_root, units_gdf, fmt, packing):
    files, options = _plain_units(fmt, tmp_path / "plain", units_gdf)
    main = next(f for f in files if f.suffix in (".geojson", ".csv", ".gpkg", ".shp", ".gml",
                                                  ".xlsx", ".parquet"))  # fmt: skip
    path, extra, source = _pack(files, main, packing, tmp_path / "packed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)
        plain = gi.read_layer(main, "units", **options)
        got = gi.read_layer(path, "units", **options, **extra)
    assert list(temp_root.iterdir()) == []  # the temporary copy is gone
    # the oracle: the values written (conftest.units_gdf), then the plain file read
    assert got["unit_id"].tolist() == ["E1", "E2", "E3"]
    assert got["floor_area_m2"].tolist() == [120.5, 80.0, 45.25]
    assert got["address"].tolist() == ["Königsallee 1", "Brückstraße 7", "Düsseldorfer Straße 3"]
    assert [(g.x, g.y) for g in got.geometry] == [(g.x, g.y) for g in units_gdf.geometry]
    assert_geodataframe_equal(got, plain)
    assert got.attrs["source"].removesuffix(":units").removesuffix(":Sheet1") == source
    assert "/vsigzip/" not in source or got.attrs["source"].startswith("/vsigzip//")


def test_zip_with_several_data_files_needs_layer(tmp_path, units_gdf):
    files, _ = _plain_units("gpkg", tmp_path / "plain", units_gdf)
    path, _, _ = _pack(files, files[0], "zip-several", tmp_path / "packed")
    with pytest.raises(DataFileError) as caught:
        gi.read_layer(path, "quarters")
    message = str(caught.value)
    assert message.startswith(f"{path}: the ZIP archive holds 2 data files: ")
    assert "'daten/einheiten.gpkg', 'daten/andere.geojson'" in message  # archive order
    assert "layer='NAME'" in message
    assert "liesmich" not in message.split("data files:")[1]  # a note is not data


def test_zip_member_picked_by_geopackage_layer(tmp_path, units_gdf):
    files, _ = _plain_units("gpkg", tmp_path / "plain", units_gdf)
    path, _, _ = _pack(files, files[0], "zip-several", tmp_path / "packed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)
        got = gi.read_layer(path, "units", layer="leerstand_2024")
    assert got["unit_id"].tolist() == ["E1"]
    assert got.attrs["source"] == f"{path}!daten/einheiten.gpkg:leerstand_2024"


def test_corrupt_gzip_names_the_file(tmp_path, temp_root, units_gdf):
    files, _ = _plain_units("geojson", tmp_path / "plain", units_gdf)
    gz = tmp_path / "einheiten.geojson.gz"
    gz.write_bytes(gzip.compress(files[0].read_bytes())[:60])  # cut off in transfer
    with pytest.raises(DataFileError, match=r"einheiten\.geojson\.gz: cannot decompress the gzip "
                       r"file: it is corrupt or truncated") as caught:  # fmt: skip
        gi.read_layer(gz, "units")
    assert caught.value.path == gz
    assert list(temp_root.iterdir()) == []  # also after the error


def test_truncated_zip_names_the_file(tmp_path, units_gdf):
    files, _ = _plain_units("gpkg", tmp_path / "plain", units_gdf)
    path, _, _ = _pack(files, files[0], "zip", tmp_path / "packed")
    cut = tmp_path / "abgebrochen.zip"
    cut.write_bytes(Path(path).read_bytes()[:-200])  # the central directory is lost
    with pytest.raises(DataFileError, match=r"abgebrochen\.zip: cannot open the ZIP archive: it "
                       r"is corrupt or truncated"):  # fmt: skip
        gi.read_layer(cut, "units")


def test_errors_inside_a_compressed_file_name_it_not_the_temporary_copy(tmp_path):
    gz = tmp_path / "leer.csv.gz"
    gz.write_bytes(gzip.compress(b"unit_id;x;y\r\n"))
    with pytest.raises(DataFileError) as caught:
        gi.read_layer(gz, "units")
    assert str(caught.value).startswith(f"{gz}: the table has no rows")
    assert "geoinnenstadt-" not in str(caught.value)


def test_vsigzip_path_is_not_normalised(tmp_path, units_gdf):
    files, _ = _plain_units("geojson", tmp_path / "plain", units_gdf)
    gz = tmp_path / "einheiten.geojson.gz"
    gz.write_bytes(gzip.compress(files[0].read_bytes()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)
        got = gi.read_layer(f"/vsigzip/{gz}", "units")
    assert got.attrs["source"] == f"/vsigzip/{gz}"  # "/vsigzip//tmp/…" as given
    with pytest.raises(DataFileError, match=r"file not found"):
        gi.read_layer(f"/vsigzip/{tmp_path}/fehlt.geojson.gz", "units")


@pytest.mark.parametrize("source", ["osm", "leerstandsmelder"])
def test_compressed_published_sources_reach_their_adapter(tmp_path, source):
    # an OSM extract or a Leerstandsmelder export inside a ZIP, or gzip behind /vsigzip/
    data = FIXTURES / source
    plain_path = data / ("innenstadt.osm" if source == "osm" else "all_places.json")
    options = {} if source == "osm" else {"survey_date": "30.06.2025"}
    zipped = tmp_path / "download.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(plain_path, plain_path.name)
        zf.writestr("LIESMICH.txt", "Quelle und Lizenz\n")
    gz = tmp_path / f"{plain_path.name}.gz"
    gz.write_bytes(gzip.compress(plain_path.read_bytes()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.GeoinnenstadtWarning)
        plain = gi.read_layer(plain_path, "units", **options)
        for path, shown in (
            (zipped, f"{zipped}!{plain_path.name}"),
            (f"/vsigzip/{gz}", f"/vsigzip/{gz}"),
            (f"/vsizip/{zipped}/{plain_path.name}", f"/vsizip/{zipped}/{plain_path.name}"),
        ):
            got = gi.read_layer(path, "units", **options)
            assert_geodataframe_equal(got, plain)
            assert got.attrs["source"] == shown
            assert len(got) == len(plain) > 0


def test_single_member_zip_takes_its_name_as_layer(tmp_path, units_gdf):
    files, _ = _plain_units("geojson", tmp_path / "plain", units_gdf)
    path, _, source = _pack(files, files[0], "zip", tmp_path / "packed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gio.ReadWarning)
        got = gi.read_layer(path, "units", layer="einheiten.geojson")
    assert got["unit_id"].tolist() == ["E1", "E2", "E3"]
    assert got.attrs["source"] == source


# --------------------------------------------------------------------------- issue 24


def test_space_padded_id_names_the_duplicate_it_becomes(tmp_path):
    # ' E1' is E1 once stripped: the error names that duplicate, not read_layer (used already)
    path = _units_geojson(tmp_path / "leer.geojson", unit_id=["E1", " E1", "E3"])
    raw = json.loads(path.read_text())  # oracle: the file holds two ids that differ only in spaces
    assert [f["properties"]["unit_id"] for f in raw["features"]] == ["E1", " E1", "E3"]
    with pytest.warns(gi.errors.SchemaWarning, match=r"' E1'"), pytest.raises(SchemaError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "1 error in the units layer" in msg
    assert (
        "duplicate unit_id and survey_date (unit_id ' E1' of feature #2 is 'E1' of feature #1 "
        "once read as text without the spaces around it)"
    ) in msg
    assert "remove the duplicate or give it its own unit_id" in msg
    assert "read_layer" not in msg.split("error in the units layer", 1)[1]


def test_space_padded_id_alone_is_stripped_by_read_layer(tmp_path):
    path = _units_geojson(tmp_path / "leer.geojson", unit_id=["E1", " E2", "E3"])
    with pytest.warns(gi.errors.SchemaWarning, match=r"' E2'"):
        gdf = gi.read_layer(path, "units")
    assert gdf["unit_id"].tolist() == ["E1", "E2", "E3"]
    assert gdf.attrs["validation_report"].ok
