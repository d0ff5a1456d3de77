"""Answers remembered for short texts only; long texts are worked out each time and not held; failures are
never remembered."""

from __future__ import annotations

import sys

import pytest

from samverkan.sparql.remembered import remembered


def counting() -> tuple[list[object], object]:
    calls: list[object] = []

    @remembered(2, 10)
    def length(text: str | bytes, suffix: str = "") -> int:
        calls.append(text)
        if text == "raise":
            raise ValueError(text)
        return len(text) + len(suffix)

    return calls, length


def test_a_short_call_is_worked_out_once_and_the_least_recent_forgotten() -> None:
    calls, length = counting()
    assert [length("abc"), length("abc"), length(b"xy"), length("abc")] == [3, 3, 2, 3]
    assert calls == ["abc", b"xy"]
    length("four")  # a third text: b"xy", least recently used, is forgotten
    length(b"xy")
    assert calls == ["abc", b"xy", "four", b"xy"]


def test_texts_longer_together_are_worked_out_each_time_and_not_held() -> None:
    calls, length = counting()
    long_text, long_bytes = "t" * 11, b"b" * 11
    held = sys.getrefcount(long_text), sys.getrefcount(long_bytes)
    assert length(long_text) == length(long_bytes) == 11
    assert length("123456", "12345") == 11  # 6 + 5 characters together
    assert length("123456", "12345") == 11
    assert calls == [long_text, long_bytes, "123456", "123456"]
    calls.clear()
    assert (sys.getrefcount(long_text), sys.getrefcount(long_bytes)) == held


def test_a_failure_is_raised_every_time() -> None:
    calls, length = counting()
    for _ in range(2):
        with pytest.raises(ValueError):
            length("raise")
    assert calls == ["raise", "raise"]
