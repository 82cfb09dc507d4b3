"""Benchmark: ``gi.geocode`` of 100,000 addresses against a 1,000,000-point reference (issue 10).

The reference is synthetic (fixed seed): 20,000 streets with made-up names in
50 postcodes, 50 numbered addresses per street (every fifth with a suffix
``a``). The list mixes, like a clerk's register, addresses typed as in the
reference, typed differently (case, ``Str.``, ``ss``, ``12 A``), misspelt
streets (one letter), numbers that do not exist, streets that do not exist
and rows without a number. Reports the seconds (reading the reference as an
index with :func:`gi.read_addresses` included) and the count per match
class. ``--quick``: 2,000 reference points and 200 addresses.

Run ``python bench/bench_geocode.py [--quick]`` or ``python -m bench``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

_SYLLABLES = ("ber", "dor", "fel", "gar", "hal", "kir", "lin", "mar", "nor", "ost", "pap", "ros",
              "sal", "tan", "ul", "ven", "wal", "zel", "bach", "horn", "lau", "mei", "rin", "sen",
              "tro", "wen", "eck", "burg", "heid", "mol")  # fmt: skip
_TYPES = ("straße", "weg", "allee", "platz", "ring", "gasse")


def reference(n_streets: int, per_street: int, seed: int = 7) -> gpd.GeoDataFrame:
    """The synthetic house coordinates (Hauskoordinaten columns, EPSG:25832)."""
    rng = np.random.default_rng(seed)
    s = np.array(_SYLLABLES, dtype=object)
    combos = rng.choice(len(s) ** 3, size=n_streets, replace=False)
    a, b, c = combos // len(s) ** 2, (combos // len(s)) % len(s), combos % len(s)
    types = np.array(_TYPES, dtype=object)[rng.integers(0, len(_TYPES), n_streets)]
    names = (s[a] + s[b] + s[c]).astype(str)
    names = np.char.capitalize(names.astype(str)).astype(object) + types
    street = np.repeat(names, per_street)
    number = np.tile(np.arange(1, per_street + 1), n_streets)
    suffix = np.where(number % 5 == 0, "a", "")
    sid = np.repeat(np.arange(n_streets), per_street)
    postcode = (44000 + sid * 50 // n_streets).astype(str)
    x0 = 380_000 + rng.random(n_streets) * 30_000
    y0 = 5_700_000 + rng.random(n_streets) * 20_000
    x = np.repeat(x0, per_street) + (number // 2) * 12.0
    y = np.repeat(y0, per_street) + (number % 2) * 20.0
    return gpd.GeoDataFrame(
        {"strname": street, "hsnr": number.astype(str), "hsnrzu": suffix, "plz": postcode},
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:25832",
    )


def addresses(ref: gpd.GeoDataFrame, n: int, seed: int = 11) -> pd.DataFrame:
    """The address list: one ``Adresse`` column, variants drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(ref), n)
    street = ref["strname"].to_numpy()[pick].astype(object)
    number = ref["hsnr"].to_numpy()[pick].astype(object)
    suffix = ref["hsnrzu"].to_numpy()[pick].astype(object)
    plz = ref["plz"].to_numpy()[pick].astype(object)
    kind = rng.choice(6, size=n, p=[0.55, 0.2, 0.1, 0.07, 0.05, 0.03])
    out = []
    for i in range(n):
        st, nu, su, k = street[i], number[i], suffix[i], kind[i]
        if k == 1:  # typed differently
            st = st.lower().replace("straße", "str.").replace("ß", "ss")
            su = su.upper()
            nu = f"{nu} " if su else nu
        elif k == 2:  # one letter dropped from the street
            j = 2 + (i % max(len(st) - 6, 1))
            st = st[:j] + st[j + 1 :]
        elif k == 3:  # a number that does not exist
            nu, su = str(int(nu) + 1000 if i % 2 else 51 + 2 * (i % 3)), ""
        elif k == 4:  # a street that does not exist
            st = f"Qxy{st[::-1].lower()}zweg"
        elif k == 5:  # no number
            nu, su = "", ""
        out.append(f"{st} {nu}{su}, {plz[i]} Beispielstadt".replace("  ", " "))
    return pd.DataFrame({"Adresse": out})


def run(quick: bool = False) -> list[dict[str, Any]]:
    """One result row: seconds and the count per match class."""
    sys.path.insert(0, str(ROOT))
    import geoinnenstadt as gi

    n_streets, per_street, n = (40, 50, 200) if quick else (20_000, 50, 100_000)
    raw = reference(n_streets, per_street)
    units = addresses(raw, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        ref = gi.read_addresses(raw)
        t_ref = time.perf_counter() - t
        out = gi.geocode(units, ref, address="Adresse")
        seconds = time.perf_counter() - t
    counts = out["match"].value_counts()
    row: dict[str, Any] = {
        "benchmark": "geocode (read_addresses + geocode)",
        "addresses": n,
        "reference_points": len(raw),
        "seconds": round(seconds, 2),
        "seconds_read_reference": round(t_ref, 2),
        "addresses_per_s": n / seconds,
    }
    for c in gi.sources.geocode.MATCH_CLASSES:
        row[c] = int(counts.get(c, 0))
    return [row]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for r in run(quick=args.quick):
        print(r)
