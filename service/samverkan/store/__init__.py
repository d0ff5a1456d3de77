"""The store interface and its two implementations (embedded pyoxigraph, remote SPARQL endpoint). Imports sparql, vocabulary, settings."""

from samverkan.store.base import (
    QueryAnswer,
    QueryDataset,
    QuerySyntaxError,
    Store,
    StoreError,
    Transaction,
    UpdateRefused,
)
from samverkan.store.factory import open_store

__all__ = [
    "QueryAnswer",
    "QueryDataset",
    "QuerySyntaxError",
    "Store",
    "StoreError",
    "Transaction",
    "UpdateRefused",
    "open_store",
]
