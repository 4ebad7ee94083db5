"""Comparison analyses for the relevance evaluation (``fahras eval --analyzer NAME``).

Each is a Whoosh analyzer built from the same tokenizer and character rules as Fahras where the
comparison calls for it, so that the side-by-side table in ``docs/relevance.md`` isolates what the
stemming decision is worth:

* ``none``: plain tokens, lower-cased (harakat, hamza and taa marbuta forms all distinct);
* ``fold``: analysis rules 1-4 of docs/design.md (tokenize, Unicode fold, strip marks, fold
  letters), no stemming;
* ``lucene-light10``: folding + the Light10 prefix/suffix rules (Larkey, Ballesteros & Connell
  2002/2007) as Lucene's ``ArabicStemmer`` implements them;
* ``snowball``: folding + Snowball's Arabic stemmer (pystemmer);
* ``whoosh-isri``: whoosh3's own ``LanguageAnalyzer('ar')`` (ISRI root stemmer);
* ``fahras``: the real schema and analyzers (``indexer/schema.py``).

Stop words: the stemming comparisons (``fold``, ``lucene-light10``, ``snowball``) drop the same
folded stop list as Fahras, so the table compares stemming and not stop lists.

The stemmers are Whoosh's own ``StemFilter`` (around :func:`light10`, which lives at a stable
import path because Whoosh pickles the analyzer into the evaluation indexes) and
``PyStemmerFilter``.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, PyStemmerFilter, StemFilter

from analyzers.pipeline import ArabicStopFilter, ArabicTokenizer, exact_analyzer

ANALYZER_NAMES = ("none", "fold", "lucene-light10", "snowball", "whoosh-isri", "fahras")

# Light10, in Lucene's spelling after its normalization (ة → ه, ى → ي): the order matters, the
# first matching prefix is removed, then every matching suffix in turn.
LIGHT10_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
LIGHT10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي")


def light10(word: str) -> str:
    """Light10 on a folded word: ``والكتاب`` → ``كتاب``; ``المعلمون`` → ``معلم``.

    A one-letter prefix (و) needs a word of at least 4 letters, the others leave at least 2
    letters; a suffix is removed when at least 2 letters remain.
    """
    for prefix in LIGHT10_PREFIXES:
        if len(prefix) == 1 and len(word) < 4:
            continue
        if len(word) < len(prefix) + 2:
            continue
        if word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in LIGHT10_SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def comparison_analyzer(name: str):
    """The analyzer of a comparison analysis (not ``fahras``, which uses the real schema)."""
    if name == "none":
        return ArabicTokenizer() | LowercaseFilter()
    if name == "fold":
        return exact_analyzer() | ArabicStopFilter()
    if name == "lucene-light10":
        return exact_analyzer() | ArabicStopFilter() | StemFilter(light10)
    if name == "snowball":
        return exact_analyzer() | ArabicStopFilter() | PyStemmerFilter("arabic")  # pystemmer: eval extra
    if name == "whoosh-isri":
        from whoosh.analysis import LanguageAnalyzer

        return LanguageAnalyzer("ar")
    raise ValueError(f"unknown analyzer {name!r}: use one of {', '.join(ANALYZER_NAMES)}")
