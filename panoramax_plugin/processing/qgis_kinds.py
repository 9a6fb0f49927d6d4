"""Processing and geometry enums by name, on QGIS 3.22 … 4.x (``Qgis.*`` from 3.30/3.36,
the old class-scoped enums before)."""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)


def wkb_type(name: str):
    """``Point``, ``MultiLineString``, …"""
    enum = getattr(Qgis, "WkbType", None) or QgsWkbTypes.Type
    return getattr(enum, name)


def source_type(name: str):
    """``VectorLine``, ``VectorPoint``, ``VectorAnyGeometry``, ``Vector``."""
    enum = getattr(Qgis, "ProcessingSourceType", None)
    if enum is not None:
        return getattr(enum, name)
    return getattr(QgsProcessing.SourceType, "Type" + name)


def folder_behavior():
    enum = getattr(Qgis, "ProcessingFileParameterBehavior", None)
    return enum.Folder if enum is not None else QgsProcessingParameterFile.Behavior.Folder


def number_type(name: str):
    """``Integer`` or ``Double``."""
    enum = getattr(Qgis, "ProcessingNumberParameterType", None)
    return getattr(enum if enum is not None else QgsProcessingParameterNumber.Type, name)


def date_only():
    enum = getattr(Qgis, "ProcessingDateTimeParameterDataType", None)
    return enum.Date if enum is not None else QgsProcessingParameterDateTime.Type.Date
