"""Tile sets for the local-basemap tests: PNG tiles over the land map's extent.

The tile numbers come from the slippy-map formula written out here (not from the code under
test); each tile is a PNG made with PIL, one colour per tile.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
from PIL import Image

from helpers.maps import make_land_city

ZOOMS = (12, 13, 14)
#: Documented padding of the extent: 10 % of width and height, at least 0.002°.
PAD, MIN_PAD = 0.1, 0.002


def slippy(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The OSM wiki formula: x from the west, y from the north."""
    n = 2**z
    lat_r = math.radians(lat)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.log(math.tan(lat_r) + 1.0 / math.cos(lat_r)) / math.pi) / 2.0 * n)
    return x, y


def data_extent() -> tuple[float, float, float, float]:
    """lon/lat bounds of the land map's data layers (what the map fits)."""
    city = make_land_city()
    boxes = np.vstack(
        [
            getattr(city, k).to_crs("EPSG:4326").total_bounds
            for k in ("sites", "core_zones", "preemption_areas", "residential")
        ]
    )
    return (boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max())


def padded(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    px = max((b[2] - b[0]) * PAD, MIN_PAD)
    py = max((b[3] - b[1]) * PAD, MIN_PAD)
    return b[0] - px, b[1] - py, b[2] + px, b[3] + py


def tile_png(z: int, x: int, y: int) -> bytes:
    buf = io.BytesIO()
    colour = ((x * 37) % 256, (y * 53) % 256, (z * 71) % 256)
    im = Image.new("RGB", (256, 256), colour)
    for i in range(0, 256, 32):  # a grid, so that the tile is not one flat colour
        im.paste((255, 255, 255), (i, 0, i + 1, 256))
    im.save(buf, format="PNG")
    return buf.getvalue()


def make_tiles(margin: int = 3) -> dict[str, bytes]:
    """PNG tiles for ZOOMS over the padded extent and ``margin`` tiles more on every side."""
    lon0, lat0, lon1, lat1 = padded(data_extent())
    tiles = {}
    for z in ZOOMS:
        xa, ya = slippy(lon0, lat1, z)
        xb, yb = slippy(lon1, lat0, z)
        for x in range(xa - margin, xb + margin + 1):
            for y in range(ya - margin, yb + margin + 1):
                tiles[f"{z}/{x}/{y}"] = tile_png(z, x, y)
    return tiles


def write_folder(root: Path, tiles: dict[str, bytes], metadata: dict | None = None) -> Path:
    for key, data in tiles.items():
        z, x, y = key.split("/")
        (root / z / x).mkdir(parents=True, exist_ok=True)
        (root / z / x / f"{y}.png").write_bytes(data)
    if metadata is not None:
        (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return root
