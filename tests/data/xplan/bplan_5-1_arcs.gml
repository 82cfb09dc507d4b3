<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<!--Struktur eines Exports von WS LANDCAD (XPlanGML 5.1), Werte erfunden-->
<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/5/1" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:wfs="http://www.opengis.net/wfs" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0021">
  <gml:boundedBy>
    <gml:Envelope srsName="EPSG:25832">
      <gml:lowerCorner>394000.000 5709000.000</gml:lowerCorner>
      <gml:upperCorner>394150.000 5709080.000</gml:upperCorner>
    </gml:Envelope>
  </gml:boundedBy>
  <gml:featureMember>
    <xplan:BP_Plan gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0001">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394000.000 5709000.000</gml:lowerCorner>
          <gml:upperCorner>394150.000 5709080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:name>BPlan Bogen 5.1 (erfundene Werte)</xplan:name>
      <xplan:beschreibung>Der Bebauungsplan für den Geltungsbereich zwischen
Beispielweg und Musterstraße wird festgestellt.
</xplan:beschreibung>
      <xplan:erstellungsMassstab>1000</xplan:erstellungsMassstab>
      <xplan:raeumlicherGeltungsbereich>
        <gml:MultiSurface srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0022">
          <gml:surfaceMember>
            <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0023">
              <gml:exterior>
                <gml:LinearRing>
                  <gml:posList srsDimension="2" count="5">394000.000 5709000.000 394150.000 5709000.000 394150.000 5709080.000 394000.000 5709080.000 394000.000 5709000.000 </gml:posList>
                </gml:LinearRing>
              </gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </xplan:raeumlicherGeltungsbereich>
      <xplan:gemeinde>
        <xplan:XP_Gemeinde>
          <xplan:ags>05913000</xplan:ags>
          <xplan:rs>059130000000</xplan:rs>
        </xplan:XP_Gemeinde>
      </xplan:gemeinde>
      <xplan:planArt>1000</xplan:planArt>
      <xplan:rechtsstand>4000</xplan:rechtsstand>
      <xplan:bereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
    </xplan:BP_Plan>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_Bereich gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394000.000 5709000.000</gml:lowerCorner>
          <gml:upperCorner>394150.000 5709080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:nummer>0</xplan:nummer>
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0003" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0004" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0005" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0006" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0007" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0008" />
      <xplan:planinhalt xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0009" />
      <xplan:gehoertZuPlan xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0001" />
    </xplan:BP_Bereich>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_StrassenVerkehrsFlaeche gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0003">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394000.000 5709000.000</gml:lowerCorner>
          <gml:upperCorner>394110.000 5709020.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0010">
          <gml:exterior>
            <gml:Ring>
              <gml:curveMember>
                <gml:Curve srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0011">
                  <gml:segments>
                    <gml:LineStringSegment interpolation="linear">
                      <gml:posList srsDimension="2" count="2">394000.000 5709000.000 394100.000 5709000.000 </gml:posList>
                    </gml:LineStringSegment>
                    <gml:ArcString interpolation="circularArc3Points">
                      <gml:posList srsDimension="2" count="5">394100.000 5709000.000 394107.071 5709002.929 394110.000 5709010.000 394107.071 5709017.071 394100.000 5709020.000 </gml:posList>
                    </gml:ArcString>
                    <gml:LineStringSegment interpolation="linear">
                      <gml:posList srsDimension="2" count="3">394100.000 5709020.000 394000.000 5709020.000 394000.000 5709010.003 </gml:posList>
                    </gml:LineStringSegment>
                    <gml:ArcString interpolation="circularArc3Points">
                      <gml:posList srsDimension="2" count="3">394000.000 5709010.003 393999.999 5709010.002 394000.000 5709010.000 </gml:posList>
                    </gml:ArcString>
                    <gml:LineStringSegment interpolation="linear">
                      <gml:posList srsDimension="2" count="2">394000.000 5709010.000 394000.000 5709000.000 </gml:posList>
                    </gml:LineStringSegment>
                  </gml:segments>
                </gml:Curve>
              </gml:curveMember>
            </gml:Ring>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:nutzungsform>2000</xplan:nutzungsform>
    </xplan:BP_StrassenVerkehrsFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_BaugebietsTeilFlaeche gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0004">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394000.000 5709030.000</gml:lowerCorner>
          <gml:upperCorner>394060.000 5709080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0012">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">394000.000 5709030.000 394060.000 5709030.000 394060.000 5709080.000 394000.000 5709080.000 394000.000 5709030.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:allgArtDerBaulNutzung>1000</xplan:allgArtDerBaulNutzung>
      <xplan:besondereArtDerBaulNutzung>1200</xplan:besondereArtDerBaulNutzung>
      <xplan:GRZ>0.4</xplan:GRZ>
      <xplan:Z>2</xplan:Z>
      <xplan:bauweise>1000</xplan:bauweise>
    </xplan:BP_BaugebietsTeilFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_GruenFlaeche gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0005">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394060.000 5709030.000</gml:lowerCorner>
          <gml:upperCorner>394100.000 5709070.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0013">
          <gml:exterior>
            <gml:Ring>
              <gml:curveMember>
                <gml:Curve srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0014">
                  <gml:segments>
                    <gml:LineStringSegment interpolation="linear">
                      <gml:posList srsDimension="2" count="2">394060.000 5709030.000 394100.000 5709030.000 </gml:posList>
                    </gml:LineStringSegment>
                    <gml:Arc interpolation="circularArc3Points">
                      <gml:posList srsDimension="2" count="3">394100.000 5709030.000 394088.284 5709058.284 394060.000 5709070.000 </gml:posList>
                    </gml:Arc>
                    <gml:LineStringSegment interpolation="linear">
                      <gml:posList srsDimension="2" count="2">394060.000 5709070.000 394060.000 5709030.000 </gml:posList>
                    </gml:LineStringSegment>
                  </gml:segments>
                </gml:Curve>
              </gml:curveMember>
            </gml:Ring>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>true</xplan:flaechenschluss>
      <xplan:zweckbestimmung>1000</xplan:zweckbestimmung>
      <xplan:nutzungsform>2000</xplan:nutzungsform>
    </xplan:BP_GruenFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:SO_Wasserrecht gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0006">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394100.000 5709030.000</gml:lowerCorner>
          <gml:upperCorner>394130.000 5709080.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0015">
          <gml:exterior>
            <gml:LinearRing>
              <gml:posList srsDimension="2" count="5">394100.000 5709030.000 394130.000 5709030.000 394130.000 5709080.000 394100.000 5709080.000 394100.000 5709030.000 </gml:posList>
            </gml:LinearRing>
          </gml:exterior>
        </gml:Polygon>
      </xplan:position>
      <xplan:flaechenschluss>false</xplan:flaechenschluss>
      <xplan:artDerFestlegung>2000</xplan:artDerFestlegung>
    </xplan:SO_Wasserrecht>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_WasserwirtschaftsFlaeche gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0007">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394140.000 5709030.000</gml:lowerCorner>
          <gml:upperCorner>394150.000 5709060.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:MultiSurface srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0016">
          <gml:surfaceMember>
            <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0017">
              <gml:exterior>
                <gml:LinearRing>
                  <gml:posList srsDimension="2" count="5">394140.000 5709030.000 394150.000 5709030.000 394150.000 5709040.000 394140.000 5709040.000 394140.000 5709030.000 </gml:posList>
                </gml:LinearRing>
              </gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
          <gml:surfaceMember>
            <gml:Polygon srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0018">
              <gml:exterior>
                <gml:LinearRing>
                  <gml:posList srsDimension="2" count="5">394140.000 5709050.000 394150.000 5709050.000 394150.000 5709060.000 394140.000 5709060.000 394140.000 5709050.000 </gml:posList>
                </gml:LinearRing>
              </gml:exterior>
            </gml:Polygon>
          </gml:surfaceMember>
        </gml:MultiSurface>
      </xplan:position>
      <xplan:flaechenschluss>false</xplan:flaechenschluss>
      <xplan:zweckbestimmung>1300</xplan:zweckbestimmung>
    </xplan:BP_WasserwirtschaftsFlaeche>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_BauGrenze gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0008">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394005.000 5709035.000</gml:lowerCorner>
          <gml:upperCorner>394055.000 5709075.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:LineString srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0019">
          <gml:posList srsDimension="2" count="3">394005.000 5709035.000 394055.000 5709035.000 394055.000 5709075.000 </gml:posList>
        </gml:LineString>
      </xplan:position>
    </xplan:BP_BauGrenze>
  </gml:featureMember>
  <gml:featureMember>
    <xplan:BP_StrassenbegrenzungsLinie gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0009">
      <gml:boundedBy>
        <gml:Envelope srsName="EPSG:25832">
          <gml:lowerCorner>394000.000 5709020.000</gml:lowerCorner>
          <gml:upperCorner>394100.000 5709020.000</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <xplan:ebene>0</xplan:ebene>
      <xplan:gehoertZuBereich xlink:href="#GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0002" />
      <xplan:rechtscharakter>1000</xplan:rechtscharakter>
      <xplan:position>
        <gml:LineString srsName="EPSG:25832" gml:id="GML_e41f3a9c-6b2d-4c8e-a7f5-1d9b0c3e0020">
          <gml:posList srsDimension="2" count="2">394000.000 5709020.000 394100.000 5709020.000 </gml:posList>
        </gml:LineString>
      </xplan:position>
    </xplan:BP_StrassenbegrenzungsLinie>
  </gml:featureMember>
</xplan:XPlanAuszug>
