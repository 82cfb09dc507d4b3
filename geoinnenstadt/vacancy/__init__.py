"""Vacancy indicators (Leerstand) from the units panel.

The units layer is a panel of vacancy surveys (*Leerstandserhebungen*): one
row per commercial unit and survey date (DESIGN.md §3). Every function here
works on **the state at a date** ``at`` (:func:`state_at`; ``at=None`` means
the latest survey date in the data). Dates (``at=``, ``start=``, ``end=``,
``rounds=`` and the date columns) are read by :mod:`geoinnenstadt.dates`:
``"05.03.2025"`` is 5 March 2025, two-digit years and ints are errors.

Inventory rule (survey rounds)
------------------------------
A **survey round** is a date of the ``rounds=`` argument. By default the
rounds are derived from the panel: survey dates less than
``gi.settings.survey_round_gap_days`` (45) apart belong to one round (a survey
that took several days), dated by its last day; surveys months apart are one
round each. The units of a round are
those surveyed on it. Let ``R`` be the latest round on or before ``at`` and
``P`` the round before ``R``: the **inventory at** ``at`` is every unit whose
latest survey on or before ``at`` lies after ``P``, with the status of that
survey. So a unit missing from round ``R`` has left the inventory as of ``R``
(demolished, merged, out of scope) — :func:`rates`, :func:`trend`,
:func:`state_at` leave it out and :func:`flows` counts it as ``removed``.
Between two rounds the inventory of the earlier round holds, plus units
surveyed after it. A unit surveyed on a date that is **not** a round date
(an earlier day of a multi-day survey, or with explicit ``rounds=`` a shop
re-checked a few days after the Stichtag) belongs to the next round: its survey counts for every
round it precedes, up to and including that round.

A survey (*Leerstandserhebung*) done in two batches further apart than the
round gap would become two rounds, and the inventory at the second would
lose every unit of the first batch. So when two adjacent derived rounds each
cover much less of the inventory than the two together (fewer than two
thirds of their units) and barely overlap (fewer than a third of the smaller
round's units in both), every function here warns once
(:class:`SplitRoundWarning`) naming both dates
and the ``rounds=`` list that merges them; the inventory is never shrunk
without a word. A real shrink (units gone, the rest surveyed again) keeps
the overlap and is no warning.

Functions
---------
state_at
    The inventory with each unit's state at a date.
rates
    Vacancy rate (*Leerstandsquote*) by count and by floor area, vacancy
    durations and long-term vacancy per quarter plus a city total.
trend
    Vacancy rate per survey round and quarter with the change in percentage
    points.
durations
    Vacancy duration and duration class of every vacant unit.
flow_units, flows
    Transitions between two dates: became vacant, re-let (through a fund),
    still vacant, new and removed units.
hotspots
    Local Getis-Ord Gi* or local join counts (:mod:`geoinnenstadt.hotspots`).
panel, VacancyPanel
    Every figure above at every survey date, with the publication decision
    (withheld quarters, primary and secondary), computed once for all
    outputs (maps, print maps, charts, briefing tables).

Definitions
-----------
* **Vacancy rate** = vacant units / all units; **by area** = vacant floor area
  / total floor area (fractions in [0, 1]).
* **Vacancy duration** = reference date ``at`` − ``vacant_since`` in days.
* **Long-term vacant** (*langfristiger Leerstand*): the unit is vacant and
  ``vacant_since + DateOffset(months=n) < at`` with ``n = long_term_months``
  (keyword of :func:`rates` and :func:`durations`, default
  ``gi.settings.long_term_months`` = 12), i.e. strictly more than ``n``
  calendar months. Month ends are clipped (29.02.2024 + 12 months =
  28.02.2025), so a unit vacant since 29.02.2024 is long-term from
  01.03.2025 on.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> table = gi.vacancy.rates(city.units, city.quarters, at="30.06.2025")
>>> bool(((table["vacancy_rate"] >= 0) & (table["vacancy_rate"] <= 1)).all())
True
>>> table.index[-1]
'total'
"""

from typing import Any

from .indicators import DURATION_CLASSES, durations, rates, trend, unit_classes
from .inventory import (
    TOTAL_ID,
    TOTAL_NAME,
    SplitRoundWarning,
    state_at,
    survey_rounds,
)
from .inventory import (
    DateLike as DateLike,  # typing names: importable, not listed
)
from .inventory import (
    Rounds as Rounds,
)
from .result import VacancyPanel, panel
from .transitions import FLOW_CATEGORIES, flow_units, flows

__all__ = [
    "DURATION_CLASSES",
    "FLOW_CATEGORIES",
    "TOTAL_ID",
    "TOTAL_NAME",
    "SplitRoundWarning",
    "VacancyPanel",
    "durations",
    "flow_units",
    "flows",
    "hotspots",
    "panel",
    "rates",
    "state_at",
    "survey_rounds",
    "trend",
    "unit_classes",
]


def __getattr__(name: str) -> Any:
    """``gi.vacancy.hotspots`` lives in :mod:`geoinnenstadt.hotspots`.

    Imported on first use, so that ``hotspots`` can build on this package
    without an import cycle.
    """
    if name == "hotspots":
        from ..hotspots import hotspots

        return hotspots
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``, lazily provided ones included)."""
    return sorted(__all__)
