"""Class breaks and legend entries shared by interactive maps and print maps.

A choropleth of vacancy rates uses the same classes, colours and legend
texts in :mod:`geoinnenstadt.maps` and :mod:`geoinnenstadt.plots`: both call
:func:`classify`.

Schemes
-------
``"fixed"`` (default)
    The fixed breaks :data:`VACANCY_BREAKS` (0–5 %, > 5–10 %, > 10–15 %,
    > 15–20 %, > 20 %) or the ``bins`` given: comparable across cities and
    surveys.
``"natural_breaks"`` / ``"fisher_jenks"``
    Fisher–Jenks optimal breaks (deterministic; mapclassify's
    ``NaturalBreaks`` is k-means with random starts and is not used).
``"quantiles"``, ``"equal_interval"``
    From mapclassify, with ``k`` classes (fewer when there are fewer
    distinct values).

Classes are right-closed: a value equal to a break belongs to the lower
class.

Examples
--------
>>> import pandas as pd
>>> from geoinnenstadt import classify
>>> c = classify.classify(pd.Series([0.02, 0.05, 0.12, 0.31, None]))
>>> c.codes.tolist()
[0, 0, 2, 4, -1]
>>> c.labels("de")
['0 – 5 %', '> 5 – 10 %', '> 10 – 15 %', '> 15 – 20 %', '> 20 %']
>>> c.colors()[0], len(c.colors())
('#ffffb2', 5)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .style import CHOROPLETH

__all__ = ["SCHEMES", "VACANCY_BREAKS", "Classes", "class_colors", "classify"]

#: Fixed upper class limits of vacancy-rate choropleths (fractions; the last class is open).
VACANCY_BREAKS: tuple[float, ...] = (0.05, 0.10, 0.15, 0.20)

#: Scheme names accepted by :func:`classify`.
SCHEMES: tuple[str, ...] = (
    "fixed",
    "natural_breaks",
    "fisher_jenks",
    "quantiles",
    "equal_interval",
)


@dataclass(frozen=True)
class Classes:
    """Result of :func:`classify`.

    Attributes
    ----------
    codes : numpy.ndarray
        Class index per value, ``-1`` where the value is missing.
    lower : float
        Lower limit of the first class.
    upper : tuple of float
        Upper limit of each class (right-closed).
    open_top : bool
        The last class is "> x" (fixed scheme up to 100 %).
    """

    codes: np.ndarray
    lower: float
    upper: tuple[float, ...]
    open_top: bool

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.upper)

    def labels(self, lang: str | None = None) -> list[str]:
        """Legend text of each class, formatted by :func:`geoinnenstadt.labels.class_labels`."""
        from . import labels

        return labels.class_labels(self.lower, self.upper, open_top=self.open_top, lang=lang)

    def colors(self) -> list[str]:
        """One hex colour per class (YlOrRd, light → dark)."""
        return class_colors(self.k)

    def counts(self) -> list[int]:
        """Number of values in each class."""
        return [int((self.codes == i).sum()) for i in range(self.k)]


def class_colors(n: int) -> list[str]:
    """``n`` hex colours spread over YlOrRd (one colour: the middle one).

    Examples
    --------
    >>> class_colors(1), class_colors(3)
    (['#fd8d3c'], ['#ffffb2', '#fc4e2a', '#4d0013'])
    """
    if n <= 0:
        return []
    if n == 1:
        return [CHOROPLETH[3]]
    idx = np.linspace(0, len(CHOROPLETH) - 1, n).round().astype(int)
    return [CHOROPLETH[i] for i in idx]


def classify(
    values: pd.Series | Sequence[float] | np.ndarray,
    *,
    scheme: str | None = "fixed",
    k: int = 5,
    bins: Sequence[float] | None = None,
) -> Classes:
    """Classify rates (fractions in [0, 1]) for a choropleth.

    Parameters
    ----------
    values : Series or array of float
        Missing values get class ``-1``.
    scheme : str, default "fixed"
        One of :data:`SCHEMES`; ``None`` means ``"fixed"``.
    k : int, default 5
        Number of classes of the data-driven schemes.
    bins : sequence of float, optional
        Upper class limits for ``"fixed"`` strictly between 0 and 1 (the
        last class runs to 100 %). Default :data:`VACANCY_BREAKS`.

    Returns
    -------
    Classes

    Raises
    ------
    ValueError
        Unknown scheme, or bins outside (0, 1).

    Examples
    --------
    >>> classify([0.1, 0.2, 0.3, 0.4], scheme="quantiles", k=2).codes.tolist()
    [0, 0, 1, 1]
    >>> classify([0.04, 0.3], bins=[0.1]).labels("en")
    ['0 – 10 %', '> 10 %']
    """
    import mapclassify

    y = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype="float64")
    ok = np.isfinite(y)
    scheme = "fixed" if scheme is None else scheme
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; use one of {', '.join(map(repr, SCHEMES))}")
    codes = np.full(len(y), -1, dtype=np.int64)
    if scheme == "fixed":
        upper = sorted(float(b) for b in (VACANCY_BREAKS if bins is None else bins))
        if not upper or upper[0] <= 0 or upper[-1] >= 1:
            raise ValueError(f"bins must be class limits strictly between 0 and 1, got {bins!r}")
        upper.append(1.0)
        lower, open_top = 0.0, True
        # values above 100 % cannot occur for rates; they go to the open top class
        if ok.any():
            codes[ok] = np.searchsorted(np.asarray(upper[:-1]), y[ok], side="left")
        return Classes(codes, lower, tuple(upper), open_top)
    distinct = np.unique(y[ok])
    if len(distinct) == 0:
        return Classes(codes, 0.0, (1.0,), False)
    if len(distinct) == 1:
        codes[ok] = 0
        v = float(distinct[0])
        return Classes(codes, v, (v,), False)
    kk = int(min(k, len(distinct)))
    cls = {
        "natural_breaks": mapclassify.FisherJenks,
        "fisher_jenks": mapclassify.FisherJenks,
        "quantiles": mapclassify.Quantiles,
        "equal_interval": mapclassify.EqualInterval,
    }[scheme]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns about duplicate quantile edges
        c = cls(y[ok], k=kk)
    upper = sorted({float(b) for b in c.bins})
    codes[ok] = np.searchsorted(np.asarray(upper), y[ok], side="left")
    return Classes(codes, float(distinct[0]), tuple(upper), False)
