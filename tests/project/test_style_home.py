"""House rule: colours live in ``gi.style`` only (issue 19, item 1).

A colour written as ``#rrggbb`` or ``#rgb`` in a string of the package's code, outside
``geoinnenstadt/style.py`` and outside docstrings (whose examples show colours), is a second
home of a colour and fails this test. The oracle of :func:`test_finder_on_hand_written_code`
is a list of findings written out by hand.
"""

from __future__ import annotations

import ast
import re

from helpers import ROOT

PACKAGE = ROOT / "geoinnenstadt"
HOME = PACKAGE / "style.py"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-fA-F\w])")


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string constants that are docstrings."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def colour_literals(source: str) -> list[tuple[int, str]]:
    """(line, colour) of every hex colour in a non-docstring string constant of ``source``."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found += [(node.lineno, m.group(0)) for m in _HEX.finditer(node.value)]
    return sorted(found)


def test_finder_on_hand_written_code() -> None:
    source = (
        'def f():\n    """Red is \'#ff0000\'."""\n    return "#1A9850"\n'
        'X = {"a": "#abc", "b": "#abcd", "c": "a#123 b", "d": "see #12"}\n'
        'Y = f"color:#333333;{1}"\n'
    )
    assert colour_literals(source) == [(3, "#1A9850"), (4, "#123"), (4, "#abc"), (5, "#333333")]


def test_no_colour_outside_the_style_home() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == HOME:
            continue
        for line, colour in colour_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {colour}")
    assert offenders == [], "colours belong in geoinnenstadt/style.py:\n" + "\n".join(offenders)
