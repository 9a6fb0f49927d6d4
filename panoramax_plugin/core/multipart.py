"""A multipart/form-data body that streams its file from disk.

``requests`` builds ``files=`` bodies in memory; this file-like object with a known
length lets it send a 30 MB picture while holding a few KiB.
"""

from __future__ import annotations

import os
import secrets

CHUNK = 256 * 1024


class FileChangedError(OSError):
    """The file shrank or vanished while it was being sent."""


class MultipartFile:
    """``read(n)`` over: text fields, the file part's header, the file, the closing line."""

    def __init__(self, fields: dict, file_field: str, path: str, filename: str, progress=None):
        self.boundary = "panoramax-" + secrets.token_hex(12)
        self.path = path
        self.progress = progress
        head = b""
        for name, value in fields.items():
            head += (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n"
            ).encode()
        safe_name = filename.replace('"', "_").replace("\r", "_").replace("\n", "_")
        head += (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{safe_name}"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        self._head = head
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.file_size = os.path.getsize(path)
        self.len = len(head) + self.file_size + len(self._tail)
        self._handle = None
        self._stage = 0
        self._file_read = 0
        self.sent = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self.len

    def read(self, size: int = -1) -> bytes:
        size = CHUNK if size is None or size < 0 else size
        if self._stage == 0:
            self._stage = 1
            self._handle = open(self.path, "rb")  # closed after the last read
            return self._emit(self._head)
        if self._stage == 1:
            data = self._handle.read(size)
            if data:
                self._file_read += len(data)
                return self._emit(data)
            if self._file_read != self.file_size:  # truncated or replaced while sending
                raise FileChangedError(
                    f"{self.path} changed while it was being sent "
                    f"({self._file_read} of {self.file_size} bytes)"
                )
            self._handle.close()
            self._stage = 2
            return self._emit(self._tail)
        return b""

    def _emit(self, data: bytes) -> bytes:
        self.sent += len(data)
        if self.progress:
            self.progress(self.sent, self.len)
        return data

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
