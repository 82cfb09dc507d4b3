"""Self-contained HTML briefings from the notebooks in ``notebooks/``.

* :mod:`~geoinnenstadt.briefing.build` – :func:`build` executes each jupytext
  notebook in a fresh kernel (nbclient) with injected parameters and writes
  one HTML file per notebook and city, plus an ``index.html``;
* :mod:`~geoinnenstadt.briefing.page` – the page around a notebook: title
  block, table of contents, footer (texts from :mod:`geoinnenstadt.labels`);
* :mod:`~geoinnenstadt.briefing.present_profile` – :func:`show_quarter_profiles`,
  the sections of the quarter profiles (notebook ``05_quartiersprofile``);
* :mod:`~geoinnenstadt.briefing.present` – the helpers the notebooks call:
  :func:`show_map`, :func:`show_table`, :func:`show_text`,
  :func:`sample_note`, :func:`publication_table`, … so that every value
  that reaches a briefing is escaped, formatted and (in publication mode)
  suppressed the same way.

Maps are embedded as offline ``<iframe srcdoc>`` documents (see
:func:`show_map`), so a briefing opens on a machine without internet.

Examples
--------
>>> import geoinnenstadt as gi
>>> gi.briefing.BRIEFING_NOTEBOOKS[0]
'01_leerstand_city'
"""

from __future__ import annotations

from typing import Any

from .build import (
    BRIEFING_NOTEBOOKS,
    BriefingError,
    BriefingResult,
    build,
    build_one,
    execute_notebook,
    list_notebooks,
    load_data,
    notebooks_dir,
)
from .page import reference_date, render_index, render_page
from .present import (
    hotspot_summary,
    latest_flows,
    publication_table,
    report_withheld,
    sample_note,
    show_downloads,
    show_figure,
    show_fund_text,
    show_key_figures,
    show_map,
    show_table,
    show_text,
    show_vacancy_text,
    trend_table,
    vacancy_key_figures,
    vacancy_sentences,
    vacancy_summary,
    vacancy_table,
)
from .present_land import (
    large_sites_table,
    pipeline_table,
    preemption_coverage,
    show_conflicts,
    show_core_zone_share,
    show_land_text,
    show_preemption_text,
    show_supply_text,
    supply_table,
)
from .present_profile import profile_magnets, show_quarter_profiles

__all__ = [
    "BRIEFING_NOTEBOOKS",
    "BriefingError",
    "BriefingResult",
    "build",
    "build_one",
    "execute_notebook",
    "hotspot_summary",
    "large_sites_table",
    "latest_flows",
    "list_notebooks",
    "load_data",
    "notebooks_dir",
    "pipeline_table",
    "preemption_coverage",
    "profile_magnets",
    "publication_table",
    "reference_date",
    "render_index",
    "render_page",
    "report_withheld",
    "sample_note",
    "show_conflicts",
    "show_core_zone_share",
    "show_downloads",
    "show_figure",
    "show_fund_text",
    "show_key_figures",
    "show_land_text",
    "show_map",
    "show_preemption_text",
    "show_quarter_profiles",
    "show_supply_text",
    "show_table",
    "show_text",
    "show_vacancy_text",
    "supply_table",
    "trend_table",
    "vacancy_key_figures",
    "vacancy_sentences",
    "vacancy_summary",
    "vacancy_table",
]


def __getattr__(name: str) -> Any:
    """Deprecated: ``PUBLIC_MIN_COUNT`` was a constant (3); it is ``gi.settings.public_min_count``."""
    if name == "PUBLIC_MIN_COUNT":
        from .. import settings
        from ..errors import warn_deprecated

        warn_deprecated(
            "geoinnenstadt.briefing.PUBLIC_MIN_COUNT", "geoinnenstadt.settings.public_min_count"
        )
        return settings.public_min_count
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``), without the deprecated ones."""
    return sorted(__all__)
