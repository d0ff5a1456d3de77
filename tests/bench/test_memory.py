"""The memory of a server's processes: the peak sample keeps each process's share, named by the descriptors it
keeps (a query worker its socket, a forked call its pipe), with real processes forked as the service forks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import psutil
import pytest

from samverkan.bench.memory import CHILD, FORKED_CALL, MAIN, QUERY_WORKER, MemoryWatch, role

FORKING = """
import os, socket, sys, time
ours, theirs = socket.socketpair()
if os.fork() == 0:  # keeps its socket, as a query worker does
    ours.close()
    time.sleep(120)
    os._exit(0)
theirs.close()
ours.close()
reading, writing = os.pipe()
if os.fork() == 0:  # keeps the pipe's end it answers on, as a forked call does
    os.close(reading)
    time.sleep(120)
    os._exit(0)
os.close(reading)
os.close(writing)
if os.fork() == 0:  # keeps neither
    time.sleep(120)
    os._exit(0)
print("forked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def server() -> Iterator[int]:
    """A process with three forked children; all ended after the test."""
    process = subprocess.Popen(
        [sys.executable, "-c", FORKING], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert process.stdout is not None and process.stdout.readline() == b"forked\n"
    children = psutil.Process(process.pid).children()
    try:
        yield process.pid
    finally:
        for child in children:
            child.kill()
        process.kill()
        process.wait()
        psutil.wait_procs(children, timeout=5)


def test_the_peak_sample_names_each_process(server: int) -> None:
    watch = MemoryWatch(server, interval=3600)  # sampled here only
    try:
        total = watch.sample()
    finally:
        watch.stop()
    assert sorted(process.role for process in watch.at_peak) == sorted(
        [MAIN, QUERY_WORKER, FORKED_CALL, CHILD]
    )
    assert {process.pid for process in watch.at_peak} == {
        server,
        *(c.pid for c in psutil.Process(server).children()),
    }
    assert watch.peak == total == pytest.approx(sum(process.pss_mb for process in watch.at_peak))
    assert all(process.pss_mb > 0 for process in watch.at_peak)


def test_a_process_gone_has_no_memory_and_no_role() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    watch = MemoryWatch(process.pid, interval=3600)
    watch.stop()
    assert watch.sample() != watch.sample()  # NaN
    assert watch.at_peak == [] and role(process.pid, main=1) == CHILD
