"""Tests of gi.land.panel: figures computed once, immutable, shown alike by every output.

The sites are rectangles of known size in a row (100 m × 100 m = 1 ha); every expected
value below is hand arithmetic on them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import warnings
from pathlib import Path

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

import geoinnenstadt as gi
from geoinnenstadt import briefing
from geoinnenstadt.errors import GeoinnenstadtWarning

X0, Y0 = 390_000.0, 5_710_000.0
CRS = "EPSG:25832"
PACKAGE = Path(gi.__file__).resolve().parent


def rect(x: float, y: float, w: float, h: float):
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def make_sites() -> gpd.GeoDataFrame:
    rows = [
        # site_id, status, restriction, taken_up_on, geometry (hectares in the comment)
        ("S1", "available", "none", None, rect(0, 0, 100, 100)),  # 1
        ("S2", "available", "minor", None, rect(1000, 0, 200, 100)),  # 2
        ("S3", "taken_up", "none", "2023-05-01", rect(2000, 0, 300, 100)),  # 3
        ("S4", "taken_up", "major", "2024-09-30", rect(3000, 0, 400, 100)),  # 4
        ("S5", "reserved", "none", None, rect(4000, 0, 100, 50)),  # 0.5
    ]
    df = pd.DataFrame(rows, columns=["site_id", "status", "restriction", "taken_up_on", "geometry"])
    df["taken_up_on"] = pd.to_datetime(df["taken_up_on"])
    df["name"] = ["Nord", "Ost", "Hafen", "Süd", "West"]
    return gpd.GeoDataFrame(df, geometry="geometry", crs=CRS)


def make_city() -> gi.City:
    zones = gpd.GeoDataFrame(
        {"zone_id": ["Z1"], "name": ["Kernzone Nord"], "category": ["A"]},
        geometry=[rect(-10, -10, 120, 120)],  # holds S1 wholly, nothing else
        crs=CRS,
    )
    residential = gpd.GeoDataFrame(
        {"area_id": ["W1"], "use": ["residential"], "name": ["Wohnen"]},
        geometry=[rect(0, 250, 100, 100)],  # 150 m north of S1
        crs=CRS,
    )
    return gi.City(
        sites=make_sites(),
        core_zones=zones,
        residential=residential,
        meta={"name": "Teststadt", "as_of": "2025-06-30", "synthetic": True},
    )


@pytest.fixture
def city() -> gi.City:
    return make_city()


@pytest.fixture
def panel(city: gi.City) -> gi.land.LandPanel:
    return gi.land.panel(city, min_ha=1)


# --------------------------------------------------------------------------- exact values


def test_areas_and_statuses_as_recorded(panel: gi.land.LandPanel) -> None:
    assert panel.at is None
    assert panel.reference_date == pd.Timestamp("2025-06-30")  # the City's Stichtag
    assert panel.area_ha.round(9).tolist() == [1.0, 2.0, 3.0, 4.0, 0.5]
    assert panel.status.tolist() == ["available", "available", "taken_up", "taken_up", "reserved"]


def test_reserves_take_up_and_years_of_supply(panel: gi.land.LandPanel) -> None:
    r = panel.reserves("restriction")
    assert r.loc["none", "reserve_ha"] == pytest.approx(1.0)
    assert r.loc["minor", "reserve_ha"] == pytest.approx(2.0)
    assert r.loc["major", "reserve_ha"] == pytest.approx(0.0)
    assert r.loc["total", "reserve_ha"] == pytest.approx(3.0)
    assert panel.reserves("core_zone").loc["Z1", "reserve_ha"] == pytest.approx(1.0)
    t = panel.take_up_by_year
    assert t.index.tolist() == [2023, 2024, 2025]
    assert t["take_up_ha"].round(9).tolist() == [3.0, 4.0, 0.0]
    assert t["partial"].tolist() == [False, False, True]  # 30.06.2025 does not complete 2025
    assert panel.take_up.round(9).tolist() == [3.0, 4.0, 0.0]
    obs = panel.years_of_supply.loc["observed"]
    # window 2020–2024 (last complete year 2024): Ī = (3 + 4) / 5 = 1.4 ha per year
    assert (int(obs["window_start"]), int(obs["window_end"])) == (2020, 2024)
    assert obs["demand_ha_per_year"] == pytest.approx(1.4)
    assert obs["restriction_free_reserve_ha"] == pytest.approx(1.0)  # R₀: S1 only
    assert obs["years_net"] == pytest.approx(1.0 / 1.4)
    assert obs["years_gross"] == pytest.approx(3.0 / 1.4)


def test_supply_timeline_statuses_at_year_ends(panel: gi.land.LandPanel) -> None:
    tl = panel.timeline
    assert tl.index.tolist() == [2023, 2024, 2025]
    assert tl["end"].tolist() == [
        pd.Timestamp("2023-12-31"),
        pd.Timestamp("2024-12-31"),
        pd.Timestamp("2025-06-30"),  # the year not complete ends on the reference date
    ]
    st = panel.timeline_status
    # S4 is taken up on 30.09.2024: still a reserve at the end of 2023
    assert st[2023].tolist() == ["available", "available", "taken_up", "available", "reserved"]
    assert st[2024].tolist() == ["available", "available", "taken_up", "taken_up", "reserved"]
    assert st[2025].tolist() == st[2024].tolist()


def test_status_at_a_date_and_the_reference_date(city: gi.City) -> None:
    p = gi.land.panel(city, at="01.01.2024")
    assert p.at == pd.Timestamp("2024-01-01")
    assert p.status.tolist() == ["available", "available", "taken_up", "available", "reserved"]
    assert p.reserves().loc["total", "reserve_ha"] == pytest.approx(7.0)  # 1 + 2 + 4
    assert p.take_up.round(9).tolist() == [3.0, 0.0]  # 2024 (partial): S4 not yet taken up
    obs = p.years_of_supply.loc["observed"]
    assert (int(obs["window_start"]), int(obs["window_end"])) == (2019, 2023)
    assert obs["demand_ha_per_year"] == pytest.approx(3.0 / 5)


def test_core_zone_share_and_distance_classes(panel: gi.land.LandPanel) -> None:
    share = panel.core_zone_share
    assert share is not None
    assert share.loc["reserve", "total_ha"] == pytest.approx(3.0)
    assert share.loc["reserve", "inside_ha"] == pytest.approx(1.0)
    assert share.loc["reserve", "share_inside"] == pytest.approx(1 / 3)
    dc = panel.distance_classes
    assert dc is not None
    assert dc.index.tolist() == ["S1", "S2"]  # the available sites
    # S1: 150 m straight north; S2: 900 m east and 150 m north of the housing
    assert dc["distance_m"].tolist() == pytest.approx([150.0, float(np.hypot(900, 150))])
    assert dc["strictest_admissible"].tolist() == ["VII", "III"]
    assert panel.buffers is not None  # residential given: the rings come too


def test_without_optional_layers(city: gi.City) -> None:
    p = gi.land.panel(city.sites, at="2025-06-30")
    assert p.core_zone_share is None
    assert p.distance_classes is None
    assert p.buffers is None
    with pytest.raises(ValueError, match="by 'restriction', 'size_class', not by 'core_zone'"):
        p.reserves("core_zone")
    bare = gi.land.panel(city.sites)  # no at, no City: no take-up window, and no guessing
    with pytest.raises(ValueError, match="no reference date"):
        _ = bare.years_of_supply


# --------------------------------------------------------------------------- immutability


def test_panel_is_immutable(panel: gi.land.LandPanel) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        panel.at = pd.Timestamp("2020-01-01")  # type: ignore[misc]
    status = panel.status
    status.iloc[:] = "taken_up"
    table = panel.reserves()
    table.loc["total", "reserve_ha"] = -1.0
    sites = panel.sites
    sites.loc[:, "status"] = "reserved"
    tl = panel.timeline_status
    tl.iloc[:, :] = "x"
    assert panel.status.tolist()[:2] == ["available", "available"]
    assert panel.reserves().loc["total", "reserve_ha"] == pytest.approx(3.0)
    assert panel.sites["status"].tolist()[0] == "available"
    assert panel.timeline_status[2023].tolist()[0] == "available"


def test_warnings_come_once(city: gi.City) -> None:
    sites = city.sites.copy()
    sites.loc[2, "taken_up_on"] = pd.NaT  # S3 taken up without a date
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gi.land.panel(sites, at="2025-06-30")
    texts = [str(w.message) for w in caught if issubclass(w.category, GeoinnenstadtWarning)]
    assert texts, "the undated site is named"
    assert all("S3" in t for t in texts)
    assert len(texts) == len(set(texts))  # each distinct warning once, not once per call


# --------------------------------------------------------------------------- one panel, same figures


def legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_map_print_map_and_tables_show_the_same_figures(city: gi.City, map_layers) -> None:
    p = gi.land.panel(city, at="01.01.2024", min_ha=1)
    html = gi.maps.to_html(gi.maps.land_map(city, panel=p, lang="de"))
    sites = map_layers(html)["sites"]
    assert sites["id"] == ["S1", "S2", "S3", "S4", "S5"]
    # hand areas: 1, 2, 3, 4, 0.5 ha
    assert sites["area"] == ["1,00 ha", "2,00 ha", "3,00 ha", "4,00 ha", "0,50 ha"]
    fig = gi.plots.land_plot(city, panel=p, lang="de")
    legend = " | ".join(legend_texts(fig))
    plt.close(fig)
    # at 01.01.2024 the reserve is S1 (none, 1 ha), S2 (minor, 2 ha), S4 (major, 4 ha)
    assert "restriktionsfrei (1,0 ha)" in legend
    assert "leichte Restriktionen (2,0 ha)" in legend
    assert "schwere Restriktionen (4,0 ha)" in legend
    assert "(3,0 ha)" in legend  # S3, taken up in 2023
    table = briefing.large_sites_table(panel=p)
    assert table.index.tolist() == ["S4", "S2", "S1"]
    assert table["area_ha"].round(9).tolist() == [4.0, 2.0, 1.0]
    # the map's take-up boxes per year: 3 ha in 2023, nothing yet in 2024 (partial)
    assert "3,00 ha" in html
    share = str(briefing.show_core_zone_share(city, panel=p, lang="de", display=False))
    # reserve 1 + 2 + 4 = 7 ha, of it S1 (1 ha) inside the core zone: 1/7 = 14,3 %
    cells = r"\s*".join(f"<td[^>]*>{v}</td>" for v in ("7,0", "1,0", "6,0", "14,3 %"))
    assert re.search(r"<th[^>]*>Flächenreserve</th>\s*" + cells, share)
    conflicts = str(briefing.show_conflicts(city, panel=p, lang="de", display=False))
    # S1 150 m (VII), S2 912 m (III), S4 2 900 m (I) from the housing
    rows = dict(
        re.findall(r"<th[^>]*>([IV]+|keine zulässig)</th>\s*<td[^>]*>(\d+)</td>", conflicts)
    )
    assert rows == {
        "I": "1", "II": "0", "III": "1", "IV": "0", "V": "0", "VI": "0", "VII": "1",
        "keine zulässig": "0",
    }  # fmt: skip


def test_outputs_compute_nothing_again(city: gi.City, call_counter) -> None:
    p = gi.land.panel(city, min_ha=1, buffers=True)
    modules = [gi.land, gi.land._base, gi.land._reserves, gi.land._supply, gi.land.result]
    names = [
        "prepare_sites", "site_areas", "status_at", "reserves", "take_up", "take_up_by_year",
        "years_of_supply", "large_sites", "core_zone_share",
    ]  # fmt: skip
    calls = call_counter(modules, names)
    calls_c = call_counter([gi.conflicts], ["distance_classes", "buffers"])

    gi.maps.to_html(gi.maps.land_map(city, panel=p, distance_classes=True))
    plt.close(gi.plots.land_plot(city, panel=p))
    plt.close(gi.plots.take_up_plot(p))
    briefing.large_sites_table(panel=p)
    briefing.show_core_zone_share(city, panel=p, display=False)
    briefing.show_conflicts(city, panel=p, display=False)
    briefing.show_land_text(None, panel=p, display=False)
    assert calls == {}
    assert calls_c == {}
    gi.land.panel(city)  # the spies do see a computation
    assert calls["prepare_sites"] > 0
    assert calls_c["distance_classes"] == 1


def test_a_panel_and_conflicting_options_are_refused(city: gi.City) -> None:
    p = gi.land.panel(city, at="31.12.2024", min_ha=1)
    msg = r"at=31\.12\.2024, the call asks for at=30\.06\.2025"
    with pytest.raises(ValueError, match=msg):
        gi.maps.land_map(city, panel=p, at="2025-06-30")
    with pytest.raises(ValueError, match=msg):
        gi.plots.land_plot(city, panel=p, at="2025-06-30")
    with pytest.raises(ValueError, match=msg):
        briefing.show_conflicts(city, panel=p, at="2025-06-30", display=False)
    with pytest.raises(ValueError, match=r"min_ha=1\.0, the call asks for min_ha=5"):
        briefing.large_sites_table(panel=p, min_ha=5)
    no_rings = gi.land.panel(city.sites, at="31.12.2024")
    with pytest.raises(ValueError, match="no distance-class rings"):
        gi.maps.land_map(city, panel=no_rings, distance_classes=True)
    gi.maps.land_map(city, panel=p, at="2024-12-31")  # the same date written otherwise is fine


def test_outputs_without_a_panel_build_the_same(city: gi.City, map_layers) -> None:
    p = gi.land.panel(city)
    html = gi.maps.to_html(gi.maps.land_map(city))
    own = map_layers(html)
    assert own == map_layers(gi.maps.to_html(gi.maps.land_map(city, panel=p)))
    assert own["sites"]["area"][3] == "4,00 ha"
    dates = json.loads(re.search(r'"dates":\s*(\[[^]]*\])', html).group(1))
    assert dates == ["2023-12-31", "2024-12-31", "2025-06-30"]  # the slider's year ends
    a, b = gi.plots.land_plot(city), gi.plots.land_plot(city, panel=p)
    assert legend_texts(a) == legend_texts(b)
    plt.close(a)
    plt.close(b)


# The import rule (outputs import no analysis module) is checked for every output by
# tests/project/test_outputs_compute_nothing.py.
