"""Hand-built space requests (Ansiedlungsgesuche) and two quarters, for the requests tests."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
from shapely import box

CRS = "EPSG:25832"
X0, Y0 = 393_000.0, 5_707_000.0  # Dortmund city centre in ETRS89 / UTM 32N
#: The personal columns of a request, in the schema's order.
CONTACTS = ["contact_name", "contact_email", "contact_phone"]


def requests(n: int = 2, **overrides: list[Any]) -> pd.DataFrame:
    """``n`` valid gastronomy requests ``G1``…; ``overrides`` replace or add columns."""
    rows: dict[str, list[Any]] = {
        "request_id": [f"G{i + 1}" for i in range(n)],
        "received_on": ["2025-03-01"] * n,
        "use": ["gastronomy"] * n,
        "min_floor_area_m2": [150.0] * n,
        "max_floor_area_m2": [300.0] * n,
        "ground_floor_required": [True] * n,
        "status": ["open"] * n,
    }
    rows.update(overrides)
    return pd.DataFrame(rows)


def quarters() -> gpd.GeoDataFrame:
    """Two quarters: ``Q1`` Hansaviertel and ``Q2`` Brückviertel."""
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Hansaviertel", "Brückviertel"]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 100)],
        crs=CRS,
    )
