"""Tests of geoinnenstadt.schema: every validation rule on small hand-built layers."""

from __future__ import annotations

from collections import Counter
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import LineString, MultiPoint, Point, Polygon, box

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.kennzeichen import KENNZEICHEN_RE
from geoinnenstadt.kennzeichen import is_valid as is_valid_kennzeichen
from geoinnenstadt.schema import (
    KINDS,
    LAYERS,
    ValidationReport,
    conform,
    spec,
    validate,
)
from geoinnenstadt.schema.conform import to_date as conform_to_date

CRS = "EPSG:25832"
X0, Y0 = 393_000.0, 5_707_000.0  # Dortmund city centre in ETRS89 / UTM 32N
DAY = "2025-06-30"


def pt(i: int = 0) -> Point:
    return Point(X0 + 10 * i, Y0 + 5 * i)


def sq(i: int = 0, size: float = 100.0) -> Polygon:
    return box(X0 + size * i, Y0, X0 + size * (i + 1), Y0 + size)


def layer(
    rows: dict[str, list[Any]], geometry: list[Any], crs: str | None = CRS
) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=geometry, crs=crs)


def units(n: int = 2, **overrides: list[Any]) -> gpd.GeoDataFrame:
    rows: dict[str, list[Any]] = {
        "unit_id": [f"U{i}" for i in range(n)],
        "survey_date": [DAY] * n,
        "status": ["occupied"] * n,
        "floor_area_m2": [80.0] * n,
    }
    rows.update(overrides)
    return layer(rows, [pt(i) for i in range(n)])


VALID: dict[str, gpd.GeoDataFrame] = {
    "quarters": layer({"quarter_id": ["Q1", "Q2"], "name": ["Nord", "Süd"]}, [sq(0), sq(1)]),
    "core_zones": layer({"zone_id": ["K1"], "name": ["Hafen"], "category": ["A"]}, [sq(0)]),
    "preemption_areas": layer(
        {"area_id": ["V1"], "name": ["Hafen"], "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"]}, [sq(0)]
    ),
    "units": units(2),
    "sites": layer({"site_id": ["S1"], "status": ["available"], "restriction": ["none"]}, [sq(0)]),
    "parcels": layer({"parcel_id": ["051234017001230004__"]}, [sq(0)]),
    "residential": layer({"area_id": ["W1"], "use": ["residential"]}, [sq(0)]),
    "context": layer(
        {
            "context_id": ["C1", "C2", "C3"],
            "category": ["district", "landuse", "road"],
            "name": ["Innenstadt-West", None, "B 1"],
            "landuse": [None, "GE", None],
        },
        [sq(0), sq(1), LineString([(X0, Y0), (X0 + 500, Y0 + 300)])],
    ),
    # requests carry no geometry: a plain table
    "requests": pd.DataFrame(
        {
            "request_id": ["G1"],
            "received_on": [DAY],
            "use": ["gastronomy"],
            "min_floor_area_m2": [150.0],
            "max_floor_area_m2": [300.0],
            "ground_floor_required": [True],
            "status": ["open"],
        }
    ),
}


def problems(report: ValidationReport, which: str = "errors") -> list[tuple[Any, Any]]:
    frame = getattr(report, which)
    return list(zip(frame["row"], frame["column"], strict=True))


# --------------------------------------------------------------------------- specs


def test_every_kind_has_a_valid_fixture_that_passes_cleanly() -> None:
    assert set(VALID) == set(KINDS)
    for kind, gdf in VALID.items():
        report = validate(gdf, kind)
        assert report.ok, (kind, str(report))
        assert report.warnings.empty, (kind, str(report))


def test_spec_and_unknown_kind() -> None:
    assert spec("units").key == ("unit_id", "survey_date")
    assert spec("quarters").key == ("quarter_id",)
    with pytest.raises(ValueError, match=r"unknown layer kind 'unit'.*did you mean 'units'"):
        spec("unit")
    with pytest.raises(ValueError, match="valid kinds"):
        validate(VALID["units"], "leerstand")


def test_personal_columns_are_marked() -> None:
    assert LAYERS["units"].personal_columns == ("owner_name", "owner_contact")
    assert LAYERS["requests"].personal_columns == ("contact_name", "contact_email", "contact_phone")
    assert all(not LAYERS[k].personal_columns for k in KINDS if k not in ("units", "requests"))


def test_optional_columns_may_be_absent_or_present() -> None:
    gdf = units(1, use=["retail"], ground_floor=["ja"], location_class=["1a"], fund=[None])
    assert validate(gdf, "units").ok


# --------------------------------------------------------------------------- columns


@pytest.mark.parametrize("kind", KINDS)
def test_every_missing_required_column_is_reported(kind: str) -> None:
    gdf = VALID[kind].drop(columns=list(LAYERS[kind].required_columns))
    report = validate(gdf, kind)
    errs = report.errors
    missing = errs[errs["problem"].str.startswith("required column")]
    assert sorted(missing["column"]) == sorted(LAYERS[kind].required_columns)
    assert missing["row"].isna().all()


def test_missing_column_hint_suggests_similar_source_column() -> None:
    gdf = units(1).rename(columns={"floor_area_m2": "floor_area"})
    (hint,) = validate(gdf, "units").errors["hint"]
    assert "did you mean 'floor_area'" in hint
    assert "columns={'SOURCE': 'floor_area_m2'}" in hint


# --------------------------------------------------------------------------- dtypes


def test_german_dates_and_decimals_are_accepted() -> None:
    gdf = units(
        3,
        survey_date=["30.06.2025", "2025/06/30 00:00:00", "1.7.2025"],
        floor_area_m2=["85,5", "1.234,5", "12.5"],
        status=["vacant", "occupied", "occupied"],
        vacant_since=["01.01.2025", None, ""],
    )
    assert validate(gdf, "units").ok
    out = conform(gdf, "units")
    assert out["survey_date"].dtype == "datetime64[ns]"
    assert out["survey_date"].tolist() == [
        pd.Timestamp(2025, 6, 30),
        pd.Timestamp(2025, 6, 30),
        pd.Timestamp(2025, 7, 1),
    ]
    assert out["floor_area_m2"].tolist() == [85.5, 1234.5, 12.5]
    assert out["vacant_since"].iloc[0] == pd.Timestamp(2025, 1, 1)
    assert out["vacant_since"].iloc[1:].isna().all()


@pytest.mark.parametrize(
    ("column", "value", "dtype", "reason"),
    [
        ("survey_date", "31.02.2025", "date", ": is not a calendar date (day 31, month 2)"),
        ("survey_date", "06/30/2025", "date", ": is ambiguous (month/day order)"),
        ("survey_date", "2025-06-30x", "date", ": is not a date"),
        ("survey_date", "30.06.25", "date", ": has a two-digit year"),
        ("survey_date", "01.06.25", "date", ": has a two-digit year"),
        (
            "survey_date",
            45838,
            "date",
            ": is a number, not a date (an int means a year only where documented)",
        ),  # an Excel serial number
        # outside the datetime64[ns] range (the reason's wording is dates.py's)
        ("survey_date", "1500-01-01", "date", None),
        ("floor_area_m2", "achtzig", "float", ""),
        ("floor_area_m2", "inf", "float", ""),
        ("ground_floor", "vielleicht", "bool", ""),
    ],
)
def test_unreadable_values_are_errors(
    column: str, value: Any, dtype: str, reason: str | None
) -> None:
    gdf = units(2, **{column: [DAY if dtype == "date" else 50.0, value]})
    if column == "ground_floor":
        gdf = units(2, ground_floor=[True, value])
    report = validate(gdf, "units")
    assert problems(report) == [(report.errors["row"].iloc[0], column)]
    problem = report.errors["problem"].iloc[0]
    if reason is None:
        assert problem.startswith(f"cannot read {value!r} as {dtype}: ")
    else:
        assert problem == f"cannot read {value!r} as {dtype}{reason}"
    assert report.errors["row"].iloc[0].startswith("U1")
    if dtype == "date":
        assert report.errors["hint"].iloc[0].startswith("use DD.MM.YYYY or YYYY-MM-DD")


def test_two_digit_year_is_an_error_naming_row_column_and_hint() -> None:
    # "01.06.25" used to become 6 January in vacancy.rates; the schema rejects it everywhere
    gdf = units(2, survey_date=["01.06.2025", "01.06.25"])
    report = validate(gdf, "units")
    assert not report.ok
    row, column, problem, hint = report.errors.iloc[0].tolist()
    assert (row, column) == ("U1 @ 01.06.25", "survey_date")
    assert problem == "cannot read '01.06.25' as date: has a two-digit year"
    assert "use DD.MM.YYYY or YYYY-MM-DD" in hint
    out = conform(gdf, "units")
    assert out["survey_date"].iloc[0] == pd.Timestamp(2025, 6, 1)  # day first
    assert pd.isna(out["survey_date"].iloc[1])  # never 6 January 2025


def test_time_zones_become_the_local_date() -> None:
    # 23:30 UTC on 30 June is 01:30 on 1 July in Berlin: the local date, not the UTC one
    gdf = units(2, survey_date=["2025-06-30T23:30:00Z", "2025-06-30T12:00:00+02:00"])
    out = conform(gdf, "units")
    assert out["survey_date"].tolist() == [pd.Timestamp(2025, 7, 1), pd.Timestamp(2025, 6, 30)]
    aware = pd.Series(pd.to_datetime(["2025-06-30 23:30"]).tz_localize("UTC"))
    typed = units(1, survey_date=aware)
    assert conform(typed, "units")["survey_date"].iloc[0] == pd.Timestamp(2025, 7, 1)


def test_dates_from_datetime_columns_and_objects() -> None:
    dates = pd.Series(
        [pd.Timestamp("2025-06-30 14:30"), pd.Timestamp("2025-06-30", tz="Europe/Berlin")],
        dtype=object,
    )
    out = conform_to_date(dates)
    assert out.tolist() == [pd.Timestamp(2025, 6, 30)] * 2
    assert out.dtype == "datetime64[ns]"
    typed = conform_to_date(pd.Series(pd.to_datetime(["2025-06-30", None])))
    assert typed.dtype == "datetime64[ns]"
    assert typed.iloc[0] == pd.Timestamp(2025, 6, 30)
    assert pd.isna(typed.iloc[1])


# --------------------------------------------------------------------------- allowed values


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [("vacnt", "vacant"), ("Vacant", "vacant"), ("leer", "vacant"), (" occupied", "occupied")],
)
def test_unknown_value_with_did_you_mean(value: str, suggestion: str) -> None:
    report = validate(units(1, status=[value]), "units")
    assert problems(report) == [(f"U0 @ {DAY}", "status")]
    assert report.errors["problem"].iloc[0] == f"unknown value {value!r}"
    assert (
        report.errors["hint"].iloc[0] == f"allowed: occupied, vacant (did you mean {suggestion!r}?)"
    )


def test_unknown_value_without_a_close_match_lists_allowed_values() -> None:
    report = validate(units(1, use=["Kiosk-Zwischennutzung"]), "units")
    hint = report.errors["hint"].iloc[0]
    # the coarse uses first, then the use categories of gi.uses (issue 20)
    assert hint.startswith("allowed: retail, gastronomy, services, office, other, retail_short, ")
    assert ", retail_medium.clothing, " in hint
    assert hint.endswith(", culture_leisure, health")


def test_allowed_values_in_other_kinds() -> None:
    gdf = VALID["core_zones"].assign(category=["a"])
    assert validate(gdf, "core_zones").errors["hint"].iloc[0].endswith("(did you mean 'A'?)")
    gdf = VALID["sites"].assign(restriction=["leicht"])
    assert validate(gdf, "sites").errors["hint"].iloc[0].endswith("(did you mean 'minor'?)")


# --------------------------------------------------------------------------- keys


def test_duplicate_ids_are_reported_once_per_repeat() -> None:
    gdf = layer(
        {"quarter_id": ["Q1", "Q2", "Q1", "Q1"], "name": list("abcd")},
        [sq(0), sq(1), sq(2), sq(3)],
    )
    report = validate(gdf, "quarters")
    assert problems(report) == [("Q1", "quarter_id"), ("Q1", "quarter_id")]
    assert report.errors["problem"].tolist() == [
        "duplicate quarter_id (feature #3 repeats feature #1)",
        "duplicate quarter_id (feature #4 repeats feature #1)",
    ]


def test_units_panel_key_is_unit_and_survey_date() -> None:
    gdf = units(
        3,
        unit_id=["U1", "U1", "U1"],
        survey_date=["31.12.2024", "30.06.2025", "2025-06-30"],  # same date, two spellings
    )
    report = validate(gdf, "units")
    assert problems(report) == [("U1 @ 2025-06-30", "unit_id")]
    assert "unit_id and survey_date" in report.errors["problem"].iloc[0]


# --------------------------------------------------------------------------- conditional rules


def test_vacant_since_required_when_vacant() -> None:
    gdf = units(3, status=["vacant", "vacant", "occupied"], vacant_since=[None, "  ", None])
    report = validate(gdf, "units")
    assert problems(report) == [(f"U0 @ {DAY}", "vacant_since"), (f"U1 @ {DAY}", "vacant_since")]
    gdf = units(1, status=["vacant"])  # no vacant_since column at all
    assert problems(validate(gdf, "units")) == [(f"U0 @ {DAY}", "vacant_since")]


def test_vacant_since_not_after_survey_date() -> None:
    gdf = units(
        2,
        status=["vacant", "vacant"],
        vacant_since=["30.06.2025", "01.07.2025"],  # equal is fine, one day later is not
    )
    report = validate(gdf, "units")
    assert problems(report) == [(f"U1 @ {DAY}", "vacant_since")]
    assert report.errors["problem"].iloc[0] == (
        "vacant_since 2025-07-01 is after survey_date 2025-06-30"
    )


def test_taken_up_on_required_when_taken_up() -> None:
    gdf = layer(
        {
            "site_id": ["S1", "S2", "S3"],
            "status": ["taken_up", "taken_up", "available"],
            "restriction": ["none"] * 3,
            "taken_up_on": ["15.03.2024", None, None],
        },
        [sq(0), sq(1), sq(2)],
    )
    assert problems(validate(gdf, "sites")) == [("S2", "taken_up_on")]


@pytest.mark.parametrize(("area", "shown"), [(0, "0"), (-12.5, "-12.5"), ("-3,5", "-3.5")])
def test_floor_area_must_be_positive(area: Any, shown: str) -> None:
    report = validate(units(2, floor_area_m2=[10.0, area]), "units")
    assert problems(report) == [(f"U1 @ {DAY}", "floor_area_m2")]
    assert report.errors["problem"].iloc[0] == f"floor area must be > 0, got {shown}"


def test_missing_required_values_are_reported_per_row() -> None:
    report = validate(units(3, floor_area_m2=[10.0, np.nan, None]), "units")
    assert problems(report) == [(f"U1 @ {DAY}", "floor_area_m2"), (f"U2 @ {DAY}", "floor_area_m2")]
    assert set(report.errors["problem"]) == {"required value is missing"}


# --------------------------------------------------------------------------- Flurstückskennzeichen


VALID_IDS = ["05123401700123______", "051234017001230004__", "05123401700123000412"]
BAD_IDS = {
    "0512340170012300004__": "has 21 characters, not 20",
    "05123401700123____": "has 18 characters, not 20",
    "05AB34017001230004__": "contains characters other than digits and '_': 'AB'",
    "00123401700123______": "Land code '00' is not 01–16",
    "17123401700123______": "Land code '17' is not 01–16",
    "05123401700000______": "Flurstücksnummer (Zähler) 00000 does not exist",
    "0512340170012300_4__": "'_' only fills unused Flur, Nenner or Folge positions",
}


def test_kennzeichen_examples() -> None:
    for value in VALID_IDS:
        assert len(value) == 20
        assert is_valid_kennzeichen(value), value
    for value in BAD_IDS:
        assert not is_valid_kennzeichen(value), value
    assert not is_valid_kennzeichen("05123401700123______\n")  # '$' alone would accept this
    assert not is_valid_kennzeichen(5123401700123)
    assert not is_valid_kennzeichen("０5123401700123______")  # full-width digit
    assert KENNZEICHEN_RE.fullmatch(VALID_IDS[0])


def test_parcels_report_the_reason_for_each_bad_kennzeichen() -> None:
    ids = [*VALID_IDS, *BAD_IDS]
    gdf = layer({"parcel_id": ids}, [sq(i) for i in range(len(ids))])
    report = validate(gdf, "parcels")
    assert report.errors["row"].tolist() == list(BAD_IDS)
    for (value, reason), problem in zip(BAD_IDS.items(), report.errors["problem"], strict=True):
        assert problem == f"malformed Flurstückskennzeichen {value!r}: {reason}"


def test_conform_parses_parcel_parts() -> None:
    gdf = layer(
        {"parcel_id": ["051234017001230004__", "05432100200077______", "kaputt"]},
        [sq(0), sq(1), sq(2)],
    )
    out = conform(gdf, "parcels")
    assert out["gemarkung"].tolist()[:2] == ["1234", "4321"]
    assert out["flur"].tolist()[:2] == ["17", "2"]
    assert out["zaehler"].tolist()[:2] == ["123", "77"]
    assert out["nenner"].iloc[0] == "4"
    assert out[["gemarkung", "flur", "zaehler", "nenner"]].iloc[2].isna().all()
    assert pd.isna(out["nenner"].iloc[1])


# --------------------------------------------------------------------------- geometry


def test_no_crs_is_an_error_for_the_layer() -> None:
    report = validate(units(2).set_crs(None, allow_override=True), "units")
    assert problems(report) == [(None, "geometry")]
    assert report.errors["problem"].iloc[0] == "the layer has no CRS"
    assert "crs=" in report.errors["hint"].iloc[0]


def test_wrong_but_plausible_crs_is_a_warning() -> None:
    gdf = units(2).to_crs("EPSG:4326")
    report = validate(gdf, "units")
    assert report.ok
    assert problems(report, "warnings") == [(None, "geometry")]
    assert "not in the working CRS EPSG:25832" in report.warnings["problem"].iloc[0]


def test_missing_and_empty_geometry() -> None:
    gdf = units(3)
    gdf.geometry = [pt(0), None, Point()]
    report = validate(gdf, "units")
    assert problems(report) == [(f"U1 @ {DAY}", "geometry"), (f"U2 @ {DAY}", "geometry")]
    assert report.errors["problem"].tolist() == ["geometry is missing", "geometry is empty"]


def test_mixed_geometry_types() -> None:
    gdf = layer(
        {"quarter_id": ["Q1", "Q2", "Q3"], "name": list("abc")},
        [sq(0), pt(1), LineString([(X0, Y0), (X0 + 5, Y0)])],
    )
    report = validate(gdf, "quarters")
    assert problems(report) == [("Q2", "geometry"), ("Q3", "geometry")]
    assert report.errors["problem"].iloc[0] == (
        "geometry type Point is not allowed for quarters (expected Polygon or MultiPolygon)"
    )
    assert "mixes geometry types (LineString, Point, Polygon)" in report.errors["hint"].iloc[0]


def test_multipoint_unit_hint() -> None:
    gdf = units(1)
    gdf.geometry = [MultiPoint([pt(0), pt(1)])]
    (hint,) = validate(gdf, "units").errors["hint"]
    assert "explode" in hint


def test_bow_tie_polygon_is_invalid_with_reason() -> None:
    bow_tie = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    gdf = layer({"site_id": ["S1"], "status": ["available"], "restriction": ["none"]}, [bow_tie])
    report = validate(gdf, "sites")
    assert problems(report) == [("S1", "geometry")]
    assert report.errors["problem"].iloc[0] == "invalid geometry: Self-intersection[393005 5707005]"
    assert "repair=True" in report.errors["hint"].iloc[0]


def test_outside_germany() -> None:
    gdf = units(2).to_crs("EPSG:4326")
    gdf.geometry = [Point(7.47, 51.51), Point(2.35, 48.86)]  # Dortmund, Paris
    report = validate(gdf, "units")
    assert problems(report) == [(f"U1 @ {DAY}", "geometry")]
    assert report.errors["problem"].iloc[0] == (
        "location (2.35, 48.86) in EPSG:4326 = lon/lat (2.3500, 48.8600) lies outside Germany"
    )


def test_swapped_lat_lon() -> None:
    gdf = units(2).to_crs("EPSG:4326")
    gdf.geometry = [Point(7.47, 51.51), Point(51.51, 7.47)]
    report = validate(gdf, "units")
    assert problems(report) == [(f"U1 @ {DAY}", "geometry")]
    assert "x and y look swapped" in report.errors["problem"].iloc[0]
    assert "swap the coordinate columns" in report.errors["hint"].iloc[0]


def test_degrees_in_a_projected_crs_and_metres_in_a_geographic_crs() -> None:
    gdf = units(1)
    gdf.geometry = [Point(7.47, 51.51)]
    (hint,) = validate(gdf, "units").errors["hint"]
    assert "crs='EPSG:4326'" in hint
    gdf = units(1).set_crs("EPSG:4326", allow_override=True)
    (problem,) = validate(gdf, "units").errors["problem"]
    assert problem.endswith("the coordinates look like metres")


def test_layer_without_geometry_column() -> None:
    gdf = gpd.GeoDataFrame(pd.DataFrame({"quarter_id": ["Q1"], "name": ["a"]}))
    report = validate(gdf, "quarters")
    assert problems(report) == [(None, "geometry")]
    assert report.errors["problem"].iloc[0] == "the layer has no geometry column"


# --------------------------------------------------------------------------- quarters partition


def quarters(*geoms: Polygon) -> gpd.GeoDataFrame:
    ids = [f"Q{i + 1}" for i in range(len(geoms))]
    return layer({"quarter_id": ids, "name": ids}, list(geoms))


def test_clean_partition_has_no_warning() -> None:
    # Q3 shares its edge with Q2 but carries an extra vertex on it: still a clean partition
    q3 = Polygon(
        [
            (X0 + 200, Y0),
            (X0 + 300, Y0),
            (X0 + 300, Y0 + 100),
            (X0 + 200, Y0 + 100),
            (X0 + 200, Y0 + 50),
        ]
    )
    report = validate(quarters(sq(0), sq(1), q3), "quarters")
    assert report.ok
    assert report.warnings.empty


def test_overlapping_quarters_warn_on_both() -> None:
    q2 = box(X0 + 90, Y0, X0 + 200, Y0 + 100)  # overlaps Q1 by 10 m x 100 m
    report = validate(quarters(sq(0), q2), "quarters")
    assert report.ok
    assert problems(report, "warnings") == [("Q1", "geometry"), ("Q2", "geometry")]
    assert report.warnings["problem"].tolist() == [
        "quarter overlaps Q2 (1000.0 m²)",
        "quarter overlaps Q1 (1000.0 m²)",
    ]


def test_sliver_gap_narrower_than_tolerance_warns() -> None:
    q2 = box(X0 + 100.4, Y0, X0 + 200, Y0 + 100)  # 0.4 m gap < 1 m tolerance
    report = validate(quarters(sq(0), q2), "quarters")
    assert report.ok
    assert problems(report, "warnings") == [("Q1", "geometry"), ("Q2", "geometry")]
    assert report.warnings["problem"].iloc[0] == (
        "gap narrower than 1 m to the neighbouring quarters along 100.0 m of the boundary"
    )


def test_wide_intended_gap_and_tolerance_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = quarters(sq(0), box(X0 + 105, Y0, X0 + 200, Y0 + 100))  # a 5 m street between
    assert validate(wide, "quarters").warnings.empty
    sliver = quarters(sq(0), box(X0 + 100.4, Y0, X0 + 200, Y0 + 100))
    assert validate(sliver, "quarters", check_partition=False).warnings.empty
    monkeypatch.setattr(gi.settings, "quarter_gap_tolerance_m", 0.2)
    assert validate(sliver, "quarters").warnings.empty


def test_partition_check_in_another_crs_uses_metres() -> None:
    q2 = box(X0 + 100.4, Y0, X0 + 200, Y0 + 100)
    report = validate(quarters(sq(0), q2).to_crs("EPSG:4326"), "quarters")
    gaps = report.warnings[report.warnings["problem"].str.startswith("gap")]
    assert gaps["row"].tolist() == ["Q1", "Q2"]


# --------------------------------------------------------------------------- report


def many_errors() -> gpd.GeoDataFrame:
    return units(
        5,
        status=["vacnt", "vacant", "occupied", "occupied", "besetzt"],
        floor_area_m2=[0, 10, -1, "x", 5],
        survey_date=[DAY, DAY, DAY, DAY, "31.02.2025"],
    )


def test_report_collects_all_problems() -> None:
    report = validate(many_errors(), "units")
    assert problems(report) == [
        ("U4 @ 31.02.2025", "survey_date"),
        (f"U0 @ {DAY}", "status"),
        ("U4 @ 31.02.2025", "status"),
        (f"U3 @ {DAY}", "floor_area_m2"),
        (f"U0 @ {DAY}", "floor_area_m2"),
        (f"U2 @ {DAY}", "floor_area_m2"),
        (f"U1 @ {DAY}", "vacant_since"),
    ]
    assert list(report.errors.columns) == ["row", "column", "problem", "hint"]
    assert list(report.warnings.columns) == ["row", "column", "problem", "hint"]
    frame = report.to_frame()
    assert list(frame.columns) == ["severity", "row", "column", "problem", "hint"]
    assert set(frame["severity"]) == {"error"}
    assert report.summary(lang="en") == (
        "units layer: 5 rows, 7 errors, 0 warnings, 0 repaired geometries"
    )
    assert report.summary(lang="de") == (
        "Ebene units: 5 Zeilen, 7 Fehler, 0 Warnungen, 0 reparierte Geometrien"
    )


def test_empty_report_frames_have_columns() -> None:
    report = validate(VALID["units"], "units")
    assert report.errors.empty
    assert list(report.errors.columns) == ["row", "column", "problem", "hint"]
    assert list(report.to_frame().columns) == ["severity", "row", "column", "problem", "hint"]
    report.raise_for_errors()  # does nothing


def test_raise_for_errors_lists_first_problems_and_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "max_listed_problems", 3)
    report = validate(many_errors(), "units", source="leerstand.csv")
    with pytest.raises(SchemaError) as info:
        report.raise_for_errors()
    err = info.value
    assert isinstance(err, ValueError)
    assert err.report is report
    lines = str(err).splitlines()
    assert lines[0] == "7 errors in the units layer from leerstand.csv:"
    assert len(lines) == 1 + 3 + 1
    assert lines[1] == (
        "  - row U4 @ 31.02.2025, column 'survey_date': cannot read '31.02.2025' as date: "
        "is not a calendar date (day 31, month 2)"
        " — use DD.MM.YYYY or YYYY-MM-DD (format Excel columns as dates, not numbers)"
    )
    assert lines[-1] == "  … and 4 more (see the report's .errors)"


def test_report_extend_and_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")
    report = validate(many_errors(), "units")
    other = ValidationReport("units")
    other.warn(None, None, "just a warning")
    other.note("x/y read from columns RW, HW")
    other.repaired.append("U9")
    report.extend(other)
    text = str(report)
    assert "warnings:\n  - layer: just a warning" in text
    assert "Repaired with make_valid: U9" in text
    assert text.endswith("note: x/y read from columns RW, HW")


# --------------------------------------------------------------------------- garbage in, report out


def test_non_geodataframe_inputs_are_reported() -> None:
    for thing in (pd.DataFrame({"unit_id": ["U1"]}), [1, 2], None, "units.gpkg"):
        report = validate(thing, "units")  # type: ignore[arg-type]
        assert not report.ok
        assert report.errors["problem"].iloc[0].startswith("expected a GeoDataFrame")


def test_garbage_values_never_raise() -> None:
    gdf = layer(
        {
            "unit_id": [1, 2.0, ["a"], {"b": 1}, None, np.nan],
            "survey_date": [np.nan] * 6,
            "status": [True, 3, None, object(), "vacant", b"vacant"],
            "floor_area_m2": [[1], {"x": 2}, "", None, np.inf, -np.inf],
            "vacant_since": [pd.Timestamp("2025-01-01"), 5, "gestern", None, None, None],
            "ground_floor": [1, "ja", 2, None, "x", "nope"],
        },
        [pt(0), None, Point(), Point(np.nan, np.nan), pt(4), LineString([(0, 0), (1, 1)])],
    )
    report = validate(gdf, "units")
    assert not report.ok
    assert "check could not run" not in " ".join(report.errors["problem"])
    errs = report.errors
    assert errs.loc[0, "row"] == "#5 @ ?"  # ids 1, 2.0, ['a'], {'b': 1} are read as text
    assert errs.loc[errs["column"] == "geometry", "row"].tolist() == [
        "2 @ ?",  # missing
        "['a'] @ ?",  # empty
        "#6 @ ?",  # LineString
        "{'b': 1} @ ?",  # NaN coordinates: invalid, not also "outside Germany"
    ]
    assert len(errs) == 28


def test_all_nan_and_empty_layers() -> None:
    nan_layer = units(3, unit_id=[np.nan] * 3, status=[None] * 3, floor_area_m2=[np.nan] * 3)
    report = validate(nan_layer, "units")
    assert Counter(report.errors["column"]) == Counter(
        {"unit_id": 3, "status": 3, "floor_area_m2": 3}
    )
    assert report.errors["row"].iloc[0] == f"#1 @ {DAY}"
    empty = VALID["quarters"].iloc[:0]
    assert validate(empty, "quarters").ok


def test_duplicate_column_names_and_odd_index() -> None:
    gdf = units(3)
    gdf.index = [7, 7, "x"]
    gdf = pd.concat([gdf, gdf[["status"]]], axis=1)
    report = validate(gdf, "units")
    assert problems(report) == [(None, "status")]
    assert report.errors["problem"].iloc[0] == "column 'status' occurs more than once"
    swapped = units(2, floor_area_m2=[0, 5])
    swapped.index = [10, 10]
    assert problems(validate(swapped, "units")) == [(f"U0 @ {DAY}", "floor_area_m2")]


def test_non_string_column_names() -> None:
    gdf = gpd.GeoDataFrame({0: ["a"], 1.5: ["b"]}, geometry=[sq(0)], crs=CRS)
    report = validate(gdf, "quarters")
    assert sorted(report.errors["column"]) == ["name", "quarter_id"]


# --------------------------------------------------------------------------- hypothesis

DEFECTS = [
    "status_typo",
    "zero_area",
    "negative_area",
    "unreadable_area",
    "vacant_without_since",
    "since_after_survey",
    "bad_date",
    "missing_geometry",
    "outside_germany",
    "missing_id",
    "duplicate_key",
]


@st.composite
def unit_rows(draw: st.DrawFn) -> tuple[gpd.GeoDataFrame, list[str]]:
    n = draw(st.integers(min_value=1, max_value=25))
    kinds = draw(st.lists(st.sampled_from([None, *DEFECTS]), min_size=n, max_size=n))
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    expected: list[str] = []
    valid_keys: list[tuple[str, str]] = []
    for i, defect in enumerate(kinds):
        vacant = draw(st.booleans())
        row: dict[str, Any] = {
            "unit_id": f"U{i}",
            "survey_date": draw(st.sampled_from([DAY, "30.06.2025"])),
            "status": "vacant" if vacant else "occupied",
            "floor_area_m2": draw(st.sampled_from([12.5, "85,5", 300])),
            "vacant_since": "01.01.2024" if vacant else None,
        }
        geom: Any = pt(i)
        label = f"U{i} @ {DAY}"
        if defect == "duplicate_key" and not valid_keys:
            defect = None
        if defect == "status_typo":
            row.update(
                status=draw(st.sampled_from(["vacnt", "Occupied", "leer"])), vacant_since=None
            )
        elif defect == "zero_area":
            row["floor_area_m2"] = 0
        elif defect == "negative_area":
            row["floor_area_m2"] = draw(st.sampled_from([-1, "-12,5"]))
        elif defect == "unreadable_area":
            row["floor_area_m2"] = "groß"
        elif defect == "vacant_without_since":
            row.update(status="vacant", vacant_since=draw(st.sampled_from([None, "", np.nan])))
        elif defect == "since_after_survey":
            row.update(status="vacant", vacant_since="01.07.2025")
        elif defect == "bad_date":
            row.update(survey_date="31.06.2025", status="occupied", vacant_since=None)
            label = f"U{i} @ 31.06.2025"
        elif defect == "missing_geometry":
            geom = None
        elif defect == "outside_germany":
            geom = Point(X0 - 2_000_000, Y0)
        elif defect == "missing_id":
            row["unit_id"] = None
            label = f"#{i + 1} @ {DAY}"
        elif defect == "duplicate_key":
            unit_id, survey_date = draw(st.sampled_from(valid_keys))
            row.update(unit_id=unit_id, survey_date=survey_date)
            label = f"{unit_id} @ {DAY}"
        if defect is None:
            valid_keys.append((row["unit_id"], row["survey_date"]))
        else:
            expected.append(label)
        rows.append(row)
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=CRS)
    return gdf, expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_rows())
def test_one_error_per_bad_row(case: tuple[gpd.GeoDataFrame, list[str]]) -> None:
    gdf, expected = case
    report = validate(gdf, "units")
    assert len(report.errors) == len(expected), str(report)
    assert Counter(report.errors["row"]) == Counter(expected)
    assert report.ok == (not expected)
    assert report.warnings.empty


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf", "dorsten"])
def test_sample_cities_validate_cleanly(name: str) -> None:
    assert name in gi.list_samples()  # a missing sample must fail, never skip
    city = gi.load_sample(name)
    assert city.units is not None
    for kind, gdf in city.layers().items():
        report = validate(gdf, kind)
        assert report.ok, str(report)
        assert report.warnings.empty, str(report)


# --------------------------------------------------------------------------- future dates


def test_future_survey_date_is_an_error() -> None:
    # one row surveyed in 2031: it used to pass and changed every duration figure
    gdf = units(3, survey_date=[DAY, "30.06.2031", DAY])
    report = validate(gdf, "units")
    assert problems(report) == [("U1 @ 2031-06-30", "survey_date")]
    problem = report.errors["problem"].iloc[0]
    assert problem.startswith("survey_date 2031-06-30 is in the future (today is ")
    assert "use DD.MM.YYYY or YYYY-MM-DD" in report.errors["hint"].iloc[0]


@pytest.mark.parametrize(
    ("kind", "column"),
    [
        ("units", "survey_date"),
        ("units", "vacant_since"),
        ("sites", "taken_up_on"),
        ("core_zones", "adopted_on"),
        ("preemption_areas", "in_force_since"),
    ],
)
def test_every_date_after_today_is_an_error(
    kind: str, column: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gi.dates, "today", lambda: pd.Timestamp(2025, 6, 30))
    base = VALID[kind]
    gdf = pd.concat([base.iloc[:1], base.iloc[:1]], ignore_index=True)
    gdf[LAYERS[kind].id_column] = ["A1", "A2"]
    if kind == "units":
        gdf["survey_date"] = ["30.06.2025", "2025-06-30"]
        gdf["status"] = "vacant"
        gdf["vacant_since"] = ["2025-06-30", "2025-06-30"]
    if kind == "sites":
        gdf["status"] = "taken_up"
    gdf[column] = ["30.06.2025", "01.07.2025"]  # today is fine, tomorrow is not
    report = validate(gdf, kind)
    future = report.errors[report.errors["problem"].str.contains("in the future")]
    assert future["column"].tolist() == [column]
    assert future["row"].iloc[0].startswith("A2")
    assert (
        future["problem"].iloc[0] == f"{column} 2025-07-01 is in the future (today is 2025-06-30)"
    )


# --------------------------------------------------------------------------- ids


def test_mixed_int_and_text_ids_fail_validation() -> None:
    # 1 and "DO-0002" used to pass validate and crash zones.assign with a TypeError
    gdf = units(3, unit_id=[1, "DO-0002", "DO-0003"])
    report = validate(gdf, "units")
    assert problems(report) == [(f"1 @ {DAY}", "unit_id")]
    assert report.errors["problem"].iloc[0] == (
        "unit_id 1 is a number, while the other ids are text (e.g. 'DO-0002'); "
        "mixed id types cannot be compared or sorted"
    )
    assert "astype(str)" in report.errors["hint"].iloc[0]
    out = conform(gdf, "units")
    assert out["unit_id"].tolist() == ["1", "DO-0002", "DO-0003"]
    assert validate(out, "units").ok
    numbers = units(2, unit_id=[1, 2])  # all numbers: consistent, accepted
    assert validate(numbers, "units").ok


def test_ids_with_spaces_are_errors_in_validate_and_stripped_by_conform() -> None:
    gdf = units(2, unit_id=[" DO-0001", "DO-0001"], survey_date=["30.06.2024", "30.06.2025"])
    report = validate(gdf, "units")
    assert problems(report) == [(" DO-0001 @ 2024-06-30", "unit_id")]
    assert "leading or trailing spaces" in report.errors["problem"].iloc[0]
    with pytest.warns(gi.errors.SchemaWarning, match=r"1 unit_id value\(s\).*' DO-0001'"):
        out = conform(gdf, "units")
    assert out["unit_id"].tolist() == ["DO-0001", "DO-0001"]  # one unit, two surveys
    assert validate(out, "units").ok
    quarters = layer({"quarter_id": ["Q1 ", "  "], "name": ["a", "b"]}, [sq(0), sq(1)])
    with pytest.warns(gi.errors.SchemaWarning):
        out = conform(quarters, "quarters")
    assert out["quarter_id"].iloc[0] == "Q1"
    assert pd.isna(out["quarter_id"].iloc[1])


# --------------------------------------------------------------------------- Kennzeichen in layers


def test_parcel_from_another_land_is_a_warning_naming_it() -> None:
    ids = ["05123401700123______", "05123401700124______", "090967___00707______"]
    gdf = layer({"parcel_id": ids}, [sq(i) for i in range(3)])
    report = validate(gdf, "parcels")
    assert report.ok
    assert problems(report, "warnings") == [("090967___00707______", "parcel_id")]
    assert report.warnings["problem"].iloc[0] == (
        "parcel '090967___00707______' is in Land 09 but the rest of the layer "
        "(2 of 3 parcels) in Land 05"
    )
    assert validate(gdf.iloc[:2], "parcels").warnings.empty


def test_conform_parcel_parts_for_flur_and_nenner_unused() -> None:
    ids = ["090967___00707______", "05123400000012000001", "051234017001230004__"]
    gdf = layer({"parcel_id": ids}, [sq(i) for i in range(3)])
    out = conform(gdf, "parcels")
    assert out["land"].tolist() == ["09", "05", "05"]
    assert out["gemarkung"].tolist() == ["0967", "1234", "1234"]
    assert out["flur"].isna().tolist() == [True, True, False]  # '___' and '000': no Flur
    assert out["flur"].iloc[2] == "17"
    assert out["nenner"].isna().tolist() == [True, True, False]  # '____' and '0000': none
    assert pd.isna(out["folge"].iloc[0])
    assert out["folge"].iloc[1] == "01"


def test_given_part_columns_that_contradict_the_kennzeichen_warn() -> None:
    gdf = layer(
        {"parcel_id": ["051234017001230004__", "05123401700124______"], "flur": [17, "18"]},
        [sq(0), sq(1)],
    )
    report = validate(gdf, "parcels")
    assert report.ok
    assert problems(report, "warnings") == [("05123401700124______", "flur")]
    assert conform(gdf, "parcels")["flur"].tolist() == ["17", "17"]  # the Kennzeichen wins


# --------------------------------------------------------------------------- package layout


def test_errors_does_not_import_schema_and_schema_has_its_parts() -> None:
    import ast
    from pathlib import Path

    package = Path(gi.__file__).parent
    tree = ast.parse((package / "errors.py").read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not any("schema" in name for name in imported), imported
    parts = sorted((package / "schema").glob("*.py"))
    assert {p.stem for p in parts} >= {"__init__", "specs", "conform", "validate", "report"}
    # modules are split by concept, never by size (ARCHITECTURE.md): no line limit here


def test_public_names_stay_importable() -> None:
    from geoinnenstadt.schema import (  # noqa: F401
        OWNER_TYPE,
        PLANNING_BASIS,
        RESIDENTIAL_USE,
        RESTRICTION,
        SITE_STATUS,
    )
    from geoinnenstadt.schema.conform import to_date, to_str  # noqa: F401
    from geoinnenstadt.schema.validate import row_labels  # noqa: F401

    assert gi.schema.validate is validate
    assert gi.schema.conform is conform
    assert gi.errors.SchemaError("x", report=None).report is None


def test_padded_id_that_duplicates_another_is_named_as_the_duplicate() -> None:
    gdf = units(3, unit_id=["DO-0001", " DO-0001", "DO-0003"])
    report = validate(gdf, "units")
    assert problems(report) == [(f" DO-0001 @ {DAY}", "unit_id")]
    assert report.errors["problem"].iloc[0] == (
        "duplicate unit_id and survey_date (unit_id ' DO-0001' of feature #2 is 'DO-0001' "
        "of feature #1 once read as text without the spaces around it)"
    )
    # as read_layer checks (it strips the spaces): the same duplicate, nothing about spaces
    stripped = validate(gdf, "units", strip_ids=True)
    assert problems(stripped) == problems(report)
    assert "leading or trailing" not in " ".join(stripped.errors["problem"])
    lone = units(2, unit_id=[" DO-0001", "DO-0002"])
    assert validate(lone, "units", strip_ids=True).ok
    assert not validate(lone, "units").ok  # unconformed data: the spaces are the error
