"""Plugin preferences as a dataclass over ``QgsSettings`` (no secrets here: tokens
live in the QGIS authentication database)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

from .core.federation import FEDERATION_INSTANCES_URL

PREFIX = "panoramax/"


def _coerce(raw, default):
    """QgsSettings gives strings back from the ini file: read them as the default's type."""
    if raw is None:
        return default
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "1", "yes")
    return type(default)(raw)


@dataclass
class PluginSettings:
    """What the user chose; every field has a default that works out of the box."""

    instance_key: str = "ign"  # a KnownInstance key, or "custom"
    custom_url: str = ""
    timeout_s: float = 30.0
    search_ceiling: int = 50_000  # pictures loaded at most per search before asking to zoom
    auto_refresh_delay_ms: int = 600  # the map must rest this long before a search
    auto_refresh: bool = False
    show_coverage: bool = True
    viewer_cache_mb: int = 300  # decoded pictures kept in memory
    viewer_always_hd: bool = False  # else HD only when zoomed in
    camera_height_m: float = 2.0  # of street-view cameras above the ground, for sights
    feature_search_distance_m: float = 30.0  # pictures of a feature: how far from it
    feature_height_m: float = 1.0  # a 2D feature looked at this high (a sign, a bin)
    overlay_distance_m: float = 50.0  # the user's features this close to a picture are drawn in it
    upload_parallel: int = 3  # files sent at once: a home uplink is full at 2-4
    upload_state_folder: str = ""  # empty: <QGIS profile>/panoramax/uploads
    federation_url: str = FEDERATION_INSTANCES_URL  # the instance list; empty: built-in only

    @classmethod
    def load(cls, store: QgsSettings | None = None) -> PluginSettings:
        store = store or QgsSettings()
        values = {}
        for item in fields(cls):
            default = item.default
            raw = store.value(PREFIX + item.name, default)
            try:
                values[item.name] = _coerce(raw, default)
            except (TypeError, ValueError):
                values[item.name] = default
        return cls(**values)

    def save(self, store: QgsSettings | None = None) -> None:
        store = store or QgsSettings()
        for key, value in asdict(self).items():
            store.setValue(PREFIX + key, value)

    def set_and_save(self, name: str, value, store: QgsSettings | None = None) -> None:
        """Change one setting here and in QGIS's settings (the others left as they are
        stored: another part of the plugin may have changed them since this was loaded)."""
        setattr(self, name, value)
        (store or QgsSettings()).setValue(PREFIX + name, value)
