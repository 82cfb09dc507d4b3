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
#     title: Wirtschaftsflächen – Reserven, Inanspruchnahme, Reichweite
#     requires: [sites]
# ---

# %% [markdown]
# # Wirtschaftsflächen – Reserven, Inanspruchnahme, Reichweite
#
# Wie viel Gewerbe- und Industriefläche steht noch zur Verfügung, wie schnell
# wird sie verbraucht, und wie lange reicht sie? Flächen werden aus der
# Geometrie im Arbeits-Koordinatensystem (ETRS89 / UTM 32N) berechnet.

# %% tags=["parameters"]
data = "dortmund"
at = None
lang = "de"
offline = True
public = False
demand_scenarios = {"Stadt": 13.0, "IHK": 20.0}  # Bedarfsannahmen in ha pro Jahr

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

city = br.load_data(data)
br.sample_note(city, lang=lang)
supply = gi.land.years_of_supply(city.sites, demand_ha_per_year=demand_scenarios, at=at)

# %% [markdown]
# ## Kennzahlen

# %%
br.show_land_text(city.sites, supply, at=at, lang=lang)

# %% [markdown]
# ## Flächenreserven nach Restriktionen und Größenklassen

# %%
br.show_table(gi.land.reserves(city.sites, at=at, by="restriction"), lang=lang,
              caption="Flächenreserve nach Restriktionen")

# %%
br.show_table(gi.land.reserves(city.sites, at=at, by="size_class"), lang=lang,
              caption="Flächenreserve nach Größenklassen")

# %% [markdown]
# ## Inanspruchnahme pro Jahr

# %%
take_up = gi.land.take_up(city.sites, end=at)
observed = supply.loc["observed"]
br.show_figure(gi.plots.take_up_plot(take_up, window=(observed["window_start"], observed["window_end"]), lang=lang))

# %% [markdown]
# ## Reichweite der Reserven mit Szenarien
#
# Netto-Reichweite = restriktionsfreie Reserve R₀ / mittlere Inanspruchnahme Ī,
# Brutto-Reichweite = gesamte Reserve R / Ī. Ī ist der Mittelwert der letzten
# fünf vollständigen Kalenderjahre; die Szenarien ersetzen Ī durch eine
# Bedarfsannahme.

# %%
br.show_table(supply, lang=lang,
              caption="Reichweite (Jahre)")

# %% [markdown]
# ## Große Flächen (ab 5 ha)

# %%
br.show_table(br.large_sites_table(city.sites, at=at), lang=lang, caption="Verfügbare Flächen ab 5 ha")

# %% [markdown]
# ## Reserven in Gewerbe- und Industriekernzonen

# %%
br.show_core_zone_share(city, at=at, lang=lang)

# %% [markdown]
# ## Abstände zu Wohnnutzungen (Abstandserlass NRW)

# %%
br.show_conflicts(city, lang=lang)

# %% [markdown]
# ## Karte

# %%
br.show_map(gi.maps.land_map(city, lang=lang), offline=offline)
