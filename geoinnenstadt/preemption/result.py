"""The pre-emption panel: every figure the pre-emption outputs show, computed once (:func:`panel`).

Maps, print maps and briefing tables of pre-emption statutes take a
:class:`PreemptionPanel`: which parcels lie under a statute
(:func:`geoinnenstadt.preemption.parcels_in`), the count and area per
statute area, and the annex (:func:`geoinnenstadt.preemption.annex`), each
computed once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from ..errors import once_each_warning
from . import annex, parcels_in, zone_coverage

__all__ = ["PreemptionPanel", "coverage", "ensure_panel", "panel"]


@dataclass(frozen=True, eq=False, repr=False)
class PreemptionPanel:
    """Parcels under pre-emption statutes (build with :func:`panel`).

    Immutable: ``min_share`` is a plain attribute, every table is handed
    out as a copy.

    Attributes
    ----------
    min_share : float
        Share of a parcel's area inside an area for the parcel to count.
    """

    min_share: float
    _parcels: gpd.GeoDataFrame = field(repr=False)
    _areas: gpd.GeoDataFrame = field(repr=False)
    _inside: gpd.GeoDataFrame = field(repr=False)
    _coverage: pd.DataFrame = field(repr=False)
    _annex: pd.DataFrame = field(repr=False)
    _zone_coverage: pd.DataFrame | None = field(repr=False)

    def __repr__(self) -> str:
        n = self._inside["parcel_id"].nunique()
        return (
            f"<PreemptionPanel: {n} of {len(self._parcels)} parcels in "
            f"{len(self._areas)} areas, min_share={self.min_share:g}>"
        )

    @property
    def parcels(self) -> gpd.GeoDataFrame:
        """The parcels layer the figures were computed from."""
        return self._parcels.copy()

    @property
    def areas(self) -> gpd.GeoDataFrame:
        """The statute areas (Vorkaufsrechtsgebiete)."""
        return self._areas.copy()

    @property
    def inside(self) -> gpd.GeoDataFrame:
        """One row per (parcel, area) pair under a statute (:func:`~geoinnenstadt.preemption.parcels_in`)."""
        return self._inside.copy()

    @property
    def selected(self) -> np.ndarray:
        """True for every row of :attr:`parcels` that lies under a statute."""
        ids = set(self._inside["parcel_id"].astype(str))
        return self._parcels["parcel_id"].astype(str).isin(ids).to_numpy(dtype=bool)

    @property
    def coverage(self) -> pd.DataFrame:
        """Per statute area: ``name``, ``legal_basis``, ``area_ha`` and ``parcels`` (count)."""
        return self._coverage.copy()

    @property
    def annex(self) -> pd.DataFrame:
        """The statute annex (:func:`~geoinnenstadt.preemption.annex`)."""
        return self._annex.copy()

    @property
    def zone_coverage(self) -> pd.DataFrame | None:
        """Share of each core zone inside the statute areas (:func:`~geoinnenstadt.preemption.zone_coverage`); None without core zones."""
        return None if self._zone_coverage is None else self._zone_coverage.copy()

    def check_options(self, **given: Any) -> None:
        """Refuse options that contradict the panel (ValueError naming both; None is not checked).

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> city = gi.load_sample("duesseldorf")
        >>> p = gi.preemption.panel(city.parcels, city.preemption_areas, min_share=0.5)
        >>> p.check_options(min_share=0.8)
        Traceback (most recent call last):
        ...
        ValueError: the pre-emption panel was built with min_share=0.5, the call asks for min_share=0.8; ...
        """
        for name, value in given.items():
            if value is None:
                continue
            held = getattr(self, name)
            if not math.isclose(float(held), float(value)):
                raise ValueError(
                    f"the pre-emption panel was built with {name}={held!r}, the call asks for "
                    f"{name}={value!r}; build a panel with {name}={value!r} or leave {name} out"
                )


def panel(
    parcels: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    *,
    min_share: float = 0.5,
    id_column: str | None = None,
    core_zones: gpd.GeoDataFrame | None = None,
) -> PreemptionPanel:
    """Compute the figures of the pre-emption outputs once: a :class:`PreemptionPanel`.

    Parameters
    ----------
    parcels : GeoDataFrame
        Parcel polygons with ``parcel_id`` (Flurstückskennzeichen).
    areas : GeoDataFrame
        Statute areas with ``area_id`` (same projected CRS as ``parcels``).
    min_share : float, default 0.5
        Minimum share of a parcel's area inside an area
        (:func:`~geoinnenstadt.preemption.parcels_in`).
    id_column : str, optional
        Id column of ``areas`` (default ``area_id``).
    core_zones : GeoDataFrame, optional
        Gewerbe- und Industriekernzonen: how much of each lies inside the
        statute areas (:attr:`PreemptionPanel.zone_coverage`).

    Returns
    -------
    PreemptionPanel

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> p = gi.preemption.panel(city.parcels, city.preemption_areas, min_share=0.5)
    >>> int(p.coverage["parcels"].sum()) == len(p.inside)
    True
    """
    with once_each_warning():
        inside = parcels_in(parcels, areas, min_share=min_share, id_column=id_column)
        table = annex(inside)
        zones = None if core_zones is None else zone_coverage(core_zones, areas)
    return PreemptionPanel(
        min_share=float(min_share),
        _parcels=parcels.copy(),
        _areas=areas.copy(),
        _inside=inside,
        _coverage=coverage(areas, inside),
        _annex=table,
        _zone_coverage=zones,
    )


def coverage(areas: gpd.GeoDataFrame, inside: pd.DataFrame) -> pd.DataFrame:
    """Per statute area: ``name``, ``legal_basis``, ``area_ha`` and ``parcels`` in its scope.

    ``inside`` is a :func:`~geoinnenstadt.preemption.parcels_in` result
    (:attr:`PreemptionPanel.coverage` is this table for the panel's parcels).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt.preemption.result import coverage
    >>> city = gi.load_sample("duesseldorf")
    >>> inside = gi.preemption.parcels_in(city.parcels, city.preemption_areas)
    >>> list(coverage(city.preemption_areas, inside).columns)
    ['name', 'legal_basis', 'area_ha', 'parcels']
    """
    areas = _crs.to_working(areas, name="preemption_areas")
    _crs.require_metric(areas, names=["preemption_areas"])
    counts = inside.groupby("area_id").size()
    return pd.DataFrame(
        {
            "name": areas["name"].to_numpy() if "name" in areas.columns else None,
            "legal_basis": (
                areas["legal_basis"].to_numpy() if "legal_basis" in areas.columns else None
            ),
            "area_ha": shapely.area(areas.geometry.values) / 10_000,
            "parcels": areas["area_id"].map(counts).fillna(0).astype(int).to_numpy(),
        },
        index=pd.Index(areas["area_id"].to_numpy(), name="area_id"),
    )


def ensure_panel(
    preemption_panel: PreemptionPanel | None,
    parcels: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    **options: Any,
) -> PreemptionPanel:
    """The panel an output draws: the given one checked against ``options``, else a new one."""
    if preemption_panel is not None:
        if not isinstance(preemption_panel, PreemptionPanel):
            raise TypeError(
                "panel must be a gi.preemption.PreemptionPanel, got "
                f"{type(preemption_panel).__name__}"
            )
        preemption_panel.check_options(**options)
        return preemption_panel
    return panel(parcels, areas, **{k: v for k, v in options.items() if v is not None})
