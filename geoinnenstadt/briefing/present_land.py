"""Presentation helpers of the land and pre-emption briefings (notebooks 02 and 03).

Part of :mod:`geoinnenstadt.briefing`; the general helpers (:func:`show_table`,
:func:`show_text`, …) live in :mod:`geoinnenstadt.briefing.present`. Texts
come from :mod:`geoinnenstadt.labels` in ``lang`` (default
:data:`geoinnenstadt.settings.language`).

Examples
--------
>>> import pandas as pd
>>> from geoinnenstadt.briefing import show_land_text
>>> supply = pd.DataFrame({"reserve_ha": [10.0], "reserve_free_ha": [4.0],
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

__all__ = [
    "large_sites_table",
    "preemption_coverage",
    "show_conflicts",
    "show_core_zone_share",
    "show_land_text",
    "show_preemption_text",
]


def _year(value: Any, lang: str) -> str:
    """A calendar year as text ("2021", also from a float column); "k. A."/"n/a" when missing."""
    return labels.na_text(lang) if pd.isna(value) else str(int(value))


def show_land_text(
    sites: Any,
    supply: pd.DataFrame,
    *,
    at: DateLike = None,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Generated paragraph on reserve, take-up and years of supply (from :func:`land.years_of_supply`)."""
    code = labels.resolve_lang(lang)
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
            free=labels.format_area_ha(obs["reserve_free_ha"], lang=code),
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


def large_sites_table(
    sites: Any, *, at: DateLike = None, min_ha: float = 5, context: Any = None
) -> pd.DataFrame:
    """Available sites of at least ``min_ha`` as a display table (no geometry).

    Parameters
    ----------
    sites : GeoDataFrame
        The ``sites`` layer.
    at : date-like, optional
        Reference date of the site status (:func:`geoinnenstadt.land.large_sites`).
    min_ha : float, default 5
        Smallest area shown, in hectares.
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
    from .. import dates, land, privacy

    sites = privacy.drop_personal(sites, kind="sites")
    big = land.large_sites(sites, min_ha=min_ha, at=dates.parse_optional_date(at))
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
    city: City, *, at: DateLike = None, lang: str | None = None, display: bool = True
) -> Any:
    """Reserve and take-up inside vs outside the core zones, or a note when the city has none."""
    from .. import dates, land

    if city.core_zones is None or len(city.core_zones) == 0:
        return show_text(labels.text("briefing.no_core_zones", lang), display=display)
    share = land.core_zone_share(city.sites, city.core_zones, at=dates.parse_optional_date(at))
    return show_table(
        share, lang=lang, caption=labels.text("briefing.core_zone_caption", lang), display=display
    )


def show_conflicts(
    city: City, *, at: DateLike = None, lang: str | None = None, display: bool = True
) -> Any:
    """Distance of available sites to housing and admissible Abstandserlass classes, summarised."""
    from .. import conflicts, dates, land

    code = labels.resolve_lang(lang)
    if city.residential is None or len(city.residential) == 0:
        return show_text(labels.text("briefing.no_residential", code), display=display)
    sites = city.require("sites")
    available = sites[land.status_at(sites, at=dates.parse_optional_date(at)) == "available"]
    dc = conflicts.distance_classes(available, city.residential)
    none = "none"  # shown by labels as "strictest_admissible.none" ("none admissible")
    counts = dc["strictest_admissible"].fillna(none).value_counts()
    order = [*conflicts.ABSTANDSKLASSEN, none]
    table = pd.DataFrame({"sites": counts.reindex(order).fillna(0).astype(int)})
    table.index.name = "strictest_admissible"
    return show_table(
        table, lang=code, display=display, caption=labels.text("briefing.conflicts_caption", code)
    )


def preemption_coverage(city: City, inside: pd.DataFrame) -> pd.DataFrame:
    """Per pre-emption area: area in ha and parcels in the statute's scope (``inside`` from parcels_in)."""
    import shapely

    from .. import crs

    areas = crs.to_working(city.preemption_areas, name="city.preemption_areas")
    crs.require_metric(areas, names=["city.preemption_areas"])
    table = pd.DataFrame(
        {
            "name": areas["name"].to_numpy(),
            "legal_basis": areas["legal_basis"].to_numpy(),
            "area_ha": shapely.area(areas.geometry.values) / 10_000,
            "parcels": areas["area_id"]
            .map(inside.groupby("area_id").size())
            .fillna(0)
            .astype(int)
            .to_numpy(),
        },
        index=pd.Index(areas["area_id"].to_numpy(), name="area_id"),
    )
    return table


def show_preemption_text(
    city: City,
    inside: pd.DataFrame,
    *,
    min_share: float,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Sentence on the number of parcels under the statute and the core-zone coverage."""
    code = labels.resolve_lang(lang)
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
