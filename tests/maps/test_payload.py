"""The page format: the declared TypedDicts of ``maps/payload.py`` are what a page holds.

The sample maps are saved as files and their JSON is read back out of the HTML
(data blocks, layer options, box texts, the explore settings); every key found
must be declared, every required key present, and every declared key must
occur in at least one of the pages, so the declaration and the page cannot
drift apart in either direction. A second check keeps the page's scripts
from holding a second copy of a helper of ``common.js``.
"""

from __future__ import annotations

import json
import re
import types
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

import geoinnenstadt as gi
from geoinnenstadt import maps
from geoinnenstadt.maps import payload

STATIC = resources.files("geoinnenstadt.maps") / "static"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The saved HTML of the sample maps (vacancy with slider, land with take-up years and
    distance classes, pre-emption), read back from the files."""
    out = tmp_path_factory.mktemp("pages")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sample data quirks are reported elsewhere
        dortmund, duesseldorf = gi.load_sample("dortmund"), gi.load_sample("duesseldorf")
        built = {
            "vacancy": maps.vacancy_map(dortmund),
            "land": maps.land_map(duesseldorf, distance_classes=True),
            "preemption": maps.preemption_map(duesseldorf),
        }
    return {
        name: Path(maps.save_html(m, out / f"{name}.html")).read_text(encoding="utf-8")
        for name, m in built.items()
    }


def _calls(html: str, hook: str) -> list[list[Any]]:
    """The JSON arguments of every call of ``window.__gi.<hook>`` in the page's script."""
    out = []
    for match in re.finditer(rf"window\.__gi\.{hook}\(\w+,\s*(.*?)\);\n", html, re.S):
        args = match.group(1)
        args = re.sub(r"document\.getElementById\([^)]*\)", "null", args)
        out.append(json.loads(f"[{args}]"))
    return out


def _data_blocks(html: str) -> list[dict[str, Any]]:
    found = re.findall(r'<script type="application/json" id="\w+_data">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def _walk(value: Any, hint: Any, seen: set[tuple[str, str]], path: str) -> None:
    """Check ``value`` against the type ``hint``; record every (TypedDict, key) met."""
    origin = get_origin(hint)
    if hint is Any:
        return
    if is_typeddict(hint):
        assert isinstance(value, dict), path
        hints = get_type_hints(hint)
        extra = set(value) - set(hints)
        assert not extra, f"{path}: keys not declared in {hint.__name__}: {sorted(extra)}"
        missing = set(hint.__required_keys__) - set(value)
        assert not missing, f"{path}: required keys of {hint.__name__} missing: {sorted(missing)}"
        for key, v in value.items():
            seen.add((hint.__name__, key))
            _walk(v, hints[key], seen, f"{path}.{key}")
    elif origin in (Union, types.UnionType):
        problems = []
        for arg in get_args(hint):
            branch: set[tuple[str, str]] = set()
            try:
                _walk(value, arg, branch, path)
            except AssertionError as e:
                problems.append(str(e))
                continue
            seen |= branch
            return
        raise AssertionError(f"{path}: fits none of {hint}: {problems}")
    elif origin is Literal:
        assert value in get_args(hint), path
    elif origin is list:
        assert isinstance(value, list), path
        for i, v in enumerate(value):
            _walk(v, get_args(hint)[0], seen, f"{path}[{i}]")
    elif origin is dict:
        assert isinstance(value, dict), path
        for k, v in value.items():
            _walk(v, get_args(hint)[1], seen, f"{path}[{k}]")
    elif hint is type(None):
        assert value is None, path
    elif hint is float:
        assert not isinstance(value, bool), path
        assert isinstance(value, (int, float)), path
    elif hint is int:
        assert not isinstance(value, bool), path
        assert isinstance(value, int), path
    else:
        assert isinstance(value, hint), f"{path}: {value!r} is not {hint}"


def _declared(root: Any, out: set[tuple[str, str]] | None = None) -> set[tuple[str, str]]:
    """Every (TypedDict, key) reachable from the type ``root``."""
    out = set() if out is None else out
    if is_typeddict(root):
        for key, hint in get_type_hints(root).items():
            if (root.__name__, key) not in out:
                out.add((root.__name__, key))
                _declared(hint, out)
    else:
        for arg in get_args(root):
            _declared(arg, out)
    return out


def test_pages_hold_exactly_the_declared_format(pages: dict[str, str]) -> None:
    seen: set[tuple[str, str]] = set()
    for name, html in pages.items():
        blocks = _data_blocks(html)
        layers = _calls(html, "addLayer")
        assert len(blocks) == len(layers) > 0, name
        for i, block in enumerate(blocks):
            _walk(block, payload.LayerData, seen, f"{name}.data[{i}]")
        for key, _, options in layers:
            _walk(options, payload.LayerOptions, seen, f"{name}.options[{key}]")
        for _, _, html_arg in _calls(html, "addControl"):
            _walk(html_arg, str | payload.PerDateHtml, seen, f"{name}.box")
        (config,) = _calls(html, "ready")
        _walk(config[0], payload.ExploreConfig, seen, f"{name}.ready")
    roots = (payload.LayerData, payload.LayerOptions, payload.PerDateHtml, payload.ExploreConfig)
    declared: set[tuple[str, str]] = set()
    for root in roots:
        _declared(root, declared)
    # both ways: nothing undeclared reached a page (above), nothing declared is never written
    assert declared - seen == set()
    assert {"PointsData", "ShapesData", "Timed", "Encoded", "Changes"} <= {t for t, _ in seen}


def test_the_page_reads_the_readable_keys(pages: dict[str, str]) -> None:
    """The scripts read the declared keys (not the short ones of before)."""
    runtime = (STATIC / "runtime.js").read_text(encoding="utf-8")
    explore = (STATIC / "explore.js").read_text(encoding="utf-8")
    for key in ("style_codes", "columns", "hidden_columns", "timed", "geometries", "count",
                "lon_origin", "lat_offsets", "label_lon", "positions"):  # fmt: skip
        assert f".{key}" in runtime, key
    assert ".search_texts" in explore
    for short in (".t.", ".cols", "d.k[", "d.g[", "d.lx", "d.x0", "c.at"):
        assert short not in runtime + explore, short


def test_points_are_offsets_from_the_smallest_coordinate() -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    geom = gpd.GeoSeries([Point(7.46512, 51.51401), Point(7.46, 51.5149)], crs="EPSG:4326")
    data = payload.points(geom, [1, -1], {"a": ["x", None]}, hidden_columns={"h": ["1", "2"]})
    # 1e-5 degrees: 746512 and 746000 → origin 746000; 5151401 and 5151490 → 5151401
    assert data == {
        "type": "points", "count": 2, "lon_origin": 746000, "lat_origin": 5151401,
        "lon_offsets": [512, 0], "lat_offsets": [0, 89], "style_codes": [1, -1],
        "columns": {"a": ["x", None]}, "hidden_columns": {"h": ["1", "2"]},
    }  # fmt: skip


def test_shapes_round_and_place_labels() -> None:
    import geopandas as gpd
    from shapely.geometry import Point, box

    geom = gpd.GeoSeries([box(7.1234567, 51.0, 7.2, 51.1)], crs="EPSG:4326")
    data = payload.shapes(
        geom, [0], {"name": ["Nord"]}, decimals=5, search_texts=["nord"],
        label_points=[Point(7.1500004, 51.05)],
    )  # fmt: skip
    assert data["geometries"][0]["coordinates"][0][0] == [7.2, 51.0]
    assert [7.12346, 51.0] in data["geometries"][0]["coordinates"][0]
    assert (data["label_lon"], data["label_lat"], data["search_texts"]) == (
        [7.15],
        [51.05],
        ["nord"],
    )
    assert "timed" not in data
    assert "hidden_columns" not in data


def _functions(name: str) -> set[str]:
    text = (STATIC / name).read_text(encoding="utf-8")
    return set(re.findall(r"\bfunction\s+([A-Za-z_$][\w$]*)\s*\(", text))


def test_no_script_defines_a_helper_of_common_js() -> None:
    shared = _functions("common.js")
    assert {"el", "own", "eachLayer", "control"} <= shared
    for name in ("runtime.js", "explore.js", "print.js"):
        assert _functions(name) & shared == set(), name
        text = (STATIC / name).read_text(encoding="utf-8")
        assert "G.lib." in text, name  # it takes the helpers it uses from common.js
        assert "document.createElement(" not in text.replace("document.createElement('canvas')", "")


def test_common_js_runs_first_and_every_script_once(pages: dict[str, str]) -> None:
    texts = [(STATIC / n).read_text(encoding="utf-8") for n in maps.page.SCRIPTS]
    assert maps.page.SCRIPTS[0] == "common.js"
    for html in pages.values():
        where = [html.find(f"<script>{t}</script>") for t in texts]
        assert all(w >= 0 for w in where)
        assert where == sorted(where)
        assert all(html.count(t) == 1 for t in texts)
