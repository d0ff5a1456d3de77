"""All-or-nothing SPARQL Updates on a server that may apply a request's operations one by one.

SPARQL 1.1 leaves it to the server whether a request's operations apply together. Virtuoso runs
them in turn: a `DROP GRAPH` followed by a `LOAD` that fails at run time leaves the graph deleted.
So a remote update is made atomic by snapshot and restore, with requests every server takes:

1. One query finds which graphs the update names hold triples (every graph for `DROP/CLEAR
   ALL|NAMED` or a `GRAPH ?variable`), and whether the journal holds an interrupted write.
2. One request copies those graphs to backup graphs (`INSERT … WHERE`) and then writes the journal
   (each backup, and the graphs the update may create): if the journal was written, the backups are
   complete. (In the same request as the update it would not do: Virtuoso rolled back the journal's
   INSERT of a failed request but not its CLEAR.)
3. The update is sent as it is.
4. On success the backups and the journal entry are dropped. On failure each graph is restored from
   its backup and the graphs the update created are dropped; then the backups are forgotten.

If the process dies before 4 (a kill in the middle of a write), the journal remains: the next write,
or `recover`, restores every journalled graph first. This assumes one writer at a
time (the service's writes are serialised). The journal and the backups state nothing: they are
left out of the union default graph (`samverkan.store.union.BOOKKEEPING`), which a failed write
restores with its graphs; copying costs one more write of each touched graph.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from urllib.parse import urljoin

import pyoxigraph as ox

from samverkan.sparql.text import strip_strings_and_comments
from samverkan.store.base import Store, StoreError
from samverkan.store.union import BOOKKEEPING, UnionGraph

JOURNAL = f"{BOOKKEEPING}journal"
"""The graph that records the transactions in flight: their backups and the graphs they may create."""
BACKUP = f"{BOOKKEEPING}backup:"
_TERMS = f"{BOOKKEEPING}journal#"
_GRAPH_KEYWORD = re.compile(
    r"\b(GRAPH|INTO|TO|WITH|USING(\s+NAMED)?|(COPY|MOVE|ADD)(\s+SILENT)?)\b", re.IGNORECASE
)
_GRAPH_NAME = re.compile(r"\s*(?:<([^<>\"{}|^`\\\s]*)>|([\w.-]*):([\w.-]*))")
_PREFIX = re.compile(r"\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_BASE = re.compile(r"\bBASE\s+<([^>]*)>", re.IGNORECASE)
_EVERY_GRAPH = re.compile(r"\b(DROP|CLEAR)\s+(SILENT\s+)?(ALL|NAMED)\b|\bGRAPH\s+[?$]\w", re.IGNORECASE)
"""An update that may write any graph: every graph is backed up."""
_JOURNAL_ROWS = f"""SELECT ?transaction ?backup ?graph ?created WHERE {{ GRAPH <{JOURNAL}> {{
    {{ ?backup <{_TERMS}backupOf> ?graph ; <{_TERMS}transaction> ?transaction }}
    UNION {{ ?transaction <{_TERMS}mayCreate> ?created }}
}} }}"""

Send = Callable[[str], None]
"""Sends one update request to the server as it is."""


def atomic_update(
    store: Store, sparql: str, send: Send, union: UnionGraph, sending: str | None = None
) -> None:
    """Apply the update wholly or not at all (after restoring any interrupted one), the union kept.

    `sparql` holds the writes alone; `sending`, the request to send, is them with the union's upkeep
    (by default, `union.keeping(sparql)`).
    """
    request = union.keeping(sparql) if sending is None else sending
    named = named_graphs(sparql)
    every = bool(_EVERY_GRAPH.search(strip_strings_and_comments(sparql)))
    existing, interrupted = _holding_triples(store, None if every else named)
    if interrupted:
        recover(store, send, union)
    created = sorted(named - existing)
    if not existing and not created:
        send(request)
        return
    transaction = f"urn:samverkan:transaction:{uuid.uuid4().hex}"
    backups = {
        graph: f"{BACKUP}{transaction.rsplit(':', 1)[1]}:{i}" for i, graph in enumerate(sorted(existing))
    }
    try:
        send(_backing_up(transaction, backups, created))
    except StoreError:
        _forget(transaction, backups, send)
        raise
    try:
        send(request)
    except StoreError:
        send(f"{_restoring(backups, created)} ;\n{union.restore()}")
        _forget(transaction, backups, send)
        raise
    _forget(transaction, backups, send)


def _holding_triples(store: Store, graphs: set[str] | None) -> tuple[set[str], bool]:
    """Which of the graphs (None: of all graphs) hold triples, and whether the journal does (asked by name:
    `GRAPH ?var` may not find it, see `samverkan.store.virtuoso`)."""
    if graphs is None:
        names = set(store.graphs())
    elif graphs:
        values = " ".join(f"<{graph}>" for graph in sorted(graphs))
        answer = store.query(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
        assert isinstance(answer, ox.QuerySolutions)
        names = {row["g"].value for row in answer}
    else:
        names = set()
    interrupted = bool(store.query(f"ASK {{ GRAPH <{JOURNAL}> {{ ?s ?p ?o }} }}"))
    return {name for name in names if not _internal(name)}, interrupted


def recover(store: Store, send: Send, union: UnionGraph) -> list[str]:
    """Restore the graphs of writes that were interrupted, and the union; the graphs restored or dropped."""
    answer = store.query(_JOURNAL_ROWS)
    assert isinstance(answer, ox.QuerySolutions)
    transactions: dict[str, tuple[dict[str, str], list[str]]] = {}
    for row in answer:
        backups, created = transactions.setdefault(row["transaction"].value, ({}, []))
        if row["backup"] is not None:
            backups[row["graph"].value] = row["backup"].value
        if row["created"] is not None:
            created.append(row["created"].value)
    for transaction, (backups, created) in sorted(transactions.items()):
        send(f"{_restoring(backups, created)} ;\n{union.restore()}")
        _forget(transaction, backups, send)
    return sorted({graph for backups, created in transactions.values() for graph in [*backups, *created]})


def named_graphs(sparql: str) -> set[str]:
    """The graphs the update names, but the store's bookkeeping graphs (see `graph_names`)."""
    return {name for name in graph_names(sparql) if name and not _internal(name)}


def graph_names(sparql: str) -> set[str]:
    """The graphs a request names (`GRAPH`, `INTO`, `TO`, `WITH`, `USING`, and COPY/MOVE/ADD's source),
    as full IRIs: prefixed names expanded, relative IRIs resolved against its BASE."""
    scanned = strip_strings_and_comments(sparql)
    base = _BASE.search(sparql)
    prefixes = dict(_PREFIX.findall(sparql))
    names = set()
    for keyword in _GRAPH_KEYWORD.finditer(scanned):
        written = _GRAPH_NAME.match(sparql, keyword.end())
        if written is None:
            continue
        if written.group(1) is not None:
            names.add(urljoin(base.group(1), written.group(1)) if base else written.group(1))
        elif written.group(2) in prefixes:
            names.add(prefixes[written.group(2)] + written.group(3))
    return names


def _internal(graph: str) -> bool:
    return graph.startswith(BOOKKEEPING)


def _copy(source: str, target: str) -> str:
    return f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{source}> {{ ?s ?p ?o }} }}"


def _backing_up(transaction: str, backups: dict[str, str], created: list[str]) -> str:
    journal = [
        f"<{backup}> <{_TERMS}backupOf> <{graph}> ; <{_TERMS}transaction> <{transaction}> ."
        for graph, backup in backups.items()
    ]
    journal += [f"<{transaction}> <{_TERMS}mayCreate> <{graph}> ." for graph in created]
    copies = [_copy(graph, backup) for graph, backup in backups.items()]
    return " ;\n".join([*copies, f"INSERT DATA {{ GRAPH <{JOURNAL}> {{ {' '.join(journal)} }} }}"])


def _restoring(backups: dict[str, str], created: list[str]) -> str:
    operations = [f"DROP SILENT GRAPH <{graph}>" for graph in [*backups, *created]]
    operations += [_copy(backup, graph) for graph, backup in backups.items()]
    return " ;\n".join(operations)


def _forget(transaction: str, backups: dict[str, str], send: Send) -> None:
    """Drop the backups and the journal's record of the transaction."""
    drops = [f"DROP SILENT GRAPH <{backup}>" for backup in backups.values()]
    journal = (
        f"DELETE WHERE {{ GRAPH <{JOURNAL}> {{ ?backup <{_TERMS}transaction> <{transaction}> ; ?p ?o }} }} ;\n"
        f"DELETE WHERE {{ GRAPH <{JOURNAL}> {{ <{transaction}> ?p ?o }} }}"
    )
    send(" ;\n".join([*drops, journal]))
