"""A real dask cluster on this machine: ``dask scheduler`` and ``dask worker`` as separate processes.

Used by ``bench/bench_state.py`` (peak memory of every process) and
``tests/test_scale_cluster.py`` (a worker killed in the middle of a run). It starts
exactly what the README's "Scaling out" section tells users to start on
their machines – the scheduler and workers from the command line, each
worker under its nanny – only on 127.0.0.1, on free ports, without
dashboards, and it stops them again, bounded in time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def vmhwm_mb(pid: int) -> float:
    """Peak resident memory (``VmHWM``) of process ``pid`` in MB; NaN when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


class ProcessCluster:
    """Scheduler and ``n_workers`` nanny-supervised workers as subprocesses of this process.

    Use as a context manager; ``address`` is the scheduler's ``tcp://`` address.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        n_workers: int = 2,
        nthreads: int = 1,
        memory_limit: str = "auto",
        timeout: float = 90.0,
    ) -> None:
        self.directory = Path(directory)
        self.n_workers = n_workers
        self.nthreads = nthreads
        self.memory_limit = memory_limit
        self.timeout = timeout
        self.address = ""
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.nannies: list[subprocess.Popen[bytes]] = []
        self._logs: list[Any] = []
        self.seen_pids: set[int] = set()

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        log = open(self.directory / f"{name}.log", "wb")  # noqa: SIM115 - closed in close()
        self._logs.append(log)
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.directory,
        )

    def start(self) -> ProcessCluster:
        from distributed import Client

        self.directory.mkdir(parents=True, exist_ok=True)
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.scheduler = self._spawn(
            [
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            "scheduler",
        )
        for i in range(self.n_workers):
            self.nannies.append(
                self._spawn(
                    [
                        "distributed.cli.dask_worker",
                        self.address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        str(self.nthreads),
                        "--nworkers",
                        "1",
                        "--no-dashboard",
                        "--memory-limit",
                        self.memory_limit,
                        "--death-timeout",
                        "30",
                        "--local-directory",
                        str(self.directory / f"worker-{i}"),
                        "--name",
                        f"w{i}",
                    ],
                    f"worker-{i}",
                )
            )
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                with Client(self.address, timeout=5) as client:
                    client.wait_for_workers(
                        self.n_workers, timeout=max(1.0, deadline - time.monotonic())
                    )
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.5)
        self.remember_pids()
        return self

    def worker_pids(self, client: Any) -> dict[str, int]:
        """Worker address → pid of the worker process (the nanny's child), asked from each worker."""
        return {a: int(pid) for a, pid in client.run(os.getpid).items()}

    def processes(self) -> list[Any]:
        """The scheduler, the nannies and all their children that are alive now."""
        import psutil

        procs = []
        for p in [self.scheduler, *self.nannies]:
            if p is None:
                continue
            try:
                proc = psutil.Process(p.pid)
                procs += [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
        return procs

    def remember_pids(self) -> None:
        self.seen_pids |= {p.pid for p in self.processes()}

    def close(self) -> set[int]:
        """Stop everything (SIGTERM, then SIGKILL after 20 s); returns every pid ever seen."""
        import psutil

        self.remember_pids()
        procs = self.processes()
        for p in [*self.nannies, self.scheduler]:
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGTERM)
        _, alive = psutil.wait_procs(procs, timeout=20)
        for proc in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()
        psutil.wait_procs(alive, timeout=10)
        for p in [*self.nannies, self.scheduler]:
            if p is not None:
                p.wait(timeout=10)
        for log in self._logs:
            log.close()
        self._logs.clear()
        return set(self.seen_pids)

    def __enter__(self) -> ProcessCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
