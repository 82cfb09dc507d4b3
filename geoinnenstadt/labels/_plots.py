"""Display texts of print maps and charts (geoinnenstadt.plots): key -> (German, English).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
Templates may hold ``{placeholders}`` filled by ``text(key, lang, **values)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "plot.vacancy_title": ("Leerstand nach City-Quartieren", "Vacancy by city quarter"),
    "plot.land_title": (
        "Wirtschaftsflächen und Flächenreserven",
        "Commercial land and land reserves",
    ),
    "plot.preemption_title": (
        "Flurstücke in Vorkaufsrechtsgebieten",
        "Parcels in pre-emption areas",
    ),
    "plot.trend_title": (
        "Leerstandsquote je Quartier und Erhebung",
        "Vacancy rate per quarter and survey",
    ),
    "plot.take_up_title": (
        "Inanspruchnahme von Wirtschaftsflächen pro Jahr",
        "Take-up of commercial land per year",
    ),
    "plot.title_city": ("{title} – {city}", "{title} – {city}"),
    "plot.as_of": ("{label}: {date}", "{label}: {date}"),
    "plot.base_map": ("Kartengrundlage: eigene Darstellung", "Base map: own representation"),
    "plot.source": ("{label}: {source}", "{label}: {source}"),
    "plot.not_official": ("keine amtlichen Daten", "not official data"),
    "plot.sample_note": ("{note} – {not_official}", "{note} – {not_official}"),
    "plot.crs": ("Koordinatensystem: {crs}", "Coordinate reference system: {crs}"),
    "plot.no_units": ("keine Gewerbeeinheiten erfasst", "no commercial units recorded"),
    "plot.no_units_quarter": ("keine Einheiten erfasst", "no units recorded"),
    "plot.no_sites": ("keine Wirtschaftsflächen erfasst", "no commercial sites recorded"),
    "plot.no_parcels": ("keine Flurstücke erfasst", "no parcels recorded"),
    "plot.vacancy_definition": (
        "Leerstandsquote = leer stehende / alle erfassten Gewerbeeinheiten je Quartier",
        "Vacancy rate = vacant / all recorded commercial units per quarter",
    ),
    "plot.vacancy_total": (
        "{label} insgesamt: {rate} ({vacant} von {units}",
        "{label} overall: {rate} ({vacant} of {units}",
    ),
    "plot.units_outside": ("davon {n} außerhalb der Quartiere", "{n} of them outside the quarters"),
    "plot.parcels_in": ("Flurstück im Vorkaufsrechtsgebiet", "Parcel in a pre-emption area"),
    "plot.parcels_rule": (
        "mind. {share} der Fläche im Gebiet; n = {n}",
        "at least {share} of its area inside; n = {n}",
    ),
    "plot.parcels_other": ("übrige Flurstücke", "other parcels"),
    "plot.preemption_area": ("Vorkaufsrechtsgebiet", "Pre-emption area"),
    "plot.core_zone": ("Gewerbe- und Industriekernzone", "Commercial/industrial core zone"),
    "plot.zones": ("Gebietskulissen", "Designated areas"),
    "plot.north": ("N", "N"),
    "plot.labels_omitted": (
        "{n} Beschriftung(en) aus Platzgründen ausgelassen",
        "{n} label(s) left out for lack of room",
    ),
    "plot.mean_line": ("Mittel {first}–{last}: {value}", "mean {first}–{last}: {value}"),
    "plot.partial_year": ("{year} (unvollständig)", "{year} (partial)"),
    "plot.partial_note": (
        "{year} unvollständig: Stand {date}",
        "{year} partial: as of {date}",
    ),
    "plot.supply_title": (
        "Vermarktbare Reserve, Bedarf und Versorgungslücke",
        "Marketable reserve, demand and supply gap",
    ),
    "plot.supply_reserve": (
        "vermarktbare Reserve am Jahresanfang inkl. Zugang",
        "marketable reserve at the start of the year incl. arrivals",
    ),
    "plot.supply_demand": ("Bedarf: {value} pro Jahr", "demand: {value} per year"),
    "plot.supply_band": ("Bedarfsspanne {low} bis {high}", "demand range {low} to {high}"),
    "plot.supply_gap": ("Versorgungslücke (Bedarf ungedeckt)", "supply gap (demand unmet)"),
    "plot.supply_no_gap": ("keine Lücke bis {year}", "no gap until {year}"),
    "plot.supply_first_gap": ("erste Lücke {year}", "first gap {year}"),
    # what public mode left out of a chart (labels.withheld_text(..., chart=True))
    "plot.withheld_primary_one": (
        "1 Quartier mit weniger als {min_count} Einheiten bei einer Erhebung nicht dargestellt.",
        "1 quarter with fewer than {min_count} units at a survey not shown.",
    ),
    "plot.withheld_primary": (
        "{n} Quartiere mit weniger als {min_count} Einheiten bei einer Erhebung nicht dargestellt.",
        "{n} quarters with fewer than {min_count} units at a survey not shown.",
    ),
    "plot.withheld_secondary_one": (
        "1 weiteres Quartier nicht dargestellt, damit die Summe sie nicht verrät.",
        "1 more quarter not shown, so that the total cannot reveal them.",
    ),
    "plot.withheld_secondary": (
        "{n} weitere Quartiere nicht dargestellt, damit die Summe sie nicht verrät.",
        "{n} more quarters not shown, so that the total cannot reveal them.",
    ),
    # quarter profiles (plots.profiles)
    "plot.use_mix_title": ("Nutzungsmix (belegte Einheiten)", "Use mix (occupied units)"),
    "plot.locator_title": ("Lage im Stadtgebiet", "Location in the city"),
    "plot.footfall_weekday_title": (
        "Passanten je Wochentag (Mittel je Zählstelle und Tag, {year})",
        "Pedestrians per weekday (mean per counter and day, {year})",
    ),
    "plot.footfall_hour_title": (
        "Passanten je Stunde (Mittel je Zählstelle, {year})",
        "Pedestrians per hour (mean per counter, {year})",
    ),
    "plot.hour_axis": ("Uhrzeit (Stunde)", "Hour of day"),
    "plot.weekdays": ("Mo,Di,Mi,Do,Fr,Sa,So", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
}
