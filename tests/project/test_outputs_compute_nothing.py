"""Maps and plots never compute indicators (issue 25): they take result objects.

The panels (``gi.vacancy.panel``, ``gi.land.panel``, ``gi.preemption.panel``) compute; outputs
draw. ``geoinnenstadt/maps/`` and ``geoinnenstadt/plots/`` import nothing of an analysis module —
neither at the top of a module nor inside a function — except its result type and its ``panel``
constructor (the convenience calls such as ``vacancy_map(city)`` build a panel and pass it on),
and anything under ``if TYPE_CHECKING:`` for type hints.
"""

from __future__ import annotations

import ast
from pathlib import Path

import geoinnenstadt

PACKAGE = Path(geoinnenstadt.__file__).parent
ANALYSIS = {"vacancy", "hotspots", "land", "preemption", "conflicts", "zones", "scale", "matching"}
OUTPUTS = ("maps", "plots")
#: what an output may take from an analysis module: the constructors and the result types,
#: and the id of the city-total row (a constant, not a computation)
ALLOWED = {
    "panel",
    "ensure_panel",
    "with_sites",
    "VacancyPanel",
    "LandPanel",
    "PreemptionPanel",
    "TOTAL_ID",
    # the match table of the vacancy map's panel "Gesuche" (issue 22): computed once by the
    # convenience call, as it builds the panel, and handed on; the page only shows it
    "match",
}


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


def _analysis_imports(source: str, module: str) -> list[str]:
    """Every import of an analysis module in ``source`` (the text of the dotted ``module``)
    outside TYPE_CHECKING blocks."""
    tree = ast.parse(source)
    skip = _type_checking_blocks(tree)
    rel = module
    package = module.split(".")[:-1]  # e.g. ["geoinnenstadt", "maps"]
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names = [a.name for a in node.names]
            if mod.split(".")[1:2] and mod.split(".")[1] in ANALYSIS and set(names) <= ALLOWED:
                continue  # from ..vacancy import panel, VacancyPanel
            targets = [f"{mod}.{n}" for n in names if n not in ALLOWED]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        for t in targets:
            parts = t.split(".")
            if len(parts) >= 2 and parts[0] == "geoinnenstadt" and parts[1] in ANALYSIS:
                found.append(f"{rel}:{node.lineno} imports {t}")
                break
    return found


def test_the_rule_sees_an_analysis_import() -> None:
    """The checker itself: it finds relative and absolute analysis imports, and not under
    TYPE_CHECKING."""
    text = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .. import vacancy\n"
        "def f():\n    from .. import land\n    from ..zones import assign\n"
        "import geoinnenstadt.hotspots\n"
        "from .. import labels\n"
        "from ..vacancy import panel, VacancyPanel\n"
        "from ..land.result import LandPanel\n"
    )
    found = _analysis_imports(text, "geoinnenstadt.maps.probe")
    assert sorted(f.split(" imports ")[1] for f in found) == [
        "geoinnenstadt.hotspots",
        "geoinnenstadt.land",
        "geoinnenstadt.zones.assign",
    ]


def test_maps_and_plots_import_no_analysis() -> None:
    found = [
        hit
        for part in OUTPUTS
        for path in sorted((PACKAGE / part).rglob("*.py"))
        for hit in _analysis_imports(
            path.read_text(encoding="utf-8"),
            ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts),
        )
    ]
    assert found == [], "maps/ and plots/ take panels instead:\n" + "\n".join(found)
