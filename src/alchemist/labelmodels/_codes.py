"""Vote rows packed into integer codes, and the distinct rows of a matrix with their counts."""

from __future__ import annotations

import numpy as np

_CODE_LIMIT = 1 << 62  # a packed code of votes stays below this
_DENSE_LIMIT = 1 << 22  # count patterns with a dense table when there are at most this many
_PACK_ROWS = 1 << 15
_GROUP_TABLE = 1024  # vote combinations of one group of programs (an int16 code)


def pack(L: np.ndarray, n_classes: int) -> np.ndarray:
    """(n, w) int64 codes whose lexicographic order is the rows' lexicographic vote order."""
    n, m = L.shape
    base = n_classes + 1
    digits = digits_per_code(n_classes)
    width = max(1, -(-m // digits))
    codes = np.zeros((width, n), dtype=np.int64)
    for start in range(0, n, _PACK_ROWS):  # row blocks keep the column passes in cache
        block = L[start : start + _PACK_ROWS]
        for w in range(width):
            code = codes[w, start : start + _PACK_ROWS]
            for j in range(w * digits, min(m, (w + 1) * digits)):
                code *= base
                code += block[:, j]
                code += 1
    return codes.T


def digits_per_code(n_classes: int) -> int:
    """How many votes one int64 code holds."""
    base, digits = n_classes + 1, 1
    while base ** (digits + 1) < _CODE_LIMIT:
        digits += 1
    return digits


def dense_patterns(n: int, m: int, n_classes: int) -> bool:
    """Whether ``unique_rows`` counts the patterns of an (n, m) matrix in one dense table."""
    base = n_classes + 1
    return n > 0 and m <= digits_per_code(n_classes) and base**m <= min(_DENSE_LIMIT, 4 * n)


def unique_rows(L: np.ndarray, n_classes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(patterns, inverse, counts)``: the distinct rows of ``L`` in lexicographic order.

    ``patterns`` (r, m) int8, ``inverse[row]`` the pattern of each row, ``counts`` (r,) int64
    how many rows show each pattern. The order depends only on the set of rows.
    """
    n, m = L.shape
    base = n_classes + 1
    codes = pack(L, n_classes)
    if dense_patterns(n, m, n_classes):
        # Few possible patterns: one counting pass instead of a sort.
        code = codes[:, 0]
        table = np.bincount(code, minlength=base**m)
        present = np.flatnonzero(table)
        lookup = np.zeros(len(table), dtype=np.intp)
        lookup[present] = np.arange(len(present))
        powers = base ** np.arange(m - 1, -1, -1, dtype=np.int64)
        patterns = (present[:, None] // powers % base - 1).astype(np.int8)
        return patterns, lookup[code], table[present].astype(np.int64)
    new = np.ones(n, dtype=bool)
    if codes.shape[1] == 1:
        order = np.argsort(codes[:, 0])
        ordered = codes[order, 0]
        new[1:] = ordered[1:] != ordered[:-1]
    else:
        order = np.lexsort(codes.T[::-1])
        ordered_rows = codes[order]
        new[1:] = (ordered_rows[1:] != ordered_rows[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = np.cumsum(new) - 1
    counts = np.diff(np.append(starts, n)).astype(np.int64)
    return np.ascontiguousarray(L[order[starts]]), inverse, counts


def group_width(n_classes: int) -> int:
    """How many programs share one group code (at most ``_GROUP_TABLE`` vote combinations)."""
    width = 1
    while (n_classes + 1) ** (width + 1) <= _GROUP_TABLE:
        width += 1
    return width


def group_codes(L: np.ndarray, n_classes: int) -> np.ndarray:
    """(g, n) int16: the votes of each group of ``group_width`` programs as one small code.

    Group i covers programs ``i*w .. i*w+w-1`` (w = ``group_width``); program ``i*w + d`` is
    digit d of the code in base k+1, most significant first, with abstain = 0 (programs
    past the last one count as abstaining). Scores and sums over programs then take one table
    look-up per group instead of one per program.
    """
    n, m = L.shape
    base, width = n_classes + 1, group_width(n_classes)
    groups = max(1, -(-m // width))
    codes = np.zeros((groups, n), dtype=np.int16)
    for start in range(0, n, _PACK_ROWS):
        block = L[start : start + _PACK_ROWS]
        for g in range(groups):
            code = codes[g, start : start + _PACK_ROWS]
            for j in range(g * width, (g + 1) * width):
                code *= base
                if j < m:
                    code += block[:, j]
                    code += 1
    return codes


def group_digits(n_classes: int) -> np.ndarray:
    """(s, w, k) float64: for each group code, whether its digit d is a vote for class a."""
    base, width = n_classes + 1, group_width(n_classes)
    codes = np.arange(base**width)
    powers = base ** np.arange(width - 1, -1, -1)
    digits = codes[:, None] // powers % base - 1  # (s, w), -1 = abstain
    return (digits[:, :, None] == np.arange(n_classes)).astype(np.float64)
