"""The quarter-profile briefing (notebook 05): every figure against plain pandas, privacy, paper.

The Dortmund sample's briefing is built once. Its figures are read back from the HTML and
compared with figures computed here from the raw sample layers, without the library's
indicator functions: the units of the last survey joined to the quarters with
``geopandas.sjoin``, use categories by a dict written out below, footfall grouped by local
calendar day with pandas. Printing goes through Chromium (``page.pdf``) and poppler
(``pdftoppm``, ``pdftotext``); a missing tool fails the test, never skips it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt import briefing

NOTEBOOK = "05_quartiersprofile"
TZ = "Europe/Berlin"

#: The use codes of the samples and their top-level category, written out by hand.
TOP = {
    "retail_short.food": "retail_short", "retail_short.drugstore": "retail_short",
    "retail_short.pharmacy": "retail_short", "retail_short.flowers": "retail_short",
    "retail_short.newspapers": "retail_short",
    "retail_medium.clothing": "retail_medium", "retail_medium.shoes": "retail_medium",
    "retail_medium.books": "retail_medium", "retail_medium.toys": "retail_medium",
    "retail_medium.sport": "retail_medium", "retail_medium.household": "retail_medium",
    "retail_long.furniture": "retail_long", "retail_long.electronics": "retail_long",
    "retail_long.optician": "retail_long", "retail_long.jewellery": "retail_long",
    "retail_long.diy": "retail_long",
    "retail_other.unspecified": "retail_other", "retail_other.department_store": "retail_other",
    "retail_other.second_hand": "retail_other", "retail": "retail_other",
    "gastronomy": "gastronomy", "services": "services", "culture_leisure": "culture_leisure",
    "health": "health", "office": "office", "other": "other",
}  # fmt: skip


# ------------------------------------------------------------------------------ reading the page


def _sections(page: str) -> dict[str, str]:
    found = re.findall(
        r'<section class="gi-quarter-profile" data-quarter-id="([^"]*)">(.*?)</section>',
        page,
        flags=re.S,
    )
    # soft hyphens (U+00AD) of the page's breakable headings are not text
    return {html.unescape(q): body.replace("\xad", "") for q, body in found}


def _number(text: str) -> float:
    """ "1.234,5 %" → 1234.5; "−0,7 Pp." → -0.7 (German number formats)."""
    t = html.unescape(text).replace("\u2212", "-").replace(".", "").replace(",", ".")
    m = re.search(r"-?\d+(?:\.\d+)?", t)
    assert m, text
    return float(m.group(0))


def _key_figures(section: str) -> dict[str, tuple[str, str]]:
    rows = re.findall(
        r"<tr data-figure=[\"'](\w+)[\"']>.*?<td class=[\"']gi-num gi-quarter-value[\"']>(.*?)</td>"
        r"<td class=[\"']gi-num gi-city-value[\"']>(.*?)</td>",
        section,
        flags=re.S,
    )
    return {k: (html.unescape(q), html.unescape(c)) for k, q, c in rows}


def _shares(section: str) -> dict[str, float]:
    items = re.findall(
        r"<li data-category=[\"'](\w+)[\"']>.*?<span class=[\"']gi-share[\"']>(.*?)</span>",
        section,
        flags=re.S,
    )
    return {c: _number(v) for c, v in items}


# ------------------------------------------------------------------------------ the oracle


def _within(frame: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame) -> pd.Series:
    joined = gpd.sjoin(
        frame[["geometry"]], quarters[["quarter_id", "geometry"]], predicate="within"
    )
    joined = joined[~joined.index.duplicated(keep="first")]
    return joined["quarter_id"].reindex(frame.index)


def _vacancy(
    units: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame, day: pd.Timestamp
) -> pd.DataFrame:
    at = units[units["survey_date"] == day].copy()
    at["q"] = _within(at, quarters).fillna("outside")
    rows = {}
    for q, sub in [*at.groupby("q"), ("total", at)]:
        vacant = sub[sub["status"] == "vacant"]
        since = pd.to_datetime(vacant["vacant_since"]).dropna()
        long_term = [s + pd.DateOffset(months=12) < day for s in since]
        rows[q] = {
            "units": len(sub),
            "vacancy_rate": len(vacant) / len(sub),
            "long_term_share": sum(long_term) / len(vacant) if len(vacant) else np.nan,
            "median_vacancy_days": float(np.median([(day - s).days for s in since]))
            if len(since)
            else np.nan,
        }
    return pd.DataFrame(rows).T


def _uses(units: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame, day: pd.Timestamp) -> dict:
    at = units[(units["survey_date"] == day) & (units["status"] == "occupied")].copy()
    at["q"] = _within(at, quarters).fillna("outside")
    at["top"] = [TOP[u] for u in at["use"]]
    chain = []
    for c, b in zip(at["chain"], at["brand"], strict=True):
        chain.append(bool(c) if not pd.isna(c) else (not pd.isna(b) and str(b).strip() != ""))
    at["is_chain"] = chain
    out = {}
    for q, sub in [*at.groupby("q"), ("total", at)]:
        n = len(sub)
        counts = sub["top"].value_counts()
        big = sub[sub["floor_area_m2"] >= 800].sort_values("floor_area_m2", ascending=False)
        out[q] = {
            "shares": {c: k / n for c, k in counts.items()},
            "chain_share": sum(sub["is_chain"]) / n,
            "magnets": [
                (u if pd.isna(b) else f"{u}|{b}", a)
                for u, b, a in zip(big["use"], big["brand"], big["floor_area_m2"], strict=True)
            ],
        }
    return out


def _footfall(city: gi.City, year: int) -> dict[str, dict[str, float]]:
    counts = city.footfall.counts
    frame = pd.DataFrame(
        {
            "counter": counts["counter_id"].astype(str).to_numpy(),
            "local": counts["timestamp"].dt.tz_convert(TZ).to_numpy(),
            "n": counts["pedestrians"].to_numpy(),
        }
    )
    frame["day"] = [t.date() for t in counts["timestamp"].dt.tz_convert(TZ)]
    days = frame.groupby(["counter", "day"]).agg(total=("n", "sum"), hours=("local", "nunique"))
    length = {}
    for d in {d for _, d in days.index}:
        start = pd.Timestamp(d).tz_localize(TZ)
        length[d] = int((pd.Timestamp(d + pd.Timedelta(days=1)).tz_localize(TZ) - start) / pd.Timedelta(hours=1))  # fmt: skip
    complete = {
        (c, d): row["total"] for (c, d), row in days.iterrows() if row["hours"] == length[d]
    }
    where = _within(city.footfall.counters, city.quarters)
    quarter_of = dict(zip(city.footfall.counters["counter_id"].astype(str), where, strict=True))
    means, this, before = {}, {}, {}
    for (c, d), total in complete.items():
        if d.year != year:
            continue
        means.setdefault(c, []).append(total)
        partner = (c, d - pd.Timedelta(days=364))
        if partner in complete:
            this[c] = this.get(c, 0) + total
            before[c] = before.get(c, 0) + complete[partner]
    out: dict[str, dict[str, float]] = {}
    groups: dict[str, list[str]] = {}
    for c, q in quarter_of.items():
        if isinstance(q, str):
            groups.setdefault(q, []).append(c)
            groups.setdefault("total", []).append(c)
    for q, cs in groups.items():
        out[q] = {
            "per_day": float(np.mean([np.mean(means[c]) for c in cs if c in means])),
            "change": sum(this[c] for c in cs) / sum(before[c] for c in cs) - 1,
            "counters": len(cs),
        }
    return out


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def dortmund() -> gi.City:
    return gi.load_sample("dortmund")


@pytest.fixture(scope="module")
def page(profiles_page: Path) -> Path:
    return profiles_page


@pytest.fixture(scope="module")
def text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ the figures


def test_one_section_per_quarter_in_layer_order(text: str, dortmund: gi.City) -> None:
    sections = _sections(text)
    assert list(sections) == dortmund.quarters["quarter_id"].tolist()
    for (qid, body), name in zip(sections.items(), dortmund.quarters["name"], strict=True):
        assert f">{html.escape(name)}</h2>" in body, qid
    assert "Beispieldaten (synthetisch)" in text


def test_key_figures_match_plain_pandas(text: str, dortmund: gi.City) -> None:
    units = dortmund.units
    dates = sorted(units["survey_date"].unique())
    at, previous = pd.Timestamp(dates[-1]), pd.Timestamp(dates[-2])
    now = _vacancy(units, dortmund.quarters, at)
    before = _vacancy(units, dortmund.quarters, previous)
    city = now.loc["total"]
    for qid, body in _sections(text).items():
        shown = _key_figures(body)
        assert set(shown) == {"units", "vacancy_rate", "change_pp", "long_term_share",
                              "median_vacancy_days"}  # fmt: skip
        mine = now.loc[qid]
        for col, (q, c) in shown.items():
            if col == "change_pp":
                want_q = (mine["vacancy_rate"] - before.loc[qid, "vacancy_rate"]) * 100
                want_c = (city["vacancy_rate"] - before.loc["total", "vacancy_rate"]) * 100
                tol = 0.05
            elif col in ("vacancy_rate", "long_term_share"):
                want_q, want_c, tol = mine[col] * 100, city[col] * 100, 0.05
            else:
                want_q, want_c, tol = mine[col], city[col], 0.5
            assert _number(q) == pytest.approx(want_q, abs=tol + 1e-9), (qid, col, q)
            assert _number(c) == pytest.approx(want_c, abs=tol + 1e-9), ("city", col, c)
        assert "30.06.2025" in body


def test_use_mix_chains_and_magnets_match_plain_pandas(text: str, dortmund: gi.City) -> None:
    at = pd.Timestamp(dortmund.units["survey_date"].max())
    mine = _uses(dortmund.units, dortmund.quarters, at)
    city = mine["total"]
    for qid, body in _sections(text).items():
        q = mine[qid]
        shown = _shares(body)
        assert set(shown) == {c for c, v in q["shares"].items() if v > 0}, qid
        for cat, value in shown.items():
            assert value == pytest.approx(q["shares"][cat] * 100, abs=0.05 + 1e-9), (qid, cat)
        m = re.search(r"Filialisierungsgrad ([\d,]+ %) \(City ([\d,]+ %)\)", html.unescape(body))
        assert m, qid
        assert _number(m.group(1)) == pytest.approx(q["chain_share"] * 100, abs=0.05 + 1e-9)
        assert _number(m.group(2)) == pytest.approx(city["chain_share"] * 100, abs=0.05 + 1e-9)
        m = re.search(r"Magnetbetriebe \(ab 800 m²\): (\d+)", html.unescape(body))
        assert m, qid
        assert int(m.group(1)) == len(q["magnets"])
        rows = re.findall(
            r"<tr><td class=[\"']gi-text[\"']>(.*?)</td><td class=[\"']gi-num[\"']>(.*?)</td></tr>",
            body,
        )
        assert len(rows) == min(4, len(q["magnets"]))
        for (label, area), (use_brand, want) in zip(rows, q["magnets"], strict=False):
            use, _, brand = use_brand.partition("|")  # the finest use, then a chain's brand
            expected = gi.labels.value_label("use_category", use, "de")
            assert html.unescape(label) == (f"{expected} ({brand})" if brand else expected)
            assert _number(area) == pytest.approx(want, abs=0.5)
        if len(q["magnets"]) > 4:
            assert f"und {len(q['magnets']) - 4} weitere" in body


def test_footfall_matches_plain_pandas(text: str, dortmund: gi.City) -> None:
    mine = _footfall(dortmund, 2024)
    city = mine["total"]
    measured = 0
    for qid, body in _sections(text).items():
        plain = html.unescape(body)
        if qid not in mine:
            assert "Passantenfrequenz: nicht gemessen" in plain, qid
            assert re.search(r"data-footfall=[\"']not_measured", body)
            continue
        measured += 1
        m = re.search(
            r"2024: im Mittel ([\d.]+) Passanten je Tag und Zählstelle \((\d+) Zählstelle\(n\); "
            r"City ([\d.]+)\)\. Veränderung zum Vorjahr an gleichen Wochentagen: (\S+ %) "
            r"\(City (\S+ %)\)",
            plain,
        )
        assert m, qid
        assert _number(m.group(1)) == pytest.approx(mine[qid]["per_day"], abs=0.5)
        assert int(m.group(2)) == mine[qid]["counters"]
        assert _number(m.group(3)) == pytest.approx(city["per_day"], abs=0.5)
        assert _number(m.group(4)) == pytest.approx(mine[qid]["change"] * 100, abs=0.05 + 1e-9)
        assert _number(m.group(5)) == pytest.approx(city["change"] * 100, abs=0.05 + 1e-9)
        assert "gi-footfall-chart" in body
    assert measured == 2  # Hellweg (West- and Ostenhellweg) and Kampstraße


def test_every_chart_has_the_sample_note_and_no_personal_data(text: str, dortmund: gi.City) -> None:
    for qid, body in _sections(text).items():
        images = re.findall(r"<img[^>]*class=[\"']gi-chart[\"']", body)
        assert len(images) >= 3, qid  # locator, use mix, trend (+ footfall where measured)
    owners = set(dortmund.units["owner_name"].dropna()) | set(
        dortmund.units["owner_contact"].dropna()
    )
    for owner in owners:
        assert html.escape(owner) not in text
        assert owner not in text
    for address in dortmund.units["address"].dropna().unique()[:50]:
        assert address not in text


def test_sample_note_is_drawn_on_every_chart(dortmund: gi.City) -> None:
    """Each chart of a section carries the note (the texts of the figures, before rendering)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    t = gi.profiles.quarter_profiles(dortmund)
    ff = gi.profiles.quarter_footfall(dortmund.footfall, ["DO-Z3"], year=2024)
    figures = [
        gi.plots.use_mix_plot(t, "Q04", city=dortmund),
        gi.plots.locator_plot(dortmund.quarters, "Q04", city=dortmund),
        gi.plots.footfall_profile_plot(ff, year=2024, city=dortmund),
    ]
    for fig in figures:
        texts = [x.get_text() for x in fig.findobj(Text)]
        assert any("Beispieldaten (synthetisch)" in x for x in texts)
        plt.close(fig)


# ------------------------------------------------------------------------------ privacy, escaping


def test_public_mode_hides_withheld_quarters_including_their_use_mix() -> None:
    city = gi.load_sample("duesseldorf")
    # 128 and 139 units: Innenstadt Ost below 130 (primary), West withheld to protect it
    panel = gi.vacancy.panel(city.units, city.quarters, min_count=130, hotspots=False)
    t = gi.profiles.quarter_profiles(city, panel=panel)
    markup = str(
        briefing.show_quarter_profiles(t, city=city, panel=panel, public=True, lang="de",
                                       display=False)
    )  # fmt: skip
    sections = _sections(markup)
    assert set(sections) == {"IO", "IW"}
    for qid, marker in (("IO", "< 130"), ("IW", "gesperrt")):
        body = sections[qid]
        shown = _key_figures(body)
        assert {q for q, _ in shown.values()} == {marker}, qid
        assert _shares(body) == {}, qid  # no use shares
        assert "gi-mix-chart" not in body
        assert "Filialisierungsgrad" not in body
        assert "Magnetbetriebe" not in body
        assert "gi-trend-chart" not in body
        assert "keine Zeitreihe" in html.unescape(body)
        # the city column stays
        assert _number(shown["units"][1]) == 267


def test_hostile_quarter_names_and_ids_are_escaped() -> None:
    city = gi.load_sample("dorsten")
    quarters = city.quarters.copy()
    quarters.loc[quarters.index[0], "name"] = "<script>alert('x')</script> & Co"
    quarters.loc[quarters.index[1], "quarter_id"] = 'Q"2><img src=x onerror=alert(1)>'
    city = gi.City(quarters=quarters, units=city.units, footfall=city.footfall, meta=city.meta)
    panel = gi.vacancy.panel(city.units, city.quarters, hotspots=False)
    t = gi.profiles.quarter_profiles(city, panel=panel)
    markup = str(
        briefing.show_quarter_profiles(t, city=city, panel=panel, lang="en", display=False)
    )
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in markup
    assert "<img src=x" not in markup
    assert 'data-quarter-id="Q&quot;2&gt;&lt;img src=x onerror=alert(1)&gt;"' in markup
    assert set(_sections(markup)) == set(quarters["quarter_id"])
    # anchors are letters, digits and hyphens only
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", a) for a in re.findall(r'<h2 id="([^"]*)"', markup))


# ------------------------------------------------------------------------------ paper
