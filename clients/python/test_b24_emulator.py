"""Tests of the Python control client against a running emulator (B24_EMULATOR_URL; clients/test.sh starts one).

Run: B24_EMULATOR_URL=http://127.0.0.1:8080 python3 -m unittest -v test_b24_emulator   (or pytest)
"""

import json
import os
import pathlib
import unittest
import urllib.error
import urllib.request

from b24_emulator import ENDPOINTS, Emulator, EmulatorError, RecordingHandler

URL = os.environ.get("B24_EMULATOR_URL")
SPEC = pathlib.Path(__file__).resolve().parents[2] / "specs/src/main/resources/b24-specs/control/openapi.json"
emulator = Emulator(URL, os.environ.get("B24_EMULATOR_CONTROL_TOKEN")) if URL else None


def setUpModule():
    if not URL:
        raise unittest.SkipTest("B24_EMULATOR_URL is not set: start an emulator (clients/test.sh does)")
    emulator.wait_until_up()


def tearDownModule():
    # every endpoint the client offers was exercised by these tests
    if emulator is not None:
        unused = set(ENDPOINTS) - emulator.called
        assert not unused, f"endpoints the tests never called: {sorted(unused)}"


def rest(webhook_url, method, params):
    """A REST call as an integration makes it (JSON body), answering the decoded envelope and the status."""
    request = urllib.request.Request(webhook_url + method, data=json.dumps(params).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as failure:
        return failure.code, json.loads(failure.read())


INCOMING = {"USER_ID": 2, "PHONE_NUMBER": "+79990000001", "TYPE": 2, "LINE_NUMBER": "74950000000"}


class ControlClientTest(unittest.TestCase):
    def setUp(self):
        self.portal = emulator.new_portal()

    def tearDown(self):
        self.portal.delete()

    def test_every_endpoint_is_in_the_control_api_document(self):
        for document in (emulator.control_openapi(), json.loads(SPEC.read_text()) if SPEC.exists() else None):
            if document is None:
                continue
            for method, path in ENDPOINTS:
                self.assertIn(path, document["paths"], f"{path} is not documented")
                self.assertIn(method.lower(), document["paths"][path], f"{method} {path} is not documented")

    def test_a_webhook_session_and_what_was_called(self):
        status, registered = rest(self.portal.webhook_url, "telephony.externalcall.register", INCOMING)
        self.assertEqual(200, status, registered)
        call_id = registered["result"]["CALL_ID"]
        entry = self.portal.assert_called("TELEPHONY.EXTERNALCALL.REGISTER")
        self.assertEqual(call_id, entry["result"]["CALL_ID"])
        self.assertEqual("webhook", entry["auth"])
        with self.assertRaises(AssertionError) as failure:
            self.portal.assert_called("telephony.externalcall.finish")
        self.assertIn("telephony.externalcall.register 200", str(failure.exception))
        # a call the portal refused is no call made
        self.assertEqual(400, rest(self.portal.webhook_url, "telephony.externalcall.finish",
                                   {"CALL_ID": "nope", "USER_ID": 2})[0])
        with self.assertRaises(AssertionError) as refused:
            self.portal.assert_called("telephony.externalcall.finish")
        self.assertIn("telephony.externalcall.finish 400 ERROR_CORE", str(refused.exception))
        rest(self.portal.webhook_url, "telephony.externalcall.finish",
             {"CALL_ID": call_id, "USER_ID": 2, "DURATION": 35, "ADD_TO_CHAT": 1})
        self.assertTrue(self.portal.chat_messages()[0]["MESSAGE"].startswith("Incoming call from [CALL="))
        self.assertEqual(1, len(self.portal.calls()["finished"]))
        self.assertEqual(["telephony.externalcall.register"] + ["telephony.externalcall.finish"] * 2,
                         [e["method"] for e in emulator.requests(portal=self.portal.id)])
        rest(self.portal.webhook_url, "im.notify.personal.add", {"USER_ID": 2, "MESSAGE": "Call the client back"})
        self.assertEqual(["Call the client back"], [n["NOTIFY_MESSAGE"] for n in self.portal.notifications()])
        self.assertEqual(self.portal.id, emulator.portal(self.portal.id).id)
        self.assertIn(self.portal.id, [p.id for p in emulator.portals()])

    def test_moving_the_clock_ends_the_thirty_minute_reuse(self):
        first = rest(self.portal.webhook_url, "telephony.externalcall.register", INCOMING)[1]["result"]["CALL_ID"]
        self.assertEqual(first, rest(self.portal.webhook_url, "telephony.externalcall.register", INCOMING)[1]["result"]["CALL_ID"])
        before = self.portal.clock()["offsetSeconds"]
        self.portal.advance_clock("PT31M")
        self.assertEqual(before + 31 * 60, self.portal.clock()["offsetSeconds"])
        self.assertNotEqual(first, rest(self.portal.webhook_url, "telephony.externalcall.register", INCOMING)[1]["result"]["CALL_ID"])
        self.portal.set_clock("2030-01-01T10:00:00Z")
        self.assertTrue(self.portal.clock()["now"].startswith("2030-01-01T"))
        now = emulator.clock()["now"]
        emulator.advance_clock("PT1H")
        emulator.set_clock(now)

    def test_seeded_crm_users_and_settings(self):
        contact = self.portal.add_crm("contact", NAME="Olga", LAST_NAME="Smirnova",
                                      PHONE=[{"VALUE": "+79995550101", "VALUE_TYPE": "WORK"}], ASSIGNED_BY_ID=3)
        found = rest(self.portal.webhook_url, "telephony.externalCall.searchCrmEntities", {"PHONE_NUMBER": "89995550101"})[1]
        self.assertEqual([("CONTACT", contact)], [(f["CRM_ENTITY_TYPE"], f["CRM_ENTITY_ID"]) for f in found["result"]])
        self.assertIn(contact, [int(c["ID"]) for c in self.portal.crm()["contacts"]])
        self.portal.exclude("+79995550999")
        lead = rest(self.portal.webhook_url, "telephony.externalcall.register",
                    dict(INCOMING, PHONE_NUMBER="+79995550999", CRM_CREATE=1))[1]["result"]
        self.assertIsNone(lead["CRM_CREATED_LEAD"], "an excluded number creates nothing")
        user = self.portal.add_user(NAME="Pavel", UF_PHONE_INNER="150")
        self.assertEqual("Pavel", user["NAME"])
        invited = rest(self.portal.webhook_url, "user.add", {"EMAIL": "olga@example.com", "UF_DEPARTMENT": [1]})[1]["result"]
        logged_in = self.portal.login_user(invited)  # the invitation accepted: ONUSERADD
        self.assertEqual(str(invited), logged_in["ID"])
        self.assertTrue(logged_in["LAST_LOGIN"])
        self.assertEqual("SIMPLE", self.portal.settings(crmMode="SIMPLE")["crmMode"])
        self.assertEqual("SIMPLE", self.portal.settings()["crmMode"])
        self.portal.reset()
        self.assertEqual("CLASSIC", self.portal.settings()["crmMode"])

    def test_an_installed_application_its_tokens_and_its_deliveries(self):
        with RecordingHandler() as handler:
            tokens = self.portal.install_app("local.pbx", "s3cret", ["telephony", "crm", "user", "placement"], handler.url)
            installed = self.portal.assert_delivered("ONAPPINSTALL")
            self.assertEqual(200, installed["status"])
            self.assertEqual(tokens["application_token"], handler.received[0]["auth[application_token]"])
            self.assertEqual(["local.pbx"], [a["clientId"] for a in self.portal.apps()])
            status, me = rest(self.portal.webhook_url.split("/rest/")[0] + "/rest/", "user.current?auth=" + tokens["access_token"], {})
            self.assertEqual((200, "1"), (status, me["result"]["ID"]))

            sent = self.portal.trigger("OnVoximplantCallEnd", handler.url, {"CALL_DURATION": "35"})
            self.assertEqual(200, sent["status"])
            self.assertEqual("35", handler.received[-1]["data[CALL_DURATION]"])
            self.assertEqual(tokens["application_token"], handler.received[-1]["auth[application_token]"])
            forged = self.portal.trigger("OnVoximplantCallEnd", handler.url, forged=True)
            self.assertTrue(forged["forged"])
            self.assertNotEqual(tokens["application_token"], handler.received[-1]["auth[application_token]"])
            with self.assertRaises(AssertionError):
                self.portal.assert_delivered("ONVOXIMPLANTCALLINIT", within=0.2)

            line = rest(self.portal.webhook_url.split("/rest/")[0] + "/rest/",
                        "telephony.externalLine.add?auth=" + tokens["access_token"], {"NUMBER": "74950000000"})
            self.assertEqual(200, line[0], line[1])
            clicked = self.portal.click_to_call("+79990000001", user_id=2, lineNumber="74950000000")
            self.assertTrue(clicked["CALL_ID"].startswith("externalCall."))

            # a WebRTC client in the background worker: loaded on every page; the eleventh slow load of a day removes it
            rest_ = self.portal.webhook_url.split("/rest/")[0] + "/rest/"
            bound = rest(rest_, "placement.bind?auth=" + tokens["access_token"], {"PLACEMENT": "PAGE_BACKGROUND_WORKER",
                         "HANDLER": handler.url + "/worker", "OPTIONS": {"errorHandlerUrl": handler.url + "/worker-error"}})
            self.assertEqual(200, bound[0], bound[1])
            worker = self.portal.background_workers(user_id=1, uri="/crm/")[0]
            self.assertEqual("/crm/", json.loads(worker["form"]["PLACEMENT_OPTIONS"])["URI"])
            for i in range(1, 11):
                self.assertEqual(i, self.portal.slow_load(worker["placementId"])["count"])
            self.assertTrue(self.portal.slow_load(worker["placementId"])["removed"])
            self.portal.assert_delivered("ERROR_PLACEMENT_LOADING_OVERTIME")
            self.assertEqual("ERROR_PLACEMENT_LOADING_OVERTIME", handler.received[-1]["error"])
            self.assertEqual([], self.portal.background_workers(user_id=1))

    def test_faults_answer_errors_until_removed(self):
        fault = self.portal.fault("user.current", "QUERY_LIMIT_EXCEEDED", count=1)
        self.assertEqual(1, fault["remaining"])
        status, answer = rest(self.portal.webhook_url, "user.current", {})
        self.assertEqual((503, "QUERY_LIMIT_EXCEEDED"), (status, answer["error"]))
        self.assertEqual(1, self.portal.faults()[0]["fired"])
        self.assertEqual(200, rest(self.portal.webhook_url, "user.current", {})[0])
        self.portal.fault("*", latencyMs=10)
        self.portal.clear_faults()
        self.assertEqual([], self.portal.faults())

    def test_refusals_carry_the_emulators_reason(self):
        with self.assertRaises(EmulatorError) as missing:
            emulator.portal("no-such-portal")
        self.assertEqual((404, "PORTAL_NOT_FOUND"), (missing.exception.status, missing.exception.error))
        with self.assertRaises(EmulatorError) as bad:
            self.portal.settings(crmMode="NEITHER")
        self.assertEqual(400, bad.exception.status)
        self.assertEqual("UP", emulator.health()["status"])
        with self.assertRaises(EmulatorError) as unreachable:
            Emulator("http://127.0.0.1:1").health()
        self.assertEqual((0, "UNREACHABLE"), (unreachable.exception.status, unreachable.exception.error))


class ResetTest(unittest.TestCase):
    def test_reset_deletes_the_portals_tests_made(self):
        made = emulator.new_portal()
        emulator.reset()
        self.assertNotIn(made.id, [p.id for p in emulator.portals()])
        self.assertEqual("default", emulator.default_portal().id)


if __name__ == "__main__":
    unittest.main()
