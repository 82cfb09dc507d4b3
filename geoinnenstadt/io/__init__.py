"""Reading and writing layers and whole cities.

:func:`read_layer` reads one layer from a GeoPackage, GeoJSON, Shapefile
(also zipped), GeoParquet, CSV or Excel file, maps source columns to schema
names, reprojects to the working CRS and validates. :func:`write_layer`
writes one layer. :func:`read_city` / :func:`write_city` keep all layers of a
:class:`~geoinnenstadt.city.City` in one GeoPackage. Every write goes to a
temporary file first and is renamed into place, so a failed write never
leaves half a file; writers drop the schema's personal columns unless
``personal=True`` (:func:`geoinnenstadt.privacy.drop_personal`).

Every problem with a file (missing, empty, not geodata, truncated, unknown
layer) raises :class:`~geoinnenstadt.errors.DataFileError` with the file name
and a plain explanation instead of a GDAL traceback.

The parts:

========================  ==========================================================
:mod:`.formats`           what a file is (extension and first bytes), GDAL errors
:mod:`.encodings`         DBF/CSV text encodings, ``.cpg`` files, mojibake
:mod:`.tables`            CSV/Excel tables, coordinate columns → points
:mod:`.readers`           GeoPackage, GeoJSON, Shapefile, ZIP, GeoParquet readers
:mod:`.geometry`          CRS of the file or ``crs=``, reprojection, repair
:mod:`.read`              :func:`read_layer`
:mod:`.write`             :func:`write_layer`, :func:`atomic_path`
:mod:`.city`              :func:`read_city`, :func:`write_city`, :data:`META_LAYER`
========================  ==========================================================

The CRS of bare coordinates is guessed by :func:`geoinnenstadt.crs.guess`
(only where exactly one CRS fits); dates are converted by
:mod:`geoinnenstadt.dates` (through :func:`geoinnenstadt.schema.conform`).
"""

from __future__ import annotations

import pyogrio  # noqa: F401  (tests patch gi.io.pyogrio.write_dataframe)

from ..errors import SchemaError
from .city import read_city, write_city
from .formats import META_LAYER, READ_FORMATS, ReadWarning
from .read import read_layer
from .write import atomic_path, write_layer

__all__ = [
    "META_LAYER",
    "READ_FORMATS",
    "ReadWarning",
    "SchemaError",
    "atomic_path",
    "read_city",
    "read_layer",
    "write_city",
    "write_layer",
]


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
