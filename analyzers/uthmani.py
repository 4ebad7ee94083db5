"""Uthmani (Quranic) script read as the standard spelling people type (DESIGN.md, rule 3).

The Uthmani script writes a long ā as a superscript alef (U+0670) where the standard spelling has
a full alef (ٱلسَّمَٰوَٰتِ = السماوات, ٱلْكِتَٰبُ = الكتاب), uses و and ى as silent seats for that alef
(ٱلصَّلَوٰةَ = الصلاة, ٱلتَّوْرَىٰةَ = التوراة), adds small letters (small high yeh U+06E7 in إِبْرَٰهِـۧمَ =
إبراهيم, small high noon U+06E8), writes hamza on the line or on a bare tooth where the standard
spelling puts it on a carrier (ءَامَنُوا۟ = آمنوا, شَيْـًٔا = شيئا) and joins the vocative يا to its noun
(يَـٰقَوْمِ = يا قوم). Stripping those marks, as an earlier rule 3 did, turned 9.6% of the Quran's
words into forms nobody types (سموت, الكتب, ابرهم).

:func:`uthmani_fold` rewrites one token, marks still on, into the standard letters: the harakat
tell a seat from a letter (the و of ٱلصَّلَوٰةَ carries no vowel, the و of ٱلسَّمَٰوَٰتِ does), so it runs
before marks are stripped. A short closed list (:data:`STANDARD_SPELLING`) then takes back the
alef that the standard spelling leaves out (هذا ذلك لكن الرحمن إله أولئك …), and drops the one
the hundred's older spelling writes and no one reads (مائة → مئة); it is keyed on the letters
without marks (hamza kept), so the same list catches what users type by ear (الرحمان, لاكن,
هاذا) but leaves a real word alone (لأكن).
"""

from __future__ import annotations

import itertools

from analyzers.caching import memoize
from analyzers.limits import MAX_TOKEN_LEN

HAMZA = "\u0621"
DAGGER_ALEF = "\u0670"
SMALL_WAW, SMALL_YEH, SMALL_HIGH_YEH, SMALL_HIGH_NOON = "\u06e5", "\u06e6", "\u06e7", "\u06e8"
HAMZA_ABOVE, HAMZA_BELOW = "\u0654", "\u0655"
TATWEEL = "\u0640"
SUKUN, ROUND_SUKUN, SHADDA = "\u0652", "\u06e1", "\u0651"  # U+06E1: the Madinah mushaf's sukun
# A letter written but not read: small high rounded zero (Tanzil: قَالُوا۟), or the sukun that the
# Madinah mushaf encoding puts on an alef, which is never otherwise silent (قَالُواْ).
SILENT = "\u06df"
# One-letter prefixes after which a hamza still starts the word (بِـَٔايَـٰتِنَا, لِـَٔادَمَ, أَءِذَا).
_ONE_LETTER_PREFIXES = frozenset("وفبلكأ")
# Vowels by strength in the hamza-seat rule; U+08F0-08F2 are the Madinah mushaf's open tanween.
_KASRA = frozenset("\u0650\u064d\u08f2" + HAMZA_BELOW)
_DAMMA = frozenset("\u064f\u064c\u08f1")
_FATHA = frozenset("\u064e\u064b\u08f0")
_TANWEEN = frozenset("\u064b\u064c\u064d\u08f0\u08f1\u08f2")
_SUKUNS = frozenset((SUKUN, ROUND_SUKUN))
SMALL_HIGH_SEEN = "\u06dc"  # over ص: read (and written in the standard spelling) as س
# A token with none of these is not Uthmani: it skips the rewriting (but not the closed list).
_SIGNS = frozenset(
    (DAGGER_ALEF, SMALL_WAW, SMALL_YEH, SMALL_HIGH_YEH, SMALL_HIGH_NOON, SMALL_HIGH_SEEN, HAMZA_ABOVE,
     HAMZA, SILENT)
)  # fmt: skip
# The seat a medial hamza takes by the stronger of its own vowel and the vowel before it.
_SEAT = {"i": "ئ", "u": "ؤ", "a": "أ"}


def _is_mark(ch: str) -> bool:
    """Combining marks of the Arabic blocks: harakat, superscript alef, Quranic signs, and the
    extended-A marks (open tanween) of the Madinah mushaf encoding."""
    return "\u064b" <= ch <= "\u065f" or ch == DAGGER_ALEF or "\u06d6" <= ch <= "\u06ed" or (
        "\u08d3" <= ch <= "\u08ff"
    )


def _clusters(token: str) -> list[list[str]]:
    """``[[letter, marks], ...]``; tatweel counts as a letter (Uthmani uses it as a seat)."""
    out: list[list[str]] = []
    for ch in token:
        if _is_mark(ch) and out:
            out[-1][1] += ch
        else:
            out.append(["", ch] if _is_mark(ch) else [ch, ""])
    return out


def _vowel(marks: str) -> str:
    if not _KASRA.isdisjoint(marks):
        return "i"
    if not _DAMMA.isdisjoint(marks):
        return "u"
    if not _FATHA.isdisjoint(marks):
        return "a"
    return ""


def _silent_alef(cluster: list[str]) -> bool:
    return cluster[0] == "ا" and (SILENT in cluster[1] or SUKUN in cluster[1])


def _alef_follows(clusters: list[list[str]], i: int) -> bool:
    """A long ā right after ``clusters[i]``: a superscript alef on it, or an alef (full, or a
    superscript one on a tatweel) next."""
    if DAGGER_ALEF in clusters[i][1]:
        return True
    if i + 1 < len(clusters):
        letter, marks = clusters[i + 1]
        return letter in "اآ" or (letter in (TATWEEL, "") and DAGGER_ALEF in marks)
    return False


def _after_long_a(clusters: list[list[str]], before: list[int], i: int) -> bool:
    """Whether ``clusters[i]`` follows a long ā (ا, آ or a superscript alef) or a silent و."""
    if not before:
        return False
    letter, marks = clusters[before[-1]]
    if letter in "اآ" or (letter == "و" and not _vowel(marks)):
        return True
    return any(DAGGER_ALEF in m for _, m in clusters[before[-1] : i])


def _hamza(clusters: list[list[str]], i: int, last: int) -> tuple[str, bool]:
    """The standard spelling of the hamza at ``clusters[i]`` (on the line, or ``ـٔ`` on a bare
    tooth), and whether it swallows the long ā after it (ءَا → آ).

    Only vocalized hamzas are rewritten: unvocalized text is already in the standard spelling
    (إجراءات keeps its ءا). A hamza that starts the word, or follows a one-letter prefix
    (بِـَٔايَـٰتِنَا, أَءِذَا), sits on alef. Medial hamza follows the standard rule: the stronger of its
    own vowel and the one before picks the carrier (kasra ئ, damma ؤ, fatha أ); after a ي without
    vowel it sits on ئ (شيئا), after ā or a silent و it stays on the line (الموءودة).
    """
    letter, marks = clusters[i]
    tooth = letter == TATWEEL
    own = _vowel(marks)
    if not tooth and not own and _SUKUNS.isdisjoint(marks):
        return HAMZA, False
    before = [j for j in range(i) if clusters[j][0] and clusters[j][0] != TATWEEL]
    prev = clusters[before[-1]] if before else None
    initial = prev is None or (len(before) == 1 and prev[0] in _ONE_LETTER_PREFIXES)
    p_vowel = "" if prev is None else _vowel(prev[1])
    after_long = _after_long_a(clusters, before, i)
    after_yeh = prev is not None and prev[0] in "يى" and not p_vowel
    tanween = not _TANWEEN.isdisjoint(marks)
    if _alef_follows(clusters, i) and own in ("a", "") and not tanween:
        if initial or (p_vowel not in ("i", "u") and not after_yeh):
            if i + 1 == last and clusters[i + 1][0] == "ا" and not initial:
                return "أى", True  # رَءَا, نَـَٔا: a final ā after hamza is written ى
            return "آ", True
    if initial:
        return ("إ" if own == "i" else "أ"), False
    final = i == last or (i + 1 == last and tanween and clusters[i + 1][0] == "ا")
    if final:
        return ("ئ" if tooth else HAMZA), False  # on a tooth only where Uthmani has one (شيئا)
    if after_yeh:
        return "ئ", False
    if after_long:
        return ("ئ" if own == "i" else HAMZA), False
    vowels = (own, p_vowel)
    return _SEAT["i" if "i" in vowels else "u" if "u" in vowels else "a"], False


def _vocative(clusters: list[list[str]]) -> tuple[str, list[list[str]]]:
    """The vocative يا (ها before أنتم) written joined to its noun, split off: يَـٰقَوْمِ, وَيَـٰقَوْمِ,
    يَـٰٓأَيُّهَا, هَـٰٓأَنتُمْ. Recognised by a superscript alef on the ي/ه or on the tatweel after it."""
    start = 1 if clusters and clusters[0][0] in "وف" and len(clusters) > 1 else 0
    if len(clusters) <= start or clusters[start][0] not in "يه":
        return "", clusters
    head = start + 1
    if DAGGER_ALEF not in clusters[start][1]:
        if not (head < len(clusters) and clusters[head][0] == TATWEEL and DAGGER_ALEF in clusters[head][1]):
            return "", clusters
        head += 1
    rest = [c for c in clusters[head:] if c[0] and c[0] != TATWEEL]
    if len(rest) < 2 or (clusters[start][0] == "ه" and rest[0][0] != "أ"):
        return "", clusters
    particle = "".join(c[0] for c in clusters[:start]) + clusters[start][0] + "ا"
    return particle, clusters[head:]


def _fold(token: str) -> list[str]:
    """The Uthmani letters of one token rewritten; two words when a vocative يا is joined."""
    particle, clusters = _vocative(_clusters(token))
    letters = [i for i, c in enumerate(clusters) if c[0] and c[0] != TATWEEL]
    last = letters[-1] if letters else -1
    out: list[str] = []
    swallow = False  # the hamza before took this long ā into its آ
    for i, (letter, marks) in enumerate(clusters):
        if swallow:
            swallow = False
            if letter in "اآ" or (letter in (TATWEEL, "") and DAGGER_ALEF in marks):
                out.append(marks.replace(DAGGER_ALEF, ""))
                continue
        after = ""  # a letter written after this one, which the marks stand for
        if letter in (HAMZA, TATWEEL) and (letter == HAMZA or HAMZA_ABOVE in marks):
            letter, swallow = _hamza(clusters, i, last)
            marks = marks.replace(HAMZA_ABOVE, "")
            if swallow and DAGGER_ALEF in marks:
                swallow, marks = False, marks.replace(DAGGER_ALEF, "")
        elif letter == "ؤ" and i + 1 == last and _silent_alef(clusters[last]):
            # نَبَؤُا۟, شُرَكَـٰٓؤُا۟: a final hamza written on و plus a silent alef.
            letter, swallow = (HAMZA if _after_long_a(clusters, letters[:-2], i) else "أ"), True
        elif DAGGER_ALEF in marks:
            marks = marks.replace(DAGGER_ALEF, "")
            if letter == "ى" and i == last:
                pass  # عَلَىٰ, مُوسَىٰ: standard spelling keeps the ى
            elif letter in ("ى", TATWEEL, "") or (letter == "و" and not _vowel(marks)):
                letter = "ا"  # a silent seat: ٱلتَّوْرَىٰةَ, ٱلصَّلَوٰةَ, ٱلرَّحْمَـٰنِ
                # ٱلرِّبَوٰا۟: the silent alef after a seat is not written either.
                swallow = i + 1 < len(clusters) and _silent_alef(clusters[i + 1])
            else:
                after = "ا"
        if letter == "ل" and SHADDA in marks and i > 0 and clusters[i - 1][0] == "ٱ" and (
            after or (i + 1 < len(clusters) and clusters[i + 1][0] in (TATWEEL, "")
                      and DAGGER_ALEF in clusters[i + 1][1])
        ):
            letter = "لل"  # ٱلَّـٰتِى, ٱلَّـٰٓـِٔى: اللاتي, اللائي, written with one lam
        if letter in "يى" and SILENT in marks:
            continue  # وَمَلَإِي۟هِۦ, أَفَإِي۟ن: a silent ي the standard spelling does not write
        if letter == "ص" and SMALL_HIGH_SEEN in marks:
            letter = "س"  # وَيَبْصُۜطُ: read and written يبسط
        for small, full in ((SMALL_HIGH_YEH, "ي"), (SMALL_HIGH_NOON, "ن")):
            if small in marks:
                marks = marks.replace(small, "")
                letter, after = (full, after) if letter in (TATWEEL, "") else (letter, after + full)
        if SMALL_WAW in marks or SMALL_YEH in marks:
            # After ه the lengthened pronoun of لَهُۥ, بِهِۦ, which the standard spelling does not
            # write; elsewhere a letter written small (دَاوُۥدَ, يُحْىِۦ, إِۦلَـٰفِ, ٱلْمَوْءُۥدَةُ).
            if letter != "ه":
                after += "و" if SMALL_WAW in marks else "ي"
            marks = marks.replace(SMALL_WAW, "").replace(SMALL_YEH, "")
        out.append(letter + marks + after)
    return [particle, "".join(out)] if particle else ["".join(out)]


# Words whose standard spelling leaves out a pronounced long ā (Uthmani writes a superscript alef
# there), as heard → as the standard spells them. Keys keep their hamza: لاكن is a mistyped لكن, but
# لأكن (لأكون) is a word; plain-alef variants are listed where nothing else is spelt that way.
_BASES = {
    "هاذا": "هذا", "هاذه": "هذه", "هاذان": "هذان", "هاذين": "هذين", "هاذي": "هذي",
    "هاؤلاء": "هؤلاء", "هاولاء": "هولاء",
    "ذالك": "ذلك", "ذالكم": "ذلكم", "ذالكما": "ذلكما", "ذالكن": "ذلكن",
    "أولائك": "أولئك", "أولائكم": "أولئكم", "اولائك": "اولئك", "اولائكم": "اولئكم",
    "لاكن": "لكن", "لاكنه": "لكنه", "لاكنها": "لكنها", "لاكنهم": "لكنهم", "لاكنهما": "لكنهما",
    "لاكنا": "لكنا", "لاكني": "لكني", "لاكنك": "لكنك", "لاكنكم": "لكنكم", "لاكننا": "لكننا",
    "لاكنني": "لكنني",
    "الرحمان": "الرحمن", "رحمان": "رحمن",
    "إلاه": "إله", "الإلاه": "الإله", "إلاها": "إلها", "إلاهكم": "إلهكم", "إلاهنا": "إلهنا",
    "إلاهه": "إلهه", "إلاهي": "إلهي", "إلاهك": "إلهك", "إلاهين": "إلهين", "إلاههم": "إلههم",
    "اللاه": "الله", "اللاهم": "اللهم",
    # Letters Uthmani leaves out where the standard spelling writes them (and one the ear adds):
    "السموات": "السماوات", "سموات": "سماوات", "الذان": "اللذان", "داوود": "داود",
    "جاءو": "جاءوا", "باءو": "باءوا", "فاءو": "فاءوا",
}  # fmt: skip
# The hundred's older spelling writes an alef no one reads (مائة, مائتان, ثلاثمائة; the Quran's
# مِا۟ئَةَ marks it silent): the news writes both, each paper mostly one (المائة 6,236 uses, المئة
# 1,111), and the two must meet as مسؤول and مسئول do. A closed list, like the one above: an alef
# before the hamza is read elsewhere (قائد, مائدة, دمائه).
_HUNDREDS = ("مائة", "مائتان", "مائتين", "مائتا", "مائتي")
_UNITS = ("ثلاث", "أربع", "اربع", "خمس", "ست", "سبع", "ثمان", "ثماني", "تسع")
_SILENT_ALEF = {
    article + unit + word: article + unit + word.replace("مائ", "مئ", 1)
    for article in ("", "ال")
    for unit in ("", *_UNITS)
    for word in (_HUNDREDS if not unit else ("مائة",))  # ثلاثمائة; its dual is no word
}
# ٱلَّيْلِ is الليل with one lam; ل + الليل is لليل already, so no ل-prefixed form of it is listed.
_ONE_LAM = {clitic + "اليل": clitic + "الليل" for clitic in ("", "و", "ف", "ب", "ك", "وب", "فب")}
_CLITICS = ("", "و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "فك", "ول", "فل", "أ", "أو", "أف")
# The key of a word in the list: marks and tatweel out, ٱ ى ة as the letters people type, and آ as
# ا (Uthmani writes every long ā before a hamza as آ: هَـٰٓؤُلَآءِ).
_KEY = str.maketrans({"ٱ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", TATWEEL: None})
_KEY_WITHOUT_MARKS = str.maketrans(
    {**{chr(c): None for c in range(0x0600, 0x0900) if _is_mark(chr(c))}, **{"ٱ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", TATWEEL: None}}
)


def _with_clitics(bases: dict[str, str]) -> dict[str, str]:
    """Every base with a conjunction, preposition or question أ in front; ل + ال is written لل."""
    table: dict[str, str] = {}
    for (heard, standard), clitic in itertools.product(bases.items(), _CLITICS):
        table[clitic + heard] = clitic + standard
        if clitic.endswith("ل") and heard.startswith("ال"):
            table[clitic + heard[1:]] = clitic + standard[1:]
    return {heard.translate(_KEY): standard for heard, standard in table.items()}


STANDARD_SPELLING: dict[str, str] = {**_with_clitics(_BASES), **_with_clitics(_SILENT_ALEF), **_ONE_LAM}


def _standard(word: str) -> str:
    return STANDARD_SPELLING.get(word.translate(_KEY_WITHOUT_MARKS), word)


@memoize(32 << 20, MAX_TOKEN_LEN)
def uthmani_fold(token: str) -> str:
    """One token in the standard spelling; marks stay on for the next rule to strip.

    ``ٱلسَّمَـٰوَٰتِ`` → ``ٱلسَّمَـاوَاتِ``; ``ٱلصَّلَوٰةَ`` → ``ٱلصَّلَاةَ``; ``إِبْرَٰهِـۧمَ`` → ``إِبْرَاهِيمَ``;
    ``ٱلرَّحْمَـٰنِ`` and ``الرحمان`` → ``الرحمن``; ``يَـٰقَوْمِ`` → ``يا قَوْمِ`` (two words: the caller
    splits them). A token without Uthmani signs or list words comes back as it is.
    """
    words = _fold(token) if not _SIGNS.isdisjoint(token) else [token]
    return " ".join(_standard(word) for word in words)
