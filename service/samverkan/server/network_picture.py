"""A small picture of an actor's neighbourhood in the network, laid out on the server for inline SVG.

No JavaScript: the centre sits in the middle, its neighbours on an ellipse around it, each a link
to its own page. The SVG markup is written by a template, so every label is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from samverkan.network.neighbourhood import Neighbourhood
from samverkan.server.page_text import relation_text

WIDTH, HEIGHT = 900, 440
RADIUS_X, RADIUS_Y = 235, 165
NODE_RADIUS, CENTRE_RADIUS = 9, 14
MOST_NEIGHBOURS = 16
LABEL_CHARACTERS = 30


@dataclass(frozen=True)
class PictureNode:
    iri: str
    label: str
    title: str
    category: str | None
    x: float
    y: float
    r: float
    anchor: str
    """`start`, `middle` or `end`: where the label sits against the node."""
    label_x: float
    label_y: float


@dataclass(frozen=True)
class PictureEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list[PictureNode]
    edges: list[PictureEdge]
    omitted: int


def picture(hood: Neighbourhood, text: dict[str, str]) -> Picture | None:
    """The neighbourhood drawn around its centre (at most MOST_NEIGHBOURS); None without neighbours."""
    relations: dict[str, list[str]] = {}
    outgoing: dict[str, bool] = {}
    refs = {}
    for neighbour in hood.all:
        iri = neighbour.node.iri
        relations.setdefault(iri, []).append(relation_text(text, neighbour.relation, neighbour.role))
        outgoing.setdefault(iri, neighbour.outgoing)
        refs[iri] = neighbour.node
    if not relations:
        return None
    shown = list(relations)[:MOST_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    centre = PictureNode(
        hood.centre.iri, _short(hood.centre.label), hood.centre.label, hood.centre.category,
        cx, cy, CENTRE_RADIUS, "middle", cx, cy + CENTRE_RADIUS + 16,
    )  # fmt: skip
    nodes, edges = [centre], []
    for index, iri in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * index / len(shown)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = cx + RADIUS_X * dx, cy + RADIUS_Y * dy
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        ref = refs[iri]
        nodes.append(
            PictureNode(
                iri,
                _short(ref.label),
                ref.label,
                ref.category,
                x,
                y,
                NODE_RADIUS,
                anchor,
                x + dx * (NODE_RADIUS + 4),
                y + dy * (NODE_RADIUS + 4) + (4 if abs(dy) < 0.9 else 10 * dy),
            )  # fmt: skip
        )
        start, end = ((cx, cy, CENTRE_RADIUS), (x, y, NODE_RADIUS))
        if not outgoing[iri]:
            start, end = end, start
        label = "; ".join(dict.fromkeys(relations[iri]))
        edges.append(_edge(start, end, label, 0.62 if outgoing[iri] else 0.38))
    return Picture(WIDTH, HEIGHT, nodes, edges, len(relations) - len(shown))


def _edge(
    start: tuple[float, float, float], end: tuple[float, float, float], label: str, along: float
) -> PictureEdge:
    """A line between two node rims (the arrow head at `end`), labelled `along` the way from `start`."""
    (x1, y1, r1), (x2, y2, r2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    ax, ay, bx, by = x1 + ux * r1, y1 + uy * r1, x2 - ux * (r2 + 3), y2 - uy * (r2 + 3)
    return PictureEdge(ax, ay, bx, by, _short(label), ax + (bx - ax) * along, ay + (by - ay) * along - 3)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
