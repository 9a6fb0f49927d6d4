"""A requests transport adapter that sends every request through QGIS networking.

Mounted on the core's session, it makes the user's proxy, SSL exceptions and
authentication settings apply, and the requests show up in QGIS's network logger.
It uses ``QgsBlockingNetworkRequest``, so call it from a ``QgsTask`` (each thread
gets its own ``QgsNetworkAccessManager``), never from the GUI thread.
"""

from __future__ import annotations

import io
import threading
import zlib
from contextlib import contextmanager

import requests
from qgis.core import QgsBlockingNetworkRequest, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, Qt, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

_TIMEOUT_ERRORS = (
    QNetworkReply.NetworkError.TimeoutError,
    QNetworkReply.NetworkError.OperationCanceledError,
)


_HEADERS_LEFT_TO_QT = {"accept-encoding", "connection", "content-length", "host"}

# We negotiate compression ourselves and inflate with zlib, which releases the GIL
# while it works: Qt's own gzip inflation took 2 s on a 45 MB search answer, zlib
# 0.07 s. (brotli is left out: its Python module may hold the GIL, freezing QGIS.)
ACCEPT_ENCODING = b"gzip, deflate"


def decompress(body: bytes, encoding: str) -> bytes:
    """Undo a ``Content-Encoding`` (gzip, deflate); identity passes through."""
    encoding = (encoding or "").strip().lower()
    if not body or encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompress(body, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return zlib.decompress(body)
        except zlib.error:  # some servers send raw deflate without the zlib header
            return zlib.decompress(body, -zlib.MAX_WBITS)
    raise requests.exceptions.ContentDecodingError(f"unsupported Content-Encoding {encoding}")


def _timeout_ms(timeout) -> int | None:
    """requests' timeout (seconds, or a (connect, read) pair) as Qt milliseconds."""
    if timeout is None:
        return None
    if isinstance(timeout, tuple):
        values = [t for t in timeout if t is not None]
        if not values:
            return None
        timeout = max(values)
    return max(1, int(float(timeout) * 1000))


def _body_bytes(body) -> QByteArray:
    if body is None:
        return QByteArray()
    if isinstance(body, str):
        body = body.encode("utf-8")
    if hasattr(body, "read"):
        body = body.read()
    return QByteArray(bytes(body))


_in_flight_guard = threading.Lock()
_in_flight: dict = {}  # URL -> how many of our requests to it are under way


@contextmanager
def _in_flight_request(url: str):
    """Count our requests per URL; yields a function that, called at the end of the
    request, takes its answer out of the disk cache unless another is still under way."""
    with _in_flight_guard:
        _in_flight[url] = _in_flight.get(url, 0) + 1

    def forget(cache, qurl) -> None:
        with _in_flight_guard:  # no request to this URL can start meanwhile
            if _in_flight.get(url) == 1 and cache is not None:
                cache.remove(qurl)

    try:
        yield forget
    finally:
        with _in_flight_guard:
            left = _in_flight[url] - 1
            if left:
                _in_flight[url] = left
            else:
                del _in_flight[url]


def thread_network_manager() -> QgsNetworkAccessManager:
    """This thread's QGIS network manager, set up as QGIS's own blocking requests want it.

    A worker thread's manager is made on its first use. QGIS's blocking requests make it
    with direct connections (proxy authentication and SSL errors handled by QGIS's
    handlers, which reach the main thread themselves); made by default, it would block
    the worker on the main thread for them.
    """
    return QgsNetworkAccessManager.instance(Qt.ConnectionType.DirectConnection)


class QgisTransportAdapter(BaseAdapter):
    """``requests`` adapter over ``QgsBlockingNetworkRequest``.

    ``authcfg`` (a QGIS authentication configuration id) is applied to every
    request when given, so QGIS-managed credentials never pass through Python.
    """

    def __init__(self, authcfg: str | None = None):
        super().__init__()
        self.authcfg = authcfg

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        qrequest = QNetworkRequest(QUrl(request.url))
        for key, value in request.headers.items():
            if key.lower() in _HEADERS_LEFT_TO_QT:
                continue
            qrequest.setRawHeader(key.encode("latin-1"), str(value).encode("latin-1"))
        if request.method.upper() != "HEAD":
            qrequest.setRawHeader(b"Accept-Encoding", ACCEPT_ENCODING)
        milliseconds = _timeout_ms(timeout)
        if milliseconds and hasattr(qrequest, "setTransferTimeout"):
            qrequest.setTransferTimeout(milliseconds)

        method = request.method.upper()
        manager = thread_network_manager()
        with _in_flight_request(request.url) as forget_cached:
            reply = self._exchange(manager, request, qrequest, method)
            # API answers change under our feet (uploads, processing), and on QGIS 3.22
            # an error answer to a URL already in the disk cache came back as the cached
            # 200 with both bodies glued together: our answers do not stay there. The
            # cache is shared by every thread, and removing a URL cancels an insertion of
            # it still in progress, whose reply then inserts a device the cache deleted:
            # QGIS crashed. So the last of our requests to a URL removes it.
            forget_cached(manager.cache(), qrequest.url())
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if not status:  # no HTTP answer at all: refused, DNS, TLS, timeout, abort
            message = reply.errorString() or "network error"
            if reply.error() in _TIMEOUT_ERRORS:
                raise requests.Timeout(message, request=request)
            raise requests.ConnectionError(message, request=request)
        return self._build_response(request, reply, int(status))

    def _exchange(self, manager, request, qrequest, method: str):
        """The blocking request through ``manager``, this thread's QGIS network manager."""
        authcfg = self.authcfg or ""
        if method == "GET":
            # QGIS's own blocking calls: a QgsBlockingNetworkRequest made from Python is a
            # sip subclass whose virtual hooks need the GIL inside Qt's connection lock,
            # which deadlocked against the GUI thread (seen in tests, QGIS 3.22)
            return manager.blockingGet(qrequest, authcfg, True)
        if method == "POST":
            return manager.blockingPost(qrequest, _body_bytes(request.body), authcfg, True)
        return self._other_method(request, qrequest, method)

    def _other_method(self, request, qrequest, method: str):
        """PUT, DELETE and HEAD, which QGIS has no one-call helper for."""
        blocking = QgsBlockingNetworkRequest()
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)
        if method == "HEAD":
            blocking.head(qrequest, True)
        elif method == "PUT":
            blocking.put(qrequest, _body_bytes(request.body))
        elif method == "DELETE":
            blocking.deleteResource(qrequest)
        else:
            raise requests.RequestException(
                f"HTTP method {method} is not supported by the QGIS transport", request=request
            )
        return blocking.reply()

    @staticmethod
    def _build_response(request, reply, status: int) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        headers = CaseInsensitiveDict()
        for name in reply.rawHeaderList():
            headers[bytes(name).decode("latin-1")] = bytes(reply.rawHeader(name)).decode("latin-1")
        response.headers = headers
        content = bytes(reply.content())
        encoding = headers.pop("Content-Encoding", None)
        if encoding:
            try:
                content = decompress(content, encoding)
            except (zlib.error, OSError, ValueError) as exc:
                raise requests.exceptions.ContentDecodingError(
                    f"could not decode a {encoding} answer: {exc}", request=request
                ) from exc
            headers.pop("Content-Length", None)
        response._content = content
        response.raw = io.BytesIO(content)
        response.encoding = requests.utils.get_encoding_from_headers(headers)
        response.reason = str(
            reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute) or ""
        )
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass
