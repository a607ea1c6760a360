"""Code-point offsets <-> LSP positions (line, character in the negotiated encoding).

The protocol counts characters in UTF-16 code units by default (an emoji or any other astral
character is two units), or in UTF-8 bytes / UTF-32 code points when client and server agree on
it. Lines end at \\n, \\r\\n or \\r, as in newslint's LineIndex. Offsets everywhere else in
newslint are code points into the original text; this module converts at the edge only.
"""

from __future__ import annotations

from ..positions import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """Length of `text` in code units of `encoding`."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionMap:
    """Converts between code-point offsets of one text and LSP (line, character) pairs."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        self.lines = LineIndex(text)

    def _line_end(self, line0: int) -> int:
        """Offset just past the last character of 0-based `line0`, before its line break."""
        if line0 + 1 < self.lines.line_count:
            end = self.lines.line_start(line0 + 2)
            if end >= 2 and self.text[end - 2:end] == "\r\n":
                return end - 2
            return end - 1
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line, col = self.lines.line_col(offset)
        start = offset - (col - 1)
        return line - 1, units(self.text[start:offset], self.encoding)

    def offset(self, line0: int, character: int) -> int:
        """Code-point offset of an LSP position; positions past a line's end clamp to it."""
        if line0 < 0:
            return 0
        if line0 >= self.lines.line_count:
            return len(self.text)
        start = self.lines.line_start(line0 + 1)
        end = self._line_end(line0)
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        count = 0
        pos = start
        while pos < end and count < character:
            count += units(self.text[pos], self.encoding)
            pos += 1
        return pos
