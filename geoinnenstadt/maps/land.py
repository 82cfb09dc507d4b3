"""The land map: commercial land (Wirtschaftsflächen), core zones, pre-emption areas.

Statuses, areas, the take-up timeline and the distance-class rings come from
a :class:`geoinnenstadt.land.LandPanel` (built once, :func:`geoinnenstadt.land.panel`);
this module only draws.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from .. import style as gi_style
from ..assets import escape_text
from . import payload
from .context_layers import add_background, context_of
from .explore import iso_date, search_texts, set_explore
from .layers import checked, city_layer, column_texts, column_values, drop_missing_geometry, lonlat
from .legend import LegendItem, add_legend, symbol_item
from .page import add_box, add_caption, add_layer, add_message, finish, map_title, prepare_map

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City
    from ..land import LandPanel

#: The symbol keys of sites in legend order (:func:`geoinnenstadt.style.site_key`).
_SITE_KEYS: tuple[str, ...] = tuple(k for k in gi_style.SYMBOLS if k.startswith("site."))
#: Residential uses with a symbol of their own (``residential.<use>``), in legend order.
_RESIDENTIAL_USES: tuple[str, ...] = tuple(
    k.split(".", 1)[1] for k in gi_style.SYMBOLS if k.startswith("residential.")
)


def _site_keys(sites: gpd.GeoDataFrame) -> list[str]:
    """The symbol key of every site, by status and restriction."""
    return [
        gi_style.site_key(st, rs)
        for st, rs in zip(
            sites["status"].astype(object), sites["restriction"].astype(object), strict=True
        )
    ]


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
    lang = labels.resolve_lang(lang)
    sites = city_layer(city, "sites") if panel is None else checked(panel.sites, "sites")
    zones = city_layer(city, "core_zones")
    areas = city_layer(city, "preemption_areas")
    residential = city_layer(city, "residential")
    ctx = context_of(city, context)
    m = prepare_map(
        m,
        sites,
        zones,
        areas,
        residential,
        title=map_title("map.title_land", city, lang),
        lang=lang,
        fallback=ctx,
    )
    add_background(m, ctx, lang, (basemap, basemap_zoom, basemap_attribution, basemap_max_bytes))
    if sites is not None and len(sites):
        sites = drop_missing_geometry(sites, "sites")
    # each layer: (its symbol key, for the draw order of gi.style, and a function drawing it
    # and filling its legend rows); drawn bottom to top, the legend lists them as the print map
    layers: list[tuple[str, Callable[[list[LegendItem]], None]]] = []
    years = None
    if sites is not None and len(sites):
        from ..land.result import ensure_panel, with_sites

        panel = ensure_panel(panel, with_sites(city, sites), at=at, buffers=bool(distance_classes))
        land = panel
        if distance_classes:
            layers.append(("buffer", lambda rows: _buffers_layer(m, land, lang, rows)))
        years = _take_up_years(panel, lang)
        site_rows = lambda rows: _sites_layer(m, sites, land, lang, rows, years)  # noqa: E731
        layers.append(("site.taken_up", site_rows))
    else:
        add_message(m, labels.text("map.no_sites", lang))
    if residential is not None and len(residential):
        res = drop_missing_geometry(residential, "residential")
        layers.append(
            ("residential.residential", lambda rows: _residential_layer(m, res, lang, rows))
        )
    if zones is not None and len(zones):
        core = drop_missing_geometry(zones, "core_zones")
        layers.append(("core_zone.A", lambda rows: _core_zones_layer(m, core, lang, rows)))
    if areas is not None and len(areas):
        layers.append(
            ("preemption.area", lambda rows: preemption_areas_layer(m, areas, lang, rows))
        )
    rows: dict[str, list[LegendItem]] = {}
    for key, add in sorted(layers, key=lambda layer: gi_style.symbol(layer[0]).order):
        add(rows.setdefault(key, []))
    legend_order = (
        "site.taken_up",
        "core_zone.A",
        "preemption.area",
        "residential.residential",
        "buffer",
    )
    legend = [row for key in legend_order for row in rows.get(key, [])]
    if legend:
        add_legend(m, labels.layer_label("sites", lang), legend)
    # "Stand …" follows the slider: each year's figures are as of its end (or the reference date)
    add_caption(m, city, lang, dated=years.isos if years is not None else None)
    return finish(m)


def _core_zones_layer(
    m: folium.Map, zones: gpd.GeoDataFrame, lang: str, legend: list[LegendItem]
) -> None:
    cats = zones["category"].astype(object).to_numpy()
    keys = sorted(set(map(str, cats)))
    # outlines only (clicks inside reach the sites below); a category outside A–C as C
    symbols = [
        f"core_zone.{c}" if f"core_zone.{c}" in gi_style.SYMBOLS else "core_zone.C" for c in keys
    ]
    styles = [gi_style.symbol(k).leaflet() for k in symbols]
    codes = np.array([keys.index(str(c)) for c in cats], dtype=np.int64)
    cols = {
        "name": payload.encode(column_texts(zones, "name")),
        "id": payload.encode(column_texts(zones, "zone_id")),
        "category": payload.encode([labels.value_label("category", c, lang) for c in cats]),
        "adopted": payload.encode(
            [labels.format_date(v, lang=lang) for v in column_values(zones, "adopted_on")]
        ),
    }
    popup = payload.popup(
        "name", [("category", "category"), ("zone_id", "id"), ("adopted_on", "adopted")], lang
    )
    add_layer(
        m,
        "core_zones",
        labels.layer_label("core_zones", lang),
        payload.shapes(lonlat(zones), codes, cols),
        styles=styles,
        popup=popup,
        tooltip="name",
    )
    legend += [
        symbol_item(
            k, lang, text=None if k == f"core_zone.{c}" else labels.value_label("category", c, lang)
        )
        for k, c in zip(symbols, keys, strict=True)
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
    isos = [iso_date(e) for e in table["end"]]
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
    keys = [k for k in _SITE_KEYS if k in used]
    styles = [gi_style.symbol(k).leaflet() for k in keys]
    codes = np.array([keys.index(k) for k in keys_all], dtype=np.int64)
    ha = panel.area_ha.reindex(sites.index)

    def values(column: str) -> list[str]:
        return [labels.value_label(column, v, lang) for v in column_values(sites, column)]

    cols = {
        "name": payload.encode(
            [
                n if n is not None else i
                for n, i in zip(
                    column_texts(sites, "name"), column_texts(sites, "site_id"), strict=True
                )
            ]
        ),
        "id": payload.encode(column_texts(sites, "site_id")),
        "status": payload.encode(values("status")),
        "restriction": payload.encode(values("restriction")),
        "area": payload.encode([labels.format_area_ha(v, decimals=2, lang=lang) for v in ha]),
        "basis": payload.encode(values("planning_basis")),
        "brownfield": payload.encode(values("brownfield")),
        "owner": payload.encode(values("owner_type")),
        "taken": payload.encode(
            [labels.format_date(v, lang=lang) for v in column_values(sites, "taken_up_on")]
        ),
    }
    fields = [
        ("area_ha", "area"), ("status", "status"), ("restriction", "restriction"), ("planning_basis", "basis"),
        ("brownfield", "brownfield"), ("owner_type", "owner"), ("taken_up_on", "taken"), ("site_id", "id"),
    ]  # fmt: skip
    timed = (
        payload.timed(years.isos, [[keys.index(k) for k in ks] for ks in per_year], {}, cols)
        if years is not None
        else None
    )
    data = payload.shapes(
        lonlat(sites),
        codes,
        cols,
        search_texts=search_texts(column_texts(sites, "site_id"), column_texts(sites, "name")),
        timed=timed,
    )
    if years is not None:
        set_explore(m, dates=years.isos, date_texts=years.texts)
        add_box(
            m, {"dates": years.isos, "html": years.boxes}, position="topright", cls="gi-figures"
        )
    add_layer(
        m,
        "sites",
        labels.layer_label("sites", lang),
        data,
        styles=styles,
        popup=payload.popup("name", fields, lang),
        tooltip="name",
        extra={
            "search": {"label": "name", "alt": "id"},
            "takenCodes": [i for i, k in enumerate(keys) if k == "site.taken_up"],
        },
    )
    # the area of each class at the reference date, as the print legend gives it
    area = pd.Series(ha.to_numpy(dtype=float), index=keys_all).groupby(level=0).sum()
    legend += [symbol_item(k, lang, hectares=float(area.get(k, 0.0))) for k in keys]


def preemption_areas_layer(
    m: folium.Map,
    areas: gpd.GeoDataFrame,
    lang: str,
    legend: list[LegendItem],
    *,
    outline_only: bool = False,
) -> None:
    """Add the pre-emption areas (``preemption.area`` of :mod:`geoinnenstadt.style`) and their legend entry.

    Shared by the land map and the pre-emption map; ``legend`` collects the
    entry. ``outline_only`` is kept for callers; the symbol is an outline on
    screen anyway.
    """
    areas = drop_missing_geometry(areas, "preemption_areas")
    # an outline (hatched in print only): the sites and parcels below stay clickable
    style = gi_style.symbol("preemption.area").leaflet()
    cols = {
        "name": payload.encode(column_texts(areas, "name")),
        "id": payload.encode(column_texts(areas, "area_id")),
        "basis": payload.encode(column_texts(areas, "legal_basis")),
        "since": payload.encode(
            [labels.format_date(v, lang=lang) for v in column_values(areas, "in_force_since")]
        ),
        "statute": payload.encode(column_texts(areas, "statute")),
    }
    fields = [
        ("legal_basis", "basis"),
        ("statute", "statute"),
        ("in_force_since", "since"),
        ("area_id", "id"),
    ]
    codes = np.zeros(len(areas), dtype=np.int64)
    add_layer(
        m,
        "preemption_areas",
        labels.layer_label("preemption_areas", lang),
        payload.shapes(lonlat(areas), codes, cols),
        styles=[style],
        popup=payload.popup("name", fields, lang),
        tooltip="name",
    )
    legend.append(symbol_item("preemption.area", lang))


def _residential_layer(
    m: folium.Map, res: gpd.GeoDataFrame, lang: str, legend: list[LegendItem]
) -> None:
    uses = res["use"].astype(object).to_numpy()
    keys = [k for k in _RESIDENTIAL_USES if k in set(uses)]
    keys += sorted({str(u) for u in uses} - set(keys))
    # a use outside the schema is drawn as residential, under its own name
    symbols = [
        f"residential.{k}" if k in _RESIDENTIAL_USES else "residential.residential" for k in keys
    ]
    styles = [gi_style.symbol(k).leaflet() for k in symbols]
    codes = np.array([keys.index(str(u)) for u in uses], dtype=np.int64)
    cols = {
        "name": payload.encode(
            [
                n if n is not None else i
                for n, i in zip(
                    column_texts(res, "name"), column_texts(res, "area_id"), strict=True
                )
            ]
        ),
        "use": payload.encode([labels.value_label("use", u, lang) for u in uses]),
    }
    add_layer(
        m,
        "residential",
        labels.layer_label("residential", lang),
        payload.shapes(lonlat(res), codes, cols),
        styles=styles,
        popup=payload.popup("name", [("use", "use")], lang),
        tooltip="name",
    )
    legend += [
        symbol_item(
            sym,
            lang,
            text=None if sym == f"residential.{k}" else labels.value_label("use", k, lang),
        )
        for sym, k in zip(symbols, keys, strict=True)
    ]


def _buffers_layer(m: folium.Map, panel: LandPanel, lang: str, legend: list[LegendItem]) -> None:
    buf = checked(panel.buffers, "distance buffers")
    assert buf is not None
    buf = buf[buf.geometry.notna() & ~buf.geometry.is_empty]
    n = len(buf)
    if not n:
        return
    cls = [str(c) for c in buf["distance_class"]]
    # one symbol for every ring (the rows run from the outermost ring, class I, inwards)
    styles = [gi_style.symbol("buffer").leaflet()]
    rng = [
        f"{labels.format_int(lo, lang=lang)}–{labels.format_int(hi, 'm', lang=lang)}"
        for lo, hi in zip(
            column_values(buf, "min_distance_m"), column_values(buf, "max_distance_m"), strict=True
        )
    ]
    class_text = [labels.value_label("distance_class", c, lang) for c in cls]
    cols = {
        "class": payload.encode(class_text),
        "range": payload.encode(rng),
        "tip": payload.encode([f"{c}: {r}" for c, r in zip(class_text, rng, strict=True)]),
    }
    popup = payload.popup("class", [("map.distance", "range")], lang)
    title = labels.text("map.distance_buffers", lang)
    data = payload.shapes(lonlat(buf), np.zeros(n, dtype=np.int64), cols)
    add_layer(m, "distance_buffers", title, data, styles=styles, popup=popup, tooltip="tip")
    legend.append(symbol_item("buffer", lang))
