"""Property-based requests from the OpenAPI document (schemathesis): no operation answers with a 5xx (#18).

Bounded: a few derandomised examples per operation, in-process (no network), over the curated graph,
with short deadlines so a heavy route answers 503 by design rather than slowly; 503 is the only 5xx
allowed, and only with the deadline or admission message it is documented with. (Operations are
walked by the test itself: schemathesis's pytest plugin does not run under pytest 9.)"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

EXAMPLES = 5
DOCUMENTED_503 = (
    "SAMVERKAN_ROUTE_TIMEOUT",
    "SAMVERKAN_QUERY_TIMEOUT",
    "SAMVERKAN_MAX_RUNNING",
    "being checked",
)


def _operations(store: Store, settings: Settings) -> dict[str, Any]:
    api = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings, store))
    return {operation.label: operation for operation in (result.ok() for result in api.get_all_operations())}


LABELS = sorted(_operations(EmbeddedStore(), Settings()))
"""The operations of the OpenAPI document (read from an app over an empty store, to parametrise)."""


@pytest.fixture(scope="module")
def operations(settings: Settings, project_store: Store) -> dict[str, Any]:
    configured = settings.model_copy(update={"route_timeout": 10.0, "query_timeout": 5.0})
    return _operations(project_store, configured)


@pytest.mark.parametrize("label", LABELS)
def test_no_operation_answers_with_a_server_error(operations: dict[str, Any], label: str) -> None:
    @given(case=operations[label].as_strategy())
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    def answers_without_a_server_error(case: schemathesis.Case) -> None:
        response = case.call()
        if response.status_code == 503:
            assert any(limit in response.text for limit in DOCUMENTED_503), response.text
        else:
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"

    answers_without_a_server_error()
