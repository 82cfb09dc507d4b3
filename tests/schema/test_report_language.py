"""ValidationReport in the display language: summary, plain text, notebook display, messages."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

import geoinnenstadt as gi

CRS = "EPSG:25832"
X0, Y0 = 390_000.0, 5_710_000.0


@pytest.fixture
def report() -> gi.ValidationReport:
    # U1: a misspelt status; U2: floor area 0; U3: no survey date
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U2", "U3"],
            "survey_date": ["30.06.2025", "30.06.2025", None],
            "status": ["vacnt", "occupied", "occupied"],
            "floor_area_m2": [80.0, 0.0, 45.0],
            "vacant_since": [None, None, None],
        },
        geometry=[Point(X0, Y0), Point(X0 + 10, Y0), Point(X0 + 20, Y0)],
        crs=CRS,
    )
    return gi.validate(units, "units", source="leerstand.csv")


GERMAN = [
    "Ebene units aus leerstand.csv: 3 Zeilen, 3 Fehler, 0 Warnungen, 0 reparierte Geometrien",
    "Fehler:",
    "  - Zeile U3 @ ?, Spalte 'survey_date': Pflichtwert fehlt — in jeder Zeile einen Wert eintragen",
    "  - Zeile U1 @ 2025-06-30, Spalte 'status': unbekannter Wert 'vacnt'"
    " — erlaubt: occupied, vacant (gemeint: 'vacant'?)",
    "  - Zeile U2 @ 2025-06-30, Spalte 'floor_area_m2': Fläche muss > 0 sein, ist 0"
    " — die Nutzfläche in m² eintragen",
]
ENGLISH = [
    "units layer from leerstand.csv: 3 rows, 3 errors, 0 warnings, 0 repaired geometries",
    "errors:",
    "  - row U3 @ ?, column 'survey_date': required value is missing — fill in a value for every row",
    "  - row U1 @ 2025-06-30, column 'status': unknown value 'vacnt'"
    " — allowed: occupied, vacant (did you mean 'vacant'?)",
    "  - row U2 @ 2025-06-30, column 'floor_area_m2': floor area must be > 0, got 0"
    " — enter the usable floor area in m²",
]


@pytest.mark.parametrize(("lang", "expected"), [("de", GERMAN), ("en", ENGLISH)])
def test_plain_text_follows_the_language(report, monkeypatch, lang, expected) -> None:
    monkeypatch.setattr(gi.settings, "language", lang)
    assert str(report).splitlines() == expected
    assert report.summary() == expected[0]
    assert repr(report) == f"<ValidationReport {expected[0]}>"


def test_the_data_stay_english_in_either_language(report, monkeypatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "de")
    assert report.errors["problem"].tolist() == [
        "required value is missing",
        "unknown value 'vacnt'",
        "floor area must be > 0, got 0",
    ]
    assert report.errors["hint"].iloc[1] == "allowed: occupied, vacant (did you mean 'vacant'?)"


def test_notebook_display_has_no_english_message_in_german(report, monkeypatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "de")
    out = report._repr_html_()
    assert "<td>unbekannter Wert &#x27;vacnt&#x27;</td>" in out
    assert "<td>erlaubt: occupied, vacant (gemeint: &#x27;vacant&#x27;?)</td>" in out
    assert "<td>Pflichtwert fehlt</td><td>in jeder Zeile einen Wert eintragen</td>" in out
    for english in ("unknown value", "required value", "floor area must", "allowed:"):
        assert english not in out


@pytest.mark.parametrize(
    ("lang", "headings", "severity"),
    [
        ("de", ["Art", "Zeile", "Spalte", "Problem", "Hinweis"], "Fehler"),
        ("en", ["Severity", "Row", "Column", "Problem", "Hint"], "error"),
    ],
)
def test_display_frame_headings_and_severity(report, lang, headings, severity) -> None:
    frame = report.display_frame(lang=lang)
    assert frame.columns.tolist() == headings
    assert frame.iloc[:, 0].tolist() == [severity] * 3


def test_the_exception_stays_english(report, monkeypatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "de")
    with pytest.raises(gi.SchemaError) as info:
        report.raise_for_errors()
    assert str(info.value).splitlines()[:2] == [
        "3 errors in the units layer from leerstand.csv:",
        ENGLISH[2],
    ]


# --------------------------------------------------------------------------- every problem (issue 19)


@pytest.fixture
def bad_units(monkeypatch: pytest.MonkeyPatch) -> gi.ValidationReport:
    """Units with the problems of a normal file: one per row, counted by hand.

    U1 twice (duplicate key), area "groß" and vacant without a date; U3 a two-digit year;
    U4 vacant since a future date (also after its survey); U5 a misspelt status and an
    empty point; U6 no geometry; 7 a number among text ids, with a polygon.
    """
    from shapely.geometry import box

    monkeypatch.setattr(gi.dates, "today", lambda: pd.Timestamp("2026-01-15"))
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U1", "U3", "U4", "U5", "U6", 7],
            "survey_date": ["30.06.2025", "30.06.2025", "01.06.25"] + ["30.06.2025"] * 4,
            "status": ["vacant", "occupied", "occupied", "vacant", "leer", "occupied", "occupied"],
            "floor_area_m2": ["groß", 50.0, 45.0, 60.0, 70.0, 80.0, 90.0],
            "vacant_since": [None, None, None, "01.01.2099", None, None, None],
        },
        geometry=[
            *(Point(X0 + 10 * i, Y0) for i in range(4)),
            Point(),
            None,
            box(X0, Y0, X0 + 5, Y0 + 5),
        ],
        crs=CRS,
    )
    return gi.validate(units, "units")


BAD_UNITS = [  # (row, column, German problem, English problem)
    ("U3 @ 01.06.25", "survey_date",
     "'01.06.25' ist kein Datum: zweistellige Jahreszahl",
     "cannot read '01.06.25' as date: has a two-digit year"),
    ("U5 @ 2025-06-30", "status", "unbekannter Wert 'leer'", "unknown value 'leer'"),
    ("U1 @ 2025-06-30", "floor_area_m2", "'groß' ist keine Zahl", "cannot read 'groß' as float"),
    ("U4 @ 2025-06-30", "vacant_since",
     "vacant_since 2099-01-01 liegt in der Zukunft (heute ist der 2026-01-15)",
     "vacant_since 2099-01-01 is in the future (today is 2026-01-15)"),
    ("U1 @ 2025-06-30", "vacant_since",
     "leer stehende Einheit ohne vacant_since", "vacant unit without vacant_since"),
    ("U4 @ 2025-06-30", "vacant_since",
     "vacant_since 2099-01-01 liegt nach survey_date 2025-06-30",
     "vacant_since 2099-01-01 is after survey_date 2025-06-30"),
    ("7 @ 2025-06-30", "unit_id",
     "unit_id 7 ist eine Zahl, die übrigen Kennungen sind Text (z. B. 'U1'); gemischte "
     "Kennungen lassen sich nicht vergleichen oder sortieren",
     "unit_id 7 is a number, while the other ids are text (e.g. 'U1'); mixed id types "
     "cannot be compared or sorted"),
    ("U1 @ 2025-06-30", "unit_id",
     "doppelte unit_id und survey_date (Objekt #2 wiederholt Objekt #1)",
     "duplicate unit_id and survey_date (feature #2 repeats feature #1)"),
    ("U6 @ 2025-06-30", "geometry", "Geometrie fehlt", "geometry is missing"),
    ("U5 @ 2025-06-30", "geometry", "Geometrie ist leer", "geometry is empty"),
    ("7 @ 2025-06-30", "geometry",
     "Geometrietyp Polygon ist für units nicht erlaubt (erwartet: Point)",
     "geometry type Polygon is not allowed for units (expected Point)"),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_problem_of_a_normal_file_is_shown_in_the_language(
    bad_units: gi.ValidationReport, lang: str
) -> None:
    """Issue 19: only three problems were translated; the others stayed English in German."""
    frame = bad_units.display_frame(lang=lang)
    shown = 2 if lang == "de" else 3
    assert [tuple(r) for r in frame.iloc[:, 1:4].itertuples(index=False)] == [
        (t[0], t[1], t[shown]) for t in BAD_UNITS
    ]
    assert frame.iloc[:, 0].unique().tolist() == ["Fehler" if lang == "de" else "error"]
    # the data stay English whatever the language
    assert bad_units.errors["problem"].tolist() == [t[3] for t in BAD_UNITS]


def test_hints_of_the_problems_in_german(bad_units: gi.ValidationReport) -> None:
    hints = bad_units.display_frame(lang="de")["Hinweis"].tolist()
    assert hints == [
        "TT.MM.JJJJ oder JJJJ-MM-TT verwenden (Excel-Spalten als Datum formatieren, nicht als "
        "Zahl)",
        "erlaubt: occupied, vacant (gemeint: 'vacant'?)",
        "eine endliche Zahl wie 123,5 oder 123.5 eintragen",
        "das Jahr prüfen; TT.MM.JJJJ oder JJJJ-MM-TT verwenden",
        "eintragen, seit wann die Einheit leer steht (Leerstand seit)",
        "vacant_since muss am oder vor dem Erhebungstag liegen",
        "jede unit_id als Text angeben, z. B. gdf['unit_id'] = gdf['unit_id'].astype(str), "
        "oder die Ebene mit gi.read_layer lesen (conform macht Kennungen zu Text)",
        "jede unit_id und survey_date darf nur einmal vorkommen; das Duplikat entfernen oder "
        "ihm eine eigene unit_id geben",
        "die Lage des Objekts ergänzen oder die Zeile entfernen",
        "die Lage des Objekts ergänzen oder die Zeile entfernen",
        "die Ebene mischt Geometrietypen (Point, Polygon); nur Point behalten",
    ]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_column_geometry_and_crs_problems_in_both_languages() -> None:
    """A quarters layer without CRS, with a misnamed column and a bow tie; one in the wrong CRS."""
    from shapely.geometry import Polygon, box

    bow_tie = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    quarters = gpd.GeoDataFrame({"quarter_id": ["Q1"], "Name": ["A"]}, geometry=[bow_tie], crs=None)
    report = gi.validate(quarters, "quarters")
    assert report.display_frame(lang="de").iloc[:, 3:].values.tolist() == [
        [
            "Pflichtspalte 'name' fehlt; die Ebene hat: quarter_id, Name",
            "(gemeint: 'Name'?) eine Spalte der Quelle zuordnen mit columns={'QUELLE': 'name'}",
        ],
        [
            "die Ebene hat kein Koordinatensystem",
            "beim Lesen crs= angeben (z. B. crs='EPSG:25832') oder es mit gdf.set_crs(...) setzen",
        ],
        [
            "ungültige Geometrie: Self-intersection[390005 5710005]",
            "im GIS reparieren oder mit repair=True lesen (shapely.make_valid)",
        ],
    ]
    assert report.display_frame(lang="en").iloc[:, 3].tolist() == [
        "required column 'name' is missing; the layer has: quarter_id, Name",
        "the layer has no CRS",
        "invalid geometry: Self-intersection[390005 5710005]",
    ]
    degrees = gpd.GeoDataFrame(
        {"quarter_id": ["Q1"], "name": ["A"]},
        geometry=[box(7.4, 51.5, 7.5, 51.6)],
        crs="EPSG:31467",
    )
    report = gi.validate(degrees, "quarters")
    assert report.display_frame(lang="de").iloc[:, [0, 3]].values.tolist() == [
        [
            "Fehler",
            "Lage (7.45, 51.55) in EPSG:31467 liegt außerhalb Deutschlands; die Koordinaten "
            "sehen nach Grad aus",
        ],
        [
            "Warnung",
            "die Ebene liegt in EPSG:31467, nicht im Arbeitskoordinatensystem EPSG:25832",
        ],
    ]
    assert report.display_frame(lang="en").iloc[:, 3].tolist() == [
        "location (7.45, 51.55) in EPSG:31467 lies outside Germany; the coordinates look like "
        "degrees",
        "the layer is in EPSG:31467, not in the working CRS EPSG:25832",
    ]
    swapped = degrees.set_geometry([box(Y0, X0, Y0 + 100, X0 + 100)], crs=CRS)
    assert gi.validate(swapped, "quarters").display_frame(lang="de").iloc[0, 3] == (
        "Lage (5.71005e+06, 390050) in EPSG:25832 liegt außerhalb Deutschlands; x und y "
        "scheinen vertauscht"
    )


def test_every_problem_template_has_a_hint_in_both_languages() -> None:
    """One home per wording: each problem key has its hint, German differs from English."""
    from geoinnenstadt.labels import TEXTS

    parts = {"problem.no_columns", "problem.no_lonlat"}  # pieces of a problem, not problems
    problems = [
        k for k in TEXTS if k.startswith("problem.") and k.count(".") == 1 and k not in parts
    ]
    assert len(problems) > 60
    for key in problems:
        base = key.removesuffix("_hint")
        assert f"{base}_hint" in TEXTS, key
        de, en = TEXTS[key]
        assert (de != en) or de == "" or "{" in de, key


def test_overlapping_quarters_warning_in_both_languages() -> None:
    """The overlap (10 m × 100 m = 1,000 m²) is written the German way in German."""
    from shapely.geometry import box

    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["A", "B"]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 90, Y0, X0 + 200, Y0 + 100)],
        crs=CRS,
    )
    report = gi.validate(quarters, "quarters")
    assert report.display_frame(lang="de").iloc[:, [0, 1, 3]].values.tolist() == [
        ["Warnung", "Q1", "Quartier überlappt Q2 (1.000,0 m²)"],
        ["Warnung", "Q2", "Quartier überlappt Q1 (1.000,0 m²)"],
    ]
    assert report.display_frame(lang="en")["Problem"].tolist() == [
        "quarter overlaps Q2 (1000.0 m²)",
        "quarter overlaps Q1 (1000.0 m²)",
    ]
