"""The signed-in user's own coverage: ``/api/users/me/map/{z}/{x}/{y}.mvt`` as a vector tile layer.

These tiles hold the user's sequences and pictures whatever their visibility or status
(hidden and still-processing ones included) and need the ``Authorization: Bearer`` header.
The token must never be in the layer's source (project files keep it), so QGIS sends it:

- with an "APIHeader" authentication configuration (QGIS 3.24 and later; the header is kept
  encrypted in the QGIS authentication database, the layer only names the configuration);
- on builds without that method (QGIS 3.22), with a request preprocessor of the QGIS network
  manager that adds the header to the instance's ``/users/me/map/`` requests only, from the
  token kept in memory while signed in. A project saved there and opened again draws the
  tiles once the user is signed in to that instance again.
"""

from __future__ import annotations

import hashlib
import threading

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsNetworkAccessManager,
    QgsSettings,
    QgsVectorTileBasicRenderer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..layers.coverage import (
    FLAT_COLOR,
    SOURCE_MAX_ZOOM,
    _line,
    _marker,
    _style,
    coverage_layer_uri,
)

HEADER_METHOD = "APIHeader"
SETTINGS_KEY = "panoramax/auth-header/"
TILES_PATH = "/users/me/map/{z}/{x}/{y}.mvt"
LAYER_PROPERTY = "panoramax/my_coverage"  # the API URL, to find the layer again


def my_tiles_url(api_url: str) -> str:
    return api_url.rstrip("/") + TILES_PATH


def _digest(api_url: str) -> str:
    return hashlib.sha1(api_url.rstrip("/").encode("utf-8")).hexdigest()


def _key(api_url: str) -> str:
    return SETTINGS_KEY + _digest(api_url)[:16]


def stable_id(api_url: str) -> str:
    """The auth configuration id of ``api_url``'s tiles, the same at every sign-in: a
    saved project's layer names it, and keeps drawing after signing out and in again."""
    return "pnx" + _digest(api_url)[:4]


def has_header_method() -> bool:
    """True when this QGIS has the "APIHeader" authentication method (3.24 and later)."""
    manager = QgsApplication.authManager()
    return manager is not None and HEADER_METHOD in manager.authMethodsKeys()


class _Preprocessor:
    """Adds the Bearer header to the ``/users/me/map/`` requests of the instances signed in.

    One per process, registered on the QGIS network manager while it holds a token; runs in
    any thread (tiles are fetched in workers), hence the lock.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._tokens = {}  # "<api>/users/me/map/" -> token
        self._id = None

    def __call__(self, request) -> None:
        url = request.url().toString()
        with self._lock:
            for prefix, token in self._tokens.items():
                if url.startswith(prefix):
                    request.setRawHeader(b"Authorization", f"Bearer {token}".encode())
                    return

    def set(self, api_url: str, token: str) -> None:
        prefix = api_url.rstrip("/") + "/users/me/map/"
        with self._lock:
            if token:
                self._tokens[prefix] = token
            else:
                self._tokens.pop(prefix, None)
            empty = not self._tokens
        if not empty and self._id is None:
            self._id = QgsNetworkAccessManager.setRequestPreprocessor(self)
        elif empty and self._id is not None:
            QgsNetworkAccessManager.removeRequestPreprocessor(self._id)
            self._id = None

    def clear(self) -> None:
        with self._lock:
            self._tokens.clear()
        if self._id is not None:
            QgsNetworkAccessManager.removeRequestPreprocessor(self._id)
            self._id = None


PREPROCESSOR = _Preprocessor()


def sign_in(api_url: str, token: str, settings: QgsSettings | None = None) -> str:
    """Make the user's tiles of ``api_url`` reachable with ``token``; the auth configuration
    id to put in the layer source ("" when the preprocessor sends the header instead)."""
    if not has_header_method():
        PREPROCESSOR.set(api_url, token)
        return ""
    settings = settings or QgsSettings()
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig(HEADER_METHOD)
    wanted = str(settings.value(_key(api_url), "") or "") or stable_id(api_url)
    config.setId(wanted)
    config.setName(f"Panoramax {api_url.rstrip('/')} (my map)")
    config.setUri(api_url.rstrip("/") + "/users/me/map/")
    config.setConfig("Authorization", f"Bearer {token}")
    if wanted in manager.configIds():
        stored = manager.updateAuthenticationConfig(config)
    else:
        stored = _store(manager, config)
        if not stored:  # a build that makes its own ids: any id will do
            config.setId("")
            stored = _store(manager, config)
    if not stored or not config.id():
        PREPROCESSOR.set(api_url, token)  # the database refused: memory only
        return ""
    settings.setValue(_key(api_url), config.id())
    return config.id()


def _store(manager, config) -> bool:
    stored = manager.storeAuthenticationConfig(config)
    if isinstance(stored, tuple):  # some PyQGIS versions return (ok, config)
        stored, made = stored[0], stored[-1] if len(stored) > 1 else config
        config.setId(made.id())
    return bool(stored)


def is_coverage_layer(layer, api_url: str) -> bool:
    """Whether ``layer`` is the user's own tiles of ``api_url`` (made by this module)."""
    return layer.customProperty(LAYER_PROPERTY) == api_url.rstrip("/")


def sign_out(api_url: str, settings: QgsSettings | None = None) -> None:
    """Forget the token for the user's tiles of ``api_url`` (memory and database)."""
    PREPROCESSOR.set(api_url, "")
    settings = settings or QgsSettings()
    authcfg = str(settings.value(_key(api_url), "") or "")
    manager = QgsApplication.authManager()
    if authcfg and manager is not None and not manager.isDisabled():
        manager.removeAuthenticationConfig(authcfg)
    settings.remove(_key(api_url))


def my_coverage_layer(api_url: str, token: str, name: str | None = None) -> QgsVectorTileLayer:
    """The user's own tiles as a vector tile layer; the token is not in its source."""
    authcfg = sign_in(api_url, token)
    layer = QgsVectorTileLayer(
        coverage_layer_uri(my_tiles_url(api_url), authcfg or None),
        name or QCoreApplication.translate("PanoramaxMine", "My coverage"),
    )
    sequences = _line(FLAT_COLOR, 0.8)
    pictures = _marker(FLAT_COLOR, 2.0, "#ffffff", 0.3)
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles(
        [
            _style(
                QCoreApplication.translate("PanoramaxMine", "My sequences"),
                "sequences",
                "line",
                sequences,
                0,
            ),
            _style(
                QCoreApplication.translate("PanoramaxMine", "My pictures"),
                "pictures",
                "point",
                pictures,
                SOURCE_MAX_ZOOM,
            ),
        ]
    )
    layer.setRenderer(renderer)
    layer.setCustomProperty(LAYER_PROPERTY, api_url.rstrip("/"))
    return layer
