"""Runs ``scripts/panoramax-instance.sh`` for tests that stop, restart or refresh the instance.

On the host this is a plain subprocess. In a chroot (``make test-qgis340``/``test-qgis344``)
the instance runs on the host, so the command goes there instead: through the Unix socket
named by ``PANORAMAX_INSTANCE_CONTROL``, served by ``scripts/instance-control.py``. Either
way a failure raises ``subprocess.CalledProcessError`` (like ``check=True``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "panoramax-instance.sh"


def run_instance_script(
    command: str,
    env: dict | None = None,
    timeout: float | None = None,
    arguments: list | None = None,
) -> subprocess.CompletedProcess:
    """``bash scripts/panoramax-instance.sh COMMAND [ARGUMENTS]`` with ``env`` added to the
    environment."""
    args = ["bash", str(SCRIPT), command, *(arguments or [])]
    channel = os.environ.get("PANORAMAX_INSTANCE_CONTROL")
    if not channel:
        return subprocess.run(
            args,
            env={**os.environ, **(env or {})},
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    request = {"command": command, "env": env or {}, "timeout": timeout}
    if arguments:
        request["args"] = list(arguments)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout + 10 if timeout else 960)
        sock.connect(channel)
        sock.sendall(json.dumps(request).encode() + b"\n")
        answer = json.loads(sock.makefile("rb").readline())
    out, err = answer["stdout"].encode(), answer["stderr"].encode()  # bytes, as on the host
    if answer["returncode"] is None:
        raise subprocess.TimeoutExpired(args, timeout or 0, out, err)
    if answer["returncode"] != 0:
        raise subprocess.CalledProcessError(answer["returncode"], args, out, err)
    return subprocess.CompletedProcess(args, 0, out, err)
