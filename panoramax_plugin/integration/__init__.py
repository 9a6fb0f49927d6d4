"""QGIS integration points: locator, expression functions, layer actions."""

from .install import QgisIntegration

__all__ = ["QgisIntegration"]
