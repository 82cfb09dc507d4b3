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
#     title: Quartiersprofile
#     title_en: Quarter profiles
#     requires: [units, quarters]
# ---

# %% [markdown] tags=["lang-de"]
# # Quartiersprofile
#
# Ein Profil je City-Quartier, ausgedruckt je eine Seite: Kennzahlen zum
# Leerstand im Vergleich mit der City, Nutzungsmix mit Filialisierungsgrad
# und Magnetbetrieben, Passantenfrequenz (wo gezählt wird), Wirtschaftsflächen
# (wo vorhanden), Lage im Stadtgebiet und die Entwicklung des Leerstands.
# Alle Zahlen berechnet `geoinnenstadt` aus den Erhebungen, Zählungen und Flächen.

# %% [markdown] tags=["lang-en"]
# # Quarter profiles
#
# One profile per city quarter, one printed page each: vacancy figures
# compared with the city centre, use mix with chain share and magnet stores,
# footfall (where counted), commercial land (where present), location in the
# city and the vacancy trend. `geoinnenstadt` computes every figure from the
# surveys, counts and sites.

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
# alle Zahlen einmal berechnet: dieselben Werte und dieselben gesperrten Quartiere wie im
# Leerstandsbericht (01)
panel = gi.vacancy.panel(city.units, city.quarters, at=at, hotspots=False,
                         min_count=gi.settings.public_min_count if public else None)
br.report_withheld(panel)  # public mode: the page's footnote states what was withheld
profiles = gi.profiles.quarter_profiles(city, panel=panel)

# %% [markdown] tags=["lang-de"]
# ## Übersicht
#
# Jedes Quartier folgt auf einer eigenen Seite. Die Passantenfrequenz stammt
# von den Zählstellen im Quartier (Mittel je Zählstelle und vollständigem
# Zähltag); die Veränderung zum Vorjahr vergleicht gleiche Wochentage (52
# Wochen früher). Magnetbetriebe sind genutzte Einheiten ab der
# Flächenschwelle der Einstellungen (Standard 800 m²).

# %% [markdown] tags=["lang-en"]
# ## Overview
#
# Each quarter follows on a page of its own. Footfall comes from the
# counters in the quarter (mean per counter and complete counting day); the
# change on the previous year compares matching weekdays (52 weeks earlier).
# Magnet stores are occupied units from the floor-area threshold of the
# settings on (default 800 m²).

# %%
br.show_quarter_profiles(profiles, city=city, panel=panel, public=public, lang=lang)
