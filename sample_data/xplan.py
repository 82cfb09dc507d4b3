"""A small synthetic XPlanGML 6.0 F-Plan excerpt from a sample city's context land use.

``write_fplan(city, path)`` writes the land-use polygons of ``city.context``
(category ``landuse`` and polygonal ``water``) as an *XPlanAuszug* with one
``FP_Plan``, one ``FP_Bereich`` and one feature per polygon, in the structure
of XPlanGML 6.0 (``FP_BebauungsFlaeche`` with ``allgArtDerBaulNutzung`` and
``besondereArtDerBaulNutzung``, ``FP_Gruen``, ``FP_Gewaesser``), so that
``gi.read_xplan`` and ``gi.read_layer(path, kind="context")`` can read it back.

**Synthetic**: the plan's ``name`` and ``beschreibung`` say so ("Beispieldaten
(synthetisch) – kein rechtswirksamer Plan"); it is no plan of the real city.
The generator wires it in (``sample_data/generate.py``); it uses only the
standard library and the city's GeoDataFrame.

Example::

    import geoinnenstadt as gi
    from sample_data.xplan import write_fplan
    write_fplan(gi.load_sample("dortmund"), "dortmund_fnp_auszug.gml")
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import shapely

from geoinnenstadt.io import atomic_path

__all__ = ["CODES", "write_fplan"]

#: The context's land-use type → (class, allgArtDerBaulNutzung, besondereArtDerBaulNutzung).
CODES: dict[str, tuple[str, str | None, str | None]] = {
    "W": ("FP_BebauungsFlaeche", "1000", "1200"),
    "MI": ("FP_BebauungsFlaeche", "2000", "1500"),
    "MK": ("FP_BebauungsFlaeche", "2000", "1600"),
    "GE": ("FP_BebauungsFlaeche", "3000", "1700"),
    "GI": ("FP_BebauungsFlaeche", "3000", "1800"),
    "SO": ("FP_BebauungsFlaeche", "4000", "2100"),
    "green": ("FP_Gruen", None, None),
    "water": ("FP_Gewaesser", None, None),
}

_NS = (
    'xmlns:xplan="http://www.xplanung.de/xplangml/6/0" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
SYNTHETIC = "Beispieldaten (synthetisch) – kein rechtswirksamer Plan"


def _gml_id(seed: str) -> str:
    return "GML_" + str(uuid.uuid5(uuid.NAMESPACE_URL, "geoinnenstadt-sample:" + seed))


def _ring(coords: Any) -> str:
    values = " ".join(f"{x:.3f} {y:.3f}" for x, y in coords)
    return f"<gml:LinearRing><gml:posList>{values}</gml:posList></gml:LinearRing>"


def _polygon(poly: Any, srs: str) -> str:
    inner = "".join(f"<gml:interior>{_ring(r.coords)}</gml:interior>" for r in poly.interiors)
    return (
        f'<gml:Polygon srsName="{srs}"><gml:exterior>{_ring(poly.exterior.coords)}'
        f"</gml:exterior>{inner}</gml:Polygon>"
    )


def _surface(geom: Any, srs: str) -> str:
    parts = list(shapely.get_parts(geom))
    if len(parts) == 1:
        return _polygon(parts[0], srs)
    members = "".join(f"<gml:surfaceMember>{_polygon(p, srs)}</gml:surfaceMember>" for p in parts)
    return f'<gml:MultiSurface srsName="{srs}">{members}</gml:MultiSurface>'


def write_fplan(city: Any, path: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Write the synthetic F-Plan excerpt of ``city`` (a sample City) to ``path`` (atomically).

    Returns the path. Every polygon of ``city.context`` with a land-use type in
    :data:`CODES` (and every polygonal water area) becomes one feature; lines
    are not plan areas and are not written.
    """
    ctx = city.context
    if ctx is None or ctx.crs is None:
        raise ValueError(f"{getattr(city, 'name', city)}: the city has no context layer with a CRS")
    epsg = ctx.crs.to_epsg()
    srs = f"EPSG:{epsg}"
    city_name = str(getattr(city, "name", "") or "Beispielstadt")
    plan_name = name or f"FNP-Auszug {city_name} – {SYNTHETIC}"
    plan_id, bereich_id = _gml_id(city_name + "/plan"), _gml_id(city_name + "/bereich")
    members: list[str] = []
    ids: list[str] = []
    for row in ctx.itertuples(index=False):
        key = row.landuse if row.category == "landuse" else row.category
        if key not in CODES or shapely.get_type_id(row.geometry) not in (3, 6):
            continue
        cls, allg, besondere = CODES[str(key)]
        fid = _gml_id(f"{city_name}/{row.context_id}")
        ids.append(fid)
        codes = ""
        if allg is not None:
            codes += f"<xplan:allgArtDerBaulNutzung>{allg}</xplan:allgArtDerBaulNutzung>"
        if besondere is not None:
            codes += (
                f"<xplan:besondereArtDerBaulNutzung>{besondere}</xplan:besondereArtDerBaulNutzung>"
            )
        members.append(
            f'<gml:featureMember><xplan:{cls} gml:id="{fid}">'
            f'<xplan:gehoertZuBereich xlink:href="#{bereich_id}"/>'
            "<xplan:rechtscharakter>1000</xplan:rechtscharakter>"
            f"<xplan:position>{_surface(row.geometry, srs)}</xplan:position>"
            f"<xplan:flaechenschluss>true</xplan:flaechenschluss>{codes}"
            f"</xplan:{cls}></gml:featureMember>"
        )
    links = "".join(f'<xplan:planinhalt xlink:href="#{i}"/>' for i in ids)
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<xplan:XPlanAuszug {_NS} gml:id="{_gml_id(city_name + "/auszug")}">'
        f'<gml:featureMember><xplan:FP_Plan gml:id="{plan_id}">'
        f"<xplan:name>{escape(plan_name)}</xplan:name>"
        f"<xplan:beschreibung>{escape(SYNTHETIC)}; erzeugt von sample_data/xplan.py aus der "
        f"Flächennutzung des Beispieldatensatzes {escape(city_name)}</xplan:beschreibung>"
        "<xplan:planArt>1000</xplan:planArt>"
        f'<xplan:bereich xlink:href="#{bereich_id}"/></xplan:FP_Plan></gml:featureMember>'
        f'<gml:featureMember><xplan:FP_Bereich gml:id="{bereich_id}">'
        f"<xplan:nummer>0</xplan:nummer>{links}"
        f'<xplan:gehoertZuPlan xlink:href="#{plan_id}"/></xplan:FP_Bereich></gml:featureMember>'
        + "".join(members)
        + "</xplan:XPlanAuszug>\n"
    )
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
