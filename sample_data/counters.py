"""Synthetic pedestrian counters (Passantenfrequenz) for the sample cities.

Each sample city gets a few counters on its main shopping streets, with two
calendar years (2023 and 2024) of hourly counts, as a laser counter network
(hystreet.com) or a city portal would publish them. Everything here is
**synthetic**: no count is measured. The patterns follow what published
counts show:

* a weekly cycle with the peak on Saturday; shops closed on Sundays and public
  holidays of North Rhine-Westphalia (a few open Sundays, *verkaufsoffene
  Sonntage*, per year);
* a seasonal cycle with the Christmas peak in December (Advent Saturdays
  highest) and a January low; short shopping days on 24 and 31 December;
* an hourly profile with the peak in the early afternoon, later on Saturdays;
* a small year-on-year change per counter, day-to-day noise;
* a few outages (missing hours: gaps, never zeros) and a few unverified hours
  around them.

The hours are generated as instants (UTC) and converted to Europe/Berlin, so
the spring day has 23 and the autumn day 25 local hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

FIRST_DAY = "2023-01-01"
LAST_DAY = "2024-12-31"
TZ = "Europe/Berlin"

#: Public holidays in North Rhine-Westphalia (Feiertagsgesetz NW), 2023 and 2024.
HOLIDAYS = pd.DatetimeIndex(
    [
        "2023-01-01", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18", "2023-05-29",
        "2023-06-08", "2023-10-03", "2023-11-01", "2023-12-25", "2023-12-26",
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20",
        "2024-05-30", "2024-10-03", "2024-11-01", "2024-12-25", "2024-12-26",
    ]
)  # fmt: skip

#: Relative level by weekday (Monday first): Saturday peak, Sunday closed.
WEEKDAY = np.array([0.86, 0.84, 0.9, 0.95, 1.1, 1.5, 0.16])
#: Relative level by month (January first): January low, December peak.
MONTH = np.array([0.8, 0.84, 0.93, 0.97, 1.0, 0.97, 0.98, 0.96, 0.98, 1.0, 1.06, 1.3])


@dataclass(frozen=True)
class CounterSpec:
    """One counter: id, name, street (of the city's street list), position along it, level."""

    counter_id: str
    name: str
    street: str
    at: float  # position along the street line, 0–1
    daily_mean: float  # mean pedestrians per day (both directions)
    trend: float  # change 2024 against 2023 (e.g. -0.02)


def _hour_shares(kind: str) -> np.ndarray:
    """Share of a day's pedestrians in each local hour 0–23 (sums to 1)."""
    h = np.arange(24)
    if kind == "saturday":
        shape = np.exp(-0.5 * ((h - 14.5) / 2.9) ** 2)
    elif kind == "closed":  # Sundays and holidays: strollers in the afternoon
        shape = np.exp(-0.5 * ((h - 15.0) / 3.2) ** 2)
    elif kind == "short":  # 24 and 31 December: shops close at 14:00
        shape = np.exp(-0.5 * ((h - 11.5) / 2.2) ** 2)
    else:
        shape = np.exp(-0.5 * ((h - 13.8) / 3.3) ** 2)
    shape = shape + 0.012  # night-time passers-by
    return shape / shape.sum()


def _open_sundays(rng: np.random.Generator, days: pd.DatetimeIndex) -> set[pd.Timestamp]:
    """Two verkaufsoffene Sonntage per year (spring and autumn)."""
    out: set[pd.Timestamp] = set()
    for year in sorted(set(days.year)):
        for months in ((3, 4, 5), (9, 10, 11)):
            cand = days[(days.year == year) & days.month.isin(months) & (days.day_of_week == 6)]
            cand = cand[~cand.isin(HOLIDAYS)]
            out.add(pd.Timestamp(cand[int(rng.integers(len(cand)))]))
    return out


def daily_levels(
    rng: np.random.Generator, spec: CounterSpec
) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray]:
    """Local days, expected pedestrians per day and the hour-profile kind of each day."""
    days = pd.date_range(FIRST_DAY, LAST_DAY, freq="D")
    level = WEEKDAY[days.day_of_week] * MONTH[days.month - 1]
    kind = np.where(days.day_of_week == 5, "saturday", "weekday").astype(object)
    closed = (days.day_of_week == 6) | days.isin(HOLIDAYS)
    open_sundays = _open_sundays(rng, days)
    opened = days.isin(list(open_sundays))
    level = np.where(days.isin(HOLIDAYS), WEEKDAY[6] * MONTH[days.month - 1], level)
    level = np.where(opened, 1.05 * MONTH[days.month - 1], level)
    kind = np.where(closed & ~opened, "closed", kind)
    # Advent: the Saturdays before Christmas, and the weeks from late November
    advent = (days.month == 12) & (days.day <= 23)
    level = np.where(advent & (days.day_of_week == 5), level * 1.2, level)
    short = (days.month == 12) & np.isin(days.day, [24, 31]) & ~closed
    level = np.where(short, 0.55 * level, level)
    kind = np.where(short, "short", kind)
    year_factor = np.where(days.year == 2024, 1.0 + spec.trend, 1.0)
    noise = rng.lognormal(0.0, 0.07, len(days))
    mean_level = float(level.mean())
    expected = spec.daily_mean * level / mean_level * year_factor * noise
    return days, expected, kind


def hourly_counts(rng: np.random.Generator, spec: CounterSpec) -> pd.DataFrame:
    """Hourly counts of one counter: ``counter_id``, ``timestamp`` (Europe/Berlin), ``pedestrians``, ``unverified``.

    A few outages of 3–30 hours are left out (gaps); the hour before and
    after each outage is flagged ``unverified``.
    """
    days, expected, kind = daily_levels(rng, spec)
    start = pd.Timestamp(FIRST_DAY).tz_localize(TZ)
    end = (pd.Timestamp(LAST_DAY) + pd.Timedelta(days=1)).tz_localize(TZ)
    stamps = pd.date_range(start, end, freq="h", inclusive="left").tz_convert(TZ)
    local = stamps.tz_localize(None)
    day_index = days.get_indexer(local.normalize())
    shares = {k: _hour_shares(k) for k in ("weekday", "saturday", "closed", "short")}
    share = np.empty(len(stamps))
    for k, table in shares.items():
        sel = kind[day_index] == k
        share[sel] = table[local.hour[sel]]
    # the repeated autumn hour and the missing spring hour: the day's shares still sum to ~1
    lam = expected[day_index] * share * rng.lognormal(0.0, 0.05, len(stamps))
    counts = rng.poisson(lam).astype("int64")
    frame = pd.DataFrame(
        {
            "counter_id": spec.counter_id,
            "timestamp": stamps,
            "pedestrians": counts,
            "unverified": False,
        }
    )
    n_out = int(rng.integers(2, 5))
    starts = rng.choice(len(frame) - 40, n_out, replace=False) + 5
    lengths = rng.integers(3, 31, n_out)
    gap = np.zeros(len(frame), dtype=bool)
    flag = np.zeros(len(frame), dtype=bool)
    for s, n in zip(starts, lengths, strict=True):
        gap[s : s + n] = True
        flag[[s - 1, s + n]] = True
    frame.loc[flag & ~gap, "unverified"] = True
    return frame.loc[~gap].reset_index(drop=True)


def make_counts(rng: np.random.Generator, specs: Sequence[CounterSpec]) -> pd.DataFrame:
    """Hourly counts of all counters of a city (one seeded stream per counter)."""
    seeds = rng.integers(0, 2**32, len(specs))
    return pd.concat(
        [
            hourly_counts(np.random.default_rng(int(s)), spec)
            for s, spec in zip(seeds, specs, strict=True)
        ],
        ignore_index=True,
    )
