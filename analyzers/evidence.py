"""What the news corpus says about a word form: the evidence the light stemmer decides with.

A leading و ف ب ك ل is a clitic in وقال, ونفط, بمدينة and a radical letter in وزارة, فيصل, كمال,
بطولة; a trailing ون ين ان ات ة ي is an ending in المسلمون, الطرفين, وزارات and part of the word in
زيتون, فلسطين, سليمان, أوقات. No affix table tells them apart; how the forms are *used* does.
``data/lexicon.tsv.gz`` (built by ``bench/build_lexicon.py`` from SaudiNewsNet: folded form →
count, forms seen at least 3 times) answers four questions:

* :func:`known`: how often a form occurs alone or after the article (ال, وال, بال, لل …);
* :func:`takes_article_or_conjunction`: does the whole form itself take the article, or, when it
  starts with و/ف, another conjunction (الكمال, الفساد, ووافق, وفيصل)? A clitic cannot stand
  after the article or after و/ف (ال+و+قال and و+و+قال are not Arabic), so that use proves the
  first letter belongs to the word;
* :func:`takes_preposition`: is a form starting with ب ك ل seen after another preposition
  (لبشار)? Prepositions do not stack, so that use proves the first letter belongs to the word;
* :func:`attested`: is a shorter form common enough, next to the longer one, to be the same word?

The thresholds were chosen on corpus word lists labelled with a dictionary (``docs/stemming.md``
tells how and gives the figures).
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources
from typing import NamedTuple

from analyzers.limits import MIN_STEM

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
# A preposition, alone or behind a conjunction: what may stand before a word starting with ب ك ل
# only when that letter is the word's own.
PREPOSITION_STACKS = (*PREPOSITIONS, *(c + p for c in CONJUNCTIONS for p in PREPOSITIONS))
# The prefix stacks that end with the article: a form seen after any of them is a whole word.
ARTICLE_STACKS = ("ال", "وال", "فال", "بال", "كال", "لل", "وبال", "ولل", "فبال", "فلل", "وكال", "فكال")
# A form is "the same word" as a longer one when seen at least this often relative to it. Chosen
# on the dictionary-labelled lists: 0.02-0.1 are within 3 errors of each other; 0.05 sits mid-way.
ATTESTED_RATIO = 0.05
# The whole form takes the article (or a conjunction) in at least this share of its uses: then its
# first letter is radical even if the rest is also a word (الكمال 30 of كمال's 153 uses; the
# spurious hits of true clitic forms stay under 1%, e.g. 27 of وأكد's 3487).
WHOLE_WORD_RATIO = 0.02
# A word is used without a first- or second-person pronoun far more than with it: the base must be
# at least this many times as common as the form (جوراسي, 4 uses, is no جوراسيك's base: 22). The noun
# rule (analyzers/endings.py) and the imperfect's (analyzers/verbs.py) share it.
PRONOUN_BASE_RATIO = 2


# How often a clitic letter stands before a common noun, relative to the noun alone: the median
# over the nouns seen ≥ 100 times, mostly after the article (و 0.072, ل 0.026, ب 0.025, ك and ف
# 0: ف joins verbs, not nouns). A form used whole but no more common than that share of its rest
# is mostly the clitic reading of a homograph: وعيد (103 uses beside عيد's 2,522) is و + عيد
# ("and Eid"), not وعيد ("threat"). The 75th and 90th percentiles also flipped وجهه, بقول, ورده,
# بشاشه, whose whole reading is common (word lists: pairs kept apart 0.881 → 0.864 → 0.797).
CLITIC_RATE_PERCENTILE = 0.5


@functools.cache
def lexicon() -> dict[str, int]:
    """Folded word form → how often it stands alone in the news corpus."""
    raw = resources.files("analyzers").joinpath("data", "lexicon.tsv.gz").read_bytes()
    counts: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    return counts


def count(form: str) -> int:
    """How often ``form`` stands alone in the corpus: ``count("نفط")`` → 170."""
    return lexicon().get(form, 0)


def after_article(form: str) -> int:
    """How often ``form`` follows the article, alone or behind و ف ب ك ل: ``النفط``, ``بالنفط`` …"""
    return _after_article().get(form, 0)


@functools.cache
def _after_article() -> dict[str, int]:
    """form → the summed counts of every article stack + form in the lexicon, once per process.

    Why a table: this is the light stemmer's commonest question (several a new word), and asked
    form by form it cost twelve dict reads and a generator, a fifth of analysing a new article.
    Each lexicon word adds its count to the form it leaves behind each stack it starts with: the
    same sums, read in one look-up."""
    table: dict[str, int] = {}
    for word, n in lexicon().items():
        for stack in ARTICLE_STACKS:
            if word.startswith(stack):
                form = word[len(stack) :]
                table[form] = table.get(form, 0) + n
    return table


def known(form: str) -> int:
    """Uses of ``form`` alone or after the article: how well the corpus knows it as a word."""
    return _known().get(form, 0)


@functools.cache
def _known() -> dict[str, int]:
    """form → :func:`count` + :func:`after_article`, summed once per process (the stemmer asks it
    several times of a new word: one look-up instead of two calls and two)."""
    table = dict(lexicon())
    for form, n in _after_article().items():
        table[form] = table.get(form, 0) + n
    return table


def attested(form: str, longer: str) -> bool:
    """``form`` is a word in its own right, common enough next to ``longer`` to be its base.

    ``attested("كتاب", "كتابه")`` is true; ``attested("ميا", "مياه")`` is not (12 uses beside
    2,895: a typo, not the base of مياه).
    """
    uses = known(form)
    return uses > 0 and uses >= ATTESTED_RATIO * known(longer)


def takes_article(form: str) -> bool:
    """``form`` is seen after the article often enough to be a noun as it stands: ``الكورونا``."""
    return form in proofs().article


def _counted_takes_article(form: str, ratio: float) -> bool:
    uses = after_article(form)
    return uses > 0 and uses >= ratio * count(form)


@functools.cache
def clitic_rate(letter: str) -> float:
    """The share of a common noun's uses that carry ``letter`` as a clitic (see above)."""
    counts = lexicon()
    rates = sorted(
        counts.get(letter + noun, 0) / n
        for noun, n in counts.items()
        if n >= 100 and len(noun) >= 3 and noun[0] not in "وفبكلا" and after_article(noun) >= n
    )
    return rates[int(CLITIC_RATE_PERCENTILE * (len(rates) - 1))] if rates else 0.0


def explained_by_clitic(form: str) -> bool:
    """``form`` is no more common than its first letter as a clitic before the rest would make it:
    ``وعيد`` (103) beside ``عيد`` (2,522) is و + عيد; ``بعيد`` (886) is too common for ب + عيد."""
    if form[1:2] in ("و", "ف") and form[0] not in ("و", "ف"):
        return False  # ب ك ل never stand before و ف: بواخر is not ب + واخر
    rest_uses = count(form[1:])
    return rest_uses > 0 and count(form) <= clitic_rate(form[0]) * rest_uses


# A form starting with ال is written with a hamza on that alef in at least this share of its uses:
# then the ال is the word's own (ألمانيا 1,074 of 1,192, إلكترونية, ألقى, ألفارو's neighbours
# الكسندر 0.59, الميدا 0.55), since the article's alef never carries one. Below it lie homographs
# whose article reading is the commoner (الحق beside ألحق 0.05, السنة beside ألسنة 0.03, الأم
# beside آلام 0.26, الهام beside إلهام 0.37): docs/stemming.md, "A hamza on the alef".
HAMZA_ALEF_SHARE = 0.5
# A form written with ى in at least this share of its uses ends in an alef maqsura (ذكرى, أسرى),
# whatever its folded ي could otherwise be (docs/stemming.md, "An alef maqsura").
MAQSURA_SHARE = 0.5
# ... and one written with أ at its end in this share ends in a hamza, no accusative's alef (يقرأ,
# مبدأ; أبدًا is written أبداً a tenth of the time, هنا as هنأ by a slip).
FINAL_HAMZA_SHARE = 0.5
# A form the news writes after the article with ه in at least this share of those uses ends in a
# ه of its own (docs/stemming.md, "A ه of the word's own"); a few ة are typed ه by any writer.
OWN_HA_SHARE = 0.9


@functools.cache
def _unfolded(name: str) -> dict[str, tuple[int, int]]:
    """Folded form → (uses written with the letter folding drops, all uses), from ``data/NAME``:
    ``hamza_alef.tsv`` (bench/build_hamza_alef.py), ``maqsura.tsv`` (bench/build_maqsura.py),
    ``final_hamza.tsv`` (أ at a word's end: bench/build_final_hamza.py),
    ``final_ha.tsv`` (ه, not ة: bench/build_final_ha.py) and ``bare_taa.tsv`` (ة, not ه, bare:
    bench/build_bare_taa.py), counted in the same corpus as the lexicon;
    ``jussive.tsv`` (after لم: bench/build_jussive.py), ``constructs.tsv`` (before a noun with the
    article: bench/build_constructs.py), ``predicates.tsv`` (where a predicate stands:
    bench/build_predicates.py),
    ``person_names.tsv``, ``family_names.tsv`` and ``feminine_adjectives.tsv`` count a form's
    neighbours instead."""
    raw = resources.files("analyzers").joinpath("data", name).read_bytes()
    table: dict[str, tuple[int, int]] = {}
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            form, written, uses = line.split("\t")
            table[form] = (int(written), int(uses))
    return table


def _mostly_written(name: str, form: str, share: float, least: int = 1) -> bool:
    """``data/NAME`` says the news writes ``form`` so (with the letter folding drops, or among the
    neighbours the table counts) in at least ``share`` of its uses, ``least`` times or more (never
    for a form it lacks)."""
    written, uses = _unfolded(name).get(form, (0, 0))
    return written >= max(least, 1) and written >= share * uses


# A folded stop form is another word when the news writes it otherwise than the stop list spells
# it in this share of its uses and this many times or more (data/stop_spellings.tsv,
# bench/build_stop_spellings.py): وفاه 1,275 of 1,278 (وفاة), امين 1,176 of 1,189 (أمين), ولايه
# 927 of 928 (ولاية), ليله 545 of 550 (ليلة). The stop words stay far below (ان 7,527 of 125,792,
# الان 189 of 4,301): the news writes a stop word mostly as the list spells it (docs/stemming.md,
# `fahras-ar-42`).
STOP_OTHER_SPELLING_SHARE = 0.5
STOP_OTHER_SPELLING_USES = 10


def spelled_as_another_word(form: str) -> bool:
    """The stop form ``form`` is mostly another word that folding made look like it: ``وفاه`` (و +
    فاه, "and his mouth") is mostly وفاة (death), ``ليله`` ليلة (night); ``الي`` (إلى) is none."""
    return _mostly_written("stop_spellings.tsv", form, STOP_OTHER_SPELLING_SHARE, STOP_OTHER_SPELLING_USES)


# A stop form of this many letters or more, seen alone this many times, and after the article at
# least this share as often, is a noun or an adjective of the news: نفسي (psychological, 411 after
# the article beside 405 bare, not "myself"), ذاتي (self-), زمان, تحول (a shift, 408 / 538), لحظة
# (a moment, 422 / 451); unless the news writes it with ى in a quarter of its uses, the stop
# word's spelling (فعلي: فعلى, ف + على, 189 of its 504 uses bare and after the article). Below
# the share: صباح (352 / 1,502), مساء (133 / 2,803), اثناء (72 / 2,687), the adverbs they are
# listed as (docs/stemming.md, `fahras-ar-44`).
STOP_NOUN_LETTERS = 4
STOP_NOUN_USES = 20
STOP_NOUN_ARTICLE_SHARE = 0.5
STOP_NOUN_MAQSURA_SHARE = 0.25
# A stop form of three letters is a function word more often when it is one (نفس, "same": 1,630
# alone beside النفس, the soul, 905; مرة 0.64; شرع 0.84): it must be seen after the article at
# least as often as alone: وقت (الوقت 5,089 / 3,689), فعل (1,326 / 680), ليل, أمد, جلل, شطر. The
# stop list decides the rest: the article makes a stop word of some (ذي → الذي, تي → التي), and
# those stay (:func:`analyzers.stopwords.stopwords`). Two letters never: الله is no ال + له.
SHORT_STOP_NOUN_ARTICLE_SHARE = 1.0
# ... half of it with the article alone, no preposition before it: الكاد is never written, only
# the idiom بالكاد (barely), which leaves كاد (almost) the verb it is; الوقت, الفعل, الفلك are.
SHORT_STOP_NOUN_PLAIN_SHARE = 0.5


def stop_form_a_noun(form: str) -> bool:
    """The stop form ``form`` is mostly a noun or adjective in the news, seen after the article
    about as often as alone: ``نفسي`` (النفسي, psychological), ``تحول``, ``وقت``; ``صباح``,
    ``مساء``, ``نفس`` no."""
    uses = count(form)
    short = len(form) < STOP_NOUN_LETTERS
    share = SHORT_STOP_NOUN_ARTICLE_SHARE if short else STOP_NOUN_ARTICLE_SHARE
    return (
        len(form) >= MIN_STEM
        and uses >= STOP_NOUN_USES
        and after_article(form) >= share * uses
        and (not short or count("ال" + form) >= SHORT_STOP_NOUN_PLAIN_SHARE * uses)
        # فعلي: bare, mostly فعلى (ف + على), whatever الفعلي says; a nisba is hardly ever written
        # with ى (نفسي 1 of 816 uses)
        and not _mostly_written("maqsura.tsv", form, STOP_NOUN_MAQSURA_SHARE)
    )


# A form is a person's name when the news writes it after a title or beside بن (data/person_names.tsv,
# bench/build_person_names.py) this many times and in this share of its uses: سعود 1,520 of 3,895
# (0.39), خالد 0.62, عثمان 0.60, حسين 0.15, هاشم 20 of 108 (0.19); a noun or a place hardly ever is
# (رياض 9 of 158, the name Riyad beside the city's letters; مرور, اقتصاد, عسير none).
PERSON_NAME_USES = 20
PERSON_NAME_SHARE = 0.1


def person_name(form: str) -> bool:
    """``form`` is mostly a person's name in the news: ``سعود``, ``خالد``, ``عثمان`` yes; ``مرور``,
    ``رياض`` no. A nisba does not meet such a name (:func:`analyzers.stemming.strip_endings`):
    السعودية is no سعود."""
    return _mostly_written("person_names.tsv", form, PERSON_NAME_SHARE, PERSON_NAME_USES)


# A form is a place's name when the news writes it right after محافظة, مدينة, منطقة, بلدة, قرية or
# حي (data/place_names.tsv, bench/build_place_names.py) this many times and in this share of its
# uses: درعا 46 of 193 (0.24), بعقوبة 0.25, دوما 0.31, صعدة 0.42, الباحة 0.44, شرورة 0.66; the words
# written after such a head as a plain noun stay below (منطقة السفارات 0.20, مجاورة 0.12).
PLACE_NAME_USES = 10
PLACE_NAME_SHARE = 0.22
# ... and a name written with the article is seldom written without it: القريات 157 times, قريات
# never; الباحة 1,554 beside باحة 38 (a courtyard). A form the news writes bare this share as often
# is a noun the head named a place by: البحيرات 38 beside بحيرات 16 (lakes), النزهة 79 beside نزهة 58
# (an outing), الروضة 101 beside روضة 28 (a garden, a kindergarten).
BARE_NAME_SHARE = 0.1


# What a noun in ة takes and a place's name never does: a possessive pronoun on its ت (حجرتي, my
# room: قرية الحجرة is a village, the word a room).
_POSSESSIVES = ("ي", "ه", "ها", "هم", "هما", "نا", "ك", "كم")


def place_name(form: str) -> bool:
    """``form`` (folded, with its article if written with one) is mostly a place's name in the
    news: ``درعا``, ``صعده``, ``القريات`` yes; ``السفارات`` (منطقة السفارات, the embassies' quarter)
    no. Not an adjective agreeing with the head (منطقة عازلة, a buffer zone; a nisba in ي/ية: حي
    سكني), nor و/ف + a commoner word (قرية وهجرة: the head and another noun), nor a noun in ة the
    news writes with a pronoun (الحجرة: حجرتي; سترة: سترته), nor a name of three letters, which the
    stemmer cuts no more than any word that short and which is often two words (لحج, Lahij, and ل +
    حج)."""
    bare = form[2:] if form.startswith("ال") else form
    if len(bare) <= MIN_STEM or not _mostly_written("place_names.tsv", form, PLACE_NAME_SHARE, PLACE_NAME_USES):
        return False
    if bare != form and count(bare) >= BARE_NAME_SHARE * count(form) and not place_name(bare):
        return False  # البحيرات (lakes) beside بحيرات; a town named with the article is not written bare
    return not (bare.endswith(("ي", "يه"))
                or (bare.endswith("ه") and (feminine_adjective(bare)
                                            or any(count(bare[:-1] + "ت" + p) for p in _POSSESSIVES)))
                or (form[:1] in CONJUNCTIONS and count(form[1:]) >= count(form)))


@functools.cache
def place_names() -> tuple[str, ...]:
    """Every form of ``data/place_names.tsv`` that :func:`place_name` says is a place's name."""
    return tuple(form for form in _unfolded("place_names.tsv") if place_name(form))


# A nisba is mostly a family's name when the news writes it after the article right behind a
# person's name (data/family_names.tsv, bench/build_family_names.py) this many times and in this
# share of those uses: الحربي 228 of 691 (0.33), الشهري 0.51, القرني 0.48, الراجحي 0.28; an
# adjective seldom is (الديني 0.19, القاضي 0.18, البريدي 0.18, التركي 0.07, المصري 0.01).
FAMILY_NAME_USES = 5
FAMILY_NAME_SHARE = 0.25
# ... and a family's name is written after the article (محمد الحربي): at least this many times as
# often as bare (الحربي 694 beside حربي 19, الشهري 569 beside 243), where a bare form is mostly
# something else (معلمي, teachers of: 25 beside المعلمي 34; سلمي, peaceful: 118 beside 230).
FAMILY_NAME_ARTICLE_RATIO = 2


def family_name(nisba: str) -> bool:
    """``nisba`` (folded, in ي, without the article) is mostly a family's name: ``حربي`` (محمد
    الحربي), ``شهري``, ``نجراني`` yes; ``ديني``, ``مروري``, ``مصري`` no; nor a form written bare
    about as often as after the article, which is mostly something else there (خريجي, graduates of;
    شقيقي, my brother; صافي, net). Such a nisba does not meet the word it derives from
    (:func:`analyzers.stemming.strip_endings`): الحربي is no حرب (war)."""
    return (_mostly_written("family_names.tsv", nisba, FAMILY_NAME_SHARE, FAMILY_NAME_USES)
            and _unfolded("family_names.tsv")[nisba][1] >= FAMILY_NAME_ARTICLE_RATIO * count(nisba))


# A noun in ة is mostly an adjective's feminine when this share of its uses after the article
# follow a definite noun in ة or ات, as an adjective agrees with its noun (data/feminine_adjectives.tsv,
# bench/build_feminine_adjectives.py): السعيدة 0.86, الرشيدة 0.55, المساعدة 0.20, the dictionary's
# feminines; a noun hardly ever is (العمرة 0.003, الرياضة 0.003, الزيادة 0.006, الوزارة 0.001;
# most nouns under 0.05, a few to 0.10: العملية 0.097, الطائرة 0.083).
FEMININE_ADJECTIVE_SHARE = 0.1


def feminine_adjective(noun: str, share: float = FEMININE_ADJECTIVE_SHARE) -> bool:
    """``noun`` (folded, in ه, without the article) is mostly an adjective agreeing with the noun
    before it: ``سعيده`` (happy), ``مالكه`` (الأسرة المالكة) yes; ``عمره`` (the umrah), ``رياضه`` no.
    The adjective's two genders are one word: a person's name whose letters + ة are such a
    feminine keeps it (:func:`analyzers.protected.taa_noun_of_name`), and so does a base that
    the feminine far outnumbers (:func:`analyzers.endings.taa_noun_apart`: المختلفة, المختلف).
    A rule that needs a plain noun may ask a lower ``share``."""
    return _mostly_written("feminine_adjectives.tsv", noun, share)


# A bare form in ه is the noun in ة, not its base + the pronoun ه, when the news writes it bare
# with ة in at least this share of those uses (data/bare_taa.tsv, bench/build_bare_taa.py): حملة
# 0.95, حالة 0.98, طريقة 0.82; رحمة 0.32 (رحمه, the verb of «رحمه الله»), عملة 0.14 (his work).
BARE_TAA_SHARE = 0.8


def written_taa_bare(form: str) -> bool:
    """The news writes ``form`` (folded, in ه; a noun in ة whose base the dictionary gives no
    feminine) with ة when it stands bare in at least ``BARE_TAA_SHARE`` of those uses: ``حمله``
    (the campaign, حملة) yes; ``رحمه`` no."""
    return _mostly_written("bare_taa.tsv", form, BARE_TAA_SHARE)


# A form of three letters after ي ت ن that the news writes right after لم in at least this share
# of its uses, this many times or more, is a jussive (data/jussive.tsv, bench/build_jussive.py):
# يكن 1,609 of 1,690, تقم 60 of 62, يخف 34 of 39; not يعد (606 of 2,771: "returns", "is counted"),
# يجد, يصل, whole imperfects of other verbs that follow لم as any imperfect may.
JUSSIVE_SHARE = 0.8
JUSSIVE_USES = 10


def jussive(form: str) -> bool:
    """``form`` (ي ت ن + two letters) is mostly written after لم: a jussive (``يكن``, ``تقم``), not a
    whole imperfect (``يعد``, ``يجد``)."""
    return _mostly_written("jussive.tsv", form, JUSSIVE_SHARE, JUSSIVE_USES)


# A form in و the news writes right before a noun with the article in this share of its uses, this
# many times or more, stands as a construct does (data/constructs.tsv, bench/build_constructs.py):
# منسوبو 48 of 78 («منسوبو الوزارة»), محبو 18 of 20, صانعو 4 of 4 («صانعو القرار»); a name in و
# is followed by anything (ميلانو 0.57, بولو 0.56, كويلو 0.5, موتو 0). Names reach it too (مالو
# 7 of 9, «سان مالو الفرنسية»): the plural's evidence decides with it (endings.construct_plural).
CONSTRUCT_NOUN_SHARE = 0.6
CONSTRUCT_NOUN_USES = 3


def before_noun(form: str) -> bool:
    """``form`` (in و) is mostly written right before a noun with the article, as a construct is."""
    return _mostly_written("constructs.tsv", form, CONSTRUCT_NOUN_SHARE, CONSTRUCT_NOUN_USES)


# A form in ون the news writes where a predicate stands (after its subject pronoun or a copula, or
# before a preposition) in this share of its uses, this many times or more (data/predicates.tsv,
# bench/build_predicates.py): ذاهبون 7 of 8 («نحن ذاهبون إلى»), ملزمون 4 of 5, منقسمون 3 of 3;
# names in ون never (فريدون, ماكينون, هرميون, اوديون: 0).
PREDICATE_SHARE = 0.5
PREDICATE_USES = 3


def as_predicate(form: str) -> bool:
    """``form`` (in ون) is mostly written where a predicate's plural stands."""
    return _mostly_written("predicates.tsv", form, PREDICATE_SHARE, PREDICATE_USES)


def written_ha_bare(form: str) -> bool:
    """The news writes ``form`` (as :func:`written_taa_bare` counts it) with ه in most of its bare
    uses, a pronoun's: ``عصاه`` (his stick, 9 of 10) yes; ``حمله``, ``حماه`` (حماة, Hama) no."""
    written, uses = _unfolded("bare_taa.tsv").get(form, (0, 0))
    return uses > 0 and written * 2 < uses


def own_alef_lam(form: str) -> bool:
    """The ال that ``form`` starts with is its own letters, not the article: the news writes the
    form with a hamza on that alef most of the time (``المانيا``, ``القي`` yes; ``الحق`` no). A
    form the table lacks (too rare: إلكترون) takes the answer of its nisba (إلكتروني, إلكترونية),
    which shares its first letters."""
    if form in _unfolded("hamza_alef.tsv"):
        return _mostly_written("hamza_alef.tsv", form, HAMZA_ALEF_SHARE)
    return any(_mostly_written("hamza_alef.tsv", form + nisba, HAMZA_ALEF_SHARE) for nisba in ("ي", "يه"))


def written_final_hamza(form: str) -> bool:
    """The news writes ``form`` (folded, ending in ا) with a hamza on that alef (أ) most of the
    time: ``يقرا`` (يقرأ, 191 of 193 uses), ``مبدا``, ``خطا`` yes; ``ابدا`` (أبدًا, 52 of 579), ``هنا`` no.
    The indefinite accusative's alef never carries one."""
    return _mostly_written("final_hamza.tsv", form, FINAL_HAMZA_SHARE)


def written_maqsura(form: str) -> bool:
    """The news writes ``form`` (folded, ending in ي) with an alef maqsura most of the time:
    ``ذكري`` (ذكرى), ``اسري`` (أسرى 358 of 568 uses) yes; ``اداري``, ``موظفي`` no."""
    return _mostly_written("maqsura.tsv", form, MAQSURA_SHARE)


def own_ha(form: str) -> bool:
    """The final ه of ``form`` is a letter of its word, neither ة nor a pronoun: the form takes the
    article, where no pronoun stands, and the news writes it there with ه, not ة, in at least
    ``OWN_HA_SHARE`` of those uses. ``توجه`` (التوجه, orientation), ``جنيه`` (pound), ``فقيه`` yes; ``وزاره`` no."""
    if form.endswith("ته"):
        return False  # a ة written ت before "him": التقيته, التزمته are verbs whose ال is their own
    return _mostly_written("final_ha.tsv", form, OWN_HA_SHARE) and takes_article(form)  # not a stray use (لنفسه)


def own_maqsura(word: str) -> bool:
    """The final ي of ``word`` is an alef maqsura that folding wrote as ي, and cutting it would
    leave another word: the news writes the form with ى most of the time (:func:`written_maqsura`),
    and the form less its last letter is a noun of its own (it takes the article).

    ``ذكري`` (ذكرى, anniversary) is no ذكر (mention; he mentioned), ``اسري`` (أسرى, prisoners) no
    أسرة, ``العدوي`` (infection) no العدو (the enemy), ``تسعي`` (she strives) no تسع (nine). A word in
    ى whose rest is no noun keeps the cut that joins its forms: ``مستوي`` and ``مستويات`` meet as
    مستو, ``يبقي`` and ``يبقون`` as يبق. The feminine of a nisba (``اسريه``, familial) is no
    form of the word in ى, which never takes ة: the caller does not ask after cutting a ة."""
    return word.endswith("ي") and len(word) > MIN_STEM and written_maqsura(word) and takes_article(word[:-1])


def imperfects(base: str) -> tuple[str, ...]:
    """The third-person imperfects a past-tense ``base`` may have, folded: ``قبض`` → يقبض;
    ``اكد`` (أكد) → يكد, يءكد (يؤكد), تكد; ``اندلع`` → يندلع, تندلع; ``تحطم`` → يتحطم, تتحطم;
    ``زال`` (hollow) → يزال, يزول, يزيل; ``اطاح`` (أطاح, a hollow أفعل) → … يطيح, تطيح.

    ت is tried only where a hamza or alef starts the base (تعلن, تستورد) or a ت (تتحطم): before
    another base, ت + base is as often a verbal noun (تحطم, تقدم) as a verb."""
    forms = ["ي" + base]
    if base[0] == "ا":  # أفعل, افتعل, انفعل, استفعل drop the alef; أفعل's hamza may stay (يؤكد)
        forms += ["ي" + base[1:], "يء" + base[1:], "ت" + base[1:]]
    if base[0] == "ت":  # تفعّل, تفاعل: the ت of the pattern doubled (تتحطم, تتباين) is never a noun
        forms.append("ت" + base)
    if len(base) == 3 and base[1] == "ا":  # a hollow verb: قال/يقول, باع/يبيع
        forms += ["ي" + base[0] + "و" + base[2], "ي" + base[0] + "ي" + base[2]]
    if len(base) == 4 and base[0] == base[2] == "ا":  # a hollow أفعل: أطاح/يطيح, أتاح/تتيح
        forms += ["ي" + base[1] + "ي" + base[3], "ت" + base[1] + "ي" + base[3]]
    return tuple(forms)


def verb_company(base: str, ending: str) -> bool:
    """``base`` keeps a verb's company in the corpus: one of its imperfects (:func:`imperfects`)
    is seen, or its past with the other person ending (ت beside وا): ``قبض`` (يقبض, قبضوا) yes;
    ``بيرو`` (of بيروت), ``سويف`` (of سويفت), ``كريس`` (of كريست) no."""
    other = "وا" if ending == "ت" else "ت"
    return count(base + other) > 0 or any(count(form) for form in imperfects(base))


def takes_article_or_conjunction(form: str) -> bool:
    """``form`` is used as one word: after the article, or after و/ف when it starts with و/ف.

    ``الكمال``, ``البطولة`` prove كمال and بطولة whole; ``ووافق`` proves وافق whole. وقال is never
    seen after ال, و or ف, so its و may be a clitic.
    """
    return form in proofs().whole


def whole_uses(form: str) -> int:
    """The uses that show ``form`` is a word of its own: after an article stack and, when it starts
    with و or ف, after another conjunction (the evidence of :func:`takes_article_or_conjunction`)."""
    uses = after_article(form)
    if form[:1] in CONJUNCTIONS:
        counts = lexicon()
        uses += sum(counts.get(c + form, 0) for c in CONJUNCTIONS)
    return uses


def _counted_takes_article_or_conjunction(form: str, ratio: float) -> bool:
    uses = whole_uses(form)
    return uses > 0 and uses >= ratio * lexicon().get(form, 0)


def takes_preposition(form: str) -> bool:
    """``form``, starting with ب ك ل, is seen after another preposition: then that letter is its
    own, as prepositions do not stack (ل + ب + شار is not Arabic): ``لبشار`` proves بشار whole.

    ل before a form starting with ل is written لل like ل + ال (للبنان may be ل + البنان): no proof.
    """
    return form in proofs().preposition


def _counted_takes_preposition(form: str, ratio: float) -> bool:
    if form[:1] not in PREPOSITIONS:
        return False
    counts = lexicon()
    uses = sum(
        counts.get(p + form, 0)
        for p in PREPOSITION_STACKS
        # بلدين is a word, not ب + لدين
        if not p[-1] == form[0] == "ل" and not _counted_takes_article(p + form, ratio)
    )
    return uses > 0 and uses >= ratio * counts.get(form, 0)


class Proofs(NamedTuple):
    """The forms each whole-word test holds for (:func:`takes_article`,
    :func:`takes_article_or_conjunction`, :func:`takes_preposition`)."""

    article: frozenset[str]
    whole: frozenset[str]
    preposition: frozenset[str]


def proofs() -> Proofs:
    """The three tests' answers as sets, made once per process (and per ``WHOLE_WORD_RATIO``:
    bench/evidence_thresholds.py tries several): a new word asks them ~7 times, and the
    light stemmer asks one of a word and its bases at once (``isdisjoint``)."""
    return _proofs(WHOLE_WORD_RATIO)


@functools.cache
def _proofs(ratio: float) -> Proofs:
    """Each test counted, as first written, on every form it can hold for, which is where its
    uses are not 0: a form seen after an article stack (the :func:`after_article` table), after
    و/ف (the tail of a lexicon word starting with two of them), after a preposition stack
    (a tail starting with ب ك ل). ~20,500, ~21,000 and ~800 forms; 0.15 CPU s."""
    counts, after = lexicon(), _after_article()
    conjoined = {word[1:] for word in counts if word[:1] in CONJUNCTIONS and word[1:2] in CONJUNCTIONS}
    prepositioned = {word[len(p) :] for word in counts for p in PREPOSITION_STACKS
                     if word.startswith(p) and word[len(p) : len(p) + 1] in PREPOSITIONS}
    return Proofs(
        article=frozenset(f for f in after if _counted_takes_article(f, ratio)),
        whole=frozenset(f for f in after.keys() | conjoined if _counted_takes_article_or_conjunction(f, ratio)),
        preposition=frozenset(f for f in prepositioned if _counted_takes_preposition(f, ratio)),
    )
