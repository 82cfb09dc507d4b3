"""The land panel: every figure the land outputs show, computed once (:func:`panel`).

Maps, print maps, charts and briefing tables of commercial land
(Wirtschaftsflächen) take a :class:`LandPanel` instead of computing
reserves, take-up or statuses themselves, so that all of them show the
same figures and nothing is computed twice. The panel calls the public
functions of :mod:`geoinnenstadt.land` and :mod:`geoinnenstadt.conflicts`
once each; warnings they raise are given once (the same message twice is
one warning).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..errors import once_each_warning
from ._base import MIN_SHARE, site_areas, sites_and_as_of, status_at
from ._pipeline import pipeline, supply_timeline
from ._reserves import core_zone_share, large_sites, reserves
from ._supply import take_up_by_year, years_of_supply

__all__ = ["LandPanel", "ensure_panel", "panel"]

#: ``reserves(by=...)`` tables a panel holds (``core_zone`` only with core zones).
PANEL_BY: tuple[str, ...] = ("restriction", "size_class", "core_zone")

#: Scenarios of :func:`geoinnenstadt.land.supply_timeline` a panel holds by default.
PANEL_SCENARIOS: tuple[str, ...] = ("baseline", "planning_stopped", "accelerated")


@dataclass(frozen=True, eq=False, repr=False)
class LandPanel:
    """Figures of commercial land at one reference date (build with :func:`panel`).

    Immutable: the options are plain attributes, every table is handed out
    as a copy (changing it does not change the panel).

    Attributes
    ----------
    at : Timestamp or None
        The date of the site statuses (None: the status as recorded).
    reference_date : Timestamp or None
        The reference date (*Stichtag*) of take-up and years of supply
        (``at``, else the City's ``meta["as_of"]``).
    min_share, window, min_ha, include_firm_reserves
        The options the figures were computed with.
    """

    at: pd.Timestamp | None
    reference_date: pd.Timestamp | None
    min_share: float
    window: int
    min_ha: float
    include_firm_reserves: bool
    _sites: gpd.GeoDataFrame = field(repr=False)
    _status: pd.Series = field(repr=False)
    _area_ha: pd.Series = field(repr=False)
    _reserves: Mapping[str, pd.DataFrame] = field(repr=False)
    _take_up_by_year: pd.DataFrame = field(repr=False)
    _years_of_supply: pd.DataFrame | None = field(repr=False)
    _timeline: pd.DataFrame = field(repr=False)
    _timeline_status: pd.DataFrame = field(repr=False)
    _pipeline: pd.DataFrame | None = field(repr=False)
    _supply_timelines: Mapping[str, pd.DataFrame] = field(repr=False)
    _large_sites: gpd.GeoDataFrame = field(repr=False)
    _core_zone_share: pd.DataFrame | None = field(repr=False)
    _distance_classes: pd.DataFrame | None = field(repr=False)
    _buffers: gpd.GeoDataFrame | None = field(repr=False)

    def __repr__(self) -> str:
        at = "as recorded" if self.at is None else f"{self.at:%d.%m.%Y}"
        return f"<LandPanel: {len(self._sites)} sites, status {at}>"

    # -- tables (copies) ---------------------------------------------------------------

    @property
    def sites(self) -> gpd.GeoDataFrame:
        """The sites layer the figures were computed from."""
        return self._sites.copy()

    @property
    def status(self) -> pd.Series:
        """Status of every site at :attr:`at` (:func:`geoinnenstadt.land.status_at`)."""
        return self._status.copy()

    @property
    def area_ha(self) -> pd.Series:
        """Area of every site in hectares (:func:`geoinnenstadt.land.site_areas`)."""
        return self._area_ha.copy()

    def reserves(self, by: str = "restriction") -> pd.DataFrame:
        """Reserves R, R₀ and firm-held (:func:`geoinnenstadt.land.reserves`) by ``by``.

        ``by`` is one of ``"restriction"``, ``"size_class"`` and, when the
        panel was built with core zones, ``"core_zone"``.
        """
        if by not in self._reserves:
            held = ", ".join(map(repr, self._reserves))
            hint = " (build the panel with core_zones=...)" if by == "core_zone" else ""
            raise ValueError(f"the land panel holds reserves by {held}, not by {by!r}{hint}")
        return self._reserves[by].copy()

    @property
    def take_up(self) -> pd.Series:
        """Hectares taken up per calendar year (:func:`geoinnenstadt.land.take_up`)."""
        table = self._take_up_by_year
        out = table["take_up_ha"].copy()
        out.attrs.update(table.attrs)
        return out

    @property
    def take_up_by_year(self) -> pd.DataFrame:
        """Take-up per year with the ``partial`` flag (:func:`geoinnenstadt.land.take_up_by_year`)."""
        return self._take_up_by_year.copy()

    @property
    def years_of_supply(self) -> pd.DataFrame:
        """Years of supply, observed and scenarios (:func:`geoinnenstadt.land.years_of_supply`).

        Needs a reference date (``at`` or the City's ``meta["as_of"]``): the
        take-up window ends at the last complete year before it. A panel of
        a bare layer without ``at`` raises a ValueError here instead of
        assuming today.
        """
        if self._years_of_supply is None:
            raise ValueError(
                "the land panel has no reference date, so no take-up window: build it with "
                "gi.land.panel(sites, at=...) or from the City (its meta['as_of'])"
            )
        return self._years_of_supply.copy()

    @property
    def timeline(self) -> pd.DataFrame:
        """The take-up timeline (past years, the land map's slider).

        Per take-up year its ``end`` date, ``take_up_ha``, ``partial``.
        ``end`` is 31 December, or the reference date for a year not complete
        on it. Empty when no site has a take-up date. The years ahead (reserve,
        arrivals, unmet demand) are :meth:`supply_timeline`.
        """
        return self._timeline.copy()

    @property
    def pipeline(self) -> pd.DataFrame:
        """Hectares by planning stage and expected year (:func:`geoinnenstadt.land.pipeline`).

        Needs a reference date, like :attr:`years_of_supply`.
        """
        if self._pipeline is None:
            raise ValueError(
                "the land panel has no reference date, so no planning pipeline: build it with "
                "gi.land.panel(sites, at=...) or from the City (its meta['as_of'])"
            )
        return self._pipeline.copy()

    @property
    def scenarios(self) -> tuple[str, ...]:
        """Names of the supply-timeline scenarios the panel holds (in order)."""
        return tuple(self._supply_timelines)

    def supply_timeline(self, scenario: str = "baseline") -> pd.DataFrame:
        """The supply timeline of ``scenario`` (:func:`geoinnenstadt.land.supply_timeline`).

        The years ahead: marketable reserve, arrivals, demand, take-up and
        unmet demand per year; ``attrs`` as there. Needs a reference date.
        """
        if not self._supply_timelines:
            raise ValueError(
                "the land panel has no reference date, so no supply timeline: build it with "
                "gi.land.panel(sites, at=...) or from the City (its meta['as_of'])"
            )
        if scenario not in self._supply_timelines:
            held = ", ".join(map(repr, self._supply_timelines))
            raise ValueError(
                f"the land panel holds the supply timelines {held}, not {scenario!r}; build it "
                f"with gi.land.panel(..., scenarios=[...])"
            )
        table = self._supply_timelines[scenario]
        out = table.copy()
        out.attrs = {k: (dict(v) if isinstance(v, dict) else v) for k, v in table.attrs.items()}
        return out

    @property
    def timeline_status(self) -> pd.DataFrame:
        """Status of every site (rows, like :attr:`sites`) at the end of each timeline year (columns)."""
        return self._timeline_status.copy()

    @property
    def large_sites(self) -> gpd.GeoDataFrame:
        """Available sites of at least :attr:`min_ha` ha (:func:`geoinnenstadt.land.large_sites`)."""
        return self._large_sites.copy()

    @property
    def core_zone_share(self) -> pd.DataFrame | None:
        """Reserve and take-up inside the core zones; None without core zones."""
        return None if self._core_zone_share is None else self._core_zone_share.copy()

    @property
    def distance_classes(self) -> pd.DataFrame | None:
        """Abstandserlass classes of the available sites; None without residential areas."""
        return None if self._distance_classes is None else self._distance_classes.copy()

    @property
    def buffers(self) -> gpd.GeoDataFrame | None:
        """Distance-class rings around the sites (:func:`geoinnenstadt.conflicts.buffers`)."""
        return None if self._buffers is None else self._buffers.copy()

    # -- options -----------------------------------------------------------------------

    def check_options(self, **given: Any) -> None:
        """Refuse options that contradict the panel (ValueError naming both).

        Options given as None are not checked. ``at`` is compared as a date,
        ``buffers=True`` needs a panel with buffers.

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> p = gi.land.panel(gi.load_sample("dortmund"), at="31.12.2024")
        >>> p.check_options(at="2024-12-31")
        >>> p.check_options(at="2023-12-31")
        Traceback (most recent call last):
        ...
        ValueError: the land panel was built with at=31.12.2024, the call asks for at=31.12.2023; ...
        """
        for name, value in given.items():
            if value is None:
                continue
            if name == "buffers":
                if value and self._buffers is None:
                    raise ValueError(
                        "the land panel has no distance-class rings, the call asks for them; "
                        "build it with gi.land.panel(..., buffers=True)"
                    )
                continue
            held = getattr(self, name)
            if name == "at":
                value = dates.parse_optional_date(value, name="at")
                same = held == value
                shown = (
                    "as recorded" if held is None else f"{held:%d.%m.%Y}",
                    f"{value:%d.%m.%Y}",
                )
            else:
                same = math.isclose(float(held), float(value))
                shown = (repr(held), repr(value))
            if not same:
                raise ValueError(
                    f"the land panel was built with {name}={shown[0]}, the call asks for "
                    f"{name}={shown[1]}; build a panel with {name}={shown[1]} or leave "
                    f"{name} out"
                )


def panel(
    sites: Any,
    *,
    at: Any = None,
    core_zones: gpd.GeoDataFrame | None = None,
    residential: gpd.GeoDataFrame | None = None,
    min_share: float = MIN_SHARE,
    window: int = 5,
    demand_ha_per_year: float | Mapping[str, float] | None = None,
    include_firm_reserves: bool = False,
    min_ha: float = 5,
    buffers: bool | None = None,
    demand: Any = None,
    scenarios: Any = PANEL_SCENARIOS,
    years: int = 20,
) -> LandPanel:
    """Compute every figure of the land outputs once: a :class:`LandPanel`.

    Parameters
    ----------
    sites : GeoDataFrame or City
        The sites layer in a metric CRS, or a City: then ``city.sites``, its
        ``meta["as_of"]`` as the reference date and, unless given,
        ``city.core_zones`` and ``city.residential``.
    at : date, optional
        Date of the site statuses and reference date (module notes of
        :mod:`geoinnenstadt.land`); None: statuses as recorded.
    core_zones : GeoDataFrame, optional
        Gewerbe- und Industriekernzonen: reserves by core zone and the
        core-zone share.
    residential : GeoDataFrame, optional
        Residential and sensitive areas: Abstandserlass classes of the
        available sites (:func:`geoinnenstadt.conflicts.distance_classes`).
    min_share : float, default 0.5
        Share of a site's area inside core zones for it to count as inside.
    window : int, default 5
        Complete years averaged for the observed take-up Ī.
    demand_ha_per_year : float or mapping, optional
        Demand scenarios of :func:`geoinnenstadt.land.years_of_supply`.
    include_firm_reserves : bool, default False
        Count firm-held sites in R₀.
    min_ha : float, default 5
        Smallest area of :attr:`LandPanel.large_sites`.
    buffers : bool, optional
        Compute the distance-class rings (:func:`geoinnenstadt.conflicts.buffers`);
        default: when ``residential`` is given.
    demand : optional
        Demand of the supply timelines (``demand=`` of
        :func:`geoinnenstadt.land.supply_timeline`); default the trend over
        ``window`` years.
    scenarios : sequence of str or dict, default ("baseline", "planning_stopped", "accelerated")
        Scenarios of the supply timelines (:meth:`LandPanel.supply_timeline`).
    years : int, default 20
        Years of the supply timelines.

    Returns
    -------
    LandPanel
        Years of supply only with a reference date (``at`` or a City's
        ``meta["as_of"]``); otherwise :attr:`LandPanel.years_of_supply`
        says so instead of assuming today.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> p = gi.land.panel(gi.load_sample("dortmund"))
    >>> p.reference_date.strftime("%d.%m.%Y")
    '30.06.2025'
    >>> float(p.reserves()["reserve_ha"]["total"]) == float(p.area_ha[p.status == "available"].sum())
    True
    """
    from .. import conflicts

    layer, _ = sites_and_as_of(sites)
    if layer is not sites:  # a City
        core_zones = sites.core_zones if core_zones is None else core_zones
        residential = sites.residential if residential is None else residential
    at_ts = dates.parse_optional_date(at, name="at")
    if core_zones is not None and not len(core_zones):
        core_zones = None
    if residential is not None and not len(residential):
        residential = None
    with once_each_warning():
        status = status_at(sites, at=at_ts)
        area = site_areas(sites)
        held = {
            "restriction": reserves(sites, at=at_ts, by="restriction"),
            "size_class": reserves(sites, at=at_ts, by="size_class"),
        }
        if core_zones is not None:
            held["core_zone"] = reserves(
                sites, at=at_ts, by="core_zone", core_zones=core_zones, min_share=min_share
            )
        by_year = take_up_by_year(sites, at=at_ts)
        supply = (
            None
            if by_year.attrs.get("reference_date") is None
            else years_of_supply(
                sites,
                window=window,
                demand_ha_per_year=demand_ha_per_year,
                at=at_ts,
                include_firm_reserves=include_firm_reserves,
            )
        )
        timeline, timeline_status = _take_up_timeline(sites, layer, by_year)
        reference = by_year.attrs.get("reference_date")
        pipe = None if reference is None else pipeline(sites, at=at_ts)
        supply_timelines: dict[str, pd.DataFrame] = {}
        if reference is not None:
            for spec in [scenarios] if isinstance(scenarios, (str, Mapping)) else scenarios:
                table = supply_timeline(
                    sites,
                    demand=demand,
                    scenario=spec,
                    at=at_ts,
                    years=years,
                    window=window,
                    include_firm_reserves=include_firm_reserves,
                )
                supply_timelines[table.attrs["scenario"]["name"]] = table
        large = large_sites(sites, min_ha=min_ha, at=at_ts)
        share = (
            None
            if core_zones is None
            else core_zone_share(
                sites,
                core_zones,
                at=at_ts,
                min_share=min_share,
                include_firm_reserves=include_firm_reserves,
            )
        )
        classes = (
            None
            if residential is None
            else conflicts.distance_classes(layer[status == "available"], residential)
        )
        rings = (
            conflicts.buffers(layer)
            if (buffers if buffers is not None else residential is not None)
            else None
        )
    return LandPanel(
        at=at_ts,
        reference_date=by_year.attrs.get("reference_date"),
        min_share=float(min_share),
        window=int(window),
        min_ha=float(min_ha),
        include_firm_reserves=bool(include_firm_reserves),
        _sites=layer.copy(),
        _status=status,
        _area_ha=area,
        _reserves=held,
        _take_up_by_year=by_year,
        _years_of_supply=supply,
        _timeline=timeline,
        _timeline_status=timeline_status,
        _pipeline=pipe,
        _supply_timelines=supply_timelines,
        _large_sites=large,
        _core_zone_share=share,
        _distance_classes=classes,
        _buffers=rings,
    )


def _take_up_timeline(
    sites: Any, layer: gpd.GeoDataFrame, by_year: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One step per take-up year: its end date and the status of every site at it."""
    empty = pd.DataFrame(
        {
            "end": pd.Series(dtype="datetime64[ns]"),
            "take_up_ha": pd.Series(dtype=float),
            "partial": pd.Series(dtype=bool),
        },
        index=pd.Index([], dtype="int64", name="year"),
    )
    if "taken_up_on" not in layer.columns or not layer["taken_up_on"].notna().any():
        return empty, pd.DataFrame(index=layer.index)
    reference = by_year.attrs.get("reference_date")
    ends = [
        reference
        if bool(partial) and reference is not None
        else pd.Timestamp(year=int(year), month=12, day=31)
        for year, partial in zip(by_year.index, by_year["partial"], strict=True)
    ]
    table = pd.DataFrame(
        {
            "end": np.array(ends, dtype="datetime64[ns]"),
            "take_up_ha": by_year["take_up_ha"].to_numpy(dtype=float),
            "partial": by_year["partial"].to_numpy(dtype=bool),
        },
        index=pd.Index(by_year.index.astype("int64"), name="year"),
    )
    statuses = pd.DataFrame(
        {int(y): status_at(sites, at=end) for y, end in zip(table.index, ends, strict=True)},
        index=layer.index,
    )
    return table, statuses


def ensure_panel(land_panel: LandPanel | None, city: Any, **options: Any) -> LandPanel:
    """The panel an output draws: ``land_panel`` checked against ``options``, else a new one.

    Outputs (maps, print maps, briefing tables) call this with their own
    options: a given panel must agree with them (ValueError naming both),
    otherwise a panel is built from ``city`` (a City or a sites layer) with
    these options.
    """
    if land_panel is not None:
        if not isinstance(land_panel, LandPanel):
            raise TypeError(f"panel must be a gi.land.LandPanel, got {type(land_panel).__name__}")
        land_panel.check_options(**options)
        return land_panel
    return panel(city, **{k: v for k, v in options.items() if v is not None})


def with_sites(city: Any, sites: gpd.GeoDataFrame) -> Any:
    """``city`` with its sites layer replaced (a bare layer is returned as it is)."""
    layer, _ = sites_and_as_of(city)
    return sites if layer is city else replace(city, sites=sites)
