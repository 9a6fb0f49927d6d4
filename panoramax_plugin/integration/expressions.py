"""Expression functions (group "Panoramax") that build Panoramax URLs from a picture id,
for map tips, forms (an HTML widget showing the thumbnail), labels and print layouts.

No network: the URLs are built the way the API serves them,
``{api}/pictures/{id}/{thumb|sd|hd}.jpg`` and the web viewer's
``{site}/#focus=pic&pic={id}[&xyz=<heading>/<pitch>/<zoom>]``.

The functions subclass ``QgsExpressionFunction`` directly, with named parameters (so
``panoramax_viewer_url("id", heading:=90)`` works): the ``qgsfunction`` decorator changed
its signature after QGIS 3.22 and has no optional parameters. A NULL (or empty) picture id
gives NULL; an unknown instance or a text that is no picture id is an evaluation error
saying why. Functions may run in rendering threads: they read QgsSettings, nothing else.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsExpressionFunction,
    QgsGeometry,
    QgsPointXY,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import InvalidInstanceUrl
from ..core.geometry import bearing_deg
from ..core.instances import (
    parse_panoramax_text,
    picture_asset_url,
    resolve_instance_url,
    viewer_picture_url,
)
from .opener import current_api_url

GROUP = "Panoramax"
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class ArgumentError(ValueError):
    """A message for the expression builder (the evaluation error)."""


def is_null(value) -> bool:
    """NULL as QGIS hands it to Python: None, a null QVariant, a null geometry."""
    if value is None:
        return True
    is_null_method = getattr(value, "isNull", None)
    return bool(is_null_method()) if callable(is_null_method) else False


def _text(value) -> str | None:
    return None if is_null(value) else (str(value).strip() or None)


def _instance_api(instance, link_api: str | None) -> str:
    """The API URL: the argument (known key or URL), else the link's, else the plugin's."""
    text = _text(instance)
    if text:
        try:
            return resolve_instance_url(text)
        except InvalidInstanceUrl as error:
            raise ArgumentError(str(error)) from error
    api = link_api or current_api_url()
    if not api:
        raise ArgumentError(
            QCoreApplication.translate(
                "PanoramaxExpressions",
                "No Panoramax instance: give one (ign, osm-fr, federated or a URL) or choose "
                "a valid one in the Panoramax panel.",
            )
        )
    return api


def _picture(value, instance):
    """(api url, picture id) from the arguments, or None when the id is NULL."""
    text = _text(value)
    if text is None:
        return None
    ref = parse_panoramax_text(text)
    if ref is None or not ref.picture_id:
        raise ArgumentError(
            QCoreApplication.translate(
                "PanoramaxExpressions", "'{text}' is not a Panoramax picture id."
            ).format(text=text)
        )
    return _instance_api(instance, ref.api_url), ref.picture_id


def _number(value, name: str) -> float | None:
    if is_null(value) or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise ArgumentError(
            QCoreApplication.translate(
                "PanoramaxExpressions", "{name} must be a number, not '{value}'."
            ).format(name=name, value=value)
        ) from error


def _lon_lat(value, crs, name: str):
    """A geometry's point (its centroid if not a point) in WGS 84."""
    geometry = value if isinstance(value, QgsGeometry) else None
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise ArgumentError(
            QCoreApplication.translate(
                "PanoramaxExpressions", "{name} must be a geometry (a point)."
            ).format(name=name)
        )
    point = geometry.centroid().asPoint()  # a point's centroid is the point itself
    if crs.isValid() and crs != WGS84:
        transform = QgsCoordinateTransform(crs, WGS84, QgsCoordinateTransformContext())
        point = transform.transform(QgsPointXY(point))
    return point.x(), point.y()


def _context_crs(context) -> QgsCoordinateReferenceSystem:
    """The layer's CRS from the context (``@layer_crs``), else WGS 84."""
    if context is not None and context.hasVariable("layer_crs"):
        crs = QgsCoordinateReferenceSystem(str(context.variable("layer_crs") or ""))
        if crs.isValid():
            return crs
    return WGS84


# ---------------------------------------------------------------------- the functions
def _asset(level):
    def run(values, context):
        found = _picture(values[0], values[1])
        return None if found is None else picture_asset_url(found[0], found[1], level)

    return run


def _viewer_url(values, context):
    found = _picture(values[0], values[1])
    if found is None:
        return None
    heading = _number(values[2], "heading")
    pitch = _number(values[3], "pitch")
    return viewer_picture_url(found[0], found[1], heading=heading, pitch=pitch or 0.0)


def _viewer_url_toward(values, context):
    found = _picture(values[0], values[3])
    if found is None or is_null(values[1]) or is_null(values[2]):
        return None
    crs = _context_crs(context)
    lon, lat = _lon_lat(values[1], crs, "picture_point")
    target_lon, target_lat = _lon_lat(values[2], crs, "target_point")
    heading = bearing_deg(lon, lat, target_lon, target_lat)
    return viewer_picture_url(found[0], found[1], heading=heading)


class PanoramaxFunction(QgsExpressionFunction):
    """One function: named parameters, NULLs handled by ``run`` (values, context)."""

    def __init__(self, name: str, parameters, help_html: str, run):
        params = [
            QgsExpressionFunction.Parameter(pname, optional) for pname, optional in parameters
        ]
        # lazyEval False, handlesNull True: omitted optional arguments arrive as NULL
        super().__init__(name, params, GROUP, help_html, False, True)
        self.run_values = run

    def func(self, values, context, parent, node):
        try:
            return self.run_values(list(values), context)
        except ArgumentError as error:
            parent.setEvalErrorString(str(error))
        except Exception as error:  # an escaping exception aborts QGIS 3.22
            parent.setEvalErrorString(repr(error))
        return None


def _help(name: str, description: str, syntax: str, arguments, examples) -> str:
    rows = "".join(
        f'<tr><td class="argument">{arg}</td><td>{text}</td></tr>' for arg, text in arguments
    )
    example_items = "".join(f"<li><code>{code}</code> → {result}</li>" for code, result in examples)
    return (
        f"<h3>{name}</h3>"
        f'<div class="description"><p>{description}</p></div>'
        f"<h4>{QCoreApplication.translate('PanoramaxExpressions', 'Syntax')}</h4>"
        f'<div class="syntax"><code>{syntax}</code></div>'
        f"<h4>{QCoreApplication.translate('PanoramaxExpressions', 'Arguments')}</h4>"
        f'<div class="arguments"><table>{rows}</table></div>'
        f"<h4>{QCoreApplication.translate('PanoramaxExpressions', 'Examples')}</h4>"
        f'<div class="examples"><ul>{example_items}</ul></div>'
    )


def _picture_id_argument():
    return (
        "picture_id",
        QCoreApplication.translate(
            "PanoramaxExpressions",
            "a Panoramax picture id (UUID), or a Panoramax link to the picture. NULL gives NULL.",
        ),
    )


def _instance_argument():
    return (
        "instance",
        QCoreApplication.translate(
            "PanoramaxExpressions",
            "optional: ign, osm-fr, federated or the address of an instance; by default the "
            "instance of the link given as picture id, else the one chosen in the Panoramax "
            "panel.",
        ),
    )


def build_functions() -> list:
    """The functions, their help in the user's language (call once a translator is in)."""
    translate = QCoreApplication.translate
    pid = "'890b6268-7716-4e34-ada9-69985e6c1657'"
    assets = []
    for level, name, description in (
        (
            "thumb",
            "panoramax_thumb_url",
            translate(
                "PanoramaxExpressions",
                "The address of a Panoramax picture's thumbnail (500 pixels wide), for an "
                'HTML map tip or form widget: &lt;img src="[% panoramax_thumb_url("id") %]"&gt;.',
            ),
        ),
        (
            "sd",
            "panoramax_sd_url",
            translate(
                "PanoramaxExpressions",
                "The address of a Panoramax picture's standard-definition file (2048 pixels wide).",
            ),
        ),
        (
            "hd",
            "panoramax_hd_url",
            translate(
                "PanoramaxExpressions",
                "The address of a Panoramax picture's original, full-definition file.",
            ),
        ),
    ):
        help_html = _help(
            name,
            description,
            f"{name}(picture_id[, instance])",
            [_picture_id_argument(), _instance_argument()],
            [
                (
                    f"{name}({pid}, 'ign')",
                    f"https://panoramax.ign.fr/api/pictures/890b6268-…/{level}.jpg",
                )
            ],
        )
        assets.append(
            PanoramaxFunction(
                name, [("picture_id", False), ("instance", True)], help_html, _asset(level)
            )
        )
    viewer = PanoramaxFunction(
        "panoramax_viewer_url",
        [("picture_id", False), ("instance", True), ("heading", True), ("pitch", True)],
        _help(
            "panoramax_viewer_url",
            translate(
                "PanoramaxExpressions",
                "The link that opens a picture in the instance's Panoramax web viewer, "
                "optionally turned toward a heading.",
            ),
            "panoramax_viewer_url(picture_id[, instance][, heading][, pitch])",
            [
                _picture_id_argument(),
                _instance_argument(),
                (
                    "heading",
                    translate(
                        "PanoramaxExpressions",
                        "optional: where the view looks, degrees clockwise from north.",
                    ),
                ),
                (
                    "pitch",
                    translate(
                        "PanoramaxExpressions",
                        "optional: degrees up (positive) or down (negative); 0 by default.",
                    ),
                ),
            ],
            [
                (
                    f"panoramax_viewer_url({pid}, 'ign')",
                    "https://panoramax.ign.fr/#focus=pic&amp;pic=890b6268-…",
                ),
                (
                    f"panoramax_viewer_url({pid}, heading:=90)",
                    translate("PanoramaxExpressions", "the same link, looking east"),
                ),
            ],
        ),
        _viewer_url,
    )
    toward = PanoramaxFunction(
        "panoramax_viewer_url_toward",
        [
            ("picture_id", False),
            ("picture_point", False),
            ("target_point", False),
            ("instance", True),
        ],
        _help(
            "panoramax_viewer_url_toward",
            translate(
                "PanoramaxExpressions",
                "The web viewer's link to a picture, turned toward a place: the heading "
                "from where the picture was taken to the target. Both points are in the "
                "layer's CRS (WGS 84 outside a layer); a line or polygon counts by its "
                "centroid.",
            ),
            "panoramax_viewer_url_toward(picture_id, picture_point, target_point[, instance])",
            [
                _picture_id_argument(),
                (
                    "picture_point",
                    translate("PanoramaxExpressions", "where the picture was taken."),
                ),
                ("target_point", translate("PanoramaxExpressions", "the place to look at.")),
                _instance_argument(),
            ],
            [
                (
                    'panoramax_viewer_url_toward("id", $geometry, '
                    "geometry(get_feature('signs', 'ref', 'B14')))",
                    translate("PanoramaxExpressions", "a link looking at the sign B14"),
                )
            ],
        ),
        _viewer_url_toward,
    )
    return [*assets, viewer, toward]


class ExpressionFunctions:
    """Registers the functions and removes them on unload (references kept meanwhile:
    QGIS does not own them)."""

    def __init__(self):
        self.functions: list = []

    def register(self) -> None:
        for function in build_functions():
            name = function.name()
            if QgsExpression.isFunctionName(name):  # left by a plugin reload
                QgsExpression.unregisterFunction(name)
            if QgsExpression.registerFunction(function):
                self.functions.append(function)

    def unregister(self) -> None:
        for function in self.functions:
            QgsExpression.unregisterFunction(function.name())
        self.functions = []

    @property
    def names(self) -> list:
        return [function.name() for function in self.functions]
