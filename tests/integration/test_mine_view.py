"""The "My pictures" view (issue #15 items 1-4) against the real local instance: my
sequences of fresh uploads loaded into the layer (every page), filtered; hide / show /
rename / delete one and a selection of three through the actions, read back from the API."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QMessageBox

from panoramax_plugin.core.errors import NotFoundError
from tests.qt_wait import run_until

from .seeding import delete_sequences
from .test_mine import fresh_sequence, mine

pytestmark = pytest.mark.integration


class FakeBox:
    """Stands for QMessageBox: answers ``answer`` and records what was asked."""

    def __init__(self, answer=True):
        self.answer = answer
        self.questions, self.warnings = [], []

    def question(self, parent, title, text, *args):
        self.questions.append(text)
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        return yes if self.answer else no

    def warning(self, parent, title, text, *args):
        self.warnings.append(text)


class Logger:
    def __init__(self):
        self.lines = []

    def _record(self, level):
        return lambda message, push=True: self.lines.append((level, message))

    def __getattr__(self, level):
        if level in ("info", "success", "warning", "error"):
            return self._record(level)
        raise AttributeError(level)


@pytest.fixture()
def cleanup(local_instance):
    sequences = []
    yield sequences
    delete_sequences(local_instance.api, local_instance.token, sequences)


@pytest.fixture()
def view(local_instance, qgis_app, roomy_thread_pool):
    from panoramax_plugin.mine.actions import MineActions
    from panoramax_plugin.mine.loader import Account, MineLoader

    loader = MineLoader(page_size=3)  # several pages with a few sequences
    loader.set_account(Account(local_instance.api, local_instance.token, "test"))
    box, logger = FakeBox(), Logger()
    actions = MineActions(loader, logger, message_box=box)
    yield loader, actions, box, logger
    loader.cancel()


def wait_task(qgis_app, task, timeout=120):
    from qgis.core import QgsTask

    assert task is not None
    done = (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated)

    def over():
        try:
            return task.status() in done
        except RuntimeError:  # deleted by the task manager once finished
            return True

    run_until(qgis_app, over, timeout)
    for _ in range(5):
        qgis_app.processEvents()


def load(qgis_app, loader):
    events, messages = [], []
    loader.loaded.connect(events.append)
    loader.message.connect(lambda level, text: messages.append((level, text)))
    wait_task(qgis_app, loader.load())
    run_until(qgis_app, lambda: events or any(m[0] == "critical" for m in messages), 30)
    assert events, messages
    return events[0]


def attribute(layer, key, name):
    feature = layer.feature(key)
    return None if feature is None else feature[name]


def test_load_filter_and_act_on_one_sequence(view, local_instance, qgis_app, tmp_path, cleanup):
    loader, actions, box, logger = view
    seeded, ids, shots = fresh_sequence(local_instance, tmp_path, count=3, title="view one")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    listed = [s.id for s in me.iter_sequences()]

    count = load(qgis_app, loader)
    layer = loader.sequences
    assert count == len(listed) and len(layer) == len(listed) > 3  # every page of 3
    assert attribute(layer, sequence_id, "picture_count") == 3
    assert attribute(layer, sequence_id, "visibility") == "anyone"
    assert attribute(layer, sequence_id, "status") == "ready"
    first = attribute(layer, sequence_id, "first_capture")
    assert first.toString("yyyy-MM-dd") == shots[0].captured_at.strftime("%Y-%m-%d")
    assert not layer.feature(sequence_id).geometry().isNull()

    # filters: the subset string of the layer
    day = shots[0].captured_at.date()
    loader.set_filters(visibility="anyone", status="ready", since=day, until=day)
    shown = {f["id"] for f in layer.layer.getFeatures()}
    assert sequence_id in shown and len(shown) < len(listed) or shown == {sequence_id}
    loader.set_filters(visibility="owner-only")
    assert sequence_id not in {f["id"] for f in layer.layer.getFeatures()}
    loader.set_filters()
    assert layer.layer.featureCount() == len(listed)

    # pictures on demand
    wait_task(qgis_app, loader.load_pictures([sequence_id]))
    run_until(qgis_app, lambda: len(loader.pictures) == 3, 10)
    assert [attribute(loader.pictures, i, "rank") for i in ids] == [1, 2, 3]

    # hide, show, rename: through the selection, read back from the API
    layer.select([sequence_id])
    finished = []
    actions.finished.connect(lambda *args: finished.append(args))
    wait_task(qgis_app, actions.set_visibility("owner-only"))
    assert finished[-1] == ("visibility", 1, 0)
    assert me.sequence(sequence_id).visibility == "owner-only"
    assert attribute(layer, sequence_id, "visibility") == "owner-only"
    wait_task(qgis_app, actions.set_visibility("anyone", [sequence_id]))
    assert me.sequence(sequence_id).visibility == "anyone"
    wait_task(qgis_app, actions.rename("  renamed in the view ", [sequence_id]))
    assert me.sequence(sequence_id).title == "renamed in the view"
    assert attribute(layer, sequence_id, "title") == "renamed in the view"

    # one picture: heading, visibility
    loader.pictures.select([ids[1]])
    wait_task(qgis_app, actions.set_heading(200))
    assert round(me.picture(sequence_id, ids[1]).heading) == 200
    assert round(attribute(loader.pictures, ids[1], "heading")) == 200
    wait_task(qgis_app, actions.set_relative_heading(90, [sequence_id]))
    assert [round(p.heading) for p in me.iter_pictures(sequence_id)] == [180] * 3
    assert round(attribute(loader.pictures, ids[0], "heading")) == 180

    # bad input: not sent, shown; nothing asked
    assert actions.rename("   ", [sequence_id]) is None
    assert box.warnings and me.sequence(sequence_id).title == "renamed in the view"
    assert actions.set_visibility("friends-only", [sequence_id]) is None

    # delete: refused confirmation sends nothing; then confirmed, pending until gone
    box.answer = False
    assert actions.delete([sequence_id]) is None
    assert "3 picture(s)" in box.questions[-1]
    assert me.sequence(sequence_id).id == sequence_id
    box.answer = True
    loader.pictures.layer.removeSelection()
    task = actions.delete([sequence_id])
    assert attribute(layer, sequence_id, "pending") == "deleting"
    wait_task(qgis_app, task, 180)
    assert finished[-1] == ("delete", 1, 0)
    assert sequence_id not in layer and len(loader.pictures) == 0
    with pytest.raises(NotFoundError):
        me.sequence(sequence_id)


def test_a_selection_of_three_hidden_shown_then_deleted(
    view, local_instance, qgis_app, tmp_path, cleanup
):
    loader, actions, box, logger = view
    sequence_ids = []
    for n in range(3):
        seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path / str(n), count=2)
        sequence_ids += seeded.sequence_ids
    cleanup.extend(sequence_ids)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    loader.sequences.select(sequence_ids)
    assert sorted(loader.sequences.selected_ids()) == sorted(sequence_ids)

    finished = []
    actions.finished.connect(lambda *args: finished.append(args))
    wait_task(qgis_app, actions.set_visibility("owner-only"))
    assert finished[-1] == ("visibility", 3, 0)
    assert [me.sequence(s).visibility for s in sequence_ids] == ["owner-only"] * 3
    loader.set_filters(visibility="owner-only")
    assert set(sequence_ids) <= {f["id"] for f in loader.sequences.layer.getFeatures()}
    loader.set_filters()
    wait_task(qgis_app, actions.set_visibility("anyone"))
    assert [me.sequence(s).visibility for s in sequence_ids] == ["anyone"] * 3
    wait_task(qgis_app, actions.rename("bulk renamed"))
    assert [me.sequence(s).title for s in sequence_ids] == ["bulk renamed"] * 3

    wait_task(qgis_app, actions.delete(), 240)
    assert "3 sequence(s) and 6 picture(s)" in box.questions[-1]
    assert finished[-1] == ("delete", 3, 0)
    for sequence_id in sequence_ids:
        assert sequence_id not in loader.sequences
        with pytest.raises(NotFoundError):
            me.sequence(sequence_id)


def test_an_expired_sign_in_keeps_the_action_for_a_retry(
    view, local_instance, qgis_app, tmp_path, cleanup
):
    from panoramax_plugin.mine.loader import Account

    loader, actions, box, logger = view
    seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    loader.account = Account(local_instance.api, "not.a.token", "test")
    wait_task(qgis_app, actions.rename("after sign-in", [sequence_id]))
    assert actions.pending_retry is not None
    assert any("retry" in text for level, text in logger.lines if level == "error")
    assert me.sequence(sequence_id).title != "after sign-in"
    loader.account = Account(local_instance.api, local_instance.token, "test")
    wait_task(qgis_app, actions.retry())
    assert me.sequence(sequence_id).title == "after sign-in"


class Inputs:
    """Stands for QInputDialog: gives ``values`` in turn."""

    def __init__(self, *values):
        self.values = list(values)

    def _next(self, *args, **kwargs):
        return self.values.pop(0), True

    getText = getItem = getInt = _next


def test_the_panel_box_follows_the_sign_in_and_acts_on_the_selection(
    local_instance, qgis_app, roomy_thread_pool, tmp_path, cleanup
):
    from qgis.core import QgsApplication

    from panoramax_plugin.current_instance import CurrentInstance
    from panoramax_plugin.mine.box import MineBox
    from panoramax_plugin.upload.token_store import TokenStore

    manager = QgsApplication.authManager()
    assert not manager.isDisabled(), manager.disabledMessage()
    assert manager.setMasterPassword("panoramax-tests", True)
    seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="box")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)

    current = CurrentInstance()
    box = MineBox(Logger(), current, inputs=Inputs("owner-only", "from the box"))
    box.actions.message_box = FakeBox()
    current.choose(local_instance.api)
    assert not box.load_button.isEnabled() and "Sign in" in box.toolTip()
    store = TokenStore()
    store.save(local_instance.api, local_instance.token, "test")
    try:
        current.signed_in(local_instance.api, "test")
        assert box.load_button.isEnabled() and box.toolTip() == ""
        box.load_button.click()
        run_until(qgis_app, lambda: sequence_id in box.loader.sequences, 60)
        box.loader.sequences.select([sequence_id])
        box.buttons["visibility"].click()
        run_until(qgis_app, lambda: me.sequence(sequence_id).visibility == "owner-only", 60)
        box.buttons["title"].click()
        run_until(qgis_app, lambda: me.sequence(sequence_id).title == "from the box", 60)
        box.visibility.setCurrentIndex(box.visibility.findData("owner-only"))
        run_until(
            qgis_app,
            lambda: box.loader.sequences.feature(sequence_id)["title"] == "from the box",
            30,
        )
        assert sequence_id in {f["id"] for f in box.loader.sequences.layer.getFeatures()}
        current.signed_in(local_instance.api, "")
        assert not box.load_button.isEnabled() and len(box.loader.sequences) == 0
    finally:
        store.remove(local_instance.api)
        box.unload()


def test_order_time_and_another_accounts_refusal(view, local_instance, qgis_app, tmp_path, cleanup):
    from datetime import datetime, timezone

    from panoramax_plugin.mine.loader import Account

    from .test_mine import other_account_token

    loader, actions, box, logger = view
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=3)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    wait_task(qgis_app, loader.load_pictures([sequence_id]))
    wait_task(qgis_app, actions.set_order("-filename", [sequence_id]))
    assert [p.id for p in me.iter_pictures(sequence_id)] == ids[::-1]
    assert attribute(loader.pictures, ids[0], "rank") == 3
    old = datetime(1985, 3, 1, 10, tzinfo=timezone.utc)
    box.answer = False  # before 1990: asked, refused, not sent
    assert actions.set_capture_time(old, [(sequence_id, ids[0])]) is None
    assert "1990" in box.questions[-1]
    box.answer = True
    wait_task(qgis_app, actions.set_capture_time(old, [(sequence_id, ids[0])]))
    assert me.picture(sequence_id, ids[0]).datetime.startswith("1985-03-01T10:00:00")
    assert attribute(loader.pictures, ids[0], "capture_time").date().year() == 1985

    loader.account = Account(local_instance.api, other_account_token(), "other")
    wait_task(qgis_app, actions.rename("not mine", [sequence_id]))
    errors = [text for level, text in logger.lines if level == "error"]
    assert any("another account" in text for text in errors), errors
    assert actions.pending_retry is None
    assert me.sequence(sequence_id).title != "not mine"


def test_a_stale_qt_wrapper_is_sent_again_and_a_lasting_failure_is_reported(
    view, local_instance, qgis_app, tmp_path, cleanup, monkeypatch
):
    """PyQt may wrongly think a reply's wrapper deleted (the transport's _STALE_WRAPPER):
    the absolute change is sent once more; when it fails again the user is told which
    change did not go and what to do."""
    from panoramax_plugin.core.mine import MyPictures

    loader, actions, box, logger = view
    seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path, count=2)
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    real_patch = MyPictures.patch_sequence
    failures = {"left": 1}

    def flaky_patch(self, *args, **kwargs):
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("wrapped C/C++ object of type QNetworkReply has been deleted")
        return real_patch(self, *args, **kwargs)

    monkeypatch.setattr(MyPictures, "patch_sequence", flaky_patch)
    finished = []
    actions.finished.connect(lambda *args: finished.append(args))
    wait_task(qgis_app, actions.rename("sent twice", [sequence_id]))
    assert finished[-1] == ("title", 1, 0)
    assert me.sequence(sequence_id).title == "sent twice"

    failures["left"] = 2
    wait_task(qgis_app, actions.rename("never sent", [sequence_id]))
    assert finished[-1] == ("title", 0, 1)
    assert me.sequence(sequence_id).title == "sent twice"
    assert any(sequence_id in text for level, text in logger.lines if level == "error")
    assert any("not applied" in text for level, text in logger.lines if level == "warning")


def test_with_sequences_and_pictures_selected_the_active_layer_decides(
    view, local_instance, qgis_app, tmp_path, cleanup
):
    """A sequence left selected by "Load their pictures" must not turn a picture's hide
    into the whole sequence's: the active layer's selection counts, and with neither
    layer active nothing is sent."""
    loader, actions, box, logger = view
    seeded, ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="both")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    load(qgis_app, loader)
    wait_task(qgis_app, loader.load_pictures([sequence_id]))
    loader.sequences.select([sequence_id])
    loader.pictures.select([ids[0]])

    actions.active_layer = lambda: None
    assert actions.set_visibility("owner-only") is None
    assert actions.delete() is None and not box.questions
    assert any("both selected" in text for level, text in logger.lines if level == "warning")

    actions.active_layer = lambda: loader.pictures.layer
    wait_task(qgis_app, actions.set_visibility("owner-only"))
    assert me.picture(sequence_id, ids[0]).visibility == "owner-only"
    assert me.picture(sequence_id, ids[1]).visibility == "anyone"
    assert me.sequence(sequence_id).visibility == "anyone"

    actions.active_layer = lambda: loader.sequences.layer
    wait_task(qgis_app, actions.set_visibility("owner-only"))
    assert me.sequence(sequence_id).visibility == "owner-only"


def test_a_canceled_delete_reports_what_was_sent_and_keeps_no_mark(
    view, local_instance, qgis_app, tmp_path, cleanup
):
    loader, actions, box, logger = view
    sequence_ids = []
    for n in range(3):
        seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path / str(n), count=1)
        sequence_ids += seeded.sequence_ids
    cleanup.extend(sequence_ids)
    load(qgis_app, loader)
    finished = []
    actions.finished.connect(lambda *args: finished.append(args))
    task = actions.delete(sequence_ids)
    task.cancel()
    wait_task(qgis_app, task, 180)
    run_until(qgis_app, lambda: finished, 30)
    assert any(text.startswith("Canceled:") for _level, text in logger.lines), logger.lines
    me = mine(local_instance.api, local_instance.token)
    for sequence_id in sequence_ids:
        try:
            me.sequence(sequence_id)
        except NotFoundError:  # deleted before the cancel: gone from the layer too
            assert sequence_id not in loader.sequences
        else:  # kept: on the map, no longer marked as being deleted
            assert attribute(loader.sequences, sequence_id, "pending") == ""


def test_signing_in_again_with_the_same_account_lets_the_retry_through(
    local_instance, qgis_app, roomy_thread_pool, tmp_path, cleanup
):
    """An expired token stops an action; signed in again as the same account (the
    instance state does not change), the retry uses the new token and the layers stay."""
    from qgis.core import QgsApplication

    from panoramax_plugin.current_instance import CurrentInstance
    from panoramax_plugin.mine.box import MineBox
    from panoramax_plugin.upload.token_store import TokenStore

    manager = QgsApplication.authManager()
    assert manager.setMasterPassword("panoramax-tests", True)
    seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path, count=1, title="again")
    sequence_id = seeded.sequence_ids[0]
    cleanup.append(sequence_id)
    me = mine(local_instance.api, local_instance.token)
    current = CurrentInstance()
    logger = Logger()
    box = MineBox(logger, current, inputs=Inputs("retried title"))
    box.actions.message_box = FakeBox()
    store = TokenStore()
    try:
        current.choose(local_instance.api)
        store.save(local_instance.api, local_instance.token, "test")
        current.signed_in(local_instance.api, "test")
        box.load_button.click()
        run_until(qgis_app, lambda: sequence_id in box.loader.sequences, 60)
        box.loader.sequences.select([sequence_id])
        count = len(box.loader.sequences)

        store.save(local_instance.api, "expired.token.value", "test")  # the token expired
        box.buttons["title"].click()
        run_until(qgis_app, lambda: box.actions.pending_retry is not None, 60)
        assert me.sequence(sequence_id).title != "retried title"

        store.save(local_instance.api, local_instance.token, "test")  # signed in again
        current.signed_in(local_instance.api, "test")  # the same state: no change signal
        wait_task(qgis_app, box.actions.retry())
        assert me.sequence(sequence_id).title == "retried title"
        assert len(box.loader.sequences) == count  # the layers were kept
    finally:
        store.remove(local_instance.api)
        box.unload()
