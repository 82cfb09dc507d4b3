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
#     title_en: Core zones and special pre-emption right
#     requires: [core_zones, preemption_areas, parcels]
# ---

# %% [markdown] tags=["lang-de"]
# # Kernzonen und besonderes Vorkaufsrecht
#
# Gewerbe- und Industriekernzonen sichern Flächen für Produktion und
# Logistik; eine Satzung über ein besonderes Vorkaufsrecht (§ 25 BauGB)
# erlaubt der Stadt, in diesen Gebieten Grundstücke zu erwerben. Der Bericht
# zeigt die Abdeckung und die betroffenen Flurstücke als Anlage zur Satzung.

# %% [markdown] tags=["lang-en"]
# # Core zones and special pre-emption right
#
# Commercial and industrial core zones secure land for production and
# logistics; a statute (*Satzung*) on a special pre-emption right
# (*besonderes Vorkaufsrecht* under § 25 BauGB, the Federal Building Code)
# lets the city acquire land in these areas before other buyers. The report
# shows the coverage and the cadastral parcels (*Flurstücke*) concerned as an
# annex to the statute.

# %% tags=["parameters"]
data = "duesseldorf"
at = None
lang = "de"
offline = True
public = False
min_count = None  # Veröffentlichung: Mindestzahl je Quartier (None = gi.settings.public_min_count)
min_share = 0.5  # Mindestanteil der Flurstücksfläche im Satzungsgebiet

# %% tags=["remove-cell"]
import geoinnenstadt as gi
from geoinnenstadt import briefing as br

gi.settings.language = lang
city = br.load_data(data, lang=lang)
br.sample_note(city, lang=lang)
# Flurstücke im Geltungsbereich einmal bestimmen; Tabellen, Anlage und Karte zeigen dieselben
vorkauf = gi.preemption.panel(city.parcels, city.preemption_areas, min_share=min_share,
                              core_zones=city.core_zones)

# %% [markdown] tags=["lang-de"]
# ## Abdeckung

# %% [markdown] tags=["lang-en"]
# ## Coverage

# %%
br.show_table(br.preemption_coverage(city, panel=vorkauf), lang=lang,
              caption=gi.labels.text("briefing.caption_coverage", lang))

# %%
br.show_table(vorkauf.zone_coverage, lang=lang,
              caption=gi.labels.text("briefing.caption_zone_coverage", lang))

# %%
br.show_preemption_text(city, panel=vorkauf, lang=lang)

# %% [markdown] tags=["lang-de"]
# ## Flurstücke im Geltungsbereich (Anlage zur Satzung)

# %% [markdown] tags=["lang-en"]
# ## Parcels within the statute (annex)

# %%
annex = vorkauf.annex
br.show_downloads(annex, name="anlage_flurstuecke", lang=lang)
br.show_table(annex.head(50), lang=lang, index=False,
              caption=gi.labels.text("briefing.caption_annex", lang, n=min(50, len(annex)), total=len(annex)))

# %% [markdown] tags=["lang-de"]
# ## Karte

# %% [markdown] tags=["lang-en"]
# ## Map

# %%
br.show_map(gi.maps.preemption_map(city, panel=vorkauf, lang=lang), offline=offline, lang=lang)
