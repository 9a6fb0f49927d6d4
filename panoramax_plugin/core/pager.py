"""Follow a STAC API's ``rel="next"`` links page by page, with a bound a server cannot dodge.

One pager for the core, so that every listing stops the same way: at the last page,
at a link back to a page already read, or after ``max_pages`` pages (a server whose
``next`` link is always new would otherwise be followed for ever).
"""

from __future__ import annotations

MAX_PAGES = 1000


def link_href(body, rel: str) -> str | None:
    """The ``href`` of the first link of ``body`` with this ``rel``, if any."""
    links = body.get("links") if isinstance(body, dict) else None
    return next(
        (
            link["href"]
            for link in (links if isinstance(links, list) else ())
            if isinstance(link, dict)
            and link.get("rel") == rel
            and isinstance(link.get("href"), str)
        ),
        None,
    )


def iter_pages(fetch, url: str, params=None, max_pages: int = MAX_PAGES):
    """Yield ``(page_url, body)`` for each page, the first one then each ``next`` link.

    ``fetch(url, params)`` reads one page's JSON body, with the caller's own error
    handling. ``params`` go with the first page only: a ``next`` link carries its own
    query. The page's URL comes along because item links may be relative to it.
    """
    seen = set()
    for _ in range(max_pages):
        if not url or url in seen:
            return
        seen.add(url)
        body = fetch(url, params)
        yield url, body
        params = None
        url = link_href(body, "next")
