"""Print-ready matplotlib maps (Karten für Vorlagen und Berichte).

Each function draws one thematic map of a :class:`~geoinnenstadt.city.City`
and returns the :class:`matplotlib.figure.Figure`:

* :func:`vacancy_plot` – Leerstandsquote per City-Quartier (choropleth with
  :mod:`mapclassify` classes) and the commercial units as points;
* :func:`land_plot` – Wirtschaftsflächen by status and restriction, core
  zones, pre-emption areas and residential areas;
* :func:`preemption_plot` – parcels under a pre-emption statute.

Every map carries a title, the reference date ("Stand: 30.06.2025"), a
legend, a scale bar in metres, a north arrow, a source line
("Kartengrundlage: eigene Darstellung") and, for synthetic data, the note
"Beispieldaten (synthetisch) – keine amtlichen Daten". Maps are drawn in the
working CRS (:data:`geoinnenstadt.settings.working_crs`, EPSG:25832) with equal
aspect. Personal columns (owner names and contacts) are dropped before
anything is drawn.

Plots never compute indicators: they call :mod:`geoinnenstadt.vacancy`,
:mod:`geoinnenstadt.land` and :mod:`geoinnenstadt.preemption` and format the
results with :mod:`geoinnenstadt.labels`.

Without ``ax`` a new A4-landscape Figure is created with
:func:`matplotlib.pyplot.figure` (so Jupyter shows it inline; close it with
``plt.close(fig)`` when making many maps in a script). Importing this module
never selects a matplotlib backend. With ``ax`` the map is drawn into that
Axes and its figure is returned. :func:`save_figure` writes PNG (300 dpi), PDF or SVG with embedded fonts.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> fig = gi.plots.vacancy_plot(city)
>>> fig.get_size_inches().round(2).tolist()
[11.69, 8.27]
"""

from __future__ import annotations

import contextlib
import math
import os
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pyproj import CRS, Transformer

from . import settings
from .errors import CRSError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .city import City

__all__ = [
    "A4_LANDSCAPE",
    "land_plot",
    "nice_scale_length",
    "preemption_plot",
    "save_figure",
    "scale_label",
    "take_up_plot",
    "trend_plot",
    "vacancy_plot",
]

#: Figure size (inches) of a map page: A4 landscape, 297 × 210 mm.
A4_LANDSCAPE: tuple[float, float] = (11.69, 8.27)

#: Font used for all text; ships with matplotlib and has every German glyph.
FONT = "DejaVu Sans"

#: Candidate scale-bar lengths in metres.
_NICE_LENGTHS_M: tuple[int, ...] = (
    10,
    20,
    25,
    50,
    100,
    200,
    250,
    500,
    1_000,
    2_000,
    2_500,
    5_000,
    10_000,
    20_000,
    25_000,
    50_000,
    100_000,
)

_SAVE_FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}

# Plot-only display texts: key -> (German, English). Everything generic (column
# and category labels, number formats) comes from geoinnenstadt.labels; these
# keys are looked up there first, so labels.py can take them over.
_PLOT_TEXT: dict[str, tuple[str, str]] = {
    "plot.vacancy_title": ("Leerstand nach City-Quartieren", "Vacancy by city quarter"),
    "plot.land_title": (
        "Wirtschaftsflächen und Flächenreserven",
        "Commercial land and land reserves",
    ),
    "plot.preemption_title": (
        "Flurstücke in Vorkaufsrechtsgebieten",
        "Parcels in pre-emption areas",
    ),
    "plot.base_map": ("Kartengrundlage: eigene Darstellung", "Base map: own representation"),
    "plot.not_official": ("keine amtlichen Daten", "not official data"),
    "plot.crs": ("Koordinatensystem", "Coordinate reference system"),
    "plot.no_units": ("keine Gewerbeeinheiten erfasst", "no commercial units recorded"),
    "plot.no_units_quarter": ("keine Einheiten erfasst", "no units recorded"),
    "plot.no_sites": ("keine Wirtschaftsflächen erfasst", "no commercial sites recorded"),
    "plot.no_parcels": ("keine Flurstücke erfasst", "no parcels recorded"),
    "plot.vacancy_definition": (
        "Leerstandsquote = leer stehende / alle erfassten Gewerbeeinheiten je Quartier",
        "Vacancy rate = vacant / all recorded commercial units per quarter",
    ),
    "plot.vacancy_total": ("insgesamt", "overall"),
    "plot.units_of": ("von", "of"),
    "plot.units_outside": ("davon {n} außerhalb der Quartiere", "{n} of them outside the quarters"),
    "plot.parcels_in": ("Flurstück im Vorkaufsrechtsgebiet", "Parcel in a pre-emption area"),
    "plot.parcels_rule": (
        "mind. {share} der Fläche im Gebiet",
        "at least {share} of its area inside",
    ),
    "plot.parcels_other": ("übrige Flurstücke", "other parcels"),
    "plot.preemption_area": ("Vorkaufsrechtsgebiet", "Pre-emption area"),
    "plot.core_zone": ("Gewerbe- und Industriekernzone", "Commercial/industrial core zone"),
    "plot.zones": ("Gebietskulissen", "Designated areas"),
    "plot.north": ("N", "N"),
}

_VACANCY_CMAP = "YlOrRd"
_NA_FILL = "#eeeeee"
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
_NOTE_COLOR = "#a50f15"


# --------------------------------------------------------------------------- public API


def vacancy_plot(
    city: City,
    *,
    at: Any = None,
    ax: Axes | None = None,
    title: str | None = None,
    scheme: str | None = None,
    k: int = 5,
    bins: Sequence[float] = (0.05, 0.10, 0.15, 0.20),
    ground_floor_only: bool = False,
    show_units: bool = True,
    show_names: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map the vacancy rate (*Leerstandsquote*) per City-Quartier.

    The quarters are coloured by :func:`geoinnenstadt.vacancy.rates` in
    :mod:`mapclassify` classes, the units (state of
    :func:`geoinnenstadt.vacancy.state_at`) are drawn as points: vacant units
    as large blue dots, occupied units as small grey dots. Quarters without
    recorded units are grey and listed as "keine Einheiten erfasst".

    Parameters
    ----------
    city : City
        Needs ``quarters``; ``units`` may be missing or empty (the map then
        says "keine Gewerbeeinheiten erfasst").
    at : date-like, optional
        Reference date: each unit's latest survey on or before ``at``.
        Default: the latest survey date in the data.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes (legend inside the map frame). Default: a new
        A4-landscape Figure with the legend beside the map.
    title : str, optional
        Default "Leerstand nach City-Quartieren – <city name>".
    scheme : str, optional
        A :func:`mapclassify.classify` scheme such as ``"quantiles"``,
        ``"natural_breaks"`` or ``"equal_interval"`` with ``k`` classes.
        Default ``None``: fixed class limits ``bins`` (comparable between
        cities and survey dates).
    k : int, default 5
        Number of classes for ``scheme`` (fewer when there are fewer distinct
        rates).
    bins : sequence of float, default (0.05, 0.10, 0.15, 0.20)
        Upper class limits (fractions) for the fixed classes; a last class
        "> 20 %" up to 100 % is added.
    ground_floor_only : bool, default False
        Rates and points of ground-floor units only (passed to
        :func:`~geoinnenstadt.vacancy.rates`).
    show_units, show_names : bool, default True
        Draw the unit points / the quarter names (with the quarter's rate,
        "k. A." without units).
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

    from . import labels, vacancy

    code = _lang(lang)
    quarters = _required_layer(city, "quarters")
    units = _layer(city, "units")
    has_units = units is not None and len(units) > 0

    total: pd.Series | None = None
    state = None
    if has_units:
        table = vacancy.rates(units, quarters, at=at, ground_floor_only=ground_floor_only)
        as_of = pd.Timestamp(table.attrs.get("at", at))
        total = table.loc[vacancy.TOTAL_ID] if vacancy.TOTAL_ID in table.index else None
        rates = table.drop(index=vacancy.TOTAL_ID, errors="ignore")
        state = vacancy.state_at(units, at=as_of)
        if ground_floor_only:
            state = state[state["ground_floor"].fillna(False).astype(bool).to_numpy()]
        outside = int(table.attrs.get("units_outside", 0))
    else:
        rates = pd.DataFrame(
            {"units": 0, "vacant": 0, "vacancy_rate": np.nan},
            index=pd.Index(quarters["quarter_id"], name="quarter_id"),
        )
        as_of = pd.Timestamp(at) if at is not None else _meta_date(city)
        outside = 0

    rate = quarters["quarter_id"].map(rates["vacancy_rate"]).astype("float64")
    classes, class_labels = _classify(rate, scheme=scheme, k=k, bins=bins, lang=code)
    colors = _class_colors(len(class_labels))

    with _style():
        fig, ax, page = _map_axes(ax)
        _fit_extent(ax, _bounds([quarters, state]))
        facecolors = np.array([colors[c] if c >= 0 else to_rgba(_NA_FILL) for c in classes])
        quarters.plot(ax=ax, color=facecolors, edgecolor="white", linewidth=1.4, zorder=1)
        quarters.boundary.plot(ax=ax, color="#7a7a7a", linewidth=0.4, zorder=1.1)
        if (classes < 0).any():
            quarters[classes < 0].plot(
                ax=ax, facecolor="none", edgecolor="#bdbdbd", hatch="....", linewidth=0, zorder=1.2
            )

        handles: list[tuple[Artist | None, str]] = [(None, labels.label("vacancy_rate", code))]
        handles += [(_patch(colors[i]), text) for i, text in enumerate(class_labels)]
        if (classes < 0).any():
            handles.append((_patch(_NA_FILL, hatch="...."), _t("plot.no_units_quarter", code)))

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
                text = f"{labels.value_label('status', status, code)} ({labels.format_int(len(pts), lang=code)})"
                handles.append((_marker(style), text))
        if show_names:
            names = quarters["name" if "name" in quarters.columns else "quarter_id"].astype(str)
            if has_units:
                names = names.str.cat(rate.map(lambda r: labels.format_percent(r, lang=code)), "\n")
            _label_polygons(ax, quarters.assign(_label=names.to_numpy()), "_label")
        if not has_units:
            _center_note(ax, _t("plot.no_units", code))

        subtitle = _stand(as_of, code)
        if has_units:
            subtitle += "   ·   " + _t("plot.vacancy_definition", code)
            if ground_floor_only:
                subtitle += f" ({labels.label('ground_floor', code)})"
        if total is not None and int(total["units"]) > 0:
            subtitle += (
                f"\n{labels.label('vacancy_rate', code)} {_t('plot.vacancy_total', code)}: "
                f"{labels.format_percent(total['vacancy_rate'], lang=code)} "
                f"({labels.format_int(int(total['vacant']), lang=code)} {_t('plot.units_of', code)} "
                f"{labels.format_int(int(total['units']), lang=code)}"
            )
            if outside:
                subtitle += "; " + _t("plot.units_outside", code).format(
                    n=labels.format_int(outside, lang=code)
                )
            subtitle += ")"
        _decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles,
            title=title or _default_title("plot.vacancy_title", city, code),
            subtitle=subtitle,
        )
    return fig


def land_plot(
    city: City,
    *,
    at: Any = None,
    ax: Axes | None = None,
    title: str | None = None,
    show_names: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map commercial land (*Wirtschaftsflächen*) by status and restriction.

    Sites are filled by status on ``at`` and, for reserves, by restriction
    (restriktionsfrei / leichte / schwere Restriktionen); the legend gives
    the hectares of each class from :func:`geoinnenstadt.land.site_areas`.
    Core zones are outlined (dashed), pre-emption areas hatched and
    residential areas drawn underneath as context.

    Parameters
    ----------
    city : City
        Uses ``sites``, ``core_zones``, ``preemption_areas`` and
        ``residential`` where present (at least one of them).
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
    from . import labels

    code = _lang(lang)
    sites = _layer(city, "sites")
    core = _layer(city, "core_zones")
    pre = _layer(city, "preemption_areas")
    res = _layer(city, "residential")
    present = [g for g in (sites, core, pre, res) if g is not None and len(g)]
    if not present:
        raise ValueError(
            f"{city.name}: land_plot needs at least one of the layers sites, core_zones, "
            "preemption_areas or residential; the city has none of them"
        )
    as_of = pd.Timestamp(at) if at is not None else _meta_date(city)

    with _style():
        fig, ax, page = _map_axes(ax)
        _fit_extent(ax, _bounds([sites, core, pre]) or _bounds(present))
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
                        (_patch(color, edge="none"), labels.value_label("use", use, code))
                    )

        if sites is not None and len(sites):
            category, area_ha = _site_categories(sites, at=at)
            for key, color in _SITE_STYLES.items():
                mask = (category == _category_name(key)).to_numpy(dtype=bool)
                if not mask.any():
                    continue
                sites[mask].plot(ax=ax, color=color, edgecolor="#333333", linewidth=0.5, zorder=2)
                hectares = labels.format_area_ha(float(area_ha[mask].sum()), lang=code)
                site_rows.append(
                    (_patch(color, edge="#333333"), f"{_site_label(key, code)} ({hectares})")
                )
        else:
            site_rows.append((_patch("none", edge="none"), _t("plot.no_sites", code)))
            _center_note(ax, _t("plot.no_sites", code))

        if core is not None and len(core):
            core.boundary.plot(
                ax=ax, color=_CORE_ZONE_EDGE, linewidth=2.0, linestyle=(0, (5, 2)), zorder=4
            )
            zone_rows.append(
                (_patch("none", edge=_CORE_ZONE_EDGE, lw=2.0, ls="--"), _t("plot.core_zone", code))
            )
            if show_names:
                cats = core["category"].map(lambda c: labels.value_label("category", c, code))
                _label_polygons(ax, core.assign(_label=cats), "_label", color=_CORE_ZONE_EDGE)
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
                (_patch("none", edge=_PREEMPTION_EDGE, hatch="///"), _preemption_label(pre, code))
            )
        if zone_rows:
            zone_rows.insert(0, (None, _t("plot.zones", code)))
        handles = site_rows + zone_rows + res_rows

        _decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles,
            title=title or _default_title("plot.land_title", city, code),
            subtitle=_stand(as_of, code),
        )
    return fig


def preemption_plot(
    city: City,
    *,
    ax: Axes | None = None,
    min_share: float = 0.5,
    title: str | None = None,
    show_names: bool = True,
    lang: str | None = None,
) -> Figure:
    """Map the parcels under a pre-emption statute (*Vorkaufsrechtssatzung*).

    Parcels selected by :func:`geoinnenstadt.preemption.parcels_in` (at least
    ``min_share`` of their area inside an area) are highlighted, all other
    parcels drawn thin as context, the statute areas outlined.

    Parameters
    ----------
    city : City
        Needs ``preemption_areas``; ``parcels`` may be missing (the map then
        says "keine Flurstücke erfasst").
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; default a new A4-landscape Figure.
    min_share : float, default 0.5
        Passed to :func:`~geoinnenstadt.preemption.parcels_in`.
    title : str, optional
        Default "Flurstücke in Vorkaufsrechtsgebieten – <city name>".
    show_names : bool, default True
        Label the areas with their names.
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
    from . import labels, preemption

    code = _lang(lang)
    areas = _required_layer(city, "preemption_areas")
    parcels = _layer(city, "parcels")
    as_of = _meta_date(city)

    with _style():
        fig, ax, page = _map_axes(ax)
        _fit_extent(ax, _bounds([areas]))
        handles: list[tuple[Artist | None, str]] = [(None, labels.layer_label("parcels", code))]
        if parcels is not None and len(parcels):
            inside = preemption.parcels_in(parcels, areas, min_share=min_share)
            selected = parcels["parcel_id"].isin(inside["parcel_id"]).to_numpy(dtype=bool)
            parcels.plot(ax=ax, facecolor="#f7f7f7", edgecolor="#9e9e9e", linewidth=0.3, zorder=1)
            if selected.any():
                parcels[selected].plot(
                    ax=ax, facecolor="#fdb863", edgecolor="#7f3b08", linewidth=0.5, zorder=2
                )
            share = labels.format_percent(min_share, decimals=0, lang=code)
            handles.append(
                (
                    _patch("#fdb863", edge="#7f3b08"),
                    f"{_t('plot.parcels_in', code)}\n"
                    f"({_t('plot.parcels_rule', code).format(share=share)}; "
                    f"n = {labels.format_int(int(selected.sum()), lang=code)})",
                )
            )
            handles.append((_patch("#f7f7f7", edge="#9e9e9e"), _t("plot.parcels_other", code)))
        else:
            handles.append((_patch("none", edge="none"), _t("plot.no_parcels", code)))
            _center_note(ax, _t("plot.no_parcels", code))
        areas.plot(ax=ax, facecolor="none", edgecolor=_PREEMPTION_EDGE, linewidth=2.2, zorder=4)
        handles.append((None, labels.layer_label("preemption_areas", code)))
        handles.append(
            (_patch("none", edge=_PREEMPTION_EDGE, lw=2.2), _preemption_label(areas, code))
        )
        if show_names:
            _label_polygons(ax, areas, "name", color=_PREEMPTION_EDGE)
        _decorate(
            fig,
            ax,
            page,
            city=city,
            lang=code,
            handles=handles,
            title=title or _default_title("plot.preemption_title", city, code),
            subtitle=_stand(as_of, code),
        )
    return fig


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 300) -> Path:
    """Save a map as PNG, PDF or SVG (chosen by the file extension), atomically.

    Fonts are embedded as TrueType (``pdf.fonttype = 42``) so umlauts print and
    text stays selectable; SVG keeps text as text (``svg.fonttype = "none"``,
    font DejaVu Sans). The file is written to a temporary name and renamed, so
    a failed save never leaves half a file.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
        Target ending in ``.png``, ``.pdf`` or ``.svg``.
    dpi : int, default 300
        Resolution of PNG output (stored in the PNG's ``pHYs`` chunk).

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> fig = gi.plots.vacancy_plot(gi.load_sample("dorsten"))
    >>> out = gi.plots.save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "leerstand.pdf")
    >>> out.suffix, out.stat().st_size > 0
    ('.pdf', True)
    """
    from .io import atomic_path

    target = Path(path)
    fmt = _SAVE_FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ValueError(
            f"{target}: cannot save a map as {target.suffix or '(no extension)'!r}; "
            f"use a file name ending in {', '.join(_SAVE_FORMATS)}"
        )
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    metadata: dict[str, Any] = {"png": {"Software": "geoinnenstadt"}}.get(fmt, {})
    if fmt == "pdf":
        metadata = {"Creator": "geoinnenstadt", "CreationDate": None}
    elif fmt == "svg":
        metadata = {"Creator": "geoinnenstadt", "Date": None}
    import matplotlib

    with matplotlib.rc_context(_rc()), atomic_path(target) as tmp:
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return target


# --------------------------------------------------------------------------- scale bar helpers


def trend_plot(
    trend: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Line chart of the vacancy rate per quarter over the surveys (*Leerstandsentwicklung*).

    Parameters
    ----------
    trend : DataFrame
        Output of :func:`geoinnenstadt.vacancy.trend` (one row per survey and
        quarter; the ``total`` rows are drawn as a thick black line).
    ax : Axes, optional
    title : str, optional
    lang : {"de", "en"}, optional

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> fig = gi.plots.trend_plot(gi.vacancy.trend(city.units, city.quarters))
    >>> len(fig.axes[0].get_lines())
    10
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from . import labels

    code = _lang(lang)
    missing = {"survey_date", "quarter_id", "vacancy_rate"} - set(trend.columns)
    if missing:
        raise ValueError(f"trend_plot needs the output of gi.vacancy.trend; missing columns: {sorted(missing)}")
    with _style():
        if ax is None:
            fig = plt.figure(figsize=(9.0, 4.8))
            ax = fig.add_subplot()
        else:
            fig = _root_figure(ax)
        data = trend.assign(survey_date=pd.to_datetime(trend["survey_date"]))
        for qid, group in data.groupby("quarter_id", sort=False):
            name = str(group["name"].iloc[0]) if "name" in group.columns else str(qid)
            group = group.sort_values("survey_date")
            if qid == "total":
                ax.plot(group["survey_date"], group["vacancy_rate"], color="black", linewidth=3,
                        marker="o", label=labels.label("total", code) if name == "total" else name, zorder=5)
            else:
                ax.plot(group["survey_date"], group["vacancy_rate"], linewidth=1.4, marker="o",
                        markersize=3, label=name)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: labels.format_percent(v, decimals=0, lang=code)))
        dates = sorted(data["survey_date"].unique())
        ax.set_xticks(dates)
        ax.set_xticklabels([labels.format_date(d, lang=code) for d in dates])
        ax.set_ylabel(labels.label("vacancy_rate", code))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        ax.set_title(title or ("Leerstandsquote je Quartier und Erhebung" if code == "de"
                               else "Vacancy rate per quarter and survey"))
        fig.tight_layout()
    return fig


def take_up_plot(
    take_up: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    mean_window: int | None = 5,
    window: tuple[int, int] | None = None,
    lang: str | None = None,
) -> Figure:
    """Bar chart of land take-up (*Inanspruchnahme*) in hectares per calendar year.

    Parameters
    ----------
    take_up : Series
        Output of :func:`geoinnenstadt.land.take_up` (index year, hectares).
    mean_window : int, optional
        Draw the mean of the last ``mean_window`` years as a dashed line.
    window : (int, int), optional
        Years (first, last) of the mean line instead — pass the window of
        :func:`geoinnenstadt.land.years_of_supply` (``window_start``,
        ``window_end``) so chart and text state the same Ī.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> fig = gi.plots.take_up_plot(gi.land.take_up(city.sites))
    >>> len(fig.axes[0].patches) == len(gi.land.take_up(city.sites))
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from . import labels

    code = _lang(lang)
    with _style():
        if ax is None:
            fig = plt.figure(figsize=(9.0, 4.2))
            ax = fig.add_subplot()
        else:
            fig = _root_figure(ax)
        years = [int(y) for y in take_up.index]
        ax.bar(years, take_up.to_numpy(dtype=float), color="#3a6f8f", width=0.7)
        last = None
        if window is not None:
            first_year, last_year = int(window[0]), int(window[1])
            last = take_up[(take_up.index >= first_year) & (take_up.index <= last_year)]
            span = (first_year, last_year)
        elif mean_window and len(take_up) >= 1:
            last = take_up.iloc[-mean_window:]
            span = (int(last.index[0]), int(last.index[-1]))
        if last is not None and len(last):
            mean = float(last.mean())
            word = "Mittel" if code == "de" else "mean"
            ax.hlines(mean, span[0] - 0.4, span[1] + 0.4, colors="#c0392b", linestyles="--",
                      label=f"{word} {span[0]}–{span[1]}: {labels.format_number(mean, 'ha', lang=code)}")
            ax.legend(frameon=False)
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], rotation=45 if len(years) > 10 else 0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: labels.format_number(v, decimals=0, lang=code)))
        ax.set_ylabel(labels.label("take_up_ha", code))
        ax.grid(axis="y", alpha=0.3)
        ax.set_title(title or ("Inanspruchnahme von Wirtschaftsflächen pro Jahr" if code == "de"
                               else "Take-up of commercial land per year"))
        fig.tight_layout()
    return fig


def nice_scale_length(extent_m: float, *, fraction: float = 0.25) -> int:
    """Longest round length (10, 20, 25, 50, 100, …, 1 000, 2 500 m, …) up to
    ``fraction`` of the map width ``extent_m``.

    Examples
    --------
    >>> from geoinnenstadt.plots import nice_scale_length
    >>> nice_scale_length(2300)
    500
    >>> nice_scale_length(900)
    200
    """
    if not (extent_m > 0 and math.isfinite(extent_m)):
        raise ValueError(f"map width must be a positive number of metres, got {extent_m!r}")
    target = extent_m * fraction
    fitting = [n for n in _NICE_LENGTHS_M if n <= target]
    if fitting:
        return fitting[-1]
    return _NICE_LENGTHS_M[0]


def scale_label(length_m: float, *, lang: str | None = None) -> str:
    """Label of a scale bar: "500 m" below 1 km, else "1 km", "2,5 km".

    Examples
    --------
    >>> from geoinnenstadt.plots import scale_label
    >>> scale_label(250), scale_label(1000), scale_label(2500)
    ('250 m', '1 km', '2,5 km')
    """
    from . import labels

    if length_m < 1000:
        return labels.format_number(length_m, "m", decimals=0, lang=lang)
    km = length_m / 1000
    return labels.format_number(km, "km", decimals=0 if km == int(km) else 1, lang=lang)


# --------------------------------------------------------------------------- private helpers


def _lang(lang: str | None) -> str:
    from . import labels

    code = str(settings.language if lang is None else lang).lower()
    if code not in labels.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(labels.LANGUAGES)}")
    return code


def _t(key: str, lang: str) -> str:
    from . import labels

    if key in labels.LABELS:
        return labels.label(key, lang)
    de, en = _PLOT_TEXT.get(key, (key, key))
    return de if lang == "de" else en


def _rc() -> dict[Any, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "hatch.linewidth": 0.6,
        "axes.unicode_minus": True,
    }


@contextlib.contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


def _required_layer(city: City, kind: str) -> gpd.GeoDataFrame:
    """Like :func:`_layer`, but a missing layer is an error naming it."""
    from .schema import LAYERS

    gdf = _layer(city, kind)
    if gdf is None:
        raise ValueError(
            f"{city.name}: the map needs the {kind!r} layer ({LAYERS[kind].label_de}), "
            f"but city.{kind} is None; read it with gi.read_layer(path, kind={kind!r})"
        )
    return gdf


def _layer(city: City, kind: str) -> gpd.GeoDataFrame | None:
    """The layer without personal columns, checked to be in the working CRS (None if absent)."""
    from .schema import LAYERS

    gdf = getattr(city, kind, None)
    if gdf is None:
        return None
    if gdf.crs is None:
        raise CRSError(
            f"{city.name}: layer {kind!r} has no CRS; set it with "
            f"city.{kind} = city.{kind}.set_crs(...) or read it with gi.read_layer(..., crs=...)"
        )
    if not CRS.from_user_input(gdf.crs).equals(CRS.from_user_input(settings.working_crs)):
        raise CRSError(
            f"{city.name}: layer {kind!r} is in {gdf.crs.to_string()}, not in the working CRS "
            f"{settings.working_crs}; reproject it with "
            f"city.{kind} = city.{kind}.to_crs(gi.settings.working_crs)"
        )
    drop = [c for c in LAYERS[kind].personal_columns if c in gdf.columns]
    return gdf.drop(columns=drop) if drop else gdf


def _check_metres() -> None:
    crs = CRS.from_user_input(settings.working_crs)
    unit = crs.axis_info[0].unit_name if crs.axis_info else ""
    if crs.is_geographic or unit not in ("metre", "meter"):
        raise CRSError(
            f"settings.working_crs {settings.working_crs} is not a projected CRS in metres; "
            "maps need metres for the scale bar (use e.g. EPSG:25832)"
        )


def _meta_date(city: City) -> pd.Timestamp | None:
    value = city.meta.get("as_of")
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError):
        return None


def _stand(as_of: Any, lang: str) -> str:
    from . import labels

    return f"{labels.label('as_of', lang)}: {labels.format_date(as_of, lang=lang)}"


def _default_title(key: str, city: City, lang: str) -> str:
    name = city.meta.get("name")
    return f"{_t(key, lang)} – {name}" if name else _t(key, lang)


def _preemption_label(areas: gpd.GeoDataFrame, lang: str) -> str:
    text = _t("plot.preemption_area", lang)
    if "legal_basis" in areas.columns:
        bases = sorted({str(b) for b in areas["legal_basis"].dropna()})
        if bases:
            text += "\n(" + "; ".join(bases) + ")"
    return text


def _classify(
    rate: pd.Series, *, scheme: str | None, k: int, bins: Sequence[float], lang: str
) -> tuple[np.ndarray, list[str]]:
    """Class index per value (-1 for missing) and the German class labels."""
    import mapclassify

    values = rate.to_numpy(dtype="float64")
    ok = np.isfinite(values)
    if scheme is None:
        upper = sorted(float(b) for b in bins)
        if not upper or upper[0] <= 0 or upper[-1] >= 1:
            raise ValueError(f"bins must be class limits strictly between 0 and 1, got {bins!r}")
        upper.append(1.0)
        lower = 0.0
    else:
        distinct = np.unique(values[ok])
        if len(distinct) == 0:
            upper, lower = [1.0], 0.0
        elif len(distinct) == 1:
            upper, lower = [float(distinct[0])], float(distinct[0])
        else:
            clf = mapclassify.classify(values[ok], scheme, k=min(int(k), len(distinct)))
            upper = [float(b) for b in clf.bins]
            lower = float(distinct[0])
    classes = np.full(len(values), -1, dtype=int)
    if ok.any():
        udc = mapclassify.UserDefined(values[ok], bins=upper, lowest=lower)
        classes[ok] = np.asarray(udc.yb, dtype=int)
    return classes, _class_labels(lower, upper, fixed=scheme is None, lang=lang)


def _class_labels(lower: float, upper: Sequence[float], *, fixed: bool, lang: str) -> list[str]:
    from . import labels

    pct = [lower * 100, *(u * 100 for u in upper)]
    decimals = 0 if all(abs(p - round(p)) < 1e-9 for p in pct) else 1

    def num(p: float) -> str:
        return labels.format_number(p, decimals=decimals, lang=lang)

    out = []
    for i, u in enumerate(pct[1:]):
        lo = pct[i]
        if i == 0:
            out.append(f"{num(lo)} %" if lo == u else f"{num(lo)} – {num(u)} %")
        elif fixed and i == len(pct) - 2 and u == 100:
            out.append(f"> {num(lo)} %")
        else:
            out.append(f"> {num(lo)} – {num(u)} %")
    return out


def _class_colors(n: int) -> list[tuple[float, float, float, float]]:
    import matplotlib

    cmap = matplotlib.colormaps[_VACANCY_CMAP]
    if n == 1:
        return [cmap(0.5)]
    return [cmap(x) for x in np.linspace(0.12, 0.92, n)]


def _site_categories(sites: gpd.GeoDataFrame, *, at: Any) -> tuple[pd.Series, pd.Series]:
    """Legend category of every site on ``at`` and its area in hectares (from gi.land)."""
    from . import land

    status = land.status_at(sites, at=at).astype("string")
    restriction = sites["restriction"].astype("string")
    category = status.where(status != "available", status + "/" + restriction)
    return category, land.site_areas(sites)


def _category_name(key: tuple[str, str | None]) -> str:
    status, restriction = key
    return status if restriction is None else f"{status}/{restriction}"


def _site_label(key: tuple[str, str | None], lang: str) -> str:
    from . import labels

    status, restriction = key
    if restriction is None:
        return labels.value_label("status", status, lang)
    return (
        f"{labels.label('reserve', lang)}, {labels.value_label('restriction', restriction, lang)}"
    )


def _bounds(layers: Sequence[Any]) -> tuple[float, float, float, float] | None:
    boxes = [
        g.total_bounds
        for g in layers
        if g is not None and len(g) and np.all(np.isfinite(g.total_bounds))
    ]
    if not boxes:
        return None
    arr = np.vstack(boxes)
    return (arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max())


def _map_axes(ax: Axes | None) -> tuple[Figure, Axes, bool]:
    """A new A4-landscape page with a map frame, or the given Axes."""
    _check_metres()
    if ax is not None:
        return _root_figure(ax), ax, False
    import matplotlib.pyplot as plt  # at call time: the backend is the user's (or Jupyter's)

    fig = plt.figure(figsize=A4_LANDSCAPE, facecolor="white")
    ax = fig.add_axes((0.035, 0.105, 0.64, 0.74))
    return fig, ax, True


def _root_figure(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    if fig is None:
        raise ValueError("the given Axes does not belong to a Figure")
    return fig


def _fit_extent(
    ax: Axes, bounds: tuple[float, float, float, float] | None, pad: float = 0.05
) -> None:
    """Set limits around ``bounds`` filling the Axes box at equal aspect (1 unit = 1 m)."""
    if bounds is None:
        bounds = (0.0, 0.0, 1000.0, 1000.0)
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    w, h = maxx - minx, maxy - miny
    if w <= 0 and h <= 0:
        w = h = 200.0
    w, h = max(w, h * 0.05), max(h, w * 0.05)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    box_w, box_h = ax.bbox.width, ax.bbox.height
    target = box_h / box_w if box_w > 0 and box_h > 0 else 1.0
    if h / w < target:
        h = w * target
    else:
        w = h / target
    ax.set_xlim(cx - w / 2, cx + w / 2)
    ax.set_ylim(cy - h / 2, cy + h / 2)
    _finish_axes(ax)


def _finish_axes(ax: Axes) -> None:
    """Equal aspect (1 unit = 1 m in x and y), no ticks or axis labels, a thin map frame."""
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
        spine.set_color("#333333")


def _patch(
    face: Any, *, edge: str = "#7a7a7a", lw: float = 0.6, ls: Any = "-", hatch: str | None = None
) -> Artist:
    from matplotlib.patches import Patch

    return Patch(facecolor=face, edgecolor=edge, linewidth=lw, linestyle=ls, hatch=hatch)


def _marker(style: dict[str, Any]) -> Artist:
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        linestyle="none",
        marker=style["marker"],
        markerfacecolor=style["color"],
        markeredgecolor="#333333" if style["edge"] == "white" else style["edge"],
        markeredgewidth=0.4,
        markersize=math.sqrt(style["size"]),
    )


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces and hyphens only, never inside a word ("Vorkaufsrechtssatzung")."""
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=True)
        for line in text.split("\n")
    )


def _label_polygons(
    ax: Axes, gdf: gpd.GeoDataFrame, column: str, *, color: str = "#1a1a1a"
) -> None:
    """Write each feature's ``column`` at a point inside it (wrapped, with a white halo).

    The halo is a separate white copy drawn as an outline, so the label itself
    stays real text in PDF and SVG (searchable, selectable).
    """
    import shapely
    from matplotlib import patheffects

    pts = shapely.point_on_surface(gdf.geometry.values)
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    halo = [patheffects.Stroke(linewidth=2.5, foreground="white")]
    for i, (text, pt) in enumerate(zip(gdf[column].tolist(), pts, strict=True)):
        if text is None or pd.isna(text) or pt is None or shapely.is_empty(pt):
            continue
        x, y = pt.x, pt.y
        if not (xlim[0] <= x <= xlim[1] and ylim[0] <= y <= ylim[1]):
            continue
        common: dict[str, Any] = {
            "ha": "center", "va": "center", "fontsize": 8, "clip_on": True, "zorder": 6,
        }  # fmt: skip
        label = _wrap(str(text), 18)
        ax.text(x, y, label, color="white", path_effects=halo, gid=f"label-halo-{i}", **common)
        ax.text(x, y, label, color=color, gid=f"feature-label-{i}", **common)


def _center_note(ax: Axes, text: str) -> None:
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color="#444444",
        zorder=7,
        gid="empty-note",
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "white", "edgecolor": "#999999"},
    )


def _add_legend(ax: Axes, handles: list[tuple[Artist | None, str]], *, page: bool) -> None:
    from matplotlib.patches import Patch

    artists = [h if h is not None else Patch(visible=False) for h, _ in handles]
    width = 48 if page else 40
    texts = [_wrap(t, width if h is not None else width - 10) for h, t in handles]
    kwargs: dict[str, Any] = {
        "frameon": page is False,
        "fontsize": 8.5 if page else 7,
        "handlelength": 1.8,
        "handleheight": 1.2,
        "labelspacing": 0.55,
        "borderaxespad": 0.0 if page else 0.5,
    }
    if page:
        fig = _root_figure(ax)
        kwargs.update(
            loc="upper left", bbox_to_anchor=(0.695, 0.845), bbox_transform=fig.transFigure
        )
    else:
        kwargs.update(loc="lower right", framealpha=0.9)
    legend = ax.legend(artists, texts, **kwargs)
    legend.set_gid("legend")
    legend.set_zorder(10)
    for (handle, _), text in zip(handles, legend.get_texts(), strict=True):
        if handle is None:  # a section heading
            text.set_fontweight("bold")
            text.set_position((-28, 0))


def _add_scale_bar(ax: Axes, lang: str, *, page: bool) -> None:
    """Alternating black/white bar of a round length, exact in data units (metres)."""
    from matplotlib.offsetbox import AnchoredOffsetbox, AuxTransformBox, TextArea, VPacker
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    length = nice_scale_length(abs(x1 - x0))
    n = 4 if length % 4 == 0 or length in (10, 50) else 2
    if length in (25, 250, 2_500, 25_000):
        n = 5
    height = length / 18
    bar = AuxTransformBox(ax.transData)
    seg = length / n
    for i in range(n):
        bar.add_artist(
            Rectangle(
                (i * seg, 0),
                seg,
                height,
                facecolor="black" if i % 2 == 0 else "white",
                edgecolor="black",
                linewidth=0.6,
                gid=f"scalebar-segment-{i}",
            )
        )
    label = TextArea(scale_label(length, lang=lang), textprops={"fontsize": 8 if page else 7})
    label.get_children()[0].set_gid("scalebar-label")
    box = AnchoredOffsetbox(
        loc="lower left",
        child=VPacker(children=[bar, label], align="center", pad=0, sep=3),
        pad=0.4,
        borderpad=0.8,
        frameon=True,
    )
    box.patch.set_boxstyle("round,pad=0.2")
    box.patch.set_facecolor("white")
    box.patch.set_alpha(0.85)
    box.patch.set_edgecolor("none")
    box.set_gid("scalebar")
    box.set_zorder(9)
    ax.add_artist(box)
    ax._gi_scalebar = {"length_m": length, "label": label.get_text()}  # type: ignore[attr-defined]


def _true_north_angle(ax: Axes) -> float:
    """Angle (degrees, counter-clockwise from grid north) of true north at the map centre."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    try:
        to_ll = Transformer.from_crs(settings.working_crs, "EPSG:4326", always_xy=True)
        to_xy = Transformer.from_crs("EPSG:4326", settings.working_crs, always_xy=True)
        lon, lat = to_ll.transform(cx, cy)
        nx, ny = to_xy.transform(lon, lat + 0.01)
    except Exception:  # pragma: no cover - pyproj without grids: grid north is fine
        return 0.0
    if not all(map(math.isfinite, (nx, ny))):
        return 0.0
    return math.degrees(math.atan2(-(nx - cx), ny - cy))


def _add_north_arrow(ax: Axes, lang: str, *, page: bool) -> None:
    """A split-triangle north arrow with "N", rotated to true north at the map centre."""
    from matplotlib.offsetbox import AnchoredOffsetbox, DrawingArea, TextArea, VPacker
    from matplotlib.patches import Polygon
    from matplotlib.transforms import Affine2D

    size = 30.0 if page else 22.0
    w = size * 0.5
    area = DrawingArea(w, size, 0, 0)
    rot = Affine2D().rotate_deg_around(w / 2, size / 2, _true_north_angle(ax))
    left = rot.transform([(w / 2, size), (0, 0), (w / 2, size * 0.28)])
    right = rot.transform([(w / 2, size), (w, 0), (w / 2, size * 0.28)])
    area.add_artist(Polygon(left, closed=True, facecolor="black", edgecolor="black", lw=0.8))
    area.add_artist(Polygon(right, closed=True, facecolor="white", edgecolor="black", lw=0.8))
    n = TextArea(
        _t("plot.north", lang), textprops={"fontsize": 11 if page else 9, "fontweight": "bold"}
    )
    n.get_children()[0].set_gid("north-arrow-label")
    box = AnchoredOffsetbox(
        loc="upper right",
        child=VPacker(children=[n, area], align="center", pad=0, sep=2),
        pad=0.3,
        borderpad=0.8,
        frameon=True,
    )
    box.patch.set_boxstyle("round,pad=0.2")
    box.patch.set_facecolor("white")
    box.patch.set_alpha(0.85)
    box.patch.set_edgecolor("none")
    box.set_gid("north-arrow")
    box.set_zorder(9)
    ax.add_artist(box)


def _source_line(city: City, lang: str) -> str:
    from . import labels

    source = city.meta.get("source") or labels.na_text(lang)
    crs = CRS.from_user_input(settings.working_crs)
    epsg = crs.to_epsg()
    crs_text = f"{crs.name} (EPSG:{epsg})" if epsg else crs.name
    parts = [f"{labels.label('source', lang)}: {source}", _t("plot.base_map", lang)]
    if city.meta.get("license"):
        parts.append(str(city.meta["license"]))
    return "   ·   ".join(parts) + f"\n{_t('plot.crs', lang)}: {crs_text}"


def _sample_note_text(lang: str) -> str:
    from . import labels

    return f"{labels.sample_note(lang)} – {_t('plot.not_official', lang)}"


def _decorate(
    fig: Figure,
    ax: Axes,
    page: bool,
    *,
    city: City,
    lang: str,
    handles: list[tuple[Artist | None, str]],
    title: str,
    subtitle: str,
) -> None:
    """Title, date, legend, scale bar, north arrow, source line and sample note."""
    _finish_axes(ax)
    _add_legend(ax, handles, page=page)
    _add_scale_bar(ax, lang, page=page)
    _add_north_arrow(ax, lang, page=page)
    if page:
        fig.text(0.035, 0.955, title, fontsize=17, fontweight="bold", va="top", gid="title")
        fig.text(
            0.035,
            0.905,
            subtitle,
            fontsize=9.5,
            color="#333333",
            va="top",
            gid="subtitle",
            linespacing=1.5,
        )
        fig.text(
            0.035,
            0.085,
            _source_line(city, lang),
            fontsize=7.5,
            color="#444444",
            va="top",
            gid="source",
            linespacing=1.5,
        )
    else:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", gid="title")
        ax.text(
            0.0,
            -0.015,
            subtitle.replace("\n", "   ·   ") + "\n" + _source_line(city, lang),
            transform=ax.transAxes,
            fontsize=6,
            color="#444444",
            va="top",
            gid="source",
        )
    if city.is_synthetic:
        from matplotlib.offsetbox import AnchoredText

        note = AnchoredText(
            _sample_note_text(lang),
            loc="upper left",
            frameon=True,
            borderpad=0.8,
            pad=0.4,
            prop={"fontsize": 9 if page else 7, "fontweight": "bold", "color": _NOTE_COLOR},
        )
        note.patch.set_boxstyle("round,pad=0.3")
        note.patch.set_facecolor("#fff7bc")
        note.patch.set_edgecolor(_NOTE_COLOR)
        note.set_gid("sample-note")
        note.txt.get_children()[0].set_gid("sample-note-text")
        note.set_zorder(11)
        ax.add_artist(note)
