"""The vacancy result object: every figure of every output, computed once.

:func:`panel` asks the analysis functions of :mod:`geoinnenstadt.vacancy`
once per survey date — the inventory (:func:`~geoinnenstadt.vacancy.state_at`),
the rates per quarter with the city total (:func:`~geoinnenstadt.vacancy.rates`),
the durations, the hot spots — and once for the trend, and makes the
publication decision once: per date which quarters
:func:`geoinnenstadt.privacy.suppression` withholds (primary, secondary), and
which quarters :func:`geoinnenstadt.privacy.suppressed_in_panel` keeps out of a
published time series. Maps, print maps, charts and briefing tables take the
:class:`VacancyPanel` and compute nothing themselves, so they cannot disagree.

The units drawn at a date are the inventory at that date minus the units of
quarters withheld at that date; the hot spots are computed on those.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ..errors import GeoinnenstadtWarning, WarningLog, name_some
from .indicators import ground_floor_units
from .inventory import AREA_WAIVED, TOTAL_ID, DateLike, Rounds

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["VacancyPanel", "panel"]


def _frozen(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` (callers get copies: a caller's edit never reaches the panel)."""
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    return out


@dataclass(frozen=True, eq=False)
class VacancyPanel:
    """Vacancy figures of a units panel at every survey date, with the publication decision.

    Build it with :func:`geoinnenstadt.vacancy.panel`. Every table it hands
    out is a copy, so changing one never changes what a later output shows.

    Attributes
    ----------
    dates : tuple of Timestamp
        The survey rounds up to :attr:`at`, and :attr:`at` itself (the dates of
        a map's time slider, in order; the last is :attr:`at`).
    at : Timestamp
        The reference date.
    min_count : int or None
        Publication threshold; ``None``: nothing is withheld.
    trend_withheld : frozenset of str
        Quarters that get no published time series
        (:func:`geoinnenstadt.privacy.suppressed_in_panel`; empty without
        ``min_count``).
    ground_floor_only : bool
        Rates, drawn units and hot spots of ground-floor units only (no trend).
    """

    dates: tuple[pd.Timestamp, ...]
    at: pd.Timestamp
    min_count: int | None
    trend_withheld: frozenset[str]
    ground_floor_only: bool
    has_quarters: bool
    hotspots_computed: bool
    _units: Any  # the units panel as analysed (row labels are positions)
    _quarters: Any
    _states: tuple[Any, ...]
    _drawn: tuple[Any, ...]
    _rates: tuple[pd.DataFrame | None, ...]
    _withheld: tuple[pd.Series, ...]
    _durations: tuple[pd.DataFrame, ...]
    _hotspots: tuple[Any, ...]
    _trend: pd.DataFrame | None

    # ------------------------------------------------------------------ dates

    @property
    def isos(self) -> list[str]:
        """:attr:`dates` as ISO text (``"2025-06-30"``)."""
        return [d.strftime("%Y-%m-%d") for d in self.dates]

    def _index(self, date: DateLike) -> int:
        if date is None:
            return len(self.dates) - 1
        from .. import dates

        ts = dates.parse_date(date)
        if ts not in self.dates:
            shown = ", ".join(f"{d:%d.%m.%Y}" for d in self.dates)
            raise ValueError(f"{ts:%d.%m.%Y} is not a date of this panel ({shown})")
        return self.dates.index(ts)

    # ------------------------------------------------------------------ per date

    @property
    def units(self) -> gpd.GeoDataFrame:
        """The units panel as analysed (a copy; units without a floor area have NaN)."""
        return _frozen(self._units)

    @property
    def quarters(self) -> gpd.GeoDataFrame | None:
        """The quarters the rates refer to (a copy), or None."""
        return None if self._quarters is None else _frozen(self._quarters)

    def state_at(self, date: DateLike = None) -> gpd.GeoDataFrame:
        """The inventory at ``date`` (default :attr:`at`), as :func:`~geoinnenstadt.vacancy.state_at`."""
        return _frozen(self._states[self._index(date)])

    def drawn_at(self, date: DateLike = None) -> gpd.GeoDataFrame:
        """The inventory at ``date`` without the units of quarters withheld at that date."""
        return _frozen(self._drawn[self._index(date)])

    def rates_at(self, date: DateLike = None) -> pd.DataFrame | None:
        """The rates table at ``date`` (:func:`~geoinnenstadt.vacancy.rates`; index as text).

        None without quarters. Withheld quarters keep their figures here: use
        :meth:`public_table` for what may be published.
        """
        table = self._rates[self._index(date)]
        return None if table is None else _frozen(table)

    def withheld_at(self, date: DateLike = None) -> pd.Series:
        """Per quarter at ``date``: ``"primary"``, ``"secondary"`` or ``""`` (published)."""
        return self._withheld[self._index(date)].copy()

    def public_table(self, date: DateLike = None) -> pd.DataFrame | None:
        """The quarter table at ``date`` as published: figures of withheld quarters are NaN.

        Names and the city total stay; the column ``withheld`` holds the
        decision of :meth:`withheld_at` (``""`` for the total).
        """
        table = self.rates_at(date)
        if table is None:
            return None
        decision = self.withheld_at(date).reindex(table.index).fillna("")
        hidden = (decision != "").to_numpy()
        numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
        out = table.copy()
        out[numeric] = out[numeric].astype(float)
        out.loc[hidden, numeric] = np.nan
        out["withheld"] = decision.to_numpy()
        return out

    def durations_at(self, date: DateLike = None) -> pd.DataFrame:
        """Vacancy durations at ``date`` (:func:`~geoinnenstadt.vacancy.durations`)."""
        return _frozen(self._durations[self._index(date)])

    def unit_classes_at(self, date: DateLike = None) -> pd.Series:
        """The display class of each unit drawn at ``date`` (:func:`~geoinnenstadt.vacancy.unit_classes`).

        ``"occupied"``, a duration class (``"lt6m"`` …) or ``"unknown"``,
        indexed like :meth:`drawn_at`.
        """
        from .indicators import unit_classes

        i = self._index(date)
        return unit_classes(self._drawn[i], self._durations[i])

    def hotspots_at(self, date: DateLike = None) -> gpd.GeoDataFrame | None:
        """Hot spots at ``date`` on the units drawn then; None when not computed.

        Raises the error of :func:`geoinnenstadt.vacancy.hotspots` when they
        could not be computed (see :meth:`hotspots_error`).
        """
        found = self._hotspots[self._index(date)]
        if isinstance(found, Exception):
            raise found
        return None if found is None else _frozen(found)

    def hotspots_error(self) -> Exception | None:
        """The first error of the hot-spot computation (None when there was none)."""
        return next((h for h in self._hotspots if isinstance(h, Exception)), None)

    @property
    def trend(self) -> pd.DataFrame | None:
        """The trend up to :attr:`at`; None without quarters.

        As :func:`~geoinnenstadt.vacancy.trend` gives it (``change_pp`` in percentage points).
        """
        return None if self._trend is None else _frozen(self._trend)

    def change_pp(self, date: DateLike = None) -> float:
        """Change of the city-total rate since the previous survey, in percentage points."""
        if self._trend is None:
            return float("nan")
        ts = self.dates[self._index(date)]
        t = self._trend
        row = t[(t["quarter_id"] == TOTAL_ID) & (t["survey_date"] == ts)]
        return float(row["change_pp"].iloc[0]) if len(row) else float("nan")

    def check(
        self,
        *,
        at: DateLike = None,
        min_count: int | None = None,
        ground_floor_only: bool | None = None,
        what: str,
    ) -> None:
        """Refuse options that differ from the panel's (a ValueError naming both)."""
        from .. import dates

        if ground_floor_only is not None and bool(ground_floor_only) != self.ground_floor_only:
            raise ValueError(
                f"{what}: ground_floor_only={ground_floor_only!r} conflicts with the panel's "
                f"ground_floor_only ({self.ground_floor_only!r}); build the panel with "
                "gi.vacancy.panel(..., ground_floor_only=)"
            )

        if at is not None and dates.parse_date(at) != self.at:
            raise ValueError(
                f"{what}: at={at!r} conflicts with the panel's at ({self.at:%d.%m.%Y}); "
                "pass either panel= or at=, or build the panel with this date"
            )
        if min_count is not None and min_count != self.min_count:
            raise ValueError(
                f"{what}: min_count={min_count!r} conflicts with the panel's min_count "
                f"({self.min_count!r}); build the panel with gi.vacancy.panel(..., min_count=)"
            )


def _dates(units: gpd.GeoDataFrame, at: DateLike, rounds: Rounds) -> list[pd.Timestamp]:
    """The survey rounds up to ``at`` and ``at`` itself (default: the latest round)."""
    from .. import dates, vacancy

    all_rounds = vacancy.survey_rounds(units, rounds=rounds)
    ts = all_rounds[-1] if at is None else dates.parse_date(at)
    out = [d for d in all_rounds if d <= ts]
    if not out or out[-1] != ts:
        out.append(ts)
    return out


def _without_areas(units: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, frozenset[str]]:
    """Units whose floor area is missing or not > 0 get NaN (no placeholder), named once."""
    if "floor_area_m2" not in units.columns:
        units = units.assign(floor_area_m2=np.nan)
    area = pd.to_numeric(units["floor_area_m2"], errors="coerce")
    bad = ~(area > 0).to_numpy()
    if not bad.any():
        return units, frozenset()
    ids = units.loc[bad, "unit_id"].astype(str)
    named = frozenset(ids)
    warnings.warn(
        f"{len(named)} unit(s) have no valid floor area ({name_some(sorted(named))}): the "
        "count-based figures (units, vacant, rate, durations, hot spots) include them, the "
        "area-based ones leave them out. Check the data with gi.validate(units, kind='units').",
        GeoinnenstadtWarning,
        stacklevel=3,
    )
    return units.assign(floor_area_m2=area.where(area > 0)), named


def panel(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame | None = None,
    *,
    at: DateLike = None,
    rounds: Rounds = None,
    min_count: int | None = None,
    hotspots: bool | Literal["at"] = True,
    ground_floor_only: bool = False,
) -> VacancyPanel:
    """Every vacancy figure at every survey date, and the publication decision, computed once.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (as for :func:`~geoinnenstadt.vacancy.rates`). Units
        without a valid floor area are kept: one warning names them, the
        count-based figures include them and the area-based figures leave
        them out (the rule of :func:`~geoinnenstadt.vacancy.rates` for
        sources without areas).
    quarters : GeoDataFrame, optional
        Quarters (same CRS); without them there are no rates, trend or
        withheld quarters.
    at : date-like, optional
        Reference date (default: the latest survey round). The dates of the
        panel are the survey rounds up to ``at`` and ``at`` itself.
    rounds : sequence of dates, optional
        Survey round dates (the inventory rule of :mod:`geoinnenstadt.vacancy`).
    min_count : int, optional
        Publication mode: at every date the quarters that
        :func:`geoinnenstadt.privacy.suppression` withholds (fewer than
        ``min_count`` units, and the secondary one), whose units are not
        drawn nor used for the hot spots; and the quarters without a
        published time series (:func:`geoinnenstadt.privacy.suppressed_in_panel`).
        ``None``: nothing is withheld.
    hotspots : bool or "at", default True
        Compute the hot spots (:func:`geoinnenstadt.vacancy.hotspots`) at
        every date; ``"at"``: at the reference date only (a print map shows
        no other; :meth:`VacancyPanel.hotspots_at` is None at the earlier
        dates). An error (no metric CRS, too many pairs) is kept and
        reported by the outputs.
    ground_floor_only : bool, default False
        Rates of the ground-floor units only (the rule of
        :func:`~geoinnenstadt.vacancy.rates`), and only they are drawn and
        used for the hot spots; such a panel has no trend.

    Returns
    -------
    VacancyPanel
        Immutable; its tables are handed out as copies. The library's
        warnings are raised once per build.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> p = gi.vacancy.panel(city.units, city.quarters, min_count=5, hotspots=False)
    >>> [d.year for d in p.dates]
    [2022, 2023, 2024, 2025]
    >>> int(p.rates_at().loc["total", "units"]) == int(gi.vacancy.rates(city.units, city.quarters).loc["total", "units"])
    True
    >>> sorted(set(p.withheld_at())) <= ["", "primary", "secondary"]
    True
    """
    from .. import privacy, vacancy, zones

    units = units.reset_index(drop=True)  # row labels are positions
    log = WarningLog()
    units, named = log.collect(lambda: _without_areas(units))
    token = AREA_WAIVED.set(named)
    try:
        dates = log.collect(lambda: _dates(units, at, rounds))
        qids = None if quarters is None else set(quarters["quarter_id"].astype(str))
        states, drawn, rates, withheld, durations, spots = [], [], [], [], [], []
        for d in dates:

            def at_date(d: pd.Timestamp = d) -> tuple[Any, ...]:
                state = vacancy.state_at(units, at=d, rounds=rounds)
                if ground_floor_only:  # the rule of rates(ground_floor_only=True)
                    state = ground_floor_units(state)[0]
                table = None
                if quarters is not None:
                    table = vacancy.rates(
                        units, quarters, at=d, rounds=rounds, ground_floor_only=ground_floor_only
                    )
                    table.index = table.index.astype(str)
                decision = pd.Series(dtype=object)
                if table is not None:
                    qrows = table[table.index.isin(qids or set())]
                    decision = pd.Series("", index=qrows.index, dtype=object)
                    if min_count:
                        decision = privacy.suppression(qrows["units"], min_count=min_count)
                shown = state
                hidden = set(decision.index[decision != ""])
                if hidden and len(state):
                    where = zones.assign(state, quarters, id_column="quarter_id", warn=False)
                    keep = ~where.astype("object").astype(str).isin(hidden).to_numpy()
                    shown = state[keep]
                dur = vacancy.durations(units, at=d, rounds=rounds)
                hs: Any = None
                wanted = hotspots is True or (hotspots == "at" and d == dates[-1])
                if wanted and len(shown):
                    hs = _hotspots(units, shown, d, rounds)
                return state, shown, table, decision, dur, hs

            state, shown, table, decision, dur, hs = log.collect(at_date)
            states.append(state)
            drawn.append(shown)
            rates.append(table)
            withheld.append(decision)
            durations.append(dur)
            spots.append(hs)
        trend = None
        trend_withheld: frozenset[str] = frozenset()
        if quarters is not None and not ground_floor_only:
            trend = log.collect(lambda: vacancy.trend(units, quarters, rounds=rounds))
            trend = trend[trend["survey_date"] <= dates[-1]].reset_index(drop=True)
            trend["quarter_id"] = trend["quarter_id"].astype(str)
            if min_count:
                hidden_q = privacy.suppressed_in_panel(trend, min_count=min_count)
                trend_withheld = frozenset(str(q) for q in hidden_q)
    finally:
        AREA_WAIVED.reset(token)
    log.raise_once(latest_per_category=True)
    return VacancyPanel(
        dates=tuple(dates),
        at=dates[-1],
        min_count=min_count or None,
        trend_withheld=trend_withheld,
        ground_floor_only=bool(ground_floor_only),
        has_quarters=quarters is not None,
        hotspots_computed=bool(hotspots),
        _units=units,
        _quarters=quarters,
        _states=tuple(states),
        _drawn=tuple(drawn),
        _rates=tuple(rates),
        _withheld=tuple(withheld),
        _durations=tuple(durations),
        _hotspots=tuple(spots),
        _trend=trend,
    )


def _hotspots(
    units: gpd.GeoDataFrame, shown: pd.DataFrame, at: pd.Timestamp, rounds: Rounds
) -> Any:
    """Gi* at ``at`` on the units drawn then (their whole panel), or the error."""
    from .. import vacancy

    rows = units[units["unit_id"].astype(str).isin(set(shown["unit_id"].astype(str)))]
    try:
        return vacancy.hotspots(rows, at=at, rounds=rounds)  # type: ignore[misc]
    except (ValueError, ImportError) as exc:  # CRSError is a ValueError
        return exc
