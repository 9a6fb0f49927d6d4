"""A measure into a PostGIS inventory (Lambert-93): the feature form's attributes, known
fields, undo, and nothing in the database until the user saves.

The database is the test's own (``panoramax_plugin_test_inventory_<pid>``), made in the
local instance's PostgreSQL cluster by ``scripts/panoramax-instance.sh test-db`` (which
``make test`` has started with ``make instance``) and dropped at the end. Skipped when
that cluster cannot be reached, unless ``PANORAMAX_REQUIRE_INSTANCE=1``: then it fails.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt import sip

from panoramax_plugin.measure.layer_writer import (
    ADDED,
    add_known_fields,
    add_observation,
    layer_problem,
    missing_known_fields,
)
from tests.instance_control import run_instance_script
from tests.qgis.measure_layers import CAPTURED, canceling_form, triangulated, user_form

DATABASE = f"panoramax_plugin_test_inventory_{os.getpid()}"


def unavailable(reason: str):
    if os.environ.get("PANORAMAX_REQUIRE_INSTANCE") == "1":
        pytest.fail(f"PANORAMAX_REQUIRE_INSTANCE=1 and {reason}")
    pytest.skip(reason)


def database(action: str) -> str:
    done = run_instance_script("test-db", timeout=120, arguments=[action, DATABASE])
    return done.stdout.decode() if isinstance(done.stdout, bytes) else done.stdout


@pytest.fixture(scope="module")
def conninfo(qgis_app):
    """libpq connection string of the test's own PostGIS database."""
    try:
        import psycopg2  # noqa: F401 - a dependency of python3-qgis
    except ImportError:
        unavailable("psycopg2 is not installed")
    try:
        out = database("create")
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        unavailable(f"the local PostgreSQL cluster cannot be reached ({' '.join(detail)})")
    except (OSError, subprocess.SubprocessError) as error:
        unavailable(f"the local PostgreSQL cluster cannot be reached ({error})")
    yield out.strip().splitlines()[-1]
    database("drop")


def sql(conninfo, statement, *params):
    """One statement on a connection of its own (not QGIS's), committed; rows if any."""
    import psycopg2

    connection = psycopg2.connect(conninfo)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def row_count(conninfo) -> int:
    return sql(conninfo, "SELECT count(*) FROM signs")[0][0]


def columns(conninfo) -> list:
    rows = sql(
        conninfo,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'signs' "
        "ORDER BY ordinal_position",
    )
    return [name for (name,) in rows]


@pytest.fixture()
def signs(conninfo):
    sql(conninfo, "DROP TABLE IF EXISTS signs")
    sql(
        conninfo,
        "CREATE TABLE signs (id serial PRIMARY KEY, geom geometry(Point, 2154), sign_type text)",
    )
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource("public", "signs", "geom", "", "id")
    uri.setSrid("2154")
    uri.setWkbType(QgsWkbTypes.Type.Point)
    layer = QgsVectorLayer(uri.uri(False), "signs", "postgres")
    assert layer.isValid(), layer.error().summary()
    yield layer
    if layer.isEditable():
        layer.rollBack()
    sip.delete(layer)  # its connection goes back to QGIS's pool before the drop


def lambert93(lon, lat):
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance().transformContext(),
    )
    return transform.transform(QgsPointXY(lon, lat))


def test_a_measure_into_a_postgis_layer_waits_for_the_user_to_save(conninfo, signs):
    observation = triangulated()
    assert layer_problem(signs, observation) is None
    missing = missing_known_fields(signs)
    assert len(missing) > 0
    assert add_known_fields(signs, missing) is None
    assert "pnx_method" not in columns(conninfo)  # ALTER TABLE only when saved

    result = add_observation(signs, observation, form=user_form(sign_type="B14"))

    assert result.status == ADDED, result.message
    feature = next(signs.getFeatures())
    assert feature["sign_type"] == "B14"
    assert feature["pnx_method"] == "triangulated"
    assert feature.geometry().asPoint().distance(lambert93(observation.lon, observation.lat)) < 0.01
    assert row_count(conninfo) == 0  # nothing in the database yet

    assert signs.commitChanges(), signs.commitErrors()

    assert "pnx_method" in columns(conninfo) and "pnx_unc_m" in columns(conninfo)
    rows = sql(
        conninfo,
        "SELECT sign_type, pnx_method, pnx_pics, pnx_unc_m, pnx_date, "
        "ST_X(geom), ST_Y(geom) FROM signs",
    )
    assert len(rows) == 1
    sign_type, method, pictures, uncertainty, date, x, y = rows[0]
    assert (sign_type, method, pictures) == ("B14", "triangulated", "pic-a,pic-b")
    assert uncertainty == pytest.approx(0.346)
    assert date.replace(tzinfo=None) == CAPTURED.replace(tzinfo=None)  # stored as UTC
    assert QgsPointXY(x, y).distance(lambert93(observation.lon, observation.lat)) < 0.01


def test_undo_and_cancel_leave_the_postgis_table_untouched(conninfo, signs):
    result = add_observation(signs, triangulated(), form=user_form())
    assert result.status == ADDED
    assert signs.featureCount() == 1

    signs.undoStack().undo()

    assert signs.featureCount() == 0
    assert signs.commitChanges(), signs.commitErrors()
    assert row_count(conninfo) == 0

    result = add_observation(signs, triangulated(), form=canceling_form)
    assert result.status == "canceled"
    assert not signs.isEditable() and row_count(conninfo) == 0
