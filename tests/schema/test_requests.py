"""The ``requests`` layer kind (Ansiedlungsgesuche): schema, validation, sample data.

Reading and writing: ``tests/io/test_requests_io.py``.

Every expectation is written out by hand or computed with plain pandas from the
input, never with the function under test.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from helpers.requests import CONTACTS, quarters, requests
from shapely import Point

import geoinnenstadt as gi
from geoinnenstadt.schema import LAYERS, conform, spec, validate
from geoinnenstadt.schema.conform import preference_list, preference_text


def problems(report: gi.ValidationReport, which: str = "errors") -> list[tuple[Any, Any]]:
    frame = getattr(report, which)
    return list(zip(frame["row"], frame["column"], strict=True))


# --------------------------------------------------------------------------- schema


def test_requests_kind_is_last_and_has_no_geometry() -> None:
    assert gi.KINDS[-1] == "requests"
    s = spec("requests")
    assert s.geometry == "none"
    assert not s.has_geometry
    assert s.geometry_types == ()
    assert s.id_column == "request_id"
    assert s.label_de == "Ansiedlungsgesuche"
    assert s.personal_columns == tuple(CONTACTS)
    assert s.column("status").allowed == ("open", "placed", "withdrawn")
    assert s.column("use").allowed == spec("units").column("use").allowed  # one rule for uses
    assert all(spec(k).has_geometry for k in gi.KINDS if k != "requests")


def test_units_gain_offer_columns() -> None:
    s = spec("units")
    assert [(s.column(c).dtype, s.column(c).required) for c in
            ("asking_rent_eur_m2", "step_free", "shop_window_m")] == [
        ("float", False), ("bool", False), ("float", False)]  # fmt: skip


# --------------------------------------------------------------------------- validation


def test_a_valid_request_table_passes_without_geometry() -> None:
    report = validate(requests(), "requests")
    assert report.ok, str(report)
    assert report.warnings.empty, str(report)


def test_a_geodataframe_of_requests_is_accepted_and_its_geometry_ignored() -> None:
    gdf = gpd.GeoDataFrame(requests(), geometry=[Point(0, 0), None], crs=None)
    report = validate(gdf, "requests")
    assert report.ok, str(report)
    assert report.warnings.empty, str(report)


def test_not_a_table_is_an_error() -> None:
    report = validate([1, 2], "requests")  # type: ignore[arg-type]
    assert report.errors["problem"].tolist() == ["expected a table (DataFrame), got list"]


def test_min_above_max_is_an_error_naming_the_request() -> None:
    report = validate(requests(3, min_floor_area_m2=[150, 400, 80], max_floor_area_m2=[300, 250, 80]),
                      "requests")  # fmt: skip
    assert problems(report) == [("G2", "min_floor_area_m2")]
    assert report.errors["problem"].iloc[0] == (
        "min_floor_area_m2 400 is greater than max_floor_area_m2 250"
    )


def test_negative_area_is_an_error() -> None:
    report = validate(requests(2, min_floor_area_m2=[-5.0, 100.0]), "requests")
    assert problems(report) == [("G1", "min_floor_area_m2")]


def test_unknown_status_gets_a_did_you_mean_from_the_german_word() -> None:
    report = validate(requests(3, status=["offen", "vermittelt", "storniert"]), "requests")
    assert problems(report) == [("G1", "status"), ("G2", "status"), ("G3", "status")]
    hints = report.errors["hint"].tolist()
    assert hints[0] == "allowed: open, placed, withdrawn (did you mean 'open'?)"
    assert hints[1] == "allowed: open, placed, withdrawn (did you mean 'placed'?)"
    assert "did you mean" not in hints[2]


def test_unknown_use_gets_a_did_you_mean() -> None:
    report = validate(requests(2, use=["Gastronomie", "retail_medium.clothng"]), "requests")
    assert problems(report) == [("G1", "use"), ("G2", "use")]
    assert report.errors["hint"].iloc[0].endswith("(did you mean 'gastronomy'?)")
    assert report.errors["hint"].iloc[1].endswith("(did you mean 'retail_medium.clothing'?)")


def test_codes_of_gi_uses_are_accepted() -> None:
    uses = ["retail", "retail_short.food", "health", "office"]
    assert validate(requests(4, use=uses), "requests").ok


def test_duplicate_request_id_is_an_error() -> None:
    report = validate(requests(3, request_id=["G1", "G2", "G1"]), "requests")
    assert problems(report) == [("G1", "request_id")]
    assert "request_id" in report.errors["hint"].iloc[0]


def test_missing_received_on_is_an_error() -> None:
    report = validate(requests(2, received_on=["01.03.2025", None]), "requests")
    assert problems(report) == [("G2", "received_on")]


def test_missing_required_columns_are_listed() -> None:
    report = validate(requests().drop(columns=["received_on", "status"]), "requests")
    assert sorted(report.errors["column"]) == ["received_on", "status"]


def test_preferred_quarter_that_does_not_exist_is_a_warning_naming_it() -> None:
    table = requests(3, preferred_quarters=["Q1, Hansaviertel", "Q7", ["Q2", "Hansavirtel"]])
    report = validate(table, "requests", quarters=quarters())
    assert report.ok, str(report)
    assert problems(report, "warnings") == [("G2", "preferred_quarters"),
                                            ("G3", "preferred_quarters")]  # fmt: skip
    texts = report.warnings["problem"].tolist()
    assert texts == ["preferred quarter 'Q7' is not among the quarters",
                     "preferred quarter 'Hansavirtel' is not among the quarters"]  # fmt: skip
    assert "did you mean 'Hansaviertel'?" in report.warnings["hint"].iloc[1]
    assert "known: Q1, Q2" in report.warnings["hint"].iloc[0]
    # without quarters= the preferences are not checked
    assert validate(table, "requests").warnings.empty


def test_preferred_quarters_in_memory_form_is_text() -> None:
    table = requests(4, preferred_quarters=[["Q1", "Q2"], "Q1;Q2", " Q1 ,Q2 ", None])
    out = conform(table, "requests")
    assert out["preferred_quarters"].tolist() == ["Q1, Q2", "Q1, Q2", "Q1, Q2", pd.NA]
    assert str(out["preferred_quarters"].dtype) == "string"
    assert preference_list("Q1, Hansaviertel") == ["Q1", "Hansaviertel"]
    assert preference_list(pd.NA) == []
    assert preference_text(pd.Series([("Q2",)])).tolist() == ["Q2"]


def test_conform_returns_a_plain_dataframe_with_schema_dtypes() -> None:
    table = requests(2, received_on=["01.03.2025", "2025-04-15"], max_floor_area_m2=["300", "250,5"],
                     ground_floor_required=["ja", "nein"], step_free_required=["x", None])  # fmt: skip
    out = conform(gpd.GeoDataFrame(table, geometry=[Point(0, 0)] * 2), "requests")
    assert type(out) is pd.DataFrame
    assert "geometry" not in out.columns
    assert out["received_on"].tolist() == [pd.Timestamp(2025, 3, 1), pd.Timestamp(2025, 4, 15)]
    assert out["max_floor_area_m2"].tolist() == [300.0, 250.5]
    assert out["ground_floor_required"].tolist() == [True, False]
    assert out["step_free_required"].tolist() == [True, pd.NA]


# --------------------------------------------------------------------------- sample data


@pytest.fixture(scope="module", params=["dortmund", "duesseldorf", "dorsten"])
def sample(request: pytest.FixtureRequest) -> gi.City:
    assert request.param in gi.list_samples()  # a missing sample fails, never skips
    return gi.load_sample(request.param)


def test_sample_requests_count_and_columns(sample: gi.City) -> None:
    r = sample.requests
    assert r is not None
    assert type(r) is pd.DataFrame
    assert 20 <= len(r) <= 40
    assert list(r.columns[:2]) == ["request_id", "received_on"]
    assert set(LAYERS["requests"].column_names) <= set(r.columns)
    assert r["request_id"].is_unique
    report = validate(r, "requests", quarters=sample.quarters)
    assert report.ok, str(report)
    assert report.warnings.empty, str(report)
    assert r["received_on"].max() <= pd.Timestamp(sample.meta["as_of"])
    assert "synthetisch" in sample.meta["requests_note"]
    assert sample.meta["generator_version"] == "2.2"


def test_sample_requests_spread(sample: gi.City) -> None:
    r = sample.requests
    assert r is not None
    assert sample.units is not None
    counts = r["status"].value_counts()
    assert counts["open"] > len(r) / 2
    assert counts["placed"] >= 1
    assert counts["withdrawn"] >= 1
    small_retail = r["use"].str.startswith("retail") & (r["max_floor_area_m2"] <= 250)
    assert (small_retail & r["ground_floor_required"]).sum() >= 3
    gastro = r[r["use"] == "gastronomy"]
    assert len(gastro) >= 2
    assert (gastro["min_floor_area_m2"] >= 150).all()
    assert (gastro["max_floor_area_m2"] <= 300).all()
    offices = r[r["use"] == "office"]
    assert len(offices) >= 2
    assert not offices["ground_floor_required"].any()
    anywhere = r["preferred_quarters"].isna()
    assert 0 < anywhere.sum() < len(r)


def test_exactly_one_sample_request_fits_no_unit_by_size(sample: gi.City) -> None:
    r, units = sample.requests, sample.units
    assert r is not None
    assert units is not None
    ground = units[units["ground_floor"].fillna(False).astype(bool)]
    largest_ground = float(ground["floor_area_m2"].max())
    largest_any = float(units["floor_area_m2"].max())
    too_big = r[
        (r["ground_floor_required"] & (r["min_floor_area_m2"] > largest_ground))
        | (r["min_floor_area_m2"] > largest_any)
    ]
    assert len(too_big) == 1
    big = too_big.iloc[0]
    assert big["min_floor_area_m2"] >= 2500
    assert big["ground_floor_required"]
    assert big["status"] == "open"
    # no unit of the sample, in any survey, has that floor area on the ground floor
    assert not (ground["floor_area_m2"] >= big["min_floor_area_m2"]).any()


def test_sample_contacts_are_fictitious_and_personal(sample: gi.City) -> None:
    r = sample.requests
    assert r is not None
    assert r["contact_email"].str.endswith("@example.org").all()
    assert r["contact_phone"].str.startswith("0000 ").all()
    public = sample.without_personal().requests
    assert public is not None
    assert not set(CONTACTS) & set(public.columns)


def test_sample_units_carry_offers(sample: gi.City) -> None:
    units = sample.units
    assert units is not None
    vacant = units["status"] == "vacant"
    assert units.loc[vacant, "asking_rent_eur_m2"].notna().all()
    assert units.loc[~vacant, "asking_rent_eur_m2"].isna().all()
    rents = units.loc[vacant, "asking_rent_eur_m2"]
    assert rents.between(3, 80).all()
    per_unit = units.groupby("unit_id")[["step_free", "shop_window_m"]].nunique(dropna=False)
    assert (per_unit <= 1).all().all()  # one value per unit over the surveys
    ground = units["ground_floor"].fillna(False).astype(bool)
    assert units.loc[ground, "shop_window_m"].notna().all()
    assert units.loc[~ground, "shop_window_m"].isna().all()
    assert units["step_free"].notna().all()
