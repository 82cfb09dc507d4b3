"""Print-ready matplotlib maps and charts (Karten und Diagramme für Vorlagen und Berichte).

* :mod:`~geoinnenstadt.plots.maps` – :func:`vacancy_plot` (Leerstandsquote
  per City-Quartier in the classes of :mod:`geoinnenstadt.classify`, the
  units as points), :func:`land_plot` (Wirtschaftsflächen by status and
  restriction, core zones, pre-emption areas, residential areas),
  :func:`preemption_plot` (parcels under a pre-emption statute);
* :mod:`~geoinnenstadt.plots.backdrop` – the city's ``context`` layer (city
  boundary, districts with their names, land use, water, rail, roads) drawn
  quietly beneath every print map (``context=True``), in the look of
  :mod:`geoinnenstadt.context` and simplified to half a printed point;
* :mod:`~geoinnenstadt.plots.placement` – the labels: one per name, with a
  halo, never on a drawn point, never clipped by the frame;
* :mod:`~geoinnenstadt.plots.charts` – :func:`trend_plot`,
  :func:`take_up_plot`, :func:`supply_plot`;
* :mod:`~geoinnenstadt.plots.profiles` – the small charts of a quarter
  profile: :func:`use_mix_plot`, :func:`locator_plot`,
  :func:`footfall_profile_plot`;
* :mod:`~geoinnenstadt.plots.cartography` – the frame: title, reference date
  ("Stand: 30.06.2025"), legend, scale bar in metres, north arrow, source
  line, the note "Beispieldaten (synthetisch) – keine amtlichen Daten" for
  synthetic data, and :func:`save_figure`.

Colours, symbols, class labels and drawing order come from
:mod:`geoinnenstadt.style`, the home shared with the interactive maps.

Maps are drawn in the working CRS (:data:`geoinnenstadt.settings.working_crs`)
with equal aspect; layers in another CRS are reprojected for display only
(:func:`geoinnenstadt.crs.to_working`). Personal columns are dropped
(:func:`geoinnenstadt.privacy.drop_personal`) before anything is drawn. Every
text comes from :mod:`geoinnenstadt.labels` in ``lang`` (default
:data:`geoinnenstadt.settings.language`) and is drawn literally (a ``$`` in a
name is never mathtext).

Plots never compute indicators: they call :mod:`geoinnenstadt.vacancy`,
:mod:`geoinnenstadt.land` and :mod:`geoinnenstadt.preemption`.

Without ``ax`` a new Figure is created with :func:`matplotlib.pyplot.figure`
(so Jupyter shows it inline; close it with ``plt.close(fig)`` when making many
maps in a script). Importing this package never selects a matplotlib backend.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> fig = gi.plots.vacancy_plot(city)
>>> fig.get_size_inches().round(2).tolist()
[11.69, 8.27]
"""

from __future__ import annotations

from .cartography import (
    A4_LANDSCAPE,
    FONT,
    literal_text,
    nice_scale_length,
    save_figure,
    scale_label,
)
from .charts import supply_plot, take_up_plot, trend_plot, trend_suppressed
from .maps import land_plot, preemption_plot, vacancy_plot
from .profiles import footfall_profile_plot, locator_plot, use_mix_plot

__all__ = [
    "A4_LANDSCAPE",
    "FONT",
    "footfall_profile_plot",
    "land_plot",
    "literal_text",
    "locator_plot",
    "nice_scale_length",
    "preemption_plot",
    "save_figure",
    "scale_label",
    "supply_plot",
    "take_up_plot",
    "trend_plot",
    "trend_suppressed",
    "use_mix_plot",
    "vacancy_plot",
]


def __dir__() -> list[str]:
    """The public names (``__all__``): no typing or imported helper names."""
    return sorted(__all__)
