"""Factory of core HTTP clients whose traffic goes through QGIS networking."""

from __future__ import annotations

from qgis.core import Qgis

from ..__about__ import __version__
from ..core.client import PanoramaxClient
from ..core.http import DEFAULT_TIMEOUT, USER_AGENT, HttpClient, bearer_headers, make_session
from .qgis_transport import QgisTransportAdapter


def user_agent() -> str:
    """``QGISPanoramax/<plugin version> QGIS/<QGIS version>``, as instance admins see it."""
    return f"{USER_AGENT}/{__version__} QGIS/{Qgis.QGIS_VERSION.split('-')[0]}"


def qgis_http_client(timeout: float = DEFAULT_TIMEOUT, authcfg: str | None = None) -> HttpClient:
    """A core ``HttpClient`` whose session sends everything through QGIS.

    Create one per task: the adapter uses the calling thread's network manager.
    """
    session = make_session(user_agent())
    adapter = QgisTransportAdapter(authcfg=authcfg)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.trust_env = False  # QGIS decides about proxies, not environment variables
    return HttpClient(session=session, timeout=timeout)


def signed_client(api_url: str, token: str, timeout: float = DEFAULT_TIMEOUT) -> PanoramaxClient:
    """A client of ``api_url`` through QGIS networking whose signed calls carry ``token``
    (to that instance's origin only, ``core.http.bearer_headers``)."""
    return PanoramaxClient(
        api_url, http=qgis_http_client(timeout), auth_headers=bearer_headers(api_url, token)
    )
