"""Progress bars of long operations: the one helper (``tqdm``).

In JupyterLab the bar is a widget (``tqdm.auto``, with ``ipywidgets``
installed; without it the plain text bar of ``tqdm.std``, so tqdm's
"IProgress not found" warning never appears), in a terminal it is text on
stderr, and nothing at all is shown when
it is switched off – by the operation's ``progress=False`` or, when that is
not given, by :data:`geoinnenstadt.settings.progress`.

Used by :func:`geoinnenstadt.briefing.build` and :mod:`geoinnenstadt.scale`.

Examples
--------
>>> import io
>>> from geoinnenstadt import progress
>>> out = io.StringIO()
>>> with progress.bar(total=2, desc="Briefings", enabled=True, file=out) as b:
...     b.update(2)
>>> "Briefings: 100%" in out.getvalue()
True
>>> with progress.bar(total=2, desc="Briefings", enabled=False, file=out) as b:
...     b.update(2)
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

__all__ = ["bar", "is_enabled", "write"]


def is_enabled(progress: bool | None) -> bool:
    """``progress``, or :data:`geoinnenstadt.settings.progress` when None."""
    from . import settings

    return bool(settings.progress if progress is None else progress)


def _tqdm() -> Any:
    import importlib.util

    if importlib.util.find_spec("ipywidgets") is None:
        # no widgets: the plain text bar (tqdm.auto would warn "IProgress not found")
        from tqdm.std import tqdm

        return tqdm
    from tqdm import TqdmWarning

    with warnings.catch_warnings():
        # an ipywidgets too old for tqdm: tqdm.auto warns once and uses the text bar
        warnings.simplefilter("ignore", TqdmWarning)
        from tqdm.auto import tqdm
    return tqdm


def bar(
    *,
    total: int,
    desc: str,
    unit: str = "it",
    enabled: bool | None = None,
    file: Any = None,
    leave: bool = True,
    position: int | None = None,
) -> Any:
    """A progress bar: a widget in Jupyter (``tqdm.auto``), text on stderr elsewhere (``tqdm.std``).

    ``enabled=None`` follows :data:`geoinnenstadt.settings.progress`; a
    disabled bar accepts every call and shows nothing.
    """
    show = is_enabled(enabled)
    return _tqdm()(
        total=total,
        desc=desc,
        unit=unit,
        disable=not show,
        file=sys.stderr if file is None else file,
        leave=leave,
        position=position,
    )


def write(message: str) -> None:
    """Print ``message`` on stderr without breaking a progress bar in the terminal."""
    _tqdm().write(message, file=sys.stderr)
