"""Charts of indicator tables: vacancy trend, land take-up and the land supply timeline.

Part of :mod:`geoinnenstadt.plots`. Charts never compute indicators; they
draw the output of :func:`geoinnenstadt.vacancy.trend` and
:func:`geoinnenstadt.land.take_up`. In publication mode (``public=True``)
:func:`trend_plot` leaves out the quarters that
:func:`geoinnenstadt.privacy.suppression` suppresses (primary and secondary).

Every chart carries a source line and, for sample data, the note
"Beispieldaten (synthetisch) – keine amtlichen Daten", with the texts and
rules of the print maps (:func:`geoinnenstadt.plots.cartography.source_text`,
:func:`~geoinnenstadt.plots.cartography.add_sample_note`). Charts receive
tables, not a City: pass the City the table was computed from as
``city=``; its ``meta`` says whether the data are synthetic and names the
source. Without it the source line reads "Quelle: k. A." and no note is
drawn (nothing is known about the data).

Examples
--------
>>> import pandas as pd
>>> import geoinnenstadt as gi
>>> t = pd.Series([2.0, 1.0], index=[2024, 2025], name="take_up_ha")
>>> fig = gi.plots.take_up_plot(t, at="30.06.2025", lang="en")
>>> [x.get_text() for x in fig.axes[0].get_xticklabels()]
['2024', '2025 (partial)']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import style
from ..labels import resolve_lang
from .cartography import add_chart_furniture, literal_text, plot_style, plot_text, root_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..city import City
    from ..dates import DateLike
    from ..land import LandPanel
    from ..vacancy import VacancyPanel

__all__ = ["supply_plot", "take_up_plot", "trend_plot", "trend_suppressed"]


def trend_suppressed(trend: pd.DataFrame, *, min_count: int | None = None) -> list[Any]:
    """Quarters to leave out of a published trend (:func:`geoinnenstadt.privacy.suppressed_in_panel`).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"survey_date": ["2025-06-30"] * 4,
    ...                   "quarter_id": ["A", "B", "C", "total"], "units": [1, 40, 12, 53]})
    >>> trend_suppressed(t, min_count=3)
    ['A', 'C']
    """
    from .. import privacy

    return privacy.suppressed_in_panel(trend, min_count=min_count)


def trend_plot(
    trend: pd.DataFrame | VacancyPanel,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    public: bool = False,
    min_count: int | None = None,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """Line chart of the vacancy rate per quarter over the surveys (*Leerstandsentwicklung*).

    Parameters
    ----------
    trend : DataFrame or VacancyPanel
        Output of :func:`geoinnenstadt.vacancy.trend` (one row per survey and
        quarter; the ``total`` rows are drawn as a thick black line labelled
        "Gesamt"/"Total"), or a :class:`~geoinnenstadt.vacancy.VacancyPanel`:
        its trend, and its publication decision
        (:attr:`~geoinnenstadt.vacancy.VacancyPanel.trend_withheld`) when it
        was built with ``min_count`` — the same quarters as in the map's
        profiles. ``public=True`` with a panel without ``min_count``, or a
        different ``min_count=``, is a ValueError.
    ax : Axes, optional
    title : str, optional
    public : bool, default False
        Publication mode: quarters suppressed by :func:`trend_suppressed`
        (fewer than ``min_count`` units at some survey, plus the secondary
        suppression) are not drawn; a note under the chart says how many of
        each and why (:func:`geoinnenstadt.labels.withheld_text`).
    min_count : int, optional
        Default :data:`geoinnenstadt.settings.public_min_count`.
    city : City, optional
        The City the trend was computed from: source line and sample-data
        note (module notes).
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> fig = gi.plots.trend_plot(gi.vacancy.trend(city.units, city.quarters), city=city)
    >>> len(fig.axes[0].get_lines())
    10
    >>> "Beispieldaten (synthetisch)" in fig.axes[0].artists[0].txt.get_children()[0].get_text()
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from .. import dates, labels, privacy, settings
    from ..vacancy import TOTAL_ID

    code = resolve_lang(lang)
    hidden: list[Any] = []
    kinds = pd.Series(dtype=object)
    if not isinstance(trend, pd.DataFrame):  # a VacancyPanel: its trend and its decision
        vp = trend
        vp.check(min_count=min_count, what="trend_plot")
        if public and vp.min_count is None:
            raise ValueError(
                "trend_plot: public=True with a panel built without min_count; "
                "build it with gi.vacancy.panel(..., min_count=)"
            )
        if vp.trend is None:
            raise ValueError("trend_plot: the panel has no trend (it was built without quarters)")
        trend, public, min_count = vp.trend, False, vp.min_count
        hidden = sorted(vp.trend_withheld)
        if hidden:  # why each is withheld (the panel's decision is the same rule)
            kinds = privacy.panel_suppression(vp.trend, min_count=min_count)
    frame: pd.DataFrame = trend  # a DataFrame from here on
    missing = {"survey_date", "quarter_id", "vacancy_rate"} - set(frame.columns)
    if missing:
        raise ValueError(
            f"trend_plot needs the output of gi.vacancy.trend; missing columns: {sorted(missing)}"
        )
    frame = pd.DataFrame(privacy.drop_personal(frame))
    if public:
        kinds = privacy.panel_suppression(frame, min_count=min_count)
        hidden = list(kinds.index)
    with plot_style():
        if ax is None:
            fig = plt.figure(figsize=(9.0, 4.8))
            ax = fig.add_subplot()
        else:
            fig = root_figure(ax)
        parsed = dates.parse_dates(frame["survey_date"])
        if parsed.invalid.any():
            bad = frame["survey_date"][parsed.invalid.to_numpy()].tolist()[:3]
            raise ValueError(f"trend_plot: survey_date holds values that are not dates: {bad}")
        data = frame.assign(survey_date=parsed.values)
        data = data[~data["quarter_id"].isin(hidden)]
        series = 0
        for qid, group in data.groupby("quarter_id", sort=False):
            group = group.sort_values("survey_date")
            if str(qid) == TOTAL_ID:
                ax.plot(
                    group["survey_date"],
                    group["vacancy_rate"],
                    color=style.CHART["total"],
                    linewidth=3,
                    marker="o",
                    label=labels.label("total", code),
                    zorder=5,
                )
            else:
                name = str(group["name"].iloc[0]) if "name" in group.columns else str(qid)
                ax.plot(
                    group["survey_date"],
                    group["vacancy_rate"],
                    **style.series_look(series),
                    linewidth=1.4,
                    marker="o",
                    markersize=3,
                    label=name,
                )
                series += 1
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: labels.format_percent(v, decimals=0, lang=code))
        )
        survey_dates = sorted(data["survey_date"].unique())
        ax.set_xticks(survey_dates)
        ax.set_xticklabels([labels.format_date(d, lang=code) for d in survey_dates])
        ax.set_ylabel(labels.label("vacancy_rate", code))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color=style.CHART["grid"])
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        ax.set_title(title or plot_text("plot.trend_title", code))
        if hidden:
            threshold = settings.public_min_count if min_count is None else int(min_count)
            ax.text(
                0.0,
                -0.12,
                labels.withheld_text(
                    int((kinds == "primary").sum()),
                    int((kinds == "secondary").sum()),
                    min_count=threshold,
                    lang=code,
                    chart=True,
                ),
                transform=ax.transAxes,
                fontsize=7,
                color=style.INK["muted"],
                va="top",
                gid="suppressed-note",
            )
        add_chart_furniture(ax, city, code, y=-0.2 if hidden else -0.12)
        fig.tight_layout()
    return literal_text(fig)


def take_up_plot(
    take_up: pd.Series | pd.DataFrame | LandPanel,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    mean_window: int | None = 5,
    window: tuple[int, int] | None = None,
    at: DateLike = None,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """Bar chart of land take-up (*Inanspruchnahme*) in hectares per calendar year.

    Parameters
    ----------
    take_up : Series, DataFrame or LandPanel
        Output of :func:`geoinnenstadt.land.take_up` (index year, hectares),
        of :func:`geoinnenstadt.land.take_up_by_year` (columns ``take_up_ha``
        and ``partial``: its partial years are drawn as partial),
        or a :class:`geoinnenstadt.land.LandPanel`: its take-up, and unless
        ``window`` is given the window of its years of supply (when it has a
        reference date), so chart and text state the same Ī.
    mean_window : int, optional
        Draw the mean of the last ``mean_window`` complete years as a dashed
        line.
    window : (int, int), optional
        Years (first, last) of the mean line instead — pass the window of
        :func:`geoinnenstadt.land.years_of_supply` (``window_start``,
        ``window_end``) so chart and text state the same Ī. A window with
        missing years (no dated take-up) draws no mean line.
    at : date-like, optional
        Reference date (the ``at`` of the briefing, else the City's
        ``meta["as_of"]``). Its year is *partial* when ``at`` lies before
        31 December: that bar is drawn hatched and lighter, its tick reads
        "2025 (unvollständig)" / "2025 (partial)", and it never enters the
        default mean. Without ``at`` the partial years come from the
        take-up series itself (``attrs["partial_years"]`` of
        :func:`geoinnenstadt.land.take_up`); the rule is
        :func:`geoinnenstadt.dates.last_complete_year` in both cases.
    city : City, optional
        The City the take-up was computed from: source line and sample-data
        note (module notes).
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.land.take_up(city.sites, start=2015, end=2024)
    >>> fig = gi.plots.take_up_plot(t, city=city)
    >>> len(fig.axes[0].patches)
    10
    >>> fig = gi.plots.take_up_plot(gi.land.panel(city), city=city)  # the panel's window
    >>> fig = gi.plots.take_up_plot(gi.land.take_up_by_year(city), city=city)
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from .. import dates, labels
    from ..land.result import LandPanel

    if isinstance(take_up, LandPanel):
        if window is None and take_up.reference_date is not None:
            observed = take_up.years_of_supply.loc["observed"]
            window = (observed["window_start"], observed["window_end"])
        take_up = take_up.take_up
    partial_years: list[int] = []
    if isinstance(take_up, pd.DataFrame):  # land.take_up_by_year: its partial flags
        missing = {"take_up_ha", "partial"} - set(take_up.columns)
        if missing:
            raise ValueError(
                "take_up_plot needs the output of gi.land.take_up or gi.land.take_up_by_year; "
                f"missing columns: {sorted(missing)}"
            )
        partial_years = [int(y) for y in take_up.index[take_up["partial"].to_numpy(dtype=bool)]]
        attrs = {str(k): v for k, v in take_up.attrs.items()}
        take_up = take_up["take_up_ha"].astype(float)
        take_up.attrs.update(attrs, partial_years=partial_years)
    code = resolve_lang(lang)
    # the partial year: land.take_up's attrs, else the rule of dates.last_complete_year on ``at``
    partial_years = [int(y) for y in take_up.attrs.get("partial_years", partial_years)]
    ref = dates.parse_optional_date(at)
    if ref is not None:
        complete_through = dates.last_complete_year(ref)
        partial_years = [int(y) for y in take_up.index if int(y) > complete_through]
    partial_year: int | None = partial_years[0] if partial_years else None
    with plot_style():
        if ax is None:
            fig = plt.figure(figsize=(9.0, 4.2))
            ax = fig.add_subplot()
        else:
            fig = root_figure(ax)
        years = [int(y) for y in take_up.index]
        heights = take_up.to_numpy(dtype=float)
        bars = ax.bar(years, heights, color=style.CHART["bar"], width=0.7)
        for year, bar in zip(years, bars, strict=True):
            bar.set_gid(f"take-up-{year}")
            if year == partial_year:
                bar.set_facecolor(style.CHART["bar_partial"])
                bar.set_hatch("///")
                bar.set_edgecolor(style.CHART["bar"])
                bar.set_gid(f"take-up-{year}-partial")
        complete = take_up[[y != partial_year for y in years]]
        last = None
        if window is not None and any(pd.isna(w) for w in window):  # no dated take-up
            window = None
            mean_window = None
        if window is not None:
            first_year, last_year = int(window[0]), int(window[1])
            last = take_up[(take_up.index >= first_year) & (take_up.index <= last_year)]
            span = (first_year, last_year)
        elif mean_window and len(complete) >= 1:
            last = complete.iloc[-mean_window:]
            span = (int(last.index[0]), int(last.index[-1]))
        if last is not None and len(last):
            mean = float(last.mean())
            ax.hlines(
                mean,
                span[0] - 0.4,
                span[1] + 0.4,
                colors=style.CHART["reference"],
                linestyles="--",
                label=plot_text(
                    "plot.mean_line",
                    code,
                    first=span[0],
                    last=span[1],
                    value=labels.format_number(mean, "ha", lang=code),
                ),
            )
            ax.legend(frameon=False, loc="upper right")  # the sample note is upper left
        ax.set_xticks(years)
        ticks = [
            plot_text("plot.partial_year", code, year=y) if y == partial_year else str(y)
            for y in years
        ]
        ax.set_xticklabels(ticks, rotation=45 if len(years) > 10 else 0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: labels.format_number(v, decimals=0, lang=code))
        )
        ax.set_ylabel(labels.label("take_up_ha", code))
        ax.grid(axis="y", color=style.CHART["grid"])
        ax.set_axisbelow(True)
        ax.set_title(title or plot_text("plot.take_up_title", code))
        if partial_year is not None and partial_year in years:
            ax.text(
                0.0,
                -0.14,
                plot_text(
                    "plot.partial_note",
                    code,
                    year=partial_year,
                    date=labels.format_date(ref, lang=code),
                ),
                transform=ax.transAxes,
                fontsize=7,
                color=style.INK["muted"],
                va="top",
                gid="partial-note",
            )
        rotated = len(years) > 10
        low = -0.3 if rotated else -0.14
        add_chart_furniture(ax, city, code, y=low - 0.07 if partial_year in years else low)
        fig.tight_layout()
    return literal_text(fig)


def supply_plot(
    timelines: pd.DataFrame | Mapping[str, pd.DataFrame] | LandPanel,
    *,
    scenarios: Sequence[str] | None = None,
    title: str | None = None,
    city: City | None = None,
    lang: str | None = None,
) -> Figure:
    """Supply timeline chart: reserve band, demand band and the gap, one panel per scenario.

    Draws the output of :func:`geoinnenstadt.land.supply_timeline`: the
    marketable reserve available in each year (reserve at the start of the
    year plus arrivals) as a filled band, the demand as a line with its
    low–high band (``attrs["demand_low_ha"]``/``["demand_high_ha"]``), and the
    years with unmet demand (the *Versorgungslücke*) shaded.

    Parameters
    ----------
    timelines : DataFrame, mapping of name to DataFrame, or LandPanel
        One timeline, several (one panel each, in the mapping's order), or a
        :class:`~geoinnenstadt.land.LandPanel` (its supply timelines).
    scenarios : list of str, optional
        The scenarios of a mapping or panel to draw (default all).
    title : str, optional
    city : City, optional
        The City the timelines were computed from: source line and
        sample-data note (module notes).
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> fig = gi.plots.supply_plot(gi.land.panel(city), city=city, lang="en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Baseline', 'Planning stopped', 'Planning accelerated']
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from .. import labels
    from ..land.result import LandPanel

    if isinstance(timelines, LandPanel):
        tables = {name: timelines.supply_timeline(name) for name in timelines.scenarios}
    elif isinstance(timelines, pd.DataFrame):
        name = str(timelines.attrs.get("scenario", {}).get("name", "baseline"))
        tables = {name: timelines}
    else:
        tables = dict(timelines)
    if scenarios is not None:
        unknown = [s for s in scenarios if s not in tables]
        if unknown:
            raise ValueError(f"supply_plot: no timeline for {unknown}; held: {list(tables)}")
        tables = {s: tables[s] for s in scenarios}
    if not tables:
        raise ValueError("supply_plot: no supply timeline to draw")
    need = {"year", "reserve_start_ha", "arrivals_ha", "demand_ha", "unmet_ha"}
    for name, table in tables.items():
        missing = need - set(table.columns)
        if missing:
            raise ValueError(
                f"supply_plot needs the output of gi.land.supply_timeline; {name!r} lacks "
                f"{sorted(missing)}"
            )
    code = resolve_lang(lang)

    def ha(v: float) -> str:
        return labels.format_number(v, "ha", lang=code)

    with plot_style():
        n = len(tables)
        height = 2.3 * n + 1.9
        fig, axes = plt.subplots(n, 1, figsize=(9.0, height), sharex=True, sharey=True,
                                 squeeze=False)  # fmt: skip
        for ax, (name, table) in zip(axes[:, 0], tables.items(), strict=True):
            years = table["year"].to_numpy(dtype=int)
            supply = (table["reserve_start_ha"] + table["arrivals_ha"]).to_numpy(dtype=float)
            demand = table["demand_ha"].to_numpy(dtype=float)
            low = float(table.attrs.get("demand_low_ha", demand.min()))
            high = float(table.attrs.get("demand_high_ha", demand.max()))
            for year in years[table["unmet_ha"].to_numpy(dtype=float) > 1e-9]:
                ax.axvspan(year - 0.5, year + 0.5, color=style.CHART["gap"], alpha=0.35, lw=0,
                           zorder=0, gid=f"gap-{year}")  # fmt: skip
            bars = ax.bar(years, supply, width=0.8, color=style.CHART["reserve"], zorder=2)
            for year, bar in zip(years, bars, strict=True):
                bar.set_gid(f"reserve-{year}")
            ax.fill_between([years[0] - 0.5, years[-1] + 0.5], low, high,
                            color=style.CHART["demand_band"], alpha=0.6, lw=0, zorder=3,
                            gid="demand-band")  # fmt: skip
            ax.hlines(demand, years - 0.5, years + 0.5, colors=style.CHART["demand"], lw=2,
                      zorder=4, gid="demand")  # fmt: skip
            ax.set_title(labels.value_label("scenario", name, code), loc="left", fontsize=10)
            ax.set_ylabel(labels.label("area_ha", code))
            ax.set_xticks(years[::2] if len(years) > 12 else years)
            ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
            ax.set_ylim(bottom=0)
            ax.grid(axis="y", color=style.CHART["grid"])
            ax.set_axisbelow(True)
            first = table.attrs.get("first_gap_year")
            note = (
                plot_text("plot.supply_first_gap", code, year=first)
                if first is not None
                else plot_text("plot.supply_no_gap", code, year=int(years[-1]))
            )
            ax.text(0.98, 0.97, note, transform=ax.transAxes, ha="right", va="top", fontsize=8,
                    color=style.INK["muted"], gid="first-gap")  # fmt: skip
        first_table = next(iter(tables.values()))
        lo = float(first_table.attrs.get("demand_low_ha", first_table["demand_ha"].min()))
        hi = float(first_table.attrs.get("demand_high_ha", first_table["demand_ha"].max()))
        handles = [
            Patch(color=style.CHART["reserve"], label=plot_text("plot.supply_reserve", code)),
            Patch(color=style.CHART["demand"],
                  label=plot_text("plot.supply_demand", code,
                                  value=ha(float(first_table["demand_ha"].iloc[0])))),
            Patch(color=style.CHART["demand_band"], alpha=0.6,
                  label=plot_text("plot.supply_band", code, low=ha(lo), high=ha(hi))),
            Patch(color=style.CHART["gap"], alpha=0.35, label=plot_text("plot.supply_gap", code)),
        ]  # fmt: skip
        bottom_in = 1.25  # inches below the last panel: ticks, source line, legend
        fig.subplots_adjust(left=0.08, right=0.98, top=1 - 0.6 / height, bottom=bottom_in / height,
                            hspace=0.35)  # fmt: skip
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=8,
                   bbox_to_anchor=(0.5, 0.0))  # fmt: skip
        fig.suptitle(title or plot_text("plot.supply_title", code))
        last = axes[-1, 0]
        add_chart_furniture(last, city, code, y=-0.22 * 2.3 / last.get_position().height / height)
    return literal_text(fig)
