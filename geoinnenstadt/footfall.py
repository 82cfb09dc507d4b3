"""Pedestrian counts (*Passantenfrequenz*): readers, daily totals, profiles, year on year, quarters.

Laser counters (hystreet.com) and city counters publish **hourly** counts per
counting location. :func:`read` turns the formats they publish into a
:class:`Footfall`; the figures come from it:

* :func:`daily` — totals per counter and local calendar day, each day with
  the hours present and whether it is complete (23 hours on the spring
  daylight-saving day, 25 in autumn, 24 otherwise).
* :func:`profile` — mean per weekday, hour or month, over complete days.
* :func:`change` — year on year on **matching weekdays**: each day compared
  with the day 364 days (52 weeks) earlier, never the same calendar date.
* :func:`by_quarter` — counters assigned to quarters with
  :func:`geoinnenstadt.zones.assign`; a quarter without a counter is
  "nicht gemessen" (NA with ``status = "not_measured"``), never 0.

Formats (recognised by their fields, :data:`FORMATS`)
-----------------------------------------------------
``hystreet-v2``
    hystreet.com API response for one location (2025):
    ``{"location_id", "name", "city", "local_timezone", "resolution": "hour",
    "measurements": [{"measured_at": "…Z", "measured_at_local_time":
    "…+01:00", "total_count", "counts": [{"direction", "count",
    "object_type", "object_subtype", "zone", …}], "weather_conditions":
    {"description", "temperature", "min_temperature"}}]}``.
``hystreet-v1``
    The older hystreet.com API: ``measurements`` (or a bare list) of
    ``{"timestamp": "…+01:00", "pedestrians_count", "weather_condition",
    "temperature", "min_temperature", "unverified"}``, the location given
    beside it (``"location": {"id", "name", …}``) or per row
    (``station_id``).
``opendatasoft``
    Exports of city open-data portals on Opendatasoft (CSV with ``;`` or
    ``,``, JSON lists and API v2.1 ``{"total_count", "results": [...]}``):
    Würzburg ``passantenzaehlung_stundendaten`` (``location_id``,
    ``location_name``, ``timestamp``, ``pedestrians_count``,
    ``weather_condition``, ``temperature``, ``unverified``, ``details``,
    ``geo_point_2d``; labelled CSV exports call the point ``GeoPunkt``),
    Dortmund ``passantenaufkommen-fussgangerzone-hellweg-<year>`` (2026:
    ``name``, ``zeitpunkt_measured_at``, ``zeitpunkt_total_count``; 2025:
    ``standort``, ``messzeitpunkt``, ``passantenaufkommen_pro_standort``).
``augsburg``
    Augsburg's CSV ``Standort;Jahr;Datum;Stunde;Passanten`` with the hour
    written ``"13 Uhr"`` (local time, no offset).

hystreet's API responses carry no coordinates and Augsburg's CSV none
either: pass ``positions=`` to place the counters. The CSV download of the
hystreet.com website is not recognised as such (no published sample was
found to follow); a CSV with the API's field names is read as
``opendatasoft``. Daily, weekly or monthly totals (hystreet
``resolution=day``, Würzburg's *Tagesdaten*) are refused: the figures need
hours.

Every row is kept or reported
-----------------------------
* Times go through :func:`geoinnenstadt.dates.parse_instants`: values with
  an offset are that instant; values without are local time. Both autumn
  hours 02:00 (summer and winter time) are kept: they are different hours.
  ``timestamp`` is ``datetime64[ns, Europe/Berlin]``.
* **Left out**, each named in ``report.left_out`` (``"row 12"``, the
  record's position in the file counting from 1) with its reason in
  ``report.left_out_rows``: unreadable times or counts, negative counts,
  rows without a counter, excluded unverified rows, and duplicates.
* **Duplicates** (same counter, same instant, and same direction with
  ``by_direction=True``) are counted once. The survivor: a verified row
  before an unverified one, otherwise the **last** row in the file (a later
  delivery corrects an earlier one). Identical and conflicting duplicates
  are counted apart in the report.
* **Unverified** rows (hystreet's ``unverified``: the counter's plausibility
  check failed, e.g. an estimate during an outage) are kept with
  ``unverified = True`` and counted; ``include_unverified=False`` leaves
  them out (counted, and their hours become missing hours).
* **Missing hours**: per counter, every hour between its first and last
  count that has none. They are gaps, never zeros; ``report.missing_hours``
  lists them per counter, and :func:`daily` marks the days concerned.

Examples
--------
>>> import geoinnenstadt as gi, pandas as pd
>>> ff = gi.footfall.from_counts(pd.DataFrame({
...     "counter_id": "west", "pedestrians": [120, 80],
...     "timestamp": ["2024-06-01T12:00:00+02:00", "2024-06-01T13:00:00+02:00"]}))
>>> ff.counts[["counter_id", "timestamp", "pedestrians"]].values.tolist()
[['west', Timestamp('2024-06-01 12:00:00+0200', tz='Europe/Berlin'), 120], ['west', Timestamp('2024-06-01 13:00:00+0200', tz='Europe/Berlin'), 80]]
"""

from __future__ import annotations

import codecs
import io
import json
import urllib.request
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import dates, settings
from .errors import DataFileError, GeoinnenstadtWarning

__all__ = [
    "FORMATS",
    "Footfall",
    "FootfallReport",
    "FootfallWarning",
    "by_quarter",
    "change",
    "daily",
    "from_counts",
    "profile",
    "read",
    "summary",
]

#: The formats :func:`read` recognises, by name (``report.format``).
FORMATS = {
    "hystreet-v2": "hystreet.com API response (measured_at, total_count, counts per direction)",
    "hystreet-v1": "older hystreet.com API (timestamp, pedestrians_count, unverified)",
    "opendatasoft": "Opendatasoft portal export (Würzburg, Dortmund …), CSV or JSON",
    "augsburg": "Augsburg CSV Standort;Jahr;Datum;Stunde;Passanten",
}

#: Seconds after which :func:`read` gives up on a URL.
TIMEOUT = 60

# field aliases of the tables, first match wins
_ID = ("location_id", "station_id", "counter_id")
_NAME = ("location_name", "name", "standort", "location", "counter_name")
_TIME = ("timestamp", "measured_at", "zeitpunkt_measured_at", "messzeitpunkt", "zeitpunkt")
_COUNT = (
    "pedestrians_count",
    "pedestrians",
    "total_count",
    "zeitpunkt_total_count",
    "passantenaufkommen_pro_standort",
    "passanten",
)
_WEATHER = ("weather_condition", "weather", "wetter")
_TEMPERATURE = ("temperature", "temperatur")
_UNVERIFIED = ("unverified",)
_POINT = ("geo_point_2d", "geopunkt", "geo_point", "koordinaten")
_LAT = ("lat", "latitude", "breitengrad")
_LON = ("lon", "lng", "longitude", "laengengrad", "längengrad")
_TRUE = {"true", "1", "yes", "ja", "wahr"}
_GERMANY = (5.5, 47.0, 15.5, 55.2)  # lon/lat box


class FootfallWarning(GeoinnenstadtWarning):
    """Rows left out, duplicates, unverified rows or missing hours in footfall data."""


@dataclass
class FootfallReport:
    """What :func:`read` found: every record kept or accounted for.

    Attributes
    ----------
    format : str
        One of :data:`FORMATS` (``"counts"`` for :func:`from_counts`).
    records : int
        Records (hourly rows) in the input: ``len(ff) + len(left_out)``.
    left_out : list of str
        ``"row N"`` (position of the record in the input, from 1) of every
        record not in ``counts``.
    left_out_rows : pandas.DataFrame
        ``row``, ``counter_id``, ``timestamp`` (text as given) and ``reason``.
    duplicates : int
        Records left out because another record has the same counter and
        instant (``identical_duplicates`` of them had the same count).
    identical_duplicates : int
    unverified : int
        Unverified records kept (flagged ``unverified``).
    unverified_excluded : int
        Unverified records left out (``include_unverified=False``).
    repeated_hour : int
        Local times without offset in the autumn hour that occurs twice,
        placed by their order (first summer, then winter time).
    missing_hours : pandas.DataFrame
        Per counter: ``first``, ``last``, ``expected_hours``,
        ``present_hours``, ``missing_hours``.
    notes : list of str
    """

    format: str
    records: int
    left_out: list[str] = field(default_factory=list)
    left_out_rows: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["row", "counter_id", "timestamp", "reason"])
    )
    duplicates: int = 0
    identical_duplicates: int = 0
    unverified: int = 0
    unverified_excluded: int = 0
    repeated_hour: int = 0
    missing_hours: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)

    @property
    def n_missing_hours(self) -> int:
        """Missing hours over all counters."""
        if self.missing_hours.empty:
            return 0
        return int(self.missing_hours["missing_hours"].sum())

    def summary(self) -> str:
        """One paragraph: records, kept, left out by reason, unverified, missing hours.

        Examples
        --------
        >>> FootfallReport(format="counts", records=3).summary()
        '3 records, 3 kept.'
        """
        kept = self.records - len(self.left_out)
        parts = [f"{self.records} records, {kept} kept"]
        if len(self.left_out_rows):
            reasons = self.left_out_rows["reason"].str.split(":").str[0].value_counts(sort=False)
            parts.append("left out: " + ", ".join(f"{n} {why}" for why, n in reasons.items()))
        if self.unverified:
            parts.append(f"{self.unverified} unverified kept (flagged)")
        if self.repeated_hour:
            parts.append(f"{self.repeated_hour} local times in the repeated autumn hour")
        if self.n_missing_hours:
            parts.append(f"{self.n_missing_hours} missing hours (gaps, not zeros)")
        return "; ".join(parts) + "."


@dataclass
class Footfall:
    """Hourly pedestrian counts of one or more counters.

    Attributes
    ----------
    counters : geopandas.GeoDataFrame
        ``counter_id`` (str), ``name`` and Point geometry in
        :data:`geoinnenstadt.settings.working_crs` (empty where the source
        gives no position: pass ``positions=`` to :func:`read`).
    counts : pandas.DataFrame
        ``counter_id`` (categorical of text: millions of rows, few counters),
        ``timestamp`` (``datetime64[ns, Europe/Berlin]``),
        ``pedestrians`` (int64) and ``unverified`` (bool); ``direction``,
        ``weather`` and ``temperature`` where the source has them. Sorted by
        counter and time; one row per counter and hour (and direction).
    report : FootfallReport
    """

    counters: gpd.GeoDataFrame
    counts: pd.DataFrame
    report: FootfallReport

    def __len__(self) -> int:
        """Number of hourly rows in ``counts``."""
        return len(self.counts)

    def __repr__(self) -> str:
        """Counters, rows and period."""
        if len(self.counts):
            span = (
                f"{self.counts['timestamp'].min():%Y-%m-%d %H:%M} – "
                f"{self.counts['timestamp'].max():%Y-%m-%d %H:%M}"
            )
        else:
            span = "no counts"
        return f"<Footfall: {len(self.counters)} counters, {len(self.counts)} hourly rows, {span}>"


# --------------------------------------------------------------------------- reading


def _load(source: Any) -> tuple[bytes, str]:
    """Bytes and a display name of a path, a URL or bytes."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<bytes>"
    text = str(source)
    if "://" in text:
        request = urllib.request.Request(text, headers={"User-Agent": "geoinnenstadt"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read(), text
        except OSError as exc:
            raise DataFileError(f"{text}: cannot be downloaded ({exc})") from None
    path = Path(text)
    if not path.is_file():
        raise DataFileError(f"{path}: no such file")
    return path.read_bytes(), str(path)


def _decode(raw: bytes, name: str) -> str:
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")  # Excel-saved CSV of a city portal


def _pick(columns: Mapping[str, str], aliases: tuple[str, ...]) -> str | None:
    """The original column name of the first alias present (case-insensitive)."""
    for alias in aliases:
        if alias in columns:
            return columns[alias]
    return None


def _flag(values: pd.Series) -> pd.Series:
    """True/False from booleans or text ("True", "1", "ja"), judged once per distinct value."""
    if values.dtype == bool:
        return values
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    truth = np.array([str(u).strip().lower() in _TRUE for u in uniques] + [False], dtype=bool)
    return pd.Series(truth[codes], index=values.index)


def _clean_ids(values: pd.Series) -> pd.Series:
    """Counter ids as text, judged once per distinct value (``12.0`` → ``"12"``)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = [str(u).strip().removesuffix(".0") for u in uniques]
    cats = pd.Index(text, dtype=object)
    if cats.has_duplicates:  # " 12" and "12": the same counter
        cats, inverse = pd.factorize(cats)
        codes = np.where(codes >= 0, inverse[np.maximum(codes, 0)], -1)
        cats = pd.Index(cats, dtype=object)
    return pd.Series(pd.Categorical.from_codes(codes, categories=cats), index=values.index)


def _point(value: Any) -> tuple[float, float] | None:
    """(lon, lat) of an Opendatasoft point: ``{"lon", "lat"}`` or the text ``"lat, lon"``."""
    if isinstance(value, Mapping):
        try:
            return float(value["lon"]), float(value["lat"])
        except (KeyError, TypeError, ValueError):
            return None
    if isinstance(value, (list, tuple)) and len(value) == 2:
        try:
            return float(value[1]), float(value[0])
        except (TypeError, ValueError):
            return None
    if isinstance(value, str) and "," in value:
        try:
            lat, lon = (float(p) for p in value.split(",")[:2])
        except ValueError:
            return None
        return lon, lat
    return None


def _hystreet_v2(data: Mapping[str, Any], by_direction: bool) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    loc_id = str(data.get("location_id", data.get("id", "")))
    for i, m in enumerate(data.get("measurements") or [], start=1):
        weather = m.get("weather_conditions") or {}
        base = {
            "_row": i,
            "counter_id": loc_id,
            "name": data.get("name"),
            "timestamp": m.get("measured_at_local_time") or m.get("measured_at"),
            "weather": weather.get("description"),
            "temperature": weather.get("temperature"),
            "unverified": bool(m.get("unverified", False)),
        }
        if by_direction and m.get("counts"):
            per: dict[str, float] = {}
            for c in m["counts"]:
                if c.get("object_type", "PERSON") != "PERSON":
                    continue
                key = str(c.get("direction"))
                per[key] = per.get(key, 0) + (c.get("count") or 0)
            for direction, n in per.items():
                rows.append({**base, "direction": direction, "pedestrians": n})
        else:
            rows.append({**base, "pedestrians": m.get("total_count")})
    return pd.DataFrame(rows)


def _hystreet_v1(data: Any) -> pd.DataFrame:
    location: Mapping[str, Any] = {}
    if isinstance(data, Mapping):
        location = data.get("location") or data
        items = data.get("measurements") or []
    else:
        items = data
    frame = pd.DataFrame(list(items))
    frame.insert(0, "_row", np.arange(1, len(frame) + 1))
    if "station_id" not in frame.columns and "location_id" not in frame.columns:
        frame["location_id"] = str(location.get("id", location.get("location_id", "")))
        frame["location_name"] = location.get("name")
        for key in ("lat", "lon", "latitude", "longitude"):
            if key in location:
                frame[key] = location[key]
    return frame


def _detect_json(data: Any) -> tuple[str, Any]:
    if isinstance(data, Mapping):
        measurements = data.get("measurements")
        if isinstance(measurements, list):
            first = measurements[0] if measurements else None
            if isinstance(first, Mapping) and ("measured_at" in first or "total_count" in first):
                return "hystreet-v2", data
            return "hystreet-v1", data
        for key in ("results", "records", "data"):
            if isinstance(data.get(key), list):
                records = data[key]
                # ODS API v1 wraps each record: {"fields": {...}}
                if records and isinstance(records[0], Mapping) and "fields" in records[0]:
                    records = [r["fields"] for r in records]
                return "opendatasoft", records
    if isinstance(data, list):
        if data and isinstance(data[0], Mapping) and "fields" in data[0]:
            return "opendatasoft", [r["fields"] for r in data]
        if data and isinstance(data[0], Mapping) and "measured_at" in data[0]:
            return "hystreet-v2", {"measurements": data}
        return "opendatasoft", data
    raise DataFileError("the JSON holds no measurements or records of pedestrian counts")


def _read_table(raw: bytes, name: str) -> tuple[str, pd.DataFrame]:
    raw = raw.removeprefix(codecs.BOM_UTF8)
    first = raw.split(b"\n", 1)[0]
    sep = ";" if first.count(b";") >= first.count(b",") else ","
    frame = None
    for encoding in ("utf-8", "cp1252"):  # cp1252: an Excel-saved CSV of a city portal
        try:
            frame = pd.read_csv(
                io.BytesIO(raw),
                sep=sep,
                encoding=encoding,
                keep_default_na=False,
                na_values=[""],
                dtype={0: str},  # ids stay text ("007")
            )
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, ValueError) as exc:
            raise DataFileError(f"{name}: not a CSV table of counts ({exc})") from None
    if frame is None:
        raise DataFileError(f"{name}: neither UTF-8 nor cp1252 text")
    lower = {c.strip().lower() for c in frame.columns}
    fmt = "augsburg" if {"standort", "datum", "stunde", "passanten"} <= lower else "opendatasoft"
    frame.insert(0, "_row", np.arange(1, len(frame) + 1))
    return fmt, frame


def _augsburg_times(frame: pd.DataFrame, cols: Mapping[str, str]) -> pd.Series:
    """Local ISO text from ``Datum`` and ``Stunde`` (``"13 Uhr"``); unreadable → the raw text."""
    day = dates.parse_dates(frame[cols["datum"]])
    hour = frame[cols["stunde"]].astype("string").str.extract(r"^\s*(\d{1,2})")[0]
    hour_n = pd.to_numeric(hour, errors="coerce")
    ok = day.values.notna() & hour_n.between(0, 23)
    out = (
        frame[cols["datum"]].astype("string").fillna("")
        + " "
        + frame[cols["stunde"]].astype("string").fillna("")
    ).astype(object)
    good = (
        day.values[ok].dt.strftime("%Y-%m-%d")
        + " "
        + hour_n[ok].astype(int).map("{:02d}:00".format)
    )
    out[ok] = good
    return pd.Series(out, index=frame.index)


def _standardise(frame: pd.DataFrame, fmt: str, name: str) -> pd.DataFrame:
    """Raw records → ``_row, counter_id, name, timestamp (text), pedestrians (raw) …, lon, lat``."""
    if frame.empty:
        raise DataFileError(f"{name}: no records of pedestrian counts")
    cols = {str(c).strip().lower(): c for c in frame.columns if c != "_row"}
    found = ", ".join(str(c) for c in frame.columns if c != "_row")
    out = pd.DataFrame({"_row": frame["_row"].to_numpy()}, index=frame.index)
    id_col, name_col = _pick(cols, _ID), _pick(cols, _NAME)
    if "counter_id" in frame.columns and "name" in frame.columns and fmt == "hystreet-v2":
        id_col, name_col = "counter_id", "name"
    if id_col is None and name_col is None:
        raise DataFileError(
            f"{name}: no counter column; expected one of {', '.join(_ID + _NAME)} "
            f"(columns: {found})"
        )
    ids = frame[id_col if id_col is not None else name_col]
    out["counter_id"] = _clean_ids(ids)
    # names are read per counter later (first row of each), not per row
    out["name"] = frame[name_col] if name_col is not None else out["counter_id"]
    if fmt == "augsburg":
        out["timestamp"] = _augsburg_times(frame, cols)
    else:
        time_col = _pick(cols, _TIME)
        if time_col is None:
            raise DataFileError(
                f"{name}: no time column; expected one of {', '.join(_TIME)} (columns: {found})"
            )
        out["timestamp"] = frame[time_col]
    count_col = _pick(cols, _COUNT)
    if count_col is None:
        raise DataFileError(
            f"{name}: no count column; expected one of {', '.join(_COUNT)} (columns: {found})"
        )
    out["pedestrians"] = frame[count_col]
    if "direction" in frame.columns:
        out["direction"] = frame["direction"].astype("string")
    for target, aliases in (("weather", _WEATHER), ("temperature", _TEMPERATURE)):
        col = _pick(cols, aliases)
        if col is not None:
            out[target] = frame[col]
    col = _pick(cols, _UNVERIFIED)
    out["unverified"] = _flag(frame[col]) if col is not None else False
    point_col = _pick(cols, _POINT)
    lat_col, lon_col = _pick(cols, _LAT), _pick(cols, _LON)
    if point_col is not None:
        pts = frame[point_col].map(_point)
        out["lon"] = pts.map(lambda p: p[0] if p else np.nan)
        out["lat"] = pts.map(lambda p: p[1] if p else np.nan)
    elif lat_col is not None and lon_col is not None:
        out["lon"] = pd.to_numeric(frame[lon_col], errors="coerce")
        out["lat"] = pd.to_numeric(frame[lat_col], errors="coerce")
    return out


def _counters(
    table: pd.DataFrame,
    first_rows: np.ndarray,
    sorted_ids: list[str],
    code: np.ndarray,
    positions: Any,
    name: str,
) -> gpd.GeoDataFrame:
    """One row per counter with counts (in id order): name and position, reprojected."""
    ids = [sorted_ids[c] for c in code[first_rows]]
    given = table["name"].iloc[first_rows].tolist()
    names = [ids[i] if pd.isna(v) else str(v).strip() for i, v in enumerate(given)]
    lon = np.full(len(ids), np.nan)
    lat = np.full(len(ids), np.nan)
    if "lon" in table.columns:
        located = pd.DataFrame(
            {
                "counter_id": pd.Series(code).map(dict(enumerate(sorted_ids))).to_numpy(),
                "lon": table["lon"].to_numpy(),
                "lat": table["lat"].to_numpy(),
            }
        )
        located = located.dropna(subset=["counter_id", "lon", "lat"]).drop_duplicates("counter_id")
        where = dict(
            zip(
                located["counter_id"], zip(located["lon"], located["lat"], strict=True), strict=True
            )
        )
        for i, cid in enumerate(ids):
            if cid in where:
                lon[i], lat[i] = where[cid]
    if isinstance(positions, gpd.GeoDataFrame):
        given = positions.to_crs("EPSG:4326") if positions.crs is not None else positions
        for cid, geom in zip(given["counter_id"].astype(str), given.geometry, strict=True):
            if cid in ids and geom is not None:
                lon[ids.index(cid)], lat[ids.index(cid)] = geom.x, geom.y
        if "name" in given.columns:  # the counters' names where the counts name none
            for cid, label in zip(given["counter_id"].astype(str), given["name"], strict=True):
                if cid in ids and not pd.isna(label) and names[ids.index(cid)] == cid:
                    names[ids.index(cid)] = str(label).strip()
    elif positions is not None:
        for cid, (x, y) in dict(positions).items():
            if str(cid) in ids:
                lon[ids.index(str(cid))], lat[ids.index(str(cid))] = float(x), float(y)
    have = ~np.isnan(lon)
    x0, y0, x1, y1 = _GERMANY
    inside = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    if (have & ~inside).any():
        bad = [ids[i] for i in np.flatnonzero(have & ~inside)]
        swapped = (lat >= x0) & (lat <= x1) & (lon >= y0) & (lon <= y1)
        hint = (
            " (they look like latitude and longitude swapped)"
            if (swapped[have & ~inside]).all()
            else ""
        )
        raise DataFileError(
            f"{name}: counters {', '.join(bad)} lie outside Germany{hint}; positions are "
            "longitude, latitude in WGS 84 (EPSG:4326)"
        )
    geometry = np.array([None] * len(ids), dtype=object)
    if have.any():
        geometry[have] = shapely.points(lon[have], lat[have])
    gdf = gpd.GeoDataFrame(
        {"counter_id": ids, "name": names}, geometry=list(geometry), crs="EPSG:4326"
    )
    return gdf.to_crs(settings.working_crs)


_LEFT_COLUMNS = ["row", "counter_id", "timestamp", "reason"]


def _missing_hours(code: np.ndarray, t: np.ndarray, ids: list[str]) -> pd.DataFrame:
    """Per counter: first and last hour, expected, present and missing hours (absolute time).

    ``code`` (counter codes into ``ids``) and ``t`` (int64 ns, UTC) are sorted by counter and
    time; an instant counted in several directions counts once.
    """
    tz = settings.timezone
    if len(code) == 0:
        return pd.DataFrame(
            columns=["first", "last", "expected_hours", "present_hours", "missing_hours"]
        ).rename_axis("counter_id")
    new = np.r_[True, (code[1:] != code[:-1]) | (t[1:] != t[:-1])]
    c, tt = code[new], t[new]
    starts = np.r_[0, np.flatnonzero(c[1:] != c[:-1]) + 1]
    ends = np.r_[starts[1:], len(c)]
    first, last = tt[starts], tt[ends - 1]
    hour = 3_600_000_000_000
    expected = (last - first) // hour + 1
    present = ends - starts
    out = pd.DataFrame(
        {
            "first": pd.DatetimeIndex(first.view("datetime64[ns]"))
            .tz_localize("UTC")
            .tz_convert(tz),
            "last": pd.DatetimeIndex(last.view("datetime64[ns]")).tz_localize("UTC").tz_convert(tz),
            "expected_hours": expected.astype("int64"),
            "present_hours": present.astype("int64"),
        },
        index=pd.Index([ids[i] for i in c[starts]], name="counter_id"),
    )
    out["missing_hours"] = out["expected_hours"] - out["present_hours"]
    return out


def _finish(
    table: pd.DataFrame,
    fmt: str,
    name: str,
    *,
    records: int,
    positions: Any,
    include_unverified: bool,
    warn: bool,
    notes: list[str] | None = None,
) -> Footfall:
    """Check, de-duplicate and sort the standardised table; report every record left out."""
    notes = [] if notes is None else notes
    n = len(table)
    reason = np.full(n, "", dtype=object)  # why a record is left out
    dropped = np.zeros(n, dtype=bool)
    cid = table["counter_id"]
    if not isinstance(cid.dtype, pd.CategoricalDtype):
        cid = _clean_ids(cid)
    ids = [str(c) for c in cid.cat.categories]
    order_ids = np.argsort(np.array(ids, dtype=object), kind="stable")
    rank = np.empty(len(ids), dtype=np.int32)
    rank[order_ids] = np.arange(len(ids))
    sorted_ids = [ids[i] for i in order_ids]
    raw_code = cid.cat.codes.to_numpy()
    code = np.where(raw_code >= 0, rank[np.maximum(raw_code, 0)], np.int32(-1))  # in id order
    dropped[code < 0] = True
    reason[code < 0] = "no counter"
    parsed = dates.parse_instants(table["timestamp"], groups=pd.Series(code, index=table.index))
    bad_time = parsed.values.isna().to_numpy() & ~dropped
    dropped |= bad_time
    if bad_time.any():  # texts only for the rows concerned (millions of rows otherwise)
        reason[bad_time] = ("unreadable time: " + parsed.reasons[bad_time].map(str)).to_numpy()
    t = np.asarray(parsed.values.array.asi8)  # ns since the epoch (UTC), a view
    raw = table["pedestrians"]
    counts = pd.to_numeric(raw, errors="coerce")
    if counts.isna().any():  # " 12 ", "12.0": a second, slower look at the rest only
        retry = counts.isna() & raw.notna()
        counts = counts.astype("float64")
        counts[retry] = pd.to_numeric(
            raw[retry].astype("string").str.strip().str.replace(r"\.0+$", "", regex=True),
            errors="coerce",
        )
    values = counts.to_numpy(dtype="float64", na_value=np.nan)
    del counts
    bad = (np.isnan(values) | (values < 0) | (values != np.floor(values))) & ~dropped
    dropped |= bad
    if bad.any():
        sub = raw[bad]
        reason[bad] = np.where(
            np.isnan(values[bad]),
            ("unreadable count: " + sub.map(repr)).to_numpy(),
            ("not a count: " + sub.map(repr)).to_numpy(),
        )
        reason[bad & raw.isna().to_numpy()] = "missing count: the hour is a gap, not 0"
    unverified = table["unverified"].to_numpy(dtype=bool)
    excluded = 0
    if not include_unverified:
        drop = unverified & ~dropped
        dropped |= drop
        excluded = int(drop.sum())
        reason[drop] = "unverified: excluded (include_unverified=False)"
    # duplicates: same counter, same instant (same direction); the survivor is the verified
    # row, then the last one in the file
    live = np.flatnonzero(~dropped)
    rows = table["_row"].to_numpy()
    keys: list[np.ndarray] = [rows[live], ~unverified[live]]
    direction = None
    if "direction" in table.columns:
        direction = table["direction"].astype(object).to_numpy()
        dir_code = pd.factorize(direction, sort=True)[0]
        keys.append(dir_code[live])
    keys += [t[live], code[live]]
    ordered = live[np.lexsort(keys)]
    del keys, live
    c_ord = code[ordered]
    same_key = c_ord[1:] == c_ord[:-1]
    del c_ord
    t_ord = t[ordered]
    same_key &= t_ord[1:] == t_ord[:-1]
    del t_ord
    if direction is not None:
        same_key &= dir_code[ordered][1:] == dir_code[ordered][:-1]
    dup_pos = np.r_[same_key, False]  # all but the last of each key are left out
    n_dup = n_identical = 0
    if dup_pos.any():
        group = np.cumsum(np.r_[True, ~same_key])  # group number of each ordered row
        last_of_group = np.r_[np.flatnonzero(~same_key), len(ordered) - 1]
        survivor = ordered[last_of_group[group - 1]]
        dup_rows = ordered[dup_pos]
        same = values[dup_rows] == values[survivor[dup_pos]]
        n_dup, n_identical = int(dup_pos.sum()), int(same.sum())
        dropped[dup_rows] = True
        reason[dup_rows] = np.where(
            same,
            "duplicate: same counter and hour, same count",
            "duplicate: same counter and hour, other count (the kept row wins)",
        )
    kept = ordered[~dup_pos]
    tz = settings.timezone
    columns: dict[str, Any] = {
        "counter_id": pd.Categorical.from_codes(code[kept], categories=pd.Index(sorted_ids)),
        "timestamp": parsed.values.array.take(kept),
        "pedestrians": values[kept].astype("int64"),
        "unverified": unverified[kept],
    }
    if direction is not None:
        columns["direction"] = pd.array(direction[kept], dtype="str")
    if "weather" in table.columns:
        columns["weather"] = table["weather"].astype("string").array.take(kept)
    if "temperature" in table.columns:
        temperature = table["temperature"]
        if not pd.api.types.is_numeric_dtype(temperature):
            temperature = temperature.astype("string").str.replace(",", ".")
        columns["temperature"] = pd.to_numeric(temperature, errors="coerce").to_numpy()[kept]
    out = pd.DataFrame(columns)
    out["timestamp"] = out["timestamp"].astype(f"datetime64[ns, {tz}]")
    # the report
    gone = np.flatnonzero(dropped)
    left = pd.DataFrame(
        {
            "row": rows[gone],
            "counter_id": cid.iloc[gone].astype(object).to_numpy(),
            "timestamp": table["timestamp"].iloc[gone].astype(object).to_numpy(),
            "reason": reason[gone],
        },
        columns=_LEFT_COLUMNS,
    )
    left["counter_id"] = left["counter_id"].map(lambda v: None if pd.isna(v) else str(v))
    left["timestamp"] = left["timestamp"].map(str)
    left = left.sort_values("row", kind="stable").reset_index(drop=True)
    gaps = _missing_hours(code[kept], t[kept], sorted_ids)
    if len(kept) > 1:
        kc, kt = code[kept], t[kept]
        step_ns = np.diff(kt)[(kc[1:] == kc[:-1]) & (np.diff(kt) > 0)]
        step = float(np.median(step_ns)) / 3.6e12 if len(step_ns) else 1.0
        if step > 12:
            raise DataFileError(
                f"{name}: the counts are not hourly (about one per {step:.0f} hours); "
                "gi.footfall reads hourly counts, e.g. hystreet resolution=hour or the portal's "
                "Stundendaten"
            )
    first_rows = kept[np.r_[True, code[kept][1:] != code[kept][:-1]]] if len(kept) else kept
    counters = _counters(table, first_rows, sorted_ids, code, positions, name)
    report = FootfallReport(
        format=fmt,
        records=records,
        left_out=[f"row {r}" for r in left["row"]],
        left_out_rows=left,
        duplicates=n_dup,
        identical_duplicates=n_identical,
        unverified=int(unverified[kept].sum()),
        unverified_excluded=excluded,
        repeated_hour=parsed.repeated_hour,
        missing_hours=gaps,
        notes=notes,
    )
    if counters.geometry.isna().any():
        report.notes.append(
            f"{int(counters.geometry.isna().sum())} counters have no position "
            "(pass positions= to place them)"
        )
    if warn and (len(left) or report.unverified or report.n_missing_hours):
        warnings.warn(f"{name}: {report.summary()}", FootfallWarning, stacklevel=3)
    return Footfall(counters=counters, counts=out, report=report)


def read(
    path_or_url: Any,
    *,
    positions: Mapping[str, tuple[float, float]] | gpd.GeoDataFrame | None = None,
    include_unverified: bool = True,
    by_direction: bool = False,
    warn: bool = True,
) -> Footfall:
    r"""Read hourly pedestrian counts as published by counter networks and city portals.

    Parameters
    ----------
    path_or_url : str, pathlib.Path or bytes
        A file (``.json`` or ``.csv``; the format is recognised by its
        content, see :data:`FORMATS`), an ``http(s)://`` or ``file://`` URL,
        or the bytes of one.
    positions : mapping or GeoDataFrame, optional
        Positions of counters the source does not place (hystreet API
        responses, Augsburg's CSV): ``{counter_id: (lon, lat)}`` in WGS 84,
        or a GeoDataFrame with ``counter_id``. Given positions win.
    include_unverified : bool, default True
        Keep rows flagged ``unverified`` (with ``unverified = True``);
        False leaves them out, counted in the report.
    by_direction : bool, default False
        One row per direction where the source counts per direction
        (hystreet API v2 ``counts``); ``pedestrians`` then sums them per
        hour in :func:`daily`.
    warn : bool, default True
        Emit a :class:`FootfallWarning` naming rows left out, unverified
        rows and missing hours (always in ``ff.report``).

    Returns
    -------
    Footfall

    Raises
    ------
    DataFileError
        A missing file, a file without counter, time or count column (the
        columns found are named), counts that are not hourly, or counter
        positions outside Germany (with a hint when latitude and longitude
        look swapped).

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "stundendaten.csv"
    >>> _ = path.write_text(
    ...     "location_id;location_name;timestamp;pedestrians_count;unverified;GeoPunkt\n"
    ...     "1;Hellweg;2024-10-27T01:00:00+02:00;40;False;51.51398, 7.45791\n"
    ...     "1;Hellweg;2024-10-27T02:00:00+02:00;30;False;51.51398, 7.45791\n"
    ...     "1;Hellweg;2024-10-27T02:00:00+01:00;20;True;51.51398, 7.45791\n"
    ...     "1;Hellweg;2024-10-27T03:00:00+01:00;10;False;51.51398, 7.45791\n", encoding="utf-8")
    >>> ff = gi.footfall.read(path, warn=False)
    >>> ff.counts["pedestrians"].tolist(), ff.report.unverified
    ([40, 30, 20, 10], 1)
    >>> ff.counters[["counter_id", "name"]].values.tolist(), str(ff.counters.crs)
    ([['1', 'Hellweg']], 'EPSG:25832')
    """
    raw, name = _load(path_or_url)
    notes: list[str] = []
    if raw[:4096].removeprefix(codecs.BOM_UTF8).lstrip()[:1] in (b"{", b"["):
        stripped = _decode(raw, name).lstrip()
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        fmt, payload = _detect_json(data)
        if fmt == "hystreet-v2":
            resolution = payload.get("resolution", "hour")
            if resolution != "hour":
                raise DataFileError(
                    f"{name}: hystreet resolution {resolution!r}; gi.footfall reads hourly counts "
                    "(request resolution=hour)"
                )
            frame = _hystreet_v2(payload, by_direction)
            records = len(payload.get("measurements") or [])
        elif fmt == "hystreet-v1":
            frame = _hystreet_v1(payload)
            records = len(frame)
        else:
            frame = pd.DataFrame(list(payload))
            frame.insert(0, "_row", np.arange(1, len(frame) + 1))
            records = len(frame)
    else:
        fmt, frame = _read_table(raw, name)
        records = len(frame)
    if frame.empty:
        raise DataFileError(f"{name}: no records of pedestrian counts")
    del raw  # the file's bytes and the raw table are not needed any more (memory)
    table = _standardise(frame, fmt, name)
    del frame
    if by_direction and "direction" not in table.columns:
        notes.append("the source has no counts per direction; by_direction=True has no effect")
    return _finish(
        table,
        fmt,
        name,
        records=records,
        positions=positions,
        include_unverified=include_unverified,
        warn=warn,
        notes=notes,
    )


def from_counts(
    counts: pd.DataFrame,
    counters: gpd.GeoDataFrame | None = None,
    *,
    include_unverified: bool = True,
    warn: bool = True,
) -> Footfall:
    """Build a :class:`Footfall` from a table already in memory.

    Parameters
    ----------
    counts : pandas.DataFrame
        ``counter_id``, ``timestamp`` (text with or without offset, or
        datetimes; see :func:`geoinnenstadt.dates.parse_instants`) and
        ``pedestrians``; optional ``unverified``, ``direction``, ``weather``,
        ``temperature``, ``name``.
    counters : GeoDataFrame, optional
        ``counter_id`` (and ``name``) with Point positions; a ``name`` here
        names the counters that ``counts`` gives no name.
    include_unverified, warn : bool
        As in :func:`read`.

    Returns
    -------
    Footfall
        With the same checks and report as :func:`read`.

    Examples
    --------
    >>> import pandas as pd
    >>> ff = from_counts(pd.DataFrame({"counter_id": ["a", "a"], "pedestrians": [5, 7],
    ...     "timestamp": ["2024-06-01 10:00", "2024-06-01 12:00"]}), warn=False)
    >>> ff.report.missing_hours["missing_hours"].tolist()
    [1]
    """
    frame = counts.copy()
    frame.insert(0, "_row", np.arange(1, len(frame) + 1))
    if "name" not in frame.columns:
        frame["name"] = frame["counter_id"]
    table = pd.DataFrame(
        {
            "_row": frame["_row"],
            "counter_id": frame["counter_id"].astype("string"),
            "name": frame["name"].astype("string"),
            "timestamp": frame["timestamp"],
            "pedestrians": frame["pedestrians"],
            "unverified": _flag(frame["unverified"]) if "unverified" in frame else False,
        }
    )
    for col in ("direction", "weather", "temperature"):
        if col in frame.columns:
            table[col] = frame[col]
    return _finish(
        table,
        "counts",
        "counts",
        records=len(frame),
        positions=counters,
        include_unverified=include_unverified,
        warn=warn,
    )


# --------------------------------------------------------------------------- figures


def _utc_naive(ts: pd.Series) -> np.ndarray:
    """Tz-aware instants as naive UTC ``datetime64`` (never an object array of Timestamps)."""
    return ts.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()


def _local_days(ts: pd.Series) -> pd.Series:
    """The local calendar day (naive midnight) of tz-aware instants."""
    return ts.dt.tz_localize(None).dt.normalize()


def _hours_in_day(days: pd.Series) -> pd.Series:
    """Hours of each local calendar day: 23 (spring DST), 25 (autumn) or 24."""
    uniq = pd.DatetimeIndex(days.unique())
    tz = settings.timezone
    start = uniq.tz_localize(tz)
    end = (uniq + pd.Timedelta(days=1)).tz_localize(tz)
    hours = pd.Series(((end - start) / pd.Timedelta(hours=1)).astype("int64"), index=uniq)
    return days.map(hours)


def daily(ff: Footfall) -> pd.DataFrame:
    """Daily totals per counter and local calendar day; incomplete days are marked, not hidden.

    Parameters
    ----------
    ff : Footfall

    Returns
    -------
    pandas.DataFrame
        One row per counter and day with counts: ``counter_id``, ``date``
        (naive, midnight), ``pedestrians`` (sum of the hours present),
        ``hours`` (distinct hours present), ``hours_expected`` (23, 24 or
        25), ``complete`` (``hours == hours_expected``) and
        ``unverified_hours``. Use ``complete`` before comparing days: an
        incomplete day's sum is not a day's total.

    Examples
    --------
    >>> import geoinnenstadt as gi, pandas as pd
    >>> ff = gi.footfall.from_counts(pd.DataFrame({"counter_id": "west", "pedestrians": 10,
    ...     "timestamp": pd.date_range("2024-03-31", periods=24, freq="h", tz="Europe/Berlin")}))
    >>> daily(ff)[["date", "pedestrians", "hours", "hours_expected", "complete"]].values.tolist()
    [[Timestamp('2024-03-31 00:00:00'), 230, 23, 23, True], [Timestamp('2024-04-01 00:00:00'), 10, 1, 24, False]]
    """
    counts = ff.counts
    frame = pd.DataFrame(
        {
            "counter_id": counts["counter_id"].to_numpy(),
            "date": _local_days(counts["timestamp"]).to_numpy(),
            "pedestrians": counts["pedestrians"].to_numpy(),
            "unverified": counts["unverified"].to_numpy(),
            "t": _utc_naive(counts["timestamp"]),
        }
    )
    if "direction" in counts.columns:
        # hours are distinct instants; directions add up within an hour
        hourly = frame.groupby(["counter_id", "date", "t"], sort=False).agg(
            pedestrians=("pedestrians", "sum"), unverified=("unverified", "max")
        )
        frame = hourly.reset_index()
    g = frame.groupby(["counter_id", "date"], sort=True)
    out = g.agg(
        pedestrians=("pedestrians", "sum"),
        hours=("pedestrians", "size"),
        unverified_hours=("unverified", "sum"),
    ).reset_index()
    out["hours_expected"] = _hours_in_day(out["date"]).to_numpy()
    out["complete"] = out["hours"] == out["hours_expected"]
    out = out[
        [
            "counter_id",
            "date",
            "pedestrians",
            "hours",
            "hours_expected",
            "complete",
            "unverified_hours",
        ]
    ]
    out["pedestrians"] = out["pedestrians"].astype("int64")
    out["unverified_hours"] = out["unverified_hours"].astype("int64")
    return out


Profile = Literal["weekday", "hour", "month"]


def profile(ff: Footfall, by: Profile = "weekday") -> pd.DataFrame:
    """Mean pedestrians per weekday, hour of day or month, over complete days only.

    Parameters
    ----------
    ff : Footfall
    by : {"weekday", "hour", "month"}
        ``"weekday"`` (0 = Monday … 6 = Sunday) and ``"month"`` (1–12):
        mean **daily total**; ``"hour"`` (0–23, local clock): mean
        **hourly count** (on the autumn DST day both 02:00 hours count as
        hour 2).

    Returns
    -------
    pandas.DataFrame
        ``counter_id``, the ``by`` column, ``pedestrians`` (the mean) and
        ``days`` (complete days it rests on).

    Examples
    --------
    >>> import geoinnenstadt as gi, pandas as pd
    >>> ff = gi.footfall.from_counts(pd.DataFrame({"counter_id": "west", "pedestrians": 10,
    ...     "timestamp": pd.date_range("2024-06-03", periods=48, freq="h", tz="Europe/Berlin")}))
    >>> print(profile(ff, by="weekday").to_string(index=False))
    counter_id  weekday  pedestrians  days
          west        0        240.0     1
          west        1        240.0     1
    """
    if by not in ("weekday", "hour", "month"):
        raise ValueError(f"by={by!r}; use 'weekday', 'hour' or 'month'")
    days = daily(ff)
    complete = days.loc[days["complete"], ["counter_id", "date"]]
    if by == "hour":
        counts = ff.counts
        frame = pd.DataFrame(
            {
                "counter_id": counts["counter_id"].to_numpy(),
                "date": _local_days(counts["timestamp"]).to_numpy(),
                "t": _utc_naive(counts["timestamp"]),
                "hour": counts["timestamp"].dt.hour.to_numpy(),
                "pedestrians": counts["pedestrians"].to_numpy(),
            }
        )
        frame = frame.groupby(["counter_id", "date", "t", "hour"], sort=False, as_index=False)[
            "pedestrians"
        ].sum()
        frame = frame.merge(complete, on=["counter_id", "date"], how="inner")
        out = frame.groupby(["counter_id", "hour"], sort=True).agg(
            pedestrians=("pedestrians", "mean"), days=("date", "nunique")
        )
        return out.reset_index()
    frame = days.loc[days["complete"]].copy()
    frame[by] = frame["date"].dt.day_of_week if by == "weekday" else frame["date"].dt.month
    out = frame.groupby(["counter_id", by], sort=True).agg(
        pedestrians=("pedestrians", "mean"), days=("date", "size")
    )
    out["pedestrians"] = out["pedestrians"].astype(float)
    return out.reset_index()


def change(ff: Footfall, *, year: Any) -> pd.DataFrame:
    """Year-on-year change on matching weekdays: each day against the day 364 days earlier.

    A calendar year shifts the weekdays by one or two days, and a Saturday
    is worth far more than a Tuesday in a shopping street, so each complete
    day of ``year`` is paired with the day 52 weeks (364 days) earlier — the
    same weekday — when that day is complete too. Days without a complete
    partner are left out of both sums and counted.

    Parameters
    ----------
    ff : Footfall
    year : int or date-like
        The year to compare with the one before
        (:func:`geoinnenstadt.dates.parse_year`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``counter_id``: ``days`` (pairs compared),
        ``pedestrians`` (sum over those days of ``year``), ``previous``
        (sum over their partners), ``change`` (``pedestrians / previous −
        1``, a fraction; NA without pairs) and ``days_unpaired`` (complete
        days of ``year`` without a complete partner).

    Examples
    --------
    >>> import geoinnenstadt as gi, pandas as pd
    >>> t = pd.date_range("2023-06-03", periods=24, freq="h", tz="Europe/Berlin")
    >>> ff = gi.footfall.from_counts(pd.DataFrame({"counter_id": "west",
    ...     "timestamp": t.append(t + pd.Timedelta(days=364)), "pedestrians": [10] * 24 + [11] * 24}),
    ...     warn=False)
    >>> change(ff, year=2024).round(3).values.tolist()
    [[1, 264.0, 240.0, 0.1, 0]]
    """
    y = dates.parse_year(year)
    days = daily(ff)
    complete = days.loc[days["complete"], ["counter_id", "date", "pedestrians"]]
    this = complete.loc[complete["date"].dt.year == y].copy()
    this["partner"] = this["date"] - pd.Timedelta(days=364)
    prev = complete.rename(columns={"date": "partner", "pedestrians": "previous"})
    paired = this.merge(prev, on=["counter_id", "partner"], how="left")
    has = paired["previous"].notna()
    ids = pd.Index(sorted(ff.counts["counter_id"].unique()), name="counter_id")
    g = paired.loc[has].groupby("counter_id")
    out = pd.DataFrame(index=ids)
    out["days"] = g.size().reindex(ids, fill_value=0).astype("int64")
    out["pedestrians"] = g["pedestrians"].sum().reindex(ids).astype("Float64")
    out["previous"] = g["previous"].sum().reindex(ids).astype("Float64")
    ratio = out["pedestrians"] / out["previous"].where(out["previous"] > 0)
    out["change"] = (ratio - 1).astype("Float64")
    out["days_unpaired"] = (
        paired.loc[~has].groupby("counter_id").size().reindex(ids, fill_value=0).astype("int64")
    )
    out.loc[out["days"] == 0, ["pedestrians", "previous", "change"]] = pd.NA
    return out


def summary(ff: Footfall) -> pd.DataFrame:
    """Per counter: mean pedestrians per complete day, the period and the latest year-on-year change.

    What the maps show of a counter (popup, circle size); one row per
    counter of ``ff.counters``, indexed by ``counter_id``.

    ``mean`` (pedestrians per complete day), ``days`` (complete days),
    ``first`` and ``last`` (counted days), ``year`` (the year compared, the
    same for all counters; NA without counts) and ``change`` (on the year
    before, matching weekdays; NA where no day pair exists).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> fig = gi.footfall.summary(gi.load_sample("dortmund").footfall)
    >>> list(fig.columns), int(fig["year"].iloc[0])
    (['mean', 'days', 'first', 'last', 'year', 'change'], 2024)
    """
    ids = pd.Index(ff.counters["counter_id"].astype(str), name="counter_id")
    days = daily(ff)
    days = days.assign(counter_id=days["counter_id"].astype(str))
    complete = days.loc[days["complete"]]
    out = pd.DataFrame(index=ids)
    g = complete.groupby("counter_id")["pedestrians"]
    out["mean"] = g.mean().reindex(ids).astype("Float64")
    out["days"] = g.size().reindex(ids, fill_value=0).astype("int64")
    span = days.groupby("counter_id")["date"]
    out["first"] = span.min().reindex(ids)
    out["last"] = span.max().reindex(ids)
    out["year"] = pd.NA
    out["change"] = pd.Series(pd.NA, index=ids, dtype="Float64")
    if len(days):
        year = dates.last_complete_year(days["date"].max())
        yoy = change(ff, year=year)
        yoy.index = yoy.index.astype(str)
        out["year"] = year
        out["change"] = yoy["change"].reindex(ids).astype("Float64")
    return out


def by_quarter(ff: Footfall, quarters: gpd.GeoDataFrame, *, year: Any = None) -> pd.DataFrame:
    """Mean daily pedestrians per quarter; a quarter without a counter is "nicht gemessen".

    Counters are placed with :func:`geoinnenstadt.zones.assign` (its
    boundary rule: the lowest quarter id among those that cover a counter).
    A counter's figure is its mean **daily total over complete days**
    (within ``year`` if given); a quarter's figure is the mean over its
    counters. A quarter without a counter has ``pedestrians_per_day`` NA
    and ``status = "not_measured"`` ("nicht gemessen", ``gi.labels``) —
    never 0. Counters without a position are left out and counted in
    ``attrs["counters_without_position"]``.

    Parameters
    ----------
    ff : Footfall
    quarters : GeoDataFrame
        ``quarter_id`` and polygons, in the CRS of ``ff.counters`` (the
        working CRS).
    year : int or date-like, optional
        Restrict to the complete days of this year.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``quarter_id`` in the order of ``quarters``:
        ``counters`` (number), ``pedestrians_per_day`` (Float64, NA when
        not measured), ``days`` (complete counter-days it rests on) and
        ``status`` ∈ {``measured``, ``not_measured`` (no counter),
        ``no_complete_days`` (counters, but no complete day to average)}.

    Examples
    --------
    >>> import geoinnenstadt as gi, geopandas as gpd, pandas as pd
    >>> city = gi.load_sample("dortmund")
    >>> spot = city.quarters.geometry.iloc[0].representative_point()
    >>> counters = gpd.GeoDataFrame({"counter_id": ["west"]}, geometry=[spot], crs=city.quarters.crs)
    >>> ff = gi.footfall.from_counts(pd.DataFrame({"counter_id": "west", "pedestrians": 100,
    ...     "timestamp": pd.date_range("2024-06-03", periods=24, freq="h", tz="Europe/Berlin")}),
    ...     counters)
    >>> table = by_quarter(ff, city.quarters)
    >>> table["status"].value_counts().to_dict()
    {'not_measured': 8, 'measured': 1}
    >>> float(table["pedestrians_per_day"].max()), int(table["pedestrians_per_day"].isna().sum())
    (2400.0, 8)
    """
    from . import zones

    id_column = "quarter_id"
    if id_column not in quarters.columns:
        raise ValueError("quarters need a quarter_id column")
    located = ff.counters[ff.counters.geometry.notna() & ~ff.counters.geometry.is_empty]
    missing_pos = len(ff.counters) - len(located)
    if len(located):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", zones.OutsideZonesWarning)
            where = zones.assign(located, quarters, id_column=id_column)
        quarter_of = pd.Series(where.to_numpy(), index=located["counter_id"].to_numpy())
    else:
        quarter_of = pd.Series(dtype=object)
    days = daily(ff)
    days = days.loc[days["complete"]]
    if year is not None:
        days = days.loc[days["date"].dt.year == dates.parse_year(year)]
    per_counter = days.groupby("counter_id").agg(
        mean=("pedestrians", "mean"), days=("pedestrians", "size")
    )
    per_counter["quarter_id"] = quarter_of.reindex(per_counter.index)
    per_counter = per_counter.dropna(subset=["quarter_id"])
    ids = pd.Index(quarters[id_column], name=id_column)
    g = per_counter.groupby("quarter_id")
    out = pd.DataFrame(index=ids)
    placed = quarter_of.dropna()
    out["counters"] = placed.value_counts().reindex(ids, fill_value=0).astype("int64")
    out["pedestrians_per_day"] = g["mean"].mean().reindex(ids).astype("Float64")
    out["days"] = g["days"].sum().reindex(ids, fill_value=0).astype("int64")
    out["status"] = np.select(
        [out["days"] > 0, out["counters"] > 0],
        ["measured", "no_complete_days"],
        "not_measured",
    )
    out.attrs["counters_without_position"] = int(missing_pos)
    out.attrs["counters_outside"] = int(quarter_of.isna().sum())
    return out
