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
    "display.city_table": ("keine (Tabelle)", "none (table)"),
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
    # the problems gi.validate reports (stored in English, shown in the display language);
    # each wording has its home here, the checks in geoinnenstadt/schema only name the key
    "problem.not_a_geodataframe": (
        "eine GeoDataFrame erwartet, erhalten: {type}",
        "expected a GeoDataFrame, got {type}",
    ),
    "problem.not_a_geodataframe_hint": (
        "Dateien mit gi.read_layer(pfad, kind=...) lesen oder eine mit "
        "geopandas.GeoDataFrame(...) bilden",
        "read files with gi.read_layer(path, kind=...) or build one with "
        "geopandas.GeoDataFrame(...)",
    ),
    "problem.duplicate_column": (
        "Spalte {name!r} kommt mehrfach vor",
        "column {name!r} occurs more than once",
    ),
    "problem.duplicate_column_hint": (
        "die weiteren Spalten umbenennen oder entfernen; geprüft wird nur die erste",
        "rename or drop the extra columns; only the first is checked",
    ),
    "problem.check_failed": (
        "die Prüfung {name} ließ sich auf diese Daten nicht anwenden ({error})",
        "the {name} check could not run on this data ({error})",
    ),
    "problem.check_failed_hint": (
        "zuerst die Probleme oben beheben; bleibt der Fehler, ihn als Fehler in "
        "geoinnenstadt melden",
        "fix the problems above first; if this persists, report it as a bug in geoinnenstadt",
    ),
    "problem.missing_column": (
        "Pflichtspalte {name!r} fehlt; die Ebene hat: {present}",
        "required column {name!r} is missing; the layer has: {present}",
    ),
    "problem.missing_column_hint": (
        "eine Spalte der Quelle zuordnen mit columns={{'QUELLE': {name!r}}}",
        "map a source column with columns={{'SOURCE': {name!r}}}",
    ),
    "problem.missing_column_meant": (
        "Pflichtspalte {name!r} fehlt; die Ebene hat: {present}",
        "required column {name!r} is missing; the layer has: {present}",
    ),
    "problem.missing_column_meant_hint": (
        "(gemeint: {meant!r}?) eine Spalte der Quelle zuordnen mit columns={{'QUELLE': {name!r}}}",
        "(did you mean {meant!r}?) map a source column with columns={{'SOURCE': {name!r}}}",
    ),
    "problem.no_columns": ("(keine Spalten)", "(no columns)"),
    "problem.missing_value": ("Pflichtwert fehlt", "required value is missing"),
    "problem.missing_value_hint": (
        "in jeder Zeile einen Wert eintragen",
        "fill in a value for every row",
    ),
    # a value of the wrong type: one template per type, so that each hint says what to enter
    "problem.unreadable_float": (
        "{value} ist keine Zahl",
        "cannot read {value} as float",
    ),
    "problem.unreadable_float_hint": (
        "eine endliche Zahl wie 123,5 oder 123.5 eintragen",
        "use a finite number such as 123.5 or 123,5",
    ),
    "problem.unreadable_int": ("{value} ist keine ganze Zahl", "cannot read {value} as int"),
    "problem.unreadable_int_hint": ("eine ganze Zahl eintragen", "use a whole number"),
    "problem.unreadable_bool": (
        "{value} ist kein Ja/Nein-Wert",
        "cannot read {value} as bool",
    ),
    "problem.unreadable_bool_hint": (
        "true/false, ja/nein oder 1/0 eintragen",
        "use true/false, ja/nein or 1/0",
    ),
    "problem.unreadable_str": ("{value} ist kein Text", "cannot read {value} as str"),
    "problem.unreadable_str_hint": ("", ""),
    "problem.unreadable_date": (
        "{value} ist kein Datum{why_de}",
        "cannot read {value} as date{why}",
    ),
    "problem.unreadable_date_hint": (
        "TT.MM.JJJJ oder JJJJ-MM-TT verwenden (Excel-Spalten als Datum formatieren, "
        "nicht als Zahl)",
        "use DD.MM.YYYY or YYYY-MM-DD (format Excel columns as dates, not numbers)",
    ),
    # why a date could not be read (geoinnenstadt.dates), after "… ist kein Datum"
    "problem.date_why.has a two-digit year": (
        ": zweistellige Jahreszahl",
        ": has a two-digit year",
    ),
    "problem.date_why.has no valid year": (": keine gültige Jahreszahl", ": has no valid year"),
    "problem.date_why.is not a date": ("", ": is not a date"),
    "problem.date_why.is a boolean, not a date": (
        ": ein Wahrheitswert",
        ": is a boolean, not a date",
    ),
    "problem.date_why.is a number, not a date (an int means a year only where documented)": (
        ": eine Zahl (eine ganze Zahl gilt nur dort als Jahr, wo es beschrieben ist)",
        ": is a number, not a date (an int means a year only where documented)",
    ),
    "problem.future_date": (
        "{name} {date} liegt in der Zukunft (heute ist der {today})",
        "{name} {date} is in the future (today is {today})",
    ),
    "problem.future_date_hint": (
        "das Jahr prüfen; TT.MM.JJJJ oder JJJJ-MM-TT verwenden",
        "check the year; use DD.MM.YYYY or YYYY-MM-DD",
    ),
    "problem.unknown_value": ("unbekannter Wert {value!r}", "unknown value {value!r}"),
    "problem.unknown_value_hint": ("erlaubt: {allowed}", "allowed: {allowed}"),
    "problem.unknown_value_meant": ("unbekannter Wert {value!r}", "unknown value {value!r}"),
    "problem.unknown_value_meant_hint": (
        "erlaubt: {allowed} (gemeint: {meant!r}?)",
        "allowed: {allowed} (did you mean {meant!r}?)",
    ),
    "problem.implausible_year": (
        "unplausibles Jahr {value}",
        "implausible year {value}",
    ),
    "problem.implausible_year_hint": (
        "ein Kalenderjahr zwischen {low} und {high} eintragen (vierstellig, z. B. 2031)",
        "enter a calendar year between {low} and {high} (four digits, e.g. 2031)",
    ),
    "problem.taken_up_without_date": (
        "in Anspruch genommene Fläche ohne taken_up_on",
        "taken-up site without taken_up_on",
    ),
    "problem.taken_up_without_date_hint": (
        "das Datum der Inanspruchnahme eintragen",
        "enter the date of the take-up (Inanspruchnahme)",
    ),
    "problem.landuse_missing": (
        "Nutzungsfläche ohne landuse",
        "land-use area without landuse",
    ),
    "problem.landuse_missing_hint": (
        "die Art der Fläche eintragen (GE, GI, MI, MK, W, SO oder green), z. B. die "
        "Spalte TYP des Plans: columns={{'TYP': 'landuse'}}",
        "enter the type of the area (GE, GI, MI, MK, W, SO or green), e.g. the plan's "
        "TYP column: columns={{'TYP': 'landuse'}}",
    ),
    "problem.vacant_without_since": (
        "leer stehende Einheit ohne vacant_since",
        "vacant unit without vacant_since",
    ),
    "problem.vacant_without_since_hint": (
        "eintragen, seit wann die Einheit leer steht (Leerstand seit)",
        "enter the date since when the unit is vacant (Leerstand seit)",
    ),
    "problem.vacant_after_survey": (
        "vacant_since {since} liegt nach survey_date {survey}",
        "vacant_since {since} is after survey_date {survey}",
    ),
    "problem.vacant_after_survey_hint": (
        "vacant_since muss am oder vor dem Erhebungstag liegen",
        "vacant_since must be on or before the survey date",
    ),
    # ids
    "problem.mixed_id_number": (
        "{name} {value!r} ist eine Zahl, die übrigen Kennungen sind Text (z. B. {example!r}); "
        "gemischte Kennungen lassen sich nicht vergleichen oder sortieren",
        "{name} {value!r} is a number, while the other ids are text (e.g. {example!r}); "
        "mixed id types cannot be compared or sorted",
    ),
    "problem.mixed_id_text": (
        "{name} {value!r} ist Text, die übrigen Kennungen sind Zahlen (z. B. {example!r}); "
        "gemischte Kennungen lassen sich nicht vergleichen oder sortieren",
        "{name} {value!r} is text, while the other ids are numbers (e.g. {example!r}); "
        "mixed id types cannot be compared or sorted",
    ),
    "problem.mixed_id_number_hint": (
        "jede {name} als Text angeben, z. B. gdf[{name!r}] = gdf[{name!r}].astype(str), "
        "oder die Ebene mit gi.read_layer lesen (conform macht Kennungen zu Text)",
        "give every {name} as text, e.g. gdf[{name!r}] = gdf[{name!r}].astype(str), "
        "or read the layer with gi.read_layer (conform turns ids into text)",
    ),
    "problem.mixed_id_text_hint": (
        "jede {name} als Text angeben, z. B. gdf[{name!r}] = gdf[{name!r}].astype(str), "
        "oder die Ebene mit gi.read_layer lesen (conform macht Kennungen zu Text)",
        "give every {name} as text, e.g. gdf[{name!r}] = gdf[{name!r}].astype(str), "
        "or read the layer with gi.read_layer (conform turns ids into text)",
    ),
    "problem.padded_id": (
        "{name} {value!r} hat Leerzeichen am Anfang oder Ende; sie zählte als anderes "
        "Objekt als {stripped!r}",
        "{name} {value!r} has leading or trailing spaces; it would count as another "
        "feature than {stripped!r}",
    ),
    "problem.padded_id_hint": (
        "die Leerzeichen in der Quelle entfernen oder die Ebene mit gi.read_layer / "
        "gi.schema.conform lesen, die sie entfernen",
        "remove the spaces in the source, or read the layer with gi.read_layer / "
        "gi.schema.conform, which strip them",
    ),
    "problem.duplicate": (
        "doppelte {what_de} (Objekt #{pos} wiederholt Objekt #{first})",
        "duplicate {what} (feature #{pos} repeats feature #{first})",
    ),
    "problem.duplicate_hint": (
        "jede {what_de} darf nur einmal vorkommen; das Duplikat entfernen oder ihm eine "
        "eigene {id_column} geben",
        "each {what} must occur once; remove the duplicate or give it its own {id_column}",
    ),
    "problem.duplicate_as_text": (
        "doppelte {what_de} ({id_column} {value!r} von Objekt #{pos} ist als Text ohne "
        "Leerzeichen {other!r} von Objekt #{first})",
        "duplicate {what} ({id_column} {value!r} of feature #{pos} is {other!r} of "
        "feature #{first} once read as text without the spaces around it)",
    ),
    "problem.duplicate_as_text_hint": (
        "jede {what_de} darf nur einmal vorkommen; das Duplikat entfernen oder ihm eine "
        "eigene {id_column} geben",
        "each {what} must occur once; remove the duplicate or give it its own {id_column}",
    ),
    # geometry and CRS
    "problem.no_geometry_column": (
        "die Ebene hat keine Geometriespalte",
        "the layer has no geometry column",
    ),
    "problem.no_geometry_column_hint": (
        "beim Lesen die Koordinaten- oder Geometriespalten angeben (CSV/Excel: x/y-Spalten) "
        "oder eine mit gdf.set_geometry(...) festlegen",
        "give the coordinate or geometry columns when reading (CSV/Excel: x/y columns) "
        "or set one with gdf.set_geometry(...)",
    ),
    "problem.no_crs": ("die Ebene hat kein Koordinatensystem", "the layer has no CRS"),
    "problem.no_crs_hint": (
        "beim Lesen crs= angeben (z. B. crs={crs!r}) oder es mit gdf.set_crs(...) setzen",
        "pass crs= when reading (e.g. crs={crs!r}) or set it with gdf.set_crs(...)",
    ),
    "problem.other_crs": (
        "die Ebene liegt in {crs}, nicht im Arbeitskoordinatensystem {working}",
        "the layer is in {crs}, not in the working CRS {working}",
    ),
    "problem.other_crs_hint": (
        "mit gi.read_layer lesen oder mit gdf.to_crs(gi.settings.working_crs) umprojizieren",
        "read it with gi.read_layer or reproject with gdf.to_crs(gi.settings.working_crs)",
    ),
    "problem.geometry_missing": ("Geometrie fehlt", "geometry is missing"),
    "problem.geometry_missing_hint": (
        "die Lage des Objekts ergänzen oder die Zeile entfernen",
        "add the feature's location or remove the row",
    ),
    "problem.geometry_empty": ("Geometrie ist leer", "geometry is empty"),
    "problem.geometry_empty_hint": (
        "die Lage des Objekts ergänzen oder die Zeile entfernen",
        "add the feature's location or remove the row",
    ),
    "problem.geometry_type": (
        "Geometrietyp {found} ist für {kind} nicht erlaubt (erwartet: {expected_de})",
        "geometry type {found} is not allowed for {kind} (expected {expected})",
    ),
    "problem.geometry_type_hint": (
        "das Objekt in {expected_de} umwandeln oder entfernen",
        "convert the feature to {expected} or remove it",
    ),
    "problem.geometry_types_mixed": (
        "Geometrietyp {found} ist für {kind} nicht erlaubt (erwartet: {expected_de})",
        "geometry type {found} is not allowed for {kind} (expected {expected})",
    ),
    "problem.geometry_types_mixed_hint": (
        "die Ebene mischt Geometrietypen ({types}); nur {expected_de} behalten",
        "the layer mixes geometry types ({types}); keep only {expected}",
    ),
    "problem.geometry_multipoint": (
        "Geometrietyp {found} ist für {kind} nicht erlaubt (erwartet: {expected_de})",
        "geometry type {found} is not allowed for {kind} (expected {expected})",
    ),
    "problem.geometry_multipoint_hint": (
        "jeder Einheit eine eigene Zeile mit einem einzelnen Punkt geben (GeoDataFrame.explode())",
        "give each unit its own row with a single point (GeoDataFrame.explode())",
    ),
    "problem.geometry_invalid": (
        "ungültige Geometrie: {reason}",
        "invalid geometry: {reason}",
    ),
    "problem.geometry_invalid_hint": (
        "im GIS reparieren oder mit repair=True lesen (shapely.make_valid)",
        "fix it in your GIS or read with repair=True (shapely.make_valid)",
    ),
    "problem.outside_swapped": (
        "Lage ({x}, {y}) in {crs} liegt außerhalb Deutschlands; x und y scheinen vertauscht",
        "location ({x}, {y}) in {crs} lies outside Germany; x and y look swapped",
    ),
    "problem.outside_swapped_hint": (
        "die Koordinatenspalten tauschen: x ist die geografische Länge (≈ 6–15) oder der "
        "Rechtswert, y die Breite (≈ 47–55) oder der Hochwert",
        "swap the coordinate columns: x is the longitude (≈ 6–15) or easting, "
        "y the latitude (≈ 47–55) or northing",
    ),
    "problem.outside_degrees": (
        "Lage ({x}, {y}) in {crs} liegt außerhalb Deutschlands; die Koordinaten sehen "
        "nach Grad aus",
        "location ({x}, {y}) in {crs} lies outside Germany; the coordinates look like degrees",
    ),
    "problem.outside_degrees_hint": (
        "das Koordinatensystem der Datei ist vermutlich falsch: mit crs='EPSG:4326' statt "
        "{crs} lesen",
        "the file's CRS is probably wrong: read it with crs='EPSG:4326' instead of {crs}",
    ),
    "problem.outside_metres": (
        "Lage ({x}, {y}) in {crs} liegt außerhalb Deutschlands; die Koordinaten sehen "
        "nach Metern aus",
        "location ({x}, {y}) in {crs} lies outside Germany; the coordinates look like metres",
    ),
    "problem.outside_metres_hint": (
        "das Koordinatensystem der Datei ist vermutlich falsch: mit einem projizierten "
        "wie crs={working!r} lesen",
        "the file's CRS is probably wrong: read it with a projected CRS such as crs={working!r}",
    ),
    "problem.outside": (
        "Lage ({x}, {y}) in {crs} = {lonlat_de} liegt außerhalb Deutschlands",
        "location ({x}, {y}) in {crs} = {lonlat} lies outside Germany",
    ),
    "problem.outside_hint": (
        "das Koordinatensystem (die Ebene gibt {crs} an) und die Koordinatenspalten prüfen",
        "check the CRS (the layer says {crs}) and the coordinate columns",
    ),
    "problem.no_lonlat": ("keine gültige Länge/Breite", "no valid lon/lat"),
    "problem.quarter_overlap": (
        "Quartier überlappt {others_de}",
        "quarter overlaps {others}",
    ),
    "problem.quarter_overlap_hint": (
        "Quartiere sollen die City lückenlos aufteilen: gemeinsame Kanten im GIS fangen",
        "quarters should partition the centre: snap shared edges in your GIS",
    ),
    "problem.quarter_gap": (
        "Lücke schmaler als {tol} m zu den Nachbarquartieren auf {length} m der Grenze",
        "gap narrower than {tol} m to the neighbouring quarters along {length} m of the boundary",
    ),
    "problem.quarter_gap_hint": (
        "Quartiere sollen die City lückenlos aufteilen: gemeinsame Kanten im GIS fangen",
        "quarters should partition the centre: snap shared edges in your GIS",
    ),
    "problem.context_geometry": (
        "{name} muss {expected_de} sein, nicht {found}",
        "{name} must be {expected}, not {found}",
    ),
    "problem.context_geometry_hint": (
        "Polygone sind Flächen (Stadtgrenze, Stadtteile, Nutzungen, Gewässer), Linien sind "
        "Bahn, Straßen und Flüsse; category passend zur Geometrie setzen",
        "polygons are areas (city boundary, districts, land use, water), lines are "
        "rail, roads and rivers; set category to match the geometry",
    ),
    # the expected geometry named in a problem (LayerSpec.geometry_types joined by "or")
    "problem.geometry.polygon": ("ein Polygon", "a polygon"),
    "problem.geometry.line": ("eine Linie", "a line"),
    "problem.geometry.polygon_or_line": ("ein Polygon oder eine Linie", "a polygon or a line"),
    "problem.not_a_dataframe": (
        "eine Tabelle (DataFrame) erwartet, erhalten: {type}",
        "expected a table (DataFrame), got {type}",
    ),
    "problem.not_a_dataframe_hint": (
        "Dateien mit gi.read_layer(pfad, kind=...) lesen oder eine mit pandas.DataFrame(...) "
        "bilden",
        "read files with gi.read_layer(path, kind=...) or build one with pandas.DataFrame(...)",
    ),
    "problem.negative_area": (
        "{name} darf nicht negativ sein, ist {value:g}",
        "{name} must not be negative, got {value:g}",
    ),
    "problem.negative_area_hint": (
        "die Fläche in m² eintragen",
        "enter the floor area in m²",
    ),
    "problem.area_range": (
        "min_floor_area_m2 {low:g} ist größer als max_floor_area_m2 {high:g}",
        "min_floor_area_m2 {low:g} is greater than max_floor_area_m2 {high:g}",
    ),
    "problem.area_range_hint": (
        "die Flächen vertauscht? „Fläche von“ muss ≤ „Fläche bis“ sein",
        "swapped? the smallest area wanted must not exceed the largest",
    ),
    "problem.unknown_quarter": (
        "Wunschquartier {value!r} gibt es in den Quartieren nicht",
        "preferred quarter {value!r} is not among the quarters",
    ),
    "problem.unknown_quarter_hint": (
        "quarter_id oder Namen eines Quartiers angeben; bekannt: {known}",
        "give a quarter_id or quarter name; known: {known}",
    ),
    "problem.unknown_quarter_meant": (
        "Wunschquartier {value!r} gibt es in den Quartieren nicht",
        "preferred quarter {value!r} is not among the quarters",
    ),
    "problem.unknown_quarter_meant_hint": (
        "gemeint: {meant!r}? quarter_id oder Namen eines Quartiers angeben; bekannt: {known}",
        "did you mean {meant!r}? give a quarter_id or quarter name; known: {known}",
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
