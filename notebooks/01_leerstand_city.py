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
#     requires: [units, quarters]
# ---

# %% [markdown]
# # Leerstand in der City
#
# Leerstandsbericht für die City-Quartiere: Kennzahlen zum Stichtag, Karte,
# Tabelle je Quartier, Entwicklung seit der ersten Erhebung, räumliche
# Häufungen (Hot Spots) und die Wirkung der Fonds. Alle Zahlen berechnet
# `geoinnenstadt` aus dem Erhebungspanel der Gewerbeeinheiten.

# %% tags=["parameters"]
data = "dortmund"  # Name einer Beispielstadt oder Pfad zu einer City-GeoPackage-Datei
at = None  # Stichtag (z. B. "2025-06-30"); None = letzte Erhebung
lang = "de"
offline = True
public = False

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

city = br.load_data(data)
br.sample_note(city, lang=lang)
figures = br.vacancy_key_figures(city.units, city.quarters, at=at)
rates = gi.vacancy.rates(city.units, city.quarters, at=figures.attrs["at"])
shown_rates = br.publication_table(rates) if public else rates

# %% [markdown]
# ## Kennzahlen

# %%
br.show_key_figures(figures, lang=lang)

# %%
br.show_vacancy_text(shown_rates, figures, lang=lang)

# %% [markdown]
# ## Karte
#
# Quartiere nach Leerstandsquote, Gewerbeeinheiten nach Status und
# Leerstandsdauer; die Ebenen lassen sich oben rechts ein- und ausblenden.

# %%
br.show_map(gi.maps.vacancy_map(city, at=figures.attrs["at"], lang=lang, min_count=br.PUBLIC_MIN_COUNT if public else None), offline=offline)

# %% [markdown]
# ## Leerstand je Quartier

# %%
br.show_table(
    shown_rates.drop(columns=["survey_date"], errors="ignore"),
    lang=lang,
    caption=f"Leerstand je Quartier am {gi.labels.format_date(figures.attrs['at'])}",
)

# %% [markdown]
# ## Entwicklung seit der ersten Erhebung

# %%
trend = gi.vacancy.trend(city.units, city.quarters)
br.show_figure(gi.plots.trend_plot(trend, lang=lang))

# %%
trend_table = br.trend_table(trend, public=public)
br.show_table(trend_table, lang=lang, caption="Leerstandsquote je Erhebung (Veränderung in Prozentpunkten)")

# %% [markdown]
# ## Räumliche Häufungen (Hot Spots)
#
# Lokale Getis-Ord-Gi*-Statistik auf dem Leerstandsmerkmal der Einheiten mit
# einem Distanzband von 150 m und 999 Permutationen (fester Zufallsstartwert).
# Signifikanz auf dem 5-%-Niveau ohne Korrektur für multiples Testen:
# Hinweise auf Häufungen, keine Beweise.

# %%
spots = gi.vacancy.hotspots(city.units, at=figures.attrs["at"])
br.show_table(br.hotspot_summary(spots, city.quarters, public=public), lang=lang,
              caption="Einheiten in Hot Spots und Cold Spots je Quartier")

# %% [markdown]
# ## Zu- und Abgänge, Fonds

# %%
flows = br.latest_flows(city.units, city.quarters, at=figures.attrs["at"])
br.show_table(br.publication_table(flows) if public else flows, lang=lang,
              caption=flows.attrs.get("caption", "Zu- und Abgänge seit der vorherigen Erhebung"))
br.show_fund_text(flows, lang=lang)
