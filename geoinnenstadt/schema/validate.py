"""Validation: check a layer against its spec and collect every problem (:func:`validate`).

Part of :mod:`geoinnenstadt.schema`; import from there. Geometry checks live
in :mod:`geoinnenstadt.schema.geometry`.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``row_labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates, kennzeichen
from ..labels import TEXTS, text
from .conform import (
    CONVERTERS,
    as_objects,
    id_text,
    is_missing_scalar,
    is_present,
    landuse_codes,
    parcel_part_values,
    preference_list,
    preference_text,
    to_date,
    to_str,
)
from .geometry import check_context_geometry, check_geometry, check_quarter_partition
from .report import ValidationReport
from .specs import YEAR_RANGE, LayerSpec, closest, may_be_missing, spec

__all__ = ["validate"]


def row_labels(gdf: pd.DataFrame, s: LayerSpec) -> np.ndarray:
    """Label each row by its id (and survey date for panels), ``#n`` (1-based) when the id is missing."""
    n = len(gdf)
    labels = np.array([f"#{i + 1}" for i in range(n)], dtype=object)
    if isinstance(gdf.get(s.id_column), pd.Series):
        ids = as_objects(to_str(gdf[s.id_column]))
        given = np.array([v is not None and v.strip() != "" for v in ids], dtype=bool)
        labels[given] = ids[given]
    if len(s.key) > 1:
        parts = []
        for name in s.key[1:]:
            if not isinstance(gdf.get(name), pd.Series):
                return labels
            raw = gdf[name]
            text = raw.astype("object").map(lambda v: "?" if is_missing_scalar(v) else str(v))
            if s.column(name).dtype == "date":
                dates = to_date(raw)
                text = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), text)
            parts.append(text.to_numpy(dtype=object))
        for extra in parts:
            labels = np.array(
                [f"{a} @ {b}" for a, b in zip(labels, extra, strict=True)], dtype=object
            )
    return labels


def validate(
    gdf: gpd.GeoDataFrame | pd.DataFrame,
    kind: str,
    *,
    source: str | None = None,
    check_partition: bool = True,
    strip_ids: bool = False,
    quarters: pd.DataFrame | None = None,
) -> ValidationReport:
    """Check a layer against its schema and collect every problem.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or pandas.DataFrame
        The layer, with schema column names (map source names first, e.g.
        with :func:`geoinnenstadt.read_layer`'s ``columns=``). Kinds without
        geometry (``requests``) are plain DataFrames; a GeoDataFrame is
        accepted and its geometry ignored.
    kind : str
        One of ``KINDS``: ``"quarters"``, ``"core_zones"``,
        ``"preemption_areas"``, ``"units"``, ``"sites"``, ``"parcels"``,
        ``"residential"``, ``"context"``, ``"requests"``.
    source : str, optional
        File name shown in messages.
    check_partition : bool, default True
        For quarters: report overlaps and narrow gaps between quarters as
        warnings (``shapely.coverage_invalid_edges`` with
        ``settings.quarter_gap_tolerance_m``).
    strip_ids : bool, default False
        Check the ids as :func:`~geoinnenstadt.schema.conform` (and so
        :func:`geoinnenstadt.read_layer`) returns them, with the spaces
        around them stripped: a padded id (``" DO-0001"``) is then no error
        of its own. Either way, a padded id that is another feature's id
        once stripped is reported as the duplicate it is.
    quarters : DataFrame, optional
        For requests: the city's quarters. A preferred quarter that is
        neither a ``quarter_id`` nor a ``name`` of them is a warning naming
        it (the request still matches elsewhere).

    Returns
    -------
    ValidationReport
        ``.ok`` is False when there is at least one error;
        ``.raise_for_errors()`` turns them into one :class:`SchemaError`.
        Bad data never raises here: every problem ends up in the report.

    Raises
    ------
    ValueError
        Only for an unknown ``kind``.

    Notes
    -----
    Checked: CRS present (and equal to ``settings.working_crs``, else a
    warning), required columns and values (a required value may be missing
    only where the column allows it for the row's ``source``: ``floor_area_m2``
    for ``source`` ``"osm"`` or ``"leerstandsmelder"``, noted), dtypes (dates also as ``30.06.2025``,
    numbers also with decimal commas), allowed category values (with a "did
    you mean" hint), unique ids (``(unit_id, survey_date)`` for the units
    panel), geometry type, missing, empty and invalid geometries (with
    ``shapely.is_valid_reason``), coordinates inside Germany (with hints on
    swapped axes or a wrong CRS), ``floor_area_m2 > 0``, ``vacant_since``
    present for vacant units and not after ``survey_date``, ``taken_up_on``
    present for taken-up sites, dates not after today (``dates.today()``),
    ids all text or all numbers and without surrounding spaces, the
    Flurstückskennzeichen format, a parcel whose Land differs from the rest
    of the layer (warning) and parcel-part columns that contradict the
    Kennzeichen (warning), for requests ``min_floor_area_m2`` not above
    ``max_floor_area_m2``, areas not negative and (with ``quarters=``) known
    preferred quarters (warning), context categories and their geometry (areas for
    the city boundary, districts and land use; lines for rail and roads;
    either for water) and a ``landuse`` type for land-use areas (a land-use
    code given as ``category`` is read as ``category="landuse"``, noted). Dates are read by :mod:`geoinnenstadt.dates`:
    two-digit years ("01.06.25") and impossible dates are errors naming the
    reason, with the hint "use DD.MM.YYYY or YYYY-MM-DD".
    Quarters that overlap or leave slivers narrower than
    ``settings.quarter_gap_tolerance_m`` are warnings; shared edges whose
    vertices differ but that leave no gap are accepted.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> gi.validate(city.quarters, "quarters").ok
    True
    >>> bad = city.units.head(3).copy()
    >>> bad["status"] = "leer"
    >>> report = gi.validate(bad, "units")
    >>> report.errors[["column", "problem"]].iloc[0].tolist()
    ['status', "unknown value 'leer'"]
    >>> report.errors["hint"].iloc[0]
    "allowed: occupied, vacant (did you mean 'vacant'?)"

    Space requests are a table without geometry; ``quarters=`` checks their
    preferred quarters:

    >>> gi.validate(city.requests, "requests", quarters=city.quarters).ok
    True
    >>> wish = city.requests.head(1).assign(preferred_quarters="Hansavirtel")
    >>> gi.validate(wish, "requests", quarters=city.quarters).warnings["hint"].iloc[0][:30]
    "did you mean 'Hansaviertel'? g"
    """
    s = spec(kind)
    try:
        n_rows = len(gdf)
    except TypeError:
        n_rows = 0
    report = ValidationReport(kind, source=source, n_rows=n_rows)
    if not s.has_geometry:
        if not isinstance(gdf, pd.DataFrame):
            report.error_text(None, None, "not_a_dataframe", type=type(gdf).__name__)
            return report
        if isinstance(gdf, gpd.GeoDataFrame):  # the geometry of a table kind is ignored
            gdf = pd.DataFrame(gdf.drop(columns=[gdf.geometry.name], errors="ignore"))
    elif not isinstance(gdf, gpd.GeoDataFrame):
        report.error_text(None, None, "not_a_geodataframe", type=type(gdf).__name__)
        return report
    data = _positional(gdf, report)
    if kind == "context":
        data, codes = landuse_codes(data)
        if codes:
            shown = ", ".join(f"{k} ({v})" for k, v in sorted(codes.items()))
            report.note(f"land-use codes in category read as category 'landuse': {shown}")
    labels = _safe_labels(data, s, report)
    _run(_check_columns, data, s, report, labels)
    _run(_check_values, data, s, report, labels)
    _run(_check_ids if not strip_ids else _check_ids_stripped, data, s, report, labels)
    _run(_check_keys, data, s, report, labels)
    if not s.has_geometry:
        if kind == "requests" and quarters is not None:
            _check_preferences(data, quarters, report, labels)
        return report
    geometry_ok = _run(check_geometry, data, s, report, labels)
    if kind == "quarters" and check_partition and geometry_ok:
        _run(check_quarter_partition, data, s, report, labels)
    if kind == "context" and geometry_ok:
        _run(check_context_geometry, data, s, report, labels)
    return report


def _positional(gdf: Any, report: ValidationReport) -> Any:
    """Work on a copy with a 0…n-1 index and unique column names (duplicates are reported)."""
    index = gdf.index
    simple = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    data = gdf if simple else gdf.reset_index(drop=True)
    dup = data.columns.duplicated()
    if dup.any():
        for name in dict.fromkeys(data.columns[dup]):
            report.error_text(None, str(name), "duplicate_column", name=name)
        data = data.loc[:, ~dup]
    return data


def _safe_labels(data: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport) -> np.ndarray:
    try:
        return row_labels(data, s)
    except Exception as exc:  # never let labelling stop the validation
        report.note(f"rows are named by position: ids could not be read ({exc})")
        return np.array([f"#{i + 1}" for i in range(len(data))], dtype=object)


def _run(
    check: Callable[[gpd.GeoDataFrame, LayerSpec, ValidationReport, np.ndarray], None],
    data: gpd.GeoDataFrame,
    s: LayerSpec,
    report: ValidationReport,
    labels: np.ndarray,
) -> bool:
    """Run one check; an unexpected exception becomes an error in the report, never a crash."""
    try:
        check(data, s, report, labels)
    except Exception as exc:
        name = check.__name__.removeprefix("_check_")
        report.error_text(
            None, None, "check_failed", name=name, error=f"{type(exc).__name__}: {exc}"
        )
        return False
    return True


def _check_columns(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    geom_name = getattr(gdf, "_geometry_column_name", None)
    present = [str(c) for c in gdf.columns if c != geom_name]
    for name in s.required_columns:
        if name not in gdf.columns:
            if len(gdf) and may_be_missing(gdf, s.column(name)).all():
                report.note(
                    f"no column {name!r}: every row comes from a source that does not record it "
                    f"({', '.join(s.column(name).optional_for_sources)})"
                )
                continue
            meant = closest(name, present)
            report.error_text(
                None,
                name,
                "missing_column" if meant is None else "missing_column_meant",
                name=name,
                present=", ".join(present) or text("problem.no_columns", "en"),
                meant=meant,
            )


def _check_values(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    converted: dict[str, pd.Series] = {}
    given: dict[str, np.ndarray] = {}
    today = dates.today()
    for col in s.columns:
        if col.name not in gdf.columns:
            continue
        raw = gdf[col.name]
        if col.name == "preferred_quarters":  # lists are accepted: check their text form
            raw = preference_text(raw)
        present = is_present(raw).to_numpy()
        given[col.name] = present
        if col.dtype == "date":
            parsed = dates.parse_dates(raw)
            conv = parsed.values
            reasons = parsed.reasons.to_numpy(dtype=object)
        else:
            conv = CONVERTERS[col.dtype](raw)
            reasons = None
        converted[col.name] = conv
        unreadable = present & conv.isna().to_numpy()
        for i in np.flatnonzero(unreadable):
            why = _date_reason(raw.iloc[i], reasons[i]) if reasons is not None else ""
            report.error_text(
                labels[i],
                col.name,
                f"unreadable_{col.dtype}",
                value=_short_repr(raw.iloc[i]),
                why=why,
                why_de=_date_reason_de(why),
            )
        if col.required:
            exempt = may_be_missing(gdf, col) & ~present
            if exempt.any():
                report.note(
                    f"{int(exempt.sum())} row(s) without {col.name} come from sources that do "
                    f"not record it ({', '.join(col.optional_for_sources)})"
                    + ("; area-based rates leave them out" if col.name == "floor_area_m2" else "")
                )
            for i in np.flatnonzero(~present & ~exempt):
                report.error_text(labels[i], col.name, "missing_value")
        if col.dtype == "date":
            _check_not_future(conv, col.name, today, report, labels)
        if col.allowed is not None:
            values = as_objects(conv)
            for i in np.flatnonzero(present & ~unreadable):
                value = values[i]
                if value not in col.allowed:
                    meant = closest(value, col.allowed)
                    report.error_text(
                        labels[i],
                        col.name,
                        "unknown_value" if meant is None else "unknown_value_meant",
                        value=value,
                        allowed=", ".join(col.allowed),
                        meant=meant,
                    )
    if s.kind == "units":
        _check_units(converted, given, report, labels)
    elif s.kind == "sites":
        _require_when(
            converted, given, report, labels, ("status", "taken_up"), "taken_up_on",
            "taken_up_without_date",
        )  # fmt: skip
        _check_years(converted, "expected_available_year", report, labels)
    elif s.kind == "parcels" and "parcel_id" in converted:
        _check_parcels(gdf, converted, given["parcel_id"], report, labels)
    elif s.kind == "context":
        _require_when(
            converted, given, report, labels, ("category", "landuse"), "landuse",
            "landuse_missing",
        )  # fmt: skip
    elif s.kind == "requests":
        _check_request_areas(converted, report, labels)


def _check_request_areas(
    converted: dict[str, pd.Series], report: ValidationReport, labels: np.ndarray
) -> None:
    """Areas wanted by a request: not negative, and the smallest not above the largest."""
    low = converted.get("min_floor_area_m2")
    high = converted.get("max_floor_area_m2")
    for name, values in (("min_floor_area_m2", low), ("max_floor_area_m2", high)):
        if values is None:
            continue
        for i in np.flatnonzero((values < 0).fillna(False).to_numpy(dtype=bool)):
            report.error_text(
                labels[i], name, "negative_area", name=name, value=float(values.iloc[i])
            )
    if low is None or high is None:
        return
    for i in np.flatnonzero((low > high).fillna(False).to_numpy(dtype=bool)):
        report.error_text(
            labels[i],
            "min_floor_area_m2",
            "area_range",
            low=float(low.iloc[i]),
            high=float(high.iloc[i]),
        )


def _check_preferences(
    data: pd.DataFrame, quarters: pd.DataFrame, report: ValidationReport, labels: np.ndarray
) -> None:
    """Preferred quarters that are neither a quarter_id nor a name of ``quarters``: warnings."""
    if not isinstance(data.get("preferred_quarters"), pd.Series):
        return
    known: dict[str, str] = {}
    for column in ("quarter_id", "name"):
        if isinstance(quarters.get(column), pd.Series):
            for v in to_str(quarters[column]).dropna():
                known.setdefault(str(v).strip().casefold(), str(v).strip())
    ids = to_str(quarters["quarter_id"]).dropna().tolist() if "quarter_id" in quarters else []
    shown = ", ".join(map(str, ids[:12])) + (" …" if len(ids) > 12 else "")
    for i, value in enumerate(data["preferred_quarters"].astype("object")):
        for part in preference_list(value):
            if part.casefold() in known:
                continue
            meant = closest(part, list(known.values()))
            report.warn_text(
                labels[i],
                "preferred_quarters",
                "unknown_quarter" if meant is None else "unknown_quarter_meant",
                value=part,
                meant=meant,
                known=shown,
            )


def _require_when(
    converted: dict[str, pd.Series],
    given: dict[str, np.ndarray],
    report: ValidationReport,
    labels: np.ndarray,
    when: tuple[str, str],
    column: str,
    key: str,
) -> None:
    """``column`` is required in the rows where ``when[0]`` is ``when[1]`` (problem ``key``)."""
    condition, value = when
    if condition not in converted:
        return
    rows = (converted[condition] == value).fillna(False).to_numpy(dtype=bool)
    present = given.get(column, np.zeros(len(rows), dtype=bool))
    for i in np.flatnonzero(rows & ~present):
        report.error_text(labels[i], column, key)


def _check_years(
    converted: dict[str, pd.Series], column: str, report: ValidationReport, labels: np.ndarray
) -> None:
    """A column of calendar years must hold four-digit years in :data:`YEAR_RANGE`."""
    if column not in converted:
        return
    values = converted[column]
    low, high = YEAR_RANGE
    bad = (values.notna() & ((values < low) | (values > high))).fillna(False)
    for i in np.flatnonzero(bad.to_numpy(dtype=bool)):
        report.error_text(
            labels[i], column, "implausible_year", value=int(values.iloc[i]), low=low, high=high
        )


def _date_reason(value: Any, reason: str) -> str:
    """The reason of a parse_dates message without value and hint, e.g. ": has a two-digit year"."""
    if not reason:
        return ""
    reason = reason.removeprefix(repr(value)).removesuffix(f"; {dates.HINT}").strip()
    return f": {reason}" if reason else ""


def _date_reason_de(why: str) -> str:
    """The German reason of :func:`_date_reason` (labels ``problem.date_why.*``), else as given."""
    key = f"problem.date_why.{why.removeprefix(': ')}"
    return text(key, "de") if why and key in TEXTS else why


def _check_not_future(
    values: pd.Series, name: str, today: pd.Timestamp, report: ValidationReport, labels: np.ndarray
) -> None:
    """Dates of the schema record what has happened: a date after today is an error."""
    future = (values > today).fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(future):
        report.error_text(
            labels[i],
            name,
            "future_date",
            name=name,
            date=f"{values.iloc[i]:%Y-%m-%d}",
            today=f"{today:%Y-%m-%d}",
        )


def _check_ids_stripped(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    """:func:`_check_ids` for ids that the caller strips (``validate(strip_ids=True)``)."""
    _check_ids(gdf, s, report, labels, padded=False)


def _key_duplicates(gdf: gpd.GeoDataFrame, s: LayerSpec) -> np.ndarray:
    """True for every row whose key (ids as text, spaces stripped) occurs more than once."""
    if not all(isinstance(gdf.get(c), pd.Series) for c in s.key):
        return np.zeros(len(gdf), dtype=bool)
    keys = _key_frame(gdf, s)
    usable = keys.notna().all(axis=1).to_numpy()
    return keys.duplicated(keep=False).to_numpy(dtype=bool) & usable


def _key_frame(gdf: gpd.GeoDataFrame, s: LayerSpec) -> pd.DataFrame:
    """The key columns as the layer will hold them: ids as text without spaces around them."""
    return pd.DataFrame(
        {
            c: id_text(gdf[c]) if c == s.id_column else CONVERTERS[s.column(c).dtype](gdf[c])
            for c in s.key
        }
    )


def _check_ids(
    gdf: gpd.GeoDataFrame,
    s: LayerSpec,
    report: ValidationReport,
    labels: np.ndarray,
    padded: bool = True,
) -> None:
    """Ids must be all text or all numbers, and text ids must not have spaces around them.

    Mixed ids (``1`` and ``"DO-0002"``) would sort and compare inconsistently
    in every analysis; ``" DO-0001"`` would become a second unit beside
    ``"DO-0001"``. :func:`~geoinnenstadt.schema.conform` (and therefore
    ``gi.read_layer``) strips the spaces with a warning; unconformed data
    gets an error here (``padded=False``: not, the caller strips them). A
    padded id that is another feature's id once stripped is named as the
    duplicate it is by :func:`_check_keys`, not as a matter of spaces.
    """
    name = s.id_column
    if not isinstance(gdf.get(name), pd.Series):
        return
    values = gdf[name].astype("object").tolist()
    is_num = np.array(
        [
            isinstance(v, (int, float, np.integer, np.floating))
            and not isinstance(v, (bool, np.bool_))
            and not is_missing_scalar(v)
            for v in values
        ],
        dtype=bool,
    )
    is_text = np.array([isinstance(v, str) and v.strip() != "" for v in values], dtype=bool)
    if is_num.any() and is_text.any():
        n_num, n_text = int(is_num.sum()), int(is_text.sum())
        flag = is_num if n_num <= n_text else is_text
        key = "mixed_id_number" if n_num <= n_text else "mixed_id_text"
        example = next(v for v, t in zip(values, ~flag & (is_num | is_text), strict=True) if t)
        for i in np.flatnonzero(flag):
            report.error_text(labels[i], name, key, name=name, value=values[i], example=example)
    if not padded:
        return
    clash = _key_duplicates(gdf, s)  # reported by _check_keys, naming the duplicate
    for i in np.flatnonzero(is_text):
        v = values[i]
        if v != v.strip() and not clash[i]:
            report.error_text(labels[i], name, "padded_id", name=name, value=v, stripped=v.strip())


def _check_parcels(
    gdf: gpd.GeoDataFrame,
    converted: dict[str, pd.Series],
    given: np.ndarray,
    report: ValidationReport,
    labels: np.ndarray,
) -> None:
    """Check parcel Kennzeichen.

    Format (error), a Land other than the layer's (warning), and given part
    columns that contradict the Kennzeichen (warning).
    """
    ids = as_objects(converted["parcel_id"])
    inexact = kennzeichen.inexact_numbers(gdf["parcel_id"])
    for pos, value in enumerate(ids):
        if value is None or not given[pos]:
            continue
        if inexact[pos]:  # digits lost when the Kennzeichen was stored as a float
            report.error(
                labels[pos],
                "parcel_id",
                kennzeichen.number_message("parcel_id", gdf["parcel_id"].iloc[pos]),
                kennzeichen.NUMBER_HINT,
            )
            continue
        problem = kennzeichen.problem(value)
        if problem is not None:
            report.error(
                labels[pos],
                "parcel_id",
                f"malformed Flurstückskennzeichen {value!r}: {problem}",
                kennzeichen.HINT,
            )
    parsed = kennzeichen.parse_series(converted["parcel_id"])
    lands = parsed["land"]
    counts = lands.value_counts(dropna=True)
    if len(counts) > 1:
        # the layer's Land: the most frequent code (ties: the lowest code)
        top = counts[counts == counts.max()].index.min()
        for i in np.flatnonzero(lands.ne(top).fillna(False).to_numpy(dtype=bool)):
            report.warn(
                labels[i],
                "parcel_id",
                f"parcel {ids[i]!r} is in Land {lands.iloc[i]} but the rest of the layer "
                f"({int(counts[top])} of {int(counts.sum())} parcels) in Land {top}",
                "check the Land code (first two characters); Gemarkung numbers repeat across "
                "Länder, so a wrong Land points to another parcel",
            )
    derived = _fill_parcel_parts_frame(gdf, parsed)
    for name, (given_values, from_id) in derived.items():
        differ = (
            parsed["valid"].to_numpy(dtype=bool)
            & given_values.notna().to_numpy(dtype=bool)
            & (given_values.fillna("") != from_id.fillna("")).to_numpy(dtype=bool)
        )
        for i in np.flatnonzero(differ):
            shown = from_id.iloc[i] if pd.notna(from_id.iloc[i]) else "none"
            report.warn(
                labels[i],
                name,
                f"{name} {given_values.iloc[i]!r} contradicts the Flurstückskennzeichen "
                f"{ids[i]!r} ({name} {shown})",
                "the Kennzeichen wins (conform takes the parts from it); fix the column or the id",
            )


def _fill_parcel_parts_frame(
    gdf: gpd.GeoDataFrame, parsed: pd.DataFrame
) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Given part columns (normalised) and the parts from the Kennzeichen, per column."""
    out = {}
    for name in kennzeichen.PARTS:
        if name in gdf.columns and isinstance(gdf[name], pd.Series):
            out[name] = (
                parcel_part_values(gdf[name], name).reset_index(drop=True),
                parsed[name].astype("string").reset_index(drop=True),
            )
    return out


def _check_units(
    converted: dict[str, pd.Series],
    given: dict[str, np.ndarray],
    report: ValidationReport,
    labels: np.ndarray,
) -> None:
    area = converted.get("floor_area_m2")
    if area is not None:
        values = area.to_numpy(dtype=float, na_value=np.nan)
        for i in np.flatnonzero(values <= 0):
            report.error_text(labels[i], "floor_area_m2", "floor_area", value=float(values[i]))
    status = converted.get("status")
    if status is not None:
        vacant = (status == "vacant").fillna(False).to_numpy(dtype=bool)
        has_since = given.get("vacant_since", np.zeros(len(vacant), dtype=bool))
        for i in np.flatnonzero(vacant & ~has_since):
            report.error_text(labels[i], "vacant_since", "vacant_without_since")
    since = converted.get("vacant_since")
    survey = converted.get("survey_date")
    if since is not None and survey is not None:
        late = (since > survey).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(late):
            report.error_text(
                labels[i],
                "vacant_since",
                "vacant_after_survey",
                since=f"{since.iloc[i]:%Y-%m-%d}",
                survey=f"{survey.iloc[i]:%Y-%m-%d}",
            )


def _short_repr(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_keys(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    if not all(c in gdf.columns for c in s.key):
        return
    keys = _key_frame(gdf, s)
    usable = keys.notna().all(axis=1).to_numpy()
    sub = keys[usable]
    dup = sub.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    positions = np.flatnonzero(usable)
    first_of = sub.reset_index(drop=True).groupby(list(s.key), sort=False).ngroup().to_numpy()
    first_pos: dict[int, int] = {}
    for pos, group in zip(positions, first_of, strict=True):
        first_pos.setdefault(int(group), int(pos))
    names = {"what": " and ".join(s.key), "what_de": " und ".join(s.key), "id_column": s.id_column}
    given = gdf[s.id_column].astype("object").to_numpy()
    for pos, group, is_dup in zip(positions, first_of, dup, strict=True):
        if is_dup:
            first = first_pos[int(group)]
            # ' DO-0001' and 'DO-0001', 1 and '1': the same once read as text
            as_text = given[pos] != given[first]
            report.error_text(
                labels[pos],
                s.id_column,
                "duplicate_as_text" if as_text else "duplicate",
                pos=pos + 1,
                first=first + 1,
                value=given[pos],
                other=given[first],
                **names,
            )
