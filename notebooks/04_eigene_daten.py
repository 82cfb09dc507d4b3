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
#     title: Eigene Daten – ALKIS, Adressliste und OpenStreetMap
#     requires: [quarters, units, parcels]
# ---

# %% [markdown]
# # Eigene Daten: ALKIS, Adressliste und OpenStreetMap
#
# Ein Tutorial (kein Briefing; `geoinnenstadt briefing` baut es nur auf
# ausdrücklichen Wunsch): So kommen die Daten, die Kommunen, Länder und
# OpenStreetMap tatsächlich veröffentlichen, in einem Aufruf je Quelle in eine
# `gi.City` – ALKIS-Flurstücke ohne Spaltenzuordnung, eine Leerstandsliste
# mit Adressen statt Koordinaten (offline geokodiert über Hauskoordinaten)
# und ein OSM-Auszug mit Läden und Leerständen. Damit das Notebook ohne Netz
# läuft, schreibt es kleine Beispieldateien aus einer Beispielstadt in einen
# temporären Ordner; mit eigenen Dateien entfallen diese Schritte.

# %% tags=["parameters"]
data = "duesseldorf"
at = None
lang = "de"
offline = True
public = False

# %%
import tempfile
from pathlib import Path

import osmium
import pandas as pd

import geoinnenstadt as gi
from geoinnenstadt import briefing as br

city = br.load_data(data)
br.sample_note(city, lang=lang)
workdir = Path(tempfile.mkdtemp())

# %% [markdown]
# ## 1. ALKIS-Flurstücke (ALKIS vereinfacht)
#
# Die Länder geben Flurstücke im AdV-Schema „ALKIS vereinfacht“ ab
# (`flstkennz`, `gemarkung`, `flur`, `flstnrzae`, `flstnrnen`, `flaeche`,
# `lagebeztxt` …). `read_layer` erkennt die Spalten ohne Zuordnung, bildet das
# 20-stellige Flurstückskennzeichen und behält die amtliche Fläche.

# %%
alkis = city.parcels.assign(
    flstkennz=city.parcels["parcel_id"],
    flaeche=city.parcels.area.round(),
)[["flstkennz", "flaeche", "geometry"]]
alkis.to_file(workdir / "alkis_vereinfacht.gpkg", layer="flurstueck")
parcels = gi.read_layer(workdir / "alkis_vereinfacht.gpkg", kind="parcels")
parcels.head()

# %% [markdown]
# ## 2. Leerstandsliste mit Adressen – offline geokodiert
#
# Viele Leerstandskataster sind Adresslisten ohne Koordinaten. Die
# Hauskoordinaten (amtliche georeferenzierte Gebäudeadressen) dienen als
# Referenz; `gi.geocode` ordnet jede Zeile zu und sagt, wie sicher
# (`exact`, `normalised`, `nearest_number`, `street`, `ambiguous`, `none`;
# `match_note` nennt den Grund, z. B. eine widersprechende PLZ).

# %%
latest = city.units[city.units["survey_date"] == city.units["survey_date"].max()]
houses = latest.drop_duplicates("address")
parts = houses["address"].str.extract(r"^(?P<strname>.+?)\s+(?P<hsnr>\d+)\s*(?P<hsnrzu>[a-zA-Z]?)$")
hauskoordinaten = houses[["geometry"]].join(parts)
hauskoordinaten.to_file(workdir / "hauskoordinaten.gpkg", layer="hauskoordinaten")
reference = gi.read_addresses(workdir / "hauskoordinaten.gpkg")

liste = pd.DataFrame({
    "Nr": latest["unit_id"],
    "Adresse": latest["address"].str.replace("Straße", "Str."),
    "Status": latest["status"],
    "Fläche": latest["floor_area_m2"],
    "Leer seit": latest["vacant_since"],
    "Stichtag": latest["survey_date"],
})  # fmt: skip
liste.to_csv(workdir / "leerstandsliste.csv", sep=";", index=False)
geocoded = gi.geocode(pd.read_csv(workdir / "leerstandsliste.csv", sep=";"), reference, address="Adresse")
geocoded["match"].value_counts()

# %%
units = gi.read_layer(
    gi.io.write_layer(geocoded[geocoded.geometry.notna()], workdir / "leerstand.gpkg"),
    kind="units",
    columns={"Nr": "unit_id", "Adresse": "address", "Status": "status", "Fläche": "floor_area_m2",
             "Leer seit": "vacant_since", "Stichtag": "survey_date"},
)  # fmt: skip
print(len(units), "Einheiten geokodiert")

# %% [markdown]
# ## 3. OpenStreetMap: Läden und Leerstände
#
# Ein OSM-Auszug (`.osm`, `.osm.gz`, `.osm.pbf`) wird mit `kind="units"`
# gelesen: `shop=*` und ähnliche Betriebe als genutzt, `shop=vacant`,
# `disused:shop=*` als leer. OSM kennt keine Flächen: Flächenquoten lassen
# diese Einheiten aus und sagen es; die Quote nach Anzahl zählt sie mit.

# %%
shops = latest.to_crs("EPSG:4326").reset_index(drop=True)
with osmium.SimpleWriter(str(workdir / "innenstadt.osm.pbf")) as writer:
    for i, row in shops.iterrows():
        tag = {"shop": "vacant"} if row["status"] == "vacant" else {"shop": "clothes"}
        writer.add_node(osmium.osm.mutable.Node(
            id=i + 1, location=(row.geometry.x, row.geometry.y),
            tags={**tag, "addr:street": str(row["address"])},
        ))  # fmt: skip
osm_units = gi.read_layer(workdir / "innenstadt.osm.pbf", kind="units", survey_date=latest["survey_date"].max())
osm_units[["unit_id", "status", "use", "address", "source"]].head()

# %% [markdown]
# ## 4. Eine City daraus – und die Auswertung
#
# Die gelesenen Ebenen ergeben eine `gi.City`; alle Auswertungen, Karten und
# Briefings arbeiten mit ihr wie mit einer Beispielstadt.

# %%
own = gi.City(quarters=city.quarters, units=units, parcels=parcels,
              meta={**city.meta, "name": f"{city.name} (eigene Daten)"})  # fmt: skip
rates = gi.vacancy.rates(own.units, own.quarters, at=at)
br.show_table(rates.drop(columns=["survey_date"], errors="ignore"), lang=lang,
              caption="Leerstand je Quartier (Leerstandsliste)")  # fmt: skip

# %%
osm_rates = gi.vacancy.rates(osm_units, own.quarters, at=at)
print("Einheiten ohne Fläche (OSM):", osm_rates.attrs["units_without_floor_area"])
br.show_table(osm_rates[["name", "units", "vacant", "vacancy_rate"]], lang=lang,
              caption="Leerstand je Quartier (OpenStreetMap, nach Anzahl)")  # fmt: skip

# %%
m = gi.maps.vacancy_map(own, at=at, lang=lang)
br.show_map(m, offline=offline)
