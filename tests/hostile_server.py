"""A hostile fake Panoramax instance: a real HTTP server on 127.0.0.1 that misbehaves.

Like :mod:`tests.http_server` (real sockets, real HTTP stack, only the server side is
scripted), but each answer can also trickle, stop early, lie about its length, come as
a gzip bomb, and the helpers below build the hostile bodies: JSON nested thousands deep,
numbers where text goes, ``next`` links that loop or never end, a search that ignores
its bbox, impossible coordinates, HTML/JS in every text field.

    with HostileServer({"/api": Reply(body=landing()), "/api/search": endless}) as srv:
        PanoramaxClient(srv.base_url).search(...)
        srv.hits["/api/search"]       # requests per path
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from tests.http_server import (
    LocalServer,
    landing,  # noqa: F401  (re-exported for the tests)
)

XSS = '"><img src=x onerror="alert(1)"><script>alert(2)</script>'


@dataclass
class Reply:
    """One scripted answer.

    ``content_length``: None sends the true length, an int sends that (a lie), False
    sends none (the body ends when the connection closes). ``cut_after``: close the
    connection after that many body bytes. ``trickle``: seconds to wait before each
    ``chunk`` bytes of the body. ``gzip``: compress the body (``Content-Encoding: gzip``).
    """

    status: int = 200
    body: bytes | str | dict | list = b""
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)
    content_length: int | bool | None = None
    cut_after: int | None = None
    trickle: float = 0.0
    chunk: int = 1
    delay: float = 0.0
    gzip: bool = False


class HostileServer(LocalServer):
    """Serve ``routes[path] -> Reply`` or ``callable(query: dict, server) -> Reply``.

    ``hits`` counts requests per path; ``requests`` keeps (method, full path).
    """

    protocol_version = "HTTP/1.1"

    def __init__(self, routes: dict | None = None):
        super().__init__()
        self.routes = dict(routes or {})
        self.hits: Counter = Counter()
        self.requests: list = []
        self._lock = threading.Lock()

    def handle(self, handler, body):
        parts = urlsplit(handler.path)
        with self._lock:
            self.hits[parts.path] += 1
            self.requests.append((handler.command, handler.path))
        reply = self.routes.get(parts.path) or Reply(404, {"message": "not found"})
        if callable(reply):
            reply = reply(dict(parse_qsl(parts.query)), self)
        self._send(handler, reply)  # a client that gives up is what most scripts want

    def _send(self, handler, reply: Reply) -> None:
        body = reply.body
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.replace("{base}", self.base_url).encode()
        headers = dict(reply.headers)
        if reply.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if reply.delay:
            time.sleep(reply.delay)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        if reply.content_length is None:
            handler.send_header("Content-Length", str(len(body)))
        elif reply.content_length is not False:
            handler.send_header("Content-Length", str(reply.content_length))
        handler.send_header("Connection", "close")
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        if handler.command == "HEAD":
            return
        if reply.cut_after is not None:
            body = body[: reply.cut_after]
        if not reply.trickle:
            handler.wfile.write(body)
            handler.wfile.flush()
            return
        for start in range(0, len(body), reply.chunk):
            time.sleep(reply.trickle)
            handler.wfile.write(body[start : start + reply.chunk])
            handler.wfile.flush()


# --------------------------------------------------------------------------- bodies


def feature(pid: str, lon: float = 4.8, lat: float = 45.7, collection: str = "s1", **props) -> dict:
    """A search/items feature as GeoVisio sends it (minimal)."""
    return {
        "type": "Feature",
        "id": pid,
        "collection": collection,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"datetime": "2024-05-01T10:00:00Z", "view:azimuth": 10, **props},
        "assets": {"thumb": {"href": f"{{base}}/files/{pid}/thumb.jpg"}},
        "links": [],
    }


def feature_collection(features, links=()) -> dict:
    return {"type": "FeatureCollection", "features": list(features), "links": list(links)}


def deep_json(depth: int = 100_000) -> str:
    """``{"features": [[[[...]]]]}``: valid JSON nested ``depth`` deep."""
    return '{"type": "FeatureCollection", "features": ' + "[" * depth + "]" * depth + "}"


def gzip_bomb(inflated: int = 1 << 30) -> bytes:
    """A gzip body of zeros that inflates to ``inflated`` bytes (1 GiB ≈ 1 MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(inflated >> 20)]
    parts.append(compressor.flush())
    return b"".join(parts)


def search_ignoring_bbox(count: int):
    """A search route that always answers the same ``count`` pictures, whatever the bbox
    (and as many as asked when ``limit`` is lower), so a full answer never gets smaller."""

    def route(query, server):
        limit = int(query.get("limit", count))
        features = [
            feature(f"p{i}", 4.8 + (i % 100) * 1e-4, 45.7 + (i // 100) * 1e-4)
            for i in range(min(count, limit))
        ]
        return Reply(body=feature_collection(features))

    return route


def endless_next(prefix: str = "/api/collections/s1/items"):
    """An items route whose ``next`` link always points to a new page (page=N+1)."""

    def route(query, server):
        page = int(query.get("page", 0))
        link = {"rel": "next", "href": f"{server.base_url}{prefix}?page={page + 1}"}
        return Reply(body=feature_collection([feature(f"p{page}")], [link]))

    return route


def self_next_collections(path: str = "/api/collections"):
    """A collections route whose ``next`` link points to itself, page after page full."""

    def route(query, server):
        limit = int(query.get("limit", 10))
        collections = [
            {
                "type": "Collection",
                "id": f"s{i}",
                "stac_version": "1.0.0",
                "description": "loop",
                "license": "CC-BY-SA-4.0",
                "extent": {
                    "spatial": {"bbox": [[4.8, 45.7, 4.81, 45.71]]},
                    "temporal": {"interval": [["2024-01-01T00:00:00Z", None]]},
                },
                "links": [],
            }
            for i in range(limit)
        ]
        link = {"rel": "next", "href": f"{server.base_url}{path}?limit={limit}&page=1"}
        return Reply(body={"collections": collections, "links": [link]})

    return route


IMPOSSIBLE_POSITIONS = [
    (4.8, 1000.0),  # latitude 1000
    (1e308, 45.0),
    (4.8, -91.0),
    (181.0, 45.0),
    (float("nan"), 45.0),
    (float("inf"), 45.0),
]


def impossible_features() -> list:
    """One good picture then pictures at impossible places (JSON allows NaN in Python)."""
    features = [feature("good")]
    for i, (lon, lat) in enumerate(IMPOSSIBLE_POSITIONS):
        features.append(feature(f"bad{i}", lon, lat))
    return features


def wrong_types_features() -> list:
    """Numbers, lists and objects where the plugin expects text, links as a number…"""
    good = feature("good")
    odd = [
        {**feature("links-number"), "links": 5},
        {**feature("links-string"), "links": "next"},
        {
            **feature("camera-numbers"),
            "properties": {
                "datetime": 12,
                "pers:interior_orientation": {"camera_manufacturer": 7, "camera_model": [1]},
                "license": {"a": 1},
                "geovisio:status": 3,
                "geovisio:producer": ["x"],
            },
        },
        {**feature("providers-odd"), "providers": [{"name": 5, "roles": "producer"}]},
        {**feature("assets-odd"), "assets": {"thumb": {"href": 12}, "sd": "x", "hd": [1]}},
        {**feature("collection-number"), "collection": 42},
        {**feature("id-object"), "id": {"a": 1}},
        {**feature("geometry-text"), "geometry": "POINT(1 2)"},
        {**feature("props-list"), "properties": [1, 2]},
        {**feature("links-odd"), "links": [{"rel": "next", "href": 5, "geometry": "x"}, 7]},
    ]
    return [good, *odd]


def html_features() -> list:
    """A picture whose every text field carries HTML/JS."""
    item = feature("xss-id")
    item["properties"].update(
        {
            "geovisio:producer": XSS,
            "license": XSS,
            "geovisio:status": XSS,
            "pers:interior_orientation": {"camera_manufacturer": XSS, "camera_model": XSS},
        }
    )
    item["assets"] = {"thumb": {"href": 'http://x/t.jpg" onerror="alert(1)'}}
    item["providers"] = [{"name": XSS, "roles": ["producer"]}]
    return [item]
