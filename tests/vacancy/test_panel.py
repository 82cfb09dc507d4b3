"""gi.vacancy.panel: every vacancy figure computed once, and every output made from one panel.

The fixture is counted by hand: three quarters side by side (A, B, C), two
survey rounds (30.06.2024, 30.06.2025), every unit 100 m².

==========  ===========================  ===========================
quarter     30.06.2024                   30.06.2025
==========  ===========================  ===========================
A           a1..a4; a1 vacant            a1..a4; a1, a2 vacant
B           b1..b3; b1 vacant            b1, b2 (b3 has left); b1 vacant
C           c1..c5; c1 vacant            c1..c5; c1, c2 vacant
total       12 units, 3 vacant (25 %)    11 units, 5 vacant (5/11)
==========  ===========================  ===========================

With ``min_count=3`` nothing is withheld in 2024; in 2025 B (2 units) is
withheld (primary) and A, the published quarter with the fewest units (4 < 5),
is withheld so that the total cannot reveal B (secondary). A quarter withheld
at any survey gets no published time series: A and B.
"""

from __future__ import annotations

import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from helpers.maps import column, data_blocks
from shapely.geometry import Point, box

import geoinnenstadt as gi
from geoinnenstadt import briefing as br

D1, D2 = pd.Timestamp("2024-06-30"), pd.Timestamp("2025-06-30")
X0, Y0 = 390_000.0, 5_710_000.0
VACANT = {D1: {"a1", "b1", "c1"}, D2: {"a1", "a2", "b1", "c1", "c2"}}
SINCE = {"a1": "2024-01-01", "b1": "2024-01-01", "c1": "2024-01-01", "a2": "2025-01-01",
         "c2": "2025-01-01"}  # fmt: skip


def make_city(*, split: bool = False) -> gi.City:
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["A", "B", "C"], "name": ["Altstadt", "Bahnhof", "Centrum"]},
        geometry=[box(X0 + 300 * i, Y0, X0 + 300 * (i + 1), Y0 + 300) for i in range(3)],
        crs="EPSG:25832",
    )
    members = {
        D1: {"A": 4, "B": 3, "C": 5},
        D2: {"A": 4, "B": 2, "C": 5},
    }
    rows = []
    for date, counts in members.items():
        for i, (q, n) in enumerate(counts.items()):
            for k in range(1, n + 1):
                uid = f"{q.lower()}{k}"
                vacant = uid in VACANT[date]
                survey = date
                if split:  # one survey in two batches: A and B in April, C in June 2025
                    if date == D1:
                        continue
                    survey = pd.Timestamp("2025-04-30") if q in "AB" else D2
                rows.append({
                    "unit_id": uid, "survey_date": survey,
                    "status": "vacant" if vacant else "occupied", "floor_area_m2": 100.0,
                    "vacant_since": pd.Timestamp(SINCE[uid]) if vacant else pd.NaT,
                    "address": f"Weg {uid}",
                    "geometry": Point(X0 + 300 * i + 40 * k, Y0 + 150),
                })  # fmt: skip
    units = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:25832")
    return gi.City(units=units, quarters=quarters, meta={"name": "Teststadt"})


def test_figures_counted_by_hand() -> None:
    city = make_city()
    p = gi.vacancy.panel(city.units, city.quarters, min_count=3, hotspots=False)
    assert p.dates == (D1, D2)
    assert p.at == D2
    assert p.min_count == 3
    r1, r2 = p.rates_at(D1), p.rates_at()
    assert r1 is not None
    assert r2 is not None
    assert r1["units"].to_dict() == {"A": 4, "B": 3, "C": 5, "total": 12}
    assert r1["vacant"].to_dict() == {"A": 1, "B": 1, "C": 1, "total": 3}
    assert r2["units"].to_dict() == {"A": 4, "B": 2, "C": 5, "total": 11}
    assert r2["vacant"].to_dict() == {"A": 2, "B": 1, "C": 2, "total": 5}
    assert r2["vacancy_rate"].tolist() == pytest.approx([0.5, 0.5, 0.4, 5 / 11])
    assert sorted(p.state_at(D2)["unit_id"]) == sorted(
        ["a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "c3", "c4", "c5"]
    )
    # the publication decision, once: nothing in 2024; B primary and A secondary in 2025
    assert p.withheld_at(D1).to_dict() == {"A": "", "B": "", "C": ""}
    assert p.withheld_at(D2).to_dict() == {"A": "secondary", "B": "primary", "C": ""}
    assert p.trend_withheld == frozenset({"A", "B"})
    assert sorted(p.drawn_at(D2)["unit_id"]) == ["c1", "c2", "c3", "c4", "c5"]
    public = p.public_table()
    assert public is not None
    assert public["units"].isna().tolist() == [True, True, False, False]
    assert public.loc["C", "vacancy_rate"] == pytest.approx(0.4)
    assert public.loc["total", "units"] == 11
    assert public["withheld"].tolist() == ["secondary", "primary", "", ""]
    # durations at 30.06.2025: a1 since 01.01.2024 = 546 days, a2 since 01.01.2025 = 180 days
    dur = p.durations_at().set_index("unit_id")["vacancy_days"]
    assert dur["a1"] == (D2 - pd.Timestamp("2024-01-01")).days == 546
    assert dur["a2"] == 180
    # change of the total in percentage points: 5/11 − 3/12
    assert p.change_pp() == pytest.approx((5 / 11 - 0.25) * 100)
    assert np.isnan(p.change_pp(D1))


def test_without_min_count_nothing_is_withheld() -> None:
    city = make_city()
    p = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    assert set(p.withheld_at()) == {""}
    assert p.trend_withheld == frozenset()
    assert len(p.drawn_at()) == 11


def test_tables_are_copies() -> None:
    city = make_city()
    p = gi.vacancy.panel(city.units, city.quarters, min_count=3, hotspots=False)
    for table in (p.rates_at(), p.public_table(), p.trend, p.state_at(), p.durations_at()):
        assert table is not None
        for c in table.columns:
            if c != "geometry":
                table[c] = -1
    w = p.withheld_at()
    w[:] = ""
    assert p.rates_at().loc["total", "units"] == 11
    assert p.withheld_at().to_dict() == {"A": "secondary", "B": "primary", "C": ""}
    assert (p.state_at()["status"] != -1).all()
    assert (p.durations_at()["vacancy_days"] > 0).all()
    assert p.trend is not None
    assert p.trend["units"].min() > 0
    with pytest.raises(AttributeError):
        p.min_count = None  # type: ignore[misc]


def test_units_without_floor_area_count_and_are_named_once() -> None:
    city = make_city()
    city.units.loc[city.units["unit_id"] == "c5", "floor_area_m2"] = np.nan
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    named = [w for w in caught if "c5" in str(w.message)]
    assert len(named) == 1
    assert len(caught) == 1
    r = p.rates_at()
    assert r.loc["C", "units"] == 5
    assert r.loc["C", "vacant"] == 2
    assert r.loc["C", "floor_area_m2"] == 400.0  # c1..c4, c5 left out of the areas
    assert r.loc["C", "floor_area_vacancy_rate"] == pytest.approx(200 / 400)


def test_conflicting_options_are_refused() -> None:
    city = make_city()
    p = gi.vacancy.panel(city.units, city.quarters, min_count=3, hotspots=False)
    with pytest.raises(ValueError, match=r"min_count=5.*min_count \(3\)"):
        gi.maps.vacancy_map(city, panel=p, min_count=5)
    with pytest.raises(ValueError, match=r"at='2024-06-30'.*30.06.2025"):
        gi.plots.vacancy_plot(city, panel=p, at="2024-06-30")
    with pytest.raises(ValueError, match="min_count"):
        gi.plots.trend_plot(p, min_count=4)


def _quarter_block(html: str) -> dict[str, Any]:
    return data_blocks(html)["quarters"]


def _plain(block: dict[str, Any], name: str) -> list[Any]:
    return column(block, name)


def test_map_print_map_and_table_of_one_panel_agree() -> None:
    city = make_city()
    p = gi.vacancy.panel(city.units, city.quarters, min_count=3, hotspots=False)
    secret = gi.labels.text("map.suppressed", "de")
    # the map: the quarters' rate column at the selected date (30.06.2025)
    block = _quarter_block(gi.maps.to_html(gi.maps.vacancy_map(city, panel=p, lang="de")))
    assert _plain(block, "rate") == [secret, secret, "40,0 %"]
    assert _plain(block, "units") == [secret, secret, "5"]
    # the print map: the quarter labels and the hatched withheld quarters
    fig = gi.plots.vacancy_plot(city, panel=p, lang="de", context=False)
    texts = {" ".join(t.get_text().split()) for t in fig.axes[0].texts}  # labels wrap
    assert texts == {f"Altstadt {secret}", f"Bahnhof {secret}", "Centrum 40,0 %"}
    legend = [" ".join(t.get_text().split()) for t in fig.axes[0].get_legend().get_texts()]
    # Altstadt and Bahnhof withheld: 2
    assert gi.labels.text("map.suppressed_legend", "de", min_count=3) + " (2)" in legend
    # only C's units are drawn (A and B are withheld): 2 vacant, 3 occupied
    assert legend[-5:] == [
        "genutzt (3)",
        "leer stehend, < 6 Monate (1)",
        "leer stehend, 6–12 Monate (0)",
        "leer stehend, 12–24 Monate (1)",
        "leer stehend, > 24 Monate (0)",
    ]
    # the table: the same quarters withheld, the same figure for C
    table = br.vacancy_table(p, public=True, lang="de")
    assert table["vacancy_rate"].tolist()[:2] == ["gesperrt", "< 3"]
    assert table.loc["C", "vacancy_rate"] == pytest.approx(0.4)
    assert gi.labels.format_percent(table.loc["C", "vacancy_rate"], lang="de") == "40,0 %"
    assert table.attrs["suppression"] == {"A": "secondary", "B": "primary"}
    # the trend chart leaves out the quarters without a published series: A and B
    chart = gi.plots.trend_plot(p, lang="de")
    drawn = {line.get_label() for line in chart.axes[0].get_lines()}
    assert drawn == {"Centrum", gi.labels.label("total", "de")}


def test_outputs_of_one_panel_compute_nothing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    city = make_city()
    calls: dict[str, int] = {}

    def spy(name: str) -> None:
        real = getattr(gi.vacancy, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return real(*args, **kwargs)

        monkeypatch.setattr(gi.vacancy, name, counted)

    for name in ("rates", "hotspots", "trend", "state_at", "durations", "flows"):
        spy(name)
    p = gi.vacancy.panel(city.units, city.quarters, min_count=3)
    assert calls == {"rates": 2, "hotspots": 2, "trend": 1, "state_at": 2, "durations": 2}

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an output built a second panel")

    monkeypatch.setattr(gi.vacancy, "panel", refuse)
    gi.maps.to_html(gi.maps.vacancy_map(city, panel=p))
    gi.plots.vacancy_plot(city, panel=p, context=False)
    br.vacancy_table(p, public=True)
    br.vacancy_key_figures(panel=p)
    br.trend_table(p, public=True)
    br.hotspot_summary(p, public=True)
    gi.plots.trend_plot(p)
    assert calls == {"rates": 2, "hotspots": 2, "trend": 1, "state_at": 2, "durations": 2}


def test_split_round_warning_once_for_a_notebook_like_sequence() -> None:
    city = make_city(split=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = gi.vacancy.panel(city.units, city.quarters)
        gi.maps.to_html(gi.maps.vacancy_map(city, panel=p))
        gi.plots.vacancy_plot(city, panel=p, context=False)
        br.vacancy_key_figures(panel=p)
        br.vacancy_table(p)
        br.trend_table(p)
        gi.plots.trend_plot(p)
    split = [w for w in caught if issubclass(w.category, gi.vacancy.SplitRoundWarning)]
    assert len(split) == 1
    assert "30.04.2025" in str(split[0].message)
    assert "30.06.2025" in str(split[0].message)


def test_hotspots_at_the_reference_date_only() -> None:
    """hotspots="at" (the print map's need): the last date's hot spots, the same as computed at
    every date; none at the earlier dates."""
    city = make_city()
    every = gi.vacancy.panel(city.units, city.quarters)
    last = gi.vacancy.panel(city.units, city.quarters, hotspots="at")
    assert last.hotspots_computed
    assert len(last.dates) == 2
    assert last.hotspots_at(last.dates[0]) is None
    assert every.hotspots_at(every.dates[0]) is not None
    pd.testing.assert_frame_equal(
        pd.DataFrame(last.hotspots_at()), pd.DataFrame(every.hotspots_at())
    )
