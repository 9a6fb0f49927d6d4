"""Tokens in the QGIS authentication database, one per instance.

The JWT is stored encrypted as the password of a QGIS "Basic" authentication
configuration (the one method every QGIS build ships); ``QgsSettings`` only keeps
the configuration's id per instance. Nothing else ever holds the token on disk.
"""

from __future__ import annotations

import hashlib

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

SETTINGS_KEY = "panoramax/auth/"
ACCOUNT_KEY = "panoramax/auth-account/"  # the account's public name, shown at start-up
AUTH_METHOD = "Basic"


def _digest(api_url: str) -> str:
    return hashlib.sha1(api_url.rstrip("/").encode("utf-8")).hexdigest()[:16]


def _settings_key(api_url: str) -> str:
    return SETTINGS_KEY + _digest(api_url)


def _account_key(api_url: str) -> str:
    return ACCOUNT_KEY + _digest(api_url)


_changes = 0  # every save or removal in this process: what a reader's memo checks


def changes() -> int:
    """How many times a token was stored or removed in this process (a memo's stamp)."""
    return _changes


def _changed() -> None:
    global _changes
    _changes += 1


class TokenStoreUnavailable(RuntimeError):
    """QGIS's authentication database cannot be used (no master password, disabled)."""


class TokenStore:
    """Save, read and delete an instance's token; ``account`` is shown, never secret."""

    def __init__(self, settings: QgsSettings | None = None):
        self.settings = settings or QgsSettings()

    @staticmethod
    def _manager():
        manager = QgsApplication.authManager()
        if manager is None or manager.isDisabled():
            raise TokenStoreUnavailable(
                "the QGIS authentication database is disabled"
                + (f": {manager.disabledMessage()}" if manager is not None else "")
            )
        return manager

    def authcfg(self, api_url: str) -> str:
        return str(self.settings.value(_settings_key(api_url), "") or "")

    def save(self, api_url: str, token: str, account: str = "") -> str:
        """Store (or replace) the instance's token; returns the auth configuration id."""
        manager = self._manager()
        if not manager.setMasterPassword(True):
            raise TokenStoreUnavailable("the QGIS master password was not given")
        config = QgsAuthMethodConfig(AUTH_METHOD)
        existing = self.authcfg(api_url)
        if existing and existing in manager.configIds():
            config.setId(existing)
        config.setName(f"Panoramax {api_url.rstrip('/')}")
        config.setUri(api_url.rstrip("/"))
        config.setConfig("username", account or "panoramax")
        config.setConfig("password", token)
        if config.id():
            stored = manager.updateAuthenticationConfig(config)
        else:
            stored = manager.storeAuthenticationConfig(config)
            if isinstance(stored, tuple):  # some PyQGIS versions return (ok, config)
                stored, config = stored[0], stored[-1] if len(stored) > 1 else config
        if not stored or not config.id():
            raise TokenStoreUnavailable("QGIS could not store the token")
        self.settings.setValue(_settings_key(api_url), config.id())
        self.settings.setValue(_account_key(api_url), account or "")
        _changed()
        return config.id()

    def account_name(self, api_url: str) -> str:
        """The name of the account whose token is stored for ``api_url`` ("" when none),
        from the settings alone: the authentication database (and its master password)
        is not touched."""
        if not api_url or not self.authcfg(api_url):
            return ""
        return str(self.settings.value(_account_key(api_url), "") or "") or "?"

    def load(self, api_url: str) -> tuple:
        """(token, account name) or ("", "") when this instance has no token stored."""
        authcfg = self.authcfg(api_url)
        if not authcfg:
            return "", ""
        manager = self._manager()
        if authcfg not in manager.configIds():
            self.settings.remove(_settings_key(api_url))
            self.settings.remove(_account_key(api_url))
            return "", ""
        config = QgsAuthMethodConfig()
        loaded = manager.loadAuthenticationConfig(authcfg, config, True)
        if isinstance(loaded, tuple):
            loaded, config = loaded[0], loaded[-1]
        if not loaded:
            return "", ""
        return config.config("password", ""), config.config("username", "")

    def remove(self, api_url: str) -> None:
        """Sign out: the configuration leaves the database and the settings."""
        authcfg = self.authcfg(api_url)
        if authcfg:
            try:
                self._manager().removeAuthenticationConfig(authcfg)
            except TokenStoreUnavailable:
                pass
        self.settings.remove(_settings_key(api_url))
        self.settings.remove(_account_key(api_url))
        _changed()


_ACCOUNTS: dict = {}  # api_url -> ((authcfg, changes), (token, account name))


def stored_account(api_url: str) -> tuple:
    """(token, account name) signed in on ``api_url``, ("", "") when nobody is (main
    thread: QGIS's auth database).

    The viewer and My pictures ask on every picture and every change of state, and
    decrypting the configuration costs ~2.4 ms: the answer is kept until a token is
    stored or removed (``changes``) or the instance's configuration id changes."""
    key = api_url.rstrip("/")
    try:
        store = TokenStore()
        authcfg = store.authcfg(key)
        if not authcfg:
            return "", ""
        stamp = (authcfg, changes())
        known = _ACCOUNTS.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        account = store.load(key)
    except Exception:  # no auth database: nobody is signed in
        return "", ""
    _ACCOUNTS[key] = (stamp, account)
    return account
