"""Typed errors of the Panoramax core.

Each error carries a message a user can act on; the QGIS side shows ``str(error)``
as is (translated by the caller where it wraps it). Nothing here imports Qt.
"""

from __future__ import annotations

from .i18n import translate


class PanoramaxError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str, *, url: str | None = None):
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message


class MissingDependencyError(PanoramaxError):
    """A Python package the feature needs is not installed in this QGIS."""

    def __init__(self, package: str, feature: str):
        super().__init__(
            translate(
                "PanoramaxCore",
                "The Python package '{package}' is needed for {feature} but is not "
                "installed. Install it with: python -m pip install {package}",
            ).format(package=package, feature=feature)
        )
        self.package = package


class InvalidInstanceUrl(PanoramaxError):
    """The URL cannot be an instance address (bad scheme, no host, ...)."""


class NetworkError(PanoramaxError):
    """The server could not be reached (DNS, refused connection, timeout, TLS, reset)."""


class AnswerTimeoutError(NetworkError):
    """The answer did not arrive in time: no answer, or one sent too slowly to finish."""


class TruncatedAnswerError(NetworkError):
    """The connection ended before the whole answer arrived (fewer bytes than announced)."""


class NotPanoramaxError(PanoramaxError):
    """The server answered, but not like a Panoramax (GeoVisio) STAC API."""


class InvalidResponseError(PanoramaxError):
    """The server answered with a body that is not the JSON we expect."""


class AnswerTooLargeError(InvalidResponseError):
    """The answer is larger than the plugin reads for one answer (after decompression)."""

    def __init__(self, message: str, *, url: str | None = None, limit: int = 0):
        super().__init__(message, url=url)
        self.limit = limit


class HttpError(PanoramaxError):
    """The server answered with an HTTP error status."""

    def __init__(
        self, status: int, message: str, *, url: str | None = None, details=None, retry_after=None
    ):
        super().__init__(message, url=url)
        self.status = status
        self.details = details
        self.retry_after = retry_after  # the answer's Retry-After header (text), if any


class NotFoundError(HttpError):
    """HTTP 404: the sequence, picture or upload set does not exist (or is hidden)."""


class AuthenticationError(HttpError):
    """HTTP 401/403: the token is missing, invalid, expired or not claimed yet."""


class NotOwnerError(AuthenticationError):
    """HTTP 403 on a change: the sequence or picture belongs to another account."""


class EditRefusedError(HttpError):
    """HTTP 400 on a change: the server found it invalid (its message and details kept)."""


class ServerError(HttpError):
    """HTTP 5xx: the instance failed; retrying later may help."""


class NotReadyError(HttpError):
    """HTTP 102: the picture is still being processed by the instance."""
