# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   geoinnenstadt:
#     title: Vermittlung
#     title_en: Matching requests to vacant units
#     requires: [units, quarters, requests]
#     internal_only: true
# ---

# %% [markdown] tags=["lang-de"]
# # Vermittlung
#
# Ansiedlungsgesuche von Handel, Gastronomie, Handwerk und Gründungen und die
# leer stehenden Einheiten: Welche Einheiten passen zu welchem Gesuch, und
# warum? `geoinnenstadt` prüft zuerst die harten Bedingungen jedes Gesuchs
# (leer stehend zum Stichtag, Fläche mit Toleranz, Erdgeschoss,
# barrierefreier Zugang, Miete) und vergibt dann Punkte für Flächeneignung,
# Wunschquartier, Nutzungsmix des Quartiers, Passantenfrequenz und
# Leerstandsdauer (`gi.matching`). **Nur für den internen Gebrauch:** Gesuche
# sind vertrauliche Geschäftsinformationen; die Seite nennt nur Gesuchs- und
# Einheitennummern, keine Ansprechpartner.

# %% [markdown] tags=["lang-en"]
# # Matching requests to vacant units
#
# Space requests from retailers, restaurateurs, craft firms and start-ups,
# and the vacant units: which units fit which request, and why?
# `geoinnenstadt` first checks each request's hard conditions (vacant at the
# reference date, floor area with a tolerance, ground floor, step-free
# access, rent) and then awards points for size fit, preferred quarter, the
# quarter's use mix, footfall and vacancy duration (`gi.matching`).
# **Internal use only:** requests are confidential business information; the
# page names request and unit numbers only, no contacts.

# %% tags=["parameters"]
data = "dortmund"  # Name einer Beispielstadt oder Pfad zu einer City-GeoPackage-Datei
at = None  # Stichtag (z. B. "2025-06-30"); None = letzte Erhebung
lang = "de"
offline = True
public = False
min_count = None  # Veröffentlichung: Mindestzahl je Quartier (None = gi.settings.public_min_count)
top = 3  # Vorschläge je Gesuch
longest = 5  # Einheiten mit der längsten Leerstandsdauer in der Gegenansicht

# %% tags=["remove-cell"]
import pandas as pd

import geoinnenstadt as gi
from geoinnenstadt import briefing as br

if public:  # requests are confidential: this notebook is never published
    raise ValueError(gi.labels.text("briefing.internal_only", lang))
gi.settings.language = lang
city = br.load_data(data, lang=lang)
br.sample_note(city, lang=lang)
requests = city.require("requests").drop(
    columns=list(gi.schema.LAYERS["requests"].personal_columns), errors="ignore"
)
options = {"quarters": city.quarters, "at": at, "footfall": city.footfall, "lang": lang}
result = gi.matching.match(requests, city.units, top=top, **options)
names = city.quarters.set_index("quarter_id")["name"]
found = result[result["unit_id"].notna()]
unmatched = result[result["unit_id"].isna()]


def use_label(use):
    return gi.labels.value_label("use", use, lang)


# %% [markdown] tags=["lang-de"]
# ## Gesuche
#
# Alle Gesuche nach Nutzungskategorie und Status. Abgeglichen werden nur die
# offenen Gesuche.

# %% [markdown] tags=["lang-en"]
# ## Requests
#
# All requests by use category and status. Only open requests are matched.

# %%
categories = gi.uses.categorise(requests["use"]).map(use_label)
by_status = pd.crosstab(categories.rename("use_category"), requests["status"].astype(str))
by_status = by_status.reindex(columns=[s for s in gi.matching.STATUSES if s in by_status.columns])
by_status.columns = [gi.labels.value_label("status", s, lang) for s in by_status.columns]
br.show_table(by_status, lang=lang)
br.show_text(
    gi.labels.text(
        "briefing.matching_counts",
        lang,
        requests=gi.labels.format_int(result.attrs["requests"], lang=lang),
        units=gi.labels.format_int(result.attrs["vacant_units"], lang=lang),
        date=gi.labels.format_date(result.attrs["at"], lang=lang),
        matched=gi.labels.format_int(found["request_id"].nunique(), lang=lang),
        unmatched=gi.labels.format_int(len(unmatched), lang=lang),
    )
)

# %% [markdown] tags=["lang-de"]
# ## Vorschläge je Gesuch
#
# Die bis zu drei am besten passenden Einheiten je offenem Gesuch. Die
# Punktzahl (0–100) ist die Summe der Punkte der Bestandteile; die Begründung
# nennt jeden Bestandteil und jede geprüfte Bedingung. Bei gleicher Punktzahl
# steht die länger leer stehende Einheit vorn.

# %% [markdown] tags=["lang-en"]
# ## Proposals per request
#
# Up to three best-fitting units per open request. The score (0–100) is the
# sum of the components' points; the reasons name every component and every
# condition checked. On equal scores the unit vacant longer comes first.

# %%
proposals = found.assign(quarter_name=found["quarter_id"].map(names))
br.show_table(
    proposals[["request_id", "rank", "unit_id", "quarter_name", "score", "reasons"]],
    lang=lang,
    index=False,
)

# %% [markdown] tags=["lang-de"]
# ## Gesuche ohne passende Einheit
#
# Für diese Gesuche besteht keine leer stehende Einheit alle Bedingungen. Die
# Begründung nennt die Bedingung, an der die meisten Einheiten scheitern.

# %% [markdown] tags=["lang-en"]
# ## Requests without a fitting unit
#
# No vacant unit passes all conditions of these requests. The reason names
# the condition that excludes most units.

# %%
details = requests.assign(request_id=requests["request_id"].astype(str).str.strip())
details = details.set_index("request_id")
without = pd.DataFrame(
    {
        "request_id": unmatched["request_id"].to_numpy(),
        "use": [use_label(details.loc[r, "use"]) for r in unmatched["request_id"]],
        "min_floor_area_m2": [details.loc[r, "min_floor_area_m2"] for r in unmatched["request_id"]],
        "max_floor_area_m2": [details.loc[r, "max_floor_area_m2"] for r in unmatched["request_id"]],
        "no_match_reason": unmatched["reasons"].to_numpy(),
    }
)
br.show_table(without, lang=lang, index=False)

# %% [markdown] tags=["lang-de"]
# ## Gegenansicht: die längsten Leerstände
#
# Die Einheiten, die am längsten leer stehen, sind die Priorität des
# Citymanagements. Für jede nennt die Tabelle die offenen Gesuche, deren
# Bedingungen sie erfüllt, und das am besten passende.

# %% [markdown] tags=["lang-en"]
# ## Reverse view: the longest vacancies
#
# The units vacant longest are the Citymanagement's priority. For each, the
# table gives the open requests whose conditions it meets and the one that
# fits best.

# %%
vacant = gi.vacancy.durations(city.units, at=result.attrs["at"])
vacant = vacant.sort_values(["vacancy_days", "unit_id"], ascending=[False, True]).head(longest)
rows = []
for unit_id, months in zip(vacant["unit_id"], vacant["vacancy_months"], strict=True):
    fits = gi.matching.for_unit(unit_id, requests, city.units, **options)
    best = fits.iloc[0] if len(fits) else None
    rows.append(
        {
            "unit_id": unit_id,
            "vacancy_months": months,
            "fitting_requests": len(fits),
            "best_request": None if best is None else best["request_id"],
            "score": None if best is None else best["score"],
        }
    )
br.show_table(pd.DataFrame(rows), lang=lang, index=False)
