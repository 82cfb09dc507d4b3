"""Demand for commercial land (*Bedarfsberechnung*): trend and GIFPRO-type methods.

LEP NRW goal 6.1-1 asks every municipality for a demand calculation netted
against its monitored reserves (Siedlungsflächenmonitoring; method after
Vallée et al., RWTH Aachen 2012, made concrete by decree in 2018). Two
families of methods are offered (DOMAIN.md, "Commercial land demand"):

* **trend** — the mean take-up over recent complete years, with the window
  rule of :func:`geoinnenstadt.land.take_up` and
  :func:`geoinnenstadt.land.years_of_supply`;
* **gifpro** — the GIFPRO-type employment model (*Gewerbe- und
  Industrieflächenprognose*, in use since the late 1970s; Bonny 2005):
  employees on commercial land × (settlement rate + relocation rate) / 100 ×
  plot area per employee × years, minus the share met on re-used land.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``annual_demand``, ``DemandBand``, ``parameter_range``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..dates import DateLike
from ..schema.specs import did_you_mean
from ._base import assume_today, resolve_reference, sites_and_as_of
from ._supply import take_up, window_end

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City

#: Demand methods of :func:`demand`.
METHODS: tuple[str, ...] = ("trend", "gifpro")

#: Settlement rate (*Neuansiedlungsquote*) per 100 employees on commercial land and year, by
#: variant of the GIFPRO model (DOMAIN.md: standard model 0.3; Vallée et al. 2012 0.15).
SETTLEMENT_RATES: Mapping[str, float] = {"standard": 0.3, "vallee": 0.15}

#: Relocation rate (*Verlagerungsquote*) per 100 employees on commercial land and year
#: (DOMAIN.md: 0.7 in the GIFPRO model).
RELOCATION_RATE = 0.7

#: Sources of the methods and of the defaults (written to ``attrs["sources"]``).
SOURCES: Mapping[str, str] = {
    "trend": "mean take-up over complete calendar years (Siedlungsflächenmonitoring NRW; "
    "the window rule of gi.land.take_up)",
    "gifpro": "GIFPRO-type employment model (Gewerbe- und Industrieflächenprognose, since "
    "the late 1970s; Bonny 2005)",
    "settlement_rate": "0.3 per 100 employees on commercial land and year in the standard "
    "GIFPRO model; 0.15 in the variant of Vallée et al., RWTH Aachen 2012 (LEP NRW goal "
    "6.1-1, decree 2018)",
    "relocation_rate": "0.7 per 100 employees on commercial land and year (GIFPRO model)",
    "employees": "required: no default (a local figure, e.g. employment statistics)",
    "area_per_employee_m2": "required: no default (varies by sector, e.g. about 75 m² "
    "services, 45–55 m² pure office, much more for industry and logistics)",
    "reuse_share": "required: no default (the share of demand met on re-used land is local)",
}


@dataclass(frozen=True)
class DemandBand:
    """Demand in ha per year: low, central and high, and where it came from."""

    low: float
    central: float
    high: float
    source: str


def parameter_range(
    value: Any, name: str, *, upper: float | None = None
) -> tuple[float, float, float]:
    """(low, central, high) from a number or a (low, central, high) triple, checked."""
    if value is None:
        raise ValueError(
            f"{name} is required for method='gifpro': no default value is confirmed by a "
            f"citable source ({SOURCES.get(name, '')}); give a number or (low, central, high)"
        )
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number or (low, central, high), got {value!r}")
    triple: list[Any]
    if isinstance(value, (Sequence, np.ndarray)):
        triple = list(value)
        if len(triple) != 3:
            raise ValueError(
                f"{name} must be a number or a triple (low, central, high), got {value!r}"
            )
    else:
        triple = [value] * 3
    out: list[float] = []
    for v in triple:
        if isinstance(v, (bool, np.bool_)):
            raise TypeError(f"{name} must be a number, got {v!r}")
        try:
            f = float(v)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be a number, got {v!r}") from exc
        if not math.isfinite(f) or f < 0:
            raise ValueError(f"{name} must be finite and >= 0, got {v!r}")
        if upper is not None and f >= upper:
            raise ValueError(f"{name} must be below {upper:g}, got {v!r}")
        out.append(f)
    low, central, high = out
    if not low <= central <= high:
        raise ValueError(f"{name} must be ordered low <= central <= high, got {value!r}")
    return low, central, high


def _gifpro_band(
    employees: Any,
    area_per_employee_m2: Any,
    reuse_share: Any,
    settlement_rate: Any,
    relocation_rate: Any,
    variant: str,
) -> tuple[DemandBand, dict[str, Any]]:
    if variant not in SETTLEMENT_RATES:
        raise ValueError(
            f"unknown variant {variant!r}; use one of {', '.join(SETTLEMENT_RATES)}"
            + did_you_mean(variant, SETTLEMENT_RATES)
        )
    e = parameter_range(employees, "employees")
    a = parameter_range(area_per_employee_m2, "area_per_employee_m2")
    q = parameter_range(reuse_share, "reuse_share", upper=1.0)
    s = parameter_range(SETTLEMENT_RATES[variant] if settlement_rate is None else settlement_rate,
               "settlement_rate")  # fmt: skip
    r = parameter_range(relocation_rate, "relocation_rate")

    def ha(k: int, reuse: float) -> float:
        return e[k] * (s[k] + r[k]) / 100.0 * a[k] * (1.0 - reuse) / 10_000.0

    band = DemandBand(ha(0, q[2]), ha(1, q[1]), ha(2, q[0]), "gifpro")
    params = {
        "employees": e,
        "area_per_employee_m2": a,
        "reuse_share": q,
        "settlement_rate": s,
        "relocation_rate": r,
        "variant": variant,
    }
    return band, params


def _trend_band(
    sites: Any, reference: pd.Timestamp, at: pd.Timestamp | None, window: int
) -> tuple[DemandBand, dict[str, Any]]:
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window must be a whole number of years >= 1, got {window!r}")
    last = window_end(None, reference)
    assert last is not None
    first = last - int(window) + 1
    per_year = take_up(sites, start=first, end=last, at=reference if at is None else at)
    values = per_year.to_numpy(dtype=float)
    mean = float(values.sum()) / int(window)
    band = DemandBand(float(values.min()), mean, float(values.max()), "trend")
    return band, {"window": int(window), "window_start": first, "window_end": last}


def annual_demand(
    sites: Any,
    *,
    method: str,
    reference: pd.Timestamp,
    at: pd.Timestamp | None,
    window: int = 5,
    **gifpro: Any,
) -> tuple[DemandBand, dict[str, Any]]:
    """Demand in ha per year of one method: the band and the parameters used."""
    if method == "trend":
        if sites is None:
            raise ValueError("method='trend' needs the sites layer (or the City): its take-up")
        return _trend_band(sites, reference, at, window)
    if method == "gifpro":
        return _gifpro_band(**gifpro)
    raise ValueError(
        f"unknown demand method {method!r}; use one of {', '.join(METHODS)}"
        + did_you_mean(method, METHODS)
    )


def _as_list(value: Any, name: str) -> list[Any]:
    if isinstance(value, (str, int, np.integer)):
        return [value]
    if isinstance(value, Sequence):
        if not value:
            raise ValueError(f"{name} is empty")
        return list(value)
    raise TypeError(f"{name} must be one value or a list of them, got {value!r}")


def demand(
    sites: gpd.GeoDataFrame | City | None = None,
    *,
    method: str | Sequence[str] = "trend",
    horizon: int | Sequence[int] = 15,
    at: DateLike = None,
    window: int = 5,
    employees: float | Sequence[float] | None = None,
    area_per_employee_m2: float | Sequence[float] | None = None,
    reuse_share: float | Sequence[float] | None = None,
    settlement_rate: float | Sequence[float] | None = None,
    relocation_rate: float | Sequence[float] = RELOCATION_RATE,
    variant: str = "standard",
) -> pd.DataFrame:
    """Demand for commercial land (*Flächenbedarf*) per method and year horizon.

    **Trend**: the mean take-up Ī over the last ``window`` complete calendar
    years before the reference date — the window rule of
    :func:`geoinnenstadt.land.take_up` and :func:`years_of_supply`; the band
    runs from the lowest to the highest single year of the window.

    **GIFPRO-type** (*Gewerbe- und Industrieflächenprognose*, in use since
    the late 1970s; Bonny 2005; the variant of Vallée et al., RWTH Aachen
    2012, is the basis of the demand calculation under LEP NRW goal 6.1-1)::

        ha per year = employees × (settlement_rate + relocation_rate) / 100
                      × area_per_employee_m2 × (1 − reuse_share) / 10 000

    Demand over a horizon is the annual demand × the years of the horizon.

    Parameters
    ----------
    sites : GeoDataFrame or City, optional
        Needed for the trend (its take-up); a City also supplies the
        reference date (``meta["as_of"]``).
    method : {"trend", "gifpro"} or list of them, default "trend"
    horizon : int or list of int, default 15
        Years ahead; the horizon starts on 1 January after the reference date.
    at : date, optional
        Reference date (else the City's ``meta["as_of"]``, else today with a
        warning).
    window : int, default 5
        Complete years averaged by the trend.
    employees : float or (low, central, high)
        GIFPRO: employees on commercial and industrial land
        (*gewerbeflächenbeanspruchende Beschäftigte*). **Required** — no
        citable default.
    area_per_employee_m2 : float or (low, central, high)
        GIFPRO: plot area per employee (*Flächenkennziffer*) in m². **Required**
        — it varies by sector (DOMAIN.md: e.g. about 75 m² services, 45–55 m²
        pure office, much more for industry and logistics).
    reuse_share : float or (low, central, high)
        GIFPRO: share of the demand met on re-used land (*Wiedernutzung*),
        0 ≤ share < 1. **Required** — the rate is local.
    settlement_rate : float or (low, central, high), optional
        GIFPRO: new settlements per 100 employees and year. Default by
        ``variant``: 0.3 (standard model) or 0.15 (Vallée et al. 2012).
    relocation_rate : float or (low, central, high), default 0.7
        GIFPRO: relocations per 100 employees and year (standard model).
    variant : {"standard", "vallee"}, default "standard"
        Default settlement rate of the GIFPRO model.

    Returns
    -------
    DataFrame
        One row per method and horizon: ``method``, ``horizon_years``,
        ``first_year``, ``last_year``, ``ha_per_year_low``, ``ha_per_year``,
        ``ha_per_year_high``, ``demand_low_ha``, ``demand_ha``,
        ``demand_high_ha``. The low end takes the low value of every
        parameter that raises demand and the high re-use share; the high
        end the opposite. ``attrs``: ``reference_date``, ``parameters``
        (per method: the triples used, the trend's window), ``sources``
        (per method and parameter: where the value comes from).

    Raises
    ------
    ValueError
        Unknown method or variant (with a "did you mean"), a missing
        required GIFPRO parameter, negative or unordered values, a re-use
        share of 1 or more, a horizon below 1.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> d = gi.land.demand(city, method=["trend", "gifpro"], horizon=[5, 15],
    ...                    employees=100_000, area_per_employee_m2=(100, 150, 200),
    ...                    reuse_share=0.3)
    >>> d[["method", "horizon_years", "first_year", "last_year"]].values.tolist()
    [['trend', 5, 2026, 2030], ['trend', 15, 2026, 2040], ['gifpro', 5, 2026, 2030], ['gifpro', 15, 2026, 2040]]
    >>> round(float(d.loc[2, "ha_per_year"]), 2)  # 100 000 × 1.0 / 100 × 150 m² × 0.7
    10.5
    """
    methods = [str(m) for m in _as_list(method, "method")]
    horizons = _as_list(horizon, "horizon")
    for h in horizons:
        if isinstance(h, (bool, np.bool_)) or not isinstance(h, (int, np.integer)) or h < 1:
            raise ValueError(f"horizon must be whole years >= 1, got {h!r}")
    at_ts = dates.parse_optional_date(at, name="at")
    city_as_of = None if sites is None else sites_and_as_of(sites)[1]
    reference, _ = resolve_reference(at_ts, city_as_of)
    if reference is None:
        reference = assume_today("demand")
    first = int(reference.year) + 1
    rows: list[dict[str, Any]] = []
    params: dict[str, Any] = {}
    gifpro = {
        "employees": employees,
        "area_per_employee_m2": area_per_employee_m2,
        "reuse_share": reuse_share,
        "settlement_rate": settlement_rate,
        "relocation_rate": relocation_rate,
        "variant": variant,
    }
    for m in methods:
        band, used = annual_demand(sites, method=m, reference=reference, at=at_ts, window=window,
                                   **gifpro)  # fmt: skip
        params[m] = used
        for h in horizons:
            rows.append(
                {
                    "method": m,
                    "horizon_years": int(h),
                    "first_year": first,
                    "last_year": first + int(h) - 1,
                    "ha_per_year_low": band.low,
                    "ha_per_year": band.central,
                    "ha_per_year_high": band.high,
                    "demand_low_ha": band.low * int(h),
                    "demand_ha": band.central * int(h),
                    "demand_high_ha": band.high * int(h),
                }
            )
    out = pd.DataFrame.from_records(rows)
    sources = {
        k: v
        for k, v in SOURCES.items()
        if (k == "trend" and "trend" in methods) or (k != "trend" and "gifpro" in methods)
    }
    out.attrs.update(reference_date=reference, parameters=params, sources=sources)
    return out
