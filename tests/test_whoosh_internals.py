"""What the Whoosh backend reads of Whoosh's private state is still there.

``search/whoosh_backend/postings.py`` reads posting blocks and fixed-width columns directly, and
``indexer/parallel.py`` drives Whoosh's segment writer from the parent and the pool. whoosh3 is
pinned to the minor version tested (pyproject.toml); if an upgrade renames one of these, this test
fails naming it, rather than searches silently falling back to the slow path or imports breaking.
"""

from __future__ import annotations

import pytest
from whoosh.index import TOC
from whoosh.writing import SegmentWriter

from indexer.store import open_index
from search.whoosh_backend.postings import PRIVATE_API, missing_private_api

# What indexer/parallel.py calls or overrides on Whoosh's writer and table of contents.
WRITER_PRIVATE_API = {
    SegmentWriter: ("_finalize_segment", "_merge_segments", "_close_segment", "_commit_toc",
                    "_check_state", "_cleanup_on_error", "_finish", "_added"),
    TOC: ("_segment_pattern",),
}


@pytest.fixture(scope="module")
def reader(docs_index):
    ix = open_index(docs_index)
    with ix.reader() as r:
        yield r if r.is_atomic() else r.leaf_readers()[0][0]
    ix.close()


def test_the_postings_adapter_finds_every_private_attribute_it_reads(reader):
    missing = missing_private_api(reader)
    assert not missing, (
        "whoosh3 no longer has what search/whoosh_backend/postings.py reads: " + "; ".join(missing)
        + ". Adapt postings.py to the new codec (or pin whoosh3 back) before upgrading."
    )
    assert sum(len(attrs) for attrs in PRIVATE_API.values()) >= 15  # the list is the real one


def test_the_parallel_import_finds_the_writer_internals_it_drives(docs_index):
    ix = open_index(docs_index)
    writer = SegmentWriter(ix)
    try:
        missing = [f"{cls.__name__}.{attr}" for cls, attrs in WRITER_PRIVATE_API.items()
                   for attr in attrs if not hasattr(writer if cls is SegmentWriter else cls, attr)]
    finally:
        writer.cancel()
        ix.close()
    assert not missing, (
        "whoosh3 no longer has what indexer/parallel.py drives: " + ", ".join(missing)
        + ". Adapt PoolWriter and the worker jobs before upgrading."
    )
