"""Pre-emption areas (Vorkaufsrechtsgebiete) and cadastral parcels (Flurstücke).

A municipality can secure a special pre-emption right (*besonderes
Vorkaufsrecht*, § 25 BauGB) by statute (*Vorkaufsrechtssatzung*) for the
parcels of an area. This module answers

* which parcels lie (at least ``min_share`` of their area) inside a statute
  area — :func:`parcels_in`, and the statute annex listing them sorted by
  Gemarkung, Flur and Flurstück — :func:`annex`;
* whether the right applies to one parcel, and under which statute —
  :func:`lookup`;
* all of that once for the maps, print maps and briefing tables —
  :func:`panel` (a :class:`PreemptionPanel`, in :mod:`.result`);
* how to read and write a Flurstückskennzeichen — :func:`parse_kennzeichen`,
  :func:`format_kennzeichen`, :func:`build_kennzeichen`.

Flurstückskennzeichen
---------------------
20 characters: Land (2) + Gemarkung (4) + Flur (3) + Zähler (5) + Nenner (4)
+ Folgekennzeichen (2); unused positions are ``_``. ``"051234017001230004__"``
is Land 05 (NRW), Gemarkung 1234, Flur 17, Flurstück 123/4, written
"Gemarkung 1234, Flur 17, Flurstück 123/4".

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``warn_invalid``, ``warn_invalid``.

Examples
--------
>>> import geoinnenstadt as gi
>>> gi.preemption.format_kennzeichen("051234017001230004__")
'Gemarkung 1234, Flur 17, Flurstück 123/4'
>>> city = gi.load_sample("duesseldorf")
>>> inside = gi.preemption.parcels_in(city.parcels, city.preemption_areas, min_share=0.5)
>>> bool(inside["share"].between(0.5, 1.0).all())
True
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from .. import dates
from .. import kennzeichen as _kz
from ..errors import GeoinnenstadtWarning, SchemaError
from ..kennzeichen import HINT as _KENNZEICHEN_HINT
from ..kennzeichen import is_valid as is_valid_kennzeichen
from ..zones import N_LISTED, PreparedZones, overlap_areas, zone_id_column

__all__ = [
    "KENNZEICHEN_PARTS",
    "InvalidKennzeichenWarning",
    "PreemptionPanel",
    "annex",
    "build_kennzeichen",
    "format_kennzeichen",
    "lookup",
    "panel",
    "parcels_in",
    "parse_kennzeichen",
    "zone_coverage",
]

#: Components of a Flurstückskennzeichen, in order.
KENNZEICHEN_PARTS: tuple[str, ...] = _kz.PARTS

_LAND_CODES = list(_kz.LAND_CODES)


class InvalidKennzeichenWarning(GeoinnenstadtWarning):
    """Parcels with a malformed Flurstückskennzeichen (kept and listed, never dropped)."""


# --------------------------------------------------------------------------- Kennzeichen
# Thin wrappers: the rules live in geoinnenstadt.kennzeichen.

_invalid_message = _kz.invalid_message
_valid_mask = _kz.valid_mask
_parse_series = _kz.parse_series
_int_part = _kz.int_part
_format_parts = _kz.format_parts


def parse_kennzeichen(kennzeichen: str | pd.Series) -> dict[str, Any] | pd.DataFrame:
    """Split a Flurstückskennzeichen into its components (see :mod:`geoinnenstadt.kennzeichen`).

    Parameters
    ----------
    kennzeichen : str or pandas.Series of str
        20-character Flurstückskennzeichen(s).

    Returns
    -------
    dict or pandas.DataFrame
        For a string: ``land`` (str, ``"05"``), ``gemarkung`` (str of 4 digits,
        ``"1234"``), ``flur`` (int, None when unused: ``___`` or ``000``),
        ``zaehler`` (int), ``nenner`` (int, None when unused: ``____`` or
        ``0000``), ``folge`` (str of 2 digits or None). For a Series: a
        DataFrame indexed like it with these columns (``flur``/``zaehler``/
        ``nenner`` nullable ``Int64``) and a boolean ``valid`` column;
        invalid rows are kept with NA components.

    Raises
    ------
    ValueError
        For a malformed string (naming the value and the expected format).

    Examples
    --------
    >>> from geoinnenstadt.preemption import parse_kennzeichen
    >>> parse_kennzeichen("051234017001230004__")
    {'land': '05', 'gemarkung': '1234', 'flur': 17, 'zaehler': 123, 'nenner': 4, 'folge': None}
    >>> import pandas as pd
    >>> parse_kennzeichen(pd.Series(["05123401700123______", "bad"]))[["flur", "zaehler", "valid"]]
       flur  zaehler  valid
    0    17      123   True
    1  <NA>     <NA>  False
    """
    if isinstance(kennzeichen, pd.Series):
        return _kz.parse_series(kennzeichen)
    return _kz.parse(kennzeichen)


def build_kennzeichen(
    land: int | str,
    gemarkung: int | str,
    flur: int | str | None,
    zaehler: int | str,
    nenner: int | str | None = None,
    folge: int | str | None = None,
) -> str:
    """Compose the 20-character Flurstückskennzeichen (:func:`geoinnenstadt.kennzeichen.build`).

    Unused Flur, Nenner and Folgekennzeichen (None; Flur and Nenner also 0)
    are filled with ``_``.

    Examples
    --------
    >>> from geoinnenstadt.preemption import build_kennzeichen
    >>> build_kennzeichen(5, 1234, 17, 123, 4)
    '051234017001230004__'
    >>> build_kennzeichen("05", "1234", 17, 123)
    '05123401700123______'
    """
    return _kz.build(land, gemarkung, flur, zaehler, nenner, folge)


def format_kennzeichen(
    kennzeichen: str | pd.Series | Mapping[str, Any] | None = None,
    *,
    gemarkung: int | str | None = None,
    flur: int | str | None = None,
    zaehler: int | str | None = None,
    nenner: int | str | None = None,
    lang: str | None = None,
    with_land: bool | None = None,
) -> str | pd.Series:
    """Write a parcel the way planners do: "Gemarkung 1234, Flur 17, Flurstück 123/4".

    Parameters
    ----------
    kennzeichen : str, pandas.Series, or mapping, optional
        A Flurstückskennzeichen, a Series of them (invalid ones become NA),
        or the components as returned by :func:`parse_kennzeichen`.
    gemarkung, flur, zaehler, nenner : optional
        The components, when no ``kennzeichen`` is given. ``nenner`` None
        (or 0) omits "/Nenner"; ``flur`` None (or 0) omits the Flur.
    lang : {"de", "en"}, optional
        Language of the Land name.
    with_land : bool, optional
        Prefix the Land ("Bayern (09), …"). Default: for a Series, when it
        mixes Länder; otherwise no.

    Examples
    --------
    >>> from geoinnenstadt.preemption import format_kennzeichen
    >>> format_kennzeichen("05123401700123______")
    'Gemarkung 1234, Flur 17, Flurstück 123'
    >>> format_kennzeichen(gemarkung="0815", flur=3, zaehler=56, nenner=12)
    'Gemarkung 0815, Flur 3, Flurstück 56/12'
    """
    if isinstance(kennzeichen, pd.Series):
        return _kz.format_series(kennzeichen, lang=lang, with_land=with_land)
    if kennzeichen is not None:
        return _kz.format(kennzeichen, lang=lang, with_land=bool(with_land))
    if gemarkung is None or zaehler is None:
        raise ValueError("give a Flurstückskennzeichen or at least gemarkung= and zaehler=")
    return _kz.format_parts(
        {
            "gemarkung": f"{_int_part(gemarkung, 'gemarkung', 1, 9999):04d}",
            "flur": None if flur is None else _int_part(flur, "flur", 0, 999),
            "zaehler": _int_part(zaehler, "zaehler", 1, 99999),
            "nenner": None if nenner is None else _int_part(nenner, "nenner", 0, 9999),
        }
    )


# --------------------------------------------------------------------------- parcels in areas


def _parcel_ids(parcels: gpd.GeoDataFrame) -> pd.Series:
    if "parcel_id" not in parcels.columns:
        raise SchemaError(
            "the parcels layer has no column 'parcel_id' (the 20-character "
            f"Flurstückskennzeichen); columns: {', '.join(map(str, parcels.columns))}; "
            "map it when reading with columns={'SOURCE': 'parcel_id'}"
        )
    return parcels["parcel_id"]


def _report_invalid(ids: pd.Series, stacklevel: int = 3) -> list[Any]:
    values = ids.astype("object").to_numpy()
    invalid = values[~_valid_mask(ids)].tolist()
    warn_invalid(invalid, len(values), stacklevel=stacklevel + 1)
    return invalid


def warn_invalid(invalid: list[Any], n_parcels: int, *, stacklevel: int = 3) -> None:
    """The warning about parcels with an invalid Flurstückskennzeichen (also used by gi.scale)."""
    if not invalid:
        return
    more = " …" if len(invalid) > N_LISTED else ""
    warnings.warn(
        f"{len(invalid)} of {n_parcels} parcels have an invalid Flurstückskennzeichen "
        f"({', '.join(map(repr, invalid[:N_LISTED]))}{more}); they are kept, and listed "
        "in result.attrs['invalid_kennzeichen']. Expected " + _KENNZEICHEN_HINT,
        InvalidKennzeichenWarning,
        stacklevel=stacklevel,
    )


def parcels_in(
    parcels: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    *,
    min_share: float = 0.5,
    id_column: str | None = None,
    n_jobs: int | None = None,
) -> gpd.GeoDataFrame:
    """Parcels lying at least ``min_share`` of their area inside a pre-emption area.

    Parameters
    ----------
    parcels : GeoDataFrame
        Parcel polygons with ``parcel_id`` (Flurstückskennzeichen).
    areas : GeoDataFrame
        Statute areas (Vorkaufsrechtsgebiete), same CRS as ``parcels``;
        projected, since areas are computed.
    min_share : float, default 0.5
        Minimum share of a parcel's area inside the area, in [0, 1]. ``0``
        returns every pair with a positive overlap.
    id_column : str, optional
        Id column of ``areas``; default the first of ``quarter_id``,
        ``zone_id``, ``area_id`` present. Its values go to ``area_id``.
    n_jobs : int, optional
        Threads for the intersections (default: two for large inputs).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per (parcel, area) pair with ``share >= min_share``:
        ``parcel_id``, ``area_id``, ``area_name`` (when the areas have a
        ``name``), ``overlap_m2`` (area of the parcel inside the area),
        ``parcel_area_m2``, ``share`` (overlap / parcel area, in [0, 1]) and
        the parcel geometry; sorted by ``parcel_id``, then ``area_id``. Parcels
        with a malformed Flurstückskennzeichen are kept; they are listed in
        ``attrs["invalid_kennzeichen"]`` and in an
        :class:`InvalidKennzeichenWarning`. ``attrs["n_parcels"]`` is the
        number of parcels checked.

    Raises
    ------
    CRSError
        When a layer has no CRS, the CRSs differ or the CRS is geographic.

    Notes
    -----
    Parcels lying wholly in an area's interior (prepared
    ``contains_properly``) take their own area; only parcels crossing an area
    boundary are intersected. The per-area totals equal those of
    ``geopandas.overlay(parcels, areas, how="intersection")`` with
    ``min_share=0``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> inside = gi.preemption.parcels_in(city.parcels, city.preemption_areas)
    >>> list(inside.columns)[:3]
    ['parcel_id', 'area_id', 'area_name']
    """
    if not 0.0 <= float(min_share) <= 1.0:
        raise ValueError(f"min_share is a fraction in [0, 1], got {min_share!r}")
    _crs.require_metric(parcels, areas, names=["parcels", "areas"])
    ids = _parcel_ids(parcels)
    col = zone_id_column(areas, id_column, "areas")
    zones = PreparedZones(areas, col, "areas")
    invalid = _report_invalid(ids)
    geoms = np.asarray(parcels.geometry.values, dtype=object)
    out = _pairs_frame(parcels, ids, geoms, zones, areas, min_share, n_jobs)
    out.attrs["invalid_kennzeichen"] = invalid
    out.attrs["n_parcels"] = len(parcels)
    return out


def _pairs_frame(
    parcels: gpd.GeoDataFrame,
    ids: pd.Series,
    geoms: np.ndarray,
    zones: PreparedZones,
    areas: gpd.GeoDataFrame,
    min_share: float,
    n_jobs: int | None,
) -> gpd.GeoDataFrame:
    left, right, overlap = overlap_areas(geoms, zones, n_jobs=n_jobs)
    parcel_area = np.asarray(shapely.area(geoms[left]), dtype=float)
    overlap = np.minimum(overlap, parcel_area)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(parcel_area > 0, overlap / parcel_area, 0.0)
    keep = share >= min_share if min_share > 0 else overlap > 0
    left, right, overlap, parcel_area, share = (
        a[keep] for a in (left, right, overlap, parcel_area, share)
    )
    data: dict[str, Any] = {
        "parcel_id": ids.to_numpy()[left],
        "area_id": zones.ids.to_numpy()[right],
    }
    if "name" in areas.columns:
        names = areas.set_index(zones.id_column)["name"]
        data["area_name"] = names.reindex(zones.ids).to_numpy()[right]
    data.update({"overlap_m2": overlap, "parcel_area_m2": parcel_area, "share": share})
    frame = pd.DataFrame(data)
    frame["parcel_id"] = frame["parcel_id"].astype(ids.dtype)
    frame["area_id"] = frame["area_id"].astype(zones.ids.dtype)
    out = gpd.GeoDataFrame(frame, geometry=geoms[left], crs=parcels.crs)
    # parcel id, then area (see annex() for the numeric Gemarkung/Flur/Flurstück order)
    order = np.lexsort((right, out["parcel_id"].astype(str).to_numpy()))
    return out.iloc[order].reset_index(drop=True)


def annex(parcels_in_result: pd.DataFrame) -> pd.DataFrame:
    """The statute annex (Anlage zur Satzung): parcels sorted by Gemarkung, Flur, Flurstück.

    Parameters
    ----------
    parcels_in_result : DataFrame
        The result of :func:`parcels_in`.

    Returns
    -------
    pandas.DataFrame
        Columns ``land`` (str, "05"; Gemarkung numbers repeat across Länder),
        ``gemarkung`` (str, "1234"), ``flur`` (Int64; NA where the Land has no
        Flur), ``flurstueck`` ("123/4"; "123" without Nenner, never "123/0"),
        ``parcel_id`` (the Kennzeichen), ``area_id`` (the
        Vorkaufsrechtsgebiet), ``area_name`` (when present) and ``share``;
        sorted by Land, then numerically by Gemarkung, Flur, Zähler, Nenner (a parcel
        without Nenner before its divided siblings), then area. The index
        numbers the rows from 1. Parcels with a malformed Kennzeichen come
        last with NA components. German headings:
        ``gi.labels.format_table(annex(...))``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> table = gi.preemption.annex(gi.preemption.parcels_in(city.parcels, city.preemption_areas))
    >>> list(table.columns)[:5]
    ['land', 'gemarkung', 'flur', 'flurstueck', 'parcel_id']
    """
    missing = [c for c in ("parcel_id", "area_id", "share") if c not in parcels_in_result.columns]
    if missing:
        raise ValueError(
            f"annex() needs the result of parcels_in(); the table lacks {', '.join(missing)}"
        )
    parsed = _parse_series(parcels_in_result["parcel_id"].reset_index(drop=True))
    flurstueck = parsed["zaehler"].astype("string")
    has_nenner = parsed["nenner"].notna()
    flurstueck = flurstueck.where(~has_nenner, flurstueck + "/" + parsed["nenner"].astype("string"))
    out = pd.DataFrame(
        {
            "land": parsed["land"],
            "gemarkung": parsed["gemarkung"],
            "flur": parsed["flur"],
            "flurstueck": flurstueck,
            "parcel_id": parcels_in_result["parcel_id"].to_numpy(),
            "area_id": parcels_in_result["area_id"].to_numpy(),
        }
    )
    if "area_name" in parcels_in_result.columns:
        out["area_name"] = parcels_in_result["area_name"].to_numpy()
    out["share"] = parcels_in_result["share"].to_numpy(dtype=float)
    keys = pd.DataFrame(
        {
            "invalid": ~parsed["valid"],
            "land": parsed["land"],
            "gemarkung": pd.to_numeric(parsed["gemarkung"]),
            "flur": parsed["flur"].fillna(-1),
            "zaehler": parsed["zaehler"],
            "nenner": parsed["nenner"].fillna(-1),
            "folge": parsed["folge"].fillna(""),
            "parcel_id": out["parcel_id"].astype(str),
            "area_id": out["area_id"].astype(str),
        }
    )
    order = keys.sort_values(list(keys.columns), kind="stable", na_position="last").index
    out = out.loc[order].reset_index(drop=True)
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


# --------------------------------------------------------------------------- lookup

_AREA_INFO = ("name", "legal_basis", "statute", "in_force_since")


def _one_lookup(
    parcels: gpd.GeoDataFrame,
    ids: pd.Series,
    zones: PreparedZones,
    areas: gpd.GeoDataFrame,
    kennzeichen: Any,
    min_share: float,
) -> dict[str, Any]:
    if not is_valid_kennzeichen(kennzeichen):
        raise ValueError(_invalid_message(kennzeichen))
    rows = np.flatnonzero((ids.astype("object") == kennzeichen).to_numpy())
    if len(rows) == 0:
        known = [v for v in ids.astype("object").tolist() if isinstance(v, str)]
        close = difflib.get_close_matches(kennzeichen, known, n=3, cutoff=0.8)
        hint = f"; similar: {', '.join(close)}" if close else ""
        raise KeyError(
            f"Flurstückskennzeichen {kennzeichen!r} ({format_kennzeichen(kennzeichen)}) is not "
            f"in the parcels layer ({len(ids)} parcels){hint}. Check the Gemarkung, Flur and "
            "Flurstück, or update the cadastral data"
        )
    geoms = np.asarray(parcels.geometry.values, dtype=object)[rows]
    geom = shapely.union_all(geoms) if len(geoms) > 1 else geoms[0]
    _, right, overlap = overlap_areas(np.array([geom], dtype=object), zones, n_jobs=1)
    parcel_area = float(shapely.area(geom))
    shares = np.minimum(overlap / parcel_area, 1.0) if parcel_area > 0 else np.zeros(len(right))
    order = np.lexsort((right, -shares))
    right, shares = right[order], shares[order]
    applicable = shares >= min_share if min_share > 0 else shares > 0
    info = areas.set_index(zones.id_column)
    matches = []
    for rank, share in zip(right[applicable], shares[applicable], strict=True):
        area_id = zones.ids.iloc[int(rank)]
        entry: dict[str, Any] = {"area_id": area_id}
        for col in _AREA_INFO:
            entry[col] = info.at[area_id, col] if col in info.columns else None
        since = entry["in_force_since"]
        if since is not None and not pd.isna(since):
            entry["in_force_since"] = dates.parse_date(
                since, name=f"in_force_since of pre-emption area {area_id!r}"
            )
        else:
            entry["in_force_since"] = None
        entry["share"] = float(share)
        matches.append(entry)
    best = matches[0] if matches else dict.fromkeys(("area_id", *_AREA_INFO))
    return {
        "kennzeichen": kennzeichen,
        "parcel": format_kennzeichen(kennzeichen),
        "applicable": bool(matches),
        "area_id": best["area_id"],
        **{col: best[col] for col in _AREA_INFO},
        "share": float(shares[0]) if len(shares) else 0.0,
        "area_ids": [m["area_id"] for m in matches],
        "matches": matches,
    }


def lookup(
    parcels: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    kennzeichen: str | Iterable[str],
    *,
    min_share: float = 0.5,
    id_column: str | None = None,
) -> dict[str, Any] | pd.DataFrame:
    """Whether the municipal pre-emption right applies to a parcel, and under which statute.

    Parameters
    ----------
    parcels : GeoDataFrame
        Parcel polygons with ``parcel_id`` (Flurstückskennzeichen).
    areas : GeoDataFrame
        Pre-emption areas (``area_id``, ``name``, ``legal_basis``, optional
        ``statute``, ``in_force_since``), same CRS.
    kennzeichen : str or iterable of str
        One Flurstückskennzeichen, or several.
    min_share : float, default 0.5
        Share of the parcel's area that must lie inside an area.

    Returns
    -------
    dict or pandas.DataFrame
        For one Kennzeichen a dict: ``kennzeichen``, ``parcel`` ("Gemarkung
        1234, Flur 17, Flurstück 123/4"), ``applicable`` (bool),
        ``area_id``, ``name``, ``legal_basis``, ``statute``,
        ``in_force_since`` of the applicable area with the largest share
        (None when not applicable), ``share`` (the largest share of the
        parcel inside any area, also when below ``min_share``),
        ``area_ids`` (all applicable areas) and ``matches`` (their details).
        For several: a DataFrame with one row per Kennzeichen, indexed by it.

    Raises
    ------
    ValueError
        For a malformed Kennzeichen (naming the expected format).
    KeyError
        For a well-formed Kennzeichen that is not in ``parcels`` (with similar ids).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> inside = gi.preemption.parcels_in(city.parcels, city.preemption_areas)
    >>> answer = gi.preemption.lookup(city.parcels, city.preemption_areas, inside["parcel_id"].iloc[0])
    >>> answer["applicable"]
    True
    """
    _crs.require_metric(parcels, areas, names=["parcels", "areas"])
    ids = _parcel_ids(parcels)
    zones = PreparedZones(areas, zone_id_column(areas, id_column, "areas"), "areas")
    if isinstance(kennzeichen, str):
        return _one_lookup(parcels, ids, zones, areas, kennzeichen, min_share)
    rows = [_one_lookup(parcels, ids, zones, areas, k, min_share) for k in kennzeichen]
    frame = pd.DataFrame(rows)
    if len(frame):
        frame = frame.set_index("kennzeichen")
    return frame


def zone_coverage(
    zones: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, *, id_column: str | None = None
) -> pd.DataFrame:
    """How much of each zone (e.g. core zone) lies inside any pre-emption area.

    Parameters
    ----------
    zones : GeoDataFrame
        Polygons to measure, typically the *Gewerbe- und Industriekernzonen*
        (id column ``zone_id`` by default).
    areas : GeoDataFrame
        Pre-emption areas; overlapping areas are merged first, so no area is
        counted twice.
    id_column : str, optional
        Id column of ``zones``.

    Returns
    -------
    DataFrame
        Indexed by zone id: ``name`` and ``category`` (when present),
        ``zone_ha`` (zone area), ``covered_ha`` (area inside the union of the
        pre-emption areas) and ``covered_share`` in [0, 1]. Areas in hectares
        from the geometry in the (projected, shared) CRS.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> cov = gi.preemption.zone_coverage(city.core_zones, city.preemption_areas)
    >>> bool(((cov["covered_share"] >= 0) & (cov["covered_share"] <= 1)).all())
    True
    """
    _crs.require_metric(zones, areas, names=["zones", "pre-emption areas"])
    col = zone_id_column(zones, id_column)
    geoms = zones.geometry.values
    union = shapely.union_all(areas.geometry.values) if len(areas) else shapely.Polygon()
    zone_m2 = shapely.area(geoms)
    covered_m2 = shapely.area(shapely.intersection(geoms, union))
    out = pd.DataFrame(index=pd.Index(zones[col].to_numpy(), name=col))
    for extra in ("name", "category"):
        if extra in zones.columns:
            out[extra] = zones[extra].to_numpy()
    out["zone_ha"] = zone_m2 / 10_000
    out["covered_ha"] = covered_m2 / 10_000
    with np.errstate(invalid="ignore", divide="ignore"):
        out["covered_share"] = np.where(zone_m2 > 0, covered_m2 / zone_m2, np.nan)
    return out


# the result object of the outputs (imports parcels_in and annex from above)
from .result import PreemptionPanel, panel  # noqa: E402


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
