"""The pre-emption map: parcels under a pre-emption statute (Vorkaufsrecht).

Which parcels lie inside comes from a :class:`geoinnenstadt.preemption.PreemptionPanel`
(built once, :func:`geoinnenstadt.preemption.panel`), the identifier text
from :mod:`geoinnenstadt.kennzeichen`; this module only draws.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import labels
from .. import style as gi_style
from . import payload
from .context_layers import add_background, context_of
from .explore import search_texts
from .land import preemption_areas_layer
from .layers import checked, city_layer, column_texts, column_values, drop_missing_geometry, lonlat
from .legend import LegendItem, add_legend, symbol_item
from .page import add_caption, add_layer, add_message, finish, map_title, prepare_map

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

    from ..city import City
    from ..preemption import PreemptionPanel


def preemption_map(
    city: City,
    *,
    panel: PreemptionPanel | None = None,
    m: folium.Map | None = None,
    min_share: float | None = None,
    lang: str | None = None,
    context: bool = True,
    basemap: Any = None,
    basemap_zoom: tuple[int, int] | None = None,
    basemap_attribution: str | None = None,
    basemap_max_bytes: int | None = None,
) -> folium.Map:
    """Parcels under a pre-emption statute (Vorkaufsrecht) with their Flurstückskennzeichen.

    Parcels whose area lies at least ``min_share`` inside a pre-emption area
    (:func:`geoinnenstadt.preemption.parcels_in`) are highlighted; their popup
    shows the identifier as planners write it ("Gemarkung 1234, Flur 17,
    Flurstück 123/4"), the raw 20-character Kennzeichen, the area and the
    share inside. Other parcels are drawn thinly for orientation.

    Parameters
    ----------
    city : City
        Uses ``parcels`` and ``preemption_areas`` (shares need a projected
        CRS in metres; layers are reprojected for display only).
    panel : PreemptionPanel, optional
        The parcels under the statutes (:func:`geoinnenstadt.preemption.panel`);
        its parcels and areas are drawn. Default: one built from ``city``
        with ``min_share``. A panel with another ``min_share`` than a given
        one is a ValueError.
    m : folium.Map, optional
        Map to draw into.
    min_share : float, optional
        Minimum share of a parcel's area inside a statute area (default 0.5,
        or the panel's).
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.
    context : bool, default True
        ``city.context`` beneath the parcels (``False``: none).
    basemap, basemap_zoom, basemap_attribution, basemap_max_bytes : optional
        Embedded local tiles, as in :func:`~geoinnenstadt.maps.land_map`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> m = gi.maps.preemption_map(city)
    >>> "Flurstücke mit Vorkaufsrecht" in gi.maps.to_html(m)
    True
    """
    lang = labels.resolve_lang(lang)
    if panel is not None:
        panel.check_options(min_share=min_share)
    parcels = city_layer(city, "parcels") if panel is None else checked(panel.parcels, "parcels")
    areas = (
        city_layer(city, "preemption_areas")
        if panel is None
        else checked(panel.areas, "preemption_areas")
    )
    ctx = context_of(city, context)
    m = prepare_map(
        m,
        parcels,
        areas,
        title=map_title("map.title_preemption", city, lang),
        lang=lang,
        fallback=ctx,
    )
    add_background(m, ctx, lang, (basemap, basemap_zoom, basemap_attribution, basemap_max_bytes))
    legend: list[LegendItem] = []
    if areas is None or not len(areas):
        add_message(m, labels.text("map.no_preemption_areas", lang))
    if parcels is None or not len(parcels):
        add_message(m, labels.text("map.no_parcels", lang))
    elif areas is not None and len(areas):
        from ..preemption.result import ensure_panel

        parcels = drop_missing_geometry(parcels, "parcels")
        panel = ensure_panel(panel, parcels, areas, min_share=min_share)
        _parcel_layers(m, parcels, areas, panel, lang, legend)
    if areas is not None and len(areas):
        preemption_areas_layer(m, areas, lang, legend, outline_only=True)
    if legend:
        add_legend(m, labels.layer_label("preemption_areas", lang), legend)
    add_caption(m, city, lang)
    return finish(m)


def _parcel_layers(
    m: folium.Map,
    parcels: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    panel: PreemptionPanel,
    lang: str,
    legend: list[LegendItem],
) -> None:
    min_share = panel.min_share
    hits = pd.DataFrame(panel.inside).drop(columns="geometry", errors="ignore")
    hit_ids = set(hits["parcel_id"].astype(str))
    inside = parcels["parcel_id"].astype(str).isin(hit_ids).to_numpy()
    other = parcels.loc[~inside]
    other_row: LegendItem | None = None  # listed after the parcels under pre-emption, as in print
    if len(other):
        cols_o = {
            "id": payload.encode(column_texts(other, "parcel_id")),
            "label": payload.encode(_kennzeichen_labels(other["parcel_id"])),
        }
        name = gi_style.label("parcel.other", lang)
        add_layer(
            m,
            "other_parcels",
            name,
            _parcel_data(other, cols_o),
            styles=[gi_style.symbol("parcel.other").leaflet()],
            popup=payload.popup("label", [("parcel_id", "id")], lang),
            extra={"search": {"label": "label", "alt": "id"}},
        )
        other_row = symbol_item("parcel.other", lang, count=len(other))
    sel = parcels.loc[inside]
    if not len(sel):
        share = labels.format_percent(min_share, decimals=0, lang=lang)
        add_message(m, labels.text("map.no_preempted", lang, share=share))
        if other_row is not None:
            legend.append(other_row)
        return
    hits = hits.assign(parcel_id=hits["parcel_id"].astype(str)).sort_values(
        "share", ascending=False, kind="stable"
    )
    info = (
        hits.drop_duplicates("parcel_id")
        .set_index("parcel_id")
        .reindex(sel["parcel_id"].astype(str).to_numpy())
    )
    area_names = dict(zip(areas["area_id"].astype(str), column_texts(areas, "name"), strict=True))
    all_areas = hits.groupby("parcel_id", sort=False)["area_id"].agg(lambda v: [str(a) for a in v])
    cols_s = {
        "label": payload.encode(_kennzeichen_labels(sel["parcel_id"])),
        "id": payload.encode(column_texts(sel, "parcel_id")),
        "area": payload.encode(
            [
                "; ".join(area_names.get(a) or a for a in all_areas.get(p, [])) or None
                for p in sel["parcel_id"].astype(str)
            ]
        ),
        "share": payload.encode(
            [labels.format_percent(v, lang=lang) for v in column_values(info, "share")]
        ),
        "overlap": payload.encode(
            [labels.format_int(v, "m²", lang=lang) for v in column_values(info, "overlap_m2")]
        ),
    }
    fields = [
        ("parcel_id", "id"),
        ("area_name", "area"),
        ("share", "share"),
        ("overlap_m2", "overlap"),
    ]
    name = gi_style.label("parcel.preempted", lang)
    add_layer(
        m,
        "preempted_parcels",
        name,
        _parcel_data(sel, cols_s),
        styles=[gi_style.symbol("parcel.preempted").leaflet()],
        popup=payload.popup("label", fields, lang),
        tooltip="label",
        extra={"search": {"label": "label", "alt": "id"}},
    )
    legend.append(symbol_item("parcel.preempted", lang, count=len(sel)))
    if other_row is not None:
        legend.append(other_row)


def _parcel_data(parcels: gpd.GeoDataFrame, cols: dict[str, Any]) -> payload.ShapesData:
    """The data block of a parcel layer (one style), searchable by Kennzeichen."""
    return payload.shapes(
        lonlat(parcels),
        np.zeros(len(parcels), dtype=np.int64),
        cols,
        search_texts=_parcel_search(parcels["parcel_id"]),
    )


def _parcel_search(ids: pd.Series) -> list[str]:
    """Search text per parcel, normalised.

    The 20-character Kennzeichen and its "Gemarkung … Flur … Flurstück …" form
    (:func:`geoinnenstadt.kennzeichen.format`).
    """
    from .. import kennzeichen

    def forms(raw: Any) -> tuple[str, str | None]:
        text = str(raw)
        try:
            return text, kennzeichen.format(text, lang="de")
        except ValueError:  # malformed ids are reported by parcels_in; searchable as they are
            return text, None

    pairs = [forms(v) for v in pd.Series(ids).astype(str)]
    return search_texts([a for a, _ in pairs], [b for _, b in pairs])


def _kennzeichen_labels(ids: pd.Series) -> list[str | None]:
    """The text "Gemarkung …, Flur …, Flurstück …" per id; a malformed id is shown as it is."""
    from .. import kennzeichen

    ids = pd.Series(ids).astype(str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # malformed ids are reported by parcels_in
        text = kennzeichen.format_series(ids)
    return [str(t) if not pd.isna(t) else raw for t, raw in zip(text, ids, strict=True)]
