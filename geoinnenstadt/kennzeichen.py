"""The Flurstückskennzeichen: validate, parse, format and build (all Länder 01–16).

The Flurstückskennzeichen (parcel identifier of the German cadastre, AdV
ALKIS) has always 20 characters:

====================  =========  ===========================================
part                  positions  notes
====================  =========  ===========================================
Land                  1–2        ``01`` … ``16`` (``05`` Nordrhein-Westfalen)
Gemarkung             3–6        cadastral district, ``0001`` … ``9999``
Flur                  7–9        map sheet; ``___`` where the Land has none
Zähler                10–14      parcel number, ``00001`` … ``99999``
Nenner                15–18      denominator of "123/4"; ``____`` when none
Folgekennzeichen      19–20      ``__`` when none
====================  =========  ===========================================

Bavaria, for example, has no Flur: ``090967___00707______`` is Gemarkung
0967, Flurstück 707.

Rules (one home for every module: :mod:`geoinnenstadt.schema`,
:mod:`geoinnenstadt.preemption`, :mod:`geoinnenstadt.maps`):

* An unused Flur (``___``) and an unused Nenner (``____``) are ``None``.
  Flur numbers and denominators start at 1, so ``000`` and ``0000``, which
  some exports write instead of underscores, also mean "none": they are
  ``None`` too, never 0 — there is no "Flur 0" and no "Flurstück 12/0".
* :func:`build` writes ``None`` **and 0** as underscores.
* :func:`format` writes "Gemarkung 1234, Flur 17, Flurstück 123/4" and
  leaves out the Flur and the Nenner when they are unused. Gemarkung
  numbers are unique only within a Land: ``with_land=True`` prefixes the
  Land ("Nordrhein-Westfalen (05), …"); for a Series the Land is shown
  automatically when the Series mixes Länder.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``int_part``.

Examples
--------
>>> from geoinnenstadt import kennzeichen
>>> kennzeichen.is_valid("051234017001230004__")
True
>>> kennzeichen.parse("090967___00707______")
{'land': '09', 'gemarkung': '0967', 'flur': None, 'zaehler': 707, 'nenner': None, 'folge': None}
>>> kennzeichen.format("051234017001230004__")
'Gemarkung 1234, Flur 17, Flurstück 123/4'
>>> kennzeichen.format("090967___00707______", with_land=True, lang="en")
'Bavaria (09), Gemarkung 0967, Flurstück 707'
>>> kennzeichen.build(5, 1234, 17, 123, 4)
'051234017001230004__'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "HINT",
    "KENNZEICHEN_RE",
    "LAND_CODES",
    "NUMBER_HINT",
    "PARTS",
    "build",
    "format",
    "format_parts",
    "format_series",
    "inexact_numbers",
    "invalid_message",
    "is_valid",
    "land_name",
    "number_message",
    "parse",
    "parse_series",
    "problem",
    "valid_mask",
]

#: Land (2) + Gemarkung (4) + Flur (3) + Zähler (5) + Nenner (4) + Folge (2); unused = "_".
#: Use with ``fullmatch`` (``$`` alone would accept a trailing newline).
KENNZEICHEN_RE = re.compile(
    r"^([0-9]{2})([0-9]{4})([0-9]{3}|___)([0-9]{5})([0-9]{4}|____)([0-9]{2}|__)$"
)

#: Components, in order.
PARTS: tuple[str, ...] = ("land", "gemarkung", "flur", "zaehler", "nenner", "folge")

#: The Land codes 01–16.
LAND_CODES: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 17))

#: What a well-formed Kennzeichen looks like (used in every message about one).
HINT = (
    "20 characters: Land(2) Gemarkung(4) Flur(3) Zähler(5) Nenner(4) Folge(2), "
    "unused positions '_', e.g. '051234017001230004__'"
)

#: What to do when a Kennzeichen column holds floating-point numbers.
NUMBER_HINT = (
    "export or read the column as text: in Excel format the column as Text before entering "
    "the Kennzeichen, in QGIS/ogr2ogr give the field the type String; a number cannot hold "
    "the 20 positions of a Kennzeichen"
)

#: float64 holds every whole number exactly only up to 2**53 (16 digits); a
#: Kennzeichen read as a number has 19 or 20.
_EXACT_FLOAT_LIMIT = 2**53

#: Character spans of the components.
_SPANS: dict[str, tuple[int, int]] = {
    "land": (0, 2),
    "gemarkung": (2, 6),
    "flur": (6, 9),
    "zaehler": (9, 14),
    "nenner": (14, 18),
    "folge": (18, 20),
}

#: Values of the optional parts that mean "none".
_NONE_VALUES: dict[str, tuple[str, ...]] = {
    "flur": ("___", "000"),
    "nenner": ("____", "0000"),
    "folge": ("__",),
}

# Land names (proper names) for format(with_land=True). The lead may move these to labels.
_LAND_NAMES: dict[str, tuple[str, str]] = {
    "01": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "02": ("Hamburg", "Hamburg"),
    "03": ("Niedersachsen", "Lower Saxony"),
    "04": ("Bremen", "Bremen"),
    "05": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "06": ("Hessen", "Hesse"),
    "07": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "08": ("Baden-Württemberg", "Baden-Württemberg"),
    "09": ("Bayern", "Bavaria"),
    "10": ("Saarland", "Saarland"),
    "11": ("Berlin", "Berlin"),
    "12": ("Brandenburg", "Brandenburg"),
    "13": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "14": ("Sachsen", "Saxony"),
    "15": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "16": ("Thüringen", "Thuringia"),
}


# --------------------------------------------------------------------------- validate


def problem(value: Any) -> str | None:
    """What is wrong with a Flurstückskennzeichen, or None when it is well-formed.

    Examples
    --------
    >>> problem("171234017001230004__")
    "Land code '17' is not 01–16"
    >>> problem("051234017001230004__") is None
    True
    """
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not a string"
    if len(value) != 20:
        return f"has {len(value)} characters, not 20"
    odd = sorted({c for c in value if c not in "0123456789_"})
    if odd:
        return f"contains characters other than digits and '_': {''.join(odd)!r}"
    m = KENNZEICHEN_RE.fullmatch(value)
    if m is None:
        return "'_' only fills unused Flur, Nenner or Folge positions"
    if m.group(1) not in LAND_CODES:
        return f"Land code {m.group(1)!r} is not 01–16"
    if int(m.group(2)) == 0:
        return "Gemarkung 0000 does not exist"
    if int(m.group(4)) == 0:
        return "Flurstücksnummer (Zähler) 00000 does not exist"
    return None


def is_valid(value: Any) -> bool:
    """True if ``value`` is a well-formed 20-character Flurstückskennzeichen with a Land 01–16.

    Examples
    --------
    >>> is_valid("051234017001230004__"), is_valid("090967___00707______")
    (True, True)
    >>> is_valid("171234017001230004__")  # there is no Land 17
    False
    """
    return problem(value) is None


def invalid_message(value: Any) -> str:
    """The error message for a malformed Kennzeichen (names the value and the format)."""
    why = problem(value) or "is malformed"
    return f"invalid Flurstückskennzeichen {value!r}: {why}; expected {HINT}"


def valid_mask(values: pd.Series) -> np.ndarray:
    """Vectorised :func:`is_valid` (the same rules), as a boolean array.

    Examples
    --------
    >>> valid_mask(pd.Series(["051234017001230004__", "kaputt", None])).tolist()
    [True, False, False]
    """
    obj = values.astype("object")
    is_text = obj.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    text = obj.where(is_text, "").astype("string")
    ok = text.str.fullmatch(KENNZEICHEN_RE.pattern).fillna(False).to_numpy(dtype=bool) & is_text
    text = text.where(ok, "0100010000100000000_")
    ok &= text.str.slice(0, 2).isin(LAND_CODES).to_numpy(dtype=bool)
    ok &= (text.str.slice(2, 6) != "0000").to_numpy(dtype=bool)
    ok &= (text.str.slice(9, 14) != "00000").to_numpy(dtype=bool)
    return ok


def inexact_numbers(values: pd.Series) -> np.ndarray:
    """Where a Kennzeichen column holds floating-point numbers too large to be exact.

    A Flurstückskennzeichen saved as a number (Excel, some exports, a GeoPackage
    ``REAL`` column) keeps only the 15–16 significant digits of a float64: every
    whole number above 2**53 is rounded to a multiple of a power of two, so
    ``5.302400400034e18`` reads back as ``05302400400033999872`` — another valid
    parcel (33/9998 instead of 34). Such values cannot be repaired; integer
    columns are exact and are only missing their leading zero.

    Returns
    -------
    numpy.ndarray
        Boolean, True where the value is a float (Python, NumPy or a float
        column) whose magnitude exceeds 2**53.

    Examples
    --------
    >>> inexact_numbers(pd.Series([5.302400400034e18, None])).tolist()
    [True, False]
    >>> inexact_numbers(pd.Series([5302400400034000000])).tolist()  # int64: exact
    [False]
    """
    out = np.zeros(len(values), dtype=bool)
    for pos, v in enumerate(values.astype("object").tolist()):
        if isinstance(v, (float, np.floating)) and np.isfinite(v):
            out[pos] = abs(float(v)) > _EXACT_FLOAT_LIMIT
    return out


def number_message(column: str, value: Any) -> str:
    """The problem of a Kennzeichen stored as a float (names the column and the value read).

    Examples
    --------
    >>> number_message("flstkennz", 5.302400400034e18)  # doctest: +NORMALIZE_WHITESPACE
    "column 'flstkennz' holds the Flurstückskennzeichen as a floating-point number
    (5.302400400034e+18, read as 05302400400033999872): a float keeps only 15-16 digits,
    not 20, so the digits read may name another parcel"
    """
    read = f"{int(value):020d}" if np.isfinite(value) else str(value)
    return (
        f"column {column!r} holds the Flurstückskennzeichen as a floating-point number "
        f"({float(value)!r}, read as {read}): a float keeps only 15-16 digits, not 20, so "
        "the digits read may name another parcel"
    )


# --------------------------------------------------------------------------- parse


def parse(kennzeichen: str) -> dict[str, Any]:
    """Split a Flurstückskennzeichen into its components.

    Returns
    -------
    dict
        ``land`` (str, ``"05"``), ``gemarkung`` (str of 4 digits),
        ``flur`` (int, None when unused), ``zaehler`` (int), ``nenner``
        (int, None when unused), ``folge`` (str of 2 digits or None).

    Raises
    ------
    ValueError
        For a malformed value, naming it and the expected format.

    Examples
    --------
    >>> parse("051234017001230004__")
    {'land': '05', 'gemarkung': '1234', 'flur': 17, 'zaehler': 123, 'nenner': 4, 'folge': None}
    """
    if not is_valid(kennzeichen):
        raise ValueError(invalid_message(kennzeichen))
    out: dict[str, Any] = {}
    for name in PARTS:
        start, stop = _SPANS[name]
        part = kennzeichen[start:stop]
        if part in _NONE_VALUES.get(name, ()):
            out[name] = None
        elif name in ("flur", "zaehler", "nenner"):
            out[name] = int(part)
        else:
            out[name] = part
    return out


def parse_series(values: pd.Series) -> pd.DataFrame:
    """:func:`parse` for a column; malformed values are kept with NA components.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``values``: ``land``, ``gemarkung``, ``folge``
        (``string``), ``flur``, ``zaehler``, ``nenner`` (``Int64``) and
        ``valid`` (bool).

    Examples
    --------
    >>> parse_series(pd.Series(["05123401700123______", "bad"]))[["flur", "zaehler", "valid"]]
       flur  zaehler  valid
    0    17      123   True
    1  <NA>     <NA>  False
    """
    valid = valid_mask(values)
    text = values.astype("object").where(valid, "").astype("string")
    out = pd.DataFrame(index=values.index)
    for name in PARTS:
        start, stop = _SPANS[name]
        col = text.str.slice(start, stop)
        used = ~col.isin(_NONE_VALUES.get(name, ())).to_numpy(dtype=bool)
        col = col.where(valid & used)
        if name in ("flur", "zaehler", "nenner"):
            out[name] = pd.to_numeric(col).astype("Int64").array
        else:
            out[name] = col.astype("string").array
    out["valid"] = valid
    return out


# --------------------------------------------------------------------------- build


def int_part(value: Any, name: str, low: int, high: int) -> int:
    """``value`` as a whole number in ``low``–``high`` (also from digit text).

    Otherwise a ValueError naming ``name``.
    """
    try:
        number = int(value)
        ok = str(value).strip().isdigit() if isinstance(value, str) else number == value
    except (TypeError, ValueError):
        ok = False
    if isinstance(value, (bool, np.bool_)):
        ok = False
    if not ok or not low <= number <= high:
        raise ValueError(f"{name} must be a whole number {low}–{high}, got {value!r}")
    return number


def _optional(value: Any) -> bool:
    """True when an optional part is given (None, NA, NaN and 0 mean "none")."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, (float, np.floating)) and np.isnan(value):
        return False
    if isinstance(value, str) and value.strip().strip("_") == "":
        return False
    try:
        return int(value) != 0
    except (TypeError, ValueError):
        return True  # let int_part report it


def build(
    land: int | str,
    gemarkung: int | str,
    flur: int | str | None,
    zaehler: int | str,
    nenner: int | str | None = None,
    folge: int | str | None = None,
) -> str:
    """Compose the 20-character Flurstückskennzeichen from its components.

    An unused Flur, Nenner or Folgekennzeichen (None, or 0 as numeric ALKIS
    columns write it) is filled with ``_``.

    Examples
    --------
    >>> build(5, 1234, 17, 123, 4)
    '051234017001230004__'
    >>> build("09", "0967", None, 707)
    '090967___00707______'
    >>> build(5, 1234, 0, 12, 0)  # Flur 0 and Nenner 0 mean "none"
    '051234___00012______'
    """
    parts = [
        f"{int_part(land, 'land', 1, 16):02d}",
        f"{int_part(gemarkung, 'gemarkung', 1, 9999):04d}",
        f"{int_part(flur, 'flur', 1, 999):03d}" if _optional(flur) else "___",
        f"{int_part(zaehler, 'zaehler', 1, 99999):05d}",
        f"{int_part(nenner, 'nenner', 1, 9999):04d}" if _optional(nenner) else "____",
        "__" if folge is None else f"{int_part(folge, 'folge', 0, 99):02d}",
    ]
    result = "".join(parts)
    if not is_valid(result):  # pragma: no cover - guarded by the ranges above
        raise ValueError(invalid_message(result))
    return result


# --------------------------------------------------------------------------- format


def _given(value: Any) -> bool:
    if value is None or value is pd.NA:
        return False
    return not (isinstance(value, (float, np.floating)) and np.isnan(value))


def _lang_index(lang: str | None) -> int:
    from .labels import resolve_lang

    return 0 if resolve_lang(lang) == "de" else 1


def land_name(code: str, lang: str | None = None) -> str:
    """Name of the Land with code ``"01"`` … ``"16"`` (German or English).

    Examples
    --------
    >>> land_name("05"), land_name("09", "en")
    ('Nordrhein-Westfalen', 'Bavaria')
    """
    return _LAND_NAMES[str(code)][_lang_index(lang)]


def format_parts(
    parts: Mapping[str, Any], *, with_land: bool = False, lang: str | None = None
) -> str:
    """Write components (as from :func:`parse`) the way planners do.

    The Flur is left out when it is None or 0, the Nenner likewise.

    Examples
    --------
    >>> format_parts({"gemarkung": "0815", "flur": 3, "zaehler": 56, "nenner": None})
    'Gemarkung 0815, Flur 3, Flurstück 56'
    """
    number = str(int(parts["zaehler"]))
    nenner: Any = parts.get("nenner")
    if _given(nenner) and int(nenner) != 0:
        number += f"/{int(nenner)}"
    text = f"Gemarkung {parts['gemarkung']}"
    flur: Any = parts.get("flur")
    if _given(flur) and int(flur) != 0:
        text += f", Flur {int(flur)}"
    text += f", Flurstück {number}"
    land = parts.get("land")
    if with_land and _given(land):
        text = f"{land_name(str(land), lang)} ({land}), " + text
    return text


def format(
    kennzeichen: str | Mapping[str, Any], *, lang: str | None = None, with_land: bool = False
) -> str:
    """Write a Kennzeichen (or its parsed parts) as "Gemarkung 1234, Flur 17, Flurstück 123/4".

    Parameters
    ----------
    kennzeichen : str or mapping
        A 20-character Flurstückskennzeichen, or components from :func:`parse`.
    lang : {"de", "en"}, optional
        Language of the Land name (default ``gi.settings.language``);
        Gemarkung, Flur and Flurstück are legal terms and stay German.
    with_land : bool, default False
        Prefix the Land, e.g. "Bayern (09), …" — needed when parcels of
        several Länder are listed together (Gemarkung numbers repeat).

    Raises
    ------
    ValueError
        For a malformed Kennzeichen.

    Examples
    --------
    >>> format("05123401700123______")
    'Gemarkung 1234, Flur 17, Flurstück 123'
    >>> format("090967___00707______", with_land=True)
    'Bayern (09), Gemarkung 0967, Flurstück 707'
    """
    parts = kennzeichen if isinstance(kennzeichen, Mapping) else parse(kennzeichen)
    return format_parts(parts, with_land=with_land, lang=lang)


def format_series(
    values: pd.Series, *, lang: str | None = None, with_land: bool | None = None
) -> pd.Series:
    """:func:`format` for a column; malformed values become NA.

    ``with_land=None`` (default) shows the Land only when the column mixes
    Länder.

    Examples
    --------
    >>> format_series(pd.Series(["051234017001230004__", "x"])).tolist()
    ['Gemarkung 1234, Flur 17, Flurstück 123/4', <NA>]
    >>> format_series(pd.Series(["05123401700123______", "090967___00707______"])).tolist()
    ['Nordrhein-Westfalen (05), Gemarkung 1234, Flur 17, Flurstück 123', 'Bayern (09), Gemarkung 0967, Flurstück 707']
    """
    parsed = parse_series(values)
    if with_land is None:
        with_land = parsed["land"].dropna().nunique() > 1
    records: list[dict[str, Any]] = parsed.to_dict("records")  # type: ignore[assignment]
    texts = [
        format_parts(row, with_land=bool(with_land), lang=lang) if row["valid"] else None
        for row in records
    ]
    return pd.Series(pd.array(texts, dtype="string"), index=values.index, name=values.name)
