"""Notebooks and HTML briefings: execution, export, privacy, offline rendering, failures, publication mode."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from helpers.german import FILE_NAMES, german_words, page_texts, proper_names

import geoinnenstadt as gi
from geoinnenstadt import briefing
from geoinnenstadt.briefing.build import _slug

SAMPLES = ("dortmund", "duesseldorf", "dorsten")
ALL_NOTEBOOKS = [p.stem for p in briefing.list_notebooks()]
#: Tutorials that read published formats (ALKIS, addresses, OSM); executed on their own below.
OWN_DATA = "04_eigene_daten"
#: The briefing whose maps are print maps (images), without an interactive map document.
PRINT_MAPS_ONLY = "05_quartiersprofile"
#: Internal-only briefing (space requests are confidential), built and checked on its own in
#: test_vermittlung.py: building it here for every sample would cost CI time for no new check.
MATCHING = "06_vermittlung"
#: The notebooks the module fixture ``built`` builds for every sample.
BUILT_HERE = [n for n in ALL_NOTEBOOKS if n not in (OWN_DATA, MATCHING)]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> briefing.BriefingResult:
    """Every notebook (tutorial included) built for every sample, once for the module."""
    out = tmp_path_factory.mktemp("briefings")
    return briefing.build(BUILT_HERE, data=list(SAMPLES), out=out, progress=False, timeout=300)


def _html_files(result: briefing.BriefingResult) -> list[Path]:
    return [p for p in result.written if p.name != "index.html"]


def test_notebooks_are_jupytext_with_parameters():
    import jupytext

    assert ALL_NOTEBOOKS == [
        "00_einstieg",
        "01_leerstand_city",
        "02_wirtschaftsflaechen",
        "03_kernzonen_vorkaufsrecht",
        OWN_DATA,
        "05_quartiersprofile",
        MATCHING,
    ]
    for path in briefing.list_notebooks():
        nb = jupytext.read(path)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path
        for name in ("data", "at", "lang"):
            assert re.search(rf"^{name} = ", tagged[0].source, flags=re.M), (path, name)


def test_every_applicable_notebook_executes_on_every_sample(built):
    assert not built.failed, [str(e) for e in built.failed]
    written = {p.name for p in _html_files(built)}
    skipped = {(d, n) for d, n, _ in built.skipped}
    for sample in SAMPLES:
        city = gi.load_sample(sample)
        for nb in BUILT_HERE:
            name = f"{_slug(city.name)}_{nb}.html"
            # a notebook is skipped only when the city lacks a layer it needs, and then it says which
            assert (name in written) != ((sample, nb) in skipped), (sample, nb)
    # the samples cover every notebook at least once
    assert {p.stem.split("_", 1)[1] for p in _html_files(built)} == set(BUILT_HERE)
    reasons = [r for _, _, r in built.skipped]
    assert all(r.startswith("city has no ") for r in reasons)
    assert built.index is not None
    assert built.index.is_file()
    index = built.index.read_text(encoding="utf-8")
    for p in _html_files(built):
        assert f'href="{p.name}"' in index


def test_html_has_no_code_cells_and_a_title_block(built):
    for path in _html_files(built):
        text = path.read_text(encoding="utf-8")
        assert "import geoinnenstadt" not in text, path
        assert "input_area" not in text, path
        assert "jp-InputArea" not in text, path
        assert "br.show_" not in text, path
        assert "Parameter (eingesetzt" not in text, path
        assert '<header class="gi-title">' in text
        assert "<dt>Stichtag</dt>" in text
        assert "<dt>Datenquelle</dt>" in text
        assert f"<dd>{gi.__version__}</dd>" in text
        assert 'class="gi-toc"' in text or "01_" not in path.name
        # the samples are synthetic: the note is visible in every briefing
        assert "Beispieldaten (synthetisch)" in text


def test_html_contains_no_personal_data(built):
    secrets: set[str] = set()
    for sample in SAMPLES:
        units = gi.load_sample(sample).units
        for col in gi.schema.LAYERS["units"].personal_columns:
            if units is not None and col in units:
                secrets |= {str(v) for v in units[col].dropna().unique()}
    assert secrets, "the samples carry synthetic owner data to test privacy with"
    for path in _html_files(built):
        text = path.read_text(encoding="utf-8")
        unescaped = html.unescape(html.unescape(text))  # map documents are escaped twice (srcdoc)
        leaked = [s for s in secrets if s in text or s in unescaped]
        assert not leaked, (path.name, leaked[:3])
        assert "owner_name" not in unescaped
        assert "owner_contact" not in unescaped


def test_html_has_no_external_references(built):
    for path in _html_files(built):
        text = html.unescape(html.unescape(path.read_text(encoding="utf-8")))
        # markup outside scripts must not load anything (Leaflet's script text mentions its homepage)
        markup = re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S | re.I)
        refs = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"' >]+""", markup)
        assert not refs, (path.name, refs[:3])
        assert "@import" not in markup
        assert "url(http" not in markup
        assert "cdn.jsdelivr" not in text
        assert "cdnjs" not in text
        assert "unpkg.com" not in text


def test_vacancy_briefing_figures_match_independent_computation(built):
    city = gi.load_sample("dortmund")
    text = (built.out_dir / "dortmund_01_leerstand_city.html").read_text(encoding="utf-8")
    # independent: latest survey per unit, plain geopandas point-in-polygon
    units = city.units
    at = units["survey_date"].max()
    state = (
        units[units["survey_date"] <= at]
        .sort_values("survey_date")
        .drop_duplicates("unit_id", keep="last")
    )
    joined = state.sjoin(city.quarters[["quarter_id", "name", "geometry"]], predicate="within")
    q = joined[joined["name"] == "Brückviertel"]
    n, v = len(q), int((q["status"] == "vacant").sum())
    pct = f"{100 * v / n:.1f}".replace(".", ",")
    # the quarter table's row (the text sums the table up instead of repeating it)
    rows = [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c))
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)
    ]
    assert ["Q02", "Brückviertel", str(n), str(v), f"{pct} %"] in [r[:5] for r in rows]
    assert "Im Quartier Brückviertel" not in text
    share = joined.groupby("name")["status"].apply(lambda s: (s == "vacant").mean())
    high, low = share.idxmax(), share.idxmin()
    high_pct = f"{100 * share[high]:.1f}".replace(".", ",")
    low_pct = f"{100 * share[low]:.1f}".replace(".", ",")
    summary = (
        f"Die höchste Leerstandsquote hat {high} ({high_pct} %), "
        f"die niedrigste {low} ({low_pct} %)."
    )
    assert html.escape(summary, quote=False) in text
    total_v, total_n = int((state["status"] == "vacant").sum()), len(state)
    assert f"von {total_n} Einheiten leer" in text
    assert f"{total_v} von" in text


@pytest.mark.browser
def test_briefings_open_offline_in_chromium(built, tmp_path, browser):
    from PIL import Image

    # the shared Debian chromium (conftest.py)
    for path in _html_files(built):
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.on(
            "console",
            lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        maps = page.locator("iframe.gi-map")
        if path.stem.endswith(PRINT_MAPS_ONLY):
            # the quarter profiles draw their locator maps as images: no map document, and
            # every image is in the page (a data URI), loaded without a request
            assert maps.count() == 0, path.name
            images = page.evaluate(
                "() => Array.from(document.images).map(i => [i.complete, i.naturalWidth])"
            )
            assert images, path.name
            assert all(done and width > 0 for done, width in images), path.name
        else:
            assert maps.count() >= 1, path.name
        drawn = 0 if maps.count() else 1
        for frame in page.frames:
            if frame is page.main_frame:
                continue
            frame.wait_for_function(
                "() => window.__gi && Object.keys(window.__gi.counts).length > 0"
            )
            counts = frame.evaluate("() => window.__gi.counts")
            drawn += sum(int(v) for v in counts.values())
        assert drawn > 0, path.name
        external = [
            u for u in requests if not (u == path.as_uri() or u.startswith(("data:", "about:")))
        ]
        assert not external, (path.name, external[:5])
        assert not errors, (path.name, errors[:5])
        if not maps.count():
            page.close()
            continue
        shot = tmp_path / f"{path.stem}.png"
        maps.first.scroll_into_view_if_needed()
        colours: list = []
        for _ in range(10):  # the canvas paints after scrolling into view; give a busy machine time
            page.wait_for_timeout(300)
            maps.first.screenshot(path=str(shot))
            colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20) or []
            if len(colours) > 20:
                break
        assert len(colours) > 20, path.name
        page.close()


def test_failing_cell_leaves_no_html_and_names_the_cell(tmp_path):
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    good = briefing.notebooks_dir() / "00_einstieg.py"
    shutil.copy(good, nb_dir / "00_einstieg.py")
    (nb_dir / "98_kaputt.py").write_text(
        "# %% [markdown]\n# # Kaputt\n\n"
        '# %% tags=["parameters"]\ndata = "dorsten"\nat = None\nlang = "de"\n\n'
        "# %%\nx = 1\n\n"
        "# %%\nraise RuntimeError('Absicht: diese Zelle schlägt fehl')\n\n"
        "# %%\nprint('nie erreicht')\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = briefing.build(
        [nb_dir / "98_kaputt.py", nb_dir / "00_einstieg.py"],
        data="dorsten",
        out=out,
        progress=False,
    )
    assert len(result.failed) == 1
    err = result.failed[0]
    assert err.notebook == "98_kaputt.py"
    assert err.cell == 3  # third code cell, counting the parameters cell (injected cell excluded)
    assert "RuntimeError" in str(err)
    assert "Absicht" in str(err)
    assert "cell 3" in str(err)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["dorsten_00_einstieg.html", "index.html"], (
        names
    )  # no partial or temporary file
    assert "98_kaputt" in (out / "index.html").read_text(encoding="utf-8")


def test_cli_briefing_reports_failure_with_exit_code(tmp_path, capsys):
    bad = tmp_path / "97_fehler.py"
    bad.write_text('# %% tags=["parameters"]\ndata = "dorsten"\n\n# %%\n1 / 0\n', encoding="utf-8")
    code = gi.cli.main(
        [
            "briefing",
            "--data",
            "dorsten",
            "--notebook",
            str(bad),
            "--out",
            str(tmp_path / "o"),
            "--no-progress",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "97_fehler.py, cell 2" in err
    assert "ZeroDivisionError" in err


@pytest.fixture
def small_quarter_city(tmp_path) -> tuple[Path, str, int, int]:
    """Dorsten with one quarter reduced to 2 units: (GeoPackage path, quarter name, vacant, units)."""
    city = gi.load_sample("dorsten")
    q = city.quarters.iloc[0]
    inside = gi.zones.assign(city.units, city.quarters, warn=False) == q["quarter_id"]
    ids = list(dict.fromkeys(city.units.loc[inside.fillna(False).to_numpy(), "unit_id"]))
    keep_small = set(ids[:2])
    drop = inside.fillna(False).to_numpy() & ~city.units["unit_id"].isin(keep_small).to_numpy()
    city.units = city.units[~drop].reset_index(drop=True)
    path = gi.write_city(city, tmp_path / "dorsten_klein.gpkg", personal=False)
    rates = gi.vacancy.rates(city.units, city.quarters)
    row = rates.loc[q["quarter_id"]]
    assert int(row["units"]) == 2
    return path, str(q["name"]), int(row["vacant"]), int(row["units"])


def test_public_mode_suppresses_small_quarters(small_quarter_city, tmp_path):
    path, name, vacant, units = small_quarter_city
    public = briefing.build(
        ["01_leerstand_city"], data=str(path), out=tmp_path / "pub", public=True, progress=False
    )
    internal = briefing.build(
        ["01_leerstand_city"], data=str(path), out=tmp_path / "int", progress=False
    )
    assert not public.failed
    assert not internal.failed
    pub = public.written[0].read_text(encoding="utf-8")
    inn = internal.written[0].read_text(encoding="utf-8")
    exact = f"{'steht' if vacant == 1 else 'stehen'} {vacant} von {units} Einheiten leer"
    # the text sums the table up (issue 19): no sentence per quarter, the withheld ones named
    assert "Im Quartier" not in inn + pub
    assert html.escape(exact, quote=False) not in pub
    said = re.search(r"Nicht veröffentlicht werden die Werte von ([^<]*)</p>", html.unescape(pub))
    assert said is not None
    assert re.search(rf"{re.escape(name)}[^;]*\(weniger als 3 Einheiten\)", said.group(1))
    assert "Nicht veröffentlicht" not in inn
    assert "&lt; 3" in pub
    assert "gesperrt" in pub  # the secondary suppression
    assert "Fallzahlen unter 3 gesperrt (Geheimhaltung)" in pub
    assert "Veröffentlichungsfassung" in pub
    assert "Veröffentlichungsfassung" not in inn
    # issue 9: no table row of the small quarter carries a figure (rates, trend, change, flows)
    rows = [r for r in re.findall(r"<tr>.*?</tr>", pub, flags=re.S) if html.escape(name) in r]
    assert len(rows) >= 3  # rates, trend and hot-spot tables at least
    for row in rows:
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        figures = [c for c in cells if re.search(r"\d", c) and not c.startswith("&lt;")]
        assert not [c for c in figures if "%" in c or "Pp." in c], row
    inner = [r for r in re.findall(r"<tr>.*?</tr>", inn, flags=re.S) if html.escape(name) in r]
    assert any("Pp." in r for r in inner)  # the internal version does show the change


def test_publication_table_suppresses_every_figure_of_small_rows():
    df = pd.DataFrame(
        {
            "name": ["A", "B", "C", "Gesamt"],
            "units": [2, 40, 12, 54],
            "vacant": [1, 4, 2, 7],
            "vacancy_rate": [0.5, 0.1, 2 / 12, 7 / 54],
        },
        index=pd.Index(["Q1", "Q2", "Q3", "total"], name="quarter_id"),
    )
    t = briefing.publication_table(df, lang="de")
    assert t.loc["Q1", ["units", "vacant", "vacancy_rate"]].tolist() == ["< 3", "< 3", "< 3"]
    assert t.loc["Q1", "name"] == "A"
    # secondary suppression (issue 9): otherwise total − Q2 − Q3 = 54 − 40 − 12 reveals Q1;
    # by hand the smallest other quarter, Q3 (12 units), is withheld
    assert t.loc["Q3", ["units", "vacant", "vacancy_rate"]].tolist() == ["gesperrt"] * 3
    assert t.loc["Q2", "vacancy_rate"] == 0.1
    assert t.loc["total", "units"] == 54
    assert t.attrs["suppressed"] == ["Q1", "Q3"]
    with pytest.raises(KeyError, match="units"):
        briefing.publication_table(df.drop(columns="units"))


def test_vacancy_sentences_escape_and_grammar():
    r = pd.DataFrame(
        {"name": ["<b>X</b>", "Y"], "units": [10, 5], "vacant": [1, 0], "vacancy_rate": [0.1, 0.0]},
        index=["Q1", "Q2"],
    )
    s = briefing.vacancy_sentences(r, lang="de")
    assert s == [
        "Im Quartier <b>X</b> steht 1 von 10 Einheiten leer (10,0 %).",
        "Im Quartier Y stehen 0 von 5 Einheiten leer (0,0 %).",
    ]
    shown = str(briefing.show_text(s[0], display=False))
    assert "<b>" not in shown
    assert "&lt;b&gt;X&lt;/b&gt;" in shown


def test_unknown_data_and_notebook_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="neither a sample"):
        briefing.load_data("atlantis")
    with pytest.raises(FileNotFoundError, match="99_gibt_es_nicht"):
        briefing.build(["99_gibt_es_nicht"], data="dorsten", out=tmp_path, progress=False)


# --------------------------------------------------------------------------- issue 9

X0, Y0 = 393_000.0, 5_708_000.0
CRS = "EPSG:25832"


def _quarters():
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame(
        {
            "quarter_id": ["Q1", "Q2", "Q3", "Q4"],
            "name": ["Nordwest", "Nordost", "Südwest", "Südost"],
        },
        geometry=[
            box(X0, Y0 + 300, X0 + 400, Y0 + 600),
            box(X0 + 400, Y0 + 300, X0 + 800, Y0 + 600),
            box(X0, Y0, X0 + 400, Y0 + 300),
            box(X0 + 400, Y0, X0 + 800, Y0 + 300),
        ],
        crs=CRS,
    )


def _units():
    """Q1 1 unit (0/1 → 1/1), Q2 2 units (0/2 → 1/2), Q3 10 units (1/10 → 1/10), Q4 4 units (1/4 → 2/4)."""

    origin = {
        "Q1": (X0, Y0 + 300),
        "Q2": (X0 + 400, Y0 + 300),
        "Q3": (X0, Y0),
        "Q4": (X0 + 400, Y0),
    }
    surveys = {
        "2024-06-30": {"Q1": "o", "Q2": "oo", "Q3": "v" + "o" * 9, "Q4": "vooo"},
        "2025-06-30": {"Q1": "v", "Q2": "vo", "Q3": "v" + "o" * 9, "Q4": "vvoo"},
    }
    from helpers.surveys import units_from_codes

    return units_from_codes(surveys, origin, owner_name="Erika Mustermann")


def _rows_with_figures(markup: str) -> dict[str, list[str]]:
    """Table rows of an HTML table: first cell -> the other cells."""
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", markup, flags=re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ]
        if cells:
            out[cells[0]] = cells[1:]
    return out


def test_public_trend_table_and_texts_suppress_small_quarters_with_secondary():
    """Issue 9: the trend table showed "+50,0 Pp." for a 2-unit quarter; the total revealed it."""
    units, quarters = _units(), _quarters()
    trend = gi.vacancy.trend(units, quarters)
    internal = str(
        briefing.show_table(briefing.trend_table(trend, lang="de"), lang="de", display=False)
    )
    assert "+50,0 Pp." in internal  # the leak being fixed
    assert "+100,0 Pp." in internal
    table = briefing.trend_table(trend, public=True, lang="de")
    markup = str(briefing.show_table(table, lang="de", display=False))
    assert "+50,0 Pp." not in markup
    assert "+100,0 Pp." not in markup
    rows = _rows_with_figures(markup)
    # by hand: Q1, Q2 primary ("< 3"), Q4 (4 units, smallest other) secondary, Q3 and total shown
    assert rows["Q1"][1:] == ["< 3"] * 3
    assert rows["Q2"][1:] == ["< 3"] * 3
    assert rows["Q4"][1:] == ["gesperrt"] * 3
    assert rows["Q3"][1:] == ["10,0 %", "10,0 %", "0,0 Pp."]
    assert rows[""][0] == "Gesamt"  # the total named once, in the name column
    assert rows[""][1:3] == ["11,8 %", "29,4 %"]  # 2/17, 5/17

    # the rates table and the text of the same briefing follow the same rule
    rates = gi.vacancy.rates(units, quarters)
    shown = briefing.publication_table(rates, lang="de")
    rates_html = str(briefing.show_table(shown, lang="de", display=False))
    r = _rows_with_figures(rates_html)
    assert (r["Q1"][1], r["Q2"][1], r["Q4"][1]) == ("< 3", "< 3", "gesperrt")
    assert r["Q3"][1:4] == ["10", "1", "10,0 %"]  # units, vacant, rate of Q3 by hand
    figures = briefing.vacancy_key_figures(units, quarters)
    text = html.unescape(str(briefing.show_vacancy_text(shown, figures, lang="de", display=False)))
    assert "Im Quartier Nordwest liegen weniger als 3 Einheiten" in text
    assert "Im Quartier Nordost liegen weniger als 3 Einheiten" in text
    assert (
        "Die Werte des Quartiers Südost werden zum Schutz kleiner Quartiere nicht veröffentlicht."
        in text
    )
    assert "Im Quartier Südwest steht 1 von 10 Einheiten leer (10,0 %)." in text
    for leak in ("1 von 1 ", "1 von 2 ", "2 von 4 "):
        assert leak not in text
    assert "Erika" not in text + rates_html + markup


def test_english_briefing_texts_contain_no_german():
    """Issue 9: English briefings had German headings, footnotes and sentences."""
    import nbformat

    units, quarters = _units(), _quarters()
    rates = gi.vacancy.rates(units, quarters)
    rates.loc["total", "name"] = "Gesamt"  # vacancy's own total name must not leak into English
    figures = briefing.vacancy_key_figures(units, quarters)
    shown = briefing.publication_table(rates, lang="en")
    trend = gi.vacancy.trend(units, quarters)
    flows = briefing.latest_flows(units, quarters, lang="en")
    supply = pd.DataFrame(
        {
            "reserve_ha": [146.0, 146.0],
            "restriction_free_reserve_ha": [33.0, 33.0],
            "demand_ha_per_year": [13.3, 20.0],
            "years_net": [2.5, float("inf")],
            "years_gross": [11.0, 7.3],
            "window_start": [2020, 2020],
            "window_end": [2024, 2024],
        },
        index=pd.Index(["observed", "IHK"], name="scenario"),
    )
    city = gi.City(
        quarters=quarters,
        units=units,
        meta={"name": "Testcity", "synthetic": True, "source": "test data", "as_of": "30.06.2025"},
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Key figures")])
    parts = [
        briefing.show_key_figures(figures, lang="en", display=False),
        briefing.show_vacancy_text(shown, figures, lang="en", display=False),
        briefing.show_table(
            briefing.trend_table(trend, public=True, lang="en"), lang="en", display=False
        ),
        briefing.show_table(shown, lang="en", display=False),
        briefing.show_table(flows, lang="en", caption=flows.attrs["caption"], display=False),
        briefing.show_fund_text(flows, lang="en", display=False),
        briefing.show_land_text(None, supply, lang="en", display=False),
        briefing.sample_note(city, lang="en", display=False),
        briefing.render_page(
            nb, title="Vacancy", city=city, at=None, lang="en", public=True, notebook_name="01.py"
        ),
    ]
    text = html.unescape(re.sub(r"<style>.*?</style>", "", " ".join(map(str, parts)), flags=re.S))
    text = re.sub(r"<[^>]+>", " ", text)
    assert german_words(text) == {}  # the detector of issue 11, below
    assert "Total" in text
    assert "withheld" in text
    assert "<dt>Reference date</dt><dd>30/06/2025</dd>" in html.unescape(str(parts[-1])) or (
        "Reference date" in text
    )


def test_briefing_texts_follow_settings_language(monkeypatch):
    monkeypatch.setattr(gi.settings, "language", "en")
    r = pd.DataFrame(
        {"name": ["North"], "units": [10], "vacant": [2], "vacancy_rate": [0.2]}, index=["Q1"]
    )
    assert briefing.vacancy_sentences(r) == ["In North, 2 of 10 units are vacant (20.0 %)."]


def test_build_with_a_city_object_uses_its_data(tmp_path):
    """A City in memory (not a sample) reaches the kernel as its own data, not by its name."""
    import shapely

    city = gi.load_sample("dortmund")
    city.meta["name"] = "Teststadt"
    city.sites = city.sites[city.sites["status"] == "available"].iloc[:5].reset_index(drop=True)
    result = briefing.build(["02_wirtschaftsflaechen"], data=city, out=tmp_path, progress=False)
    assert not result.failed, [str(e) for e in result.failed]
    (page,) = result.written
    assert page.name == "teststadt_02_wirtschaftsflaechen.html"
    hectares = shapely.area(city.sites.geometry.values).sum() / 10_000  # by hand, plain shapely
    expected = (
        f"Verfügbar sind {hectares:,.1f} ha".replace(",", "X").replace(".", ",").replace("X", ".")
    )
    assert html.escape(expected, quote=False) in page.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- issue 11: English briefings

# the English builds and their tests: test_briefing_en.py (a file of their own, so that the test
# workers build the German and the English briefings side by side)


def test_german_detector_finds_german_in_text_maps_and_charts(built):
    """The oracle below is not vacuous: it finds German in the German pages, in all three places."""
    page = (built.out_dir / "dortmund_01_leerstand_city.html").read_text(encoding="utf-8")
    city = gi.load_sample("dortmund")
    names = proper_names(city)
    assert len(german_words(page_texts(page), names=names)) > 30
    docs = "".join(re.findall(r'srcdoc="[^"]*"', page))
    map_text = page_texts(f"<iframe {docs}></iframe>")
    assert "leerstandsquote" in german_words(map_text, names=names)  # legend inside the iframe
    alts = page_texts(page, maps=False, body=False)
    assert "diagramm" in german_words(alts, names=names)  # chart alt text
    assert german_words("Die Quote ist gestiegen, seit der Erhebung.") != {}
    assert german_words("Altstadt am Alten Markt", names=["Altstadt am Alten Markt"]) == {}
    assert german_words("altstadt am alten markt", names=["Altstadt am Alten Markt"]) == {}
    assert "fur" in german_words("Flächen für Gewerbe")  # compared without accents


def test_load_data_gives_the_sample_source_in_the_language_and_leaves_the_city_alone():
    city = gi.load_sample("dorsten")
    german = city.meta["source"]
    assert german.startswith("Synthetische Beispieldaten")
    shown = briefing.load_data(city, lang="en")
    assert shown.meta["source"] == (
        "Synthetic sample data, generated by sample_data/generate.py – not official data"
    )
    assert city.meta["source"] == german  # the caller's City is unchanged
    assert shown.units is city.units
    assert briefing.load_data(city, lang="de").meta["source"] == german
    own = gi.City(quarters=city.quarters, meta={"name": "X", "source": "Stadt Dorsten, Amt 61"})
    assert briefing.load_data(own, lang="en").meta["source"] == "Stadt Dorsten, Amt 61"  # a name


def test_conflict_table_names_sites_without_an_admissible_class():
    """A site closer to housing than class VII allows was counted as "no restrictions"."""
    import geopandas as gpd

    city = gi.load_sample("dortmund")
    site = city.sites[city.sites["status"] == "available"].iloc[:1].reset_index(drop=True)
    city.sites = site
    city.residential = gpd.GeoDataFrame(  # overlaps the site: distance 0 m < 100 m (class VII)
        {"area_id": ["W1"], "use": ["residential"], "name": ["Test"]},
        geometry=[site.geometry.iloc[0].buffer(5)],
        crs=site.crs,
    )
    for lang, none in (("en", "none admissible"), ("de", "keine zulässig")):
        rows = _rows_with_figures(str(briefing.show_conflicts(city, lang=lang, display=False)))
        assert rows[none] == ["1"], rows
        assert [rows[c] for c in ("I", "II", "III", "IV", "V", "VI", "VII")] == [["0"]] * 7
        assert "no restrictions" not in rows
        assert "restriktionsfrei" not in rows


def test_land_text_names_the_default_scenarios_in_the_language():
    supply = pd.DataFrame(
        {
            "reserve_ha": [10.0] * 3,
            "restriction_free_reserve_ha": [4.0] * 3,
            "demand_ha_per_year": [2.0, 13.0, 20.0],
            "years_net": [2.0, 4 / 13, 0.2],
            "years_gross": [5.0, 10 / 13, 0.5],
            "window_start": [2020, None, None],
            "window_end": [2024, None, None],
        },
        index=["observed", "city", "ihk"],
    )
    en = html.unescape(str(briefing.show_land_text(None, supply, lang="en", display=False)))
    de = html.unescape(str(briefing.show_land_text(None, supply, lang="de", display=False)))
    assert "Scenario City administration (13.0 ha per year): net 0.3 years, gross 0.8 years." in en
    assert "Scenario Chamber of commerce (IHK) (20.0 ha per year)" in en
    assert "Szenario Stadt (13,0 ha pro Jahr): netto 0,3 Jahre, brutto 0,8 Jahre." in de
    assert "Szenario IHK (20,0 ha pro Jahr)" in de
    own = supply.rename(index={"city": "Wachstum"})
    assert "Scenario Wachstum (13.0 ha" in str(
        briefing.show_land_text(None, own, lang="en", display=False)
    )


def test_chart_alt_text_lists_title_axes_and_legend():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="North <&> South")
    ax.set_title("Take-up per year")
    ax.set_ylabel("ha")
    ax.legend()
    markup = str(briefing.show_figure(fig, lang="en", display=False))
    alt = html.unescape(re.search(r"alt='([^']*)'", markup).group(1))
    assert alt == "Chart: Take-up per year; ha; North <&> South"
    assert "<&>" not in markup  # escaped in the attribute
    fig, _ = plt.subplots()
    assert "alt='Diagramm'" in str(briefing.show_figure(fig, lang="de", display=False))


def test_briefing_notebooks_hold_their_narrative_once_per_language():
    """Every markdown cell of a briefing is tagged lang-de or lang-en, and the two alternate
    with the same headings, so the English briefing has every section of the German one."""
    import jupytext

    for stem in briefing.BRIEFING_NOTEBOOKS:
        nb = jupytext.read(briefing.notebooks_dir() / f"{stem}.py")
        meta = nb.metadata["geoinnenstadt"]
        assert meta["title"]
        assert meta["title_en"]
        markdown = [c for c in nb.cells if c.cell_type == "markdown"]
        tags = [[t for t in c.metadata.get("tags", []) if t.startswith("lang-")] for c in markdown]
        assert tags == [["lang-de"], ["lang-en"]] * (len(markdown) // 2), stem
        for de_cell, en_cell in zip(markdown[::2], markdown[1::2], strict=True):
            levels = [re.findall(r"^(#+) ", c.source, flags=re.M) for c in (de_cell, en_cell)]
            assert levels[0] == levels[1], (stem, de_cell.source[:40])
            assert de_cell.source != en_cell.source


def test_german_briefings_show_no_raw_column_keys(built):
    """Tables showed "free_reserve_ha", "firm_reserve_ha", "reserve_free" and "hotspot_class"
    unlabelled (issue 11); the tutorial 00_einstieg shows code names on purpose."""
    found = {}
    for path in _html_files(built):
        if "00_einstieg" in path.name:
            continue
        visible = FILE_NAMES.sub(" ", page_texts(path.read_text(encoding="utf-8"), maps=False))
        keys = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", visible)
        if keys:
            found[path.name] = sorted(set(keys))
    assert not found, found


def test_own_data_tutorial_executes(tmp_path):
    """04_eigene_daten: ALKIS parcels, a geocoded address list and an OSM extract to a City."""
    result = briefing.build(
        [OWN_DATA], data="duesseldorf", out=tmp_path, progress=False, timeout=300
    )
    assert not result.failed, [str(e) for e in result.failed]
    assert [p.name.endswith("_04_eigene_daten.html") for p in _html_files(result)] == [True]


def test_own_data_tutorial_is_not_built_by_default():
    assert OWN_DATA not in briefing.BRIEFING_NOTEBOOKS


# --------------------------------------------------------------------------- issue 24


@pytest.mark.filterwarnings("ignore::geoinnenstadt.zones.OutsideZonesWarning")
@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize(
    ("lang", "expected", "repeated"),
    [
        (
            "de",
            "Alle 818 erhobenen Einheiten liegen außerhalb der Quartiere",
            "keine Einheiten erhoben",
        ),
        ("en", "All 818 units surveyed lie outside the quarters", "no units were surveyed"),
    ],
)
def test_all_units_outside_the_quarters_is_said_once_with_their_number(
    lang, expected, repeated, public
):
    city = gi.load_sample("dortmund")
    quarters = city.quarters.copy()
    quarters["geometry"] = quarters.translate(xoff=20_000)  # every unit now lies outside
    last = city.units[city.units["survey_date"] == city.units["survey_date"].max()]
    assert last["unit_id"].nunique() == 818  # oracle: the units of the latest survey
    assert not last.geometry.intersects(quarters.union_all()).any()
    figures = briefing.vacancy_key_figures(city.units, quarters)
    rates = gi.vacancy.rates(city.units, quarters, at=figures.attrs["at"])
    shown = briefing.publication_table(rates, lang=lang) if public else rates
    text = html.unescape(str(briefing.show_vacancy_text(shown, figures, lang=lang, display=False)))
    assert text.count(expected) == 1
    assert repeated not in text
    assert "weniger als" not in text
    assert "fewer than" not in text
    for name in quarters["name"]:
        assert name not in text  # no sentence per (empty) quarter


def test_the_progress_bars_name_the_current_notebook(tmp_path, monkeypatch, capsys) -> None:
    import importlib

    from geoinnenstadt import progress

    build_module = importlib.import_module("geoinnenstadt.briefing.build")

    source = (
        '# %% tags=["parameters"]\ndata = "dorsten"\nat = None\nlang = "de"\n'
        "offline = True\npublic = False\n\n# %%\nprint(data)\n"
    )
    notebooks = [tmp_path / "91_erstes.py", tmp_path / "92_zweites.py"]
    for nb in notebooks:
        nb.write_text(source, encoding="utf-8")
    bars: list = []
    real_bar, real_build_one = progress.bar, build_module.build_one

    def recording_bar(**kwargs):
        bars.append(real_bar(**kwargs))
        return bars[-1]

    seen: list[tuple[str, str, str]] = []  # (notebook, outer postfix, inner description)

    def spy_build_one(notebook, **kwargs):
        outer, inner = bars
        seen.append((notebook.stem, outer.postfix, inner.desc))
        return real_build_one(notebook, **kwargs)

    monkeypatch.setattr(progress, "bar", recording_bar)
    monkeypatch.setattr(build_module, "build_one", spy_build_one)
    result = gi.briefing.build(notebooks, data="dorsten", out=tmp_path / "out", progress=True)
    assert not result.failed, [str(e) for e in result.failed]
    assert "Briefings: 100%|" in capsys.readouterr().err
    assert seen == [
        ("91_erstes", "91_erstes", "91_erstes: "),  # tqdm shows "desc: "
        ("92_zweites", "92_zweites", "92_zweites: "),
    ]


# --------------------------------------------------------------------------- issue 19 (public footnote)


def _panel_units(counts: dict[str, int]) -> tuple[Any, Any]:
    """One 100 m quarter per entry with ``counts[q]`` occupied units, surveyed on 30.06.2025."""
    import geopandas as gpd
    from shapely.geometry import Point, box

    x0, y0 = 393_000.0, 5_708_000.0
    quarters = gpd.GeoDataFrame(
        {"quarter_id": list(counts), "name": [f"Quartier {q}" for q in counts]},
        geometry=[box(x0 + 200 * i, y0, x0 + 200 * i + 100, y0 + 100) for i in range(len(counts))],
        crs="EPSG:25832",
    )
    rows = [
        (f"{q}-{k}", Point(x0 + 200 * i + 10 + k, y0 + 50))
        for i, (q, n) in enumerate(counts.items())
        for k in range(n)
    ]
    units = gpd.GeoDataFrame(
        {
            "unit_id": [r[0] for r in rows],
            "survey_date": pd.Timestamp("2025-06-30"),
            "status": "occupied",
            "floor_area_m2": 100.0,
        },
        geometry=[r[1] for r in rows],
        crs="EPSG:25832",
    )
    return units, quarters


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {"A": 5, "B": 9},
            "Kein Quartier hat weniger als 3 Einheiten; es sind keine Werte gesperrt.",
        ),
        (
            {"A": 1},  # one primary, nothing else to protect it with
            "Die Werte eines Quartiers mit weniger als 3 Einheiten sind gesperrt („< 3“).",
        ),
        (
            {"A": 1, "B": 5, "C": 9},
            "Die Werte eines Quartiers mit weniger als 3 Einheiten sind gesperrt („< 3“). "
            "Damit sie nicht aus der Summe zurückgerechnet werden können, ist ein weiteres "
            "Quartier gesperrt.",
        ),
        (
            {"A": 1, "B": 2, "C": 9},  # two primary, no quarter left to protect them but C
            "Die Werte von 2 Quartieren mit weniger als 3 Einheiten sind gesperrt („< 3“). "
            "Damit sie nicht aus der Summe zurückgerechnet werden können, ist ein weiteres "
            "Quartier gesperrt.",
        ),
    ],
)
def test_public_footnote_states_how_many_quarters_were_withheld_and_why(
    counts: dict[str, int], expected: str
) -> None:
    """Issue 19: the footnote always said another quarter was withheld, even when none was."""
    import nbformat

    units, quarters = _panel_units(counts)
    panel = gi.vacancy.panel(units, quarters, min_count=3, hotspots=False)
    report = briefing.report_withheld(panel, display=False)
    # independent count: fewer than 3 units is primary; one more (the smallest other) if any
    primary = sum(n < 3 for n in counts.values())
    secondary = 1 if 0 < primary < len(counts) else 0
    assert report == {"primary": primary, "secondary": secondary, "min_count": 3}
    output = nbformat.v4.new_output(
        "display_data", data={"application/vnd.geoinnenstadt.withheld+json": report}
    )
    cell = nbformat.v4.new_code_cell("br.report_withheld(panel)", outputs=[output])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Kennzahlen"), cell])
    city = gi.City(quarters=quarters, units=units, meta={"name": "Teststadt"})
    page = briefing.render_page(
        nb, title="Leerstand", city=city, at=None, lang="de", public=True, notebook_name="01.py"
    )
    (footnote,) = re.findall(r'<p class="gi-public-note">(.*?)</p>', page, flags=re.S)
    general = "Veröffentlichungsfassung: Personenbezogene Angaben sind nicht enthalten."
    assert html.unescape(footnote) == f"{expected} {general}"
    assert "vnd.geoinnenstadt" not in page  # the report is for the page, not the reader
    if not secondary:
        assert "weitere" not in page
    # a briefing that reports nothing (land, pre-emption) claims nothing about quarters
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Flächen")])
    land = briefing.render_page(
        empty, title="Flächen", city=city, at=None, lang="de", public=True, notebook_name="02.py"
    )
    (footnote,) = re.findall(r'<p class="gi-public-note">(.*?)</p>', land, flags=re.S)
    assert html.unescape(footnote) == general
