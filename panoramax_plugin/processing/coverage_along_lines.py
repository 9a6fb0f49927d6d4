"""*Coverage along lines*: the parts of a line layer (a road network) farther than X m
from any picture, or covered only by pictures older than a date, with lengths per feature.

Lines are measured in a transverse Mercator plane on the WGS84 ellipsoid centred near
them (one per quarter degree of longitude: scale error below 1e-5 within it), where
``core.line_coverage`` computes the covered stretches exactly. Nearby lines are grouped
and each group's area is searched once (``core.area_search``, which splits an area
holding more than the server's 10,000 cap), so a road network costs a handful of
requests, not one per road. The output is written only once everything is computed: a
canceled run leaves no output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)

from ..background.qthreads import QThreadExecutor
from ..compat import field_type
from ..core.area_search import SearchFilters, search_area
from ..core.client import PanoramaxClient
from ..core.errors import PanoramaxError
from ..core.i18n import QT_TRANSLATE_NOOP
from ..core.line_coverage import (
    PIECE_MAX_M,
    PointGrid,
    cut_polyline,
    expand_box,
    group_boxes,
    line_coverage,
    union_box,
)
from ..network.session import qgis_http_client
from .base import PanoramaxAlgorithm
from .qgis_kinds import date_only, number_type, source_type, wkb_type

INPUT = "INPUT"
DISTANCE = "DISTANCE"
OLDER_THAN = "OLDER_THAN"
OUTPUT = "OUTPUT"
REQUESTS = "REQUESTS"
TOTAL_LENGTH = "TOTAL_LENGTH"
UNCOVERED_LENGTH = "UNCOVERED_LENGTH"

FRAME_STEP_DEGREES = 0.25
SEARCHES_AT_ONCE = 2
SEARCH_CEILING = 1_000_000  # pictures per group: far above any street's worth
WGS84 = "EPSG:4326"


def frame_crs(lon0: float) -> QgsCoordinateReferenceSystem:
    """A metric plane true to scale along the meridian ``lon0`` (WGS84 ellipsoid)."""
    return QgsCoordinateReferenceSystem.fromProj(
        f"+proj=tmerc +lat_0=0 +lon_0={lon0:.4f} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 "
        "+towgs84=0,0,0 +units=m +no_defs"
    )


@dataclass
class Piece:
    feature: int  # index into the features read
    frame: float  # lon0 of its plane
    points: list  # planar (x, y)
    box: tuple  # WGS84 search box (grown by the distance)


@dataclass
class FeatureResult:
    length: float = 0.0
    covered: float = 0.0
    parts: list = field(default_factory=list)  # lists of QgsPointXY in the layer's CRS


class CoverageAlongLinesAlgorithm(PanoramaxAlgorithm):
    NAME = "coveragealonglines"
    DISPLAY = QT_TRANSLATE_NOOP("CoverageAlongLinesAlgorithm", "Coverage along lines")
    HELP = QT_TRANSLATE_NOOP(
        "CoverageAlongLinesAlgorithm",
        (
            "The parts of lines (e.g. a road network) farther than a distance from any "
            "Panoramax picture, or covered only by pictures taken before a date: where to "
            "drive next. Each output feature is an input feature with its uncovered parts as "
            "geometry (empty when fully covered) and its lengths in metres: total_m, "
            "covered_m, uncovered_m and uncovered_share (0-1). Nearby lines are searched "
            "together: the log tells how many search requests were made."
        ),
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                INPUT, self.tr("Line layer"), [source_type("VectorLine")]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                DISTANCE,
                self.tr("Distance to the nearest picture (metres)"),
                number_type("Double"),
                defaultValue=20.0,
                minValue=0.1,
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                OLDER_THAN,
                self.tr("Pictures taken before this date do not count"),
                date_only(),
                optional=True,
            )
        )
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, self.tr("Uncovered parts"), source_type("VectorLine")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(REQUESTS, self.tr("Search requests made")))
        self.addOutput(QgsProcessingOutputNumber(TOTAL_LENGTH, self.tr("Total length (m)")))
        self.addOutput(QgsProcessingOutputNumber(UNCOVERED_LENGTH, self.tr("Uncovered length (m)")))

    # --- parameters ---------------------------------------------------------------------
    def _older_than(self, parameters, context):
        if parameters.get(OLDER_THAN) in (None, ""):
            return None
        value = self.parameterAsDateTime(parameters, OLDER_THAN, context)
        if value is None or not value.isValid():
            raise QgsProcessingException(self.tr("The date is not valid."))
        date = value.date()
        return datetime(date.year(), date.month(), date.day(), tzinfo=timezone.utc)

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        crs = source.sourceCrs()
        if not crs.isValid():
            raise QgsProcessingException(
                self.tr("The line layer has no coordinate reference system: set one first.")
            )
        if source.featureCount() == 0:
            raise QgsProcessingException(self.tr("The line layer has no features."))
        distance = self.parameterAsDouble(parameters, DISTANCE, context)
        if not distance > 0:
            raise QgsProcessingException(self.tr("The distance must be more than 0 m."))
        older_than = self._older_than(parameters, context)
        client = self.client(parameters, context)
        try:
            client.discover()
        except PanoramaxError as error:
            raise QgsProcessingException(
                self.tr("The Panoramax instance cannot be used: {error}").format(error=error)
            ) from error

        features, pieces, frames = self._read(source, crs, distance, context, feedback)
        feedback.setProgress(10)
        groups = group_boxes([piece.box for piece in pieces])
        results = [FeatureResult() for _ in features]
        requests, incomplete = 0, 0
        # two searches under way at once (one while the previous group is measured): the
        # server answers a big search in seconds; each thread has its own client
        instance, timeout = client.instance, client.http.timeout
        executor = QThreadExecutor(SEARCHES_AT_ONCE)

        def search(members):
            own = PanoramaxClient(client.api_url, qgis_http_client(timeout), instance=instance)
            box = union_box(pieces[i].box for i in members)
            return self._pictures(own, box, older_than, feedback)

        try:
            futures = {}
            for number, members in enumerate(groups):
                for ahead in range(number, min(len(groups), number + SEARCHES_AT_ONCE)):
                    if ahead not in futures:
                        futures[ahead] = executor.submit(search, groups[ahead])
                self.check_canceled(feedback)
                positions, outcome = futures.pop(number).result()
                requests += outcome.requests
                if outcome.canceled:
                    self.check_canceled(feedback)
                if not outcome.complete:
                    incomplete += 1
                group_pieces = [pieces[i] for i in members]
                self._cover(group_pieces, positions, frames, crs, distance, context, results)
                feedback.setProgress(10 + 85 * (number + 1) / max(1, len(groups)))
        finally:
            for future in futures.values():
                future.cancel()
            executor.shutdown(wait=True)
        self.check_canceled(feedback)
        if incomplete:
            feedback.reportError(
                self.tr(
                    "{count} areas could not be searched completely: some covered parts may "
                    "be reported as uncovered."
                ).format(count=incomplete)
            )
        feedback.pushInfo(
            self.tr(
                "{requests} search requests for {features} features ({pieces} pieces in "
                "{groups} groups)."
            ).format(
                requests=requests, features=len(features), pieces=len(pieces), groups=len(groups)
            )
        )
        dest_id, totals = self._write(parameters, context, source, crs, features, results)
        return {
            OUTPUT: dest_id,
            REQUESTS: requests,
            TOTAL_LENGTH: totals[0],
            UNCOVERED_LENGTH: totals[1],
        }

    # --- steps ----------------------------------------------------------------------------
    def _read(self, source, crs, distance, context, feedback):
        """The features, their pieces in metric planes, and those planes' transforms."""
        wgs = QgsCoordinateReferenceSystem(WGS84)
        to_wgs = QgsCoordinateTransform(crs, wgs, context.transformContext())
        frames: dict = {}
        transforms: dict = {}
        features, pieces = [], []
        for feature in source.getFeatures():
            self.check_canceled(feedback)
            index = len(features)
            features.append(feature)
            geometry = QgsGeometry(feature.geometry())
            if geometry.isNull() or geometry.isEmpty():
                continue
            if QgsWkbTypes.isCurvedType(geometry.wkbType()):
                geometry.convertToStraightSegment()
            parts = geometry.asMultiPolyline() if geometry.isMultipart() else []
            if not geometry.isMultipart():
                parts = [geometry.asPolyline()]
            for part in parts:
                if len(part) < 2:
                    continue
                try:
                    lon = to_wgs.transform(part[len(part) // 2]).x()
                    frame = round(lon / FRAME_STEP_DEGREES) * FRAME_STEP_DEGREES
                    if frame not in frames:
                        plane = frame_crs(frame)
                        frames[frame] = plane
                        transforms[frame] = (
                            QgsCoordinateTransform(crs, plane, context.transformContext()),
                            QgsCoordinateTransform(plane, wgs, context.transformContext()),
                        )
                    to_plane, from_plane = transforms[frame]
                    planar = [to_plane.transform(p) for p in part]
                    planar = [(p.x(), p.y()) for p in planar]
                    for points in cut_polyline(planar, PIECE_MAX_M):
                        xs, ys = [p[0] for p in points], [p[1] for p in points]
                        box = from_plane.transformBoundingBox(
                            QgsRectangle(
                                min(xs) - distance,
                                min(ys) - distance,
                                max(xs) + distance,
                                max(ys) + distance,
                            )
                        )
                        search_box = expand_box(
                            (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()), 1.0
                        )
                        pieces.append(Piece(index, frame, points, search_box))
                except QgsCsException as error:
                    raise QgsProcessingException(
                        self.tr("Feature {id} cannot be placed on the Earth: {error}").format(
                            id=feature.id(), error=error
                        )
                    ) from error
        if not pieces:
            raise QgsProcessingException(self.tr("The line layer has no lines to measure."))
        return features, pieces, frames

    def _pictures(self, client, bbox, older_than, feedback):
        """(lon, lat) of the pictures that count in ``bbox``, and the search outcome."""
        positions = []

        def keep(pictures):
            for picture in pictures:
                if older_than is not None and (
                    picture.captured_at is None or picture.captured_at < older_than
                ):
                    continue
                positions.append((picture.lon, picture.lat))

        try:
            outcome = search_area(
                client,
                bbox,
                SearchFilters(start=older_than),
                ceiling=SEARCH_CEILING,
                on_batch=keep,
                is_canceled=feedback.isCanceled,
            )
        except PanoramaxError as error:
            raise QgsProcessingException(
                self.tr("The picture search failed: {error}").format(error=error)
            ) from error
        return positions, outcome

    def _cover(self, pieces, positions, frames, crs, distance, context, results):
        wgs = QgsCoordinateReferenceSystem(WGS84)
        grids, back = {}, {}
        for frame in {piece.frame for piece in pieces}:
            to_plane = QgsCoordinateTransform(wgs, frames[frame], context.transformContext())
            planar = []
            for lon, lat in positions:
                point = to_plane.transform(QgsPointXY(lon, lat))
                planar.append((point.x(), point.y()))
            grids[frame] = PointGrid(planar, distance)
            back[frame] = QgsCoordinateTransform(frames[frame], crs, context.transformContext())
        for piece in pieces:
            coverage = line_coverage(piece.points, grids[piece.frame], distance)
            result = results[piece.feature]
            result.length += coverage.length
            result.covered += coverage.covered
            for part in coverage.uncovered_parts:
                result.parts.append(
                    [back[piece.frame].transform(QgsPointXY(x, y)) for x, y in part]
                )

    def _write(self, parameters, context, source, crs, features, results):
        extra = QgsFields()
        for name in ("total_m", "covered_m", "uncovered_m", "uncovered_share"):
            extra.append(QgsField(name, field_type("double")))
        fields = QgsProcessingUtils.combineFields(source.fields(), extra)
        sink, dest_id = self.output_sink(
            parameters, context, fields, wkb_type("MultiLineString"), crs
        )
        total = uncovered_total = 0.0
        for feature, result in zip(features, results):
            uncovered = max(0.0, result.length - result.covered)
            total += result.length
            uncovered_total += uncovered
            out = QgsFeature(fields)
            share = uncovered / result.length if result.length > 0 else None
            out.setAttributes(
                list(feature.attributes()) + [result.length, result.covered, uncovered, share]
            )
            if result.parts:
                geometry = QgsGeometry.fromMultiPolylineXY(result.parts).mergeLines()
                geometry.convertToMultiType()
                out.setGeometry(geometry)
            if not sink.addFeature(out, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, OUTPUT))
        return dest_id, (total, uncovered_total)
