"""Tests of gi.preemption.panel: parcels under a statute computed once, shown alike everywhere.

Two 100 m × 100 m statute areas (1 ha each) and five rectangular parcels whose shares
inside are worked out by hand in the comments.
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd
import pytest
import shapely

import geoinnenstadt as gi
from geoinnenstadt import briefing

X0, Y0 = 350_000.0, 5_700_000.0
CRS = "EPSG:25832"


def _box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


#: parcel id → (geometry, share of its area inside a statute area)
PARCELS = {
    "05123400100001______": (_box(10, 10, 30, 30), 1.0),  # 400 m² wholly in VK1
    "05123400100002______": (_box(90, 0, 110, 10), 0.5),  # 200 m², 100 m² in VK1
    "05123400100003______": (_box(95, 20, 115, 30), 0.25),  # 200 m², 50 m² in VK1
    "05123400200004______": (_box(210, 10, 260, 60), 1.0),  # 2 500 m² wholly in VK2
    "05123400200005______": (_box(400, 0, 420, 20), 0.0),  # outside
}


def make_city() -> gi.City:
    areas = gpd.GeoDataFrame(
        {
            "area_id": ["VK1", "VK2"],
            "name": ["Gebiet West", "Gebiet Ost"],
            "legal_basis": ["§ 25 Abs. 1 Nr. 2 BauGB"] * 2,
        },
        geometry=[_box(0, 0, 100, 100), _box(200, 0, 300, 100)],
        crs=CRS,
    )
    parcels = gpd.GeoDataFrame(
        {"parcel_id": list(PARCELS)}, geometry=[g for g, _ in PARCELS.values()], crs=CRS
    )
    zones = gpd.GeoDataFrame(
        {"zone_id": ["Z1"], "name": ["Kernzone"], "category": ["A"]},
        geometry=[_box(50, 0, 250, 100)],  # 2 ha; VK1 covers 0.5 ha of it, VK2 0.5 ha
        crs=CRS,
    )
    return gi.City(
        parcels=parcels,
        preemption_areas=areas,
        core_zones=zones,
        meta={"name": "Teststadt", "as_of": "2025-06-30", "synthetic": True},
    )


@pytest.fixture
def city() -> gi.City:
    return make_city()


@pytest.fixture
def panel(city: gi.City) -> gi.preemption.PreemptionPanel:
    return gi.preemption.panel(
        city.parcels, city.preemption_areas, min_share=0.5, core_zones=city.core_zones
    )


def test_parcels_inside_by_share(panel: gi.preemption.PreemptionPanel) -> None:
    inside = panel.inside
    assert inside["parcel_id"].tolist() == [
        "05123400100001______",
        "05123400100002______",
        "05123400200004______",
    ]
    assert inside["area_id"].tolist() == ["VK1", "VK1", "VK2"]
    assert inside["share"].tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert panel.selected.tolist() == [True, True, False, True, False]


def test_a_lower_share_takes_the_parcel_at_a_quarter(city: gi.City) -> None:
    p = gi.preemption.panel(city.parcels, city.preemption_areas, min_share=0.2)
    assert p.selected.tolist() == [True, True, True, True, False]
    assert p.coverage["parcels"].tolist() == [3, 1]


def test_counts_areas_annex_and_zone_coverage(panel: gi.preemption.PreemptionPanel) -> None:
    cov = panel.coverage
    assert cov.index.tolist() == ["VK1", "VK2"]
    assert cov["area_ha"].tolist() == pytest.approx([1.0, 1.0])
    assert cov["parcels"].tolist() == [2, 1]
    annex = panel.annex
    assert annex["flur"].tolist() == [1, 1, 2]
    assert annex["flurstueck"].tolist() == ["1", "2", "4"]
    assert annex.index.tolist() == [1, 2, 3]
    zc = panel.zone_coverage
    assert zc is not None
    assert zc.loc["Z1", "zone_ha"] == pytest.approx(2.0)
    assert zc.loc["Z1", "covered_ha"] == pytest.approx(1.0)


def test_panel_is_immutable(panel: gi.preemption.PreemptionPanel) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        panel.min_share = 0.1  # type: ignore[misc]
    inside = panel.inside
    inside["share"] = 0.0
    cov = panel.coverage
    cov["parcels"] = 0
    assert panel.inside["share"].tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert panel.coverage["parcels"].tolist() == [2, 1]


def test_map_print_map_and_tables_show_the_same_parcels(
    city: gi.City, panel: gi.preemption.PreemptionPanel, map_layers
) -> None:
    blocks = map_layers(gi.maps.to_html(gi.maps.preemption_map(city, panel=panel, lang="de")))
    hit = blocks["preempted_parcels"]
    assert hit["id"] == [
        "05123400100001______",
        "05123400100002______",
        "05123400200004______",
    ]
    assert hit["share"] == ["100,0 %", "50,0 %", "100,0 %"]
    assert blocks["other_parcels"]["id"] == [
        "05123400100003______",
        "05123400200005______",
    ]
    fig = gi.plots.preemption_plot(city, panel=panel, lang="de")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ax = fig.axes[0]
    plt.close(fig)
    rule = [t for t in legend if "50 %" in t]
    assert rule == ["mind. 50 % der Fläche im Gebiet; n = 3"]
    # the parcels drawn in the highlight colour of the legend: exactly the three
    swatch = next(
        h
        for h, t in zip(ax.get_legend().legend_handles, legend, strict=True)
        if t == "Flurstücke mit Vorkaufsrecht (3)"
    )
    colour = tuple(swatch.get_facecolor())
    drawn = [
        len(c.get_paths())
        for c in ax.collections
        if len(c.get_facecolor()) and tuple(c.get_facecolor()[0]) == colour
    ]
    assert drawn == [3]
    table = briefing.preemption_coverage(city, panel=panel)
    assert table["parcels"].tolist() == [2, 1]
    text = str(briefing.show_preemption_text(city, panel=panel, lang="de", display=False))
    assert "3 von 5 Flurstücken liegen zu mindestens 50 % ihrer Fläche" in text


def test_outputs_compute_nothing_again(
    city: gi.City, panel: gi.preemption.PreemptionPanel, call_counter
) -> None:
    names = ["parcels_in", "annex", "zone_coverage", "format_kennzeichen", "overlap_areas"]
    calls = call_counter([gi.preemption, gi.preemption.result], names)
    gi.maps.to_html(gi.maps.preemption_map(city, panel=panel))
    plt.close(gi.plots.preemption_plot(city, panel=panel))
    briefing.preemption_coverage(city, panel=panel)
    briefing.show_preemption_text(city, panel=panel, display=False)
    assert calls == {}
    gi.preemption.panel(city.parcels, city.preemption_areas)  # the spies see a computation
    assert calls["parcels_in"] == 1
    assert calls["overlap_areas"] == 1


def test_a_panel_and_another_share_are_refused(
    city: gi.City, panel: gi.preemption.PreemptionPanel
) -> None:
    msg = r"min_share=0\.5, the call asks for min_share=0\.2"
    with pytest.raises(ValueError, match=msg):
        gi.maps.preemption_map(city, panel=panel, min_share=0.2)
    with pytest.raises(ValueError, match=msg):
        gi.plots.preemption_plot(city, panel=panel, min_share=0.2)
    with pytest.raises(ValueError, match=msg):
        briefing.show_preemption_text(city, panel=panel, min_share=0.2, display=False)
    gi.maps.preemption_map(city, panel=panel, min_share=0.5)  # the same share is fine


def test_outputs_without_a_panel_build_the_same(
    city: gi.City, panel: gi.preemption.PreemptionPanel, map_layers
) -> None:
    own = map_layers(gi.maps.to_html(gi.maps.preemption_map(city)))
    given = map_layers(gi.maps.to_html(gi.maps.preemption_map(city, panel=panel)))
    assert own == given
    pd.testing.assert_frame_equal(
        briefing.preemption_coverage(city), briefing.preemption_coverage(city, panel=panel)
    )
