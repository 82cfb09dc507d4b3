"""OpenStreetMap extracts and Overpass API answers: shops and vacant shops as units.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks). Reads

* extracts ``.osm``, ``.osm.gz``, ``.osm.bz2``, ``.osm.pbf`` (Geofabrik
  downloads, files cut with osmium, osmconvert or Osmosis, areas saved in
  JOSM, openstreetmap.org exports) with pyosmium (``osmium``), the maintained
  binding of libosmium;
* saved **Overpass API JSON** answers (``[out:json]``), recognised by their
  content (``"osm3s"``, ``"generator": "Overpass API …"``) whatever the file
  is called. Nodes carry ``lat``/``lon``; ways and relations need a position:
  query with ``out center;`` (``"center"``) or, for ways, ``out geom;``
  (``"geometry"``). A plain ``out;`` gives them none: they are left out with
  the hint to use ``out center;``.

What becomes a unit
-------------------
Every node and every **closed** way (a building or shop outline, located at a
point on its surface; in an ``out center`` answer at its centre), and in an
Overpass answer every relation with a ``"center"``, carrying one of these tags:

* ``shop=*`` (any value except ``no``) → ``use`` ``retail``;
* ``amenity=*`` for ground-floor businesses (:data:`AMENITY_USE`):
  restaurants, cafés, fast food, bars, pubs, ice cream, beer gardens and
  food courts → ``gastronomy``; banks, post offices, bureaux de change,
  money transfer, doctors, dentists, veterinaries, driving schools,
  cinemas, casinos, gambling halls, nightclubs and internet cafés →
  ``services``; pharmacies → ``retail``;
* ``craft=*`` → ``services``; ``office=*`` → ``office``.

It is **vacant** when tagged ``shop=vacant``, with a lifecycle prefix
``disused:shop=*`` (also ``disused:amenity``/``disused:craft``/
``disused:office``), ``disused=yes`` together with a business tag, or
``vacant=yes`` (together with a business tag or ``building=retail``/
``commercial``/``kiosk``). ``previous_use`` holds the former tag value (e.g.
``clothes`` for ``disused:shop=clothes``). Everything else is occupied.

Columns
-------
``unit_id`` (OSM type and id: ``n123`` node, ``w456`` way, ``r789`` relation;
objects new in a JOSM file have negative ids, ``n-25360``), ``survey_date``,
``status``, ``floor_area_m2`` (always missing: OSM records no floor areas,
``source`` is ``"osm"``, see :data:`geoinnenstadt.schema.SOURCES_WITHOUT_AREAS`),
``vacant_since``, ``use``, ``previous_use``, ``address`` (from ``addr:street``
or ``addr:place``, ``addr:housenumber``, ``addr:postcode``, ``addr:city``:
``"Westenhellweg 12, 44137 Dortmund"``), ``ground_floor`` (``level=0`` → True,
another level → False, no level → missing), ``name``, ``brand``, ``osm_tag``
(the tag that made the unit, e.g. ``shop=bakery``) and ``last_edit`` (date of
the object's last edit). User names and ids of OSM contributors are personal
data and never read; shop names and brands are not personal.

Dates
-----
``survey_date`` is ``read_layer(..., survey_date=...)`` if given, else the
file's timestamp: the header option ``osmosis_replication_timestamp`` (or
``timestamp``) that osmium and Geofabrik write into ``.osm.pbf`` files, the
``<osm timestamp=…>`` attribute osmconvert writes into XML, ``<meta
osm_base=…>`` of an Overpass XML answer or ``osm3s.timestamp_osm_base`` of an
Overpass JSON answer; else the latest edit of any object in the file (osmium
and JOSM write no header time). A note names the source of the date. Times
are converted to the local date by :mod:`geoinnenstadt.dates`.

**Placeholder times are no dates.** Extracts cut with Osmosis from a file
without metadata carry ``timestamp="1969-12-31T23:59:59Z" version="-1"
changeset="-1"`` on every object (pyosmium reads that second as 2106-02-07,
an unsigned wrap); a missing timestamp reads as 1970-01-01. Every time before
OpenStreetMap began (9 August 2004) or after 2100 is read as *no edit time*
and counted in a note; a header time of that kind is not used either. A file
with no usable date at all raises one short
:class:`~geoinnenstadt.errors.DataFileError` that asks for ``survey_date=``.

OSM records no start of a vacancy. ``vacant_since`` is the date of the
object's **last edit** (the vacancy was mapped on or before that day, so
durations are lower bounds); objects without an edit time (new objects in a
JOSM file, stripped extracts, Overpass answers without ``out meta``), or
edited after ``survey_date``, get ``survey_date``. Both are counted in a note
of the validation report — never filled silently.

Not read, but reported
----------------------
Every object with a business tag is kept or left out with
``pre.leave_out`` (a warning naming the object, e.g. ``w456``, and its id in
``attrs["validation_report"].left_out``): ways that are not closed or have
fewer than three distinct points (a "two-point ring"), ways whose nodes are
missing from the extract (cut at its edge) or ``null`` in an ``out geom(…)``
answer, shops mapped as relations (multipolygons) in an extract, ways and
relations of an Overpass answer without a position, and deleted objects
(``visible="false"``; ``action='delete'`` in a file saved by JOSM, which
libosmium does not read). ``attrs["osm"]`` counts every kind. An Overpass
``"remark"`` (query timed out, out of memory) is a warning: the answer may be
incomplete; a cut-off JSON answer is a :class:`~geoinnenstadt.errors.DataFileError`.

Examples
--------
>>> import geoinnenstadt as gi, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "laden.osm"
>>> _ = path.write_text(
...     '<osm version="0.6" generator="hand">'
...     '<node id="1" lat="51.5136" lon="7.4651" timestamp="2025-05-01T10:00:00Z" version="1">'
...     '<tag k="shop" v="bakery"/><tag k="addr:street" v="Westenhellweg"/>'
...     '<tag k="addr:housenumber" v="12"/></node>'
...     '<node id="2" lat="51.5138" lon="7.4660" timestamp="2025-03-10T10:00:00Z" version="1">'
...     '<tag k="disused:shop" v="clothes"/></node></osm>', encoding="utf-8")
>>> units = gi.read_layer(path, "units")
>>> units[["unit_id", "status", "use", "previous_use", "address"]].fillna("").values.tolist()
[['n1', 'occupied', 'retail', '', 'Westenhellweg 12'], ['n2', 'vacant', 'retail', 'clothes', '']]
>>> str(units["survey_date"].iloc[0].date()), str(units["vacant_since"].iloc[1].date())
('2025-05-01', '2025-03-10')
>>> units["floor_area_m2"].isna().all(), units["source"].iloc[0]
(np.True_, 'osm')
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import dates
from ..errors import DataFileError

__all__ = [
    "AMENITY_USE",
    "SOURCE",
    "Collector",
    "describe",
    "is_extract",
    "read_raw",
    "recognise",
    "walk",
]

#: Value of the ``source`` column of units read from OpenStreetMap.
SOURCE = "osm"

#: ``amenity`` values that are ground-floor businesses, and their ``use``.
AMENITY_USE: dict[str, str] = {
    **dict.fromkeys(
        (
            "restaurant", "cafe", "fast_food", "bar", "pub", "ice_cream", "biergarten",
            "food_court",
        ),
        "gastronomy",
    ),
    **dict.fromkeys(
        (
            "bank", "post_office", "bureau_de_change", "money_transfer", "doctors", "dentist",
            "veterinary", "driving_school", "cinema", "casino", "gambling", "nightclub",
            "internet_cafe",
        ),
        "services",
    ),
    "pharmacy": "retail",
}  # fmt: skip

#: Business keys in order of precedence, with their ``use`` (amenity: see AMENITY_USE).
_KEYS: tuple[tuple[str, str | None], ...] = (
    ("shop", "retail"),
    ("amenity", None),
    ("craft", "services"),
    ("office", "office"),
)
_VACANT_BUILDINGS = ("retail", "commercial", "kiosk")
_SUFFIXES = (".osm", ".osm.gz", ".osm.bz2", ".osm.pbf", ".pbf")
_COLUMNS = [
    "unit_id", "survey_date", "status", "floor_area_m2", "vacant_since", "use", "previous_use",
    "address", "ground_floor", "name", "brand", "osm_tag", "last_edit", "source",
]  # fmt: skip
#: OpenStreetMap began on 9 August 2004: an earlier time is a placeholder, not an edit.
_OSM_BEGAN = pd.Timestamp("2004-08-09", tz="UTC")
#: Osmosis's placeholder -1 s reads as 2106-02-07 in pyosmium (an unsigned wrap).
_WRAPPED = pd.Timestamp("2100-01-01", tz="UTC")
#: libosmium reports a missing timestamp as the epoch.
_EPOCH = pd.Timestamp(0, tz="UTC")


def _is_osm_file(target: Any) -> Path | None:
    """The path when ``target`` names an OSM extract (by its name or its XML root), else None."""
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    name = p.name.lower()
    if name.endswith(_SUFFIXES):
        return p
    if name.endswith(".xml") and p.is_file():
        with p.open("rb") as f:
            head = f.read(1024)
        if re.search(rb"<osm[\s>]", head):
            return p
    return None


def is_extract(path: Any) -> bool:
    """True when ``path`` names an OpenStreetMap extract or a saved Overpass API JSON answer.

    Judged by the name (``.osm``, ``.osm.pbf`` …), an XML ``<osm>`` root, or
    for JSON by the content (``"osm3s"`` or ``"generator": "Overpass API …"``).

    Examples
    --------
    >>> is_extract("stadt.osm.pbf"), is_extract("stadt.gpkg")
    (True, False)
    """
    if _is_osm_file(path) is not None:
        return True
    try:
        return _overpass(path) is not None
    except DataFileError:  # an Overpass answer, cut off: read_layer says so
        return True


def describe(path: Any) -> str:
    """What an OSM file is, for messages: an extract or a saved Overpass API answer."""
    if _is_osm_file(path) is None:
        return "a saved Overpass API answer (OpenStreetMap data)"
    return "an OpenStreetMap extract"


def _business(tags: dict[str, str]) -> tuple[str, str, str] | None:
    """(use, key, value) of the first business tag in ``tags`` (prefix-free), else None."""
    for key, use in _KEYS:
        value = tags.get(key)
        if not value or value in ("no", "vacant"):
            continue
        if key == "amenity":
            if value not in AMENITY_USE:
                continue
            use = AMENITY_USE[value]
        return str(use), key, value
    return None


def _disused(tags: dict[str, str]) -> tuple[str, str, str] | None:
    """(use, key, value) of a ``disused:`` business tag, else None."""
    found = _business(
        {k.removeprefix("disused:"): v for k, v in tags.items() if k.startswith("disused:")}
    )
    return None if found is None else (found[0], f"disused:{found[1]}", found[2])


def _classify(tags: dict[str, str]) -> dict[str, Any] | None:
    """Status, use, previous use and the deciding tag of one OSM object, or None (no unit)."""
    business = _business(tags)
    disused = _disused(tags)
    if tags.get("shop") == "vacant":
        use = disused[0] if disused else "retail"
        return {"status": "vacant", "use": use, "previous_use": disused[2] if disused else None,
                "osm_tag": "shop=vacant"}  # fmt: skip
    if disused is not None:
        return {"status": "vacant", "use": disused[0], "previous_use": disused[2],
                "osm_tag": f"{disused[1]}={disused[2]}"}  # fmt: skip
    if business is not None and (tags.get("disused") == "yes" or tags.get("vacant") == "yes"):
        flag = "disused" if tags.get("disused") == "yes" else "vacant"
        return {"status": "vacant", "use": business[0], "previous_use": business[2],
                "osm_tag": f"{business[1]}={business[2]} + {flag}=yes"}  # fmt: skip
    if tags.get("vacant") == "yes" and tags.get("building") in _VACANT_BUILDINGS:
        return {"status": "vacant", "use": None, "previous_use": None,
                "osm_tag": f"building={tags['building']} + vacant=yes"}  # fmt: skip
    if business is not None:
        return {"status": "occupied", "use": business[0], "previous_use": None,
                "osm_tag": f"{business[1]}={business[2]}"}  # fmt: skip
    return None


def _address(tags: dict[str, str]) -> str | None:
    street = tags.get("addr:street") or tags.get("addr:place")
    number = tags.get("addr:housenumber")
    first = " ".join(v for v in (street, number) if v)
    second = " ".join(v for v in (tags.get("addr:postcode"), tags.get("addr:city")) if v)
    text = ", ".join(v for v in (first, second) if v)
    return text or None


def _ground_floor(tags: dict[str, str]) -> bool | None:
    level = tags.get("level")
    if level is None:
        return None
    try:
        return float(level.replace(",", ".")) == 0.0
    except ValueError:  # "0;1", "EG" … : unknown
        return None


def _usable_time(value: Any) -> pd.Timestamp | None:
    """``value`` as a UTC Timestamp when it can be an OpenStreetMap time, else None.

    Osmosis writes ``1969-12-31T23:59:59Z`` (with ``version="-1"``) on every
    object whose metadata was stripped, and pyosmium reads that second as
    2106-02-07 (an unsigned wrap); a missing timestamp reads as 1970-01-01.
    Anything before OpenStreetMap began or after 2100 is such a placeholder.
    """
    ts = _utc(value)
    if ts is None or ts < _OSM_BEGAN or ts >= _WRAPPED:
        return None
    return ts


def _utc(value: Any) -> pd.Timestamp | None:
    """An OpenStreetMap time stamp (ISO 8601, UTC when it has no zone) as a UTC Timestamp."""
    if value is None or value == "":
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    if pd.isna(ts):
        return None
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _is_placeholder(value: Any) -> bool:
    """True for a timestamp that is given but no date (Osmosis's placeholder, a wrap, < 2004)."""
    ts = _utc(value)
    return ts is not None and ts != _EPOCH and _usable_time(ts) is None


def _header_time(p: Path, header: Any) -> tuple[str | None, str]:
    """The file's timestamp: header option (pbf), ``<meta osm_base>`` (Overpass) or ``<osm timestamp>``."""
    for key in ("osmosis_replication_timestamp", "timestamp"):
        value = header.get(key)
        if value:
            return str(value), f"the file header option {key}"
    name = p.name.lower()
    if name.endswith(".pbf"):
        return None, ""
    opener: Any = gzip.open if name.endswith(".gz") else bz2.open if name.endswith(".bz2") else open
    with opener(p, "rb") as f:
        head = f.read(4096)
    match = re.search(rb"<meta\s[^>]*osm_base=[\"']([^\"']+)[\"']", head)
    if match:
        return match.group(1).decode(
            "ascii", "replace"
        ), "the Overpass database time <meta osm_base>"
    match = re.search(rb"<osm\s[^>]*timestamp=[\"']([^\"']+)[\"']", head)
    if match:
        return match.group(1).decode("ascii", "replace"), "the osmconvert timestamp <osm timestamp>"
    return None, ""


def _josm_deleted(p: Path, header: Any) -> set[str]:
    """Ids (``n-5``, ``w12``) that a file saved by JOSM marks ``action='delete'`` (libosmium ignores it)."""
    if str(header.get("generator") or "").split(" ")[0].upper() != "JOSM":
        return set()
    name = p.name.lower()
    opener: Any = gzip.open if name.endswith(".gz") else bz2.open if name.endswith(".bz2") else open
    with opener(p, "rb") as f:
        text = f.read()
    found = set()
    for m in re.finditer(rb"<(node|way|relation)\s([^>]*)>", text):
        attrs = m.group(2)
        if re.search(rb"\baction=[\"']delete[\"']", attrs):
            oid = re.search(rb"\bid=[\"'](-?\d+)[\"']", attrs)
            if oid:
                found.add(f"{m.group(1)[:1].decode()}{oid.group(1).decode()}")
    return found


def _ring(coords: list[tuple[float, float]]) -> tuple[Any, str | None]:
    """The polygon of a way's (lon, lat) points, or None and why it cannot be one."""
    if len(coords) < 2 or coords[0] != coords[-1]:
        return None, f"the way is not closed ({len(coords)} nodes, first ≠ last)"
    distinct = len(set(coords[:-1]))
    if distinct < 3:
        return None, (
            f"the ring has only {distinct} distinct point{'s' if distinct != 1 else ''} "
            "(a polygon needs at least 3)"
        )
    polygon = shapely.Polygon(coords)
    if not polygon.is_valid:
        polygon = shapely.make_valid(polygon)
    if polygon.is_empty or polygon.area == 0:
        return None, "the ring encloses no area"
    return polygon, None


def _way_ring(way: Any) -> tuple[Any, str | None]:
    """The polygon of a pyosmium way, or None and why it cannot be one."""
    try:
        coords = [(n.lon, n.lat) for n in way.nodes]
    except Exception:  # osmium.InvalidLocationError: a node is not in the extract
        missing = [f"n{n.ref}" for n in way.nodes if not n.location.valid()]
        return None, (
            f"node(s) {', '.join(missing[:5])} of the way are missing from the extract "
            "(cut at the extract's edge)"
        )
    return _ring(coords)


class Collector:
    """What a walk through an OSM file keeps: units (shops) here, address points in a subclass.

    The walks (:func:`_walk_osm`, :func:`_walk_overpass`) are the one home of OSM
    parsing: they ask :meth:`select` which objects are wanted, locate them (nodes;
    closed ways at a point on their surface; Overpass ``center``) and pass each to
    :meth:`keep`, or to :meth:`leave` with the reason it cannot be located.
    """

    #: What a kept object is called in messages ("add the unit by hand").
    noun = "unit"

    def __init__(self, pre: Any) -> None:
        self.pre = pre
        self.rows: list[dict[str, Any]] = []
        self.points: list[Any] = []
        self.reported: list[str] = []
        self.counts = {"nodes": 0, "ways": 0, "relations": 0, "units": 0, "reported": 0}
        self.latest: pd.Timestamp | None = None
        self.placeholders = 0

    def edited(self, value: Any) -> pd.Timestamp | None:
        """The edit time ``value`` when usable (counted towards the latest edit), else None."""
        ts = _usable_time(value)
        if ts is None:
            self.placeholders += _is_placeholder(value)
        elif self.latest is None or ts > self.latest:
            self.latest = ts
        return ts

    def select(self, tags: dict[str, str]) -> dict[str, Any] | None:
        """What the object is (with the deciding tag as ``osm_tag``), or None (not wanted)."""
        return _classify(tags)

    def keep(
        self, oid: str, found: dict[str, Any], tags: dict[str, str], edited: Any, geom: Any
    ) -> None:
        """Keep a unit: its row (id, what it is, address, name, last edit) and its point."""
        self.rows.append({
            "unit_id": oid, **found, "address": _address(tags),
            "ground_floor": _ground_floor(tags), "name": tags.get("name"),
            "brand": tags.get("brand"),
            "last_edit": None if edited is None else dates.parse_date(edited, name="timestamp"),
        })  # fmt: skip
        self.points.append(geom)

    def leave(self, oid: str, problem: str, hint: str, column: str = "geometry") -> None:
        """Leave an object out through the report (:meth:`ValidationReport.leave_out`)."""
        self.pre.leave_out(oid, column, problem, hint)
        self.reported.append(oid)


def _read_osm(p: Path, pre: Any, survey_date: Any) -> gpd.GeoDataFrame:
    units = Collector(pre)
    header_time, header_what = _walk_osm(p, units)
    return _frame(p, units, pre, survey_date, header_time, header_what)


def _walk_osm(p: Path, units: Collector) -> tuple[str | None, str]:
    """Pass every wanted object of an extract to ``units``; the header time and its source."""
    import osmium

    try:
        processor: Any = osmium.FileProcessor(str(p)).with_locations()
        header_time, header_what = _header_time(p, processor.header)
        deleted = _josm_deleted(p, processor.header)
        for obj in processor:
            kind = obj.type_str()  # "n", "w", "r"
            units.counts[{"n": "nodes", "w": "ways", "r": "relations"}[kind]] += 1
            edited = units.edited(obj.timestamp)
            tags = {t.k: t.v for t in obj.tags}
            found = units.select(tags) if tags else None
            if found is None:
                continue
            oid = f"{kind}{obj.id}"
            what = found["osm_tag"]
            if oid in deleted or not obj.visible:
                how = "action='delete' (deleted in JOSM)" if oid in deleted else "visible='false'"
                units.leave(oid, f"object {oid} ({what}) is marked {how}: a deleted object, "
                            "left out", "nothing to do: the object no longer exists")  # fmt: skip
                continue
            if kind == "n":
                geom = shapely.Point(obj.location.lon, obj.location.lat)
            elif kind == "w":
                polygon, why = _way_ring(obj)
                if polygon is None:
                    units.leave(oid, f"way {oid} ({what}): {why}; left out",
                                f"fix the way in OpenStreetMap or add the {units.noun} by hand")  # fmt: skip
                    continue
                geom = polygon.point_on_surface()
            else:
                units.leave(oid, f"relation {oid} ({what}): objects mapped as relations "
                            "(multipolygons) are not read; left out",
                            f"add the {units.noun} by hand or map it as a node")  # fmt: skip
                continue
            units.keep(oid, found, tags, edited, geom)
    except (DataFileError, ValueError):
        raise
    except RuntimeError as exc:
        raise DataFileError(
            f"{p}: cannot read the OpenStreetMap extract: {' '.join(str(exc).split())[:300]}; "
            "download or export it again (.osm, .osm.gz or .osm.pbf)",
            p,
        ) from None
    return header_time, header_what


def _frame(
    p: Path,
    units: Collector,
    pre: Any,
    survey_date: Any,
    header_time: str | None,
    header_what: str,
) -> gpd.GeoDataFrame:
    """The units layer of everything kept, with survey date, vacancy start and notes."""
    counts = units.counts
    counts["units"] = len(units.rows)
    counts["reported"] = len(units.reported)
    if units.placeholders:
        pre.note(
            f"{units.placeholders} object(s) carry a placeholder edit time (Osmosis writes "
            "1969-12-31T23:59:59Z and version -1 when the metadata was stripped): read as "
            "no edit time"
        )
    survey = _survey_date(p, survey_date, header_time, header_what, units, pre)
    frame = pd.DataFrame(units.rows, columns=[c for c in _COLUMNS if c not in ("survey_date",)])
    frame["last_edit"] = frame["last_edit"].astype("datetime64[ns]")
    frame["survey_date"] = survey
    frame["floor_area_m2"] = np.nan
    frame["source"] = SOURCE
    frame["vacant_since"] = _vacant_since(frame, survey, pre)
    frame = frame[_COLUMNS]
    vacant = int((frame["status"] == "vacant").sum())
    pre.note(
        f"OpenStreetMap: {counts['units']} units ({vacant} vacant) from {counts['nodes']} nodes, "
        f"{counts['ways']} ways and {counts['relations']} relations; {counts['reported']} "
        "object(s) with a business tag left out and reported; floor areas unknown (source 'osm')"
    )
    gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.GeoSeries(units.points, crs="EPSG:4326"), crs="EPSG:4326"
    )
    gdf.attrs["osm"] = {**counts, "vacant": vacant, "reported_ids": units.reported}
    return gdf


def _survey_date(
    p: Path,
    given: Any,
    header_time: str | None,
    header_what: str,
    units: Collector,
    pre: Any,
) -> pd.Timestamp:
    if given is not None:
        return dates.parse_date(given, name="survey_date")
    if header_time is not None:
        usable = _usable_time(header_time)
        if usable is not None:
            day = dates.parse_date(usable, name="timestamp")
            pre.note(f"survey_date {day:%Y-%m-%d} from {header_what}: {header_time}")
            return day
        pre.note(f"{header_what} {header_time!r} is no date: not used as the survey date")
    if units.latest is not None:
        day = dates.parse_date(units.latest, name="timestamp")
        pre.note(
            f"survey_date {day:%Y-%m-%d} from the latest edit of an object in the file "
            f"({units.latest.isoformat()}); pass survey_date= to set it"
        )
        return day
    placeholder = (
        f" ({units.placeholders} object(s) carry Osmosis's placeholder 1969-12-31T23:59:59Z: "
        "metadata stripped)"
        if units.placeholders
        else ""
    )
    raise DataFileError(
        f"{p}: no usable date in the file: no timestamp in its header and no edit times on "
        f"its objects{placeholder}; pass survey_date='DD.MM.YYYY' (the day of the extract)",
        p,
    )


def _vacant_since(frame: pd.DataFrame, survey: pd.Timestamp, pre: Any) -> pd.Series:
    """The last edit of each vacant object (survey date where unknown or later), counted in notes."""
    vacant = (frame["status"] == "vacant").to_numpy()
    edit = frame["last_edit"]
    no_edit = vacant & edit.isna().to_numpy()
    late = vacant & (edit > survey).fillna(False).to_numpy(dtype=bool)
    since = edit.where(vacant & ~late & ~no_edit)
    since = since.where(~(no_edit | late), survey)
    n_from_edit = int((vacant & ~no_edit & ~late).sum())
    if n_from_edit:
        pre.note(
            f"vacant_since of {n_from_edit} vacant unit(s) is the date of the object's last edit "
            "in OpenStreetMap (OSM records no start of a vacancy; durations are lower bounds)"
        )
    if no_edit.any() or late.any():
        pre.note(
            f"vacant_since of {int(no_edit.sum()) + int(late.sum())} vacant unit(s) is the "
            f"survey date {survey:%Y-%m-%d} (no edit time: {int(no_edit.sum())}, edited after "
            f"the survey date: {int(late.sum())})"
        )
    return since.astype("datetime64[ns]")


# --------------------------------------------------------------------------- Overpass API JSON


def _overpass(target: Any) -> tuple[Path, dict[str, Any]] | None:
    """The path and parsed answer when ``target`` is a saved Overpass API JSON answer, else None."""
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    if p.name.lower().endswith(_SUFFIXES) or not p.is_file():
        return None
    with p.open("rb") as f:
        head = f.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()
    if not head.startswith(b"{") or not (
        b'"osm3s"' in head or re.search(rb'"generator"\s*:\s*"Overpass', head)
    ):
        return None
    try:
        data = json.loads(p.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(
            f"{p}: the Overpass API answer is not complete JSON ({exc}); the download was "
            "probably cut off: run the query again and save the whole answer",
            p,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        return None
    return p, data


def _point(value: Any) -> tuple[float, float] | None:
    """(lon, lat) of an Overpass ``{"lat": …, "lon": …}`` object, else None."""
    if not isinstance(value, dict):
        return None
    lat, lon = value.get("lat"), value.get("lon")
    if (
        isinstance(lat, bool)
        or isinstance(lon, bool)
        or not isinstance(lat, (int, float))
        or not isinstance(lon, (int, float))
    ):
        return None
    return float(lon), float(lat)


def _read_overpass(p: Path, data: dict[str, Any], pre: Any, survey_date: Any) -> gpd.GeoDataFrame:
    units = Collector(pre)
    header_time = _walk_overpass(data, units)
    what = "the Overpass database time osm3s.timestamp_osm_base"
    return _frame(p, units, pre, survey_date, header_time, what)


def _walk_overpass(data: dict[str, Any], units: Collector) -> str | None:
    """Pass every wanted element of an Overpass answer to ``units``; the database time."""
    hint_center = (
        "query with 'out center;' (or 'out geom;') so that ways and relations carry a position"
    )
    for element in data["elements"]:
        if not isinstance(element, dict):
            continue
        kind = {"node": "n", "way": "w", "relation": "r"}.get(str(element.get("type")))
        if kind is None:  # "count", "area" and derived elements are no OSM objects
            continue
        units.counts[{"n": "nodes", "w": "ways", "r": "relations"}[kind]] += 1
        edited = units.edited(element.get("timestamp"))
        tags = element.get("tags")
        tags = {str(k): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {}
        found = units.select(tags) if tags else None
        if found is None:
            continue
        oid = f"{kind}{element.get('id')}"
        what = found["osm_tag"]
        if kind == "n":
            xy = _point(element)
            if xy is None:
                units.leave(oid, f"node {oid} ({what}) has no lat/lon; left out", hint_center)
                continue
            units.keep(oid, found, tags, edited, shapely.Point(xy))
            continue
        nodes = element.get("nodes")
        geometry = element.get("geometry")
        center = _point(element.get("center"))
        if kind == "w" and isinstance(geometry, list):
            coords = [_point(g) for g in geometry]
            if any(c is None for c in coords):
                missing = sum(c is None for c in coords)
                units.leave(oid, f"way {oid} ({what}): {missing} of its {len(coords)} point(s) "
                            "are null (outside the bounding box of 'out geom(…)'); left out",
                            "query with 'out geom;' without a bounding box, or 'out center;'")  # fmt: skip
                continue
            polygon, why = _ring([c for c in coords if c is not None])
            if polygon is None:
                units.leave(oid, f"way {oid} ({what}): {why}; left out",
                            f"fix the way in OpenStreetMap or add the {units.noun} by hand")  # fmt: skip
                continue
            units.keep(oid, found, tags, edited, polygon.point_on_surface())
            continue
        if center is None:
            units.leave(oid, f"{'way' if kind == 'w' else 'relation'} {oid} ({what}) has no "
                        "position in the Overpass answer (no 'center'; 'out;' gives ways and "
                        "relations none, 'out geom;' gives relations none); left out",
                        hint_center)  # fmt: skip
            continue
        if kind == "w" and isinstance(nodes, list) and nodes:
            if len(nodes) < 2 or nodes[0] != nodes[-1]:
                units.leave(oid, f"way {oid} ({what}): the way is not closed ({len(nodes)} "
                            "nodes, first ≠ last); left out",
                            f"fix the way in OpenStreetMap or add the {units.noun} by hand")  # fmt: skip
                continue
            distinct = len(set(nodes[:-1]))
            if distinct < 3:
                units.leave(oid, f"way {oid} ({what}): the ring has only {distinct} distinct "
                            "point(s) (a polygon needs at least 3); left out",
                            f"fix the way in OpenStreetMap or add the {units.noun} by hand")  # fmt: skip
                continue
        units.keep(oid, found, tags, edited, shapely.Point(center))
    remark = data.get("remark")
    if remark:
        units.pre.warn(None, None, f"the Overpass API answer carries the remark {str(remark)[:300]!r}: "
                 "it may be incomplete",
                 "run the query again (with a higher [timeout:] or a smaller area)")  # fmt: skip
    osm3s = data.get("osm3s") if isinstance(data.get("osm3s"), dict) else {}
    base = osm3s.get("timestamp_osm_base") if isinstance(osm3s, dict) else None
    return str(base) if base else None


def walk(target: Any, collector: Collector) -> Path | None:
    """Pass the wanted objects of an OSM extract or saved Overpass JSON answer to ``collector``.

    Returns the file's path, or None when ``target`` is neither (nothing read).
    """
    p = _is_osm_file(target)
    overpass = _overpass(target) if p is None else None
    if overpass is not None:
        _walk_overpass(overpass[1], collector)
        return overpass[0]
    if p is None:
        return None
    if not p.is_file():
        raise DataFileError(f"{p}: file not found (check the name and the folder)", p)
    _walk_osm(p, collector)
    return p


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The units of an OSM extract (``.osm``, ``.osm.gz``, ``.osm.bz2``, ``.osm.pbf``), else None."""
    p = _is_osm_file(target)
    overpass = _overpass(target) if p is None else None
    if p is None and overpass is None:
        return None
    if overpass is not None:
        p = overpass[0]
    assert p is not None
    if kind != "units":
        raise ValueError(
            f"{p}: {describe(p)} is read as kind='units' (shops and vacant shops), not "
            f"{kind!r}; its address points are read with gi.read_addresses({str(p)!r})"
        )
    if not p.is_file():
        raise DataFileError(f"{p}: file not found (check the name and the folder)", p)
    from ..io.formats import RawLayer

    if overpass is not None:
        return RawLayer(
            _read_overpass(p, overpass[1], pre, options.get("survey_date")), str(p), "osm"
        )
    return RawLayer(_read_osm(p, pre, options.get("survey_date")), str(p), "osm")


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` and ``columns`` unchanged: OSM extracts are mapped while reading (:func:`read_raw`)."""
    return frame, columns
