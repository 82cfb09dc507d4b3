"""Messages of the ``geoinnenstadt`` command line (:mod:`geoinnenstadt.cli`).

Part of :mod:`geoinnenstadt.labels`; look texts up with :func:`geoinnenstadt.labels.text`.
The command line speaks ``gi.settings.language`` or the language of its ``--lang``
option. Templates may hold ``{placeholders}`` filled by ``text(key, lang, **values)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # every run
    "cli.error": ("geoinnenstadt: Fehler: {message}", "geoinnenstadt: error: {message}"),
    "cli.note": ("Hinweis: {message}", "note: {message}"),
    "cli.file_not_found": (
        "{path}: Datei nicht gefunden ({hint})",
        "{path}: file not found ({hint})",
    ),
    "cli.file_check_name": ("Name und Ordner prüfen", "check the name and the folder"),
    "cli.file_similar": (
        "Dateien mit ähnlichem Namen in diesem Ordner: {names}",
        "files with a similar name in that folder: {names}",
    ),
    # validate
    "cli.columns_pair": (
        "--columns erwartet Paare QUELLE=ZIEL, z. B. STV_NR=quarter_id; angegeben: {pair!r}",
        "--columns expects SRC=DST pairs, e.g. STV_NR=quarter_id; got {pair!r}",
    ),
    # sample
    "cli.choose_action": (
        "{prog}: Fehler: eine Aktion wählen: list oder export",
        "{prog}: error: choose an action: list or export",
    ),
    "cli.no_samples": ("keine Beispielstädte installiert", "no sample cities installed"),
    "cli.no_sample": (
        "keine Beispielstadt {name!r}; vorhanden: {available}",
        "no sample city {name!r}; available: {available}",
    ),
    "cli.none_installed": ("(keine installiert)", "(none installed)"),
    "cli.sample_synthetic": ("synthetische Beispieldaten", "synthetic sample data"),
    "cli.sample_as_of": ("Stand {date}", "as of {date}"),
    "cli.sample_license": ("Lizenz {license}", "license {license}"),
    "cli.unknown_format": (
        "unbekanntes Format {fmt!r}; möglich: {formats}",
        "unknown format {fmt!r}; choose one of {formats}",
    ),
    # map
    "cli.basemap_options": (
        "--basemap-zoom, --basemap-attribution und --basemap-scheme setzen --basemap PATH voraus",
        "--basemap-zoom, --basemap-attribution and --basemap-scheme need --basemap PATH",
    ),
    # geocode
    "cli.address_or_street": (
        "entweder --address oder --street/--number angeben, nicht beides",
        "give either --address or --street/--number, not both",
    ),
    "cli.geocode_summary": ("{n} Adressen: {report}", "{n} addresses: {report}"),
    # briefing
    "cli.data_not_found": (
        "--data {value!r} ist weder eine Beispielstadt ({samples}) noch eine vorhandene Datei "
        "(gesucht: {path})",
        "--data {value!r} is neither a sample ({samples}) nor an existing file (looked for {path})",
    ),
    "cli.briefing_skipped": (
        "übersprungen: {data} / {notebook}: {reason}",
        "skipped: {data} / {notebook}: {reason}",
    ),
    "cli.briefing_failed": ("Fehler: {error}", "error: {error}"),
    "cli.briefing_index": ("Übersicht: {path}", "index: {path}"),
    "cli.briefing_summary": (
        "{verdict}: {written}, {skipped}, {failed}",
        "{verdict}: {written}, {skipped}, {failed}",
    ),
    "cli.briefing_done": ("Fertig", "Done"),
    "cli.briefing_with_errors": ("Mit Fehlern", "With errors"),
    "cli.briefings_written": ("{n} Briefings erstellt", "{n} briefings written"),
    "cli.briefings_written_one": ("1 Briefing erstellt", "1 briefing written"),
    "cli.briefings_skipped": ("{n} übersprungen", "{n} skipped"),
    "cli.briefings_skipped_one": ("1 übersprungen", "1 skipped"),
    "cli.briefings_failed": ("{n} fehlgeschlagen", "{n} failed"),
    "cli.briefings_failed_one": ("1 fehlgeschlagen", "1 failed"),
    # match
    "cli.match_top": ("--top muss ≥ 1 sein, angegeben: {top}", "--top must be ≥ 1, got {top}"),
    "cli.match_xlsx": (
        "{path}: --out schreibt eine Excel-Arbeitsmappe; einen Namen auf .xlsx wählen",
        "{path}: --out writes an Excel workbook; use a name ending in .xlsx",
    ),
    "cli.match_no_requests": (
        "{data} enthält keine Ansiedlungsgesuche; die Gesuchsliste mit --requests GESUCHE.XLSX "
        "angeben",
        "{data} holds no space requests; give the request list with --requests GESUCHE.XLSX",
    ),
    "cli.match_counts": (
        "{read} Gesuch(e) aus {source} gelesen, {open} offen abgeglichen ({skipped} mit anderem "
        "Status übergangen): {matched} mit Vorschlägen, {unmatched} ohne passende Einheit",
        "read {read} request(s) from {source}, matched {open} open ({skipped} with another "
        "status passed over): {matched} with proposals, {unmatched} without a fitting unit",
    ),
    "cli.match_summary_sheet": ("Übersicht", "Summary"),
    # import
    "cli.survey_date_only": (
        "--survey-date gilt nur für osm und leerstandsmelder",
        "--survey-date applies to osm and leerstandsmelder",
    ),
    "cli.import_read": (
        "{total} Zeile(n) aus {source} gelesen: {kept} übernommen, {left_out} ausgelassen, "
        "{warnings} Warnung(en) gemeldet",
        "read {total} row(s) from {source}: {kept} kept, {left_out} left out, "
        "{warnings} warning(s) reported",
    ),
    "cli.import_wrote": (
        "{path} geschrieben (Ebene {kind!r}, {n} Zeilen){extra}",
        "wrote {path} (layer {kind!r}, {n} rows){extra}",
    ),
    "cli.import_personal_kept": (
        " (personenbezogene Spalten behalten)",
        " (personal columns kept)",
    ),
    "cli.import_personal_dropped": (
        "; personenbezogene Spalten entfernt: {columns}",
        "; personal columns dropped: {columns}",
    ),
}
