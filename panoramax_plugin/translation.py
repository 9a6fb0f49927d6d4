"""Loads the plugin's Qt translation for the user's QGIS locale."""

from __future__ import annotations

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .__about__ import PLUGIN_ROOT
from .core import i18n as core_i18n


def user_language() -> str:
    """Two-letter language of the QGIS user interface (``fr``, ``en``, ...)."""
    locale = QgsSettings().value("locale/userLocale", "") or QLocale.system().name()
    return str(locale)[:2]


def install_translator(language: str | None = None) -> QTranslator | None:
    """Install ``i18n/panoramax_<lang>.qm`` when it exists; the core uses it too."""
    language = language or user_language()
    path = PLUGIN_ROOT / "i18n" / f"panoramax_{language}.qm"
    core_i18n.set_translator(QCoreApplication.translate)
    if not path.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
    core_i18n.set_translator(None)
