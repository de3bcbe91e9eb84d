"""Crawl the official web UI, bemserver-ui 0.10.0, running on this client against a real API.

bemserver-ui was written for the upstream client (`bemserver-api-client` 0.22): running it
unchanged on ours is the drop-in test that real application code gives. Run it with the UI's own
venv (`.venv-ui`, made by `make .venv-ui/.installed`: the UI pins Flask), never the client's:

    .venv-ui/bin/python -m tools.ui_crawl --auth jwt --report report.json   # from the root
    (the server: BEMSERVER_URL, BEMSERVER_EMAIL, BEMSERVER_PASSWORD, an admin account)

One run = one authentication method of the UI ("jwt" or "http_basic"): the UI installs its API
client factory on Flask's global `g` class, so two apps in one process would share it. The full
scope: seed a campaign and everything around it through this client; sign in with the UI's form;
request every GET route of the app's url_map; submit the UI's forms as a browser does (read from
the rendered pages: hidden ETags, selects, and every file input, empty ones included); call the
JSON actions the UI's JavaScript calls; check that error paths show upstream's messages; sign out;
delete the seeded data. Scope "auth" keeps the paths where the authentication method matters;
scope "refresh" outlives the access token (a server with short tokens).

A request fails on an exception (the app propagates them), no answer in REQUEST_TIMEOUT (a
deadlock fails with its stack, the crawl goes on), a 4xx or 5xx, an "error" flash or one with no
message, or another outcome than the expected one. In the full scope every GET route of the
url_map must be requested: a new one fails the run until get_routes has it. The JSON report
lists every request, and for failures the traceback of the exception behind them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import io
import json
import os
import re
import secrets
import sys
import threading
import time
import traceback
import urllib.parse
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import bemserver_ui
import flask

from bemserver_api_client import BEMServerApiClient

UI_HOST = "ui.test"  # Flask >= 3.1 needs SERVER_NAME to build the favicon URL at app start
REQUEST_TIMEOUT = 20.0  # seconds; the slowest page takes about 2 (with HTTP Basic)
SEED_TIMEOUT = 180.0


def call_with_timeout(function: Any, seconds: float) -> tuple[Any, Exception | None, str]:
    """Run `function` in a thread: (its value, its exception, where it hung if it did).

    A deadlock in the client must fail one request with its stack, not hang the whole run.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except Exception as error:
            outcome["error"] = error

    worker = threading.Thread(target=target, daemon=True)  # a hung one must not block the exit
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        frame = sys._current_frames().get(worker.ident or 0)
        stack = "".join(traceback.format_stack(frame)) if frame else "(no stack)\n"
        return None, None, f"Stack of the call still running after {seconds:.0f} s:\n{stack}"
    return outcome.get("value"), outcome.get("error"), ""


# -- what a request gave ----------------------------------------------------------------------


@dataclass
class Result:
    kind: str  # seed, app, get, form, action, probe, coverage
    name: str
    method: str = ""
    url: str = ""
    rule: str = ""  # the url_map rule a GET crawled (coverage is counted on it)
    status: int | None = None
    seconds: float = 0.0
    problem: str = ""  # empty: the request worked
    traceback: str = ""
    flashes: list[list[Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass
class Expect:
    """What a request must give; the default: no error of any kind."""

    status: tuple[int, ...] = ()  # empty: any 2xx/3xx
    flash_error: str | None = None  # an "error" flash whose message contains this
    validation_field: str | None = None  # ...and whose validation errors name this field
    location: str | None = None  # a redirect whose Location contains this
    json_message: str | None = None  # a JSON answer whose "message" contains this


class Recorder:
    """What the app did during one request: flashes and the exceptions its handlers caught."""

    def __init__(self, app: flask.Flask) -> None:
        self.flashes: list[list[Any]] = []
        self.handled: list[str] = []
        flask.message_flashed.connect(self._on_flash, app)
        original = app.handle_user_exception

        def recording(error: Exception) -> Any:
            # The UI turns API errors into flashes and redirects: keep their tracebacks.
            self.handled.append("".join(traceback.format_exception(error)))
            return original(error)

        app.handle_user_exception = recording  # type: ignore[method-assign]

    def _on_flash(self, sender: Any, message: Any = None, category: Any = None, **extra: Any):
        errors = extra.get("validation_errors")
        self.flashes.append([category, message, json.loads(errors) if errors else None])

    def reset(self) -> None:
        self.flashes, self.handled = [], []


# -- HTML forms, read as a browser reads them -------------------------------------------------


@dataclass
class Form:
    id: str | None
    action: str
    method: str
    enctype: str
    fields: list[dict[str, Any]] = field(default_factory=list)

    def values(self) -> dict[str, str]:
        """What a browser submits: checked boxes only, the selected (or first) option."""
        data: dict[str, str] = {}
        for f in self.fields:
            kind, name = f["kind"], f["name"]
            if not name or kind in ("file", "submit", "button", "reset", "image"):
                continue
            if kind in ("checkbox", "radio") and not f["checked"]:
                continue
            if kind == "select":
                chosen = [o for o in f["options"] if o["selected"]] or f["options"][:1]
                if chosen:
                    data[name] = chosen[0]["value"]
                continue
            data[name] = f["value"]
        return data

    def file_names(self) -> list[str]:
        return [f["name"] for f in self.fields if f["kind"] == "file" and f["name"]]

    def options(self, name: str) -> list[dict[str, Any]]:
        for f in self.fields:
            if f["name"] == name and f["kind"] == "select":
                return list(f["options"])
        return []


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._owned: list[tuple[str, dict[str, Any]]] = []  # fields with a form="id" attribute
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def _place(self, attrs: dict[str, Any], item: dict[str, Any]) -> None:
        if attrs.get("form"):
            self._owned.append((attrs["form"], item))
        elif self._form is not None:
            self._form.fields.append(item)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: ("" if v is None else v) for k, v in attrs_list}
        if tag == "form":
            self._form = Form(
                attrs.get("id") or None,
                attrs.get("action", ""),
                (attrs.get("method") or "GET").upper(),
                attrs.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            default = "on" if kind in ("checkbox", "radio") else ""
            item = {
                "kind": kind,
                "name": attrs.get("name", ""),
                "value": attrs.get("value", default),
                "checked": "checked" in attrs,
            }
            self._place(attrs, item)
        elif tag == "select":
            self._select = {"kind": "select", "name": attrs.get("name", ""), "options": []}
            self._place(attrs, self._select)
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "attrs": attrs,
                "text": "",
            }
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"kind": "textarea", "name": attrs.get("name", ""), "value": ""}
            self._place(attrs, self._textarea)

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None:
            if self._option["value"] is None:  # no value attribute: the option's text
                self._option["value"] = self._option["text"].strip()
            self._option = None
        elif tag == "textarea":
            self._textarea = None

    def close(self) -> None:
        super().close()
        by_id = {form.id: form for form in self.forms if form.id}
        for form_id, item in self._owned:
            if form_id in by_id:
                by_id[form_id].fields.append(item)


def parse_forms(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


# -- the app and a browser on it --------------------------------------------------------------


def make_app(url: str, auth_method: str) -> flask.Flask:
    parts = urllib.parse.urlsplit(url)

    class Config:
        SERVER_NAME = UI_HOST
        SECRET_KEY = secrets.token_hex(16)
        BEMSERVER_API_HOST = parts.netloc + parts.path.rstrip("/")
        BEMSERVER_API_USE_SSL = parts.scheme == "https"
        BEMSERVER_API_AUTH_METHOD = auth_method
        BEMSERVER_API_INITIAL_CONNECTION_TIMEOUT = 0  # fail at once, not after 300 s of retries

    # Not TESTING yet: the app checks the API version at start, as in production.
    app = bemserver_ui.create_app(Config)
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=True)
    return app


def fill_rule(rule: str, values: dict[str, Any]) -> str:
    """'/users/<int:id>' with {'id': 3} -> '/users/3'."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values[m.group(1)]), rule)


class Browser:
    def __init__(self, app: flask.Flask) -> None:
        self.app = app
        self.client = app.test_client()
        self.recorder = Recorder(app)
        self.results: list[Result] = []
        self.campaign_id: int | None = None  # the campaign context, sent on every URL

    def url(self, path: str, context: bool = True, **query: Any) -> str:
        if context and self.campaign_id is not None:
            query = {"campaign_ctxt": self.campaign_id, **query}
        query = {k: v for k, v in query.items() if v is not None}
        return path + ("?" + urllib.parse.urlencode(query) if query else "")

    def request(
        self,
        kind: str,
        name: str,
        method: str,
        url: str,
        *,
        rule: str = "",
        expect: Expect | None = None,
        client: Any = None,
        **options: Any,
    ) -> tuple[Result, Any]:
        """One request, judged and recorded; `client`: another session than the signed-in one."""
        expect = expect or Expect()
        client = client or self.client
        self.recorder.reset()
        result = Result(kind, name, method, url, rule)
        started = time.perf_counter()
        response, error, hung = call_with_timeout(
            lambda: client.open(url, method=method, **options), REQUEST_TIMEOUT
        )
        if hung:
            result.problem = f"no answer in {REQUEST_TIMEOUT:.0f} s (hung)"
            result.traceback = hung
        elif error is not None:
            result.problem = f"exception: {type(error).__name__}: {error}"
            result.traceback = "".join(traceback.format_exception(error))
        result.seconds = round(time.perf_counter() - started, 3)
        result.flashes = self.recorder.flashes
        if response is not None:
            result.status = response.status_code
            result.problem = self._judge(response, expect)
            if result.problem and self.recorder.handled:
                result.traceback = self.recorder.handled[-1]
        self.results.append(result)
        return result, response

    def _judge(self, response: Any, expect: Expect) -> str:
        status = response.status_code
        location = response.headers.get("Location", "")
        errors = [f for f in self.recorder.flashes if f[0] == "error"]
        if status >= 500:
            return f"HTTP {status}"
        if any(f[1] is None for f in self.recorder.flashes):
            return f"a flash with no message (None): {self.recorder.flashes}"
        if expect.flash_error is not None:
            if not any(expect.flash_error in str(f[1]) for f in errors):
                return f"expected an error flash with {expect.flash_error!r}, got {errors}"
            if expect.validation_field and not any(
                expect.validation_field in json.dumps(f[2]) for f in errors
            ):
                return f"expected validation errors on {expect.validation_field!r}, got {errors}"
        elif errors:
            return f"error flash: {errors}"
        if expect.status:
            if status not in expect.status:
                return f"HTTP {status}, expected {expect.status}: {self._body(response)}"
        elif status >= 400:
            return f"HTTP {status}: {self._body(response)}"
        if expect.json_message is not None:
            body = response.get_json(silent=True) or {}
            if expect.json_message not in str(body.get("message")):
                return f"expected a message with {expect.json_message!r}, got {body}"
        if expect.location is not None and expect.location not in location:
            return f"redirected to {location!r}, expected {expect.location!r}"
        if "/auth/signin" in location and expect.location is None:
            return f"signed out (redirected to {location})"
        return ""

    @staticmethod
    def _body(response: Any) -> str:
        return response.get_data(as_text=True)[:300]

    # -- helpers the steps use

    def get(self, kind: str, name: str, url: str, **kw: Any) -> tuple[Result, Any]:
        return self.request(kind, name, "GET", url, **kw)

    def json_call(
        self, name: str, method: str, url: str, body: Any = None, etag: str | None = None, **kw
    ) -> Any:
        """One call of the UI's internal JSON API; its decoded answer (None if it failed)."""
        headers = {"ETag": etag} if etag is not None else {}
        result, response = self.request(
            "action", name, method, url, json=body, headers=headers, **kw
        )
        if result.ok and response is not None and response.is_json:
            return response.get_json()
        return None

    def submit(
        self,
        name: str,
        page: str,
        *,
        form_id: str | None = None,
        action: str | None = None,
        fill: dict[str, Any] | None = None,
        files: dict[str, tuple[bytes, str]] | None = None,
        choose: dict[str, Any] | None = None,
        expect: Expect | None = None,
        kind: str = "form",
    ) -> Result | None:
        """Load `page`, take its form (by id, or by a fragment of its action), and submit it.

        `fill` sets fields (None removes one: an unchecked box); `choose` picks a select's option
        by a predicate on it; `files` gives file inputs content and a file name: every file
        input is sent, the others EMPTY with filename "" as browsers do.
        """
        result, response = self.get(kind, f"{name} (page)", page)
        if not result.ok:
            return None
        html = response.get_data(as_text=True)
        forms = [
            f
            for f in parse_forms(html)
            if (form_id is None or f.id == form_id) and (action is None or action in f.action)
        ]
        if not forms:
            self.results.append(
                Result(kind, name, "POST", page, problem=f"no form {form_id or action!r} on page")
            )
            return None
        form = forms[0]
        data: dict[str, Any] = form.values()
        for select_name, predicate in (choose or {}).items():
            matching = [o for o in form.options(select_name) if predicate(o)]
            if not matching:
                problem = f"no matching option in select {select_name!r}"
                self.results.append(Result(kind, name, "POST", page, problem=problem))
                return None
            data[select_name] = matching[0]["value"]
        for key, value in (fill or {}).items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = str(value)
        for file_name in form.file_names():
            content, filename = (files or {}).get(file_name, (b"", ""))
            data[file_name] = (io.BytesIO(content), filename)
        target = form.action or page
        options: dict[str, Any] = {"data": data}
        if "multipart" in form.enctype:
            options["content_type"] = "multipart/form-data"
        result, _ = self.request(kind, name, form.method, target, expect=expect, **options)
        return result


# -- seed data, through this client -----------------------------------------------------------


def api_client(url: str, email: str, password: str) -> BEMServerApiClient:
    parts = urllib.parse.urlsplit(url)
    client = BEMServerApiClient(
        parts.netloc + parts.path.rstrip("/"), use_ssl=parts.scheme == "https"
    )
    tokens = client.auth.get_tokens(email, password).data
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    return client


ELEMENT_TYPES = ["site", "building", "storey", "space", "zone"]
VALUE_SAMPLES = {"integer": "12", "float": "3.5", "boolean": "true", "string": "text"}


def seed(api: BEMServerApiClient, tag: str, admin_email: str) -> dict[str, Any]:
    """A campaign with a bit of everything, so that every page and id route has a target."""

    def new(resource: str, **fields: Any) -> int:
        return getattr(api, resource).create(fields).data["id"]

    ids: dict[str, Any] = {"tag": tag}
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    ids["admin"] = api.users.getall(email=admin_email).data[0]["id"]
    states = {s["name"]: s["id"] for s in api.timeseries_datastates.getall().data}
    ids["raw"], ids["clean"] = states["Raw"], states["Clean"]

    start = (now - dt.timedelta(days=420)).isoformat()
    c = ids["campaign"] = new(
        "campaigns", name=f"ui-{tag}", timezone="Europe/Paris", start_time=start, description="UI"
    )
    cs = ids["scope"] = new("campaign_scopes", name=f"scope-{tag}", campaign_id=c)
    ids["site"] = new("sites", name="site", campaign_id=c, latitude=43.48, longitude=-1.55)
    ids["building"] = new("buildings", name="building", site_id=ids["site"])
    ids["storey"] = new("storeys", name="storey", building_id=ids["building"])
    ids["space"] = new("spaces", name="space", storey_id=ids["storey"])
    ids["zone"] = new("zones", name="zone", campaign_id=c)

    # Structural element properties: one per value type, on every type, with a value.
    ids["element_property"] = {}
    for value_type, sample in VALUE_SAMPLES.items():
        prop = ids["element_property"][value_type] = new(
            "structural_element_properties", name=f"{value_type}-{tag}", value_type=value_type
        )
        for kind in ELEMENT_TYPES:
            link = new(f"{kind}_properties", structural_element_property_id=prop)
            fields = {f"{kind}_id": ids[kind], f"{kind}_property_id": link, "value": sample}
            new(f"{kind}_property_data", **fields)

    # Timeseries: one per role, hourly data in Raw and Clean over the last 40 days.
    ts = ids["ts"] = {}
    units = {"temperature": "°C", "humidity": "%", "energy": "Wh", "production": "Wh"}
    for role in ["temperature", "humidity", "energy", "production", "plain", "free", "erase"]:
        ts[role] = new(
            "timeseries",
            name=f"{role}-{tag}",
            campaign_id=c,
            campaign_scope_id=cs,
            unit_symbol=units.get(role, ""),
        )
    hours = [now - dt.timedelta(hours=h) for h in range(40 * 24)]
    values = {str(ts_id): {m.isoformat(): 10.0 + m.hour for m in hours} for ts_id in ts.values()}
    for state in (ids["raw"], ids["clean"]):
        api.timeseries_data.upload(state, values)
    ids["ts_property"] = {}
    for value_type, sample in VALUE_SAMPLES.items():
        prop = ids["ts_property"][value_type] = new(
            "timeseries_properties", name=f"ts-{value_type}-{tag}", value_type=value_type
        )
        new("timeseries_property_data", timeseries_id=ts["plain"], property_id=prop, value=sample)
    for kind in ELEMENT_TYPES:
        new(f"timeseries_by_{kind}s", timeseries_id=ts["plain"], **{f"{kind}_id": ids[kind]})

    # Semantics: energy consumption and production, weather.
    energy = ids["energy"] = api.energies.getall().data[0]["id"]
    end_use = ids["end_use"] = api.energy_end_uses.getall().data[0]["id"]
    technology = ids["technology"] = api.energy_prod_technologies.getall().data[0]["id"]
    ids["consumption"], ids["production"] = {}, {}
    for kind in ("site", "building"):
        where = {f"{kind}_id": ids[kind], "energy_id": energy}
        ids["consumption"][kind] = new(
            f"energy_cons_ts_by_{kind}s", end_use_id=end_use, timeseries_id=ts["energy"], **where
        )
        ids["production"][kind] = new(
            f"energy_prod_ts_by_{kind}s",
            prod_tech_id=technology,
            timeseries_id=ts["production"],
            **where,
        )
    site = ids["site"]
    ids["weather"] = new(
        "weather_ts_by_sites",
        site_id=site,
        parameter="AIR_TEMPERATURE",
        timeseries_id=ts["temperature"],
        forecast=False,
    )
    new(
        "weather_ts_by_sites",
        site_id=site,
        parameter="RELATIVE_HUMIDITY",
        timeseries_id=ts["humidity"],
        forecast=True,
    )

    # Events, their links, a notification for the admin.
    category = ids["category"] = new("event_categories", name=f"category-{tag}")
    ids["category_spare"] = new("event_categories", name=f"spare-{tag}")
    ids["category_subscription"] = new(
        "event_categories_by_users",
        user_id=ids["admin"],
        category_id=category,
        notification_level="DEBUG",
    )
    event = ids["event"] = new(
        "events",
        campaign_scope_id=cs,
        category_id=category,
        level="WARNING",
        source="crawler",
        timestamp=now.isoformat(),
    )
    for kind in ELEMENT_TYPES:
        new(f"event_by_{kind}s", event_id=event, **{f"{kind}_id": ids[kind]})
    new("timeseries_by_events", event_id=event, timeseries_id=ts["plain"])
    ids["notification"] = new(
        "notifications", user_id=ids["admin"], event_id=event, timestamp=now.isoformat()
    )

    # Users and groups, a scheduled task.
    email = f"user-{tag}@example.test"
    ids["user"] = new("users", name=f"user-{tag}", email=email, password=secrets.token_hex(8))
    group = ids["group"] = new("user_groups", name=f"group-{tag}")
    new("user_by_user_groups", user_id=ids["user"], user_group_id=group)
    new("user_groups_by_campaigns", campaign_id=c, user_group_id=group)
    new("user_groups_by_campaign_scopes", campaign_scope_id=cs, user_group_id=group)
    ids["task"] = new(
        "task_by_campaign",
        task_name="Cleanup",
        campaign_id=c,
        is_enabled=False,
        parameters={},
        offset_unit="day",
        start_offset=-1,
        end_offset=0,
    )
    return ids


# -- the crawl: every GET route ---------------------------------------------------------------


def get_routes(ids: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(rule, path values, query) for every GET route: each rule at least once."""
    ts = ids["ts"]
    today = dt.date.today()
    week_ago = today - dt.timedelta(days=7)
    plain, temperature = ts["plain"], ts["temperature"]
    series = f"{plain},{temperature}"
    clean = ids["clean"]
    routes: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("/", {}, {}),
        ("/index", {}, {}),
        ("/about", {}, {}),
        ("/stats", {}, {}),
        ("/favicon.ico", {}, {}),
        ("/static/<path:filename>", {"filename": "images/bemserver.ico"}, {}),
        ("/static/scripts/modules/flaskES6-endpoints.js", {}, {}),
        ("/static/scripts/modules/signedUserData.js", {}, {}),
        ("/static/scripts/modules/tools/timezones.js", {}, {}),
        ("/auth/signin", {}, {}),  # signed in: a redirect to the index
        # Users and groups
        ("/users/", {}, {}),
        ("/users/<int:id>", {"id": ids["user"]}, {}),
        ("/users/<int:id>", {"id": ids["admin"]}, {"tab": "groups"}),
        ("/users/<int:id>/edit", {"id": ids["user"]}, {}),
        ("/users/create", {}, {}),
        ("/user_groups/", {}, {}),
        ("/user_groups/<int:id>", {"id": ids["group"]}, {}),
        ("/user_groups/<int:id>/edit", {"id": ids["group"]}, {}),
        ("/user_groups/<int:id>/manage", {"id": ids["group"]}, {}),
        ("/user_groups/<int:id>/manage_campaign_scopes", {"id": ids["group"]}, {}),
        ("/user_groups/<int:id>/manage_campaigns", {"id": ids["group"]}, {}),
        ("/user_groups/create", {}, {}),
        ("/api/users/<int:id>/groups", {"id": ids["user"]}, {}),
        # Campaigns and scopes
        ("/campaigns/", {}, {}),
        ("/campaigns/", {}, {"state": "ongoing", "in_name": "ui-"}),
        ("/campaigns/<int:id>", {"id": ids["campaign"]}, {}),
        ("/campaigns/<int:id>/edit", {"id": ids["campaign"]}, {}),
        ("/campaigns/<int:id>/manage_groups", {"id": ids["campaign"]}, {}),
        ("/campaigns/create", {}, {}),
        ("/campaign_scopes/", {}, {}),
        ("/campaign_scopes/<int:id>", {"id": ids["scope"]}, {}),
        ("/campaign_scopes/<int:id>/edit", {"id": ids["scope"]}, {}),
        ("/campaign_scopes/create", {}, {}),
        ("/api/campaigns/", {}, {}),
        ("/api/campaigns/<int:id>", {"id": ids["campaign"]}, {}),
        ("/api/campaign_scopes/", {}, {}),
        ("/api/campaign_scopes/", {}, {"campaign_id": ids["campaign"]}),
        ("/api/campaign_scopes/<int:id>/groups", {"id": ids["scope"]}, {}),
        # Structural elements
        ("/structural_elements/", {}, {}),
        ("/structural_elements/", {}, {"tab": "zones"}),
        ("/structural_elements/properties/", {}, {}),
        (
            "/structural_elements/properties/<int:id>/edit",
            {"id": ids["element_property"]["string"]},
            {},
        ),
        ("/structural_elements/properties/create", {}, {}),
        ("/structural_elements/upload", {}, {}),
        ("/api/structural_elements/", {}, {}),
        ("/api/structural_elements/types", {}, {}),
        ("/api/structural_elements/tree/sites", {}, {}),
        ("/api/structural_elements/tree/sites", {}, {"draggable": "true", "types": "site"}),
        ("/api/structural_elements/tree/zones", {}, {"draggable": "true"}),
        # Timeseries
        ("/timeseries/", {}, {}),
        (
            "/timeseries/",
            {},
            {
                "campaign_scope_id": ids["scope"],
                "in_name": "plain",
                "structural_element_recursive": "on",
                "recurse_site_id": ids["site"],
                f"prop_{ids['ts_property']['string']}": "text",
                f"prop_{ids['ts_property']['boolean']}": "on",
                "page_size": 5,
                "page": 1,
            },
        ),
        ("/timeseries/", {}, {"site_id": ids["site"], "zone_id": ids["zone"]}),
        ("/timeseries/<int:id>/edit", {"id": plain}, {}),
        ("/timeseries/<int:id>/edit", {"id": plain}, {"tab": "attributes"}),
        ("/timeseries/create", {}, {}),
        ("/timeseries/upload", {}, {}),
        ("/timeseries/manage_structural_elements", {}, {}),
        ("/timeseries/semantic_setup", {}, {}),
        ("/timeseries/datastates/", {}, {}),
        ("/timeseries/datastates/<int:id>/edit", {"id": clean}, {}),
        ("/timeseries/datastates/create", {}, {}),
        ("/timeseries/properties/", {}, {}),
        ("/timeseries/properties/<int:id>/edit", {"id": ids["ts_property"]["float"]}, {}),
        ("/timeseries/properties/create", {}, {}),
        ("/timeseries/data/upload", {}, {}),
        ("/timeseries/data/explore", {}, {}),
        (
            "/timeseries/data/explore",
            {},
            {
                "timeseries": series,
                "data_state": clean,
                "period_type": "custom",
                "period_start_date": week_ago.isoformat(),
                "period_end_date": today.isoformat(),
                "agg": "avg",
                "bucket_width_value": 1,
                "bucket_width_unit": "day",
            },
        ),
        ("/timeseries/data/compare_states", {}, {"timeseries": series}),
        ("/timeseries/data/completeness", {}, {"timeseries": series}),
        ("/timeseries/data/delete", {}, {}),
        ("/timeseries/data/export", {}, {}),
        ("/api/timeseries/", {}, {}),
        (
            "/api/timeseries/",
            {},
            {"page_size": 5, "page": 1, "search": "plain", "campaign_scope_id": ids["scope"]},
        ),
        ("/api/timeseries/", {}, {"recurse_site_id": ids["site"]}),
        ("/api/timeseries/", {}, {"recurse_building_id": ids["building"]}),
        ("/api/timeseries/", {}, {"recurse_storey_id": ids["storey"]}),
        ("/api/timeseries/", {}, {"space_id": ids["space"], "zone_id": ids["zone"]}),
        ("/api/timeseries/<int:id>", {"id": plain}, {}),
        ("/api/timeseries/<int:id>/properties", {"id": plain}, {}),
        ("/api/timeseries/<int:id>/structural_elements", {"id": plain}, {}),
        ("/api/timeseries/datastates/", {}, {}),
        (
            "/api/timeseries/data/<int:id>/retrieve_data",
            {"id": plain},
            {
                "data_state": clean,
                "timezone": "Europe/Paris",
                "start_date": week_ago.isoformat(),
                "end_date": today.isoformat(),
            },
        ),
        (
            "/api/timeseries/data/<int:id>/retrieve_data",
            {"id": plain},
            {
                "data_state": clean,
                "timezone": "UTC",
                "start_date": week_ago.isoformat(),
                "start_time": "06:00",
                "end_date": today.isoformat(),
                "end_time": "18:00",
                "agg": "max",
                "bucket_width_value": 6,
                "bucket_width_unit": "hour",
            },
        ),
        (
            "/api/timeseries/data/retrieve_data",
            {},
            {"timeseries": series, "data_state": clean, "period": "last-7-days"},
        ),
        (
            "/api/timeseries/data/retrieve_data",
            {},
            {
                "timeseries": series,
                "data_state": clean,
                "period": "custom",
                "start_date": week_ago.isoformat(),
                "end_date": today.isoformat(),
                "agg": "sum",
                "bucket_width_value": 1,
                "bucket_width_unit": "day",
                "timezone": "Europe/Paris",
            },
        ),
        (
            "/api/timeseries/data/download",
            {},
            {
                "timeseries": f"plain-{ids['tag']},temperature-{ids['tag']}",
                "data_state": clean,
                "period": "last-24-hours",
                "filename": "export",
            },
        ),
        (
            "/api/timeseries/data/download",
            {},
            {
                "timeseries": f"plain-{ids['tag']}",
                "data_state": clean,
                "period": "last-30-days",
                "agg": "avg",
                "bucket_width_value": 1,
                "bucket_width_unit": "week",
            },
        ),
        ("/api/timeseries/data/stats", {}, {"timeseries": series, "data_state": clean}),
        ("/api/timeseries/data/stats", {}, {"timeseries": ts["free"], "data_state": ids["raw"]}),
        # Events
        ("/events/", {}, {}),
        ("/events/<int:id>/edit", {"id": ids["event"]}, {}),
        ("/events/create", {}, {}),
        ("/events/categories/", {}, {}),
        ("/events/categories/<int:id>", {"id": ids["category"]}, {}),
        ("/events/categories/create", {}, {}),
        ("/api/events/", {}, {"page_size": 10, "page": 1, "sort": "-timestamp"}),
        (
            "/api/events/",
            {},
            {
                "in_source": "crawl",
                "campaign_scope": ids["scope"],
                "level_min": "INFO",
                "category": ids["category"],
                "date_min": week_ago.isoformat(),
                "date_max": (today + dt.timedelta(days=1)).isoformat(),
                "recurse_site_id": ids["site"],
            },
        ),
        ("/api/events/", {}, {"level": "WARNING", "timeseries_id": plain}),
        ("/api/events/", {}, {"zone_id": ids["zone"], "space_id": ids["space"]}),
        ("/api/events/categories", {}, {}),
        ("/api/events/levels", {}, {}),
        ("/api/events/<int:id>/timeseries", {"id": ids["event"]}, {"page_size": 10, "page": 1}),
        ("/api/events/<int:id>/timeseries/links", {"id": ids["event"]}, {}),
        ("/api/events/<int:id>/timeseries/links", {"id": ids["event"]}, {"timeseries_id": plain}),
        # Notifications and tasks
        ("/notifications/", {}, {}),
        ("/notifications/", {}, {"state": "unread"}),
        ("/notifications/setup", {}, {}),
        (
            "/api/notifications/",
            {},
            {"page_size": 10, "page": 1, "campaign_id": ids["campaign"], "sort": "-timestamp"},
        ),
        (
            "/api/notifications/",
            {},
            {
                "read": "false",
                "event_id": ids["event"],
                "date_min": week_ago.isoformat(),
                "date_max": (today + dt.timedelta(days=1)).isoformat(),
            },
        ),
        ("/api/notifications/count", {}, {}),
        ("/api/notifications/count", {}, {"read": "false"}),
        ("/api/notifications/setup/<int:id>", {"id": ids["category_subscription"]}, {}),
        ("/tasks/", {}, {}),
        ("/api/tasks/", {}, {}),
        (
            "/api/tasks/",
            {},
            {"campaign": ids["campaign"], "task_state": "disabled", "task_name": "Cleanup"},
        ),
        ("/api/tasks/<int:id>/", {"id": ids["task"]}, {}),
        ("/api/tasks/offset_units", {}, {}),
        ("/api/tasks/registered", {}, {}),
        # Semantics
        ("/api/semantics/energy/", {}, {}),
        ("/api/semantics/energy/consumption/end_uses", {}, {}),
        ("/api/semantics/energy/production/technologies", {}, {}),
        ("/api/semantics/weather/", {}, {"site": ids["site"], "forecast": "false"}),
        ("/api/semantics/weather/", {}, {"site": ids["site"], "forecast": "true"}),
        ("/api/semantics/weather/<int:id>", {"id": ids["weather"]}, {}),
        ("/api/semantics/weather/parameters", {}, {}),
        # Analysis
        ("/analysis/degree_days/", {}, {}),
        ("/analysis/energy_consumption/", {}, {}),
        ("/analysis/weather/", {}, {}),
        ("/api/analysis/parameters/weeks/<int:year>/<int:month>", {"year": 2025, "month": 2}, {}),
        (
            "/api/analysis/parameters/weekends/",
            {},
            {"timezone": "Europe/Paris", "period": "last-30-days"},
        ),
        (
            "/api/analysis/parameters/nights/",
            {},
            {
                "timezone": "UTC",
                "period": "custom",
                "start_date": week_ago.isoformat(),
                "end_date": today.isoformat(),
                "night_start_time": "22:00",
                "night_end_time": "06:00",
            },
        ),
    ]
    for period_type in ["Year-Monthly", "Month-Daily", "Week-Hourly", "Day-Hourly"]:
        routes.append(
            (
                "/api/analysis/completeness/",
                {},
                {
                    "timeseries": series,
                    "data_state": clean,
                    "period_type": period_type,
                    "period_year": today.year,
                    "period_month": today.month,
                    "period_week": week_ago.strftime("%G-W%V"),
                    "period_day": today.isoformat(),
                },
            )
        )
    dd = {"dd_type": "heating", "dd_base": 18, "dd_base_unit": "°C"}
    for period_type, extra in [
        ("Month-Daily", {}),
        ("Year-Monthly", {"compare_year_period": 1}),
        ("Yearly", {"dd_type": "cooling"}),
    ]:
        routes.append(
            (
                "/api/analysis/degree_days/site/<int:site_id>",
                {"site_id": ids["site"]},
                {
                    "period_type": period_type,
                    "period_month": today.month,
                    "period_year": today.year if period_type != "Yearly" else 1,
                    "year_reference": today.year,
                    **dd,
                    **extra,
                },
            )
        )
    for kind in ("site", "building"):
        for period_type, unit in [("Month-Hourly", None), ("Month-Daily", "kWh"), ("Yearly", "Wh")]:
            routes.append(
                (
                    "/api/analysis/energy_consumption/<string:structural_element_type>/"
                    "<int:structural_element_id>",
                    {"structural_element_type": kind, "structural_element_id": ids[kind]},
                    {
                        "period_type": period_type,
                        "period_month": today.month,
                        "period_year": today.year if period_type != "Yearly" else 1,
                        "year_reference": today.year,
                        "unit": unit,
                    },
                )
            )
    for period_type in ["Day-Minute", "Week-Hourly", "Month-Hourly", "Last-Day", "Last-Week"]:
        routes.append(
            (
                "/api/analysis/weather/site/<int:site_id>",
                {"site_id": ids["site"]},
                {
                    "period_type": period_type,
                    "period_day": week_ago.day,
                    "period_month": week_ago.month,
                    "period_year": week_ago.year,
                    "forecast": 5,
                },
            )
        )
    # Every structural element type, for the routes that take one.
    for kind in ELEMENT_TYPES:
        routes += [
            ("/structural_elements/<string:type>/create", {"type": kind}, {}),
            (
                "/structural_elements/<string:type>/<int:id>/edit",
                {"type": kind, "id": ids[kind]},
                {},
            ),
            ("/api/structural_elements/<string:type>", {"type": f"{kind}s"}, {}),
            (
                "/api/structural_elements/<string:type>/<int:id>",
                {"type": kind, "id": ids[kind]},
                {},
            ),
            (
                "/api/structural_elements/<string:type>/<int:id>/properties",
                {"type": kind, "id": ids[kind]},
                {},
            ),
            (
                "/api/events/<int:id>/structural_elements/<string:type>",
                {"id": ids["event"], "type": kind},
                {"page_size": 10, "page": 1},
            ),
            (
                "/api/events/<int:id>/structural_elements/<string:type>/links",
                {"id": ids["event"], "type": kind},
                {"structural_element_id": ids[kind]},
            ),
        ]
    for kind in ("site", "building"):
        cons = ids["consumption"][kind]
        prod = ids["production"][kind]
        routes += [
            (
                "/api/semantics/energy/consumption/<string:struct_elmt_type>",
                {"struct_elmt_type": kind},
                {kind: ids[kind], "energy": ids["energy"], "energy_use": ids["end_use"]},
            ),
            (
                "/api/semantics/energy/consumption/<int:id>/<string:struct_elmt_type>",
                {"id": cons, "struct_elmt_type": kind},
                {},
            ),
            (
                "/api/semantics/energy/production/<string:struct_elmt_type>",
                {"struct_elmt_type": kind},
                {kind: ids[kind], "prod_tech": ids["technology"], "timeseries": ts["production"]},
            ),
            (
                "/api/semantics/energy/production/<int:id>/<string:struct_elmt_type>",
                {"id": prod, "struct_elmt_type": kind},
                {},
            ),
        ]
    return routes


def crawl_get_routes(browser: Browser, ids: dict[str, Any]) -> None:
    for rule, values, query in get_routes(ids):
        url = browser.url(fill_rule(rule, values), **query)
        browser.get("get", rule, url, rule=rule)
    # The start page, without a campaign in context.
    browser.get("get", "/ (no campaign)", browser.url("/", context=False), rule="/")


# -- the crawl: forms, as a browser submits them ----------------------------------------------


CSV_SITES = "Name,Description,IFC_ID\n{site},uploaded site,ifc-{tag}\n"
CSV_BUILDINGS = "Site,Name,Description,IFC_ID\n{site},uploaded building,from csv,\n"
CSV_TIMESERIES = (
    "Campaign scope,Name,Description,Unit,Site,Building,Storey,Space,Zone\n"
    "{scope},uploaded-{tag},from csv,Wh,site,,,,\n"
    "{scope},uploaded-zone-{tag},from csv,,,,,,zone\n"
)


def find(api: BEMServerApiClient, resource: str, query: Any = None, **match: Any) -> int | None:
    """The id of the newest item whose fields equal `match` (a form made it), if any."""
    items = getattr(api, resource).getall(**(query or {})).data
    found = [x["id"] for x in items if all(x.get(k) == v for k, v in match.items())]
    return found[-1] if found else None


def crawl_forms(browser: Browser, api: BEMServerApiClient, ids: dict[str, Any]) -> dict[str, Any]:
    """Create, edit, link and unlink through the UI's forms; returns what they created."""
    u = browser.url
    tag = ids["tag"]
    made: dict[str, Any] = {}
    today = dt.date.today()

    # Users
    browser.submit(
        "users.create",
        u("/users/create"),
        action="/users/create",
        fill={"name": f"form-user-{tag}", "email": f"form-{tag}@example.test", "password": "pw"},
    )
    made["user"] = find(api, "users", email=f"form-{tag}@example.test")
    browser.submit(
        "users.list (filters)",
        u("/users/"),
        form_id="formFilters",
        fill={"sort": "-email", "is_admin": "False", "is_active": "True"},
    )
    if made["user"]:
        user = made["user"]
        browser.submit(
            "users.edit",
            u(f"/users/{user}/edit"),
            form_id="editForm",
            fill={"name": f"form-user-{tag}-edited", "password": "pw2"},
        )
        browser.submit(
            "users.set_status", u(f"/users/{user}"), form_id="setStatusForm", fill={"status": "on"}
        )
        browser.submit(
            "users.set_role", u(f"/users/{user}"), form_id="setRoleForm", fill={"admin": None}
        )

    # User groups: create, edit, add and remove a user, a campaign, a campaign scope
    browser.submit(
        "user_groups.create",
        u("/user_groups/create"),
        action="/user_groups/create",
        fill={"name": f"form-group-{tag}"},
    )
    group = made["group"] = find(api, "user_groups", name=f"form-group-{tag}")
    if group:
        browser.submit(
            "user_groups.edit",
            u(f"/user_groups/{group}/edit"),
            form_id="editForm",
            fill={"name": f"form-group-{tag}-edited"},
        )
        browser.submit(
            "user_groups.manage (add user)",
            u(f"/user_groups/{group}/manage"),
            form_id="addUsersForm",
            fill={f"user-{ids['user']}": "on"},
        )
        browser.submit(
            "user_groups.remove_user",
            u(f"/user_groups/{group}/manage"),
            action=f"/user_groups/{group}/remove_user",
        )
        browser.submit(
            "user_groups.manage_campaigns (add)",
            u(f"/user_groups/{group}/manage_campaigns"),
            form_id="addCampaignForm",
            fill={f"campaign-{ids['campaign']}": "on"},
        )
        browser.submit(
            "campaigns.remove_user_group",
            u(f"/user_groups/{group}/manage_campaigns"),
            action=f"/campaigns/{ids['campaign']}/remove_user_group",
        )
        browser.submit(
            "user_groups.manage_campaign_scopes (add)",
            u(f"/user_groups/{group}/manage_campaign_scopes"),
            form_id="addCampaignScopeForm",
            fill={f"campaign-scope-{ids['scope']}": "on"},
        )
        browser.submit(
            "campaign_scopes.remove_user_group",
            u(f"/user_groups/{group}/manage_campaign_scopes"),
            action=f"/campaign_scopes/{ids['scope']}/remove_user_group",
        )

    # Campaigns and campaign scopes
    browser.submit(
        "campaigns.list (filters)",
        u("/campaigns/"),
        action="/campaigns/",
        fill={"state": "ongoing", "in_name": "ui-"},
    )
    browser.submit(
        "campaigns.create",
        u("/campaigns/create"),
        action="/campaigns/create",
        fill={
            "name": f"form-campaign-{tag}",
            "timezone": "America/New_York",
            "description": "made by a form",
            "start_date": (today - dt.timedelta(days=30)).isoformat(),
            "start_time": "08:30",
            "end_date": (today + dt.timedelta(days=30)).isoformat(),
            "end_time": "",
        },
    )
    campaign = made["campaign"] = find(api, "campaigns", name=f"form-campaign-{tag}")
    if campaign:
        browser.submit(
            "campaigns.edit",
            u(f"/campaigns/{campaign}/edit"),
            form_id="editForm",
            fill={"description": "edited", "end_date": "", "end_time": ""},
        )
        browser.submit(
            "campaigns.manage_groups (add)",
            u(f"/campaigns/{campaign}/manage_groups"),
            form_id="addGroupsForm",
            fill={f"group-{ids['group']}": "on"},
        )
        browser.submit(
            "campaigns.remove_user_group (from campaign page)",
            u(f"/campaigns/{campaign}/manage_groups"),
            action=f"/campaigns/{campaign}/remove_user_group",
        )
        browser.submit(
            "campaign_scopes.create",
            u("/campaign_scopes/create"),
            action="/campaign_scopes/create",
            fill={"name": f"form-scope-{tag}", "description": "made by a form"},
            choose={"campaign": lambda o: o["value"] == str(campaign)},
        )
        scope = made["scope"] = find(api, "campaign_scopes", campaign_id=campaign)
        if scope:
            browser.submit(
                "campaign_scopes.edit",
                u(f"/campaign_scopes/{scope}/edit"),
                form_id="editForm",
                fill={"name": f"form-scope-{tag}-edited", "description": ""},
            )

    # Structural element properties
    browser.submit(
        "structural_elements.properties.list (filters)",
        u("/structural_elements/properties/"),
        action="/structural_elements/properties/",
        fill={"site": "on", "building": None, "storey": None, "space": None, "zone": None},
    )
    for name, value_type in [(f"form-prop-{tag}", "string"), (f"form-flag-{tag}", "boolean")]:
        browser.submit(
            f"structural_elements.properties.create ({value_type})",
            u("/structural_elements/properties/create"),
            action="/structural_elements/properties/create",
            fill={
                "name": name,
                "unit_symbol": "",
                "description": "made by a form",
                **dict.fromkeys(ELEMENT_TYPES, "on"),
            },
            choose={"value_type": lambda o, v=value_type: o["value"] == v},
        )
    made["element_property"] = find(api, "structural_element_properties", name=f"form-prop-{tag}")
    made["element_flag"] = find(api, "structural_element_properties", name=f"form-flag-{tag}")
    if made["element_flag"]:
        browser.submit(
            "structural_elements.properties.edit (detach from zones)",
            u(f"/structural_elements/properties/{made['element_flag']}/edit"),
            form_id="editForm",
            fill={"description": "edited", "zone": None},
        )

    # Structural elements: create one of each type, define, edit and delete an attribute value
    parents = {"building": "site", "storey": "building", "space": "storey"}
    made["elements"] = {}
    for kind in ELEMENT_TYPES:
        name = f"form-{kind}-{tag}"
        fill = {"name": name, "description": "made by a form", "ifc_id": ""}
        choose = {}
        if kind == "site":
            fill.update(latitude="44.8", longitude="-0.58")
        if kind in parents:
            parent = made["elements"].get(parents[kind])
            choose[parents[kind]] = lambda o, p=parent: o["value"] == str(p)
        browser.submit(
            f"structural_elements.create ({kind})",
            u(f"/structural_elements/{kind}/create"),
            action=f"/structural_elements/{kind}/create",
            fill=fill,
            choose=choose,
        )
        made["elements"][kind] = find(api, f"{kind}s", {"campaign_id": ids["campaign"]}, name=name)
    for kind in ELEMENT_TYPES:
        element = ids[kind]
        page = u(f"/structural_elements/{kind}/{element}/edit", tab="attributes")
        # The string attribute made above is available on every type: define a value.
        browser.submit(
            f"structural_elements.create_property ({kind})",
            page,
            form_id="addPropertyForm",
            fill={"availablePropertyValue": "from a form", "availablePropertyValueType": "string"},
            choose={"availableProperty": lambda o: o["text"].startswith(f"form-prop-{tag}")},
        )
        # Names and coordinates stay: later steps use them (CSV by names, weather download).
        fill = {"description": "edited by a form", "ifc_id": f"ifc-{kind}"}
        if kind == "site":
            fill.update(latitude="43.5")
        result = browser.submit(
            f"structural_elements.edit ({kind}, with attribute values)",
            page,
            form_id="editForm",
            fill=fill,
        )
        if result is not None and result.ok:
            data = getattr(api, f"{kind}_property_data").getall(**{f"{kind}_id": element}).data
            mine = [d for d in data if d["value"] == "from a form"]
            if mine:
                browser.submit(
                    f"structural_elements.delete_property ({kind})",
                    page,
                    form_id=f"delPropertyForm-{mine[0]['id']}",
                )

    # Sites CSV upload: every file input is sent, the empty ones too (as browsers do)
    browser.submit(
        "structural_elements.upload (2 files, 3 empty)",
        u("/structural_elements/upload"),
        action="/structural_elements/upload",
        files={
            "sites_csv": (CSV_SITES.format(site=f"csv-site-{tag}", tag=tag).encode(), "s.csv"),
            "buildings_csv": (CSV_BUILDINGS.format(site=f"csv-site-{tag}").encode(), "b.csv"),
        },
    )
    browser.submit(
        "structural_elements.upload (all files empty)",
        u("/structural_elements/upload"),
        action="/structural_elements/upload",
    )

    # Timeseries
    browser.submit(
        "timeseries.create",
        u("/timeseries/create"),
        action="/timeseries/create",
        fill={"name": f"form-ts-{tag}", "description": "made by a form", "unit_symbol": "kWh"},
        choose={"campaign_scope_id": lambda o: o["value"] == str(ids["scope"])},
    )
    series = made["ts"] = find(api, "timeseries", {"name": f"form-ts-{tag}"})
    if series:
        page = u(f"/timeseries/{series}/edit", tab="attributes")
        browser.submit(
            "timeseries.create_property",
            page,
            form_id="addPropertyForm",
            fill={"availablePropertyValue": "7", "availablePropertyValueType": "integer"},
            choose={
                "availableProperty": lambda o: o["value"] == str(ids["ts_property"]["integer"])
            },
        )
        browser.submit(
            "timeseries.edit (with attribute values)",
            page,
            form_id="editForm",
            fill={
                "name": f"form-ts-{tag}-edited",
                "unit_symbol": "Wh",
                f"property-{ids['ts_property']['integer']}": "8",
            },
        )
        data = api.timeseries_property_data.getall(timeseries_id=series).data
        if data:
            browser.submit(
                "timeseries.delete_property", page, form_id=f"delPropertyForm-{data[0]['id']}"
            )
    browser.submit(
        "timeseries.upload (CSV)",
        u("/timeseries/upload"),
        action="/timeseries/upload",
        files={
            "timeseries_csv": (
                CSV_TIMESERIES.format(scope=f"scope-{tag}", tag=tag).encode(),
                "timeseries.csv",
            )
        },
    )
    csv_data = f"Datetime,plain-{tag},free-{tag}\n" + "".join(
        f"{today.isoformat()}T{h:02d}:30:00+00:00,{h},{h * 2}\n" for h in range(6)
    )
    browser.submit(
        "timeseries.data.upload (CSV)",
        u("/timeseries/data/upload"),
        action="/timeseries/data/upload",
        files={"csv_file": (csv_data.encode(), "data.csv")},
        choose={"data_state": lambda o: o["value"] == str(ids["raw"])},
    )

    # These two lists take POST too (no form of the UI posts to them: they list all the same).
    for path in ("/timeseries/datastates/", "/timeseries/properties/"):
        browser.request("form", f"{path} (POST)", "POST", u(path), data={})

    # Data states, timeseries properties, event categories: create, edit (delete at the end)
    for what, path, fill in [
        ("timeseries.datastates", "/timeseries/datastates", {"name": f"state-{tag}"}),
        (
            "timeseries.properties",
            "/timeseries/properties",
            {"name": f"form-ts-prop-{tag}", "unit_symbol": "m", "description": "form"},
        ),
        (
            "events.categories",
            "/events/categories",
            {"name": f"form-category-{tag}", "description": "made by a form"},
        ),
    ]:
        browser.submit(f"{what}.create", u(f"{path}/create"), action=f"{path}/create", fill=fill)
    made["state"] = find(api, "timeseries_datastates", name=f"state-{tag}")
    made["ts_property"] = find(api, "timeseries_properties", name=f"form-ts-prop-{tag}")
    made["category"] = find(api, "event_categories", name=f"form-category-{tag}")
    if made["state"]:
        browser.submit(
            "timeseries.datastates.edit",
            u(f"/timeseries/datastates/{made['state']}/edit"),
            form_id="editForm",
            fill={"name": f"state-{tag}-edited"},
        )
    if made["ts_property"]:
        browser.submit(
            "timeseries.properties.edit",
            u(f"/timeseries/properties/{made['ts_property']}/edit"),
            form_id="editForm",
            fill={"description": "edited"},
        )
    if made["category"]:
        browser.submit(
            "events.categories.edit",
            u(f"/events/categories/{made['category']}"),
            form_id="editForm",
            fill={"description": "edited"},
        )

    # Events
    browser.submit(
        "events.create",
        u("/events/create"),
        action="/events/create",
        fill={
            "timezone": "Europe/Paris",
            "description": "made by a form",
            "timestamp_date": today.isoformat(),
            "timestamp_time": "09:15",
        },
        choose={
            "campaign_scope": lambda o: o["value"] == str(ids["scope"]),
            "event_category": lambda o: o["value"] == str(ids["category_spare"]),
            "event_level": lambda o: o["value"] == "ERROR",
        },
    )
    query = {"campaign_id": ids["campaign"], "page_size": 100}
    made["event"] = find(api, "events", query, category_id=ids["category_spare"])
    if made["event"]:
        browser.submit(
            "events.edit",
            u(f"/events/{made['event']}/edit"),
            form_id="editForm",
            fill={"description": "edited by a form"},
            choose={"event_level": lambda o: o["value"] == "INFO"},
        )
    return made


def crawl_deletes(browser: Browser, ids: dict[str, Any], made: dict[str, Any]) -> None:
    """Delete what the forms made, with the delete forms (and their hidden ETags)."""
    u = browser.url
    pages = [
        ("events.delete", "event", "/events/{}/edit"),
        ("events.categories.delete", "category", "/events/categories/{}"),
        ("timeseries.properties.delete", "ts_property", "/timeseries/properties/{}/edit"),
        ("timeseries.datastates.delete", "state", "/timeseries/datastates/{}/edit"),
        ("timeseries.delete", "ts", "/timeseries/{}/edit"),
    ]
    for name, key, path in pages:
        if made.get(key):
            browser.submit(name, u(path.format(made[key])), form_id="delForm")
    for kind in reversed(ELEMENT_TYPES):
        element = made.get("elements", {}).get(kind)
        if element:
            browser.submit(
                f"structural_elements.delete ({kind})",
                u(f"/structural_elements/{kind}/{element}/edit"),
                form_id="delForm",
            )
    for key in ("element_property", "element_flag"):
        if made.get(key):
            browser.submit(
                "structural_elements.properties.delete",
                u(f"/structural_elements/properties/{made[key]}/edit"),
                form_id="delForm",
            )
    for name, key, path in [
        ("campaign_scopes.delete", "scope", "/campaign_scopes/{}"),
        ("campaigns.delete", "campaign", "/campaigns/{}"),
        ("user_groups.delete", "group", "/user_groups/{}"),
        ("users.delete", "user", "/users/{}"),
    ]:
        if made.get(key):
            browser.submit(name, u(path.format(made[key])), form_id="delForm")


# -- the crawl: the internal JSON API the UI's JavaScript calls -------------------------------


def crawl_actions(browser: Browser, api: BEMServerApiClient, ids: dict[str, Any]) -> None:
    u, call = browser.url, browser.json_call
    ts = ids["ts"]

    # Groups: add a user, a group to a campaign scope; then remove them
    added = call(
        "api.user_groups.add_user",
        "POST",
        u(f"/api/user_groups/{ids['group']}/add_user"),
        {"user_id": ids["admin"]},
    )
    if added:
        call(
            "api.user_groups.remove_user",
            "POST",
            u(f"/api/user_groups/{ids['group']}/remove_user", rel_id=added["data"]["id"]),
        )
    spare_group = ids["spare_group"] = api.user_groups.create(
        {"name": f"spare-group-{ids['tag']}"}
    ).data["id"]
    added = call(
        "api.campaign_scopes.add_group",
        "POST",
        u(f"/api/campaign_scopes/{ids['scope']}/add_group"),
        {"group_id": spare_group},
    )
    if added:
        call(
            "api.campaign_scopes.remove_group",
            "POST",
            u(f"/api/campaign_scopes/{ids['scope']}/remove_group", rel_id=added["data"]["id"]),
        )

    # Timeseries locations, event links (on an event of their own: the seeded one has them)
    spare = api.events.create(
        {
            "campaign_scope_id": ids["scope"],
            "category_id": ids["category_spare"],
            "source": "crawler",
            "level": "DEBUG",
            "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        }
    ).data["id"]
    for kind in ELEMENT_TYPES:
        link = call(
            f"api.timeseries.post_structural_elements ({kind})",
            "POST",
            u(f"/api/timeseries/{ts['free']}/structural_elements"),
            {"type": kind, "id": ids[kind]},
        )
        if link:
            call(
                f"api.timeseries.remove_structural_elements ({kind})",
                "POST",
                u(f"/api/timeseries/{ts['free']}/remove_structural_elements"),
                {"type": kind, "rel_id": link["data"]["id"]},
            )
        link = call(
            f"api.events.create_structural_elements_link ({kind})",
            "POST",
            u(f"/api/events/{spare}/structural_elements/{kind}/{ids[kind]}/links"),
        )
        if link:
            # The UI's answer (and its JavaScript) has the element's id where the link's was
            # (a UI bug, client-independent): ask the API for the link's.
            query = {"event_id": spare, f"{kind}_id": ids[kind]}
            link_id = getattr(api, f"event_by_{kind}s").getall(**query).data[0]["id"]
            call(
                f"api.events.delete_structural_elements_link ({kind})",
                "DELETE",
                u(f"/api/events/structural_elements/{kind}/links/{link_id}"),
            )
    link = call(
        "api.events.create_timeseries_link",
        "POST",
        u(f"/api/events/{ids['event']}/timeseries/{ts['free']}/links"),
    )
    if link:
        call(
            "api.events.delete_timeseries_link",
            "DELETE",
            u(f"/api/events/timeseries/links/{link['id']}"),
        )

    # Notifications: read one, all; subscribe, change, unsubscribe
    call(
        "api.notifications.update (read)",
        "PUT",
        u(f"/api/notifications/{ids['notification']}"),
        {"read": True},
    )
    call(
        "api.notifications.mark_all_as_read",
        "PUT",
        u("/api/notifications/mark_all_as_read", campaign_id=ids["campaign"]),
    )
    setup = call(
        "api.notifications.setup_create",
        "POST",
        u("/api/notifications/setup"),
        {"notification_level": "WARNING", "category_id": ids["category_spare"]},
    )
    if setup:
        setup = call(
            "api.notifications.setup_update",
            "PUT",
            u(f"/api/notifications/setup/{setup['data']['id']}"),
            {"notification_level": "ERROR", "category_id": ids["category_spare"]},
            etag=setup["etag"],
        )
    if setup:
        call(
            "api.notifications.setup_delete",
            "DELETE",
            u(f"/api/notifications/setup/{setup['data']['id']}"),
            etag=setup["etag"],
        )

    # Semantics: energy consumption and production by site and building, weather (other
    # energies, uses and technologies than the seeded links: they are unique together)
    for flow, extra in [
        ("consumption", {"end_use_id": ids["end_use"] + 1}),
        ("production", {"prod_tech_id": ids["technology"] + 1}),
    ]:
        for kind in ("site", "building"):
            payload = {
                f"{kind}_id": ids[kind],
                "energy_id": ids["energy"] + 1,
                "timeseries_id": ts["free"],
                **extra,
            }
            base = f"/api/semantics/energy/{flow}"
            made = call(
                f"api.semantics.energy.{flow}.create ({kind})", "POST", u(f"{base}/{kind}"), payload
            )
            if not made:
                continue
            one = call(
                f"api.semantics.energy.{flow}.retrieve_one ({kind})",
                "GET",
                u(f"{base}/{made['data']['id']}/{kind}"),
            )
            etag = (one or made)["etag"]
            updated = call(
                f"api.semantics.energy.{flow}.update ({kind})",
                "PUT",
                u(f"{base}/{made['data']['id']}/{kind}"),
                {**payload, "energy_id": ids["energy"] + 2},
                etag=etag,
            )
            if updated:
                call(
                    f"api.semantics.energy.{flow}.delete ({kind})",
                    "DELETE",
                    u(f"{base}/{made['data']['id']}/{kind}"),
                    etag=updated["etag"],
                )
    weather = call(
        "api.semantics.weather.create",
        "POST",
        u("/api/semantics/weather/"),
        {"site_id": ids["site"], "parameter": "WIND_SPEED", "timeseries_id": ts["free"]},
    )
    if weather:
        weather = call(
            "api.semantics.weather.update",
            "PUT",
            u(f"/api/semantics/weather/{weather['data']['id']}"),
            {
                "site_id": ids["site"],
                "parameter": "WIND_DIRECTION",
                "timeseries_id": ts["free"],
                "forecast": True,
            },
            etag=weather["etag"],
        )
    if weather:
        call(
            "api.semantics.weather.delete",
            "DELETE",
            u(f"/api/semantics/weather/{weather['data']['id']}"),
            etag=weather["etag"],
        )
    yesterday = dt.date.today() - dt.timedelta(days=1)
    call(
        "api.structural_elements.fetch_weather_data",
        "PUT",
        u(f"/api/structural_elements/site/{ids['site']}/fetch_weather_data"),
        {
            "start_date": (yesterday - dt.timedelta(days=1)).isoformat(),
            "start_time": "00:00",
            "end_date": yesterday.isoformat(),
            "end_time": "12:00",
        },
    )

    # Tasks: schedule one, change it, remove it; run one now
    task = call(
        "api.tasks.create",
        "POST",
        u("/api/tasks/"),
        {
            "task_name": "CheckMissingData",
            "campaign_id": ids["campaign"],
            "is_enabled": True,
            "parameters": '{"min_completeness_ratio": 0.8}',
            "offset_unit": "hour",
            "start_offset": "-2",
            "end_offset": "0",
        },
    )
    if task:
        got = call("api.tasks.get", "GET", u(f"/api/tasks/{task['data']['id']}/"))
        task = call(
            "api.tasks.update",
            "PUT",
            u(f"/api/tasks/{task['data']['id']}"),
            {
                "is_enabled": False,
                "parameters": "",
                "offset_unit": "day",
                "start_offset": -1,
                "end_offset": 0,
            },
            etag=(got or task)["etag"],
        )
    if task:
        call("api.tasks.delete", "DELETE", u(f"/api/tasks/{task['data']['id']}"), etag=task["etag"])
    call(
        "api.tasks.run_once",
        "POST",
        u("/api/tasks/run_once"),
        {
            "task_name": "Cleanup",
            "campaign_id": str(ids["campaign"]),
            "start_time": (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(),
            "end_time": dt.datetime.now(dt.UTC).isoformat(),
            "parameters": "{}",
        },
    )

    # Timeseries data: delete a day of one series
    call(
        "api.timeseries.data.delete_data",
        "POST",
        u("/api/timeseries/data/delete_data"),
        {
            "timezone": "Europe/Paris",
            "start_date": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
            "start_time": "00:00",
            "end_date": (dt.date.today() - dt.timedelta(days=2)).isoformat(),
            "end_time": "",
            "data_state": ids["raw"],
            "timeseries_ids": [ts["erase"]],
        },
    )


# -- the crawl: error paths show what they showed on the upstream client ---------------------


def crawl_probes(browser: Browser, ids: dict[str, Any], email: str) -> None:
    u = browser.url
    # 409: the server's message reaches the user.
    browser.submit(
        "campaigns.create, a name in use (409)",
        u("/campaigns/create"),
        action="/campaigns/create",
        fill={"name": f"ui-{ids['tag']}", "timezone": "UTC", "start_date": "", "end_date": ""},
        expect=Expect(flash_error="Unique constraint violation"),
        kind="probe",
    )
    # 422: "Validation errors!" and the field's messages (the UI reads exc.errors).
    browser.submit(
        "users.create, an invalid email (422)",
        u("/users/create"),
        action="/users/create",
        fill={"name": "bad email", "email": "not-an-email", "password": "pw"},
        expect=Expect(flash_error="Validation errors!", validation_field="email"),
        kind="probe",
    )
    # 412: a stale ETag.
    browser.submit(
        "user_groups.edit, a stale ETag (412)",
        u(f"/user_groups/{ids['group']}/edit"),
        form_id="editForm",
        fill={"name": f"group-{ids['tag']}", "editEtag": '"0000"'},
        expect=Expect(flash_error="invalid ETag precondition"),
        kind="probe",
    )
    # 404: a missing item.
    browser.get(
        "probe",
        "campaigns.view, a missing id (404)",
        u("/campaigns/999999999"),
        expect=Expect(flash_error="Resource not found!"),
    )
    browser.get(
        "probe",
        "api.timeseries.retrieve_one, a missing id (404)",
        u("/api/timeseries/999999999"),
        expect=Expect(status=(404,)),
    )
    # 304: the notification counter polls with the ETag it got.
    counted = browser.json_call(
        "api.notifications.retrieve_count", "GET", u("/api/notifications/count")
    )
    if counted:
        browser.get(
            "probe",
            "api.notifications.retrieve_count, unchanged (304)",
            u("/api/notifications/count", etag=counted["etag"]),
            expect=Expect(status=(304,)),
        )
    # 422 raised by the UI itself with the client's exception class.
    browser.request(
        "probe",
        "api.tasks.create, parameters not JSON (422 from the UI)",
        "POST",
        u("/api/tasks/"),
        json={
            "task_name": "Cleanup",
            "campaign_id": ids["campaign"],
            "is_enabled": False,
            "parameters": "{not json",
            "offset_unit": "day",
            "start_offset": 0,
            "end_offset": 0,
        },
        expect=Expect(status=(422,), json_message="Validation errors!"),
    )
    probe_wrong_password(browser, email)


def probe_wrong_password(browser: Browser, email: str) -> None:
    """A wrong password: back to the sign-in page, no crash (in a session of its own)."""
    browser.request(
        "probe",
        "auth.signin, a wrong password",
        "POST",
        "/auth/signin",
        data={"email": email, "pwd": "wrong password"},
        client=browser.app.test_client(),
        expect=Expect(status=(302,), location="/auth/signin"),
    )


# -- one run ----------------------------------------------------------------------------------

# The "auth" scope: the paths where the authentication method matters (sign-in, the client the
# UI builds per call, a form, a JSON action, a wrong password, sign-out), not the whole crawl:
# HTTP Basic costs the server an argon2 hash per call (about 150 ms), so a full crawl takes
# minutes with it and seconds with JWT, for the same client code on every other path.
AUTH_SCOPE_RULES = {
    "/",
    "/about",
    "/stats",
    "/users/<int:id>",
    "/campaigns/<int:id>",
    "/timeseries/",
    "/api/timeseries/",
    "/api/notifications/count",
    "/static/scripts/modules/signedUserData.js",
}


def crawl_auth_scope(browser: Browser, ids: dict[str, Any], email: str) -> None:
    for rule, values, query in get_routes(ids):
        if rule in AUTH_SCOPE_RULES:
            browser.get("get", rule, browser.url(fill_rule(rule, values), **query), rule=rule)
    browser.submit(
        "user_groups.edit",
        browser.url(f"/user_groups/{ids['group']}/edit"),
        form_id="editForm",
        fill={"name": f"group-{ids['tag']}-edited"},
    )
    browser.json_call(
        "api.notifications.update (read)",
        "PUT",
        browser.url(f"/api/notifications/{ids['notification']}"),
        {"read": True},
    )
    probe_wrong_password(browser, email)


def crawl_token_refresh(browser: Browser, ids: dict[str, Any], wait: float) -> None:
    """Outlive the access token: the client refreshes it and hands the new pair to the UI's
    callback, which keeps it in the session (in the request's context: it uses flask.session)."""
    with browser.client.session_transaction() as session:
        before = dict(session["auth_data"])
    time.sleep(wait)
    for rule in ("/stats", "/api/campaigns/", "/timeseries/"):
        browser.get("get", f"{rule} (expired access token)", browser.url(rule), rule=rule)
    with browser.client.session_transaction() as session:
        after = dict(session.get("auth_data") or {})
    renewed = after.get("access_token") not in (None, before["access_token"])
    problem = "" if renewed else "the session still holds the expired access token"
    browser.results.append(Result("probe", "tokens renewed in the session", problem=problem))


def run(
    url: str, email: str, password: str, auth_method: str, scope: str, wait: float
) -> list[Result]:
    results: list[Result] = []
    tag = f"{auth_method[:4]}-{secrets.token_hex(3)}"
    started = time.perf_counter()
    api = ids = None

    def seed_all() -> None:
        nonlocal api, ids
        api = api_client(url, email, password)
        ids = seed(api, tag, email)

    _, error, hung = call_with_timeout(seed_all, SEED_TIMEOUT)
    if hung:
        return [Result("seed", "seed", problem="seeding through the client hung", traceback=hung)]
    if error is not None:
        problem = f"seeding through the client failed: {type(error).__name__}: {error}"
        tb = "".join(traceback.format_exception(error))
        return [Result("seed", "seed", problem=problem, traceback=tb)]
    assert api is not None and ids is not None
    results.append(Result("seed", "seed", seconds=round(time.perf_counter() - started, 3)))
    try:
        app = make_app(url, auth_method)
    except Exception as error:
        problem = f"the app did not start: {type(error).__name__}: {error}"
        tb = "".join(traceback.format_exception(error))
        return [*results, Result("app", "create_app", problem=problem, traceback=tb)]

    browser = Browser(app)
    browser.results = results
    # The sign-in page, then its form (posted even if the page failed: the crawl goes on).
    browser.get("get", "/auth/signin (signed out)", "/auth/signin", rule="/auth/signin")
    signed, _ = browser.request(
        "form",
        "auth.signin",
        "POST",
        "/auth/signin",
        data={"email": email, "pwd": password},
        expect=Expect(status=(302,)),
    )
    with browser.client.session_transaction() as session:
        if "user" not in session:
            signed.problem = signed.problem or "signed in, but no user in the session"
    if not signed.ok:
        cleanup(api, ids)
        return browser.results
    browser.campaign_id = ids["campaign"]

    steps: list[tuple[str, Any]] = {
        "full": [
            ("GET routes", lambda: crawl_get_routes(browser, ids)),
            ("forms", lambda: crawl_deletes(browser, ids, crawl_forms(browser, api, ids))),
            ("actions", lambda: crawl_actions(browser, api, ids)),
            ("probes", lambda: crawl_probes(browser, ids, email)),
        ],
        "auth": [("auth paths", lambda: crawl_auth_scope(browser, ids, email))],
        "refresh": [("token refresh", lambda: crawl_token_refresh(browser, ids, wait))],
    }[scope]
    for name, step in steps:
        try:
            step()
        except Exception as error:  # this script's, or a direct call of the client's: go on
            problem = f"the {name} step stopped: {type(error).__name__}: {error}"
            tb = "".join(traceback.format_exception(error))
            browser.results.append(Result("crawler", name, problem=problem, traceback=tb))

    # Last: sign out (the session ends).
    browser.get(
        "get",
        "/auth/signout",
        browser.url("/auth/signout"),
        rule="/auth/signout",
        expect=Expect(location="/auth/signin"),
    )
    if scope == "full":  # every GET route of the app must have been requested
        crawled = {r.rule for r in browser.results if r.kind == "get"}
        for rule in sorted({r.rule for r in app.url_map.iter_rules() if "GET" in r.methods}):
            if rule not in crawled:
                problem = "GET route not crawled: add it to get_routes"
                browser.results.append(Result("coverage", rule, "GET", problem=problem))
    cleanup(api, ids)
    return browser.results


def cleanup(api: BEMServerApiClient, ids: dict[str, Any]) -> None:
    """Remove what the run seeded (the forms deleted what they made): best effort, for servers
    that outlive the tests. Deleting the campaign deletes its sites, timeseries and events."""
    targets = [("campaigns", ids["campaign"]), ("users", ids["user"])]
    targets += [("user_groups", group) for group in (ids["group"], ids.get("spare_group"))]
    targets += [("structural_element_properties", p) for p in ids["element_property"].values()]
    targets += [("timeseries_properties", p) for p in ids["ts_property"].values()]
    targets += [("event_categories", c) for c in (ids["category"], ids["category_spare"])]

    def delete_all() -> None:
        for resource, item in targets:
            entry = getattr(api, resource)
            with contextlib.suppress(Exception):  # hygiene only: a leftover is no UI failure
                entry.delete(item, etag=entry.getone(item).etag)

    call_with_timeout(delete_all, SEED_TIMEOUT)


def summary(results: list[Result], auth_method: str, scope: str, seconds: float) -> dict[str, Any]:
    routes: dict[str, bool] = {}  # GET rule -> every request of it worked
    for r in results:
        if r.kind in ("get", "coverage"):
            routes[r.rule or r.name] = routes.get(r.rule or r.name, True) and r.ok
    by_kind = {
        kind: {
            "ok": sum(r.ok for r in results if r.kind == kind),
            "failing": sum(not r.ok for r in results if r.kind == kind),
        }
        for kind in sorted({r.kind for r in results})
    }
    return {
        "auth_method": auth_method,
        "scope": scope,
        "client": f"bemserver-api-client {importlib.metadata.version('bemserver-api-client')}",
        "seconds": round(seconds, 1),
        "requests": sum(1 for r in results if r.method),
        "get_routes": {
            "total": len(routes),
            "ok": sum(routes.values()),
            "failing": sum(not ok for ok in routes.values()),
        },
        "by_kind": by_kind,
        "failures": sum(not r.ok for r in results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("BEMSERVER_URL"))
    parser.add_argument("--email", default=os.environ.get("BEMSERVER_EMAIL"))
    parser.add_argument("--password", default=os.environ.get("BEMSERVER_PASSWORD"))
    parser.add_argument("--auth", choices=["jwt", "http_basic"], default="jwt")
    parser.add_argument(
        "--scope",
        choices=["full", "auth", "refresh"],
        default="full",
        help="full: everything; auth: the sign-in and authentication paths only; refresh: "
        "outlive the access token (a server with short tokens, see --wait)",
    )
    parser.add_argument("--wait", type=float, default=3.0, help="refresh: seconds to wait")
    parser.add_argument("--report", help="write the JSON report there")
    args = parser.parse_args()
    if not (args.url and args.email and args.password):
        parser.error("give --url/--email/--password or BEMSERVER_URL/_EMAIL/_PASSWORD")

    # Warnings (e.g. the client's about query arguments the API does not declare) are no
    # failures: they go to the report, not to stderr.
    warned: dict[str, int] = {}

    def keep(message: Any, category: Any, filename: str, lineno: int, *rest: Any) -> None:
        text = f"{category.__name__}: {message} ({os.path.basename(filename)}:{lineno})"
        warned[text] = warned.get(text, 0) + 1

    warnings.showwarning = keep
    started = time.perf_counter()
    results = run(args.url, args.email, args.password, args.auth, args.scope, args.wait)
    info = summary(results, args.auth, args.scope, time.perf_counter() - started)
    info["warnings"] = len(warned)
    if args.report:
        report = {
            "summary": info,
            "failures": [vars(r) for r in results if not r.ok],
            "warnings": sorted(warned),
            "results": [vars(r) for r in results],
        }
        with open(args.report, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1, default=str)
    routes = info["get_routes"]
    print(
        f"bemserver-ui 0.10.0 on {info['client']}, {args.auth}, scope {args.scope}: "
        f"{info['requests']} requests in {info['seconds']} s; GET routes {routes['total']}: "
        f"{routes['ok']} OK, {routes['failing']} failing; failures in all: {info['failures']}"
    )
    for kind, count in info["by_kind"].items():
        print(f"  {kind:9} {count['ok']:4} OK {count['failing']:4} failing")
    print(f"  {len(warned)} distinct warnings (listed in the report)")
    for r in results:
        if not r.ok:
            print(f"FAIL [{r.kind}] {r.name}: {r.method} {r.url} -> {r.status}: {r.problem}")
    return 1 if info["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
