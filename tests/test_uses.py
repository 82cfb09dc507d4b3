"""Tests of geoinnenstadt.uses: categories from codes, labels, OSM tags and WZ 2008 codes;
the use mix per quarter on a hand-built city with hand-computed shares and evenness."""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geoinnenstadt as gi
from geoinnenstadt import labels, settings, uses
from geoinnenstadt.errors import CRSError, SchemaError
from geoinnenstadt.uses import UnknownUseWarning
from geoinnenstadt.zones import OutsideZonesWarning

X0, Y0 = 390_000.0, 5_707_000.0  # Dortmund area, EPSG:25832
CRS = "EPSG:25832"
LN10 = math.log(10)  # k = 10 top-level categories


def _quarters() -> gpd.GeoDataFrame:
    """Q1, Q2, Q3: 100 m squares side by side."""
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2", "Q3"], "name": ["Eins", "Zwei", "Drei"]},
        geometry=[shapely.box(X0 + i * 100, Y0, X0 + (i + 1) * 100, Y0 + 100) for i in range(3)],
        crs=CRS,
    )


# unit, x, y (m from X0/Y0), status, area, use, brand, chain, owner
_UNITS_2025 = [
    ("U1", 10, 10, "occupied", 900.0, "retail_short.food", "Rewe", None, "Frau A"),
    ("U2", 20, 10, "occupied", 120.0, "shop=clothes", None, None, None),
    ("U3", 30, 10, "occupied", 80.0, "gastronomy", "Café Müller", False, None),
    ("U4", 40, 10, "occupied", 200.0, "47.71", None, True, None),
    ("U5", 50, 10, "vacant", 300.0, "retail", None, None, None),
    ("U6", 110, 10, "occupied", 50.0, "services", None, None, None),
    ("U7", 120, 10, "occupied", 60.0, "Dienstleistungen", None, None, None),
    ("U9", 210, 10, "vacant", 70.0, "office", None, None, None),
    ("U8", 900, 900, "occupied", 1000.0, "office", None, None, None),  # outside all quarters
]
# the earlier survey: U2 vacant, U6 an office
_UNITS_2024 = [
    ("U1", 10, 10, "occupied", 900.0, "retail_short.food", "Rewe", None, None),
    ("U2", 20, 10, "vacant", 120.0, "shop=clothes", None, None, None),
    ("U3", 30, 10, "occupied", 80.0, "gastronomy", "Café Müller", False, None),
    ("U6", 110, 10, "occupied", 50.0, "office", None, None, None),
]


def _units(rows: list = _UNITS_2025, day: str = "2025-06-30") -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        rows,
        columns=["unit_id", "x", "y", "status", "floor_area_m2", "use", "brand", "chain",
                 "owner_name"],
    )  # fmt: skip
    frame["survey_date"] = pd.Timestamp(day)
    frame["vacant_since"] = pd.Series(
        np.where(frame["status"] == "vacant", pd.Timestamp("2024-01-01"), pd.NaT),
        dtype="datetime64[ns]",
    )
    geometry = gpd.points_from_xy(X0 + frame["x"], Y0 + frame["y"])
    return gpd.GeoDataFrame(frame.drop(columns=["x", "y"]), geometry=geometry, crs=CRS)


def _panel() -> gpd.GeoDataFrame:
    both = pd.concat([_units(_UNITS_2024, "2024-06-30"), _units()], ignore_index=True)
    return gpd.GeoDataFrame(both, geometry="geometry", crs=CRS)


def _mix(units: gpd.GeoDataFrame, **kw) -> pd.DataFrame:
    with pytest.warns(OutsideZonesWarning, match="U8"):
        return uses.mix(units, _quarters(), **kw)


# --------------------------------------------------------------------------- categorise


def test_categorise_reads_codes_and_coarse_codes() -> None:
    s = pd.Series(["retail_short.food", " GASTRONOMY ", "retail", "office", "retail_long"])
    assert uses.categorise(s).tolist() == [
        "retail_short", "gastronomy", "retail_other", "office", "retail_long",
    ]  # fmt: skip
    assert uses.categorise(s, level="leaf").tolist() == [
        "retail_short.food", "gastronomy", "retail_other.unspecified", "office", "retail_long",
    ]  # fmt: skip


def test_coarse_retail_is_never_counted_as_short_term() -> None:
    assert uses.categorise(pd.Series(["retail", "Einzelhandel"]), level="leaf").tolist() == [
        "retail_other.unspecified",
        "retail_other.unspecified",
    ]


def test_categorise_reads_german_and_english_labels() -> None:
    s = pd.Series(
        ["Bekleidung", "Einzelhandel kurzfristiger Bedarf", "Gastronomie",
         "publikumsorientierte Dienstleistungen", "Büro", "Sonstiges", "Culture and leisure",
         "uhren, schmuck"]
    )  # fmt: skip
    assert uses.categorise(s, level="leaf").tolist() == [
        "retail_medium.clothing", "retail_short", "gastronomy", "services", "office", "other",
        "culture_leisure", "retail_long.jewellery",
    ]  # fmt: skip


def test_categorise_reads_osm_tags() -> None:
    s = pd.Series(
        ["shop=clothes", "amenity=restaurant", "office=lawyer", "craft=optician",
         "leisure=fitness_centre", "shop=bakery + disused=yes", "disused:shop=furniture",
         "amenity=pharmacy", "healthcare=physiotherapist", "craft=tailor", "shop=vacant"]
    )  # fmt: skip
    assert uses.categorise(s, level="leaf").tolist() == [
        "retail_medium.clothing", "gastronomy", "office", "retail_long.optician",
        "culture_leisure", "retail_short.food", "retail_long.furniture",
        "retail_short.pharmacy", "health", "services", None,
    ]  # fmt: skip


def test_osm_tag_decides_where_use_is_coarse_or_missing() -> None:
    # as the OSM reader writes them: coarse use plus the deciding tag in osm_tag
    frame = pd.DataFrame(
        {
            "use": ["retail", "retail", None, "retail_medium.books", "gastronomy"],
            "osm_tag": ["shop=bakery", "shop=vacant", "amenity=cinema", "shop=toys", "amenity=xyz"],
        }
    )
    assert uses.categorise(frame, level="leaf").tolist() == [
        "retail_short.food",  # the tag is finer than "retail"
        "retail_other.unspecified",  # shop=vacant names no use: the coarse use stays
        "culture_leisure",  # no use: the tag
        "retail_medium.books",  # a fine use is kept
        "gastronomy",  # an unknown tag does not replace a coarse use (and is no warning)
    ]


def test_osm_tag_columns_without_a_use_column() -> None:
    frame = pd.DataFrame({"shop": ["books", None, None], "amenity": [None, "cafe", None]})
    assert uses.categorise(frame).tolist() == ["retail_medium", "gastronomy", None]


def test_units_read_from_an_osm_extract(tmp_path) -> None:
    path = tmp_path / "laden.osm"
    path.write_text(
        '<osm version="0.6" generator="hand">'
        '<node id="1" lat="51.5136" lon="7.4651" timestamp="2025-05-01T10:00:00Z" version="1">'
        '<tag k="shop" v="bakery"/></node>'
        '<node id="2" lat="51.5138" lon="7.4660" timestamp="2025-03-10T10:00:00Z" version="1">'
        '<tag k="disused:shop" v="clothes"/></node>'
        '<node id="3" lat="51.5137" lon="7.4655" timestamp="2025-03-10T10:00:00Z" version="1">'
        '<tag k="amenity" v="cafe"/><tag k="brand" v="Tchibo"/></node></osm>',
        encoding="utf-8",
    )
    units = gi.read_layer(path, "units")
    assert units["use"].tolist() == ["retail", "retail", "gastronomy"]
    assert uses.categorise(units, level="leaf").tolist() == [
        "retail_short.food",
        "retail_medium.clothing",  # the former shop of the vacant unit
        "gastronomy",
    ]


@pytest.mark.parametrize(
    "code",
    [
        "47.71",
        "4771",
        "47.71.0",
        "WZ 47.71",
        "wz2008 47.71",
        "WZ 2008: 47.71",
        "47,71",
        4771,
        47.71,
    ],
)
def test_categorise_reads_wz_2008_codes_in_every_spelling(code) -> None:
    assert uses.categorise(pd.Series([code], dtype=object), level="leaf").tolist() == [
        "retail_medium.clothing"
    ]


def test_wz_codes_by_their_longest_prefix() -> None:
    s = pd.Series(["47.11", "47.25", "47.19", "47.78", "47.78.1", "47.62", "47.77", "47.59",
                   "47.43", "56.10", "86.21", "93.13", "69.10", "47"])  # fmt: skip
    assert uses.categorise(s, level="leaf").tolist() == [
        "retail_short.food", "retail_short.food", "retail_other.department_store",
        "retail_other.unspecified", "retail_long.optician", "retail_short.newspapers",
        "retail_long.jewellery", "retail_long.furniture", "retail_long.electronics",
        "gastronomy", "health", "culture_leisure", "office", "retail_other.unspecified",
    ]  # fmt: skip


def test_unknown_values_are_named_with_their_count_and_counted_as_other() -> None:
    s = pd.Series(["Kiosk-Zwischennutzung", "xyz", "xyz", "shop=foo", "55.10", "gastronomy"])
    with pytest.warns(UnknownUseWarning) as rec:
        got = uses.categorise(s, level="leaf").tolist()
    assert got == ["other", "other", "other", "retail_other.unspecified", "other", "gastronomy"]
    assert len(rec) == 1
    message = str(rec[0].message)
    assert message.startswith("5 unit(s) have a use")
    assert "'xyz' (2)" in message
    assert "'Kiosk-Zwischennutzung' (1)" in message
    assert "'55.10' (1)" in message
    assert "counted as Sonstiges ('other')" in message
    assert "'shop=foo' (1) counted as Einzelhandel (ohne Angabe)" in message


def test_the_unknown_use_warning_points_at_the_caller() -> None:
    with pytest.warns(UnknownUseWarning) as rec:
        uses.categorise(pd.Series(["xyz"]))
    assert rec[0].filename == __file__
    units = _units()
    units.loc[units["unit_id"] == "U6", "use"] = "Kiosk-Zwischennutzung"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        uses.mix(units, _quarters())
    found = [w for w in caught if issubclass(w.category, UnknownUseWarning)]
    assert [w.filename for w in found] == [__file__]


def test_missing_use_column_is_a_clear_error() -> None:
    units = _units().drop(columns=["use"])
    with pytest.raises(SchemaError, match=r"no column 'use'.*gi\.read_layer\(\.\.\., columns="):
        uses.categorise(units)
    with pytest.raises(SchemaError, match="no column 'use'"):
        uses.mix(units, _quarters())


def test_column_names_another_use_column() -> None:
    frame = pd.DataFrame({"wz": ["47.72", "56.30"]})
    assert uses.categorise(frame, column="wz").tolist() == ["retail_medium", "gastronomy"]


def test_level_must_be_known() -> None:
    with pytest.raises(ValueError, match="level must be"):
        uses.categorise(pd.Series(["retail"]), level="top")


def test_the_tree() -> None:
    assert list(uses.CATEGORIES) == [
        "retail_short", "retail_medium", "retail_long", "retail_other", "gastronomy",
        "services", "culture_leisure", "health", "office", "other",
    ]  # fmt: skip
    assert uses.CATEGORIES["retail_short"] == (
        "retail_short.food", "retail_short.drugstore", "retail_short.pharmacy",
        "retail_short.flowers", "retail_short.newspapers",
    )  # fmt: skip
    assert uses.K == 10
    # every category and leaf has a German and an English label
    for code in gi.schema.USE_CATEGORY:
        assert labels.value_label("use_category", code, "de") != code
        assert labels.value_label("use_category", code, "en") != code
    # every mapping table points into the tree
    targets = {*uses.WZ_CODES.values(), *uses.COARSE_USES.values()}
    targets |= {v for table in uses.OSM_TAGS.values() for v in table.values()}
    assert targets <= set(gi.schema.USE_CATEGORY)


# --------------------------------------------------------------------------- mix


def test_mix_hand_computed() -> None:
    table = _mix(_units())
    assert table.index.tolist() == ["Q1", "Q2", "Q3", "total"]
    assert table["name"].tolist() == ["Eins", "Zwei", "Drei", "Gesamt"]
    assert table["n_occupied"].tolist() == [4, 2, 0, 7]
    # Q1: food (U1), clothing (U2 shop=clothes, U4 WZ 47.71), gastronomy (U3); U5 vacant
    q1 = table.loc["Q1"]
    assert q1["share_retail_short"] == 0.25
    assert q1["share_retail_medium"] == 0.5
    assert q1["share_gastronomy"] == 0.25
    assert q1["share_services"] == 0.0
    assert q1["diversity"] == pytest.approx(1.5 * math.log(2) / LN10)  # H = 1.5 ln 2
    assert q1["chain_share"] == 0.5  # U1 by brand, U4 by chain=True; U3 chain=False wins
    assert q1["magnets"] == 1  # U1, 900 m²
    # Q2: two services (code and German label): one category only
    q2 = table.loc["Q2"]
    assert q2["share_services"] == 1.0
    assert q2["diversity"] == 0.0
    assert q2["chain_share"] == 0.0
    assert q2["magnets"] == 0
    # Q3: only a vacant unit: shares and diversity undefined
    q3 = table.loc["Q3"]
    assert np.isnan(q3["share_other"])
    assert np.isnan(q3["diversity"])
    assert np.isnan(q3["chain_share"])
    assert q3["magnets"] == 0
    # total: 7 occupied, U8 (office, 1000 m²) outside every quarter included
    t = table.loc["total"]
    assert t["share_retail_short"] == pytest.approx(1 / 7)
    assert t["share_retail_medium"] == pytest.approx(2 / 7)
    assert t["share_services"] == pytest.approx(2 / 7)
    assert t["share_office"] == pytest.approx(1 / 7)
    h = 3 / 7 * math.log(7) + 4 / 7 * math.log(7 / 2)
    assert t["diversity"] == pytest.approx(h / LN10)
    assert t["chain_share"] == pytest.approx(2 / 7)
    assert t["magnets"] == 2
    shares = table.filter(like="share_").iloc[[0, 1, 3]]
    assert shares.columns.tolist() == [f"share_{c}" for c in uses.CATEGORIES]
    assert np.allclose(shares.sum(axis=1), 1.0)


def test_units_outside_are_counted_and_reported() -> None:
    table = _mix(_units())
    assert table.attrs["units_outside"] == 1
    assert table.attrs["outside_unit_ids"] == ["U8"]
    assert table.loc["total", "n_occupied"] == table["n_occupied"].iloc[:-1].sum() + 1


def test_mix_at_an_earlier_survey() -> None:
    table = uses.mix(_panel(), _quarters(), at="30.06.2024")  # U8 not yet surveyed
    assert table.attrs["at"] == pd.Timestamp("2024-06-30")
    assert table["n_occupied"].tolist() == [2, 1, 0, 3]  # U2 vacant then
    assert table.loc["Q1", "share_retail_short"] == 0.5
    assert table.loc["Q1", "share_gastronomy"] == 0.5
    assert table.loc["Q1", "diversity"] == pytest.approx(math.log(2) / LN10)
    assert table.loc["Q2", "share_office"] == 1.0
    latest = _mix(_panel())  # at=None: the latest survey
    assert latest.attrs["at"] == pd.Timestamp("2025-06-30")
    assert latest["n_occupied"].tolist() == [4, 2, 0, 7]


def test_magnet_threshold_is_read_from_the_settings_at_call_time(monkeypatch) -> None:
    monkeypatch.setattr(settings, "magnet_floor_area_m2", 950.0)
    table = _mix(_units())
    assert table.loc["Q1", "magnets"] == 0
    assert table.loc["total", "magnets"] == 1  # U8, 1000 m²
    assert table.attrs["magnet_floor_area_m2"] == 950.0
    assert _mix(_units(), min_floor_area_m2=100.0).loc["Q1", "magnets"] == 3


def test_chain_share_unknown_without_brand_or_chain() -> None:
    table = _mix(_units().drop(columns=["brand", "chain"]))
    assert table["chain_share"].isna().all()
    assert table.attrs["chain_known"] is False


def test_occupied_units_without_use_count_as_other_with_a_warning() -> None:
    units = _units()
    units.loc[units["unit_id"] == "U6", "use"] = None
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        table = uses.mix(units, _quarters())
    found = [w for w in rec if issubclass(w.category, UnknownUseWarning)]
    assert len(found) == 1
    assert "U6" in str(found[0].message)
    assert table.loc["Q2", "share_other"] == 0.5
    assert table.attrs["units_without_use"] == 1


def test_mix_has_no_personal_column_and_formats_for_display() -> None:
    table = _mix(_units())
    assert "owner_name" not in table.columns
    shown = labels.format_table(table, "de")
    assert "Filialisierungsgrad" in shown.columns
    assert shown.loc["Q1", "Anteil Einzelhandel mittelfristiger Bedarf"] == "50,0 %"
    assert labels.format_table(table, "en").columns[2] == "Share retail, short-term needs"


def test_crs_mismatch_is_an_error() -> None:
    with pytest.raises(CRSError):
        uses.mix(_units(), _quarters().to_crs("EPSG:3035"))


def test_units_without_floor_area_are_no_magnets_and_are_counted() -> None:
    units = _units()
    units["source"] = None
    units.loc[units["unit_id"] == "U8", ["floor_area_m2", "source"]] = [np.nan, "osm"]
    table = _mix(units)
    assert table.loc["total", "magnets"] == 1  # U1 only
    assert table.attrs["units_without_floor_area"] == 1
    assert table.loc["total", "n_occupied"] == 7  # U8 still counts in the mix


# --------------------------------------------------------------------------- magnets


def test_magnets_lists_the_large_occupied_units() -> None:
    big = uses.magnets(_units(), _quarters())  # U8 is listed with quarter_id NA, no warning
    assert big["unit_id"].tolist() == ["U8", "U1"]  # largest first
    assert big["quarter_id"].isna().tolist() == [True, False]
    assert big["quarter_id"].iloc[1] == "Q1"
    assert big["use_category"].tolist() == ["office", "retail_short"]
    assert "owner_name" not in big.columns
    assert big.crs == _units().crs


# --------------------------------------------------------------------------- schema


def test_validate_accepts_the_category_codes_brand_and_chain() -> None:
    units = _units().drop(columns=["owner_name"])
    units["use"] = ["retail_short.food", "retail_medium.clothing", "gastronomy",
                    "retail_medium", "retail", "services", "health", "office", "other"]  # fmt: skip
    report = gi.validate(units, kind="units")
    assert report.ok, report.errors
    units.loc[0, "use"] = "shop=clothes"  # tags and WZ codes are read by gi.uses, not the schema
    assert not gi.validate(units, kind="units").ok
