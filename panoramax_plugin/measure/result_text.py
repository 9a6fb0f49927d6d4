"""A measure's result in words, every figure with its uncertainty (95 %). Translatable."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

Z95 = 1.96
"""From a 1-sigma error along one axis to its 95 % interval."""


def state_text(state) -> str:
    """What the user reads in the measure panel for a ``MeasureState``."""
    result = state.triangulation
    if result is not None:
        lines = [
            QCoreApplication.translate(
                "MeasureResult", "Position: {lat:.7f}, {lon:.7f} (WGS84)"
            ).format(lat=result.lat, lon=result.lon),
            QCoreApplication.translate(
                "MeasureResult", "Uncertainty (95 %): {major:.2f} m × {minor:.2f} m"
            ).format(major=result.semi_major_m, minor=result.semi_minor_m),
            QCoreApplication.translate("MeasureResult", "Crossing angle: {angle:.0f}°").format(
                angle=result.crossing_angle_deg
            ),
            QCoreApplication.translate(
                "MeasureResult", "Distance to each camera: {distances}"
            ).format(distances=", ".join(f"{d:.1f} m" for d in result.distances_m)),
        ]
        if result.height_m is not None:
            lines.append(
                QCoreApplication.translate(
                    "MeasureResult", "Height above the ground: {height:.2f} m"
                ).format(height=result.height_m)
            )
        if result.residual_m is not None:
            lines.append(
                QCoreApplication.translate(
                    "MeasureResult", "Residual of the {count} rays: {residual:.2f} m"
                ).format(count=len(result.rays), residual=result.residual_m)
            )
        return "\n".join(lines)
    if state.height is not None:
        height = state.height
        return "\n".join(
            (
                QCoreApplication.translate(
                    "MeasureResult", "Height: {height:.2f} m ± {error:.2f} m (95 %)"
                ).format(height=height.height_m, error=Z95 * height.sigma_m),
                _ground_line(height.foot),
            )
        )
    if state.ground is not None:
        return _ground_line(state.ground)
    if len(state.rays) == 1 and state.mode == "triangulate":
        return QCoreApplication.translate(
            "MeasureResult", "One direction: {bearing:.1f}° from north."
        ).format(bearing=state.rays[0].bearing)
    return ""


def _ground_line(ground) -> str:
    text = QCoreApplication.translate(
        "MeasureResult", "Ground distance: {distance:.2f} m ± {error:.2f} m (95 %)"
    ).format(distance=ground.distance_m, error=Z95 * ground.sigma_m)
    if ground.on_terrain:
        text += " " + QCoreApplication.translate(
            "MeasureResult", "on the terrain model ({ground:+.2f} m from the camera's ground)"
        ).format(ground=ground.ground_m)
    else:
        text += " " + QCoreApplication.translate("MeasureResult", "on flat ground")
    return text
