"""gi.footfall: readers of published counter formats, daily totals, profiles, year on year, quarters.

Fixtures of the formats live in ``tests/data/footfall/`` (``SOURCES.md``); the
figures are checked on hand-built tables against values computed by hand and
with plain pandas, never with the code under test.
"""

from __future__ import annotations

import json
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from helpers import FIXTURES
from pyproj import Transformer

import geoinnenstadt as gi
from geoinnenstadt import footfall

DATA = FIXTURES / "footfall"
TZ = "Europe/Berlin"


def _read(name: str, **kw: object) -> footfall.Footfall:
    return footfall.read(DATA / name, warn=False, **kw)


def _utc(ff: footfall.Footfall) -> list[str]:
    return [t.tz_convert("UTC").strftime("%Y-%m-%dT%H:%MZ") for t in ff.counts["timestamp"]]


# --------------------------------------------------------------------------- formats


def test_hystreet_v2_keeps_both_autumn_hours_and_counts_a_duplicate_once() -> None:
    ff = _read("hystreet_v2_measurements.json")
    assert ff.report.format == "hystreet-v2"
    assert _utc(ff) == [
        "2024-10-26T22:00Z", "2024-10-26T23:00Z", "2024-10-27T00:00Z",
        "2024-10-27T01:00Z", "2024-10-27T02:00Z", "2024-10-27T04:00Z",
    ]  # fmt: skip
    # both local 02:00 hours, one in summer and one in winter time
    assert [str(t) for t in ff.counts["timestamp"][2:4]] == [
        "2024-10-27 02:00:00+02:00",
        "2024-10-27 02:00:00+01:00",
    ]
    assert str(ff.counts["timestamp"].dtype) == "datetime64[ns, Europe/Berlin]"
    # total_count = adults + children of both directions (61+2+48+1 …)
    assert ff.counts["pedestrians"].tolist() == [112, 76, 41, 31, 20, 28]
    assert ff.counts["weather"].tolist()[0] == "clear-night"
    assert ff.counts["temperature"].tolist()[-1] == 7.9
    assert ff.report.left_out == ["row 5"]
    assert ff.report.duplicates == 1
    assert ff.report.identical_duplicates == 1
    # 04:00+01:00 is missing: a gap of one hour, not a zero
    assert ff.report.missing_hours.loc["412", "missing_hours"] == 1
    assert ff.counters["counter_id"].tolist() == ["412"]
    assert ff.counters["name"].tolist() == ["Westenhellweg (Mitte)"]


def test_hystreet_v2_by_direction_sums_adults_and_children() -> None:
    ff = _read("hystreet_v2_measurements.json", by_direction=True)
    first = ff.counts.loc[ff.counts["timestamp"] == ff.counts["timestamp"].min()]
    assert dict(zip(first["direction"], first["pedestrians"], strict=True)) == {
        "Richtung - Friedensplatz": 61 + 2,
        "Richtung - Reinoldikirche": 48 + 1,
    }
    # the daily total is the same whether directions are kept or not
    by_dir = footfall.daily(ff)["pedestrians"].tolist()
    assert by_dir == footfall.daily(_read("hystreet_v2_measurements.json"))["pedestrians"].tolist()


def test_hystreet_v1_spring_gap_is_not_missing_and_unverified_is_flagged() -> None:
    ff = _read("hystreet_v1_measurements.json")
    assert ff.report.format == "hystreet-v1"
    # 01:00+01:00 → 03:00+02:00 is one hour: clocks go forward, nothing missing there
    assert _utc(ff)[1:3] == ["2019-03-31T00:00Z", "2019-03-31T01:00Z"]
    assert ff.report.missing_hours.loc["73", "missing_hours"] == 1  # 05:00 only
    assert ff.counts["unverified"].tolist() == [False, False, False, True, False]
    assert ff.report.unverified == 1
    assert ff.report.left_out_rows["reason"].tolist() == ["missing count: the hour is a gap, not 0"]


def test_unverified_rows_can_be_left_out_and_are_counted() -> None:
    ff = _read("hystreet_v1_measurements.json", include_unverified=False)
    assert ff.counts["pedestrians"].tolist() == [57, 31, 12, 44]
    assert ff.report.unverified == 0
    assert ff.report.unverified_excluded == 1
    assert ff.report.left_out == ["row 4", "row 6"]
    assert ff.report.missing_hours.loc["73", "missing_hours"] == 2  # 04:00 and 05:00


def test_opendatasoft_csv_conflicting_duplicate_last_wins_and_points_are_placed() -> None:
    ff = _read("wuerzburg_stundendaten.csv")
    assert ff.report.format == "opendatasoft"
    kaiser = ff.counts.loc[ff.counts["counter_id"] == "2"]
    assert kaiser["pedestrians"].tolist() == [205, 139, 41]  # 139 re-delivered after 133
    rows = ff.report.left_out_rows.set_index("row")["reason"]
    assert rows[7].startswith("duplicate: same counter and hour, other count")
    assert rows[10] == "missing count: the hour is a gap, not 0"
    assert ff.report.identical_duplicates == 0
    assert ff.report.duplicates == 1
    schoen = ff.counts.loc[ff.counts["counter_id"] == "1"]
    assert schoen["unverified"].tolist() == [False, False, False, True, False]
    # GeoPunkt is "lat, lon"; the counter lands in the working CRS
    x, y = Transformer.from_crs(4326, 25832, always_xy=True).transform(
        9.931060093195851, 49.795490162266525
    )
    point = ff.counters.set_index("counter_id").geometry["1"]
    assert str(ff.counters.crs) == "EPSG:25832"
    assert point.x == pytest.approx(x, abs=1e-6)
    assert point.y == pytest.approx(y, abs=1e-6)
    assert ff.report.missing_hours["missing_hours"].to_dict() == {"1": 0, "2": 2}


def test_dortmund_ods_records_negative_count_left_out_and_positions_given() -> None:
    west = (7.45791, 51.51398)
    ff = _read("dortmund_hellweg_2026.json", positions={"Westenhellweg (West)": west})
    assert ff.report.left_out_rows["reason"].tolist() == ["not a count: -1"]
    located = ff.counters.set_index("counter_id").geometry
    assert located["Westenhellweg (West)"] is not None
    assert located["Westenhellweg (Mitte)"] is None
    assert any("no position" in n for n in ff.report.notes)
    # UTC 01:00 on 29 March 2026 is 03:00 summer time: one hour after 01:00 winter time
    west_rows = ff.counts.loc[ff.counts["counter_id"] == "Westenhellweg (West)"]
    assert [t.strftime("%H:%M%z") for t in west_rows["timestamp"]] == [
        "01:00+0100",
        "03:00+0200",
        "04:00+0200",
    ]
    assert ff.report.missing_hours.loc["Westenhellweg (West)", "missing_hours"] == 0


def test_augsburg_repeated_local_hour_by_order_and_nonexistent_hour_reported() -> None:
    ff = _read("augsburg_annastrasse.csv")
    assert ff.report.format == "augsburg"
    assert [str(t) for t in ff.counts["timestamp"][2:4]] == [
        "2024-10-27 02:00:00+02:00",
        "2024-10-27 02:00:00+01:00",
    ]
    assert ff.counts["pedestrians"].tolist() == [118, 74, 40, 33, 21, 25]
    assert ff.report.repeated_hour == 2
    reasons = ff.report.left_out_rows.set_index("row")["reason"]
    assert "does not exist in Europe/Berlin" in reasons[8]
    assert ff.report.missing_hours.loc["Annastraße", "missing_hours"] == 1


def test_read_warns_with_the_summary() -> None:
    with pytest.warns(footfall.FootfallWarning, match=r"10 records, 8 kept; left out: 1 dupl"):
        footfall.read(DATA / "wuerzburg_stundendaten.csv")


def test_read_a_file_url_and_bytes() -> None:
    url = (DATA / "augsburg_annastrasse.csv").resolve().as_uri()
    by_url = footfall.read(url, warn=False)
    by_bytes = footfall.read((DATA / "augsburg_annastrasse.csv").read_bytes(), warn=False)
    assert by_url.counts.equals(by_bytes.counts)
    assert len(by_url) == 6


def test_errors_name_the_file_and_the_columns(tmp_path) -> None:
    bad = tmp_path / "zaehlung.csv"
    bad.write_text("ort;zeit;anzahl\nA;2024-06-01T10:00:00+02:00;5\n", encoding="utf-8")
    with pytest.raises(
        gi.DataFileError, match=r"zaehlung\.csv: no counter column.*columns: ort, zeit, anzahl"
    ):
        footfall.read(bad)
    with pytest.raises(gi.DataFileError, match="no such file"):
        footfall.read(tmp_path / "fehlt.csv")
    swapped = tmp_path / "swapped.csv"
    swapped.write_text(
        "location_name;timestamp;pedestrians_count;lat;lon\n"
        "A;2024-06-01T10:00:00+02:00;5;7.45;51.51\n",
        encoding="utf-8",
    )
    with pytest.raises(gi.DataFileError, match="latitude and longitude swapped"):
        footfall.read(swapped)
    days = tmp_path / "tagesdaten.csv"
    days.write_text(
        "location_name;timestamp;pedestrians_count\n"
        "A;2024-06-01T00:00:00+02:00;5000\nA;2024-06-02T00:00:00+02:00;6000\n"
        "A;2024-06-03T00:00:00+02:00;5500\n",
        encoding="utf-8",
    )
    with pytest.raises(gi.DataFileError, match="not hourly"):
        footfall.read(days)
    daily_api = tmp_path / "day.json"
    daily_api.write_text(
        json.dumps({"location_id": 1, "resolution": "day", "measurements": [
            {"measured_at": "2024-06-01T00:00:00Z", "total_count": 5}]}),
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(gi.DataFileError, match="resolution 'day'"):
        footfall.read(daily_api)


# --------------------------------------------------------------------------- figures on a DST week


def _dst_week() -> pd.DataFrame:
    """Counter "a", Mon 21 – Sun 27 October 2024 (25 hours on Sunday): (hour+1) × (weekday+1).

    Wednesday 12:00 is missing. Counter "b" counts 5 per hour on Saturday only.
    """
    t = pd.date_range("2024-10-21 00:00", "2024-10-27 23:00", freq="h", tz=TZ)
    a = pd.DataFrame({"counter_id": "a", "timestamp": t})
    a["pedestrians"] = (a["timestamp"].dt.hour + 1) * (a["timestamp"].dt.day_of_week + 1)
    a = a.loc[~((a["timestamp"].dt.day == 23) & (a["timestamp"].dt.hour == 12))]
    tb = pd.date_range("2024-10-26 00:00", "2024-10-26 23:00", freq="h", tz=TZ)
    b = pd.DataFrame({"counter_id": "b", "timestamp": tb, "pedestrians": 5})
    return pd.concat([a, b], ignore_index=True)


def _week() -> footfall.Footfall:
    return footfall.from_counts(_dst_week(), warn=False)


def test_the_dst_week_fixture_is_what_it_claims() -> None:
    table = _dst_week()
    assert len(table) == 7 * 24 + 1 - 1 + 24  # 25-hour Sunday, one hour missing on Wednesday
    sunday = table.loc[(table["counter_id"] == "a") & (table["timestamp"].dt.day == 27)]
    assert len(sunday) == 25


def test_daily_sums_local_days_and_marks_incomplete_days() -> None:
    got = footfall.daily(_week())
    # by hand: sum(h+1, h=0..23) = 300 per day × (weekday+1); Sunday adds a second hour 2 (3×7);
    # Wednesday lacks 12:00 (13×3)
    expected_a = {
        "2024-10-21": (300, 24, 24), "2024-10-22": (600, 24, 24), "2024-10-23": (900 - 39, 23, 24),
        "2024-10-24": (1200, 24, 24), "2024-10-25": (1500, 24, 24), "2024-10-26": (1800, 24, 24),
        "2024-10-27": (2100 + 21, 25, 25),
    }  # fmt: skip
    a = got.loc[got["counter_id"] == "a"]
    assert {
        f"{d:%Y-%m-%d}": (p, h, e)
        for d, p, h, e in zip(
            a["date"], a["pedestrians"], a["hours"], a["hours_expected"], strict=True
        )
    } == expected_a
    assert a["complete"].tolist() == [True, True, False, True, True, True, True]
    b = got.loc[got["counter_id"] == "b"]
    assert b[["pedestrians", "hours", "complete"]].values.tolist() == [[120, 24, True]]
    # the same sums with plain pandas on the input table
    table = _dst_week()
    plain = table.groupby(["counter_id", table["timestamp"].dt.date])["pedestrians"].sum()
    assert got["pedestrians"].tolist() == plain.tolist()


def test_daily_counts_unverified_hours() -> None:
    table = _dst_week().assign(unverified=False)
    table.loc[table.index[:3], "unverified"] = True
    got = footfall.daily(footfall.from_counts(table, warn=False))
    assert got["unverified_hours"].tolist()[:2] == [3, 0]


def test_profile_by_weekday_month_and_hour_over_complete_days() -> None:
    ff = _week()
    weekday = footfall.profile(ff, by="weekday")
    a = weekday.loc[weekday["counter_id"] == "a"].set_index("weekday")
    assert a["pedestrians"].to_dict() == {
        0: 300.0, 1: 600.0, 3: 1200.0, 4: 1500.0, 5: 1800.0, 6: 2121.0
    }  # fmt: skip
    assert 2 not in a.index  # Wednesday is incomplete
    month = footfall.profile(ff, by="month").set_index(["counter_id", "month"])
    assert month.loc[("a", 10), "pedestrians"] == pytest.approx(
        (300 + 600 + 1200 + 1500 + 1800 + 2121) / 6
    )
    assert month.loc[("a", 10), "days"] == 6
    hour = footfall.profile(ff, by="hour").set_index(["counter_id", "hour"])
    # hour 2 on the complete days: 3×(1,2,4,5,6) and twice 3×7 on Sunday
    assert hour.loc[("a", 2), "pedestrians"] == pytest.approx((3 + 6 + 12 + 15 + 18 + 21 + 21) / 7)
    assert hour.loc[("a", 12), "pedestrians"] == pytest.approx(13 * (1 + 2 + 4 + 5 + 6 + 7) / 6)
    assert hour.loc[("a", 12), "days"] == 6
    assert hour.loc[("b", 12), "pedestrians"] == 5
    with pytest.raises(ValueError, match="by='year'"):
        footfall.profile(ff, by="year")  # type: ignore[arg-type]


def test_change_compares_each_day_with_the_day_364_days_earlier() -> None:
    def day(date: str, value: int, counter: str = "a") -> pd.DataFrame:
        t = pd.date_range(f"{date} 00:00", periods=24, freq="h", tz=TZ)
        return pd.DataFrame({"counter_id": counter, "timestamp": t, "pedestrians": value})

    table = pd.concat(
        [
            day("2023-10-23", 10),  # Monday
            day("2024-10-21", 12),  # Monday, 364 days later
            day("2024-10-22", 50),  # Tuesday; 2023-10-24 not counted: unpaired
            day("2023-10-21", 99),  # the same calendar date one year earlier: a Saturday, not used
            day("2024-10-21", 7, counter="b"),
        ],
        ignore_index=True,
    )
    got = footfall.change(footfall.from_counts(table, warn=False), year=2024)
    assert got.loc["a", "days"] == 1
    assert got.loc["a", "days_unpaired"] == 1
    assert got.loc["a", "pedestrians"] == 288
    assert got.loc["a", "previous"] == 240
    assert got.loc["a", "change"] == pytest.approx(288 / 240 - 1)
    assert got.loc["b", "days"] == 0
    assert pd.isna(got.loc["b", "change"])
    # the dates compared are the same weekday
    assert pd.Timestamp("2024-10-21").day_of_week == pd.Timestamp("2023-10-23").day_of_week


def test_by_quarter_quarters_without_counter_are_not_measured_never_zero() -> None:
    crs = gi.settings.working_crs
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2", "Q3"], "name": ["Hellweg", "Brückviertel", "Altstadt"]},
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100),
                  shapely.box(200, 0, 300, 100)],
        crs=crs,
    )  # fmt: skip
    x0, y0 = 390_000.0, 5_710_000.0
    quarters = quarters.set_geometry(quarters.translate(x0, y0))
    counters = gpd.GeoDataFrame(
        {"counter_id": ["a", "b", "c"]},
        geometry=[shapely.Point(x0 + 50, y0 + 50), shapely.Point(x0 + 60, y0 + 40),
                  shapely.Point(x0 + 250, y0 + 50)],
        crs=crs,
    )  # fmt: skip
    t = pd.date_range("2024-06-03", periods=48, freq="h", tz=TZ)
    table = pd.concat(
        [
            pd.DataFrame({"counter_id": "a", "timestamp": t, "pedestrians": 10}),  # 240 a day
            pd.DataFrame({"counter_id": "b", "timestamp": t[:24], "pedestrians": 20}),  # 480
            pd.DataFrame({"counter_id": "c", "timestamp": t[:5], "pedestrians": 1}),  # incomplete
        ],
        ignore_index=True,
    )
    ff = footfall.from_counts(table, counters, warn=False)
    got = footfall.by_quarter(ff, quarters)
    assert got.index.tolist() == ["Q1", "Q2", "Q3"]
    assert got["counters"].tolist() == [2, 0, 1]
    assert got.loc["Q1", "pedestrians_per_day"] == pytest.approx((240 + 480) / 2)
    assert pd.isna(got.loc["Q2", "pedestrians_per_day"])
    assert got["status"].tolist() == ["measured", "not_measured", "no_complete_days"]
    assert pd.isna(got.loc["Q3", "pedestrians_per_day"])
    assert gi.labels.value_label("status", "not_measured") == "nicht gemessen"
    assert gi.labels.value_label("status", "not_measured", "en") == "not measured"


def test_by_quarter_without_positions_counts_the_counters() -> None:
    ff = _read("augsburg_annastrasse.csv")
    quarters = gi.load_sample("dortmund").quarters
    got = footfall.by_quarter(ff, quarters)
    assert (got["status"] == "not_measured").all()
    assert got["pedestrians_per_day"].isna().all()
    assert got.attrs["counters_without_position"] == 1


# --------------------------------------------------------------------------- dates.parse_instants


def test_parse_instants_offsets_local_times_and_dst() -> None:
    values = pd.Series(
        [
            "2024-10-27T02:00:00+02:00",
            "2024-10-27T02:00:00+01:00",
            "2024-10-27 02:30",
            "2024-10-27 02:30",
            "2024-10-27 02:30",
            "2024-03-31T02:00:00",
            None,
        ]
    )
    got = gi.dates.parse_instants(values)
    utc = [None if pd.isna(t) else f"{t.tz_convert('UTC'):%H:%M}" for t in got.values]
    assert utc == ["00:00", "01:00", "00:30", "01:30", None, None, None]
    assert got.invalid.tolist() == [False, False, False, False, True, True, False]
    assert "more than twice" in got.reasons[4]
    assert "clocks go forward" in got.reasons[5]
    # per group, the order starts again
    grouped = gi.dates.parse_instants(
        pd.Series(["2024-10-27 02:00"] * 4), groups=pd.Series(["a", "b", "a", "b"])
    )
    assert [f"{t:%z}" for t in grouped.values] == ["+0200", "+0200", "+0100", "+0100"]
    # naive datetimes are local time, with the same rules
    naive = pd.Series(pd.to_datetime(["2024-10-27 02:00", "2024-10-27 02:00", "2024-03-31 02:00"]))
    got_naive = gi.dates.parse_instants(naive)
    assert [f"{t:%z}" for t in got_naive.values[:2]] == ["+0200", "+0100"]
    assert got_naive.invalid.tolist() == [False, False, True]
    nothing = gi.dates.parse_instants(pd.Series([None, None]))
    assert nothing.values.isna().all()
    assert not nothing.invalid.any()
    # tz-aware datetimes are converted, never re-read
    aware = pd.Series(pd.date_range("2024-06-01", periods=2, freq="h", tz="UTC"))
    assert [f"{t:%H}" for t in gi.dates.parse_instants(aware).values] == ["02", "03"]


def test_no_warning_without_findings() -> None:
    t = pd.date_range("2024-06-03", periods=24, freq="h", tz=TZ)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ff = footfall.from_counts(
            pd.DataFrame({"counter_id": "a", "timestamp": t, "pedestrians": 1})
        )
    assert ff.report.summary() == "24 records, 24 kept."
    assert np.array_equal(ff.counts["pedestrians"].to_numpy(), np.ones(24))


# ----------------------------------------------------------------------------- stored with a city


def test_footfall_survives_write_city_and_read_city_across_the_autumn_hour(tmp_path) -> None:
    # 27.10.2024: 02:00 local occurs twice (CEST, then CET) – five instants one hour apart
    utc = pd.date_range("2024-10-26 23:00", periods=5, freq="h", tz="UTC")
    counts = pd.DataFrame(
        {"counter_id": "Z1", "timestamp": utc, "pedestrians": [1, 2, 3, 4, 5], "unverified": False}
    )
    counters = gpd.GeoDataFrame(
        {"counter_id": ["Z1"], "name": ["Markt <1>"]},
        geometry=[shapely.Point(389_000, 5_705_000)],
        crs="EPSG:25832",
    )
    ff = gi.footfall.from_counts(counts, counters, warn=False)
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q"], "name": ["Mitte"]},
        geometry=[shapely.box(388_000, 5_704_000, 390_000, 5_706_000)],
        crs="EPSG:25832",
    )
    path = gi.write_city(gi.City(quarters=quarters, footfall=ff), tmp_path / "c.gpkg")
    back = gi.read_city(path).footfall
    assert back is not None
    local = back.counts["timestamp"].dt.strftime("%H:%M %z").tolist()
    assert local == ["01:00 +0200", "02:00 +0200", "02:00 +0100", "03:00 +0100", "04:00 +0100"]
    assert back.counts["pedestrians"].tolist() == [1, 2, 3, 4, 5]
    assert back.counters["name"].tolist() == ["Markt <1>"]
    assert back.counters.geometry.iloc[0].equals_exact(shapely.Point(389_000, 5_705_000), 0.01)
    assert back.report.n_missing_hours == 0


def test_from_epoch_seconds_refuses_fractions_and_text() -> None:
    from geoinnenstadt.dates import DateError, from_epoch_seconds

    with pytest.raises(DateError, match=r"1\.5 is not a whole number"):
        from_epoch_seconds(pd.Series([0, 1.5]))
    with pytest.raises(DateError, match="'x'"):
        from_epoch_seconds(pd.Series(["x"], dtype=object))
