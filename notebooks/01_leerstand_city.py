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
#     title: Leerstand in der City
#     title_en: Vacancy in the city centre
#     requires: [units, quarters]
# ---

# %% [markdown] tags=["lang-de"]
# # Leerstand in der City
#
# Leerstandsbericht für die City-Quartiere: Kennzahlen zum Stichtag, Karte,
# Tabelle je Quartier, Entwicklung seit der ersten Erhebung, räumliche
# Häufungen (Hot Spots) und die Wirkung der Fonds. Alle Zahlen berechnet
# `geoinnenstadt` aus dem Erhebungspanel der Gewerbeeinheiten.

# %% [markdown] tags=["lang-en"]
# # Vacancy in the city centre
#
# Vacancy report for the city quarters: key figures at the reference date,
# map, table per quarter, development since the first survey, spatial
# clusters (hot spots) and the effect of the funds. `geoinnenstadt` computes
# every figure from the survey panel of the commercial units.

# %% tags=["parameters"]
data = "dortmund"  # Name einer Beispielstadt oder Pfad zu einer City-GeoPackage-Datei
at = None  # Stichtag (z. B. "2025-06-30"); None = letzte Erhebung
lang = "de"
offline = True
public = False
min_count = None  # Veröffentlichung: Mindestzahl je Quartier (None = gi.settings.public_min_count)

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

if min_count is not None:
    gi.settings.public_min_count = min_count
gi.settings.language = lang
city = br.load_data(data, lang=lang)
br.sample_note(city, lang=lang)
# alle Zahlen einmal berechnet: Karte, Tabellen und Diagramme zeigen dieselben Werte
# und dieselben gesperrten Quartiere
panel = gi.vacancy.panel(city.units, city.quarters, at=at,
                         min_count=gi.settings.public_min_count if public else None)
br.report_withheld(panel)  # public mode: the page's footnote states what was withheld
figures = br.vacancy_key_figures(panel=panel)
shown_rates = br.vacancy_table(panel, public=public, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Kennzahlen

# %% [markdown] tags=["lang-en"]
# ## Key figures

# %%
br.show_key_figures(figures, lang=lang)

# %%
br.show_vacancy_text(panel=panel, public=public, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Karte
#
# Quartiere nach Leerstandsquote, Gewerbeeinheiten nach Status und
# Leerstandsdauer; die Ebenen lassen sich oben rechts ein- und ausblenden.

# %% [markdown] tags=["lang-en"]
# ## Map
#
# Quarters by vacancy rate, commercial units by status and duration of
# vacancy; the layers can be switched on and off at the top right.

# %%
br.show_map(gi.maps.vacancy_map(city, panel=panel, lang=lang), offline=offline, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Leerstand je Quartier

# %% [markdown] tags=["lang-en"]
# ## Vacancy per quarter

# %%
br.show_table(
    shown_rates.drop(columns=["survey_date"], errors="ignore"),
    lang=lang,
    caption=gi.labels.text("briefing.caption_rates", lang,
                           date=gi.labels.format_date(figures.attrs["at"], lang=lang)),
)

# %% [markdown] tags=["lang-de"]
# ## Entwicklung seit der ersten Erhebung

# %% [markdown] tags=["lang-en"]
# ## Development since the first survey

# %%
br.show_figure(gi.plots.trend_plot(panel, public=public, city=city, lang=lang), lang=lang)

# %%
trend_table = br.trend_table(panel, public=public, lang=lang)
br.show_table(trend_table, lang=lang, caption=gi.labels.text("briefing.caption_trend", lang))

# %% [markdown] tags=["lang-de"]
# ## Räumliche Häufungen (Hot Spots)
#
# Lokale Getis-Ord-Gi*-Statistik auf dem Leerstandsmerkmal der Einheiten mit
# einem Distanzband von 150 m und 999 Permutationen (fester Zufallsstartwert).
# Signifikanz auf dem 5-%-Niveau ohne Korrektur für multiples Testen:
# Hinweise auf Häufungen, keine Beweise.

# %% [markdown] tags=["lang-en"]
# ## Spatial clusters (hot spots)
#
# Local Getis-Ord Gi* statistic on the vacancy flag of the units with a
# distance band of 150 m and 999 permutations (fixed random seed).
# Significance at the 5 % level without correction for multiple testing:
# hints at clusters, not proof.

# %%
br.show_table(br.hotspot_summary(panel, public=public, lang=lang), lang=lang,
              caption=gi.labels.text("briefing.caption_hotspots", lang))

# %% [markdown] tags=["lang-de"]
# ## Zu- und Abgänge, Fonds

# %% [markdown] tags=["lang-en"]
# ## Flows and funds

# %%
flows = br.latest_flows(panel=panel, lang=lang)
br.show_table(br.publication_table(flows, lang=lang) if public and len(flows) else flows, lang=lang,
              caption=flows.attrs.get("caption", gi.labels.text("briefing.caption_flows", lang)))
br.show_fund_text(flows, lang=lang)
