"""Reading one layer: :func:`read_layer` (format → columns → geometry → CRS → validation).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``read_layer_core``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from .. import crs as _crs
from .. import sources
from ..errors import SchemaError
from ..schema import LayerSpec, ValidationReport, conform, spec, validate
from .formats import AttachedReport, inner_source, unpacked, warn_read
from .geometry import normalise_geometry, repair_geometry, resolve_crs, to_working_crs
from .readers import read_raw
from .tables import (
    check_header,
    find_column,
    header_key,
    infer_extra_columns,
    label_rows,
    points_from_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import DateLike


def _apply_columns(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None,
    s: LayerSpec,
    source: str,
    pre: ValidationReport,
) -> pd.DataFrame:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    present = [str(c) for c in frame.columns if c != geometry]
    rename: dict[str, str] = {}
    for src, target in (columns or {}).items():
        found = find_column(present, src)
        if found is None:
            close = [c for c in present if c.lower().startswith(src.lower()[:4])][:3]
            hint = f" (similar: {', '.join(map(repr, close))})" if close else ""
            raise SchemaError(
                f"{source}: column {src!r} given in columns= does not exist{hint}; the file has "
                f"the columns: {', '.join(map(repr, present))}",
                pre,
            )
        rename[found] = target
    targets = list(rename.values())
    clash = sorted(
        {t for t in targets if targets.count(t) > 1}
        | {t for t in targets if t in present and t not in rename}
    )
    if clash:
        raise SchemaError(
            f"{source}: columns= would create duplicate columns {', '.join(map(repr, clash))}; "
            "the file already has a column of that name: map it to another name too",
            pre,
        )
    # schema columns found with another case or cut to 10 characters (Shapefile DBF)
    taken = set(rename.values()) | {c for c in present if c not in rename}
    for col in s.column_names:
        if col in taken:
            continue
        free = [c for c in present if c not in rename]
        candidates = [c for c in free if c.lower() == col.lower()] or [
            c for c in free if len(col) > 10 and c.lower() == col[:10].lower()
        ]
        if len(candidates) == 1:
            rename[candidates[0]] = col
            taken.add(col)
            pre.note(f"column {candidates[0]!r} used as {col!r}")
    # the headers a source table writes for a schema column (Column.aliases: "Gesuch-Nr.")
    for column in s.columns:
        if column.name in taken or not column.aliases:
            continue
        wanted = {header_key(a) for a in column.aliases}
        free = [c for c in present if c not in rename and c not in s.column_names]
        candidates = [c for c in free if header_key(c) in wanted]
        if len(candidates) == 1:
            rename[candidates[0]] = column.name
            taken.add(column.name)
            pre.note(f"column {candidates[0]!r} used as {column.name!r}")
        elif candidates:
            pre.note(
                f"columns {', '.join(map(repr, candidates))} could each be {column.name!r}; "
                "map one with columns="
            )
    return frame.rename(columns=rename) if rename else frame


def read_layer_core(
    path: str | os.PathLike[str],
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    layer: str | int | None = None,
    crs: Any = None,
    encoding: str | None = None,
    repair: bool = False,
    x: str | None = None,
    y: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    check: bool = True,
    geocode: Any = None,
    address: str | None = None,
    street: str | None = None,
    number: str | None = None,
    postcode: str | None = None,
    unmatched: str = "keep",
    bbox: Any = None,
    survey_date: DateLike = None,
) -> gpd.GeoDataFrame:
    """The reader behind :func:`read_layer` and :func:`read_city`.

    ``check=False`` (``read_city(validate_layers=False)``) skips the location check and the
    validation (and so raises no validation errors); the rest is as in ``read_layer``.
    """
    s = spec(kind)
    p = os.fspath(path)  # as given: a GDAL path such as /vsigzip//data/x.gz stays intact
    pre = ValidationReport(kind, source=os.fspath(path))  # a URL stays a URL (not a Path)
    if header_row is not None and (
        isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 0
    ):
        raise ValueError(f"header_row must be a row number >= 0 (0-based), got {header_row!r}")
    with unpacked(path, kind, layer) as inner:  # .gz, .zip, /vsigzip/, /vsizip/
        target = path if inner is None else inner.path
        inner_layer = layer if inner is None else inner.layer
        raw = sources.read_raw(
            target, kind, pre, layer=inner_layer, encoding=encoding, bbox=bbox,
            survey_date=survey_date,
        )  # fmt: skip
        if raw is None and survey_date is not None:
            raise ValueError(
                f"{p}: survey_date= applies to sources without survey dates (OpenStreetMap "
                "extracts, Leerstandsmelder exports); map the file's date column with columns= "
                "instead"
            )
        if raw is None:
            if bbox is not None:  # bbox= (OGC API Features, WFS)
                raise ValueError(f"{path}: bbox= applies to OGC API Features and WFS services only")
            raw = read_raw(target, kind, inner_layer, sheet, encoding, pre, header_row)
        if inner is not None:
            raw = inner_source(raw, inner, pre)
    source = raw.source
    pre.source = source
    frame, columns = sources.recognise(raw.frame, kind, columns, pre)
    if raw.fmt in ("csv", "excel") and header_row is None:
        check_header(frame, s, columns, x, y, source)
    frame = _apply_columns(frame, columns, s, source, pre)
    if kind == "context" and "context_id" not in frame.columns:
        # context features need no stable ids (they are only drawn): number them
        frame = frame.copy()
        frame["context_id"] = [str(i + 1) for i in range(len(frame))]
        pre.note("no context_id column: features numbered 1…n in file order")

    xy_columns: tuple[str, str] | None = None
    is_table = not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns
    not_found: list[str] = []
    if not s.has_geometry:  # a plain table (requests): no coordinates, no CRS
        given = {"x": x, "y": y, "crs": crs, "geocode": geocode, "repair": repair or None}
        wrong = [k for k, v in given.items() if v is not None]
        if wrong:
            raise ValueError(
                f"{source}: {kind} is a table without geometry; "
                f"{', '.join(f'{k}=' for k in wrong)} do not apply"
            )
        table = _without_geometry(frame, pre)
        if raw.fmt in ("csv", "excel"):
            table = infer_extra_columns(table, s)
        return _checked(table.reset_index(drop=True), kind, source, pre, check, [])
    if geocode is not None:  # addresses → points (sources.geocode)
        from ..sources.geocode import geocode_layer

        frame = pd.DataFrame(frame).drop(columns=["geometry"], errors="ignore")
        if raw.fmt in ("csv", "excel"):
            frame = infer_extra_columns(frame, s)
        names = label_rows(frame, s)
        renamed = {k.lower(): v for k, v in (columns or {}).items()}  # address columns mapped

        def col(name: str | None) -> str | None:
            return None if name is None else renamed.get(name.lower(), name)

        gdf = geocode_layer(
            frame, geocode, labels=names, unmatched=unmatched, pre=pre, address=col(address),
            street=col(street), number=col(number), postcode=col(postcode), city=None,
            threshold=90, max_number_gap=10,
        )  # fmt: skip
        not_found = [names[i] for i in gdf.attrs["geocode_report"]["unmatched"]]
    elif is_table:
        frame = pd.DataFrame(frame)
        if raw.fmt in ("csv", "excel"):
            frame = infer_extra_columns(frame, s)
        gdf, xy_columns = points_from_columns(frame, s, x, y, crs, source, pre)
    else:
        if x is not None or y is not None:
            raise ValueError(
                f"{source}: x=/y= name coordinate columns of tables (CSV, Excel); this file "
                "has a geometry column already"
            )
        gdf = resolve_crs(frame, crs, source, pre)

    gdf = normalise_geometry(gdf, s, pre)
    if check:
        _crs.check_location(gdf, source=source, xy_columns=xy_columns)
    gdf = to_working_crs(gdf, source, s, pre)
    if repair:
        gdf = repair_geometry(gdf, s, pre)
    gdf = gdf.set_index(pd.RangeIndex(len(gdf)))
    return _checked(gdf, kind, source, pre, check, not_found)


def _without_geometry(frame: pd.DataFrame, pre: ValidationReport) -> pd.DataFrame:
    """The attribute table of ``frame``; a geometry column is dropped with a note."""
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        pre.note(f"geometry column {frame.geometry.name!r} dropped: the layer kind has none")
        return pd.DataFrame(frame.drop(columns=[frame.geometry.name]))
    return pd.DataFrame(frame)


def _checked(
    gdf: pd.DataFrame,
    kind: str,
    source: str,
    pre: ValidationReport,
    check: bool,
    not_found: list[str],
) -> Any:
    """Validate (``check``), conform and attach the report of a layer that has been read."""
    if len(gdf) == 0:
        pre.warn(None, None, "the layer has no features", "check the layer name and the export")
    collected = ValidationReport(kind, source=source, n_rows=len(gdf))
    collected.extend(pre)
    if check:
        validated = validate(gdf, kind, source=source, strip_ids=True)  # conform strips
        if not_found:  # reported by geocode_layer as warnings, kept with missing geometry
            from ..sources.geocode import demote_missing_geometry

            demote_missing_geometry(validated, not_found)
        collected.extend(validated)
    report = AttachedReport.attach(collected)
    out = conform(gdf, kind)
    out.attrs["validation_report"] = report
    out.attrs["source"] = source
    if check:
        report.raise_for_errors()
    warn_read(report, source, stacklevel=4)
    return out


def read_layer(
    path: str | os.PathLike[str],
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    layer: str | int | None = None,
    crs: Any = None,
    encoding: str | None = None,
    repair: bool = False,
    x: str | None = None,
    y: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    geocode: Any = None,
    address: str | None = None,
    street: str | None = None,
    number: str | None = None,
    postcode: str | None = None,
    unmatched: str = "keep",
    bbox: Any = None,
    survey_date: DateLike = None,
) -> gpd.GeoDataFrame:
    r"""Read one layer from a file, map its columns, reproject and validate it.

    Parameters
    ----------
    path : str or path-like
        GeoPackage (``.gpkg``), GeoJSON (``.geojson``/``.json``), Shapefile
        (``.shp``, or a ``.zip`` holding one), GML (``.gml``/``.xml``, e.g. a
        saved WFS response), GeoParquet (``.parquet`` or a folder of Parquet
        parts), CSV (``.csv`` or ``.txt``, ``;`` or ``,`` delimited) or Excel
        (``.xlsx``). The content must match the extension. Each of these
        also compressed, as downloads come: gzip (``.geojson.gz``,
        ``.csv.gz`` …) or in a ZIP archive (``.zip`` holding a Shapefile,
        GeoPackage, GeoJSON, CSV …; notes such as ``liesmich.txt`` beside it
        are ignored; with several data files ``layer=`` names the member),
        and GDAL virtual paths, taken as written:
        ``"/vsigzip//data/x.geojson.gz"``, ``"/vsizip//data/x.zip/inner.gpkg"``.
        The inner file is read like a plain one (format from its name and
        content, encoding detected) from a temporary copy that is removed
        afterwards; a corrupt or truncated archive is a DataFileError naming
        it, and ``attrs["source"]`` names the archive and member
        (``"x.zip!inner.gpkg:layer"``). Or a web service
        read through GDAL (:mod:`geoinnenstadt.sources.ogc`): an OGC API
        Features collection ``"https://…/collections/NAME"``, a WFS URL
        (``…?service=WFS``) or a connection string ``"OAPIF:…"``/``"WFS:…"``.
        ALKIS vereinfacht parcels are recognised without ``columns=``
        (:mod:`geoinnenstadt.sources.alkis`), as are the ``AX_Flurstueck``
        parcels of an ALKIS NAS file (:mod:`geoinnenstadt.sources.nas`).
        As ``kind="units"`` also OpenStreetMap extracts (``.osm``,
        ``.osm.gz``, ``.osm.bz2``, ``.osm.pbf``), saved Overpass API JSON
        answers (``out center;`` or ``out geom;``, recognised by content;
        :mod:`geoinnenstadt.sources.osm`) and Leerstandsmelder JSON,
        recognised by content: the classic site's export
        ``{"success": "true", "places": [{"place": …}]}``, rows of its
        places table, and the responses of its 2016-2022 and current APIs
        (:mod:`geoinnenstadt.sources.leerstandsmelder`).
    kind : str
        Layer kind (:data:`geoinnenstadt.KINDS`), e.g. ``"quarters"`` or ``"units"``.
        ``"context"`` (orientation beneath the maps) reads a land-use plan
        export with one mapping, ``columns={"TYP": "category"}``: its codes
        (GE, GI, MI, MK, W, SO, Grünfläche; WA → W …) become
        ``category="landuse"`` with ``landuse`` set, and a missing
        ``context_id`` numbers the features. An XPlanGML 5.x/6.0 land-use
        plan (Bebauungs- or Flächennutzungsplan, recognised by content) is
        read as context too: its Baugebiete and Bauflächen as land use,
        green, water and traffic areas (:func:`geoinnenstadt.read_xplan`,
        :mod:`geoinnenstadt.sources.xplan`).
        ``"requests"`` (Ansiedlungsgesuche) is a table without geometry,
        usually an Excel list (also CSV or a GeoPackage attribute table): no
        coordinates or CRS are asked for, the result is a
        :class:`pandas.DataFrame`, and German headers such as "Gesuch-Nr.",
        "Eingang", "Nutzung", "Fläche von", "Fläche bis", "EG erforderlich",
        "Wunschquartiere", "Miete max.", "barrierefrei", "Status",
        "Ansprechpartner", "E-Mail", "Telefon" are recognised
        (:attr:`geoinnenstadt.schema.Column.aliases`).
    columns : dict, optional
        ``{source column: schema column}``, e.g. ``{"STV_NR": "quarter_id"}``.
        Source names also match case-insensitively. Schema columns found with
        another case (``QUARTER_ID``) or cut to 10 characters by the Shapefile
        format (``floor_area`` → ``floor_area_m2``) are mapped automatically,
        as are the headers a schema column lists as its ``aliases`` (case,
        spaces, a trailing dot and a unit in brackets ignored).
        Other columns are kept.
    layer : str or int, optional
        Layer of a GeoPackage. Needed when the file has several layers,
        unless exactly one is named like ``kind``. For a ZIP archive with
        several data files: the member (its path, file name or stem, e.g.
        ``"gebref.txt"``), or a layer of the one GeoPackage member that has it.
    crs : optional
        CRS of the coordinates (anything :class:`pyproj.CRS` accepts, e.g.
        ``"EPSG:25832"``). Needed for files without CRS (a Shapefile without
        ``.prj``). If the file declares a different CRS, ``crs=`` wins and a
        warning names both: passing ``crs=`` is how a wrong ``.prj`` is fixed.
        Without ``crs=``, CSV/Excel coordinates are accepted only where exactly
        one CRS fits (:func:`geoinnenstadt.crs.guess`): EPSG:4326 for lon/lat
        in Germany, EPSG:4647 / EPSG:5650 when the easting carries the zone
        number (``32388123`` / ``33391000``). UTM eastings/northings without
        a zone number fit both EPSG:25832 and EPSG:25833 and raise a
        CRSError naming both: pass ``crs=``.
    encoding : str, optional
        Text encoding of a Shapefile's DBF or a CSV. By default a Shapefile's
        ``.cpg`` is honoured; without one the encoding is detected from the
        bytes (UTF-8, else cp1252), so "Königsallee" never becomes "KÃ¶nigsallee".
        A ``.cpg`` that claims a single-byte code page (1252, latin-1) for
        UTF-8 text is overruled, with a warning naming the ``.cpg``.
    repair : bool, default False
        Fix invalid geometries with ``shapely.make_valid`` (never ``buffer(0)``,
        which drops parts); polygon layers keep the polygonal part of a result
        that is a GeometryCollection. Each repaired feature is listed in the
        report's ``repaired`` and as a warning.
    x, y : str, optional
        Coordinate columns of a CSV/Excel table. By default the first pair
        found of x/y, lon/lat, lng/lat, longitude/latitude,
        rechtswert/hochwert, easting/northing (any case). Decimal commas
        ("7,4651") are read.
    sheet : str or int, optional
        Excel sheet (name or 0-based number). Needed when the workbook has
        several sheets, unless exactly one is named like ``kind``.
    header_row : int, optional
        0-based row of the header in an Excel sheet or CSV table with title
        rows above it (``header_row=2`` for two title rows). Without it, a
        table whose first row holds none of the expected columns but a later
        row does raises a DataFileError naming the ``header_row=`` to pass.
    geocode : GeoDataFrame or path, optional
        An address reference (:func:`geoinnenstadt.read_addresses`, or a
        house-coordinate file it reads): the rows are located by their
        addresses with :func:`geoinnenstadt.geocode` instead of coordinates.
        The match report is a note; ``match``, ``match_score``,
        ``matched_address`` and ``match_note`` columns are added; rows located
        only at ``nearest_number`` or ``street`` level are warnings.
    address, street, number, postcode : str, optional
        The address columns for ``geocode=`` (one ``address`` column such as
        ``"Adresse"``, or ``street`` and ``number``); found by name when not
        given (``address``, ``adresse``, ``strasse``/``hausnummer``, ``plz`` …).
    unmatched : {"keep", "refuse"}, default "keep"
        Addresses not found (``none``, also when the postcode or town
        contradicts the reference) or ``ambiguous``: ``"keep"`` keeps the
        rows with missing geometry and reports each (row number, id and
        ``match_note``) as a warning instead of the "geometry is missing" error; ``"refuse"`` raises a SchemaError naming
        the rows. Rows are never dropped.
    bbox : (xmin, ymin, xmax, ymax), optional
        OGC API Features and WFS only: read just the features intersecting
        the box, given in the CRS of the service's features (WGS84 lon/lat
        for OGC API Features).
    survey_date : str or date, optional
        Survey date of sources that record none: OpenStreetMap extracts and
        Overpass answers (default: the file's timestamp — PBF header,
        osmconvert ``<osm timestamp>``, Overpass ``timestamp_osm_base`` —
        else the latest edit; Osmosis's placeholder ``1969-12-31T23:59:59Z``
        is no date, and a file with no usable date asks for this argument)
        and Leerstandsmelder exports (default: the latest date in the
        export). Read by
        :func:`geoinnenstadt.dates.parse_date`. Other formats refuse it.

    Returns
    -------
    geopandas.GeoDataFrame
        In ``settings.working_crs`` with schema dtypes
        (:func:`geoinnenstadt.schema.conform`) and a fresh RangeIndex.
        ``gdf.attrs["validation_report"]`` is the
        :class:`~geoinnenstadt.schema.ValidationReport` (warnings, repaired
        ids, notes such as "coordinates from columns 'lon'/'lat' (EPSG:4326)");
        ``gdf.attrs["source"]`` names the file (and layer).

    Raises
    ------
    DataFileError
        The file is missing, empty, not geodata, truncated or corrupt, the
        layer/sheet does not exist (the message lists the existing ones), a
        table has a header but no rows, or title rows sit above the header.
    CRSError
        No CRS and no ``crs=``; no feature lies in Germany (wrong CRS or lat/lon
        swapped); the CRS of CSV coordinates cannot be inferred or is
        ambiguous (UTM without a zone number: the message lists EPSG:25832 and
        EPSG:25833).
    SchemaError
        Validation errors (missing columns, unknown values, duplicate ids,
        invalid or empty geometries …), all listed; the full report is the
        exception's ``.report``.

    Warns
    -----
    ReadWarning
        When the report holds warnings (repaired geometries, CRS override, …).

    Notes
    -----
    There is no ``report=`` argument: the report travels with the result in
    ``gdf.attrs`` and with the error in ``SchemaError.report``.
    The report in ``attrs`` is also a dict with a JSON summary, so that
    ``gdf.to_parquet(...)`` (which stores ``attrs`` as JSON) works; a
    GeoParquet file read back carries only that summary.

    Examples
    --------
    >>> import geoinnenstadt as gi, pathlib, tempfile
    >>> csv = pathlib.Path(tempfile.mkdtemp()) / "leerstand.csv"
    >>> _ = csv.write_text(
    ...     "Nr;Stichtag;Status;Fläche;lon;lat\n"
    ...     "E1;30.06.2025;occupied;120,5;7,4651;51,5136\n"
    ...     "E2;30.06.2025;vacant;80;7,4660;51,5140\n", encoding="utf-8")
    >>> units = gi.read_layer(csv, "units", columns={"Nr": "unit_id", "Stichtag": "survey_date",
    ...     "Status": "status", "Fläche": "floor_area_m2"})
    Traceback (most recent call last):
    ...
    geoinnenstadt.errors.SchemaError: 1 error in the units layer from ...leerstand.csv:
      - row E2 @ 2025-06-30, column 'vacant_since': vacant unit without vacant_since — enter the date since when the unit is vacant (Leerstand seit)
    >>> _ = csv.write_text(
    ...     "Nr;Stichtag;Status;Fläche;Leer seit;lon;lat\n"
    ...     "E1;30.06.2025;occupied;120,5;;7,4651;51,5136\n"
    ...     "E2;30.06.2025;vacant;80;01.02.2024;7,4660;51,5140\n", encoding="utf-8")
    >>> units = gi.read_layer(csv, "units", columns={"Nr": "unit_id", "Stichtag": "survey_date",
    ...     "Status": "status", "Fläche": "floor_area_m2", "Leer seit": "vacant_since"})
    >>> units.crs.to_epsg(), units["floor_area_m2"].tolist()
    (25832, [120.5, 80.0])
    >>> [n for n in units.attrs["validation_report"].notes if n.startswith("coordinates")]
    ["coordinates from columns 'lon'/'lat' (EPSG:4326, inferred from the values: lon/lat in degrees)"]
    """
    return read_layer_core(
        path,
        kind,
        columns=columns,
        layer=layer,
        crs=crs,
        encoding=encoding,
        repair=repair,
        x=x,
        y=y,
        sheet=sheet,
        header_row=header_row,
        geocode=geocode,
        address=address,
        street=street,
        number=number,
        postcode=postcode,
        unmatched=unmatched,
        bbox=bbox,
        survey_date=survey_date,
    )
