"""Processing for the download, upload and coverage algorithms' tests: Processing
initialised once, the Panoramax provider registered (unless the plugin already did)."""

from __future__ import annotations

import sys

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

PLUGINS = "/usr/share/qgis/python/plugins"
_KEPT = []  # the provider's Python object must outlive the registration


def ensure_processing():
    """``processing`` importable and initialised, with the Panoramax provider."""
    if PLUGINS not in sys.path:
        sys.path.append(PLUGINS)
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("panoramax") is None:
        from panoramax_plugin.processing.provider import PanoramaxProvider

        provider = PanoramaxProvider()
        _KEPT.append(provider)
        registry.addProvider(provider)
    import processing

    return processing


@pytest.fixture(scope="module", name="processing_b")
def processing_b_fixture(qgis_app):
    return ensure_processing()


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps what the algorithm reports; cancels itself after ``cancel_after`` progress
    steps (None: never)."""

    def __init__(self, cancel_after: int | None = None):
        super().__init__()
        self.errors: list = []
        self.infos: list = []
        self.steps = 0
        self.cancel_after = cancel_after
        self.progressChanged.connect(self._step)

    def _step(self, _value):
        self.steps += 1
        if self.cancel_after is not None and self.steps >= self.cancel_after:
            self.cancel()

    def reportError(self, text, fatalError=False):
        self.errors.append(text)

    def pushInfo(self, text):
        self.infos.append(text)


def run_collecting(processing, algorithm_id: str, parameters: dict, feedback=None):
    """``processing.run``; returns (results or None, the feedback with its errors)."""
    feedback = feedback or RecordingFeedback()
    try:
        return processing.run(algorithm_id, parameters, feedback=feedback), feedback
    except QgsProcessingException as error:
        feedback.errors.append(str(error))
        return None, feedback
