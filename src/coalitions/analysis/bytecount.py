"""Cutting a row of byte counts into the overlap kernel's columns with ``bytes`` operations, no Python step per pair.

The pure-Python kernel (:mod:`.kernel`) counts a dense row, set ``i`` against every earlier set, in a
``bytearray``: byte ``j`` is how many elements sets ``j`` and ``i`` share. :func:`dense_columns` appends the pairs
whose count is at least ``least`` to the ``array('I')`` columns ``left``, ``right`` and ``shared``.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate, compress, count
from operator import add

__all__ = ["Lanes", "dense_columns", "digit_lanes"]

#: The bytes of every index (4, little-endian), its base-255 digits as ints, and the low bytes of 4-byte groups (see
#: :func:`digit_lanes`).
Lanes = tuple[memoryview, tuple[int, ...], int]
#: The columns are written in bytes: little-endian 4-byte ``'I'`` (else item by item; a module constant for tests).
_LANES = sys.byteorder == "little" and array("I").itemsize == 4
#: Above this share of dropped positions in a row, :func:`dense_columns` cuts ``left`` from base-255 digits; when at
#: most ``_SPARSE_TO`` of the row is kept, from the gaps between kept positions.
_DIGITS_FROM, _SPARSE_TO = 0.25, 0.04
_FF4 = b"\xff" * 4
_TABLES: dict[int, tuple[bytes, bytes, bytes]] = {}  # least -> (counts below it, their drop table, the keep table)


def _tables(least: int) -> tuple[bytes, bytes, bytes]:
    """For a threshold ``least`` (1 to 255): the byte values below it (for ``translate``'s delete), the table making
    a count below it ``ff`` (a position to drop) and any other 0, and the table making a count below it 0 and any
    other 1."""
    tables = _TABLES.get(least)
    if tables is None:
        tables = _TABLES[least] = (bytes(range(least)), bytes([255] * least + [0] * (256 - least)),
                                   bytes([0] * least + [1] * (256 - least)))  # fmt: skip
    return tables


def digit_lanes(n: int) -> Lanes | None:
    """The 4 bytes of every index below ``n`` (little-endian); its base-255 digits, an ``int`` a digit whose byte ``j``
    is ``j // 255**b % 255`` (never ``ff``), as many digits as ``n - 1`` has (at least 1); and the ``int`` whose
    byte ``4k`` is ``ff`` for every ``k`` below ``n``, the others 0. None where the columns cannot be written as
    bytes (not little-endian 4-byte ``'I'``, or ``n`` too large for the top byte of an index to be never ``ff``)."""
    if not _LANES or n >= 0xFF000000:
        return None
    digits = []
    while not digits or 255 ** len(digits) < n:
        step = 255 ** len(digits)
        block = b"".join(bytes((v,)) * step for v in range(min(255, n // step + 1)))
        digits.append(int.from_bytes((block * (n // len(block) + 1))[:n], "little"))
    return memoryview(array("I", range(n)).tobytes()), tuple(digits), int.from_bytes(b"\xff\0\0\0" * n, "little")


def dense_columns(counts: bytearray, i: int, lanes: Lanes | None, left: array, right: array, shared: array,
                  least: int = 1) -> None:  # fmt: skip
    """Append the pairs of row ``i`` whose count (byte ``j`` of ``counts``: set ``j`` against set ``i``) is at least
    ``least`` (1 to 255); the others are dropped.

    With little-endian 4-byte columns (``lanes``, from :func:`digit_lanes`), in bytes operations, no Python step
    per pair. ``shared``: the counts with those below ``least`` deleted (``translate``), each widened to 4 bytes.
    ``left`` when at most ``_DIGITS_FROM`` of the row is dropped: each kept position's 4 bytes are copied, each
    dropped one made ``ff ff ff ff`` and removed by ``replace``, which can only match those (a kept index's top byte
    is never ``ff``, and 4 bytes in a row hold one top byte, so a match starts where a dropped index does). When at
    most ``_SPARSE_TO`` is kept: the row made 1 where kept and 0 where not is split at its 1s, and each kept index
    is the gaps before it plus the kept positions before it (``accumulate``, a step in C per pair). Else (``replace``
    goes match by match, and ``translate``'s deletes mispredict about twice a kept position, so there is one per
    digit): each base-255 digit of the kept indices is cut from its ``int`` (the row's first ``i`` bytes, masked) by
    making the dropped positions ``ff`` and deleting ``ff`` (a digit never is), the digits are put in the bytes of
    4-byte groups, and the group value ``Σ dᵦ·256ᵇ`` becomes the index ``Σ dᵦ·255ᵇ`` by subtracting
    ``(256ᵇ - 255ᵇ)·dᵦ`` for each digit above the first, ``dᵦ`` taken from the groups by a shift and a mask of their
    low bytes: below the group's value, so that no group borrows from the next.
    """
    below, drop_table, keep_table = _tables(least)
    values = counts.translate(None, below)  # the kept counts, in order (translate deletes in one pass)
    kept = len(values)
    if not kept:
        return
    if lanes is None:
        right.extend(array("I", (i,)) * kept)
        left.extend(compress(range(i), counts.translate(keep_table)))
        shared.extend(values)
        return
    right.frombytes(i.to_bytes(4, "little") * kept)
    iota, digits, low = lanes
    if kept == i:
        left.frombytes(iota[: 4 * i])
    elif i - kept <= _DIGITS_FROM * i:
        drop = counts.translate(drop_table)
        mask = bytearray(4 * i)
        for lane in range(4):
            mask[lane::4] = drop
        masked = int.from_bytes(iota[: 4 * i], "little") | int.from_bytes(mask, "little")
        left.frombytes(masked.to_bytes(4 * i, "little").replace(_FF4, b""))
    elif kept <= _SPARSE_TO * i:
        gaps = counts.translate(keep_table).split(b"\x01")  # kept + 1 pieces: the zeros before each kept position
        gaps.pop()
        left.extend(map(add, accumulate(map(len, gaps)), count()))
    else:
        drop = int.from_bytes(counts.translate(drop_table), "little")
        first = (1 << (8 * i)) - 1  # the row's bytes of a digit's int
        groups = bytearray(4 * kept)
        for b, digit in enumerate(digits):
            groups[b::4] = (digit & first | drop).to_bytes(i, "little").translate(None, b"\xff")
        value = int.from_bytes(groups, "little")
        correction = sum((256**b - 255**b) * (value >> (8 * b) & low) for b in range(1, len(digits)))
        left.frombytes((value - correction).to_bytes(4 * kept, "little"))
    widened = bytearray(4 * kept)
    widened[::4] = values
    shared.frombytes(widened)
