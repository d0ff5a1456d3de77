"""An automatic, deterministic layout of a view: rows by distance from the view's focus.

The focus sits alone in the top row; each further row holds the elements one relationship
further away, sorted by ArchiMate element and name, wrapped every `PER_ROW` nodes. Elements not
connected to the focus come last. Same model, same coordinates.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WIDTH, HEIGHT = 160, 64
GAP_X, GAP_Y = 24, 56
PER_ROW = 8


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int = WIDTH
    h: int = HEIGHT


def distances(focus: str, members: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Hops from the focus over relationships in either direction; unreached members get max + 1."""
    members = set(members)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a in members and b in members:
            neighbours[a].add(b)
            neighbours[b].add(a)
    hops = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        for other in sorted(neighbours[node]):
            if other not in hops:
                hops[other] = hops[node] + 1
                queue.append(other)
    beyond = max(hops.values()) + 1
    return {m: hops.get(m, beyond) for m in members}


def layout(
    focus: str, order: Mapping[str, tuple[str, ...]], edges: Iterable[tuple[str, str]]
) -> dict[str, Box]:
    """A box for every member of `order` (member → sort key within its row)."""
    hops = distances(focus, order, edges)
    rows: dict[int, list[str]] = defaultdict(list)
    for member in order:
        rows[hops[member]].append(member)
    boxes: dict[str, Box] = {}
    y = GAP_Y
    for depth in sorted(rows):
        members = sorted(rows[depth], key=lambda m: (*order[m], m))
        for start in range(0, len(members), PER_ROW):
            chunk = members[start : start + PER_ROW]
            offset = (PER_ROW - len(chunk)) * (WIDTH + GAP_X) // 2
            for i, member in enumerate(chunk):
                boxes[member] = Box(GAP_X + offset + i * (WIDTH + GAP_X), y)
            y += HEIGHT + GAP_Y
    return boxes
