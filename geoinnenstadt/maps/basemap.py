"""Local basemaps: tiles the city's GIS department already has, embedded in the offline page.

A basemap is a folder of tiles (``{z}/{x}/{y}.png``, also ``.jpg``,
``.jpeg``, ``.webp``) or an MBTiles file (SQLite: ``tiles(zoom_level,
tile_column, tile_row, tile_data)`` with TMS rows counted from the south,
``metadata(name, value)``).

* **Numbering (``scheme``).** Rows of a folder count from the north (XYZ,
  "slippy map") or from the south (TMS: ``y_tms = 2**z - 1 - y``), which is
  what ``gdal2tiles`` writes unless run with ``--xyz``. ``scheme="xyz"`` or
  ``"tms"`` says which; without it a folder holding ``tilemapresource.xml``
  (written by gdal2tiles in TMS mode only) is TMS, and otherwise the extent
  decides: a folder with no tile in the map's extent under XYZ numbering but
  some under TMS numbering is TMS (the flipped rows of a German city lie in
  the southern hemisphere, so both cannot hold tiles there). MBTiles are TMS
  by their specification. A ``tilemapresource.xml`` whose ``TileSets`` profile
  is not web mercator (``geodetic``, ``raster``) is refused: those tiles do not
  fit the map. Only the tiles that intersect the map's extent
(the data layers, padded by :data:`PAD_FRACTION` on every side) for a zoom
range are embedded, base64-encoded in one JSON block; the page draws them
with a Leaflet tile layer in the ``tilePane`` (beneath the context and the
data) that never makes a request: tiles outside the embedded set are a
transparent 1×1 PNG. Beyond the embedded zooms Leaflet scales the nearest
embedded zoom (``minNativeZoom``/``maxNativeZoom``).

* **Zoom range.** Default: from the zoom at which the extent fits in about
  :data:`FIT_PIXELS` pixels up to 4 levels more, clipped to the zooms the tile
  set has; ``zoom=(lo, hi)`` overrides.
* **Size cap.** ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`, 25 MB of
  tile data; the page grows by about 4/3 of that as base64). Above it a
  :class:`BasemapError` says how many tiles and bytes the range would take
  and which narrower zoom range fits.
* **Attribution.** The ``attribution`` parameter, else the tile set's
  metadata (MBTiles ``metadata`` table; for a folder ``metadata.json`` or
  ``tilejson.json`` with ``"attribution"``, whose HTML is reduced to its
  text). Without any a :class:`BasemapError` asks for it. The text is
  escaped and shown in the map's attribution control.
* **Checks.** Every tile's first bytes must be PNG, JPEG or WebP; other
  tiles are skipped and named in a warning (never silently).

Examples
--------
>>> from geoinnenstadt.maps import basemap
>>> basemap.tile_xy(7.465, 51.514, 14)
(8531, 5447)
>>> basemap.fit_zoom((7.40, 51.47, 7.55, 51.56))
13
"""

from __future__ import annotations

import base64
import json
import math
import sqlite3
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from .. import labels
from ..assets import escape_text, script_json
from ..context import MAX_ZOOM
from ..errors import DataFileError, GeoinnenstadtError, GeoinnenstadtWarning

if TYPE_CHECKING:  # pragma: no cover
    import folium

__all__ = ["DEFAULT_MAX_BYTES", "Basemap", "BasemapError", "BasemapTiles", "fit_zoom", "tile_xy"]

#: Default size cap of the embedded tile data (bytes before base64).
DEFAULT_MAX_BYTES = 25_000_000
#: The default zoom range starts where the extent fits in this many pixels.
FIT_PIXELS = 1000
#: Levels above the fitting zoom embedded by default.
ZOOM_LEVELS_ABOVE_FIT = 4
#: The map's extent is padded by this share of its width and height on every side.
PAD_FRACTION = 0.1
#: Minimum padding in degrees (an extent of one point).
_MIN_PAD_DEG = 0.002
#: Row numberings of a tile folder: XYZ (rows from the north) and TMS (from the south).
SCHEMES = ("xyz", "tms")
#: The file gdal2tiles writes into a folder of TMS tiles (never with ``--xyz``).
TILEMAP_RESOURCE = "tilemapresource.xml"
#: ``TileSets`` profiles of web-mercator tiles (gdal2tiles; the OSGeo TMS specification).
MERCATOR_PROFILES = ("mercator", "global-mercator")
#: Tile file extensions of a folder, in the order they are looked for.
TILE_EXTENSIONS = ("png", "jpg", "jpeg", "webp")
_MIME_CODES = {"image/png": "p", "image/jpeg": "j", "image/webp": "w"}


class BasemapError(GeoinnenstadtError, ValueError):
    """A basemap cannot be embedded: no attribution, too large, no tiles, bad zoom range."""


@dataclass
class BasemapTiles:
    """The tiles of a basemap selected for one extent (see :meth:`Basemap.select`).

    Attributes
    ----------
    tiles : dict
        ``"z/x/y"`` (XYZ numbering, y from the north) → ``(mime type, bytes)``.
    zoom : tuple of int
        The zoom range embedded (``minNativeZoom``, ``maxNativeZoom`` of the page).
    attribution : str
        Plain text (escaped when it is put into the page).
    skipped : list of str
        ``"z/x/y"`` of tiles skipped as corrupt (not PNG, JPEG or WebP).
    scheme : {"xyz", "tms"}
        The numbering of the source's rows (given, from ``tilemapresource.xml``
        or detected from the extent); the keys above are XYZ either way.
    """

    tiles: dict[str, tuple[str, bytes]]
    zoom: tuple[int, int]
    attribution: str
    bounds: tuple[float, float, float, float]
    skipped: list[str] = field(default_factory=list)
    scheme: str = "xyz"

    @property
    def n_tiles(self) -> int:
        """Number of tiles embedded."""
        return len(self.tiles)

    @property
    def n_bytes(self) -> int:
        """Bytes of tile data embedded (before base64)."""
        return sum(len(b) for _, b in self.tiles.values())

    def payload(self) -> dict[str, Any]:
        """The JSON data block of the page: zooms, mime codes, ``"z/x/y"`` → code + base64."""
        codes = {code: mime for mime, code in _MIME_CODES.items()}
        return {
            "minZoom": self.zoom[0],
            "maxZoom": self.zoom[1],
            "mime": codes,
            "tiles": {
                key: _MIME_CODES[mime] + base64.b64encode(data).decode("ascii")
                for key, (mime, data) in self.tiles.items()
            },
        }


# ---------------------------------------------------------------------------------------
# tile arithmetic (web mercator, XYZ numbering)
# ---------------------------------------------------------------------------------------


def _merc(lon: float, lat: float) -> tuple[float, float]:
    """Position in the world square, 0–1 from the west and from the north."""
    lat = max(min(lat, 85.0511287798), -85.0511287798)
    x = (lon + 180.0) / 360.0
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0
    return x, y


def tile_xy(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The XYZ tile holding a point (the "slippy map" numbering, y from the north).

    Examples
    --------
    >>> from geoinnenstadt.maps.basemap import tile_xy
    >>> tile_xy(0.0, 0.0, 1)
    (1, 1)
    """
    n = 2**zoom
    x, y = _merc(lon, lat)
    return min(int(x * n), n - 1), min(int(y * n), n - 1)


def fit_zoom(bounds: tuple[float, float, float, float], pixels: int = FIT_PIXELS) -> int:
    """The largest zoom at which ``bounds`` (lon/lat) fit into ``pixels`` × ``pixels``.

    Examples
    --------
    >>> from geoinnenstadt.maps.basemap import fit_zoom
    >>> fit_zoom((7.0, 51.0, 8.0, 52.0))
    9
    """
    x0, y1 = _merc(bounds[0], bounds[1])
    x1, y0 = _merc(bounds[2], bounds[3])
    span = max(abs(x1 - x0), abs(y1 - y0), 1e-12)
    return int(min(max(math.floor(math.log2(pixels / (256.0 * span))), 0), MAX_ZOOM))


def _padded(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    lon0, lat0, lon1, lat1 = bounds
    px = max((lon1 - lon0) * PAD_FRACTION, _MIN_PAD_DEG)
    py = max((lat1 - lat0) * PAD_FRACTION, _MIN_PAD_DEG)
    return lon0 - px, lat0 - py, lon1 + px, lat1 + py


def _tile_range(bounds: tuple[float, float, float, float], zoom: int) -> tuple[int, int, int, int]:
    """``(x0, x1, y0, y1)``, inclusive, of the XYZ tiles intersecting ``bounds``."""
    x0, y1 = tile_xy(bounds[0], bounds[1], zoom)
    x1, y0 = tile_xy(bounds[2], bounds[3], zoom)
    return x0, x1, y0, y1


def _mime(data: bytes) -> str | None:
    """The image type from the magic bytes (PNG, JPEG, WebP), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def blank_png() -> bytes:
    r"""A transparent 1×1 PNG (what the page shows where no tile is embedded).

    Examples
    --------
    >>> from geoinnenstadt.maps.basemap import blank_png
    >>> blank_png()[:8] == b"\x89PNG\r\n\x1a\n"
    True
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1×1, 8 bit RGBA
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")  # filter byte + one transparent pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


class _TextOnly(HTMLParser):
    """The text of an HTML attribution (links reduced to their text; scripts dropped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _plain_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


# ---------------------------------------------------------------------------------------
# the tile set
# ---------------------------------------------------------------------------------------


class Basemap:
    """A local tile set: an XYZ folder or an MBTiles file (see the module docstring).

    Parameters
    ----------
    source : str or Path
        A folder ``{z}/{x}/{y}.png`` (or ``.jpg``, ``.jpeg``, ``.webp``) or an
        ``.mbtiles`` file (opened read-only).
    scheme : {"xyz", "tms"}, optional
        Row numbering of the tiles (see the module docstring). Default: TMS
        for MBTiles and for a folder with gdal2tiles' ``tilemapresource.xml``,
        else detected from the map's extent (XYZ when tiles are found that way).
    zoom : (int, int), optional
        Zoom range to embed; default from the extent (see :meth:`zoom_range`).
    attribution : str, optional
        Attribution text (plain text); wins over the tile set's metadata.
    max_bytes : int, default :data:`DEFAULT_MAX_BYTES`
        Cap of the embedded tile data in bytes.

    Raises
    ------
    DataFileError
        The path is missing or not a tile folder or an MBTiles file; an
        unreadable ``tilemapresource.xml``.
    BasemapError
        No attribution anywhere; a bad zoom range; vector tiles; a scheme other
        than ``"xyz"``/``"tms"``; tiles cut for another profile than web mercator.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geoinnenstadt.maps import Basemap
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "14" / "8531").mkdir(parents=True)
    >>> _ = (folder / "14" / "8531" / "5447.png").write_bytes(Basemap.blank_tile)
    >>> bm = Basemap(folder, attribution="Stadt Dortmund")
    >>> bm.kind, bm.zooms
    ('xyz', (14,))
    >>> tiles = bm.select((7.464, 51.513, 7.466, 51.515))
    >>> tiles.n_tiles, tiles.zoom, tiles.n_bytes == len(Basemap.blank_tile)
    (1, (14, 14), True)
    """

    #: The transparent 1×1 PNG of empty places.
    blank_tile: bytes = blank_png()

    def __init__(
        self,
        source: str | Path,
        *,
        zoom: tuple[int, int] | None = None,
        attribution: str | None = None,
        max_bytes: int | None = None,
        scheme: str | None = None,
    ) -> None:
        self.path = Path(source).expanduser()
        if not self.path.exists():
            raise DataFileError(
                f"basemap {str(self.path)!r} does not exist; give a folder of XYZ tiles "
                "({z}/{x}/{y}.png) or an .mbtiles file",
                self.path,
            )
        self.kind = "xyz" if self.path.is_dir() else "mbtiles"
        self.max_bytes = int(DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
        if self.max_bytes <= 0:
            raise BasemapError(f"basemap_max_bytes must be positive, got {max_bytes!r}")
        self.zoom = _check_zoom(zoom)
        if scheme is not None and scheme not in SCHEMES:
            raise BasemapError(
                f"basemap scheme must be 'xyz' (rows from the north) or 'tms' (rows from the "
                f"south, gdal2tiles' default), got {scheme!r}"
            )
        tilemap = self._tilemap_profile() if self.kind == "xyz" else None
        #: "xyz", "tms", or None: decided from the map's extent in :meth:`select`.
        self.scheme: str | None = scheme
        if scheme is None and (self.kind == "mbtiles" or tilemap is not None):
            self.scheme = "tms"
        self.metadata = self._read_metadata()
        fmt = str(self.metadata.get("format", "")).lower()
        if fmt in ("pbf", "mvt"):
            raise BasemapError(
                f"basemap {self.path.name!r} holds vector tiles (format {fmt!r}); only raster "
                "tiles (PNG, JPEG, WebP) can be embedded"
            )
        self.zooms = self._zooms()
        if not self.zooms:
            raise BasemapError(f"basemap {str(self.path)!r} holds no tiles")
        if attribution is not None and str(attribution).strip():
            self.attribution = " ".join(str(attribution).split())
        elif str(self.metadata.get("attribution") or "").strip():
            self.attribution = _plain_text(str(self.metadata["attribution"]))
        else:
            where = (
                "its metadata table has no 'attribution'"
                if self.kind == "mbtiles"
                else 'the folder has no metadata.json or tilejson.json with "attribution"'
            )
            raise BasemapError(
                f"basemap {str(self.path)!r} has no attribution ({where}); tiles must be "
                "credited: pass basemap_attribution='© …' (CLI: --basemap-attribution TEXT)"
            )

    def __repr__(self) -> str:
        scheme = self.scheme or "detected from the extent"
        return (
            f"Basemap({str(self.path)!r}, kind={self.kind!r}, scheme={scheme!r}, "
            f"zooms={self.zooms})"
        )

    # -- reading -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
            con.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise DataFileError(
                f"basemap {str(self.path)!r} is not a readable MBTiles file ({exc}); give a "
                "folder of XYZ tiles or an .mbtiles file",
                self.path,
            ) from exc
        return con

    def _tilemap_profile(self) -> str | None:
        """The ``TileSets`` profile of gdal2tiles' ``tilemapresource.xml``.

        ``""`` when it names none, None without the file; refuses profiles other
        than web mercator.
        """
        file = self.path / TILEMAP_RESOURCE
        if not file.is_file():
            return None
        try:
            root = ElementTree.parse(file).getroot()
        except (ElementTree.ParseError, OSError) as exc:
            raise DataFileError(
                f"basemap {str(file)!r} is not readable XML ({exc}); delete it if the folder is "
                "not a TMS tile set, or pass basemap=gi.maps.Basemap(path, scheme='xyz'|'tms')",
                file,
            ) from exc
        tilesets = root.find("TileSets")
        profile = "" if tilesets is None else str(tilesets.get("profile", ""))
        if profile and profile not in MERCATOR_PROFILES:
            raise BasemapError(
                f"basemap {str(self.path)!r} was cut with the {profile!r} profile "
                f"({TILEMAP_RESOURCE}); only web-mercator tiles fit the map: cut them again "
                "with gdal2tiles --profile=mercator (add --xyz for XYZ numbering)"
            )
        return profile

    def _read_metadata(self) -> dict[str, Any]:
        if self.kind == "mbtiles":
            con = self._connect()
            try:
                rows = con.execute("SELECT name, value FROM metadata").fetchall()
            except sqlite3.Error:
                rows = []
            finally:
                con.close()
            return {str(k): v for k, v in rows}
        for name in ("metadata.json", "tilejson.json"):
            file = self.path / name
            if file.is_file():
                try:
                    data = json.loads(file.read_text(encoding="utf-8"))
                except (ValueError, OSError) as exc:
                    raise DataFileError(f"basemap metadata {str(file)!r}: {exc}", file) from exc
                if isinstance(data, dict):
                    return data
        return {}

    def _zooms(self) -> tuple[int, ...]:
        if self.kind == "mbtiles":
            con = self._connect()
            try:
                rows = con.execute("SELECT DISTINCT zoom_level FROM tiles").fetchall()
            finally:
                con.close()
            return tuple(sorted(int(r[0]) for r in rows))
        return tuple(
            sorted(int(p.name) for p in self.path.iterdir() if p.is_dir() and p.name.isdigit())
        )

    def _entries(
        self, z: int, rng: tuple[int, int, int, int], *, data: bool, scheme: str
    ) -> Iterator[tuple[str, int, bytes | None]]:
        """``("z/x/y", size, bytes or None)`` of the tiles of zoom ``z`` in ``rng`` (XYZ).

        The source's rows are read in its ``scheme``.
        """
        x0, x1, y0, y1 = rng
        flip = 2**z - 1
        if self.kind == "mbtiles" and scheme == "xyz":  # a writer that ignored the spec
            y0, y1 = flip - y1, flip - y0
        if self.kind == "mbtiles":
            col = "tile_data" if data else "NULL"
            con = self._connect()
            try:
                rows = con.execute(
                    f"SELECT tile_column, tile_row, LENGTH(tile_data), {col} FROM tiles "
                    "WHERE zoom_level = ? AND tile_column BETWEEN ? AND ? "
                    "AND tile_row BETWEEN ? AND ? ORDER BY tile_column, tile_row DESC",
                    (z, x0, x1, flip - y1, flip - y0),
                ).fetchall()
            finally:
                con.close()
            for x, row, size, blob in rows:
                yield f"{z}/{int(x)}/{flip - int(row)}", int(size or 0), blob
            return
        if scheme == "tms":  # the file rows count from the south
            y0, y1 = flip - y1, flip - y0
        zdir = self.path / str(z)
        xs = sorted(int(p.name) for p in zdir.iterdir() if p.is_dir() and p.name.isdigit())
        for x in (x for x in xs if x0 <= x <= x1):
            found: dict[int, Path] = {}
            for f in (zdir / str(x)).iterdir():
                stem, _, ext = f.name.partition(".")
                if stem.isdigit() and ext.lower() in TILE_EXTENSIONS and y0 <= int(stem) <= y1:
                    y = flip - int(stem) if scheme == "tms" else int(stem)
                    found.setdefault(y, f)
            for y in sorted(found):
                f = found[y]
                yield f"{z}/{x}/{y}", f.stat().st_size, f.read_bytes() if data else None

    # -- selection -----------------------------------------------------------------------

    def zoom_range(self, bounds: tuple[float, float, float, float]) -> tuple[int, int]:
        """The zooms embedded for ``bounds`` (lon/lat): ``zoom``, else the default rule.

        Default: the zoom at which ``bounds`` fit into :data:`FIT_PIXELS` pixels
        up to :data:`ZOOM_LEVELS_ABOVE_FIT` levels more; both clipped to the
        zooms of the tile set.
        """
        zmin, zmax = self.zooms[0], self.zooms[-1]
        if self.zoom is not None:
            lo, hi = max(self.zoom[0], zmin), min(self.zoom[1], zmax)
            if lo > hi:
                raise BasemapError(
                    f"basemap zoom range {self.zoom[0]}–{self.zoom[1]} lies outside the tile "
                    f"set's zooms {zmin}–{zmax}; choose a range within them"
                )
            return lo, hi
        fit = fit_zoom(bounds)

        def clip(z: int) -> int:
            return min(max(z, zmin), zmax)

        return clip(fit), clip(fit + ZOOM_LEVELS_ABOVE_FIT)

    def select(self, bounds: tuple[float, float, float, float]) -> BasemapTiles:
        """The tiles intersecting ``bounds`` (lon/lat, padded by :data:`PAD_FRACTION`).

        Raises
        ------
        BasemapError
            When the tiles of the zoom range exceed ``max_bytes``: the message
            names the number of tiles and bytes and a narrower range that fits.
        """
        area = _padded(tuple(float(v) for v in bounds))  # type: ignore[arg-type]
        lo, hi = self.zoom_range(area)
        scheme = self.scheme or self._detect_scheme(area, lo, hi)
        sizes: dict[int, tuple[int, int]] = {}
        for z in range(lo, hi + 1):
            entries = [
                (k, s)
                for k, s, _ in self._entries(z, _tile_range(area, z), data=False, scheme=scheme)
            ]
            sizes[z] = (len(entries), sum(s for _, s in entries))
        total_n = sum(n for n, _ in sizes.values())
        total_b = sum(b for _, b in sizes.values())
        if total_b > self.max_bytes:
            raise BasemapError(self._too_large(lo, hi, sizes, total_n, total_b))
        tiles: dict[str, tuple[str, bytes]] = {}
        skipped: list[str] = []
        for z in range(lo, hi + 1):
            for key, _, blob in self._entries(z, _tile_range(area, z), data=True, scheme=scheme):
                raw = bytes(blob) if blob is not None else b""
                mime = _mime(raw)
                if mime is None:
                    skipped.append(key)
                else:
                    tiles[key] = (mime, raw)
        if skipped:
            warnings.warn(
                f"{len(skipped)} basemap tile(s) of {str(self.path)!r} are not PNG, JPEG or WebP "
                f"and are left out: {', '.join(skipped[:10])}{', …' if len(skipped) > 10 else ''}",
                GeoinnenstadtWarning,
                stacklevel=3,
            )
        return BasemapTiles(tiles, (lo, hi), self.attribution, area, skipped, scheme)

    def _detect_scheme(self, area: tuple[float, float, float, float], lo: int, hi: int) -> str:
        """The tile numbering of the source.

        XYZ when the extent holds a tile under XYZ numbering; else TMS when it holds
        one under TMS numbering; else XYZ (nothing found either way).
        """
        for scheme in SCHEMES:
            for z in range(lo, hi + 1):
                if next(self._entries(z, _tile_range(area, z), data=False, scheme=scheme), None):
                    return scheme
        return "xyz"

    def _too_large(
        self, lo: int, hi: int, sizes: dict[int, tuple[int, int]], n: int, nbytes: int
    ) -> str:
        fits, acc = None, 0
        for z in range(lo, hi + 1):
            acc += sizes[z][1]
            if acc > self.max_bytes:
                break
            fits = z
        per_zoom = ", ".join(f"z{z}: {sizes[z][0]:,} tiles" for z in range(lo, hi + 1))
        advice = (
            f"narrow the zoom range, e.g. basemap_zoom=({lo}, {fits}) (CLI: --basemap-zoom "
            f"{lo} {fits}), or raise basemap_max_bytes"
            if fits is not None
            else f"start at a lower zoom than {lo} (basemap_zoom=(lo, hi), CLI: --basemap-zoom "
            "LO HI), or raise basemap_max_bytes"
        )
        return (
            f"the basemap would embed {n:,} tiles, {nbytes:,} bytes ({nbytes / 1e6:.1f} MB) for "
            f"zoom {lo}–{hi} within the map's extent ({per_zoom}), more than basemap_max_bytes="
            f"{self.max_bytes:,}; {advice}"
        )


def _check_zoom(zoom: Any) -> tuple[int, int] | None:
    if zoom is None:
        return None
    try:
        lo, hi = (int(z) for z in zoom)
        ok = all(float(z) == int(z) for z in zoom)
    except (TypeError, ValueError):
        ok = False
    if not ok or not 0 <= lo <= hi <= MAX_ZOOM:
        raise BasemapError(
            f"basemap zoom must be two whole zoom levels (lo, hi) with 0 <= lo <= hi <= "
            f"{MAX_ZOOM}, got {zoom!r}"
        )
    return lo, hi


# ---------------------------------------------------------------------------------------
# the map layer
# ---------------------------------------------------------------------------------------


def _layer_class() -> Any:
    from folium.map import Layer
    from folium.template import Template

    class BasemapLayer(Layer):
        """The embedded tiles: a Leaflet tile layer drawn from one JSON block."""

        _template = Template(
            """
            {% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}_data">{{ this.payload }}</script>{% endmacro %}
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = window.__gi.addBasemap({{ this._parent.get_name() }},
                document.getElementById({{ (this.get_name() ~ "_data")|tojson }}), {{ this.options_json }});
            {% endmacro %}
            """
        )

        def __init__(self, name: str, payload: dict[str, Any], options: dict[str, Any]) -> None:
            super().__init__(name=escape_text(name), overlay=True, control=True, show=True)
            self._name = "GiBasemap"
            self.payload = script_json(payload)
            self.options_json = script_json(options)

    return BasemapLayer


def add_basemap(
    m: folium.Map,
    basemap: Any,
    *,
    zoom: tuple[int, int] | None,
    attribution: str | None,
    max_bytes: int | None,
    lang: str,
) -> BasemapTiles | None:
    """Embed the tiles of ``basemap`` for the map's extent (``m.__dict__["_gi_bounds"]``)."""
    if m.__dict__.get("_gi_basemap") is not None:
        raise BasemapError(
            "this map already has a basemap; give basemap= to one of the composed map calls only"
        )
    if isinstance(basemap, Basemap):
        if zoom is not None or attribution is not None or max_bytes is not None:
            basemap = Basemap(
                basemap.path,
                zoom=zoom if zoom is not None else basemap.zoom,
                attribution=attribution if attribution is not None else basemap.attribution,
                max_bytes=max_bytes if max_bytes is not None else basemap.max_bytes,
                scheme=basemap.scheme,
            )
    else:
        basemap = Basemap(basemap, zoom=zoom, attribution=attribution, max_bytes=max_bytes)
    bounds = m.__dict__.get("_gi_bounds")
    if bounds is None:
        raise BasemapError(
            "the map has no extent for the basemap (no data and no context layer with geometry)"
        )
    selected = basemap.select(bounds)
    if not selected.tiles:
        looked = (
            f"{selected.scheme.upper()} numbering"
            if basemap.scheme is not None
            else "neither in XYZ nor in TMS numbering"
        )
        warnings.warn(
            f"the basemap {str(basemap.path)!r} has no tiles within the map's extent at zoom "
            f"{selected.zoom[0]}–{selected.zoom[1]} ({looked}); it is left out. Check that the "
            "tiles cover the data, or give the numbering: gi.maps.Basemap(path, scheme='xyz'|"
            "'tms') (CLI: --basemap-scheme)",
            GeoinnenstadtWarning,
            stacklevel=3,
        )
        return None
    options = {
        "attribution": escape_text(selected.attribution),
        "maxZoom": MAX_ZOOM,
        "blank": "data:image/png;base64," + base64.b64encode(Basemap.blank_tile).decode("ascii"),
    }
    layer = _layer_class()(labels.text("map.basemap", lang), selected.payload(), options)
    layer.add_to(m)
    m.__dict__["_gi_basemap"] = selected
    return selected
