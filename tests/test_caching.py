"""The analysis caches stay within their byte budgets whatever the tokens (issue 16, item 5)."""

import tracemalloc

from analyzers.caching import MemoCache, all_caches, memoize
from analyzers.limits import MAX_TOKEN_LEN, MAX_WORD_LEN
from analyzers.pipeline import analyze
from analyzers.stemming import light_stem


def _unique_words(n: int, length: int):
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    for i in range(n):
        digits = []
        while True:
            i, r = divmod(i, len(letters))
            digits.append(letters[r])
            if not i:
                break
        # each letter followed by another, so no run of three is cut (DESIGN.md rule 3)
        word = "".join(d + ("ب" if d != "ب" else "ت") for d in digits)
        yield (word * (length // len(word) + 1))[:length]


def test_absurdly_long_tokens_are_neither_stemmed_nor_cached():
    for field in ("text", "exact", "roots"):  # loads the word lists, caches the short word's forms
        analyze("والكتاب", field)
    caches = all_caches()
    before = {name: len(c.data) for name, c in caches.items()}
    for word in _unique_words(300, 9_990):
        assert light_stem("وال" + word) == "وال" + word
        for field, article in (("text", "كتاب"), ("exact", "والكتاب"), ("roots", "كتب")):
            terms = [t for t, _, _ in analyze(word + " والكتاب", field)]
            assert terms == [word, article], field  # still indexed as it stands
    for name, cache in caches.items():
        assert len(cache.data) == before[name], name


def test_every_cache_stays_within_its_budget_under_unique_words():
    for word in _unique_words(20_000, MAX_WORD_LEN):
        analyze(word, "text")
    for name, cache in all_caches().items():
        assert cache.bytes <= cache.max_bytes, name


def test_a_full_cache_holds_its_budget_in_real_memory():
    budget = 2 << 20

    @memoize(budget, MAX_TOKEN_LEN)
    def reverse(text: str) -> str:
        return text[::-1]

    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for word in _unique_words(100_000, 12):  # ~4x what fits
            reverse(word)
        held = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    cache = reverse.cache
    assert cache.evictions > 0 and cache.bytes <= budget
    assert held <= 1.25 * budget, f"{held} bytes traced for a {budget}-byte cache"


def test_eviction_drops_the_oldest_half():
    cache = MemoCache("t", 10_000)
    for i in range(200):
        cache.add(f"w{i}", i)
    assert cache.bytes <= 10_000 and "w199" in cache.data and "w0" not in cache.data
