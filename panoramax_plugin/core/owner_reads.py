"""Reads that show the signed-in user their own hidden pictures.

A picture or sequence hidden by its owner (``owner-only``) answers 404 to anonymous
reads, its files too (measured on GeoVisio 2.15.1), so the viewer could not open the
owner's hidden pictures from My pictures. Sending the owner's token with the viewer's
reads fixes that, but GeoVisio answers 401 to *any* read, even of a public picture, that
carries an expired or invalid token: so a refused token is dropped at once, the read is
sent again without it, and the token is not sent again (``TokenRefusals``).

The token goes only to the origin of the instance it belongs to, and only with GETs.
"""

from __future__ import annotations

import threading

from .errors import AuthenticationError
from .http import HttpClient, same_origin


class TokenRefusals:
    """Tokens an instance refused, shared by the clients of one viewer (any thread)."""

    def __init__(self) -> None:
        self._refused: set = set()
        self._lock = threading.Lock()

    def refuse(self, token: str) -> None:
        with self._lock:
            self._refused.add(token)

    def refused(self, token: str) -> bool:
        with self._lock:
            return token in self._refused


class OwnerReads(HttpClient):
    """``http`` whose GETs to ``api_url``'s origin carry ``token`` (while accepted)."""

    def __init__(self, http: HttpClient, api_url: str, token: str, refusals: TokenRefusals):
        super().__init__(session=http.session, timeout=http.timeout)
        self.api_url = api_url
        self.token = token
        self.refusals = refusals

    def _signs(self, method: str, url: str, headers) -> bool:
        return (
            method.upper() == "GET"
            and bool(self.token)
            and "Authorization" not in (headers or {})
            and same_origin(url, self.api_url)
            and not self.refusals.refused(self.token)
        )

    def request(self, method: str, url: str, **kwargs):
        headers = kwargs.get("headers")
        if self._signs(method, url, headers):
            signed = {**(headers or {}), "Authorization": f"Bearer {self.token}"}
            try:
                return super().request(method, url, **{**kwargs, "headers": signed})
            except AuthenticationError as error:
                if error.status != 401:
                    raise
                self.refusals.refuse(self.token)  # expired or revoked: read as anybody
        return super().request(method, url, **kwargs)


def owner_reads(http: HttpClient, account, refusals: TokenRefusals) -> HttpClient:
    """``http`` itself when nobody is signed in; ``account``: (api_url, token) or None."""
    if not account or not account[0] or not account[1]:
        return http
    return OwnerReads(http, account[0], account[1], refusals)
