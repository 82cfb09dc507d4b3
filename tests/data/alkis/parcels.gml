<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:ave="http://repository.gdi-de.org/schemas/adv/produkt/alkis-vereinfacht/2.0" numberMatched="4" numberReturned="4" timeStamp="2024-04-01T10:00:00Z">
  <wfs:member>
    <ave:Flurstueck gml:id="Flurstueck.1">
      <ave:idflurst>DENW36AL10000aFL</ave:idflurst>
      <ave:flstkennz>05453300101559______</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>1</ave:flur>
      <ave:flurschl>054533001</ave:flurschl>
      <ave:flstnrzae>1559</ave:flstnrzae>
      <ave:flstnrnen/>
      <ave:flaeche>600.0</ave:flaeche>
      <ave:lagebeztxt>Westenhellweg 12</ave:lagebeztxt>
      <ave:tntxt>Handel und Dienstleistung;600</ave:tntxt>
      <ave:aktualit>2024-03-15Z</ave:aktualit>
      <ave:geometrie>
        <gml:Polygon gml:id="Flurstueck.1.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:exterior><gml:LinearRing><gml:posList>393020.000 5708000.000 393020.000 5708030.000 393000.000 5708030.000 393000.000 5708000.000 393020.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ave:geometrie>
    </ave:Flurstueck>
  </wfs:member>
  <wfs:member>
    <ave:Flurstueck gml:id="Flurstueck.2">
      <ave:idflurst>DENW36AL10000bFL</ave:idflurst>
      <ave:flstkennz>054533001001230004__</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>1</ave:flur>
      <ave:flurschl>054533001</ave:flurschl>
      <ave:flstnrzae>123</ave:flstnrzae>
      <ave:flstnrnen>4</ave:flstnrnen>
      <ave:flaeche>400.0</ave:flaeche>
      <ave:lagebeztxt>Stettfelder Straße 14a, 16</ave:lagebeztxt>
      <ave:tntxt>Wohnbaufläche;400</ave:tntxt>
      <ave:aktualit>2023-11-02Z</ave:aktualit>
      <ave:geometrie>
        <gml:Polygon gml:id="Flurstueck.2.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:exterior><gml:LinearRing><gml:posList>393040.000 5708000.000 393040.000 5708020.000 393020.000 5708020.000 393020.000 5708000.000 393040.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ave:geometrie>
    </ave:Flurstueck>
  </wfs:member>
  <wfs:member>
    <ave:Flurstueck gml:id="Flurstueck.3">
      <ave:idflurst>DENW36AL10000cFL</ave:idflurst>
      <ave:flstkennz>05453300200077______</ave:flstkennz>
      <ave:land>Nordrhein-Westfalen</ave:land>
      <ave:landschl>05</ave:landschl>
      <ave:gemarkung>Dortmund</ave:gemarkung>
      <ave:gemaschl>054533</ave:gemaschl>
      <ave:flur>2</ave:flur>
      <ave:flurschl>054533002</ave:flurschl>
      <ave:flstnrzae>77</ave:flstnrzae>
      <ave:flstnrnen/>
      <ave:flaeche>1000.0</ave:flaeche>
      <ave:lagebeztxt>Kampstraße 3</ave:lagebeztxt>
      <ave:tntxt>Wohnbaufläche;1000</ave:tntxt>
      <ave:aktualit>2022-05-30Z</ave:aktualit>
      <ave:geometrie>
        <gml:Polygon gml:id="Flurstueck.3.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:exterior><gml:LinearRing><gml:posList>393060.000 5708000.000 393060.000 5708025.000 393040.000 5708025.000 393040.000 5708000.000 393060.000 5708000.000</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ave:geometrie>
    </ave:Flurstueck>
  </wfs:member>
  <wfs:member>
    <ave:Flurstueck gml:id="Flurstueck.4">
      <ave:idflurst>DEBYvAAAAAAA7hFL</ave:idflurst>
      <ave:flstkennz>090967___00707______</ave:flstkennz>
      <ave:land>Bayern</ave:land>
      <ave:landschl>09</ave:landschl>
      <ave:gemarkung>Schweinfurt</ave:gemarkung>
      <ave:gemaschl>090967</ave:gemaschl>
      <ave:flur/>
      <ave:flurschl/>
      <ave:flstnrzae>707</ave:flstnrzae>
      <ave:flstnrnen/>
      <ave:flaeche>250.0</ave:flaeche>
      <ave:lagebeztxt>Nähe Georg-Schäfer-Straße</ave:lagebeztxt>
      <ave:tntxt>Grünanlage;250</ave:tntxt>
      <ave:aktualit>2024-01-10Z</ave:aktualit>
      <ave:geometrie>
        <gml:Polygon gml:id="Flurstueck.4.geom" srsName="urn:ogc:def:crs:EPSG::25832">
          <gml:exterior><gml:LinearRing><gml:posList>585010.000 5545000.000 585010.000 5545025.000 585000.000 5545025.000 585000.000 5545000.000 585010.000 5545000.000</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ave:geometrie>
    </ave:Flurstueck>
  </wfs:member>
</wfs:FeatureCollection>
