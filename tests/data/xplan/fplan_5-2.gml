<?xml version="1.0" encoding="utf-8"?>
<xplan:XPlanAuszug xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D7F" xsi:schemaLocation="http://www.xplanung.de/xplangml/5/2 http://www.xplanungwiki.de/upload/XPlanGML/5.2/Schema/XPlanung-Operationen.xsd" xmlns:xplan="http://www.xplanung.de/xplangml/5/2">
  <gml:boundedBy>
    <gml:Envelope srsName="EPSG:25832">
      <gml:lowerCorner>393000 5708000</gml:lowerCorner>
      <gml:upperCorner>393300 5708200</gml:upperCorner>
    </gml:Envelope>
  </gml:boundedBy>
  <gml:featureMember>
    <xplan:FP_Plan gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D70">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>393000 5708000</gml:lowerCorner>
          <gml:upperCorner>393300 5708200</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:name>FNP Insel (erfundene Werte)</xplan:name>
      <xplan:raeumlicherGeltungsbereich>
        <gml:Polygon gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D80" srsName="EPSG:25832">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393000 5708200 393000 5708000 393300 5708000 
393300 5708200 393000 5708200 
</gml:posList>
            </gml:LinearRing>
          </gml:exterior>
          <gml:interior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393100 5708140 393200 5708140 393200 5708080 
393100 5708080 393100 5708140 
</gml:posList>
            </gml:LinearRing>
          </gml:interior>
        </gml:Polygon>
      </xplan:raeumlicherGeltungsbereich>
      <xplan:gemeinde>
        <xplan:XP_Gemeinde>
          <xplan:ags>05913000</xplan:ags>
        </xplan:XP_Gemeinde>
      </xplan:gemeinde>
      <xplan:planArt>1000</xplan:planArt>
      <xplan:bereich xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D71" />
    </xplan:FP_Plan>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:FP_Bereich gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D71">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>393000 5708000</gml:lowerCorner>
          <gml:upperCorner>393300 5708200</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:nummer>0</xplan:nummer>
      <xplan:geltungsbereich>
        <gml:Polygon gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D81" srsName="EPSG:25832">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393000 5708200 393000 5708000 393300 5708000 
393300 5708200 393000 5708200 
</gml:posList>
            </gml:LinearRing>
          </gml:exterior>
          <gml:interior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393100 5708140 393200 5708140 393200 5708080 
393100 5708080 393100 5708140 
</gml:posList>
            </gml:LinearRing>
          </gml:interior>
        </gml:Polygon>
      </xplan:geltungsbereich>
      <xplan:planinhalt xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D72" />
      <xplan:planinhalt xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D73" />
      <xplan:gehoertZuPlan xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D70" />
    </xplan:FP_Bereich>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:FP_Landwirtschaft gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D72">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>393000 5708140</gml:lowerCorner>
          <gml:upperCorner>393300 5708200</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:gehoertZuBereich xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D71" />
      <xplan:rechtscharakter>9998</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D82" srsName="EPSG:25832">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393000 5708200 393000 5708140 393100 5708140 
393200 5708140 393300 5708140 393300 5708200 
393000 5708200 
</gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
    </xplan:FP_Landwirtschaft>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:FP_BebauungsFlaeche gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D73">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>393000 5708000</gml:lowerCorner>
          <gml:upperCorner>393300 5708140</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:gehoertZuBereich xlink:href="#Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D71" />
      <xplan:rechtscharakter>9998</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon gml:id="Gml_5C1B2E70-8D43-4A5B-9E61-2F3A4B5C6D83" srsName="EPSG:25832">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsName="EPSG:25832">393000 5708140 393000 5708000 393300 5708000 
393300 5708140 393200 5708140 393200 5708080 
393100 5708080 393100 5708140 393000 5708140 
</gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:allgArtDerBaulNutzung>2000</xplan:allgArtDerBaulNutzung>
      <xplan:besondereArtDerBaulNutzung>1400</xplan:besondereArtDerBaulNutzung>
    </xplan:FP_BebauungsFlaeche>
  </gml:featureMember>
</xplan:XPlanAuszug>
