"""A real HTTP server on 127.0.0.1 that answers canned responses, for error tests.

Not a mock of the client: requests go through sockets and the real HTTP stack,
only the server side is scripted (status, body, delay).
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


class CannedServer:
    """Serve ``routes[path] -> Canned`` (or a callable of the query returning one);
    record every request (method, path, headers, body)."""

    def __init__(self, routes: dict | None = None):
        self.routes = dict(routes or {})
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body_in = self.rfile.read(length) if length else b""
                server.requests.append((self.command, self.path, dict(self.headers), body_in))
                parts = urlsplit(self.path)
                canned = server.routes.get(parts.path) or Canned(
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
                    body = body.replace("{base}", server.base_url).encode()
                self.send_response(canned.status)
                self.send_header("Content-Type", canned.content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (canned.headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # a short poll: shutdown() waits for the loop to look, 0.5 s by default per server
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


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
