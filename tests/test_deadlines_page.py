"""The API page's limits table states the gateway's deadlines as the code has them."""

from __future__ import annotations

from demo_server.gateway import BODY_TIMEOUT, REQUEST_BUDGET
from tests.helpers import ROOT


def test_the_limits_table_states_the_deadlines():
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    table = page[page.index("## Limits") :].split("\n\n")[2]
    rows = {
        what.strip(): (limit.strip(), past.strip())
        for what, limit, past in (line.strip("|").split("|") for line in table.splitlines()[2:])
    }
    body = rows["Time to send a request's body, once its headers are in"]
    assert body[0] == f"{BODY_TIMEOUT:g} seconds" and body[1].startswith("`408 ")
    answer = rows["Time from a request's arrival to its answer"]
    assert answer[0] == f"{REQUEST_BUDGET:g} seconds" and answer[1].startswith("`503 ")
