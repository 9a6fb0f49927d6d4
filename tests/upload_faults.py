"""A scripted fault proxy for upload tests: a real HTTP server on 127.0.0.1 in front of
an instance (the local Panoramax, or a ``CannedServer``) that forwards every request
and, when a rule says so, spoils the exchange the way networks and proxies do.

Faults (``Fault.kind``):
  ``lose``      forward the request, then close without answering (the server did it,
                the client never hears: a lost answer)
  ``reset``     close the connection (RST) without forwarding (nothing happened)
  ``status``    answer ``status`` (with ``headers``) without forwarding (429, 503…)
  ``after``     forward, then answer ``status`` instead of the real answer (a 502 from a
                gateway after the server did the work)
  ``truncate``  forward, then send half of the real answer under its full length
  ``garble``    forward, then send a 200 whose body is not JSON

Rules are tried in order; the first whose method and path pattern match and that
``fires`` decides. Every request is recorded with the fault it got.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import socket
import struct
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Fault:
    kind: str
    status: int = 0
    headers: dict = field(default_factory=dict)


@dataclass
class Rule:
    """``fault`` for requests matching ``method`` and ``path`` (a regex searched in the
    path and query): the first ``times`` matches, or each match with probability
    ``rate`` (seeded), or only the ``nth`` match (1-based)."""

    method: str
    path: str
    fault: Fault
    times: int | None = None
    rate: float | None = None
    nth: int | None = None
    seed: int = 0
    matched: int = 0
    fired: int = 0

    def __post_init__(self):
        self._random = random.Random(self.seed)

    def fires(self, method: str, path: str) -> bool:
        if method != self.method or not re.search(self.path, path):
            return False
        self.matched += 1
        if self.nth is not None:
            hit = self.matched == self.nth
        elif self.rate is not None:
            hit = self._random.random() < self.rate
        else:
            hit = self.times is None or self.fired < self.times
        self.fired += hit
        return hit


class _LocalServer:
    """A threaded HTTP server on 127.0.0.1 whose handler calls ``self.handle(request)``."""

    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                owner.handle(self, self.rfile.read(length) if length else b"")

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _send(request, status, headers, content, cut=False):
    request.send_response(status)
    for key, value in headers.items():
        request.send_header(key, value)
    request.send_header("Content-Length", str(len(content)))
    request.send_header("Connection", "close")
    request.end_headers()
    request.wfile.write(content[: len(content) // 2] if cut else content)
    request.wfile.flush()
    if cut:
        _reset(request)


def _reset(request):
    """Close the connection at once (RST), answer or not."""
    request.close_connection = True
    try:
        request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.connection.close()
    except OSError:
        pass


class FaultProxy(_LocalServer):
    def __init__(self, upstream: str, rules=None):
        super().__init__()
        self.upstream = upstream.rstrip("/")
        self.rules = list(rules or [])
        self.log = []  # (method, path, fault kind or "", status answered or None)
        self._lock = threading.Lock()

    def handle(self, request, body):
        method, path = request.command, request.path
        with self._lock:
            fault = next((r.fault for r in self.rules if r.fires(method, path)), None)
        kind = fault.kind if fault else ""
        if kind == "reset":
            self._record(method, path, kind, None)
            return _reset(request)
        if kind == "status":
            self._record(method, path, kind, fault.status)
            message = {"message": "fault proxy", "status_code": fault.status}
            return _send(request, fault.status, fault.headers, json.dumps(message).encode())
        answer = requests.request(
            method,
            self.upstream + path,
            headers={k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS},
            data=body,
            allow_redirects=False,
            timeout=120,
        )
        content = answer.content.replace(self.upstream.encode(), self.base_url.encode())
        headers = {
            k: v.replace(self.upstream, self.base_url)
            for k, v in answer.headers.items()
            if k.lower() not in HOP_HEADERS and k.lower() != "content-encoding"
        }
        if kind == "lose":
            self._record(method, path, kind, None)
            return _reset(request)
        if kind == "after":
            self._record(method, path, kind, fault.status)
            return _send(request, fault.status, fault.headers, b'{"message": "bad gateway"}')
        if kind == "garble":
            self._record(method, path, kind, 200)
            return _send(request, 200, {"Content-Type": "application/json"}, b"<html>oops")
        self._record(method, path, kind, answer.status_code)
        return _send(request, answer.status_code, headers, content, cut=kind == "truncate")

    def _record(self, method, path, kind, status):
        with self._lock:
            self.log.append((method, path, kind, status))

    def faults(self, kind: str | None = None) -> list:
        return [entry for entry in self.log if entry[2] and (kind is None or entry[2] == kind)]


# --- the local instance's side: what the server holds, and cleaning up -------------------
def server_files(api: str, token: str | None, upload_set_id: str) -> list:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = requests.get(f"{api}/upload_sets/{upload_set_id}/files", headers=headers, timeout=30)
    answer.raise_for_status()
    return answer.json()["files"]


def my_open_sets(api: str, token: str, title: str) -> list:
    """The ids of the account's open (not completed) sets with this title.

    The listing has no paging and is sorted oldest first (100 at most): ask for open sets
    only, there are few."""
    headers = {"Authorization": f"Bearer {token}"}
    answer = requests.get(
        f"{api}/users/me/upload_sets",
        params={"limit": 100, "filter": "completed = FALSE"},
        headers=headers,
        timeout=30,
    )
    answer.raise_for_status()
    return [s["id"] for s in answer.json()["upload_sets"] if s.get("title") == title]


def delete_upload_sets(api: str, token: str | None, upload_set_ids) -> None:
    """Delete sets (and so their pictures); sequences go with ``seeding.delete_sequences``."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for upload_set_id in upload_set_ids:
        requests.delete(f"{api}/upload_sets/{upload_set_id}", headers=headers, timeout=30)


# --- an in-memory upload-set API for unit tests -------------------------------------------
class FakeUploadInstance(_LocalServer):
    """Just enough of GeoVisio's upload-set API, on 127.0.0.1, to run the uploader: create,
    read, list and add files (409 like GeoVisio: ``existing_item`` when this set holds the
    bytes, ``upload_sets[]`` when another did), complete (ready at once: one sequence per
    set), read back, and ``/users/me/upload_sets``. ``tamper[(method, path regex)]`` is a
    function ``(status, body) -> (status, body)`` spoiling an answer (body may become any
    JSON value, or bytes)."""

    def __init__(self):
        super().__init__()
        self.sets: dict = {}
        self.tamper: dict = {}
        self.requests = []  # (method, path)
        self._lock = threading.Lock()
        self.api = self.base_url + "/api"

    def handle(self, request, body):
        method, path = request.command, request.path
        with self._lock:
            self.requests.append((method, path))
            status, answer = self._route(method, path, request.headers, body)
            for (tampered_method, pattern), spoil in self.tamper.items():
                if tampered_method == method and re.search(pattern, path):
                    status, answer = spoil(status, answer)
        raw = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        _send(request, status, {"Content-Type": "application/json"}, raw)

    def _route(self, method, path, headers, body):
        path = path.split("?")[0]
        parts = path.strip("/").split("/")
        if path == "/api/upload_sets" and method == "POST":
            data = json.loads(body or b"{}")
            set_id = f"set-{len(self.sets) + 1}"
            self.sets[set_id] = {
                "id": set_id,
                "title": data.get("title"),
                "metadata": data.get("metadata"),
                "completed": False,
                "files": [],
            }
            return 200, self._set_json(set_id)
        if path == "/api/users/me/upload_sets":
            open_sets = [self._set_json(i) for i, s in self.sets.items() if not s["completed"]]
            return 200, {"upload_sets": open_sets}
        if parts[:2] == ["api", "upload_sets"] and parts[2] in self.sets:
            upload_set = self.sets[parts[2]]
            if len(parts) == 3:
                return 200, self._set_json(parts[2])
            if parts[3] == "complete":
                upload_set["completed"] = True
                return 200, self._set_json(parts[2])
            if parts[3] == "files" and method == "GET":
                return 200, {"files": [dict(f) for f in upload_set["files"]]}
            if parts[3] == "files":
                return self._add_file(upload_set, headers, body)
        if parts[:2] == ["api", "collections"] and len(parts) == 4:
            set_id = parts[2][len("seq-") :]
            if set_id in self.sets:
                ids = [f["picture_id"] for f in self.sets[set_id]["files"] if "rejected" not in f]
                return 200, {"features": [{"id": i} for i in ids], "links": []}
        return 404, {"message": "not found", "status_code": 404}

    def _add_file(self, upload_set, headers, body):
        boundary = headers.get("Content-Type", "").split("boundary=")[-1].strip('"').encode()
        part = next(p for p in body.split(b"--" + boundary) if re.search(rb'name="?file"?;', p))
        head, _, content = part.partition(b"\r\n\r\n")
        name = re.search(rb'filename="?([^"\r\n;]*)"?', head).group(1).decode()
        md5 = hashlib.md5(content[:-2]).hexdigest()
        for holder in self.sets.values():
            for entry in holder["files"]:
                if entry.get("content_md5") != md5 or "rejected" in entry:
                    continue
                if holder is upload_set:
                    return 409, {
                        "existing_item": {"id": entry["picture_id"]},
                        "message": "The item has already been added to this upload set",
                        "status_code": 409,
                    }
                upload_set["files"].append(
                    {
                        "file_name": name,
                        "content_md5": md5,
                        "rejected": {"reason": "file_duplicate", "message": "already sent"},
                    }
                )
                return 409, {
                    "message": "The same picture has already been sent in a past upload",
                    "status_code": 409,
                    "upload_sets": [
                        {"existing_item_id": entry["picture_id"], "upload_set_id": holder["id"]}
                    ],
                }
        entry = {"file_name": name, "content_md5": md5, "picture_id": str(uuid.uuid4())}
        upload_set["files"].append(entry)
        return 202, dict(entry)

    def _set_json(self, set_id):
        upload_set = self.sets[set_id]
        accepted = [f for f in upload_set["files"] if "rejected" not in f]
        return {
            "id": set_id,
            "title": upload_set["title"],
            "metadata": upload_set["metadata"],
            "completed": upload_set["completed"],
            "ready": upload_set["completed"],
            "items_status": {"prepared": len(accepted), "not_processed": 0},
            "associated_collections": (
                [{"id": f"seq-{set_id}"}] if upload_set["completed"] and accepted else []
            ),
        }

    def accepted_names(self, set_id) -> list:
        return sorted(f["file_name"] for f in self.sets[set_id]["files"] if "rejected" not in f)

    def calls(self, method, pattern) -> int:
        return sum(1 for m, p in self.requests if m == method and re.search(pattern, p))
