"""Synthetic geography of the sample cities: boundary, districts, land use, water, rail, roads.

Used by ``sample_data/generate.py``. Every shape is **synthetic**: hand-placed
vertices at the real cities (longitude/latitude from general knowledge), densified,
smoothed and given a seeded wobble. District boundaries are Voronoi cells of seed
points at the real district centres (:func:`partition`), so the districts are an
exact partition of the city boundary. Nothing here is an official boundary.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

CRS = "EPSG:25832"
_TO_UTM = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)

LonLat = Sequence[tuple[float, float]]


def utm(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude (WGS 84) to EPSG:25832 metres."""
    x, y = _TO_UTM.transform(lon, lat)
    return float(x), float(y)


def to_xy(lonlat: LonLat) -> np.ndarray:
    """A sequence of (lon, lat) to an ``(n, 2)`` array of EPSG:25832 metres."""
    a = np.asarray(lonlat, dtype=float)
    x, y = _TO_UTM.transform(a[:, 0], a[:, 1])
    return np.column_stack([x, y])


# --------------------------------------------------------------------------- partition


def partition(
    area: shapely.Polygon,
    seeds: np.ndarray,
    labels: np.ndarray,
    *,
    cuts: Sequence[shapely.LineString] = (),
) -> dict[str, shapely.Geometry]:
    """Split ``area`` into an exact coverage: Voronoi cells of ``seeds`` merged by ``labels``.

    The Voronoi edges and the outline are noded together and polygonized, so
    neighbouring pieces share identical vertices (``shapely.coverage_is_valid``).
    ``cuts`` (lines across ``area``, e.g. a river) are noded in as well: a face
    goes to the nearest seed on the same side of every cut.
    """
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=area.buffer(1000.0))
    )
    lines = np.concatenate(
        [shapely.boundary(cells), [area.exterior], np.asarray(cuts, dtype=object)]
    )
    noded = shapely.union_all(lines)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    rep = shapely.point_on_surface(faces)
    faces = faces[shapely.contains(area, rep)]
    rep_xy = shapely.get_coordinates(shapely.point_on_surface(faces))
    d2 = ((rep_xy[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2)
    if len(cuts):
        regions = shapely.get_parts(
            shapely.polygonize(shapely.get_parts(shapely.union_all([area.exterior, *cuts])))
        )
        regions = regions[shapely.contains(area, shapely.point_on_surface(regions))]
        face_region = np.argmax(
            shapely.contains_xy(regions[:, None], rep_xy[None, :, 0], rep_xy[None, :, 1]), axis=0
        )
        seed_region = np.argmax(
            shapely.intersects_xy(regions[:, None], seeds[None, :, 0], seeds[None, :, 1]), axis=0
        )
        d2 = np.where(face_region[:, None] == seed_region[None, :], d2, np.inf)
    owner = labels[np.argmin(d2, axis=1)]
    out: dict[str, shapely.Geometry] = {}
    for lab in dict.fromkeys(labels):
        merged = shapely.coverage_union_all(faces[owner == lab])
        out[str(lab)] = shapely.normalize(merged)
    return out


# --------------------------------------------------------------------------- lines and rings


def densify(xy: np.ndarray, step: float) -> np.ndarray:
    """Vertices every ``step`` metres or less along a polyline (original vertices kept)."""
    out = [xy[:1]]
    for a, b in itertools.pairwise(xy):
        k = max(int(np.ceil(np.hypot(*(b - a)) / step)), 1)
        t = np.arange(1, k + 1)[:, None] / k
        out.append(a + (b - a) * t)
    return np.concatenate(out)


def smooth(xy: np.ndarray, iterations: int = 2) -> np.ndarray:
    """Chaikin corner cutting of an open polyline; the end points stay where they are."""
    for _ in range(iterations):
        a, b = xy[:-1], xy[1:]
        q, r = 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b
        mid = np.stack([q, r], axis=1).reshape(-1, 2)
        xy = np.concatenate([xy[:1], mid[1:-1], xy[-1:]])
    return xy


def wobble(xy: np.ndarray, rng: np.random.Generator, amp: float, step: float) -> np.ndarray:
    """Densify and move the inner vertices along the normal by smooth noise (ends fixed)."""
    d = densify(xy, step)
    n = len(d)
    if n < 3:
        return d
    noise = rng.normal(0.0, 1.0, n)
    kernel = np.exp(-0.5 * (np.arange(-6, 7) / 2.5) ** 2)
    noise = np.convolve(noise, kernel / kernel.sum(), mode="same")
    noise *= amp / max(noise.std(), 1e-9)
    taper = np.sin(np.linspace(0.0, np.pi, n))  # ends stay put
    tangent = np.gradient(d, axis=0)
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-9)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    return d + normal * (noise * taper)[:, None]


def course(lonlat: LonLat, *, step: float = 250.0) -> np.ndarray:
    """A smooth line (river, road, rail) through hand-placed (lon, lat) points, in metres."""
    return np.round(smooth(densify(to_xy(lonlat), step), 2), 2)


def ring(
    pieces: Sequence[tuple[np.ndarray, bool]], rng: np.random.Generator, amp: float
) -> shapely.Polygon:
    """A closed ring from consecutive pieces ``(xy, wobbly)``; fixed pieces are used as they are.

    Each piece starts where the previous one ended (the shared point is kept once).
    """
    parts: list[np.ndarray] = []
    for xy, wobbly in pieces:
        xy = wobble(xy, rng, amp, 400.0) if wobbly else xy
        parts.append(xy if not parts else xy[1:])
    coords = np.round(np.concatenate(parts), 2)
    poly = shapely.Polygon(coords)
    assert poly.is_valid, shapely.is_valid_reason(poly)
    return shapely.normalize(poly)


def blob(
    rng: np.random.Generator,
    x: float,
    y: float,
    rx: float,
    ry: float | None = None,
    *,
    angle_deg: float = 0.0,
    n: int = 20,
    rough: float = 0.12,
) -> shapely.Polygon:
    """A smooth, irregular oval of radii ``rx``/``ry`` metres around ``(x, y)``."""
    ry = rx if ry is None else ry
    theta = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    ph = rng.uniform(0, 2 * np.pi, 3)
    r = 1.0 + rough * (
        np.sin(2 * theta + ph[0]) * 0.5
        + np.sin(3 * theta + ph[1]) * 0.35
        + np.sin(5 * theta + ph[2]) * 0.15
    )
    u, v = r * np.cos(theta) * rx, r * np.sin(theta) * ry
    t = np.deg2rad(angle_deg)
    px = x + u * np.cos(t) - v * np.sin(t)
    py = y + u * np.sin(t) + v * np.cos(t)
    return shapely.Polygon(np.round(np.column_stack([px, py]), 2))


def polygonal(geom: shapely.Geometry | None, *, min_area: float = 200.0) -> shapely.Geometry | None:
    """The polygon parts of ``geom`` (slivers under ``min_area`` m² dropped), or None."""
    if geom is None or geom.is_empty:
        return None
    parts = [
        p
        for p in shapely.get_parts(shapely.make_valid(geom))
        if p.geom_type in ("Polygon", "MultiPolygon")
    ]
    polys = [q for p in parts for q in shapely.get_parts(p) if q.area >= min_area]
    if not polys:
        return None
    out = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    return shapely.normalize(out)


# --------------------------------------------------------------------------- site clusters


@dataclass(frozen=True)
class Cluster:
    """A commercial/industrial area where sites are placed (centre, spread in metres)."""

    name: str
    lon: float
    lat: float
    spread: float
    weight: float
    landuse: str  # GE or GI


def place_in_clusters(
    rng: np.random.Generator,
    shapes: np.ndarray,
    clusters: Sequence[Cluster],
    *,
    within: shapely.Geometry,
    avoid: shapely.Geometry,
    gap: float = 25.0,
    keep_off: tuple[float, float, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Move each shape (polygon around the origin) into a cluster; no overlaps, ``gap`` apart.

    Returns the placed polygons (same order as ``shapes``) and the cluster index of each.
    Large shapes are placed first. ``keep_off = (x, y, r)``: no site centre within ``r``.
    """
    n = len(shapes)
    w = np.array([c.weight for c in clusters])
    which = rng.choice(len(clusters), n, p=w / w.sum())
    centres = np.array([utm(c.lon, c.lat) for c in clusters])
    shapely.prepare(within)
    shapely.prepare(avoid)
    placed = np.empty(n, dtype=object)
    done: list[shapely.Geometry] = []
    for i in np.argsort(-shapely.area(shapes), kind="stable"):
        c = which[i]
        spread = clusters[c].spread
        for attempt in range(4000):
            if attempt and attempt % 300 == 0:
                spread *= 1.25
            off = rng.normal(0.0, spread, 2)
            poly = shapely.transform(shapes[i], lambda xy, o=centres[c] + off: np.round(xy + o, 2))
            if keep_off is not None:
                cx, cy = shapely.get_coordinates(poly.centroid)[0]
                if np.hypot(cx - keep_off[0], cy - keep_off[1]) < keep_off[2]:
                    continue
            if not within.contains(poly) or avoid.intersects(poly):
                continue
            if done and (shapely.distance(poly, np.asarray(done, dtype=object)) < gap).any():
                continue
            placed[i] = poly
            done.append(poly)
            break
        else:  # pragma: no cover - the generator fails loudly rather than misplace a site
            raise RuntimeError(f"could not place site {i} in cluster {clusters[c].name}")
    return placed, which


def zone_around(
    sites: Sequence[shapely.Geometry], *, margin: float = 50.0, close: float = 220.0
) -> shapely.Geometry:
    """A land-use zone around a cluster of sites: buffered, gaps closed, simplified."""
    u = shapely.union_all([shapely.buffer(s, margin, quad_segs=4) for s in sites])
    z = u.buffer(close, quad_segs=4).buffer(-close, quad_segs=4)
    return shapely.union(shapely.simplify(z, 5.0), u)


# --------------------------------------------------------------------------- the context layer


@dataclass
class ContextBuilder:
    """Collects context rows; land use is added without overlaps (first come, first kept)."""

    prefix: str
    rows: list[dict[str, object]] = field(default_factory=list)
    geoms: list[shapely.Geometry] = field(default_factory=list)
    _landuse: list[shapely.Geometry] = field(default_factory=list)
    _count: dict[str, int] = field(default_factory=dict)

    _CODES: ClassVar[dict[str, str]] = {
        "city_boundary": "B",
        "district": "D",
        "landuse": "L",
        "water": "W",
        "rail": "R",
        "road": "S",
    }

    def add(self, category: str, name: str | None, geom: shapely.Geometry, **extra: object) -> None:
        code = self._CODES[category]
        k = self._count[code] = self._count.get(code, 0) + 1
        self.rows.append(
            {
                "context_id": f"{self.prefix}-{code}{k:03d}",
                "category": category,
                "name": name,
                **extra,
            }
        )
        self.geoms.append(geom)

    def line(self, category: str, name: str, xy: np.ndarray) -> None:
        self.add(category, name, shapely.LineString(np.round(xy, 2)))

    def landuse(
        self,
        code: str,
        name: str,
        geom: shapely.Geometry | None,
        *,
        minus: shapely.Geometry | None = None,
        keep: shapely.Geometry | None = None,
        clip: shapely.Geometry | None = None,
    ) -> shapely.Geometry | None:
        """Add a land-use zone minus what is already there (and ``minus``), plus ``keep``."""
        if geom is None:
            return None
        if clip is not None:
            geom = geom.intersection(clip)
        taken = [*self._landuse, *([] if minus is None else [minus])]
        if taken:
            geom = geom.difference(shapely.union_all(taken))
        if keep is not None:
            geom = geom.union(keep)
        geom = polygonal(geom, min_area=2000.0)
        if geom is None:
            return None
        self._landuse.append(geom)
        self.add("landuse", name, geom, landuse=code)
        return geom

    def frame(self) -> gpd.GeoDataFrame:
        gdf = gpd.GeoDataFrame(self.rows, geometry=self.geoms, crs=CRS)
        if "landuse" not in gdf.columns:
            gdf["landuse"] = None
        return gdf


# --------------------------------------------------------------------------- cities


@dataclass
class Base:
    """The fixed geography of one sample city (everything but land use)."""

    boundary: shapely.Polygon
    districts: dict[str, shapely.Geometry]
    water: list[tuple[str, shapely.Geometry]]
    rail: list[tuple[str, np.ndarray]]
    road: list[tuple[str, np.ndarray]]
    parts: dict[str, str] = field(default_factory=dict)

    def obstacles(self, *, line_gap: float = 25.0, water_gap: float = 20.0) -> shapely.Geometry:
        """Water, rail and roads buffered: sites keep off them."""
        geoms = [
            g.buffer(water_gap if g.geom_type.endswith("Polygon") else line_gap)
            for _, g in self.water
        ]
        geoms += [shapely.LineString(xy).buffer(line_gap) for _, xy in [*self.rail, *self.road]]
        return shapely.union_all(geoms)

    def water_area(self) -> shapely.Geometry:
        return shapely.union_all(
            [g if g.geom_type.endswith("Polygon") else g.buffer(12.0) for _, g in self.water]
        )

    def start(self, prefix: str) -> ContextBuilder:
        ctx = ContextBuilder(prefix)
        ctx.add("city_boundary", None, self.boundary)
        for name, geom in self.districts.items():
            extra = {"parts": self.parts[name]} if self.parts else {}
            ctx.add("district", name, geom, **extra)
        for name, geom in self.water:
            ctx.add("water", name, geom)
        for name, xy in self.rail:
            ctx.line("rail", name, xy)
        for name, xy in self.road:
            ctx.line("road", name, xy)
        return ctx


def _districts(
    boundary: shapely.Polygon,
    seeds: Sequence[tuple[str, float, float]],
    cuts: Sequence[shapely.LineString] = (),
) -> dict[str, shapely.Geometry]:
    xy = to_xy([(lon, lat) for _, lon, lat in seeds])
    labels = np.array([name for name, _, _ in seeds], dtype=object)
    pieces = partition(boundary, xy, labels, cuts=cuts)
    geoms = np.array(list(pieces.values()), dtype=object)
    assert shapely.coverage_is_valid(geoms), "districts are not a valid coverage"
    assert abs(shapely.area(geoms).sum() - boundary.area) < 1.0
    return pieces


# Dortmund ------------------------------------------------------------------

DORTMUND_OUTLINE = (  # clockwise from the north-west (lon, lat)
    (7.315, 51.575),
    (7.36, 51.592),
    (7.42, 51.588),
    (7.47, 51.598),
    (7.52, 51.592),
    (7.57, 51.585),
    (7.615, 51.565),
    (7.638, 51.535),
    (7.628, 51.50),
    (7.60, 51.472),
    (7.55, 51.455),
    (7.50, 51.442),
    (7.45, 51.435),
    (7.41, 51.448),
    (7.37, 51.465),
    (7.33, 51.478),
    (7.31, 51.505),
    (7.305, 51.54),
)
DORTMUND_DISTRICT_SEEDS = (
    ("Innenstadt-West", 7.465, 51.514),
    ("Innenstadt-West", 7.440, 51.508),
    ("Innenstadt-West", 7.425, 51.500),
    ("Innenstadt-Nord", 7.458, 51.531),
    ("Innenstadt-Nord", 7.485, 51.532),
    ("Innenstadt-Ost", 7.502, 51.507),
    ("Innenstadt-Ost", 7.49, 51.495),
    ("Eving", 7.480, 51.560),
    ("Scharnhorst", 7.550, 51.552),
    ("Brackel", 7.570, 51.522),
    ("Brackel", 7.615, 51.528),
    ("Aplerbeck", 7.565, 51.482),
    ("Hörde", 7.500, 51.470),
    ("Hombruch", 7.440, 51.465),
    ("Lütgendortmund", 7.355, 51.500),
    ("Huckarde", 7.405, 51.538),
    ("Mengede", 7.365, 51.568),
)
DORTMUND_STADTBEZIRKE = (
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Eving",
    "Scharnhorst",
    "Brackel",
    "Aplerbeck",
    "Hörde",
    "Hombruch",
    "Lütgendortmund",
    "Huckarde",
    "Mengede",
)
DORTMUND_CLUSTERS = (
    Cluster("Hafen", 7.430, 51.531, 420.0, 1.4, "GI"),
    Cluster("Westfalenhütte", 7.490, 51.533, 420.0, 1.4, "GI"),
    Cluster("Phoenix-West", 7.474, 51.493, 320.0, 0.9, "GI"),
    Cluster("Dorstfeld/Oespel", 7.392, 51.500, 420.0, 1.1, "GE"),
    Cluster("Brackel/Wickede", 7.600, 51.530, 420.0, 1.1, "GE"),
    Cluster("Mengede/Ellinghausen", 7.405, 51.563, 380.0, 0.9, "GE"),
    Cluster("Aplerbeck", 7.565, 51.474, 330.0, 0.8, "GE"),
    Cluster("Eving", 7.470, 51.560, 300.0, 0.6, "GE"),
    Cluster("Hombruch", 7.425, 51.476, 300.0, 0.5, "GE"),
)


def dortmund_base(rng: np.random.Generator, city_ring: shapely.Polygon) -> Base:
    """Boundary, the 12 Stadtbezirke, Emscher, Phoenix-See, canal and Hafen, rail, roads."""
    squeezed = [(lon, 51.514 + (lat - 51.514) * 0.82) for lon, lat in DORTMUND_OUTLINE]
    outline = to_xy([*squeezed, squeezed[0]])
    boundary = ring([(outline, True)], rng, 450.0)
    districts = _districts(boundary, DORTMUND_DISTRICT_SEEDS)
    districts = {name: districts[name] for name in DORTMUND_STADTBEZIRKE}
    emscher = course(
        [
            (7.640, 51.476),
            (7.60, 51.480),
            (7.565, 51.490),
            (7.53, 51.482),
            (7.505, 51.480),
            (7.48, 51.486),
            (7.455, 51.492),
            (7.43, 51.503),
            (7.415, 51.517),
            (7.408, 51.532),
            (7.395, 51.548),
            (7.375, 51.562),
            (7.345, 51.574),
            (7.30, 51.582),
        ]
    )
    x, y = utm(7.507, 51.4865)
    phoenix_see = blob(rng, x, y, 620.0, 170.0, angle_deg=-4.0, n=24, rough=0.06)
    canal = course(
        [(7.437, 51.5335), (7.432, 51.545), (7.422, 51.56), (7.418, 51.575), (7.41, 51.60)]
    )
    hx, hy = utm(7.440, 51.529)
    hafen = shapely.Polygon(
        np.round(
            [(hx - 380, hy - 60), (hx + 420, hy - 160), (hx + 440, hy - 40), (hx - 340, hy + 70)], 2
        )
    )
    ring_road = shapely.get_coordinates(city_ring.buffer(30.0, quad_segs=4).exterior)
    return Base(
        boundary=boundary,
        districts=districts,
        water=[
            ("Emscher", shapely.LineString(emscher)),
            ("Phoenix-See", phoenix_see),
            ("Dortmund-Ems-Kanal", shapely.LineString(canal)),
            ("Hafenbecken Dortmund", hafen),
        ],
        rail=[
            (
                "Bahnstrecke Duisburg–Dortmund–Hamm",
                course(
                    [
                        (7.30, 51.503),
                        (7.36, 51.507),
                        (7.42, 51.515),
                        (7.445, 51.5205),
                        (7.465, 51.5215),
                        (7.49, 51.522),
                        (7.53, 51.525),
                        (7.58, 51.529),
                        (7.64, 51.536),
                    ]
                ),
            ),
            (
                "Bahnstrecke Dortmund–Münster",
                course(
                    [
                        (7.465, 51.5215),
                        (7.478, 51.535),
                        (7.49, 51.555),
                        (7.505, 51.575),
                        (7.52, 51.60),
                    ]
                ),
            ),
            (
                "Bahnstrecke Dortmund–Hagen",
                course(
                    [
                        (7.49, 51.522),
                        (7.495, 51.505),
                        (7.493, 51.482),
                        (7.48, 51.46),
                        (7.47, 51.435),
                    ]
                ),
            ),
        ],
        road=[
            ("Wallring", ring_road),
            (
                "B 1 / A 40",
                course(
                    [
                        (7.30, 51.497),
                        (7.36, 51.499),
                        (7.41, 51.503),
                        (7.44, 51.5055),
                        (7.47, 51.5055),
                        (7.50, 51.504),
                        (7.53, 51.506),
                        (7.56, 51.508),
                        (7.60, 51.512),
                        (7.64, 51.515),
                    ]
                ),
            ),
            (
                "B 54",
                course(
                    [
                        (7.452, 51.60),
                        (7.452, 51.57),
                        (7.448, 51.54),
                        (7.4465, 51.52),
                        (7.445, 51.50),
                        (7.44, 51.48),
                        (7.43, 51.44),
                    ]
                ),
            ),
            (
                "A 45",
                course(
                    [
                        (7.345, 51.60),
                        (7.355, 51.56),
                        (7.37, 51.525),
                        (7.39, 51.49),
                        (7.41, 51.465),
                        (7.425, 51.43),
                    ]
                ),
            ),
            (
                "A 2",
                course(
                    [
                        (7.30, 51.577),
                        (7.36, 51.575),
                        (7.42, 51.577),
                        (7.48, 51.576),
                        (7.55, 51.572),
                        (7.64, 51.565),
                    ]
                ),
            ),
        ],
    )


# Düsseldorf -----------------------------------------------------------------

DUESSELDORF_RHINE_COURSE = (  # south to north
    (6.872, 51.095),
    (6.862, 51.125),
    (6.858, 51.148),
    (6.842, 51.161),
    (6.818, 51.160),
    (6.800, 51.168),
    (6.788, 51.183),
    (6.768, 51.191),
    (6.748, 51.196),
    (6.731, 51.204),
    (6.722, 51.216),
    (6.733, 51.2245),
    (6.752, 51.2262),
    (6.764, 51.232),
    (6.7625, 51.245),
    (6.745, 51.258),
    (6.726, 51.272),
    (6.713, 51.29),
    (6.717, 51.31),
    (6.724, 51.335),
    (6.73, 51.36),
)
# the left-bank district (Stadtbezirk 4) lies between these two Rhine points
_DUS_LEFT = ((6.722, 51.216), (6.726, 51.272))
DUESSELDORF_EAST = (  # north on the Rhine, clockwise round the east to the Rhine in the south
    (6.73, 51.36),
    (6.79, 51.352),
    (6.83, 51.33),
    (6.86, 51.30),
    (6.90, 51.29),
    (6.935, 51.268),
    (6.928, 51.238),
    (6.935, 51.205),
    (6.92, 51.178),
    (6.93, 51.148),
    (6.915, 51.118),
    (6.885, 51.098),
    (6.872, 51.095),
)
DUESSELDORF_WEST = (  # from the Rhine (south) round Heerdt and Lörick to the Rhine (north)
    (6.722, 51.216),
    (6.700, 51.214),
    (6.684, 51.232),
    (6.688, 51.255),
    (6.705, 51.272),
    (6.726, 51.272),
)
DUESSELDORF_PARTS = {
    "Stadtbezirk 1": "Altstadt, Carlstadt, Stadtmitte, Pempelfort, Derendorf, Golzheim",
    "Stadtbezirk 2": "Flingern-Süd, Flingern-Nord, Düsseltal",
    "Stadtbezirk 3": "Friedrichstadt, Unterbilk, Hafen, Hamm, Volmerswerth, Bilk, Oberbilk, Flehe",
    "Stadtbezirk 4": "Oberkassel, Heerdt, Lörick, Niederkassel",
    "Stadtbezirk 5": "Stockum, Lohausen, Kaiserswerth, Wittlaer, Angermund, Kalkum",
    "Stadtbezirk 6": "Lichtenbroich, Unterrath, Rath, Mörsenbroich",
    "Stadtbezirk 7": "Gerresheim, Grafenberg, Ludenberg, Hubbelrath, Knittkuhl",
    "Stadtbezirk 8": "Eller, Lierenfeld, Vennhausen, Unterbach",
    "Stadtbezirk 9": "Wersten, Himmelgeist, Holthausen, Reisholz, Benrath, Urdenbach, Itter, Hassels",
    "Stadtbezirk 10": "Garath, Hellerhof",
}
DUESSELDORF_DISTRICT_SEEDS = (
    ("Stadtbezirk 1", 6.781, 51.2235),
    ("Stadtbezirk 1", 6.787, 51.240),
    ("Stadtbezirk 1", 6.775, 51.252),
    ("Stadtbezirk 2", 6.815, 51.234),
    ("Stadtbezirk 3", 6.772, 51.201),
    ("Stadtbezirk 3", 6.745, 51.210),
    ("Stadtbezirk 3", 6.803, 51.204),
    ("Stadtbezirk 4", 6.715, 51.240),
    ("Stadtbezirk 5", 6.745, 51.290),
    ("Stadtbezirk 5", 6.775, 51.325),
    ("Stadtbezirk 6", 6.812, 51.272),
    ("Stadtbezirk 7", 6.870, 51.240),
    ("Stadtbezirk 7", 6.910, 51.265),
    ("Stadtbezirk 8", 6.850, 51.210),
    ("Stadtbezirk 8", 6.905, 51.200),
    ("Stadtbezirk 9", 6.828, 51.180),
    ("Stadtbezirk 9", 6.875, 51.160),
    ("Stadtbezirk 10", 6.895, 51.125),
)
DUESSELDORF_CLUSTERS = (
    Cluster("Lichtenbroich", 6.822, 51.293, 380.0, 1.2, "GE"),
    Cluster("Heerdt-Nord", 6.700, 51.250, 300.0, 0.8, "GE"),
    Cluster("Flingern-Süd", 6.826, 51.222, 260.0, 0.8, "GE"),
    Cluster("Unterbach", 6.905, 51.210, 330.0, 1.0, "GE"),
    Cluster("Garath", 6.908, 51.138, 330.0, 1.0, "GE"),
    Cluster("Wersten", 6.812, 51.190, 260.0, 0.7, "GE"),
    Cluster("Gerresheim", 6.872, 51.232, 300.0, 0.8, "GE"),
)


def duesseldorf_base(rng: np.random.Generator) -> Base:
    """Boundary along the Rhine, the 10 Stadtbezirke, the Rhine, harbour basins, rail, roads."""
    rhine = course(DUESSELDORF_RHINE_COURSE, step=200.0)
    a, b = (int(np.argmin(np.hypot(*(rhine - to_xy([p])[0]).T))) for p in _DUS_LEFT)
    left_a, left_b = to_xy(_DUS_LEFT)
    rhine[a], rhine[b] = np.round(left_a, 2), np.round(left_b, 2)
    east = to_xy(DUESSELDORF_EAST)
    east[0], east[-1] = rhine[-1], rhine[0]
    west = to_xy(DUESSELDORF_WEST)
    west[0], west[-1] = rhine[a], rhine[b]
    boundary = ring(
        [(east, True), (rhine[: a + 1], False), (west, True), (rhine[b:], False)], rng, 350.0
    )
    districts = _districts(
        boundary, DUESSELDORF_DISTRICT_SEEDS, cuts=[shapely.LineString(rhine[a : b + 1])]
    )
    districts = {f"Stadtbezirk {k}": districts[f"Stadtbezirk {k}"] for k in range(1, 11)}
    river = shapely.LineString(rhine).buffer(175.0, cap_style="flat", quad_segs=4)
    river = shapely.simplify(river, 2.0)
    hx, hy = utm(6.737, 51.2205)
    basins = [
        (
            "Hafenbecken Lausward",
            shapely.Polygon(
                np.round(
                    [
                        (hx - 300, hy + 120),
                        (hx + 500, hy - 60),
                        (hx + 520, hy + 30),
                        (hx - 280, hy + 210),
                    ],
                    2,
                )
            ),
        ),
        (
            "Hafenbecken Medienhafen",
            shapely.Polygon(
                np.round(
                    [
                        (hx + 150, hy - 250),
                        (hx + 900, hy - 330),
                        (hx + 910, hy - 250),
                        (hx + 160, hy - 170),
                    ],
                    2,
                )
            ),
        ),
    ]
    return Base(
        boundary=boundary,
        districts=districts,
        parts=dict(DUESSELDORF_PARTS),
        water=[("Rhein", river), *basins],
        rail=[
            (
                "Bahnstrecke Köln–Düsseldorf–Duisburg",
                course(
                    [
                        (6.895, 51.10),
                        (6.87, 51.14),
                        (6.84, 51.168),
                        (6.815, 51.195),
                        (6.798, 51.215),
                        (6.7965, 51.235),
                        (6.80, 51.26),
                        (6.795, 51.29),
                        (6.78, 51.33),
                        (6.77, 51.36),
                    ]
                ),
            ),
            (
                "Bahnstrecke Düsseldorf–Neuss",
                course(
                    [
                        (6.798, 51.215),
                        (6.78, 51.2085),
                        (6.755, 51.2035),
                        (6.725, 51.20),
                        (6.68, 51.198),
                    ]
                ),
            ),
            (
                "Bahnstrecke Düsseldorf–Wuppertal",
                course(
                    [
                        (6.7965, 51.222),
                        (6.83, 51.226),
                        (6.87, 51.228),
                        (6.90, 51.232),
                        (6.94, 51.236),
                    ]
                ),
            ),
        ],
        road=[
            (
                "A 46",
                course(
                    [
                        (6.68, 51.185),
                        (6.74, 51.184),
                        (6.78, 51.186),
                        (6.82, 51.188),
                        (6.86, 51.192),
                        (6.90, 51.198),
                        (6.945, 51.20),
                    ]
                ),
            ),
            (
                "A 52",
                course(
                    [
                        (6.68, 51.262),
                        (6.73, 51.268),
                        (6.78, 51.278),
                        (6.84, 51.283),
                        (6.90, 51.286),
                        (6.945, 51.29),
                    ]
                ),
            ),
            (
                "B 1 / Rheinkniebrücke",
                course(
                    [
                        (6.685, 51.222),
                        (6.73, 51.2225),
                        (6.757, 51.2222),
                        (6.775, 51.2165),
                        (6.80, 51.2125),
                        (6.84, 51.2075),
                        (6.88, 51.205),
                        (6.94, 51.2025),
                    ]
                ),
            ),
            (
                "B 8",
                course(
                    [(6.79, 51.245), (6.775, 51.265), (6.76, 51.29), (6.755, 51.32), (6.76, 51.355)]
                ),
            ),
            (
                "A 3",
                course(
                    [
                        (6.925, 51.10),
                        (6.918, 51.15),
                        (6.915, 51.20),
                        (6.905, 51.25),
                        (6.895, 51.30),
                        (6.88, 51.35),
                    ]
                ),
            ),
        ],
    )


# Dorsten --------------------------------------------------------------------

DORSTEN_OUTLINE = (
    (6.862, 51.700),
    (6.878, 51.745),
    (6.93, 51.772),
    (6.99, 51.780),
    (7.05, 51.772),
    (7.10, 51.752),
    (7.125, 51.718),
    (7.118, 51.680),
    (7.095, 51.650),
    (7.05, 51.630),
    (7.00, 51.627),
    (6.955, 51.624),
    (6.905, 51.632),
    (6.872, 51.655),
)
DORSTEN_STADTTEILE = (
    "Altstadt",
    "Feldmark",
    "Hardt",
    "Hervest",
    "Holsterhausen",
    "Östrich",
    "Wulfen",
    "Lembeck",
    "Rhade",
    "Deuten",
    "Altendorf-Ulfkotte",
)
DORSTEN_DISTRICT_SEEDS = (
    ("Altstadt", 6.965, 51.661),
    ("Feldmark", 6.988, 51.652),
    ("Feldmark", 6.972, 51.637),
    ("Hardt", 6.955, 51.676),
    ("Hervest", 6.992, 51.684),
    ("Holsterhausen", 6.922, 51.676),
    ("Östrich", 6.932, 51.645),
    ("Wulfen", 7.022, 51.722),
    ("Lembeck", 6.99, 51.757),
    ("Rhade", 6.915, 51.742),
    ("Deuten", 7.078, 51.705),
    ("Altendorf-Ulfkotte", 7.04, 51.648),
)
DORSTEN_CLUSTERS = (
    Cluster("Dorsten-Ost/Marler Straße", 7.008, 51.656, 300.0, 1.0, "GE"),
    Cluster("Wulfen", 7.040, 51.712, 280.0, 1.0, "GE"),
    Cluster("Hervest", 6.985, 51.680, 220.0, 1.0, "GI"),
)


def dorsten_base(rng: np.random.Generator) -> Base:
    """Boundary, the 11 Stadtteile, Lippe and Wesel-Datteln-Kanal, rail, roads."""
    outline = to_xy([*DORSTEN_OUTLINE, DORSTEN_OUTLINE[0]])
    boundary = ring([(outline, True)], rng, 350.0)
    districts = _districts(boundary, DORSTEN_DISTRICT_SEEDS)
    districts = {name: districts[name] for name in DORSTEN_STADTTEILE}
    lippe = course(
        [
            (7.13, 51.676),
            (7.09, 51.671),
            (7.05, 51.664),
            (7.01, 51.667),
            (6.985, 51.6685),
            (6.965, 51.6672),
            (6.94, 51.6665),
            (6.91, 51.664),
            (6.88, 51.661),
            (6.85, 51.658),
        ]
    )
    canal = course(
        [
            (7.13, 51.668),
            (7.09, 51.665),
            (7.05, 51.660),
            (7.01, 51.6635),
            (6.985, 51.6645),
            (6.965, 51.6642),
            (6.94, 51.663),
            (6.91, 51.6605),
            (6.88, 51.657),
            (6.85, 51.653),
        ]
    )
    return Base(
        boundary=boundary,
        districts=districts,
        water=[
            ("Lippe", shapely.LineString(lippe).buffer(20.0, cap_style="flat", quad_segs=2)),
            ("Wesel-Datteln-Kanal", shapely.LineString(canal)),
        ],
        rail=[
            (
                "Bahnstrecke Gelsenkirchen-Buer–Dorsten–Borken",
                course(
                    [
                        (7.02, 51.62),
                        (6.99, 51.645),
                        (6.975, 51.655),
                        (6.974, 51.668),
                        (6.955, 51.68),
                        (6.93, 51.70),
                        (6.90, 51.725),
                        (6.86, 51.745),
                    ]
                ),
            ),
            (
                "Bahnstrecke Dorsten–Coesfeld",
                course(
                    [
                        (6.974, 51.668),
                        (6.985, 51.695),
                        (7.02, 51.718),
                        (7.05, 51.745),
                        (7.07, 51.78),
                    ]
                ),
            ),
            (
                "Bahnstrecke Oberhausen–Dorsten",
                course([(6.86, 51.635), (6.90, 51.645), (6.94, 51.651), (6.975, 51.655)]),
            ),
        ],
        road=[
            (
                "A 31",
                course(
                    [(6.905, 51.62), (6.915, 51.66), (6.905, 51.70), (6.90, 51.74), (6.905, 51.78)]
                ),
            ),
            (
                "B 224",
                course(
                    [
                        (6.985, 51.62),
                        (6.978, 51.645),
                        (6.975, 51.658),
                        (6.978, 51.672),
                        (6.97, 51.70),
                        (6.955, 51.74),
                        (6.95, 51.78),
                    ]
                ),
            ),
            (
                "B 58",
                course(
                    [
                        (6.855, 51.650),
                        (6.90, 51.655),
                        (6.945, 51.6545),
                        (6.975, 51.6535),
                        (7.03, 51.651),
                        (7.08, 51.655),
                        (7.125, 51.662),
                    ]
                ),
            ),
        ],
    )
