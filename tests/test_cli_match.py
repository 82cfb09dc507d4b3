"""``geoinnenstadt match``: the Excel workbook of proposals against hand-checked facts.

The hand-built city: two quarters side by side (Q1 x 0–100 m, Q2 x 100–200 m),
one survey on 30.06.2025, no footfall.

  occupied: O01 Q1 gastronomy 100 m², O02 Q2 clothing 100 m²
  vacant:   U01 Q1 150 m² EG, since 30.06.2024 (12 months)
            U02 Q1 120 m² EG, since 30.06.2023 (24 months)
            U03 Q2 180 m² upper floor, since 31.03.2025

Requests (all with contact data, which must never reach the workbook):

  "R/1"   gastronomy 100–200 m², EG required, no preferred quarter  → U01, U02
  "BIG"   retail 2000–3000 m²                                        → nothing
  LONG    (a 38-character id) office 150–200 m², no EG required      → U03, U01
  "P1"    placed                                                     → not matched

Scores of "R/1" by hand (default weights; no footfall, so size 30, quarter 25,
use 15, duration 15 are scaled by 100/85):
  use: gastronomy is 1/1 of Q1's occupied units ≥ its city share 1/2 → 0.5
  U01: size 1 (150 m² is the centre) → 30; quarter 25; use 7.5; duration 12/24 → 7.5
       = 70 · 100/85 = 82.35 → 82.4
  U02: size (120 − 90) / (150 − 90) = 0.5 → 15; quarter 25; use 7.5; duration 24/24 → 15
       = 62.5 · 100/85 = 73.53 → 73.5
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely import Point, box

import geoinnenstadt as gi
from geoinnenstadt.cli import excel_sheet_names, main

X0, Y0 = 393_000.0, 5_707_000.0
CRS = "EPSG:25832"
AT = "2025-06-30"
LONG = "Gesuch-Innenstadt-2025-Gastro-Büro-0001"
CONTACTS = {
    "contact_name": "Zacharias Kontaktmann",
    "contact_email": "zk-geheim@example.invalid",
    "contact_phone": "0231 99887766",
}


def _city() -> gi.City:
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": ["Nordviertel", "Brückviertel"]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 100)],
        crs=CRS,
    )

    def unit(uid, x, status, area, use=None, gf=True, since=None):  # type: ignore[no-untyped-def]
        return {
            "unit_id": uid,
            "survey_date": pd.Timestamp(AT),
            "status": status,
            "floor_area_m2": float(area),
            "use": use,
            "ground_floor": gf,
            "vacant_since": pd.Timestamp(since) if since else pd.NaT,
            "geometry": Point(X0 + x, Y0 + 50),
        }

    units = gpd.GeoDataFrame(
        [
            unit("O01", 10, "occupied", 100, "gastronomy"),
            unit("O02", 110, "occupied", 100, "retail_medium.clothing"),
            unit("U01", 30, "vacant", 150, since="2024-06-30"),
            unit("U02", 60, "vacant", 120, since="2023-06-30"),
            unit("U03", 150, "vacant", 180, gf=False, since="2025-03-31"),
        ],
        geometry="geometry",
        crs=CRS,
    )
    units["ground_floor"] = units["ground_floor"].astype("boolean")
    return gi.City(quarters=quarters, units=units, requests=_requests(), meta={"name": "Teststadt"})


def _requests() -> pd.DataFrame:
    rows = [
        ("R/1", "gastronomy", 100, 200, True, "open"),
        ("BIG", "retail", 2000, 3000, False, "open"),
        (LONG, "office", 150, 200, False, "open"),
        ("P1", "gastronomy", 100, 200, False, "placed"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "request_id",
            "use",
            "min_floor_area_m2",
            "max_floor_area_m2",
            "ground_floor_required",
            "status",
        ],
    )
    frame.insert(1, "received_on", pd.Timestamp("2025-05-01"))
    return frame.assign(**CONTACTS)


@pytest.fixture(scope="module")
def city_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("city") / "teststadt.gpkg"
    gi.write_city(_city(), path, personal=True)  # contacts in the file: the CLI must drop them
    return path


@pytest.fixture(scope="module")
def requests_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The requests as a Citymanagement keeps them: Excel with German headers."""
    german = {
        "request_id": "Gesuch-Nr.",
        "received_on": "Eingang",
        "use": "Nutzung",
        "min_floor_area_m2": "Fläche von",
        "max_floor_area_m2": "Fläche bis",
        "ground_floor_required": "EG erforderlich",
        "status": "Status",
        "contact_name": "Ansprechpartner",
        "contact_email": "E-Mail",
        "contact_phone": "Telefon",
    }
    path = tmp_path_factory.mktemp("req") / "gesuche.xlsx"
    _requests().rename(columns=german).to_excel(path, index=False)
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _workbook_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture(scope="module")
def written(city_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "matches.xlsx"
    code = main(["match", "--data", str(city_file), "--out", str(out)])
    assert code == 0
    return out, ""


def test_sheets_are_summary_then_one_per_open_request(written: tuple[Path, str]) -> None:
    out, _ = written
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    # "R/1" has a character Excel forbids; LONG is cut to 31 characters; P1 is placed
    assert names == ["Übersicht", "R_1", "BIG", LONG[:31]]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_summary_hand_checked(written: tuple[Path, str]) -> None:
    out, _ = written
    summary = pd.read_excel(out, sheet_name="Übersicht")
    assert summary["request_id"].tolist() == ["R/1", "BIG", LONG]
    assert summary["matches"].tolist() == [2, 0, 2]  # R/1: U01, U02; LONG: U03, U01 (± 10 %)
    assert summary.loc[0, "best_score"] == pytest.approx(82.4)
    assert summary.loc[0, ["min_floor_area_m2", "max_floor_area_m2"]].tolist() == [100, 200]
    assert summary.loc[0, "use"] == "gastronomy"
    assert pd.isna(summary.loc[0, "no_match_reason"])
    reason = summary.loc[1, "no_match_reason"]
    assert reason.startswith("keine Einheit ≥ 2.000 m²"), reason
    assert pd.isna(summary.loc[1, "best_score"])
    assert summary["sheet"].tolist() == ["R_1", "BIG", LONG[:31]]


def test_request_sheet_hand_checked(written: tuple[Path, str]) -> None:
    out, _ = written
    r1 = pd.read_excel(out, sheet_name="R_1")
    assert r1["unit_id"].tolist() == ["U01", "U02"]
    assert r1["rank"].tolist() == [1, 2]
    assert r1["score"].tolist() == pytest.approx([82.4, 73.5])
    assert r1["points_size"].tolist() == pytest.approx([35.3, 17.6])  # 30·100/85, 15·100/85
    assert r1["points_duration"].tolist() == pytest.approx([8.8, 17.6])
    assert r1["quarter_id"].tolist() == ["Q1", "Q1"]
    assert "Fläche 150 m²" in r1.loc[0, "reasons"]
    big = pd.read_excel(out, sheet_name="BIG")
    assert big.empty
    assert "unit_id" in big.columns


def test_sheets_equal_match_called_directly(written: tuple[Path, str]) -> None:
    out, _ = written
    city = _city()
    expected = gi.matching.match(city.requests, city.units, quarters=city.quarters, top=5)
    book = pd.read_excel(out, sheet_name=None)
    summary = book["Übersicht"]
    for rid, sheet in zip(summary["request_id"], summary["sheet"], strict=True):
        want = expected[(expected["request_id"] == rid) & expected["unit_id"].notna()]
        got = book[sheet]
        assert got["unit_id"].tolist() == want["unit_id"].tolist()
        assert got["score"].tolist() == pytest.approx(want["score"].astype(float).tolist())
        for col in [c for c in want.columns if c.startswith("points_")]:
            assert got[col].tolist() == pytest.approx(want[col].astype(float).tolist())
        assert got["reasons"].tolist() == want["reasons"].tolist()


def test_no_contact_reaches_the_workbook(written: tuple[Path, str]) -> None:
    out, _ = written
    text = _workbook_text(out)
    for value in CONTACTS.values():
        assert value not in text
    for column in CONTACTS:
        assert column not in text


def test_counts_printed(city_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(
        ["match", "--data", str(city_file), "--out", str(tmp_path / "m.xlsx")], capsys
    )
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith("4 Gesuch(e) aus ")
    assert "3 offen abgeglichen (1 mit anderem Status übergangen)" in first
    assert "2 mit Vorschlägen, 1 ohne passende Einheit" in first
    assert out.splitlines()[1] == str(tmp_path / "m.xlsx")


def test_requests_from_excel_with_german_headers_and_english(
    city_file: Path, requests_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "m.xlsx"
    argv = ["match", "--data", str(city_file), "--requests", str(requests_xlsx)]
    code, printed, err = run([*argv, "--out", str(out), "--lang", "en", "--top", "1"], capsys)
    assert code == 0, err
    assert "read 4 request(s)" in printed
    assert "2 with proposals, 1 without" in printed
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["Summary", "R_1", "BIG", LONG[:31]]
    assert book["R_1"]["unit_id"].tolist() == ["U01"]  # --top 1
    assert book["Summary"].loc[1, "no_match_reason"].startswith("no unit ≥ 2,000 m²")
    assert CONTACTS["contact_email"] not in _workbook_text(out)


def test_at_option_read_as_german_date(city_file: Path, tmp_path: Path) -> None:
    # --at in DD.MM.YYYY is the survey date: the same proposals as the default
    out = tmp_path / "m.xlsx"
    code = main(["match", "--data", str(city_file), "--out", str(out), "--at", "30.06.2025"])
    assert code == 0
    assert pd.read_excel(out, sheet_name="Übersicht")["matches"].tolist() == [2, 0, 2]


def test_sample_name_as_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "do.xlsx"
    code, printed, err = run(["match", "--data", "dortmund", "--out", str(out)], capsys)
    assert code == 0, err
    city = gi.load_sample("dortmund")
    expected = gi.matching.match(
        city.requests, city.units, quarters=city.quarters, footfall=city.footfall
    )
    summary = pd.read_excel(out, sheet_name="Übersicht")
    assert summary["request_id"].tolist() == list(pd.unique(expected["request_id"]))
    unmatched = int(expected["unit_id"].isna().sum())
    assert int((summary["matches"] == 0).sum()) == unmatched
    assert f"{unmatched} ohne passende Einheit" in printed
    text = _workbook_text(out)
    for value in city.requests["contact_email"].dropna():
        assert value not in text


# --------------------------------------------------------------------------- bad input


def _no_requests_city(tmp_path: Path) -> Path:
    city = _city()
    city.requests = None
    return gi.write_city(city, tmp_path / "ohne.gpkg")


def test_city_without_requests_needs_requests_option(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = _no_requests_city(tmp_path)
    out = tmp_path / "m.xlsx"
    code, _, err = run(["match", "--data", str(data), "--out", str(out)], capsys)
    assert code == 2
    assert "keine Ansiedlungsgesuche" in err
    assert "--requests" in err
    assert not out.exists()


def test_missing_requests_file(city_file: Path, tmp_path: Path, capsys) -> None:
    argv = ["match", "--data", str(city_file), "--requests", str(tmp_path / "fehlt.xlsx")]
    code, _, err = run([*argv, "--out", str(tmp_path / "m.xlsx")], capsys)
    assert code == 2
    assert "fehlt.xlsx" in err
    assert "nicht gefunden" in err


def test_unreadable_requests_file(city_file: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "kaputt.xlsx"
    bad.write_bytes(b"this is no workbook")
    argv = ["match", "--data", str(city_file), "--requests", str(bad)]
    code, _, err = run([*argv, "--out", str(tmp_path / "m.xlsx")], capsys)
    assert code == 2
    assert "kaputt.xlsx" in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.xlsx").exists()


def test_unknown_column_is_named(city_file: Path, tmp_path: Path, capsys) -> None:
    frame = _requests().rename(columns={"min_floor_area_m2": "Größe ungefähr"})
    path = tmp_path / "gesuche.xlsx"
    frame.to_excel(path, index=False)
    argv = ["match", "--data", str(city_file), "--requests", str(path)]
    code, printed, err = run([*argv, "--out", str(tmp_path / "m.xlsx")], capsys)
    assert code == 1
    assert "min_floor_area_m2" in printed + err
    assert not (tmp_path / "m.xlsx").exists()


def test_existing_workbook_untouched_on_error(city_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.xlsx"
    out.write_bytes(b"old")
    bad = tmp_path / "kaputt.xlsx"
    bad.write_bytes(b"no workbook")
    argv = ["match", "--data", str(city_file), "--requests", str(bad), "--out", str(out)]
    assert run(argv, capsys)[0] == 2
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--data", "atlantis", "--out", "m.xlsx"], "atlantis"),
        (["--data", "dortmund", "--out", "m.csv"], ".xlsx"),
        (["--data", "dortmund", "--out", "m.xlsx", "--top", "0"], "--top"),
    ],
)
def test_usage_errors(argv: list[str], needle: str, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["match", *argv], capsys)
    assert code == 2
    assert needle in err
    assert not (tmp_path / "m.xlsx").exists()


def test_sheet_names_valid_and_unique() -> None:
    names = excel_sheet_names(
        ["a:b", "A_B", "'quoted'", "", "History", "x" * 40, "x" * 31 + "y"], taken=["Übersicht"]
    )
    assert names == ["a_b", "A_B~2", "quoted", "_", "History_", "x" * 31, "x" * 29 + "~2"]
    assert excel_sheet_names(["übersicht"], taken=["Übersicht"]) == ["übersicht~2"]
