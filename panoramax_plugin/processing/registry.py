"""The algorithms the provider offers, in the toolbox's order."""

from __future__ import annotations


def algorithm_classes() -> list:
    """Every algorithm class, imported here so that the provider stays small."""
    from .best_pictures import BestPicturesAlgorithm
    from .coverage_along_lines import CoverageAlongLinesAlgorithm
    from .download_pictures import DownloadPicturesAlgorithm
    from .search_pictures import SearchPicturesAlgorithm
    from .search_tagged import SearchTaggedPicturesAlgorithm
    from .sequences_of_area import SequencesOfAreaAlgorithm
    from .upload_folder import UploadFolderAlgorithm

    return [
        SearchPicturesAlgorithm,
        SearchTaggedPicturesAlgorithm,
        SequencesOfAreaAlgorithm,
        BestPicturesAlgorithm,
        DownloadPicturesAlgorithm,
        UploadFolderAlgorithm,
        CoverageAlongLinesAlgorithm,
    ]
