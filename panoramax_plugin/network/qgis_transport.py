"""A requests transport adapter that sends every request through QGIS networking.

Mounted on the core's session, it makes the user's proxy, SSL exceptions and
authentication settings apply, and the requests show up in QGIS's network logger.
It uses ``QgsBlockingNetworkRequest``, so call it from a ``QgsTask`` (each thread
gets its own ``QgsNetworkAccessManager``), never from the GUI thread.

Each answer is held to the calling ``HttpClient``'s ``AnswerLimits`` (size after
decompression, whole-call time): Qt's transfer timeout only notices silence, so a
``QgsFeedback`` passed to the blocking call is canceled when the answer outgrows the
limit or its time (seen through this thread's manager's ``downloadProgress``, and by
a timer of the requesting thread, see ``_Watch``). A 2xx answer whose connection broke
early (``RemoteHostClosedError``) or that is shorter than its ``Content-Length`` is a
``TruncatedAnswerError``, not a short answer.
"""

from __future__ import annotations

import io
import math
import threading
import time
from contextlib import contextmanager

import requests
from qgis.core import (
    QgsApplication,
    QgsBlockingNetworkRequest,
    QgsFeedback,
    QgsNetworkAccessManager,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    QByteArray,
    QCoreApplication,
    QEventLoop,
    Qt,
    QThread,
    QTimer,
    QUrl,
)
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from ..core.http import (
    MAX_ANSWER_BYTES,
    AnswerLimits,
    Inflater,
    answer_too_large,
    answer_too_slow,
    answer_truncated,
    content_length,
    current_limits,
    expects_body,
)

_TIMEOUT_ERRORS = (
    QNetworkReply.NetworkError.TimeoutError,
    QNetworkReply.NetworkError.OperationCanceledError,
)


_HEADERS_LEFT_TO_QT = {"accept-encoding", "connection", "content-length", "host"}

# We negotiate compression ourselves and inflate with zlib, which releases the GIL
# while it works: Qt's own gzip inflation took 2 s on a 45 MB search answer, zlib
# 0.07 s. (brotli is left out: its Python module may hold the GIL, freezing QGIS.)
ACCEPT_ENCODING = b"gzip, deflate"


def decompress(body: bytes, encoding: str, limits: AnswerLimits | None = None) -> bytes:
    """Undo a ``Content-Encoding`` (gzip, deflate) within ``limits.max_bytes``."""
    inflater = Inflater(encoding, limits or AnswerLimits("", MAX_ANSWER_BYTES, None))
    return inflater.feed(body) + inflater.finish()


def _noop(*_args) -> None:
    pass


def without_python_hooks(qobject):
    """``qobject`` (made in Python) with sip's look-up of Python overrides of its
    ``connectNotify`` / ``disconnectNotify`` done now, while we hold the GIL.

    An object made in Python is a sip subclass: the first time C++ calls one of those
    virtuals sip takes the GIL to look for a Python override, then remembers there is
    none and never takes it again. QGIS connects and disconnects our feedback and
    blocking request from C++, in a worker thread, holding Qt's connection lock: a
    first look-up there waited for the GIL while the thread holding the GIL waited for
    that lock, and QGIS froze (seen on QGIS 3.44 in the viewer's pool). Connecting and
    disconnecting once from Python makes both look-ups happen here.
    """
    signal = qobject.objectNameChanged  # not "destroyed": PyQt uses that one itself
    signal.connect(_noop)
    signal.disconnect(_noop)
    return qobject


class _Watch:
    """Cancels a blocking request (through its ``QgsFeedback``) that outgrows its limits.

    In a worker thread both checks run in that thread, from inside the request's own
    event loop: ``progress`` (this thread's manager's ``downloadProgress``) and a
    ``QTimer`` for the deadline. A cancel from another thread can land while QGIS is
    still wiring the request (between creating the reply and connecting the feedback to
    its ``abort``; the first request of a session spends a second or more there): QGIS
    then deletes the reply without aborting it, its ``finished`` never comes and the
    call waits for ever. A timer of the requesting thread only fires once that is done.

    On the main thread QGIS makes the request in a thread of its own and waits without
    running events, so only a Python timer thread can cancel it; there a cancel landing
    during the wiring leaves the request to end by itself (the main thread is blocked,
    so QGIS's own abort runs after the reply's), which is slower but never stuck.
    """

    def __init__(self, limits: AnswerLimits):
        self.limits = limits
        self.feedback = without_python_hooks(QgsFeedback())
        self.received = 0
        self.reason = None  # "large" or "slow" once canceled here
        self._timer = None  # QTimer (worker thread) or threading.Timer (main thread)
        self._on_main_thread = QThread.currentThread() == QCoreApplication.instance().thread()
        self._lock = threading.Lock()
        self._done = False

    def progress(self, _request_id, received, total) -> None:
        self.received = max(self.received, int(received))
        if max(int(received), int(total)) > self.limits.max_bytes:
            self._cancel("large")
            return
        deadline = self.limits.deadline(self.received)
        if deadline is not None and time.monotonic() > deadline:
            self._cancel("slow")

    def _cancel(self, reason: str) -> None:
        with self._lock:
            if self._done or self.reason:
                return
            self.reason = reason
        self.feedback.cancel()

    def _arm(self) -> None:
        deadline = self.limits.deadline(self.received)
        if deadline is None:
            return
        seconds = max(0.001, deadline - time.monotonic())
        with self._lock:
            if self._done:
                return
            if self._on_main_thread:
                self._timer = threading.Timer(seconds, self._ring)
                self._timer.daemon = True
                self._timer.start()
                return
            if self._timer is None:
                if QThread.currentThread().eventDispatcher() is None:
                    QEventLoop()  # a thread not started by Qt: give it an event dispatcher
                self._timer = QTimer()
                self._timer.setSingleShot(True)
                self._timer.timeout.connect(self._ring)
            self._timer.start(math.ceil(seconds * 1000))

    def _ring(self) -> None:
        try:
            deadline = self.limits.deadline(self.received)
            if deadline is not None and time.monotonic() >= deadline:
                self._cancel("slow")
            else:  # bytes arrived meanwhile and bought more time
                self._arm()
        except Exception:  # a slot: an escaping exception aborts QGIS
            self._cancel("slow")

    @contextmanager
    def watching(self, manager):
        """Watch the request made inside the block, through ``manager``."""
        # on the main thread QGIS makes the request in a thread of its own, whose
        # manager we cannot reach; the main manager also relays other threads' progress
        connected = False
        if not self._on_main_thread:
            manager.downloadProgress.connect(self.progress, Qt.ConnectionType.DirectConnection)
            connected = True
        self._arm()
        try:
            yield self
        finally:
            with self._lock:
                self._done = True
                timer, self._timer = self._timer, None
            if isinstance(timer, QTimer):
                timer.stop()
                sip.delete(timer)  # in its own thread, now
            elif timer is not None:
                timer.cancel()
            if connected:
                try:
                    manager.downloadProgress.disconnect(self.progress)
                except RuntimeError:  # see _STALE_WRAPPER: the connection went with it
                    pass


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


# _STALE_WRAPPER: a worker thread's manager is deleted when its thread ends, and the next
# thread's may be made at the same address: PyQt then sometimes marks the Python wrapper
# of the new one as deleted while it is in use ("wrapped C/C++ object of type
# QgsNetworkAccessManager has been deleted", seen with a new QThread per call). The
# transport touches the manager's wrapper only before the request, and tolerates that
# error when it disconnects afterwards.


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
        limits = current_limits() or AnswerLimits(
            request.url, MAX_ANSWER_BYTES, _timeout_ms(timeout) and _timeout_ms(timeout) / 1000
        )
        if not limits.started:
            limits = AnswerLimits(limits.url, limits.max_bytes, limits.timeout, time.monotonic())
        watch = _Watch(limits)
        cache = manager.cache()  # now: see _STALE_WRAPPER
        with _in_flight_request(request.url) as forget_cached, watch.watching(manager):
            reply = self._exchange(manager, request, qrequest, method, watch.feedback)
            # API answers change under our feet (uploads, processing), and on QGIS 3.22
            # an error answer to a URL already in the disk cache came back as the cached
            # 200 with both bodies glued together: our answers do not stay there. The
            # cache is shared by every thread, and removing a URL cancels an insertion of
            # it still in progress, whose reply then inserts a device the cache deleted:
            # QGIS crashed. So the last of our requests to a URL removes it.
            forget_cached(cache, qrequest.url())
        if watch.reason == "large":
            raise answer_too_large(limits.url, limits.max_bytes)
        if watch.reason == "slow":
            raise answer_too_slow(limits.url, watch.received, time.monotonic() - limits.started)
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        error = reply.error()
        if not status:  # no HTTP answer at all: refused, DNS, TLS, timeout, abort
            message = reply.errorString() or "network error"
            if error in _TIMEOUT_ERRORS:
                raise requests.Timeout(message, request=request)
            raise requests.ConnectionError(message, request=request)
        status = int(status)
        if 200 <= status < 300 and error != QNetworkReply.NetworkError.NoError:
            if error in _TIMEOUT_ERRORS:
                raise requests.Timeout(reply.errorString() or "timeout", request=request)
            if int(error) < 100:  # the connection broke while the body arrived
                raise answer_truncated(
                    limits.url, len(reply.content()), content_length(_headers(reply))
                )
        return self._build_response(request, reply, status, limits)

    def _exchange(self, manager, request, qrequest, method: str, feedback=None):
        """The blocking request through ``manager``, this thread's QGIS network manager."""
        authcfg = self.authcfg or ""
        if method == "GET":
            # QGIS's own blocking calls: a QgsBlockingNetworkRequest made from Python is a
            # sip subclass whose virtual hooks need the GIL inside Qt's connection lock,
            # which deadlocked against the GUI thread (seen in tests, QGIS 3.22)
            return manager.blockingGet(qrequest, authcfg, True, feedback)
        if method == "POST":
            return manager.blockingPost(
                qrequest, _body_bytes(request.body), authcfg, True, feedback
            )
        if method == "PATCH":
            return self._custom_verb(manager, request, qrequest, method, feedback)
        return self._other_method(request, qrequest, method, feedback)

    def _custom_verb(self, manager, request, qrequest, method: str, feedback=None):
        """A verb ``QgsBlockingNetworkRequest`` has no method for (PATCH, up to QGIS 4 at
        least), sent with ``sendCustomRequest`` through this thread's QGIS manager (so
        QGIS's proxy, SSL handling and network logger apply) and waited for in a local
        event loop of this thread.

        Everything here stays in the calling thread: the reply is made, watched,
        aborted (through ``feedback``, whose cancel comes from this thread's timer or
        progress, see ``_Watch``) and deleted in it. The objects we make in Python (the
        event loop) have their sip hooks looked up first, as ``_other_method``'s. Meant
        for worker threads, like every call of this transport; on the main thread the
        local loop runs events meanwhile (user input excluded).
        """
        if self.authcfg:
            QgsApplication.authManager().updateNetworkRequest(qrequest, self.authcfg)
        if feedback is not None and feedback.isCanceled():
            raise requests.Timeout("canceled before sending", request=request)
        loop = without_python_hooks(QEventLoop())
        reply = manager.sendCustomRequest(
            qrequest, method.encode("ascii"), _body_bytes(request.body)
        )
        try:
            reply.finished.connect(loop.quit)
            if feedback is not None:
                feedback.canceled.connect(reply.abort)
            if not reply.isFinished():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            return _FinishedReply(reply)
        finally:
            if feedback is not None:
                try:
                    feedback.canceled.disconnect(reply.abort)
                except (RuntimeError, TypeError):
                    pass
            # see _STALE_WRAPPER: PyQt may mark the reply's wrapper deleted (~1 PATCH in
            # 300 to 2400 from 4 new QThreads, bench_mine); the answer is already copied and
            # the manager, the reply's parent, goes with its thread
            if not sip.isdeleted(reply):
                sip.delete(reply)

    def _other_method(self, request, qrequest, method: str, feedback=None):
        """PUT, DELETE and HEAD, which QGIS has no one-call helper for."""
        blocking = without_python_hooks(QgsBlockingNetworkRequest())
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)
        if method == "HEAD":
            blocking.head(qrequest, True, feedback)
        elif method == "PUT":
            blocking.put(qrequest, _body_bytes(request.body))
        elif method == "DELETE":
            blocking.deleteResource(qrequest, feedback)
        else:
            raise requests.RequestException(
                f"HTTP method {method} is not supported by the QGIS transport", request=request
            )
        return blocking.reply()

    @staticmethod
    def _build_response(request, reply, status: int, limits: AnswerLimits) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        headers = _headers(reply)
        response.headers = headers
        content = bytes(reply.content())
        expected = content_length(headers)
        if (
            expects_body(request.method, status)
            and expected is not None
            and len(content) < expected
        ):
            raise answer_truncated(limits.url, len(content), expected)
        encoding = headers.pop("Content-Encoding", None)
        if encoding:
            content = decompress(content, encoding, limits)
            headers.pop("Content-Length", None)
        else:
            limits.check_size(len(content))
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


class _FinishedReply:
    """What the transport reads of a ``QNetworkReply``, copied before the reply is deleted
    (the shape of ``QgsNetworkReplyContent``)."""

    def __init__(self, reply):
        self._error = reply.error()
        self._error_string = reply.errorString()
        self._attributes = {
            attribute: reply.attribute(attribute)
            for attribute in (
                QNetworkRequest.Attribute.HttpStatusCodeAttribute,
                QNetworkRequest.Attribute.HttpReasonPhraseAttribute,
            )
        }
        self._headers = {
            bytes(name): bytes(reply.rawHeader(name)) for name in reply.rawHeaderList()
        }
        self._content = bytes(reply.readAll())

    def attribute(self, attribute):
        return self._attributes.get(attribute)

    def error(self):
        return self._error

    def errorString(self) -> str:
        return self._error_string

    def content(self) -> bytes:
        return self._content

    def rawHeaderList(self) -> list:
        return list(self._headers)

    def rawHeader(self, name) -> bytes:
        return self._headers.get(bytes(name), b"")


def _headers(reply) -> CaseInsensitiveDict:
    headers = CaseInsensitiveDict()
    for name in reply.rawHeaderList():
        headers[bytes(name).decode("latin-1")] = bytes(reply.rawHeader(name)).decode("latin-1")
    return headers
