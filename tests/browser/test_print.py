"""Printing on paper (issue 18): what a map page or a briefing puts on the paper.

Each test opens a page in its own browser context, switches Chromium to print
media (``emulate_media``), prints it to PDF (``page.pdf``, without "background
graphics", as a printer dialog defaults) and looks at the paper: the PDF is
rasterised with poppler's ``pdftoppm -r 60`` and its words are read with
``pdftotext -bbox``. Nothing is taken from the screen.

The oracles are computed here, from the geometry:

* the map frame on the paper is the rectangle of the map's background colour;
* a feature's position on the paper is its Web Mercator position at the zoom
  and centre the page reports for the printed view (``window.__gi.printView``,
  a figure), scaled by the frame's size on the paper;
* the share of the frame that each vacancy class covers is the Web Mercator
  area of its quarters (hand-counted classes) over the frame's area;
* the colour of a class is its legend swatch blended over the map background;
* a table keeps its columns when every row's first and last cells are found
  on one printed line inside the page's printable area.

Needs /usr/bin/chromium, Playwright's Python package and poppler-utils
(``.ci/run`` installs them); a missing tool fails the tests, never skips them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from PIL import Image

import geoinnenstadt as gi
from geoinnenstadt import briefing, maps

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

CRS = "EPSG:25832"
#: Lower-left corner of the print fixtures (Dortmund, EPSG:25832).
X0, Y0 = 393_000.0, 5_707_000.0
#: Resolution of the rasterised paper.
DPI = 60
#: Raster pixels per CSS pixel (96 CSS px = 1 inch).
SCALE = DPI / 96
#: Background of the map frame (``div.folium-map`` in runtime.css), hand-copied.
MAP_BG = (243, 241, 236)
#: A4 in PDF points.
A4 = (595.92, 842.88)
#: Page margins of the print CSS in points: map pages 8 mm, briefings 12 mm.
MAP_MARGIN, BRIEFING_MARGIN = 8 / 25.4 * 72, 12 / 25.4 * 72


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (as .ci/run does)")
    return path


# ------------------------------------------------------------------------------ the paper


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Paper:
    """A printed PDF: rasters (RGB, 60 dpi), page sizes and words (PDF points)."""

    pdf: Path
    rasters: list[np.ndarray]
    sizes: list[tuple[float, float]]
    words: list[list[Word]]
    views: list[dict[str, Any]] = field(default_factory=list)
    legends: list[dict[str, list[tuple[str, tuple[float, float, float, float]]]]] = field(
        default_factory=list
    )
    figures: list[list[str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    screen: tuple[list[Any], list[Any]] = ([], [])

    def assert_screen_back(self) -> None:
        """After printing, the screen shows the view it showed before, with its canvases."""
        assert self.screen[1] == self.screen[0]


_LEGENDS_JS = """() => Array.from(document.querySelectorAll('.gi-legend')).map(box => [
    box.querySelector('h4') ? box.querySelector('h4').textContent : '',
    Array.from(box.querySelectorAll('.gi-row')).map(row => [
        row.textContent.replace(/\\s*\\([^)]*\\)\\s*$/, '').trim(),
        getComputedStyle(row.querySelector('.gi-sw')).backgroundColor])])"""

#: Per table: the rows of the body as cell texts (index cells included).
_TABLES_JS = """() => Array.from(document.querySelectorAll('table.gi-table, table.dataframe')).map(
    t => Array.from(t.querySelectorAll('tbody tr')).map(
        tr => Array.from(tr.children).map(c => c.innerText.trim())))"""


#: The printed view of the map: the page's figure, else (a page without one) the view the map
#: holds after printing.
_VIEW_JS = """() => window.__gi.printView || (m => ({zoom: m.getZoom(), lat: m.getCenter().lat,
    lng: m.getCenter().lng, x: m.getSize().x, y: m.getSize().y}))(window.__gi.map)"""


#: What the screen shows: view, and canvases on display without print copies.
_SCREEN_JS = """() => [window.__gi.map.getZoom(), window.__gi.map.getCenter().lat.toFixed(6),
    window.__gi.map.getCenter().lng.toFixed(6), document.querySelectorAll('.gi-print-copy').length,
    Array.from(document.querySelectorAll('canvas')).filter(c => c.style.display === 'none').length]"""


def _rgba(text: str) -> tuple[float, float, float, float]:
    nums = [float(v) for v in re.findall(r"[\d.]+", text)]
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0)


def print_to_paper(
    browser: Any,
    url: str,
    out: Path,
    *,
    viewport: tuple[int, int] = (1000, 700),
    frames: bool = False,
    emulate: bool = True,
) -> Paper:
    """Open ``url`` in a new context, print it with print media, rasterise the PDF.

    ``frames``: the maps are in ``<iframe>`` elements (briefings), not the page itself.
    ``emulate=False`` prints straight from the screen, as the printer dialog does: the page
    learns of printing only from its print events.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_load_state("load")
        docs = [f for f in page.frames if f is not page.main_frame] if frames else [page]
        for doc in docs:
            doc.wait_for_function(
                "() => window.__gi && window.__gi.ready && Object.keys(window.__gi.counts).length > 0",
                timeout=60_000,
            )
        legends = [
            {
                title: [(text, _rgba(c)) for text, c in rows]
                for title, rows in doc.evaluate(_LEGENDS_JS)
            }
            for doc in docs
        ]
        tables = page.evaluate(_TABLES_JS)
        screen = [doc.evaluate(_SCREEN_JS) for doc in docs]
        if emulate:
            page.emulate_media(media="print")
        figures = [
            doc.evaluate(
                "() => Array.from(document.querySelectorAll('.gi-figures td')).map(c => c.innerText)"
            )
            for doc in docs
        ]
        pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
        views = [doc.evaluate(_VIEW_JS) for doc in docs]
        screen_after = [doc.evaluate(_SCREEN_JS) for doc in docs]
        assert errors == []
    finally:
        context.close()
    path = out.with_suffix(".pdf")
    path.write_bytes(pdf)
    paper = read_paper(path)
    paper.views, paper.legends, paper.figures, paper.tables = views, legends, figures, tables
    paper.screen = (screen, screen_after)
    return paper


def read_paper(pdf: Path) -> Paper:
    prefix = pdf.with_suffix("")
    subprocess.run([_tool("pdftoppm"), "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True)
    pngs = sorted(
        pdf.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    rasters = []
    for png in pngs:
        with Image.open(png) as im:
            rasters.append(np.asarray(im.convert("RGB")).astype(np.int16))
    bbox = pdf.with_suffix(".bbox.html")
    subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), str(bbox)], check=True)
    ns = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.parse(bbox).getroot()  # XHTML: <page width height><word xMin …>text
    sizes: list[tuple[float, float]] = []
    words: list[list[Word]] = []
    for page in root.iter(f"{ns}page"):
        sizes.append((float(page.get("width", 0)), float(page.get("height", 0))))
        words.append(
            [
                Word(*(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
                for w in page.iter(f"{ns}word")
            ]
        )
    assert len(rasters) == len(sizes)
    return Paper(pdf, rasters, sizes, words)


# ------------------------------------------------------------------------------ geometry → paper


def _mercator(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates at ``zoom`` (256 px tiles), as Leaflet projects."""
    n = 256.0 * 2.0**zoom
    x = (np.asarray(lon) + 180.0) / 360.0 * n
    lat_r = np.radians(np.asarray(lat))
    y = (1.0 - np.log(np.tan(np.pi / 4 + lat_r / 2)) / np.pi) / 2.0 * n
    return x, y


@dataclass
class Frame:
    """The map frame on one raster page and the printed view of the map in it."""

    page: int
    left: int
    top: int
    right: int
    bottom: int
    view: dict[str, Any]

    @property
    def scale(self) -> float:
        return (self.right - self.left + 1) / self.view["x"]

    def to_css(self, gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
        """Geometries in CSS pixels of the printed map container (Web Mercator at the view)."""
        v = self.view
        cx, cy = _mercator(np.array([v["lng"]]), np.array([v["lat"]]), v["zoom"])

        def project(coords: np.ndarray) -> np.ndarray:
            x, y = _mercator(coords[:, 0], coords[:, 1], v["zoom"])
            return np.column_stack([x - cx[0] + v["x"] / 2, y - cy[0] + v["y"] / 2])

        geoms = gdf.to_crs(4326).geometry.to_numpy()
        return gpd.GeoSeries(shapely.transform(geoms, project))

    def to_raster(self, css: shapely.Geometry) -> tuple[int, int]:
        p = css if isinstance(css, shapely.Point) else css.representative_point()
        return (
            round(self.top + p.y * self.scale),
            round(self.left + p.x * self.scale),
        )

    def pixels(self, raster: np.ndarray) -> np.ndarray:
        return raster[self.top : self.bottom + 1, self.left : self.right + 1]


def find_frame(paper: Paper, view: dict[str, Any]) -> Frame:
    """The map frame: the bounding box of the map background colour on the paper."""
    for k, raster in enumerate(paper.rasters):
        mask = (np.abs(raster - np.array(MAP_BG)) <= 2).all(axis=2)
        if mask.sum() < 1000:
            continue
        rows, cols = np.nonzero(mask)
        frame = Frame(k, int(cols.min()), int(rows.min()), int(cols.max()), int(rows.max()), view)
        # the frame on the paper has the size of the printed map container
        assert frame.scale == pytest.approx(SCALE, rel=0.02)
        assert (frame.bottom - frame.top + 1) / view["y"] == pytest.approx(SCALE, rel=0.02)
        return frame
    raise AssertionError(f"no map frame (background {MAP_BG}) on the paper of {paper.pdf.name}")


def blend(
    rgba: tuple[float, float, float, float], under: tuple[int, int, int] = MAP_BG
) -> np.ndarray:
    r, g, b, a = rgba
    return np.array([r, g, b]) * a + np.array(under) * (1 - a)


def classify(pixels: np.ndarray, colours: dict[str, np.ndarray], tol: float = 12.0) -> np.ndarray:
    """The key of the colour each pixel shows (max. channel difference ``tol``), else ''."""
    keys = list(colours)
    dist = np.stack([np.abs(pixels - colours[k]).max(axis=2) for k in keys])
    best = dist.argmin(axis=0)
    out = np.array(keys, dtype=object)[best]
    out[dist.min(axis=0) > tol] = ""
    return out


def solid(shown: np.ndarray, key: str) -> np.ndarray:
    """Pixels of colour ``key`` whose eight neighbours show it too: areas, not the
    anti-aliased fringes of lines and letters (which pass through greys)."""
    mask = shown == key
    core = mask.copy()
    core[0, :] = core[-1, :] = core[:, 0] = core[:, -1] = False
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            core[1:-1, 1:-1] &= mask[
                1 + dy : mask.shape[0] - 1 + dy, 1 + dx : mask.shape[1] - 1 + dx
            ]
    return core


def assert_clear_of_edge(shown: np.ndarray, width: int = 3) -> None:
    """No area of a feature colour in the outermost ``width`` pixels of the frame."""
    edge = np.ones(shown.shape, dtype=bool)
    edge[width:-width, width:-width] = False
    touching = {k: int(solid(shown, k)[edge].sum()) for k in set(shown.ravel().tolist()) - {""}}
    assert not any(touching.values()), touching


def nearest(pixel: np.ndarray, colours: dict[str, np.ndarray]) -> str:
    return min(colours, key=lambda k: float(np.abs(pixel - colours[k]).max()))


def legend(paper: Paper, title: str, doc: int = 0) -> dict[str, tuple[float, float, float, float]]:
    rows = paper.legends[doc].get(title)
    assert rows, (title, list(paper.legends[doc]))
    return dict(rows)


# ------------------------------------------------------------------------------ fixtures


def _box(x: float, y: float, w: float, h: float) -> shapely.Polygon:
    return shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


#: Quarters of "Druckstadt": (id, x, y, width, height in m, units, vacant) and their class,
#: hand-counted with the fixed classes 0–5 / >5–10 / >10–15 / >15–20 / >20 %.
#: A river runs between the rows (y 600–700 m).
QUARTERS = [
    ("D1", 0, 0, 500, 600, 4, 0, "0 – 5 %"),  # 0 %
    ("D2", 500, 0, 300, 600, 12, 1, "> 5 – 10 %"),  # 8,3 %
    ("D3", 800, 0, 700, 600, 8, 1, "> 10 – 15 %"),  # 12,5 %
    ("D4", 0, 700, 700, 400, 6, 1, "> 15 – 20 %"),  # 16,7 %
    ("D5", 700, 700, 400, 400, 4, 2, "> 20 %"),  # 50 %
    ("D6", 1100, 700, 400, 400, 0, 0, "keine Einheiten erfasst"),
]
#: vacant_since of the vacant units, by legend entry (survey 30.06.2025).
VACANT_SINCE = {
    "leer stehend, < 6 Monate": "2025-03-01",
    "leer stehend, 6–12 Monate": "2024-10-01",
    "leer stehend, 12–24 Monate": "2024-01-15",
    "leer stehend, > 24 Monate": "2022-01-01",
}
OCCUPIED = "genutzt"


def _context() -> gpd.GeoDataFrame:
    """City boundary around everything, the river between the rows of quarters, a road."""
    return gpd.GeoDataFrame(
        {
            "context_id": ["B", "R", "S"],
            "category": ["city_boundary", "water", "road"],
            "name": ["Druckstadt", "Druckbach", "Ringstraße"],
        },
        geometry=[
            _box(-300, -300, 2100, 1700).exterior,
            _box(-300, 600, 2100, 100),
            shapely.LineString([(X0 - 300, Y0 - 150), (X0 + 1800, Y0 - 150)]),
        ],
        crs=CRS,
    )


def make_print_city() -> tuple[gi.City, dict[str, str]]:
    """Druckstadt and the legend entry of every unit (hand-assigned statuses)."""
    quarters = gpd.GeoDataFrame(
        {"quarter_id": [q[0] for q in QUARTERS], "name": [f"Quartier {q[0]}" for q in QUARTERS]},
        geometry=[_box(x, y, w, h) for _, x, y, w, h, *_ in QUARTERS],
        crs=CRS,
    )
    rows, status_of = [], {}
    durations = list(VACANT_SINCE)
    k = 0
    for qid, x, y, _w, _h, n, vacant, _ in QUARTERS:
        cols = 4
        for i in range(n):
            # a grid in the quarter's lower half, 60 m apart: clear of its interior point
            ux = x + 60 + (i % cols) * 60
            uy = y + 60 + (i // cols) * 60
            is_vacant = i < vacant
            key = durations[k % len(durations)] if is_vacant else OCCUPIED
            k += is_vacant
            uid = f"{qid}-{i}"
            status_of[uid] = key
            rows.append(
                {
                    "unit_id": uid,
                    "survey_date": "2025-06-30",
                    "status": "vacant" if is_vacant else "occupied",
                    "floor_area_m2": 100.0,
                    "vacant_since": VACANT_SINCE[key] if is_vacant else None,
                    "x": X0 + ux,
                    "y": Y0 + uy,
                }
            )
    df = pd.DataFrame(rows)
    units = gpd.GeoDataFrame(
        df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS
    )
    for c in ("survey_date", "vacant_since"):
        units[c] = pd.to_datetime(units[c]).astype("datetime64[ns]")
    meta = {"name": "Druckstadt", "synthetic": True, "source": "Handarbeit", "as_of": "2025-06-30"}
    return gi.City(quarters=quarters, units=units, context=_context(), meta=meta), status_of


def make_land_print_city() -> gi.City:
    """Sites of every legend class and parcels in and outside a pre-emption area, by the river."""
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2", "S3", "S4", "S5"],
            "status": ["available", "available", "available", "reserved", "taken_up"],
            "restriction": ["none", "minor", "major", "none", "none"],
            "taken_up_on": pd.to_datetime([None, None, None, None, "2024-03-01"]).astype(
                "datetime64[ns]"
            ),
        },
        geometry=[
            _box(0, 0, 300, 300),
            _box(500, 0, 300, 300),
            _box(1000, 0, 300, 300),
            _box(0, 800, 400, 300),
            _box(900, 800, 400, 300),
        ],
        crs=CRS,
    )
    areas = gpd.GeoDataFrame(
        {
            "area_id": ["V1"],
            "name": ["Satzung Druckbach"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"],
        },
        geometry=[_box(0, 0, 800, 300)],
        crs=CRS,
    )
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [
                "05123401700001______",
                "05123401700002______",
                "05123401700003______",
                "05123401700004______",
            ]
        },
        # P1, P2 inside V1 (pre-empted), P3, P4 outside
        geometry=[
            _box(20, 20, 250, 250),
            _box(520, 20, 250, 250),
            _box(1000, 800, 300, 300),
            _box(0, 800, 300, 300),
        ],
        crs=CRS,
    )
    meta = {"name": "Druckstadt", "synthetic": False, "source": "Handarbeit", "as_of": "2025-06-30"}
    return gi.City(
        sites=sites, preemption_areas=areas, parcels=parcels, context=_context(), meta=meta
    )


def _quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# ------------------------------------------------------------------------------ checks


def assert_on_page(paper: Paper, rows: list[list[str]], *, margin: float, label: str) -> None:
    """Every row's first and last cell printed side by side inside the printable area.

    A row is found when the words of its last cell stand on one printed line (or, when
    that cell wraps, its last word) and a word of its first cell stands to their left
    within half a line of two-line cells (cells are centred vertically). Rows count as a
    multiset: as many printed rows as the tables have. The last cell ends left of the
    right margin.
    """
    need = Counter((r[0], r[-1]) for r in rows if len(r) > 1 and r[0] and r[-1])
    for (first, last), n in need.items():
        first_w, last_w = set(first.split()), last.split()
        found = 0
        for words, (width, _height) in zip(paper.words, paper.sizes, strict=True):
            texts = [w.text for w in words]
            ends = [
                words[i : i + len(last_w)]
                for i in range(len(words) - len(last_w) + 1)
                if texts[i : i + len(last_w)] == last_w
            ]
            ends = [s for s in ends if all(abs(_mid(w) - _mid(s[0])) <= 2 for w in s)] or [
                [w] for w in words if w.text == last_w[-1]
            ]
            for seq in ends:
                mid = _mid(seq[-1])
                if not any(
                    w.text in first_w and abs(_mid(w) - mid) <= 6 and w.x1 <= seq[0].x0
                    for w in words
                ):
                    continue
                assert seq[-1].x1 <= width - margin + 1, (label, first, last, seq[-1])
                found += 1
        assert found >= n, (label, first, last, found, n)


def _mid(w: Word) -> float:
    return (w.y0 + w.y1) / 2


# ------------------------------------------------------------------------------ map pages


def print_map(
    browser: Any,
    m: Any,
    tmp_path: Path,
    name: str,
    *,
    view: str = "",
    viewport: tuple[int, int] = (1600, 1000),
    emulate: bool = True,
) -> tuple[Paper, Frame]:
    """A map page printed on one A4 landscape sheet, and its frame on the paper."""
    path = maps.save_html(m, tmp_path / f"{name}.html")
    url = path.resolve().as_uri() + view
    paper = print_to_paper(browser, url, tmp_path / name, viewport=viewport, emulate=emulate)
    keep_paper(paper, name)
    assert len(paper.rasters) == 1
    assert paper.sizes[0] == pytest.approx((A4[1], A4[0]), abs=1)
    return paper, find_frame(paper, paper.views[0])


@pytest.fixture(scope="module")
def print_city() -> tuple[gi.City, dict[str, str]]:
    return make_print_city()


@pytest.mark.parametrize("emulate", [True, False], ids=["print-media", "from-screen"])
@pytest.mark.parametrize(
    "how", ["opened on a large screen", "zoomed into one quarter"], ids=["opened", "zoomed"]
)
def test_vacancy_map_on_paper(
    browser: Any,
    tmp_path: Path,
    print_city: tuple[gi.City, dict[str, str]],
    how: str,
    emulate: bool,
) -> None:
    city, status_of = print_city
    m = _quiet(maps.vacancy_map, city, hotspots=False)
    view, viewport = "", (1600, 1000)
    if how.startswith("zoomed"):  # the view a planner leaves behind before pressing Ctrl+P
        c = city.quarters.to_crs(4326).geometry.iloc[4].centroid
        view, viewport = f"#v=17/{c.y:.5f}/{c.x:.5f}", (1000, 700)
    name = f"vacancy_{how.split()[0]}{'' if emulate else '_from_screen'}"
    paper, frame = print_map(
        browser, m, tmp_path, name, view=view, viewport=viewport, emulate=emulate
    )
    raster = paper.rasters[0]
    classes = legend(paper, "Leerstandsquote je Quartier")
    colours = {text: blend(rgba) for text, rgba in classes.items()}
    shown = classify(frame.pixels(raster), colours)

    # (a) every class covers its share of the frame: the Web Mercator area of its quarters
    css = frame.to_css(city.quarters)
    view_box = shapely.box(0, 0, frame.view["x"], frame.view["y"])
    for text in colours:
        mine = [i for i, q in enumerate(QUARTERS) if q[7] == text]
        # the outline (1.5 px) and the solid-area test take about 2 raster px off the rim
        rim = 2 / frame.scale
        expected = sum(css.iloc[i].buffer(-rim).intersection(view_box).area for i in mine)
        expected /= view_box.area
        measured = float(solid(shown, text).mean())
        # outlines (1.5 px) and unit dots cover a little of each quarter; nothing more
        # unit dots cover up to 5 % of a quarter (12 dots on D2); nothing else may differ
        assert measured == pytest.approx(expected, rel=0.06, abs=0.001), (text, measured, expected)
    assert {q[7] for q in QUARTERS} == set(colours)

    # (b) every quarter lies inside the frame: no quarter colour on its outermost pixels
    assert_clear_of_edge(shown)

    # the colour at each quarter's interior point is its legend class
    for i, q in enumerate(QUARTERS):
        row, col = frame.to_raster(css.iloc[i])
        assert nearest(raster[row, col], colours | {"bg": np.array(MAP_BG)}) == q[7], q[0]

    # units: the status colour at each unit's position
    status_colours = {
        t: blend(c, (255, 255, 255)) for t, c in legend(paper, "Gewerbeeinheiten").items()
    }
    points = frame.to_css(city.units)
    for uid, p in zip(city.units["unit_id"], points, strict=True):
        row, col = frame.to_raster(p)
        # the dot (radius 3 px for occupied units, gi.style) may sit a raster pixel off its
        # computed centre: the status colour nearest to any pixel of the 3 x 3 window
        window = raster[row - 1 : row + 2, col - 1 : col + 2].reshape(-1, raster.shape[2])[:, :3]
        dist = {t: float(np.abs(window - c).max(axis=1).min()) for t, c in status_colours.items()}
        seen = min(dist, key=lambda t: dist[t])
        assert seen == status_of[uid], (uid, window.tolist(), seen)
        assert dist[seen] <= 30, (uid, dist)  # a unit is drawn there, not only the quarter

    # context: the river between the rows is water
    _assert_river(frame, raster, city, colours)

    # (c) the key-figure table keeps its value column on the page
    assert paper.figures[0], "no key figures printed"
    for value in paper.figures[0]:
        hits = [w for w in paper.words[0] if w.text == value.split()[0]]
        assert hits, value
        assert all(w.x1 <= paper.sizes[0][0] - MAP_MARGIN + 1 for w in hits), value
    paper.assert_screen_back()


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_land_map_on_paper(browser: Any, tmp_path: Path) -> None:
    city = make_land_print_city()
    paper, frame = print_map(browser, _quiet(maps.land_map, city), tmp_path, "land")
    raster = paper.rasters[0]
    classes = legend(paper, "Wirtschaftsflächen")
    # the filled rows (core zones and pre-emption areas are outlines: no swatch fill)
    colours = {t: blend(c) for t, c in classes.items() if c[3] > 0.3}
    expected = {
        "S1": "verfügbar, restriktionsfrei",
        "S2": "verfügbar, leichte Restriktionen",
        "S3": "verfügbar, schwere Restriktionen",
        "S4": "reserviert",
        "S5": "in Anspruch genommen",
    }
    css = frame.to_css(city.sites)
    shown = classify(frame.pixels(raster), colours, tol=14)
    for sid, geom in zip(city.sites["site_id"], css, strict=True):
        row, col = frame.to_raster(geom)
        assert nearest(raster[row, col], colours | {"bg": np.array(MAP_BG)}) == expected[sid], sid
    assert_clear_of_edge(shown)
    _assert_river(frame, raster, city, colours)
    paper.assert_screen_back()


def test_preemption_map_on_paper(browser: Any, tmp_path: Path) -> None:
    city = make_land_print_city()
    paper, frame = print_map(browser, _quiet(maps.preemption_map, city), tmp_path, "preemption")
    raster = paper.rasters[0]
    classes = legend(paper, "Vorkaufsrechtsgebiete")
    colours = {t: blend(c) for t, c in classes.items() if c[3] > 0.3}  # the filled parcels
    assert set(colours) == {"Flurstücke mit Vorkaufsrecht", "übrige Flurstücke"}
    css = frame.to_css(city.parcels)
    hit = colours["Flurstücke mit Vorkaufsrecht"]
    for pid, geom in zip(city.parcels["parcel_id"], css, strict=True):
        row, col = frame.to_raster(geom)
        inside = pid in ("05123401700001______", "05123401700002______")  # P1, P2
        seen = nearest(raster[row, col], {"hit": hit, "bg": np.array(MAP_BG)})
        assert seen == ("hit" if inside else "bg"), (pid, raster[row, col].tolist())
    # the other parcels are outlined (grey) on the paper: their outline's pixels differ from
    # the background around the interior point
    shown = classify(frame.pixels(raster), {"hit": hit}, tol=14)
    assert_clear_of_edge(shown)
    _assert_river(frame, raster, city, {"hit": hit})
    paper.assert_screen_back()


def _assert_river(
    frame: Frame, raster: np.ndarray, city: gi.City, colours: dict[str, np.ndarray]
) -> None:
    water = gi.context.style("water")
    water_colour = blend((*_hex(water["fillColor"]), water["fillOpacity"]))
    river = frame.to_css(city.context[city.context["category"] == "water"]).iloc[0]
    river = river.intersection(shapely.box(0, 0, frame.view["x"], frame.view["y"]))
    assert river.area > 0
    seen = []
    for x in np.linspace(river.bounds[0] + 20, river.bounds[2] - 20, 7):
        p = shapely.Point(x, (river.bounds[1] + river.bounds[3]) / 2)
        row, col = frame.to_raster(p)
        seen.append(
            nearest(raster[row, col], colours | {"water": water_colour, "bg": np.array(MAP_BG)})
        )
    # the boxes may cover part of the river outside the data; most of it shows
    assert seen.count("water") >= 5, seen


# ------------------------------------------------------------------------------ briefings


@pytest.fixture(scope="module")
def printed_briefings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The vacancy, land and pre-emption briefings of the Düsseldorf sample, built once."""
    out = tmp_path_factory.mktemp("print_briefings")
    notebooks = ["01_leerstand_city", "02_wirtschaftsflaechen", "03_kernzonen_vorkaufsrecht"]
    result = briefing.build(notebooks, data="duesseldorf", out=out, progress=False, timeout=300)
    assert not result.failed, [str(e) for e in result.failed]
    return {p.stem.split("_", 1)[1]: p for p in result.written if p.name != "index.html"}


@pytest.mark.parametrize(
    "notebook", ["01_leerstand_city", "02_wirtschaftsflaechen", "03_kernzonen_vorkaufsrecht"]
)
def test_briefing_tables_keep_their_columns_on_paper(
    browser: Any, tmp_path: Path, printed_briefings: dict[str, Path], notebook: str
) -> None:
    path = printed_briefings[notebook]
    paper = print_to_paper(
        browser, path.as_uri(), tmp_path / "b", viewport=(1200, 900), frames=True
    )
    keep_paper(paper, f"briefing_{notebook}")
    assert all(s == pytest.approx(A4, abs=1) for s in paper.sizes)  # A4 portrait
    assert paper.tables, "no tables"
    for k, rows in enumerate(paper.tables):
        assert_on_page(paper, rows, margin=BRIEFING_MARGIN, label=f"{notebook} table {k}")


@pytest.mark.parametrize("emulate", [True, False], ids=["print-media", "from-screen"])
def test_vacancy_briefing_map_on_paper(
    browser: Any, tmp_path: Path, printed_briefings: dict[str, Path], emulate: bool
) -> None:
    path = printed_briefings["01_leerstand_city"]
    paper = print_to_paper(
        browser, path.as_uri(), tmp_path / "m", viewport=(1200, 900), frames=True, emulate=emulate
    )
    keep_paper(paper, f"briefing_map{'' if emulate else '_from_screen'}")
    frame = find_frame(paper, paper.views[0])
    raster = paper.rasters[frame.page]
    city = gi.load_sample("duesseldorf")
    # hand-written breaks of the fixed classes; rates counted with plain geopandas
    at = city.units[city.units["survey_date"] == city.units["survey_date"].max()]
    joined = gpd.sjoin(at[["status", "geometry"]], city.quarters[["quarter_id", "geometry"]],
                       predicate="within")  # fmt: skip
    rates = joined.groupby("quarter_id")["status"].apply(lambda s: (s == "vacant").mean())
    texts = ["0 – 5 %", "> 5 – 10 %", "> 10 – 15 %", "> 15 – 20 %", "> 20 %"]
    breaks = [0.05, 0.10, 0.15, 0.20]
    klass = {q: texts[int(np.searchsorted(breaks, r, side="left"))] for q, r in rates.items()}
    colours = {t: blend(c) for t, c in legend(paper, "Leerstandsquote je Quartier").items()}
    shown = classify(frame.pixels(raster), colours)
    css = frame.to_css(city.quarters)
    view_box = shapely.box(0, 0, frame.view["x"], frame.view["y"])
    for text in colours:
        ids = [q for q, t in klass.items() if t == text]
        mask = city.quarters["quarter_id"].isin(ids).to_numpy()
        expected = sum(g.intersection(view_box).area for g in css[mask]) / view_box.area
        measured = float(solid(shown, text).mean())
        # 238 unit dots and the hot-spot rings lie on the two quarters: they cover up to 40 %
        assert expected * 0.6 - 0.002 <= measured <= expected * 1.05 + 0.002, (
            text,
            measured,
            expected,
        )
    assert_clear_of_edge(shown)
    paper.assert_screen_back()


def test_print_support_is_inlined_in_every_map() -> None:
    from importlib import resources

    from geoinnenstadt.maps import page

    assert (resources.files("geoinnenstadt.maps") / "static" / "print.js").is_file()
    city, _ = make_print_city()
    for m in (
        _quiet(maps.vacancy_map, city, hotspots=False),
        _quiet(maps.land_map, make_land_print_city()),
        _quiet(maps.preemption_map, make_land_print_city()),
    ):
        html = maps.to_html(m)
        assert html.count(page.print_js()) == 1


# ------------------------------------------------------------------------------ keep what was printed


def keep_paper(paper: Paper, name: str) -> None:
    """Nothing to keep by default; ``GI_PRINT_KEEP=dir`` copies the rasters there to look at."""
    target = os.environ.get("GI_PRINT_KEEP")
    if not target:
        return
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(paper.pdf, out / f"{name}.pdf")
    for png in sorted(paper.pdf.parent.glob(f"{paper.pdf.stem}-*.png")):
        shutil.copy(png, out / f"{name}-{png.stem.rsplit('-', 1)[1]}.png")
