"""Build pipeline of the briefings: execute notebooks, export, write files.

Part of :mod:`geoinnenstadt.briefing`. :func:`build` executes each jupytext
notebook in a fresh kernel (nbclient) with injected parameters, hands the
executed notebook to :func:`geoinnenstadt.briefing.page.render_page` and
writes one HTML file per notebook and city, plus an ``index.html``.

Every input is resolved in the caller's process before a kernel starts: a
relative GeoPackage path is made absolute against the caller's working
directory (the kernel runs in the notebooks' folder), and ``at`` is parsed
by :func:`geoinnenstadt.dates.parse_date` and passed on as ISO text.

Examples
--------
>>> from geoinnenstadt.briefing import list_notebooks
>>> [p.stem for p in list_notebooks()][:2]
['00_einstieg', '01_leerstand_city']
"""

from __future__ import annotations

import os
import re
import tempfile
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GeoinnenstadtError
from ..folding import fold_letters
from .page import edition_mark, render_page

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City
    from ..dates import DateLike

__all__ = [
    "BRIEFING_NOTEBOOKS",
    "DEFAULT_OUT",
    "DEFAULT_PUBLIC_OUT",
    "BriefingError",
    "BriefingResult",
    "build",
    "build_one",
    "execute_notebook",
    "list_notebooks",
    "load_data",
    "notebooks_dir",
]

#: Default output folders: internal briefings, and public ones (``public=True``) apart from them.
DEFAULT_OUT = "build/briefings"
DEFAULT_PUBLIC_OUT = "build/briefings-public"

#: Notebooks built by default, in order (``00_einstieg`` is a tutorial, not a briefing).
BRIEFING_NOTEBOOKS: tuple[str, ...] = (
    "01_leerstand_city",
    "02_wirtschaftsflaechen",
    "03_kernzonen_vorkaufsrecht",
    "05_quartiersprofile",
    "06_vermittlung",
)


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
    #: display titles ("City – notebook title" in the build's language), keyed by the file
    #: name of a written briefing and by ``"data/notebook"`` of a skipped one
    titles: dict[str, str] = field(default_factory=dict)
    #: layer kinds a city lacks, keyed by ``(data, notebook)`` of a skipped briefing
    missing: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no briefing failed."""
        return not self.failed


def notebooks_dir() -> Path:
    """The folder of the briefing notebooks.

    An installed wheel carries them as ``geoinnenstadt/notebooks`` (package
    data, see ``[tool.hatch.build.targets.wheel.force-include]``); a source
    checkout (editable install) has them in ``notebooks/`` next to the
    package. A folder counts only when it holds the first briefing notebook,
    so an unrelated ``notebooks/`` folder in ``site-packages`` is never taken.

    Examples
    --------
    >>> (notebooks_dir() / "01_leerstand_city.py").is_file()
    True
    """
    package = Path(__file__).resolve().parent.parent  # geoinnenstadt/
    candidates = (package / "notebooks", package.parent / "notebooks")
    for candidate in candidates:
        if (candidate / f"{BRIEFING_NOTEBOOKS[0]}.py").is_file():
            return candidate
    raise FileNotFoundError(
        "the briefing notebooks were not found (looked in "
        f"{', '.join(str(c) for c in candidates)}); reinstall geoinnenstadt"
    )


def list_notebooks(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """All jupytext notebooks (``NN_name.py``) in ``directory`` (default: the project's notebooks/)."""
    d = Path(directory) if directory is not None else notebooks_dir()
    return sorted(p for p in d.glob("[0-9][0-9]_*.py"))


def _resolve_data(data: Any) -> Any:
    """A sample name or City unchanged; a file path made absolute against the caller's cwd.

    The notebook kernel runs in the notebooks' folder, so a relative path
    such as ``klein.gpkg`` must be resolved here, in the caller's process.
    """
    from .. import list_samples

    if hasattr(data, "layers"):
        return data
    text = str(data)
    if text in list_samples():
        return text
    path = Path(text).expanduser()
    if path.is_file():
        return str(path.resolve())
    raise ValueError(
        f"data={text!r} is neither a sample ({', '.join(list_samples())}) nor an existing "
        f"GeoPackage (looked for {path.resolve()})"
    )


def load_data(data: str | os.PathLike[str] | City, *, lang: str | None = None) -> City:
    """Return a :class:`~geoinnenstadt.city.City` for a sample name, a GeoPackage path or a City.

    With ``lang``, the descriptive metadata that maps, charts and the page
    show (``meta["source"]``) is given in that language where
    :mod:`geoinnenstadt.labels` knows a translation (the sample data's source
    line); the City passed in is never changed (a copy is returned then).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> gi.briefing.load_data("dorsten").meta["synthetic"]
    True
    >>> gi.briefing.load_data("dorsten", lang="en").meta["source"]
    'Synthetic sample data, generated by sample_data/generate.py – not official data'
    """
    import dataclasses

    from .. import labels, load_sample
    from ..io import read_city

    resolved = _resolve_data(data)
    if hasattr(resolved, "layers"):
        city = resolved
    elif Path(resolved).is_file():
        city = read_city(resolved)
    else:
        city = load_sample(resolved)
    source = (getattr(city, "meta", None) or {}).get("source")
    if lang is not None and isinstance(source, str):
        shown = labels.value_label("source", source, lang)
        if shown != source:
            city = dataclasses.replace(city, meta={**city.meta, "source": shown})
    return city


def _read_notebook(path: Path) -> Any:
    import jupytext

    return jupytext.read(path)


def _requires(nb: Any) -> list[str]:
    meta = nb.metadata.get("geoinnenstadt", {}) if hasattr(nb, "metadata") else {}
    return list(meta.get("requires", []))


def _internal_only(nb: Any) -> bool:
    """True for a notebook built only internally (metadata ``geoinnenstadt: internal_only: true``).

    ``06_vermittlung`` shows space requests, confidential business
    information: a public build (``public=True``) skips it and says why.
    """
    meta = nb.metadata.get("geoinnenstadt", {}) if hasattr(nb, "metadata") else {}
    return bool(meta.get("internal_only", False))


def _title(nb: Any, path: Path, *, lang: str | None = None) -> str:
    """``title_<lang>`` or ``title`` of the notebook's geoinnenstadt metadata, else its first heading."""
    from .page import in_language

    meta = nb.metadata.get("geoinnenstadt", {})
    for key in (f"title_{lang}", "title"):
        if lang is not None and meta.get(key):
            return str(meta[key])
    if lang is None and meta.get("title"):
        return str(meta["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown" and in_language(cell, lang):
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
    code_cells = [
        i
        for i in all_code
        if "injected-parameters" not in nb.cells[i].get("metadata", {}).get("tags", [])
    ]
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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_letters(text)).strip("-") or "daten"


def default_out(out: str | os.PathLike[str] | None, *, public: bool) -> Path:
    """The output folder: ``out``, else :data:`DEFAULT_PUBLIC_OUT` (public) or :data:`DEFAULT_OUT`.

    Examples
    --------
    >>> str(default_out(None, public=True)), str(default_out("x", public=True))
    ('build/briefings-public', 'x')
    """
    if out is not None:
        return Path(out)
    return Path(DEFAULT_PUBLIC_OUT if public else DEFAULT_OUT)


def refuse_internal_overwrite(target: Path, *, public: bool) -> None:
    """A public build never replaces an internal briefing: a ValueError naming the file.

    A file counts as public only when it carries the page's edition mark
    (:func:`geoinnenstadt.briefing.page.edition_mark`); any other
    existing file at ``target`` (an internal briefing, an older page, an
    unrelated file) is left alone.
    """
    if not public or not target.exists():
        return
    head = target.read_text(encoding="utf-8", errors="replace")[:4000]
    if edition_mark(True) not in head:
        raise ValueError(
            f"{target} exists and is not a public briefing; a public build never overwrites an "
            f"internal one. Write public briefings to another folder (default "
            f"{DEFAULT_PUBLIC_OUT}/, --out DIR)."
        )


def build_one(
    notebook: str | os.PathLike[str],
    *,
    data: str | os.PathLike[str] | City = "dortmund",
    out: str | os.PathLike[str] | None = None,
    at: DateLike = None,
    lang: str | None = None,
    offline: bool = True,
    public: bool = False,
    timeout: int = 600,
    progress: Any = None,
) -> Path:
    """Execute one notebook for one city and write its HTML briefing (atomically).

    ``data`` is resolved before the kernel starts (a relative path against
    the caller's working directory); ``at`` is read by
    :func:`geoinnenstadt.dates.parse_date` ("01.06.2025" is 1 June) and
    passed to the notebook as ISO text; ``lang`` defaults to
    :data:`geoinnenstadt.settings.language`.

    ``out`` defaults to :data:`DEFAULT_OUT`, or :data:`DEFAULT_PUBLIC_OUT`
    with ``public=True``; a public briefing never overwrites an internal one
    (:func:`refuse_internal_overwrite`, checked before the notebook runs).

    Raises :class:`BriefingError` naming notebook, cell and exception; no
    HTML is written then.
    """
    from .. import dates, settings
    from ..io import atomic_path
    from ..labels import resolve_lang

    code = resolve_lang(lang)
    at_ts = dates.parse_optional_date(at)
    path = Path(notebook)
    if public and _internal_only(_read_notebook(path)):
        raise ValueError(f"{path.stem}: {_internal_reason(code)}")
    resolved = _resolve_data(data)
    city = load_data(resolved)
    target = default_out(out, public=public) / f"{_slug(city.name)}_{path.stem}.html"
    refuse_internal_overwrite(target, public=public)
    with tempfile.TemporaryDirectory(prefix="gi-briefing-") as scratch:
        if hasattr(resolved, "layers"):
            # a City in memory reaches the kernel as a GeoPackage (never with personal columns)
            from ..io import write_city

            resolved = str(write_city(city, Path(scratch) / "city.gpkg", personal=False))
        params = {
            "data": resolved,
            "at": None if at_ts is None else at_ts.date().isoformat(),
            "lang": code,
            "offline": offline,
            "public": public,
            "min_count": settings.public_min_count,
        }
        nb = execute_notebook(path, params, timeout=timeout, progress=progress, cwd=path.parent)
    title = _title(nb, path, lang=code)
    page = render_page(
        nb,
        title=title,
        city=city,
        at=at_ts,
        lang=code,
        public=public,
        notebook_name=path.name,
        min_count=settings.public_min_count,
    )
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target


def _internal_reason(lang: str | None) -> str:
    """Why a public build skips an internal notebook, in ``lang``."""
    from ..labels import text

    return text("briefing.internal_only", lang)


def _missing_layers(nb_path: Path, city: Any) -> list[str]:
    nb = _read_notebook(nb_path)
    return [
        k for k in _requires(nb) if getattr(city, k, None) is None or len(getattr(city, k)) == 0
    ]


def build(
    notebooks: Iterable[str | os.PathLike[str]] | None = None,
    data: str | os.PathLike[str] | City | Iterable[str | os.PathLike[str] | City] = "dortmund",
    out: str | os.PathLike[str] | None = None,
    at: DateLike = None,
    lang: str | None = None,
    offline: bool = True,
    *,
    public: bool = False,
    timeout: int = 600,
    progress: bool | None = None,
) -> BriefingResult:
    """Build HTML briefings: execute notebooks for one or more cities and export them.

    Parameters
    ----------
    notebooks : list of paths or names, optional
        Default: :data:`BRIEFING_NOTEBOOKS` from the project's ``notebooks/``.
    data : str, path, City or list of them
        Sample name(s) or City GeoPackage path(s).
    out : path, optional
        Output folder; gets one HTML per notebook and city plus ``index.html``.
        Default :data:`DEFAULT_OUT` (``build/briefings``), with ``public=True``
        :data:`DEFAULT_PUBLIC_OUT` (``build/briefings-public``). A public build
        never overwrites an internal briefing or index: it stops with a
        ValueError before any notebook runs.
    at : date-like, optional
        Reference date (Stichtag), read by :func:`geoinnenstadt.dates.parse_date`
        ("01.06.2025" is 1 June 2025); default the latest survey in the data.
    lang : {"de", "en"}, optional
        Default :data:`geoinnenstadt.settings.language`.
    offline : bool, default True
        Maps render without any network request (assets inlined).
    public : bool, default False
        Publication mode: quarters with fewer than
        :data:`geoinnenstadt.settings.public_min_count` units suppressed in
        every table, chart, map and text (with secondary suppression),
        noted in a footnote.
        Notebooks marked internal only (``06_vermittlung``: space requests
        are confidential business information) are skipped, with the reason
        in ``lang`` in the result and the index.
    timeout : int
        Seconds per cell.
    progress : bool, optional
        Show a progress bar of notebooks and cells (:mod:`geoinnenstadt.progress`:
        a widget in JupyterLab, text on stderr in a terminal); default
        :data:`geoinnenstadt.settings.progress`.

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
    from .. import dates
    from .. import progress as _progress
    from ..labels import resolve_lang

    lang = resolve_lang(lang)
    at = dates.parse_optional_date(at)
    datas = [_resolve_data(d) for d in (list(data) if isinstance(data, (list, tuple)) else [data])]
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
    out_dir = default_out(out, public=public)
    refuse_internal_overwrite(out_dir / "index.html", public=public)
    result = BriefingResult(out_dir=out_dir)
    jobs: list[tuple[Any, Path, str]] = []
    for d in datas:
        city = load_data(d)
        for p in nb_paths:
            nb = _read_notebook(p)
            title = f"{city.name} – {_title(nb, p, lang=lang)}"
            missing = _missing_layers(p, city)
            if public and _internal_only(nb):  # confidential: never published
                result.skipped.append((str(d), p.stem, _internal_reason(lang)))
                result.titles[f"{d}/{p.stem}"] = title
            elif missing:
                result.skipped.append((str(d), p.stem, f"city has no {', '.join(missing)} layer"))
                result.missing[(str(d), p.stem)] = missing
                result.titles[f"{d}/{p.stem}"] = title
            else:
                refuse_internal_overwrite(
                    out_dir / f"{_slug(city.name)}_{p.stem}.html", public=public
                )
                jobs.append((d, p, title))
    outer = _progress.bar(
        total=len(jobs), desc="Briefings", unit="nb", enabled=progress, position=0
    )
    inner = _progress.bar(
        total=0, desc="Zellen", unit="cell", enabled=progress, position=1, leave=False
    )
    try:
        for d, p, title in jobs:
            # the current notebook, named before its data are read and its kernel starts
            outer.set_postfix_str(p.stem)
            inner.reset(total=0)
            inner.set_description(p.stem)
            try:
                path = build_one(
                    p,
                    data=d,
                    out=out_dir,
                    at=at,
                    lang=lang,
                    offline=offline,
                    public=public,
                    timeout=timeout,
                    progress=inner,
                )
                result.written.append(path)
                result.titles[path.name] = title
            except BriefingError as err:
                result.failed.append(err)
                _progress.write(f"FEHLER: {err}")
            except Exception as err:  # data or export problems: report per briefing, continue
                be = BriefingError(p.name, None, f"{type(err).__name__}: {err}")
                be.__cause__ = err
                result.failed.append(be)
                _progress.write(f"FEHLER: {be}\n{traceback.format_exc(limit=2)}")
            outer.update(1)
    finally:
        inner.close()
        outer.close()
    result.index = _write_index(result, lang=lang, public=public)
    return result


def _write_index(result: BriefingResult, *, lang: str | None, public: bool = False) -> Path:
    from ..io import atomic_path
    from .page import render_index

    page = render_index(
        result.written,
        result.skipped,
        result.failed,
        lang=lang,
        titles=result.titles,
        missing=result.missing,
        public=public,
    )
    target = result.out_dir / "index.html"
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target
