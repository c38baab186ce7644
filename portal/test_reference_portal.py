"""Tests of the reference portal, run from the repository root:

    python3 -m unittest discover -s portal -v

Each test class starts the portal as a subprocess on a free port with a temporary database and
token file, the way the kiosk's own sync tests do.
"""

import hashlib
import http.client
import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = HERE / "reference_portal.py"
CATALOG = HERE.parent / "catalog" / "default.json"
TOKEN = "test-device-token"
KIOSK = "cn-511922-jiangkou-01"
RECEIPT = re.compile(r"^SC\d{8}\d{6}$")


class PortalProcess:
    """The portal as a subprocess; requests go through http.client with explicit timeouts."""

    def __init__(self, workdir, db="portal.db", catalog=CATALOG, extra=()):
        token_file = os.path.join(workdir, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        args = [sys.executable, str(SERVER), "--db", os.path.join(workdir, db),
                "--token-file", token_file, "--port", "0"]
        if catalog:
            args += ["--catalog", str(catalog)]
        args += list(extra)
        self.stderr = open(os.path.join(workdir, "portal.stderr"), "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=10):
            self.proc.kill()
            raise RuntimeError("the portal did not start")
        line = self.proc.stdout.readline().strip()
        match = re.fullmatch(r"listening http://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.proc.kill()
            raise RuntimeError("unexpected first line: %r" % line)
        self.port = int(match.group(1))

    def stop(self, sig=signal.SIGTERM):
        """Sends sig (SIGTERM: a clean exit; SIGKILL: a crash); returns the exit code."""
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=10)
        finally:
            self.proc.stdout.close()
            self.stderr.close()
            # a traceback means a bug in the portal that an answer may have hidden (500)
            with open(self.stderr.name, "rb") as f:
                assert b"Traceback" not in f.read(), "the portal logged a traceback"

    def request(self, method, path, body=None, headers=None, auth=True, timeout=10):
        """(status, headers, bytes); a dict or list body is sent as JSON."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        all_headers = {"Content-Type": "application/json"} if body is not None else {}
        if auth:
            all_headers.update({"Authorization": "Bearer " + TOKEN, "X-Kiosk-Id": KIOSK})
        all_headers.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=all_headers)
            resp = conn.getresponse()
            return resp.status, resp.headers, resp.read()
        finally:
            conn.close()

    def json(self, method, path, body=None, **kw):
        status, headers, data = self.request(method, path, body, **kw)
        return status, (json.loads(data) if data else None)

    def submit(self, doc, key=None, **kw):
        key = doc.get("id") if key is None else key
        headers = {"Idempotency-Key": key} if key else {}
        return self.json("POST", "/v1/submissions", doc, headers=headers, **kw)

    def control(self, method, path, body=None):
        return self.json(method, "/_control/" + path, body, auth=False)[1]

    def stored(self):
        return self.control("GET", "submissions")["submissions"]


def submission(**changes):
    doc = {
        "id": str(uuid.uuid4()),
        "service_id": "pension-certification",
        "service_version": 1,
        "created_at": "2026-11-22T09:30:00+08:00",
        "kiosk_id": KIOSK,
        "locale": "zh-Hans",
        "channel": "self",
        "body": {
            "answers": {"id_number": "511922194503150016", "alive_check": "visit"},
            "materials": [{"id": "id-card", "status": "provided"}],
            "consent": {"notice_version": "2026-11", "given_at": "2026-11-22T09:29:40+08:00"},
            "helper": None,
        },
    }
    doc.update(changes)
    return doc


def sealed_submission(**changes):
    doc = submission(**changes)
    del doc["body"]
    doc["sealed"] = {"suite": "HPKE-base-X25519-SHA256-AES128GCM", "key_id": "portal-2026",
                     "enc": "N/2jVnvb1ijohmjDyNfpfR0SU7bU6m1EwVD3QfG/RDE=",   # 32 bytes (RFC 9180 A.1)
                     "ct": "c29tZSBvcGFxdWUgY2lwaGVydGV4dCBieXRlcw=="}
    return doc


class PortalTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.portal = PortalProcess(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        code = cls.portal.stop()
        cls.tmp.cleanup()
        assert code == 0, "the portal exited with %r on SIGTERM" % code

    def setUp(self):
        self.assertEqual(self.portal.control("POST", "reset"), {"status": "reset"})

    def faults(self, *rules):
        self.portal.control("POST", "faults", list(rules))


class ApiTest(PortalTestCase):
    def test_health(self):
        status, headers, body = self.portal.request("GET", "/v1/health")
        self.assertEqual((status, headers["X-Portal-Api"], body), (204, "1", b""))

    def test_unauthorized(self):
        p = self.portal
        self.assertEqual(p.json("GET", "/v1/health", auth=False), (401, {"error": "unauthorized"}))
        self.assertEqual(p.json("GET", "/v1/health", headers={"Authorization": "Bearer nope"})[0], 401)
        self.assertEqual(p.json("GET", "/v1/health", headers={"X-Kiosk-Id": ""})[0], 401)
        self.assertEqual(p.submit(submission(), auth=False)[0], 401)
        self.assertEqual(p.stored(), [])

    def test_catalog_etag(self):
        data = CATALOG.read_bytes()
        etag = '"%s"' % hashlib.sha256(data).hexdigest()
        status, headers, body = self.portal.request("GET", "/v1/catalog")
        self.assertEqual((status, headers["ETag"], body), (200, etag, data))
        status, headers, body = self.portal.request("GET", "/v1/catalog",
                                                    headers={"If-None-Match": etag})
        self.assertEqual((status, headers["ETag"], body), (304, etag, b""))
        status, _, body = self.portal.request("GET", "/v1/catalog",
                                              headers={"If-None-Match": '"stale"'})
        self.assertEqual((status, body), (200, data))

    def test_created_then_identical_replay(self):
        doc = submission()
        status, first = self.portal.submit(doc)
        self.assertEqual(status, 201)
        self.assertEqual((first["id"], first["status"]), (doc["id"], "received"))
        self.assertRegex(first["receipt"], RECEIPT)
        self.assertEqual(self.portal.submit(doc), (200, first))
        # identical means equal JSON: key order and spacing do not matter
        reordered = json.dumps(dict(reversed(list(doc.items()))), indent=2).encode()
        status, _, body = self.portal.request("POST", "/v1/submissions", reordered,
                                              headers={"Idempotency-Key": doc["id"]})
        self.assertEqual((status, json.loads(body)), (200, first))
        stored = self.portal.stored()
        self.assertEqual(len(stored), 1)
        self.assertEqual((stored[0]["posts"], stored[0]["body"]), (3, doc))
        status, other = self.portal.submit(submission())
        self.assertEqual(status, 201)
        self.assertNotEqual(other["receipt"], first["receipt"])

    def test_conflict(self):
        doc = submission()
        _, first = self.portal.submit(doc)
        changed = json.loads(json.dumps(doc))
        changed["body"]["answers"]["alive_check"] = "face"
        status, answer = self.portal.submit(changed)
        self.assertEqual((status, answer["error"]), (409, "id_conflict"))
        stored = self.portal.stored()
        self.assertEqual((len(stored), stored[0]["body"], stored[0]["conflicts"]), (1, doc, 1))
        self.assertEqual(self.portal.submit(doc), (200, first))

    def test_idempotency_key_must_match(self):
        doc = submission()
        self.assertEqual(self.portal.submit(doc, key="")[1]["error"], "bad_request")
        self.assertEqual(self.portal.submit(doc, key=str(uuid.uuid4()))[0], 400)
        status, _, _ = self.portal.request("POST", "/v1/submissions", b"{not json",
                                           headers={"Idempotency-Key": doc["id"]})
        self.assertEqual(status, 400)
        self.assertEqual(self.portal.stored(), [])

    def test_invalid_fields(self):
        bad = submission(id=str(uuid.uuid4()).upper(), service_version="1", channel="robot",
                         created_at="2026-11-22 09:30", kiosk_id=None)
        bad["body"]["answers"] = ["not", "an", "object"]
        status, answer = self.portal.submit(bad)
        self.assertEqual((status, answer["error"]), (422, "invalid"))
        codes = {f["field"]: f["code"] for f in answer["fields"]}
        self.assertEqual(codes, {"id": "format", "service_version": "type", "channel": "value",
                                 "created_at": "format", "kiosk_id": "required",
                                 "body.answers": "type"})
        both = sealed_submission()
        both["body"] = {"answers": {}}
        self.assertEqual(self.portal.submit(both)[1]["fields"][0]["field"], "sealed")
        neither = submission()
        del neither["body"]
        self.assertEqual(self.portal.submit(neither)[1]["fields"],
                         [{"field": "body", "code": "required", "message": "body or sealed is required"}])
        not_v4 = submission(id="0b0c0f7e-3c51-1d0e-9f0a-6f1f5b3c2a11")
        self.assertEqual(self.portal.submit(not_v4)[0], 422)
        self.assertEqual(self.portal.stored(), [])

    def test_sealed_is_stored_opaque(self):
        doc = sealed_submission()
        status, answer = self.portal.submit(doc)
        self.assertEqual(status, 201)
        self.assertEqual(self.portal.stored()[0]["body"], doc)
        self.assertEqual(self.portal.submit(doc), (200, answer))
        resealed = json.loads(json.dumps(doc))
        resealed["sealed"]["ct"] = "b3RoZXIgb3BhcXVlIGNpcGhlcnRleHQgYnl0ZXM="
        self.assertEqual(self.portal.submit(resealed)[0], 409)
        urlsafe = sealed_submission()
        urlsafe["sealed"]["enc"] = "N_2jVnvb1ijohmjDyNfpfR0SU7bU6m1EwVD3QfG_RDE="
        status, answer = self.portal.submit(urlsafe)
        self.assertEqual((status, answer["fields"][0]["field"]), (422, "sealed.enc"))

    def test_unknown_service(self):
        status, answer = self.portal.submit(submission(service_id="no-such-service"))
        self.assertEqual((status, answer["error"]), (404, "unknown_service"))
        status, answer = self.portal.submit(submission(service_version=99))
        self.assertEqual((status, answer["error"]), (404, "unknown_service"))
        self.assertEqual(self.portal.stored(), [])

    def test_too_large(self):
        doc = submission()
        doc["body"]["answers"]["note"] = "长" * (100 * 1024)     # 300 KiB in UTF-8
        status, answer = self.portal.submit(doc)
        self.assertEqual((status, answer["error"]), (413, "too_large"))
        batch = {"submissions": [submission() for _ in range(101)]}
        self.assertEqual(self.portal.json("POST", "/v1/submissions/batch", batch)[0], 413)
        self.assertEqual(self.portal.stored(), [])

    def test_batch_mixed_items(self):
        existing = submission()
        _, first = self.portal.submit(existing)
        conflicting = json.loads(json.dumps(existing))
        conflicting["channel"] = "assisted"
        new1, new2 = submission(), sealed_submission()
        invalid = submission(service_version=0)
        big = submission()
        big["body"]["answers"]["note"] = "x" * (300 * 1024)
        items = [new1, existing, conflicting, invalid, submission(service_id="gone"), "junk", big,
                 new2, new1]
        status, answer = self.portal.json("POST", "/v1/submissions/batch", {"submissions": items})
        self.assertEqual(status, 200)
        results = answer["results"]
        self.assertEqual([r["status"] for r in results], [201, 200, 409, 422, 404, 422, 413, 201, 200])
        self.assertEqual([r["id"] for r in results],
                         [i["id"] if isinstance(i, dict) else None for i in items])
        self.assertEqual(results[1]["receipt"], first["receipt"])
        self.assertEqual(results[8]["receipt"], results[0]["receipt"])
        self.assertEqual([r.get("error") for r in results[2:7]],
                         ["id_conflict", "invalid", "unknown_service", "invalid", "too_large"])
        self.assertEqual(results[3]["fields"][0]["field"], "service_version")
        for r in (results[0], results[7]):
            self.assertRegex(r["receipt"], RECEIPT)
            self.assertNotIn("error", r)
        posts = {s["id"]: s["posts"] for s in self.portal.stored()}
        self.assertEqual(posts, {existing["id"]: 3, new1["id"]: 2, new2["id"]: 1})
        self.assertEqual(self.portal.json("POST", "/v1/submissions/batch", {"submissions": []}),
                         (200, {"results": []}))

    def test_progress(self):
        doc = submission()
        _, first = self.portal.submit(doc)
        status, progress = self.portal.json("GET", "/v1/submissions/" + doc["id"])
        self.assertEqual(status, 200)
        self.assertEqual((progress["receipt"], progress["status"]), (first["receipt"], "received"))
        self.assertNotIn("message", progress)
        changed = self.portal.control("POST", "progress", {"id": doc["id"], "status": "needs_materials",
                                                           "message": "请补交户口簿复印件"})
        self.assertEqual(changed["status"], "needs_materials")
        status, progress = self.portal.json("GET", "/v1/submissions/" + doc["id"])
        self.assertEqual((progress["status"], progress["message"]),
                         ("needs_materials", "请补交户口簿复印件"))
        self.assertRegex(progress["updated_at"], r"[+-]\d{2}:\d{2}$")
        self.assertEqual(self.portal.json("POST", "/_control/progress",
                                          {"id": doc["id"], "status": "lost"}, auth=False)[0], 422)
        self.assertEqual(self.portal.json("POST", "/_control/progress",
                                          {"id": str(uuid.uuid4()), "status": "approved"},
                                          auth=False)[0], 404)
        self.assertEqual(self.portal.json("GET", "/v1/submissions/" + str(uuid.uuid4())),
                         (404, {"error": "not_found"}))

    def test_ratings(self):
        rating = {"id": str(uuid.uuid4()), "submission_id": str(uuid.uuid4()), "kiosk_id": KIOSK,
                  "score": 5, "created_at": "2026-11-22T09:31:02+08:00"}
        key = {"Idempotency-Key": rating["id"]}
        self.assertEqual(self.portal.json("POST", "/v1/ratings", rating, headers=key)[0], 201)
        self.assertEqual(self.portal.json("POST", "/v1/ratings", rating, headers=key)[0], 200)
        self.assertEqual(self.portal.json("POST", "/v1/ratings", dict(rating, score=1),
                                          headers=key), (409, {"error": "id_conflict", "message": "this rating id was stored with other content"}))
        other = dict(rating, id=str(uuid.uuid4()), score=6)
        status, answer = self.portal.json("POST", "/v1/ratings", other,
                                          headers={"Idempotency-Key": other["id"]})
        self.assertEqual((status, answer["fields"][0]["field"]), (422, "score"))
        self.assertEqual(self.portal.json("POST", "/v1/ratings", rating)[0], 400)
        stored = self.portal.control("GET", "ratings")["ratings"]
        self.assertEqual([(r["id"], r["score"], r["posts"]) for r in stored], [(rating["id"], 5, 3)])

    def test_help_requests(self):
        request = {"id": str(uuid.uuid4()), "kiosk_id": KIOSK,
                   "created_at": "2026-11-22T09:31:02+08:00", "service_id": None}
        self.assertEqual(self.portal.json("POST", "/v1/help-requests", request),
                         (202, {"status": "accepted"}))
        self.assertEqual(self.portal.json("POST", "/v1/help-requests", request)[0], 202)
        stored = self.portal.control("GET", "help-requests")["help_requests"]
        self.assertEqual([(r["body"], r["posts"]) for r in stored], [(request, 2)])

    def test_unknown_paths_and_methods(self):
        self.assertEqual(self.portal.json("GET", "/v1/nothing"), (404, {"error": "not_found"}))
        self.assertEqual(self.portal.json("GET", "/", auth=False), (404, {"error": "not_found"}))
        self.assertEqual(self.portal.json("GET", "/v1/submissions")[0], 405)

    def test_concurrent_posts_of_one_id_store_once(self):
        doc = submission()
        results = []

        def post():
            results.append(self.portal.submit(doc))

        threads = [threading.Thread(target=post) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(s for s, _ in results), [200] * 11 + [201])
        self.assertEqual(len({a["receipt"] for _, a in results}), 1)
        self.assertEqual([s["posts"] for s in self.portal.stored()], [12])

    def test_stats(self):
        self.portal.request("GET", "/v1/health")
        self.portal.request("GET", "/v1/health", auth=False)
        self.portal.submit(submission())
        stats = self.portal.control("GET", "stats")
        self.assertEqual(stats["requests"], 3)
        self.assertEqual(stats["by_path"], {"/v1/health": 2, "/v1/submissions": 1})
        self.assertEqual(stats["by_status"], {"204": 1, "401": 1, "201": 1})


class FaultTest(PortalTestCase):
    def test_503_with_retry_after(self):
        self.faults({"fault": "503", "retry_after": 7})
        status, headers, body = self.portal.request("GET", "/v1/health")
        self.assertEqual((status, headers["Retry-After"]), (503, "7"))
        self.assertEqual(self.portal.request("GET", "/v1/health")[0], 204)

    def test_429_500_401(self):
        self.faults({"fault": "429", "retry_after": 3}, {"fault": "500"}, {"fault": 401})
        status, headers, _ = self.portal.request("GET", "/v1/health")
        self.assertEqual((status, headers["Retry-After"]), (429, "3"))
        self.assertEqual(self.portal.submit(submission())[0], 500)
        self.assertEqual(self.portal.json("GET", "/v1/health"), (401, {"error": "unauthorized"}))
        self.assertEqual(self.portal.stored(), [])
        self.assertEqual(self.portal.request("GET", "/v1/health")[0], 204)

    def test_slow(self):
        self.faults({"fault": "slow", "seconds": 1.0})
        start = time.monotonic()
        status, answer = self.portal.submit(submission())
        self.assertGreaterEqual(time.monotonic() - start, 1.0)
        self.assertEqual(status, 201)

    def test_timeout(self):
        self.faults({"fault": "timeout"})
        doc = submission()
        start = time.monotonic()
        with self.assertRaises((socket.timeout, TimeoutError)):
            self.portal.submit(doc, timeout=1)
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(self.portal.stored(), [])
        self.assertEqual(self.portal.submit(doc)[0], 201)   # the held connection blocks nothing

    def test_reset(self):
        self.faults({"fault": "reset"})
        doc = submission()
        with self.assertRaises(ConnectionResetError):
            self.portal.submit(doc)
        self.assertEqual(self.portal.stored(), [])
        self.assertEqual(self.portal.submit(doc)[0], 201)

    def test_lost_after_commit(self):
        self.faults({"fault": "lost_after_commit", "path": "/v1/submissions"})
        doc = submission()
        raw = json.dumps(doc).encode()
        key = {"Idempotency-Key": doc["id"]}
        with self.assertRaises(ConnectionError):
            self.portal.request("POST", "/v1/submissions", raw, headers=key)
        stored = self.portal.stored()
        self.assertEqual([(s["id"], s["posts"]) for s in stored], [(doc["id"], 1)])
        status, _, body = self.portal.request("POST", "/v1/submissions", raw, headers=key)
        answer = json.loads(body)
        self.assertEqual((status, answer["receipt"]), (200, stored[0]["receipt"]))
        self.assertEqual([(s["id"], s["posts"]) for s in self.portal.stored()], [(doc["id"], 2)])
        self.assertEqual(self.portal.control("GET", "stats")["faults"], {"lost_after_commit": 1})

    def test_captive(self):
        self.faults({"fault": "captive", "count": -1})
        for _ in range(3):
            status, headers, body = self.portal.request("GET", "/v1/health", auth=False)
            self.assertEqual(status, 200)
            self.assertTrue(headers["Content-Type"].startswith("text/html"))
            self.assertIn("Wi-Fi 登录", body.decode("utf-8"))
        status, _, body = self.portal.request("POST", "/v1/submissions", submission())
        self.assertEqual(status, 200)
        self.assertNotIn(b"receipt", body)
        self.assertEqual(self.portal.stored(), [])
        self.assertEqual(self.portal.control("DELETE", "faults"), {"faults": []})
        self.assertEqual(self.portal.request("GET", "/v1/health")[0], 204)

    def test_counts_run_out_in_order_and_paths_filter(self):
        self.faults({"fault": "503", "count": 2, "path": "/v1/submissions"}, {"fault": "500"})
        self.assertEqual(self.portal.request("GET", "/v1/health")[0], 500)   # first rule skipped
        self.assertEqual(self.portal.request("GET", "/v1/health")[0], 204)
        doc = submission()
        self.assertEqual(self.portal.submit(doc)[0], 503)
        self.assertEqual(self.portal.control("GET", "faults")["faults"][0]["count"], 1)
        self.assertEqual(self.portal.submit(doc)[0], 503)
        self.assertEqual(self.portal.control("GET", "faults"), {"faults": []})
        self.assertEqual(self.portal.submit(doc)[0], 201)
        self.assertEqual(self.portal.control("GET", "stats")["faults"], {"503": 2, "500": 1})

    def test_bad_rules_are_refused(self):
        for rules in ([{"fault": "explode"}], [{"fault": "503", "count": "2"}], {"nope": 1}, "x"):
            self.assertEqual(self.portal.json("POST", "/_control/faults", rules, auth=False)[0], 400)


class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def start(self, **kw):
        portal = PortalProcess(self.tmp.name, **kw)
        self.addCleanup(lambda: portal.proc.stdout.closed or portal.stop())
        return portal

    def test_receipts_survive_a_restart_and_sigkill(self):
        portal = self.start()
        doc = submission()
        _, first = portal.submit(doc)
        self.assertEqual(portal.stop(), 0)
        portal = self.start()
        self.assertEqual(portal.submit(doc), (200, first))
        _, second = portal.submit(submission())
        self.assertEqual(portal.stop(signal.SIGKILL), -signal.SIGKILL)   # acknowledged = committed
        portal = self.start()
        self.assertEqual([s["receipt"] for s in portal.stored()], [first["receipt"], second["receipt"]])

    def test_catalog_versions_and_no_catalog(self):
        catalog = Path(self.tmp.name) / "catalog.json"
        catalog.write_text(json.dumps({"catalog_version": "2026-11-01", "services": [
            {"id": "pension-certification", "version": 3}]}))
        portal = self.start(catalog=catalog)
        self.assertEqual(portal.submit(submission(service_version=2))[0], 201)   # queued before an update
        self.assertEqual(portal.submit(submission(service_version=3))[0], 201)
        self.assertEqual(portal.submit(submission(service_version=4))[0], 404)
        etag = portal.request("GET", "/v1/catalog")[1]["ETag"]
        catalog.write_text(json.dumps({"catalog_version": "2026-12-01", "services": [
            {"id": "pension-certification", "version": 4}]}))
        status, headers, _ = portal.request("GET", "/v1/catalog", headers={"If-None-Match": etag})
        self.assertEqual(status, 200)
        self.assertNotEqual(headers["ETag"], etag)
        self.assertEqual(portal.submit(submission(service_version=4))[0], 201)
        self.assertEqual(portal.stop(), 0)

        bare = self.start(catalog=None, db="bare.db")
        self.assertEqual(bare.json("GET", "/v1/catalog")[0], 404)
        self.assertEqual(bare.submit(submission(service_id="any-service", service_version=9))[0], 201)


if __name__ == "__main__":
    unittest.main()
