"""Conjunction, preposition and article off a folded word, where the corpus shows they are clitics.

Only *noun* clitics come off (verb prefixes ي ت ن ا س start far more nouns than they mark verbs in
news): an optional conjunction (و ف), an optional preposition (ب ك ل) and an optional article (ال, or
لل for ل+ال). The article is trusted. A bare و ف ب ك ل comes off only when the whole form never
behaves as one word (it is not seen after the article, or, for و/ف, after another conjunction, or,
for ب ك ل, after another preposition: الكمال, البطولة, ووافق, لبشار keep كمال, بطولة, وافق, بشار whole)
*and* the rest is a known word (ونفط → نفط; فايروس, كورونا stay whole). After ب ك ل, rarer clitics
than و ف, the rest must also be common next to the whole form (كانت is not ك+انت), and a rest never
seen counts only through its base without a pronoun or a base of four letters or more (كمريضين →
مريض; كامرون is not ك + امر + ون). Nor does ب ك ل come off before what reads as و ف + a word (a
preposition never precedes a conjunction: بوزيد, لوكاس), nor ب ك before a rest in ي that is no
noun unless far commoner than the form (an imperfect or a name: بيار, بينج). Three letters at
least are left, except after و ف before a doubled verb's two (وتم, وشن:
:func:`conjunction_before_doubled`). A plural with an object pronoun has the clitics its plural has
(وجدوه as وجدوا, وقتلوه as وقتلوا), a word in ى with a pronoun after و ف those its word has
(فحواها as فحوى), and a word whose ال is its own keeps it before a pronoun
(التزامها, as الالتزام shows). docs/stemming.md ("Evidence, not affix
tables") has the figures.
"""

from __future__ import annotations

from analyzers.endings import (
    MAQSURA_PRONOUNS,
    PRONOUNS,
    ending_bases,
    endings_off,
    maqsura_before_pronoun,
)
from analyzers.evidence import (
    CONJUNCTIONS,
    PREPOSITION_STACKS,
    PREPOSITIONS,
    after_article,
    attested,
    count,
    explained_by_clitic,
    known,
    own_alef_lam,
    proofs,
    takes_article,
    takes_article_or_conjunction,
    whole_uses,
)
from analyzers.limits import MIN_STEM
from analyzers.protected import place_term, protected_words
from analyzers.short_nouns import short_noun_before_pronoun
from analyzers.stopwords import stopwords
from analyzers.verbs import doubled_verb, lam_verb, plural_before_object, plural_object, verb_base

# After the article alone a two-letter word is still a word: الحج, للحج, بالحج → حج.
MIN_AFTER_ARTICLE = 2
# Two letters after ال stand for a word when they stand alone this often relative to the whole
# form: الحج (حج is common) but not الغي (ألغى), القي (ألقى), اليه (آلية). Likewise للاعبين is
# ل + لاعبين, not لل + اعبين.
STANDS_ALONE_RATIO = 0.1
# A ل word after ل + ال (written لل) is read when it takes the article this many times as often as
# the rest does (_lam_noun): of the 11 lexicon forms where it is commoner at all, the 10 at 2× or
# more are right (للجان, للون, للتر, للقاح, للصوص); للازمة (1.1×) is mostly للأزمة.
LAM_NOUN_RATIO = 2
# After ب ك ل, a rest (or its base) under a fifth as common as the whole form must take the
# article: بنيامين (نيام 12 beside 132), كنيدي, بلير, باشرت, بنيت keep their first letter; بشكل,
# بواسطة (rest 0.13 as common) stay ب + noun. Of the forms seen ≥ 10 times that lost the letter,
# 13, 42, 70, 114 have a rest under 0.1, 0.2, 0.3, 0.5 as common, idioms more and more among them
# (بشكل 0.18, بنسبة 0.47); at 0.2, 49 forms (3,189 tokens) change, about 40 rightly (docs/stemming.md).
RARE_REST_RATIO = 0.2
# ... and a rest that takes the article must still be this share as common as the whole form: of
# the 31k lexicon's forms cut by that proof alone, the idioms keep their rest at 0.13-0.19 (بواسطة,
# بموجبها, بشكل, برفقة, بمقدور), while a name or a word whose first letter is its own leaves a rare
# noun of other letters (باراك 479 beside اراك 24, the Arak reactor: 0.05; لاحق 328 beside احق,
# more deserving: 0.058) (docs/stemming.md, fahras-ar-46).
NOUN_REST_RATIO = 0.1
# ك ("like, as") stands before a noun far more rarely than ب or ل: the median share of a common
# noun's uses that carry it is 0 (ب 0.025, ل 0.026; evidence.clitic_rate). So ك comes off only
# when the rest, or a base of it, is at least as common as the whole form. At 1, 30 lexicon forms
# (831 tokens) keep their ك, every one a name or a whole word (كروز, كريس, كوبر, كاملا, كتابيا);
# at 2, 61, with idioms lost (كسابقاتها, كتذكار); docs/stemming.md.
KAF_REST_RATIO = 1
# A form with a pronoun whose base is a word only by a rare use after the article (بقول, legumes:
# 12 such uses beside بقوله's 423) is the clitic's when the rest with its pronoun is at least as
# common (قوله, 665: "by his saying"): the base's article uses at most this share of the form's
# (:func:`_pronoun_on_the_rest`; docs/stemming.md, fahras-ar-56).
RARE_BASE_ARTICLE_SHARE = 0.2
# A rest in ي that is no noun is an imperfect or a name: ب or ك before it must be under this share
# of the rest's uses (_verb_or_name_after_preposition). ب before a common noun is 0.025 of its uses
# (evidence.clitic_rate), before a town 0.2 (بينبع 0.22, بجده 0.26); above 0.3 stand names read as
# ب + a rarer word (بيونغ 0.36, بيرث 0.36, بينج 0.91, بيار 1.9) and the dialect's verbs (بيركب 0.28).
YAA_REST_RATIO = 0.3
# The prepositions that come off a noun of two letters (preposition_before_short_noun): ك, rarer before
# a noun (KAF_REST_RATIO), stays on (كف, كم, كل are words).
TWO_LETTER_PREPOSITIONS = "بل"
# ... unless و stands before the whole form more than this share of its uses: a verb takes it
# (ولست, I am not, 74 beside لست 207; ولعب 128 beside 393), a preposition's phrase seldom (وبحق 6
# beside 722, ولحل 3 beside 378).
SHORT_NOUN_CONJUNCTION_SHARE = 0.1

CLITIC_LETTERS = CONJUNCTIONS + PREPOSITIONS
# Every prefix stack that carries the article, longest first (وبال before بال before ال).
ARTICLE_PREFIXES = tuple(
    sorted(
        {c + p + "ال" for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)}
        | {c + "لل" for c in ("", *CONJUNCTIONS)},  # ل + ال written لل
        key=len,
        reverse=True,
    )
)
# The clitic stacks without the article, longest first: what may stand before a protected name.
BARE_STACKS = tuple(sorted((*PREPOSITION_STACKS, *CONJUNCTIONS), key=len, reverse=True))
# Whatever a written form may carry in front: nothing, the article and its stacks, a bare
# conjunction or preposition (a word's uses counted over its forms, a phrase's first word).
CLITIC_STACKS = ("", *ARTICLE_PREFIXES, *BARE_STACKS)
# A rest after ب ك ل that the corpus never shows may still be a word less one ending
# (كمريضين: مريض; بمكافاتي: مكافات), but only when that base has more than this many letters, or
# the ending is a pronoun (بذبحهم: ذبح). 14% of all three-letter strings of the 29 folded letters
# are corpus words, 2.2% of four-letter ones: a name less ب ك ل and an ending leaves a three-letter
# word by chance (كاثرين: اثر, كوربين: ورب, كامرون: امر), rarely a longer one. At 4 (bases of 5+
# letters), 228 more forms change, about half of them right cuts lost (docs/stemming.md).
UNSEEN_REST_BASE = MIN_STEM
# A form in ا (the indefinite accusative: واحدًا, فعليًا, وشيكًا) longer than this shows its first
# letter is its own when the form without the ا takes the article (الواحد, الفعلي, الوشيك), as a form
# with a pronoun does through its base. 34 lexicon forms (1,344 tokens) change, nearly all rightly
# (واحدا → واحد, not احد; والدا → والد, not دا). At 4 letters (3 + ا) 75 change, and و/ف + a short
# word lose their clitic reading: ودعا (and he called) is not وداع, فلما (when) not فلم, وردا not ورد.
ACCUSATIVE_MIN = MIN_STEM + 1
# The endings in ا that are a pronoun or a plural verb's, whose ا is never an accusative's. نا is
# not among them: it was until fahras-ar-69, which kept فستانا, برهانا, لسانا, بدينا apart from
# فستان, برهان, لسان, بدين (read as ف + ستان, ب + رهان, ل + سان, ب + دين: docs/stemming.md).
ALEF_PRONOUNS = ("ها", "هما", "وا")


def _used_whole(word: str, bases: list[str] | None = None) -> bool:
    """``word`` (or its form without an ending, or without an accusative's ا) is seen after the
    article or, when it starts with و/ف, after another conjunction, or ``word`` itself after another
    preposition: then its first letters are its own (الكمال, ووافق, البالغين, لبشار, واحدا).

    A form starting with ال is tested as it stands: an article never carries a pronoun, so
    المهم is not الم+هم however common الألم is. The preposition test is made on the whole form
    only: a base cut from it is often another word behind a preposition (بلدي, not ب + لدي).
    ``bases``: :func:`ending_bases` of ``word`` when the caller has them."""
    proof = proofs()
    if word.startswith("ال"):
        return word in proof.whole
    return word in proof.preposition or not proof.whole.isdisjoint(_whole_bases(word, bases))


def _whole_bases(word: str, bases: list[str] | None = None) -> list[str]:
    """The forms :func:`_used_whole` looks for among whole words: ``word``'s bases (``bases`` when
    the caller has them) and, for an indefinite accusative, the form without its alef. A form in
    نا is asked both ways: its نا is "our" or a ن of the word's own before the alef (فستانا,
    لسانا, كامنا: الفستان, اللسان, الكامن; no noun in ن takes the article by chance)."""
    bases = ending_bases(word) if bases is None else bases
    if len(word) > ACCUSATIVE_MIN and word.endswith("ا") and not word.endswith(ALEF_PRONOUNS):
        bases = [*bases, word[:-1]]  # واحدا, فعليا, والدا: the accusative's alef off (الواحد, الفعلي)
    if maqsura := _conjunction_before_maqsura(word):
        bases = [*bases, maqsura]  # فحواها, وافاه: فحوى, وافى, whose ى is written ا before "her", "him"
    return bases


def _conjunction_before_maqsura(word: str) -> str:
    """The word in ى (folded ي) that ``word``, starting with و or ف, is with a pronoun, when the
    evidence reads it so (:func:`analyzers.endings.maqsura_before_pronoun`) and what follows the
    conjunction is no noun of its own (واداه is و + أداة, which takes the article); or "". A
    preposition's forms are left out: after ب ك ل the letters are as often another word's with
    "you" or "me" (بحراك, لمباني, باغاني)."""
    if word[:1] not in CONJUNCTIONS or not word.endswith(MAQSURA_PRONOUNS) or takes_article(word[1:]):
        return ""
    return maqsura_before_pronoun(word)


def _own_article_before_pronoun(form: str) -> bool:
    """The ال that ``form`` starts with is its own, before a pronoun: ``التزامها``, ``التحاقه``,
    ``التقاطها``, ``التزاماتهم`` are التزام, التحاق, التقاط (+ ات) with "her", "his", "their".

    An article never stands before a pronoun, so ال + rest + pronoun is a word whose own letters
    start with ال when that word takes the article itself (الالتزام, الالتحاق) and neither the rest
    nor the rest without the pronoun is ever seen alone (تزامها, تزام: 0 uses; their only
    "article" uses are these very forms). المهم (مهم), الحاده (حادة), الهامه (هامة) have a rest
    that stands alone and stay ال + rest. The ي of a nisba is no pronoun here: الحادي is ال + حادي
    (the eleventh), not الحاد (إلحاد) + ي."""
    if count(form[2:]):
        return False
    return any(
        ending in PRONOUNS and takes_article_or_conjunction(base) and not count(base[2:])
        for base, ending in endings_off(form)
    )


def preposition_before_short_noun(word: str) -> bool:
    """``word`` is ب or ل before a noun of two letters (بحق, لحل, بحد, لسد, لرد, بخط): the rest
    takes the article, is written alone and with the article each at least as often as ``word``,
    and ``word`` is never a word itself (بحر, بشر, برد, لعب take the article or a second
    preposition: البحر, اللعب). A name or a verb of three letters leaves a rest the news seldom
    writes (برس: رس 0, لحج: حج 216 beside 575, بقي: قي 24), a rare noun one the article seldom
    takes (بون, بدي, لمي). Left wrong: بسم (ب + اسم, its alef dropped), باخ (Bach); 65 lexicon
    forms, 2,562 tokens, docs/stemming.md."""
    rest = word[1:]
    return (len(rest) == MIN_AFTER_ARTICLE and word[0] in TWO_LETTER_PREPOSITIONS and rest not in stopwords()
            and takes_article(rest) and not _used_whole(word)
            and min(count(rest), count("ال" + rest)) >= count(word)
            and count("و" + word) <= SHORT_NOUN_CONJUNCTION_SHARE * count(word))


def _pronoun_on_the_rest(word: str) -> bool:
    """``word`` ends in a pronoun and its whole reading rests only on a base the news writes after
    the article rarely beside it, while the rest is as common and a noun's: ``بقوله`` is ب + قوله
    (by his saying), not بقول (legumes) + ه; ``بقريه`` is ب + قرية. The proof of :func:`_used_whole`
    came from the base: a form with a pronoun is never itself written after the article."""
    proof = proofs()
    if word in proof.whole or word in proof.preposition or not word.endswith(PRONOUNS):
        return False
    rest = word[1:]
    uses = count(word)
    proving = [base for base in ending_bases(word) if base in proof.whole]
    return (bool(proving) and known(rest) >= uses
            and all(base in proof.article and after_article(base) <= RARE_BASE_ARTICLE_SHARE * uses
                    for base in proving)
            and any(takes_article(base) for base in ending_bases(rest) if base != rest))


def _conjunction_before_rarer_proof(word: str) -> bool:
    """``word`` starts with و or ف, its only proof as a whole word is one of its bases, written
    whole (after the article or another conjunction) less often than ``word`` itself, and the rest
    after the conjunction is at least as common: ``فيكون`` is ف + يكون (6,404 uses), not فيك (13
    uses after the article) + ون; ``ويسهم``, ``واتهم``, ``واليات`` likewise. A base the news writes
    whole more often keeps the letter: ``فتاتي`` (الفتاة), ``وعودها`` (الوعود), ``وجوبا`` (الوجوب)."""
    proof = proofs()
    if word[0] not in CONJUNCTIONS or word in proof.whole or word in proof.preposition:
        return False
    uses = count(word)
    return count(word[1:]) >= uses and all(
        whole_uses(base) < uses for base in _whole_bases(word) if base in proof.whole)


def _clitic_reading_wins(word: str) -> bool:
    """``word``, seen whole (:func:`_used_whole`), is still its first letter as a clitic: the form is
    no commoner than that clitic would make it (:func:`explained_by_clitic`), or the proof of its
    whole reading is a base too rare beside it (:func:`_pronoun_on_the_rest`,
    :func:`_conjunction_before_rarer_proof`). One test for both places that weigh it."""
    return explained_by_clitic(word) or _pronoun_on_the_rest(word) or _conjunction_before_rarer_proof(word)


def _bare_clitic_ok(word: str) -> bool:
    """May the first letter of ``word`` (و ف ب ك ل) come off? ``ونفط`` yes; ``وزارة``, ``كريم`` no."""
    rest = word[1:]
    if len(rest) < MIN_STEM:
        return preposition_before_short_noun(word)
    if rest in stopwords() and word not in stopwords():
        # The stop list holds every stop word with its clitics (وانت, بهذا), so a form outside it
        # is not clitic + stop word: كانت is not ك + انت. A stop form that got here was written
        # with a madda (وآلية, folded as وإليه is: analyzers/stopwords.py), and so is its rest.
        return False
    if _used_whole(word) and not _clitic_reading_wins(word):
        return False  # الكمال, البطولة, ووافق, الفايروس: the first letter is the word's
    if word[0] in CONJUNCTIONS:
        # و and ف are the commonest clitics: a known rest is enough (وقال, ونفط, وبمدينة).
        # The unseen-rest guard of ب ك ل below, tried here too, changed 187 forms, half wrongly
        # (وتسعون, ويثنون, ودعمي lost): و is common enough before a verb or noun to be trusted.
        return any(known(base) for base in ending_bases(rest))
    # ب ك ل are rarer: the rest must stand alone and be common next to the whole form (بشكل,
    # لمدة; not كانت, nor لاحظ, whose احظ is only ever the folded ألاحظ), and, when it is rare
    # beside it, be a noun, as these prepositions are (بواسطة: الواسطة; not بنيامين, باشرت).
    # A rest never seen must show its word without a pronoun or as a long base (_rest_bases).
    if _conjunction_after_preposition(rest) or _verb_or_name_after_preposition(rest, word):
        return False
    bases = _rest_bases(rest)
    if word[0] == "ك" and not any(known(base) >= KAF_REST_RATIO * count(word) for base in bases):
        return False  # كروز, كريس, كوبر, كلير, كاملا: names and whole words, not ك + روز, ريس …
    return any(
        count(base)
        and attested(base, word)
        and (known(base) >= RARE_REST_RATIO * count(word)
             or (takes_article(base) and known(base) >= NOUN_REST_RATIO * count(word)))
        for base in bases
    )


def _conjunction_after_preposition(rest: str) -> bool:
    """What a bare ب ك ل would leave, ``rest``, reads as و or ف + a word and is never used whole: a
    preposition never stands before a conjunction (the order is و + ب), so the first letter is the
    word's own and the form a name: بوزيد, بونجاح, بوشهر, لوكاس are no ب + وزيد (and Zaid), ونجاح.
    A rest seen whole keeps the reading: بوسعه, بوعده, بوصفه are ب + وسع, وعد, وصف."""
    return (rest[0] in CONJUNCTIONS and not _used_whole(rest) and known(rest[1:]) >= count(rest)
            and strip_clitics(rest) != rest)


def _verb_or_name_after_preposition(rest: str, word: str) -> bool:
    """``word`` is ب or ك + ``rest``, a rest in ي that is no noun (neither it nor a base of it takes
    the article, and it is no two-letter noun with its pronoun, as يده): an imperfect or a name,
    before which the preposition stands rarely. Then ``word`` must be under ``YAA_REST_RATIO`` of
    the rest's uses to be read so: بيار (Pierre, 27 uses beside يار's 14), بينج (10 beside the
    jussive ينج's 11), بيونغ (20 beside يونغ's 56), بيرث (Perth) keep their ب; بيونيو, بيونس, the
    dialect's بيحب (a twentieth or less of يونيو, يونس, يحب) lose it (docs/stemming.md)."""
    return (word[0] in "بك" and rest[0] == "ي" and count(word) > YAA_REST_RATIO * known(rest)
            and not place_term(rest) and not short_noun_before_pronoun(rest)
            and not any(takes_article(base) for base in ending_bases(rest)))


def _rest_bases(rest: str) -> list[str]:
    """The forms that may show the ``rest`` of a word after ب ك ل is a word.

    A rest the corpus knows: itself and its bases (:func:`ending_bases`). A rest it never shows: a base
    is evidence only without a pronoun (بذبحهم: ذبح) or with more than ``UNSEEN_REST_BASE`` letters
    (كمريضين: مريض). Else a rare name is read as ب ك ل + a common word plus an ending: كامرون
    (Cameron) as ك + امر + ون, كاثرين as ك + اثر + ين, بايرين (Bayern) as ب + اير + ين."""
    if known(rest):
        return ending_bases(rest)
    return [rest, *(base for base, ending in endings_off(rest) if ending in PRONOUNS or len(base) > UNSEEN_REST_BASE)]


def _article_ok(prefix: str, rest: str, word: str) -> bool:
    if prefix.endswith("لل") and known("ل" + rest) and (not _stands_alone(rest, "ل" + rest) or _lam_noun(rest)):
        # ل + ال before a word starting with ل is written لل too: للاعبين is ل + لاعبين, not
        # لل + اعبين. The لل reading wins unless ل+rest is a word and what the لل reading leaves
        # is rare next to it, or the ل word takes the article far more often (_lam_noun). When
        # ل+rest is never seen either (لحرمين, ليابان), the article it is: للحرمين, لليابان,
        # للجاني are لل + حرمين, يابان, جاني (not ل + لحرم, ل + لجان).
        return False
    if len(rest) >= MIN_STEM:
        return True
    return len(rest) >= MIN_AFTER_ARTICLE and _stands_alone(rest, word)


def _lam_noun(rest: str) -> bool:
    """لل + ``rest`` is ل + the ل word ``"ل" + rest`` with its article, when that word is seen after
    the bare article at least ``LAM_NOUN_RATIO`` times as often as ``rest`` is: للجان is ل + اللجان
    (committees, 808 uses) rather than ل + الجان (0), للون ل + اللون (colour, 244; اون 4), للتر
    ل + اللتر (the litre). Below the ratio the article reading stays (للازمة: الأزمة 1,340 beside
    اللازمة 1,522, and «للأزمة», for the crisis, is the commoner phrase)."""
    lam = count("الل" + rest)
    return lam > 0 and lam >= LAM_NOUN_RATIO * count("ال" + rest)


def _name_before_article(prefix: str, rest: str, word: str) -> bool:
    """``word`` is a name whose first letters only look like a clitic and the article: والتر, فالتر
    (Walter), بالمر (Palmer), والاس (Wallace), بالاس, read as و/ب + ال + two letters, made one term
    with مر (passed), اس, تر. Two letters after a clitic and ال are a noun when the noun is seen
    with the bare article more often than with this stack (الحج, الحد, الرد: 4 to 40 times as
    often); a name's "rest" is not (المر 31 beside بالمر 43, الاس 0 beside بالاس 35). Not after لل:
    per-unit prices write للطن more often than الطن (docs/stemming.md)."""
    return (
        len(prefix) > len("ال") and prefix.endswith("ال") and len(rest) == MIN_AFTER_ARTICLE
        and count("ال" + rest) < count(word)
    )


def _stands_alone(rest: str, word: str) -> bool:
    """``rest`` alone is at least a tenth as common as ``word`` (raw counts: the article forms of
    ``rest`` include ``word`` itself here)."""
    alone = count(rest)
    return alone > 0 and alone >= STANDS_ALONE_RATIO * count(word)


# The article prefixes a word can start with, by its first letter (each list longest first).
_ARTICLE_PREFIXES_BY_FIRST = {p[0]: tuple(x for x in ARTICLE_PREFIXES if x[0] == p[0]) for p in ARTICLE_PREFIXES}


def strip_clitics(word: str) -> str:
    """Conjunction, preposition and article off a folded word, where the evidence allows.

    ``والكتاب``, ``بالكتاب`` → ``كتاب``; ``وبمدينه`` → ``مدينه``; ``كمال``, ``فيصل`` stay whole,
    and so does a past verb starting with ب ك ل (``بحثت``, ``كسبت``).
    """
    if word[:1] in PREPOSITIONS and verb_base(word) and (word[0] == "ك" or not takes_article(word[1:])):
        # بحثت, لمست, كلفت: a preposition never stands before a past verb. لبيت stays ل + بيت:
        # what follows the ل is a noun of its own (البيت), and a preposition's reading wins. Not
        # after ك, which stands before a noun too rarely (KAF_REST_RATIO): كسبت, كبرت, كفرت are
        # verbs, not ك + السبت, البرت, الفرت.
        return word
    bases = ending_bases(word)
    clitic_first = word[:1] in CLITIC_LETTERS  # every bare stack starts with one
    plural = plural_before_object(word) if clitic_first else ""
    if plural and count(plural):
        # وجدوه, فعلوه, وقتلوه: a plural with an object pronoun has the clitics its plural has
        # (وجدوا, فعلوا, قتلوا), not those a noun's pronoun would leave (جدو, علو).
        rest = word[len(plural) - len(strip_clitics(plural)) :]
        if plural_object(rest):
            return rest
    # A clitic before a protected name comes off unless the form itself takes the article: فرقه
    # (الفرقه, the band) is no ف + الرقة. A base cut from the form is no proof against the name:
    # the folded وجده, بابها are found him, its door (الوجد, الباب) 39 and 12 times in the news,
    # and وجدة, بأبها (and Jeddah, in Abha) 289 and 246 times. Not after ك, which stands before a
    # name too rarely for that (كسبها, وكسبها: earned it, no ك + سبها).
    if clitic_first and word not in proofs().article:
        protected = protected_words()
        for stack in BARE_STACKS:
            rest = word[len(stack) :]
            if (word.startswith(stack) and (rest in protected or place_term(rest))
                    and ("ك" not in stack or proofs().article.isdisjoint(ending_bases(word[stack.index("ك") :])))):
                return rest  # بلبنان, بدرعا; والله even though فوالله is an oath
    if _used_whole(word, bases) and not (clitic_first and _clitic_reading_wins(word)):
        return word  # البالغين, الالفين, الالعاب: ب, ال are the word's own letters here
    for prefix in _ARTICLE_PREFIXES_BY_FIRST.get(word[:1], ()):
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if _name_before_article(prefix, rest, word):
                return word
            if own_alef_lam("ال" + rest) or lam_verb("ال" + rest) or _own_article_before_pronoun("ال" + rest):
                continue  # وألمانيا, والتحق, التزامها: these ال are the word's own; a bare clitic may still go
            if len(prefix) > 2 and _used_whole("ال" + rest):
                continue  # بالتزام is ب + التزام: التزام takes the article itself (الالتزام)
            if _article_ok(prefix, rest, word):
                # الالتزام: the bare التزام loses its ال as an article, so this one must too.
                return strip_clitics(rest) if rest.startswith("ال") else rest
    if clitic_first:
        for letters in (CONJUNCTIONS, PREPOSITIONS):
            if word[:1] in letters and _bare_clitic_ok(word):
                word = word[1:]
    return word


def conjunction_before_doubled(word: str) -> bool:
    """``word``, three letters, is و or ف before a doubled verb's past: وتم (2,459 uses), فتم, وشن,
    وضم, ومد; also وحب, وخط, وحق, whose two letters are nouns of such a verb.

    :func:`strip_clitics` never leaves fewer than three letters after a bare clitic, as two are a
    word by chance; here the evidence is the verb's (:func:`analyzers.verbs.doubled_verb`: يتم,
    تضم) and the form's: it is never used whole (الوعد, الوقف: :func:`_used_whole`), no verb of its
    own (يوشك, يوحد, يوقف are seen: وشك, وحد, وقف stay) and no commoner than the two letters."""
    rest = word[1:]
    return (
        len(word) == MIN_STEM
        and word[0] in CONJUNCTIONS
        and doubled_verb(rest)
        and not _used_whole(word)
        and not count("ي" + word) + count("ت" + word)
        and count(rest) >= count(word)
    )

