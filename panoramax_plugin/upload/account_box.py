"""The upload dialog's "Account" box: sign in, use a token, sign out.

The token lives in the QGIS authentication database (``token_store.py``), never in
the settings; this box loads it, checks new ones with the instance and drops one
the instance refused.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton

from ..background.core_task import CoreTask, start_task
from ..core.errors import AuthenticationError
from .tasks import cancel_task, sign_in_generate_work, sign_in_wait_work, whoami_work
from .token_store import TokenStore, TokenStoreUnavailable


class AccountBox(QGroupBox):
    """Who uploads to ``api_url``: the signed-in account and its token."""

    # (api_url, account name; "" when signed out) whenever the signed-in account changes
    account_changed = pyqtSignal(str, str)
    # what the box has to tell the user (the dialog shows it in its status line)
    message = pyqtSignal(str)

    def __init__(self, api_url: str, logger, settings, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Account"))
        self.api_url = api_url.rstrip("/")
        self.logger = logger
        self.settings = settings
        self.tokens = TokenStore()
        self.token = ""
        self.account = ""
        self.auth_enabled = True  # False once the instance said it takes anonymous uploads
        self.pending_claim = None  # the claim link of a sign-in waiting for the browser
        self.sign_in_task: CoreTask | None = None
        self.open_url = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.instance_label = QLabel(self.api_url)
        self.instance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.account_label = QLabel()
        self.account_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sign_in_button = QPushButton(self.tr("Sign in…"))
        self.sign_in_button.setToolTip(
            self.tr("Opens the instance's login page in your browser; come back once accepted")
        )
        self.token_button = QPushButton(self.tr("Use a token…"))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        row = QHBoxLayout(self)
        for widget in (self.instance_label, self.account_label):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.sign_in_button, self.token_button, self.sign_out_button):
            row.addWidget(widget)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.token_button.clicked.connect(self._ask_token)
        self.sign_out_button.clicked.connect(self.sign_out)
        self._load_token()

    def _load_token(self) -> None:
        try:
            self.token, self.account = self.tokens.load(self.api_url)
        except TokenStoreUnavailable as exc:
            self.token, self.account = "", ""
            self.logger.warning(
                self.tr("The QGIS authentication database cannot be used ({error}).").format(
                    error=exc
                )
            )
        self._show_account()

    def _set_account(self, token: str, account: str) -> None:
        """The one place the signed-in account changes: shown, and announced if new."""
        changed = (token, account) != (self.token, self.account)
        self.token, self.account = token, account
        self._show_account()
        if changed:
            self.account_changed.emit(self.api_url, account if token else "")

    def _show_account(self) -> None:
        if self.token:
            text = self.tr("Signed in as {name}").format(name=self.account or "?")
        elif not self.auth_enabled:
            text = self.tr("Not signed in: this instance takes uploads without an account")
        else:
            text = self.tr("Not signed in (needed unless the instance accepts anonymous uploads)")
        self.account_label.setText(text)
        self.sign_out_button.setEnabled(bool(self.token))

    def set_auth_enabled(self, enabled: bool) -> None:
        """What the instance's configuration says; changes the "Not signed in" hint."""
        self.auth_enabled = enabled
        self._show_account()

    def sign_in(self) -> CoreTask:
        """The instance's flow: generate a token, claim it in the browser, poll until done."""
        timeout = float(self.settings.timeout_s)

        def generated(pending):
            self.message.emit(
                self.tr(
                    "Confirm in the browser page that opened, then come back. If no page "
                    "opened, visit: {url}"
                ).format(url=pending.claim_url)
            )
            self.pending_claim = pending
            self.open_url(pending.claim_url)
            self.sign_in_task = _run(
                self.tr("Waiting for the Panoramax sign-in"),
                sign_in_wait_work(self.api_url, pending, timeout),
                lambda account: self._signed_in(pending.jwt, account),
                self._sign_in_failed,
            )

        self.cancel_sign_in()
        self.pending_claim = None
        self.message.emit(self.tr("Asking the instance for a sign-in link…"))
        self.sign_in_task = _run(
            self.tr("Panoramax sign-in"),
            sign_in_generate_work(self.api_url, timeout, self.tr("QGIS Panoramax plugin")),
            generated,
            self._sign_in_failed,
        )
        return self.sign_in_task

    def cancel_sign_in(self) -> None:
        """Stop waiting for a browser claim (a new sign-in, or the plugin unloading)."""
        task, self.sign_in_task = self.sign_in_task, None
        cancel_task(task)

    def use_token(self, token: str) -> CoreTask:
        """Check a pasted token with the instance, then store it."""
        token = token.strip()
        return _run(
            self.tr("Checking the Panoramax token"),
            whoami_work(self.api_url, token, float(self.settings.timeout_s)),
            lambda account: self._signed_in(token, account),
            self._sign_in_failed,
        )

    def _ask_token(self) -> None:
        token, ok = QInputDialog.getText(
            self,
            self.tr("Use a token"),
            self.tr("Paste a token of your account (from the instance's settings page):"),
            QLineEdit.EchoMode.Password,
        )
        if ok and token.strip():
            self.use_token(token)

    def _signed_in(self, token: str, account) -> None:
        # stored first: the announcement makes My pictures and the viewer read it back
        try:
            self.tokens.save(self.api_url, token, account.name)
        except TokenStoreUnavailable as exc:
            self.logger.warning(
                self.tr(
                    "Signed in for this session only: the token could not be stored in the "
                    "QGIS authentication database ({error})."
                ).format(error=exc)
            )
        self._set_account(token, account.name)
        self.message.emit(self.tr("Signed in as {name}.").format(name=account.name))
        self.logger.info(
            self.tr("Signed in to {url} as {name}.").format(url=self.api_url, name=account.name)
        )

    def _sign_in_failed(self, error) -> None:
        if isinstance(error, AuthenticationError) and error.status == 401:
            text = self.tr("The instance does not accept this token. Sign in again.")
        else:
            text = self.tr("Sign-in failed: {error}").format(error=error)
        self.message.emit(text)
        self.logger.warning(text)

    def sign_out(self) -> None:
        self.tokens.remove(self.api_url)
        self._set_account("", "")
        self.message.emit(self.tr("Signed out; the token was removed from QGIS."))

    def sign_in_required(self, status) -> None:
        """An upload needed an account: a token the instance refused (401) is forgotten."""
        if status == 401 and self.token:  # invalid, expired or revoked
            self.tokens.remove(self.api_url)
        self._set_account("", "")


def _run(description: str, work, on_done, on_error) -> CoreTask:
    return start_task(CoreTask(description, work, on_done, on_error))
