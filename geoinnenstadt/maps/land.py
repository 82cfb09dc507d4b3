"""The land map: commercial land (Wirtschaftsflächen), core zones, pre-emption areas.

Statuses, areas, the take-up timeline and the distance-class rings come from
a :class:`geoinnenstadt.land.LandPanel` (built once, :func:`geoinnenstadt.land.panel`);
this module only draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from ..assets import escape_text
from .context_layers import _add_background, _context_of
from .explore import _date_codes, _iso, _search_texts, _set_explore
from .runtime import (
    LegendItem,
    _add_box,
    _add_caption,
    _add_layer,
    _add_legend,
    _add_message,
    _checked,
    _drop_missing_geometry,
    _encode,
    _finish,
    _lang,
    _layer,
    _lonlat,
    _popup,
    _prepare_map,
    _shapes_payload,
    _texts,
    _title,
    _values,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City
    from ..land import LandPanel

_SITE_STYLES = {
    "available.none": "#1a9850",
    "available.minor": "#a6d96a",
    "available.major": "#fdae61",
    "reserved": "#9970ab",
    "taken_up": "#969696",
}
_CATEGORY_COLORS = {"A": "#08306b", "B": "#2171b5", "C": "#6baed6"}
_RESIDENTIAL_COLORS = {"residential": "#fbb4b9", "mixed": "#fcc5c0", "sensitive": "#c51b8a"}
_PREEMPTION_COLOR = "#d95f0e"


def _site_keys(sites: gpd.GeoDataFrame) -> list[str]:
    out = []
    for st, rs in zip(
        sites["status"].astype(object), sites["restriction"].astype(object), strict=True
    ):
        if st == "available":
            out.append(
                f"available.{rs}" if f"available.{rs}" in _SITE_STYLES else "available.major"
            )
        else:
            out.append(st if st in _SITE_STYLES else "taken_up")
    return out


def land_map(
    city: City,
    *,
    panel: LandPanel | None = None,
    at: Any = None,
    m: folium.Map | None = None,
    distance_classes: bool = False,
    lang: str | None = None,
    context: bool = True,
    basemap: Any = None,
    basemap_zoom: tuple[int, int] | None = None,
    basemap_attribution: str | None = None,
    basemap_max_bytes: int | None = None,
) -> folium.Map:
    """Map of commercial land (Wirtschaftsflächen), core zones and pre-emption areas.

    Sites are coloured by status and, for available sites, by restriction
    (restriktionsfrei / leichte / schwere Restriktionen); popups give the
    area in hectares (:func:`geoinnenstadt.land.site_areas`). Core zones are
    outlined by category (A–C), pre-emption areas dashed and hatched,
    residential and sensitive areas lightly filled.

    Parameters
    ----------
    city : City
        Uses ``sites``, ``core_zones``, ``preemption_areas``, ``residential``
        where present. Areas and rings need a projected CRS in metres (the
        working CRS); layers are reprojected for display only.
    panel : LandPanel, optional
        The figures to draw (:func:`geoinnenstadt.land.panel`); its sites
        are drawn. Default: one built from ``city`` with ``at``. A panel
        whose ``at`` differs from a given ``at`` is a ValueError.
    at : date-like, optional
        Date of the site statuses (default: as recorded).
    m : folium.Map, optional
        Map to draw into.
    distance_classes : bool, default False
        Also draw the distance-class rings of the Abstandserlass around the
        sites (:func:`geoinnenstadt.conflicts.buffers`): residential areas
        inside the ring of a class rule out that class.
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.
    context : bool, default True
        Draw ``city.context`` (boundary, districts, land-use zones, water,
        rail, roads) beneath the sites; see :mod:`geoinnenstadt.maps.context_layers`.
    basemap, basemap_zoom, basemap_attribution, basemap_max_bytes : optional
        Local tiles beneath everything (:class:`geoinnenstadt.maps.Basemap`:
        tile set, zoom range, attribution, size cap).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> m = gi.maps.land_map(city)
    >>> "Wirtschaftsflächen" in gi.maps.to_html(m)
    True
    >>> p = gi.land.panel(city)
    >>> m = gi.maps.land_map(city, panel=p)  # the same figures as a print map from p
    """
    lang = _lang(lang)
    sites = _layer(city, "sites") if panel is None else _checked(panel.sites, "sites")
    zones = _layer(city, "core_zones")
    areas = _layer(city, "preemption_areas")
    residential = _layer(city, "residential")
    ctx = _context_of(city, context)
    m = _prepare_map(
        m,
        sites,
        zones,
        areas,
        residential,
        title=_title("map.title_land", city, lang),
        lang=lang,
        fallback=ctx,
    )
    _add_background(m, ctx, lang, (basemap, basemap_zoom, basemap_attribution, basemap_max_bytes))
    legend: list[LegendItem] = []
    if sites is not None and len(sites):
        sites = _drop_missing_geometry(sites, "sites")
    if sites is not None and len(sites):
        from ..land.result import ensure_panel, with_sites

        panel = ensure_panel(panel, with_sites(city, sites), at=at, buffers=bool(distance_classes))
        if distance_classes:
            _buffers_layer(m, panel, lang, legend)
    if residential is not None and len(residential):
        residential = _drop_missing_geometry(residential, "residential")
        _residential_layer(m, residential, lang, legend)
    if zones is not None and len(zones):
        _core_zones_layer(m, _drop_missing_geometry(zones, "core_zones"), lang, legend)
    if areas is not None and len(areas):
        _preemption_areas_layer(m, areas, lang, legend)
    if sites is not None and len(sites):
        assert panel is not None
        _sites_layer(m, sites, panel, lang, legend, _take_up_years(panel, lang))
    else:
        _add_message(m, labels.text("map.no_sites", lang))
    if legend:
        _add_legend(m, labels.layer_label("sites", lang), legend)
    _add_caption(m, city, lang)
    return _finish(m)


def _core_zones_layer(
    m: folium.Map, zones: gpd.GeoDataFrame, lang: str, legend: list[LegendItem]
) -> None:
    cats = zones["category"].astype(object).to_numpy()
    keys = sorted(set(map(str, cats)))
    styles = [
        {
            "color": _CATEGORY_COLORS.get(c, "#084594"),
            "weight": 3,
            "opacity": 1,
            "fill": True,
            "fillOpacity": 0.04,
            "fillColor": _CATEGORY_COLORS.get(c, "#084594"),
        }
        for c in keys
    ]
    codes = np.array([keys.index(str(c)) for c in cats], dtype=np.int64)
    cols = {
        "name": _encode(_texts(zones, "name")),
        "id": _encode(_texts(zones, "zone_id")),
        "category": _encode([labels.value_label("category", c, lang) for c in cats]),
        "adopted": _encode(
            [labels.format_date(v, lang=lang) for v in _values(zones, "adopted_on")]
        ),
    }
    popup = _popup(
        "name", [("category", "category"), ("zone_id", "id"), ("adopted_on", "adopted")], lang
    )
    _add_layer(
        m,
        "core_zones",
        labels.layer_label("core_zones", lang),
        _shapes_payload(_lonlat(zones), codes, cols),
        styles=styles,
        popup=popup,
        tooltip="name",
    )
    legend += [
        (s, labels.value_label("category", c, lang)) for s, c in zip(styles, keys, strict=True)
    ]


def _take_up_years(panel: LandPanel, lang: str) -> _Years | None:
    """The slider of the land map: one step per take-up year of the panel's timeline.

    Each step shows the status of every site at the end of that year (the
    reference date for a year not yet complete) and the hectares taken up in
    it. None with fewer than two years.
    """
    table = panel.timeline
    if len(table) < 2:
        return None
    status = panel.timeline_status
    statuses = [status[year] for year in table.index]
    isos = [_iso(e) for e in table["end"]]
    texts = [str(int(y)) for y in table.index]
    boxes = []
    for year, ha, partial, end in zip(
        table.index, table["take_up_ha"], table["partial"], table["end"], strict=True
    ):
        title = labels.text("map.take_up_year", lang, year=int(year))
        value = labels.format_area_ha(ha, decimals=2, lang=lang)
        if partial:
            value += (
                " (" + labels.text("map.as_of", lang, date=labels.format_date(end, lang=lang)) + ")"
            )
        boxes.append(f"<h4>{escape_text(title)}</h4>{escape_text(value)}")
    return _Years(isos, texts, statuses, boxes)


class _Years(NamedTuple):
    isos: list[str]
    texts: list[str]
    statuses: list[pd.Series]
    boxes: list[str]


def _sites_layer(
    m: folium.Map,
    sites: gpd.GeoDataFrame,
    panel: LandPanel,
    lang: str,
    legend: list[LegendItem],
    years: _Years | None = None,
) -> None:
    keys_all = _site_keys(sites.assign(status=panel.status.reindex(sites.index).to_numpy()))
    per_year = (
        [_site_keys(sites.assign(status=s.reindex(sites.index).to_numpy())) for s in years.statuses]
        if years
        else []
    )
    used = set(keys_all).union(*per_year) if per_year else set(keys_all)
    keys = [k for k in _SITE_STYLES if k in used]
    styles = [
        {
            "color": "#333333",
            "weight": 1,
            "opacity": 0.9,
            "fillColor": _SITE_STYLES[k],
            "fillOpacity": 0.75,
        }
        for k in keys
    ]
    codes = np.array([keys.index(k) for k in keys_all], dtype=np.int64)
    ha = panel.area_ha.reindex(sites.index)

    def values(column: str) -> list[str]:
        return [labels.value_label(column, v, lang) for v in _values(sites, column)]

    cols = {
        "name": _encode(
            [
                n if n is not None else i
                for n, i in zip(_texts(sites, "name"), _texts(sites, "site_id"), strict=True)
            ]
        ),
        "id": _encode(_texts(sites, "site_id")),
        "status": _encode(values("status")),
        "restriction": _encode(values("restriction")),
        "area": _encode([labels.format_area_ha(v, decimals=2, lang=lang) for v in ha]),
        "basis": _encode(values("planning_basis")),
        "brownfield": _encode(values("brownfield")),
        "owner": _encode(values("owner_type")),
        "taken": _encode([labels.format_date(v, lang=lang) for v in _values(sites, "taken_up_on")]),
    }
    fields = [
        ("area_ha", "area"), ("status", "status"), ("restriction", "restriction"), ("planning_basis", "basis"),
        ("brownfield", "brownfield"), ("owner_type", "owner"), ("taken_up_on", "taken"), ("site_id", "id"),
    ]  # fmt: skip
    payload = _shapes_payload(_lonlat(sites), codes, cols)
    payload["s"] = _search_texts(_texts(sites, "site_id"), _texts(sites, "name"))
    if years is not None:
        payload["t"] = {
            "dates": years.isos,
            "k": [_date_codes([keys.index(k) for k in ks]) for ks in per_year],
            "cols": {},
        }
        _set_explore(m, dates=years.isos, date_texts=years.texts)
        _add_box(
            m, {"dates": years.isos, "html": years.boxes}, position="topright", cls="gi-figures"
        )
    _add_layer(
        m,
        "sites",
        labels.layer_label("sites", lang),
        payload,
        styles=styles,
        popup=_popup("name", fields, lang),
        tooltip="name",
        extra={
            "search": {"label": "name", "alt": "id"},
            "takenCodes": [i for i, k in enumerate(keys) if k == "taken_up"],
        },
    )
    for k, s in zip(keys, styles, strict=True):
        if k.startswith("available."):
            text = labels.text(
                "map.site_class",
                lang,
                status=labels.value_label("status", "available", lang),
                restriction=labels.value_label("restriction", k.split(".", 1)[1], lang),
            )
        else:
            text = labels.value_label("status", k, lang)
        legend.append((s, text))


def _preemption_areas_layer(
    m: folium.Map,
    areas: gpd.GeoDataFrame,
    lang: str,
    legend: list[LegendItem],
    *,
    outline_only: bool = False,
) -> None:
    areas = _drop_missing_geometry(areas, "preemption_areas")
    style: dict[str, Any] = {
        "color": _PREEMPTION_COLOR,
        "weight": 2.5,
        "opacity": 1,
        "dashArray": "8 6",
        "fillColor": _PREEMPTION_COLOR,
        "fillOpacity": 0.35,
        "hatch": _PREEMPTION_COLOR,
    }
    if outline_only:  # drawn above the parcels: the parcels below stay clickable
        style = {
            "color": _PREEMPTION_COLOR,
            "weight": 3,
            "opacity": 1,
            "dashArray": "8 6",
            "fill": False,
        }
    cols = {
        "name": _encode(_texts(areas, "name")),
        "id": _encode(_texts(areas, "area_id")),
        "basis": _encode(_texts(areas, "legal_basis")),
        "since": _encode(
            [labels.format_date(v, lang=lang) for v in _values(areas, "in_force_since")]
        ),
        "statute": _encode(_texts(areas, "statute")),
    }
    fields = [
        ("legal_basis", "basis"),
        ("statute", "statute"),
        ("in_force_since", "since"),
        ("area_id", "id"),
    ]
    codes = np.zeros(len(areas), dtype=np.int64)
    _add_layer(
        m,
        "preemption_areas",
        labels.layer_label("preemption_areas", lang),
        _shapes_payload(_lonlat(areas), codes, cols),
        styles=[style],
        popup=_popup("name", fields, lang),
        tooltip="name",
    )
    legend.append((style, labels.layer_label("preemption_areas", lang)))


def _residential_layer(
    m: folium.Map, res: gpd.GeoDataFrame, lang: str, legend: list[LegendItem]
) -> None:
    uses = res["use"].astype(object).to_numpy()
    keys = [k for k in _RESIDENTIAL_COLORS if k in set(uses)]
    keys += sorted({str(u) for u in uses} - set(keys))
    styles = [
        {
            "color": _RESIDENTIAL_COLORS.get(k, "#fbb4b9"),
            "weight": 1,
            "opacity": 0.8,
            "fillColor": _RESIDENTIAL_COLORS.get(k, "#fbb4b9"),
            "fillOpacity": 0.45,
        }
        for k in keys
    ]
    codes = np.array([keys.index(str(u)) for u in uses], dtype=np.int64)
    cols = {
        "name": _encode(
            [
                n if n is not None else i
                for n, i in zip(_texts(res, "name"), _texts(res, "area_id"), strict=True)
            ]
        ),
        "use": _encode([labels.value_label("use", u, lang) for u in uses]),
    }
    _add_layer(
        m,
        "residential",
        labels.layer_label("residential", lang),
        _shapes_payload(_lonlat(res), codes, cols),
        styles=styles,
        popup=_popup("name", [("use", "use")], lang),
        tooltip="name",
    )
    legend += [(s, labels.value_label("use", k, lang)) for s, k in zip(styles, keys, strict=True)]


def _buffers_layer(m: folium.Map, panel: LandPanel, lang: str, legend: list[LegendItem]) -> None:
    buf = _checked(panel.buffers, "distance buffers")
    assert buf is not None
    buf = buf[buf.geometry.notna() & ~buf.geometry.is_empty]
    n = len(buf)
    if not n:
        return
    cls = [str(c) for c in buf["distance_class"]]
    # rows run from the outermost ring (class I) inwards: inner rings darker
    styles = [
        {
            "color": "#7f0000",
            "weight": 0.6,
            "opacity": 0.35,
            "dashArray": "3 4",
            "fillColor": "#d7301f",
            "fillOpacity": round(0.02 + 0.1 * i / max(n - 1, 1), 3),
        }
        for i in range(n)
    ]
    rng = [
        f"{labels.format_int(lo, lang=lang)}–{labels.format_int(hi, 'm', lang=lang)}"
        for lo, hi in zip(
            _values(buf, "min_distance_m"), _values(buf, "max_distance_m"), strict=True
        )
    ]
    class_text = [labels.value_label("distance_class", c, lang) for c in cls]
    cols = {
        "class": _encode(class_text),
        "range": _encode(rng),
        "tip": _encode([f"{c}: {r}" for c, r in zip(class_text, rng, strict=True)]),
    }
    popup = _popup("class", [], lang)
    popup["fields"] = [[labels.text("map.distance", lang), "range"]]
    title = labels.text("map.distance_buffers", lang)
    payload = _shapes_payload(_lonlat(buf), np.arange(n), cols)
    _add_layer(m, "distance_buffers", title, payload, styles=styles, popup=popup, tooltip="tip")
    legend.append((styles[n // 2], title))
