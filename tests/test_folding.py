"""One folding for the geocoder's street keys and the map search (issue 24, case 12).

The expected keys are written out by hand from the rule in ``geoinnenstadt/folding.py``
(lower case; ß → ss; ä ö ü → ae oe ue; other accents dropped; Str. → strasse, St. →
sankt, Pl. → platz). The browser side (``normalise`` in ``maps/static/explore.js``) is
compared with :func:`search_key` on the same strings in ``tests/browser/test_maps_explore.py``.
"""

from __future__ import annotations

import pytest
from helpers import TRICKY

from geoinnenstadt.maps.explore import search_key
from geoinnenstadt.sources.addresses import street_key


@pytest.mark.parametrize(("text", "search", "street"), TRICKY, ids=[t for t, _, _ in TRICKY])
def test_search_and_street_keys_by_hand(text: str, search: str, street: str) -> None:
    assert search_key(text) == search
    assert street_key(text) == street


def test_spellings_a_planner_types_find_the_same_name() -> None:
    assert search_key("Brueckviertel") == search_key("Brückviertel") == search_key("BRÜCKVIERTEL")
    assert (
        search_key("Hansastr. 73") == search_key("Hansastraße 73") == search_key("hansastrasse 73")
    )
    assert street_key("Hansastr.") == street_key("Hansa-Straße") == street_key("HANSASTRASSE")


def test_the_street_key_is_the_search_key_without_blanks_for_plain_letters() -> None:
    # one folding: for texts in a-z, digits and punctuation the two keys differ only in blanks
    for text, search, street in TRICKY:
        if all(c.isascii() or c in "ßẞäöüÄÖÜéëÉ\u0308\u00a0" for c in text):
            assert search.replace(" ", "") == street, text


def test_missing_values() -> None:
    assert search_key(None) == search_key(float("nan")) == ""
    assert street_key(None) is street_key("--") is __import__("pandas").NA
