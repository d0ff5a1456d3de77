"""The README's examples run as written, and its route table names every route of the service.

Every `curl` line (in the route table and in shell blocks) is sent to the service over the curated
graph, every `samverkan` line runs against a store that holds it; `new.ttl`, `new.trig`, `direct.ttl`
and `edited.xml` are small valid documents written here, as a reader would bring their own.
"""

from __future__ import annotations

import gc
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import open_store
from samverkan.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8000"
TOKEN = "readme-example-token"
SAM = "https://w3id.org/samverkan/ontology#"
NOTES = "https://w3id.org/samverkan/id/source/example-notes"


def source_document(iri: str) -> str:
    """A source document that states one thing about itself: a valid graph of its own."""
    return f"""@prefix sam: <{SAM}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{iri}> a sam:SourceDocument ;
    rdfs:label "Exempelanteckningar"@sv , "Example notes"@en ;
    dcterms:title "Example notes"@en ;
    dcterms:issued "2026-12-01"^^xsd:date ;
    sam:sourceUrl "https://example.org/notes"^^xsd:anyURI ;
    sam:readingDepth <https://w3id.org/samverkan/id/reading-depth/full-text> ;
    sam:locator "Hela dokumentet"@sv .
"""


def shell_lines(text: str) -> list[str]:
    """The commands of the fenced shell blocks, continuation lines joined."""
    lines = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, re.S):
        lines += [line.strip() for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("#")]


def route_table(text: str) -> list[tuple[str, str]]:
    """(route, example) for each row of the 'Every route' section."""
    section = text.split("## Every route", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| .*? \| `(.+)` \|$", section, re.M)
    assert len(rows) > 20, "the route table is missing"
    return rows


def examples() -> Iterator[str]:
    yield from (example for _, example in route_table(README))
    yield from (line for line in shell_lines(README) if line.startswith("curl "))


def as_request(command: str) -> tuple[str, str, dict[str, str], bytes | None, dict[str, str] | None]:
    """Method, URL, headers, body and form fields of a curl command line."""
    words = shlex.split(os.path.expandvars(command), comments=True)[1:]
    method, url, headers, body, form = "", "", {}, None, None
    options = iter(words)
    for word in options:
        if word == "-H":
            name, _, value = next(options).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-X":
            method = next(options)
        elif word in ("--data-binary", "-d"):
            value = next(options)
            body = Path(value[1:]).read_bytes() if value.startswith("@") else value.encode()
        elif word == "--data-urlencode":
            name, _, value = next(options).partition("=")
            form = {**(form or {}), name: value}
        elif word in ("-o", "-w"):
            next(options)
        elif word == "-I":
            method = "HEAD"
        elif word.startswith("http"):
            url = word
    return method or ("POST" if body is not None or form else "GET"), url, headers, body, form


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with the reader's documents, as the current directory."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / "new.ttl").write_text(source_document(NOTES), encoding="utf-8")
    (folder / "direct.ttl").write_text(source_document(f"{BASE}/graph-store/example-notes"), encoding="utf-8")
    shutil.copy(ROOT / "data" / "sources" / "sfs-2018-1486.trig", folder / "new.trig")
    before = Path.cwd()
    os.chdir(folder)
    os.environ["SAMVERKAN_UPDATE_TOKEN"] = TOKEN
    try:
        yield folder
    finally:
        os.chdir(before)
        del os.environ["SAMVERKAN_UPDATE_TOKEN"]


@pytest.fixture(scope="module")
def service(workdir: Path) -> TestClient:
    settings = Settings(store="memory", update_token=TOKEN)
    store = EmbeddedStore()
    load_project(store, settings)
    return TestClient(create_app(settings, store), base_url=BASE, follow_redirects=False)


def test_every_route_has_a_row(service: TestClient) -> None:
    documented = [(route.split(" ", 1)[0].split("/"), route.split(" ", 1)[1]) for route, _ in route_table(README)]
    missing = []
    for included in service.app.routes:  # type: ignore[attr-defined]
        for route in getattr(getattr(included, "original_router", None), "routes", []):
            literal = route.path.split("{", 1)[0]
            for method in route.methods:
                if not any(method in methods and path.split("{", 1)[0] == literal for methods, path in documented):
                    missing.append(f"{method} {route.path}")
    assert missing == []


def test_curl_examples_answer(service: TestClient, workdir: Path) -> None:
    failures = []
    for command in examples():
        method, url, headers, body, form = as_request(command)
        if not url.startswith(BASE):
            continue
        parts = urlsplit(url)
        response = service.request(
            method, parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers, content=body, data=form
        )
        if response.status_code >= 400:
            failures.append(f"{response.status_code} {command}: {response.text[:200]}")
    assert failures == []


def test_samverkan_commands_run(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = tmp_path_factory.mktemp("store")
    settings = Settings(store=str(store))
    opened = open_store(settings)
    load_project(opened, settings)
    opened.close()
    del opened  # the on-disk store's lock goes with the object
    gc.collect()
    commands = [line for line in shell_lines(README) if line.startswith(".venv/bin/samverkan ")]
    assert len(commands) > 10
    program = Path(sys.executable).parent / "samverkan"
    failures = []
    for command in commands:
        if " import archimate " in command and Path("digg.xml").exists():
            shutil.copy("digg.xml", "edited.xml")  # the reader edits an export in Archi
        arguments = shlex.split(command, comments=True)[1:]
        in_memory = "--changed" in arguments  # replaces graphs in the default in-memory store, as documented
        result = subprocess.run(
            [str(program), *arguments],
            env={**os.environ, "SAMVERKAN_STORE": "memory" if in_memory else str(store)},
            capture_output=True,
            text=True,
            check=False,
        )
        allowed = {0, 1} if arguments[0] == "validate" else {0}  # validate: exit 1 reports a Violation
        if result.returncode not in allowed:
            failures.append(f"{result.returncode} {command}: {(result.stdout + result.stderr)[-300:]}")
    assert failures == []
