"""A briefing page scrolls only downwards: at a 1,400 × 900 window and at A4 print width.

The vacancy briefing of the Dortmund sample (its quarter table has eleven columns) is built
once, opened in Chromium at 1,400 × 900 (screen) and at 794 px (the width of A4 at 96 dpi,
print media emulated), and measured with ``getBoundingClientRect``: the document is no wider
than the window, and every table lies inside the element that holds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geoinnenstadt import briefing

pytestmark = [pytest.mark.browser]  # the browser fixture is in conftest.py

_TABLES_JS = """() => Array.from(document.querySelectorAll('table')).map(t => {
    const r = t.getBoundingClientRect(), p = t.parentElement.getBoundingClientRect();
    return {left: r.left, right: r.right, parentLeft: p.left, parentRight: p.right,
            columns: t.rows[0] ? t.rows[0].cells.length : 0};
})"""


@pytest.fixture(scope="module")
def vacancy_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout_briefing")
    result = briefing.build(["01_leerstand_city"], data="dortmund", out=out, progress=False)
    assert not result.failed, [str(e) for e in result.failed]
    return next(p for p in result.written if p.name != "index.html")


@pytest.mark.parametrize(
    ("width", "media"), [(1400, "screen"), (794, "print")], ids=["window-1400", "a4-print"]
)
def test_briefing_page_has_no_horizontal_scrolling(
    browser: Any, vacancy_briefing: Path, width: int, media: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.emulate_media(media=media)
        page.goto(vacancy_briefing.as_uri())
        page.wait_for_load_state("load")
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        tables = page.evaluate(_TABLES_JS)
    finally:
        context.close()
    assert client == width
    assert scroll <= client
    # the quarter table: id, name and the nine figures of vacancy.rates (no column dropped)
    assert max(t["columns"] for t in tables) == 11
    for t in tables:
        assert t["left"] >= t["parentLeft"] - 0.5, t
        assert t["right"] <= t["parentRight"] + 0.5, t
