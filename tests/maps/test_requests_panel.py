"""The panel "Gesuche" of the vacancy map (issue 22): opt-in, internal only, no contact data.

The page's data block is read back out of the saved HTML and compared with
:func:`geoinnenstadt.matching.match` called here on the sample (the proposed unit ids, ranks
and scores per request), and each proposal's index with the units layer's own id column.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt import maps

BLOCK = re.compile(r'<script type="application/json" id="\w+_requests">(.*?)</script>', re.S)
LAYER = re.compile(r'<script type="application/json" id="(\w+)_data">(.*?)</script>', re.S)


def _quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sample quirks are tested elsewhere
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def dorsten(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    city = gi.load_sample("dorsten")
    assert city.requests is not None
    assert len(city.requests) >= 20
    m = _quiet(maps.vacancy_map, city, requests=True, lang="de")
    path = maps.save_html(m, tmp_path_factory.mktemp("req") / "gesuche.html", offline=True)
    return {"city": city, "page": Path(path).read_text(encoding="utf-8")}


def _panel(page: str) -> dict[str, Any]:
    (text,) = BLOCK.findall(page)
    return json.loads(text)


def _unit_ids(page: str) -> list[str | None]:
    """The id column of the units layer, decoded by hand (plain list or values + codes)."""
    for _, text in LAYER.findall(page):
        block = json.loads(text)
        if block.get("type") == "points" and "id" in block.get("columns", {}):
            col = block["columns"]["id"]
            if isinstance(col, dict):
                return [None if c < 0 else col["values"][c] for c in col["codes"]]
            return list(col)
    raise AssertionError("no units layer in the page")


def test_the_page_holds_exactly_the_proposals_of_match(dorsten: dict[str, Any]) -> None:
    city = dorsten["city"]
    want = _quiet(
        gi.matching.match,
        city.requests,
        city.units,
        quarters=city.quarters,
        footfall=city.footfall,
        lang="de",
    )
    data = _panel(dorsten["page"])
    assert data["layer"] == "units"
    open_ids = city.requests.loc[city.requests["status"] == "open", "request_id"].astype(str)
    assert [r["id"] for r in data["requests"]] == open_ids.tolist()
    ids = _unit_ids(dorsten["page"])
    proposed = 0
    for req in data["requests"]:
        rows = want[want["request_id"].astype(str) == req["id"]]
        units = rows["unit_id"].dropna().astype(str).tolist()
        assert [m["unit"] for m in req["matches"]] == units, req["id"]
        assert [m["rank"] for m in req["matches"]] == list(range(1, len(units) + 1))
        for m, (_, row) in zip(req["matches"], rows.dropna(subset=["unit_id"]).iterrows(),
                               strict=True):  # fmt: skip
            assert m["score"] == f"{row['score']:.1f}".replace(".", ",") + " Punkte"
            assert m["reasons"] == row["reasons"]
            assert ids[m["i"]] == m["unit"]  # the ring goes to that unit's point
        if not units:
            assert req["none"] == rows["reasons"].iloc[0]
            assert req["none"].startswith("keine")
        proposed += len(units)
    assert proposed >= 5  # the sample has proposals to show


def test_no_contact_value_reaches_the_page(dorsten: dict[str, Any]) -> None:
    page = dorsten["page"]
    requests = dorsten["city"].requests
    contacts = [c for c in requests.columns if c.startswith("contact_")]
    assert contacts == ["contact_name", "contact_email", "contact_phone"]
    for column in contacts:
        for value in requests[column].dropna().astype(str):
            assert value not in page, (column, value)
    data = _panel(page)
    assert set(data) == {"layer", "requests", "texts", "ring"}
    assert {frozenset(r) for r in data["requests"]} == {
        frozenset({"id", "label", "matches", "none"})
    }
    assert {frozenset(m) for r in data["requests"] for m in r["matches"]} == {
        frozenset({"i", "unit", "rank", "score", "reasons"})
    }
    assert "Bücher · 55–115 m² · EG" in {r["label"] for r in data["requests"]}


def test_the_panel_is_opt_in(dorsten: dict[str, Any]) -> None:
    """Without requests= the page has neither the block nor the panel's script."""
    city = dorsten["city"]
    page = maps.to_html(_quiet(maps.vacancy_map, city))
    assert "addRequests" not in page
    assert "gi-requests" not in page
    assert "addRequests" in dorsten["page"]
    assert BLOCK.search(dorsten["page"])


def test_public_maps_refuse_requests() -> None:
    city = gi.load_sample("dorsten")
    with pytest.raises(ValueError, match=r"publication.*min_count"):
        maps.vacancy_map(city, requests=True, min_count=3)
    panel = _quiet(gi.vacancy.panel, city.units, city.quarters, min_count=3)
    with pytest.raises(ValueError, match="confidential"):
        maps.vacancy_map(city, panel=panel, requests=city.requests)
    with pytest.raises(ValueError, match="requests= must be"):
        maps.vacancy_map(city, requests="yes")  # type: ignore[arg-type]


def test_a_city_without_requests_is_named() -> None:
    city = gi.load_sample("dorsten")
    city.requests = None
    with pytest.raises(ValueError, match="no requests"):
        maps.vacancy_map(city, requests=True)


HOSTILE = "</script><script>window.__pwned=1</script><img src=x onerror=alert(1)>"


def test_hostile_ids_and_reasons_are_escaped() -> None:
    city = gi.load_sample("dorsten")
    requests = city.requests.head(3).copy()
    requests["request_id"] = requests["request_id"].astype(str)
    requests.loc[requests.index[0], "request_id"] = HOSTILE
    requests.loc[requests.index[0], "use"] = HOSTILE  # an unknown use: shown as given
    requests.loc[requests.index[0], "status"] = "open"
    m = _quiet(maps.vacancy_map, city, requests=requests)
    # a proposal whose reasons are hostile text (a block built by hand)
    matches = pd.DataFrame({"request_id": ["G-9"], "unit_id": [str(city.units["unit_id"].iloc[0])],
                            "rank": [1], "score": [50.0], "reasons": [HOSTILE]})  # fmt: skip
    from geoinnenstadt.maps.requests_panel import requests_data

    data = requests_data(matches, requests, city.units["unit_id"].drop_duplicates(),
                         layer="units", lang="de")  # fmt: skip
    assert data["requests"][0]["matches"][0]["reasons"] == HOSTILE
    page = maps.to_html(m)
    assert "</script><script>window.__pwned" not in page
    assert "<img src=x" not in page
    block = _panel(page)
    assert HOSTILE in [r["id"] for r in block["requests"]]
    assert any(HOSTILE in r["label"] for r in block["requests"])
