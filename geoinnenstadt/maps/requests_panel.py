"""The panel "Gesuche" of the vacancy map: a request chosen, its proposed units ringed and listed.

Opt-in (``vacancy_map(city, requests=True)``) and for internal maps only:
requests (*Ansiedlungsgesuche*) are confidential business information, so a
map for publication (``min_count``) refuses them (:func:`check_requests`).
The proposals are the table of :func:`geoinnenstadt.matching.match`,
computed once by the caller; :func:`requests_data` only turns it into the
page's data block (:class:`geoinnenstadt.maps.payload.RequestsData`): per
open request its id, a label (use, size range, ground floor, step-free) and
per proposed unit its index in the units layer, id, rank, score and reasons.
No contact column is read. :func:`add_requests_panel` embeds the block with
``static/requests.js`` and ``static/requests.css`` (only on a map with the
panel, so other pages do not grow): a ``<select>`` labelled "Gesuche"; the
chosen request's units get a ring (:func:`geoinnenstadt.style.symbol`
``"request.match"``) with their rank, and a ranked list whose entries open
the unit's popup. The choice is kept in the URL fragment (``r=<id>``).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dorsten")
>>> m = gi.maps.vacancy_map(city, requests=True, lang="en")
>>> "window.__gi.addRequests" in gi.maps.to_html(m)
True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import labels, style
from ..assets import script_json
from .page import static_text

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City
    from .payload import RequestEntry, RequestMatch, RequestsData

#: what the page shows of a request; contact columns are never read
SHOWN = ("request_id", "use", "min_floor_area_m2", "max_floor_area_m2", "ground_floor_required",
         "step_free_required")  # fmt: skip


def check_requests(
    requests: pd.DataFrame | bool | None, city: City, *, public: bool
) -> pd.DataFrame | None:
    """The requests of the panel (``True``: ``city.requests``), None for no panel.

    Raises
    ------
    ValueError
        Requests on a map for publication (``public``), ``True`` for a city
        without requests, or a value that is neither a bool nor a DataFrame.
    """
    if requests is None or requests is False:
        return None
    if public:
        raise ValueError(
            "vacancy_map: requests= cannot be shown on a map for publication (min_count): "
            "requests (Ansiedlungsgesuche) are confidential business information. Leave out "
            "requests= or make the map for internal use (without min_count)."
        )
    if requests is True:
        found = getattr(city, "requests", None)
        if found is None or not len(found):
            raise ValueError(
                "vacancy_map: requests=True, but the city has no requests (City.requests); "
                "read them with gi.read_layer(..., kind='requests') and pass them as requests="
            )
        return found
    if not isinstance(requests, pd.DataFrame):
        raise ValueError(
            f"vacancy_map: requests= must be True, False, None or a DataFrame of requests, "
            f"got {type(requests).__name__}"
        )
    return requests


def _flag(value: Any) -> bool:
    return bool(value) if value is not None and not labels.is_na(value) else False


def _label(row: pd.Series | None, lang: str) -> str:
    """Use, size range and flags of a request as one line (no contact data)."""
    if row is None:
        return ""
    parts = []
    use = row.get("use")
    if use is not None and not labels.is_na(use):
        parts.append(labels.value_label("use_category", str(use), lang))
    low, high = row.get("min_floor_area_m2"), row.get("max_floor_area_m2")
    if low is not None and not labels.is_na(low) and high is not None and not labels.is_na(high):
        fmt = functools.partial(labels.format_number, decimals=0, lang=lang)
        parts.append(labels.text("map.request.size", lang, low=fmt(low), high=fmt(high)))
    if _flag(row.get("ground_floor_required")):
        parts.append(labels.text("map.request.ground_floor", lang))
    if _flag(row.get("step_free_required")):
        parts.append(labels.text("map.request.step_free", lang))
    return " · ".join(parts)


def requests_data(
    matches: pd.DataFrame,
    requests: pd.DataFrame,
    unit_ids: pd.Series,
    *,
    layer: str,
    lang: str,
) -> RequestsData:
    """The data block of the panel: the table of :func:`geoinnenstadt.matching.match` for the page.

    ``unit_ids``: the ids of the units layer in its order (a unit's index there
    is what the page rings). Requests in the order of ``matches``; a request
    without a proposal carries the reason (the filter that excluded most
    units) in ``none``.

    Raises
    ------
    ValueError
        A proposed unit that is not in the units layer (named).

    Examples
    --------
    >>> import pandas as pd
    >>> matches = pd.DataFrame({"request_id": ["G1", "G1"], "unit_id": ["U2", "U1"],
    ...     "rank": [1, 2], "score": [80.0, 61.25], "reasons": ["a", "b"]})
    >>> requests = pd.DataFrame({"request_id": ["G1"], "use": ["office"],
    ...     "min_floor_area_m2": [100], "max_floor_area_m2": [200],
    ...     "ground_floor_required": [False], "contact_email": ["x@example.org"]})
    >>> data = requests_data(matches, requests, pd.Series(["U1", "U2"]), layer="units", lang="en")
    >>> [(m["i"], m["unit"], m["score"]) for m in data["requests"][0]["matches"]]
    [(1, 'U2', 'score 80.0'), (0, 'U1', 'score 61.3')]
    >>> data["requests"][0]["label"]
    'Offices and administration · 100–200 m²'
    """
    position = {str(u): i for i, u in enumerate(unit_ids.astype(str))}
    by_id = {
        str(r["request_id"]): r
        for _, r in requests[[c for c in SHOWN if c in requests.columns]].iterrows()
    }
    out: list[RequestEntry] = []
    for rid, rows in matches.groupby(matches["request_id"].astype(str), sort=False):
        found: list[RequestMatch] = []
        none: str | None = None
        for _, row in rows.sort_values("rank", na_position="last").iterrows():
            if labels.is_na(row["unit_id"]):
                none = str(row["reasons"])
                continue
            uid = str(row["unit_id"])
            if uid not in position:
                raise ValueError(
                    f"request {rid}: proposed unit {uid} is not in the units layer of the map; "
                    "match the units the map draws (the same units and date)"
                )
            score = labels.format_number(row["score"], decimals=1, lang=lang)
            found.append({"i": position[uid], "unit": uid, "rank": int(row["rank"]),
                          "score": labels.text("map.ui.request_score", lang, score=score),
                          "reasons": str(row["reasons"])})  # fmt: skip
        out.append({"id": rid, "label": _label(by_id.get(rid), lang), "matches": found,
                    "none": none})  # fmt: skip
    texts = {key: labels.text(f"map.ui.{key}", lang)
             for key in ("requests", "request_none", "request_matches", "request_no_match")}  # fmt: skip
    return {"layer": layer, "requests": out, "texts": texts,
            "ring": style.symbol("request.match").leaflet()}  # fmt: skip


@functools.lru_cache(maxsize=1)
def _panel_class() -> Any:
    from branca.element import MacroElement
    from folium.template import Template

    class RequestsPanel(MacroElement):
        """The data block of the panel and the call that builds it (before the controls)."""

        _template = Template(
            """
            {% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}_requests">{{ this.payload }}</script>{% endmacro %}
            {% macro script(this, kwargs) %}
            window.__gi.addRequests({{ this._parent.get_name() }},
                document.getElementById({{ (this.get_name() ~ "_requests")|tojson }}));
            {% endmacro %}
            """
        )

        def __init__(self, data: RequestsData) -> None:
            super().__init__()
            self._name = "GiRequests"
            self.payload = script_json(data)

    return RequestsPanel


def add_requests_panel(m: folium.Map, data: RequestsData) -> None:
    """Embed the panel's data block, ``static/requests.js`` and its stylesheet into ``m``."""
    from branca.element import Element

    root: Any = m.get_root()
    script = static_text("requests.js")
    css = static_text("requests.css")
    root.header.add_child(
        Element(f"<style>{css}</style>\n<script>{script}</script>"),
        name="geoinnenstadt_requests",
    )
    _panel_class()(data).add_to(m)


__all__ = ["SHOWN", "add_requests_panel", "check_requests", "requests_data"]
