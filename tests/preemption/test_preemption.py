"""Tests of geoinnenstadt.preemption: Kennzeichen, parcels in statute areas, annex, lookup."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geoinnenstadt as gi
from geoinnenstadt import preemption as pre
from geoinnenstadt.errors import CRSError, SchemaError
from geoinnenstadt.kennzeichen import is_valid as is_valid_kennzeichen
from geoinnenstadt.preemption import InvalidKennzeichenWarning

X0, Y0 = 350_000.0, 5_700_000.0
CRS = "EPSG:25832"


def _box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def _areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "area_id": ["VK2", "VK1"],
            "name": ["Gebiet Ost", "Gebiet West"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB", "§ 25 Abs. 1 Nr. 1 BauGB"],
            "statute": ["Satzung Ost", "Satzung West"],
            "in_force_since": pd.to_datetime(["2021-03-01", "2019-07-15"]),
        },
        geometry=[_box(10, 0, 20, 10), _box(0, 0, 10, 10)],
        crs=CRS,
    )


#: parcel id → (geometry, {area: expected overlap m²}), worked out by hand
PARCELS = {
    "05123400100001______": (_box(1, 1, 3, 3), {"VK1": 4.0}),  # area 4, inside VK1
    "051234001000020001__": (_box(8, 0, 12, 2), {"VK1": 4.0, "VK2": 4.0}),  # area 8, split
    "05123400200003______": (_box(18, 8, 22, 12), {"VK2": 4.0}),  # area 16, 1/4 in VK2
    "05123400200004______": (_box(30, 30, 31, 31), {}),  # outside
    "05123400100005______": (_box(0, 0, 10, 10), {"VK1": 100.0}),  # exactly VK1
    "05123400100006______": (_box(20, 0, 21, 1), {}),  # touches VK2's edge only
}


def _parcels() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"parcel_id": list(PARCELS)},
        geometry=[g for g, _ in PARCELS.values()],
        index=[f"p{i}" for i in range(len(PARCELS))],
        crs=CRS,
    )


# --------------------------------------------------------------------------- Kennzeichen


def test_parse_kennzeichen_exact() -> None:
    assert pre.parse_kennzeichen("051234017001230004__") == {
        "land": "05",
        "gemarkung": "1234",
        "flur": 17,
        "zaehler": 123,
        "nenner": 4,
        "folge": None,
    }
    assert pre.parse_kennzeichen("053456___00007____01") == {
        "land": "05",
        "gemarkung": "3456",
        "flur": None,
        "zaehler": 7,
        "nenner": None,
        "folge": "01",
    }


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("05123401700123000", "has 17 characters"),
        ("0512340170012300 4__", "characters other than digits"),
        ("171234017001230004__", "Land code '17'"),
        ("050000017001230004__", "Gemarkung 0000"),
        ("05123401700000______", "Zähler"),
        ("0512340_7001230004__", "'_' only fills"),
        (None, "not a string"),
    ],
)
def test_parse_kennzeichen_invalid(value: object, match: str) -> None:
    with pytest.raises(ValueError, match=match) as info:
        pre.parse_kennzeichen(value)  # type: ignore[arg-type]
    assert "Land(2) Gemarkung(4)" in str(info.value)  # names the expected format
    assert repr(value) in str(info.value)


def test_parse_series_keeps_invalid_rows() -> None:
    s = pd.Series(
        ["051234017001230004__", "kaputt", None, "05999900300045______"], index=[7, 8, 9, 10]
    )
    out = pre.parse_kennzeichen(s)
    assert isinstance(out, pd.DataFrame)
    assert out.index.tolist() == [7, 8, 9, 10]
    assert out["valid"].tolist() == [True, False, False, True]
    assert out.loc[7, "gemarkung"] == "1234"
    assert out.loc[10, "zaehler"] == 45
    assert pd.isna(out.loc[10, "nenner"])
    assert (
        out.loc[[8, 9], ["land", "gemarkung", "flur", "zaehler", "nenner", "folge"]]
        .isna()
        .all()
        .all()
    )


def test_format_and_build() -> None:
    assert (
        pre.format_kennzeichen("051234017001230004__") == "Gemarkung 1234, Flur 17, Flurstück 123/4"
    )
    assert (
        pre.format_kennzeichen("05123401700123______") == "Gemarkung 1234, Flur 17, Flurstück 123"
    )
    assert pre.format_kennzeichen(gemarkung=815, flur=3, zaehler=56, nenner=12) == (
        "Gemarkung 0815, Flur 3, Flurstück 56/12"
    )
    assert pre.format_kennzeichen(pre.parse_kennzeichen("053456___00007____01")) == (  # type: ignore[arg-type]
        "Gemarkung 3456, Flurstück 7"
    )
    formatted = pre.format_kennzeichen(pd.Series(["051234017001230004__", "x"]))
    assert formatted.iloc[0] == "Gemarkung 1234, Flur 17, Flurstück 123/4"
    assert pd.isna(formatted.iloc[1])
    assert pre.build_kennzeichen(5, 1234, 17, 123, 4) == "051234017001230004__"
    assert pre.build_kennzeichen("05", "1234", None, 123, None, 1) == "051234___00123____01"
    with pytest.raises(ValueError, match="land must be a whole number 1–16"):
        pre.build_kennzeichen(17, 1234, 17, 123)
    with pytest.raises(ValueError, match="zaehler"):
        pre.build_kennzeichen(5, 1234, 17, 0)
    with pytest.raises(ValueError, match="zaehler"):
        pre.build_kennzeichen(5, 1234, 17, "12a")
    with pytest.raises(ValueError, match="gemarkung"):
        pre.format_kennzeichen(flur=3)


components = st.fixed_dictionaries(
    {
        "land": st.integers(1, 16),
        "gemarkung": st.integers(1, 9999),
        "flur": st.none() | st.integers(1, 999),
        "zaehler": st.integers(1, 99999),
        "nenner": st.none() | st.integers(1, 9999),
        "folge": st.none() | st.integers(0, 99),
    }
)


@given(parts=components)
def test_kennzeichen_round_trip(parts: dict) -> None:
    k = pre.build_kennzeichen(**parts)
    assert len(k) == 20
    assert is_valid_kennzeichen(k)
    parsed = pre.parse_kennzeichen(k)
    assert isinstance(parsed, dict)
    assert parsed["land"] == f"{parts['land']:02d}"
    assert parsed["gemarkung"] == f"{parts['gemarkung']:04d}"
    assert parsed["flur"] == parts["flur"]
    assert parsed["zaehler"] == parts["zaehler"]
    assert parsed["nenner"] == parts["nenner"]
    assert parsed["folge"] == (None if parts["folge"] is None else f"{parts['folge']:02d}")
    assert pre.build_kennzeichen(**{**parsed, "folge": parsed["folge"]}) == k
    text = pre.format_kennzeichen(k)
    number = str(parts["zaehler"]) + ("" if parts["nenner"] is None else f"/{parts['nenner']}")
    assert text.endswith(f"Flurstück {number}")
    assert text.startswith(f"Gemarkung {parts['gemarkung']:04d}")


@given(
    values=st.lists(
        st.text(alphabet="0123456789_a ", min_size=18, max_size=21)
        | components.map(lambda p: pre.build_kennzeichen(**p)),
        max_size=30,
    )
)
def test_series_validity_equals_scalar_check(values: list[str]) -> None:
    s = pd.Series(values, dtype=object)
    out = pre.parse_kennzeichen(s)
    assert out["valid"].tolist() == [is_valid_kennzeichen(v) for v in values]
    assert out["valid"].tolist() == [_valid_by_hand(v) for v in values]


def _valid_by_hand(v: str) -> bool:
    """The rule written out independently of the library: 20 characters, digits in the
    mandatory parts, digits or only underscores in Flur/Nenner/Folge, Land 01–16,
    Gemarkung and Zähler not all zeros."""
    if len(v) != 20:
        return False
    land, gemarkung, flur, zaehler, nenner, folge = (
        v[0:2],
        v[2:6],
        v[6:9],
        v[9:14],
        v[14:18],
        v[18:20],
    )
    if not all(p.isascii() and p.isdigit() for p in (land, gemarkung, zaehler)):
        return False
    for part in (flur, nenner, folge):
        if not (set(part) == {"_"} or (part.isascii() and part.isdigit())):
            return False
    return 1 <= int(land) <= 16 and int(gemarkung) > 0 and int(zaehler) > 0


# --------------------------------------------------------------------------- parcels_in


def _expected_pairs(min_share: float) -> list[tuple[str, str, float, float]]:
    rows = []
    for pid, (geom, overlaps) in PARCELS.items():
        parcel_area = geom.area
        for area_id, ov in overlaps.items():
            share = ov / parcel_area
            if (share >= min_share) if min_share > 0 else ov > 0:
                rows.append((pid, area_id, ov, share))
    return sorted(rows, key=lambda r: (r[0], r[1]))


@pytest.mark.parametrize("min_share", [0.0, 0.25, 0.5, 0.51, 1.0])
def test_parcels_in_exact(min_share: float) -> None:
    got = pre.parcels_in(_parcels(), _areas(), min_share=min_share)
    expected = _expected_pairs(min_share)
    assert list(got.columns) == [
        "parcel_id",
        "area_id",
        "area_name",
        "overlap_m2",
        "parcel_area_m2",
        "share",
        "geometry",
    ]
    assert list(zip(got["parcel_id"], got["area_id"], strict=True)) == [
        (r[0], r[1]) for r in expected
    ]
    np.testing.assert_allclose(got["overlap_m2"], [r[2] for r in expected], rtol=1e-12)
    np.testing.assert_allclose(got["share"], [r[3] for r in expected], rtol=1e-12)
    hand_area = {pid: g.area for pid, (g, _) in PARCELS.items()}
    assert got["parcel_area_m2"].tolist() == [hand_area[p] for p in got["parcel_id"]]
    assert got.crs == _parcels().crs
    assert all(g.equals(PARCELS[p][0]) for p, g in zip(got["parcel_id"], got.geometry, strict=True))
    name = {"VK1": "Gebiet West", "VK2": "Gebiet Ost"}
    assert got["area_name"].tolist() == [name[a] for a in got["area_id"]]
    assert got.attrs["invalid_kennzeichen"] == []
    assert got.attrs["n_parcels"] == len(PARCELS)


def test_parcels_in_min_share_half_by_hand() -> None:
    got = pre.parcels_in(_parcels(), _areas())
    assert got[["parcel_id", "area_id", "share"]].values.tolist() == [
        ["05123400100001______", "VK1", 1.0],
        ["051234001000020001__", "VK1", 0.5],
        ["051234001000020001__", "VK2", 0.5],
        ["05123400100005______", "VK1", 1.0],
    ]


def test_parcels_in_reports_invalid_kennzeichen_without_dropping() -> None:
    parcels = _parcels()
    parcels.loc["p0", "parcel_id"] = "05-1234-017-123"
    with pytest.warns(InvalidKennzeichenWarning, match=r"1 of 6 parcels.*'05-1234-017-123'"):
        got = pre.parcels_in(parcels, _areas())
    assert got.attrs["invalid_kennzeichen"] == ["05-1234-017-123"]
    assert "05-1234-017-123" in got["parcel_id"].tolist()
    table = pre.annex(got)
    bad = table[table["parcel_id"] == "05-1234-017-123"]
    assert len(bad) == 1
    assert bad.index[0] == len(table)
    assert pd.isna(bad["gemarkung"].iloc[0])


def test_parcels_in_bad_input() -> None:
    with pytest.raises(CRSError, match=r"EPSG:4326.*EPSG:25832"):
        pre.parcels_in(_parcels().to_crs("EPSG:4326"), _areas())
    with pytest.raises(CRSError, match="no CRS"):
        pre.parcels_in(_parcels().set_crs(None, allow_override=True), _areas())
    with pytest.raises(CRSError, match="geographic"):
        pre.parcels_in(_parcels().to_crs("EPSG:4326"), _areas().to_crs("EPSG:4326"))
    dup = _areas().assign(area_id=["VK1", "VK1"])
    with pytest.raises(SchemaError, match="not unique"):
        pre.parcels_in(_parcels(), dup)
    with pytest.raises(SchemaError, match="parcel_id"):
        pre.parcels_in(_parcels().rename(columns={"parcel_id": "id"}), _areas())
    with pytest.raises(ValueError, match="min_share"):
        pre.parcels_in(_parcels(), _areas(), min_share=50)


def _voronoi(n: int, seed: int, width: float = 1000.0, vertices: int | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    seeds = shapely.multipoints(np.c_[X0 + rng.random(n) * width, Y0 + rng.random(n) * width])
    extent = shapely.box(X0, Y0, X0 + width, Y0 + width)
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=extent)), extent
    )
    if vertices:
        cells = np.array([shapely.segmentize(c, c.length / vertices) for c in cells])
    return np.asarray(cells)


def _random_layers(
    seed: int, n_parcels: int, n_areas: int
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    rng = np.random.default_rng(seed)
    pg = _voronoi(n_parcels, seed)
    ids = [pre.build_kennzeichen(5, 1000 + i // 500, i // 50 % 10, i + 1) for i in range(len(pg))]
    parcels = gpd.GeoDataFrame({"parcel_id": ids}, geometry=pg, crs=CRS)
    # areas: a Voronoi partition of part of the square (non-overlapping)
    ag = _voronoi(n_areas, seed + 1, vertices=40)
    keep = rng.random(len(ag)) < 0.7
    keep[0] = True
    areas = gpd.GeoDataFrame(
        {
            "area_id": [f"VK{i:02d}" for i in range(int(keep.sum()))],
            "name": "x",
            "legal_basis": "§ 25",
        },
        geometry=ag[keep],
        crs=CRS,
    )
    return parcels, areas


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n_parcels=st.integers(2, 150), n_areas=st.integers(1, 8))
def test_parcels_in_matches_overlay_and_shares_are_fractions(
    seed: int, n_parcels: int, n_areas: int
) -> None:
    parcels, areas = _random_layers(seed, n_parcels, n_areas)
    got = pre.parcels_in(parcels, areas, min_share=0)
    assert got["share"].between(0.0, 1.0).all()
    assert (got.groupby("parcel_id")["share"].sum() <= 1 + 1e-9).all()
    ref = gpd.overlay(parcels, areas[["area_id", "geometry"]], how="intersection")
    ref_tot = ref.geometry.area.groupby(ref["area_id"].to_numpy()).sum()
    tot = got.groupby("area_id")["overlap_m2"].sum()
    both = pd.concat([tot, ref_tot], axis=1, keys=["got", "ref"]).fillna(0.0)
    np.testing.assert_allclose(both["got"], both["ref"], rtol=1e-6, atol=1e-6)
    # per pair too
    ref_pairs = ref.assign(a=ref.geometry.area).groupby(["parcel_id", "area_id"])["a"].sum()
    ref_pairs = ref_pairs[ref_pairs > 1e-9]
    got_pairs = got.set_index(["parcel_id", "area_id"])["overlap_m2"]
    common = got_pairs.index.intersection(ref_pairs.index)
    assert len(common) >= len(ref_pairs) - int((ref_pairs < 1e-6).sum())
    np.testing.assert_allclose(got_pairs[common], ref_pairs[common], rtol=1e-6, atol=1e-6)
    # min_share filters exactly
    half = pre.parcels_in(parcels, areas, min_share=0.5)
    assert set(zip(half["parcel_id"], half["area_id"], strict=True)) == set(
        zip(
            got.loc[got["share"] >= 0.5, "parcel_id"],
            got.loc[got["share"] >= 0.5, "area_id"],
            strict=True,
        )
    )


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_parcels_in_unchanged_when_reprojected_from_4326(seed: int) -> None:
    parcels, areas = _random_layers(seed, 60, 4)
    direct = pre.parcels_in(parcels, areas, min_share=0.5)
    via = pre.parcels_in(
        parcels.to_crs("EPSG:4326").to_crs(CRS),
        areas.to_crs("EPSG:4326").to_crs(CRS),
        min_share=0.5,
    )
    # a round trip moves coordinates by nanometres: same pairs unless a share is at 0.5
    robust = (direct["share"] - 0.5).abs() > 1e-6
    pairs = set(zip(direct.loc[robust, "parcel_id"], direct.loc[robust, "area_id"], strict=True))
    assert pairs <= set(zip(via["parcel_id"], via["area_id"], strict=True))
    merged = direct.merge(via, on=["parcel_id", "area_id"], suffixes=("", "_via"))
    np.testing.assert_allclose(merged["share"], merged["share_via"], atol=1e-6)


# --------------------------------------------------------------------------- annex


def test_annex_sorted_numerically() -> None:
    ids = [
        "05123401000002______",  # 1234, Flur 10, 2
        "05123400200010______",  # 1234, Flur 2, 10
        "051234002000100002__",  # 1234, Flur 2, 10/2
        "05123400200010______",  # same parcel in a second area
        "050999099009999____01",  # invalid (21 characters) → last
        "05099909900999______",  # 0999 before 1234
        "051234002000100010__",  # 10/10 after 10/2
    ]
    result = pd.DataFrame(
        {
            "parcel_id": ids,
            "area_id": ["A", "B", "A", "A", "A", "A", "A"],
            "share": [1.0, 0.5, 0.75, 0.6, 1.0, 1.0, 1.0],
        }
    )
    table = pre.annex(result)
    assert table.index.tolist() == list(range(1, 8))
    assert table["parcel_id"].tolist() == [
        "05099909900999______",
        "05123400200010______",
        "05123400200010______",
        "051234002000100002__",
        "051234002000100010__",
        "05123401000002______",
        "050999099009999____01",
    ]
    assert table["area_id"].tolist()[1:3] == ["A", "B"]
    assert table["flurstueck"].tolist()[:6] == ["999", "10", "10", "10/2", "10/10", "2"]
    assert table["gemarkung"].tolist()[:2] == ["0999", "1234"]
    assert table["flur"].tolist()[:6] == [99, 2, 2, 2, 2, 10]
    assert table["share"].tolist()[:3] == [1.0, 0.6, 0.5]
    assert list(table.columns) == [
        "land",
        "gemarkung",
        "flur",
        "flurstueck",
        "parcel_id",
        "area_id",
        "share",
    ]
    with pytest.raises(ValueError, match="parcels_in"):
        pre.annex(pd.DataFrame({"x": [1]}))


def test_annex_of_parcels_in() -> None:
    table = pre.annex(pre.parcels_in(_parcels(), _areas()))
    assert table[["flurstueck", "area_id", "area_name"]].values.tolist() == [
        ["1", "VK1", "Gebiet West"],
        ["2/1", "VK1", "Gebiet West"],
        ["2/1", "VK2", "Gebiet Ost"],
        ["5", "VK1", "Gebiet West"],
    ]


# --------------------------------------------------------------------------- lookup


def test_lookup_applicable_and_not() -> None:
    parcels, areas = _parcels(), _areas()
    inside = pre.lookup(parcels, areas, "05123400100001______")
    assert isinstance(inside, dict)
    assert inside["applicable"] is True
    assert inside["area_id"] == "VK1"
    assert inside["legal_basis"] == "§ 25 Abs. 1 Nr. 1 BauGB"
    assert inside["statute"] == "Satzung West"
    assert inside["in_force_since"] == pd.Timestamp("2019-07-15")
    assert inside["share"] == 1.0
    assert inside["parcel"] == "Gemarkung 1234, Flur 1, Flurstück 1"
    split = pre.lookup(parcels, areas, "051234001000020001__")
    assert split["applicable"] is True
    assert split["area_ids"] == ["VK1", "VK2"]  # equal shares: the lowest id first
    assert split["share"] == 0.5
    quarter = pre.lookup(parcels, areas, "05123400200003______")
    assert quarter["applicable"] is False
    assert quarter["area_id"] is None
    assert quarter["share"] == 0.25
    assert pre.lookup(parcels, areas, "05123400200003______", min_share=0.2)["area_id"] == "VK2"
    outside = pre.lookup(parcels, areas, "05123400100006______")
    assert outside["applicable"] is False
    assert outside["share"] == 0.0
    many = pre.lookup(parcels, areas, ["05123400100001______", "05123400200003______"])
    assert isinstance(many, pd.DataFrame)
    assert many["applicable"].tolist() == [True, False]
    assert many.index.tolist() == ["05123400100001______", "05123400200003______"]


def test_lookup_bad_input() -> None:
    parcels, areas = _parcels(), _areas()
    with pytest.raises(KeyError, match=r"not in the parcels layer.*similar: 05123400100001____"):
        pre.lookup(parcels, areas, "05123400100001____01")
    with pytest.raises(ValueError, match="expected 20 characters"):
        pre.lookup(parcels, areas, "05 1234 17 123/4")
    with pytest.raises(CRSError):
        pre.lookup(parcels, areas.to_crs("EPSG:3035"), "05123400100001______")


# --------------------------------------------------------------------------- sample data


def test_sample_parcels_in_matches_plain_geopandas() -> None:
    # a broken loader or a sample without parcels must fail here, never skip
    city = gi.load_sample("duesseldorf")
    assert city.parcels is not None
    assert city.preemption_areas is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error", InvalidKennzeichenWarning)
        got = pre.parcels_in(city.parcels, city.preemption_areas, min_share=0.5)
    # independent: plain geopandas overlay, shares, threshold
    parcels = city.parcels[["parcel_id", "geometry"]].copy()
    parcels["parcel_area"] = parcels.geometry.area
    ov = gpd.overlay(parcels, city.preemption_areas[["area_id", "geometry"]], how="intersection")
    ov["overlap"] = ov.geometry.area
    pairs = ov.groupby(["parcel_id", "area_id"]).agg(
        overlap=("overlap", "sum"), parcel_area=("parcel_area", "first")
    )
    pairs["share"] = pairs["overlap"] / pairs["parcel_area"]
    ref = pairs[pairs["share"] >= 0.5]
    mine = got.set_index(["parcel_id", "area_id"])
    assert len(got) > 0
    assert set(mine.index) == set(ref.index)
    np.testing.assert_allclose(mine.loc[ref.index, "overlap_m2"], ref["overlap"], rtol=1e-9)
    np.testing.assert_allclose(mine.loc[ref.index, "share"], ref["share"], rtol=1e-9, atol=1e-12)
    table = pre.annex(got)
    assert len(table) == len(got)
    assert table["gemarkung"].notna().all()


def test_empty_inputs() -> None:
    none = pre.parcels_in(_parcels().iloc[:0], _areas(), min_share=0)
    assert len(none) == 0
    assert list(none.columns)[:3] == ["parcel_id", "area_id", "area_name"]
    assert len(pre.parcels_in(_parcels(), _areas().iloc[:0])) == 0
    assert len(pre.annex(none)) == 0


def test_zone_coverage_exact_on_boxes():
    import shapely as _sh

    zones = gpd.GeoDataFrame(
        {"zone_id": ["K1", "K2"], "name": ["Hafen", "Rath"], "category": ["A", "B"]},
        geometry=[_sh.box(0, 0, 200, 100), _sh.box(300, 0, 400, 100)],
        crs="EPSG:25832",
    )
    # two overlapping areas over K1: union covers x 50..150 → 100 m × 100 m = 1 ha of 2 ha
    areas = gpd.GeoDataFrame(
        {"area_id": ["V1", "V2"], "name": ["a", "b"], "legal_basis": ["§ 25", "§ 25"]},
        geometry=[_sh.box(50, -10, 120, 110), _sh.box(100, -10, 150, 110)],
        crs="EPSG:25832",
    )
    cov = gi.preemption.zone_coverage(zones, areas)
    assert cov.loc["K1", "zone_ha"] == pytest.approx(2.0)
    assert cov.loc["K1", "covered_ha"] == pytest.approx(1.0)
    assert cov.loc["K1", "covered_share"] == pytest.approx(0.5)
    assert cov.loc["K2", "covered_share"] == 0.0
    assert cov.loc["K2", "category"] == "B"
    with pytest.raises(gi.CRSError):
        gi.preemption.zone_coverage(zones.to_crs("EPSG:4326"), areas)


def _coverage_fixture(crs: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    # Düsseldorf-like position; K1 200 m x 100 m = 2 ha, the area covers its west half
    zones = gpd.GeoDataFrame(
        {"zone_id": ["K1"], "name": ["Hafen"]},
        geometry=[_box(0, 0, 200, 100)],
        crs=CRS,
    )
    areas = gpd.GeoDataFrame(
        {"area_id": ["V1"], "name": ["a"], "legal_basis": ["§ 25"]},
        geometry=[_box(-50, -50, 100, 150)],
        crs=CRS,
    )
    return zones.to_crs(crs), areas.to_crs(crs)


def test_zone_coverage_in_web_mercator_raises_instead_of_inflating() -> None:
    # EPSG:3857 "metres" at 51.4° N inflate areas ~2.55 times; it used to return them
    zones, areas = _coverage_fixture("EPSG:3857")
    with pytest.raises(CRSError, match=r"EPSG:3857.*not true metres.*to_crs\('EPSG:25832'\)"):
        pre.zone_coverage(zones, areas)
    with pytest.raises(CRSError, match="not true metres"):
        pre.parcels_in(_parcels().to_crs("EPSG:3857"), _areas().to_crs("EPSG:3857"))
    with pytest.raises(CRSError, match="not true metres"):
        pre.lookup(
            _parcels().to_crs("EPSG:3857"), _areas().to_crs("EPSG:3857"), "05123400100001______"
        )


def test_zone_coverage_in_working_crs_gives_hand_computed_hectares() -> None:
    zones, areas = _coverage_fixture("EPSG:25832")
    cov = pre.zone_coverage(zones, areas)
    assert cov.loc["K1", "zone_ha"] == pytest.approx(200 * 100 / 10_000, rel=1e-12)
    assert cov.loc["K1", "covered_ha"] == pytest.approx(100 * 100 / 10_000, rel=1e-12)
    assert cov.loc["K1", "covered_share"] == pytest.approx(0.5, rel=1e-12)
    with pytest.raises(CRSError, match="CRS mismatch: zones in EPSG:25832, pre-emption areas in"):
        pre.zone_coverage(zones, areas.to_crs("EPSG:25833"))


def test_lookup_reads_in_force_since_with_the_date_parser() -> None:
    areas = _areas().assign(in_force_since=["01.03.2021", "15.07.2019"])  # day first
    got = pre.lookup(_parcels(), areas, "05123400100001______")
    assert got["in_force_since"] == pd.Timestamp(2019, 7, 15)
    bad = _areas().assign(in_force_since=["01.03.21", "15.07.19"])
    with pytest.raises(gi.dates.DateError, match=r"two-digit year; use DD.MM.YYYY or YYYY-MM-DD"):
        pre.lookup(_parcels(), bad, "05123400100001______")
