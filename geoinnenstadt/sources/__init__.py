"""Adapters for the data that municipalities, the Länder and OpenStreetMap publish.

:func:`geoinnenstadt.read_layer` asks these adapters at two points, so that a
published format loads in one call without a column mapping:

1. :func:`read_raw` — *reading*: an adapter that recognises the input (an
   OGC API Features URL or GDAL connection string, an OpenStreetMap extract,
   a Leerstandsmelder JSON export, …) returns the raw features as a
   :class:`~geoinnenstadt.io.formats.RawLayer`; otherwise the file readers of
   :mod:`geoinnenstadt.io` run.
2. :func:`recognise` — *columns*: an adapter that recognises a published
   schema in the raw columns (ALKIS vereinfacht, OSM tags, Leerstandsmelder
   fields) maps them onto the data model (e.g. builds the 20-character
   ``parcel_id`` from ALKIS parts) before the user's ``columns=`` apply.

Each adapter module defines ``read_raw(target, kind, pre, **options)``
(returning ``None`` when the input is not its format) and/or
``recognise(frame, kind, columns, pre)`` (returning the frame and columns
unchanged when the schema is not its own). Every adapter keeps or reports
every row: nothing is dropped silently.

Parts
-----
alkis
    ALKIS vereinfacht parcels (all Länder).
nas
    ALKIS NAS files (Bestandsdatenauszug, NBA, AAA-model WFS): parcels read with the XML parser.
ogc
    OGC API Features and WFS through GDAL's drivers.
osm
    OpenStreetMap shops and vacant shops as units.
xplan
    XPlanGML 5.x/6.0 land-use plans (Bebauungs- and Flächennutzungspläne): ``read_xplan``,
    and as ``kind="context"``.
leerstandsmelder
    Leerstandsmelder JSON exports as units.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..io.formats import packed, unpacked
from . import alkis, leerstandsmelder, nas, ogc, osm, xplan

__all__ = ["command_line_hint", "import_problem", "read_raw", "recognise"]

#: Adapters asked by :func:`read_raw`, in order (URLs first, then file formats).
_READERS = (ogc, nas, xplan, osm, leerstandsmelder)
#: Adapters asked by :func:`recognise`, in order.
_RECOGNISERS = (alkis, osm, leerstandsmelder)


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The raw features of ``target`` from the first adapter that recognises it, else None."""
    for adapter in _READERS:
        raw = adapter.read_raw(target, kind, pre, **options)
        if raw is not None:
            return raw
    return None


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` with a published schema mapped onto the data model (unchanged otherwise)."""
    for adapter in _RECOGNISERS:
        frame, columns = adapter.recognise(frame, kind, columns, pre)
    return frame, columns


def _what(path: Any, layer: Any = None) -> tuple[str, str] | None:
    """(what the file is, the ``geoinnenstadt import`` source that reads it), else None.

    A compressed download (``.zip``, ``.gz``) is judged by the file inside, as
    :func:`geoinnenstadt.read_layer` reads it.
    """
    if not osm.is_extract(path) and packed(path) is not None:
        with unpacked(path, "units", layer) as inner:
            return None if inner is None else _what(inner.path)
    if osm.is_extract(path):
        return osm.describe(path), "osm"
    if leerstandsmelder.is_export(path):
        return "a Leerstandsmelder export (vacant places reported on leerstandsmelder.de)", (
            "leerstandsmelder"
        )
    return None


#: What each source of ``geoinnenstadt import`` reads, for the message on another file.
_READS = {
    "osm": "an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2, .osm.pbf) or a saved Overpass "
    "API JSON answer ([out:json] … out center;)",
    "leerstandsmelder": "a Leerstandsmelder JSON export (all_places.json of the classic site, "
    "or the places/locations of its API)",
}


def import_problem(source_type: str, path: Any, out: Any, layer: Any = None) -> str | None:
    """Why ``geoinnenstadt import SOURCE_TYPE PATH`` cannot read the file.

    Names what it is and the command that reads it; None when the file is what
    ``source_type`` reads.

    Examples
    --------
    >>> import_problem("alkis", "flurstuecke.gpkg", "out.gpkg") is None
    True
    """
    if source_type not in _READS:
        return None
    found = _what(path, layer)
    if found is not None and found[1] == source_type:
        return None
    if found is not None:
        return (
            f"{path} is {found[0]}, not {_READS[source_type]}; read it with: "
            f"geoinnenstadt import {found[1]} {path} --out {out}"
        )
    return (
        f"{path} is not {_READS[source_type]}; other geodata files are checked with "
        f"geoinnenstadt validate {path} --kind units and read with gi.read_layer"
    )


_SURVEY_DATE_ARGUMENT = re.compile(r"survey_date=(?:'DD\.MM\.YYYY')?")


def command_line_hint(message: str) -> str:
    """A reader's message as the command line says it: ``survey_date=`` → ``--survey-date``.

    Examples
    --------
    >>> command_line_hint("no date; pass survey_date='DD.MM.YYYY' (the day of the export)")
    'no date; pass --survey-date DD.MM.YYYY (the day of the export)'
    """
    return _SURVEY_DATE_ARGUMENT.sub("--survey-date DD.MM.YYYY", message)


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
