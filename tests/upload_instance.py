"""The upload-set API of an instance, for upload tests: what the real local instance holds
and cleaning it up (``server_files``, ``my_open_sets``, ``delete_upload_sets``), and an
in-memory fake of it on 127.0.0.1 (``FakeUploadInstance``). Faults come from the proxy
in front of either (``tests/fault_proxy.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import uuid

import requests

from tests.http_server import LocalServer, send


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
class FakeUploadInstance(LocalServer):
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
        send(request, status, raw, {"Content-Type": "application/json"})

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
