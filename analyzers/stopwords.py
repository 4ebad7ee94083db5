"""Arabic stop words, folded by the same function as the indexed text (DESIGN.md, rule 5).

The list comes from the maintained ``arabic-stopwords`` package (import ``arabicstopwords``):
~13,000 forms, each stop word with its attached conjunctions, prepositions and pronouns (وفي,
بهذا, لديهم). A raw list would silently miss words the index has folded (إلى vs الى), so every
entry goes through :func:`analyzers.normalize.normalize_word` when loaded.

Two lists are offered: ``full`` (every affixed form) and ``core`` (the ~500 base forms only).
The package also counts direction and quantity words as stop words; in news those carry meaning
(شمال سوريا, جنوب اليمن, ابن سلمان, ولي العهد), so ``KEEP`` takes them back out of both lists.
It also glues the interrogative hamza onto every stop word (أمن "is it from?", ألعامة "is it
for the public?"); folded, those forms are the spellings of common content words (أمن security,
أبها, أوبك, العامة, الإمام, أهم), so a form the package knows *only* with that hamza is left out:
:func:`interrogative_only` (docs/stemming.md, "A hamza on the alef"). Folding also writes آ as ا, so آلية
(mechanism) folds onto إليه and آن onto أن: a word written with a madda is no stop word that is
never written so (:func:`never_madda`; the filters look at the word before folding). And folded,
some affixed stop forms are common words the news hardly ever writes as the stop word: و + فاه
("and his mouth") is وفاة (death), آمين (amen) أمين (secretary), و + ل + أية ولاية (state); a form
the news mostly spells otherwise than the package does is left out
(:func:`analyzers.evidence.spelled_as_another_word`, data/stop_spellings.tsv), and so is one the
news writes after the article, which no stop word takes, about as often as alone: نفسي is mostly
النفسي's "psychological", not "myself" (:func:`analyzers.evidence.stop_form_a_noun`).

Measured with ``bench/stoplists.py`` (two indexes differing only in the list, BM25 on the dev
topics): full nDCG@10 0.845 / Recall@100 0.922, core 0.848 / 0.923: a tie within noise. ``full``
stays the default because it drops the affixed stop forms (وفي, بهذا) that the light stemmer would
otherwise index as content words.
"""

from __future__ import annotations

import functools

import arabicstopwords.arabicstopwords as arabic_stopwords

from analyzers.evidence import spelled_as_another_word, stop_form_a_noun
from analyzers.limits import MIN_STEM
from analyzers.normalize import normalize_word, strip_marks, unicode_fold

# Content words the package lists as stop words, folded. Their affixed forms are kept too.
KEEP = frozenset(
    normalize_word(w)
    for w in (
        "شمال", "جنوب", "شرق", "غرب", "يمين", "يسار", "فوق", "تحت", "أمام", "خلف", "وسط",
        "ابن", "بن", "أب", "أخ", "أم", "جميع", "أول", "آخر", "أقل", "أكثر", "أعلى", "أسفل",
        "يوم", "عام", "سنة", "شهر", "ساعة", "حمو", "فم", "ذو", "ولي",
    )
)  # fmt: skip


_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك")


def _kept(word: str) -> bool:
    """False for a KEEP word with clitics in front (وشمال) or, if 3+ letters, a pronoun after."""
    for clitic in _CLITICS:
        if not word.startswith(clitic):
            continue
        base = word[len(clitic) :]
        for keep in KEEP:
            if base == keep or (len(keep) >= 3 and base.startswith(keep) and len(base) - len(keep) <= 3):
                return False
    return True


def stopwords(kind: str = "full") -> frozenset[str]:
    """The folded stop list: ``kind`` is ``full`` (affixed forms) or ``core`` (base forms)."""
    # One cached list per kind: ``functools.cache`` keys ``stopwords()`` and ``stopwords("full")``
    # apart, and each import worker built the full list a second time (0.16 CPU s).
    return _stopwords(kind)


@functools.cache
def _stopwords(kind: str) -> frozenset[str]:
    if kind == "full":
        raw = arabic_stopwords.stopwords_list()
    elif kind == "core":
        raw = arabic_stopwords.classed_stopwords_list()
    else:
        raise ValueError(f"unknown stop list {kind!r}: use 'full' or 'core'")
    folded = {normalize_word(w) for w in raw}
    # A form the news mostly writes as another word is that word: وفاه (و + فاه) is mostly وفاة;
    # one it writes after the article as often as not is a noun: نفسي (النفسي, psychological),
    # unless, three letters long, the article makes a stop word of it (ذي: الذي); and the forms
    # the package builds on such a noun go with it (وقتها, بوقت, ووقت of وقت).
    listed = {w for w in folded - interrogative_only() if w and _kept(w) and not spelled_as_another_word(w)}
    nouns = {w for w in listed if stop_form_a_noun(w) and (len(w) > MIN_STEM or "ال" + w not in folded)}

    def a_noun(form: str) -> bool:
        originals = _originals(form)
        return form in nouns or bool(originals) and originals <= nouns

    return frozenset(w for w in listed if not a_noun(w))


def _originals(form: str) -> set[str]:
    """The folded words the package builds ``form`` on (``وقتها``, ``بوقت`` → {وقت})."""
    return {normalize_word(entry["original"]) for _word, entries in _package_forms().get(form, ())
            for entry in entries if entry.get("original")}


# The package's procletic field for a form built with the interrogative hamza: أ, أف, أول, أفب …
_INTERROGATIVE = "أ"


@functools.cache
def _package_forms() -> dict[str, list[tuple[str, list[dict]]]]:
    """Folded form → the package's spellings of it, each with its analyses: read once for the
    questions below."""
    forms: dict[str, list[tuple[str, list[dict]]]] = {}
    for word, entries in arabic_stopwords.STOPWORDS.items():
        forms.setdefault(normalize_word(word), []).append((word, entries))
    return forms


@functools.cache
def package_spellings() -> dict[str, frozenset[str]]:
    """Folded stop form → the package's spellings of it as written, marks stripped: what
    :func:`never_madda` and bench/build_stop_spellings.py hold the news's spellings against."""
    return {
        form: frozenset(strip_marks(unicode_fold(word)) for word, _entries in spellings)
        for form, spellings in _package_forms().items()
    }


@functools.cache
def interrogative_only() -> frozenset[str]:
    """Folded forms every analysis of which, in the package, starts with the interrogative hamza.

    A question particle glued to a stop word (أمن, أفلا, ألكم) is rare in news prose, and folding
    drops the hamza's seat, so the form is the spelling of a content word: أمن (security), أهم,
    أبها, أوبك; ألعامة, ألإمام fold to العامه, الامام. A form with any other analysis (أن, أي,
    ألا) stays a stop word."""
    return frozenset(
        form
        for form, spellings in _package_forms().items()
        if all(e["procletic"].startswith(_INTERROGATIVE) for _word, entries in spellings for e in entries)
        and any(entries for _word, entries in spellings)
    )


def yaa_for_maqsura(word: str) -> bool:
    """``word``, as typed, is a stop word the list writes with a final ى typed with ي: ``علي`` (على).
    The news keeps the two apart (على 135,115 times in the 31k articles, علي 4,129, mostly the
    name Ali; حتى 11,442, حتي 26), so a query's ي is most likely a name's: search/expansion.py
    ranks it beside the word typed next to it (علي صالح) though folding makes it the stop word."""
    raw = strip_marks(unicode_fold(word))
    folded = normalize_word(raw)
    return raw.endswith("ي") and folded in stopwords() and raw[:-1] + "ى" in package_spellings().get(folded, ())


@functools.cache
def never_madda(kind: str = "full") -> frozenset[str]:
    """The folded stop words none of whose spellings has a madda (آ): a word written with one is
    another word that folding made look like them. ``اليه`` (إليه) is one, so آلية is kept;
    ``الان`` (الآن) is not, so الآن written with its madda is still a stop word."""
    spellings = package_spellings()
    return frozenset(form for form in stopwords(kind) if not any("آ" in word for word in spellings.get(form, ())))
