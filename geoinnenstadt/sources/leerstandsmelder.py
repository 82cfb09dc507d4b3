"""Leerstandsmelder JSON exports (citizen vacancy maps, leerstandsmelder.de) as units.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).

Recognised by its **content**, whatever the file is called: a JSON array of
places (or an object holding one under ``places``, ``data``, ``items`` or
``results``) whose entries have ``id``, ``lat`` and ``lng`` and at least one
of ``name``, ``address`` and ``inactive``.

Every place is kept
-------------------
* Active places are ``vacant``; **inactive** places (``inactive: true``) are
  no longer vacant: the vacancy has ended, because the unit was re-let or has
  gone (the export does not say which), and they become ``occupied``, with
  ``inactive`` True so that they can be told apart. A place without
  readable coordinates (``lat``/``lng`` are text in the export) is the only
  row left out, with a warning naming its id.
* ``unit_id`` is ``"lsm-"`` + ``id``; ``name``, ``address`` and ``link`` are
  kept; ``comments`` becomes their **number** (their text is not read: it
  may name people); ``source`` is ``"leerstandsmelder"``, so the missing
  ``floor_area_m2`` is allowed
  (:data:`geoinnenstadt.schema.SOURCES_WITHOUT_AREAS`).
* **Personal fields** — the reporting citizen and contacts (``author``,
  ``user``, ``contact``, ``email``, ``phone``, ``owner`` …) — are never read:
  a note counts them by field name, without values. Other unknown fields are
  listed in a note and not read either.

Dates
-----
``survey_date`` is ``read_layer(..., survey_date=...)``, else the latest
``updated_at``/``created_at`` in the export (noted). ``vacant_since`` of an
active place is the day it was reported (``created_at``/``created``/
``date``; the vacancy began on or before it, so durations are lower bounds),
else the survey date — both counted in a note.

Examples
--------
>>> import geoinnenstadt as gi, json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "export.json"
>>> _ = path.write_text(json.dumps([
...     {"id": 7, "name": "Ehemalige Buchhandlung", "lat": "51.5136", "lng": "7.4651",
...      "address": "Westenhellweg 12, Dortmund", "inactive": False,
...      "created_at": "2025-02-01T10:00:00Z", "author": "anna"},
...     {"id": 8, "name": "Eckladen", "lat": "51.5140", "lng": "7.4660",
...      "inactive": True, "created_at": "2024-05-01T10:00:00Z"}]), encoding="utf-8")
>>> units = gi.read_layer(path, "units", survey_date="30.06.2025")
>>> units[["unit_id", "status"]].values.tolist()
[['lsm-7', 'vacant'], ['lsm-8', 'occupied']]
>>> "author" in units.columns
False
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..errors import DataFileError

__all__ = ["PERSONAL_FIELDS", "SOURCE", "is_export", "read_raw", "recognise"]

#: Value of the ``source`` column of units read from a Leerstandsmelder export.
SOURCE = "leerstandsmelder"

#: Parts of field names that name or reach a person (``author``, ``author_email``,
#: ``user_id``, ``contact``, ``phone`` …): such fields are never read (counted in a note).
PERSONAL_FIELDS = ("author", "user", "contact", "mail", "phone", "owner", "creator",
                   "reporter", "fax")  # fmt: skip
_PERSONAL = re.compile("|".join(PERSONAL_FIELDS), re.IGNORECASE)

_CONTAINERS = ("places", "data", "items", "results")
_REPORTED = ("created_at", "created", "date")
_UPDATED = ("updated_at", "updated", "modified")
_READ = {"id", "name", "lat", "lng", "address", "inactive", "comments", "link", *_REPORTED,
         *_UPDATED}  # fmt: skip
_TRUE = {"true", "1", "yes", "ja"}


def _places(data: Any) -> list[Any] | None:
    """The list of places in a parsed export, or None when it is not one."""
    if isinstance(data, dict):
        for key in _CONTAINERS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return None
    if not isinstance(data, list) or not data:
        return None
    dicts = [d for d in data[:20] if isinstance(d, dict)]
    if not dicts:
        return None
    looks = [
        {"id", "lat", "lng"} <= set(d) and bool({"name", "address", "inactive"} & set(d))
        for d in dicts
    ]
    return data if all(looks) else None


def _load(target: Any) -> tuple[Path, list[Any]] | None:
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    if not p.is_file():
        return None
    with p.open("rb") as f:
        head = f.read(65536)
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if text[:1] not in (b"[", b"{") or not (
        re.search(rb'"lng"\s*:', head) and re.search(rb'"lat"\s*:', head)
    ):
        return None
    try:
        data = json.loads(p.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None  # the io readers explain what is wrong with the file
    places = _places(data)
    return None if places is None else (p, places)


def is_export(path: Any) -> bool:
    """True when ``path`` is a Leerstandsmelder JSON export (judged by its content).

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


def _n_comments(value: Any) -> int:
    if isinstance(value, list):
        return len(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    return 1 if isinstance(value, str) and value.strip() else 0


def _first_date(place: dict[str, Any], keys: tuple[str, ...], bad: list[str]) -> Any:
    for key in keys:
        value = place.get(key)
        if value in (None, ""):
            continue
        try:
            return dates.parse_date(value, name=key)
        except ValueError:
            bad.append(f"{place.get('id')}: {key}={value!r}")
    return None


def _frame(p: Path, places: list[Any], pre: Any, survey_date: Any) -> gpd.GeoDataFrame:
    rows, xs, ys = [], [], []
    personal: dict[str, int] = {}
    unknown: set[str] = set()
    left_out: list[str] = []
    bad_dates: list[str] = []
    for pos, place in enumerate(places):
        if not isinstance(place, dict):
            pre.leave_out(f"#{pos + 1}", None, f"entry #{pos + 1} is not a place (an object): left out",
                     "check the export")  # fmt: skip
            left_out.append(f"#{pos + 1}")
            continue
        for key in place:
            if _PERSONAL.search(key):
                personal[key] = personal.get(key, 0) + 1
            elif key not in _READ:
                unknown.add(key)
        uid = f"lsm-{place.get('id')}"
        x, y = _coordinate(place.get("lng")), _coordinate(place.get("lat"))
        if x is None or y is None:
            pre.leave_out(uid, "geometry", f"place {uid} has no readable coordinates "
                     f"(lat={place.get('lat')!r}, lng={place.get('lng')!r}): left out",
                     "add the coordinates or the unit by hand")  # fmt: skip
            left_out.append(uid)
            continue
        inactive = _flag(place.get("inactive"))
        rows.append({
            "unit_id": uid, "status": "occupied" if inactive else "vacant",
            "inactive": inactive, "name": place.get("name"), "address": place.get("address"),
            "link": place.get("link"), "comments": _n_comments(place.get("comments")),
            "reported_on": _first_date(place, _REPORTED, bad_dates),
            "updated_on": _first_date(place, _UPDATED, bad_dates),
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
    if bad_dates:
        pre.warn(None, None, f"{len(bad_dates)} unreadable date(s) left empty: "
                 f"{'; '.join(bad_dates[:5])}", dates.HINT)  # fmt: skip
    survey = _survey_date(p, frame, survey_date, pre)
    frame.insert(1, "survey_date", survey)
    frame.insert(3, "floor_area_m2", np.nan)
    frame["vacant_since"] = _vacant_since(frame, survey, pre)
    frame["source"] = SOURCE
    if personal:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(personal.items()))
        pre.note(f"personal fields not read (data protection): {listed}")
    if unknown:
        pre.note(f"fields not read: {', '.join(sorted(unknown))}")
    n_inactive = int(frame["inactive"].sum())
    pre.note(
        f"Leerstandsmelder: {len(places)} entries, {len(frame)} places kept "
        f"({len(frame) - n_inactive} vacant, {n_inactive} inactive = no longer vacant, read as "
        f"occupied), {len(left_out)} left out and reported; floor areas unknown "
        f"(source '{SOURCE}')"
    )
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(xs, ys), crs="EPSG:4326")
    gdf.attrs["leerstandsmelder"] = {
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
    p, places = loaded
    if kind != "units":
        raise ValueError(
            f"{p}: a Leerstandsmelder export is read as kind='units' (vacant places), not {kind!r}"
        )
    from ..io.formats import _Raw

    return _Raw(_frame(p, places, pre, options.get("survey_date")), str(p), "leerstandsmelder")


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` and ``columns`` unchanged: exports are mapped while reading (:func:`read_raw`)."""
    return frame, columns
