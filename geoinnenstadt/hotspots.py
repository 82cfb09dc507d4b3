"""Vacancy hot spots: local Getis-Ord Gi* and local join counts (:func:`hotspots`).

Also reachable as ``gi.vacancy.hotspots``. The state of the units is the
inventory at ``at`` (:mod:`geoinnenstadt.vacancy`). Distances are metres, so
the units must be in a projected CRS in true metres
(:func:`geoinnenstadt.crs.require_metric`; EPSG:4326 and EPSG:3857 raise).

Memory
------
The distance band is built from a KD-tree (``scipy.spatial.cKDTree``): the
neighbour pairs are counted first (``count_neighbors``, no memory), then
listed (``query_pairs``) into a sparse ``libpysal.graph.Graph``, so memory
grows with the number of neighbour pairs, never with n². About 170 bytes
per pair are needed at the peak (graph, esda's sparse copies); above
``max_pairs`` pairs (default :data:`MAX_PAIRS`, about 3.4 GB) the function
refuses with :class:`TooManyPairsError` before allocating anything.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs
from .errors import GeoinnenstadtError
from .vacancy.inventory import (
    DateLike,
    Rounds,
    prepare_units,
    require_points,
    resolve_at,
    state_rows,
    survey_round_dates,
)

__all__ = ["MAX_PAIRS", "TooManyPairsError", "hotspots"]

#: Default limit of neighbour pairs (unordered pairs {i, j}, i ≠ j, within the band).
MAX_PAIRS = 20_000_000
#: Approximate peak memory per neighbour pair (bytes), for the error message.
_BYTES_PER_PAIR = 170


class TooManyPairsError(GeoinnenstadtError, ValueError):
    """The distance band links more unit pairs than ``max_pairs`` (memory would run out)."""


def _neighbour_pairs(coords: np.ndarray, distance_m: float, max_pairs: int) -> np.ndarray:
    """Unordered pairs (i < j) at most ``distance_m`` apart; refuse above ``max_pairs``."""
    from scipy.spatial import cKDTree

    tree = cKDTree(coords)
    n_pairs = (int(tree.count_neighbors(tree, float(distance_m))) - len(coords)) // 2
    if n_pairs > max_pairs:
        gb = n_pairs * _BYTES_PER_PAIR / 1e9
        raise TooManyPairsError(
            f"{len(coords):,} points within distance_m={distance_m:g} m form {n_pairs:,} "
            f"neighbour pairs, more than max_pairs={max_pairs:,} (about {gb:.1f} GB of memory "
            "would be needed). Use a smaller distance_m, aggregate with grid_size_m=..., or "
            "raise max_pairs= if the machine has the memory"
        )
    pairs = tree.query_pairs(float(distance_m), output_type="ndarray")
    return np.asarray(pairs, dtype=np.int32 if len(coords) < 2**31 else np.int64)


def _distance_graph(coords: np.ndarray, distance_m: float, max_pairs: int = MAX_PAIRS) -> Any:
    """Binary distance-band Graph (w_ij = 1 if d_ij <= distance_m; islands as 0-weight self-loops).

    The same graph as ``Graph.build_distance_band(coords, distance_m, binary=True)``
    (which keeps pairs at distance 0) built from sparse pairs instead of an
    n × n distance matrix.
    """
    from libpysal.graph import Graph

    n = len(coords)
    pairs = _neighbour_pairs(coords, distance_m, max_pairs)
    focal = np.concatenate([pairs[:, 0], pairs[:, 1]])
    neighbour = np.concatenate([pairs[:, 1], pairs[:, 0]])
    del pairs
    islands = np.flatnonzero(np.bincount(focal, minlength=n) == 0).astype(focal.dtype)
    weight = np.concatenate([np.ones(len(focal), np.int8), np.zeros(len(islands), np.int8)])
    focal = np.concatenate([focal, islands])
    neighbour = np.concatenate([neighbour, islands])
    order = np.lexsort((neighbour, focal))
    levels: list[Any] = [np.arange(n), np.arange(n)]
    codes: list[Any] = [focal[order], neighbour[order]]
    index = pd.MultiIndex(
        levels=levels,
        codes=codes,
        names=["focal", "neighbor"],
        verify_integrity=False,
    )
    adjacency = pd.Series(weight[order], index=index, name="weight")
    return Graph(adjacency, is_sorted=True)


def _quiet_esda(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="The alternative hypothesis", category=DeprecationWarning
        )
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        return call()


def _local_stats(
    y: np.ndarray,
    coords: np.ndarray,
    *,
    method: str,
    distance_m: float,
    permutations: int,
    seed: int,
    alpha: float,
    max_pairs: int,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Local statistic per observation: n_neighbours, statistic, z_score, p_value, hotspot_class."""
    n = len(y)
    out = pd.DataFrame(
        {
            "n_neighbours": np.zeros(n, dtype=np.int64),
            "statistic": np.full(n, np.nan),
            "z_score": np.full(n, np.nan),
            "p_value": np.full(n, np.nan),
            "hotspot_class": np.full(n, "not_significant", dtype=object),
        }
    )
    info: dict[str, Any] = {"n_islands": 0, "note": ""}
    if n == 0:
        info["note"] = "no units"
        return out, info
    graph = _distance_graph(coords, distance_m, max_pairs)
    card = np.asarray(graph.cardinalities.reindex(range(n)).fillna(0), dtype=np.int64)
    out["n_neighbours"] = card
    island = card == 0
    info["n_islands"] = int(island.sum())
    if np.nanmin(y) == np.nanmax(y):
        info["note"] = (
            "no variation (all values equal, e.g. no vacant unit): nothing is significant"
        )
        return out, info
    p: np.ndarray
    if method == "gi_star":
        import esda

        lg = _quiet_esda(
            lambda: esda.G_Local(
                y,
                graph,
                transform="B",
                star=True,
                permutations=permutations,
                seed=seed,
                n_jobs=1,
                keep_simulations=False,
            )
        )
        out["statistic"] = np.asarray(lg.Gs, dtype=float)
        out["z_score"] = np.asarray(lg.Zs, dtype=float)
        if permutations:
            p = np.asarray(lg.p_sim, dtype=float)
        else:
            p = np.asarray(lg.p_norm, dtype=float)
        p = np.where(island, np.nan, p)
        out["p_value"] = p
        sig = (p <= alpha) & ~island
        z = out["z_score"].to_numpy()
        out.loc[sig & (z > 0), "hotspot_class"] = "hot"
        out.loc[sig & (z < 0), "hotspot_class"] = "cold"
        return out, info
    # local join counts on the non-island units (islands have no joins)
    import esda

    keep = np.flatnonzero(~island)
    out.loc[island, "statistic"] = 0.0
    if len(keep) < 2 or y[keep].min() == y[keep].max():
        out.loc[keep, "statistic"] = np.where(y[keep] == 1, card[keep], 0).astype(float)
        info["note"] = "no variation among units with neighbours: nothing is significant"
        return out, info
    sub = _distance_graph(coords[keep], distance_m, max_pairs)
    state = np.random.get_state()  # noqa: NPY002 (esda reads the legacy global RNG)
    try:
        # esda's Join_Counts_Local ignores its seed= and draws one from numpy's global RNG
        np.random.seed(seed)  # noqa: NPY002
        jc = _quiet_esda(
            lambda: esda.Join_Counts_Local(
                connectivity=sub,
                permutations=permutations,
                n_jobs=1,
                keep_simulations=False,
                seed=seed,
            ).fit(y[keep], n_jobs=1, permutations=permutations)
        )
    finally:
        np.random.set_state(state)  # noqa: NPY002
    ljc = np.asarray(jc.LJC, dtype=float)
    out.loc[keep, "statistic"] = ljc
    if permutations:
        p_sub = np.asarray(jc.p_sim, dtype=float)
        out.loc[keep, "p_value"] = p_sub
        sig = np.zeros(n, dtype=bool)
        sig[keep] = (p_sub <= alpha) & (ljc > 0)
        out.loc[sig, "hotspot_class"] = "hot"
    else:
        info["note"] = "permutations=0: local join counts have no analytical p-value"
    return out, info


def _grid(state: pd.DataFrame, size: float) -> gpd.GeoDataFrame:
    xy = shapely.get_coordinates(state.geometry.values)
    x0 = np.floor(xy[:, 0].min() / size) * size
    y0 = np.floor(xy[:, 1].min() / size) * size
    col = np.floor((xy[:, 0] - x0) / size).astype(np.int64)
    row = np.floor((xy[:, 1] - y0) / size).astype(np.int64)
    df = pd.DataFrame({"col": col, "row": row, "vacant": state["_vacant"].to_numpy(dtype=np.int64)})
    cells = df.groupby(["col", "row"], sort=True).agg(
        units=("vacant", "size"), vacant=("vacant", "sum")
    )
    cells = cells.reset_index()
    cells["vacancy_rate"] = cells["vacant"] / cells["units"]
    cells.insert(
        0, "cell_id", [f"c{c}_{r}" for c, r in zip(cells["col"], cells["row"], strict=True)]
    )
    minx = x0 + cells["col"].to_numpy() * size
    miny = y0 + cells["row"].to_numpy() * size
    geoms = shapely.box(minx, miny, minx + size, miny + size)
    return gpd.GeoDataFrame(cells, geometry=geoms, crs=state.crs)


def hotspots(
    units: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    method: Literal["gi_star", "join_counts"] = "gi_star",
    distance_m: float = 150.0,
    permutations: int = 999,
    seed: int = 12345,
    alpha: float = 0.05,
    grid_size_m: float | None = None,
    max_pairs: int = MAX_PAIRS,
    rounds: Rounds = None,
) -> gpd.GeoDataFrame:
    """Vacancy hot spots: local Getis-Ord Gi* or local join counts with permutation inference.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (points) in a projected CRS in true metres
        (:func:`geoinnenstadt.crs.require_metric`).
    at : str, date, Timestamp or None
        Reference date of the inventory (``None``: latest survey).
    method : {"gi_star", "join_counts"}
        ``"gi_star"``: local Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis
        1995) via ``esda.G_Local(y, w, transform="B", star=True)`` on the
        vacant indicator y (1 = vacant) of every unit — or, with
        ``grid_size_m``, on the vacancy rate of square grid cells. Gi*
        includes the unit itself in its neighbourhood sum; ``z_score`` is the
        analytical Gi* z-value and tells the direction (positive: vacancies
        concentrate around the unit). ``"join_counts"``: local join counts
        (Anselin & Li 2019) via ``esda.Join_Counts_Local``: for a vacant unit
        the number of vacant neighbours; only clusters of vacancies ("hot")
        can be detected, never "cold" spots; not available on a grid.
    distance_m : float
        Distance band in metres: binary weights, w_ij = 1 if units i and j
        are at most ``distance_m`` apart (built with
        ``libpysal.graph.Graph.build_distance_band``, which, unlike
        ``libpysal.weights.DistanceBand``, keeps units at the same address,
        i.e. distance 0, as neighbours). Units without any neighbour within
        the band (islands) get class ``"not_significant"``, NaN p-value, and
        are counted in ``attrs["n_islands"]``.
    permutations : int
        Number of conditional random permutations for the pseudo p-value
        (``p = (min(k, permutations − k) + 1) / (permutations + 1)``, k = number
        of permuted statistics at least as large as the observed one;
        esda's "directed" alternative). ``0``: analytical normal p-values for
        Gi* (one-sided), none for join counts.
    seed : int
        Seed of the permutations; the same seed gives the same result.
    alpha : float
        Significance level: ``"hot"`` if ``p_value <= alpha`` and the Gi*
        z-score is positive (join counts: at least one vacant neighbour),
        ``"cold"`` if ``p_value <= alpha`` and the z-score is negative.
    grid_size_m : float, optional
        Aggregate units into square cells of this size (metres, anchored at
        a multiple of the size) and test the cells' vacancy rates instead;
        ``distance_m`` must then be at least ``grid_size_m`` (``distance_m =
        grid_size_m`` gives rook, ``≈ 1.42 × grid_size_m`` queen neighbours
        between cell centres).
    max_pairs : int
        Refuse with :class:`TooManyPairsError` when the band links more than
        this many unordered pairs of units (cells), before any memory is
        allocated (default :data:`MAX_PAIRS` = 20,000,000, about 3.4 GB; the
        pairs are counted with a KD-tree first).
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`).

    Returns
    -------
    GeoDataFrame
        Per unit (index labels of the state rows): ``unit_id``, ``vacant``
        (bool), ``n_neighbours`` (other units within the band),
        ``statistic`` (Gi* G value or the local join count), ``z_score``
        (NaN for join counts), ``p_value``, ``hotspot_class`` ∈ {"hot",
        "cold", "not_significant"}, geometry. With ``grid_size_m``: per
        occupied cell ``cell_id``, ``col``, ``row``, ``units``, ``vacant``,
        ``vacancy_rate`` and the same statistic columns, with square cell
        polygons. ``attrs``: ``method``, ``distance_m``, ``permutations``,
        ``seed``, ``alpha``, ``at``, ``grid_size_m``, ``max_pairs``, ``n_islands``,
        ``n_vacant``, ``note``.

    Notes
    -----
    The p-values are **not corrected for multiple testing**: with n units
    tested at ``alpha = 0.05`` about 5 % are flagged by chance alone, and
    neighbouring tests are correlated. Treat the classes as exploratory; for
    a stricter reading use a smaller ``alpha`` or a false-discovery-rate
    bound, e.g. ``esda.fdr(result["p_value"].dropna(), 0.05)``. On the 0/1
    vacancy indicator a rare outcome (≈ 10 % vacant) makes every neighbourhood
    without any vacancy a "cold" spot; read "hot" as the finding. If no unit
    (or every unit) is vacant, nothing can be significant: all units are
    ``"not_significant"`` and ``attrs["note"]`` says why.

    References
    ----------
    Getis, A. & Ord, J. K. (1992): The analysis of spatial association by use
    of distance statistics. Geographical Analysis 24(3), 189–206.
    Ord, J. K. & Getis, A. (1995): Local spatial autocorrelation statistics:
    distributional issues and an application. Geographical Analysis 27(4),
    286–306. Anselin, L. & Li, X. (2019): Operational local join count
    statistics for cluster detection. Journal of Geographical Systems 21,
    189–210. esda (PySAL): https://pysal.org/esda/

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> hs = gi.vacancy.hotspots(city.units, at="2025-06-30", distance_m=150, permutations=99)
    >>> set(hs["hotspot_class"]) <= {"hot", "cold", "not_significant"}
    True
    >>> hs.attrs["method"], hs.attrs["distance_m"]
    ('gi_star', 150.0)
    """
    if method not in ("gi_star", "join_counts"):
        raise ValueError(f"method must be 'gi_star' or 'join_counts', got {method!r}")
    if not distance_m > 0:
        raise ValueError(f"distance_m must be > 0 metres, got {distance_m!r}")
    if permutations < 0:
        raise ValueError(f"permutations must be >= 0, got {permutations!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie between 0 and 1, got {alpha!r}")
    if not max_pairs >= 0:
        raise ValueError(f"max_pairs must be >= 0, got {max_pairs!r}")
    crs.require_metric(units, names=["units"])
    frame = prepare_units(units)
    ts = resolve_at(frame, at)
    state = state_rows(frame, ts, survey_round_dates(frame, rounds))
    require_points(state, allow_missing=False)
    attrs: dict[str, Any] = {
        "method": method,
        "distance_m": float(distance_m),
        "permutations": int(permutations),
        "seed": int(seed),
        "alpha": float(alpha),
        "at": ts,
        "grid_size_m": None if grid_size_m is None else float(grid_size_m),
        "max_pairs": int(max_pairs),
        "n_vacant": int(state["_vacant"].sum()),
    }
    options: dict[str, Any] = {
        "method": method,
        "distance_m": float(distance_m),
        "permutations": int(permutations),
        "seed": int(seed),
        "alpha": float(alpha),
        "max_pairs": int(max_pairs),
    }
    if grid_size_m is not None:
        if method != "gi_star":
            raise ValueError("grid_size_m works with method='gi_star' only (cell vacancy rates)")
        if not grid_size_m > 0:
            raise ValueError(f"grid_size_m must be > 0 metres, got {grid_size_m!r}")
        if distance_m < grid_size_m:
            raise ValueError(
                f"distance_m={distance_m:g} is smaller than grid_size_m={grid_size_m:g}: no cell would "
                "have a neighbour; use distance_m >= grid_size_m (e.g. 1.5 × grid_size_m for queen neighbours)"
            )
        cells = _grid(state, float(grid_size_m))
        centres = np.column_stack(
            [cells.geometry.centroid.x.to_numpy(), cells.geometry.centroid.y.to_numpy()]
        )
        stats, info = _local_stats(cells["vacancy_rate"].to_numpy(dtype=float), centres, **options)
        result = pd.concat([cells.drop(columns="geometry"), stats], axis=1)
        out = gpd.GeoDataFrame(result, geometry=cells.geometry.values, crs=units.crs)
    else:
        coords = shapely.get_coordinates(state.geometry.values)
        y = state["_vacant"].to_numpy(dtype=float)
        stats, info = _local_stats(y, coords, **options)
        stats.index = state.index
        out = gpd.GeoDataFrame(
            pd.concat(
                [
                    pd.DataFrame(
                        {"unit_id": state["unit_id"], "vacant": state["_vacant"].astype(bool)},
                        index=state.index,
                    ),
                    stats,
                ],
                axis=1,
            ),
            geometry=state.geometry.values,
            crs=units.crs,
        )
        out.index = state.index
    attrs.update(info)
    out.attrs = attrs
    return out
