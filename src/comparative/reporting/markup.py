"""What the page writes and the renderer reads back: the caption slots of a table or
figure, and images as data URIs (one home, so neither imports the other)."""

from __future__ import annotations

import base64

CAPTION_SLOT = '<span class="caption-slot"></span>'
ALT_SLOT = 'alt="" data-caption-alt'


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
