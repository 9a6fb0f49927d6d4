"""A fault-injecting HTTP proxy on loopback, in front of an instance (tests only): the
local Panoramax, a ``CannedServer``/``HostileServer`` or a ``FakeUploadInstance``.

    with FaultProxy("http://127.0.0.1:5000") as proxy:      # a free port on 127.0.0.1
        proxy.add(r"/api/search", status(503), times=2)      # regex on path?query
        proxy.add(r"/sd\\.jpg", trickle(2000))                # every time (times=None)
        proxy.add(r"/files$", lose(), method="POST", rate=0.1, seed=7)
        client = PanoramaxClient(proxy.url("/api"))           # instead of the instance
        proxy.hits(r"/api/search")                           # requests seen (all rules)
        proxy.faults["status"]                               # faults injected, by kind
        proxy.requests                                       # (method, path, kind or None)

Rules (``add``, or ``FaultProxy(upstream, [Rule(...), ...])``) are tried in order; the
first that matches and fires decides, no rule: plain forwarding. A rule matches a
``path?query`` (``re.search``) and, if given, a method; it fires on the first ``times``
matches (None: always), or only on the ``nth`` match, or on each match with probability
``rate`` (seeded). ``rule.matched`` and ``rule.fired`` count.

Faults before forwarding (nothing reaches the upstream but latency):
``latency(s)``, ``status(code, retry_after=None)`` (answered by the proxy: 5xx bursts,
429), ``reset()`` (TCP RST, no answer).
Faults after forwarding (the upstream did the work): ``lose()`` (TCP RST instead of the
answer), ``status_after(code, retry_after=None)`` (a gateway's 502 instead of the answer),
``garble()`` (a 200 whose body is not JSON), ``truncate(fraction)`` (true Content-Length,
body cut), ``trickle(bytes_per_s)``.

Forwarded answers keep status and headers; the ``Host`` header goes through, and the
upstream's origin in bodies is replaced by the proxy's, so links followed by the client
come back through the proxy.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.http_server import LocalServer, send

_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
}


@dataclass
class Fault:
    kind: str  # latency | status | reset | lose | status_after | garble | truncate | trickle
    seconds: float = 0.0
    code: int = 0
    retry_after: float | None = None
    fraction: float = 0.5
    bytes_per_s: float = 0.0


def latency(seconds: float) -> Fault:
    """Wait ``seconds`` before forwarding."""
    return Fault("latency", seconds=seconds)


def status(code: int, retry_after: float | None = None) -> Fault:
    """Answer ``code`` without forwarding (JSON body, ``Retry-After`` when given)."""
    return Fault("status", code=code, retry_after=retry_after)


def reset() -> Fault:
    """Reset the connection (TCP RST) without forwarding nor answering."""
    return Fault("reset")


def lose() -> Fault:
    """Forward, then reset the connection (TCP RST): the upstream did it, the client
    never hears (a lost answer)."""
    return Fault("lose")


def status_after(code: int, retry_after: float | None = None) -> Fault:
    """Forward, then answer ``code`` instead of the upstream's answer (a gateway's 502
    after the server did the work)."""
    return Fault("status_after", code=code, retry_after=retry_after)


def garble() -> Fault:
    """Forward, then answer a 200 whose body (said to be JSON) is not JSON."""
    return Fault("garble")


def truncate(fraction: float = 0.5) -> Fault:
    """Forward, announce the full length, send only ``fraction`` of the body, close."""
    return Fault("truncate", fraction=fraction)


def trickle(bytes_per_s: float) -> Fault:
    """Forward the answer at ``bytes_per_s`` (in 10 pieces a second)."""
    return Fault("trickle", bytes_per_s=bytes_per_s)


@dataclass
class Rule:
    """``fault`` for requests whose ``path?query`` matches ``pattern`` (``re.search``)
    and whose method is ``method`` (None: any): the first ``times`` matches (None: all),
    or only the ``nth`` match (1-based), or each match with probability ``rate``
    (``random.Random(seed)``)."""

    pattern: str | re.Pattern
    fault: Fault
    times: int | None = None
    method: str | None = None
    nth: int | None = None
    rate: float | None = None
    seed: int = 0
    matched: int = 0
    fired: int = 0

    def __post_init__(self):
        self.pattern = re.compile(self.pattern)
        self._random = random.Random(self.seed)

    def fires(self, method: str, path: str) -> bool:
        if self.method not in (None, method) or not self.pattern.search(path):
            return False
        self.matched += 1
        if self.nth is not None:
            hit = self.matched == self.nth
        elif self.rate is not None:
            hit = self._random.random() < self.rate
        else:
            hit = self.times is None or self.fired < self.times
        self.fired += hit
        return hit


class FaultProxy(LocalServer):
    """Reverse proxy on a free port of 127.0.0.1; ``add`` rules, read ``hits``/``faults``."""

    protocol_version = "HTTP/1.1"

    def __init__(self, upstream: str = "http://127.0.0.1:5000", rules=(), timeout: float = 60.0):
        super().__init__()
        parts = urlsplit(upstream)
        self.upstream = f"{parts.scheme}://{parts.netloc}"
        self._upstream_host, self._upstream_port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.rules: list = list(rules)
        self.requests: list = []  # (method, path?query, fault kind or None)
        self.faults: Counter = Counter()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ API
    def add(self, pattern: str, fault: Fault, times: int | None = None, **when) -> Rule:
        """Inject ``fault`` into requests whose ``path?query`` matches ``pattern``
        (``re.search``), ``times`` times (None: always); ``when``: ``method``, ``nth``,
        ``rate``, ``seed`` (see ``Rule``). Rules are tried in order."""
        rule = Rule(pattern, fault, times, **when)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule (counters are kept)."""
        with self._lock:
            self.rules.clear()

    def hits(self, pattern: str = "") -> int:
        """How many requests matching ``pattern`` the proxy received."""
        regex = re.compile(pattern)
        with self._lock:
            return sum(1 for _, path, _ in self.requests if regex.search(path))

    # ------------------------------------------------------------------ inside
    def handle(self, handler, body: bytes) -> None:
        fault = self._match(handler.command, handler.path)
        kind = fault.kind if fault else None
        if kind == "reset":
            return _reset(handler)
        if kind == "status":
            return _answer_status(handler, fault)
        if kind == "latency":
            time.sleep(fault.seconds)
        code, headers, payload = self._forward(handler, body or None)
        if kind == "lose":
            return _reset(handler)
        if kind == "status_after":
            return _answer_status(handler, fault)
        if kind == "garble":
            return send(handler, 200, b"<html>oops", {"Content-Type": "application/json"})
        announced = len(payload)
        if kind == "truncate":
            payload = payload[: int(len(payload) * fault.fraction)]
        handler.send_response(code)
        for name, value in headers:
            handler.send_header(name, value)
        if handler.command != "HEAD":
            handler.send_header("Content-Length", str(announced))
        handler.send_header("Connection", "close")
        handler.end_headers()
        if handler.command == "HEAD":
            return
        if kind == "trickle":
            piece = max(1, int(fault.bytes_per_s / 10))
            for start in range(0, len(payload), piece):
                handler.wfile.write(payload[start : start + piece])
                handler.wfile.flush()
                time.sleep(0.1)
        else:
            handler.wfile.write(payload)
        handler.wfile.flush()

    def _match(self, method: str, path: str) -> Fault | None:
        with self._lock:
            fault = next((rule.fault for rule in self.rules if rule.fires(method, path)), None)
            if fault is not None:
                self.faults[fault.kind] += 1
            self.requests.append((method, path, fault.kind if fault else None))
        return fault

    def _forward(self, handler, body) -> tuple:
        """The upstream's answer (status, headers, body with our origin in links)."""
        connection = http.client.HTTPConnection(
            self._upstream_host, self._upstream_port, timeout=self.timeout
        )
        headers = {
            name: value
            for name, value in handler.headers.items()
            if name.lower() not in _HOP_BY_HOP and name.lower() != "accept-encoding"
        }
        try:
            connection.request(handler.command, handler.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            out = [
                (name, value)
                for name, value in response.getheaders()
                if name.lower() not in _HOP_BY_HOP
            ]
            code = response.status
        finally:
            connection.close()
        kind = dict((k.lower(), v) for k, v in out).get("content-type", "")
        if "json" in kind or kind.startswith("text/"):
            payload = payload.replace(self.upstream.encode(), self.base_url.encode())
        out = [(k, v.replace(self.upstream, self.base_url)) for k, v in out]  # Location
        return code, out, payload


def _answer_status(handler, fault: Fault) -> None:
    """The proxy's own answer ``fault.code`` (JSON body, ``Retry-After`` when given)."""
    payload = json.dumps(
        {"message": f"fault proxy: HTTP {fault.code}", "status_code": fault.code}
    ).encode()
    headers = {"Content-Type": "application/json"}
    if fault.retry_after is not None:
        headers["Retry-After"] = f"{fault.retry_after:g}"
    send(handler, fault.code, payload, headers)


def _reset(handler) -> None:
    """Close the connection at once with a TCP RST, without answering."""
    try:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
    except OSError:
        pass
