"""German and English display labels and number formatting.

All display text of geoinnenstadt lives here: column labels such as
"Leerstandsquote", category values such as "restriktionsfrei", and German
number formats ("1.234,5 ha", "14,6 %", "30.06.2025", "k. A."). Analysis
modules return English identifiers; maps, plots and briefings translate them
with this module at the very end.

Lookup rules
------------
* :func:`label` looks a key up in the label table; an unknown key is returned
  unchanged (it never raises), so new columns still display.
* Category values whose name is ambiguous across columns are stored with a
  namespace, ``"column.value"`` (``"planning_basis.none"`` is "ohne
  Planungsrecht", while the plain key ``"none"`` is the restriction value
  "restriktionsfrei"). :func:`value_label` tries the namespaced key first.
* Layer kinds are stored as ``"kind.<kind>"`` (``"kind.units"`` is
  "Gewerbeeinheiten"; the plain key ``"units"`` is the column "Einheiten").

Number formatting
-----------------
Numbers are rounded **half away from zero on their decimal representation**
(``format_number(0.25, decimals=1)`` is ``"0,3"`` and ``2.675`` with two
decimals is ``"2,68"``, unlike Python's binary ``round``). Negative numbers
get a true minus sign (U+2212, "−"); a value that rounds to zero is shown
without a sign. The unit follows after a normal space ("1.234,5 ha",
"14,6 %"). Missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) are
:data:`NA_TEXT` ("k. A."; English "n/a"); infinity is "∞".

Examples
--------
>>> from geoinnenstadt import labels
>>> labels.de("vacancy_rate")
'Leerstandsquote'
>>> labels.en("vacancy_rate")
'Vacancy rate'
>>> labels.format_number(1234.5, "ha")
'1.234,5 ha'
>>> labels.format_number(1234.5, "ha", lang="en")
'1,234.5 ha'
>>> labels.format_percent(0.146)
'14,6 %'
>>> labels.format_date("2025-06-30")
'30.06.2025'
>>> labels.format_number(float("nan"))
'k. A.'
"""

from __future__ import annotations

from ._format import (
    DISPLAY_MAX_ROWS,
    DisplayTable,
    class_labels,
    display_table,
    format_area_ha,
    format_date,
    format_int,
    format_number,
    format_percent,
    format_pp,
    format_table,
    html_table,
    table_html,
)
from ._lookup import (
    TEXTS,
    de,
    en,
    label,
    labels_for,
    layer_label,
    na_text,
    resolve_lang,
    sample_note,
    text,
    value_label,
    withheld_text,
)
from ._lookup import is_na as is_na  # a shared building block (maps), not in __all__
from ._terms import (
    INFINITY_TEXT,
    LABELS,
    LANGUAGES,
    MINUS,
    NA_TEXT,
    NA_TEXT_EN,
    SAMPLE_NOTE_DE,
    SAMPLE_NOTE_EN,
)

__all__ = [
    "DISPLAY_MAX_ROWS",
    "INFINITY_TEXT",
    "LABELS",
    "LANGUAGES",
    "MINUS",
    "NA_TEXT",
    "NA_TEXT_EN",
    "SAMPLE_NOTE_DE",
    "SAMPLE_NOTE_EN",
    "TEXTS",
    "DisplayTable",
    "class_labels",
    "de",
    "display_table",
    "en",
    "format_area_ha",
    "format_date",
    "format_int",
    "format_number",
    "format_percent",
    "format_pp",
    "format_table",
    "html_table",
    "label",
    "labels_for",
    "layer_label",
    "na_text",
    "resolve_lang",
    "sample_note",
    "table_html",
    "text",
    "value_label",
    "withheld_text",
]


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
