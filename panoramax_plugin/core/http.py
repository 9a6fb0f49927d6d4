"""The single HTTP entry point of the core: a requests session and error mapping.

Every request of the plugin goes through ``HttpClient.request`` so that typed
errors and the User-Agent are handled in one place. A token is passed per call by
whoever holds it (upload, sign-in), only to its own instance (``same_origin``). The
QGIS side mounts a transport adapter on the session to route traffic through QGIS.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import requests

from .errors import (
    AuthenticationError,
    HttpError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    NotReadyError,
    ServerError,
)
from .i18n import translate

DEFAULT_TIMEOUT = 30.0
USER_AGENT = "QGISPanoramax"


def make_session(user_agent: str = USER_AGENT) -> requests.Session:
    """A requests session with the plugin's User-Agent (no retries: callers decide)."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.headers["Accept"] = "application/json, application/geo+json;q=0.9, */*;q=0.5"
    return session


def same_origin(url_a: str, url_b: str) -> bool:
    """True when both URLs share scheme, host and port (where a token may go)."""
    a, b = urlsplit(url_a), urlsplit(url_b)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def _server_message(response: requests.Response) -> tuple:
    """The ``message`` and ``details`` of a GeoVisio error body, when there is one."""
    try:
        body = response.json()
    except ValueError:
        return None, None
    if isinstance(body, dict):
        return body.get("message"), body.get("details")
    return None, None


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
        status, message.format(status=status, url=url) + said, url=url, details=details
    )


class HttpClient:
    """Thin wrapper over a requests session: timeouts, typed errors, JSON decoding."""

    def __init__(self, session: requests.Session | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.session = session or make_session()
        self.timeout = timeout

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """Send a request; network failures become ``NetworkError``, HTTP errors typed."""
        kwargs.setdefault("timeout", self.timeout)
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
        raise_for_status(response)
        return response

    def get_json(self, url: str, params=None, **kwargs):
        response = self.request("GET", url, params=params, **kwargs)
        return decode_json(response)

    def get_bytes(self, url: str, **kwargs) -> bytes:
        return self.request("GET", url, **kwargs).content


def decode_json(response: requests.Response):
    """Decode a JSON body or raise ``InvalidResponseError`` naming the content type."""
    try:
        return json.loads(response.content)
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
