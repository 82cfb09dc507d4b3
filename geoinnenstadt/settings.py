"""Global settings, read at call time.

Change them as module attributes::

    import geoinnenstadt as gi
    gi.settings.working_crs = "EPSG:25833"   # eastern Germany
    gi.settings.long_term_months = 24

Attributes
----------
working_crs : str
    Projected CRS every layer is reprojected to and in which all areas and
    distances are computed. Default ``"EPSG:25832"`` (ETRS89 / UTM zone 32N,
    the standard of North Rhine-Westphalia).
long_term_months : int
    Threshold above which a vacancy counts as long-term (*langfristiger
    Leerstand*). Default 12 months.
language : str
    Language of display labels, ``"de"`` or ``"en"``.
germany_bounds_lonlat : tuple of float
    ``(min_lon, min_lat, max_lon, max_lat)`` of a generous box around Germany;
    layers outside it are rejected as implausible (wrong CRS or swapped axes).
quarter_gap_tolerance_m : float
    Gaps between quarters narrower than this (metres) are reported as
    slivers in the partition check; wider gaps are accepted as intended.
timezone : str
    Time zone of the local date: date-times with a time zone are converted
    to the local date in this zone (never cut off). Default
    ``"Europe/Berlin"``.
public_min_count : int
    Publication mode: quarters with fewer units than this are suppressed
    (with secondary suppression, see :mod:`geoinnenstadt.privacy`).
    Default 3.
survey_round_gap_days : int
    Survey dates closer together than this many days form one survey round
    (a vacancy survey that took several days), dated by its last day. Used
    by :mod:`geoinnenstadt.vacancy` when no ``rounds=`` are given. Default 45.
max_listed_problems : int
    Number of problems listed in a :class:`~geoinnenstadt.errors.SchemaError`
    message (the report holds all of them).
offline : bool
    How maps display in Jupyter and how :func:`geoinnenstadt.maps.to_html`
    and :func:`geoinnenstadt.maps.save_html` write them when no
    ``offline=`` is given. ``True`` (the default): Leaflet is inlined from an
    installed package, no tiles are loaded, the map makes no request outside
    itself – it works on a machine without internet. ``False``: Leaflet is
    linked from a CDN and OpenStreetMap tiles are shown (needs internet).
magnet_floor_area_m2 : float
    Floor area from which an occupied unit counts as a **magnet**
    (*Magnetbetrieb*, anchor store) in :func:`geoinnenstadt.uses.mix` and
    :func:`geoinnenstadt.uses.magnets`. Default 800 m²: the threshold of
    *großflächiger Einzelhandel* (§ 11 Abs. 3 BauNVO), which the courts put at
    800 m² Verkaufsfläche (BVerwG, 24.11.2005, 4 C 10.04). The units' ``floor_area_m2``
    may be a Nutzfläche larger than the sales area: raise the setting if so.
progress : bool
    Show progress bars of long operations (:func:`geoinnenstadt.briefing.build`,
    :mod:`geoinnenstadt.scale`): a widget in JupyterLab (with ``ipywidgets``
    installed), text on stderr in a terminal. ``False`` shows nothing; a
    ``progress=`` argument of the operation overrides it. Default ``True``.
planning_lead_years : dict of str to int
    Years from each planning stage of a site (``planning_stage``) until it is
    marketable, used by :func:`geoinnenstadt.land.pipeline` and
    :func:`geoinnenstadt.land.supply_timeline` where a site has no
    ``expected_available_year``: the expected year is the reference year plus
    the lead time. Default ``idea`` 12, ``fnp_change_started`` 10,
    ``fnp_effective`` 7, ``bplan_started`` 5, ``bplan_effective`` 3,
    ``serviced`` 1, ``marketable`` 0. **These are assumptions of this
    library**, not values from a published source: they spread the Dortmund
    chamber of commerce's statement that new commercial land takes "ten to
    fifteen years from first planning" to a marketable site (DOMAIN.md,
    "Commercial land demand") over the stages of the planning procedure
    (FNP change, B-Plan, servicing). Replace them with the city's own
    experience, e.g. ``gi.settings.planning_lead_years["bplan_started"] = 4``.
accelerated_lead_factor : float
    Factor on the remaining lead times of the ``"accelerated"`` scenario of
    :func:`geoinnenstadt.land.supply_timeline`. Default 0.5 — an
    illustrative assumption of this library (planning and servicing twice as
    fast), not a published value.
matching_weights : dict of str to float
    Default weights of the score components of :func:`geoinnenstadt.matching.match`
    (points out of 100): ``size`` 30 (size fit), ``quarter`` 25 (preferred
    quarter), ``use`` 15 (use fit with the quarter's use mix), ``footfall`` 15
    (neighbouring footfall), ``duration`` 15 (vacancy duration). An
    illustrative weighting of this library, not a published standard: the
    request's own wishes (size, location) weigh most, then the city's
    interests (use mix, long-empty units). ``weights=`` of ``match`` overrides
    single keys.
matching_tolerance : float
    Relative tolerance of the floor-area filter of
    :func:`geoinnenstadt.matching.match`: a unit passes when its floor area
    lies within ``[min · (1 − tolerance), max · (1 + tolerance)]`` of the
    request's range. Default 0.1 (10 %).
matching_footfall_radius_m : float
    A unit's neighbouring footfall in :func:`geoinnenstadt.matching.match` is
    the figure of the nearest counter within this distance (metres, working
    CRS). Default 150 m: about one block of a pedestrian street.
matching_duration_cap_months : int
    Vacancy duration at which the duration component of
    :func:`geoinnenstadt.matching.match` reaches its full points (linear
    from 0 months). Default 24 months: the upper class boundary of
    ``gi.vacancy.DURATION_CLASSES`` (longer is "> 24 Monate").
"""

from __future__ import annotations

working_crs: str = "EPSG:25832"
long_term_months: int = 12
language: str = "de"
germany_bounds_lonlat: tuple[float, float, float, float] = (5.5, 47.0, 15.5, 55.2)
quarter_gap_tolerance_m: float = 1.0
max_listed_problems: int = 10
timezone: str = "Europe/Berlin"
public_min_count: int = 3
survey_round_gap_days: int = 45
offline: bool = True
magnet_floor_area_m2: float = 800.0
progress: bool = True
planning_lead_years: dict[str, int] = {
    "idea": 12,
    "fnp_change_started": 10,
    "fnp_effective": 7,
    "bplan_started": 5,
    "bplan_effective": 3,
    "serviced": 1,
    "marketable": 0,
}
accelerated_lead_factor: float = 0.5
matching_weights: dict[str, float] = {
    "size": 30.0,
    "quarter": 25.0,
    "use": 15.0,
    "footfall": 15.0,
    "duration": 15.0,
}
matching_tolerance: float = 0.1
matching_footfall_radius_m: float = 150.0
matching_duration_cap_months: int = 24
