"""Tests of the ``geoinnenstadt`` command line (geoinnenstadt.cli)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely import Point, Polygon, box

import geoinnenstadt as gi
from geoinnenstadt import cli, io
from geoinnenstadt.cli import main

X0, Y0 = 393_000.0, 5_707_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"
HEADER = ["Severity", "Row", "Column", "Problem", "Hint"]  # with gi.settings.language "en"


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")


def quarters(*geoms: Polygon, **columns: list[Any]) -> gpd.GeoDataFrame:
    ids = [f"Q{i + 1}" for i in range(len(geoms))]
    data: dict[str, list[Any]] = {"quarter_id": ids, "name": [f"Quartier {i}" for i in ids]}
    data.update(columns)
    return gpd.GeoDataFrame(data, geometry=list(geoms), crs=CRS)


def sq(i: int) -> Polygon:
    return box(X0 + 100 * i, Y0, X0 + 100 * (i + 1), Y0 + 100)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def table_lines(out: str) -> list[list[str]]:
    """Rows of the printed problem table, split on runs of two or more spaces."""
    import re

    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split() == HEADER)
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


# --------------------------------------------------------------------------- basics


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"geoinnenstadt {gi.__version__}"


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2
    assert "validate" in err
    assert "sample" in err


def test_unknown_command_and_bad_kind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["frobnicate"], capsys)[0] == 2
    code, _, err = run(["validate", str(tmp_path / "x.gpkg"), "--kind", "leerstand"], capsys)
    assert code == 2
    assert "invalid choice: 'leerstand'" in err


def test_subcommands_are_pluggable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def _register_hello(subparsers: Any) -> None:
        p = subparsers.add_parser("hello")
        p.add_argument("--name", default="Welt")
        p.set_defaults(handler=lambda args: print(f"Hallo {args.name}") or 0)

    monkeypatch.setitem(cli.COMMANDS, "hello", _register_hello)
    assert run(["hello", "--name", "Dortmund"], capsys)[:2] == (0, "Hallo Dortmund\n")
    assert isinstance(cli.build_parser(), argparse.ArgumentParser)


def test_read_warnings_become_notes(capsys: pytest.CaptureFixture[str]) -> None:
    def read() -> None:
        with cli._notes_from_warnings():
            warnings.warn("Spaltennamen gekürzt", io.ReadWarning, stacklevel=1)
            warnings.warn("alte Schnittstelle", DeprecationWarning, stacklevel=1)

    with pytest.warns(DeprecationWarning, match="alte Schnittstelle"):
        read()
    assert capsys.readouterr().err == "Hinweis: Spaltennamen gekürzt\n"
    with cli._notes_from_warnings(show=False):
        warnings.warn("steht im Bericht", io.ReadWarning, stacklevel=1)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- validate


@pytest.mark.usefixtures("english")
def test_validate_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "quartiere.gpkg"
    pyogrio.write_dataframe(quarters(sq(0), sq(1)), path, layer="quartiere")
    code, out, err = run(["validate", str(path), "--kind", "quarters"], capsys)
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("OK: quarters layer from ")
    assert "2 rows, 0 errors, 0 warnings" in out
    assert "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_validate_errors_are_listed_with_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U2", "U3"],
            "survey_date": ["30.06.2025"] * 3,
            "status": ["vacnt", "occupied", "vacant"],
            "floor_area_m2": [80.0, 0.0, 45.0],
            "vacant_since": [None, None, "01.01.2025"],
        },
        geometry=[Point(X0, Y0), Point(X0 + 10, Y0), Point(X0 + 20, Y0)],
        crs=CRS,
    )
    path = tmp_path / "leerstand.gpkg"
    pyogrio.write_dataframe(units, path)
    code, out, _ = run(["validate", str(path), "--kind", "units"], capsys)
    assert code == 1
    rows = table_lines(out)
    assert [r[:3] for r in rows] == [
        ["error", "U1 @ 2025-06-30", "status"],
        ["error", "U2 @ 2025-06-30", "floor_area_m2"],
    ]
    assert rows[0][3] == "unknown value 'vacnt'"
    assert rows[0][4] == "allowed: occupied, vacant (did you mean 'vacant'?)"
    assert rows[1][3] == "floor area must be > 0, got 0"
    assert out.splitlines()[-1].startswith("FAILED: units layer from ")
    assert "3 rows, 2 errors" in out.splitlines()[-1]


def test_validate_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # gi.settings.language is "de" by default: headings, severities, messages and verdict
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U2"],
            "survey_date": ["30.06.2025"] * 2,
            "status": ["vacnt", "occupied"],
            "floor_area_m2": [80.0, 45.0],
        },
        geometry=[Point(X0, Y0), Point(X0 + 10, Y0)],
        crs=CRS,
    )
    path = tmp_path / "leerstand.gpkg"
    pyogrio.write_dataframe(units, path)
    code, out, _ = run(["validate", str(path), "--kind", "units"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["Art", "Zeile", "Spalte", "Problem", "Hinweis"]
    assert [c.strip() for c in lines[2].split("  ") if c.strip()] == [
        "Fehler",
        "U1 @ 2025-06-30",
        "status",
        "unbekannter Wert 'vacnt'",
        "erlaubt: occupied, vacant (gemeint: 'vacant'?)",
    ]
    assert lines[-1] == (
        f"FEHLER: Ebene units aus {path}:leerstand: 2 Zeilen, 1 Fehler, 0 Warnungen, "
        "0 reparierte Geometrien"
    )


@pytest.mark.usefixtures("english")
def test_validate_warnings_only_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlapping = quarters(sq(0), box(X0 + 90, Y0, X0 + 200, Y0 + 100))
    path = tmp_path / "quartiere.geojson"
    pyogrio.write_dataframe(overlapping.to_crs("EPSG:4326"), path, driver="GeoJSON")
    code, out, err = run(["validate", str(path), "--kind", "quarters"], capsys)
    assert code == 0
    rows = table_lines(out)
    assert [r[:3] for r in rows] == [["warning", "Q1", "geometry"], ["warning", "Q2", "geometry"]]
    assert rows[0][3].startswith("quarter overlaps Q2")
    assert "ReadWarning" not in err


@pytest.mark.usefixtures("english")
def test_validate_column_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = quarters(sq(0), sq(1)).rename(columns={"quarter_id": "STV_NR", "name": "STV_NAME"})
    path = tmp_path / "stadtviertel.gpkg"
    pyogrio.write_dataframe(source, path)
    code, out, _ = run(["validate", str(path), "--kind", "quarters"], capsys)
    assert code == 1
    assert {r[2] for r in table_lines(out)} == {"quarter_id", "name"}
    argv = ["validate", str(path), "--kind", "quarters", "--columns", "STV_NR=quarter_id"]
    code, out, _ = run([*argv, "STV_NAME=name"], capsys)
    assert code == 0, out


def test_validate_bad_column_pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q.gpkg"
    pyogrio.write_dataframe(quarters(sq(0)), path)
    code, _, err = run(["validate", str(path), "--kind", "quarters", "--columns", "STV_NR"], capsys)
    assert code == 2
    assert "--columns erwartet Paare QUELLE=ZIEL" in err
    code, _, err = run(
        ["--lang", "en", "validate", str(path), "--kind", "quarters", "--columns", "STV_NR"], capsys
    )
    assert "--columns expects SRC=DST pairs" in err


@pytest.mark.usefixtures("english")
def test_validate_passes_options_to_read_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}
    real = io.read_layer

    def spy(path: Any, kind: str, **kwargs: Any) -> gpd.GeoDataFrame:
        seen.update(kwargs, path=path, kind=kind)
        return real(path, kind, **kwargs)

    monkeypatch.setattr(io, "read_layer", spy)
    path = tmp_path / "two.gpkg"
    pyogrio.write_dataframe(quarters(sq(0)), path, layer="alt")
    pyogrio.write_dataframe(quarters(sq(0), sq(1)), path, layer="neu")
    argv = ["validate", str(path), "--kind", "quarters", "--layer", "neu", "--encoding", "utf-8"]
    code, out, _ = run([*argv, "--crs", "EPSG:25832", "--repair"], capsys)
    assert code == 0, out
    assert "2 rows" in out
    assert seen == {
        "path": str(path),
        "kind": "quarters",
        "columns": None,
        "layer": "neu",
        "crs": "EPSG:25832",
        "encoding": "utf-8",
        "repair": True,
    }


def test_validate_missing_and_broken_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["validate", str(tmp_path / "fehlt.gpkg"), "--kind", "quarters"], capsys)
    assert code == 2
    assert err.startswith("geoinnenstadt: Fehler: ")
    assert "fehlt.gpkg" in err
    assert "Traceback" not in err
    broken = tmp_path / "kaputt.gpkg"
    broken.write_text("das ist keine GeoPackage-Datei", encoding="utf-8")
    code, _, err = run(["validate", str(broken), "--kind", "quarters"], capsys)
    assert code == 2
    assert "kaputt.gpkg" in err
    assert "Traceback" not in err


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_validate_missing_crs_needs_crs_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "quartiere.shp"
    pyogrio.write_dataframe(quarters(sq(0), sq(1)).set_crs(None, allow_override=True), path)
    assert not path.with_suffix(".prj").exists()
    code, _, err = run(["validate", str(path), "--kind", "quarters"], capsys)
    assert code == 2
    assert "CRS" in err
    assert "Traceback" not in err
    code, out, _ = run(["validate", str(path), "--kind", "quarters", "--crs", "EPSG:25832"], capsys)
    assert code == 0, out


@pytest.mark.usefixtures("english")
def test_validate_repair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bow_tie = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    sites = gpd.GeoDataFrame(
        {"site_id": ["S1"], "status": ["available"], "restriction": ["none"]},
        geometry=[bow_tie],
        crs=CRS,
    )
    path = tmp_path / "flaechen.gpkg"
    pyogrio.write_dataframe(sites, path)
    code, out, _ = run(["validate", str(path), "--kind", "sites"], capsys)
    assert code == 1
    (row,) = table_lines(out)
    assert row[:3] == ["error", "S1", "geometry"]
    assert row[3].startswith("invalid geometry: Self-intersection")
    code, out, _ = run(["validate", str(path), "--kind", "sites", "--repair"], capsys)
    assert code == 0, out
    assert "S1" in out
    assert "repaired" in out


# --------------------------------------------------------------------------- sample


@pytest.fixture
def sample_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-city sample folder holding personal columns, used instead of the bundled samples."""
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U2", "U1"],
            "survey_date": pd.to_datetime(["2024-06-30", "2024-06-30", "2025-06-30"]),
            "status": ["occupied", "vacant", "vacant"],
            "floor_area_m2": [120.0, 80.5, 120.0],
            "ground_floor": pd.array([True, False, True], dtype="boolean"),
            "vacant_since": pd.to_datetime([None, "2023-01-15", "2025-03-01"]),
            "owner_name": ["Erika Mustermann", "Max Mustermann", "Erika Mustermann"],
            "owner_contact": ["erika@example.org", "0231 123456", "erika@example.org"],
        },
        geometry=[Point(X0 + 10, Y0 + 10), Point(X0 + 150, Y0 + 50), Point(X0 + 10, Y0 + 10)],
        crs=CRS,
    )
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2"],
            "status": ["available", "taken_up"],
            "restriction": ["none", "minor"],
            "taken_up_on": pd.to_datetime([None, "2022-05-01"]),
        },
        geometry=[box(X0 + 500, Y0, X0 + 700, Y0 + 200), box(X0 + 800, Y0, X0 + 900, Y0 + 100)],
        crs=CRS,
    )
    city = gi.City(
        quarters=gi.schema.conform(quarters(sq(0), sq(1)), "quarters"),
        units=gi.schema.conform(units, "units"),
        sites=gi.schema.conform(sites, "sites"),
        meta={
            "name": "Teststadt",
            "description": "zwei Quartiere",
            "as_of": "2025-06-30",
            "synthetic": True,
            "source": "tests/test_cli.py",
            "license": "CC0-1.0",
        },
    )
    folder = tmp_path / "samples"
    gi.write_city(city, folder / "teststadt.gpkg", personal=True)
    monkeypatch.setattr(gi.datasets, "_sample_dirs", lambda: [folder])
    return folder


def test_sample_list(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["sample", "list"], capsys)
    assert code == 0
    assert out == (
        "teststadt  zwei Quartiere (synthetische Beispieldaten, Stand 30.06.2025, Lizenz CC0-1.0)\n"
    )
    code, out, _ = run(["--lang", "en", "sample", "list"], capsys)
    assert out == (
        "teststadt  zwei Quartiere (synthetic sample data, as of 2025-06-30, license CC0-1.0)\n"
    )


def test_sample_without_action(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["sample"], capsys)
    assert code == 2
    assert "eine Aktion wählen: list oder export" in err


def test_sample_export_gpkg_drops_personal_columns(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "owner_name" in pyogrio.read_info(sample_dir / "teststadt.gpkg", layer="units")["fields"]
    out_dir = tmp_path / "export"
    code, out, _ = run(["sample", "export", "teststadt", str(out_dir)], capsys)
    assert code == 0
    target = out_dir / "teststadt.gpkg"
    assert out.strip() == str(target)
    city = gi.read_city(target)
    assert city.meta["name"] == "Teststadt"
    assert len(city.units) == 3
    assert not {"owner_name", "owner_contact"} & set(city.units.columns)
    assert "ground_floor" in city.units.columns


@pytest.mark.parametrize("fmt", ["geojson", "shp", "parquet"])
def test_sample_export_per_layer(
    fmt: str, sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / fmt
    code, out, _ = run(["sample", "export", "teststadt", str(out_dir), "--format", fmt], capsys)
    assert code == 0
    expected = [out_dir / f"teststadt_{kind}.{fmt}" for kind in ("quarters", "units", "sites")]
    assert out.split() == [str(p) for p in expected]
    for path in expected:
        assert path.is_file()
        gdf = gpd.read_parquet(path) if fmt == "parquet" else pyogrio.read_dataframe(path)
        assert not {"owner_name", "owner_contact"} & set(gdf.columns), path
        assert not any(str(c).startswith("owner_") for c in gdf.columns)
    units_path = expected[1]
    if fmt == "geojson":
        doc = json.loads(units_path.read_text(encoding="utf-8"))
        lon, lat = doc["features"][0]["geometry"]["coordinates"]
        assert 7.4 < lon < 7.5
        assert 51.4 < lat < 51.6
        assert "Mustermann" not in units_path.read_text(encoding="utf-8")
    if fmt == "shp":
        assert units_path.with_suffix(".cpg").is_file()
        assert b"Mustermann" not in units_path.with_suffix(".dbf").read_bytes()
    back = gi.read_layer(units_path, "units")  # every export reads back as a valid layer
    assert len(back) == 3


def test_sample_export_unknown_name(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["sample", "export", "atlantis", str(tmp_path)], capsys)
    assert code == 2
    assert "keine Beispielstadt 'atlantis'; vorhanden: teststadt" in err


def test_bundled_samples_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    names = gi.list_samples()
    assert names == ["dorsten", "dortmund", "duesseldorf"]  # shipped in the repository
    code, out, _ = run(["sample", "list"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == names


# --------------------------------------------------------------------------- installed command


def test_console_script_and_module_entry(tmp_path: Path) -> None:
    path = tmp_path / "quartiere.gpkg"
    pyogrio.write_dataframe(quarters(sq(0), sq(1)), path)
    pyogrio.write_dataframe(quarters(sq(0), sq(1), quarter_id=["Q1", "Q1"]), path, layer="dup")
    script = Path(sys.executable).with_name("geoinnenstadt")
    assert script.is_file(), "install the package: pip install -e ."
    done = subprocess.run(
        [str(script), "validate", str(path), "--kind", "quarters", "--layer", "dup"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "doppelte quarter_id" in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "geoinnenstadt.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"geoinnenstadt {gi.__version__}"


# --------------------------------------------------------------------------- briefing (issue 9)


@pytest.mark.parametrize(
    "command", [["briefing"], ["map", "vacancy", "--sample", "dorsten", "--out", "m.html"]]
)
def test_at_with_two_digit_year_is_a_usage_error_with_hint(
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run([*command, "--at", "01.06.25"], capsys)
    assert code == 2
    assert "two-digit year" in err
    assert "use DD.MM.YYYY or YYYY-MM-DD" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing built


def test_cli_at_parses_german_day_first(tmp_path: Path) -> None:
    """Issue 9: `briefing --at 01.06.2025` printed "Stichtag 06.01.2025" and 158,4 ha (6 January)."""
    import shapely

    out_dir = tmp_path / "out"
    code = main(
        [
            "briefing",
            "--data",
            "dortmund",
            "--notebook",
            "02_wirtschaftsflaechen",
            "--at",
            "01.06.2025",
            "--out",
            str(out_dir),
            "--no-progress",
        ]
    )
    assert code == 0
    page = (out_dir / "dortmund_02_wirtschaftsflaechen.html").read_text(encoding="utf-8")
    assert "<dt>Stichtag</dt><dd>01.06.2025</dd>" in page
    # independent: sites available on 1 June 2025 (taken up later counts as reserve), plain shapely
    sites = gi.load_sample("dortmund").sites
    at = pd.Timestamp(2025, 6, 1)
    reserve = (sites["status"] == "available") | (
        (sites["status"] == "taken_up") & (sites["taken_up_on"] > at)
    )
    hectares = shapely.area(sites.geometry.values[reserve.to_numpy()]).sum() / 10_000
    assert round(hectares, 1) == 146.0
    expected = f"Verfügbar sind {hectares:.1f} ha".replace(".", ",")
    assert expected in page
    assert "158,4 ha" not in page


def test_cli_briefing_with_a_relative_data_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 9: the README's `geoinnenstadt briefing --data klein.gpkg` failed (kernel cwd)."""
    city = gi.load_sample("dortmund")
    work = tmp_path / "arbeit"
    work.mkdir()
    gi.write_city(city, work / "klein.gpkg", personal=False)
    monkeypatch.chdir(work)
    code, _, err = run(
        [
            "briefing",
            "--data",
            "klein.gpkg",
            "--notebook",
            "02_wirtschaftsflaechen",
            "--out",
            "ergebnis",
            "--no-progress",
        ],
        capsys,
    )
    assert code == 0, err
    written = sorted((work / "ergebnis").glob("*.html"))
    assert [p.name for p in written] == ["dortmund_02_wirtschaftsflaechen.html", "index.html"]
    page = written[0].read_text(encoding="utf-8")
    assert "Verfügbar sind" in page
    # a missing relative file is a clear usage error naming where it looked
    code, _, err = run(["briefing", "--data", "fehlt.gpkg", "--no-progress"], capsys)
    assert code == 2
    assert str(work / "fehlt.gpkg") in err


# --------------------------------------------------------------------------- public briefings (issue 19)


def test_cli_public_briefings_default_apart_and_never_overwrite_internal_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19: without --out, public and internal briefings were written to the same files."""
    import importlib

    import nbformat

    build_module = importlib.import_module("geoinnenstadt.briefing.build")
    ran: list[bool] = []

    def executed(path: Any, params: dict[str, Any], **_: Any) -> Any:
        """The notebook as executed, without a kernel: one heading that names the edition."""
        ran.append(params["public"])
        edition = "oeffentlich" if params["public"] else "intern"
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {edition}")])

    monkeypatch.setattr(build_module, "execute_notebook", executed)
    monkeypatch.chdir(tmp_path)
    args = [
        "briefing",
        "--data",
        "dortmund",
        "--notebook",
        "02_wirtschaftsflaechen",
        "--no-progress",
    ]
    assert run(args, capsys)[0] == 0
    assert run([*args, "--public"], capsys)[0] == 0
    name = "dortmund_02_wirtschaftsflaechen.html"
    internal = tmp_path / "build" / "briefings" / name
    public = tmp_path / "build" / "briefings-public" / name
    assert 'id="intern"' in internal.read_text(encoding="utf-8")
    assert 'id="oeffentlich"' in public.read_text(encoding="utf-8")
    assert (tmp_path / "build" / "briefings-public" / "index.html").is_file()
    # a public build aimed at the internal folder stops before any notebook runs
    before = {p.name: p.read_bytes() for p in internal.parent.iterdir()}
    ran.clear()
    code, _, err = run([*args, "--public", "--out", "build/briefings"], capsys)
    assert code == 2
    assert "never overwrites an internal one" in err
    assert "index.html" in err
    assert ran == []
    assert {p.name: p.read_bytes() for p in internal.parent.iterdir()} == before
    # a public build may replace a public briefing, an internal build anything
    assert run([*args, "--public"], capsys)[0] == 0
    assert run([*args, "--out", "build/briefings-public"], capsys)[0] == 0
    assert 'id="intern"' in public.read_text(encoding="utf-8")
    # the single-briefing function keeps the same rule
    with pytest.raises(ValueError, match="not a public briefing"):
        gi.briefing.build_one(
            build_module.notebooks_dir() / "02_wirtschaftsflaechen.py",
            data="dortmund",
            out=internal.parent,
            public=True,
        )


# --------------------------------------------------------------------------- language (issue 19)


@pytest.fixture
def kernel_free_briefings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notebooks "executed" without a kernel: one heading, so that a build takes a second."""
    import importlib

    import nbformat

    build_module = importlib.import_module("geoinnenstadt.briefing.build")

    def executed(path: Any, params: dict[str, Any], **_: Any) -> Any:
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Briefing")])

    monkeypatch.setattr(build_module, "execute_notebook", executed)


@pytest.mark.usefixtures("kernel_free_briefings")
@pytest.mark.parametrize(
    ("lang_args", "index", "summary"),
    [
        ([], "Übersicht", "Fertig: 1 Briefing erstellt, 0 übersprungen, 0 fehlgeschlagen"),
        (
            ["--lang", "de"],
            "Übersicht",
            "Fertig: 1 Briefing erstellt, 0 übersprungen, 0 fehlgeschlagen",
        ),
        (["--lang", "en"], "index", "Done: 1 briefing written, 0 skipped, 0 failed"),
    ],
    ids=["default-de", "de", "en"],
)
def test_briefing_build_summary_in_the_run_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang_args: list[str],
    index: str,
    summary: str,
) -> None:
    """Issue 19: the command line spoke English whatever gi.settings.language said."""
    out = tmp_path / "out"
    argv = ["briefing", "--data", "dortmund", "--notebook", "02_wirtschaftsflaechen"]
    argv += ["--out", str(out), "--no-progress"]
    for args in ([*lang_args, *argv], [*argv, *lang_args]):  # before or after the command
        code, stdout, err = run(args, capsys)
        assert code == 0, err
        assert stdout.splitlines() == [
            str(out / "dortmund_02_wirtschaftsflaechen.html"),
            f"{index}: {out / 'index.html'}",
            summary,
        ]
        assert err == ""
    assert gi.settings.language == "de"  # the run's language ends with the run


def _duplicate_quarters(tmp_path: Path) -> Path:
    path = tmp_path / "quartiere.gpkg"
    pyogrio.write_dataframe(quarters(sq(0), sq(1), quarter_id=["Q1", "Q1"]), path, layer="dup")
    return path


@pytest.mark.parametrize(
    ("lang_args", "summary", "problem"),
    [
        (
            [],
            "FEHLER: Ebene quarters aus {path}:dup: 2 Zeilen, 1 Fehler, 0 Warnungen, "
            "0 reparierte Geometrien",
            "doppelte quarter_id (Objekt #2 wiederholt Objekt #1)",
        ),
        (
            ["--lang", "en"],
            "FAILED: quarters layer from {path}:dup: 2 rows, 1 error, 0 warnings, "
            "0 repaired geometries",
            "duplicate quarter_id (feature #2 repeats feature #1)",
        ),
    ],
    ids=["de", "en"],
)
def test_validation_failure_summary_in_the_run_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang_args: list[str],
    summary: str,
    problem: str,
) -> None:
    path = _duplicate_quarters(tmp_path)
    code, out, err = run(
        [*lang_args, "validate", str(path), "--kind", "quarters", "--layer", "dup"], capsys
    )
    assert code == 1
    assert out.splitlines()[-1] == summary.format(path=path)
    assert problem in out.splitlines()[2]
    assert err == ""


@pytest.mark.parametrize(
    ("lang_args", "message"),
    [
        ([], "geoinnenstadt: Fehler: {path}: Datei nicht gefunden (Name und Ordner prüfen)"),
        (
            ["--lang", "de"],
            "geoinnenstadt: Fehler: {path}: Datei nicht gefunden (Name und Ordner prüfen)",
        ),
        (
            ["--lang", "en"],
            "geoinnenstadt: error: {path}: file not found (check the name and the folder)",
        ),
    ],
    ids=["default-de", "de", "en"],
)
def test_missing_file_error_in_the_run_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang_args: list[str], message: str
) -> None:
    path = tmp_path / "fehlt.gpkg"
    code, out, err = run([*lang_args, "validate", str(path), "--kind", "quarters"], capsys)
    assert code == 2
    assert out == ""
    assert err == message.format(path=path) + "\n"
    # a file of the same name with another extension is named
    (tmp_path / "fehlt.geojson").write_text("{}", encoding="utf-8")
    code, _, err = run([*lang_args, "validate", str(path), "--kind", "quarters"], capsys)
    assert code == 2
    similar = "fehlt.geojson"
    assert err.rstrip().endswith(
        f"({'files with a similar name in that folder' if 'en' in lang_args else 'Dateien mit ähnlichem Namen in diesem Ordner'}: {similar})"
    )


def test_console_script_speaks_the_language_of_lang(tmp_path: Path) -> None:
    """The installed command, as a planner types it: --lang de and --lang en."""
    script = Path(sys.executable).with_name("geoinnenstadt")
    missing = tmp_path / "fehlt.gpkg"
    dup = _duplicate_quarters(tmp_path)

    def command(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *argv], capture_output=True, text=True, timeout=120, check=False
        )

    done = command("--lang", "de", "validate", str(missing), "--kind", "quarters")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"geoinnenstadt: Fehler: {missing}: Datei nicht gefunden (Name und Ordner prüfen)\n"
    )
    done = command("--lang", "en", "validate", str(missing), "--kind", "quarters")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"geoinnenstadt: error: {missing}: file not found (check the name and the folder)\n"
    )
    done = command("--lang", "de", "validate", str(dup), "--kind", "quarters", "--layer", "dup")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (
        f"FEHLER: Ebene quarters aus {dup}:dup: 2 Zeilen, 1 Fehler, 0 Warnungen, "
        "0 reparierte Geometrien"
    )
    done = command("--lang", "en", "validate", str(dup), "--kind", "quarters", "--layer", "dup")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (
        f"FAILED: quarters layer from {dup}:dup: 2 rows, 1 error, 0 warnings, 0 repaired geometries"
    )
