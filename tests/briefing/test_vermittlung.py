"""Notebook 06_vermittlung: the matching briefing, internal only (issue 22).

Space requests are confidential business information: the page is built only
internally, names request and unit ids but never a contact, and a public build
skips it with the reason in the page's language. Built once here (the module
fixtures of test_briefing.py and test_briefing_en.py leave it out for CI time).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from helpers.german import FILE_NAMES, german_words, page_texts, proper_names

import geoinnenstadt as gi
from geoinnenstadt import briefing

NOTEBOOK = "06_vermittlung"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("vermittlung")
    result = briefing.build([NOTEBOOK], data="dortmund", out=out, progress=False, timeout=300)
    assert not result.failed, [str(e) for e in result.failed]
    assert not result.skipped
    (path,) = [p for p in result.written if p.name != "index.html"]
    assert path.name == "dortmund_06_vermittlung.html"
    return path.read_bytes().decode("utf-8")


def test_is_a_default_briefing_marked_internal_only() -> None:
    import jupytext

    assert NOTEBOOK in briefing.BRIEFING_NOTEBOOKS
    nb = jupytext.read(briefing.notebooks_dir() / f"{NOTEBOOK}.py")
    assert nb.metadata["geoinnenstadt"]["internal_only"] is True
    assert "requests" in nb.metadata["geoinnenstadt"]["requires"]


def test_no_contact_reaches_the_page(page: str) -> None:
    requests = gi.load_sample("dortmund").requests
    secrets = set()
    for column in gi.schema.LAYERS["requests"].personal_columns:
        secrets |= {str(v) for v in requests[column].dropna()}
    assert len(secrets) > 30, "the sample requests carry synthetic contacts to test privacy with"
    unescaped = html.unescape(html.unescape(page))
    leaked = [s for s in secrets if s in page or s in unescaped]
    assert not leaked, leaked[:3]
    for column in gi.schema.LAYERS["requests"].personal_columns:
        assert column not in unescaped
    assert "Ansprechpartner/in" not in unescaped  # not even the column heading


def test_counts_equal_matching_and_plain_pandas(page: str) -> None:
    city = gi.load_sample("dortmund")
    # independent: open requests and the vacant units at the latest survey, plain pandas
    n_open = int((city.requests["status"] == "open").sum())
    units = city.units
    at = units["survey_date"].max()
    state = units.sort_values("survey_date").drop_duplicates("unit_id", keep="last")
    n_vacant = int((state["status"] == "vacant").sum())
    result = gi.matching.match(
        city.requests, city.units, quarters=city.quarters, footfall=city.footfall, top=3
    )
    unmatched = result.loc[result["unit_id"].isna(), "request_id"].tolist()
    assert unmatched, "the samples hold a request nothing fits (the large-format one)"
    sentence = (
        f"{n_open} offene Gesuche, abgeglichen mit {n_vacant} leer stehenden Einheiten am "
        f"{at:%d.%m.%Y}: {n_open - len(unmatched)} mit Vorschlägen, {len(unmatched)} ohne "
        "passende Einheit."
    )
    assert sentence in page
    text = page_texts(page, maps=False)
    without = _section(text, "Gesuche ohne passende Einheit", "Gegenansicht")
    assert re.findall(r"DO-G\d{3}", without) == unmatched
    # the proposals: every (request, unit, score) of the match result appears, ids only
    proposals = _section(text, "Vorschläge je Gesuch", "Gesuche ohne passende")
    found = result[result["unit_id"].notna()]
    assert len(re.findall(r"DO-G\d{3}", proposals)) == len(found)
    for unit, score in zip(found["unit_id"], found["score"], strict=True):
        assert unit in proposals
        assert f"{score:.1f}".replace(".", ",") in proposals


def _section(text: str, heading: str, next_heading: str) -> str:
    """The text from the section ``heading`` to ``next_heading`` (after the table of contents)."""
    start = text.rindex(heading)
    return text[start : text.index(next_heading, start)]


def test_requests_by_status_table(page: str) -> None:
    requests = gi.load_sample("dortmund").requests
    counts = requests["status"].astype(str).value_counts()
    table = page[page.index("Nutzungskategorie") :].split("</table>")[0]
    cells = [int(c) for c in re.findall(r"<td[^>]*>\s*(\d+)\s*</td>", table)]
    header = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    statuses = [s for s in ("offen", "vermittelt", "zurückgezogen") if s in header]
    width = len(statuses)
    totals = [sum(cells[k::width]) for k in range(width)]
    english = {"offen": "open", "vermittelt": "placed", "zurückgezogen": "withdrawn"}
    assert totals == [int(counts[english[s]]) for s in statuses]
    assert sum(totals) == len(requests)


def test_no_code_offline_and_labelled(page: str) -> None:
    assert "import geoinnenstadt" not in page
    assert "input_area" not in page
    assert "jp-InputArea" not in page
    assert "gi.matching.match(" not in page
    assert "Parameter (eingesetzt" not in page
    assert "Beispieldaten (synthetisch)" in page
    text = html.unescape(page)
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S | re.I)
    refs = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"' >]+""", markup)
    assert not refs, refs[:3]
    assert "@import" not in markup
    assert "url(http" not in markup
    visible = FILE_NAMES.sub(" ", page_texts(page, maps=False))
    keys = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", visible)
    assert not keys, keys


def test_english_page_holds_no_german(tmp_path: Path) -> None:
    """The English narrative, tables and reasons (test_briefing_en.py leaves 06 out)."""
    result = briefing.build(
        [NOTEBOOK], data="dortmund", out=tmp_path, lang="en", progress=False, timeout=300
    )
    assert not result.failed, [str(e) for e in result.failed]
    (path,) = [p for p in result.written if p.name != "index.html"]
    page = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "Proposals per request" in page
    assert "without a fitting unit." in page
    text = page_texts(page)
    assert not german_words(text, names=proper_names(gi.load_sample("dortmund")))
    visible = FILE_NAMES.sub(" ", page_texts(page, maps=False))
    assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", visible)


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("de", "nur intern: Ansiedlungsgesuche sind vertrauliche Geschäftsinformationen"),
        ("en", "internal only: space requests are commercially sensitive business information"),
    ],
)
def test_public_build_skips_it_and_says_why(lang: str, reason: str, tmp_path: Path) -> None:
    result = briefing.build(
        [NOTEBOOK], data="dortmund", out=tmp_path, public=True, lang=lang, progress=False
    )
    assert not result.failed
    assert [p.name for p in result.written] == []
    assert [(d, n) for d, n, _ in result.skipped] == [("dortmund", NOTEBOOK)]
    assert result.skipped[0][2].startswith(reason)
    assert not (tmp_path / "dortmund_06_vermittlung.html").exists()
    index = html.unescape(result.index.read_text(encoding="utf-8"))
    assert reason in index


def test_public_build_one_refuses(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"commercially sensitive|vertrauliche"):
        briefing.build_one(
            briefing.notebooks_dir() / f"{NOTEBOOK}.py", data="dortmund", out=tmp_path, public=True
        )
    assert list(tmp_path.iterdir()) == []


def test_city_without_requests_is_skipped(tmp_path: Path) -> None:
    city = gi.load_sample("dorsten")
    city.requests = pd.DataFrame(columns=city.requests.columns)
    result = briefing.build([NOTEBOOK], data=city, out=tmp_path, progress=False)
    assert result.written == []
    assert result.skipped[0][2] == "city has no requests layer"
