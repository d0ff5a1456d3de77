"""Nodes of the network as people read them: labels in a language, references, finding an actor."""

from __future__ import annotations

import difflib

import networkx as nx
from pydantic import BaseModel, ConfigDict

from samverkan.vocabulary.namespaces import SAMID
from samverkan.vocabulary.terms import compact_iri

LANGUAGES = ("sv", "en")
ACTOR_NAMESPACE = f"{SAMID}actor/"


class UnknownNodeError(LookupError):
    """A name that is no node of the network; the message says what was meant, where it can tell."""


class NodeRef(BaseModel):
    """One node of the network, labelled."""

    model_config = ConfigDict(frozen=True)

    iri: str
    label: str
    category: str | None
    kind: str | None


def node_label(graph: nx.Graph, node: str, lang: str = "sv") -> str:
    """The node's label in `lang`, else in the other language, else its compact IRI."""
    attributes = graph.nodes[node]
    for language in (lang, *LANGUAGES):
        label = attributes.get(f"label_{language}")
        if label:
            return str(label)
    return compact_iri(node)


def node_ref(graph: nx.Graph, node: str, lang: str = "sv") -> NodeRef:
    attributes = graph.nodes[node]
    return NodeRef(
        iri=node,
        label=node_label(graph, node, lang),
        category=attributes.get("category"),
        kind=attributes.get("kind"),
    )


def resolve_actor(graph: nx.Graph, name: str) -> str:
    """The node named by a full IRI or an actor slug (`digg` for `.../id/actor/digg`)."""
    iri = name if "://" in name else f"{ACTOR_NAMESPACE}{name.strip().lower()}"
    if iri in graph:
        return iri
    slugs = sorted(n.removeprefix(ACTOR_NAMESPACE) for n in graph if n.startswith(ACTOR_NAMESPACE))
    close = difflib.get_close_matches(name.lower(), slugs, n=3)
    hint = (
        f"; did you mean {', '.join(close)}?" if close else "; use an actor slug such as digg or a full IRI"
    )
    raise UnknownNodeError(f"{iri} is not in the network{hint}")
