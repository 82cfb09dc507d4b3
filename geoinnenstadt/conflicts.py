"""Land-use conflicts: distance classes between commercial sites and housing (Abstandserlass NRW).

The NRW *Abstandserlass* assigns industrial and commercial plants to
distance classes I–VII, each with a minimum distance to residential areas.
For every site (or core zone) :func:`distance_classes` measures the distance
to the nearest residential or otherwise sensitive area and reports which
distance classes the site could host: a class is *admissible* when its
minimum distance is not larger than the measured distance.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from geoinnenstadt import conflicts
>>> sites = gpd.GeoDataFrame({"site_id": ["S1"]}, geometry=[box(0, 0, 100, 100)],
...                          crs="EPSG:25832")
>>> housing = gpd.GeoDataFrame({"area_id": ["W1"], "use": ["residential"]},
...                            geometry=[box(400, 0, 500, 100)], crs="EPSG:25832")
>>> d = conflicts.distance_classes(sites, housing)
>>> float(d.loc["S1", "distance_m"]), d.loc["S1", "admissible_classes"]
(300.0, 'V–VII')
>>> d.loc["S1", "strictest_admissible"]
'V'
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs as _crs
from .errors import GeoinnenstadtWarning, SchemaError, name_some
from .schema import RESIDENTIAL_USE

__all__ = ["ABSTANDSKLASSEN", "buffers", "distance_classes"]

ABSTANDSKLASSEN: Mapping[str, float] = MappingProxyType(
    {"I": 1500.0, "II": 1000.0, "III": 700.0, "IV": 500.0, "V": 300.0, "VI": 200.0, "VII": 100.0}
)
"""Distance classes I–VII of the NRW Abstandserlass → minimum distance in metres.

Source: Abstandserlass NRW 2007 — "Abstände zwischen Industrie- bzw.
Gewerbegebieten und Wohngebieten im Rahmen der Bauleitplanung und sonstige für
den Immissionsschutz bedeutsame Abstände", RdErl. d. Ministeriums für Umwelt
und Naturschutz, Landwirtschaft und Verbraucherschutz v. 6.6.2007 (MBl. NRW.
2007 S. 659), Abstandsliste 2007, Anhang 1. The ladder used here (I 1500 m,
II 1000 m, III 700 m, IV 500 m, V 300 m, VI 200 m, VII 100 m) is the commonly
cited one; **verify it against the decree in force before relying on it** and
pass your own mapping via ``classes=`` (any ordered mapping class → metres) to
override it. The mapping is read-only; copy it with ``dict(ABSTANDSKLASSEN)``.
"""

_ID_CANDIDATES = ("site_id", "zone_id", "area_id", "parcel_id", "quarter_id")

#: Distances are compared with class minima after rounding to this many decimals (1 µm), so
#: floating-point noise does not flip a class at an exact boundary (300 m → class V).
_DISTANCE_DECIMALS = 6

#: Segments per quarter circle of the buffer rings (smooth at map scale, explicit because the
#: default differs between shapely entry points).
_QUAD_SEGS = 16


def _ordered_classes(classes: Mapping[str, float]) -> list[tuple[str, float]]:
    if not isinstance(classes, Mapping) or len(classes) == 0:
        raise ValueError("classes must be a non-empty mapping class -> minimum distance in metres")
    items = []
    for name, dist in classes.items():
        try:
            d = float(dist)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"distance of class {name!r} must be a number, got {dist!r}") from exc
        if not np.isfinite(d) or d < 0:
            raise ValueError(f"distance of class {name!r} must be finite and >= 0 m, got {dist!r}")
        items.append((str(name), d))
    # strictest (largest distance) first; ties keep the given order
    return sorted(items, key=lambda kv: -kv[1])


def _resolve_ids(gdf: gpd.GeoDataFrame, id_column: str | None) -> pd.Index:
    if id_column is None:
        id_column = next((c for c in _ID_CANDIDATES if c in gdf.columns), None)
        if id_column is None:
            return gdf.index.copy()
    elif id_column not in gdf.columns:
        raise SchemaError(
            f"id_column {id_column!r} is not a column of the input; columns: "
            f"{', '.join(map(str, gdf.columns))}"
        )
    ids = gdf[id_column]
    dup = ids.duplicated(keep=False)
    if dup.any() or ids.isna().any():
        bad = sorted({str(v) for v in ids[dup | ids.isna()].tolist()})
        raise SchemaError(
            f"{id_column!r} must be unique and present to index the result; duplicated or "
            f"missing: {', '.join(bad[:10])}. Pass another id_column or fix the ids."
        )
    return pd.Index(ids.tolist(), name=id_column, dtype=object)


def _class_range(names: Sequence[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"


def _area_ids(residential: gpd.GeoDataFrame) -> np.ndarray:
    """Ids of residential areas for results and messages (``area_id``, else the index)."""
    if "area_id" in residential.columns:
        return residential["area_id"].astype(str).to_numpy()
    return np.array([f"row {i}" for i in residential.index], dtype=object)


def _listed(names: Any, limit: int = 10) -> str:
    return name_some(names, limit)


def _no_geometry(gdf: gpd.GeoDataFrame) -> np.ndarray:
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = pd.isna(geoms)
    missing[~missing] = shapely.is_empty(geoms[~missing])
    return np.asarray(missing, dtype=bool)


def distance_classes(
    sites_or_zones: gpd.GeoDataFrame,
    residential: gpd.GeoDataFrame,
    *,
    classes: Mapping[str, float] = ABSTANDSKLASSEN,
    uses: Sequence[str] = ("residential", "mixed", "sensitive"),
    id_column: str | None = None,
    missing_use: Literal["protect", "ignore"] = "protect",
) -> pd.DataFrame:
    """Distance of each site to the nearest housing and the admissible distance classes.

    Parameters
    ----------
    sites_or_zones : GeoDataFrame
        Commercial sites or core zones (polygons) in the working CRS.
    residential : GeoDataFrame
        Residential and sensitive areas with ``area_id`` and ``use``, in the
        same (working) CRS.
    classes : mapping, default :data:`ABSTANDSKLASSEN`
        Distance class → minimum distance (m). Order does not matter; classes
        are sorted from the largest distance (strictest) to the smallest.
    uses : sequence of str
        Values of ``residential["use"]`` that count as protected.
    id_column : str, optional
        Column whose (unique) values index the result. Default: the first of
        ``site_id``, ``zone_id``, ``area_id``, ``parcel_id``, ``quarter_id``
        present, else the input's index.
    missing_use : {"protect", "ignore"}, default "protect"
        What to do with residential areas whose ``use`` is missing. They are
        never dropped silently: a warning names them and
        ``result.attrs["missing_use"]`` lists their ids. ``"protect"``
        (default, the cautious reading of a layer of residential areas)
        treats them as protected housing; ``"ignore"`` leaves them out of the
        distances.

    Returns
    -------
    DataFrame
        One row per input feature, in input order, with

        ``nearest_area_id``, ``nearest_use``
            The nearest protected area (ties: the lowest ``area_id``).
        ``distance_m``
            Shortest distance in metres; 0 when the geometries touch or overlap.
        ``admissible_classes``
            The admissible classes as a range, e.g. ``"IV–VII"`` (always a run
            of the lightest classes); ``""`` when none is admissible.
        ``strictest_admissible``
            The admissible class with the largest minimum distance (``"IV"``
            at 500 m ≤ d < 700 m); ``<NA>`` when none is.
        ``conflict``
            True when no class is admissible (distance below the smallest
            class distance, 100 m by default).

        A class is admissible when its minimum distance ≤ the distance
        (rounded to 1 µm): exactly 300 m admits class V.

    Notes
    -----
    With no protected area left after filtering by ``uses`` (or an empty
    ``residential`` layer), every distance is ``inf``, the nearest columns are
    ``<NA>``, all classes are admissible and there is no conflict.

    Raises
    ------
    CRSError
        When a layer has no CRS, is not in true metres
        (:func:`geoinnenstadt.crs.require_metric`), or the layers differ.
    SchemaError
        When ``residential`` lacks ``use``, a ``use`` value is unknown (the
        areas are named), or the ids are not unique.
    ValueError
        When a site has no geometry (named) or ``classes`` is invalid.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> d = gi.conflicts.distance_classes(city.sites, city.residential)
    >>> d.columns.tolist()[:3]
    ['nearest_area_id', 'nearest_use', 'distance_m']
    >>> bool((d["distance_m"] >= 0).all())
    True
    """
    for gdf, what in ((sites_or_zones, "sites_or_zones"), (residential, "residential")):
        if not isinstance(gdf, gpd.GeoDataFrame):
            raise TypeError(f"{what} must be a GeoDataFrame, got {type(gdf).__name__}")
        _crs.require_metric(gdf, names=[what])
    _crs.require_metric(sites_or_zones, residential, names=["sites_or_zones", "residential"])
    if missing_use not in ("protect", "ignore"):
        raise ValueError(f"missing_use must be 'protect' or 'ignore', got {missing_use!r}")
    ordered = _ordered_classes(classes)
    uses = tuple(uses)
    unknown_uses = sorted(set(uses) - set(RESIDENTIAL_USE))
    if unknown_uses:
        raise ValueError(
            f"uses contains unknown value(s) {', '.join(unknown_uses)}; "
            f"valid: {', '.join(RESIDENTIAL_USE)}"
        )
    if "use" not in residential.columns:
        raise SchemaError(
            "residential lacks the column 'use'; check gi.validate(residential, kind='residential')"
        )
    area_ids = _area_ids(residential)
    bad_use = residential["use"].notna() & ~residential["use"].isin(RESIDENTIAL_USE)
    if bad_use.any():
        found = sorted({str(v) for v in residential.loc[bad_use, "use"]})
        raise SchemaError(
            f"residential column 'use' has unknown value(s) {', '.join(found)} at area(s) "
            f"{_listed(area_ids[bad_use.to_numpy()])}; valid: {', '.join(RESIDENTIAL_USE)}. "
            f"Fix them or check gi.validate(residential, kind='residential')."
        )
    no_use = residential["use"].isna().to_numpy(dtype=bool, copy=True)
    if no_use.any():
        consequence = (
            "treated as protected housing"
            if missing_use == "protect"
            else "left out of the distances (missing_use='ignore')"
        )
        warnings.warn(
            f"{int(no_use.sum())} residential area(s) without use ({_listed(area_ids[no_use])}): "
            f"{consequence}. Set use to one of {', '.join(RESIDENTIAL_USE)}.",
            GeoinnenstadtWarning,
            stacklevel=2,
        )
    index = _resolve_ids(sites_or_zones, id_column)
    geoms = sites_or_zones.geometry.values
    missing = _no_geometry(sites_or_zones)
    if missing.any():
        bad = [str(v) for v in index[missing][:10]]
        raise ValueError(
            f"{int(missing.sum())} feature(s) without geometry ({', '.join(bad)}); a distance "
            f"cannot be measured. Remove them or add their polygons."
        )

    keep = residential["use"].isin(uses).to_numpy(dtype=bool, copy=True)
    if missing_use == "protect":
        keep |= no_use
    no_geom = _no_geometry(residential)
    if (keep & no_geom).any():
        warnings.warn(
            f"{int((keep & no_geom).sum())} residential area(s) without geometry "
            f"({_listed(area_ids[keep & no_geom])}) cannot be measured and are left out; "
            f"add their polygons.",
            GeoinnenstadtWarning,
            stacklevel=2,
        )
    keep &= ~no_geom
    protected = residential[keep]
    ids = area_ids[keep]
    n = len(sites_or_zones)
    distance = np.full(n, np.inf)
    nearest_id = np.full(n, None, dtype=object)
    nearest_use = np.full(n, None, dtype=object)
    if len(protected) and n:
        tree = shapely.STRtree(protected.geometry.values)
        (left, right), dist = tree.query_nearest(geoms, return_distance=True, all_matches=True)
        ties = pd.DataFrame({"left": left, "right": right, "dist": dist, "id": ids[right]})
        best = ties.sort_values(["left", "dist", "id"], kind="stable").drop_duplicates("left")
        pos = best["left"].to_numpy()
        distance[pos] = best["dist"].to_numpy()
        nearest_id[pos] = best["id"].to_numpy()
        nearest_use[pos] = protected["use"].astype(object).to_numpy()[best["right"].to_numpy()]

    rounded = np.round(distance, _DISTANCE_DECIMALS)
    names = [name for name, _ in ordered]
    minima = np.array([d for _, d in ordered])
    admissible_mask = minima[None, :] <= rounded[:, None]  # n × classes
    admissible = [
        _class_range([nm for nm, ok in zip(names, row, strict=True) if ok])
        for row in admissible_mask
    ]
    strictest = [
        next((nm for nm, ok in zip(names, row, strict=True) if ok), pd.NA)
        for row in admissible_mask
    ]
    out = pd.DataFrame(
        {
            "nearest_area_id": pd.Series(nearest_id, dtype=object, index=index),
            "nearest_use": pd.Series(nearest_use, dtype=object, index=index),
            "distance_m": distance,
            "admissible_classes": admissible,
            "strictest_admissible": pd.Series(strictest, dtype=object, index=index),
            "conflict": ~admissible_mask.any(axis=1),
        },
        index=index,
    )
    out["nearest_area_id"] = out["nearest_area_id"].where(out["nearest_area_id"].notna(), pd.NA)
    out["nearest_use"] = out["nearest_use"].where(out["nearest_use"].notna(), pd.NA)
    out.attrs["missing_use"] = [str(v) for v in area_ids[no_use]]
    out.attrs["missing_use_treatment"] = missing_use
    return out


def buffers(
    sites: gpd.GeoDataFrame,
    *,
    classes: Mapping[str, float] = ABSTANDSKLASSEN,
    dissolve: bool = True,
    id_column: str | None = None,
) -> gpd.GeoDataFrame:
    """Distance-class rings around sites, for maps ("Abstandsklassen-Puffer").

    The ring of class *c* covers the distances from the next smaller class
    distance (0 for the smallest) up to the minimum distance of *c*: housing
    inside the ring of class IV (300–500 m by default) rules out classes I–IV
    and admits V–VII.

    Parameters
    ----------
    sites : GeoDataFrame
        Polygons in a projected CRS in metres (:func:`geoinnenstadt.crs.require_metric`).
        Sites without geometry get no rings; they are named in a warning and
        listed in ``result.attrs["no_geometry"]``.
    classes : mapping, default :data:`ABSTANDSKLASSEN`
    dissolve : bool, default True
        One ring per class around all sites together; ``False`` gives one ring
        per class and site (with the id column, see ``id_column``).
    id_column : str, optional
        As in :func:`distance_classes` (only used with ``dissolve=False``).

    Returns
    -------
    GeoDataFrame
        Columns ``distance_class``, ``min_distance_m`` (inner edge),
        ``max_distance_m`` (outer edge = class distance) and geometry, in the
        CRS of ``sites``; ordered from the outermost ring (class I) inwards,
        so later rows draw on top.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> rings = gi.conflicts.buffers(city.sites)
    >>> rings["distance_class"].tolist()
    ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']
    """
    if not isinstance(sites, gpd.GeoDataFrame):
        raise TypeError(f"sites must be a GeoDataFrame, got {type(sites).__name__}")
    _crs.require_metric(sites, names=["sites"])
    ordered = _ordered_classes(classes)
    ids = _resolve_ids(sites, id_column)
    missing = _no_geometry(sites)
    skipped = [str(v) for v in ids[missing]]
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} site(s) without geometry ({_listed(skipped)}) get no distance "
            f"rings; add their polygons. Their ids are in result.attrs['no_geometry'].",
            GeoinnenstadtWarning,
            stacklevel=2,
        )
    keep = ~missing
    id_name = "id"
    if dissolve:
        geoms = sites.geometry.values[keep]
        groups: list[tuple[Any, Any]] = [(None, shapely.union_all(geoms))]
    else:
        id_name = str(ids.name) if ids.name is not None else "id"
        groups = list(zip(ids[keep], sites.geometry.values[keep], strict=True))
    rows = []
    for key, geom in groups:
        for i, (name, outer) in enumerate(ordered):
            inner = ordered[i + 1][1] if i + 1 < len(ordered) else 0.0
            outer_geom = shapely.buffer(geom, outer, quad_segs=_QUAD_SEGS) if outer > 0 else geom
            inner_geom = shapely.buffer(geom, inner, quad_segs=_QUAD_SEGS) if inner > 0 else geom
            ring = shapely.difference(outer_geom, inner_geom)
            row = {
                "distance_class": name,
                "min_distance_m": inner,
                "max_distance_m": outer,
                "geometry": ring,
            }
            if key is not None:
                row = {id_name: key, **row}
            rows.append(row)
    columns = ["distance_class", "min_distance_m", "max_distance_m", "geometry"]
    if not dissolve:
        columns = [id_name, *columns]
    out = gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs=sites.crs)
    out.attrs["no_geometry"] = skipped
    return out
