"""The algorithms the provider offers: one line per algorithm class."""

from __future__ import annotations


def algorithm_classes() -> list:
    """Every algorithm class, imported here so that the provider stays small."""
    classes = []
    from .coverage_along_lines import CoverageAlongLinesAlgorithm

    classes.append(CoverageAlongLinesAlgorithm)
    from .download_pictures import DownloadPicturesAlgorithm

    classes.append(DownloadPicturesAlgorithm)
    from .upload_folder import UploadFolderAlgorithm

    classes.append(UploadFolderAlgorithm)
    return classes
