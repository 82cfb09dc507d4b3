"""Reading and writing space requests (Ansiedlungsgesuche): Excel lists, tables, city files.

Every expectation is written out by hand or computed with plain pandas from the
input, never with the function under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from helpers.requests import CONTACTS, quarters, requests

import geoinnenstadt as gi
from geoinnenstadt.cli import main
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.schema import conform

# --------------------------------------------------------------------------- reading

GERMAN = pd.DataFrame(
    {
        "Gesuch-Nr.": ["G-01", "G-02", "G-03"],
        "Eingang": ["15.01.2025", "03.02.2025", "20.03.2025"],
        "Nutzung": ["gastronomy", "office", "retail_medium.clothing"],
        "Fläche von": [150, 200, "60,5"],
        "Fläche bis": [300, 400, 120],
        "EG erforderlich": ["ja", "nein", "ja"],
        "Wunschquartiere": ["Q1, Q2", None, "Brückviertel"],
        "Miete max.": ["18,5", None, 25],
        "barrierefrei": ["nein", "ja", None],
        "Status": ["open", "placed", "withdrawn"],
        "Ansprechpartner": ["Erika Fiktiv", "Max Beispiel", "Käthe Muster"],
        "E-Mail": ["a@example.org", "b@example.org", None],
        "Telefon": ["0000 1", "0000 2", "0000 3"],
        "Bemerkung": ["Café", "Agentur", "Mode"],
    }
)


def expected_german() -> dict[str, list[Any]]:
    return {
        "request_id": ["G-01", "G-02", "G-03"],
        "received_on": [
            pd.Timestamp(2025, 1, 15),
            pd.Timestamp(2025, 2, 3),
            pd.Timestamp(2025, 3, 20),
        ],
        "use": ["gastronomy", "office", "retail_medium.clothing"],
        "min_floor_area_m2": [150.0, 200.0, 60.5],
        "max_floor_area_m2": [300.0, 400.0, 120.0],
        "ground_floor_required": [True, False, True],
        "preferred_quarters": ["Q1, Q2", pd.NA, "Brückviertel"],
        "max_rent_eur_m2": [18.5, np.nan, 25.0],
        "step_free_required": [False, True, pd.NA],
        "status": ["open", "placed", "withdrawn"],
        "contact_name": ["Erika Fiktiv", "Max Beispiel", "Käthe Muster"],
        "contact_email": ["a@example.org", "b@example.org", pd.NA],
        "contact_phone": ["0000 1", "0000 2", "0000 3"],
    }


def check_german(out: pd.DataFrame) -> None:
    assert type(out) is pd.DataFrame
    for column, values in expected_german().items():
        got = out[column].tolist()
        assert len(got) == len(values), column
        for g, v in zip(got, values, strict=True):
            if v is pd.NA or (isinstance(v, float) and np.isnan(v)):
                assert pd.isna(g), (column, got)
            else:
                assert g == v, (column, got)
    assert out["Bemerkung"].tolist() == ["Café", "Agentur", "Mode"]  # other columns are kept


def test_excel_list_with_german_headers_is_read_without_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.xlsx"
    GERMAN.to_excel(path, sheet_name="Gesuche", index=False)
    out = gi.read_layer(path, kind="requests")
    check_german(out)
    notes = out.attrs["validation_report"].notes
    assert "column 'Gesuch-Nr.' used as 'request_id'" in notes
    assert not any("coordinates" in n for n in notes)


def test_csv_list_with_german_headers(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.csv"
    GERMAN.to_csv(path, sep=";", index=False, encoding="utf-8")
    check_german(gi.read_layer(path, kind="requests"))


def test_geopackage_attribute_table(tmp_path: Path) -> None:
    import pyogrio

    path = tmp_path / "gesuche.gpkg"
    table = GERMAN.astype(str).replace({"None": None, "nan": None})
    pyogrio.write_dataframe(table, path, layer="requests", driver="GPKG")
    check_german(gi.read_layer(path, kind="requests"))


def test_title_rows_above_german_headers_are_found(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame([["Ansiedlungsgesuche 2025"]]).to_excel(writer, index=False, header=False)
        GERMAN.to_excel(writer, index=False, startrow=1)
    with pytest.raises(gi.errors.DataFileError, match="header_row=1"):
        gi.read_layer(path, kind="requests")
    check_german(gi.read_layer(path, kind="requests", header_row=1))


def test_two_headers_for_one_column_are_left_to_the_user(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.xlsx"
    GERMAN.assign(Branche=["Café", "Agentur", "Mode"]).to_excel(path, index=False)
    with pytest.raises(SchemaError, match="required column 'use' is missing") as info:
        gi.read_layer(path, kind="requests")
    assert info.value.report is not None
    assert "columns 'Nutzung', 'Branche' could each be 'use'; map one with columns=" in (
        info.value.report.notes
    )
    out = gi.read_layer(path, kind="requests", columns={"Nutzung": "use"})
    assert out["use"].tolist() == ["gastronomy", "office", "retail_medium.clothing"]


def test_bad_rows_of_an_excel_list_are_errors_naming_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.xlsx"
    bad = GERMAN.copy()
    bad.loc[1, "Fläche von"] = 500  # above "Fläche bis" 400
    bad.loc[2, "Status"] = "storniert"
    bad.to_excel(path, index=False)
    with pytest.raises(SchemaError) as info:
        gi.read_layer(path, kind="requests")
    text = str(info.value)
    assert "gesuche.xlsx" in text
    assert "row G-02, column 'min_floor_area_m2'" in text
    assert "row G-03, column 'status'" in text


def test_coordinates_options_do_not_apply_to_requests(tmp_path: Path) -> None:
    path = tmp_path / "gesuche.xlsx"
    GERMAN.to_excel(path, index=False)
    with pytest.raises(ValueError, match="table without geometry; crs= do not apply"):
        gi.read_layer(path, kind="requests", crs="EPSG:25832")


def test_cli_validate_reads_a_request_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")
    path = tmp_path / "gesuche.xlsx"
    GERMAN.to_excel(path, index=False)
    code = main(["validate", str(path), "--kind", "requests"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("OK: requests layer from ")
    assert "3 rows, 0 errors" in out


# --------------------------------------------------------------------------- city, files


def small_city() -> gi.City:
    table = conform(
        requests(
            3,
            received_on=["01.03.2025", "15.04.2025", "30.06.2025"],
            min_floor_area_m2=[150.0, 60.0, 200.0],
            max_floor_area_m2=[300.0, 120.5, 450.0],
            ground_floor_required=[True, True, False],
            preferred_quarters=[["Q1"], "Q1, Q2", None],
            max_rent_eur_m2=[18.0, None, 12.5],
            step_free_required=[True, None, False],
            status=["open", "placed", "withdrawn"],
            contact_name=["Erika Fiktiv", "Max Beispiel", None],
            contact_email=["a@example.org", None, "c@example.org"],
            contact_phone=["0000 1", "0000 2", "0000 3"],
        ),
        "requests",
    )
    return gi.City(quarters=quarters(), requests=table, meta={"name": "Teststadt"})


@pytest.mark.parametrize("personal", [False, True])
def test_write_city_read_city_round_trip(tmp_path: Path, personal: bool) -> None:
    city = small_city()
    assert city.requests is not None
    back = gi.read_city(gi.write_city(city, tmp_path / "city.gpkg", personal=personal))
    assert back.requests is not None
    assert type(back.requests) is pd.DataFrame
    got = back.requests.copy()
    got.attrs = {}
    expected = city.requests if personal else city.requests.drop(columns=CONTACTS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=True)
    assert str(got["received_on"].dtype) == "datetime64[ns]"
    assert got["ground_floor_required"].tolist() == [True, True, False]
    assert got["step_free_required"].tolist()[0] is True
    assert pd.isna(got["step_free_required"][1])


def test_requests_are_a_table_in_the_geopackage(tmp_path: Path) -> None:
    import pyogrio

    path = gi.write_city(small_city(), tmp_path / "city.gpkg")
    info = {row[0]: row[1] for row in pyogrio.list_layers(path)}
    assert info["requests"] is None  # no geometry type: a GeoPackage attribute table
    assert info["quarters"] is not None


def test_city_holds_requests_as_a_layer() -> None:
    city = small_city()
    assert list(city.layers()) == ["quarters", "requests"]
    assert len(city.require("requests")) == 3
    public = city.without_personal()
    assert public.requests is not None
    assert not set(CONTACTS) & set(public.requests.columns)
    assert "request_id" in public.requests.columns
    html = city._repr_html_()
    assert "Ansiedlungsgesuche" in html
    assert "contact_name" not in html
    assert "requests=3" in repr(city)
    with pytest.raises(ValueError, match=r"'requests' layer \(Ansiedlungsgesuche\) is needed"):
        gi.City(meta={"name": "X"}).require("requests")


def test_contacts_never_reach_a_formatted_table() -> None:
    shown = gi.labels.format_table(small_city().requests)
    assert not {"Ansprechpartner/in", "E-Mail", "Telefon", *CONTACTS} & set(map(str, shown.columns))


def test_read_city_warns_about_preferred_quarters_the_city_lacks(tmp_path: Path) -> None:
    city = small_city()
    assert city.requests is not None
    city.requests.loc[2, "preferred_quarters"] = "Q9"
    path = gi.write_city(city, tmp_path / "city.gpkg")
    with pytest.warns(gi.io.ReadWarning, match="G3: preferred quarter 'Q9' is not among"):
        back = gi.read_city(path)
    assert back.requests is not None
    assert back.requests["preferred_quarters"].tolist()[2] == "Q9"  # kept, only warned


def test_city_display_names_requests_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "de")
    html = small_city()._repr_html_()
    assert "keine (Tabelle)" in html
