"""Print maps with context (issue 14): city boundary, districts, land use, water, rail, roads.

The oracle is plain shapely/matplotlib on a hand-built city near Dortmund (EPSG:25832), and
the styles of geoinnenstadt.context (the one home of the look); never the drawing helper.
"""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")  # tests only: the library never chooses a backend

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from shapely.geometry import LineString, Point, box

import geoinnenstadt as gi
from geoinnenstadt import plots

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"
SURVEY = pd.Timestamp("2025-06-30")
#: The map frame of a page: 0.64 of the A4-landscape width (11.69 in), see plots.cartography.
FRAME_WIDTH_IN = 11.69 * 0.64

#: District D3 lies 3 km east of every data layer: outside the map's extent.
DISTRICTS = {
    "D1": ("Innenstadt-West", box(X0 - 2000, Y0 - 2000, X0 + 400, Y0 + 2000)),
    "D2": ("Innenstadt-Ost", box(X0 + 400, Y0 - 2000, X0 + 3000, Y0 + 2000)),
    "D3": ("Brackel", box(X0 + 3000, Y0 - 2000, X0 + 5000, Y0 + 2000)),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _river() -> LineString:
    """A river along y = Y0 + 630 with a vertex every 2 m and a 0.1 m wiggle (simplified away)."""
    xs = np.arange(X0 - 3000, X0 + 4000.1, 2.0)
    ys = Y0 + 630 + 0.1 * np.sin(np.arange(len(xs)))
    return LineString(np.column_stack([xs, ys]))


def _context() -> gpd.GeoDataFrame:
    rows = [
        ("B1", "city_boundary", "Teststadt", None, box(X0 - 5000, Y0 - 5000, X0 + 6000, Y0 + 5000)),
        *[(cid, "district", name, None, geom) for cid, (name, geom) in DISTRICTS.items()],
        ("L1", "landuse", "Hafen", "GE", box(X0 + 50, Y0 + 50, X0 + 350, Y0 + 250)),
        ("L2", "landuse", "Westfalenhütte", "GI", box(X0 + 450, Y0 + 50, X0 + 780, Y0 + 250)),
        ("L3", "landuse", "Park", "green", box(X0 + 3500, Y0 + 100, X0 + 4000, Y0 + 400)),
        ("W1", "water", "Emscher", None, _river()),
        ("R1", "road", "B 54", None, LineString([(X0 - 20, Y0 - 3000), (X0 - 20, Y0 + 3000)])),
        ("T1", "rail", "Köln-Mindener Bahn", None,
         LineString([(X0 - 3000, Y0 - 3000), (X0 + 3000, Y0 + 3000)])),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["context_id", "category", "name", "landuse", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Brückviertel", "Klosterviertel"]},
        geometry=[box(X0, Y0, X0 + 400, Y0 + 600), box(X0 + 400, Y0, X0 + 800, Y0 + 600)],
        crs=CRS,
    )


def _units() -> gpd.GeoDataFrame:
    rows = [
        {
            "unit_id": f"U{i}",
            "survey_date": SURVEY,
            "status": "vacant" if i % 3 == 0 else "occupied",
            "floor_area_m2": 100.0,
            "vacant_since": pd.Timestamp("2024-01-15") if i % 3 == 0 else pd.NaT,
            "geometry": Point(X0 + 50 + 100 * i, Y0 + 300),
        }
        for i in range(7)
    ]
    return gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")


def _sites() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2"],
            "status": ["available", "available"],
            "restriction": ["none", "minor"],
        },
        geometry=[box(X0 + 100, Y0 + 100, X0 + 300, Y0 + 300), box(X0 + 500, Y0, X0 + 800, Y0 + 600)],
        crs=CRS,
    )


def _city(*, context: bool = True) -> gi.City:
    return gi.City(
        quarters=_quarters(),
        units=_units(),
        sites=_sites(),
        preemption_areas=gpd.GeoDataFrame(
            {"area_id": ["V1"], "name": ["Hafen Süd"], "legal_basis": ["§ 24 BauGB"]},
            geometry=[box(X0, Y0, X0 + 800, Y0 + 600)],
            crs=CRS,
        ),
        context=_context() if context else None,
        meta={"name": "Teststadt", "synthetic": True, "source": "Test", "as_of": "2025-06-30"},
    )


PLOTS = {
    "vacancy": plots.vacancy_plot,
    "land": plots.land_plot,
    "preemption": plots.preemption_plot,
}
