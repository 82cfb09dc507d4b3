"""The house rules of ARCHITECTURE.md: module size, no import cycles, one home per rule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "geoinnenstadt"
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _imports(path: Path) -> set[str]:
    """Package modules that ``path`` imports anywhere (module level, in functions, for typing).

    Lazy imports inside functions count too: a dependency that only hides behind a
    function-level import is still a dependency, and a cycle of them is a design cycle.
    Exempt are compatibility re-exports in a module-level ``__getattr__`` (old import
    paths such as ``geoinnenstadt.city.load_sample`` or ``gi.vacancy.hotspots`` that
    point at the new home): they are not used inside the package.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _name(path)
    is_package = path.name == "__init__.py"
    known = {_name(p) for p in MODULES}
    out: set[str] = set()

    def visit(nodes: list[ast.AST]) -> None:
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = _resolve(module, is_package, node.level, node.module)
                for alias in node.names:
                    cand = f"{base}.{alias.name}"
                    out.add(cand if cand in known else base)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "geoinnenstadt"
            ):
                out.add(node.module or "")
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names if a.name.startswith("geoinnenstadt"))

    shims = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"]
    shim_nodes = {id(x) for fn in shims for x in ast.walk(fn)}
    visit([n for n in ast.walk(tree) if id(n) not in shim_nodes])
    out.discard(module)
    return {m for m in out if m in known}


def test_no_module_over_800_lines():
    too_long = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert not too_long, f"split these modules (over 800 lines): {too_long}"


def test_no_import_cycles():
    graph = {_name(p): _imports(p) for p in MODULES}
    # a package imports its own submodules; a submodule importing its package's __init__
    # is not a cycle through other modules, so edges to a parent package are ignored
    for mod, deps in graph.items():
        graph[mod] = {d for d in deps if not mod.startswith(d + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                dfs(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            dfs(node)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """Source lines without docstrings and comments (a rough but adequate filter)."""
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    doc_lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                end = body[0].end_lineno or body[0].lineno
                doc_lines.update(range(body[0].lineno, end + 1))
    return [
        (i, line.split("#")[0]) for i, line in enumerate(src.splitlines(), 1) if i not in doc_lines
    ]


ONE_HOME = [
    # (what, regex, the only module allowed to contain it)
    ("date parsing", r"\bto_datetime\(|strptime\(|dayfirst", {"geoinnenstadt/dates.py"}),
    (
        "CRS judgement",
        r"\.is_geographic\b(?!\()|\.is_projected\b|axis_info|\.crs\s*[!=]=|\.equals\([^)]*crs|"
        r"CRS\.from_user_input\([^)]*\)\.equals|ignore_axis_order",
        {"geoinnenstadt/crs.py"},
    ),
    ("class breaks", r"mapclassify\.", {"geoinnenstadt/classify.py"}),
]


@pytest.mark.parametrize(("what", "pattern", "home"), ONE_HOME, ids=[w for w, _, _ in ONE_HOME])
def test_one_home_per_rule(what, pattern, home):
    rx = re.compile(pattern)
    found = []
    for p in MODULES:
        rel = str(p.relative_to(PACKAGE.parent))
        if rel in home:
            continue
        found += [f"{rel}:{i}: {line.strip()}" for i, line in _code_lines(p) if rx.search(line)]
    assert not found, f"{what} outside {sorted(home)}:\n" + "\n".join(found)
