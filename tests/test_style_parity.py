"""Interactive and print maps show the same legend (issue 19, item 1).

For each map (vacancy, commercial land, pre-emption) the legend rows of the interactive map,
read from the written page (:mod:`helpers.legend_html`), and the rows of the print map's
legend, read from the figure's handles (:mod:`helpers.legend_figure`), are the same: the
same text, the same fill and the same outline colour. Both are made from one panel, so the
figures behind the counts are the same too. Neither reader uses ``gi.style``: what is
compared is what a committee member sees.
"""

from __future__ import annotations

from collections import Counter

import matplotlib.pyplot as plt
import pytest
from helpers import legend_figure, legend_html

import geoinnenstadt as gi


@pytest.fixture(scope="module")
def dorsten() -> gi.City:
    return gi.load_sample("dorsten")


@pytest.fixture(scope="module")
def duesseldorf() -> gi.City:
    """The sample with every land layer: sites, core zones, pre-emption areas, parcels."""
    return gi.load_sample("duesseldorf")


def _page(m: object) -> str:
    return gi.maps.to_html(m, offline=True)


#: The rows of the context beneath the maps (written out by hand, both languages). A print
#: map lists the context inside its frame; the interactive map, which a reader can pan
#: across the whole city, lists all of it. So the print map's context rows are a part of
#: the interactive map's, and every other row is the same in both.
CONTEXT_WORDS = {
    "Stadtgrenze", "Stadtbezirke", "Gewässer", "Bahnstrecken", "Hauptstraßen",
    "Gewerbegebiet (GE)", "Industriegebiet (GI)", "Mischgebiet (MI)", "Kerngebiet (MK)",
    "Wohnbaufläche (W)", "Sondergebiet (SO)", "Grünfläche",
    "City boundary", "Districts", "Water", "Railways", "Main roads",
    "Commercial area (GE)", "Industrial area (GI)", "Mixed area (MI)", "Core area (MK)",
    "Residential area (W)", "Special area (SO)", "Green space",
}  # fmt: skip


def _compare(page: str, fig: object) -> None:
    screen = Counter(legend_html.entries(page))
    paper = Counter(legend_figure.entries(fig))
    assert screen, "the interactive map has no legend rows"
    assert paper, "the print map has no legend rows"

    def data(rows: Counter) -> Counter:
        return Counter({r: n for r, n in rows.items() if r[0] not in CONTEXT_WORDS})

    only_screen = sorted((data(screen) - data(paper)).elements())
    only_paper = sorted((data(paper) - data(screen)).elements())
    assert (only_screen, only_paper) == ([], [])
    context_paper = paper - data(paper)
    assert context_paper, "the print map lists no context"
    assert sorted((context_paper - screen).elements()) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_vacancy_legends_agree(dorsten: gi.City, lang: str) -> None:
    city = dorsten
    panel = gi.vacancy.panel(city.units, city.quarters)
    # the interactive map draws the city's footfall counters by default, the print map on request
    fig = gi.plots.vacancy_plot(city, panel=panel, lang=lang, footfall=True)
    try:
        _compare(_page(gi.maps.vacancy_map(city, panel=panel, lang=lang)), fig)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_land_legends_agree(duesseldorf: gi.City, lang: str) -> None:
    city = duesseldorf
    panel = gi.land.panel(city.sites, core_zones=city.core_zones, residential=city.residential)
    fig = gi.plots.land_plot(city, panel=panel, lang=lang)
    try:
        _compare(_page(gi.maps.land_map(city, panel=panel, lang=lang)), fig)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_preemption_legends_agree(duesseldorf: gi.City, lang: str) -> None:
    city = duesseldorf
    panel = gi.preemption.panel(city.parcels, city.preemption_areas, core_zones=city.core_zones)
    fig = gi.plots.preemption_plot(city, panel=panel, lang=lang)
    try:
        _compare(_page(gi.maps.preemption_map(city, panel=panel, lang=lang)), fig)
    finally:
        plt.close(fig)


def test_vacancy_legends_agree_with_hot_and_cold_spots() -> None:
    """Dortmund has significant hot and cold spots at its latest survey: both maps ring them
    and name the level; cold spots only on request, in both."""
    city = gi.load_sample("dortmund")
    panel = gi.vacancy.panel(city.units, city.quarters)
    for cold in (False, True):
        fig = gi.plots.vacancy_plot(city, panel=panel, cold_spots=cold, footfall=True)
        try:
            page = _page(gi.maps.vacancy_map(city, panel=panel, cold_spots=cold))
            _compare(page, fig)
            texts = [t for t, _, _ in legend_figure.entries(fig)]
            assert "Passantenzählung (Kreisfläche ∝ Passanten je Tag) (3)" in texts
            assert "Hot Spot (Häufung), signifikant (p ≤ 0,05)" in texts
            assert ("Cold Spot (Ausdünnung), signifikant (p ≤ 0,05)" in texts) is cold
        finally:
            plt.close(fig)
