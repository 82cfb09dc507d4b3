"""Print maps with context (issue 14): city boundary, districts, land use, water, rail, roads.

The oracle is plain shapely/matplotlib on a hand-built city near Dortmund (EPSG:25832), and
the styles of geoinnenstadt.context (the one home of the look); never the drawing helper.
"""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")  # tests only: the library never chooses a backend

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from shapely.geometry import LineString, Point, box

import geoinnenstadt as gi
from geoinnenstadt import plots

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"
SURVEY = pd.Timestamp("2025-06-30")
#: The map frame of a page: 0.64 of the A4-landscape width (11.69 in), see plots.cartography.
FRAME_WIDTH_IN = 11.69 * 0.64

#: District D3 lies 3 km east of every data layer: outside the map's extent.
DISTRICTS = {
    "D1": ("Innenstadt-West", box(X0 - 2000, Y0 - 2000, X0 + 400, Y0 + 2000)),
    "D2": ("Innenstadt-Ost", box(X0 + 400, Y0 - 2000, X0 + 3000, Y0 + 2000)),
    "D3": ("Brackel", box(X0 + 3000, Y0 - 2000, X0 + 5000, Y0 + 2000)),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _river() -> LineString:
    """A river along y = Y0 + 630 with a vertex every 2 m and a 0.1 m wiggle (simplified away)."""
    xs = np.arange(X0 - 3000, X0 + 4000.1, 2.0)
    ys = Y0 + 630 + 0.1 * np.sin(np.arange(len(xs)))
    return LineString(np.column_stack([xs, ys]))


def _context() -> gpd.GeoDataFrame:
    rows = [
        ("B1", "city_boundary", "Teststadt", None, box(X0 - 5000, Y0 - 5000, X0 + 6000, Y0 + 5000)),
        *[(cid, "district", name, None, geom) for cid, (name, geom) in DISTRICTS.items()],
        ("L1", "landuse", "Hafen", "GE", box(X0 + 50, Y0 + 50, X0 + 350, Y0 + 250)),
        ("L2", "landuse", "Westfalenhütte", "GI", box(X0 + 450, Y0 + 50, X0 + 780, Y0 + 250)),
        ("L3", "landuse", "Park", "green", box(X0 + 3500, Y0 + 100, X0 + 4000, Y0 + 400)),
        ("W1", "water", "Emscher", None, _river()),
        ("R1", "road", "B 54", None, LineString([(X0 - 20, Y0 - 3000), (X0 - 20, Y0 + 3000)])),
        ("T1", "rail", "Köln-Mindener Bahn", None,
         LineString([(X0 - 3000, Y0 - 3000), (X0 + 3000, Y0 + 3000)])),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["context_id", "category", "name", "landuse", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Brückviertel", "Klosterviertel"]},
        geometry=[box(X0, Y0, X0 + 400, Y0 + 600), box(X0 + 400, Y0, X0 + 800, Y0 + 600)],
        crs=CRS,
    )


def _units() -> gpd.GeoDataFrame:
    rows = [
        {
            "unit_id": f"U{i}",
            "survey_date": SURVEY,
            "status": "vacant" if i % 3 == 0 else "occupied",
            "floor_area_m2": 100.0,
            "vacant_since": pd.Timestamp("2024-01-15") if i % 3 == 0 else pd.NaT,
            "geometry": Point(X0 + 50 + 100 * i, Y0 + 300),
        }
        for i in range(7)
    ]
    return gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")


def _sites() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2"],
            "status": ["available", "available"],
            "restriction": ["none", "minor"],
        },
        geometry=[
            box(X0 + 100, Y0 + 100, X0 + 300, Y0 + 300),
            box(X0 + 500, Y0, X0 + 800, Y0 + 600),
        ],
        crs=CRS,
    )


def _city(*, context: bool = True) -> gi.City:
    return gi.City(
        quarters=_quarters(),
        units=_units(),
        sites=_sites(),
        preemption_areas=gpd.GeoDataFrame(
            {"area_id": ["V1"], "name": ["Hafen Süd"], "legal_basis": ["§ 24 BauGB"]},
            geometry=[box(X0, Y0, X0 + 800, Y0 + 600)],
            crs=CRS,
        ),
        context=_context() if context else None,
        meta={"name": "Teststadt", "synthetic": True, "source": "Test", "as_of": "2025-06-30"},
    )


PLOTS = {
    "vacancy": plots.vacancy_plot,
    "land": plots.land_plot,
    "preemption": plots.preemption_plot,
}


# --------------------------------------------------------------------------- helpers


def _ax(fig: Figure):
    return fig.axes[0]


def _context_collections(fig: Figure) -> dict[str, object]:
    found: dict[str, object] = {}
    for artist in _ax(fig).collections:
        gid = artist.get_gid() or ""
        if gid.startswith("context-"):
            assert gid not in found, f"two collections with gid {gid}"
            found[gid] = artist
    return found


def _data_collections(fig: Figure) -> list:
    return [a for a in _ax(fig).collections if not (a.get_gid() or "").startswith("context-")]


def _district_labels(fig: Figure) -> list[Text]:
    return [t for t in _ax(fig).texts if t.get_gid() == "context-district-label"]


def _legend_texts(fig: Figure) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in _ax(fig).get_legend().get_texts()]


def _view(fig: Figure) -> shapely.Geometry:
    (x0, x1), (y0, y1) = _ax(fig).get_xlim(), _ax(fig).get_ylim()
    return box(x0, y0, x1, y1)


def _png(fig: Figure) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), dtype=int)


def _pt(px: float) -> float:
    """A screen pixel is 0.75 printed point (96 px = 72 pt = 1 inch)."""
    return px * 72 / 96


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_context_lies_beneath_every_data_artist(kind: str) -> None:
    fig = PLOTS[kind](_city())
    context = _context_collections(fig)
    data = _data_collections(fig)
    assert context
    assert data
    lowest_data = min(a.get_zorder() for a in data)
    assert max(a.get_zorder() for a in context.values()) < lowest_data
    # district names lie above every area of the data and beneath its points (issue 19)
    areas = [a for a in data if not (a.get_gid() or "").startswith("points-")]
    points = [a for a in data if (a.get_gid() or "").startswith("points-")]
    for label in _district_labels(fig):
        assert label.get_zorder() > max(a.get_zorder() for a in areas)
        assert all(label.get_zorder() < a.get_zorder() for a in points)
    # drawn in DRAW_ORDER from the bottom: land use, water, districts, rail, roads, boundary
    order = ["landuse-GE", "water", "district", "rail", "road", "city_boundary"]
    z = [context[f"context-{name}"].get_zorder() for name in order]
    assert z == sorted(z)
    assert len(set(z)) == len(z)
    assert list(gi.context.DRAW_ORDER) == ["landuse", *order[1:]]


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_context_artists_follow_the_shared_styles(kind: str) -> None:
    fig = PLOTS[kind](_city())
    context = _context_collections(fig)
    # the park (green land use) lies 3.5 km east of the data: clipped away, nothing drawn
    assert sorted(context) == [
        "context-city_boundary",
        "context-district",
        "context-landuse-GE",
        "context-landuse-GI",
        "context-rail",
        "context-road",
        "context-water",
    ]
    for gid, artist in context.items():
        category = gid.removeprefix("context-").split("-")[0]
        landuse = gid.split("-")[2] if category == "landuse" else None
        style = gi.context.style(category, landuse)
        edge = to_rgba(style["color"], style["opacity"])
        assert tuple(artist.get_edgecolor()[0]) == pytest.approx(edge), gid
        assert artist.get_linewidth()[0] == pytest.approx(_pt(style["weight"])), gid
        if style["fill"] and not isinstance(artist, LineCollection):  # the river is a line
            face = to_rgba(style["fillColor"], style["fillOpacity"])
            assert tuple(artist.get_facecolor()[0]) == pytest.approx(face), gid
        if style["dash"]:
            # the dash pattern is the style's pixel pattern in points
            _, dashes = artist.get_linestyle()[0]
            expected = [_pt(float(v)) for v in style["dash"].split()]
            assert list(dashes) == pytest.approx(expected), gid
        else:
            assert artist.get_linestyle()[0][1] is None, gid
    # one river, one road, one rail line; the outlines of the two districts in the frame
    # (D3 starts more than 2 km east of it)
    assert len(context["context-water"].get_segments()) == 1
    assert len(context["context-road"].get_segments()) == 1
    assert len(context["context-rail"].get_segments()) == 1
    assert len(context["context-district"].get_segments()) == 2
    assert len(context["context-landuse-GE"].get_paths()) == 1


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_district_names_label_the_districts_in_the_frame(kind: str) -> None:
    fig = PLOTS[kind](_city())
    labels = _district_labels(fig)
    assert sorted(t.get_text() for t in labels) == ["Innenstadt-Ost", "Innenstadt-West"]
    view = _view(fig)
    by_name = dict(DISTRICTS.values())
    for text in labels:
        x, y = text.get_position()
        # inside the part of its district that is shown
        assert by_name[text.get_text()].intersection(view).contains(Point(x, y))
        assert to_rgba(text.get_color()) != to_rgba("black")
        assert text.get_fontsize() < 8
    assert "Brackel" not in [t.get_text() for t in _ax(fig).texts]


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_extent_stays_that_of_the_data(kind: str) -> None:
    with_context = PLOTS[kind](_city())
    without = PLOTS[kind](_city(context=False))
    assert _ax(with_context).get_xlim() == pytest.approx(_ax(without).get_xlim())
    assert _ax(with_context).get_ylim() == pytest.approx(_ax(without).get_ylim())
    # the data span 800 m × 600 m; the city boundary 11 km: the frame shows the data
    (x0, x1), (y0, y1) = _ax(with_context).get_xlim(), _ax(with_context).get_ylim()
    assert x0 < X0
    assert x1 > X0 + 800
    assert y0 < Y0
    assert y1 > Y0 + 600
    assert x1 - x0 < 1_000
    assert y1 - y0 < 1_000


CONTEXT_LEGEND = {
    "de": "Kartengrundlage | Stadtgrenze | Stadtbezirke | Gewerbegebiet (GE) | Industriegebiet (GI) | "
    "Gewässer | Bahnstrecken | Hauptstraßen",
    "en": "Base map | City boundary | Districts | Commercial area (GE) | Industrial area (GI) | "
    "Water | Railways | Main roads",
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_legend_has_a_context_section_of_visible_layers(kind: str, lang: str) -> None:
    texts = _legend_texts(PLOTS[kind](_city(), lang=lang))
    expected = CONTEXT_LEGEND[lang].split(" | ")
    assert texts[texts.index(expected[0]) :] == expected
    # the park (green land use) is not in the frame
    assert gi.labels.value_label("landuse", "green", lang) not in texts


def test_legend_leaves_out_context_outside_the_frame() -> None:
    city = _city()
    ctx = city.context
    city.context = ctx[~ctx["category"].isin(["rail", "road"])].copy()
    city.context.loc[city.context["landuse"] == "GI", "geometry"] = box(
        X0 + 4000, Y0, X0 + 4500, Y0 + 200
    )
    texts = _legend_texts(plots.land_plot(city))
    start = texts.index("Kartengrundlage")
    assert texts[start:] == [
        "Kartengrundlage",
        "Stadtgrenze",
        "Stadtbezirke",
        "Gewerbegebiet (GE)",
        "Gewässer",
    ]


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_without_context_nothing_is_drawn(kind: str) -> None:
    for fig in (PLOTS[kind](_city(), context=False), PLOTS[kind](_city(context=False))):
        assert _context_collections(fig) == {}
        assert _district_labels(fig) == []
        assert "Kartengrundlage" not in _legend_texts(fig)
        assert not hasattr(_ax(fig), "_gi_context")


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_rendered_map_shows_the_context(kind: str) -> None:
    with_context = _png(PLOTS[kind](_city()))
    without = _png(PLOTS[kind](_city(), context=False))
    assert with_context.shape == without.shape
    changed = np.abs(with_context - without).sum(axis=2) > 30
    assert changed.sum() > 200  # lines, fills and names, not a stray pixel


def test_context_is_simplified_by_half_a_printed_point() -> None:
    city = _city()
    river = _river()
    coords = np.asarray(river.coords)
    # a 0.6 m bump (finer than half a point at this scale) and a 1.2 m bump (coarser)
    small = np.argmin(np.abs(coords[:, 0] - (X0 + 200)))
    large = np.argmin(np.abs(coords[:, 0] - (X0 + 600)))
    coords[small, 1] += 0.6
    coords[large, 1] += 1.2
    city.context.loc[city.context["context_id"] == "W1", "geometry"] = LineString(coords)
    fig = plots.land_plot(city)
    ax = _ax(fig)
    x0, x1 = ax.get_xlim()
    expected = (x1 - x0) / (FRAME_WIDTH_IN * 72) / 2  # metres per point, halved
    assert 0.6 < expected < 1.2
    assert ax._gi_context["tolerance_m"] == pytest.approx(expected, rel=1e-9)
    (drawn,) = _context_collections(fig)["context-water"].get_segments()
    xs, ys = drawn[:, 0], drawn[:, 1]
    assert not np.any(np.isclose(xs, coords[small, 0]))  # the fine bump is gone
    assert np.any(np.isclose(xs, coords[large, 0]) & np.isclose(ys, coords[large, 1]))
    assert len(drawn) < 10 < len(coords)
    # every drawn vertex is an original vertex, and the drawn line stays within the tolerance
    clipped = shapely.clip_by_rect(LineString(coords), xs.min(), -math.inf, xs.max(), math.inf)
    assert LineString(drawn).hausdorff_distance(clipped) <= expected
    # a frame twice as wide in metres doubles the tolerance
    big = plots.land_plot(city, ax=plt.figure(figsize=(11.69 / 2, 8.27 / 2)).add_axes((0, 0, 1, 1)))
    bx0, bx1 = _ax(big).get_xlim()
    assert _ax(big)._gi_context["tolerance_m"] == pytest.approx((bx1 - bx0) / (11.69 / 2 * 72) / 2)


def test_english_maps_with_context_contain_no_german_terms() -> None:
    from geoinnenstadt.labels._terms import LABELS

    german = {LABELS[k][0] for k in LABELS if k.startswith(("category.", "landuse.", "kind."))}
    german -= {LABELS[k][1] for k in LABELS}
    for kind, plot in PLOTS.items():
        fig = plot(_city(), lang="en")
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
        district_names = {name for name, _ in DISTRICTS.values()}
        shown = [t for t in texts if t not in district_names]
        assert [t for t in shown if t in german] == [], kind
        assert "Base map" in texts


def test_water_areas_are_filled_and_outlined() -> None:
    city = _city()
    basin = gpd.GeoDataFrame(
        {"context_id": ["W2"], "category": ["water"], "name": ["Hafenbecken"]},
        geometry=[box(X0 + 820, Y0 - 100, X0 + 1200, Y0 + 100)],
        crs=CRS,
    )
    city.context = pd.concat([city.context, basin], ignore_index=True)
    fig = plots.land_plot(city)
    context = _context_collections(fig)
    style = gi.context.style("water")
    fill, line = context["context-water"], context["context-water-line"]
    assert len(fill.get_paths()) == 1
    assert len(line.get_segments()) == 1
    assert tuple(fill.get_facecolor()[0]) == pytest.approx(
        to_rgba(style["fillColor"], style["fillOpacity"])
    )
    assert (
        fill.get_zorder() == line.get_zorder() < min(a.get_zorder() for a in _data_collections(fig))
    )
    legend = _ax(fig).get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    handle = legend.legend_handles[texts.index("Gewässer")]
    assert tuple(handle.get_facecolor()) == pytest.approx(
        to_rgba(style["fillColor"], style["fillOpacity"])
    )


def test_context_entirely_outside_the_frame_draws_nothing() -> None:
    city = _city()
    city.context = city.context[city.context["context_id"].isin(["D3", "L3"])].copy()
    fig = plots.land_plot(city)
    assert _context_collections(fig) == {}
    assert _district_labels(fig) == []
    assert "Kartengrundlage" not in _legend_texts(fig)
    assert _ax(fig)._gi_context["categories"] == []
