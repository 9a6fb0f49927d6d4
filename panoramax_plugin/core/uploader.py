"""Upload pictures to an instance with the upload-set API: parallel, resumable, per-file.

The flow: create (or reuse) an upload set, ask the server which files it already
has, send the others N at a time with retries, complete the set, wait until the
instance has processed it, then read back each file's picture, sequence and
rejection. The state is saved after every file (``upload_state``), so running the
same upload again sends only what is missing; a 409 for a file the server already
has counts as done: "sent" when this upload set holds it (a retry whose first answer
was lost), "already on the instance" when an earlier upload did.

Control calls (create, read the set, list its files, complete, poll, read back) are
retried on network errors, 5xx, 408/425/429 (``Retry-After`` honoured) and garbled
answers. The create is not idempotent: it carries a key in the set's metadata, kept in
the state before the call, and after an unclear failure the user's open sets are
searched for that key before creating another one (no orphan set).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from contextlib import contextmanager

from .client import PanoramaxClient
from .errors import (
    AuthenticationError,
    HttpError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    PanoramaxError,
)
from .file_sender import RequestsFileSender, run_in_python_threads
from .http import HttpClient, same_origin
from .i18n import translate
from .upload_files import TRANSIENT_STATUSES, FileSending
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
    retry_after_seconds,
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

# the metadata key of the set's creation key (see the module doc)
CREATE_KEY = "qgis_panoramax_upload_key"


class Uploader(FileSending):
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
        self.options: UploadOptions | None = None
        self.key = ""
        self.state_error = ""
        self._lock = threading.Lock()
        self._stop: PanoramaxError | None = None
        self._sent_bytes: dict = {}
        self._sizes: dict = {}  # read once per run, not at every progress event
        self._total_bytes = 0

    # --- public -------------------------------------------------------------------------
    def run(self, paths, options: UploadOptions) -> UploadState:
        """Send what is missing and report; raises ``PanoramaxError`` subclasses only."""
        try:
            return self._run(paths, options)
        except PanoramaxError:
            raise
        except Exception as exc:  # a bug or a surprise must still read as the core's error
            raise PanoramaxError(
                translate(
                    "PanoramaxUpload",
                    "The upload stopped on an unexpected error ({error}). What was sent is "
                    "kept: run the same upload again to go on.",
                ).format(error=f"{type(exc).__name__}: {exc}")
            ) from exc

    def _run(self, paths, options: UploadOptions) -> UploadState:
        paths = [os.path.abspath(p) for p in paths]
        self.options = options
        self.key = selection_key(self.api_url, paths)
        self.state = self._load_or_new(paths, options)
        self._save()
        self._ensure_upload_set(options)
        self._sync_with_server()
        self._send_pending(options)
        if self._stop is not None:
            raise self._stop
        if self.feedback.canceled():
            raise self._canceled_error()
        if all(f.status in FINAL_STATES for f in self.state.files.values()):
            self._complete_and_wait(options)
        return self.state

    def _canceled_error(self) -> UploadCanceled:
        return UploadCanceled(
            translate(
                "PanoramaxUpload",
                "Upload canceled. What was sent is kept: run the same upload again to "
                "send the rest.",
            )
        )

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

    def _control(self, call, on_retry=None):
        """``call()`` retried on what may pass (network, 5xx, 408/425/429, garbled answer).

        Waits as the file sends do (backoff, ``Retry-After``); a cancel while waiting
        raises ``UploadCanceled``. ``on_retry(error)`` may end the retries with a result
        (not None), e.g. the set an unclear create did make.
        """
        options = self.options or UploadOptions(title="")
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._signed_in():
                    return call()
            except (NetworkError, InvalidResponseError, HttpError) as error:
                if isinstance(error, HttpError) and error.status not in TRANSIENT_STATUSES:
                    raise
                if attempt >= options.max_attempts:
                    raise
                retry_after = getattr(error, "retry_after", None)
                self._wait(self._backoff(options, attempt, retry_after))
                if self.feedback.canceled():
                    raise self._canceled_error() from error
                if on_retry is not None:
                    found = on_retry(error)
                    if found is not None:
                        return found

    def _ensure_upload_set(self, options: UploadOptions) -> None:
        if self.state.upload_set_id:
            try:
                self._control(lambda: self.api.get_upload_set(self.state.upload_set_id))
                return
            except NotFoundError:  # deleted on the server: start a new set
                self.state.earlier_sets.append(self.state.upload_set_id)
                self.state.upload_set_id = ""
                for file in self.state.files.values():
                    file.status, file.picture_id, file.sequence_id = PENDING, "", ""
        self.state.upload_set_id = self._create_upload_set(options)
        self.state.create_key = ""
        self.state.completed = False
        self._save()

    def _create_upload_set(self, options: UploadOptions) -> str:
        """A new set, or the one an earlier unclear create made (found by its key)."""
        key = self.state.create_key
        if key:  # a create of an earlier run may have worked without us knowing
            found = self._find_created_set(key)
            if found:
                return found
        else:
            self.state.create_key = key = uuid.uuid4().hex
            self._save()  # before the call: a run stopped right after it still knows the key
        body = options.upload_set_body()
        body["metadata"] = {**(body.get("metadata") or {}), CREATE_KEY: key}

        def look_for_it(error):
            # a 429/408/425 was refused before any work; anything else may have created it
            if isinstance(error, HttpError) and error.status < 500:
                return None
            return self._find_created_set(key)

        return self._control(lambda: self.api.create_upload_set(body), on_retry=look_for_it)

    def _find_created_set(self, key: str) -> str | None:
        """The id of the user's open set created with ``key``, if the instance tells."""
        if not self.token:  # no account: the instance cannot list "my" sets
            return None
        try:
            sets = self._control(self.api.my_upload_sets)
        except SignInRequired:  # the account cannot list its sets here: create as before
            return None
        except HttpError as error:
            if error.status in TRANSIENT_STATUSES:
                raise  # still failing: stop rather than risk a second set (a rerun looks again)
            return None  # no such listing on this instance (older version)
        for upload_set in sets:
            metadata = upload_set.get("metadata")
            set_id = upload_set.get("id")
            if isinstance(metadata, dict) and metadata.get(CREATE_KEY) == key:
                if isinstance(set_id, str) and set_id:
                    return set_id
        return None

    def _server_files(self) -> list:
        return self._control(lambda: self.api.upload_set_files(self.state.upload_set_id))

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
        name_of_picture = {}
        for item in self._server_files():
            name = item.get("file_name")
            file = by_name.get(name) if isinstance(name, str) else None
            picture_id = item.get("picture_id")
            picture_id = picture_id if isinstance(picture_id, str) else ""
            rejected = item.get("rejected")
            if picture_id and not rejected:
                name_of_picture[picture_id] = name
            if file is None or (not after_processing and file.status in FINAL_STATES):
                continue
            if rejected:
                if file.status == ALREADY_SENT:
                    continue  # the server notes our 409 as a file_duplicate: it is done
                file.status = REJECTED
                file.message = _rejection_text(rejected)
            elif picture_id:
                if not after_processing:
                    file.status = SENT
                file.picture_id = file.picture_id or picture_id
        if after_processing:
            self._same_bytes_twice(name_of_picture)

    def _same_bytes_twice(self, name_of_picture: dict) -> None:
        """A file "sent" whose picture the set holds under another name: the same bytes
        were selected twice, and the instance kept the other one."""
        for file in self.state.files.values():
            other = name_of_picture.get(file.picture_id)
            if file.status == SENT and other and other != file.name:
                file.status = ALREADY_SENT
                file.message = translate(
                    "PanoramaxUpload", "Same picture as {name}, sent by this upload."
                ).format(name=other)

    # --- sending ----------------------------------------------------------------------------
    def _stop_all(self, error: PanoramaxError) -> None:
        """No file is started after this; the first reason given is the one reported."""
        with self._lock:
            if self._stop is None:
                self._stop = error

    def _backoff(self, options, attempt: int, retry_after=None) -> float:
        """Exponential, at least the server's ``Retry-After``; at most ``max_backoff_s``."""
        retry_after = retry_after_seconds(retry_after)
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
        if not self.state.completed:  # completing twice is harmless: retried as it comes
            self._control(lambda: self.api.complete_upload_set(self.state.upload_set_id))
            self.state.completed = True
            self._save()
        self.feedback.message(
            translate("PanoramaxUpload", "All files sent; the instance is processing them…")
        )
        deadline = time.monotonic() + options.wait_ready_s
        while True:
            body = self._control(lambda: self.api.get_upload_set(self.state.upload_set_id))
            if body.get("ready") is True:
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
        collections = upload_set.get("associated_collections") or []
        if not isinstance(collections, list):
            raise self.api.unexpected_upload_answer(
                self.api.upload_set_url(self.state.upload_set_id)
            )
        sequence_of = {}
        for collection in collections:
            sequence_id = collection.get("id") if isinstance(collection, dict) else None
            if not isinstance(sequence_id, str) or not sequence_id:
                continue
            for picture_id in self._collection_picture_ids(sequence_id):
                sequence_of[picture_id] = sequence_id
        for file in self.state.files.values():
            if file.picture_id in sequence_of:
                file.sequence_id = sequence_of[file.picture_id]
        self._save()

    def _collection_picture_ids(self, collection_id: str) -> list:
        """The sequence's picture ids (read again from the start after a fault); a
        sequence deleted meanwhile gives none."""
        try:
            return self._control(lambda: list(self.api.iter_sequence_picture_ids(collection_id)))
        except NotFoundError:
            return []


def _rejection_text(rejected) -> str:
    """The server's reason for refusing a file, whatever shape it comes in."""
    if isinstance(rejected, dict):
        for key in ("message", "reason"):
            if isinstance(rejected.get(key), str) and rejected[key]:
                return rejected[key]
        return ""
    return rejected if isinstance(rejected, str) else ""
