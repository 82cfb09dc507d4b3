"""The validation report: every problem of a layer, collected.

Part of :mod:`geoinnenstadt.schema`; import from there.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``count_noun``, ``count_text``, ``shown``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from .. import settings
from ..errors import SchemaError

__all__ = ["ValidationReport"]

_PROBLEM_COLUMNS = ["row", "column", "problem", "hint"]


class ValidationReport:
    """All problems found in one layer.

    Attributes
    ----------
    kind : str
        Layer kind that was checked.
    source : str or None
        File (and layer) the data came from, when known.
    errors, warnings : pandas.DataFrame
        One row per problem with columns ``row`` (feature id — for the units
        panel ``"<unit_id> @ <survey_date>"`` —, ``#n`` for the n-th feature
        when the id is missing, None for problems of the whole layer),
        ``column``, ``problem`` and ``hint``.
    repaired : list
        Ids of features whose geometry was repaired with ``shapely.make_valid``.
    notes : list of str
        Informational messages, e.g. which columns were used as coordinates.
    left_out : list
        Ids (or ``#n`` positions) of the input records a reader did **not**
        keep, each also named in a warning (:meth:`leave_out`). Every record
        of a file is kept or listed here: records in the file = rows returned
        + ``len(left_out)``.
    n_rows : int
        Number of rows checked.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> bad = city.units.head(2).copy()
    >>> bad["floor_area_m2"] = [0.0, -5.0]
    >>> report = gi.validate(bad, "units")
    >>> report.ok, len(report.errors)
    (False, 2)
    >>> list(report.errors.columns)
    ['row', 'column', 'problem', 'hint']
    """

    def __init__(self, kind: str, source: str | None = None, n_rows: int = 0) -> None:
        self.kind = kind
        self.source = source
        self.n_rows = n_rows
        self._errors: list[dict[str, Any]] = []
        self._warnings: list[dict[str, Any]] = []
        self.repaired: list[Any] = []
        self.notes: list[str] = []
        self.left_out: list[Any] = []

    # -- collection
    def error(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        """Record an error (``row`` None = the whole layer)."""
        self._errors.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def error_text(self, row: Any, column: str | None, key: str, **values: Any) -> None:
        """Record an error whose texts are ``labels`` templates ``problem.<key>`` (and ``_hint``).

        Stored in English (:attr:`errors`), shown in the display language
        (``str``, the notebook display, the command line).
        """
        self._errors.append(_keyed(row, column, key, values))

    def warn(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        """Record a warning: reported, but the layer stays usable."""
        self._warnings.append({"row": row, "column": column, "problem": problem, "hint": hint})

    def warn_text(self, row: Any, column: str | None, key: str, **values: Any) -> None:
        """Record a warning whose texts are ``labels`` templates (see :meth:`error_text`)."""
        self._warnings.append(_keyed(row, column, key, values))

    def leave_out(self, row: Any, column: str | None, problem: str, hint: str = "") -> None:
        """Record that a reader left the input record ``row`` out, with a warning saying why.

        The one way a reader drops a record: it is counted in :attr:`left_out`
        and named in :attr:`warnings`, so that nothing is lost silently.
        """
        self.left_out.append(row)
        self.warn(row, column, problem, hint)

    def withdraw_errors(self, column: str, problem: str, rows: Any) -> int:
        """Withdraw the errors ``problem`` in ``column`` of ``rows`` that another check reports better.

        Used when a reader has already reported the same rows as warnings with a
        more precise reason (e.g. geocoding that found no address: the rows are
        kept without geometry and named in a warning, so "geometry is missing"
        is not a second, contradicting error). Returns the number withdrawn.
        """
        names = {str(r) for r in rows}
        before = len(self._errors)
        self._errors = [
            e
            for e in self._errors
            if not (
                e.get("column") == column
                and e.get("problem") == problem
                and str(e.get("row")) in names
            )
        ]
        return before - len(self._errors)

    def note(self, message: str) -> None:
        """Record an informational message."""
        self.notes.append(message)

    def extend(self, other: ValidationReport) -> None:
        """Add the problems, repairs and notes of another report."""
        self._errors.extend(other._errors)
        self._warnings.extend(other._warnings)
        self.repaired.extend(other.repaired)
        self.notes.extend(other.notes)
        self.left_out.extend(other.left_out)

    # -- access
    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self._errors

    @property
    def errors(self) -> pd.DataFrame:
        """Errors: one row per problem (columns ``row``, ``column``, ``problem``, ``hint``)."""
        return _problem_frame(self._errors)

    @property
    def warnings(self) -> pd.DataFrame:
        """Warnings: one row per problem (columns ``row``, ``column``, ``problem``, ``hint``)."""
        return _problem_frame(self._warnings)

    def to_frame(self) -> pd.DataFrame:
        """Errors and warnings in one table with a leading ``severity`` column."""
        frame = _problem_frame(
            [{"severity": "error", **p} for p in self._errors]
            + [{"severity": "warning", **p} for p in self._warnings],
            columns=["severity", *_PROBLEM_COLUMNS],
        )
        return frame

    def display_frame(self, *, lang: str | None = None) -> pd.DataFrame:
        """:meth:`to_frame` for reading: headings, severities and messages in ``lang``.

        ``lang`` defaults to :data:`geoinnenstadt.settings.language`; a problem
        of the whole layer shows "(ganze Ebene)" / "(whole layer)" as its row.

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> units = gi.load_sample("dorsten").units.head(1).copy()
        >>> units["status"] = "leer"
        >>> gi.validate(units, "units").display_frame(lang="de").iloc[0, [0, 2, 3]].tolist()
        ['Fehler', 'status', "unbekannter Wert 'leer'"]
        """
        from ..labels import text

        rows = [
            [
                text(f"report.{severity}", lang),
                text("display.layer", lang) if p["row"] is None else p["row"],
                p["column"],
                *shown(p, lang),
            ]
            for severity, problems in (("error", self._errors), ("warning", self._warnings))
            for p in problems
        ]
        headings = [text("report.severity", lang)]
        headings += [text(f"display.{c}", lang) for c in _PROBLEM_COLUMNS]
        return pd.DataFrame(rows, columns=headings, dtype=object)

    def _where(self, lang: str | None = None) -> str:
        from ..labels import text

        if self.source:
            return text("report.where_source", lang, kind=self.kind, source=self.source)
        return text("report.where", lang, kind=self.kind)

    def summary(self, *, lang: str | None = None) -> str:
        """One-line summary in ``lang`` (default :data:`geoinnenstadt.settings.language`).

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> report = gi.validate(gi.load_sample("dortmund").quarters, kind="quarters")
        >>> report.summary(lang="de")
        'Ebene quarters: 9 Zeilen, 0 Fehler, 0 Warnungen, 0 reparierte Geometrien'
        >>> report.summary(lang="en")
        'quarters layer: 9 rows, 0 errors, 0 warnings, 0 repaired geometries'
        """
        from ..labels import text

        return text(
            "report.summary",
            lang,
            where=self._where(lang),
            rows=count_text("report.rows", self.n_rows, lang),
            errors=count_text("report.errors", len(self._errors), lang),
            warnings=count_text("report.warnings", len(self._warnings), lang),
            repaired=count_text("report.repaired", len(self.repaired), lang),
        )

    def _format_problems(
        self, problems: Sequence[dict[str, Any]], limit: int, lang: str | None = None
    ) -> list[str]:
        from ..labels import text

        lines = []
        for p in problems[:limit]:
            where = (
                text("report.row", lang, row=p["row"])
                if p["row"] is not None
                else text("report.layer", lang)
            )
            if p["column"]:
                where = text("report.column", lang, where=where, column=p["column"])
            problem, hint = shown(p, lang)
            line = f"  - {where}: {problem}"
            if hint:
                line += f" — {hint}"
            lines.append(line)
        if len(problems) > limit:
            lines.append(text("report.more", lang, n=len(problems) - limit))
        return lines

    def raise_for_errors(self) -> None:
        """Raise one :class:`SchemaError` listing the first problems and the total count.

        The message lists the first ``settings.max_listed_problems`` errors; the
        whole report is attached as the error's ``.report``. Does nothing when
        the report is :attr:`ok`.
        """
        if self.ok:
            return
        n = len(self._errors)
        # an exception: English, like every error message of the library
        lines = [f"{count_noun(n, 'error')} in the {self._where('en')}:"]
        limit = max(int(settings.max_listed_problems), 0)
        lines += self._format_problems(self._errors, limit, "en")
        raise SchemaError("\n".join(lines), report=self)

    def __str__(self) -> str:
        from ..labels import text

        lines = [self.summary()]
        if self._errors:
            lines.append(text("report.errors_heading"))
            lines += self._format_problems(self._errors, len(self._errors))
        if self._warnings:
            lines.append(text("report.warnings_heading"))
            lines += self._format_problems(self._warnings, len(self._warnings))
        if self.repaired:
            lines.append(text("display.report_repaired", ids=", ".join(map(str, self.repaired))))
        lines += [text("report.note", note=n) for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ValidationReport {self.summary()}>"

    def _repr_html_(self) -> str:
        """The report for notebooks: summary, then errors and warnings as tables.

        Each table has the columns row, column, problem and hint; at most
        :data:`geoinnenstadt.labels.DISPLAY_MAX_ROWS` problems are listed per
        table, followed by the number of the others (all of them are in
        :attr:`errors` / :attr:`warnings`). Every value is escaped.

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> bad = gi.load_sample("dorsten").units.head(1).copy()
        >>> bad["floor_area_m2"] = -1.0
        >>> out = gi.validate(bad, "units")._repr_html_()
        >>> "<th>Spalte</th>" in out and "floor_area_m2" in out
        True
        """
        from .. import labels
        from ..assets import escape_text

        lang = labels.resolve_lang(None)
        limit = labels.DISPLAY_MAX_ROWS

        def t(key: str, **fmt: Any) -> str:
            return escape_text(labels.text(key, lang, **fmt))

        def n(value: int) -> str:
            return labels.format_int(value, lang=lang)

        kind = labels.layer_label(self.kind, lang)
        parts = [f"<p><strong>{t('display.report_title', kind=kind)}</strong></p>"]
        if self.source:
            parts.append(f"<p>{t('display.report_source', source=self.source)}</p>")
        summary = t(
            "display.report_summary",
            rows=n(self.n_rows),
            errors=n(len(self._errors)),
            warnings=n(len(self._warnings)),
            repaired=n(len(self.repaired)),
        )
        parts.append(f"<p>{summary}</p>")
        if self.ok:
            parts.append(f'<p class="gi-ok">{t("display.report_ok")}</p>')
        columns = [labels.text(f"display.{c}", lang) for c in _PROBLEM_COLUMNS]
        whole_layer = labels.text("display.layer", lang)
        for key, attr, problems in (
            ("display.report_errors", "errors", self._errors),
            ("display.report_warnings", "warnings", self._warnings),
        ):
            if not problems:
                continue
            rows = [
                [whole_layer if p["row"] is None else p["row"], p["column"], *shown(p, lang)]
                for p in problems[:limit]
            ]
            caption = f"{labels.text(key, lang)} ({n(len(problems))})"
            parts.append(labels.html_table(columns, rows, caption=caption, cls=f"gi-{attr}"))
            if len(problems) > limit:
                more = t("display.report_more", n=n(len(problems) - limit), attr=attr)
                parts.append(f'<p class="gi-more">{more}</p>')
        if self.repaired:
            ids = ", ".join(map(str, self.repaired))
            parts.append(f"<p>{t('display.report_repaired', ids=ids)}</p>")
        if self.notes:
            notes = "".join(f"<li>{escape_text(note)}</li>" for note in self.notes)
            parts.append(f"<p>{t('display.report_notes')}</p><ul>{notes}</ul>")
        return '<div class="gi-report">' + "".join(parts) + "</div>"


def count_noun(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with the singular or plural noun ("1 row", "2 rows")."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def count_text(key: str, n: int, lang: str | None = None) -> str:
    """The labels text ``key`` for ``n`` things (``key + "_one"`` for one)."""
    from ..labels import text

    return text(f"{key}_one", lang) if n == 1 else text(key, lang, n=n)


def _keyed(row: Any, column: str | None, key: str, values: dict[str, Any]) -> dict[str, Any]:
    """A problem whose texts are labels templates: English stored, the key kept for display."""
    from ..labels import text

    return {
        "row": row,
        "column": column,
        "problem": text(f"problem.{key}", "en", **values),
        "hint": text(f"problem.{key}_hint", "en", **values),
        "key": key,
        "values": values,
    }


def shown(problem: dict[str, Any], lang: str | None = None) -> tuple[str, str]:
    """Problem and hint of a recorded problem in ``lang`` (English when recorded as text)."""
    from ..labels import text

    key = problem.get("key")
    if key is None:
        return problem["problem"], problem["hint"]
    values = problem["values"]
    return text(f"problem.{key}", lang, **values), text(f"problem.{key}_hint", lang, **values)


def _problem_frame(
    problems: Sequence[dict[str, Any]], columns: Sequence[str] = tuple(_PROBLEM_COLUMNS)
) -> pd.DataFrame:
    return pd.DataFrame(list(problems), columns=list(columns), dtype=object)
