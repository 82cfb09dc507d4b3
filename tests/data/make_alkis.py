"""Write the hand-made ALKIS vereinfacht fixtures in tests/data/alkis/ (no downloads).

Four parcels in EPSG:25832, from two Länder:

=====================  =====  =========  ==================  =============================
parcel_id              Land   flaeche    geometry area (m²)  notes
=====================  =====  =========  ==================  =============================
05453300101559______   05     600        600                 empty Nenner
054533001001230004__   05     400        400                 Nenner 4
05453300200077______   05     1000       500                 clipped at the extract's edge
090967___00707______   09     250        250                 Bavaria: no Flur, empty Nenner
=====================  =====  =========  ==================  =============================

The same parcels are written as

* ``parcels.shp`` — Shapefile, UPPER-CASE DBF names, no FLSTKENNZ (the id is built from
  LANDSCHL, GEMASCHL, FLURSCHL, FLSTNRZAE, FLSTNRNEN), names in LAND/GEMARKUNG;
* ``parcels.gpkg`` — GeoPackage, lower case, with flstkennz and every part;
* ``parcels.geojson`` — GeoJSON with flstkennz, ``land``/``gemarkung`` as names;
* ``parcels.gml`` — a WFS 2.0 GetFeature response (GML 3.2) as NRW's ALKIS vereinfacht WFS
  sends it (codes such as gemaschl ``054533`` are read by GDAL as numbers).

Run ``python tests/data/make_alkis.py`` to write them again.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

HERE = Path(__file__).parent / "alkis"

#: (land code, land name, gemaschl, gemarkung name, flurschl, flur, zähler, nenner, flaeche,
#:  geometry, lagebeztxt, tntxt, aktualit)
PARCELS = [
    (
        "05",
        "Nordrhein-Westfalen",
        "054533",
        "Dortmund",
        "054533001",
        "1",
        "1559",
        "",
        600.0,
        box(393000, 5708000, 393020, 5708030),
        "Westenhellweg 12",
        "Handel und Dienstleistung;600",
        "2024-03-15Z",
    ),
    (
        "05",
        "Nordrhein-Westfalen",
        "054533",
        "Dortmund",
        "054533001",
        "1",
        "123",
        "4",
        400.0,
        box(393020, 5708000, 393040, 5708020),
        "Stettfelder Straße 14a, 16",
        "Wohnbaufläche;400",
        "2023-11-02Z",
    ),
    (
        "05",
        "Nordrhein-Westfalen",
        "054533",
        "Dortmund",
        "054533002",
        "2",
        "77",
        "",
        1000.0,
        box(393040, 5708000, 393060, 5708025),
        "Kampstraße 3",
        "Wohnbaufläche;1000",
        "2022-05-30Z",
    ),
    (
        "09",
        "Bayern",
        "090967",
        "Schweinfurt",
        "",
        "",
        "707",
        "",
        250.0,
        box(585000, 5545000, 585010, 5545025),
        "Nähe Georg-Schäfer-Straße",
        "Grünanlage;250",
        "2024-01-10Z",
    ),
]
IDS = [
    "05453300101559______",
    "054533001001230004__",
    "05453300200077______",
    "090967___00707______",
]
IDFLURST = ["DENW36AL10000aFL", "DENW36AL10000bFL", "DENW36AL10000cFL", "DEBYvAAAAAAA7hFL"]


def frame(*, upper: bool = False, kennz: bool = True) -> gpd.GeoDataFrame:
    rows = []
    for pid, oid, p in zip(IDS, IDFLURST, PARCELS, strict=True):
        land, land_name, gemaschl, gem_name, flurschl, flur, zae, nen, fl, _, lage, tn, akt = p
        row = {"idflurst": oid}
        if kennz:
            row["flstkennz"] = pid
        row.update(
            land=land_name,
            landschl=land,
            gemarkung=gem_name,
            gemaschl=gemaschl,
            flur=flur,
            flurschl=flurschl,
            flstnrzae=zae,
            flstnrnen=nen,
            flaeche=fl,
            lagebeztxt=lage,
            tntxt=tn,
            aktualit=akt,
            gemeinde=gem_name,
        )
        rows.append(row)
    gdf = gpd.GeoDataFrame(rows, geometry=[p[9] for p in PARCELS], crs="EPSG:25832")
    if upper:
        gdf = gdf.rename(columns={c: c.upper() for c in gdf.columns if c != "geometry"})
    return gdf


def _pos_list(geom) -> str:  # type: ignore[no-untyped-def]
    return " ".join(f"{x:.3f} {y:.3f}" for x, y in geom.exterior.coords)


def gml() -> str:
    members = []
    for i, (pid, oid, p) in enumerate(zip(IDS, IDFLURST, PARCELS, strict=True)):
        land, land_name, gemaschl, gem_name, flurschl, flur, zae, nen, fl, geom, lage, tn, akt = p
        props = {
            "idflurst": oid,
            "flstkennz": pid,
            "land": land_name,
            "landschl": land,
            "gemarkung": gem_name,
            "gemaschl": gemaschl,
            "flur": flur,
            "flurschl": flurschl,
            "flstnrzae": zae,
            "flstnrnen": nen,
            "flaeche": f"{fl:.1f}",
            "lagebeztxt": lage,
            "tntxt": tn,
            "aktualit": akt,
        }
        fields = "\n".join(
            f"      <ave:{k}>{v}</ave:{k}>" if v != "" else f"      <ave:{k}/>"
            for k, v in props.items()
        )
        members.append(
            f"""  <wfs:member>
    <ave:Flurstueck gml:id="Flurstueck.{i + 1}">
{fields}
      <ave:geometrie>
        <gml:Polygon gml:id="Flurstueck.{i + 1}.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:exterior><gml:LinearRing><gml:posList>{_pos_list(geom)}</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ave:geometrie>
    </ave:Flurstueck>
  </wfs:member>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" '
        'xmlns:ave="http://repository.gdi-de.org/schemas/adv/produkt/alkis-vereinfacht/2.0" '
        f'numberMatched="{len(IDS)}" numberReturned="{len(IDS)}" '
        'timeStamp="2024-04-01T10:00:00Z">\n' + "\n".join(members) + "\n</wfs:FeatureCollection>\n"
    )


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for old in HERE.glob("parcels.*"):
        old.unlink()
    frame(upper=True, kennz=False).to_file(HERE / "parcels.shp", engine="pyogrio", encoding="utf-8")
    frame().to_file(HERE / "parcels.gpkg", layer="flurstueck", engine="pyogrio")
    frame().to_file(HERE / "parcels.geojson", driver="GeoJSON", engine="pyogrio")
    (HERE / "parcels.gml").write_text(gml(), encoding="utf-8")


if __name__ == "__main__":
    main()
