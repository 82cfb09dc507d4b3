"""Commercial and industrial land: reserves, take-up, years of supply (Wirtschaftsflächen).

Indicators of DOMAIN.md ("Indicators"):

* **Flächenreserve R** — area of sites with status ``available`` (ha), firm-held
  land included; **betriebsgebundene Reserve** — the part of R held by a firm
  for its own expansion (``owner_type == "firm_reserve"``), reported beside the
  freely available reserve as land monitoring (Siedlungsflächenmonitoring NRW)
  does; **restriktionsfreie Reserve R₀** — available sites with restriction
  ``none`` that are *not* firm-held (``include_firm_reserves=True`` counts
  them in R₀ as well).
* **Inanspruchnahme** — hectares taken up per calendar year (``taken_up_on``);
  **Ī** — mean take-up over a window of complete calendar years.
* **Reichweite** (years of supply) — R₀ / Ī (net) and R / Ī (gross), for the
  observed take-up and for demand scenarios (e.g. city vs. chamber of commerce).
* Size classes "< 1 ha", "1–5 ha", "5–10 ha", "≥ 10 ha", large sites, and the
  share of reserve and take-up inside Gewerbe- und Industriekernzonen.
* **Bedarf** (demand, :func:`demand`) by the trend or the GIFPRO-type
  employment method, with a low/central/high band; the **Planungspipeline**
  (:func:`pipeline`: hectares by ``planning_stage`` and expected year) and the
  **Versorgungslücke** (:func:`supply_timeline`: marketable reserve,
  arrivals, take-up and unmet demand per year, by scenario).

Every function takes the sites layer or a :class:`~geoinnenstadt.City`
(then ``city.sites`` is used and ``city.meta["as_of"]`` is the reference date).

Areas
-----
Areas are always computed from the geometry, never read from an attribute,
in a projected CRS in true metres (:func:`geoinnenstadt.crs.require_metric`;
the working CRS EPSG:25832 or e.g. EPSG:25833). Degrees, Web Mercator, a
missing CRS or layers in different CRSs raise
:class:`~geoinnenstadt.errors.CRSError`. A site without a polygon raises
(naming it). A site with an **invalid** polygon (e.g. a self-intersecting
"bow-tie", whose shoelace area cancels to 0) is counted with the area of
``shapely.make_valid`` (both lobes) and named in a
:class:`~geoinnenstadt.errors.GeoinnenstadtWarning`; repair the data with
``gi.read_layer(..., repair=True)`` to silence it.

Dates
-----
Every date argument goes through :mod:`geoinnenstadt.dates`: "05.03.2025"
and "2025-03-05" are both 5 March 2025. An int is refused (``DateError``)
except where a parameter is documented as "a year" (``start``/``end``).

Reference date
--------------
The reference date (*Stichtag*) is ``at`` if given, else the City's
``meta["as_of"]`` (``as_of=`` is a deprecated name of ``at``). Take-up windows
end at the **last complete calendar year before the reference date** (a
reference date on 31 December completes its year). Where a window is needed
and neither is given (a bare layer), today's date
(:func:`geoinnenstadt.dates.today`) is assumed and a warning says so.

State at a date (``at``)
------------------------
The sites layer records the *current* status. With ``at=None`` the status is
taken as recorded. With a date ``at``:

* a site taken up after ``at`` (``taken_up_on > at``) counts as **available**
  at ``at`` — it was part of the reserve until it was taken up;
* a site taken up on or before ``at`` counts as taken up;
* ``available`` and ``reserved`` sites keep their status (the layer does not
  say since when they exist);
* take-up after the reference date is ignored;
* take-up windows end at the last complete calendar year on the reference
  date (:func:`geoinnenstadt.dates.last_complete_year`): ``take_up`` and
  ``years_of_supply`` alike; ``take_up`` warns about the partial year it
  leaves out, ``take_up_by_year`` shows it flagged ``partial``.

A taken-up site without ``taken_up_on`` keeps its recorded status and is left
out of take-up statistics; every such site is counted and named in a warning.

Core zones
----------
A site lies **inside a core zone** when at least ``min_share`` (default 0.5)
of its area lies inside the union of all core zones; it then counts with its
**whole area** (never a part of it), in :func:`reserves` (``by="core_zone"``:
the zone it overlaps most, ties to the lowest ``zone_id``) and in
:func:`core_zone_share` alike, so both give the same hectares.

Computed once
-------------
:func:`panel` computes every figure the land outputs show (statuses and
areas, reserves, take-up, years of supply, the take-up timeline, the planning
pipeline, the supply timelines per scenario, the
core-zone share, Abstandserlass classes) once and returns an immutable
:class:`LandPanel`; maps, print maps and briefing tables take it
(``panel=``), so they show the same figures and compute nothing again.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> r = gi.land.reserves(city.sites, by="restriction")
>>> list(r.index)
['none', 'minor', 'major', 'total']
>>> bool(r.loc["total", "reserve_ha"] > 0)
True
"""

from __future__ import annotations

from ._base import (
    BY_OPTIONS,
    MIN_SHARE,
    SIZE_CLASSES,
    site_areas,
    size_class,
    status_at,
)
from ._base import (
    By as By,
)
from ._candidates import core_zone_candidates
from ._demand import demand
from ._pipeline import pipeline, supply_timeline
from ._reserves import core_zone_share, large_sites, reserves
from ._supply import take_up, take_up_by_year, years_of_supply
from .result import LandPanel, panel

__all__ = [
    "BY_OPTIONS",
    "MIN_SHARE",
    "SIZE_CLASSES",
    "LandPanel",
    "core_zone_candidates",
    "core_zone_share",
    "demand",
    "large_sites",
    "panel",
    "pipeline",
    "reserves",
    "site_areas",
    "size_class",
    "status_at",
    "supply_timeline",
    "take_up",
    "take_up_by_year",
    "years_of_supply",
]


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
