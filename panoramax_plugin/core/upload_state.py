"""What an upload has done so far, kept on disk so that nothing is lost or sent twice.

One JSON file per (instance, selection of files), written atomically after every
file: closing QGIS, a crash or a dropped connection leaves a state the next run of
the same upload resumes from.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field

PENDING = "pending"
SENT = "sent"
ALREADY_SENT = "already_sent"
REJECTED = "rejected"
FAILED = "failed"
DONE_STATES = {SENT, ALREADY_SENT}
FINAL_STATES = {SENT, ALREADY_SENT, REJECTED}


@dataclass
class FileState:
    path: str
    name: str
    size: int = 0
    status: str = PENDING
    picture_id: str = ""
    sequence_id: str = ""
    message: str = ""
    attempts: int = 0


@dataclass
class UploadState:
    api_url: str
    title: str = ""
    upload_set_id: str = ""
    # sent as the new set's metadata: a create whose answer was lost is found again by it
    create_key: str = ""
    earlier_sets: list = field(default_factory=list)
    completed: bool = False
    files: dict = field(default_factory=dict)

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files.values()]
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> UploadState:
        data = json.loads(text)
        files = {f["path"]: FileState(**f) for f in data.pop("files", [])}
        state = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        state.files = files
        return state


def selection_key(api_url: str, paths) -> str:
    """The same files to the same instance give the same key (and resume)."""
    text = api_url.rstrip("/") + "\n" + "\n".join(sorted(os.path.abspath(p) for p in paths))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class StateStore:
    """Reads and writes upload states under one folder; write errors are reported, not fatal."""

    def __init__(self, folder: str):
        self.folder = folder

    def path_for(self, key: str) -> str:
        return os.path.join(self.folder, f"upload-{key}.json")

    def load(self, key: str) -> UploadState | None:
        try:
            with open(self.path_for(key), encoding="utf-8") as handle:
                return UploadState.from_json(handle.read())
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def save(self, key: str, state: UploadState) -> None:
        """Atomic write (temporary file + rename); raises OSError when it cannot."""
        os.makedirs(self.folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(state.to_json())
            os.replace(temporary, self.path_for(key))
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    def forget(self, key: str) -> None:
        try:
            os.unlink(self.path_for(key))
        except OSError:
            pass
