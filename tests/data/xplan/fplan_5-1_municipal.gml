<?xml version="1.0" encoding="UTF-8"?>
<!-- Struktur eines Exports des IP NAS Manager (XPlanGML-Schema 5.1.2); alle Werte erfunden -->
<XPlanAuszug xmlns="http://www.xplanung.de/xplangml/5/1"
	xmlns:xplan="http://www.xplanung.de/xplangml/5/1"
	xmlns:gml="http://www.opengis.net/gml/3.2"
	xmlns:wfs="http://www.opengis.net/wfs/2.0"
	xmlns:xlink="http://www.w3.org/1999/xlink"
	xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xsi:schemaLocation="http://www.xplanung.de/xplangml/5/1 http://www.xplanungwiki.de/upload/XPlanGML/5.1/Schema/XPlanung-Operationen.xsd"
	gml:id="GML-0">
	<gml:boundedBy>
		<gml:Envelope srsName="EPSG:25832">
			<gml:lowerCorner>395000 5710000</gml:lowerCorner>
			<gml:upperCorner>395420 5710210</gml:upperCorner>
		</gml:Envelope>
	</gml:boundedBy>
	<gml:featureMember>
		<xplan:FP_Gruen gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a11">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710000</gml:lowerCorner>
					<gml:upperCorner>395050 5710040</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-63b">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395000 5710040 395000 5710000 395050 5710000 395050 5710040 395000 5710040
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:zweckbestimmung>1000</xplan:zweckbestimmung>
		</xplan:FP_Gruen>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Gruen gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a12">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395025 5710020</gml:lowerCorner>
					<gml:upperCorner>395025 5710020</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Point srsName="EPSG:25832" gml:id="GML-63c">
					<gml:pos>395025 5710020</gml:pos>
				</gml:Point>
			</xplan:position>
			<xplan:flaechenschluss>false</xplan:flaechenschluss>
			<xplan:zweckbestimmung>2400</xplan:zweckbestimmung>
		</xplan:FP_Gruen>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_BebauungsFlaeche gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a13">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395100 5710000</gml:lowerCorner>
					<gml:upperCorner>395300 5710100</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-63d">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395100 5710100 395100 5710000 395300 5710000 395300 5710100 395100 5710100
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
					<gml:interior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395150 5710060 395150 5710040 395200 5710040 395200 5710060 395150 5710060
							</gml:posList>
						</gml:LinearRing>
					</gml:interior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:allgArtDerBaulNutzung>3000</xplan:allgArtDerBaulNutzung>
			<xplan:besondereArtDerBaulNutzung>1800</xplan:besondereArtDerBaulNutzung>
		</xplan:FP_BebauungsFlaeche>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_BebauungsFlaeche gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a14">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395300 5710000</gml:lowerCorner>
					<gml:upperCorner>395400 5710100</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-63e">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395300 5710100 395300 5710000 395400 5710000 395400 5710100 395300 5710100
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:allgArtDerBaulNutzung>3000</xplan:allgArtDerBaulNutzung>
		</xplan:FP_BebauungsFlaeche>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_BebauungsFlaeche gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a15">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710100</gml:lowerCorner>
					<gml:upperCorner>395100 5710200</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-63f">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395000 5710200 395000 5710100 395100 5710100 395100 5710200 395000 5710200
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:allgArtDerBaulNutzung>1000</xplan:allgArtDerBaulNutzung>
			<xplan:besondereArtDerBaulNutzung>1200</xplan:besondereArtDerBaulNutzung>
		</xplan:FP_BebauungsFlaeche>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_BebauungsFlaeche gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a16">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395100 5710100</gml:lowerCorner>
					<gml:upperCorner>395250 5710150</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:MultiSurface srsName="EPSG:25832" gml:id="GML-640">
					<gml:surfaceMember>
						<gml:Polygon srsName="EPSG:25832" gml:id="GML-641">
							<gml:exterior>
								<gml:LinearRing>
									<gml:posList srsDimension="2" count="5">
										395100 5710150 395100 5710100 395150 5710100 395150 5710150 395100 5710150
									</gml:posList>
								</gml:LinearRing>
							</gml:exterior>
						</gml:Polygon>
					</gml:surfaceMember>
					<gml:surfaceMember>
						<gml:Polygon srsName="EPSG:25832" gml:id="GML-642">
							<gml:exterior>
								<gml:LinearRing>
									<gml:posList srsDimension="2" count="5">
										395200 5710150 395200 5710100 395250 5710100 395250 5710150 395200 5710150
									</gml:posList>
								</gml:LinearRing>
							</gml:exterior>
						</gml:Polygon>
					</gml:surfaceMember>
				</gml:MultiSurface>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:allgArtDerBaulNutzung>2000</xplan:allgArtDerBaulNutzung>
			<xplan:besondereArtDerBaulNutzung>1400</xplan:besondereArtDerBaulNutzung>
		</xplan:FP_BebauungsFlaeche>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Strassenverkehr gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a17">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710200</gml:lowerCorner>
					<gml:upperCorner>395400 5710210</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-643">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395000 5710210 395000 5710200 395400 5710200 395400 5710210 395000 5710210
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:zweckbestimmung>1000</xplan:zweckbestimmung>
		</xplan:FP_Strassenverkehr>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Gewaesser gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a18">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395400 5710000</gml:lowerCorner>
					<gml:upperCorner>395420 5710210</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-644">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395400 5710210 395400 5710000 395420 5710000 395420 5710210 395400 5710210
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:zweckbestimmung>1000</xplan:zweckbestimmung>
		</xplan:FP_Gewaesser>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_WaldFlaeche gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a19">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710040</gml:lowerCorner>
					<gml:upperCorner>395050 5710100</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-645">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395000 5710100 395000 5710040 395050 5710040 395050 5710100 395000 5710100
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
		</xplan:FP_WaldFlaeche>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:SO_Strassenverkehrsrecht gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a1a">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395050 5710000</gml:lowerCorner>
					<gml:upperCorner>395100 5710100</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-646">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395050 5710100 395050 5710000 395100 5710000 395100 5710100 395050 5710100
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
			<xplan:artDerFestlegung>1200</xplan:artDerFestlegung>
		</xplan:SO_Strassenverkehrsrecht>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Landwirtschaft gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a1b">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395250 5710100</gml:lowerCorner>
					<gml:upperCorner>395400 5710200</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:ebene>0</xplan:ebene>
			<xplan:gehoertZuBereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
			<xplan:rechtscharakter>1000</xplan:rechtscharakter>
			<xplan:position>
				<gml:Polygon srsName="EPSG:25832" gml:id="GML-647">
					<gml:exterior>
						<gml:LinearRing>
							<gml:posList srsDimension="2" count="5">
								395250 5710200 395250 5710100 395400 5710100 395400 5710200 395250 5710200
							</gml:posList>
						</gml:LinearRing>
					</gml:exterior>
				</gml:Polygon>
			</xplan:position>
			<xplan:flaechenschluss>true</xplan:flaechenschluss>
		</xplan:FP_Landwirtschaft>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Bereich gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710000</gml:lowerCorner>
					<gml:upperCorner>395420 5710210</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:nummer>0</xplan:nummer>
			<xplan:gehoertZuPlan xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a00"/>
		</xplan:FP_Bereich>
	</gml:featureMember>
	<gml:featureMember>
		<xplan:FP_Plan gml:id="GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a00">
			<gml:boundedBy>
				<gml:Envelope srsName="EPSG:25832">
					<gml:lowerCorner>395000 5710000</gml:lowerCorner>
					<gml:upperCorner>395420 5710210</gml:upperCorner>
				</gml:Envelope>
			</gml:boundedBy>
			<xplan:name>FNP Beispielgemeinde (Zusammenzeichnung, erfundene Werte)</xplan:name>
			<xplan:nummer>FNP_059130001000 (Zusammenzeichnung)</xplan:nummer>
			<xplan:beschreibung>Der Flächennutzungsplan als Zusammenzeichnung mit allen Änderungen und Berichtigungen</xplan:beschreibung>
			<xplan:technHerstellDatum>2022-06-16</xplan:technHerstellDatum>
			<xplan:erstellungsMassstab>0</xplan:erstellungsMassstab>
			<xplan:raeumlicherGeltungsbereich>
				<gml:MultiSurface gml:id="GML-648">
					<gml:surfaceMember>
						<gml:Polygon srsName="EPSG:25832" gml:id="GML-649">
							<gml:exterior>
								<gml:LinearRing>
									<gml:posList srsDimension="2" count="5">
										395000 5710210 395000 5710000 395420 5710000 395420 5710210 395000 5710210
									</gml:posList>
								</gml:LinearRing>
							</gml:exterior>
						</gml:Polygon>
					</gml:surfaceMember>
				</gml:MultiSurface>
			</xplan:raeumlicherGeltungsbereich>
			<xplan:gemeinde>
				<xplan:XP_Gemeinde>
					<xplan:ags>05913000</xplan:ags>
					<xplan:gemeindeName>Beispielgemeinde</xplan:gemeindeName>
				</xplan:XP_Gemeinde>
			</xplan:gemeinde>
			<xplan:planArt>1000</xplan:planArt>
			<xplan:rechtsstand>4000</xplan:rechtsstand>
			<xplan:bereich xlink:href="#GML_0b7f9a52-3c1e-4d6a-8f20-9e4d5c6b7a01"/>
		</xplan:FP_Plan>
	</gml:featureMember>
</XPlanAuszug>
