"""Leerstandsmelder data (citizen vacancy maps, leerstandsmelder.de) as units.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).

Recognised by its **content**, whatever the file is called. Four shapes,
each seen in published code or data (``tests/data/SOURCES.md``), are read
(:data:`FORMATS`; the one found is ``attrs["leerstandsmelder"]["format"]``):

``export``
    The classic site's export (``/<city>/all_places.json``):
    ``{"success": "true", "places": [{"place": {...}}]}``. Every value is
    text: ``"id": "528"``, ``"lat": "50.11912"``, ``"inactive": "false"``,
    ``"comments": "1 Kommentar"`` / ``"Keine Kommentare"``; names carry HTML
    entities (``&quot;``, ``&amp;``); ``link`` is a path on the site; the
    ``picture`` object and the ``author`` are not read. It has **no dates**:
    pass ``survey_date=``.
``legacy``
    Rows of the classic site's ``places`` table: ``street``, ``zip`` and
    ``city`` (assembled into ``address``), ``lat``/``lng`` (null when
    unknown), ``inactive`` 0/1, ``created_at``/``updated_at``.
``locations-api``
    The API of 2016-2022 (``/regions/<uuid>/locations``):
    ``{"page", "pagesize", "results": [...], "total"}`` with ``uuid``,
    ``title``, ``lonlat`` = ``[lon, lat]`` (``[]`` when the place has no
    position), ``active`` (False = no longer vacant, as is ``demolished``),
    ``hidden``, ``street``/``postcode``/``city``, ``created``/``updated``.
``places-api``
    The current API (``/api/v1/places``): a bare list with ``id`` (a UUID),
    ``title``, ``lat``/``lon`` as text, ``road``/``house_number``/``zip``/
    ``city``, ``enddate`` (set = the vacancy has ended), ``published``,
    ``sensitive`` (position shifted by the platform, no street; noted) and
    ``comments`` as a list, whose coded ``status`` (vacant, rent,
    temporary, demolished, construction, reconstruction) records the
    place's state: the newest comment that sets one counts; ``date`` is
    display text and not read.

A bare list of places in the export's or the table's shape (with or
without the ``{"place": ...}`` wrapper) is read as well, and so is a list
under ``places``, ``results``, ``data`` or ``items``.

Every place is kept or reported
-------------------------------
* Active places are ``vacant``; **inactive** places (``inactive``,
  ``active: false``, ``demolished``, an ``enddate`` or a newest state
  other than ``vacant``) are no longer
  vacant: the vacancy has ended, because the unit was re-let or has gone
  (the data does not say which), and they become ``occupied``, with
  ``inactive`` True so that they can be told apart.
* Left out, each with a warning naming its id
  (``attrs["validation_report"].left_out``): places without readable
  coordinates, and places the platform does not publish (``hidden`` or
  ``published: false``, found in moderators' exports).
* ``unit_id`` is ``"lsm-"`` + ``id`` (or ``uuid``); ``name`` (``title``)
  and ``address`` are kept as plain text, ``link`` where the export has
  one; ``comments`` becomes their **number** (``"4 Kommentare"`` → 4; NA
  where the format has none; their text is not read: it may name people);
  ``source`` is ``"leerstandsmelder"``, so the missing ``floor_area_m2``
  is allowed (:data:`geoinnenstadt.schema.SOURCES_WITHOUT_AREAS`).
* **Personal fields** — the reporting citizen and contacts (``author``,
  ``user``, ``user_uuid``, ``user_id``, ``owner_contact``, ``email``,
  ``phone`` …; the names :func:`geoinnenstadt.privacy.looks_personal`
  recognises) — are never read: a note counts them by field name, without
  values. Other unknown fields (``picture``, ``description`` …) are listed
  in a note and not read either.

Dates
-----
``survey_date`` is ``read_layer(..., survey_date=...)``, else the latest
``updated_at``/``updated``/``created_at``/``created`` in the data (noted);
without any date (the classic export) it must be given. ``vacant_since``
of an active place is the day it was reported (``created_at``/``created``;
the vacancy began on or before it, so durations are lower bounds), else
the survey date — both counted in a note.

Examples
--------
>>> import geoinnenstadt as gi, json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "all_places.json"
>>> place = {"id": "7", "name": "Ehemalige Buchhandlung", "link": "/dortmund/places/7-buchhandlung",
...          "lat": "51.5136", "lng": "7.4651", "inactive": "false",
...          "address": "Westenhellweg 12, 44137 Dortmund", "author": "anna",
...          "comments": "1 Kommentar", "picture": {"thumb": "/system/photos/1/thumb/a.jpg"}}
>>> gone = dict(place, id="8", name="Eckladen", inactive="true", comments="Keine Kommentare")
>>> _ = path.write_text(json.dumps({"success": "true", "places": [{"place": place},
...                                 {"place": gone}]}), encoding="utf-8")
>>> units = gi.read_layer(path, "units", survey_date="30.06.2025")
>>> units[["unit_id", "status", "comments"]].values.tolist()
[['lsm-7', 'vacant', 1], ['lsm-8', 'occupied', 0]]
>>> "author" in units.columns
False
"""

from __future__ import annotations

import codecs
import html
import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..errors import DataFileError
from ..privacy import looks_personal

__all__ = ["FORMATS", "SOURCE", "is_export", "read_raw", "recognise"]

#: Value of the ``source`` column of units read from a Leerstandsmelder export.
SOURCE = "leerstandsmelder"

#: The shapes of Leerstandsmelder data that are recognised, by name (``attrs["leerstandsmelder"]["format"]``).
FORMATS = {
    "export": "export of the classic site ({'success': 'true', 'places': [{'place': {...}}]})",
    "legacy": "rows of the classic site's places table (street, zip, city)",
    "locations-api": "locations of the 2016-2022 API (uuid, title, lonlat, active)",
    "places-api": "places of the current API /api/v1/places (id, title, lat, lon, enddate)",
}


_CONTAINERS = ("places", "results", "data", "items")
_REPORTED = ("created_at", "created")
_UPDATED = ("updated_at", "updated")
_DATES = {*_REPORTED, *_UPDATED}
#: Fields read, per format (every other field is listed in a note, or counted as personal).
_READ = {
    "export": {"id", "name", "lat", "lng", "address", "inactive", "comments", "link", *_DATES},
    "legacy": {"id", "name", "lat", "lng", "street", "zip", "city", "inactive", *_DATES},
    "locations-api": {"uuid", "title", "lonlat", "street", "postcode", "city", "active",
                      "demolished", "hidden", *_DATES},
    "places-api": {"id", "title", "lat", "lon", "road", "house_number", "zip", "city",
                   "enddate", "published", "sensitive", "comments", *_DATES},
}  # fmt: skip
_TRUE = {"true", "1", "yes", "ja"}
_NONE = re.compile(r"\s*keine?\b", re.IGNORECASE)  # "Keine Kommentare"


def _format_of(place: Any) -> str | None:
    """Which Leerstandsmelder format one record has (by its fields), or None."""
    if not isinstance(place, dict):
        return None
    keys = set(place)
    if {"uuid", "lonlat"} <= keys and bool({"title", "active", "street"} & keys):
        return "locations-api"
    if {"id", "lat", "lon"} <= keys and "lng" not in keys and "title" in keys:
        return "places-api"
    if {"id", "lat", "lng"} <= keys:
        if {"street", "zip"} <= keys and "address" not in keys:
            return "legacy"
        if {"name", "address", "inactive"} & keys:
            return "export"
    return None


def _unwrap(entry: Any) -> Any:
    """The place of an entry of the classic export (``{"place": {...}}``), else the entry."""
    if isinstance(entry, dict) and len(entry) == 1 and isinstance(entry.get("place"), dict):
        return entry["place"]
    return entry


def _places(data: Any) -> tuple[str, list[Any]] | None:
    """The format and the list of places of a parsed file, or None when it is not one."""
    if isinstance(data, dict):
        for key in _CONTAINERS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return None
    if not isinstance(data, list) or not data:
        return None
    places = [_unwrap(entry) for entry in data]
    found = {_format_of(p) for p in places[:20] if isinstance(p, dict)}
    fmt = found.pop() if len(found) == 1 else None
    return None if fmt is None else (fmt, places)


def _load(target: Any) -> tuple[Path, str, list[Any]] | None:
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    if not p.is_file():
        return None
    with p.open("rb") as f:
        head = f.read(65536)
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if text[:1] not in (b"[", b"{") or not re.search(rb'"(?:lat|lonlat)"\s*:', head):
        return None
    try:
        data = json.loads(p.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None  # the io readers explain what is wrong with the file
    found = _places(data)
    return None if found is None else (p, *found)


def is_export(path: Any) -> bool:
    """True when ``path`` is Leerstandsmelder data in one of :data:`FORMATS` (judged by its content).

    Examples
    --------
    >>> is_export("gibt-es-nicht.json")
    False
    """
    return _load(path) is not None


def _coordinate(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value) if value is not None else False


def _n_comments(value: Any) -> Any:
    """Number of comments: a list, a count, or the export's text ("3 Kommentare", "Keine Kommentare")."""
    if value is None:
        return pd.NA
    if isinstance(value, list):
        return len(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    text = str(value).strip()
    number = re.match(r"\d+", text)
    if number:
        return int(number.group())
    return 0 if not text or _NONE.match(text) else 1


def _text(value: Any) -> str | None:
    """Display text: HTML entities decoded (``&quot;``), spaces collapsed, none before commas."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = re.sub(r"\s+", " ", html.unescape(str(value))).strip()
    text = re.sub(r"\s+,", ",", text).strip(" ,")
    return text or None


def _address(street: Any, postcode: Any, city: Any) -> str | None:
    """``"Straße 1, 44137 Dortmund"`` from its parts; missing parts are left out."""
    place = " ".join(t for t in (_text(postcode), _text(city)) if t)
    return ", ".join(t for t in (_text(street), place) if t) or None


def _record(place: dict[str, Any], fmt: str) -> dict[str, Any]:
    """One place as ``id``, ``x``, ``y``, ``inactive``, ``hidden``, ``name``, ``address`` etc."""
    get = place.get
    if fmt == "locations-api":
        lonlat = get("lonlat")
        x, y = (
            (lonlat[0], lonlat[1])
            if isinstance(lonlat, list) and len(lonlat) == 2
            else (None, None)
        )
        out = {"id": get("uuid"), "x": x, "y": y, "name": get("title"), "given": f"lonlat={lonlat!r}",
               "inactive": (get("active") is not None and not _flag(get("active")))
               or _flag(get("demolished")),
               "hidden": _flag(get("hidden")),
               "address": _address(get("street"), get("postcode"), get("city"))}  # fmt: skip
    elif fmt == "places-api":
        street = " ".join(t for t in (_text(get("road")), _text(get("house_number"))) if t)
        state = _latest_status(get("comments"))
        out = {"id": get("id"), "x": get("lon"), "y": get("lat"), "name": get("title"),
               "given": f"lat={get('lat')!r}, lon={get('lon')!r}", "state": state,
               "inactive": bool(get("enddate")) or state not in (None, "vacant"),
               "hidden": get("published") is False,
               "sensitive": _flag(get("sensitive")),
               "address": _address(street, get("zip"), get("city")),
               "comments": _n_comments(get("comments"))}  # fmt: skip
    else:
        address = (
            _address(get("street"), get("zip"), get("city"))
            if fmt == "legacy"
            else _text(get("address"))
        )
        out = {"id": get("id"), "x": get("lng"), "y": get("lat"), "name": get("name"),
               "given": f"lat={get('lat')!r}, lng={get('lng')!r}",
               "inactive": _flag(get("inactive")), "hidden": False, "address": address,
               "link": _text(get("link")), "comments": _n_comments(get("comments"))}  # fmt: skip
    out["name"] = _text(out["name"])
    return out


def _latest_status(comments: Any) -> str | None:
    """The place's state set by its newest comment that sets one (``status``: vacant, rent …).

    Only the coded ``status`` and ``created_at`` of a comment are looked at, never its text
    or author.
    """
    if not isinstance(comments, list):
        return None
    coded = [c for c in comments if isinstance(c, dict) and isinstance(c.get("status"), str)
             and c["status"].strip()]  # fmt: skip
    if not coded:
        return None
    newest = max(coded, key=lambda c: str(c.get("created_at") or ""))
    return str(newest["status"]).strip().lower()


def _first_date(place: dict[str, Any], keys: tuple[str, ...], uid: str, bad: list[str]) -> Any:
    for key in keys:
        value = place.get(key)
        if value in (None, ""):
            continue
        try:
            return dates.parse_date(value, name=key)
        except ValueError:
            bad.append(f"{uid}: {key}={value!r}")
    return None


def _frame(p: Path, fmt: str, places: list[Any], pre: Any, survey_date: Any) -> gpd.GeoDataFrame:
    rows, xs, ys = [], [], []
    personal: dict[str, int] = {}
    unknown: set[str] = set()
    before = len(pre.left_out)  # the records this reader leaves out are pre.left_out[before:]
    bad_dates: list[str] = []
    n_sensitive = 0
    states: dict[str, int] = {}
    for pos, place in enumerate(places):
        if not isinstance(place, dict):
            pre.leave_out(f"#{pos + 1}", None, f"entry #{pos + 1} is not a place (an object): left out",
                     "check the export")  # fmt: skip
            continue
        for key in place:
            if looks_personal(key):  # never read (counted in a note)
                personal[key] = personal.get(key, 0) + 1
            elif key not in _READ[fmt]:
                unknown.add(key)
        rec = _record(place, fmt)
        uid = f"lsm-{rec['id']}"
        if rec["hidden"]:
            pre.leave_out(uid, None, f"place {uid} is hidden on the platform (not published, e.g. "
                     "withdrawn by its moderators): left out",
                     "ask the platform's moderators if it should count")  # fmt: skip
            continue
        x, y = _coordinate(rec["x"]), _coordinate(rec["y"])
        if x is None or y is None:
            pre.leave_out(uid, "geometry", f"place {uid} has no readable coordinates "
                     f"({rec['given']}): left out",
                     "add the coordinates or the unit by hand")  # fmt: skip
            continue
        n_sensitive += bool(rec.get("sensitive"))
        if rec.get("state"):
            states[rec["state"]] = states.get(rec["state"], 0) + 1
        inactive = bool(rec["inactive"])
        rows.append({
            "unit_id": uid, "status": "occupied" if inactive else "vacant",
            "inactive": inactive, "name": rec["name"], "address": rec["address"],
            "link": rec.get("link"), "comments": rec.get("comments", pd.NA),
            "reported_on": _first_date(place, _REPORTED, uid, bad_dates),
            "updated_on": _first_date(place, _UPDATED, uid, bad_dates),
        })  # fmt: skip
        xs.append(x)
        ys.append(y)
    columns = ["unit_id", "status", "inactive", "name", "address", "link", "comments",
               "reported_on", "updated_on"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    for c in ("reported_on", "updated_on"):
        frame[c] = frame[c].astype("datetime64[ns]")
    for c in ("name", "address", "link"):
        frame[c] = frame[c].astype("string")
    frame["inactive"] = frame["inactive"].astype(bool)
    frame["comments"] = frame["comments"].astype("Int64")
    if bad_dates:
        pre.warn(None, None, f"{len(bad_dates)} unreadable date(s) left empty: "
                 f"{'; '.join(bad_dates[:5])}", dates.HINT)  # fmt: skip
    survey = _survey_date(p, frame, survey_date, pre)
    frame.insert(1, "survey_date", survey)
    frame.insert(3, "floor_area_m2", np.nan)
    frame["vacant_since"] = _vacant_since(frame, survey, pre)
    frame["source"] = SOURCE
    pre.note(f"Leerstandsmelder format: {FORMATS[fmt]}")
    if personal:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(personal.items()))
        pre.note(f"personal fields not read (data protection): {listed}")
    if unknown:
        pre.note(f"fields not read: {', '.join(sorted(unknown))}")
    if states:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(states.items()))
        pre.note(
            f"state from each place's newest comment that sets one: {listed}; every state but "
            "'vacant' (rent, temporary, demolished, construction, reconstruction) ends the vacancy"
        )
    if n_sensitive:
        pre.note(
            f"{n_sensitive} place(s) marked sensitive: the platform publishes them with shifted "
            "coordinates and without street, so their position is approximate"
        )
    left_out = [str(r) for r in pre.left_out[before:]]
    n_inactive = int(frame["inactive"].sum())
    pre.note(
        f"Leerstandsmelder: {len(places)} entries, {len(frame)} places kept "
        f"({len(frame) - n_inactive} vacant, {n_inactive} inactive = no longer vacant, read as "
        f"occupied), {len(left_out)} left out and reported; floor areas unknown "
        f"(source '{SOURCE}')"
    )
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(xs, ys), crs="EPSG:4326")
    gdf.attrs["leerstandsmelder"] = {
        "format": fmt,
        "entries": len(places),
        "kept": len(frame),
        "vacant": len(frame) - n_inactive,
        "inactive": n_inactive,
        "reported_ids": left_out,
        "personal_fields_dropped": dict(sorted(personal.items())),
    }
    return gdf


def _survey_date(p: Path, frame: pd.DataFrame, given: Any, pre: Any) -> pd.Timestamp:
    if given is not None:
        return dates.parse_date(given, name="survey_date")
    latest = pd.concat([frame["updated_on"], frame["reported_on"]]).max()
    if pd.isna(latest):
        raise DataFileError(
            f"{p}: the Leerstandsmelder export has no dates (created_at/updated_at), so the "
            "survey date is unknown; pass survey_date='DD.MM.YYYY' (the day of the export)",
            p,
        )
    pre.note(
        f"survey_date {latest:%Y-%m-%d} from the latest date in the export; pass survey_date= "
        "to set the day of the export"
    )
    return pd.Timestamp(latest)


def _vacant_since(frame: pd.DataFrame, survey: pd.Timestamp, pre: Any) -> pd.Series:
    vacant = (frame["status"] == "vacant").to_numpy()
    reported = frame["reported_on"]
    known = vacant & reported.notna().to_numpy() & (reported <= survey).fillna(False).to_numpy()
    fallback = vacant & ~known
    since = reported.where(known).where(~fallback, survey)
    if known.any():
        pre.note(
            f"vacant_since of {int(known.sum())} place(s) is the day the place was reported "
            "(the vacancy began on or before it; durations are lower bounds)"
        )
    if fallback.any():
        pre.note(
            f"vacant_since of {int(fallback.sum())} place(s) is the survey date {survey:%Y-%m-%d} "
            "(no report date, or reported after the survey date)"
        )
    return since.astype("datetime64[ns]")


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The places of a Leerstandsmelder JSON export as units, else None (not this format)."""
    loaded = _load(target)
    if loaded is None:
        return None
    p, fmt, places = loaded
    if kind != "units":
        raise ValueError(
            f"{p}: a Leerstandsmelder export is read as kind='units' (vacant places), not {kind!r}"
        )
    from ..io.formats import RawLayer

    frame = _frame(p, fmt, places, pre, options.get("survey_date"))
    return RawLayer(frame, str(p), "leerstandsmelder")


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` and ``columns`` unchanged: exports are mapped while reading (:func:`read_raw`)."""
    return frame, columns
