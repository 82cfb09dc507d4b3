"""Root conftest: applies to the doctests in ``geoinnenstadt/`` as well as to ``tests/``.

The tests' own fixtures live in ``tests/conftest.py``; this file holds only what the
package's doctests need too.
"""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test or a docstring example left open.

    A docstring example shows a figure the way a notebook would and does not close it;
    without this, the 21st open figure raises matplotlib's "More than 20 figures" warning,
    which ``filterwarnings = error`` turns into a failure of whichever example comes next.
    """
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
