"""The CRS of bare coordinates (CSV/Excel without crs=, Shapefile without .prj).

Policy: accepted only where exactly one CRS fits. Expected positions come from
independent pyproj transformations, never from the code under test.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt import crs
from geoinnenstadt.cli import main
from geoinnenstadt.errors import CRSError

# Berlin, Alexanderplatz area, in EPSG:25833 (UTM 33N): the same numbers in EPSG:25832 lie in
# Lower Saxony, about 400 km west.
BERLIN_E = [391_000.0, 391_150.0, 391_300.0]
BERLIN_N = [5_820_000.0, 5_820_080.0, 5_820_160.0]


def _units(**coords: list[float]) -> pd.DataFrame:
    n = len(next(iter(coords.values())))
    return pd.DataFrame(
        {
            "unit_id": [f"B{i + 1}" for i in range(n)],
            "survey_date": ["30.06.2025"] * n,
            "status": ["occupied"] * n,
            "floor_area_m2": [100] * n,
            **coords,
        }
    )


def _xy(gdf) -> np.ndarray:
    return shapely.get_coordinates(gdf.geometry.values)


# --------------------------------------------------------------------------- guess()


def test_guess_accepts_exactly_one_fitting_crs():
    assert crs.guess([7.4651, 7.4660], [51.5136, 51.5140]).crs == "EPSG:4326"
    assert crs.guess([32_393_000.0], [5_707_500.0]).crs == "EPSG:4647"
    assert crs.guess([33_391_000.0], [5_820_000.0]).crs == "EPSG:5650"


def test_guess_utm_without_zone_is_ambiguous():
    g = crs.guess(BERLIN_E, BERLIN_N)
    assert g.crs is None
    assert g.candidates == ("EPSG:25832", "EPSG:25833")
    assert "crs='EPSG:25832'" in g.fix
    assert "crs='EPSG:25833'" in g.fix


def test_guess_swapped_axes():
    assert crs.guess([51.5136], [7.4651]).swapped == "lat/lon"
    g = crs.guess([5_707_500.0], [393_000.0])
    assert g.crs is None
    assert g.swapped == "Rechtswert/Hochwert"


# --------------------------------------------------------------------------- read_layer


def test_berlin_25833_csv_without_crs_raises_with_candidates(tmp_path):
    path = tmp_path / "berlin.csv"
    _units(Rechtswert=BERLIN_E, Hochwert=BERLIN_N).to_csv(path, index=False)
    with pytest.raises(CRSError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "berlin.csv" in msg
    assert "'Rechtswert'/'Hochwert'" in msg
    assert "EPSG:25832" in msg
    assert "EPSG:25833" in msg  # candidates, not one false guess
    assert "crs='EPSG:25833'" in msg  # the fix

    gdf = gi.read_layer(path, "units", crs="EPSG:25833")
    ex, ey = Transformer.from_crs("EPSG:25833", "EPSG:25832", always_xy=True).transform(
        BERLIN_E, BERLIN_N
    )
    np.testing.assert_allclose(_xy(gdf), np.column_stack([ex, ey]), atol=1e-6)
    lon, lat = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True).transform(
        _xy(gdf)[:, 0], _xy(gdf)[:, 1]
    )
    assert np.all((lon > 13.0) & (lon < 13.8) & (lat > 52.3) & (lat < 52.7))  # Berlin


def test_validate_cli_exits_nonzero_on_ambiguous_csv(tmp_path, capsys):
    path = tmp_path / "berlin.csv"
    _units(x=BERLIN_E, y=BERLIN_N).to_csv(path, index=False)
    code = main(["validate", str(path), "--kind", "units"])
    err = capsys.readouterr().err
    assert code != 0
    assert "EPSG:25833" in err


def test_zone_prefixed_eastings_stay_detected(tmp_path):
    path = tmp_path / "berlin_5650.csv"
    _units(x=[e + 33_000_000 for e in BERLIN_E], y=BERLIN_N).to_csv(path, index=False)
    gdf = gi.read_layer(path, "units")
    ex, ey = Transformer.from_crs("EPSG:25833", "EPSG:25832", always_xy=True).transform(
        BERLIN_E, BERLIN_N
    )
    np.testing.assert_allclose(_xy(gdf), np.column_stack([ex, ey]), atol=1e-3)


def test_swapped_rechtswert_hochwert_gets_a_hint(tmp_path):
    path = tmp_path / "vertauscht.csv"
    # Rechtswert holds the northings, Hochwert the eastings
    _units(Rechtswert=BERLIN_N, Hochwert=BERLIN_E).to_csv(path, index=False)
    with pytest.raises(CRSError) as err:
        gi.read_layer(path, "units")
    msg = str(err.value)
    assert "vertauscht.csv" in msg
    assert "swapped?" in msg
    assert "x='Hochwert', y='Rechtswert'" in msg


def test_swapped_utm_in_a_file_with_crs_gets_a_hint(tmp_path):
    """A GeoPackage in EPSG:25832 whose x and y were exchanged: no longer 'values around …'."""
    path = tmp_path / "vertauscht.gpkg"
    x0, y0 = 5_707_500.0, 393_000.0  # northing as x, easting as y
    gdf = gpd_quarters([box(x0, y0, x0 + 100, y0 + 200)], "EPSG:25832")
    pyogrio.write_dataframe(gdf, path)
    with pytest.raises(
        CRSError, match=r"vertauscht\.gpkg:vertauscht: no feature lies in Germany.*swapped\?"
    ):
        gi.read_layer(path, "quarters")


def test_shapefile_without_prj_lists_both_utm_zones(tmp_path):
    path = tmp_path / "ohne_prj.shp"
    gdf = gpd_quarters([box(393_000, 5_707_500, 393_200, 5_707_600)], "EPSG:25832")
    pyogrio.write_dataframe(gdf, path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(CRSError) as err:
        gi.read_layer(path, "quarters")
    msg = str(err.value)
    assert "ohne_prj.shp" in msg
    assert "(.prj missing?)" in msg
    assert "EPSG:25832" in msg
    assert "EPSG:25833" in msg  # candidates, not one false guess
    assert "crs='EPSG:25833'" in msg


def gpd_quarters(geoms, crs_):
    return gpd.GeoDataFrame(
        {"quarter_id": [f"Q{i + 1}" for i in range(len(geoms))], "name": ["A"] * len(geoms)},
        geometry=geoms,
        crs=crs_,
    )
