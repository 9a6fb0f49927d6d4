"""Upload pictures to an instance with the upload-set API: parallel, resumable, per-file.

The flow: create (or reuse) an upload set, ask the server which files it already
has, send the others N at a time with retries, complete the set, wait until the
instance has processed it, then read back each file's picture, sequence and
rejection. The state is saved after every file (``upload_state``), so running the
same upload again sends only what is missing; a 409 for a file the server already
has counts as done.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

from .client import PanoramaxClient
from .errors import AuthenticationError, NetworkError, NotFoundError, PanoramaxError
from .file_sender import RequestsFileSender, run_in_python_threads
from .http import HttpClient, same_origin
from .i18n import translate
from .upload_state import (
    ALREADY_SENT,
    DONE_STATES,
    FAILED,
    FINAL_STATES,
    PENDING,
    REJECTED,
    SENT,
    FileState,
    StateStore,
    UploadState,
    selection_key,
)
from .upload_types import (
    SendAnswer,
    SignInRequired,
    UploadCanceled,
    UploadFeedback,
    UploadOptions,
    poll_delay,
    upload_names,
)

# what callers import from here, though defined next door
__all__ = [
    "RequestsFileSender",
    "SendAnswer",
    "SignInRequired",
    "UploadCanceled",
    "UploadFeedback",
    "UploadOptions",
    "Uploader",
    "poll_delay",
    "run_in_python_threads",
    "upload_names",
]

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class Uploader:
    """Runs one upload; call ``run`` from a worker thread (it blocks)."""

    def __init__(
        self,
        api_url: str,
        http: HttpClient,
        sender,
        store: StateStore,
        token: str | None = None,
        feedback: UploadFeedback | None = None,
        sleep=time.sleep,
        run_parallel=None,
    ):
        self.api_url = api_url.rstrip("/")
        self.http = http
        self.sender = sender
        self.store = store
        self.token = token
        self.feedback = feedback or UploadFeedback()
        self.sleep = sleep
        # how files are sent N at a time: Python threads here; QGIS passes Qt threads,
        # whose event loops give Qt's network timers (timeouts, cancel) a home
        self.run_parallel = run_parallel or run_in_python_threads
        # the upload-set endpoints; the token goes along through ``auth_headers``
        self.api = PanoramaxClient(self.api_url, http, auth_headers=self.auth_headers)
        self.state: UploadState | None = None
        self.key = ""
        self.state_error = ""
        self._lock = threading.Lock()
        self._stop: PanoramaxError | None = None
        self._sent_bytes: dict = {}
        self._sizes: dict = {}  # read once per run, not at every progress event
        self._total_bytes = 0

    # --- public -------------------------------------------------------------------------
    def run(self, paths, options: UploadOptions) -> UploadState:
        paths = [os.path.abspath(p) for p in paths]
        self.key = selection_key(self.api_url, paths)
        self.state = self._load_or_new(paths, options)
        self._save()
        self._ensure_upload_set(options)
        self._sync_with_server()
        self._send_pending(options)
        if self._stop is not None:
            raise self._stop
        if self.feedback.canceled():
            raise UploadCanceled(
                translate(
                    "PanoramaxUpload",
                    "Upload canceled. What was sent is kept: run the same upload again to "
                    "send the rest.",
                )
            )
        if all(f.status in FINAL_STATES for f in self.state.files.values()):
            self._complete_and_wait(options)
        return self.state

    def auth_headers(self, url: str) -> dict:
        """The token, for the instance's own origin only (never asset hosts)."""
        if self.token and same_origin(url, self.api_url):
            return {"Authorization": f"Bearer {self.token}"}
        return {}

    # --- state ----------------------------------------------------------------------------
    def _load_or_new(self, paths, options) -> UploadState:
        state = self.store.load(self.key)
        names = upload_names(paths)
        if state is None or state.api_url.rstrip("/") != self.api_url:
            state = UploadState(api_url=self.api_url, title=options.title)
        for path in paths:
            if path not in state.files:
                state.files[path] = FileState(path=path, name=names[path])
        for file in state.files.values():
            if file.status == FAILED:  # a new run retries what failed last time
                file.status, file.message = PENDING, ""
        return state

    def _save(self) -> None:
        try:
            self.store.save(self.key, self.state)
        except OSError as exc:
            if not self.state_error:
                self.state_error = translate(
                    "PanoramaxUpload",
                    "Could not save the upload state in {folder} ({error}): the upload goes "
                    "on, but if it stops it cannot resume by itself (files already sent will "
                    "be recognised by the instance).",
                ).format(folder=self.store.folder, error=exc.strerror or exc)
                self.feedback.message(self.state_error)

    # --- upload set -------------------------------------------------------------------------
    @contextmanager
    def _signed_in(self):
        """A token refused on a control call asks the user to sign in (status kept)."""
        try:
            yield
        except AuthenticationError as error:
            raise self._sign_in_error(error.status) from error

    def _sign_in_error(self, status: int) -> SignInRequired:
        error = SignInRequired(
            translate(
                "PanoramaxUpload",
                "The instance refused the upload (HTTP {status}): sign in again (your token "
                "may have expired or been revoked), then run the same upload: nothing already "
                "sent will be sent twice.",
            ).format(status=status)
        )
        error.status = status  # 401: the token is invalid (drop it); 403: not allowed (yet)
        return error

    def _ensure_upload_set(self, options: UploadOptions) -> None:
        if self.state.upload_set_id:
            try:
                with self._signed_in():
                    self.api.get_upload_set(self.state.upload_set_id)
                return
            except NotFoundError:  # deleted on the server: start a new set
                self.state.earlier_sets.append(self.state.upload_set_id)
                for file in self.state.files.values():
                    file.status, file.picture_id, file.sequence_id = PENDING, "", ""
        with self._signed_in():
            self.state.upload_set_id = self.api.create_upload_set(options.upload_set_body())
        self.state.completed = False
        self._save()

    def _server_files(self) -> list:
        with self._signed_in():
            return self.api.upload_set_files(self.state.upload_set_id)

    def _sync_with_server(self) -> None:
        """Files the server already holds (sent before a crash) are not sent again."""
        self._apply_server_files(after_processing=False)
        self._save()

    def _apply_server_files(self, after_processing: bool) -> None:
        """The server's word on each file: received (picture id) or rejected (reason).

        Before sending, only files not settled yet are updated (and become SENT); after
        processing, every file may turn out rejected (duplicates, bad metadata).
        """
        by_name = {f.name: f for f in self.state.files.values()}
        for item in self._server_files():
            file = by_name.get(item.get("file_name"))
            if file is None or (not after_processing and file.status in FINAL_STATES):
                continue
            rejected = item.get("rejected")
            if rejected:
                if file.status == ALREADY_SENT:
                    continue  # the server notes our 409 as a file_duplicate: it is done
                file.status = REJECTED
                file.message = rejected.get("message") or rejected.get("reason") or ""
            elif item.get("picture_id"):
                if not after_processing:
                    file.status = SENT
                file.picture_id = file.picture_id or str(item["picture_id"])

    # --- sending ----------------------------------------------------------------------------
    def _send_pending(self, options: UploadOptions) -> None:
        todo = [f for f in self.state.files.values() if f.status not in FINAL_STATES]
        self._sizes = {path: _size(path) for path in self.state.files}
        self._total_bytes = sum(self._sizes.values())
        for file in self.state.files.values():
            done = file.status in FINAL_STATES
            self._sent_bytes[file.path] = self._sizes[file.path] if done else 0
        self._report_progress()
        if not todo:
            return
        workers = max(1, min(int(options.parallel), len(todo)))
        self.run_parallel(lambda f: self._send_one(f, options), todo, workers)

    def _send_one(self, file: FileState, options: UploadOptions) -> None:
        try:
            self._send_with_retries(file, options)
        except Exception as exc:  # a bug here must fail one file, not the whole upload
            self._finish(file, FAILED, message=str(exc))

    def _send_with_retries(self, file: FileState, options: UploadOptions) -> None:
        url = self.api.upload_set_files_url(self.state.upload_set_id)
        fields = {"isBlurred": "true" if options.is_blurred else "false"}
        for attempt in range(1, options.max_attempts + 1):
            if self._stop is not None or self.feedback.canceled():
                return
            file.attempts += 1
            self._sent_bytes[file.path] = 0
            try:
                answer = self.sender.send(
                    url,
                    {**self.auth_headers(url), "Accept": "application/json"},
                    fields,
                    file.path,
                    file.name,
                    options.timeout_s,
                    lambda sent, total, path=file.path: self._on_bytes(path, sent, total),
                    lambda: self._stop is not None or self.feedback.canceled(),
                )
            except UploadCanceled:
                self._sent_bytes[file.path] = 0
                return
            except FileNotFoundError:
                self._finish(
                    file,
                    FAILED,
                    message=translate(
                        "PanoramaxUpload",
                        "The file disappeared before it was sent. Put it back and run the upload "
                        "again.",
                    ),
                )
                return
            except OSError as exc:
                self._finish(
                    file,
                    FAILED,
                    message=translate(
                        "PanoramaxUpload", "The file could not be read: {error}"
                    ).format(error=exc.strerror or exc),
                )
                return
            except NetworkError as exc:
                if attempt == options.max_attempts:
                    self._finish(
                        file,
                        FAILED,
                        message=translate(
                            "PanoramaxUpload",
                            "Not sent after {attempts} attempts ({error}). Run the upload again "
                            "to retry.",
                        ).format(attempts=attempt, error=exc),
                    )
                    return
                self._wait(self._backoff(options, attempt, None))
                continue
            if self._handle_answer(file, answer, attempt, options):
                return
        self._finish(
            file,
            FAILED,
            message=translate(
                "PanoramaxUpload",
                "Not sent after {attempts} attempts. Run the upload again to retry.",
            ).format(attempts=options.max_attempts),
        )

    def _handle_answer(self, file, answer: SendAnswer, attempt: int, options) -> bool:
        """True when the file is settled; False to try again."""
        body = answer.json()
        server_says = str(body.get("message") or "")
        if answer.status in (200, 201, 202):
            self._finish(file, SENT, picture_id=str(body.get("picture_id") or ""))
            return True
        if answer.status == 409:
            existing = (body.get("existing_item") or {}).get("id") or next(
                (s.get("existing_item_id") for s in body.get("upload_sets") or []), None
            )
            if existing:
                self._finish(file, ALREADY_SENT, picture_id=str(existing), message=server_says)
            else:
                self._finish(file, REJECTED, message=server_says)
            return True
        if answer.status in (401, 403):
            self._stop_all(self._sign_in_error(answer.status))
            return True
        if answer.status == 404:
            self._stop_all(
                PanoramaxError(
                    translate(
                        "PanoramaxUpload",
                        "The upload set no longer exists on the instance. Run the upload "
                        "again to start a new one.",
                    )
                )
            )
            return True
        if answer.status in TRANSIENT_STATUSES and attempt < options.max_attempts:
            self._wait(self._backoff(options, attempt, answer.headers))
            return False
        if answer.status in TRANSIENT_STATUSES:
            self._finish(
                file,
                FAILED,
                message=translate(
                    "PanoramaxUpload",
                    "The instance kept failing (HTTP {status}). Run the upload again later.",
                ).format(status=answer.status),
            )
            return True
        self._finish(
            file,
            REJECTED,
            message=server_says
            or translate("PanoramaxUpload", "Refused by the instance (HTTP {status}).").format(
                status=answer.status
            ),
        )
        return True

    def _stop_all(self, error: PanoramaxError) -> None:
        """No file is started after this; the first reason given is the one reported."""
        with self._lock:
            if self._stop is None:
                self._stop = error

    def _backoff(self, options, attempt: int, headers) -> float:
        retry_after = None
        for key, value in (headers or {}).items():
            if key.lower() == "retry-after":
                try:
                    retry_after = float(value)
                except ValueError:
                    retry_after = None
        delay = options.backoff_s * (2 ** (attempt - 1))
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, options.max_backoff_s)

    def _wait(self, seconds: float) -> None:
        """Sleep in small steps so that a cancel is not held up by a backoff."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.feedback.canceled() or self._stop is not None:
                return
            self.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

    def _on_bytes(self, path: str, sent: int, total: int) -> None:
        self._sent_bytes[path] = min(sent, self._sizes.get(path) or sent)
        self.feedback.file_progress(path, sent, total)
        self._report_progress()

    def _report_progress(self) -> None:
        self.feedback.progress(sum(self._sent_bytes.values()), max(1, self._total_bytes))

    def _finish(self, file: FileState, status: str, picture_id: str = "", message: str = ""):
        with self._lock:
            file.status = status
            if picture_id:
                file.picture_id = picture_id
            file.message = message
            if status in DONE_STATES:
                self._sent_bytes[file.path] = self._sizes.get(file.path, 0)
            self._save()
        self._report_progress()
        self.feedback.file_done(file)

    # --- after sending ------------------------------------------------------------------
    def _complete_and_wait(self, options: UploadOptions) -> None:
        if not any(f.status in DONE_STATES for f in self.state.files.values()):
            return
        if not self.state.completed:
            with self._signed_in():
                self.api.complete_upload_set(self.state.upload_set_id)
            self.state.completed = True
            self._save()
        self.feedback.message(
            translate("PanoramaxUpload", "All files sent; the instance is processing them…")
        )
        deadline = time.monotonic() + options.wait_ready_s
        while True:
            with self._signed_in():
                body = self.api.get_upload_set(self.state.upload_set_id)
            if body.get("ready"):
                break
            if self.feedback.canceled() or time.monotonic() > deadline:
                self.feedback.message(
                    translate(
                        "PanoramaxUpload",
                        "The instance is still processing the pictures; the report shows what is "
                        "known now.",
                    )
                )
                break
            self._wait(poll_delay(body))
        self._collect_results(body)

    def _collect_results(self, upload_set: dict) -> None:
        self._apply_server_files(after_processing=True)
        sequence_of = {}
        for collection in upload_set.get("associated_collections") or []:
            for picture_id in self._collection_picture_ids(str(collection.get("id"))):
                sequence_of[picture_id] = str(collection.get("id"))
        for file in self.state.files.values():
            if file.picture_id in sequence_of:
                file.sequence_id = sequence_of[file.picture_id]
        self._save()

    def _collection_picture_ids(self, collection_id: str) -> list:
        """The sequence's picture ids; a sequence deleted meanwhile gives what was read."""
        ids = []
        try:
            with self._signed_in():
                for picture_id in self.api.iter_sequence_picture_ids(collection_id):
                    ids.append(picture_id)
        except NotFoundError:
            pass
        return ids


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
