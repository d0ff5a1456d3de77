"""The W3C SHACL suite's outcome per folder, printed at the end of the run (`make test` shows it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

_SUITE = "test_w3c_shacl.py::test_w3c_shacl["
_OUTCOMES: dict[str, Counter[str]] = {}
_EARL = Path(__file__).resolve().parents[1] / "fixtures" / "w3c-shacl" / "pyshacl-earl-report.ttl"


def _pyshacl_passed() -> Counter[str]:
    """Tests pySHACL passes per folder, from its published report (EARL)."""
    earl = Namespace("http://www.w3.org/ns/earl#")
    report = Graph().parse(_EARL, format="turtle")
    return Counter(
        str(report.value(assertion, earl.test)).split(":/", 1)[1].strip("/").rsplit("/", 1)[0]
        for assertion in report.subjects(earl.test, None)
        if report.value(report.value(assertion, earl.result), earl.outcome) == earl.passed
    )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _SUITE not in report.nodeid or (report.when != "call" and report.passed):
        return
    folder = report.nodeid.split(_SUITE, 1)[1].rsplit("/", 1)[0]
    outcome = "failed" if report.failed else "xfailed" if hasattr(report, "wasxfail") else report.outcome
    _OUTCOMES.setdefault(folder, Counter())[outcome] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _OUTCOMES:
        return
    terminalreporter.write_sep("=", "W3C SHACL test suite (Samverkan's validator on the store)")
    terminalreporter.write_line(f"{'folder':<26}{'passed':>8}{'failed':>8}{'xfailed':>9}{'pySHACL':>9}")
    pyshacl = _pyshacl_passed()
    total: Counter[str] = Counter()
    for folder, counts in sorted(_OUTCOMES.items()):
        total.update(counts)
        terminalreporter.write_line(
            f"{folder:<26}{counts['passed']:>8}{counts['failed']:>8}{counts['xfailed']:>9}{pyshacl[folder]:>9}"
        )
    terminalreporter.write_line(
        f"{'all':<26}{total['passed']:>8}{total['failed']:>8}{total['xfailed']:>9}{pyshacl.total():>9}"
    )
