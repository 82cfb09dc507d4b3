"""Value conversion: raw columns → the schema's dtypes (:func:`conform`).

Part of :mod:`geoinnenstadt.schema`; import from there.

* Dates go through the one date parser, :func:`geoinnenstadt.dates.parse_dates`
  ("01.06.2025" is 1 June; two-digit years and impossible dates become
  missing here and errors in :func:`~geoinnenstadt.schema.validate`; time
  zones are converted to the local date).
* Numbers accept German decimal commas ("1.234,5").
* Ids: leading and trailing spaces are stripped, with a
  :class:`~geoinnenstadt.errors.SchemaWarning` naming the ids, so that
  ``" DO-0001"`` does not become a second unit. (``validate`` on data that
  was not conformed reports such ids as errors.)
* Parcels: ``land``, ``gemarkung``, ``flur``, ``zaehler``, ``nenner`` and
  ``folge`` come from the Flurstückskennzeichen (:mod:`geoinnenstadt.kennzeichen`),
  so they agree with :func:`geoinnenstadt.preemption.parse_kennzeichen`.
* Requests: ``preferred_quarters`` is text, the quarter ids or names
  separated by commas (``"Q1, Hansaviertel"``); a list (or tuple, set) per row
  is accepted and becomes that text (:func:`preference_text`), and
  :func:`preference_list` splits it again (``;`` also separates).
* Context: a land-use code given as ``category`` (a plan export's ``TYP``
  column mapped with ``columns={"TYP": "category"}``) becomes
  ``category="landuse"`` with ``landuse`` set to the code
  (:func:`landuse_codes`).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``CONVERTERS``, ``DTYPE_HINTS``, ``is_missing_scalar``,
``as_objects``, ``parcel_part_values``, ``is_present``, ``to_date``, ``to_str``,
``preference_text``, ``preference_list``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates, kennzeichen
from ..errors import SchemaError, SchemaWarning, name_some
from .specs import CONTEXT_CATEGORY, LANDUSE_TYPE, spec

__all__ = [
    "conform",
    "id_collisions",
    "id_text",
    "landuse_codes",
    "preference_list",
    "preference_text",
    "require_distinct_ids",
]

_TRUE = {"true", "1", "yes", "ja", "j", "y", "x", "wahr"}
_FALSE = {"false", "0", "no", "nein", "n", "falsch"}

#: How many values a warning lists before "…".
_N_LISTED = 10


def is_missing_scalar(v: Any) -> bool:
    """True for None, ``pd.NA``, ``NaT``, NaN and NaT datetime64 values."""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (float, np.floating)):
        return bool(np.isnan(v))
    if isinstance(v, np.datetime64):
        return bool(np.isnat(v))
    return False


def as_objects(values: pd.Series) -> np.ndarray:
    """Values as an object array with None for every kind of missing value."""
    return np.array(
        [None if is_missing_scalar(v) else v for v in values.astype("object")], dtype=object
    )


def is_present(values: pd.Series) -> pd.Series:
    """True where a value is given (not missing and not blank text)."""

    def given(v: Any) -> bool:
        if is_missing_scalar(v):
            return False
        return not (isinstance(v, str) and v.strip() == "")

    return values.astype("object").map(given).astype(bool)


def to_date(values: pd.Series) -> pd.Series:
    """Dates → naive ``datetime64[ns]`` at midnight.

    Via :func:`geoinnenstadt.dates.parse_dates`; unreadable values → NaT
    (``validate`` reports them with the reason).
    """
    return dates.parse_dates(values).values


def _to_float(values: pd.Series) -> pd.Series:
    """Numbers, also with German decimal commas ("1.234,5"); unparseable or infinite → NaN."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
    else:

        def conv(v: Any) -> float:
            if is_missing_scalar(v) or isinstance(v, (bool, np.bool_)):
                return np.nan
            if isinstance(v, (int, float, np.integer, np.floating)):
                return float(v)
            if not isinstance(v, str):
                return np.nan
            text = v.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            if "," in text:  # German: "." groups thousands, "," is the decimal mark
                text = text.replace(".", "").replace(",", ".")
            try:
                return float(text)
            except ValueError:
                return np.nan

        out = values.astype("object").map(conv).astype("float64")
    return out.where(np.isfinite(out))


def _to_int(values: pd.Series) -> pd.Series:
    """Whole numbers as nullable ``Int64``; fractions and unparseable values → NA."""
    f = _to_float(values)
    return f.where(f == np.round(f)).astype("Int64")


def _to_bool(values: pd.Series) -> pd.Series:
    """Flags as nullable ``boolean``: true/false, ja/nein, 1/0, x; unparseable → NA."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean")

    def conv(v: Any) -> Any:
        if is_missing_scalar(v):
            return pd.NA
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, float, np.integer, np.floating)) and v in (0, 1):
            return bool(v)  # 1.0/0.0: a flag with gaps written as Int8 reads back as float
        t = str(v).strip().lower()
        if t in _TRUE:
            return True
        if t in _FALSE:
            return False
        return pd.NA

    return values.astype("object").map(conv).astype("boolean")


def to_str(values: pd.Series) -> pd.Series:
    """Text as ``string``; whole floats lose their ``.0`` (ids read as numbers)."""

    def conv(v: Any) -> Any:
        if is_missing_scalar(v):
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        return str(v)

    return values.astype("object").map(conv).astype("string")


CONVERTERS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "date": to_date,
    "float": _to_float,
    "int": _to_int,
    "bool": _to_bool,
    "str": to_str,
}

DTYPE_HINTS = {
    "date": f"{dates.HINT} (format Excel columns as dates, not numbers)",
    "float": "use a finite number such as 123.5 or 123,5",
    "int": "use a whole number",
    "bool": "use true/false, ja/nein or 1/0",
    "str": "",
}


def preference_list(value: Any) -> list[str]:
    """The quarters a request prefers, as a list (``[]``: anywhere).

    Splits the text form of ``preferred_quarters`` at commas and semicolons;
    a list, tuple or set is taken as it is. Blank parts are left out.

    Examples
    --------
    >>> from geoinnenstadt.schema.conform import preference_list
    >>> preference_list("Q1, Hansaviertel;Q3")
    ['Q1', 'Hansaviertel', 'Q3']
    >>> preference_list(None), preference_list(["Q2", " "])
    ([], ['Q2'])
    """
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
        parts = [str(v) for v in value if not is_missing_scalar(v)]
    elif is_missing_scalar(value):
        return []
    else:
        parts = str(value).replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


def preference_text(values: pd.Series) -> pd.Series:
    """``preferred_quarters`` in its one in-memory and file form: text, ``", "``-separated.

    Lists (tuples, sets) become ``"Q1, Q2"``; text is normalised the same way
    (``"Q1;Q2"`` → ``"Q1, Q2"``); nothing given → missing (anywhere).

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.schema.conform import preference_text
    >>> preference_text(pd.Series([["Q1", "Q3"], "Q2;Hansaviertel", None, []])).tolist()
    ['Q1, Q3', 'Q2, Hansaviertel', <NA>, <NA>]
    """

    def one(v: Any) -> Any:
        parts = preference_list(v)
        return ", ".join(parts) if parts else pd.NA

    out = [one(v) for v in values.astype("object")]
    return pd.Series(out, index=values.index, dtype="string")


#: Land-use codes as plans write them (case ignored) → :data:`LANDUSE_TYPE`. The
#: Bauflächen of a Flächennutzungsplan (W, M, G, S) are read as their main Baugebiet.
_LANDUSE_ALIASES: dict[str, str] = {
    **{code.lower(): code for code in LANDUSE_TYPE},
    **dict.fromkeys(("wa", "wr", "ws", "wb"), "W"),
    "m": "MI",
    "mu": "MI",
    "md": "MI",
    "mdw": "MI",
    "g": "GE",
    "s": "SO",
    "grün": "green",
    "gruen": "green",
    "grünfläche": "green",
    "gruenflaeche": "green",
    "grünflächen": "green",
    "gr": "green",
}


def landuse_codes(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Context rows whose ``category`` is a land-use code become ``category="landuse"``.

    A land-use plan export has one type column (``TYP``: GE, GI, MI, …); mapped
    onto ``category`` with ``columns={"TYP": "category"}``, each code becomes
    ``category="landuse"`` and ``landuse=<code>``. Plan variants are read as the
    type they belong to (WA/WR/WS/WB → W, MU/MD/MDW/M → MI, G → GE, S → SO,
    Grünfläche → green). Categories and unknown values are left alone (an
    unknown value is a validation error naming the row).

    Returns
    -------
    (DataFrame, dict)
        A copy with the codes split (the input when nothing changed) and the
        number of rows per code given, e.g. ``{"GE": 3, "WA": 1}``.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.schema import landuse_codes
    >>> out, counts = landuse_codes(pd.DataFrame({"category": ["GE", "WA", "road"]}))
    >>> out["category"].tolist(), out["landuse"].tolist(), counts
    (['landuse', 'landuse', 'road'], ['GE', 'W', <NA>], {'GE': 1, 'WA': 1})
    """
    if "category" not in frame.columns or not isinstance(frame["category"], pd.Series):
        return frame, {}
    raw = frame["category"].astype("object")
    keys = [v.strip().lower() if isinstance(v, str) else None for v in raw]
    categories = set(CONTEXT_CATEGORY)
    codes = [
        _LANDUSE_ALIASES.get(k) if k is not None and k not in categories else None for k in keys
    ]
    hit = np.array([c is not None for c in codes], dtype=bool)
    if not hit.any():
        return frame, {}
    out = frame.copy()
    given = out["landuse"] if "landuse" in out.columns else pd.Series(pd.NA, index=out.index)
    landuse = given.astype("object").copy()
    landuse[hit] = [c for c in codes if c is not None]
    category = raw.copy()
    category[hit] = "landuse"
    out["category"] = category
    out["landuse"] = pd.array(landuse.tolist(), dtype="string")
    counts: dict[str, int] = {}
    for value in raw[hit]:
        counts[str(value).strip()] = counts.get(str(value).strip(), 0) + 1
    return out, counts


def conform(gdf: gpd.GeoDataFrame | pd.DataFrame, kind: str) -> Any:
    """Return a copy with the schema's dtypes.

    ``string`` ids and texts, naive ``datetime64[ns]`` dates, ``float64``
    numbers and nullable ``boolean`` flags.

    Values that cannot be converted become missing; :func:`validate` on the
    unconverted data reports them. Columns unknown to the schema are kept.
    Ids with leading or trailing spaces are stripped with a
    :class:`~geoinnenstadt.errors.SchemaWarning`. For parcels, ``land``,
    ``gemarkung``, ``flur``, ``zaehler``, ``nenner`` and ``folge`` are
    taken from a well-formed Flurstückskennzeichen (given columns are kept
    only where the Kennzeichen is malformed); an unused Flur or Nenner is
    missing, never ``"0"``. Kinds without geometry (``requests``) take and
    return a plain :class:`pandas.DataFrame` (a GeoDataFrame given loses its
    geometry column); their ``preferred_quarters`` lists become text
    (:func:`preference_text`).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> from geoinnenstadt.schema import conform
    >>> raw = gpd.GeoDataFrame(
    ...     {"unit_id": [7], "survey_date": ["30.06.2025"], "status": ["vacant"],
    ...      "floor_area_m2": ["85,5"]},
    ...     geometry=[Point(393000, 5708000)], crs="EPSG:25832")
    >>> out = conform(raw, "units")
    >>> out.loc[0, "unit_id"], str(out.loc[0, "survey_date"].date()), out.loc[0, "floor_area_m2"]
    ('7', '2025-06-30', np.float64(85.5))
    """
    s = spec(kind)
    out = gdf.copy()
    if not s.has_geometry and isinstance(out, gpd.GeoDataFrame):
        out = pd.DataFrame(out.drop(columns=[out.geometry.name], errors="ignore"))
    if "preferred_quarters" in s.column_names and isinstance(
        out.get("preferred_quarters"), pd.Series
    ):
        out["preferred_quarters"] = preference_text(out["preferred_quarters"])
    if kind == "context":
        out = landuse_codes(out)[0]
    for col in s.columns:
        given = col.name in out.columns and isinstance(out[col.name], pd.Series)
        if given and col.name != "preferred_quarters":  # preference_text above
            out[col.name] = CONVERTERS[col.dtype](out[col.name])
    if isinstance(out.get(s.id_column), pd.Series):
        out[s.id_column] = _strip_ids(out[s.id_column], s.id_column, kind)
    if kind == "parcels" and "parcel_id" in out.columns:
        _fill_parcel_parts(out)
    return out


def _strip_ids(ids: pd.Series, column: str, kind: str) -> pd.Series:
    """Strip spaces around ids (``string`` dtype), warning with the ids that changed."""
    stripped = ids.str.strip()
    changed = (stripped != ids).fillna(False).to_numpy(dtype=bool)
    if not changed.any():
        return ids
    shown = [repr(v) for v in ids[changed].unique()[:_N_LISTED]]
    more = " …" if int(changed.sum()) > _N_LISTED else ""
    warnings.warn(
        f"{kind}: {int(changed.sum())} {column} value(s) had leading or trailing spaces "
        f"({', '.join(shown)}{more}); stripped, so that ' DO-0001' and 'DO-0001' are one "
        "feature. Clean the source to silence this warning",
        SchemaWarning,
        stacklevel=3,
    )
    return stripped.where(stripped != "", pd.NA)


def id_text(ids: pd.Series) -> pd.Series:
    """Ids as :func:`conform` makes them.

    Text (``string``), whole floats without ``.0``, spaces around them stripped.
    Two given ids with the same text are one feature.
    """
    return to_str(ids).str.strip()


def id_collisions(ids: pd.Series) -> list[list[Any]]:
    """Groups of different given ids that become one id as text (:func:`id_text`).

    ``1`` and ``"1"``, or ``" DO-0001"`` and ``"DO-0001"``, are told apart by
    pandas (two units) but are one unit once read, validated or written
    (ids are text in every file). Repeated equal values (a unit in several
    surveys) are no collision.

    Examples
    --------
    >>> import pandas as pd
    >>> id_collisions(pd.Series([1, "1", "DO-0002", " DO-0002", "DO-0002", 3]))
    [[1, '1'], ['DO-0002', ' DO-0002']]
    """
    series = ids if isinstance(ids, pd.Series) else pd.Series(ids)
    if series.dtype.kind in "iub":  # one type, no spaces: nothing can collide
        return []
    distinct = pd.Series(pd.unique(series.dropna().astype("object")), dtype="object")
    if len(distinct) < 2:
        return []
    text = id_text(distinct)
    clash = text.duplicated(keep=False).fillna(False).to_numpy(dtype=bool)
    if not clash.any():
        return []
    groups: dict[str, list[Any]] = {}
    for value, key in zip(distinct[clash], text[clash], strict=True):
        groups.setdefault(str(key), []).append(value)
    return list(groups.values())


def require_distinct_ids(ids: pd.Series, *, column: str, layer: str) -> None:
    """The cheap id guard of the analysis functions: refuse ids that collide as text.

    Raises
    ------
    SchemaError
        Naming each group (``1`` (number) and ``'1'`` (text)) and what to do.
    """
    groups = id_collisions(ids)
    if not groups:
        return

    def shown(v: Any) -> str:
        kind = "text" if isinstance(v, str) else "a number"
        return f"{v!r} ({kind})"

    listed = name_some([" and ".join(shown(v) for v in g) for g in groups], 5)
    raise SchemaError(
        f"{layer} layer: different {column} values that are one id as text: {listed}. They would count as different features in this analysis but as "
        "one feature in gi.validate, gi.read_layer and every written file. Check whether "
        f"they are the same feature; then give every {column} as text without spaces, "
        f"e.g. gdf[{column!r}] = gdf[{column!r}].astype(str).str.strip(), or renumber one"
    )


def parcel_part_values(values: pd.Series, name: str) -> pd.Series:
    """Given parcel-part column → text in the Kennzeichen's convention (unused → NA)."""
    text = to_str(values).str.strip()
    digits = text.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)
    if name in ("land", "gemarkung"):
        width = 2 if name == "land" else 4
        text = text.where(~digits, text.str.zfill(width))
    elif name != "folge":
        text = text.where(~digits, text.str.lstrip("0"))
        if name == "zaehler":
            text = text.where(~digits | (text != ""), "0")
    return text.where((text != "") & ~text.str.fullmatch(r"_+").fillna(False), pd.NA)


def _fill_parcel_parts(gdf: pd.DataFrame) -> None:
    parsed = kennzeichen.parse_series(to_str(gdf["parcel_id"]))
    valid = parsed["valid"].to_numpy(dtype=bool)
    geometry: Any = getattr(gdf, "_geometry_column_name", None)
    order = [c.name for c in spec("parcels").columns if c.name in kennzeichen.PARTS]
    for name in order:  # the spec's order, so that files and frames agree
        derived = parsed[name].astype("string")
        if name in gdf.columns:
            given = parcel_part_values(gdf[name], name)
            gdf[name] = derived.where(valid, given).astype("string")
        elif geometry in gdf.columns:  # new columns go before the geometry, as a file has them
            position = list(gdf.columns).index(geometry)
            gdf.insert(position, name, derived.astype("string"))
        else:
            gdf[name] = derived.astype("string")
