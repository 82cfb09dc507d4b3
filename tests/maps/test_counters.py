"""Footfall counters on the vacancy map (issue 20): circles sized by the daily mean, popups.

Hand-computed values come from the description of ``helpers.maps.make_footfall``; on the
Dortmund sample the daily means and the year-on-year change are recomputed with plain pandas
(hours per local day from the time zone's own calendar, complete days only, the day 364 days
earlier as partner).
"""

from __future__ import annotations

import math
import re
import warnings

import pandas as pd
import pytest
from helpers.maps import (
    XSS_COUNTER,
    XSS_COUNTER_2,
    column,
    data_blocks,
    layer_options,
    make_use_city,
)

import geoinnenstadt as gi
from geoinnenstadt import maps


@pytest.fixture(scope="module")
def page() -> str:
    return maps.to_html(maps.vacancy_map(make_use_city(), hotspots=False))


def test_counter_popups_by_hand(page: str) -> None:
    block = data_blocks(page)["counters"]
    assert column(block, "name") == [XSS_COUNTER, XSS_COUNTER_2, "Leerweg", "Halbtag"]
    # Z1 (2,400 + 2,640) / 2; Z2 (480 + 720) / 2; Z3 without counts; Z4 without a complete day
    assert column(block, "mean") == [
        "2.520", "600", "nicht gemessen", "kein vollständiger Zähltag"
    ]  # fmt: skip
    assert column(block, "period") == [
        "05.06.2023 – 04.06.2024", "30.12.2024 – 31.12.2024", None, "01.07.2024 – 01.07.2024"
    ]  # fmt: skip
    # 2024 is the last complete year (last counted day 31.12.2024): Z1 2,640 / 2,400 − 1
    assert column(block, "change") == ["+10,0 %", None, None, None]
    opts = layer_options(page)["counters"]
    assert opts["popup"]["fields"] == [
        ["Passanten je Tag (vollständige Zähltage)", "mean"],
        ["Zeitraum", "period"],
        ["Veränderung 2024 zum Vorjahr (gleiche Wochentage)", "change"],
    ]
    assert opts["popup"]["na"] == "k. A."  # a missing change reads "k. A.", never 0
    assert "hidden" not in opts  # shown when the page opens


def test_counter_circles_area_proportional_to_the_daily_mean(page: str) -> None:
    block = data_blocks(page)["counters"]
    styles = layer_options(page)["counters"]["styles"]
    radii = [styles[c]["radius"] for c in block["style_codes"]]
    assert radii[0] == 16.0
    assert math.isclose(radii[1], 16 * math.sqrt(600 / 2520), rel_tol=1e-12)
    assert radii[2:] == [6.0, 6.0]  # no mean: the smallest circle
    assert {s["fillColor"] for s in styles} == {gi.style.symbol("footfall.counter").fill}


def test_counter_legend_row_is_tied_to_the_layer(page: str) -> None:
    from helpers.legend_html import boxes

    box = next(b for b in boxes(page) if 'data-gi-layer="counters"' in b)
    rows = re.findall(
        r'<div class="gi-row"( data-gi-layer="counters")?>.*?<span>([^<]*)</span>', box
    )
    assert rows == [(' data-gi-layer="counters"',
                     "Passantenzählung (Kreisfläche ∝ Passanten je Tag) (4)")]  # fmt: skip


def test_counter_names_reach_the_page_only_as_data(page: str) -> None:
    outside = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)
    for hostile in (XSS_COUNTER, XSS_COUNTER_2, "<b>Haupt</b>", "window.__pwned"):
        assert hostile not in outside
    blocks = "".join(re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S))
    assert "<script>" not in blocks
    assert "<b>" not in blocks


def test_footfall_keyword() -> None:
    city = make_use_city()
    off = maps.to_html(maps.vacancy_map(city, hotspots=False, footfall=False))
    assert "counters" not in data_blocks(off)
    none = maps.to_html(maps.vacancy_map(make_use_city(footfall=False), hotspots=False))
    assert "counters" not in data_blocks(none)
    given = maps.to_html(
        maps.vacancy_map(make_use_city(footfall=False), hotspots=False, footfall=city.footfall)
    )
    assert column(data_blocks(given)["counters"], "mean")[0] == "2.520"


def _pandas_daily(counts: pd.DataFrame) -> pd.DataFrame:
    """Daily sums per counter and local day, with the day's hours from the calendar."""
    frame = pd.DataFrame(
        {
            "counter_id": counts["counter_id"].astype(str).to_numpy(),
            "day": counts["timestamp"].dt.tz_localize(None).dt.normalize().to_numpy(),
            "t": counts["timestamp"].dt.tz_convert("UTC").to_numpy(),
            "n": counts["pedestrians"].to_numpy(),
        }
    )
    hourly = frame.groupby(["counter_id", "day", "t"], as_index=False)["n"].sum()
    days = hourly.groupby(["counter_id", "day"]).agg(n=("n", "sum"), hours=("t", "nunique"))
    days = days.reset_index()
    expected = {}
    for d in days["day"].unique():
        start = pd.Timestamp(d).tz_localize("Europe/Berlin")
        end = (pd.Timestamp(d) + pd.Timedelta(days=1)).tz_localize("Europe/Berlin")
        expected[pd.Timestamp(d)] = int((end - start) / pd.Timedelta(hours=1))
    days["complete"] = days["hours"] == days["day"].map(expected)
    return days


def test_sample_counter_means_and_change_equal_pandas() -> None:
    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        html = maps.to_html(maps.vacancy_map(city, hotspots=False))
    block = data_blocks(html)["counters"]
    days = _pandas_daily(city.footfall.counts)
    full = days[days["complete"]]
    ids = city.footfall.counters["counter_id"].astype(str).tolist()
    means = full.groupby("counter_id")["n"].mean()
    assert column(block, "mean") == [gi.labels.format_int(means[c], lang="de") for c in ids]
    assert column(block, "name") == city.footfall.counters["name"].tolist()
    # the last complete year: the counts end on 31.12.2024
    assert days["day"].max() == pd.Timestamp("2024-12-31")
    this = full[full["day"].dt.year == 2024].assign(
        partner=lambda f: f["day"] - pd.Timedelta(days=364)
    )
    prev = full.rename(columns={"day": "partner", "n": "prev"})[["counter_id", "partner", "prev"]]
    paired = this.merge(prev, on=["counter_id", "partner"])
    sums = paired.groupby("counter_id")[["n", "prev"]].sum()
    change = sums["n"] / sums["prev"] - 1
    assert column(block, "change") == [
        gi.labels.format_percent(change[c], lang="de", sign=True) for c in ids
    ]
    radii = [layer_options(html)["counters"]["styles"][c]["radius"] for c in block["style_codes"]]
    top = means.max()
    assert radii == pytest.approx([max(6.0, 16 * math.sqrt(means[c] / top)) for c in ids])
