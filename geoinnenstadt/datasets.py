"""The bundled synthetic sample cities.

:func:`list_samples`, :func:`sample_path`, :func:`load_sample`.

Loading reads the sample's GeoPackage through :func:`geoinnenstadt.io.read_city`;
:mod:`geoinnenstadt.city` (the container) does not import :mod:`geoinnenstadt.io`,
so there is no import cycle.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .city import City

__all__ = ["list_samples", "load_sample", "sample_path"]

_SAMPLE_SUFFIX = ".gpkg"


def _sample_dirs() -> list[Path]:
    """Folders holding the sample GeoPackages (package data, then the source checkout).

    Looked up at call time, so tests can redirect the samples with
    ``monkeypatch.setattr(gi.datasets, "_sample_dirs", …)``.
    """
    dirs = []
    try:
        packaged = Path(str(resources.files("geoinnenstadt") / "sample_data"))
        dirs.append(packaged)
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    dirs.append(Path(__file__).resolve().parent.parent / "sample_data")  # source checkout
    return [d for d in dirs if d.is_dir()]


def list_samples() -> list[str]:
    """Names of the bundled synthetic sample cities.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> gi.list_samples()
    ['dorsten', 'dortmund', 'duesseldorf']
    """
    names: set[str] = set()
    for d in _sample_dirs():
        names.update(p.stem for p in d.glob(f"*{_SAMPLE_SUFFIX}"))
    return sorted(names)


def sample_path(name: str) -> Path:
    """Path of a sample city's GeoPackage; unknown names raise a ValueError listing the samples.

    Examples
    --------
    >>> sample_path("dortmund").name
    'dortmund.gpkg'
    """
    for d in _sample_dirs():
        p = d / f"{name}{_SAMPLE_SUFFIX}"
        if p.is_file():
            return p
    raise ValueError(
        f"no sample city {name!r}; available: {', '.join(list_samples()) or '(none installed)'}"
    )


def load_sample(name: str) -> City:
    """Load a bundled synthetic sample city.

    Parameters
    ----------
    name : str
        One of :func:`list_samples`: ``"dortmund"``, ``"duesseldorf"``, ``"dorsten"``.

    Returns
    -------
    City
        With ``meta["synthetic"] is True``: the data are generated, not official.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> sorted(city.quarters["name"])[:2]
    ['Altstadt am Alten Markt', 'Boulevard Kampstraße']
    """
    from .io import read_city

    return read_city(sample_path(name))
