"""The picture viewer against the real local instance: open, navigate, prefetch, map sync."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

from tests.fixtures.pictures import line_of_shots, make_flat_jpeg
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

from .seeding import delete_sequences, upload_set

pytestmark = pytest.mark.integration
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    with open_viewer(desktop, local_instance.api, dock_size=(640, 720)) as controller:
        yield controller


def open_and_wait(viewer, qgis_app, picture_id, sequence_id=None, level="sd"):
    viewer.open_id(picture_id, sequence_id)
    run_until(
        qgis_app,
        lambda: (
            (picture_id, level) in viewer.images
            or bool(viewer.dock.status.text() and viewer.item_task is None)
        ),
    )
    assert (picture_id, level) in viewer.images, viewer.dock.status.text()
    return viewer.current


@pytest.fixture(scope="module")
def later_walk(local_instance, seeded_place, tmp_path_factory):
    """Three flat pictures a year later at the places of the seeded walk: related pictures."""
    folder = tmp_path_factory.mktemp("later")
    west, south, east, north = seeded_place.bbox
    lat, lon = (south + north) / 2, (west + east) / 2
    shots = line_of_shots(
        lat,
        lon,
        3,
        spacing_m=6.0,
        bearing_deg=45.0,
        start_time=seeded_place.flat_start + timedelta(days=365),
    )
    paths = [make_flat_jpeg(folder / f"later_{i}.jpg", shot) for i, shot in enumerate(shots)]
    seeded = upload_set(local_instance.api, local_instance.token, paths, "it later walk")
    by_name = {f["file_name"]: f["picture_id"] for f in seeded.files}
    yield [by_name[p.name] for p in paths]
    # the seeded place is shared by the session: leave it as it was
    delete_sequences(local_instance.api, local_instance.token, seeded.sequence_ids)


def test_open_a_360_picture_thumb_then_sd(viewer, seeded_place, qgis_app):
    picture = open_and_wait(viewer, qgis_app, seeded_place.pano_ids[1])
    assert picture.is_360
    assert viewer.dock.stack.currentWidget() is viewer.dock.pano_view
    levels = [level for pid, level in viewer.images if pid == picture.id]
    assert levels[-1] == "sd" and levels.index("sd") == len(levels) - 1
    details = viewer.dock.details.text()
    assert "qgis-tester" in details and "360° panorama" in details and "CC-BY-SA-4.0" in details
    assert viewer.dock.status.text() == ""


def test_next_and_prev_follow_rank_order_and_prefetch(viewer, seeded_place, qgis_app):
    open_and_wait(viewer, qgis_app, seeded_place.flat_ids[0], seeded_place.flat_sequence)
    assert viewer.dock.stack.currentWidget() is viewer.dock.flat_view
    # the next picture's item and sd file are fetched ahead
    following = seeded_place.flat_ids[1]
    try:
        run_until(qgis_app, lambda: viewer.loader.cached(following, "sd") is not None, 20)
    except AssertionError:
        from panoramax_plugin.background import job_pool as background

        jobs = [(job.description(), job.finished) for job in background._jobs.values()]
        raise AssertionError(
            f"no prefetch: {list(viewer.prefetched)} {viewer.loader._tasks} {jobs} "
            f"{list(viewer.loader.cache._items)} {viewer.current.next}"
        ) from None
    walked = [viewer.current.id]
    for _ in range(len(seeded_place.flat_ids) - 1):
        viewer.go("next")
        expected = seeded_place.flat_ids[len(walked)]
        run_until(qgis_app, lambda expected=expected: viewer.current.id == expected, 20)
        walked.append(viewer.current.id)
    assert walked == seeded_place.flat_ids
    assert not viewer.dock.buttons["next"].isEnabled()
    viewer.go("prev")
    run_until(qgis_app, lambda: viewer.current.id == seeded_place.flat_ids[-2])
    viewer.go("first")
    run_until(qgis_app, lambda: viewer.current.id == seeded_place.flat_ids[0])
    viewer.go("last")
    run_until(qgis_app, lambda: viewer.current.id == seeded_place.flat_ids[-1])


def test_related_pictures_listed_by_date(viewer, seeded_place, later_walk, qgis_app):
    open_and_wait(viewer, qgis_app, seeded_place.flat_ids[1], seeded_place.flat_sequence)
    ids = [viewer.dock.related.itemData(i) for i in range(viewer.dock.related.count())]
    assert later_walk[1] in ids
    viewer.dock.related.setCurrentIndex(ids.index(later_walk[1]))
    viewer.dock.related.activated.emit(ids.index(later_walk[1]))
    run_until(qgis_app, lambda: viewer.current.id == later_walk[1])


def test_cone_follows_heading_and_yaw_in_a_projected_crs(viewer, desktop, seeded_place, qgis_app):
    from panoramax_plugin.viewer.map_sync import map_direction
    from panoramax_plugin.viewer.render360 import Camera

    lambert = QgsCoordinateReferenceSystem("EPSG:2154")
    desktop.canvas.setDestinationCrs(lambert)
    desktop.canvas.resize(600, 400)
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), lambert, QgsProject.instance()
    )

    def cone_check(picture, bearing, fov):
        apex = transform.transform(QgsPointXY(picture.lon, picture.lat))
        ring = viewer.map_sync.cone_geometry().asPolygon()[0]
        assert ring[0].x() == pytest.approx(apex.x()) and ring[0].y() == pytest.approx(apex.y())
        arc = ring[1:-1]
        angles = [math.degrees(math.atan2(p.x() - apex.x(), p.y() - apex.y())) % 360 for p in arc]
        expected = map_direction(transform, picture.lon, picture.lat, bearing)
        middle = angles[len(angles) // 2]
        assert (middle - expected + 180) % 360 - 180 == pytest.approx(0, abs=0.01)
        width = (angles[-1] - angles[0]) % 360
        assert width == pytest.approx(fov, abs=0.01)
        # Lambert-93 grid north is not true north: the correction is really applied
        return expected

    flat = open_and_wait(viewer, qgis_app, seeded_place.flat_ids[2], seeded_place.flat_sequence)
    corrected = cone_check(flat, flat.heading, flat.field_of_view)
    # Lambert-93 meridian convergence: n * (lon - 3°), n = 0.7256 (cone constant); grid
    # north turns east of true north east of 3°E, so a true bearing reads smaller there
    convergence = 0.7256077650 * (flat.lon - 3.0)
    assert (flat.heading - corrected) == pytest.approx(convergence, abs=0.01)

    pano = open_and_wait(viewer, qgis_app, seeded_place.pano_ids[0], seeded_place.pano_sequence)
    viewer.dock.pano_view.set_camera(Camera(yaw=90.0, hfov=70.0))
    qgis_app.processEvents()
    cone_check(pano, (pano.heading or 0) + 90.0, 70.0)


def test_missing_picture_keeps_the_viewer_usable(viewer, seeded_place, qgis_app):
    open_and_wait(viewer, qgis_app, seeded_place.flat_ids[0], seeded_place.flat_sequence)
    viewer.open_id("00000000-0000-0000-0000-000000000000")
    run_until(qgis_app, lambda: "does not exist" in viewer.dock.status.text())
    viewer.go("next")  # still on the previous picture: navigation works
    run_until(qgis_app, lambda: viewer.current.id == seeded_place.flat_ids[1])


def test_screenshots_of_the_dock(viewer, seeded_place, qgis_app):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_and_wait(viewer, qgis_app, seeded_place.flat_ids[0], seeded_place.flat_sequence)
    viewer.dock.grab().save(str(SHOTS / "viewer_dock_flat.png"))
    open_and_wait(viewer, qgis_app, seeded_place.pano_ids[0], seeded_place.pano_sequence)
    viewer.dock.grab().save(str(SHOTS / "viewer_dock_360_synthetic.png"))
