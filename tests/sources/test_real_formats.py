"""The real-sample sweep: every reader on every real-structure fixture, rows balanced.

Each folder of ``tests/data/`` that holds fixtures of an external format has a
``REAL.json`` manifest. Its cases name the fixture file, the reader
(``read_layer``, ``read_addresses``, ``read_xplan`` or ``footfall.read``), the options, the external ``format``
and, counted **by hand** from the file (the oracle is never the reader), the
number of ``records`` in it and the ids of the records the reader must leave
out::

    {"cases": [{"file": "legacy_places.json", "format": "leerstandsmelder",
                "reader": "read_layer", "kind": "units", "options": {},
                "records": 5, "left_out": ["lsm-420"]}]}

For each case: records in the file = rows returned + rows reported as left out
(``attrs["validation_report"].left_out``; ``report.left_out`` of a
:class:`geoinnenstadt.footfall.Footfall`, whose records are hourly rows), and the left-out ids are exactly the
expected ones. ``tests/data/SOURCES.md`` names, for every fixture, the real
published sample it follows, its licence and its quirks; a fixture missing
there fails.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES

import geoinnenstadt as gi

DATA = FIXTURES
SOURCES = DATA / "SOURCES.md"

#: Every external format the library reads (issue 18): each needs a real-structure fixture.
FORMATS = {
    "leerstandsmelder",
    "osm-xml",
    "osm-pbf",
    "overpass-json",
    "alkis-shapefile",
    "alkis-geopackage",
    "alkis-nas",
    "alkis-wfs-gml",
    "house-coordinates",
    "ogc-api-features",
    "footfall-hystreet-v2",
    "footfall-hystreet-v1",
    "footfall-opendatasoft",
    "footfall-augsburg",
    "xplangml-bplan",
    "xplangml-fplan",
}

#: Files in a fixture folder that are not fixtures themselves.
_NOT_FIXTURES = {".md", ".py", ".cpg", ".dbf", ".prj", ".shx", ".qix", ".sbn", ".sbx", ".xsd"}


def _cases() -> list[Any]:
    out = []
    for manifest in sorted(DATA.glob("*/REAL.json")):
        for case in json.loads(manifest.read_text(encoding="utf-8"))["cases"]:
            path = manifest.parent / case["file"]
            out.append(pytest.param(path, case, id=f"{manifest.parent.name}/{case['file']}"))
    return out


CASES = _cases()


def _read(path: Path, case: dict[str, Any]) -> Any:
    options = dict(case.get("options", {}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.GeoinnenstadtWarning)
        if case["reader"] == "read_layer":
            return gi.read_layer(path, case["kind"], **options)
        if case["reader"] == "read_addresses":
            return gi.read_addresses(path, **options)
        if case["reader"] == "read_xplan":
            return gi.read_xplan(path, **options)
        if case["reader"] == "footfall.read":
            return gi.footfall.read(path, **options)
    raise AssertionError(f"unknown reader {case['reader']!r} in the manifest")


def test_the_sweep_has_cases() -> None:
    assert len(CASES) >= len(FORMATS)


@pytest.mark.parametrize(("path", "case"), CASES)
def test_rows_balance(path: Path, case: dict[str, Any]) -> None:
    assert path.is_file(), f"fixture {path} named in its REAL.json is missing"
    out = _read(path, case)
    report = out.report if isinstance(out, gi.footfall.Footfall) else out.attrs["validation_report"]
    assert sorted(map(str, report.left_out)) == sorted(map(str, case["left_out"]))
    assert len(out) + len(report.left_out) == case["records"]


def test_every_external_format_has_a_real_structure_fixture() -> None:
    covered = {p.values[1]["format"] for p in CASES}
    assert covered >= FORMATS, f"no real-structure fixture for: {sorted(FORMATS - covered)}"


def test_every_fixture_is_listed_in_sources_md() -> None:
    text = SOURCES.read_text(encoding="utf-8")
    fixtures = [
        p.relative_to(DATA).as_posix()
        for folder in DATA.iterdir()
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in _NOT_FIXTURES and p.name != "REAL.json"
    ]
    assert fixtures
    missing = [f for f in fixtures if f"`{f}`" not in text]
    assert not missing, f"fixtures not named in tests/data/SOURCES.md: {missing}"
