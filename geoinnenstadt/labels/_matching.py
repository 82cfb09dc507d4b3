"""Display texts of the matching of requests to vacant units (geoinnenstadt.matching).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
Each reason of a proposed unit is one template; :func:`geoinnenstadt.matching.match`
joins them with ``"; "``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # components
    "match.size": (
        "Fläche {area} im Bereich {low}–{high}",
        "floor area {area} within {low}–{high}",
    ),
    "match.size_tolerance": (
        "Fläche {area} knapp außerhalb des Bereichs {low}–{high} (Toleranz {tolerance})",
        "floor area {area} just outside {low}–{high} (tolerance {tolerance})",
    ),
    "match.quarter_preferred": ("Wunschquartier {quarter}", "preferred quarter {quarter}"),
    "match.quarter_other": (
        "Quartier {quarter} (nicht gewünscht: {preferred})",
        "quarter {quarter} (not preferred: {preferred})",
    ),
    "match.quarter_anywhere": (
        "Quartier {quarter} (kein Wunschquartier angegeben)",
        "quarter {quarter} (no preferred quarter given)",
    ),
    "match.quarter_outside": (
        "außerhalb der Quartiere",
        "outside every quarter",
    ),
    "match.use_under": (
        "{use} im Quartier unterrepräsentiert ({share} gegenüber {city_share} in der City)",
        "{use} under-represented in the quarter ({share} against {city_share} in the centre)",
    ),
    "match.use_present": (
        "{use} im Quartier vertreten ({share} gegenüber {city_share} in der City)",
        "{use} present in the quarter ({share} against {city_share} in the centre)",
    ),
    "match.use_outside": (
        "Branchenmix unbekannt (außerhalb der Quartiere)",
        "use mix unknown (outside every quarter)",
    ),
    "match.footfall": (
        "{pedestrians} Passanten pro Tag am Zähler {counter} ({distance})",
        "{pedestrians} pedestrians per day at counter {counter} ({distance})",
    ),
    "match.footfall_none": (
        "kein Passantenzähler im Umkreis von {radius}",
        "no footfall counter within {radius}",
    ),
    "match.duration": ("{months} Monate leer", "vacant for {months} months"),
    "match.duration_one": ("1 Monat leer", "vacant for 1 month"),
    # filters passed
    "match.ground_floor": ("EG", "ground floor"),
    "match.step_free": ("stufenlos", "step-free"),
    "match.rent": ("Miete {rent} ≤ {max_rent}", "rent {rent} ≤ {max_rent}"),
    "match.rent_unknown": (
        "Miete k. A. (nicht geprüft, höchstens {max_rent} gewünscht)",
        "rent n/a (not checked, at most {max_rent} wanted)",
    ),
    # requests without a match
    "match.none": ("keine Einheit {conditions}", "no unit {conditions}"),
    "match.none_vacant": (
        "keine leer stehende Einheit am {date}",
        "no vacant unit on {date}",
    ),
    "match.none_most": (
        "{sentence}; am häufigsten ausgeschlossen durch {filter} ({n} von {total} leer "
        "stehenden Einheiten)",
        "{sentence}; most often excluded by {filter} ({n} of {total} vacant units)",
    ),
    "match.cond_min": ("≥ {low}", "≥ {low}"),
    "match.cond_max": ("≤ {high}", "≤ {high}"),
    "match.cond_range": ("mit {low}–{high}", "with {low}–{high}"),
    "match.cond_ground_floor": ("im EG", "on the ground floor"),
    "match.cond_step_free": ("stufenlos zugänglich", "with step-free access"),
    "match.cond_rent": ("bis {max_rent}", "up to {max_rent}"),
    "match.filter.area": ("Fläche", "floor area"),
    "match.filter.ground_floor": ("EG", "ground floor"),
    "match.filter.step_free": ("Stufenlosigkeit", "step-free access"),
    "match.filter.rent": ("Miete", "rent"),
    # the exposé of a vacant unit (gi.matching.expose, briefing/expose.py)
    "expose.title": ("Exposé: {address}", "Exposé: {address}"),
    "expose.kicker": (
        "Leer stehende Gewerbeeinheit {unit} – {city}",
        "Vacant commercial unit {unit} – {city}",
    ),
    "expose.unit_heading": ("Die Einheit", "The unit"),
    "expose.floor": ("Geschoss", "Floor"),
    "expose.floor_eg": ("Erdgeschoss (EG)", "ground floor"),
    "expose.floor_og": ("Obergeschoss (OG)", "upper floor"),
    "expose.vacant_for": ("{date} ({months} Monate)", "{date} ({months} months)"),
    "expose.quarter_heading": ("Das Quartier: {name}", "The quarter: {name}"),
    "expose.quarter_none": (
        "Die Einheit liegt in keinem Quartier.",
        "The unit lies outside every quarter.",
    ),
    "expose.figures_caption": ("Kennzahlen am {date}", "Key figures on {date}"),
    "expose.footfall_text": (
        "Zählstelle {name} in {distance} Entfernung: im Mittel {mean} Passanten je "
        "vollständigem Zähltag ({first} bis {last}).",
        "Counter {name}, {distance} away: on average {mean} pedestrians per complete day "
        "({first} to {last}).",
    ),
    "expose.footfall_none": (
        "Keine Passantenzählung im Umkreis von {radius}.",
        "No footfall counter within {radius}.",
    ),
    "expose.requests_heading": ("Passende Gesuche", "Matching requests"),
    "expose.requests_none": ("keine Gesuche erfasst", "no requests on record"),
    "expose.requests_no_match": (
        "Kein offenes Gesuch passt zu dieser Einheit.",
        "No open request fits this unit.",
    ),
    "expose.requests_more": (
        "… und {n} weitere passende Gesuche",
        "… and {n} more matching requests",
    ),
    "expose.requests_text": (
        "{n} offene Gesuche passen (Punkte 0–100, Regeln: gi.matching).",
        "{n} open requests fit (points 0–100, rules: gi.matching).",
    ),
    "expose.size": ("gesuchte Fläche", "size wanted"),
    "expose.score": ("Punkte", "Points"),
    "expose.contact": ("Kontakt", "Contact"),
    "expose.locator_alt": (
        "Lage der Einheit {unit} im Quartier {name}",
        "Location of unit {unit} in the quarter {name}",
    ),
    "expose.personal_note": (
        "Enthält personenbezogene Daten (Kontakte der Gesuche) – nur zur internen Verwendung.",
        "Contains personal data (contacts of the requests) – for internal use only.",
    ),
    "expose.footer": (
        "Stand {date} · erstellt {generated} mit geoinnenstadt {version}",
        "As of {date} · generated {generated} with geoinnenstadt {version}",
    ),
}
