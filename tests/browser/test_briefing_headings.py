"""Long headings of a printed briefing (issue 19): broken only between words or at hyphens.

A briefing page with very long German headings (compounds of known word parts, a long
quarter name and a word of no known part) and a table of eight columns whose headings
are long compounds (as the quarter table's "Leerstandsquote (Fläche)") is printed to PDF by Chromium (A4, print media),
read with ``pdftotext -layout`` (the lines) and ``pdftotext -bbox`` (the words' boxes):

* every heading word is found whole once the lines are joined, a line ending in a hyphen
  joined without a space and any other line with a space – so a word split at a letter
  without a hyphen is not found;
* no word reaches beyond the printable width of A4 (210 mm less the 12 mm margins), and
  the page is printed at full size: Chromium shrinks a page whose content is wider than
  the paper, so the body text (9.5 pt, a DejaVu Sans word box 1.16 em high) would come
  out smaller.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any
from xml.etree import ElementTree

import nbformat
import pytest

import geoinnenstadt as gi
from geoinnenstadt.briefing.page import render_page

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

MM = 72 / 25.4  # PDF points per millimetre
#: One word of no known part (72 letters): it cannot break, so its heading shrinks.
UNBREAKABLE = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetzesentwurf"
TITLE = "Gewerbeflächenentwicklungsmonitoringberichterstattung Dorstener Innenstadtquartiere"
HEADINGS = [
    "## Wirtschaftsflächenentwicklungsprogrammfortschreibungsbericht der Innenstadt",
    "### Quartier Bahnhofsvorplatzumgestaltungsbereich-Nordwestliche Stadterweiterung",
    f"## {UNBREAKABLE}",
    "### Leerstandsquotenentwicklungsübersichtskarte Einzelhandelsstandortkonzeptfortschreibung",
]
#: Column headings of a briefing table (``gi-table``), each too wide for its column.
COLUMNS = [
    "Quartiers-ID",
    "Leerstandsquote (Fläche)",
    "Wirtschaftsflächenentwicklung",
    "Gewerbeflächenreserve",
    "Leerstandsdauer (Median)",
    "Einzelhandelsnutzung",
    "Verkaufs-/Nutzfläche",
    "Flächeninanspruchnahme",
]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils")
    return path


@pytest.fixture(scope="module")
def printed(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any, int]:
    """The page printed on A4: its -layout text, its -bbox XHTML root and the screen overflow."""
    out = tmp_path_factory.mktemp("headings")
    cells = [nbformat.v4.new_markdown_cell(h) for h in HEADINGS]
    cells.append(nbformat.v4.new_markdown_cell("Text " * 40))
    head = "".join(f'<th class="gi-num">{c}</th>' for c in COLUMNS)
    row = "".join('<td class="gi-num">1.234,5</td>' for _ in COLUMNS)
    table = f'<table class="gi-table"><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>'
    cells.append(
        nbformat.v4.new_code_cell(
            outputs=[nbformat.v4.new_output("display_data", data={"text/html": table})]
        )
    )
    page_html = render_page(
        nbformat.v4.new_notebook(cells=cells),
        title=TITLE,
        city=gi.load_sample("dorsten"),
        at=None,
        lang="de",
        public=False,
        notebook_name="headings",
    )
    assert '<html lang="de">' in page_html
    # the table of contents repeats the h2 texts whole; only the headings are looked at
    page_html = re.sub(r'<nav class="gi-toc".*?</nav>', "", page_html, flags=re.S)
    path = out / "headings.html"
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        page.emulate_media(media="print")
        pdf = out / "headings.pdf"
        pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True, print_background=False))
    finally:
        context.close()
    subprocess.run([_tool("pdftotext"), "-layout", str(pdf), str(out / "h.txt")], check=True)
    subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), str(out / "h.html")], check=True)
    subprocess.run([_tool("pdftotext"), "-raw", str(pdf), str(out / "raw.txt")], check=True)
    text = (out / "h.txt").read_text(encoding="utf-8")
    text += "\f@raw\f" + (out / "raw.txt").read_text(encoding="utf-8")
    return text, ElementTree.parse(out / "h.html").getroot(), overflow


def joined(text: str) -> tuple[str, int]:
    """The printed lines as one text and the number of words broken at a soft hyphen.

    A soft hyphen (U+00AD, kept by pdftotext) at a line's end, or the hyphen Chromium
    draws there (U+2010; ``-raw`` puts it on a line of its own), continues the word on
    the next line; so does a hyphen of the text ("Quartiers-" / "ID"), which stays.
    Any other line end is a space: a word split at a letter is no longer found.
    """
    out, hyphenated = "", 0
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        if line == "\u2010":  # the hyphen of the line before, drawn apart from it
            out = out.rstrip("\xad") + "\u2010"
            continue
        if out.endswith(("\u2010", "\xad")):
            out, hyphenated = out.rstrip("\u2010\xad") + line, hyphenated + 1
        elif out.endswith("-"):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out.replace("\xad", ""), hyphenated


def test_printed_headings_break_only_between_words_or_with_a_hyphen(
    printed: tuple[str, Any, int],
) -> None:
    text = printed[0].split("\f@raw\f", 1)[0]
    whole, hyphenated = joined(text)
    words = re.findall(r"[^\W\d_]+", " ".join([TITLE, *HEADINGS]))
    tokens = set(re.findall(r"[^\W\d_]+", whole))
    assert [w for w in words if w not in tokens] == []
    assert hyphenated >= 2  # the long compounds did break, each at a hyphen
    assert UNBREAKABLE in tokens


def test_printed_table_headings_break_only_between_words_or_with_a_hyphen(
    printed: tuple[str, Any, int],
) -> None:
    """The table's headings stand side by side: read in the PDF's own order (``-raw``)."""
    raw = printed[0].split("\f@raw\f", 1)[1]
    whole, hyphenated = joined(raw)
    words = [w for c in COLUMNS for w in re.findall(r"[^\W\d_]+", c)]
    tokens = set(re.findall(r"[^\W\d_]+", whole))
    assert [w for w in words if w not in tokens] == []
    assert hyphenated >= 3


def test_nothing_on_the_printed_page_exceeds_the_a4_width(printed: tuple[str, Any, int]) -> None:
    _, root, overflow = printed
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = list(root.iter(f"{ns}page"))
    assert pages
    for page in pages:
        width = float(page.get("width", 0))
        assert width == pytest.approx(210 * MM, abs=1)
        right = max(float(w.get("xMax", 0)) for w in page.iter(f"{ns}word"))
        left = min(float(w.get("xMin", 0)) for w in page.iter(f"{ns}word"))
        assert left >= 12 * MM - 1
        assert right <= width - 12 * MM + 1
    body = [w for w in root.iter(f"{ns}word") if w.text == "Text"]
    heights = {round(float(w.get("yMax", 0)) - float(w.get("yMin", 0)), 1) for w in body}
    assert heights == {round(9.5 * 1.164, 1)}  # not shrunk to fit
    assert overflow == 0  # and on screen (1,400 × 900) no horizontal scrolling
