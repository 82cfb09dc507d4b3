"""ValidationReport in the display language: summary, plain text, notebook display, messages."""

from __future__ import annotations

import geopandas as gpd
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
