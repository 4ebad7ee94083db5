"""The completion table: for the few prefixes that begin more terms than autocomplete reads.

Autocomplete (:func:`search.suggest.complete`) ranks the first :data:`COMPLETION_SCAN` terms of a
prefix in lexical order by their documents: a keystroke cannot rank every term of ``ال`` (33,000
on the 31k archive, a second to read), and a common one past the first 5,000 was never offered —
``الم`` listed المتحدة and المجتمع but not المملكة (5,169 articles, the second commonest), ``ال``
only words in الأ. So the import also lists, for each prefix that begins more than
COMPLETION_SCAN terms (9 on the 31k archive: ال, وا, وال, با, الم, لل, بال, وت, وم), its
:data:`KEEP` terms in the most documents, and autocomplete ranks those with the ones it reads.
The table travels in the spelling table's file (:mod:`indexer.context_spellings`): mined at the
same time, read the same way by both backends.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping

COMPLETION_SCAN = 5000  # terms of a prefix autocomplete reads per field, in lexical order
KEEP = 50  # terms kept for each prefix of the table, the most documents first
LONGEST = 8  # letters of the longest prefix looked at (no longer one begins 5,000 terms)


def frequent_prefixes(documents: Mapping[str, int], scan: int | None = None,
                      keep: int = KEEP) -> dict[str, list[tuple[str, int]]]:
    """For each prefix of 2 to :data:`LONGEST` letters that more than ``scan`` terms of
    ``documents`` (an exact form → its documents, titles and bodies counted together) begin, its
    ``keep`` terms in the most documents (ties in lexical order); ``scan``: :data:`COMPLETION_SCAN`::

        frequent_prefixes({"الملك": 9, "المملكة": 8, "الماضي": 5}, scan=2, keep=1)
        → {"ال": [("الملك", 9)], "الم": [("الملك", 9)]}
    """
    scan = COMPLETION_SCAN if scan is None else scan
    begun: Counter = Counter()
    for term in documents:
        for n in range(2, min(len(term), LONGEST) + 1):
            begun[term[:n]] += 1
    big = {p for p, n in begun.items() if n > scan}
    if not big:
        return {}
    members: dict[str, list[tuple[str, int]]] = {p: [] for p in big}
    for term, n in documents.items():
        for length in range(2, min(len(term), LONGEST) + 1):
            if term[:length] in members:
                members[term[:length]].append((term, n))
    return {p: heapq.nsmallest(keep, terms, key=lambda t: (-t[1], t[0])) for p, terms in sorted(members.items())}
