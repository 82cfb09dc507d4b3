"""Thematic print maps: vacancy, commercial land, pre-emption.

Part of :mod:`geoinnenstadt.plots`. Each function draws one map of a
:class:`~geoinnenstadt.city.City` inside the frame of
:mod:`geoinnenstadt.plots.cartography` and returns the Figure. Class breaks
and legend texts of the vacancy map come from :mod:`geoinnenstadt.classify`,
the same as in the interactive maps; every other colour, symbol, class label
and drawing order from :mod:`geoinnenstadt.style` (the legend rows are
:func:`geoinnenstadt.style.legend_text`), so a class looks and reads the same
on paper and on screen. Labels are placed by
:mod:`geoinnenstadt.plots.placement` (halo, clear of points, inside the frame,
one per name).

Examples
--------
>>> import geoinnenstadt as gi
>>> fig = gi.plots.vacancy_plot(gi.load_sample("dorsten"), scheme="fixed")
>>> fig.axes[0].get_legend().get_texts()[1].get_text()
'0 – 5 % (2)'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import style
from ..labels import resolve_lang
from .backdrop import draw_context
from .cartography import (
    NOTE,
    Z_LABEL,
    area_handle,
    center_note,
    decorate,
    default_title,
    drawing_layer,
    fit_extent,
    layers_bounds,
    legend_handle,
    map_axes,
    meta_date,
    plot_style,
    plot_text,
    required_layer,
    stand_text,
    wrap_words,
)
from .placement import POINT_GID, LabelRequest

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

#: Classes of the units, in legend order: occupied, then vacant by duration (unknown last).
_UNIT_CLASSES = ("occupied", "lt6m", "6to12m", "12to24m", "gt24m", "unknown")


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
    hotspots: bool = True,
    cold_spots: bool = False,
    footfall: Any = False,
) -> Figure:
    """Map the vacancy rate (*Leerstandsquote*) per City-Quartier.

    The quarters are coloured by :func:`geoinnenstadt.vacancy.rates` in the
    classes of :func:`geoinnenstadt.classify.classify` (the same breaks,
    colours and legend texts as :func:`geoinnenstadt.maps.vacancy_map`), the units (state of
    :func:`geoinnenstadt.vacancy.state_at`) are drawn as points in the classes
    and symbols of the interactive map: occupied units small and grey, vacant
    units by how long they have stood empty
    (:func:`geoinnenstadt.vacancy.unit_classes`, symbols
    ``unit.occupied`` and ``unit.vacant.*`` of :mod:`geoinnenstadt.style`),
    each legend row with its count. Quarters without recorded units are grey,
    dotted and listed as "keine Einheiten erfasst". Significant hot spots of
    vacancy are ringed. Labels never cover a point (see
    :mod:`geoinnenstadt.plots.placement`).

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
        are hatched grey as "gesperrt (Geheimhaltung)" with no rate, and their units are not
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
    hotspots : bool, default True
        Ring the units that are significant hot spots of vacancy
        (``hotspot_class == "hot"`` of :func:`geoinnenstadt.vacancy.hotspots`,
        as the panel computed them at its date; symbol ``hotspot.hot``), with
        a legend row naming the significance level ("Hot Spot (Häufung),
        signifikant (p ≤ 0,05)"). A panel passed in without hot spots
        (``gi.vacancy.panel(..., hotspots=False)``) or whose hot spots could
        not be computed draws no rings and says nothing about them.
    cold_spots : bool, default False
        Also ring the significant cold spots (symbol ``hotspot.cold``). On
        the 0/1 vacancy indicator most neighbourhoods without vacancy are
        cold spots, so they are left out unless asked for.
    footfall : Footfall or bool, default False
        Draw pedestrian counters as on the interactive map
        (:func:`geoinnenstadt.maps.vacancy_map`): ``True`` the city's
        (``city.footfall``), or a :class:`~geoinnenstadt.footfall.Footfall`;
        circles of symbol ``footfall.counter`` whose area is proportional to
        the mean pedestrians per complete day
        (:func:`geoinnenstadt.style.counter_radius`), with a legend row.

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
                hotspots="at" if hotspots or cold_spots else False,
                ground_floor_only=ground_floor_only,
            )
        table = panel.rates_at()
        assert table is not None
        withheld = panel.withheld_at()
        as_of = panel.at
        state = panel.drawn_at()
        unit_class = panel.unit_classes_at()
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
        requests: list[LabelRequest] = []
        context_rows = _context_rows(ax, city, context, code, requests)
        no_units = (classes < 0) & ~secret
        fills = np.array([to_rgba(colors[c]) if c >= 0 else (0.0, 0.0, 0.0, 0.0) for c in classes])
        filled = classes >= 0
        if filled.any():
            _draw_areas(
                ax, quarters[filled], "quarter.outline", "quarters", facecolor=fills[filled]
            )
        if no_units.any():
            _draw_areas(ax, quarters[no_units], "quarter.no_units", "quarters-no-units")
        if secret.any():  # withheld in public mode: the same decision as the interactive map
            _draw_areas(ax, quarters[secret], "quarter.suppressed", "withheld")

        handles: list[tuple[Artist | None, str]] = [(None, labels.label("vacancy_rate", code))]
        # each row counts its quarters, as the interactive map's legend does
        handles += [
            (
                area_handle(to_rgba(colors[i]), "quarter.outline"),
                style.legend_text(text, code, count=int((classes == i).sum())),
            )
            for i, text in enumerate(class_labels)
        ]
        if no_units.any():
            text = style.legend_text("quarter.no_units", code, count=int(no_units.sum()))
            handles.append((legend_handle("quarter.no_units"), text))
        if secret.any():
            text = labels.text("map.suppressed_legend", code, min_count=min_count)
            text = style.legend_text(text, code, count=int(secret.sum()))
            handles.append((legend_handle("quarter.suppressed"), text))

        if show_units and state is not None and len(state) > 0:
            handles.append((None, labels.layer_label("units", code)))
            cls = unit_class.reindex(state.index).astype(object).to_numpy()
            for name in _UNIT_CLASSES:
                key = "unit.occupied" if name == "occupied" else style.duration_key(name)
                mask = cls == name
                if mask.any():
                    _draw_points(ax, state[mask], key, f"units-{name}")
                if mask.any() or name != "unknown":  # the classes of the screen legend
                    handles.append(
                        (
                            legend_handle(key, "point"),
                            style.legend_text(key, code, count=int(mask.sum())),
                        )
                    )
            if panel is not None:
                handles += _hotspot_rings(ax, panel, hotspots, cold_spots, code)
        ff = getattr(city, "footfall", None) if footfall is True else footfall or None
        if ff is not None:
            handles += _counters(ax, ff, code)
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
            requests[:0] = _label_requests(quarters, names.to_numpy(), "quarter")
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
            labels=requests,
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
        requests: list[LabelRequest] = []
        context_rows = _context_rows(ax, city, context, code, requests)
        site_rows: list[tuple[Artist | None, str]] = [(None, labels.layer_label("sites", code))]
        zone_rows: list[tuple[Artist | None, str]] = []
        res_rows: list[tuple[Artist | None, str]] = []

        if res is not None and len(res):
            res_rows.append((None, labels.layer_label("residential", code)))
            for use in ("residential", "mixed", "sensitive"):
                part = res[(res["use"] == use).fillna(False).to_numpy(dtype=bool)]
                if len(part):
                    key = f"residential.{use}"
                    _draw_areas(ax, part, key, f"residential-{use}")
                    res_rows.append((legend_handle(key), style.legend_text(key, code)))

        if sites is not None and len(sites):
            assert panel is not None
            keys, area_ha = _site_keys(sites, panel)
            for key in _SITE_KEYS:
                mask = (keys == key).to_numpy(dtype=bool)
                if not mask.any():
                    continue
                _draw_areas(ax, sites[mask], key, f"sites-{key}")
                hectares = float(area_ha[mask].sum())
                site_rows.append(
                    (legend_handle(key), style.legend_text(key, code, hectares=hectares))
                )
        else:
            site_rows.append((NOTE, plot_text("plot.no_sites", code)))
            center_note(ax, plot_text("plot.no_sites", code))

        if core is not None and len(core):
            zone_rows.append((None, labels.layer_label("core_zones", code)))
            cats = core["category"].astype(object)
            for cat in sorted({str(c) for c in cats.dropna()}):
                key = f"core_zone.{cat}" if f"core_zone.{cat}" in style.SYMBOLS else "core_zone.A"
                _draw_outlines(
                    ax, core[(cats == cat).to_numpy(dtype=bool)], key, f"core-zone-{cat}"
                )
                zone_rows.append((_outline_handle(key), style.legend_text(key, code)))
            if show_names:
                names = [labels.value_label("category", c, code) for c in cats]
                requests[:0] = _label_requests(core, names, "core_zone", color=style.INK["text"])
        if pre is not None and len(pre):
            _draw_areas(ax, pre, "preemption.area", "preemption-areas")
            zone_rows.append((None, plot_text("plot.zones", code)))
            zone_rows.append(
                (legend_handle("preemption.area"), style.legend_text("preemption.area", code))
            )
            basis = _legal_basis(pre)
            if basis:
                zone_rows.append((NOTE, basis))
        handles = site_rows + zone_rows + res_rows

        decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles + context_rows,
            labels=requests,
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
        requests: list[LabelRequest] = []
        context_rows = _context_rows(ax, city, context, code, requests)
        handles: list[tuple[Artist | None, str]] = [(None, labels.layer_label("parcels", code))]
        if parcels is not None and len(parcels):
            assert panel is not None
            assert min_share is not None
            selected = parcels["parcel_id"].isin(panel.inside["parcel_id"]).to_numpy(dtype=bool)
            if (~selected).any():
                _draw_areas(ax, parcels[~selected], "parcel.other", "parcels-other")
            if selected.any():
                _draw_areas(ax, parcels[selected], "parcel.preempted", "parcels-preempted")
            share = labels.format_percent(min_share, decimals=0, lang=code)
            n = int(selected.sum())
            handles.append(
                (
                    legend_handle("parcel.preempted"),
                    style.legend_text("parcel.preempted", code, count=n),
                )
            )
            handles.append(
                (
                    legend_handle("parcel.other"),
                    style.legend_text("parcel.other", code, count=int((~selected).sum())),
                )
            )
            handles.append(
                (
                    NOTE,
                    plot_text(
                        "plot.parcels_rule", code, share=share, n=labels.format_int(n, lang=code)
                    ),
                )
            )
        else:
            handles.append((NOTE, plot_text("plot.no_parcels", code)))
            center_note(ax, plot_text("plot.no_parcels", code))
        _draw_areas(ax, areas, "preemption.area", "preemption-areas")
        handles.append((None, plot_text("plot.zones", code)))
        handles.append(
            (legend_handle("preemption.area"), style.legend_text("preemption.area", code))
        )
        basis = _legal_basis(areas)
        if basis:
            handles.append((NOTE, basis))
        if show_names and "name" in areas.columns:
            requests[:0] = _label_requests(areas, areas["name"].to_numpy(), "area")
        decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles + context_rows,
            labels=requests,
            title=title or default_title("plot.preemption_title", city, code),
            subtitle=stand_text(as_of, code),
        )
    return fig


# --------------------------------------------------------------------------- helpers


def _context_rows(
    ax: Axes, city: City, context: bool, lang: str, requests: list[LabelRequest]
) -> list[tuple[Artist | None, str]]:
    """Draw the city's context beneath the data (when wanted and present); its legend rows."""
    if not context:
        return []
    return draw_context(ax, drawing_layer(city, "context"), lang=lang, labels=requests)


def _draw_areas(
    ax: Axes, gdf: gpd.GeoDataFrame, key: str, gid: str, *, facecolor: Any = None
) -> None:
    """Polygons in the symbol ``key`` (fill, outline, dash, hatch, z-order); ``facecolor`` overrides the fill."""
    look = style.symbol(key).patch()
    if facecolor is not None:
        look["facecolor"] = facecolor
    hatch = look.pop("hatch")
    zorder = look.pop("zorder")
    gdf.plot(ax=ax, **look, zorder=zorder, gid=gid, **({"hatch": hatch} if hatch else {}))


def _draw_outlines(ax: Axes, gdf: gpd.GeoDataFrame, key: str, gid: str) -> None:
    """The outlines of polygons as lines in the symbol ``key``."""
    look = style.symbol(key).line()
    gdf.boundary.plot(ax=ax, **look, gid=gid)


def _draw_points(ax: Axes, gdf: gpd.GeoDataFrame, key: str, gid: str) -> None:
    """Point symbols of ``key`` at the points of ``gdf`` (gid ``points-<gid>``: labels keep clear)."""
    import shapely

    look = style.symbol(key).marker()
    xy = shapely.get_coordinates(np.asarray(gdf.geometry.array, dtype=object))
    ax.scatter(
        xy[:, 0], xy[:, 1], s=look["markersize"], marker=look["marker"],
        facecolors=look["facecolor"], edgecolors=look["edgecolor"],
        linewidths=look["linewidth"], zorder=look["zorder"], gid=f"{POINT_GID}{gid}",
    )  # fmt: skip


def _counters(ax: Axes, ff: Any, lang: str) -> list[tuple[Artist | None, str]]:
    """Footfall counters as circles sized by their mean pedestrians per complete day; legend row.

    The figures are those of the interactive map
    (:func:`geoinnenstadt.footfall.summary`); counters without a
    position are not drawn (the interactive map names them in a warning).
    """
    import shapely

    from .. import crs, labels
    from ..footfall import summary as footfall_summary

    counters = ff.counters
    counters = counters[counters.geometry.notna() & ~counters.geometry.is_empty]
    if not len(counters):
        return []
    counters = crs.to_working(counters, name="footfall counters")
    fig = footfall_summary(ff).reindex(counters["counter_id"].astype(str).to_numpy())
    radii = np.asarray(
        style.counter_radius([None if pd.isna(v) else float(v) for v in fig["mean"]]), dtype=float
    )
    look = style.symbol("footfall.counter").marker()
    xy = shapely.get_coordinates(np.asarray(counters.geometry.array, dtype=object))
    ax.scatter(
        xy[:, 0], xy[:, 1], s=(2 * radii * style.PT_PER_PX) ** 2, marker=look["marker"],
        facecolors=look["facecolor"], edgecolors=look["edgecolor"],
        linewidths=look["linewidth"], zorder=look["zorder"], gid=f"{POINT_GID}counters",
    )  # fmt: skip
    text = style.legend_text("footfall.counter", lang, count=len(counters))
    return [(None, labels.text("map.footfall", lang)),
            (legend_handle("footfall.counter", "point"), text)]  # fmt: skip


def _hotspot_rings(
    ax: Axes, panel: VacancyPanel, hot: bool, cold: bool, lang: str
) -> list[tuple[Artist | None, str]]:
    """Rings around the significant hot (and, when asked, cold) spots of the panel's date; legend rows.

    Nothing when the panel has no hot spots or their computation failed.
    """
    from .. import crs

    if not (hot or cold) or not panel.hotspots_computed or panel.hotspots_error() is not None:
        return []
    found = panel.hotspots_at()
    if found is None or not len(found) or "hotspot_class" not in found.columns:
        return []
    spots = crs.to_working(found, name="hot spots")
    alpha = float(found.attrs.get("alpha", 0.05))
    rows: list[tuple[Artist | None, str]] = []
    for kind, wanted in (("hot", hot), ("cold", cold)):
        mask = (spots["hotspot_class"] == kind).fillna(False).to_numpy(dtype=bool)
        if wanted and mask.any():
            _draw_points(ax, spots[mask], f"hotspot.{kind}", f"hotspot-{kind}")
            rows.append(
                (legend_handle(f"hotspot.{kind}", "point"), style.hotspot_text(kind, alpha, lang))
            )
    return rows


def _label_requests(
    gdf: gpd.GeoDataFrame, texts: Any, kind: str, *, color: str | None = None
) -> list[LabelRequest]:
    """One label request per feature (features with the same text share one label)."""
    out = []
    for i, (text, geom) in enumerate(zip(list(texts), gdf.geometry.values, strict=True)):
        if text is None or pd.isna(text) or geom is None:
            continue
        out.append(
            LabelRequest(
                text=wrap_words(str(text), 18),
                geometry=geom,
                name=f"{kind}:{text}",
                gid=f"feature-label-{i}",
                zorder=Z_LABEL,
                color=color or style.INK["text"],
            )
        )
    return out


def _legal_basis(areas: gpd.GeoDataFrame) -> str:
    """The legal bases of the areas, as one legend note ("" when none is given)."""
    if "legal_basis" not in areas.columns:
        return ""
    return "; ".join(sorted({str(b) for b in areas["legal_basis"].dropna()}))


def _outline_handle(key: str) -> Artist:
    """A legend patch of an area drawn as its outline only."""
    from matplotlib.patches import Patch

    look = style.symbol(key).line()
    return Patch(
        facecolor="none", edgecolor=look["color"], linewidth=look["linewidth"],
        linestyle=look["linestyle"],
    )  # fmt: skip


#: Site classes in legend order (:func:`geoinnenstadt.style.site_key`).
_SITE_KEYS = (
    "site.available.none",
    "site.available.minor",
    "site.available.major",
    "site.reserved",
    "site.taken_up",
)


def _site_keys(sites: gpd.GeoDataFrame, panel: LandPanel) -> tuple[pd.Series, pd.Series]:
    """Symbol key of every site at the panel's date (:func:`style.site_key`) and its area in hectares."""
    status, area = panel.status, panel.area_ha
    if not status.index.equals(sites.index):
        raise ValueError(
            "the land panel was built from other sites than city.sites (the rows differ); "
            "build it with gi.land.panel(city, ...)"
        )
    restriction = (
        sites["restriction"].astype(object)
        if "restriction" in sites.columns
        else pd.Series(None, index=sites.index, dtype=object)
    )
    keys = [
        style.site_key(None if pd.isna(s) else s, None if pd.isna(r) else r)
        for s, r in zip(status.astype(object), restriction, strict=True)
    ]
    return pd.Series(keys, index=sites.index, dtype=object), area
