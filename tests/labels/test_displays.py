"""Rich notebook displays: City, ValidationReport, indicator tables and maps; all escaped.

Expected markup is written out by hand; payloads are ``<script>`` and ``${x}``
in names, ids, columns and metadata. Plain-text reprs stay as they were.
"""

from __future__ import annotations

import html
import io
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

import geoinnenstadt as gi
from geoinnenstadt import labels
from geoinnenstadt.maps import display, export
from geoinnenstadt.schema import ValidationReport

CRS = "EPSG:25832"
X0, Y0 = 390_000, 5_710_000
SCRIPT = "<script>window.__pwned=1</script>"
TEMPLATE = "${x}"


def _raw_payload(markup: str) -> list[str]:
    """Payload text that reached the markup unescaped."""
    return [p for p in ("<script>window", "${x}", "`") if p in markup]


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "de")


def hostile_city(*, synthetic: bool = True) -> gi.City:
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1", "Q2"], "name": [SCRIPT, TEMPLATE]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 100)],
        crs=CRS,
    )
    units = gpd.GeoDataFrame(
        {
            "unit_id": ["U1", "U1", "U2"],
            "survey_date": pd.to_datetime(["2024-06-30", "2025-06-30", "2025-06-30"]).astype(
                "datetime64[ns]"
            ),
            "status": ["occupied", "vacant", "occupied"],
            "floor_area_m2": [50.0, 50.0, 70.0],
            "owner_name": ["Erika Muster", "Erika Muster", "Max Muster"],
        },
        geometry=[Point(X0 + 10, Y0 + 10), Point(X0 + 10, Y0 + 10), Point(X0 + 150, Y0 + 50)],
        crs=CRS,
    )
    meta = {"name": f"Stadt {SCRIPT} {TEMPLATE}", "synthetic": synthetic, "as_of": "2025-06-30"}
    return gi.City(quarters=quarters, units=units, meta=meta)


# --- City ----------------------------------------------------------------------------------


def test_city_html_table_lists_layers_rows_geometry_crs_surveys_and_personal(german: None) -> None:
    out = hostile_city()._repr_html_()
    rows = re.findall(r"<tr>(.*?)</tr>", out)
    assert rows[0] == (
        "<th>Ebene</th><th>Art</th><th>Zeilen</th><th>Geometrie</th><th>Koordinatensystem</th>"
        "<th>Erhebungen / Stand</th><th>Personenbezogene Spalten</th>"
    )
    assert rows[1] == (
        "<th>City-Quartiere</th><td>quarters</td><td>2</td><td>Polygon</td><td>EPSG:25832</td>"
        "<td></td><td>nein</td>"
    )
    assert rows[2] == (
        "<th>Gewerbeeinheiten</th><td>units</td><td>3</td><td>Point</td><td>EPSG:25832</td>"
        "<td>2 Erhebungen, 30.06.2024 – 30.06.2025</td>"
        "<td>ja: Eigentümer/in</td>"
    )
    assert "Stand 30.06.2025" in out
    assert "Beispieldaten (synthetisch)" in out
    # the name is escaped, the owner values never appear
    assert "Stadt &lt;script&gt;window.__pwned=1&lt;/script&gt; &#36;{x}" in out
    assert _raw_payload(out) == []
    assert "Muster" not in out


def test_city_html_without_badge_for_real_data_and_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    city = hostile_city(synthetic=False)
    city.units = city.units.drop(columns=["owner_name"])
    monkeypatch.setattr(gi.settings, "language", "en")
    out = city._repr_html_()
    assert "Sample data" not in out
    assert "Beispieldaten" not in out
    assert "<td>2 surveys, 2024-06-30 – 2025-06-30</td><td>no</td>" in out
    assert "As of 2025-06-30" in out


def test_city_plain_repr_unchanged() -> None:
    assert repr(hostile_city()) == (
        "City('Stadt <script>window.__pwned=1</script> ${x}', synthetic: quarters=2, units=3)"
    )


# --- ValidationReport -------------------------------------------------------------------------


def hostile_report(n_errors: int = 2) -> ValidationReport:
    report = ValidationReport("units", source=f"daten{SCRIPT}.csv", n_rows=5)
    report.error(f"U{TEMPLATE}", "status", f"unknown status {SCRIPT!r}", "use occupied or vacant")
    for i in range(1, n_errors):
        report.error(f"U{i}", "floor_area_m2", "floor area must be > 0, got 0", "enter m²")
    report.warn(None, None, "layer has no address column", "")
    report.note("x/y columns used as coordinates")
    return report


def test_report_html_tables_have_row_column_problem_hint(german: None) -> None:
    out = hostile_report()._repr_html_()
    tables = re.findall(r'<table class="gi-(errors|warnings)">(.*?)</table>', out)
    assert [kind for kind, _ in tables] == ["errors", "warnings"]
    errors = tables[0][1]
    assert "<caption>Fehler (2)</caption>" in errors
    assert "<th>Zeile</th><th>Spalte</th><th>Problem</th><th>Hinweis</th>" in errors
    assert (
        "<tr><td>U&#36;{x}</td><td>status</td>"
        "<td>unknown status &#x27;&lt;script&gt;window.__pwned=1&lt;/script&gt;&#x27;</td>"
        "<td>use occupied or vacant</td></tr>"
    ) in errors
    assert (
        "<tr><td>U1</td><td>floor_area_m2</td><td>floor area must be &gt; 0, got 0</td>" in errors
    )
    warnings_ = tables[1][1]
    assert (
        "<tr><td>(ganze Ebene)</td><td></td><td>layer has no address column</td><td></td></tr>"
        in (warnings_)
    )
    assert "5 Zeilen geprüft · 2 Fehler · 1 Warnungen · 0 reparierte Geometrien" in out
    assert "Quelle: daten&lt;script&gt;" in out
    assert "<li>x/y columns used as coordinates</li>" in out
    assert _raw_payload(out) == []


def test_long_report_is_truncated_with_a_count(german: None) -> None:
    report = hostile_report(n_errors=labels.DISPLAY_MAX_ROWS + 7)
    out = report._repr_html_()
    errors = re.search(r'<table class="gi-errors">(.*?)</table>', out).group(1)
    assert errors.count("<tr>") == 1 + labels.DISPLAY_MAX_ROWS  # heading + shown rows
    assert f"<caption>Fehler ({labels.DISPLAY_MAX_ROWS + 7})</caption>" in errors
    assert "… und 7 weitere (vollständig in .errors)" in out
    assert len(report.errors) == labels.DISPLAY_MAX_ROWS + 7


def test_report_plain_text_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")
    report = hostile_report()
    assert repr(report) == (
        f"<ValidationReport units layer from daten{SCRIPT}.csv: 5 rows, 2 errors, 1 warning, "
        "0 repaired geometries>"
    )
    assert str(report).splitlines()[2] == (
        f"  - row U{TEMPLATE}, column 'status': unknown status {SCRIPT!r} — use occupied or vacant"
    )


def test_ok_report_says_so(german: None) -> None:
    out = ValidationReport("quarters", n_rows=3)._repr_html_()
    assert "Keine Fehler." in out
    assert "<table" not in out
    assert "Prüfbericht: City-Quartiere" in out


# --- indicator tables ---------------------------------------------------------------------------


def test_display_table_is_german_formatted_and_escaped(german: None) -> None:
    df = pd.DataFrame(
        {
            "name": [SCRIPT, TEMPLATE],
            "units": [1234, 5],
            "vacancy_rate": [0.146, None],
            "owner_name": ["Erika", "Max"],
        },
        index=pd.Index(["Q1", "Q2"], name="quarter_id"),
    )
    table = labels.display_table(df, caption="Leerstand <i>je</i> Quartier")
    out = table._repr_html_()
    # texts left-aligned, numbers right-aligned (issue 19)
    left = ' class="gi-text" style="text-align:left"'
    right = ' class="gi-num" style="text-align:right"'
    assert out == (
        '<table class="gi-table"><caption>Leerstand &lt;i&gt;je&lt;/i&gt; Quartier</caption>'
        f"<thead><tr><th{left}>Quartiers-ID</th><th{left}>Name</th><th{right}>Einheiten</th>"
        f"<th{right}>Leerstandsquote</th></tr></thead><tbody>"
        f"<tr><th{left}>Q1</th><td{left}>&lt;script&gt;window.__pwned=1&lt;/script&gt;</td>"
        f"<td{right}>1.234</td><td{right}>14,6 %</td></tr>"
        f"<tr><th{left}>Q2</th><td{left}>&#36;{{x}}</td><td{right}>5</td><td{right}>k. A.</td></tr>"
        "</tbody></table>"
    )
    assert repr(table) == repr(labels.format_table(df))


def test_display_table_truncates_long_tables(german: None) -> None:
    df = pd.DataFrame({"units": range(1500)})
    out = labels.display_table(df, max_rows=3)._repr_html_()
    assert out.count("<tr>") == 4
    right = ' class="gi-num" style="text-align:right"'
    assert f"<th{right}>Einheiten</th>" in out
    assert f"<td{right}>0</td>" in out
    assert f"<td{right}>2</td>" in out
    assert out.endswith('<p class="gi-more">… 1.497 weitere Zeilen nicht gezeigt</p>')


# --- maps ----------------------------------------------------------------------------------------


def _plain_map() -> display.Map:
    m = display.Map(location=[51.5, 7.4], zoom_start=12, tiles=None)
    folium.LayerControl().add_to(m)
    return m


def test_layers_added_after_the_layer_control_are_rendered_before_it() -> None:
    m = _plain_map()
    folium.GeoJson({"type": "Point", "coordinates": [7.4, 51.5]}, name="Punkt").add_to(m)
    before = list(m._children)
    page = export.to_html(m)
    geojson = page.index("var geo_json_")
    control = page.index("L.control.layers(")
    assert geojson < control
    assert list(m._children) == before  # rendering leaves the map as it was


def test_offline_render_keeps_tile_layers_in_place() -> None:
    m = display.Map(location=[51.5, 7.4], tiles="OpenStreetMap")
    before = list(m._children)
    assert "tile.openstreetmap.org" not in export.to_html(m, offline=True)
    assert list(m._children) == before


def test_folium_popups_work_without_jquery() -> None:
    m = _plain_map()
    folium.Marker([51.5, 7.4], popup="Rathaus").add_to(m)
    page = export.to_html(m)
    assert "$(`<div" in page  # folium builds the popup with $()
    assert "jquery" not in page.lower()
    assert "window.$ = function (markup)" in page


def test_map_repr_is_an_escaped_srcdoc_iframe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gi.settings, "language", "en")
    m = _plain_map()
    folium.Marker([51.5, 7.4], popup=f'"{SCRIPT}').add_to(m)
    out = m._repr_html_()
    assert out.count("<iframe") == 1
    assert out.count("</iframe>") == 1
    srcdoc = re.search(r'srcdoc="([^"]*)"', out).group(1)  # the attribute holds no raw quote
    assert "<" not in srcdoc
    assert ">" not in srcdoc
    assert html.unescape(srcdoc) == export.to_html(m)
    assert 'title="Interactive map"' in out
    assert m._repr_mimebundle_() == {"text/html": out}


def test_map_that_cannot_be_offline_shows_an_escaped_message(german: None) -> None:
    m = _plain_map()
    m.get_root().header.add_child(
        folium.JavascriptLink("https://example.org/<plugin>.js"), name="plugin"
    )
    out = m._repr_html_()
    assert out.startswith('<div class="gi-map-error" role="alert">')
    assert "https://example.org/&lt;plugin&gt;.js" in out
    assert "gi.settings.offline = False" in out
    assert "<iframe" not in out


def test_map_save_writes_the_offline_file(tmp_path) -> None:
    m = _plain_map()
    m.save(str(tmp_path / "karte.html"))
    text = (tmp_path / "karte.html").read_text(encoding="utf-8")
    assert gi.assets.external_references(text) == []
    buffer = io.StringIO()
    m.save(buffer, close_file=False)
    assert buffer.getvalue() == text


def test_library_maps_are_display_maps() -> None:
    from helpers.maps import make_city

    city = make_city()
    m = gi.maps.vacancy_map(city, hotspots=False)
    assert type(m) is gi.maps.Map
    assert gi.maps.land_map(city, m=m) is m


# --- progress ------------------------------------------------------------------------------------


def test_progress_bar_text_in_a_terminal_nothing_when_off(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from geoinnenstadt import progress

    with progress.bar(total=3, desc="Briefings", unit="nb", enabled=True) as b:
        b.update(3)
    err = capsys.readouterr().err
    assert "Briefings: 100%" in err
    assert "3/3" in err
    with progress.bar(total=3, desc="Briefings", enabled=False) as b:
        b.update(3)
    monkeypatch.setattr(gi.settings, "progress", False)
    with progress.bar(total=3, desc="Briefings") as b:  # follows the setting
        b.update(3)
    assert capsys.readouterr().err == ""


def test_scale_shows_partitions_done(capsys: pytest.CaptureFixture[str]) -> None:
    import dask_geopandas  # noqa: F401  (a dev dependency: missing = failure)

    zones = gpd.GeoDataFrame(
        {"zone_id": ["A", "B"]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 100)],
        crs=CRS,
    )
    points = gpd.GeoDataFrame(
        {"i": range(8)},
        geometry=[Point(X0 + 10 + 25 * k, Y0 + 50) for k in range(8)],
        crs=CRS,
    )
    parts = gi.scale.partition(points, npartitions=4)
    with gi.scale.cluster(n_workers=1, processes=False) as client:
        quiet = gi.scale.assign(parts, zones, scheduler=client, progress=False)
        assert capsys.readouterr().err == ""
        shown = gi.scale.assign(parts, zones, scheduler=client, progress=True)
    err = capsys.readouterr().err
    assert "assign: 100%" in err
    assert "4/4" in err
    expected = ["A", "A", "A", "A", "B", "B", "B", "B"]  # x = 10, 35, 60, 85 | 110, … 185
    assert quiet.sort_index().tolist() == expected
    assert shown.sort_index().tolist() == expected


def test_briefing_build_progress_follows_the_switch(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    nb = tmp_path / "99_kurz.py"
    nb.write_text(
        '# %% tags=["parameters"]\ndata = "dorsten"\nat = None\nlang = "de"\n'
        "offline = True\npublic = False\n\n# %%\nprint(data)\n",
        encoding="utf-8",
    )
    result = gi.briefing.build([nb], data="dorsten", out=tmp_path / "a", progress=False)
    assert not result.failed, [str(e) for e in result.failed]
    assert "Briefings" not in capsys.readouterr().err
    gi.briefing.build([nb], data="dorsten", out=tmp_path / "b", progress=True)
    err = capsys.readouterr().err
    assert "Briefings: 100%" in err
    assert "1/1" in err
