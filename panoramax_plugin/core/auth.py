"""The instance's own sign-in: a token is generated, claimed in a browser, then used.

``POST /api/auth/tokens/generate`` returns a JWT and a claim link; the user opens the
link and logs in; ``GET /api/users/me`` with that JWT answers 403 until the claim is
done, then 200 with the account. No password ever passes through the plugin.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import AuthenticationError, InvalidResponseError, PanoramaxError
from .http import HttpClient, decode_json
from .i18n import translate


@dataclass
class PendingToken:
    token_id: str
    jwt: str
    claim_url: str


@dataclass
class Account:
    account_id: str
    name: str
    role: str = ""


class SignInCanceled(PanoramaxError):
    """The user stopped waiting for the browser claim."""


def generate_token(http: HttpClient, api_url: str, description: str) -> PendingToken:
    """Ask the instance for a new token to be claimed in the user's browser."""
    response = http.request(
        "POST", f"{api_url.rstrip('/')}/auth/tokens/generate", params={"description": description}
    )
    body = decode_json(response)
    body = body if isinstance(body, dict) else {}
    links = body.get("links")
    claim = next(
        (
            link.get("href")
            for link in (links if isinstance(links, list) else ())
            if isinstance(link, dict) and link.get("rel") == "claim"
        ),
        None,
    )
    jwt = body.get("jwt_token")
    if not isinstance(jwt, str) or not jwt or not isinstance(claim, str) or not claim:
        raise InvalidResponseError(
            translate("PanoramaxCore", "The instance did not give a token to claim."),
            url=response.url,
        )
    token_id = body.get("id")
    return PendingToken(token_id if isinstance(token_id, str) else "", jwt, claim)


def current_account(http: HttpClient, api_url: str, jwt: str) -> Account:
    """Who this token belongs to; ``AuthenticationError`` (401/403) when it is not usable."""
    url = f"{api_url.rstrip('/')}/users/me"
    body = http.get_json(url, headers={"Authorization": f"Bearer {jwt}"})
    account_id = body.get("id") if isinstance(body, dict) else None
    if not isinstance(account_id, (str, int)) or isinstance(account_id, bool) or not account_id:
        raise InvalidResponseError(
            translate(
                "PanoramaxCore",
                "The instance answered {url} without the account it signed in: try again, or "
                "report it to the instance's administrators.",
            ).format(url=url),
            url=url,
        )
    name = body.get("name")
    permissions = body.get("permissions")
    role = permissions.get("role") if isinstance(permissions, dict) else ""
    return Account(
        str(account_id),
        name if isinstance(name, str) and name else str(account_id),
        role if isinstance(role, str) else "",
    )


def wait_for_claim(
    http: HttpClient,
    api_url: str,
    pending: PendingToken,
    timeout_s: float = 600.0,
    interval_s: float = 2.0,
    canceled=lambda: False,
    sleep=time.sleep,
) -> Account:
    """Poll ``/users/me`` until the token is claimed (403 until then)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return current_account(http, api_url, pending.jwt)
        except AuthenticationError as error:
            if error.status == 401:  # the token itself is refused: claiming will not help
                raise
        if canceled():
            raise SignInCanceled(translate("PanoramaxCore", "Sign-in canceled."))
        if time.monotonic() > deadline:
            raise PanoramaxError(
                translate(
                    "PanoramaxCore",
                    "The token was not claimed in time. Sign in again and confirm in the "
                    "browser page that opens.",
                )
            )
        sleep(interval_s)
