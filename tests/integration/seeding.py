"""Put pictures on the local instance through the upload-set API, for read-back tests.

This is test-side plumbing with plain requests (the plugin's own uploader is a
later feature); it waits until the server has processed the set.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import requests


@dataclass
class SeededSet:
    upload_set_id: str
    sequence_ids: list = field(default_factory=list)
    files: list = field(default_factory=list)  # server's file entries (picture_id, rejected...)
    duplicates: dict = field(default_factory=dict)  # file name -> existing picture id

    def picture_ids(self) -> list:
        return [
            f["picture_id"] for f in self.files if f.get("picture_id") and not f.get("rejected")
        ]


def upload_set(
    api: str, token: str | None, paths, title: str, timeout_s: float = 120.0, **options
) -> SeededSet:
    """Create an upload set, send every file, wait for ``ready`` and return ids."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    paths = [Path(p) for p in paths]
    # no estimated_nb_files: with it GeoVisio 2.15.1 completes the set on its last file and
    # queues its dispatch; the explicit "complete" below then waits for the dispatch job's
    # row while the worker's dispatch waits for the set's row (two connections of one
    # worker: no deadlock detected) and both hang 5 minutes (seen once: 500 + a stuck
    # worker). The plugin's uploader does not send it either.
    body = {"title": title, **options}
    created = requests.post(f"{api}/upload_sets", json=body, headers=headers, timeout=30)
    created.raise_for_status()
    set_id = created.json()["id"]
    seeded = SeededSet(set_id)
    for path in paths:
        with path.open("rb") as stream:
            answer = requests.post(
                f"{api}/upload_sets/{set_id}/files",
                files={"file": (path.name, stream, "image/jpeg")},
                headers=headers,
                timeout=120,
            )
        if answer.status_code == 409:  # same bytes already on the instance (real pictures)
            existing = answer.json().get("upload_sets") or [{}]
            seeded.duplicates[path.name] = existing[0].get("existing_item_id")
        elif answer.status_code not in (200, 202):
            raise AssertionError(
                f"upload of {path.name} failed: {answer.status_code} {answer.text}"
            )
    requests.post(f"{api}/upload_sets/{set_id}/complete", headers=headers, timeout=30)
    deadline = time.monotonic() + timeout_s
    while True:
        state = requests.get(f"{api}/upload_sets/{set_id}", headers=headers, timeout=30).json()
        if state.get("ready"):
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"upload set {set_id} not ready after {timeout_s} s: {state}")
        time.sleep(0.3)
    seeded.sequence_ids = [c["id"] for c in state.get("associated_collections") or []]
    files = requests.get(f"{api}/upload_sets/{set_id}/files", headers=headers, timeout=30).json()
    seeded.files = files.get("files") or []
    return seeded


def delete_sequences(api: str, token: str | None, sequence_ids) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for sequence_id in sequence_ids:
        requests.delete(f"{api}/collections/{sequence_id}", headers=headers, timeout=30)
