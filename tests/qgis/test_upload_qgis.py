"""The upload's QGIS parts without an instance: the streamed sender, QGIS's EXIF reader,
and redirects that must not carry the token to another host."""

from __future__ import annotations

import pytest

from panoramax_plugin.core.picture_file import read_picture
from panoramax_plugin.core.uploader import UploadCanceled
from tests.fixtures.pictures import line_of_shots, make_flat_jpeg, make_pano_jpeg
from tests.http_server import Canned, CannedServer
from tests.samples import PICTURES

REAL_FLAT = PICTURES / "flat"


def test_sender_streams_a_multipart_file_with_the_token(qgis_app, tmp_path):
    from panoramax_plugin.upload.qt_sender import QtFileSender

    picture = make_flat_jpeg(tmp_path / "a.JPG", line_of_shots(45, 4, 1)[0])
    progress = []
    with CannedServer({"/up": Canned(202, {"picture_id": "p1"})}) as server:
        answer = QtFileSender().send(
            server.base_url + "/up",
            {"Authorization": "Bearer tok"},
            {"isBlurred": "false"},
            str(picture),
            "a.jpg",
            30,
            lambda sent, total: progress.append((sent, total)),
            lambda: False,
        )
    assert answer.status == 202 and answer.json() == {"picture_id": "p1"}
    method, path, headers, body = server.requests[0]
    assert headers["Authorization"] == "Bearer tok"
    assert headers["Content-Type"].startswith("multipart/form-data")
    assert picture.read_bytes() in body
    assert b'name="file"; filename="a.jpg"' in body and b'name="isBlurred"' in body
    assert progress and progress[-1][0] == progress[-1][1] > picture.stat().st_size


def test_sender_cancel_aborts_the_transfer(qgis_app, tmp_path):
    from panoramax_plugin.upload.qt_sender import QtFileSender

    picture = make_flat_jpeg(tmp_path / "a.jpg", line_of_shots(45, 4, 1)[0])
    with CannedServer({"/up": Canned(202, {}, delay=3)}) as server:
        with pytest.raises(UploadCanceled):
            QtFileSender().send(
                server.base_url + "/up",
                {},
                {},
                str(picture),
                "a.jpg",
                30,
                lambda s, t: None,
                lambda: True,
            )


def test_sender_missing_file_is_a_file_error(qgis_app, tmp_path):
    from panoramax_plugin.upload.qt_sender import QtFileSender

    with pytest.raises(FileNotFoundError):
        QtFileSender().send(
            "http://127.0.0.1:9/",
            {},
            {},
            str(tmp_path / "gone.jpg"),
            "gone.jpg",
            5,
            lambda s, t: None,
            lambda: False,
        )


def test_redirect_to_another_host_drops_the_token(qgis_app):
    from panoramax_plugin.network.session import qgis_http_client

    with CannedServer({"/img.jpg": Canned(200, b"jpeg", "image/jpeg")}) as other:
        moved = Canned(302, b"", headers={"Location": other.base_url + "/img.jpg"})
        with CannedServer({"/api/asset": moved}) as home:
            http = qgis_http_client(timeout=10)
            body = http.get_bytes(
                home.base_url + "/api/asset", headers={"Authorization": "Bearer tok"}
            )
    assert body == b"jpeg"
    assert home.requests[0][2].get("Authorization") == "Bearer tok"
    assert "Authorization" not in other.requests[0][2]


def test_qgis_reader_agrees_with_the_core_reader_on_generated_pictures(qgis_app, tmp_path):
    from panoramax_plugin.upload.exif_reader import read_tags_with_qgis

    shots = line_of_shots(48.1, -1.6, 2)
    files = [
        make_flat_jpeg(tmp_path / "f.jpg", shots[0]),
        make_pano_jpeg(tmp_path / "p.jpg", shots[1]),
    ]
    for path, shot in zip(files, shots):
        with_qgis = read_picture(str(path), read_tags_with_qgis)
        pure = read_picture(str(path))
        assert with_qgis.problem is None and pure.problem is None
        assert with_qgis.lat == pytest.approx(shot.lat, abs=1e-6)
        assert with_qgis.lon == pytest.approx(shot.lon, abs=1e-6)  # west: negative
        assert (with_qgis.lat, with_qgis.lon) == pytest.approx((pure.lat, pure.lon))
        assert with_qgis.captured_at == pure.captured_at == shot.captured_at
        assert with_qgis.heading == pytest.approx(shot.heading)
    assert read_picture(str(files[1]), read_tags_with_qgis).is_360
    assert not read_picture(str(files[0]), read_tags_with_qgis).is_360


@pytest.mark.skipif(not REAL_FLAT.is_dir(), reason="../shared/data is not on this machine")
def test_qgis_reader_on_real_pictures_with_broken_exif(qgis_app):
    from panoramax_plugin.upload.exif_reader import read_tags_with_qgis

    folder = REAL_FLAT / "mapillary_tools"
    corrupt = read_picture(str(folder / "corrupt_exif.jpg"), read_tags_with_qgis)
    assert corrupt.lon == pytest.approx(-1.66784, abs=1e-4)  # the W reference applied
    empty = read_picture(str(folder / "empty_exif.jpg"), read_tags_with_qgis)
    assert empty.problem and "GPS" in empty.problem
    nikon = sorted((REAL_FLAT / "exif-samples_nikon_p6000").glob("*.jpg"))
    metas = [read_picture(str(p), read_tags_with_qgis) for p in nikon]
    assert all(m.problem is None and m.camera.endswith("COOLPIX P6000") for m in metas)
    pure = [read_picture(str(p)) for p in nikon]
    assert [(m.lat, m.lon, m.captured_at) for m in metas] == [
        (m.lat, m.lon, m.captured_at) for m in pure
    ]


def test_qt_workers_send_every_item_and_cancel_in_flight(qgis_app, tmp_path):
    """In the upload's Qt threads the cancel poll and timeouts run (not in Python threads)."""
    import time

    from panoramax_plugin.background.qthreads import run_in_qthreads
    from panoramax_plugin.upload.qt_sender import QtFileSender

    picture = make_flat_jpeg(tmp_path / "a.jpg", line_of_shots(45, 4, 1)[0])
    outcomes = []
    started = time.monotonic()
    with CannedServer({"/up": Canned(202, {}, delay=20)}) as server:

        def send(number):
            try:
                QtFileSender().send(
                    server.base_url + "/up",
                    {},
                    {},
                    str(picture),
                    "a.jpg",
                    60,
                    lambda s, t: None,
                    lambda: time.monotonic() - started > 0.5,
                )
                outcomes.append((number, "answered"))
            except UploadCanceled:
                outcomes.append((number, "canceled"))

        run_in_qthreads(send, range(3), 3)
    assert sorted(outcomes) == [(0, "canceled"), (1, "canceled"), (2, "canceled")]
    assert time.monotonic() - started < 5  # not the server's 20 s


def test_qt_workers_time_out_a_silent_server(qgis_app, tmp_path):
    from panoramax_plugin.background.qthreads import run_in_qthreads
    from panoramax_plugin.core.errors import NetworkError
    from panoramax_plugin.upload.qt_sender import QtFileSender

    picture = make_flat_jpeg(tmp_path / "a.jpg", line_of_shots(45, 4, 1)[0])
    errors = []
    with CannedServer({"/up": Canned(202, {}, delay=10)}) as server:

        def send(_):
            try:
                QtFileSender().send(
                    server.base_url + "/up",
                    {},
                    {},
                    str(picture),
                    "a.jpg",
                    1,
                    lambda s, t: None,
                    lambda: False,
                )
            except NetworkError as exc:
                errors.append(exc)

        run_in_qthreads(send, [0], 1)
    assert len(errors) == 1
