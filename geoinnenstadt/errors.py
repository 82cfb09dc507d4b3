"""Exceptions raised by geoinnenstadt.

Every error message names the file, the feature or row, the column and what to do.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import pandas as pd

__all__ = [
    "CRSError",
    "DataFileError",
    "GeoinnenstadtError",
    "GeoinnenstadtWarning",
    "SchemaError",
    "SchemaWarning",
    "name_some",
    "renamed_columns",
    "warn_deprecated",
]


def name_some(names: Any, limit: int = 5) -> str:
    """Up to ``limit`` names for a message, then how many more: ``"u01, u02 … and 3 more"``.

    The one way messages list offending rows, features or ids.

    Examples
    --------
    >>> name_some(["u01", "u02", "u03"], limit=2)
    'u01, u02 … and 1 more'
    >>> name_some([7])
    '7'
    """
    shown = [str(v) for v in names]
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" … and {more} more" if more > 0 else "")


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is a compatibility name and ``new`` is the one to use.

    The one wording of every :class:`DeprecationWarning` of the package; the
    old name keeps working. ``stacklevel=3`` points at the caller of the
    function that calls this.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_deprecated("as_of=", "at=", stacklevel=1)
    >>> str(caught[0].message)
    'as_of= is deprecated; use at= instead'
    """
    warnings.warn(
        f"{old} is deprecated; use {new} instead", DeprecationWarning, stacklevel=stacklevel
    )


class GeoinnenstadtError(Exception):
    """Base class of all errors raised by geoinnenstadt."""


class SchemaError(GeoinnenstadtError, ValueError):
    """A layer does not match its schema (columns, values, geometries).

    The full :class:`~geoinnenstadt.schema.ValidationReport` is available as
    ``.report`` when the error came from a validation. (Typed ``Any`` so that
    this module imports nothing from :mod:`geoinnenstadt.schema`: no cycle.)
    """

    report: Any

    def __init__(self, message: str, report: Any = None) -> None:
        super().__init__(message)
        self.report = report


class CRSError(GeoinnenstadtError, ValueError):
    """A coordinate reference system is missing, differs between inputs or is implausible."""


class DataFileError(GeoinnenstadtError, OSError):
    """A file cannot be read or written (empty, corrupt, wrong format, missing layer)."""

    def __init__(self, message: str, path: Any = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:  # OSError would otherwise format (errno, strerror)
        return str(self.args[0]) if self.args else ""


class GeoinnenstadtWarning(UserWarning):
    """Base class of warnings: rows outside every zone, repaired geometries, assumptions made.

    Nothing is dropped silently: where a function leaves rows out of a result
    it says how many and which in such a warning (and usually in ``attrs``).
    """


class SchemaWarning(GeoinnenstadtWarning):
    """Values were changed to fit the schema, or a layer passes with a remark.

    For example spaces stripped from ids, or a parcel from another Land.
    """


class WarningLog:
    """The warnings of several calls that make one result, given once each afterwards.

    A result object (a panel) calls several analysis functions, often once per
    date; each of them may name e.g. the same undated sites. :meth:`collect`
    records the warnings of one call (a *phase*); :meth:`raise_once` gives every
    distinct warning (category and text) once, in the order of first
    appearance. With ``latest_per_category=True`` a category's warnings are
    those of the latest phase that raised that category (a per-date warning
    of an earlier date is superseded by the one at the reference date).

    Examples
    --------
    >>> import warnings
    >>> from geoinnenstadt.errors import GeoinnenstadtWarning, WarningLog
    >>> log = WarningLog()
    >>> for day in ("01.01.", "30.06."):
    ...     _ = log.collect(lambda: warnings.warn(f"3 units without area at {day}",
    ...                                           GeoinnenstadtWarning))
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     log.raise_once(latest_per_category=True)
    >>> [str(w.message) for w in seen]
    ['3 units without area at 30.06.']
    """

    def __init__(self) -> None:
        self.phases: list[list[warnings.WarningMessage]] = []

    def collect(self, call: Callable[[], Any]) -> Any:
        """Run ``call`` and keep its warnings (one phase); returns what ``call`` returns."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return call()
            finally:
                self.phases.append(list(caught))

    def raise_once(self, *, latest_per_category: bool = False, stacklevel: int = 3) -> None:
        """Give each distinct warning of the collected phases once (see the class)."""
        chosen: dict[type[Warning], list[str]] = {}
        for phase in self.phases:
            kinds: dict[type[Warning], list[str]] = {}
            for w in phase:
                target = kinds if latest_per_category else chosen
                messages = target.setdefault(w.category, [])
                if str(w.message) not in messages:
                    messages.append(str(w.message))
            chosen.update(kinds)
        order = [(c, m) for c, ms in chosen.items() for m in ms]
        for category, message in order:
            warnings.warn(message, category, stacklevel=stacklevel + 1)


@contextmanager
def once_each_warning(stacklevel: int = 4) -> Iterator[None]:
    """Collect the warnings of a block and give each distinct one once afterwards.

    The block form of :class:`WarningLog`: a panel calls several analysis
    functions on one layer; each of them names e.g. the same undated sites.
    The caller sees every distinct warning (category and text) once, in the
    order of first appearance.

    Examples
    --------
    >>> import warnings
    >>> from geoinnenstadt.errors import GeoinnenstadtWarning, once_each_warning
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     with once_each_warning():
    ...         for _ in range(3):
    ...             warnings.warn("site S3 has no date", GeoinnenstadtWarning)
    >>> [str(w.message) for w in seen]
    ['site S3 has no date']
    """
    log = WarningLog()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    log.phases.append(list(caught))
    log.raise_once(stacklevel=stacklevel)


# --------------------------------------------------------------------------- renamed columns


def _renamed_key(renamed: dict[str, str], key: Any, stacklevel: int) -> Any:
    """``key`` with old column names replaced by the new ones (one FutureWarning per old name)."""
    if isinstance(key, str) and key in renamed:
        new = renamed[key]
        warnings.warn(
            f"column {key!r} is renamed {new!r}; the old name stops working in the next release",
            FutureWarning,
            stacklevel=stacklevel,
        )
        return new
    if isinstance(key, list):
        return [_renamed_key(renamed, k, stacklevel + 1) for k in key]
    return key


class _RenamedSeries(pd.Series):
    """A row or column of a :func:`renamed_columns` frame: old labels translated."""

    _metadata: ClassVar[list[str]] = ["_gi_renamed"]

    @property
    def _constructor(self) -> Any:
        return _RenamedSeries

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(_renamed_key(getattr(self, "_gi_renamed", {}), key, 3))


class _RenamedFrame(pd.DataFrame):
    """The frame of :func:`renamed_columns`."""

    _metadata: ClassVar[list[str]] = ["_gi_renamed"]

    @property
    def _constructor(self) -> Any:
        return _RenamedFrame

    @property
    def _constructor_sliced(self) -> Any:
        return _RenamedSeries

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(_renamed_key(getattr(self, "_gi_renamed", {}), key, 3))

    @property
    def loc(self) -> Any:
        return _RenamedLoc(self, super().loc)


class _RenamedLoc:
    """``.loc`` of a :func:`renamed_columns` frame: the column part of the key translated."""

    def __init__(self, frame: Any, loc: Any) -> None:
        self._renamed = getattr(frame, "_gi_renamed", {})
        self._loc = loc

    def _key(self, key: Any) -> Any:
        if isinstance(key, tuple) and len(key) == 2:
            return (key[0], _renamed_key(self._renamed, key[1], 4))
        return key

    def __getitem__(self, key: Any) -> Any:
        return self._loc[self._key(key)]

    def __setitem__(self, key: Any, value: Any) -> None:
        self._loc[self._key(key)] = value


def renamed_columns(frame: pd.DataFrame, renamed: dict[str, str]) -> pd.DataFrame:
    """``frame`` whose old column names still work for one release, with a FutureWarning.

    The one mechanism of the package for a renamed output column: the frame
    (and a row of it, a Series) translates ``frame[old]``, ``frame.loc[…, old]``
    and ``row[old]`` to the new name and warns. The old name is not among
    the columns; operations that build a new frame (merge, concat, arithmetic)
    may return plain pandas objects.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> df = renamed_columns(pd.DataFrame({"new_ha": [1.0]}), {"old_ha": "new_ha"})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     values = [float(df["old_ha"].iloc[0]), float(df.loc[0, "old_ha"]),
    ...               float(df.loc[0]["old_ha"])]
    >>> values, [w.category.__name__ for w in caught]
    ([1.0, 1.0, 1.0], ['FutureWarning', 'FutureWarning', 'FutureWarning'])
    """
    out = _RenamedFrame(frame)
    out._gi_renamed = dict(renamed)
    out.attrs.update(frame.attrs)
    return out
