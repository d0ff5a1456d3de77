"""The profiles of the computations whose targets can fail: taken of the real computation on the 10k synthetic
graph, with the queries it made and the engine's time for them. Structure only, no bound on the numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from samverkan.bench.profile_report import computation
from samverkan.bench.profiles import TOP, RecordingStore, function_name, profile
from samverkan.bench.synthetic import generate
from samverkan.bench.tasks import gaps_profile, load_profile, loaded, network_profile
from samverkan.gaps.catalogue import gap_report


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("data")
    (directory / "data.nq").write_text("".join(generate(10_000)), encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("task", "computation"), [(gaps_profile, "gap_report"), (network_profile, "build_network")]
)
def test_a_profile_lists_the_top_functions_both_ways(data_dir: Path, task: Any, computation: str) -> None:
    found = task(data_dir)
    assert found["queries"] > 0 and isinstance(found["engine_seconds"], float)
    by_cumulative, by_own = found["by_cumulative"], found["by_own"]
    assert len(by_cumulative) == len(by_own) == TOP
    assert by_cumulative[0]["function"].endswith(f"({computation})"), (
        "the computation itself holds all the time"
    )
    for rows, key in ((by_cumulative, "cumulative_seconds"), (by_own, "own_seconds")):
        times = [row[key] for row in rows]
        assert times == sorted(times, reverse=True)
    assert not any("_lsprof" in row["function"] for row in by_cumulative + by_own)


def test_the_queries_run_again_for_the_engine_are_not_recorded_again(data_dir: Path) -> None:
    store = loaded(RecordingStore(), data_dir)
    found = profile(gap_report, store)
    assert found["queries"] == len(store.queries) > 0
    assert all(isinstance(text, str) for text, *_ in store.queries)


def test_function_names_start_at_their_package() -> None:
    assert (
        function_name("/work/main/service/samverkan/gaps/catalogue.py", 172, "gap_report")
        == "samverkan/gaps/catalogue.py:172(gap_report)"
    )
    site = "/work/main/.venv/lib/python3.11/site-packages/networkx/classes/digraph.py"
    assert function_name(site, 450, "add_node") == "networkx/classes/digraph.py:450(add_node)"
    assert (
        function_name("/usr/lib/python3.11/json/decoder.py", 332, "decode") == "json/decoder.py:332(decode)"
    )
    assert function_name("~", 0, "<method 'query' of 'pyoxigraph.Store' objects>") == (
        "<method 'query' of 'pyoxigraph.Store' objects>"
    )


def test_the_python_part_is_what_the_engine_leaves_of_the_timed_run(data_dir: Path) -> None:
    found = {**gaps_profile(data_dir), "engine_seconds": 2.0}  # the engine's seconds given, not measured
    text = computation("Cold full gap report (10k)", found, 3.0)
    assert "; the rest of the timed run, 1.000 s, is Python." in text
    assert "1.000 s, is Python and the parser." in computation("Load (10k)", found, 3.0, "Python and the parser")
    assert text.count("| `samverkan/") >= 2, "both tables list the package's functions"
    assert "more than the timed run" in computation("Cold full gap report (10k)", found, 1.0)


def test_the_load_is_profiled_with_the_engines_own_methods(data_dir: Path) -> None:
    found = load_profile(data_dir)
    assert found["by_cumulative"][0]["function"].endswith("(_load_and_close)")
    calls = {row["function"]: row["calls"] for row in found["by_own"]}
    assert calls["<method 'bulk_extend' of 'pyoxigraph.Store' objects>"] == 1, "the engine's own methods are listed"
    assert isinstance(found["engine_seconds"], float)
    assert "queries" not in found
    assert not (data_dir.parent / "samverkan-store-profiled").exists(), "the profiled store is removed"
    text = computation("Loading (10k)", found, found["engine_seconds"] + 1.0)
    assert (
        f"The engine: {found['engine_seconds']:.3f} s in its own methods; the rest of the timed run, 1.000 s"
        in text
    )
