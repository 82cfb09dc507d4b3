"""Matching space requests (*Ansiedlungsgesuche*) to vacant units (*Vermittlung*).

A Citymanagement keeps requests from retailers, restaurateurs, craft firms and
start-ups – use, size range, floor, preferred quarters, budget – and a vacancy
register. :func:`match` proposes for every request the vacant units that fit,
and says why; :func:`for_unit` is the reverse view (the requests a vacant unit
fits), computed by the same code path with the same scores.

The rule has two steps, both documented here and nowhere else.

Hard filters
------------
A unit is proposed for a request only when all of these hold:

1. **vacant at** ``at``: the unit's state at the reference date by the
   inventory rule of :mod:`geoinnenstadt.vacancy` (its latest survey on or
   before ``at``; a unit missing from a later survey round has left). ``at``
   is read by :mod:`geoinnenstadt.dates`; ``None`` is the latest survey date.
2. **floor area** within ``[min · (1 − tolerance), max · (1 + tolerance)]`` of
   the request's ``min_floor_area_m2`` … ``max_floor_area_m2``; ``tolerance``
   (keyword, default ``gi.settings.matching_tolerance`` = 0.1) lets a unit of
   140 m² pass for a request of 150–250 m². A unit without a floor area never
   passes (its size is unknown).
3. **ground floor** when ``ground_floor_required``: the unit's
   ``ground_floor`` is true (unknown or missing fails).
4. **step-free** when ``step_free_required``: the unit's ``step_free`` is true.
   A unit whose ``step_free`` is unknown (missing value or no column) fails a
   required filter: a wheelchair user's request is never sent to a shop with
   an unknown step at the door.
5. **rent**: the unit's ``asking_rent_eur_m2`` ≤ the request's
   ``max_rent_eur_m2`` when **both** are known. An unknown asking rent passes,
   with "Miete k. A. (nicht geprüft …)" in the reasons.

A missing ``ground_floor_required`` or ``step_free_required`` means "not
required". Only requests whose ``status`` is ``"open"`` are matched unless
``status=`` says otherwise (``attrs["requests_skipped"]`` counts the others).

Score
-----
Every unit that passes gets points from five components; each component
gives ``weight × fraction`` points with a fraction in [0, 1], and the weights
sum to 100, so the score lies in 0–100. Default weights
(``gi.settings.matching_weights``; ``weights=`` overrides single keys):

* ``size`` (30) – **size fit**: 1 at the centre ``c = (min + max) / 2`` of the
  requested range, falling linearly to 0 at the tolerance bounds
  ``lo = min · (1 − tolerance)`` and ``hi = max · (1 + tolerance)``:
  ``(area − lo) / (c − lo)`` below the centre, ``(hi − area) / (hi − c)``
  above it (1 when the range is a single value).
* ``quarter`` (25) – **quarter preference**: 1 when the unit's quarter
  (:func:`geoinnenstadt.zones.assign`, its boundary rule) is one of the
  request's ``preferred_quarters`` – given by id or by name, compared after
  :func:`geoinnenstadt.folding.fold` (``"Brueckviertel"`` is
  ``"Brückviertel"``) – or when the request names none (anywhere); else 0. A
  preferred quarter that is no quarter of ``quarters`` is named in a
  :class:`MatchingWarning`.
* ``use`` (15) – **use fit with the quarter's use mix**
  (:func:`geoinnenstadt.uses.mix` at ``at``; the request's ``use`` read by
  :func:`geoinnenstadt.uses.categorise`, an unknown value warned about there
  and counted as ``other``): 1 when the request's top-level category is
  **under-represented** in the unit's quarter – its share of the quarter's
  occupied units lies below its share in the whole city (the total row),
  or the quarter has no occupied unit – so the new use complements the
  quarter's mix; 0.5 when the category is already present at or above the city
  share; 0 for a unit outside every quarter.
* ``footfall`` (15) – **neighbouring footfall**, only when ``footfall=`` is
  given: the mean pedestrians per complete day of the nearest counter within
  ``gi.settings.matching_footfall_radius_m`` (150 m, working CRS) as a
  fraction of the highest counter's mean (:func:`geoinnenstadt.footfall.summary`
  is the one home of a counter's figure); 0 without a counter in the radius.
* ``duration`` (15) – **vacancy duration**: completed months vacant
  (``vacancy_months`` of :func:`geoinnenstadt.vacancy.durations`) over
  ``gi.settings.matching_duration_cap_months`` (24), capped at 1. Long-empty
  units are the Citymanagement's priority.

A component that cannot be computed for anyone – ``quarter`` and ``use``
without ``quarters=`` (``use`` also when the units have no ``use`` column),
``footfall`` without ``footfall=`` – gets weight 0, and the other weights are
scaled to sum to 100 again; ``attrs["weights"]`` holds the weights applied.
The score is the sum of the points, rounded to one decimal. **Ties** (equal
rounded scores) go to the unit vacant longer (``vacancy_days``), then to the
lower ``unit_id``.

Privacy
-------
Requests are business-confidential and their ``contact_*`` columns personal
data (DOMAIN.md): they are dropped on entry, and the result is built from an
allow-list (ids, scores, points, reasons), so no column of the requests or the
units (``owner_*``) can reach it.

Exposé
------
:func:`expose` writes the one-page exposé of a vacant unit for a prospective tenant:
the unit, its quarter's figures (:func:`geoinnenstadt.profiles.quarter_profiles`), the
nearest counter within the footfall radius (:func:`geoinnenstadt.footfall.summary`), a
locator map and the requests :func:`for_unit` finds, with the same scores. The page is
drawn by :mod:`geoinnenstadt.briefing.expose`; contacts appear only with ``personal=True``.

Examples
--------
>>> import pandas as pd
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> requests = pd.DataFrame({
...     "request_id": ["G-01", "G-02"], "use": ["gastronomy", "retail_short.food"],
...     "min_floor_area_m2": [150, 2000], "max_floor_area_m2": [300, 4000],
...     "ground_floor_required": [True, True], "preferred_quarters": ["Brückviertel", ""],
...     "status": ["open", "open"]})
>>> result = gi.matching.match(requests, city.units, quarters=city.quarters, at="30.06.2025")
>>> result.groupby("request_id").size().to_dict()
{'G-01': 5, 'G-02': 1}
>>> print(result["reasons"].iloc[-1])
keine Einheit ≥ 2.000 m² im EG; am häufigsten ausgeschlossen durch Fläche (83 von 83 leer stehenden Einheiten)

The sample cities carry synthetic requests (``city.requests``); only open ones are
matched by default:

>>> sample = gi.matching.match(city.requests, city.units, quarters=city.quarters,
...                            footfall=city.footfall)
>>> sample["request_id"].nunique() == (city.requests["status"] == "open").sum()
True
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs, dates, settings
from . import labels as _labels
from .errors import GeoinnenstadtWarning, SchemaError, name_some
from .folding import fold
from .schema.conform import CONVERTERS, DTYPE_HINTS, preference_list, require_distinct_ids
from .schema.specs import LAYERS, REQUEST_STATUS, did_you_mean

__all__ = [
    "COMPONENTS",
    "REQUIRED_COLUMNS",
    "STATUSES",
    "MatchingWarning",
    "expose",  # noqa: F822 (module __getattr__: its home is geoinnenstadt.briefing.expose)
    "expose_facts",
    "for_unit",
    "match",
]

#: The score components, in the order of the result's ``points_*`` columns.
COMPONENTS: tuple[str, ...] = ("size", "quarter", "use", "footfall", "duration")
#: Columns a requests table must have for matching.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "request_id",
    "use",
    "min_floor_area_m2",
    "max_floor_area_m2",
    "ground_floor_required",
    "status",
)
#: The statuses of a request (the schema's ``requests.status`` values).
STATUSES: tuple[str, ...] = REQUEST_STATUS
#: Personal columns of a request (the schema's), dropped on entry (the result is an
#: allow-list anyway).
_PERSONAL = LAYERS["requests"].personal_columns
#: Candidate pairs scored at once: arrays of 2 MB stay in the processor's cache (the
#: chunk size changes the speed, never the result).
_PAIRS_PER_CHUNK = 250_000
_FILTERS = ("area", "ground_floor", "step_free", "rent")


class MatchingWarning(GeoinnenstadtWarning):
    """A request names a preferred quarter that is no quarter of ``quarters``."""


# --------------------------------------------------------------------------- inputs


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The defaults of ``gi.settings.matching_weights`` with ``weights`` applied and checked."""
    out = {k: float(settings.matching_weights.get(k, 0.0)) for k in COMPONENTS}
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise TypeError(
            f"weights must be a dict such as {{'size': 40}}, got {type(weights).__name__}"
        )
    unknown = [str(k) for k in weights if k not in COMPONENTS]
    if unknown:
        raise ValueError(
            f"unknown weight(s) {', '.join(map(repr, unknown))}; the components are "
            f"{', '.join(COMPONENTS)}"
        )
    for k, v in weights.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise ValueError(f"weight {k!r} must be a number >= 0, got {v!r}")
        out[k] = float(v)
    return out


def _tolerance(value: float | None) -> float:
    t = settings.matching_tolerance if value is None else value
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0 <= t < 1:
        raise ValueError(f"tolerance must be a fraction in [0, 1), e.g. 0.1, got {value!r}")
    return float(t)


def _read(frame: pd.DataFrame, column: str, ids: pd.Series, kind: str) -> pd.Series:
    """A requests column read by the schema's converter (``"bool"``, ``"float"``).

    A value that is present but cannot be read is a SchemaError naming the requests.
    """
    raw = frame[column]
    values = CONVERTERS[kind](raw)
    bad = values.isna().to_numpy() & raw.notna().to_numpy()
    if bad.any():
        what = "a flag" if kind == "bool" else "a number"
        raise SchemaError(
            f"requests column {column!r} is not {what} for request(s) {name_some(ids[bad])} "
            f"({DTYPE_HINTS[kind]})"
        )
    return values


def _flags(frame: pd.DataFrame, column: str, ids: pd.Series) -> np.ndarray:
    """A flag column as bool; a missing value or column means False (not required)."""
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return _read(frame, column, ids, "bool").fillna(False).to_numpy(dtype=bool)


def _numbers(frame: pd.DataFrame, column: str, ids: pd.Series) -> np.ndarray:
    return _read(frame, column, ids, "float").to_numpy(dtype=float)


def _key(text: Any) -> str:
    return " ".join(fold(text).split())


def _prepare_requests(requests: pd.DataFrame, status: str | Iterable[str] | None) -> pd.DataFrame:
    """Check the requests; the selected ones with the columns matching needs (no personal data)."""
    if not isinstance(requests, pd.DataFrame):
        raise TypeError(f"requests must be a DataFrame, got {type(requests).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in requests.columns]
    if missing:
        raise SchemaError(
            f"requests lack the required column(s) {', '.join(missing)}; columns present: "
            f"{', '.join(map(str, requests.columns))}. Map your source columns with "
            "gi.read_layer(..., kind='requests', columns={...})"
        )
    frame = (
        pd.DataFrame(requests.drop(columns=requests.geometry.name))
        if isinstance(requests, gpd.GeoDataFrame)
        else pd.DataFrame(requests)
    )
    frame = frame.drop(columns=[c for c in _PERSONAL if c in frame.columns])
    if frame["request_id"].isna().any():
        raise SchemaError(f"{int(frame['request_id'].isna().sum())} request(s) without request_id")
    require_distinct_ids(frame["request_id"], column="request_id", layer="requests")
    ids = frame["request_id"].astype(str).str.strip().reset_index(drop=True)
    frame = frame.reset_index(drop=True)
    twice = ids.duplicated(keep=False).to_numpy()
    if twice.any():
        raise SchemaError(
            f"request_id must be unique; found more than once: {name_some(ids[twice].unique())}. "
            "Give every request its own id"
        )
    state = (
        frame["status"]
        .astype(object)
        .map(lambda v: None if _labels.is_na(v) else str(v).strip().lower())
    )
    bad = ~state.isin(STATUSES).to_numpy()
    if bad.any():
        found = sorted({str(v) for v in frame["status"][bad]})
        raise SchemaError(
            f"requests column 'status' must be one of {', '.join(STATUSES)}, found "
            f"{', '.join(map(repr, found))} for request(s) {name_some(ids[bad])}"
        )
    wanted = _statuses(status)
    keep = state.isin(wanted).to_numpy() if wanted is not None else np.ones(len(frame), bool)
    low = _numbers(frame, "min_floor_area_m2", ids)
    high = _numbers(frame, "max_floor_area_m2", ids)
    no_area = ~(low > 0) | ~(high > 0)
    if no_area.any():
        raise SchemaError(
            "min_floor_area_m2 and max_floor_area_m2 must be floor areas > 0; missing or not > 0 "
            f"for request(s) {name_some(ids[no_area])}"
        )
    swapped = low > high
    if swapped.any():
        raise SchemaError(
            f"min_floor_area_m2 > max_floor_area_m2 for request(s) {name_some(ids[swapped])}; "
            "swap the two values"
        )
    rent = (
        _numbers(frame, "max_rent_eur_m2", ids)
        if "max_rent_eur_m2" in frame.columns
        else np.full(len(frame), np.nan)
    )
    no_use = frame["use"].isna().to_numpy()
    if no_use.any():
        raise SchemaError(
            f"request(s) {name_some(ids[no_use])} have no use; enter a category of gi.uses "
            "(e.g. 'gastronomy' or 'retail_medium.clothing')"
        )
    from .uses import categorise

    category = categorise(frame["use"])
    # lists in an object column: a string column's map would make a pyarrow list column
    given = frame["preferred_quarters"].astype(object) if "preferred_quarters" in frame else None
    prefs = pd.Series(
        [preference_list(v) for v in given]
        if given is not None
        else [[] for _ in range(len(frame))],
        dtype=object,
    )
    out = pd.DataFrame(
        {
            "request_id": ids,
            "category": category.to_numpy(dtype=object),
            "min": low,
            "max": high,
            "ground_floor": _flags(frame, "ground_floor_required", ids),
            "step_free": _flags(frame, "step_free_required", ids),
            "max_rent": rent,
            "preferred": prefs.to_numpy(dtype=object),
        }
    )
    out = out[keep].reset_index(drop=True)
    out.attrs["skipped"] = int((~keep).sum())
    return out


def _statuses(status: str | Iterable[str] | None) -> list[str] | None:
    if status is None:
        return None
    values = [status] if isinstance(status, str) else list(status)
    unknown = [v for v in values if v not in STATUSES]
    if unknown or not values:
        raise ValueError(
            f"status must be one or more of {', '.join(STATUSES)} (or None for all), got {status!r}"
        )
    return values


def _unit_flag(frame: pd.DataFrame, column: str) -> np.ndarray:
    """1 true, 0 false, -1 unknown (missing value or no column)."""
    if column not in frame.columns:
        return np.full(len(frame), -1, dtype=np.int8)
    flags = CONVERTERS["bool"](frame[column])
    return np.where(flags.isna(), -1, flags.fillna(False).astype(bool)).astype(np.int8)


class _Units:
    """The vacant units at ``at`` as arrays, with everything the score reads per unit."""

    def __init__(
        self,
        units: gpd.GeoDataFrame,
        quarters: gpd.GeoDataFrame | None,
        at: Any,
        footfall: Any,
    ) -> None:
        from .vacancy import durations
        from .vacancy.inventory import assign_quarters, prepare_quarters

        if not isinstance(units, gpd.GeoDataFrame):
            raise TypeError(
                f"units must be a GeoDataFrame (the units panel), got {type(units).__name__}"
            )
        ts, _ = dates.reference_date(at)
        panel = units.reset_index(drop=True)
        d = durations(panel, at=ts)
        self.at: pd.Timestamp = d.attrs["at"]
        self.all_ids = panel["unit_id"].astype(str).unique() if "unit_id" in panel.columns else []
        vac = panel.loc[d.index]
        self.frame = vac
        self.ids = vac["unit_id"].astype(str).to_numpy(dtype=object)
        self.area = pd.to_numeric(vac["floor_area_m2"], errors="coerce").to_numpy(dtype=float)
        self.ground_floor = _unit_flag(vac, "ground_floor")
        self.step_free = _unit_flag(vac, "step_free")
        self.rent = (
            CONVERTERS["float"](vac["asking_rent_eur_m2"]).to_numpy(dtype=float)
            if "asking_rent_eur_m2" in vac.columns
            else np.full(len(vac), np.nan)
        )
        self.days = d["vacancy_days"].to_numpy(dtype=np.int64)
        self.months = d["vacancy_months"].to_numpy(dtype=np.int64)
        cap = settings.matching_duration_cap_months
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise ValueError(
                f"gi.settings.matching_duration_cap_months must be a whole number >= 1, got {cap!r}"
            )
        self.f_duration = np.minimum(self.months / cap, 1.0)
        self.id_rank = np.empty(len(vac), dtype=np.int64)
        self.id_rank[np.argsort(self.ids, kind="stable")] = np.arange(len(vac))
        # quarters and the use mix
        self.quarter_ids: list[str] = []
        self.quarter_names: list[str] = []
        self.q = np.full(len(vac), -1, dtype=np.int64)
        self.mix: pd.DataFrame | None = None
        if quarters is not None:
            crs.require_same(units, quarters, names=["units", "quarters"])
            col, info = prepare_quarters(quarters, None)
            self.quarter_ids = [str(v) for v in info.index]
            self.quarter_names = [str(v) for v in info["name"]]
            assigned = assign_quarters(vac, quarters, col)
            text = assigned.astype(object).where(assigned.notna(), None)
            self.q = (
                pd.Index(self.quarter_ids)
                .get_indexer([None if v is None else str(v) for v in text])
                .astype(np.int64)
            )  # -1 outside every quarter
            if "use" in units.columns:
                from .uses import mix

                self.mix = mix(units, quarters, at=self.at)
                self.mix.index = self.mix.index.astype(str)
        # footfall
        self.f_footfall = np.zeros(len(vac))
        self.counter = np.full(len(vac), -1, dtype=np.int64)
        self.counter_distance = np.full(len(vac), np.nan)
        self.counter_names: list[str] = []
        self.counter_means = np.zeros(0)
        self.has_footfall = footfall is not None
        if footfall is not None:
            self._footfall(footfall)

    def _footfall(self, ff: Any) -> None:
        from .footfall import Footfall, summary

        if not isinstance(ff, Footfall):
            raise TypeError(f"footfall must be a gi.footfall.Footfall, got {type(ff).__name__}")
        counters = ff.counters
        crs.require_metric(self.frame, counters, names=["units", "footfall counters"])
        fig = summary(ff)
        means = fig["mean"].astype("float64").to_numpy(dtype=float, na_value=np.nan)
        geoms = np.asarray(counters.geometry.values, dtype=object)
        usable = ~np.isnan(means) & ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        name_col = counters["name"] if "name" in counters.columns else counters["counter_id"]
        self.counter_names = [str(v) for v in name_col]
        self.counter_means = means
        top = float(np.nanmax(means[usable])) if usable.any() else 0.0
        pts = np.asarray(self.frame.geometry.values, dtype=object)
        has_pt = ~shapely.is_missing(pts) & ~shapely.is_empty(pts)
        if not usable.any() or top <= 0 or not has_pt.any():
            return
        where = np.flatnonzero(usable)
        tree = shapely.STRtree(geoms[where])
        radius = float(settings.matching_footfall_radius_m)
        (unit_pos, tree_pos), dist = tree.query_nearest(
            pts[has_pt], max_distance=radius, return_distance=True, all_matches=False
        )
        rows = np.flatnonzero(has_pt)[unit_pos]
        self.counter[rows] = where[tree_pos]
        self.counter_distance[rows] = dist
        self.f_footfall[rows] = means[where[tree_pos]] / top

    def take(self, mask: np.ndarray) -> None:
        """Keep only the units of ``mask`` (the reverse view of one unit)."""
        for name in (
            "ids", "area", "ground_floor", "step_free", "rent", "days", "months", "f_duration",
            "id_rank", "q", "f_footfall", "counter", "counter_distance",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name)[mask])
        self.frame = self.frame[mask]


# --------------------------------------------------------------------------- the rule


class _Matcher:
    """The hard filters and the score of every (request, unit) pair, chunk by chunk."""

    def __init__(
        self,
        req: pd.DataFrame,
        units: _Units,
        weights: dict[str, float],
        tolerance: float,
    ) -> None:
        self.req, self.u, self.t = req, units, tolerance
        available = {
            "size": True,
            "quarter": bool(units.quarter_ids),
            "use": units.mix is not None,
            "footfall": units.has_footfall,
            "duration": True,
        }
        raw = {k: (w if available[k] else 0.0) for k, w in weights.items()}
        total = sum(raw.values())
        if total <= 0:
            raise ValueError(
                f"the weights of the components that can be computed sum to 0 ({raw}); give at "
                "least one of them a positive weight"
            )
        self.weights = {k: 100.0 * w / total for k, w in raw.items()}
        self.available = available
        n_q = len(units.quarter_ids)
        # preferred quarters: requests × quarters
        self.anywhere = np.array([not p for p in req["preferred"]], dtype=bool)
        self.pref = np.zeros((len(req), max(n_q, 1)), dtype=bool)
        if n_q:
            lookup: dict[str, int] = {}
            for i, (qid, name) in enumerate(
                zip(units.quarter_ids, units.quarter_names, strict=True)
            ):
                lookup.setdefault(_key(qid), i)
                lookup.setdefault(_key(name), i)
            unknown: list[str] = []
            for r, tokens in enumerate(req["preferred"]):
                for token in tokens:
                    hit = lookup.get(_key(token))
                    if hit is None:
                        hint = did_you_mean(token, [*units.quarter_names, *units.quarter_ids])
                        unknown.append(f"{req['request_id'].iloc[r]}: {token!r}{hint}")
                    else:
                        self.pref[r, hit] = True
            if unknown:
                warnings.warn(
                    f"{len(unknown)} preferred quarter(s) of the requests are no quarter of "
                    f"quarters ({name_some(unknown)}); they count as not preferred. Write a "
                    "quarter's id or name",
                    MatchingWarning,
                    stacklevel=4,
                )
        # use fit: requests × quarters
        self.use_fit = np.zeros((len(req), max(n_q, 1)))
        self.share = np.full((len(req), max(n_q, 1)), np.nan)
        self.city_share = np.full(len(req), np.nan)
        if units.mix is not None:
            mix = units.mix
            category = req["category"].to_numpy(dtype=object)
            for cat in pd.unique(category):  # one lookup per category, not per request
                rows = category == cat
                column = f"share_{cat}"
                city_row = mix.loc[mix.index == "total", column].to_numpy(dtype=float)
                city = city_row[0] if len(city_row) else np.nan
                shares = mix[column].reindex(units.quarter_ids).to_numpy(dtype=float)
                under = np.isnan(shares) | (shares < city)
                self.city_share[rows] = city
                self.share[np.ix_(rows, np.arange(n_q))] = shares
                self.use_fit[np.ix_(rows, np.arange(n_q))] = np.where(under, 1.0, 0.5)
        # The hard filters, without a loop over pairs: the units that have the flags a
        # request requires (ground floor, step-free; 4 combinations) are sorted by floor
        # area, so the units in a request's area range are one run of positions
        # (np.searchsorted); only the rent is checked pair by pair (:meth:`pairs`).
        self.req_gf = req["ground_floor"].to_numpy(dtype=bool)
        self.req_sf = req["step_free"].to_numpy(dtype=bool)
        self.max_rent = req["max_rent"].to_numpy(dtype=float)
        self.lo = req["min"].to_numpy(dtype=float) * (1 - tolerance)
        self.hi = req["max"].to_numpy(dtype=float) * (1 + tolerance)
        self.centre = (req["min"].to_numpy(dtype=float) + req["max"].to_numpy(dtype=float)) / 2
        self.width_below = self.centre - self.lo
        self.width_above = self.hi - self.centre
        area = np.where(np.isnan(units.area), np.inf, units.area)  # no area: never in range
        orders, sorted_areas, offsets = [], [], []
        offset = 0
        for gf, sf in ((False, False), (True, False), (False, True), (True, True)):
            ok = np.ones(len(area), dtype=bool)
            if gf:
                ok &= units.ground_floor == 1
            if sf:
                ok &= units.step_free == 1
            members = np.flatnonzero(ok)
            members = members[np.argsort(area[members], kind="stable")]
            orders.append(members)
            sorted_areas.append(area[members])
            offsets.append(offset)
            offset += len(members)
        self.order = np.concatenate(orders)
        combo = self.req_gf.astype(np.int64) + 2 * self.req_sf.astype(np.int64)
        self.start = np.zeros(len(req), dtype=np.int64)
        self.count = np.zeros(len(req), dtype=np.int64)
        for c in range(4):
            sel = combo == c
            first = np.searchsorted(sorted_areas[c], self.lo[sel], side="left")
            last = np.searchsorted(sorted_areas[c], self.hi[sel], side="right")
            self.start[sel] = offsets[c] + first
            self.count[sel] = np.maximum(last - first, 0)
        n_q = max(len(units.quarter_ids), 1)
        self.n_q = n_q
        self.pref_flat = self.pref.reshape(-1)
        self.use_flat = self.use_fit.reshape(-1)

    def chunks(self) -> Iterable[np.ndarray]:
        """Runs of request positions with at most about ``_PAIRS_PER_CHUNK`` candidate pairs."""
        group = np.cumsum(self.count) // _PAIRS_PER_CHUNK
        for g in np.unique(group):
            yield np.flatnonzero(group == g)

    def pairs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (request, unit) positions of ``rows`` that pass every hard filter."""
        counts = self.count[rows]
        r = np.repeat(rows, counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        pos = np.arange(len(r)) - first + np.repeat(self.start[rows], counts)
        u = self.order[pos]
        # floor area, ground floor and step-free hold by construction; the rent when both known
        max_rent, rent = self.max_rent[r], self.u.rent[u]
        keep = ~(rent > max_rent)  # False only when both are known and the rent is higher
        return r[keep], u[keep]

    def fractions(self, r: np.ndarray, u: np.ndarray) -> dict[str, np.ndarray]:
        units, w = self.u, self.weights
        zeros = np.zeros(len(r))
        # size fit: (area − lo) / (c − lo) below the centre, (hi − area) / (hi − c) above;
        # 1 where that width is 0 (a range of one value)
        area = units.area[u]
        below = area <= self.centre[r]
        num = np.where(below, area - self.lo[r], self.hi[r] - area)
        den = np.where(below, self.width_below[r], self.width_above[r])
        with np.errstate(divide="ignore", invalid="ignore"):
            size = np.where(den > 0, num / den, 1.0)
        np.clip(size, 0.0, 1.0, out=size)
        quarter, use = zeros, zeros
        if w["quarter"] or w["use"]:
            q = units.q[u]
            inside = q >= 0
            flat = r * self.n_q + np.where(inside, q, 0)
            if w["quarter"]:
                quarter = np.where(self.anywhere[r] | (inside & self.pref_flat[flat]), 1.0, 0.0)
            if w["use"]:
                use = np.where(inside, self.use_flat[flat], 0.0)
        return {
            "size": size,
            "quarter": quarter,
            "use": use,
            "footfall": units.f_footfall[u] if w["footfall"] else zeros,
            "duration": units.f_duration[u] if w["duration"] else zeros,
        }

    def points(self, r: np.ndarray, u: np.ndarray) -> dict[str, np.ndarray]:
        """Each component's points (``weight × fraction``) of the pairs."""
        return {k: self.weights[k] * f for k, f in self.fractions(r, u).items()}

    def score(self, r: np.ndarray, u: np.ndarray) -> np.ndarray:
        """The score of the pairs: the points summed in the order of COMPONENTS, one decimal."""
        total = np.zeros(len(r))
        for k, f in self.fractions(r, u).items():
            if self.weights[k]:  # a component of weight 0 adds 0 points
                total += self.weights[k] * f
        return np.round(total, 1)

    def exclusions(self, r: int) -> tuple[dict[str, int], int, int]:
        """Per filter, how many vacant units it excludes for request ``r``; too small, too large."""
        req, units = self.req, self.u
        area = units.area
        small = int(np.sum(area < self.lo[r]))
        large = int(np.sum(area > self.hi[r]))
        counts = {"area": int(np.sum(~((area >= self.lo[r]) & (area <= self.hi[r]))))}
        counts["ground_floor"] = (
            int(np.sum(units.ground_floor != 1)) if req["ground_floor"].iloc[r] else 0
        )
        counts["step_free"] = int(np.sum(units.step_free != 1)) if req["step_free"].iloc[r] else 0
        max_rent = float(req["max_rent"].iloc[r])
        counts["rent"] = (
            int(np.sum(np.isfinite(units.rent) & (units.rent > max_rent)))
            if math.isfinite(max_rent)
            else 0
        )
        return counts, small, large


def _rank(
    r: np.ndarray, score: np.ndarray, days: np.ndarray, tie: np.ndarray, top: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Order within each run of equal ``r`` by score, longer vacancy, then ``tie``.

    ``r`` comes in runs (the pairs of one request together). Returns the positions of
    the first ``top`` pairs of each run in that order, and their ranks (1, 2, …). The
    three criteria are packed into one 64-bit key (score in tenths, days, tie; distinct
    within a run since ``tie`` is): with ``top``, the ``top`` smallest keys of every run
    are picked by ``top`` passes of ``np.minimum.reduceat``; without, one sort.
    """
    if len(r) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    tenths = np.rint(score * 10).astype(np.int64)  # 0 … 1000
    n_days, n_tie = int(days.max()) + 1, int(tie.max()) + 1
    r0 = r.astype(np.int64) - int(r.min())
    bits = math.log2(1001 * (n_days + 1) * (n_tie + 1) * (int(r0.max()) + 2))
    if bits > 62:
        order = np.lexsort((tie, -days, -tenths, r))  # pragma: no cover - > 10^18 combinations
        return _ranks_of(order, r, top)
    key = (1000 - tenths) * n_days + (n_days - 1 - days.astype(np.int64))
    key = key * n_tie + tie.astype(np.int64)
    new = np.ones(len(r), dtype=bool)
    new[1:] = r[1:] != r[:-1]
    starts = np.flatnonzero(new)
    if top is None or top * 4 > len(r) / len(starts):  # few pairs a run: one sort is cheaper
        order = np.argsort(r0 * (int(key.max()) + 1) + key)
        return _ranks_of(order, r, top)
    run = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(r))))
    work = key.copy()
    done = np.iinfo(np.int64).max
    picked, ranks = [], []
    for k in range(top):
        best = np.minimum.reduceat(work, starts)[run]
        hit = (work == best) & (best != done)
        where = np.flatnonzero(hit)
        picked.append(where)
        ranks.append(np.full(len(where), k + 1))
        work[where] = done
    pos = np.concatenate(picked)
    rank = np.concatenate(ranks)
    order = np.lexsort((rank, r[pos]))
    return pos[order], rank[order]


def _ranks_of(order: np.ndarray, r: np.ndarray, top: int | None) -> tuple[np.ndarray, np.ndarray]:
    rs = r[order]
    new = np.ones(len(rs), dtype=bool)
    new[1:] = rs[1:] != rs[:-1]
    starts = np.flatnonzero(new)
    rank = np.arange(len(rs)) - np.repeat(starts, np.diff(np.append(starts, len(rs)))) + 1
    keep = rank <= top if top is not None else np.ones(len(rs), dtype=bool)
    return order[keep], rank[keep]


# --------------------------------------------------------------------------- texts


class _Texts:
    """The reasons of the result rows, in one language.

    Numbers are formatted once per value and the per-request and per-unit parts once
    per request and unit; a row joins its parts.
    """

    def __init__(self, m: _Matcher, lang: str) -> None:
        self.m, self.lang = m, lang
        self._cache: dict[tuple[Any, ...], str] = {}
        req = m.req
        self.low = req["min"].to_numpy(dtype=float)
        self.high = req["max"].to_numpy(dtype=float)
        self.gf = req["ground_floor"].to_numpy(dtype=bool)
        self.sf = req["step_free"].to_numpy(dtype=bool)
        self.max_rent = req["max_rent"].to_numpy(dtype=float)
        self.category = req["category"].tolist()
        self.preferred = req["preferred"].tolist()
        self._unit_parts: dict[int, tuple[str, str]] = {}
        self._templates: dict[str, str] = {}

    def num(self, x: float, unit: str | None, decimals: int = 0) -> str:
        key = ("n", x, unit, decimals)
        if key not in self._cache:
            self._cache[key] = _labels.format_number(x, unit, decimals=decimals, lang=self.lang)
        return self._cache[key]

    def pct(self, x: float) -> str:
        key = ("p", None if x != x else x)  # NaN is one key
        if key not in self._cache:
            self._cache[key] = _labels.format_percent(x, lang=self.lang)
        return self._cache[key]

    def t(self, key: str, **fmt: Any) -> str:
        """The template ``key`` of :mod:`geoinnenstadt.labels` in the language, filled."""
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = _labels.text(key, self.lang)
        return template.format(**fmt) if fmt else template

    def use_label(self, category: str) -> str:
        key = ("u", category)
        if key not in self._cache:
            self._cache[key] = _labels.value_label("use_category", category, self.lang)
        return self._cache[key]

    def _unit(self, u: int) -> tuple[str, str]:
        """The parts of unit ``u`` that no request changes: footfall and duration."""
        if u in self._unit_parts:
            return self._unit_parts[u]
        m, units = self.m, self.m.u
        footfall = ""
        if m.available["footfall"]:
            c = int(units.counter[u])
            if c < 0:
                radius = self.num(settings.matching_footfall_radius_m, "m")
                footfall = self.t("match.footfall_none", radius=radius)
            else:
                footfall = self.t(
                    "match.footfall",
                    pedestrians=self.num(units.counter_means[c], None),
                    counter=units.counter_names[c],
                    distance=self.num(units.counter_distance[u], "m"),
                )
        months = int(units.months[u])
        duration = (
            self.t("match.duration_one")
            if months == 1
            else self.t("match.duration", months=_labels.format_int(months, lang=self.lang))
        )
        self._unit_parts[u] = (footfall, duration)
        return footfall, duration

    def reasons(self, r: int, u: int) -> str:
        m, units = self.m, self.m.u
        parts = []
        area, low, high = units.area[u], self.low[r], self.high[r]
        fmt = {
            "area": self.num(area, "m²"),
            "low": self.num(low, None),
            "high": self.num(high, "m²"),
        }
        if low <= area <= high:
            parts.append(self.t("match.size", **fmt))
        else:
            tol = _labels.format_percent(m.t, decimals=0, lang=self.lang)
            parts.append(self.t("match.size_tolerance", tolerance=tol, **fmt))
        if self.gf[r]:
            parts.append(self.t("match.ground_floor"))
        if self.sf[r]:
            parts.append(self.t("match.step_free"))
        max_rent = self.max_rent[r]
        if math.isfinite(max_rent):
            rent = units.rent[u]
            wanted = self.num(max_rent, "€/m²", 2)
            if math.isfinite(rent):
                parts.append(self.t("match.rent", rent=self.num(rent, "€/m²", 2), max_rent=wanted))
            else:
                parts.append(self.t("match.rent_unknown", max_rent=wanted))
        q = int(units.q[u])
        if m.available["quarter"]:
            if q < 0:
                parts.append(self.t("match.quarter_outside"))
            else:
                name = units.quarter_names[q]
                if m.anywhere[r]:
                    parts.append(self.t("match.quarter_anywhere", quarter=name))
                elif m.pref[r, q]:
                    parts.append(self.t("match.quarter_preferred", quarter=name))
                else:
                    wished = ", ".join(
                        units.quarter_names[i] for i in np.flatnonzero(m.pref[r])
                    ) or ", ".join(self.preferred[r])
                    parts.append(self.t("match.quarter_other", quarter=name, preferred=wished))
        if m.available["use"]:
            if q < 0:
                parts.append(self.t("match.use_outside"))
            else:
                key = "match.use_under" if m.use_fit[r, q] == 1.0 else "match.use_present"
                parts.append(
                    self.t(
                        key,
                        use=self.use_label(self.category[r]),
                        share=self.pct(m.share[r, q]),
                        city_share=self.pct(m.city_share[r]),
                    )
                )
        footfall, duration = self._unit(u)
        if footfall:
            parts.append(footfall)
        parts.append(duration)
        return "; ".join(parts)

    def no_match(self, r: int) -> str:
        m = self.m
        if len(m.u.ids) == 0:
            return self.t("match.none_vacant", date=_labels.format_date(m.u.at, lang=self.lang))
        counts, small, large = m.exclusions(r)
        low, high = self.low[r], self.high[r]
        if small and not large:
            conditions = [self.t("match.cond_min", low=self.num(low, "m²"))]
        elif large and not small:
            conditions = [self.t("match.cond_max", high=self.num(high, "m²"))]
        else:
            conditions = [
                self.t("match.cond_range", low=self.num(low, None), high=self.num(high, "m²"))
            ]
        if self.gf[r]:
            conditions.append(self.t("match.cond_ground_floor"))
        if self.sf[r]:
            conditions.append(self.t("match.cond_step_free"))
        max_rent = self.max_rent[r]
        if math.isfinite(max_rent):
            conditions.append(self.t("match.cond_rent", max_rent=self.num(max_rent, "€/m²", 2)))
        sentence = self.t("match.none", conditions=" ".join(conditions))
        worst = max(_FILTERS, key=lambda k: counts[k])  # ties: the order of _FILTERS
        return self.t(
            "match.none_most",
            sentence=sentence,
            filter=self.t(f"match.filter.{worst}"),
            n=_labels.format_int(counts[worst], lang=self.lang),
            total=_labels.format_int(len(m.u.ids), lang=self.lang),
        )


# --------------------------------------------------------------------------- public


def _result(
    m: _Matcher,
    r: np.ndarray,
    u: np.ndarray,
    points: dict[str, np.ndarray],
    score: np.ndarray,
    rank: np.ndarray,
    texts: _Texts,
    no_match: np.ndarray,
) -> pd.DataFrame:
    units, req = m.u, m.req
    quarter = np.array([units.quarter_ids[q] if q >= 0 else None for q in units.q[u]], dtype=object)
    found = pd.DataFrame(
        {
            "_r": r,
            "request_id": req["request_id"].to_numpy(dtype=object)[r],
            "unit_id": units.ids[u],
            "quarter_id": quarter,
            "score": score,
            "rank": rank,
            **{f"points_{k}": np.round(points[k], 1) for k in COMPONENTS},
            "reasons": [texts.reasons(int(a), int(b)) for a, b in zip(r, u, strict=True)],
        }
    )
    empty = pd.DataFrame(
        {
            "_r": no_match,
            "request_id": req["request_id"].to_numpy(dtype=object)[no_match],
            "unit_id": None,
            "quarter_id": None,
            "score": np.nan,
            "rank": pd.NA,
            **{f"points_{k}": np.nan for k in COMPONENTS},
            "reasons": [texts.no_match(int(a)) for a in no_match],
        }
    )
    frames = [f for f in (found, empty) if len(f)]
    out = pd.concat(frames, ignore_index=True) if frames else found
    out = out.sort_values(["_r", "rank"], kind="stable", na_position="last")
    out = out.drop(columns="_r").reset_index(drop=True)
    for column in ("request_id", "unit_id", "quarter_id", "reasons"):
        out[column] = out[column].astype("string")
    out["rank"] = out["rank"].astype("Int64")
    out["score"] = out["score"].astype(float)
    return out


def _setup(
    requests: pd.DataFrame,
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame | None,
    at: Any,
    footfall: Any,
    weights: Mapping[str, float] | None,
    tolerance: float | None,
    status: str | Iterable[str] | None,
) -> tuple[pd.DataFrame, _Units, dict[str, float], float]:
    w = _weights(weights)
    t = _tolerance(tolerance)
    req = _prepare_requests(requests, status)
    vac = _Units(units, quarters, at, footfall)
    return req, vac, w, t


def _attrs(out: pd.DataFrame, m: _Matcher, req: pd.DataFrame) -> None:
    out.attrs = {
        "at": m.u.at,
        "weights": dict(m.weights),
        "tolerance": m.t,
        "requests": len(req),
        "requests_skipped": req.attrs.get("skipped", 0),
        "vacant_units": len(m.u.ids),
        "units_outside": int(np.sum(m.u.q < 0)) if m.available["quarter"] else 0,
    }


def match(
    requests: pd.DataFrame,
    units: gpd.GeoDataFrame,
    *,
    quarters: gpd.GeoDataFrame | None = None,
    at: dates.DateLike = None,
    top: int | None = 5,
    weights: Mapping[str, float] | None = None,
    tolerance: float | None = None,
    footfall: Any = None,
    status: str | Iterable[str] | None = "open",
    lang: str | None = None,
) -> pd.DataFrame:
    """The best vacant units for every request, with a score and the reasons.

    The hard filters and the score are defined in :mod:`geoinnenstadt.matching`.

    Parameters
    ----------
    requests : DataFrame
        Requests (*Ansiedlungsgesuche*), with or without geometry:
        ``request_id``, ``use`` (a category of :mod:`geoinnenstadt.uses`, a
        code, label, OSM tag or WZ code), ``min_floor_area_m2``,
        ``max_floor_area_m2``, ``ground_floor_required``, ``status``;
        optionally ``preferred_quarters`` (ids or names, a list or separated
        by commas; empty = anywhere), ``max_rent_eur_m2`` and
        ``step_free_required``. Contact columns are never read.
    units : GeoDataFrame
        The units panel (one row per unit and survey), optionally with
        ``asking_rent_eur_m2``, ``step_free`` and ``ground_floor``.
    quarters : GeoDataFrame, optional
        Quarters (same CRS); without them the components ``quarter`` and
        ``use`` are left out.
    at : date-like, optional
        Reference date (*Stichtag*); default the latest survey date.
    top : int or None, default 5
        Units proposed per request; None proposes every unit that passes.
    weights : dict, optional
        Weights of the components (keys of :data:`COMPONENTS`), overriding
        ``gi.settings.matching_weights`` key by key.
    tolerance : float, optional
        Relative tolerance of the floor-area filter (default
        ``gi.settings.matching_tolerance``, 0.1).
    footfall : Footfall, optional
        Counters (:func:`geoinnenstadt.footfall.read`, ``City.footfall``) for
        the component ``footfall``.
    status : str, list of str or None, default "open"
        Statuses of the requests matched; None matches all.
    lang : {"de", "en"}, optional
        Language of ``reasons`` (default ``gi.settings.language``).

    Returns
    -------
    DataFrame
        One row per (request, proposed unit), requests in input order, then
        by ``rank`` (1 = best): ``request_id``, ``unit_id``, ``quarter_id``
        (NA outside every quarter or without ``quarters``), ``score`` (0–100),
        ``rank``, ``points_size``, ``points_quarter``, ``points_use``,
        ``points_footfall``, ``points_duration`` (rounded to one decimal) and
        ``reasons`` (each component and each filter passed, in ``lang``). A
        request without any unit gets one row with ``unit_id`` NA and, in
        ``reasons``, the filter that excluded most vacant units ("keine
        Einheit ≥ 400 m² im EG; …"). No personal column appears.
        ``attrs``: ``at``, ``weights`` (as applied, summing to 100),
        ``tolerance``, ``requests``, ``requests_skipped`` (other statuses),
        ``vacant_units``, ``units_outside``.

    Raises
    ------
    SchemaError
        A required column is missing (named), a request's
        ``min_floor_area_m2`` exceeds its ``max_floor_area_m2`` (the request
        ids named), a value cannot be read, or the units panel is unusable.
    ValueError
        Unknown ``weights`` keys (the valid ones named), a negative weight,
        a tolerance outside [0, 1), an unknown status.

    Warns
    -----
    UnknownUseWarning
        A request's ``use`` that :func:`geoinnenstadt.uses.categorise` cannot
        read (named; counted as ``other``).
    MatchingWarning
        A preferred quarter that is no quarter of ``quarters`` (named).

    Examples
    --------
    >>> import pandas as pd
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> requests = pd.DataFrame({"request_id": ["G-01"], "use": ["Gastronomie"],
    ...     "min_floor_area_m2": [150], "max_floor_area_m2": [300],
    ...     "ground_floor_required": [True], "preferred_quarters": ["Brückviertel"],
    ...     "status": ["open"]})
    >>> result = gi.matching.match(requests, city.units, quarters=city.quarters, top=3)
    >>> result["rank"].tolist(), bool(result["score"].is_monotonic_decreasing)
    ([1, 2, 3], True)
    >>> result.attrs["weights"]["footfall"]  # no footfall given: left out
    0.0
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a whole number >= 1 or None, got {top!r}")
    code = _labels.resolve_lang(lang)
    req, vac, w, t = _setup(requests, units, quarters, at, footfall, weights, tolerance, status)
    m = _Matcher(req, vac, w, t)
    out = _run(m, top, code)
    _attrs(out, m, req)
    return out


def _run(m: _Matcher, top: int | None, lang: str) -> pd.DataFrame:
    rs, us, ranks, pts, scores = [], [], [], [], []
    for rows in m.chunks():
        r, u = m.pairs(rows)
        score = m.score(r, u)
        keep, rank = _rank(r, score, m.u.days[u], m.u.id_rank[u], top)
        rs.append(r[keep])
        us.append(u[keep])
        ranks.append(rank)
        scores.append(score[keep])
        pts.append(m.points(r[keep], u[keep]))
    cat = lambda arrays, dtype: (  # noqa: E731
        np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)
    )
    r, u = cat(rs, np.int64), cat(us, np.int64)
    points = {k: cat([p[k] for p in pts], float) for k in COMPONENTS}
    matched = np.zeros(len(m.req), dtype=bool)
    matched[r] = True
    return _result(
        m,
        r,
        u,
        points,
        cat(scores, float),
        cat(ranks, np.int64),
        _Texts(m, lang),
        np.flatnonzero(~matched),
    )


def for_unit(
    unit_id: Any,
    requests: pd.DataFrame,
    units: gpd.GeoDataFrame,
    *,
    quarters: gpd.GeoDataFrame | None = None,
    at: dates.DateLike = None,
    weights: Mapping[str, float] | None = None,
    tolerance: float | None = None,
    footfall: Any = None,
    status: str | Iterable[str] | None = "open",
    lang: str | None = None,
) -> pd.DataFrame:
    """The requests a vacant unit fits, ranked by the score of :func:`match`.

    The reverse view of :func:`match`: the same hard filters and the same
    points (the same code path), one row per request that the unit passes.
    ``rank`` orders the requests by ``score``, ties by ``request_id``.

    Parameters
    ----------
    unit_id : str
        The unit.
    requests, units, quarters, at, weights, tolerance, footfall, status, lang
        As in :func:`match`.

    Returns
    -------
    DataFrame
        The columns of :func:`match`; no row when the unit fits no request.

    Raises
    ------
    ValueError
        ``unit_id`` is not in ``units`` (with the closest id) or the unit is
        not vacant at ``at``.

    Examples
    --------
    >>> import pandas as pd
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> requests = pd.DataFrame({"request_id": ["G-01", "G-02"], "use": ["gastronomy", "office"],
    ...     "min_floor_area_m2": [50, 80], "max_floor_area_m2": [500, 400],
    ...     "ground_floor_required": [False, False], "status": ["open", "open"]})
    >>> best = gi.matching.match(requests, city.units, quarters=city.quarters, top=1)
    >>> unit = best["unit_id"].iloc[0]
    >>> view = gi.matching.for_unit(unit, requests, city.units, quarters=city.quarters)
    >>> "G-01" in view["request_id"].tolist()
    True
    """
    code = _labels.resolve_lang(lang)
    req, vac, w, t = _setup(requests, units, quarters, at, footfall, weights, tolerance, status)
    key = str(unit_id).strip()
    if key not in set(vac.all_ids):
        raise ValueError(
            f"unit_id {unit_id!r} is not in the units layer{did_you_mean(key, vac.all_ids)}"
        )
    here = vac.ids == key
    if not here.any():
        raise ValueError(
            f"unit {key} is not vacant on {vac.at:%d.%m.%Y} (or has left the inventory); "
            "only vacant units are matched"
        )
    vac.take(here)
    m = _Matcher(req, vac, w, t)
    full = _run(m, None, code)
    out = full[full["unit_id"].notna()].copy()
    out = out.sort_values(["score", "request_id"], ascending=[False, True], kind="stable")
    out["rank"] = pd.array(np.arange(1, len(out) + 1), dtype="Int64")
    out = out.reset_index(drop=True)
    _attrs(out, m, req)
    return out


def expose_facts(
    city: Any,
    unit_id: Any,
    *,
    personal: bool = False,
    at: dates.DateLike = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The figures of a vacant unit's exposé (:func:`geoinnenstadt.briefing.expose`).

    The unit's facts at ``at`` (address, floor area, floor, step-free access,
    shop window, asking rent, vacant since, months vacant, quarter; nothing of an
    owner), its quarter's row of :func:`geoinnenstadt.profiles.quarter_profiles`,
    the nearest counter within ``gi.settings.matching_footfall_radius_m``
    (:func:`geoinnenstadt.footfall.summary`) and the matching requests of
    :func:`for_unit` (contacts only with ``personal=True``).

    Returns
    -------
    dict
        The keyword arguments of :func:`geoinnenstadt.briefing.expose.render_expose`
        (``city``, ``unit``, ``profiles``, ``counter``, ``radius_m``, ``matches``,
        ``at``, ``personal``, ``lang``).

    Raises
    ------
    ValueError
        ``unit_id`` is not in the units (with the closest id), or the unit is not
        vacant at ``at`` (its status named).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> facts = gi.matching.expose_facts(city, "DO-0464", at="30.06.2025")
    >>> facts["unit"]["address"], facts["unit"]["quarter_name"]
    ('Lütge Brückstraße 7', 'Brückviertel')
    """
    from . import profiles as _profiles
    from .vacancy import durations, state_at

    code = _labels.resolve_lang(lang)
    units = city.require("units")
    quarters = city.quarters
    ts, _ = dates.reference_date(at, city=city)
    key = str(unit_id).strip()
    all_ids = units["unit_id"].astype(str).str.strip()
    if key not in set(all_ids):
        raise ValueError(
            f"unit_id {unit_id!r} is not in the units layer{did_you_mean(key, all_ids.unique())}"
        )
    vac = _Units(units, quarters, ts, city.footfall)
    here = np.flatnonzero(vac.ids == key)
    if not len(here):
        state = state_at(units, at=vac.at)
        row = state[state["unit_id"].astype(str).str.strip() == key]
        status = str(row["status"].iloc[0]) if len(row) else "not in the inventory"
        raise ValueError(
            f"unit {key} is not vacant on {vac.at:%d.%m.%Y} (status: {status}); "
            "an exposé is written only for a vacant unit"
        )
    i = int(here[0])
    row = vac.frame.iloc[i]
    dur = durations(units, at=vac.at)
    drow = dur.loc[vac.frame.index[i]]
    q = int(vac.q[i])
    facts: dict[str, Any] = {
        "unit_id": key,
        **{
            c: row.get(c)
            for c in (
                "address",
                "floor_area_m2",
                "ground_floor",
                "step_free",
                "shop_window_m",
                "asking_rent_eur_m2",
            )
        },
        "vacant_since": drow.get("vacant_since"),
        "vacancy_months": int(vac.months[i]),
        "duration_class": drow.get("duration_class"),
        "quarter_id": vac.quarter_ids[q] if q >= 0 else None,
        "quarter_name": vac.quarter_names[q] if q >= 0 else None,
        "geometry": row.geometry,
        "crs": units.crs,
    }
    profiles = _profiles.quarter_profiles(city, at=vac.at) if quarters is not None else None
    counter = None
    c = int(vac.counter[i])
    if c >= 0 and city.footfall is not None:
        from .footfall import summary

        fig = summary(city.footfall).iloc[c]
        counter = {
            "name": vac.counter_names[c],
            "distance_m": float(vac.counter_distance[i]),
            "mean": float(fig["mean"]),
            "first": fig["first"],
            "last": fig["last"],
        }
    matches = None
    requests = city.requests
    if requests is not None and len(requests):
        found = for_unit(
            key, requests, units, quarters=quarters, at=vac.at, footfall=city.footfall, lang=code
        )
        extra = ["use", "min_floor_area_m2", "max_floor_area_m2"]
        if personal:
            extra += [col for col in _PERSONAL if col in requests.columns]
        info = pd.DataFrame(requests[["request_id", *extra]]).copy()
        info["request_id"] = info["request_id"].astype(str).str.strip()
        info = info.drop_duplicates("request_id").set_index("request_id")
        matches = found[["request_id", "score", "rank"]].join(
            info, on=found["request_id"].astype(str).to_numpy()
        )
    return {
        "city": city,
        "unit": facts,
        "profiles": profiles,
        "counter": counter,
        "radius_m": float(settings.matching_footfall_radius_m),
        "matches": matches,
        "at": vac.at,
        "personal": personal,
        "lang": code,
    }


def __getattr__(name: str) -> Any:
    """``gi.matching.expose``: the exposé writer, whose home is :mod:`geoinnenstadt.briefing`.

    Matching computes the exposé's figures (:func:`expose_facts`); drawing and writing
    the page belong to the outputs (data goes one way, ARCHITECTURE.md), so the writer
    lives in :func:`geoinnenstadt.briefing.expose.expose` and is re-exported here under
    the name the planners' workflow uses.
    """
    if name == "expose":
        from .briefing.expose import expose

        return expose
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
