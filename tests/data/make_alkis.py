"""Write the ALKIS vereinfacht fixtures in tests/data/alkis/ (no downloads).

The structure follows the real exports (tests/data/SOURCES.md names them): NRW's
GeoPackage per Kreis and WFS, Brandenburg's zipped Shapefiles. Values are invented.

Three NRW parcels (Land 05, EPSG:25832), the NRW attribute list in its order
(``oid``, ``aktualit``, ``idflurst``, ``flaeche``, ``flstkennz``, ``land``,
``landschl``, ``gemarkung``, ``gemaschl``, ``flur``, ``flurschl``, ``flstnrzae``,
``flstnrnen``, ``regbezirk``, ``regbezschl``, ``kreis``, ``kreisschl``,
``gemeinde``, ``gmdschl``, ``abwrecht``, ``lagebeztxt``, ``tntxt``):

=====================  =========  ==================  =============================
parcel_id              flaeche    geometry area (m²)  notes
=====================  =========  ==================  =============================
05453300101559______   600        600                 no Nenner (NULL)
054533001001230004__   400        400                 Nenner 4
05453300200077______   1000       500                 clipped at the extract's edge
=====================  =========  ==================  =============================

written as

* ``parcels.gpkg`` — GeoPackage, layer ``Flurstueck`` (``aktualit`` a date, ``flaeche`` real)
  beside the building layer ``GebauedeBauwerk`` (so spelt in the loader notes SOURCES.md
  names) with one building, as the NRW GeoPackage per Kreis holds several layers;
* ``parcels.gml`` — a WFS 2.0 GetFeature response (GML 3.2, namespace alkis-vereinfacht/2.0,
  ``ave:geometrie`` first, codes such as gemaschl ``054533`` read by GDAL as numbers).

Two Brandenburg parcels (Land 12, EPSG:25833) as Brandenburg's Shapefile ``parcels.shp``:
the same attributes with ``tntext`` instead of ``tntxt`` and the parcel number once more
as ``flurstnr`` (``246/3``), ``regbezirk``/``regbezschl`` empty (Brandenburg has no
Regierungsbezirke), ``flstnrnen`` an empty text when there is no Nenner.

Run ``python tests/data/make_alkis.py`` to write them again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, box

HERE = Path(__file__).parent / "alkis"

NRW_IDS = ["05453300101559______", "054533001001230004__", "05453300200077______"]
NRW = [
    {
        "oid": "DENW36AL10000aXyFL",
        "aktualit": dt.date(2024, 3, 15),
        "idflurst": "DENW36AL10000aXy",
        "flaeche": 600.0,
        "flstkennz": NRW_IDS[0],
        "land": "Nordrhein-Westfalen",
        "landschl": "05",
        "gemarkung": "Dortmund",
        "gemaschl": "054533",
        "flur": "001",
        "flurschl": "054533001",
        "flstnrzae": "1559",
        "flstnrnen": None,
        "regbezirk": "Arnsberg",
        "regbezschl": "059",
        "kreis": "Dortmund",
        "kreisschl": "05913",
        "gemeinde": "Dortmund",
        "gmdschl": "05913000",
        "abwrecht": None,
        "lagebeztxt": "Westenhellweg 12",
        "tntxt": "Handel und Dienstleistung;600",
    },
    {
        "oid": "DENW36AL10000bXyFL",
        "aktualit": dt.date(2023, 11, 2),
        "idflurst": "DENW36AL10000bXy",
        "flaeche": 400.0,
        "flstkennz": NRW_IDS[1],
        "land": "Nordrhein-Westfalen",
        "landschl": "05",
        "gemarkung": "Dortmund",
        "gemaschl": "054533",
        "flur": "001",
        "flurschl": "054533001",
        "flstnrzae": "123",
        "flstnrnen": "4",
        "regbezirk": "Arnsberg",
        "regbezschl": "059",
        "kreis": "Dortmund",
        "kreisschl": "05913",
        "gemeinde": "Dortmund",
        "gmdschl": "05913000",
        "abwrecht": None,
        "lagebeztxt": "Stettfelder Straße 14a, 16",
        "tntxt": "Wohnbaufläche;400",
    },
    {
        "oid": "DENW36AL10000cXyFL",
        "aktualit": dt.date(2022, 5, 30),
        "idflurst": "DENW36AL10000cXy",
        "flaeche": 1000.0,
        "flstkennz": NRW_IDS[2],
        "land": "Nordrhein-Westfalen",
        "landschl": "05",
        "gemarkung": "Dortmund",
        "gemaschl": "054533",
        "flur": "002",
        "flurschl": "054533002",
        "flstnrzae": "77",
        "flstnrnen": None,
        "regbezirk": "Arnsberg",
        "regbezschl": "059",
        "kreis": "Dortmund",
        "kreisschl": "05913",
        "gemeinde": "Dortmund",
        "gmdschl": "05913000",
        "abwrecht": None,
        "lagebeztxt": "Kampstraße 3",
        "tntxt": "Wohnbaufläche;1000",
    },
]
NRW_GEOMETRY = [
    box(393000, 5708000, 393020, 5708030),
    box(393020, 5708000, 393040, 5708020),
    box(393040, 5708000, 393060, 5708025),  # clipped: half of the official 1,000 m²
]

BB_IDS = ["12120100100245______", "121201001002460003__"]
BB = [
    {
        "oid": "DEBBAL0100001AbCFL",
        "aktualit": dt.date(2025, 1, 20),
        "idflurst": "DEBBAL0100001AbC",
        "flaeche": 812.0,
        "flstkennz": BB_IDS[0],
        "land": "Brandenburg",
        "landschl": "12",
        "gemarkung": "Potsdam",
        "gemaschl": "121201",
        "flur": "1",
        "flurschl": "121201001",
        "flstnrzae": "245",
        "flstnrnen": "",
        "regbezirk": "",
        "regbezschl": "",
        "kreis": "Potsdam",
        "kreisschl": "12054",
        "gemeinde": "Potsdam",
        "gmdschl": "12054000",
        "abwrecht": "",
        "lagebeztxt": "Brandenburger Straße 30",
        "tntext": "Wohnbaufläche;812",
        "flurstnr": "245",
    },
    {
        "oid": "DEBBAL0100001AbDFL",
        "aktualit": dt.date(2024, 9, 2),
        "idflurst": "DEBBAL0100001AbD",
        "flaeche": 450.0,
        "flstkennz": BB_IDS[1],
        "land": "Brandenburg",
        "landschl": "12",
        "gemarkung": "Potsdam",
        "gemaschl": "121201",
        "flur": "1",
        "flurschl": "121201001",
        "flstnrzae": "246",
        "flstnrnen": "3",
        "regbezirk": "",
        "regbezschl": "",
        "kreis": "Potsdam",
        "kreisschl": "12054",
        "gemeinde": "Potsdam",
        "gmdschl": "12054000",
        "abwrecht": "",
        "lagebeztxt": "Nähe Brandenburger Straße",
        "tntext": "Handel und Dienstleistung;450",
        "flurstnr": "246/3",
    },
]
BB_GEOMETRY = [box(368000, 5806000, 368028, 5806029), box(368028, 5806000, 368046, 5806025)]


#: One building of the GeoPackage's second layer (NRW's building attributes).
BUILDING = {
    "oid": "DENW36AL10001aBLBL",
    "aktualit": dt.date(2024, 3, 15),
    "gebnutzbez": "Handel und Dienstleistung",
    "funktion": "Geschäftsgebäude",
    "gfkzshh": "31001_2050",
    "rellage": None,
    "name": None,
    "anzahlgs": 4,
    "gmdschl": "05913000",
    "lagebeztxt": "Westenhellweg 12",
}


def nrw_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        NRW, geometry=[MultiPolygon([g]) for g in NRW_GEOMETRY], crs="EPSG:25832"
    )


def bb_frame() -> gpd.GeoDataFrame:
    rows = [{**r, "aktualit": r["aktualit"].isoformat()} for r in BB]  # a text in the DBF
    return gpd.GeoDataFrame(rows, geometry=BB_GEOMETRY, crs="EPSG:25833")


def _pos_list(geom) -> str:  # type: ignore[no-untyped-def]
    return " ".join(f"{x:.3f} {y:.3f}" for x, y in geom.exterior.coords)


def gml() -> str:
    members = []
    for props, geom in zip(NRW, NRW_GEOMETRY, strict=True):
        oid = props["oid"]
        fields = "\n".join(
            f"      <ave:{k}>{v}</ave:{k}>" if v is not None else f"      <ave:{k}/>"
            for k, v in props.items()
        )
        members.append(
            f"""  <wfs:member>
    <ave:Flurstueck gml:id="{oid}">
      <ave:geometrie>
        <gml:MultiSurface gml:id="{oid}.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:surfaceMember>
            <gml:Polygon gml:id="{oid}.geom.1">
              <gml:exterior><gml:LinearRing><gml:posList>{_pos_list(geom)}</gml:posList></gml:LinearRing></gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </ave:geometrie>
{fields}
    </ave:Flurstueck>
  </wfs:member>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" '
        'xmlns:ave="http://repository.gdi-de.org/schemas/adv/produkt/alkis-vereinfacht/2.0" '
        f'numberMatched="{len(NRW)}" numberReturned="{len(NRW)}" '
        'timeStamp="2024-04-01T10:00:00Z">\n' + "\n".join(members) + "\n</wfs:FeatureCollection>\n"
    )


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for old in HERE.glob("parcels.*"):
        old.unlink()
    bb_frame().to_file(HERE / "parcels.shp", engine="pyogrio", encoding="utf-8")
    nrw_frame().to_file(HERE / "parcels.gpkg", layer="Flurstueck", engine="pyogrio")
    building = gpd.GeoDataFrame(
        [BUILDING], geometry=[MultiPolygon([box(393002, 5708002, 393018, 5708026)])], crs=25832
    )
    building.to_file(HERE / "parcels.gpkg", layer="GebauedeBauwerk", engine="pyogrio")
    (HERE / "parcels.gml").write_text(gml(), encoding="utf-8")


if __name__ == "__main__":
    main()
