"""Display texts of briefings (geoinnenstadt.briefing): key -> (German, English).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
Templates may hold ``{placeholders}`` filled by ``text(key, lang, **values)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # page frame
    "briefing.city": ("Stadt", "City"),
    "briefing.reference_date": ("Stichtag", "Reference date"),
    "briefing.data_source": ("Datenquelle", "Data source"),
    "briefing.generated": ("Erstellt", "Generated"),
    "briefing.publication": ("Veröffentlichung", "Publication"),
    "briefing.publication_value": (
        "Fallzahlen unter {min_count} gesperrt (Geheimhaltung)",
        "counts below {min_count} withheld (confidentiality)",
    ),
    "briefing.footnote_public": (
        "Veröffentlichungsfassung: Personenbezogene Angaben sind nicht enthalten.",
        "Publication version: no personal data included.",
    ),
    # what public mode withheld (labels.withheld_text)
    "briefing.withheld_none": (
        "Kein Quartier hat weniger als {min_count} Einheiten; es sind keine Werte gesperrt.",
        "No quarter has fewer than {min_count} units; no figures are withheld.",
    ),
    "briefing.withheld_primary_one": (
        "Die Werte eines Quartiers mit weniger als {min_count} Einheiten sind "
        "gesperrt („< {min_count}“).",
        "Figures for 1 quarter with fewer than {min_count} units are withheld (“< {min_count}”).",
    ),
    "briefing.withheld_primary": (
        "Die Werte von {n} Quartieren mit weniger als {min_count} Einheiten sind "
        "gesperrt („< {min_count}“).",
        "Figures for {n} quarters with fewer than {min_count} units are "
        "withheld (“< {min_count}”).",
    ),
    "briefing.withheld_secondary_one": (
        "Damit sie nicht aus der Summe zurückgerechnet werden können, ist ein weiteres "
        "Quartier gesperrt.",
        "So that they cannot be recovered from the total, 1 more quarter is withheld.",
    ),
    "briefing.withheld_secondary": (
        "Damit sie nicht aus der Summe zurückgerechnet werden können, sind {n} weitere "
        "Quartiere gesperrt.",
        "So that they cannot be recovered from the total, {n} more quarters are withheld.",
    ),
    "briefing.toc": ("Inhalt", "Contents"),
    "briefing.map_title": ("Karte", "Map"),
    "briefing.chart_alt": ("Diagramm", "Chart"),
    "briefing.index_none": ("(keine)", "(none)"),
    "briefing.index_title": ("Briefings", "Briefings"),
    "briefing.index_missing": ("fehlende Ebenen: {layers}", "missing layers: {layers}"),
    "briefing.index_skipped": ("Nicht erstellt", "Not built"),
    "briefing.matching_counts": (
        "{requests} offene Gesuche, abgeglichen mit {units} leer stehenden Einheiten am "
        "{date}: {matched} mit Vorschlägen, {unmatched} ohne passende Einheit.",
        "{requests} open requests, matched with {units} vacant units on {date}: "
        "{matched} with proposals, {unmatched} without a fitting unit.",
    ),
    "briefing.internal_only": (
        "nur intern: Ansiedlungsgesuche sind vertrauliche Geschäftsinformationen und werden "
        "nicht veröffentlicht",
        "internal only: space requests are commercially sensitive business information and are "
        "not published",
    ),
    "briefing.index_failed": ("Fehlgeschlagen", "Failed"),
    "briefing.not_official": ("keine amtlichen Daten", "not official data"),
    "briefing.sample_note": ("{note} – {not_official}", "{note} – {not_official}"),
    # suppression markers
    "briefing.below": ("< {min_count}", "< {min_count}"),
    "briefing.withheld": ("gesperrt", "withheld"),
    # key figures and vacancy text
    "briefing.key_caption": ("Stichtag {date}", "Reference date {date}"),
    "briefing.quarter_small": (
        "Im Quartier {name} liegen weniger als {min_count} Einheiten; "
        "die Werte werden nicht veröffentlicht.",
        "{name}: fewer than {min_count} units; figures are not published.",
    ),
    "briefing.quarter_withheld": (
        "Die Werte des Quartiers {name} werden zum Schutz kleiner Quartiere nicht veröffentlicht.",
        "Figures for {name} are withheld to protect small quarters.",
    ),
    "briefing.subject_total": ("In der City insgesamt", "In the city centre as a whole"),
    "briefing.subject_quarter": ("Im Quartier {name}", "In {name}"),
    "briefing.no_units_surveyed": (
        "{subject} wurden keine Einheiten erhoben.",
        "{subject} no units were surveyed.",
    ),
    "briefing.all_outside_one": (
        "Die erhobene Einheit liegt außerhalb aller Quartiere; für die Quartiere gibt es "
        "daher keine Werte. Prüfen Sie ihre Lage und die Quartiersgrenzen.",
        "The one unit surveyed lies outside every quarter, so the quarters have no figures. "
        "Check its position and the quarter boundaries.",
    ),
    "briefing.all_outside_many": (
        "Alle {units} erhobenen Einheiten liegen außerhalb der Quartiere; für die Quartiere "
        "gibt es daher keine Werte. Prüfen Sie die Lage der Einheiten und die "
        "Quartiersgrenzen (z. B. das Koordinatensystem).",
        "All {units} units surveyed lie outside the quarters, so the quarters have no "
        "figures. Check the positions of the units and the quarter boundaries (e.g. the "
        "coordinate reference system).",
    ),
    "briefing.vacant_one": (
        "{subject} steht {vacant} von {units} Einheiten leer ({rate}).",
        "{subject}, {vacant} of {units} units is vacant ({rate}).",
    ),
    "briefing.vacant_many": (
        "{subject} stehen {vacant} von {units} Einheiten leer ({rate}).",
        "{subject}, {vacant} of {units} units are vacant ({rate}).",
    ),
    "briefing.change_up": (
        "Seit der Erhebung am {date} ist die Quote um {amount} Prozentpunkte gestiegen.",
        "Since the survey of {date} the rate has risen by {amount} percentage points.",
    ),
    "briefing.change_down": (
        "Seit der Erhebung am {date} ist die Quote um {amount} Prozentpunkte gesunken.",
        "Since the survey of {date} the rate has fallen by {amount} percentage points.",
    ),
    "briefing.change_none": (
        "Seit der Erhebung am {date} ist die Quote unverändert geblieben.",
        "Since the survey of {date} the rate has not changed.",
    ),
    # the summary of the quarter table (briefing.vacancy_summary)
    "briefing.summary_range": (
        "Die höchste Leerstandsquote hat {high} ({high_rate}), die niedrigste {low} ({low_rate}).",
        "The highest vacancy rate is in {high} ({high_rate}), the lowest in {low} ({low_rate}).",
    ),
    "briefing.summary_rise": (
        "Seit der Erhebung am {date} ist die Quote in {names} am stärksten gestiegen ({change}).",
        "Since the survey of {date} the rate has risen most in {names} ({change}).",
    ),
    "briefing.summary_fall": (
        "Am stärksten gesunken ist sie in {names} ({change}).",
        "It has fallen most in {names} ({change}).",
    ),
    "briefing.summary_fall_only": (
        "Seit der Erhebung am {date} ist die Quote in keinem Quartier gestiegen, "
        "am stärksten gesunken ist sie in {names} ({change}).",
        "Since the survey of {date} the rate has risen in no quarter; it has fallen most "
        "in {names} ({change}).",
    ),
    "briefing.summary_no_change": (
        "Seit der Erhebung am {date} hat sich die Quote in keinem Quartier verändert.",
        "Since the survey of {date} the rate has not changed in any quarter.",
    ),
    "briefing.summary_withheld": (
        "Nicht veröffentlicht werden die Werte von {parts}.",
        "Figures not published: {parts}.",
    ),
    "briefing.summary_small": (
        "{names} (weniger als {min_count} Einheiten)",
        "{names} (fewer than {min_count} units)",
    ),
    "briefing.summary_protected": (
        "{names} (zum Schutz kleiner Quartiere)",
        "{names} (to protect small quarters)",
    ),
    "briefing.summary_none_withheld": (
        "Alle Quartiere erreichen die Mindestzahl von {min_count} Einheiten; "
        "es sind keine Werte gesperrt.",
        "Every quarter reaches the minimum of {min_count} units; no figures are withheld.",
    ),
    "briefing.and": ("und", "and"),
    # trend table
    "briefing.trend_change": ("Veränderung letzte Erhebung", "Change since previous survey"),
    "briefing.quarter": ("Quartier", "Quarter"),
    # flows and funds
    "briefing.flows_none": (
        "Keine frühere Erhebung: Zu- und Abgänge nicht berechenbar.",
        "No earlier survey: flows cannot be computed.",
    ),
    "briefing.flows_caption": (
        "Zu- und Abgänge zwischen {start} und {end}",
        "Flows between {start} and {end}",
    ),
    "briefing.fund_text": (
        "Zwischen den beiden Erhebungen wurden {re_let} leer stehende Einheiten wieder "
        "vermietet, davon {fund} über einen Fonds (z. B. Anmietungs-Fonds); {became_vacant} "
        "Einheiten sind neu leer gefallen.",
        "Between the two surveys {re_let} vacant units were re-let, {fund} of them through a "
        "fund; {became_vacant} units became vacant.",
    ),
    # land
    "briefing.years_unlimited": ("unbegrenzt (keine Inanspruchnahme)", "unlimited (no take-up)"),
    "briefing.years_unit": ("Jahre", "years"),
    "briefing.land_reserve": (
        "Verfügbar sind {reserve}, davon {free} restriktionsfrei und frei vermarktbar; "
        "{firm} sind betriebsgebundene Reserven (von Betrieben für die eigene Erweiterung "
        "gehalten) und zählen nicht zur Netto-Reichweite.",
        "The reserve is {reserve}, of which {free} restriction-free and on the market; "
        "{firm} are held by firms for their own expansion (betriebsgebundene Reserven) and "
        "do not count towards the net years of supply.",
    ),
    "briefing.land_take_up": (
        "In den Jahren {first}–{last} wurden im Mittel {mean} pro Jahr in Anspruch genommen.",
        "In {first}–{last} a mean of {mean} per year was taken up.",
    ),
    "briefing.land_years": (
        "Die restriktionsfreie Reserve reicht damit rechnerisch {net} (brutto {gross}).",
        "The restriction-free reserve thus lasts {net} (gross {gross}).",
    ),
    "briefing.land_scenario": (
        "Szenario {scenario} ({demand} pro Jahr): netto {net}, brutto {gross}.",
        "Scenario {scenario} ({demand} per year): net {net}, gross {gross}.",
    ),
    "briefing.supply_demand_trend": (
        "Als Bedarf wird die mittlere Inanspruchnahme der Jahre {first}–{last} angesetzt: "
        "{demand} pro Jahr (einzelne Jahre zwischen {low} und {high}).",
        "Demand is taken as the mean take-up of {first}–{last}: {demand} per year "
        "(single years between {low} and {high}).",
    ),
    "briefing.supply_demand_given": (
        "Als Bedarf werden {demand} pro Jahr angesetzt (Spanne {low} bis {high}).",
        "Demand is taken as {demand} per year (range {low} to {high}).",
    ),
    "briefing.supply_pipeline": (
        "Zum Stichtag sind {marketable} vermarktbar. Weitere {planned} sind in Planung, davon "
        "{early} in einem Stand vor der Einleitung eines B-Plan-Verfahrens.",
        "At the reference date {marketable} are marketable. A further {planned} are being "
        "planned, {early} of them at a stage before a B-Plan procedure has been started.",
    ),
    "briefing.supply_gap": (
        "Szenario {scenario}: {year} reicht die vermarktbare Fläche erstmals nicht für den "
        "Bedarf; in {n} von {years} Jahren bleibt Bedarf ungedeckt, zusammen {shortfall}.",
        "Scenario {scenario}: in {year} marketable land first falls short of demand; in {n} of "
        "{years} years demand stays unmet, {shortfall} in all.",
    ),
    "briefing.supply_no_gap": (
        "Szenario {scenario}: Der Bedarf ist bis {last} in jedem Jahr gedeckt.",
        "Scenario {scenario}: demand is met in every year up to {last}.",
    ),
    "briefing.supply_assumptions": (
        "Fehlt einer Fläche das erwartete Verfügbarkeitsjahr, gilt eine Vorlaufzeit je "
        "Planungsstand (Idee {idea} Jahre bis B-Plan rechtskräftig {bplan} Jahre). Diese "
        "Vorlaufzeiten sind Annahmen, abgeleitet aus der Angabe der IHK von zehn bis fünfzehn "
        "Jahren von der ersten Planung bis zur vermarktbaren Fläche; "
        "„Planung gestoppt“ lässt alle Flächen vor dem B-Plan-Verfahren entfallen, "
        "„Planung beschleunigt“ verkürzt die Vorlaufzeiten um den Faktor {factor}.",
        "Where a site has no expected year, a lead time per planning stage applies (idea "
        "{idea} years down to B-Plan in force {bplan} years). These lead times are assumptions, "
        "derived from the chamber of commerce's statement of ten to fifteen years from first "
        "planning to a marketable site; \u201cplanning stopped\u201d drops every site before "
        "the B-Plan procedure, \u201cplanning accelerated\u201d multiplies the lead times by "
        "{factor}.",
    ),
    "briefing.no_core_zones": (
        "Für diese Stadt sind keine Gewerbe- und Industriekernzonen hinterlegt.",
        "No commercial/industrial core zones are recorded for this city.",
    ),
    "briefing.core_zone_caption": ("Anteil in Kernzonen", "Share in core zones"),
    "briefing.no_residential": (
        "Keine Wohnbauflächen hinterlegt.",
        "No residential areas recorded.",
    ),
    "briefing.conflicts_caption": (
        "Verfügbare Flächen nach strengster zulässiger Abstandsklasse",
        "Available sites by strictest admissible distance class",
    ),
    # pre-emption
    "briefing.preemption_text": (
        "{n} von {total} Flurstücken liegen zu mindestens {share} ihrer Fläche in einem der "
        "{areas} Vorkaufsrechtsgebiete; es gibt {zones} Gewerbe- und Industriekernzonen.",
        "{n} of {total} parcels lie with at least {share} of their area in one of the {areas} "
        "pre-emption areas; there are {zones} commercial/industrial core zones.",
    ),
    "briefing.download_csv": ("CSV herunterladen", "Download CSV"),
    "briefing.download_xlsx": ("Excel herunterladen", "Download Excel"),
}

# captions used by the notebooks (notebooks/*.py)
TEXTS.update(
    {
        "briefing.caption_rates": (
            "Leerstand je Quartier am {date}",
            "Vacancy per quarter on {date}",
        ),
        "briefing.caption_trend": (
            "Leerstandsquote je Erhebung (Veränderung in Prozentpunkten)",
            "Vacancy rate per survey (change in percentage points)",
        ),
        "briefing.caption_hotspots": (
            "Einheiten in Hot Spots und Cold Spots je Quartier",
            "Units in hot spots and cold spots per quarter",
        ),
        "briefing.caption_flows": (
            "Zu- und Abgänge seit der vorherigen Erhebung",
            "Flows since the previous survey",
        ),
        "briefing.caption_reserve_restriction": (
            "Flächenreserve nach Restriktionen",
            "Land reserve by restriction",
        ),
        "briefing.caption_reserve_size": (
            "Flächenreserve nach Größenklassen",
            "Land reserve by size class",
        ),
        "briefing.caption_supply": ("Reichweite (Jahre)", "Years of supply"),
        "briefing.caption_supply_gap": (
            "Versorgungslücke je Szenario",
            "Supply gap by scenario",
        ),
        "briefing.caption_pipeline": (
            "Planungspipeline: Flächen nach Planungsstand",
            "Planning pipeline: land by planning stage",
        ),
        "briefing.caption_large_sites": (
            "Verfügbare Flächen ab {min_ha} ha",
            "Available sites of {min_ha} ha or more",
        ),
        "briefing.caption_coverage": (
            "Kernzonen und Vorkaufsrechtsgebiete",
            "Core zones and pre-emption areas",
        ),
        "briefing.caption_zone_coverage": (
            "Gewerbe- und Industriekernzonen: Anteil im Geltungsbereich der Vorkaufsrechtssatzung",
            "Commercial/industrial core zones: share within the pre-emption statute",
        ),
        "briefing.caption_annex": (
            "Die ersten {n} von {total} Flurstücken (vollständig im Download)",
            "The first {n} of {total} parcels (all of them in the download)",
        ),
        # quarter profiles (notebook 05, briefing.present_profile)
        "profile.key_caption": (
            "Kennzahlen zum {date} im Vergleich mit der City",
            "Key figures at {date} compared with the city centre",
        ),
        "profile.quarter_column": ("Quartier", "Quarter"),
        "profile.city_column": ("City (Gesamt)", "City (total)"),
        "profile.mix_heading": ("Nutzungsmix", "Use mix"),
        "profile.mix_text": (
            "{n} genutzte Einheiten. Filialisierungsgrad {chain} (City {city_chain}); "
            "Branchenvielfalt (Shannon-Evenness, 0–1) {diversity} (City {city_diversity}).",
            "{n} occupied units. Chain share {chain} (city {city_chain}); diversity "
            "(Shannon evenness, 0–1) {diversity} (city {city_diversity}).",
        ),
        "profile.magnets_heading": (
            "Magnetbetriebe (ab {area}): {n}",
            "Magnet stores (from {area}): {n}",
        ),
        "profile.magnets_more": ("… und {n} weitere", "… and {n} more"),
        "profile.footfall_heading": ("Passantenfrequenz", "Footfall"),
        "profile.footfall_text": (
            "{year}: im Mittel {per_day} Passanten je Tag und Zählstelle ({counters} "
            "Zählstelle(n); City {city_per_day}). Veränderung zum Vorjahr an gleichen "
            "Wochentagen: {change} (City {city_change}).",
            "{year}: a mean of {per_day} pedestrians per day and counter ({counters} "
            "counter(s); city {city_per_day}). Change on the previous year on matching "
            "weekdays: {change} (city {city_change}).",
        ),
        "profile.footfall_not_measured": (
            "Passantenfrequenz: nicht gemessen (keine Zählstelle im Quartier).",
            "Footfall: not measured (no counter in the quarter).",
        ),
        "profile.footfall_no_days": (
            "Passantenfrequenz: kein vollständiger Zähltag im Jahr {year}.",
            "Footfall: no complete counting day in {year}.",
        ),
        "profile.land_heading": ("Wirtschaftsflächen", "Commercial land"),
        "profile.land_text": (
            "{sites} Wirtschaftsfläche(n) im Quartier; Flächenreserve {reserve}.",
            "{sites} commercial site(s) in the quarter; land reserve {reserve}.",
        ),
        "profile.trend_heading": ("Entwicklung des Leerstands", "Vacancy trend"),
        "profile.trend_title": (
            "Leerstandsquote: {name} und City",
            "Vacancy rate: {name} and city centre",
        ),
        "profile.trend_withheld": (
            "Für dieses Quartier wird keine Zeitreihe veröffentlicht (Geheimhaltung).",
            "No time series is published for this quarter (confidentiality).",
        ),
        "profile.withheld_primary": (
            "Die Werte dieses Quartiers sind gesperrt: weniger als {min_count} Einheiten.",
            "The figures of this quarter are withheld: fewer than {min_count} units.",
        ),
        "profile.withheld_secondary": (
            "Die Werte dieses Quartiers sind gesperrt, damit die Summe ein kleines Quartier "
            "nicht verrät.",
            "The figures of this quarter are withheld so that the total cannot reveal a "
            "small quarter.",
        ),
        "profile.locator_alt": (
            "Lagekarte: {name} unter den City-Quartieren hervorgehoben",
            "Locator map: {name} highlighted among the city quarters",
        ),
    }
)
