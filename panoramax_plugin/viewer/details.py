"""A picture's details as plain text for the viewer (server text is never interpreted)."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..core.instances import site_url


class PictureDetails:
    """Translatable labels of the details box."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PictureDetails", text)

    @classmethod
    def text(cls, picture) -> str:
        """Plain-text details of a picture (server text is never interpreted)."""
        lines = []
        if picture.captured_at is not None:
            lines.append(
                cls.tr("Captured: {date}").format(
                    date=picture.captured_at.strftime("%Y-%m-%d %H:%M:%S %z")
                )
            )
        lines.append(
            cls.tr("Type: {kind}").format(
                kind=cls.tr("360° panorama") if picture.is_360 else cls.tr("flat picture")
            )
        )
        if picture.producer:
            lines.append(cls.tr("Producer: {name}").format(name=picture.producer))
        if picture.camera:
            lines.append(cls.tr("Camera: {camera}").format(camera=picture.camera))
        if picture.license:
            lines.append(cls.tr("Licence: {licence}").format(licence=picture.license))
        lines.append(
            cls.tr("Instance: {url}").format(
                url=site_url(picture.home_url or picture.instance_url or "")
            )
        )
        quality = []
        if picture.horizontal_accuracy is not None:
            quality.append(
                cls.tr("position ±{metres} m").format(metres=f"{picture.horizontal_accuracy:g}")
            )
        if picture.pixel_density is not None:
            quality.append(cls.tr("{density} px/°").format(density=f"{picture.pixel_density:g}"))
        if quality:
            lines.append(cls.tr("Quality: {quality}").format(quality=", ".join(quality)))
        if picture.rank is not None:
            lines.append(cls.tr("Rank in sequence: {rank}").format(rank=picture.rank))
        return "\n".join(lines)


def details_text(picture) -> str:
    return PictureDetails.text(picture)
