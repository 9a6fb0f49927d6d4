"""Server text shown by Qt as text, never as markup.

Qt decides for each tooltip whether it is rich text (``Qt.mightBeRichText``), and a tag
value, a report comment or an error message may hold markup: escaped inside a paragraph,
it is always rich text whose characters read exactly as the server sent them.
"""

from __future__ import annotations

import html


def as_text(text) -> str:
    """Rich text (for a tooltip, a label or a message box) that shows ``text`` as typed,
    line breaks kept."""
    return "<p style='white-space:pre-wrap'>" + html.escape(str(text), quote=False) + "</p>"
