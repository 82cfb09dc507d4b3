"""Print maps look and read like the interactive maps (issue 19, items 1, 2 and 8).

Small hand-built cities near Dortmund (EPSG:25832). The expected colours and German texts
are written out here by hand; the legends are read from the figure
(:mod:`helpers.legend_figure`), the label boxes measured in display space after
``fig.canvas.draw()``.
"""

from __future__ import annotations

import importlib
import io

import matplotlib

matplotlib.use("Agg")  # tests only: the library never chooses a backend

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from helpers.legend_figure import entries
from matplotlib import patheffects
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from shapely.geometry import LineString, Point, box

import geoinnenstadt as gi
from geoinnenstadt import plots

X0, Y0 = 393_000.0, 5_708_000.0
CRS = "EPSG:25832"
SURVEY = pd.Timestamp("2025-06-30")
META = {"name": "Teststadt", "synthetic": True, "source": "Test", "as_of": "2025-06-30"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- fixtures


def _quarters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Brückviertel", "Klosterviertel"]},
        geometry=[box(X0, Y0, X0 + 400, Y0 + 600), box(X0 + 400, Y0, X0 + 800, Y0 + 600)],
        crs=CRS,
    )


def _unit(uid: str, x: float, y: float, status: str, since: str | None) -> dict[str, object]:
    return {
        "unit_id": uid,
        "survey_date": SURVEY,
        "status": status,
        "floor_area_m2": 100.0,
        "vacant_since": pd.Timestamp(since) if since else pd.NaT,
        "geometry": Point(x, y),
    }


#: (status, vacant since) of the units in Q1: one vacant unit per duration class on
#: 30.06.2025, by hand: 4, 9, 17 and 42 months.
CLASSES = [
    ("vacant", "2025-03-01"),  # < 6 months
    ("vacant", "2024-10-01"),  # 6–12 months
    ("vacant", "2024-01-15"),  # 12–24 months
    ("vacant", "2022-01-01"),  # > 24 months
    ("occupied", None),
    ("occupied", None),
    ("occupied", None),
]


def _classes_city() -> gi.City:
    rows = [
        _unit(f"U{i}", X0 + 60 + 40 * i, Y0 + 100, status, since)
        for i, (status, since) in enumerate(CLASSES)
    ]
    # Q2: six occupied units, 0 % vacancy
    rows += [_unit(f"V{i}", X0 + 450 + 50 * i, Y0 + 500, "occupied", None) for i in range(6)]
    units = gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")
    return gi.City(quarters=_quarters(), units=units, meta=dict(META))


def _cluster_city() -> gi.City:
    """Ten vacant units packed in Q1 (a hot spot), forty occupied ones spread over both quarters."""
    rows = [
        _unit(f"H{i}", X0 + 100 + 12 * (i % 5), Y0 + 100 + 12 * (i // 5), "vacant", "2024-01-15")
        for i in range(10)
    ]
    rows += [
        _unit(f"O{i}", X0 + 30 + 95 * (i % 8), Y0 + 250 + 80 * (i // 8), "occupied", None)
        for i in range(40)
    ]
    units = gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")
    return gi.City(quarters=_quarters(), units=units, meta=dict(META))


def _land_city() -> gi.City:
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2", "S3", "S4", "S5"],
            "status": ["available", "available", "available", "reserved", "taken_up"],
            "restriction": ["none", "minor", "major", "none", "none"],
            "taken_up_on": [pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.Timestamp("2023-05-01")],
        },
        geometry=[
            box(X0, Y0, X0 + 200, Y0 + 200),  # 4 ha
            box(X0 + 300, Y0, X0 + 600, Y0 + 100),  # 3 ha
            box(X0 + 700, Y0, X0 + 800, Y0 + 150),  # 1.5 ha
            box(X0, Y0 + 300, X0 + 100, Y0 + 400),  # 1 ha
            box(X0 + 300, Y0 + 300, X0 + 500, Y0 + 550),  # 5 ha
        ],
        crs=CRS,
    )
    core = gpd.GeoDataFrame(
        {"zone_id": ["K1", "K2"], "name": ["Hafen", "Nord"], "category": ["A", "B"]},
        geometry=[box(X0 - 20, Y0 - 20, X0 + 620, Y0 + 220), box(X0, Y0 + 280, X0 + 520, Y0 + 580)],
        crs=CRS,
    )
    pre = gpd.GeoDataFrame(
        {"area_id": ["V1"], "name": ["Hafen Süd"], "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"]},
        geometry=[box(X0 + 280, Y0 - 10, X0 + 820, Y0 + 160)],
        crs=CRS,
    )
    res = gpd.GeoDataFrame(
        {"area_id": ["W1", "W2", "W3"], "use": ["residential", "mixed", "sensitive"]},
        geometry=[
            box(X0 + 600, Y0 + 300, X0 + 800, Y0 + 500),
            box(X0 + 600, Y0 + 520, X0 + 800, Y0 + 600),
            box(X0 - 200, Y0, X0 - 100, Y0 + 80),
        ],
        crs=CRS,
    )
    return gi.City(
        sites=sites, core_zones=core, preemption_areas=pre, residential=res, meta=dict(META)
    )


def _preemption_city() -> gi.City:
    """Three parcels; two areas called "Vorkaufsrechtsgebiet Hafen" (the larger one west)."""
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["05123401700001000000", "05123401700002000000", "05123401700003000000"]},
        geometry=[
            box(X0, Y0, X0 + 100, Y0 + 100),
            box(X0 + 100, Y0, X0 + 200, Y0 + 100),
            box(X0 + 600, Y0, X0 + 700, Y0 + 100),
        ],
        crs=CRS,
    )
    areas = gpd.GeoDataFrame(
        {
            "area_id": ["V1", "V2"],
            "name": ["Vorkaufsrechtsgebiet Hafen", "Vorkaufsrechtsgebiet Hafen"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB", "§ 25 Abs. 1 Nr. 2 BauGB"],
        },
        geometry=[box(X0 - 50, Y0 - 50, X0 + 450, Y0 + 350), box(X0 + 590, Y0, X0 + 710, Y0 + 110)],
        crs=CRS,
    )
    return gi.City(parcels=parcels, preemption_areas=areas, meta=dict(META))


def _context(view_x0: float | None = None) -> gpd.GeoDataFrame:
    """City boundary, two districts (Innenstadt in two parts), GE, GI, water, rail, road.

    With ``view_x0`` a third district, "Lütgendortmund", shows only as an 80 m strip at
    the left edge of the frame (its name is wider than that).
    """
    rows = [
        ("B1", "city_boundary", "Teststadt", None, box(X0 - 5000, Y0 - 5000, X0 + 6000, Y0 + 5000)),
        ("D1", "district", "Innenstadt", None, box(X0 - 2000, Y0 - 2000, X0 + 400, Y0 + 2000)),
        ("D2", "district", "Innenstadt", None, box(X0 + 400, Y0 - 2000, X0 + 560, Y0 + 2000)),
        ("D3", "district", "Hörde", None, box(X0 + 560, Y0 - 2000, X0 + 3000, Y0 + 2000)),
        ("L1", "landuse", "Hafen", "GE", box(X0 + 50, Y0 + 50, X0 + 350, Y0 + 250)),
        ("L2", "landuse", "Westfalenhütte", "GI", box(X0 + 450, Y0 + 50, X0 + 780, Y0 + 250)),
        ("W1", "water", "Emscher", None, LineString([(X0 - 3000, Y0 + 630), (X0 + 4000, Y0 + 630)])),
        ("R1", "road", "B 54", None, LineString([(X0 - 20, Y0 - 3000), (X0 - 20, Y0 + 3000)])),
        ("T1", "rail", "Köln-Mindener Bahn", None,
         LineString([(X0 - 3000, Y0 - 3000), (X0 + 3000, Y0 + 3000)])),
    ]  # fmt: skip
    if view_x0 is not None:
        rows[1] = ("D1", "district", "Innenstadt", None,
                   box(view_x0 + 80, Y0 - 2000, X0 + 400, Y0 + 2000))  # fmt: skip
        rows.append(
            ("D4", "district", "Lütgendortmund", None,
             box(view_x0 - 3000, Y0 - 2000, view_x0 + 80, Y0 + 2000))
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=["context_id", "category", "name", "landuse", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


# --------------------------------------------------------------------------- helpers


def _ax(fig: Figure):
    return fig.axes[0]


def _labels(fig: Figure) -> list[Text]:
    """The map labels: feature names and district names (not their halo copies)."""
    return [
        t
        for t in _ax(fig).texts
        if (t.get_gid() or "").startswith("feature-label-")
        or t.get_gid() == "context-district-label"
    ]


def _point_boxes(fig: Figure) -> np.ndarray:
    """Display boxes of every drawn point symbol (scatter collections: they have sizes)."""
    ax = _ax(fig)
    out = []
    for c in ax.collections:
        if not isinstance(c, PathCollection) or not len(c.get_sizes()):
            continue
        xy = c.get_offset_transform().transform(np.asarray(c.get_offsets(), dtype=float))
        r = np.sqrt(np.broadcast_to(c.get_sizes(), (len(xy),))) / 2 * fig.dpi / 72
        out.append(np.column_stack([xy[:, 0] - r, xy[:, 1] - r, xy[:, 0] + r, xy[:, 1] + r]))
    return np.vstack(out) if out else np.zeros((0, 4))


def _rgba_hex(color) -> str:
    return to_hex(color, keep_alpha=False)


def _grey_png(fig: Figure) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"), dtype=float)


# --------------------------------------------------------------------------- legends


def test_vacancy_legend_has_the_classes_and_symbols_of_the_screen_map() -> None:
    fig = plots.vacancy_plot(_classes_city())
    # Q1: 4 vacant of 7 = 57,1 % ("> 20 %"), Q2: 0 of 6 = 0 %; no vacant unit of unknown
    # duration, so no such row (the screen legend's rule)
    assert entries(fig) == [
        ("0 – 5 % (1)", "#ffffb2", "#555555"),
        ("> 5 – 10 % (0)", "#feb24c", "#555555"),
        ("> 10 – 15 % (0)", "#fc4e2a", "#555555"),
        ("> 15 – 20 % (0)", "#bd0026", "#555555"),
        ("> 20 % (1)", "#4d0013", "#555555"),
        ("genutzt (9)", "#bdbdbd", "#4d4d4d"),
        ("leer stehend, < 6 Monate (1)", "#9ecae1", "#08306b"),
        ("leer stehend, 6–12 Monate (1)", "#4292c6", "#08306b"),
        ("leer stehend, 12–24 Monate (1)", "#2171b5", "#ffffff"),
        ("leer stehend, > 24 Monate (1)", "#08306b", "#ffffff"),
        # the four vacant units side by side are a hot spot
        ("Hot Spot (Häufung), signifikant (p ≤ 0,05)", None, "#c51b7d"),
    ]
    # each class is drawn in its colour at the units of that class
    expected = {
        "occupied": (9, "#bdbdbd"),
        "lt6m": (1, "#9ecae1"),
        "6to12m": (1, "#4292c6"),
        "12to24m": (1, "#2171b5"),
        "gt24m": (1, "#08306b"),
    }
    drawn = {
        c.get_gid().removeprefix("points-units-"): (
            len(c.get_offsets()),
            _rgba_hex(c.get_facecolors()[0]),
        )
        for c in _ax(fig).collections
        if (c.get_gid() or "").startswith("points-units-")
    }
    assert drawn == expected
    # vacant units lie above occupied ones
    z = {c.get_gid(): c.get_zorder() for c in _ax(fig).collections}
    assert z["points-units-gt24m"] > z["points-units-occupied"]


def test_vacancy_legend_names_quarters_without_units() -> None:
    city = _classes_city()
    city.quarters = pd.concat(
        [
            city.quarters,
            gpd.GeoDataFrame(
                {"quarter_id": ["Q3"], "name": ["Hansaviertel"]},
                geometry=[box(X0, Y0 + 600, X0 + 800, Y0 + 800)],
                crs=CRS,
            ),
        ],
        ignore_index=True,
    )
    fig = plots.vacancy_plot(city)
    assert ("keine Einheiten erfasst (1)", "#e0e0e0", "#7a7a7a") in entries(fig)
    legend = _ax(fig).get_legend()
    (row,) = [
        h
        for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if t.get_text() == "keine Einheiten erfasst (1)"
    ]
    assert row.get_hatch() == "...."


def test_land_legend_has_the_classes_and_symbols_of_the_screen_map() -> None:
    assert entries(plots.land_plot(_land_city())) == [
        ("verfügbar, restriktionsfrei (4,0 ha)", "#1a9850", "#333333"),
        ("verfügbar, leichte Restriktionen (3,0 ha)", "#a6d96a", "#333333"),
        ("verfügbar, schwere Restriktionen (1,5 ha)", "#fdae61", "#333333"),
        ("reserviert (1,0 ha)", "#9970ab", "#333333"),
        ("in Anspruch genommen (5,0 ha)", "#d9d9d9", "#333333"),
        ("Kategorie A", None, "#08306b"),
        ("Kategorie B", None, "#2171b5"),
        ("Vorkaufsrechtsgebiete", None, "#b2182b"),
        ("Wohnbaufläche", "#fbb4b9", "#fbb4b9"),
        ("gemischte Baufläche", "#bf812d", "#bf812d"),
        ("schutzbedürftige Nutzung", "#c51b8a", "#c51b8a"),
    ]


def test_preemption_legend_has_the_symbols_of_the_screen_map() -> None:
    fig = plots.preemption_plot(_preemption_city())
    # P1 and P2 lie wholly in the western area, P3 in the eastern one
    assert entries(fig) == [
        ("Flurstücke mit Vorkaufsrecht (3)", "#fd8d3c", "#7f2704"),
        ("übrige Flurstücke (0)", "#f7f7f7", "#9e9e9e"),
        ("Vorkaufsrechtsgebiete", None, "#b2182b"),
    ]
    (areas,) = [c for c in _ax(fig).collections if c.get_gid() == "preemption-areas"]
    assert areas.get_hatch() == "///"


def test_context_layers_each_have_a_legend_row() -> None:
    city = _land_city()
    city.context = _context()
    rows = entries(plots.land_plot(city))
    assert rows[rows.index(("Stadtgrenze", None, "#4d4d4d")) :] == [
        ("Stadtgrenze", None, "#4d4d4d"),
        ("Stadtbezirke", None, "#8c8c8c"),
        ("Gewerbegebiet (GE)", "#9e88b8", "#9e88b8"),
        ("Industriegebiet (GI)", "#7d6a99", "#7d6a99"),
        ("Gewässer", None, "#5b9bd5"),
        ("Bahnstrecken", None, "#5f5f5f"),
        ("Hauptstraßen", None, "#b0b0b0"),
    ]


# --------------------------------------------------------------------------- hot spots


def _rings(fig: Figure, kind: str) -> list:
    return [c for c in _ax(fig).collections if c.get_gid() == f"points-hotspot-{kind}"]


def test_hot_spots_are_ringed_by_default_and_cold_spots_on_request() -> None:
    city = _cluster_city()
    panel = gi.vacancy.panel(city.units, city.quarters)
    classes = panel.hotspots_at()["hotspot_class"]
    n_hot, n_cold = int((classes == "hot").sum()), int((classes == "cold").sum())
    assert n_hot >= 5  # the packed vacant units
    assert n_cold >= 1

    fig = plots.vacancy_plot(city)
    (hot,) = _rings(fig, "hot")
    assert len(hot.get_offsets()) == n_hot
    assert _rgba_hex(hot.get_edgecolors()[0]) == "#c51b7d"
    assert hot.get_facecolors().shape[0] == 0 or hot.get_facecolors()[0][3] == 0
    assert _rings(fig, "cold") == []
    assert ("Hot Spot (Häufung), signifikant (p ≤ 0,05)", None, "#c51b7d") in entries(fig)
    assert not any(t.startswith("Cold Spot") for t, _, _ in entries(fig))

    fig = plots.vacancy_plot(city, cold_spots=True)
    (cold,) = _rings(fig, "cold")
    assert len(cold.get_offsets()) == n_cold
    assert ("Cold Spot (Ausdünnung), signifikant (p ≤ 0,05)", None, "#4d9221") in entries(fig)

    fig = plots.vacancy_plot(city, hotspots=False)
    assert _rings(fig, "hot") == []
    assert not any(t.startswith("Hot Spot") for t, _, _ in entries(fig))


def test_no_rings_and_no_word_without_hot_spots_or_when_they_failed(monkeypatch) -> None:
    city = _cluster_city()
    fig = plots.vacancy_plot(city)  # the same city rings its hot spots
    assert len(_rings(fig, "hot")) == 1
    panel = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    fig = plots.vacancy_plot(city, panel=panel)
    assert _rings(fig, "hot") == []
    assert not any("Spot" in t for t, _, _ in entries(fig))

    def fail(*args, **kwargs):
        raise ValueError("too many pairs")

    monkeypatch.setattr(importlib.import_module("geoinnenstadt.hotspots"), "hotspots", fail)
    failed = gi.vacancy.panel(city.units, city.quarters)
    assert failed.hotspots_error() is not None
    fig = plots.vacancy_plot(city, panel=failed)
    assert _rings(fig, "hot") == []
    assert not any("Spot" in t for t, _, _ in entries(fig))


# --------------------------------------------------------------------------- labels


def _all_kinds() -> list[Figure]:
    vacancy = _cluster_city()
    vacancy.context = _context()
    land = _land_city()
    land.context = _context()
    pre = _preemption_city()
    pre.context = _context()
    return [
        plots.vacancy_plot(vacancy),
        plots.land_plot(land),
        plots.preemption_plot(pre),
        plots.vacancy_plot(_classes_city()),
    ]


def test_every_label_has_a_halo() -> None:
    for fig in _all_kinds():
        labels = _labels(fig)
        assert labels
        halos = [t for t in _ax(fig).texts if (t.get_gid() or "").startswith("halo-")]
        assert len(halos) == len(labels)
        for label in labels:
            halo = next(
                h
                for h in halos
                if h.get_gid() == f"halo-{label.get_gid()}"
                and h.get_text() == label.get_text()
                and h.get_position() == label.get_position()
            )
            (effect,) = halo.get_path_effects()
            assert isinstance(effect, patheffects.withStroke)
            assert _rgba_hex(effect._gc["foreground"]) == "#ffffff"
            assert effect._gc["linewidth"] > 0
            assert halo.get_zorder() < label.get_zorder()
            assert halo.get_fontsize() == label.get_fontsize()


def test_labels_cover_no_drawn_point() -> None:
    """Units in a row through the middle of each quarter: the labels move off the row."""
    rows = [_unit(f"A{i}", X0 + 10 + 20 * i, Y0 + 300, "occupied", None) for i in range(40)]
    rows += [_unit(f"B{i}", X0 + 200, Y0 + 20 + 20 * i, "vacant", "2024-01-15") for i in range(29)]
    units = gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")
    city = gi.City(quarters=_quarters(), units=units, meta=dict(META))
    city.context = _context()
    figures = [plots.vacancy_plot(city), *_all_kinds()]
    for fig in figures:
        fig.canvas.draw()
        points = _point_boxes(fig)
        placed = _labels(fig)
        assert placed
        for label in placed:
            bb = label.get_window_extent()
            hit = (
                (points[:, 0] < bb.x1)
                & (points[:, 2] > bb.x0)
                & (points[:, 1] < bb.y1)
                & (points[:, 3] > bb.y0)
            )
            assert not hit.any(), label.get_text()
    units = [
        c for c in _ax(figures[0]).collections if (c.get_gid() or "").startswith("points-units")
    ]
    assert sum(len(c.get_offsets()) for c in units) == 69
    # both quarter names are still on the map, each inside its quarter
    fig = plots.vacancy_plot(city)
    names = {t.get_text().split("\n")[0]: t.get_position() for t in _labels(fig)}
    assert _quarters().geometry[0].contains(Point(names["Brückviertel"]))
    assert _quarters().geometry[1].contains(Point(names["Klosterviertel"]))


def test_labels_lie_inside_the_map_frame() -> None:
    """A district showing as an 80 m strip at the left edge: its name is not clipped."""
    x0 = _ax(plots.vacancy_plot(_classes_city())).get_xlim()[0]
    city = _classes_city()
    city.context = _context(view_x0=x0)
    fig = plots.vacancy_plot(city)
    fig.canvas.draw()
    frame = _ax(fig).get_window_extent()
    labels = _labels(fig)
    assert "Lütgendortmund" in [t.get_text() for t in labels]
    for figure in (fig, *_all_kinds()):
        figure.canvas.draw()
        frame = _ax(figure).get_window_extent()
        for label in _labels(figure):
            bb = label.get_window_extent()
            assert frame.x0 <= bb.x0, label.get_text()
            assert bb.x1 <= frame.x1, label.get_text()
            assert frame.y0 <= bb.y0, label.get_text()
            assert bb.y1 <= frame.y1, label.get_text()


def test_one_label_per_name_on_the_largest_part() -> None:
    city = _preemption_city()
    city.context = _context()
    fig = plots.preemption_plot(city)
    texts = [t for t in _labels(fig) if t.get_gid().startswith("feature-label-")]
    assert [t.get_text() for t in texts] == ["Vorkaufsrechtsgebiet\nHafen"]
    assert city.preemption_areas.geometry[0].contains(Point(texts[0].get_position()))
    # the district "Innenstadt" in two rows: one label, in its larger (western) part
    districts = [t for t in _labels(fig) if t.get_gid() == "context-district-label"]
    inner = [t for t in districts if t.get_text() == "Innenstadt"]
    assert len(inner) == 1
    assert inner[0].get_position()[0] < X0 + 400


def test_district_names_lie_above_the_quarter_fills() -> None:
    city = _classes_city()
    city.context = _context()
    fig = plots.vacancy_plot(city)
    fills = [c for c in _ax(fig).collections if (c.get_gid() or "").startswith("quarters")]
    districts = [t for t in _ax(fig).texts if t.get_gid() == "context-district-label"]
    assert fills
    assert districts
    for label in districts:
        assert label.get_zorder() > max(c.get_zorder() for c in fills)


# --------------------------------------------------------------------------- greyscale


def _legend_swatch(fig: Figure, text: str):
    legend = _ax(fig).get_legend()
    (handle,) = [
        h
        for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if t.get_text() == text
    ]
    return handle


def test_ge_and_gi_stay_apart_in_greyscale() -> None:
    city = _land_city()
    city.context = _context()
    fig = plots.land_plot(city)
    fig.set_dpi(150)
    grey = _grey_png(fig)
    height = grey.shape[0]
    stats = {}
    for name in ("Gewerbegebiet (GE)", "Industriegebiet (GI)"):
        bb = _legend_swatch(fig, name).get_window_extent()
        # the inside of the swatch, without its outline (image rows run top down)
        x0, x1 = int(bb.x0) + 3, int(bb.x1) - 3
        y0, y1 = height - int(bb.y1) + 3, height - int(bb.y0) - 3
        patch = grey[y0:y1, x0:x1]
        assert patch.size > 50
        stats[name] = patch.std()
    ge_std, gi_std = stats.values()
    assert ge_std < 2  # a flat tint
    assert gi_std > ge_std + 8  # the cross-hatch
    # the hatch on the map and in the legend
    assert _legend_swatch(fig, "Industriegebiet (GI)").get_hatch() == "xxx"
    assert _legend_swatch(fig, "Gewerbegebiet (GE)").get_hatch() is None
    (gi_fill,) = [c for c in _ax(fig).collections if c.get_gid() == "context-landuse-GI"]
    assert gi_fill.get_hatch() == "xxx"


def test_unit_classes_of_a_panel_are_the_public_rule() -> None:
    city = _classes_city()
    panel = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    classes = panel.unit_classes_at()
    ids = panel.drawn_at()["unit_id"].astype(str)
    by_id = dict(zip(ids, classes, strict=True))
    assert [by_id[f"U{i}"] for i in range(7)] == [
        "lt6m", "6to12m", "12to24m", "gt24m", "occupied", "occupied", "occupied",
    ]  # fmt: skip


def test_a_label_without_room_is_left_out_and_counted_in_the_legend() -> None:
    """Klosterviertel is packed with units every 12 m: no room for its name anywhere."""
    rows = [
        _unit(f"K{i}-{j}", X0 + 406 + 12 * i, Y0 + 6 + 12 * j, "occupied", None)
        for i in range(33)
        for j in range(50)
    ]
    rows += [_unit("B1", X0 + 100, Y0 + 100, "vacant", "2024-01-15")]
    units = gi.schema.conform(gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS), "units")
    city = gi.City(quarters=_quarters(), units=units, meta=dict(META))
    panel = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    fig = plots.vacancy_plot(city, panel=panel)
    names = [t.get_text().split("\n")[0] for t in _labels(fig)]
    assert names == ["Brückviertel"]
    legend = [t.get_text().replace("\n", " ") for t in _ax(fig).get_legend().get_texts()]
    assert legend[-1] == "1 Beschriftung(en) aus Platzgründen ausgelassen"
