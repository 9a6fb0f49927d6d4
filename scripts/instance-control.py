"""Host side of the local instance's control channel, for tests run in a chroot.

The local Panoramax instance runs on the host; a test inside the chroot that stops,
restarts or refreshes it (tests/instance_control.py) sends one JSON line here, e.g.
``{"command": "up", "env": {"PANORAMAX_FORCE_AUTH": "true"}}`` (``"args"``: only for
``test-db``); this runs
``scripts/panoramax-instance.sh up`` on the host and answers one JSON line with
``returncode``, ``stdout`` and ``stderr``. Only a few commands and settings are accepted.

Usage (scripts/chroot-test.sh starts and stops it): python3 instance-control.py SOCKET
Standard library only: it runs on the host's /usr/bin/python3.
"""

from __future__ import annotations

import json
import os
import re
import socketserver
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "panoramax-instance.sh"
COMMANDS = {"up", "stop", "restart", "refresh", "status", "test-db", "token"}
# arguments accepted, by command (whole-string patterns); other commands take none
ARGUMENTS = {
    "test-db": (r"create|drop", r"panoramax_plugin_test_[a-z0-9_]{1,40}"),
    "token": (r"qgis-[a-z0-9-]{1,30}",),  # a test account's token (made if needed)
}
SETTINGS = {"PANORAMAX_FORCE_AUTH": {"true", "false"}}
TIMEOUT_S = 900


def run(request: dict) -> dict:
    command = request.get("command")
    env = request.get("env") or {}
    args = request.get("args") or []
    if command not in COMMANDS or not isinstance(env, dict):
        return {"returncode": 2, "stdout": "", "stderr": f"command not allowed: {command!r}"}
    patterns = ARGUMENTS.get(command, ())
    if not isinstance(args, list) or len(args) > len(patterns):
        return {"returncode": 2, "stdout": "", "stderr": "arguments not allowed"}
    for arg, pattern in zip(args, patterns):
        if not isinstance(arg, str) or not re.fullmatch(pattern, arg):
            return {"returncode": 2, "stdout": "", "stderr": f"argument not allowed: {arg!r}"}
    for name, value in env.items():
        if value not in SETTINGS.get(name, ()):
            return {"returncode": 2, "stdout": "", "stderr": f"setting not allowed: {name}"}
    try:
        done = subprocess.run(
            ["bash", str(SCRIPT), command, *args],
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=float(request.get("timeout") or TIMEOUT_S),
        )
    except subprocess.TimeoutExpired as exc:
        return {"returncode": None, "stdout": "", "stderr": f"timed out after {exc.timeout} s"}
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            request = json.loads(self.rfile.readline())
            if not isinstance(request, dict):
                raise ValueError("a JSON object is expected")
            what = f"{request.get('command')} {request.get('env') or ''}".strip()
            answer = run(request)
        except (ValueError, TypeError) as exc:
            what, answer = "bad request", {"returncode": 2, "stdout": "", "stderr": str(exc)}
        print(
            f"[instance-control] {what}: exit {answer['returncode']}", file=sys.stderr, flush=True
        )
        self.wfile.write(json.dumps(answer).encode() + b"\n")


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main() -> None:
    path = sys.argv[1]
    old = os.umask(0o077)  # the socket: root only
    try:
        server = Server(path, Handler)
    finally:
        os.umask(old)
    with server:
        server.serve_forever()


if __name__ == "__main__":
    main()
