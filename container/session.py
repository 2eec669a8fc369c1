"""What container/test.sh drives through the running image, with the Python control client (clients/python).

    python3 container/session.py session      URL CONTROL_TOKEN WEBHOOK_URL   # calls, an OAuth app, deliveries
    python3 container/session.py mark         URL CONTROL_TOKEN               # leaves state to find after a restart
    python3 container/session.py check-marked URL CONTROL_TOKEN               # finds it

Each check prints "ok - what" or "FAIL - what: why"; the exit code is the number of failures.
"""

import json
import os
import pathlib
import shlex
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "clients" / "python"))
from b24_emulator import Emulator, EmulatorError, RecordingHandler  # noqa: E402

FAILURES = []
MARK_PHONE = "+79997770001"


def check(what, condition, detail=""):
    print(("ok   - " if condition else "FAIL - ") + what + ("" if condition else f": {detail}"), flush=True)
    if not condition:
        FAILURES.append(what)


def rest(url, params=None):
    request = urllib.request.Request(url, data=json.dumps(params or {}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as failure:
        return failure.code, json.loads(failure.read() or b"{}")


def status_of(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as failure:
        return failure.code


def session(url, token, webhook):
    emulator = Emulator(url, token)
    check("the control API answers with the token", emulator.health()["status"] == "UP")
    check("the control API refuses without the token (beyond loopback)", status_of(url + "/_emulator/health") == 401)

    incoming = {"USER_ID": 2, "PHONE_NUMBER": "+79990000001", "TYPE": 2, "LINE_NUMBER": "74950000000"}
    status, registered = rest(webhook + "telephony.externalcall.register", incoming)
    call_id = registered.get("result", {}).get("CALL_ID", "")
    check("register on the default portal's webhook", status == 200 and call_id.startswith("externalCall."), registered)
    status, finished = rest(webhook + "telephony.externalcall.finish", {"CALL_ID": call_id, "USER_ID": 2, "DURATION": 35})
    check("finish", status == 200 and finished["result"]["CALL_DURATION"] == 35, finished)
    status, found = rest(webhook + "telephony.externalCall.searchCrmEntities", {"PHONE_NUMBER": "8 (999) 000-00-01"})
    check("search finds the demo contact", status == 200 and found["result"][0]["NAME"] == "Ivan Petrov", found)
    journal = [e["method"] for e in emulator.requests(portal="default")][-3:]
    check("the journal holds the session, the last call included", journal ==
          ["telephony.externalcall.register", "telephony.externalcall.finish", "telephony.externalCall.searchCrmEntities"],
          journal)
    demo = status_of(url + "/rest/1/demo-token/user.current")
    check("the well-known demo-token does not open the portal", demo == 401, demo)

    handler = RecordingHandler("/b24/events")
    portal = emulator.new_portal()
    tokens = portal.install_app("local.pbx", "s3cret", ["telephony", "crm", "user"], handler.url)
    installed = portal.assert_delivered("ONAPPINSTALL")
    check("ONAPPINSTALL reached the handler on the host", installed["status"] == 200 and handler.received
          and handler.received[0].get("auth[application_token]") == tokens["application_token"], installed)
    oauth = url + "/rest/"
    status, _ = rest(oauth + "event.bind?auth=" + tokens["access_token"],
                     {"event": "OnVoximplantCallEnd", "handler": handler.url})
    check("event.bind as the application", status == 200)
    _, call = rest(oauth + "telephony.externalcall.register?auth=" + tokens["access_token"], incoming)
    rest(oauth + "telephony.externalcall.finish?auth=" + tokens["access_token"],
         {"CALL_ID": call["result"]["CALL_ID"], "USER_ID": 2, "DURATION": 12})
    ended = portal.assert_delivered("ONVOXIMPLANTCALLEND")
    check("OnVoximplantCallEnd delivered to the handler", ended["status"] == 200
          and any(r.get("data[CALL_ID]") == call["result"]["CALL_ID"] for r in handler.received), ended)
    inside = os.environ.get("EXEC_IN_CONTAINER")
    if inside:
        # the jar's trigger command, run inside the image: it finds the control token in the file the server wrote
        before = len(handler.received)
        run = subprocess.run(shlex.split(inside) + ["/opt/jre/bin/java", "-jar", "/app/b24-emulator.jar", "trigger",
                             "OnVoximplantCallStart", "--portal", portal.id, "--to", handler.url, "--data", "USER_ID=2"],
                             capture_output=True, text=True, timeout=120)
        got = handler.received[before:]
        check("trigger (in the image) sends OnVoximplantCallStart as the application", run.returncode == 0 and got
              and got[-1].get("auth[application_token]") == tokens["application_token"]
              and got[-1].get("data[USER_ID]") == "2", run.stdout + run.stderr)
    try:
        portal.settings(crmMode="NEITHER")
        check("a bad setting is refused", False, "accepted")
    except EmulatorError as refused:
        check("a bad setting is refused with the reason", refused.status == 400, refused)
    print(f"portal={portal.id} handler={handler.url}", flush=True)


def mark(url, token):
    emulator = Emulator(url, token)
    contact = emulator.default_portal().add_crm("contact", NAME="Restart", LAST_NAME="Probe",
                                                PHONE=[{"VALUE": MARK_PHONE, "VALUE_TYPE": "WORK"}])
    emulator.default_portal().advance_clock("PT2H")
    check("state to keep: a contact and a moved portal clock", contact > 0)


def check_marked(url, token):
    emulator = Emulator(url, token)
    emulator.wait_until_up()
    portal = emulator.default_portal()
    names = [c.get("NAME", "") for c in portal.crm()["contacts"]]
    check("the contact survived the restart", any("Restart" in name for name in names), names)
    check("the portal clock offset survived the restart", portal.clock()["offsetSeconds"] >= 7200, portal.clock())


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    {"session": session, "mark": mark, "check-marked": check_marked}[command](*arguments)
    sys.exit(len(FAILURES))
