"""One upload dialog at a time, for the current instance, kept alive while it uploads."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


class UploadLauncher:
    """Opens the upload dialog for an instance and closes it cleanly on unload.

    A dialog for another instance is replaced, unless it is still uploading (its
    task must finish or be canceled by the user first).
    """

    def __init__(self, logger, parent_window, on_sequences=None, on_account=None):
        self.logger = logger
        self.parent_window = parent_window
        self.on_sequences = on_sequences  # (api_url, sequence ids, report layer) -> None
        self.on_account = on_account  # (api_url, account name) -> None
        self.dialog = None

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("UploadLauncher", text)

    def open(self, state):
        """The dialog for ``state`` (a ``current_instance.InstanceState``), shown; or None."""
        if state.read_only:
            self.logger.warning(
                self.tr(
                    "This catalog only gathers other instances: choose the instance you "
                    "upload to (e.g. IGN or OpenStreetMap France) in the Panoramax panel."
                )
            )
            return None
        from ..settings import PluginSettings
        from .dialog import UploadDialog

        api_url = state.api_url
        if self.dialog is not None and self.dialog.api_url != api_url.rstrip("/"):
            if self.dialog.task is None:
                self.dialog.deleteLater()
                self.dialog = None
        if self.dialog is None:
            self.dialog = UploadDialog(
                api_url,
                self.logger,
                PluginSettings.load(),
                self.parent_window,
                on_sequences=self.on_sequences,
            )
            if self.on_account is not None:
                self.dialog.account_changed.connect(self.on_account)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def close(self) -> None:
        """Stop waiting for a sign-in, cancel an upload (its state is kept: the next run
        resumes) and delete the dialog."""
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.cancel_sign_in()
        if dialog.task is not None:
            dialog.task.cancel()
        dialog.close()
        dialog.deleteLater()
