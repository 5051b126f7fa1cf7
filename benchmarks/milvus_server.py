"""A Milvus standalone server from the PyPI package ``milvus`` (2.3.5, extra ``milvus-server``),
started for the integration test (tests/index/test_milvus_server.py) and the bench
(benchmarks/bench_milvus.py): ``milvus-server --data DIR --proxy-port PORT`` in its own process group.

The package's ``milvus-server`` script is ``milvus:main``; it is run here as ``python -c`` with this
interpreter so the venv's bin folder need not be on PATH. Its other ports (etcd, coordinators,
metrics) start at their defaults and move up when taken, so several servers can run side by side;
the proxy port asked for is checked in the config it writes (``DIR/configs/milvus.yaml``). Its
embedded etcd would listen on 2379/2380 whatever that launcher says, so it gets free ports through
an etcd config file (Milvus reads ``etcd.config.path`` from the environment as ETCD_CONFIG_PATH).
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

INSTALL = "pip install 'rapporteur[milvus-server]' (make test-milvus installs it)"
START_TIMEOUT = 180.0  # seconds; a first start unpacks ~200 MB of binaries (45 s measured here)


def installed() -> bool:
    """Whether the ``milvus`` server package is importable."""
    return importlib.util.find_spec("milvus") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_port(config: str) -> int | None:
    """The port the server's proxy (its client API) listens on, from its milvus.yaml."""
    found = re.search(r"^proxy:\n(?:[ \t].*\n)*?  port: (\d+)", config, re.M)
    return int(found[1]) if found else None


class MilvusServer:
    """One server process group on ``data``; ``start`` again after ``kill`` restarts it on the same
    data and port."""

    def __init__(self, data: Path, port: int | None = None) -> None:
        self.data, self.port = Path(data), port or free_port()
        self.proc: subprocess.Popen | None = None
        self.etcd_port, self.peer_port = free_port(), free_port()

    def _etcd_config(self) -> Path:
        """The embedded etcd's own config: client and peer URLs on this server's free ports."""
        client, peer = f"http://127.0.0.1:{self.etcd_port}", f"http://127.0.0.1:{self.peer_port}"
        path = self.data / "configs" / "etcd.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"listen-client-urls: {client}\nadvertise-client-urls: {client}\n"
            f"listen-peer-urls: {peer}\ninitial-advertise-peer-urls: {peer}\n"
            f"initial-cluster: default={peer}\n"
        )
        return path

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = START_TIMEOUT) -> MilvusServer:
        """Start the server and wait until it answers on ``uri``."""
        self.data.mkdir(parents=True, exist_ok=True)
        etcd = self._etcd_config()
        log = open(self.data / "server.log", "ab")  # noqa: SIM115 -- the child keeps writing it
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import milvus; milvus.main()"]
            + ["--data", str(self.data), "--proxy-port", str(self.port)]
            + ["--etcd-port", str(self.etcd_port)],
            env=os.environ | {"ETCD_CONFIG_PATH": str(etcd)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() reaches the milvus binary too
        )
        log.close()
        self._wait(time.monotonic() + timeout)
        return self

    def _wait(self, deadline: float) -> None:
        from pymilvus import MilvusClient

        config = self.data / "configs" / "milvus.yaml"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None or self._binary_exited():
                self.kill()
                raise RuntimeError(f"milvus-server exited; see {self.data / 'logs'}")
            if config.exists() and proxy_port(config.read_text()) not in (None, self.port):
                self.kill()
                raise RuntimeError(f"port {self.port} was taken; milvus-server moved to another")
            try:
                client = MilvusClient(uri=self.uri, timeout=2)
                client.list_collections()
                client.close()
                return
            except Exception:  # noqa: BLE001 -- not up yet: any connection error means wait
                time.sleep(0.5)
        self.kill()
        raise TimeoutError(f"milvus-server not up in time; see {self.data / 'server.log'}")

    def _binary_exited(self) -> bool:
        """Whether the milvus binary has exited: the launcher only notices when told to stop, so
        a binary that fails to start (a port taken) would otherwise leave it waiting forever."""
        members = group_members(self.proc.pid, but=self.proc.pid)
        return bool(members) and not any(running(pid) for pid in members)

    def kill(self) -> None:
        """SIGKILL the milvus binary (a crash), then end its launcher."""
        self._end(signal.SIGKILL, grace=10.0)

    def stop(self, grace: float = 20.0) -> None:
        """SIGTERM the milvus binary (it shuts down cleanly), then end its launcher; SIGKILL what
        is left after ``grace`` seconds."""
        self._end(signal.SIGTERM, grace)

    def _end(self, sig: int, grace: float) -> None:
        """Send ``sig`` to the milvus binary, wait up to ``grace`` seconds for it to exit, then
        SIGINT the launcher: its handler reaps the binary and it exits, and this process reaps
        the launcher. Killing the whole group at once orphaned the binary, leaving it to init to
        reap (the zombies a run left). What is left after that is SIGKILLed."""
        if self.proc is None:
            return
        launcher, deadline = self.proc.pid, time.monotonic() + grace
        binaries = group_members(launcher, but=launcher)
        for pid in binaries:
            _signal(pid, sig)
        while any(running(pid) for pid in binaries) and time.monotonic() < deadline:
            time.sleep(0.2)
        _signal(launcher, signal.SIGINT)
        try:
            self.proc.wait(timeout=max(deadline - time.monotonic(), 5.0))
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(launcher, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.proc = None


def group_members(pgid: int, but: int) -> list[int]:
    """The processes in process group ``pgid`` other than ``but`` (from /proc: Linux, like the
    server package)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != but:
            try:
                if os.getpgid(int(entry)) == pgid:
                    found.append(int(entry))
            except ProcessLookupError:
                pass
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie (exited, waiting for its parent to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
