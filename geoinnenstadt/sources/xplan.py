"""XPlanung (XPlanGML 5.x and 6.0): the areas of Bebauungs- and Flächennutzungspläne.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks), and the home
of :func:`read_xplan`.

Municipalities publish their land-use plans (*Bauleitpläne*) in the German
standard XPlanung, an XML encoding (XPlanGML, namespace
``http://www.xplanung.de/xplangml/<major>/<minor>``) of the plan and its
*Planinhalte*. This reader takes the areas a planner of commercial land needs
from a plan file, offline (no schema is downloaded), with the standard XML
parser. GDAL's GML driver was measured as well (``bench/bench_xplan.py``,
``bench/results/2026-12-07-xplan.md``): about 1.4 times faster on a 10 MB
plan and as fast on a real municipal FNP, but by default it writes a
``.gfs`` file beside the input and downloads the schema named in
``xsi:schemaLocation``, strokes arcs in 4° steps, returns symbol points as
rows of area classes unreported and leaves the links between plan, Bereich
and Planinhalte as text.

Feature classes read (every other class is counted in a note), and their ``landuse``:

* ``BP_BaugebietsTeilFlaeche``, ``FP_BebauungsFlaeche``: from the codes below;
* ``BP_GruenFlaeche``, ``FP_Gruen``, ``BP_WaldFlaeche``, ``FP_WaldFlaeche``: ``green``;
* ``BP_GewaesserFlaeche``, ``FP_Gewaesser``, ``SO_Gewaesser``,
  ``BP_WasserwirtschaftsFlaeche``, ``FP_Wasserwirtschaft``, ``SO_Wasserrecht``: ``water``;
* ``BP_StrassenVerkehrsFlaeche``, ``BP_VerkehrsflaecheBesondererZweckbestimmung``,
  ``FP_Strassenverkehr``, ``SO_Strassenverkehr`` (6.0), ``SO_Strassenverkehrsrecht``
  (5.x): ``road``.

Codes of the Art der baulichen Nutzung (BauNVO § 1; XPlanung enumerations
``XP_AllgArtDerBaulNutzung`` and ``XP_BesondereArtDerBaulNutzung``):
``besondereArtDerBaulNutzung`` decides where it is given — 1000
Kleinsiedlungsgebiet, 1100 reines, 1200 allgemeines, 1300 besonderes
Wohngebiet → ``W``; 1400 Dorfgebiet → ``MD``; 1450 dörfliches Wohngebiet
(6.0) → ``MDW``; 1500 Mischgebiet → ``MI``; 1550 urbanes Gebiet → ``MU``;
1600 Kerngebiet → ``MK``; 1700 Gewerbegebiet → ``GE``; 1800 Industriegebiet
→ ``GI``; 2000 Sondergebiet Erholung, 2100 sonstiges Sondergebiet → ``SO``.
Otherwise ``allgArtDerBaulNutzung`` (the Bauflächen of a
Flächennutzungsplan): 1000 → ``W``, 2000 → ``M`` (gemischte), 3000 → ``G``
(gewerbliche), 4000 → ``S`` (Sonderbaufläche). An unknown code is named in a
warning and the feature kept (``landuse`` from the other code, else
missing).

Geometry: ``position`` holds a ``gml:Polygon``, ``gml:Surface``,
``gml:MultiSurface`` or ``gml:CompositeSurface`` with interior rings and
circular arcs (:mod:`geoinnenstadt.sources.gml`). The CRS is the geometry's
``srsName`` (else the first ``srsName`` of the file, e.g. its ``gml:Envelope``): ``EPSG:25832``, the URNs
``urn:ogc:def:crs:EPSG::25832`` and ``urn:adv:crs:ETRS89_UTM32``, and URLs
``http://www.opengis.net/def/crs/EPSG/0/25832``. Axis order: a URN or URL
means the CRS's official order (EPSG:31466/31467, Gauss-Krüger, list the
northing first; the reader swaps it), the short form ``EPSG:x`` the
easting first — GDAL's rule for GML. A file none of whose areas then lies
in Germany (axes swapped, wrong srsName) is a CRSError naming the file and the
CRS; an srsName that names no known CRS is a CRSError naming the feature.

Records the reader does not keep, each named in the report
(:meth:`~geoinnenstadt.schema.ValidationReport.leave_out`): a feature of a
read class without an area geometry (a line or point, or none).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from .. import crs as _crs
from .. import settings
from ..errors import CRSError, DataFileError
from ..schema import Column, LayerSpec, ValidationReport, landuse_codes
from .gml import XLINK_HREF, GeometryProblem, epsg_of, first_child, local_name, polygons

__all__ = [
    "ALLG_ART",
    "BESONDERE_ART",
    "CLASSES",
    "SUPPORTED_VERSIONS",
    "is_xplan",
    "read_raw",
    "read_xplan",
    "recognise",
]

_NS = re.compile(r"http://www\.xplanung\.de/xplangml/(\d+)/(\d+)")
_GML_ID = ("{http://www.opengis.net/gml/3.2}id", "{http://www.opengis.net/gml}id")
_SUFFIXES = {".xml", ".gml", ""}

#: XPlanGML versions read (namespace ``…/xplangml/5/0`` … ``/5/4`` and ``/6/0``).
SUPPORTED_VERSIONS = ("5.0", "5.1", "5.2", "5.3", "5.4", "6.0")

#: ``allgArtDerBaulNutzung`` → ``landuse`` (the Bauflächen, BauNVO § 1 Abs. 1).
ALLG_ART = {"1000": "W", "2000": "M", "3000": "G", "4000": "S"}

#: ``besondereArtDerBaulNutzung`` → ``landuse`` (the Baugebiete, BauNVO § 1 Abs. 2).
BESONDERE_ART = {
    "1000": "W",
    "1100": "W",
    "1200": "W",
    "1300": "W",
    "1400": "MD",
    "1450": "MDW",
    "1500": "MI",
    "1550": "MU",
    "1600": "MK",
    "1700": "GE",
    "1800": "GI",
    "2000": "SO",
    "2100": "SO",
}

_BUILDING = ("BP_BaugebietsTeilFlaeche", "FP_BebauungsFlaeche")
#: The feature classes read and what each is: ``"building"`` (codes decide), else the landuse.
CLASSES: dict[str, str] = {
    **dict.fromkeys(_BUILDING, "building"),
    **dict.fromkeys(("BP_GruenFlaeche", "FP_Gruen", "BP_WaldFlaeche", "FP_WaldFlaeche"), "green"),
    **dict.fromkeys(
        (
            "BP_GewaesserFlaeche",
            "FP_Gewaesser",
            "SO_Gewaesser",
            "BP_WasserwirtschaftsFlaeche",
            "FP_Wasserwirtschaft",
            "SO_Wasserrecht",
        ),
        "water",
    ),
    **dict.fromkeys(
        (
            "BP_StrassenVerkehrsFlaeche",
            "BP_VerkehrsflaecheBesondererZweckbestimmung",
            "FP_Strassenverkehr",
            "SO_Strassenverkehr",
            "SO_Strassenverkehrsrecht",
        ),
        "road",
    ),
}
_PLANS = ("BP_Plan", "FP_Plan", "SO_Plan", "RP_Plan", "LP_Plan")
_COLUMNS = ["xplan_class", "allg_art", "besondere_art", "landuse", "plan_name", "gml_id"]
#: The spec of the plan's areas, for the repair step and row labels (the gml:id names a row).
_SPEC = LayerSpec(
    "xplan",
    "gml_id",
    "polygon",
    (Column("gml_id", "str", required=True),),
    label_de="Flächen eines Bauleitplans (XPlanung)",
)


@dataclass
class _Plan:
    """What the reader found in the file: the areas (source CRS per row) and the versions."""

    frame: pd.DataFrame
    geoms: list[BaseGeometry]
    crss: list[int]
    version: str


# --------------------------------------------------------------------------- detection


def _head(p: Path) -> bytes:
    with p.open("rb") as f:
        return f.read(65536)


def _xplan_file(target: Any) -> Path | None:
    if not isinstance(target, (str, os.PathLike)) or (isinstance(target, str) and "://" in target):
        return None
    p = Path(target)
    if p.suffix.lower() not in _SUFFIXES or not p.is_file():
        return None
    return p if b"http://www.xplanung.de/xplangml/" in _head(p) else None


def is_xplan(path: Any) -> bool:
    """True when ``path`` is an XPlanGML file (judged by its content: the XPlanung namespace).

    Examples
    --------
    >>> is_xplan("gibt-es-nicht.gml")
    False
    """
    return _xplan_file(path) is not None


# --------------------------------------------------------------------------- hooks


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The plan's areas as a context layer (``kind="context"``), else None (not XPlanGML)."""
    p = _xplan_file(target)
    if p is None:
        return None
    if kind != "context":
        raise ValueError(
            f"{p}: an XPlanGML file (land-use plan) is read as kind='context' (its land-use, "
            f"green, water and traffic areas) or with gi.read_xplan, not as kind={kind!r}"
        )
    from ..io.formats import RawLayer

    plan = _in_working_crs(_parse(p, pre), p)
    return RawLayer(_as_context(plan, pre), str(p), "xplan")


def recognise(frame: Any, kind: str, columns: Any, pre: Any) -> tuple[Any, Any]:
    """``frame`` and ``columns`` unchanged: :func:`read_raw` maps the columns already."""
    return frame, columns


# --------------------------------------------------------------------------- read_xplan


def read_xplan(path: str | os.PathLike[str], *, repair: bool = True) -> gpd.GeoDataFrame:
    """Read the land-use areas of an XPlanGML Bebauungs- or Flächennutzungsplan.

    XPlanGML 5.0–5.4 and 6.0, offline (no schema download), with the
    standard XML parser. Read are ``BP_BaugebietsTeilFlaeche`` and
    ``FP_BebauungsFlaeche`` (Baugebiete and Bauflächen) and the green,
    water and traffic areas of the ``BP_``, ``FP_`` and ``SO_`` classes
    (the table in :mod:`geoinnenstadt.sources.xplan`).

    Parameters
    ----------
    path : str or path-like
        The XPlanGML file (``.gml`` or ``.xml``; ``XPlanAuszug`` or a WFS
        ``FeatureCollection``), also in a ZIP archive as XPlanung exchanges
        plans (``xplan.gml`` beside the plan's PDF and raster files) or gzip
        compressed.
    repair : bool, default True
        Repair invalid rings (self-intersections, bow-ties) with
        ``shapely.make_valid`` (never ``buffer(0)``); each repaired feature
        is named by its ``gml:id`` in a warning and in the report's
        ``repaired``. ``False`` keeps them as written.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per area, in ``settings.working_crs``, with the columns
        ``xplan_class`` (e.g. ``"FP_BebauungsFlaeche"``), ``allg_art`` and
        ``besondere_art`` (the codes as written, missing where absent),
        ``landuse`` (``W``, ``M``, ``MD``, ``MDW``, ``MI``, ``MU``, ``MK``,
        ``G``, ``GE``, ``GI``, ``S``, ``SO``, ``green``, ``water``, ``road``;
        missing for unknown codes), ``plan_name`` (the ``name`` of the plan
        the area belongs to) and ``gml_id``. ``attrs["xplan_version"]`` is
        the version (``"6.0"``), ``attrs["validation_report"]`` the report
        (warnings, repaired and left-out features, notes) and
        ``attrs["source"]`` the file.

    Raises
    ------
    DataFileError
        The file is missing, not XPlanGML, not well-formed XML (truncated),
        of an XPlanGML version other than 5.x or 6.0, or holds no area of
        the classes read (the message names the plans and classes found).
    CRSError
        A feature's ``srsName`` is missing or unknown, or its coordinates lie
        outside Germany (the message names the feature's ``gml:id``).

    Warns
    -----
    ReadWarning
        Unknown codes (named with their features), repaired rings, features
        left out (lines, points).

    Examples
    --------
    >>> import geoinnenstadt as gi, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "fnp.gml"
    >>> ring = "392000 5707000 392200 5707000 392200 5707100 392000 5707000"
    >>> _ = path.write_text(
    ...     '<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/6/0" '
    ...     'xmlns:gml="http://www.opengis.net/gml/3.2"><gml:featureMember>'
    ...     '<xplan:FP_Plan gml:id="P1"><xplan:name>FNP</xplan:name></xplan:FP_Plan>'
    ...     '</gml:featureMember><gml:featureMember>'
    ...     '<xplan:FP_BebauungsFlaeche gml:id="F1"><xplan:position>'
    ...     '<gml:Polygon srsName="EPSG:25832"><gml:exterior><gml:LinearRing>'
    ...     f'<gml:posList>{ring}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>'
    ...     '</xplan:position><xplan:allgArtDerBaulNutzung>3000</xplan:allgArtDerBaulNutzung>'
    ...     '</xplan:FP_BebauungsFlaeche></gml:featureMember></xplan:XPlanAuszug>',
    ...     encoding="utf-8")
    >>> plan = gi.read_xplan(path)
    >>> plan[["xplan_class", "allg_art", "landuse", "plan_name", "gml_id"]].values.tolist()
    [['FP_BebauungsFlaeche', '3000', 'G', 'FNP', 'F1']]
    >>> plan.crs.to_epsg(), plan.attrs["xplan_version"], float(plan.area.iloc[0])
    (25832, '6.0', 10000.0)
    """
    from ..io.formats import AttachedReport, unpacked, warn_read
    from ..io.geometry import repair_geometry

    with unpacked(path, "context", None) as inner:  # an XPlan archive (.zip) or .gz
        p = Path(path) if inner is None else inner.path
        source = str(path) if inner is None else inner.source
        pre = ValidationReport("context", source=source)
        plan = _parse(p, pre)
        gdf = _in_working_crs(plan, p)
    if repair:
        gdf = repair_geometry(gdf, _SPEC, pre)
    gdf = gdf.set_index(pd.RangeIndex(len(gdf)))
    report = AttachedReport.attach(pre)
    gdf.attrs["validation_report"] = report
    gdf.attrs["source"] = source
    gdf.attrs["xplan_version"] = plan.version
    warn_read(report, source, stacklevel=2)
    return gdf


# --------------------------------------------------------------------------- parsing


def _gml_id(el: ET.Element) -> str:
    return next((v for a in _GML_ID if (v := el.get(a))), "")


def _text(el: ET.Element | None, name: str) -> str | None:
    found = first_child(el, name)
    if found is None or found.text is None or not found.text.strip():
        return None
    return found.text.strip()


def _href(el: ET.Element | None, name: str) -> list[str]:
    if el is None:
        return []
    return [
        (c.get(XLINK_HREF) or "").lstrip("#")
        for c in el
        if local_name(c.tag) == name and c.get(XLINK_HREF)
    ]


def _version(root: ET.Element, p: Path) -> str:
    uris = {el.tag[1:].partition("}")[0] for el in root.iter() if isinstance(el.tag, str)}
    namespaces = {m.group(1) + "." + m.group(2) for u in uris if (m := _NS.fullmatch(u))}
    if not namespaces:
        raise DataFileError(
            f"{p}: not an XPlanGML file (no element in the XPlanung namespace "
            f"http://www.xplanung.de/xplangml/…; the root element is {local_name(root.tag)}); "
            "export the plan as XPlanGML 5.x or 6.0",
            p,
        )
    unsupported = sorted(namespaces - set(SUPPORTED_VERSIONS))
    if unsupported or len(namespaces) > 1:
        raise DataFileError(
            f"{p}: XPlanGML version {', '.join(sorted(namespaces))} is not read (only "
            f"{', '.join(SUPPORTED_VERSIONS)}); convert the plan with the XPlanung tools "
            "(e.g. the XPlanManager's transformation) to 6.0",
            p,
        )
    return namespaces.pop()


def _root(p: Path) -> ET.Element:
    if not p.is_file():
        raise DataFileError(f"{p}: the file does not exist", p)
    try:
        return ET.parse(p).getroot()
    except ET.ParseError as exc:
        raise DataFileError(
            f"{p}: the XPlanGML file is not well-formed XML ({exc}); the download is probably "
            "truncated: download or export it again",
            p,
        ) from None


def _features(root: ET.Element) -> list[ET.Element]:
    """The features of the collection (members of ``featureMember``/``member``, any nesting).

    The members are children of the root (``XPlanAuszug``, a WFS ``FeatureCollection``);
    only where the root has none is the whole tree searched (a collection in a wrapper).
    """
    wrappers = ("featureMember", "member", "featureMembers")
    out = [f for el in root if local_name(el.tag) in wrappers for f in el]
    if out:
        return out
    return [f for el in root.iter() if local_name(el.tag) in wrappers for f in el]


def _plan_names(features: list[ET.Element]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Area id → plan name (via Bereich ↔ Plan links), and every plan (class, id, name)."""
    plans = [f for f in features if local_name(f.tag) in _PLANS]
    plan_list = [(local_name(f.tag), _gml_id(f), _text(f, "name") or "") for f in plans]
    name_of_plan = {pid: name for _, pid, name in plan_list}
    bereich_plan: dict[str, str] = {}
    for f in plans:
        for b in _href(f, "bereich"):
            bereich_plan[b] = _gml_id(f)
    content_plan: dict[str, str] = {}
    for f in features:
        if not local_name(f.tag).endswith("_Bereich"):
            continue
        bid = _gml_id(f)
        pid = next(iter(_href(f, "gehoertZuPlan")), None) or bereich_plan.get(bid)
        if not pid:
            continue
        bereich_plan[bid] = pid
        for c in _href(f, "planinhalt"):
            content_plan[c] = pid
    names = {fid: name_of_plan.get(pid, "") for fid, pid in content_plan.items()}
    for f in features:  # the area's own link to its Bereich
        link = next(iter(_href(f, "gehoertZuBereich")), None)
        if link is not None and link in bereich_plan:
            names.setdefault(_gml_id(f), name_of_plan.get(bereich_plan[link], ""))
    return names, plan_list


def _swap(srs_name: str, code: int) -> bool:
    """True when the coordinates are written northing first (URN/URL of such a CRS)."""
    short = re.fullmatch(r"\s*EPSG:\d+\s*", srs_name, re.IGNORECASE) is not None
    return not short and _crs.northing_first(code)


def _codes(el: ET.Element, unknown: dict[tuple[str, str], list[str]]) -> dict[str, Any]:
    allg = _text(el, "allgArtDerBaulNutzung")
    besondere = _text(el, "besondereArtDerBaulNutzung")
    gml_id = _gml_id(el)
    landuse = None
    if besondere is not None:
        landuse = BESONDERE_ART.get(besondere)
        if landuse is None:
            unknown.setdefault(("besondereArtDerBaulNutzung", besondere), []).append(gml_id)
    if allg is not None and allg not in ALLG_ART:
        unknown.setdefault(("allgArtDerBaulNutzung", allg), []).append(gml_id)
    if landuse is None and allg is not None:
        landuse = ALLG_ART.get(allg)
    return {"allg_art": allg, "besondere_art": besondere, "landuse": landuse}


def _parse(p: Path, pre: ValidationReport) -> _Plan:
    root = _root(p)
    version = _version(root, p)
    features = _features(root)
    names, plans = _plan_names(features)
    default_srs = next((e.get("srsName") for e in root.iter() if e.get("srsName")), None)
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []
    crss: list[int] = []
    unknown: dict[tuple[str, str], list[str]] = {}
    other: dict[str, int] = {}
    known: dict[str, int] = {}  # srsName → EPSG code, checked once
    for n, el in enumerate(features, start=1):
        cls = local_name(el.tag)
        what = CLASSES.get(cls)
        if what is None:
            if cls not in _PLANS and not cls.endswith("_Bereich"):
                other[cls] = other.get(cls, 0) + 1
            continue
        gml_id = _gml_id(el)
        label = gml_id or f"#{n} ({cls})"
        try:
            geom, code = _position(el, default_srs, p, label, known)
        except GeometryProblem as exc:
            pre.leave_out(
                label,
                "geometry",
                f"{cls}: the geometry (position) is not an area that can be read: {exc}",
                "only areas are read; lines and points of a plan are left out",
            )
            continue
        row: dict[str, Any] = {"xplan_class": cls, "gml_id": gml_id or None}
        if what == "building":
            row.update(_codes(el, unknown))
        else:
            row.update({"allg_art": None, "besondere_art": None, "landuse": what})
        single = plans[0][2] if len(plans) == 1 else None
        row["plan_name"] = names.get(gml_id) or single or None
        rows.append(row)
        geoms.append(geom)
        crss.append(code)
    for (field, value), ids in sorted(unknown.items()):
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        pre.warn(
            ids[0],
            "landuse",
            f"unknown {field} code {value} ({len(ids)} feature{'s' if len(ids) != 1 else ''}: "
            f"{shown}); the features are kept",
            "landuse is taken from the other code where it is known, else left missing; "
            "check the plan's codes (XPlanung codelist)",
        )
    if other:
        listed = ", ".join(f"{k} {v}" for k, v in sorted(other.items()))
        pre.note(f"XPlanGML {version}: features of other classes not read: {listed}")
    if not rows and not pre.left_out:
        what_plans = ", ".join(f"{c} {n!r} ({i})" for c, i, n in plans) or "no plan object"
        found = ", ".join(sorted(other)) or "no plan content"
        raise DataFileError(
            f"{p}: the plan holds no area that is read ({what_plans}; found: {found}); "
            "read are BP_BaugebietsTeilFlaeche, FP_BebauungsFlaeche and green, water and "
            "traffic areas",
            p,
        )
    pre.note(f"XPlanGML {version}: {len(rows)} areas read with the XML parser (no schema download)")
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for col in _COLUMNS:
        frame[col] = frame[col].astype("string")
    return _Plan(frame, geoms, crss, version)


def _position(
    el: ET.Element, default_srs: str | None, p: Path, label: str, known: dict[str, int]
) -> tuple[BaseGeometry, int]:
    position = first_child(el, "position")
    if position is None or len(position) == 0:
        raise GeometryProblem("the feature has no position")
    geom_el = position[0]
    srs_name = geom_el.get("srsName") or default_srs
    code = known.get(srs_name) if srs_name is not None else None
    if code is None:
        code = _srs_code(srs_name, p, label)
        known[str(srs_name)] = code
    dim = int(geom_el.get("srsDimension") or 2)
    parts = polygons(geom_el, _swap(srs_name or "", code), dim)
    if not parts:
        raise GeometryProblem(f"no polygon in {local_name(geom_el.tag)}")
    geom: BaseGeometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    if geom.is_empty:
        raise GeometryProblem("the polygon is empty")
    return geom, code


def _srs_code(srs_name: str | None, p: Path, label: str) -> int:
    """The EPSG code of an ``srsName`` that pyproj knows; else a CRSError naming the feature."""
    code = epsg_of(srs_name)
    if not isinstance(code, int) or srs_name is None:
        raise CRSError(
            f"{p}: feature {label}: the srsName {srs_name!r} is not a known coordinate reference "
            "system; XPlanGML names it as EPSG:25832, urn:ogc:def:crs:EPSG::25832 or "
            "urn:adv:crs:ETRS89_UTM32 — fix the export"
        )
    _crs.as_crs(code, source=f"{p}: feature {label} (srsName {srs_name!r})")
    return code


def _in_working_crs(plan: _Plan, p: Path) -> gpd.GeoDataFrame:
    """The areas in the working CRS (each source CRS checked for Germany, then reprojected)."""
    target = _crs.as_crs(settings.working_crs, source="gi.settings.working_crs")
    codes = np.asarray(plan.crss, dtype=np.int64)
    geoms = np.asarray(plan.geoms, dtype=object)
    out = np.empty(len(geoms), dtype=object)
    for code in sorted(set(plan.crss)):
        mask = codes == code
        part = gpd.GeoDataFrame(
            {"gml_id": plan.frame["gml_id"].to_numpy()[mask]}, geometry=list(geoms[mask]), crs=code
        )
        _crs.check_location(part, source=f"{p} (EPSG:{code})")
        out[mask] = np.asarray(part.to_crs(target).geometry.array, dtype=object)
    if len(out) and not np.isfinite(shapely.get_coordinates(out)).all():  # pragma: no cover
        raise CRSError(f"{p}: coordinates cannot be transformed to {settings.working_crs}")
    return gpd.GeoDataFrame(plan.frame, geometry=list(out), crs=target)


# --------------------------------------------------------------------------- context


def _as_context(gdf: gpd.GeoDataFrame, pre: ValidationReport) -> gpd.GeoDataFrame:
    """The plan's areas on the context layer's columns (``category``, ``landuse``, ``name``).

    Baugebiete and Bauflächen become ``category="landuse"`` with the context
    codes of :func:`geoinnenstadt.schema.landuse_codes` (MU, MD, MDW, M → MI;
    G → GE; S → SO), green areas ``landuse="green"``, water areas
    ``category="water"``, traffic areas ``category="road"`` drawn by their
    outlines (the context's roads are lines). The XPlanung columns stay, the
    plan's own code as ``xplan_landuse``.
    """
    out = gdf.rename(columns={"landuse": "xplan_landuse"}).copy()
    out["context_id"] = out["gml_id"]
    out["name"] = out["plan_name"]
    out["category"] = out["xplan_landuse"].astype("object")
    out, _ = landuse_codes(out)
    mapped = out["category"].astype("object").isin(["landuse", "water", "road"])
    roads = np.flatnonzero((out["category"] == "road").fillna(False).to_numpy())
    if len(roads):
        geoms = np.asarray(out.geometry.array, dtype=object)
        geoms[roads] = shapely.boundary(geoms[roads])
        out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=out.crs)
        pre.note(f"{len(roads)} traffic areas read as roads (category 'road'), drawn by outlines")
    for i in np.flatnonzero(~mapped.to_numpy()):
        row = out.iloc[i]
        pre.leave_out(
            row["gml_id"],
            "landuse",
            f"{row['xplan_class']}: no land-use type (allgArtDerBaulNutzung "
            f"{row['allg_art']}, besondereArtDerBaulNutzung {row['besondere_art']})",
            "the context layer needs a land-use type; gi.read_xplan keeps the feature",
        )
    return out[mapped.to_numpy()].reset_index(drop=True)
