"""Number, date and table formatting ("1.234,5 ha", "14,6 %", "30.06.2025").

Part of :mod:`geoinnenstadt.labels`; import from there.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from ._lookup import is_na, label, labels_for, na_text, resolve_lang, value_label
from ._terms import (
    INDEX_TRANSLATED,
    INFINITY_TEXT,
    MINUS,
    PERSONAL_COLUMNS,
    VALUE_COLUMNS_TRANSLATED,
    YEAR_COLUMNS,
)


def _to_decimal(x: Any) -> Decimal:
    if isinstance(x, (bool, np.bool_)):
        return Decimal(int(x))
    if isinstance(x, Decimal):
        return x
    if isinstance(x, numbers.Integral):
        return Decimal(int(x))
    if isinstance(x, numbers.Real):
        # repr gives the shortest decimal string that round-trips: 2.675 -> "2.675"
        return Decimal(repr(float(x)))
    raise TypeError(f"cannot format {x!r} (type {type(x).__name__}) as a number")


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return sep.join(reversed(out))


def _format_decimal(
    x: Any, decimals: int, lang: str, *, sign: bool = False, grouping: bool = True
) -> str | None:
    """Rounded, grouped number without unit; None for NA. ``sign`` adds "+" to positives."""
    if is_na(x):
        return None
    if isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral) and math.isinf(x):
        if x < 0:
            return MINUS + INFINITY_TEXT
        return ("+" if sign else "") + INFINITY_TEXT
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    try:
        d = _to_decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # pragma: no cover - huge exponents
        raise ValueError(f"cannot format {x!r} with {decimals} decimals") from exc
    negative = d < 0
    text = f"{abs(d):f}"
    int_part, _, frac = text.partition(".")
    thousands, point = (".", ",") if lang == "de" else (",", ".")
    body = _group(int_part, thousands) if grouping else int_part
    if frac:
        body = f"{body}{point}{frac}"
    if negative:
        return MINUS + body
    if sign and d > 0:
        return "+" + body
    return body


def _with_unit(body: str | None, unit: str | None, lang: str) -> str:
    if body is None:
        return na_text(lang)
    return f"{body} {unit}" if unit else body


def format_number(
    x: Any, unit: str | None = None, *, decimals: int = 1, lang: str | None = None
) -> str:
    """Format a number the German way: "1.234,5 ha".

    Parameters
    ----------
    x : number or None
        Value; ``None``/NaN/``pd.NA`` give "k. A." ("n/a" in English), ±inf "∞".
    unit : str, optional
        Unit appended after a normal space ("ha", "m²", "m").
    decimals : int, default 1
        Decimal places; rounding is half away from zero on the decimal
        representation (0,25 → 0,3).
    lang : {"de", "en"}, optional
        Default ``settings.language``. English: "1,234.5 ha".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_number(1234.5, "ha")
    '1.234,5 ha'
    >>> labels.format_number(-0.25)
    '−0,3'
    >>> labels.format_number(1234567.891, decimals=2, lang="en")
    '1,234,567.89'
    """
    code = resolve_lang(lang)
    return _with_unit(_format_decimal(x, decimals, code), unit, code)


def format_int(n: Any, unit: str | None = None, *, lang: str | None = None) -> str:
    """Format a count or rounded number with thousands separators: "1.234".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_int(1234)
    '1.234'
    >>> labels.format_int(1234.5, "m²")
    '1.235 m²'
    """
    code = resolve_lang(lang)
    return _with_unit(_format_decimal(n, 0, code), unit, code)


def format_percent(
    fraction: Any, *, decimals: int = 1, lang: str | None = None, sign: bool = False
) -> str:
    """Format a fraction in [0, 1] as a percentage: 0.146 → "14,6 %".

    ``sign=True`` writes a change: "+" before positive values, a true minus
    before negative ones, zero without a sign.

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_percent(0.146)
    '14,6 %'
    >>> labels.format_percent(0.146, lang="en")
    '14.6 %'
    >>> labels.format_percent(0.032, sign=True), labels.format_percent(-0.05, sign=True)
    ('+3,2 %', '−5,0 %')
    """
    code = resolve_lang(lang)
    if is_na(fraction):
        return na_text(code)
    value = _to_decimal(fraction) * 100 if not _is_inf(fraction) else fraction
    return _with_unit(_format_decimal(value, decimals, code, sign=sign), "%", code)


def _is_inf(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral) and math.isinf(x)


def format_pp(x: Any, *, decimals: int = 1, lang: str | None = None) -> str:
    """Format a change in **percentage points** (already ×100): 1.2 → "+1,2 Pp.".

    Positive values carry "+", negative values a true minus, zero no sign.
    English uses "pp".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_pp(1.2)
    '+1,2 Pp.'
    >>> labels.format_pp(-0.75, lang="en")
    '−0.8 pp'
    """
    code = resolve_lang(lang)
    unit = "Pp." if code == "de" else "pp"
    return _with_unit(_format_decimal(x, decimals, code, sign=True), unit, code)


def format_area_ha(x: Any, *, decimals: int = 1, lang: str | None = None) -> str:
    """Format an area in hectares: 12.345 → "12,3 ha".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_area_ha(1234.56)
    '1.234,6 ha'
    """
    return format_number(x, "ha", decimals=decimals, lang=lang)


def format_date(ts: Any, *, lang: str | None = None) -> str:
    """Format a date: "30.06.2025" (German) or ISO "2025-06-30" (English).

    Accepts strings, :class:`datetime.date`, :class:`pandas.Timestamp` and
    ``numpy.datetime64``; missing values give "k. A.".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.format_date("2025-06-30")
    '30.06.2025'
    >>> labels.format_date("2025-06-30", lang="en")
    '2025-06-30'
    """
    code = resolve_lang(lang)
    if is_na(ts):
        return na_text(code)
    if isinstance(ts, _dt.date) and not isinstance(ts, _dt.datetime):
        t = pd.Timestamp(ts.year, ts.month, ts.day)
    else:
        t = pd.Timestamp(ts)
    if t is pd.NaT:
        return na_text(code)
    return t.strftime("%d.%m.%Y") if code == "de" else t.strftime("%Y-%m-%d")


# ---------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------


def _column_formatter(name: str, s: pd.Series, code: str, decimals: int) -> Any:
    n = str(name)
    if pd.api.types.is_bool_dtype(s.dtype):
        return lambda v: value_label(n, v, code)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return lambda v: format_date(v, lang=code)
    if pd.api.types.is_numeric_dtype(s.dtype):
        if n in YEAR_COLUMNS:
            return lambda v: na_text(code) if is_na(v) else str(int(v))
        if n.endswith("_pp"):
            return lambda v: format_pp(v, decimals=decimals, lang=code)
        if n.endswith(("rate", "share")) or n.startswith("share"):
            return lambda v: format_percent(v, decimals=decimals, lang=code)
        if n.endswith(("_m2", "_days", "_m")) or pd.api.types.is_integer_dtype(s.dtype):
            return lambda v: format_int(v, lang=code)
        if n in {"p_value", "p_sim"}:
            return lambda v: format_number(v, decimals=3, lang=code)
        return lambda v: format_number(v, decimals=decimals, lang=code)

    def fmt_object(v: Any) -> str:
        if is_na(v):
            return na_text(code)
        if isinstance(v, (bool, np.bool_)):
            return value_label(n, v, code)
        if isinstance(v, (pd.Timestamp, _dt.date, np.datetime64)):
            return format_date(v, lang=code)
        if isinstance(v, numbers.Real):
            return format_number(v, decimals=decimals, lang=code)
        if isinstance(v, (list, tuple)):
            return ", ".join(str(x) for x in v)
        if n in VALUE_COLUMNS_TRANSLATED or isinstance(v, str):
            return value_label(n, v, code) if n in VALUE_COLUMNS_TRANSLATED else str(v)
        return str(v)

    return fmt_object


def format_table(df: pd.DataFrame, lang: str | None = None, *, decimals: int = 1) -> pd.DataFrame:
    """A display copy of ``df``: formatted strings and labelled columns (for briefings).

    Rules by column name and dtype: ``*rate``/``share*`` → percent, ``*_pp``
    → percentage points, ``*_m2``/``*_days``/``*_m`` and integers → whole
    numbers, years (``year``, ``window_start``, ``window_end``) plain, other floats → ``decimals`` places, dates → "30.06.2025",
    booleans → "ja"/"nein", category columns (status, restriction, use, …)
    → their labels, missing → "k. A.". The index values of category indexes
    (e.g. ``restriction``, ``size_class``) are translated and the index name
    labelled. The geometry column and personal columns (``owner_name``,
    ``owner_contact``) are dropped — a formatted table is for publication.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt import labels
    >>> df = pd.DataFrame({"reserve_ha": [12.345], "vacancy_rate": [0.146]},
    ...                   index=pd.Index(["none"], name="restriction"))
    >>> labels.format_table(df).to_dict("index")
    {'restriktionsfrei': {'Flächenreserve (ha)': '12,3', 'Leerstandsquote': '14,6 %'}}
    """
    code = resolve_lang(lang)
    out = pd.DataFrame(df).copy()
    drop = [c for c in out.columns if str(c) in PERSONAL_COLUMNS]
    geom = getattr(df, "_geometry_column_name", None)
    if geom is not None and geom in out.columns:
        drop.append(geom)
    out = pd.DataFrame(out.drop(columns=drop))
    formatted = {}
    for col in out.columns:
        fmt = _column_formatter(str(col), out[col], code, decimals)
        formatted[col] = [fmt(v) for v in out[col].tolist()]
    index = _format_index(out.index, code)
    total = _total_position(out)
    if total is not None:  # the total's label once: in the name column, the index cell empty
        formatted[_name_column(out)][total] = label("total", code)
        index = pd.Index([*index[:total], "", *index[total + 1 :]], name=index.name)
    result = pd.DataFrame(formatted, index=index, columns=out.columns)
    result = result.rename(columns=labels_for(out.columns, code))
    result.attrs = {
        "align": [_alignment(out[c], code) for c in out.columns],
        "index_align": [
            _alignment(pd.Series(out.index.get_level_values(i)), code)
            for i in range(out.index.nlevels)
        ],
    }
    return result


#: A number as formatted here, a suppression marker ("< 3") or infinity, with an optional unit.
_NUMBER_TEXT = re.compile(
    r"^[<>]?\s*[+\u2212-]?\s*(?:\d[\d.,]*|\u221e)(?:\s?(?:%|Pp\.|pp|ha|m²|m))?$"
)


def _alignment(s: pd.Series, code: str) -> str:
    """``"num"`` for a column of numbers (also already formatted ones), ``"text"`` otherwise.

    Numbers, dates and number texts ("14,6 %", "+1,2 Pp.", "< 3") are right-aligned;
    names, ids, Flurstückskennzeichen, categories and yes/no are left-aligned. Missing
    values and the marker of a withheld figure count for neither.
    """
    from ._lookup import text

    if pd.api.types.is_bool_dtype(s.dtype):
        return "text"
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
        return "num"
    neutral = {na_text(code), text("briefing.withheld", code), ""}
    seen = False
    for v in s.tolist():
        if is_na(v) or (isinstance(v, str) and v.strip() in neutral):
            continue
        if isinstance(v, (bool, np.bool_)):
            return "text"
        is_number = isinstance(v, (numbers.Real, pd.Timestamp, _dt.date, np.datetime64))
        if not is_number and not (isinstance(v, str) and _NUMBER_TEXT.match(v.strip())):
            return "text"
        seen = True
    return "num" if seen else "text"


def _name_column(df: pd.DataFrame) -> Any:
    """The column that names a row: ``name`` when there is one, else the first."""
    return "name" if "name" in df.columns else df.columns[0]


def _total_position(df: pd.DataFrame) -> int | None:
    """Row of the city total (index ``"total"``) when a text column (``name``, else the first) names it."""
    if isinstance(df.index, pd.MultiIndex) or not len(df.columns):
        return None
    positions = [i for i, v in enumerate(df.index) if isinstance(v, str) and v == "total"]
    first = df[_name_column(df)]
    if len(positions) != 1 or pd.api.types.is_numeric_dtype(first.dtype):
        return None
    value = first.iloc[positions[0]]
    return positions[0] if is_na(value) or isinstance(value, str) else None


def _format_index(index: pd.Index, code: str) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_names([label(n, code) if n is not None else None for n in index.names])
    name = index.name
    if pd.api.types.is_datetime64_any_dtype(index.dtype):
        values = [format_date(v, lang=code) for v in index]
    elif pd.api.types.is_numeric_dtype(index.dtype) or name is None:
        values = list(index)
    else:
        col = str(name)
        translate = col in VALUE_COLUMNS_TRANSLATED or col in INDEX_TRANSLATED
        values = [
            value_label(col, v, code)
            if isinstance(v, (bool, np.bool_)) or (translate and isinstance(v, str)) or v == "total"
            else v
            for v in index
        ]
    return pd.Index(values, name=label(name, code) if name is not None else None)


def class_labels(
    lower: float, upper: Sequence[float], *, open_top: bool = False, lang: str | None = None
) -> list[str]:
    """Legend texts of rate classes: "0 – 5 %", "> 5 – 10 %", …, "> 20 %".

    ``lower`` is the lower limit of the first class and ``upper`` the upper
    limit of each class (fractions); with ``open_top`` the last class reads
    "> x %". Used by :mod:`geoinnenstadt.classify` for maps and print maps.

    Examples
    --------
    >>> class_labels(0.0, [0.05, 0.125, 1.0], open_top=True)
    ['0,0 – 5,0 %', '> 5,0 – 12,5 %', '> 12,5 %']
    >>> class_labels(0.1, [0.1])
    ['10 %']
    """
    code = resolve_lang(lang)
    pct = [lower * 100, *(u * 100 for u in upper)]
    decimals = 0 if all(abs(p - round(p)) < 1e-9 for p in pct) else 1

    def num(p: float) -> str:
        return format_number(p, decimals=decimals, lang=code)

    out = []
    for i, u in enumerate(pct[1:]):
        lo = pct[i]
        if open_top and i == len(pct) - 2 and i > 0:
            out.append(f"> {num(lo)} %")
        elif i == 0:
            out.append(f"{num(lo)} %" if lo == u else f"{num(lo)} – {num(u)} %")
        else:
            out.append(f"> {num(lo)} – {num(u)} %")
    return out


# ---------------------------------------------------------------------------------------
# notebook displays
# ---------------------------------------------------------------------------------------

#: Rows shown by :func:`display_table` before the rest is summarised as a count.
DISPLAY_MAX_ROWS = 60


#: A "/" inside a word ("Verkaufs-/Nutzfläche"): a heading may wrap after it.
_SLASH = re.compile(r"/(?=\S)")

#: The attributes of a cell by its column's alignment (see :func:`html_table`).
_ALIGN = {
    "num": ' class="gi-num" style="text-align:right"',
    "text": ' class="gi-text" style="text-align:left"',
}


def html_table(
    columns: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    caption: str | None = None,
    index_columns: int = 0,
    cls: str = "gi-table",
    align: Sequence[str] | None = None,
) -> str:
    """An HTML ``<table>`` of display texts, every cell and heading escaped.

    The one table markup of the notebook displays and briefings (indicator
    tables, ``City``, ``ValidationReport``, :func:`table_html`). Values are
    escaped with :func:`geoinnenstadt.assets.escape_text` (HTML and the
    template characters `````` ` `````` and ``$``); missing values give empty
    cells. The first ``index_columns`` cells of a row are row headings
    (``<th>``). ``align`` gives each column (index columns included)
    ``"num"`` (right-aligned, class ``gi-num``) or ``"text"`` (left-aligned,
    class ``gi-text``); a heading may wrap after a "/".

    Examples
    --------
    >>> from geoinnenstadt import labels
    >>> labels.html_table(["Name"], [["<b>${x}</b>"]])
    '<table class="gi-table"><thead><tr><th>Name</th></tr></thead><tbody><tr><td>&lt;b&gt;&#36;{x}&lt;/b&gt;</td></tr></tbody></table>'
    >>> labels.html_table(["Name", "Fläche/ha"], [["A", "1,0"]], align=["text", "num"])  # doctest: +ELLIPSIS
    '...<th class="gi-num" style="text-align:right">Fläche/<wbr>ha</th>...<td class="gi-num" style="text-align:right">1,0</td>...'
    """
    from ..assets import escape_text

    attrs = [_ALIGN[a] for a in align] if align is not None else [""] * len(columns)
    if len(attrs) != len(columns):
        raise ValueError(f"align has {len(attrs)} entries for {len(columns)} columns")
    head = "".join(
        f"<th{a}>{_SLASH.sub('/<wbr>', escape_text(c))}</th>"
        for c, a in zip(columns, attrs, strict=True)
    )
    body = []
    for row in rows:
        cells = [
            f"<th{attrs[i]}>{escape_text(v)}</th>"
            if i < index_columns
            else f"<td{attrs[i]}>{escape_text(v)}</td>"
            for i, v in enumerate(row)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape_text(caption)}</caption>" if caption else ""
    return (
        f'<table class="{escape_text(cls)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def table_html(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    index: bool = True,
    max_rows: int | None = None,
) -> str:
    r"""The HTML table of a :func:`format_table` result: one heading row, aligned columns.

    The index names stand in the heading row beside the column headings (no
    extra row for them); the index values are row headings. Columns and index
    are aligned as :func:`format_table` decided (``attrs["align"]``,
    ``attrs["index_align"]``): numbers right, texts left. At most
    ``max_rows`` rows (all by default).

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt import labels
    >>> df = pd.DataFrame({"name": ["Mitte", "Gesamt"], "units": [12, 12]},
    ...                   index=pd.Index(["Q1", "total"], name="quarter_id"))
    >>> print(labels.table_html(labels.format_table(df, lang="en")).replace("<tr>", "\n<tr>"))
    ... # doctest: +NORMALIZE_WHITESPACE
    <table class="gi-table"><thead>
    <tr><th class="gi-text" style="text-align:left">Quarter ID</th><th class="gi-text" style="text-align:left">Name</th><th class="gi-num" style="text-align:right">Units</th></tr></thead><tbody>
    <tr><th class="gi-text" style="text-align:left">Q1</th><td class="gi-text" style="text-align:left">Mitte</td><td class="gi-num" style="text-align:right">12</td></tr>
    <tr><th class="gi-text" style="text-align:left"></th><td class="gi-text" style="text-align:left">Total</td><td class="gi-num" style="text-align:right">12</td></tr></tbody></table>
    """
    idx = frame.index
    names = list(idx.names)
    n_index = len(names) if index else 0
    columns = ([("" if n is None else n) for n in names] if index else []) + [
        str(c) for c in frame.columns
    ]
    align = list(frame.attrs.get("align", ["text"] * len(frame.columns)))
    index_align = list(frame.attrs.get("index_align", ["text"] * len(names)))
    shown = len(frame) if max_rows is None else max_rows
    rows = []
    for key, values in zip(idx[:shown], frame.to_numpy()[:shown], strict=True):
        keys = list(key) if isinstance(key, tuple) else [key]
        rows.append((keys if index else []) + list(values))
    return html_table(
        columns,
        rows,
        caption=caption,
        index_columns=n_index,
        align=(index_align if index else []) + align,
    )


class DisplayTable:
    """A formatted indicator table that a notebook shows as escaped HTML.

    Returned by :func:`display_table`. ``frame`` is the display copy of
    :func:`format_table` (strings, labelled columns); ``repr()`` is the plain
    text of that frame, ``_repr_html_()`` an escaped HTML table with at most
    ``max_rows`` rows and a count of the rest.
    """

    def __init__(
        self, frame: pd.DataFrame, *, caption: str | None, max_rows: int, lang: str
    ) -> None:
        self.frame = frame
        self.caption = caption
        self.max_rows = max_rows
        self.lang = lang

    def _repr_html_(self) -> str:
        from ..assets import escape_text
        from ._lookup import text

        frame = self.frame
        show_index = not (frame.index.name is None and isinstance(frame.index, pd.RangeIndex))
        out = table_html(frame, caption=self.caption, index=show_index, max_rows=self.max_rows)
        rest = len(frame) - self.max_rows
        if rest > 0:
            more = text("display.table_more", self.lang, n=format_int(rest, lang=self.lang))
            out += f'<p class="gi-more">{escape_text(more)}</p>'
        return out

    def __repr__(self) -> str:
        return repr(self.frame)


def display_table(
    df: pd.DataFrame,
    lang: str | None = None,
    *,
    decimals: int = 1,
    caption: str | None = None,
    max_rows: int = DISPLAY_MAX_ROWS,
) -> DisplayTable:
    """An indicator table ready to show in a notebook: German-formatted, labelled, escaped.

    The values and headings of :func:`format_table` ("14,6 %", "1.234,5",
    "30.06.2025", "k. A."; personal columns and geometry dropped) as an HTML
    table; the last expression of a cell shows it. Long tables show the first
    ``max_rows`` rows and the number of the others.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt import labels
    >>> t = labels.display_table(pd.DataFrame({"vacancy_rate": [0.146]}, index=pd.Index(["Q1"], name="quarter_id")))
    >>> '<td class="gi-num" style="text-align:right">14,6 %</td>' in t._repr_html_()
    True
    >>> t.frame.columns.tolist()
    ['Leerstandsquote']
    """
    code = resolve_lang(lang)
    return DisplayTable(
        format_table(df, code, decimals=decimals),
        caption=caption,
        max_rows=max(int(max_rows), 0),
        lang=code,
    )
