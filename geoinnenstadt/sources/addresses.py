"""Address references (house coordinates, OSM address points) and the normalisation of addresses.

:func:`read_addresses` reads an official house-coordinate file (*Hauskoordinaten*,
georeferenced building addresses as cities and the Länder publish them) or
OpenStreetMap address points into an address index: one row per address with
``street``, ``number``, ``suffix``, ``postcode``, ``city`` and a point in the
working CRS. :func:`geoinnenstadt.geocode` matches address lists against it.

The normalisation rules (one home; :mod:`geoinnenstadt.sources.geocode` uses them):

* **street key** (:func:`street_key`): the folding of
  :func:`geoinnenstadt.folding.fold`, shared with the map search (lower case;
  ``ß`` → ``ss``; ``ä ö ü`` → ``ae oe ue``; other accents dropped;
  ``Str.``/``str``/``Strasse`` at the end of a word → ``strasse``; ``St.`` (as
  its own word) → ``sankt``; ``Pl.`` → ``platz``), then every character that is
  not ``a-z`` or a digit is dropped (so ``Maria-Weber-Weg`` = ``maria weber
  weg`` = ``mariaweberweg``).
* **house number** (:func:`split_number`): the leading number, and a suffix:
  a letter (``12a``, ``12 A``, ``12 a`` → ``a``, lower case) or an
  Unternummer after a slash (``12/1`` → ``/1``; a suffix column holding only
  digits, e.g. ``hsnrzu = "1"``, also becomes ``/1``). A range ``12-14`` or a
  list ``12;14`` is the first number (``12``, no suffix).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``per_value``, ``pick_column``, ``postcode_text``,
``clean_text``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from ..errors import DataFileError, GeoinnenstadtWarning, SchemaError
from ..folding import fold
from ..io.formats import AttachedReport
from ..io.geometry import resolve_crs, to_working_crs
from ..io.readers import read_raw
from ..io.tables import find_column, points_from_columns
from ..schema import ValidationReport
from ..schema.specs import Column, LayerSpec
from . import leerstandsmelder, osm

__all__ = ["AddressWarning", "read_addresses", "split_number", "street_key"]

ADDRESS_COLUMNS = ("street", "number", "suffix", "postcode", "city")

#: The address index as a layer spec (row labels, point geometry); not a layer kind of a City.
_SPEC = LayerSpec(
    "addresses",
    "address_id",
    "point",
    tuple(Column(c, "str") for c in ADDRESS_COLUMNS),
    label_de="Adressen",
    description="address reference (house coordinates)",
)

#: Column names recognised without a mapping (lower case), in order of preference.
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "street": ("street", "strname", "strassenname", "straßenname", "strasse", "straße", "stn",
               "str_name", "addr:street", "addr_street", "strassenbezeichnung"),
    "number": ("number", "hsnr", "hausnummer", "hausnr", "hnr", "addr:housenumber",
               "addr_housenumber", "housenumber"),
    "suffix": ("suffix", "hsnrzu", "hsnrzus", "hsnr_zusatz", "hausnummerzusatz", "zusatz", "adz",
               "hnrzusatz", "adrzusatz"),
    "postcode": ("postcode", "plz", "postleitzahl", "addr:postcode", "addr_postcode", "zip"),
    "city": ("city", "ort", "ortsname", "onm", "gemeinde", "gemeindename", "stadt", "addr:city",
             "addr_city", "gemname"),
    "address": ("address", "adresse", "anschrift", "lagebez", "lagebeztxt"),
}  # fmt: skip

#: Coordinate column pairs of house-coordinate files beyond those gi.read_layer knows.
_XY_EXTRA = (("ostwert", "nordwert"), ("eko", "nko"), ("east", "north"), ("utm_x", "utm_y"),
             ("rw", "hw"), ("koord_x", "koord_y"))  # fmt: skip


#: HK-DE coordinate headers that show the digits (``ZZEEEEEE,EEE``, ``EEEEEEEE_EEE``, ``NNNNNNN,NNN``).
_EAST_PATTERN = re.compile(r"(?:ZZ)?E{6,}[_,.]E+", re.IGNORECASE)
_NORTH_PATTERN = re.compile(r"N{7,}[_,.]N+", re.IGNORECASE)
#: Street names that say the name is unknown (Essen: ``### Straßenname unbekannt``).
_NO_STREET = re.compile(r"^\s*#")


class AddressWarning(GeoinnenstadtWarning):
    """Rows of an address reference or an address list that cannot be used as they are."""


# --------------------------------------------------------------------------- normalisation

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _street_key_one(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return pd.NA
    t = fold(value).encode("ascii", "ignore").decode("ascii")  # the folding shared with the maps
    t = _NOT_ALNUM.sub("", t)
    return t or pd.NA


def street_key(values: Any) -> Any:
    """The normalised street key of one name or of a Series (computed once per distinct name).

    Examples
    --------
    >>> street_key("Maria-Weber-Weg") == street_key("maria weber weg")
    True
    >>> [street_key(s) for s in ("Hauptstr.", "Hauptstraße", "HAUPTSTRASSE", "Haupt-Str")]
    ['hauptstrasse', 'hauptstrasse', 'hauptstrasse', 'hauptstrasse']
    >>> street_key("Königsallee"), street_key("St.-Georg-Str. ")
    ('koenigsallee', 'sanktgeorgstrasse')
    """
    if not isinstance(values, pd.Series):
        return _street_key_one(values)
    codes, uniques = pd.factorize(values.astype("object"), use_na_sentinel=True)
    keys = np.array([_street_key_one(u) for u in uniques] + [pd.NA], dtype=object)
    return pd.Series(keys[codes], index=values.index, dtype="string")


_NUMBER = re.compile(
    r"^\s*(?P<n>\d+)\s*(?:(?P<letter>[a-zA-Z])(?![a-zA-Z])|/\s*(?P<sub>\d+)"
    r"|(?P<range>\s*(?:-|–|;|,|\+|bis)\s*\d+.*))?\s*(?P<rest>.*)$"
)


def _split_one(value: Any) -> tuple[Any, str]:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return pd.NA, ""
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        return int(value), ""
    m = _NUMBER.match(str(value))
    if m is None:
        return pd.NA, ""
    if m["letter"]:
        return int(m["n"]), m["letter"].lower()
    if m["sub"]:
        return int(m["n"]), f"/{int(m['sub'])}"
    return int(m["n"]), ""


def split_number(values: Any) -> Any:
    """House number and suffix of one text or of a Series (→ DataFrame ``number``, ``suffix``).

    Examples
    --------
    >>> [split_number(v) for v in ("12a", "12 A", "12 a", "12/1", "12-14", "12", 7)]
    [(12, 'a'), (12, 'a'), (12, 'a'), (12, '/1'), (12, ''), (12, ''), (7, '')]
    >>> split_number("o. Nr.")
    (<NA>, '')
    """
    if not isinstance(values, pd.Series):
        return _split_one(values)
    codes, uniques = pd.factorize(values.astype("object"), use_na_sentinel=True)
    parts = [_split_one(u) for u in uniques] + [(pd.NA, "")]
    numbers = pd.array([p[0] for p in parts], dtype="Int64")[codes]
    suffixes = np.array([p[1] for p in parts], dtype=object)[codes]
    return pd.DataFrame(
        {"number": numbers, "suffix": pd.array(suffixes, dtype="string")}, index=values.index
    )


def per_value(values: pd.Series, fn: Any) -> pd.Series:
    """``fn`` applied once per distinct value (NA → NA), as ``string``; keeps the index."""
    codes, uniques = pd.factorize(pd.Series(values).astype("object"), use_na_sentinel=True)
    mapped = np.array([fn(u) for u in uniques] + [None], dtype=object)
    out = pd.Series(mapped[codes], index=values.index, dtype="object")
    return out.astype("string")


def _suffix_one(v: Any) -> str:
    t = "".join(str(v).split()).lower().lstrip("/")
    return f"/{t}" if t.isdigit() else t


def _clean_suffix(values: pd.Series) -> pd.Series:
    """A suffix column (``hsnrzu``): letters lower case, digits as an Unternummer ``/1``."""
    return per_value(values, _suffix_one).fillna("")


def clean_text(values: pd.Series) -> pd.Series:
    """Text with collapsed spaces; empty text → NA."""
    return per_value(values, lambda v: " ".join(str(v).split()) or None)


_ADDRESS = re.compile(
    r"^\s*(?P<street>.*?)[\s,]*(?P<hnr>\d+(?:\s*[a-zA-Z](?![a-zA-Z]))?"
    r"(?:\s*(?:[-–/;+]|bis)\s*\d+\s*[a-zA-Z]?(?![a-zA-Z]))?)?\s*$"
)
_POSTCODE = re.compile(r"\b(?P<plz>\d{5})\b\s*(?P<city>[^,\d]*)")
_TOWN = re.compile(r",\s*(?P<city>[^\W\d_][^,\d]*?)\s*$")


def split_address(values: pd.Series) -> pd.DataFrame:
    """Split address text (``"Westenhellweg 12a, 44137 Dortmund"``) into its parts.

    Returns a DataFrame with ``street``, ``house_number`` (the number as typed),
    ``postcode`` and ``city`` (NA where absent). A five-digit number is the
    postcode and the words after it the city; without a postcode, words
    without digits after the last comma are the city (``"Hauptstr. 14,
    Essen"``); the last number group of the rest is the house number (with a
    letter, ``/1`` or a range).

    Examples
    --------
    >>> split_address(pd.Series(["Westenhellweg 12a, 44137 Dortmund", "Str. des 17. Juni 5",
    ...                          "Hauptstr. 14, Essen"]))
                  street house_number postcode      city
    0      Westenhellweg          12a    44137  Dortmund
    1  Str. des 17. Juni            5     <NA>      <NA>
    2          Hauptstr.           14     <NA>     Essen
    """
    codes, uniques = pd.factorize(values.astype("object"), use_na_sentinel=True)
    rows = []
    for u in uniques:
        text = " ".join(str(u).split())
        plz = city = None
        m = _POSTCODE.search(text)
        if m is not None:
            plz, city = m["plz"], m["city"].strip(" ,") or None
            text = (text[: m.start()] + " " + text[m.end() :]).strip(" ,")
        elif (t := _TOWN.search(text)) is not None:  # "Hauptstr. 14, Essen": a town alone
            city, text = t["city"], text[: t.start()].strip(" ,")
        a = _ADDRESS.match(text)
        street, hnr = (a["street"].strip(" ,"), a["hnr"]) if a else (text, None)
        rows.append((street or None, hnr, plz, city))
    rows.append((None, None, None, None))
    table = pd.DataFrame(
        rows, columns=["street", "house_number", "postcode", "city"], dtype="string"
    )
    out = table.iloc[codes].reset_index(drop=True)
    out.index = values.index
    return out


# --------------------------------------------------------------------------- the reference


def read_table(path: Any, *, sheet: str | int | None = None) -> pd.DataFrame:
    """An address list as a plain table (the io readers: CSV, Excel, geodata files)."""
    pre = ValidationReport("addresses")
    raw = read_raw(path, "addresses", None, sheet, None, pre, None)
    frame = pd.DataFrame(raw.frame)
    if isinstance(raw.frame, gpd.GeoDataFrame):
        frame = frame.drop(columns=[raw.frame.geometry.name], errors="ignore")
    frame.attrs["source"] = raw.source
    return frame


def pick_column(present: list[str], given: str | None, role: str, source: str) -> str | None:
    """The column for ``role``.

    ``given`` (which must exist), else the first known candidate name present, else
    None.
    """
    if given is not None:
        found = find_column(present, given)
        if found is None:
            raise SchemaError(
                f"{source}: {role} column {given!r} does not exist; the columns are: "
                f"{', '.join(map(repr, present))}"
            )
        return found
    for cand in _CANDIDATES[role]:
        found = find_column(present, cand)
        if found is not None:
            return found
    return None


def _load(path: Any, crs: Any, layer: Any, pre: ValidationReport) -> tuple[gpd.GeoDataFrame, str]:
    """The reference as points in the working CRS (the io readers and CRS rules)."""
    if isinstance(path, gpd.GeoDataFrame):
        source = str(path.attrs.get("source", "reference"))
        gdf = resolve_crs(path, crs, source, pre)
    elif isinstance(path, pd.DataFrame):
        source = str(path.attrs.get("source", "reference"))
        gdf = _table_points(path, crs, source, pre)
    elif osm.is_extract(path):
        gdf, source = _osm_points(path, pre)
    elif leerstandsmelder.is_export(path):
        raise DataFileError(
            f"{path} is a Leerstandsmelder export (vacant places), not an address reference: "
            f"read its places with gi.read_layer({str(path)!r}, 'units'); read_addresses reads "
            "house coordinates (Hauskoordinaten) or OpenStreetMap address points",
            path,
        )
    else:
        raw = read_raw(path, "addresses", layer, None, None, pre, None)
        source = raw.source
        frame = raw.frame
        is_table = not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame
        gdf = (
            _table_points(pd.DataFrame(frame), crs, source, pre)
            if is_table
            else resolve_crs(frame, crs, source, pre)
        )
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    area = ~shapely.is_missing(geoms) & (shapely.get_type_id(geoms) != 0)
    if area.any():
        geoms = geoms.copy()
        geoms[area] = shapely.point_on_surface(geoms[area])
        gdf = gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
        pre.note(f"{int(area.sum())} building outlines or multipoints used as a point on surface")
    _crs.check_location(gdf, source=source)
    return to_working_crs(gdf, source, _SPEC, pre), source


class _OsmAddresses(osm.Collector):
    """Address points of an OSM file.

    Nodes and buildings with ``addr:street`` and ``addr:housenumber``
    (``addr:place`` stands for the street where there is none).
    """

    noun = "address"

    def select(self, tags: dict[str, str]) -> dict[str, Any] | None:
        keys = ("addr:street", "addr:place", "addr:housenumber")
        given = [f"{k}={tags[k]}" for k in keys if tags.get(k)]
        return {"osm_tag": " + ".join(given)} if given else None

    def keep(
        self, oid: str, found: dict[str, Any], tags: dict[str, str], edited: Any, geom: Any
    ) -> None:
        street = tags.get("addr:street") or tags.get("addr:place")
        what = f"{oid} ({found['osm_tag']})"
        if not street:
            self.leave(oid, f"{what} has no addr:street (nor addr:place): no address; left out",
                       "house numbers without a street (the ends of an addr:interpolation line, "
                       "members of an associatedStreet relation) are not read; add addr:street "
                       "in OpenStreetMap", "street")  # fmt: skip
            return
        if not tags.get("addr:housenumber"):
            self.leave(oid, f"{what} has no addr:housenumber: no address point; left out",
                       "an OSM object with a street but no number (a post box, an interpolation "
                       "line) locates no house; add addr:housenumber in OpenStreetMap",
                       "number")  # fmt: skip
            return
        self.rows.append({
            "osm_id": oid, "addr:street": street, "addr:housenumber": tags["addr:housenumber"],
            "addr:postcode": tags.get("addr:postcode"), "addr:city": tags.get("addr:city"),
        })  # fmt: skip
        self.points.append(geom)


def _osm_points(path: Any, pre: ValidationReport) -> tuple[gpd.GeoDataFrame, str]:
    """Address points of an OSM extract or Overpass JSON answer (parsed by :mod:`.osm`)."""
    found = _OsmAddresses(pre)
    p = osm.walk(path, found)
    source = str(p if p is not None else path)
    columns = ["osm_id", "addr:street", "addr:housenumber", "addr:postcode", "addr:city"]
    frame = pd.DataFrame(found.rows, columns=columns)
    pre.note(
        f"OpenStreetMap: {len(frame)} address points (nodes, and buildings at a point on their "
        f"surface) from {found.counts['nodes']} nodes, {found.counts['ways']} ways and "
        f"{found.counts['relations']} relations; {len(found.reported)} object(s) with "
        "addr:street or addr:housenumber left out and reported"
    )
    points = gpd.GeoSeries(found.points, crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326"), source


def _table_points(frame: pd.DataFrame, crs: Any, source: str, pre: ValidationReport) -> Any:
    cols = [str(c) for c in frame.columns]
    x = y = None
    for cx, cy in _XY_EXTRA:
        fx, fy = find_column(cols, cx), find_column(cols, cy)
        if fx is not None and fy is not None:
            x, y = fx, fy
            break
    if x is None:  # HK-DE headers name the coordinates by their digits: EEEEEEEE_EEE, NNNNNNN,NNN
        xs = [c for c in cols if _EAST_PATTERN.fullmatch(c.strip())]
        ys = [c for c in cols if _NORTH_PATTERN.fullmatch(c.strip())]
        if len(xs) == 1 and len(ys) == 1:
            x, y = xs[0], ys[0]
    gdf, _ = points_from_columns(frame, _SPEC, x, y, crs, source, pre)
    pre.raise_for_errors()
    return gdf


def read_addresses(
    path_or_gdf: Any,
    *,
    street: str | None = None,
    number: str | None = None,
    suffix: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    address: str | None = None,
    crs: Any = None,
    layer: str | int | None = None,
) -> gpd.GeoDataFrame:
    """Read an address reference (house coordinates or OSM address points) as an address index.

    Parameters
    ----------
    path_or_gdf : path, GeoDataFrame or DataFrame
        A file :func:`geoinnenstadt.read_layer` can read (GeoPackage, GeoJSON,
        Shapefile, GML, GeoParquet, CSV/``.txt``, Excel), also compressed as
        downloads come (``.csv.gz``, a ``.zip`` such as
        ``hauskoordinaten_essen_4647.zip`` or ``gebref_EPSG4647_ASCII.zip``,
        ``/vsigzip/…``, ``/vsizip/…``; see ``read_layer``), or a
        (Geo)DataFrame. Tables need coordinate columns: those ``read_layer``
        knows (x/y, rechtswert/hochwert, …) or ostwert/nordwert, eko/nko,
        east/north, and the HK-DE headers that show the digits
        (``EEEEEEEE_EEE``/``NNNNNNN_NNN``, ``ZZEEEEEE,EEE``/``NNNNNNN,NNN``).
        The AdV format HK-DE (``NBA;OI;QUA;…;HNR;ADZ;…;STN;PLZ;ONM…``) is
        recognised without a mapping, also NRW's ``gebref.txt`` without a
        header line. The CRS comes from ``crs=`` or, where exactly one fits,
        from the values (:func:`geoinnenstadt.crs.guess`: zone-prefixed
        eastings ``32…`` are EPSG:4647). Building outlines become a point on
        their surface. An OpenStreetMap extract (``.osm``, ``.osm.gz``,
        ``.osm.bz2``, ``.osm.pbf``) or a saved Overpass API JSON answer gives
        its address points: nodes and closed ways (buildings, at a point on
        their surface) with ``addr:street`` (or ``addr:place``) and
        ``addr:housenumber``, with ``addr:postcode`` and ``addr:city``; read by
        :mod:`geoinnenstadt.sources.osm` (pyosmium). Every other object with
        ``addr:street`` or ``addr:housenumber`` (a number without street, a
        street without number, an interpolation line, a way cut at the
        extract's edge, a multipolygon) is left out and named by its OSM id
        (``n123``, ``w456``) in ``attrs["validation_report"].left_out``.
    street, number, suffix, postcode, city, address : str, optional
        Source columns. Recognised without them (any case):
        ``strname``/``strasse``/``addr:street``, ``hsnr``/``hausnummer``/
        ``addr:housenumber``, ``hsnrzu``/``zusatz``/``adz``, ``plz``/
        ``addr:postcode``, ``ort``/``gemeinde``/``addr:city``; a full address
        column (``adresse``, ``address``) is split when there is no street column.
        HK-DE: ``STN``, ``HNR``, ``ADZ``, ``PLZ``, ``ONM``. A street name that
        begins with ``#`` (Essen: ``### Straßenname unbekannt``) is a
        placeholder: the row counts as without street.
    crs : optional
        CRS of the coordinates when the file does not declare one.
    layer : str or int, optional
        Layer of a GeoPackage or sheet of a workbook; for a ZIP archive with
        several data files the member (e.g. ``layer="gebref.txt"``).

    Returns
    -------
    geopandas.GeoDataFrame
        ``street``, ``number`` (Int64), ``suffix`` (``""`` when none),
        ``postcode``, ``city``, ``n_source_rows`` and point geometry in the
        working CRS, one row per distinct address *and point*. Identical rows
        (same address at the same point) are **collapsed**, with their count in
        ``n_source_rows``; the same address at different points is kept as
        separate rows. Rows without a street or a house number are **kept**
        (a street alone still locates a street) and reported: an
        :class:`AddressWarning` and ``attrs["address_report"]``
        (``no_street``, ``no_number``, ``no_point``: 0-based source rows;
        ``collapsed``: number of rows merged).
        ``attrs["validation_report"]`` is a
        :class:`~geoinnenstadt.schema.ValidationReport` whose ``left_out``
        names every source record not returned as a row of its own (``#n``,
        1-based: the collapsed duplicates, each also a warning saying into
        which row it was merged), so that records in the file = rows returned
        + ``len(left_out)``.

    Examples
    --------
    >>> import geopandas as gpd, geoinnenstadt as gi
    >>> from shapely.geometry import Point
    >>> raw = gpd.GeoDataFrame({"strname": ["Westenhellweg", "Westenhellweg"],
    ...     "hsnr": ["12", "12"], "hsnrzu": ["a", ""], "plz": ["44137", "44137"]},
    ...     geometry=[Point(393000, 5707500), Point(393010, 5707500)], crs="EPSG:25832")
    >>> ref = gi.read_addresses(raw)
    >>> ref[["street", "number", "suffix", "postcode"]].values.tolist()
    [['Westenhellweg', 12, 'a', '44137'], ['Westenhellweg', 12, '', '44137']]
    >>> ref.attrs["validation_report"].left_out
    []
    """
    pre = ValidationReport("addresses")
    gdf, source = _load(path_or_gdf, crs, layer, pre)
    present = [str(c) for c in gdf.columns if c != gdf.geometry.name]
    col = {
        role: pick_column(present, given, role, source)
        for role, given in (("street", street), ("number", number), ("suffix", suffix),
                            ("postcode", postcode), ("city", city), ("address", address))
    }  # fmt: skip
    if col["street"] is None and col["address"] is None:
        raise SchemaError(
            f"{source}: no street column found (looked for strname, strasse, addr:street, "
            f"adresse, …); the columns are: {', '.join(map(repr, present))}. Pass street='…' "
            "and number='…' (or address='…')"
        )
    n = len(gdf)
    out = pd.DataFrame(index=gdf.index)
    if col["street"] is not None:
        out["street"] = _street_text(gdf[col["street"]])
        hnr = gdf[col["number"]] if col["number"] is not None else pd.Series(pd.NA, index=gdf.index)
        pc = gdf[col["postcode"]] if col["postcode"] else pd.Series(pd.NA, index=gdf.index)
        ct = gdf[col["city"]] if col["city"] else pd.Series(pd.NA, index=gdf.index)
    else:
        parts = split_address(gdf[str(col["address"])])
        out["street"] = clean_text(parts["street"])
        hnr = parts["house_number"]
        pc = gdf[col["postcode"]] if col["postcode"] else parts["postcode"]
        ct = gdf[col["city"]] if col["city"] else parts["city"]
    num = split_number(hnr)
    out["number"] = num["number"]
    out["suffix"] = num["suffix"]
    if col["suffix"] is not None:
        extra = _clean_suffix(gdf[col["suffix"]])
        out["suffix"] = out["suffix"].where(extra == "", extra)
    out["postcode"] = postcode_text(pc)
    out["city"] = clean_text(ct)
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    out = gpd.GeoDataFrame(out, geometry=list(geoms), crs=gdf.crs)
    report = _report_rows(out, source)
    out, merged = _collapse(out)
    pre.source = source
    pre.n_rows = n
    for row, into in merged.items():
        pre.leave_out(
            f"#{row + 1}",
            None,
            f"identical to row #{into + 1} (same address, same point): collapsed into one address",
            "counted in that address's n_source_rows",
        )
    report["collapsed"] = len(merged)
    report["source"] = source
    report["n_source_rows"] = n
    report["notes"] = list(pre.notes)
    out.attrs["address_report"] = report
    out.attrs["validation_report"] = AttachedReport.attach(pre)
    out.attrs["source"] = source
    _warn(report, source)
    return out


def _street_text(values: pd.Series) -> pd.Series:
    """Street names as text; a placeholder such as ``### Straßenname unbekannt`` is no street."""
    out = clean_text(values)
    return out.mask(out.str.match(_NO_STREET).fillna(False).astype(bool))


def _postcode_one(v: Any) -> Any:
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return f"{int(v):05d}" if float(v).is_integer() else str(v)
    t = " ".join(str(v).split())
    return t.zfill(5) if t.isdigit() else (t or None)


def postcode_text(values: pd.Series) -> pd.Series:
    """Postcodes as five-digit text (Excel turns 01067 into 1067)."""
    return per_value(values, _postcode_one)


def _report_rows(out: gpd.GeoDataFrame, source: str) -> dict[str, Any]:
    missing_point = shapely.is_missing(np.asarray(out.geometry.array, dtype=object))
    return {
        "no_street": np.flatnonzero(out["street"].isna().to_numpy()).tolist(),
        "no_number": np.flatnonzero(
            out["street"].notna().to_numpy() & out["number"].isna().to_numpy()
        ).tolist(),
        "no_point": np.flatnonzero(missing_point).tolist(),
    }


def _collapse(out: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, dict[int, int]]:
    """Identical rows (same address, same point) → one row with ``n_source_rows``.

    Returns the index and ``{row collapsed: the row it was merged into}`` (0-based positions).
    """
    xy = shapely.get_coordinates(np.asarray(out.geometry.array, dtype=object), include_z=False)
    present = ~shapely.is_missing(np.asarray(out.geometry.array, dtype=object))
    x = np.full(len(out), np.nan)
    y = np.full(len(out), np.nan)
    x[present], y[present] = xy[:, 0], xy[:, 1]
    keys = pd.DataFrame({c: out[c] for c in ADDRESS_COLUMNS}).assign(_x=x, _y=y)
    dup = keys.duplicated(keep="first").to_numpy()
    group = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy()
    size = np.bincount(group)[group]
    result = out.loc[~dup].copy()
    result["n_source_rows"] = size[~dup].astype("int64")
    result = result[[*ADDRESS_COLUMNS, "n_source_rows", result.geometry.name]]
    first = {int(g): i for i, g in reversed(list(enumerate(group)))}
    merged = {int(i): first[int(group[i])] for i in np.flatnonzero(dup)}
    return result.reset_index(drop=True), merged


def _warn(report: Mapping[str, Any], source: str) -> None:
    parts = []
    for key, what in (("no_street", "without a street"), ("no_number", "without a house number"),
                      ("no_point", "without coordinates")):  # fmt: skip
        rows = report[key]
        if rows:
            shown = ", ".join(str(r + 1) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
            parts.append(f"{len(rows)} {what} (rows {shown})")
    if report["collapsed"]:
        parts.append(
            f"{report['collapsed']} identical rows (same address, same point) collapsed, "
            "counted in n_source_rows"
        )
    if parts:
        warnings.warn(
            f"{source}: {'; '.join(parts)}; rows are kept (a street alone still locates a "
            "street); see attrs['address_report']",
            AddressWarning,
            stacklevel=3,
        )
