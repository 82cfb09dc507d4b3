"""XPlanGML 5.x/6.0: ``gi.read_xplan`` and ``read_layer(kind="context")`` (issue 21, part 4).

Fixtures in tests/data/xplan/ follow real published plans (tests/data/SOURCES.md):
``bplan_6-0.gml`` (XLeitstelle's BPlan001_6-0), ``fplan_5-2.gml`` (xPlanBox's FNP_Insel-Test),
``bplan_5-1_arcs.gml`` (BPlan001_5-1, a WS LANDCAD export with gml:ArcString) and
``fplan_5-1_municipal.gml`` (a municipal FNP exported by the IP NAS Manager).

Oracles: the areas of straight-edged features are computed here with shapely from the
coordinates parsed out of the file with a regular expression (never by the reader); arcs
against the area of the inscribed polygon written out by hand (2° steps) and against the
circle; codes and classes as tables written by hand from the files.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from pathlib import Path

import pytest
import shapely
from helpers import FIXTURES
from pyproj import Transformer
from shapely.geometry import Polygon

import geoinnenstadt as gi
from geoinnenstadt.errors import CRSError, DataFileError
from geoinnenstadt.sources import xplan

DATA = FIXTURES / "xplan"
B60, F52 = DATA / "bplan_6-0.gml", DATA / "fplan_5-2.gml"
ARCS, MUNI = DATA / "bplan_5-1_arcs.gml", DATA / "fplan_5-1_municipal.gml"


def _read(path: Path, **kw: object) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.ReadWarning)
        return gi.read_xplan(path, **kw)  # type: ignore[arg-type]


def _block(text: str, gml_id: str) -> str:
    """The XML of the feature ``gml_id`` (from its start tag to its end tag)."""
    m = re.search(
        rf'<(?:xplan:)?(\w+) gml:id="{re.escape(gml_id)}">(.*?)</(?:xplan:)?\1>', text, re.S
    )
    assert m, gml_id
    return m.group(2)


def _area(text: str, gml_id: str) -> float:
    """Area of a straight-edged feature from its posLists: exteriors add, interiors subtract."""
    position = _block(text, gml_id).split("<xplan:position>", 1)[1]
    total = 0.0
    for kind, values in re.findall(
        r"<gml:(exterior|interior)>.*?<gml:posList[^>]*>(.*?)</gml:posList>", position, re.S
    ):
        v = [float(t) for t in values.split()]
        ring = Polygon(list(zip(v[0::2], v[1::2], strict=True)))
        total += ring.area if kind == "exterior" else -ring.area
    return total


def _text(value: object) -> str | None:
    """A code as text, None where missing."""
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------- the four fixtures


def test_bplan_60_classes_codes_names_and_areas() -> None:
    text = B60.read_text(encoding="utf-8")
    out = _read(B60)
    assert out.crs.to_epsg() == 25832
    assert out.attrs["xplan_version"] == "6.0"
    expected = {  # gml:id suffix → (class, besondere, landuse), by hand from the file
        "2d11": ("BP_GruenFlaeche", None, "green"),
        "2d12": ("BP_BaugebietsTeilFlaeche", "1450", "MDW"),
        "2d13": ("SO_Strassenverkehr", None, "road"),
        "2d14": ("BP_GruenFlaeche", None, "green"),
        "2d15": ("BP_BaugebietsTeilFlaeche", "1700", "GE"),
    }
    got = {
        r.gml_id[-4:]: (r.xplan_class, _text(r.besondere_art), r.landuse) for r in out.itertuples()
    }
    assert got == expected
    assert out["allg_art"].isna().all()
    assert set(out["plan_name"]) == {"Testplan B 6.0 (erfundene Werte)"}
    for r in out.itertuples():
        assert r.geometry.area == pytest.approx(_area(text, r.gml_id), abs=1e-6)
    # hand: GE 40 m × 30 m, MDW 60 × 30, road 100 × 10, green triangle ½·50·40, trapezoid
    assert sorted(round(a, 6) for a in out.area) == [1000.0, 1000.0, 1200.0, 1800.0, 3000.0]
    notes = " ".join(out.attrs["validation_report"].notes)
    assert "BP_WohngebaeudeFlaeche 1, SO_Gebiet 1, XP_PPO 2" in notes


def test_fplan_52_besondere_decides_over_allg_and_line_broken_poslists() -> None:
    text = F52.read_text(encoding="utf-8")
    out = _read(F52)
    assert out.attrs["xplan_version"] == "5.2"
    [row] = list(out.itertuples())
    # the real sample's combination: allgemein 2000 (M), besondere 1400 (Dorfgebiet MD)
    assert (row.xplan_class, row.allg_art, row.besondere_art, row.landuse) == (
        "FP_BebauungsFlaeche", "2000", "1400", "MD",
    )  # fmt: skip
    assert row.plan_name == "FNP Insel (erfundene Werte)"
    assert row.geometry.area == pytest.approx(_area(text, row.gml_id))
    assert row.geometry.area == pytest.approx(300 * 140 - 100 * 60)  # the U around the island


def test_bplan_51_arcs_are_densified_in_two_degree_steps() -> None:
    out = _read(ARCS).set_index("xplan_class")
    assert out.attrs["validation_report"].repaired == []  # the millimetre arc is no loop
    r = 10.0  # road: 100 m × 20 m and a half circle of radius 10 (two arcs of an ArcString)
    inscribed = 100 * 20 + (180 / 2) * 0.5 * r * r * math.sin(math.radians(2))
    road = out.loc["BP_StrassenVerkehrsFlaeche", "geometry"]
    assert road.area == pytest.approx(inscribed, abs=0.01)
    assert road.area == pytest.approx(100 * 20 + math.pi * r * r / 2, rel=1e-3)
    assert road.is_valid
    r = 40.0  # green: a quarter disc of radius 40 (one gml:Arc)
    green = out.loc["BP_GruenFlaeche", "geometry"]
    # (the file rounds the arc's middle point to millimetres: ± 0.05 m²)
    assert green.area == pytest.approx(45 * 0.5 * r * r * math.sin(math.radians(2)), abs=0.05)
    ponds = out.loc["BP_WasserwirtschaftsFlaeche", "geometry"]
    assert ponds.geom_type == "MultiPolygon"
    assert len(ponds.geoms) == 2
    assert ponds.area == pytest.approx(2 * 10 * 10)
    assert out.loc["BP_BaugebietsTeilFlaeche", "landuse"] == "W"
    assert out.loc["SO_Wasserrecht", "landuse"] == "water"
    notes = " ".join(out.attrs["validation_report"].notes)
    assert "BP_BauGrenze 1, BP_StrassenbegrenzungsLinie 1" in notes


def test_municipal_fplan_default_namespace_plan_last_point_left_out() -> None:
    text = MUNI.read_text(encoding="utf-8")
    with pytest.warns(gi.ReadWarning, match=r"GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a12.*Point"):
        out = gi.read_xplan(MUNI)
    report = out.attrs["validation_report"]
    assert report.left_out == ["GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a12"]
    expected = {  # by hand from the file: id suffix → (allg, besondere, landuse)
        "7a11": (None, None, "green"),
        "7a13": ("3000", "1800", "GI"),
        "7a14": ("3000", None, "G"),
        "7a15": ("1000", "1200", "W"),
        "7a16": ("2000", "1400", "MD"),
        "7a17": (None, None, "road"),
        "7a18": (None, None, "water"),
        "7a19": (None, None, "green"),
        "7a1a": (None, None, "road"),
    }

    got = {
        r.gml_id[-4:]: (_text(r.allg_art), _text(r.besondere_art), r.landuse)
        for r in out.itertuples()
    }
    assert got == expected
    assert set(out["plan_name"]) == {"FNP Beispielgemeinde (Zusammenzeichnung, erfundene Werte)"}
    for r in out.itertuples():
        assert r.geometry.area == pytest.approx(_area(text, r.gml_id), abs=1e-6)
    gi_area = out.set_index("landuse").loc["GI", "geometry"]
    assert len(gi_area.interiors) == 1
    assert gi_area.area == pytest.approx(200 * 100 - 50 * 20)


def test_read_layer_context_maps_onto_the_context_schema() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.ReadWarning)
        ctx = gi.read_layer(MUNI, "context")
    report = ctx.attrs["validation_report"]
    assert report.left_out == ["GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a12"]
    got = {r.context_id[-4:]: (r.category, _text(r.landuse)) for r in ctx.itertuples()}
    assert got == {  # G → GE, MD → MI (the context's types), by hand
        "7a11": ("landuse", "green"), "7a13": ("landuse", "GI"), "7a14": ("landuse", "GE"),
        "7a15": ("landuse", "W"), "7a16": ("landuse", "MI"), "7a17": ("road", None),
        "7a18": ("water", None), "7a19": ("landuse", "green"), "7a1a": ("road", None),
    }  # fmt: skip
    roads = ctx[ctx["category"] == "road"].set_index("xplan_class")
    assert set(roads.geom_type) == {"LineString"}  # traffic areas drawn by their outlines
    assert roads.loc["FP_Strassenverkehr", "geometry"].length == pytest.approx(2 * (400 + 10))
    assert ctx.set_index("xplan_landuse").loc["MD", "name"] == (
        "FNP Beispielgemeinde (Zusammenzeichnung, erfundene Werte)"
    )
    assert {"xplan_class", "allg_art", "besondere_art", "gml_id", "plan_name"} <= set(ctx.columns)


def test_read_layer_refuses_other_kinds() -> None:
    with pytest.raises(ValueError, match=r"bplan_6-0\.gml.*kind='context'.*read_xplan"):
        gi.read_layer(B60, "sites")


# --------------------------------------------------------------------------- srsName, axis order

_POS = re.compile(r"(<gml:(?:posList|pos|lowerCorner|upperCorner)[^>]*>)([^<]*)(<)")


def _reprojected(text: str, target: int, srs_name: str, *, northing_first: bool) -> str:
    """``text`` with every coordinate transformed from EPSG:25832 (pyproj) and renamed."""
    t = Transformer.from_crs(25832, target, always_xy=True)

    def sub(m: re.Match[str]) -> str:
        v = [float(x) for x in m.group(2).split()]
        xs, ys = t.transform(v[0::2], v[1::2])
        pairs = zip(ys, xs, strict=True) if northing_first else zip(xs, ys, strict=True)
        return m.group(1) + " ".join(f"{a:.4f} {b:.4f}" for a, b in pairs) + m.group(3)

    return _POS.sub(sub, text).replace('srsName="EPSG:25832"', f'srsName="{srs_name}"')


@pytest.mark.parametrize(
    ("target", "srs_name", "northing_first"),
    [
        (31467, "urn:ogc:def:crs:EPSG::31467", True),  # official axis order: Hochwert first
        (31467, "EPSG:31467", False),  # the short form: Rechtswert first (GDAL's rule)
        (31466, "http://www.opengis.net/def/crs/EPSG/0/31466", True),
        (25833, "urn:ogc:def:crs:EPSG::25833", False),
        (25832, "urn:adv:crs:ETRS89_UTM32", False),
    ],
)
def test_srs_names_and_axis_order(
    tmp_path: Path, target: int, srs_name: str, northing_first: bool
) -> None:
    text = B60.read_text(encoding="utf-8")
    path = tmp_path / "plan.gml"
    path.write_text(_reprojected(text, target, srs_name, northing_first=northing_first), "utf-8")
    out = _read(path).set_index("gml_id")
    ref = _read(B60).set_index("gml_id")
    assert out.crs.to_epsg() == 25832
    for gid, geom in ref.geometry.items():  # back in EPSG:25832 within a centimetre
        assert shapely.hausdorff_distance(out.geometry[gid], geom) < 0.01, gid


def test_northing_first_urn_with_easting_first_coordinates_is_an_error(tmp_path: Path) -> None:
    text = _reprojected(B60.read_text("utf-8"), 31467, "urn:ogc:def:crs:EPSG::31467",
                        northing_first=False)  # fmt: skip
    path = tmp_path / "verdreht.gml"
    path.write_text(text, "utf-8")
    with pytest.raises(CRSError, match=r"verdreht\.gml.*(Germany|swap)"):
        gi.read_xplan(path)


# --------------------------------------------------------------------------- bad input

_HEAD = (
    '<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/{v}" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink">'
)


def _plan(features: str, *, version: str = "6/0", plan: str = "FP_Plan") -> str:
    return (
        _HEAD.format(v=version)
        + f'<gml:featureMember><xplan:{plan} gml:id="P1"><xplan:name>Plan 1</xplan:name>'
        f"</xplan:{plan}></gml:featureMember>{features}</xplan:XPlanAuszug>"
    )


def _feature(gml_id: str, ring: str, codes: str = "", *, cls: str = "FP_BebauungsFlaeche",
             srs: str = "EPSG:25832") -> str:  # fmt: skip
    return (
        f'<gml:featureMember><xplan:{cls} gml:id="{gml_id}"><xplan:position>'
        f'<gml:Polygon srsName="{srs}"><gml:exterior><gml:LinearRing><gml:posList>{ring}'
        f"</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></xplan:position>{codes}"
        f"</xplan:{cls}></gml:featureMember>"
    )


SQUARE = "392000 5707000 392100 5707000 392100 5707100 392000 5707100 392000 5707000"


def _codes(allg: str | None, besondere: str | None) -> str:
    out = f"<xplan:allgArtDerBaulNutzung>{allg}</xplan:allgArtDerBaulNutzung>" if allg else ""
    if besondere:
        out += f"<xplan:besondereArtDerBaulNutzung>{besondere}</xplan:besondereArtDerBaulNutzung>"
    return out


def test_not_xplangml(tmp_path: Path) -> None:
    path = tmp_path / "wfs.gml"
    path.write_text('<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0"/>', "utf-8")
    with pytest.raises(DataFileError, match=r"wfs\.gml: not an XPlanGML file.*FeatureCollection"):
        gi.read_xplan(path)
    assert not xplan.is_xplan(path)


def test_truncated_xml(tmp_path: Path) -> None:
    path = tmp_path / "abgebrochen.gml"
    text = B60.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(DataFileError, match=r"abgebrochen\.gml.*not well-formed.*truncated"):
        gi.read_xplan(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"fehlt\.gml: the file does not exist"):
        gi.read_xplan(tmp_path / "fehlt.gml")


@pytest.mark.parametrize("srs", ["EPSG:99999", "Gauss-Krueger Streifen 3"])
def test_unknown_srs_name_names_the_feature(tmp_path: Path, srs: str) -> None:
    path = tmp_path / "plan.gml"
    path.write_text(_plan(_feature("F-unbekannt", SQUARE, _codes("3000", None), srs=srs)), "utf-8")
    with pytest.raises(CRSError, match=r"plan\.gml.*F-unbekannt"):
        gi.read_xplan(path)


def test_empty_plan_names_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "leer.gml"
    path.write_text(_plan(""), "utf-8")
    with pytest.raises(DataFileError, match=r"leer\.gml: the plan holds no area.*FP_Plan 'Plan 1'"):
        gi.read_xplan(path)


@pytest.mark.parametrize("version", ["4/1", "3/0"])
def test_unsupported_version(tmp_path: Path, version: str) -> None:
    path = tmp_path / "alt.gml"
    path.write_text(_plan(_feature("F1", SQUARE, _codes("3000", None)), version=version), "utf-8")
    shown = version.replace("/", ".")
    with pytest.raises(DataFileError, match=rf"alt\.gml: XPlanGML version {shown} is not read"):
        gi.read_xplan(path)
    with pytest.raises(DataFileError, match=rf"version {shown}"):
        gi.read_layer(path, "context")


def test_unknown_codes_are_named_and_the_features_kept(tmp_path: Path) -> None:
    path = tmp_path / "codes.gml"
    features = (
        _feature("F-b", SQUARE, _codes("3000", "9999"))  # besondere unknown: allg decides
        + _feature("F-a", SQUARE, _codes("7777", "1700"))  # allg unknown: besondere decides
        + _feature("F-ab", SQUARE, _codes("7777", "8888"))  # both unknown: no type
    )
    path.write_text(_plan(features), "utf-8")
    with pytest.warns(gi.ReadWarning) as caught:
        out = gi.read_xplan(path)
    assert out.set_index("gml_id").loc["F-b", "landuse"] == "G"
    assert out.set_index("gml_id").loc["F-a", "landuse"] == "GE"
    assert out.set_index("gml_id")["landuse"].isna().to_dict() == {
        "F-b": False, "F-a": False, "F-ab": True,
    }  # fmt: skip
    problems = " | ".join(out.attrs["validation_report"].warnings["problem"])
    assert "unknown allgArtDerBaulNutzung code 7777 (2 features: F-a, F-ab)" in problems
    assert "unknown besondereArtDerBaulNutzung code 9999 (1 feature: F-b)" in problems
    assert "unknown besondereArtDerBaulNutzung code 8888 (1 feature: F-ab)" in problems
    assert "7777" in str(caught[0].message)
    with pytest.warns(gi.ReadWarning, match="F-ab"):
        ctx = gi.read_layer(path, "context")
    assert list(ctx["context_id"]) == ["F-b", "F-a"]
    assert ctx.attrs["validation_report"].left_out == ["F-ab"]


def test_invalid_ring_repaired_and_named(tmp_path: Path) -> None:
    bow_tie = "392000 5707000 392010 5707010 392010 5707000 392000 5707010 392000 5707000"
    path = tmp_path / "schleife.gml"
    path.write_text(_plan(_feature("F-schleife", bow_tie, _codes("3000", "1800"))), "utf-8")
    with pytest.warns(
        gi.ReadWarning, match=r"F-schleife: geometry repaired with shapely\.make_valid"
    ):
        out = gi.read_xplan(path)
    assert out.attrs["validation_report"].repaired == ["F-schleife"]
    assert out.geometry.iloc[0].is_valid
    assert out.geometry.iloc[0].area == pytest.approx(2 * (0.5 * 10 * 5))  # two triangles, by hand
    kept = _read(path, repair=False)
    assert not kept.geometry.iloc[0].is_valid


def test_plan_names_follow_the_bereich_links(tmp_path: Path) -> None:
    text = (
        _HEAD.format(v="5/4")
        + '<gml:featureMember><xplan:BP_Plan gml:id="P1"><xplan:name>Nord</xplan:name>'
        '<xplan:bereich xlink:href="#B1"/></xplan:BP_Plan></gml:featureMember>'
        '<gml:featureMember><xplan:BP_Plan gml:id="P2"><xplan:name>Süd</xplan:name>'
        "</xplan:BP_Plan></gml:featureMember>"
        '<gml:featureMember><xplan:BP_Bereich gml:id="B1"><xplan:planinhalt xlink:href="#F1"/>'
        "</xplan:BP_Bereich></gml:featureMember>"
        '<gml:featureMember><xplan:BP_Bereich gml:id="B2"><xplan:gehoertZuPlan xlink:href="#P2"/>'
        "</xplan:BP_Bereich></gml:featureMember>"
        + _feature("F1", SQUARE, _codes(None, "1700"), cls="BP_BaugebietsTeilFlaeche")
        + _feature("F2", SQUARE, _codes(None, "1550"), cls="BP_BaugebietsTeilFlaeche").replace(
            "<xplan:position>", '<xplan:gehoertZuBereich xlink:href="#B2"/><xplan:position>'
        )
        + "</xplan:XPlanAuszug>"
    )
    path = tmp_path / "zwei.gml"
    path.write_text(text, "utf-8")
    out = _read(path).set_index("gml_id")
    assert out.attrs["xplan_version"] == "5.4"
    assert out.loc["F1", "plan_name"] == "Nord"
    assert out.loc["F2", "plan_name"] == "Süd"
    assert out.loc["F2", "landuse"] == "MU"


def test_xplan_archive_zip_with_attachments(tmp_path: Path) -> None:
    archive = tmp_path / "BPlan_Test.zip"
    with zipfile.ZipFile(archive, "w") as z:  # an XPlanArchiv: xplan.gml beside the plan's files
        z.write(B60, "xplan.gml")
        z.writestr("Begruendung.pdf", b"%PDF-1.4 invented\n")
        z.writestr("Plan.png", b"\x89PNG\r\n\x1a\n")
        z.writestr("Plan.pgw", "0.1\n0\n0\n-0.1\n392000\n5707080\n")
    out = _read(archive)
    assert sorted(out["gml_id"]) == sorted(_read(B60)["gml_id"])
    assert out.attrs["source"].endswith("BPlan_Test.zip!xplan.gml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.ReadWarning)
        ctx = gi.read_layer(archive, "context")
    assert len(ctx) == 5


def _position_feature(gml_id: str, geometry: str) -> str:
    return (
        f'<gml:featureMember><xplan:FP_BebauungsFlaeche gml:id="{gml_id}"><xplan:position>'
        f"{geometry}</xplan:position>{_codes('3000', '1700')}</xplan:FP_BebauungsFlaeche>"
        "</gml:featureMember>"
    )


def test_surface_patches_circular_hole_and_heights(tmp_path: Path) -> None:
    x, y = 392000.0, 5707000.0
    square = f"{x} {y} {x + 100} {y} {x + 100} {y + 100} {x} {y + 100} {x} {y}"
    # a hole of radius 20 around (x + 50, y + 50): one ArcString of two half circles
    circle = " ".join(
        f"{x + 50 + 20 * math.cos(a):.6f} {y + 50 + 20 * math.sin(a):.6f}"
        for a in (0, math.pi / 2, math.pi, 3 * math.pi / 2, 0)
    )
    holed = (
        '<gml:Polygon srsName="EPSG:25832"><gml:exterior><gml:LinearRing><gml:posList>'
        f"{square}</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:Ring>"
        "<gml:curveMember><gml:Curve><gml:segments><gml:ArcString><gml:posList>"
        f"{circle}</gml:posList></gml:ArcString></gml:segments></gml:Curve></gml:curveMember>"
        "</gml:Ring></gml:interior></gml:Polygon>"
    )
    patch = (
        "<gml:PolygonPatch><gml:exterior><gml:LinearRing><gml:posList>{}</gml:posList>"
        "</gml:LinearRing></gml:exterior></gml:PolygonPatch>"
    )
    p1 = f"{x + 200} {y} {x + 210} {y} {x + 210} {y + 10} {x + 200} {y}"  # triangle 50 m²
    p2 = f"{x + 300} {y} {x + 320} {y} {x + 320} {y + 10} {x + 300} {y + 10} {x + 300} {y}"
    surface = (
        f'<gml:Surface srsName="EPSG:25832"><gml:patches>{patch.format(p1)}'
        f"{patch.format(p2)}</gml:patches></gml:Surface>"
    )
    heights = (  # x y z, the heights dropped
        '<gml:Polygon srsName="EPSG:25832" srsDimension="3"><gml:exterior><gml:LinearRing>'
        f"<gml:posList>{x + 400} {y} 87.5 {x + 430} {y} 88 {x + 430} {y + 10} 88.5 "
        f"{x + 400} {y + 10} 88 {x + 400} {y} 87.5</gml:posList></gml:LinearRing>"
        "</gml:exterior></gml:Polygon>"
    )
    path = tmp_path / "formen.gml"
    path.write_text(
        _plan(
            _position_feature("F-loch", holed)
            + _position_feature("F-patches", surface)
            + _position_feature("F-hoehen", heights)
        ),
        "utf-8",
    )
    out = _read(path).set_index("gml_id")
    hole = 180 * 0.5 * 20 * 20 * math.sin(math.radians(2))  # 180 steps of 2° (by hand)
    assert out.loc["F-loch", "geometry"].area == pytest.approx(100 * 100 - hole, abs=1e-6)
    assert out.loc["F-loch", "geometry"].area == pytest.approx(100 * 100 - math.pi * 400, rel=1e-3)
    patches = out.loc["F-patches", "geometry"]
    assert patches.geom_type == "MultiPolygon"
    assert patches.area == pytest.approx(0.5 * 10 * 10 + 20 * 10)
    assert not out.loc["F-hoehen", "geometry"].has_z
    assert out.loc["F-hoehen", "geometry"].area == pytest.approx(30 * 10)


def test_context_codes_of_the_60_bplan() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gi.ReadWarning)
        ctx = gi.read_layer(B60, "context").set_index("xplan_landuse")
    # the dörfliches Wohngebiet (MDW, BauNVO § 5a) is drawn as a mixed area, like MD and MU
    assert ctx.loc["MDW", ["category", "landuse"]].tolist() == ["landuse", "MI"]
    assert ctx.loc["GE", ["category", "landuse"]].tolist() == ["landuse", "GE"]
    assert ctx.loc["road", "category"] == "road"
