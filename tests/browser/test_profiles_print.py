"""The quarter-profile briefing printed as a person prints it (Chromium, A4, pdftoppm).

One title page, then one page per quarter: the quarter's name heads its page, the section
fits the A4 content box, and every chart box has ink on the paper (the locator map shows
the highlighted quarter). The figures themselves are checked in
``tests/briefing/test_profiles.py``.
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

NOTEBOOK = "05_quartiersprofile"


@pytest.fixture(scope="module")
def dortmund() -> gi.City:
    return gi.load_sample("dortmund")


@pytest.fixture(scope="module")
def page(profiles_page: Path) -> Path:
    return profiles_page


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (as .ci/run does)")
    return path


#: A4 content width and height at 96 CSS px per inch (210 − 2 × 12 mm, 297 − 2 × 12 mm).
CONTENT_W, CONTENT_H = 186 / 25.4 * 96, 273 / 25.4 * 96
MARGIN = 12 / 25.4 * 96
DPI = 60

_BOXES_JS = """() => Array.from(document.querySelectorAll('section.gi-quarter-profile')).map(s => {
    const top = s.getBoundingClientRect().top, left = document.querySelector('main')
        .getBoundingClientRect().left;
    return {id: s.dataset.quarterId, height: s.getBoundingClientRect().height,
            images: Array.from(s.querySelectorAll('img.gi-chart')).map(i => {
                const r = i.getBoundingClientRect();
                return {cls: i.parentElement.className, x: r.left - left, y: r.top - top,
                        w: r.width, h: r.height};
            })};
})"""


@pytest.mark.browser
def test_one_quarter_per_a4_page_with_its_charts_on_the_paper(
    browser: Any, page: Path, tmp_path: Path, dortmund: gi.City
) -> None:
    context = browser.new_context(
        viewport={"width": round(CONTENT_W), "height": 1000}, device_scale_factor=1
    )
    try:
        tab = context.new_page()
        tab.goto(page.as_uri())
        tab.wait_for_load_state("load")
        tab.emulate_media(media="print")
        boxes = tab.evaluate(_BOXES_JS)
        pdf = tmp_path / "profiles.pdf"
        pdf.write_bytes(tab.pdf(format="A4", prefer_css_page_size=True, print_background=False))
    finally:
        context.close()
    subprocess.run([_tool("pdftoppm"), "-r", str(DPI), "-png", str(pdf), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    pngs = sorted(tmp_path.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    names = dortmund.quarters["name"].tolist()
    # the title page (title block, note, contents, overview), then one page per quarter
    assert len(pngs) == 1 + len(names)
    for k, name in enumerate(names):
        words = subprocess.run(
            [_tool("pdftotext"), "-f", str(k + 2), "-l", str(k + 2), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout.replace("\xad", "")  # fmt: skip
        assert words.lstrip().startswith(name), (k, words[:80])
        for other in names:
            if other != name and other not in name:
                assert f"{other}\n" not in words.split("Lage im Stadtgebiet")[0], (name, other)
    scale = DPI / 96
    for k, box in enumerate(boxes):
        assert box["height"] <= CONTENT_H, box["id"]  # the section fits its page
        with Image.open(pngs[k + 1]) as im:
            raster = np.asarray(im.convert("RGB")).astype(int)
        assert len(box["images"]) >= 3
        for image in box["images"]:
            x0 = round((MARGIN + image["x"]) * scale) + 2
            y0 = round((MARGIN + image["y"]) * scale) + 2
            x1 = round((MARGIN + image["x"] + image["w"]) * scale) - 2
            y1 = round((MARGIN + image["y"] + image["h"]) * scale) - 2
            assert y1 <= raster.shape[0], (box["id"], image)
            assert x1 <= raster.shape[1], (box["id"], image)
            area = raster[y0:y1, x0:x1]
            inked = (area.min(axis=2) < 200).mean()
            assert inked > 0.02, (box["id"], image["cls"], inked)
            if "gi-profile-locator" in image["cls"]:
                # the highlighted quarter: the chart bar colour (#3a6f8f) fills part of the map
                blue = (
                    (np.abs(area[..., 0] - 0x3A) < 25)
                    & (np.abs(area[..., 1] - 0x6F) < 25)
                    & (np.abs(area[..., 2] - 0x8F) < 25)
                )
                assert blue.mean() > 0.01, (box["id"], blue.mean())
