"""Browse against the real local instance: the extent becomes picture and sequence layers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle

from panoramax_plugin.browse.controller import BrowseController
from panoramax_plugin.core.area_search import SearchFilters
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.qt_wait import run_until

pytestmark = pytest.mark.integration


class Recorder:
    """Collects the controller's messages and finished loads."""

    def __init__(self, controller):
        self.messages, self.results = [], []
        controller.message.connect(lambda level, text: self.messages.append((level, text)))
        controller.load_finished.connect(self.results.append)

    def wait(self, qgis_app, count=1):
        run_until(
            qgis_app,
            lambda: (
                len(self.results) >= count or any(level == "critical" for level, _ in self.messages)
            ),
        )
        return self.results[-1] if self.results else None


@pytest.fixture()
def controller(desktop, local_instance, qgis_app):
    settings = PluginSettings()
    controller = BrowseController(desktop.canvas, PluginLogger(desktop), settings)
    controller.set_instance(local_instance.api)
    yield controller
    controller.unload()
    QgsProject.instance().removeAllMapLayers()


def layer_ids(layer):
    return [f["id"] for f in layer.getFeatures()]


def test_load_gives_exactly_the_seeded_pictures_and_sequences(controller, seeded_place, qgis_app):
    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    result = recorder.wait(qgis_app)
    assert result is not None, recorder.messages
    layers = controller.current_layers()
    ids = layer_ids(layers.pictures.layer)
    assert sorted(ids) == sorted(seeded_place.flat_ids + seeded_place.pano_ids)

    by_id = {f["id"]: f for f in layers.pictures.layer.getFeatures()}
    first = by_id[seeded_place.flat_ids[0]]
    assert first["type"] == "flat" and first["rank"] == 1
    assert first["sequence_id"] == seeded_place.flat_sequence
    assert first["heading"] == pytest.approx(45, abs=1)
    assert first["producer"] == "qgis-tester" and first["camera"] == "SyntheticCam Flat-1"
    assert first["license"] == "CC-BY-SA-4.0" and first["h_accuracy_m"] == pytest.approx(2.5)
    assert first["thumb_url"].endswith("/thumb.jpg") and first["hd_url"].endswith("/hd.jpg")
    assert first["captured_at"].toMSecsSinceEpoch() == int(
        seeded_place.flat_start.timestamp() * 1000
    )
    assert first["captured_local"].endswith(("+01:00", "+02:00"))
    assert first["instance"] == controller.api_url
    assert by_id[seeded_place.pano_ids[0]]["type"] == "360"

    sequences = {f["id"]: f for f in layers.sequences.layer.getFeatures()}
    assert set(sequences) == {seeded_place.flat_sequence, seeded_place.pano_sequence}
    flat = sequences[seeded_place.flat_sequence]
    assert flat["picture_count"] == 8 and flat["loaded_pictures"] == 8
    assert flat["title"].startswith("it flat") and flat["type"] == "flat"
    assert sequences[seeded_place.pano_sequence]["type"] == "360"
    assert flat["first_capture"].toMSecsSinceEpoch() <= flat["last_capture"].toMSecsSinceEpoch()
    # the line follows capture order
    vertices = [(p.x(), p.y()) for p in flat.geometry().vertices()]
    positions = {
        f["id"]: (f.geometry().asPoint().x(), f.geometry().asPoint().y())
        for f in layers.pictures.layer.getFeatures()
    }
    expected = [positions[pid] for pid in seeded_place.flat_ids]
    assert vertices == pytest.approx(expected)
    assert result.outcome.complete and result.outcome.requests == 1


def test_refresh_adds_no_duplicates_and_keeps_the_selection(controller, seeded_place, qgis_app):
    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    recorder.wait(qgis_app)
    layer = controller.current_layers().pictures.layer
    keep = controller.current_layers().pictures.feature_id(seeded_place.flat_ids[3])
    layer.selectByIds([keep])
    controller.load_bbox(seeded_place.bbox)
    recorder.wait(qgis_app, 2)
    assert layer.featureCount() == 12
    assert layer.selectedFeatureIds() == [keep]
    assert controller.current_layers().sequences.layer.featureCount() == 2


def test_type_and_date_filters_give_exact_subsets(controller, seeded_place, qgis_app):
    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    recorder.wait(qgis_app)
    layer = controller.current_layers().pictures.layer
    controller.set_filters(SearchFilters(kind="360"))
    assert sorted(layer_ids(layer)) == sorted(seeded_place.pano_ids)
    controller.set_filters(SearchFilters(kind="flat"))
    assert sorted(layer_ids(layer)) == sorted(seeded_place.flat_ids)
    start = seeded_place.flat_start + timedelta(seconds=5)  # pictures 3.. of the flat walk
    end = seeded_place.flat_start + timedelta(seconds=9)
    controller.set_filters(SearchFilters(start=start, end=end))
    assert sorted(layer_ids(layer)) == sorted(seeded_place.flat_ids[3:5])
    controller.set_filters(SearchFilters())
    assert layer.featureCount() == 12

    # filters also apply to the next search (a fresh layer gets only 360 pictures)
    QgsProject.instance().removeAllMapLayers()
    run_until(qgis_app, lambda: controller.current_layers() is None)
    controller.set_filters(SearchFilters(kind="360"))
    controller.load_bbox(seeded_place.bbox)
    result = recorder.wait(qgis_app, 2)
    layer = controller.current_layers().pictures.layer
    layer.setSubsetString("")
    assert sorted(layer_ids(layer)) == sorted(seeded_place.pano_ids)
    assert result.outcome.filtered_out == 8


def test_extent_change_loads_the_new_area_in_a_projected_crs(
    controller, desktop, seeded_place, qgis_app
):
    from qgis.core import QgsCoordinateTransform

    recorder = Recorder(controller)
    lambert = QgsCoordinateReferenceSystem("EPSG:2154")
    desktop.canvas.setDestinationCrs(lambert)
    to_lambert = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), lambert, QgsProject.instance()
    )
    west, south, east, north = seeded_place.bbox
    lon, lat = (west + east) / 2, (south + north) / 2  # where the flat walk starts
    # the flat walk goes ~30 m north-east; the 360 one starts ~44 m north
    flat_only = QgsRectangle(lon - 0.0001, lat - 0.0001, lon + 0.0005, lat + 0.00033)
    desktop.canvas.resize(600, 600)
    desktop.canvas.setExtent(to_lambert.transformBoundingBox(flat_only))
    controller.load_in_view()
    recorder.wait(qgis_app)
    layer = controller.current_layers().pictures.layer
    assert set(layer_ids(layer)) >= set(seeded_place.flat_ids)
    assert not set(layer_ids(layer)) & set(seeded_place.pano_ids)
    desktop.canvas.setExtent(to_lambert.transformBoundingBox(QgsRectangle(*seeded_place.bbox)))
    controller.load_in_view()
    recorder.wait(qgis_app, 2)
    assert sorted(layer_ids(layer)) == sorted(seeded_place.flat_ids + seeded_place.pano_ids)


def test_split_at_cap_loads_everything(controller, seeded_place, qgis_app, monkeypatch):
    from panoramax_plugin.browse import load_task as load_pictures

    original = load_pictures.LoadPicturesTask.__init__

    def small_cap(self, *args, **kwargs):
        kwargs["page_limit"] = 3
        original(self, *args, **kwargs)

    monkeypatch.setattr(load_pictures.LoadPicturesTask, "__init__", small_cap)
    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    result = recorder.wait(qgis_app)
    assert result.outcome.splits > 0 and result.outcome.complete
    layer = controller.current_layers().pictures.layer
    assert sorted(layer_ids(layer)) == sorted(seeded_place.flat_ids + seeded_place.pano_ids)


def test_ceiling_stops_and_tells_the_user(controller, seeded_place, qgis_app, monkeypatch):
    from panoramax_plugin.browse import load_task as load_pictures

    original = load_pictures.LoadPicturesTask.__init__

    def tiny(self, *args, **kwargs):
        kwargs["page_limit"], kwargs["ceiling"] = 3, 5
        original(self, *args, **kwargs)

    monkeypatch.setattr(load_pictures.LoadPicturesTask, "__init__", tiny)
    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    result = recorder.wait(qgis_app)
    assert not result.outcome.complete
    level, text = recorder.messages[-1]
    assert level == "warning" and "zoom in or filter" in text


def test_map_render_shows_styled_layers(controller, seeded_place, qgis_app):
    """A map rendered to PNG shows heading arrows (flat), discs (360) and sequence lines."""
    from pathlib import Path

    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    recorder = Recorder(controller)
    controller.load_bbox(seeded_place.bbox)
    recorder.wait(qgis_app)
    layers = controller.current_layers()
    west, south, east, north = seeded_place.bbox
    lon, lat = (west + east) / 2, (south + north) / 2
    settings = QgsMapSettings()
    settings.setLayers([layers.pictures.layer, layers.sequences.layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    from qgis.core import QgsCoordinateTransform

    to_mercator = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        settings.destinationCrs(),
        QgsProject.instance(),
    )
    settings.setExtent(
        to_mercator.transformBoundingBox(
            QgsRectangle(lon - 0.0001, lat - 0.00005, lon + 0.0004, lat + 0.00045)
        )
    )
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    out = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "browse_layers.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))

    def count(color, tolerance=40):
        target = QColor(color)
        hits = 0
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                pixel = QColor(image.pixel(x, y))
                if (
                    abs(pixel.red() - target.red())
                    + abs(pixel.green() - target.green())
                    + abs(pixel.blue() - target.blue())
                ) < tolerance:
                    hits += 1
        return hits

    assert count("#1b6fc2") > 50  # flat heading arrows
    assert count("#e8590c") > 50  # 360 discs
    # the seeded captures are years old: sequences drawn in the "more than 5 years" or
    # "2 to 5 years" colours
    assert count("#c92a2a") + count("#fab005") > 50
