"""The house rules of ARCHITECTURE.md: public names for shared helpers, no import cycles,
one home per rule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "geoinnenstadt"
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path, package: Path = PACKAGE) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
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


def _private_imports(package: Path) -> set[tuple[str, str, str]]:
    """``(importing module, imported module, name)`` for every private name taken from another module.

    A private name has one leading underscore (dunders such as ``__version__`` are not
    private). Counted are ``from x import _name`` (relative or absolute, at any depth, also
    inside functions) and ``module._name`` where ``module`` is a package module bound by an
    import (``from .. import labels`` then ``labels._lang``). Submodules (``from . import
    _base``) are modules, not helpers, and are not counted. Module names are given without
    the top-level package (``"vacancy.inventory"``).
    """
    top = package.name
    paths = sorted(package.rglob("*.py"))

    known = {_name(p, package) for p in paths}

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__")

    def short(module: str) -> str:
        return module.removeprefix(top + ".") if module != top else top

    found: set[tuple[str, str, str]] = set()
    for path in paths:
        module = _name(path, package)
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}  # local name -> package module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    source = _resolve(module, is_package, node.level, node.module)
                elif (node.module or "").split(".")[0] == top:
                    source = node.module or ""
                else:
                    continue
                for alias in node.names:
                    if f"{source}.{alias.name}" in known:
                        bound[alias.asname or alias.name] = f"{source}.{alias.name}"
                    elif private(alias.name) and source != module:
                        found.add((short(module), short(source), alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == top and alias.asname:
                        bound[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and private(node.attr)
                and bound[node.value.id] != module
                and f"{bound[node.value.id]}.{node.attr}" not in known
            ):
                found.add((short(module), short(bound[node.value.id]), node.attr))
    return found


#: The private names one module may take from another, with the reason. Everything else
#: that is shared has a public name in the module of its concept (ARCHITECTURE.md).
#: At most 40 entries; an entry whose import is gone must be removed (it fails as stale).
PRIVATE_IMPORTS_ALLOWED: dict[tuple[str, str, str], str] = {}


def test_private_import_scanner_on_a_small_package(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "__version__ = '1'\n",
        "a.py": "def _helper(): ...\ndef public(): ...\n_CONST = 1\n",
        "b.py": "from .a import _helper, public\nfrom . import __version__\n",
        "c.py": "from . import a\n\ndef f():\n    return a._CONST, a.public\n",
        "d.py": "import pkg.a as mod\n\ndef g():\n    from pkg.a import _CONST\n    return mod._helper\n",
        "e.py": "def _own(): ...\nx = _own()\n",
        "sub/__init__.py": "from ._impl import _x\n",
        "sub/_impl.py": "_x = 1\n_y = 2\n",
        "sub/use.py": "from . import _impl\nfrom .. import a as _a\n\nv = _impl._y, _a.public\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    assert _private_imports(pkg) == {
        ("b", "a", "_helper"),
        ("c", "a", "_CONST"),
        ("d", "a", "_CONST"),
        ("d", "a", "_helper"),
        ("sub", "sub._impl", "_x"),
        ("sub.use", "sub._impl", "_y"),
    }


def test_private_imports_only_from_the_allow_list():
    """Shared helpers have public names; the few private imports left are listed with a reason."""
    found = _private_imports(PACKAGE)
    assert len(PRIVATE_IMPORTS_ALLOWED) <= 40, (
        f"{len(PRIVATE_IMPORTS_ALLOWED)} allowed private imports (at most 40): give the "
        "shared helpers public names in the module of their concept"
    )
    assert all(reason.strip() for reason in PRIVATE_IMPORTS_ALLOWED.values()), "give each a reason"
    listed = set(PRIVATE_IMPORTS_ALLOWED)
    new = sorted(found - listed)
    assert not new, (
        "private names imported from another module (give the helper a public name in the "
        "module of its concept, or list it with a reason in PRIVATE_IMPORTS_ALLOWED):\n"
        + "\n".join(f"  {imp} imports {name} from {src}" for imp, src, name in new)
    )
    stale = sorted(listed - found)
    assert not stale, "stale allow-list entries (the import is gone; remove them):\n" + "\n".join(
        f"  {entry}" for entry in stale
    )


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
