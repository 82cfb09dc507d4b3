"""OGC API Features and WFS through GDAL: a real pygeoapi server on 127.0.0.1, started here.

The server runs in a subprocess for this module only (start bounded by a deadline,
terminated and if need be killed in the teardown). It serves a GeoJSON of three quarters
and, as the collection ``flurstueck``, the parcels of tests/data/ogc/flurstueck_items.json
(a response of NRW's OGC API ``ogc-api.nrw.de/lika/v1``: ``objid``/``flurstid``, ``flur``
padded to ``001``, no ``flstkennz``, ``flaeche`` a number, ``gebaeuderef`` a list of
links), at most two features per page, so that reading all of them needs GDAL's paging.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import yaml
from helpers import FIXTURES
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt.errors import DataFileError
from geoinnenstadt.sources import ogc

DATA = FIXTURES / "alkis"
SAVED = FIXTURES / "ogc" / "flurstueck_items.json"
X0, Y0 = 393_000.0, 5_708_000.0
#: The quarters served, in EPSG:25832 (the oracle for ids and areas).
QUARTERS = gpd.GeoDataFrame(
    {
        "id": [1, 2, 3],
        "quarter_id": ["Q1", "Q2", "Q3"],
        "name": ["Katharinenviertel", "Brückviertel", "Hansaviertel"],
    },
    geometry=[
        box(X0, Y0, X0 + 200, Y0 + 200),
        box(X0 + 200, Y0, X0 + 400, Y0 + 200),
        box(X0, Y0 + 200, X0 + 400, Y0 + 400),
    ],
    crs="EPSG:25832",
)
#: Hand-built from the parts in flurstueck_items.json (gemaschl, flurschl, flstnrzae, flstnrnen).
PARCEL_IDS = ["05453300101559______", "054533001001230004__", "05453300200077______"]
START_DEADLINE_S = 60

_SERVE = """
import sys
from pygeoapi.flask_app import APP
APP.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False, use_reloader=False)
"""
_CLI = "import sys; from pygeoapi import cli; sys.exit(cli())"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(port: int, quarters: Path, parcels: Path) -> dict:
    def collection(name: str, data: Path, id_field: str = "id") -> dict:
        return {
            "type": "collection",
            "title": name,
            "description": f"test collection {name}",
            "keywords": [name],
            "extents": {"spatial": {"bbox": [5.8, 47.2, 15.1, 55.1]}},
            "providers": [
                {"type": "feature", "name": "GeoJSON", "data": str(data), "id_field": id_field}
            ],
        }

    url = f"http://127.0.0.1:{port}"
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": url,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "language": "en-US",
            "limits": {"default_items": 2, "max_items": 2},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "geoinnenstadt test",
                "description": "test server",
                "keywords": ["test"],
                "keywords_type": "theme",
                "terms_of_service": "https://example.org",
                "url": "https://example.org",
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "test", "url": "https://example.org"},
            "contact": dict.fromkeys(
                [
                    "name",
                    "position",
                    "address",
                    "city",
                    "stateorprovince",
                    "postalcode",
                    "country",
                    "phone",
                    "fax",
                    "email",
                    "url",
                    "hours",
                    "instructions",
                    "role",
                ],
                "test",
            ),
        },
        "resources": {
            "quarters": collection("quarters", quarters),
            "flurstueck": collection("flurstueck", parcels, "objid"),
        },
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a pygeoapi server serving ``quarters`` and ``flurstueck`` (lon/lat GeoJSON)."""
    d = tmp_path_factory.mktemp("pygeoapi")
    quarters = d / "quarters.geojson"
    QUARTERS.to_crs(4326).to_file(quarters, driver="GeoJSON", engine="pyogrio")
    parcels = d / "flurstueck.geojson"
    saved = json.loads(SAVED.read_text(encoding="utf-8"))
    parcels.write_text(
        json.dumps({"type": "FeatureCollection", "features": saved["features"]}), encoding="utf-8"
    )
    port = _free_port()
    config = d / "config.yml"
    config.write_text(yaml.safe_dump(_config(port, quarters, parcels)), encoding="utf-8")
    openapi = d / "openapi.yml"
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
    subprocess.run(
        [sys.executable, "-c", _CLI, "openapi", "generate", str(config), "-of", str(openapi)],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = (d / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"pygeoapi exited with {proc.returncode}: "
                    + (d / "server.log").read_text(errors="replace")[-2000:]
                )
            try:
                with urllib.request.urlopen(f"{url}/collections?f=json", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"pygeoapi did not start within {START_DEADLINE_S} s")
            time.sleep(0.2)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("NO_PROXY", "127.0.0.1,localhost")
            mp.setenv("no_proxy", "127.0.0.1,localhost")
            yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def _items(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


# --------------------------------------------------------------------------- reading


def test_collection_url_reads_quarters_in_working_crs(server):
    gdf = gi.read_layer(f"{server}/collections/quarters", "quarters")
    assert gdf["quarter_id"].tolist() == ["Q1", "Q2", "Q3"]
    assert gdf["name"].tolist() == ["Katharinenviertel", "Brückviertel", "Hansaviertel"]
    assert gdf.crs.to_epsg() == 25832
    # the geometry came back where it started (lon/lat on the wire, GDAL reprojected)
    expected = QUARTERS.geometry.area.tolist()  # 40000, 40000, 80000 m²
    assert gdf.geometry.area.round(1).tolist() == pytest.approx(expected, abs=0.5)
    assert gdf.attrs["source"] == f"{server}/collections/quarters"
    assert not gdf.attrs["validation_report"].warnings.shape[0]


def test_all_pages_are_read(server):
    # the server sends at most two features per request …
    page = _items(f"{server}/collections/quarters/items?f=json&limit=100")
    assert len(page["features"]) == 2
    # … and GDAL follows the "next" links
    gdf = gi.read_layer(f"{server}/collections/quarters", "quarters")
    assert len(gdf) == 3


def test_items_url_landing_page_and_connection_string(server):
    a = gi.read_layer(f"{server}/collections/quarters/items?f=json", "quarters")
    b = gi.read_layer(f"OAPIF:{server}", "quarters", layer="quarters")
    c = gi.read_layer(f"{server}/", "quarters")  # the collection named like the kind
    assert a["quarter_id"].tolist() == b["quarter_id"].tolist() == c["quarter_id"].tolist()
    assert c.attrs["source"] == f"{server}/ [quarters]"


def test_bbox_reads_only_intersecting_features(server):
    inner = gpd.GeoSeries([box(X0 + 50, Y0 + 50, X0 + 150, Y0 + 150)], crs=25832).to_crs(4326)
    gdf = gi.read_layer(
        f"{server}/collections/quarters", "quarters", bbox=tuple(inner.total_bounds)
    )
    assert gdf["quarter_id"].tolist() == ["Q1"]
    assert any("bbox=" in n for n in gdf.attrs["validation_report"].notes)


def test_alkis_collection_is_recognised_as_parcels(server):
    # two pages of at most two features
    page = _items(f"{server}/collections/flurstueck/items?f=json")
    assert [f["id"] for f in page["features"]] == ["DENW36AL10000a00FL", "DENW36AL10000b00FL"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", gi.io.ReadWarning)
        gdf = gi.read_layer(f"{server}/collections/flurstueck", "parcels")
    assert gdf["parcel_id"].tolist() == PARCEL_IDS  # built from the parts: no flstkennz
    assert gdf["flur"].tolist() == ["1", "1", "2"]
    assert gdf["official_area_m2"].tolist() == [600.0, 400.0, 1000.0]
    assert gdf["flurstid"].tolist()[0] == "DENW36AL10000a00"
    assert gdf.geometry.area.round(0).tolist() == [600.0, 400.0, 1000.0]
    assert gdf.attrs["validation_report"].warnings.empty


# --------------------------------------------------------------------------- saved responses


def _saved_oracle() -> list[dict]:
    return [f["properties"] for f in json.loads(SAVED.read_text(encoding="utf-8"))["features"]]


def test_saved_response_is_read_and_its_one_page_reported():
    props = _saved_oracle()
    assert [p["objid"] for p in props] == [
        "DENW36AL10000a00FL",
        "DENW36AL10000b00FL",
        "DENW36AL10000c00FL",
    ]
    with pytest.warns(gi.io.ReadWarning, match="one page of an OGC API Features response"):
        gdf = gi.read_layer(SAVED, "parcels")
    assert gdf["parcel_id"].tolist() == PARCEL_IDS
    assert gdf["official_area_m2"].tolist() == [float(p["flaeche"]) for p in props]
    assert gdf["location_text"].tolist() == [p["lagebeztxt"] for p in props]
    assert gdf["nenner"].tolist() == [pd.NA, "4", pd.NA]  # flstnrnen absent when none
    w = gdf.attrs["validation_report"].warnings
    assert w["problem"].tolist() == [
        "the file is one page of an OGC API Features response: 3 of 5 features "
        "(saved 2026-11-30T09:14:02Z)"
    ]
    assert w["hint"][0] == (
        "read_layer('https://ogc-api.nrw.de/lika/v1/collections/flurstueck', ...) reads "
        "every page from the service"
    )


def test_saved_response_with_every_feature_is_not_reported(tmp_path):
    doc = json.loads(SAVED.read_text(encoding="utf-8"))
    doc["numberMatched"] = doc["numberReturned"] = 3
    doc["links"] = [link for link in doc["links"] if link["rel"] != "next"]
    target = tmp_path / "alle.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", gi.io.ReadWarning)
        gdf = gi.read_layer(target, "parcels")
    assert gdf["parcel_id"].tolist() == PARCEL_IDS


def test_landing_page_gives_the_parcel_collection_for_parcels(server):
    gdf = gi.read_layer(f"{server}/", "parcels")  # "flurstueck" beside "quarters"
    assert gdf.attrs["source"] == f"{server}/ [flurstueck]"
    assert gdf["parcel_id"].tolist() == PARCEL_IDS


def test_several_collections_need_a_choice(server):
    with pytest.raises(DataFileError, match="choose one with layer=") as e:
        gi.read_layer(server, "units")
    assert "'flurstueck'" in str(e.value)
    assert "'quarters'" in str(e.value)


def test_unknown_collection_is_a_data_file_error(server):
    with pytest.raises(DataFileError, match="collections/nowhere"):
        gi.read_layer(f"{server}/collections/nowhere", "quarters")


def test_bbox_is_refused_for_files():
    with pytest.raises(ValueError, match="bbox= applies to OGC API Features and WFS"):
        gi.read_layer(DATA / "parcels.gpkg", "parcels", bbox=(7.0, 51.0, 8.0, 52.0))


def test_bad_bbox_is_refused(server):
    with pytest.raises(ValueError, match="xmin < xmax"):
        gi.read_layer(f"{server}/collections/quarters", "quarters", bbox=(8, 51, 7, 52))


# --------------------------------------------------------------------------- unreachable


@pytest.mark.parametrize("prefix", ["", "OAPIF:", "WFS:"])
def test_unreachable_server_is_a_clear_error(prefix):
    port = _free_port()  # nothing listens there
    before = pyogrio.get_gdal_config_option("GDAL_HTTP_TIMEOUT")
    url = (
        f"http://127.0.0.1:{port}/collections/x"
        if prefix != "WFS:"
        else (f"http://127.0.0.1:{port}/wfs?service=WFS")
    )
    with pytest.raises(DataFileError, match="the server cannot be reached") as e:
        gi.read_layer(prefix + url, "parcels")
    assert f"127.0.0.1:{port}" in str(e.value)
    assert "time out after 60 s" in str(e.value)
    # the timeouts were set for the call only
    assert pyogrio.get_gdal_config_option("GDAL_HTTP_TIMEOUT") == before


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "https://ex.org/api/collections/flurstueck",
            ("OAPIF:https://ex.org/api/collections/flurstueck", "flurstueck"),
        ),
        (
            "https://ex.org/api/collections/flurstueck/items/?f=json&limit=10",
            ("OAPIF:https://ex.org/api/collections/flurstueck", "flurstueck"),
        ),
        ("https://ex.org/api/", ("OAPIF:https://ex.org/api", None)),
        (
            "https://ex.org/ows?Service=WFS&version=2.0.0",
            ("WFS:https://ex.org/ows?Service=WFS&version=2.0.0", None),
        ),
        ("wfs:https://ex.org/ows", ("WFS:https://ex.org/ows", None)),
        (
            "oapif:https://ex.org/api/collections/a",
            ("OAPIF:https://ex.org/api/collections/a", "a"),
        ),
        ("parcels.gpkg", None),
        (Path("https://ex.org/api"), None),  # a Path is a file, never a URL
    ],
)
def test_connection(target, expected):
    assert ogc.connection(target) == expected


def test_saved_response_in_utm_needs_crs(tmp_path):
    # requested with crs=http://www.opengis.net/def/crs/EPSG/0/25832: the CRS travels in the
    # Content-Crs header only, the saved body is GeoJSON without a CRS (GDAL assumes lon/lat)
    doc = json.loads(SAVED.read_text(encoding="utf-8"))
    utm = gpd.GeoDataFrame.from_features(doc["features"], crs=4326).to_crs(25832)
    doc["features"] = json.loads(utm.to_json())["features"]
    target = tmp_path / "items_25832.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(gi.errors.CRSError, match="pass crs='EPSG:25832'"):
        gi.read_layer(target, "parcels")
    with pytest.warns(gi.io.ReadWarning, match="one page"):
        gdf = gi.read_layer(target, "parcels", crs=25832)
    assert gdf["parcel_id"].tolist() == PARCEL_IDS
    assert gdf.geometry.area.round(0).tolist() == [600.0, 400.0, 1000.0]


# --------------------------------------------------------------------------- circular paging

#: A minimal OGC API Features server whose paging is broken, run in a subprocess (GDAL
#: holds the GIL while it reads, so a server thread in the test process could not answer).
#: ``/self``: every page's ``next`` link is the page itself; ``/cycle``: the first page →
#: page 2 → the first page; ``/offset``: the ``next`` links count on but every page holds the same features
#: (the server ignores ``offset``). After ``LOOP_BOUND`` item requests a server ends the
#: paging (no ``next``), so that the code before the check returned the features many times
#: instead of hanging. ``/hits`` lists the item requests per server.
LOOP_BOUND = 40
_LOOPING = r"""
import http.server, json, sys
from urllib.parse import parse_qs, urlsplit
BOUND = int(sys.argv[1])
hits = {"self": [], "cycle": [], "offset": []}

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, doc, kind="application/json"):
        body = json.dumps(doc).encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        host = f"http://127.0.0.1:{self.server.server_port}"
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if parts == ["hits"]:
            return self.reply(hits)
        mode, rest = parts[0], parts[1:]
        if mode not in hits:
            self.send_response(404)
            return self.end_headers()
        root = f"{host}/{mode}"
        items = f"{root}/collections/stadtviertel/items"
        collection = {"id": "stadtviertel", "title": "Stadtviertel",
                      "links": [{"rel": "items", "href": items, "type": "application/geo+json"}]}
        if rest == []:
            return self.reply({"links": [
                {"rel": "conformance", "href": f"{root}/conformance", "type": "application/json"},
                {"rel": "data", "href": f"{root}/collections", "type": "application/json"}]})
        if rest == ["conformance"]:
            return self.reply({"conformsTo": [
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"]})
        if rest == ["collections"]:
            return self.reply({"collections": [collection], "links": []})
        if rest == ["collections", "stadtviertel"]:
            return self.reply(collection)
        if rest != ["collections", "stadtviertel", "items"]:
            self.send_response(404)
            return self.end_headers()
        hits[mode].append(self.path)
        query = parse_qs(url.query)
        page = int(query.get("page", ["1"])[0])
        offset = int(query.get("offset", ["0"])[0])
        feature = {"type": "Feature", "id": f"Q{page if mode == 'cycle' else 1}",
                   "properties": {"quarter_id": f"Q{page if mode == 'cycle' else 1}",
                                  "name": "Katharinenviertel"},
                   "geometry": {"type": "Polygon", "coordinates": [[
                       [7.46, 51.51], [7.47, 51.51], [7.47, 51.52], [7.46, 51.52], [7.46, 51.51]]]}}
        limit = query.get("limit", ["10"])[0]
        if mode == "self":
            following = host + self.path
        elif mode == "cycle":
            following = f"{items}?limit={limit}" + ("&page=2" if page == 1 else "")
        else:
            following = f"{items}?limit={limit}&offset={offset + 1}"
        links = [{"rel": "self", "href": host + self.path, "type": "application/geo+json"}]
        if len(hits[mode]) < BOUND:
            links.append({"rel": "next", "href": following, "type": "application/geo+json"})
        return self.reply({"type": "FeatureCollection", "features": [feature], "links": links},
                          "application/geo+json")

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def looping_server() -> Iterator[str]:
    """URL of the broken server (a fresh one per test, so that its counts start at 0)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _LOOPING, str(LOOP_BOUND)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())  # the server prints its port once it listens
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("NO_PROXY", "127.0.0.1,localhost")
            mp.setenv("no_proxy", "127.0.0.1,localhost")
            yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _path(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.mark.parametrize("target", ["{root}/collections/stadtviertel", "OAPIF:{root}"])
def test_next_link_to_the_page_itself_is_a_clear_error(looping_server, target):
    root = f"{looping_server}/self"
    with pytest.raises(DataFileError) as e:
        gi.read_layer(target.format(root=root), "quarters", layer="stadtviertel")
    first = f"{root}/collections/stadtviertel/items?limit={ogc.CHECKED_LIMIT}"
    message = str(e.value)
    assert "pages in a circle" in message
    assert f"the 'next' link of {first} points to the page itself" in message
    assert "tell its operator" in message
    # the check requested the first page once; no page was requested after it (GDAL's own
    # first request, a probe of the schema when it opens the service, comes before)
    hits = _items(f"{looping_server}/hits")["self"]
    assert [h for h in hits if f"limit={ogc.CHECKED_LIMIT}" in h] == [_path(first)]
    assert hits[-1] == _path(first)


def test_next_links_in_a_circle_name_the_link(looping_server):
    root = f"{looping_server}/cycle"
    items = f"{root}/collections/stadtviertel/items"
    with pytest.raises(DataFileError) as e:
        gi.read_layer(f"{root}/collections/stadtviertel", "quarters")
    # the first page (…?limit=10) → page=2 → the first page again
    assert (
        f"the 'next' link of {items}?limit=10&page=2 points back to {items}?limit=10, "
        "a page read before"
    ) in str(e.value)
    hits = _items(f"{looping_server}/hits")["cycle"]
    assert hits[-2:] == [_path(f"{items}?limit=10"), _path(f"{items}?limit=10&page=2")]


def test_pages_repeating_the_same_features_are_a_clear_error(looping_server):
    root = f"{looping_server}/offset"
    items = f"{root}/collections/stadtviertel/items"
    with pytest.raises(DataFileError) as e:
        gi.read_layer(f"{root}/collections/stadtviertel", "quarters")
    assert (
        f"{items}?limit=10&offset=1 returns the same features as {items}?limit=10 (the server "
        "ignores the paging parameters"
    ) in str(e.value)
    hits = _items(f"{looping_server}/hits")["offset"]
    assert hits[-2:] == [_path(f"{items}?limit=10"), _path(f"{items}?limit=10&offset=1")]
