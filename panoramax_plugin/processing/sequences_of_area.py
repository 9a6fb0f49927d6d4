"""*Sequences of an area*: the sequences crossing an area (extent or layer), as a line layer
with the browse sequences layer's fields.

The sequence listing is paged to its end (no cap); the lines come from the pictures the
area search finds (the collections listing carries no geometry), in capture order, so a
line is the part of its sequence inside the area. A sequence the listing names but none
of whose pictures lies in the area (or in the dates) is left out, and the log says how
many. Written only once everything is in, so a canceled run leaves no file behind.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)

from ..core.i18n import QT_TRANSLATE_NOOP
from ..core.sequence_index import SequenceIndex
from ..layers.sequences import sequence_attributes, sequence_fields, sequence_geometry
from . import area_support as area
from .base import PanoramaxAlgorithm
from .qgis_kinds import wkb_type


class SequencesOfAreaAlgorithm(PanoramaxAlgorithm):
    NAME = "sequencesofarea"
    DISPLAY = QT_TRANSLATE_NOOP("SequencesOfAreaAlgorithm", "Sequences of an area")
    HELP = QT_TRANSLATE_NOOP(
        "SequencesOfAreaAlgorithm",
        (
            "Lists the Panoramax sequences of an area (an extent in any CRS, or the extent of "
            "a layer) and writes them as a line layer with the same fields as the browse "
            "sequences layer: title, first and last capture, picture count, length, type, "
            "producer, camera.\n\n"
            "Every page of the instance's sequence listing is read. Each line joins, in "
            "capture order, the pictures of the sequence found in the area (and in the dates, "
            "when given); loaded_pictures counts them, picture_count counts the whole "
            "sequence.\n\n"
            "INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API."
        ),
    )

    def initAlgorithm(self, config=None):
        area.add_area_parameters(self)
        self.add_instance_parameter()
        self.addParameter(
            QgsProcessingParameterFeatureSink(area.OUTPUT, self.tr("Panoramax sequences"))
        )
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Sequences found")))
        self.addOutput(
            QgsProcessingOutputBoolean("COMPLETE", self.tr("Every picture of the area was found"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        bbox = area.area_bbox(self, parameters, context)
        start, end = area.date_range(self, parameters, context)
        filters = area.search_filters(start, end)
        make_client = area.client_factory(self, parameters, context)
        run = area.AreaRun(make_client, bbox, filters, feedback).run(max_sequences=None)
        run.report()
        if run.sequences_error:
            raise QgsProcessingException(
                self.tr("The sequences of the area could not be listed: {error}").format(
                    error=run.sequences_error
                )
            )
        index = SequenceIndex()
        index.add(run.pictures)
        listed = run.sequences
        kept = [sid for sid in listed if sid in index]
        unlisted = sorted(
            sid
            for sid in {p.sequence_id for p in run.pictures if p.sequence_id}
            if sid not in listed
        )
        kept += unlisted  # pictures of a sequence the listing missed: still a line
        left_out = len(listed) - len([sid for sid in listed if sid in index])
        if left_out:
            feedback.pushInfo(
                self.tr(
                    "{count} listed sequences have no picture in the area (or the dates): left out."
                ).format(count=left_out)
            )
        fields = sequence_fields()
        sink, dest_id = self.output_sink(parameters, context, fields, wkb_type("LineString"))
        features = []
        for sequence_id in kept:
            ordered = index.ordered(sequence_id)
            feature = QgsFeature(fields)
            feature.setAttributes(
                sequence_attributes(sequence_id, index, listed.get(sequence_id), ordered)
            )
            feature.setGeometry(sequence_geometry(ordered))
            features.append(feature)
        sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{count} sequences written.").format(count=len(features)))
        feedback.setProgress(100)
        return {
            area.OUTPUT: dest_id,
            "COUNT": len(features),
            "COMPLETE": bool(run.outcome.complete),
        }
