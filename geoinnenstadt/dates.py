"""The one date parser of geoinnenstadt.

Every date that enters the library — a function argument such as ``at=``,
a column of a file, a CLI flag such as ``--at`` — goes through this module,
so that "01.06.2025" means 1 June 2025 everywhere.

Accepted forms
--------------
* ISO 8601: ``"2025-06-01"``, also ``"2025/06/01"`` (GDAL's text form) and
  with a time of day ``"2025-06-01T14:30:00"``; the time is dropped.
* German: ``"01.06.2025"`` and ``"1.6.2025"`` (day first, always).
* ``datetime.date``, ``datetime.datetime``, :class:`pandas.Timestamp`,
  :class:`numpy.datetime64`.
* A date with a zone but no time (``"2026-02-17Z"``, XML Schema's
  ``xs:date`` as in ALKIS ``aktualit``) is that calendar day.
* Values with a time zone (``"2025-06-01T23:30:00Z"``, tz-aware
  Timestamps) are converted to the local date in
  :data:`geoinnenstadt.settings.timezone` (Europe/Berlin), never cut off.
* An ``int`` means a year **only** where the function's docstring says so
  (:func:`parse_year`); :func:`parse_date` refuses it.

Refused, with a hint that names the accepted forms: two-digit years
(``"01.06.25"``), impossible dates (``"31.02.2025"``), US order
(``"06/01/2025"``), numbers (Excel serials), booleans.

Results are naive :class:`pandas.Timestamp` values at midnight with
nanosecond resolution (the library's date dtype is ``datetime64[ns]``).

Examples
--------
>>> from geoinnenstadt import dates
>>> dates.parse_date("05.03.2025")
Timestamp('2025-03-05 00:00:00')
>>> dates.parse_date("2025-03-05") == dates.parse_date("5.3.2025")
True
>>> dates.parse_date("2025-06-30T23:30:00Z")  # 01:30 on 1 July in Berlin
Timestamp('2025-07-01 00:00:00')
>>> dates.parse_date("01.06.25")
Traceback (most recent call last):
...
geoinnenstadt.dates.DateError: at='01.06.25' has a two-digit year; use DD.MM.YYYY or YYYY-MM-DD, e.g. '01.06.2025' or '2025-06-01'
>>> dates.parse_year(2025), dates.parse_year("2025-06-30")
(2025, 2025)
"""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, Protocol, TypeVar

import numpy as np
import pandas as pd

from . import settings
from .errors import GeoinnenstadtError, GeoinnenstadtWarning, warn_deprecated

__all__ = [
    "DateError",
    "DateLike",
    "ParsedDates",
    "ParsedInstants",
    "deprecated_as_of",
    "from_epoch_seconds",
    "last_complete_year",
    "parse_date",
    "parse_dates",
    "parse_instants",
    "parse_optional_date",
    "parse_year",
    "reference_date",
    "today",
]

#: What a date argument (``at=``, ``start=``, …) accepts; ``None`` means "not given".
DateLike = str | pd.Timestamp | _dt.date | np.datetime64 | None

#: The hint every date error ends with.
HINT = "use DD.MM.YYYY or YYYY-MM-DD"

_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d+)")
_ISO = re.compile(
    r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"  # xs:date with a zone (``2026-02-17Z``, ALKIS aktualit): that day
)
_TWO_DIGIT_ISO = re.compile(r"\d{2}[-/]\d{1,2}[-/]\d{1,2}")
_US = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
_MIN = pd.Timestamp("1678-01-01")
_MAX = pd.Timestamp("2261-12-31")


class DateError(GeoinnenstadtError, ValueError):
    """A value cannot be read as a date (two-digit year, impossible date, wrong type)."""


@dataclass(frozen=True)
class ParsedDates:
    """Result of :func:`parse_dates` on a column.

    Attributes
    ----------
    values : pandas.Series
        ``datetime64[ns]``, naive, at midnight; NaT where missing or invalid.
    invalid : pandas.Series
        True where a value was given but could not be read.
    reasons : pandas.Series
        The reason for each invalid value (empty text elsewhere).
    """

    values: pd.Series
    invalid: pd.Series
    reasons: pd.Series


def _local(ts: pd.Timestamp) -> pd.Timestamp:
    """A Timestamp → naive local date at midnight (time zones converted, not dropped)."""
    if ts.tzinfo is not None:
        ts = ts.tz_convert(settings.timezone).tz_localize(None)
    return pd.Timestamp(ts.year, ts.month, ts.day)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return bool(isinstance(value, str) and not value.strip())


def _parse_text(text: str) -> pd.Timestamp:
    """Raise ValueError with a reason (without the value's name)."""
    if m := _GERMAN.fullmatch(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
        if len(year) != 4:
            raise ValueError("has a two-digit year" if len(year) <= 2 else "has no valid year")
        try:
            return pd.Timestamp(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(
                f"is not a calendar date (day {int(day)}, month {int(month)})"
            ) from None
    if m := _ISO.fullmatch(text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        try:
            ts = pd.Timestamp(year, month, day)
        except ValueError:
            raise ValueError(f"is not a calendar date (day {day}, month {month})") from None
        if m.group(8):  # a time zone: convert the instant to the local date
            hour, minute = int(m.group(5)), int(m.group(6))
            second = int(m.group(7) or 0)
            ts = pd.Timestamp(year, month, day, hour, minute, second, tz=_tz(m.group(8)))
        return _local(ts)
    if _TWO_DIGIT_ISO.fullmatch(text):
        raise ValueError("has a two-digit year")
    if _US.fullmatch(text):
        raise ValueError("is ambiguous (month/day order)")
    raise ValueError("is not a date")


def _tz(text: str) -> _dt.tzinfo:
    if text == "Z":
        return _dt.timezone.utc
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    return _dt.timezone(sign * _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse_one(value: Any) -> pd.Timestamp:
    """One non-missing value → naive local date; ValueError with a reason otherwise."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError("is a boolean, not a date")
    if isinstance(value, (int, np.integer, float, np.floating)):
        raise ValueError("is a number, not a date (an int means a year only where documented)")
    if isinstance(value, str):
        ts = _parse_text(value.strip())
    elif isinstance(value, (pd.Timestamp, _dt.datetime)):
        ts = _local(pd.Timestamp(value))
    elif isinstance(value, _dt.date):
        ts = pd.Timestamp(value.year, value.month, value.day)
    elif isinstance(value, np.datetime64):
        ts = _local(pd.Timestamp(value))
    else:
        raise ValueError(f"is a {type(value).__name__}, not a date")
    if not _MIN <= ts <= _MAX:
        raise ValueError("is outside the supported range 1678–2261")
    return ts.as_unit("ns")


def parse_date(value: Any, *, name: str = "at") -> pd.Timestamp:
    """Parse one date value (argument, CLI flag) into a naive midnight Timestamp.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime, pandas.Timestamp or numpy.datetime64
        See the module docstring for the accepted forms.
    name : str, default "at"
        Name of the argument, used in the error message.

    Returns
    -------
    pandas.Timestamp
        Naive, at midnight, nanosecond resolution.

    Raises
    ------
    DateError
        For missing values, ints, two-digit years, impossible dates and any
        other form, with the hint "use DD.MM.YYYY or YYYY-MM-DD".

    Examples
    --------
    >>> parse_date("1.6.2025")
    Timestamp('2025-06-01 00:00:00')
    >>> parse_date(2025)
    Traceback (most recent call last):
    ...
    geoinnenstadt.dates.DateError: at=2025 is a number, not a date (an int means a year only where documented); use DD.MM.YYYY or YYYY-MM-DD, e.g. '01.06.2025' or '2025-06-01'
    """
    if _is_missing(value):
        raise DateError(f"{name} is missing; {HINT}, e.g. '30.06.2025' or '2025-06-30'")
    try:
        return _parse_one(value)
    except ValueError as exc:
        raise DateError(
            f"{name}={value!r} {exc}; {HINT}, e.g. '01.06.2025' or '2025-06-01'"
        ) from None


def parse_optional_date(value: Any, *, name: str = "at") -> pd.Timestamp | None:
    """:func:`parse_date`, but ``None`` (or NaT) gives ``None``.

    Examples
    --------
    >>> parse_optional_date(None) is None
    True
    >>> parse_optional_date("30.06.2025")
    Timestamp('2025-06-30 00:00:00')
    """
    if value is None or value is pd.NaT:
        return None
    return parse_date(value, name=name)


def parse_year(value: Any, *, name: str = "year") -> int:
    """A calendar year from an int (1678–2261) or from any date :func:`parse_date` reads.

    Use this only for arguments documented as "a year or a date" (for
    example ``start=``/``end=`` of :func:`geoinnenstadt.land.take_up`).

    Examples
    --------
    >>> parse_year(2024), parse_year("31.12.2024")
    (2024, 2024)
    >>> parse_year(24)
    Traceback (most recent call last):
    ...
    geoinnenstadt.dates.DateError: year=24 is not a four-digit year; use DD.MM.YYYY or YYYY-MM-DD, or a year such as 2024
    """
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if not _MIN.year <= int(value) <= _MAX.year:
            raise DateError(
                f"{name}={value!r} is not a four-digit year; {HINT}, or a year such as 2024"
            )
        return int(value)
    return int(parse_date(value, name=name).year)


def parse_dates(values: pd.Series) -> ParsedDates:
    """Parse a column of dates without raising; invalid values are flagged with a reason.

    Parameters
    ----------
    values : pandas.Series
        Text, dates, Timestamps or ``datetime64`` (naive or tz-aware).

    Returns
    -------
    ParsedDates
        ``values`` (``datetime64[ns]``, NaT where missing or invalid),
        ``invalid`` (given but unreadable) and ``reasons``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = parse_dates(pd.Series(["01.06.2025", "2025-06-30", "01.06.25", None]))
    >>> [str(v.date()) if pd.notna(v) else None for v in p.values]
    ['2025-06-01', '2025-06-30', None, None]
    >>> p.invalid.tolist(), p.reasons[2]
    ([False, False, True, False], "'01.06.25' has a two-digit year; use DD.MM.YYYY or YYYY-MM-DD")
    """
    index = values.index
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_convert(settings.timezone).dt.tz_localize(None)
        out = out.dt.normalize().astype("datetime64[ns]")
        none = pd.Series(False, index=index)
        return ParsedDates(out.rename(values.name), none, pd.Series("", index=index, dtype=object))
    parsed: list[Any] = []
    invalid = np.zeros(len(values), dtype=bool)
    reasons = np.full(len(values), "", dtype=object)
    cache: dict[Any, tuple[Any, str]] = {}
    for i, v in enumerate(values.astype("object").tolist()):
        if _is_missing(v):
            parsed.append(pd.NaT)
            continue
        try:
            key: Any = (type(v), v)
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in cache:
            ts, why = cache[key]
        else:
            try:
                ts, why = _parse_one(v), ""
            except ValueError as exc:
                ts, why = pd.NaT, f"{v!r} {exc}; {HINT}"
            if key is not None:
                cache[key] = (ts, why)
        parsed.append(ts)
        if why:
            invalid[i] = True
            reasons[i] = why
    out = pd.Series(pd.to_datetime(pd.Series(parsed, dtype=object)).to_numpy(), index=index)
    return ParsedDates(
        out.astype("datetime64[ns]").rename(values.name),
        pd.Series(invalid, index=index),
        pd.Series(reasons, index=index, dtype=object),
    )


class _WithMeta(Protocol):
    """A :class:`~geoinnenstadt.City` (typed by its ``meta`` only: ``city`` imports this module)."""

    @property
    def meta(self) -> Mapping[str, Any]: ...


_P = ParamSpec("_P")
_R = TypeVar("_R")


def deprecated_as_of(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Let ``func`` take its date under the former keyword ``as_of=`` as well as ``at=``.

    ``at`` is the one date keyword of the package. ``as_of=`` still works
    with a :class:`DeprecationWarning` naming ``at``; ``at`` and ``as_of``
    together are a :class:`TypeError`. (A City's ``meta["as_of"]``, the
    data's reference date, is a data field and stays as it is.)

    Examples
    --------
    >>> import warnings
    >>> @deprecated_as_of
    ... def stichtag(*, at=None):
    ...     return parse_optional_date(at)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     stichtag(as_of="30.06.2025")
    Timestamp('2025-06-30 00:00:00')
    >>> str(caught[0].message)
    'stichtag(as_of=...) is deprecated; use at= instead'
    >>> stichtag(at="30.06.2025", as_of="30.06.2025")
    Traceback (most recent call last):
    ...
    TypeError: stichtag() got both at= and as_of=; give the date once, as at=
    """
    signature = inspect.signature(func)
    if "at" not in signature.parameters:
        raise TypeError(f"{func.__qualname__} has no parameter at=")

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if "as_of" in kwargs:
            value = kwargs.pop("as_of")
            given = signature.bind_partial(*args, **kwargs).arguments
            if given.get("at") is not None:
                raise TypeError(
                    f"{func.__name__}() got both at= and as_of=; give the date once, as at="
                )
            warn_deprecated(f"{func.__name__}(as_of=...)", "at=")
            kwargs["at"] = value
        return func(*args, **kwargs)

    return wrapper


@deprecated_as_of
def reference_date(
    at: DateLike = None, *, city: _WithMeta | None = None
) -> tuple[pd.Timestamp | None, str | None]:
    """The reference date (*Stichtag*) of an indicator and where it came from.

    The one rule: ``at`` if given, else the City's ``meta["as_of"]`` (the
    reference date stored with the data), else ``(None, None)`` (the caller
    decides what to assume and says so). Every value goes through
    :func:`parse_date`. The keyword ``as_of=`` is a deprecated name of ``at``
    (:func:`deprecated_as_of`).

    Parameters
    ----------
    at : date-like, optional
        The reference date asked for.
    city : City, optional
        A City (or any object with a ``meta`` dict) whose ``meta["as_of"]``
        is used when ``at`` is None.

    Returns
    -------
    (Timestamp or None, str or None)
        The date and its source: ``"at"`` or ``"city.meta['as_of']"``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> reference_date("01.06.2025", city=gi.load_sample("dorsten"))
    (Timestamp('2025-06-01 00:00:00'), 'at')
    >>> reference_date(city=gi.load_sample("dorsten"))
    (Timestamp('2025-06-30 00:00:00'), "city.meta['as_of']")
    >>> reference_date()
    (None, None)
    """
    if at is not None:
        return parse_date(at, name="at"), "at"
    meta = getattr(city, "meta", None) or {}
    value = meta.get("as_of") if isinstance(meta, dict) else None
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return parse_date(value, name="city.meta['as_of']"), "city.meta['as_of']"
    return None, None


def last_complete_year(reference: Any) -> int:
    """The last complete calendar year on a reference date (31 December completes its year).

    Take-up windows end here; a later year is *partial* and is never shown as
    a full year.

    Examples
    --------
    >>> last_complete_year("30.06.2025"), last_complete_year("2025-12-31")
    (2024, 2025)
    """
    ts = parse_date(reference, name="reference date")
    return int(ts.year if (ts.month, ts.day) == (12, 31) else ts.year - 1)


def today() -> pd.Timestamp:
    """Today's local date (:data:`geoinnenstadt.settings.timezone`), naive at midnight.

    Examples
    --------
    >>> today() == today().normalize()
    True
    """
    return _local(pd.Timestamp.now(tz=settings.timezone)).as_unit("ns")


def warn_if_after(at: pd.Timestamp, latest: pd.Timestamp | None, *, what: str) -> None:
    """Warn when a reference date lies after the latest observation (e.g. the last survey).

    The figures then describe the state at the last survey, carried forward.
    """
    if latest is not None and pd.notna(latest) and at > latest:
        warnings.warn(
            f"at={at:%Y-%m-%d} lies after the latest {what} ({latest:%Y-%m-%d}); the figures show "
            f"the state of {latest:%d.%m.%Y} carried forward, durations are counted up to "
            f"{at:%d.%m.%Y}. Pass at=None for the latest {what}.",
            GeoinnenstadtWarning,
            stacklevel=3,
        )


# --------------------------------------------------------------------------- instants (hourly counts)


@dataclass(frozen=True)
class ParsedInstants:
    """Result of :func:`parse_instants` on a column of points in time.

    Attributes
    ----------
    values : pandas.Series
        ``datetime64[ns, Europe/Berlin]`` (:data:`geoinnenstadt.settings.timezone`);
        NaT where missing or invalid.
    invalid : pandas.Series
        True where a value was given but could not be read as an instant.
    reasons : pandas.Series
        The reason for each invalid value (empty text elsewhere).
    repeated_hour : int
        Values without an offset in the autumn hour that occurs twice
        (02:00–02:59 on the last Sunday of October), placed by their order.
    """

    values: pd.Series
    invalid: pd.Series
    reasons: pd.Series
    repeated_hour: int


_ZONED = re.compile(r".*\d(?:Z|[+-]\d{2}:?\d{2})$")


def from_epoch_seconds(seconds: pd.Series) -> pd.Series:
    """Whole seconds since 1970-01-01 UTC → instants in :data:`geoinnenstadt.settings.timezone`.

    The storage form of hourly counts in a city GeoPackage (unambiguous in the
    repeated autumn hour). Missing values stay missing; a value that is not a
    whole number of seconds raises a :class:`DateError`.

    Examples
    --------
    >>> import pandas as pd
    >>> from_epoch_seconds(pd.Series([1711843200, 1711846800])).dt.strftime("%d.%m.%Y %H:%M %z").tolist()
    ['31.03.2024 01:00 +0100', '31.03.2024 03:00 +0200']
    """
    from . import settings

    values = pd.to_numeric(seconds, errors="coerce")
    bad = values.notna() & (values != values.round())
    if bad.any() or (seconds.notna() & values.isna()).any():
        first = seconds[bad | (seconds.notna() & values.isna())].tolist()[0]
        raise DateError(f"{first!r} is not a whole number of seconds since 1970-01-01 UTC")
    return pd.to_datetime(values, unit="s", utc=True).dt.tz_convert(settings.timezone)


def parse_instants(values: pd.Series, *, groups: pd.Series | None = None) -> ParsedInstants:
    """Parse a column of points in time into tz-aware local time (Europe/Berlin), never raising.

    The one rule for counts taken at an instant (footfall counters):

    * A value **with an offset** (``"2025-02-20T14:00:00.000Z"``,
      ``"2024-10-27T02:00:00+01:00"``) is that instant, converted to local
      time. The autumn hour that occurs twice keeps both instants apart
      (02:00+02:00 and 02:00+01:00 are different hours).
    * A value **without an offset** (``"2024-06-01 13:00"``, ``"2024-06-01T13:00:00"``)
      is local time. In the autumn hour that occurs twice, the first value of
      a group (``groups``, e.g. the counter) in order is summer time and the
      second winter time; a third is invalid. A time that does not exist
      (02:00–02:59 on the last Sunday of March, clocks go forward) is invalid.
    * Tz-aware ``datetime64`` values are converted; naive ones follow the
      rule without an offset.

    Parameters
    ----------
    values : pandas.Series
        Text (ISO 8601, ``T`` or space between date and time) or datetimes.
    groups : pandas.Series, optional
        Aligned with ``values``: the series the values belong to (a counter).

    Returns
    -------
    ParsedInstants

    Examples
    --------
    >>> import pandas as pd
    >>> p = parse_instants(pd.Series(["2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z",
    ...                               "2024-10-27 02:00", "2024-10-27 02:00",
    ...                               "2024-03-31 02:00", "31.03.2024"]))
    >>> [str(v) for v in p.values[:4]]
    ['2024-10-27 02:00:00+02:00', '2024-10-27 02:00:00+01:00', '2024-10-27 02:00:00+02:00', '2024-10-27 02:00:00+01:00']
    >>> p.invalid.tolist(), p.repeated_hour
    ([False, False, False, False, True, True], 2)
    >>> p.reasons[4]
    "'2024-03-31 02:00' does not exist in Europe/Berlin (clocks go forward)"
    """
    tz = settings.timezone
    index = values.index
    n = len(values)
    invalid = np.zeros(n, dtype=bool)
    reasons = np.full(n, "", dtype=object)
    if pd.api.types.is_datetime64_any_dtype(values):
        if getattr(values.dt, "tz", None) is not None:
            out = values.dt.tz_convert(tz).astype(f"datetime64[ns, {tz}]")
            return ParsedInstants(
                out, pd.Series(invalid, index=index), pd.Series(reasons, index=index), 0
            )
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        naive_all = pd.Series(pd.DatetimeIndex(uniques).as_unit("ns").to_numpy())
        uniq_text = naive_all.astype(str)
        zoned_values = pd.Series(pd.NaT, index=naive_all.index, dtype=f"datetime64[ns, {tz}]")
    else:
        # distinct values first (hourly counts repeat each hour once per counter)
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniq_text = pd.Series(np.asarray(uniques, dtype=object)).map(lambda v: str(v).strip())
        uniq_zoned = uniq_text.str.match(_ZONED)
        zoned_values = pd.Series(pd.NaT, index=uniq_text.index, dtype=f"datetime64[ns, {tz}]")
        if uniq_zoned.any():
            parsed = pd.to_datetime(
                uniq_text[uniq_zoned], utc=True, format="ISO8601", errors="coerce"
            )
            zoned_values[uniq_zoned] = parsed.dt.tz_convert(tz).astype(f"datetime64[ns, {tz}]")
        naive_all = pd.Series(pd.NaT, index=uniq_text.index, dtype="datetime64[ns]")
        plain = ~uniq_zoned & uniq_text.str.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
        if plain.any():
            naive_all[plain] = pd.to_datetime(
                uniq_text[plain].str.replace(" ", "T", n=1), format="ISO8601", errors="coerce"
            )
    # local (naive) values: localise, with the two DST rules
    local = pd.Series(pd.NaT, index=zoned_values.index, dtype=f"datetime64[ns, {tz}]")
    has_naive = naive_all.notna().to_numpy()
    ambiguous_u = np.zeros(len(local), dtype=bool)
    if has_naive.any():
        naive = naive_all[has_naive]
        summer = naive.dt.tz_localize(tz, ambiguous=np.ones(len(naive), bool), nonexistent="NaT")
        winter = naive.dt.tz_localize(tz, ambiguous=np.zeros(len(naive), bool), nonexistent="NaT")
        local[has_naive] = summer
        ambiguous_u[has_naive] = (summer != winter).to_numpy() & summer.notna().to_numpy()
        gone = summer.isna().to_numpy()
        idx = np.flatnonzero(has_naive)[gone]
        winter_u = pd.Series(pd.NaT, index=local.index, dtype=f"datetime64[ns, {tz}]")
        winter_u[has_naive] = winter
    else:
        idx = np.array([], dtype=int)
        winter_u = local
    merged = zoned_values.where(zoned_values.notna(), local)
    safe = np.where(codes < 0, 0, codes)
    if not len(merged):  # nothing but missing values
        return ParsedInstants(
            pd.Series(pd.NaT, index=index, dtype=f"datetime64[ns, {tz}]"),
            pd.Series(invalid, index=index),
            pd.Series(reasons, index=index, dtype=object),
            0,
        )
    out_series = pd.Series(merged.array.take(safe), index=index)
    missing = codes < 0
    out_series[missing] = pd.NaT
    # reasons for values given but unread
    nonexistent = np.zeros(len(merged), dtype=bool)
    nonexistent[idx] = True
    bad_u = merged.isna().to_numpy()
    row_bad = bad_u[safe] & ~missing
    for i in np.flatnonzero(row_bad):
        text = uniq_text.iloc[safe[i]]
        if not text or text.lower() in {"nan", "none", "nat"}:
            continue
        invalid[i] = True
        if nonexistent[safe[i]]:
            reasons[i] = f"{text!r} does not exist in {tz} (clocks go forward)"
        else:
            reasons[i] = (
                f"{text!r} is not a point in time; use ISO 8601, e.g. '2024-06-01T13:00:00+02:00'"
            )
    # the repeated autumn hour without an offset: first summer, second winter time
    repeated = 0
    row_amb = ambiguous_u[safe] & ~missing
    if row_amb.any():
        rows = np.flatnonzero(row_amb)
        key = pd.DataFrame(
            {
                "g": (groups.to_numpy()[rows] if groups is not None else np.zeros(len(rows))),
                "u": safe[rows],
            }
        )
        order = key.groupby(["g", "u"], sort=False).cumcount().to_numpy()
        winter_rows = rows[order == 1]
        out_series.iloc[winter_rows] = winter_u.array.take(safe[winter_rows])
        third = rows[order >= 2]
        out_series.iloc[third] = pd.NaT
        for i in third:
            invalid[i] = True
            reasons[i] = (
                f"{uniq_text.iloc[safe[i]]!r} occurs more than twice in the hour that repeats"
            )
        repeated = int(len(rows) - len(third))
    return ParsedInstants(
        out_series,
        pd.Series(invalid, index=index),
        pd.Series(reasons, index=index, dtype=object),
        repeated,
    )
