"""Personal columns and publication suppression: one filter each."""

from __future__ import annotations

import base64
import warnings

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

import geoinnenstadt as gi
from geoinnenstadt import privacy


def test_personal_columns_come_from_the_schema():
    assert set(privacy.personal_columns("units")) == {"owner_name", "owner_contact"}
    assert set(privacy.personal_columns()) >= {"owner_name", "owner_contact"}


def test_drop_personal():
    units = gi.load_sample("dortmund").units
    assert {"owner_name", "owner_contact"} <= set(units.columns)
    out = privacy.drop_personal(units)
    assert not {"owner_name", "owner_contact"} & set(out.columns)
    assert len(out) == len(units)
    assert out.attrs["personal_dropped"] == ["owner_name", "owner_contact"]
    assert {"owner_name"} <= set(units.columns)  # the input is untouched
    assert privacy.drop_personal(units, personal=True) is units


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # one small quarter: total minus shown would reveal it -> a second quarter is suppressed
        ({"A": 1, "B": 10, "C": 4}, {"A": "primary", "B": "", "C": "secondary"}),
        # the fixture: a 1-unit and a 2-unit quarter
        (
            {"A": 1, "B": 2, "C": 40, "D": 12},
            {"A": "primary", "B": "primary", "C": "", "D": "secondary"},
        ),
        # nothing small: nothing suppressed
        ({"A": 3, "B": 9}, {"A": "", "B": ""}),
        # everything small: all primary, no regular quarter to add
        ({"A": 1, "B": 2}, {"A": "primary", "B": "primary"}),
        # ties: the first of the smallest regular quarters
        ({"A": 0, "B": 5, "C": 5}, {"A": "primary", "B": "secondary", "C": ""}),
    ],
)
def test_secondary_suppression(counts, expected):
    s = pd.Series(counts)
    assert privacy.suppression(s, min_count=3).to_dict() == expected


def test_residual_never_isolates_a_small_quarter():
    # invariant on generated data: the suppressed set is empty, or contains a regular quarter,
    # or is everything (then nothing is shown and no residual exists)
    for seed in range(30):
        counts = pd.Series(
            pd.Series(range(12)).sample(n=8, replace=True, random_state=seed).to_numpy(),
            index=[f"Q{i}" for i in range(8)],
        )
        s = privacy.suppression(counts, min_count=3)
        hidden = counts[s != ""]
        assert (counts[s == "primary"] < 3).all()
        assert (counts[s != "primary"] >= 3).all()
        if len(hidden) and len(hidden) < len(counts):
            assert (hidden >= 3).any()


def test_default_threshold_from_settings(monkeypatch):
    monkeypatch.setattr(gi.settings, "public_min_count", 5)
    assert list(privacy.suppressed(pd.Series({"A": 4, "B": 6, "C": 9}))) == ["A", "B"]


# --------------------------------------------------------------------------- issue 24: look-alikes

PHONE, OWNER = "0231 5550123", "Erika Mustermann"


def _units_with_extras() -> gpd.GeoDataFrame:
    units = gi.load_sample("dortmund").units.head(4).drop(columns=["owner_name", "owner_contact"])
    return units.assign(Eigentümer=OWNER, Telefon=PHONE)


@pytest.mark.parametrize(
    ("column", "personal"),
    [
        ("Eigentümer", True), ("Eigentuemer", True), ("owner", True), ("Inhaber", True),
        ("Ansprechpartner", True), ("Vorname", True), ("Nachname", True),
        ("contact_name", True), ("Kontakt", True), ("contact", True), ("Telefon", True),
        ("phone", True), ("Tel.", True), ("E-Mail", True), ("email", True), ("Mail", True),
        ("name", False), ("Name", False), ("Hotel", False), ("status", False),
        ("Stellplätze", False), ("address", False), ("brand", False), ("Mailand", False),
    ],
)  # fmt: skip
def test_looks_personal(column, personal):
    assert privacy.looks_personal(column) is personal


def test_write_layer_drops_personal_looking_columns_naming_them(tmp_path):
    units = _units_with_extras()
    with pytest.warns(privacy.PersonalDataWarning, match=r"'Eigentümer', 'Telefon'.*keep=\["):
        path = gi.io.write_layer(units, tmp_path / "units.gpkg")
    written = pyogrio.read_dataframe(path)  # oracle: the file as GDAL reads it
    assert "Eigentümer" not in written.columns
    assert "Telefon" not in written.columns
    assert written["unit_id"].tolist() == units["unit_id"].tolist()
    assert PHONE.encode() not in path.read_bytes()
    assert OWNER.encode() not in path.read_bytes()
    # kept by name: only the other one is dropped (and named)
    with pytest.warns(privacy.PersonalDataWarning, match=r"'Eigentümer'\)? ") as record:
        path = gi.io.write_layer(units, tmp_path / "kept.gpkg", keep=["Telefon"])
    assert "Telefon" not in str(record[0].message)
    written = pyogrio.read_dataframe(path)
    assert written["Telefon"].tolist() == [PHONE] * 4
    assert "Eigentümer" not in written.columns
    # personal=True: everything, without a word
    with warnings.catch_warnings():
        warnings.simplefilter("error", privacy.PersonalDataWarning)
        path = gi.io.write_layer(units, tmp_path / "intern.gpkg", personal=True)
    assert {"Eigentümer", "Telefon"} <= set(pyogrio.read_dataframe(path).columns)


def test_write_city_drops_personal_looking_columns_naming_them(tmp_path):
    city = gi.load_sample("dortmund")
    city.units = city.units.assign(Telefon=PHONE)
    with pytest.warns(privacy.PersonalDataWarning, match="'Telefon'"):
        path = gi.write_city(city, tmp_path / "city.gpkg")
    written = pyogrio.read_dataframe(path, layer="units")
    assert "Telefon" not in written.columns
    assert "owner_name" not in written.columns
    assert len(written) == len(city.units)
    # schema columns that merely contain a trigger word stay: sites.owner_type, quarters.name
    sites = pyogrio.read_dataframe(path, layer="sites")
    assert sites["owner_type"].tolist() == city.sites["owner_type"].tolist()
    quarters = pyogrio.read_dataframe(path, layer="quarters")
    assert quarters["name"].tolist() == city.quarters["name"].tolist()
    path = gi.write_city(city, tmp_path / "kept.gpkg", keep=["Telefon"])
    assert pyogrio.read_dataframe(path, layer="units")["Telefon"].eq(PHONE).all()


def test_briefing_tables_and_downloads_drop_personal_looking_columns():
    from geoinnenstadt.briefing import present

    table = pd.DataFrame({"units": [3], "Telefon": [PHONE], "Eigentümer": [OWNER]})
    with pytest.warns(privacy.PersonalDataWarning, match="'Telefon', 'Eigentümer'"):
        html = present.show_table(table, display=False)._repr_html_()
    assert PHONE not in html
    assert OWNER not in html
    with pytest.warns(privacy.PersonalDataWarning):
        links = present.show_downloads(table, name="t", display=False)._repr_html_()
    encoded = [base64.b64decode(part.split("'")[0]) for part in links.split("base64,")[1:]]
    assert len(encoded) == 2
    assert all(PHONE.encode() not in blob for blob in encoded)
    assert b"Telefon" not in encoded[0]  # the CSV, read as bytes


def test_maps_never_show_personal_looking_columns():
    city = gi.load_sample("dorsten")
    city.units = city.units.assign(Telefon=PHONE, Ansprechpartner=OWNER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", privacy.PersonalDataWarning)
        html = gi.maps.to_html(gi.maps.vacancy_map(city, hotspots=False))
    assert PHONE not in html
    assert OWNER not in html
