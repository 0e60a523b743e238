"""Cutting a row of byte counts into the overlap kernel's columns with ``bytes`` operations, no Python step per pair.

The pure-Python kernel (:mod:`.kernel`) counts a dense row, set ``i`` against every earlier set, in a
``bytearray``: byte ``j`` is how many elements sets ``j`` and ``i`` share. :func:`dense_columns` appends the pairs
whose count is not 0 to the ``array('I')`` columns ``left``, ``right`` and ``shared``.
"""

from __future__ import annotations

import sys
from array import array
from itertools import compress

__all__ = ["Lanes", "dense_columns", "digit_lanes"]

#: The bytes of every index (4, little-endian) and its base-255 digits (see :func:`digit_lanes`).
Lanes = tuple[memoryview, tuple[bytes, ...]]
#: The columns are written in bytes: little-endian 4-byte ``'I'`` (else item by item; a module constant for tests).
_LANES = sys.byteorder == "little" and array("I").itemsize == 4
#: Above this share of dropped positions in a row, :func:`dense_columns` cuts ``left`` from base-255 digits.
_DIGITS_FROM = 0.25
_FF4 = b"\xff" * 4
_ZERO_TO_FF = bytes([255] + [0] * 255)  # a count of 0 becomes 0xFF (a position to drop), any other count 0


def digit_lanes(n: int) -> Lanes | None:
    """The 4 bytes of every index below ``n`` (little-endian), and its base-255 digits, a ``bytes`` a digit: byte
    ``j`` of ``digits[b]`` is ``j // 255**b % 255``, never ``ff``; as many digits as ``n - 1`` has (at least 1).
    None where the columns cannot be written as bytes (not little-endian 4-byte ``'I'``, or ``n`` too large for
    the top byte of an index to be never ``ff``)."""
    if not _LANES or n >= 0xFF000000:
        return None
    digits = []
    while not digits or 255 ** len(digits) < n:
        step = 255 ** len(digits)
        block = b"".join(bytes((v,)) * step for v in range(min(255, n // step + 1)))
        digits.append((block * (n // len(block) + 1))[:n])
    return memoryview(array("I", range(n)).tobytes()), tuple(digits)


def dense_columns(counts: bytearray, i: int, lanes: Lanes | None, left: array, right: array,
                  shared: array) -> None:  # fmt: skip
    """Append the pairs of row ``i`` whose count (byte ``j`` of ``counts``: set ``j`` against set ``i``) is not 0.

    With little-endian 4-byte columns (``lanes``, from :func:`digit_lanes`), in bytes operations, no Python step
    per pair. ``shared``: the counts with the zeros deleted (``translate``), each widened to 4 bytes. ``left`` when
    at most ``_DIGITS_FROM`` of the row is dropped: each kept position's 4 bytes are copied, each dropped one made
    ``ff ff ff ff`` and removed by ``replace``, which can only match those (a kept index's top byte is never ``ff``,
    and 4 bytes in a row hold one top byte, so a match starts where a dropped index does). When more is dropped
    (``replace`` goes match by match): each base-255 digit of the kept indices is cut from its ``bytes`` by
    deleting ``ff`` (dropped positions made ``ff``; a digit never is), the digits are put in the bytes of 4-byte
    groups, and the group value ``Σ dᵦ·256ᵇ`` becomes the index ``Σ dᵦ·255ᵇ`` in one subtraction of ints:
    ``Σ dᵦ·(256ᵇ - 255ᵇ)`` per group, below its value, so that no group borrows from the next.
    """
    zeros = counts.count(0)
    kept = i - zeros
    if not kept:
        return
    right.extend(array("I", (i,)) * kept)
    if lanes is None:
        left.extend(compress(range(i), counts))
        shared.extend(counts.replace(b"\0", b""))
        return
    iota, digits = lanes
    if not zeros:
        left.frombytes(iota[: 4 * i])
    elif zeros <= _DIGITS_FROM * i:
        drop = counts.translate(_ZERO_TO_FF)
        mask = bytearray(4 * i)
        for lane in range(4):
            mask[lane::4] = drop
        masked = int.from_bytes(iota[: 4 * i], "little") | int.from_bytes(mask, "little")
        left.frombytes(masked.to_bytes(4 * i, "little").replace(_FF4, b""))
    else:
        drop = int.from_bytes(counts.translate(_ZERO_TO_FF), "little")
        groups, spread, correction = bytearray(4 * kept), bytearray(4 * kept), 0
        for b, digit in enumerate(digits):
            cut = (int.from_bytes(digit[:i], "little") | drop).to_bytes(i, "little").translate(None, b"\xff")
            groups[b::4] = cut
            if b:
                spread[::4] = cut
                correction += (256**b - 255**b) * int.from_bytes(spread, "little")
        left.frombytes((int.from_bytes(groups, "little") - correction).to_bytes(4 * kept, "little"))
    widened = bytearray(4 * kept)
    widened[::4] = counts.translate(None, b"\0") if zeros else counts  # translate deletes in one pass
    shared.frombytes(widened)
