"""Generate the synthetic sample cities of geoinnenstadt.

Writes ``dortmund.gpkg``, ``duesseldorf.gpkg`` and ``dorsten.gpkg`` next to
this script (or into ``--out DIR``), and beside each a synthetic XPlanGML 6.0
F-Plan excerpt of its land use (``<name>_fnp.gml``, ``sample_data/xplan.py``). Everything is drawn from
``numpy.random.default_rng`` with fixed seeds, so a second run gives the same
data. The data are **synthetic**: placed plausibly at the real cities, but no
quarter boundary, unit, site, parcel or owner is real.

Run from the repository root::

    .venv/bin/python sample_data/generate.py            # or: make samples
    .venv/bin/python sample_data/generate.py --out /tmp/samples --only dorsten

All layers are built in EPSG:25832 (ETRS89 / UTM 32N) with vectorised
shapely 2 operations, conformed to the schema
(:func:`geoinnenstadt.schema.conform`), validated (no errors allowed) and
written with ``geoinnenstadt.write_city(city, path, personal=True)`` so the
synthetic owner names stay in the file for privacy tests.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(ROOT))

import geoinnenstadt as gi  # noqa: E402
from geoinnenstadt.schema import conform  # noqa: E402
from sample_data import geography  # noqa: E402
from sample_data.counters import CounterSpec, make_counts  # noqa: E402
from sample_data.geography import partition  # noqa: E402
from sample_data.xplan import write_fplan  # noqa: E402

GENERATOR = "sample_data/generate.py"
GENERATOR_VERSION = "2.2"
CRS = "EPSG:25832"
SEEDS: dict[str, int] = {"dortmund": 20220630, "duesseldorf": 20110411, "dorsten": 46282}
SURVEY_DATES = pd.DatetimeIndex(
    ["2022-06-30", "2023-06-30", "2024-06-30", "2025-06-30"], dtype="datetime64[ns]"
)
AS_OF = "2025-06-30"
SOURCE = "Synthetische Beispieldaten, erzeugt mit sample_data/generate.py – keine amtlichen Daten"
LICENSE = "CC0-1.0"
PROFILE = "illustrativ, nicht amtlich"
QUARTER_NOTE = (
    "Die Quartiersgrenzen sind illustrativ (synthetisch) und entsprechen nicht den "
    "amtlichen Abgrenzungen."
)
USES_NOTE = (
    "Nutzungen synthetisch; Filialmarken (brand) sind fiktiv und bezeichnen kein reales "
    "Unternehmen."
)
FOOTFALL_NOTE = (
    "Passantenzählungen synthetisch (sample_data/counters.py): keine Messwerte, nur "
    "plausible Größenordnungen und Muster."
)
LEGAL_BASIS = "§ 25 Abs. 1 Satz 1 Nr. 2 BauGB"

_TO_UTM = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)


# --------------------------------------------------------------------------- geometry helpers


def utm(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude (WGS 84) to EPSG:25832 metres."""
    x, y = _TO_UTM.transform(lon, lat)
    return float(x), float(y)


@dataclass(frozen=True)
class Frame:
    """A local frame: normalised ``(u, v)`` scaled by ``(ax, ay)`` metres around a centre."""

    x0: float
    y0: float
    ax: float
    ay: float
    angle_deg: float = 0.0

    @classmethod
    def at(cls, lon: float, lat: float, ax: float, ay: float, angle_deg: float = 0.0) -> Frame:
        x0, y0 = utm(lon, lat)
        return cls(x0, y0, ax, ay, angle_deg)

    def xy(self, uv: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        a = np.asarray(uv, dtype=float)
        u, v = a[..., 0] * self.ax, a[..., 1] * self.ay
        t = np.deg2rad(self.angle_deg)
        x = self.x0 + u * np.cos(t) - v * np.sin(t)
        y = self.y0 + u * np.sin(t) + v * np.cos(t)
        return np.stack([x, y], axis=-1)


def wobbly_oval(frame: Frame, rng: np.random.Generator, n: int = 96) -> shapely.Polygon:
    """An oval ring polygon (e.g. a Wallring) with a gentle, seeded wobble."""
    theta = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    ph = rng.uniform(0, 2 * np.pi, 2)
    r = 1.0 + 0.035 * np.sin(3 * theta + ph[0]) + 0.025 * np.sin(5 * theta + ph[1])
    uv = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    xy = np.round(frame.xy(uv), 2)
    return shapely.Polygon(xy)


def quad_polygons(
    rng: np.random.Generator,
    cx: np.ndarray,
    cy: np.ndarray,
    area_m2: np.ndarray,
    *,
    aspect: tuple[float, float] = (1.0, 2.2),
    jitter: float = 0.12,
) -> np.ndarray:
    """Rotated, slightly irregular quadrilaterals with exactly the requested areas."""
    n = len(cx)
    asp = rng.uniform(*aspect, n)
    base = np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
    pts = base[None, :, :] * np.stack([asp, np.ones(n)], axis=1)[:, None, :]
    pts = pts + rng.uniform(-jitter, jitter, (n, 4, 2)) * 2
    ang = rng.uniform(0, np.pi, n)
    c, s = np.cos(ang)[:, None], np.sin(ang)[:, None]
    x = pts[..., 0] * c - pts[..., 1] * s
    y = pts[..., 0] * s + pts[..., 1] * c
    shoelace = 0.5 * np.abs((x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y).sum(axis=1))
    k = np.sqrt(area_m2 / shoelace)[:, None]
    ring = np.stack([cx[:, None] + x * k, cy[:, None] + y * k], axis=-1)
    ring = np.concatenate([ring, ring[:, :1, :]], axis=1)
    return shapely.polygons(ring)


def polygon_of_area(
    rng: np.random.Generator, x: float, y: float, area_m2: float, n: int = 14
) -> shapely.Polygon:
    """An irregular, star-shaped polygon of exactly ``area_m2`` around ``(x, y)``."""
    theta = np.sort(rng.uniform(0, 2 * np.pi, n))
    stretch = rng.uniform(1.0, 1.8)
    rot = rng.uniform(0, np.pi)
    r = rng.uniform(0.75, 1.0, n)
    u, v = r * np.cos(theta) * stretch, r * np.sin(theta)
    px = u * np.cos(rot) - v * np.sin(rot)
    py = u * np.sin(rot) + v * np.cos(rot)
    poly = shapely.convex_hull(shapely.multipoints(np.column_stack([px, py])))
    k = np.sqrt(area_m2 / poly.area)
    xy = shapely.get_coordinates(poly.exterior) * k + [x, y]
    return shapely.Polygon(np.round(xy, 2))


def random_points_in(rng: np.random.Generator, geom: shapely.Geometry, n: int) -> np.ndarray:
    """``n`` uniform random points (x, y) inside ``geom`` (rejection sampling)."""
    minx, miny, maxx, maxy = geom.bounds
    out: list[np.ndarray] = []
    got = 0
    while got < n:
        xy = rng.uniform([minx, miny], [maxx, maxy], (max(4 * n, 64), 2))
        keep = xy[shapely.contains_xy(geom, xy[:, 0], xy[:, 1])]
        out.append(keep)
        got += len(keep)
    return np.concatenate(out)[:n]


def exact_sizes(
    rng: np.random.Generator, n: int, total: float, *, median: float, lo: float, hi: float
) -> np.ndarray:
    """``n`` lognormal sizes within ``[lo, hi]`` that add up to ``total`` (rounded to 0.01)."""
    x = rng.lognormal(np.log(median), 0.65, n)
    for _ in range(50):
        x = np.clip(x * total / x.sum(), lo, hi)
    x = np.round(x, 2)
    x[np.argmax(x)] += round(total - x.sum(), 2)
    return x


def place_near(
    rng: np.random.Generator, targets: np.ndarray, gaps: np.ndarray, sizes: np.ndarray
) -> np.ndarray:
    """Rectangles of ``sizes`` (m²) placed ``gaps`` metres from each target polygon."""
    n = len(targets)
    theta = rng.uniform(0, 2 * np.pi, n)
    d = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    c = shapely.get_coordinates(shapely.centroid(targets))
    dist = np.sqrt(shapely.area(targets) / np.pi) + gaps + np.sqrt(sizes / np.pi)
    shape = shapely.get_coordinates(
        quad_polygons(rng, np.zeros(n), np.zeros(n), sizes, aspect=(1.0, 1.8), jitter=0.05)
    ).reshape(n, 5, 2)
    for _ in range(6):  # move each shape along its direction until the gap fits
        xy = c + d * dist[:, None]
        polys = shapely.polygons(shape + xy[:, None, :])
        dist = dist + (gaps - shapely.distance(targets, polys))
    return polys


# --------------------------------------------------------------------------- quarters


def make_quarters(
    frame: Frame,
    outline: shapely.Polygon,
    spec: Sequence[tuple[str, str, Sequence[tuple[float, float]]]],
    city: str,
    district: str | None = None,
) -> gpd.GeoDataFrame:
    """Quarters ``(quarter_id, name, seed points in frame units)`` partitioning ``outline``."""
    seeds = np.concatenate([frame.xy(pts) for _, _, pts in spec])
    labels = np.concatenate([[qid] * len(pts) for qid, _, pts in spec])
    pieces = partition(outline, seeds, labels)
    gdf = gpd.GeoDataFrame(
        {
            "quarter_id": [qid for qid, _, _ in spec],
            "name": [name for _, name, _ in spec],
            "city": city,
            "profile": PROFILE,
        },
        geometry=[pieces[qid] for qid, _, _ in spec],
        crs=CRS,
    )
    if district is not None:
        gdf["district"] = district
    geoms = gdf.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms), f"{city}: quarters are not a valid coverage"
    assert all(g.geom_type == "Polygon" for g in geoms), f"{city}: a quarter is not one polygon"
    assert abs(shapely.union_all(geoms).area - outline.area) < 1.0
    return gdf


# --------------------------------------------------------------------------- units panel


@dataclass(frozen=True)
class Street:
    name: str
    uv: tuple[tuple[float, float], ...]
    location_class: str
    weight: float


@dataclass(frozen=True)
class UnitsSpec:
    prefix: str
    n_units: int
    new_units: tuple[int, int, int, int]
    streets: tuple[Street, ...]
    background_share: float
    target_vacancy: float
    quarter_effect: dict[str, float]
    hot_spots: tuple[tuple[float, float, float, float], ...]  # u, v, amplitude (logit), sigma (m)
    fund: str | None
    fund_share: float
    year_factor: tuple[float, float, float, float]
    owners: int


_COMPANY_STEMS = (
    "Muster",
    "Beispiel",
    "Exempel",
    "Platzhalter",
    "Fiktiv",
    "Probe",
    "Demo",
    "Attrappe",
    "Testfeld",
    "Schablone",
    "Vorlage",
    "Modell",
)
_COMPANY_FORMS = (
    "Immobilien GmbH",
    "Grundbesitz KG",
    "Vermögensverwaltung GbR",
    "Real Estate GmbH & Co. KG",
    "Objektgesellschaft mbH",
    "Hausverwaltung e. K.",
)
_GIVEN = (
    "Erika",
    "Max",
    "Jürgen",
    "Anna",
    "Özlem",
    "Sören",
    "Brigitte",
    "Mehmet",
    "Käthe",
    "Lukas",
    "Zoë",
    "Günther",
)
_SURNAMES = (
    "Mustermann",
    "Musterfrau",
    "Beispiel",
    "Platzhalter",
    "Exempel",
    "Probemann",
    "Fiktiv",
    "Musterhaus",
)


def fake_owners(rng: np.random.Generator, n: int) -> tuple[list[str], list[str | None]]:
    """Obviously fake owner names and ``example.invalid`` contacts."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        kind = rng.random()
        if kind < 0.5:
            name = f"{rng.choice(_COMPANY_STEMS)} {rng.choice(_COMPANY_FORMS)}"
        elif kind < 0.9:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"
        else:
            name = f"Erbengemeinschaft {rng.choice(_SURNAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    contacts: list[str | None] = [
        None if rng.random() < 0.08 else f"eigentuemer-{i + 1:03d}@example.invalid"
        for i in range(n)
    ]
    return names, contacts


def _street_lines(frame: Frame, streets: Sequence[Street]) -> np.ndarray:
    return np.array(
        [shapely.LineString(np.round(frame.xy(s.uv), 2)) for s in streets], dtype=object
    )


def place_units(
    rng: np.random.Generator,
    frame: Frame,
    quarters: gpd.GeoDataFrame,
    spec: UnitsSpec,
    n: int,
) -> pd.DataFrame:
    """Unit locations along the streets (and some in between), strictly inside one quarter."""
    lines = _street_lines(frame, spec.streets)
    lengths = shapely.length(lines)
    w = np.array([s.weight for s in spec.streets]) * lengths
    outline = shapely.coverage_union_all(quarters.geometry.to_numpy())
    edges = shapely.union_all(shapely.boundary(quarters.geometry.to_numpy()))
    m = 4 * n
    idx = rng.choice(len(lines), size=m, p=w / w.sum())
    t = rng.random(m) * lengths[idx]
    base = shapely.get_coordinates(shapely.line_interpolate_point(lines[idx], t))
    ahead = shapely.get_coordinates(
        shapely.line_interpolate_point(lines[idx], np.minimum(t + 1, lengths[idx]))
    )
    back = shapely.get_coordinates(shapely.line_interpolate_point(lines[idx], np.maximum(t - 1, 0)))
    tangent = ahead - back
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    side = rng.choice([-1.0, 1.0], m)
    xy = base + normal * (side * rng.uniform(7, 16, m))[:, None] + rng.normal(0, 1.5, (m, 2))
    on_street = np.ones(m, dtype=bool)

    bg = rng.random(m) < spec.background_share
    nb = int(bg.sum())
    xy[bg] = random_points_in(rng, outline, nb)
    on_street[bg] = False
    pts = shapely.points(xy)
    dist_all = shapely.distance(pts[bg][:, None], lines[None, :])
    idx[bg] = np.argmin(dist_all, axis=1)
    t[bg] = shapely.line_locate_point(lines[idx[bg]], pts[bg])
    # side of the street: sign of the cross product with the street direction
    base = shapely.get_coordinates(shapely.line_interpolate_point(lines[idx], t))
    ahead = shapely.get_coordinates(
        shapely.line_interpolate_point(lines[idx], np.minimum(t + 1, lengths[idx]))
    )
    back = shapely.get_coordinates(shapely.line_interpolate_point(lines[idx], np.maximum(t - 1, 0)))
    tangent = ahead - back
    rel = xy - base
    side = np.where(tangent[:, 0] * rel[:, 1] - tangent[:, 1] * rel[:, 0] >= 0, 1, -1)
    street_dist = shapely.distance(pts, lines[idx])

    xy = np.round(xy, 2)
    pts = shapely.points(xy)
    ok = shapely.contains_xy(outline, xy[:, 0], xy[:, 1]) & ~shapely.dwithin(pts, edges, 3.0)
    keep = np.flatnonzero(ok)[:n]
    assert len(keep) == n, "not enough unit locations inside the quarters"
    cls = np.array([spec.streets[i].location_class for i in idx[keep]], dtype=object)
    cls[(~on_street[keep]) & (street_dist[keep] > 25)] = "2"
    number = 2 * np.floor(t[keep] / 15).astype(int) + np.where(side[keep] > 0, 1, 2)
    address = [f"{spec.streets[i].name} {k}" for i, k in zip(idx[keep], number, strict=True)]
    qid = np.full(n, "", dtype=object)
    for q, g in zip(quarters["quarter_id"], quarters.geometry, strict=True):
        qid[shapely.contains_xy(g, xy[keep, 0], xy[keep, 1])] = q
    assert (qid != "").all()
    return pd.DataFrame(
        {
            "x": xy[keep, 0],
            "y": xy[keep, 1],
            "address": address,
            "location_class": cls,
            "quarter_id": qid,
        }
    )


def make_footfall(
    rng: np.random.Generator, frame: Frame, streets: Sequence[Street], specs: Sequence[CounterSpec]
) -> gi.footfall.Footfall:
    """Synthetic counters on the named streets with two years of hourly counts (2023, 2024)."""
    by_name = {s.name: s for s in streets}
    lines = _street_lines(frame, [by_name[c.street] for c in specs])
    points = shapely.line_interpolate_point(lines, [c.at for c in specs], normalized=True)
    counters = gpd.GeoDataFrame(
        {"counter_id": [c.counter_id for c in specs], "name": [c.name for c in specs]},
        geometry=shapely.points(np.round(shapely.get_coordinates(points), 2)),
        crs=CRS,
    )
    counts = make_counts(rng, specs)
    return gi.footfall.from_counts(counts, counters, warn=False)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _random_dates(rng: np.random.Generator, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Random dates in ``(start, end]`` (datetime64[ns], whole days)."""
    days = ((end - start) / np.timedelta64(1, "D")).astype(int)
    off = rng.integers(1, np.maximum(days, 1) + 1)
    return (start + off.astype("timedelta64[D]")).astype("datetime64[ns]")


def make_units(
    rng: np.random.Generator, frame: Frame, quarters: gpd.GeoDataFrame, spec: UnitsSpec
) -> gpd.GeoDataFrame:
    """A panel of commercial units over the four surveys (Leerstandserhebungen)."""
    n_total = spec.n_units + sum(spec.new_units)
    loc = place_units(rng, frame, quarters, spec, n_total)
    first = np.repeat(np.arange(4), [spec.n_units, *spec.new_units[1:]])

    cls = loc["location_class"].to_numpy()
    ground = rng.random(n_total) < np.select([cls == "1a", cls == "1b"], [0.85, 0.78], 0.62)
    median = np.select([cls == "1a", cls == "1b"], [230.0, 140.0], 85.0)
    median = np.where(ground, median, 190.0)
    area = np.clip(rng.lognormal(np.log(median), 0.75), 40, 2000)
    area = np.round(area * 2) / 2
    use_ground = rng.choice(
        ["retail", "gastronomy", "services", "other"], n_total, p=[0.52, 0.2, 0.2, 0.08]
    )
    use_upper = rng.choice(["office", "services", "other"], n_total, p=[0.6, 0.3, 0.1])
    base_use = np.where(ground, use_ground, use_upper).astype(object)

    # vacancy propensity: quarter effect + location class + spatial hot spots + noise
    xy = loc[["x", "y"]].to_numpy()
    z = np.array([spec.quarter_effect.get(q, 0.0) for q in loc["quarter_id"]])
    z += np.select([cls == "1a", cls == "1b"], [-0.6, 0.0], 0.35)
    z += np.where(ground, 0.0, 0.25)
    for u, v, amp, sigma in spec.hot_spots:
        c = frame.xy([u, v])
        z += amp * np.exp(-((xy - c) ** 2).sum(axis=1) / (2 * sigma**2))
    z += rng.normal(0, 0.45, n_total)
    lo, hi = -10.0, 10.0
    for _ in range(60):  # intercept so that the mean propensity hits the target
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _sigmoid(z + mid).mean() < spec.target_vacancy else (lo, mid)
    pi = _sigmoid(z + lo)
    r_short, r_long = 0.5, 0.28
    q = np.clip(pi * 0.42 / (1 - pi), 0, 0.9)

    dates = SURVEY_DATES.to_numpy()
    vacant = np.zeros(n_total, dtype=bool)
    since = np.full(n_total, np.datetime64("NaT"), dtype="datetime64[ns]")
    cur_use = base_use.copy()
    prev_use = np.full(n_total, None, dtype=object)
    fund_left = np.zeros(n_total, dtype=int)
    eligible = ground & (area <= 300)
    rows = []
    for k, d in enumerate(dates):
        active = first <= k
        new = first == k
        if k == 0:
            vacant = new & (rng.random(n_total) < pi)
            dur = np.clip(np.round(rng.gamma(1.25, 360.0, n_total)), 14, 2900).astype(int)
            since = np.where(vacant, d - dur.astype("timedelta64[D]"), np.datetime64("NaT")).astype(
                "datetime64[ns]"
            )
            prev_use = np.where(vacant, base_use, None).astype(object)
        else:
            old = active & ~new
            prev_d = np.full(n_total, dates[k - 1])
            duration = (dates[k - 1] - since) / np.timedelta64(1, "D")
            r = np.where(duration < 365, r_short, r_long)
            u = rng.random(n_total)
            becomes_vacant = old & ~vacant & (u < q * spec.year_factor[k])
            relet = old & vacant & (u < r)
            fund_left = np.maximum(fund_left - 1, 0)
            # newly vacant
            prev_use = np.where(becomes_vacant, cur_use, prev_use).astype(object)
            since = np.where(becomes_vacant, _random_dates(rng, prev_d, np.full(n_total, d)), since)
            fund_left = np.where(becomes_vacant, 0, fund_left)
            # re-let, some through the fund (ground floor, ≤ 300 m²)
            change = rng.random(n_total) < 0.45
            new_use = np.where(
                ground,
                rng.choice(
                    ["retail", "gastronomy", "services", "other"], n_total, p=[0.35, 0.3, 0.25, 0.1]
                ),
                rng.choice(["office", "services", "other"], n_total, p=[0.55, 0.35, 0.1]),
            )
            cur_use = np.where(relet, np.where(change, new_use, prev_use), cur_use).astype(object)
            via_fund = (
                relet & eligible & (rng.random(n_total) < spec.fund_share) & (spec.fund is not None)
            )
            fund_left = np.where(via_fund, 2, fund_left)  # at most two surveys (≤ 24 months)
            since = np.where(relet, np.datetime64("NaT"), since).astype("datetime64[ns]")
            vacant = (vacant & ~relet) | becomes_vacant
            # units that appear in this survey (new buildings, divided shops)
            new_vacant = new & (rng.random(n_total) < 0.35)
            vacant = vacant | new_vacant
            since = np.where(new_vacant, _random_dates(rng, prev_d, np.full(n_total, d)), since)
        for i in np.flatnonzero(active):
            rows.append(
                (
                    i,
                    d,
                    "vacant" if vacant[i] else "occupied",
                    None if vacant[i] else cur_use[i],
                    since[i] if vacant[i] else np.datetime64("NaT"),
                    prev_use[i],
                    spec.fund if (fund_left[i] > 0 and not vacant[i]) else None,
                )
            )
    panel = pd.DataFrame(
        rows, columns=["i", "survey_date", "status", "use", "vacant_since", "previous_use", "fund"]
    )

    owners, contacts = fake_owners(rng, spec.owners)
    weights = 1.0 / np.arange(1, spec.owners + 1) ** 0.8
    building_owner = {}
    addr = loc["address"].to_numpy()
    owner_of = np.empty(n_total, dtype=int)
    for i, a in enumerate(addr):
        if a not in building_owner:
            building_owner[a] = int(rng.choice(spec.owners, p=weights / weights.sum()))
        owner_of[i] = building_owner[a]

    i = panel["i"].to_numpy()
    gdf = gpd.GeoDataFrame(
        {
            "unit_id": [f"{spec.prefix}-{k + 1:04d}" for k in i],
            "survey_date": panel["survey_date"].to_numpy(),
            "status": panel["status"].to_numpy(),
            "floor_area_m2": area[i],
            "address": addr[i],
            "ground_floor": ground[i],
            "use": panel["use"].to_numpy(),
            "vacant_since": panel["vacant_since"].to_numpy(),
            "previous_use": panel["previous_use"].to_numpy(),
            "location_class": cls[i],
            "fund": panel["fund"].to_numpy(),
            "owner_name": [owners[o] for o in owner_of[i]],
            "owner_contact": [contacts[o] for o in owner_of[i]],
        },
        geometry=shapely.points(xy[i]),
        crs=CRS,
    )
    if spec.fund is None:
        gdf = gdf.drop(columns="fund")
    return gdf.sort_values(["unit_id", "survey_date"], ignore_index=True)


# --------------------------------------------------------------------------- uses and brands

#: Retail leaves (gi.uses codes) and their weights by location class: fashion and shoes on
#: the 1a streets, daily needs and specialist shops in the side streets.
_RETAIL_LEAVES: dict[str, dict[str, float]] = {
    "1a": {
        "retail_medium.clothing": 0.34, "retail_medium.shoes": 0.1, "retail_short.drugstore": 0.07,
        "retail_short.food": 0.07, "retail_long.jewellery": 0.07, "retail_long.optician": 0.06,
        "retail_long.electronics": 0.06, "retail_medium.books": 0.04, "retail_medium.sport": 0.05,
        "retail_medium.toys": 0.03, "retail_medium.household": 0.05, "retail_short.pharmacy": 0.03,
        "retail_short.newspapers": 0.02, "retail_other.unspecified": 0.01,
    },
    "1b": {
        "retail_medium.clothing": 0.22, "retail_medium.shoes": 0.06, "retail_short.food": 0.12,
        "retail_short.drugstore": 0.05, "retail_short.pharmacy": 0.06, "retail_long.optician": 0.06,
        "retail_long.jewellery": 0.05, "retail_medium.books": 0.05, "retail_medium.household": 0.07,
        "retail_long.electronics": 0.05, "retail_medium.sport": 0.04, "retail_short.flowers": 0.04,
        "retail_short.newspapers": 0.04, "retail_long.furniture": 0.03, "retail_other.second_hand": 0.03,
        "retail_other.unspecified": 0.03,
    },
    "2": {
        "retail_short.food": 0.2, "retail_short.flowers": 0.07, "retail_short.newspapers": 0.07,
        "retail_short.pharmacy": 0.07, "retail_medium.clothing": 0.12, "retail_medium.household": 0.07,
        "retail_long.furniture": 0.07, "retail_other.second_hand": 0.09, "retail_long.diy": 0.04,
        "retail_long.optician": 0.04, "retail_medium.books": 0.04, "retail_long.electronics": 0.04,
        "retail_other.unspecified": 0.08,
    },
}  # fmt: skip
#: ``other`` units: health (practices), culture and leisure, the rest stays Sonstiges.
_OTHER_SPLIT = {"health": 0.4, "culture_leisure": 0.3, "other": 0.3}
#: Fictitious chain names per use (no real company): the samples must not suggest that a
#: real chain has or leaves a shop at a synthetic address.
_BRANDS: dict[str, tuple[str, ...]] = {
    "retail_medium.clothing": ("Modehaus Nordlicht", "Kleidwerk", "Trendfaden", "Stoffwechsel Moden"),
    "retail_medium.shoes": ("Schuhwerk", "Laufsteg Schuhe"),
    "retail_short.drugstore": ("Drogerie Flink", "Pflegepunkt"),
    "retail_short.food": ("Frischemarkt Kornblume", "Backstube Morgenrot"),
    "retail_long.jewellery": ("Goldfaden Juweliere",),
    "retail_long.optician": ("Klarsicht Optik", "Brillenwelt Scharf"),
    "retail_long.electronics": ("Technikhaus Volt", "Funkturm Mobil"),
    "retail_medium.books": ("Lesezeichen Buchhandlung",),
    "retail_medium.sport": ("Sportwelt Sprint",),
    "retail_medium.toys": ("Spielkiste",),
    "retail_medium.household": ("Wohnidee", "Tischlein"),
    "retail_other.department_store": ("Warenhaus Hanse",),
    "gastronomy": ("Kaffeerösterei Bohne", "Burgerei", "Pizzeria Vesuvio Kette"),
    "services": ("Mobilfunk Welle", "Reisebüro Fernweh"),
}  # fmt: skip


def refine_uses(
    rng: np.random.Generator,
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    chain_share: dict[str, float],
    gastronomy_share: dict[str, float] | None = None,
    default_chain_share: float = 0.15,
) -> gpd.GeoDataFrame:
    """Fine uses (gi.uses codes) and fictitious chain brands for the coarse ``use`` of the panel.

    Runs on its own random stream after the panel is built, so vacancy, areas
    and dates do not change. Each unit keeps one tenant per coarse use over
    the surveys (``use`` and ``previous_use`` alike): ``retail`` becomes a
    retail leaf by location class (a large 1a shop a department store),
    ``other`` becomes health, culture and leisure or stays other. In the
    quarters of ``gastronomy_share`` that share of the retail tenants is
    gastronomy or services instead. A tenant is a chain with the probability
    of its quarter in ``chain_share`` (1a streets more, class 2 less); chains
    get a fictitious ``brand`` and ``chain=True``.
    """
    gastronomy_share = gastronomy_share or {}
    out = units.copy()
    # a unit that appeared vacant and was then let has no use yet: retail on the ground floor,
    # else an office (its own draw, so the rest of the stream is unchanged)
    missing = (out["status"] == "occupied") & out["use"].isna()
    out.loc[missing, "use"] = np.where(out.loc[missing, "ground_floor"], "retail", "office")
    xy = shapely.get_coordinates(out.geometry.to_numpy())
    qid = np.full(len(out), "", dtype=object)
    for q, g in zip(quarters["quarter_id"], quarters.geometry, strict=True):
        qid[shapely.contains_xy(g, xy[:, 0], xy[:, 1])] = q
    cls = out["location_class"].to_numpy()
    area = out["floor_area_m2"].to_numpy()
    tenant: dict[tuple[str, str], tuple[str, str | None]] = {}
    keys = sorted(
        {(u, c) for u, c in zip(out["unit_id"], out["use"], strict=True) if isinstance(c, str)}
        | {
            (u, c)
            for u, c in zip(out["unit_id"], out["previous_use"], strict=True)
            if isinstance(c, str)
        }
    )
    first = {u: i for i, u in reversed(list(enumerate(out["unit_id"])))}
    for unit_id, coarse in keys:
        i = first[unit_id]
        q = qid[i]
        fine = coarse
        if coarse == "retail" and rng.random() < gastronomy_share.get(q, 0.0):
            fine = "gastronomy" if rng.random() < 0.6 else "services"
        elif coarse == "retail":
            if cls[i] == "1a" and area[i] >= 1200 and rng.random() < 0.5:
                fine = "retail_other.department_store"
            else:
                table = _RETAIL_LEAVES[str(cls[i])]
                names = list(table)
                p = np.array(list(table.values()))
                fine = names[int(rng.choice(len(names), p=p / p.sum()))]
        elif coarse == "other":
            names = list(_OTHER_SPLIT)
            fine = names[int(rng.choice(len(names), p=list(_OTHER_SPLIT.values())))]
        share = chain_share.get(q, default_chain_share) * {"1a": 1.3, "1b": 1.0}.get(
            str(cls[i]), 0.5
        )
        brand = None
        if fine in _BRANDS and (
            fine == "retail_other.department_store" or rng.random() < min(share, 0.95)
        ):
            options = _BRANDS[fine]
            brand = options[int(rng.integers(len(options)))]
        tenant[(unit_id, coarse)] = (fine, brand)

    def fine_of(col: str) -> list[object]:
        return [
            tenant[(u, c)][0] if isinstance(c, str) else None
            for u, c in zip(out["unit_id"], out[col], strict=True)
        ]

    brands = [
        tenant[(u, c)][1] if isinstance(c, str) and s == "occupied" else None
        for u, c, s in zip(out["unit_id"], out["use"], out["status"], strict=True)
    ]
    out["use"] = fine_of("use")
    out["previous_use"] = fine_of("previous_use")
    out["brand"] = brands
    out["chain"] = [
        b is not None if s == "occupied" else None
        for b, s in zip(brands, out["status"], strict=True)
    ]
    return out


# --------------------------------------------------------------------------- offers, requests

#: Median asking rents in € per m² and month by location class (ground floor) and for upper
#: floors: plausible orders of magnitude for city centres in NRW, not market data.
_RENT_MEDIAN = {"1a": 32.0, "1b": 16.0, "2": 9.5}
_RENT_UPPER = 10.5
#: Kinds of synthetic requests: (share, uses, min area range, max/min factor range, ground
#: floor required share, highest rent range or None, step-free required share).
_RequestKind = tuple[
    float,
    tuple[str, ...],
    tuple[float, float],
    tuple[float, float],
    float,
    tuple[float, float] | None,
    float,
]
_REQUEST_KINDS: dict[str, _RequestKind] = {
    "retail_small": (
        0.34,
        ("retail_medium.clothing", "retail_short.food", "retail_long.optician",
         "retail_medium.books", "retail_short.flowers", "retail_long.jewellery", "retail"),
        (40.0, 90.0), (1.6, 2.6), 1.0, (12.0, 35.0), 0.1,
    ),
    "gastronomy": (0.2, ("gastronomy",), (150.0, 200.0), (1.2, 1.5), 1.0, (10.0, 22.0), 0.2),
    "office": (0.2, ("office",), (100.0, 300.0), (1.5, 2.2), 0.0, (8.0, 14.0), 0.3),
    "startup": (
        0.14,
        ("services", "retail_other.second_hand", "culture_leisure", "retail_other"),
        (30.0, 70.0), (1.5, 2.5), 0.5, (6.0, 11.0), 0.0,
    ),
    "health": (0.12, ("health",), (80.0, 160.0), (1.4, 2.0), 0.5, (10.0, 16.0), 0.9),
}  # fmt: skip
REQUESTS_NOTE = (
    "Ansiedlungsgesuche synthetisch: Gesuche, Ansprechpartner, E-Mail-Adressen (example.org) "
    "und Telefonnummern (0000 …) sind fiktiv."
)


def add_offers(rng: np.random.Generator, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Asking rents, step-free access and shop-window lengths of the units (own stream).

    One value per unit (its first survey's location, floor and area): step-free
    access and shop windows for every row, the asking rent (Angebotsmiete) on
    the rows where the unit is vacant. Runs on its own random stream after the
    panel is built, so no existing column changes.
    """
    first = units.drop_duplicates("unit_id").sort_values("unit_id")
    n = len(first)
    ground = first["ground_floor"].fillna(False).to_numpy(dtype=bool)
    area = first["floor_area_m2"].to_numpy(dtype=float)
    cls = first["location_class"].astype("object").to_numpy()
    median = np.array([_RENT_MEDIAN.get(c, 9.5) for c in cls])
    median = np.where(ground, median, _RENT_UPPER)
    size = np.where(np.isfinite(area), np.clip(area, 30, 2000) / 100.0, 1.0) ** -0.15
    rent = np.round(rng.lognormal(np.log(median * size), 0.22, n) * 2) / 2
    step_free = rng.random(n) < np.where(ground, 0.55, 0.35)
    window = np.sqrt(np.where(np.isfinite(area), area, 80.0)) * rng.uniform(0.5, 0.9, n)
    window = np.where(ground, np.round(np.clip(window, 2.5, 30.0) * 2) / 2, np.nan)
    by_unit = pd.DataFrame(
        {"rent": rent, "step_free": step_free, "window": window}, index=first["unit_id"]
    )
    out = units.copy()
    per_row = by_unit.reindex(out["unit_id"].to_numpy())
    vacant = (out["status"] == "vacant").to_numpy(dtype=bool)
    out["asking_rent_eur_m2"] = np.where(vacant, per_row["rent"].to_numpy(), np.nan)
    out["step_free"] = per_row["step_free"].to_numpy(dtype=bool)
    out["shop_window_m"] = per_row["window"].to_numpy(dtype=float)
    return out


def make_requests(
    rng: np.random.Generator,
    quarters: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    *,
    prefix: str,
    n: int,
) -> pd.DataFrame:
    """Synthetic space requests (Ansiedlungsgesuche), a table without geometry.

    Small retail on the ground floor, gastronomy of 150–300 m², offices on
    upper floors, start-ups, health, and exactly one large-format request
    (≥ 2,500 m² on the ground floor) that no unit of the sample fits.
    Preferred quarters are quarter ids or names of ``quarters`` (some none:
    anywhere); contacts are fictitious (example.org, 0000 numbers).
    """
    largest = float(units.loc[units["ground_floor"].fillna(False), "floor_area_m2"].max())
    kinds = list(_REQUEST_KINDS)
    shares = np.array([_REQUEST_KINDS[k][0] for k in kinds])
    drawn = rng.choice(kinds, n - 1, p=shares / shares.sum())
    rows: list[dict[str, object]] = []
    ids = quarters["quarter_id"].astype(str).tolist()
    names = quarters["name"].astype(str).tolist()
    for kind in drawn:
        _, uses, low, factor, ground_share, rent, step_share = _REQUEST_KINDS[str(kind)]
        lo = float(np.round(rng.uniform(*low) / 5) * 5)
        hi = float(np.round(lo * rng.uniform(*factor) / 5) * 5)
        if kind == "gastronomy":
            hi = min(max(hi, 200.0), 300.0)
        ground = bool(rng.random() < ground_share)
        picks = rng.choice(len(ids), int(rng.integers(1, min(3, len(ids)) + 1)), replace=False)
        by_name = rng.random() < 0.4
        preferred = (
            None if rng.random() < 0.35 else ", ".join(
                (names if by_name else ids)[int(i)] for i in sorted(picks)
            )
        )  # fmt: skip
        rows.append(
            {
                "use": str(rng.choice(uses)),
                "min_floor_area_m2": lo,
                "max_floor_area_m2": hi,
                "ground_floor_required": ground,
                "preferred_quarters": preferred,
                "max_rent_eur_m2": (
                    None
                    if rent is None or rng.random() < 0.25
                    else float(np.round(rng.uniform(*rent) * 2) / 2)
                ),
                "step_free_required": True if rng.random() < step_share else None,
            }
        )
    large = float(max(2500.0, np.ceil(largest / 100) * 100 + 900))
    rows.insert(
        int(rng.integers(0, len(rows) + 1)),
        {
            "use": "retail_other.department_store",
            "min_floor_area_m2": large,
            "max_floor_area_m2": large + 1500.0,
            "ground_floor_required": True,
            "preferred_quarters": None,
            "max_rent_eur_m2": None,
            "step_free_required": True,
        },
    )
    out = pd.DataFrame(rows)
    start = pd.Timestamp("2023-01-02")
    days = (pd.Timestamp(AS_OF) - start).days
    received = start + pd.to_timedelta(np.sort(rng.integers(0, days + 1, len(out))), unit="D")
    age = (pd.Timestamp(AS_OF) - received).days.to_numpy() / days  # 0 new … 1 oldest
    u = rng.random(len(out))
    status = np.where(
        u < 0.08 + 0.25 * age, "placed", np.where(u > 0.93 - 0.1 * age, "withdrawn", "open")
    )
    large_row = out["use"].eq("retail_other.department_store").to_numpy()
    status = np.where(large_row, "open", status)  # the request nothing fits stays open
    for wanted, pick in (("placed", 0), ("withdrawn", 1)):  # a few of each in every city
        if not (status == wanted).any():
            candidates = np.flatnonzero((status == "open") & ~large_row)
            status[candidates[pick]] = wanted  # the oldest open requests
    given = rng.choice(_GIVEN, len(out))
    surnames = rng.choice(_SURNAMES, len(out))
    out.insert(0, "request_id", [f"{prefix}-G{i + 1:03d}" for i in range(len(out))])
    out.insert(1, "received_on", received.to_numpy())
    out["status"] = status
    out["contact_name"] = [f"{g} {s}" for g, s in zip(given, surnames, strict=True)]
    out["contact_email"] = [f"gesuch-{i + 1:03d}@example.org" for i in range(len(out))]
    out["contact_phone"] = [f"0000 {int(v):06d}" for v in rng.integers(0, 1_000_000, len(out))]
    return out


# --------------------------------------------------------------------------- sites, residential


def _taken_dates(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    start = pd.to_datetime([f"{y}-01-01" for y in years]).to_numpy()
    end = np.where(
        years >= 2025,
        np.datetime64("2025-06-15"),
        pd.to_datetime([f"{y}-12-31" for y in years]).to_numpy(),
    )
    days = ((end - start) / np.timedelta64(1, "D")).astype(int)
    return (start + rng.integers(0, days + 1).astype("timedelta64[D]")).astype("datetime64[ns]")


def _nearest_name(xy: np.ndarray, anchors: Sequence[tuple[str, float, float]]) -> np.ndarray:
    a = np.array([utm(lon, lat) for _, lon, lat in anchors])
    d = ((xy[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)
    return np.array([anchors[k][0] for k in np.argmin(d, axis=1)], dtype=object)


def _site_names(districts: np.ndarray) -> list[str]:
    count: dict[str, int] = {}
    names = []
    for d in districts:
        count[d] = count.get(d, 0) + 1
        names.append(f"Gewerbefläche {d} {count[d]}")
    return names


def _site_attributes(
    rng: np.random.Generator, status: np.ndarray, restriction: np.ndarray
) -> dict[str, np.ndarray]:
    n = len(status)
    p_brown = np.select([restriction == "major", restriction == "minor"], [0.7, 0.4], 0.2)
    brownfield = rng.random(n) < p_brown
    u = rng.random(n)
    planning = np.where(
        restriction == "none",
        np.where(u < 0.85, "B-Plan", "FNP"),
        np.where(
            restriction == "minor",
            np.select([u < 0.5, u < 0.9], ["B-Plan", "FNP"], "none"),
            np.select([u < 0.25, u < 0.75], ["B-Plan", "FNP"], "none"),
        ),
    )
    planning = np.where(status == "taken_up", np.where(u < 0.9, "B-Plan", "FNP"), planning)
    v = rng.random(n)
    owner = np.where(
        status == "reserved",
        np.select([v < 0.5, v < 0.75], ["firm_reserve", "public"], "private"),
        np.select([v < 0.45, v < 0.85], ["public", "private"], "firm_reserve"),
    )
    return {"brownfield": brownfield, "planning_basis": planning, "owner_type": owner}


#: Planning stages of the sample sites by restriction (available sites only): stage, its
#: probability and the range of explicit expected years (inclusive) for half of them; the
#: other half get the lead time of gi.settings.planning_lead_years.
_STAGE_PLAN: dict[str, tuple[tuple[str, float, int, int], ...]] = {
    "minor": (
        ("serviced", 0.15, 2026, 2027),
        ("bplan_effective", 0.3, 2027, 2028),
        ("bplan_started", 0.55, 2031, 2033),
    ),
    "major": (
        ("fnp_effective", 0.35, 2032, 2034),
        ("fnp_change_started", 0.35, 2034, 2036),
        ("idea", 0.3, 2037, 2040),
    ),
}


def _add_planning_stages(gdf: gpd.GeoDataFrame, rng: np.random.Generator) -> None:
    """Add ``planning_stage`` and ``expected_available_year`` to the sample sites (in place)."""
    stage, expected = _planning_stages(rng, gdf["status"].to_numpy(), gdf["restriction"].to_numpy())
    gdf["planning_stage"] = stage
    gdf["expected_available_year"] = expected


def _planning_stages(
    rng: np.random.Generator, status: np.ndarray, restriction: np.ndarray
) -> tuple[np.ndarray, pd.array]:
    """``planning_stage`` and ``expected_available_year`` of the sample sites (issue 21).

    Available sites without restrictions are marketable; those with minor
    restrictions are in the late stages (serviced, B-Plan), those with major
    ones in the early stages (idea, FNP change). Reserved and taken-up sites
    have no stage. ``rng`` is a stream of its own, so nothing else changes.
    """
    n = len(status)
    stage = np.full(n, None, dtype=object)
    year = pd.array([pd.NA] * n, dtype="Int64")
    available = status == "available"
    stage[available & (restriction == "none")] = "marketable"
    for kind, plan in _STAGE_PLAN.items():
        rows = np.flatnonzero(available & (restriction == kind))
        pick = rng.choice(len(plan), len(rows), p=[p for _, p, _, _ in plan])
        explicit = rng.random(len(rows)) < 0.5
        for i, k, e in zip(rows, pick, explicit, strict=True):
            name, _, lo, hi = plan[k]
            stage[i] = name
            if e:
                year[i] = int(rng.integers(lo, hi + 1))
    return stage, year


def make_residential(
    rng: np.random.Generator,
    targets: np.ndarray,
    avoid: np.ndarray,
    names: Sequence[str],
    prefix: str,
    *,
    within: shapely.Geometry | None = None,
    tries: int = 1,
) -> gpd.GeoDataFrame:
    """Residential areas (and a few sensitive uses) at various distances from ``targets``.

    An area that would overlap ``avoid`` (or leave ``within``) is placed again in
    another direction, up to ``tries`` placements in all; then it is dropped.
    """
    n = len(targets)
    band = rng.choice(3, n, p=[0.25, 0.45, 0.30])
    gaps = np.select(
        [band == 0, band == 1],
        [rng.uniform(20, 100, n), rng.uniform(100, 500, n)],
        rng.uniform(500, 900, n),
    )
    use = rng.choice(["residential", "mixed", "sensitive"], n, p=[0.65, 0.25, 0.10])
    sizes = np.where(use == "sensitive", rng.uniform(0.4, 1.5, n), rng.uniform(3, 15, n)) * 10_000
    polys = place_near(rng, targets, gaps, sizes)
    tree = shapely.STRtree(avoid)
    ok = np.ones(n, dtype=bool)
    for _ in range(tries):  # a blocked area tries another direction (same target and gap)
        hit = tree.query(polys, predicate="intersects")
        ok = np.ones(n, dtype=bool)
        ok[np.unique(hit[0])] = False
        if within is not None:
            ok &= shapely.within(polys, within)
        redo = np.flatnonzero(~ok)
        if not len(redo):
            break
        polys[redo] = place_near(rng, targets[redo], gaps[redo], sizes[redo])
    accepted: list[int] = []
    for i in np.flatnonzero(ok):  # no overlaps among the residential areas either
        if accepted and shapely.intersects(polys[i], polys[accepted]).any():
            continue
        accepted.append(i)
    idx = np.array(accepted)
    label = {"residential": "Wohngebiet", "mixed": "Mischgebiet", "sensitive": "Schule/Kita"}
    return gpd.GeoDataFrame(
        {
            "area_id": [f"{prefix}{k + 1:03d}" for k in range(len(idx))],
            "use": use[idx],
            "name": [f"{label[use[i]]} {names[i]}" for i in idx],
        },
        geometry=polys[idx],
        crs=CRS,
    )


# --------------------------------------------------------------------------- Dortmund

DORTMUND = (7.465, 51.514)
DORTMUND_DISTRICTS = (
    ("Hörde", 7.497, 51.484),
    ("Aplerbeck", 7.555, 51.491),
    ("Brackel", 7.560, 51.523),
    ("Scharnhorst", 7.545, 51.553),
    ("Eving", 7.478, 51.553),
    ("Mengede", 7.385, 51.570),
    ("Huckarde", 7.412, 51.541),
    ("Lütgendortmund", 7.350, 51.500),
    ("Hombruch", 7.445, 51.470),
    ("Dorstfeld", 7.420, 51.510),
    ("Hafen", 7.440, 51.530),
    ("Wickede", 7.620, 51.530),
    ("Oespel", 7.380, 51.495),
    ("Körne", 7.505, 51.513),
    ("Derne", 7.520, 51.575),
    ("Westerfilde", 7.375, 51.550),
    ("Barop", 7.425, 51.485),
    ("Schüren", 7.530, 51.480),
    ("Lindenhorst", 7.455, 51.550),
    ("Asseln", 7.590, 51.530),
    ("Kirchhörde", 7.460, 51.455),
    ("Wambel", 7.530, 51.520),
    ("Marten", 7.395, 51.515),
)

DORTMUND_QUARTERS = (
    ("Q01", "Katharinenviertel", ((-0.66, 0.5), (-0.42, 0.68))),
    ("Q02", "Brückviertel", ((0.45, 0.55), (0.72, 0.32))),
    ("Q03", "Klosterviertel", ((-0.78, -0.12), (-0.55, -0.3))),
    ("Q04", "Boulevard Kampstraße", ((-0.15, 0.48), (0.15, 0.5))),
    ("Q05", "Hellweg", ((-0.6, 0.14), (-0.3, 0.15), (0.0, 0.15), (0.3, 0.14))),
    ("Q06", "Altstadt am Alten Markt", ((-0.02, -0.16), (0.2, -0.14))),
    ("Q07", "Hansaviertel", ((-0.3, -0.38), (-0.1, -0.45))),
    ("Q08", "Rosenviertel", ((0.55, -0.3), (0.8, -0.08), (0.38, -0.52))),
    ("Q09", "Grüne Stadtbühne", ((-0.5, -0.78), (-0.15, -0.85), (0.15, -0.8))),
)

DORTMUND_STREETS = (
    Street("Westenhellweg", ((-0.85, 0.13), (-0.3, 0.14), (0.0, 0.13)), "1a", 4.0),
    Street("Ostenhellweg", ((0.0, 0.13), (0.4, 0.12), (0.82, 0.1)), "1a", 3.0),
    Street("Kampstraße", ((-0.7, 0.45), (0.0, 0.46), (0.55, 0.44)), "1b", 1.6),
    Street("Brückstraße", ((0.42, 0.85), (0.42, 0.45), (0.4, 0.16)), "1b", 1.8),
    Street("Lütge Brückstraße", ((0.55, 0.7), (0.75, 0.55)), "2", 1.2),
    Street("Königswall", ((-0.75, 0.62), (-0.3, 0.9), (0.25, 0.9)), "2", 0.6),
    Street("Katharinenstraße", ((-0.55, 0.22), (-0.55, 0.75)), "2", 1.0),
    Street("Kleppingstraße", ((0.25, 0.08), (0.28, -0.3), (0.35, -0.65)), "1b", 1.4),
    Street("Hansastraße", ((-0.28, 0.4), (-0.25, -0.1), (-0.2, -0.62)), "1b", 1.2),
    Street("Wißstraße", ((-0.05, -0.1), (-0.05, -0.55)), "2", 1.0),
    Street("Silberstraße", ((-0.45, 0.08), (-0.5, -0.45)), "2", 0.9),
    Street("Kuhstraße", ((-0.85, -0.2), (-0.35, -0.15)), "2", 0.8),
    Street("Betenstraße", ((0.05, 0.08), (0.1, -0.4)), "2", 0.9),
    Street("Viktoriastraße", ((0.55, 0.0), (0.55, -0.65)), "2", 0.8),
    Street("Südwall", ((-0.6, -0.72), (0.0, -0.9), (0.45, -0.72)), "2", 0.5),
    Street("Ostwall", ((0.88, 0.3), (0.92, -0.3)), "2", 0.5),
    Street("Hiltropwall", ((-0.9, -0.3), (-0.6, -0.68)), "2", 0.4),
    Street("Olpe", ((-0.15, -0.05), (0.2, -0.3)), "2", 0.7),
)


def build_dortmund(seed: int = SEEDS["dortmund"]) -> gi.City:
    """Dortmund: the nine City quarters, ~800 units × 4 surveys, ~120 sites, residential areas."""
    frame = Frame.at(*DORTMUND, ax=800.0, ay=550.0, angle_deg=4.0)
    ring = wobbly_oval(frame, np.random.default_rng([seed, 1]))
    quarters = make_quarters(frame, ring, DORTMUND_QUARTERS, "Dortmund", "Innenstadt-West")
    units_spec = UnitsSpec(
        prefix="DO",
        n_units=800,
        new_units=(0, 8, 6, 4),
        streets=DORTMUND_STREETS,
        background_share=0.15,
        target_vacancy=0.11,
        quarter_effect={
            "Q02": 0.55,
            "Q07": 0.45,
            "Q05": -0.5,
            "Q04": 0.15,
            "Q03": 0.2,
            "Q09": -0.4,
        },
        hot_spots=((0.55, 0.62, 1.3, 90.0), (-0.15, -0.45, 0.8, 100.0), (0.62, -0.45, 0.6, 80.0)),
        fund="Anmietungs-Fonds",
        fund_share=0.35,
        year_factor=(1.0, 1.12, 1.1, 0.9),
        owners=140,
    )
    units = make_units(np.random.default_rng([seed, 2]), frame, quarters, units_spec)
    units = refine_uses(
        np.random.default_rng([seed, 11]),
        units,
        quarters,
        chain_share={"Q05": 0.6, "Q04": 0.35, "Q06": 0.25, "Q02": 0.08, "Q01": 0.1},
        gastronomy_share={"Q02": 0.5, "Q06": 0.2},
    )
    offers_rng = np.random.default_rng([seed, 14])
    units = add_offers(offers_rng, units)
    requests = make_requests(offers_rng, quarters, units, prefix="DO", n=36)
    footfall = make_footfall(
        np.random.default_rng([seed, 12]),
        frame,
        DORTMUND_STREETS,
        (
            CounterSpec("DO-Z1", "Westenhellweg", "Westenhellweg", 0.55, 62_000, -0.02),
            CounterSpec("DO-Z2", "Ostenhellweg", "Ostenhellweg", 0.35, 38_000, 0.01),
            CounterSpec("DO-Z3", "Kampstraße", "Kampstraße", 0.45, 14_000, 0.03),
        ),
    )
    base = geography.dortmund_base(np.random.default_rng([seed, 8]), ring)
    sites, cluster = _dortmund_sites(
        np.random.default_rng([seed, 3]), place_rng=np.random.default_rng([seed, 7]), base=base
    )
    res_rng = np.random.default_rng([seed, 4])
    chosen = res_rng.choice(len(sites), 75, replace=False)
    xy = shapely.get_coordinates(shapely.centroid(sites.geometry.to_numpy()[chosen]))
    residential = make_residential(
        res_rng,
        sites.geometry.to_numpy()[chosen],
        np.concatenate([shapely.buffer(sites.geometry.to_numpy(), 5.0), [base.water_area()]]),
        list(_nearest_name(xy, DORTMUND_DISTRICTS)),
        "DO-W",
        within=base.boundary,
        tries=8,
    )
    context = _context(
        np.random.default_rng([seed, 9]),
        base,
        "DO",
        clusters=geography.DORTMUND_CLUSTERS,
        sites=sites,
        cluster=cluster,
        residential=residential,
        centre=("Kerngebiet City", ring),
        extra=DORTMUND_LANDUSE,
    )
    meta = _meta(
        "Dortmund",
        seed,
        "Synthetische City Dortmund: neun City-Quartiere innerhalb des Wallrings, "
        "Leerstandserhebungen 2022–2025 mit Anmietungs-Fonds, stadtweite Wirtschaftsflächen "
        "in Gewerbe- und Industriegebieten (Hafen, Westfalenhütte, Phoenix-West, …) und "
        "Wohnbauflächen; Orientierung: Stadtgrenze, die 12 Stadtbezirke, Flächennutzung, "
        "Emscher, Phoenix-See, Kanal, Bahn und Hauptstraßen (Geometrie synthetisch).",
    )
    return gi.City(
        quarters=quarters,
        units=units,
        sites=sites,
        residential=residential,
        context=context,
        requests=requests,
        footfall=footfall,
        meta=meta,
    )


# land use other than the commercial clusters: (code, name, lon, lat, rx, ry, angle)
DORTMUND_LANDUSE = (
    ("MK", "Kerngebiet Hörde", 7.497, 51.4735, 260.0, 200.0, 10.0),
    ("green", "Westfalenpark", 7.477, 51.4985, 480.0, 330.0, 20.0),
    ("green", "Rombergpark", 7.468, 51.4805, 300.0, 380.0, 0.0),
    ("green", "Revierpark Wischlingen", 7.388, 51.5235, 330.0, 280.0, 0.0),
    ("green", "Fredenbaumpark", 7.455, 51.5415, 300.0, 260.0, 30.0),
    ("W", "Wohngebiet Kreuzviertel", 7.447, 51.5055, 550.0, 450.0, 0.0),
    ("W", "Wohngebiet Nordstadt", 7.462, 51.5255, 700.0, 350.0, 0.0),
    ("W", "Wohngebiet Körne", 7.510, 51.5135, 600.0, 420.0, 0.0),
    ("W", "Wohngebiet Eving", 7.478, 51.5505, 650.0, 500.0, 0.0),
    ("W", "Wohngebiet Scharnhorst", 7.545, 51.5525, 700.0, 550.0, 20.0),
    ("W", "Wohngebiet Brackel", 7.556, 51.5165, 750.0, 500.0, 0.0),
    ("W", "Wohngebiet Aplerbeck", 7.542, 51.4935, 650.0, 480.0, 0.0),
    ("W", "Wohngebiet Hörde", 7.505, 51.4650, 650.0, 450.0, 0.0),
    ("W", "Wohngebiet Hombruch", 7.445, 51.4680, 700.0, 550.0, 0.0),
    ("W", "Wohngebiet Lütgendortmund", 7.350, 51.5020, 700.0, 550.0, 0.0),
    ("W", "Wohngebiet Huckarde", 7.418, 51.5405, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Mengede", 7.368, 51.5700, 650.0, 500.0, 0.0),
    ("MI", "Mischgebiet Dorstfeld", 7.420, 51.5125, 450.0, 320.0, 0.0),
)


def _context(
    rng: np.random.Generator,
    base: geography.Base,
    prefix: str,
    *,
    clusters: Sequence[geography.Cluster],
    sites: gpd.GeoDataFrame | None,
    cluster: np.ndarray | None,
    residential: gpd.GeoDataFrame | None,
    centre: tuple[str, shapely.Geometry],
    extra: Sequence[tuple[str, str, float, float, float, float, float]],
    core_zones: gpd.GeoDataFrame | None = None,
    core_names: Sequence[str] = (),
) -> gpd.GeoDataFrame:
    """The context layer: boundary, districts, water, rail, roads and land use.

    Land use never overlaps: core zones and the commercial clusters come first
    (each contains its sites), then the city centre (MK), then parks, mixed and
    residential land, minus water. Residential areas of the ``residential``
    layer are carved out of the commercial zones and become W/MI land use.
    """
    ctx = base.start(prefix)
    water = base.water_area()
    housing = (
        shapely.union_all(shapely.buffer(residential.geometry.to_numpy(), 10.0, quad_segs=2))
        if residential is not None and len(residential)
        else None
    )
    minus = water if housing is None else shapely.union(water, housing)
    if core_zones is not None:
        for name, (_, z) in zip(core_names, core_zones.iterrows(), strict=True):
            code = "GI" if z["category"] == "A" else "GE"
            label = "Industriegebiet" if code == "GI" else "Gewerbegebiet"
            zone = z.geometry
            ctx.landuse(
                code,
                f"{label} {name}",
                zone.buffer(40.0, join_style="mitre"),
                minus=minus,
                keep=zone.buffer(1.0, join_style="mitre"),
                clip=base.boundary,
            )
    for k, c in enumerate(clusters):
        label = "Industriegebiet" if c.landuse == "GI" else "Gewerbegebiet"
        if sites is not None and cluster is not None:
            own = sites.geometry.to_numpy()[cluster == k]
            if not len(own):
                continue
            zone = geography.zone_around(own)
            keep = shapely.union_all(shapely.buffer(own, 1.0, join_style="mitre"))
        else:
            x, y = utm(c.lon, c.lat)
            zone = geography.blob(
                rng, x, y, c.spread * 1.6, c.spread * 1.1, angle_deg=rng.uniform(0, 180)
            )
            keep = None
        ctx.landuse(
            c.landuse, f"{label} {c.name}", zone, minus=minus, keep=keep, clip=base.boundary
        )
    ctx.landuse("MK", centre[0], centre[1], minus=water, clip=base.boundary)
    order = sorted(extra, key=lambda e: ["MK", "green", "MI", "W"].index(e[0]))
    for code, name, lon, lat, rx, ry, angle in order:
        if code == "W" and residential is not None:
            break
        x, y = utm(lon, lat)
        ctx.landuse(
            code,
            name,
            geography.blob(rng, x, y, rx, ry, angle_deg=angle),
            minus=water,
            clip=base.boundary,
        )
    if residential is not None:
        for _, r in residential.iterrows():
            code = "MI" if r["use"] == "mixed" else "W"
            ctx.landuse(code, r["name"], r.geometry, minus=water, clip=base.boundary)
        for code, name, lon, lat, rx, ry, angle in order:
            if code == "W":
                x, y = utm(lon, lat)
                blob = geography.blob(rng, x, y, rx, ry, angle_deg=angle)
                ctx.landuse(code, name, blob, minus=water, clip=base.boundary)
    return ctx.frame()


def _dortmund_sites(
    rng: np.random.Generator, *, place_rng: np.random.Generator, base: geography.Base
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """~120 sites calibrated to the reported situation (R ≈ 146 ha, R₀ ≈ 33 ha, Ī ≈ 13 ha/a).

    Sizes, statuses, restrictions, years and attributes come from ``rng`` (the
    same draws as generator 1.0, so the land figures stay put); the placement in
    the commercial clusters comes from ``place_rng``. Returns the sites and the
    cluster index of each (for the land-use zones around them).
    """
    groups: list[
        tuple[str, np.ndarray, np.ndarray, np.ndarray]
    ] = []  # status, restriction, ha, year

    def add(
        status: str, restriction: str | np.ndarray, ha: np.ndarray, year: np.ndarray | None = None
    ) -> None:
        r = np.broadcast_to(np.asarray(restriction, dtype=object), ha.shape)
        y = np.zeros(len(ha), dtype=int) if year is None else year
        groups.append((status, r, ha, y))

    add("available", "none", exact_sizes(rng, 15, 33.0, median=2.0, lo=0.3, hi=6.5))
    add(
        "available",
        "minor",
        np.append(exact_sizes(rng, 17, 41.5, median=2.2, lo=0.3, hi=8.0), 10.5),
    )
    add(
        "available",
        "major",
        np.append(exact_sizes(rng, 15, 35.0, median=2.0, lo=0.3, hi=8.0), [14.0, 12.0]),
    )
    add(
        "reserved",
        rng.choice(["none", "minor"], 20, p=[0.6, 0.4]),
        exact_sizes(rng, 20, 38.0, median=1.7, lo=0.3, hi=7.0),
    )
    per_year = {2019: 12.6, 2020: 13.8, 2021: 12.1, 2022: 14.2, 2023: 12.9, 2024: 13.4, 2025: 12.4}
    for year, total in per_year.items():
        add(
            "taken_up",
            rng.choice(["none", "minor"], 5, p=[0.75, 0.25]),
            exact_sizes(rng, 5, total, median=2.4, lo=0.3, hi=8.0),
            np.full(5, year),
        )
    early_years = np.array(
        [2010, 2011, 2012, 2012, 2013, 2014, 2014, 2015, 2016, 2016, 2017, 2018, 2018, 2018, 2016]
    )
    early = np.round(np.clip(rng.lognormal(np.log(3.0), 0.6, len(early_years)), 0.4, 8.0), 2)
    early[-1] = 11.2
    add("taken_up", rng.choice(["none", "minor"], len(early), p=[0.7, 0.3]), early, early_years)

    status = np.concatenate([np.full(len(g[2]), g[0], dtype=object) for g in groups])
    restriction = np.concatenate([g[1] for g in groups]).astype(object)
    ha = np.concatenate([g[2] for g in groups])
    year = np.concatenate([g[3] for g in groups])
    n = len(ha)

    # generator 1.0 placed one site per 1.2 km grid cell (184 cells outside the centre);
    # its draws are kept and discarded, so every later draw from ``rng`` stays the same
    x0, y0 = utm(*DORTMUND)
    rng.permutation(184)
    shapes = quad_polygons(rng, np.zeros(n), np.zeros(n), ha * 10_000)
    coords = shapely.get_coordinates(shapes).reshape(n, 5, 2)
    rng.uniform(-1, 1, (n, 2))
    polys, cluster = geography.place_in_clusters(
        place_rng,
        shapely.polygons(coords),
        geography.DORTMUND_CLUSTERS,
        within=base.boundary,
        avoid=base.obstacles(),
        keep_off=(x0, y0, 1800.0),
    )
    centre = shapely.get_coordinates(shapely.centroid(polys))
    pairs = shapely.STRtree(polys).query(polys, predicate="intersects")
    assert pairs.shape[1] == n, "sites overlap"  # each site intersects only itself

    taken_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    is_taken = status == "taken_up"
    taken_on[is_taken] = _taken_dates(rng, year[is_taken])
    order = rng.permutation(n)
    districts = _nearest_name(centre, DORTMUND_DISTRICTS)
    attrs = _site_attributes(rng, status, restriction)
    gdf = gpd.GeoDataFrame(
        {
            "site_id": [f"DO-S{k + 1:03d}" for k in range(n)],
            "status": status[order],
            "restriction": restriction[order],
            "name": np.array(_site_names(districts), dtype=object)[order],
            "taken_up_on": taken_on[order],
            "brownfield": attrs["brownfield"][order],
            "planning_basis": attrs["planning_basis"][order],
            "owner_type": attrs["owner_type"][order],
        },
        geometry=polys[order],
        crs=CRS,
    )
    _add_planning_stages(gdf, np.random.default_rng([SEEDS["dortmund"], 13]))
    return gdf, cluster[order]


# --------------------------------------------------------------------------- Düsseldorf

DUESSELDORF = (6.78, 51.225)
DUESSELDORF_ZONES = (  # zone_id, place, lon, lat, category, ha, adopted_on, Gemarkung
    ("KZ01", "Hafen", 6.748, 51.212, "A", 120, "2019-02-14", "3061"),
    ("KZ02", "Heerdt", 6.712, 51.237, "B", 90, "2019-02-14", "3047"),
    ("KZ03", "Lierenfeld", 6.832, 51.207, "A", 150, "2019-02-14", "3068"),
    ("KZ04", "Reisholz", 6.868, 51.181, "A", 180, "2019-02-14", "3083"),
    ("KZ05", "Holthausen", 6.838, 51.176, "A", 130, "2019-02-14", "3079"),
    ("KZ06", "Rath", 6.818, 51.272, "A", 160, "2019-02-14", "3024"),
    ("KZ07", "Flingern-Nord", 6.812, 51.236, "C", 45, "2021-06-24", "3032"),
    ("KZ08", "Oberbilk", 6.803, 51.210, "C", 40, "2021-06-24", "3065"),
    ("KZ09", "Mörsenbroich", 6.812, 51.252, "B", 60, "2019-02-14", "3028"),
    ("KZ10", "Hassels", 6.886, 51.167, "B", 70, "2021-06-24", "3086"),
)
DUESSELDORF_DISTRICTS = (
    *tuple((p, lon, lat) for _, p, lon, lat, *_ in DUESSELDORF_ZONES),
    ("Eller", 6.86, 51.2),
    ("Gerresheim", 6.86, 51.235),
    ("Unterrath", 6.78, 51.275),
    ("Bilk", 6.77, 51.205),
    ("Wersten", 6.82, 51.185),
    ("Benrath", 6.875, 51.16),
    ("Oberkassel", 6.75, 51.232),
    ("Lörick", 6.725, 51.25),
    ("Derendorf", 6.79, 51.245),
    ("Lichtenbroich", 6.81, 51.29),
    ("Vennhausen", 6.86, 51.215),
    ("Golzheim", 6.765, 51.245),
)
DUESSELDORF_RHINE = (
    (6.90, 51.14),
    (6.80, 51.165),
    (6.77, 51.19),
    (6.758, 51.21),
    (6.765, 51.228),
    (6.752, 51.245),
    (6.735, 51.27),
    (6.74, 51.31),
)
DUESSELDORF_STREETS = (
    Street("Königsallee", ((0.02, 0.5), (0.0, -0.6)), "1a", 4.0),
    Street("Schadowstraße", ((0.05, 0.62), (0.72, 0.66)), "1a", 3.0),
    Street("Flinger Straße", ((-0.55, 0.42), (-0.15, 0.5)), "1a", 2.0),
    Street("Bolkerstraße", ((-0.6, 0.56), (-0.25, 0.6)), "1b", 1.5),
    Street("Berliner Allee", ((0.35, 0.55), (0.38, -0.7)), "1b", 1.4),
    Street("Graf-Adolf-Straße", ((0.0, -0.62), (0.8, -0.6)), "1b", 1.3),
    Street("Benrather Straße", ((-0.55, -0.12), (-0.05, -0.1)), "2", 1.0),
    Street("Kasernenstraße", ((-0.18, 0.3), (-0.15, -0.5)), "2", 0.9),
    Street("Immermannstraße", ((0.5, 0.2), (0.92, 0.02)), "2", 0.8),
    Street("Bastionstraße", ((-0.6, -0.35), (-0.1, -0.4)), "2", 0.7),
    Street("Grünstraße", ((0.1, 0.2), (0.3, 0.15)), "2", 0.6),
)


def build_duesseldorf(seed: int = SEEDS["duesseldorf"]) -> gi.City:
    """Düsseldorf: core zones, pre-emption areas, ~5,000 parcels, ~80 sites, residential, city centre."""
    zones = _duesseldorf_zones(np.random.default_rng([seed, 1]))
    preemption = _duesseldorf_preemption(np.random.default_rng([seed, 2]), zones)
    parcels = _duesseldorf_parcels(np.random.default_rng([seed, 3]), zones)
    base = geography.duesseldorf_base(np.random.default_rng([seed, 8]))
    sites, cluster = _duesseldorf_sites(
        np.random.default_rng([seed, 4]),
        zones,
        place_rng=np.random.default_rng([seed, 7]),
        base=base,
    )
    res_rng = np.random.default_rng([seed, 5])
    targets = np.concatenate(
        [
            zones.geometry.to_numpy(),
            zones.geometry.to_numpy(),
            zones.geometry.to_numpy(),
            sites.geometry.to_numpy()[res_rng.choice(len(sites), 30, replace=False)],
        ]
    )
    xy = shapely.get_coordinates(shapely.centroid(targets))
    residential = make_residential(
        res_rng,
        targets,
        np.concatenate(
            [
                zones.geometry.to_numpy(),
                shapely.buffer(sites.geometry.to_numpy(), 5.0),
                [base.water_area()],
            ]
        ),
        list(_nearest_name(xy, DUESSELDORF_DISTRICTS)),
        "D-W",
        within=base.boundary,
        tries=8,
    )
    # a small city-centre panel for the Citymanagement Innenstadt Ost/West
    frame = Frame.at(6.781, 51.2235, ax=700.0, ay=650.0, angle_deg=-8.0)
    outline_uv = (
        (-0.75, 0.85),
        (0.1, 0.95),
        (0.95, 0.8),
        (1.0, 0.0),
        (0.9, -0.85),
        (0.0, -0.95),
        (-0.8, -0.8),
        (-0.9, 0.0),
    )
    outline = shapely.Polygon(np.round(frame.xy(outline_uv), 2))
    quarters = make_quarters(
        frame,
        outline,
        (
            ("IO", "Innenstadt Ost", ((0.5, 0.5), (0.55, -0.4))),
            ("IW", "Innenstadt West", ((-0.45, 0.5), (-0.45, -0.4))),
        ),
        "Düsseldorf",
        "Stadtbezirk 1",
    )
    units_spec = UnitsSpec(
        prefix="D",
        n_units=260,
        new_units=(0, 3, 2, 2),
        streets=DUESSELDORF_STREETS,
        background_share=0.12,
        target_vacancy=0.09,
        quarter_effect={"IO": 0.2},
        hot_spots=((0.7, -0.55, 1.0, 90.0), (-0.35, -0.35, 0.7, 80.0)),
        fund=None,
        fund_share=0.0,
        year_factor=(1.0, 1.1, 1.05, 0.95),
        owners=60,
    )
    units = make_units(np.random.default_rng([seed, 6]), frame, quarters, units_spec)
    units = refine_uses(
        np.random.default_rng([seed, 11]),
        units,
        quarters,
        chain_share={"IO": 0.45, "IW": 0.35},
        gastronomy_share={"IW": 0.3},
    )
    offers_rng = np.random.default_rng([seed, 14])
    units = add_offers(offers_rng, units)
    requests = make_requests(offers_rng, quarters, units, prefix="D", n=30)
    footfall = make_footfall(
        np.random.default_rng([seed, 12]),
        frame,
        DUESSELDORF_STREETS,
        (
            CounterSpec("D-Z1", "Königsallee", "Königsallee", 0.4, 45_000, 0.02),
            CounterSpec("D-Z2", "Schadowstraße", "Schadowstraße", 0.5, 58_000, -0.03),
            CounterSpec("D-Z3", "Flinger Straße", "Flinger Straße", 0.5, 36_000, 0.04),
        ),
    )
    context = _context(
        np.random.default_rng([seed, 9]),
        base,
        "D",
        clusters=geography.DUESSELDORF_CLUSTERS,
        sites=sites,
        cluster=cluster,
        residential=residential,
        centre=("Kerngebiet Innenstadt", outline),
        extra=DUESSELDORF_LANDUSE,
        core_zones=zones,
        core_names=[z[1] for z in DUESSELDORF_ZONES],
    )
    meta = _meta(
        "Düsseldorf",
        seed,
        "Synthetisches Düsseldorf: Gewerbe- und Industriekernzonen (Kategorie A–C), "
        "Satzungsgebiete mit besonderem Vorkaufsrecht, ~5.000 Flurstücke, Wirtschaftsflächen, "
        "Wohnbauflächen sowie Innenstadt Ost/West mit Leerstandserhebungen 2022–2025; "
        "Orientierung: Stadtgrenze, die 10 Stadtbezirke, Flächennutzung, Rhein und "
        "Hafenbecken, Bahn und Hauptstraßen (Geometrie synthetisch).",
    )
    return gi.City(
        quarters=quarters,
        core_zones=zones,
        preemption_areas=preemption,
        units=units,
        sites=sites,
        parcels=parcels,
        residential=residential,
        context=context,
        requests=requests,
        footfall=footfall,
        meta=meta,
    )


DUESSELDORF_LANDUSE = (
    ("green", "Hofgarten", 6.7825, 51.2325, 300.0, 180.0, 30.0),
    ("green", "Nordpark", 6.7645, 51.2555, 380.0, 260.0, 60.0),
    ("green", "Südpark", 6.7935, 51.1935, 420.0, 260.0, 10.0),
    ("green", "Grafenberger Wald", 6.8455, 51.2405, 650.0, 450.0, 30.0),
    ("green", "Aaper Wald", 6.8455, 51.2645, 700.0, 450.0, 40.0),
    ("green", "Schlosspark Benrath", 6.8705, 51.1585, 380.0, 300.0, 0.0),
    ("W", "Wohngebiet Oberkassel", 6.7505, 51.2345, 600.0, 450.0, 60.0),
    ("W", "Wohngebiet Pempelfort", 6.7905, 51.2435, 550.0, 400.0, 0.0),
    ("W", "Wohngebiet Bilk", 6.7765, 51.2055, 650.0, 450.0, 0.0),
    ("W", "Wohngebiet Düsseltal", 6.8045, 51.2385, 450.0, 350.0, 0.0),
    ("W", "Wohngebiet Gerresheim", 6.8655, 51.2305, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Eller", 6.8555, 51.2035, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Unterrath", 6.7905, 51.2735, 650.0, 450.0, 0.0),
    ("W", "Wohngebiet Kaiserswerth", 6.7395, 51.3035, 550.0, 450.0, 0.0),
    ("W", "Wohngebiet Benrath", 6.8805, 51.1625, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Garath", 6.8955, 51.1385, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Wersten", 6.8205, 51.1835, 550.0, 400.0, 0.0),
    ("W", "Wohngebiet Heerdt", 6.7155, 51.2305, 500.0, 400.0, 0.0),
    ("MI", "Mischgebiet Friedrichstadt", 6.7855, 51.2125, 400.0, 280.0, 0.0),
)


def _duesseldorf_zones(rng: np.random.Generator) -> gpd.GeoDataFrame:
    geoms: list[shapely.Geometry] = []
    for _, _, lon, lat, _, ha, _, _ in DUESSELDORF_ZONES:
        poly = polygon_of_area(rng, *utm(lon, lat), ha * 10_000, n=16)
        for other in geoms:  # no overlaps between zones
            poly = poly.difference(other.buffer(30.0))
        geoms.append(shapely.normalize(poly))
    return gpd.GeoDataFrame(
        {
            "zone_id": [z[0] for z in DUESSELDORF_ZONES],
            "name": [f"Kernzone {z[1]}" for z in DUESSELDORF_ZONES],
            "category": [z[4] for z in DUESSELDORF_ZONES],
            "adopted_on": pd.to_datetime([z[6] for z in DUESSELDORF_ZONES]).astype(
                "datetime64[ns]"
            ),
        },
        geometry=geoms,
        crs=CRS,
    )


def _duesseldorf_preemption(rng: np.random.Generator, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    chosen = ["KZ01", "KZ03", "KZ04", "KZ05", "KZ06", "KZ10"]
    since = ["2020-03-01", "2020-03-01", "2020-03-01", "2021-09-15", "2022-05-20", "2023-11-01"]
    rows, geoms = [], []
    for k, (zid, date) in enumerate(zip(chosen, since, strict=True)):
        z = zones.loc[zones["zone_id"] == zid]
        zone = z.geometry.iloc[0]
        c = zone.centroid
        ang = rng.uniform(0, np.pi)
        shift = rng.uniform(-0.25, 0.15) * np.sqrt(zone.area)
        half = shapely.Polygon([(-3000, 0), (3000, 0), (3000, 3000), (-3000, 3000)])
        half = shapely.affinity.rotate(
            shapely.affinity.translate(half, 0, shift), ang, origin=(0, 0), use_radians=True
        )
        half = shapely.affinity.translate(half, c.x, c.y)
        part = zone.intersection(half).buffer(40.0, join_style="mitre").simplify(1.0)
        place = z["name"].iloc[0].removeprefix("Kernzone ")
        rows.append(
            {
                "area_id": f"VK{k + 1:02d}",
                "name": f"Vorkaufsrechtsgebiet {place}",
                "legal_basis": LEGAL_BASIS,
                "in_force_since": pd.Timestamp(date),
                "statute": "Satzung über ein besonderes Vorkaufsrecht für Teile der Gewerbe- und "
                f"Industriekernzone {place}",
            }
        )
        geoms.append(shapely.normalize(part))
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs=CRS)
    gdf["in_force_since"] = gdf["in_force_since"].astype("datetime64[ns]")
    return gdf


def _duesseldorf_parcels(
    rng: np.random.Generator, zones: gpd.GeoDataFrame, target: int = 5000
) -> gpd.GeoDataFrame:
    """A gap-free partition of the zones and their surroundings into Flurstücke."""
    zg = zones.geometry.to_numpy()
    region = shapely.union_all(shapely.buffer(zg, 250.0, join_style="mitre"))
    region = shapely.simplify(region, 1.0)
    inside_area = shapely.area(zg).sum()
    outside_area = region.area - inside_area
    spacing = np.sqrt((inside_area + outside_area / 0.5) / target)
    seeds_all: list[np.ndarray] = []
    centres = shapely.get_coordinates(shapely.centroid(zg))
    for k, g in enumerate(zg):
        ang = rng.uniform(0, np.pi)
        sx, sy = spacing * 1.35, spacing / 1.35
        minx, miny, maxx, maxy = g.buffer(260).bounds
        r = np.hypot(maxx - minx, maxy - miny)
        i = np.arange(-r / sx, r / sx + 1)
        j = np.arange(-r / sy, r / sy + 1)
        uu, vv = np.meshgrid(i * sx, j * sy)
        uv = np.column_stack([uu.ravel(), vv.ravel()])
        uv += rng.uniform(-0.22, 0.22, uv.shape) * [sx, sy]
        xy = centres[k] + uv @ np.array([[np.cos(ang), np.sin(ang)], [-np.sin(ang), np.cos(ang)]])
        pts = shapely.points(xy)
        in_zone = shapely.contains_xy(g, xy[:, 0], xy[:, 1])
        # finer parcels outside the zone: add a second, offset seed in each lattice cell
        extra = xy[~in_zone] + rng.uniform(-0.3, 0.3, (int((~in_zone).sum()), 2)) * spacing
        xy = np.concatenate([xy, extra])
        pts = shapely.points(xy)
        d = shapely.distance(pts[:, None], zg[None, :])
        own = np.argmin(d, axis=1) == k
        keep = own & shapely.contains_xy(region, xy[:, 0], xy[:, 1])
        seeds_all.append(xy[keep])
    seeds = np.round(np.concatenate(seeds_all), 2)
    seeds = np.unique(seeds, axis=0)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(seeds), extend_to=region.buffer(500), ordered=True
        )
    )
    parcels = shapely.intersection(cells, region)
    parts = [shapely.get_parts(p) for p in parcels]
    parcels = np.array(
        [
            shapely.normalize(shapely.multipolygons([q for q in ps if q.geom_type == "Polygon"]))
            if len(ps) > 1
            else shapely.normalize(ps[0])
            for ps in parts
        ],
        dtype=object,
    )
    good = ~shapely.is_empty(parcels) & (shapely.area(parcels) > 1.0)
    parcels = parcels[good]

    # Gemarkung by nearest zone, Flur by a 500 m sheet grid, Zähler numbered along the sheet
    rep = shapely.get_coordinates(shapely.point_on_surface(parcels))
    nearest = np.argmin(shapely.distance(shapely.points(rep)[:, None], zg[None, :]), axis=1)
    gemarkung = np.array([DUESSELDORF_ZONES[k][7] for k in nearest])
    sheet = np.floor(rep / 500.0).astype(int)
    df = pd.DataFrame(
        {
            "gemarkung": gemarkung,
            "sx": sheet[:, 0],
            "sy": -sheet[:, 1],
            "x": rep[:, 0],
            "y": -rep[:, 1],
        }
    )
    df["flur"] = _flur_numbers(df)
    df = df.sort_values(["gemarkung", "flur", "y", "x"])
    ids: dict[int, str] = {}
    for (gem, flur), g in df.groupby(["gemarkung", "flur"], sort=True):
        zaehler = int(rng.integers(1, 40))
        pending = 0
        nenner = 0
        for idx in g.index:
            if pending == 0:
                zaehler += int(rng.integers(1, 4))
                if rng.random() < 0.15:
                    pending, nenner = int(rng.integers(2, 5)), int(rng.integers(0, 3))
            if pending > 0:
                nenner += int(rng.integers(1, 3))
                pending -= 1
                nen = f"{nenner:04d}"
            else:
                nen = "____"
            ids[idx] = f"05{gem}{int(flur):03d}{zaehler:05d}{nen}__"
    pid = np.array([ids[i] for i in range(len(parcels))])
    order = np.argsort(pid)
    gdf = gpd.GeoDataFrame({"parcel_id": pid[order]}, geometry=parcels[order], crs=CRS)
    assert gdf["parcel_id"].is_unique
    return gdf


def _flur_numbers(df: pd.DataFrame) -> pd.Series:
    out = pd.Series(0, index=df.index, dtype=int)
    for _, g in df.groupby("gemarkung", sort=True):
        keys = pd.MultiIndex.from_arrays([g["sy"], g["sx"]])
        codes, _ = pd.factorize(keys, sort=True)
        out.loc[g.index] = codes + 1
    return out


def _duesseldorf_sites(
    rng: np.random.Generator,
    zones: gpd.GeoDataFrame,
    *,
    place_rng: np.random.Generator,
    base: geography.Base,
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """34 sites inside core zones and 46 in the commercial clusters outside them.

    The loop below is generator 1.0's (its draws from ``rng`` give the sizes and,
    after it, the statuses and attributes, so the land figures stay put); the sites
    it placed uniformly outside the zones are moved into the clusters with
    ``place_rng``. Returns the sites and the cluster index of each (-1: core zone).
    """
    zg = zones.geometry.to_numpy()
    x0, y0 = utm(*DUESSELDORF)
    rhine = shapely.LineString([utm(lon, lat) for lon, lat in DUESSELDORF_RHINE]).buffer(250)
    centre = shapely.Point(x0, y0).buffer(1800)
    avoid_outside = shapely.union_all([rhine, centre, *shapely.buffer(zg, 100)])
    accepted: list[shapely.Geometry] = []
    in_zone: list[bool] = []
    n_in, n_out = 34, 46
    while len(accepted) < n_in + n_out:
        inside = len(accepted) < n_in
        ha = float(np.clip(rng.lognormal(np.log(1.6), 0.7), 0.3, 9.0))
        if rng.random() < 0.04:
            ha = float(rng.uniform(10, 16))
        if inside:
            z = zg[int(rng.integers(len(zg)))]
            x, y = random_points_in(rng, z, 1)[0]
            poly = quad_polygons(rng, np.array([x]), np.array([y]), np.array([ha * 10_000]))[0]
            poly = shapely.normalize(poly.intersection(z))
            if poly.geom_type != "Polygon" or poly.area < 2500:
                continue
        else:
            x, y = rng.uniform([x0 - 7500, y0 - 8500], [x0 + 7500, y0 + 8500])
            poly = quad_polygons(rng, np.array([x]), np.array([y]), np.array([ha * 10_000]))[0]
            if poly.intersects(avoid_outside):
                continue
        if accepted and shapely.intersects(poly, np.array(accepted)).any():
            continue
        if any(poly.distance(a) < 30 for a in accepted):
            continue
        accepted.append(poly)
        in_zone.append(inside)
    n = len(accepted)
    geoms = np.array(accepted, dtype=object)
    status = rng.choice(["available", "reserved", "taken_up"], n, p=[0.42, 0.18, 0.40]).astype(
        object
    )
    restriction = rng.choice(["none", "minor", "major"], n, p=[0.35, 0.4, 0.25]).astype(object)
    restriction[status == "taken_up"] = rng.choice(
        ["none", "minor"], int((status == "taken_up").sum()), p=[0.7, 0.3]
    )
    years = np.zeros(n, dtype=int)
    per_year = dict.fromkeys(range(2012, 2026), 0.0)
    areas = shapely.area(geoms)
    for i in np.flatnonzero(status == "taken_up"):  # spread take-up evenly over the years
        y = min(per_year, key=lambda k: (per_year[k] + rng.uniform(0, 3e4), k))
        years[i], per_year[y] = y, per_year[y] + areas[i]
    taken_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    taken_on[status == "taken_up"] = _taken_dates(rng, years[status == "taken_up"])
    attrs = _site_attributes(rng, status, restriction)
    outside = ~np.array(in_zone)
    at = shapely.get_coordinates(shapely.centroid(geoms[outside]))
    shapes = np.array(
        [
            shapely.affinity.translate(g, -x, -y)
            for g, (x, y) in zip(geoms[outside], at, strict=True)
        ],
        dtype=object,
    )
    core = shapely.union_all(shapely.buffer(zg, 100.0))
    placed, cluster_out = geography.place_in_clusters(
        place_rng,
        shapes,
        geography.DUESSELDORF_CLUSTERS,
        within=base.boundary,
        avoid=shapely.union_all(
            [base.obstacles(), core, centre, *shapely.buffer(geoms[~outside], 30.0)]
        ),
    )
    geoms[outside] = placed
    cluster = np.full(n, -1)
    cluster[outside] = cluster_out
    xy = shapely.get_coordinates(shapely.centroid(geoms))
    gdf = gpd.GeoDataFrame(
        {
            "site_id": [f"D-S{k + 1:03d}" for k in range(n)],
            "status": status,
            "restriction": restriction,
            "name": _site_names(_nearest_name(xy, DUESSELDORF_DISTRICTS)),
            "taken_up_on": taken_on,
            "brownfield": attrs["brownfield"],
            "planning_basis": attrs["planning_basis"],
            "owner_type": attrs["owner_type"],
        },
        geometry=geoms,
        crs=CRS,
    )
    _add_planning_stages(gdf, np.random.default_rng([SEEDS["duesseldorf"], 13]))
    return gdf, cluster


# --------------------------------------------------------------------------- Dorsten

DORSTEN = (6.965, 51.661)
DORSTEN_QUARTERS = (
    ("A1", "Marktviertel", ((0.0, 0.02), (-0.35, 0.05), (0.15, -0.15))),
    ("A2", "Lippetor", ((0.0, 0.7), (-0.45, 0.6), (0.4, 0.62))),
    ("A3", "Recklinghäuser Tor", ((0.7, 0.05), (0.6, -0.4))),
    ("A4", "Essener Tor", ((-0.1, -0.7), (-0.55, -0.45))),
)
DORSTEN_STREETS = (
    Street("Lippestraße", ((0.0, 0.12), (0.02, 0.5), (0.05, 0.95)), "1a", 3.0),
    Street("Essener Straße", ((0.0, -0.12), (-0.03, -0.5), (-0.06, -0.95)), "1a", 3.0),
    Street("Markt", ((-0.22, 0.0), (0.22, 0.0)), "1a", 2.2),
    Street("Recklinghäuser Straße", ((0.22, 0.0), (0.6, -0.05), (0.95, -0.1)), "1b", 2.0),
    Street("Ursulastraße", ((-0.2, 0.32), (-0.7, 0.38)), "2", 1.0),
    Street("Klosterstraße", ((-0.45, -0.05), (-0.5, -0.55)), "2", 0.8),
    Street("Südwall", ((-0.55, -0.72), (0.0, -0.86), (0.55, -0.72)), "2", 0.6),
    Street("Westwall", ((-0.86, -0.4), (-0.9, 0.4)), "2", 0.5),
    Street("Ostwall", ((0.84, 0.35), (0.86, -0.45)), "2", 0.5),
)


def build_dorsten(seed: int = SEEDS["dorsten"]) -> gi.City:
    """Dorsten: four quarters in the Altstadt ring, ~150 units × 4 surveys, Altstadtfonds."""
    frame = Frame.at(*DORSTEN, ax=280.0, ay=230.0, angle_deg=-6.0)
    ring = wobbly_oval(frame, np.random.default_rng([seed, 1]), n=64)
    quarters = make_quarters(frame, ring, DORSTEN_QUARTERS, "Dorsten", "Altstadt")
    units_spec = UnitsSpec(
        prefix="DOR",
        n_units=150,
        new_units=(0, 2, 1, 1),
        streets=DORSTEN_STREETS,
        background_share=0.1,
        target_vacancy=0.12,
        quarter_effect={"A4": 0.4, "A3": 0.3},
        hot_spots=((-0.1, -0.65, 1.0, 60.0), (0.7, -0.2, 0.6, 50.0)),
        fund="Altstadtfonds",
        fund_share=0.35,
        year_factor=(1.0, 1.1, 1.0, 0.9),
        owners=45,
    )
    units = make_units(np.random.default_rng([seed, 2]), frame, quarters, units_spec)
    units = refine_uses(
        np.random.default_rng([seed, 11]),
        units,
        quarters,
        chain_share={"A1": 0.3, "A2": 0.2},
        gastronomy_share={"A1": 0.25},
    )
    offers_rng = np.random.default_rng([seed, 14])
    units = add_offers(offers_rng, units)
    requests = make_requests(offers_rng, quarters, units, prefix="DOR", n=22)
    footfall = make_footfall(
        np.random.default_rng([seed, 12]),
        frame,
        DORSTEN_STREETS,
        (
            CounterSpec("DOR-Z1", "Lippestraße", "Lippestraße", 0.3, 6_500, -0.04),
            CounterSpec("DOR-Z2", "Essener Straße", "Essener Straße", 0.3, 4_800, -0.01),
            CounterSpec("DOR-Z3", "Markt", "Markt", 0.5, 3_900, 0.02),
        ),
    )
    base = geography.dorsten_base(np.random.default_rng([seed, 8]))
    context = _context(
        np.random.default_rng([seed, 9]),
        base,
        "DOR",
        clusters=geography.DORSTEN_CLUSTERS,
        sites=None,
        cluster=None,
        residential=None,
        centre=("Kerngebiet Altstadt", ring),
        extra=DORSTEN_LANDUSE,
    )
    meta = _meta(
        "Dorsten",
        seed,
        "Synthetische Altstadt Dorsten: vier Quartiere innerhalb des ehemaligen Wallrings, "
        "Leerstandserhebungen 2022–2025 mit Altstadtfonds; Orientierung: Stadtgrenze, die "
        "11 Stadtteile, Flächennutzung, Lippe und Wesel-Datteln-Kanal, Bahn und Hauptstraßen "
        "(Geometrie synthetisch).",
    )
    meta["pedestrian_zone"] = (
        "Fußgängerzone Lippestraße – Markt – Essener Straße: die Einheiten mit location_class '1a'"
    )
    return gi.City(
        quarters=quarters,
        units=units,
        context=context,
        requests=requests,
        footfall=footfall,
        meta=meta,
    )


DORSTEN_LANDUSE = (
    ("green", "Grünzug Lippeaue", 6.930, 51.6690, 900.0, 160.0, 0.0),
    ("W", "Wohngebiet Hardt", 6.956, 51.6775, 550.0, 400.0, 0.0),
    ("W", "Wohngebiet Hervest", 6.995, 51.6885, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Holsterhausen", 6.922, 51.6785, 600.0, 450.0, 0.0),
    ("W", "Wohngebiet Östrich", 6.934, 51.6455, 450.0, 350.0, 0.0),
    ("W", "Wohngebiet Feldmark", 6.982, 51.6505, 500.0, 380.0, 0.0),
    ("W", "Wohngebiet Wulfen-Barkenberg", 7.020, 51.7265, 650.0, 500.0, 0.0),
    ("W", "Wohngebiet Lembeck", 6.990, 51.7565, 400.0, 320.0, 0.0),
    ("W", "Wohngebiet Rhade", 6.915, 51.7435, 380.0, 300.0, 0.0),
    ("W", "Wohngebiet Deuten", 7.078, 51.7055, 300.0, 250.0, 0.0),
    ("W", "Wohngebiet Altendorf-Ulfkotte", 7.040, 51.6455, 350.0, 280.0, 0.0),
    ("MI", "Mischgebiet Bahnhof", 6.9755, 51.6605, 220.0, 160.0, 0.0),
)


# --------------------------------------------------------------------------- meta, main


def _meta(name: str, seed: int, description: str) -> dict[str, object]:
    return {
        "name": name,
        "as_of": AS_OF,
        "synthetic": True,
        "source": SOURCE,
        "license": LICENSE,
        "generator": GENERATOR,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "crs": CRS,
        "description": description,
        "survey_dates": [d.strftime("%Y-%m-%d") for d in SURVEY_DATES],
        "note": QUARTER_NOTE,
        "uses_note": USES_NOTE,
        "footfall_note": FOOTFALL_NOTE,
        "requests_note": REQUESTS_NOTE,
    }


BUILDERS: dict[str, Callable[[int], gi.City]] = {
    "dortmund": build_dortmund,
    "duesseldorf": build_duesseldorf,
    "dorsten": build_dorsten,
}


def conformed(city: gi.City) -> gi.City:
    """Schema dtypes for every layer; raises if any layer does not validate cleanly."""
    out = gi.City(meta=dict(city.meta), footfall=city.footfall)
    for kind, gdf in city.layers().items():
        gdf = conform(gdf, kind).reset_index(drop=True)
        if gi.schema.spec(kind).has_geometry:
            name = gdf.geometry.name
            gdf = gdf[[c for c in gdf.columns if c != name] + [name]]  # geometry last, as read
        report = gi.validate(gdf, kind, source=f"{city.name}:{kind}", quarters=city.quarters)
        report.raise_for_errors()
        if kind == "requests" and len(report.warnings):
            raise ValueError(f"{city.name}: sample requests with warnings:\n{report}")
        setattr(out, kind, gdf)
    return out


def build(name: str) -> gi.City:
    """Build one sample city (conformed to the schema and validated)."""
    return conformed(BUILDERS[name](SEEDS[name]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="output directory (default: next to this script)",
    )
    parser.add_argument(
        "--only", nargs="+", choices=sorted(BUILDERS), help="build only these samples"
    )
    args = parser.parse_args(argv)
    for name in args.only or list(BUILDERS):
        city = build(name)
        path = gi.write_city(city, args.out / f"{name}.gpkg", personal=True)
        print(f"{path}: {city!r}")
        # the land use as a synthetic XPlanGML 6.0 F-Plan excerpt (gi.read_xplan reads it)
        print(write_fplan(city, args.out / f"{name}_fnp.gml"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
