"""The tests mirror the package, and no test module imports another (issue 25, part 5).

Where a test file may lie:

* ``tests/test_<module>.py`` or ``tests/test_<module>_<topic>.py`` for a single module of the
  package (``geoinnenstadt/<module>.py``: crs, dates, kennzeichen, zones, …);
* ``tests/<package>/test_*.py`` for a subpackage (``geoinnenstadt/<package>/``: maps,
  sources, vacancy, …);
* ``tests/browser/test_*.py``: every test that drives the headless browser (the ``browser``
  fixture), and ``tests/project/test_*.py``: checks of the repository as a whole (packaging,
  wheel, notebooks server, samples, benchmarks, house rules).

What more than one test module uses lives in ``tests/helpers/`` (imported as ``helpers``)
or, for fixtures, in a ``conftest.py``. Test data stays in ``tests/data/``.

The oracle of :func:`test_rules_on_a_hand_built_tree` is a list of violations written out
by hand for a tree made in ``tmp_path``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

TESTS = ROOT / "tests"
PACKAGE = ROOT / "geoinnenstadt"
#: Folders of tests that mirror no subpackage (see the module docstring).
OTHER_FOLDERS = frozenset({"browser", "project"})
#: Folders of ``tests/`` that hold no tests: the shared helpers and the fixture files.
HELPERS, NOT_CODE = "helpers", frozenset({"data", "__pycache__"})
#: Tests outside ``tests/browser/`` that use the browser, each with its reason.
BROWSER_ELSEWHERE = {
    # it opens the briefings that the module's ``built`` fixture made for all its tests
    "briefing/test_briefing.py::test_briefings_open_offline_in_chromium",
}


def package_layout(package: Path) -> tuple[set[str], set[str]]:
    """The single modules and the subpackages of ``package`` (private names left out)."""
    modules = {p.stem for p in package.glob("*.py") if not p.name.startswith("_")}
    packages = {p.parent.name for p in package.glob("*/__init__.py")}
    return modules, packages


def _imported(tree: ast.Module) -> list[str]:
    """Every module an import statement names (``from . import x`` names ``x``)."""
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                out.append(node.module)
            if node.level or not node.module:
                out += [a.name for a in node.names]
    return out


def _browser_tests(tree: ast.Module) -> list[str]:
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and "browser" in {a.arg for a in [*node.args.args, *node.args.kwonlyargs]}
    ]


def violations(
    tests: Path, modules: set[str], packages: set[str], browser_elsewhere: set[str]
) -> list[str]:
    """Every breach of the layout and of the import rule under ``tests``, one line each."""
    out = []
    for path in sorted(tests.rglob("*.py")):
        rel = path.relative_to(tests)
        if rel.parts[0] in NOT_CODE and len(rel.parts) > 1:
            continue
        name = rel.as_posix()
        if path.name == "conftest.py" or rel.parts[0] == HELPERS:
            pass
        elif not path.name.startswith("test_"):
            out.append(f"{name}: not a test file (shared code belongs in tests/helpers/)")
        elif len(rel.parts) == 1:
            stem = path.stem.removeprefix("test_")
            if not any(stem == m or stem.startswith(f"{m}_") for m in modules):
                out.append(f"{name}: no module geoinnenstadt/{stem.split('_')[0]}.py to mirror")
        elif len(rel.parts) > 2 or rel.parts[0] not in packages | OTHER_FOLDERS:
            out.append(f"{name}: {rel.parent.as_posix()}/ mirrors no subpackage")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module in _imported(tree):
            last = module.split(".")[-1]
            if last.startswith("test_") or last in {"_browser", "conftest"}:
                out.append(f"{name}: imports the test module {module}")
        if rel.parts[0] not in {"browser", HELPERS}:
            out += [
                f"{name}::{test}: uses the browser outside tests/browser/"
                for test in _browser_tests(tree)
                if f"{name}::{test}" not in browser_elsewhere
            ]
    return out


def test_rules_on_a_hand_built_tree(tmp_path: Path) -> None:
    files = {
        "conftest.py": "import pytest\n",
        "helpers/__init__.py": "from helpers.maps import make_city\n",
        "helpers/maps.py": "from test_maps import make_city\n",
        "data/make_fixture.py": "",
        "test_crs.py": "from helpers.maps import make_city\n",
        "test_crs_guess.py": "from geoinnenstadt import crs\n",
        "test_vacancy_panel.py": "",  # vacancy is a subpackage, not a module
        "test_surface.py": "",
        "maps/test_maps.py": "def test_page(browser):\n    pass\n",
        "maps/test_timeline.py": "from test_maps import make_city\nimport _browser\n",
        "maps/conftest.py": "from .test_maps import X\n",
        "maps/deep/test_x.py": "",
        "misc/test_y.py": "from . import test_z\n",
        "browser/test_maps.py": "from helpers.browser import Opened\n\ndef test_a(browser):\n    pass\n",
        "project/test_layout.py": "import conftest\n",
        "_browser.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert violations(tmp_path, {"crs", "dates"}, {"maps", "vacancy"}, set()) == [
        "_browser.py: not a test file (shared code belongs in tests/helpers/)",
        "helpers/maps.py: imports the test module test_maps",
        "maps/conftest.py: imports the test module test_maps",
        "maps/deep/test_x.py: maps/deep/ mirrors no subpackage",
        "maps/test_maps.py::test_page: uses the browser outside tests/browser/",
        "maps/test_timeline.py: imports the test module test_maps",
        "maps/test_timeline.py: imports the test module _browser",
        "misc/test_y.py: misc/ mirrors no subpackage",
        "misc/test_y.py: imports the test module test_z",
        "project/test_layout.py: imports the test module conftest",
        "test_surface.py: no module geoinnenstadt/surface.py to mirror",
        "test_vacancy_panel.py: no module geoinnenstadt/vacancy.py to mirror",
    ]


def test_the_tests_mirror_the_package() -> None:
    modules, packages = package_layout(PACKAGE)
    assert {"crs", "dates", "kennzeichen", "zones"} <= modules
    assert {"maps", "sources", "vacancy", "land"} <= packages
    assert violations(TESTS, modules, packages, BROWSER_ELSEWHERE) == []


def test_every_exception_still_exists() -> None:
    found = set()
    for name in BROWSER_ELSEWHERE:
        path = name.split("::")[0]
        found |= {name} & {
            f"{path}::{t}"
            for t in _browser_tests(ast.parse((TESTS / path).read_text(encoding="utf-8")))
        }
    assert found == BROWSER_ELSEWHERE
