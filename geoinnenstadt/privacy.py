"""The one privacy filter: personal columns and small-count suppression.

Two rules live here and nowhere else:

* **Personal columns** (owner names and contacts, marked ``personal`` in
  :mod:`geoinnenstadt.schema`) never reach a map, a chart, a briefing or a
  written file unless the caller asks with ``personal=True``. Every writer
  and every HTML/PNG output calls :func:`drop_personal`. Columns the
  schema does not know but whose **names look personal** (``Eigentümer``,
  ``Telefon``, ``E-Mail``, ``Kontakt``, ``Ansprechpartner``, ``Vorname``,
  ``contact_name``, ``phone``, …; :func:`looks_personal`) are dropped as
  well, with a :class:`PersonalDataWarning` naming them, unless kept with
  ``personal=True`` or ``keep=[...]``.
* **Publication mode** suppresses quarters with fewer than
  :data:`geoinnenstadt.settings.public_min_count` units (*primary
  suppression*). Because the city total minus the quarters shown would
  reveal a suppressed quarter, one more quarter is suppressed as well
  (*secondary suppression*, as statistics offices do): the smallest quarter
  that is not itself small. The figures of the remaining quarters can then
  never be subtracted from the total to recover a small quarter.
  :func:`suppression` decides; tables, charts, maps and texts all ask it.

Examples
--------
>>> import pandas as pd
>>> from geoinnenstadt import privacy
>>> units = pd.Series({"A": 1, "B": 2, "C": 40, "D": 12})
>>> privacy.suppression(units, min_count=3).to_dict()
{'A': 'primary', 'B': 'primary', 'C': '', 'D': 'secondary'}
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from . import settings
from .errors import GeoinnenstadtWarning
from .folding import fold_letters

__all__ = [
    "PersonalDataWarning",
    "drop_personal",
    "looks_personal",
    "personal_columns",
    "suppressed",
    "suppressed_in_panel",
    "suppression",
]


class PersonalDataWarning(GeoinnenstadtWarning):
    """Columns whose names look personal were dropped from an output (names them)."""


#: Parts of column names that mark personal data (GDPR: owners, persons, contacts), matched
#: in the name written without separators, lower case, umlauts as ae/oe/ue and ß as ss.
#: A bare ``name`` is not among them: quarters, sites and areas have one.
_PERSONAL_PARTS = re.compile(
    "eigentuemer|eigentumer|owner|inhaber|besitzer|ansprechp|kontakt|contact|vorname|"
    "nachname|firstname|lastname|surname|fullname|givenname|familyname|telefon|telephone|"
    "phone|email|verfasser|author|creator|reporter|nickname|username|userid|useruuid"
)
#: Whole words (between separators or case changes) that mark personal data.
_PERSONAL_WORDS = frozenset({"tel", "fax", "mobil", "handy", "mail", "autor", "user"})


def looks_personal(column: Any) -> bool:
    """True when a column name looks like personal data (owner, person's name, contact).

    Examples
    --------
    >>> [looks_personal(c) for c in ["Eigentümer", "Telefon", "E-Mail", "ContactName", "tel_nr"]]
    [True, True, True, True, True]
    >>> [looks_personal(c) for c in ["user", "user_uuid", "creator_id", "users_count"]]
    [True, True, True, False]
    >>> [looks_personal(c) for c in ["name", "Hotel", "status", "Stellplätze"]]
    [False, False, False, False]
    """
    text = str(column)
    words = fold_letters(re.sub(r"([a-zäöü])([A-ZÄÖÜ])", r"\1 \2", text))
    tokens = [t for t in re.split(r"[^a-z0-9]+", words) if t]
    return bool(_PERSONAL_PARTS.search("".join(tokens))) or any(
        t in _PERSONAL_WORDS for t in tokens
    )


def _schema_columns() -> set[str]:
    """Columns the schema knows and does not mark personal (``owner_type`` is a category)."""
    from .schema import LAYERS

    known = {c.name for spec in LAYERS.values() for c in spec.columns}
    return known - set(personal_columns())


def personal_columns(kind: str | None = None) -> tuple[str, ...]:
    """Columns the schema marks as personal, for one layer kind or for all kinds.

    Examples
    --------
    >>> personal_columns("units")
    ('owner_name', 'owner_contact')
    """
    from .schema import LAYERS

    specs = [LAYERS[kind]] if kind is not None else list(LAYERS.values())
    out: list[str] = []
    for spec in specs:
        out += [c for c in spec.personal_columns if c not in out]
    return tuple(out)


def drop_personal(
    frame: Any,
    *,
    kind: str | None = None,
    personal: bool = False,
    keep: Iterable[str] = (),
) -> Any:
    """``frame`` without personal columns, unless ``personal=True`` or kept by name.

    Two kinds of columns are personal: those the schema marks (``owner_name``,
    ``owner_contact``, ``contact_*`` of requests; dropped quietly, as
    documented) and columns the schema does not know whose names look
    personal (:func:`looks_personal`: ``Eigentümer``, ``Telefon``,
    ``E-Mail``, ``Kontakt``, ``Ansprechpartner``, ``Vorname``, ``phone``,
    …). The latter are dropped with one :class:`PersonalDataWarning` naming
    them and how to keep them. Columns of the schema that are not personal
    (``name``, ``owner_type``) are never dropped.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
    kind : str, optional
        Layer kind; default: the personal columns of every kind.
    personal : bool, default False
        Keep them all (internal work only).
    keep : list of str, optional
        Columns to keep although they are or look personal (e.g. a ``Kontakt``
        column that holds a business's public opening note).

    Returns
    -------
    The same type, a copy when columns were dropped. ``attrs["personal_dropped"]``
    lists what was removed.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> units = gi.load_sample("dortmund").units
    >>> "owner_name" in drop_personal(units).columns
    False
    """
    if personal or frame is None:
        return frame
    kept = {keep} if isinstance(keep, str) else set(keep)
    marked = [c for c in personal_columns(kind) if c in frame.columns and c not in kept]
    known = _schema_columns() | set(marked) | kept
    geometry = getattr(frame, "_geometry_column_name", None)
    named = [
        c
        for c in frame.columns
        if c not in known and c != geometry and isinstance(c, str) and looks_personal(c)
    ]
    if named:
        warnings.warn(
            f"dropped {len(named)} column(s) whose names look like personal data: "
            f"{', '.join(map(repr, named))} (owners, persons' names and contacts never leave "
            "without being asked for). Keep them with keep=[...] naming them, or "
            "personal=True for internal work; drop or rename them if they are not personal",
            PersonalDataWarning,
            stacklevel=3,
        )
    drop = marked + named
    if not drop:
        return frame
    out = frame.drop(columns=drop)
    out.attrs = {**frame.attrs, "personal_dropped": drop}
    return out


def suppression(counts: pd.Series, *, min_count: int | None = None) -> pd.Series:
    """Which rows to suppress for publication: ``"primary"``, ``"secondary"`` or ``""``.

    Parameters
    ----------
    counts : Series of int
        Units per quarter (the count the threshold applies to), indexed by
        quarter.
    min_count : int, optional
        Threshold; default :data:`geoinnenstadt.settings.public_min_count`.

    Returns
    -------
    Series of str, aligned to ``counts``.

    Notes
    -----
    Primary: ``count < min_count`` (missing counts count as 0). Secondary:
    when at least one row is primary and at least one is not, the non-primary
    row with the smallest count (ties: first in order) is suppressed too, so
    that "total minus shown rows" always mixes a small quarter with a
    regular one.

    Examples
    --------
    >>> import pandas as pd
    >>> suppression(pd.Series({"A": 5, "B": 2}), min_count=3).tolist()
    ['secondary', 'primary']
    >>> suppression(pd.Series({"A": 5, "B": 9}), min_count=3).tolist()
    ['', '']
    """
    threshold = settings.public_min_count if min_count is None else int(min_count)
    values = pd.to_numeric(counts, errors="coerce").fillna(0)
    out = pd.Series("", index=counts.index, dtype=object)
    primary = values < threshold
    out[primary] = "primary"
    if primary.any() and (~primary).any():
        vals = values.to_numpy(dtype=float)
        candidates = np.flatnonzero(~primary.to_numpy())
        out.iloc[int(candidates[np.argmin(vals[candidates])])] = "secondary"
    return out


def suppressed(counts: pd.Series, *, min_count: int | None = None) -> pd.Index:
    """Index labels of all suppressed rows (primary and secondary).

    Examples
    --------
    >>> import pandas as pd
    >>> list(suppressed(pd.Series({"A": 1, "B": 4, "C": 7}), min_count=3))
    ['A', 'B']
    """
    s = suppression(counts, min_count=min_count)
    return s.index[s != ""]


def suppressed_in_panel(
    panel: pd.DataFrame,
    *,
    min_count: int | None = None,
    count_column: str = "units",
    total_id: Any = "total",
) -> list[Any]:
    """Quarters to leave out of a published time series: suppressed at any survey.

    At every ``survey_date`` :func:`suppression` decides on the counts of the
    quarters (the city total, ``quarter_id == total_id``, does not take
    part); a quarter suppressed (primary or secondary) at any survey is left
    out of every survey, so that neither its line nor its change can be read.

    Parameters
    ----------
    panel : DataFrame
        Long format with ``survey_date``, ``quarter_id`` and ``count_column``
        (e.g. :func:`geoinnenstadt.vacancy.trend`).
    min_count : int, optional
        Default :data:`geoinnenstadt.settings.public_min_count`.

    Returns
    -------
    list
        Quarter ids, in the order of ``panel``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"survey_date": ["2024-06-30"] * 3 + ["2025-06-30"] * 3,
    ...                   "quarter_id": ["A", "B", "C"] * 2, "units": [9, 40, 12, 2, 41, 12]})
    >>> suppressed_in_panel(t, min_count=3)
    ['A', 'C']
    """
    return list(
        panel_suppression(
            panel, min_count=min_count, count_column=count_column, total_id=total_id
        ).index
    )


def panel_suppression(
    panel: pd.DataFrame,
    *,
    min_count: int | None = None,
    count_column: str = "units",
    total_id: Any = "total",
) -> pd.Series:
    """Why each quarter of :func:`suppressed_in_panel` is left out: ``"primary"``/``"secondary"``.

    ``"primary"`` when the quarter is primary at some survey (fewer than
    ``min_count`` units), else ``"secondary"`` (withheld so that a total
    cannot reveal another quarter). Indexed by quarter id, in the order of
    ``panel``; only the suppressed quarters.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"survey_date": ["2024-06-30"] * 3 + ["2025-06-30"] * 3,
    ...                   "quarter_id": ["A", "B", "C"] * 2, "units": [9, 40, 12, 2, 41, 12]})
    >>> panel_suppression(t, min_count=3).to_dict()
    {'A': 'primary', 'C': 'secondary'}
    """
    if count_column not in panel.columns:
        raise ValueError(
            f"publication mode needs the {count_column!r} column (e.g. of gi.vacancy.trend)"
        )
    quarters = panel[panel["quarter_id"].astype(str) != str(total_id)]
    kinds: dict[Any, str] = {}
    for _, survey in quarters.groupby("survey_date", sort=False):
        decision = suppression(survey.set_index("quarter_id")[count_column], min_count=min_count)
        for q, kind in decision[decision != ""].items():
            if kinds.get(q) != "primary":
                kinds[q] = kind
    order = [q for q in dict.fromkeys(quarters["quarter_id"]) if q in kinds]
    return pd.Series([kinds[q] for q in order], index=pd.Index(order), dtype=object)
