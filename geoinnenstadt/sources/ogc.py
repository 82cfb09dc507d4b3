"""OGC API Features and WFS, read through GDAL's drivers (OAPIF, WFS) via pyogrio.

Part of :mod:`geoinnenstadt.sources` (see there for the two hooks).

:func:`geoinnenstadt.read_layer` accepts, instead of a file:

* the URL of an OGC API Features collection,
  ``https://host/ogcapi/collections/NAME`` (``/items`` and a query string
  are ignored), or the landing page with ``layer="NAME"``;
* a WFS URL (a query with ``service=WFS``), e.g.
  ``https://host/wfs?service=WFS&request=GetCapabilities``, with
  ``layer="TYPENAME"`` when the service offers several feature types;
* a GDAL connection string ``OAPIF:…`` or ``WFS:…``.

A response saved to a file (``…/items?f=json`` as GeoJSON with ``links``,
``numberMatched``, ``numberReturned`` and ``timeStamp``) is read by the
GeoJSON reader like any other file; when it holds only one page of the
collection (``numberReturned`` < ``numberMatched``, or a ``next`` link) the
report says so and names the collection URL to read instead.

GDAL does the protocol: paging through all features, the CRS of the
response, the bounding-box filter (``bbox=``, in the CRS of the service's
features — WGS84 lon/lat for OGC API Features). No HTTP is written here.
Each request times out after :data:`TIMEOUT` seconds (unless
``GDAL_HTTP_TIMEOUT`` is set in the environment); a server that cannot be
reached raises :class:`~geoinnenstadt.errors.DataFileError`.

GDAL follows every ``next`` link it gets, also one that points back to a page
already read (a misconfigured proxy or server): it then requests the same
page again and again. Before GDAL reads, the first :data:`CHECKED_PAGES`
pages of an OGC API collection are therefore requested with
``limit=``:data:`CHECKED_LIMIT` (a few small requests) and a ``next`` link to a
page already requested, or a page that repeats the features of the one
before, is a :class:`~geoinnenstadt.errors.DataFileError` naming the link.

Examples
--------
>>> connection("https://example.org/ogcapi/collections/flurstueck/items?f=json")
('OAPIF:https://example.org/ogcapi/collections/flurstueck', 'flurstueck')
>>> connection("https://example.org/wfs?SERVICE=WFS&REQUEST=GetCapabilities")
('WFS:https://example.org/wfs?SERVICE=WFS&REQUEST=GetCapabilities', None)
>>> connection("parcels.gpkg") is None
True
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import urllib.request
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import pandas as pd
import pyogrio

from ..errors import DataFileError
from ..io.formats import RawLayer, choose_layer, explain_gdal

__all__ = ["TIMEOUT", "connection", "read_raw", "recognise"]

#: Seconds a request may take before GDAL gives up (``GDAL_HTTP_TIMEOUT``).
TIMEOUT = 60
#: Seconds to establish a connection (``GDAL_HTTP_CONNECTTIMEOUT``).
CONNECT_TIMEOUT = 15

#: Pages of an OGC API collection checked for a circular ``next`` link before GDAL reads.
CHECKED_PAGES = 3
#: Features per checked page (small: the check must cost next to nothing).
CHECKED_LIMIT = 10

_PREFIX = re.compile(r"^(OAPIF|WFS):", re.IGNORECASE)
_COLLECTION = re.compile(r"^(?P<base>.*/collections/(?P<name>[^/?#]+))(?:/items)?/?$")
_UNREACHABLE = (
    "could not connect",
    "couldn't connect",
    "failed to connect",
    "could not resolve",
    "couldn't resolve",
    "timed out",
    "timeout",
    "connection refused",
)


def connection(target: Any) -> tuple[str, str | None] | None:
    """The GDAL connection string for a service URL and the collection it names, else None.

    Returns
    -------
    tuple or None
        ``(connection string, collection or None)`` for an OGC API Features
        or WFS address; None for anything else (a file path).
    """
    if not isinstance(target, str):
        return None
    text = target.strip()
    if _PREFIX.match(text):
        driver, rest = text.split(":", 1)
        m = _COLLECTION.match(urlunsplit(urlsplit(rest)._replace(query="", fragment="")))
        name = m.group("name") if m and driver.upper() == "OAPIF" else None
        return f"{driver.upper()}:{rest}", name
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return None
    parts = urlsplit(text)
    query = {k.lower(): v for k, v in parse_qsl(parts.query)}
    if query.get("service", "").upper() == "WFS":
        return f"WFS:{text}", None
    path_only = urlunsplit(parts._replace(query="", fragment=""))
    m = _COLLECTION.match(path_only)
    if m:
        return f"OAPIF:{m.group('base')}", m.group("name")
    return f"OAPIF:{path_only.rstrip('/')}", None


@contextlib.contextmanager
def _http_options() -> Iterator[None]:
    """GDAL's HTTP timeouts for one call; the previous settings are restored afterwards."""
    wanted = {
        "GDAL_HTTP_TIMEOUT": str(TIMEOUT),
        "GDAL_HTTP_CONNECTTIMEOUT": str(CONNECT_TIMEOUT),
        "GDAL_HTTP_MAX_RETRY": "2",
        "GDAL_HTTP_RETRY_DELAY": "1",
    }
    wanted = {k: v for k, v in wanted.items() if k not in os.environ}
    before = {k: pyogrio.get_gdal_config_option(k) for k in wanted}
    pyogrio.set_gdal_config_options(wanted)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)


@contextlib.contextmanager
def _service_errors(url: str, what: str) -> Iterator[None]:
    """GDAL errors of a web service → one DataFileError saying what to check."""
    try:
        yield
    except DataFileError:
        raise
    except Exception as exc:
        msg = " ".join(str(exc).split())
        if any(word in msg.lower() for word in _UNREACHABLE):
            raise DataFileError(
                f"{url}: cannot {what}: the server cannot be reached ({msg[:200]}). Check the "
                "address and the network (a proxy is set with the environment variable "
                f"GDAL_HTTP_PROXY); requests time out after {TIMEOUT} s",
                url,
            ) from None
        raise DataFileError(
            f"{url}: cannot {what}: {explain_gdal(exc)}. read_layer reads an OGC API Features "
            "collection (…/collections/NAME), a WFS (a URL with service=WFS) or a GDAL "
            "connection string OAPIF:… / WFS:…",
            url,
        ) from None


def _layers(ds: str, url: str) -> list[str]:
    with _service_errors(url, "list the collections"):
        return [str(name) for name, _ in pyogrio.list_layers(ds)]


def read_raw(
    target: Any,
    kind: str,
    pre: Any,
    *,
    layer: str | int | None = None,
    bbox: Sequence[float] | None = None,
    **options: Any,
) -> RawLayer | None:
    """The features of an OGC API Features collection or WFS layer, else None.

    Parameters
    ----------
    target : str
        URL or connection string (see the module).
    kind : str
        Layer kind; picks the collection when a service offers several and
        one is named like the kind.
    pre : ValidationReport
        Receives GDAL's remarks as notes.
    layer : str or int, optional
        Collection (feature type); must agree with the one in the URL.
    bbox : (xmin, ymin, xmax, ymax), optional
        Only features intersecting the box, in the CRS of the service's
        features (WGS84 lon/lat for OGC API Features).
    """
    found = connection(target)
    if found is None:
        _check_saved_page(target, pre)
        return None
    ds, collection = found
    url = str(target).strip()
    if bbox is not None:
        bbox = _check_bbox(bbox)
    with _http_options():
        names = _layers(ds, url)
        wanted: str | int | None = layer if layer is not None else collection
        chosen = choose_layer(url, names, wanted, kind, "collection")
        if ds.upper().startswith("OAPIF:"):
            _check_paging(_items_url(ds, collection, chosen), url, pre)
        with (
            _service_errors(url, f"read the collection {chosen!r}"),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            frame = pyogrio.read_dataframe(ds, layer=chosen, bbox=bbox)
    for w in caught:
        pre.note(f"GDAL: {' '.join(str(w.message).split())}")
    driver = ds.split(":", 1)[0]
    pre.note(f"{len(frame)} features of {chosen!r} read from the {driver} service at {url}")
    if bbox is not None:
        pre.note(f"only features in bbox={tuple(bbox)} read")
    source = url if collection is not None and collection == chosen else f"{url} [{chosen}]"
    return RawLayer(frame, source, driver.lower())


def _items_url(ds: str, collection: str | None, chosen: str) -> str:
    """The items URL of the collection read (``ds`` is a collection or a landing page)."""
    base = ds.split(":", 1)[1].split("?", 1)[0].rstrip("/")
    if collection is None or collection != chosen:
        base = f"{base.rsplit('/collections/', 1)[0]}/collections/{chosen}"
    return f"{base}/items"


def _fetch_json(url: str) -> Any:
    request = urllib.request.Request(
        url, headers={"Accept": "application/geo+json, application/json"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read().decode("utf-8-sig"))


def _check_paging(items: str, url: str, pre: Any) -> None:
    """Refuse a collection whose ``next`` links lead back to a page already requested.

    Follows at most :data:`CHECKED_PAGES` pages of :data:`CHECKED_LIMIT` features.
    A page that cannot be fetched or read here is left to GDAL, which explains
    its own errors.
    """
    page = f"{items}?limit={CHECKED_LIMIT}"
    seen: list[str] = []
    pages_ids: dict[tuple[Any, ...], str] = {}
    for _ in range(CHECKED_PAGES):
        seen.append(page)
        try:
            doc = _fetch_json(page)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            pre.note(f"paging of {items} not checked: {' '.join(str(exc).split())[:200]}")
            return
        if not isinstance(doc, dict):
            return
        features: list[Any] = _list(doc.get("features"))
        ids = tuple(f.get("id") for f in features if isinstance(f, dict))
        if ids and None not in ids:
            if ids in pages_ids:
                raise _circular(
                    url,
                    f"{page} returns the same features as {pages_ids[ids]} (the server "
                    "ignores the paging parameters of its own 'next' links)",
                )
            pages_ids[ids] = page
        links: list[Any] = _list(doc.get("links"))
        following = next(
            (
                link.get("href")
                for link in links
                if isinstance(link, dict) and link.get("rel") == "next"
            ),
            None,
        )
        if not isinstance(following, str) or not following.strip():
            return
        following = following.strip()
        if following == page:
            raise _circular(url, f"the 'next' link of {page} points to the page itself")
        if following in seen:
            raise _circular(
                url, f"the 'next' link of {page} points back to {following}, a page read before"
            )
        page = following


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _circular(url: str, problem: str) -> DataFileError:
    return DataFileError(
        f"{url}: the OGC API service pages in a circle: {problem}; GDAL would request the "
        "same pages again and again and read the features many times. The service is "
        "misconfigured (often a proxy that rewrites or drops the paging parameters): tell its "
        "operator, and meanwhile use a file download of the data (GeoPackage, Shapefile) if "
        "the provider offers one",
        url,
    )


def _check_saved_page(target: Any, pre: Any) -> None:
    """Warn when a saved OGC API Features response holds one page of a larger result."""
    if not isinstance(target, (str, Path)) or (isinstance(target, str) and "://" in target):
        return
    p = Path(target)
    if p.suffix.lower() not in (".json", ".geojson") or not p.is_file():
        return
    with p.open("rb") as f:
        head = f.read(65536)
    if b'"numberReturned"' not in head or b'"links"' not in head:
        return
    try:
        doc = json.loads(p.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # the GeoJSON reader explains what is wrong with the file
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return
    returned, matched = doc.get("numberReturned"), doc.get("numberMatched")
    links = [link for link in doc.get("links") or [] if isinstance(link, dict)]
    following = next((link.get("href") for link in links if link.get("rel") == "next"), None)
    if not isinstance(returned, int) or not (
        following or (isinstance(matched, int) and matched > returned)
    ):
        return
    self_href = next((link.get("href") for link in links if link.get("rel") == "self"), None)
    found = connection(self_href) if isinstance(self_href, str) else None
    collection = found[0].split(":", 1)[1] if found else "the collection's URL"
    of = f" of {matched}" if isinstance(matched, int) else ""
    pre.warn(
        None,
        None,
        f"the file is one page of an OGC API Features response: {returned}{of} features "
        f"(saved {doc.get('timeStamp') or 'at an unknown time'})",
        f"read_layer({collection!r}, ...) reads every page from the service",
    )


def _check_bbox(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    try:
        xmin, ymin, xmax, ymax = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise ValueError(
            f"bbox= must be four numbers (xmin, ymin, xmax, ymax), got {bbox!r}"
        ) from None
    if not (xmin < xmax and ymin < ymax):
        raise ValueError(
            f"bbox= must be (xmin, ymin, xmax, ymax) with xmin < xmax and ymin < ymax, got {bbox!r}"
        )
    return xmin, ymin, xmax, ymax


def recognise(frame: pd.DataFrame, kind: str, columns: Any, pre: Any) -> tuple[pd.DataFrame, Any]:
    """Services have no schema of their own: ``frame`` and ``columns`` unchanged."""
    return frame, columns
