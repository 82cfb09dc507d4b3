"""The benchmark code runs (``python -m bench --quick``) so it cannot rot; CI does not judge speed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT


@pytest.mark.slow
def test_bench_quick_runs_and_writes_markdown(tmp_path):
    import duckdb_extension_spatial  # noqa: F401  (a dev dependency: missing = failure)

    from bench.__main__ import MODULES

    modules = list(MODULES)  # every benchmark, so none can rot (bench_maps needs chromium: .ci/run)
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path), "--only", *modules],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (report,) = tmp_path.glob("*-quick.md")
    text = report.read_text(encoding="utf-8")
    assert "**cores**" in text
    assert "**geopandas**" in text
    for name in modules:
        assert f"## {name}" in text
    assert "error" not in text.lower()
    # every peer named in the issues appears in the same run
    for peer in (
        "sjoin_within",
        "duckdb",
        "contains_xy_bound",
        "overlay",
        "gi_1thread",
        "geoparquet",
    ):
        assert peer in text
