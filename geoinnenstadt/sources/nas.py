"""NAS (ALKIS *normbasierte Austauschschnittstelle*): parcels (``AX_Flurstueck``) from the XML.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).

The cadastral authorities deliver the full ALKIS data as NAS, an XML
encoding of the AdV's AAA model (namespace
``http://www.adv-online.de/namespaces/adv/gid/6.0`` or ``…/7.1``), in three
wrappings:

* a *Bestandsdatenauszug* (``AX_Bestandsdatenauszug`` → ``enthaelt`` →
  ``wfs:FeatureCollection`` → ``gml:featureMember``);
* an update for one user, *NBA* (``AX_NutzerbezogeneBestandsdatenaktualisierung_NBA``
  → ``geaenderteObjekte`` → ``wfs:Transaction`` with ``wfs:Insert``,
  ``wfsext:Replace`` and ``wfs:Delete``);
* the response of an AAA-model WFS (e.g. NRW's ``wfs_nw_alkis_aaa-modell-basiert``:
  ``wfs:FeatureCollection`` → ``wfs:member``).

GDAL's NAS driver is not part of the pyogrio wheels, and GDAL's GML driver
does not understand the nested NAS properties, so the parcels are read here
with the standard XML parser, recognised by the content (the AdV namespace),
whatever the file is called. Each ``AX_Flurstueck`` becomes one row with the
columns of ALKIS vereinfacht, so that :func:`geoinnenstadt.sources.alkis.recognise`
builds the ``parcel_id`` as for every other ALKIS export:

==============================================================  ==============
NAS                                                             column
==============================================================  ==============
``flurstueckskennzeichen``                                      ``flstkennz``
``gemarkung/AX_Gemarkung_Schluessel/land``                      ``landschl``
``… land`` + ``gemarkungsnummer``                               ``gemaschl``
``flurnummer``                                                  ``flur``
``flurstuecksnummer/AX_Flurstuecksnummer/zaehler`` / ``nenner``  ``flstnrzae`` / ``flstnrnen``
``amtlicheFlaeche``                                             ``flaeche``
``lebenszeitintervall/…/beginnt`` (the day)                     ``aktualit``
``gemeindezugehoerigkeit/AX_Gemeindekennzeichen``               ``gmdschl``
the first 16 characters of ``gml:id`` (the object id)           ``idflurst``
==============================================================  ==============

Geometry: ``position`` holds a ``gml:Polygon``, ``gml:Surface`` (one
``gml:PolygonPatch`` per part) or ``gml:MultiSurface``; rings are
``gml:LinearRing`` or ``gml:Ring`` of ``gml:Curve`` segments, where circular
arcs (``gml:Arc``, ``gml:ArcString``) are followed in steps of at most
:data:`ARC_STEP_DEGREES`. The CRS is the ``srsName`` of the geometry, or the
standard one of the header (``koordinatenangaben``, an AdV URN such as
``urn:adv:crs:ETRS89_UTM32``).

Records the reader does not keep, each named in the report
(:meth:`~geoinnenstadt.schema.ValidationReport.leave_out`): a historical
version (``lebenszeitintervall`` with ``endet``), an object delivered a second
time in the same file (same object id and ``beginnt``), a parcel whose
geometry cannot be read. Deletions (``wfs:Delete``) of an NBA are counted in
a note: they apply to the user's copy of the data, not to this file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from .. import crs as _crs
from ..errors import DataFileError
from .gml import ARC_STEP_DEGREES, XLINK_HREF, epsg_of
from .gml import GeometryProblem as _Skip
from .gml import first_child as _child
from .gml import local_name as _local
from .gml import polygons as _polygons

__all__ = ["ARC_STEP_DEGREES", "is_nas", "read_raw", "recognise"]


_ADV = "http://www.adv-online.de/namespaces/adv/gid/"
_GML_ID = ("{http://www.opengis.net/gml/3.2}id", "{http://www.opengis.net/gml}id")

_SUFFIXES = {".xml", ".gml", ".nas", ""}
_M2 = {"m2", "urn:adv:uom:m2", "m^2", "sqm"}


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The parcels of a NAS file as ALKIS vereinfacht columns, else None (not NAS)."""
    p = _nas_file(target)
    if p is None:
        return None
    if kind != "parcels":
        raise ValueError(
            f"{p}: a NAS file (ALKIS) is read as kind='parcels' (its AX_Flurstueck objects), "
            f"not {kind!r}"
        )
    from ..io.formats import RawLayer

    return RawLayer(_read(p, pre), str(p), "nas")


def recognise(frame: Any, kind: str, columns: Any, pre: Any) -> tuple[Any, Any]:
    """``frame`` and ``columns`` unchanged: the columns are those of ALKIS vereinfacht already."""
    return frame, columns


def is_nas(path: Any) -> bool:
    """True when ``path`` is a NAS file (judged by its content: the AdV namespace).

    Examples
    --------
    >>> is_nas("gibt-es-nicht.xml")
    False
    """
    return _nas_file(path) is not None


def _nas_file(target: Any) -> Path | None:
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    if p.suffix.lower() not in _SUFFIXES or not p.is_file():
        return None
    with p.open("rb") as f:
        head = f.read(65536)
    if _ADV.encode() in head and b"AX_" in head:
        return p
    return None


# --------------------------------------------------------------------------- records


def _text(el: ET.Element | None, *path: str) -> str | None:
    found = _child(el, *path)
    if found is None or found.text is None or not found.text.strip():
        return None
    return found.text.strip()


def _read(p: Path, pre: Any) -> gpd.GeoDataFrame:
    try:
        root = ET.parse(p).getroot()
    except ET.ParseError as exc:
        raise DataFileError(
            f"{p}: the NAS file is not well-formed XML ({exc}); download it again", p
        ) from None
    header_crs = _header_crs(root)
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []
    crss: list[int | str | None] = []
    seen: dict[tuple[str, str | None], int] = {}
    parcels = [
        el
        for el in root.iter()
        if _local(el.tag) == "AX_Flurstueck" and el.tag.startswith("{" + _ADV)
    ]
    for n, el in enumerate(parcels, start=1):
        gml_id = next((el.get(a) for a in _GML_ID if el.get(a)), None) or ""
        label = f"#{n} ({gml_id})" if gml_id else f"#{n}"
        oid = gml_id[:16]
        begins = _text(el, "lebenszeitintervall", "AA_Lebenszeitintervall", "beginnt")
        ends = _text(el, "lebenszeitintervall", "AA_Lebenszeitintervall", "endet")
        if ends is not None:
            pre.leave_out(
                label,
                "parcel_id",
                f"a historical version of the parcel (lebenszeitintervall ends {ends})",
                "only current parcels are read; historical versions stay in the NAS file",
            )
            continue
        if (oid, begins) in seen:
            pre.leave_out(
                label,
                "parcel_id",
                f"the object {oid} (beginnt {begins}) was delivered before, as record "
                f"#{seen[(oid, begins)]}",
                "a NAS delivery repeats unchanged context objects; the first one is kept",
            )
            continue
        try:
            geom, srs = _position(el, header_crs)
        except _Skip as exc:
            pre.leave_out(
                label,
                "geometry",
                f"the parcel's geometry (position) cannot be read: {exc}",
                "check the NAS export; the parcel is left out",
            )
            continue
        seen[(oid, begins)] = n
        rows.append(_attributes(el, oid, gml_id, begins, label, pre))
        geoms.append(geom)
        crss.append(srs)
    _note_deletions(root, pre)
    known = {c for c in crss if c is not None}
    if len(known) > 1:
        raise DataFileError(
            f"{p}: the parcels of this NAS file use several coordinate reference systems "
            f"({', '.join(sorted(map(str, known)))}); export them in one CRS",
            p,
        )
    crs: int | str | None
    if known:
        crs = known.pop()
    else:  # no parcel kept: the CRS the file declares, for an empty layer
        named = (e.get("srsName") for e in root.iter() if e.get("srsName"))
        crs = next((epsg_of(n) for n in named), None) or header_crs
    pre.note(
        f"NAS: {len(rows)} of {len(parcels)} AX_Flurstueck objects read with the XML parser "
        "(GDAL's NAS driver is not needed)"
    )
    if not rows:
        return gpd.GeoDataFrame({"idflurst": [], "flstkennz": []}, geometry=[], crs=crs)
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=crs)


def _attributes(
    el: ET.Element, oid: str, gml_id: str, begins: str | None, label: str, pre: Any
) -> dict[str, Any]:
    land = _text(el, "gemarkung", "AX_Gemarkung_Schluessel", "land")
    gemarkung = _text(el, "gemarkung", "AX_Gemarkung_Schluessel", "gemarkungsnummer")
    area = _child(el, "amtlicheFlaeche")
    uom = area.get("uom") if area is not None else None
    if uom is not None and uom.strip().lower() not in _M2:
        pre.warn(
            label,
            "official_area_m2",
            f"amtlicheFlaeche is given in {uom!r}, not in square metres",
            "official_area_m2 is read as square metres; check the export",
        )
    municipality = _child(el, "gemeindezugehoerigkeit", "AX_Gemeindekennzeichen")
    parts = [_text(municipality, k) for k in ("land", "regierungsbezirk", "kreis", "gemeinde")]
    ags = None
    if all(v is not None for v in parts):
        a, b, c, d = (str(v) for v in parts)
        ags = a.zfill(2) + b + c.zfill(2) + d.zfill(3)
    return {
        "idflurst": oid,
        "gml_id": gml_id,
        "flstkennz": _text(el, "flurstueckskennzeichen"),
        "landschl": land,
        "gemaschl": (land or "") + (gemarkung or "") if gemarkung is not None else None,
        "flur": _text(el, "flurnummer"),
        "flstnrzae": _text(el, "flurstuecksnummer", "AX_Flurstuecksnummer", "zaehler"),
        "flstnrnen": _text(el, "flurstuecksnummer", "AX_Flurstuecksnummer", "nenner"),
        "flaeche": _text(el, "amtlicheFlaeche"),
        "aktualit": begins[:10] if begins else None,
        "gmdschl": ags,
    }


def _note_deletions(root: ET.Element, pre: Any) -> None:
    deleted = [
        el
        for el in root.iter()
        if _local(el.tag) == "Delete" and _local(el.get("typeName", "")) == "AX_Flurstueck"
    ]
    if deleted:
        pre.note(
            f"NAS: the update deletes {len(deleted)} parcel(s) (wfs:Delete of AX_Flurstueck); "
            "deletions apply to an existing copy of the data and are not parcels of this file"
        )


# --------------------------------------------------------------------------- CRS


def _header_crs(root: ET.Element) -> int | str | None:
    """The standard CRS of a Bestandsdatenauszug or NBA (``koordinatenangaben``), else None."""
    found: list[tuple[bool, str]] = []
    for el in root:
        if _local(el.tag) != "koordinatenangaben":
            continue
        info = _child(el, "AA_Koordinatenreferenzsystemangaben")
        crs = _child(info, "crs")
        href = crs.get(XLINK_HREF) if crs is not None else None
        if href:
            found.append((_text(info, "standard") == "true", href))
    if not found:
        return None
    standard = [href for is_standard, href in found if is_standard]
    return epsg_of((standard or [found[0][1]])[0])


def _swapped(srs: int | str | None) -> bool:
    """True when the CRS lists latitude first (``urn:ogc:def:crs:EPSG::4326``)."""
    return isinstance(srs, int) and _crs.northing_first(srs)


# --------------------------------------------------------------------------- geometry


def _position(el: ET.Element, header_crs: int | str | None) -> tuple[BaseGeometry, Any]:
    position = _child(el, "position")
    if position is None or len(position) == 0:
        raise _Skip("the parcel has no position")
    geom_el = position[0]
    srs = epsg_of(geom_el.get("srsName")) or header_crs
    swap = _swapped(srs)
    dim = int(geom_el.get("srsDimension") or 2)  # 3: x y z, the height ignored
    polygons = _polygons(geom_el, swap, dim)
    if not polygons:
        raise _Skip(f"no polygon in {_local(geom_el.tag)}")
    geom: BaseGeometry = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    if geom.is_empty:
        raise _Skip("the polygon is empty")
    return geom, srs
