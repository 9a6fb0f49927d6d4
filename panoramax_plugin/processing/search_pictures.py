"""*Search pictures*: the pictures of an area (extent or layer), filtered by date, type,
producer and tags, as a point layer with the browse pictures layer's fields.

The server's 10,000-picture cap is handled as browse does (``core.area_search``: full
answers split, a ceiling); the feedback says whether the result is complete. The output
is written only once the search is over, so a canceled run leaves no file behind.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..core.i18n import QT_TRANSLATE_NOOP
from ..layers.pictures import picture_features, picture_fields
from . import area_support as area
from .base import PanoramaxAlgorithm
from .qgis_kinds import wkb_type

TYPE = "TYPE"
PRODUCER = "PRODUCER"
TAG_FILTER = "TAG_FILTER"
KINDS = (None, "flat", "360")
WRITE_BATCH = 1000


class SearchPicturesAlgorithm(PanoramaxAlgorithm):
    NAME = "searchpictures"
    DISPLAY = QT_TRANSLATE_NOOP("SearchPicturesAlgorithm", "Search pictures")
    HELP = QT_TRANSLATE_NOOP(
        "SearchPicturesAlgorithm",
        (
            "Searches the Panoramax pictures of an area (an extent in any CRS, or the extent "
            "of a layer) and writes them as a point layer with the same fields as the browse "
            "pictures layer.\n\n"
            "Filters: capture dates (an end date at midnight counts the whole day), type "
            "(flat or 360°), producers (names separated by commas) and a CQL2 tag filter the "
            "instance applies, e.g. \"semantics.osm|traffic_sign\"='FR:B14' or "
            "semantics IS NOT NULL.\n\n"
            "The instance returns at most 10,000 pictures per search: a full answer is split "
            "into smaller areas, as the panel's browse does, up to 50,000 pictures. The log "
            "says whether the result is complete (output COMPLETE).\n\n"
            "INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API."
        ),
    )

    def initAlgorithm(self, config=None):
        area.add_area_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                TYPE,
                self.tr("Type of pictures"),
                options=[self.tr("Any"), self.tr("Flat"), self.tr("360°")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                PRODUCER, self.tr("Producers (names separated by commas)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                TAG_FILTER,
                self.tr("Tag filter (CQL2 text, applied by the instance)"),
                optional=True,
            )
        )
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterFeatureSink(area.OUTPUT, self.tr("Panoramax pictures"))
        )
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Pictures found")))
        self.addOutput(
            QgsProcessingOutputBoolean("COMPLETE", self.tr("Every picture of the area is there"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        bbox = area.area_bbox(self, parameters, context)
        start, end = area.date_range(self, parameters, context)
        kind = KINDS[self.parameterAsEnum(parameters, TYPE, context)]
        producer_text = self.parameterAsString(parameters, PRODUCER, context) or ""
        producers = [p.strip() for p in producer_text.split(",") if p.strip()]
        cql = self.parameterAsString(parameters, TAG_FILTER, context)
        filters = area.search_filters(start, end, kind, producers, cql)
        make_client = area.client_factory(self, parameters, context)
        feedback.pushInfo(
            self.tr("Searching {url} in {bbox}").format(
                url=make_client().api_url, bbox=", ".join(f"{v:.6f}" for v in bbox)
            )
        )
        run = area.AreaRun(make_client, bbox, filters, feedback).run()
        run.report()
        # written only now: a canceled or failed search leaves no output behind
        fields = picture_fields()
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type("Point"))
        feedback.setProgressText(
            self.tr("Writing {count} pictures").format(count=len(run.pictures))
        )
        pictures = run.pictures
        for first in range(0, len(pictures), WRITE_BATCH):
            features = picture_features(pictures[first : first + WRITE_BATCH], fields)
            sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(100)
        return {
            area.OUTPUT: dest_id,
            "COUNT": len(run.pictures),
            "COMPLETE": bool(run.outcome.complete),
        }
