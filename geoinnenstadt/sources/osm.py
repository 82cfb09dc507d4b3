"""OpenStreetMap extracts (.osm, .osm.gz, .osm.pbf): shops and vacant shops as units.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def read_raw(target: Any, kind: str, pre: Any, **options: Any) -> Any:
    """The raw features when ``target`` is this adapter's format, else None."""
    return None


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """``frame`` and ``columns`` unchanged unless the frame holds this adapter's schema."""
    return frame, columns
