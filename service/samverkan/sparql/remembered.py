"""Answers of a pure function of short texts remembered: a client sends the same query and headers again and
again, and working them out anew costs as much as a small query's run."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import TypeVar

Answer = TypeVar("Answer")


def remembered(most: int, longest: int) -> Callable[[Callable[..., Answer]], Callable[..., Answer]]:
    """Remember the answers of up to `most` calls whose text arguments (str or bytes) are `longest` characters
    or bytes or fewer together (least recently used forgotten first); a call with longer texts is worked out each time, so no
    text as long as a request body is held. What a call raises is never remembered."""

    def remembering(function: Callable[..., Answer]) -> Callable[..., Answer]:
        cached = lru_cache(maxsize=most)(function)

        @wraps(function)
        def call(*arguments: Hashable) -> Answer:
            short = sum(len(a) for a in arguments if isinstance(a, str | bytes)) <= longest
            return cached(*arguments) if short else function(*arguments)

        return call

    return remembering
