"""Sample loading lives in geoinnenstadt.datasets; city.py (the container) never imports io."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import geoinnenstadt as gi
from geoinnenstadt import datasets

PKG = Path(gi.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Every geoinnenstadt module a file imports, at any level (functions too), except under
    ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        if node.module:
            out.add(node.module.split(".")[0])
        else:
            out.update(a.name for a in node.names)
    return out


def test_city_does_not_import_io():
    imported = _imported_modules(PKG / "city.py")
    assert "io" not in imported, imported


def test_io_reaches_city_only_one_way():
    """io imports the City container; city imports neither io nor anything that imports io
    at module level (its lazy re-export of datasets runs only on attribute access)."""
    city_imports = _imported_modules(PKG / "city.py") - {"datasets"}
    for name in city_imports:
        module = PKG / f"{name}.py"
        if module.is_file():
            assert "io" not in _imported_modules(module), name


def test_sample_loading_names_stay_importable():
    with pytest.warns(DeprecationWarning, match="geoinnenstadt.datasets"):
        from geoinnenstadt.city import list_samples, load_sample, sample_path

    assert load_sample is datasets.load_sample
    assert list_samples is datasets.list_samples
    assert sample_path is datasets.sample_path
    assert gi.load_sample is datasets.load_sample
    assert gi.list_samples() == ["dorsten", "dortmund", "duesseldorf"]
    assert sample_path("dorsten").name == "dorsten.gpkg"


def test_load_sample_gives_a_city():
    city = gi.load_sample("dorsten")
    assert isinstance(city, gi.City)
    assert city.meta["synthetic"] is True
    assert gi.read_city(datasets.sample_path("dorsten")).meta == city.meta
