"""*Best pictures of features*: for each feature of any vector layer, the N best Panoramax
pictures that show it (``core.feature_pictures``: one search per feature, flat pictures
that do not see it dropped, "best" ranking), with the yaw and pitch that turn a viewer
toward it (``core.look_at``: the same sight as the viewer's "look at this feature").

Optionally one JPEG per feature: its best picture turned toward it, the rendered view
(a 360° picture through a camera toward the feature, ``viewer.render_once``; a flat
picture as it is), with the attribution burnt in (``viewer.capture``).

The searches run on Qt threads (``QThreadExecutor``: QGIS networking needs them); the
JPEGs are made in the algorithm's own thread into a hidden folder and moved into place
only when the run succeeds; the table is written last. A canceled run leaves nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ..assets.feature_targets import target_from_feature
from ..background.qthreads import QThreadExecutor
from ..core.camera import Camera
from ..core.caption import caption_lines
from ..core.errors import PanoramaxError
from ..core.feature_pictures import (
    DEFAULT_MAX_DISTANCE_M,
    TargetError,
    pictures_of_features,
    quality_score,
)
from ..core.i18n import QT_TRANSLATE_NOOP
from ..core.instances import viewer_picture_url
from ..core.look_at import LookTarget, target_sight
from ..core.view_geometry import camera_toward
from ..layers.memory import make_fields
from ..layers.pictures import to_qdatetime
from . import area_support as area
from .base import PanoramaxAlgorithm
from .qgis_kinds import number_type, source_type, wkb_type

INPUT = "INPUT"
COUNT = "COUNT"
DISTANCE = "DISTANCE"
TYPE = "TYPE"
OUTPUT_GEOMETRY = "OUTPUT_GEOMETRY"
OUTPUT = "OUTPUT"
JPEG_FOLDER = "JPEG_FOLDER"

GEOMETRIES = ("NoGeometry", "Point", "LineString")
VIEW_SIZE = (1920, 1080)
"""Size of the view rendered from a 360° picture (16:9)."""
VIEW_HFOV = 90.0
JPEG_QUALITY = 92
JPEG_ASSET = "hd"

BEST_FIELDS = (
    ("feature_id", "long"),  # the source feature's id
    ("rank", "int"),  # 1 = best
    ("picture_id", "string"),
    ("sequence_id", "string"),
    ("type", "string"),  # flat | 360
    ("distance_m", "double"),  # camera to the feature's point seen, on the ground
    ("azimuth", "double"),  # from the camera toward it, degrees from north
    ("yaw", "double"),  # relative to the picture's heading: what the viewer turns by
    ("pitch", "double"),  # degrees, + up (camera 2 m above the feature's ground)
    ("captured_at", "datetime"),
    ("score", "double"),  # the "best" ranking score, 0-1
    ("quality", "double"),  # GPS accuracy and pixel density, 0-1
    ("link", "string"),  # the picture in the instance's web viewer, turned toward the feature
    ("thumb_url", "string"),
    ("jpeg", "string"),  # rank 1: the view written to JPEG_FOLDER
)


def best_fields():
    return make_fields(BEST_FIELDS)


class _SourceAsLayer:
    """What ``target_from_feature`` asks of a layer, from a Processing feature source."""

    def __init__(self, source, name: str):
        self._source, self._name = source, name

    def crs(self):
        return self._source.sourceCrs()

    def name(self) -> str:
        return self._name

    def displayExpression(self) -> str:
        return ""


class BestPicturesAlgorithm(PanoramaxAlgorithm):
    NAME = "bestpicturesoffeatures"
    DISPLAY = QT_TRANSLATE_NOOP("BestPicturesAlgorithm", "Best pictures of features")
    HELP = QT_TRANSLATE_NOOP(
        "BestPicturesAlgorithm",
        (
            "For each feature of a vector layer (points, lines or polygons, any CRS; the "
            "selected features only when asked), finds the N best Panoramax pictures showing "
            "it within the search distance: 360° pictures always see it, flat ones when it "
            "lies in their field of view. 'Best' weighs the distance (about 6 m is ideal), how "
            "centred it is, the age and the picture quality.\n\n"
            "One row per picture: the feature id, the rank, the picture and sequence ids, the "
            "distance, the azimuth, the yaw and pitch that turn the viewer toward the feature, "
            "the capture date, the scores, the web viewer link and the thumbnail URL. Output "
            "geometry: none (a table), the picture's position, or a line from the feature to "
            "the picture.\n\n"
            "JPEG folder (optional): one JPEG per feature, its best picture turned toward it "
            "(the view rendered from a 360° picture, a flat picture as it is), with author, "
            "licence and date burnt in. Named feature_<id>.jpg.\n\n"
            "INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API."
        ),
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                INPUT, self.tr("Features to look for"), [source_type("VectorAnyGeometry")]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                COUNT,
                self.tr("Pictures per feature"),
                number_type("Integer"),
                defaultValue=3,
                minValue=1,
                maxValue=100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                DISTANCE,
                self.tr("Search distance (metres)"),
                number_type("Double"),
                defaultValue=DEFAULT_MAX_DISTANCE_M,
                minValue=1.0,
                maxValue=500.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                TYPE,
                self.tr("Type of pictures"),
                options=[self.tr("Any"), self.tr("Flat"), self.tr("360°")],
                defaultValue=0,
            )
        )
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterEnum(
                OUTPUT_GEOMETRY,
                self.tr("Output geometry"),
                options=[
                    self.tr("None (a table)"),
                    self.tr("Point: the picture's position"),
                    self.tr("Line: from the feature to the picture"),
                ],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Best pictures of features"))
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                JPEG_FOLDER,
                self.tr("Folder of JPEGs turned toward each feature (optional)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("PICTURES", self.tr("Rows written")))
        self.addOutput(
            QgsProcessingOutputNumber("FEATURES_WITH_PICTURES", self.tr("Features seen"))
        )

    # ------------------------------------------------------------------ inputs
    def _targets(self, parameters, context, feedback) -> list:
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        name = source.sourceName() or INPUT
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(
                self.tr(
                    "Layer {layer} has no coordinate reference system: set one (Layer "
                    "Properties > Source) so the plugin knows where its features are."
                ).format(layer=name)
            )
        layer = _SourceAsLayer(source, name)
        transform_context = context.transformContext()
        targets, features = [], 0
        for feature in source.getFeatures():
            features += 1
            try:
                targets.append(target_from_feature(layer, feature, transform_context))
            except TargetError as error:
                feedback.reportError(str(error), False)
        if features == 0:
            raise QgsProcessingException(
                self.tr(
                    "Layer {layer} has no features (or none selected): nothing to look for."
                ).format(layer=name)
            )
        if not targets:
            raise QgsProcessingException(
                self.tr("None of the {count} features of {layer} can be looked for.").format(
                    count=features, layer=name
                )
            )
        return targets

    def _jpeg_folder(self, parameters, context) -> str | None:
        if parameters.get(JPEG_FOLDER) in (None, ""):
            return None
        folder = self.parameterAsString(parameters, JPEG_FOLDER, context)
        if not folder:
            return None
        try:
            os.makedirs(folder, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=folder, prefix=".panoramax-probe-")
            probe.close()
        except OSError as error:
            raise QgsProcessingException(
                self.tr("The folder {folder} cannot be written: {error}").format(
                    folder=folder, error=error.strerror or str(error)
                )
            ) from error
        return folder

    # ------------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):
        count = self.parameterAsInt(parameters, COUNT, context)
        distance = self.parameterAsDouble(parameters, DISTANCE, context)
        kind = self.parameterAsEnum(parameters, TYPE, context)
        geometry_kind = GEOMETRIES[self.parameterAsEnum(parameters, OUTPUT_GEOMETRY, context)]
        targets = self._targets(parameters, context, feedback)
        folder = self._jpeg_folder(parameters, context)
        make_client = area.client_factory(self, parameters, context)
        client = make_client()
        try:
            instance = client.discover()
        except PanoramaxError as error:
            raise area.processing_error(error) from error

        def worker_client():
            made = make_client()
            made.use_instance(instance)
            return made

        def progress(done, total):
            feedback.setProgress(70.0 * done / max(1, total))

        feedback.pushInfo(
            self.tr("Looking for pictures of {count} features on {url}").format(
                count=len(targets), url=client.api_url
            )
        )
        results = pictures_of_features(
            worker_client,
            targets,
            progress=progress,
            cancel=feedback.isCanceled,
            executor_factory=QThreadExecutor,
            max_distance_m=distance,
            include_flat=kind != 2,
            include_360=kind != 1,
        )
        self.check_canceled(feedback)
        rows, failures = self._rows(targets, results, count, feedback)
        if failures == len(targets):
            raise QgsProcessingException(
                self.tr("No feature could be searched: {error}").format(
                    error=next(str(v) for v in results.values() if isinstance(v, Exception))
                )
            )
        jpegs = {}
        if folder is not None:
            jpegs = self._write_jpegs(client, rows, folder, instance, feedback)
        fields = best_fields()
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type(geometry_kind))
        features = []
        for row in rows:
            feature = QgsFeature(fields)
            values = row["values"]
            values[-1] = jpegs.get(row["feature_id"]) if row["rank"] == 1 else None
            feature.setAttributes(values)
            picture, candidate = row["picture"], row["candidate"]
            if geometry_kind == "Point":
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(picture.lon, picture.lat)))
            elif geometry_kind == "LineString":
                feature.setGeometry(
                    QgsGeometry.fromPolylineXY(
                        [
                            QgsPointXY(candidate.target_lon, candidate.target_lat),
                            QgsPointXY(picture.lon, picture.lat),
                        ]
                    )
                )
            features.append(feature)
        sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
        seen = len({row["feature_id"] for row in rows})
        feedback.pushInfo(
            self.tr("{seen} of {total} features are seen by pictures ({rows} rows).").format(
                seen=seen, total=len(targets), rows=len(rows)
            )
        )
        feedback.setProgress(100)
        outputs = {OUTPUT: dest_id, "PICTURES": len(rows), "FEATURES_WITH_PICTURES": seen}
        if folder is not None:
            outputs[JPEG_FOLDER] = folder
        return outputs

    def _rows(self, targets, results, count, feedback) -> tuple:
        rows, failures = [], 0
        for target in targets:
            found = results.get(target.feature_id)
            if isinstance(found, Exception):
                failures += 1
                feedback.reportError(
                    self.tr("Feature {label}: {error}").format(label=target.label, error=found),
                    False,
                )
                continue
            if found is None:
                continue
            if getattr(found, "capped", False):
                feedback.pushInfo(
                    self.tr(
                        "Feature {label}: the instance's answer was full, farther pictures "
                        "may be missing (lower the distance)."
                    ).format(label=target.label)
                )
            for rank, candidate in enumerate(found[:count], start=1):
                picture = candidate.picture
                seen = target_sight(picture, LookTarget(candidate.target_lon, candidate.target_lat))
                camera = camera_toward(picture.heading, seen, VIEW_HFOV)
                values = [
                    target.feature_id,
                    rank,
                    picture.id,
                    picture.sequence_id,
                    picture.kind,
                    round(seen.distance_m, 3),
                    round(seen.azimuth, 3),
                    round(camera.yaw, 3),
                    round(camera.pitch, 3),
                    to_qdatetime(picture.captured_at),
                    candidate.score,
                    round(quality_score(picture), 6),
                    viewer_picture_url(  # opens turned toward the feature
                        picture.home_url or picture.instance_url,
                        picture.id,
                        heading=seen.azimuth,
                        pitch=seen.elevation,
                    )
                    if (picture.home_url or picture.instance_url)
                    else None,
                    picture.asset_url("thumb"),
                    None,
                ]
                rows.append(
                    {
                        "feature_id": target.feature_id,
                        "rank": rank,
                        "values": values,
                        "picture": picture,
                        "candidate": candidate,
                        "camera": camera,
                    }
                )
        return rows, failures

    # ------------------------------------------------------------------ JPEGs
    def _write_jpegs(self, client, rows, folder, instance, feedback) -> dict:
        """``{feature id: final path}``; all files or none (cancel, error: none left)."""
        best = [row for row in rows if row["rank"] == 1]
        staging = tempfile.mkdtemp(prefix=".panoramax-partial-", dir=folder)
        written = {}
        try:
            for done, row in enumerate(best):
                self.check_canceled(feedback)
                picture = row["picture"]
                name = f"feature_{row['feature_id']}.jpg"
                try:
                    image = self._view(client, picture, row["camera"], instance)
                except (PanoramaxError, ValueError) as error:
                    feedback.reportError(
                        self.tr("Picture {id}: no JPEG ({error})").format(
                            id=picture.id, error=error
                        ),
                        False,
                    )
                    continue
                path = os.path.join(staging, name)
                if not image.save(path, "JPEG", JPEG_QUALITY):
                    raise QgsProcessingException(
                        self.tr("The JPEG {path} could not be written.").format(path=path)
                    )
                written[row["feature_id"]] = name
                feedback.setProgress(70.0 + 30.0 * (done + 1) / max(1, len(best)))
            self.check_canceled(feedback)
            final = {}
            for feature_id, name in written.items():
                target = os.path.join(folder, name)
                os.replace(os.path.join(staging, name), target)
                final[feature_id] = target
            feedback.pushInfo(
                self.tr("{count} JPEGs written to {folder}").format(count=len(final), folder=folder)
            )
            return final
        except OSError as error:
            raise QgsProcessingException(
                self.tr("The folder {folder} cannot be written: {error}").format(
                    folder=folder, error=error.strerror or str(error)
                )
            ) from error
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @staticmethod
    def _view(client, picture, camera: Camera, instance):
        """The picture turned toward the feature, its caption burnt in (a ``QImage``)."""
        from ..viewer.capture import burn_caption, render_pano
        from ..viewer.image_loader import decode_image

        data = client.download_asset(picture, JPEG_ASSET)
        if picture.is_360:
            image = render_pano(camera, VIEW_SIZE, data=data)
        else:
            image = decode_image(data, picture=picture)
        lines = caption_lines(picture, instance.title, instance.api_url)
        image = burn_caption(image, lines)
        image.setText("Description", "\n".join(lines))
        return image
