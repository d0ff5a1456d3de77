"""The memory of a server's processes, sampled on a thread: proportional set size (PSS) in all, its peak, and
at the peak sample each process's share, named by what the process is.

A Samverkan child is named by the descriptors it keeps: a query worker (`samverkan.server.workers`) keeps the
socket it is asked on, a forked call (`samverkan.store.forked_call`) the pipe it answers on; each puts /dev/null
in place of every other socket and pipe it inherited. The bench sends no update over HTTP, so a forked call
there is the kept gap report's child.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil

MAIN = "main"
QUERY_WORKER = "query worker"
FORKED_CALL = "forked call"
CHILD = "child"


@dataclass(frozen=True)
class ProcessMemory:
    """One process at a sample: what it is (`role`), its id and its PSS."""

    role: str
    pid: int
    pss_mb: float


def process_ids(pid: int) -> list[int]:
    """A process and its descendants (worker processes); empty once it has gone."""
    try:
        return [pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))]
    except psutil.Error:
        return []


def pss_mb(pid: int) -> float | None:
    """A process's proportional set size in MiB: the pages it shares (a fork's) split between their holders, so
    summing over processes counts each page once; None once it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0) / 1024


def role(pid: int, main: int) -> str:
    """What a server's process is: `MAIN`, a `QUERY_WORKER` (keeps a socket besides its standard streams), a
    `FORKED_CALL` (keeps a pipe), else a `CHILD`."""
    if pid == main:
        return MAIN
    kinds = set()
    try:
        descriptors = [name for name in os.listdir(f"/proc/{pid}/fd") if int(name) > 2]
    except OSError:
        return CHILD
    for name in descriptors:
        try:
            kinds.add(os.readlink(f"/proc/{pid}/fd/{name}").split(":", 1)[0])
        except OSError:  # closed since it was listed
            continue
    return QUERY_WORKER if "socket" in kinds else FORKED_CALL if "pipe" in kinds else CHILD


class MemoryWatch:
    """Samples the PSS of a server's processes every `interval` seconds on a thread, keeping the peak of their
    sum and each process's share at that sample."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self.at_peak: list[ProcessMemory] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> float:
        """The sum now (NaN once the server has gone); a new peak is kept with its processes named."""
        sizes = {each: size for each in process_ids(self.pid) if (size := pss_mb(each)) is not None}
        if not sizes:
            return float("nan")
        now = sum(sizes.values())
        with self._lock:
            if now > self.peak:
                self.peak = now
                self.at_peak = [
                    ProcessMemory(role(each, self.pid), each, size) for each, size in sizes.items()
                ]
        return now

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
