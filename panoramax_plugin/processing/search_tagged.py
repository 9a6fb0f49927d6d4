"""*Search tagged pictures*: the pictures of an area whose tags (or annotations' tags)
match any tag, a key or a key with values, as a point layer with the tags as attributes
(one feature per picture, or one per matching annotation), as the panel's "Tagged
pictures" box makes it (``core.tagged``).

The search is browse's (``core.area_search``: full answers split, a ceiling), with the
CQL2 filter of ``semantics.tag_filter``; the output is written once the search is over.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..core.i18n import QT_TRANSLATE_NOOP
from ..core.tagged import (
    ANNOTATION_COLUMNS,
    PICTURE_COLUMNS,
    KeyColumns,
    TagQuery,
    rows_for,
    tagged_picture_from_feature,
)
from ..layers.tagged import row_features, row_fields
from . import area_support as area
from .base import PanoramaxAlgorithm
from .qgis_kinds import wkb_type

MODE = "MODE"
KEY = "KEY"
VALUES = "VALUES"
VARIANT = "VARIANT"
MODES = ("any", "key", "value")
WRITE_BATCH = 1000


class SearchTaggedPicturesAlgorithm(PanoramaxAlgorithm):
    NAME = "searchtaggedpictures"
    DISPLAY = QT_TRANSLATE_NOOP("SearchTaggedPicturesAlgorithm", "Search tagged pictures")
    HELP = QT_TRANSLATE_NOOP(
        "SearchTaggedPicturesAlgorithm",
        (
            "Searches the Panoramax pictures of an area whose tags match: any tag, a key "
            "(e.g. osm|traffic_sign), or a key with one of some values (separated by |, e.g. "
            "FR:B14 | FR:AB4). The instance also matches a picture whose annotations carry "
            "the tag: the field matched_in says where it matched.\n\n"
            "One point per picture, or one per matching annotation (at the picture's "
            "position, with its box in pixels, whether a detection model wrote it and its "
            "confidence). Every tag is in the tags and tags_json fields; the first 30 keys "
            "also get a field of their own (tag:<key>). A first, unverified layer of where "
            "things were seen.\n\n"
            "The instance returns at most 10,000 pictures per search: a full answer is split "
            "into smaller areas, as the panel's browse does. The log says whether the result "
            "is complete (output COMPLETE).\n\n"
            "INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API."
        ),
    )

    def initAlgorithm(self, config=None):
        area.add_area_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                MODE,
                self.tr("Pictures with"),
                options=[self.tr("Any tag"), self.tr("The key"), self.tr("The key equal to")],
                defaultValue=1,
            )
        )
        self.addParameter(QgsProcessingParameterString(KEY, self.tr("Key"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(VALUES, self.tr("Values (separated by |)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                VARIANT,
                self.tr("One point per"),
                options=[self.tr("Picture"), self.tr("Annotation")],
                defaultValue=0,
            )
        )
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterFeatureSink(area.OUTPUT, self.tr("Tagged pictures"))
        )
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Features written")))
        self.addOutput(
            QgsProcessingOutputBoolean("COMPLETE", self.tr("Every picture of the area is there"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        bbox = area.area_bbox(self, parameters, context)
        start, end = area.date_range(self, parameters, context)
        annotations = self.parameterAsEnum(parameters, VARIANT, context) == 1
        try:
            query = TagQuery.from_text(
                MODES[self.parameterAsEnum(parameters, MODE, context)],
                self.parameterAsString(parameters, KEY, context) or "",
                self.parameterAsString(parameters, VALUES, context) or "",
            )
            cql = query.cql()
        except ValueError as error:  # refused before sending, saying why
            raise QgsProcessingException(str(error)) from error
        filters = area.search_filters(start, end, None, (), cql)
        make_client = area.client_factory(self, parameters, context)
        feedback.pushInfo(
            self.tr("Searching {url} for {query} in {bbox}").format(
                url=make_client().api_url,
                query=query.label,
                bbox=", ".join(f"{v:.6f}" for v in bbox),
            )
        )
        run = area.AreaRun(make_client, bbox, filters, feedback).run(
            with_sequences=False, parse=tagged_picture_from_feature
        )
        run.report()
        rows = rows_for(run.pictures, query, annotations)
        keys = KeyColumns()
        keys.admit(key for row in rows for key in row.grouped)
        if keys.overflow:
            feedback.pushInfo(
                self.tr(
                    "{count} more tag keys have no field of their own: they are in the tags "
                    "and tags_json fields."
                ).format(count=len(keys.overflow))
            )
        columns = ANNOTATION_COLUMNS if annotations else PICTURE_COLUMNS
        fields = row_fields(columns, keys)
        date_index = [name for name, _ in columns].index("captured_at")
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type("Point"))
        for first in range(0, len(rows), WRITE_BATCH):
            features = row_features(rows[first : first + WRITE_BATCH], fields, keys, date_index)
            sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(100)
        return {
            area.OUTPUT: dest_id,
            "COUNT": len(rows),
            "COMPLETE": bool(run.outcome.complete),
        }
