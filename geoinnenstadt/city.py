"""The :class:`City` container: one GeoDataFrame per layer kind, plus ``meta``.

Sample cities are loaded by :mod:`geoinnenstadt.datasets` (``list_samples``,
``load_sample``, ``sample_path`` are still importable from here, with a
:class:`DeprecationWarning`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from . import privacy
from .schema import KINDS

if TYPE_CHECKING:
    from .footfall import Footfall

__all__ = ["City"]


@dataclass
class City:
    """All layers of one city, each a GeoDataFrame in the working CRS (or ``None`` if absent).

    Attributes
    ----------
    quarters, core_zones, preemption_areas, units, sites, parcels, residential, context
        The spatial layer kinds of the data model (see :mod:`geoinnenstadt.schema`);
        ``context`` (city boundary, districts, land use, water, rail, roads) is
        drawn beneath the maps for orientation.
    requests : pandas.DataFrame, optional
        Space requests (Ansiedlungsgesuche): a plain table without geometry
        (a GeoDataFrame is accepted too). Business-confidential: the contact
        columns are personal, and maps never show requests.
    footfall : Footfall, optional
        Pedestrian counters and their hourly counts (Passantenfrequenz;
        :mod:`geoinnenstadt.footfall`), ``None`` where the city has none.
        :func:`geoinnenstadt.write_city` stores them in the GeoPackage
        (layers ``footfall_counters`` and ``footfall_counts``).
    meta : dict
        ``name``, ``as_of``, ``synthetic`` (bool), ``source``, ``license`` and,
        for generated data, ``generator`` / ``generator_version``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> len(city.quarters)
    9
    >>> city.meta["synthetic"]
    True
    >>> type(city.requests).__name__, int(city.requests["status"].eq("open").sum()) > 0
    ('DataFrame', True)
    """

    quarters: gpd.GeoDataFrame | None = None
    core_zones: gpd.GeoDataFrame | None = None
    preemption_areas: gpd.GeoDataFrame | None = None
    units: gpd.GeoDataFrame | None = None
    sites: gpd.GeoDataFrame | None = None
    parcels: gpd.GeoDataFrame | None = None
    residential: gpd.GeoDataFrame | None = None
    context: gpd.GeoDataFrame | None = None
    requests: pd.DataFrame | None = None
    footfall: Footfall | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def layers(self) -> dict[str, Any]:
        """The layers that are present, by kind, in the order of ``KINDS``.

        GeoDataFrames, except ``requests`` (a DataFrame): check
        ``gi.schema.spec(kind).has_geometry`` before drawing a layer.
        """
        return {k: getattr(self, k) for k in KINDS if getattr(self, k) is not None}

    def require(self, kind: str) -> Any:
        """The layer ``kind``; a missing layer is a ValueError naming it and how to read it.

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> len(gi.load_sample("dortmund").require("quarters"))
        9
        >>> gi.City(meta={"name": "Teststadt"}).require("sites")
        Traceback (most recent call last):
        ...
        ValueError: Teststadt: the 'sites' layer (Wirtschaftsflächen) is needed, but city.sites is None; read it with gi.read_layer(path, kind='sites')
        """
        from .schema import LAYERS

        gdf = getattr(self, kind)
        if gdf is None:
            raise ValueError(
                f"{self.name}: the {kind!r} layer ({LAYERS[kind].label_de}) is needed, "
                f"but city.{kind} is None; read it with gi.read_layer(path, kind={kind!r})"
            )
        return gdf

    @property
    def name(self) -> str:
        """``meta["name"]``, else "unnamed city"."""
        return str(self.meta.get("name", "unnamed city"))

    @property
    def is_synthetic(self) -> bool:
        """True for generated sample data: every map and briefing then says so."""
        return bool(self.meta.get("synthetic", False))

    def without_personal(self) -> City:
        """A copy without the schema's personal columns (owner names, request contacts)."""
        out = City(meta=dict(self.meta), footfall=self.footfall)  # counts hold nobody's data
        for kind, gdf in self.layers().items():
            setattr(out, kind, privacy.drop_personal(gdf, kind=kind))
        return out

    def _repr_html_(self) -> str:
        """A small table for notebooks: layers, rows, geometry, CRS, survey dates, personal columns.

        Every value is escaped (names and metadata are data). A
        "synthetic sample data" badge is shown for generated data, the as-of
        date from ``meta["as_of"]``. Texts in :data:`geoinnenstadt.settings.language`.

        Examples
        --------
        >>> import geoinnenstadt as gi
        >>> out = gi.load_sample("dorsten")._repr_html_()
        >>> "Beispieldaten (synthetisch)" in out and "EPSG:25832" in out
        True
        """
        return _city_html(self)

    def __repr__(self) -> str:
        parts = [f"{k}={len(v)}" for k, v in self.layers().items()]
        if self.footfall is not None:
            parts.append(f"footfall={len(self.footfall.counters)} counters")
        flag = ", synthetic" if self.is_synthetic else ""
        return f"City({self.name!r}{flag}: {', '.join(parts)})"


assert [f.name for f in fields(City)][: len(KINDS)] == list(KINDS)


def _survey_text(gdf: gpd.GeoDataFrame, lang: str) -> str:
    """The surveys of a units layer ("4 Erhebungen, 30.06.2022 – 30.06.2025"); "" for others."""
    from . import dates, labels

    if "survey_date" not in gdf.columns:
        return ""
    days = sorted(dates.parse_dates(gdf["survey_date"]).values.dropna().unique())
    if not days:
        return labels.na_text(lang)
    if len(days) == 1:
        return labels.text(
            "display.city_survey_one", lang, date=labels.format_date(days[0], lang=lang)
        )
    return labels.text(
        "display.city_surveys",
        lang,
        n=len(days),
        first=labels.format_date(days[0], lang=lang),
        last=labels.format_date(days[-1], lang=lang),
    )


def _city_html(city: City) -> str:
    from . import crs, labels
    from .assets import escape_text
    from .schema import LAYERS

    lang = labels.resolve_lang(None)
    rows = []
    for kind, gdf in city.layers().items():
        geom = getattr(gdf, "geometry", None)
        types = sorted(set(geom.geom_type.dropna())) if geom is not None else []
        layer_crs = getattr(gdf, "crs", None)
        personal = [c for c in privacy.personal_columns(kind) if c in gdf.columns]
        table = "" if LAYERS[kind].has_geometry else labels.text("display.city_table", lang)
        rows.append(
            [
                labels.layer_label(kind, lang),
                kind,
                labels.format_int(len(gdf), lang=lang),
                ", ".join(types) or table or labels.na_text(lang),
                crs.label(layer_crs) if layer_crs is not None else table or labels.na_text(lang),
                _survey_text(gdf, lang),
                (
                    f"{labels.label('true', lang)}: "
                    + ", ".join(labels.label(c, lang) for c in personal)
                    if personal
                    else labels.label("false", lang)
                ),
            ]
        )
    heading = f"<strong>{escape_text(city.name)}</strong>"
    if city.is_synthetic:
        from .style import INK

        badge = escape_text(labels.text("sample.badge", lang))
        heading += (
            f' <span class="gi-badge gi-sample" style="background:{INK["note_background"]};'
            f"border:1px solid {INK['note_border']};color:{INK['note']};"
            f'border-radius:3px;padding:0 4px">{badge}</span>'
        )
    as_of = city.meta.get("as_of")
    if as_of is not None:
        from . import dates

        try:
            shown = labels.format_date(dates.parse_date(as_of, name="as_of"), lang=lang)
        except ValueError:
            shown = str(as_of)
        heading += " · " + escape_text(labels.text("display.city_as_of", lang, date=shown))
    if not rows:
        return f'<div class="gi-city">{heading}<p>{escape_text(labels.text("display.city_no_layers", lang))}</p></div>'
    columns = [
        labels.text(k, lang)
        for k in (
            "display.city_layer",
            "display.city_kind",
            "display.city_rows",
            "display.city_geometry",
            "display.city_crs",
            "display.city_dates",
            "display.city_personal",
        )
    ]
    return f'<div class="gi-city"><p>{heading}</p>{labels.html_table(columns, rows, index_columns=1)}</div>'


_DATASETS = ("list_samples", "load_sample", "sample_path")


def __getattr__(name: str) -> object:
    """Forward the deprecated sample-loading names to :mod:`geoinnenstadt.datasets`.

    ``from geoinnenstadt.city import load_sample`` (and ``list_samples``,
    ``sample_path``) warns and forwards (imported on first use, so ``city`` never
    imports ``io``).
    """
    if name in _DATASETS:
        from . import datasets
        from .errors import warn_deprecated

        warn_deprecated(f"geoinnenstadt.city.{name}", f"geoinnenstadt.datasets.{name}")
        return getattr(datasets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``), without the deprecated ones."""
    return sorted(__all__)
