"""The entry of a city layer into a map, and the columns read from it.

* :func:`city_layer` (through :func:`checked`) is the one entry of a layer: it
  drops the schema's personal columns
  (:func:`geoinnenstadt.privacy.drop_personal`) and refuses a layer without a
  CRS. Layers are passed to the analysis functions as they are (those check
  the CRS they need, :mod:`geoinnenstadt.crs`) and reprojected for display
  only, with :func:`lonlat`.
* :func:`drop_missing_geometry` leaves out features without geometry with a
  warning that names them (they cannot be drawn).
* :func:`column_texts`, :func:`column_values` and :func:`formatted` read the columns the
  popups show (missing → None).

Examples
--------
>>> import pandas as pd
>>> from geoinnenstadt.maps import layers
>>> layers.column_texts(pd.DataFrame({"name": ["Nord", None, ""]}), "name")
['Nord', None, None]
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from .. import crs, labels, privacy
from ..errors import GeoinnenstadtWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City


def checked(gdf: Any, kind: str) -> gpd.GeoDataFrame | None:
    """A layer ready for a map: a GeoDataFrame with a CRS, without personal columns."""
    if gdf is None:
        return None
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"the {kind} layer must be a GeoDataFrame, got {type(gdf).__name__}")
    crs.require_same(gdf, names=[kind])  # CRSError naming the layer when it has no CRS
    from ..schema import LAYERS

    return privacy.drop_personal(gdf, kind=kind if kind in LAYERS else None)


def city_layer(city: City, kind: str) -> gpd.GeoDataFrame | None:
    """Layer ``kind`` of ``city`` (see :func:`checked`); None when absent."""
    return checked(getattr(city, kind, None), kind)


def drop_missing_geometry(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    """``gdf`` without features lacking geometry; a warning names the first ten."""
    bad = gdf.geometry.isna() | gdf.geometry.is_empty
    if bad.any():
        from ..schema import LAYERS

        idc = LAYERS[kind].id_column
        ids = (
            gdf.loc[bad, idc].astype(str).tolist()[:10]
            if idc in gdf.columns
            else list(gdf.index[bad][:10])
        )
        warnings.warn(
            f"{int(bad.sum())} {kind} feature(s) without geometry are not drawn: "
            f"{', '.join(map(str, ids))}",
            GeoinnenstadtWarning,
            stacklevel=3,
        )
        gdf = gdf.loc[~bad]
    return gdf


def lonlat(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Geometries in WGS 84 for display (the only reprojection of the maps)."""
    return crs.to_display(gdf.geometry)


def column_texts(gdf: pd.DataFrame, column: str) -> list[str | None]:
    """``column`` as text per row; missing, blank or absent → None."""
    if column not in gdf.columns:
        return [None] * len(gdf)
    return [None if labels.is_na(v) or str(v) == "" else str(v) for v in gdf[column]]


def column_values(gdf: pd.DataFrame, column: str) -> list[Any]:
    """``column`` as a list; an absent column → None per row."""
    return list(gdf[column]) if column in gdf.columns else [None] * len(gdf)


def formatted(values: Any, fmt: Any) -> list[str | None]:
    """``fmt(value)`` for every value, computed once per distinct value; missing/blank → None."""
    arr = pd.Series(values, dtype=object).reset_index(drop=True)
    missing = arr.isna().to_numpy() | (arr.astype(str) == "").to_numpy()
    codes, uniques = pd.factorize(arr.where(~missing), use_na_sentinel=True)
    texts = [fmt(u) for u in uniques]
    return [None if c < 0 else texts[c] for c in codes]
