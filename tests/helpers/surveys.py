"""A units panel written as letters: per survey date and quarter one letter per unit.

``v`` is a vacant unit (vacant since 15.01.2024), ``o`` an occupied one; every unit has
100 m². The units of a quarter lie in a row, 15 m apart, from 20 m east and 150 m north of
the quarter's ``origin`` corner (EPSG:25832), so that each lies inside its quarter.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

import geoinnenstadt as gi

CRS = "EPSG:25832"


def units_from_codes(
    surveys: dict[str, dict[str, str]],
    origin: dict[str, tuple[float, float]],
    *,
    owner_name: str | None = None,
) -> gpd.GeoDataFrame:
    """The units layer of ``surveys`` ({date: {quarter_id: "vooo"}}), conformed."""
    rows = []
    for day, states in surveys.items():
        for qid, codes in states.items():
            ox, oy = origin[qid]
            for i, c in enumerate(codes):
                row = {
                    "unit_id": f"{qid}-{i}",
                    "survey_date": pd.Timestamp(day),
                    "status": "vacant" if c == "v" else "occupied",
                    "floor_area_m2": 100.0,
                    "vacant_since": pd.Timestamp("2024-01-15") if c == "v" else pd.NaT,
                    "geometry": Point(ox + 20 + 15 * i, oy + 150),
                }
                if owner_name is not None:
                    row["owner_name"] = owner_name
                rows.append(row)
    return gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")
