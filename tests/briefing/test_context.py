"""The land briefing names the district of each large site (issue 14, item 5).

Oracle: for each site, the district polygon with the largest intersection area, computed by hand
with shapely; never geoinnenstadt.context or geoinnenstadt.zones.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geoinnenstadt import briefing

X0, Y0 = 393_000.0, 5_708_000.0  # Dortmund, EPSG:25832
CRS = "EPSG:25832"

DISTRICTS = gpd.GeoDataFrame(
    {
        "context_id": ["B07", "B03", "B01"],
        "category": ["district", "district", "district"],
        "name": ["Innenstadt-Ost", "Innenstadt-West", "Hörde"],
    },
    geometry=[
        box(X0 + 1000, Y0, X0 + 3000, Y0 + 2000),
        box(X0, Y0, X0 + 1000, Y0 + 2000),
        box(X0, Y0 - 2000, X0 + 3000, Y0),
    ],
    crs=CRS,
)


def _context() -> gpd.GeoDataFrame:
    others = gpd.GeoDataFrame(
        {"context_id": ["C1", "L1"], "category": ["city_boundary", "landuse"],
         "name": ["Teststadt", "Hafen"], "landuse": [None, "GE"]},
        geometry=[box(X0, Y0 - 2000, X0 + 3000, Y0 + 2000), box(X0, Y0, X0 + 900, Y0 + 900)],
        crs=CRS,
    )  # fmt: skip
    return pd.concat([others, DISTRICTS], ignore_index=True)


def _sites() -> gpd.GeoDataFrame:
    """Four large available sites and a small one.

    S1 lies in Innenstadt-West; S2 straddles Innenstadt-West (40 %) and Innenstadt-Ost (60 %);
    S3 straddles Innenstadt-Ost (30 %) and Hörde (70 %); S4 is small; S5 lies outside the city.
    """
    return gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2", "S3", "S4", "S5"],
            "name": ["Westhafen", "Speicherstraße", "Phoenix-West", "Kleinfeld", "Außenfeld"],
            "status": ["available"] * 5,
            "restriction": ["none", "minor", "none", "none", "major"],
        },
        geometry=[
            box(X0 + 100, Y0 + 100, X0 + 400, Y0 + 300),  # 6 ha
            box(X0 + 880, Y0 + 500, X0 + 1180, Y0 + 700),  # 6 ha
            box(X0 + 1500, Y0 - 210, X0 + 1800, Y0 + 90),  # 9 ha
            box(X0 + 2000, Y0 + 1000, X0 + 2100, Y0 + 1100),  # 1 ha
            box(X0 + 4000, Y0, X0 + 4300, Y0 + 200),  # 6 ha
        ],
        crs=CRS,
    )


def _largest_overlap(site) -> str | None:
    shares = {row.name: site.intersection(row.geometry).area for row in DISTRICTS.itertuples()}
    best = max(shares, key=shares.get)
    return best if shares[best] > 0 else None


def test_large_sites_table_names_the_district_holding_most_of_each_site() -> None:
    sites = _sites()
    table = briefing.large_sites_table(sites, context=_context())
    expected = {
        row.site_id: _largest_overlap(row.geometry)
        for row in sites.itertuples()
        if row.geometry.area >= 50_000
    }
    assert expected == {
        "S1": "Innenstadt-West",
        "S2": "Innenstadt-Ost",
        "S3": "Hörde",
        "S5": None,
    }
    assert sorted(table.index) == sorted(expected)
    assert list(table.columns[:2]) == ["name", "district"]
    for site_id, district in expected.items():
        value = table.loc[site_id, "district"]
        assert pd.isna(value) if district is None else value == district, site_id


def test_without_context_or_districts_the_column_is_left_out() -> None:
    sites = _sites()
    plain = briefing.large_sites_table(sites)
    assert "district" not in plain.columns
    no_districts = _context()
    no_districts = no_districts[no_districts["category"] != "district"]
    assert "district" not in briefing.large_sites_table(sites, context=no_districts).columns
    with_context = briefing.large_sites_table(sites, context=_context())
    # the same sites and columns otherwise
    pd.testing.assert_frame_equal(with_context.drop(columns="district"), plain)


@pytest.mark.parametrize(("lang", "header"), [("de", "Stadtbezirk"), ("en", "District")])
def test_shown_table_has_a_district_header(lang: str, header: str) -> None:
    table = briefing.large_sites_table(_sites(), context=_context())
    html = str(briefing.show_table(table, lang=lang, display=False))
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert header in headers
    assert "Hörde" in html
    assert "Innenstadt-Ost" in html
    plain = str(briefing.show_table(briefing.large_sites_table(_sites()), lang=lang, display=False))
    assert header not in re.findall(r"<th[^>]*>([^<]*)</th>", plain)


def test_land_notebook_passes_the_city_context() -> None:
    source = briefing.notebooks_dir().joinpath("02_wirtschaftsflaechen.py").read_text("utf-8")
    assert "large_sites_table(panel=land, context=city.context)" in source


def _quadrants(sites: gpd.GeoDataFrame, split_x: float, split_y: float) -> gpd.GeoDataFrame:
    minx, miny, maxx, maxy = sites.total_bounds
    minx, miny, maxx, maxy = minx - 500, miny - 500, maxx + 500, maxy + 500
    return gpd.GeoDataFrame(
        {
            "context_id": ["NW", "NE", "SW", "SE"],
            "category": ["district"] * 4,
            "name": ["Nordwest", "Nordost", "Südwest", "Südost"],
        },
        geometry=[
            box(minx, split_y, split_x, maxy),
            box(split_x, split_y, maxx, maxy),
            box(minx, miny, split_x, split_y),
            box(split_x, miny, maxx, split_y),
        ],
        crs=sites.crs,
    )


def test_land_briefing_names_the_district_of_each_large_site(tmp_path) -> None:
    """The built page: each large site's district is the one holding most of it (shapely)."""
    import html as html_lib

    import geoinnenstadt as gi

    city = gi.load_sample("dortmund")
    sites = city.sites
    available = sites[(sites["status"] == "available") & (sites.geometry.area >= 50_000)]
    assert len(available) >= 3
    # the first district border runs through the largest site, 70 % of it west of the line
    largest = available.geometry.area.idxmax()
    x0, _y0, x1, _ = available.geometry[largest].bounds
    split_x = x0 + 0.7 * (x1 - x0)
    split_y = float(available.geometry.centroid.y.median())
    districts = _quadrants(sites, split_x, split_y)
    city.context = districts
    path = gi.io.write_city(city, tmp_path / "mit_bezirken.gpkg")

    result = briefing.build(
        ["02_wirtschaftsflaechen"], data=str(path), out=tmp_path / "out", progress=False
    )
    assert not result.failed, result.failed
    page = html_lib.unescape(result.written[0].read_text(encoding="utf-8"))
    caption = gi.labels.text("briefing.caption_large_sites", "de", min_ha=5)
    table = page[page.index(caption) :].split("</table>")[0]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table.split("</thead>")[0])
    assert "Stadtbezirk" in headers
    rows = re.findall(r"<tr>\s*<th[^>]*>([^<]*)</th>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    assert rows
    column = headers.index("Stadtbezirk") - 1  # the first header names the index
    for site_id, cells in rows:
        geometry = sites.loc[sites["site_id"] == site_id].geometry.iloc[0]
        areas = {d.name: geometry.intersection(d.geometry).area for d in districts.itertuples()}
        expected = max(areas, key=areas.get)
        assert re.findall(r"<td[^>]*>([^<]*)</td>", cells)[column] == expected, site_id
    straddling = sites.loc[largest, "site_id"]
    assert straddling in [r[0] for r in rows]
