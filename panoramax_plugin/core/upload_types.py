"""What an upload is asked to do and what it tells back: options, answers, feedback, errors.

Shared by the uploader, its file senders (requests here, Qt in the plugin) and the
dialog, so none of them imports the others.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

from .errors import PanoramaxError
from .http import retry_after_seconds  # noqa: F401  (callers import it from here)
from .upload_state import FileState


class UploadCanceled(PanoramaxError):
    """The user canceled; what was sent is kept and the next run resumes."""


class SignInRequired(PanoramaxError):
    """The instance refused the token (missing, expired, revoked): sign in, then resume."""

    status = 401


@dataclass
class UploadOptions:
    title: str
    visibility: str | None = None
    sort_method: str | None = None
    split_distance: float | None = None
    split_time: float | None = None
    duplicate_distance: float | None = None
    duplicate_rotation: float | None = None
    no_split: bool = False
    no_deduplication: bool = False
    is_blurred: bool = False
    parallel: int = 3
    max_attempts: int = 5
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    timeout_s: float = 120.0
    wait_ready_s: float = 600.0

    def upload_set_body(self) -> dict:
        body: dict = {"title": self.title}
        if self.visibility:
            body["visibility"] = self.visibility
        if self.sort_method:
            body["sort_method"] = self.sort_method
        if self.no_split:
            body["no_split"] = True
        else:
            for name in ("split_distance", "split_time"):
                if getattr(self, name) is not None:
                    body[name] = getattr(self, name)
        if self.no_deduplication:
            body["no_deduplication"] = True
        else:
            for name in ("duplicate_distance", "duplicate_rotation"):
                if getattr(self, name) is not None:
                    body[name] = getattr(self, name)
        return body


@dataclass
class SendAnswer:
    status: int
    headers: dict
    body: bytes

    def json(self) -> dict:
        try:
            value = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


class UploadFeedback:
    """What the uploader tells its caller; override what you show."""

    def canceled(self) -> bool:
        return False

    def progress(self, sent_bytes: int, total_bytes: int) -> None:
        pass

    def file_progress(self, path: str, sent_bytes: int, total_bytes: int) -> None:
        pass

    def file_done(self, state: FileState) -> None:
        pass

    def message(self, text: str) -> None:
        pass


def upload_names(paths) -> dict:
    """A file name per path, unique in the set, ending in .jpg as the server requires."""
    names, seen = {}, {}
    for path in paths:
        base = os.path.basename(path)
        stem, _, ext = base.rpartition(".")
        if not stem:
            stem, ext = base, "jpg"
        ext = ext.lower() if ext.lower() in ("jpg", "jpeg") else "jpg"
        name = f"{stem}.{ext}"
        seen.setdefault(name.lower(), []).append(path)
        names[path] = name
    for paths_with_name in seen.values():
        if len(paths_with_name) > 1:
            for path in paths_with_name:
                stem, _, ext = names[path].rpartition(".")
                digest = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:8]
                names[path] = f"{stem}_{digest}.{ext}"
    return names


def poll_delay(upload_set: dict) -> float:
    """Seconds until the next look at a set being processed: soon when little is left.

    The instance processes a few pictures a second; polling in proportion to what is
    left finds the set ready within a fraction of a second without hammering a busy
    instance during a long job (status calls of big uploads are known to time out).
    """
    status = upload_set.get("items_status") if isinstance(upload_set, dict) else None
    status = status if isinstance(status, dict) else {}
    left = 0
    for key in ("not_processed", "preparing"):
        try:
            left += int(status.get(key) or 0)
        except (TypeError, ValueError):
            pass
    return min(3.0, 0.25 + 0.04 * left)
