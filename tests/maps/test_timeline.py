"""Maps over time (issue 24, case 6): each date shows the units as surveyed at that date, and
in public mode nothing of a quarter withheld at a date reaches the page for that date.

The hand-built panel of :func:`make_survey_city` — three quarters side by side, three rounds
(30.06.2023, 30.06.2024, 30.06.2025), every unit in "1b-Lage" on the ground floor:

* **Nord** (Q1): N1 retail, occupied, 120 m² (2023) → vacant since 01.03.2024, 120 m² (2024)
  → vacant, re-measured 153 m², fund "Sofortprogramm Innenstadt" (2025); N2 gastronomy
  80 m², an office ("Büro") in 2025; N3 services 100 m², not surveyed in 2025 (it left the
  inventory).
* **Mitte** (Q2): M1–M4 services 100 m²; M1 re-measured 95 m² in 2025.
* **Ost** (Q3): O1 retail 200 m² (2023) → vacant since 15.01.2024, 180 m², fund
  "Anmietungs-Fonds" (2024) → occupied again, gastronomy, 180 m² (2025); O2–O5 services
  100 m²; O6 services 100 m², not surveyed from 2024 on.

Units per quarter, counted by hand: 2023 3/4/6, 2024 3/4/5, 2025 2/4/5. With ``min_count=3``
Nord is withheld in 2025 (primary: 2 < 3) and Mitte with it (secondary: the smallest other
quarter); 2023 and 2024 show every quarter. So "153", "95", "Büro" and "Sofortprogramm
Innenstadt" were surveyed only while their quarter is withheld: they must never reach the
public page (not even as a filter option).

Expected popups (:data:`EXPECTED`) are written by hand from this description; vacancy
durations are whole months (01.03.2024 → 30.06.2024: 3; → 30.06.2025: 15; 15.01.2024 →
30.06.2024: 5). The page's data is read with plain ``json`` (``helpers.maps.data_blocks``).
"""

from __future__ import annotations

import html as html_lib
import os
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from helpers.maps import column, data_blocks, dated
from helpers.timeline import (
    DATES,
    FIELDS,
    MIN_COUNT,
    OFF,
    SECRETS,
    expected,
    make_survey_city,
    survey_map,
)

import geoinnenstadt as gi
from geoinnenstadt import briefing, maps


def value_at(block: dict, name: str, date: str) -> list:
    """Column ``name`` of a layer as the page reads it at ``date``: the per-date column
    (``helpers.maps.dated``) where there is one, else the plain column."""
    if name in block["timed"]["columns"]:
        return dated(block, name)[block["timed"]["dates"].index(date)]
    return column(
        {"columns": {"c": block["columns"].get(name, block.get("hidden_columns", {}).get(name))}},
        "c",
    )


def popups_at(block: dict, date: str) -> dict[str, tuple]:
    """Unit id → popup values of every unit drawn at ``date``; asserts that a unit not drawn
    carries no value at that date."""
    ids = column(block, "id")
    codes = block["timed"]["style_codes"][block["timed"]["dates"].index(date)]
    cols = {n: value_at(block, n, date) for n in ("address", *FIELDS[:-1], "ground")}
    out = {}
    for i, uid in enumerate(ids):
        values = tuple(cols[n][i] for n in ("address", *FIELDS[:-1]))
        if codes[i] == ".":
            assert set(values) == {None}, (date, uid, values)
            assert cols["ground"][i] is None, (date, uid)
        else:
            out[uid] = (*values, uid)
    return out


def strings(node: Any) -> set[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(*(strings(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(strings(v) for v in node)) if node else set()
    return set()


# ------------------------------------------------------------------ the map's data


def test_private_map_shows_each_unit_as_surveyed_at_each_date() -> None:
    units = data_blocks(maps.to_html(survey_map(public=False)))["units"]
    assert units["timed"]["dates"] == DATES
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=False), date


def test_public_map_holds_nothing_of_a_withheld_quarter_at_that_date() -> None:
    html = maps.to_html(survey_map(public=True))
    blocks = data_blocks(html)
    units = blocks["units"]
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=True), date
    # nothing surveyed while Nord and Mitte are withheld is anywhere in the page's data
    found = strings(units) | strings(blocks["quarters"])
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html
    # the quarters: no figure and no profile of Nord and Mitte in 2025, figures before
    q = blocks["quarters"]
    secret = "gesperrt (Geheimhaltung)"
    assert value_at(q, "rate", "2025-06-30") == [secret, secret, "0,0 %"]
    assert value_at(q, "units", "2025-06-30") == [secret, secret, "5"]
    assert value_at(q, "vacant", "2025-06-30") == [secret, secret, "0"]
    assert value_at(q, "tip", "2025-06-30") == [f"Nord: {secret}", f"Mitte: {secret}", "Ost: 0,0 %"]
    assert value_at(q, "units", "2024-06-30") == ["3", "4", "5"]
    assert column(q, "chart")[:2] == ["Zeitreihe gesperrt (Geheimhaltung)"] * 2


def test_public_map_with_hot_spots_and_filters_holds_no_withheld_value() -> None:
    html = maps.to_html(survey_map(public=True, hotspots=True))
    blocks = data_blocks(html)
    found = set().union(*(strings(b) for b in blocks.values()))
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html
    for key, block in blocks.items():  # no layer draws a unit of Nord or Mitte in 2025
        if block["type"] == "points" and "timed" in block:
            ids = column(block, "id") if "id" in block["columns"] else None
            k = block["timed"]["style_codes"][DATES.index("2025-06-30")]
            if ids is not None:
                assert [u for u, c in zip(ids, k, strict=True) if c != "."] == [
                    "O1", "O2", "O3", "O4", "O5"
                ], key  # fmt: skip


#: The top-level use categories (gi.uses) of the panel's uses, in the order of the categories:
#: retail cannot be split by need (Einzelhandel ohne Bedarfsstufe), then gastronomy, services,
#: office (written by hand from gi.labels' category labels).
CAT_RET, CAT_GAS = "Einzelhandel ohne Bedarfsstufe", "Gastronomie"
CAT_SERV, CAT_OFF = "publikumsorientierte Dienstleistungen", "Büro und Verwaltung"


def test_filters_offer_the_values_of_the_dates_they_are_drawn_at() -> None:
    """The use filter lists the top-level use categories of units drawn at some date, in the
    order of the categories (issue 20: fine use codes would give ~25 options); public: not the
    office of N2, surveyed only while Nord is withheld."""
    from helpers.maps import layer_options

    html = maps.to_html(survey_map(public=False))
    groups = {g["key"]: g for g in layer_options(html)["units"]["filters"]}
    assert groups["use"]["col"] == "usecat"
    assert [o["value"] for o in groups["use"]["options"]] == [CAT_RET, CAT_GAS, CAT_SERV, CAT_OFF]
    assert [o["label"] for o in groups["use"]["options"]] == [CAT_RET, CAT_GAS, CAT_SERV, CAT_OFF]
    units = data_blocks(html)["units"]
    # the category of each unit as surveyed at each date (N2 an office in 2025, O1 vacant
    # retail in 2024 and gastronomy in 2025)
    cats = dict(zip(column(units, "id"), value_at(units, "usecat", "2025-06-30"), strict=True))
    assert cats == {
        "N1": CAT_RET, "N2": CAT_OFF, "N3": None, "M1": CAT_SERV, "M2": CAT_SERV,
        "M3": CAT_SERV, "M4": CAT_SERV, "O1": CAT_GAS, "O2": CAT_SERV, "O3": CAT_SERV,
        "O4": CAT_SERV, "O5": CAT_SERV, "O6": None,
    }  # fmt: skip
    cats = dict(zip(column(units, "id"), value_at(units, "usecat", "2024-06-30"), strict=True))
    assert (cats["N2"], cats["O1"], cats["O6"]) == (CAT_GAS, CAT_RET, None)
    public = maps.to_html(survey_map(public=True))
    groups = {g["key"]: g for g in layer_options(public)["units"]["filters"]}
    assert [o["value"] for o in groups["use"]["options"]] == [CAT_RET, CAT_GAS, CAT_SERV]
    assert OFF not in public
    assert CAT_OFF not in public
    units = data_blocks(public)["units"]
    cats = dict(zip(column(units, "id"), value_at(units, "usecat", "2025-06-30"), strict=True))
    assert {u for u, c in cats.items() if c is not None} == {"O1", "O2", "O3", "O4", "O5"}


def test_page_is_no_larger_than_before_on_the_dortmund_sample() -> None:
    """Measured before this change (save_html, offline): 434,984 bytes private and 398,849
    public (min_count=67); the per-date columns are stored as changes, so the page stays
    within 2 % of that although every popup column now follows the date.

    Re-measured after the controls of issue 19 (layout of the controls, search highlight,
    natural order of hits: about 9 KB of script; the profile charts' axis ticks): 433,540 →
    444,806 bytes private and 406,295 → 416,429 public.
    Issue 19 adds the legend of the context layers ("Kartengrundlage", eleven rows) and
    splits the hot spots into a hot and a cold layer: 3,000 bytes more are allowed for that
    (measured on the sample: +2,731 bytes private, +2,608 public).
    Issue 20 gives the sample fine use codes and brands (454,121 / 425,524 bytes, within the
    budget) and adds to the map the use-mix layer (opt-in; 31,660 bytes of data private,
    25,256 public: its points borrow address and id from the units layer), the top-level
    category of each unit for the use filter (+7,721 / +7,046 on the units' data), the
    quarters' use mix per date (+6,959 / +4,691), three footfall counters with their legend
    (+2,025) and about 6 KB of script, style and legends: +56,715 bytes private (510,836)
    and +48,091 public (473,615); that much more is allowed (rounded up to 1,000 bytes).
    Issue 22's panel "Gesuche" is opt-in (its script and data only on a map with
    requests=); every page gets the fragment hook for such scripts (+420 bytes, within
    the budget).
    """
    city = gi.load_sample("dortmund")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for min_count, before, issue20 in ((None, 444_806, 57_000), (67, 416_429, 49_000)):
            size = len(maps.to_html(maps.vacancy_map(city, min_count=min_count)).encode())
            assert size <= before * 1.02 + 3_000 + issue20, (min_count, size)


# ------------------------------------------------------------------ the public briefing


def test_public_briefing_map_holds_nothing_of_a_withheld_quarter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One notebook, built as ``tests/briefing/test_briefing.py`` does, in publication mode."""
    assert gi.settings.public_min_count == MIN_COUNT
    # the notebook's kernel imports the package under test (not another installed copy)
    root = str(Path(gi.__file__).resolve().parents[1])
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    path = gi.write_city(make_survey_city(), tmp_path / "zeitstadt.gpkg", personal=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = briefing.build(
            ["01_leerstand_city"], data=str(path), out=tmp_path / "pub", public=True,
            progress=False,
        )  # fmt: skip
    assert not result.failed, [str(e) for e in result.failed]
    page = result.written[0].read_text(encoding="utf-8")
    frames = re.findall(r'<iframe[^>]*srcdoc="([^"]*)"', page)
    assert len(frames) == 1
    doc = html_lib.unescape(frames[0])
    units = data_blocks(doc)["units"]
    for date in DATES:
        assert popups_at(units, date) == expected(date, public=True), date
    found = set().union(*(strings(b) for b in data_blocks(doc).values()))
    assert not [s for s in SECRETS if s in found]
    assert "Sofortprogramm Innenstadt" not in html_lib.unescape(html_lib.unescape(page))
