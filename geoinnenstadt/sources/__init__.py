"""Adapters for the data that municipalities, the Länder and OpenStreetMap publish.

:func:`geoinnenstadt.read_layer` asks these adapters at two points, so that a
published format loads in one call without a column mapping:

1. :func:`read_raw` — *reading*: an adapter that recognises the input (an
   OGC API Features URL or GDAL connection string, an OpenStreetMap extract,
   a Leerstandsmelder JSON export, …) returns the raw features as a
   :class:`~geoinnenstadt.io.formats._Raw`; otherwise the file readers of
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
leerstandsmelder
    Leerstandsmelder JSON exports as units.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import alkis, leerstandsmelder, nas, ogc, osm

__all__ = ["read_raw", "recognise"]

#: Adapters asked by :func:`read_raw`, in order (URLs first, then file formats).
_READERS = (ogc, nas, osm, leerstandsmelder)
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
