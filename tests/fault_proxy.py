"""A fault-injecting HTTP proxy on loopback, in front of a real instance (tests only).

    with FaultProxy("http://127.0.0.1:5000") as proxy:      # a free port on 127.0.0.1
        proxy.add(r"/api/search", status(503), times=2)      # regex on path?query
        proxy.add(r"/sd\\.jpg", trickle(2000))                # every time (times=None)
        client = PanoramaxClient(proxy.url("/api"))           # instead of the instance
        proxy.hits(r"/api/search")                           # requests seen (all rules)
        proxy.faults["status"]                               # faults injected, by kind

Faults (first matching rule with times left wins; no rule: plain forwarding):
``latency(s)``, ``status(code, retry_after=None)`` (answered by the proxy: 5xx bursts,
429), ``reset()`` (TCP RST, no answer), ``truncate(fraction)`` (true Content-Length,
body cut), ``trickle(bytes_per_s)``. Forwarded answers keep status and headers; the
``Host`` header goes through, and the upstream's origin in bodies is replaced by the
proxy's, so links followed by the client come back through the proxy. Also a pytest
fixture: ``fault_proxy`` (in front of ``PANORAMAX_URL``, default 127.0.0.1:5000).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

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
    kind: str  # latency | status | reset | truncate | trickle
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
    """Reset the connection (TCP RST) without answering."""
    return Fault("reset")


def truncate(fraction: float = 0.5) -> Fault:
    """Forward, announce the full length, send only ``fraction`` of the body, close."""
    return Fault("truncate", fraction=fraction)


def trickle(bytes_per_s: float) -> Fault:
    """Forward the answer at ``bytes_per_s`` (in 10 pieces a second)."""
    return Fault("trickle", bytes_per_s=bytes_per_s)


@dataclass
class Rule:
    pattern: re.Pattern
    fault: Fault
    times: int | None  # None: every time
    applied: int = 0


class FaultProxy:
    """Reverse proxy on a free port of 127.0.0.1; ``add`` rules, read ``hits``/``faults``."""

    def __init__(self, upstream: str = "http://127.0.0.1:5000", timeout: float = 60.0):
        parts = urlsplit(upstream)
        self.upstream = f"{parts.scheme}://{parts.netloc}"
        self._upstream_host, self._upstream_port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.rules: list = []
        self.requests: list = []  # (method, path?query, fault kind or None)
        self.faults: Counter = Counter()
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                fault = proxy._match(self.command, self.path)
                try:
                    proxy._serve(self, body, fault)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # ------------------------------------------------------------------ API
    def url(self, path: str = "") -> str:
        """The proxy's URL for ``path`` (e.g. ``/api``)."""
        return self.base_url + path

    def add(self, pattern: str, fault: Fault, times: int | None = None) -> Rule:
        """Inject ``fault`` into requests whose ``path?query`` matches ``pattern``
        (``re.search``), ``times`` times (None: always). Rules are tried in order."""
        rule = Rule(re.compile(pattern), fault, times)
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

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ------------------------------------------------------------------ inside
    def _match(self, method: str, path: str) -> Fault | None:
        with self._lock:
            fault = None
            for rule in self.rules:
                if rule.pattern.search(path) and (rule.times is None or rule.applied < rule.times):
                    rule.applied += 1
                    fault = rule.fault
                    self.faults[fault.kind] += 1
                    break
            self.requests.append((method, path, fault.kind if fault else None))
        return fault

    def _serve(self, handler, body, fault: Fault | None) -> None:
        if fault is not None and fault.kind == "reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            return
        if fault is not None and fault.kind == "status":
            payload = json.dumps(
                {"message": f"fault proxy: HTTP {fault.code}", "status_code": fault.code}
            ).encode()
            handler.send_response(fault.code)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            if fault.retry_after is not None:
                handler.send_header("Retry-After", f"{fault.retry_after:g}")
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(payload)
            return
        if fault is not None and fault.kind == "latency":
            time.sleep(fault.seconds)
        code, headers, payload = self._forward(handler, body)
        announced = len(payload)
        if fault is not None and fault.kind == "truncate":
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
        if fault is not None and fault.kind == "trickle":
            piece = max(1, int(fault.bytes_per_s / 10))
            for start in range(0, len(payload), piece):
                handler.wfile.write(payload[start : start + piece])
                handler.wfile.flush()
                time.sleep(0.1)
        else:
            handler.wfile.write(payload)
        handler.wfile.flush()

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


def upstream_url() -> str:
    import os

    return os.environ.get("PANORAMAX_URL", "http://127.0.0.1:5000")


try:  # the fixture, when pytest imports this module
    import pytest

    @pytest.fixture()
    def fault_proxy():
        """A ``FaultProxy`` in front of the local instance, for one test."""
        with FaultProxy(upstream_url()) as proxy:
            yield proxy

except ImportError:  # pragma: no cover - outside pytest
    pass
