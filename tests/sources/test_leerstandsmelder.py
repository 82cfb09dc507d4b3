"""Leerstandsmelder data as units: the four real shapes, every place kept or reported.

The fixtures follow real published samples (tests/data/SOURCES.md); the
expected values are read from the fixtures with plain ``json`` or counted by
hand, never taken from the reader.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from helpers import FIXTURES

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError
from geoinnenstadt.io import ReadWarning

DATA = FIXTURES / "leerstandsmelder"
EXPORT = DATA / "all_places.json"  # classic site export, {"success","places":[{"place":…}]}
LEGACY = DATA / "legacy_places.json"  # rows of the classic site's places table
LOCATIONS = DATA / "regions_locations.json"  # API 2016-2022, /regions/<uuid>/locations
PLACES = DATA / "api_v1_places.json"  # current API, /api/v1/places (a bare list)

# ids left out, counted by hand from the fixtures
LOCATIONS_NO_POSITION = "lsm-d6a3f5b4-0c7e-4cbd-8e54-8f9012345678"  # "lonlat": []
LOCATIONS_HIDDEN = "lsm-e7b4a6c5-1d8f-4dce-9f65-901234567890"  # "hidden": true
PLACES_UNPUBLISHED = "lsm-3ec56ed9-1deb-4bb1-9fbe-7c2f80dbbc22"  # "published": false


def _json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def _read(path: Path, **kw) -> gpd.GeoDataFrame:
    """Read as units; the warnings are checked in the report (and in one test as warnings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadWarning)
        return gi.read_layer(path, "units", **kw)


def _xy(units: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    pts = units.set_index("unit_id").to_crs("EPSG:4326").geometry
    return {k: (round(p.x, 7), round(p.y, 7)) for k, p in pts.items()}


def _text(units: gpd.GeoDataFrame) -> str:
    report = units.attrs["validation_report"]
    return (
        units.drop(columns="geometry").astype(str).to_string()
        + repr(report.to_frame())
        + (" ".join(report.notes))
    )


# ---------------------------------------------------------------- the classic export


def test_export_wrapper_every_place_kept():
    raw = [e["place"] for e in _json(EXPORT)["places"]]
    units = _read(EXPORT, survey_date="30.06.2015")
    assert units["unit_id"].tolist() == [f"lsm-{p['id']}" for p in raw]
    assert units.attrs["validation_report"].left_out == []
    assert units.attrs["leerstandsmelder"]["format"] == "export"
    # text coordinates, "lat"/"lng"
    assert _xy(units) == {f"lsm-{p['id']}": (float(p["lng"]), float(p["lat"])) for p in raw}


def test_export_text_values_inactive_and_comments():
    units = _read(EXPORT, survey_date="30.06.2015").set_index("unit_id")
    # "inactive": "true" / "false" are text: 2102 and 2113 are "true"
    assert units["status"].to_dict() == {
        "lsm-2101": "vacant", "lsm-2102": "occupied", "lsm-2105": "vacant",
        "lsm-2108": "vacant", "lsm-2113": "occupied",
    }  # fmt: skip
    assert units["inactive"].tolist() == [False, True, False, False, True]
    # "1 Kommentar", "4 Kommentare", "Keine Kommentare", "2 Kommentare", "1 Kommentar"
    assert units["comments"].tolist() == [1, 4, 0, 2, 1]
    assert units.loc["lsm-2101", "link"] == "/dortmund/places/2101-ehemalige-buchhandlung"


def test_export_html_entities_and_loose_addresses_are_cleaned():
    units = _read(EXPORT, survey_date="30.06.2015").set_index("unit_id")
    assert units.loc["lsm-2105", "name"] == '"Kiosk am Wall"'  # "&quot;Kiosk am Wall&quot; "
    assert units.loc["lsm-2108", "name"] == "Hinterhof Kampstraße 3 & 5"  # "&amp;"
    assert units.loc["lsm-2105", "address"] == "Königswall 8, 44137 Dortmund"  # "8 , 44137"
    assert units.loc["lsm-2108", "address"] == "Kampstraße, Dortmund"  # "Kampstraße ,  Dortmund"


def test_export_picture_and_author_are_not_read():
    raw = [e["place"] for e in _json(EXPORT)["places"]]
    units = _read(EXPORT, survey_date="30.06.2015")
    text = _text(units)
    for p in raw:
        assert p["author"] not in text
        assert p["picture"]["thumb"] not in text
    assert not {"author", "picture"} & set(units.columns)
    notes = units.attrs["validation_report"].notes
    assert "personal fields not read (data protection): author (5)" in notes
    assert "fields not read: picture" in notes


def test_export_has_no_dates_so_survey_date_is_asked_for():
    with pytest.raises(DataFileError, match=r"survey_date='DD\.MM\.YYYY'"):
        gi.read_layer(EXPORT, "units")
    units = _read(EXPORT, survey_date="30.06.2015")
    assert set(units["survey_date"]) == {pd.Timestamp("2015-06-30")}
    vacant = units[units["status"] == "vacant"]
    assert (vacant["vacant_since"] == pd.Timestamp("2015-06-30")).all()  # no report date
    assert units.loc[units["inactive"], "vacant_since"].isna().all()


# ---------------------------------------------------------------- the classic site's table


def test_legacy_rows_address_from_street_zip_city():
    units = _read(LEGACY).set_index("unit_id")
    assert units.index.tolist() == ["lsm-412", "lsm-413", "lsm-418", "lsm-425"]
    assert units["address"].to_dict() == {
        "lsm-412": "Westenhellweg 12, 44137 Dortmund",
        "lsm-413": "Brückstraße 3, 44135 Dortmund",
        "lsm-418": "Königswall 8, Dortmund",  # "zip": null
        "lsm-425": "Hansastraße 40, 44137 Dortmund",
    }
    assert units["status"].tolist() == ["vacant", "occupied", "vacant", "vacant"]  # inactive 0/1
    assert units["comments"].isna().all()  # the table has no comments
    assert units.attrs["leerstandsmelder"]["format"] == "legacy"


def test_legacy_null_coordinates_left_out_and_dates_read():
    with pytest.warns(ReadWarning, match="lsm-420"):
        units = gi.read_layer(LEGACY, "units")
    report = units.attrs["validation_report"]
    assert report.left_out == ["lsm-420"]  # "lat": null, "lng": null
    assert report.warnings["row"].tolist() == ["lsm-420"]
    assert "lat=None, lng=None" in report.warnings["problem"].iloc[0]
    by_id = units.set_index("unit_id")
    # MySQL datetimes "2012-03-04 12:00:00"; latest updated_at "2015-09-01 07:45:30"
    assert set(units["survey_date"]) == {pd.Timestamp("2015-09-01")}
    assert by_id.loc["lsm-412", "vacant_since"] == pd.Timestamp("2012-03-04")
    text = _text(units)
    assert "Schaufenster seit Januar verklebt" not in text  # description: free text, not read
    assert "personal fields not read (data protection): owner (5), user_id (5)" in report.notes


# ---------------------------------------------------------------- the 2016-2022 API


def test_locations_api_lonlat_is_lon_then_lat():
    raw = {f"lsm-{r['uuid']}": r for r in _json(LOCATIONS)["results"]}
    units = _read(LOCATIONS)
    assert units.attrs["leerstandsmelder"]["format"] == "locations-api"
    kept = [k for k in raw if k not in (LOCATIONS_NO_POSITION, LOCATIONS_HIDDEN)]
    assert units["unit_id"].tolist() == kept
    assert _xy(units) == {k: tuple(raw[k]["lonlat"]) for k in kept}
    assert round(units.to_crs("EPSG:4326").geometry.y.min(), 1) == 51.5  # not swapped


def test_locations_api_active_hidden_and_empty_lonlat():
    units = _read(LOCATIONS)
    report = units.attrs["validation_report"]
    assert sorted(report.left_out) == sorted([LOCATIONS_NO_POSITION, LOCATIONS_HIDDEN])
    problems = dict(zip(report.warnings["row"], report.warnings["problem"], strict=True))
    assert "lonlat=[]" in problems[LOCATIONS_NO_POSITION]
    assert "hidden" in problems[LOCATIONS_HIDDEN]
    by_id = units.set_index("unit_id")
    assert (
        by_id.loc["lsm-b4e1d3f2-8a5c-4a9b-8c32-6d7e8f901234", "status"] == "occupied"
    )  # active false
    assert (units["status"] == "vacant").sum() == 3
    assert (
        by_id.loc["lsm-f8c5b7d6-2e9a-4edf-8a76-012345678901", "address"] == "Kuckelke 2, Dortmund"
    )
    # latest "updated": 2021-05-24T18:40:09.330Z; "created" is the report day
    assert set(units["survey_date"]) == {pd.Timestamp("2021-05-24")}
    assert by_id.loc["lsm-a3f0c2d1-7e4b-4f8a-9b21-5c6d7e8f9012", "vacant_since"] == pd.Timestamp(
        "2017-05-02"
    )
    assert units["comments"].isna().all()
    assert (
        "personal fields not read (data protection): owner (6), user (6), user_uuid (6)"
        in report.notes
    )
    text = _text(units)
    for nick in ("anna_b", "k.meier", "Seit Monaten leer"):
        assert nick not in text


# ---------------------------------------------------------------- the current API


def test_places_api_bare_list():
    raw = _json(PLACES)
    assert isinstance(raw, list)
    units = _read(PLACES)
    assert units.attrs["leerstandsmelder"]["format"] == "places-api"
    report = units.attrs["validation_report"]
    assert report.left_out == [PLACES_UNPUBLISHED]  # "published": false
    kept = [f"lsm-{p['id']}" for p in raw if p["published"]]
    assert units["unit_id"].tolist() == kept
    # "lat"/"lon" as text
    assert _xy(units) == {f"lsm-{p['id']}": (float(p["lon"]), float(p["lat"])) for p in raw if
                          p["published"]}  # fmt: skip


def test_places_api_enddate_comments_sensitive_and_display_date():
    units = _read(PLACES).set_index("unit_id")
    report = units.attrs["validation_report"]
    ended = "lsm-1ca34cb7-fbc9-499f-9d9c-5a0d6eb99a00"  # "enddate" set
    sensitive = "lsm-2db45dc8-0cda-4aa0-8ead-6b1e7fcaab11"
    assert units.loc[ended, "status"] == "occupied"
    assert units["comments"].tolist() == [2, 0, 0, 1]  # "comments" is a list of objects
    assert units.loc[sensitive, "address"] == "Dortmund"  # only city and country published
    assert units.loc["lsm-0bf23ba6-eab8-488e-8c8b-49fc58ea88ff", "address"] == (
        "Westenhellweg 12, 44137 Dortmund"  # road + house_number, zip city
    )
    assert any(n.startswith("1 place(s) marked sensitive") for n in report.notes)
    # "date" ("01.02.24", "12.05.23 ‒ 01.03.25") is display text: not read, no date warning
    assert not report.warnings["problem"].str.contains("unreadable date").any()
    # latest updated_at 2025-06-28T19:45:00.000Z (21:45 in Dortmund)
    assert set(units["survey_date"]) == {pd.Timestamp("2025-06-28")}
    assert units.loc["lsm-0bf23ba6-eab8-488e-8c8b-49fc58ea88ff", "vacant_since"] == pd.Timestamp(
        "2024-02-01"
    )
    text = _text(units)
    for value in ("anna_b", "k.meier", "Immer noch leer", "Neuer Mieter", "Leer seit dem"):
        assert value not in text


def test_places_api_state_from_the_newest_comment_that_sets_one():
    raw = {f"lsm-{p['id']}": p for p in _json(PLACES)}
    units = _read(PLACES).set_index("unit_id")
    first, relet = (
        "lsm-0bf23ba6-eab8-488e-8c8b-49fc58ea88ff",
        "lsm-4fd67fea-2efc-4cc2-8acf-8d3091eccd33",
    )
    # newest comment of `first` has status "", the one before "vacant"
    assert [c["status"] for c in raw[first]["comments"]] == ["", "vacant"]
    assert units.loc[first, "status"] == "vacant"
    # the only comment of `relet` has status "rent" (Vermietet)
    assert [c["status"] for c in raw[relet]["comments"]] == ["rent"]
    assert units.loc[relet, "status"] == "occupied"
    assert bool(units.loc[relet, "inactive"])
    assert units["status"].tolist() == ["vacant", "occupied", "vacant", "occupied"]
    notes = " ".join(units.attrs["validation_report"].notes)
    assert "state from each place's newest comment that sets one: rent (1), vacant (1)" in notes


# ---------------------------------------------------------------- shapes and recognition


def test_bare_lists_of_export_places_whatever_the_name(tmp_path):
    wrapped = _json(EXPORT)["places"]
    flat = [e["place"] for e in wrapped]
    expected = [f"lsm-{p['id']}" for p in flat]
    for name, data in (
        ("leerstand.txt", wrapped),
        ("liste.json", flat),
        ("download", {"data": flat}),
    ):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        units = _read(path, survey_date="30.06.2015")
        assert units["unit_id"].tolist() == expected, name
        assert units["comments"].tolist() == [1, 4, 0, 2, 1], name


def test_entry_that_is_not_a_place_is_reported(tmp_path):
    data = _json(EXPORT)
    data["places"].append("kaputt")
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    units = _read(path, survey_date="30.06.2015")
    assert len(units) == 5
    assert units.attrs["validation_report"].left_out == ["#6"]


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


def test_source_allows_missing_floor_area_and_validates():
    for path, kw in ((EXPORT, {"survey_date": "30.06.2015"}), (LEGACY, {}), (LOCATIONS, {}),
                     (PLACES, {})):  # fmt: skip
        units = _read(path, **kw)
        assert (units["source"] == "leerstandsmelder").all()
        assert units["floor_area_m2"].isna().all()
        assert gi.validate(units, "units").ok, path.name


def test_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="kind='units'"):
        gi.read_layer(EXPORT, "sites")


def test_cli_import_leerstandsmelder(tmp_path, capsys):
    from geoinnenstadt.cli import main

    out = tmp_path / "leerstand.gpkg"
    assert main(["import", "leerstandsmelder", str(LEGACY), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "5 Zeile(n) aus" in text
    assert "4 übernommen, 1 ausgelassen" in text
    assert "lsm-420" in text
    back = gi.read_layer(out, "units")
    assert back["status"].tolist() == ["vacant", "occupied", "vacant", "vacant"]
    assert not {"user_id", "owner"} & set(back.columns)
    assert main(["import", "leerstandsmelder", str(out), "--out", str(tmp_path / "y.gpkg")]) == 2
    assert "not a Leerstandsmelder JSON export" in capsys.readouterr().err
