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
#     title: Kernzonen und besonderes Vorkaufsrecht
#     requires: [core_zones, preemption_areas, parcels]
# ---

# %% [markdown]
# # Kernzonen und besonderes Vorkaufsrecht
#
# Gewerbe- und Industriekernzonen sichern Flächen für Produktion und
# Logistik; eine Satzung über ein besonderes Vorkaufsrecht (§ 25 BauGB)
# erlaubt der Stadt, in diesen Gebieten Grundstücke zu erwerben. Der Bericht
# zeigt die Abdeckung und die betroffenen Flurstücke als Anlage zur Satzung.

# %% tags=["parameters"]
data = "duesseldorf"
at = None
lang = "de"
offline = True
public = False
min_share = 0.5  # Mindestanteil der Flurstücksfläche im Satzungsgebiet

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

city = br.load_data(data)
br.sample_note(city, lang=lang)
inside = gi.preemption.parcels_in(city.parcels, city.preemption_areas, min_share=min_share)

# %% [markdown]
# ## Abdeckung

# %%
br.show_table(br.preemption_coverage(city, inside), lang=lang,
              caption="Kernzonen und Vorkaufsrechtsgebiete")

# %%
br.show_table(gi.preemption.zone_coverage(city.core_zones, city.preemption_areas), lang=lang,
              caption="Gewerbe- und Industriekernzonen: Anteil im Geltungsbereich der Vorkaufsrechtssatzung")

# %%
br.show_preemption_text(city, inside, min_share=min_share, lang=lang)

# %% [markdown]
# ## Flurstücke im Geltungsbereich (Anlage zur Satzung)

# %%
annex = gi.preemption.annex(inside)
br.show_downloads(annex, name="anlage_flurstuecke")
br.show_table(annex.head(50), lang=lang, index=False,
              caption=f"Die ersten 50 von {len(annex)} Flurstücken (vollständig im Download)")

# %% [markdown]
# ## Karte

# %%
br.show_map(gi.maps.preemption_map(city, min_share=min_share, lang=lang), offline=offline)
