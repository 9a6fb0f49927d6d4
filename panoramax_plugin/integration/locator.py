"""The locator bar (Ctrl+K): type or paste a picture id, a sequence id or a Panoramax link
of any instance, then open it in the viewer and bring the map to it.

``fetchResults`` runs on a clone of the filter in a QGIS worker thread: it only reads the
text (:func:`..core.instances.parse_panoramax_text`), never the network nor a widget.
``triggerResult`` runs on the main thread and hands the ids to the viewer, whose own
background jobs read the item.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from qgis.core import QgsLocatorFilter, QgsLocatorResult

from ..core.instances import is_bare_id, parse_panoramax_text

PREFIX = "pnx"
_SEP = "\x1f"  # between the parts of a result's user data (a plain string crosses threads)
PICTURE, SEQUENCE = "picture", "sequence"


def result_data(result) -> str:
    """A result's user data: an attribute on QGIS 3.22, a property later (3.34+)."""
    data = result.userData
    if callable(data):
        data = data()
    return str(data or "")


def encode(kind: str, api_url, picture_id, sequence_id) -> str:
    return _SEP.join((kind, api_url or "", picture_id or "", sequence_id or ""))


def decode(data: str):
    """(kind, api url | None, picture id | None, sequence id | None), or None."""
    parts = data.split(_SEP)
    if len(parts) != 4 or parts[0] not in (PICTURE, SEQUENCE):
        return None
    kind, api_url, picture_id, sequence_id = parts
    return kind, api_url or None, picture_id or None, sequence_id or None


def _host(api_url: str | None) -> str:
    return urlsplit(api_url).netloc if api_url else ""


class PanoramaxLocatorFilter(QgsLocatorFilter):
    """Results for ids and links; ``opener`` (a :class:`.opener.PictureOpener`) opens them."""

    def __init__(self, opener, parent=None):
        super().__init__(parent)
        self.opener = opener
        self.setUseWithoutPrefix(True)  # a pasted link or id is found without "pnx "

    def clone(self):
        return PanoramaxLocatorFilter(self.opener)

    def name(self) -> str:
        return "panoramax"

    def displayName(self) -> str:
        return self.tr("Panoramax pictures")

    def description(self) -> str:
        return self.tr("Open a Panoramax picture or sequence from its id or a Panoramax link")

    def prefix(self) -> str:
        return PREFIX

    def priority(self):
        return QgsLocatorFilter.Priority.High

    def fetchResults(self, string, context, feedback):
        try:
            for result in self.results_for(string):
                if feedback is not None and feedback.isCanceled():
                    return
                self.resultFetched.emit(result)
        except Exception:  # a worker thread of QGIS: nothing may escape
            return

    def results_for(self, text: str) -> list:
        """The results for ``text`` (pure: no network, no widget)."""
        ref = parse_panoramax_text(text)
        if ref is None:
            return []
        host = _host(ref.api_url)
        results = []
        if ref.picture_id:
            if host:
                label = self.tr("Open picture {id} (on {instance})")
            else:
                label = self.tr("Open picture {id}")
            label = label.format(id=ref.picture_id, instance=host)
            data = encode(PICTURE, ref.api_url, ref.picture_id, ref.sequence_id)
            results.append(self._result(label, data, 1.0))
        sequence_id = ref.sequence_id if not ref.picture_id else None
        if is_bare_id(text):  # one UUID: a picture's or a sequence's
            sequence_id = ref.picture_id
        if sequence_id:
            if host:
                label = self.tr("Open sequence {id} (on {instance})")
            else:
                label = self.tr("Open sequence {id}")
            label = label.format(id=sequence_id, instance=host)
            data = encode(SEQUENCE, ref.api_url, None, sequence_id)
            results.append(self._result(label, data, 0.9))
        return results

    def _result(self, label: str, data: str, score: float) -> QgsLocatorResult:
        result = QgsLocatorResult(self, label, data)
        result.score = score
        result.group = self.tr("Panoramax")
        return result

    def triggerResult(self, result):
        try:
            decoded = decode(result_data(result))
            if decoded is None:
                return
            kind, api_url, picture_id, sequence_id = decoded
            if kind == PICTURE:
                self.opener.open_picture(picture_id, sequence_id, api_url)
            else:
                self.opener.open_sequence(sequence_id, api_url)
        except Exception as error:  # a slot of QGIS's: an escaping exception aborts 3.22
            self.logMessage(repr(error))
