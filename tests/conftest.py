"""Shared fixtures: settings, a loaded embedded store, and real SPARQL servers on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pyoxigraph as ox
import pytest
from fastapi import FastAPI

from samverkan.bench.synthetic import generate
from samverkan.knowledge.loading import ensure_loaded, load_project
from samverkan.notebook.background import serving
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {seconds} s")


def require_binary(name: str) -> str:
    """Path of a program the test needs; in CI its absence is a failure, not a skip."""
    path = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if path is None:
        missing(f"{name} is not installed (.ci/system-deps.sh installs it)")
    return path


def missing(message: str) -> NoReturn:
    """A prerequisite the setup provides is absent: a failure in CI, a skip on a developer's machine."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


ARCHIMATE_SCHEMAS = Path(__file__).parents[1] / ".cache" / "archimate-xsd"


@pytest.fixture(scope="session")
def archimate_schema() -> Path:
    """The Open Group's exchange-format XSD (Diagram, including View and Model), fetched by `make test`."""
    schema = ARCHIMATE_SCHEMAS / "archimate3_Diagram.xsd"
    if not schema.is_file():
        missing(f"{schema} is missing (`make test` fetches it)")
    return schema


@pytest.fixture(scope="module")
def serve_app() -> Callable[[FastAPI], AbstractContextManager[str]]:
    """`serving`, for test modules (a fixture, so tests need not import from conftest)."""
    return serving


@pytest.fixture(scope="session")
def require_chromium() -> str:
    """Debian's Chromium, which the browser tests drive through Playwright."""
    return require_binary("chromium")


CLOSED_NETWORK_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_launch(require_chromium: str) -> dict[str, Any]:
    """Keyword arguments for Playwright's `chromium.launch`: Debian's Chromium, nothing phoning home."""
    return {"executable_path": require_chromium, "args": CLOSED_NETWORK_FLAGS}


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(store="memory")


@pytest.fixture(scope="session")
def project_store(settings: Settings) -> Store:
    """The whole project (ontology, shapes, data) in an in-memory store; treat as read-only."""
    store = EmbeddedStore()
    load_project(store, settings)
    return store


@pytest.fixture(scope="session")
def synthetic_project(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The ontology and shapes with the 10k synthetic graph in place of the project's data; treat as read-only."""
    store = EmbeddedStore()
    load_project(store, settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("no-data")}))
    store.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    return store


@contextmanager
def oxigraph_serving(location: Path, *flags: str) -> Iterator[str]:
    """A real `oxigraph serve` on loopback while the block runs; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            require_binary("oxigraph"),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            *flags,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` (its real default graph holds the union, see `samverkan.store.union`)."""
    with oxigraph_serving(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture
def union_computing_oxigraph(tmp_path: Path) -> Iterator[str]:
    """`oxigraph serve --union-default-graph`: a server that computes its own default graph."""
    with oxigraph_serving(tmp_path / "oxigraph", "--union-default-graph") as base:
        yield base


VIRTUOSO_INI = """[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {root}

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {root}
ServerThreads = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso (Debian virtuoso-opensource) on loopback, SPARQL updates granted; yields /sparql URL."""
    with virtuoso_serving(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@contextmanager
def virtuoso_serving(root: Path) -> Iterator[str]:
    """A real Virtuoso with its database in `root` while the block runs; yields its /sparql URL."""
    binary = require_binary("virtuoso-t")
    isql = require_binary("isql-vt")
    root.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [binary, "+configfile", str(ini), "+foreground"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for_http(f"{endpoint}?query=ASK%7B%7D", process, seconds=90)
        grants = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        subprocess.run([isql, str(sql_port), "dba", "dba", f"exec={grants}"], check=True, capture_output=True)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=30)


BACKENDS = ["embedded", "embedded-disk", "oxigraph-serve", "virtuoso"]


@pytest.fixture(scope="session", params=BACKENDS)
def backend_store(
    request: pytest.FixtureRequest,
    settings: Settings,
    project_store: Store,
    tmp_path_factory: pytest.TempPathFactory,
) -> Store:
    """The whole project on each backend: the embedded store in memory and on disk, a real `oxigraph
    serve` and a real Virtuoso.

    Route tests that ask for it run once per backend, each against one server per session, so the
    service's answers are checked to be the same whatever the store.
    """
    if request.param == "embedded":
        return project_store
    if request.param == "embedded-disk":
        store: Store = EmbeddedStore(tmp_path_factory.mktemp("disk") / "store")
    elif request.param == "oxigraph-serve":
        base: str = request.getfixturevalue("oxigraph_server")
        store = RemoteStore(f"{base}/query", f"{base}/update", settings.query_timeout)
    else:
        store = RemoteStore(request.getfixturevalue("virtuoso_server"), timeout=settings.query_timeout)
    ensure_loaded(store, settings)
    return store
