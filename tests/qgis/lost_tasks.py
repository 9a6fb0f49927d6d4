"""Stand-in for QGIS 3.22's lost queued task: a task manager that drops chosen tasks."""

from __future__ import annotations

from qgis.core import QgsApplication


class DroppingTaskManager:
    """``QgsApplication`` as a module sees it, whose task manager never starts the first
    task ``drop(task)`` picks: that task stays "queued", as one QGIS lost would."""

    def __init__(self, drop):
        self.drop = drop
        self.dropped = []

    def taskManager(self):
        return self

    def addTask(self, task):
        if not self.dropped and self.drop(task):
            self.dropped.append(task)
            return 0
        return QgsApplication.taskManager().addTask(task)

    def __getattr__(self, name):
        return getattr(QgsApplication, name)
