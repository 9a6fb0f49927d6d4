"""Sending the files of an upload: N at a time, each with its retries and the server's word.

A mixin of ``Uploader`` (which holds the state, the sender, the feedback and the stop
flag): the per-file half of the run, apart from the upload set's control calls.
"""

from __future__ import annotations

import os

from .errors import NetworkError, PanoramaxError
from .i18n import translate
from .upload_state import ALREADY_SENT, FAILED, FINAL_STATES, REJECTED, SENT, FileState
from .upload_types import SendAnswer, UploadCanceled, UploadOptions

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class FileSending:
    """``_send_pending`` and what it needs; mixed into ``Uploader``."""

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
        server_says = body.get("message")
        server_says = server_says if isinstance(server_says, str) else ""
        if answer.status in (200, 201, 202):
            picture_id = body.get("picture_id")
            self._finish(file, SENT, picture_id=picture_id if isinstance(picture_id, str) else "")
            return True
        if answer.status == 409:
            mine, earlier = self._duplicate_of(body)
            if mine:  # this set holds it: an earlier attempt of ours got through
                self._finish(file, SENT, picture_id=mine)
            elif earlier:
                self._finish(file, ALREADY_SENT, picture_id=earlier, message=server_says)
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
            retry_after = next(
                (v for k, v in (answer.headers or {}).items() if k.lower() == "retry-after"), None
            )
            self._wait(self._backoff(options, attempt, retry_after))
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

    def _duplicate_of(self, body: dict) -> tuple:
        """(picture id in this set, picture id of an earlier upload) of a 409's body.

        ``existing_item`` is the instance's "already added to this upload set";
        ``upload_sets[]`` lists the sets holding the same bytes, maybe this one.
        """
        existing = body.get("existing_item")
        existing_id = existing.get("id") if isinstance(existing, dict) else None
        if isinstance(existing_id, str) and existing_id:
            return existing_id, ""
        earlier = ""
        holders = body.get("upload_sets")
        for holder in holders if isinstance(holders, list) else ():
            if not isinstance(holder, dict):
                continue
            item_id = holder.get("existing_item_id")
            if not isinstance(item_id, str) or not item_id:
                continue
            if holder.get("upload_set_id") == self.state.upload_set_id:
                return item_id, ""
            earlier = earlier or item_id
        return "", earlier


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
