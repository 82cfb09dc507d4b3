"""Display texts of notebook displays (``_repr_html_`` of maps, City, ValidationReport).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
Templates may hold ``{placeholders}`` filled by ``text(key, lang, **values)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # maps shown in a notebook
    "display.map_title": ("Interaktive Karte", "Interactive map"),
    "display.map_untrusted": (
        "Karte nicht sichtbar? Das Notebook vertrauen (JupyterLab: Befehl „Trust Notebook“) "
        "oder die Zelle erneut ausführen.",
        "Map not visible? Trust the notebook (JupyterLab command “Trust Notebook”) "
        "or run the cell again.",
    ),
    "display.map_not_offline": (
        "Diese Karte lässt sich nicht offline anzeigen: {error} – mit "
        "gi.settings.offline = False wird sie mit Internetzugang gezeigt.",
        "This map cannot be shown offline: {error} – with gi.settings.offline = False "
        "it is shown using the internet.",
    ),
    # City
    "display.city_layer": ("Ebene", "Layer"),
    "display.city_kind": ("Art", "Kind"),
    "display.city_rows": ("Zeilen", "Rows"),
    "display.city_geometry": ("Geometrie", "Geometry"),
    "display.city_crs": ("Koordinatensystem", "CRS"),
    "display.city_dates": ("Erhebungen / Stand", "Surveys / as of"),
    "display.city_personal": ("Personenbezogene Spalten", "Personal columns"),
    "display.city_as_of": ("Stand {date}", "As of {date}"),
    "display.city_no_layers": ("keine Ebenen", "no layers"),
    "display.city_surveys": (
        "{n} Erhebungen, {first} – {last}",
        "{n} surveys, {first} – {last}",
    ),
    "display.city_survey_one": ("1 Erhebung, {date}", "1 survey, {date}"),
    # ValidationReport
    "display.report_title": ("Prüfbericht: {kind}", "Validation report: {kind}"),
    "display.report_summary": (
        "{rows} Zeilen geprüft · {errors} Fehler · {warnings} Warnungen · "
        "{repaired} reparierte Geometrien",
        "{rows} rows checked · {errors} errors · {warnings} warnings · "
        "{repaired} repaired geometries",
    ),
    "display.report_source": ("Quelle: {source}", "Source: {source}"),
    "display.report_ok": ("Keine Fehler.", "No errors."),
    "display.report_errors": ("Fehler", "Errors"),
    "display.report_warnings": ("Warnungen", "Warnings"),
    "display.report_repaired": (
        "Mit make_valid repariert: {ids}",
        "Repaired with make_valid: {ids}",
    ),
    "display.report_notes": ("Hinweise", "Notes"),
    "display.report_more": (
        "… und {n} weitere (vollständig in .{attr})",
        "… and {n} more (all of them in .{attr})",
    ),
    "display.row": ("Zeile", "Row"),
    "display.column": ("Spalte", "Column"),
    "display.problem": ("Problem", "Problem"),
    "display.hint": ("Hinweis", "Hint"),
    "display.layer": ("(ganze Ebene)", "(whole layer)"),
    # ValidationReport as plain text (summary, str) and the CLI's validate
    "report.where": ("Ebene {kind}", "{kind} layer"),
    "report.where_source": ("Ebene {kind} aus {source}", "{kind} layer from {source}"),
    "report.summary": (
        "{where}: {rows}, {errors}, {warnings}, {repaired}",
        "{where}: {rows}, {errors}, {warnings}, {repaired}",
    ),
    "report.rows": ("{n} Zeilen", "{n} rows"),
    "report.rows_one": ("1 Zeile", "1 row"),
    "report.errors": ("{n} Fehler", "{n} errors"),
    "report.errors_one": ("1 Fehler", "1 error"),
    "report.warnings": ("{n} Warnungen", "{n} warnings"),
    "report.warnings_one": ("1 Warnung", "1 warning"),
    "report.repaired": ("{n} reparierte Geometrien", "{n} repaired geometries"),
    "report.repaired_one": ("1 reparierte Geometrie", "1 repaired geometry"),
    "report.errors_heading": ("Fehler:", "errors:"),
    "report.warnings_heading": ("Warnungen:", "warnings:"),
    "report.row": ("Zeile {row}", "row {row}"),
    "report.layer": ("Ebene", "layer"),
    "report.column": ("{where}, Spalte {column!r}", "{where}, column {column!r}"),
    "report.more": (
        "  … und {n} weitere (vollständig in .errors des Berichts)",
        "  … and {n} more (see the report's .errors)",
    ),
    "report.note": ("Hinweis: {note}", "note: {note}"),
    "report.error": ("Fehler", "error"),
    "report.warning": ("Warnung", "warning"),
    "report.severity": ("Art", "Severity"),
    "report.ok": ("OK", "OK"),
    "report.failed": ("FEHLER", "FAILED"),
    # the most common problems of gi.validate (stored in English, shown in the display language)
    "problem.missing_value": ("Pflichtwert fehlt", "required value is missing"),
    "problem.missing_value_hint": (
        "in jeder Zeile einen Wert eintragen",
        "fill in a value for every row",
    ),
    "problem.unknown_value": ("unbekannter Wert {value!r}", "unknown value {value!r}"),
    "problem.unknown_value_hint": ("erlaubt: {allowed}", "allowed: {allowed}"),
    "problem.unknown_value_meant": ("unbekannter Wert {value!r}", "unknown value {value!r}"),
    "problem.unknown_value_meant_hint": (
        "erlaubt: {allowed} (gemeint: {meant!r}?)",
        "allowed: {allowed} (did you mean {meant!r}?)",
    ),
    "problem.floor_area": (
        "Fläche muss > 0 sein, ist {value:g}",
        "floor area must be > 0, got {value:g}",
    ),
    "problem.floor_area_hint": (
        "die Nutzfläche in m² eintragen",
        "enter the usable floor area in m²",
    ),
    # tables
    "display.table_more": (
        "… {n} weitere Zeilen nicht gezeigt",
        "… {n} more rows not shown",
    ),
}
