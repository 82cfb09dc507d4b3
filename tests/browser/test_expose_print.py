"""The exposé opened and printed as a person does it (Chromium from file://, A4, pdftoppm).

The page makes no network request, and printed it is exactly one A4 page with the locator
map on the paper. The figures on the page are checked in ``tests/test_expose.py``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import geoinnenstadt as gi

#: A4 content width at 96 CSS px per inch (210 − 2 × 12 mm) and the page margin.
CONTENT_W = 186 / 25.4 * 96
MARGIN = 12 / 25.4 * 96
DPI = 60


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (as .ci/run does)")
    return path


@pytest.fixture(scope="module")
def exposes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    city = gi.load_sample("dortmund")
    folder = tmp_path_factory.mktemp("expose")
    return {
        # six requests; nine requests with their contacts (the longest page)
        "DO-0192": gi.matching.expose(city, "DO-0192", folder / "a.html"),
        "DO-0527": gi.matching.expose(city, "DO-0527", folder / "b.html", personal=True),
    }


_LOCATOR_JS = """() => { const r = document.querySelector('.gi-expose-locator img')
    .getBoundingClientRect(); const m = document.querySelector('body').getBoundingClientRect();
    return {x: r.left - m.left, y: r.top - m.top, w: r.width, h: r.height}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("unit", ["DO-0192", "DO-0527"])
def test_offline_and_one_a4_page_with_the_locator_on_it(
    browser: Any, exposes: dict[str, Path], unit: str, tmp_path: Path
) -> None:
    page = exposes[unit]
    context = browser.new_context(
        viewport={"width": round(CONTENT_W), "height": 1000}, device_scale_factor=1
    )
    requests: list[str] = []
    try:
        tab = context.new_page()
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(page.as_uri())
        tab.wait_for_load_state("load")
        assert tab.evaluate("document.images.length") >= 2
        assert tab.evaluate("Array.from(document.images).every(i => i.naturalWidth > 0)")
        tab.emulate_media(media="print")
        box = tab.evaluate(_LOCATOR_JS)
        pdf = tmp_path / "expose.pdf"
        pdf.write_bytes(tab.pdf(format="A4", prefer_css_page_size=True, print_background=False))
    finally:
        context.close()
    # nothing but the page itself and its embedded images
    assert [u for u in requests if not u.startswith("data:")] == [page.as_uri()]
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           1\n" in info.stdout
    assert "A4" in info.stdout or "595.92 x 842.88" in info.stdout or "595 x 842" in info.stdout
    subprocess.run([_tool("pdftoppm"), "-r", str(DPI), "-png", str(pdf), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 1
    with Image.open(pngs[0]) as im:
        raster = np.asarray(im.convert("RGB")).astype(int)
    scale = DPI / 96
    x0 = round((MARGIN + box["x"]) * scale) + 2
    y0 = round((MARGIN + box["y"]) * scale) + 2
    x1 = round((MARGIN + box["x"] + box["w"]) * scale) - 2
    y1 = round((MARGIN + box["y"] + box["h"]) * scale) - 2
    assert x1 - x0 > 40, box
    assert y1 - y0 > 40, box
    assert y1 <= raster.shape[0], box
    assert x1 <= raster.shape[1], box
    area = raster[y0:y1, x0:x1]
    assert (area.min(axis=2) < 200).mean() > 0.05  # quarters drawn
    # the unit's quarter is filled in the chart bar colour (#3a6f8f)
    blue = (
        (np.abs(area[..., 0] - 0x3A) < 25)
        & (np.abs(area[..., 1] - 0x6F) < 25)
        & (np.abs(area[..., 2] - 0x8F) < 25)
    )
    assert blue.mean() > 0.01, blue.mean()
    words = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert unit in words
    assert "Beispieldaten (synthetisch)" in words
