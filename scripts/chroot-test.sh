#!/usr/bin/env bash
# Runs the whole test suite on a newer QGIS, inside a Debian chroot of that release:
#   scripts/chroot-test.sh trixie [pytest args]   QGIS 3.40 LTR (Debian 13)
#   scripts/chroot-test.sh sid [pytest args]      QGIS 3.44 (Debian unstable, Python 3.14)
#
# The chroot is built once (debootstrap --variant=minbase) and cached outside the project,
# under $PANORAMAX_CHROOTS (default /var/cache/panoramax-qgis-chroots/<release>); inside it,
# the same scripts/bootstrap.sh installs QGIS and the test venv (VENV=/opt/panoramax-venv).
# The local Panoramax instance keeps running on the host (127.0.0.1:5000; the chroot shares
# the network). Tests that stop, restart or refresh it go through scripts/instance-control.py,
# served on the host on a Unix socket inside the chroot (PANORAMAX_INSTANCE_CONTROL).
#
# Mounts live in a private mount + PID namespace (unshare): whatever happens, nothing stays
# mounted on the host and no process started inside outlives the run; a trap also unmounts.
# Root on Debian (debootstrap, chroot, mount). Delete the cached folder to rebuild from scratch.
set -euo pipefail
export LC_ALL=C.UTF-8

PROJECT="$(cd "$(dirname "$0")/.." && pwd)"
CHROOTS="${PANORAMAX_CHROOTS:-/var/cache/panoramax-qgis-chroots}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CHROOT_VENV=/opt/panoramax-venv
CONTROL_SOCKET=/run/panoramax-instance-control.sock  # path inside the chroot
INSTANCE=(bash "$PROJECT/scripts/panoramax-instance.sh")

log() { printf '[chroot %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

inside=false
if [ "${1:-}" = --inside ]; then inside=true; shift; fi
RELEASE="${1:-}"
case "$RELEASE" in
  trixie) QGIS_WANTED=3.40 ;;
  sid) QGIS_WANTED=3.44 ;;
  *) echo "usage: $0 trixie|sid [pytest args]" >&2; exit 2 ;;
esac
shift
ROOT="$CHROOTS/$RELEASE"
STAMP_BUILT="$ROOT/.panoramax-debootstrap-done"
STAMP_APT="$ROOT/.panoramax-apt-updated"

# command inside the chroot, with a clean environment (the host's PIP_* and paths stay out)
in_chroot() {
  chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

mounted_under() { findmnt -rn -o TARGET | grep -qE "^$1(/|$)"; }

# ============================================================ inside the private namespaces
if $inside; then
  MOUNTS=()
  unmount_all() {
    local i
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
      umount "${MOUNTS[$i]}" 2>/dev/null || umount -l "${MOUNTS[$i]}" 2>/dev/null || true
    done
  }
  trap unmount_all EXIT
  # mount TARGET-INSIDE-CHROOT mount-args...
  mnt() {
    local target="$ROOT$1"; shift
    mkdir -p "$target"
    mount "$@" "$target"
    MOUNTS+=("$target")
  }
  mnt /proc -t proc proc           # this PID namespace's processes only
  mnt /sys --bind /sys
  mnt /dev --bind /dev
  mnt /dev/pts --bind /dev/pts
  mnt /dev/shm -t tmpfs -o mode=1777 shm
  mnt /tmp -t tmpfs -o mode=1777 tmp  # a fresh /tmp each run (QGIS profiles, pytest tmp)
  # the checkout at the same path, and ../shared beside it (tests read ../shared/data)
  mnt "$PROJECT" --bind "$PROJECT"
  shared="$(dirname "$PROJECT")/shared"
  if [ -d "$shared" ]; then
    mnt "$shared" --bind "$shared"
    mount -o remount,bind,ro "$ROOT$shared"  # reference data: read only
  fi
  # a worktree's .git points to the main repository's; git (i18n, package) needs it
  common="$(git -C "$PROJECT" rev-parse --path-format=absolute --git-common-dir)"
  case "$common" in "$PROJECT"/*) ;; *) mnt "$common" --bind "$common" ;; esac

  if [ ! -e "$STAMP_APT" ]; then
    log "apt-get update"
    in_chroot apt-get -q update >/dev/null
    touch "$STAMP_APT"
  fi
  log "bootstrap.sh inside (VENV=$CHROOT_VENV)"
  in_chroot VENV="$CHROOT_VENV" bash "$PROJECT/scripts/bootstrap.sh"
  version="$(in_chroot "$CHROOT_VENV/bin/python" -c \
    'import sys; from qgis.core import Qgis; print(Qgis.QGIS_VERSION, "/ Python", sys.version.split()[0])')"
  log "QGIS $version"
  [[ "$version" == "$QGIS_WANTED".* ]] || log "WARNING: QGIS $QGIS_WANTED was expected on $RELEASE"
  # .qm files from this release's lrelease (the .ts sources are the host's business)
  in_chroot bash "$PROJECT/scripts/i18n.sh" --release

  log "pytest on QGIS ${version%% *} ($RELEASE)"
  in_chroot bash -c 'set -a; . /run/panoramax-test.env; set +a
    mkdir -p -m 700 "$XDG_RUNTIME_DIR"; cd "$0"; exec "$1"/bin/python -m pytest -p no:cacheprovider "${@:2}"' \
    "$PROJECT" "$CHROOT_VENV" "$@"
  exit
fi

# ============================================================ on the host
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mount)"
mkdir -p "$CHROOTS"
# one run per chroot at a time (mounts, apt)
exec 8>"$CHROOTS/.$RELEASE.lock"
flock -n 8 || { log "waiting for another run on the $RELEASE chroot"; flock 8; }

if [ ! -e "$STAMP_BUILT" ]; then
  command -v debootstrap >/dev/null || {
    log "apt-get install debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
      --no-install-recommends debootstrap >/dev/null
  }
  if [ -e "$ROOT" ]; then  # a half-built chroot: start again, never through a mount
    mounted_under "$ROOT" && die "something is mounted under $ROOT; unmount it first"
    rm -rf --one-file-system "$ROOT"
  fi
  log "debootstrap $RELEASE into $ROOT (once; a few minutes)"
  start=$SECONDS
  # in a private mount namespace: debootstrap's own /proc and /sys mounts cannot leak
  unshare --mount --propagation private -- debootstrap --variant=minbase \
    --include=ca-certificates,git "$RELEASE" "$ROOT" "$MIRROR" >"$CHROOTS/$RELEASE.debootstrap.log" 2>&1 \
    || { tail -20 "$CHROOTS/$RELEASE.debootstrap.log" >&2; die "debootstrap failed (log: $CHROOTS/$RELEASE.debootstrap.log)"; }
  touch "$STAMP_BUILT"
  log "debootstrap done in $((SECONDS - start)) s"
fi

# host files the chroot needs, refreshed every run (cheap): DNS, the CA bundle the package
# index is reached through (plus the local CAs, so that update-ca-certificates keeps them), pip
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mkdir -p "$ROOT/usr/local/share/ca-certificates" "$ROOT/etc/ssl/certs"
cp -r /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/"
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
[ -e /etc/pip.conf ] && cp /etc/pip.conf "$ROOT/etc/pip.conf"
if [ -d /etc/xdg/pip ]; then mkdir -p "$ROOT/etc/xdg" && cp -r /etc/xdg/pip "$ROOT/etc/xdg/"; fi
apt_conf="$ROOT/etc/apt/apt.conf.d/99panoramax"
{
  echo 'APT::Install-Recommends "false";'
  # unstable's Release file may be past its Valid-Until on the mirror; this chroot only
  [ "$RELEASE" = sid ] && echo 'Acquire::Check-Valid-Until "false";'
} >"$apt_conf"

# the instance runs on the host; start it only if it is not healthy (a running one is left as is)
"${INSTANCE[@]}" status >/dev/null 2>&1 || "${INSTANCE[@]}" up >/dev/null
mkdir -p "$ROOT/run"
{
  "${INSTANCE[@]}" env
  echo "export PANORAMAX_REQUIRE_INSTANCE=1"
  echo "export PANORAMAX_INSTANCE_CONTROL=$CONTROL_SOCKET"
  echo "export QT_QPA_PLATFORM=offscreen"
  echo "export XDG_RUNTIME_DIR=/tmp/runtime-0"
} >"$ROOT/run/panoramax-test.env"

# the host side of the instance control channel, for as long as the tests run
control_pid="" inner_pid=""
cleanup() {
  # a run stopped from outside: unshare blocks TERM while it waits, so KILL it; --kill-child
  # then takes the whole PID namespace down, and the private mounts with it
  [ -z "$inner_pid" ] || { kill -KILL "$inner_pid" 2>/dev/null && wait "$inner_pid"; } || true
  [ -z "$control_pid" ] || kill "$control_pid" 2>/dev/null || true
  rm -f "$ROOT$CONTROL_SOCKET"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
rm -f "$ROOT$CONTROL_SOCKET"
/usr/bin/python3 "$PROJECT/scripts/instance-control.py" "$ROOT$CONTROL_SOCKET" &
control_pid=$!
for _ in $(seq 50); do [ -S "$ROOT$CONTROL_SOCKET" ] && break; sleep 0.1; done
[ -S "$ROOT$CONTROL_SOCKET" ] || die "the instance control server did not start"

start=$SECONDS
status=0
# in the background and waited for, so that a signal to this script reaches the trap at once
unshare --mount --pid --fork --kill-child --propagation private -- \
  bash "$0" --inside "$RELEASE" "$@" &
inner_pid=$!
wait "$inner_pid" || status=$?
inner_pid=""
log "done in $((SECONDS - start)) s (exit $status)"
exit "$status"
