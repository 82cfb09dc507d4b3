"""The land briefing states figures at the city's Stichtag (issue 9: take-up window, firm-held land).

The oracle is plain geopandas on the sample file, not the land module.
"""

from __future__ import annotations

import html
import re

import geopandas as gpd
import pandas as pd
import pytest

from geoinnenstadt import briefing
from geoinnenstadt.datasets import sample_path


@pytest.fixture(scope="module")
def land_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("land")
    result = briefing.build(["02_wirtschaftsflaechen"], data="dortmund", out=out, progress=False)
    assert not result.failed, result.failed
    return html.unescape(result.written[0].read_text(encoding="utf-8"))


def _sites() -> gpd.GeoDataFrame:
    sites = gpd.read_file(sample_path("dortmund"), layer="sites")
    assert sites.crs.to_epsg() == 25832
    return sites


def _de(x: float) -> str:
    return f"{x:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def test_take_up_window_ends_at_the_last_complete_year_before_the_stichtag(land_page: str) -> None:
    # the sample's Stichtag is 30.06.2025: the window is 2020–2024, never the partial 2025
    sites = _sites()
    taken = sites[sites["status"] == "taken_up"].copy()
    years = pd.to_datetime(taken["taken_up_on"]).dt.year
    ha = taken.geometry.area / 10_000
    mean = float(ha[(years >= 2020) & (years <= 2024)].sum() / 5)
    m = re.search(
        r"In den Jahren (\d{4})–(\d{4}) wurden im Mittel ([\d.,]+) ha pro Jahr", land_page
    )
    assert m, "take-up sentence missing"
    assert (m.group(1), m.group(2)) == ("2020", "2024")
    assert m.group(3) == _de(mean)


def test_firm_held_reserve_is_reported_beside_the_free_reserve(land_page: str) -> None:
    sites = _sites()
    available = sites[sites["status"] == "available"]
    ha = available.geometry.area / 10_000
    firm = available["owner_type"] == "firm_reserve"
    free = (available["restriction"] == "none") & ~firm
    m = re.search(
        r"Verfügbar sind ([\d.,]+) ha, davon ([\d.,]+) ha restriktionsfrei und frei vermarktbar; "
        r"([\d.,]+) ha sind betriebsgebundene Reserven",
        land_page,
    )
    assert m, "reserve sentence missing"
    assert m.groups() == (_de(ha.sum()), _de(ha[free].sum()), _de(ha[firm].sum()))
    assert "marketable_reserve_ha" not in land_page  # every column has a display label
    assert "firm_reserve_ha" not in land_page
