"""The rows of a matplotlib figure's legend(s), read from the figure alone.

:func:`entries` gives each legend row as ``(text, facecolor, edgecolor)``; it
reads the artists the legend draws (never :mod:`geoinnenstadt.style`), so a
test can compare the print legend with the interactive one, or with colours
written out by hand.
"""

from __future__ import annotations

from typing import Any

from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

__all__ = ["entries", "hex_or_none"]

_NO_MARKER = (None, "None", "none", "", " ")


def hex_or_none(color: Any) -> str | None:
    """``'#rrggbb'`` (lower case, opacity dropped), or None for ``'none'`` and fully transparent colours."""
    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return None
    rgba = to_rgba(color)
    if rgba[3] == 0:
        return None
    return to_hex(rgba, keep_alpha=False).lower()


def _legends(fig: Figure) -> list[Legend]:
    found = [ax.get_legend() for ax in fig.axes]
    return [lg for lg in found if lg is not None] + list(fig.legends)


def entries(fig: Figure) -> list[tuple[str, str | None, str | None]]:
    """The rows of the figure's legend(s): ``(text, facecolor, edgecolor)``.

    ``text`` as drawn (line breaks as spaces). Patches give their face and
    edge colour; point symbols (a Line2D with a marker) their marker face and
    edge colour; lines ``None`` and their line colour (a line is all edge).
    Rows without a visible handle (section headings, notes) are skipped.
    """
    rows: list[tuple[str, str | None, str | None]] = []
    for legend in _legends(fig):
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            if handle is None or not handle.get_visible():
                continue
            label = text.get_text().replace("\n", " ")
            if isinstance(handle, Patch):
                rows.append(
                    (
                        label,
                        hex_or_none(handle.get_facecolor()),
                        hex_or_none(handle.get_edgecolor()),
                    )
                )
            elif isinstance(handle, Line2D):
                if handle.get_marker() not in _NO_MARKER:
                    rows.append(
                        (
                            label,
                            hex_or_none(handle.get_markerfacecolor()),
                            hex_or_none(handle.get_markeredgecolor()),
                        )
                    )
                else:
                    rows.append((label, None, hex_or_none(handle.get_color())))
    return rows
