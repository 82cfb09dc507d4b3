"""The synthetic XPlanGML F-Plan excerpt of the samples (sample_data/xplan.py), read back.

Oracle: the sample city's own context layer — its land-use polygons and polygonal water,
areas summed per type with shapely — never the reader.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import shapely
from helpers import ROOT

import geoinnenstadt as gi


def _writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_gi_sample_xplan", ROOT / "sample_data" / "xplan.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf", "dorsten"])
def test_fplan_excerpt_reads_back_with_its_areas(tmp_path: Path, name: str) -> None:
    city = gi.load_sample(name)
    path = _writer().write_fplan(city, tmp_path / f"{name}_fnp.gml")
    ctx = city.context
    polygonal = shapely.get_type_id(ctx.geometry.values) >= 3  # Polygon, MultiPolygon
    kind = ctx["landuse"].astype(object).where(ctx["category"] == "landuse", ctx["category"])
    expected = ctx[polygonal & kind.isin(["W", "MI", "MK", "GE", "GI", "SO", "green", "water"])]
    expected_ha = expected.geometry.area.groupby(kind[expected.index]).sum() / 10_000
    # coordinates are written to the millimetre: each vertex moves at most 0.5·√2 mm, so an
    # area changes by at most its perimeter × 0.71 mm
    bound_ha = expected.geometry.length.groupby(kind[expected.index]).sum() * 0.00071 / 10_000

    plan = gi.read_xplan(path)  # no warning: pytest runs with filterwarnings=error
    assert plan.attrs["xplan_version"] == "6.0"
    assert len(plan) == len(expected)
    assert plan["plan_name"].str.contains("synthetisch").all()
    got_ha = plan.geometry.area.groupby(plan["landuse"].astype(object)).sum() / 10_000
    assert sorted(got_ha.index) == sorted(expected_ha.index)
    for key, ha in expected_ha.items():
        assert abs(got_ha[key] - ha) <= bound_ha[key], key
    codes = plan.set_index("landuse")[["allg_art", "besondere_art"]].drop_duplicates()
    assert codes.loc["GE"].tolist() == ["3000", "1700"]
    assert codes.loc["GI"].tolist() == ["3000", "1800"]

    back = gi.read_layer(path, "context")
    assert (back["category"] == "landuse").sum() == (expected["category"] == "landuse").sum()
    assert sorted(back["landuse"].dropna()) == sorted(expected["landuse"].dropna())
    assert gi.validate(back, kind="context").ok


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf", "dorsten"])
def test_committed_fplan_excerpt_is_what_the_generator_writes(tmp_path: Path, name: str) -> None:
    committed = ROOT / "sample_data" / f"{name}_fnp.gml"
    fresh = _writer().write_fplan(gi.load_sample(name), tmp_path / committed.name)
    assert Path(fresh).read_bytes() == committed.read_bytes()
    plan = gi.read_xplan(committed)
    assert plan["plan_name"].str.contains("synthetisch").all()
