"""Light stemming of folded Arabic words (DESIGN.md, analysis rule 6; roots: analyzers/roots.py).

tashaphyne's ``light_stem`` alone is not usable for search (كتب→تب, ونفط→فط, وزارة→زار but
الوزارات→وزار), and no affix table can tell a clitic or an ending from a letter of the word: و is a
clitic in وقال and a radical in وزارة, ون an ending in المسلمون and part of زيتون. So each cut is
made only with evidence from how the forms are used in real news (:mod:`analyzers.evidence`):

* :func:`strip_clitics`: only *noun* clitics come off (verb prefixes ي ت ن ا س start far more
  nouns than they mark verbs in news): an optional conjunction (و ف), an optional preposition
  (ب ك ل) and an optional article (ال, or لل for ل+ال). The article is trusted. A bare و ف ب ك ل
  comes off only when the whole form never behaves as one word (it is not seen after the article,
  or, for و/ف, after another conjunction, or, for ب ك ل, after another preposition: الكمال, البطولة,
  ووافق, لبشار keep كمال, بطولة, وافق, بشار whole)
  *and* the rest is a known word (ونفط → نفط; فايروس, كورونا stay whole). After ب ك ل, rarer
  clitics than و ف, the rest must also be common next to the whole form (كانت is not ك+انت),
  and a rest never seen counts only through its base without a pronoun or a base of four letters
  or more (كمريضين → مريض; كامرون is not ك + امر + ون).
* :func:`strip_endings`: a tanween alef or a pronoun, then one number ending, then ة, then ي,
  each only when the shorter form is attested (عاما → عام, but الدنيا, كورونا stay): ون needs its ين twin (المسلمون/المسلمين, but زيتون, قانون stay), ين
  needs ون or ان or a common base with a plural's or dual's evidence (يومين; شاهين, نسرين stay),
  ان needs ين at least as often and the article about as often as ين has it (الطرفان/الطرفين, but
  سليمان, إيمان, شعبان stay), ات and ة need the base or its other forms (وزارات/وزارة → وزار, but أوقات,
  اتجاه, مياه stay); a noun in ة that its base's nisba outnumbers ten to one keeps its ة
  (السعودة, Saudization, is not السعودية). A final ي is a construct plural (موظفي → موظف) when
  the plural in ين is commoner than the form + ة, a nisba when the form takes ة, ين or ون itself
  (حوثي, الحوثيون, الحوثيين → حوث, like مصري → مصر), else a defective noun's (قاضي → قاض) when the
  base is attested; but not beside a noun in ة that is another word (الباقي, not الباقة). A past verb's person ending ت or وا comes off when the form never takes the
  article, its base is attested and keeps a verb's company (قبضت, قبضوا → قبض; بيت, سبت, بيروت
  stay): :func:`_verb_base`. نا comes off before an accusative's ا when its base is the commoner
  word (اكدنا → اكد; امانا → امان): :func:`_accusative_alef`; an imperfect's plural in وا and dual
  in ان take its plural's term (يكونوا, يقومان → يكون, يقوم): :func:`_imperfect_plural`; and a
  form that takes a plural ending itself has no pronoun (يساهم, مساهم).
* :func:`_future_off`: the future's س comes off an imperfect, with a verb's evidence (سيكون →
  يكون; السياسي, ساعد, سيدي keep it). The imperfect's own prefixes ي ت ن stay.
* protected words (``data/protected.txt``: what the evidence cannot decide) are returned whole,
  with or without clitics in front: بلبنان → لبنان; a nisba meets the protected name it comes
  from: الأميركية → اميركا.
* words of ``MIN_STEM`` letters or fewer, anything that is not Arabic, and words longer than
  :data:`analyzers.limits.MAX_WORD_LEN` (no real word is) are never touched.

Stemming dominates analysis time and news text repeats words all the time, so results are cached
per process, bounded by size (:mod:`analyzers.caching`).
"""

from __future__ import annotations

import functools
from importlib import resources

from analyzers.caching import memoize
from analyzers.evidence import (
    CONJUNCTIONS,
    PREPOSITION_STACKS,
    PREPOSITIONS,
    after_article,
    attested,
    count,
    explained_by_clitic,
    imperfects,
    known,
    lexicon,  # noqa: F401  (re-exported: analyzers.roots and broken_plurals read counts from here)
    own_alef_lam,
    proofs,
    takes_article,
    verb_company,
)
from analyzers.limits import MAX_WORD_LEN
from analyzers.normalize import is_arabic, normalize_word
from analyzers.stopwords import stopwords

MIN_STEM = 3
# After the article alone a two-letter word is still a word: الحج, للحج, بالحج → حج.
MIN_AFTER_ARTICLE = 2
# Two letters after ال stand for a word when they stand alone this often relative to the whole
# form: الحج (حج is common) but not الغي (ألغى), القي (ألقى), اليه (آلية). Likewise للاعبين is
# ل + لاعبين, not لل + اعبين.
STANDS_ALONE_RATIO = 0.1
CACHE_BYTES = 32 << 20  # the stem cache, per process
# After ب ك ل, a rest (or its base) under a fifth as common as the whole form must take the
# article: بنيامين (نيام 12 beside 132), كنيدي, بلير, باشرت, بنيت keep their first letter; بشكل,
# بواسطة (rest 0.13 as common) stay ب + noun. Of the forms seen ≥ 10 times that lost the letter,
# 13, 42, 70, 114 have a rest under 0.1, 0.2, 0.3, 0.5 as common, idioms more and more among them
# (بشكل 0.18, بنسبة 0.47); at 0.2, 49 forms (3,189 tokens) change, about 40 rightly (docs/stemming.md).
RARE_REST_RATIO = 0.2
# ك ("like, as") stands before a noun far more rarely than ب or ل: the median share of a common
# noun's uses that carry it is 0 (ب 0.025, ل 0.026; evidence.clitic_rate). So ك comes off only
# when the rest, or a base of it, is at least as common as the whole form. At 1, 30 lexicon forms
# (831 tokens) keep their ك, every one a name or a whole word (كروز, كريس, كوبر, كاملا, كتابيا);
# at 2, 61, with idioms lost (كسابقاتها, كتذكار); docs/stemming.md.
KAF_REST_RATIO = 1

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
# Pronoun endings, longest first. A bare ه is left to the ة rule: folded, the two are one letter.
PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "ه")
# The second person's, longest first: cut only with a noun's evidence (_second_person_base).
SECOND_PERSON = ("كما", "كم", "كن", "ك")
# The object pronouns an imperfect takes that PRONOUNS leave out ("me" and the second person's),
# longest first: cut only with a verb's evidence (_imperfect_object).
OBJECT_PRONOUNS = ("كما", "كم", "كن", "ني", "ك")
# A word is used without a first- or second-person pronoun far more than with it: the base must be
# at least this many times as common as the form (جوراسي, 4 uses, is no جوراسيك's base: 22).
PRONOUN_BASE_RATIO = 2
# Plural and dual endings, each with the test that shows it is an ending of this base.
NUMBER_ENDINGS = ("ات", "ون", "ين", "ان")
# A nisba loses its ي and meets the word it derives from (مروري/مرور, اقتصادي/اقتصاد). Keeping it
# (اداري ≠ اداره) raised the word lists' precision of conflation from 0.920 to 0.972 but cost the
# dev topics 0.011 nDCG@10 and 0.020 Recall@100 (docs/stemming.md), so the switch stays on.
NISBA_TO_BASE = True
# A noun in ة that mostly takes the article keeps its ة when the nisba ية of its base is this many
# times as common (السعوده, not سعود like السعوديه). 10, 5, 3 on the lexicon: 7, 14, 18 nouns;
# below 10 feminines of the base leave it too (الملكه/الملك: the word lists' families split,
# امبراطوره; at 3 مسءوله), so 10 (docs/stemming.md).
NISBA_OVER_TAA = 10
# A form in ي beside a noun in ة (its base + ة, after the article) is that noun's nisba only when
# its own feminine in ية is at least this share as common as itself: a nisba qualifies feminine
# nouns as often as masculine ones (ادارية 1.19× اداري, سياسية 1.26×, حكومية 3.4×), a noun or
# name in ي has a rare feminine or none (باقي 0.19, سامي 0.40, اماني 0, دوري ...): docs/stemming.md.
NISBA_FEMININE_SHARE = 0.25
# ين with no ون/ان twin is still a plural or dual when the base is at least this common beside it
# (يومين, مؤكدين, موزعين); تأمين beside تام is not. 3, 1, 0.5, 0.2 tried on the word lists: family
# recall 0.972, 0.985, 0.991, 0.995; pairs kept apart 0.915, 0.898, 0.898, 0.881.
YIN_BASE_RATIO = 0.5
# A twinless ين on a base under this many times as common as the form needs more evidence that
# it is a plural or dual (a feminine, an accusative, a ة or a nisba's ي): شاهين, نسرين, تلوين
# keep their ين. 2, 3, 5 on the lexicon: docs/stemming.md.
YIN_DUAL_RATIO = 3
# A form in ان whose ين twin takes the article in a share that would give it this many article
# uses, but which shows under DUAL_ARTICLE_SHARE of them, is no dual (شعبان, جبران).
DUAL_ARTICLE_MIN = 20
DUAL_ARTICLE_SHARE = 0.1
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
# The imperfect's person prefixes the future's س is read before and an object pronoun is cut after
# (not ا, the folded أ of "I": ساعد, ساهم, سافر, and اشترك, ادرك beside اشكرك, are pasts of their own).
IMPERFECT_PERSONS = "يتن"
# A form of four letters loses the future's س only when the imperfect left is this many times as
# common and seen with the other person's prefix (ي beside ت): سيتم (يتم 3.0×, تتم), سيصل, ستجد;
# not سيدي (1.5×, no تدي), ستان, سيون, سيلم. At 2, 5 forms (24 tokens) still go wrong (سينس, سنام,
# ستوب, سيام, سينج), and ستظل (1.8×) keeps its س; docs/stemming.md.
SHORT_FUTURE_RATIO = 2
# An imperfect's dual in ان whose plural in ون is unseen meets its singular when that is this many
# times as common, four letters or more, seen after another person's prefix and never after the
# article: يلتقيان (25 uses; يلتقي 280, تلتقي), يسببان, يقللان, يفتتحان; not ترومان (تروم unseen).
DUAL_SINGULAR_RATIO = 2
# The past-tense person endings of a verb: ت (she, or I/you) and وا (they). تم تن تا were measured
# and left out: 40, 22 and 81 lexicon stems end in them, mostly names (مارتن, تويوتا) and a verb of
# its own (اختتم is not اخت + تم); see docs/stemming.md "Verb endings".
VERB_ENDINGS = ("وا", "ت")
# A form in تي/تا read as a noun in ة + the ي of "my" or of a dual's construct must be seen after
# the article in no more than this share of its uses (a construct never takes it). حياتي (my life; the
# nisba "vital" is الحياتي 5 times in 187), مائتي (two hundred, 4 in 49) pass; دلتا (11 in 39) and
# the typos امارتي, حضريتي (only ever after it) do not. At 0.02 (takes_article's share) حياتي fails.
CONSTRUCT_ARTICLE_SHARE = 0.1


def _read_data(name: str) -> str:
    return resources.files("analyzers").joinpath("data", name).read_bytes().decode("utf-8")


@functools.cache
def protected_words() -> dict[str, str]:
    """Folded protected name → the term it is indexed as (the name without its article).

    العراق, عراق, والعراق all index as عراق, exactly as an ordinary word loses its article.
    """
    words: dict[str, str] = {}
    for line in _read_data("protected.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word = normalize_word(line)
        bare = word[2:] if word.startswith("ال") and len(word) > 4 and not own_alef_lam(word) else word
        words[word] = words[bare] = bare
    return words


def _restore_taa(base: str) -> str:
    """A ة written ت before an ending comes back: ``وزارت`` (of وزارتها) → ``وزاره``; ``بيت`` stays."""
    if base.endswith("ت") and known(base[:-1] + "ه") > known(base):
        return base[:-1] + "ه"
    return base


# Every ending :func:`_bases` cuts, in its order, filed by the ending's last letter: a word is
# only tried against the endings it can end with.
_ENDINGS = (*PRONOUNS, *NUMBER_ENDINGS, "ي")
_ENDINGS_BY_LAST = {e[-1]: tuple(x for x in _ENDINGS if x[-1] == e[-1]) for e in _ENDINGS}


def _bases(word: str) -> list[str]:
    """``word`` and what it is without one ending: where its use as a whole word may show."""
    return [word, *(base for base, _ in _endings_off(word))]


def _endings_off(word: str) -> list[tuple[str, str]]:
    """(base, ending) for each ending ``word`` may lose, a ة written ت before it restored too."""
    cuts = []
    for ending in _ENDINGS_BY_LAST.get(word[-1:], ()):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            base = word[: -len(ending)]
            cuts.append((base, ending))
            if base.endswith("ت"):
                cuts.append((base[:-1] + "ه", ending))
    return cuts


def _used_whole(word: str, bases: list[str] | None = None) -> bool:
    """``word`` (or its form without an ending, or without an accusative's ا) is seen after the
    article or, when it starts with و/ف, after another conjunction, or ``word`` itself after another
    preposition: then its first letters are its own (الكمال, ووافق, البالغين, لبشار, واحدا).

    A form starting with ال is tested as it stands: an article never carries a pronoun, so
    المهم is not الم+هم however common الألم is. The preposition test is made on the whole form
    only: a base cut from it is often another word behind a preposition (بلدي, not ب + لدي).
    ``bases``: :func:`_bases` of ``word`` when the caller has them."""
    proof = proofs()
    if word.startswith("ال"):
        return word in proof.whole
    bases = _bases(word) if bases is None else bases
    if len(word) > ACCUSATIVE_MIN and word.endswith("ا") and not word.endswith(("ها", "نا", "هما", "وا")):
        bases = [*bases, word[:-1]]  # واحدا, فعليا, والدا: the accusative's alef off (الواحد, الفعلي)
    return word in proof.preposition or not proof.whole.isdisjoint(bases)


def _bare_clitic_ok(word: str) -> bool:
    """May the first letter of ``word`` (و ف ب ك ل) come off? ``ونفط`` yes; ``وزارة``, ``كريم`` no."""
    rest = word[1:]
    if len(rest) < MIN_STEM or (rest in stopwords() and word not in stopwords()):
        # The stop list holds every stop word with its clitics (وانت, بهذا), so a form outside it
        # is not clitic + stop word: كانت is not ك + انت. A stop form that got here was written
        # with a madda (وآلية, folded as وإليه is: analyzers/stopwords.py), and so is its rest.
        return False
    if _used_whole(word) and not explained_by_clitic(word):
        return False  # الكمال, البطولة, ووافق, الفايروس: the first letter is the word's
    if word[0] in CONJUNCTIONS:
        # و and ف are the commonest clitics: a known rest is enough (وقال, ونفط, وبمدينة).
        # The unseen-rest guard of ب ك ل below, tried here too, changed 187 forms, half wrongly
        # (وتسعون, ويثنون, ودعمي lost): و is common enough before a verb or noun to be trusted.
        return any(known(base) for base in _bases(rest))
    # ب ك ل are rarer: the rest must stand alone and be common next to the whole form (بشكل,
    # لمدة; not كانت, nor لاحظ, whose احظ is only ever the folded ألاحظ), and, when it is rare
    # beside it, be a noun, as these prepositions are (بواسطة: الواسطة; not بنيامين, باشرت).
    # A rest never seen must show its word without a pronoun or as a long base (_rest_bases).
    bases = _rest_bases(rest)
    if word[0] == "ك" and not any(known(base) >= KAF_REST_RATIO * count(word) for base in bases):
        return False  # كروز, كريس, كوبر, كلير, كاملا: names and whole words, not ك + روز, ريس …
    return any(
        count(base)
        and attested(base, word)
        and (known(base) >= RARE_REST_RATIO * count(word) or takes_article(base))
        for base in bases
    )


def _rest_bases(rest: str) -> list[str]:
    """The forms that may show the ``rest`` of a word after ب ك ل is a word.

    A rest the corpus knows: itself and its bases (:func:`_bases`). A rest it never shows: a base
    is evidence only without a pronoun (بذبحهم: ذبح) or with more than ``UNSEEN_REST_BASE`` letters
    (كمريضين: مريض). Else a rare name is read as ب ك ل + a common word plus an ending: كامرون
    (Cameron) as ك + امر + ون, كاثرين as ك + اثر + ين, بايرين (Bayern) as ب + اير + ين."""
    if known(rest):
        return _bases(rest)
    return [rest, *(base for base, ending in _endings_off(rest) if ending in PRONOUNS or len(base) > UNSEEN_REST_BASE)]


def _article_ok(prefix: str, rest: str, word: str) -> bool:
    if prefix.endswith("لل") and known("ل" + rest) and not _stands_alone(rest, "ل" + rest):
        # ل + ال before a word starting with ل is written لل too: للاعبين is ل + لاعبين, not
        # لل + اعبين. The لل reading wins unless ل+rest is a word and what the لل reading leaves
        # is rare next to it. When ل+rest is never seen either (لحرمين, ليابان), the article it is:
        # للحرمين, لليابان, للجاني are لل + حرمين, يابان, جاني (not ل + لحرم, ل + لجان).
        return False
    if len(rest) >= MIN_STEM:
        return True
    return len(rest) >= MIN_AFTER_ARTICLE and _stands_alone(rest, word)


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
    if word[:1] in PREPOSITIONS and _verb_base(word) and (word[0] == "ك" or not takes_article(word[1:])):
        # بحثت, لمست, كلفت: a preposition never stands before a past verb. لبيت stays ل + بيت:
        # what follows the ل is a noun of its own (البيت), and a preposition's reading wins. Not
        # after ك, which stands before a noun too rarely (KAF_REST_RATIO): كسبت, كبرت, كفرت are
        # verbs, not ك + السبت, البرت, الفرت.
        return word
    bases = _bases(word)
    clitic_first = word[:1] in CLITIC_LETTERS  # every bare stack starts with one
    if clitic_first and proofs().article.isdisjoint(bases):  # فرقه (الفرقه) is no ف + الرقة
        protected = protected_words()
        for stack in BARE_STACKS:
            if word.startswith(stack) and word[len(stack) :] in protected:
                return word[len(stack) :]  # بلبنان; والله even though فوالله is an oath
    if _used_whole(word, bases) and not (clitic_first and explained_by_clitic(word)):
        return word  # البالغين, الالفين, الالعاب: ب, ال are the word's own letters here
    for prefix in _ARTICLE_PREFIXES_BY_FIRST.get(word[:1], ()):
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if own_alef_lam("ال" + rest) or _lam_verb("ال" + rest):
                continue  # وألمانيا, والتحق: these ال are the word's own; a bare clitic may still go
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


def _number_ending_ok(ending: str, base: str, word: str) -> bool:
    if ending == "ات":  # وزارات: وزارة is a word; أوقات: no أوق, no أوقة
        return attested(base, word) or known(base + "ه") > 0
    if ending == "ون":  # المسلمون beside المسلمين; زيتون, قانون have no ين twin. يعملون: verb + ون.
        return known(base + "ين") > 0 or (base[0] in "يت" and attested(base, word)) or _participle(base, word)
    if ending == "ين":  # المسلمين/المسلمون, الطرفين/الطرفان, يومين (or الادارتين) beside يوم
        return known(base + "ون") > 0 or known(base + "ان") > 0 or _twinless_yin(base, word)
    # ان: a dual's ين twin is at least as common (الطرفين/الطرفان); سليمان, حرمان are not duals,
    # and neither is شعبان, which shuns the article its twin الشعبين takes (_article_like_twin)
    twin = base + "ين"
    return known(twin) >= max(known(word), 1) and _article_like_twin(word, twin)


def _twinless_yin(base: str, word: str) -> bool:
    """``word`` = ``base`` + ين, with no ون or ان twin, is a plural or dual all the same: its base is
    common beside it (``YIN_BASE_RATIO``; a participle's plural, المتأثرين, may outnumber its
    singular, and is one when it takes the article and its feminine is seen: :func:`_participle`),
    and it is either a noun far commoner than the form (عقدين, قرنين: ``YIN_DUAL_RATIO``), a ة-noun
    (غرفتين), a nisba (انفجاريين) or an adjective that shows a feminine or an accusative (نظيفين:
    نظيفة; مقتولين: مقتولا), or the form takes the article (المضربين, الخطاطين: names never do). A
    name shows none of them: شاهين, نسرين, كارولين, ماردين keep their ين (docs/stemming.md)."""
    noun = _restore_taa(base)
    uses, form_uses = known(noun), known(word)
    if uses < YIN_BASE_RATIO * form_uses:
        return _participle(base, word)  # المتأثرين, الممرضين, المغادرين
    return (
        takes_article(word) or uses >= YIN_DUAL_RATIO * form_uses or noun != base or base.endswith("ي")
        or known(base + "ه") > 0 or count(base + "ا") > 0
    )


def _participle(base: str, word: str) -> bool:
    """``word``, ``base`` + ون or ين, is a participle's plural though its twin is unseen or its
    singular rarer than itself (المتأثرين, الجراحون): it takes the article, which names in ين or ون
    (شاهين, فريدون) never do, and its base, of four letters or more, and the base's feminine in ة
    are both seen."""
    return len(base) > MIN_STEM and known(base) > 0 and known(base + "ه") > 0 and takes_article(word)


def _article_like_twin(word: str, twin: str) -> bool:
    """A dual in ان takes the article about as its genitive twin in ين does; a word that only looks
    like one does not: شعبان (the month: 5 of 105 uses after the article) beside الشعبين (180 of
    185), جبران (6 of 68) beside الجبرين. Decided only when the twin's share would give the form
    at least ``DUAL_ARTICLE_MIN`` article uses; the form must then show ``DUAL_ARTICLE_SHARE`` of
    them (عامان, 0 of an expected 7, stays a dual)."""
    expected = known(word) * after_article(twin) / known(twin)
    return expected < DUAL_ARTICLE_MIN or after_article(word) >= DUAL_ARTICLE_SHARE * expected


def _own_taa(word: str) -> bool:
    """The ة of ``word`` is its own: a noun (mostly after the article) that the nisba of its base
    outnumbers, so the nisba, which meets the base, is another word than this one.

    ``سعوده`` (السعودة, Saudization: 142 uses, 113 after the article) beside ``سعوديه`` (13,306)
    keeps its ة; so do غربة (not غربية), بشرة (not بشرية). ``اداره``, ``سياسه`` (commoner than
    their nisbas) and ``وطنه`` (his homeland: never after the article) lose it."""
    if not word.endswith("ه") or not 0 < count(word) <= after_article(word):
        return False
    return known(word[:-1] + "يه") >= NISBA_OVER_TAA * known(word)


def _nisba_feminine(form: str) -> bool:
    """``form`` (in ي) has a nisba's feminine in ية: at least ``NISBA_FEMININE_SHARE`` as common as
    itself (ادارية 1.19× اداري); a noun or a name in ي has a rare one or none (باقية 0.19× باقي)."""
    return known(form + "ه") >= NISBA_FEMININE_SHARE * known(form)


def _own_yaa(word: str) -> bool:
    """The ي of ``word`` is its own: its base + ة is a noun (it takes the article), and ``word``
    is no adjective of that noun, whose feminine in ية would be about as common as itself.

    ``باقي`` (remaining: 484 uses, باقية 90) beside ``باقه`` (bouquet, الباقة), ``اماني`` (wishes,
    no اماني+ة) beside ``امانه`` (trust), the family names ``الرشيدي``, ``العاصمي`` beside ``رشيد``,
    ``عاصم`` keep their ي; the nisbas ``اداري`` (ادارية 1,104 beside 930), ``سياسي``, ``حكومي`` and
    ``دوري`` (دورية 453) lose it and meet their noun."""
    base, taa = word[:-1], word[:-1] + "ه"
    return (
        takes_article(taa)
        and after_article(word) > 0  # a construct plural never does: مرتكبي, واسعي stay plurals
        and known(base) < known(taa)  # else the nisba of the bare noun (ملكي of ملك, not of ملكة)
        and not _nisba_feminine(word)
        and not known(word + "ين") + known(word + "ون")  # صحافيين, شرطيين: a nisba of persons
    )


def _taa_before_construct(word: str) -> bool:
    """``word`` ends in a ة written ت before the ي of "my" or the ي / ا of a dual's construct state.

    ``منطقتي`` (منطقة 20,371 uses, منطقت 0), ``وزارتي``, ``حياتي``, ``قوتي``, ``شركتا`` are their
    noun in ة. The test is :func:`_restore_taa`'s (the noun in ة commoner than the form in ت:
    ``وقتي``, ``بيتي``, ``زيتي`` keep their ت); the noun in ة must also take the article, as a noun
    does (``انتي`` is no انه + ي), and be seen beside the form (:func:`attested`). A construct and a
    noun with "my" never take the article themselves, so a form seen after it in more than
    ``CONSTRUCT_ARTICLE_SHARE`` of its uses is another word (``دلتا``, ``داتا``: الدلتا, الداتا). The
    nisbas of words in ت keep their ت (``الكويتي``, ``الذاتي``, ``الصوتي``: no كويه, ذاه, صوه)."""
    taa = word[:-2] + "ه"
    return (
        len(taa) >= MIN_STEM
        and _restore_taa(word[:-1]) == taa
        and takes_article(taa)
        and attested(taa, word)
        and after_article(word) <= CONSTRUCT_ARTICLE_SHARE * count(word)
    )


def _second_person_base(word: str) -> str:
    """The noun ``word`` is with a pronoun of the second person cut (ك كم كن كما), or "".

    ``بلدكم`` → ``بلد``, ``حياتك`` → ``حياه``, ``رايك`` → ``راي``. These are rarer in news than the
    third person's, and ك ends many words (بنك, ملك, شريك, تبوك), verbs (بارك, اشترك, أملك) and
    loanwords in -ic (اولمبيك, الكترونيك, جوراسيك), so the cut needs a noun's evidence on both sides:

    * the form is never seen after the article (a noun with a pronoun never is: البنك, الملك);
    * the base takes it and is at least twice as common as the form (a noun is used without this
      pronoun far more than with it: not جوراسي, 4 uses beside جوراسيك's 22);
    * the form is no verb: no imperfect of it is seen (يبارك; يملك for أملك and نملك);
    * a base in ي is no nisba adjective, which takes no pronoun: its feminine in ية is under
      ``NISBA_FEMININE_SHARE`` of it, as for رأي (راية 0.16), وعي, أبي, not اولمبي (1.5), الكتروني."""
    for pronoun in SECOND_PERSON:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= MIN_STEM:
            base = _restore_taa(word[: -len(pronoun)])
            verb = count("ي" + word) + count("ت" + word) + (count("ي" + word[1:]) if word[0] in "انت" else 0)
            nisba = base.endswith("ي") and _nisba_feminine(base)
            rare_base = known(base) < PRONOUN_BASE_RATIO * known(word)
            if not base.isalpha() or verb or nisba or rare_base or after_article(word) or not takes_article(base):
                return ""  # (not base.isalpha(): 100كم is a hundred kilometres)
            return base
    return ""


def _imperfect_object(word: str) -> str:
    """The imperfect ``word`` is with an object pronoun of the first or second person cut (ني ك
    كم كن كما), or "": ``يمكنك`` → ``يمكن``, ``يجعلني`` → ``يجعل``, ``يحفظكم`` → ``يحفظ``.

    ك ends verbs of their own (يشترك, تستهلك, ينتهك, يرتبك, تدارك) and ني a few (يبني, يعاني, يتمنى
    folded), so the cut needs a verb's evidence on both sides:

    * the base, four letters or more, is seen, and with another person's prefix (يمكن beside تمكن):
      an imperfect (the three-letter bases of يبني, يتمني are left alone);
    * it is at least ``PRONOUN_BASE_RATIO`` times as common as the form (تدار 71 beside تدارك's 34
      would pass: the next test stops it; يسعدني, 19 beside يسعد's 30, stays apart);
    * the form never takes the article (التمليك, التدليك are nouns) nor a plural or dual ending
      (يشتركون, يستهلكون: its last letter is its own);
    * no participle shares its letters (مشترك, مستهلك, منتهك, مرتبك, مدارك beside the verb: a
      radical ك; نسالك, يستقبلك, whose م + rest is a noun by chance, stay apart too)."""
    if word[:1] not in IMPERFECT_PERSONS:
        return ""
    for pronoun in OBJECT_PRONOUNS:
        if word.endswith(pronoun):
            base = word[: -len(pronoun)]
            if (
                len(base) > MIN_STEM
                and known(base) >= max(PRONOUN_BASE_RATIO * known(word), 1)
                and _seen_after_another_person(base)
                and not takes_article(word)
                and not any(known(word + ending) for ending in ("ون", "وا", "ان", "ين"))
                and not known("م" + word[1:])
            ):
                return base
            return ""
    return ""


def _accusative_alef(word: str) -> bool:
    """The final ا of ``word`` is the indefinite accusative's: the form without it is attested
    beside it, and, when ``word`` ends in نا, "we"/"our" is not the better reading. That one wins
    when the form less نا is a noun or a verb (it takes the article, or keeps a verb's company),
    commoner than the form less ا, which is no noun in ن of its own (it never takes the article):
    ``اكدنا`` (we confirmed) is اكد + نا (اكد 3,205 uses, اكدن 5), ``بيتنا`` بيت + نا; ``امانا``,
    ``متينا``, ``مليونا`` keep their ن (الامان, المتين), and ``اما``, ``متى`` are stop words."""
    if not attested(word[:-1], word):
        return False
    if not word.endswith("نا") or len(word) - 2 < MIN_STEM:
        return True
    base, accusative = _restore_taa(word[:-2]), word[:-1]
    ours = (
        base not in stopwords()
        and not takes_article(accusative)
        and (takes_article(base) or verb_company(base, "ت"))
        and attested(base, word)
        and known(base) > known(accusative)
    )
    return not ours


def _other_persons(imperfect: str, persons: str = "يت") -> list[str]:
    """``imperfect`` with each other person's prefix of ``persons`` instead of its own: ``يكون`` →
    ``[تكون]``. The same verb seen after another person is the evidence that a form is an imperfect
    (:func:`_imperfect_plural`, :func:`_future_off`)."""
    return [p + imperfect[1:] for p in persons if p != imperfect[0]]


def _seen_after_another_person(imperfect: str) -> bool:
    """The same verb is seen after another of ``IMPERFECT_PERSONS``' prefixes (يمكن: تمكن, نمكن): the
    evidence that ``imperfect`` is one (:func:`_imperfect_object`, :func:`_common_dual_singular`,
    :func:`_future_off`)."""
    return any(known(form) for form in _other_persons(imperfect, IMPERFECT_PERSONS))


def _imperfect_plural(word: str) -> str:
    """An imperfect's other plural or dual as its plural in ون (or, that unseen, its singular),
    whose term it then takes: ``يكونوا`` → ``يكونون``; ``يقومان`` → ``يقومون``; ``تبحثان`` →
    ``تبحث``; anything else unchanged.

    After أن, لم, لن an imperfect's plural loses its ن (يكونوا, يتمكنوا, يروا; تقولوا, تجعلوا are
    also an imperative's or a prohibition's); but an imperfect in و seen as such keeps its reading
    with a silent alef, as the Uthmani script and many writers spell it (يدعوا: يدعو). Its dual
    ends in ان (يمثلان, تبحثان), like a noun's dual, whose twin is in ين. The evidence: the verb's
    plural in ون is seen, after ي or ت (for وا, else its singular, as common as the form and never
    after the article: يلحقوا); for ان also the singular (يمثل), and the form never takes the
    article and keeps three letters before ان: تايفان is no تايفون (typhoon), nor تدان (is
    condemned) تدون. A dual whose plural is unseen needs a common singular instead
    (:func:`_common_dual_singular`; docs/stemming.md, "The first person plural, an imperfect's
    plurals and its future" and "An imperfect's object and dual, a plural with my")."""
    if word[:1] not in "يت" or len(word) <= MIN_STEM or not word.endswith(("وا", "ان")):
        return word
    singular, plural = word[:-2], word[:-2] + "ون"
    if word.endswith("وا") and known(word[:-1]):
        return word  # يدعوا, يرجوا: an imperfect in و with a silent alef (Uthmani, and many writers)
    seen_plural = known(plural) or any(known(form) for form in _other_persons(plural))
    if not seen_plural and not (
        word.endswith("وا") and known(singular) >= known(word) and not takes_article(singular)
    ) and not _common_dual_singular(word):
        return word
    if word.endswith("ان") and (len(singular) <= MIN_STEM - 1 or not known(singular) or takes_article(word)):
        return word
    return plural if known(plural) else singular


def _common_dual_singular(word: str) -> bool:
    """The evidence for an imperfect's dual whose plural in ون the corpus lacks (يلتقيان): ``word``
    ends in ان and is seen alone (ليبرمان, a name, is never يبرمان); its singular has four letters or
    more, is ``DUAL_SINGULAR_RATIO`` times as common, never takes the article and is seen after
    another person's prefix (يلتقي beside تلتقي)."""
    singular = word[:-2]
    return (
        word.endswith("ان")
        and len(singular) > MIN_STEM
        and known(word) > 0
        and known(singular) >= DUAL_SINGULAR_RATIO * known(word)
        and not takes_article(singular)
        and _seen_after_another_person(singular)
    )


def _future_off(word: str) -> str:
    """An imperfect without the future's س: ``سيكون`` → ``يكون``, ``ستقام`` → ``تقام``; else ``word``.

    س stands before an imperfect only (before ي ت ن here: ``IMPERFECT_PERSONS``), so the evidence is
    the verb's: the form never takes the article (السياسي, السيارة do), the imperfect without س is
    at least as common as the form (سيرجي, Sergei, is not س + يرجي), and the same imperfect is seen
    after another person's prefix (يكون beside تكون; تقام beside يقام): ستين (sixty) has no يين."""
    if word[:1] != "س" or word[1:2] not in IMPERFECT_PERSONS or len(word) <= MIN_STEM or takes_article(word):
        return word
    rest = word[1:]
    if known(rest) < max(known(word), 1):
        return word
    if rest[0] == "ن" and takes_article(rest):
        return word  # سنجار (Sinjar) is no س + نجار: "we" is the rarest person in news
    if len(rest) == MIN_STEM and (
        takes_article(rest)
        or known(rest) < SHORT_FUTURE_RATIO * known(word)
        or not all(known(form) for form in _other_persons(rest))
    ):
        return word  # سيدي (تدي unseen), ستان, سيون: three letters left are a word by chance too
    imperfects = [rest]
    if rest.endswith(("ون", "وا", "ان")) and len(rest) > MIN_STEM + 2:
        imperfects.append(rest[:-2])  # سيقدمون: تقدم is seen, if not تقدمون
    return rest if any(map(_seen_after_another_person, imperfects)) else word


def _verb_base(word: str, defective: bool = True) -> str:
    """The past verb ``word`` is with its person ending ت or وا cut, or "" when it is no such verb.

    ``قبضت``, ``قبضوا`` → ``قبض``; ``اكدت`` → ``اكد``. The evidence that it is a verb: the form
    never takes the article (البيت, الوقت, السبت, البنت: nouns in a radical ت), the base is
    attested beside it, and the base keeps a verb's company (:func:`analyzers.evidence.verb_company`:
    an imperfect or the other person ending seen), which names in ت lack (بيروت, سويفت)."""
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM - 1:
            base = word[: -len(ending)]
            if base.endswith("وا") or takes_article(word):
                continue  # وا is a person ending already: لقوات is ل + قوات, not لقوا + ت
            if len(base) >= MIN_STEM and attested(base, word) and verb_company(base, ending):
                return base
            past = _defective_past(base) if defective and ending == "ت" else ""
            if past:
                return past
    return ""


def _defective_past(base: str) -> str:
    """The past whose last letter, ى or ا, drops before the person ending ت: ``اد`` (أدت) →
    ``ادي`` (أدى); ``قض`` → ``قضي``; ``دع`` → ``دعا``; or "".

    The past must be seen, and its imperfects, in و (يدعو: tried first, so دعت is دعا, not the
    passive دعي) or in ي (يؤدي, يقضي, ينتهي), more often than the base's own (يمر, يظل, يرد,
    يكن: مرت, ظلت, ردت, كنت are pasts of a doubled or hollow verb, حلته a noun + pronoun). وا is
    left out: دعواه, شكواهم, مستواه are nouns in ى with a pronoun far more often than plurals."""
    own = count("ي" + base)
    for past, company in ((base + "ا", ("ي" + base + "و", "ت" + base + "و")), (base + "ي", imperfects(base + "ي"))):
        if count(past) and sum(count(form) for form in company) > own:
            return past
    return ""


def _lam_verb(form: str) -> bool:
    """``form`` (starting with ال) is a past verb of the pattern افتعل on a root starting with ل:
    التحق, التزم, التقى, التفت, with or without a person ending (التحقت, التقوا), not ال + a noun.

    The evidence: its past's imperfects (يلتحق, تلتقي) are seen at least as often as what the
    article would leave (تحق: never; تقي: 22 uses beside 329). التهم stays ال + تهم (accusations,
    183 uses beside يلتهم/تلتهم's 40) but التهمت, with a person ending no noun takes, is the verb;
    التعليم, التقرير have no imperfect at all."""
    if not form.startswith("الت"):
        return False
    past = _verb_base(form) or form
    company = sum(count(imperfect) for imperfect in imperfects(past))
    return company > 0 and company >= count(form[2:])


def _verb_stem(past: str) -> tuple[str, str]:
    """A past verb's forms take its own term (a past takes no number ending, ة or nisba after
    ت/وا): what :func:`light_stem` gives the past itself, protected or not (تعاونت → تعاون)."""
    protected = protected_words()
    if past in protected:
        return protected[past], ""
    # A past whose ال the clitic rules would take for the article (التهم, of التهمت: alone, ال +
    # تهم, accusations) keeps it; one they keep (التقى, ألغى) is stemmed as it is alone.
    if past.startswith("ال") and not strip_clitics(past).startswith("ال"):
        return past, ""
    return strip_endings(past)


def strip_endings(word: str, defective: bool = True) -> tuple[str, str]:
    """Pronoun, number ending, ة and ي off a clitic-free word; also gives the base a nisba
    derives from (or ""). ``defective``: the word may be a past whose ى dropped before ت (أدت);
    not after a preposition or the article, which never stand before a verb.

    ``مسلمون``, ``مسلمين``, ``مسلمه`` → ``مسلم``; ``حوثيون``, ``حوثيين``, ``حوثيه`` → ``حوث``
    (a nisba); ``موظفي`` → ``موظف``; ``زيتون``, ``اوقات``, ``اتجاه`` stay whole.
    """
    # A form seen after the article has no pronoun ending (الكورونا: نا is not "our") and no
    # tanween alef (الدنيا); a bare ه may still be ة and is left to the ة rule below.
    word = _imperfect_plural(word)
    verb = _verb_base(word, defective)  # before the tanween alef: طالبوا is طالب + وا, not طالبو
    if verb:
        return _verb_stem(verb)
    whole_noun = takes_article(word)
    if word.endswith("ا") and len(word) > MIN_STEM and not whole_noun and _accusative_alef(word):
        word = word[:-1]  # the indefinite accusative: عاما, شخصا, ارهابيا → عام, شخص, ارهابي
    # A form that itself takes a plural ending has no pronoun: يساهم (يساهمون), مساهم (مساهمين)
    pronouns = PRONOUNS if not (whole_noun or known(word + "ون") or known(word + "ين")) else ()
    for pronoun in pronouns:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= MIN_STEM:
            base = _restore_taa(word[: -len(pronoun)])
            if attested(base, word):
                word = base
                break
    else:
        imperfect = _imperfect_object(word)  # يمكنك, يجعلني: the imperfect's own term
        if imperfect:
            return strip_endings(imperfect, defective)
        word = _second_person_base(word) or word  # بلدكم, حياتك, رأيك
    protected = protected_words().get(word)
    if protected and not word.endswith("ي"):
        # تعاونها, تعاونهم: a protected word with a pronoun is that word (in ي, a construct
        # plural's more likely: أهليهم is their families, not the club الأهلي's)
        return protected, ""
    verb = _verb_base(word, defective)  # and after a pronoun: قتلته, اعلنتها
    if verb:
        return _verb_stem(verb)
    # A word whose ال is its own (ألفارو, التحق) keeps more than ال + one letter: التون (Elton) is
    # no الت + ون (then اله, of إله and آلة).
    shortest = MIN_STEM + 1 if word.startswith("ال") else MIN_STEM
    for ending in NUMBER_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            base = word[: -len(ending)]
            if _number_ending_ok(ending, base, word):
                if ending != "ات":
                    word = _restore_taa(base)
                else:  # غربات keeps the ة its singular keeps (غربه)
                    word = base + "ه" if _own_taa(base + "ه") else base
                break
        elif ending == "ات" and len(word) == 4 and word.endswith("ات") and attested(word[:2] + "ه", word):
            word = word[:2] + "ه"  # قوات, لغات, جهات: plurals of a three-letter word in ة
            break
    if word[-2:] in ("تي", "تا") and _taa_before_construct(word):
        # منطقتي, وزارتي, شركتا: "my …" or a dual's construct (منطقتي مكة والمدينة), a ة written
        # ت before the ي or ا. The word is its noun in ة from here on, so the two meet.
        word = word[:-2] + "ه"
    if word.endswith("ه") and len(word) > MIN_STEM:  # ة (folded) or a pronoun left over
        base = word[:-1]
        if (attested(base, word) or known(base + "ات") > 0) and not _own_taa(word):
            word = base
    nisba = ""
    if word.endswith("ي") and len(word) > MIN_STEM:
        base = word[:-1]
        if known(base + "ين") > known(word + "ه"):
            word = base  # a construct plural: موظفي (892 موظفين, 23 موظفيه)
        elif _own_yaa(word):
            pass  # باقي, اماني: a word of its own beside the noun in ة (باقة, امانة)
        elif known(word + "ه") or known(word + "ين") or known(word + "ون"):
            # A nisba (دوري: 453 دوريه, 41 دورين): its forms meet (اداري/الادارية/الاداريين),
            # and with NISBA_TO_BASE the word it derives from too (اداره, مرور).
            nisba = base
            if NISBA_TO_BASE:
                word = base
        elif attested(base, word):
            if base.endswith("ات") and len(base) >= MIN_STEM + 2 and not takes_article(word):
                # خدماتي, قدراتي (my services, my abilities): the plural's own term. A nisba in اتي
                # takes the article (السوفياتي, المعلوماتي), and a name in اتي mostly leaves no
                # three letters before ات (فياتي, بوناتي): both stay as they were.
                return strip_endings(base, defective)
            word = base  # a defective noun: قاضي/قاض
    return word, nisba


@memoize(CACHE_BYTES, MAX_WORD_LEN)
def light_stem(word: str) -> str:
    """Stem one folded word: ``والكتاب``, ``بالكتاب``, ``الكتاب``, ``كتاب`` → ``كتاب``.

    ``الوزارات`` and ``وزارة`` (folded ``وزاره``) → ``وزار``; ``كتب``, ``كمال``, ``زيتون`` stay.
    """
    if len(word) <= MIN_STEM or len(word) > MAX_WORD_LEN or not is_arabic(word):
        if len(word) == MIN_STEM and word.endswith("ت") and not takes_article(word):
            past = _defective_past(word[:-1])  # أدت, قضت, دعت: three letters, the past's term
            return _verb_stem(past)[0] if past else word
        return word
    protected = protected_words()
    if word in protected:
        return protected[word]
    rest = strip_clitics(word)
    if rest in protected:
        return protected[rest]
    rest = _future_off(rest)
    # Only و and ف stand before a past: after a preposition, the article or the future's س, no ت
    # is a verb's whose ى dropped (كشفته is no ك + شفت of شفى, بوست no ب + وست).
    stem, nisba_of = strip_endings(rest, set(word[: len(word) - len(rest)]) <= set(CONJUNCTIONS))
    if nisba_of:
        # A nisba meets the protected name it comes from: الأميركية → اميركا, روسي → روسيا.
        # Only a nisba: السور (the wall) must not become سوريا.
        for ending in ("", "ا", "يا"):
            if nisba_of + ending in protected:
                return protected[nisba_of + ending]
    return stem


def cache_stats() -> dict[str, int]:
    """Entries, bytes and misses of the stem cache in this process (for the benchmark)."""
    return light_stem.cache.stats()
