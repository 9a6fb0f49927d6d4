"""The caption burnt into a capture: every piece present, or said to be unknown."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from panoramax_plugin.core.caption import caption_lines, caption_text
from panoramax_plugin.core.models import Picture

PID = "8df007b2-d8eb-43bf-8299-24a27a49eeab"
WHEN = datetime(2024, 6, 2, 12, 5, 33, tzinfo=timezone(timedelta(hours=2)))
API = "https://panoramax.example.org/api"


def picture(**changes) -> Picture:
    values = dict(
        id=PID,
        sequence_id="seq",
        lon=4.8,
        lat=45.7,
        captured_at=WHEN,
        producer="Jane Doe",
        license="CC-BY-SA-4.0",
        instance_url=API,
    )
    values.update(changes)
    return Picture(**values)


def test_full_metadata_gives_author_licence_date_instance_and_id():
    lines = caption_lines(picture(), "Example Panoramax", API)
    assert len(lines) == 2
    attribution, provenance = lines
    assert "Jane Doe" in attribution and "CC-BY-SA-4.0" in attribution
    assert "2024-06-02 12:05" in provenance  # the picture's local time, as the camera had it
    assert "Example Panoramax (https://panoramax.example.org)" in provenance
    assert PID in provenance


def test_missing_licence_still_gives_author_date_instance_and_id():
    lines = caption_lines(picture(license=None), "Example Panoramax", API)
    text = "\n".join(lines)
    for piece in ("Jane Doe", "2024-06-02 12:05", "https://panoramax.example.org", PID):
        assert piece in text
    assert "Licence: not stated" in lines[0]  # said, not silently dropped


def test_missing_producer_and_date_are_said_unknown():
    lines = caption_lines(picture(producer=None, captured_at=None))
    assert lines[0].startswith("Photo: author unknown")
    assert "CC-BY-SA-4.0" in lines[0]
    assert "Capture date unknown" in lines[1]
    # no instance name given: the picture's own instance site
    assert "Panoramax: https://panoramax.example.org" in lines[1]


def test_the_pictures_home_instance_wins_over_the_federation_it_came_through():
    home = "https://home.example.net/api"
    lines = caption_lines(picture(home_url=home))
    assert "https://home.example.net" in lines[1]
    assert "panoramax.example.org" not in lines[1]


def test_no_instance_at_all_is_said_unknown_and_text_joins_the_lines():
    pic = picture(instance_url=None)
    assert "unknown instance" in caption_lines(pic)[1]
    assert caption_text(pic) == "\n".join(caption_lines(pic))
