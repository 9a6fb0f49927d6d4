"""The algorithms the provider offers: one line per algorithm class."""

from __future__ import annotations


def algorithm_classes() -> list:
    """Every algorithm class, imported here so that the provider stays small."""
    classes = []
    from .search_pictures import SearchPicturesAlgorithm

    classes.append(SearchPicturesAlgorithm)
    from .sequences_of_area import SequencesOfAreaAlgorithm

    classes.append(SequencesOfAreaAlgorithm)
    from .best_pictures import BestPicturesAlgorithm

    classes.append(BestPicturesAlgorithm)
    return classes
