"""Words for the report kinds and statuses the API sends as codes."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def issue_labels() -> dict:
    """Report issue code -> label in the user's language (order of ``REPORT_ISSUES``)."""
    return {
        "blur_missing": QCoreApplication.translate(
            "ReportLabels", "A face or plate is not blurred"
        ),
        "blur_excess": QCoreApplication.translate("ReportLabels", "Too much is blurred"),
        "inappropriate": QCoreApplication.translate("ReportLabels", "Inappropriate content"),
        "privacy": QCoreApplication.translate("ReportLabels", "Privacy (private place, person)"),
        "picture_low_quality": QCoreApplication.translate(
            "ReportLabels", "Poor quality (dark, blurry, covered)"
        ),
        "mislocated": QCoreApplication.translate("ReportLabels", "Wrong position or heading"),
        "copyright": QCoreApplication.translate("ReportLabels", "Copyright infringement"),
        "other": QCoreApplication.translate("ReportLabels", "Another problem"),
    }


def status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("ReportLabels", "Open"),
        "open_autofix": QCoreApplication.translate("ReportLabels", "Open (automatic fix pending)"),
        "waiting": QCoreApplication.translate("ReportLabels", "Waiting"),
        "closed_solved": QCoreApplication.translate("ReportLabels", "Closed: solved"),
        "closed_ignored": QCoreApplication.translate("ReportLabels", "Closed: ignored"),
    }
    return labels.get(status, status)


def issue_label(issue: str) -> str:
    return issue_labels().get(issue, issue)
