"""The single HTTP entry point of the core: a requests session and error mapping.

Every request of the plugin goes through ``HttpClient.request`` so that typed
errors and the User-Agent are handled in one place. A token is passed per call by
whoever holds it (upload, sign-in), only to its own instance (``same_origin``). The
QGIS side mounts a transport adapter on the session to route traffic through QGIS.

Every answer is read under ``AnswerLimits``: at most ``max_bytes`` (after
decompression: a gzip bomb stops at the limit), and within the call's timeout plus
the time the bytes received would take at ``MIN_BYTES_PER_S`` (a body trickled a byte
a second ends at the timeout; a big picture on a slow line still arrives). A body
shorter than its ``Content-Length`` is a ``TruncatedAnswerError``, never a short
answer. The QGIS transport reads the same limits (``current_limits``).
"""

from __future__ import annotations

import json
import math
import socket
import time
import zlib
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.client import HTTPException, IncompleteRead
from urllib.parse import urlsplit

import requests

from .errors import (
    AnswerTimeoutError,
    AnswerTooLargeError,
    AuthenticationError,
    HttpError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    NotReadyError,
    ServerError,
    TruncatedAnswerError,
)
from .i18n import translate

DEFAULT_TIMEOUT = 30.0
USER_AGENT = "QGISPanoramax"

MAX_ANSWER_BYTES = 64 << 20
"""What one JSON answer may weigh (decompressed): a 100-item page is ~0.5 MB."""
MAX_FILE_BYTES = 256 << 20
"""What one picture file may weigh: the largest 360° HD pictures are ~60 MB."""
MIN_BYTES_PER_S = 8 << 10
"""Below this pace an answer runs out of time: each byte received buys 1/8192 s."""
ACCEPT_ENCODING = "gzip, deflate"  # what ``Inflater`` undoes (no brotli: no size cap there)
_CHUNK = 64 << 10


def _seconds(timeout) -> float | None:
    """requests' timeout (seconds, or a (connect, read) pair) as one number of seconds."""
    if isinstance(timeout, tuple):
        values = [t for t in timeout if t is not None]
        return float(max(values)) if values else None
    return None if timeout is None else float(timeout)


@dataclass(frozen=True)
class AnswerLimits:
    """How much and how long one answer may take; ``started`` is ``time.monotonic()``."""

    url: str
    max_bytes: int = MAX_ANSWER_BYTES
    timeout: float | None = DEFAULT_TIMEOUT
    started: float = 0.0

    def deadline(self, received: int) -> float | None:
        """When the call runs out of time, having received ``received`` bytes."""
        if self.timeout is None:
            return None
        return self.started + self.timeout + received / MIN_BYTES_PER_S

    def check_time(self, received: int) -> None:
        deadline = self.deadline(received)
        if deadline is not None and time.monotonic() > deadline:
            raise answer_too_slow(self.url, received, time.monotonic() - self.started)

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise answer_too_large(self.url, self.max_bytes)


_limits: ContextVar = ContextVar("panoramax_answer_limits", default=None)


def current_limits() -> AnswerLimits | None:
    """The limits of the ``HttpClient`` call under way in this thread (for transports)."""
    return _limits.get()


def answer_too_large(url: str, limit: int) -> AnswerTooLargeError:
    return AnswerTooLargeError(
        translate(
            "PanoramaxCore",
            "The answer of {url} is larger than {limit} MB, the most the plugin reads for "
            "one answer (real answers are far smaller): the instance may be misbehaving. "
            "Search a smaller area or fewer pictures; if it persists, tell the instance's "
            "administrators.",
        ).format(url=url, limit=max(1, round(limit / 2**20))),
        url=url,
        limit=limit,
    )


def answer_too_slow(url: str, received: int, seconds: float) -> AnswerTimeoutError:
    return AnswerTimeoutError(
        translate(
            "PanoramaxCore",
            "The instance did not answer in time ({url}): {size} bytes arrived in "
            "{seconds:.0f} s. Check your connection or try again later.",
        ).format(url=url, size=received, seconds=seconds),
        url=url,
    )


def answer_truncated(url: str, received: int, expected: int | None) -> TruncatedAnswerError:
    if expected is None:
        message = translate(
            "PanoramaxCore",
            "The connection to {url} was cut before the whole answer arrived ({size} bytes "
            "received). Check your connection and try again.",
        )
    else:
        message = translate(
            "PanoramaxCore",
            "The connection to {url} was cut before the whole answer arrived ({size} of "
            "{expected} bytes). Check your connection and try again.",
        )
    return TruncatedAnswerError(message.format(url=url, size=received, expected=expected), url=url)


class Inflater:
    """Undo a ``Content-Encoding`` (gzip, deflate) piece by piece, never beyond
    ``limits.max_bytes`` of output: raises ``AnswerTooLargeError`` as soon as it would."""

    def __init__(self, encoding: str | None, limits: AnswerLimits):
        self.encoding = (encoding or "").strip().lower()
        self.limits = limits
        self.size = 0
        self._raw_deflate_tried = False
        if self.encoding in ("", "identity"):
            self._inflater = None
        elif self.encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._inflater = zlib.decompressobj()
        else:
            raise InvalidResponseError(
                translate(
                    "PanoramaxCore",
                    "The answer of {url} is compressed in a way the plugin cannot read ({kind}).",
                ).format(url=limits.url, kind=self.encoding),
                url=limits.url,
            )

    def feed(self, data: bytes) -> bytes:
        if self._inflater is None:
            self.size += len(data)
            self.limits.check_size(self.size)
            return data
        pieces = []
        while data:
            room = self.limits.max_bytes - self.size
            try:
                piece = self._inflater.decompress(data, room + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._raw_deflate_tried and not self.size:
                    # some servers send raw deflate without the zlib header
                    self._raw_deflate_tried = True
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise self._damaged(exc) from exc
            self.size += len(piece)
            self.limits.check_size(self.size)
            pieces.append(piece)
            data = self._inflater.unconsumed_tail
        return b"".join(pieces)

    def finish(self) -> bytes:
        if self._inflater is None:
            return b""
        try:
            piece = self._inflater.flush()
        except zlib.error as exc:
            raise self._damaged(exc) from exc
        self.size += len(piece)
        self.limits.check_size(self.size)
        return piece

    def _damaged(self, exc) -> InvalidResponseError:
        url = self.limits.url
        return InvalidResponseError(
            translate(
                "PanoramaxCore",
                "The compressed answer of {url} is damaged ({error}). Try again later.",
            ).format(url=url, error=exc),
            url=url,
        )


def content_length(headers) -> int | None:
    if "chunked" in str(headers.get("Transfer-Encoding", "")).lower():
        return None
    try:
        value = int(str(headers.get("Content-Length", "")).strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def expects_body(method: str, status: int) -> bool:
    return method.upper() != "HEAD" and status not in (204, 304) and not 100 <= status < 200


def make_session(user_agent: str = USER_AGENT) -> requests.Session:
    """A requests session with the plugin's User-Agent (no retries: callers decide)."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.headers["Accept-Encoding"] = ACCEPT_ENCODING
    session.headers["Accept"] = "application/json, application/geo+json;q=0.9, */*;q=0.5"
    return session


def same_origin(url_a: str, url_b: str) -> bool:
    """True when both URLs share scheme, host and port (where a token may go)."""
    a, b = urlsplit(url_a), urlsplit(url_b)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def bearer_headers(api_url: str, token: str):
    """``auth_headers(url)`` for a ``PanoramaxClient``: ``token`` to ``api_url``'s own
    origin only (never to asset hosts or other instances); none without a token."""

    def headers(url: str) -> dict:
        if token and same_origin(url, api_url):
            return {"Authorization": f"Bearer {token}"}
        return {}

    return headers


def _server_message(response: requests.Response) -> tuple:
    """The ``message`` and ``details`` of a GeoVisio error body, when there is one."""
    try:
        body = response.json()
    except ValueError:
        return None, None
    if isinstance(body, dict):
        return body.get("message"), body.get("details")
    return None, None


def retry_after_seconds(value, now=None) -> float | None:
    """A ``Retry-After`` header in seconds (delay or HTTP date); None when absent or unreadable."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def raise_for_status(response: requests.Response) -> None:
    """Map an HTTP error status to a typed error whose message says what to do."""
    status = response.status_code
    url = response.url
    if status == 102:
        raise NotReadyError(
            102,
            translate(
                "PanoramaxCore",
                "The picture is still being processed by the instance; try again in a moment.",
            ),
            url=url,
        )
    if status < 400:
        return
    server_message, details = _server_message(response)
    said = ""
    if server_message:
        said = " " + translate("PanoramaxCore", "The server said: {message}").format(
            message=server_message
        )
    if status == 404:
        message = translate("PanoramaxCore", "Not found on the instance ({url}).")
        error_class = NotFoundError
    elif status in (401, 403):
        message = translate(
            "PanoramaxCore",
            "The instance refused access (HTTP {status}). Sign in again or check that "
            "your account may do this.",
        )
        error_class = AuthenticationError
    elif status == 429:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None or wait >= 86_400:
            message = translate(
                "PanoramaxCore",
                "The instance is receiving too many requests (HTTP {status}). Wait a moment "
                "and try again.",
            )
        else:
            message = translate(
                "PanoramaxCore",
                "The instance is receiving too many requests (HTTP {status}). Try again in "
                "{seconds} s.",
            ).replace("{seconds}", str(round(wait)))
        error_class = HttpError
    elif status >= 500:
        message = translate(
            "PanoramaxCore",
            "The instance had an internal error (HTTP {status}) on {url}. Try again later.",
        )
        error_class = ServerError
    else:
        message = translate("PanoramaxCore", "The instance rejected the request (HTTP {status}).")
        error_class = HttpError
    raise error_class(
        status,
        message.format(status=status, url=url) + said,
        url=url,
        details=details,
        retry_after=response.headers.get("Retry-After"),
    )


class HttpClient:
    """Thin wrapper over a requests session: timeouts, size caps, typed errors, JSON."""

    def __init__(self, session: requests.Session | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.session = session or make_session()
        self.timeout = timeout

    def request(
        self, method: str, url: str, *, max_bytes: int = MAX_ANSWER_BYTES, **kwargs
    ) -> requests.Response:
        """Send a request and read its answer whole, under ``AnswerLimits``.

        Network failures become ``NetworkError`` (``AnswerTimeoutError``,
        ``TruncatedAnswerError``), a body over ``max_bytes`` ``AnswerTooLargeError``,
        HTTP errors their typed errors.
        """
        kwargs.setdefault("timeout", self.timeout)
        kwargs["stream"] = True
        limits = AnswerLimits(url, max_bytes, _seconds(kwargs["timeout"]), time.monotonic())
        token = _limits.set(limits)
        try:
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.Timeout as exc:
                raise NetworkError(
                    translate(
                        "PanoramaxCore",
                        "The instance did not answer in time ({url}). Check your connection "
                        "or try again later.",
                    ).format(url=url),
                    url=url,
                ) from exc
            except requests.RequestException as exc:
                raise NetworkError(
                    translate(
                        "PanoramaxCore",
                        "Could not reach {host}: {error}. Check the address, your connection "
                        "and the QGIS proxy settings.",
                    ).format(host=urlsplit(url).netloc or url, error=exc),
                    url=url,
                ) from exc
            read_body(response, limits)
        finally:
            _limits.reset(token)
        raise_for_status(response)
        return response

    def get_json(self, url: str, params=None, **kwargs):
        response = self.request("GET", url, params=params, **kwargs)
        return decode_json(response)

    def get_bytes(self, url: str, *, max_bytes: int = MAX_FILE_BYTES, **kwargs) -> bytes:
        return self.request("GET", url, max_bytes=max_bytes, **kwargs).content


def _socket_of(raw, source):
    """The socket an answer is read from, to shorten its timeout as the deadline nears.

    urllib3 1.26 drops its reference to the connection of a streamed answer (the socket
    is then found under http.client's buffered reader); urllib3 2 keeps it, and the
    socket object under the reader may be a closed duplicate. None when neither is live.
    """
    connection = getattr(raw, "_connection", None)
    candidates = (
        getattr(connection, "sock", None),
        getattr(getattr(getattr(source, "fp", None), "raw", None), "_sock", None),
    )
    for sock in candidates:
        try:
            if sock is not None and sock.fileno() != -1:
                return sock
        except OSError:
            continue
    return None


def read_body(response: requests.Response, limits: AnswerLimits) -> None:
    """Read a streamed answer whole into ``response.content``, under ``limits``.

    Reads at most one socket read at a time (``read1``), so the deadline is checked
    between trickled bytes, and the socket waits no longer than the time left.
    """
    if response._content is not False:  # a transport that read it already (QGIS)
        limits.check_size(len(response._content or b""))
        return
    method = response.request.method if response.request is not None else "GET"
    if not expects_body(method, response.status_code):
        response._content = b""
        response._content_consumed = True
        response.close()
        return
    expected = content_length(response.headers)
    inflater = Inflater(response.headers.get("Content-Encoding"), limits)
    raw = response.raw
    source = getattr(raw, "_fp", None)
    read = getattr(source, "read1", None) or raw.read
    connection = getattr(raw, "_connection", None)
    read_timeout = _seconds(getattr(connection, "timeout", None)) or limits.timeout
    sock = _socket_of(raw, source)
    pieces, received = [], 0
    done = False
    try:
        while True:
            deadline = limits.deadline(received)
            if deadline is not None and sock is not None:
                left = max(0.01, deadline - time.monotonic())
                try:
                    sock.settimeout(min(left, read_timeout) if read_timeout else left)
                except OSError:  # not the live socket after all: the read timeout applies
                    sock = None
            chunk = read(_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            limits.check_time(received)
            pieces.append(inflater.feed(chunk))
        pieces.append(inflater.finish())
        done = True
    except IncompleteRead as exc:
        raise answer_truncated(limits.url, received + len(exc.partial or b""), expected) from exc
    except (socket.timeout, TimeoutError) as exc:
        raise answer_too_slow(limits.url, received, time.monotonic() - limits.started) from exc
    except (OSError, HTTPException) as exc:
        raise NetworkError(
            translate(
                "PanoramaxCore",
                "The connection to {url} failed while the answer arrived: {error}. Check "
                "your connection and try again.",
            ).format(url=limits.url, error=exc),
            url=limits.url,
        ) from exc
    finally:
        if not done:
            response.close()
    if expected is not None and received < expected:
        response.close()
        raise answer_truncated(limits.url, received, expected)
    response._content = b"".join(pieces)
    response._content_consumed = True
    if inflater.encoding not in ("", "identity"):
        response.headers.pop("Content-Encoding", None)
        response.headers.pop("Content-Length", None)
    release = getattr(raw, "release_conn", None)
    if release is not None:
        release()


def decode_json(response: requests.Response):
    """Decode a JSON body or raise ``InvalidResponseError`` naming the content type."""
    try:
        return json.loads(response.content)
    except RecursionError as exc:
        raise too_deep(response.url) from exc
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        raise InvalidResponseError(
            translate(
                "PanoramaxCore",
                "The server at {url} did not answer with JSON ({kind}). Is this the address "
                "of a Panoramax API?",
            ).format(url=response.url, kind=kind),
            url=response.url,
        ) from exc


def too_deep(url: str) -> InvalidResponseError:
    """A JSON answer nested deeper than Python can decode: not a Panoramax answer."""
    return InvalidResponseError(
        translate(
            "PanoramaxCore",
            "The answer of {url} is nested too deeply to be read: the instance may be "
            "misbehaving. Try again later or tell its administrators.",
        ).format(url=url),
        url=url,
    )
