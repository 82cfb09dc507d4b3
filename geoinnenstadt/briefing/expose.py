"""The exposé of a vacant unit: one self-contained HTML page, printed on one A4 page.

Part of :mod:`geoinnenstadt.briefing`. :func:`render_expose` draws what
:func:`geoinnenstadt.matching.expose` computed – the unit's facts, the quarter's
row of :func:`geoinnenstadt.profiles.quarter_profiles`, the nearest counter's
figures of :func:`geoinnenstadt.footfall.summary` and the rows of
:func:`geoinnenstadt.matching.for_unit` – and computes nothing itself. The page
uses the briefing page's skeleton and CSS (:func:`geoinnenstadt.briefing.page.document`), the
profile's key-figure table and use-mix legend
(:mod:`geoinnenstadt.briefing.present_profile`), the charts of
:mod:`geoinnenstadt.plots` as embedded PNGs and the one table markup
(:func:`geoinnenstadt.labels.html_table`): every text and attribute is
escaped, no file or address outside the page is referenced.

Use :func:`geoinnenstadt.matching.expose`; the sections here are its parts.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import labels
from .present import html_block, show_figure

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..dates import DateLike

__all__ = ["expose", "render_expose"]

#: Matching requests listed on the page (the best first); the rest are counted. The page
#: prints on one A4 page with this many rows.
REQUESTS_LISTED = 8

#: The page's own layout, on top of the briefing CSS (no colour outside style.INK's variables).
_CSS = """
main.gi-expose{max-width:900px;padding-top:.6rem}
.gi-expose h2{font-size:1.15rem;margin:.8rem 0 .3rem;border-bottom:2px solid var(--gi-header)}
.gi-expose-top,.gi-expose-quarter{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
.gi-expose table.gi-table{width:100%}
.gi-expose caption{text-align:left;font-weight:bold;padding-bottom:.2rem}
.gi-expose-locator img{width:100%;height:auto}
.gi-expose-mix img{width:100%;height:auto}
header.gi-title p.gi-kicker{margin:0;font-size:.95rem}
.gi-expose-personal{border:1px solid var(--gi-note_border);padding:.3rem .6rem;font-weight:bold}
@media print{
body{font-size:8.5pt}
header.gi-title{padding:2.5mm 4mm}
header.gi-title h1{font-size:15pt;margin:0 0 1mm}
header.gi-title p.gi-kicker{font-size:9pt}
main.gi-expose{padding:0}
.gi-expose h2{font-size:10.5pt;margin:2.5mm 0 1mm}
.gi-expose h3{font-size:9pt;margin:1mm 0 .5mm}
.gi-expose figure.gi-figure{margin:0}
.gi-expose-top,.gi-expose-quarter{gap:4mm}
.gi-expose table.gi-table{font-size:7.5pt;margin:.5mm 0}
.gi-expose table.gi-table th,.gi-expose table.gi-table td{padding:.3mm 1mm}
.gi-expose-locator img{height:50mm;width:auto;max-width:100%}
.gi-expose-mix img{height:24mm;width:auto;max-width:100%}
.gi-expose p{margin:.8mm 0}
.gi-sample-note,.gi-expose-personal{margin:1.5mm 0;padding:1mm 3mm}
footer.gi-footer{margin-top:2mm;padding-top:1mm;font-size:7pt}
footer.gi-footer p{margin:.3mm 0}
.gi-expose ul.gi-use-legend{font-size:7pt}
}
"""


def _t(key: str, code: str, **fmt: Any) -> str:
    return labels.text(key, code, **fmt)


def _known(v: Any) -> bool:
    return v is not None and not (isinstance(v, float) and pd.isna(v)) and v is not pd.NA


def _flag(v: Any, code: str) -> str:
    if not _known(v) or pd.isna(v):
        return labels.na_text(code)
    return labels.label("true" if bool(v) else "false", code)


def _number(v: Any, unit: str, decimals: int, code: str) -> str:
    if not _known(v) or pd.isna(v):
        return labels.na_text(code)
    return labels.format_number(float(v), unit, decimals=decimals, lang=code)


def _unit_table(unit: Mapping[str, Any], code: str) -> str:
    floor = unit.get("ground_floor")
    if not _known(floor) or pd.isna(floor):
        floor_text = labels.na_text(code)
    else:
        floor_text = _t("expose.floor_eg" if bool(floor) else "expose.floor_og", code)
    since = unit.get("vacant_since")
    if _known(since) and not pd.isna(since):
        since_text = _t(
            "expose.vacant_for",
            code,
            date=labels.format_date(since, lang=code),
            months=labels.format_int(unit.get("vacancy_months", 0), lang=code),
        )
    else:
        since_text = labels.na_text(code)
    rows = [
        (labels.label("unit_id", code), str(unit["unit_id"])),
        (labels.label("address", code), str(unit.get("address") or labels.na_text(code))),
        (labels.label("floor_area_m2", code), _number(unit.get("floor_area_m2"), "m²", 0, code)),
        (_t("expose.floor", code), floor_text),
        (labels.label("step_free", code), _flag(unit.get("step_free"), code)),
        (labels.label("shop_window_m", code), _number(unit.get("shop_window_m"), "", 1, code)),
        (
            labels.label("asking_rent_eur_m2", code),
            _number(unit.get("asking_rent_eur_m2"), "", 2, code),
        ),
        (labels.label("vacant_since", code), since_text),
    ]
    if unit.get("quarter_name"):
        rows.insert(2, (labels.label("quarter", code), str(unit["quarter_name"])))
    return labels.html_table(
        [labels.label("measure", code), ""],
        [list(r) for r in rows],
        index_columns=1,
        align=["text", "text"],
    ).replace("<table class=", "<table data-part='unit' class=", 1)


def _locator(city: City, unit: Mapping[str, Any], code: str) -> str:
    """The locator map: the quarters, the unit's quarter filled, the unit as a point."""
    import geopandas as gpd

    from .. import crs, plots, style

    qid = unit.get("quarter_id")
    quarters = city.quarters
    if quarters is None or not qid:
        return ""
    fig = plots.locator_plot(quarters, qid, city=city, lang=code)
    ax = fig.axes[0]
    point = unit.get("geometry")
    if point is not None and not point.is_empty:
        drawn = crs.to_working(gpd.GeoSeries([point], crs=unit.get("crs")))
        marker = style.symbol(style.duration_key(unit.get("duration_class"))).marker()
        marker["markersize"] = marker.get("markersize", 20) * 2
        marker["zorder"] = 10
        drawn.plot(ax=ax, **marker)
        ax.set_xlabel("")
        ax.set_ylabel("")
    alt = _t("expose.locator_alt", code, unit=str(unit["unit_id"]), name=unit.get("quarter_name"))
    return str(show_figure(fig, display=False, alt=alt, lang=code))


def _quarter(
    city: City, unit: Mapping[str, Any], profiles: pd.DataFrame | None, at: Any, code: str
) -> str:
    from .. import plots
    from ..vacancy import TOTAL_ID
    from .present_profile import key_table, use_legend

    qid = unit.get("quarter_id")
    if not qid or profiles is None or str(qid) not in profiles.index.astype(str):
        return (
            f"<section class='gi-expose-quarter-none'><h2>"
            f"{html.escape(_t('profile.mix_heading', code))}</h2>"
            f"<p class='gi-text'>{html.escape(_t('expose.quarter_none', code))}</p></section>"
        )
    profiles = profiles.copy()
    profiles.index = profiles.index.astype(str)
    row = profiles.loc[str(qid)]
    total = profiles.loc[TOTAL_ID]
    name = str(row.get("name", qid))
    table = key_table(row, total, None, at, code)
    mix = ""
    occupied = row.get("n_occupied")
    if _known(occupied) and not pd.isna(occupied) and float(occupied) > 0:
        fig = plots.use_mix_plot(profiles, str(qid), city=city, lang=code)
        mix = (
            f"<div class='gi-expose-mix'><h3>{html.escape(_t('profile.mix_heading', code))}</h3>"
            f"<figure class='gi-figure'>{show_figure(fig, display=False, lang=code)}</figure>"
            f"{use_legend(row, code)}</div>"
        )
    heading = html.escape(_t("expose.quarter_heading", code, name=name))
    return (
        f"<section class='gi-expose-quarter-part' data-quarter-id='{html.escape(str(qid), quote=True)}'>"
        f"<h2>{heading}</h2><div class='gi-expose-quarter'><div>{table}</div>{mix}</div></section>"
    )


def _footfall(counter: Mapping[str, Any] | None, radius_m: float, code: str) -> str:
    heading = f"<h3>{html.escape(_t('profile.footfall_heading', code))}</h3>"
    if counter is None:
        radius = labels.format_number(radius_m, "m", decimals=0, lang=code)
        text = _t("expose.footfall_none", code, radius=radius)
        state = "none"
    else:
        text = _t(
            "expose.footfall_text",
            code,
            name=str(counter["name"]),
            distance=labels.format_number(counter["distance_m"], "m", decimals=0, lang=code),
            mean=labels.format_int(round(float(counter["mean"])), lang=code),
            first=labels.format_date(counter["first"], lang=code),
            last=labels.format_date(counter["last"], lang=code),
        )
        state = "measured"
    return (
        f"<div class='gi-expose-footfall' data-footfall='{state}'>{heading}"
        f"<p class='gi-text'>{html.escape(text)}</p></div>"
    )


def _requests(matches: pd.DataFrame | None, personal: bool, code: str) -> str:
    heading = f"<h2>{html.escape(_t('expose.requests_heading', code))}</h2>"
    if matches is None:
        return (
            f"<section class='gi-expose-requests' data-requests='none'>{heading}"
            f"<p class='gi-text'>{html.escape(_t('expose.requests_none', code))}</p></section>"
        )
    if not len(matches):
        return (
            f"<section class='gi-expose-requests' data-requests='0'>{heading}"
            f"<p class='gi-text'>{html.escape(_t('expose.requests_no_match', code))}</p></section>"
        )
    columns = [
        labels.label("request_id", code),
        labels.label("use", code),
        _t("expose.size", code),
        _t("expose.score", code),
    ]
    align = ["text", "text", "num", "num"]
    if personal:
        columns += [
            labels.label(c, code) for c in ("contact_name", "contact_email", "contact_phone")
        ]
        align += ["text", "text", "text"]
    rows = []
    for r in matches.head(REQUESTS_LISTED).to_dict("records"):
        low = _number(r.get("min_floor_area_m2"), "", 0, code)
        high = _number(r.get("max_floor_area_m2"), "m²", 0, code)
        use = r.get("use")
        row = [
            str(r["request_id"]),
            labels.value_label("use_category", str(use), code) if _known(use) else "",
            f"{low}–{high}",
            labels.format_number(float(r["score"]), decimals=1, lang=code),
        ]
        if personal:
            row += [
                "" if not _known(r.get(c)) else str(r.get(c))
                for c in ("contact_name", "contact_email", "contact_phone")
            ]
        rows.append(row)
    table = labels.html_table(columns, rows, align=align)
    text = _t("expose.requests_text", code, n=labels.format_int(len(matches), lang=code))
    more = ""
    if len(matches) > REQUESTS_LISTED:
        more_text = _t("expose.requests_more", code, n=len(matches) - REQUESTS_LISTED)
        more = f"<p class='gi-text gi-expose-more'>{html.escape(more_text)}</p>"
    return (
        f"<section class='gi-expose-requests' data-requests='{len(matches)}'>{heading}"
        f"<p class='gi-text'>{html.escape(text)}</p>{table}{more}</section>"
    )


def render_expose(
    *,
    city: City,
    unit: Mapping[str, Any],
    profiles: pd.DataFrame | None,
    counter: Mapping[str, Any] | None,
    radius_m: float,
    matches: pd.DataFrame | None,
    at: pd.Timestamp,
    personal: bool = False,
    lang: str | None = None,
) -> str:
    """The exposé page of one vacant unit as HTML text (self-contained, one A4 page).

    Parameters
    ----------
    city : City
        The quarters (locator map), the source line and the sample-data note.
    unit : mapping
        The unit's facts at ``at``: ``unit_id``, ``address``, ``floor_area_m2``,
        ``ground_floor``, ``step_free``, ``shop_window_m``,
        ``asking_rent_eur_m2``, ``vacant_since``, ``vacancy_months``,
        ``duration_class``, ``quarter_id``, ``quarter_name``, ``geometry`` and
        ``crs`` – nothing of an owner.
    profiles : DataFrame or None
        :func:`geoinnenstadt.profiles.quarter_profiles` at ``at``.
    counter : mapping or None
        The nearest counter within ``radius_m``: ``name``, ``distance_m``,
        ``mean``, ``first``, ``last`` (of :func:`geoinnenstadt.footfall.summary`).
    radius_m : float
        The search radius of the counter.
    matches : DataFrame or None
        :func:`geoinnenstadt.matching.for_unit` with the requests' ``use`` and size
        range (and ``contact_*`` with ``personal``); None when the City has no
        requests.
    at : Timestamp
        The reference date.
    personal : bool
        Show the requests' contacts.
    lang : {"de", "en"}, optional
    """
    from .. import __version__
    from ..plots.cartography import source_text
    from .page import document, heading
    from .present import sample_note

    code = labels.resolve_lang(lang)
    address = str(unit.get("address") or unit["unit_id"])
    title = _t("expose.title", code, address=address)
    kicker = _t("expose.kicker", code, unit=str(unit["unit_id"]), city=city.name or "")
    note = sample_note(city, lang=code, display=False)
    personal_note = (
        f"<p class='gi-expose-personal'>{html.escape(_t('expose.personal_note', code))}</p>"
        if personal
        else ""
    )
    locator = _locator(city, unit, code)
    top = (
        f"<section class='gi-expose-unit'><h2>{html.escape(_t('expose.unit_heading', code))}</h2>"
        f"<div class='gi-expose-top'><div>{_unit_table(unit, code)}</div>"
        f"<figure class='gi-figure gi-expose-locator'>{locator}</figure></div></section>"
    )
    body = (
        top
        + _quarter(city, unit, profiles, at, code)
        + _footfall(counter, radius_m, code)
        + _requests(matches, personal, code)
    )
    now = _dt.datetime.now().strftime("%d.%m.%Y %H:%M" if code == "de" else "%Y-%m-%d %H:%M")
    footer = _t(
        "expose.footer",
        code,
        date=labels.format_date(at, lang=code),
        generated=now,
        version=__version__,
    )
    main = (
        f"{str(note) if note is not None else ''}\n{personal_note}\n"
        f"{html_block(body, display=False)}\n"
        f'<footer class="gi-footer">\n<p>{html.escape(source_text(city, code))}</p>\n'
        f"<p>{html.escape(footer)}</p>\n</footer>"
    )
    header = f'{heading(1, html.escape(title))}\n<p class="gi-kicker">{html.escape(kicker)}</p>'
    return document(
        lang=code, title=title, header=header, main=main, css=_CSS, attrs=' class="gi-expose"'
    )


def expose(
    city: City,
    unit_id: Any,
    path: str | os.PathLike[str],
    *,
    personal: bool = False,
    at: DateLike = None,
    lang: str | None = None,
) -> Path:
    """Write the exposé of a vacant unit: one self-contained HTML page, one A4 page printed.

    Its figures come from :func:`geoinnenstadt.matching.expose_facts`; this
    function draws and writes them (``gi.matching.expose`` is this function).
    What a Citymanagement hands a prospective tenant: the unit (address, floor
    area, floor – EG/OG –, step-free access, shop-window length and asking rent
    where known, vacant since), its quarter's key figures and use mix (the row of
    :func:`geoinnenstadt.profiles.quarter_profiles` at ``at`` beside the city's),
    the footfall of the nearest counter within
    ``gi.settings.matching_footfall_radius_m`` (:func:`geoinnenstadt.footfall.summary`),
    a locator map and the matching requests of :func:`for_unit` (the same scores):
    their ids, use, size range and points. Owner data never appears; the requests'
    contacts only with ``personal=True``. Synthetic data carry the sample-data note.
    The page references no file or address outside itself (charts as embedded
    images) and is written atomically (temporary file, then rename).

    Parameters
    ----------
    city : City
        Units (required), quarters, footfall and requests (each optional: without
        requests the page says "keine Gesuche erfasst").
    unit_id : str
        The unit; it must be vacant at ``at``.
    path : str or path-like
        The HTML file to write.
    personal : bool
        Show the contact name, e-mail and phone of each matching request.
    at : date-like, optional
        Reference date (default the City's ``meta["as_of"]``, else the latest survey).
    lang : {"de", "en"}, optional

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        ``unit_id`` is not in the units (with the closest id), or the unit is not
        vacant at ``at`` (its status named).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "expose.html"
    >>> vacant = gi.vacancy.durations(city.units, at="30.06.2025")
    >>> unit = city.units.loc[vacant.index[0], "unit_id"]
    >>> gi.matching.expose(city, unit, out).name  # also gi.briefing.expose.expose
    'expose.html'
    >>> "Beispieldaten (synthetisch)" in out.read_text(encoding="utf-8")
    True
    """
    from ..io import atomic_path
    from ..matching import expose_facts

    facts = expose_facts(city, unit_id, personal=personal, at=at, lang=lang)
    html_text = render_expose(**facts)
    with atomic_path(path) as tmp:
        tmp.write_text(html_text, encoding="utf-8")
    return Path(path)
