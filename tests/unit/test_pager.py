"""The ``next``-link pager: pages in order, and it always stops (loops, endless servers)."""

from __future__ import annotations

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.pager import MAX_PAGES, iter_pages, link_href
from tests.http_server import Canned, CannedServer


def page(next_url=None, *ids):
    links = [{"rel": "self", "href": "ignored"}]
    if next_url:
        links.append({"rel": "next", "href": next_url})
    return {"features": [{"id": i} for i in ids], "links": links}


class FakeServer:
    """``fetch`` over a dict of pages; notes each (url, params) asked."""

    def __init__(self, pages):
        self.pages = pages
        self.asked = []

    def fetch(self, url, params):
        self.asked.append((url, params))
        assert len(self.asked) <= 2 * MAX_PAGES, "the pager does not stop"
        return self.pages(url) if callable(self.pages) else self.pages[url]


def test_pages_are_followed_in_order_with_params_on_the_first_only():
    server = FakeServer({"a": page("b", 1, 2), "b": page("c", 3), "c": page(None, 4)})
    got = list(iter_pages(server.fetch, "a", params={"limit": "2"}))
    assert [url for url, _ in got] == ["a", "b", "c"]
    assert [f["id"] for _, body in got for f in body["features"]] == [1, 2, 3, 4]
    assert server.asked == [("a", {"limit": "2"}), ("b", None), ("c", None)]


def test_a_link_back_to_a_page_already_read_stops():
    server = FakeServer({"a": page("b", 1), "b": page("c", 2), "c": page("a", 3)})
    assert [url for url, _ in iter_pages(server.fetch, "a")] == ["a", "b", "c"]
    assert len(server.asked) == 3


def test_a_page_linking_to_itself_is_read_once():
    server = FakeServer({"a": page("a", 1)})
    assert len(list(iter_pages(server.fetch, "a"))) == 1


def test_a_next_link_always_new_stops_at_the_page_bound():
    server = FakeServer(lambda url: page(f"{url}+", 1))
    assert len(list(iter_pages(server.fetch, "p", max_pages=7))) == 7
    assert len(server.asked) == 7


def test_the_default_bound_is_reached():
    server = FakeServer(lambda url: page(f"p{int(url[1:] or 0) + 1}", 1))
    assert len(list(iter_pages(server.fetch, "p", max_pages=MAX_PAGES))) == MAX_PAGES
    server.asked.clear()
    assert len(list(iter_pages(server.fetch, "p"))) == MAX_PAGES


def test_links_that_are_not_objects_are_skipped():
    body = {"links": ["next", None, {"rel": "next", "href": "b"}, {"rel": "next", "href": "c"}]}
    assert link_href(body, "next") == "b"
    assert link_href(body, "last") is None
    assert link_href(["not", "a", "page"], "next") is None


def test_sequence_picture_ids_follow_next_links_over_http_with_the_token():
    def items(query):
        number = int(query.get("page") or 1)
        next_page = 2 if number == 3 else number + 1  # page 3 links back to page 2
        return Canned(200, page(f"{{base}}/api/collections/s/items?page={next_page}", number))

    with CannedServer({"/api/collections/s/items": items}) as server:
        client = PanoramaxClient(
            server.base_url + "/api", auth_headers=lambda url: {"Authorization": "Bearer t"}
        )
        ids = list(client.iter_sequence_picture_ids("s", page_size=10))
    assert ids == ["1", "2", "3"]
    paths = [r[1] for r in server.requests]
    assert paths == ["/api/collections/s/items?limit=10"] + [
        f"/api/collections/s/items?page={n}" for n in (2, 3)
    ]
    assert all(r[2].get("Authorization") == "Bearer t" for r in server.requests)
