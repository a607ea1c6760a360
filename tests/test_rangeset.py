"""RangeSet.merged: ranges that may overlap (names inside names) answer 'is this position or span
inside one' by bisection exactly as a scan over every range would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.textutil import RangeSet

_RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=25)


@given(_RANGES, st.integers(-2, 80))
def test_covers_is_the_scan(ranges: list[tuple[int, int]], pos: int) -> None:
    assert RangeSet.merged(ranges).covers(pos) == any(s <= pos < e for s, e in ranges)


@given(_RANGES, st.integers(-2, 80), st.integers(1, 10))
def test_contains_is_the_scan(ranges: list[tuple[int, int]], start: int, length: int) -> None:
    end = start + length
    assert RangeSet.merged(ranges).contains(start, end) == any(s < end and start < e for s, e in ranges if s < e)


def test_overlapping_and_nested_ranges_are_joined() -> None:
    joined = RangeSet.merged([(10, 20), (0, 5), (12, 30), (14, 16), (40, 41)])
    assert list(joined) == [(0, 5), (10, 30), (40, 41)]
    assert joined.covers(29) and not joined.covers(30) and not joined.covers(5)
