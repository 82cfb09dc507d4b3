"""Presentation helpers of the land and pre-emption briefings (notebooks 02 and 03).

Part of :mod:`geoinnenstadt.briefing`; the general helpers (:func:`show_table`,
:func:`show_text`, …) live in :mod:`geoinnenstadt.briefing.present`. Texts
come from :mod:`geoinnenstadt.labels` in ``lang`` (default
:data:`geoinnenstadt.settings.language`).

Examples
--------
>>> import pandas as pd
>>> from geoinnenstadt.briefing import show_land_text
>>> supply = pd.DataFrame({"reserve_ha": [10.0], "restriction_free_reserve_ha": [4.0],
...                        "demand_ha_per_year": [2.0], "years_net": [2.0], "years_gross": [5.0],
...                        "window_start": [2020], "window_end": [2024]}, index=["observed"])
>>> text = str(show_land_text(None, supply, lang="en", display=False))
>>> text.split("</p>")[1]
"<p class='gi-text'>In 2020–2024 a mean of 2.0 ha per year was taken up."
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import labels
from .present import paragraphs, show_table, show_text

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..dates import DateLike
    from ..land import LandPanel
    from ..preemption import PreemptionPanel

__all__ = [
    "large_sites_table",
    "pipeline_table",
    "preemption_coverage",
    "show_conflicts",
    "show_core_zone_share",
    "show_land_text",
    "show_preemption_text",
    "show_supply_text",
    "supply_table",
]


def _year(value: Any, lang: str) -> str:
    """A calendar year as text ("2021", also from a float column); "k. A."/"n/a" when missing."""
    return labels.na_text(lang) if pd.isna(value) else str(int(value))


def show_land_text(
    sites: Any,
    supply: pd.DataFrame | None = None,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Generated paragraph on reserve, take-up and years of supply.

    The figures come from ``supply`` (:func:`geoinnenstadt.land.years_of_supply`)
    or from ``panel.years_of_supply`` (:class:`geoinnenstadt.land.LandPanel`);
    without either, a panel is built from ``sites`` with ``at``.
    """
    code = labels.resolve_lang(lang)
    if supply is None:
        supply = _land_panel(panel, sites, at=at).years_of_supply
    if "scenario" in supply.columns:
        supply = supply.set_index("scenario")
    obs = supply.loc["observed"]

    def years(v: Any) -> str:
        if v == float("inf"):
            return labels.text("briefing.years_unlimited", code)
        return labels.format_number(v, labels.text("briefing.years_unit", code), lang=code)

    def ha(v: Any) -> str:
        return labels.format_number(v, "ha", lang=code)

    sentences = [
        labels.text(
            "briefing.land_reserve",
            code,
            reserve=labels.format_area_ha(obs["reserve_ha"], lang=code),
            free=labels.format_area_ha(obs["restriction_free_reserve_ha"], lang=code),
            firm=labels.format_area_ha(obs.get("firm_reserve_ha", 0.0), lang=code),
        ),
        labels.text(
            "briefing.land_take_up",
            code,
            first=_year(obs["window_start"], code),
            last=_year(obs["window_end"], code),
            mean=ha(obs["demand_ha_per_year"]),
        ),
        labels.text(
            "briefing.land_years",
            code,
            net=years(obs["years_net"]),
            gross=years(obs["years_gross"]),
        ),
    ]
    for scenario, row in supply.iterrows():
        if scenario == "observed":
            continue
        sentences.append(
            labels.text(
                "briefing.land_scenario",
                code,
                scenario=labels.value_label("scenario", scenario, code),
                demand=ha(row["demand_ha_per_year"]),
                net=years(row["years_net"]),
                gross=years(row["years_gross"]),
            )
        )
    return paragraphs(sentences, display)


def supply_table(
    sites: Any = None, *, panel: LandPanel | None = None, at: DateLike = None
) -> pd.DataFrame:
    """Per supply-timeline scenario: first gap year, years with a gap, total unmet demand.

    From the panel's :meth:`~geoinnenstadt.land.LandPanel.supply_timeline`
    (default: a panel built from ``sites`` with ``at``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt import briefing
    >>> t = briefing.supply_table(gi.load_sample("dortmund"))
    >>> list(t.index), list(t.columns)
    (['baseline', 'planning_stopped', 'accelerated'], ['first_gap_year', 'gap_years', 'shortfall_ha'])
    """
    p = _land_panel(panel, sites, at=at)
    rows = []
    for name in p.scenarios:
        attrs = p.supply_timeline(name).attrs
        rows.append(
            {
                "scenario": name,
                "first_gap_year": attrs["first_gap_year"],
                "gap_years": len(attrs["gap_years"]),
                "shortfall_ha": attrs["shortfall_ha"],
            }
        )
    out = pd.DataFrame.from_records(rows).set_index("scenario")
    out["first_gap_year"] = pd.array(out["first_gap_year"].tolist(), dtype="Int64")
    return out


def pipeline_table(
    sites: Any = None, *, panel: LandPanel | None = None, at: DateLike = None
) -> pd.DataFrame:
    """The planning pipeline by stage: sites, hectares, first and last expected year.

    From :attr:`~geoinnenstadt.land.LandPanel.pipeline` (default: a panel
    built from ``sites`` with ``at``); stages earliest first, stages without
    sites left out.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt import briefing
    >>> t = briefing.pipeline_table(gi.load_sample("dortmund"))
    >>> list(t.columns)
    ['sites', 'area_ha', 'first_expected_year', 'last_expected_year']
    """
    pipe = _land_panel(panel, sites, at=at).pipeline
    grouped = pipe.groupby("planning_stage", sort=False)
    out = pd.DataFrame(
        {
            "sites": grouped["sites"].sum(),
            "area_ha": grouped["area_ha"].sum(),
            "first_expected_year": grouped["expected_available_year"].min(),
            "last_expected_year": grouped["expected_available_year"].max(),
        }
    )
    out.index.name = "planning_stage"
    return out


def show_supply_text(
    sites: Any = None,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Plain sentences on demand, the planning pipeline and the supply gap per scenario.

    The figures come from the panel (:attr:`~geoinnenstadt.land.LandPanel.pipeline`,
    :meth:`~geoinnenstadt.land.LandPanel.supply_timeline`; default a panel
    built from ``sites`` with ``at``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt import briefing
    >>> text = str(briefing.show_supply_text(gi.load_sample("dortmund"), lang="en", display=False))
    >>> "Scenario Planning stopped: in 2031 marketable land first falls short" in text
    True
    """
    from .. import settings

    code = labels.resolve_lang(lang)
    p = _land_panel(panel, sites, at=at)

    def ha(v: Any) -> str:
        return labels.format_number(v, "ha", lang=code)

    first = p.supply_timeline(p.scenarios[0])
    demand = float(first["demand_ha"].iloc[0])
    low, high = ha(first.attrs["demand_low_ha"]), ha(first.attrs["demand_high_ha"])
    if first.attrs["demand_source"] == "trend" and p.reference_date is not None:
        obs = p.years_of_supply.loc["observed"]
        sentences = [
            labels.text(
                "briefing.supply_demand_trend",
                code,
                first=_year(obs["window_start"], code),
                last=_year(obs["window_end"], code),
                demand=ha(demand),
                low=low,
                high=high,
            )
        ]
    else:
        sentences = [
            labels.text("briefing.supply_demand_given", code, demand=ha(demand), low=low, high=high)
        ]
    pipe = p.pipeline
    marketable = pipe["planning_stage"] == "marketable"
    early = pipe["planning_stage"].isin(["idea", "fnp_change_started", "fnp_effective"])
    sentences.append(
        labels.text(
            "briefing.supply_pipeline",
            code,
            marketable=labels.format_area_ha(pipe.loc[marketable, "area_ha"].sum(), lang=code),
            planned=labels.format_area_ha(pipe.loc[~marketable, "area_ha"].sum(), lang=code),
            early=labels.format_area_ha(pipe.loc[early, "area_ha"].sum(), lang=code),
        )
    )
    for name in p.scenarios:
        t = p.supply_timeline(name)
        scenario = labels.value_label("scenario", name, code)
        if t.attrs["first_gap_year"] is None:
            sentences.append(
                labels.text(
                    "briefing.supply_no_gap", code, scenario=scenario, last=int(t["year"].iloc[-1])
                )
            )
        else:
            sentences.append(
                labels.text(
                    "briefing.supply_gap",
                    code,
                    scenario=scenario,
                    year=int(t.attrs["first_gap_year"]),
                    n=len(t.attrs["gap_years"]),
                    years=len(t),
                    shortfall=labels.format_area_ha(t.attrs["shortfall_ha"], lang=code),
                )
            )
    lead = settings.planning_lead_years
    sentences.append(
        labels.text(
            "briefing.supply_assumptions",
            code,
            idea=lead["idea"],
            bplan=lead["bplan_effective"],
            factor=labels.format_number(settings.accelerated_lead_factor, lang=code),
        )
    )
    return paragraphs(sentences, display)


def large_sites_table(
    sites: Any = None,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    min_ha: float | None = None,
    context: Any = None,
) -> pd.DataFrame:
    """Available sites of at least ``min_ha`` as a display table (no geometry).

    Parameters
    ----------
    sites : GeoDataFrame, optional
        The ``sites`` layer (not needed with ``panel``).
    panel : LandPanel, optional
        Its :attr:`~geoinnenstadt.land.LandPanel.large_sites`; default a panel
        built from ``sites`` with ``at`` and ``min_ha``. Options that differ
        from the panel's are a ValueError.
    at : date-like, optional
        Reference date of the site status (:func:`geoinnenstadt.land.large_sites`).
    min_ha : float, optional
        Smallest area shown, in hectares (default 5, or the panel's).
    context : GeoDataFrame, optional
        The city's ``context`` layer (``city.context``). With districts in it,
        the table gains a ``district`` column ("Stadtbezirk"/"District"): the
        district holding the largest part of each site
        (:func:`geoinnenstadt.context.district_of`, which assigns with
        :func:`geoinnenstadt.zones.assign`). Without context or districts the
        column is left out.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``site_id``, largest sites first.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt import briefing
    >>> city = gi.load_sample("dortmund")
    >>> "district" in briefing.large_sites_table(city.sites).columns
    False
    """
    from .. import context as gi_context
    from .. import privacy

    big = privacy.drop_personal(
        _land_panel(panel, sites, at=at, min_ha=min_ha).large_sites, kind="sites"
    )
    cols = [
        c
        for c in (
            "site_id",
            "name",
            "area_ha",
            "restriction",
            "brownfield",
            "planning_basis",
            "owner_type",
        )
        if c in big.columns
    ]
    table = pd.DataFrame(big[cols]).set_index("site_id")
    if len(gi_context.layer(context, "district")):
        district = gi_context.district_of(big, context)
        table.insert(1 if "name" in table.columns else 0, "district", district.to_numpy())
    return table


def show_core_zone_share(
    city: City,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Reserve and take-up inside vs outside the core zones, or a note when the city has none.

    The table is ``panel.core_zone_share`` (default: a panel built from ``city`` with ``at``).
    """
    if city.core_zones is None or len(city.core_zones) == 0:
        return show_text(labels.text("briefing.no_core_zones", lang), display=display)
    share = _land_panel(panel, city, at=at).core_zone_share
    if share is None:
        raise ValueError("the land panel was built without core zones; pass core_zones=...")
    return show_table(
        share, lang=lang, caption=labels.text("briefing.core_zone_caption", lang), display=display
    )


def show_conflicts(
    city: City,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Distance of available sites to housing and admissible Abstandserlass classes, summarised.

    The classes are ``panel.distance_classes`` (default: a panel built from ``city`` with ``at``).
    """
    from ..conflicts import ABSTANDSKLASSEN

    code = labels.resolve_lang(lang)
    if city.residential is None or len(city.residential) == 0:
        return show_text(labels.text("briefing.no_residential", code), display=display)
    dc = _land_panel(panel, city, at=at).distance_classes
    if dc is None:
        raise ValueError("the land panel was built without residential areas; pass residential=...")
    none = "none"  # shown by labels as "strictest_admissible.none" ("none admissible")
    counts = dc["strictest_admissible"].fillna(none).value_counts()
    order = [*ABSTANDSKLASSEN, none]
    table = pd.DataFrame({"sites": counts.reindex(order).fillna(0).astype(int)})
    table.index.name = "strictest_admissible"
    return show_table(
        table, lang=code, display=display, caption=labels.text("briefing.conflicts_caption", code)
    )


def preemption_coverage(
    city: City, inside: pd.DataFrame | None = None, *, panel: PreemptionPanel | None = None
) -> pd.DataFrame:
    """Per pre-emption area: area in ha and parcels in the statute's scope.

    From ``panel.coverage`` (:class:`geoinnenstadt.preemption.PreemptionPanel`),
    else from ``inside`` (a :func:`~geoinnenstadt.preemption.parcels_in`
    result), else from a panel built from ``city``.
    """
    if panel is None and inside is not None:
        from ..preemption.result import coverage

        return coverage(city.preemption_areas, inside)
    return _preemption_panel(panel, city).coverage


def show_preemption_text(
    city: City,
    inside: pd.DataFrame | None = None,
    *,
    panel: PreemptionPanel | None = None,
    min_share: float | None = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Sentence on the number of parcels under the statute and the core-zone coverage.

    The parcels come from ``panel`` (or ``inside``, a
    :func:`~geoinnenstadt.preemption.parcels_in` result, with ``min_share``).
    """
    code = labels.resolve_lang(lang)
    if inside is None or panel is not None:
        p = _preemption_panel(panel, city, min_share=min_share)
        inside, min_share = p.inside, p.min_share
    if min_share is None:
        raise ValueError("give min_share= with inside= (the share the parcels were selected by)")
    zones = 0 if city.core_zones is None else len(city.core_zones)
    text = labels.text(
        "briefing.preemption_text",
        code,
        n=labels.format_int(inside["parcel_id"].nunique(), lang=code),
        total=labels.format_int(len(city.require("parcels")), lang=code),
        share=labels.format_percent(min_share, decimals=0, lang=code),
        areas=labels.format_int(len(city.require("preemption_areas")), lang=code),
        zones=labels.format_int(zones, lang=code),
    )
    return show_text(text, display=display)


def _land_panel(panel: LandPanel | None, sites: Any, **options: Any) -> LandPanel:
    """The panel of a land table: the given one (checked against ``options``) or a new one."""
    from ..land.result import ensure_panel

    if panel is None and sites is None:
        raise ValueError("give the sites layer (or the City) or panel=")
    return ensure_panel(panel, sites, **options)


def _preemption_panel(panel: PreemptionPanel | None, city: Any, **options: Any) -> PreemptionPanel:
    """The panel of a pre-emption table: the given one, else one built from ``city``."""
    from ..preemption.result import ensure_panel

    return ensure_panel(panel, city.parcels, city.preemption_areas, **options)
