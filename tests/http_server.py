"""A real HTTP server on 127.0.0.1 that answers canned responses, for error tests.

Not a mock of the client: requests go through sockets and the real HTTP stack,
only the server side is scripted (status, body, delay). ``LocalServer`` is the small
base of every test server here (canned, hostile, the fault proxy, the fake upload API).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Canned:
    status: int = 200
    body: bytes | str | dict | list = b""
    content_type: str = "application/json"
    delay: float = 0.0
    headers: dict | None = None


class LocalServer:
    """A threaded HTTP server on a free port of 127.0.0.1 (tests only): each request, its
    body read (``b""`` when none), goes to ``self.handle(handler, body)``; ``with`` (or
    ``start``/``stop``) runs it. A client that gives up (broken pipe, reset) is ignored,
    and every connection closes after one exchange."""

    protocol_version = "HTTP/1.0"  # of the answers' status line
    daemon_threads = True  # False: ``stop`` waits for the answers in flight

    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = owner.protocol_version

            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                try:
                    owner.handle(self, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up
                self.close_connection = True

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = self.daemon_threads
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # a short poll: shutdown() waits for the loop to look, 0.5 s by default per server
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def handle(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        raise NotImplementedError

    def url(self, path: str = "") -> str:
        """This server's URL for ``path`` (e.g. ``/api``)."""
        return self.base_url + path

    def start(self):
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def send(handler, status: int, body: bytes, headers: dict | None = None) -> None:
    """Answer ``status`` with ``headers``, ``body`` under its length, and close."""
    handler.send_response(status)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


class CannedServer(LocalServer):
    """Serve ``routes[path] -> Canned`` (or a callable of the query returning one);
    record every request (method, path, headers, body)."""

    daemon_threads = True  # leaving ``with`` does not wait for delayed answers (as before)

    def __init__(self, routes: dict | None = None):
        super().__init__()
        self.routes = dict(routes or {})
        self.requests = []

    def handle(self, handler, body_in):
        self.requests.append((handler.command, handler.path, dict(handler.headers), body_in))
        parts = urlsplit(handler.path)
        canned = self.routes.get(parts.path) or Canned(
            404, {"message": "not found", "status_code": 404}
        )
        if callable(canned):  # a dynamic route: canned(query dict) -> Canned
            canned = canned(dict(parse_qsl(parts.query)))
        if canned.delay:
            time.sleep(canned.delay)
        body = canned.body
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.replace("{base}", self.base_url).encode()
        handler.send_response(canned.status)
        handler.send_header("Content-Type", canned.content_type)
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (canned.headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens (for unreachable-host tests)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def landing(base: str = "{base}") -> dict:
    """A minimal Panoramax landing page whose links point at the canned server."""
    return {
        "type": "Catalog",
        "id": "geovisio",
        "stac_version": "1.0.0",
        "geovisio_version": "2.15.1",
        "title": "Canned",
        "description": "canned",
        "conformsTo": [
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/item-search",
            "https://api.stacspec.org/v1.0.0/collections",
            "https://api.stacspec.org/v1.0.0/collection-search",
        ],
        "links": [
            {"rel": "self", "href": f"{base}/api/"},
            {"rel": "root", "href": f"{base}/api/"},
            {"rel": "data", "href": f"{base}/api/collections"},
            {"rel": "search", "href": f"{base}/api/search", "method": "GET"},
        ],
    }
