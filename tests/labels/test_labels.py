"""Tests of geoinnenstadt.labels: display labels and German/English number formats."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt import labels

# ---------------------------------------------------------------------------- labels


def test_contract_labels() -> None:
    assert labels.de("vacancy_rate") == "Leerstandsquote"
    assert labels.en("vacancy_rate") == "Vacancy rate"
    assert labels.de("units") == "Einheiten"
    assert labels.de("vacant") == "leer stehend"
    assert labels.de("floor_area_m2") == "Verkaufs-/Nutzfläche (m²)"
    assert labels.de("floor_area_vacancy_rate") == "Leerstandsquote (Fläche)"
    assert labels.de("median_vacancy_days") == "Median Leerstandsdauer (Tage)"
    assert labels.de("long_term_vacant") == "langfristig leer (> 12 Monate)"
    assert labels.de("change_pp") == "Veränderung (Prozentpunkte)"
    assert labels.de("re_let") == "wiedervermietet"
    assert labels.de("reserve_ha") == "Flächenreserve (ha)"
    assert labels.de("take_up_ha") == "Inanspruchnahme (ha)"
    assert labels.de("years_of_supply_net") == "Reichweite netto (Jahre)"
    assert labels.de("years_of_supply_gross") == "Reichweite brutto (Jahre)"
    assert labels.de("brownfield") == "Brachfläche"
    assert labels.de("none") == "restriktionsfrei"
    assert labels.de("minor") == "leichte Restriktionen"
    assert labels.de("major") == "schwere Restriktionen"
    assert labels.de("parcel_id") == "Flurstückskennzeichen"
    assert labels.de("share") == "Anteil im Satzungsgebiet"
    assert labels.de("distance_m") == "Abstand zur Wohnbebauung (m)"
    assert labels.de("classes") == "Abstandsklasse I–VII"
    assert labels.de("ge10") == "≥ 10 ha"
    assert labels.de("lt1") == "< 1 ha"


def test_every_schema_column_and_value_has_a_label() -> None:
    for kind, layer in gi.schema.LAYERS.items():
        assert labels.layer_label(kind) != kind
        assert labels.layer_label(kind, "en") != kind
        for col in layer.columns:
            assert col.name in labels.LABELS, (kind, col.name)
            for value in col.allowed or ():
                assert labels.value_label(col.name, value) != value or value in ("FNP",), (
                    kind,
                    col.name,
                    value,
                )


def test_vacancy_rates_columns_have_labels() -> None:
    for col in (
        "units",
        "vacant",
        "vacancy_rate",
        "floor_area_m2",
        "vacant_floor_area_m2",
        "floor_area_vacancy_rate",
        "median_vacancy_days",
        "long_term_vacant",
    ):
        assert col in labels.LABELS
        assert labels.de(col) != labels.en(col) or col == "units"


def test_every_label_has_both_languages() -> None:
    for key, (de_text, en_text) in labels.LABELS.items():
        assert de_text.strip(), key
        assert en_text.strip(), key


def test_unknown_key_returns_key_never_raises() -> None:
    assert labels.de("no_such_column") == "no_such_column"
    assert labels.en("no_such_column") == "no_such_column"
    assert labels.label(42) == "42"
    assert labels.label(None) == ""
    assert labels.label(["unhashable"]) == "['unhashable']"


def test_label_default_language_follows_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert labels.label("vacancy_rate") == "Leerstandsquote"
    monkeypatch.setattr(gi.settings, "language", "en")
    assert labels.label("vacancy_rate") == "Vacancy rate"
    assert labels.format_number(1234.5) == "1,234.5"


def test_unknown_language_raises() -> None:
    with pytest.raises(ValueError, match="language"):
        labels.label("vacancy_rate", "fr")


def test_value_label_namespaces() -> None:
    assert labels.value_label("planning_basis", "none") == "ohne Planungsrecht"
    assert labels.value_label("restriction", "none") == "restriktionsfrei"
    assert labels.value_label("category", "A") == "Kategorie A"
    assert labels.value_label("location_class", "2") == "2er-Lage"
    assert labels.value_label("ground_floor", True) == "ja"
    assert labels.value_label("ground_floor", False, "en") == "no"
    assert labels.value_label("status", None) == "k. A."
    assert labels.value_label("distance_class", "IV") == "Abstandsklasse IV"
    assert labels.layer_label("units") == "Gewerbeeinheiten"
    assert labels.layer_label("nonsense") == "nonsense"


def test_labels_for_rename() -> None:
    df = pd.DataFrame(columns=["units", "vacancy_rate", "mystery"])
    renamed = df.rename(columns=labels.labels_for(df.columns, "de"))
    assert list(renamed.columns) == ["Einheiten", "Leerstandsquote", "mystery"]
    assert labels.labels_for(["units"], "en") == {"units": "Units"}


def test_sample_notes() -> None:
    assert labels.SAMPLE_NOTE_DE == "Beispieldaten (synthetisch)"
    assert labels.SAMPLE_NOTE_EN == "Sample data (synthetic)"
    assert labels.NA_TEXT == "k. A."
    assert labels.sample_note("en") == labels.SAMPLE_NOTE_EN


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected_de", "expected_en"),
    [
        (1234.5, "ha", 1, "1.234,5 ha", "1,234.5 ha"),
        (0, None, 1, "0,0", "0.0"),
        (0.0, "ha", 0, "0 ha", "0 ha"),
        (-1234.5, "ha", 1, "\u22121.234,5 ha", "\u22121,234.5 ha"),
        (-0.04, None, 1, "0,0", "0.0"),  # rounds to zero: no sign
        (0.25, None, 1, "0,3", "0.3"),  # half away from zero
        (0.35, None, 1, "0,4", "0.4"),
        (-0.25, None, 1, "\u22120,3", "\u22120.3"),
        (2.675, None, 2, "2,68", "2.68"),  # binary round() would give 2.67
        (2.5, None, 0, "3", "3"),  # not banker's rounding
        (1234567890.126, "m²", 2, "1.234.567.890,13 m²", "1,234,567,890.13 m²"),
        (999.96, None, 1, "1.000,0", "1,000.0"),
        (5, "m", 0, "5 m", "5 m"),
        (np.int64(12345), None, 0, "12.345", "12,345"),
        (np.float32(0.5), None, 1, "0,5", "0.5"),
        (float("inf"), None, 1, "∞", "∞"),
        (float("-inf"), "ha", 1, "\u2212∞ ha", "\u2212∞ ha"),
    ],
)
def test_format_number(
    value: float, unit: str | None, decimals: int, expected_de: str, expected_en: str
) -> None:
    assert labels.format_number(value, unit, decimals=decimals) == expected_de
    assert labels.format_number(value, unit, decimals=decimals, lang="en") == expected_en


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT, np.float64("nan")])
def test_missing_values(missing: object) -> None:
    assert labels.format_number(missing, "ha") == "k. A."
    assert labels.format_number(missing, lang="en") == "n/a"
    assert labels.format_int(missing) == "k. A."
    assert labels.format_percent(missing) == "k. A."
    assert labels.format_pp(missing) == "k. A."
    assert labels.format_date(missing) == "k. A."
    assert labels.format_area_ha(missing) == "k. A."


def test_format_number_rejects_text() -> None:
    with pytest.raises(TypeError, match="cannot format"):
        labels.format_number("12")
    with pytest.raises(ValueError, match="decimals"):
        labels.format_number(1.0, decimals=-1)


def test_format_int() -> None:
    assert labels.format_int(1234) == "1.234"
    assert labels.format_int(1234, lang="en") == "1,234"
    assert labels.format_int(-1234567) == "\u22121.234.567"
    assert labels.format_int(0.5) == "1"
    assert labels.format_int(12, "m²") == "12 m²"


def test_format_percent() -> None:
    assert labels.format_percent(0.146) == "14,6 %"
    assert labels.format_percent(0.146, lang="en") == "14.6 %"
    assert labels.format_percent(1) == "100,0 %"
    assert labels.format_percent(0) == "0,0 %"
    assert labels.format_percent(0.00125, decimals=2) == "0,13 %"
    assert labels.format_percent(0.12345, decimals=0) == "12 %"
    assert labels.format_percent(12.5) == "1.250,0 %"


def test_format_pp() -> None:
    assert labels.format_pp(1.2) == "+1,2 Pp."
    assert labels.format_pp(-1.25) == "\u22121,3 Pp."
    assert labels.format_pp(0) == "0,0 Pp."
    assert labels.format_pp(0.04) == "0,0 Pp."
    assert labels.format_pp(1.2, lang="en") == "+1.2 pp"


def test_format_date() -> None:
    assert labels.format_date("2025-06-30") == "30.06.2025"
    assert labels.format_date(pd.Timestamp("2025-06-30 17:45")) == "30.06.2025"
    assert labels.format_date(dt.date(2025, 1, 2)) == "02.01.2025"
    assert labels.format_date(dt.datetime(2025, 1, 2, 3, 4)) == "02.01.2025"
    assert labels.format_date(np.datetime64("2024-02-29")) == "29.02.2024"
    assert labels.format_date("2025-06-30", lang="en") == "2025-06-30"


def test_format_area_ha() -> None:
    assert labels.format_area_ha(12.345) == "12,3 ha"
    assert labels.format_area_ha(12.345, decimals=2, lang="en") == "12.35 ha"


def _reference(x: float, decimals: int, lang: str) -> str:
    """Independent formatter: Decimal rounding + Python's ',' grouping, then swap separators."""
    d = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(d):,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("\u2212" if d < 0 else "") + text


@settings(max_examples=300, deadline=None)
@given(
    x=st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=3),
    lang=st.sampled_from(["de", "en"]),
)
def test_format_number_matches_reference(x: float, decimals: int, lang: str) -> None:
    assert labels.format_number(x, decimals=decimals, lang=lang) == _reference(x, decimals, lang)


@settings(max_examples=200, deadline=None)
@given(x=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_format_number_roundtrip(x: float) -> None:
    text = labels.format_number(x, decimals=2)
    parsed = float(text.replace("\u2212", "-").replace(".", "").replace(",", "."))
    assert math.isclose(parsed, x, abs_tol=0.005 + 1e-9 * abs(x))


# ---------------------------------------------------------------------------- tables


def test_format_table_german() -> None:
    df = pd.DataFrame(
        {
            "units": [1234, 5],
            "vacancy_rate": [0.146, np.nan],
            "reserve_ha": [1234.5, 0.04],
            "floor_area_m2": [12345.6, 10.0],
            "change_pp": [1.2, -0.5],
            "status": ["vacant", "occupied"],
            "survey_date": pd.to_datetime(["2025-06-30", None]),
            "ground_floor": [True, False],
            "owner_name": ["Erika Mustermann", "Max Muster"],
            "window_start": pd.array([2021, None], dtype="Int64"),
        },
        index=pd.Index(["none", "total"], name="restriction"),
    )
    out = labels.format_table(df)
    assert list(out.index) == ["restriktionsfrei", "Gesamt"]
    assert out.index.name == "Restriktionen"
    assert "Eigentümer/in" not in out.columns
    assert "owner_name" not in out.columns
    first = out.iloc[0].to_dict()
    assert first == {
        "Einheiten": "1.234",
        "Leerstandsquote": "14,6 %",
        "Flächenreserve (ha)": "1.234,5",
        "Verkaufs-/Nutzfläche (m²)": "12.346",
        "Veränderung (Prozentpunkte)": "+1,2 Pp.",
        "Status": "leer stehend",
        "Erhebungsdatum": "30.06.2025",
        "Erdgeschoss": "ja",
        "Zeitraum von": "2021",
    }
    second = out.iloc[1].to_dict()
    assert second["Leerstandsquote"] == "k. A."
    assert second["Erhebungsdatum"] == "k. A."
    assert second["Veränderung (Prozentpunkte)"] == "\u22120,5 Pp."
    assert second["Zeitraum von"] == "k. A."
    # the input is untouched
    assert df["units"].tolist() == [1234, 5]
    assert "owner_name" in df.columns


def test_format_table_english_and_geodataframe() -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.GeoDataFrame(
        {"quarter_id": ["Q1"], "vacancy_rate": [0.5]},
        geometry=[Point(0, 0)],
        crs="EPSG:25832",
    )
    out = labels.format_table(gdf, "en")
    assert list(out.columns) == ["Quarter ID", "Vacancy rate"]
    assert out.iloc[0].tolist() == ["Q1", "50.0 %"]
    assert type(out) is pd.DataFrame


def test_format_table_does_not_translate_ids() -> None:
    df = pd.DataFrame({"units": [1]}, index=pd.Index(["none"], name="quarter_id"))
    assert list(labels.format_table(df).index) == ["none"]


def test_plot_and_briefing_texts_live_in_labels_in_both_languages():
    """Issue 9: the plots' and briefings' texts moved to labels (labels/_plots.py, _briefing.py)."""
    import re

    from geoinnenstadt.labels import _briefing, _plots

    for table in (_plots.TEXTS, _briefing.TEXTS):
        assert table
        for key, (de_text, en_text) in table.items():
            assert key in labels.TEXTS
            assert de_text, key
            assert en_text, key
            # the same placeholders in both languages
            assert set(re.findall(r"{(\w+)}", de_text)) == set(re.findall(r"{(\w+)}", en_text)), key
            # English templates carry no German letters (legal terms excepted: none here)
            assert not re.search(r"[äöüÄÖÜß]", en_text), key
    assert labels.label("total", "en") == "Total"
    assert labels.text("briefing.reference_date", "en") == "Reference date"


def test_withheld_quarters_have_one_term_in_every_label() -> None:
    """Issue 19: "geheim (Geheimhaltung)" said the same thing twice, tables said "gesperrt"."""
    from geoinnenstadt.labels import TEXTS

    assert labels.text("map.suppressed", "de") == "gesperrt (Geheimhaltung)"
    assert labels.text("map.suppressed", "en") == "withheld (confidentiality)"
    assert labels.text("map.profile_suppressed", "de") == "Zeitreihe gesperrt (Geheimhaltung)"
    assert labels.text("briefing.withheld", "de") == "gesperrt"
    for key, (de, en) in TEXTS.items():
        assert "geheim" not in de.lower().replace("geheimhaltung", ""), key
        assert "unterdrückt" not in de, key
        assert "zurückgehalten" not in de, key
        assert "confidential " not in en, key
        assert "suppressed" not in en, key
