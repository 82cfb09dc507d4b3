"""The exposé of a vacant unit (gi.matching.expose, geoinnenstadt/briefing/expose.py).

Every figure on the page is checked against a computation in plain pandas on the Dortmund
sample at its reference date (30.06.2025): the floor area and address of the unit's rows,
the quarter's vacancy rate from the points in the quarter polygon, the nearest counter's
mean over complete days from the hourly counts. Privacy: no owner or contact value of the
sample reaches the file unless ``personal=True``; hostile texts are escaped.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt.cli import main

AT = pd.Timestamp("2025-06-30")
#: A vacant unit of the sample with six matching requests and a counter 97 m away.
UNIT = "DO-0192"
#: A vacant unit that fits nine requests (more than the page lists).
MANY = "DO-0527"


@pytest.fixture(scope="module")
def city() -> gi.City:
    return gi.load_sample("dortmund")


@pytest.fixture(scope="module")
def page(city: gi.City, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("expose") / "expose.html"
    written = gi.matching.expose(city, UNIT, out)
    assert written == out
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def personal_page(city: gi.City, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("expose") / "expose.html"
    gi.matching.expose(city, MANY, out, personal=True)
    return out.read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """The page's text with no-break spaces as spaces (number formats use them)."""
    return html.unescape(text).replace("\xa0", " ").replace("\u202f", " ")


def _rows_at(units: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """Each unit's latest row on or before ``at`` (the sample's rounds are complete)."""
    before = units[units["survey_date"] <= at].sort_values("survey_date")
    return before.groupby("unit_id").tail(1)


def _section(text: str, cls: str) -> str:
    m = re.search(rf"<section class='{cls}'.*?</section>", text, flags=re.S)
    assert m is not None, cls
    return m.group(0)


def test_the_unit_as_in_the_data(city: gi.City, page: str) -> None:
    row = _rows_at(city.units, AT).set_index("unit_id").loc[UNIT]
    assert row["status"] == "vacant"
    text = _plain(_section(page, "gi-expose-unit"))
    assert str(row["address"]) in text
    area = f"{row['floor_area_m2']:,.0f}".replace(",", ".")
    assert f"{area} m²" in text
    floor = "Erdgeschoss (EG)" if bool(row["ground_floor"]) else "Obergeschoss (OG)"
    assert floor in text
    since = pd.Timestamp(row["vacant_since"])
    assert since.strftime("%d.%m.%Y") in text
    assert "Beispieldaten (synthetisch) – keine amtlichen Daten" in _plain(page)
    assert "Quelle: Synthetische Beispieldaten" in _plain(page)


def test_the_quarters_vacancy_rate_in_plain_pandas(city: gi.City, page: str) -> None:
    state = _rows_at(city.units, AT)
    points = gpd.GeoDataFrame(state, geometry="geometry", crs=city.units.crs)
    joined = gpd.sjoin(
        points, city.quarters[["quarter_id", "name", "geometry"]], predicate="within"
    )
    qid = joined.loc[joined["unit_id"] == UNIT, "quarter_id"].iloc[0]
    name = joined.loc[joined["unit_id"] == UNIT, "name"].iloc[0]
    inside = joined[joined["quarter_id"] == qid]
    rate = (inside["status"] == "vacant").mean()
    part = _plain(_section(page, "gi-expose-quarter-part"))
    assert f"Das Quartier: {name}" in part
    figures = re.search(r"data-figure='vacancy_rate'>.*?</tr>", part, flags=re.S)
    assert figures is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", figures.group(0))
    assert cells[0] == f"{rate * 100:.1f} %".replace(".", ",")
    assert cells[1] == f"{(state['status'] == 'vacant').mean() * 100:.1f} %".replace(".", ",")
    units = re.search(r"data-figure='units'>.*?</tr>", part, flags=re.S)
    assert units is not None
    assert re.findall(r"<td[^>]*>(.*?)</td>", units.group(0))[0] == str(len(inside))


def test_the_nearest_counters_mean_in_plain_pandas(city: gi.City, page: str) -> None:
    ff = city.footfall
    assert ff is not None
    unit = city.units.loc[city.units["unit_id"] == UNIT].geometry.iloc[0]
    dist = ff.counters.geometry.distance(unit)
    assert dist.min() <= gi.settings.matching_footfall_radius_m
    counter = ff.counters.loc[dist.idxmin()]
    counts = ff.counts[ff.counts["counter_id"].astype(str) == str(counter["counter_id"])]
    local = counts["timestamp"]
    day = local.dt.tz_localize(None).dt.normalize()
    per_day = pd.DataFrame({"day": day, "hour": local, "n": counts["pedestrians"]})
    sums = per_day.groupby("day").agg(n=("n", "sum"), hours=("hour", "nunique"))
    start = sums.index.tz_localize("Europe/Berlin")
    end = (sums.index + pd.Timedelta(days=1)).tz_localize("Europe/Berlin")
    expected = ((end - start) / pd.Timedelta(hours=1)).astype(int)
    complete = sums[sums["hours"].to_numpy() == expected.to_numpy()]
    mean = complete["n"].mean()
    text = _plain(page)
    assert f"Zählstelle {counter['name']} in {dist.min():.0f} m Entfernung" in text
    assert f"im Mittel {round(mean):,} Passanten".replace(",", ".") in text


def test_the_matching_requests_are_for_units(city: gi.City, page: str) -> None:
    expected = gi.matching.for_unit(
        UNIT, city.requests, city.units, quarters=city.quarters, footfall=city.footfall, at=AT
    )
    assert 0 < len(expected) <= 8
    part = _section(page, "gi-expose-requests")
    shown = re.findall(r"<td class=\"gi-text\"[^>]*>(DO-G\d+)</td>", part)
    assert shown == expected["request_id"].tolist()
    for score in expected["score"]:
        assert f"{score:.1f}".replace(".", ",") in part
    # ids, use and size only: no contact column heading
    assert "Ansprechpartner" not in part
    assert "E-Mail" not in part


def test_more_requests_than_listed_are_counted(city: gi.City, personal_page: str) -> None:
    expected = gi.matching.for_unit(
        MANY, city.requests, city.units, quarters=city.quarters, footfall=city.footfall, at=AT
    )
    assert len(expected) == 9
    part = _section(personal_page, "gi-expose-requests")
    shown = re.findall(r"<td class=\"gi-text\"[^>]*>(DO-G\d+)</td>", part)
    assert shown == expected["request_id"].head(8).tolist()
    assert "… und 1 weitere passende Gesuche" in _plain(part)


def _personal_values(city: gi.City) -> set[str]:
    values: set[str] = set()
    for col in ("owner_name", "owner_contact"):
        values |= {str(v) for v in city.units[col].dropna()}
    assert city.requests is not None
    for col in ("contact_name", "contact_email", "contact_phone"):
        values |= {str(v) for v in city.requests[col].dropna()}
    return {v for v in values if v.strip()}


def test_no_owner_or_contact_value_without_personal(
    city: gi.City, page: str, tmp_path: Path
) -> None:
    values = _personal_values(city)
    assert len(values) > 50
    data = page.encode("utf-8")
    for v in values:
        for form in {v, html.escape(v), html.escape(v, quote=False)}:
            assert form.encode("utf-8") not in data, v
    # a unit without matches and one with many: the same
    for unit in ("DO-0440", MANY):
        out = gi.matching.expose(city, unit, tmp_path / f"{unit}.html")
        data = out.read_bytes()
        for v in values:
            assert html.escape(v).encode("utf-8") not in data, (unit, v)
            assert v.encode("utf-8") not in data, (unit, v)


def test_personal_shows_the_contacts_of_the_matching_requests_only(
    city: gi.City, personal_page: str
) -> None:
    assert city.requests is not None
    shown = re.findall(r">(DO-G\d+)</td>", _section(personal_page, "gi-expose-requests"))
    req = city.requests.set_index("request_id")
    for rid in shown:
        for col in ("contact_name", "contact_email", "contact_phone"):
            assert html.escape(str(req.loc[rid, col])) in personal_page, (rid, col)
    others = set(req.index) - set(shown)
    for rid in others:
        assert html.escape(str(req.loc[rid, "contact_email"])) not in personal_page, rid
    # owners stay out (a synthetic owner may share a fictitious name with a contact)
    contacts = {str(req.loc[rid, "contact_name"]) for rid in shown}
    for col in ("owner_name", "owner_contact"):
        for v in set(city.units[col].dropna().astype(str)) - contacts:
            assert html.escape(v) not in personal_page, v
    assert "personenbezogene Daten" in personal_page


def test_english(city: gi.City, tmp_path: Path) -> None:
    out = gi.matching.expose(city, UNIT, tmp_path / "e.html", lang="en")
    text = _plain(out.read_text(encoding="utf-8"))
    assert '<html lang="en">' in text
    assert "Sample data (synthetic) – not official data" in text
    assert "Matching requests" in text
    assert "The unit" in text


@pytest.mark.filterwarnings("ignore::geoinnenstadt.matching.MatchingWarning")  # renamed quarter
def test_hostile_texts_are_escaped(city: gi.City, tmp_path: Path) -> None:
    bad = '<script>alert("x")</script>\'"'
    units = city.units.copy()
    units.loc[units["unit_id"] == UNIT, "address"] = "Weg " + bad
    quarters = city.quarters.copy()
    state = _rows_at(city.units, AT)
    pt = state.loc[state["unit_id"] == UNIT].geometry.iloc[0]
    quarters.loc[quarters.contains(pt), "name"] = "Q " + bad
    assert city.requests is not None
    requests = city.requests.copy()
    first = gi.matching.for_unit(UNIT, requests, units, quarters=quarters, at=AT)
    rid = first["request_id"].iloc[0]
    requests.loc[requests["request_id"] == rid, "request_id"] = "G-" + bad
    hostile = dataclasses.replace(city, units=units, quarters=quarters, requests=requests)
    out = gi.matching.expose(hostile, UNIT, tmp_path / "h.html")
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert 'alert("x")' not in text
    escaped = html.escape(bad)
    assert f"Weg {escaped}" in text
    assert f"Q {escaped}" in text
    assert f"G-{escaped}" in text
    # attribute values too: no quote of a value closes an attribute
    for m in re.finditer(r"=(['\"])(.*?)\1", text):
        assert "<" not in m.group(2), m.group(0)[:80]


def test_unknown_unit_names_the_closest(city: gi.City, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    with pytest.raises(ValueError, match=r"DO-192.*did you mean 'DO-0192'"):
        gi.matching.expose(city, "DO-192", out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_occupied_unit_names_its_status(city: gi.City, tmp_path: Path) -> None:
    state = _rows_at(city.units, AT)
    occupied = state.loc[state["status"] == "occupied", "unit_id"].iloc[0]
    out = tmp_path / "x.html"
    with pytest.raises(
        ValueError, match=rf"unit {occupied} is not vacant on 30\.06\.2025.*occupied"
    ):
        gi.matching.expose(city, occupied, out)
    assert list(tmp_path.iterdir()) == []


def test_city_without_requests(city: gi.City, tmp_path: Path) -> None:
    out = gi.matching.expose(dataclasses.replace(city, requests=None), UNIT, tmp_path / "n.html")
    part = _section(out.read_text(encoding="utf-8"), "gi-expose-requests")
    assert "keine Gesuche erfasst" in part
    assert "data-requests='none'" in part


def test_unit_without_match_says_so(city: gi.City, tmp_path: Path) -> None:
    out = gi.matching.expose(city, "DO-0440", tmp_path / "n.html")
    part = _section(out.read_text(encoding="utf-8"), "gi-expose-requests")
    assert "Kein offenes Gesuch passt zu dieser Einheit." in part


def test_failed_write_leaves_the_old_file(
    city: gi.City, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "expose.html"
    out.write_text("alt", encoding="utf-8")
    real = Path.write_text

    def half(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real(self, data[: len(data) // 2], encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", half)
    with pytest.raises(OSError, match="disk full"):
        gi.matching.expose(city, UNIT, out)
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "alt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expose.html"]


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "expose.html"
    code = main(["expose", "--data", "dortmund", "--unit", UNIT, "--out", str(out), "--lang", "en"])
    assert code == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = out.read_text(encoding="utf-8")
    assert "Matching requests" in text
    assert "@example.org" not in text
    code = main(["expose", "--data", "dortmund", "--unit", "DO-192", "--out", str(out)])
    assert code == 2
    assert "did you mean 'DO-0192'" in capsys.readouterr().err


def test_cli_personal_from_a_geopackage(tmp_path: Path, city: gi.City) -> None:
    gpkg = tmp_path / "city.gpkg"
    gi.write_city(city, gpkg, personal=True)
    out = tmp_path / "expose.html"
    code = main(["expose", "--data", str(gpkg), "--unit", UNIT, "--out", str(out), "--personal"])
    assert code == 0
    assert "@example.org" in out.read_text(encoding="utf-8")


def test_city_without_quarters_or_footfall(city: gi.City, tmp_path: Path) -> None:
    bare = dataclasses.replace(city, quarters=None, footfall=None)
    text = gi.matching.expose(bare, UNIT, tmp_path / "b.html").read_text(encoding="utf-8")
    assert "Die Einheit liegt in keinem Quartier." in text
    radius = f"{gi.settings.matching_footfall_radius_m:.0f} m"
    assert f"Keine Passantenzählung im Umkreis von {radius}." in _plain(text)
