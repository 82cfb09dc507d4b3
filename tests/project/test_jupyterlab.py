"""A real Jupyter server: jupytext notebooks open as notebooks and run in a kernel.

With the ``[lab]`` extra (JupyterLab, jupyter_server, jupytext) installed, the
test starts ``jupyter server`` on 127.0.0.1 (a free port) with a token in a
temporary directory holding a copy of ``notebooks/``, configured with
jupytext's contents manager. Through the REST API it fetches
``00_einstieg.py`` as a notebook model, starts a kernel, runs the notebook's
import cell over the kernel websocket (a minimal ``execute_request`` as in
the Jupyter messaging protocol, version 5.3) and checks the output; then it
shuts the kernel and the server down and checks with psutil that no process
it started is left. Every wait is bounded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from helpers import ROOT

import geoinnenstadt as gi

NOTEBOOKS = ROOT / "notebooks"
STARTUP_SECONDS = 120  # upper bound for the server to answer (a slow CI machine)
REPLY_SECONDS = 180  # upper bound for one cell


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``jupyter server`` in a subprocess, with REST helpers."""

    def __init__(self, root: Path, home: Path) -> None:
        self.port = _free_port()
        self.token = uuid.uuid4().hex
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.update(
            {
                "JUPYTER_CONFIG_DIR": str(home / "config"),  # no user configuration
                "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                "JUPYTER_DATA_DIR": str(home / "data"),
                "IPYTHONDIR": str(home / "ipython"),
                "PYTHONPATH": os.pathsep.join(
                    [str(Path(gi.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")]
                ),
            }
        )
        self.log = (home / "server.log").open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={self.port}",
                "--port-retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={root}",
                "--ServerApp.contents_manager_class=jupytext.TextFileContentsManager",
                "--LabApp.extension_manager=readonly",  # never asks PyPI
                *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            ],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.home = home

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"jupyter server exited:\n{self.log_text()}")
            try:
                self.request("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise AssertionError(f"server not ready:\n{self.log_text()}") from None
                time.sleep(0.3)

    def log_text(self) -> str:
        self.log.flush()
        return (self.home / "server.log").read_text()[-4000:]

    def stop(self) -> list[psutil.Process]:
        """Terminate the server (then kill); return its processes that are still alive."""
        try:
            procs = [psutil.Process(self.proc.pid)]
            procs += procs[0].children(recursive=True)
        except psutil.NoSuchProcess:
            procs = []
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=30)
        _, alive = psutil.wait_procs(procs, timeout=30)
        for p in alive:  # kernels the server failed to stop
            p.kill()
        psutil.wait_procs(alive, timeout=30)
        self.log.close()
        return alive


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    srv = Server(root, tmp_path_factory.mktemp("jupyter-home"))
    leftover: list[psutil.Process] = []
    try:
        srv.wait_ready()
        yield srv
    finally:
        leftover = srv.stop()
    assert leftover == [], f"processes left after shutdown: {leftover}"


def _message(session: str, code: str) -> dict[str, Any]:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "test",
            "session": session,
            "msg_type": "execute_request",
            "version": "5.3",
            "date": dt.datetime.now(dt.timezone.utc).isoformat(),
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }


def _execute(ws: Any, code: str) -> dict[str, Any]:
    """Run ``code``; collect stdout, rich results, errors and the reply status."""
    session = uuid.uuid4().hex
    msg = _message(session, code)
    ws.send(json.dumps(msg))
    out: dict[str, Any] = {"stdout": "", "data": [], "error": None, "status": None}
    idle = False
    deadline = time.monotonic() + REPLY_SECONDS
    while not (idle and out["status"] is not None):
        if time.monotonic() > deadline:
            raise AssertionError(f"no reply within {REPLY_SECONDS} s: {out}")
        reply = json.loads(ws.recv())
        if reply.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
            continue
        kind, content = reply["msg_type"], reply["content"]
        if kind == "stream" and content["name"] == "stdout":
            out["stdout"] += content["text"]
        elif kind in ("execute_result", "display_data"):
            out["data"].append(content["data"])
        elif kind == "error":
            out["error"] = f"{content['ename']}: {content['evalue']}"
        elif kind == "execute_reply":
            out["status"] = content["status"]
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
    return out


def test_einstieg_opens_as_notebook_and_runs_in_a_kernel(server: Server) -> None:
    import websocket  # websocket-client

    model = server.request("GET", "/api/contents/notebooks/00_einstieg.py?type=notebook&content=1")
    assert model["type"] == "notebook"
    assert model["format"] == "json"
    cells = model["content"]["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert "JupyterLab" in cells[0]["source"]
    assert "Open With" in cells[0]["source"]
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    assert "parameters" in code_cells[0]["metadata"]["tags"]
    import_cell = next(c for c in code_cells if "import geoinnenstadt as gi" in c["source"])

    kernel = server.request("POST", "/api/kernels", {"name": "python3"})
    url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel['id']}/channels?token={server.token}"
    ws = websocket.create_connection(url, timeout=REPLY_SECONDS)
    try:
        result = _execute(ws, import_cell["source"])
        assert result["error"] is None, result
        assert result["status"] == "ok", result
        assert f"geoinnenstadt {gi.__version__}" in result["stdout"]
        assert "dorsten, dortmund, duesseldorf" in result["stdout"]
        # the rich display of a City reaches the front end as HTML
        shown = _execute(ws, 'gi.load_sample("dorsten")')
        assert shown["status"] == "ok", shown
        (data,) = shown["data"]
        assert "Beispieldaten (synthetisch)" in data["text/html"]
        assert data["text/plain"] == (
            "City('Dorsten', synthetic: quarters=4, units=609, context=36, requests=22, "
            "footfall=3 counters)"
        )
    finally:
        ws.close()
        server.request("DELETE", f"/api/kernels/{kernel['id']}")
    assert server.request("GET", "/api/kernels") == []
