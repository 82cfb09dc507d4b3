"""Offline geocoding of address lists against an address reference (:func:`geocode`).

The rules, in the order they are tried for each row (the first that applies wins):

``exact``
    Street as written in the reference (spaces collapsed) and house number as
    written (``12a``; the reference's number and suffix joined), in the same
    postcode/city when the row names one.
``normalised``
    The same address after normalisation (:mod:`geoinnenstadt.sources.addresses`:
    ``Str.``/``Straße``/``strasse``, ``ß``/``ss``, umlauts, case, hyphens and
    spaces; ``12 A`` = ``12a``; ``12/1``; a range ``12-14`` is its first
    number).
``nearest_number``
    The street exists, the number does not: the closest existing number on
    that street, at most ``max_number_gap`` numbers away. Order of preference:
    the same side of the street (same parity) first, then the smaller
    difference, then the lower number, then no suffix before ``a``, ``b`` …,
    then the smaller x and y. The same number with another suffix (``12c`` →
    ``12``) has difference 0. Also the best a row can get whose street name
    was corrected by spelling (below), even when the number exists.
``street``
    The street exists, no number within the gap (or the row has no number): the
    street's central address point (the address point nearest the mean of all
    the street's address points; ties: smaller x, then y).
``ambiguous``
    Several places fit equally well, so none is taken (geometry missing):
    a row without postcode/town whose street lies in several postcodes, or an
    address that the reference holds at points more than ``max_spread``
    (default 50 m) apart. Points of one address within ``max_spread`` are one
    place (smaller x, then y, is taken). ``match_note`` lists every candidate
    with its coordinates, and ``attrs["geocode_report"]["candidates"]`` keeps
    them.
``none``
    Nothing found; geometry missing. Also when the only addresses found
    contradict the row's postcode or town (below).

**The address list may not contradict the reference.** A postcode or town
given in the row (a column, or in the address text: ``…, 44137 Dortmund``,
``…, Essen``) that differs from the reference address found lowers the row to
``none``, with the reason in ``match_note`` (the reference address named, so
the row can be corrected). Postcodes agree when equal; towns when the words of
one begin the other after normalisation (``Frankfurt`` = ``Frankfurt am Main``,
``Essen`` = ``Essen-Rüttenscheid``; ``Essen`` ≠ ``Essenbach``). A postcode the
reference does not hold at all does not restrict the search, so the address
found elsewhere contradicts it.

**A street name that is not in the reference** is corrected only when exactly
one reference street is similar enough: ``rapidfuzz.fuzz.ratio`` of the
street keys ≥ ``threshold`` (default 90: one wrong letter in a name of about
13 letters) *and* at least 3 points above the runner-up. A similar name may be
another street (``Luisenstraße`` and ``Elisenstr.`` score 92), so a corrected
street is never ``exact`` or ``normalised``: at best ``nearest_number``, with
``match_note`` naming both names, and :func:`geocode` warns. Made-up streets
return ``none``. ``match_score`` is the similarity of the street (100 when the
street keys agree, the fuzzy score when corrected, NaN for ``ambiguous`` and
``none``); the quality of the number is in ``match``.

Exact and normalised matches are hashed joins (pandas merges on integer keys);
fuzzy matching runs only for the distinct street names not found, against the
distinct reference streets of the same postcode (or all when none is given).
Everything is deterministic: ties are broken by the orders above, never by the
order of the reference rows.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from ..errors import name_some
from ..schema import ValidationReport
from .addresses import (
    ADDRESS_COLUMNS,
    AddressWarning,
    clean_text,
    per_value,
    pick_column,
    postcode_text,
    read_addresses,
    split_address,
    split_number,
    street_key,
)

__all__ = ["MATCH_CLASSES", "GeocodeWarning", "geocode"]

#: Values of the ``match`` column, best first.
MATCH_CLASSES = ("exact", "normalised", "nearest_number", "street", "ambiguous", "none")

_MAX_NUMBER = 1 << 20
_MARGIN = 3.0
_CHUNK = 512
_TOWN_SPLIT = re.compile(r"[\s,/()\-]+")


class GeocodeWarning(AddressWarning):
    """Addresses of a list that were not found (or only approximately) in the reference."""


# --------------------------------------------------------------------------- inputs


def _reference(reference: Any) -> gpd.GeoDataFrame:
    if isinstance(reference, gpd.GeoDataFrame) and set(ADDRESS_COLUMNS) <= set(reference.columns):
        return reference
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AddressWarning)  # its report is in attrs
        return read_addresses(reference)


def _query(
    frame: pd.DataFrame,
    address: str | None,
    street: str | None,
    number: str | None,
    postcode: str | None,
    city: str | None,
) -> pd.DataFrame:
    """The list as street text, house-number text, postcode and city (positional index)."""
    if address is not None and (street is not None or number is not None):
        raise ValueError("give either address= (one column) or street= and number=, not both")
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    present = [str(c) for c in frame.columns if c != geometry]
    source = str(frame.attrs.get("source", "the address list"))
    if address is None and street is None:
        street = pick_column(present, None, "street", source)
        if street is None:
            address = pick_column(present, None, "address", source)
        if street is None and address is None:
            raise ValueError(
                f"{source}: no address column found; pass address='…' (one column such as "
                "'Westenhellweg 12a, 44137 Dortmund') or street='…' and number='…'; the columns "
                f"are: {', '.join(map(repr, present))}"
            )
    data = pd.DataFrame(frame).reset_index(drop=True)
    pc_col = pick_column(present, postcode, "postcode", source)
    city_col = pick_column(present, city, "city", source)
    if address is not None:
        parts = split_address(data[str(pick_column(present, address, "address", source))])
        q = pd.DataFrame({"street": parts["street"], "hnr": parts["house_number"]})
        q["postcode"] = data[pc_col] if pc_col else parts["postcode"]
        q["city"] = data[city_col] if city_col else parts["city"]
    else:
        s_col = pick_column(present, street, "street", source)
        n_col = pick_column(present, number, "number", source)
        q = pd.DataFrame({"street": data[s_col]})
        q["hnr"] = data[n_col] if n_col else pd.NA
        q["postcode"] = data[pc_col] if pc_col else pd.NA
        q["city"] = data[city_col] if city_col else pd.NA
    q["street"] = clean_text(q["street"])
    hnr = q["hnr"].astype("object")
    q["hnr"] = clean_text(
        hnr.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else v)
    )
    q["postcode"] = postcode_text(q["postcode"])
    q["city"] = clean_text(q["city"])
    return q


def _codes(values: pd.Series, categories: pd.Index) -> np.ndarray:
    """Integer codes of ``values`` in ``categories`` (-1 when absent or NA)."""
    return np.asarray(pd.Categorical(values, categories=categories).codes, dtype=np.int64)


def _key(street: np.ndarray, number: pd.Series, suffix: np.ndarray, n_suffix: int) -> np.ndarray:
    """One int64 per (street, number, suffix); -1 when a part is missing or out of range."""
    num = number.fillna(-1).to_numpy(dtype=np.int64)
    ok = (street >= 0) & (num >= 0) & (num < _MAX_NUMBER) & (suffix >= 0)
    key = (street * _MAX_NUMBER + num) * max(n_suffix, 1) + suffix
    return np.where(ok, key, -1)


# --------------------------------------------------------------------------- streets


def _fuzzy(
    queries: list[str], choices: list[str], threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the one similar choice per query (-1 when none or ambiguous), and its score."""
    from rapidfuzz import fuzz, process

    best = np.full(len(queries), -1, dtype=np.int64)
    score = np.zeros(len(queries), dtype=np.float64)
    if not queries or not choices:
        return best, score
    for start in range(0, len(queries), _CHUNK):
        part = queries[start : start + _CHUNK]
        m = process.cdist(
            part, choices, scorer=fuzz.ratio, score_cutoff=threshold - _MARGIN,
            dtype=np.float32, workers=-1,
        )  # fmt: skip
        top = np.argmax(m, axis=1)
        top_score = m[np.arange(len(part)), top]
        if m.shape[1] > 1:
            second = np.partition(m, m.shape[1] - 2, axis=1)[:, -2]
        else:
            second = np.zeros(len(part), dtype=np.float32)
        ok = (top_score >= threshold) & (top_score - second >= _MARGIN)
        best[start : start + len(part)] = np.where(ok, top, -1)
        score[start : start + len(part)] = np.where(ok, top_score, 0.0)
    return best, score


def _resolve_streets(q: pd.DataFrame, r: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Per row the reference street key it names, its score and the area searched.

    The key is exact or corrected. A street not in the row's postcode but
    elsewhere in the reference is looked up there before any spelling correction
    (the row's postcode then contradicts the address found, and the row is
    ``none`` with a note naming it).
    """
    pairs = q.loc[q["skey"].notna(), ["area", "skey"]].drop_duplicates()
    distinct = r[["area", "skey"]].drop_duplicates()
    ref_pairs = set(zip(distinct["area"], distinct["skey"].astype(object), strict=True))
    ref_keys = set(distinct["skey"].astype(object))
    table: dict[tuple[str, str], tuple[str, float, str]] = {}
    missing = []
    for a, k in pairs.itertuples(index=False):
        if (a == "" and k in ref_keys) or (a, k) in ref_pairs:
            table[(a, k)] = (k, 100.0, a)
        elif k in ref_keys:
            table[(a, k)] = (k, 100.0, "")
        else:
            missing.append((a, k))
    by_area = distinct.groupby("area", sort=True)["skey"].unique()
    everything = sorted(ref_keys)
    for area, group in pd.DataFrame(missing, columns=["area", "skey"]).groupby("area", sort=True):
        choices = everything if area == "" else sorted(by_area.get(area, []))
        qs = group["skey"].tolist()
        idx, score = _fuzzy(qs, choices, threshold)
        for k, i, sc in zip(qs, idx, score, strict=True):
            if i >= 0:
                table[(area, k)] = (choices[i], float(sc), area)
    hits = [table.get(k) for k in zip(q["area"], q["skey"], strict=True)]
    return pd.DataFrame(
        {
            "rskey": pd.array([h[0] if h else pd.NA for h in hits], dtype="string"),
            "sscore": np.array([h[1] if h else np.nan for h in hits], dtype="float64"),
            "area": [h[2] if h else a for h, a in zip(hits, q["area"], strict=True)],
        },
        index=q.index,
    )


def _street_points(r: pd.DataFrame) -> pd.DataFrame:
    """Per (area, street key): the address point nearest the mean of the street's points."""
    g = r.groupby(["area", "skey"], sort=False)
    mx = g["x"].transform("mean").to_numpy()
    my = g["y"].transform("mean").to_numpy()
    d2 = (r["x"].to_numpy() - mx) ** 2 + (r["y"].to_numpy() - my) ** 2
    ranked = r.assign(_d2=d2).sort_values(["area", "skey", "_d2", "x", "y"], kind="mergesort")
    return ranked.drop_duplicates(["area", "skey"], keep="first")


# --------------------------------------------------------------------------- matching


def _prepare(ref: gpd.GeoDataFrame, scope: str | None) -> pd.DataFrame:
    geoms = np.asarray(ref.geometry.array, dtype=object)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    r = pd.DataFrame(
        {
            "street": ref["street"].astype("string").to_numpy(),
            "number": ref["number"].astype("Int64").array,
            "suffix": ref["suffix"].astype("string").fillna("").to_numpy(),
            "postcode": ref["postcode"].astype("string").to_numpy(),
            "city": ref["city"].astype("string").to_numpy(),
        }
    )
    r["x"] = np.nan
    r["y"] = np.nan
    r.loc[present, "x"] = shapely.get_x(geoms[present])
    r.loc[present, "y"] = shapely.get_y(geoms[present])
    r["skey"] = street_key(r["street"])
    r["town"] = _town(r["city"])
    r["rhnr"] = (r["number"].astype("string") + r["suffix"]).astype("object")
    r = r.loc[present & r["skey"].notna().to_numpy()].reset_index(drop=True)
    r["area"] = _area(r, scope)
    return r


def _area(t: pd.DataFrame, scope: str | None) -> pd.Series:
    if scope is None:
        return pd.Series("", index=t.index, dtype="object")
    values = t[scope] if scope == "postcode" else street_key(t["city"])
    return values.astype("object").where(values.notna(), "")


def _town(values: pd.Series) -> pd.Series:
    """A town as its words' street keys joined by blanks.

    ``"Frankfurt am Main"`` → ``"frankfurt am main"``;
    ``"Essen-Rüttenscheid"`` → ``"essen ruettenscheid"``.
    """

    def words(v: Any) -> str | None:
        keys = [street_key(w) for w in _TOWN_SPLIT.split(str(v))]
        return " ".join(k for k in keys if isinstance(k, str)) or None

    return per_value(values, words)


def _same_town(a: str, b: str) -> bool:
    """Two towns agree when the words of one begin the other ("Essen", "Essen-Rüttenscheid")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _conflicts(cand: pd.DataFrame) -> np.ndarray:
    """Per candidate the contradiction with the row's postcode/town (a note), or None."""
    out = np.full(len(cand), None, dtype=object)
    qpc, rpc = cand["q_postcode"].to_numpy(object), cand["postcode"].to_numpy(object)
    qt, rt = cand["q_town"].to_numpy(object), cand["town"].to_numpy(object)
    pc_bad = np.zeros(len(cand), dtype=bool)
    town_bad = np.zeros(len(cand), dtype=bool)
    both = pd.notna(qpc) & pd.notna(rpc)
    pc_bad[both] = qpc[both].astype(str) != rpc[both].astype(str)
    both = pd.notna(qt) & pd.notna(rt)
    town_bad[both] = [not _same_town(a, b) for a, b in zip(qt[both], rt[both], strict=True)]
    hit = np.flatnonzero(pc_bad | town_bad)
    if not len(hit):
        return out
    qcity = cand["q_city"].to_numpy(object)
    for i, label in zip(hit, _label(cand.iloc[hit]), strict=True):
        what = f"postcode {qpc[i]}" if pc_bad[i] else f"town {qcity[i]!r}"
        out[i] = f"{what} contradicts the reference address {label}: check postcode and town"
    return out


def _choose(
    cand: pd.DataFrame, order: list[str], max_spread: float, metric: bool
) -> tuple[pd.DataFrame, dict[int, pd.DataFrame]]:
    """First candidate per row by ``order``, and the ambiguous rows with their candidates.

    The last two keys of ``order`` are x, y. A row is ambiguous when it named no
    area and its candidates lie in several areas (one candidate per area), or
    when its equally ranked candidates (the same address at several points) lie
    more than ``max_spread`` apart (any two distinct points when the CRS is not
    metric).
    """
    cand = cand.sort_values(["row", *order], kind="mergesort")
    best = cand.drop_duplicates("row")
    n_areas = cand.groupby("row")["r_area"].transform("nunique").to_numpy()
    multi = set(cand["row"].to_numpy()[(n_areas > 1) & (cand["q_area"] == "").to_numpy()])
    rank = order[:-2]
    top = cand.merge(best[["row", *rank]], on=["row", *rank]) if rank else cand
    at = best.set_index("row")[["x", "y"]]
    d = np.hypot(
        top["x"].to_numpy() - at["x"].reindex(top["row"]).to_numpy(),
        top["y"].to_numpy() - at["y"].reindex(top["row"]).to_numpy(),
    )
    far = set(top["row"].to_numpy()[d > (max_spread if metric else 0.0)]) - multi
    ambiguous: dict[int, pd.DataFrame] = {}
    for row, group in cand.loc[cand["row"].isin(multi)].groupby("row", sort=True):
        ambiguous[int(row)] = group.drop_duplicates("r_area")
    for row, group in top.loc[top["row"].isin(far)].groupby("row", sort=True):
        ambiguous[int(row)] = group.drop_duplicates(["x", "y"])
    return best.loc[~best["row"].isin(list(ambiguous))], ambiguous


def _ambiguity_note(c: pd.DataFrame, metric: bool, several_areas: bool) -> str:
    xy = c[["x", "y"]].to_numpy(dtype=float)
    places = "; ".join(
        f"{label} ({x:.0f}, {y:.0f})" for label, (x, y) in zip(_label(c), xy, strict=True)
    )
    apart = ""
    if metric:
        far = float(np.max(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))))
        apart = f", up to {far:,.0f} m apart"
    hint = (
        "add the postcode or town"
        if several_areas
        else "give coordinates, or correct the reference (one point per address)"
    )
    return f"{len(c)} places in the reference{apart}: {places}; {hint}"


def _match(
    q: pd.DataFrame,
    r: pd.DataFrame,
    threshold: float,
    max_gap: int,
    max_spread: float,
    metric: bool,
    step: Any,
) -> dict[str, Any]:
    n = len(q)
    out_x = np.full(n, np.nan)
    out_y = np.full(n, np.nan)
    cls = np.full(n, "none", dtype=object)
    score = np.full(n, np.nan)
    matched = np.full(n, None, dtype=object)
    note = np.full(n, None, dtype=object)  # of located rows (a corrected street name)
    refused = np.full(n, None, dtype=object)  # contradictions: the note when none is found
    ambiguous: dict[int, pd.DataFrame] = {}

    q[["rskey", "sscore", "area"]] = _resolve_streets(q, r, threshold)
    step("streets")
    skeys = pd.Index(sorted(r["skey"].unique()))
    suffixes = pd.Index(sorted(set(r["suffix"].unique()) | set(q["suffix"].unique())))
    r_s = _codes(r["skey"], skeys)
    q_s = _codes(q["rskey"], skeys)
    r["k"] = _key(r_s, r["number"], _codes(r["suffix"], suffixes), len(suffixes))
    q["k"] = _key(q_s, q["number"], _codes(q["suffix"], suffixes), len(suffixes))
    r["s"], q["s"] = r_s, q_s
    q_street = q["street"].to_numpy(object)
    rcols = ["street", "rhnr", "postcode", "city", "town", "area", "x", "y"]
    qcols = ["row", "area", "sscore", "postcode", "city", "town"]
    qren = {"area": "q_area", "postcode": "q_postcode", "city": "q_city", "town": "q_town"}

    def stage(cand: pd.DataFrame, order: list[str]) -> pd.DataFrame:
        """Candidates in the row's area and not contradicting it → the chosen ones."""
        cand = cand.loc[(cand["q_area"] == "") | (cand["q_area"] == cand["r_area"])]
        bad = _conflicts(cand)
        hit = pd.notna(bad)
        if hit.any():
            rows = cand["row"].to_numpy()
            first = pd.Series(bad[hit], index=rows[hit]).groupby(level=0).first()
            for row, text in first.items():
                if refused[row] is None:
                    refused[row] = text
            cand = cand.loc[~hit]
        best, amb = _choose(cand, order, max_spread, metric)
        ambiguous.update(amb)
        return best

    def take(best: pd.DataFrame, what: Any) -> None:
        rows = best["row"].to_numpy()
        sscore = best["sscore"].to_numpy()
        what = np.broadcast_to(np.asarray(what, dtype=object), rows.shape)
        corrected = sscore < 100.0  # a street name corrected by spelling: never exact/normalised
        what = np.where(corrected & np.isin(what, ["exact", "normalised"]), "nearest_number", what)
        out_x[rows], out_y[rows] = best["x"].to_numpy(), best["y"].to_numpy()
        cls[rows] = what
        score[rows] = sscore
        matched[rows] = _label(best)
        for row, ref_street, sc in zip(
            rows[corrected], best["street"].to_numpy()[corrected], sscore[corrected], strict=True
        ):
            note[row] = (
                f"street {q_street[row]!r} is not in the reference; read as {ref_street!r} "
                f"(similarity {sc:.0f}): check the address"
            )

    def open_rows() -> np.ndarray:
        o = (cls == "none") & q["rskey"].notna().to_numpy()
        o[list(ambiguous)] = False
        return o

    qa = q.loc[q["k"] >= 0, [*qcols, "k", "street", "hnr"]].rename(
        columns={**qren, "street": "q_street"}
    )
    cand = qa.merge(r[["k", *rcols]].rename(columns={"area": "r_area"}), on="k")
    best = stage(cand, ["x", "y"])
    exact = (best["q_street"] == best["street"]).fillna(False).to_numpy() & (
        best["hnr"].astype("object").str.strip() == best["rhnr"]
    ).fillna(False).to_numpy()
    take(best, np.where(exact, "exact", "normalised"))
    step("numbers")

    qn = q.loc[open_rows() & q["number"].notna().to_numpy(), [*qcols, "s", "number"]].rename(
        columns={**qren, "number": "q_number"}
    )
    rn = r.loc[r["number"].notna(), ["s", "number", "suffix", *rcols]]
    cand = qn.merge(rn.rename(columns={"area": "r_area"}), on="s")
    diff = (cand["number"] - cand["q_number"]).astype("int64")
    cand = cand.assign(_gap=diff.abs(), _side=(diff % 2 != 0).astype("int8"))
    cand = cand.loc[cand["_gap"] <= max_gap]
    take(stage(cand, ["_side", "_gap", "number", "suffix", "x", "y"]), "nearest_number")
    step("nearest numbers")

    qs = q.loc[open_rows(), [*qcols, "rskey"]].rename(columns={**qren, "rskey": "skey"})
    if len(qs):
        centres = _street_points(r.loc[r["skey"].isin(qs["skey"].unique())])
        cand = qs.merge(centres[["skey", *rcols]].rename(columns={"area": "r_area"}), on="skey")
        take(stage(cand.assign(rhnr=None), ["x", "y"]), "street")
    step("streets only")

    candidates: dict[int, list[dict[str, Any]]] = {}
    for row, c in sorted(ambiguous.items()):
        several = c["r_area"].nunique() > 1
        cls[row] = "ambiguous"
        note[row] = _ambiguity_note(c, metric, several)
        candidates[row] = [
            {"address": label, "x": float(x), "y": float(y)}
            for label, x, y in zip(_label(c), c["x"], c["y"], strict=True)
        ]
    lowered = (cls == "none") & pd.notna(refused)
    note[lowered] = refused[lowered]
    return {"x": out_x, "y": out_y, "match": cls, "score": score, "matched": matched,
            "note": note, "ambiguous": sorted(ambiguous), "candidates": candidates,
            "contradicted": np.flatnonzero(lowered).tolist()}  # fmt: skip


def _label(best: pd.DataFrame) -> list[str]:
    """``"Westenhellweg 12a, 44137 Dortmund"`` of the chosen reference rows."""
    out = []
    for street, hnr, pc, city in zip(
        best["street"], best["rhnr"], best["postcode"], best["city"], strict=True
    ):
        text = str(street) if pd.isna(hnr) else f"{street} {hnr}"
        place = " ".join(str(v) for v in (pc, city) if not pd.isna(v))
        out.append(f"{text}, {place}" if place else text)
    return out


# --------------------------------------------------------------------------- public


def _scope(q: pd.DataFrame, ref: gpd.GeoDataFrame) -> str | None:
    for col in ("postcode", "city"):
        if q[col].notna().any() and ref[col].notna().any():
            return col
    return None


def _run(
    frame: pd.DataFrame,
    reference: Any,
    *,
    address: str | None,
    street: str | None,
    number: str | None,
    postcode: str | None,
    city: str | None,
    threshold: float,
    max_number_gap: int,
    progress: bool,
    max_spread: float = 50.0,
) -> tuple[gpd.GeoDataFrame, dict[str, Any]]:
    from tqdm.auto import tqdm

    if not 50 <= threshold <= 100:
        raise ValueError(
            f"threshold must be between 50 and 100 (a rapidfuzz ratio), got {threshold}"
        )
    if (
        isinstance(max_number_gap, bool)
        or not isinstance(max_number_gap, int)
        or max_number_gap < 0
    ):
        raise ValueError(f"max_number_gap must be an int >= 0, got {max_number_gap!r}")
    if (
        isinstance(max_spread, bool)
        or not isinstance(max_spread, (int, float))
        or not (0 <= max_spread < np.inf)
    ):
        raise ValueError(f"max_spread must be a distance in metres >= 0, got {max_spread!r}")
    bar = tqdm(total=5, desc="geocode", unit="step", disable=not progress, leave=False)

    def step(name: str) -> None:
        bar.set_postfix_str(name)
        bar.update(1)

    try:
        ref = _reference(reference)
        q = _query(frame, address, street, number, postcode, city)
        q["row"] = np.arange(len(q))
        scope = _scope(q, ref)
        r = _prepare(ref, scope)
        q["area"] = _area(q, scope)
        known = set(r["area"])  # a postcode/city the reference does not hold is ignored
        q["area"] = q["area"].where(q["area"].isin(known), "")
        q["skey"] = street_key(q["street"])
        q["town"] = _town(q["city"])
        parts = split_number(q["hnr"])
        q["number"], q["suffix"] = parts["number"], parts["suffix"].fillna("")
        step("reference")
        metric = ref.crs is not None and _crs.is_metric(ref.crs)
        res = _match(q, r, float(threshold), max_number_gap, float(max_spread), metric, step)
    finally:
        bar.close()
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else "geometry"
    data = pd.DataFrame(frame).drop(columns=[geometry], errors="ignore")
    data["match"] = pd.array(res["match"], dtype="string")
    data["match_score"] = np.round(res["score"], 1)
    data["matched_address"] = pd.array(res["matched"], dtype="string")
    data["match_note"] = pd.array(res["note"], dtype="string")
    ok = np.isfinite(res["x"])
    geoms = np.full(len(data), None, dtype=object)
    geoms[ok] = shapely.points(res["x"][ok], res["y"][ok])
    out = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, index=data.index, crs=ref.crs))
    if geometry != "geometry":
        out = out.rename_geometry(geometry)
    counts = {c: int((res["match"] == c).sum()) for c in MATCH_CLASSES}
    report = {
        "counts": counts,
        "unmatched": np.flatnonzero(np.isin(res["match"], ["none", "ambiguous"])).tolist(),
        "ambiguous": res["ambiguous"],
        "candidates": res["candidates"],
        "contradicted": res["contradicted"],
        "corrected": np.flatnonzero(
            pd.notna(res["note"]) & np.isin(res["match"], ["nearest_number", "street"])
        ).tolist(),
        "scope": scope or "",
        "reference": str(ref.attrs.get("source", "reference")),
        "threshold": float(threshold),
        "max_number_gap": int(max_number_gap),
        "max_spread": float(max_spread),
    }
    out.attrs = {k: v for k, v in frame.attrs.items() if k != "geocode_report"}
    out.attrs["geocode_report"] = report
    return out, report


def describe(report: dict[str, Any], *, labels: Any = None, limit: int = 10) -> str:
    """One line: counts per class, rows not found, ambiguous rows (1-based, or ``labels``)."""
    counts = ", ".join(f"{c} {report['counts'][c]}" for c in MATCH_CLASSES)
    amb = set(report["ambiguous"])
    none = [i for i in report["unmatched"] if i not in amb]

    def names(rows: list[int]) -> str:
        return name_some([labels[i] if labels is not None else i + 1 for i in rows], limit)

    parts = [counts]
    if none:
        parts.append(f"not found: rows {names(none)}")
    if amb:
        parts.append(f"ambiguous (several places, see match_note): rows {names(sorted(amb))}")
    if report["corrected"]:
        parts.append(
            "street name corrected by spelling (check them, see match_note): rows "
            + names(report["corrected"])
        )
    if len(parts) == 1:
        parts.append("every address found")
    return "; ".join(parts)


def geocode(
    frame: pd.DataFrame,
    reference: Any,
    *,
    address: str | None = None,
    street: str | None = None,
    number: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    threshold: float = 90,
    max_number_gap: int = 10,
    max_spread: float = 50,
    progress: bool = False,
) -> gpd.GeoDataFrame:
    """Locate the addresses of a list in an address reference, offline.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
        The address list (e.g. a vacancy register without coordinates).
    reference : GeoDataFrame or path
        An address index from :func:`geoinnenstadt.read_addresses`, or anything
        it reads (house coordinates, OSM address points).
    address : str, optional
        One column with the whole address (``"Westenhellweg 12a, 44137 Dortmund"``;
        postcode and city optional).
    street, number : str, optional
        Separate columns instead (the number may carry the suffix: ``12a``).
    postcode, city : str, optional
        Columns restricting the match to a postcode (else a city). Found by
        name (``plz``, ``ort``, …) when not given; a row without them is
        matched in the whole reference.
        Without address=/street=, columns named ``strasse``/``street``/… and
        ``hausnummer``/``hnr``/… or ``adresse``/``address`` are used.
    threshold : float, default 90
        Minimum ``rapidfuzz.fuzz.ratio`` (0–100) for correcting a street name.
    max_number_gap : int, default 10
        Largest difference of house numbers for ``nearest_number``.
    max_spread : float, default 50
        Metres: the same address at several reference points within this
        distance of the chosen one is one place (the point with the smaller x,
        then y, is taken); farther apart, the row is ``ambiguous``.
    progress : bool, default False
        Show a tqdm progress bar.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows of ``frame`` in the same order with the same index, point
        geometry in the reference's CRS (missing for ``ambiguous`` and
        ``none``) and the columns ``match`` (one of :data:`MATCH_CLASSES`:
        ``exact``, ``normalised``, ``nearest_number``, ``street``,
        ``ambiguous``, ``none``; rules in the module docstring),
        ``match_score``, ``matched_address`` and ``match_note`` (why a row is
        ambiguous, contradicted or its street name corrected; else missing).
        ``attrs["geocode_report"]``: ``counts`` per class; 0-based row
        positions: ``unmatched`` (no geometry: ``none`` and ``ambiguous``),
        ``ambiguous``, ``contradicted`` (postcode or town contradicts the
        reference), ``corrected`` (street name corrected by spelling);
        ``candidates`` (ambiguous row → every candidate as ``{"address", "x",
        "y"}``); ``scope``, ``threshold``, ``max_number_gap``, ``max_spread``.

    Warns
    -----
    GeocodeWarning
        When addresses were not found or are ambiguous, or street names were
        corrected, naming the rows (1-based).

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd, geoinnenstadt as gi
    >>> from shapely.geometry import Point
    >>> ref = gi.read_addresses(gpd.GeoDataFrame(
    ...     {"strname": ["Westenhellweg"] * 3 + ["Maria-Weber-Weg"],
    ...      "hsnr": ["10", "12", "12", "3"], "hsnrzu": ["", "", "a", ""],
    ...      "plz": ["44137"] * 4, "ort": ["Dortmund"] * 4},
    ...     geometry=[Point(393000 + 10 * i, 5707500) for i in range(4)], crs="EPSG:25832"))
    >>> units = pd.DataFrame({"Adresse": ["Westenhellweg 12a, 44137 Dortmund",
    ...     "westenhellweg 12 A", "Westenhellweg 14", "maria weber weg 3"]})
    >>> gi.geocode(units, ref, address="Adresse")[["match", "match_score", "matched_address"]]
                match  match_score                    matched_address
    0           exact        100.0  Westenhellweg 12a, 44137 Dortmund
    1      normalised        100.0  Westenhellweg 12a, 44137 Dortmund
    2  nearest_number        100.0   Westenhellweg 12, 44137 Dortmund
    3      normalised        100.0  Maria-Weber-Weg 3, 44137 Dortmund
    """
    out, report = _run(
        frame, reference, address=address, street=street, number=number, postcode=postcode,
        city=city, threshold=threshold, max_number_gap=max_number_gap, max_spread=max_spread,
        progress=progress,
    )  # fmt: skip
    if report["unmatched"] or report["corrected"]:
        warnings.warn(
            f"{len(report['unmatched'])} of {len(out)} addresses not located in "
            f"{report['reference']}, {len(report['corrected'])} located on a street name "
            f"corrected by spelling ({describe(report)}); rows not located have no geometry; "
            "see match_note and attrs['geocode_report']",
            GeocodeWarning,
            stacklevel=2,
        )
    return out


def geocode_layer(
    frame: pd.DataFrame,
    reference: Any,
    *,
    labels: Any,
    unmatched: str,
    pre: ValidationReport,
    **options: Any,
) -> gpd.GeoDataFrame:
    """:func:`geocode` for :func:`geoinnenstadt.read_layer` (``geocode=``).

    The report goes to ``pre``; ``unmatched="refuse"`` raises a SchemaError
    naming the rows.
    """
    from ..errors import SchemaError

    if unmatched not in ("keep", "refuse"):
        raise ValueError(f"unmatched must be 'keep' or 'refuse', got {unmatched!r}")
    out, report = _run(frame, reference, progress=False, **options)
    pre.note(f"geocoded against {report['reference']}: {describe(report, labels=labels)}")
    rows = report["unmatched"]
    if rows and unmatched == "refuse":
        raise SchemaError(
            f"{len(rows)} addresses not found in {report['reference']}: "
            + "; ".join(f"row {i + 1} ({labels[i]})" for i in rows[:20])
            + (" …" if len(rows) > 20 else "")
            + "; correct the addresses or add coordinates, or read with unmatched='keep'",
            pre,
        )
    notes = out["match_note"].to_numpy(dtype=object, na_value=None)
    for i in rows:
        ambiguous = out["match"].iloc[i] == "ambiguous"
        what = "ambiguous in" if ambiguous else "not found in"
        why = f" ({notes[i]})" if notes[i] is not None else ""
        pre.warn(
            labels[i],
            "geometry",
            f"address {what} the reference (row {i + 1}){why}: geometry missing",
            "add the postcode and town, or coordinates"
            if ambiguous
            else "correct the address or add coordinates",
        )
    approx = np.flatnonzero(out["match"].isin(["nearest_number", "street"]).to_numpy())
    for i in approx:
        why = f"; {notes[i]}" if notes[i] is not None else ""
        pre.warn(
            labels[i],
            "geometry",
            f"located approximately ({out['match'].iloc[i]}: {out['matched_address'].iloc[i]})"
            f"{why}",
            "check the address",
        )
    return out


def demote_missing_geometry(report: ValidationReport, labels: list[Any]) -> None:
    """Drop the "geometry is missing" errors of rows not geocoded (:func:`geocode_layer` warns)."""
    report.withdraw_errors("geometry", "geometry is missing", labels)
