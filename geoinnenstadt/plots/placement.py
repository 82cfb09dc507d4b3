"""Labels of the print maps: one per name, with a halo, never on a data point, never clipped.

Part of :mod:`geoinnenstadt.plots`. The map functions collect a
:class:`LabelRequest` per labelled feature (quarters, core zones, pre-emption
areas, districts) and :func:`place_labels` writes them once everything else is
drawn:

* features sharing a name (the parts of a district, several areas called
  "Vorkaufsrechtsgebiet …") get one label, on their largest part in the frame;
* every label has a halo (:func:`matplotlib.patheffects.withStroke` in
  :data:`geoinnenstadt.style.INK` ``["halo"]``) drawn on a copy right
  beneath it (gid ``halo-<label gid>``), so the label itself stays real
  text in PDF and SVG;
* a label is put at the first of a series of candidate points inside its
  polygon (the point on the surface first, then a grid of points inside, the
  nearest to the centre first) whose text box, measured in display space,
  covers no drawn point symbol, no map furniture and no other label, and
  lies wholly inside the map frame;
* when no candidate fits, a smaller label is tried; when that does not fit
  either, the label is left out and counted (the maps name the count in the
  legend).

Examples
--------
>>> import geoinnenstadt as gi
>>> fig = gi.plots.vacancy_plot(gi.load_sample("dorsten"))
>>> fig.axes[0]._gi_labels["placed"] > 0
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .. import style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["LabelRequest", "place_labels"]

#: gid prefix of point collections that labels must not cover.
POINT_GID = "points-"
#: Candidate points per polygon side (a grid of at most this squared).
_GRID = 24
#: Halo width in points.
_HALO_PT = 2.5
#: Display-space padding (pixels) kept around points and labels.
_PAD_PX = 1.0
#: Margin (points) kept around scale bar, north arrow, notes and a legend inside the frame.
_FURNITURE_MARGIN_PT = 10.0
#: Share of a label's width added on each side: text widths differ by a few per cent
#: between resolutions (font hinting), so a label placed at screen resolution still
#: keeps clear of points and furniture when saved at 150 or 300 dpi.
_WIDTH_SLACK = 0.03


@dataclass(frozen=True)
class LabelRequest:
    """A label to write inside ``geometry`` (map coordinates).

    Attributes
    ----------
    text : str
        The label (already wrapped).
    geometry : shapely geometry
        The feature; a label goes inside its largest polygon part in the frame.
    name : str
        Features with the same ``name`` get one label (on the largest part).
    gid : str
        gid of the Text artist.
    zorder : float
        Drawing order of the label.
    fontsize : float
        Preferred size in points; a smaller one is tried when it does not fit.
    color : str
        Text colour (default :data:`geoinnenstadt.style.INK` ``["text"]``).
    italic : bool
        Italic text (district names).
    """

    text: str
    geometry: Any
    name: str
    gid: str
    zorder: float
    fontsize: float = 8.0
    color: str = style.INK["text"]
    italic: bool = False


def halo() -> list[Any]:
    """The path effects of every map label: a halo in ``INK["halo"]``."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=_HALO_PT, foreground=style.INK["halo"])]


def _largest_parts(requests: Sequence[LabelRequest], view: Any) -> list[tuple[LabelRequest, Any]]:
    """One (request, polygon part in the frame) per name: the largest part of all its features."""
    best: dict[str, tuple[float, int, LabelRequest, Any]] = {}
    for i, req in enumerate(requests):
        if req.geometry is None or shapely.is_empty(req.geometry):
            continue
        shown = shapely.intersection(req.geometry, view)
        parts = [p for p in shapely.get_parts(shown) if shapely.get_type_id(p) == 3]
        for part in parts:
            area = float(shapely.area(part))
            if area > 0 and (req.name not in best or area > best[req.name][0]):
                best[req.name] = (area, best.get(req.name, (0, i))[1], req, part)
    return [(req, part) for _, _, req, part in sorted(best.values(), key=lambda v: v[1])]


def _candidates(part: Any) -> np.ndarray:
    """Candidate anchor points inside ``part``: its point on the surface, then a grid, centre first."""
    rep = shapely.point_on_surface(part)
    minx, miny, maxx, maxy = part.bounds
    xs = np.linspace(minx, maxx, _GRID + 2)[1:-1]
    ys = np.linspace(miny, maxy, _GRID + 2)[1:-1]
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    inside = shapely.contains_xy(part, grid[:, 0], grid[:, 1])
    grid = grid[inside]
    centre = np.array([rep.x, rep.y])
    grid = grid[np.argsort(np.hypot(*(grid - centre).T), kind="stable")]
    return np.vstack([centre[None, :], grid])


def point_boxes(ax: Axes) -> np.ndarray:
    """Display-space boxes ``(x0, y0, x1, y1)`` of every drawn point symbol (gid ``points-…``)."""
    fig = ax.get_figure(root=True)
    assert fig is not None
    boxes = []
    for coll in ax.collections:
        if not (coll.get_gid() or "").startswith(POINT_GID) or not coll.get_visible():
            continue
        offsets = np.asarray(coll.get_offsets(), dtype=float)
        if not len(offsets):
            continue
        xy = coll.get_offset_transform().transform(offsets)
        sizes = np.asarray(coll.get_sizes(), dtype=np.float64)  # type: ignore[attr-defined]
        lw = np.asarray(coll.get_linewidths(), dtype=np.float64)  # type: ignore[attr-defined]
        radius_pt = np.sqrt(sizes) / 2 + (lw.max() if len(lw) else 0) / 2
        r = np.broadcast_to(radius_pt * fig.dpi / 72.0 + _PAD_PX, (len(xy),))
        boxes.append(np.column_stack([xy[:, 0] - r, xy[:, 1] - r, xy[:, 0] + r, xy[:, 1] + r]))
    return np.vstack(boxes) if boxes else np.zeros((0, 4))


def _overlaps(box: np.ndarray, boxes: np.ndarray) -> bool:
    if not len(boxes):
        return False
    return bool(
        (
            (boxes[:, 0] < box[2])
            & (boxes[:, 2] > box[0])
            & (boxes[:, 1] < box[3])
            & (boxes[:, 3] > box[1])
        ).any()
    )


def furniture_boxes(ax: Axes) -> list[np.ndarray]:
    """Display boxes of the furniture inside the map frame (scale bar, north arrow, notes, legend)."""
    frame = ax.get_window_extent()
    fig = ax.get_figure(root=True)
    assert fig is not None
    m = _FURNITURE_MARGIN_PT * fig.dpi / 72.0
    out = []
    for artist in [*ax.artists, *([ax.get_legend()] if ax.get_legend() else [])]:
        if artist is None or not artist.get_visible():
            continue
        bb = artist.get_tightbbox()  # with the frame of a legend or box, not only its content
        if bb is not None and bb.overlaps(frame):
            out.append(np.array([bb.x0 - m, bb.y0 - m, bb.x1 + m, bb.y1 + m]))
    for text in ax.texts:
        if text.get_gid() == "empty-note" and text.get_visible():
            bb = text.get_window_extent()
            out.append(np.array([bb.x0, bb.y0, bb.x1, bb.y1]))
    return out


def place_labels(
    ax: Axes, requests: Sequence[LabelRequest], *, taken: list[np.ndarray] | None = None
) -> dict[str, Any]:
    """Write ``requests`` where they fit (see the module notes); return what was placed and left out.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map, with its extent and every data layer and piece of furniture drawn.
    requests : sequence of LabelRequest
        In order of priority (earlier requests are placed first).
    taken : list of array, optional
        Display boxes already occupied (labels placed earlier); extended in place.

    Returns
    -------
    dict
        ``placed`` (number), ``omitted`` (names left out), ``texts`` (the Text artists).
    """
    if taken is None:
        taken = []
    ax.apply_aspect()
    frame = ax.get_window_extent()
    x0, x1 = sorted(ax.get_xlim())
    y0, y1 = sorted(ax.get_ylim())
    view = shapely.box(x0, y0, x1, y1)
    points = point_boxes(ax)
    blocked = [*furniture_boxes(ax)]
    texts: list[Text] = []
    omitted: list[str] = []
    for req, part in _largest_parts(requests, view):
        text = ax.text(
            0.0, 0.0, req.text, ha="center", va="center", fontsize=req.fontsize,
            color=req.color, fontstyle="italic" if req.italic else "normal",
            zorder=req.zorder, clip_on=False, gid=req.gid,
        )  # fmt: skip
        spot = _fit(text, part, frame, points, [*blocked, *taken], req.fontsize)
        if spot is None:
            text.remove()
            omitted.append(req.name)
            continue
        taken.append(spot)
        text._gi_name = req.name  # type: ignore[attr-defined]
        texts.append(text)
        _add_halo(text)
    return {"placed": len(texts), "omitted": omitted, "texts": texts}


def _add_halo(text: Text) -> Text:
    """A halo copy of ``text`` right beneath it (gid ``halo-<gid>``).

    The halo is drawn by :func:`matplotlib.patheffects.withStroke` on a copy,
    not on the label itself: path effects turn text into outlines in PDF and
    SVG, and the label must stay real, searchable text.
    """
    ax: Any = text.axes
    assert ax is not None
    x, y = text.get_position()
    copy = ax.text(
        x, y, text.get_text(), ha="center", va="center", fontsize=text.get_fontsize(),
        fontstyle=text.get_fontstyle(), color=style.INK["halo"], path_effects=halo(),
        zorder=text.get_zorder() - 0.01, clip_on=False, gid=f"halo-{text.get_gid()}",
    )  # fmt: skip
    copy.set_transform(text.get_transform())
    text._gi_halo = copy  # type: ignore[attr-defined]
    return copy


def remove_label(text: Text) -> None:
    """Take a placed label and its halo off the map."""
    halo_copy = getattr(text, "_gi_halo", None)
    if halo_copy is not None:
        halo_copy.remove()
    text.remove()


def _fit(
    text: Text,
    part: Any,
    frame: Any,
    points: np.ndarray,
    taken: list[np.ndarray],
    fontsize: float,
) -> np.ndarray | None:
    """Move ``text`` to the first candidate where it fits; its display box, or None."""
    ax = text.axes
    assert ax is not None
    fig = ax.get_figure(root=True)
    assert fig is not None
    pad = _HALO_PT / 2 * fig.dpi / 72.0
    others = np.vstack(taken) if taken else np.zeros((0, 4))
    anchors = ax.transData.transform(_candidates(part))
    for size in (fontsize, max(5.5, fontsize - 1.5)):
        text.set_fontsize(size)
        text.set_position((0.0, 0.0))
        text.set_transform(_display_identity())
        for ax_x, ax_y in anchors:
            text.set_position((ax_x, ax_y))
            bb = text.get_window_extent()
            slack = pad + _WIDTH_SLACK * bb.width
            box = np.array([bb.x0 - slack, bb.y0 - pad, bb.x1 + slack, bb.y1 + pad])
            if not (
                box[0] >= frame.x0
                and box[1] >= frame.y0
                and box[2] <= frame.x1
                and box[3] <= frame.y1
            ):
                continue
            if _overlaps(box, points) or _overlaps(box, others):
                continue
            text.set_transform(ax.transData)
            text.set_position(tuple(ax.transData.inverted().transform((ax_x, ax_y))))
            return box
    text.set_transform(ax.transData)
    return None


def _display_identity() -> Any:
    from matplotlib.transforms import IdentityTransform

    return IdentityTransform()
