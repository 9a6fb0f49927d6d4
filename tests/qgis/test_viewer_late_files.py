"""A sharper file that fails while the thumbnail is still coming: fetched again or said.

``make bench`` (tests/benchmarks/bench_viewer.py) stayed on a thumbnail for good, no
message, in about 1 run out of 6: GeoVisio makes a picture's derivates on the first
request for one of them, and the sd file asked for meanwhile came back as HTTP 200 with
an empty body (access log: ``GET .../sd.jpg 200 0``). The viewer took it for a damaged
file; as the thumbnail was still under way, it waited for it ("another file may still
come"), showed it, and forgot the sd's failure: no sd, no retry, no message.

Same canned server as ``test_viewer_bad_input.py`` (its fixtures are reused).
"""

from __future__ import annotations

import pytest

from tests.http_server import Canned
from tests.qgis import test_viewer_bad_input as bad
from tests.qt_wait import run_until

pictures, fake, viewer = bad.pictures, bad.fake, bad.viewer
THUMB_DELAY_S = 0.8  # the thumbnail comes after the sd's answer


def scripted_picture(fake, sd_answers, is_360=False) -> str:
    """A picture whose thumbnail is slow and whose sd answers are ``sd_answers`` in turn
    (the last one repeats)."""
    picture_id = fake.picture(is_360=is_360)
    body = fake.pano if is_360 else fake.jpeg
    fake.server.routes[f"/pics/{picture_id}/thumb.jpg"] = Canned(
        200, body, "image/jpeg", delay=THUMB_DELAY_S
    )
    answers = list(sd_answers)

    def sd(query):
        return answers.pop(0) if len(answers) > 1 else answers[0]

    fake.server.routes[f"/pics/{picture_id}/sd.jpg"] = sd
    return picture_id


@pytest.mark.parametrize("is_360", [False, True], ids=["flat", "360"])
def test_an_empty_answer_for_the_sd_file_is_fetched_again(viewer, fake, qgis_app, is_360):
    body = fake.pano if is_360 else fake.jpeg
    picture_id = scripted_picture(
        fake, [Canned(200, b"", "image/jpeg"), Canned(200, body, "image/jpeg")], is_360
    )
    viewer.open_id(picture_id, bad.SEQUENCE)
    run_until(qgis_app, lambda: (picture_id, "sd") in viewer.images, 10)
    assert fake.hits(f"/pics/{picture_id}/sd.jpg") == 2
    assert bad.status(viewer) == ""


@pytest.mark.parametrize(
    "answer",
    [
        Canned(200, b"<html>not a picture</html>", "image/jpeg"),
        Canned(200, b"", "image/jpeg"),  # empty every time: given up after the retries
    ],
    ids=["damaged", "always-empty"],
)
def test_an_sd_file_failing_before_the_thumbnail_comes_is_said(viewer, fake, qgis_app, answer):
    picture_id = scripted_picture(fake, [answer])
    viewer.open_id(picture_id, bad.SEQUENCE)
    run_until(qgis_app, lambda: (picture_id, "thumb") in viewer.images, 10)
    run_until(qgis_app, lambda: bad.settled(viewer), 10)
    # the thumbnail is shown, and the status line says why nothing sharper comes
    assert not viewer.dock.flat_view.image.isNull()
    assert (picture_id, "sd") not in viewer.images
    assert "damaged" in bad.status(viewer), bad.status(viewer)

    good = fake.picture()  # the message goes with the picture
    bad.open_good(viewer, qgis_app, good)
