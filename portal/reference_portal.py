#!/usr/bin/env python3
"""Reference portal for CareKiosk's own tests (portal contract v1, docs/portal-api-v1.md).

Standard library only. It stores what kiosks send in SQLite, answers exactly as the contract says,
and lets tests inject faults (errors, slow or lost answers, resets, a captive Wi-Fi page) through
/_control/ endpoints, which need no token and are for tests only.

Every answer carries `Connection: close` and the server handles one request per connection. HTTP
clients (libcurl under Foundation on Linux, among others) silently resend a request whose reused
keep-alive connection dies, which would turn an injected reset into a hidden success; a fresh
connection per request makes every fault reach the kiosk's own code.
"""

import argparse
import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import math
import re
import signal
import socket
import socketserver
import sqlite3
import struct
import sys
import threading
import traceback
from collections import Counter, namedtuple
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

MAX_BODY = 256 * 1024                     # one submission, rating or help request
MAX_BATCH_ITEMS = 100
MAX_BATCH_BODY = MAX_BATCH_ITEMS * MAX_BODY
MAX_DRAIN = 64 * 1024 * 1024              # beyond this an oversized body is not even read

PROGRESS_STATUSES = ("received", "in_review", "needs_materials", "approved", "rejected", "completed")
SEAL_SUITE = "HPKE-base-X25519-SHA256-AES128GCM"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
SERVICE_ID = re.compile(r"^[a-z0-9-]+$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

STATUS_FAULTS = {"500": "internal", "503": "unavailable", "429": "rate_limited", "401": "unauthorized"}
FAULT_KINDS = set(STATUS_FAULTS) | {"slow", "timeout", "reset", "lost_after_commit", "captive"}
DEFAULT_SECONDS = {"slow": 2.0, "timeout": 60.0}
CAPTIVE_HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Wi-Fi 登录</title></head>"
                "<body><h1>Wi-Fi 登录</h1><p>请输入手机号码获取验证码后上网。</p>"
                "<form method=\"post\" action=\"/login\"><input name=\"phone\"><button>登录</button>"
                "</form></body></html>").encode("utf-8")


# --- small helpers ---------------------------------------------------------------------------

def now_rfc3339():
    return datetime.now().astimezone().isoformat(timespec="seconds")


def canonical(obj):
    """The form two submissions are compared in: key order and whitespace do not matter."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def is_rfc3339(value):
    if not RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:                    # e.g. month 13, hour 25
        return False
    return True


def b64_of_length(minimum, exact=None):
    def check(value):
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        return len(raw) == exact if exact is not None else len(raw) >= minimum
    return check


Reply = namedtuple("Reply", "status body content_type headers")


def json_reply(status, obj, headers=()):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, "application/json; charset=utf-8", list(headers))


def error_reply(status, error, message=None, headers=(), **extra):
    obj = {"error": error}
    if message:
        obj["message"] = message
    obj.update(extra)
    return json_reply(status, obj, headers)


def parse_json(body):
    """(value, None) or (None, a 400 reply)."""
    try:
        return json.loads(body.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError):
        return None, error_reply(400, "bad_request", "the body is not UTF-8 JSON")


# --- validation ------------------------------------------------------------------------------

# (field, type, check of the value, message, code when the check fails)
SUBMISSION_FIELDS = [
    ("id", str, UUID4.match, "must be a lowercase UUID v4", "format"),
    ("service_id", str, SERVICE_ID.match, "must match [a-z0-9-]+", "format"),
    ("service_version", int, lambda v: v >= 1, "must be a positive integer", "range"),
    ("created_at", str, is_rfc3339, "must be RFC 3339 with an offset", "format"),
    ("kiosk_id", str, lambda v: v.strip() != "", "must not be empty", "format"),
    ("channel", str, lambda v: v in ("self", "assisted"), "must be self or assisted", "value"),
]
SEALED_FIELDS = [
    ("suite", str, lambda v: v == SEAL_SUITE, "must be " + SEAL_SUITE, "value"),
    ("key_id", str, lambda v: v != "", "must not be empty", "format"),
    ("enc", str, b64_of_length(32, exact=32), "must be standard base64 of 32 bytes", "format"),
    ("ct", str, b64_of_length(16), "must be standard base64 of at least 16 bytes", "format"),
]
RATING_FIELDS = [
    ("id", str, UUID4.match, "must be a lowercase UUID v4", "format"),
    ("submission_id", str, UUID4.match, "must be a lowercase UUID v4", "format"),
    ("kiosk_id", str, lambda v: v.strip() != "", "must not be empty", "format"),
    ("score", int, lambda v: 1 <= v <= 5, "must be an integer from 1 to 5", "range"),
    ("created_at", str, is_rfc3339, "must be RFC 3339 with an offset", "format"),
]


def field_error(field, code, message):
    return {"field": field, "code": code, "message": message}


def check_fields(obj, spec, prefix=""):
    errors = []
    for name, kind, ok, message, code in spec:
        value = obj.get(name)
        if value is None:
            errors.append(field_error(prefix + name, "required", "is required"))
        elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            errors.append(field_error(prefix + name, "type", "must be a JSON " + kind.__name__))
        elif not ok(value):
            errors.append(field_error(prefix + name, code, message))
    return errors


def validate_submission(doc):
    """Field errors of a §4 submission; an empty list means it is well formed."""
    if not isinstance(doc, dict):
        return [field_error("", "type", "a submission is a JSON object")]
    errors = check_fields(doc, SUBMISSION_FIELDS)
    if "locale" in doc and not isinstance(doc["locale"], str):
        errors.append(field_error("locale", "type", "must be a JSON str"))
    has_body, has_sealed = doc.get("body") is not None, doc.get("sealed") is not None
    if has_body and has_sealed:
        errors.append(field_error("sealed", "exclusive", "give either body or sealed, not both"))
    elif not has_body and not has_sealed:
        errors.append(field_error("body", "required", "body or sealed is required"))
    elif has_body:
        if not isinstance(doc["body"], dict):
            errors.append(field_error("body", "type", "must be a JSON object"))
        elif doc["body"].get("answers") is None:
            errors.append(field_error("body.answers", "required", "is required"))
        elif not isinstance(doc["body"]["answers"], dict):
            errors.append(field_error("body.answers", "type", "must be a JSON object"))
    elif not isinstance(doc["sealed"], dict):
        errors.append(field_error("sealed", "type", "must be a JSON object"))
    else:                                 # sealed content stays opaque: only its framing is checked
        errors.extend(check_fields(doc["sealed"], SEALED_FIELDS, "sealed."))
    return errors


# --- storage ---------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    canonical TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'received',
    message TEXT,
    posts INTEGER NOT NULL DEFAULT 1,
    conflicts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    canonical TEXT NOT NULL,
    submission_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    score INTEGER NOT NULL,
    posts INTEGER NOT NULL DEFAULT 1,
    conflicts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS help_requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE,
    canonical TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    posts INTEGER NOT NULL DEFAULT 1,
    received_at TEXT NOT NULL);
-- kept across /_control/reset so that a receipt number is never handed out twice
CREATE TABLE IF NOT EXISTS receipt_counter (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
"""


class Store:
    """One SQLite connection behind a lock: every write is one transaction, committed (WAL,
    synchronous=FULL) before the HTTP answer is written, so a portal killed mid-test keeps
    everything it has acknowledged."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    @contextlib.contextmanager
    def transaction(self):
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def query(self, sql, args=()):
        with self.lock:
            return [dict(row) for row in self.db.execute(sql, args)]

    def close(self):
        with self.lock:
            self.db.close()

    @staticmethod
    def _next_receipt(db, now):
        """SC + YYYYMMDD + a 6-digit sequence of the day, like a 受理编号."""
        day = now[:10].replace("-", "")
        db.execute("INSERT INTO receipt_counter(day, last) VALUES (?, 1) "
                   "ON CONFLICT(day) DO UPDATE SET last = last + 1", (day,))
        last = db.execute("SELECT last FROM receipt_counter WHERE day = ?", (day,)).fetchone()[0]
        return "SC%s%06d" % (day, last)

    def put_submission(self, doc, canon):
        """(201, receipt) first time, (200, same receipt) identical replay, (409, None) conflict."""
        with self.transaction() as db:
            row = db.execute("SELECT canonical, receipt FROM submissions WHERE id = ?",
                             (doc["id"],)).fetchone()
            if row is None:
                now = now_rfc3339()
                receipt = self._next_receipt(db, now)
                db.execute("INSERT INTO submissions (id, canonical, kiosk_id, service_id, "
                           "service_version, receipt, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (doc["id"], canon, doc["kiosk_id"], doc["service_id"],
                            doc["service_version"], receipt, now, now))
                return 201, receipt
            same = row["canonical"] == canon
            db.execute("UPDATE submissions SET posts = posts + 1, conflicts = conflicts + ? "
                       "WHERE id = ?", (0 if same else 1, doc["id"]))
            return (200, row["receipt"]) if same else (409, None)

    def put_rating(self, doc, canon):
        with self.transaction() as db:
            row = db.execute("SELECT canonical FROM ratings WHERE id = ?", (doc["id"],)).fetchone()
            if row is None:
                db.execute("INSERT INTO ratings (id, canonical, submission_id, kiosk_id, score, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           (doc["id"], canon, doc["submission_id"], doc["kiosk_id"], doc["score"],
                            now_rfc3339()))
                return 201
            same = row["canonical"] == canon
            db.execute("UPDATE ratings SET posts = posts + 1, conflicts = conflicts + ? "
                       "WHERE id = ?", (0 if same else 1, doc["id"]))
            return 200 if same else 409

    def put_help_request(self, doc, canon, kiosk_id):
        request_id = doc.get("id") if isinstance(doc.get("id"), str) else None
        with self.transaction() as db:   # a resent request with the same id is counted, not doubled
            db.execute("INSERT INTO help_requests (id, canonical, kiosk_id, received_at) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET posts = posts + 1",
                       (request_id, canon, kiosk_id, now_rfc3339()))

    def progress(self, submission_id):
        rows = self.query("SELECT id, receipt, status, updated_at, message FROM submissions "
                          "WHERE id = ?", (submission_id,))
        if not rows:
            return None
        if rows[0]["message"] is None:
            del rows[0]["message"]
        return rows[0]

    def set_progress(self, submission_id, status, message):
        with self.transaction() as db:
            changed = db.execute("UPDATE submissions SET status = ?, message = ?, updated_at = ? "
                                 "WHERE id = ?", (status, message, now_rfc3339(), submission_id))
            found = changed.rowcount > 0
        return self.progress(submission_id) if found else None

    def reset(self):
        with self.transaction() as db:
            for table in ("submissions", "ratings", "help_requests"):
                db.execute("DELETE FROM " + table)


# --- catalog ---------------------------------------------------------------------------------

CatalogSnapshot = namedtuple("CatalogSnapshot", "data etag versions")


class Catalog:
    """The catalog file, re-read on each use so a test can publish a new catalog (new ETag) while
    the portal runs; if the file turns unreadable the last good copy is served."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.last = None
        self.snapshot()                   # an unreadable catalog at start is a test setup error

    def snapshot(self):
        try:
            with open(self.path, "rb") as f:
                data = f.read()
            with self.lock:
                if self.last is not None and self.last.data == data:
                    return self.last
            versions = {}
            for service in json.loads(data.decode("utf-8"))["services"]:
                versions[service["id"]] = max(versions.get(service["id"], 0), service["version"])
        except (OSError, ValueError, KeyError, TypeError):
            if self.last is None:
                raise
            return self.last
        etag = '"%s"' % hashlib.sha256(data).hexdigest()
        with self.lock:
            self.last = CatalogSnapshot(data, etag, versions)
            return self.last

    def unknown_service(self, service_id, version):
        """A message when the portal would not know this service version, else None. Lower
        versions are accepted: kiosks drain items queued before a catalog update."""
        versions = self.snapshot().versions
        if service_id not in versions:
            return "service %s is not in the catalog" % service_id
        if version > versions[service_id]:
            return "service %s version %d is newer than the catalog's %d" % (
                service_id, version, versions[service_id])
        return None


def etag_matches(if_none_match, etag):
    for tag in (if_none_match or "").split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag in ("*", etag):
            return True
    return False


# --- faults and statistics -------------------------------------------------------------------

def parse_fault_rule(raw):
    if not isinstance(raw, dict):
        raise ValueError("a fault rule is a JSON object")
    kind = str(raw.get("fault"))          # 503 and "503" both work
    if kind not in FAULT_KINDS:
        raise ValueError("fault must be one of " + ", ".join(sorted(FAULT_KINDS)))
    rule = {"fault": kind, "count": raw.get("count", 1), "path": raw.get("path"),
            "method": raw.get("method"), "retry_after": raw.get("retry_after"),
            "seconds": raw.get("seconds", DEFAULT_SECONDS.get(kind))}
    if not isinstance(rule["count"], int) or isinstance(rule["count"], bool) or rule["count"] < -1:
        raise ValueError("count must be an integer, -1 meaning forever")
    for key in ("path", "method"):
        if rule[key] is not None and not isinstance(rule[key], str):
            raise ValueError(key + " must be a string")
    for key in ("retry_after", "seconds"):
        value = rule[key]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or value < 0):
            raise ValueError(key + " must be a non-negative number")
    if rule["method"]:
        rule["method"] = rule["method"].upper()
    return rule


class Faults:
    """Rules in order; the first one whose path prefix (and method) matches a request is used
    and its count goes down; a rule whose count reaches 0 is gone."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []

    def replace(self, raw_rules):
        rules = [parse_fault_rule(r) for r in raw_rules]
        with self.lock:
            self.rules = [r for r in rules if r["count"] != 0]
            return [dict(r) for r in self.rules]

    def current(self):
        with self.lock:
            return [dict(r) for r in self.rules]

    def take(self, method, path):
        with self.lock:
            for rule in self.rules:
                if rule["path"] and not path.startswith(rule["path"]):
                    continue
                if rule["method"] and rule["method"] != method:
                    continue
                if rule["count"] > 0:
                    rule["count"] -= 1
                    if rule["count"] == 0:
                        self.rules.remove(rule)
                return dict(rule)
        return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.counters = {k: Counter() for k in ("by_path", "by_method_path", "by_status", "faults")}
        self.requests = 0

    def record(self, method, path, status, fault=None):
        """status None: no answer was sent (reset, timeout, lost_after_commit)."""
        with self.lock:
            self.requests += 1
            self.counters["by_path"][path] += 1
            self.counters["by_method_path"][method + " " + path] += 1
            self.counters["by_status"]["none" if status is None else str(status)] += 1
            if fault:
                self.counters["faults"][fault] += 1

    def snapshot(self):
        with self.lock:
            out = {name: dict(counter) for name, counter in self.counters.items()}
            out["requests"] = self.requests
            return out


def fault_reply(rule):
    if rule["fault"] == "captive":        # what a hotel/village Wi-Fi login page looks like
        return Reply(200, CAPTIVE_HTML, "text/html; charset=utf-8", [])
    retry_after = rule["retry_after"]
    if retry_after is None and rule["fault"] == "429":
        retry_after = 1
    headers = [] if retry_after is None else [("Retry-After", str(math.ceil(retry_after)))]
    return error_reply(int(rule["fault"]), STATUS_FAULTS[rule["fault"]], headers=headers)


# --- the portal (everything except HTTP framing) ---------------------------------------------

class Portal:
    def __init__(self, store, catalog, token, verbose=False, opener=None):
        self.store, self.catalog, self.token, self.verbose = store, catalog, token, verbose
        self.opener = opener  # sealing.Opener when the portal has its private key
        self.faults, self.stats = Faults(), Stats()
        self.stopping = threading.Event()  # set on SIGTERM/SIGINT: releases held connections

    def authorised(self, headers):
        scheme, _, token = (headers.get("Authorization") or "").partition(" ")
        return (scheme.lower() == "bearer"
                and hmac.compare_digest(token.strip().encode(), self.token.encode())
                and (headers.get("X-Kiosk-Id") or "").strip() != "")

    def handle_v1(self, method, path, headers, body, too_large):
        if not path.startswith("/v1/"):
            return error_reply(404, "not_found")
        if not self.authorised(headers):
            return error_reply(401, "unauthorized")
        if path.startswith("/v1/submissions/") and path != "/v1/submissions/batch":
            return self.only(method, "GET", lambda: self.get_progress(path))
        routes = {
            "/v1/health": ("GET", lambda: Reply(204, b"", None, [("X-Portal-Api", "1")])),
            "/v1/catalog": ("GET", lambda: self.get_catalog(headers)),
            "/v1/submissions": ("POST", lambda: self.post_submission(headers, body)),
            "/v1/submissions/batch": ("POST", lambda: self.post_batch(body)),
            "/v1/ratings": ("POST", lambda: self.post_rating(headers, body)),
            "/v1/help-requests": ("POST", lambda: self.post_help_request(headers, body)),
        }
        if path not in routes:
            return error_reply(404, "not_found")
        if too_large:
            return error_reply(413, "too_large", "the body is larger than the portal accepts")
        return self.only(method, *routes[path])

    @staticmethod
    def only(method, allowed, handler):
        if method != allowed:
            return error_reply(405, "method_not_allowed", headers=[("Allow", allowed)])
        return handler()

    def get_catalog(self, headers):
        if self.catalog is None:
            return error_reply(404, "not_found", "this portal has no catalog")
        snap = self.catalog.snapshot()
        cache = [("ETag", snap.etag), ("Cache-Control", "no-cache")]
        if etag_matches(headers.get("If-None-Match"), snap.etag):
            return Reply(304, b"", None, cache)
        return Reply(200, snap.data, "application/json; charset=utf-8", cache)

    def get_progress(self, path):
        progress = self.store.progress(unquote(path[len("/v1/submissions/"):]))
        return json_reply(200, progress) if progress else error_reply(404, "not_found")

    def post_submission(self, headers, body):
        doc, bad = parse_json(body)
        if bad:
            return bad
        key = headers.get("Idempotency-Key")
        if not key:
            return error_reply(400, "bad_request", "Idempotency-Key header is required")
        if isinstance(doc, dict) and isinstance(doc.get("id"), str) and doc["id"] != key:
            return error_reply(400, "bad_request", "Idempotency-Key must equal the submission id")
        status, payload = self.accept_submission(doc)
        return json_reply(status, payload)

    def accept_submission(self, doc):
        """The code and body a single POST of this submission gets (shared with the batch)."""
        fields = validate_submission(doc)
        if not fields and self.opener is not None and "sealed" in doc:
            fields = self.check_sealed(doc)
        if fields:
            return 422, {"error": "invalid", "fields": fields}
        if self.catalog is not None:
            unknown = self.catalog.unknown_service(doc["service_id"], doc["service_version"])
            if unknown:
                return 404, {"error": "unknown_service", "message": unknown}
        status, receipt = self.store.put_submission(doc, canonical(doc))
        if status == 409:
            return 409, {"error": "id_conflict",
                         "message": "this id was already stored with different content"}
        return status, {"id": doc["id"], "receipt": receipt, "status": "received"}

    def check_sealed(self, doc):
        """Field errors of a sealed submission this portal can open: it must open, and hold a body."""
        from sealing import CannotOpen
        try:
            body = self.opener.open(doc)
        except CannotOpen as e:
            return [field_error("sealed", "cannot_open", str(e))]
        return [dict(e, field="sealed." + e["field"]) for e in validate_submission(dict(doc, sealed=None, body=body))
                if e["field"].startswith("body")]

    def opened(self, doc):
        """The body inside a stored sealed submission, or None."""
        if self.opener is None or not isinstance(doc.get("sealed"), dict):
            return None
        from sealing import CannotOpen
        try:
            return self.opener.open(doc)
        except CannotOpen:
            return None

    def post_batch(self, body):
        doc, bad = parse_json(body)
        if bad:
            return bad
        items = doc.get("submissions") if isinstance(doc, dict) else None
        if not isinstance(items, list):
            return error_reply(422, "invalid", fields=[
                field_error("submissions", "type", "must be a JSON array")])
        if len(items) > MAX_BATCH_ITEMS:
            return error_reply(413, "too_large", "at most %d submissions per batch" % MAX_BATCH_ITEMS)
        return json_reply(200, {"results": [self.batch_item(item) for item in items]})

    def batch_item(self, item):
        item_id = item.get("id") if isinstance(item, dict) else None
        result = {"id": item_id if isinstance(item_id, str) else None}
        if len(canonical(item).encode("utf-8")) > MAX_BODY:
            status, payload = 413, {"error": "too_large"}
        else:
            status, payload = self.accept_submission(item)
        result["status"] = status
        if "receipt" in payload:
            result["receipt"] = payload["receipt"]
        if "error" in payload:
            result["error"] = payload["error"]
        if "fields" in payload:           # lets the kiosk quarantine with the field reasons
            result["fields"] = payload["fields"]
        return result

    def post_rating(self, headers, body):
        doc, bad = parse_json(body)
        if bad:
            return bad
        key = headers.get("Idempotency-Key")
        if not key or (isinstance(doc, dict) and isinstance(doc.get("id"), str) and doc["id"] != key):
            return error_reply(400, "bad_request", "Idempotency-Key must equal the rating id")
        if not isinstance(doc, dict):
            return error_reply(422, "invalid", fields=[field_error("", "type", "a JSON object")])
        fields = check_fields(doc, RATING_FIELDS)
        if fields:
            return error_reply(422, "invalid", fields=fields)
        status = self.store.put_rating(doc, canonical(doc))
        if status == 409:
            return error_reply(409, "id_conflict", "this rating id was stored with other content")
        return json_reply(status, {"id": doc["id"], "status": "received"})

    def post_help_request(self, headers, body):
        doc, bad = parse_json(body)
        if bad:
            return bad
        if not isinstance(doc, dict):
            return error_reply(422, "invalid", fields=[field_error("", "type", "a JSON object")])
        self.store.put_help_request(doc, canonical(doc), headers.get("X-Kiosk-Id").strip())
        return json_reply(202, {"status": "accepted"})

    # -- /_control: tests only, no token --

    def control(self, method, path, body):
        routes = {
            ("GET", "/_control/faults"): lambda: json_reply(200, {"faults": self.faults.current()}),
            ("POST", "/_control/faults"): lambda: self.set_faults(body),
            ("DELETE", "/_control/faults"): lambda: json_reply(200, {"faults": self.faults.replace([])}),
            ("GET", "/_control/submissions"): self.list_submissions,
            ("GET", "/_control/ratings"): lambda: self.list_table("ratings"),
            ("GET", "/_control/help-requests"): lambda: self.list_table("help_requests"),
            ("GET", "/_control/stats"): lambda: json_reply(200, self.stats.snapshot()),
            ("POST", "/_control/progress"): lambda: self.set_progress(body),
            ("POST", "/_control/reset"): self.reset,
        }
        handler = routes.get((method, path))
        return handler() if handler else error_reply(404, "not_found")

    def set_faults(self, body):
        rules, bad = parse_json(body)
        if bad:
            return bad
        if isinstance(rules, dict):       # {"faults": [...]} or one bare rule
            rules = rules["faults"] if "faults" in rules else [rules]
        if not isinstance(rules, list):
            return error_reply(400, "bad_request", "give a JSON list of fault rules")
        try:
            return json_reply(200, {"faults": self.faults.replace(rules)})
        except ValueError as e:
            return error_reply(400, "bad_request", str(e))

    def list_submissions(self):
        rows = self.store.query("SELECT id, receipt, service_id, service_version, kiosk_id, status, "
                                "message, posts, conflicts, created_at, updated_at, canonical "
                                "FROM submissions ORDER BY seq")
        for row in rows:
            row["body"] = json.loads(row.pop("canonical"))
            row["opened"] = self.opened(row["body"])
        return json_reply(200, {"submissions": rows})

    def list_table(self, table):
        rows = self.store.query("SELECT * FROM %s ORDER BY seq" % table)
        for row in rows:
            del row["seq"]
            row["body"] = json.loads(row.pop("canonical"))
        return json_reply(200, {table: rows})

    def set_progress(self, body):
        doc, bad = parse_json(body)
        if bad:
            return bad
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            return error_reply(400, "bad_request", "give {\"id\", \"status\", \"message\"?}")
        if doc.get("status") not in PROGRESS_STATUSES:
            return error_reply(422, "invalid", fields=[field_error(
                "status", "value", "one of " + ", ".join(PROGRESS_STATUSES))])
        if doc.get("message") is not None and not isinstance(doc["message"], str):
            return error_reply(422, "invalid", fields=[field_error("message", "type", "a string")])
        progress = self.store.set_progress(doc["id"], doc["status"], doc.get("message"))
        return json_reply(200, progress) if progress else error_reply(404, "not_found")

    def reset(self):
        """A clean slate for the next test: data, statistics and fault rules."""
        self.store.reset()
        self.stats.reset()
        self.faults.replace([])
        return json_reply(200, {"status": "reset"})


# --- HTTP framing ----------------------------------------------------------------------------

class PortalHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"         # so Expect: 100-continue is answered at once
    server_version = "CareKioskReferencePortal/1"
    timeout = 30                          # a stalled client must not hold a thread forever

    def do_GET(self):
        self.close_connection = True      # one request per connection: see the module comment
        portal = self.server.portal
        path = urlsplit(self.path).path
        try:
            limit = MAX_BATCH_BODY if path in ("/v1/submissions/batch", "/_control/faults") else MAX_BODY
            body, too_large = self.read_body(limit)
        except ValueError:
            return self.send(error_reply(400, "bad_request", "malformed request framing"))
        if path == "/_control" or path.startswith("/_control/"):
            return self.send(self.guarded(lambda: portal.control(self.command, path, body)))

        fault = portal.faults.take(self.command, path)
        kind = fault["fault"] if fault else None
        if kind in ("reset", "timeout"):  # the request is never processed
            portal.stats.record(self.command, path, None, kind)
            if kind == "timeout":
                portal.stopping.wait(fault["seconds"])   # then a plain close
            else:
                self.reset_connection()
            return
        if kind in STATUS_FAULTS or kind == "captive":
            reply = fault_reply(fault)
        else:
            if kind == "slow":
                portal.stopping.wait(fault["seconds"])
            reply = self.guarded(lambda: portal.handle_v1(self.command, path, self.headers,
                                                          body, too_large))
        if kind == "lost_after_commit":   # committed above; now the answer goes missing
            portal.stats.record(self.command, path, None, kind)
            return self.reset_connection()
        portal.stats.record(self.command, path, reply.status, kind)
        self.send(reply)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    @staticmethod
    def guarded(handler):
        try:
            return handler()
        except Exception:                 # a bug in this portal: say so instead of hanging up
            traceback.print_exc()
            return error_reply(500, "internal", "reference portal error (see its stderr)")

    def read_body(self, limit):
        """(bytes, too_large). An oversized body is still read and dropped (up to MAX_DRAIN):
        closing a socket with unread input makes the kernel send a reset, which would hide the
        413 from the client."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self.read_chunked(limit)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length <= limit:
            return self.rfile.read(length), False
        remaining = min(length, MAX_DRAIN)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 65536))
            if not chunk:
                break
            remaining -= len(chunk)
        return b"", True

    def read_chunked(self, limit):
        parts, size = [], 0
        while True:
            n = int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
            if n == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass                  # trailer fields
                break
            data = self.rfile.read(n)
            self.rfile.readline(16)       # the CRLF after the chunk
            size += n
            if size > MAX_DRAIN:
                break
            if size <= limit:
                parts.append(data)
        return (b"".join(parts), False) if size <= limit else (b"", True)

    def reset_connection(self):
        """Close with SO_LINGER 0 so the kernel sends RST: the client sees 'connection reset'."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()            # drop the makefile reference so close() really closes
            self.connection.close()
        except OSError:
            pass

    def send(self, reply):
        try:
            self.send_response(reply.status)
            if reply.status not in (204, 304):
                self.send_header("Content-Type", reply.content_type or "application/octet-stream")
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            if reply.status not in (204, 304) and self.command != "HEAD":
                self.wfile.write(reply.body)
        except OSError:                   # the client went away (a killed kiosk): nothing to do
            pass

    def log_message(self, fmt, *args):
        if self.server.portal.verbose:    # off by default: a test that never reads stderr
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))


class PortalServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128              # tests fire many requests at once

    def server_bind(self):
        # HTTPServer.server_bind does a reverse DNS lookup, slow where no resolver answers
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


def main(argv=None):
    parser = argparse.ArgumentParser(description="CareKiosk reference portal (tests only)")
    parser.add_argument("--db", required=True, help="SQLite file (created if missing)")
    parser.add_argument("--token-file", required=True, help="file holding the device token")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--catalog", help="catalog JSON served at /v1/catalog and used to check "
                                          "service ids and versions")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    parser.add_argument("--private-key-file", help="the portal's X25519 private key, 64 hex characters: "
                                                   "sealed submissions are opened, and refused if they do not open")
    parser.add_argument("--key-id", help="with --private-key-file: the key id sealed submissions must name")
    args = parser.parse_args(argv)

    with open(args.token_file, encoding="utf-8") as f:
        token = f.read().strip()
    if not token:
        parser.error("the token file is empty")
    catalog = Catalog(args.catalog) if args.catalog else None
    opener = None
    if args.private_key_file:
        from sealing import Opener  # needs the cryptography package; nothing else does
        try:
            opener = Opener.from_file(args.private_key_file, args.key_id)
        except (OSError, ValueError) as e:
            parser.error("--private-key-file: %s" % e)
    portal = Portal(Store(args.db), catalog, token, args.verbose, opener)

    if ":" in args.host:
        PortalServer.address_family = socket.AF_INET6
    server = PortalServer((args.host, args.port), PortalHandler)
    server.portal = portal

    def stop(signum, frame):
        portal.stopping.set()
        # shutdown() waits for serve_forever to return, so it cannot run in this handler
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host = "[%s]" % args.host if ":" in args.host else args.host
    print("listening http://%s:%d" % (host, server.server_address[1]), flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
        portal.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
