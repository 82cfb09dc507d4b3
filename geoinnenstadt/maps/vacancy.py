"""The vacancy map (Leerstandskarte): quarters by vacancy rate, units by status and duration.

Indicators come from :mod:`geoinnenstadt.vacancy` (rates, durations, hot
spots), classes and legend texts from :mod:`geoinnenstadt.classify` (the
same as the print maps), suppression in public mode from
:func:`geoinnenstadt.privacy.suppression`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from ..errors import GeoinnenstadtWarning
from .runtime import (
    NO_DATA_COLOR,
    LegendItem,
    _add_caption,
    _add_layer,
    _add_legend,
    _add_message,
    _drop_missing_geometry,
    _encode,
    _finish,
    _formatted,
    _is_na,
    _lang,
    _layer,
    _lonlat,
    _points_payload,
    _popup,
    _prepare_map,
    _shapes_payload,
    _title,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City

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


def vacancy_map(
    city: City,
    *,
    at: Any = None,
    m: folium.Map | None = None,
    hotspots: bool = True,
    lang: str | None = None,
    scheme: str = "fixed",
    k: int = 5,
    min_count: int | None = None,
) -> folium.Map:
    """Vacancy map (Leerstandskarte): quarters by vacancy rate, units by status and duration.

    Parameters
    ----------
    city : City
        Uses ``quarters`` and ``units``. They are passed to the analysis
        functions as they are (which need a shared CRS, and metres for the
        hot spots) and reprojected for display only. Without units the map
        shows a visible message instead of failing.
    at : date-like, optional
        Reference date; the state of each unit is its latest survey on or
        before ``at`` (default: the latest survey date in the data).
    m : folium.Map, optional
        Map to draw into (compose maps); a new one otherwise.
    hotspots : bool, default True
        Add a layer with the hot and cold spots of
        :func:`geoinnenstadt.vacancy.hotspots` (Getis-Ord Gi*).
    lang : {"de", "en"}, optional
        Language of labels, legend and popups; default
        :data:`geoinnenstadt.settings.language`.
    scheme : {"fixed", "natural_breaks", "fisher_jenks", "quantiles", "equal_interval"}
        Classes of the choropleth, from :func:`geoinnenstadt.classify.classify`
        (the print maps use the same classes and legend texts). ``"fixed"``
        (default) uses :data:`geoinnenstadt.classify.VACANCY_BREAKS`
        (0–5 %, > 5–10 %, > 10–15 %, > 15–20 %, > 20 %) so that maps of
        different dates and cities are comparable. Quarters without units
        are grey.
    k : int, default 5
        Number of classes for the data-driven schemes.
    min_count : int, optional
        Publication mode (*Veröffentlichung*): the quarters that
        :func:`geoinnenstadt.privacy.suppression` withholds — fewer than
        ``min_count`` units (primary) and the quarter withheld so that the
        total cannot reveal them (secondary) — show "geheim" instead of
        their figures, are drawn grey, are left out of the class breaks,
        and their units are not drawn (nor used for the hot spots).

    Returns
    -------
    folium.Map
        Layers: quarters, units, hot spots; a legend, a caption with survey
        date and data source, a layer control. Popups show address, floor
        area, use, vacant since, location class and fund ("k. A." where
        missing) — never owner data.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> m = gi.maps.vacancy_map(city, hotspots=False, lang="en")
    >>> "Vacancy rate by quarter" in gi.maps.to_html(m)
    True
    """
    lang = _lang(lang)
    quarters = _layer(city, "quarters")
    units = _layer(city, "units")
    has_units = units is not None and len(units) > 0
    m = _prepare_map(
        m,
        quarters,
        units if has_units else None,
        title=_title("map.title_vacancy", city, lang),
        lang=lang,
    )
    survey_text = None
    state = None
    if has_units:
        from .. import vacancy

        assert units is not None
        units = _analysis_units(_drop_missing_geometry(units, "units"))
        state = vacancy.state_at(units, at=at)
        if len(state):
            date = labels.format_date(state["survey_date"].max(), lang=lang)
            survey_text = labels.text("map.survey", lang, date=date)
    if quarters is not None and len(quarters):
        hidden = _vacancy_quarters(
            m, quarters, units if has_units else None, at=at, lang=lang, scheme=scheme, k=k,
            min_count=min_count,
        )  # fmt: skip
        if hidden and units is not None and state is not None and len(state):
            from .. import vacancy, zones

            where = zones.assign(units, quarters, id_column="quarter_id", warn=False)
            units = units[~where.astype("object").astype(str).isin(hidden).to_numpy()]
            state = vacancy.state_at(units, at=at) if len(units) else None
    if state is not None and len(state):
        assert units is not None
        _vacancy_units(m, units, state, at=at, lang=lang)
        if hotspots:
            _vacancy_hotspots(m, units, state, at=at, lang=lang)
    else:
        _add_message(m, labels.text("map.no_units", lang))
    _add_caption(m, city, lang, survey_text)
    return _finish(m)


def _analysis_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Units for the count-based analysis calls of the vacancy map.

    The vacancy functions refuse units without a floor area. The map shows
    only count-based indicators (rate by number of units, durations, hot
    spots), so such units are kept: their popup says "k. A." for the area, a
    placeholder area is passed to the analysis, and a warning names them.
    """
    area = (
        pd.to_numeric(units["floor_area_m2"], errors="coerce") if "floor_area_m2" in units else None
    )
    if area is None:
        return units
    bad = ~(area > 0)
    if not bad.any():
        return units
    ids = (
        units.loc[bad, "unit_id"].astype(str).tolist()
        if "unit_id" in units
        else list(units.index[bad])
    )
    warnings.warn(
        f"{int(bad.sum())} unit row(s) without a valid floor_area_m2 "
        f"({', '.join(map(str, ids[:10]))}{', …' if len(ids) > 10 else ''}) are drawn without an "
        "area; the vacancy map uses counts only. Fix the data (gi.validate(units, kind='units')) "
        "before computing floor-area rates.",
        GeoinnenstadtWarning,
        stacklevel=3,
    )
    out = units.copy()
    out["_display_floor_area_m2"] = area
    out["floor_area_m2"] = area.where(area > 0, 1.0)
    return out


def _suppressed(rates: pd.DataFrame, min_count: int | None) -> pd.Series:
    """Boolean per quarter of ``rates``: withheld in public mode (primary or secondary)."""
    if not min_count:
        return pd.Series(False, index=rates.index)
    from .. import privacy

    return privacy.suppression(rates["units"], min_count=min_count) != ""


def _vacancy_quarters(
    m: folium.Map,
    quarters: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame | None,
    *,
    at: Any,
    lang: str,
    scheme: str,
    k: int,
    min_count: int | None = None,
) -> list[str]:
    """Draw the quarter choropleth; return the ids (as text) of suppressed quarters."""
    from .. import classify

    quarters = _drop_missing_geometry(quarters, "quarters")
    qid = quarters["quarter_id"].astype(str)
    nan = pd.Series(np.nan, index=quarters.index)
    rate, n_units, n_vacant, hidden = nan, nan, nan, pd.Series(False, index=quarters.index)
    if units is not None:
        from .. import vacancy

        rates = vacancy.rates(units, quarters, at=at)
        rates.index = rates.index.astype(str)
        rates = rates[rates.index.isin(set(qid))]  # no city total or "outside" rows
        withheld = _suppressed(rates, min_count).reindex(qid.to_numpy(), fill_value=False)
        rates = rates.reindex(qid.to_numpy())

        def aligned(column: str) -> pd.Series:
            return pd.Series(rates[column].to_numpy(dtype=float), index=quarters.index)

        rate, n_units, n_vacant = aligned("vacancy_rate"), aligned("units"), aligned("vacant")
        hidden = pd.Series(withheld.to_numpy(dtype=bool), index=quarters.index)
    # withheld quarters lose every figure here, before classes, texts and legend are built
    rate = rate.where((n_units.fillna(0) > 0) & ~hidden)
    n_units, n_vacant = n_units.where(~hidden), n_vacant.where(~hidden)
    classes = classify.classify(rate, scheme=scheme, k=k)
    colors = classes.colors()
    base = {"color": "#555555", "weight": 1.5, "opacity": 0.9, "fillOpacity": 0.65}
    styles = [{**base, "fillColor": c} for c in colors]
    styles += [{**base, "fillColor": NO_DATA_COLOR}, _SUPPRESSED_STYLE]
    no_data, secret = len(colors), len(colors) + 1
    codes = np.where(classes.codes < 0, no_data, classes.codes)
    codes = np.where(hidden.to_numpy(), secret, codes)
    na = labels.na_text(lang)
    secret_text = labels.text("map.suppressed", lang)
    no_units = labels.text("map.no_quarter_units", lang)

    def shown(values: pd.Series, fmt: Any, missing: str) -> list[str]:
        return [
            secret_text if h else fmt(v) if pd.notna(v) else missing
            for v, h in zip(values, hidden, strict=True)
        ]

    rate_text = shown(rate, lambda v: labels.format_percent(v, lang=lang), no_units)
    names = [None if _is_na(v) else str(v) for v in quarters.get("name", [None] * len(quarters))]
    cols = {
        "name": _encode(names),
        "rate": _encode(rate_text),
        "units": _encode(shown(n_units, lambda v: labels.format_int(v, lang=lang), na)),
        "vacant": _encode(shown(n_vacant, lambda v: labels.format_int(v, lang=lang), na)),
        "tip": _encode(
            [
                f"{n if n is not None else q}: {r}"
                for n, q, r in zip(names, qid, rate_text, strict=True)
            ]
        ),
    }
    popup = _popup(
        "name", [("vacancy_rate", "rate"), ("units", "units"), ("vacant", "vacant")], lang
    )
    _add_layer(
        m,
        "quarters",
        labels.layer_label("quarters", lang),
        _shapes_payload(_lonlat(quarters), codes, cols),
        styles=styles,
        popup=popup,
        tooltip="tip",
    )
    items: list[LegendItem] = list(zip(styles[: len(colors)], classes.labels(lang), strict=True))
    if (codes == no_data).any():
        items.append((styles[no_data], no_units))
    if (codes == secret).any():
        items.append(
            (styles[secret], labels.text("map.suppressed_legend", lang, min_count=min_count))
        )
    _add_legend(m, labels.text("map.vacancy_rate_by_quarter", lang), items)
    return list(qid[hidden.to_numpy()])


def _unit_classes(
    state: pd.DataFrame, durations: pd.DataFrame | None
) -> tuple[np.ndarray, list[str]]:
    """Style code per unit: occupied, one of the vacancy duration classes, or vacant/unknown."""
    keys = list(_UNIT_STYLES)
    status = state["status"].astype(object).to_numpy()
    out = np.where(status == "vacant", keys.index("vacant_unknown"), keys.index("occupied"))
    if durations is not None and "duration_class" in durations:
        dc = durations["duration_class"].astype(object).to_numpy()
        for key in ("lt6m", "6to12m", "12to24m", "gt24m"):
            out = np.where((status == "vacant") & (dc == key), keys.index(key), out)
    return out, keys


def _unit_popup_cols(
    state: pd.DataFrame, lang: str, durations: pd.DataFrame | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    s = state[[c for c in UNIT_POPUP_COLUMNS if c in state.columns]]
    if "_display_floor_area_m2" in state.columns:
        s = s.assign(floor_area_m2=state["_display_floor_area_m2"])
    n = len(s)

    def col(name: str) -> pd.Series:
        return s[name] if name in s.columns else pd.Series([None] * n, index=s.index, dtype=object)

    not_vacant = (col("status").astype(object) != "vacant").to_numpy()

    def vacant_only(texts: list[str | None]) -> list[str | None]:
        return ["–" if nv else t for t, nv in zip(texts, not_vacant, strict=True)]

    unit = labels.text("map.months", lang)
    if durations is not None and "vacancy_months" in durations:
        months = vacant_only(
            _formatted(durations["vacancy_months"], lambda v: labels.format_int(v, unit, lang=lang))
        )
    else:
        months = vacant_only([None] * n)

    def values(name: str, column: str | None = None) -> list[str | None]:
        return _formatted(col(name), lambda v: labels.value_label(column or name, v, lang))

    cols = {
        "id": _encode(_formatted(col("unit_id"), str)),
        "address": _encode(_formatted(col("address"), str)),
        "status": _encode(values("status")),
        "area": _encode(
            _formatted(col("floor_area_m2"), lambda v: labels.format_int(v, lang=lang))
        ),
        "use": _encode(values("use")),
        "since": _encode(
            vacant_only(_formatted(col("vacant_since"), lambda v: labels.format_date(v, lang=lang)))
        ),
        "location": _encode(values("location_class")),
        "fund": _encode(_formatted(col("fund"), str)),
        "duration": _encode(months),
    }
    popup = _popup(
        "address",
        [
            ("status", "status"),
            ("floor_area_m2", "area"),
            ("use", "use"),
            ("vacant_since", "since"),
        ],
        lang,
    )
    popup["fields"].append([labels.text("map.duration", lang), "duration"])
    popup["fields"] += _popup(
        "address", [("location_class", "location"), ("fund", "fund"), ("unit_id", "id")], lang
    )["fields"]
    return cols, popup


def _vacancy_units(
    m: folium.Map, units: gpd.GeoDataFrame, state: pd.DataFrame, *, at: Any, lang: str
) -> None:
    from .. import vacancy

    state = _as_geo(state, units)
    durations = _align(vacancy.durations(units, at=at), state)
    codes, keys = _unit_classes(state, durations)
    cols, popup = _unit_popup_cols(state, lang, durations)
    payload = _points_payload(_lonlat(state), codes, cols)
    styles = [_UNIT_STYLES[k] for k in keys]
    _add_layer(m, "units", labels.layer_label("units", lang), payload, styles=styles, popup=popup)
    names = {
        "occupied": labels.value_label("status", "occupied", lang),
        "vacant_unknown": labels.text("map.vacant_unknown", lang),
    }
    for key in ("lt6m", "6to12m", "12to24m", "gt24m"):
        duration = labels.value_label("duration_class", key, lang)
        names[key] = labels.text("map.vacant_class", lang, duration=duration)
    present = set(codes.tolist())
    items = [
        (_UNIT_STYLES[k], names[k])
        for i, k in enumerate(keys)
        if i in present or k != "vacant_unknown"
    ]
    _add_legend(m, labels.layer_label("units", lang), items, points=True)


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


def _vacancy_hotspots(
    m: folium.Map, units: gpd.GeoDataFrame, state: gpd.GeoDataFrame, *, at: Any, lang: str
) -> None:
    from .. import vacancy

    try:
        hs = vacancy.hotspots(units, at=at)
    except (ValueError, ImportError) as exc:  # CRSError is a ValueError
        _add_message(m, labels.text("map.hotspots_failed", lang, error=exc))
        return
    hs = _align(pd.DataFrame(hs), state)
    cls = hs["hotspot_class"].astype(object).to_numpy()
    keep = np.array([c in ("hot", "cold") for c in cls], dtype=bool)
    sub = _as_geo(state, units).loc[keep]
    styles = [
        {"color": "#b2182b", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
        {"color": "#2166ac", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
    ]
    codes = np.array([0 if c == "hot" else 1 for c in cls[keep]], dtype=np.int64)
    pvals = hs["p_value"].to_numpy()[keep] if "p_value" in hs else [None] * len(sub)
    cols = {
        "address": _encode(
            [
                None if _is_na(v) else str(v)
                for v in (sub["address"] if "address" in sub else [None] * len(sub))
            ]
        ),
        "class": _encode([labels.value_label("hotspot_class", c, lang) for c in cls[keep]]),
        "p": _encode([labels.format_number(p, decimals=3, lang=lang) for p in pvals]),
    }
    popup = _popup("address", [("hotspot_class", "class"), ("p_value", "p")], lang)
    payload = _points_payload(_lonlat(sub), codes, cols)
    title = labels.text("map.hotspots", lang)
    _add_layer(m, "hotspots", title, payload, styles=styles, popup=popup)
    _add_legend(
        m,
        title,
        [
            (styles[0], labels.value_label("hotspot_class", "hot", lang)),
            (styles[1], labels.value_label("hotspot_class", "cold", lang)),
        ],
        points=True,
    )
