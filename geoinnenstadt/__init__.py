"""geoinnenstadt: German city centres and commercial land as GeoDataFrames.

City quarters, vacancies, commercial land, core zones and pre-emption areas —
indicators, offline maps and HTML briefings for German municipal planning.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> gi.validate(city.units, kind="units").ok
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import errors, schema, settings
from .city import City
from .datasets import list_samples, load_sample
from .errors import CRSError, DataFileError, GeoinnenstadtError, GeoinnenstadtWarning, SchemaError
from .io import ReadWarning, read_city, read_layer, write_city, write_layer
from .schema import KINDS, ValidationReport, validate
from .sources.addresses import read_addresses
from .sources.geocode import geocode
from .sources.xplan import read_xplan

_SUBMODULES = (
    # shared rules
    "dates",
    "crs",
    "kennzeichen",
    "classify",
    "privacy",
    "labels",
    "style",
    "context",
    # data in and the container
    "io",
    "datasets",
    "city",
    # indicators
    "zones",
    "vacancy",
    "hotspots",
    "land",
    "preemption",
    "conflicts",
    "uses",
    "footfall",
    "profiles",
    "matching",
    # outputs
    "maps",
    "plots",
    "assets",
    "briefing",
    "cli",
    "scale",
)


def __getattr__(name: str) -> object:
    """Import the planning-concept submodules on first use (``gi.vacancy``, ``gi.maps``, …)."""
    if name in _SUBMODULES:
        import importlib

        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'geoinnenstadt' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names: ``__all__`` and the submodules imported on first use (none imported)."""
    return sorted({*__all__, *_SUBMODULES})


__all__ = [
    "KINDS",
    "CRSError",
    "City",
    "DataFileError",
    "GeoinnenstadtError",
    "GeoinnenstadtWarning",
    "ReadWarning",
    "SchemaError",
    "ValidationReport",
    "__version__",
    "errors",
    "geocode",
    "list_samples",
    "load_sample",
    "read_addresses",
    "read_city",
    "read_layer",
    "read_xplan",
    "schema",
    "settings",
    "validate",
    "write_city",
    "write_layer",
]
