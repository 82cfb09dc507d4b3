"""Thematic print maps: vacancy, commercial land, pre-emption.

Part of :mod:`geoinnenstadt.plots`. Each function draws one map of a
:class:`~geoinnenstadt.city.City` inside the frame of
:mod:`geoinnenstadt.plots.cartography` and returns the Figure. Class breaks
and legend texts of the vacancy map come from :mod:`geoinnenstadt.classify`,
the same as in the interactive maps.

Examples
--------
>>> import geoinnenstadt as gi
>>> fig = gi.plots.vacancy_plot(gi.load_sample("dorsten"), scheme="fixed")
>>> fig.axes[0].get_legend().get_texts()[1].get_text()
'0 – 5 %'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..labels import resolve_lang
from .backdrop import draw_context
from .cartography import (
    NA_FILL,
    center_note,
    decorate,
    default_title,
    drawing_layer,
    fit_extent,
    label_polygons,
    layers_bounds,
    legend_marker,
    legend_patch,
    map_axes,
    meta_date,
    plot_style,
    plot_text,
    required_layer,
    stand_text,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..city import City
    from ..dates import DateLike
    from ..land import LandPanel
    from ..preemption import PreemptionPanel
    from ..vacancy import VacancyPanel

__all__ = ["land_plot", "preemption_plot", "vacancy_plot"]

_OCCUPIED = {"marker": "o", "color": "#404040", "size": 9.0, "edge": "white", "lw": 0.3}
_VACANT = {"marker": "o", "color": "#1f5fbf", "size": 30.0, "edge": "white", "lw": 0.8}
_SITE_STYLES: dict[tuple[str, str | None], str] = {
    ("available", "none"): "#1a9641",
    ("available", "minor"): "#a6d96a",
    ("available", "major"): "#fdae61",
    ("reserved", None): "#80b1d3",
    ("taken_up", None): "#bdbdbd",
}
_RESIDENTIAL_FILL = {"residential": "#f4c7d0", "mixed": "#e0c3a3", "sensitive": "#c994c7"}
_CORE_ZONE_EDGE = "#6a3d9a"
_PREEMPTION_EDGE = "#b2182b"


def vacancy_plot(
    city: City,
    *,
    panel: VacancyPanel | None = None,
    at: DateLike = None,
    min_count: int | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    scheme: str | None = "fixed",
    k: int = 5,
    bins: Sequence[float] | None = None,
    ground_floor_only: bool = False,
    show_units: bool = True,
    show_names: bool = True,
    context: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map the vacancy rate (*Leerstandsquote*) per City-Quartier.

    The quarters are coloured by :func:`geoinnenstadt.vacancy.rates` in the
    classes of :func:`geoinnenstadt.classify.classify` (the same breaks,
    colours and legend texts as :func:`geoinnenstadt.maps.vacancy_map`), the units (state of
    :func:`geoinnenstadt.vacancy.state_at`) are drawn as points: vacant units
    as large blue dots, occupied units as small grey dots. Quarters without
    recorded units are grey and listed as "keine Einheiten erfasst".

    Parameters
    ----------
    city : City
        Needs ``quarters``; ``units`` may be missing or empty (the map then
        says "keine Gewerbeeinheiten erfasst").
    panel : VacancyPanel, optional
        The figures to show (:func:`geoinnenstadt.vacancy.panel`), the same
        as in the other outputs made from it; its date :attr:`~VacancyPanel.at`
        is drawn. Default: one built from ``city`` with ``at`` and
        ``min_count``. ``at=``/``min_count=`` that differ from the panel's
        are a ValueError.
    at : date-like, optional
        Reference date: each unit's latest survey on or before ``at``.
        Default: the latest survey date in the data.
    min_count : int, optional
        Publication mode: the quarters the panel withholds at ``at``
        (:func:`geoinnenstadt.privacy.suppression`, primary and secondary)
        are hatched grey as "geheim" with no rate, and their units are not
        drawn — the same decision as in :func:`geoinnenstadt.maps.vacancy_map`.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes (legend inside the map frame). Default: a new
        A4-landscape Figure with the legend beside the map.
    title : str, optional
        Default "Leerstand nach City-Quartieren – <city name>".
    scheme : str, default "fixed"
        A scheme of :func:`geoinnenstadt.classify.classify`: ``"fixed"``
        (class limits ``bins``, comparable between cities and survey dates;
        ``None`` means the same), ``"quantiles"``, ``"natural_breaks"``,
        ``"fisher_jenks"`` or ``"equal_interval"`` with ``k`` classes.
    k : int, default 5
        Number of classes for ``scheme`` (fewer when there are fewer distinct
        rates).
    bins : sequence of float, optional
        Upper class limits (fractions) for the fixed classes; default
        :data:`geoinnenstadt.classify.VACANCY_BREAKS` (5, 10, 15, 20 %); a
        last open class ("> 20 %") is added.
    ground_floor_only : bool, default False
        Rates and points of ground-floor units only (passed to
        :func:`~geoinnenstadt.vacancy.rates`; a panel holds all units, so
        this cannot be combined with ``panel=`` or ``min_count=``).
    show_units, show_names : bool, default True
        Draw the unit points / the quarter names (with the quarter's rate,
        "k. A." without units).
    context : bool, default True
        Draw ``city.context`` (city boundary, districts, land use, water, rail,
        roads) beneath the data, with district names and a legend section
        (:func:`geoinnenstadt.plots.backdrop.draw_context`); ``False`` draws
        none. The extent stays that of the data layers.
    lang : {"de", "en"}, optional
        Language of all text; default :data:`geoinnenstadt.settings.language`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> fig = gi.plots.vacancy_plot(city, at="2025-06-30")
    >>> fig.axes[0].get_legend().get_texts()[0].get_text()
    'Leerstandsquote'
    """
    from matplotlib.colors import to_rgba

    from .. import classify, dates, labels
    from ..vacancy import TOTAL_ID

    code = resolve_lang(lang)
    quarters = required_layer(city, "quarters")
    units = drawing_layer(city, "units")
    has_units = units is not None and len(units) > 0

    at_ts = dates.parse_optional_date(at)
    total: pd.Series | None = None
    state = None
    as_of: pd.Timestamp | None
    withheld = pd.Series(dtype=object)
    table: pd.DataFrame | None = None
    if panel is not None:
        panel.check(
            at=at, min_count=min_count, ground_floor_only=ground_floor_only, what="vacancy_plot"
        )
        min_count = panel.min_count
    if has_units:
        if panel is None:
            from ..vacancy import panel as build_panel

            panel = build_panel(
                units,
                quarters,
                at=at_ts,
                min_count=min_count,
                hotspots=False,
                ground_floor_only=ground_floor_only,
            )
        table = panel.rates_at()
        assert table is not None
        withheld = panel.withheld_at()
        as_of = panel.at
        state = panel.drawn_at()
    if has_units:
        assert table is not None
        table.index = table.index.astype(str)
        total = table.loc[TOTAL_ID] if TOTAL_ID in table.index else None
        rates = table.drop(index=TOTAL_ID, errors="ignore")
        outside = int(table.attrs.get("units_outside", 0))
    else:
        rates = pd.DataFrame(
            {"units": 0, "vacant": 0, "vacancy_rate": np.nan},
            index=pd.Index(quarters["quarter_id"].astype(str), name="quarter_id"),
        )
        as_of = at_ts if at_ts is not None else meta_date(city)
        outside = 0
    qid = quarters["quarter_id"].astype(str)
    secret = qid.isin(set(withheld.index[withheld != ""])).to_numpy()

    rate = qid.map(rates["vacancy_rate"]).astype("float64").where(~secret)
    result = classify.classify(rate, scheme=scheme, k=k, bins=bins)
    classes = result.codes
    class_labels = result.labels(code)
    colors = [to_rgba(c) for c in result.colors()]

    with plot_style():
        fig, ax, page = map_axes(ax)
        fit_extent(ax, layers_bounds([quarters, state]))
        context_rows = _context_rows(ax, city, context, code)
        facecolors = np.array([colors[c] if c >= 0 else to_rgba(NA_FILL) for c in classes])
        quarters.plot(ax=ax, color=facecolors, edgecolor="white", linewidth=1.4, zorder=1)
        quarters.boundary.plot(ax=ax, color="#7a7a7a", linewidth=0.4, zorder=1.1)
        no_units = (classes < 0) & ~secret
        if no_units.any():
            quarters[no_units].plot(
                ax=ax, facecolor="none", edgecolor="#bdbdbd", hatch="....", linewidth=0, zorder=1.2
            )
        if secret.any():  # withheld in public mode: the same decision as the interactive map
            quarters[secret].plot(
                ax=ax, facecolor="none", edgecolor="#555555", hatch="////", linewidth=0,
                zorder=1.2, gid="withheld",
            )  # fmt: skip

        handles: list[tuple[Artist | None, str]] = [(None, labels.label("vacancy_rate", code))]
        handles += [(legend_patch(colors[i]), text) for i, text in enumerate(class_labels)]
        if no_units.any():
            handles.append(
                (legend_patch(NA_FILL, hatch="...."), plot_text("plot.no_units_quarter", code))
            )
        if secret.any():
            text = labels.text("map.suppressed_legend", code, min_count=min_count)
            handles.append((legend_patch(NA_FILL, hatch="////"), text))

        if show_units and state is not None and len(state) > 0:
            handles.append((None, labels.layer_label("units", code)))
            is_vacant = (state["status"] == "vacant").fillna(False).to_numpy(dtype=bool)
            for mask, style, status in (
                (~is_vacant, _OCCUPIED, "occupied"),
                (is_vacant, _VACANT, "vacant"),
            ):
                pts = state[mask]
                if len(pts):
                    pts.plot(
                        ax=ax,
                        marker=style["marker"],
                        color=style["color"],
                        markersize=style["size"],
                        edgecolor=style["edge"],
                        linewidth=style["lw"],
                        zorder=3 if status == "vacant" else 2,
                    )
                text = plot_text(
                    "plot.status_count",
                    code,
                    status=labels.value_label("status", status, code),
                    n=labels.format_int(len(pts), lang=code),
                )
                handles.append((legend_marker(style), text))
        if show_names:
            names = quarters["name" if "name" in quarters.columns else "quarter_id"].astype(str)
            if has_units:
                shown = [
                    labels.text("map.suppressed", code)
                    if h
                    else labels.format_percent(r, lang=code)
                    for r, h in zip(rate, secret, strict=True)
                ]
                names = names.str.cat(pd.Series(shown, index=names.index), "\n")
            label_polygons(ax, quarters.assign(_label=names.to_numpy()), "_label")
        if not has_units:
            center_note(ax, plot_text("plot.no_units", code))

        subtitle = stand_text(as_of, code)
        if has_units:
            subtitle += "   ·   " + plot_text("plot.vacancy_definition", code)
            if ground_floor_only:
                subtitle += f" ({labels.label('ground_floor', code)})"
        if total is not None and int(total["units"]) > 0:
            subtitle += "\n" + plot_text(
                "plot.vacancy_total",
                code,
                label=labels.label("vacancy_rate", code),
                rate=labels.format_percent(total["vacancy_rate"], lang=code),
                vacant=labels.format_int(int(total["vacant"]), lang=code),
                units=labels.format_int(int(total["units"]), lang=code),
            )
            if outside:
                subtitle += "; " + plot_text(
                    "plot.units_outside", code, n=labels.format_int(outside, lang=code)
                )
            subtitle += ")"
        decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles + context_rows,
            title=title or default_title("plot.vacancy_title", city, code),
            subtitle=subtitle,
        )
    return fig


def land_plot(
    city: City,
    *,
    panel: LandPanel | None = None,
    at: DateLike = None,
    ax: Axes | None = None,
    title: str | None = None,
    show_names: bool = True,
    context: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map commercial land (*Wirtschaftsflächen*) by status and restriction.

    Sites are filled by status on ``at`` and, for reserves, by restriction
    (restriktionsfrei / leichte / schwere Restriktionen); the legend gives
    the hectares of each class (statuses and areas from a
    :class:`geoinnenstadt.land.LandPanel`).
    Core zones are outlined (dashed), pre-emption areas hatched and
    residential areas drawn underneath as context.

    Parameters
    ----------
    city : City
        Uses ``sites``, ``core_zones``, ``preemption_areas`` and
        ``residential`` where present (at least one of them).
    panel : LandPanel, optional
        Statuses and areas of the sites (:func:`geoinnenstadt.land.panel`,
        built from ``city``); default: one built with ``at``. A panel with
        another ``at`` than a given one is a ValueError.
    at : date-like, optional
        Reference date for the site status (sites taken up after ``at``
        still count as reserve). Default ``city.meta["as_of"]`` for the
        "Stand" line and the current status of every site.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; default a new A4-landscape Figure.
    title : str, optional
        Default "Wirtschaftsflächen und Flächenreserven – <city name>".
    show_names : bool, default True
        Label core zones with their category.
    context : bool, default True
        Draw ``city.context`` (city boundary, districts, land use, water, rail,
        roads) beneath the data, with district names and a legend section
        (:func:`geoinnenstadt.plots.backdrop.draw_context`); ``False`` draws
        none. The extent stays that of the data layers.
    lang : {"de", "en"}, optional
        Language of all text; default :data:`geoinnenstadt.settings.language`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> fig = gi.plots.land_plot(city)
    >>> "Wirtschaftsflächen" in fig.axes[0].get_legend().get_texts()[0].get_text()
    True
    """
    from .. import dates, labels

    code = resolve_lang(lang)
    sites = drawing_layer(city, "sites")
    core = drawing_layer(city, "core_zones")
    pre = drawing_layer(city, "preemption_areas")
    res = drawing_layer(city, "residential")
    present = [g for g in (sites, core, pre, res) if g is not None and len(g)]
    if not present:
        raise ValueError(
            f"{city.name}: land_plot needs at least one of the layers sites, core_zones, "
            "preemption_areas or residential; the city has none of them"
        )
    at_ts = dates.parse_optional_date(at)
    if panel is not None:
        panel.check_options(at=at_ts)
        at_ts = panel.at
    as_of = at_ts if at_ts is not None else meta_date(city)
    if sites is not None and len(sites):
        from ..land.result import ensure_panel, with_sites

        panel = ensure_panel(panel, with_sites(city, sites), at=at_ts)

    with plot_style():
        fig, ax, page = map_axes(ax)
        fit_extent(ax, layers_bounds([sites, core, pre]) or layers_bounds(present))
        context_rows = _context_rows(ax, city, context, code)
        site_rows: list[tuple[Artist | None, str]] = [(None, labels.layer_label("sites", code))]
        zone_rows: list[tuple[Artist | None, str]] = []
        res_rows: list[tuple[Artist | None, str]] = []

        if res is not None and len(res):
            res_rows.append((None, labels.layer_label("residential", code)))
            for use, color in _RESIDENTIAL_FILL.items():
                part = res[res["use"] == use]
                if len(part):
                    part.plot(ax=ax, color=color, linewidth=0, zorder=1)
                    res_rows.append(
                        (legend_patch(color, edge="none"), labels.value_label("use", use, code))
                    )

        if sites is not None and len(sites):
            assert panel is not None
            category, area_ha = _site_categories(sites, panel)
            for key, color in _SITE_STYLES.items():
                mask = (category == _category_name(key)).to_numpy(dtype=bool)
                if not mask.any():
                    continue
                sites[mask].plot(ax=ax, color=color, edgecolor="#333333", linewidth=0.5, zorder=2)
                hectares = labels.format_area_ha(float(area_ha[mask].sum()), lang=code)
                site_rows.append(
                    (legend_patch(color, edge="#333333"), f"{_site_label(key, code)} ({hectares})")
                )
        else:
            site_rows.append((legend_patch("none", edge="none"), plot_text("plot.no_sites", code)))
            center_note(ax, plot_text("plot.no_sites", code))

        if core is not None and len(core):
            core.boundary.plot(
                ax=ax, color=_CORE_ZONE_EDGE, linewidth=2.0, linestyle=(0, (5, 2)), zorder=4
            )
            zone_rows.append(
                (
                    legend_patch("none", edge=_CORE_ZONE_EDGE, lw=2.0, ls="--"),
                    plot_text("plot.core_zone", code),
                )
            )
            if show_names:
                cats = core["category"].map(lambda c: labels.value_label("category", c, code))
                label_polygons(ax, core.assign(_label=cats), "_label", color=_CORE_ZONE_EDGE)
        if pre is not None and len(pre):
            pre.plot(
                ax=ax,
                facecolor="none",
                edgecolor=_PREEMPTION_EDGE,
                hatch="///",
                linewidth=1.0,
                zorder=5,
            )
            zone_rows.append(
                (
                    legend_patch("none", edge=_PREEMPTION_EDGE, hatch="///"),
                    _preemption_label(pre, code),
                )
            )
        if zone_rows:
            zone_rows.insert(0, (None, plot_text("plot.zones", code)))
        handles = site_rows + zone_rows + res_rows

        decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles + context_rows,
            title=title or default_title("plot.land_title", city, code),
            subtitle=stand_text(as_of, code),
        )
    return fig


def preemption_plot(
    city: City,
    *,
    panel: PreemptionPanel | None = None,
    ax: Axes | None = None,
    min_share: float | None = None,
    title: str | None = None,
    show_names: bool = True,
    context: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map the parcels under a pre-emption statute (*Vorkaufsrechtssatzung*).

    Parcels under a statute (at least ``min_share`` of their area inside an
    area; from a :class:`geoinnenstadt.preemption.PreemptionPanel`) are highlighted, all other
    parcels drawn thin as context, the statute areas outlined.

    Parameters
    ----------
    city : City
        Needs ``preemption_areas``; ``parcels`` may be missing (the map then
        says "keine Flurstücke erfasst").
    panel : PreemptionPanel, optional
        The parcels under the statutes (:func:`geoinnenstadt.preemption.panel`
        of ``city.parcels`` and ``city.preemption_areas``); default: one
        built with ``min_share``. A panel with another ``min_share`` than a
        given one is a ValueError.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; default a new A4-landscape Figure.
    min_share : float, optional
        Minimum share of a parcel's area inside an area (default 0.5, or
        the panel's).
    title : str, optional
        Default "Flurstücke in Vorkaufsrechtsgebieten – <city name>".
    show_names : bool, default True
        Label the areas with their names.
    context : bool, default True
        Draw ``city.context`` (city boundary, districts, land use, water, rail,
        roads) beneath the data, with district names and a legend section
        (:func:`geoinnenstadt.plots.backdrop.draw_context`); ``False`` draws
        none. The extent stays that of the data layers.
    lang : {"de", "en"}, optional
        Language of all text; default :data:`geoinnenstadt.settings.language`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> fig = gi.plots.preemption_plot(city, min_share=0.5)
    >>> fig.axes[0].get_legend().get_texts()[0].get_text()
    'Flurstücke'
    """
    from .. import labels

    code = resolve_lang(lang)
    areas = required_layer(city, "preemption_areas")
    parcels = drawing_layer(city, "parcels")
    as_of = meta_date(city)
    if panel is not None:
        panel.check_options(min_share=min_share)
    if parcels is not None and len(parcels):
        from ..preemption.result import ensure_panel

        panel = ensure_panel(panel, parcels, areas, min_share=min_share)
        min_share = panel.min_share

    with plot_style():
        fig, ax, page = map_axes(ax)
        fit_extent(ax, layers_bounds([areas]))
        context_rows = _context_rows(ax, city, context, code)
        handles: list[tuple[Artist | None, str]] = [(None, labels.layer_label("parcels", code))]
        if parcels is not None and len(parcels):
            assert panel is not None
            assert min_share is not None
            selected = parcels["parcel_id"].isin(panel.inside["parcel_id"]).to_numpy(dtype=bool)
            parcels.plot(ax=ax, facecolor="#f7f7f7", edgecolor="#9e9e9e", linewidth=0.3, zorder=1)
            if selected.any():
                parcels[selected].plot(
                    ax=ax, facecolor="#fdb863", edgecolor="#7f3b08", linewidth=0.5, zorder=2
                )
            share = labels.format_percent(min_share, decimals=0, lang=code)
            handles.append(
                (
                    legend_patch("#fdb863", edge="#7f3b08"),
                    f"{plot_text('plot.parcels_in', code)}\n("
                    + plot_text(
                        "plot.parcels_rule",
                        code,
                        share=share,
                        n=labels.format_int(int(selected.sum()), lang=code),
                    )
                    + ")",
                )
            )
            handles.append(
                (legend_patch("#f7f7f7", edge="#9e9e9e"), plot_text("plot.parcels_other", code))
            )
        else:
            handles.append((legend_patch("none", edge="none"), plot_text("plot.no_parcels", code)))
            center_note(ax, plot_text("plot.no_parcels", code))
        areas.plot(ax=ax, facecolor="none", edgecolor=_PREEMPTION_EDGE, linewidth=2.2, zorder=4)
        handles.append((None, labels.layer_label("preemption_areas", code)))
        handles.append(
            (legend_patch("none", edge=_PREEMPTION_EDGE, lw=2.2), _preemption_label(areas, code))
        )
        if show_names:
            label_polygons(ax, areas, "name", color=_PREEMPTION_EDGE)
        decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles + context_rows,
            title=title or default_title("plot.preemption_title", city, code),
            subtitle=stand_text(as_of, code),
        )
    return fig


# --------------------------------------------------------------------------- helpers


def _context_rows(
    ax: Axes, city: City, context: bool, lang: str
) -> list[tuple[Artist | None, str]]:
    """Draw the city's context beneath the data (when wanted and present); its legend rows."""
    if not context:
        return []
    return draw_context(ax, drawing_layer(city, "context"), lang=lang)


def _preemption_label(areas: gpd.GeoDataFrame, lang: str) -> str:
    text = plot_text("plot.preemption_area", lang)
    if "legal_basis" in areas.columns:
        bases = sorted({str(b) for b in areas["legal_basis"].dropna()})
        if bases:
            text += "\n(" + "; ".join(bases) + ")"
    return text


def _site_categories(sites: gpd.GeoDataFrame, panel: LandPanel) -> tuple[pd.Series, pd.Series]:
    """Legend category of every site at the panel's date and its area in hectares."""
    status, area = panel.status, panel.area_ha
    if not status.index.equals(sites.index):
        raise ValueError(
            "the land panel was built from other sites than city.sites (the rows differ); "
            "build it with gi.land.panel(city, ...)"
        )
    status = status.astype("string")
    restriction = sites["restriction"].astype("string")
    category = status.where(status != "available", status + "/" + restriction)
    return category, area


def _category_name(key: tuple[str, str | None]) -> str:
    status, restriction = key
    return status if restriction is None else f"{status}/{restriction}"


def _site_label(key: tuple[str, str | None], lang: str) -> str:
    from .. import labels

    status, restriction = key
    if restriction is None:
        return labels.value_label("status", status, lang)
    return plot_text(
        "plot.reserve_class",
        lang,
        reserve=labels.label("reserve", lang),
        restriction=labels.value_label("restriction", restriction, lang),
    )
