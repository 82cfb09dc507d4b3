<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:ave="http://repository.gdi-de.org/schemas/adv/produkt/alkis-vereinfacht/2.0" numberMatched="3" numberReturned="3" timeStamp="2024-04-01T10:00:00Z">
  <wfs:member>
    <ave:Flurstueck gml:id="DENW36AL10000aXyFL">
      <ave:geometrie>
        <gml:MultiSurface gml:id="DENW36AL10000aXyFL.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:surfaceMember>
            <gml:Polygon gml:id="DENW36AL10000aXyFL.geom.1">
              <gml:exterior><gml:LinearRing><gml:posList>393020.000 5708000.000 393020.000 5708030.000 393000.000 5708030.000 393000.000 5708000.000 393020.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </ave:geometrie>
      <ave:oid>DENW36AL10000aXyFL</ave:oid>
      <ave:aktualit>2024-03-15</ave:aktualit>
      <ave:idflurst>DENW36AL10000aXy</ave:idflurst>
      <ave:flaeche>600.0</ave:flaeche>
      <ave:flstkennz>05453300101559______</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>001</ave:flur>
      <ave:flurschl>054533001</ave:flurschl>
      <ave:flstnrzae>1559</ave:flstnrzae>
      <ave:flstnrnen/>
      <ave:regbezirk>Arnsberg</ave:regbezirk>
      <ave:regbezschl>059</ave:regbezschl>
      <ave:kreis>Dortmund</ave:kreis>
      <ave:kreisschl>05913</ave:kreisschl>
      <ave:gemeinde>Dortmund</ave:gemeinde>
      <ave:gmdschl>05913000</ave:gmdschl>
      <ave:abwrecht/>
      <ave:lagebeztxt>Westenhellweg 12</ave:lagebeztxt>
      <ave:tntxt>Handel und Dienstleistung;600</ave:tntxt>
    </ave:Flurstueck>
  </wfs:member>
  <wfs:member>
    <ave:Flurstueck gml:id="DENW36AL10000bXyFL">
      <ave:geometrie>
        <gml:MultiSurface gml:id="DENW36AL10000bXyFL.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:surfaceMember>
            <gml:Polygon gml:id="DENW36AL10000bXyFL.geom.1">
              <gml:exterior><gml:LinearRing><gml:posList>393040.000 5708000.000 393040.000 5708020.000 393020.000 5708020.000 393020.000 5708000.000 393040.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </ave:geometrie>
      <ave:oid>DENW36AL10000bXyFL</ave:oid>
      <ave:aktualit>2023-11-02</ave:aktualit>
      <ave:idflurst>DENW36AL10000bXy</ave:idflurst>
      <ave:flaeche>400.0</ave:flaeche>
      <ave:flstkennz>054533001001230004__</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>001</ave:flur>
      <ave:flurschl>054533001</ave:flurschl>
      <ave:flstnrzae>123</ave:flstnrzae>
      <ave:flstnrnen>4</ave:flstnrnen>
      <ave:regbezirk>Arnsberg</ave:regbezirk>
      <ave:regbezschl>059</ave:regbezschl>
      <ave:kreis>Dortmund</ave:kreis>
      <ave:kreisschl>05913</ave:kreisschl>
      <ave:gemeinde>Dortmund</ave:gemeinde>
      <ave:gmdschl>05913000</ave:gmdschl>
      <ave:abwrecht/>
      <ave:lagebeztxt>Stettfelder Straße 14a, 16</ave:lagebeztxt>
      <ave:tntxt>Wohnbaufläche;400</ave:tntxt>
    </ave:Flurstueck>
  </wfs:member>
  <wfs:member>
    <ave:Flurstueck gml:id="DENW36AL10000cXyFL">
      <ave:geometrie>
        <gml:MultiSurface gml:id="DENW36AL10000cXyFL.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:surfaceMember>
            <gml:Polygon gml:id="DENW36AL10000cXyFL.geom.1">
              <gml:exterior><gml:LinearRing><gml:posList>393060.000 5708000.000 393060.000 5708025.000 393040.000 5708025.000 393040.000 5708000.000 393060.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </ave:geometrie>
      <ave:oid>DENW36AL10000cXyFL</ave:oid>
      <ave:aktualit>2022-05-30</ave:aktualit>
      <ave:idflurst>DENW36AL10000cXy</ave:idflurst>
      <ave:flaeche>1000.0</ave:flaeche>
      <ave:flstkennz>05453300200077______</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>002</ave:flur>
      <ave:flurschl>054533002</ave:flurschl>
      <ave:flstnrzae>77</ave:flstnrzae>
      <ave:flstnrnen/>
      <ave:regbezirk>Arnsberg</ave:regbezirk>
      <ave:regbezschl>059</ave:regbezschl>
      <ave:kreis>Dortmund</ave:kreis>
      <ave:kreisschl>05913</ave:kreisschl>
      <ave:gemeinde>Dortmund</ave:gemeinde>
      <ave:gmdschl>05913000</ave:gmdschl>
      <ave:abwrecht/>
      <ave:lagebeztxt>Kampstraße 3</ave:lagebeztxt>
      <ave:tntxt>Wohnbaufläche;1000</ave:tntxt>
    </ave:Flurstueck>
  </wfs:member>
</wfs:FeatureCollection>
