"""Shared helpers of the test suite (importable as ``helpers``; ``tests/`` is on pytest's path).

Test modules never import each other: what more than one test module uses lives here.

* ``helpers`` (this module): the paths of the fixtures and the repository, :func:`quiet`,
  and the hand-folded spellings :data:`TRICKY`.
* :mod:`helpers.maps`: hand-built cities for the maps and readers of the page a map writes.
* :mod:`helpers.tiles`: tile sets for the local basemaps.
* :mod:`helpers.timeline`: the three-round survey panel of the maps over time.
* :mod:`helpers.browser`: acting like a person in headless Chromium, and reading pixels.
* :mod:`helpers.german`: the German detector of the English briefings.
* :mod:`helpers.requests`: hand-built space requests and two quarters.
"""

from __future__ import annotations

import warnings
from pathlib import Path

#: The repository (the folder that holds ``geoinnenstadt/`` and ``tests/``).
ROOT = Path(__file__).resolve().parents[2]
#: The fixtures of the tests (real-structure samples, named in ``SOURCES.md``).
FIXTURES = ROOT / "tests" / "data"


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


#: (text, its search key, its street key), by hand.
TRICKY: list[tuple[str, str, str]] = [
    ("Brückviertel", "brueckviertel", "brueckviertel"),
    ("Brueckviertel", "brueckviertel", "brueckviertel"),
    ("BRÜCKVIERTEL", "brueckviertel", "brueckviertel"),
    ("Bru\u0308ckviertel", "brueckviertel", "brueckviertel"),  # ü as u + combining diaeresis
    ("Hansastr. 73", "hansastrasse 73", "hansastrasse73"),
    ("Hansastraße 73", "hansastrasse 73", "hansastrasse73"),
    ("HANSASTR 73", "hansastrasse 73", "hansastrasse73"),
    ("Hansa-Straße 73", "hansa strasse 73", "hansastrasse73"),
    ("Hansa Str.73", "hansa strasse73", "hansastrasse73"),
    ("Straße", "strasse", "strasse"),
    ("Strasse", "strasse", "strasse"),
    ("STRASSE", "strasse", "strasse"),
    ("Str. des 17. Juni", "strasse des 17 juni", "strassedes17juni"),
    ("St. Reinoldi", "sankt reinoldi", "sanktreinoldi"),
    ("St.Reinoldi", "sankt reinoldi", "sanktreinoldi"),
    ("St.-Georg-Str. 5", "sankt georg strasse 5", "sanktgeorgstrasse5"),
    ("Maria-Weber-Weg", "maria weber weg", "mariaweberweg"),
    ("maria weber weg", "maria weber weg", "mariaweberweg"),
    ("Alter Pl. 2", "alter platz 2", "alterplatz2"),
    ("ß", "ss", "ss"),
    ("ẞ", "ss", "ss"),
    ("Königsallee", "koenigsallee", "koenigsallee"),
    ("Ärztehaus_Süd", "aerztehaus sued", "aerztehaussued"),
    ("Café Noël", "cafe noel", "cafenoel"),
    ("é", "e", "e"),
    ("Œuvre ﬁnal", "œuvre final", "uvrefinal"),  # œ has no decomposition; ﬁ does
    ("Çağrı İş", "cagrı is", "cagris"),  # dotless ı stays a letter of the search
    ("Märkische\u00a0Str.", "maerkische strasse", "maerkischestrasse"),  # no-break space
    ("Bistro", "bistro", "bistro"),  # str inside a word stays
    ("Gemarkung 1234, Flur 17, Flurstück 123/4", "gemarkung 1234 flur 17 flurstueck 123 4",
     "gemarkung1234flur17flurstueck1234"),
    ("<script>alert(1)</script>", "script alert 1 script", "scriptalert1script"),
    ("%E0%A4%A", "e0 a4 a", "e0a4a"),
]  # fmt: skip
