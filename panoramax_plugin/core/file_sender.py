"""Sending files outside QGIS: one multipart file with requests, N files on Python threads.

The plugin uses its Qt twins (``upload/qt_sender.py``, ``background/qthreads.py``);
these serve the core's tests, benchmarks and any use without QGIS.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .errors import NetworkError
from .i18n import translate
from .multipart import MultipartFile
from .upload_types import SendAnswer, UploadCanceled


class RequestsFileSender:
    """Sends one multipart file with requests, streamed from disk (no QGIS needed)."""

    def __init__(self, session=None):
        import requests

        self.session = session or requests.Session()

    def send(self, url, headers, fields, path, filename, timeout, progress, canceled) -> SendAnswer:
        import requests

        def on_progress(sent, total):
            if canceled():
                raise UploadCanceled(translate("PanoramaxUpload", "Upload canceled."))
            progress(sent, total)

        body = MultipartFile(fields, "file", path, filename, on_progress)
        try:
            response = self.session.post(
                url,
                data=body,
                headers={**headers, "Content-Type": body.content_type},
                timeout=timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise NetworkError(str(exc), url=url) from exc
        finally:
            body.close()
        return SendAnswer(response.status_code, dict(response.headers), response.content)


def run_in_python_threads(function, items, workers: int) -> None:
    """Call ``function(item)`` for every item, ``workers`` at a time."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="panoramax-upload") as pool:
        for _ in pool.map(function, items):
            pass
