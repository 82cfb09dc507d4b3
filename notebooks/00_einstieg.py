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
# **So öffnen Sie dieses Notebook in JupyterLab.** Die Notebooks liegen als
# Python-Dateien (`.py`, jupytext-Format „percent“) im Ordner `notebooks/`.
#
# 1. JupyterLab starten: im Projektordner `make lab` – oder
#    `pip install ".[lab]"` im Projektordner und dann `jupyter lab`.
# 2. Im Dateibrowser Rechtsklick auf `00_einstieg.py` →
#    **Open With → Notebook** (jupytext, mit dem `[lab]`-Extra installiert,
#    öffnet die `.py`-Datei als Notebook und speichert Änderungen wieder in
#    die `.py`-Datei).
# 3. Alle Zellen ausführen (**Run → Run All Cells**).
#
# Für Forschende und Fachleute, die mit Python arbeiten: eine Beispielstadt
# laden, eigene Daten prüfen, eine Kennzahl berechnen und eine Karte zeichnen.
# Alles funktioniert **ohne Internet**: Karten bringen Leaflet mit
# (`gi.settings.offline = True`, die Voreinstellung); erst mit
# `gi.settings.offline = False` werden Leaflet aus dem Netz und
# OpenStreetMap-Kacheln geladen.

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

# %% [markdown]
# Die letzte Zeile einer Zelle zeigt die Stadt als Übersicht: Ebenen, Zeilen,
# Geometrie, Koordinatensystem, Erhebungen, ob personenbezogene Spalten
# enthalten sind – und das Kennzeichen „Beispieldaten“ bei synthetischen Daten.

# %%
gi.settings.language = lang
gi.settings.offline = offline
city = br.load_data(data)
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
# nennt jede Zeile, die Spalte, das Problem und einen Hinweis (als Tabelle;
# `report.errors` ist dieselbe Liste als DataFrame).

# %%
bad = city.units.head(3).copy()
bad.loc[bad.index[0], "status"] = "leer"
bad.loc[bad.index[1], "floor_area_m2"] = 0
gi.validate(bad, kind="units")

# %% [markdown]
# ## 3. Eine Kennzahl berechnen
#
# Leerstandsquote je Quartier zum Stichtag (Anteil leer stehender Einheiten,
# dazu der Anteil nach Fläche und der langfristige Leerstand).

# %%
rates = gi.vacancy.rates(city.units, city.quarters, at=at)
gi.labels.display_table(rates.drop(columns=["survey_date"], errors="ignore"),
                        caption="Leerstand je Quartier")

# %% [markdown]
# ## 4. Eine Karte zeichnen
#
# Interaktiv mit folium: die Karte erscheint direkt unter der Zelle, offline
# lauffähig (Leaflet eingebettet, keine Kacheln), alle Werte maskiert. Eigene
# folium-Ebenen lassen sich hinzufügen; mit `m=` zeichnen weitere Karten in
# dieselbe Karte. `gi.maps.save_html(m, "karte.html")` speichert sie als
# eine Datei.

# %% [markdown]
# Karte, Druckkarte, Diagramm und Tabellen zeigen dieselben Zahlen, wenn sie aus
# einem *Panel* entstehen: `gi.vacancy.panel` berechnet alle Kennzahlen zu jedem
# Erhebungsstichtag einmal (mit `min_count=` auch, welche Quartiere bei einer
# Veröffentlichung gesperrt sind); jede Ausgabe nimmt es mit `panel=`.

# %%
panel = gi.vacancy.panel(city.units, city.quarters, at=at)
m = gi.maps.vacancy_map(city, panel=panel, lang=lang)
m

# %% [markdown]
# … oder als Druckkarte mit Maßstab, Nordpfeil und Quellenangabe.

# %%
br.show_figure(gi.plots.vacancy_plot(city, panel=panel, lang=lang), lang=lang)
