"""Delete documents by id, in one commit, under the run lock."""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Iterable

from indexer import manifest, store
from indexer.lock import RunLock
from indexer.schema import ID
from indexer.segments import open_writer


def delete_documents(index_dir: str | pathlib.Path, ids: Iterable[str], wait: float = 0.0) -> tuple[list[str], list[str]]:
    """Delete documents by id in one commit; returns (deleted ids, ids that were not there)."""
    ix = store.open_index(index_dir, verify_content=True)
    try:
        with RunLock(index_dir, command=" ".join(sys.argv)).acquire(wait):
            deleted, missing = [], []
            with store.damage_reported(index_dir), ix.searcher() as searcher:
                for doc_id in dict.fromkeys(ids):
                    found = searcher.document_number(**{ID: doc_id}) is not None
                    (deleted if found else missing).append(doc_id)
            if deleted:
                writer = open_writer(ix)
                for doc_id in deleted:
                    writer.delete_by_term(ID, doc_id)
                writer.commit()
                manifest.record(ix, index_dir)
            return deleted, missing
    finally:
        ix.close()
