"""The :class:`City` container and the bundled synthetic sample cities."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd

from .schema import KINDS, LAYERS

__all__ = ["City", "list_samples", "load_sample", "sample_path"]


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
            drop = [c for c in LAYERS[kind].personal_columns if c in gdf.columns]
            setattr(out, kind, gdf.drop(columns=drop))
        return out

    def __repr__(self) -> str:
        parts = [f"{k}={len(v)}" for k, v in self.layers().items()]
        flag = ", synthetic" if self.is_synthetic else ""
        return f"City({self.name!r}{flag}: {', '.join(parts)})"


assert [f.name for f in fields(City)][:-1] == list(KINDS)

_SAMPLE_SUFFIX = ".gpkg"


def _sample_dirs() -> list[Path]:
    dirs = []
    try:
        packaged = Path(str(resources.files("geoinnenstadt") / "sample_data"))
        dirs.append(packaged)
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    dirs.append(Path(__file__).resolve().parent.parent / "sample_data")  # source checkout
    return [d for d in dirs if d.is_dir()]


def list_samples() -> list[str]:
    """Names of the bundled synthetic sample cities.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> gi.list_samples()
    ['dorsten', 'dortmund', 'duesseldorf']
    """
    names: set[str] = set()
    for d in _sample_dirs():
        names.update(p.stem for p in d.glob(f"*{_SAMPLE_SUFFIX}"))
    return sorted(names)


def sample_path(name: str) -> Path:
    """Path of a sample city's GeoPackage; unknown names raise a ValueError listing the samples."""
    for d in _sample_dirs():
        p = d / f"{name}{_SAMPLE_SUFFIX}"
        if p.is_file():
            return p
    raise ValueError(f"no sample city {name!r}; available: {', '.join(list_samples()) or '(none installed)'}")


def load_sample(name: str) -> City:
    """Load a bundled synthetic sample city.

    Parameters
    ----------
    name : str
        One of :func:`list_samples`: ``"dortmund"``, ``"duesseldorf"``, ``"dorsten"``.

    Returns
    -------
    City
        With ``meta["synthetic"] is True``: the data are generated, not official.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> sorted(city.quarters["name"])[:2]
    ['Altstadt am Alten Markt', 'Boulevard Kampstraße']
    """
    from .io import read_city

    return read_city(sample_path(name))
