"""Messages about the real OSM and Leerstandsmelder files (issue 24 case 8).

Every real-structure fixture of ``tests/data/osm/`` and ``tests/data/leerstandsmelder/``
(SOURCES.md names the sample each follows) goes through ``gi.read_layer`` and through
``geoinnenstadt import osm|leerstandsmelder``, with and without ``--survey-date``, and to the
*other* subcommand. A message must say what the file is and what to do: the command that
reads it, or the option the command line has (``--survey-date``, not the library's
``survey_date=``). The oracle of "what the file is" is the folder the fixture lies in.
"""

from __future__ import annotations

import gzip
import json
import warnings
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES

import geoinnenstadt as gi
from geoinnenstadt.cli import main
from geoinnenstadt.errors import DataFileError

DATA = FIXTURES
OSM = sorted(p for p in (DATA / "osm").iterdir() if p.name not in ("REAL.json", "make_pbf.py"))
LSM = sorted(p for p in (DATA / "leerstandsmelder").iterdir() if p.name != "REAL.json")
#: Files without any date (hand-checked): the survey date must be given.
UNDATED = {"osmosis-stripped.osm", "all_places.json"}


def _what(path: Path) -> str:
    """What the file is, from its folder and type (the oracle)."""
    if path.parent.name == "leerstandsmelder":
        return "is a Leerstandsmelder export"
    if path.suffix == ".json":
        return "is a saved Overpass API answer"
    return "is an OpenStreetMap extract"


def _run(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.GeoinnenstadtWarning)
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_fixture_lists_are_complete():
    assert len(OSM) == 9
    assert len(LSM) == 4


@pytest.mark.parametrize("path", OSM + LSM, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("survey_date", [None, "30.06.2025"])
def test_import_with_its_own_subcommand(tmp_path, capsys, path, survey_date):
    source = "leerstandsmelder" if path.parent.name == "leerstandsmelder" else "osm"
    out = tmp_path / "units.gpkg"
    extra = [] if survey_date is None else ["--survey-date", survey_date]
    code, text = _run(capsys, "import", source, str(path), "--out", str(out), *extra)
    if survey_date is None and path.name in UNDATED:
        assert code == 2
        assert "pass --survey-date DD.MM.YYYY" in text
        assert "survey_date=" not in text  # the library's keyword means nothing here
        assert not out.exists()
    else:
        assert code == 0, text
        assert "survey_date=" not in text
        assert out.exists()


@pytest.mark.parametrize("path", OSM + LSM, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("survey_date", [None, "30.06.2025"])
def test_file_of_the_other_source_names_what_it_is_and_the_command(
    tmp_path, capsys, path, survey_date
):
    right = "leerstandsmelder" if path.parent.name == "leerstandsmelder" else "osm"
    wrong = "osm" if right == "leerstandsmelder" else "leerstandsmelder"
    out = tmp_path / "units.gpkg"
    extra = [] if survey_date is None else ["--survey-date", survey_date]
    code, text = _run(capsys, "import", wrong, str(path), "--out", str(out), *extra)
    assert code == 2
    assert f"{path} {_what(path)}" in text
    assert f"read it with: geoinnenstadt import {right} {path} --out {out}" in text
    assert not out.exists()


def test_compressed_download_is_judged_by_the_file_inside(tmp_path, capsys):
    osm_zip = tmp_path / "download.zip"
    with zipfile.ZipFile(osm_zip, "w") as zf:
        zf.write(DATA / "osm" / "innenstadt.osm", "innenstadt.osm")
        zf.writestr("LIESMICH.txt", "Quelle: OpenStreetMap, ODbL\n")
    out = tmp_path / "units.gpkg"
    code, text = _run(capsys, "import", "osm", str(osm_zip), "--out", str(out))
    assert code == 0, text
    assert "8 übernommen, 4 ausgelassen" in text  # osm/REAL.json: 12 records, 4 left out
    lsm_gz = tmp_path / "all_places.json.gz"
    lsm_gz.write_bytes(gzip.compress((DATA / "leerstandsmelder" / "all_places.json").read_bytes()))
    code, text = _run(capsys, "import", "osm", str(lsm_gz), "--out", str(tmp_path / "x.gpkg"))
    assert code == 2
    assert f"{lsm_gz} is a Leerstandsmelder export" in text
    assert f"geoinnenstadt import leerstandsmelder {lsm_gz} --out" in text


def test_other_geodata_to_import_says_what_reads_it(tmp_path, capsys):
    other = tmp_path / "quartiere.geojson"
    other.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    for source in ("osm", "leerstandsmelder"):
        code, text = _run(capsys, "import", source, str(other), "--out", str(tmp_path / "x.gpkg"))
        assert code == 2
        assert f"{other} is not " in text
        assert f"geoinnenstadt validate {other} --kind units" in text


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_library_asks_for_survey_date_and_names_the_file(name):
    path = next(p for p in OSM + LSM if p.name == name)
    with pytest.raises(DataFileError) as e:
        gi.read_layer(path, "units")
    assert str(e.value).startswith(f"{path}: ")
    assert "pass survey_date='DD.MM.YYYY'" in str(e.value)


def test_library_wrong_kind_and_wrong_reader_name_the_file_and_the_call():
    innenstadt = DATA / "osm" / "innenstadt.osm"
    with pytest.raises(ValueError, match=r"an OpenStreetMap extract is read as kind='units'") as e:
        gi.read_layer(innenstadt, "quarters")
    assert f"gi.read_addresses({str(innenstadt)!r})" in str(e.value)
    overpass = DATA / "osm" / "overpass-out-center.json"
    with pytest.raises(ValueError, match=r"a saved Overpass API answer \(OpenStreetMap data\)"):
        gi.read_layer(overpass, "sites")
    for path in LSM:
        with pytest.raises(DataFileError) as e:
            gi.read_addresses(path)
        assert f"{path} is a Leerstandsmelder export (vacant places), not an address" in str(
            e.value
        )
        assert f"gi.read_layer({str(path)!r}, 'units')" in str(e.value)
