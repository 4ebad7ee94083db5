"""A long body cut into bounded parts at import, so that a reader reads only the part it shows.

Why at import: the document page, its JSON twins, similar articles and a search's snippets each
show at most one part, and an index that stores a 50 MB body as one value makes each of them read
(and unpickle) all 50 MB: 0.3-0.4 s before any work. The cut is made once, here, and stored
with the document (``indexer/schema.py``: the first part is the stored ``body``, the whole body a
column read by byte range from ``PART_STARTS``), so every reader agrees on where part N is.

    >>> part_bounds("aa bb\\ncc dd", size=8)
    [0, 6]
"""

from __future__ import annotations

import unicodedata

# Characters of one part: a long report whole (the longest article of SaudiNewsNet has about
# 40,000), while a 50 MB Arabic document is about 280 parts of 190 KB of HTML each. Also the most
# a snippet or a page's highlighting analyses (search/highlight.py MAX_HIGHLIGHT_CHARS).
PART_CHARS = 100_000


def part_bounds(body: str, size: int = PART_CHARS) -> list[int]:
    """Where each part of ``body`` starts: parts of at most ``size`` characters, each cut after
    the last line break (else space) of its window, so that no paragraph or word is split when it
    need not be. A window with neither is cut hard, but never between a letter and its harakat
    (combining marks): a part never starts with a mark that belongs to the previous letter.

    >>> part_bounds("x" * 12, size=5)
    [0, 5, 10]
    """
    starts = [0]
    while len(body) - starts[-1] > size:
        begin = starts[-1]
        window_end = begin + size
        cut = body.rfind("\n", begin + 1, window_end)
        if cut < 0:
            cut = body.rfind(" ", begin + 1, window_end)
        if cut >= 0:
            starts.append(cut + 1)
            continue
        end = window_end
        while end > begin + 1 and unicodedata.combining(body[end]):
            end -= 1
        starts.append(end if end > begin + 1 else window_end)  # all marks: cut anyway
    return starts


def byte_starts(body: str, starts: list[int]) -> list[int]:
    """The UTF-8 byte offset of each character offset in ``starts`` (ascending), computed part by
    part (encoding each prefix would be quadratic in the parts).

    >>> byte_starts("بب a", [0, 1, 3])
    [0, 2, 5]
    """
    out, pos, offset = [], 0, 0
    for start in starts:
        offset += len(body[pos:start].encode("utf-8"))
        out.append(offset)
        pos = start
    return out
