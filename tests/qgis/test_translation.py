"""With a French QGIS, the plugin and the core's messages are in French."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT


@pytest.fixture()
def french(qgis_app):
    qm = ROOT / "i18n" / "panoramax_fr.qm"
    ts = ROOT / "i18n" / "panoramax_fr.ts"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        subprocess.run(["bash", "scripts/i18n.sh", "--release"], cwd=ROOT, check=True)
    from panoramax_plugin.translation import install_translator, remove_translator

    translator = install_translator("fr")
    assert translator is not None, "panoramax_fr.qm did not load"
    yield
    remove_translator(translator)


def test_plugin_strings_in_french(french):
    from panoramax_plugin.plugin import PanoramaxPlugin

    assert PanoramaxPlugin.tr("Panoramax panel") == "Panneau Panoramax"


def test_core_error_messages_in_french(french):
    from panoramax_plugin.core.errors import InvalidInstanceUrl
    from panoramax_plugin.core.instances import known_instance, normalize_api_url

    with pytest.raises(InvalidInstanceUrl) as info:
        normalize_api_url("ftp://example.org")
    assert "n'est pas une adresse web" in str(info.value)
    assert known_instance("federated").display_name.startswith("Tout Panoramax")


def test_english_without_translator(qgis_app):
    from panoramax_plugin.core.instances import known_instance

    assert known_instance("federated").display_name.startswith("All of Panoramax")


def test_every_processing_algorithm_speaks_french(french):
    """Names and help of the toolbox's algorithms are marked for the extractor (a plain
    class attribute would stay English) and translated."""
    from panoramax_plugin.processing.registry import algorithm_classes

    classes = algorithm_classes()
    assert classes
    for algorithm_class in classes:
        algorithm = algorithm_class()
        english = (algorithm_class.DISPLAY, algorithm_class.HELP)
        assert algorithm.displayName() != english[0], algorithm_class.__name__
        assert algorithm.shortHelpString() != english[1], algorithm_class.__name__
