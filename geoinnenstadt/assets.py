"""Offline assets for HTML output: inline Leaflet, escape text, embed JSON safely.

Every HTML file geoinnenstadt writes (maps, briefings) must open without a
network connection and must not make a single request outside the page.
folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; this
module replaces those links by the files of an *installed* Python package
(Leaflet 1.9.4 from the PyPI package ``django-js-lib-leaflet``, which ships
Leaflet's ``dist`` directory and needs no Django at run time) or drops the
ones a geoinnenstadt page does not need. Nothing third-party is copied into
this repository: the text is read from site-packages at call time.

The public helpers are

* :func:`leaflet_js`, :func:`leaflet_css` – Leaflet's code and stylesheet as
  text, the stylesheet's images embedded as ``data:`` URIs;
* :func:`leaflet_icon_patch_js` – makes ``L.Icon.Default`` (plain markers)
  use the embedded images instead of requesting ``marker-icon.png``;
* :func:`inline_assets` – rewrites a rendered folium/branca page;
* :func:`external_references` – lists what a page would fetch (for checks);
* :func:`escape_text` – escapes a value for HTML *and* JavaScript template
  literals; :func:`script_json` – JSON that is safe inside ``<script>``.

Examples
--------
>>> from geoinnenstadt import assets
>>> assets.escape_text("<b>`${x}`</b> & 'y'")
'&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt; &amp; &#x27;y&#x27;'
>>> page = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
>>> offline = assets.inline_assets(page)
>>> assets.external_references(offline)
[]
>>> "Leaflet" in offline
True
"""

from __future__ import annotations

import base64
import functools
import html as _html
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DROPPABLE_ASSETS",
    "LEAFLET_VERSION",
    "data_uri",
    "escape_text",
    "external_references",
    "inline_assets",
    "leaflet_css",
    "leaflet_dir",
    "leaflet_icon_patch_js",
    "leaflet_js",
    "script_json",
]

#: Leaflet version shipped by the ``django-js-lib-leaflet`` package this module reads from.
LEAFLET_VERSION = "1.9.4"

#: Substrings of asset URLs folium adds by default that geoinnenstadt pages do not need;
#: :func:`inline_assets` removes their ``<script>``/``<link>`` tags when offline.
DROPPABLE_ASSETS: tuple[str, ...] = (
    "jquery",
    "bootstrap",
    "awesome-markers",
    "awesome_markers",
    "fontawesome",
    "font-awesome",
    "leaflet.awesome.rotate",
    "glyphicons",
)

_PACKAGE = "js_lib_leaflet"
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif", ".jpg": "image/jpeg"}


def leaflet_dir() -> Path:
    """Directory of Leaflet's ``dist`` files inside the installed ``django-js-lib-leaflet`` package.

    Raises
    ------
    ModuleNotFoundError
        With the pip command to run when the package is missing.

    Examples
    --------
    >>> from geoinnenstadt import assets
    >>> (assets.leaflet_dir() / "leaflet.js").is_file()
    True
    """
    try:
        root = Path(str(resources.files(_PACKAGE)))
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency is required
        raise ModuleNotFoundError(
            "offline HTML needs Leaflet from the package 'django-js-lib-leaflet'; "
            "install it with: pip install 'django-js-lib-leaflet>=1.9.4'"
        ) from exc
    path = root / "static" / _PACKAGE
    if not (path / "leaflet.js").is_file():  # pragma: no cover
        raise ModuleNotFoundError(
            f"django-js-lib-leaflet is installed but {path / 'leaflet.js'} is missing; reinstall it"
        )
    return path


def data_uri(data: bytes | str | Path, mime: str | None = None) -> str:
    """A ``data:`` URI (base64) for bytes or the contents of a file.

    Examples
    --------
    >>> from geoinnenstadt.assets import data_uri
    >>> data_uri(b"GIF89a", "image/gif")
    'data:image/gif;base64,R0lGODlh'
    """
    if isinstance(data, (str, Path)):
        path = Path(data)
        mime = mime or _MIME.get(path.suffix.lower(), "application/octet-stream")
        data = path.read_bytes()
    if mime is None:
        raise ValueError("data_uri(bytes) needs a MIME type, e.g. mime='image/png'")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


_SOURCEMAP_RE = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)


def _safe_inline(text: str, tag: str) -> str:
    """Make ``text`` safe as the content of an inline ``<script>``/``<style>`` element."""
    return re.sub(rf"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Leaflet's minified JavaScript (without its source-map comment), ready to inline.

    Examples
    --------
    >>> from geoinnenstadt import assets
    >>> js = assets.leaflet_js()
    >>> 't.version="1.9.4"' in js and "sourceMappingURL" not in js
    True
    """
    text = (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    return _safe_inline(_SOURCEMAP_RE.sub("", text), "script")


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet with every ``url(images/…)`` replaced by a ``data:`` URI.

    The IE-only ``behavior: url(#default#VML)`` rule and the comments are
    removed as well, so the stylesheet references nothing outside itself.

    Examples
    --------
    >>> from geoinnenstadt import assets
    >>> css = assets.leaflet_css()
    >>> "url(images/" in css, "data:image/png;base64," in css
    (False, True)
    """
    folder = leaflet_dir()
    text = (folder / "leaflet.css").read_text(encoding="utf-8")
    text = re.sub(r"\s*behavior:\s*url\(#default#VML\);", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)  # comments (they quote bug-tracker URLs)

    def repl(match: re.Match[str]) -> str:
        name = match.group(2)
        path = folder / name
        if not path.is_file():  # pragma: no cover - Leaflet ships all its images
            raise FileNotFoundError(f"Leaflet stylesheet refers to {name}, missing in {folder}")
        return f'url("{data_uri(path)}")'

    text = re.sub(r"""url\((['"]?)(images/[\w.\-]+)\1\)""", repl, text)
    return _safe_inline(text, "style")


@functools.lru_cache(maxsize=1)
def leaflet_icon_patch_js() -> str:
    """JavaScript that points ``L.Icon.Default`` at embedded images (run after :func:`leaflet_js`).

    Leaflet derives the URL of ``marker-icon.png`` from its stylesheet's path;
    with an inlined stylesheet there is no path, and a plain ``L.marker``
    would request a broken image. The patch sets the three icon URLs to
    ``data:`` URIs.
    """
    folder = leaflet_dir() / "images"
    urls = {
        "iconUrl": data_uri(folder / "marker-icon.png"),
        "iconRetinaUrl": data_uri(folder / "marker-icon-2x.png"),
        "shadowUrl": data_uri(folder / "marker-shadow.png"),
    }
    return (
        "if (window.L && L.Icon && L.Icon.Default) {"
        'L.Icon.Default.imagePath = "";'
        f"L.Icon.Default.mergeOptions({json.dumps(urls)});"
        "}"
    )


# --- escaping -----------------------------------------------------------------------

_TEXT_ESCAPES = {"`": "&#96;", "$": "&#36;"}


def escape_text(value: Any) -> str:
    """Escape ``value`` for HTML text/attributes and for JavaScript template literals.

    ``& < > " '`` become HTML entities (as :func:`html.escape`), and the
    template-literal characters `````` ` `````` and ``$`` become ``&#96;`` and
    ``&#36;`` so that ``${…}`` can never run even if the text ends up inside a
    backtick string (folium's ``parse_html`` popups). ``None``/NaN give ``""``.

    Examples
    --------
    >>> from geoinnenstadt.assets import escape_text
    >>> escape_text('</script><script>alert(1)</script>')
    '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape_text("${window.x=1}")
    '&#36;{window.x=1}'
    """
    if value is None:
        return ""
    try:
        if value != value:  # NaN / pd.NA compare unequal (pd.NA raises)
            return ""
    except (TypeError, ValueError):
        return ""
    text = _html.escape(str(value), quote=True)
    for char, entity in _TEXT_ESCAPES.items():
        text = text.replace(char, entity)
    return text


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "`": "\\u0060",
    "$": "\\u0024",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(obj: Any, **kwargs: Any) -> str:
    r"""Compact JSON of ``obj`` that is safe inside a ``<script>`` element.

    ``< > &``, the quote ``'``, the template-literal characters `````` ` `````` and
    ``$`` and the line separators U+2028/U+2029 are written as ``\uXXXX``
    escapes, so neither ``</script>``, ``<!--`` nor ``${`` can occur in the
    output; the value is unchanged for ``JSON.parse`` and as a JavaScript
    literal. NaN is rejected (not valid JSON).

    Examples
    --------
    >>> from geoinnenstadt.assets import script_json
    >>> script_json({"a": "</script>"})
    '{"a":"\\u003c/script\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, **kwargs)
    for char, esc in _JSON_ESCAPES.items():
        text = text.replace(char, esc)
    return text


# --- rewriting pages ----------------------------------------------------------------

_SCRIPT_SRC_RE = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*(["'])(?P<url>[^"']+)\1[^>]*>\s*</script\s*>""",
    re.IGNORECASE,
)
_LINK_RE = re.compile(
    r"""<link\b[^>]*?\bhref\s*=\s*(["'])(?P<url>[^"']+)\1[^>]*?/?>""", re.IGNORECASE
)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//", re.IGNORECASE)


def _is_leaflet(url: str, suffix: str) -> bool:
    name = url.rsplit("/", 1)[-1].split("?", 1)[0].lower()
    return name in (f"leaflet{suffix}", f"leaflet-src{suffix}")


def _is_droppable(url: str, drop: Iterable[str]) -> bool:
    low = url.lower()
    return any(token in low for token in drop)


def inline_assets(html: str, *, drop: Iterable[str] = DROPPABLE_ASSETS) -> str:
    """Rewrite a rendered page so that it loads nothing from outside the file.

    * ``<script src=".../leaflet.js">`` → an inline ``<script>`` with
      :func:`leaflet_js` followed by :func:`leaflet_icon_patch_js`;
    * ``<link rel="stylesheet" href=".../leaflet.css">`` → ``<style>`` with
      :func:`leaflet_css`;
    * links to assets in ``drop`` (jQuery, Bootstrap, Font Awesome,
      awesome-markers – folium's defaults) are removed;
    * any other external script or stylesheet raises a ValueError: it cannot
      be provided offline.

    Parameters
    ----------
    html : str
        A rendered page, e.g. ``folium.Map(...).get_root().render()``.
    drop : iterable of str
        Case-insensitive URL substrings of assets to remove.

    Returns
    -------
    str
        The page; :func:`external_references` of it is empty unless the page
        itself refers to remote images or tiles, which this function does
        not touch (``maps.save_html`` removes tile layers before rendering).

    Examples
    --------
    >>> from geoinnenstadt.assets import inline_assets
    >>> page = ('<link rel="stylesheet" href="https://x.org/leaflet.css"/>'
    ...         '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>')
    >>> out = inline_assets(page)
    >>> out.startswith("<style>") and "jquery" not in out
    True
    """
    drop = tuple(t.lower() for t in drop)
    problems: list[str] = []
    leaflet_done = {"js": False, "css": False}

    def script_repl(match: re.Match[str]) -> str:
        url = match.group("url")
        if not _REMOTE.match(url) and not url.lower().startswith(("http:", "https:")):
            return match.group(0)  # a relative path is the caller's business
        if _is_leaflet(url, ".js"):
            if leaflet_done["js"]:
                return ""
            leaflet_done["js"] = True
            return f"<script>{leaflet_js()}\n{leaflet_icon_patch_js()}</script>"
        if _is_droppable(url, drop):
            return ""
        problems.append(url)
        return match.group(0)

    def link_repl(match: re.Match[str]) -> str:
        tag, url = match.group(0), match.group("url")
        if not (_REMOTE.match(url) or url.lower().startswith(("http:", "https:"))):
            return tag
        if _is_leaflet(url, ".css"):
            if leaflet_done["css"]:
                return ""
            leaflet_done["css"] = True
            return f"<style>{leaflet_css()}</style>"
        if _is_droppable(url, drop):
            return ""
        problems.append(url)
        return tag

    out = _LINK_RE.sub(link_repl, html)  # stylesheets first: inlined Leaflet code is not re-scanned
    out = _SCRIPT_SRC_RE.sub(script_repl, out)
    if problems:
        raise ValueError(
            "cannot make the page offline: no installed package provides "
            + ", ".join(sorted(set(problems)))
            + "; remove the element that needs it or save with offline=False"
        )
    return out


_REF_PATTERNS = (
    re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
    re.compile(r"""<link\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
    re.compile(
        r"""<(?:img|iframe|source|video|audio|embed)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""",
        re.IGNORECASE,
    ),
    re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.IGNORECASE),
    re.compile(r"""@import\s+["']([^"']+)""", re.IGNORECASE),
    re.compile(r"""L\.tileLayer(?:\.wms)?\(\s*["']([^"']+)""", re.IGNORECASE),
)


def external_references(html: str) -> list[str]:
    """URLs outside the page that ``html`` would load (scripts, stylesheets, images, tiles).

    ``data:`` URIs and fragment links (``#…``) are not external. Plain links
    (``<a href>``) are not loaded and therefore not listed.

    Examples
    --------
    >>> from geoinnenstadt.assets import external_references
    >>> external_references('<img src="https://x.org/a.png"><img src="data:image/png;base64,AA">')
    ['https://x.org/a.png']
    """
    found: list[str] = []
    for pattern in _REF_PATTERNS:
        for match in pattern.finditer(html):
            url = match.group(1)
            if url.lower().startswith(("data:", "#", "about:", "javascript:")):
                continue
            found.append(url)
    return list(dict.fromkeys(found))
