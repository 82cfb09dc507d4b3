"""Maps displayed in a Jupyter notebook open offline: executed with nbclient, opened in Chromium.

A notebook whose cells display every map kind (vacancy, land, pre-emption,
one composed with ``m=``, one with plain folium calls added) is executed in
a real kernel. Its saved outputs must not link any script or stylesheet on
the internet; exported to HTML with nbconvert and opened in the Debian
Chromium through Playwright it makes no network request, logs no error and
draws every map (``window.__gi.renderedAt`` inside each map frame).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from geoinnenstadt import assets

SETUP = """\
import folium
import geoinnenstadt as gi
city = gi.load_sample("duesseldorf")
"""

#: cell source -> what it shows
MAP_CELLS = {
    "vacancy": "gi.maps.vacancy_map(city)",
    "land": "gi.maps.land_map(city, distance_classes=True)",
    "preemption": "gi.maps.preemption_map(city)",
    "composed": "gi.maps.preemption_map(city, m=gi.maps.land_map(city))",
    "plain_folium": """\
m = gi.maps.vacancy_map(city, hotspots=False)
folium.Marker([51.2277, 6.7735], popup="Rathaus").add_to(m)
folium.CircleMarker([51.2250, 6.7800], radius=8, tooltip="Kreis").add_to(m)
folium.GeoJson({"type": "Feature", "properties": {},
                "geometry": {"type": "Point", "coordinates": [6.78, 51.23]}}).add_to(m)
folium.TileLayer("OpenStreetMap").add_to(m)  # dropped offline: tiles need the internet
m""",
}

# a script or stylesheet loaded from the internet, in the output or in a srcdoc (escaped)
_REMOTE_ASSET = re.compile(
    r"""<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE
)


def _remote_assets(markup: str) -> list[str]:
    """Remote script/stylesheet references in ``markup`` and in every document nested in it."""
    found = []
    text = markup
    for _ in range(3):  # the page, the srcdoc inside it, a srcdoc inside that
        found += [m.group(0) for m in _REMOTE_ASSET.finditer(text)]
        found += [
            u
            for u in assets.external_references(text)
            if u.lower().startswith(("http:", "https:", "//"))
        ]
        text = html.unescape(text)
    return found


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(SETUP)]
    for key, source in MAP_CELLS.items():
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"gi_map": key}))
    workdir = tmp_path_factory.mktemp("nb")
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    ).execute()
    nbformat.write(nb, workdir / "maps.ipynb")
    return nb


def _map_outputs(nb: Any) -> dict[str, str]:
    out = {}
    for cell in nb.cells:
        key = cell.metadata.get("gi_map")
        if key is None:
            continue
        htmls = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        assert len(htmls) == 1, f"cell {key!r} shows {len(htmls)} HTML outputs: {cell.outputs}"
        out[key] = htmls[0]
    return out


def test_every_map_kind_is_displayed_inline_with_leaflet(executed: Any) -> None:
    outputs = _map_outputs(executed)
    assert sorted(outputs) == sorted(MAP_CELLS)
    for key, markup in outputs.items():
        assert markup.count("<iframe") == 1, key
        doc = html.unescape(re.search(r'srcdoc="([^"]*)"', markup).group(1))
        assert doc.startswith("<!DOCTYPE html>"), key
        assert 't.version="1.9.4"' in doc, f"{key}: Leaflet is not inlined"
        assert "window.__gi" in doc, key


def test_saved_outputs_link_no_script_or_stylesheet_on_the_internet(executed: Any) -> None:
    outputs = _map_outputs(executed)
    for key, markup in outputs.items():
        assert _remote_assets(markup) == [], key
    # and nothing anywhere in the saved notebook
    assert _remote_assets(nbformat.writes(executed)) == []
    # the plain folium tile layer was dropped for display, not removed from the map
    assert "tile.openstreetmap.org" not in html.unescape(outputs["plain_folium"])


def test_composed_and_plain_folium_maps_keep_their_layers(executed: Any) -> None:
    outputs = {k: html.unescape(v) for k, v in _map_outputs(executed).items()}
    composed = outputs["composed"]
    assert '"preempted_parcels"' in composed  # layers of both maps
    assert '"sites"' in composed
    plain = outputs["plain_folium"]
    assert "L.marker(" in plain
    assert "L.circleMarker(" in plain
    assert "Rathaus" in plain
    assert "data:image/png;base64," in plain  # the default marker icon is embedded


# --- the exported notebook in Chromium ------------------------------------------------------

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


@pytest.fixture(scope="module")
def exported(executed: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The executed notebook as HTML (nbconvert's lab template without its own CDN scripts)."""
    from nbconvert import HTMLExporter

    base = tmp_path_factory.mktemp("tpl")
    (base / "gi_offline").mkdir()
    (base / "gi_offline" / "conf.json").write_text('{"base_template": "lab"}', encoding="utf-8")
    (base / "gi_offline" / "index.html.j2").write_text(_TEMPLATE, encoding="utf-8")
    exporter = HTMLExporter(template_name="gi_offline", extra_template_basedirs=[str(base)])
    body, _ = exporter.from_notebook_node(executed)
    assert _remote_assets(body) == []
    path = base / "maps.html"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.browser
def test_exported_notebook_draws_every_map_without_network(exported: Path, browser: Any) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # shared browser: conftest.py
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.on(
            "console",
            lambda m: errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        url = exported.resolve().as_uri()
        page.goto(url)
        page.wait_for_load_state("load")
        frames = [f for f in page.frames if f is not page.main_frame]
        assert len(frames) == len(MAP_CELLS)
        for frame in frames:
            # Chromium does not paint frames outside the viewport: scroll as a reader would
            frame.frame_element().scroll_into_view_if_needed()
            frame.wait_for_function(
                "window.__gi && window.__gi.renderedAt !== null", timeout=60_000
            )
            drawn = frame.evaluate(
                "document.querySelectorAll('.leaflet-pane .leaflet-overlay-pane canvas,"
                " .leaflet-overlay-pane svg path').length"
            )
            assert drawn > 0
        plain = frames[-1]
        # the marker and the GeoJSON point, with the embedded default icon (district names
        # of the context are marker icons too, with their own class)
        icons = ".leaflet-marker-icon:not(.gi-context-label)"
        assert plain.evaluate(f"document.querySelectorAll('{icons}').length") == 2
        # folium's own popup (built with jQuery's $ in folium) opens without jQuery
        plain.evaluate(f"document.querySelector('{icons}').click()")
        plain.wait_for_selector(".leaflet-popup-content")
        assert plain.inner_text(".leaflet-popup-content") == "Rathaus"
    finally:
        page.close()  # the page's own context; the shared browser stays open (conftest.py)
    remote = [r for r in requests if not r.startswith(("data:", "about:", url))]
    assert remote == [], remote
    assert errors == []


def test_settings_offline_false_uses_cdn_and_tiles(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.maps import make_city

    import geoinnenstadt as gi

    m = gi.maps.vacancy_map(make_city(), hotspots=False)
    offline = html.unescape(m._repr_html_())
    assert assets.external_references(offline) == []
    monkeypatch.setattr(gi.settings, "offline", False)
    online = html.unescape(m._repr_html_())
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in online
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in online
    # save_html and to_html follow the setting when offline= is not given
    assert "tile.openstreetmap.org" in gi.maps.to_html(m)
    assert "tile.openstreetmap.org" not in gi.maps.to_html(m, offline=True)
