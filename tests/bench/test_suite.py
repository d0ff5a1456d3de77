"""The benchmark suite end to end at the smallest scale: every section is measured and reported.

Structure only: numbers are printed by `make bench`, never asserted here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from samverkan.bench.report import SECTIONS, markdown, readme_block, tables, targets, with_readme_block
from samverkan.bench.suite import ENTITY_PAGES, LARGE_QUERIES, QUERIES, Options, run_suite
from samverkan.cli.main import app

pytestmark = pytest.mark.remote


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pytest.importorskip("rdflib_endpoint")
    options = Options(
        scales=[10_000],
        requests=4,
        budget=2.0,
        bound=20.0,
        curated=False,
        skip=("pyshacl",),
        work_dir=tmp_path_factory.mktemp("bench"),
        large=[5_000],
    )
    return run_suite(options)


def test_every_query_is_asked_of_every_server(results: dict[str, Any]) -> None:
    scale, _ = results["scales"]
    asked = {(run["server"], run["query"], run["clients"]) for run in scale["sparql"]}
    servers = {"Samverkan", "Oxigraph", "rdflib-endpoint"}
    assert asked == {(s, q, c) for s in servers for q in QUERIES for c in (1, 4)}
    ours = [run for run in scale["sparql"] if run["server"] == "Samverkan"]
    assert all("skipped" not in run and run["requests"] >= run["clients"] for run in ours)


def test_servers_agree_on_the_answers(results: dict[str, Any]) -> None:
    for scale in results["scales"]:
        rows: dict[tuple[str, int], set[int]] = {}
        for run in scale["sparql"]:
            if "rows" in run:
                rows.setdefault((run["query"], run["clients"]), set()).add(run["rows"])
        assert rows and all(len(sizes) == 1 for sizes in rows.values())


def test_a_large_scale_is_loaded_asked_and_started_by_both_servers(results: dict[str, Any]) -> None:
    _, large = results["scales"]
    assert large["large"] and large["gaps"]["samverkan"] == {"skipped": "not run at a large scale"}
    answered = {(run["server"], run["query"]) for run in large["sparql"] if "p50_ms" in run}
    assert answered == {(server, query) for server in ("Samverkan", "Oxigraph") for query in LARGE_QUERIES}
    startup = large["startup"]
    # both loads ran and recorded their duration (a figure the report prints, not a bound checked here)
    assert all(isinstance(startup[key], float) for key in ("samverkan_load_seconds", "oxigraph_load_seconds"))
    assert startup["samverkan_disk"]["start_rss_mb"] > 0 and startup["oxigraph"]["start_rss_mb"] > 0
    assert "10M not run" not in markdown(results)


def test_the_asgi_floor_is_measured_at_every_scale_and_reported(results: dict[str, Any]) -> None:
    for scale in results["scales"]:
        floors = scale["http_floor"]
        assert [floor["clients"] for floor in floors] == ([1] if scale["large"] else [1, 4])
        assert all(floor["requests"] >= floor["clients"] and floor["rows"] == 1 for floor in floors)
        assert isinstance(scale["startup"]["samverkan_disk"]["settle_seconds"], float)
    worst = next(row for row in targets(results) if row[0].startswith("/sparql p50 within 1.2x"))
    assert "is the HTTP floor of a Python ASGI server" in worst[1]


def test_embedded_sections_did_the_work(results: dict[str, Any]) -> None:
    scale, _ = results["scales"]
    assert scale["gaps"]["samverkan"]["rules"] == 11
    assert scale["gaps"]["samverkan"]["rows"] > 0
    assert scale["gaps"]["http"]["bytes"] > 0
    assert scale["validate"]["samverkan"]["results"] > 0
    assert scale["validate"]["pyshacl"] == {"skipped": "not run (--skip)"}
    assert scale["network"]["samverkan"]["edges"] > 0
    assert scale["network"]["samverkan"]["at_risk"] > 0
    assert scale["views"]["samverkan"]["matrix_rows"] > 0 and scale["views"]["samverkan"]["items"] > 0
    assert scale["dashboard"]["samverkan"]["gap_rows"] > 0
    startup = scale["startup"]
    for server in ("samverkan_memory", "samverkan_disk", "oxigraph"):
        assert isinstance(startup[server]["first_answer_seconds"], float), "a start-up was measured"
        assert startup[server]["peak_rss_mb"] >= startup[server]["start_rss_mb"] > 0
    pages = scale["entity_pages"]
    assert pages["pages"] == len(ENTITY_PAGES) and pages["requests"] >= len(ENTITY_PAGES)


def test_the_largest_scale_measured_whole_is_profiled(results: dict[str, Any]) -> None:
    scale, large = results["scales"]
    assert "profiles" not in large
    for name, computation in (("gaps", "gap_report"), ("network", "build_network")):
        found = scale["profiles"][name]
        assert found["by_cumulative"][0]["function"].endswith(f"({computation})")
        assert found["queries"] > 0 and found["by_own"]
    assert scale["profiles"]["load"]["by_cumulative"][0]["function"].endswith("(_load_and_close)")
    for each in scale, large:
        disk = each["startup"]["samverkan_disk"]
        roles = [process["role"] for process in disk["at_peak"]]
        assert roles.count("main") == 1 and set(roles) <= {"main", "query worker", "forked call"}
        assert sum(process["pss_mb"] for process in disk["at_peak"]) == pytest.approx(disk["peak_rss_mb"])


def test_the_profiles_are_rendered(results: dict[str, Any]) -> None:
    section = tables(results)["Profiles"]
    assert "#### Cold full gap report (10k)" in section and "#### Network build (10k)" in section
    assert "#### Loading into an on-disk store, until closed (10k)" in section
    assert "| `samverkan/gaps/catalogue.py:" in section and "| `samverkan/network/build.py:" in section
    assert "| Samverkan from disk | " in section and "| `oxigraph serve` | " in section
    assert all(f"| {query} | {clients} | " in section for query in QUERIES for clients in (1, 4))
    unprofiled = {
        **results,
        "scales": [{k: v for k, v in s.items() if k != "profiles"} for s in results["scales"]],
    }
    assert tables(unprofiled)["Profiles"].startswith("No profile in these results.")


def test_report_has_every_section(results: dict[str, Any]) -> None:
    sections = tables(results)
    assert list(sections) == list(SECTIONS)
    assert all(table.count("\n") >= 3 for table in sections.values())
    document = markdown(results)
    assert all(f"### {name}" in document for name in SECTIONS)
    assert "| 10k | gap | 1 |" in document
    json.dumps(results)


def test_the_readme_block_is_rendered_from_the_results(results: dict[str, Any]) -> None:
    block = readme_block(results)
    readme = f"before\n{block}\nafter\n"
    assert with_readme_block(readme, results) == readme
    assert "| full gap report at 1M under 1 s embedded | scale not run |" in block


def test_run_command_writes_the_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Options] = []

    def fake_suite(options: Options, after_scale: Any = None) -> dict[str, Any]:
        seen.append(options)
        return {
            "started": "now",
            "machine": {"cpus": 2, "python": "3"},
            "versions": {},
            "options": {"requests": 1, "budget_seconds": 1, "bound_seconds": 1},
            "scales": [],
        }

    monkeypatch.setattr("samverkan.bench.suite.run_suite", fake_suite)
    arguments = ["bench", "run", "--scales", "10_000,20000", "--results", str(tmp_path), "--no-curated"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert seen[0].scales == [10_000, 20_000]
    assert json.loads((tmp_path / "latest.json").read_text())["scales"] == []
    assert "### Targets" in (tmp_path / "latest.md").read_text()
    (tmp_path / "latest.md").unlink()
    assert CliRunner().invoke(app, ["bench", "report", str(tmp_path / "latest.json")]).exit_code == 0
    assert "--scales 10_000,20000" in (tmp_path / "latest.md").read_text()
