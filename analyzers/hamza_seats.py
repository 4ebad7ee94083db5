"""The hamza a typed word may have left out: its seat written bare (مسوول, رييس) or a final ء dropped.

Many people type without the hamza: موتمر for مؤتمر, يوكد for يؤكد, جزاير for جزائر, اجرا for اجراء.
Folding (DESIGN.md rule 4, :mod:`analyzers.normalize`) makes the hamza's seats meet (ؤ and ئ are
ء) but keeps the hamza a letter, because dropping it in the index merges different words (ما and
ماء, فيه and فئة: docs/stemming.md, "Hamza seats"). So a hamza-less word is matched to its hamza
spelling at query time, and only when the archive does not know the word as typed
(:meth:`search.expansion.Expander.hamza_stem` decides on the index's counts, as the corrector
and autocomplete do in :mod:`search.suggest`); this module only says which spellings to ask about.
"""

from __future__ import annotations

from collections.abc import Iterator

from analyzers.normalize import LONG_VOWELS

HAMZA = "\u0621"
# A word ending in ا after this many letters may have lost a final ء (اجرا, ابنا, صحرا).
MIN_BEFORE_FINAL = 2


def hamza_spellings(form: str, after_alef: bool = False) -> Iterator[str]:
    """The folded ``form`` with one letter that may be a bare hamza seat written as the hamza, or
    with ء after a final ا (``موتمر`` → ``مءتمر``, ``رياسه`` → ``رءاسه``, ``اجرا`` → ``اجراء``; one hamza
    at a time, none for a form that has one). A seat is a و or ي that is not the first letter (a
    word-initial hamza sits on the alef), and no و after an ا inside the word: there it is a
    nisba's (صحراوي, كيمياوي) or a verb's (راود, قاوم), and was ؤ in 2 of the 41 such words the
    archive writes rarely (docs/relevance.md, "A hamza left out"); after a first ا it may be
    (أؤكد typed اوكد). ``after_alef`` asks about that و too: the corrector's choice among words one
    letter away, where التفاول is التفاؤل rather than التفاوض."""
    if HAMZA in form:
        return
    for i in range(1, len(form)):
        if form[i] == "ي" or (form[i] == "و" and (after_alef or form[i - 1] != "ا" or i == 1)):
            yield form[:i] + HAMZA + form[i + 1 :]
    if (spelled := final_hamza_dropped(form)) is not None:
        yield spelled


def final_hamza_dropped(form: str) -> str | None:
    """The folded ``form`` with the ء a final ا may have lost (``اجرا`` → ``اجراء``, ``صنعا`` →
    ``صنعاء``), or None for a form too short or not in ا."""
    return form + HAMZA if form.endswith("ا") and len(form) > MIN_BEFORE_FINAL else None


def alef_seat_spellings(form: str) -> Iterator[str]:
    """The folded ``form`` with one ا after its first letter as the hamza: a hamza typed on the
    alef where its seat is و, ي or the line (مسأول for مسؤول, مأهل for مؤهل, ستأثر for ستؤثر,
    هدوأ for هدوء), which folding makes ا (``مساول`` → ``مسءول``; one at a time, none for a form
    that has a hamza). Only the corrector asks, about a word the archive does not know."""
    if HAMZA in form:
        return
    for i in range(1, len(form)):
        if form[i] == "ا":
            yield form[:i] + HAMZA + form[i + 1 :]


def final_seat_spelling(stem: str) -> str | None:
    """The other way of writing a final hamza after ي: on the line after the letter (شيء, بريء,
    شاطيء) or on the ي as its seat (شئ, برئ, شاطئ; folded شء, برء, شاطء). News writes both for one
    word (شئ is a common slip of شيء, شاطيء of شاطئ), and folding keeps them apart; None for a stem
    with no final hamza or one after ا or و (سماء, سوء)."""
    if len(stem) < 2 or not stem.endswith(HAMZA):
        return None
    if stem[-2] == "ي":
        return stem[:-2] + HAMZA
    return None if stem[-2] in LONG_VOWELS else stem[:-1] + "ي" + HAMZA
