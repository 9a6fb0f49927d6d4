"""A least-recently-used cache bounded by total size (bytes), not entry count.

Pictures vary from 30 KB thumbnails to 30 MB decoded panoramas: counting entries
would not bound memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class SizedLRU:
    """``put(key, value, size)``; evicts the least recently used beyond ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = int(max_bytes)
        self._items: OrderedDict = OrderedDict()  # key -> (value, size)
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key) -> bool:
        return key in self._items

    def get(self, key, default=None):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return default
            self._items.move_to_end(key)
            return item[0]

    def put(self, key, value, size: int) -> None:
        with self._lock:
            if key in self._items:
                self._size -= self._items.pop(key)[1]
            if size > self.max_bytes:
                return  # larger than the whole cache: not kept
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes and self._items:
                _, (_, evicted) = self._items.popitem(last=False)
                self._size -= evicted

    def resize(self, max_bytes: int) -> None:
        """Bound the cache to ``max_bytes`` from now on (the oldest entries evicted)."""
        with self._lock:
            self.max_bytes = int(max_bytes)
            while self._size > self.max_bytes and self._items:
                _, (_, evicted) = self._items.popitem(last=False)
                self._size -= evicted

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0
