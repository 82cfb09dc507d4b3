"""The one date parser: every accepted form, every refused form, columns, time zones."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt import dates
from geoinnenstadt.dates import DateError


@pytest.mark.parametrize(
    "value",
    [
        "01.06.2025",
        "1.6.2025",
        " 01.06.2025 ",
        "2025-06-01",
        "2025/06/01",
        "2025-06-01T14:30:00",
        "2025-06-01 00:00:00",
        dt.date(2025, 6, 1),
        dt.datetime(2025, 6, 1, 23, 59),
        pd.Timestamp("2025-06-01 08:00"),
        np.datetime64("2025-06-01"),
    ],
)
def test_every_form_means_1_june(value):
    assert dates.parse_date(value) == pd.Timestamp(2025, 6, 1)


def test_day_first_everywhere():
    # "05.03.2025" is 5 March, never 3 May
    ts = dates.parse_date("05.03.2025")
    assert (ts.year, ts.month, ts.day) == (2025, 3, 5)
    assert ts.unit == "ns"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("01.06.25", "two-digit year"),
        ("25-06-01", "two-digit year"),
        ("31.02.2025", "not a calendar date"),
        ("2025-13-01", "not a calendar date"),
        ("06/01/2025", "ambiguous"),
        ("next tuesday", "is not a date"),
        (2025, "a number"),
        (45000.0, "a number"),
        (True, "boolean"),
        (None, "missing"),
        ("", "missing"),
        (pd.NaT, "missing"),
    ],
)
def test_refused_with_hint(value, reason):
    with pytest.raises(DateError, match=reason) as info:
        dates.parse_date(value, name="at")
    assert "DD.MM.YYYY or YYYY-MM-DD" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, gi.GeoinnenstadtError)


def test_time_zones_are_converted_to_the_local_date_not_dropped():
    # 23:30 UTC on 30 June is 01:30 on 1 July in Berlin (CEST, UTC+2)
    assert dates.parse_date("2025-06-30T23:30:00Z") == pd.Timestamp(2025, 7, 1)
    assert dates.parse_date("2025-06-30T23:30:00+00:00") == pd.Timestamp(2025, 7, 1)
    assert dates.parse_date(pd.Timestamp("2025-06-30 23:30", tz="UTC")) == pd.Timestamp(2025, 7, 1)
    # winter: 23:30 UTC on 31 Dec is 00:30 on 1 Jan (CET, UTC+1)
    assert dates.parse_date("2024-12-31T23:30:00Z") == pd.Timestamp(2025, 1, 1)
    # a local offset keeps its date
    assert dates.parse_date("2025-06-30T23:30:00+02:00") == pd.Timestamp(2025, 6, 30)
    col = pd.Series(pd.to_datetime(["2025-06-30 23:30"]).tz_localize("UTC"))
    assert dates.parse_dates(col).values.iloc[0] == pd.Timestamp(2025, 7, 1)


@pytest.mark.parametrize("value", ["2026-02-17Z", "2026-02-17+01:00", "2026-02-17-05:00"])
def test_xs_date_with_a_zone_is_that_day(value):
    assert dates.parse_date(value) == pd.Timestamp(2026, 2, 17)


def test_parse_year_only_where_documented():
    assert dates.parse_year(2025) == 2025
    assert dates.parse_year(np.int64(2020)) == 2020
    assert dates.parse_year("31.12.2024") == 2024
    with pytest.raises(DateError, match="four-digit year"):
        dates.parse_year(25)
    with pytest.raises(DateError):
        dates.parse_year(True)


def test_optional():
    assert dates.parse_optional_date(None) is None
    assert dates.parse_optional_date("2025-01-02") == pd.Timestamp(2025, 1, 2)


def test_parse_dates_column_flags_each_bad_value():
    s = pd.Series(
        ["01.06.2025", "2025-06-30", "01.06.25", None, "31.02.2025", dt.date(2024, 1, 5), ""],
        index=list("abcdefg"),
    )
    p = dates.parse_dates(s)
    assert p.values.dtype == "datetime64[ns]"
    assert list(p.values.index) == list("abcdefg")
    expected = [
        pd.Timestamp(2025, 6, 1),
        pd.Timestamp(2025, 6, 30),
        pd.NaT,
        pd.NaT,
        pd.NaT,
        pd.Timestamp(2024, 1, 5),
        pd.NaT,
    ]
    for got, want in zip(p.values.tolist(), expected, strict=True):
        assert (pd.isna(got) and pd.isna(want)) or got == want
    assert p.invalid.tolist() == [False, False, True, False, True, False, False]
    assert "two-digit year" in p.reasons["c"]
    assert "not a calendar date" in p.reasons["e"]
    assert p.reasons["a"] == ""


def test_parse_dates_datetime_column_is_normalised():
    s = pd.Series(pd.to_datetime(["2025-06-01 13:45", None]))
    p = dates.parse_dates(s)
    assert p.values.iloc[0] == pd.Timestamp(2025, 6, 1)
    assert pd.isna(p.values.iloc[1])
    assert not p.invalid.any()


def test_today_is_the_local_date():
    before = pd.Timestamp.now(tz="Europe/Berlin")
    t = dates.today()
    after = pd.Timestamp.now(tz="Europe/Berlin")
    days = {pd.Timestamp(x.year, x.month, x.day) for x in (before, after)}
    assert t in days
    assert t == t.normalize()
    assert t.tzinfo is None


def test_warn_if_after():
    with pytest.warns(gi.GeoinnenstadtWarning, match="after the latest survey"):
        dates.warn_if_after(pd.Timestamp(2026, 1, 1), pd.Timestamp(2025, 6, 30), what="survey")


@pytest.mark.parametrize("value", ["01.01.1500", "1500-01-01", "2300-01-01", dt.date(1600, 5, 1)])
def test_out_of_range_dates_say_so(value):
    with pytest.raises(DateError, match="outside the supported range 1678–2261"):
        dates.parse_date(value)
