"""Write ``osmium-extract.osm.pbf`` from ``osmium-extract.osm`` with pyosmium's writer.

The PBF carries the header a Geofabrik download carries (as ``osmium fileinfo``
shows it for a real Geofabrik extract, see ``tests/data/SOURCES.md``):
``generator``, ``osmosis_replication_base_url``,
``osmosis_replication_sequence_number`` and ``osmosis_replication_timestamp``,
and the extract's bounding box. Run from anywhere::

    python tests/data/osm/make_pbf.py

The output is committed; the tests never regenerate it.
"""

from __future__ import annotations

from pathlib import Path

import osmium

HERE = Path(__file__).parent
SOURCE = HERE / "osmium-extract.osm"
TARGET = HERE / "osmium-extract.osm.pbf"

#: Header options of the PBF (values invented, keys and forms as Geofabrik writes them).
HEADER = {
    "generator": "osmium/1.16.0",
    "osmosis_replication_base_url": (
        "https://download.geofabrik.de/europe/germany/nordrhein-westfalen/arnsberg-regbez-updates"
    ),
    "osmosis_replication_sequence_number": "4512",
    "osmosis_replication_timestamp": "2025-06-30T23:21:08Z",
}


def main() -> None:
    """Write the PBF next to this script (replacing an older one)."""
    header = osmium.io.Header()
    for key, value in HEADER.items():
        header.set(key, value)
    header.add_box(osmium.osm.Box(7.46, 51.512, 7.475, 51.517))
    TARGET.unlink(missing_ok=True)
    with osmium.SimpleWriter(str(TARGET), header=header) as writer:
        for obj in osmium.FileProcessor(str(SOURCE)):
            writer.add(obj)


if __name__ == "__main__":
    main()
