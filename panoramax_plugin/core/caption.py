"""The caption burnt into a capture of a picture: who took it, when, under which licence,
where it is published and which picture it is. Pure Python.

A capture leaves QGIS (a report, a mail): the attribution must travel with the pixels.
Every piece is always there; a piece the instance did not give says so instead of
vanishing, so that a reader knows it is unknown rather than left out.
"""

from __future__ import annotations

from .i18n import translate
from .instances import site_url

SEPARATOR = "  ·  "
DATE_FORMAT = "%Y-%m-%d %H:%M"


def _instance_label(picture, instance_name: str | None, instance_url: str | None) -> str:
    """ "Name (site)" when both are known, else whichever is; the picture's own instance
    (``home_url``) wins over the one it was read from (a federation)."""
    url = instance_url or picture.home_url or picture.instance_url
    site = site_url(url).rstrip("/") if url else None
    name = (instance_name or "").strip() or None
    if name and site and name != site:
        return f"{name} ({site})"
    return name or site or translate("PanoramaxCore", "unknown instance")


def caption_lines(
    picture, instance_name: str | None = None, instance_url: str | None = None
) -> list[str]:
    """Two lines: attribution (author, licence) then provenance (date, instance, picture id).

    ``picture``: a ``core.models.Picture``. ``instance_name`` / ``instance_url``: the
    instance the picture is published on (its title and API URL); without them the
    picture's own URLs are used.
    """
    author = (
        translate("PanoramaxCore", "Photo: {author}").format(author=picture.producer)
        if picture.producer
        else translate("PanoramaxCore", "Photo: author unknown")
    )
    licence = (
        translate("PanoramaxCore", "Licence: {licence}").format(licence=picture.license)
        if picture.license
        else translate("PanoramaxCore", "Licence: not stated")
    )
    date = (
        translate("PanoramaxCore", "Captured {date}").format(
            date=picture.captured_at.strftime(DATE_FORMAT)
        )
        if picture.captured_at is not None
        else translate("PanoramaxCore", "Capture date unknown")
    )
    instance = translate("PanoramaxCore", "Panoramax: {instance}").format(
        instance=_instance_label(picture, instance_name, instance_url)
    )
    identifier = translate("PanoramaxCore", "Picture {id}").format(id=picture.id)
    return [SEPARATOR.join((author, licence)), SEPARATOR.join((date, instance, identifier))]


def caption_text(picture, instance_name: str | None = None, instance_url: str | None = None) -> str:
    """The caption as one text, a line per line (for a file's metadata, a clipboard)."""
    return "\n".join(caption_lines(picture, instance_name, instance_url))
