"""The planning pipeline and the supply timeline (*Versorgungslücke*) of commercial land.

Which sites are in the pipeline
-------------------------------
Every site that is ``available`` at the reference date (the state rule of
:func:`geoinnenstadt.land.status_at`), except land held by a firm for its
own expansion (``owner_type == "firm_reserve"``, not on the market;
``include_firm_reserves=True`` counts it). Reserved and taken-up sites are
not supply.

Its stage is ``planning_stage`` (idea → fnp_change_started → fnp_effective →
bplan_started → bplan_effective → serviced → marketable). A site without a
stage counts as ``marketable`` when it has no restrictions (the R₀ rule of
:func:`geoinnenstadt.land.years_of_supply`) or when it is available only
because it was taken up after ``at`` (it was on the market); a site without a stage that has
restrictions has no expected year and is left out of the pipeline — counted
in ``attrs["left_out_ha"]`` and, when the layer has a ``planning_stage``
column at all, named in a warning.

Its expected year is ``expected_available_year``; where that is missing, the
reference year plus the lead time of its stage
(:data:`geoinnenstadt.settings.planning_lead_years`, assumptions of this
library derived from the Dortmund chamber of commerce's "ten to fifteen
years from first planning"). A site that is not yet marketable with an
expected year before the reference year, or a marketable site with an
expected year after it, is an error naming the site.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``SCENARIOS``, ``resolve_scenario``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates, settings
from ..dates import DateLike
from ..errors import GeoinnenstadtWarning, SchemaError
from ..schema.specs import PLANNING_STAGE, YEAR_RANGE, did_you_mean
from ._base import (
    PreparedSites,
    assume_today,
    firm_held,
    listed_ids,
    prepare_sites,
    resolve_reference,
    site_status,
)
from ._demand import DemandBand, annual_demand, parameter_range

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City

#: Built-in scenarios of :func:`supply_timeline` (``lead_factor`` None: the setting
#: :data:`geoinnenstadt.settings.accelerated_lead_factor`).
SCENARIOS: Mapping[str, Mapping[str, Any]] = {
    "baseline": {"lead_factor": 1.0, "stopped_before": None},
    "planning_stopped": {"lead_factor": 1.0, "stopped_before": "bplan_started"},
    "accelerated": {"lead_factor": None, "stopped_before": None},
}

_SCENARIO_KEYS = ("name", "lead_factor", "stopped_before")

#: Unmet demand below this (ha) is rounding noise, not a gap.
_TOLERANCE_HA = 1e-9


def _lead_years() -> dict[str, int]:
    """The lead times of :data:`settings.planning_lead_years`, checked."""
    lead = dict(settings.planning_lead_years)
    missing = [s for s in PLANNING_STAGE if s not in lead]
    if missing:
        raise ValueError(
            f"gi.settings.planning_lead_years lacks the stage(s) {', '.join(missing)}; "
            f"give a lead time in years for every stage of {', '.join(PLANNING_STAGE)}"
        )
    for stage in PLANNING_STAGE:
        v = lead[stage]
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise ValueError(
                f"gi.settings.planning_lead_years[{stage!r}] must be whole years >= 0, got {v!r}"
            )
    return {s: int(lead[s]) for s in PLANNING_STAGE}


def _stages(gdf: pd.DataFrame) -> pd.Series:
    """``planning_stage`` as objects (NA where missing); unknown values are a SchemaError."""
    if "planning_stage" not in gdf.columns:
        return pd.Series(None, index=gdf.index, dtype=object)
    stage = gdf["planning_stage"].astype(object).where(gdf["planning_stage"].notna(), None)
    bad = stage.notna() & ~stage.isin(PLANNING_STAGE)
    if bad.any():
        first = str(stage[bad].iloc[0])
        raise SchemaError(
            f"sites column 'planning_stage' has {int(bad.sum())} unknown value(s) at site(s) "
            f"{listed_ids(gdf, bad)}: {first!r}{did_you_mean(first, PLANNING_STAGE)}. Allowed: "
            f"{', '.join(PLANNING_STAGE)}."
        )
    return stage


def _given_years(gdf: pd.DataFrame) -> pd.Series:
    """``expected_available_year`` as nullable ints; other values are a SchemaError."""
    if "expected_available_year" not in gdf.columns:
        return pd.Series(pd.NA, index=gdf.index, dtype="Int64")
    raw = gdf["expected_available_year"]
    num = pd.to_numeric(raw, errors="coerce")
    low, high = YEAR_RANGE
    bad = raw.notna() & (num.isna() | (num != np.round(num)) | (num < low) | (num > high))
    if bad.any():
        shown = raw[bad].iloc[0]
        raise SchemaError(
            f"sites column 'expected_available_year' must hold calendar years {low}–{high}; "
            f"{int(bad.sum())} value(s) are not, at site(s) {listed_ids(gdf, bad)} "
            f"(e.g. {shown!r}). Enter a four-digit year such as 2031."
        )
    return num.astype("Int64")


def site_pipeline(
    prep: PreparedSites,
    at: pd.Timestamp | None,
    reference: pd.Timestamp,
    *,
    include_firm_reserves: bool,
) -> tuple[pd.DataFrame, float]:
    """Per pipeline site: stage, area, expected year and its source; and the hectares left out."""
    gdf = prep.gdf
    lead = _lead_years()
    ref_year = int(reference.year)
    available = site_status(prep, at) == "available"
    if not include_firm_reserves:
        available &= ~firm_held(gdf)
    stage = _stages(gdf)
    given = _given_years(gdf)
    no_stage = stage.isna()
    # no stage: marketable when restriction-free, or when taken up after ``at`` (it was sold)
    sold_later = gdf["status"] == "taken_up"
    stage = stage.where(~(no_stage & ((gdf["restriction"] == "none") | sold_later)), "marketable")
    left_out = available & stage.isna()
    if left_out.any() and "planning_stage" in gdf.columns:
        warnings.warn(
            f"{int(left_out.sum())} available site(s) with restrictions have no planning_stage "
            f"({listed_ids(gdf, left_out)}): they are left out of the planning pipeline. Give "
            f"them a planning_stage ({', '.join(PLANNING_STAGE)}).",
            GeoinnenstadtWarning,
            stacklevel=4,
        )
    keep = (available & stage.notna()).to_numpy(dtype=bool)
    rows = gdf.index[keep]
    st = stage[keep].astype(str)
    yrs = given[keep]
    marketable = (st == "marketable").to_numpy()
    has_year = yrs.notna().to_numpy()
    years_ = yrs.to_numpy(dtype="float64", na_value=np.nan)
    past = has_year & ~marketable & (years_ < ref_year)
    if past.any():
        raise ValueError(
            f"expected_available_year lies before the reference year {ref_year} at site(s) "
            f"{listed_ids(gdf.loc[rows], past)}, which are not yet marketable: update their "
            f"planning_stage (to 'marketable' if they are on the market) or their expected year"
        )
    late = has_year & marketable & (years_ > ref_year)
    if late.any():
        raise ValueError(
            f"site(s) {listed_ids(gdf.loc[rows], late)} are marketable but have an "
            f"expected_available_year after the reference year {ref_year}: correct the stage or "
            f"leave the year empty"
        )
    lead_year = np.array([ref_year + lead[s] for s in st], dtype="float64")
    expected = np.where(marketable, ref_year, np.where(has_year, years_, lead_year))
    source = np.where(marketable, "marketable", np.where(has_year, "given", "lead_time"))
    site_id = gdf.loc[rows, "site_id"] if "site_id" in gdf.columns else pd.Series(rows, index=rows)
    table = pd.DataFrame(
        {
            "site_id": site_id.to_numpy(),
            "planning_stage": pd.Categorical(
                st.to_numpy(), categories=PLANNING_STAGE, ordered=True
            ),
            "area_ha": prep.area[keep].to_numpy(dtype=float),
            "expected_available_year": expected.astype("int64"),
            "year_source": source,
        },
        index=rows,
    )
    return table, float(prep.area[left_out.to_numpy(dtype=bool)].sum())


def _reference(prep: PreparedSites, at_ts: pd.Timestamp | None, what: str) -> pd.Timestamp:
    reference, _ = resolve_reference(at_ts, prep.city_as_of)
    return assume_today(what) if reference is None else reference


def pipeline(
    sites: gpd.GeoDataFrame | City,
    *,
    at: DateLike = None,
    include_firm_reserves: bool = False,
) -> pd.DataFrame:
    """Planning pipeline (*Planungspipeline*): hectares by planning stage and expected year.

    The sites, stages and expected years follow the rules of the module notes
    (available sites, not firm-held; ``expected_available_year`` or the lead
    time of the stage from :data:`geoinnenstadt.settings.planning_lead_years`).

    Parameters
    ----------
    sites : GeoDataFrame or City
        Sites layer in a metric CRS with the optional columns
        ``planning_stage`` and ``expected_available_year``.
    at : date, optional
        Reference date: the site statuses and the year the lead times count
        from (else the City's ``meta["as_of"]``, else today with a warning).
    include_firm_reserves : bool, default False
        Count land held by firms for their own expansion.

    Returns
    -------
    DataFrame
        One row per stage (earliest first) and expected year: columns
        ``planning_stage``, ``expected_available_year``, ``sites``,
        ``area_ha``, ``year_source`` ("marketable", "given", "lead_time" or
        "mixed"). ``attrs``: ``reference_date``, ``lead_years`` (the lead
        times used), ``left_out_ha`` (available land with restrictions and
        no stage), ``total_ha``.

    Raises
    ------
    SchemaError
        An unknown stage (with a "did you mean") or a year that is not a
        calendar year.
    ValueError
        A site not yet marketable whose expected year lies before the
        reference year (or a marketable one with a later year).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> p = gi.land.pipeline(city)
    >>> list(p.columns)
    ['planning_stage', 'expected_available_year', 'sites', 'area_ha', 'year_source']
    >>> bool(abs(p["area_ha"].sum() - p.attrs["total_ha"]) < 1e-9)
    True
    """
    at_ts = dates.parse_optional_date(at, name="at")
    prep = prepare_sites(sites)
    reference = _reference(prep, at_ts, "the planning pipeline")
    table, left_out = site_pipeline(
        prep, at_ts, reference, include_firm_reserves=include_firm_reserves
    )
    grouped = table.groupby(["planning_stage", "expected_available_year"], observed=True, sort=True)
    out = grouped.agg(
        sites=("area_ha", "size"),
        area_ha=("area_ha", "sum"),
        year_source=("year_source", lambda s: s.iloc[0] if s.nunique() == 1 else "mixed"),
    ).reset_index()
    out["planning_stage"] = out["planning_stage"].astype(str)
    out["sites"] = out["sites"].astype("int64")
    out["expected_available_year"] = out["expected_available_year"].astype("int64")
    out.attrs.update(
        reference_date=reference,
        lead_years=_lead_years(),
        left_out_ha=left_out,
        total_ha=float(table["area_ha"].sum()),
    )
    return out


def resolve_scenario(scenario: str | Mapping[str, Any] | None) -> dict[str, Any]:
    """The scenario as a dict: ``name``, ``lead_factor`` (> 0), ``stopped_before`` (a stage or None)."""
    if scenario is None:
        scenario = "baseline"
    if isinstance(scenario, str):
        if scenario not in SCENARIOS:
            raise ValueError(
                f"unknown scenario {scenario!r}; use one of {', '.join(SCENARIOS)} or a dict "
                f"with the keys {', '.join(_SCENARIO_KEYS)}" + did_you_mean(scenario, SCENARIOS)
            )
        spec: dict[str, Any] = {"name": scenario, **SCENARIOS[scenario]}
        if spec["lead_factor"] is None:
            spec["lead_factor"] = settings.accelerated_lead_factor
    elif isinstance(scenario, Mapping):
        unknown = [str(k) for k in scenario if k not in _SCENARIO_KEYS]
        if unknown:
            raise ValueError(
                f"unknown scenario key(s) {', '.join(map(repr, unknown))}; allowed: "
                f"{', '.join(_SCENARIO_KEYS)}" + did_you_mean(unknown[0], _SCENARIO_KEYS)
            )
        spec = {"name": "custom", "lead_factor": 1.0, "stopped_before": None, **scenario}
        spec["name"] = str(spec["name"])
    else:
        raise TypeError(f"scenario must be a name or a dict, got {type(scenario).__name__}")
    factor = spec["lead_factor"]
    if isinstance(factor, bool) or not isinstance(factor, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"lead_factor of scenario {spec['name']!r} must be a number, got {factor!r}"
        )
    if not math.isfinite(float(factor)) or float(factor) <= 0:
        raise ValueError(
            f"lead_factor of scenario {spec['name']!r} must be finite and > 0, got {factor!r}"
        )
    spec["lead_factor"] = float(factor)
    stop = spec["stopped_before"]
    if stop is not None and stop not in PLANNING_STAGE:
        raise ValueError(
            f"stopped_before of scenario {spec['name']!r} must be a planning stage or None, got "
            f"{stop!r}{did_you_mean(str(stop), PLANNING_STAGE)}"
        )
    return spec


def _demand_band(
    demand: Any, sites: Any, reference: pd.Timestamp, at: pd.Timestamp | None, window: int
) -> DemandBand:
    """Demand per year from the ``demand=`` argument of :func:`supply_timeline`."""
    if demand is None:
        band, _ = annual_demand(sites, method="trend", reference=reference, at=at, window=window)
        return band
    if isinstance(demand, pd.DataFrame):
        need = {"method", "ha_per_year_low", "ha_per_year", "ha_per_year_high"}
        if not need <= set(demand.columns):
            raise ValueError(
                "demand must be the output of gi.land.demand (columns "
                f"{', '.join(sorted(need))}), a number (ha per year) or (low, central, high)"
            )
        methods = demand["method"].unique().tolist()
        if len(methods) != 1:
            raise ValueError(
                f"demand holds the methods {methods}; pass the rows of one, e.g. "
                f"d[d['method'] == {methods[0]!r}]"
            )
        row = demand.iloc[0]
        values = (row["ha_per_year_low"], row["ha_per_year"], row["ha_per_year_high"])
        source = str(methods[0])
    else:
        values, source = demand, "given"
    low, central, high = parameter_range(values, "demand (ha per year)")
    return DemandBand(low, central, high, source)


def arrival_years(table: pd.DataFrame, spec: Mapping[str, Any], reference_year: int) -> pd.Series:
    """Year each pipeline site becomes marketable in a scenario (NA: never)."""
    remaining = table["expected_available_year"].to_numpy(dtype="int64") - reference_year
    scaled = np.ceil(remaining * spec["lead_factor"] - 1e-9).astype("int64")
    out = pd.Series(reference_year + scaled, index=table.index, dtype="Int64")
    stop = spec["stopped_before"]
    if stop is not None:
        early = table["planning_stage"].astype(str).map(
            PLANNING_STAGE.index
        ) < PLANNING_STAGE.index(stop)
        out[early.to_numpy(dtype=bool)] = pd.NA
    return out


def supply_timeline(
    sites: gpd.GeoDataFrame | City,
    *,
    demand: Any = None,
    scenario: str | Mapping[str, Any] | None = None,
    at: DateLike = None,
    years: int = 20,
    window: int = 5,
    include_firm_reserves: bool = False,
) -> pd.DataFrame:
    """Supply timeline: marketable reserve, arrivals, take-up and unmet demand per year.

    The year loop, from the first calendar year after the reference date
    (the rest of the reference year is not modelled)::

        reserve_start = reserve_end of the year before
                        (first year: the marketable reserve at the reference date)
        arrivals      = area of pipeline sites that become marketable this year
        take_up       = min(demand, reserve_start + arrivals)
        unmet         = demand − take_up
        reserve_end   = reserve_start + arrivals − take_up

    A site arrives in the scenario's year: the reference year plus its
    remaining lead time (expected year − reference year) × ``lead_factor``,
    rounded up; a site expected in the reference year itself arrives in the
    first year. The years with unmet demand are the *gap*
    (*Versorgungslücke*).

    Parameters
    ----------
    sites : GeoDataFrame or City
        Sites layer (module notes of the pipeline: stages, expected years).
    demand : float, (low, central, high), DataFrame or None
        Demand in ha per year: a number, a triple (the band), or the rows of
        one method of :func:`geoinnenstadt.land.demand`. Default: the trend
        (mean take-up of the last ``window`` complete years, band from the
        lowest to the highest of them).
    scenario : str or dict, optional
        ``"baseline"`` (default): every site arrives in its expected year;
        ``"planning_stopped"``: sites before ``bplan_started`` never arrive
        (the search for new sites is stopped); ``"accelerated"``: remaining
        lead times × :data:`geoinnenstadt.settings.accelerated_lead_factor`;
        or a dict with ``name``, ``lead_factor`` (> 0) and ``stopped_before``
        (the first stage that still arrives, or None).
    at : date, optional
        Reference date (else the City's ``meta["as_of"]``, else today with a
        warning).
    years : int, default 20
        Number of years of the timeline.
    window : int, default 5
        Window of the default trend demand.
    include_firm_reserves : bool, default False
        Count land held by firms for their own expansion as supply.

    Returns
    -------
    DataFrame
        Columns ``year``, ``reserve_start_ha``, ``arrivals_ha``,
        ``demand_ha``, ``take_up_ha``, ``unmet_ha``, ``reserve_end_ha``.
        ``attrs``: ``first_gap_year`` (None when demand is always met),
        ``shortfall_ha`` (sum of ``unmet_ha``), ``gap_years`` (list),
        ``scenario`` (the resolved dict), ``demand_low_ha``,
        ``demand_high_ha`` (the band per year), ``demand_source``,
        ``reference_date``, ``never_arrives_ha`` (stopped sites),
        ``beyond_horizon_ha`` (arriving after the last year),
        ``left_out_ha`` (restricted land without a stage).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.land.supply_timeline(city, years=10)
    >>> list(t.columns)
    ['year', 'reserve_start_ha', 'arrivals_ha', 'demand_ha', 'take_up_ha', 'unmet_ha', 'reserve_end_ha']
    >>> int(t["year"].iloc[0])
    2026
    >>> s = gi.land.supply_timeline(city, scenario="planning_stopped", years=10)
    >>> bool(s.attrs["shortfall_ha"] >= t.attrs["shortfall_ha"])
    True
    """
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)) or years < 1:
        raise ValueError(f"years must be a whole number >= 1, got {years!r}")
    spec = resolve_scenario(scenario)
    at_ts = dates.parse_optional_date(at, name="at")
    prep = prepare_sites(sites)
    reference = _reference(prep, at_ts, "the supply timeline")
    ref_year = int(reference.year)
    band = _demand_band(demand, sites, reference, at_ts, window)
    table, left_out = site_pipeline(
        prep, at_ts, reference, include_firm_reserves=include_firm_reserves
    )
    marketable = (table["planning_stage"].astype(str) == "marketable").to_numpy()
    start_reserve = float(table.loc[marketable, "area_ha"].sum())
    coming = table[~marketable]
    arrive = arrival_years(coming, spec, ref_year)
    first = ref_year + 1
    last = first + int(years) - 1
    arrive_year = arrive.clip(lower=first)
    area = coming["area_ha"]
    rows: list[dict[str, Any]] = []
    reserve = start_reserve
    for year in range(first, last + 1):
        arrivals = float(area[(arrive_year == year).fillna(False).to_numpy(dtype=bool)].sum())
        available = reserve + arrivals
        taken = min(band.central, available)
        unmet = band.central - taken
        end = available - taken
        rows.append(
            {
                "year": year,
                "reserve_start_ha": reserve,
                "arrivals_ha": arrivals,
                "demand_ha": band.central,
                "take_up_ha": taken,
                "unmet_ha": unmet,
                "reserve_end_ha": end,
            }
        )
        reserve = end
    out = pd.DataFrame.from_records(rows)
    out["year"] = out["year"].astype("int64")
    gap = out.loc[out["unmet_ha"] > _TOLERANCE_HA, "year"].astype(int).tolist()
    out.attrs.update(
        first_gap_year=gap[0] if gap else None,
        shortfall_ha=float(out["unmet_ha"].sum()),
        gap_years=gap,
        scenario=spec,
        demand_low_ha=band.low,
        demand_high_ha=band.high,
        demand_source=band.source,
        reference_date=reference,
        never_arrives_ha=float(area[arrive.isna().to_numpy()].sum()),
        beyond_horizon_ha=float(area[(arrive > last).fillna(False).to_numpy(dtype=bool)].sum()),
        left_out_ha=left_out,
    )
    return out
