"""The briefing page: title block, table of contents, footer, export of the notebook body.

Part of :mod:`geoinnenstadt.briefing`. Every heading and footnote comes from
:mod:`geoinnenstadt.labels` (``labels/_briefing.py``) in the briefing's
language.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``in_language``, ``edition_mark``, ``take_withheld_report``,
``public_footnote``, ``document`` (the page skeleton).

Examples
--------
>>> from geoinnenstadt.briefing.page import _toc
>>> _toc('<h2 id="k">Kennzahlen</h2>', lang="en")[1]  # doctest: +NORMALIZE_WHITESPACE
'<nav class="gi-toc" aria-label="Contents"><strong>Contents</strong><ol><li><a href="#k">Kennzahlen</a></li></ol></nav>'
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..style import INK

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..dates import DateLike

__all__ = ["reference_date", "render_index", "render_page"]

#: The page colours as CSS variables (``--gi-<name>``), from :data:`geoinnenstadt.style.INK`.
_CSS_COLOURS = ":root{" + ";".join(f"--gi-{k}:{v}" for k, v in INK.items()) + "}"

_CSS = (
    _CSS_COLOURS
    + """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0;color:var(--gi-text);background:var(--gi-background);line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
header.gi-title{background:var(--gi-header);color:var(--gi-header_text);padding:1.2rem 2rem}
main,header.gi-title{container-type:inline-size}
h1,h2,h3,h4{overflow-wrap:normal;word-break:normal;-webkit-hyphens:auto;hyphens:auto}
h1{font-size:min(2em,calc(100cqi/var(--gi-chars,1)/.62))}
h2{font-size:min(1.5em,calc(100cqi/var(--gi-chars,1)/.62))}
h3{font-size:min(1.17em,calc(100cqi/var(--gi-chars,1)/.62))}
header.gi-title h1{margin:0 0 .3rem;font-size:min(1.6rem,calc(100cqi/var(--gi-chars,1)/.62))}
header.gi-title dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.4rem 0 0;font-size:.9rem}
header.gi-title dt{font-weight:bold}
.gi-sample-note{background:var(--gi-note_background);border:1px solid var(--gi-note_border);color:var(--gi-note);padding:.4rem .8rem;margin:.6rem 0;font-weight:bold}
nav.gi-toc{border:1px solid var(--gi-panel_border);background:var(--gi-panel);padding:.6rem 1.2rem;margin:1rem 0}
nav.gi-toc ol{margin:.2rem 0;padding-left:1.2rem}
table.gi-table,table.dataframe{border-collapse:collapse;font-size:.88rem;margin:.5rem 0}
table.gi-table th,table.gi-table td,table.dataframe th,table.dataframe td{border-bottom:1px solid var(--gi-panel_border);padding:.25rem .4rem;text-align:right}
table.gi-table th:first-child,table.gi-table td:first-child{text-align:left}
table.gi-table thead th,table.dataframe thead th{font-size:.75rem;vertical-align:bottom;overflow-wrap:normal;word-break:normal;-webkit-hyphens:auto;hyphens:auto}
table.gi-table .gi-num{text-align:right;font-variant-numeric:tabular-nums}
table.gi-table .gi-text{text-align:left}
figure.gi-figure{margin:1rem 0}
figcaption{font-weight:bold;margin-bottom:.3rem}
.jp-OutputArea-output pre,.output_text pre{background:var(--gi-panel);padding:.4rem;overflow-x:auto}
img{max-width:100%}
a.anchor-link{display:none}
footer.gi-footer{border-top:1px solid var(--gi-panel_border);margin-top:2rem;padding-top:.6rem;font-size:.8rem;color:var(--gi-hint)}
section.gi-quarter-profile{border-top:3px solid var(--gi-header);margin:2rem 0;padding-top:.4rem}
section.gi-quarter-profile h3{margin:.7rem 0 .2rem;font-size:1.05rem}
section.gi-quarter-profile figure.gi-figure{margin:.3rem 0}
.gi-profile-top{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:1rem;align-items:start}
.gi-profile-top table.gi-table{width:100%}
.gi-profile-top caption{text-align:left;font-weight:bold;padding-bottom:.2rem}
.gi-profile-withheld{font-weight:bold}
ul.gi-use-legend{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.1rem 1rem;font-size:.82rem}
.gi-swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border:1px solid var(--gi-border);vertical-align:-.05em}
.gi-profile-magnets p{margin:.3rem 0 .1rem}
.gi-trend-chart img{max-width:min(100%,760px)}
.gi-footfall-chart img{max-width:min(100%,900px)}
table.gi-magnets{margin:.1rem 0}
@media print{
@page{size:A4 portrait;margin:12mm}
body{font-size:9.5pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
header.gi-title{padding:3mm 4mm}
main{max-width:none;margin:0;padding:0}
h1,h2,h3,figcaption{break-after:avoid}
nav.gi-toc,img,tr{break-inside:avoid}
iframe.gi-map{display:block;box-sizing:border-box;width:186mm!important;height:125mm!important;break-inside:avoid}
table.gi-table,table.dataframe{max-width:100%;font-size:7.5pt}
table.gi-table th,table.gi-table td,table.dataframe th,table.dataframe td{padding:.1rem .25rem}
table.gi-table thead th,table.dataframe thead th{font-size:7pt}
thead{display:table-header-group}
section.gi-quarter-profile{break-before:page;break-inside:avoid;border-top:none;margin:0;padding:0;font-size:8.5pt}
section.gi-quarter-profile h2{margin:0 0 1.5mm;font-size:15pt}
section.gi-quarter-profile h3{margin:2mm 0 .5mm;font-size:10pt}
section.gi-quarter-profile p.gi-text{margin:.5mm 0}
section.gi-quarter-profile figure.gi-figure{margin:.5mm 0}
.gi-profile-top{gap:4mm}
.gi-profile-top table.gi-table{font-size:8.5pt}
.gi-profile-locator img{height:52mm;width:auto}
.gi-mix-chart img{width:86%;height:auto}
.gi-footfall-chart img{height:38mm;width:auto}
.gi-trend-chart img{height:44mm;width:auto}
ul.gi-use-legend{font-size:7.5pt;gap:0 3mm}
table.gi-magnets{font-size:7.5pt}
}
"""
)


def in_language(cell: Any, lang: str | None) -> bool:
    """False for a cell tagged ``lang-xx`` when ``xx`` is not ``lang``.

    Notebooks hold their prose once per language: markdown cells tagged
    ``lang-de`` and ``lang-en``; untagged cells appear in every language.
    """
    tags = cell.get("metadata", {}).get("tags", [])
    langs = {t[5:] for t in tags if str(t).startswith("lang-")}
    return not langs or lang is None or lang in langs


def _export_body(nb: Any, *, lang: str | None = None) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # cells tagged "remove-cell" (imports, parameters) and the injected parameters vanish entirely
    hidden = {"remove-cell", "parameters", "injected-parameters"}
    nb.cells = [
        c
        for c in nb.cells
        if not (hidden & set(c.get("metadata", {}).get("tags", []))) and in_language(c, lang)
    ]
    # warnings and progress messages on stderr are for the analyst, not for the council
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = [
                o
                for o in c.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    body, _ = exporter.from_notebook_node(nb)
    # drop empty code-cell wrappers that only held code
    body = re.sub(
        r'<div class="cell border-box-sizing code_cell rendered"[^>]*>\s*</div>', "", body
    )
    return body


def _toc(body: str, *, lang: str | None = None) -> tuple[str, str]:
    from .. import labels

    entries = []
    pattern = r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h2>'
    for m in re.finditer(pattern, body, flags=re.S):
        text = re.sub(r"<[^>]+>", "", m.group(2)).strip()
        entries.append((m.group(1), text))
    if not entries:
        return body, ""
    items = "".join(
        f'<li><a href="#{html.escape(a, quote=True)}">{html.escape(html.unescape(t))}</a></li>'
        for a, t in entries
    )
    heading = html.escape(labels.text("briefing.toc", lang))
    return body, (
        f'<nav class="gi-toc" aria-label="{heading}"><strong>{heading}</strong>'
        f"<ol>{items}</ol></nav>"
    )


#: Word parts after which a German compound may be hyphenated ("Wirtschafts|flächen|entwicklung").
#: Only parts of five letters or more: a short one ("ring", "tor") is too often inside another word.
_WORD_PARTS = (  # noqa: SIM905 (one text reads better than 67 quoted words)
    "allee analyse anspruch anteil bahnhof bereich bericht bestand dauer daten einheit "
    "einzelhandel entwicklung erhebung erlass erstattung erweiterung fassung fläche "
    "fortschreibung galerie gebiet gestaltung gewerbe hafen handel inanspruchnahme industrie "
    "innenstadt karte kataster kennzahl konzept leerstand markt monat monitoring nutzung "
    "passage planung platz potenzial programm quartier quote rathaus reihe reserve satzung "
    "schaft siedlung stadt stehend straße strasse summe übersicht umgestaltung verkehr "
    "veröffentlichung verteilung viertel vorkauf vorplatz wirtschaft wohnung zentrum zonen"
).split()

#: Soft hyphens go only into words at least this long; shorter ones fit every line.
_LONG_WORD = 12

#: Headings whose longest unbreakable part has at least this many characters get
#: ``--gi-chars``: the CSS shrinks them so that the part fits the line.
_SHRINK_FROM = 16


def soft_hyphens(text: str) -> str:
    r"""Put soft hyphens (U+00AD) into long German compounds where their parts meet.

    A printed heading then breaks a long word only there, with a hyphen
    ("Wirtschafts-" / "flächenentwicklung"), never at an arbitrary letter. The
    parts are a short list of words of the briefings (:data:`_WORD_PARTS`);
    a word without a known part stays whole (the page shrinks its heading
    instead, see :func:`heading`). Browsers with hyphenation dictionaries
    hyphenate further (``hyphens: auto`` with ``<html lang="de">``).

    Examples
    --------
    >>> soft_hyphens("Wirtschaftsflächenentwicklung im Quartier").replace("\xad", "|")
    'Wirt|schafts|flächen|entwicklung im Quartier'
    >>> soft_hyphens("Kennzahlen je Quartier")  # short words need no break
    'Kennzahlen je Quartier'
    """

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) < _LONG_WORD:
            return w
        low = w.lower()
        cuts = set()
        for part in _WORD_PARTS:
            start = low.find(part, 3)
            while start != -1:
                if len(w) - start >= 4:
                    cuts.add(start)
                start = low.find(part, start + 1)
        cuts = {c for c in cuts if not any(0 < c - d < 3 for d in cuts)}
        if not cuts:
            return w
        pieces = [w[a:b] for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(w)], strict=True)]
        return "\xad".join(pieces)

    return re.sub(r"[^\W\d_]+", word, text)


def _longest_part(text: str) -> int:
    """Characters of the longest part of ``text`` a line cannot break (between spaces, hyphens)."""
    return max((len(p) for p in re.split(r"[\s\-\xad/–]+", text)), default=0)


def heading(level: int, inner: str, attrs: str = "") -> str:
    r"""An ``<h{level}>`` whose text (HTML) breaks long words only at soft hyphens.

    When the longest unbreakable part is long (:data:`_SHRINK_FROM` characters
    or more), the heading carries ``--gi-chars`` and the page CSS shrinks
    its font so that the part fits the line: on screen and on A4 nothing
    overflows the page.

    Examples
    --------
    >>> heading(2, "Kennzahlen")
    '<h2>Kennzahlen</h2>'
    >>> heading(2, "Gewerbeflächenentwicklungsberichterstattung").replace("\xad", "|")
    '<h2>Gewerbe|flächen|entwicklungs|bericht|erstattung</h2>'
    >>> heading(2, "Rindfleischetikettierungsüberwachungsaufgaben")  # no known part: shrinks
    '<h2 style="--gi-chars:45">Rindfleischetikettierungsüberwachungsaufgaben</h2>'
    """
    parts = re.split(r"(<[^>]*>|&[#\w]+;)", inner)
    inner = "".join(p if p.startswith(("<", "&")) else soft_hyphens(p) for p in parts)
    plain = html.unescape(re.sub(r"<[^>]*>", "", inner))
    longest = _longest_part(plain)
    if longest >= _SHRINK_FROM:
        attrs = f'{attrs} style="--gi-chars:{longest}"'
    return f"<h{level}{attrs}>{inner}</h{level}>"


def breakable_headings(body: str) -> str:
    """Every ``<h1>`` … ``<h4>`` of an exported notebook body made by :func:`heading`.

    Column headings (``<th>`` in ``<thead>``) get the soft hyphens too: a heading such as
    "Leerstandsquote" breaks as "Leerstands-quote", never at an arbitrary letter.
    """

    def cell(m: re.Match[str]) -> str:
        parts = re.split(r"(<[^>]*>|&[#\w]+;)", m.group(2))
        inner = "".join(p if p.startswith(("<", "&")) else soft_hyphens(p) for p in parts)
        return f"<th{m.group(1)}>{inner}</th>"

    def one(m: re.Match[str]) -> str:
        attrs = m.group(2)
        if "style=" in attrs:
            return m.group(0)
        return heading(int(m.group(1)), m.group(3), attrs)

    def head(m: re.Match[str]) -> str:
        return re.sub(r"<th((?:\s[^>]*)?)>(.*?)</th>", cell, m.group(0), flags=re.S)

    body = re.sub(r"<thead>.*?</thead>", head, body, flags=re.S)
    return re.sub(r"<h([1-4])((?:\s[^>]*)?)>(.*?)</h\1>", one, body, flags=re.S)


def reference_date(city: City, at: DateLike = None) -> pd.Timestamp | None:
    """The briefing's reference date.

    ``at``, else ``city.meta["as_of"]`` (both via
    :func:`geoinnenstadt.dates.parse_date`), else None.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> reference_date(gi.load_sample("dorsten"), "01.06.2025")
    Timestamp('2025-06-01 00:00:00')
    """
    from .. import dates

    return dates.reference_date(at, city=city)[0]


def _source(meta: dict[str, Any], lang: str) -> str:
    """The data source line in ``lang`` (the sample data's source has a translation in labels).

    Examples
    --------
    >>> _source({"source": "Stadt Dortmund"}, "en"), _source({}, "en")
    ('Stadt Dortmund', 'n/a')
    """
    from .. import labels

    source = meta.get("source")
    if source is None or source == "":
        return labels.na_text(lang)
    return labels.value_label("source", str(source), lang)


def take_withheld_report(nb: Any) -> dict[str, int] | None:
    """The publication decision a notebook reported (:func:`~geoinnenstadt.briefing.report_withheld`).

    Removes the report outputs from ``nb`` (they are not for the reader);
    None when the notebook reported nothing.
    """
    from .present import WITHHELD_MIME

    found: dict[str, int] | None = None
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if isinstance(output, dict) else {}
            if WITHHELD_MIME in data:
                found = {k: int(v) for k, v in dict(data[WITHHELD_MIME]).items()}
            else:
                kept.append(output)
        cell["outputs"] = kept
    return found


def public_footnote(report: dict[str, int] | None, *, min_count: int, lang: str) -> str:
    """The footnote of a public briefing: what was withheld and why, then "no personal data".

    ``report`` is the notebook's :func:`take_withheld_report`; without one
    (a briefing without quarter figures) only the general sentence is given.

    Examples
    --------
    >>> public_footnote({"primary": 1, "secondary": 0, "min_count": 3}, min_count=3, lang="en")
    'Figures for 1 quarter with fewer than 3 units are withheld (“< 3”). Publication version: no personal data included.'
    """
    from .. import labels

    general = labels.text("briefing.footnote_public", lang)
    if report is None:
        return general
    withheld = labels.withheld_text(
        report.get("primary", 0),
        report.get("secondary", 0),
        min_count=report.get("min_count", min_count),
        lang=lang,
    )
    return f"{withheld} {general}"


def render_page(
    nb: Any,
    *,
    title: str,
    city: City,
    at: DateLike,
    lang: str | None,
    public: bool,
    notebook_name: str,
    min_count: int | None = None,
) -> str:
    """Wrap an executed notebook into the briefing page (title block, TOC, footer)."""
    from .. import __version__, labels, settings
    from .present import sample_note

    code = labels.resolve_lang(lang)
    threshold = settings.public_min_count if min_count is None else int(min_count)
    report = take_withheld_report(nb)
    body = _export_body(nb, lang=code)
    body, toc = _toc(body, lang=code)
    body = breakable_headings(body)
    meta = getattr(city, "meta", {}) or {}
    ref = reference_date(city, at)
    at_text = labels.format_date(ref, lang=code) if ref is not None else labels.na_text(code)
    now = _dt.datetime.now().strftime("%d.%m.%Y %H:%M" if code == "de" else "%Y-%m-%d %H:%M")

    def t(key: str, **fmt: Any) -> str:
        return labels.text(key, code, **fmt)

    rows = [
        (t("briefing.city"), getattr(city, "name", "")),
        (t("briefing.reference_date"), at_text),
        (t("briefing.data_source"), _source(meta, code)),
        (t("briefing.generated"), now),
        ("geoinnenstadt", __version__),
    ]
    if public:
        rows.append(
            (t("briefing.publication"), t("briefing.publication_value", min_count=threshold))
        )
    dl = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    note = sample_note(city, lang=code, display=False)
    note_html = str(note) if note is not None else ""
    footnote = ""
    if public:
        text = public_footnote(report, min_count=threshold, lang=code)
        footnote = f'<p class="gi-public-note">{html.escape(text)}</p>'
    name = getattr(city, "name", "")
    main = (
        f"{note_html}\n{toc}\n{body}\n"
        f'<footer class="gi-footer">\n{footnote}\n'
        f"<p>{html.escape(notebook_name)} · geoinnenstadt {html.escape(__version__)} · "
        f"{html.escape(now)}</p>\n</footer>"
    )
    return document(
        lang=code,
        title=f"{title} – {name}",
        head=edition_mark(public) + "\n",
        header=f"{heading(1, html.escape(title))}\n<dl>{dl}</dl>",
        main=main,
    )


def document(
    *, lang: str, title: str, header: str, main: str, head: str = "", css: str = "", attrs: str = ""
) -> str:
    r"""The page skeleton of every briefing page: head with the page CSS, title block, main.

    ``title`` is text (escaped here); ``header``, ``main`` and ``head`` are ready, escaped
    HTML; ``css`` is added to the page CSS; ``attrs`` are the ``<main>`` element's
    attributes (ready HTML, e.g. ``' class="gi-expose"'``).

    Examples
    --------
    >>> page = document(lang="de", title="A & B", header="<h1>A</h1>", main="<p>x</p>")
    >>> "<title>A &amp; B</title>" in page, '<main>\n<p>x</p>\n</main>' in page
    (True, True)
    """
    from .. import __version__

    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="geoinnenstadt {html.escape(__version__)}">
{head}<title>{html.escape(title)}</title>
<style>{_CSS}{css}</style>
</head>
<body>
<header class="gi-title">
{header}
</header>
<main{attrs}>
{main}
</main>
</body>
</html>
"""


def edition_mark(public: bool) -> str:
    """The page's edition mark, read by ``build.refuse_internal_overwrite``.

    Examples
    --------
    >>> edition_mark(True)
    '<meta name="geoinnenstadt-edition" content="public">'
    """
    return f'<meta name="geoinnenstadt-edition" content="{"public" if public else "internal"}">'


def render_index(
    written: list[Any],
    skipped: list[tuple[str, str, str]],
    failed: list[Any],
    *,
    lang: str | None = None,
    titles: dict[str, str] | None = None,
    missing: dict[tuple[str, str], list[str]] | None = None,
    public: bool = False,
) -> str:
    """The ``index.html`` of a build: links to the briefings, skipped and failed ones.

    ``titles`` (see :class:`~geoinnenstadt.briefing.BriefingResult`) gives
    the link texts in the build's language, keyed by file name (written) or
    ``"data/notebook"`` (skipped); ``missing`` the layer kinds a skipped
    briefing lacks, named in ``lang``. Without them the file names show.

    Examples
    --------
    >>> from pathlib import Path
    >>> page = render_index([Path("dortmund_01_leerstand_city.html")],
    ...                     [("dortmund", "03_kernzonen_vorkaufsrecht", "city has no parcels layer")],
    ...                     [], lang="en",
    ...                     titles={"dortmund_01_leerstand_city.html": "Dortmund – Vacancy"},
    ...                     missing={("dortmund", "03_kernzonen_vorkaufsrecht"): ["parcels"]})
    >>> "Dortmund – Vacancy</a>" in page, "missing layers: Cadastral parcels" in page
    (True, True)
    """
    from .. import __version__, labels

    code = labels.resolve_lang(lang)
    titles = titles or {}
    missing = missing or {}

    def reason(d: str, n: str, r: str) -> str:
        kinds = missing.get((d, n))
        if not kinds:
            return r
        layers = ", ".join(labels.layer_label(k, code) for k in kinds)
        return labels.text("briefing.index_missing", code, layers=layers)

    items = "".join(
        f'<li><a href="{html.escape(p.name, quote=True)}">'
        f"{html.escape(titles.get(p.name, p.stem))}</a></li>"
        for p in written
    )
    skipped_items = "".join(
        f"<li>{html.escape(titles.get(f'{d}/{n}', f'{d} / {n}'))}: "
        f"{html.escape(reason(d, n, r))}</li>"
        for d, n, r in skipped
    )
    failed_items = "".join(f"<li>{html.escape(str(e))}</li>" for e in failed)
    none = html.escape(labels.text("briefing.index_none", code))
    heading = html.escape(labels.text("briefing.index_title", code))
    skipped_html = (
        (
            f"<h2>{html.escape(labels.text('briefing.index_skipped', code))}</h2>"
            f"<ul>{skipped_items}</ul>"
        )
        if skipped_items
        else ""
    )
    failed_html = (
        (
            f"<h2>{html.escape(labels.text('briefing.index_failed', code))}</h2>"
            f"<ul>{failed_items}</ul>"
        )
        if failed_items
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(code)}"><head><meta charset="utf-8">{edition_mark(public)}<title>{heading} – geoinnenstadt</title>
<style>{_CSS}</style></head><body>
<header class="gi-title"><h1>{heading}</h1><dl><dt>geoinnenstadt</dt><dd>{html.escape(__version__)}</dd></dl></header>
<main><ul>{items or f"<li>{none}</li>"}</ul>
{skipped_html}
{failed_html}
</main></body></html>
"""
