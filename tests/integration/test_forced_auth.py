"""With authentication forced on the instance (issue #15 tests, "forced on and off"): the
instance restarted with PANORAMAX_FORCE_AUTH=true for this module only, restored to false
in a ``finally`` whatever happens. Signed in, My pictures lists and edits as before; an
anonymous upload stops with a clear "sign in" message."""

from __future__ import annotations

import pytest

from panoramax_plugin.core.http import HttpClient, make_session
from panoramax_plugin.core.upload_state import StateStore
from panoramax_plugin.core.upload_types import SignInRequired
from panoramax_plugin.core.uploader import RequestsFileSender, Uploader, UploadOptions
from tests.instance_control import run_instance_script
from tests.qt_wait import run_until

from .seeding import delete_sequences
from .test_mine import fresh_sequence, mine
from .test_mine_view import FakeBox, Logger, load
from .test_upload_core import fresh_walk

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def forced_auth(local_instance):
    """The instance restarted with API_FORCE_AUTH_ON_UPLOAD=true; always restored."""
    try:
        run_instance_script("up", env={"PANORAMAX_FORCE_AUTH": "true"})
        yield
    finally:
        run_instance_script("up", env={"PANORAMAX_FORCE_AUTH": "false"})


def test_an_anonymous_upload_is_asked_to_sign_in(forced_auth, local_instance, tmp_path):
    paths, _ = fresh_walk(tmp_path, 2)
    uploader = Uploader(
        local_instance.api,
        HttpClient(make_session(), timeout=30),
        RequestsFileSender(),
        StateStore(str(tmp_path / "state")),
        token=None,
    )
    with pytest.raises(SignInRequired) as refused:
        uploader.run([str(p) for p in paths], UploadOptions(title="forced anonymous"))
    assert "sign in" in str(refused.value).lower()
    assert refused.value.status in (401, 403)


def test_my_pictures_lists_and_edits_signed_in(
    forced_auth, local_instance, qgis_app, roomy_thread_pool, tmp_path
):
    from panoramax_plugin.mine.actions import MineActions
    from panoramax_plugin.mine.loader import Account, MineLoader

    seeded, _ids, _shots = fresh_sequence(local_instance, tmp_path, count=2, title="forced")
    sequence_id = seeded.sequence_ids[0]
    loader = MineLoader(page_size=50)
    try:
        loader.set_account(Account(local_instance.api, local_instance.token, "test"))
        actions = MineActions(loader, Logger(), message_box=FakeBox())
        me = mine(local_instance.api, local_instance.token)
        assert load(qgis_app, loader) >= 1  # other tests upload meanwhile: no exact count
        assert sequence_id in loader.sequences
        loader.sequences.select([sequence_id])
        actions.rename("renamed with auth forced")
        run_until(
            qgis_app, lambda: me.sequence(sequence_id).title == "renamed with auth forced", 60
        )
    finally:
        loader.cancel()
        delete_sequences(local_instance.api, local_instance.token, [sequence_id])
