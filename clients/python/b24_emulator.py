"""Control client of the Bitrix24 telephony emulator, for pytest and unittest suites. Standard library only.

    from b24_emulator import Emulator

    emulator = Emulator("http://127.0.0.1:8080", control_token=None)
    portal = emulator.new_portal()                 # an isolated portal with the demo data
    my_integration.use_webhook(portal.webhook_url)
    ...
    portal.assert_called("telephony.externalcall.register")

Every request goes to an endpoint listed in ENDPOINTS; the client's tests check each against the emulator's control
API document (/_emulator/control/openapi.json), so the client and the emulator cannot drift apart.
"""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Emulator", "Portal", "EmulatorError", "RecordingHandler", "ENDPOINTS"]

#: Every (HTTP method, path template) of the control API this client calls.
ENDPOINTS = (
    ("GET", "/_emulator/health"),
    ("GET", "/_emulator/control/openapi.json"),
    ("GET", "/_emulator/clock"),
    ("POST", "/_emulator/clock"),
    ("POST", "/_emulator/reset"),
    ("GET", "/_emulator/requests"),
    ("GET", "/_emulator/portals"),
    ("POST", "/_emulator/portals"),
    ("GET", "/_emulator/portals/{id}"),
    ("DELETE", "/_emulator/portals/{id}"),
    ("POST", "/_emulator/portals/{id}/reset"),
    ("GET", "/_emulator/portals/{id}/settings"),
    ("PATCH", "/_emulator/portals/{id}/settings"),
    ("GET", "/_emulator/portals/{id}/clock"),
    ("POST", "/_emulator/portals/{id}/clock"),
    ("GET", "/_emulator/portals/{id}/requests"),
    ("GET", "/_emulator/portals/{id}/events"),
    ("GET", "/_emulator/portals/{id}/faults"),
    ("POST", "/_emulator/portals/{id}/faults"),
    ("DELETE", "/_emulator/portals/{id}/faults"),
    ("POST", "/_emulator/portals/{id}/users"),
    ("POST", "/_emulator/portals/{id}/users/{userId}/login"),
    ("POST", "/_emulator/portals/{id}/crm/{type}"),
    ("GET", "/_emulator/portals/{id}/crm"),
    ("POST", "/_emulator/portals/{id}/crm-exclusions"),
    ("GET", "/_emulator/portals/{id}/apps"),
    ("POST", "/_emulator/portals/{id}/apps"),
    ("POST", "/_emulator/portals/{id}/trigger"),
    ("GET", "/_emulator/portals/{id}/calls"),
    ("GET", "/_emulator/portals/{id}/notifications"),
    ("GET", "/_emulator/portals/{id}/chat-messages"),
    ("POST", "/_emulator/portals/{id}/click-to-call"),
    ("GET", "/_emulator/portals/{id}/background-workers"),
    ("POST", "/_emulator/portals/{id}/background-workers/{placementId}/slow-load"),
)


class EmulatorError(Exception):
    """The emulator refused a control request: its HTTP status and Bitrix24-style error."""

    def __init__(self, status, error, description):
        super().__init__(f"{status} {error}: {description}")
        self.status = status
        self.error = error
        self.description = description


class Emulator:
    """A running emulator (the jar, the container image, a CI service), driven through its control API."""

    def __init__(self, base_url="http://127.0.0.1:8080", control_token=None, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.control_token = control_token
        self.timeout = timeout
        #: the endpoints this client has called (its tests check they are all documented)
        self.called = set()

    def request(self, method, template, path=None, body=None, query=None):
        """Calls one endpoint of ENDPOINTS: the template's {names} filled from path, a JSON body, a query."""
        if (method, template) not in ENDPOINTS:
            raise ValueError(f"{method} {template} is not a control endpoint this client knows")
        self.called.add((method, template))
        url = self.base_url + template.format(**{k: urllib.parse.quote(str(v), safe="") for k, v in (path or {}).items()})
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.control_token:
            request.add_header("X-Emulator-Token", self.control_token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as failure:
            try:
                answer = json.loads(failure.read() or b"{}")
            except ValueError:
                answer = {}
            raise EmulatorError(failure.code, answer.get("error", "HTTP_ERROR"),
                                answer.get("error_description", failure.reason)) from None
        except OSError as failure:  # refused, reset, timed out, no such host: as the PHP and Node clients say it
            reason = failure.reason if isinstance(failure, urllib.error.URLError) else failure
            raise EmulatorError(0, "UNREACHABLE", f"Cannot reach the emulator at {self.base_url}: {reason}") from failure

    def health(self):
        return self.request("GET", "/_emulator/health")

    def wait_until_up(self, seconds=60):
        """Waits for the emulator to answer (a container starting, a jar just launched); answers its health."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                return self.health()
            except (OSError, EmulatorError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def control_openapi(self):
        """The control API's OpenAPI document, as this emulator serves it."""
        return self.request("GET", "/_emulator/control/openapi.json")

    def new_portal(self, seed=None, portal_id=None, webhook_token=None, scopes=None):
        """A new isolated portal: the demo data, or a seed in the format of --seed files."""
        body = {"demo": seed is None}
        for key, value in (("seed", seed), ("id", portal_id), ("webhookToken", webhook_token), ("scopes", scopes)):
            if value is not None:
                body[key] = value
        return Portal(self, self.request("POST", "/_emulator/portals", body=body))

    def portal(self, portal_id):
        return Portal(self, self.request("GET", "/_emulator/portals/{id}", {"id": portal_id}))

    def default_portal(self):
        return self.portal("default")

    def portals(self):
        return [Portal(self, view) for view in self.request("GET", "/_emulator/portals")]

    def clock(self):
        return self.request("GET", "/_emulator/clock")

    def advance_clock(self, duration):
        """Moves every portal's clock forward by an ISO-8601 duration ("PT31M")."""
        return self.request("POST", "/_emulator/clock", body={"advance": duration})

    def set_clock(self, instant):
        """Sets the emulator clock to an ISO-8601 instant ("2026-01-01T10:00:00Z")."""
        return self.request("POST", "/_emulator/clock", body={"set": instant})

    def reset(self):
        """The default portal re-seeded, every other portal deleted, the clock reset."""
        return self.request("POST", "/_emulator/reset")

    def requests(self, method=None, portal=None, limit=None):
        """The request journal of every portal, oldest first, with the requests whose credentials named no portal
        (portal None: a mistyped webhook URL, an unknown token) unless a portal is given."""
        return self.request("GET", "/_emulator/requests", query={"method": method, "portal": portal, "limit": limit})


class Portal:
    """One portal as a test sees it: its webhook, clock, settings, CRM, applications, journals and faults."""

    def __init__(self, emulator, view):
        self.emulator = emulator
        self.id = view["id"]
        self.webhook_url = view["webhookUrl"]
        self.member_id = view["memberId"]

    def _call(self, method, template, body=None, query=None, **path):
        return self.emulator.request(method, "/_emulator/portals/{id}" + template, dict(path, id=self.id), body, query)

    def settings(self, **changes):
        """The settings; with keyword arguments, changes them first (settings(crmMode="SIMPLE"))."""
        if changes:
            return self._call("PATCH", "/settings", changes)
        return self._call("GET", "/settings")

    def clock(self):
        return self._call("GET", "/clock")

    def advance_clock(self, duration):
        """Moves this portal's clock only (token expiry, the 30-minute rule, card timers)."""
        return self._call("POST", "/clock", {"advance": duration})

    def set_clock(self, instant):
        return self._call("POST", "/clock", {"set": instant})

    def add_user(self, **fields):
        return self._call("POST", "/users", fields)

    def login_user(self, user_id):
        """The user logs in: an invited user's first login completes the registration and sends ONUSERADD."""
        return self._call("POST", "/users/{userId}/login", userId=user_id)

    def add_crm(self, entity_type, **fields):
        """Adds a lead, contact, company or deal (crm.*.add field names) without a REST call; answers its ID."""
        return int(self._call("POST", "/crm/{type}", fields, type=entity_type)["ID"])

    def crm(self):
        return self._call("GET", "/crm")

    def exclude(self, phone):
        """Puts a number on the CRM exclusion list."""
        return self._call("POST", "/crm-exclusions", {"phone": phone})

    def install_app(self, client_id, client_secret, scopes, handler_url=None, **more):
        """Installs an application; answers its tokens (access_token, refresh_token, application_token, ...)."""
        body = dict(more, clientId=client_id, clientSecret=client_secret, scopes=list(scopes))
        if handler_url is not None:
            body["handlerUrl"] = handler_url
        return self._call("POST", "/apps", body)

    def apps(self):
        return self._call("GET", "/apps")

    def trigger(self, event, handler_url, data=None, client_id=None, user_id=None, forged=False):
        """Sends a documented event to a handler now, as the installed application receives it (or, forged, as an
        impostor would: tokens the portal never issued); answers the delivery."""
        body = {"event": event, "handlerUrl": handler_url, "data": data or {}}
        if client_id is not None:
            body["clientId"] = client_id
        if user_id is not None:
            body["userId"] = user_id
        if forged:
            body["forged"] = True
        return self._call("POST", "/trigger", body)

    def click_to_call(self, phone_number, user_id=None, **more):
        """A user clicks a number in Bitrix24: the line's application is told (OnExternalCallStart)."""
        body = dict(more, phoneNumber=phone_number)
        if user_id is not None:
            body["userId"] = user_id
        return self._call("POST", "/click-to-call", body)

    def calls(self):
        return self._call("GET", "/calls")

    def background_workers(self, user_id=None, uri=None):
        """The PAGE_BACKGROUND_WORKER handlers (a WebRTC client, say) a page of the portal at uri loads for the user:
        [{placementId, title, url, form, isAdmin}]."""
        return self._call("GET", "/background-workers", query={"user": user_id, "uri": uri})

    def slow_load(self, placement_id):
        """A page's report that the handler took more than five seconds to load: {placementId, count, removed}; the
        eleventh of a day removes it and tells its errorHandlerUrl ERROR_PLACEMENT_LOADING_OVERTIME."""
        return self._call("POST", "/background-workers/{placementId}/slow-load", {}, placementId=placement_id)

    def notifications(self):
        """The notifications sent with im.notify.*, oldest first (TO_USER_ID, FROM_USER_ID, NOTIFY_MESSAGE, ...)."""
        return self._call("GET", "/notifications")

    def chat_messages(self):
        """The messages finished calls left in the messenger (finish with ADD_TO_CHAT), oldest first (DIALOG_ID, USER_ID, MESSAGE, CALL_ID, ...)."""
        return self._call("GET", "/chat-messages")

    def requests(self, method=None):
        """Every REST call the portal served, oldest first (of one method, in any case, if given)."""
        return self._call("GET", "/requests", query={"method": method})

    def deliveries(self, event=None):
        """Every delivery attempt to a handler, oldest first (of one event, if given)."""
        return self._call("GET", "/events", query={"event": event})

    def assert_called(self, method):
        """Fails unless the method was called and answered 2xx, listing what was called instead (with each status
        and error); answers the last such call. requests() has the failed calls too."""
        calls = [e for e in self.requests(method) if 200 <= e["status"] < 300]
        if not calls:
            served = [f"{e['method']} {e['status']} {e.get('error') or ''}".strip() for e in self.requests()]
            raise AssertionError(f"Expected a successful call of {method} on portal {self.id}; it served: {served}")
        return calls[-1]

    def assert_delivered(self, event, within=5.0):
        """Waits (deliveries are asynchronous) until an event was delivered, its handler answering 2xx; answers
        that delivery. deliveries() has the failed attempts too (status 0: no answer)."""
        deadline = time.monotonic() + within
        while True:
            delivered = [d for d in self.deliveries(event) if 200 <= d["status"] < 300]
            if delivered:
                return delivered[-1]
            if time.monotonic() > deadline:
                seen = [f"{d['event']} -> {d['status']} {d.get('error') or ''}".strip() for d in self.deliveries()]
                raise AssertionError(f"Expected a delivery of {event} on portal {self.id}; there were: {seen}")
            time.sleep(0.05)

    def fault(self, method="*", error=None, **more):
        """Makes the portal answer an error to a method ("*": any), or delay it (latencyMs=), or drop the
        connection (drop=True); count= and probability= with seed= limit it. Answers the fault."""
        body = dict(more, method=method)
        if error is not None:
            body["error"] = error
        return self._call("POST", "/faults", body)

    def faults(self):
        return self._call("GET", "/faults")

    def clear_faults(self):
        return self._call("DELETE", "/faults")

    def reset(self):
        """Back to the portal's seed."""
        return self._call("POST", "/reset")

    def delete(self):
        """Deletes the portal: its webhook and tokens stop working."""
        return self._call("DELETE", "")


class RecordingHandler:
    """A stand-in for an event handler, for tests that need somewhere for deliveries to go: records every POST it
    receives, form-decoded with flat keys as they arrive ("auth[application_token]"), and answers 200.

        with RecordingHandler() as handler:
            portal.install_app("local.pbx", "secret", ["telephony"], handler.url)
            portal.assert_delivered("ONAPPINSTALL")
            token = handler.received[0]["auth[application_token]"]
    """

    def __init__(self, path="/b24"):
        received = self.received = []

        class Recorder(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                received.append(dict(urllib.parse.parse_qsl(body)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}{path}"

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
