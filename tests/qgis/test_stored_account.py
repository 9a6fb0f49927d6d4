"""The viewer's signed-in account: read from QGIS's authentication database once, then
from memory until a token is stored or removed (decrypting costs ~2.4 ms a call, and the
viewer asks on every picture)."""

from __future__ import annotations

from qgis.core import QgsApplication

from panoramax_plugin.upload.token_store import TokenStore, stored_account

API = "http://127.0.0.1:9/api"


def test_read_once_then_again_after_each_change(qgis_app, monkeypatch):
    manager = QgsApplication.authManager()
    assert not manager.isDisabled(), manager.disabledMessage()
    assert manager.setMasterPassword("panoramax-tests", True)
    loads = []
    real_load = TokenStore.load

    def counted(self, api_url):
        loads.append(api_url)
        return real_load(self, api_url)

    monkeypatch.setattr(TokenStore, "load", counted)
    store = TokenStore()
    try:
        assert stored_account(API) == ("", "")
        assert loads == []  # nothing stored: the settings alone say so
        store.save(API, "first-token", "alice")
        assert stored_account(API) == ("first-token", "alice")
        assert stored_account(API + "/") == ("first-token", "alice")
        assert len(loads) == 1
        store.save(API, "second-token", "alice")  # same configuration id, new token
        assert stored_account(API) == ("second-token", "alice")
        assert len(loads) == 2
        store.remove(API)
        assert stored_account(API) == ("", "")
    finally:
        store.remove(API)
