"""The owner's token with the viewer's reads: to its own origin, GETs only, dropped once
refused (GeoVisio answers 401 to any read carrying an expired token)."""

from __future__ import annotations

import pytest
import requests

from panoramax_plugin.core.errors import AuthenticationError
from panoramax_plugin.core.http import HttpClient
from panoramax_plugin.core.owner_reads import OwnerReads, TokenRefusals, owner_reads

API = "http://127.0.0.1:5000/api"


class Recorder(requests.adapters.BaseAdapter):
    """Answers every request: 401 when it carries ``refused``, else 200; records them."""

    def __init__(self, refused=None):
        super().__init__()
        self.refused = refused
        self.seen = []

    def send(self, request, **kwargs):
        auth = request.headers.get("Authorization")
        self.seen.append((request.method, request.url, auth))
        response = requests.Response()
        response.status_code = 401 if auth and auth == self.refused else 200
        response.url = request.url
        response.raw = __import__("io").BytesIO(b"{}")
        response.headers["Content-Type"] = "application/json"
        return response

    def close(self):
        pass


def client(refused=None):
    http = HttpClient()
    adapter = Recorder(refused)
    http.session.mount("http://", adapter)
    return http, adapter


def test_the_token_goes_with_gets_to_its_own_origin_only():
    http, seen = client()
    reads = owner_reads(http, (API, "tok"), TokenRefusals())
    assert isinstance(reads, OwnerReads)
    reads.get_json(f"{API}/collections/s/items/p")
    reads.get_bytes("http://127.0.0.1:5000/api/pictures/p/sd.jpg")
    reads.get_bytes("http://storage.example.org/p/sd.jpg")  # files on another host
    reads.request("POST", f"{API}/search")
    assert [auth for _m, _u, auth in seen.seen] == ["Bearer tok", "Bearer tok", None, None]


def test_a_refused_token_is_dropped_and_the_read_sent_again_as_anybody():
    http, seen = client(refused="Bearer old")
    refusals = TokenRefusals()
    reads = owner_reads(http, (API, "old"), refusals)
    assert reads.get_json(f"{API}/collections/s") == {}
    assert [auth for _m, _u, auth in seen.seen] == ["Bearer old", None]
    again = owner_reads(http, (API, "old"), refusals)  # another job of the same viewer
    again.get_json(f"{API}/collections/s")
    assert seen.seen[-1][2] is None and len(seen.seen) == 3


def test_a_refusal_without_the_token_is_the_instances_answer():
    http, seen = client(refused="Bearer x")
    reads = owner_reads(http, (API, "x"), TokenRefusals())
    http.session.adapters["http://"].refused = None
    assert reads.get_json(f"{API}/x") == {}

    class AlwaysRefused(Recorder):
        def send(self, request, **kwargs):
            response = super().send(request, **kwargs)
            response.status_code = 401
            return response

    http2 = HttpClient()
    http2.session.mount("http://", AlwaysRefused())
    with pytest.raises(AuthenticationError):
        owner_reads(http2, (API, "x"), TokenRefusals()).get_json(f"{API}/x")


def test_nobody_signed_in_reads_as_before():
    http, _seen = client()
    assert owner_reads(http, None, TokenRefusals()) is http
    assert owner_reads(http, (API, ""), TokenRefusals()) is http
