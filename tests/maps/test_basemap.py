"""Local basemaps (issue 14): XYZ folders and MBTiles generated here, embedded offline.

The expected tiles come from the slippy-map formula written out below (not from
the code under test); the tiles are PNGs made with PIL, one colour per tile.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import sqlite3
import warnings
from pathlib import Path

import pytest
from helpers.maps import make_land_city
from helpers.tiles import ZOOMS, data_extent, make_tiles, padded, slippy, tile_png, write_folder
from PIL import Image

import geoinnenstadt as gi
from geoinnenstadt import assets, maps
from geoinnenstadt.errors import GeoinnenstadtWarning
from geoinnenstadt.maps import Basemap, BasemapError

ATTRIBUTION = "© Stadt Teststadt, Vermessung und Kataster"


def expected_keys(zooms=ZOOMS) -> set[str]:
    lon0, lat0, lon1, lat1 = padded(data_extent())
    out = set()
    for z in zooms:
        xa, ya = slippy(lon0, lat1, z)  # north-west corner
        xb, yb = slippy(lon1, lat0, z)  # south-east corner
        out |= {f"{z}/{x}/{y}" for x in range(xa, xb + 1) for y in range(ya, yb + 1)}
    return out


def write_mbtiles(path: Path, tiles: dict[str, bytes], metadata: dict | None = None) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
        "tile_data BLOB)"
    )
    for k, v in (metadata or {}).items():
        con.execute("INSERT INTO metadata VALUES (?, ?)", (k, str(v)))
    for key, data in tiles.items():
        z, x, y = (int(v) for v in key.split("/"))
        con.execute(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (2**z - 1) - y, data)
        )  # TMS: rows from the south
    con.commit()
    con.close()
    return path


@pytest.fixture(scope="module")
def tiles() -> dict[str, bytes]:
    return make_tiles()


@pytest.fixture
def folder(tmp_path: Path, tiles: dict[str, bytes]) -> Path:
    return write_folder(tmp_path / "kacheln", tiles, {"attribution": ATTRIBUTION})


@pytest.fixture
def mbtiles(tmp_path: Path, tiles: dict[str, bytes]) -> Path:
    meta = {"name": "Test", "format": "png", "minzoom": 12, "maxzoom": 14,
            "attribution": '<a href="https://example.org">© Geobasis Test</a> &amp; Stadt'}  # fmt: skip
    return write_mbtiles(tmp_path / "stadt.mbtiles", tiles, meta)


def embedded(html: str) -> dict:
    """The basemap's JSON block of a page."""
    var = re.search(r"var ([\w]+) = window\.__gi\.addBasemap\(", html)
    assert var is not None, "no basemap in the page"
    block = re.search(
        rf'<script type="application/json" id="{var.group(1)}_data">(.*?)</script>', html, re.S
    )
    assert block is not None
    return json.loads(block.group(1))


def basemap_options(html: str) -> dict:
    found = re.search(r"window\.__gi\.addBasemap\([\w]+,\s*document\.getElementById\([^)]*\), (\{.*?\})\);", html, re.S)  # fmt: skip
    assert found is not None
    return json.loads(found.group(1))


def decoded(block: dict) -> dict[str, bytes]:
    return {k: base64.b64decode(v[1:]) for k, v in block["tiles"].items()}


# --------------------------------------------------------------------------- extent and zooms


@pytest.mark.parametrize("source", ["folder", "mbtiles"])
def test_only_tiles_of_the_extent_are_embedded(
    source: str, request: pytest.FixtureRequest, tiles: dict[str, bytes]
) -> None:
    path = request.getfixturevalue(source)
    html = maps.to_html(maps.land_map(make_land_city(), basemap=path, basemap_zoom=(12, 14)))
    block = embedded(html)
    got = decoded(block)
    want = expected_keys()
    assert set(got) == want
    assert len(tiles) > len(want)  # the tile set reaches further: those stay out
    for key, data in got.items():  # the right bytes at the right place (TMS rows flipped)
        assert data == tiles[key], key
    assert block["minZoom"] == 12
    assert block["maxZoom"] == 14
    assert assets.external_references(html) == []


def test_default_zoom_range_fits_the_extent_clipped_to_the_tile_set(folder: Path) -> None:
    lon0, lat0, lon1, lat1 = padded(data_extent())
    # the zoom at which the padded extent fits 1000 px: well above 14 for a few hundred metres
    span = max(
        (lon1 - lon0) / 360,
        abs(slippy(lon0, lat0, 20)[1] - slippy(lon0, lat1, 20)[1]) / 2**20,
    )
    assert math.floor(math.log2(1000 / (256 * span))) > 14
    block = embedded(maps.to_html(maps.land_map(make_land_city(), basemap=folder)))
    assert (block["minZoom"], block["maxZoom"]) == (14, 14)
    assert set(block["tiles"]) == expected_keys((14,))


def test_basemap_object_counts_tiles_and_bytes(folder: Path, tiles: dict[str, bytes]) -> None:
    bm = Basemap(folder, zoom=(13, 14))
    assert bm.kind == "xyz"
    assert bm.zooms == ZOOMS
    assert bm.attribution == ATTRIBUTION
    sel = bm.select(data_extent())
    want = expected_keys((13, 14))
    assert sel.n_tiles == len(want)
    assert sel.n_bytes == sum(len(tiles[k]) for k in want)
    assert sel.zoom == (13, 14)
    # a Basemap object can be given to a map function
    block = embedded(maps.to_html(maps.land_map(make_land_city(), basemap=bm)))
    assert set(block["tiles"]) == want


def test_zoom_range_outside_the_tile_set_is_an_error(folder: Path) -> None:
    with pytest.raises(BasemapError, match=r"16–17.*12–14"):
        maps.land_map(make_land_city(), basemap=folder, basemap_zoom=(16, 17))
    with pytest.raises(BasemapError, match="two whole zoom levels"):
        Basemap(folder, zoom=(14, 12))


# --------------------------------------------------------------------------- attribution


def test_attribution_from_folder_metadata_is_shown(folder: Path) -> None:
    html = maps.to_html(maps.land_map(make_land_city(), basemap=folder, basemap_zoom=(14, 14)))
    assert basemap_options(html)["attribution"] == "© Stadt Teststadt, Vermessung und Kataster"


def test_attribution_from_mbtiles_metadata_is_its_text(mbtiles: Path) -> None:
    html = maps.to_html(maps.land_map(make_land_city(), basemap=mbtiles, basemap_zoom=(14, 14)))
    assert basemap_options(html)["attribution"] == "© Geobasis Test &amp; Stadt"


def test_attribution_parameter_wins_and_is_escaped(mbtiles: Path) -> None:
    m = maps.land_map(
        make_land_city(),
        basemap=mbtiles,
        basemap_zoom=(14, 14),
        basemap_attribution='<img src=x onerror="window.__pwned=1">© Amt',
    )
    html = maps.to_html(m)
    assert basemap_options(html)["attribution"] == (
        "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;© Amt"
    )
    assert "<img src=x" not in html


def test_tilejson_attribution_of_a_folder(tmp_path: Path, tiles: dict[str, bytes]) -> None:
    root = write_folder(tmp_path / "tj", {k: v for k, v in tiles.items() if k[:2] == "14"})
    (root / "tilejson.json").write_text(json.dumps({"attribution": "© TileJSON"}), "utf-8")
    assert Basemap(root).attribution == "© TileJSON"


@pytest.mark.parametrize("source", ["folder", "mbtiles"])
def test_missing_attribution_is_an_error(
    source: str, tmp_path: Path, tiles: dict[str, bytes]
) -> None:
    path = (
        write_folder(tmp_path / "ohne", tiles)
        if source == "folder"
        else write_mbtiles(tmp_path / "ohne.mbtiles", tiles, {"format": "png"})
    )
    with pytest.raises(BasemapError, match=r"no attribution.*basemap_attribution"):
        maps.vacancy_map(gi.City(quarters=make_land_city().sites.rename(columns={"site_id": "quarter_id"})), basemap=path)  # fmt: skip
    # with the parameter it works
    assert Basemap(path, attribution="© Amt").attribution == "© Amt"


# --------------------------------------------------------------------------- size cap and checks


def test_size_cap_names_tiles_bytes_and_a_range_that_fits(
    folder: Path, tiles: dict[str, bytes]
) -> None:
    want = expected_keys()
    n_bytes = sum(len(tiles[k]) for k in want)
    z14 = sum(len(tiles[k]) for k in want if k.startswith("14/"))
    cap = n_bytes - z14  # zoom 12 and 13 fit, 14 does not
    with pytest.raises(BasemapError) as err:
        maps.land_map(
            make_land_city(), basemap=folder, basemap_zoom=(12, 14), basemap_max_bytes=cap
        )
    text = str(err.value)
    assert f"{len(want):,} tiles" in text
    assert f"{n_bytes:,} bytes" in text
    assert f"basemap_max_bytes={cap:,}" in text
    assert "basemap_zoom=(12, 13)" in text
    assert "--basemap-zoom 12 13" in text
    # exactly at the cap it is embedded
    block = embedded(
        maps.to_html(
            maps.land_map(
                make_land_city(), basemap=folder, basemap_zoom=(12, 14), basemap_max_bytes=n_bytes
            )
        )
    )
    assert len(block["tiles"]) == len(want)


def test_default_cap_is_25_mb() -> None:
    from geoinnenstadt.maps import basemap

    assert basemap.DEFAULT_MAX_BYTES == 25_000_000


def test_corrupt_tiles_are_skipped_and_counted(tmp_path: Path, tiles: dict[str, bytes]) -> None:
    inside = sorted(expected_keys())
    bad = {inside[0]: b"<html>not a tile</html>", inside[-1]: b""}
    root = write_folder(tmp_path / "kaputt", {**tiles, **bad}, {"attribution": "© A"})
    with pytest.warns(GeoinnenstadtWarning, match=r"2 basemap tile\(s\)") as rec:
        html = maps.to_html(maps.land_map(make_land_city(), basemap=root, basemap_zoom=(12, 14)))
    assert len(rec) == 1
    message = str(rec[0].message)
    assert inside[0] in message
    assert inside[-1] in message
    got = embedded(html)["tiles"]
    assert set(got) == set(inside) - set(bad)


def test_jpeg_and_webp_tiles_keep_their_type(tmp_path: Path, tiles: dict[str, bytes]) -> None:
    inside = sorted(expected_keys())
    root = write_folder(tmp_path / "mix", tiles)
    for key, fmt, ext in ((inside[0], "JPEG", "jpg"), (inside[1], "WEBP", "webp")):
        z, x, y = key.split("/")
        (root / z / x / f"{y}.png").unlink()
        Image.new("RGB", (256, 256), (10, 200, 30)).save(root / z / x / f"{y}.{ext}", format=fmt)
    block = embedded(
        maps.to_html(
            maps.land_map(
                make_land_city(), basemap=root, basemap_zoom=(12, 14), basemap_attribution="© A"
            )
        )
    )
    assert block["mime"] == {"p": "image/png", "j": "image/jpeg", "w": "image/webp"}
    assert block["tiles"][inside[0]][0] == "j"
    assert block["tiles"][inside[1]][0] == "w"
    assert block["tiles"][inside[2]][0] == "p"


def test_not_a_tile_set_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "karte.mbtiles"
    junk.write_bytes(b"this is no database" * 100)
    with pytest.raises(gi.errors.DataFileError, match="not a readable MBTiles"):
        Basemap(junk, attribution="© A")
    with pytest.raises(gi.errors.DataFileError, match="does not exist"):
        Basemap(tmp_path / "fehlt", attribution="© A")


def test_blank_tile_is_a_transparent_png() -> None:
    with Image.open(io.BytesIO(Basemap.blank_tile)) as im:
        assert im.size == (1, 1)
        assert im.convert("RGBA").getpixel((0, 0))[3] == 0


def test_one_basemap_per_map(folder: Path) -> None:
    m = maps.land_map(make_land_city(), basemap=folder, basemap_zoom=(14, 14))
    with pytest.raises(BasemapError, match="already has a basemap"):
        maps.preemption_map(make_land_city(), m=m, basemap=folder)


def test_online_page_keeps_the_local_basemap_instead_of_osm(folder: Path) -> None:
    m = maps.land_map(make_land_city(), basemap=folder, basemap_zoom=(14, 14))
    online = maps.to_html(m, offline=False)
    assert maps.OSM_TILES not in assets.external_references(online)
    assert "addBasemap" in online


@pytest.mark.parametrize("kind", ["vacancy", "preemption"])
def test_every_map_takes_a_basemap(kind: str, folder: Path) -> None:
    from helpers.maps import make_city

    city = make_city() if kind == "vacancy" else make_land_city()
    fn = maps.vacancy_map if kind == "vacancy" else maps.preemption_map
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        html = maps.to_html(fn(city, basemap=folder, basemap_zoom=(12, 14)))
    assert len(embedded(html)["tiles"]) > 0
    assert basemap_options(html)["maxZoom"] == 18


# --------------------------------------------------------------------------- TMS numbering


def tilemapresource(profile: str = "mercator", zooms=ZOOMS) -> str:
    """tilemapresource.xml as gdal2tiles writes it without --xyz: the layout of real ones
    (e.g. github.com/geoffrowland/Hillshade-1m-Cornwall tilemapresource.xml: the TileMap
    indented after the declaration, SRS EPSG:3857 but the bounding box in degrees, the
    origin at its south-west corner, one TileSet per zoom with href = zoom); values are
    this test's extent."""
    w, s_, e, n = padded(data_extent())
    sets = "".join(
        f'        <TileSet href="{z}" units-per-pixel="{156543.03392804097 / 2**z:.14f}" '
        f'order="{z}"/>\n'
        for z in zooms
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '    <TileMap version="1.0.0" tilemapservice="http://tms.osgeo.org/1.0.0">\n'
        "      <Title>stadtgrundkarte.tif</Title>\n"
        "      <Abstract></Abstract>\n"
        "      <SRS>EPSG:3857</SRS>\n"
        f'      <BoundingBox minx="{w:.14f}" miny="{s_:.14f}" maxx="{e:.14f}" maxy="{n:.14f}"/>\n'
        f'      <Origin x="{w:.14f}" y="{s_:.14f}"/>\n'
        '      <TileFormat width="256" height="256" mime-type="image/png" extension="png"/>\n'
        f'      <TileSets profile="{profile}">\n{sets}      </TileSets>\n'
        "    </TileMap>\n    "
    )


def write_tms_folder(root: Path, tiles: dict[str, bytes], xml: str | None) -> Path:
    """The XYZ tiles ``z/x/y`` stored as gdal2tiles does by default: file row 2**z - 1 - y."""
    flipped = {}
    for key, data in tiles.items():
        z, x, y = (int(v) for v in key.split("/"))
        flipped[f"{z}/{x}/{2**z - 1 - y}"] = data
    write_folder(root, flipped, {"attribution": ATTRIBUTION})
    if xml is not None:
        (root / "tilemapresource.xml").write_text(xml, encoding="utf-8")
    return root


@pytest.mark.parametrize("how", ["tilemapresource.xml", "extent", "scheme='tms'"])
def test_tms_folder_of_gdal2tiles_is_read(
    how: str, tmp_path: Path, tiles: dict[str, bytes]
) -> None:
    """Issue 24 case 11: a TMS folder gave "no tiles in extent"."""
    root = write_tms_folder(
        tmp_path / "gdal2tiles", tiles, tilemapresource() if how == "tilemapresource.xml" else None
    )
    source = Basemap(root, scheme="tms") if how == "scheme='tms'" else root
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "no tiles within the map's extent"
        html = maps.to_html(maps.land_map(make_land_city(), basemap=source, basemap_zoom=(12, 14)))
    got = decoded(embedded(html))
    assert set(got) == expected_keys()
    for key, data in got.items():  # each tile at its XYZ place: the bytes of tiles[key]
        assert data == tiles[key], key
    assert (
        Basemap(root, scheme="tms" if how == "scheme='tms'" else None).select(data_extent()).scheme
        == "tms"
    )


def test_xyz_folder_is_still_xyz_and_scheme_wins(
    folder: Path, tmp_path: Path, tiles: dict[str, bytes]
) -> None:
    assert Basemap(folder).scheme is None  # decided by the extent
    assert Basemap(folder).select(data_extent()).scheme == "xyz"
    # a stale tilemapresource.xml beside XYZ tiles: scheme="xyz" wins over it
    (folder / "tilemapresource.xml").write_text(tilemapresource(), encoding="utf-8")
    assert Basemap(folder).scheme == "tms"
    with pytest.warns(GeoinnenstadtWarning, match=r"no tiles within.*\(TMS numbering\).*scheme="):
        maps.land_map(make_land_city(), basemap=folder, basemap_zoom=(12, 14))
    block = embedded(
        maps.to_html(
            maps.land_map(
                make_land_city(), basemap=Basemap(folder, scheme="xyz"), basemap_zoom=(12, 14)
            )
        )
    )
    assert set(block["tiles"]) == expected_keys()


def test_tiles_nowhere_name_both_numberings(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "woanders", {"12/0/0": tile_png(12, 0, 0)}, {"attribution": "©"})
    with pytest.warns(GeoinnenstadtWarning, match=r"neither in XYZ nor in TMS numbering"):
        maps.land_map(make_land_city(), basemap=root, basemap_zoom=(12, 12))


def test_geodetic_or_raster_tiles_and_bad_schemes_are_refused(
    tmp_path: Path, tiles: dict[str, bytes]
) -> None:
    for profile in ("geodetic", "raster"):
        root = write_tms_folder(tmp_path / profile, tiles, tilemapresource(profile))
        with pytest.raises(BasemapError, match=rf"'{profile}' profile.*--profile=mercator"):
            Basemap(root)
    with pytest.raises(BasemapError, match=r"scheme must be 'xyz'.*or 'tms'.*got 'google'"):
        Basemap(tmp_path / "geodetic", scheme="google")
    broken = write_tms_folder(tmp_path / "kaputt", tiles, "<TileMap><TileSets")
    with pytest.raises(gi.errors.DataFileError, match=r"tilemapresource\.xml' is not readable"):
        Basemap(broken)


def test_cli_basemap_scheme(tmp_path: Path, tiles: dict[str, bytes], capsys) -> None:
    from geoinnenstadt.cli import main

    gpkg = gi.write_city(make_land_city(), tmp_path / "stadt.gpkg")
    root = write_tms_folder(tmp_path / "tms", tiles, None)
    out = tmp_path / "karte.html"
    args = ["map", "land", "--data", str(gpkg), "--out", str(out), "--basemap", str(root),
            "--basemap-zoom", "13", "14", "--basemap-attribution", "© CLI"]  # fmt: skip
    assert main([*args, "--basemap-scheme", "tms"]) == 0
    got = decoded(embedded(out.read_text(encoding="utf-8")))
    assert set(got) == expected_keys((13, 14))
    assert all(got[k] == tiles[k] for k in got)
    capsys.readouterr()
    assert main(["map", "land", "--data", str(gpkg), "--out", str(out),
                 "--basemap-scheme", "tms"]) == 2  # fmt: skip
    assert "--basemap-scheme setzen --basemap PATH voraus" in capsys.readouterr().err


# --------------------------------------------------------------------------- CLI


def test_cli_basemap(tmp_path: Path, mbtiles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geoinnenstadt.cli import main

    gpkg = gi.write_city(make_land_city(), tmp_path / "stadt.gpkg")
    out = tmp_path / "karte.html"
    args = ["map", "land", "--data", str(gpkg), "--out", str(out), "--basemap", str(mbtiles)]
    assert main([*args, "--basemap-zoom", "13", "14", "--basemap-attribution", "© CLI"]) == 0
    html = out.read_text(encoding="utf-8")
    block = embedded(html)
    assert set(block["tiles"]) == expected_keys((13, 14))
    assert basemap_options(html)["attribution"] == "© CLI"
    assert assets.external_references(html) == []
    # too large: a clear error, exit code 2, no file
    capsys.readouterr()
    out2 = tmp_path / "zu_gross.html"
    assert main(["map", "land", "--data", str(gpkg), "--out", str(out2), "--basemap",
                 str(tmp_path / "fehlt.mbtiles")]) == 2  # fmt: skip
    assert "does not exist" in capsys.readouterr().err
    assert not out2.exists()
    assert main(["map", "land", "--data", str(gpkg), "--out", str(out2),
                 "--basemap-zoom", "12", "13"]) == 2  # fmt: skip
    assert "--basemap PATH" in capsys.readouterr().err
