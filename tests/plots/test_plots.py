"""Tests of the print maps in geoinnenstadt.plots (matplotlib, Agg backend)."""

from __future__ import annotations

import re
import zlib

import matplotlib

matplotlib.use("Agg")  # tests only: the library never chooses a backend

import warnings

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from PIL import Image
from shapely.geometry import Point, box

import geoinnenstadt as gi
from geoinnenstadt import plots

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"
OWNER = "Erika Mustermann"
SURVEY = pd.Timestamp("2025-06-30")
FIXED_LABELS = ["0 – 5 %", "> 5 – 10 %", "> 10 – 15 %", "> 15 – 20 %", "> 20 %"]


def counted(texts: list[str], counts: list[int]) -> list[str]:
    """Legend rows with their number of quarters, as both maps write them: "0 – 5 % (1)"."""
    return [f"{t} ({n})" for t, n in zip(texts, counts, strict=True)]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _quarters() -> gpd.GeoDataFrame:
    """Four 400 m × 300 m quarters in a 2 × 2 grid (1 200 m wide in total with the gap column)."""
    return gpd.GeoDataFrame(
        {
            "quarter_id": ["Q1", "Q2", "Q3", "Q4"],
            "name": ["Brückviertel", "Klosterviertel", "Hansaviertel", "Grüne Stadtbühne"],
        },
        geometry=[
            box(X0, Y0 + 300, X0 + 400, Y0 + 600),
            box(X0 + 400, Y0 + 300, X0 + 800, Y0 + 600),
            box(X0, Y0, X0 + 400, Y0 + 300),
            box(X0 + 400, Y0, X0 + 800, Y0 + 300),
        ],
        crs=CRS,
    )


def _units(statuses: dict[str, list[str]]) -> gpd.GeoDataFrame:
    """One survey on 30.06.2025 with the given statuses per quarter (points inside the quarter)."""
    origin = {
        "Q1": (X0, Y0 + 300),
        "Q2": (X0 + 400, Y0 + 300),
        "Q3": (X0, Y0),
        "Q4": (X0 + 400, Y0),
    }
    rows = []
    for qid, states in statuses.items():
        ox, oy = origin[qid]
        for i, status in enumerate(states):
            rows.append(
                {
                    "unit_id": f"{qid}-{i}",
                    "survey_date": SURVEY,
                    "status": status,
                    "floor_area_m2": 120.0,
                    "vacant_since": pd.Timestamp("2024-01-15") if status == "vacant" else pd.NaT,
                    "owner_name": OWNER,
                    "owner_contact": "erika@example.org",
                    "geometry": Point(ox + 20 + 15 * i, oy + 150),
                }
            )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    return gi.schema.conform(gdf, "units")


#: Q1 0/4 = 0 %, Q2 1/4 = 25 %, Q3 1/10 = 10 %, Q4 no units.
STATUSES = {
    "Q1": ["occupied"] * 4,
    "Q2": ["vacant"] + ["occupied"] * 3,
    "Q3": ["vacant"] + ["occupied"] * 9,
}


def _meta(synthetic: bool = True) -> dict[str, object]:
    return {
        "name": "Teststadt",
        "synthetic": synthetic,
        "source": "Citymanagement Teststadt",
        "as_of": "2025-06-30",
    }


@pytest.fixture
def city() -> gi.City:
    return gi.City(quarters=_quarters(), units=_units(STATUSES), meta=_meta())


def _land_city(synthetic: bool = True) -> gi.City:
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
        {"zone_id": ["K1"], "name": ["Hafen"], "category": ["A"]},
        geometry=[box(X0 - 20, Y0 - 20, X0 + 620, Y0 + 220)],
        crs=CRS,
    )
    pre = gpd.GeoDataFrame(
        {"area_id": ["V1"], "name": ["Hafen Süd"], "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"]},
        geometry=[box(X0 + 280, Y0 - 10, X0 + 820, Y0 + 160)],
        crs=CRS,
    )
    res = gpd.GeoDataFrame(
        {"area_id": ["W1", "W2"], "use": ["residential", "sensitive"]},
        geometry=[
            box(X0 + 600, Y0 + 300, X0 + 800, Y0 + 500),
            box(X0 - 200, Y0, X0 - 100, Y0 + 80),
        ],
        crs=CRS,
    )
    # three 100 m × 100 m parcels; the area covers P1 fully, 60 % of P2 and 40 % of P3
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["05123401700001000000", "05123401700002000000", "05123401700003000000"]},
        geometry=[
            box(X0, Y0, X0 + 100, Y0 + 100),
            box(X0 + 100, Y0, X0 + 200, Y0 + 100),
            box(X0 + 200, Y0, X0 + 300, Y0 + 100),
        ],
        crs=CRS,
    )
    parcel_area = gpd.GeoDataFrame(
        {
            "area_id": ["V9"],
            "name": ["Satzungsgebiet Nord"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"],
        },
        geometry=[
            box(X0 - 50, Y0 - 50, X0 + 160, Y0 + 150).union(box(X0 + 150, Y0, X0 + 240, Y0 + 100))
        ],
        crs=CRS,
    )
    return gi.City(
        sites=sites,
        core_zones=core,
        preemption_areas=pd.concat([pre, parcel_area], ignore_index=True),
        residential=res,
        parcels=parcels,
        meta=_meta(synthetic),
    )


# --------------------------------------------------------------------------- helpers


def _draw(fig: Figure) -> None:
    fig.canvas.draw()


def _texts(fig: Figure) -> list[str]:
    _draw(fig)
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _legend_texts(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [t.get_text().replace("\n", " ") for t in legend.get_texts()]


def _by_gid(fig: Figure, prefix: str) -> list:
    return [a for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)]


def _metres(label: str) -> float:
    """Parse a German scale label ("500 m", "1 km", "2,5 km") into metres."""
    m = re.fullmatch(r"([\d.]+(?:,\d+)?) (m|km)", label)
    assert m, label
    value = float(m.group(1).replace(".", "").replace(",", "."))
    return value * (1000 if m.group(2) == "km" else 1)


# --------------------------------------------------------------------------- vacancy_plot


def test_vacancy_plot_has_title_legend_scale_north_date_and_source(city: gi.City) -> None:
    fig = plots.vacancy_plot(city)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == pytest.approx(plots.A4_LANDSCAPE)
    texts = _texts(fig)
    assert "Leerstand nach City-Quartieren – Teststadt" in texts
    assert "N" in texts
    assert any(t.startswith("Stand: 30.06.2025") for t in texts)
    source = next(t for t in texts if t.startswith("Quelle:"))
    assert "Citymanagement Teststadt" in source
    assert "Kartengrundlage: eigene Darstellung" in source
    assert "EPSG:25832" in source
    # the overall rate: 2 vacant of 18 units = 11,1 %
    assert any("Leerstandsquote insgesamt: 11,1 % (2 von 18)" in t for t in texts)
    # legend: German heading, the five fixed classes, "no units" class, unit counts by class
    # (vacant since 15.01.2024: 17 months on 30.06.2025), the ringed hot spot
    assert _legend_texts(fig) == [
        "Leerstandsquote",
        # Q1 0 %, Q2 25 %, Q3 10 %; Q4 without units
        *counted(FIXED_LABELS, [1, 1, 0, 0, 1]),
        "keine Einheiten erfasst (1)",
        "Gewerbeeinheiten",
        "genutzt (16)",
        "leer stehend, < 6 Monate (0)",
        "leer stehend, 6–12 Monate (0)",
        "leer stehend, 12–24 Monate (2)",
        "leer stehend, > 24 Monate (0)",
        "Hot Spot (Häufung), signifikant (p ≤ 0,05)",
    ]
    # quarter names as labels
    labels = [a.get_text() for a in _by_gid(fig, "feature-label-")]
    assert labels == [
        "Brückviertel\n0,0 %",
        "Klosterviertel\n25,0 %",
        "Hansaviertel\n10,0 %",
        "Grüne Stadtbühne\nk. A.",
    ]
    # working CRS axes: equal aspect, no ticks
    ax = fig.axes[0]
    assert ax.get_aspect() == 1.0
    assert list(ax.get_xticks()) == []
    assert list(ax.get_yticks()) == []


def test_vacancy_plot_fills_quarters_by_fixed_class(city: gi.City) -> None:
    fig = plots.vacancy_plot(city)
    ax = fig.axes[0]
    (quarters,) = _by_gid(fig, "quarters")[:1]
    faces = quarters.get_facecolors()
    legend = ax.get_legend()
    class_colors = [tuple(p.get_facecolor()) for p in legend.get_patches()[1:6]]
    # Q1 0 % -> "0 – 5 %", Q2 25 % -> "> 20 %", Q3 10 % -> "> 5 – 10 %" (upper limit inclusive)
    assert len(faces) == 3
    assert tuple(faces[0]) == pytest.approx(class_colors[0])
    assert tuple(faces[1]) == pytest.approx(class_colors[4])
    assert tuple(faces[2]) == pytest.approx(class_colors[1])
    # Q4 without units: light grey, dotted
    (empty,) = [a for a in _by_gid(fig, "quarters-no-units") if hasattr(a, "get_hatch")]
    assert tuple(empty.get_facecolors()[0]) == pytest.approx(to_rgba("#e0e0e0", 0.65))
    assert empty.get_hatch() == "...."


def test_vacancy_plot_points_distinguish_vacant_and_occupied(city: gi.City) -> None:
    fig = plots.vacancy_plot(city)
    (occupied,) = _by_gid(fig, "points-units-occupied")
    (vacant,) = _by_gid(fig, "points-units-12to24m")
    assert len(occupied.get_offsets()) == 16
    assert len(vacant.get_offsets()) == 2
    assert tuple(occupied.get_facecolors()[0]) != tuple(vacant.get_facecolors()[0])


def test_vacancy_plot_data_scheme_uses_decimal_commas(city: gi.City) -> None:
    # rates 0, 25 % and 10 %: equal intervals of 0–25 % in 4 classes -> 6,25 % steps
    fig = plots.vacancy_plot(city, scheme="equal_interval", k=2)
    assert _legend_texts(fig)[1:3] == ["0,0 – 12,5 % (2)", "> 12,5 – 25,0 % (1)"]


def test_sample_note_only_for_synthetic_data(city: gi.City) -> None:
    note = "Beispieldaten (synthetisch) – keine amtlichen Daten"
    assert note in _texts(plots.vacancy_plot(city))
    official = gi.City(quarters=city.quarters, units=city.units, meta=_meta(synthetic=False))
    texts = _texts(plots.vacancy_plot(official))
    assert not any("Beispieldaten" in t or "synthetisch" in t for t in texts)
    assert _by_gid(plots.vacancy_plot(official), "sample-note") == []


def test_vacancy_plot_without_units_shows_note() -> None:
    for units in (None, _units(STATUSES).iloc[0:0]):
        c = gi.City(quarters=_quarters(), units=units, meta=_meta())
        fig = plots.vacancy_plot(c)
        texts = _texts(fig)
        assert "keine Gewerbeeinheiten erfasst" in texts
        assert "Leerstandsquote" in _legend_texts(fig)
        assert not any(t.startswith("Gewerbeeinheiten") for t in _legend_texts(fig))


@pytest.mark.parametrize("layer", ["quarters", "units"])
def test_layer_in_wgs84_is_reprojected_for_display_only(city: gi.City, layer: str) -> None:
    """Issue 9: plots reproject for display (crs.to_working) instead of refusing other CRSs."""
    reference = _legend_texts(plots.vacancy_plot(city))
    original = getattr(city, layer)
    setattr(city, layer, original.to_crs("EPSG:4326"))
    fig = plots.vacancy_plot(city)
    assert _legend_texts(fig) == reference  # same rates, same classes
    x0, x1 = fig.axes[0].get_xlim()
    y0, y1 = fig.axes[0].get_ylim()
    # drawn in metres of EPSG:25832 around the fixture (X0 … X0 + 800), not in degrees
    assert x0 < X0 < X0 + 800 < x1
    assert y0 < Y0 < Y0 + 600 < y1
    assert getattr(city, layer).crs.to_epsg() == 4326  # the caller's layer is not changed


def test_layer_without_crs_raises_crs_error(city: gi.City) -> None:
    city.quarters = city.quarters.set_crs(None, allow_override=True)
    with pytest.raises(gi.CRSError, match="no CRS"):
        plots.vacancy_plot(city)


def test_zero_and_hundred_percent_quarters_keep_a_valid_legend() -> None:
    units = _units({"Q1": ["occupied"] * 3, "Q2": ["vacant"] * 2})
    c = gi.City(quarters=_quarters().iloc[:2], units=units, meta=_meta())
    fig = plots.vacancy_plot(c)
    assert _legend_texts(fig)[1:6] == counted(FIXED_LABELS, [1, 0, 0, 0, 1])  # 0 % and 100 %
    faces = fig.axes[0].collections[0].get_facecolors()
    patches = fig.axes[0].get_legend().get_patches()
    assert tuple(faces[0]) == pytest.approx(tuple(patches[1].get_facecolor()))  # 0 %
    assert tuple(faces[1]) == pytest.approx(tuple(patches[5].get_facecolor()))  # 100 %
    # data-driven scheme with only two distinct rates: k falls to two classes (median 50 %)
    fig = plots.vacancy_plot(c, scheme="quantiles", k=5)
    assert _legend_texts(fig)[1:4] == ["0 – 50 % (1)", "> 50 – 100 % (1)", "Gewerbeeinheiten"]
    faces = fig.axes[0].collections[0].get_facecolors()
    patches = fig.axes[0].get_legend().get_patches()
    assert tuple(faces[0]) == pytest.approx(tuple(patches[1].get_facecolor()))
    assert tuple(faces[1]) == pytest.approx(tuple(patches[2].get_facecolor()))
    # a single distinct rate still gives one valid class
    one = gi.City(quarters=_quarters().iloc[:1], units=units.iloc[:3], meta=_meta())
    assert _legend_texts(plots.vacancy_plot(one, scheme="natural_breaks"))[1] == "0 % (1)"


def test_vacancy_plot_draws_into_given_ax(city: gi.City) -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 4))
    out = plots.vacancy_plot(city, ax=right, title="Leerstand Juni")
    assert out is fig
    assert right.get_title(loc="left") == "Leerstand Juni"
    assert right.get_legend() is not None
    assert left.get_legend() is None
    assert right.get_aspect() == 1.0
    assert len(fig.axes) == 2  # nothing added beside the given Axes
    assert "N" in _texts(fig)


def test_at_selects_the_survey_state(city: gi.City) -> None:
    later = _units({"Q1": ["vacant"] * 4}).assign(survey_date=pd.Timestamp("2025-12-31"))
    city.units = pd.concat([city.units, later], ignore_index=True)
    texts = _texts(plots.vacancy_plot(city, at="2025-06-30"))
    assert any(t.startswith("Stand: 30.06.2025") for t in texts)
    assert "leer stehend, 12–24 Monate (2)" in texts
    texts = _texts(plots.vacancy_plot(city))
    assert any(t.startswith("Stand: 31.12.2025") for t in texts)
    # inventory rule: only the four Q1 units were surveyed in the 31.12.2025 round; the
    # others have left the inventory as of that round, so 4 (not 6) vacant units are drawn
    assert "leer stehend, 12–24 Monate (4)" in texts


def test_english_labels(city: gi.City) -> None:
    fig = plots.vacancy_plot(city, lang="en")
    texts = _texts(fig)
    assert _legend_texts(fig)[0] == "Vacancy rate"
    assert "Sample data (synthetic) – not official data" in texts


# --------------------------------------------------------------------------- scale bar


def test_scale_bar_length_in_data_units_equals_label(city: gi.City) -> None:
    fig = plots.vacancy_plot(city)
    _draw(fig)
    ax = fig.axes[0]
    (label,) = _by_gid(fig, "scalebar-label")
    metres = _metres(label.get_text())
    segments = sorted(_by_gid(fig, "scalebar-segment-"), key=lambda r: r.get_x())
    assert all(isinstance(r, Rectangle) for r in segments)
    assert sum(r.get_width() for r in segments) == pytest.approx(metres, abs=1e-9)
    assert segments[-1].get_x() + segments[-1].get_width() - segments[0].get_x() == pytest.approx(
        metres
    )
    # drawn length in pixels equals `metres` converted through the map's data transform
    x_left = min(r.get_window_extent().x0 for r in segments)
    x_right = max(r.get_window_extent().x1 for r in segments)
    data = ax.transData.transform([(0, 0), (metres, 0)])
    assert x_right - x_left == pytest.approx(data[1, 0] - data[0, 0], rel=1e-9)
    # a round length no longer than a quarter of the map width
    width = abs(np.diff(ax.get_xlim())[0])
    assert metres in plots.cartography._NICE_LENGTHS_M
    assert metres <= width / 4


@pytest.mark.parametrize(
    ("width", "length", "label"),
    [
        (900, 200, "200 m"),
        (1_000, 250, "250 m"),
        (2_300, 500, "500 m"),
        (4_500, 1_000, "1 km"),
        (12_000, 2_500, "2,5 km"),
        (30, 10, "10 m"),
    ],
)
def test_nice_scale_length_and_label(width: float, length: int, label: str) -> None:
    assert plots.nice_scale_length(width) == length
    assert plots.scale_label(length) == label


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=40, max_value=400_000, allow_nan=False))
def test_scale_length_is_the_largest_nice_value_within_a_quarter(width: float) -> None:
    length = plots.nice_scale_length(width)
    assert length <= width / 4
    larger = [n for n in plots.cartography._NICE_LENGTHS_M if n > length]
    assert not larger or larger[0] > width / 4
    assert _metres(plots.scale_label(length)) == length


def test_nice_scale_length_rejects_bad_width() -> None:
    with pytest.raises(ValueError, match="positive"):
        plots.nice_scale_length(0)


# --------------------------------------------------------------------------- land_plot


def test_land_plot_legend_hectares_and_layers() -> None:
    fig = plots.land_plot(_land_city())
    assert _legend_texts(fig) == [
        "Wirtschaftsflächen",
        "verfügbar, restriktionsfrei (4,0 ha)",
        "verfügbar, leichte Restriktionen (3,0 ha)",
        "verfügbar, schwere Restriktionen (1,5 ha)",
        "reserviert (1,0 ha)",
        "in Anspruch genommen (5,0 ha)",
        "Gewerbe- und Industriekernzonen",
        "Kategorie A",
        "Gebietskulissen",
        "Vorkaufsrechtsgebiete",
        "§ 25 Abs. 1 Nr. 2 BauGB",
        "Wohnbauflächen und schutzbedürftige Nutzungen",
        "Wohnbaufläche",
        "schutzbedürftige Nutzung",
    ]
    texts = _texts(fig)
    assert "Wirtschaftsflächen und Flächenreserven – Teststadt" in texts
    assert "Stand: 30.06.2025" in texts
    assert "Kategorie A" in texts
    assert "Beispieldaten (synthetisch) – keine amtlichen Daten" in texts
    assert any(c.get_hatch() == "///" for c in fig.axes[0].collections)  # pre-emption hatched
    assert any(c.get_linestyle()[0][1] is not None for c in fig.axes[0].collections)  # dashed core


def test_land_plot_at_counts_later_take_up_as_reserve() -> None:
    fig = plots.land_plot(_land_city(), at="2022-12-31")
    legend = _legend_texts(fig)
    assert "verfügbar, restriktionsfrei (9,0 ha)" in legend  # 4 ha + 5 ha taken up in 2023
    assert not any(t.startswith("in Anspruch genommen") for t in legend)
    assert "Stand: 31.12.2022" in _texts(fig)


def test_land_plot_reprojects_wgs84_sites_for_display() -> None:
    c = _land_city()
    reference = _legend_texts(plots.land_plot(c))
    c.sites = c.sites.to_crs("EPSG:4326")
    fig = plots.land_plot(c)
    # hectares in the legend are computed in metres (4 + 3 + 1.5 ha of reserve by hand)
    assert _legend_texts(fig) == reference
    assert any("4,0 ha" in t for t in reference)


def test_land_plot_needs_a_layer() -> None:
    with pytest.raises(ValueError, match="at least one of the layers"):
        plots.land_plot(gi.City(quarters=_quarters(), meta=_meta()))


# --------------------------------------------------------------------------- preemption_plot


def test_preemption_plot_highlights_parcels_by_share() -> None:
    c = _land_city(synthetic=False)
    fig = plots.preemption_plot(c)  # min_share 0.5: P1 (100 %) and P2 (60 %), not P3 (40 %)
    legend = _legend_texts(fig)
    assert legend == [
        "Flurstücke",
        "Flurstücke mit Vorkaufsrecht (2)",
        "übrige Flurstücke (1)",
        "mind. 50 % der Fläche im Gebiet; n = 2",
        "Gebietskulissen",
        "Vorkaufsrechtsgebiete",
        "§ 25 Abs. 1 Nr. 2 BauGB",
    ]
    texts = _texts(fig)
    assert "Flurstücke in Vorkaufsrechtsgebieten – Teststadt" in texts
    assert "Satzungsgebiet\nNord" in texts  # wrapped at the space
    assert not any("Beispieldaten" in t for t in texts)
    (highlighted,) = _by_gid(fig, "parcels-preempted")
    assert len(highlighted.get_paths()) == 2
    fig = plots.preemption_plot(c, min_share=0.3)
    assert _legend_texts(fig)[1] == "Flurstücke mit Vorkaufsrecht (3)"


def test_preemption_plot_without_parcels_and_without_areas() -> None:
    c = _land_city()
    c.parcels = None
    assert "keine Flurstücke erfasst" in _texts(plots.preemption_plot(c))
    c.preemption_areas = None
    with pytest.raises(ValueError, match="preemption_areas"):
        plots.preemption_plot(c)


# --------------------------------------------------------------------------- save_figure


def test_save_png_pdf_svg(city: gi.City, tmp_path) -> None:
    fig = plots.vacancy_plot(city)
    png = plots.save_figure(fig, tmp_path / "karte.png")
    pdf = plots.save_figure(fig, tmp_path / "karte.pdf")
    svg = plots.save_figure(fig, tmp_path / "karte.svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["karte.pdf", "karte.png", "karte.svg"]

    with Image.open(png) as im:
        assert [round(d) for d in im.info["dpi"]] == [300, 300]
        assert im.size == (round(11.69 * 300), round(8.27 * 300))

    text = svg.read_text(encoding="utf-8")
    assert ">Brückviertel<" in text  # real text, umlaut intact
    assert ">Leerstandsquote insgesamt: 11,1 % (2 von 18)<" in text
    assert "DejaVu Sans" in text
    assert "Beispieldaten (synthetisch) – keine amtlichen Daten" in text

    raw = pdf.read_bytes()
    assert raw.startswith(b"%PDF")
    assert b"/FontFile2" in raw  # TrueType (Type 42) fonts embedded
    assert b"/Subtype /Type3" not in raw
    assert re.search(rb"/BaseFont /[A-Z]{6}\+DejaVuSans", raw)
    cmaps = b"".join(
        zlib.decompress(m.group(1))
        for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S)
        if _inflates(m.group(1))
    )
    # the ToUnicode map of the embedded font maps a glyph to U+00FC "ü"
    assert re.search(rb"<00fc>", cmaps, re.I)


def _inflates(data: bytes) -> bool:
    try:
        zlib.decompress(data)
    except zlib.error:
        return False
    return True


def test_personal_columns_never_reach_the_output(city: gi.City, tmp_path) -> None:
    assert OWNER in city.units["owner_name"].tolist()
    fig = plots.vacancy_plot(city)
    assert not any(OWNER in t or "example.org" in t for t in _texts(fig))
    svg = plots.save_figure(fig, tmp_path / "karte.svg").read_text(encoding="utf-8")
    assert OWNER not in svg
    assert "example.org" not in svg
    assert "owner" not in svg


def test_save_figure_rejects_unknown_extension_and_leaves_no_temp_files(
    city: gi.City, tmp_path
) -> None:
    fig = plots.vacancy_plot(city)
    with pytest.raises(ValueError, match=r"\.png, \.pdf, \.svg"):
        plots.save_figure(fig, tmp_path / "karte.jpg")
    with pytest.raises(ValueError, match="dpi"):
        plots.save_figure(fig, tmp_path / "karte.png", dpi=0)
    assert list(tmp_path.iterdir()) == []
    out = plots.save_figure(fig, tmp_path / "sub" / "karte.png", dpi=72)
    assert [p.name for p in out.parent.iterdir()] == ["karte.png"]
    with Image.open(out) as im:
        assert [round(d) for d in im.info["dpi"]] == [72, 72]


def test_import_does_not_choose_a_backend() -> None:
    import subprocess
    import sys

    code = "import sys, geoinnenstadt as gi; gi.plots; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- sample data


@pytest.mark.parametrize("name", ["dortmund", "duesseldorf", "dorsten"])
def test_sample_cities_plot(name: str, tmp_path) -> None:
    city = gi.load_sample(name)
    figs = [plots.vacancy_plot(city)] if city.quarters is not None else []
    if any(getattr(city, k) is not None for k in ("sites", "core_zones", "preemption_areas")):
        figs.append(plots.land_plot(city))
    if city.preemption_areas is not None:
        figs.append(plots.preemption_plot(city))
    assert figs
    for i, fig in enumerate(figs):
        texts = _texts(fig)
        assert "Beispieldaten (synthetisch) – keine amtlichen Daten" in texts
        assert "N" in texts
        svg = plots.save_figure(fig, tmp_path / f"{i}.svg").read_text(encoding="utf-8")
        for owner in (
            city.units["owner_name"].dropna().unique()[:20] if city.units is not None else []
        ):
            assert f">{owner}<" not in svg


def test_take_up_plot_bars_and_mean_line_match_the_data():
    import pandas as _pd

    take_up = _pd.Series(
        [1.0, 0.0, 3.0, 5.0, 2.5], index=[2019, 2020, 2021, 2022, 2023], name="take_up_ha"
    )
    fig = gi.plots.take_up_plot(take_up, window=(2020, 2022))
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == [1.0, 0.0, 3.0, 5.0, 2.5]
    (line,) = ax.collections  # the dashed mean line
    (seg,) = line.get_segments()
    assert seg[0][1] == pytest.approx((0.0 + 3.0 + 5.0) / 3)  # Ī over 2020–2022, by hand
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Mittel 2020–2022: 2,7 ha"]
    assert all(float(t).is_integer() for t in ax.get_yticks())
    plt.close(fig)


def test_trend_plot_draws_one_line_per_quarter_and_total():
    import pandas as _pd

    trend = _pd.DataFrame(
        {
            "survey_date": _pd.to_datetime(["2024-06-30"] * 3 + ["2025-06-30"] * 3),
            "quarter_id": ["Q1", "Q2", "total"] * 2,
            "name": ["Brückviertel", "Hansaviertel", "Gesamt"] * 2,
            "vacancy_rate": [0.1, 0.2, 0.15, 0.12, 0.18, 0.15],
        }
    )
    fig = gi.plots.trend_plot(trend)
    ax = fig.axes[0]
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert lines == {
        "Brückviertel": [0.1, 0.12],
        "Hansaviertel": [0.2, 0.18],
        "Gesamt": [0.15, 0.15],
    }
    en = gi.plots.trend_plot(trend, lang="en")
    assert {line.get_label() for line in en.axes[0].get_lines()} == {
        "Brückviertel",
        "Hansaviertel",
        "Total",
    }
    assert [t.get_text() for t in ax.get_xticklabels()] == ["30.06.2024", "30.06.2025"]
    with pytest.raises(ValueError, match="vacancy_rate"):
        gi.plots.trend_plot(trend.drop(columns="vacancy_rate"))
    plt.close(fig)


# --------------------------------------------------------------------------- issue 9


def test_vacancy_plot_scheme_fixed_works_and_equals_none(city: gi.City) -> None:
    """Issue 9: scheme="fixed" raised in vacancy_plot; None stays accepted as fixed."""
    fixed = plots.vacancy_plot(city, scheme="fixed")
    fixed_rows = counted(FIXED_LABELS, [1, 1, 0, 0, 1])
    assert _legend_texts(fixed)[1:6] == fixed_rows
    assert _legend_texts(plots.vacancy_plot(city, scheme=None))[1:6] == fixed_rows
    faces = fixed.axes[0].collections[0].get_facecolors()
    patches = fixed.axes[0].get_legend().get_patches()
    # by hand: Q1 0 % -> "0 – 5 %", Q2 25 % -> "> 20 %", Q3 10 % -> "> 5 – 10 %" (right-closed)
    for quarter, legend_row in ((0, 1), (1, 5), (2, 2)):
        assert tuple(faces[quarter]) == pytest.approx(tuple(patches[legend_row].get_facecolor()))
    # the colours are the shared classes of gi.classify, as in the interactive maps
    assert [tuple(patches[i].get_facecolor()) for i in range(1, 6)] == [
        to_rgba(c) for c in gi.classify.class_colors(5)
    ]


DOLLAR = "Preise $5 bis $10 Markt"


def _dollar_texts(fig: Figure) -> list[Text]:
    _draw(fig)
    return [t for t in fig.findobj(Text) if "$" in t.get_text()]


def _assert_literal(fig: Figure) -> None:
    texts = _dollar_texts(fig)
    assert texts, "no text with a dollar sign drawn"
    renderer = fig.canvas.get_renderer()
    for t in texts:
        # a copy drawn without maths has the same width; with mathtext it would differ
        probe = Text(0, 0, t.get_text(), fontproperties=t.get_fontproperties(), parse_math=False)
        probe.set_figure(fig)
        maths = Text(0, 0, t.get_text(), fontproperties=t.get_fontproperties(), parse_math=True)
        maths.set_figure(fig)
        width = t.get_window_extent(renderer).width
        assert width == pytest.approx(probe.get_window_extent(renderer).width)
        assert width != pytest.approx(maths.get_window_extent(renderer).width)


def test_dollar_signs_are_drawn_literally_not_as_mathtext(city: gi.City) -> None:
    """Issue 9: "Preise $5 bis $10 Markt" was rendered as maths."""
    city.quarters.loc[0, "name"] = DOLLAR
    fig = plots.vacancy_plot(city, title=DOLLAR)
    flat = [" ".join(t.get_text().split()) for t in _dollar_texts(fig)]
    assert DOLLAR in flat  # the title, verbatim
    assert any(f.startswith(DOLLAR) for f in flat if f != DOLLAR)  # the quarter label
    _assert_literal(fig)

    trend = pd.DataFrame(
        {
            "survey_date": pd.to_datetime(["2024-06-30", "2025-06-30"]),
            "quarter_id": ["Q1", "Q1"],
            "name": [DOLLAR, DOLLAR],
            "vacancy_rate": [0.1, 0.2],
        }
    )
    chart = plots.trend_plot(trend)
    assert [t.get_text() for t in chart.axes[0].get_legend().get_texts()] == [DOLLAR]
    _assert_literal(chart)

    land = _land_city()
    land.preemption_areas.loc[0, "legal_basis"] = "$ 25 BauGB $"
    _assert_literal(plots.land_plot(land))


#: German words that must not appear in English output (names in the fixtures avoid them).
GERMAN = [
    "Gesamt",
    "Summe",
    "Leerstand",
    "Quartier",
    "Stand",
    "Flächen",
    "keine",
    "Einheiten",
    "Mittel",
    "Stichtag",
    "Inanspruchnahme",
    "Beispieldaten",
    "amtlich",
    "Kartengrundlage",
    "Koordinatensystem",
    "insgesamt",
    "davon",
    "Kernzone",
    "Flurstück",
    "Erhebung",
    "Veränderung",
    "Vorkaufsrecht",
    "restriktionsfrei",
    "Restriktion",
    "Reserve,",
    "vermietet",
    "leer stehend",
    "Wohn",
    "übrige",
    "unvollständig",
    "Quelle",
    "Gewerbe",
    "von",
    "erfasst",
    "mind.",
]


def _german_in(texts: list[str]) -> list[tuple[str, str]]:
    return [(w, t) for t in texts for w in GERMAN if re.search(rf"(?<!\w){re.escape(w)}", t)]


def _english_city(city: gi.City) -> gi.City:
    city.meta["source"] = "City management test city"
    city.quarters["name"] = ["North-west", "North-east", "South-west", "South-east"]
    return city


def test_english_plots_contain_no_german(city: gi.City) -> None:
    """Issue 9: English output has no German ("Total", not "Gesamt")."""
    city = _english_city(city)
    land = _land_city()
    land.meta["source"] = "City management test city"
    land.core_zones["name"] = ["Harbour"]
    land.preemption_areas["name"] = ["Harbour south", "Statute area north"]
    units = _units({"Q1": ["occupied", "vacant"], "Q3": ["vacant"] * 3})
    later = units.assign(survey_date=pd.Timestamp("2024-06-30"))
    trend = gi.vacancy.trend(pd.concat([later, units], ignore_index=True), city.quarters)
    take_up = pd.Series([1.0, 2.0, 0.5], index=[2023, 2024, 2025], name="take_up_ha")
    figs = [
        plots.vacancy_plot(city, lang="en"),
        plots.land_plot(land, lang="en"),
        plots.preemption_plot(land, lang="en"),
        plots.trend_plot(trend, lang="en"),
        plots.take_up_plot(take_up, at="2025-06-30", lang="en"),
    ]
    for fig in figs:
        assert _german_in(_texts(fig)) == []


def test_plots_follow_settings_language(city: gi.City, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")
    assert _legend_texts(plots.vacancy_plot(city))[0] == "Vacancy rate"
    take_up = pd.Series([1.0, 2.0], index=[2024, 2025], name="take_up_ha")
    fig = plots.take_up_plot(take_up, at="01.06.2025")
    assert fig.axes[0].get_title() == "Take-up of commercial land per year"


def test_take_up_plot_marks_the_partial_current_year() -> None:
    """Issue 9: a partial current year was drawn as a full bar."""
    take_up = pd.Series(
        [1.0, 0.0, 3.0, 5.0, 2.5], index=[2021, 2022, 2023, 2024, 2025], name="take_up_ha"
    )
    fig = plots.take_up_plot(take_up, at="30.06.2025", mean_window=3)  # 30 June: 2025 is partial
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["2021", "2022", "2023", "2024", "2025 (unvollständig)"]
    bars = ax.patches
    assert [b.get_hatch() for b in bars] == [None, None, None, None, "///"]
    assert bars[4].get_facecolor() != bars[3].get_facecolor()
    assert [b.get_height() for b in bars] == [1.0, 0.0, 3.0, 5.0, 2.5]
    # the default mean covers the last three complete years 2022–2024: (0 + 3 + 5) / 3
    (seg,) = ax.collections[0].get_segments()
    assert seg[0][1] == pytest.approx(8 / 3)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Mittel 2022–2024: 2,7 ha"]
    en = plots.take_up_plot(take_up, at="2025-06-30", lang="en")
    assert en.axes[0].get_xticklabels()[-1].get_text() == "2025 (partial)"
    # 31 December closes the year; without a date nothing is marked
    for at in ("31.12.2025", None):
        full = plots.take_up_plot(take_up, at=at)
        assert [b.get_hatch() for b in full.axes[0].patches] == [None] * 5
        assert full.axes[0].get_xticklabels()[-1].get_text() == "2025"
    with pytest.raises(gi.dates.DateError, match=r"DD\.MM\.YYYY"):
        plots.take_up_plot(take_up, at="30.06.25")


def _small_quarter_units() -> gpd.GeoDataFrame:
    """Two surveys; Q1 has 1 unit, Q2 2 units, Q3 10 units, Q4 4 units.

    Q1: 0/1 → 1/1 (+100 Pp.), Q2: 0/2 → 1/2 (+50 Pp.), Q3: 1/10 → 1/10, Q4: 1/4 → 2/4.
    """
    first = _units(
        {
            "Q1": ["occupied"],
            "Q2": ["occupied"] * 2,
            "Q3": ["vacant"] + ["occupied"] * 9,
            "Q4": ["vacant"] + ["occupied"] * 3,
        }
    )
    second = _units(
        {
            "Q1": ["vacant"],
            "Q2": ["vacant", "occupied"],
            "Q3": ["vacant"] + ["occupied"] * 9,
            "Q4": ["vacant", "vacant", "occupied", "occupied"],
        }
    )
    first = first.assign(survey_date=pd.Timestamp("2024-06-30"))
    first.loc[first["status"] == "vacant", "vacant_since"] = pd.Timestamp("2024-01-15")
    return gpd.GeoDataFrame(pd.concat([first, second], ignore_index=True), crs=CRS)


def test_public_trend_chart_hides_small_quarters_and_their_secondary() -> None:
    """Issue 9: the trend chart drew the 1- and 2-unit quarters by name in public mode."""
    quarters = _quarters()
    trend = gi.vacancy.trend(_small_quarter_units(), quarters)
    internal = plots.trend_plot(trend)
    assert len(internal.axes[0].get_lines()) == 5
    fig = plots.trend_plot(trend, public=True)
    lines = {line.get_label(): list(line.get_ydata()) for line in fig.axes[0].get_lines()}
    # by hand: Q1 (1) and Q2 (2) primary; secondary = smallest other quarter, Q4 (4 units);
    # shown: Q3 (1/10 both times) and the total (2/17, then 5/17)
    assert lines == {"Hansaviertel": [0.1, 0.1], "Gesamt": [2 / 17, 5 / 17]}
    texts = _texts(fig)
    for name in ("Brückviertel", "Klosterviertel", "Grüne Stadtbühne"):
        assert not any(name in t for t in texts)
    # issue 19: the note says how many of each kind, and why
    (note,) = [t.get_text() for t in fig.findobj(Text) if t.get_gid() == "suppressed-note"]
    assert note == (
        "2 Quartiere mit weniger als 3 Einheiten bei einer Erhebung nicht dargestellt. "
        "1 weiteres Quartier nicht dargestellt, damit die Summe sie nicht verrät."
    )
    only_primary = trend[trend["quarter_id"].isin(["Q1", "total"])]  # no other quarter
    (note,) = [
        t.get_text()
        for t in plots.trend_plot(only_primary, public=True).findobj(Text)
        if t.get_gid() == "suppressed-note"
    ]
    assert note == "1 Quartier mit weniger als 3 Einheiten bei einer Erhebung nicht dargestellt."
    assert not [
        t
        for t in plots.trend_plot(
            trend[trend["quarter_id"].isin(["Q3", "total"])], public=True
        ).findobj(Text)
        if t.get_gid() == "suppressed-note"
    ]


def test_land_plot_reads_german_dates_day_first() -> None:
    """Issue 9: dates in plots go through gi.dates ("01.06.2025" is 1 June, not 6 January)."""
    c = _land_city()
    c.sites.loc[4, "taken_up_on"] = pd.Timestamp("2025-03-01")  # S5, 5 ha, taken up in March
    june = plots.land_plot(c, at="01.06.2025")
    assert "Stand: 01.06.2025" in _texts(june)
    legend = _legend_texts(june)
    # by hand: on 1 June S5 is taken up (5 ha); on 6 January it would still be a reserve
    assert any(t.endswith("(5,0 ha)") and "Reserve" not in t for t in legend)
    assert not any(t.startswith("Reserve, restriktionsfrei (9,0 ha)") for t in legend)
    with pytest.raises(gi.dates.DateError, match="two-digit year"):
        plots.land_plot(c, at="01.06.25")
    with pytest.raises(gi.dates.DateError, match="two-digit year"):
        plots.vacancy_plot(
            gi.City(quarters=_quarters(), units=_units(STATUSES), meta=_meta()), at="30.06.25"
        )


def test_take_up_plot_without_take_up_window_draws_no_mean() -> None:
    empty = pd.Series(
        [], index=pd.Index([], dtype="int64", name="year"), name="take_up_ha", dtype=float
    )
    fig = plots.take_up_plot(empty, window=(pd.NA, pd.NA), at="30.06.2025")
    assert len(fig.axes[0].patches) == 0
    assert len(fig.axes[0].collections) == 0  # no mean line


# --------------------------------------------------------------------------- issue 19 (charts)
def _chart_texts(fig: Figure) -> dict[str, str]:
    """Texts of a chart by gid: the source line, the sample note (drawn inside an AnchoredText)."""
    return {t.get_gid(): t.get_text() for t in fig.findobj(Text) if t.get_gid()}


def _trend_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "survey_date": pd.to_datetime(["2024-06-30"] * 2 + ["2025-06-30"] * 2),
            "quarter_id": ["Q1", "total"] * 2,
            "vacancy_rate": [0.1, 0.1, 0.2, 0.2],
        }
    )


@pytest.mark.parametrize("chart", ["trend", "take_up"])
def test_every_chart_carries_the_source_line_and_the_sample_note_for_sample_data(
    chart: str,
) -> None:
    """Issue 19: charts had no "Beispieldaten (synthetisch)" note and no source line."""
    take_up = pd.Series([1.0, 2.0], index=[2023, 2024], name="take_up_ha")

    def draw(city: gi.City | None, lang: str = "de") -> Figure:
        if chart == "trend":
            return plots.trend_plot(_trend_table(), city=city, lang=lang)
        return plots.take_up_plot(take_up, city=city, lang=lang)

    sample = gi.City(meta={"synthetic": True, "source": "Stadt Dortmund", "license": "CC0"})
    texts = _chart_texts(draw(sample))
    assert texts["source"] == "Quelle: Stadt Dortmund   ·   CC0"
    assert texts["sample-note-text"] == "Beispieldaten (synthetisch) – keine amtlichen Daten"
    en = _chart_texts(draw(sample, "en"))
    assert en["sample-note-text"] == "Sample data (synthetic) – not official data"
    assert en["source"] == "Source: Stadt Dortmund   ·   CC0"
    official = _chart_texts(draw(gi.City(meta={"synthetic": False, "source": "Stadt Essen"})))
    assert official["source"] == "Quelle: Stadt Essen"
    assert "sample-note-text" not in official
    unknown = _chart_texts(draw(None))
    assert unknown["source"] == "Quelle: k. A."
    assert "sample-note-text" not in unknown


def test_take_up_plot_accepts_take_up_by_year_with_exact_bars() -> None:
    """Issue 19: take_up_plot(gi.land.take_up_by_year(sites)) failed with a shape mismatch."""
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2", "S3"],
            "status": ["taken_up"] * 3,
            "restriction": ["none"] * 3,
            "taken_up_on": pd.to_datetime(["2023-05-01", "2024-02-01", "2025-03-01"]),
        },
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100),  # 1 ha
                  box(X0 + 200, Y0, X0 + 400, Y0 + 100),  # 2 ha
                  box(X0 + 500, Y0, X0 + 550, Y0 + 100)],  # 0.5 ha
        crs=CRS,
    )  # fmt: skip
    table = gi.land.take_up_by_year(sites, at="30.06.2025")
    fig = plots.take_up_plot(table, lang="en")
    ax = fig.axes[0]
    assert [round(b.get_height(), 9) for b in ax.patches] == [1.0, 2.0, 0.5]
    assert [b.get_hatch() for b in ax.patches] == [None, None, "///"]  # 2025 is partial
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["2023", "2024", "2025 (partial)"]
    with pytest.raises(ValueError, match="take_up_by_year"):
        plots.take_up_plot(table.drop(columns="partial"))


def test_chart_furniture_never_covers_a_bar() -> None:
    """Düsseldorf's take-up chart: the tallest bar (2014, about 17 ha) stood under the
    sample note; the note and the legend now sit above every bar."""
    city = gi.load_sample("duesseldorf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = plots.take_up_plot(gi.land.take_up_by_year(city.sites), city=city)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [a.get_window_extent(renderer) for a in ax.artists if a.get_gid() == "sample-note"]
    boxes.append(ax.get_legend().get_window_extent(renderer))
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_height() > 0]
    assert len(boxes) == 2
    assert len(bars) >= 10
    for bar in bars:
        for furniture in boxes:
            assert not bar.overlaps(furniture), (bar, furniture)
    plt.close(fig)


def test_vacancy_plot_draws_counters_on_request() -> None:
    """The hand-built counters of ``helpers.maps.make_footfall``: circles with area ∝ the mean
    of complete days (2,520 → 16 px, 600 → 16 √(600 / 2,520) px, none → 6 px), in points on
    paper (1 px = 0.75 pt; scatter sizes are the diameter in points squared)."""
    from helpers.maps import make_use_city
    from matplotlib.collections import PathCollection

    city = make_use_city()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        without = plots.vacancy_plot(city, hotspots=False, context=False)
        fig = plots.vacancy_plot(city, hotspots=False, context=False, footfall=True)
    try:
        found = [
            c
            for c in fig.axes[0].collections
            if isinstance(c, PathCollection) and (c.get_gid() or "").endswith("counters")
        ]
        assert len(found) == 1
        radii = [16.0, 16 * np.sqrt(600 / 2520), 6.0, 6.0]
        assert found[0].get_sizes() == pytest.approx([(2 * r * 0.75) ** 2 for r in radii])
        assert not [
            c for c in without.axes[0].collections if (c.get_gid() or "").endswith("counters")
        ]
    finally:
        plt.close(fig)
        plt.close(without)
