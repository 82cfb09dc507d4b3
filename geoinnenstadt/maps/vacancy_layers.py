"""The layers of the vacancy map at every survey date: quarters, units, hot spots, key figures.

:mod:`geoinnenstadt.maps.timeline` lines up the figures of a
:class:`~geoinnenstadt.vacancy.VacancyPanel`; this module turns them into
layer data blocks (:mod:`geoinnenstadt.maps.payload`) whose style
codes and time-dependent columns carry one entry per date (``timed``), legends and boxes with one HTML text per
date, the search texts of units and quarters, the unit filters and the
quarter profiles (inline SVG from :func:`geoinnenstadt.maps.explore.trend_svg`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from .. import style as gi_style
from ..assets import escape_text
from . import payload
from .explore import search_texts, set_explore, trend_svg
from .layers import formatted, lonlat
from .legend import LegendItem, legend_html, symbol_item
from .page import add_box, add_layer, add_message
from .use_mix import UnitUses, category_labels, category_order

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from .timeline import Panel

#: The symbol keys of the unit layer's style codes (:mod:`geoinnenstadt.style`), code order.
_UNIT_KEYS: tuple[str, ...] = (
    "unit.occupied",
    *(gi_style.duration_key(d) for d in ("lt6m", "6to12m", "12to24m", "gt24m")),
    gi_style.duration_key(None),
)
_OCCUPIED = _UNIT_KEYS.index("unit.occupied")
_VACANT_UNKNOWN = _UNIT_KEYS.index(gi_style.duration_key(None))

#: Columns of the units layer that may reach a popup (an allow-list; personal columns never).
UNIT_POPUP_COLUMNS: tuple[str, ...] = (
    "unit_id", "address", "status", "floor_area_m2", "use", "vacant_since", "location_class", "fund",
)  # fmt: skip


def _per_date_box(
    m: folium.Map, isos: list[str], htmls: list[str], *, position: str, cls: str
) -> None:
    html: Any = htmls[0] if len(htmls) == 1 else {"dates": isos, "html": htmls}
    add_box(m, html, position=position, cls=cls)


def _legend(
    title: str, items: list[LegendItem], *, points: bool = False, note: str | None = None
) -> str:
    """A legend box's HTML; its rows are worded by :func:`geoinnenstadt.style.legend_text`."""
    html = legend_html(title, items, points=points)
    if note:
        html += f'<div class="gi-legend-note">{escape_text(note)}</div>'
    return html


# --------------------------------------------------------------------------- quarters


def quarters_layer(
    m: folium.Map,
    quarters: gpd.GeoDataFrame,
    panel: Panel | None,
    *,
    lang: str,
    scheme: str,
    k: int,
    min_count: int | None = None,
    mixes: list[pd.DataFrame | None] | None = None,
) -> None:
    """The quarter choropleth at every date, with tooltips, profiles and one legend per date.

    ``mixes``: :func:`geoinnenstadt.uses.mix` per date (from
    :func:`geoinnenstadt.maps.use_mix.quarter_mixes`); the profiles then show
    each quarter's use mix at the selected date (a stacked bar in the colours
    of the use-mix layer with its largest categories, drawn by the page from
    :class:`~geoinnenstadt.maps.payload.MixSpec`), its occupied units,
    diversity and chain share — nothing of it for a quarter withheld at that date.
    """
    from .. import classify

    qid = quarters["quarter_id"].astype(str)
    names = [
        None if labels.is_na(v) else str(v) for v in quarters.get("name", [None] * len(quarters))
    ]
    n_dates = len(panel.dates) if panel is not None else 1
    # a class: the quarter outline filled with the class colour (style.CHOROPLETH via classify),
    # as opaque as the quarters without units
    outline = gi_style.symbol("quarter.outline")
    class_opacity = gi_style.symbol("quarter.no_units").fill_opacity
    no_data_style = gi_style.symbol("quarter.no_units").leaflet()
    secret_style = gi_style.symbol("quarter.suppressed").leaflet()
    registry: list[dict[str, Any]] = []

    def code_of(style: dict[str, Any]) -> int:
        if style not in registry:
            registry.append(style)
        return registry.index(style)

    na = labels.na_text(lang)
    secret_text = labels.text("map.suppressed", lang)
    no_units = gi_style.label("quarter.no_units", lang)
    order = list(range(n_dates))[::-1]  # the selected (last) date first: its codes come first
    codes_at: dict[int, np.ndarray] = {}
    cols_at: dict[int, dict[str, list[Any]]] = {}
    legends: dict[int, str] = {}
    for i in order:
        nan = pd.Series(np.nan, index=quarters.index)
        rate, n_units, n_vacant = nan, nan, nan
        hidden = pd.Series(False, index=quarters.index)
        found = panel.rates[i] if panel is not None else None
        if panel is not None and found is not None:
            table = found.reindex(qid.to_numpy())

            def aligned(column: str, table: pd.DataFrame = table) -> pd.Series:
                return pd.Series(table[column].to_numpy(dtype=float), index=quarters.index)

            rate, n_units, n_vacant = aligned("vacancy_rate"), aligned("units"), aligned("vacant")
            hidden = pd.Series(qid.isin(panel.hidden_quarters[i]).to_numpy(), index=quarters.index)
        # withheld quarters lose every figure here, before classes, texts and legend are built
        rate = rate.where((n_units.fillna(0) > 0) & ~hidden)
        n_units, n_vacant = n_units.where(~hidden), n_vacant.where(~hidden)
        classes = classify.classify(rate, scheme=scheme, k=k)
        colors = classes.colors()
        class_codes = [
            code_of(replace(outline, fill=c, fill_opacity=class_opacity).leaflet()) for c in colors
        ]
        no_data, secret = code_of(no_data_style), code_of(secret_style)
        codes = np.array([class_codes[c] if c >= 0 else no_data for c in classes.codes])
        codes = np.where(hidden.to_numpy(), secret, codes)

        def shown(
            values: pd.Series, fmt: Any, missing: str, hidden: pd.Series = hidden
        ) -> list[str]:
            return [
                secret_text if h else fmt(v) if pd.notna(v) else missing
                for v, h in zip(values, hidden, strict=True)
            ]

        rate_text = shown(rate, lambda v: labels.format_percent(v, lang=lang), no_units)
        cols_at[i] = {
            "rate": rate_text,
            "units": shown(n_units, lambda v: labels.format_int(v, lang=lang), na),
            "vacant": shown(n_vacant, lambda v: labels.format_int(v, lang=lang), na),
            "tip": [
                f"{n if n is not None else q}: {r}"
                for n, q, r in zip(names, qid, rate_text, strict=True)
            ],
        }
        if mixes is not None:
            cols_at[i].update(_mix_columns(mixes[i], qid, hidden, lang, secret_text))
        codes_at[i] = codes
        # each row counts its quarters at the date, as the print map's legend does
        counts = True

        def row(
            code: int, text: str, counts: bool = counts, codes: np.ndarray = codes
        ) -> LegendItem:
            n = int((codes == code).sum()) if counts else None
            return registry[code], gi_style.legend_text(text, lang, count=n)

        items = [row(c, t) for c, t in zip(class_codes, classes.labels(lang), strict=True)]
        if (codes == no_data).any():
            items.append(row(no_data, no_units))
        if (codes == secret).any():
            items.append(
                row(secret, labels.text("map.suppressed_legend", lang, min_count=min_count))
            )
        note = labels.text("map.quarters_whole_inventory", lang) if panel is not None else None
        legends[i] = _legend(labels.text("map.vacancy_rate_by_quarter", lang), items, note=note)
    last = n_dates - 1
    cols: dict[str, Any] = {
        "name": payload.encode(names),
        **{c: payload.encode(v) for c, v in cols_at[last].items()},
    }
    chart = panel is not None and panel.trend is not None
    if chart:
        assert panel is not None
        cols["chart"] = _profiles(qid, panel, lang)
    # the quarter's profile: its root element has the class gi-profile
    fields = [("vacancy_rate", "rate"), ("units", "units"), ("vacant", "vacant")]
    if mixes is not None:
        fields += [
            ("n_occupied", "occupied"),
            ("diversity", "diversity"),
            ("chain_share", "chains"),
        ]
    popup = payload.popup(
        "name", fields, lang, profile=True, chart="chart" if chart else None,
        mix=_mix_spec(lang, [cols_at[i]["mix"] for i in range(n_dates)])
        if mixes is not None
        else None,
    )  # fmt: skip
    isos = panel.isos if panel is not None else []
    timed = payload.timed(
        isos,
        [codes_at[i] for i in range(n_dates)],
        {c: [cols_at[i][c] for i in range(n_dates)] for c in cols_at[last]},
        cols,
    )
    data = payload.shapes(
        lonlat(quarters), codes_at[last], cols, search_texts=search_texts(names, qid), timed=timed
    )
    add_layer(
        m, "quarters", labels.layer_label("quarters", lang), data, styles=registry,
        popup=popup, tooltip="tip", extra={"search": {"label": "name", "alt": None}},
    )  # fmt: skip
    _per_date_box(
        m, isos, [legends[i] for i in range(n_dates)], position="bottomright", cls="gi-legend"
    )


def _mix_columns(
    table: pd.DataFrame | None, qid: pd.Series, hidden: pd.Series, lang: str, secret: str
) -> dict[str, list[str | None]]:
    """The use mix of each quarter at one date: the bar's data, occupied units, diversity, chains.

    ``mix`` is the JSON text of :class:`~geoinnenstadt.maps.payload.MixSpec`
    (categories with a share, largest first, ties in the order of the
    categories). A quarter withheld at the date gets the withheld text in its
    rows and no bar; one without occupied units no bar and "k. A." rows.
    """
    na = labels.na_text(lang)
    out: dict[str, list[str | None]] = {"mix": [], "occupied": [], "diversity": [], "chains": []}
    for q, h in zip(qid, hidden, strict=True):
        row = None if table is None or q not in table.index else table.loc[q]
        if h or row is None:
            for name in ("occupied", "diversity", "chains"):
                out[name].append(secret if h else na)
            out["mix"].append(None)
            continue
        out["occupied"].append(labels.format_int(row["n_occupied"], lang=lang))
        if not row["n_occupied"]:
            out["mix"].append(None)
            out["diversity"].append(na)
            out["chains"].append(na)
            continue
        shares = [(k, float(row[f"share_{c}"])) for k, c in enumerate(gi_style.USE_TOP)]
        bars = [
            [k, round(v * 1000), labels.format_percent(v, lang=lang)]
            for k, v in sorted(shares, key=lambda kv: -kv[1])
            if v > 0
        ]
        out["mix"].append(json.dumps(bars, ensure_ascii=False, separators=(",", ":")))
        out["diversity"].append(labels.format_number(row["diversity"], decimals=2, lang=lang))
        out["chains"].append(labels.format_percent(row["chain_share"], lang=lang))
    return out


def _mix_spec(lang: str, bars: list[list[str | None]]) -> payload.MixSpec:
    """How the page draws the use mix of a quarter profile: labels and colours of the categories.

    Only the categories of some bar in ``bars`` (the ``mix`` column per date)
    are named; the others are ``None`` (nothing of a withheld quarter's mix,
    not even which categories it had, reaches the page).
    """
    used: set[int] = set()
    for column in bars:
        for text in column:
            if text is not None:
                used.update(int(row[0]) for row in json.loads(text))
    return {
        "column": "mix",
        "title": labels.text("map.use_mix_profile", lang),
        "labels": [t if k in used else None for k, t in enumerate(category_order(lang))],
        "colors": [
            str(gi_style.symbol(f"use.{c}").fill) if k in used else None
            for k, c in enumerate(gi_style.USE_TOP)
        ],
        "rows": 5,
    }


def _profiles(qid: pd.Series, panel: Panel, lang: str) -> list[str]:
    """Inline SVG trend chart per quarter; a text instead where the series is withheld."""
    trend = panel.trend
    assert trend is not None
    withheld = labels.text("map.profile_suppressed", lang)
    out = []
    for q in qid:
        if q in panel.profile_hidden:
            out.append(withheld)
            continue
        rows = trend[trend["quarter_id"] == q].sort_values("survey_date")
        title = labels.text("map.profile_title", lang)
        out.append(
            trend_svg(list(rows["survey_date"]), list(rows["vacancy_rate"]), lang=lang, title=title)
        )
    return out


# --------------------------------------------------------------------------- units


def units_layer(m: folium.Map, panel: Panel, *, lang: str, uses: UnitUses | None = None) -> str:
    """The units at every date, each with its attributes as surveyed at that date; the layer key.

    A unit's popup at a date shows the survey that is its state at that date
    (:func:`geoinnenstadt.vacancy.state_at`: status, floor area, use, fund,
    vacant since, …). Where a unit is not drawn — not in the inventory at that
    date, or in a quarter withheld at that date (public mode) — every column
    of that date is empty: nothing of that date reaches the page. With
    ``uses`` (:func:`geoinnenstadt.maps.use_mix.unit_uses`) the filter
    "Nutzung" offers the top-level use categories of :mod:`geoinnenstadt.uses`
    (hidden column ``usecat``), else none.
    """
    union = panel.union.reset_index(drop=True)
    isos, n_dates = panel.isos, len(panel.dates)
    codes: list[np.ndarray] = []
    per_date: dict[str, list[list[str | None]]] = {}
    keys = list(_UNIT_KEYS)
    for aligned, dur, classes in zip(
        panel.aligned, panel.durations, panel.unit_classes, strict=True
    ):
        drawn = aligned["unit_id"].notna().to_numpy()
        c = _unit_codes(classes)
        codes.append(np.where(drawn, c, -1))
        for name, values in _unit_values(aligned, lang, dur).items():
            shown = [v if d else None for v, d in zip(values, drawn, strict=True)]
            per_date.setdefault(name, []).append(shown)
    if uses is not None:
        per_date["usecat"] = [category_labels(top, lang) for top in uses.top]
    hidden_names = ("ground", "usecat")
    last = n_dates - 1
    cols = {
        "id": payload.encode(formatted(union["unit_id"], str)),
        **{
            name: payload.encode(per_date[name][last])
            for name in per_date
            if name not in hidden_names
        },
    }
    geo = gpd.GeoDataFrame(union, geometry=union.geometry, crs=panel.union.crs)
    # no embedded search text for units (about 30 bytes each): the page normalises the id and
    # address columns with the same rule (explore.search_key / normalise in explore.js)
    hidden_columns = {
        name: payload.encode(per_date[name][last]) for name in hidden_names if name in per_date
    }
    timed = payload.timed(isos, codes, per_date, {**hidden_columns, **cols})
    data = payload.points(
        lonlat(geo), codes[last], cols, hidden_columns=hidden_columns, timed=timed
    )
    styles = [gi_style.symbol(k).leaflet() for k in keys]
    filters = _unit_filters(keys, per_date, codes, lang)
    key = add_layer(
        m, "units", labels.layer_label("units", lang), data, styles=styles,
        popup=_unit_popup(lang),
        extra={"search": {"label": "address", "alt": "id", "fields": ["id", "address"]},
               "filters": filters, "vacantCodes": [
            i for i, k in enumerate(keys) if i != _OCCUPIED]},
    )  # fmt: skip
    present = set(np.concatenate(codes).tolist())
    htmls = []
    for c in codes:  # every row counts the units drawn at its date, as the print legend does
        n = np.bincount(c[c >= 0], minlength=len(keys))
        items = [
            symbol_item(k, lang, count=int(n[i]))
            for i, k in enumerate(keys)
            if i in present or i != _VACANT_UNKNOWN
        ]
        htmls.append(_legend(labels.layer_label("units", lang), items, points=True))
    _per_date_box(m, isos, htmls, position="bottomright", cls="gi-legend")
    return key


def _unit_filters(
    keys: list[str], per_date: dict[str, list[list[Any]]], codes: list[np.ndarray], lang: str
) -> list[dict[str, Any]]:
    """The filter groups of the unit layer (they hide points only).

    The options of the attribute groups are the values of the units drawn at any
    date (sorted as text); the use group offers the top-level use categories of
    :mod:`geoinnenstadt.uses` (in the order of its categories).
    """
    vacant = [i for i in range(len(keys)) if i != _OCCUPIED]
    groups: list[dict[str, Any]] = [
        {"key": "status", "title": labels.label("status", lang), "by": "code", "options": [
            {"label": labels.value_label("status", "occupied", lang), "codes": [_OCCUPIED]},
            {"label": labels.value_label("status", "vacant", lang), "codes": vacant}]},
        {"key": "duration", "title": labels.text("map.duration", lang), "by": "code", "options": [
            {"label": labels.value_label("duration_class", k.rsplit(".", 1)[1], lang)
             if i != _VACANT_UNKNOWN else labels.text("map.duration_unknown", lang), "codes": [i]}
            for i, k in enumerate(keys) if i != _OCCUPIED]},
    ]  # fmt: skip
    na = labels.na_text(lang)
    order = {label: i for i, label in enumerate(category_order(lang))}
    for key, col, title_key in (
        ("ground", "ground", "ground_floor"),
        ("use", "usecat", "use"),
        ("location", "location", "location_class"),
    ):
        if col not in per_date:
            continue
        values = [
            v
            for per, c in zip(per_date[col], codes, strict=True)
            for v, code in zip(per, c, strict=True)
            if code >= 0
        ]
        distinct = sorted(
            {v for v in values if v is not None},
            key=(lambda v: (order.get(v, len(order)), v)) if col == "usecat" else None,
        )
        if not distinct:
            continue
        options: list[dict[str, Any]] = [{"label": v, "value": v} for v in distinct]
        if any(v is None for v in values):
            options.append({"label": na, "value": None})
        groups.append({"key": key, "title": labels.label(title_key, lang), "by": "col", "col": col,
                       "options": options})  # fmt: skip
    return groups


# --------------------------------------------------------------------------- hot spots


def hotspots_layer(m: folium.Map, panel: Panel, *, lang: str, cold_spots: bool = False) -> None:
    """Add the hot-spot layers (Gi* classes per date), or a message why there are none.

    Significant hot spots (class ``"hot"``) are one layer, shown; cold spots
    another, listed in the layer control and shown only with ``cold_spots``.
    Both are rings around the units (``hotspot.hot`` / ``hotspot.cold`` of
    :mod:`geoinnenstadt.style`), drawn above them. The legend names the
    significance level the panel's hot spots were computed with
    (:func:`geoinnenstadt.style.hotspot_text`); at each date it lists the kinds
    with spots at that date, and a row shows only while its layer is on.
    """
    failed = next((h for h in panel.hotspots if isinstance(h, Exception)), None)
    if failed is not None:
        add_message(m, labels.text("map.hotspots_failed", lang, error=failed))
        return
    frames = [h if isinstance(h, pd.DataFrame) else None for h in panel.hotspots]
    n = len(panel.union)
    classes = [
        h["hotspot_class"].astype(object).to_numpy()
        if h is not None
        else np.full(n, None, dtype=object)
        for h in frames
    ]
    alpha = panel.hotspot_alpha
    drawn: list[tuple[str, str]] = []
    for kind, layer_key, name_key, show in (
        ("hot", "hotspots", "map.hotspots", True),
        ("cold", "coldspots", "map.cold_spots", cold_spots),
    ):
        if _spot_layer(m, panel, frames, classes, kind, layer_key, labels.text(name_key, lang),
                       lang=lang, show=show):  # fmt: skip
            drawn.append((kind, layer_key))
    if not drawn:
        return
    # one legend per date: a row for each kind with spots at that date (as the print map of
    # that date); each row tied to its layer, shown while that layer is on
    htmls = []
    for cls in classes:
        kinds = [(kind, key) for kind, key in drawn if (cls == kind).any()]
        items: list[LegendItem] = [
            symbol_item(
                f"hotspot.{kind}",
                lang,
                text=gi_style.hotspot_text(kind, alpha, lang)
                if alpha is not None
                else gi_style.label(f"hotspot.{kind}", lang),
            )
            for kind, _ in kinds
        ]
        htmls.append(
            legend_html(labels.text("map.hotspots", lang), items, points=True,
                        layers=[key for _, key in kinds])
            if items
            else ""
        )  # fmt: skip
    _per_date_box(m, panel.isos, htmls, position="bottomright", cls="gi-legend")


def _spot_layer(
    m: folium.Map,
    panel: Panel,
    frames: list[pd.DataFrame | None],
    classes: list[np.ndarray],
    kind: str,
    key: str,
    name: str,
    *,
    lang: str,
    show: bool,
) -> bool:
    """One layer of the units of Gi* class ``kind`` at any date; False when there are none."""
    keep = np.zeros(len(panel.union), dtype=bool)
    for cls in classes:
        keep |= cls == kind
    if not keep.any():
        return False
    union = panel.union.reset_index(drop=True).loc[keep]
    codes, cls_text, p_text = [], [], []
    for h, cls in zip(frames, classes, strict=True):
        sub = cls[keep]
        codes.append(np.array([0 if c == kind else -1 for c in sub]))
        cls_text.append([labels.value_label("hotspot_class", c, lang) if c == kind else None
                         for c in sub])  # fmt: skip
        pv = (
            h["p_value"].to_numpy()[keep] if h is not None and "p_value" in h else [None] * len(sub)
        )
        p_text.append([labels.format_number(p, decimals=3, lang=lang) if c == kind else None
                       for p, c in zip(pv, sub, strict=True)])  # fmt: skip
    last = len(frames) - 1
    # the address as surveyed at each date, only where the point is drawn then
    address = [
        [None if c < 0 or labels.is_na(v) else str(v) for v, c in zip(a.loc[keep, "address"], k, strict=True)]
        if "address" in a.columns else [None] * len(k)
        for a, k in zip(panel.aligned, codes, strict=True)
    ]  # fmt: skip
    cols = {
        "address": payload.encode(address[last]),
        "class": payload.encode(cls_text[last]),
        "p": payload.encode(p_text[last]),
    }
    popup = payload.popup("address", [("hotspot_class", "class"), ("p_value", "p")], lang)
    geo = gpd.GeoDataFrame(union, geometry=union.geometry, crs=panel.union.crs)
    per_date: dict[str, list[Any]] = {"address": address, "class": cls_text, "p": p_text}
    timed = payload.timed(panel.isos, codes, per_date, cols)
    data = payload.points(lonlat(geo), codes[last], cols, timed=timed)
    styles = [gi_style.symbol(f"hotspot.{kind}").leaflet()]
    add_layer(m, key, name, data, styles=styles, popup=popup, show=show)
    return True


# --------------------------------------------------------------------------- key figures


def key_figures_box(m: folium.Map, panel: Panel, lang: str) -> None:
    """Units, vacant, rate and change since the previous survey, per date (city total)."""
    if not panel.rates or panel.rates[0] is None:
        return
    change: dict[pd.Timestamp, float] = {}
    if panel.trend is not None:
        tot = panel.trend[panel.trend["quarter_id"] == "total"]
        change = dict(zip(map(pd.Timestamp, tot["survey_date"]), tot["change_pp"], strict=True))
    htmls, figures = [], []
    for d, table in zip(panel.dates, panel.rates, strict=True):
        assert table is not None
        row = table.loc["total"]
        pp = change.get(pd.Timestamp(d), np.nan)
        rows = [
            (labels.label("units", lang), labels.format_int(row["units"], lang=lang)),
            (labels.label("vacant", lang), labels.format_int(row["vacant"], lang=lang)),
            (labels.label("vacancy_rate", lang), labels.format_percent(row["vacancy_rate"], lang=lang)),
            (labels.text("map.change_pp", lang), labels.format_pp(pp, lang=lang) if pd.notna(pp) else "–"),
        ]  # fmt: skip
        title = labels.text("map.key_figures", lang, date=labels.format_date(d, lang=lang))
        body = "".join(
            f"<tr><th>{escape_text(a)}</th><td>{escape_text(b)}</td></tr>" for a, b in rows
        )
        htmls.append(f"<h4>{escape_text(title)}</h4><table>{body}</table>")
        figures.append({"units": int(row["units"]), "vacant": int(row["vacant"])})
    _per_date_box(m, panel.isos, htmls, position="topright", cls="gi-figures")
    set_explore(m, figures=figures)


def _plain(values: pd.Series) -> np.ndarray:
    """Values as an object array with None for missing (comparisons never meet pd.NA)."""
    arr = np.array(values.astype(object), dtype=object)  # a writable copy
    arr[pd.isna(arr)] = None
    return arr


def _unit_codes(classes: pd.Series) -> np.ndarray:
    """Style code per unit (index into :data:`_UNIT_KEYS`) from its display class.

    The classes are the panel's (:func:`geoinnenstadt.vacancy.unit_classes`, the
    one rule of both maps): ``"occupied"``, or a vacant unit's duration class
    (``"unknown"`` and missing: ``unit.vacant.unknown``).
    """
    return np.array(
        [
            _OCCUPIED if c == "occupied" else _UNIT_KEYS.index(gi_style.duration_key(c))
            for c in classes.astype(object)
        ],
        dtype=np.int64,
    )


def _unit_values(
    state: pd.DataFrame, lang: str, durations: pd.DataFrame | None = None
) -> dict[str, list[str | None]]:
    """The display texts of the units in ``state`` (one row per unit; None where missing)."""
    s = state[[c for c in (*UNIT_POPUP_COLUMNS, "ground_floor") if c in state.columns]]
    n = len(s)

    def col(name: str) -> pd.Series:
        return s[name] if name in s.columns else pd.Series([None] * n, index=s.index, dtype=object)

    not_vacant = _plain(col("status")) != "vacant"

    def vacant_only(texts: list[str | None]) -> list[str | None]:
        return ["–" if nv else t for t, nv in zip(texts, not_vacant, strict=True)]

    unit = labels.text("map.months", lang)
    if durations is not None and "vacancy_months" in durations:
        months = vacant_only(
            formatted(durations["vacancy_months"], lambda v: labels.format_int(v, unit, lang=lang))
        )
    else:
        months = vacant_only([None] * n)

    def values(name: str, column: str | None = None) -> list[str | None]:
        return formatted(col(name), lambda v: labels.value_label(column or name, v, lang))

    return {
        "address": formatted(col("address"), str),
        "status": values("status"),
        "area": formatted(col("floor_area_m2"), lambda v: labels.format_int(v, lang=lang)),
        "use": values("use"),
        "since": vacant_only(
            formatted(col("vacant_since"), lambda v: labels.format_date(v, lang=lang))
        ),
        "location": values("location_class"),
        "fund": formatted(col("fund"), str),
        "duration": months,
        "ground": values("ground_floor"),
    }


def _unit_popup(lang: str) -> payload.PopupSpec:
    """The popup of a unit.

    Its address, then status, area, use, since, duration, location, fund and id.
    """
    return payload.popup(
        "address",
        [
            ("status", "status"),
            ("floor_area_m2", "area"),
            ("use", "use"),
            ("vacant_since", "since"),
            ("map.duration", "duration"),
            ("location_class", "location"),
            ("fund", "fund"),
            ("unit_id", "id"),
        ],
        lang,
    )


def _as_geo(state: pd.DataFrame, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``state`` as a GeoDataFrame in the CRS of ``units`` (no reprojection)."""
    if isinstance(state, gpd.GeoDataFrame):
        return state if state.crs is not None else state.set_crs(units.crs)
    return gpd.GeoDataFrame(state, geometry=units.geometry.reindex(state.index), crs=units.crs)


def _align(frame: pd.DataFrame, state: pd.DataFrame) -> pd.DataFrame:
    """Align a per-unit result with ``state`` by unit_id (column or index) or by index."""
    if "unit_id" in frame.columns and "unit_id" in state.columns:
        f = frame.drop_duplicates("unit_id").set_index("unit_id")
        out = f.reindex(state["unit_id"].to_numpy())
        out.index = state.index
        return out
    if frame.index.name == "unit_id" and "unit_id" in state.columns:
        out = frame.reindex(state["unit_id"].to_numpy())
        out.index = state.index
        return out
    return frame.reindex(state.index)
