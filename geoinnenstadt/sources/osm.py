"""OpenStreetMap extracts (.osm, .osm.gz, .osm.bz2, .osm.pbf): shops and vacant shops as units.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks). Read with
pyosmium (``osmium``), the maintained binding of libosmium.

What becomes a unit
-------------------
Every node and every **closed** way (a building or shop outline, located at a
point on its surface) carrying one of these tags:

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
``unit_id`` (OSM type and id: ``n123`` node, ``w456`` way), ``survey_date``,
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
file's timestamp: the replication timestamp in the header (``.osm.pbf``, or
``<meta osm_base=…>``/``<osm timestamp=…>`` of an XML file), else the latest
edit of any object in the file. A file without any timestamp needs
``survey_date=``. Times are converted to the local date by
:mod:`geoinnenstadt.dates`.

OSM records no start of a vacancy. ``vacant_since`` is the date of the
object's **last edit** (the vacancy was mapped on or before that day, so
durations are lower bounds); objects without an edit time, or edited after
``survey_date``, get ``survey_date``. Both are counted in a note of the
validation report — never filled silently.

Not read, but reported
----------------------
Ways that are not closed or have fewer than three distinct points (a
"two-point ring"), ways whose nodes are missing from the extract, and shops
mapped as relations (multipolygons) are left out with a warning naming the
object (``w456``); ``attrs["osm"]`` counts every kind.

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
import gzip
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import dates
from ..errors import DataFileError

__all__ = ["AMENITY_USE", "SOURCE", "is_extract", "read_raw", "recognise"]

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
_EPOCH_YEAR = 1971  # libosmium reports a missing timestamp as 1970-01-01


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
    """True when ``path`` names an OpenStreetMap extract (by its name, or an XML ``<osm>`` root).

    Examples
    --------
    >>> is_extract("stadt.osm.pbf"), is_extract("stadt.gpkg")
    (True, False)
    """
    return _is_osm_file(path) is not None


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


def _edit_time(obj: Any) -> pd.Timestamp | None:
    ts = obj.timestamp
    if ts is None or ts.year < _EPOCH_YEAR:
        return None
    return pd.Timestamp(ts)


def _header_time(p: Path, header: Any) -> tuple[str | None, str]:
    """The file's timestamp from the header (pbf) or the XML root/meta element."""
    for key in ("osmosis_replication_timestamp", "timestamp"):
        value = header.get(key)
        if value:
            return str(value), f"the file header ({key})"
    name = p.name.lower()
    if name.endswith(".pbf"):
        return None, ""
    opener: Any = gzip.open if name.endswith(".gz") else bz2.open if name.endswith(".bz2") else open
    with opener(p, "rb") as f:
        head = f.read(4096)
    match = re.search(rb'<meta\s[^>]*osm_base="([^"]+)"', head) or re.search(
        rb'<osm\s[^>]*timestamp="([^"]+)"', head
    )
    if match:
        return match.group(1).decode("ascii", "replace"), "the file's timestamp"
    return None, ""


def _ring(way: Any) -> tuple[Any, str | None]:
    """The way's polygon, or None and why it cannot be one."""
    try:
        coords = [(n.lon, n.lat) for n in way.nodes]
    except Exception:  # osmium.InvalidLocationError: a node is not in the extract
        missing = [f"n{n.ref}" for n in way.nodes if not n.location.valid()]
        return None, (
            f"node(s) {', '.join(missing[:5])} of the way are missing from the extract "
            "(cut at the extract's edge)"
        )
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


def _read_osm(p: Path, pre: Any, survey_date: Any) -> gpd.GeoDataFrame:
    import osmium

    rows: list[dict[str, Any]] = []
    points: list[Any] = []
    latest: pd.Timestamp | None = None
    counts = {"nodes": 0, "ways": 0, "relations": 0, "units": 0, "reported": 0}
    reported: list[str] = []
    try:
        processor: Any = osmium.FileProcessor(str(p)).with_locations()
        header_time, header_what = _header_time(p, processor.header)
        for obj in processor:
            kind = obj.type_str()  # "n", "w", "r"
            counts[{"n": "nodes", "w": "ways", "r": "relations"}[kind]] += 1
            edited = _edit_time(obj)
            if edited is not None and (latest is None or edited > latest):
                latest = edited
            tags = {t.k: t.v for t in obj.tags}
            found = _classify(tags) if tags else None
            if found is None:
                continue
            oid = f"{kind}{obj.id}"
            what = found["osm_tag"]
            if kind == "n":
                geom = shapely.Point(obj.location.lon, obj.location.lat)
            elif kind == "w":
                polygon, why = _ring(obj)
                if polygon is None:
                    pre.leave_out(oid, "geometry", f"way {oid} ({what}): {why}; left out",
                             "fix the way in OpenStreetMap or add the unit by hand")  # fmt: skip
                    reported.append(oid)
                    continue
                geom = polygon.point_on_surface()
            else:
                pre.leave_out(oid, "geometry", f"relation {oid} ({what}): shops mapped as relations "
                         "(multipolygons) are not read; left out",
                         "add the unit by hand or map the shop as a node")  # fmt: skip
                reported.append(oid)
                continue
            rows.append({
                "unit_id": oid, **found, "address": _address(tags),
                "ground_floor": _ground_floor(tags), "name": tags.get("name"),
                "brand": tags.get("brand"),
                "last_edit": None if edited is None else dates.parse_date(edited, name="timestamp"),
            })  # fmt: skip
            points.append(geom)
    except (DataFileError, ValueError):
        raise
    except RuntimeError as exc:
        raise DataFileError(
            f"{p}: cannot read the OpenStreetMap extract: {' '.join(str(exc).split())[:300]}; "
            "download or export it again (.osm, .osm.gz or .osm.pbf)",
            p,
        ) from None
    counts["units"] = len(rows)
    counts["reported"] = len(reported)
    survey = _survey_date(p, survey_date, header_time, header_what, latest, pre)
    frame = pd.DataFrame(rows, columns=[c for c in _COLUMNS if c not in ("survey_date",)])
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
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(points, crs="EPSG:4326"), crs="EPSG:4326")
    gdf.attrs["osm"] = {**counts, "vacant": vacant, "reported_ids": reported}
    return gdf


def _survey_date(
    p: Path,
    given: Any,
    header_time: str | None,
    header_what: str,
    latest: pd.Timestamp | None,
    pre: Any,
) -> pd.Timestamp:
    if given is not None:
        return dates.parse_date(given, name="survey_date")
    if header_time is not None:
        day = dates.parse_date(header_time, name="timestamp")
        pre.note(f"survey_date {day:%Y-%m-%d} from {header_what} ({header_time})")
        return day
    if latest is not None:
        day = dates.parse_date(latest, name="timestamp")
        pre.note(
            f"survey_date {day:%Y-%m-%d} from the latest edit of an object in the file "
            f"({latest.isoformat()}); pass survey_date= to set it"
        )
        return day
    raise DataFileError(
        f"{p}: the extract has no timestamp (no header time and no edit times), so the survey "
        "date is unknown; pass survey_date='DD.MM.YYYY' (the date of the extract)",
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


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The units of an OSM extract (``.osm``, ``.osm.gz``, ``.osm.bz2``, ``.osm.pbf``), else None."""
    p = _is_osm_file(target)
    if p is None:
        return None
    if kind != "units":
        raise ValueError(
            f"{p}: an OpenStreetMap extract is read as kind='units' (shops and vacant shops), "
            f"not {kind!r}"
        )
    if not p.is_file():
        raise DataFileError(f"{p}: file not found (check the name and the folder)", p)
    from ..io.formats import _Raw

    return _Raw(_read_osm(p, pre, options.get("survey_date")), str(p), "osm")


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` and ``columns`` unchanged: OSM extracts are mapped while reading (:func:`read_raw`)."""
    return frame, columns
