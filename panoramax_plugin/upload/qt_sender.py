"""Send one picture through QGIS networking, streamed from disk.

``QgsNetworkAccessManager``'s blocking helpers take the body as one byte array; a
``QHttpMultiPart`` with a ``QFile`` part lets Qt read the picture as it sends, so
memory stays flat however large the files. Each call runs a local event loop in
the calling (worker) thread, whose own network manager carries QGIS's proxy, SSL
and network-logger settings.
"""

from __future__ import annotations

import traceback

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QByteArray, QEventLoop, QFile, QIODevice, QTimer, QUrl
from qgis.PyQt.QtNetwork import QHttpMultiPart, QHttpPart, QNetworkReply, QNetworkRequest

from ..core.errors import NetworkError
from ..core.i18n import translate
from ..core.multipart import FileChangedError
from ..core.upload_types import SendAnswer, UploadCanceled
from ..network.qgis_transport import thread_network_manager

_CANCEL_POLL_MS = 100


def _text_part(name: str, value: str) -> QHttpPart:
    part = QHttpPart()
    part.setHeader(
        QNetworkRequest.KnownHeaders.ContentDispositionHeader, f'form-data; name="{name}"'
    )
    part.setBody(QByteArray(str(value).encode("utf-8")))
    return part


class QtFileSender:
    """The core uploader's file sender (``RequestsFileSender``'s QGIS twin), over QGIS's
    network manager."""

    def send(self, url, headers, fields, path, filename, timeout, progress, canceled) -> SendAnswer:
        handle = QFile(path)
        if not handle.exists():
            raise FileNotFoundError(path)
        if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
            raise OSError(handle.errorString())
        size = handle.size()
        multipart = QHttpMultiPart(QHttpMultiPart.ContentType.FormDataType)
        for name, value in fields.items():
            multipart.append(_text_part(name, value))
        file_part = QHttpPart()
        safe = filename.replace('"', "_")
        file_part.setHeader(
            QNetworkRequest.KnownHeaders.ContentDispositionHeader,
            f'form-data; name="file"; filename="{safe}"',
        )
        file_part.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "image/jpeg")
        file_part.setBodyDevice(handle)
        handle.setParent(multipart)
        multipart.append(file_part)

        request = QNetworkRequest(QUrl(url))
        for key, value in headers.items():
            request.setRawHeader(key.encode("latin-1"), str(value).encode("latin-1"))
        if timeout and hasattr(request, "setTransferTimeout"):
            request.setTransferTimeout(int(timeout * 1000))
        # call from a QThread (see ``run_in_qthreads``): Qt's timers (transfer timeout,
        # the cancel poll below) do not run in plain Python threads
        loop = QEventLoop()
        manager = thread_network_manager()
        reply = manager.post(request, multipart)
        multipart.setParent(reply)
        was_canceled = [False]

        def check_cancel():
            try:
                stop = canceled()
            except Exception:
                stop = True
            if stop:
                was_canceled[0] = True
                reply.abort()

        timer = QTimer()
        timer.setInterval(_CANCEL_POLL_MS)
        timer.timeout.connect(check_cancel)

        def on_progress(sent, total):
            if total <= 0:  # Qt ends with (0, 0) once the body is out
                return
            try:
                progress(int(sent), int(total))
            except Exception:  # an exception leaving a Qt slot would abort QGIS
                QgsMessageLog.logMessage(
                    "Panoramax upload progress callback failed:\n" + traceback.format_exc(),
                    "Panoramax",
                    Qgis.MessageLevel.Warning,
                )

        reply.uploadProgress.connect(on_progress)
        reply.finished.connect(loop.quit)
        timer.start()
        if not reply.isFinished():
            loop.exec()
        timer.stop()
        try:
            return self._answer(reply, url, size, was_canceled[0])
        finally:
            reply.deleteLater()

    @staticmethod
    def _answer(reply, url: str, size: int, was_canceled: bool) -> SendAnswer:
        if was_canceled:
            raise UploadCanceled(translate("PanoramaxUpload", "Upload canceled."))
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if not status:
            if reply.error() == QNetworkReply.NetworkError.ContentReSendError:
                raise FileChangedError(f"{url}: the file changed while it was sent")
            raise NetworkError(reply.errorString() or "network error", url=url)
        headers = {
            bytes(name).decode("latin-1"): bytes(reply.rawHeader(name)).decode("latin-1")
            for name in reply.rawHeaderList()
        }
        return SendAnswer(int(status), headers, bytes(reply.readAll()))
