"""gi.geocode against hand-made house coordinates; read_layer(geocode=); the CLI command.

The oracle is the fixture read by hand (tests/data/addresses/README.md): coordinates in
EPSG:25832 are rechtswert - 32,000,000 and hochwert.
"""

from __future__ import annotations

import sys
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from helpers import FIXTURES, ROOT

import geoinnenstadt as gi
from geoinnenstadt.errors import SchemaError
from geoinnenstadt.sources.addresses import AddressWarning
from geoinnenstadt.sources.geocode import GeocodeWarning

DATA = FIXTURES / "addresses"
HK = DATA / "hauskoordinaten_4647.csv"

# the street point of Westenhellweg: the address point nearest the mean of its 6 points
# (mean x 393020.83, y 5707506.67 → 393020/5707500 at 6.7 m; the others are farther)
WESTENHELLWEG_CENTRE = (393020.0, 5707500.0)

# (typed address, expected class, expected point (x, y) or None, expected matched_address)
ORACLE = [
    (
        "Westenhellweg 12a, 44137 Dortmund",
        "exact",
        (393025, 5707500),
        "Westenhellweg 12a, 44137 Dortmund",
    ),
    ("Westenhellweg 12 A", "normalised", (393025, 5707500), "Westenhellweg 12a, 44137 Dortmund"),
    ("westenhellweg 12 a", "normalised", (393025, 5707500), "Westenhellweg 12a, 44137 Dortmund"),
    (
        "WESTENHELLWEG 12A, 44137",
        "normalised",
        (393025, 5707500),
        "Westenhellweg 12a, 44137 Dortmund",
    ),
    ("Westenhellweg 12-14", "normalised", (393020, 5707500), "Westenhellweg 12, 44137 Dortmund"),
    ("Kampstraße 20", "exact", (393600, 5707700), "Kampstraße 20, 44137 Dortmund"),
    ("Kampstr. 20", "normalised", (393600, 5707700), "Kampstraße 20, 44137 Dortmund"),
    (
        "kampstrasse 20, 44137 Dortmund",
        "normalised",
        (393600, 5707700),
        "Kampstraße 20, 44137 Dortmund",
    ),
    ("Kamp Str 20", "normalised", (393600, 5707700), "Kampstraße 20, 44137 Dortmund"),
    ("Kampstraße 22/1", "exact", (393610, 5707700), "Kampstraße 22/1, 44137 Dortmund"),
    ("Kampstrasse 22 / 1", "normalised", (393610, 5707700), "Kampstraße 22/1, 44137 Dortmund"),
    ("Maria Weber Weg 3", "normalised", (393200, 5707600), "Maria-Weber-Weg 3, 44137 Dortmund"),
    (
        "maria-weber-weg 5, 44137 Dortmund",
        "normalised",
        (393220, 5707600),
        "Maria-Weber-Weg 5, 44137 Dortmund",
    ),
    # a street name corrected by spelling is never exact or normalised (issue 24)
    ("Westenhelweg 10", "nearest_number", (393000, 5707500), "Westenhellweg 10, 44137 Dortmund"),
    # the postcode contradicts the reference (the street lies in 44135 only): none (issue 24)
    ("Ostenhellweg 7 B, 44137 Dortmund", "none", None, None),
    # nearest number: same parity first, then the smaller gap; same number other suffix = gap 0
    ("Westenhellweg 16", "nearest_number", (393040, 5707500), "Westenhellweg 14, 44137 Dortmund"),
    ("Westenhellweg 15", "nearest_number", (393030, 5707520), "Westenhellweg 13, 44137 Dortmund"),
    ("Westenhellweg 12c", "nearest_number", (393020, 5707500), "Westenhellweg 12, 44137 Dortmund"),
    ("Maria-Weber-Weg 4", "nearest_number", (393200, 5707600), "Maria-Weber-Weg 3, 44137 Dortmund"),
    # the street exists, no number within 10: its central point
    ("Westenhellweg 99", "street", WESTENHELLWEG_CENTRE, "Westenhellweg, 44137 Dortmund"),
    ("Westenhellweg", "street", WESTENHELLWEG_CENTRE, "Westenhellweg, 44137 Dortmund"),
    ("Königswall 3", "street", (392900, 5707800), "Königswall, 44137 Dortmund"),
    # postcode decides between two Hauptstraße 1
    ("Hauptstraße 1, 44139 Dortmund", "exact", (395000, 5706900), "Hauptstraße 1, 44139 Dortmund"),
    # made up: never matched
    ("Phantasiestraße 1", "none", None, None),
    ("Musterweg 12, 44137 Dortmund", "none", None, None),
    ("Gartenstraße 5", "none", None, None),
    ("Hauptstraße 1", "ambiguous", None, None),  # two postcodes, none named
    ("", "none", None, None),
]


@pytest.fixture(scope="module")
def ref():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AddressWarning)
        return gi.read_addresses(HK)


def _geocode(frame, reference, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeocodeWarning)
        return gi.geocode(frame, reference, **kw)


def test_clerk_typed_variants_oracle(ref):
    units = pd.DataFrame({"Adresse": [a for a, *_ in ORACLE]})
    with pytest.warns(
        GeocodeWarning,
        match=r"6 of 28 addresses not located in .*, 1 located on a street name corrected by "
        r"spelling \(.*; not found: rows 15, 24, 25, 26, 28; ambiguous \(several places, see "
        r"match_note\): rows 27; street name corrected by spelling \(check them, see "
        r"match_note\): rows 14\)",
    ):
        out = gi.geocode(units, ref, address="Adresse")
    for i, (typed, cls, xy, label) in enumerate(ORACLE):
        row = out.iloc[i]
        assert row["match"] == cls, (typed, row["match"], row["matched_address"])
        if xy is None:
            assert row.geometry is None or row.geometry.is_empty, typed
            assert pd.isna(row["matched_address"])
            assert np.isnan(row["match_score"])
        else:
            assert row.geometry.x == pytest.approx(xy[0], abs=1e-6), typed
            assert row.geometry.y == pytest.approx(xy[1], abs=1e-6), typed
            assert row["matched_address"] == label, typed
    rep = out.attrs["geocode_report"]
    assert rep["counts"] == {"exact": 4, "normalised": 10, "nearest_number": 5, "street": 3,
                             "ambiguous": 1, "none": 5}  # fmt: skip
    assert rep["unmatched"] == [14, 23, 24, 25, 26, 27]
    assert rep["ambiguous"] == [26]
    assert rep["contradicted"] == [14]
    assert rep["corrected"] == [13]
    # the two Hauptstraße 1 of the fixture (rows 14 and 15 of the CSV)
    assert [(c["address"], round(c["x"]), round(c["y"])) for c in rep["candidates"][26]] == [
        ("Hauptstraße 1, 44137 Dortmund", 394000, 5707900),
        ("Hauptstraße 1, 44139 Dortmund", 395000, 5706900),
    ]
    notes = out["match_note"]
    assert notes.iloc[13] == ("street 'Westenhelweg' is not in the reference; read as "
                              "'Westenhellweg' (similarity 96): check the address")  # fmt: skip
    assert notes.iloc[14] == ("postcode 44137 contradicts the reference address Ostenhellweg "
                              "7b, 44135 Dortmund: check postcode and town")  # fmt: skip
    assert notes.iloc[26].startswith("2 places in the reference, up to 1,414 m apart: ")
    assert notes.drop(index=[13, 14, 26]).isna().all()


def test_scores(ref):
    units = pd.DataFrame({"a": ["Westenhellweg 12", "Westenhelweg 12", "Nowhere 1"]})
    out = _geocode(units, ref, address="a")
    # rapidfuzz ratio of the keys 'westenhelweg'/'westenhellweg': 2*12/(12+13) = 96
    assert out["match_score"].iloc[:2].tolist() == [100.0, 96.0]
    assert np.isnan(out["match_score"].iloc[2])


def test_separate_columns_order_index_and_row_count(ref):
    units = pd.DataFrame(
        {"Straße": ["Kampstr.", "Erfunden", "Westenhellweg", None],
         "Nr": ["20", "1", 12, None], "PLZ": [44137, None, "44137", None],
         "other": [1, 2, 3, 4]},
        index=[10, 7, 3, 99],
    )  # fmt: skip
    out = _geocode(units, ref, street="Straße", number="Nr", postcode="PLZ")
    assert list(out.index) == [10, 7, 3, 99]
    assert out["other"].tolist() == [1, 2, 3, 4]
    assert out["match"].tolist() == ["normalised", "none", "exact", "none"]
    assert out.crs.to_epsg() == 25832
    assert out.geometry.x.iloc[2] == pytest.approx(393020.0)


def test_columns_found_by_name(ref):
    units = pd.DataFrame({"Strasse": ["Kampstraße"], "Hausnummer": ["1"]})
    out = _geocode(units, ref)
    assert out["match"].tolist() == ["exact"]
    with pytest.raises(ValueError, match="no address column found"):
        gi.geocode(pd.DataFrame({"x": [1]}), ref)
    with pytest.raises(ValueError, match=r"either address= .* or street="):
        gi.geocode(units, ref, address="Strasse", street="Strasse")


def test_made_up_streets_never_match(ref):
    made_up = ["Phantasieweg 3", "Zauberallee 1", "Bachstraße 4", "Hellweg 10", "Westweg 10",
               "Kamp 20", "Weber-Weg 3"]  # fmt: skip
    out = _geocode(pd.DataFrame({"a": made_up}), ref, address="a")
    assert out["match"].tolist() == ["none"] * len(made_up)
    assert out.geometry.isna().all()


def test_reference_path_is_read(tmp_path):
    units = pd.DataFrame({"a": ["Kampstraße 20"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read_addresses' warnings are not repeated here
        out = gi.geocode(units, HK, address="a")
    assert out["match"].tolist() == ["exact"]


def test_deterministic_and_independent_of_reference_order(ref):
    units = pd.DataFrame({"a": [a for a, *_ in ORACLE]})
    first = _geocode(units, ref, address="a")
    again = _geocode(units, ref, address="a")
    shuffled = ref.sample(frac=1.0, random_state=3).reset_index(drop=True)
    other = _geocode(units, shuffled, address="a")
    for out in (again, other):
        pd.testing.assert_frame_equal(
            pd.DataFrame(first.drop(columns="geometry")), pd.DataFrame(out.drop(columns="geometry"))
        )
        assert first.geometry.equals(out.geometry)


def test_same_address_at_two_points_takes_smaller_x(ref):
    extra = gpd.GeoDataFrame(
        {"strname": ["Kampstraße"], "hsnr": ["20"], "plz": ["44137"], "ort": ["Dortmund"]},
        geometry=gpd.points_from_xy([393590.0], [5707800.0]), crs="EPSG:25832",
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AddressWarning)
        both = gi.read_addresses(
            pd.concat(
                [
                    gpd.GeoDataFrame(
                        ref.rename(
                            columns={
                                "street": "strname",
                                "number": "hsnr",
                                "postcode": "plz",
                                "city": "ort",
                            }
                        )
                    ),
                    extra,
                ]
            )
        )
    # 100.5 m apart: one place only when max_spread allows it (default 50 m: ambiguous)
    out = _geocode(pd.DataFrame({"a": ["Kampstraße 20"]}), both, address="a", max_spread=150)
    assert out.geometry.x.iloc[0] == pytest.approx(393590.0)
    assert _geocode(pd.DataFrame({"a": ["Kampstraße 20"]}), both, address="a")[
        "match"
    ].tolist() == ["ambiguous"]


def test_bad_options(ref):
    units = pd.DataFrame({"a": ["Kampstraße 20"]})
    with pytest.raises(ValueError, match="threshold"):
        gi.geocode(units, ref, address="a", threshold=20)
    with pytest.raises(ValueError, match="max_number_gap"):
        gi.geocode(units, ref, address="a", max_number_gap=-1)


# --------------------------------------------------------------------------- read_layer

UNITS_CSV = (
    "Nr;Stichtag;Status;Fläche;Leer seit;Adresse\n"
    "E1;30.06.2025;occupied;120,5;;Westenhellweg 12a, 44137 Dortmund\n"
    "E2;30.06.2025;vacant;80;01.02.2024;Kampstr. 20\n"
    "E3;30.06.2025;occupied;60;;Phantasiestraße 9\n"
    "E4;30.06.2025;occupied;70;;Westenhellweg 16\n"
)
COLUMNS = {"Nr": "unit_id", "Stichtag": "survey_date", "Status": "status",
           "Fläche": "floor_area_m2", "Leer seit": "vacant_since"}  # fmt: skip


def test_read_layer_geocodes_and_keeps_unmatched(tmp_path, ref):
    csv = tmp_path / "leerstand.csv"
    csv.write_text(UNITS_CSV, encoding="utf-8")
    with pytest.warns(gi.ReadWarning, match="2 warnings"):
        units = gi.read_layer(csv, "units", columns=COLUMNS, geocode=ref, address="Adresse")
    assert units["unit_id"].tolist() == ["E1", "E2", "E3", "E4"]
    assert units["match"].tolist() == ["exact", "normalised", "none", "nearest_number"]
    assert units.geometry.x.iloc[0] == pytest.approx(393025.0)
    assert units.geometry.iloc[2] is None
    report = units.attrs["validation_report"]
    assert report.ok
    w = report.warnings
    assert w["row"].tolist() == ["E3 @ 2025-06-30", "E4 @ 2025-06-30"]
    problems = " | ".join(w["problem"])
    assert "address not found in the reference (row 3)" in problems
    assert "located approximately (nearest_number: Westenhellweg 14, 44137 Dortmund)" in problems
    assert not any(p == "geometry is missing" for p in report.errors["problem"])
    assert any("geocoded against" in n and "not found: rows E3" in n for n in report.notes)


def test_read_layer_geocode_refuse_names_the_rows(tmp_path, ref):
    csv = tmp_path / "leerstand.csv"
    csv.write_text(UNITS_CSV, encoding="utf-8")
    with pytest.raises(SchemaError, match=r"1 addresses not found.*row 3 \(E3 @ 2025-06-30\)"):
        gi.read_layer(csv, "units", columns=COLUMNS, geocode=ref, address="Adresse",
                      unmatched="refuse")  # fmt: skip
    with pytest.raises(ValueError, match="unmatched must be"):
        gi.read_layer(csv, "units", columns=COLUMNS, geocode=ref, unmatched="drop")


def test_read_layer_geocode_mapped_address_column(tmp_path, ref):
    csv = tmp_path / "leerstand.csv"
    csv.write_text(UNITS_CSV.replace("Phantasiestraße 9", "Kampstraße 1"), encoding="utf-8")
    with pytest.warns(gi.ReadWarning, match="1 warning"):
        units = gi.read_layer(csv, "units", columns={**COLUMNS, "Adresse": "address"},
                              geocode=ref, address="Adresse")  # fmt: skip
    assert units["address"].iloc[2] == "Kampstraße 1"
    assert units["match"].tolist() == ["exact", "normalised", "exact", "nearest_number"]


# --------------------------------------------------------------------------- CLI


def test_cli_geocode_prints_report_and_writes(tmp_path, capsys):
    from geoinnenstadt.cli import main

    lst = tmp_path / "liste.xlsx"
    pd.DataFrame({"Adresse": ["Kampstr. 20", "Phantasiestraße 9", "Westenhellweg 16"],
                  "Nr": ["E1", "E2", "E3"]}).to_excel(lst, index=False)  # fmt: skip
    out = tmp_path / "units.gpkg"
    code = main(["geocode", str(lst), "--reference", str(HK), "--out", str(out),
                 "--address", "Adresse", "--no-progress"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0
    assert "exact 0, normalised 1, nearest_number 1, street 0, ambiguous 0, none 1" in captured.out
    assert "not found: rows 2" in captured.out
    written = gpd.read_file(out)
    assert written["Nr"].tolist() == ["E1", "E2", "E3"]
    assert written["match"].tolist() == ["normalised", "none", "nearest_number"]
    assert written.geometry.iloc[1] is None


def test_cli_geocode_usage_errors(tmp_path, capsys):
    from geoinnenstadt.cli import main

    lst = tmp_path / "liste.csv"
    lst.write_text("Strasse;HNr\nKampstraße;20\n", encoding="utf-8")
    out = tmp_path / "units.gpkg"
    assert main(["geocode", str(lst), "--reference", str(HK), "--out", str(out),
                 "--street", "Strasse", "--number", "HNr", "--no-progress"]) == 0  # fmt: skip
    assert "exact 1" in capsys.readouterr().out
    code = main(["geocode", str(lst), "--reference", str(HK), "--out", str(out),
                 "--address", "Nope", "--no-progress"])  # fmt: skip
    assert code == 2
    assert "Nope" in capsys.readouterr().err


def test_bench_geocode_quick():
    sys.path.insert(0, str(ROOT))
    from bench import bench_geocode

    (row,) = bench_geocode.run(quick=True)
    assert row["addresses"] == 200
    assert row["reference_points"] == 2000
    assert sum(row[c] for c in gi.sources.geocode.MATCH_CLASSES) == 200
    assert row["exact"] > 0
    assert row["nearest_number"] > 0
    assert row["none"] > 0


# --------------------------------------------------------------------------- issue 24, case 3

# A hand-made Essen reference (EPSG:25832 metres; invented points). The oracle values below
# are read off this table by hand.
ESSEN = [
    # strname, hsnr, plz, ort, x, y
    ("Elisenstr.", "10", "45127", "Essen", 362100.0, 5701200.0),
    ("Marktplatz", "1", "45127", "Essen", 362300.0, 5701400.0),
    ("Kettwiger Str.", "14", "45127", "Essen", 362400.0, 5701500.0),
    # the same address at two points 400 m apart
    ("Rüttenscheider Str.", "100", "45130", "Essen", 362000.0, 5699000.0),
    ("Rüttenscheider Str.", "100", "45130", "Essen", 362000.0, 5699400.0),
    # the same address at two points 20 m apart (a building and its entrance)
    ("Rathenaustr.", "2", "45127", "Essen", 362520.0, 5701600.0),
    ("Rathenaustr.", "2", "45127", "Essen", 362500.0, 5701600.0),
]


@pytest.fixture(scope="module")
def essen():
    raw = gpd.GeoDataFrame(
        [row[:4] for row in ESSEN], columns=["strname", "hsnr", "plz", "ort"],
        geometry=gpd.points_from_xy([r[4] for r in ESSEN], [r[5] for r in ESSEN]),
        crs="EPSG:25832",
    )  # fmt: skip
    return gi.read_addresses(raw)


def _one(essen, text, **kw):
    return _geocode(pd.DataFrame({"Adresse": [text]}), essen, address="Adresse", **kw).iloc[0]


def test_another_street_name_is_never_exact_or_normalised(essen):
    """ "Luisenstraße 10" was placed on Elisenstr. 10 as normalised."""
    row = _one(essen, "Luisenstraße 10, 45127 Essen")
    assert row["match"] not in ("exact", "normalised")
    # keys 'luisenstrasse'/'elisenstrasse' (13 letters each) share 'lisenstrasse' (12):
    # rapidfuzz ratio = 2 * 12 / 26 = 92.3 ≥ 90, so the spelling rule still proposes it
    assert row["match"] == "nearest_number"
    assert row["match_score"] == 92.3
    assert row["matched_address"] == "Elisenstr. 10, 45127 Essen"
    assert row["match_note"] == (
        "street 'Luisenstraße' is not in the reference; read as 'Elisenstr.' (similarity 92): "
        "check the address"
    )
    with pytest.warns(GeocodeWarning, match=r"0 of 1 addresses not located in reference, 1 "
                      r"located on a street name corrected by spelling .*see match_note\): "
                      r"rows 1\)"):  # fmt: skip
        gi.geocode(pd.DataFrame({"a": ["Luisenstraße 10"]}), essen, address="a")
    # the reference's own spelling stays exact, another spelling of it normalised
    assert _one(essen, "Elisenstr. 10")["match"] == "exact"
    assert _one(essen, "Elisenstraße 10")["match"] == "normalised"


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("Marktplatz 1, 44137 Dortmund", "postcode 44137"),
        ("Marktplatz 1, 45127 Dortmund", "town 'Dortmund'"),
        ("Marktplatz 1, Essenbach", "town 'Essenbach'"),
    ],
)
def test_contradicting_postcode_or_town_is_none_with_the_reason(essen, typed, note):
    """ "Marktplatz 1, 44137 Dortmund" was matched exact against an Essen reference."""
    row = _one(essen, typed)
    assert row["match"] == "none"
    assert row.geometry is None
    assert pd.isna(row["matched_address"])
    assert np.isnan(row["match_score"])
    assert row["match_note"] == (
        f"{note} contradicts the reference address Marktplatz 1, 45127 Essen: check postcode "
        "and town"
    )


@pytest.mark.parametrize(
    "typed", ["Marktplatz 1, 45127 Essen", "Marktplatz 1, Essen", "Marktplatz 1, Essen-Stadtkern"]
)
def test_agreeing_postcode_and_town_stay_exact(essen, typed):
    row = _one(essen, typed)
    assert (row["match"], row.geometry.x, row.geometry.y) == ("exact", 362300.0, 5701400.0)
    assert pd.isna(row["match_note"])


def test_address_at_two_distant_points_is_ambiguous_with_every_candidate(essen):
    """An address present at two points 400 m apart was placed at one of them silently."""
    units = pd.DataFrame({"Adresse": ["Rüttenscheider Str. 100, 45130 Essen", "Rathenaustr. 2"]})
    with pytest.warns(
        GeocodeWarning, match=r"ambiguous \(several places, see match_note\): rows 1"
    ):
        out = gi.geocode(units, essen, address="Adresse")
    row = out.iloc[0]
    assert row["match"] == "ambiguous"
    assert row.geometry is None
    assert pd.isna(row["matched_address"])
    assert row["match_note"] == (
        "2 places in the reference, up to 400 m apart: Rüttenscheider Str. 100, 45130 Essen "
        "(362000, 5699000); Rüttenscheider Str. 100, 45130 Essen (362000, 5699400); give "
        "coordinates, or correct the reference (one point per address)"
    )
    rep = out.attrs["geocode_report"]
    assert rep["ambiguous"] == [0]
    assert rep["unmatched"] == [0]
    assert rep["counts"]["ambiguous"] == 1
    assert rep["candidates"] == {
        0: [
            {"address": "Rüttenscheider Str. 100, 45130 Essen", "x": 362000.0, "y": 5699000.0},
            {"address": "Rüttenscheider Str. 100, 45130 Essen", "x": 362000.0, "y": 5699400.0},
        ]
    }
    # 20 m apart: one place, the documented choice (smaller x)
    near = out.iloc[1]
    assert (near["match"], near.geometry.x, near.geometry.y) == ("exact", 362500.0, 5701600.0)
    # a wider max_spread makes the 400 m pair one place too (smaller x, then smaller y)
    wide = _one(essen, "Rüttenscheider Str. 100", max_spread=500)
    assert (wide["match"], wide.geometry.x, wide.geometry.y) == ("exact", 362000.0, 5699000.0)
    with pytest.raises(ValueError, match="max_spread"):
        gi.geocode(units, essen, address="Adresse", max_spread=-1)


def test_town_without_postcode_is_parsed_and_matched(essen):
    """ "…Str. 14, Essen" (a town without postcode) was reported as not found."""
    from geoinnenstadt.sources.addresses import split_address

    parts = split_address(pd.Series(["Kettwiger Str. 14, Essen"])).iloc[0]
    assert (parts["street"], parts["house_number"], parts["city"]) == ("Kettwiger Str.", "14",
                                                                       "Essen")  # fmt: skip
    assert pd.isna(parts["postcode"])
    row = _one(essen, "Kettwiger Str. 14, Essen")
    assert (row["match"], row.geometry.x, row.geometry.y) == ("exact", 362400.0, 5701500.0)
    assert row["matched_address"] == "Kettwiger Str. 14, 45127 Essen"


def test_read_layer_geocode_reports_ambiguous_and_contradicted_rows(tmp_path, essen):
    csv = tmp_path / "leerstand_essen.csv"
    csv.write_text(
        "Nr;Stichtag;Status;Fläche;Leer seit;Adresse\n"
        "E1;30.06.2025;occupied;100;;Marktplatz 1, 45127 Essen\n"
        "E2;30.06.2025;occupied;100;;Rüttenscheider Str. 100\n"
        "E3;30.06.2025;occupied;100;;Marktplatz 1, 44137 Dortmund\n"
        "E4;30.06.2025;occupied;100;;Luisenstraße 10\n",
        encoding="utf-8",
    )
    with pytest.warns(gi.ReadWarning, match="3 warnings"):
        units = gi.read_layer(csv, "units", columns=COLUMNS, geocode=essen, address="Adresse")
    assert units["match"].tolist() == ["exact", "ambiguous", "none", "nearest_number"]
    assert units.geometry.iloc[1] is None
    assert units.geometry.iloc[2] is None
    report = units.attrs["validation_report"]
    assert report.ok
    w = report.warnings.set_index("row")["problem"]
    assert w["E2 @ 2025-06-30"].startswith(
        "address ambiguous in the reference (row 2) (2 places in the reference, up to 400 m apart"
    )
    assert w["E3 @ 2025-06-30"] == (
        "address not found in the reference (row 3) (postcode 44137 contradicts the reference "
        "address Marktplatz 1, 45127 Essen: check postcode and town): geometry missing"
    )
    assert w["E4 @ 2025-06-30"] == (
        "located approximately (nearest_number: Elisenstr. 10, 45127 Essen); street "
        "'Luisenstraße' is not in the reference; read as 'Elisenstr.' (similarity 92): check "
        "the address"
    )


def test_match_classes_have_german_and_english_labels():
    from geoinnenstadt import labels
    from geoinnenstadt.sources.geocode import MATCH_CLASSES

    assert MATCH_CLASSES == ("exact", "normalised", "nearest_number", "street", "ambiguous",
                             "none")  # fmt: skip
    assert labels.value_label("match", "ambiguous", "de") == "mehrdeutig (mehrere Orte)"
    assert labels.value_label("match", "ambiguous", "en") == "ambiguous (several places)"
    assert labels.label("match_note", "de") == "Hinweis zur Adresszuordnung"
    for c in MATCH_CLASSES:  # no class falls back to its key
        assert labels.value_label("match", c, "de") != c
        assert labels.value_label("match", c, "en")
