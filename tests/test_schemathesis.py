"""The JSON API against its own description: schemathesis reads /openapi.json, generates
requests for every operation (valid ones and invalid ones) and runs all of its checks on
the answers: no 5xx, and every status, content type, header and body as described."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup

EXAMPLES = 100  # per operation and generation mode

load_all_checks()
ALL_CHECKS = CHECKS.get_all()


def run_operation(operation, mode: GenerationMode, cases: list) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(operation.as_strategy(generation_mode=mode))
    def check(case):
        cases.append(case)
        case.call_and_validate(checks=ALL_CHECKS)

    check()


def test_the_api_keeps_every_promise_of_its_description(sample_kb, monkeypatch):
    # (schemathesis' own pytest integration does not run under this pytest: its cases are driven here)
    monkeypatch.setenv("KB_DATA_DIR", str(sample_kb.data_dir))  # the app reads it once, when it starts
    import server

    schema = schemathesis.openapi.from_asgi("/openapi.json", server.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    cases: list = []
    failures = {}
    for operation in operations:
        for mode in GenerationMode:
            try:
                run_operation(operation, mode, cases)
            except Unsatisfiable:
                pass  # no invalid request can be made of it (no parameters, or free-form text only)
            except (Exception, FailureGroup) as exc:  # every operation is tried; all failures are reported together
                failures[f"{operation.label} ({mode.value})"] = exc
    print(f"schemathesis: {len(operations)} operations, {len(cases)} test cases, {len(failures)} failing")
    assert len(operations) >= 5
    assert not failures, "\n\n".join(f"{label}: {exc}" for label, exc in failures.items())
