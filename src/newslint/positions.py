"""Offset <-> line/column conversion by bisect over line starts."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) pairs.

    Lines end at \\n, \\r\\n or a lone \\r, as editors count them.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        i = 0
        n = len(text)
        while i < n:
            c = text[i]
            if c == "\n":
                starts.append(i + 1)
            elif c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            i += 1
        self._starts = starts

    @classmethod
    def fast(cls, text: str) -> "LineIndex":
        """Build quickly when the text has no carriage returns."""
        if "\r" in text:
            return cls(text)
        obj = cls.__new__(cls)
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        obj._starts = starts
        return obj

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self._starts)
