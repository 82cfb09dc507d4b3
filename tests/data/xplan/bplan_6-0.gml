<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/6/0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:wfs="http://www.opengis.net/wfs" gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2dff" xsi:schemaLocation="http://www.xplanung.de/xplangml/6/0 https://repository.gdi-de.org/schemas/de.xleitstelle.xplanung/6.0/XPlanung-Operationen.xsd">
  <gml:boundedBy>
    <gml:Envelope srsName="EPSG:25832">
      <gml:lowerCorner>392000.000 5707000.000</gml:lowerCorner>
      <gml:upperCorner>392100.000 5707080.000</gml:upperCorner>
    </gml:Envelope>
  </gml:boundedBy>
  <gml:featureMember>
    <xplan:BP_Plan gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d00">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707000.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:name>Testplan B 6.0 (erfundene Werte)</xplan:name>
      <xplan:beschreibung>Testdaten</xplan:beschreibung>
      <xplan:technHerstellDatum>2021-07-01</xplan:technHerstellDatum>
      <xplan:wurdeGeaendertVonPlanBereich>
        <xplan:XP_VerbundenerPlanBereich>
          <xplan:planName>Testplan_Aend</xplan:planName>
          <xplan:aenderungsArt>10001</xplan:aenderungsArt>
          <xplan:aenderungsdatum>2018-04-03</xplan:aenderungsdatum>
          <xplan:bereichNummer>0</xplan:bereichNummer>
        </xplan:XP_VerbundenerPlanBereich>
      </xplan:wurdeGeaendertVonPlanBereich>
      <xplan:erstellungsMassstab>1000</xplan:erstellungsMassstab>
      <xplan:raeumlicherGeltungsbereich>
        <gml:MultiSurface srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f01">
          <gml:surfaceMember>
            <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f02">
              <gml:exterior>
                <gml:LinearRing>
                  <gml:posList srsDimension="2" count="5">392000.000 5707000.000 392100.000 5707000.000 392100.000 5707080.000 392000.000 5707080.000 392000.000 5707000.000 </gml:posList>
                </gml:LinearRing>
              </gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </xplan:raeumlicherGeltungsbereich>
      <xplan:gemeinde>
        <xplan:XP_Gemeinde>
          <xplan:ags>05913000</xplan:ags>
          <xplan:gemeindeName>Beispielstadt</xplan:gemeindeName>
        </xplan:XP_Gemeinde>
      </xplan:gemeinde>
      <xplan:planArt>10002</xplan:planArt>
      <xplan:rechtsstand>3000</xplan:rechtsstand>
      <xplan:veraenderungssperre>
        <xplan:BP_VeraenderungssperreDaten>
          <xplan:startDatum>2021-07-02</xplan:startDatum>
          <xplan:endDatum>2021-08-01</xplan:endDatum>
          <xplan:verlaengerung>1000</xplan:verlaengerung>
        </xplan:BP_VeraenderungssperreDaten>
      </xplan:veraenderungssperre>
      <xplan:staedtebaulicherVertrag>false</xplan:staedtebaulicherVertrag>
      <xplan:erschliessungsVertrag>false</xplan:erschliessungsVertrag>
      <xplan:durchfuehrungsVertrag>false</xplan:durchfuehrungsVertrag>
      <xplan:gruenordnungsplan>false</xplan:gruenordnungsplan>
      <xplan:bereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
    </xplan:BP_Plan>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_Bereich gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707000.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:nummer>0</xplan:nummer>
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d10" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d11" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d12" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d13" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d14" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d15" />
      <xplan:planinhalt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d16" />
      <xplan:praesentationsobjekt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d17" />
      <xplan:praesentationsobjekt xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d18" />
      <xplan:verfahren>1000</xplan:verfahren>
      <xplan:gehoertZuPlan xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d00" />
    </xplan:BP_Bereich>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_WohngebaeudeFlaeche gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d10">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392060.000 5707045.000</gml:lowerCorner>
          <gml:upperCorner>392090.000 5707075.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:wirdDargestelltDurch xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d18" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f10">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="6">392090.000 5707060.000 392090.000 5707075.000 392060.000 5707075.000 392060.000 5707045.000 392090.000 5707045.000 392090.000 5707060.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:typ>1000</xplan:typ>
    </xplan:BP_WohngebaeudeFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_GruenFlaeche gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d11">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707040.000</gml:lowerCorner>
          <gml:upperCorner>392050.000 5707080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f11">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="4">392050.000 5707040.000 392000.000 5707080.000 392000.000 5707040.000 392050.000 5707040.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:zweckbestimmung>
        <xplan:BP_KomplexeZweckbestGruen>
          <xplan:allgemein>2700</xplan:allgemein>
          <xplan:detail>2400_10</xplan:detail>
          <xplan:aufschrift>Grüner Winkel</xplan:aufschrift>
        </xplan:BP_KomplexeZweckbestGruen>
      </xplan:zweckbestimmung>
      <xplan:nutzungsform>2000</xplan:nutzungsform>
    </xplan:BP_GruenFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_BaugebietsTeilFlaeche gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d12">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392040.000 5707000.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707030.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:wirdDargestelltDurch xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d17" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f12">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">392100.000 5707030.000 392040.000 5707030.000 392040.000 5707000.000 392100.000 5707000.000 392100.000 5707030.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:besondereArtDerBaulNutzung>1450</xplan:besondereArtDerBaulNutzung>
    </xplan:BP_BaugebietsTeilFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:SO_Strassenverkehr gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d13">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707030.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707040.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f13">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="6">392100.000 5707040.000 392000.000 5707040.000 392000.000 5707030.000 392040.000 5707030.000 392100.000 5707030.000 392100.000 5707040.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:nordwinkel uom="grad">0.000000</xplan:nordwinkel>
      <xplan:artDerFestlegung>
        <xplan:SO_KomplexeZweckbestStrassenverkehr>
          <xplan:allgemein>3500</xplan:allgemein>
        </xplan:SO_KomplexeZweckbestStrassenverkehr>
      </xplan:artDerFestlegung>
      <xplan:nutzungsform>2000</xplan:nutzungsform>
      <xplan:hatDarstellungMitBesondZweckbest>true</xplan:hatDarstellungMitBesondZweckbest>
    </xplan:SO_Strassenverkehr>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_GruenFlaeche gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d14">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707040.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f14">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">392100.000 5707080.000 392000.000 5707080.000 392050.000 5707040.000 392100.000 5707040.000 392100.000 5707080.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:zweckbestimmung>
        <xplan:BP_KomplexeZweckbestGruen>
          <xplan:allgemein>2700</xplan:allgemein>
          <xplan:detail>2400_10</xplan:detail>
        </xplan:BP_KomplexeZweckbestGruen>
      </xplan:zweckbestimmung>
      <xplan:nutzungsform>1000</xplan:nutzungsform>
    </xplan:BP_GruenFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_BaugebietsTeilFlaeche gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d15">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707000.000</gml:lowerCorner>
          <gml:upperCorner>392040.000 5707030.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f15">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">392040.000 5707000.000 392040.000 5707030.000 392000.000 5707030.000 392000.000 5707000.000 392040.000 5707000.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:besondereArtDerBaulNutzung>1700</xplan:besondereArtDerBaulNutzung>
    </xplan:BP_BaugebietsTeilFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:SO_Gebiet gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d16">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392000.000 5707000.000</gml:lowerCorner>
          <gml:upperCorner>392100.000 5707030.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f16">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">392100.000 5707030.000 392000.000 5707030.000 392000.000 5707000.000 392100.000 5707000.000 392100.000 5707030.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>false</xplan:flaechenschluss>
      <xplan:gemeinde>
        <xplan:XP_Gemeinde>
          <xplan:ags>05913000</xplan:ags>
          <xplan:gemeindeName>Beispielstadt</xplan:gemeindeName>
        </xplan:XP_Gemeinde>
      </xplan:gemeinde>
      <xplan:gebietsArt>2400</xplan:gebietsArt>
    </xplan:SO_Gebiet>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:XP_PPO gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d17">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392070.000 5707015.000</gml:lowerCorner>
          <gml:upperCorner>392071.000 5707015.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:art>xplan:besondereArtDerBaulNutzung</xplan:art>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:dientZurDarstellungVon xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d12" />
      <xplan:position>
        <gml:Point srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f17">
          <gml:pos>392070.000 5707015.000</gml:pos>
        </gml:Point>
      </xplan:position>
      <xplan:drehwinkel uom="grad">0.0</xplan:drehwinkel>
      <xplan:skalierung>1.0</xplan:skalierung>
    </xplan:XP_PPO>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:XP_PPO gml:id="GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d18">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>392075.000 5707060.000</gml:lowerCorner>
          <gml:upperCorner>392076.000 5707060.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:art>xplan:besondereArtDerBaulNutzung</xplan:art>
      <xplan:gehoertZuBereich xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d01" />
      <xplan:dientZurDarstellungVon xlink:href="#GML_7d0c0f2e-5b1a-4d0e-9a51-0b7e6a1c2d10" />
      <xplan:position>
        <gml:Point srsName="EPSG:25832" gml:id="GML_3a5e9b44-0c1d-4f7e-8e21-5d6c7b8a9f18">
          <gml:pos>392075.000 5707060.000</gml:pos>
        </gml:Point>
      </xplan:position>
      <xplan:drehwinkel uom="grad">0.0</xplan:drehwinkel>
      <xplan:skalierung>1.0</xplan:skalierung>
    </xplan:XP_PPO>
  </gml:featureMember>
</xplan:XPlanAuszug>