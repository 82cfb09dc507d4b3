"""Briefing tables and the vacancy summary (issue 19, item 4).

The tables: one heading row (no row for the index name), the city total named once and in
the page's language, numbers right-aligned and texts (names, Flurstückskennzeichen) left.
The summary: the sentences of :func:`geoinnenstadt.briefing.vacancy_summary` on a panel of
three quarters and two surveys whose figures are counted by hand below.
"""

from __future__ import annotations

import html
import re

import geopandas as gpd
import pandas as pd
import pytest
from helpers.surveys import units_from_codes
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt import briefing

CRS = "EPSG:25832"
X0, Y0 = 393_000.0, 5_708_000.0

#: Per quarter and survey, one letter per unit: v vacant, o occupied.
#: 2024: Nord 1/10, Mitte 2/4, Süd 0/5 (total 3/19); 2025: Nord 3/10, Mitte 1/4, Süd 1/5 (5/19).
SURVEYS = {
    "2024-06-30": {"A": "v" + "o" * 9, "B": "vvoo", "C": "ooooo"},
    "2025-06-30": {"A": "vvv" + "o" * 7, "B": "vooo", "C": "voooo"},
}


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["A", "B", "C"], "name": ["Nord", "Mitte", "Süd"]},
        geometry=[box(X0 + 400 * i, Y0, X0 + 400 * (i + 1), Y0 + 300) for i in range(3)],
        crs=CRS,
    )


def _units() -> gpd.GeoDataFrame:
    origin = {q: (X0 + 400 * k, Y0) for k, q in enumerate(("A", "B", "C"))}
    return units_from_codes(SURVEYS, origin)


# by hand: total 5/19 = 26,3 %, before 3/19 = 15,8 % → +10,5 pp; Nord 30 %, Mitte 25 %, Süd 20 %;
# changes Nord +20, Mitte −25, Süd +20 percentage points
SUMMARY = {
    "de": [
        "In der City insgesamt stehen 5 von 19 Einheiten leer (26,3 %).",
        "Seit der Erhebung am 30.06.2024 ist die Quote um 10,5 Prozentpunkte gestiegen.",
        "Die höchste Leerstandsquote hat Nord (30,0 %), die niedrigste Süd (20,0 %).",
        "Seit der Erhebung am 30.06.2024 ist die Quote in Nord und Süd am stärksten "
        "gestiegen (+20,0 Pp.).",
        "Am stärksten gesunken ist sie in Mitte (−25,0 Pp.).",
    ],
    "en": [
        "In the city centre as a whole, 5 of 19 units are vacant (26.3 %).",
        "Since the survey of 2024-06-30 the rate has risen by 10.5 percentage points.",
        "The highest vacancy rate is in Nord (30.0 %), the lowest in Süd (20.0 %).",
        "Since the survey of 2024-06-30 the rate has risen most in Nord and Süd (+20.0 pp).",
        "It has fallen most in Mitte (−25.0 pp).",
    ],
}

# public with at least 5 units: Mitte (4 units) primary; Süd (5, the smallest other) secondary,
# else total − Nord reveals Mitte. Only Nord is published: no highest/lowest of one quarter.
SUMMARY_PUBLIC = {
    "de": [
        *SUMMARY["de"][:2],
        "Seit der Erhebung am 30.06.2024 ist die Quote in Nord am stärksten gestiegen (+20,0 Pp.).",
        "Nicht veröffentlicht werden die Werte von Mitte (weniger als 5 Einheiten); "
        "Süd (zum Schutz kleiner Quartiere).",
    ],
    "en": [
        *SUMMARY["en"][:2],
        "Since the survey of 2024-06-30 the rate has risen most in Nord (+20.0 pp).",
        "Figures not published: Mitte (fewer than 5 units); Süd (to protect small quarters).",
    ],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_vacancy_summary_states_extremes_and_changes_not_every_quarter(lang: str) -> None:
    panel = gi.vacancy.panel(_units(), _quarters(), hotspots=False)
    assert briefing.vacancy_summary(panel, lang=lang) == SUMMARY[lang]
    shown = html.unescape(str(briefing.show_vacancy_text(panel=panel, lang=lang, display=False)))
    assert re.findall(r"<p class='gi-text'>(.*?)</p>", shown) == SUMMARY[lang]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_public_vacancy_summary_names_what_is_withheld_and_ranks_only_the_rest(lang: str) -> None:
    panel = gi.vacancy.panel(_units(), _quarters(), hotspots=False, min_count=5)
    assert briefing.vacancy_summary(panel, public=True, lang=lang) == SUMMARY_PUBLIC[lang]
    low = gi.vacancy.panel(_units(), _quarters(), hotspots=False, min_count=1)
    none = {
        "de": "Alle Quartiere erreichen die Mindestzahl von 1 Einheiten; "
        "es sind keine Werte gesperrt.",
        "en": "Every quarter reaches the minimum of 1 units; no figures are withheld.",
    }
    assert briefing.vacancy_summary(low, public=True, lang=lang)[-1] == none[lang]
    with pytest.raises(ValueError, match="min_count"):
        briefing.vacancy_summary(
            gi.vacancy.panel(_units(), _quarters(), hotspots=False), public=True
        )


def _table() -> pd.DataFrame:
    """A quarter table as vacancy.rates gives it (the analysis names its total "Gesamt")."""
    return pd.DataFrame(
        {
            "name": ["Nord", "Gesamt"],
            "parcel_id": ["05913000100001______", None],
            "units": [10, 19],
            "vacancy_rate": [0.3, 5 / 19],
        },
        index=pd.Index(["A", "total"], name="quarter_id"),
    )


TOTAL = {"de": "Gesamt", "en": "Total"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_format_table_names_the_total_once_in_the_language(lang: str) -> None:
    out = gi.labels.format_table(_table(), lang=lang)
    assert out.index.tolist() == ["A", ""]
    assert out.iloc[:, 0].tolist() == ["Nord", TOTAL[lang]]
    assert out.attrs["align"] == ["text", "text", "num", "num"]
    assert out.attrs["index_align"] == ["text"]
    assert gi.labels.format_table(_table(), lang="en").to_numpy().tolist()[1][0] == "Total"
    # a table without a text column first keeps the total's name in the index
    only_numbers = gi.labels.format_table(_table()[["units"]], lang=lang)
    assert only_numbers.index.tolist() == ["A", TOTAL[lang]]


def _cells(markup: str, tag: str) -> list[list[tuple[str, str]]]:
    """Per row of ``tag`` (thead/tbody): (class, text) of every cell."""
    part = re.search(rf"<{tag}>(.*?)</{tag}>", markup, flags=re.S)
    assert part is not None
    rows = re.findall(r"<tr>(.*?)</tr>", part.group(1), flags=re.S)
    return [
        [
            (cls, html.unescape(re.sub(r"<[^>]+>", "", text)))
            for cls, text in re.findall(
                r'<t[hd] class="([^"]*)"[^>]*>(.*?)</t[hd]>', row, flags=re.S
            )
        ]
        for row in rows
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shown_table_has_one_heading_row_and_aligned_columns(lang: str) -> None:
    markup = str(briefing.show_table(_table(), lang=lang, display=False))
    head, body = _cells(markup, "thead"), _cells(markup, "tbody")
    headings = {
        "de": ["Quartiers-ID", "Name", "Flurstückskennzeichen", "Einheiten", "Leerstandsquote"],
        "en": ["Quarter ID", "Name", "Parcel identifier", "Units", "Vacancy rate"],
    }
    assert len(head) == 1  # the index name stands beside the column headings
    assert [t for _, t in head[0]] == headings[lang]
    classes = ["gi-text", "gi-text", "gi-text", "gi-num", "gi-num"]
    assert [c for c, _ in head[0]] == classes
    assert [c for c, _ in body[0]] == classes
    assert [c for c, _ in body[1]] == classes
    assert [t for _, t in body[0]][:3] == ["A", "Nord", "05913000100001______"]
    assert [t for _, t in body[1]][:2] == ["", TOTAL[lang]]
    texts = [t for row in body for _, t in row]
    assert texts.count(TOTAL[lang]) == 1
    assert "Gesamt" not in markup or lang == "de"


def test_public_quarter_table_shows_counts_whole_and_rates_in_percent() -> None:
    """A public table's columns are objects (a withheld quarter's cell would be a word); with
    nothing withheld the figures keep their formats: 10 units, not "10,0"; 30,0 %, not "0,3"."""
    panel = gi.vacancy.panel(_units(), _quarters(), hotspots=False, min_count=3)
    table = briefing.vacancy_table(panel, public=True, lang="de")
    markup = str(briefing.show_table(table, lang="de", display=False))
    body = {row[1][1]: [t for _, t in row] for row in _cells(markup, "tbody")}
    # Nord, by hand: 10 units, 3 vacant, 3/10 = 30,0 %
    nord = body["Nord"]
    assert nord[2:5] == ["10", "3", "30,0 %"]
    assert not any(re.fullmatch(r"0,\d", t) for t in nord)
