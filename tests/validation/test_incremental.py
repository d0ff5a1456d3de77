"""Incremental validation equals full validation: for random additions and removals, the results in
the change's scope plus the rest of the previous full report are exactly a full run's results.

Changes are drawn (hypothesis) from the graph itself: its quads removed, quads built from its
subjects, objects and graphs added, and the links the far-reaching rules follow added between the
nodes that play those parts (dependency cycles, partOfFunding chains, dated change events of
accountable actors, shared components). Run on the
curated graph and on the 10k synthetic graph; SAMVERKAN_PROPERTY_EXAMPLES sets how many changes.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.bench.synthetic import generate
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.validator import Finding, Validator, data_quads

EXAMPLES = int(os.environ.get("SAMVERKAN_PROPERTY_EXAMPLES", "10"))
SAM = "https://w3id.org/samverkan/ontology#"
IDS = "https://w3id.org/samverkan/id/test/"
LINKS = {
    "dependsOn": SAM + "dependsOn",
    "dependent": SAM + "dependent",
    "dependsOnActor": SAM + "dependsOnActor",
    "partOfFunding": SAM + "partOfFunding",
    "recipient": SAM + "recipient",
    "accountableActor": SAM + "accountableActor",
    "validUntil": SAM + "validUntil",
    "date": "http://purl.org/dc/terms/date",
    "original": "http://www.w3.org/ns/org#originalOrganization",
    "type": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
}
"""The links the far-reaching rules follow (chains, dates two steps away, neighbours' types)."""
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
DATES = [ox.Literal("2001-01-01", datatype=XSD_DATE), ox.Literal("2999-01-01", datatype=XSD_DATE)]
NOT_DATA = {"https://w3id.org/samverkan/ontology", "https://w3id.org/samverkan/shapes"}


@dataclass
class Graph:
    """A store, its validator, its full results, and the terms changes are made of."""

    store: Store
    validator: Validator
    full: list[Finding]
    quads: list[ox.Quad]
    pools: dict[str, list[ox.NamedNode]]
    """Nodes by the part they can play: any subject, object, graph; and the far-reaching rules' nodes."""


POOLS = {
    "subject": "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?n ?p ?o } }",
    "object": "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?s ?p ?n } }",
    "graph": "SELECT DISTINCT ?n WHERE { GRAPH ?n { ?s ?p ?o } }",
    "dependency": "SELECT DISTINCT ?n WHERE { { ?n sam:dependsOn|sam:dependent|sam:dependsOnActor ?o } "
    "UNION { ?s sam:dependsOn|sam:dependent|sam:dependsOnActor ?n } UNION { ?n a sam:Goal } }",
    "actor": "SELECT DISTINCT ?n WHERE { ?s sam:accountableActor|sam:dependsOnActor|sam:actor|sam:recipient ?n }",
    "accountable": "SELECT DISTINCT ?n WHERE { ?s sam:accountableActor ?n }",
}


def _graph(store: Store) -> Graph:
    pools = {}
    for name, query in POOLS.items():
        answer = store.query(f"PREFIX sam: <{SAM}> {query}")
        assert isinstance(answer, ox.QuerySolutions)
        found = sorted((s["n"] for s in answer if isinstance(s["n"], ox.NamedNode)), key=str)
        pools[name] = [n for n in found if n.value not in NOT_DATA] or [ox.NamedNode(SAM + "Nothing")]
    validator = Validator(store)
    quads = sorted((q for q in data_quads(store) if not _blank(q)), key=str)
    return Graph(store, validator, validator.findings(store), quads, pools)


def _blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


@pytest.fixture(scope="module")
def curated(settings: Settings) -> Graph:
    store = EmbeddedStore()
    load_project(store, settings)
    return _graph(store)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    store = EmbeddedStore()
    load_project(store, Settings(data_dir=tmp_path_factory.mktemp("no-data")))
    store.load("".join(generate(10_000, seed=7)), ox.RdfFormat.N_QUADS)
    return _graph(store)


Change = list[tuple[bool, ox.Quad]]
Scenario = tuple[Change, Change]
"""A setup applied first (its results become the previous full report) and the change validated."""


def _add(*quads: tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal, ox.NamedNode]) -> Change:
    return [(True, ox.Quad(s, ox.NamedNode(LINKS.get(p, p)), o, g)) for s, p, o, g in quads]


def scenarios(graph: Graph) -> st.SearchStrategy[Scenario]:
    """A random change (one to four quads removed or added), or one that reaches far: a dependency
    chain closed into a cycle, a link removed from the middle of a funding chain, the date of an
    accountable actor's change event moved, an actor a goal depends on made a shared component."""
    pool = {name: st.sampled_from(nodes) for name, nodes in graph.pools.items()}
    link = st.sampled_from([ox.NamedNode(iri) for iri in LINKS.values()])
    random_step = st.one_of(
        st.sampled_from(graph.quads).map(lambda quad: [(False, quad)]),
        st.tuples(pool["subject"], link, pool["object"], pool["graph"]).map(
            lambda t: [(True, ox.Quad(t[0], t[1], t[2], t[3]))]
        ),
    )
    random_change = st.lists(random_step, min_size=1, max_size=4).map(
        lambda steps: ([], [step for part in steps for step in part])
    )
    return st.one_of(
        random_change,
        st.tuples(st.lists(pool["dependency"], min_size=3, max_size=7, unique=True), pool["graph"]).map(
            _cycle
        ),
        st.tuples(st.integers(2, 6), st.integers(0, 5), pool["actor"], pool["graph"]).map(_funding_chain),
        st.tuples(pool["accountable"], st.booleans(), pool["graph"]).map(_change_event),
        st.tuples(pool["actor"], pool["dependency"], pool["graph"]).map(_shared_component),
    )


def _cycle(drawn: tuple[list[ox.NamedNode], ox.NamedNode]) -> Scenario:
    """A chain through the nodes (every other step through a sam:Dependency node), closed by the change."""
    nodes, graph = drawn
    setup: Change = []
    for i, (here, there) in enumerate(itertools.pairwise(nodes)):
        if i % 2:
            dependency = ox.NamedNode(f"{IDS}dependency-{i}")
            setup += _add(
                (dependency, "dependent", here, graph), (dependency, "dependsOnActor", there, graph)
            )
        else:
            setup += _add((here, "dependsOn", there, graph))
    return setup, _add((nodes[-1], "dependsOn", nodes[0], graph))


def _funding_chain(drawn: tuple[int, int, ox.NamedNode, ox.NamedNode]) -> Scenario:
    """A responsibility funded through a chain of fundings whose far end pays its actor; the change cuts the chain."""
    length, cut, actor, graph = drawn
    fundings = [ox.NamedNode(f"{IDS}funding-{i}") for i in range(length + 1)]
    task, responsibility = ox.NamedNode(IDS + "task"), ox.NamedNode(IDS + "responsibility")
    setup = _add(
        (responsibility, "type", ox.NamedNode(SAM + "Responsibility"), graph),
        (responsibility, SAM + "actor", actor, graph),
        (responsibility, SAM + "role", ox.NamedNode("https://w3id.org/samverkan/id/role/accountable"), graph),
        (responsibility, SAM + "responsibilityFor", task, graph),
        (task, SAM + "funding", fundings[0], graph),
        (fundings[-1], "recipient", actor, graph),
        *((outer, "partOfFunding", inner, graph) for inner, outer in itertools.pairwise(fundings)),
    )
    removed = setup[6 + cut % length]
    return setup, [(False, removed[1])]


def _change_event(drawn: tuple[ox.NamedNode, bool, ox.NamedNode]) -> Scenario:
    """An accountable actor's change event whose date the change moves (into the past or the future)."""
    actor, into_past, graph = drawn
    event = ox.NamedNode(IDS + "change-event")
    new, old = DATES if into_past else DATES[::-1]
    setup = _add((event, "original", actor, graph), (event, "date", old, graph))
    return setup, [(False, setup[1][1]), *_add((event, "date", old, graph))]


def _shared_component(drawn: tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]) -> Scenario:
    """A dependency on an actor that the change makes a shared component."""
    actor, dependent, graph = drawn
    dependency = ox.NamedNode(IDS + "dependency")
    setup = _add((dependency, "dependent", dependent, graph), (dependency, "dependsOnActor", actor, graph))
    return setup, _add((actor, "type", ox.NamedNode(SAM + "SharedComponent"), graph))


@contextmanager
def applied(store: Store, change: Change) -> Iterator[list[ox.Quad]]:
    """Apply the change for the block (the quads it really added or removed), then undo it."""
    done = []
    for add, quad in change:
        if add != bool(store.query(f"ASK {{ {_data(quad)} }}")):
            store.update(f"{'INSERT' if add else 'DELETE'} DATA {{ {_data(quad)} }}")
            done.append((add, quad))
    try:
        yield [quad for _, quad in done]
    finally:
        for add, quad in reversed(done):
            store.update(f"{'DELETE' if add else 'INSERT'} DATA {{ {_data(quad)} }}")


def _data(quad: ox.Quad) -> str:
    return f"GRAPH {quad.graph_name} {{ {quad.subject} {quad.predicate} {quad.object} }}"


def assert_incremental_equals_full(
    validator: Validator, store: Store, before: list[Finding], changed: list[ox.Quad]
) -> None:
    """The scope's results plus the previous results outside the scope are the full run's results."""
    scope = validator.change_scope(store, changed)
    unchanged = [finding for finding in before if not scope.covers(finding)]
    merged = sorted(map(repr, unchanged + validator.findings(store, scope=scope)))
    assert merged == sorted(map(repr, validator.findings(store))), changed


@pytest.mark.parametrize("name", ["curated", "synthetic"])
def test_incremental_plus_unchanged_equals_full(name: str, request: pytest.FixtureRequest) -> None:
    graph: Graph = request.getfixturevalue(name)

    @settings(
        max_examples=EXAMPLES if name == "curated" else max(EXAMPLES // 3, 3),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(scenario=scenarios(graph))
    def check(scenario: Scenario) -> None:
        setup, change = scenario
        with applied(graph.store, setup) as prepared:
            before = graph.validator.findings(graph.store) if prepared else graph.full
            with applied(graph.store, change) as changed:
                assert_incremental_equals_full(graph.validator, graph.store, before, changed)

    check()


def test_a_three_step_dependency_cycle_is_found_incrementally(curated: Graph) -> None:
    """The issue's case: a cycle through a sam:Dependency node, closed by one link."""
    source = ox.NamedNode(IDS + "source")
    a, b, c, dependency = (ox.NamedNode(IDS + name) for name in ("a", "b", "c", "dependency"))
    chain = [
        (True, ox.Quad(a, ox.NamedNode(SAM + "dependsOn"), b, source)),
        (True, ox.Quad(dependency, ox.NamedNode(SAM + "dependent"), b, source)),
        (True, ox.Quad(dependency, ox.NamedNode(SAM + "dependsOnActor"), c, source)),
    ]
    closing = [(True, ox.Quad(c, ox.NamedNode(SAM + "dependsOn"), a, source))]
    validator, store = curated.validator, curated.store
    with applied(store, chain):
        before = validator.findings(store)
        with applied(store, closing) as changed:
            assert_incremental_equals_full(validator, store, before, changed)
            scope = validator.change_scope(store, changed)
            cycle = {
                str(f.focus)
                for f in validator.findings(store, scope=scope)
                if f.rule.endswith("DependencyCycle")
            }
            assert cycle >= {a.value, b.value, c.value}
