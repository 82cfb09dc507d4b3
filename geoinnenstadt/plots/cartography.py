"""Cartographic frame of the print maps.

Page, style, legend, scale bar, north arrow, source line, sample-data note,
and saving.

Part of :mod:`geoinnenstadt.plots`; the map kinds live in
:mod:`geoinnenstadt.plots.maps`, the charts in :mod:`geoinnenstadt.plots.charts`.

Rules carried here:

* Every layer is reprojected for display only, with
  :func:`geoinnenstadt.crs.to_working` (a layer without a CRS is a
  :class:`~geoinnenstadt.errors.CRSError`), and loses its personal columns
  through :func:`geoinnenstadt.privacy.drop_personal` before anything is drawn.
* Every text is drawn literally: ``$`` never starts matplotlib mathtext
  (``text.parse_math`` is off, see :func:`literal_text`).
* Every display string comes from :mod:`geoinnenstadt.labels`.

* Every colour, symbol and drawing order comes from :mod:`geoinnenstadt.style`:
  data layers are drawn at the z-order of their symbol (:attr:`Symbol.order
  <geoinnenstadt.style.Symbol>`: context 0–5, areas 10–14, points 20–22);
  district names lie at :data:`Z_DISTRICT_LABEL` (above every area, beneath
  the points), feature labels, furniture, notes and the legend above
  (:data:`Z_LABEL` … :data:`Z_LEGEND`).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``legend_handle``, ``NOTE``, ``layers_bounds``, ``center_note``,
``decorate``, ``default_title``, ``source_text``, ``add_sample_note``,
``add_chart_furniture``, ``fit_extent``, ``drawing_layer``,
``map_axes``, ``meta_date``, ``required_layer``,
``root_figure``, ``stand_text``, ``plot_style``, ``plot_text``, ``wrap_words``.

Examples
--------
>>> from geoinnenstadt.plots import nice_scale_length, scale_label
>>> scale_label(nice_scale_length(2300))
'500 m'
"""

from __future__ import annotations

import contextlib
import math
import os
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pyproj import Transformer

from .. import settings, style
from .placement import LabelRequest, place_labels, remove_label

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..city import City

__all__ = [
    "A4_LANDSCAPE",
    "FONT",
    "literal_text",
    "nice_scale_length",
    "save_figure",
    "scale_label",
]

#: Figure size (inches) of a map page: A4 landscape, 297 × 210 mm.
A4_LANDSCAPE: tuple[float, float] = (11.69, 8.27)

#: Font used for all text; ships with matplotlib and has every German glyph.
FONT = "DejaVu Sans"

#: Candidate scale-bar lengths in metres.
_NICE_LENGTHS_M: tuple[int, ...] = (
    10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000,
    50_000, 100_000,
)  # fmt: skip

_SAVE_FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}

#: z-order of district names: above every area symbol, beneath the point symbols.
Z_DISTRICT_LABEL = 15.0
#: z-order of feature labels (quarters, zones, areas): above every data symbol.
Z_LABEL = 25.0
#: z-order of scale bar and north arrow, the empty-map note, the legend, the sample note.
Z_FURNITURE, Z_NOTE, Z_LEGEND, Z_SAMPLE_NOTE = 30.0, 35.0, 40.0, 45.0

#: Handle of a legend note row (a remark without a symbol, written in italics).
NOTE: Any = object()


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 300) -> Path:
    """Save a map as PNG, PDF or SVG (chosen by the file extension), atomically.

    Fonts are embedded as TrueType (``pdf.fonttype = 42``) so umlauts print and
    text stays selectable; SVG keeps text as text (``svg.fonttype = "none"``,
    font DejaVu Sans). The file is written to a temporary name and renamed, so
    a failed save never leaves half a file.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
        Target ending in ``.png``, ``.pdf`` or ``.svg``.
    dpi : int, default 300
        Resolution of PNG output (stored in the PNG's ``pHYs`` chunk).

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> fig = gi.plots.vacancy_plot(gi.load_sample("dorsten"))
    >>> out = gi.plots.save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "leerstand.pdf")
    >>> out.suffix, out.stat().st_size > 0
    ('.pdf', True)
    """
    from ..io import atomic_path

    target = Path(path)
    fmt = _SAVE_FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ValueError(
            f"{target}: cannot save a map as {target.suffix or '(no extension)'!r}; "
            f"use a file name ending in {', '.join(_SAVE_FORMATS)}"
        )
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    metadata: dict[str, Any] = {"png": {"Software": "geoinnenstadt"}}.get(fmt, {})
    if fmt == "pdf":
        metadata = {"Creator": "geoinnenstadt", "CreationDate": None}
    elif fmt == "svg":
        metadata = {"Creator": "geoinnenstadt", "Date": None}
    import matplotlib

    literal_text(fig)
    with matplotlib.rc_context(_rc()), atomic_path(target) as tmp:
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return target


def nice_scale_length(extent_m: float, *, fraction: float = 0.25) -> int:
    """Longest round length up to ``fraction`` of the map width ``extent_m``.

    Round lengths are 10, 20, 25, 50, 100, …, 1 000, 2 500 m, ….

    Examples
    --------
    >>> from geoinnenstadt.plots import nice_scale_length
    >>> nice_scale_length(2300)
    500
    >>> nice_scale_length(900)
    200
    """
    if not (extent_m > 0 and math.isfinite(extent_m)):
        raise ValueError(f"map width must be a positive number of metres, got {extent_m!r}")
    target = extent_m * fraction
    fitting = [n for n in _NICE_LENGTHS_M if n <= target]
    if fitting:
        return fitting[-1]
    return _NICE_LENGTHS_M[0]


def scale_label(length_m: float, *, lang: str | None = None) -> str:
    """Label of a scale bar: "500 m" below 1 km, else "1 km", "2,5 km".

    Examples
    --------
    >>> from geoinnenstadt.plots import scale_label
    >>> scale_label(250), scale_label(1000), scale_label(2500)
    ('250 m', '1 km', '2,5 km')
    """
    from .. import labels

    if length_m < 1000:
        return labels.format_number(length_m, "m", decimals=0, lang=lang)
    km = length_m / 1000
    return labels.format_number(km, "km", decimals=0 if km == int(km) else 1, lang=lang)


# --------------------------------------------------------------------------- helpers


def plot_text(key: str, lang: str, **fmt: Any) -> str:
    """A plot text from :mod:`geoinnenstadt.labels` (``labels/_plots.py``)."""
    from .. import labels

    return labels.text(key, lang, **fmt)


def literal_text(fig: Figure) -> Figure:
    """Switch off mathtext for every text of ``fig``, so ``$`` is drawn as a dollar sign.

    Quarter names, titles and legend entries are data, not formulas:
    "Preise $5 bis $10 Markt" must not become italic maths. The plot
    functions call this before returning; call it again after adding texts
    yourself.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> t = fig.text(0, 0, "$5 bis $10")
    >>> literal_text(fig) is fig, t.get_parse_math()
    (True, False)
    >>> plt.close(fig)
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def _rc() -> dict[Any, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "hatch.linewidth": 0.6,
        "axes.unicode_minus": True,
        "text.parse_math": False,  # "$5 bis $10" is text, never mathtext
        # style.Symbol gives dash patterns in printed points: never scaled by line width
        "lines.scale_dashes": False,
    }


@contextlib.contextmanager
def plot_style() -> Iterator[None]:
    """The house style of every plot (matplotlib rc settings) for the duration of a ``with`` block."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


def required_layer(city: City, kind: str) -> gpd.GeoDataFrame:
    """Like :func:`drawing_layer`, but a missing layer is an error naming it (:meth:`City.require`)."""
    city.require(kind)
    gdf = drawing_layer(city, kind)
    assert gdf is not None  # for mypy: require() raised otherwise
    return gdf


def drawing_layer(city: City, kind: str) -> gpd.GeoDataFrame | None:
    """The layer for drawing: personal columns dropped, in the working CRS (None if absent).

    Reprojection is for display only (:func:`geoinnenstadt.crs.to_working`);
    a layer without a CRS raises :class:`~geoinnenstadt.errors.CRSError`.
    """
    from .. import crs, privacy

    gdf = getattr(city, kind, None)
    if gdf is None:
        return None
    gdf = privacy.drop_personal(gdf, kind=kind)
    return crs.to_working(gdf, name=f"city.{kind}")


def meta_date(city: City) -> pd.Timestamp | None:
    """``city.meta["as_of"]`` as a date (:func:`geoinnenstadt.dates.reference_date`)."""
    from .. import dates

    return dates.reference_date(city=city)[0]


def stand_text(at: Any, lang: str) -> str:
    """The "Stand: <date>" line of a print map in ``lang``."""
    from .. import labels

    return plot_text(
        "plot.as_of",
        lang,
        label=labels.label("as_of", lang),
        date=labels.format_date(at, lang=lang),
    )


def default_title(key: str, city: City, lang: str) -> str:
    """The plot title ``key``, with the City's name when its meta has one."""
    name = city.meta.get("name")
    return (
        plot_text("plot.title_city", lang, title=plot_text(key, lang), city=name)
        if name
        else plot_text(key, lang)
    )


def layers_bounds(layers: Sequence[Any]) -> tuple[float, float, float, float] | None:
    """The joint bounds of the non-empty layers (None if there are none)."""
    boxes = [
        g.total_bounds
        for g in layers
        if g is not None and len(g) and np.all(np.isfinite(g.total_bounds))
    ]
    if not boxes:
        return None
    arr = np.vstack(boxes)
    return (arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max())


def map_axes(ax: Axes | None) -> tuple[Figure, Axes, bool]:
    """A new A4-landscape page with a map frame, or the given Axes."""
    if ax is not None:
        return root_figure(ax), ax, False
    import matplotlib.pyplot as plt  # at call time: the backend is the user's (or Jupyter's)

    fig = plt.figure(figsize=A4_LANDSCAPE, facecolor="white")
    ax = fig.add_axes((0.035, 0.105, 0.64, 0.74))
    return fig, ax, True


def root_figure(ax: Axes) -> Figure:
    """The Figure that ``ax`` belongs to (a ValueError when there is none)."""
    fig = ax.get_figure(root=True)
    if fig is None:
        raise ValueError("the given Axes does not belong to a Figure")
    return fig


def fit_extent(
    ax: Axes, bounds: tuple[float, float, float, float] | None, pad: float = 0.05
) -> None:
    """Set limits around ``bounds`` filling the Axes box at equal aspect (1 unit = 1 m)."""
    if bounds is None:
        bounds = (0.0, 0.0, 1000.0, 1000.0)
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    w, h = maxx - minx, maxy - miny
    if w <= 0 and h <= 0:
        w = h = 200.0
    w, h = max(w, h * 0.05), max(h, w * 0.05)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    box_w, box_h = ax.bbox.width, ax.bbox.height
    target = box_h / box_w if box_w > 0 and box_h > 0 else 1.0
    if h / w < target:
        h = w * target
    else:
        w = h / target
    ax.set_xlim(cx - w / 2, cx + w / 2)
    ax.set_ylim(cy - h / 2, cy + h / 2)
    _finish_axes(ax)


def _finish_axes(ax: Axes) -> None:
    """Equal aspect (1 unit = 1 m in x and y), no ticks or axis labels, a thin map frame."""
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
        spine.set_color(style.INK["frame"])


def legend_handle(key: str, kind: str = "area") -> Artist:
    """The legend handle of the symbol ``key`` of :mod:`geoinnenstadt.style`.

    ``kind`` is ``"area"`` (a patch with fill, outline and hatch),
    ``"point"`` (a marker of the symbol's size) or ``"line"`` (a line).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    sym = style.symbol(key)
    if kind == "point":
        marker = sym.marker()
        return Line2D(
            [], [], linestyle="none", marker=marker["marker"],
            markerfacecolor=marker["facecolor"], markeredgecolor=marker["edgecolor"],
            markeredgewidth=marker["linewidth"], markersize=math.sqrt(marker["markersize"]),
        )  # fmt: skip
    if kind == "line":
        line = sym.line()
        return Line2D([], [], color=line["color"], linewidth=line["linewidth"],
                      linestyle=line["linestyle"])  # fmt: skip
    patch = {k: v for k, v in sym.patch().items() if k != "zorder"}
    return Patch(**patch)


def area_handle(facecolor: Any, key: str) -> Artist:
    """A legend patch of a class colour (choropleth) with the outline of the symbol ``key``."""
    from matplotlib.patches import Patch

    patch = {k: v for k, v in style.symbol(key).patch().items() if k != "zorder"}
    return Patch(**{**patch, "facecolor": facecolor})


def wrap_words(text: str, width: int) -> str:
    """Wrap at spaces and hyphens only, never inside a word ("Vorkaufsrechtssatzung")."""
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=True)
        for line in text.split("\n")
    )


def center_note(ax: Axes, text: str) -> None:
    """A boxed note in the middle of the map frame (e.g. when there is nothing to draw)."""
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color=style.INK["muted"],
        zorder=Z_NOTE,
        gid="empty-note",
        bbox={
            "boxstyle": "round,pad=0.5",
            "facecolor": style.INK["halo"],
            "edgecolor": style.INK["rule"],
        },
    )


def _add_legend(ax: Axes, handles: list[tuple[Artist | None, str]], *, page: bool) -> None:
    from matplotlib.patches import Patch

    artists = [h if h is not None and h is not NOTE else Patch(visible=False) for h, _ in handles]
    width = 48 if page else 40
    texts = [wrap_words(t, width if h is not None else width - 10) for h, t in handles]
    kwargs: dict[str, Any] = {
        "frameon": page is False,
        "fontsize": 8.5 if page else 7,
        "handlelength": 1.8,
        "handleheight": 1.2,
        "labelspacing": 0.55,
        "borderaxespad": 0.0 if page else 0.5,
    }
    if page:
        fig = root_figure(ax)
        kwargs.update(
            loc="upper left", bbox_to_anchor=(0.695, 0.845), bbox_transform=fig.transFigure
        )
    else:
        kwargs.update(loc="lower right", framealpha=0.9)
    legend = ax.legend(artists, texts, **kwargs)
    legend.set_gid("legend")
    legend.set_zorder(Z_LEGEND)
    for (handle, _), text in zip(handles, legend.get_texts(), strict=True):
        if handle is None:  # a section heading
            text.set_fontweight("bold")
            text.set_position((-28, 0))
        elif handle is NOTE:  # a remark
            text.set_fontstyle("italic")
            text.set_color(style.INK["muted"])
            text.set_position((-28, 0))


def _add_scale_bar(ax: Axes, lang: str, *, page: bool) -> None:
    """Alternating black/white bar of a round length, exact in data units (metres)."""
    from matplotlib.offsetbox import AnchoredOffsetbox, AuxTransformBox, TextArea, VPacker
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    length = nice_scale_length(abs(x1 - x0))
    n = 4 if length % 4 == 0 or length in (10, 50) else 2
    if length in (25, 250, 2_500, 25_000):
        n = 5
    height = length / 18
    bar = AuxTransformBox(ax.transData)
    seg = length / n
    for i in range(n):
        bar.add_artist(
            Rectangle(
                (i * seg, 0),
                seg,
                height,
                facecolor="black" if i % 2 == 0 else "white",
                edgecolor="black",
                linewidth=0.6,
                gid=f"scalebar-segment-{i}",
            )
        )
    label = TextArea(scale_label(length, lang=lang), textprops={"fontsize": 8 if page else 7})
    label.get_children()[0].set_gid("scalebar-label")
    box = AnchoredOffsetbox(
        loc="lower left",
        child=VPacker(children=[bar, label], align="center", pad=0, sep=3),
        pad=0.4,
        borderpad=0.8,
        frameon=True,
    )
    _add_map_furniture(ax, box, "scalebar")
    ax._gi_scalebar = {"length_m": length, "label": label.get_text()}  # type: ignore[attr-defined]


def _add_map_furniture(ax: Axes, box: Any, gid: str) -> None:
    """Scale bar and north arrow share one look: a rounded, half-transparent white box."""
    box.patch.set_boxstyle("round,pad=0.2")
    box.patch.set_facecolor("white")
    box.patch.set_alpha(0.85)
    box.patch.set_edgecolor("none")
    box.set_gid(gid)
    box.set_zorder(Z_FURNITURE)
    ax.add_artist(box)


def _true_north_angle(ax: Axes) -> float:
    """Angle (degrees, counter-clockwise from grid north) of true north at the map centre."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    try:
        to_ll = Transformer.from_crs(settings.working_crs, "EPSG:4326", always_xy=True)
        to_xy = Transformer.from_crs("EPSG:4326", settings.working_crs, always_xy=True)
        lon, lat = to_ll.transform(cx, cy)
        nx, ny = to_xy.transform(lon, lat + 0.01)
    except Exception:  # pragma: no cover - pyproj without grids: grid north is fine
        return 0.0
    if not all(map(math.isfinite, (nx, ny))):
        return 0.0
    return math.degrees(math.atan2(-(nx - cx), ny - cy))


def _add_north_arrow(ax: Axes, lang: str, *, page: bool) -> None:
    """A split-triangle north arrow with "N", rotated to true north at the map centre."""
    from matplotlib.offsetbox import AnchoredOffsetbox, DrawingArea, TextArea, VPacker
    from matplotlib.patches import Polygon
    from matplotlib.transforms import Affine2D

    size = 30.0 if page else 22.0
    w = size * 0.5
    area = DrawingArea(w, size, 0, 0)
    rot = Affine2D().rotate_deg_around(w / 2, size / 2, _true_north_angle(ax))
    left = rot.transform([(w / 2, size), (0, 0), (w / 2, size * 0.28)])
    right = rot.transform([(w / 2, size), (w, 0), (w / 2, size * 0.28)])
    area.add_artist(Polygon(left, closed=True, facecolor="black", edgecolor="black", lw=0.8))
    area.add_artist(Polygon(right, closed=True, facecolor="white", edgecolor="black", lw=0.8))
    n = TextArea(
        plot_text("plot.north", lang),
        textprops={"fontsize": 11 if page else 9, "fontweight": "bold"},
    )
    n.get_children()[0].set_gid("north-arrow-label")
    box = AnchoredOffsetbox(
        loc="upper right",
        child=VPacker(children=[n, area], align="center", pad=0, sep=2),
        pad=0.3,
        borderpad=0.8,
        frameon=True,
    )
    _add_map_furniture(ax, box, "north-arrow")


def source_text(city: City | None, lang: str) -> str:
    """The source line of a print map or chart: "Quelle: …" (and the licence) from ``city.meta``.

    The one rule of every figure: ``meta["source"]`` (translated by
    :func:`geoinnenstadt.labels.value_label` where labels knows it), "k. A."
    / "n/a" when the City has none or no City is given, then
    ``meta["license"]`` when present.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> source_text(gi.City(meta={"source": "Stadt Dortmund", "license": "dl-de/by-2-0"}), "de")
    'Quelle: Stadt Dortmund   ·   dl-de/by-2-0'
    >>> source_text(None, "en")
    'Source: n/a'
    """
    from .. import labels

    meta = city.meta if city is not None else {}
    given = meta.get("source")
    source = labels.value_label("source", str(given), lang) if given else labels.na_text(lang)
    parts = [plot_text("plot.source", lang, label=labels.label("source", lang), source=source)]
    if meta.get("license"):
        parts.append(str(meta["license"]))
    return "   ·   ".join(parts)


def _source_line(city: City, lang: str) -> str:
    from .. import crs

    working = crs.as_crs(settings.working_crs, source="gi.settings.working_crs")
    epsg = working.to_epsg()
    crs_text = f"{working.name} (EPSG:{epsg})" if epsg else working.name
    first, *rest = source_text(city, lang).split("   ·   ", 1)
    parts = [first, plot_text("plot.base_map", lang), *rest]
    return "   ·   ".join(parts) + "\n" + plot_text("plot.crs", lang, crs=crs_text)


def _sample_note_text(lang: str) -> str:
    from .. import labels

    return plot_text(
        "plot.sample_note",
        lang,
        note=labels.sample_note(lang),
        not_official=plot_text("plot.not_official", lang),
    )


def decorate(
    fig: Figure,
    ax: Axes,
    page: bool,
    *,
    city: City,
    lang: str,
    handles: list[tuple[Artist | None, str]],
    title: str,
    subtitle: str,
    labels: Sequence[LabelRequest] = (),
) -> None:
    """Title, date, legend, scale bar, north arrow, source line, sample note and the labels.

    The ``labels`` are written last, where they cover no point symbol, no
    furniture and no other label (:func:`geoinnenstadt.plots.placement.place_labels`);
    labels that fit nowhere are left out and counted in a legend note.
    ``ax._gi_labels`` holds ``placed`` and ``omitted``.
    """
    _finish_axes(ax)
    _add_scale_bar(ax, lang, page=page)
    _add_north_arrow(ax, lang, page=page)
    if page:
        fig.text(0.035, 0.955, title, fontsize=17, fontweight="bold", va="top", gid="title")
        fig.text(
            0.035,
            0.905,
            subtitle,
            fontsize=9.5,
            color=style.INK["frame"],
            va="top",
            gid="subtitle",
            linespacing=1.5,
        )
        fig.text(
            0.035,
            0.085,
            _source_line(city, lang),
            fontsize=7.5,
            color=style.INK["muted"],
            va="top",
            gid="source",
            linespacing=1.5,
        )
    else:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", gid="title")
        ax.text(
            0.0,
            -0.015,
            subtitle.replace("\n", "   ·   ") + "\n" + _source_line(city, lang),
            transform=ax.transAxes,
            fontsize=6,
            color=style.INK["muted"],
            va="top",
            gid="source",
        )
    add_sample_note(ax, city, lang, fontsize=9 if page else 7)
    _add_legend(ax, handles, page=page)
    found = place_labels(ax, labels)
    omitted = list(found["omitted"])
    if omitted:  # name the count in the legend; a legend inside the frame may now cover a label
        note = plot_text("plot.labels_omitted", lang, n=len(omitted))
        _add_legend(ax, [*handles, (NOTE, note)], page=page)
        legend = ax.get_legend()
        if not page and legend is not None:
            box = legend.get_tightbbox()
            for text in list(found["texts"]):
                if text.get_window_extent().overlaps(box):
                    remove_label(text)
                    found["texts"].remove(text)
                    omitted.append(getattr(text, "_gi_name", text.get_text()))
            note = plot_text("plot.labels_omitted", lang, n=len(omitted))
            _add_legend(ax, [*handles, (NOTE, note)], page=page)
    ax._gi_labels = {"placed": len(found["texts"]), "omitted": omitted}  # type: ignore[attr-defined]
    literal_text(fig)


def add_sample_note(ax: Axes, city: City | None, lang: str, *, fontsize: float = 7) -> None:
    """The boxed sample-data note in the upper left of ``ax`` when the City is synthetic.

    The one rule of every figure: :attr:`City.is_synthetic` (``meta["synthetic"]``);
    nothing is drawn for other data or without a City.
    """
    if city is None or not city.is_synthetic:
        return
    from matplotlib.offsetbox import AnchoredText

    note = AnchoredText(
        _sample_note_text(lang),
        loc="upper left",
        frameon=True,
        borderpad=0.8,
        pad=0.4,
        prop={"fontsize": fontsize, "fontweight": "bold", "color": style.INK["note"]},
    )
    note.patch.set_boxstyle("round,pad=0.3")
    note.patch.set_facecolor(style.INK["note_background"])
    note.patch.set_edgecolor(style.INK["note"])
    note.set_gid("sample-note")
    note.txt.get_children()[0].set_gid("sample-note-text")
    note.set_zorder(Z_SAMPLE_NOTE)
    ax.add_artist(note)


def add_chart_furniture(ax: Axes, city: City | None, lang: str, *, y: float = -0.2) -> None:
    """Source line beneath a chart and, for synthetic data, the sample-data note.

    The same texts and rules as the print maps (:func:`source_text`,
    :func:`add_sample_note`); the source line has the gid ``source``.
    """
    ax.text(
        0.0,
        y,
        source_text(city, lang),
        transform=ax.transAxes,
        fontsize=7,
        color=style.INK["muted"],
        va="top",
        gid="source",
    )
    add_sample_note(ax, city, lang)
    keep_data_below_furniture(ax)


def keep_data_below_furniture(ax: Axes, *, margin: float = 0.03) -> None:
    """Raise a chart's y-axis top so that no bar or line reaches the boxes at the top.

    The sample-data note (upper left) and a legend inside the axes are drawn
    over the plotting area; the data (``ax.dataLim``) is kept beneath the
    lowest of them, ``margin`` (axes fraction) apart, so no value is hidden.
    Only linear y-axes are changed, and only ever raised.
    """
    boxes = [a for a in ax.artists if a.get_gid() == "sample-note"]
    legend = ax.get_legend()
    if legend is not None:
        boxes.append(legend)
    if not boxes or ax.get_yscale() != "linear":
        return
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    from matplotlib.transforms import Bbox

    extents = []
    for b in boxes:  # the drawn frame: a rounded box's padding reaches beyond the artist's extent
        e = b.get_window_extent(renderer)
        patch = getattr(b, "patch", None)
        if patch is not None:
            e = Bbox.union([e, patch.get_window_extent(renderer)])
        extents.append(e)
    inside = [
        e
        for e in extents
        if e.x0 < frame.x1 and e.x1 > frame.x0  # a legend beside the axes covers nothing
    ]
    if not inside:
        return
    lowest = min(e.y0 for e in inside)
    free = (lowest - frame.y0) / frame.height - margin
    y0, y1 = ax.get_ylim()
    top = float(ax.dataLim.y1)
    if free <= 0.2 or not np.isfinite(top) or top <= y0:
        return
    needed = y0 + (top - y0) / free
    if needed > y1:
        ax.set_ylim(y0, needed)
