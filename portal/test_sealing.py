"""Sealed submissions (contract §4): the RFC 9180 A.1.1 vector, and a portal that has its private key."""

import base64
import json
import os
import tempfile
import unittest
from pathlib import Path

from sealing import INFO, CannotOpen, open_base, seal_base
from test_reference_portal import PortalProcess, submission

# The project's copy of the contract's vector file, beside docs/portal-api-v1.md.
VECTOR = Path(__file__).resolve().parent.parent / "docs" / "hpke-rfc9180-a1.json"
PRIVATE = bytes.fromhex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8")   # skRm of A.1.1
PUBLIC = bytes.fromhex("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d")


def seal(doc, key_id="portal-2026", public=PUBLIC):
    doc = json.loads(json.dumps(doc))
    body = json.dumps(doc.pop("body"), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    enc, ct = seal_base(public, INFO, doc["id"].encode("ascii"), body)
    doc["sealed"] = {"suite": "HPKE-base-X25519-SHA256-AES128GCM", "key_id": key_id,
                     "enc": base64.b64encode(enc).decode(), "ct": base64.b64encode(ct).decode()}
    return doc


class VectorTest(unittest.TestCase):
    def test_the_rfc_vector_opens_and_seals_byte_for_byte(self):
        v = json.loads(VECTOR.read_text())
        h = bytes.fromhex
        for e in v["encryptions"]:
            self.assertEqual(open_base(h(v["skRm"]), h(v["enc"]), h(v["info"]), h(e["aad"]), h(e["ct"]), e["seq"]), h(e["pt"]))
            enc, ct = seal_base(h(v["pkRm"]), h(v["info"]), h(e["aad"]), h(e["pt"]), h(v["skEm"]), e["seq"])
            self.assertEqual((enc, ct), (h(v["enc"]), h(e["ct"])))
        with self.assertRaises(CannotOpen):
            open_base(h(v["skRm"]), h(v["enc"]), h(v["info"]), b"Count-9", h(v["encryptions"][0]["ct"]))


class PortalWithKeyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        key_file = os.path.join(cls.tmp.name, "portal.key")
        with open(key_file, "w") as f:
            f.write(PRIVATE.hex() + "\n")
        cls.portal = PortalProcess(cls.tmp.name, extra=["--private-key-file", key_file, "--key-id", "portal-2026"])

    @classmethod
    def tearDownClass(cls):
        cls.portal.stop()
        cls.tmp.cleanup()

    def test_a_sealed_submission_is_opened_and_its_replay_is_identical(self):
        plain = submission()
        doc = seal(plain)
        status, answer = self.portal.submit(doc)
        self.assertEqual(status, 201, answer)
        self.assertEqual(self.portal.submit(doc)[0], 200)
        row = next(r for r in self.portal.stored() if r["id"] == doc["id"])
        self.assertEqual(row["opened"], plain["body"])
        self.assertNotIn("511922194503150016", json.dumps(row["body"]))

    def test_what_does_not_open_is_refused_with_the_reason(self):
        other_key = seal(submission(), public=bytes.fromhex("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431"))
        moved = seal(submission())
        moved["id"] = submission()["id"]              # the aad is the id: a copied body does not open
        wrong_id = seal(submission(), key_id="portal-2025")
        for doc in (other_key, moved, wrong_id):
            status, answer = self.portal.submit(doc)
            self.assertEqual((status, answer["fields"][0]["field"], answer["fields"][0]["code"]),
                             (422, "sealed", "cannot_open"))
        no_answers = submission()
        del no_answers["body"]["answers"]
        status, answer = self.portal.submit(seal(no_answers))
        self.assertEqual((status, answer["fields"][0]["field"]), (422, "sealed.body.answers"))

    def test_a_plain_submission_is_still_accepted(self):
        self.assertEqual(self.portal.submit(submission())[0], 201)
