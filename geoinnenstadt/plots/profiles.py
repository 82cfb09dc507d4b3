"""Small charts of a quarter profile: use-mix bar, locator map, footfall profiles.

Part of :mod:`geoinnenstadt.plots`, drawn for the briefing
``05_quartiersprofile`` (:mod:`geoinnenstadt.briefing.present_profile`).
Charts never compute indicators: they draw a row of
:func:`geoinnenstadt.profiles.quarter_profiles` or the output of
:func:`geoinnenstadt.footfall.profile`. Every chart carries the source line
and, for sample data, the note "Beispieldaten (synthetisch) – keine
amtlichen Daten" (:func:`~geoinnenstadt.plots.cartography.add_chart_furniture`).
Colours come from :mod:`geoinnenstadt.style` (``use.<category>`` for the
use mix).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> fig = gi.plots.locator_plot(city.quarters, "Q05", city=city, lang="en")
>>> fig.axes[0].get_title()
'Location in the city'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import style
from ..labels import resolve_lang
from .cartography import (
    add_chart_furniture,
    add_sample_note,
    keep_data_below_furniture,
    literal_text,
    plot_style,
    plot_text,
    source_text,
    wrap_words,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.figure import Figure

    from ..city import City
    from ..footfall import Footfall

__all__ = ["footfall_profile_plot", "locator_plot", "use_mix_plot"]


def use_mix_plot(
    profiles: pd.DataFrame,
    quarter_id: Any,
    *,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """Horizontal stacked bar of the use mix: the quarter above, the city total below.

    Parameters
    ----------
    profiles : DataFrame
        :func:`geoinnenstadt.profiles.quarter_profiles` (``share_<category>``
        columns and the row ``"total"``).
    quarter_id : str
        The quarter to draw (a row of ``profiles``).
    city : City, optional
        Source line and sample-data note.
    lang : {"de", "en"}, optional

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.profiles.quarter_profiles(city)
    >>> fig = gi.plots.use_mix_plot(t, "Q02", city=city, lang="de")
    >>> [x.get_text() for x in fig.axes[0].get_yticklabels()]
    ['Gesamt', 'Brückviertel']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from .. import labels
    from ..uses import CATEGORIES
    from ..vacancy import TOTAL_ID

    code = resolve_lang(lang)
    rows = [TOTAL_ID, str(quarter_id)]
    names = [labels.label("total", code), str(profiles.loc[str(quarter_id), "name"])]
    with plot_style():
        fig = plt.figure(figsize=(7.4, 1.7))
        ax = fig.add_subplot()
        for y, row in enumerate(rows):
            left = 0.0
            for cat in CATEGORIES:
                share = float(
                    pd.to_numeric(
                        pd.Series([profiles.loc[row, f"share_{cat}"]]), errors="coerce"
                    ).iloc[0]
                )
                if not share > 0:
                    continue
                look = style.symbol(style.use_key(cat)).patch()
                ax.barh(
                    y,
                    share,
                    left=left,
                    height=0.6,
                    facecolor=look["facecolor"],
                    edgecolor=style.INK["halo"],
                    linewidth=0.6,
                    label=labels.value_label("use_category", cat, code) if y == 1 else None,
                    gid=f"use-{cat}",
                )
                left += share
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(names)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.5, 2.3)  # room for the sample-data note above the bars
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _: labels.format_percent(v, decimals=0, lang=code))
        )
        ax.set_title(plot_text("plot.use_mix_title", code), fontsize=9)
        ax.tick_params(labelsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        add_chart_furniture(ax, city, code, y=-0.28)
        fig.tight_layout()
    return literal_text(fig)


def locator_plot(
    quarters: gpd.GeoDataFrame,
    quarter_id: Any,
    *,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """A small map: every quarter outlined, ``quarter_id`` filled (*Lage im Stadtgebiet*).

    Drawn in the working CRS (:func:`geoinnenstadt.crs.to_working`, display
    only), with the source line and the sample-data note above the quarters.

    Parameters
    ----------
    quarters : GeoDataFrame
        ``quarter_id`` and polygons.
    quarter_id : str
        The quarter to highlight.
    city : City, optional
        Source line and sample-data note.
    lang : {"de", "en"}, optional
    """
    import matplotlib.pyplot as plt

    from .. import crs, privacy

    code = resolve_lang(lang)
    drawn = crs.to_working(privacy.drop_personal(quarters))
    focus = drawn["quarter_id"].astype(str) == str(quarter_id)
    if not focus.any():
        raise KeyError(f"locator_plot: no quarter {quarter_id!r} in quarters")
    outline = style.symbol("quarter.outline").patch()
    with plot_style():
        fig = plt.figure(figsize=(3.4, 2.9))
        ax = fig.add_subplot()
        drawn[~focus].plot(
            ax=ax,
            facecolor=style.INK["no_data"],
            edgecolor=outline["edgecolor"],
            linewidth=outline["linewidth"],
        )
        drawn[focus].plot(
            ax=ax,
            facecolor=style.CHART["bar"],
            edgecolor=style.INK["frame"],
            linewidth=outline["linewidth"] * 1.6,
            gid="focus",
        )
        x0, y0, x1, y1 = drawn.total_bounds
        pad = 0.04 * max(x1 - x0, y1 - y0)
        # headroom above the quarters: the sample-data note never covers one
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y0 - pad, y1 + pad + 0.22 * (y1 - y0))
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        for spine in ax.spines.values():
            spine.set_color(style.INK["rule"])
        ax.set_title(plot_text("plot.locator_title", code), fontsize=9)
        ax.text(
            0.0,
            -0.03,
            wrap_words(source_text(city, code), 62),
            transform=ax.transAxes,
            fontsize=6,
            color=style.INK["muted"],
            va="top",
            gid="source",
        )
        add_sample_note(ax, city, code, fontsize=6)
        fig.tight_layout()
    return literal_text(fig)


def footfall_profile_plot(
    ff: Footfall,
    *,
    year: int | None = None,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """Mean pedestrians per weekday (bars, left) and per hour (line, right) over the counters of ``ff``.

    The values are :func:`geoinnenstadt.footfall.profile` (complete days
    only; per weekday the mean daily total, per hour the mean hourly count),
    averaged over the counters: pass the counts of one quarter
    (:func:`geoinnenstadt.profiles.quarter_footfall`).

    Parameters
    ----------
    ff : Footfall
    year : int, optional
        Named in the titles (the counts are not filtered here).
    city : City, optional
        Source line and sample-data note.
    lang : {"de", "en"}, optional

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> ff = gi.profiles.quarter_footfall(city.footfall, ["DO-Z3"], year=2024)
    >>> fig = gi.plots.footfall_profile_plot(ff, year=2024, city=city, lang="en")
    >>> [x.get_text() for x in fig.axes[0].get_xticklabels()][:2]
    ['Mon', 'Tue']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from .. import footfall, labels

    code = resolve_lang(lang)
    shown_year = "" if year is None else str(int(year))
    per_day = footfall.profile(ff, by="weekday").groupby("weekday")["pedestrians"].mean()
    per_hour = footfall.profile(ff, by="hour").groupby("hour")["pedestrians"].mean()
    with plot_style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(7.3, 2.0))
        days = plot_text("plot.weekdays", code).split(",")
        left.bar(
            range(7),
            per_day.reindex(range(7)).fillna(0).to_numpy(),
            color=style.CHART["bar"],
            width=0.7,
        )
        left.set_xticks(range(7))
        left.set_xticklabels(days)
        left.set_title(plot_text("plot.footfall_weekday_title", code, year=shown_year), fontsize=8)
        right.plot(
            range(24),
            per_hour.reindex(range(24)).to_numpy(),
            color=style.CHART["series"],
            linewidth=1.6,
            marker="o",
            markersize=2,
        )
        right.set_xticks([0, 6, 12, 18, 23])
        right.set_xlabel(plot_text("plot.hour_axis", code), fontsize=7)
        right.set_title(plot_text("plot.footfall_hour_title", code, year=shown_year), fontsize=8)
        for ax in (left, right):
            ax.yaxis.set_major_formatter(
                FuncFormatter(lambda v, _: labels.format_int(v, lang=code))
            )
            ax.set_ylim(bottom=0)
            ax.grid(axis="y", color=style.CHART["grid"])
            ax.set_axisbelow(True)
            ax.tick_params(labelsize=7)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        fig.tight_layout(rect=(0, 0.08, 1, 1))
        fig.text(
            0.01,
            0.01,
            source_text(city, code),
            fontsize=7,
            color=style.INK["muted"],
            va="bottom",
            gid="source",
        )
        for ax in (left, right):
            add_sample_note(ax, city, code, fontsize=6)
            keep_data_below_furniture(ax)
    return literal_text(fig)
