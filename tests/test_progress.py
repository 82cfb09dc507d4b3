"""The one progress bar: plain tqdm without ipywidgets, never tqdm's "IProgress not found"."""

from __future__ import annotations

import importlib
import io
import sys
import types
import warnings

import pytest
import tqdm.std

from geoinnenstadt import progress


@pytest.fixture
def kernel_without_ipywidgets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Jupyter kernel (as tqdm.autonotebook detects it) in which ipywidgets is missing."""
    import IPython

    class ZMQInteractiveShell:  # the class name tqdm looks at
        pass

    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets → ImportError
    monkeypatch.setitem(sys.modules, "ipykernel.zmqshell", types.ModuleType("ipykernel.zmqshell"))
    monkeypatch.setattr(IPython, "get_ipython", ZMQInteractiveShell)
    for name in ("tqdm.auto", "tqdm.autonotebook", "tqdm.notebook"):
        monkeypatch.delitem(sys.modules, name, raising=False)  # imported afresh, restored after


def test_the_setup_is_a_kernel_in_which_tqdm_auto_warns(kernel_without_ipywidgets) -> None:
    # the situation of the issue: tqdm.auto warns "IProgress not found" in such a kernel
    with pytest.warns(tqdm.std.TqdmWarning, match="IProgress not found"):
        importlib.import_module("tqdm.auto")


def test_plain_tqdm_and_no_warning_without_ipywidgets(kernel_without_ipywidgets) -> None:
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with progress.bar(total=2, desc="Briefings", enabled=True, file=out) as b:
            b.update(2)
    assert type(b) is tqdm.std.tqdm
    assert caught == []
    assert "tqdm.autonotebook" not in sys.modules  # the module that warns was never imported
    assert "Briefings: 100%" in out.getvalue()
    assert "IProgress" not in out.getvalue()


def test_write_without_ipywidgets_is_quiet(kernel_without_ipywidgets, capsys) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        progress.write("FEHLER: x")
    assert caught == []
    assert capsys.readouterr().err == "FEHLER: x\n"
