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
#     title: Einstieg in geoinnenstadt
#     requires: [quarters, units]
# ---

# %% [markdown]
# # Einstieg in geoinnenstadt
#
# Für Forschende und Fachleute, die mit Python arbeiten: eine Beispielstadt
# laden, eigene Daten prüfen, eine Kennzahl berechnen und eine Karte zeichnen.

# %% tags=["parameters"]
data = "dortmund"
at = None
lang = "de"
offline = True
public = False

# %%
import tempfile
from pathlib import Path

import geoinnenstadt as gi
from geoinnenstadt import briefing as br

print("geoinnenstadt", gi.__version__, "– Beispielstädte:", ", ".join(gi.list_samples()))

# %% [markdown]
# ## 1. Daten laden
#
# `gi.load_sample(name)` liefert eine `gi.City` mit einer GeoDataFrame je Ebene
# (Quartiere, Gewerbeeinheiten, Wirtschaftsflächen, …), alle in ETRS89 / UTM 32N.
# Eigene Daten liest `gi.read_city("stadt.gpkg")` oder, Ebene für Ebene,
# `gi.read_layer(pfad, kind=...)`.

# %%
city = br.load_data(data)
br.sample_note(city, lang=lang)
city

# %% [markdown]
# ## 2. Eigene Daten prüfen
#
# Wir schreiben die Quartiere mit „kommunalen“ Spaltennamen in eine Datei und
# lesen sie mit einer Spaltenzuordnung wieder ein – so sieht der Import eines
# typischen Exports aus dem Fachverfahren aus. `read_layer` projiziert um,
# benennt Spalten um und prüft alle Regeln des Datenmodells.

# %%
workdir = Path(tempfile.mkdtemp())
export = city.quarters.rename(columns={"quarter_id": "STV_NR", "name": "STV_NAME"}).to_crs("EPSG:4326")
export.to_file(workdir / "quartiere.gpkg", layer="quartiere")
quarters = gi.read_layer(workdir / "quartiere.gpkg", kind="quarters",
                         columns={"STV_NR": "quarter_id", "STV_NAME": "name"})
report = gi.validate(quarters, kind="quarters")
print(report.summary())

# %% [markdown]
# Fehlerhafte Daten werden nicht stillschweigend repariert: Der Prüfbericht
# nennt jede Zeile, die Spalte, das Problem und einen Hinweis.

# %%
bad = city.units.head(3).copy()
bad.loc[bad.index[0], "status"] = "leer"
bad.loc[bad.index[1], "floor_area_m2"] = 0
gi.validate(bad, kind="units").errors

# %% [markdown]
# ## 3. Eine Kennzahl berechnen
#
# Leerstandsquote je Quartier zum Stichtag (Anteil leer stehender Einheiten,
# dazu der Anteil nach Fläche und der langfristige Leerstand).

# %%
rates = gi.vacancy.rates(city.units, city.quarters, at=at)
br.show_table(rates.drop(columns=["survey_date"], errors="ignore"), lang=lang,
              caption="Leerstand je Quartier")

# %% [markdown]
# ## 4. Eine Karte zeichnen
#
# Interaktiv mit folium (offline lauffähig, alle Werte maskiert) …

# %%
m = gi.maps.vacancy_map(city, at=at, lang=lang)
br.show_map(m, offline=offline)

# %% [markdown]
# … oder als Druckkarte mit Maßstab, Nordpfeil und Quellenangabe.

# %%
br.show_figure(gi.plots.vacancy_plot(city, at=at, lang=lang), lang=lang)
