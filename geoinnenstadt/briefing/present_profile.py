"""Presentation of the quarter profiles (notebook ``05_quartiersprofile``).

Part of :mod:`geoinnenstadt.briefing`. :func:`show_quarter_profiles` turns
:func:`geoinnenstadt.profiles.quarter_profiles` into one
``<section class="gi-quarter-profile" data-quarter-id="…">`` per quarter —
printed one quarter per A4 page (the page CSS of
:mod:`geoinnenstadt.briefing.page`). Each section holds the key figures
against the city, the use-mix bar with chain share and magnets, footfall
(or "nicht gemessen"), land when the quarter has sites, a locator map and
the vacancy trend. Every text is escaped and comes from
:mod:`geoinnenstadt.labels`; every chart is a :mod:`geoinnenstadt.plots`
chart with the sample-data note. In publication mode the quarters the
vacancy panel withholds show no unit-based figure, no use mix and no
magnets; a quarter without a published time series shows no trend.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dorsten")
>>> p = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
>>> t = gi.profiles.quarter_profiles(city, panel=p)
>>> markup = str(gi.briefing.show_quarter_profiles(t, city=city, panel=p, lang="en",
...                                                 display=False))
>>> markup.count('<section class="gi-quarter-profile"') == len(city.quarters)
True
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import labels
from ..labels import resolve_lang
from .present import html_block, show_figure

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..vacancy import VacancyPanel

#: Shared building blocks (public names for the exposé, not in ``__all__``): ``key_table``,
#: ``use_legend``.
__all__ = ["profile_magnets", "show_quarter_profiles"]

#: Magnets listed by name of use and floor area per quarter (the largest first); the rest counted.
MAGNETS_LISTED = 4

#: The key figures of a profile, in order, with their formats.
_FIGURES = ("units", "vacancy_rate", "change_pp", "long_term_share", "median_vacancy_days")


def _t(key: str, lang: str, **fmt: Any) -> str:
    return labels.text(key, lang, **fmt)


def _number(v: Any) -> float:
    """A float of ``v`` (NaN for a missing value or a marker)."""
    try:
        out = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return out


def _fmt(key: str, value: Any, code: str) -> str:
    v = _number(value)
    if pd.isna(v):
        return labels.na_text(code)
    if key in ("units", "n_occupied", "magnets", "counters", "sites"):
        return labels.format_int(v, lang=code)
    if key in ("vacancy_rate", "long_term_share", "chain_share", "footfall_change"):
        return labels.format_percent(v, lang=code)
    if key == "change_pp":
        return labels.format_pp(v, lang=code)
    if key == "median_vacancy_days":
        return labels.format_number(v, decimals=0, lang=code)
    if key == "diversity":
        return labels.format_number(v, decimals=2, lang=code)
    if key == "pedestrians_per_day":
        return labels.format_int(round(v), lang=code)
    if key == "reserve_ha":
        return labels.format_area_ha(v, lang=code)
    return labels.format_number(v, lang=code)


def profile_magnets(city: City, panel: VacancyPanel) -> pd.DataFrame:
    """The magnets of every quarter at the panel's date.

    From :func:`geoinnenstadt.uses.magnets` (largest first): ``quarter_id``,
    ``use_category`` (top level), ``use`` (the finest category,
    :func:`geoinnenstadt.uses.categorise` ``level="leaf"``), ``brand`` (a
    chain's brand, not personal; missing otherwise) and ``floor_area_m2`` —
    never an owner, an address or another unit column.
    """
    from .. import uses

    big = uses.magnets(city.require("units"), city.require("quarters"), at=panel.at)
    brand = big["brand"] if "brand" in big.columns else pd.Series(pd.NA, index=big.index)
    out = pd.DataFrame(
        {
            "quarter_id": big["quarter_id"].astype(object).to_numpy(),
            "use_category": big["use_category"].astype(object).to_numpy(),
            "use": uses.categorise(big, level="leaf").astype(object).to_numpy(),
            "brand": brand.astype(object).to_numpy(),
            "floor_area_m2": big["floor_area_m2"].astype(float).to_numpy(),
        }
    )
    return out


def _magnet_text(use: Any, brand: Any, code: str) -> str:
    """The use's finest label, and the brand in parentheses where there is one."""
    text = labels.value_label("use_category", str(use), code)
    if isinstance(brand, str) and brand.strip():
        text = f"{text} ({brand.strip()})"
    return text


def key_table(row: pd.Series, total: pd.Series, marker: str | None, at: Any, code: str) -> str:
    """The key figures of one profile row beside the city's (``total``), as an escaped table.

    ``marker`` stands in place of every quarter figure (a withheld quarter); ``at`` dates
    the caption. Shared with the exposé (:mod:`geoinnenstadt.briefing.expose`).
    """
    head = (
        f"<thead><tr><th>{html.escape(labels.label('measure', code))}</th>"
        f"<th>{html.escape(_t('profile.quarter_column', code))}</th>"
        f"<th>{html.escape(_t('profile.city_column', code))}</th></tr></thead>"
    )
    body = []
    for key in _FIGURES:
        shown = marker if marker is not None else _fmt(key, row.get(key), code)
        body.append(
            f"<tr data-figure='{key}'><th scope='row'>{html.escape(labels.label(key, code))}</th>"
            f"<td class='gi-num gi-quarter-value'>{html.escape(shown)}</td>"
            f"<td class='gi-num gi-city-value'>{html.escape(_fmt(key, total.get(key), code))}</td>"
            "</tr>"
        )
    caption = _t("profile.key_caption", code, date=labels.format_date(at, lang=code))
    return (
        f"<table class='gi-table gi-profile-figures'><caption>{html.escape(caption)}</caption>"
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )


def use_legend(row: pd.Series, code: str) -> str:
    """The legend of the use-mix bar: each category with a share, its swatch and the share."""
    from .. import style
    from ..uses import CATEGORIES

    items = []
    for cat in CATEGORIES:
        share = _number(row.get(f"share_{cat}"))
        if not share > 0:
            continue
        colour = style.symbol(style.use_key(cat)).fill or ""
        items.append(
            f"<li data-category='{html.escape(cat, quote=True)}'>"
            f"<span class='gi-swatch' style='background:{html.escape(colour, quote=True)}'>"
            "</span>"
            f"{html.escape(labels.value_label('use_category', cat, code))} "
            f"<span class='gi-share'>{html.escape(labels.format_percent(share, lang=code))}</span>"
            "</li>"
        )
    return f"<ul class='gi-use-legend'>{''.join(items)}</ul>"


def _magnets_block(row: pd.Series, listed: pd.DataFrame, threshold: Any, code: str) -> str:
    n = int(_number(row.get("magnets")))
    area = labels.format_number(_number(threshold), "m²", decimals=0, lang=code)
    heading = _t("profile.magnets_heading", code, area=area, n=labels.format_int(n, lang=code))
    rows = "".join(
        f"<tr><td class='gi-text'>"
        f"{html.escape(_magnet_text(r.use, r.brand, code))}</td>"
        f"<td class='gi-num'>"
        f"{html.escape(labels.format_number(r.floor_area_m2, 'm²', decimals=0, lang=code))}</td>"
        "</tr>"
        for r in listed.head(MAGNETS_LISTED).itertuples()
    )
    more = ""
    if len(listed) > MAGNETS_LISTED:
        more = (
            f"<p class='gi-text gi-magnets-more'>"
            f"{html.escape(_t('profile.magnets_more', code, n=len(listed) - MAGNETS_LISTED))}</p>"
        )
    table = ""
    if rows:
        table = (
            "<table class='gi-table gi-magnets'><thead><tr>"
            f"<th>{html.escape(labels.label('use_category', code))}</th>"
            f"<th>{html.escape(labels.label('floor_area_m2', code))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return f"<div class='gi-profile-magnets'><p class='gi-text'>{html.escape(heading)}</p>{table}{more}</div>"


def _footfall_block(
    row: pd.Series, total: pd.Series, qid: str, city: City, year: Any, where: Any, code: str
) -> str:
    from .. import plots, profiles

    heading = f"<h3>{html.escape(_t('profile.footfall_heading', code))}</h3>"
    status = row.get("footfall_status", "not_measured")
    if year is None or status == "not_measured" or (isinstance(status, float) and pd.isna(status)):
        text = _t("profile.footfall_not_measured", code)
        return (
            f"<div class='gi-profile-footfall' data-footfall='not_measured'>{heading}"
            f"<p class='gi-text'>{html.escape(text)}</p></div>"
        )
    if status != "measured":
        text = _t("profile.footfall_no_days", code, year=year)
        return (
            f"<div class='gi-profile-footfall' data-footfall='{html.escape(str(status))}'>"
            f"{heading}<p class='gi-text'>{html.escape(text)}</p></div>"
        )
    text = _t(
        "profile.footfall_text",
        code,
        year=year,
        per_day=_fmt("pedestrians_per_day", row.get("pedestrians_per_day"), code),
        counters=_fmt("counters", row.get("counters"), code),
        city_per_day=_fmt("pedestrians_per_day", total.get("pedestrians_per_day"), code),
        change=_fmt("footfall_change", row.get("footfall_change"), code),
        city_change=_fmt("footfall_change", total.get("footfall_change"), code),
    )
    ids = [str(i) for i in where.index[where.astype(object) == qid]]
    assert city.footfall is not None  # for mypy: a measured quarter has counts
    ff = profiles.quarter_footfall(city.footfall, ids, year=year)
    fig = plots.footfall_profile_plot(ff, year=int(year), city=city, lang=code)
    img = str(show_figure(fig, display=False, lang=code))
    return (
        f"<div class='gi-profile-footfall' data-footfall='measured'>{heading}"
        f"<p class='gi-text'>{html.escape(text)}</p>"
        f"<figure class='gi-figure gi-profile-chart gi-footfall-chart'>{img}</figure></div>"
    )


def _trend_block(
    panel: VacancyPanel, qid: str, name: str, city: City, public: bool, code: str
) -> str:
    from .. import plots
    from ..vacancy import TOTAL_ID

    heading = f"<h3>{html.escape(_t('profile.trend_heading', code))}</h3>"
    trend = panel.trend
    if trend is None:
        return ""
    if public and qid in panel.trend_withheld:
        text = _t("profile.trend_withheld", code)
        return (
            f"<div class='gi-profile-trend'>{heading}"
            f"<p class='gi-text'>{html.escape(text)}</p></div>"
        )
    import matplotlib.pyplot as plt

    from ..plots.cartography import keep_data_below_furniture

    part = trend[trend["quarter_id"].astype(str).isin([qid, TOTAL_ID])]
    # drawn at its printed size: the sample note and the source line are placed for it
    ax = plt.figure(figsize=(6.4, 3.0)).add_subplot()
    fig = plots.trend_plot(
        part, ax=ax, city=city, lang=code, title=_t("profile.trend_title", code, name=name)
    )
    # the chart is lower than trend_plot's own: the source line goes beneath the date labels,
    # and the data a little further beneath the sample-data note
    for label in ax.texts:
        if label.get_gid() == "source":
            label.set_y(-0.17)
    keep_data_below_furniture(ax, margin=0.08)
    fig.tight_layout()
    img = str(show_figure(fig, display=False, lang=code))
    return (
        f"<div class='gi-profile-trend'>{heading}"
        f"<figure class='gi-figure gi-profile-chart gi-trend-chart'>{img}</figure></div>"
    )


def _section_id(i: int, qid: str) -> str:
    """A safe anchor of the i-th quarter (letters, digits, hyphens only)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", qid).strip("-")
    return f"quartier-{i + 1}" + (f"-{slug}" if slug else "")


def show_quarter_profiles(
    profiles: pd.DataFrame,
    *,
    city: City,
    panel: VacancyPanel,
    public: bool = False,
    lang: str | None = None,
    display: bool = True,
) -> Any:
    """One section per quarter: key figures, use mix, magnets, footfall, land, locator, trend.

    Parameters
    ----------
    profiles : DataFrame
        :func:`geoinnenstadt.profiles.quarter_profiles` built with ``panel``
        (and its ``min_count`` in publication mode).
    city : City
        The quarters (locator maps), the counts (footfall charts), the
        units (magnets) and the sample-data note.
    panel : VacancyPanel
        The vacancy trend and, with ``public``, which quarters have no
        published time series.
    public : bool
        Publication mode: withheld quarters (``profiles["withheld"]``) show
        markers instead of figures, no use mix and no magnets.
    lang : {"de", "en"}, optional
    display : bool
        Display the sections (in a notebook) or return them.
    """
    from .. import plots
    from .. import profiles as _profiles
    from ..vacancy import TOTAL_ID

    code = resolve_lang(lang)
    if TOTAL_ID not in profiles.index:
        raise ValueError("show_quarter_profiles: the profiles have no city row ('total')")
    total = profiles.loc[TOTAL_ID]
    quarters = city.require("quarters")
    magnets = profile_magnets(city, panel)
    threshold = profiles.attrs.get("magnet_floor_area_m2")
    year = profiles.attrs.get("footfall_year")
    min_count = profiles.attrs.get("min_count")
    where = (
        _profiles.counter_quarters(city.footfall, quarters)
        if city.footfall is not None and year is not None
        else pd.Series(dtype=object)
    )
    sections = []
    for i, (qid, row) in enumerate(profiles.drop(index=TOTAL_ID).iterrows()):
        qid = str(qid)
        name = str(row["name"])
        decision = str(row.get("withheld", "") or "") if public else ""
        marker = None
        note = ""
        if decision == "primary":
            marker = _t("briefing.below", code, min_count=min_count)
            note = _t("profile.withheld_primary", code, min_count=min_count)
        elif decision == "secondary":
            marker = _t("briefing.withheld", code)
            note = _t("profile.withheld_secondary", code)
        parts = [
            f'<h2 id="{_section_id(i, qid)}">{html.escape(name)}</h2>',
        ]
        if note:
            parts.append(f"<p class='gi-text gi-profile-withheld'>{html.escape(note)}</p>")
        locator = plots.locator_plot(quarters, qid, city=city, lang=code)
        alt = _t("profile.locator_alt", code, name=name)
        unit_based = marker is None and _number(row.get("n_occupied")) > 0
        listed = magnets[magnets["quarter_id"].astype(object) == qid]
        parts.append(
            "<div class='gi-profile-top'><div class='gi-profile-left'>"
            + key_table(row, total, marker, profiles.attrs.get("at"), code)
            + (_magnets_block(row, listed, threshold, code) if unit_based else "")
            + "</div><figure class='gi-figure gi-profile-locator'>"
            + str(show_figure(locator, display=False, alt=alt, lang=code))
            + "</figure></div>"
        )
        mix = [f"<h3>{html.escape(_t('profile.mix_heading', code))}</h3>"]
        if unit_based:
            fig = plots.use_mix_plot(profiles, qid, city=city, lang=code)
            mix.append(
                "<figure class='gi-figure gi-profile-chart gi-mix-chart'>"
                + str(show_figure(fig, display=False, lang=code))
                + "</figure>"
            )
            mix.append(use_legend(row, code))
            text = _t(
                "profile.mix_text",
                code,
                n=_fmt("n_occupied", row.get("n_occupied"), code),
                chain=_fmt("chain_share", row.get("chain_share"), code),
                city_chain=_fmt("chain_share", total.get("chain_share"), code),
                diversity=_fmt("diversity", row.get("diversity"), code),
                city_diversity=_fmt("diversity", total.get("diversity"), code),
            )
            mix.append(f"<p class='gi-text gi-mix-text'>{html.escape(text)}</p>")
        elif marker is not None:
            mix.append(f"<p class='gi-text'>{html.escape(marker)}</p>")
        parts.append(f"<div class='gi-profile-mix'>{''.join(mix)}</div>")
        if "footfall_status" in profiles.columns:
            parts.append(_footfall_block(row, total, qid, city, year, where, code))
        else:
            parts.append(_footfall_block(row, total, qid, city, None, where, code))
        if _number(row.get("sites")) > 0:
            text = _t(
                "profile.land_text",
                code,
                sites=_fmt("sites", row.get("sites"), code),
                reserve=_fmt("reserve_ha", row.get("reserve_ha"), code),
            )
            parts.append(
                f"<div class='gi-profile-land'><h3>"
                f"{html.escape(_t('profile.land_heading', code))}</h3>"
                f"<p class='gi-text'>{html.escape(text)}</p></div>"
            )
        parts.append(_trend_block(panel, qid, name, city, public, code))
        sections.append(
            f'<section class="gi-quarter-profile" data-quarter-id="{html.escape(qid, quote=True)}">'
            + "".join(parts)
            + "</section>"
        )
    return html_block("".join(sections), display=display)
