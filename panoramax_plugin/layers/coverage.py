"""Coverage layer: the instance's vector tiles as a QGIS vector tile layer.

The tiles (landing page link ``xyz``, ``/api/map/{z}/{x}/{y}.mvt``) hold three layers:
``grid`` (z0-6, density circles), ``sequences`` (z7-15, lines) and ``pictures`` (z15 only,
points). Tiles stop at z15 (z > 15 is a 404): the source says ``zmax=15`` and QGIS draws
the z15 tiles when the map is zoomed further, so the styles below have no maximum zoom.
"""

from __future__ import annotations

import json
from datetime import date

from qgis.core import (
    QgsDataSourceUri,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsVectorTileBasicRenderer,
    QgsVectorTileBasicRendererStyle,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..compat import geometry_type

SOURCE_MIN_ZOOM = 0
SOURCE_MAX_ZOOM = 15  # the server answers 404 above: QGIS overzooms the z15 tiles
SEQUENCES_MIN_ZOOM = 7  # the grid covers z0-6
PICTURES_MIN_ZOOM = 15  # pictures are only in the z15 tiles

FLAT_COLOR = "#ff6f00"  # Panoramax orange
PANO_COLOR = "#7b1fa2"  # purple: 360° pictures
TYPE_360 = "equirectangular"  # value of the ``type`` field of 360° sequences and pictures
KINDS = (None, "flat", "360")

# Roles of the renderer styles, in order, kept on the layer so that the filter finds them
ROLES_PROPERTY = "panoramax/coverage_roles"

# density classes of the grid: (role, lower coef bound (exclusive), upper bound, size mm, colour)
_GRID_CLASSES = (
    ("grid:low", None, 0.3, 2.2, "#ffa726"),
    ("grid:mid", 0.3, 0.6, 3.4, "#e65100"),
    ("grid:high", 0.6, None, 4.8, "#3e2723"),
)
# grid fields (count, relative density) by kind of picture
_GRID_FIELDS = {
    None: ("nb_pictures", "coef"),
    "flat": ("nb_flat_pictures", "coef_flat_pictures"),
    "360": ("nb_360_pictures", "coef_360_pictures"),
}


def coverage_layer_uri(tiles_url: str, authcfg: str | None = None) -> str:
    """Data source of a ``QgsVectorTileLayer`` for an XYZ template of MVT tiles.

    ``tiles_url`` is the ``xyz`` link of the landing page, with ``{z}``, ``{x}`` and ``{y}``;
    ``authcfg`` is the id of a QGIS authentication configuration, if any.
    """
    uri = QgsDataSourceUri()
    uri.setParam("type", "xyz")
    uri.setParam("url", tiles_url)
    uri.setParam("zmin", str(SOURCE_MIN_ZOOM))
    uri.setParam("zmax", str(SOURCE_MAX_ZOOM))
    if authcfg:
        uri.setAuthConfigId(authcfg)
    return bytes(uri.encodedUri()).decode("utf-8")


def _marker(color: str, size_mm: float, stroke: str, stroke_width_mm: float) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": color,
            "size": str(size_mm),
            "outline_color": stroke,
            "outline_width": str(stroke_width_mm),
        }
    )


def _line(color: str, width_mm: float) -> QgsLineSymbol:
    return QgsLineSymbol.createSimple(
        {
            "line_color": color,
            "line_width": str(width_mm),
            "capstyle": "round",
            "joinstyle": "round",
        }
    )


def _style(name: str, layer_name: str, kind: str, symbol, min_zoom: int):
    style = QgsVectorTileBasicRendererStyle(name, layer_name, geometry_type(kind))
    style.setSymbol(symbol)
    style.setMinZoomLevel(min_zoom)
    style.setMaxZoomLevel(-1)  # no limit: overzoomed z15 tiles keep showing
    return style


def _build_styles() -> tuple:
    """(styles, roles): the plugin's own look, drawn in this order (last on top)."""
    grid_names = {
        "grid:low": QCoreApplication.translate("PanoramaxCoverage", "Few pictures"),
        "grid:mid": QCoreApplication.translate("PanoramaxCoverage", "Some pictures"),
        "grid:high": QCoreApplication.translate("PanoramaxCoverage", "Many pictures"),
    }
    styles, roles = [], []
    for role, _low, _high, size, color in _GRID_CLASSES:
        symbol = _marker(color, size, "255,255,255,180", 0.2)
        symbol.setOpacity(0.85)
        styles.append(_style(grid_names[role], "grid", "point", symbol, SOURCE_MIN_ZOOM))
        roles.append(role)
    for role, name, layer_name, kind, symbol, min_zoom in (
        (
            "sequences:flat",
            QCoreApplication.translate("PanoramaxCoverage", "Sequences (flat)"),
            "sequences",
            "line",
            _line(FLAT_COLOR, 0.7),
            SEQUENCES_MIN_ZOOM,
        ),
        (
            "sequences:360",
            QCoreApplication.translate("PanoramaxCoverage", "Sequences (360°)"),
            "sequences",
            "line",
            _line(PANO_COLOR, 0.7),
            SEQUENCES_MIN_ZOOM,
        ),
        (
            "pictures:flat",
            QCoreApplication.translate("PanoramaxCoverage", "Pictures (flat)"),
            "pictures",
            "point",
            _marker(FLAT_COLOR, 2.0, "#ffffff", 0.3),
            PICTURES_MIN_ZOOM,
        ),
        (
            "pictures:360",
            QCoreApplication.translate("PanoramaxCoverage", "Pictures (360°)"),
            "pictures",
            "point",
            _marker(PANO_COLOR, 2.4, "#ffffff", 0.3),
            PICTURES_MIN_ZOOM,
        ),
    ):
        styles.append(_style(name, layer_name, kind, symbol, min_zoom))
        roles.append(role)
    return styles, roles


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _day(value) -> str:
    """'YYYY-MM-DD' of a date or datetime."""
    return date(value.year, value.month, value.day).isoformat()


def _filter_expression(role: str, kind: str | None, start, end) -> str:
    """Filter of the style playing ``role`` for a kind of picture and a date range."""
    layer, _, variant = role.partition(":")
    clauses = []
    if layer == "grid":
        # no per-picture fields in the grid: counts by kind, no date
        count, coef = _GRID_FIELDS[kind]
        low, high = next((lo, hi) for r, lo, hi, _s, _c in _GRID_CLASSES if r == role)
        clauses.append(f'"{count}" > 0')
        if low is not None:
            clauses.append(f'"{coef}" > {low}')
        if high is not None:
            clauses.append(f'"{coef}" <= {high}')
        return " AND ".join(clauses)
    if variant == "360":
        clauses.append(f'"type" = {_quote(TYPE_360)}')
    else:  # anything not 360° is drawn as flat
        clauses.append(f"coalesce(\"type\", '') <> {_quote(TYPE_360)}")
    if kind == "flat":
        clauses.append("\"type\" = 'flat'")
    elif kind == "360":
        clauses.append(f'"type" = {_quote(TYPE_360)}')
    # sequences: "date" is 'YYYY-MM-DD'; pictures: "ts" is 'YYYY-MM-DD hh:mm:ss+tz' text
    day = '"date"' if layer == "sequences" else 'left("ts", 10)'
    if start is not None:
        clauses.append(f"{day} >= {_quote(_day(start))}")
    if end is not None:
        clauses.append(f"{day} <= {_quote(_day(end))}")
    return " AND ".join(clauses)


def create_coverage_layer(
    tiles_url: str, name: str, authcfg: str | None = None
) -> QgsVectorTileLayer:
    """The coverage of an instance: its vector tiles with the plugin's own renderer.

    ``tiles_url`` is the landing page's ``xyz`` link. Check ``isValid()`` on the result.
    """
    layer = QgsVectorTileLayer(coverage_layer_uri(tiles_url, authcfg), name)
    styles, roles = _build_styles()
    for style, role in zip(styles, roles):
        style.setFilterExpression(_filter_expression(role, None, None, None))
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles(styles)
    layer.setRenderer(renderer)
    layer.setCustomProperty(ROLES_PROPERTY, json.dumps(roles))
    return layer


def apply_coverage_filter(
    layer: QgsVectorTileLayer, kind: str | None, start: date | None, end: date | None
) -> None:
    """Show only one kind of picture (None, 'flat' or '360') taken between two days.

    Dates are inclusive and filter sequences (``date``) and pictures (``ts``); the grid
    has no dates and shows the cells that hold pictures of the kind. Styles the plugin did
    not create (another style loaded on the layer) are left alone.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be None, 'flat' or '360', not {kind!r}")
    renderer = layer.renderer()
    if not isinstance(renderer, QgsVectorTileBasicRenderer):
        return
    try:
        roles = json.loads(layer.customProperty(ROLES_PROPERTY) or "[]")
    except (TypeError, ValueError):
        roles = []
    styles = renderer.styles()
    for index, style in enumerate(styles):
        role = roles[index] if index < len(roles) else None
        if not role or role.partition(":")[0] != style.layerName():
            continue
        style.setFilterExpression(_filter_expression(role, kind, start, end))
    renderer.setStyles(styles)
    layer.triggerRepaint()
