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
#     title_en: Commercial land – reserves, take-up, years of supply
#     requires: [sites]
# ---

# %% [markdown] tags=["lang-de"]
# # Wirtschaftsflächen – Reserven, Inanspruchnahme, Reichweite
#
# Wie viel Gewerbe- und Industriefläche steht noch zur Verfügung, wie schnell
# wird sie verbraucht, und wie lange reicht sie? Flächen werden aus der
# Geometrie im Arbeits-Koordinatensystem (ETRS89 / UTM 32N) berechnet.

# %% [markdown] tags=["lang-en"]
# # Commercial land – reserves, take-up, years of supply
#
# How much commercial and industrial land is still available, how fast is it
# used up, and how long will it last? Areas are computed from the geometry in
# the working coordinate reference system (ETRS89 / UTM 32N).

# %% tags=["parameters"]
data = "dortmund"
at = None
lang = "de"
offline = True
public = False
min_count = None  # Veröffentlichung: Mindestzahl je Quartier (None = gi.settings.public_min_count)
# Bedarfsannahmen in ha pro Jahr; die Schlüssel "city" (Stadt) und "ihk" (IHK) zeigt der Bericht
# in seiner Sprache, andere Namen unverändert
demand_scenarios = {"city": 13.0, "ihk": 20.0}

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

gi.settings.language = lang
city = br.load_data(data, lang=lang)
br.sample_note(city, lang=lang)
# alle Kennzahlen einmal berechnen; Texte, Tabellen, Diagramm und Karte zeigen dieselben Zahlen
land = gi.land.panel(city, at=at, demand_ha_per_year=demand_scenarios)

# %% [markdown] tags=["lang-de"]
# ## Kennzahlen

# %% [markdown] tags=["lang-en"]
# ## Key figures

# %%
br.show_land_text(city.sites, panel=land, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Flächenreserven nach Restriktionen und Größenklassen

# %% [markdown] tags=["lang-en"]
# ## Land reserves by restriction and size class

# %%
br.show_table(land.reserves("restriction"), lang=lang,
              caption=gi.labels.text("briefing.caption_reserve_restriction", lang))

# %%
br.show_table(land.reserves("size_class"), lang=lang,
              caption=gi.labels.text("briefing.caption_reserve_size", lang))

# %% [markdown] tags=["lang-de"]
# ## Inanspruchnahme pro Jahr

# %% [markdown] tags=["lang-en"]
# ## Take-up per year

# %%
# die Linie Ī gilt für das Fenster der Reichweite (Tabelle unten)
br.show_figure(gi.plots.take_up_plot(land, city=city, lang=lang), lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Reichweite der Reserven mit Szenarien
#
# Netto-Reichweite = restriktionsfreie Reserve R₀ / mittlere Inanspruchnahme Ī,
# Brutto-Reichweite = gesamte Reserve R / Ī. Ī ist der Mittelwert der letzten
# fünf vollständigen Kalenderjahre; die Szenarien ersetzen Ī durch eine
# Bedarfsannahme.

# %% [markdown] tags=["lang-en"]
# ## Years of supply with scenarios
#
# Net years of supply = restriction-free reserve R₀ / mean take-up Ī,
# gross = whole reserve R / Ī. Ī is the mean of the last five complete
# calendar years; the scenarios replace Ī by an assumed demand.

# %%
br.show_table(land.years_of_supply, lang=lang, caption=gi.labels.text("briefing.caption_supply", lang))

# %% [markdown] tags=["lang-de"]
# ## Bedarf, Planungspipeline und Versorgungslücke
#
# Wann steht wie viel Fläche zur Verfügung, und in welchen Jahren findet der
# Bedarf keine vermarktbare Fläche (Versorgungslücke)? Die Zeitreihe beginnt mit
# dem ersten Januar nach dem Stichtag und der vermarktbaren Reserve; Flächen in
# Planung kommen im erwarteten Jahr hinzu, die Inanspruchnahme ist durch das
# Angebot begrenzt. Drei Szenarien: Basis, Planung gestoppt (Flächen vor dem
# B-Plan-Verfahren entfallen) und Planung beschleunigt.

# %% [markdown] tags=["lang-en"]
# ## Demand, planning pipeline and supply gap
#
# When will how much land be available, and in which years does demand find
# no marketable land (the supply gap)? The timeline starts on 1 January after
# the reference date with the marketable reserve; sites being planned arrive
# in their expected year, and take-up is bounded by what is available. Three
# scenarios: baseline, planning stopped (sites before the B-Plan procedure
# never arrive) and planning accelerated.

# %%
br.show_supply_text(city, panel=land, lang=lang)

# %%
br.show_figure(gi.plots.supply_plot(land, city=city, lang=lang), lang=lang)

# %%
br.show_table(br.supply_table(panel=land), lang=lang,
              caption=gi.labels.text("briefing.caption_supply_gap", lang))

# %%
br.show_table(br.pipeline_table(panel=land), lang=lang,
              caption=gi.labels.text("briefing.caption_pipeline", lang))

# %% [markdown] tags=["lang-de"]
# ## Große Flächen (ab 5 ha)

# %% [markdown] tags=["lang-en"]
# ## Large sites (5 ha or more)

# %%
br.show_table(br.large_sites_table(panel=land, context=city.context), lang=lang,
              caption=gi.labels.text("briefing.caption_large_sites", lang, min_ha=5))

# %% [markdown] tags=["lang-de"]
# ## Reserven in Gewerbe- und Industriekernzonen

# %% [markdown] tags=["lang-en"]
# ## Reserves in commercial/industrial core zones

# %%
br.show_core_zone_share(city, panel=land, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Abstände zu Wohnnutzungen (Abstandserlass NRW)
#
# Der Abstandserlass NRW ordnet Betriebsarten sieben Abstandsklassen (I–VII)
# mit Mindestabständen zu Wohnbauflächen zu. Die Tabelle zählt die verfügbaren
# Flächen nach der strengsten Klasse, deren Abstand sie einhalten.

# %% [markdown] tags=["lang-en"]
# ## Distances to housing (Abstandserlass NRW)
#
# The *Abstandserlass* NRW (the distance decree of North Rhine-Westphalia)
# assigns types of plant to seven distance classes (I–VII), each with a
# minimum distance to residential areas. The table counts the available sites
# by the strictest class whose distance they keep.

# %%
br.show_conflicts(city, panel=land, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Karte

# %% [markdown] tags=["lang-en"]
# ## Map

# %%
br.show_map(gi.maps.land_map(city, panel=land, lang=lang), offline=offline, lang=lang)
