"""The process's memory during big work: the collector paused, free memory of the C heap given back to the system."""

from __future__ import annotations

import ctypes
import gc
import os
from pathlib import Path

import pytest

from samverkan.store.heap import collector_paused, give_back


def private_mib() -> float:
    rollup = Path(f"/proc/{os.getpid()}/smaps_rollup").read_text()
    return (
        next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Private_Dirty:")) / 1024
    )


@pytest.mark.skipif(not hasattr(ctypes.CDLL(None), "malloc_trim"), reason="glibc's malloc_trim only")
def test_memory_freed_below_a_live_object_is_given_back() -> None:
    """What Python freed under an object still in use stays with the process (the heap shrinks only from its
    top), until given back."""
    freed = [bytes(2000) for _ in range(40_000)]  # 80 MB of objects the C allocator holds
    kept_at_the_top = bytes(2000)
    before = private_mib()
    del freed
    held = private_mib()
    give_back()
    after = private_mib()
    assert held > before - 20, "the C heap kept what was freed"
    assert after < held - 50
    assert len(kept_at_the_top) == 2000


def test_the_collector_is_paused_in_the_block_and_resumed_only_by_whoever_paused_it() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the inner block did not resume what the outer one paused"
    assert gc.isenabled()
