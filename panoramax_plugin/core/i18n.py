"""Translation hook for the core's user-facing messages, without importing Qt.

The core calls ``translate("PanoramaxCore", "text {name}").format(name=...)``;
``scripts/i18n_extract.py`` (``make i18n``) extracts those calls. The QGIS side
installs Qt's translator with ``set_translator(QCoreApplication.translate)``;
elsewhere the English text is used.
"""

from __future__ import annotations

_translator = None


def set_translator(function) -> None:
    """Install ``function(context, text) -> str`` (``None`` restores English)."""
    global _translator
    _translator = function


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    try:
        return _translator(context, text)
    except Exception:  # a broken translator must never hide the message itself
        return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a constant for extraction; translate it later with ``translate(context, text)``."""
    return text
