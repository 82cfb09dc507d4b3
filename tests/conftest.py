"""Shared, generic fixtures: tiny hand-built layers in the working CRS (EPSG:25832).

The layers lie in Dortmund's city centre. Helpers add their own fixtures in
their own test files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from helpers.browser import CHROMIUM, SharedBrowser
from shapely.geometry import Point, box

#: Debian's chromium (never a downloaded browser build); .ci/run installs it.


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium driven by Playwright, shared by all browser tests.

    A missing browser fails the tests (it never skips them): install it with
    ``apt-get install chromium`` (``.ci/run`` does).
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (as .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        shared = SharedBrowser(pw)
        yield shared
        if shared.current.is_connected():
            shared.current.close()


@pytest.fixture(autouse=True)
def _shared_browser_stays_open(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that closes the session ``browser`` fails; the tests after it get a new one.

    Each test opens its own context or page (``browser.new_context()``,
    ``browser.new_page()``) and closes only that.
    """
    if "browser" not in request.fixturenames:
        yield
        return
    shared = request.getfixturevalue("browser")
    yield
    if not shared.current.is_connected():
        pytest.fail(
            f"{request.node.nodeid} closed the shared session browser (conftest.py): "
            "close only the context or page the test opened; the next test gets a new browser"
        )


#: Lower-left corner of the fixtures, in EPSG:25832 (Dortmund, near the Alter Markt).
X0, Y0 = 393_000.0, 5_707_500.0


@pytest.fixture
def quarters_gdf() -> gpd.GeoDataFrame:
    """Two adjacent 200 m × 100 m quarters, Q1 (west) and Q2 (east)."""
    return gpd.GeoDataFrame(
        {
            "quarter_id": ["Q1", "Q2"],
            "name": ["Brückviertel", "Königsviertel"],
        },
        geometry=[box(X0, Y0, X0 + 200, Y0 + 100), box(X0 + 200, Y0, X0 + 400, Y0 + 100)],
        crs="EPSG:25832",
    )


@pytest.fixture
def units_gdf() -> gpd.GeoDataFrame:
    """Three units surveyed on 2025-06-30 (one vacant since 2024-02-01), all inside the quarters."""
    return gpd.GeoDataFrame(
        {
            "unit_id": ["E1", "E2", "E3"],
            "survey_date": pd.to_datetime(["2025-06-30"] * 3),
            "status": ["occupied", "vacant", "occupied"],
            "floor_area_m2": [120.5, 80.0, 45.25],
            "vacant_since": pd.to_datetime([None, "2024-02-01", None]),
            "address": ["Königsallee 1", "Brückstraße 7", "Düsseldorfer Straße 3"],
        },
        geometry=[Point(X0 + 50, Y0 + 50), Point(X0 + 150, Y0 + 20), Point(X0 + 300, Y0 + 80)],
        crs="EPSG:25832",
    )


@pytest.fixture
def map_layers() -> Any:
    """``map_layers(html)``: the display columns of every layer of a map page, by layer key."""
    from helpers.maps import column, data_blocks

    def read(html: str) -> dict[str, dict[str, list]]:
        return {
            key: {name: column(block, name) for name in block["columns"]}
            for key, block in data_blocks(html).items()
        }

    return read


@pytest.fixture
def call_counter(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``count(modules, names)``: wrap each named function of each module with a counter.

    Returns the dict of calls by name that the wrappers fill (undone after the test):
    a test proves that some code computes nothing by checking it stays empty.
    """

    def count(modules: list[Any], names: list[str]) -> dict[str, int]:
        calls: dict[str, int] = {}
        missing = [n for n in names if not any(hasattr(m, n) for m in modules)]
        assert not missing, f"no module has {missing}: a spy on a renamed function sees nothing"
        for module in modules:
            for name in names:
                if not hasattr(module, name):
                    continue
                real = getattr(module, name)

                def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
                    calls[_name] = calls.get(_name, 0) + 1
                    return _real(*args, **kwargs)

                monkeypatch.setattr(module, name, spy)
        return calls

    return count


@pytest.fixture(scope="session")
def profiles_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Dortmund quarter-profile briefing (notebook 05), built once for the whole run.

    Read by ``tests/briefing/test_profiles.py`` (the figures) and
    ``tests/browser/test_profiles_print.py`` (the printed pages).
    """
    from geoinnenstadt import briefing

    out = tmp_path_factory.mktemp("profiles")
    result = briefing.build(
        ["05_quartiersprofile"], data="dortmund", out=out, progress=False, timeout=600
    )
    assert not result.failed, [str(e) for e in result.failed]
    (path,) = [p for p in result.written if p.name != "index.html"]
    assert path.name == "dortmund_05_quartiersprofile.html"
    return path
