"""Display texts of interactive maps (geoinnenstadt.maps): key -> (German, English).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
Templates may hold ``{placeholders}`` filled by ``text(key, lang, **values)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "sample.badge": ("Beispieldaten (synthetisch)", "Sample data (synthetic)"),
    # messages shown on the map instead of a layer
    "map.no_units": (
        "Keine Gewerbeeinheiten in den Daten – Leerstand kann nicht dargestellt werden.",
        "No commercial units in the data – vacancy cannot be shown.",
    ),
    "map.no_sites": ("Keine Wirtschaftsflächen in den Daten.", "No commercial land in the data."),
    "map.no_parcels": ("Keine Flurstücke in den Daten.", "No parcels in the data."),
    "map.no_preemption_areas": (
        "Keine Vorkaufsrechtsgebiete in den Daten.",
        "No pre-emption areas in the data.",
    ),
    "map.no_preempted": (
        "Kein Flurstück liegt mindestens zu {share} in einem Vorkaufsrechtsgebiet.",
        "No parcel lies at least {share} inside a pre-emption area.",
    ),
    "map.hotspots_failed": (
        "Hot-Spot-Analyse nicht möglich: {error}",
        "Hot-spot analysis not possible: {error}",
    ),
    # titles, captions
    "map.title": ("{title} – {name}", "{title} – {name}"),
    "map.title_vacancy": ("Leerstandskarte", "Vacancy map"),
    "map.title_land": ("Wirtschaftsflächen", "Commercial land"),
    "map.title_preemption": ("Vorkaufsrecht", "Pre-emption"),
    "map.survey": ("Leerstandserhebung: {date}", "Vacancy survey: {date}"),
    "map.as_of": ("Stand: {date}", "As of: {date}"),
    "map.data_source": ("Datenquelle: {source}", "Data source: {source}"),
    "map.osm_attribution": (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    # background: local basemap (context layer names are labels "category.<category>")
    "map.basemap": ("Hintergrundkarte", "Basemap"),
    # vacancy map
    "map.vacancy_rate_by_quarter": ("Leerstandsquote je Quartier", "Vacancy rate by quarter"),
    # withheld quarters: one term everywhere, "gesperrt" (the state) with its reason
    # "Geheimhaltung" (statistical confidentiality); tables show "gesperrt" or "< n"
    "map.suppressed": ("gesperrt (Geheimhaltung)", "withheld (confidentiality)"),
    "map.suppressed_legend": (
        "gesperrt (Geheimhaltung): weniger als {min_count} Einheiten oder "
        "aus der Summe rückrechenbar",
        "withheld (confidentiality): fewer than {min_count} units, or recoverable from the total",
    ),
    "map.vacant_class": ("leer stehend, {duration}", "vacant, {duration}"),
    "map.vacant_unknown": ("leer stehend, Dauer unbekannt", "vacant, duration unknown"),
    "map.duration": ("Leerstandsdauer", "Vacancy duration"),  # in completed months
    "map.months": ("Monate", "months"),
    "map.hotspots": ("Hot Spots des Leerstands (Gi*)", "Vacancy hot spots (Gi*)"),
    "map.cold_spots": ("Cold Spots des Leerstands (Gi*)", "Vacancy cold spots (Gi*)"),
    # a legend row of a layer that the layer control switches on and off
    # the legend box of the context layers (boundary, districts, land use, water, rail, roads)
    "map.context_legend": ("Kartengrundlage", "Base map"),
    # a hot/cold spot legend row names the significance level drawn
    "map.hotspot_level": ("{kind}, signifikant (p ≤ {alpha})", "{kind}, significant (p ≤ {alpha})"),
    # land and pre-emption maps
    "map.distance_buffers": (
        "Abstandsklassen um die Flächen (Abstandserlass)",
        "Distance classes around sites (Abstandserlass)",
    ),
    "map.distance": ("Abstand zur Fläche", "Distance to the site"),
    "map.site_class": ("{status}, {restriction}", "{status}, {restriction}"),
    "map.preempted_parcels": ("Flurstücke mit Vorkaufsrecht", "Parcels under pre-emption"),
    "map.other_parcels": ("übrige Flurstücke", "Other parcels"),
    "map.footfall_counters": (
        "Passantenzählung (Kreisfläche ∝ Passanten je Tag)",
        "Pedestrian counter (circle area ∝ pedestrians per day)",
    ),
    # use mix and footfall on the vacancy map (issue 20)
    "map.use_mix": ("Nutzungsmix (genutzte Einheiten)", "Use mix (occupied units)"),
    "map.use_mix_profile": ("Nutzungsmix (genutzte Einheiten)", "Use mix (occupied units)"),
    "map.footfall": ("Passantenzählung", "Pedestrian counts"),
    "map.footfall_mean": (
        "Passanten je Tag (vollständige Zähltage)",
        "Pedestrians per day (complete days)",
    ),
    "map.footfall_period": ("Zeitraum", "Period"),
    "map.footfall_change": (
        "Veränderung {year} zum Vorjahr (gleiche Wochentage)",
        "Change {year} on the year before (same weekdays)",
    ),
    "map.period": ("{start} – {end}", "{start} – {end}"),
    # time slider, key figures, profiles, filters (vacancy map)
    "map.key_figures": ("Kennzahlen am {date}", "Key figures on {date}"),
    "map.change_pp": (
        "Veränderung zur Vorerhebung",
        "Change since the previous survey",
    ),
    "map.quarters_whole_inventory": (
        "Quartierswerte: alle Einheiten; Filter blenden nur Punkte aus.",
        "Quarter figures: all units; filters hide points only.",
    ),
    "map.profile_title": ("Leerstandsquote je Erhebung", "Vacancy rate per survey"),
    "map.profile_suppressed": (
        "Zeitreihe gesperrt (Geheimhaltung)",
        "Time series withheld (confidentiality)",
    ),
    "map.duration_unknown": ("Dauer unbekannt", "duration unknown"),
    "map.take_up_year": ("Inanspruchnahme {year}", "Take-up {year}"),
    "map.take_up_ha": ("in Anspruch genommen", "taken up"),
    "map.sites_taken_up": ("Flächen bis Ende {year}", "Sites by the end of {year}"),
    # the controls of the page (explore.js)
    "map.ui.search": ("Suche", "Search"),
    "map.ui.search_hint": (
        "Adresse, Kennung, Quartier, Flurstück …",
        "Address, id, quarter, parcel …",
    ),
    "map.ui.no_hits": ("Keine Treffer", "No hits"),
    "map.ui.more_hits": ("weitere Treffer", "more hits"),
    "map.ui.previous": ("vorherige Erhebung", "previous survey"),
    "map.ui.next": ("nächste Erhebung", "next survey"),
    "map.ui.date": ("Stand", "Date"),
    "map.ui.filters": ("Filter (nur Punkte)", "Filters (points only)"),
    "map.ui.print": ("Drucken", "Print"),
    "map.ui.all": ("alle", "all"),
    "map.ui.layers": ("Ebenen", "Layers"),
    # the panel "Gesuche" of the vacancy map (maps/requests_panel.py, static/requests.js)
    "map.ui.requests": ("Gesuche", "Requests"),
    "map.ui.request_none": ("—", "—"),
    "map.ui.request_matches": ("passende Einheiten zum Gesuch", "units matching the request"),
    "map.ui.request_score": ("{score} Punkte", "score {score}"),
    "map.ui.request_no_match": ("kein Vorschlag", "no proposal"),
    "map.request.size": ("{low}–{high} m²", "{low}–{high} m²"),
    "map.request.ground_floor": ("EG", "ground floor"),
    "map.request.step_free": ("stufenlos", "step-free"),
}
