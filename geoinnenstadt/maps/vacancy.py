"""The vacancy map (Leerstandskarte): quarters by vacancy rate, units by status and duration.

Every figure comes from a :class:`geoinnenstadt.vacancy.VacancyPanel`
(rates, durations, hot spots, trend and the publication decision, computed
once by :func:`geoinnenstadt.vacancy.panel`); classes and legend texts from
:mod:`geoinnenstadt.classify` (the same as the print maps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import labels
from . import timeline
from .context_layers import add_background, context_of
from .counters import counters_layer
from .explore import set_explore
from .layers import city_layer, drop_missing_geometry
from .page import add_caption, add_message, finish, map_title, prepare_map
from .requests_panel import add_requests_panel, check_requests, requests_data
from .use_mix import quarter_mixes, unit_uses, use_mix_layer
from .vacancy_layers import (
    hotspots_layer,
    key_figures_box,
    quarters_layer,
    units_layer,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import pandas as pd

    from ..city import City
    from ..dates import DateLike
    from ..footfall import Footfall
    from ..vacancy import VacancyPanel


def vacancy_map(
    city: City,
    *,
    panel: VacancyPanel | None = None,
    at: DateLike = None,
    m: folium.Map | None = None,
    hotspots: bool = True,
    lang: str | None = None,
    scheme: str = "fixed",
    k: int = 5,
    min_count: int | None = None,
    context: bool = True,
    basemap: Any = None,
    basemap_zoom: tuple[int, int] | None = None,
    basemap_attribution: str | None = None,
    basemap_max_bytes: int | None = None,
    cold_spots: bool = False,
    footfall: Footfall | bool = True,
    requests: pd.DataFrame | bool | None = None,
) -> folium.Map:
    """Vacancy map (Leerstandskarte): quarters by vacancy rate, units by status and duration.

    Parameters
    ----------
    city : City
        Uses ``quarters`` and ``units``. They are passed to the analysis
        functions as they are (which need a shared CRS, and metres for the
        hot spots) and reprojected for display only. Without units the map
        shows a visible message instead of failing.
    panel : VacancyPanel, optional
        The figures to show (:func:`geoinnenstadt.vacancy.panel` of the
        city's units and quarters): pass the panel the other outputs use,
        so that nothing is computed twice. Default: one is built from
        ``city`` with ``at``, ``min_count`` and ``hotspots``. ``at=`` or
        ``min_count=`` that differ from the panel's are a ValueError.
    at : date-like, optional
        Reference date; the state of each unit is its latest survey on or
        before ``at`` (default: the latest survey date in the data). The
        time slider runs over the survey rounds up to ``at`` (and ``at``
        itself when it is not a survey date) and starts at ``at``.
    m : folium.Map, optional
        Map to draw into (compose maps); a new one otherwise.
    hotspots : bool, default True
        Add the hot spots of :func:`geoinnenstadt.vacancy.hotspots`
        (Getis-Ord Gi*): the significant hot spots (*Häufungen*, class
        ``"hot"``) as rings around the units, and the cold spots
        (*Ausdünnungen*) as a layer of their own in the layer control. The
        legend names the significance level (e.g. "p ≤ 0,05").
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
        total cannot reveal them (secondary) — show "gesperrt (Geheimhaltung)" instead of
        their figures, are drawn grey, are left out of the class breaks,
        and their units are not drawn (nor used for the hot spots). This is
        decided at every date: nothing a withheld quarter's units had at
        that date (popups, search hits, filter values) is in the page.
    context : bool, default True
        Draw ``city.context`` beneath the quarters and units, one togglable
        layer per category (:mod:`geoinnenstadt.maps.context_layers`).
    basemap, basemap_zoom, basemap_attribution, basemap_max_bytes : optional
        A local tile set (XYZ folder or ``.mbtiles``) embedded for the map's
        extent, its zoom range, attribution and size cap; see
        :class:`geoinnenstadt.maps.Basemap`.
    cold_spots : bool, default False
        Show the cold-spot layer when the map opens. By default it is listed
        in the layer control but switched off: cold spots (areas of little
        vacancy) are usually far more numerous than hot spots and would
        dominate a map that is read for vacancy. Keyword only.
    footfall : Footfall or bool, default True
        Pedestrian counters to draw (:mod:`geoinnenstadt.footfall`): ``True``
        draws ``city.footfall`` when the city has counts, ``False`` none, a
        :class:`~geoinnenstadt.footfall.Footfall` its counters. Each counter
        is a circle whose area is proportional to its mean pedestrians per
        day over complete days (:func:`geoinnenstadt.style.counter_radius`);
        its popup gives that mean, the counting period and the change on the
        year before on matching weekdays (:func:`geoinnenstadt.footfall.change`,
        the last complete year) — see :mod:`geoinnenstadt.maps.counters`.
    requests : DataFrame or bool, optional
        The panel "Gesuche" (internal maps only; default none): ``True``
        takes ``city.requests``, a DataFrame is used as given (the
        ``requests`` kind). The proposals of
        :func:`geoinnenstadt.matching.match` for the open requests (at the
        map's date, with the quarters and the footfall drawn) are computed
        once here; the page offers the requests in a list, rings the chosen
        request's units with their rank and lists them with score and
        reasons (:mod:`geoinnenstadt.maps.requests_panel`). Only the request
        id, use, size range and the ground-floor and step-free flags reach the
        page, never a contact column. Requests are confidential business
        information: with ``min_count`` (or a public panel) ``requests=`` is a
        ValueError.

    Returns
    -------
    folium.Map
        Layers: quarters, units, the use mix (hidden: occupied units by the
        top-level category of :func:`geoinnenstadt.uses.categorise`, popups
        with the use and the brand), hot spots, cold spots (hidden), footfall
        counters; a legend, a caption with survey
        date and data source, a layer control. Popups show address, floor
        area, use, vacant since, location class and fund ("k. A." where
        missing) as surveyed at the selected date — never owner data; a
        unit not in the inventory at that date is not drawn. With several
        surveys: a time slider, a key-figures box (units, vacant, rate, change since the previous
        survey in percentage points from :func:`geoinnenstadt.vacancy.trend`),
        unit filters and quarter profiles with a trend chart (see
        :mod:`geoinnenstadt.maps`); the unit filter "Nutzung" offers the
        top-level use categories, and a quarter's profile shows its use mix
        at the selected date (:func:`geoinnenstadt.uses.mix`: shares as a
        stacked bar, diversity, chain share). In public mode (``min_count``) the
        suppression is decided at every date, and a quarter withheld at any
        survey gets no trend chart (:func:`geoinnenstadt.privacy.suppressed_in_panel`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> m = gi.maps.vacancy_map(city, hotspots=False, lang="en")
    >>> "Vacancy rate by quarter" in gi.maps.to_html(m)
    True
    """
    lang = labels.resolve_lang(lang)
    public = min_count is not None or (panel is not None and panel.min_count is not None)
    wanted = check_requests(requests, city, public=public)
    quarters = city_layer(city, "quarters")
    units = city_layer(city, "units")
    has_units = units is not None and len(units) > 0
    ctx = context_of(city, context)
    m = prepare_map(
        m,
        quarters,
        units if has_units else None,
        title=map_title("map.title_vacancy", city, lang),
        lang=lang,
        fallback=ctx,
    )
    add_background(m, ctx, lang, (basemap, basemap_zoom, basemap_attribution, basemap_max_bytes))
    if quarters is not None and len(quarters):
        quarters = drop_missing_geometry(quarters, "quarters")
    view = None
    mixes = None
    if panel is not None:
        panel.check(at=at, min_count=min_count, what="vacancy_map")
        min_count = panel.min_count
        hotspots = hotspots and panel.hotspots_computed
    if has_units:
        assert units is not None
        units = drop_missing_geometry(units, "units")
        if panel is None:
            from ..vacancy import panel as build_panel

            panel = build_panel(
                units,
                quarters if quarters is not None and len(quarters) else None,
                at=at,
                min_count=min_count,
                hotspots=hotspots,
            )
        view = timeline.build(panel)
        mixes = quarter_mixes(panel)
        set_explore(
            m, dates=view.isos, date_texts=[labels.format_date(d, lang=lang) for d in view.dates]
        )
    if quarters is not None and len(quarters):
        quarters_layer(
            m, quarters, view, lang=lang, scheme=scheme, k=k, min_count=min_count, mixes=mixes
        )
    survey: Any = None
    if view is not None and len(view.union):
        uses = unit_uses(view)
        units_key = units_layer(m, view, lang=lang, uses=uses)
        if uses is not None:
            use_mix_layer(m, view, uses, lang=lang, units_key=units_key)
        if hotspots:
            hotspots_layer(m, view, lang=lang, cold_spots=cold_spots)
        key_figures_box(m, view, lang)
        if wanted is not None:
            assert panel is not None
            assert units is not None
            # the proposals, computed once (as the panel above); the page only shows them
            from ..matching import match

            ff_match = getattr(city, "footfall", None) if footfall is True else footfall or None
            matches = match(
                wanted,
                units,
                quarters=quarters if quarters is not None and len(quarters) else None,
                at=panel.at,
                footfall=ff_match,
                lang=lang,
            )
            add_requests_panel(
                m, requests_data(matches, wanted, view.union["unit_id"], layer=units_key, lang=lang)
            )
        texts = [
            labels.text("map.survey", lang, date=labels.format_date(d, lang=lang))
            for d in view.dates
        ]
        survey = texts[0] if len(texts) == 1 else {"dates": view.isos, "texts": texts}
    else:
        add_message(m, labels.text("map.no_units", lang))
    ff = getattr(city, "footfall", None) if footfall is True else footfall or None
    if ff is not None:
        counters_layer(m, ff, lang=lang)
    add_caption(m, city, lang, survey)
    return finish(m)
