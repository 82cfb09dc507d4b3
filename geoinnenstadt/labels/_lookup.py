"""Label look-up: :func:`label`, :func:`value_label`, :func:`text` and the like.

Part of :mod:`geoinnenstadt.labels`; import from there.

Shared building blocks (public names for the package (``resolve_lang`` is also in
``labels.__all__``), not part of the user-facing ``__all__``): ``resolve_lang``,
``is_na``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .. import settings
from ._briefing import TEXTS as _BRIEFING_TEXTS
from ._cli import TEXTS as _CLI_TEXTS
from ._displays import TEXTS as _DISPLAY_TEXTS
from ._maps import TEXTS as _MAPS_TEXTS
from ._matching import TEXTS as _MATCHING_TEXTS
from ._plots import TEXTS as _PLOTS_TEXTS
from ._terms import LABELS, LANGUAGES, NA_TEXT, NA_TEXT_EN, SAMPLE_NOTE_DE, SAMPLE_NOTE_EN


def is_na(x: Any) -> bool:
    """True for a missing scalar (None, NaN, ``pd.NA``, ``NaT``); False for anything else.

    The missing-value test of the display layer (shared with :mod:`geoinnenstadt.maps`):
    it never raises, also not for arrays or unhashable values.

    Examples
    --------
    >>> from geoinnenstadt.labels import is_na
    >>> is_na(float("nan")), is_na(None), is_na(0), is_na([1, 2])
    (True, True, False, False)
    """
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        res = pd.isna(x)
    except (TypeError, ValueError):
        return False
    return bool(res) if isinstance(res, (bool, np.bool_)) else False


def resolve_lang(lang: str | None) -> str:
    """The language code in effect: ``lang`` checked, else ``settings.language``.

    The one place the display language is resolved; maps, plots, briefings and
    messages call it instead of reading the setting themselves.

    Parameters
    ----------
    lang : str or None
        ``"de"`` or ``"en"`` (any case); None means
        :data:`geoinnenstadt.settings.language`.

    Returns
    -------
    str
        ``"de"`` or ``"en"``.

    Raises
    ------
    ValueError
        For any other language.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.resolve_lang("EN")
    'en'
    >>> labels.resolve_lang(None)  # the default setting
    'de'
    """
    code = settings.language if lang is None else lang
    code = str(code).lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return code


def label(key: Any, lang: str | None = None) -> str:
    """Display label of ``key`` in ``lang`` (default ``settings.language``).

    Unknown keys are returned unchanged as a string — this function never
    raises for a key (only for an unknown language).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.label("reserve_ha")
    'Flächenreserve (ha)'
    >>> labels.label("reserve_ha", "en")
    'Land reserve (ha)'
    >>> labels.label("no_such_column")
    'no_such_column'
    """
    i = 0 if resolve_lang(lang) == "de" else 1
    try:
        entry = LABELS.get(key)
    except TypeError:  # unhashable key
        entry = None
    if entry is None:
        return "" if key is None else str(key)
    return entry[i]


def de(key: Any) -> str:
    """German display label of ``key`` (the key itself if unknown).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.de("vacancy_rate")
    'Leerstandsquote'
    """
    return label(key, "de")


def en(key: Any) -> str:
    """English display label of ``key`` (the key itself if unknown).

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.en("take_up_ha")
    'Take-up (ha)'
    """
    return label(key, "en")


def value_label(column: str, value: Any, lang: str | None = None) -> str:
    """Display label of a category ``value`` of ``column``.

    Tries ``"column.value"`` first, then the plain ``value``; booleans become
    "ja"/"nein" ("yes"/"no") unless the column defines them; missing values
    become :data:`NA_TEXT`.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.value_label("planning_basis", "none")
    'ohne Planungsrecht'
    >>> labels.value_label("restriction", "none")
    'restriktionsfrei'
    >>> labels.value_label("category", "A")
    'Kategorie A'
    """
    code = resolve_lang(lang)
    if is_na(value):
        return na_text(code)
    if isinstance(value, (bool, np.bool_)):
        key = f"{column}.{bool(value)}"
        if key in LABELS:
            return label(key, code)
        return label("true" if value else "false", code)
    key = f"{column}.{value}"
    if key in LABELS:
        return label(key, code)
    return label(value if isinstance(value, str) else str(value), code)


def layer_label(kind: str, lang: str | None = None) -> str:
    """Display name of a layer kind ("units" → "Gewerbeeinheiten").

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.layer_label("sites")
    'Wirtschaftsflächen'
    """
    return label(f"kind.{kind}", lang) if f"kind.{kind}" in LABELS else str(kind)


def labels_for(columns: Iterable[Any], lang: str | None = None) -> dict[Any, str]:
    """Mapping ``column -> label`` for :meth:`pandas.DataFrame.rename`.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.labels_for(["units", "vacancy_rate"])
    {'units': 'Einheiten', 'vacancy_rate': 'Leerstandsquote'}
    """
    code = resolve_lang(lang)
    return {c: label(c, code) for c in columns}


def na_text(lang: str | None = None) -> str:
    """Text for a missing value: "k. A." (German) or "n/a" (English)."""
    return NA_TEXT if resolve_lang(lang) == "de" else NA_TEXT_EN


def sample_note(lang: str | None = None) -> str:
    """The note every map and briefing on synthetic data carries."""
    return SAMPLE_NOTE_DE if resolve_lang(lang) == "de" else SAMPLE_NOTE_EN


def withheld_text(
    primary: int, secondary: int, *, min_count: int, lang: str | None = None, chart: bool = False
) -> str:
    """What publication mode withheld, and why, in one or two sentences.

    ``primary`` quarters have fewer than ``min_count`` units; ``secondary``
    ones are withheld so that the total cannot reveal them
    (:func:`geoinnenstadt.privacy.suppression`). Nothing is said about
    further quarters when none was withheld. ``chart=True``: the wording of a
    chart ("not shown"; ``plot.withheld_*``), else of a table or page
    (``briefing.withheld_*``).

    Examples
    --------
    >>> withheld_text(0, 0, min_count=3, lang="en")
    'No quarter has fewer than 3 units; no figures are withheld.'
    >>> withheld_text(2, 1, min_count=3, lang="de")  # doctest: +NORMALIZE_WHITESPACE
    'Die Werte von 2 Quartieren mit weniger als 3 Einheiten sind gesperrt („< 3“).
    Damit sie nicht aus der Summe zurückgerechnet werden können, ist ein weiteres Quartier
    gesperrt.'
    """
    code = resolve_lang(lang)
    family = "plot" if chart else "briefing"
    if primary == 0 and secondary == 0:
        return text(f"{family}.withheld_none", code, min_count=min_count) if not chart else ""
    sentences = []
    if primary:
        key = f"{family}.withheld_primary" + ("_one" if primary == 1 else "")
        sentences.append(text(key, code, n=primary, min_count=min_count))
    if secondary:
        key = f"{family}.withheld_secondary" + ("_one" if secondary == 1 else "")
        withheld = text("briefing.withheld", code)
        sentences.append(text(key, code, n=secondary, withheld=withheld))
    return " ".join(sentences)


def _merge_texts() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for table in (
        _MAPS_TEXTS,
        _PLOTS_TEXTS,
        _BRIEFING_TEXTS,
        _DISPLAY_TEXTS,
        _CLI_TEXTS,
        _MATCHING_TEXTS,
    ):
        clash = set(merged) & set(table)
        if clash:  # pragma: no cover - guarded by a test
            raise RuntimeError(f"display texts defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


#: Sentence and caption templates of maps, plots and briefings: key -> (German, English).
TEXTS: dict[str, tuple[str, str]] = _merge_texts()


def text(key: str, lang: str | None = None, **fmt: Any) -> str:
    """A display sentence or caption in ``lang``, with ``{placeholders}`` filled from ``fmt``.

    Unlike :func:`label`, an unknown key is an error: templates are code.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.text("sample.badge", "en")
    'Sample data (synthetic)'
    """
    code = resolve_lang(lang)
    try:
        de_text, en_text = TEXTS[key]
    except KeyError:
        raise KeyError(f"no display text {key!r} in geoinnenstadt.labels") from None
    template = de_text if code == "de" else en_text
    return template.format(**fmt) if fmt else template
