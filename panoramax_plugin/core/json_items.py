"""Decode a big ``{"features": [...]}`` answer one feature at a time.

A single ``json.loads`` of a 10,000-item answer holds Python's GIL for the whole
parse (hundreds of ms): the QGIS GUI thread cannot run any Python meanwhile.
Decoding item by item gives the interpreter a chance to switch threads between
items. Any surprise in the layout falls back to ``json.loads``.
"""

from __future__ import annotations

import codecs
import json
import re

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def iter_array_items(text: str, key: str):
    """Yield the items of the top-level array ``key`` of the JSON object in ``text``.

    Raises ``ValueError`` (like ``json.loads``) when the text is not JSON.
    """
    marker = f'"{key}"'
    start = text.find(marker)
    if start < 0 or text[:start].strip() != "{":
        yield from _fallback(text, key)
        return
    end = _WHITESPACE.match(text, start + len(marker)).end()
    if text[end : end + 1] != ":":
        yield from _fallback(text, key)
        return
    index = _WHITESPACE.match(text, end + 1).end()
    if text[index : index + 1] != "[":
        yield from _fallback(text, key)
        return
    index = _WHITESPACE.match(text, index + 1).end()
    if text[index : index + 1] == "]":
        return
    while True:
        item, index = _DECODER.raw_decode(text, index)
        yield item
        index = _WHITESPACE.match(text, index).end()
        separator = text[index : index + 1]
        if separator == "]":
            return
        if separator != ",":
            raise ValueError(f"Expected ',' or ']' at character {index}")
        index = _WHITESPACE.match(text, index + 1).end()


def _fallback(text: str, key: str):
    body = json.loads(text)
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"No '{key}' list in the answer")
    yield from items


def decode_utf8(data: bytes, chunk: int = 1 << 22) -> str:
    """UTF-8 bytes to text a few MB at a time (the GIL is free between pieces)."""
    if len(data) <= chunk:
        return data.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    pieces = [decoder.decode(view[start : start + chunk]) for start in range(0, len(data), chunk)]
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)
