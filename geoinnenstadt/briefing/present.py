"""Presentation helpers used by the notebooks: ``show_*``, tables, texts, publication mode.

The land and pre-emption sections live in :mod:`geoinnenstadt.briefing.present_land`.

Part of :mod:`geoinnenstadt.briefing`. Every value that reaches a briefing
goes through these helpers, so it is escaped and formatted the same way:

* inputs pass :func:`geoinnenstadt.privacy.drop_personal` (no owner data);
* texts come from :mod:`geoinnenstadt.labels` in ``lang`` (default
  :data:`geoinnenstadt.settings.language`);
* in publication mode small quarters are suppressed by
  :func:`geoinnenstadt.privacy.suppression` (primary and secondary), in
  every table, chart and text.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``paragraphs``.

Examples
--------
>>> from geoinnenstadt.briefing import show_text
>>> str(show_text("<b>5 $</b>", display=False))
"<p class='gi-text'>&lt;b&gt;5 $&lt;/b&gt;</p>"
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..labels import resolve_lang

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..dates import DateLike

#: The mime type of the publication decision a notebook reports to its page
#: (:func:`report_withheld`; read by :func:`geoinnenstadt.briefing.page.render_page`).
WITHHELD_MIME = "application/vnd.geoinnenstadt.withheld+json"

__all__ = [
    "WITHHELD_MIME",
    "hotspot_summary",
    "latest_flows",
    "publication_table",
    "report_withheld",
    "sample_note",
    "show_downloads",
    "show_figure",
    "show_fund_text",
    "show_key_figures",
    "show_map",
    "show_table",
    "show_text",
    "show_vacancy_text",
    "trend_table",
    "vacancy_key_figures",
    "vacancy_sentences",
    "vacancy_summary",
    "vacancy_table",
]


def _t(key: str, lang: str | None, **fmt: Any) -> str:
    from .. import labels

    return labels.text(key, lang, **fmt)


def _min_count(min_count: int | None) -> int:
    from .. import settings

    return settings.public_min_count if min_count is None else int(min_count)


def _display(obj: Any) -> Any:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return obj
    display(obj)
    return None


class _HTML:
    """Minimal rich-display object (avoids importing IPython at module import)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def html_block(markup: str, *, display: bool = True) -> Any:
    """Ready, escaped HTML ``markup`` as a rich-display object: displayed (``display``) or returned.

    The way every ``show_*`` function of the briefings hands over its HTML;
    the caller escapes every value in ``markup``.
    """
    obj = _HTML(markup)
    return _display(obj) if display else obj


def paragraphs(sentences: Sequence[str], display: bool) -> Any:
    """The sentences as HTML paragraphs, displayed (``display``) or returned."""
    obj = _HTML("".join(f"<p class='gi-text'>{html.escape(s)}</p>" for s in sentences))
    return _display(obj) if display else obj


def show_text(text: str, *, tag: str = "p", display: bool = True) -> Any:
    """Show generated text (e.g. figures in sentences) escaped as HTML."""
    obj = _HTML(f"<{tag} class='gi-text'>{html.escape(text)}</{tag}>")
    return _display(obj) if display else obj


def sample_note(city: City, *, lang: str | None = None, display: bool = True) -> Any:
    """A visible note when the data are synthetic (``city.meta['synthetic']``); nothing otherwise.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> str(sample_note(gi.load_sample("dorsten"), lang="en", display=False))
    "<div class='gi-sample-note' role='note'>Sample data (synthetic) – not official data</div>"
    """
    from .. import labels

    if not getattr(city, "is_synthetic", False):
        return None
    text = _t(
        "briefing.sample_note",
        lang,
        note=labels.sample_note(lang),
        not_official=_t("briefing.not_official", lang),
    )
    obj = _HTML(f"<div class='gi-sample-note' role='note'>{html.escape(text)}</div>")
    return _display(obj) if display else obj


def report_withheld(panel: Any, *, display: bool = True) -> dict[str, int] | None:
    """Tell the briefing page how many quarters publication mode withheld at the panel's date.

    The page's footnote (:func:`geoinnenstadt.briefing.page.render_page`)
    states the counts and why (:func:`geoinnenstadt.labels.withheld_text`).
    The report is a display output of mime type :data:`WITHHELD_MIME`
    (``{"primary": n, "secondary": m, "min_count": k}``), read and removed
    by the page; nothing is shown. ``display=False`` returns the report
    instead. A panel built without ``min_count`` (internal briefing) reports
    nothing.

    Parameters
    ----------
    panel : VacancyPanel
        Its decision at its date (:meth:`~geoinnenstadt.vacancy.VacancyPanel.withheld_at`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dorsten")
    >>> p = gi.vacancy.panel(city.units, city.quarters, min_count=3, hotspots=False)
    >>> sorted(report_withheld(p, display=False))
    ['min_count', 'primary', 'secondary']
    """
    if getattr(panel, "min_count", None) is None:
        return None
    decision = panel.withheld_at()
    report = {
        "primary": int((decision == "primary").sum()),
        "secondary": int((decision == "secondary").sum()),
        "min_count": int(panel.min_count),
    }
    if display:
        try:
            from IPython.display import display as show
        except ImportError:  # pragma: no cover
            return report
        show({WITHHELD_MIME: report}, raw=True)
        return None
    return report


def show_table(
    df: pd.DataFrame,
    *,
    lang: str | None = None,
    caption: str | None = None,
    display: bool = True,
    index: bool = True,
) -> Any:
    """Show a DataFrame formatted for ``lang`` (labels, decimal commas, "k. A."), escaped.

    Personal columns are dropped (:func:`geoinnenstadt.privacy.drop_personal`).
    The table is :func:`geoinnenstadt.labels.format_table` as
    :func:`geoinnenstadt.labels.table_html` draws it: one heading row (the
    index name beside the column headings), numbers right-aligned and texts
    left-aligned, the city-total row named once ("Gesamt"/"Total").

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> markup = str(show_table(gi.vacancy.rates(city.units, city.quarters), lang="en",
    ...                         display=False))
    >>> markup.count("<tr>"), markup.count(">Total<"), markup.count("Gesamt")
    (11, 1, 0)
    """
    from .. import labels, privacy

    code = resolve_lang(lang)
    df = privacy.drop_personal(df)
    df, markers = _numeric_with_markers(df)
    formatted = labels.format_table(df, lang=code)
    for column, (mask, values) in markers.items():
        target = labels.label(column, code)
        shown = formatted[target].to_numpy(dtype=object).copy()
        shown[mask] = values[mask]
        formatted[target] = shown
    table_html = labels.table_html(formatted, index=index)
    if caption:
        table_html = (
            f"<figure class='gi-figure'><figcaption>{html.escape(caption)}</figcaption>"
            f"{table_html}</figure>"
        )
    obj = _HTML(table_html)
    return _display(obj) if display else obj


def _numeric_with_markers(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[Any, Any]]:
    """Columns of numbers and suppression markers ("< 3", "gesperrt") back to numbers.

    Returns the frame with those columns numeric (markers as missing) and,
    per column, the marker mask and values to put back after formatting, so
    that the shown figures keep their formats ("10,0 %", "12").
    """
    out = df
    markers: dict[Any, Any] = {}
    for column in df.columns:
        if df[column].dtype != object:
            continue
        values = df[column].to_numpy(dtype=object)
        is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
        numbers = pd.to_numeric(
            pd.Series(np.where(is_text, np.nan, values), index=df.index), errors="coerce"
        )
        present = df[column].notna().to_numpy()
        if not is_text.any():
            # an object column without markers: numbers (a public table's column that had
            # no quarter withheld) or dates stay what they are, never formatted as text
            restored = _restored(df[column], numbers, present)
            if restored is not None:
                if out is df:
                    out = df.copy()
                out[column] = restored
            continue
        if (numbers.isna() & ~is_text & present).any():
            continue
        if is_text.all():  # a column of texts (names), no figure behind a marker
            continue
        if numbers.notna().any() and (numbers.dropna() % 1 == 0).all():
            numbers = numbers.astype("Int64")
        if out is df:
            out = df.copy()
        out[column] = numbers
        markers[column] = (is_text, values)
    return out, markers


def _restored(column: pd.Series, numbers: pd.Series, present: np.ndarray) -> pd.Series | None:
    """An object column of only numbers (integers as Int64) or only dates, typed; else None."""
    if not present.any():
        return None
    if (
        numbers.notna().to_numpy().sum() == present.sum()
        and not column.map(lambda v: isinstance(v, bool)).any()
    ):
        if (numbers.dropna() % 1 == 0).all():
            return numbers.astype("Int64")
        return numbers.astype(float)
    values = column[present]
    if values.map(lambda v: isinstance(v, (pd.Timestamp, _dt.date))).all():
        return column.astype("datetime64[ns]")  # Timestamps already: typed, nothing parsed
    return None


def show_map(
    m: Any,
    *,
    height: int = 520,
    offline: bool = True,
    display: bool = True,
    lang: str | None = None,
) -> Any:
    """Embed a folium map as a self-contained ``<iframe srcdoc>`` that renders offline.

    The map document gets Leaflet inlined from the installed package (see
    :mod:`geoinnenstadt.assets`); ``offline=False`` keeps OpenStreetMap tiles.
    """
    from .. import maps

    obj = _HTML(maps.to_iframe(m, offline=offline, height=height, lang=lang))
    return _display(obj) if display else obj


def publication_table(
    df: pd.DataFrame,
    *,
    count_column: str = "units",
    min_count: int | None = None,
    protect: Sequence[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Suppress small quarters for publication, with secondary suppression.

    :func:`geoinnenstadt.privacy.suppression` decides on ``count_column``
    of every row except the city total (index ``"total"``): rows with fewer
    than ``min_count`` units (default
    :data:`geoinnenstadt.settings.public_min_count`) are suppressed
    (*primary*, shown as ``"< 3"``), and one more row so that the total minus
    the shown rows cannot reveal them (*secondary*, shown as "gesperrt" /
    "withheld"). In a suppressed row every figure (``protect``, default:
    all numeric columns) is replaced; names stay. Personal columns are
    dropped. ``attrs["suppressed"]`` lists the suppressed index labels,
    ``attrs["suppression"]`` maps them to ``"primary"``/``"secondary"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.briefing import publication_table
    >>> df = pd.DataFrame({"units": [2, 10, 30], "vacant": [1, 3, 4]}, index=["A", "B", "C"])
    >>> t = publication_table(df, min_count=3, lang="de")
    >>> t["vacant"].tolist(), t.attrs["suppressed"]
    (['< 3', 'gesperrt', 4], ['A', 'B'])
    """
    from .. import privacy, vacancy

    if count_column not in df.columns:
        raise KeyError(f"publication_table: column {count_column!r} not in {list(df.columns)}")
    threshold = _min_count(min_count)
    source = privacy.drop_personal(df)
    is_total = pd.Index(source.index).astype(str) == vacancy.TOTAL_ID
    decision = privacy.suppression(source.loc[~is_total, count_column], min_count=threshold)
    return _mark(source, decision, threshold, protect, lang)


def _mark(
    source: pd.DataFrame,
    decision: pd.Series,
    threshold: int,
    protect: Sequence[str] | None,
    lang: str | None,
) -> pd.DataFrame:
    """``source`` with the figures of the rows ``decision`` withholds replaced by markers."""
    out = source.copy().astype("object")
    cols = (
        list(protect)
        if protect is not None
        else [c for c in source.columns if pd.api.types.is_numeric_dtype(source[c])]
    )
    decision = decision[decision.index.isin(source.index)]
    primary = decision.index[decision == "primary"]
    secondary = decision.index[decision == "secondary"]
    out.loc[primary, cols] = _t("briefing.below", lang, min_count=threshold)
    out.loc[secondary, cols] = _t("briefing.withheld", lang)
    out.attrs = dict(source.attrs)
    hidden = decision[decision != ""]
    out.attrs["suppressed"] = [i for i in source.index if i in hidden.index]
    out.attrs["suppression"] = hidden.to_dict()
    out.attrs["min_count"] = threshold
    return out


def _figure_description(fig: Any) -> list[str]:
    """The words of a chart for its alt text: titles, axis labels and legend entries, in order."""
    parts: list[str] = []
    suptitle = getattr(fig, "_suptitle", None)
    texts = [suptitle.get_text()] if suptitle is not None else []
    for ax in fig.get_axes():
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
    for text in texts:
        text = " ".join(str(text).split())
        if text and text not in parts:
            parts.append(text)
    return parts


def show_figure(
    fig: Any, *, display: bool = True, alt: str | None = None, lang: str | None = None
) -> Any:
    """Show a matplotlib Figure as an embedded PNG (150 dpi) and close it.

    The image's alt text (default) names the chart and lists its titles,
    axis labels and legend entries, so a screen reader (and a text search)
    finds what the picture shows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2], label="Total"); _ = ax.set_title("Vacancy rate"); _ = ax.legend()
    >>> markup = str(show_figure(fig, display=False, lang="en"))
    >>> markup.split(" src=")[0]
    "<img class='gi-chart' alt='Chart: Vacancy rate; Total'"
    """
    import base64
    import io as _io

    import matplotlib.pyplot as plt

    from ..plots import literal_text

    literal_text(fig)
    description = _figure_description(fig)
    buf = _io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    if alt is not None:
        text = alt
    elif description:
        text = f"{_t('briefing.chart_alt', lang)}: {'; '.join(description)}"
    else:
        text = _t("briefing.chart_alt", lang)
    obj = _HTML(
        f"<img class='gi-chart' alt='{html.escape(text, quote=True)}' "
        f"src='data:image/png;base64,{data}'>"
    )
    return _display(obj) if display else obj


def vacancy_table(panel: Any, *, public: bool = False, lang: str | None = None) -> pd.DataFrame:
    """The quarter table of a :class:`~geoinnenstadt.vacancy.VacancyPanel` at its date.

    With ``public=True`` the quarters the panel withholds show "< 3"
    (primary) or "gesperrt" (secondary), as in :func:`publication_table` —
    the panel's decision, the same as on its maps; the panel must have been
    built with ``min_count``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> p = gi.vacancy.panel(city.units, city.quarters, min_count=70, hotspots=False)
    >>> gi.briefing.vacancy_table(p, public=True).loc["Q01", "units"]
    '< 70'
    """
    from .. import privacy

    table = panel.rates_at()
    if table is None:
        raise ValueError("vacancy_table: the panel was built without quarters")
    table = privacy.drop_personal(table)
    if not public:
        return table
    if panel.min_count is None:
        raise ValueError("vacancy_table: public=True needs a panel built with min_count=")
    return _mark(table, panel.withheld_at(), panel.min_count, None, lang)


def _panel_of(units: Any, quarters: Any, panel: Any, at: Any, what: str) -> Any:
    """``panel`` (checked against ``at``) or one built from ``units`` and ``quarters``."""
    from .. import vacancy

    if panel is not None:
        panel.check(at=at, what=what)
        return panel
    return vacancy.panel(units, quarters, at=at, hotspots=False)


def vacancy_key_figures(
    units: Any = None, quarters: Any = None, *, at: DateLike = None, panel: Any = None
) -> pd.Series:
    """Headline vacancy figures of the city at ``at`` and the change since the previous survey.

    Returns a Series with ``units``, ``vacant``, ``vacancy_rate``,
    ``vacant_floor_area_m2``, ``floor_area_vacancy_rate``, ``long_term_vacant``,
    ``long_term_share``, ``median_vacancy_days`` and ``change_pp`` (city
    total rate minus the rate at the previous survey, in percentage points;
    NaN at the first survey). ``attrs["at"]`` is the reference date,
    ``attrs["previous"]`` the previous survey date. ``panel``: a
    :class:`~geoinnenstadt.vacancy.VacancyPanel` to read them from (default:
    one built from ``units`` and ``quarters``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> kf = gi.briefing.vacancy_key_figures(city.units, city.quarters)
    >>> int(kf["units"]) == int(gi.vacancy.rates(city.units, city.quarters).loc["total", "units"])
    True
    """
    from .. import vacancy

    p = _panel_of(units, quarters, panel, at, "vacancy_key_figures")
    r = p.rates_at()
    at_ts = p.at
    total = r.loc[vacancy.TOTAL_ID]
    change = float("nan")
    previous = p.dates[-2] if len(p.dates) > 1 else None
    if previous is not None:
        before = p.rates_at(previous).loc[vacancy.TOTAL_ID, "vacancy_rate"]
        change = (float(total["vacancy_rate"]) - float(before)) * 100.0
    keys = [
        "units",
        "vacant",
        "vacancy_rate",
        "vacant_floor_area_m2",
        "floor_area_vacancy_rate",
        "long_term_vacant",
        "long_term_share",
        "median_vacancy_days",
    ]
    out = pd.Series({k: total[k] for k in keys if k in total.index}, dtype="object")
    out["change_pp"] = change
    out.attrs = {"at": at_ts, "previous": previous}
    return out


def show_key_figures(figures: pd.Series, *, lang: str | None = None, display: bool = True) -> Any:
    """Show headline figures as a two-column table with labels and formats of ``lang``."""
    from .. import labels

    code = resolve_lang(lang)
    fmt = {
        "units": lambda v: labels.format_int(v, lang=code),
        "vacant": lambda v: labels.format_int(v, lang=code),
        "long_term_vacant": lambda v: labels.format_int(v, lang=code),
        "vacancy_rate": lambda v: labels.format_percent(v, lang=code),
        "floor_area_vacancy_rate": lambda v: labels.format_percent(v, lang=code),
        "long_term_share": lambda v: labels.format_percent(v, lang=code),
        "vacant_floor_area_m2": lambda v: labels.format_number(v, "m²", decimals=0, lang=code),
        "median_vacancy_days": lambda v: labels.format_number(v, decimals=0, lang=code),
        "change_pp": lambda v: labels.format_pp(v, lang=code),
    }
    rows = []
    for key, value in figures.items():
        text = fmt.get(str(key), lambda v: labels.format_number(v, lang=code))(value)
        rows.append(
            f"<tr><th scope='row'>{html.escape(labels.label(key, code))}</th>"
            f"<td>{html.escape(text)}</td></tr>"
        )
    at = figures.attrs.get("at")
    caption = (
        _t("briefing.key_caption", code, date=labels.format_date(at, lang=code))
        if at is not None
        else ""
    )
    obj = _HTML(
        f"<table class='gi-table gi-keyfigures'><caption>{html.escape(caption)}</caption>"
        f"{''.join(rows)}</table>"
    )
    return _display(obj) if display else obj


def vacancy_sentences(
    rates: pd.DataFrame, *, lang: str | None = None, min_count: int | None = None
) -> list[str]:
    """State the per-quarter figures of :func:`geoinnenstadt.vacancy.rates` in sentences.

    Rows suppressed by :func:`publication_table` are described as such
    ("fewer than 3 units" for primary, "withheld" for secondary
    suppression) instead of giving figures.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.briefing import vacancy_sentences
    >>> r = pd.DataFrame({"name": ["Brückviertel"], "units": [96], "vacant": [14],
    ...                   "vacancy_rate": [14 / 96]}, index=["Q02"])
    >>> vacancy_sentences(r, lang="de")[0]
    'Im Quartier Brückviertel stehen 14 von 96 Einheiten leer (14,6 %).'
    >>> vacancy_sentences(r, lang="en")[0]
    'In Brückviertel, 14 of 96 units are vacant (14.6 %).'
    """
    from .. import labels, vacancy

    code = resolve_lang(lang)
    threshold = _min_count(min_count if min_count is not None else rates.attrs.get("min_count"))
    withheld = _t("briefing.withheld", code)
    out = []
    for key, row in rates.iterrows():
        name = str(row.get("name", key))
        units, vacant, rate = row.get("units"), row.get("vacant"), row.get("vacancy_rate")
        if isinstance(units, str) or isinstance(vacant, str):
            which = (
                "briefing.quarter_withheld"
                if withheld in (units, vacant)
                else ("briefing.quarter_small")
            )
            out.append(_t(which, code, name=name, min_count=threshold))
            continue
        if str(key) == vacancy.TOTAL_ID:
            subject = _t("briefing.subject_total", code)
        else:
            subject = _t("briefing.subject_quarter", code, name=name)
        if pd.isna(rate):
            out.append(_t("briefing.no_units_surveyed", code, subject=subject))
            continue
        out.append(
            _t(
                "briefing.vacant_one" if vacant == 1 else "briefing.vacant_many",
                code,
                subject=subject,
                vacant=labels.format_int(vacant, lang=code),
                units=labels.format_int(units, lang=code),
                rate=labels.format_percent(rate, lang=code),
            )
        )
    return out


def _names(names: Sequence[str], code: str) -> str:
    """Names joined: "A", "A und B", "A, B und C" ("and" in English)."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_t('briefing.and', code)} {names[-1]}"


def _extremes(values: pd.Series, names: pd.Series, largest: bool) -> tuple[list[str], float]:
    """The names of the quarters with the largest (smallest) value, in table order, and it."""
    best = float(values.max() if largest else values.min())
    return [str(names[k]) for k in values.index if values[k] == best], best


def vacancy_summary(panel: Any, *, public: bool = False, lang: str | None = None) -> list[str]:
    """The quarter table summed up in sentences, instead of repeating it.

    The city total at the panel's date and its change since the previous
    survey; the quarters with the highest and the lowest vacancy rate; the
    quarters whose rate rose and fell most since the previous survey (in
    percentage points); with ``public=True`` which quarters are withheld and
    why. Ties name every quarter. In public mode the highest, lowest and
    changes are taken from the published quarters only (not withheld at the
    date nor, for the changes, at the previous survey).

    Parameters
    ----------
    panel : VacancyPanel
        From :func:`geoinnenstadt.vacancy.panel` (with ``min_count`` for ``public=True``).
    public : bool, default False
        Publication mode: withheld quarters are named as such and never ranked.
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> p = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    >>> gi.briefing.vacancy_summary(p, lang="en")[2]
    'The highest vacancy rate is in Hansaviertel (27.3 %), the lowest in Hellweg (2.5 %).'
    """
    from .. import labels, vacancy

    code = resolve_lang(lang)
    if public and panel.min_count is None:
        raise ValueError("vacancy_summary: public=True needs a panel built with min_count=")
    rates = panel.rates_at()
    if rates is None:
        raise ValueError("vacancy_summary: the panel was built without quarters")
    total_rows = rates.loc[[vacancy.TOTAL_ID]]
    sentences = vacancy_sentences(total_rows, lang=code)
    previous = panel.dates[-2] if len(panel.dates) > 1 else None
    change = panel.change_pp()
    prev_text = labels.format_date(previous, lang=code) if previous is not None else ""
    if previous is not None and not pd.isna(change):
        key = "change_up" if change > 0 else "change_down" if change < 0 else "change_none"
        amount = labels.format_number(abs(change), decimals=1, lang=code)
        sentences.append(_t(f"briefing.{key}", code, date=prev_text, amount=amount))
    outside = _all_outside(rates, total_rows)
    if outside:
        key = "briefing.all_outside_one" if outside == 1 else "briefing.all_outside_many"
        return [*sentences, _t(key, code, units=labels.format_int(outside, lang=code))]
    quarters = rates.drop(index=vacancy.TOTAL_ID)
    names = quarters["name"].astype(str)
    decision = panel.withheld_at().reindex(quarters.index).fillna("") if public else None
    shown = quarters.index if decision is None else quarters.index[decision == ""]
    rate = pd.to_numeric(quarters.loc[shown, "vacancy_rate"], errors="coerce").dropna()
    if len(rate) >= 2:
        high, high_rate = _extremes(rate, names, largest=True)
        low, low_rate = _extremes(rate, names, largest=False)
        sentences.append(
            _t(
                "briefing.summary_range",
                code,
                high=_names(high, code),
                high_rate=labels.format_percent(high_rate, lang=code),
                low=_names(low, code),
                low_rate=labels.format_percent(low_rate, lang=code),
            )
        )
    if previous is not None:
        sentences += _change_sentences(panel, rate, names, previous, public, code)
    if decision is not None:
        sentences.append(_withheld_sentence(decision, names, panel.min_count, code))
    return sentences


def _change_sentences(
    panel: Any, rate: pd.Series, names: pd.Series, previous: Any, public: bool, code: str
) -> list[str]:
    """The quarters whose rate rose and fell most since ``previous`` (percentage points)."""
    from .. import labels

    before = pd.to_numeric(panel.rates_at(previous)["vacancy_rate"], errors="coerce")
    keys = rate.index
    if public:  # as the trend table: no change of a quarter without a published time series
        was = panel.withheld_at(previous).reindex(keys).fillna("")
        keys = keys[(was == "").to_numpy() & ~keys.isin(list(panel.trend_withheld))]
    diff = ((rate.reindex(keys) - before.reindex(keys)) * 100.0).dropna().round(10)
    date = labels.format_date(previous, lang=code)
    if not len(diff):
        return []
    rose, up = _extremes(diff, names, largest=True)
    fell, down = _extremes(diff, names, largest=False)
    out = []
    if up > 0:
        pp = labels.format_pp(up, lang=code)
        out.append(
            _t("briefing.summary_rise", code, date=date, names=_names(rose, code), change=pp)
        )
    if down < 0:
        key = "briefing.summary_fall" if up > 0 else "briefing.summary_fall_only"
        pp = labels.format_pp(down, lang=code)
        out.append(_t(key, code, date=date, names=_names(fell, code), change=pp))
    if up <= 0 and down >= 0:
        out.append(_t("briefing.summary_no_change", code, date=date))
    return out


def _withheld_sentence(decision: pd.Series, names: pd.Series, min_count: int, code: str) -> str:
    """Which quarters are withheld and why (or that none is)."""
    small = [names[k] for k in decision.index if decision[k] == "primary"]
    protected = [names[k] for k in decision.index if decision[k] == "secondary"]
    if not small and not protected:
        return _t("briefing.summary_none_withheld", code, min_count=min_count)
    parts = []
    if small:
        parts.append(
            _t("briefing.summary_small", code, names=_names(small, code), min_count=min_count)
        )
    if protected:
        parts.append(_t("briefing.summary_protected", code, names=_names(protected, code)))
    return _t("briefing.summary_withheld", code, parts="; ".join(parts))


def show_vacancy_text(
    rates: pd.DataFrame | None = None,
    figures: pd.Series | None = None,
    *,
    panel: Any = None,
    public: bool = False,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """Generated paragraph: city figures, change since the last survey and the quarters ranked.

    With ``panel`` (a :class:`~geoinnenstadt.vacancy.VacancyPanel`) the
    paragraph sums the quarter table up (:func:`vacancy_summary`, with
    ``public``) instead of repeating it; ``rates`` and ``figures`` are then
    not given. Without it, one sentence per quarter of ``rates``.

    When every unit lies outside the quarters (``rates.attrs["units_outside"]``
    equals the total), one sentence says so with their number, instead of
    "no units surveyed" for each quarter.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> p = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    >>> str(gi.briefing.show_vacancy_text(panel=p, lang="de", display=False)).count("<p")
    5
    """
    from .. import labels, vacancy

    code = resolve_lang(lang)
    if panel is not None:
        if rates is not None or figures is not None:
            raise ValueError("show_vacancy_text: give panel= or rates and figures, not both")
        return paragraphs(vacancy_summary(panel, public=public, lang=code), display)
    if rates is None or figures is None:
        raise ValueError("show_vacancy_text: give panel= or rates and figures")
    total_rows = (
        rates.loc[[vacancy.TOTAL_ID]] if vacancy.TOTAL_ID in rates.index else rates.iloc[:0]
    )
    sentences = vacancy_sentences(total_rows, lang=code)
    change = figures.get("change_pp")
    prev = figures.attrs.get("previous")
    if prev is not None and change is not None and not pd.isna(change):
        amount = labels.format_number(abs(change), decimals=1, lang=code)
        key = (
            "briefing.change_up"
            if change > 0
            else "briefing.change_down"
            if change < 0
            else "briefing.change_none"
        )
        sentences.append(_t(key, code, date=labels.format_date(prev, lang=code), amount=amount))
    quarters = rates.drop(index=vacancy.TOTAL_ID, errors="ignore")
    numeric = quarters[pd.to_numeric(quarters["vacancy_rate"], errors="coerce").notna()]
    ranked = numeric.assign(_r=pd.to_numeric(numeric["vacancy_rate"])).sort_values(
        "_r", ascending=False
    )
    sentences += vacancy_sentences(ranked.drop(columns="_r"), lang=code)
    outside = _all_outside(rates, total_rows)
    if outside:  # every quarter is empty for one reason: say it once, with the count
        key = "briefing.all_outside_one" if outside == 1 else "briefing.all_outside_many"
        sentences.append(_t(key, code, units=labels.format_int(outside, lang=code)))
        return paragraphs(sentences, display)
    suppressed = quarters.index.difference(numeric.index, sort=False)
    hidden = quarters.loc[suppressed]
    hidden.attrs = dict(rates.attrs)
    sentences += vacancy_sentences(hidden, lang=code)
    return paragraphs(sentences, display)


def _all_outside(rates: pd.DataFrame, total_rows: pd.DataFrame) -> int:
    """The number of units when all of them lie outside every quarter, else 0."""
    outside = rates.attrs.get("units_outside")
    if not outside or not len(total_rows):
        return 0
    total = pd.to_numeric(pd.Series([total_rows["units"].iloc[0]]), errors="coerce").iloc[0]
    return int(outside) if not pd.isna(total) and int(total) == int(outside) else 0


def trend_table(
    trend: Any,
    *,
    public: bool = False,
    min_count: int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Wide table of the vacancy rate per quarter (rows) and survey (columns) from :func:`vacancy.trend`.

    In publication mode the quarters of
    :func:`geoinnenstadt.plots.trend_suppressed` (the same as in the chart)
    show no figure in any column, the change included: "< 3" when the
    quarter had fewer units at some survey, "gesperrt"/"withheld" when it is
    suppressed to protect another quarter. ``trend`` may be a
    :class:`~geoinnenstadt.vacancy.VacancyPanel`: its trend and, when built
    with ``min_count``, its decision (the quarters without a chart on its map).
    """
    from .. import dates, labels, vacancy
    from ..plots import trend_suppressed

    code = resolve_lang(lang)
    decided: list[Any] | None = None
    if not isinstance(trend, pd.DataFrame):  # a VacancyPanel
        trend.check(min_count=min_count, what="trend_table")
        if public and trend.min_count is None:
            raise ValueError("trend_table: public=True needs a panel built with min_count=")
        min_count, decided, trend = trend.min_count, sorted(trend.trend_withheld), trend.trend
        public = public or bool(decided)
    threshold = _min_count(min_count)
    t = trend.copy()
    t["survey"] = dates.parse_dates(t["survey_date"]).values.map(
        lambda d: labels.format_date(d, lang=code)
    )
    is_total = t["quarter_id"].astype(str) == vacancy.TOTAL_ID
    t.loc[is_total, "name"] = labels.label("total", code)
    order = list(dict.fromkeys(t["survey"]))
    rates = t.pivot_table(
        index=["quarter_id", "name"],
        columns="survey",
        values="vacancy_rate",
        aggfunc="first",
        sort=False,
    )[order]
    rates = rates.map(lambda v: labels.format_percent(v, lang=code))
    change_col = _t("briefing.trend_change", code)
    last = t.groupby(["quarter_id", "name"], sort=False)["change_pp"].last()
    rates[change_col] = last.map(lambda v: labels.format_pp(v, lang=code))
    if public:
        hidden = trend_suppressed(trend, min_count=threshold) if decided is None else decided
        small = set(
            trend.loc[
                pd.to_numeric(trend["units"], errors="coerce").fillna(0) < threshold, "quarter_id"
            ]
        )
        for qid in hidden:
            mask = rates.index.get_level_values("quarter_id") == qid
            marker = (
                _t("briefing.below", code, min_count=threshold)
                if qid in small
                else _t("briefing.withheld", code)
            )
            rates.loc[mask, :] = marker
    rates.columns.name = None
    return rates.reset_index(level="name").rename(columns={"name": _t("briefing.quarter", code)})


def hotspot_summary(
    spots: Any,
    quarters: Any = None,
    *,
    public: bool = False,
    min_count: int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Count units per hot-spot class and quarter (from :func:`vacancy.hotspots`).

    ``spots`` may be a :class:`~geoinnenstadt.vacancy.VacancyPanel`: its hot
    spots at its date and its quarters; with ``public=True`` the quarters it
    withholds (whose units its hot spots leave out) show its markers.
    """
    from .. import privacy, zones

    decision = None
    if not isinstance(spots, pd.DataFrame):  # a VacancyPanel
        vp = spots
        vp.check(min_count=min_count, what="hotspot_summary")
        if public and vp.min_count is None:
            raise ValueError("hotspot_summary: public=True needs a panel built with min_count=")
        spots, quarters, min_count = vp.hotspots_at(), vp.quarters, vp.min_count
        if spots is None:
            raise ValueError("hotspot_summary: the panel was built with hotspots=False")
        decision = vp.withheld_at() if public else None
    spots = privacy.drop_personal(spots, kind="units")
    q = zones.assign(spots, quarters)
    table = pd.crosstab(q.fillna("outside"), spots["hotspot_class"])
    for col in ("hot", "cold", "not_significant"):
        if col not in table.columns:
            table[col] = 0
    table = table[["hot", "cold", "not_significant"]]
    names = quarters.set_index(q.name)["name"] if q.name in quarters.columns else None
    table.insert(0, "name", table.index.map(lambda i: names.get(i, i) if names is not None else i))
    table["units"] = table[["hot", "cold", "not_significant"]].sum(axis=1)
    table.index.name = "quarter_id"
    table.columns.name = None  # "hotspot_class" of the crosstab is no heading
    if decision is not None:  # the panel's decision; its withheld quarters have no units here
        gone = [q for q in decision.index[decision != ""] if q not in table.index]
        if gone:
            table = pd.concat([table, pd.DataFrame(index=pd.Index(gone, name="quarter_id"))])
            table.loc[gone, "name"] = [names.get(q, q) if names is not None else q for q in gone]
        return _mark(table, decision, _min_count(min_count), None, lang)
    return publication_table(table, min_count=min_count, lang=lang) if public else table


def latest_flows(
    units: Any = None,
    quarters: Any = None,
    *,
    at: DateLike = None,
    lang: str | None = None,
    panel: Any = None,
) -> pd.DataFrame:
    """Flows between the previous survey and ``at`` per quarter, with units at ``at``.

    ``panel``: a :class:`~geoinnenstadt.vacancy.VacancyPanel` whose dates,
    units, quarters and rates are used (the flows are computed here).
    """
    from .. import labels, privacy, vacancy

    code = resolve_lang(lang)
    p = _panel_of(units, quarters, panel, at, "latest_flows")
    units, quarters = privacy.drop_personal(p.units, kind="units"), p.quarters
    r = p.rates_at()
    at_ts = p.at
    previous = p.dates[-2] if len(p.dates) > 1 else None
    if previous is None:
        out = pd.DataFrame()
        out.attrs["caption"] = _t("briefing.flows_none", code)
        return out
    flows = vacancy.flows(units, start=previous, end=at_ts, quarters=quarters)
    flows["units"] = r["units"].reindex(flows.index)
    flows.attrs["caption"] = _t(
        "briefing.flows_caption",
        code,
        start=labels.format_date(previous, lang=code),
        end=labels.format_date(at_ts, lang=code),
    )
    return flows


def show_fund_text(flows: pd.DataFrame, *, lang: str | None = None, display: bool = True) -> Any:
    """Sentence on re-lettings and how many of them went through a fund."""
    from .. import labels, vacancy

    if flows.empty or vacancy.TOTAL_ID not in flows.index:
        return None
    code = resolve_lang(lang)
    total = flows.loc[vacancy.TOTAL_ID]
    text = _t(
        "briefing.fund_text",
        code,
        re_let=labels.format_int(int(total["re_let"]), lang=code),
        fund=labels.format_int(int(total["re_let_fund"]), lang=code),
        became_vacant=labels.format_int(int(total["became_vacant"]), lang=code),
    )
    return show_text(text, display=display)


def show_downloads(
    df: pd.DataFrame, *, name: str, lang: str | None = None, display: bool = True
) -> Any:
    """Download links (CSV with ';' and decimal comma, Excel) embedded as data URIs.

    Personal columns are dropped first.
    """
    import base64
    import io as _io

    from .. import privacy

    df = privacy.drop_personal(df)
    csv = df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")
    buf = _io.BytesIO()
    df.to_excel(buf, index=False)
    xlsx = buf.getvalue()
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    links = (
        f"<a download='{safe}.csv' href='data:text/csv;charset=utf-8;base64,"
        f"{base64.b64encode(csv).decode()}'>{html.escape(_t('briefing.download_csv', lang))}</a> · "
        f"<a download='{safe}.xlsx' href='data:{xlsx_type};base64,"
        f"{base64.b64encode(xlsx).decode()}'>{html.escape(_t('briefing.download_xlsx', lang))}</a>"
    )
    obj = _HTML(f"<p class='gi-downloads'>{links}</p>")
    return _display(obj) if display else obj
