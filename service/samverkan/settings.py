"""The one settings object: every tunable of Samverkan, read from `SAMVERKAN_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Configuration of store, data locations, limits and the HTTP service."""

    model_config = SettingsConfigDict(env_prefix="SAMVERKAN_", env_file=".env", extra="ignore")

    store: str = "memory"
    """`memory`, a directory for an on-disk store, or the http(s) URL of a SPARQL 1.1 query endpoint."""
    store_update_url: str | None = None
    """SPARQL 1.1 update endpoint of a remote store; defaults to the query URL."""

    ontology_dir: Path = PROJECT_ROOT / "ontology"
    data_dir: Path = PROJECT_ROOT / "data"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    notebooks_dir: Path = PROJECT_ROOT / "notebooks"
    """Jupyter notebooks listed (and offered for download) at /notebooks."""
    assets_dir: Path = PROJECT_ROOT / "node_modules"
    """Front-end packages installed from npm (the query UI), served locally."""

    host: str = "127.0.0.1"
    port: int = 8000

    query_timeout: float = 30.0
    """Seconds a query may run before it is stopped."""
    update_timeout: float = 60.0
    """Seconds a SPARQL Update may take to work out its changes on the embedded store; past it, it is
    stopped and nothing is changed (503)."""
    max_running_queries: int = 8
    """Queries answered at once; more are refused at once (503 with Retry-After)."""
    max_abandoned_queries: int = 8
    """Queries that ran past their deadline and whose engine step still runs (it cannot be interrupted);
    on a remote store, while this many hold a thread, new queries are refused (503). On the embedded
    store queries then run in a child process killed at the deadline instead. /health says `degraded`."""
    route_timeout: float = 60.0
    """Seconds any other route (gap report, network, validation, export, pages) may take to start its answer."""
    max_running_requests: int = 16
    max_running_validations: int = 2
    """`POST /validate` requests worked on at once (each holds its document and the ontology in memory)."""
    """Requests to those routes worked on at once, including ones past their deadline (503 beyond it)."""
    keep_gap_report: bool = True
    """Keep the full gap report of an embedded store ready, computed in a child process after start-up and
    after every write and at the day's change, UTC (`gaps.kept`); off: it is computed for each request."""
    kept_gap_report_timeout: float = 600.0
    """Seconds that child process may take (the full report took 10.5 s at 1M quads; a child stuck at its fork is
    found by its first read within seconds, `store.forked_call`); past it, it is killed and the report is not made
    until the next write or day (its routes answer 503)."""
    shutdown_grace: float = 5.0
    """Seconds `serve` waits for open requests on SIGTERM before it exits (abandoned queries are not awaited)."""
    result_limit: int = 100_000
    """Most rows (or triples) a query answer carries; longer answers are cut and flagged."""
    stream_after: int = 10_000
    """Answers longer than this many rows (or triples) are streamed while the engine reads them."""
    max_body_bytes: int = 10 * 1024 * 1024
    """Largest accepted request body (and SPARQL update)."""
    max_query_bytes: int = 1024 * 1024
    """Longest SPARQL query text (one with SERVICE or LOAD: 64 KiB, as a second, slower parser reads it)."""
    max_nesting_depth: int = 64
    """Deepest nesting of brackets in a SPARQL request or of objects and arrays in a JSON-LD document:
    the query engine and the JSON-LD parser recurse once per level, and a few thousand levels kill the process."""
    update_token: SecretStr | None = None
    """Bearer token that enables writes; without it the service is read-only."""
    validate_writes: bool = True
    """Refuse (422) a SPARQL Update or graph store write that would add a Violation of the shapes (every
    claim needs a described source, so arbitrary test graphs are refused); off: writes are not checked."""
    cors_origins: list[str] = ["*"]
    federation_allowlist: list[str] = []
    """Endpoints that SERVICE clauses may call; everything else is refused."""

    endpoint_url: str | None = None
    """SPARQL URL of a running Samverkan service for clients (notebooks); unset: they start their own."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once from the environment (tests build their own `Settings`)."""
    return Settings()
