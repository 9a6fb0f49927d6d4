#!/usr/bin/env bash
# panoramax-instance.sh - a real, local Panoramax API for the plugin's integration tests.
#
# Installs and runs GeoVisio (the Panoramax API server, PyPI `geovisio`) on top of a
# dedicated PostgreSQL 15 + PostGIS cluster from Debian 12. Everything listens on
# 127.0.0.1 only. Test settings: no OAuth, no blurring, fsync off. Never use it for
# real data.
#
# Usage (as root, Debian 12):
#   scripts/panoramax-instance.sh up         install what is missing, create/migrate the DB, start the
#                                            API (gunicorn) + picture worker, mint tokens, write the env
#                                            file. Idempotent; about 1 s when everything already runs.
#   scripts/panoramax-instance.sh env        print `export` lines (eval "$(... env)")
#   scripts/panoramax-instance.sh status     processes, cluster, /api health (exit 0 only if healthy)
#   scripts/panoramax-instance.sh token NAME print a JWT for account NAME (account created if needed;
#                                            NAME=default gives the default/admin account)
#   scripts/panoramax-instance.sh refresh    `flask db refresh` (low-zoom z0-6 picture grid)
#   scripts/panoramax-instance.sh test-db create|drop NAME
#                                            a PostGIS database NAME (panoramax_plugin_test_*) in the
#                                            instance's cluster, for the plugin's own tests (a user's
#                                            PostGIS inventory): `create` prints a QGIS/libpq connection
#                                            string (role panoramax_plugin_test, password login over
#                                            127.0.0.1); `drop` drops it (open connections closed).
#                                            The cluster must be running (`up`); it is never started here.
#   scripts/panoramax-instance.sh restart    stop API + worker, then `up`
#   scripts/panoramax-instance.sh stop       stop API + worker; PostgreSQL and data kept
#   scripts/panoramax-instance.sh down       stop API + worker + the PostgreSQL cluster; data kept
#   scripts/panoramax-instance.sh purge      down, then drop the cluster and delete venv + data
#
# Tunables (environment):
#   PANORAMAX_HOME        ${XDG_CACHE_HOME:-$HOME/.cache}/panoramax-qgis-instance
#                         (venv, picture storage, logs, pid files, secret key, test.env).
#                         Always call with the same home: pid files and the JWT secret live there.
#   PANORAMAX_PORT        5000   API port (127.0.0.1)
#   PANORAMAX_PG_PORT     5433   port of the dedicated cluster 15/panoramax_qgis
#   PANORAMAX_PYTHON      Python >= 3.11 for the venv (default: /usr/bin/python3, then python3.1x on PATH)
#   GEOVISIO_VERSION      2.15.1
#   PANORAMAX_WEB_WORKERS 2      gunicorn workers
#   PANORAMAX_DERIVATES   ON_DEMAND | PREPROCESS
#   PANORAMAX_FORCE_AUTH  false | true  (true: uploads without a token get 401). `up` restarts the
#                         API + worker when the running server was started with another value.
#   PANORAMAX_TEST_USER   qgis-tester  account behind PANORAMAX_TOKEN
#
# apt is only called for packages that are missing, always with --no-install-recommends and
# never with --reinstall (a reinstall once dragged in dozens of unrelated upgrades);
# `apt-get update` only runs if a first install attempt fails.
set -euo pipefail
export LC_ALL=C.UTF-8

# ----------------------------------------------------------------------------- settings
INSTANCE_HOME="${PANORAMAX_HOME:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/panoramax-qgis-instance}"
API_PORT="${PANORAMAX_PORT:-5000}"
PG_PORT="${PANORAMAX_PG_PORT:-5433}"
PG_VERSION=15
PG_CLUSTER=panoramax_qgis
GEOVISIO_VERSION="${GEOVISIO_VERSION:-2.15.1}"
WEB_WORKERS="${PANORAMAX_WEB_WORKERS:-2}"
DERIVATES="${PANORAMAX_DERIVATES:-ON_DEMAND}"
TEST_USER="${PANORAMAX_TEST_USER:-qgis-tester}"
DB_NAME=geovisio
DB_ROLE=geovisio
DB_PASSWORD=geovisio

BASE_URL="http://127.0.0.1:$API_PORT"
VENV="$INSTANCE_HOME/venv"
LOGS="$INSTANCE_HOME/logs"
RUN="$INSTANCE_HOME/run"
SERVER_ENV="$INSTANCE_HOME/geovisio.env"     # settings the server is (to be) started with
RUNNING_ENV="$RUN/running.env"               # copy of SERVER_ENV taken when the server started
TEST_ENV="$INSTANCE_HOME/test.env"           # what `env` prints
MARKER="$INSTANCE_HOME/.panoramax-qgis-instance"
WEB_PID="$RUN/web.pid"
WORKER_PID="$RUN/worker.pid"
APT_PACKAGES=(postgresql-15 postgresql-15-postgis-3 postgresql-common curl ca-certificates)

case "${PANORAMAX_FORCE_AUTH:-false}" in
  [Tt]rue | TRUE | 1 | [Yy]es | [Oo]n) FORCE_AUTH=true ;;
  [Ff]alse | FALSE | 0 | [Nn]o | [Oo]ff | "") FORCE_AUTH=false ;;
  *) echo "PANORAMAX_FORCE_AUTH must be true or false, not '$PANORAMAX_FORCE_AUTH'" >&2; exit 2 ;;
esac
for _setting in "PANORAMAX_PORT=$API_PORT" "PANORAMAX_PG_PORT=$PG_PORT" "PANORAMAX_WEB_WORKERS=$WEB_WORKERS"; do
  [[ "${_setting#*=}" =~ ^[1-9][0-9]*$ ]] || { echo "$_setting: a positive integer is expected" >&2; exit 2; }
done
case "$DERIVATES" in
  ON_DEMAND | PREPROCESS) ;;
  *) echo "PANORAMAX_DERIVATES must be ON_DEMAND or PREPROCESS, not '$DERIVATES'" >&2; exit 2 ;;
esac

# ----------------------------------------------------------------------------- helpers
log() { printf '[panoramax %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# die, showing the end of a log file first
die_log() {
  local file="$1"; shift
  if [ -s "$file" ]; then
    printf -- '----- last lines of %s -----\n' "$file" >&2
    tail -n 40 "$file" >&2
    printf -- '-----\n' >&2
  fi
  die "$*"
}
need_root() { [ "$(id -u)" = 0 ] || die "must run as root (apt, PostgreSQL cluster management)"; }

ensure_home() {
  if [ -d "$INSTANCE_HOME" ] && [ ! -e "$MARKER" ] && [ -n "$(ls -A "$INSTANCE_HOME" 2>/dev/null)" ]; then
    die "$INSTANCE_HOME exists, is not empty and was not created by this script; choose another PANORAMAX_HOME"
  fi
  mkdir -p "$INSTANCE_HOME" "$LOGS" "$RUN" "$INSTANCE_HOME/data"
  touch "$MARKER"
}

# serialise concurrent invocations (e.g. several test runners calling `up`)
# (fd 9; every daemon is started through `detached`, which closes it, so that neither the
# API nor PostgreSQL keeps the lock after this script exits)
take_lock() {
  exec 9>"$INSTANCE_HOME/.lock"
  flock -n 9 && return 0
  log "waiting for another panoramax-instance.sh call (lock $INSTANCE_HOME/.lock)"
  flock -w 900 9 || die "$INSTANCE_HOME/.lock still held after 900 s; see: fuser -v $INSTANCE_HOME/.lock"
}

# bash program: close every file descriptor above 2, then exec "$@". Whatever this script
# leaves running (PostgreSQL, gunicorn, the worker) must not inherit our lock or a caller's pipes.
# shellcheck disable=SC2016
CLOSE_FDS_EXEC='for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done; exec "$@"'
detached() { bash -c "$CLOSE_FDS_EXEC" detached "$@"; }

# ----------------------------------------------------------------------------- apt
pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

apt_ensure() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local aptlog="$LOGS/apt.log"
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600 install --no-install-recommends)
  log "apt-get install --no-install-recommends ${missing[*]}"
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >"$aptlog" 2>&1; then
    log "install failed, running apt-get update and retrying"
    { DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 update &&
      DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}"; } >>"$aptlog" 2>&1 ||
      die_log "$aptlog" "apt-get install ${missing[*]} failed"
  fi
}

# ----------------------------------------------------------------------------- python venv
py_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; }

pick_python() {
  if [ -n "${PANORAMAX_PYTHON:-}" ]; then
    py_ok "$PANORAMAX_PYTHON" || die "PANORAMAX_PYTHON=$PANORAMAX_PYTHON is not a Python >= 3.11"
    command -v "$PANORAMAX_PYTHON"; return
  fi
  local p
  for p in /usr/bin/python3 python3.13 python3.12 python3.11 python3; do
    if command -v "$p" >/dev/null 2>&1 && py_ok "$p"; then command -v "$p"; return; fi
  done
  # fresh Debian 12 image: no Python at all; its python3 is 3.11
  apt_ensure python3 python3-venv
  py_ok /usr/bin/python3 || die "no Python >= 3.11 found (set PANORAMAX_PYTHON)"
  echo /usr/bin/python3
}

installed_geovisio() {
  [ -x "$VENV/bin/python" ] || return 1
  # importlib.metadata does not import geovisio itself: fast
  "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("geovisio"))' 2>/dev/null
}

ensure_venv() {
  local have
  have="$(installed_geovisio || true)"
  [ "$have" = "$GEOVISIO_VERSION" ] && return 0
  if [ -z "$have" ]; then
    local py; py="$(pick_python)"
    # Debian strips ensurepip from python3 unless python3-venv is installed
    if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
      case "$py" in
        /usr/bin/*) apt_ensure python3-venv ;;
        *) die "$py cannot create virtualenvs (no ensurepip); set PANORAMAX_PYTHON" ;;
      esac
    fi
    log "creating venv $VENV with $py ($("$py" -c 'import platform; print(platform.python_version())'))"
    rm -rf "$VENV"
    "$py" -m venv "$VENV" >"$LOGS/pip.log" 2>&1 || die_log "$LOGS/pip.log" "venv creation failed"
  fi
  log "pip install geovisio==$GEOVISIO_VERSION${have:+ (was $have)} (about 30-40 s)"
  PIP_NO_INPUT=1 "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    "geovisio==$GEOVISIO_VERSION" >>"$LOGS/pip.log" 2>&1 || die_log "$LOGS/pip.log" "pip install geovisio==$GEOVISIO_VERSION failed"
  [ "$(installed_geovisio || true)" = "$GEOVISIO_VERSION" ] || die_log "$LOGS/pip.log" "geovisio $GEOVISIO_VERSION not importable after pip install"
}

# ----------------------------------------------------------------------------- server settings
write_server_env() {
  local secret_file="$INSTANCE_HOME/secret_key"
  if [ ! -s "$secret_file" ]; then
    # persisted: every JWT is signed with it, tokens stay valid across restarts
    (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$secret_file")
  fi
  local tmp="$SERVER_ENV.tmp"
  (
    umask 077
    {
      printf '# generated by panoramax-instance.sh, rewritten on every call\n'
      printf '%s=%q\n' \
        DB_URL "postgresql://$DB_ROLE:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME" \
        FS_URL "$INSTANCE_HOME/data" \
        FLASK_SECRET_KEY "$(cat "$secret_file")" \
        API_PICTURES_LICENSE_SPDX_ID CC-BY-SA-4.0 \
        API_PICTURES_LICENSE_URL https://spdx.org/licenses/CC-BY-SA-4.0.html \
        PICTURE_PROCESS_DERIVATES_STRATEGY "$DERIVATES" \
        API_FORCE_AUTH_ON_UPLOAD "$FORCE_AUTH" \
        API_LOG_LEVEL info \
        FLASK_SKIP_DOTENV 1
      # not read by geovisio, but part of what a running server must match
      printf '%s=%q\n' \
        INSTANCE_API_PORT "$API_PORT" \
        INSTANCE_WEB_WORKERS "$WEB_WORKERS" \
        INSTANCE_GEOVISIO_VERSION "$GEOVISIO_VERSION"
    } >"$tmp"
  )
  if cmp -s "$tmp" "$SERVER_ENV"; then rm -f "$tmp"; else mv -f "$tmp" "$SERVER_ENV"; fi
}

load_server_env() {
  write_server_env
  set -a
  # shellcheck disable=SC1090
  . "$SERVER_ENV"
  set +a
}

# run the geovisio flask CLI from the home (never from the project: no stray .env)
flask_cli() { (cd "$INSTANCE_HOME" && "$VENV/bin/flask" --app geovisio "$@"); }

# ----------------------------------------------------------------------------- PostgreSQL
cluster_state() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }'
}
psql_admin() {
  (cd / && runuser -u postgres -- env PGOPTIONS=--client-min-messages=warning \
    psql -X -q -A -t -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}

start_cluster() {
  local state; state="$(cluster_state)"
  [ -n "$state" ] || die "PostgreSQL cluster $PG_VERSION/$PG_CLUSTER does not exist (run: $0 up)"
  if [[ "$state" != online* ]]; then
    log "starting PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    detached pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start ||
      die_log "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log" "cannot start cluster $PG_VERSION/$PG_CLUSTER"
  fi
  local _
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
    sleep 0.25
  done
  die_log "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log" "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT"
}

ensure_cluster() {
  local fresh=0
  if [ -z "$(cluster_state)" ]; then
    log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER on 127.0.0.1:$PG_PORT"
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" --locale C.UTF-8 \
      -- --auth-local=peer --auth-host=scram-sha-256 >"$LOGS/pg_createcluster.log" 2>&1 ||
      die_log "$LOGS/pg_createcluster.log" "pg_createcluster failed"
    fresh=1
  fi
  local confdir="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d" restart=0
  local conf="$confdir/50-panoramax-qgis.conf"
  mkdir -p "$confdir"
  # speed over durability: this cluster only ever holds throw-away test data
  printf '%s\n' "listen_addresses = '127.0.0.1'" "timezone = 'UTC'" "fsync = off" \
    "synchronous_commit = off" "full_page_writes = off" >"$conf.tmp"
  if cmp -s "$conf.tmp" "$conf"; then rm -f "$conf.tmp"; else mv -f "$conf.tmp" "$conf"; restart=1; fi
  if [ "$(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show port 2>/dev/null)" != "$PG_PORT" ]; then
    log "moving cluster $PG_VERSION/$PG_CLUSTER to port $PG_PORT"
    pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$PG_PORT"
    restart=1
  fi
  if [ "$restart" = 1 ] && [ "$fresh" = 0 ] && [[ "$(cluster_state)" == online* ]]; then
    detached pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
  fi
  start_cluster

  psql_admin -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_ROLE') THEN
    CREATE ROLE $DB_ROLE LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_ROLE ENCODING ''UTF8'' TEMPLATE template0'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
-- GeoVisio refuses to start unless the DB is in UTC
ALTER DATABASE $DB_NAME SET TIMEZONE TO 'UTC';
-- migrations SET session_replication_role: superuser-only unless granted (PG >= 15)
GRANT SET ON PARAMETER session_replication_role TO $DB_ROLE;
\c $DB_NAME
-- postgis is not a trusted extension: the superuser creates it before migrating
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
}

# Migrations take a few seconds (python start-up); skip them when this very cluster
# (system identifier) was already migrated with this geovisio version.
migrate() {
  local stamp="$INSTANCE_HOME/migrated" want
  want="$GEOVISIO_VERSION $(psql_admin -d "$DB_NAME" -c 'SELECT system_identifier FROM pg_control_system()')"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
  log "running database migrations (flask db upgrade)"
  flask_cli db upgrade >"$LOGS/migrate.log" 2>&1 || die_log "$LOGS/migrate.log" "database migration failed"
  echo "$want" >"$stamp"
}

# ----------------------------------------------------------------------------- processes
# true if the pid file names a live process whose command line contains $2;
# a stale pid file (dead or recycled pid) is removed
alive() {
  local file="$1" pattern="$2" pid cmdline
  [ -s "$file" ] || return 1
  pid="$(cat "$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *"$pattern"* ]] && return 0
  fi
  rm -f "$file"
  return 1
}
web_alive() { alive "$WEB_PID" gunicorn; }
worker_alive() { alive "$WORKER_PID" picture-worker; }

# http status of /api, 000 when nothing answers (or curl is not installed yet)
api_code() {
  local code=""
  if command -v curl >/dev/null 2>&1; then
    code="$(curl -s -o /dev/null -m "${1:-5}" -w '%{http_code}' "$BASE_URL/api" 2>/dev/null || true)"
  fi
  echo "${code:-000}"
}

# start "$@" in its own session (pid == process group id), stdout/err to $2, pid to $1
spawn() {
  local pidfile="$1" logfile="$2"; shift 2
  [ -f "$logfile" ] && mv -f "$logfile" "$logfile.1"
  rm -f "$pidfile"
  # the background subshell becomes (exec) the fd-closing bash, then setsid, then the command
  # shellcheck disable=SC2016
  (cd "$INSTANCE_HOME" && exec bash -c "$CLOSE_FDS_EXEC" detached setsid sh -c 'echo $$ >"$0"; exec "$@"' \
    "$pidfile" "$@" </dev/null >"$logfile" 2>&1) &
  local _
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die_log "$logfile" "could not start $1"
}

port_holder() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$API_PORT" 2>/dev/null | grep -o '"[^"]*",pid=[0-9]*' |
    sed 's/^"\(.*\)",pid=\(.*\)$/\1 (pid \2)/' | head -n 3 | paste -sd ' ' -
}

# refuse to go on when the API port is served by something this script (with this home) did
# not start, e.g. an instance started with another PANORAMAX_HOME: its tokens would not work
check_port_free() {
  local code; code="$(api_code 3)"
  if [ "$code" != 000 ]; then
    local body; body="$(curl -s -m 3 "$BASE_URL/api" 2>/dev/null | head -c 200 || true)"
    log "127.0.0.1:$API_PORT already answers /api with HTTP $code, from a process this script did not start"
    log "  process: $(port_holder)"
    log "  body: ${body:-<empty>}"
    die "port $API_PORT is taken. If it is another Panoramax instance (other PANORAMAX_HOME, or shared/tools/panoramax-local.sh), stop it with the tool and home that started it; or set PANORAMAX_PORT"
  fi
  if [ -n "$(port_holder)" ]; then
    die "127.0.0.1:$API_PORT is already in use by $(port_holder) (not answering /api); set PANORAMAX_PORT"
  fi
}

start_web() {
  check_port_free
  local extra=()
  # gunicorn >= 25 creates ~/.gunicorn/gunicorn.ctl unless told not to
  if "$VENV/bin/gunicorn" --help 2>/dev/null | grep -q -- --no-control-socket; then extra+=(--no-control-socket); fi
  log "starting API (gunicorn, $WEB_WORKERS workers) on $BASE_URL"
  # picture processing belongs to the separate worker: no executor inside the web processes
  PICTURE_PROCESS_THREADS_LIMIT=0 spawn "$WEB_PID" "$LOGS/web.log" \
    "$VENV/bin/gunicorn" -b "127.0.0.1:$API_PORT" -w "$WEB_WORKERS" --timeout 300 "${extra[@]}" \
    --access-logfile "$LOGS/access.log" 'geovisio:create_api()'
}

start_worker() {
  log "starting picture worker"
  PICTURE_PROCESS_THREADS_LIMIT=1 spawn "$WORKER_PID" "$LOGS/worker.log" \
    "$VENV/bin/flask" --app geovisio picture-worker
}

wait_api() {
  local t0=$SECONDS
  while [ $((SECONDS - t0)) -lt 120 ]; do
    if ! web_alive; then
      stop_processes
      die_log "$LOGS/web.log" "the API (gunicorn) exited during start-up"
    fi
    if [ "$(api_code 10)" = 200 ]; then
      log "API answers on $BASE_URL/api ($((SECONDS - t0)) s)"
      return 0
    fi
    sleep 0.25
  done
  stop_processes
  die_log "$LOGS/web.log" "the API did not answer on $BASE_URL/api within 120 s"
}

# stop API and worker together (each takes 1-3 s to shut down gracefully): TERM both, wait,
# then KILL whatever is left in their process groups (gunicorn workers, a hung worker)
stop_processes() {
  local pids=() pid left _
  if worker_alive; then pid="$(cat "$WORKER_PID")"; log "stopping picture worker (pid $pid)"; pids+=("$pid"); fi
  if web_alive; then pid="$(cat "$WEB_PID")"; log "stopping API (gunicorn, pid $pid)"; pids+=("$pid"); fi
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 80); do
      left=0
      for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && left=1; done
      [ $left = 0 ] && break
      sleep 0.25
    done
    for pid in "${pids[@]}"; do
      if kill -0 -- "-$pid" 2>/dev/null; then
        log "process group $pid did not stop within 20 s, killing it"
        kill -KILL -- "-$pid" 2>/dev/null || true
      fi
    done
  fi
  rm -f "$WEB_PID" "$WORKER_PID" "$RUNNING_ENV"
}

running_setting() { sed -n "s/^$1=//p" "$RUNNING_ENV" 2>/dev/null; }

ensure_processes() {
  local web=0 worker=0
  web_alive && web=1
  worker_alive && worker=1
  if [ $web = 1 ] || [ $worker = 1 ]; then
    if ! cmp -s "$SERVER_ENV" "$RUNNING_ENV"; then
      local was; was="$(running_setting API_FORCE_AUTH_ON_UPLOAD)"
      log "running server was started with other settings (FORCE_AUTH ${was:-?} -> $FORCE_AUTH); restarting it"
      stop_processes
      web=0 worker=0
    fi
  fi
  [ $web = 1 ] || start_web
  [ $worker = 1 ] || start_worker
  wait_api
  # the worker has no health endpoint: it must at least still be alive once the API is up
  worker_alive || { stop_processes; die_log "$LOGS/worker.log" "the picture worker exited during start-up"; }
  cp -f "$SERVER_ENV" "$RUNNING_ENV"
}

# ----------------------------------------------------------------------------- tokens
# mint_tokens OUTFILE NAME... : writes "NAME<TAB>JWT" lines. Creates each account if needed and
# one token row per account (reused later); NAME "default" is the default (admin) account.
# The JWT is HS256({"iss": "geovisio", "sub": token id}) signed with FLASK_SECRET_KEY, built by
# GeoVisio's private _generate_jwt_token: re-check on server upgrades.
mint_tokens() {
  local out="$1"; shift
  (cd "$INSTANCE_HOME" && PICTURE_PROCESS_THREADS_LIMIT=0 DB_CHECK_SCHEMA=false \
    "$VENV/bin/python" - "$out" "$@" >"$LOGS/token.log" 2>&1 <<'PY'
import sys

from geovisio import create_app
from geovisio.utils import db
from geovisio.web.tokens import _generate_jwt_token

out, names = sys.argv[1], sys.argv[2:]
app = create_app()
lines = []
with app.app_context():
    with db.conn(app) as conn, conn.transaction():
        for name in names:
            if name == "default":
                account = conn.execute("SELECT id FROM accounts WHERE is_default").fetchone()[0]
            else:
                row = conn.execute("SELECT id FROM accounts WHERE name = %s", [name]).fetchone()
                account = row[0] if row else conn.execute(
                    "INSERT INTO accounts (name, role) VALUES (%s, 'user') RETURNING id", [name]
                ).fetchone()[0]
            row = conn.execute(
                "SELECT id FROM tokens WHERE account_id = %s AND description = 'panoramax-qgis-tests'"
                " ORDER BY generated_at LIMIT 1",
                [account],
            ).fetchone()
            token = row[0] if row else conn.execute(
                "INSERT INTO tokens (account_id, description) VALUES (%s, 'panoramax-qgis-tests') RETURNING id",
                [account],
            ).fetchone()[0]
            lines.append(f"{name}\t{_generate_jwt_token(token)}\n")
with open(out, "w") as f:
    f.writelines(lines)
for pool in ("pool", "long_queries_pool"):
    if getattr(app, pool, None) is not None:
        getattr(app, pool).close()
PY
  ) || die_log "$LOGS/token.log" "token generation failed"
}

token_valid() {
  [ -n "$1" ] && [ "$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Authorization: Bearer $1" \
    "$BASE_URL/api/users/me" 2>/dev/null)" = 200 ]
}

env_value() { sed -n "s/^export $1=//p" "$TEST_ENV" 2>/dev/null; }

write_test_env() {
  local user_token admin_token
  # reuse the tokens of the previous run when they still authenticate against this server
  if [ "$(env_value PANORAMAX_URL)" = "$BASE_URL" ] && [ "$(env_value PANORAMAX_USER)" = "$TEST_USER" ] &&
    [ "$(env_value PANORAMAX_HOME)" = "$INSTANCE_HOME" ]; then
    user_token="$(env_value PANORAMAX_TOKEN)"
    admin_token="$(env_value PANORAMAX_ADMIN_TOKEN)"
  fi
  if ! token_valid "${user_token:-}" || ! token_valid "${admin_token:-}"; then
    log "minting tokens for '$TEST_USER' and the default (admin) account"
    local out; out="$(mktemp)"
    mint_tokens "$out" "$TEST_USER" default
    user_token="$(awk -F '\t' -v n="$TEST_USER" '$1 == n { print $2 }' "$out")"
    admin_token="$(awk -F '\t' '$1 == "default" { print $2 }' "$out")"
    rm -f "$out"
    token_valid "$user_token" || die "freshly minted token for '$TEST_USER' is rejected by $BASE_URL/api/users/me"
  fi
  (
    umask 077
    {
      echo "# Panoramax test instance; source it or: eval \"\$($0 env)\""
      echo "# server started with API_FORCE_AUTH_ON_UPLOAD=$FORCE_AUTH, derivates $DERIVATES"
      printf 'export %s=%q\n' \
        PANORAMAX_URL "$BASE_URL" \
        PANORAMAX_API "$BASE_URL/api" \
        PANORAMAX_TOKEN "$user_token" \
        PANORAMAX_USER "$TEST_USER" \
        PANORAMAX_ADMIN_TOKEN "$admin_token" \
        PANORAMAX_HOME "$INSTANCE_HOME"
    } >"$TEST_ENV.tmp"
  )
  mv -f "$TEST_ENV.tmp" "$TEST_ENV"
}

# ----------------------------------------------------------------------------- commands
cmd_up() {
  need_root
  ensure_home
  take_lock
  local t0=$SECONDS
  apt_ensure "${APT_PACKAGES[@]}"
  # fail fast, before the venv install, if something else serves the API port
  web_alive || check_port_free
  ensure_venv
  load_server_env
  ensure_cluster
  migrate
  ensure_processes
  write_test_env
  log "ready in $((SECONDS - t0)) s: $BASE_URL/api (FORCE_AUTH=$FORCE_AUTH); env file $TEST_ENV"
  grep '^export' "$TEST_ENV"
}

cmd_stop() {
  need_root
  [ -d "$RUN" ] || { log "nothing to stop in $INSTANCE_HOME"; return 0; }
  take_lock
  stop_processes
}

cmd_down() {
  need_root
  [ -d "$RUN" ] && { take_lock; stop_processes; }
  if [[ "$(cluster_state)" == online* ]]; then
    log "stopping PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop
  fi
}

cmd_purge() {
  need_root
  if [ -d "$INSTANCE_HOME" ] && [ ! -e "$MARKER" ]; then
    die "$INSTANCE_HOME was not created by this script, not deleting it"
  fi
  [ -d "$RUN" ] && { take_lock; stop_processes; }
  if [ -n "$(cluster_state)" ]; then
    log "dropping PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    pg_dropcluster --stop "$PG_VERSION" "$PG_CLUSTER"
  fi
  # pg_dropcluster leaves the configuration directory behind when conf.d holds our file
  local confdir="/etc/postgresql/$PG_VERSION/$PG_CLUSTER"
  if [ -d "$confdir" ] && [ ! -e "$confdir/postgresql.conf" ]; then
    rm -f "$confdir/conf.d/50-panoramax-qgis.conf"
    rmdir "$confdir/conf.d" "$confdir" 2>/dev/null || true
  fi
  if [ -d "$INSTANCE_HOME" ]; then
    log "deleting $INSTANCE_HOME"
    rm -rf -- "$INSTANCE_HOME"
  fi
}

cmd_status() {
  local healthy=0 state
  if web_alive; then log "API (gunicorn): running, pid $(cat "$WEB_PID")"; else log "API (gunicorn): stopped"; healthy=1; fi
  if worker_alive; then log "picture worker: running, pid $(cat "$WORKER_PID")"; else log "picture worker: stopped"; healthy=1; fi
  [ -f "$RUNNING_ENV" ] && log "started with FORCE_AUTH=$(running_setting API_FORCE_AUTH_ON_UPLOAD), derivates $(running_setting PICTURE_PROCESS_DERIVATES_STRATEGY)"
  state="$(cluster_state)"
  log "PostgreSQL cluster $PG_VERSION/$PG_CLUSTER (port $PG_PORT): ${state:-absent}"
  [[ "$state" == online* ]] || healthy=1
  local code; code="$(api_code 5)"
  if [ "$code" = 200 ]; then log "$BASE_URL/api: HTTP 200"; else log "$BASE_URL/api: ${code/#000/no answer}"; healthy=1; fi
  log "home: $INSTANCE_HOME; env file: $([ -f "$TEST_ENV" ] && echo "$TEST_ENV" || echo 'none yet')"
  return $healthy
}

cmd_env() {
  [ -f "$TEST_ENV" ] || die "no $TEST_ENV: run '$0 up' first (with the same PANORAMAX_HOME)"
  [ "$(api_code 3)" = 200 ] || log "warning: $BASE_URL/api does not answer; run '$0 up'"
  grep '^export' "$TEST_ENV"
}

cmd_token() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then die "usage: $0 token NAME"; fi
  need_root
  [ -n "$(installed_geovisio || true)" ] || die "geovisio is not installed in $VENV: run '$0 up' first"
  ensure_home
  take_lock
  load_server_env
  start_cluster
  local out; out="$(mktemp)"
  mint_tokens "$out" "$1"
  cut -f 2 "$out"
  rm -f "$out"
}

cmd_refresh() {
  need_root
  [ -n "$(installed_geovisio || true)" ] || die "geovisio is not installed in $VENV: run '$0 up' first"
  load_server_env
  start_cluster
  log "refreshing the low-zoom picture grid (flask db refresh)"
  flask_cli db refresh >"$LOGS/refresh.log" 2>&1 || die_log "$LOGS/refresh.log" "flask db refresh failed"
}

TEST_DB_ROLE=panoramax_plugin_test
cmd_test_db() {
  local action="${1:-}" name="${2:-}"
  if [ $# -ne 2 ] || [[ ! "$action" =~ ^(create|drop)$ ]] || [[ ! "$name" =~ ^panoramax_plugin_test_[a-z0-9_]{1,40}$ ]]; then
    die "usage: $0 test-db create|drop panoramax_plugin_test_<a-z0-9_>"
  fi
  need_root
  [[ "$(cluster_state)" == online* ]] || die "PostgreSQL cluster $PG_VERSION/$PG_CLUSTER is not running (run: $0 up)"
  if [ "$action" = drop ]; then
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
    return 0
  fi
  psql_admin -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TEST_DB_ROLE') THEN
    CREATE ROLE $TEST_DB_ROLE LOGIN PASSWORD '$TEST_DB_ROLE';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS $name WITH (FORCE);
CREATE DATABASE $name OWNER $TEST_DB_ROLE ENCODING 'UTF8' TEMPLATE template0;
\\c $name
CREATE EXTENSION postgis;
SQL
  echo "host=127.0.0.1 port=$PG_PORT dbname=$name user=$TEST_DB_ROLE password=$TEST_DB_ROLE"
}

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

main() {
  local cmd="${1:-help}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    up) cmd_up ;;
    stop) cmd_stop ;;
    down) cmd_down ;;
    purge) cmd_purge ;;
    status) cmd_status ;;
    env) cmd_env ;;
    token) cmd_token "$@" ;;
    restart) cmd_stop; cmd_up ;;
    refresh) cmd_refresh ;;
    test-db) cmd_test_db "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"; exit
