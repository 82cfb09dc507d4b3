"""Packaging checks: pyproject.toml and environment.yml agree, README/CI entry points, py.typed."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml  # PyYAML: required by jupytext, a declared dependency
from helpers import ROOT

import geoinnenstadt as gi

tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[<>=!~][^;#]*)?\s*(?:[;#].*)?$"
)


def normalise(name: str) -> str:
    """PEP 503 name normalisation: case-insensitive, runs of -_. are equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> tuple[str, str]:
    m = REQUIREMENT.match(text)
    assert m, f"cannot parse requirement {text!r}"
    spec = re.sub(r"\s+", "", m.group("spec") or "")
    return normalise(m.group("name")), spec


def requirements(items: list[str]) -> dict[str, str]:
    parsed = [parse_requirement(item) for item in items]
    names = [name for name, _ in parsed]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"listed twice: {duplicates}"
    return dict(parsed)


def lower_bound(spec: str) -> str | None:
    m = re.search(r">=\s*([^,]+)", spec)
    return m.group(1).strip() if m else None


@pytest.fixture(scope="module")
def pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def pip_requirements(pyproject: dict[str, Any]) -> dict[str, str]:
    project = pyproject["project"]
    return requirements(project["dependencies"] + project["optional-dependencies"]["dev"])


# conda-forge packages named otherwise on PyPI
CONDA_TO_PYPI = {"python-build": "build"}


@pytest.fixture(scope="module")
def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    items: list[str] = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            assert set(entry) == {"pip"}, f"unexpected section in environment.yml: {entry}"
            items += entry["pip"]
        else:
            items.append(str(entry))
    reqs = {CONDA_TO_PYPI.get(name, name): spec for name, spec in requirements(items).items()}
    assert "python" in reqs, "environment.yml should pin the Python version"
    return {name: spec for name, spec in reqs.items() if name not in {"python", "pip"}}


def test_requirement_parser() -> None:
    assert parse_requirement("django-js-lib-leaflet>=1.9.4") == ("django-js-lib-leaflet", ">=1.9.4")
    assert parse_requirement("Pandas_Stubs") == ("pandas-stubs", "")
    assert parse_requirement("numpy >= 1.26, <3 ; python_version>'3.9'") == ("numpy", ">=1.26,<3")
    assert parse_requirement("pytest[testing]>=8") == ("pytest", ">=8")
    assert lower_bound(">=1.26,<3") == "1.26"
    assert lower_bound("") is None


def test_environment_yml_lists_the_same_packages(
    pip_requirements: dict[str, str], conda_requirements: dict[str, str]
) -> None:
    only_pip = sorted(set(pip_requirements) - set(conda_requirements))
    only_conda = sorted(set(conda_requirements) - set(pip_requirements))
    assert not only_pip, f"in pyproject.toml but not in environment.yml: {only_pip}"
    assert not only_conda, f"in environment.yml but not in pyproject.toml: {only_conda}"


def test_lower_bounds_agree(
    pip_requirements: dict[str, str], conda_requirements: dict[str, str]
) -> None:
    differ = {
        name: (spec, conda_requirements[name])
        for name, spec in pip_requirements.items()
        if lower_bound(spec) != lower_bound(conda_requirements[name])
    }
    assert not differ, f"lower bounds differ (pyproject, environment.yml): {differ}"


def test_python_version_agrees(pyproject: dict[str, Any]) -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_python = next(str(e) for e in env["dependencies"] if str(e).startswith("python"))
    assert lower_bound(pyproject["project"]["requires-python"]) == lower_bound(conda_python)


def readme_commands() -> list[str]:
    """Shell commands of the README's fenced ``bash``/``sh`` blocks, in order."""
    commands: list[str] = []
    in_block, shell = False, False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            if in_block:
                in_block = False
            else:
                in_block = True
                shell = line.strip()[3:].strip() in ("", "bash", "sh", "shell", "console")
            continue
        if in_block and shell:
            command = line.split("#", 1)[0].strip().removeprefix("$ ").strip()
            if command:
                commands.append(" ".join(shlex.split(command)))
    return commands


def test_readme_starts_with_make_briefing_and_make_test() -> None:
    assert readme_commands()[:2] == ["make briefing", "make test"]


def test_ci_runs_make_test_and_handles_no_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in script.splitlines())
    assert re.search(r"^\s*make test\s*$", code, flags=re.M), ".ci/run must call `make test`"
    assert re.search(r"(?:-eq|==)\s*\"?5\b", code), ".ci/run must handle pytest's exit code 5"


def test_makefile_has_the_readme_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("briefing", "test", "wheel"):
        assert re.search(rf"^{target}\s*:", makefile, flags=re.M), target


def makefile_recipe(target: str) -> list[str]:
    """The commands of one Makefile target."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{target}\s*:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_wheel_builds_into_dist_and_checks_with_twine() -> None:
    assert makefile_recipe("wheel") == [
        "rm -f dist/geoinnenstadt-*",
        "$(PY) -m build --outdir dist .",
        "$(VENV)/bin/twine check --strict dist/geoinnenstadt-*",
    ]


def test_build_and_twine_are_dev_dependencies(pip_requirements, conda_requirements) -> None:
    for name in ("build", "twine", "hatchling"):
        assert name in pip_requirements, name
        assert name in conda_requirements, name


# what `pip install` may install in the README: the checkout or the wheel `make wheel` builds
WHEEL = f"dist/geoinnenstadt-{gi.__version__}-py3-none-any.whl"
INSTALLABLE = re.compile(rf"^(?:-e )?(?:\.|{re.escape(WHEEL)})(?:\[(?:dev|lab|scale)\])?$")


def readme_pip_installs() -> list[str]:
    """The targets of every ``pip install`` of the README (code blocks and inline code)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"pip install\s+((?:-e\s+)?(?:\"[^\"]+\"|'[^']+'|[^\s`]+))", text)
    return [" ".join(shlex.split(target)) for target in found]


def test_readme_installs_only_what_exists() -> None:
    targets = readme_pip_installs()
    assert ".[lab]" in targets
    assert "." in targets
    assert WHEEL in targets
    assert f"{WHEEL}[scale]" in targets
    not_installable = [t for t in targets if not INSTALLABLE.fullmatch(t)]
    assert not_installable == []  # e.g. a bare "geoinnenstadt": not on a package index
    commands = readme_commands()
    assert commands.index("make wheel") < commands.index(f"pip install {WHEEL}")


def test_py_typed_marker() -> None:
    assert (ROOT / "geoinnenstadt" / "py.typed").is_file()
    assert (Path(gi.__file__).parent / "py.typed").is_file()


def test_console_script_points_at_cli_main(pyproject: dict[str, Any]) -> None:
    target = pyproject["project"]["scripts"]["geoinnenstadt"]
    module_name, _, attr = target.partition(":")
    assert target == "geoinnenstadt.cli:main"
    assert callable(getattr(importlib.import_module(module_name), attr))


def test_version_is_single_sourced(pyproject: dict[str, Any]) -> None:
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "geoinnenstadt/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[.-]?\w+)?", gi.__version__)


def test_sample_data_is_shipped_in_the_wheel(pyproject: dict[str, Any]) -> None:
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force.get("sample_data") == "geoinnenstadt/sample_data"
