"""The instances offered in the panel: the built-in ones, then the federation's list.

The list is read from the federated catalog (setting ``federation_url``) at most once a
day, in the background (the viewer's job pool), a while after QGIS started; it is kept
in QGIS's settings with the time it was read, so QGIS starts with the last list known
even offline. The built-in ``KNOWN_INSTANCES`` always come first, whatever it says.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from .core.federation import (
    LOOPBACK_HOSTS,
    MAX_ANSWER_BYTES,
    instances_from_json,
    instances_to_json,
    merge_instances,
    needs_refresh,
    parse_instances_bytes,
)
from .settings import PREFIX, PluginSettings

CACHE_KEY = PREFIX + "federation_cache"  # the list, as JSON text
FETCHED_KEY = PREFIX + "federation_fetched_at"  # epoch seconds
SOURCE_KEY = PREFIX + "federation_cache_source"  # the URL the cached list came from
START_DELAY_MS = 8_000  # after QGIS started: never in the way of start-up


def _loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in LOOPBACK_HOSTS


class InstanceDirectory(QObject):
    """``instances()`` (built-in first); ``changed(list)`` when a new list arrived."""

    changed = pyqtSignal(list)  # of KnownInstance, built-in first

    def __init__(self, parent=None):
        super().__init__(parent)
        self.job = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh)

    # ------------------------------------------------------------------ reading
    def extra(self) -> list:
        """The federation's instances as last read (none when the source changed)."""
        store = QgsSettings()
        source = str(store.value(SOURCE_KEY, "") or "")
        if source != PluginSettings.load().federation_url:
            return []
        return instances_from_json(store.value(CACHE_KEY, ""), _loopback(source))

    def instances(self) -> list:
        return merge_instances(self.extra())

    # ------------------------------------------------------------------ refreshing
    def schedule(self, delay_ms: int = START_DELAY_MS) -> None:
        """``refresh`` in ``delay_ms`` (once; ``stop`` cancels it)."""
        self.timer.start(int(delay_ms))

    def refresh(self, force: bool = False, url: str | None = None, timeout_s=None):
        """Read the list again in the background when it is a day old (or ``force``);
        returns the background job, or None when nothing is to be done."""
        settings = PluginSettings.load()
        url = settings.federation_url if url is None else url
        if not url or not url.lower().startswith(("https://", "http://")):
            return None
        store = QgsSettings()
        same_source = str(store.value(SOURCE_KEY, "") or "") == url
        if not force and same_source and not needs_refresh(store.value(FETCHED_KEY), time.time()):
            return None
        if self.job is not None and not self.job.finished:
            return self.job
        from .background import job_pool
        from .network.session import qgis_http_client

        http = qgis_http_client(float(timeout_s or settings.timeout_s))
        allow_loopback = _loopback(url)

        def work(job):
            body = http.get_bytes(url, max_bytes=MAX_ANSWER_BYTES)
            return parse_instances_bytes(body, allow_loopback)

        self.job = job_pool.start(
            job_pool.Job(
                self.tr("Reading the list of Panoramax instances"),
                work,
                on_done=lambda found: self._store(url, found),
                on_error=lambda error: None,  # offline, or no list: the last one stays
            ),
            job_pool.PRIORITY_AHEAD,
        )
        return self.job

    def _store(self, url: str, found: list) -> None:
        store = QgsSettings()
        if not found and str(store.value(SOURCE_KEY, "") or "") == url:
            # an empty or unreadable answer keeps the last good list, tried again tomorrow
            store.setValue(FETCHED_KEY, time.time())
            return
        store.setValue(CACHE_KEY, instances_to_json(found))
        store.setValue(SOURCE_KEY, url)
        store.setValue(FETCHED_KEY, time.time())
        self.changed.emit(merge_instances(found))

    def stop(self) -> None:
        """No refresh after this (plugin unload); a job under way ends unheard."""
        self.timer.stop()
        job, self.job = self.job, None
        if job is not None:
            job.cancel()


_DIRECTORY: InstanceDirectory | None = None


def directory() -> InstanceDirectory:
    """The one directory of the running plugin (made on first use, main thread)."""
    global _DIRECTORY
    if _DIRECTORY is None:
        _DIRECTORY = InstanceDirectory()
    return _DIRECTORY
