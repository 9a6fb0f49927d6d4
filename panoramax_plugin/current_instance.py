"""The one Panoramax instance the plugin works with now, and who is signed in there.

Browse, the viewer, upload and the map tool all follow this object's ``changed``
signal instead of reading the panel's picker each on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qgis.PyQt.QtCore import QObject, pyqtSignal


@dataclass(frozen=True)
class InstanceState:
    """A snapshot: handed to listeners, never changed in place."""

    api_url: str | None = None
    read_only: bool = False
    instance: object = None  # core.models.Instance once discovered
    configuration: dict = field(default_factory=dict)
    account: str = ""  # the signed-in account's name, "" when nobody is

    @property
    def discovered(self) -> bool:
        return self.instance is not None


def _same_url(a: str | None, b: str | None) -> bool:
    return (a or "").rstrip("/") == (b or "").rstrip("/")


class CurrentInstance(QObject):
    """Holds the current ``InstanceState``; ``changed(state)`` whenever any part moves."""

    changed = pyqtSignal(object)  # InstanceState

    def __init__(self, parent=None, remembered_account=None):
        super().__init__(parent)
        self.state = InstanceState()
        # api_url -> the account name kept from an earlier sign-in ("" when none): a
        # chosen instance starts signed in as it was left, the token staying in the
        # QGIS authentication database until something needs it
        self.remembered_account = remembered_account or (lambda api_url: "")

    @property
    def api_url(self) -> str | None:
        return self.state.api_url

    @property
    def read_only(self) -> bool:
        return self.state.read_only

    @property
    def instance(self):
        return self.state.instance

    def choose(self, api_url: str, read_only: bool = False) -> None:
        """The user picked an instance: what was learnt of another one is forgotten."""
        if _same_url(api_url, self.state.api_url):
            self._set(replace(self.state, api_url=api_url, read_only=read_only))
        else:
            account = self.remembered_account(api_url) if api_url else ""
            self._set(InstanceState(api_url=api_url, read_only=read_only, account=account))

    def discovered(self, instance, configuration: dict) -> None:
        """The instance answered (landing page and configuration)."""
        if not _same_url(instance.api_url, self.state.api_url):
            self.state = InstanceState(api_url=instance.api_url, read_only=instance.read_only)
        self._set(replace(self.state, instance=instance, configuration=dict(configuration or {})))

    def signed_in(self, api_url: str, account: str) -> None:
        """Who is signed in on ``api_url`` ("" once signed out); ignored for another one."""
        if _same_url(api_url, self.state.api_url):
            self._set(replace(self.state, account=account or ""))

    def _set(self, state: InstanceState) -> None:
        if state != self.state:
            self.state = state
            self.changed.emit(state)
