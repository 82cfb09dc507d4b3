"""Layer schemas and validation.

The layer kinds of geoinnenstadt (quarters, core zones, pre-emption
areas, commercial units, commercial land sites, parcels, residential areas,
context, space requests) are described by a :class:`LayerSpec`. Space
requests (``requests``, Ansiedlungsgesuche) are a plain table without
geometry (``LayerSpec.geometry == "none"``): a :class:`pandas.DataFrame`.
:func:`validate` checks a layer against its spec and collects **all** problems into a
:class:`ValidationReport` instead of stopping at the first one;
:func:`conform` converts the values to the schema's dtypes.

Parts
-----
``specs``
    :class:`Column`, :class:`LayerSpec`, :data:`LAYERS`, :data:`KINDS`, the
    value sets (``UNIT_STATUS``, ``SITE_STATUS``, ``RESTRICTION``, …) and
    :func:`spec`.
``conform``
    Value conversion (:func:`conform`); dates through :mod:`geoinnenstadt.dates`,
    Flurstückskennzeichen through :mod:`geoinnenstadt.kennzeichen`.
``validate``
    :func:`validate` and the attribute checks; ``geometry`` holds the
    geometry checks.
``report``
    :class:`ValidationReport`.

Ids: ``conform`` strips spaces around ids with a
:class:`~geoinnenstadt.errors.SchemaWarning`; ``validate`` on data that was
not conformed reports them as errors, as it does ids that mix numbers and
text.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> report = gi.validate(city.units, kind="units")
>>> report.ok
True
>>> gi.schema.LAYERS["units"].personal_columns
('owner_name', 'owner_contact')
"""

from __future__ import annotations

from ..errors import warn_deprecated
from ..kennzeichen import is_valid as _is_valid
from .conform import conform, landuse_codes
from .report import ValidationReport
from .specs import (
    CONTEXT_CATEGORY,
    CONTEXT_GEOMETRY,
    CORE_ZONE_CATEGORY,
    KINDS,
    LANDUSE_TYPE,
    LAYERS,
    LOCATION_CLASS,
    OWNER_TYPE,
    PLANNING_BASIS,
    PLANNING_STAGE,
    REQUEST_STATUS,
    RESIDENTIAL_USE,
    RESTRICTION,
    SITE_STATUS,
    UNIT_STATUS,
    UNIT_USE,
    USE_CATEGORY,
    Column,
    LayerSpec,
    spec,
)
from .specs import (
    Dtype as Dtype,  # a typing name: importable, not listed
)
from .validate import validate

__all__ = [
    "CONTEXT_CATEGORY",
    "CONTEXT_GEOMETRY",
    "CORE_ZONE_CATEGORY",
    "KINDS",
    "LANDUSE_TYPE",
    "LAYERS",
    "LOCATION_CLASS",
    "OWNER_TYPE",
    "PLANNING_BASIS",
    "PLANNING_STAGE",
    "REQUEST_STATUS",
    "RESIDENTIAL_USE",
    "RESTRICTION",
    "SITE_STATUS",
    "UNIT_STATUS",
    "UNIT_USE",
    "USE_CATEGORY",
    "Column",
    "LayerSpec",
    "ValidationReport",
    "conform",
    "landuse_codes",
    "spec",
    "validate",
]


def is_valid_kennzeichen(value: object) -> bool:
    """Deprecated name of :func:`geoinnenstadt.kennzeichen.is_valid` (warns, then forwards).

    Examples
    --------
    >>> from geoinnenstadt.kennzeichen import is_valid  # use this instead
    >>> is_valid("051234017001230004__"), is_valid("171234017001230004__")  # no Land 17
    (True, False)
    """
    warn_deprecated(
        "geoinnenstadt.schema.is_valid_kennzeichen", "geoinnenstadt.kennzeichen.is_valid"
    )
    return _is_valid(value)


def __getattr__(name: str) -> object:
    """``schema.KENNZEICHEN_RE`` is a deprecated name of ``kennzeichen.KENNZEICHEN_RE``."""
    if name == "KENNZEICHEN_RE":
        from .. import kennzeichen

        warn_deprecated(f"geoinnenstadt.schema.{name}", f"geoinnenstadt.kennzeichen.{name}")
        return kennzeichen.KENNZEICHEN_RE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``), without the deprecated ones."""
    return sorted(__all__)
