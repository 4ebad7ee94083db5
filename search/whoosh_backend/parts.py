"""Part N of a long body, read alone from the ``long_body`` column (``indexer/parts.py``).

Why a byte range: a column reader hands out a document's whole value (50 MB for the probe's
document, 0.3 s with the decoding), while the variable-bytes column keeps each value at a known
offset of the segment's column file. Reading the part's byte range there
(:func:`~search.whoosh_backend.postings.value_range`; ``PART_STARTS`` says where each part
starts) reads only what the page shows.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any

from indexer.schema import BODY, LONG_BODY, PART_STARTS
from search.whoosh_backend import postings


def body_part(reader, docnum: int, stored: Mapping[str, Any], number: int) -> str:
    """Part ``number`` (1-based, at most :func:`search.hits.part_count`) of document ``docnum``'s body;
    ``stored``: its stored fields. Part 1 is the stored body itself."""
    starts = stored.get(PART_STARTS)
    if number == 1 or not starts:
        return stored.get(BODY) or ""
    leaves = reader.leaf_readers()
    at = bisect.bisect_right([base for _leaf, base in leaves], docnum) - 1
    leaf, base = leaves[at]
    column = leaf.column_reader(LONG_BODY, translate=False)
    if not postings.is_bytes_column(column):  # the schema says it is: a changed Whoosh
        raise TypeError(f"the {LONG_BODY} column is read by {type(column).__name__}, not VarBytes")
    local = docnum - base
    begin = starts[number - 1]
    end = starts[number] if number < len(starts) else postings.value_length(column, local)
    return postings.value_range(column, local, begin, end).decode("utf-8")
