"""Plugin preferences as a dataclass over ``QgsSettings`` (no secrets here: tokens
live in the QGIS authentication database)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

PREFIX = "panoramax/"


@dataclass
class PluginSettings:
    """What the user chose; every field has a default that works out of the box."""

    instance_key: str = "ign"  # a KnownInstance key, or "custom"
    custom_url: str = ""
    timeout_s: float = 30.0
    search_limit: int = 2000

    @classmethod
    def load(cls, store: QgsSettings | None = None) -> PluginSettings:
        store = store or QgsSettings()
        values = {}
        for item in fields(cls):
            default = item.default
            raw = store.value(PREFIX + item.name, default)
            try:
                values[item.name] = type(default)(raw) if raw is not None else default
            except (TypeError, ValueError):
                values[item.name] = default
        return cls(**values)

    def save(self, store: QgsSettings | None = None) -> None:
        store = store or QgsSettings()
        for key, value in asdict(self).items():
            store.setValue(PREFIX + key, value)
