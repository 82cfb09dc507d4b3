"""Leerstandsmelder JSON exports as units: every place kept or reported, personal fields never read."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError
from geoinnenstadt.io import ReadWarning

EXPORT = Path(__file__).parent / "data" / "leerstandsmelder" / "export.json"


def _read(path=EXPORT, **kw) -> gpd.GeoDataFrame:
    with pytest.warns(ReadWarning, match="lsm-104"):
        return gi.read_layer(path, "units", **kw)


def test_every_place_is_kept_or_reported():
    units = _read()
    assert units["unit_id"].tolist() == ["lsm-101", "lsm-102", "lsm-103", "lsm-105"]
    report = units.attrs["validation_report"]
    assert report.warnings["row"].tolist() == ["lsm-104"]  # no coordinates
    assert len(units) + len(report.warnings) == len(json.loads(EXPORT.read_text())["places"])
    assert units.attrs["leerstandsmelder"]["reported_ids"] == ["lsm-104"]


def test_inactive_places_are_no_longer_vacant():
    units = _read().set_index("unit_id")
    assert units["status"].to_dict() == {
        "lsm-101": "vacant", "lsm-102": "occupied", "lsm-103": "vacant", "lsm-105": "occupied",
    }  # fmt: skip
    assert units["inactive"].tolist() == [False, True, False, True]  # "true" as text too
    assert units.loc[["lsm-102", "lsm-105"], "vacant_since"].isna().all()


def test_text_coordinates_with_points_and_commas():
    units = _read().set_index("unit_id").to_crs("EPSG:4326")
    p101, p103 = units.loc["lsm-101", "geometry"], units.loc["lsm-103", "geometry"]
    assert (round(p101.x, 6), round(p101.y, 6)) == (7.4651, 51.5136)
    assert (round(p103.x, 6), round(p103.y, 6)) == (7.462, 51.515)  # "51,51500" / "7,46200"


def test_personal_fields_are_never_read():
    units = _read()
    text = units.drop(columns="geometry").astype(str).to_string()
    for value in ("anna_b", "k.meier", "anna@example.org", "0231 123456", "Seit Januar leer"):
        assert value not in text
    assert not {"author", "author_email", "contact", "category"} & set(units.columns)
    assert units["comments"].tolist() == [2, 0, 0, 1]  # counted, text not read
    notes = units.attrs["validation_report"].notes
    assert (
        "personal fields not read (data protection): author (5), author_email (1), contact (1)"
        in notes
    )
    assert "fields not read: category" in notes
    assert units.attrs["leerstandsmelder"]["personal_fields_dropped"] == {
        "author": 5, "author_email": 1, "contact": 1,
    }  # fmt: skip


def test_dates_survey_from_the_export_and_vacant_since_from_the_report_day():
    units = _read().set_index("unit_id")
    # latest date: updated_at 28.06.2025 21:45 UTC = 23:45 in Berlin, still the 28th
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-28")}
    assert units.loc["lsm-101", "vacant_since"] == pd.Timestamp("2025-01-10")
    assert units.loc["lsm-103", "vacant_since"] == pd.Timestamp("2025-06-28")  # no report date
    notes = " | ".join(units.attrs["validation_report"].notes)
    assert "vacant_since of 1 place(s) is the day the place was reported" in notes
    assert "vacant_since of 1 place(s) is the survey date 2025-06-28" in notes


def test_survey_date_parameter():
    units = _read(survey_date="31.03.2025").set_index("unit_id")
    assert set(units["survey_date"]) == {pd.Timestamp("2025-03-31")}
    assert units.loc["lsm-101", "vacant_since"] == pd.Timestamp("2025-01-10")


def test_source_allows_missing_floor_area_and_validates():
    units = _read()
    assert (units["source"] == "leerstandsmelder").all()
    assert units["floor_area_m2"].isna().all()
    assert gi.validate(units, "units").ok


def test_recognised_by_content_whatever_the_name(tmp_path):
    places = json.loads(EXPORT.read_text(encoding="utf-8"))["places"]
    for name, data in (("leerstand.txt", places), ("download", {"data": places})):
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        assert _read(path)["unit_id"].tolist() == ["lsm-101", "lsm-102", "lsm-103", "lsm-105"]


def test_other_json_is_not_taken_for_an_export(tmp_path):
    geojson = tmp_path / "punkte.json"
    geojson.write_text(
        json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                    "properties": {"lat": "1", "lng": "2"},
                    "geometry": {"type": "Point", "coordinates": [7.4651, 51.5136]}}]}),
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(gi.errors.SchemaError):  # read as GeoJSON: the units columns are missing
        gi.read_layer(geojson, "units")


def test_export_without_dates_needs_survey_date(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps([{"id": 1, "name": "A", "lat": "51.5136", "lng": "7.4651", "inactive": False}]),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="survey_date="):
        gi.read_layer(path, "units")
    units = gi.read_layer(path, "units", survey_date="30.06.2025")
    assert units["vacant_since"].tolist() == [pd.Timestamp("2025-06-30")]


def test_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="kind='units'"):
        gi.read_layer(EXPORT, "sites")


def test_cli_import_leerstandsmelder(tmp_path, capsys):
    from geoinnenstadt.cli import main

    out = tmp_path / "leerstand.gpkg"
    assert main(["import", "leerstandsmelder", str(EXPORT), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "read 5 row(s) from" in text
    assert "4 kept, 1 left out, 1 warning(s) reported" in text
    assert "lsm-104" in text
    assert "anna_b" not in text
    back = gi.read_layer(out, "units")
    assert back["status"].tolist() == ["vacant", "occupied", "vacant", "occupied"]
    assert "author" not in back.columns
    assert main(["import", "leerstandsmelder", str(out), "--out", str(tmp_path / "y.gpkg")]) == 2
    assert "not a Leerstandsmelder JSON export" in capsys.readouterr().err
