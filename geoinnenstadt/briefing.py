"""Self-contained HTML briefings from the notebooks in ``notebooks/``.

:func:`build` executes each jupytext notebook in a fresh kernel (nbclient)
with injected parameters, exports it without code cells (nbconvert), wraps
it in a title block and table of contents and writes one HTML file per
notebook and city, plus an ``index.html``. Maps are embedded as offline
``<iframe srcdoc>`` documents (see :func:`show_map`), so a briefing opens on
a machine without internet.

Notebooks use the presentation helpers of this module — :func:`show_map`,
:func:`show_table`, :func:`show_text`, :func:`sample_note`,
:func:`publication_table` — so that every value that reaches a briefing is
escaped and formatted the same way.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import GeoinnenstadtError

__all__ = [
    "BRIEFING_NOTEBOOKS",
    "BriefingError",
    "BriefingResult",
    "build",
    "build_one",
    "list_notebooks",
    "load_data",
    "publication_table",
    "sample_note",
    "show_map",
    "show_table",
    "show_text",
]

#: Notebooks built by default, in order (``00_einstieg`` is a tutorial, not a briefing).
BRIEFING_NOTEBOOKS: tuple[str, ...] = (
    "01_leerstand_city",
    "02_wirtschaftsflaechen",
    "03_kernzonen_vorkaufsrecht",
)

#: Minimum count shown in publication mode; smaller counts appear as "< 3".
PUBLIC_MIN_COUNT = 3


class BriefingError(GeoinnenstadtError):
    """A notebook failed while building a briefing."""

    def __init__(self, notebook: str, cell: int | None, message: str) -> None:
        where = f"{notebook}, cell {cell}" if cell is not None else notebook
        super().__init__(f"briefing {where} failed: {message}")
        self.notebook = notebook
        self.cell = cell
        self.detail = message


@dataclass
class BriefingResult:
    """What :func:`build` produced."""

    out_dir: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (data, notebook, reason)
    failed: list[BriefingError] = field(default_factory=list)
    index: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


# --------------------------------------------------------------------------- notebook helpers


def notebooks_dir() -> Path:
    """The ``notebooks/`` folder of the source checkout (or the installed copy)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "notebooks", here / "notebooks"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("notebooks/ folder not found next to the geoinnenstadt package")


def list_notebooks(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """All jupytext notebooks (``NN_name.py``) in ``directory`` (default: the project's notebooks/)."""
    d = Path(directory) if directory is not None else notebooks_dir()
    return sorted(p for p in d.glob("[0-9][0-9]_*.py"))


def load_data(data: Any) -> Any:
    """Return a :class:`~geoinnenstadt.city.City` for a sample name, a GeoPackage path or a City.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> gi.briefing.load_data("dorsten").meta["synthetic"]
    True
    """
    from .city import City, list_samples, load_sample
    from .io import read_city

    if isinstance(data, City):
        return data
    text = str(data)
    if text in list_samples():
        return load_sample(text)
    if Path(text).is_file():
        return read_city(text)
    raise ValueError(
        f"data={text!r} is neither a sample ({', '.join(list_samples())}) nor an existing GeoPackage"
    )


def _display(obj: Any) -> Any:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return obj
    display(obj)
    return None


class _HTML:
    """Minimal rich-display object (avoids importing IPython at module import)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def show_text(text: str, *, tag: str = "p", display: bool = True) -> Any:
    """Show generated text (e.g. figures in German sentences) escaped as HTML."""
    obj = _HTML(f"<{tag} class='gi-text'>{html.escape(text)}</{tag}>")
    return _display(obj) if display else obj


def sample_note(city: Any, *, lang: str = "de", display: bool = True) -> Any:
    """A visible note when the data are synthetic (``city.meta['synthetic']``); nothing otherwise."""
    from . import labels

    if not getattr(city, "is_synthetic", False):
        return None
    text = labels.SAMPLE_NOTE_DE if lang == "de" else labels.SAMPLE_NOTE_EN
    extra = " – keine amtlichen Daten" if lang == "de" else " – not official data"
    obj = _HTML(f"<div class='gi-sample-note' role='note'>{html.escape(text + extra)}</div>")
    return _display(obj) if display else obj


def show_table(
    df: pd.DataFrame,
    *,
    lang: str = "de",
    caption: str | None = None,
    display: bool = True,
    index: bool = True,
) -> Any:
    """Show a DataFrame formatted German-style (labels, decimal commas, "k. A."), escaped."""
    from . import labels

    formatted = labels.format_table(df, lang=lang)
    table_html = formatted.to_html(index=index, escape=True, na_rep=labels.NA_TEXT, border=0,
                                   classes="gi-table")
    if caption:
        table_html = f"<figure class='gi-figure'><figcaption>{html.escape(caption)}</figcaption>{table_html}</figure>"
    obj = _HTML(table_html)
    return _display(obj) if display else obj


def show_map(m: Any, *, height: int = 520, offline: bool = True, display: bool = True) -> Any:
    """Embed a folium map as a self-contained ``<iframe srcdoc>`` that renders offline.

    The map document gets Leaflet inlined from the installed package (see
    :mod:`geoinnenstadt.assets`); ``offline=False`` keeps OpenStreetMap tiles.
    """
    from . import maps

    doc = maps.to_html(m, offline=offline)
    obj = _HTML(
        f"<iframe class='gi-map' title='Karte' style='width:100%;height:{int(height)}px;border:1px solid #ccc'"
        f" sandbox='allow-scripts allow-popups' srcdoc=\"{html.escape(doc, quote=True)}\"></iframe>"
    )
    return _display(obj) if display else obj


def publication_table(
    df: pd.DataFrame,
    *,
    count_column: str = "units",
    min_count: int = PUBLIC_MIN_COUNT,
    protect: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Suppress small counts for publication: rows with ``count_column`` < ``min_count``.

    In a suppressed row every count and every figure derived from it
    (``protect``, default: all numeric columns) becomes the text ``"< 3"``
    (for ``min_count=3``). ``df.attrs["suppressed"]`` lists the suppressed
    index labels, for the footnote.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.briefing import publication_table
    >>> t = publication_table(pd.DataFrame({"units": [2, 10], "vacant": [1, 3]}, index=["A", "B"]))
    >>> t.loc["A", "vacant"], t.loc["B", "vacant"], t.attrs["suppressed"]
    ('< 3', 3, ['A'])
    """
    if count_column not in df.columns:
        raise KeyError(f"publication_table: column {count_column!r} not in {list(df.columns)}")
    out = df.copy().astype("object")
    small = pd.to_numeric(df[count_column], errors="coerce") < min_count
    cols = list(protect) if protect is not None else [
        c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])
    ]
    out.loc[small, cols] = f"< {min_count}"
    out.attrs = dict(df.attrs)
    out.attrs["suppressed"] = list(df.index[small])
    return out


# --------------------------------------------------------------------------- execution


def _read_notebook(path: Path) -> Any:
    import jupytext

    return jupytext.read(path)


def _requires(nb: Any) -> list[str]:
    meta = nb.metadata.get("geoinnenstadt", {}) if hasattr(nb, "metadata") else {}
    return list(meta.get("requires", []))


def _title(nb: Any, path: Path) -> str:
    meta = nb.metadata.get("geoinnenstadt", {})
    if meta.get("title"):
        return str(meta["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if m:
                return m.group(1).strip()
    return path.stem


def _inject_parameters(nb: Any, params: dict[str, Any]) -> None:
    """Papermill-style: add a cell tagged ``injected-parameters`` after the ``parameters`` cell."""
    import nbformat

    source = "# Parameter (eingesetzt von geoinnenstadt.briefing)\n" + "\n".join(
        f"{k} = {v!r}" for k, v in params.items()
    )
    new = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            nb.cells.insert(i + 1, new)
            return
    nb.cells.insert(0, new)


def execute_notebook(
    path: str | os.PathLike[str],
    params: dict[str, Any],
    *,
    timeout: int = 600,
    progress: Any = None,
    cwd: str | os.PathLike[str] | None = None,
) -> Any:
    """Execute a jupytext notebook with parameters in a fresh kernel; return the executed notebook.

    Raises
    ------
    BriefingError
        Naming the notebook, the (1-based) cell number and the exception.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    path = Path(path)
    nb = _read_notebook(path)
    _inject_parameters(nb, params)
    all_code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    # cell numbers as in the notebook source: the injected parameter cell does not count
    code_cells = [i for i in all_code
                  if "injected-parameters" not in nb.cells[i].get("metadata", {}).get("tags", [])]
    import tempfile

    from jupyter_client.manager import KernelManager

    # IPC sockets in a private folder instead of unencrypted TCP on localhost
    ipc_dir = tempfile.mkdtemp(prefix="gi-kernel-")
    km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(ipc_dir, "kernel"))
    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd or path.parent)}},
        allow_errors=False,
    )
    current: dict[str, int] = {"cell": 0}

    def on_start(cell: Any, cell_index: int) -> None:
        current["cell"] = cell_index

    def on_done(cell: Any, cell_index: int, **_: Any) -> None:
        if progress is not None:
            progress.update(1)

    client.on_cell_start = on_start
    client.on_cell_executed = on_done
    if progress is not None:
        progress.reset(total=len(all_code))
        progress.set_description(path.stem)
    env_backup = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:
        idx = current["cell"]
        number = code_cells.index(idx) + 1 if idx in code_cells else None
        message = _short_error(exc)
        raise BriefingError(path.name, number, message) from exc
    except Exception as exc:  # kernel died, cannot start, …
        raise BriefingError(path.name, None, f"{type(exc).__name__}: {exc}") from exc
    finally:
        import shutil

        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(ipc_dir, ignore_errors=True)
        if env_backup is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backup
    return nb


def _short_error(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


# --------------------------------------------------------------------------- export

_CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0;color:#1d1d1b;background:#fff;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
header.gi-title{background:#16425b;color:#fff;padding:1.2rem 2rem}
header.gi-title h1{margin:0 0 .3rem;font-size:1.6rem}
header.gi-title dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.4rem 0 0;font-size:.9rem}
header.gi-title dt{font-weight:bold}
.gi-sample-note{background:#fff3cd;border:1px solid #e0b400;color:#5c4400;padding:.4rem .8rem;margin:.6rem 0;font-weight:bold}
nav.gi-toc{border:1px solid #ddd;background:#f7f7f7;padding:.6rem 1.2rem;margin:1rem 0}
nav.gi-toc ol{margin:.2rem 0;padding-left:1.2rem}
table.gi-table,table.dataframe{border-collapse:collapse;font-size:.88rem;margin:.5rem 0}
table.gi-table th,table.gi-table td,table.dataframe th,table.dataframe td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:right}
table.gi-table th:first-child,table.gi-table td:first-child{text-align:left}
figure.gi-figure{margin:1rem 0}
figcaption{font-weight:bold;margin-bottom:.3rem}
.jp-OutputArea-output pre,.output_text pre{background:#f7f7f7;padding:.4rem;overflow-x:auto}
img{max-width:100%}
a.anchor-link{display:none}
footer.gi-footer{border-top:1px solid #ddd;margin-top:2rem;padding-top:.6rem;font-size:.8rem;color:#555}
"""


def _export_body(nb: Any) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # cells tagged "remove-cell" (imports, parameters) and the injected parameters vanish entirely
    nb.cells = [
        c for c in nb.cells
        if not ({"remove-cell", "parameters", "injected-parameters"} & set(c.get("metadata", {}).get("tags", [])))
    ]
    # warnings and progress messages on stderr are for the analyst, not for the council
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = [o for o in c.get("outputs", []) if not (o.get("output_type") == "stream"
                                                                and o.get("name") == "stderr")]
    body, _ = exporter.from_notebook_node(nb)
    # drop empty code-cell wrappers that only held code
    body = re.sub(r'<div class="cell border-box-sizing code_cell rendered"[^>]*>\s*</div>', "", body)
    return body


def _toc(body: str) -> tuple[str, str]:
    entries = []
    for m in re.finditer(r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h2>', body, flags=re.S):
        text = re.sub(r"<[^>]+>", "", m.group(2)).strip()
        entries.append((m.group(1), text))
    if not entries:
        return body, ""
    items = "".join(f'<li><a href="#{html.escape(a, quote=True)}">{html.escape(html.unescape(t))}</a></li>'
                    for a, t in entries)
    return body, f'<nav class="gi-toc" aria-label="Inhalt"><strong>Inhalt</strong><ol>{items}</ol></nav>'


def render_page(
    nb: Any,
    *,
    title: str,
    city: Any,
    at: Any,
    lang: str,
    public: bool,
    notebook_name: str,
) -> str:
    """Wrap an executed notebook into the briefing page (title block, TOC, footer)."""
    from . import __version__, labels

    body = _export_body(nb)
    body, toc = _toc(body)
    meta = getattr(city, "meta", {}) or {}
    at_text = labels.format_date(pd.Timestamp(at)) if at is not None else labels.format_date(
        pd.Timestamp(meta["as_of"])) if meta.get("as_of") else labels.NA_TEXT
    now = _dt.datetime.now().strftime("%d.%m.%Y %H:%M")
    rows = [
        ("Stadt" if lang == "de" else "City", getattr(city, "name", "")),
        ("Stichtag" if lang == "de" else "Reference date", at_text),
        ("Datenquelle" if lang == "de" else "Data source", str(meta.get("source", labels.NA_TEXT))),
        ("Erstellt" if lang == "de" else "Generated", now),
        ("geoinnenstadt", __version__),
    ]
    if public:
        rows.append(("Veröffentlichung" if lang == "de" else "Publication",
                     "Fallzahlen unter 3 unterdrückt" if lang == "de" else "counts below 3 suppressed"))
    dl = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    note = sample_note(city, lang=lang, display=False)
    note_html = str(note) if note is not None else ""
    footnote = ""
    if public:
        footnote = ("<p>Veröffentlichungsfassung: Werte für Quartiere mit weniger als "
                    f"{PUBLIC_MIN_COUNT} Einheiten sind als „&lt; {PUBLIC_MIN_COUNT}“ unterdrückt; "
                    "personenbezogene Angaben sind nicht enthalten.</p>") if lang == "de" else (
                    f"<p>Publication version: figures for quarters with fewer than {PUBLIC_MIN_COUNT} units "
                    f"are suppressed as “&lt; {PUBLIC_MIN_COUNT}”; no personal data included.</p>")
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="geoinnenstadt {html.escape(__version__)}">
<title>{html.escape(title)} – {html.escape(getattr(city, "name", ""))}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="gi-title">
<h1>{html.escape(title)}</h1>
<dl>{dl}</dl>
</header>
<main>
{note_html}
{toc}
{body}
<footer class="gi-footer">
{footnote}
<p>{html.escape(notebook_name)} · geoinnenstadt {html.escape(__version__)} · {html.escape(now)}</p>
</footer>
</main>
</body>
</html>
"""


# --------------------------------------------------------------------------- build


def _slug(text: str) -> str:
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    text = text.lower().translate(str.maketrans(umlauts))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "daten"


def build_one(
    notebook: str | os.PathLike[str],
    *,
    data: Any = "dortmund",
    out: str | os.PathLike[str] = "build/briefings",
    at: Any = None,
    lang: str = "de",
    offline: bool = True,
    public: bool = False,
    timeout: int = 600,
    progress: Any = None,
) -> Path:
    """Execute one notebook for one city and write its HTML briefing (atomically).

    Raises :class:`BriefingError` naming notebook, cell and exception; no
    HTML is written then.
    """
    from .io import atomic_path

    path = Path(notebook)
    city = load_data(data)
    data_param = str(data) if not hasattr(data, "layers") else city.name
    params = {
        "data": data_param,
        "at": None if at is None else str(pd.Timestamp(at).date()),
        "lang": lang,
        "offline": offline,
        "public": public,
    }
    nb = execute_notebook(path, params, timeout=timeout, progress=progress, cwd=path.parent)
    title = _title(nb, path)
    page = render_page(nb, title=title, city=city, at=at, lang=lang, public=public, notebook_name=path.name)
    target = Path(out) / f"{_slug(city.name)}_{path.stem}.html"
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target


def _missing_layers(nb_path: Path, city: Any) -> list[str]:
    nb = _read_notebook(nb_path)
    return [k for k in _requires(nb) if getattr(city, k, None) is None or len(getattr(city, k)) == 0]


def build(
    notebooks: Iterable[str | os.PathLike[str]] | None = None,
    data: Any = "dortmund",
    out: str | os.PathLike[str] = "build/briefings",
    at: Any = None,
    lang: str = "de",
    offline: bool = True,
    *,
    public: bool = False,
    timeout: int = 600,
    progress: bool = True,
) -> BriefingResult:
    """Build HTML briefings: execute notebooks for one or more cities and export them.

    Parameters
    ----------
    notebooks : list of paths or names, optional
        Default: :data:`BRIEFING_NOTEBOOKS` from the project's ``notebooks/``.
    data : str, path, City or list of them
        Sample name(s) or City GeoPackage path(s).
    out : path
        Output folder; gets one HTML per notebook and city plus ``index.html``.
    at : date-like, optional
        Reference date (Stichtag); default the latest survey in the data.
    lang : {"de", "en"}
    offline : bool, default True
        Maps render without any network request (assets inlined).
    public : bool, default False
        Publication mode: counts below 3 suppressed, noted in a footnote.
    timeout : int
        Seconds per cell.
    progress : bool
        Show a progress bar (notebooks and cells) on stderr.

    Returns
    -------
    BriefingResult
        Paths written, notebooks skipped because the city lacks a layer, and
        failures (a failing notebook leaves no HTML; the others still build).

    Examples
    --------
    >>> import geoinnenstadt as gi, tempfile
    >>> result = gi.briefing.build(["01_leerstand_city"], data="dorsten",
    ...                            out=tempfile.mkdtemp(), progress=False)  # doctest: +SKIP
    """
    from tqdm.auto import tqdm

    datas = list(data) if isinstance(data, (list, tuple)) else [data]
    if notebooks is None:
        nb_paths = [notebooks_dir() / f"{n}.py" for n in BRIEFING_NOTEBOOKS]
    else:
        nb_paths = []
        for n in notebooks:
            p = Path(n)
            if not p.suffix:
                p = notebooks_dir() / f"{p.name}.py"
            if not p.is_file():
                raise FileNotFoundError(f"notebook {n!r} not found (looked for {p})")
            nb_paths.append(p)
    result = BriefingResult(out_dir=Path(out))
    jobs: list[tuple[Any, Path]] = []
    for d in datas:
        city = load_data(d)
        for p in nb_paths:
            missing = _missing_layers(p, city)
            if missing:
                result.skipped.append((str(d), p.stem, f"city has no {', '.join(missing)} layer"))
            else:
                jobs.append((d, p))
    outer = tqdm(total=len(jobs), desc="Briefings", unit="nb", disable=not progress, file=sys.stderr, position=0)
    inner = tqdm(total=0, desc="Zellen", unit="cell", disable=not progress, file=sys.stderr, position=1, leave=False)
    try:
        for d, p in jobs:
            try:
                path = build_one(p, data=d, out=out, at=at, lang=lang, offline=offline, public=public,
                                 timeout=timeout, progress=inner)
                result.written.append(path)
            except BriefingError as err:
                result.failed.append(err)
                tqdm.write(f"FEHLER: {err}", file=sys.stderr)
            except Exception as err:  # data or export problems: report per briefing, continue
                be = BriefingError(p.name, None, f"{type(err).__name__}: {err}")
                be.__cause__ = err
                result.failed.append(be)
                tqdm.write(f"FEHLER: {be}\n{traceback.format_exc(limit=2)}", file=sys.stderr)
            outer.update(1)
    finally:
        inner.close()
        outer.close()
    result.index = _write_index(result, lang=lang)
    return result


def _write_index(result: BriefingResult, *, lang: str) -> Path:
    from . import __version__
    from .io import atomic_path

    items = "".join(
        f'<li><a href="{html.escape(p.name, quote=True)}">{html.escape(p.stem)}</a></li>' for p in result.written
    )
    skipped = "".join(
        f"<li>{html.escape(d)} / {html.escape(n)}: {html.escape(r)}</li>" for d, n, r in result.skipped
    )
    failed = "".join(f"<li>{html.escape(str(e))}</li>" for e in result.failed)
    page = f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8"><title>Briefings – geoinnenstadt</title>
<style>{_CSS}</style></head><body>
<header class="gi-title"><h1>Briefings</h1><dl><dt>geoinnenstadt</dt><dd>{html.escape(__version__)}</dd></dl></header>
<main><ul>{items or "<li>(keine)</li>"}</ul>
{"<h2>Nicht erstellt</h2><ul>" + skipped + "</ul>" if skipped else ""}
{"<h2>Fehlgeschlagen</h2><ul>" + failed + "</ul>" if failed else ""}
</main></body></html>
"""
    target = result.out_dir / "index.html"
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target


# --------------------------------------------------------------------------- briefing compositions
# Small compositions of library calls used by the notebooks, so that no
# analysis logic lives in a notebook cell.


def show_figure(fig: Any, *, display: bool = True, alt: str = "Diagramm") -> Any:
    """Show a matplotlib Figure as an embedded PNG (150 dpi) and close it."""
    import base64
    import io as _io

    import matplotlib.pyplot as plt

    buf = _io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    obj = _HTML(f"<img class='gi-chart' alt='{html.escape(alt, quote=True)}' src='data:image/png;base64,{data}'>")
    return _display(obj) if display else obj


def _previous_survey(units: Any, at: pd.Timestamp) -> pd.Timestamp | None:
    """The latest survey date before ``at`` (None at the first survey)."""
    dates = pd.to_datetime(units["survey_date"])
    earlier = dates[dates < at]
    return pd.Timestamp(earlier.max()) if len(earlier) else None


def vacancy_key_figures(units: Any, quarters: Any, *, at: Any = None) -> pd.Series:
    """Headline vacancy figures of the city at ``at`` and the change since the previous survey.

    Returns a Series with ``units``, ``vacant``, ``vacancy_rate``,
    ``vacant_floor_area_m2``, ``floor_area_vacancy_rate``, ``long_term_vacant``,
    ``long_term_share``, ``median_vacancy_days`` and ``change_pp`` (city
    total rate minus the rate at the previous survey, in percentage points;
    NaN at the first survey). ``attrs["at"]`` is the reference date,
    ``attrs["previous"]`` the previous survey date.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> kf = gi.briefing.vacancy_key_figures(city.units, city.quarters)
    >>> int(kf["units"]) == int(gi.vacancy.rates(city.units, city.quarters).loc["total", "units"])
    True
    """
    from . import vacancy

    r = vacancy.rates(units, quarters, at=at)
    at_ts = pd.Timestamp(r.attrs["at"])
    total = r.loc["total"]
    change = float("nan")
    previous = _previous_survey(units, at_ts)
    if previous is not None:
        before = vacancy.rates(units, quarters, at=previous).loc["total", "vacancy_rate"]
        change = (float(total["vacancy_rate"]) - float(before)) * 100.0  # type: ignore[arg-type]
    keys = ["units", "vacant", "vacancy_rate", "vacant_floor_area_m2", "floor_area_vacancy_rate",
            "long_term_vacant", "long_term_share", "median_vacancy_days"]
    out = pd.Series({k: total[k] for k in keys if k in total.index}, dtype="object")
    out["change_pp"] = change
    out.attrs = {"at": at_ts, "previous": previous}
    return out


def show_key_figures(figures: pd.Series, *, lang: str = "de", display: bool = True) -> Any:
    """Show headline figures as a two-column table with German labels and formats."""
    from . import labels

    fmt = {
        "units": lambda v: labels.format_int(v, lang=lang),
        "vacant": lambda v: labels.format_int(v, lang=lang),
        "long_term_vacant": lambda v: labels.format_int(v, lang=lang),
        "vacancy_rate": lambda v: labels.format_percent(v, lang=lang),
        "floor_area_vacancy_rate": lambda v: labels.format_percent(v, lang=lang),
        "long_term_share": lambda v: labels.format_percent(v, lang=lang),
        "vacant_floor_area_m2": lambda v: labels.format_number(v, "m²", decimals=0, lang=lang),
        "median_vacancy_days": lambda v: labels.format_number(v, decimals=0, lang=lang),
        "change_pp": lambda v: labels.format_pp(v, lang=lang),
    }
    rows = []
    for key, value in figures.items():
        text = fmt.get(str(key), lambda v: labels.format_number(v, lang=lang))(value)
        rows.append(f"<tr><th scope='row'>{html.escape(labels.label(key, lang))}</th>"
                    f"<td>{html.escape(text)}</td></tr>")
    at = figures.attrs.get("at")
    caption = (f"Stichtag {labels.format_date(at, lang=lang)}" if lang == "de"
               else f"Reference date {labels.format_date(at, lang=lang)}") if at is not None else ""
    obj = _HTML(f"<table class='gi-table gi-keyfigures'><caption>{html.escape(caption)}</caption>"
                f"{''.join(rows)}</table>")
    return _display(obj) if display else obj


def vacancy_sentences(rates: pd.DataFrame, *, lang: str = "de") -> list[str]:
    """State the per-quarter figures of :func:`geoinnenstadt.vacancy.rates` in sentences.

    Rows suppressed by :func:`publication_table` (text "< 3") are described
    as such instead of giving figures.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt.briefing import vacancy_sentences
    >>> r = pd.DataFrame({"name": ["Brückviertel"], "units": [96], "vacant": [14],
    ...                   "vacancy_rate": [14 / 96]}, index=["Q02"])
    >>> vacancy_sentences(r)[0]
    'Im Quartier Brückviertel stehen 14 von 96 Einheiten leer (14,6 %).'
    """
    from . import labels

    out = []
    for key, row in rates.iterrows():
        name = str(row.get("name", key))
        units, vacant, rate = row.get("units"), row.get("vacant"), row.get("vacancy_rate")
        if isinstance(units, str) or isinstance(vacant, str):
            out.append(f"Im Quartier {name} liegen weniger als {PUBLIC_MIN_COUNT} Einheiten; "
                       "die Werte werden nicht veröffentlicht." if lang == "de" else
                       f"{name}: fewer than {PUBLIC_MIN_COUNT} units; figures are not published.")
            continue
        if key == "total":
            subject = "In der City insgesamt" if lang == "de" else "In the city centre as a whole"
        else:
            subject = f"Im Quartier {name}" if lang == "de" else f"In {name}"
        n_units = labels.format_int(units, lang=lang)
        n_vacant = labels.format_int(vacant, lang=lang)
        if pd.isna(rate):
            out.append(f"{subject} wurden keine Einheiten erhoben." if lang == "de"
                       else f"{subject} no units were surveyed.")
            continue
        pct = labels.format_percent(rate, lang=lang)
        verb = "steht" if vacant == 1 else "stehen"
        out.append(f"{subject} {verb} {n_vacant} von {n_units} Einheiten leer ({pct})." if lang == "de"
                   else f"{subject}, {n_vacant} of {n_units} units are vacant ({pct}).")
    return out


def show_vacancy_text(rates: pd.DataFrame, figures: pd.Series, *, lang: str = "de", display: bool = True) -> Any:
    """Generated paragraph: city figures, change since the last survey and the quarters ranked."""
    from . import labels

    sentences = vacancy_sentences(rates.loc[["total"]] if "total" in rates.index else rates.iloc[:0], lang=lang)
    change = figures.get("change_pp")
    prev = figures.attrs.get("previous")
    if prev is not None and change is not None and not pd.isna(change):
        if lang == "de":
            direction = "gestiegen" if change > 0 else "gesunken" if change < 0 else "unverändert geblieben"
            amount = "" if change == 0 else f" um {labels.format_number(abs(change), decimals=1)} Prozentpunkte"
            sentences.append(f"Seit der Erhebung am {labels.format_date(prev)} ist die Quote{amount} {direction}.")
        else:
            sentences.append(f"Since the survey of {labels.format_date(prev, lang='en')} the rate changed by "
                             f"{labels.format_pp(change, lang='en')}.")
    quarters = rates.drop(index="total", errors="ignore")
    numeric = quarters[pd.to_numeric(quarters["vacancy_rate"], errors="coerce").notna()]
    ranked = numeric.assign(_r=pd.to_numeric(numeric["vacancy_rate"])).sort_values("_r", ascending=False)
    sentences += vacancy_sentences(ranked.drop(columns="_r"), lang=lang)
    suppressed = quarters.index.difference(numeric.index)
    sentences += vacancy_sentences(quarters.loc[suppressed], lang=lang)
    obj = _HTML("".join(f"<p class='gi-text'>{html.escape(s)}</p>" for s in sentences))
    return _display(obj) if display else obj


def trend_table(trend: pd.DataFrame, *, public: bool = False) -> pd.DataFrame:
    """Wide table of the vacancy rate per quarter (rows) and survey (columns) from :func:`vacancy.trend`."""
    from . import labels

    t = trend.copy()
    t["survey"] = pd.to_datetime(t["survey_date"]).map(labels.format_date)
    order = list(dict.fromkeys(t["survey"]))
    rates = t.pivot_table(index=["quarter_id", "name"], columns="survey", values="vacancy_rate", aggfunc="first",
                          sort=False)[order]
    rates = rates.map(lambda v: labels.format_percent(v))
    if public:
        units = t.pivot_table(index=["quarter_id", "name"], columns="survey", values="units", aggfunc="first",
                              sort=False)[order]
        rates = rates.mask(units < PUBLIC_MIN_COUNT, f"< {PUBLIC_MIN_COUNT}")
    last = t.groupby(["quarter_id", "name"], sort=False)["change_pp"].last()
    rates["Veränderung letzte Erhebung"] = last.map(lambda v: labels.format_pp(v))
    rates.columns.name = None
    return rates.reset_index(level="name").rename(columns={"name": "Quartier"})


def hotspot_summary(spots: Any, quarters: Any, *, public: bool = False) -> pd.DataFrame:
    """Count units per hot-spot class and quarter (from :func:`vacancy.hotspots`)."""
    from . import zones

    q = zones.assign(spots, quarters)
    table = pd.crosstab(q.fillna("outside"), spots["hotspot_class"])
    for col in ("hot", "cold", "not_significant"):
        if col not in table.columns:
            table[col] = 0
    table = table[["hot", "cold", "not_significant"]]
    names = quarters.set_index(q.name)["name"] if q.name in quarters.columns else None
    table.insert(0, "name", table.index.map(lambda i: names.get(i, i) if names is not None else i))
    table["units"] = table[["hot", "cold", "not_significant"]].sum(axis=1)
    table.index.name = "quarter_id"
    return publication_table(table) if public else table


def latest_flows(units: Any, quarters: Any, *, at: Any = None) -> pd.DataFrame:
    """Flows between the previous survey and ``at`` per quarter, with units at ``at``."""
    from . import vacancy

    r = vacancy.rates(units, quarters, at=at)
    at_ts = pd.Timestamp(r.attrs["at"])
    previous = _previous_survey(units, at_ts)
    if previous is None:
        out = pd.DataFrame()
        out.attrs["caption"] = "Keine frühere Erhebung: Zu- und Abgänge nicht berechenbar."
        return out
    flows = vacancy.flows(units, start=previous, end=at_ts, quarters=quarters)
    flows["units"] = r["units"].reindex(flows.index)
    from . import labels

    flows.attrs["caption"] = (f"Zu- und Abgänge zwischen {labels.format_date(previous)} "
                              f"und {labels.format_date(at_ts)}")
    return flows


def show_fund_text(flows: pd.DataFrame, *, lang: str = "de", display: bool = True) -> Any:
    """Sentence on re-lettings and how many of them went through a fund."""
    if flows.empty or "total" not in flows.index:
        return None
    total = flows.loc["total"]
    re_let, fund = int(total["re_let"]), int(total["re_let_fund"])
    if lang == "de":
        text = (f"Zwischen den beiden Erhebungen wurden {re_let} leer stehende Einheiten wieder vermietet, "
                f"davon {fund} über einen Fonds (z. B. Anmietungs-Fonds); "
                f"{int(total['became_vacant'])} Einheiten sind neu leer gefallen.")
    else:
        text = (f"Between the two surveys {re_let} vacant units were re-let, {fund} of them through a fund; "
                f"{int(total['became_vacant'])} units became vacant.")
    return show_text(text, display=display)


def show_land_text(sites: Any, supply: pd.DataFrame, *, at: Any = None, lang: str = "de",
                   display: bool = True) -> Any:
    """Generated paragraph on reserve, take-up and years of supply (from :func:`land.years_of_supply`)."""
    from . import labels

    if "scenario" in supply.columns:
        supply = supply.set_index("scenario")
    obs = supply.loc["observed"]
    R, R0, mean_take_up = obs["reserve_ha"], obs["reserve_free_ha"], obs["demand_ha_per_year"]

    def years(v: Any) -> str:
        return "unbegrenzt (keine Inanspruchnahme)" if v == float("inf") else labels.format_number(v, "Jahre")

    sentences = [
        f"Verfügbar sind {labels.format_area_ha(R)}, davon {labels.format_area_ha(R0)} restriktionsfrei.",
        f"In den Jahren {obs['window_start']}–{obs['window_end']} wurden im Mittel "
        f"{labels.format_number(mean_take_up, 'ha')} pro Jahr in Anspruch genommen.",
        f"Die restriktionsfreie Reserve reicht damit rechnerisch {years(obs['years_net'])} "
        f"(brutto {years(obs['years_gross'])}).",
    ]
    for scenario, row in supply.iterrows():
        if scenario == "observed":
            continue
        sentences.append(
            f"Szenario {scenario} ({labels.format_number(row['demand_ha_per_year'], 'ha')} pro Jahr): "
            f"netto {years(row['years_net'])}, brutto {years(row['years_gross'])}."
        )
    if lang != "de":
        sentences = [
            f"Reserve {labels.format_area_ha(R, lang='en')}, restriction-free "
            f"{labels.format_area_ha(R0, lang='en')}; mean take-up {labels.format_number(mean_take_up, 'ha', lang='en')}"
            f" per year; years of supply net {labels.format_number(obs['years_net'], lang='en')}."
        ]
    obj = _HTML("".join(f"<p class='gi-text'>{html.escape(s)}</p>" for s in sentences))
    return _display(obj) if display else obj


def large_sites_table(sites: Any, *, at: Any = None, min_ha: float = 5) -> pd.DataFrame:
    """Available sites of at least ``min_ha`` as a display table (no geometry)."""
    from . import land

    big = land.large_sites(sites, min_ha=min_ha, at=at)
    cols = [c for c in ("site_id", "name", "area_ha", "restriction", "brownfield", "planning_basis", "owner_type")
            if c in big.columns]
    return pd.DataFrame(big[cols]).set_index("site_id")


def show_core_zone_share(city: Any, *, at: Any = None, lang: str = "de", display: bool = True) -> Any:
    """Reserve and take-up inside vs outside the core zones, or a note when the city has none."""
    from . import land

    if city.core_zones is None or len(city.core_zones) == 0:
        return show_text("Für diese Stadt sind keine Gewerbe- und Industriekernzonen hinterlegt."
                         if lang == "de" else "No core zones for this city.", display=display)
    share = land.core_zone_share(city.sites, city.core_zones, at=at)
    return show_table(share, lang=lang, caption="Anteil in Kernzonen", display=display)


def show_conflicts(city: Any, *, lang: str = "de", display: bool = True) -> Any:
    """Distance of available sites to housing and admissible Abstandserlass classes, summarised."""
    from . import conflicts, land

    if city.residential is None or len(city.residential) == 0:
        return show_text("Keine Wohnbauflächen hinterlegt." if lang == "de" else "No residential areas.",
                         display=display)
    available = city.sites[land.status_at(city.sites) == "available"]
    dc = conflicts.distance_classes(available, city.residential)
    counts = dc["strictest_admissible"].fillna("keine").value_counts()
    order = [*conflicts.ABSTANDSKLASSEN, "keine"]
    table = pd.DataFrame({"sites": counts.reindex(order).fillna(0).astype(int)})
    table.index.name = "strictest_admissible"
    return show_table(table, lang=lang, display=display,
                      caption="Verfügbare Flächen nach strengster zulässiger Abstandsklasse")


def preemption_coverage(city: Any, inside: pd.DataFrame) -> pd.DataFrame:
    """Per pre-emption area: area in ha and parcels in the statute's scope (``inside`` from parcels_in)."""
    import shapely

    from . import settings

    areas = city.preemption_areas.to_crs(settings.working_crs)
    table = pd.DataFrame({
        "name": areas["name"].to_numpy(),
        "legal_basis": areas["legal_basis"].to_numpy(),
        "area_ha": shapely.area(areas.geometry.values) / 10_000,
        "parcels": areas["area_id"].map(inside.groupby("area_id").size()).fillna(0).astype(int).to_numpy(),
    }, index=pd.Index(areas["area_id"].to_numpy(), name="area_id"))
    return table


def show_preemption_text(city: Any, inside: pd.DataFrame, *, min_share: float, lang: str = "de",
                         display: bool = True) -> Any:
    """Sentence on the number of parcels under the statute and the core-zone coverage."""
    from . import labels

    n_parcels = inside["parcel_id"].nunique()
    text = (f"{labels.format_int(n_parcels)} von {labels.format_int(len(city.parcels))} Flurstücken liegen zu "
            f"mindestens {labels.format_percent(min_share, decimals=0)} ihrer Fläche in einem der "
            f"{len(city.preemption_areas)} Vorkaufsrechtsgebiete; es gibt {len(city.core_zones)} "
            "Gewerbe- und Industriekernzonen.")
    if lang != "de":
        text = (f"{n_parcels} of {len(city.parcels)} parcels lie at least {min_share:.0%} inside one of "
                f"{len(city.preemption_areas)} pre-emption areas.")
    return show_text(text, display=display)


def show_downloads(df: pd.DataFrame, *, name: str, display: bool = True) -> Any:
    """Download links (CSV with ';' and decimal comma, Excel) embedded as data URIs."""
    import base64
    import io as _io

    csv = df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")
    buf = _io.BytesIO()
    df.to_excel(buf, index=False)
    xlsx = buf.getvalue()
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    links = (
        f"<a download='{safe}.csv' href='data:text/csv;charset=utf-8;base64,{base64.b64encode(csv).decode()}'>"
        "CSV herunterladen</a> · "
        f"<a download='{safe}.xlsx' href='data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;"
        f"base64,{base64.b64encode(xlsx).decode()}'>Excel herunterladen</a>"
    )
    obj = _HTML(f"<p class='gi-downloads'>{links}</p>")
    return _display(obj) if display else obj
