"""GML geometry of the XML readers: surfaces, rings, curves and arcs as shapely polygons.

Shared by :mod:`geoinnenstadt.sources.nas` (ALKIS NAS) and
:mod:`geoinnenstadt.sources.xplan` (XPlanGML), both read with the standard
XML parser. A ``gml:Polygon``, ``gml:Surface`` (one ``gml:PolygonPatch`` per
part), ``gml:MultiSurface`` or ``gml:CompositeSurface`` becomes a list of
polygons; rings are ``gml:LinearRing`` or ``gml:Ring`` of ``gml:Curve``
segments, where circular arcs (``gml:Arc``, ``gml:ArcString``) are followed
in steps of at most :data:`ARC_STEP_DEGREES`. A geometry that cannot be read
raises :class:`GeometryProblem` with the reason.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``GeometryProblem``, ``polygons``, ``ring``, ``curve``,
``points``, ``arc``, ``local_name``, ``first_child``, ``epsg_of``.

Examples
--------
>>> import xml.etree.ElementTree as ET
>>> el = ET.fromstring(
...     '<gml:Polygon xmlns:gml="http://www.opengis.net/gml/3.2"><gml:exterior><gml:LinearRing>'
...     '<gml:posList>0 0 10 0 10 10 0 0</gml:posList></gml:LinearRing></gml:exterior>'
...     '</gml:Polygon>')
>>> polygons(el, False, 2)[0].area
50.0
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

__all__ = ["ARC_STEP_DEGREES"]

#: Largest angle (degrees) between two points that follow a circular arc.
ARC_STEP_DEGREES = 2.0

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


class GeometryProblem(Exception):
    """A geometry that cannot be read (the message says why)."""


def local_name(tag: object) -> str:
    """The local name of an element tag (``{ns}name`` → ``name``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def first_child(el: ET.Element | None, *path: str) -> ET.Element | None:
    """The first descendant along ``path`` of local names (any namespace), else None."""
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if local_name(c.tag) == name), None)
    return el


#: AdV CRS URNs (``urn:adv:crs:…``) → EPSG codes; a suffix such as ``_NW101`` is ignored.
ADV_CRS = {
    "ETRS89_UTM32": 25832,
    "ETRS89_UTM33": 25833,
    "DE_DHDN_3GK2": 31466,
    "DE_DHDN_3GK3": 31467,
    "DE_DHDN_3GK4": 31468,
    "DE_DHDN_3GK5": 31469,
}


def epsg_of(name: str | None) -> int | str | None:
    """An EPSG code for an ``srsName`` (``EPSG:x``, OGC or AdV URN, URL), else the name as given.

    Examples
    --------
    >>> epsg_of("urn:ogc:def:crs:EPSG::25832"), epsg_of("EPSG:31467"), epsg_of("Gauss")
    (25832, 31467, 'Gauss')
    >>> epsg_of("urn:adv:crs:ETRS89_UTM32_NW101")
    25832
    """
    if not name:
        return None
    m = re.match(r"^urn:adv:crs:([A-Z0-9_]+)", name.strip(), re.IGNORECASE)
    if m:
        for key, code in ADV_CRS.items():
            if m.group(1).upper().startswith(key):
                return code
        return name.strip()
    m = re.search(r"(?:EPSG(?:::|:|/0/|/)|crs/EPSG/0/)(\d+)\s*$", name.strip(), re.IGNORECASE)
    return int(m.group(1)) if m else name.strip()


def polygons(el: ET.Element, swap: bool, dim: int) -> list[Polygon]:
    name = local_name(el.tag)
    if name in ("Polygon", "PolygonPatch"):
        exterior = first_child(el, "exterior")
        if exterior is None or len(exterior) == 0:
            raise GeometryProblem(f"{name} without exterior")
        holes = [ring(i[0], swap, dim) for i in el if local_name(i.tag) == "interior" and len(i)]
        shell = ring(exterior[0], swap, dim)
        for r in (shell, *holes):
            if len(r) < 4:
                raise GeometryProblem(f"a ring of {len(r)} points (a ring needs at least 4)")
        rings = [shapely.linearrings(h) for h in holes]
        return [shapely.polygons(shapely.linearrings(shell), holes=rings or None)]
    if name == "Surface":
        patches = first_child(el, "patches")
        return [
            p
            for patch in (patches if patches is not None else [])
            for p in polygons(patch, swap, dim)
        ]
    if name in ("MultiSurface", "CompositeSurface"):
        out: list[Polygon] = []
        for member in el:
            if local_name(member.tag) in ("surfaceMember", "surfaceMembers"):
                for part in member:
                    out.extend(polygons(part, swap, dim))
        return out
    raise GeometryProblem(f"the geometry type {name} is not a surface")


def ring(el: ET.Element, swap: bool, dim: int) -> np.ndarray:
    """The (n, 2) coordinates of a ``gml:LinearRing`` or ``gml:Ring`` (arcs densified)."""
    name = local_name(el.tag)
    if name == "LinearRing":
        return points(el, swap, dim)
    if name != "Ring":
        raise GeometryProblem(f"{name} is not a ring")
    coords: list[tuple[float, float]] = []
    for member in el:
        if local_name(member.tag) != "curveMember":
            continue
        if len(member) == 0:
            href = member.get(XLINK_HREF)
            raise GeometryProblem(
                f"a ring refers to a boundary elsewhere ({href}), which is not resolved"
            )
        _extend(coords, curve(member[0], swap, dim))
    return np.asarray(coords, dtype=float).reshape(-1, 2)


def curve(el: ET.Element, swap: bool, dim: int) -> list[tuple[float, float]]:
    name = local_name(el.tag)
    if name == "LineString":
        return _tuples(points(el, swap, dim))
    if name == "Curve":
        segments = first_child(el, "segments")
        coords: list[tuple[float, float]] = []
        for seg in segments if segments is not None else []:
            kind = local_name(seg.tag)
            pts = _tuples(points(seg, swap, dim))
            if kind in ("LineStringSegment", "LineString"):
                _extend(coords, pts)
            elif kind in ("Arc", "ArcString"):
                if len(pts) < 3 or len(pts) % 2 == 0:
                    raise GeometryProblem(f"gml:{kind} needs 3, 5, … points, got {len(pts)}")
                for i in range(0, len(pts) - 2, 2):
                    _extend(coords, arc(pts[i], pts[i + 1], pts[i + 2]))
            else:
                raise GeometryProblem(f"the curve segment gml:{kind} is not supported")
        return coords
    raise GeometryProblem(f"{name} is not a curve")


def _extend(coords: list[tuple[float, float]], more: list[tuple[float, float]]) -> None:
    coords.extend(more[1:] if coords and more and coords[-1] == more[0] else more)


def _tuples(pts: np.ndarray) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in pts.tolist()]


def points(el: ET.Element, swap: bool, dim: int) -> np.ndarray:
    """Coordinates (n, 2) of ``gml:posList`` or ``gml:pos`` children (x y, or lat lon swapped)."""
    pos_list = first_child(el, "posList")
    values: Any
    if pos_list is not None:
        dim = int(pos_list.get("srsDimension") or el.get("srsDimension") or dim)
        try:
            values = np.array((pos_list.text or "").split(), dtype=float)
        except ValueError:
            raise GeometryProblem(
                f"a posList holds text that is not a number: {pos_list.text!r:.60}"
            ) from None
    else:
        values = []
        for pos in (c for c in el if local_name(c.tag) == "pos"):
            try:
                numbers = [float(v) for v in (pos.text or "").split()]
            except ValueError:
                raise GeometryProblem(
                    f"a pos holds text that is not a number: {pos.text!r:.60}"
                ) from None
            values.extend(numbers[:2] + [0.0] * (dim - 2) if len(numbers) >= 2 else numbers)
    if dim < 2 or len(values) % dim:
        raise GeometryProblem(
            f"{len(values)} coordinate values do not make {dim}-dimensional points"
        )
    pts = np.asarray(values, dtype=float).reshape(-1, dim)[:, :2]
    return pts[:, ::-1] if swap else pts


def arc(
    p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float]
) -> list[tuple[float, float]]:
    """Points along the circular arc from ``p0`` through ``p1`` to ``p2``.

    Computed relative to ``p0``: UTM coordinates squared lose the millimetres,
    and an arc of three points a few millimetres apart (real exports write
    such arcs) would become a whole circle. Three points collinear within a
    micrometre per metre of chord are a straight line.

    Examples
    --------
    >>> pts = arc((10.0, 0.0), (0.0, 10.0), (-10.0, 0.0))  # half a circle of radius 10
    >>> len(pts), pts[0], pts[-1], round(max(y for _, y in pts), 6)
    (91, (10.0, 0.0), (-10.0, 0.0), 10.0)
    >>> tiny = arc((5.0e5, 5.9e6), (5.0e5 + 0.001, 5.9e6 + 0.001), (5.0e5 + 0.003, 5.9e6 + 0.002))
    >>> len(tiny) < 40, max(abs(x - 5.0e5) + abs(y - 5.9e6) for x, y in tiny) < 0.006
    (True, True)
    """
    ox, oy = p0
    bx, by = p1[0] - ox, p1[1] - oy
    cx, cy = p2[0] - ox, p2[1] - oy
    cross = bx * cy - by * cx  # twice the signed area of the triangle (p0 at the origin)
    chord = max(math.hypot(cx, cy), math.hypot(bx, by), math.hypot(cx - bx, cy - by))
    if chord == 0 or abs(cross) <= 1e-6 * chord * chord:  # collinear: a straight line
        return [p0, p1, p2]
    d = 2 * cross
    ux = (cy * (bx * bx + by * by) - by * (cx * cx + cy * cy)) / d
    uy = (bx * (cx * cx + cy * cy) - cx * (bx * bx + by * by)) / d
    r = math.hypot(ux, uy)
    a0 = math.atan2(-uy, -ux)
    a2 = math.atan2(cy - uy, cx - ux)
    sweep = (a2 - a0) % (2 * math.pi)
    if cross < 0:  # clockwise from p0 through p1 to p2
        sweep -= 2 * math.pi
    steps = max(2, math.ceil(abs(math.degrees(sweep)) / ARC_STEP_DEGREES))
    inner = [
        (
            ox + ux + r * math.cos(a0 + sweep * i / steps),
            oy + uy + r * math.sin(a0 + sweep * i / steps),
        )
        for i in range(1, steps)
    ]
    return [p0, *inner, p2]
