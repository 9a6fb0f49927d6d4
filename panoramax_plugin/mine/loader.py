"""Loading "My pictures": every page of my sequences (and, on demand, their pictures)
in a ``CoreTask``, then into the memory layers on the main thread.

The account is the current instance's signed-in one: its token is read from QGIS's
authentication database on the main thread (``account_credentials``) and handed to each
task, which makes its own QGIS HTTP client (one per thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..background.core_task import CoreTask, start_task
from ..background.qthreads import run_in_qthreads
from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.mine import MyPictures
from ..network.session import qgis_http_client
from .layers import MyPicturesLayer, MySequencesLayer, filter_expression


@dataclass(frozen=True)
class Account:
    """Who acts: the instance's API and the signed-in account's token (never logged)."""

    api_url: str
    token: str
    name: str = ""
    timeout: float = 30.0

    def __repr__(self) -> str:  # the token stays out of logs and tracebacks
        return f"Account({self.api_url!r}, {self.name!r})"


def account_credentials(state, timeout: float = 30.0) -> Account | None:
    """The signed-in account of ``state`` (an ``InstanceState``) with its stored token,
    or None when nobody is signed in there. Main thread."""
    if not state.api_url or not state.account:
        return None
    from ..upload.token_store import stored_account

    token, name = stored_account(state.api_url)
    return Account(state.api_url, token, name or state.account, timeout) if token else None


def my_pictures(account: Account) -> MyPictures:
    """A ``MyPictures`` for the calling thread, through QGIS networking."""
    headers = {"Authorization": f"Bearer {account.token}"}
    client = PanoramaxClient(
        account.api_url,
        http=qgis_http_client(account.timeout),
        auth_headers=lambda url: dict(headers),
    )
    return MyPictures(client)


class PerThread:
    """One ``MyPictures`` per thread (the QGIS transport uses its thread's manager)."""

    def __init__(self, account: Account):
        self.account = account
        self._local = threading.local()

    def get(self) -> MyPictures:
        mine = getattr(self._local, "mine", None)
        if mine is None:
            mine = self._local.mine = my_pictures(self.account)
        return mine


def list_sequences_work(account: Account, page_size: int = 100):
    """Work of the loading task: every sequence of mine (all pages), and the
    visibilities the instance offers."""

    def work(task):
        mine = my_pictures(account)
        sequences = []
        for sequence in mine.iter_sequences(page_size=page_size):
            task.check_canceled()
            sequences.append(sequence)
            if len(sequences) % page_size == 0:  # the total is unknown: creep forward
                task.setProgress(min(90.0, task.progress() + (90.0 - task.progress()) / 4))
        task.check_canceled()
        try:
            visibilities = mine.visibility_values()
        except PanoramaxError:
            visibilities = ["anyone", "owner-only"]
        task.setProgress(100)
        return sequences, visibilities

    return work


FETCH_WORKERS = 2
"""Sequences whose pictures are listed at once: a second request hides the server's
latency; more would only load a shared instance."""


def list_pictures_work(
    account: Account, sequence_ids, page_size: int = 500, workers: int = FETCH_WORKERS
):
    """Work of the pictures task: the pictures of each sequence, ``workers`` sequences at
    a time (Qt threads, one QGIS client each); the first failure fails the task."""
    sequence_ids = list(sequence_ids)

    def work(task):
        clients = PerThread(account)
        found, failures = {}, []
        lock = threading.Lock()

        def one(sequence_id):
            if task.isCanceled() or failures:
                return
            try:
                try:
                    pictures = list(clients.get().iter_pictures(sequence_id, page_size=page_size))
                except RuntimeError:  # a stale Qt wrapper (see the QGIS transport): once more
                    pictures = list(clients.get().iter_pictures(sequence_id, page_size=page_size))
            except (PanoramaxError, RuntimeError) as exc:
                with lock:
                    failures.append(exc)
                return
            with lock:
                found[sequence_id] = pictures
                task.setProgress(100.0 * len(found) / max(1, len(sequence_ids)))

        if len(sequence_ids) > 1 and workers > 1:
            run_in_qthreads(one, sequence_ids, min(workers, len(sequence_ids)))
        else:
            for sequence_id in sequence_ids:
                one(sequence_id)
        task.check_canceled()
        if failures:
            failure = failures[0]
            if isinstance(failure, PanoramaxError):
                raise failure
            raise PanoramaxError(str(failure)) from failure
        return {s: found[s] for s in sequence_ids if s in found}

    return work


class MineLoader(QObject):
    """Owns the two layers and the loading tasks."""

    loading_changed = pyqtSignal(bool)
    loaded = pyqtSignal(int)  # number of sequences
    pictures_loaded = pyqtSignal(int)
    message = pyqtSignal(str, str)  # level (info, success, warning, critical), text

    def __init__(self, parent=None, page_size: int = 100):
        super().__init__(parent)
        self.page_size = page_size
        self.sequences = MySequencesLayer()
        self.pictures = MyPicturesLayer()
        self.visibilities: list = ["anyone", "owner-only"]
        self.account: Account | None = None
        self.task: CoreTask | None = None
        self.pictures_task: CoreTask | None = None
        self.filters: dict = {}

    def is_current(self, account) -> bool:
        """``account`` is the one shown (its token may have been renewed since)."""
        now = self.account
        return (
            account is not None
            and now is not None
            and (account.api_url, account.name) == (now.api_url, now.name)
        )

    def set_account(self, account: Account | None) -> None:
        """A new account (or none): the layers are emptied of another one's material. The
        same account signed in again only gets its new token (layers and tasks kept)."""
        if self.is_current(account):
            self.account = account
        elif account != self.account:
            self.cancel()
            if self.account is not None:
                self.sequences.clear()
                self.pictures.clear()
            self.account = account

    def load(self) -> CoreTask | None:
        if self.account is None:
            self.message.emit("warning", self.tr("Sign in to the instance to see your pictures."))
            return None
        self.cancel()
        self.loading_changed.emit(True)
        account = self.account
        task = CoreTask(
            self.tr("Loading my Panoramax sequences"),
            list_sequences_work(account, self.page_size),
            on_done=lambda result: self._on_loaded(account, result),
            on_error=self._on_error,
        )
        task.taskTerminated.connect(lambda: self.loading_changed.emit(False))
        self.task = task
        return start_task(task)

    def load_pictures(self, sequence_ids=None) -> CoreTask | None:
        """The pictures of ``sequence_ids`` (default: the selected sequences, else all)."""
        if self.account is None:
            return None
        if sequence_ids is None:
            sequence_ids = self.sequences.selected_ids() or self.sequences.ids()
        sequence_ids = list(sequence_ids)
        if not sequence_ids:
            return None
        account = self.account
        task = CoreTask(
            self.tr("Loading my Panoramax pictures"),
            list_pictures_work(account, sequence_ids),
            on_done=lambda result: self._on_pictures(account, result),
            on_error=self._on_error,
        )
        self.pictures_task = task
        return start_task(task)

    def cancel(self) -> None:
        for task in (self.task, self.pictures_task):
            if task is not None:
                try:
                    task.cancel()
                except RuntimeError:  # the C++ task is already gone
                    pass
        self.task = self.pictures_task = None

    def set_filters(self, visibility: str = "", status: str = "", since=None, until=None):
        self.filters = {"visibility": visibility, "status": status, "since": since, "until": until}
        expression = filter_expression(visibility, status, since, until)
        for layer, text in ((self.sequences, expression), (self.pictures, "")):
            if layer is self.pictures and visibility:
                text = filter_expression(visibility)
            selected = layer.selected_ids()  # a new subset drops the selection: keep it
            layer.set_filter(text)
            layer.select(selected)

    def _on_loaded(self, account, result) -> None:
        self.loading_changed.emit(False)
        if not self.is_current(account):
            return  # signed out or changed account meanwhile
        sequences, visibilities = result
        self.visibilities = list(visibilities)
        self.sequences.set_sequences(sequences)
        self.sequences.add_to_project()
        self.message.emit(
            "success", self.tr("{count} of my sequences loaded.").format(count=len(sequences))
        )
        self.loaded.emit(len(sequences))

    def _on_pictures(self, account, found) -> None:
        if not self.is_current(account):
            return
        total = 0
        for sequence_id, pictures in found.items():
            if self.sequences.feature(sequence_id) is None:
                continue  # deleted (or gone from the list) while its pictures were read
            self.pictures.set_pictures(sequence_id, pictures)
            self.sequences.set_line(sequence_id, pictures)
            total += len(pictures)
        self.pictures.add_to_project()
        self.pictures_loaded.emit(total)

    def _on_error(self, error) -> None:
        self.loading_changed.emit(False)
        text = (
            str(error)
            if isinstance(error, PanoramaxError)
            else self.tr("Unexpected error: {error}").format(error=error)
        )
        self.message.emit("critical", text)
