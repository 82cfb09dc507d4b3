"""The :class:`City` container: one GeoDataFrame per layer kind, plus ``meta``.

Sample cities are loaded by :mod:`geoinnenstadt.datasets` (``list_samples``,
``load_sample``, ``sample_path`` are still importable from here).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import geopandas as gpd

from . import privacy
from .schema import KINDS

__all__ = ["City"]


@dataclass
class City:
    """All layers of one city, each a GeoDataFrame in the working CRS (or ``None`` if absent).

    Attributes
    ----------
    quarters, core_zones, preemption_areas, units, sites, parcels, residential
        The seven layer kinds of the data model (see :mod:`geoinnenstadt.schema`).
    meta : dict
        ``name``, ``as_of``, ``synthetic`` (bool), ``source``, ``license`` and,
        for generated data, ``generator`` / ``generator_version``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> len(city.quarters)
    9
    >>> city.meta["synthetic"]
    True
    """

    quarters: gpd.GeoDataFrame | None = None
    core_zones: gpd.GeoDataFrame | None = None
    preemption_areas: gpd.GeoDataFrame | None = None
    units: gpd.GeoDataFrame | None = None
    sites: gpd.GeoDataFrame | None = None
    parcels: gpd.GeoDataFrame | None = None
    residential: gpd.GeoDataFrame | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """The layers that are present, by kind, in the order of ``KINDS``."""
        return {k: getattr(self, k) for k in KINDS if getattr(self, k) is not None}

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "unnamed city"))

    @property
    def is_synthetic(self) -> bool:
        """True for generated sample data: every map and briefing then says so."""
        return bool(self.meta.get("synthetic", False))

    def without_personal(self) -> City:
        """A copy without the schema's personal columns (owner names, contacts)."""
        out = City(meta=dict(self.meta))
        for kind, gdf in self.layers().items():
            setattr(out, kind, privacy.drop_personal(gdf, kind=kind))
        return out

    def __repr__(self) -> str:
        parts = [f"{k}={len(v)}" for k, v in self.layers().items()]
        flag = ", synthetic" if self.is_synthetic else ""
        return f"City({self.name!r}{flag}: {', '.join(parts)})"


assert [f.name for f in fields(City)][:-1] == list(KINDS)


_DATASETS = ("list_samples", "load_sample", "sample_path")


def __getattr__(name: str) -> object:
    """``from geoinnenstadt.city import load_sample`` keeps working: sample loading lives in
    :mod:`geoinnenstadt.datasets` (imported on first use, so ``city`` never imports ``io``)."""
    if name in _DATASETS:
        from . import datasets

        return getattr(datasets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
