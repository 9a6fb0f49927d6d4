"""Signed calls to one instance with refusals the user can act on.

Shared by ``MyPictures`` and ``SemanticsApi``: every call goes through the client's HTTP
entry point with ``client.auth_headers(url)`` (which gives the token to its own instance
only), and 401/403/404/400 become errors whose message names what was refused and
repeats the server's own words.
"""

from __future__ import annotations

from .errors import (
    AuthenticationError,
    EditRefusedError,
    HttpError,
    InvalidResponseError,
    NotFoundError,
    NotOwnerError,
)
from .http import decode_json
from .i18n import translate


def server_said(exc: HttpError) -> str:
    """The " The server said: …" part of the HTTP layer's message, if it has one."""
    marker = translate("PanoramaxCore", "The server said: {message}").split("{message}")[0]
    text = str(exc)
    index = text.find(marker) if marker else -1
    return " " + text[index:] if index >= 0 else ""


def unexpected_answer(url: str) -> InvalidResponseError:
    """An answer of the wrong shape (not the JSON object the route gives)."""
    return InvalidResponseError(
        translate("PanoramaxCore", "Unexpected answer from {url}.").format(url=url), url=url
    )


def signed_json(client, method: str, url: str, *, what: str, signed: bool = True, **kwargs):
    """``signed_send``'s answer as JSON (None for 204/304 or an empty body)."""
    response = signed_send(client, method, url, what=what, signed=signed, **kwargs)
    if response.status_code in (204, 304) or not response.content:
        return None
    return decode_json(response)


def signed_send(client, method: str, url: str, *, what: str, signed: bool = True, **kwargs):
    """One request with the client's token for ``url`` (none when ``signed`` is False).

    ``what`` names the object for the messages ("the picture …"); empty: a 404 is left
    as the HTTP layer said it."""
    headers = client.auth_headers(url) if signed else {}
    try:
        return client.http.request(method, url, headers=headers, **kwargs)
    except NotFoundError as exc:
        if not what:
            raise
        raise NotFoundError(
            404,
            translate(
                "PanoramaxCore",
                "Not found on the instance: {what} (deleted, or hidden from this account).",
            ).format(what=what),
            url=url,
            details=exc.details,
        ) from exc
    except AuthenticationError as exc:
        said = server_said(exc)
        if exc.status == 403 and method != "GET":
            raise NotOwnerError(
                403,
                translate(
                    "PanoramaxCore",
                    "The instance refused to change {what}: it belongs to another account "
                    "(or your sign-in does not allow it).",
                ).format(what=what or url)
                + said,
                url=url,
                details=exc.details,
            ) from exc
        raise AuthenticationError(
            exc.status,
            translate(
                "PanoramaxCore",
                "The instance asks you to sign in again (HTTP {status}); then try again.",
            ).format(status=exc.status)
            + said,
            url=url,
            details=exc.details,
        ) from exc
    except HttpError as exc:
        if exc.status != 400:
            raise
        raise EditRefusedError(
            400,
            translate("PanoramaxCore", "The instance refused the change to {what}.").format(
                what=what or url
            )
            + server_said(exc),
            url=url,
            details=exc.details,
        ) from exc
