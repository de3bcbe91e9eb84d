"""Every Python example of the guide (docs/guide/*.md) runs against the real server.

The ```python blocks of a page run in page order, in one namespace per page, so a page reads as
one script: a block may use what an earlier block of its page defined. A block that raises
fails the page's test, with the page and line of the block in the traceback. Blocks in other
languages (```sh, ```text) are not Python and are not run.

The namespace starts with the names the guide's index page documents (docs/guide/index.md):

    BASE_URL         the server's URL
    EMAIL, PASSWORD  an admin account of it
    client           a BEMServerApiClient(BASE_URL) logged in with bearer tokens (fresh per page)
    CAMPAIGN_ID      a campaign made for this module's pages
    SITE_ID          a site of that campaign (its outdoor air temperature: TIMESERIES_IDS[0])
    TIMESERIES_IDS   two timeseries of the campaign with hourly values from 2024-01-01 for a
                     week, in the "Raw" and "Clean" data states

and REQUESTS_CA_BUNDLE names the server's CA when it has one of its own (the way deployments
name theirs), so the pages build clients without `verify=`.

A block that cannot run (an illustrative fragment, something the test process cannot do) is
marked by an HTML comment on the line before it, `<!-- not run: reason -->`; every such block
is listed in NOT_RUN below, so none goes unnoticed: a new one fails
test_blocks_not_run_are_listed until it is added there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from bemserver_api_client import BEMServerApiClient

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
PAGES = sorted(GUIDE.glob("*.md"))

# (page, reason) of every block marked `<!-- not run: reason -->`, in page order.
NOT_RUN = [
    (
        "production.md",
        "a spawn process pool re-imports the caller's __main__, which the test's exec "
        "namespace is not",
    ),
]

FENCE = re.compile(r"^(\s*)```\s*([\w+-]*)")
NOT_RUN_MARK = re.compile(r"^\s*<!--\s*not run:\s*(.*?)\s*-->\s*$")
PYTHON = {"python", "py", "python3", "pycon"}


@dataclasses.dataclass(frozen=True)
class Block:
    page: Path
    line: int  # the line of the block's first code line in the page (1-based)
    code: str
    not_run: str | None  # the reason, for a block marked not run


def python_blocks(page: Path) -> list[Block]:
    """The ```python blocks of a page, in order. Raises on what would hide a block: an
    indented python fence (inside a list) or a fence left open."""
    lines = page.read_text().splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        indent, language = fence.groups()
        end = next(
            (i for i in range(index + 1, len(lines)) if lines[i].strip() == "```"),
            None,
        )
        if end is None:
            raise AssertionError(f"{page.name}:{index + 1}: a code fence is never closed")
        if language.lower() in PYTHON:
            if indent:
                raise AssertionError(
                    f"{page.name}:{index + 1}: an indented python block (not extracted): "
                    "put it at the start of the line"
                )
            previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
            mark = NOT_RUN_MARK.match(previous)
            blocks.append(
                Block(
                    page,
                    index + 2,
                    "\n".join(lines[index + 1 : end]) + "\n",
                    mark.group(1) if mark else None,
                )
            )
        index = end + 1
    return blocks


def test_blocks_not_run_are_listed():
    """Every block marked not run has a reason and is in NOT_RUN; nothing else is skipped."""
    marked = [
        (block.page.name, block.not_run)
        for page in PAGES
        for block in python_blocks(page)
        if block.not_run is not None
    ]
    for page, reason in marked:
        print(f"not run: docs/guide/{page}: {reason}")
    assert all(reason for _, reason in marked), "a `not run:` mark without a reason"
    assert marked == NOT_RUN


def test_the_guide_has_python_blocks():
    runnable = [block for page in PAGES for block in python_blocks(page) if not block.not_run]
    assert len(runnable) >= 30, "the guide's examples were not found"


@dataclasses.dataclass(frozen=True)
class GuideData:
    campaign_id: int
    site_id: int
    timeseries_ids: list[int]


def login(server) -> BEMServerApiClient:
    client = BEMServerApiClient(server.url, **server.client_options)
    tokens = client.auth.get_tokens(server.email, server.password).data
    assert tokens["status"] == "success"
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    return client


@pytest.fixture(scope="module")
def guide_data(server) -> Iterator[GuideData]:
    """The sample data the pages read: a campaign, a site, two timeseries with a week of
    hourly Raw and Clean values (the first one the site's outdoor air temperature)."""
    with login(server) as client:
        name = f"guide {uuid.uuid4().hex[:8]}"
        campaign = client.campaigns.create({"name": name, "timezone": "UTC"}).data
        scope = client.campaign_scopes.create({"name": name, "campaign_id": campaign["id"]}).data
        site = client.sites.create(
            {"name": name, "campaign_id": campaign["id"], "latitude": 43.6, "longitude": 1.44}
        ).data
        ids = [
            client.timeseries.create(
                {
                    "name": f"{label} {name}",
                    "unit_symbol": unit,
                    "campaign_id": campaign["id"],
                    "campaign_scope_id": scope["id"],
                }
            ).data["id"]
            for label, unit in (("Outdoor air temperature", "°C"), ("Heating power", "kW"))
        ]
        client.timeseries_by_sites.create({"site_id": site["id"], "timeseries_id": ids[0]})
        client.weather_ts_by_sites.create(
            {
                "site_id": site["id"],
                "timeseries_id": ids[0],
                "parameter": "AIR_TEMPERATURE",
                "forecast": False,
            }
        )
        states = client.timeseries_datastates.getall().data
        raw = next(state["id"] for state in states if state["name"] == "Raw")
        start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        stamps = [(start + dt.timedelta(hours=hour)).isoformat() for hour in range(24 * 7)]
        values = {
            ids[0]: {stamp: 5.0 + (hour % 24) / 4 for hour, stamp in enumerate(stamps)},
            ids[1]: {stamp: 10.0 - (hour % 24) / 4 for hour, stamp in enumerate(stamps)},
        }
        clean = next(state["id"] for state in states if state["name"] == "Clean")
        for state in (raw, clean):  # degree days read Clean data
            client.timeseries_data.upload(state, values)
        yield GuideData(campaign["id"], site["id"], ids)


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_guide_page_runs(page, server, guide_data, monkeypatch):
    if server.ca_bundle:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", server.ca_bundle)
    blocks = [block for block in python_blocks(page) if block.not_run is None]
    with login(server) as client:
        namespace = {
            "__name__": f"docs_guide_{page.stem.replace('-', '_')}",
            "BASE_URL": server.url,
            "EMAIL": server.email,
            "PASSWORD": server.password,
            "client": client,
            "CAMPAIGN_ID": guide_data.campaign_id,
            "SITE_ID": guide_data.site_id,
            "TIMESERIES_IDS": list(guide_data.timeseries_ids),
        }
        relative = page.relative_to(ROOT)
        for block in blocks:
            # Padded so that tracebacks give the block's lines in the page.
            code = compile("\n" * (block.line - 1) + block.code, str(relative), "exec")
            started = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # an example that warns is a bad example
                    exec(code, namespace)
            except BaseException as exc:
                exc.add_note(f"in the python block at {relative}:{block.line}")
                raise
            print(f"{relative}:{block.line}: ran in {time.perf_counter() - started:.2f} s")
