"""Tests of geoinnenstadt.kennzeichen and of every place that reads a Flurstückskennzeichen.

The oracle is always the 20-character string sliced by hand in this file
(Land 0:2, Gemarkung 2:6, Flur 6:9, Zähler 9:14, Nenner 14:18, Folge 18:20),
never the code under test.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt import kennzeichen as kz
from geoinnenstadt import preemption as pre
from geoinnenstadt import schema

X0, Y0 = 350_000.0, 5_700_000.0


def by_hand(k: str) -> dict[str, Any]:
    """The components, sliced by hand: unused Flur/Nenner ('_' or all zeros) → None."""
    flur, nenner, folge = k[6:9], k[14:18], k[18:20]
    return {
        "land": k[0:2],
        "gemarkung": k[2:6],
        "flur": None if flur in ("___", "000") else int(flur),
        "zaehler": int(k[9:14]),
        "nenner": None if nenner in ("____", "0000") else int(nenner),
        "folge": None if folge == "__" else folge,
    }


def written(parts: dict[str, Any]) -> str:
    """How planners write it, by hand."""
    text = f"Gemarkung {parts['gemarkung']}"
    if parts["flur"] is not None:
        text += f", Flur {parts['flur']}"
    number = str(parts["zaehler"])
    if parts["nenner"] is not None:
        number += f"/{parts['nenner']}"
    return text + f", Flurstück {number}"


def composed(parts: dict[str, Any]) -> str:
    """The 20 characters from components, by hand (unused parts as underscores)."""
    return (
        parts["land"]
        + parts["gemarkung"]
        + ("___" if parts["flur"] is None else f"{parts['flur']:03d}")
        + f"{parts['zaehler']:05d}"
        + ("____" if parts["nenner"] is None else f"{parts['nenner']:04d}")
        + ("__" if parts["folge"] is None else parts["folge"])
    )


def ids_for(land: int) -> list[str]:
    code = f"{land:02d}"
    return [
        f"{code}1234017001230004__",  # with Flur and Nenner
        f"{code}0967___00707______",  # no Flur (Bavarian style), no Nenner
        f"{code}4321000000120000__",  # Flur 000 and Nenner 0000: unused, never "Flur 0" or "12/0"
        f"{code}0815003000560012",  # Folgekennzeichen, placeholder fixed below
    ]


ALL_IDS = [k if len(k) == 20 else k + "07" for land in range(1, 17) for k in ids_for(land)]


def test_fixture_ids_are_20_characters() -> None:
    assert len(ALL_IDS) == 64
    assert all(len(k) == 20 for k in ALL_IDS)


@pytest.mark.parametrize("land", range(1, 17))
def test_every_land_conform_parse_format_annex_agree(land: int) -> None:
    ids = [k for k in ALL_IDS if k.startswith(f"{land:02d}")]
    expected = [by_hand(k) for k in ids]
    # parse (scalar) and parse_kennzeichen (scalar and Series)
    for k, parts in zip(ids, expected, strict=True):
        assert kz.is_valid(k)
        assert kz.parse(k) == parts
        assert pre.parse_kennzeichen(k) == parts
        assert kz.build(**parts) == composed(parts)
    frame = pre.parse_kennzeichen(pd.Series(ids))
    assert isinstance(frame, pd.DataFrame)
    for name in kz.PARTS:
        got = [None if pd.isna(v) else v for v in frame[name]]
        assert got == [p[name] for p in expected], name
    # format_kennzeichen (scalar and Series: one Land, so no Land prefix)
    assert [pre.format_kennzeichen(k) for k in ids] == [written(p) for p in expected]
    assert pre.format_kennzeichen(pd.Series(ids)).tolist() == [written(p) for p in expected]
    # conform: the parcels layer's part columns are the same components as text
    layer = gpd.GeoDataFrame(
        {"parcel_id": ids},
        geometry=[shapely.box(X0 + i, Y0, X0 + i + 1, Y0 + 1) for i in range(len(ids))],
        crs="EPSG:25832",
    )
    assert schema.validate(layer, "parcels").ok
    out = schema.conform(layer, "parcels")
    for name in kz.PARTS:
        got = [None if pd.isna(v) else v for v in out[name]]
        want = [None if p[name] is None else str(p[name]) for p in expected]
        assert got == want, name
    # annex: keeps the Land, same Gemarkung/Flur, Flurstück as written
    result = pd.DataFrame({"parcel_id": ids, "area_id": "V1", "share": 1.0})
    table = pre.annex(result).set_index("parcel_id")
    for k, parts in zip(ids, expected, strict=True):
        row = table.loc[k]
        assert row["land"] == parts["land"]
        assert row["gemarkung"] == parts["gemarkung"]
        assert (None if pd.isna(row["flur"]) else row["flur"]) == parts["flur"]
        number = str(parts["zaehler"]) + ("" if parts["nenner"] is None else f"/{parts['nenner']}")
        assert row["flurstueck"] == number


def test_bavarian_example_and_formats() -> None:
    k = "090967___00707______"
    assert kz.parse(k) == {
        "land": "09",
        "gemarkung": "0967",
        "flur": None,
        "zaehler": 707,
        "nenner": None,
        "folge": None,
    }
    assert kz.format(k) == "Gemarkung 0967, Flurstück 707"
    assert kz.format(k, with_land=True) == "Bayern (09), Gemarkung 0967, Flurstück 707"
    assert kz.format(k, with_land=True, lang="en") == "Bavaria (09), Gemarkung 0967, Flurstück 707"
    mixed = pre.format_kennzeichen(pd.Series(["05123401700123______", k]))
    assert mixed.tolist() == [
        "Nordrhein-Westfalen (05), Gemarkung 1234, Flur 17, Flurstück 123",
        "Bayern (09), Gemarkung 0967, Flurstück 707",
    ]


def test_no_flur_0_and_no_nenner_0() -> None:
    # today: conform said Flur NA while parse_kennzeichen said 0, and "Flurstück 12/0"
    k = "05432100000012000001"
    assert pre.parse_kennzeichen(k)["flur"] is None  # type: ignore[index]
    assert pre.parse_kennzeichen(k)["nenner"] is None  # type: ignore[index]
    assert pre.format_kennzeichen(k) == "Gemarkung 4321, Flurstück 12"
    assert pre.format_kennzeichen(gemarkung=4321, flur=0, zaehler=12, nenner=0) == (
        "Gemarkung 4321, Flurstück 12"
    )
    assert kz.build(5, 4321, 0, 12, 0) == "054321___00012______"


def test_annex_keeps_the_land_and_sorts_by_it() -> None:
    result = pd.DataFrame(
        {
            "parcel_id": ["090967___00707______", "05123401700123______"],
            "area_id": ["V1", "V1"],
            "share": [1.0, 1.0],
        }
    )
    table = pre.annex(result)
    assert table["land"].tolist() == ["05", "09"]
    assert list(table.columns)[:4] == ["land", "gemarkung", "flur", "flurstueck"]


def test_old_names_stay_importable() -> None:
    with pytest.warns(DeprecationWarning, match="kennzeichen.KENNZEICHEN_RE"):
        assert schema.KENNZEICHEN_RE is kz.KENNZEICHEN_RE
    with pytest.warns(DeprecationWarning, match="kennzeichen.is_valid"):
        assert schema.is_valid_kennzeichen("051234017001230004__")
    with pytest.warns(DeprecationWarning, match="kennzeichen.is_valid"):
        assert not schema.is_valid_kennzeichen("171234017001230004__")
    assert gi.preemption.parse_kennzeichen("051234017001230004__")["nenner"] == 4  # type: ignore[index]
    assert gi.preemption.build_kennzeichen(5, 1234, 17, 123, 4) == "051234017001230004__"
    assert gi.preemption.KENNZEICHEN_PARTS == kz.PARTS


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0512340170012300004__", "has 21 characters, not 20"),
        ("05AB34017001230004__", "contains characters other than digits and '_': 'AB'"),
        ("00123401700123______", "Land code '00' is not 01–16"),
        ("17123401700123______", "Land code '17' is not 01–16"),
        ("050000017001230004__", "Gemarkung 0000 does not exist"),
        ("05123401700000______", "Flurstücksnummer (Zähler) 00000 does not exist"),
        ("0512340170012300_4__", "'_' only fills unused Flur, Nenner or Folge positions"),
        (5123401700123, "is a int, not a string"),
    ],
)
def test_problems(value: Any, reason: str) -> None:
    assert kz.problem(value) == reason
    assert not kz.is_valid(value)
    with pytest.raises(ValueError, match="expected 20 characters"):
        kz.parse(value)


@given(
    values=st.lists(
        st.text(alphabet="0123456789_a ", min_size=18, max_size=21) | st.sampled_from(ALL_IDS),
        max_size=30,
    )
)
def test_valid_mask_equals_scalar_rule(values: list[str]) -> None:
    mask = kz.valid_mask(pd.Series(values, dtype=object))
    assert mask.tolist() == [kz.is_valid(v) for v in values]
