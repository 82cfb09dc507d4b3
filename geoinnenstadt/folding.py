"""The one folding of names and addresses: what the geocoder's street keys and the map search share.

:func:`fold` turns a text into its folded form; two spellings a clerk or a planner
would take for the same name fold alike:

1. lower case (full Unicode case mapping), then composed (NFC), so that ``Ü`` and
   ``U`` + combining diaeresis are one letter;
2. ``ß``/``ẞ`` → ``ss``; ``ä ö ü`` → ``ae oe ue`` (:data:`FOLD_LETTERS`), so
   ``Brückviertel`` = ``Brueckviertel`` and ``Straße`` = ``Strasse``;
3. compatibility decomposition (NFKD) without the combining marks: every other
   accent is dropped (``é`` → ``e``, ``ﬁ`` → ``fi``);
4. every run of characters that are neither letters, digits nor ``.`` → one blank;
5. the abbreviations of :data:`FOLD_RULES`: ``str.``/``str`` at the end of a word →
   ``strasse`` (``Hansastr. 73`` = ``Hansastraße 73``), ``St.`` as its own word →
   ``sankt``, ``Pl.`` → ``platz``.

Its users add one last step: :func:`geoinnenstadt.sources.addresses.street_key`
keeps only ``a-z0-9`` (``Maria-Weber-Weg`` = ``mariaweberweg``);
:func:`geoinnenstadt.maps.explore.search_key` turns every non-word character into a
blank. The map page folds what the planner types with the same steps
(``normalise`` in ``maps/static/explore.js``); it receives :data:`FOLD_LETTERS`
and :data:`FOLD_RULES` from Python (:func:`fold_config`), so the letters and
abbreviations have this one home. The rules use only ASCII character classes,
which Python's and JavaScript's regular expressions read alike.

Examples
--------
>>> from geoinnenstadt.folding import fold
>>> fold("Hansa-Str. 73"), fold("BRÜCKVIERTEL"), fold("St. Reinoldi"), fold("Café")
('hansa strasse 73', 'brueckviertel', 'sankt reinoldi', 'cafe')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["FOLD_LETTERS", "FOLD_RULES", "fold", "fold_config", "fold_letters"]

#: Letters written out before the accents are dropped (after lower case and NFC).
FOLD_LETTERS: tuple[tuple[str, str], ...] = (
    ("ß", "ss"),
    ("ẞ", "ss"),  # capital sharp s; lower() keeps it in some Unicode versions
    ("ä", "ae"),
    ("ö", "oe"),
    ("ü", "ue"),
)

#: Abbreviations, applied in order (pattern, replacement). ASCII classes only: the
#: same pattern text means the same in Python's ``re`` and in JavaScript.
FOLD_RULES: tuple[tuple[str, str], ...] = (
    (r"(?<=[a-z])str(?:\.|(?![a-z0-9]))", "strasse"),  # Hauptstr. / Hauptstr
    (r"(?<![a-z0-9])str(?:\.|(?![a-z0-9]))", "strasse"),  # Str. des 17. Juni / Goethe Str.
    (r"(?<![a-z0-9])st\. *", "sankt "),  # St. Reinoldi / St.-Georg-Weg
    (r"(?<![a-z0-9])pl(?:\.|(?![a-z0-9]))", "platz"),  # Hansapl.
)

_RULES = tuple((re.compile(p), r) for p, r in FOLD_RULES)
#: Step 4: neither letter nor digit nor ``.`` (``_`` is a word character of ``re``).
_SEPARATORS = re.compile(r"(?:[^\w.]|_)+")


def fold(text: Any) -> str:
    """The folded form of ``text`` (``str(text)``; see the module docstring for the steps).

    Examples
    --------
    >>> fold("Straße") == fold("STRASSE") == fold("Strasse")
    True
    >>> fold("  Maria-Weber-Weg ")
    ' maria weber weg '
    """
    t = _SEPARATORS.sub(" ", fold_letters(text))
    for rx, repl in _RULES:
        t = rx.sub(repl, t)
    return t


def fold_letters(text: Any) -> str:
    """Steps 1–3 of :func:`fold` only: lower case, ``ß ä ö ü`` written out, other accents dropped.

    For names that are no addresses (column names, file names), where separators and
    the street abbreviations do not apply.

    Examples
    --------
    >>> fold_letters("Eigentümer_Straße"), fold_letters("Café")
    ('eigentuemer_strasse', 'cafe')
    """
    t = unicodedata.normalize("NFC", str(text).lower())
    for letter, spelled in FOLD_LETTERS:
        t = t.replace(letter, spelled)
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.category(c).startswith("M"))


def fold_config() -> dict[str, Any]:
    """:data:`FOLD_LETTERS` and :data:`FOLD_RULES` as JSON-ready lists, for the map page."""
    return {
        "letters": [list(pair) for pair in FOLD_LETTERS],
        "rules": [list(pair) for pair in FOLD_RULES],
    }
