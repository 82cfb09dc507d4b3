"""The German detector of the English briefings (issue 11): which German words a page shows.

Used by ``tests/briefing/test_briefing.py`` (the detector's own oracle test, German pages)
and ``tests/briefing/test_briefing_en.py`` (the English pages).
"""

from __future__ import annotations

import html
import re

EN_SAMPLES = ("dortmund", "duesseldorf")

#: Legal terms and the official parcel designation ("Gemarkung …, Flur …, Flurstück …") may stay
#: German; the English narrative glosses them on first use (checked below).
LEGAL_TERMS = (
    "besonderes Vorkaufsrecht",
    "Vorkaufsrecht",
    "BauGB",
    "Abstandserlass",
    "NRW",
    "Satzung",
    "Flurstücke",
    "Flurstück",
    "Gemarkung",
    "Flur",
    "IHK",
)

#: Common German words that no label needs to contain to give away a German sentence.
COMMON_GERMAN = (
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "mit",
    "von",
    "vom",
    "für",
    "nach",
    "seit",
    "über",
    "unter",
    "bei",
    "aus",
    "zum",
    "zur",
    "ist",
    "sind",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "nicht",
    "kein",
    "keine",
    "auch",
    "noch",
    "nur",
    "sich",
    "als",
    "wie",
    "bis",
    "im",
    "am",
    "ins",
    "auf",
    "zu",
    "dass",
    "wenn",
    "aber",
    "sowie",
    "davon",
    "insgesamt",
    "jahr",
    "jahre",
    "monate",
    "tage",
    "gesamt",
    "karte",
    "tabelle",
    "quelle",
    "hinweis",
    "stadt",
    "daten",
    "amtliche",
    "amtlichen",
    "erhebung",
    "leerstand",
    "fläche",
    "flächen",
)

#: Columns holding proper names (quarters, streets, sites, funds, statutes): they stay as they are.
PROPER_NAME_COLUMNS = (
    "name", "address", "fund", "statute", "legal_basis", "city", "district", "brand",
)  # fmt: skip

WORD = r"[A-Za-zÄÖÜäöüß]+"
FILE_NAMES = re.compile(r"[\w./-]*\w\.(?:py|html|gpkg)\b")


def german_vocabulary() -> set[str]:
    """German words of every display label and text (minus words the English ones use too)."""
    from geoinnenstadt.labels._lookup import TEXTS
    from geoinnenstadt.labels._terms import LABELS

    german: set[str] = set()
    english: set[str] = set()
    for de_text, en_text in [*LABELS.values(), *TEXTS.values()]:
        if de_text == en_text:
            continue
        german |= {w.lower() for w in re.findall(WORD, re.sub(r"\{\w*\}", " ", de_text))}
        english |= {w.lower() for w in re.findall(WORD, re.sub(r"\{\w*\}", " ", en_text))}
    legal = {w.lower() for term in LEGAL_TERMS for w in re.findall(WORD, term)}
    return ({w for w in german - english if len(w) >= 4} | set(COMMON_GERMAN)) - legal


def page_texts(page: str, *, maps: bool = True, alts: bool = True, body: bool = True) -> str:
    """What a reader sees: the text, alt/title attributes, and the map documents (srcdoc) with
    the strings of their JSON data blocks and map set-up (legends, popups, tooltips, captions)."""
    import contextlib
    import json

    from geoinnenstadt.folding import fold_config

    # the search's folding rules ("strasse", "sankt ") are data for the page's code, never shown
    machine = {v for pairs in fold_config().values() for pair in pairs for v in pair}
    page = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", page)
    docs = [html.unescape(d) for d in re.findall(r'srcdoc="([^"]*)"', page)]
    outer = re.sub(r'srcdoc="[^"]*"', "", page)
    parts: list[str] = []
    for doc, is_map in [(outer, False)] + [(d, True) for d in docs]:
        if is_map and not maps:
            continue
        doc = re.sub(r"<style\b.*?</style>", " ", doc, flags=re.S | re.I)
        for attrs, script in re.findall(r"<script\b([^>]*)>(.*?)</script>", doc, flags=re.S | re.I):
            if body and ("application/json" in attrs or "L.map(" in script):
                for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', script):
                    with contextlib.suppress(ValueError):
                        literal = json.loads(f'"{literal}"')
                    if literal in machine:
                        continue
                    parts.append(re.sub(r"<[^>]+>", " ", html.unescape(literal)))
        doc = re.sub(r"<script\b.*?</script>", " ", doc, flags=re.S | re.I)
        if alts:
            attributes = re.findall(r"""\b(?:alt|title|aria-label)=(?:"([^"]*)"|'([^']*)')""", doc)
            parts += [html.unescape(v) for pair in attributes for v in pair if v]
        if body:
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", doc)))
    return "\n".join(parts)


def proper_names(city) -> list[str]:
    names = {city.name}
    for layer in city.layers().values():
        for column in PROPER_NAME_COLUMNS:
            if column in layer.columns:
                names |= {str(v) for v in layer[column].dropna().unique()}
    if city.footfall is not None:  # counters are named after their street
        names |= {str(v) for v in city.footfall.counters["name"].dropna().unique()}
    return sorted(names, key=len, reverse=True)


def fold_plain(text: str) -> str:
    """Lower case without accents, ß as ss: the maps' search index holds names in this form."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def german_words(text: str, *, names: list[str] = ()) -> dict[str, str]:
    """German words in ``text`` (proper names, legal terms and file names removed) -> context.

    Compared without case and accents, so that the maps' search index ("altstadt am alten
    markt") is checked too.
    """
    text = FILE_NAMES.sub(" ", text)  # 01_leerstand_city.py, sample_data/generate.py
    folded = fold_plain(text)
    for name in sorted({fold_plain(n) for n in [*names, *LEGAL_TERMS]}, key=len, reverse=True):
        folded = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", folded)
    vocabulary = {fold_plain(w) for w in german_vocabulary()}
    found: dict[str, str] = {}
    for m in re.finditer(r"[a-z]+", folded):
        word = m.group(0)
        if word in vocabulary and word not in found:
            found[word] = " ".join(folded[max(0, m.start() - 50) : m.end() + 50].split())
    return found
