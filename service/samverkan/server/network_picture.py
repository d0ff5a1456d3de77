"""A small picture of an actor's neighbourhood in the network, laid out on the server for inline SVG.

No JavaScript: the centre sits in the middle, its neighbours on an ellipse around it (smaller when
they are few), each a link to its own page; the view box is cut to what is drawn, labels included, so
the picture holds no empty margins. The SVG markup is written by a template, so every label is escaped.
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
CHARACTER_WIDTH, LINE_HEIGHT, MARGIN = 6.6, 14, 8
"""Estimates for a 12px system font, to cut the view box around the labels."""


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
    left: float
    top: float
    width: float
    height: float
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
    spread = min(1.0, 0.45 + 0.55 * len(shown) / MOST_NEIGHBOURS)
    for index, iri in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * index / len(shown)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = cx + RADIUS_X * spread * dx, cy + RADIUS_Y * spread * dy
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
    left, top, right, bottom = _extent(nodes, edges)
    return Picture(left, top, right - left, bottom - top, nodes, edges, len(relations) - len(shown))


def _extent(nodes: list[PictureNode], edges: list[PictureEdge]) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of everything drawn, labels estimated by their length, with a margin."""
    boxes = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes]
    for n in nodes:
        width = len(n.label) * CHARACTER_WIDTH
        start = {"start": n.label_x, "middle": n.label_x - width / 2, "end": n.label_x - width}[n.anchor]
        boxes.append((start, n.label_y - LINE_HEIGHT, start + width, n.label_y + 4))
    for e in edges:
        width = len(e.label) * CHARACTER_WIDTH * 0.85
        boxes.append((e.label_x - width / 2, e.label_y - LINE_HEIGHT, e.label_x + width / 2, e.label_y + 4))
    return (
        min(b[0] for b in boxes) - MARGIN,
        min(b[1] for b in boxes) - MARGIN,
        max(b[2] for b in boxes) + MARGIN,
        max(b[3] for b in boxes) + MARGIN,
    )


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
