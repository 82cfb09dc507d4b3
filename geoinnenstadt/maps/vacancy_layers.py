"""The layers of the vacancy map at every survey date: quarters, units, hot spots, key figures.

:mod:`geoinnenstadt.maps.timeline` lines up the figures of a
:class:`~geoinnenstadt.vacancy.VacancyPanel`; this module turns them into
layer data blocks (:mod:`geoinnenstadt.maps.payload`) whose style
codes and time-dependent columns carry one entry per date (``timed``), legends and boxes with one HTML text per
date, the search texts of units and quarters, the unit filters and the
quarter profiles (inline SVG from :func:`geoinnenstadt.maps.explore.trend_svg`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from ..assets import escape_text
from . import payload
from .explore import search_texts, set_explore, trend_svg
from .layers import formatted, lonlat
from .legend import NO_DATA_COLOR, LegendItem, legend_html
from .page import add_box, add_layer, add_message

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from .timeline import Panel

#: Style of a suppressed quarter (public mode): grey with a dashed outline.
_SUPPRESSED_STYLE: dict[str, Any] = {
    "color": "#555555",
    "weight": 1.5,
    "opacity": 0.9,
    "dashArray": "4 4",
    "fillColor": "#f0f0f0",
    "fillOpacity": 0.65,
}

_UNIT_STYLES = {
    "occupied": {
        "color": "#4d4d4d",
        "fillColor": "#bdbdbd",
        "radius": 4,
        "weight": 1,
        "opacity": 0.9,
        "fillOpacity": 0.9,
    },
    "lt6m": {
        "color": "#7f3b08",
        "fillColor": "#fdae61",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "6to12m": {
        "color": "#7f3b08",
        "fillColor": "#f46d43",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "12to24m": {
        "color": "#3f0000",
        "fillColor": "#d73027",
        "radius": 6,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "gt24m": {
        "color": "#1a0000",
        "fillColor": "#7f0000",
        "radius": 6,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "vacant_unknown": {
        "color": "#3f0000",
        "fillColor": "#8073ac",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
}

#: Columns of the units layer that may reach a popup (an allow-list; personal columns never).
UNIT_POPUP_COLUMNS: tuple[str, ...] = (
    "unit_id", "address", "status", "floor_area_m2", "use", "vacant_since", "location_class", "fund",
)  # fmt: skip


def _per_date_box(
    m: folium.Map, isos: list[str], htmls: list[str], *, position: str, cls: str
) -> None:
    html: Any = htmls[0] if len(htmls) == 1 else {"dates": isos, "html": htmls}
    add_box(m, html, position=position, cls=cls)


def _legend_with_counts(title: str, items: list[tuple[dict[str, Any], str, int | None]], lang: str,
                        *, points: bool = False, note: str | None = None) -> str:  # fmt: skip
    counts = [None if n is None else labels.format_int(n, lang=lang) for _, _, n in items]
    html = legend_html(title, [(s, t) for s, t, _ in items], points=points, counts=counts)
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
) -> None:
    """The quarter choropleth at every date, with tooltips, profiles and one legend per date."""
    from .. import classify

    qid = quarters["quarter_id"].astype(str)
    names = [
        None if labels.is_na(v) else str(v) for v in quarters.get("name", [None] * len(quarters))
    ]
    n_dates = len(panel.dates) if panel is not None else 1
    base = {"color": "#555555", "weight": 1.5, "opacity": 0.9, "fillOpacity": 0.65}
    registry: list[dict[str, Any]] = []

    def code_of(style: dict[str, Any]) -> int:
        if style not in registry:
            registry.append(style)
        return registry.index(style)

    na = labels.na_text(lang)
    secret_text = labels.text("map.suppressed", lang)
    no_units = labels.text("map.no_quarter_units", lang)
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
        class_codes = [code_of({**base, "fillColor": c}) for c in colors]
        no_data, secret = code_of({**base, "fillColor": NO_DATA_COLOR}), code_of(_SUPPRESSED_STYLE)
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
        codes_at[i] = codes
        items: list[tuple[dict[str, Any], str, int | None]] = [
            (registry[c], t, int((codes == c).sum()))
            for c, t in zip(class_codes, classes.labels(lang), strict=True)
        ]
        if (codes == no_data).any():
            items.append((registry[no_data], no_units, int((codes == no_data).sum())))
        if (codes == secret).any():
            text = labels.text("map.suppressed_legend", lang, min_count=min_count)
            items.append((registry[secret], text, int((codes == secret).sum())))
        counts = panel is not None and n_dates > 1
        note = labels.text("map.quarters_whole_inventory", lang) if panel is not None else None
        legends[i] = _legend_with_counts(
            labels.text("map.vacancy_rate_by_quarter", lang),
            [(s, t, n if counts else None) for s, t, n in items],
            lang,
            note=note,
        )
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
    popup = payload.popup(
        "name", [("vacancy_rate", "rate"), ("units", "units"), ("vacant", "vacant")], lang,
        profile=True, chart="chart" if chart else None,
    )  # fmt: skip
    isos = panel.isos if panel is not None else []
    timed = payload.timed(
        isos,
        [codes_at[i] for i in range(n_dates)],
        {c: [cols_at[i][c] for i in range(n_dates)] for c in ("rate", "units", "vacant", "tip")},
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


def units_layer(m: folium.Map, panel: Panel, *, lang: str) -> None:
    """The units at every date, each with its attributes as surveyed at that date.

    A unit's popup at a date shows the survey that is its state at that date
    (:func:`geoinnenstadt.vacancy.state_at`: status, floor area, use, fund,
    vacant since, …). Where a unit is not drawn — not in the inventory at that
    date, or in a quarter withheld at that date (public mode) — every column
    of that date is empty: nothing of that date reaches the page.
    """
    union = panel.union.reset_index(drop=True)
    isos, n_dates = panel.isos, len(panel.dates)
    codes: list[np.ndarray] = []
    per_date: dict[str, list[list[str | None]]] = {}
    keys = list(_UNIT_STYLES)
    for aligned, dur in zip(panel.aligned, panel.durations, strict=True):
        drawn = aligned["unit_id"].notna().to_numpy()
        c, keys = _unit_classes(aligned, dur)
        codes.append(np.where(drawn, c, -1))
        for name, values in _unit_values(aligned, lang, dur).items():
            shown = [v if d else None for v, d in zip(values, drawn, strict=True)]
            per_date.setdefault(name, []).append(shown)
    last = n_dates - 1
    cols = {
        "id": payload.encode(formatted(union["unit_id"], str)),
        **{name: payload.encode(per_date[name][last]) for name in per_date if name != "ground"},
    }
    geo = gpd.GeoDataFrame(union, geometry=union.geometry, crs=panel.union.crs)
    # no embedded search text for units (about 30 bytes each): the page normalises the id and
    # address columns with the same rule (explore.search_key / normalise in explore.js)
    hidden_columns = {"ground": payload.encode(per_date["ground"][last])}
    timed = payload.timed(isos, codes, per_date, {**hidden_columns, **cols})
    data = payload.points(
        lonlat(geo), codes[last], cols, hidden_columns=hidden_columns, timed=timed
    )
    styles = [_UNIT_STYLES[k] for k in keys]
    filters = _unit_filters(keys, per_date, codes, lang)
    add_layer(
        m, "units", labels.layer_label("units", lang), data, styles=styles,
        popup=_unit_popup(lang),
        extra={"search": {"label": "address", "alt": "id", "fields": ["id", "address"]},
               "filters": filters, "vacantCodes": [
            i for i, k in enumerate(keys) if k != "occupied"]},
    )  # fmt: skip
    names = {
        "occupied": labels.value_label("status", "occupied", lang),
        "vacant_unknown": labels.text("map.vacant_unknown", lang),
    }
    for key in ("lt6m", "6to12m", "12to24m", "gt24m"):
        duration = labels.value_label("duration_class", key, lang)
        names[key] = labels.text("map.vacant_class", lang, duration=duration)
    present = set(np.concatenate(codes).tolist())
    htmls = []
    for c in codes:
        n = np.bincount(c[c >= 0], minlength=len(keys))
        items = [
            (_UNIT_STYLES[k], names[k], int(n[i]) if n_dates > 1 else None)
            for i, k in enumerate(keys)
            if i in present or k != "vacant_unknown"
        ]
        htmls.append(
            _legend_with_counts(labels.layer_label("units", lang), items, lang, points=True)
        )
    _per_date_box(m, isos, htmls, position="bottomright", cls="gi-legend")


def _unit_filters(
    keys: list[str], per_date: dict[str, list[list[Any]]], codes: list[np.ndarray], lang: str
) -> list[dict[str, Any]]:
    """The filter groups of the unit layer (they hide points only).

    The options of the attribute groups are the values of the units drawn at any
    date.
    """
    vacant = [i for i, k in enumerate(keys) if k != "occupied"]
    groups: list[dict[str, Any]] = [
        {"key": "status", "title": labels.label("status", lang), "by": "code", "options": [
            {"label": labels.value_label("status", "occupied", lang), "codes": [keys.index("occupied")]},
            {"label": labels.value_label("status", "vacant", lang), "codes": vacant}]},
        {"key": "duration", "title": labels.text("map.duration", lang), "by": "code", "options": [
            {"label": labels.value_label("duration_class", k, lang) if k != "vacant_unknown"
             else labels.text("map.duration_unknown", lang), "codes": [keys.index(k)]}
            for k in keys if k != "occupied"]},
    ]  # fmt: skip
    na = labels.na_text(lang)
    for key, title_key in (
        ("ground", "ground_floor"),
        ("use", "use"),
        ("location", "location_class"),
    ):
        values = [
            v
            for per, c in zip(per_date[key], codes, strict=True)
            for v, code in zip(per, c, strict=True)
            if code >= 0
        ]
        distinct = sorted({v for v in values if v is not None})
        if not distinct:
            continue
        options: list[dict[str, Any]] = [{"label": v, "value": v} for v in distinct]
        if any(v is None for v in values):
            options.append({"label": na, "value": None})
        groups.append({"key": key, "title": labels.label(title_key, lang), "by": "col", "col": key,
                       "options": options})  # fmt: skip
    return groups


# --------------------------------------------------------------------------- hot spots


def hotspots_layer(m: folium.Map, panel: Panel, *, lang: str) -> None:
    """Add the hot-spot layer (Gi* classes per date), or a message why there is none."""
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
    keep = np.zeros(n, dtype=bool)
    for cls in classes:
        keep |= np.isin(cls, ["hot", "cold"])
    if not keep.any():
        return
    union = panel.union.reset_index(drop=True).loc[keep]
    styles = [
        {"color": "#b2182b", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
        {"color": "#2166ac", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
    ]
    codes, cls_text, p_text = [], [], []
    for h, cls in zip(frames, classes, strict=True):
        sub = cls[keep]
        codes.append(np.array([0 if c == "hot" else 1 if c == "cold" else -1 for c in sub]))
        cls_text.append([labels.value_label("hotspot_class", c, lang) if c in ("hot", "cold") else None
                         for c in sub])  # fmt: skip
        pv = (
            h["p_value"].to_numpy()[keep] if h is not None and "p_value" in h else [None] * len(sub)
        )
        p_text.append([labels.format_number(p, decimals=3, lang=lang) if c in ("hot", "cold") else None
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
    per_date: dict[str, list[Any]] = {
        "address": address,
        "class": cls_text,
        "p": p_text,
    }
    timed = payload.timed(panel.isos, codes, per_date, cols)
    data = payload.points(lonlat(geo), codes[last], cols, timed=timed)
    title = labels.text("map.hotspots", lang)
    add_layer(m, "hotspots", title, data, styles=styles, popup=popup)
    items: list[LegendItem] = [
        (styles[0], labels.value_label("hotspot_class", "hot", lang)),
        (styles[1], labels.value_label("hotspot_class", "cold", lang)),
    ]
    add_box(m, legend_html(title, items, points=True), position="bottomright", cls="gi-legend")


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


def _unit_classes(
    state: pd.DataFrame, durations: pd.DataFrame | None
) -> tuple[np.ndarray, list[str]]:
    """Style code per unit: occupied, one of the vacancy duration classes, or vacant/unknown."""
    keys = list(_UNIT_STYLES)
    status = _plain(state["status"])
    out = np.where(status == "vacant", keys.index("vacant_unknown"), keys.index("occupied"))
    if durations is not None and "duration_class" in durations:
        dc = _plain(durations["duration_class"])
        for key in ("lt6m", "6to12m", "12to24m", "gt24m"):
            out = np.where((status == "vacant") & (dc == key), keys.index(key), out)
    return out, keys


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
