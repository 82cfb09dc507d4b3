"""Briefings from a pip install (issue 11): build the wheel, install it into a fresh venv, build briefings.

The test builds the wheel with ``pip wheel . --no-deps --no-build-isolation``
(the build backend, hatchling, is a dev dependency: no network), creates a fresh virtual
environment *outside* the repository and installs the wheel there. Then,
from a working directory outside the repository and without ``PYTHONPATH``,
it runs the installed console script::

    geoinnenstadt briefing --data dortmund --out out
    geoinnenstadt briefing --data ./my_city.gpkg --out out2      # relative path

and checks that the HTML briefings exist, render offline (no http(s)
script or stylesheet URL, maps included) and were made by the wheel's copy of
the package (``geoinnenstadt.__file__`` and ``notebooks_dir()`` lie in the
venv's site-packages).

Dependencies of the wheel — two modes:

* ``GI_WHEEL_TEST_DEPS=pypi``: the wheel is installed *with* its dependencies
  from PyPI (or the index pip is configured with), exactly as the README's
  ``pip install dist/geoinnenstadt-….whl`` does for a user. With pip's cache this takes well under a
  minute; the first run on a new machine downloads a few hundred MB. Tests
  make no network requests by default, so this mode is opt-in.
* default, ``GI_WHEEL_TEST_DEPS=reuse`` (no network at all): the
  fresh venv reuses the site-packages of the interpreter running the tests
  through a ``.pth`` file pointing at a *shadow* folder that links every entry
  of those site-packages **except** the project's own (editable) install
  (``geoinnenstadt``, ``geoinnenstadt-*.dist-info``, ``_editable_impl_*``,
  every ``*.pth``), and links ``share/jupyter`` (nbconvert's templates, the
  kernel spec). So the wheel's copy of geoinnenstadt is the only one
  importable, while numpy, geopandas, nbclient, ipykernel, … are the tested
  ones. The wheel is installed with ``--no-deps --no-index``.

Every subprocess is bounded by a timeout (15 minutes for the dependency
install, 10 for a briefing build) so that a hanging install cannot block
``make test``.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from geoinnenstadt import briefing

INSTALL_TIMEOUT = 15 * 60
RUN_TIMEOUT = 10 * 60

pytestmark = pytest.mark.slow


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: int) -> str:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n"
        f"{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
    )
    return proc.stdout


def _clean_env(venv_dir: Path) -> dict[str, str]:
    """The environment of a user's shell with the venv activated: no PYTHONPATH, no repo on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv_dir)
    env["MPLBACKEND"] = "Agg"
    return env


def _shadow_site_packages(target: Path) -> Path:
    """Links to every entry of this interpreter's site-packages except the project's own install."""
    source = Path(sysconfig.get_paths()["purelib"])
    target.mkdir()
    for entry in source.iterdir():
        name = entry.name
        if (
            name == "geoinnenstadt"
            or (name.startswith("geoinnenstadt-") and name.endswith((".dist-info", ".egg-info")))
            or name.startswith(("_editable_impl_", "__editable__"))
            or name.endswith(".pth")
        ):
            continue
        (target / name).symlink_to(entry)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    _run(
        # the build backend (hatchling, a dev dependency) is taken from this environment: no network
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
        ],
        cwd=out,
        env=env,
        timeout=INSTALL_TIMEOUT,
    )
    (path,) = out.glob("geoinnenstadt-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """A fresh venv (outside the repository) with the wheel installed; returns the venv folder."""
    base = tmp_path_factory.mktemp("venv")
    venv_dir = base / "venv"
    venv.create(venv_dir, with_pip=False, symlinks=True)
    python = venv_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    env = _clean_env(venv_dir)
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    if os.environ.get("GI_WHEEL_TEST_DEPS", "reuse") == "reuse":
        shadow = _shadow_site_packages(base / "shadow-site-packages")
        (Path(purelib) / "zz_tested_dependencies.pth").write_text(f"{shadow}\n", encoding="utf-8")
        (venv_dir / "share").mkdir(exist_ok=True)
        (venv_dir / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
        _run(
            [*pip, "--no-deps", "--no-index", str(wheel)],
            cwd=base,
            env=env,
            timeout=INSTALL_TIMEOUT,
        )
    else:
        _run([*pip, str(wheel)], cwd=base, env=env, timeout=INSTALL_TIMEOUT)
    return venv_dir


def test_wheel_ships_the_briefing_notebooks_and_sample_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.removeprefix("geoinnenstadt/notebooks/") for n in names if "/notebooks/" in n}
    # every notebook of the checkout, and nothing else (no .ipynb_checkpoints)
    assert shipped == {p.name for p in (ROOT / "notebooks").glob("*.py")}, shipped
    assert {f"{stem}.py" for stem in briefing.BRIEFING_NOTEBOOKS} <= shipped
    assert "geoinnenstadt/sample_data/dortmund.gpkg" in names
    assert "geoinnenstadt/maps/static/runtime.js" in names


def test_the_readme_installs_this_wheel_and_twine_accepts_it(wheel: Path) -> None:
    # the README's wheel line names the file the build makes; its metadata is fit for an index
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\npip install dist/{wheel.name}\n" in readme
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["COLUMNS"] = "400"  # twine's console wraps a long path at 80 columns without a terminal
    out = _run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel)],  # no network
        cwd=wheel.parent,
        env=env,
        timeout=RUN_TIMEOUT,
    )
    flat = out.replace("\n", "")  # and where it still wraps, the name is cut by a line break
    assert re.search(rf"{re.escape(wheel.name)}: \S*PASSED", flat), out  # exit code 0 as well


def _assert_offline_briefing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert '<header class="gi-title">' in text, path.name
    inner = html.unescape(html.unescape(text))  # map documents are escaped twice (srcdoc)
    assert "iframe" in text, path.name
    assert "L.map(" in inner, path.name
    remote = re.findall(
        r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
        inner,
        flags=re.I,
    )
    assert not remote, (path.name, remote[:3])


def test_briefings_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    env = _clean_env(installed)
    python = str(installed / "bin" / "python")
    work = tmp_path / "somewhere"  # a working directory outside the repository
    work.mkdir()

    # the wheel's copy runs: package, notebooks and samples come from the venv's site-packages
    where = _run(
        [
            python,
            "-c",
            "import geoinnenstadt as gi; from geoinnenstadt import briefing as b; "
            "from geoinnenstadt.datasets import sample_path; "
            "print(gi.__file__); print(b.notebooks_dir()); print(sample_path('dortmund'))",
        ],
        cwd=work,
        env=env,
        timeout=RUN_TIMEOUT,
    ).splitlines()
    for line in where:
        assert Path(line).resolve().is_relative_to(installed.resolve()), where
        assert not Path(line).resolve().is_relative_to(ROOT), where

    script = str(installed / "bin" / "geoinnenstadt")
    _run(
        [script, "briefing", "--data", "dortmund", "--out", "out", "--no-progress"],
        cwd=work,
        env=env,
        timeout=RUN_TIMEOUT,
    )
    for stem in ("01_leerstand_city", "02_wirtschaftsflaechen"):
        _assert_offline_briefing(work / "out" / f"dortmund_{stem}.html")
    assert (work / "out" / "index.html").is_file()

    # a city GeoPackage given by a relative path (exported by the installed CLI)
    _run([script, "sample", "export", "dorsten", "export"], cwd=work, env=env, timeout=RUN_TIMEOUT)
    (exported,) = (work / "export").glob("*.gpkg")
    exported.rename(work / "my_city.gpkg")
    _run(
        [
            script,
            "briefing",
            "--data",
            "./my_city.gpkg",
            "--notebook",
            "01_leerstand_city",
            "--out",
            "out2",
            "--no-progress",
        ],
        cwd=work,
        env=env,
        timeout=RUN_TIMEOUT,
    )
    written = sorted(p.name for p in (work / "out2").glob("*.html"))
    assert written == ["dorsten_01_leerstand_city.html", "index.html"], written
    _assert_offline_briefing(work / "out2" / "dorsten_01_leerstand_city.html")


def test_make_lab_uses_the_lab_extra() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(r.startswith("jupyterlab") for r in extras["lab"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*?\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe, "Makefile has no lab target"
    assert 'pip install --quiet -e ".[lab]"' in recipe.group(1)
    assert "Jupytext Notebook" in recipe.group(1)
