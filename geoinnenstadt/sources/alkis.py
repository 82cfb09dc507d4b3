"""ALKIS vereinfacht parcels (AdV schema, all Länder): recognised by their columns.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).

The cadastral authorities of the Länder publish parcels (*Flurstücke*) in the
AdV product "ALKIS vereinfacht" as Shapefile, GeoPackage, GeoJSON, GML (the
response of a WFS) or through OGC API Features. The attribute names are the
same everywhere, in upper or lower case:

==============  =============================================  ==========================
ALKIS column    meaning                                        becomes
==============  =============================================  ==========================
``flstkennz``   Flurstückskennzeichen (20 characters)          ``parcel_id``
``idflurst``    object id (``DENW22AL800005He``)               kept (``idflurst``)
``landschl``    Land code (``05``)                             ``land``
``land``        Land name (or code in some exports)            ``land_name`` (``land``)
``gemaschl``    Land + Gemarkung number (``054533``)           ``gemarkung``
``gemarkung``   Gemarkung name (or number)                     ``gemarkung_name``
``flurschl``    Land + Gemarkung + Flur (``054533001``)        ``flur``
``flur``        Flur number                                    ``flur``
``flstnrzae``   Zähler of the parcel number                    ``zaehler``
``flstnrnen``   Nenner (empty when none)                       ``nenner``
``flurstnr``    parcel number in one (``425/1``; BW, TH, BB)   ``zaehler``, ``nenner``
``flaeche``     official area in m² (*amtliche Fläche*)        ``official_area_m2``
``lagebeztxt``  location text (``Stettfelder Straße 14a, 16``)  ``location_text``
``tntxt``       actual use (``Wohnbaufläche;538``)             ``land_use``
``tntext``      the same in Brandenburg's Shapefiles           ``land_use``
``aktualit``    date of the last update                        ``updated_on``
==============  =============================================  ==========================

When ``flstkennz`` is missing (or malformed) the ``parcel_id`` is built from
the parts with :func:`geoinnenstadt.kennzeichen.build`; a parcel whose
geometry area differs from the official area by more than 1 % (a clipped
extract) is reported by its ``parcel_id``. Every row is kept.

The Länder differ: Nordrhein-Westfalen, Mecklenburg-Vorpommern and
Brandenburg publish the 22 attributes above (``oid`` … ``tntxt``; NRW's OGC
API names the ids ``objid``/``flurstid`` and pads ``flur`` to ``004``),
Baden-Württemberg and Thüringen give the parcel number as one ``flurstnr``
(``425/1``) and ``flur`` as ``Flur 2`` without the code columns.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from geoinnenstadt.schema import ValidationReport
>>> raw = gpd.GeoDataFrame(
...     {"LANDSCHL": ["09"], "GEMASCHL": ["090967"], "FLURSCHL": [""],
...      "FLSTNRZAE": ["707"], "FLSTNRNEN": [""], "FLAECHE": [400.0],
...      "LAGEBEZTXT": ["Stettfelder Straße 14a, 16"]},
...     geometry=[box(0, 0, 20, 20)], crs="EPSG:25832")
>>> pre = ValidationReport("parcels")
>>> frame, _ = recognise(raw, "parcels", None, pre)
>>> frame.loc[0, "parcel_id"], float(frame.loc[0, "official_area_m2"])
('090967___00707______', 400.0)
>>> split_addresses(frame.loc[0, "location_text"])
['Stettfelder Straße 14a', 'Stettfelder Straße 16']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import crs as _crs
from .. import dates, kennzeichen

__all__ = [
    "AREA_TOLERANCE",
    "PARCEL_LAYERS",
    "is_alkis",
    "parcel_layer",
    "recognise",
    "split_addresses",
]

#: Relative difference between geometry area and official area above which a
#: parcel is reported (a clipped extract, or a geometry in the wrong CRS).
AREA_TOLERANCE = 0.01

#: Names (lower case) of the layer, feature type or collection that holds the parcels in the
#: Länder's publications: GeoPackage/Shapefile ``Flurstueck``, WFS ``ave:Flurstueck``, OGC API
#: ``flurstueck``, NAS ``AX_Flurstueck``, Berlin's WFS ``flurstuecke``.
PARCEL_LAYERS = ("flurstueck", "ave:flurstueck", "ax_flurstueck", "flurstuecke")

#: ALKIS columns this adapter reads (lower case).
_ALKIS_COLUMNS = (
    "flstkennz",
    "idflurst",
    "land",
    "landschl",
    "gemarkung",
    "gemaschl",
    "flur",
    "flurschl",
    "flstnrzae",
    "flstnrnen",
    "flurstnr",
    "flaeche",
    "lagebeztxt",
    "tntxt",
    "tntext",
    "aktualit",
)
#: Plain renames (the value is kept as it is, apart from the dtype).
_RENAMES = {
    "flaeche": "official_area_m2",
    "lagebeztxt": "location_text",
    "tntxt": "land_use",
    "tntext": "land_use",
}
#: Schema columns first, in the spec's order; other columns follow, the geometry last.
_FRONT = (
    "parcel_id",
    "gemarkung",
    "flur",
    "zaehler",
    "nenner",
    "land",
    "official_area_m2",
    "location_text",
    "updated_on",
)
#: The word that marks a location without a house number ("Nähe Georg-Schäfer-Straße").
_NEAR = re.compile(r"^\s*(nähe|naehe|bei|an der|an den)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+\s*[a-zA-Z]?(\s*[-/]\s*\d+\s*[a-zA-Z]?)?$")
_STREET_NUMBER = re.compile(
    r"^(?P<street>.*?\D)\s+(?P<number>\d+\s*[a-zA-Z]?(\s*[-/]\s*\d+\s*[a-zA-Z]?)?)$"
)


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """Return None: the ALKIS adapter reads no format of its own (the io readers do)."""
    return None


def parcel_layer(names: Any) -> str | None:
    """The one layer among ``names`` that holds the ALKIS parcels, else None.

    An ALKIS GeoPackage, WFS or OGC API offers parcels beside buildings, land use
    and districts; ``read_layer(..., "parcels")`` takes the parcel layer without
    ``layer=``.

    Examples
    --------
    >>> parcel_layer(["Flurstueck", "GebauedeBauwerk", "Nutzung"])
    'Flurstueck'
    >>> parcel_layer(["flurstueck", "flurstueck_punkt", "gebaeude_bauwerk"])
    'flurstueck'
    >>> parcel_layer(["quarters", "units"]) is None
    True
    """
    found = [str(n) for n in names if str(n).lower() in PARCEL_LAYERS]
    return found[0] if len(found) == 1 else None


def is_alkis(columns: Any) -> bool:
    """True when ``columns`` hold the ALKIS vereinfacht parcel schema (any case).

    The Flurstückskennzeichen (``flstkennz``), or the parcel number
    (``flstnrzae`` or ``flurstnr``) together with the Gemarkung (``gemaschl``/``gemarkung``),
    must be present.

    Examples
    --------
    >>> is_alkis(["FLSTKENNZ", "FLAECHE", "geometry"]), is_alkis(["parcel_id"])
    (True, False)
    """
    lower = {str(c).lower() for c in columns}
    return "flstkennz" in lower or (
        bool(lower & {"flstnrzae", "flurstnr"}) and bool(lower & {"gemaschl", "gemarkung"})
    )


def _user_maps_alkis(columns: Mapping[str, str] | None) -> bool:
    if not columns:
        return False
    return any(
        str(src).lower() in _ALKIS_COLUMNS or target == "parcel_id"
        for src, target in columns.items()
    )


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """Map ALKIS vereinfacht columns onto the parcels schema (``frame`` unchanged otherwise).

    Only for ``kind="parcels"``, when the frame has no ``parcel_id`` column and
    ``columns=`` maps none of the ALKIS columns (a user's mapping wins).
    """
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    names = [c for c in frame.columns if c != geometry]
    if (
        kind != "parcels"
        or not is_alkis(names)
        or any(str(c).lower() == "parcel_id" for c in names)
        or _user_maps_alkis(columns)
    ):
        return frame, columns
    lower = [str(c).lower() for c in names]
    if len(set(lower)) != len(lower):
        pre.note("ALKIS columns not mapped: column names repeat in another case")
        return frame, columns
    out = frame.rename(columns={c: str(c).lower() for c in names})
    out = _map_columns(out, pre)
    pre.note(
        "ALKIS vereinfacht parcels recognised: parcel_id from "
        + ("flstkennz" if "flstkennz" in lower else "the parts (Land, Gemarkung, Flur, Flurstück)")
    )
    return out, columns


# --------------------------------------------------------------------------- columns


def _text(values: pd.Series) -> pd.Series:
    """Values as stripped text (numbers without ``.0``), missing/empty → NA."""

    def one(v: Any) -> Any:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            v = int(v)
        s = str(v).strip()
        return s if s else pd.NA

    return pd.Series([one(v) for v in values.tolist()], index=values.index, dtype="string")


def _digits(values: pd.Series, width: int) -> pd.Series:
    """Numeric codes padded to ``width`` (GDAL reads ``054533`` from GML as 54533); others NA."""
    text = _text(values)
    is_digits = text.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)
    return text.where(is_digits).str.zfill(width)


def _numeric_share(values: pd.Series) -> bool:
    text = _text(values).dropna()
    return len(text) > 0 and bool(text.str.fullmatch(r"[0-9]+").all())


def _map_columns(frame: pd.DataFrame, pre: Any) -> pd.DataFrame:
    out = frame.copy()
    cols = set(out.columns)
    n = len(out)
    empty = pd.Series(pd.NA, index=out.index, dtype="string")

    # Land: landschl, else a numeric land column, else the first two digits of gemaschl
    land = _digits(out["landschl"], 2) if "landschl" in cols else empty.copy()
    if "land" in cols:
        if _numeric_share(out["land"]):
            land = land.fillna(_digits(out["land"], 2))
        else:
            out = out.rename(columns={"land": "land_name"})
    # Gemarkung: gemaschl (LLGGGG or GGGG), else a numeric gemarkung column
    gemarkung = empty.copy()
    if "gemaschl" in cols:
        code = _digits(out["gemaschl"], 4)
        # a code read as a number lost its leading zero (054533 → 54533)
        code = code.where(code.str.len() != 5, code.str.zfill(6))
        long = code.str.len() == 6
        land = land.fillna(code.where(long).str.slice(0, 2))
        gemarkung = code.where(~long, code.str.slice(2, 6)).where(code.str.len().isin([4, 6]))
    if "gemarkung" in cols:
        if _numeric_share(out["gemarkung"]):
            gemarkung = gemarkung.fillna(_digits(out["gemarkung"], 4))
        else:
            out = out.rename(columns={"gemarkung": "gemarkung_name"})
    # Flur: flurschl (LLGGGGFFF or FFF), else the flur column ("Flur 12" read as 12)
    flur = empty.copy()
    if "flurschl" in cols:
        code = _digits(out["flurschl"], 3)
        flur = code.where(code.str.len() <= 3, code.str.slice(-3))
    if "flur" in cols:
        given = _text(out["flur"]).str.replace(r"(?i)^flur\s*", "", regex=True)
        flur = flur.fillna(given.where(given.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)))
    zaehler = _text(out["flstnrzae"]) if "flstnrzae" in cols else empty.copy()
    nenner = _text(out["flstnrnen"]) if "flstnrnen" in cols else empty.copy()
    if "flurstnr" in cols and "flstnrzae" not in cols:
        # one text "425/1" (BW, TH, BB): Zähler and Nenner
        parts = _text(out["flurstnr"]).str.extract(r"^\s*(\d+)\s*(?:/\s*(\d+))?\s*$")
        zaehler = parts[0].astype("string")
        nenner = parts[1].astype("string")

    ids, problems = _parcel_ids(out, land, gemarkung, flur, zaehler, nenner)
    for pos, (column, problem, hint, is_error) in problems.items():
        label = ids[pos] if isinstance(ids[pos], str) else _row_label(out, pos)
        (pre.error if is_error else pre.warn)(label, column, problem, hint)
    if any(is_error for *_, is_error in problems.values()):
        pre.raise_for_errors()  # digits lost: no parcel_id can be trusted, refuse the layer

    for name, values in (
        ("land", land),
        ("gemarkung", gemarkung),
        ("flur", flur),
        ("zaehler", zaehler),
        ("nenner", nenner),
    ):
        out[name] = values.astype("object").where(values.notna(), None)
    out = out.drop(
        columns=[
            c for c in ("landschl", "gemaschl", "flurschl", "flstnrzae", "flstnrnen") if c in cols
        ]
    )
    out.insert(0, "parcel_id", pd.Series(ids, index=out.index, dtype="object"))
    if "flstkennz" in out.columns:
        out = out.drop(columns="flstkennz")
    out = out.rename(columns={k: v for k, v in _RENAMES.items() if k in cols})
    if "official_area_m2" in out.columns:
        out["official_area_m2"] = _areas(out["official_area_m2"], ids, pre, out)
        _check_areas(out, ids, pre)
    if "aktualit" in cols:
        out["updated_on"] = _update_dates(out.pop("aktualit"), ids, pre, out)
    assert len(out) == n  # every row kept
    front = [c for c in _FRONT if c in out.columns]
    geometry = [out.geometry.name] if isinstance(out, gpd.GeoDataFrame) else []
    rest = [c for c in out.columns if c not in front and c not in geometry]
    return out[front + rest + geometry]


def _row_label(frame: pd.DataFrame, pos: Any) -> str:
    for column in ("idflurst", "flurstid"):  # flurstid: NRW's OGC API
        if column in frame.columns and isinstance(frame[column].iloc[pos], str):
            return f"#{pos + 1} ({frame[column].iloc[pos]})"
    return f"#{pos + 1}"


def _parcel_ids(
    frame: pd.DataFrame,
    land: pd.Series,
    gemarkung: pd.Series,
    flur: pd.Series,
    zaehler: pd.Series,
    nenner: pd.Series,
) -> tuple[list[Any], dict[int, tuple[str, str, str, bool]]]:
    """The parcel_id per row and the problems met (column, problem, hint, is_error), by position.

    A ``flstkennz`` stored as an integer lost only its leading zero and is
    repaired; one stored as a float above 2**53 lost digits
    (:func:`geoinnenstadt.kennzeichen.inexact_numbers`): the parcel_id is then
    built from the parts when the export has them (a warning), else refused.
    """
    given = _text(frame["flstkennz"]) if "flstkennz" in frame.columns else None
    inexact = np.zeros(len(frame), dtype=bool)
    if given is not None:
        inexact = kennzeichen.inexact_numbers(frame["flstkennz"])
        # a Kennzeichen stored as an integer (GML, Excel) lost its leading zero
        digits = given.str.fullmatch(r"[0-9]{19}").fillna(False).astype(bool)
        given = given.where(~digits, given.str.zfill(20))
    ids: list[Any] = []
    problems: dict[int, tuple[str, str, str, bool]] = {}
    for pos in range(len(frame)):
        if inexact[pos]:
            _inexact_id(frame, pos, (land, gemarkung, flur, zaehler, nenner), ids, problems)
            continue
        value = None if given is None or pd.isna(given.iloc[pos]) else str(given.iloc[pos])
        if value is not None and kennzeichen.is_valid(value):
            ids.append(value)
            continue
        try:
            built = kennzeichen.build(
                _at(land, pos),
                _at(gemarkung, pos),
                _at(flur, pos),
                _at(zaehler, pos),
                _at(nenner, pos),
            )
        except ValueError as exc:
            built = None
            why = str(exc)
        if value is None and built is not None:
            ids.append(built)
        elif value is not None and built is not None:
            ids.append(built)
            problems[pos] = (
                "parcel_id",
                f"flstkennz {value!r} is malformed ({kennzeichen.problem(value)}); the "
                f"parcel_id {built!r} was built from landschl/gemaschl/flurschl/flstnrzae/"
                "flstnrnen",
                "fix flstkennz in the export",
                False,
            )
        elif value is not None:
            ids.append(value)  # validation reports the malformed Kennzeichen
        else:
            ids.append(None)
            problems[pos] = (
                "parcel_id",
                f"no flstkennz and the Kennzeichen cannot be built from the parts: {why}",
                "the export needs flstkennz, or landschl, gemaschl, flurschl, flstnrzae",
                False,
            )
    return ids, problems


def _inexact_id(
    frame: pd.DataFrame,
    pos: int,
    parts: tuple[pd.Series, ...],
    ids: list[Any],
    problems: dict[int, tuple[str, str, str, bool]],
) -> None:
    """A flstkennz stored as a float: the parcel_id from the parts (warning), else refused."""
    message = kennzeichen.number_message("flstkennz", frame["flstkennz"].iloc[pos])
    try:
        built = kennzeichen.build(*(_at(values, pos) for values in parts))
    except ValueError:
        ids.append(None)
        problems[pos] = ("flstkennz", message, kennzeichen.NUMBER_HINT, True)
        return
    ids.append(built)
    problems[pos] = (
        "flstkennz",
        f"{message}; the parcel_id {built!r} was built from landschl/gemaschl/flurschl/"
        "flstnrzae/flstnrnen instead",
        kennzeichen.NUMBER_HINT,
        False,
    )


def _at(values: pd.Series, pos: int) -> Any:
    value = values.iloc[pos]
    return None if pd.isna(value) else value


def _areas(values: pd.Series, ids: list[Any], pre: Any, frame: pd.DataFrame) -> pd.Series:
    text = _text(values).str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & numbers.isna()
    for pos in np.flatnonzero(bad.to_numpy(dtype=bool)):
        label = ids[pos] if isinstance(ids[pos], str) else _row_label(frame, pos)
        pre.warn(
            label,
            "official_area_m2",
            f"flaeche {values.iloc[pos]!r} is not a number",
            "the official area (flaeche) is given in m²",
        )
    return numbers.astype(float)


def _check_areas(frame: pd.DataFrame, ids: list[Any], pre: Any) -> None:
    """Report parcels whose geometry area differs from ``flaeche`` by more than 1 %."""
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        return
    if frame.crs is None:
        pre.note("ALKIS: official and geometry areas not compared (the layer has no CRS)")
        return
    with warnings.catch_warnings():
        # metres read as degrees (a saved UTM response without CRS) project to infinity:
        # no area to compare; read_layer's location check reports the CRS
        warnings.simplefilter("ignore", RuntimeWarning)
        geom = frame.geometry if _crs.is_metric(frame.crs) else _crs.to_working(frame.geometry)
        area = geom.area.to_numpy(dtype=float)
    official = frame["official_area_m2"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.abs(area - official) / official
    for pos in np.flatnonzero((official > 0) & np.isfinite(area) & (rel > AREA_TOLERANCE)):
        label = ids[pos] if isinstance(ids[pos], str) else _row_label(frame, pos)
        pre.warn(
            label,
            "official_area_m2",
            f"the geometry area {area[pos]:,.0f} m² differs from the official area "
            f"(flaeche) {official[pos]:,.0f} m² by {rel[pos]:.1%}",
            "a clipped extract or a geometry in the wrong CRS: use official_area_m2 for "
            "the parcel's size, the geometry for what lies inside the extract",
        )


def _update_dates(values: pd.Series, ids: list[Any], pre: Any, frame: pd.DataFrame) -> pd.Series:
    """``aktualit`` → dates (:mod:`geoinnenstadt.dates` reads ``2026-02-17Z``, xs:date, as the day)."""
    raw = values
    if not pd.api.types.is_datetime64_any_dtype(values):
        raw = _text(values)
        raw = raw.astype("object").where(raw.notna(), None)
    parsed = dates.parse_dates(raw)
    for pos in np.flatnonzero(parsed.invalid.to_numpy(dtype=bool)):
        label = ids[pos] if isinstance(ids[pos], str) else _row_label(frame, pos)
        pre.warn(
            label,
            "updated_on",
            f"aktualit {parsed.reasons.iloc[pos]}",
            "updated_on stays empty for this parcel; fix aktualit in the export",
        )
    return parsed.values


# --------------------------------------------------------------------------- addresses


def split_addresses(text: Any) -> list[str]:
    """Split an ALKIS location text (``lagebeztxt``) into single addresses.

    Parcels on a corner or with several houses list them in one text:
    house numbers after a comma belong to the street before them, another
    street starts a new address, and ``;`` or ``|`` separate entries
    outright. A text without a house number that says where the parcel lies
    ("Nähe Georg-Schäfer-Straße", "An der Kirche") is kept as one entry
    unchanged: such a *near* entry names a street but no address, so a
    geocoder can match it to the street only.

    Parameters
    ----------
    text : str or None
        The location text; None or empty gives an empty list.

    Returns
    -------
    list of str
        One address per house number, in the order given.

    Examples
    --------
    >>> split_addresses("Stettfelder Straße 14a, 16")
    ['Stettfelder Straße 14a', 'Stettfelder Straße 16']
    >>> split_addresses("Nähe Georg-Schäfer-Straße")
    ['Nähe Georg-Schäfer-Straße']
    >>> split_addresses("Hauptstr. 1, 3-5, Am Markt 2; Kirchgasse")
    ['Hauptstr. 1', 'Hauptstr. 3-5', 'Am Markt 2', 'Kirchgasse']
    >>> split_addresses(None)
    []
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return []
    out: list[str] = []
    for entry in re.split(r"[;|\n]", str(text)):
        entry = " ".join(entry.split())
        if not entry:
            continue
        if _NEAR.match(entry):
            out.append(entry)
            continue
        street: str | None = None
        for part in (p.strip() for p in entry.split(",")):
            if not part:
                continue
            if _NUMBER.fullmatch(part) and street is not None:
                out.append(f"{street} {part}")
                continue
            m = _STREET_NUMBER.fullmatch(part)
            if m:
                street = m.group("street").strip()
                out.append(f"{street} {m.group('number')}")
            else:
                street = part
                out.append(part)
    return out
