"""A noun's endings read by their evidence: pronouns, plural and dual endings, ة, the ي of a nisba,
a construct or "my", the tanween alef (the tests analyzers/stemming.py tries them with, in order).

Each cut is made only when the shorter form is attested (عاما → عام, but الدنيا, كورونا stay):
ون needs its ين twin (المسلمون/المسلمين, but زيتون, قانون stay), ين needs ون or ان or a common base
with a plural's or dual's evidence (يومين; شاهين, نسرين stay), ان needs ين at least as often and the
article about as often as ين has it (الطرفان/الطرفين, but سليمان, إيمان, شعبان stay), ات and ة need
the base or its other forms (وزارات/وزارة → وزار, but أوقات, اتجاه, مياه stay), or, for ات, a
singular in أة whose hamza's alef the plural's absorbs (منشآت → منشأة: :func:`hamza_taa_singular`);
a noun in ة that its base's nisba outnumbers ten to one keeps its ة (السعودة, Saudization, is not
السعودية), and so does a noun in ية that agrees with nothing, as nouns do (العملية, the operation,
is no feminine of a nisba of العمل: :func:`yaa_noun`). A final ي is a construct plural (موظفي →
موظف) when the plural in ين is commoner than the form + ة, a nisba when the form takes ة, ين or ون
itself (حوثي, الحوثيون, الحوثيين → حوث, like مصري → مصر), else a defective noun's (قاضي → قاض) when
the base is attested; but not beside a noun in ة that is another word (الباقي, not الباقة). نا
comes off before an accusative's ا when its base is the commoner word (اكدنا → اكد; امانا → امان): :func:`accusative_alef`; the second person's pronouns need a noun's evidence on
both sides (:func:`second_person_base`). A word in ى, written ا before a pronoun, meets its word
(مستواه → مستوى: :func:`maqsura_before_pronoun`), and a plural's construct in و its plural (لاعبو →
لاعبين: :func:`construct_plural`). A participle common only as an accusative of manner, its
feminine and plural (مشيرا, مشيرة, مشيرين), meets its rare masculine (:func:`manner_participle`),
and a noun in يا its nisba (تكنولوجيا → تكنولوجي: :func:`nisba_of_yaa_noun`).
docs/stemming.md has each threshold's measurements.
"""

from __future__ import annotations

from analyzers.dictionary import (
    listed_plural_forms,
    listed_plurals,
    masdars,
    taa_plural_nouns,
    unfeminine_nouns,
)
from analyzers.evidence import (
    FEMININE_ADJECTIVE_SHARE,
    PRONOUN_BASE_RATIO,
    WHOLE_WORD_RATIO,
    after_article,
    as_predicate,
    attested,
    before_noun,
    count,
    feminine_adjective,
    known,
    takes_article,
    verb_company,
    written_final_hamza,
    written_ha_bare,
    written_maqsura,
    written_taa_bare,
)
from analyzers.limits import MIN_STEM
from analyzers.stopwords import stopwords
from analyzers.verbs import other_persons

# Pronoun endings, longest first. A bare ه is left to the ة rule: folded, the two are one letter.
PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "ه")
# The second person's, longest first: cut only with a noun's evidence (second_person_base).
SECOND_PERSON = ("كما", "كم", "كن", "ك")
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
# A noun in ة after the article this many times as often as its base, a noun seen there at least
# TAA_BASE_USES times, is another word than the base (taa_noun_apart): the word lists' families
# leave out a form 20 times commoner than its lemma as another word (مدينة, city, is no مدين +
# ة), and so does this: الجامعة 29.8× الجامع, الشرطة 27.3× الشرط, الشركة 104×; المعلمة 0.5×.
TAA_OVER_BASE = 20
TAA_BASE_USES = 10
# ... and this many times when the dictionary marks the base as taking no feminine at all
# (analyzers.dictionary.unfeminine_nouns: ماء, جمع, ثور, عود), so that the noun in ة cannot be its
# feminine and is no member of its family in the word lists: المائة 8.5× الماء (the hundred of «في
# المائة», percent, met water), الجمعة 14.9× الجمع, العودة 11.2× العود, الحاجة 6.7× الحاج, المدة 5×.
TAA_OVER_UNFEMININE_BASE = 5
# ... and at any ratio (taa_noun_of_unfeminine_base), when the noun in ة is seen after the article
# this many times: with no feminine, the base's letters + ة are another word however rare
# beside it (الحملة, the campaign, 1,115 beside الحمل 256; العقيدة, belief, beside العقيد, the
# colonel), unless the dictionary lists the base as the noun's plural (الدولة/الدول, الغرفة/الغرف)
# or as a verbal noun whose letters + ة are its noun of instance (القبضة/القبض, الانطلاقة/الانطلاق).
TAA_UNFEMININE_USES = 5
# A noun in ة whose base is only a verb (never after the article, with a verb's company) keeps its
# ة when this share of its uses takes the article and the news writes it bare with ة
# (taa_noun_of_verb): إدارة (its أدار, "ran"), إضافة, حركة, قضية, سيطرة, جلسة met their verbs.
TAA_VERB_ARTICLE_SHARE = 0.05
# ... and there it must agree with a noun before it in under this share of those uses, what most
# nouns show (analyzers.evidence.FEMININE_ADJECTIVE_SHARE is twice it): a numeral's ة form follows
# its definite noun now and then (الأيام الخمسة: خمسة 0.061, تسعة 0.087), and meets its other form.
TAA_UNFEMININE_AGREEMENT = 0.05
# A form in ية seen after the article this many times, agreeing with a noun before it there in under
# FEMININE_ADJECTIVE_SHARE of those uses, is a noun of its own, not the feminine of a nisba, and keeps
# its ة (yaa_noun): العملية (the operation, 0.097) met العمل (work), الجمعية (the association) الجمع,
# الجمهورية (the republic) الجمهور, الأمسية (the evening) أمس (yesterday). A nisba adjective's
# feminine agrees far more (السياسية, الحكومية; الخارجية 0.19 and الداخلية 0.16 stay with their
# adjective's base, as measured before). 20: the agreement share is read off at least that many uses.
# It must also be as common as its form in ي: a person's feminine, a noun that agrees with nothing,
# is outnumbered by its masculine and stays with it (محامية 51 beside محامي 269; أخصائية). And its
# base must not be a derived verb's verbal noun: that + ية names the same thing (الاتفاقية and
# الاتفاق, the agreement; الإشكالية, الإشكال), where their articles meet at 5.7×
# chance (اتفاقية), العملية and العمل at 1.4×, الجمعية and الجمع at 1.6× (docs/stemming.md).
YAA_NOUN_USES = 20
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
# A form in تان is the dual of its noun in ة (taa_dual) when that noun is seen this many times and
# this many times as often as the form, whatever its twin in تين: the news writes few feminine duals
# (صغيرتان 5, صغيرتين 0 beside صغيرة 1,563), and the words in تان that are none are names (باكستان,
# كردستان: no باكسة), loanwords (فستان) and a broken plural the dictionary lists (الحيتان, whales).
TAA_DUAL_USES = 20
TAA_DUAL_RATIO = 10
# A form in ان whose ين twin takes the article in a share that would give it this many article
# uses, but which shows under DUAL_ARTICLE_SHARE of them, is no dual (شعبان, جبران).
DUAL_ARTICLE_MIN = 20
DUAL_ARTICLE_SHARE = 0.1
# A form in ي that the news almost never writes after the article (under this share of its uses,
# seen at least NAME_MIN_USES times) is no nisba adjective and no defective noun, which take it as
# often as any noun (السعودي 0.57, المروري 0.30, القاضي, الماضي): it is a name (فوزي, شكري, نوري,
# بلاتيني) or a "my …" (مقالي). When its base is a noun of its own (after the article in
# NAME_BASE_ARTICLE_SHARE of its uses: الفوز, الشكر, النور, البلاتين) the two are other words and
# the ي stays: the name found every article of the noun (فوزي: 1,047 of 31k, 4 of its first 10
# with the name). docs/stemming.md, "A name in ي".
NAME_ARTICLE_SHARE = 0.05
NAME_MIN_USES = 20
NAME_BASE_ARTICLE_SHARE = 0.2
# ... unless the base's plural or dual in ين is this share as common as the form: then its ي is that
# ين's before a noun or a pronoun (مديري beside مديرين 0.31, قدميه's قدمي beside قدمين 1.2), where a
# name's base has none or a rare dual (فوزين 0.07 of فوزي).
NAME_PLURAL_SHARE = 0.2
# A form in ون used this many times as often as its ين twin, and at least WUN_MIN_USES times, is no
# plural but a name or loanword (ايفون, براون, كرتون): the predicates that outnumber their twins
# most stay under it (عازمون 7.3×, واثقون 3.6×). 3 words at 10 and 20 uses (docs/stemming.md).
WUN_OVER_TWIN = 10
WUN_MIN_USES = 20
# A form in تي/تا read as a noun in ة + the ي of "my" or of a dual's construct must be seen after
# the article in no more than this share of its uses (a construct never takes it). حياتي (my life; the
# nisba "vital" is الحياتي 5 times in 187), مائتي (two hundred, 4 in 49) pass; دلتا (11 in 39) and
# the typos امارتي, حضريتي (only ever after it) do not. At 0.02 (takes_article's share) حياتي fails.
CONSTRUCT_ARTICLE_SHARE = 0.1


def restore_taa(base: str) -> str:
    """A ة written ت before an ending comes back: ``وزارت`` (of وزارتها) → ``وزاره``; ``بيت`` stays."""
    if base.endswith("ت") and known(base[:-1] + "ه") > known(base):
        return base[:-1] + "ه"
    return base


# Every ending :func:`ending_bases` cuts, in its order, filed by the ending's last letter: a word is
# only tried against the endings it can end with.
_ENDINGS = (*PRONOUNS, *NUMBER_ENDINGS, "ي")
_ENDINGS_BY_LAST = {e[-1]: tuple(x for x in _ENDINGS if x[-1] == e[-1]) for e in _ENDINGS}


def ending_bases(word: str) -> list[str]:
    """``word`` and what it is without one ending: where its use as a whole word may show."""
    return [word, *(base for base, _ in endings_off(word))]


def endings_off(word: str) -> list[tuple[str, str]]:
    """(base, ending) for each ending ``word`` may lose, a ة written ت before it restored too."""
    cuts = []
    for ending in _ENDINGS_BY_LAST.get(word[-1:], ()):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            base = word[: -len(ending)]
            cuts.append((base, ending))
            if base.endswith("ت"):
                cuts.append((base[:-1] + "ه", ending))
    return cuts


def number_ending_ok(ending: str, base: str, word: str) -> bool:
    if ending == "ات":  # وزارات: وزارة is a word; أوقات: no أوق, no أوقة; منشآت: منشأة
        return bool(taa_plural_singular(base, word))
    if ending == "ون":  # المسلمون beside المسلمين; زيتون, قانون have no ين twin. يعملون: verb + ون.
        if own_wun(word):
            return False
        return (
            _plural_twin(base, word)
            or (base[0] in "يت" and attested(base, word) and (_imperfect_plural(word) or base.endswith("ي")))
            or _participle(base, word)
            or manner_participle(base)
            or _predicate_plural(base, word)
        )
    if ending == "ين":  # المسلمين/المسلمون, الطرفين/الطرفان, يومين (or الادارتين) beside يوم
        if own_yin(word):
            return False
        return (
            known(base + "ون") > 0 or known(base + "ان") > 0 or _twinless_yin(base, word) or manner_participle(base)
        )
    # ان: a dual's ين twin is at least as common (الطرفين/الطرفان); سليمان, حرمان are not duals,
    # and neither is شعبان, which shuns the article its twin الشعبين takes (_article_like_twin)
    twin = base + "ين"
    return (known(twin) >= max(known(word), 1) and _article_like_twin(word, twin)) or taa_dual(base, word)


def taa_dual(base: str, word: str) -> bool:
    """``word`` (``base`` + ان) is the nominative dual of a noun or adjective in ة, whose ت-twin in
    تين the news may never write: ``صغيرتان`` (صغيرة 1,563 uses), ``قافلتان``, ``البريطانيتان``. The
    noun in ة must be common (``TAA_DUAL_USES``) and ``TAA_DUAL_RATIO`` times the form, and the form
    no broken plural the dictionary lists: الحيتان (whales, of حوت) is no dual of الحية (a snake,
    alive); باكستان has no باكسة."""
    if not base.endswith("ت") or word in listed_plural_forms():
        return False
    taa = known(base[:-1] + "ه")
    return taa >= TAA_DUAL_USES and taa >= TAA_DUAL_RATIO * known(word)


def dual_construct(base: str) -> str:
    """The noun whose dual's construct ``base`` is, left by a pronoun (عيناه → عينا → عين; نجماه),
    or "": X + ا where X, of three letters or more, is seen with both duals' endings
    (عينان, عينين). A word's own ا has no such X (عصاه, مستواه, رضاه); and base + ه is no pronoun
    but a ة when the news writes that ة as ت before one (امرأة: امرأته, not امرأ + ه → أمر)."""
    noun = base[:-1]
    if (base.endswith("ا") and len(noun) >= MIN_STEM and known(noun + "ان") > 0 and known(noun + "ين") > 0
            and known(base + "ته") + known(base + "تها") == 0):
        return noun
    return ""


def _plural_twin(base: str, word: str) -> bool:
    """``word``, ``base`` + ون, has its plural's ين twin, and not as a stray: a plural's genitive
    and accusative are as common as its nominative or commoner (مسلمون 224 / مسلمين 1,990,
    حريصون 45 / 29), while a name or loanword in ون outnumbers the look-alike many times
    (ايفون 202 / ايفين 4, براون 146 / 7, كرتون 69 / 5). A form in ي or ت is not measured so: an
    imperfect's (ينتمون 33× its ينتمين) look-alike is no twin of it."""
    twin = known(base + "ين")
    if twin == 0:
        return False
    uses = known(word)
    return base[0] in "يت" or uses < WUN_MIN_USES or uses < WUN_OVER_TWIN * twin


def _imperfect_plural(word: str) -> bool:
    """``word`` (ي or ت + ... + ون) is a verb's plural: in ي, or in ت (the second person, تعملون)
    with its third person in ي seen (يعملون) or its base's past plural in وا (تغلبون: تغلبوا, of the
    past تغلب); a name or loanword in ت has neither (تليفون, تلفون: no يليفون, no تلفوا), so its ون
    stays. (A base in ي is a nisba's plural: the caller's.)"""
    return word[0] == "ي" or known("ي" + word[1:]) > 0 or known(word[:-2] + "وا") > 0


def own_wun(word: str) -> bool:
    """``word``, in ون, takes a ه after it (a feminine's ة or a pronoun: مسكونة, مديونة, مضمونه)
    or a nisba's feminine (فرعونية): a noun's plural drops its ن before a pronoun (لاعبوه) and
    takes neither a ة nor a nisba, so the ون is the word's: مسكون is no مسك + ون, فرعون no فرع
    + ون. A form in ي or ت is left to the imperfect's tests (يعرفونه keeps its ن)."""
    return word[0] not in "يت" and (known(word + "ه") > 0 or known(word + "يه") > 0)


def own_imperfect_ending(word: str) -> bool:
    """``word``, an imperfect (after ي ت ن), ends in letters of its verb, no pronoun: the form,
    after any of the three, takes the plural's ون or the feminine's ين after it (يتوجهون,
    تتوجهين, يراهنون), which a pronoun never has after it (a verb's object comes after its plural:
    يتوجونه). So يتوجه and تتوجه (heads to) are no يتوج, تتوج (crowns) + ه, تراهن (bets) no ترى +
    هن. Not for other forms: after a clitic the longer form is often another parse (والدهون is و
    + الدهون, المهين ال + مهين), and a participle's ه may be a ة folded (موجه is موجة, a wave, as
    often as موجّه, directed: موجهين says nothing of which)."""
    if word[:1] not in ("ي", "ت", "ن"):
        return False
    persons = [person + word[1:] for person in ("ي", "ت", "ن")]  # تتوجه: يتوجهون
    return any(known(form + "ون") > 0 or known(form + "ين") > 0 for form in persons)


def own_yin(word: str) -> bool:
    """``word``, in ين, takes a ه after its ين, a feminine's ة or a pronoun (مسكينة, تمرينه,
    تضمينها): a plural or a dual takes neither (before a pronoun its ن drops: مدربيه), so the ين is
    the word's: تمرين is no تمر + ين, مسكين no مسك + ين. A plural in ات is no such proof: the tens
    take one (العشرينات, the twenties) and are sound plurals to the grammar and the word lists."""
    return known(word + "ه") > 0


def taa_plural_singular(base: str, word: str) -> str:
    """What ``word`` = ``base`` + ات is the plural of, or "" when its ات is no ending: the base, or
    the base + ة when that ة is its own (غربات: غربة), when either is seen (وزارات; not أوقات); else
    a singular in أة (:func:`hamza_taa_singular`: منشآت → منشأة). One answer for both questions,
    whether ات comes off and what is left."""
    if attested(base, word) or known(base + "ه") > 0:
        singular = base + "ه"
        return singular if own_taa(singular) and not base_takes_the_plural(singular) else base
    return hamza_taa_singular(base)


def hamza_taa_singular(base: str) -> str:
    """The singular in أة of a plural in آت (``base`` + ات), or "": ``منش`` (منشآت) → ``منشاه``
    (منشأة); ``مكاف`` (مكافآت) → ``مكافاه``; ``مفاج`` → ``مفاجاه``.

    The hamza's alef and the plural's alef are one letter (آ), so the plural, folded, is the
    singular less its اه plus ات, and neither its base nor base + ة is ever seen. The singular
    must be a noun (it takes the article), and so must the plural: a word in ات seen only
    bare is as likely a verb in ت or a name."""
    singular = base + "اه"
    return singular if len(base) >= MIN_STEM and takes_article(singular) and takes_article(base + "ات") else ""


def _twinless_yin(base: str, word: str) -> bool:
    """``word`` = ``base`` + ين, with no ون or ان twin, is a plural or dual all the same: its base is
    common beside it (``YIN_BASE_RATIO``; a participle's plural, المتأثرين, may outnumber its
    singular, and is one when it takes the article and its feminine is seen: :func:`_participle`),
    and it is either a noun far commoner than the form (عقدين, قرنين: ``YIN_DUAL_RATIO``), a ة-noun
    (غرفتين), a nisba (انفجاريين) or an adjective of four letters or more that shows a feminine or an
    accusative (نظيفين: نظيفة; مقتولين: مقتولا), or the form takes the article (المضربين, الخطاطين:
    names never do). A name shows none of them: شاهين, نسرين, كارولين, ماردين keep their ين, and
    so do ياسين, كولين, سابين, whose three letters (ياس, كول, ساب) show a stray ياسا, كولا, سابا: the
    adjectives and participles with a plural in ين are longer (docs/stemming.md)."""
    noun = restore_taa(base)
    uses, form_uses = known(noun), known(word)
    if uses < YIN_BASE_RATIO * form_uses:
        return _participle(base, word)  # المتأثرين, الممرضين, المغادرين
    return (
        takes_article(word) or uses >= YIN_DUAL_RATIO * form_uses or noun != base or base.endswith("ي")
        or _adjective_forms(base)
    )


def _adjective_forms(base: str) -> bool:
    """``base``, four letters or more, shows an adjective's other forms: its feminine in ة or its
    accusative in ا is seen (نظيفة, مقتولا). The evidence of a plural whose twin is unseen, in ين
    (:func:`_twinless_yin`) or ون (:func:`_predicate_plural`)."""
    return len(base) > MIN_STEM and (known(base + "ه") > 0 or count(base + "ا") > 0)


def _predicate_plural(base: str, word: str) -> bool:
    """``word``, ``base`` + ون with no ين twin, is an adjective's plural that the news writes only as
    a predicate, in the nominative: «هم ملزمون بـ», «نحن ذاهبون إلى», «منقسمون حول». It stands where
    a predicate does (:func:`analyzers.evidence.as_predicate`), and its singular, of four letters or
    more, is common beside it and shows a feminine or an accusative (ملزمة, ملزما), as a twinless
    ين's adjective must (:func:`_twinless_yin`). Names in ون with such a singular (فريدون: فريدة,
    فريدا; هرميون: هرمية) never stand there (docs/stemming.md, fahras-ar-71)."""
    return known(base) >= YIN_BASE_RATIO * known(word) and _adjective_forms(base) and as_predicate(word)


def _participle(base: str, word: str) -> bool:
    """``word``, ``base`` + ون or ين, is a participle's plural though its twin is unseen or its
    singular rarer than itself (المتأثرين, الجراحون): it takes the article, which names in ين or ون
    (شاهين, فريدون) never do, and its base, of four letters or more, and the base's feminine in ة
    are both seen."""
    return len(base) > MIN_STEM and known(base) > 0 and known(base + "ه") > 0 and takes_article(word)


def manner_participle(base: str) -> bool:
    """``base`` is a participle that news uses mostly as an accusative of manner (حال): its forms
    are common while it is rare alone («وقال ... مشيرا إلى»: مشيرا 3,948 uses, مشيرة 656, مشيرين
    217, مشير 4), so they meet it though it is no attested base.

    The evidence is an adjective's three forms together, which a noun or a name in ا lacks (مالطا,
    مؤخرا, مرارا have no plural): the accusative X + ا, never after the article, at least as common
    as the feminine X + ة (with the article or without), and a plural in ين or ون. A verbal noun in
    ة (مقاومة, مغادرة) is far commoner than the accusative and keeps its ة; an adjective mostly
    after the article (القروية) is left to the other rules. X has four letters or more, no ال of
    its own, no ة written ت (صحيفتا is a dual's construct) and no ending the plural rule would take
    (مستعين, beside المستعان). The feminine of a noun in ة (X + هه) is never seen, so a participle
    so shown keeps a radical ه (متوجه, منوه: :func:`analyzers.stemming.strip_endings`)."""
    accusative = base + "ا"
    return (
        len(base) > MIN_STEM
        and not base.startswith("ال")
        and restore_taa(base) == base
        and not any(
            base.endswith(ending) and number_ending_ok(ending, base[: -len(ending)], base)
            for ending in NUMBER_ENDINGS
            if len(base) - len(ending) >= MIN_STEM
        )
        and count(accusative) >= known(base + "ه") > 0
        and known(base + "ين") + known(base + "ون") > 0
        and not takes_article(accusative)
    )


def _article_like_twin(word: str, twin: str) -> bool:
    """A dual in ان takes the article about as its genitive twin in ين does; a word that only looks
    like one does not: شعبان (the month: 5 of 105 uses after the article) beside الشعبين (180 of
    185), جبران (6 of 68) beside الجبرين. Decided only when the twin's share would give the form
    at least ``DUAL_ARTICLE_MIN`` article uses; the form must then show ``DUAL_ARTICLE_SHARE`` of
    them (عامان, 0 of an expected 7, stays a dual)."""
    expected = known(word) * after_article(twin) / known(twin)
    return expected < DUAL_ARTICLE_MIN or after_article(word) >= DUAL_ARTICLE_SHARE * expected


def own_taa(word: str) -> bool:
    """The ة of ``word`` is its own: a noun (mostly after the article) that the nisba of its base
    outnumbers, so the nisba, which meets the base, is another word than this one; or a noun far
    commoner than its base, another word in use (:func:`taa_noun_apart`).

    ``سعوده`` (السعودة, Saudization: 142 uses, 113 after the article) beside ``سعوديه`` (13,306)
    keeps its ة; so do غربة (not غربية), بشرة (not بشرية). ``اداره``, ``سياسه`` (commoner than
    their nisbas) and ``وطنه`` (his homeland: never after the article) lose it."""
    if taa_noun_apart(word) or (taa_noun_of_unfeminine_base(word) and written_taa_bare(word)) or yaa_noun(word):
        return True
    if taa_noun_of_verb(word):
        return True
    if not word.endswith("ه") or not 0 < count(word) <= after_article(word):
        return False
    return known(word[:-1] + "يه") >= NISBA_OVER_TAA * known(word)


def yaa_noun(word: str) -> bool:
    """``word`` ends in ية and is a noun of its own, not the feminine of the nisba that meets its
    base: seen after the article ``YAA_NOUN_USES`` times or more and agreeing there with a noun
    before it in under ``FEMININE_ADJECTIVE_SHARE`` of those uses, as nouns do, and at least as
    common as its form in ي. ``عمليه`` (العملية, the operation; العمل, work), ``جمعيه``, ``جمهوريه``,
    ``امسيه`` (أمسية; أمس, yesterday) yes; ``سياسيه``, ``حكوميه``, ``خارجيه`` (adjectives, or used as
    one often enough), ``محاميه`` (a lawyer, beside محامي) and ``اتفاقيه`` (a derived verb's verbal
    noun + ية, the same thing: الاتفاقية, the agreement signed; الاتفاق, the agreement) no."""
    base = word[:-2]
    return (
        word.endswith("يه")
        and len(word) > MIN_STEM + 1
        and after_article(word) >= YAA_NOUN_USES
        and not feminine_adjective(word)
        and known(word) >= known(word[:-1])
        and not (base in masdars() and _derived_verbs_noun(base))
    )


def alef_taa_noun(word: str) -> bool:
    """``word`` ends in اة and is a noun as it stands (seen after the article): its ة is its own.

    No word in ا takes a feminine ة: a noun in اة is a pattern of its own, the plural of a
    participle (دعاة, غزاة, ولاة, غلاة), a verbal noun (نجاة, نشأة) or a plain noun (توراة), and
    the base its ة hides is a verb (دعا "he called", غزا, نجا) or a word (ولا) of another meaning.
    A verb's object (تلاه, شاهدناه) is never seen after the article and still loses its ه, and
    so does a noun's pronoun where the news writes the form bare mostly so (عصاه). What
    this keeps apart too: a participle in أ and its feminine (مهيأ/مهيأة, folded مهيا/مهياه), a
    few hundred uses beside the thousand this saves (docs/stemming.md)."""
    return len(word) > MIN_STEM and word.endswith("اه") and takes_article(word) and not written_ha_bare(word)


def taa_noun_apart(word: str) -> bool:
    """``word`` is a noun in ة that is another word than its base, which the news also writes as a
    noun: after the article ``TAA_OVER_BASE`` times as often as the base, which is seen there at
    least ``TAA_BASE_USES`` times (``TAA_OVER_UNFEMININE_BASE`` times when the dictionary gives the
    base no feminine: المائة, not الماء; الجمعة, not الجمع), and no adjective's feminine (:func:`analyzers.evidence.
    feminine_adjective`: المختلفة meets المختلف). ``جامعه`` (الجامعة 2,353, the university,
    beside الجامع 79, the mosque), ``شرطه`` (police; شرط, condition), ``شركه``, ``طاءره``, ``مدرسه``
    yes; ``وزاره`` (no وزار in use), ``معلمه`` (0.5× معلم), ``اتفاقيه`` (a noun in ية) no."""
    times = _times_the_base(word)
    return times >= TAA_OVER_BASE or (times >= TAA_OVER_UNFEMININE_BASE and word[:-1] in unfeminine_nouns())


def taa_noun_of_unfeminine_base(word: str) -> bool:
    """``word`` is a noun in ة, seen after the article ``TAA_UNFEMININE_USES`` times or more, whose
    base the dictionary gives no feminine and the news writes as a noun (after the article
    ``TAA_BASE_USES`` times): another word than the base whatever their ratio, unless the base is
    its listed plural, or a verbal noun whose noun of instance it is (:func:`_instance_noun_base`:
    قبضة/قبض; not أمانة/أمان), or the form agrees with a noun before it like an adjective or a
    numeral in ``TAA_UNFEMININE_AGREEMENT`` of its uses. ``حمله`` (الحملة, the campaign; الحمل, the load),
    ``طريقه`` (method; road), ``عقيده`` (belief; colonel) yes; ``دوله`` (الدول is its plural),
    ``قبضه``, ``معلمه`` (معلم takes a feminine) no. Bare, such a form may be the base + the
    pronoun ه: :func:`own_taa` takes it for the noun only when the news mostly writes it bare
    with ة (رحمه, mostly the verb of «رحمه الله», stays with رحم)."""
    base = _noun_base(word, TAA_UNFEMININE_AGREEMENT)
    return (
        bool(base)
        and after_article(word) >= TAA_UNFEMININE_USES
        and base in unfeminine_nouns()
        and not _instance_noun_base(base)
        and base not in listed_plurals().get(word, ())
    )


def taa_noun_of_verb(word: str) -> bool:
    """``word`` is a noun in ة whose base is a verb and no noun: the base is never seen after the
    article (``WHOLE_WORD_RATIO``) and keeps a verb's company, while ``word`` takes the article in
    ``TAA_VERB_ARTICLE_SHARE`` of its uses and the news writes it bare mostly with ة
    (:func:`analyzers.evidence.written_taa_bare`). ``اداره`` (الإدارة; أدار, "ran"), ``اضافه``,
    ``حركه``, ``قضيه``, ``سيطره``, ``جلسه`` yes: the verbal noun or noun is another word than the
    past, as اختطاف is than اختطف. ``قبله`` (mostly قبله, "before it"), ``احبه`` no: bare, the
    verb + the pronoun ه, which keeps meeting its verb; nor a base of the فاعل shape, a form III
    past and an active participle in one, whose feminine the ة form is (لاحقة, راجعة)."""
    base = word[:-1]
    return (
        word.endswith("ه")
        and len(base) >= MIN_STEM
        and not (len(base) == 4 and base[1] == "ا")
        and after_article(word) > 0
        and after_article(word) >= TAA_VERB_ARTICLE_SHARE * known(word)
        and known(base) > 0
        and after_article(base) <= WHOLE_WORD_RATIO * count(base)
        and verb_company(base, "ت")
        and written_taa_bare(word)
    )


def _instance_noun_base(base: str) -> bool:
    """``base`` + ة may be ``base``'s noun of instance (اسم المرة), one word with it: ``base`` is a
    verbal noun the grammar forms one from — a triliteral verb's of three letters (فَعْل → فَعْلة:
    قبض/قبضة, ضحك/ضحكة) or a derived verb's (its verbal noun + ة: انطلاق/انطلاقة, تغريد/تغريدة,
    توسع/توسعة). A triliteral verb's verbal noun of another pattern forms none (its instance noun
    is فَعْلة, not it + ة): أمان/أمانة, سلام/سلامة, سماح/سماحة are two verbal nouns, two words."""
    return base in masdars() and (len(base) == 3 or _derived_verbs_noun(base))


def _derived_verbs_noun(base: str) -> bool:
    """``base``, a verbal noun (:func:`analyzers.dictionary.masdars`), is a derived verb's by its
    letters: four or more starting with ت (توسع, تعدد), five or more starting with ا (انطلاق, اتفاق)."""
    return (base[0] == "ت" and len(base) >= 4) or (base[0] == "ا" and len(base) >= 5)


def base_takes_the_plural(singular: str) -> bool:
    """A form in ات written with the letters of ``singular``, a noun in ة, is its base's plural
    rather than the noun's: the dictionary gives the base a plural in ات of its own and the news
    writes the base after the article more often than the noun (الحمامات are baths, not pigeons:
    الحمام 79, الحمامة 10; الامانات are trusts, الامانة 1,591 beside الامان 635)."""
    base = singular[:-1]
    return base in taa_plural_nouns() and after_article(base) > after_article(singular)


def nisba_of_taa_noun(word: str) -> bool:
    """The nisba of ``word``'s base is ``word``'s (الجامعي, الجامعية: the university's, not the
    mosque's): the noun in ة is ``TAA_OVER_BASE`` times as common as the base. Not for a base
    the dictionary alone sets apart: المائي (of water) is no nisba of المائة, الجمعية no الجمعة's."""
    return _times_the_base(word) >= TAA_OVER_BASE


def _times_the_base(word: str) -> float:
    """How many times as often the news writes ``word`` (a noun in ة, no ية) after the article as
    its base, a noun seen there ``TAA_BASE_USES`` times or more; 0 for anything else and for an
    adjective's feminine."""
    base = _noun_base(word)
    return after_article(word) / after_article(base) if base else 0.0


def _noun_base(word: str, agreement: float = FEMININE_ADJECTIVE_SHARE) -> str:
    """The base of ``word``, a noun in ة (no ية), when the news writes that base as a noun (after
    the article ``TAA_BASE_USES`` times or more) and ``word`` agrees with a noun before it in less
    than ``agreement`` of its uses (no adjective's feminine); else ""."""
    if not word.endswith("ه") or word.endswith("يه"):
        return ""
    base = word[:-1]
    if after_article(base) < TAA_BASE_USES or feminine_adjective(word, agreement):
        return ""
    return base


def _nisba_feminine(form: str) -> bool:
    """``form`` (in ي) has a nisba's feminine in ية: at least ``NISBA_FEMININE_SHARE`` as common as
    itself (ادارية 1.19× اداري); a noun or a name in ي has a rare one or none (باقية 0.19× باقي)."""
    return known(form + "ه") >= NISBA_FEMININE_SHARE * known(form)


def own_yaa(word: str) -> bool:
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


def name_yaa(word: str) -> bool:
    """The ي of ``word`` is a name's (or a "my …"'s), not a nisba's or a defective noun's, and its
    base is another word: ``فوزي`` (75 uses, never after the article) beside ``فوز`` (the win,
    الفوز in 81% of its uses), ``شكري`` beside ``شكر``, ``بلاتيني`` beside ``بلاتين`` keep it; the
    nisbas ``اقتصادي``, ``مروري`` and the defective ``قاضي`` take the article and lose it. An
    imperfect (``يعطي``, ``ياتي``) is left to the rules as it was: its plural (يعطون) is base + ون;
    so are a plural in ات with "my" (``زميلاتي``) and a plural's or dual's construct (``مديري``,
    ``قدميه``); a nisba of persons has a plural of its own (حوثيون)."""
    uses, base = known(word), word[:-1]
    return (
        uses >= NAME_MIN_USES
        and not word.startswith("ي")
        and not base.endswith("ات")  # زميلاتي, قدراتي: a plural with "my" takes the plural's term
        and known(base + "ين") < NAME_PLURAL_SHARE * uses  # مديري, قدمي: a plural's or dual's construct
        and after_article(word) < NAME_ARTICLE_SHARE * uses
        and not known(word + "ين") + known(word + "ون")
        and after_article(base) >= NAME_BASE_ARTICLE_SHARE * known(base) > 0
    )


def taa_before_construct(word: str) -> bool:
    """``word`` ends in a ة written ت before the ي of "my" or the ي / ا of a dual's construct state.

    ``منطقتي`` (منطقة 20,371 uses, منطقت 0), ``وزارتي``, ``حياتي``, ``قوتي``, ``شركتا`` are their
    noun in ة. The test is :func:`restore_taa`'s (the noun in ة commoner than the form in ت:
    ``وقتي``, ``بيتي``, ``زيتي`` keep their ت); the noun in ة must also take the article, as a noun
    does (``انتي`` is no انه + ي), and be seen beside the form (:func:`analyzers.evidence.attested`). A construct and a
    noun with "my" never take the article themselves, so a form seen after it in more than
    ``CONSTRUCT_ARTICLE_SHARE`` of its uses is another word (``دلتا``, ``داتا``: الدلتا, الداتا). The
    nisbas of words in ت keep their ت (``الكويتي``, ``الذاتي``, ``الصوتي``: no كويه, ذاه, صوه)."""
    taa = word[:-2] + "ه"
    return (
        len(taa) >= MIN_STEM
        and restore_taa(word[:-1]) == taa
        and takes_article(taa)
        and attested(taa, word)
        and after_article(word) <= CONSTRUCT_ARTICLE_SHARE * count(word)
    )


def second_person_base(word: str) -> str:
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
            base = restore_taa(word[: -len(pronoun)])
            verb = count("ي" + word) + count("ت" + word) + (count("ي" + word[1:]) if word[0] in "انت" else 0)
            nisba = base.endswith("ي") and _nisba_feminine(base)
            rare_base = known(base) < PRONOUN_BASE_RATIO * known(word)
            if not base.isalpha() or verb or nisba or rare_base or after_article(word) or not takes_article(base):
                return ""  # (not base.isalpha(): 100كم is a hundred kilometres)
            return base
    return ""


def nisba_of_yaa_noun(word: str) -> str:
    """The nisba in ي whose noun in يا ``word`` is, or "": ``تكنولوجيا`` → ``تكنولوجي``,
    ``جغرافيا``, ``ايديولوجيا``, ``كوميديا``. A nisba meets the noun it comes from (التكنولوجي,
    التكنولوجية → تكنولوج), but the noun, whose يا takes the article (التكنولوجيا), was read as a
    word of its own, no accusative of the nisba (تكنولوجيًا, technologically). The evidence: the
    noun, its nisba and the nisba's feminine are all seen, the first two after the article, and
    four letters at least come before يا: a shorter word in يا that takes the article is no such
    noun (الدنيا, العليا, الثريا) or a broken plural (القضايا, الزوايا, الخلايا), whose letters
    before يا make no nisba (docs/stemming.md, fahras-ar-70)."""
    nisba = word[:-1]
    if (word.endswith("يا") and len(word) - 2 > MIN_STEM and takes_article(word) and takes_article(nisba)
            and known(nisba + "ه") > 0):
        return nisba
    return ""


def accusative_alef(word: str) -> bool:
    """The final ا of ``word`` is the indefinite accusative's: the form without it is attested
    beside it, and, when ``word`` ends in نا, "we"/"our" is not the better reading. That one wins
    when the form less نا is a noun or a verb (it takes the article, or keeps a verb's company),
    commoner than the form less ا, which is no noun in ن of its own (it does not take the article,
    or is rarer than the form, as no noun is beside its indefinite accusative): ``اكدنا`` (we
    confirmed) is اكد + نا (اكد 3,205 uses, اكدن 5), ``بيتنا`` بيت + نا, ``راينا`` راي + نا
    (الراين, the Rhine, 18 uses beside راينا's 101); ``امانا``, ``متينا``, ``قرينا``, ``مليونا`` keep
    their ن (الامان, المتين, القرين). A stop word is no base (``اما``,
    ``متى``) unless it is a verb, its pasts in ت and وا both seen: اخذنا, فعلنا, اصبحنا are "we took,
    did, became" (اخذت, اخذوا are seen)."""
    if written_final_hamza(word):
        return False  # يقرأ, يلجأ, مبدأ: folded يقرا, the alef is the hamza's seat (no يقر + ا)
    if not attested(word[:-1], word) and not manner_participle(word[:-1]):
        return False  # مشيرا: مشير is rare, but it is its participle's accusative of manner
    if not word.endswith("نا") or len(word) - 2 < MIN_STEM:
        return True
    base, accusative = restore_taa(word[:-2]), word[:-1]
    ours = (
        (base not in stopwords() or (count(base + "ت") > 0 and count(base + "وا") > 0))
        and not (takes_article(accusative) and known(accusative) >= known(word))
        and (takes_article(base) or verb_company(base, "ت"))
        and attested(base, word)
        and known(base) > known(accusative)
    )
    return not ours


# The pronouns before which a word's final ى (folded ي) is written ا: مستوى → مستواه, يرى → يراها,
# أجرى → أجراهما. هم and هما also end words of their own after ا (ساهم, تفاهم, نساهم, تفاهما), so
# they are read only beside the same word with ه or ها.
MAQSURA_PRONOUNS = ("هما", "هم", "ها", "ه")
# "You", "me" and "us" (يراك, أعطاني, قتلانا) after ا end many words of their own too (اشتراك,
# حراك, اماني, احيانا, مكانا), so they are read only where the same word with ه or ها is seen at
# least as often, and ني, نا only where the letters before them are no commoner word (اعلانا,
# قرانا, مدانا: اعلان, قران, مدان with the accusative's alef).
SPEAKER_PRONOUNS = ("كم", "ك", "ني", "نا")
# The word in ى must be at least this many times as common as its form with a pronoun. At 2
# (PRONOUN_BASE_RATIO), 18 more lexicon forms (477 tokens) stay apart, all but مداواه (5) rightly
# read: ألقاها (192 uses beside ألقى's 341), رعاها, سماه, يتقاضاه, بمقتضاها; docs/stemming.md.
MAQSURA_BASE_RATIO = 1


def maqsura_before_pronoun(word: str) -> str:
    """The word in ى (folded ي) that ``word`` is with a pronoun, or "": ``مستواه`` → ``مستوي``,
    ``يراها``, ``نراه`` → ``يري``, ``نري``; ``اجراها`` → ``اجري``; ``احداهما`` → ``احدي``.

    Before a pronoun ى is written ا, so each such form was a term of its own, apart from its word
    (مستوى 6,070 uses, مستواه 91, مستواها 48). The evidence:

    * the form never takes the article, as no word with a pronoun does: a noun in اة does (الحياه,
      الصلاه, الوفاه, الدعاه). A rarer one never seen with it is read as the word in ى (مجاراة,
      مداواة → مجاري, مداوي, ~30 uses): leaving out every form whose letters also make a ة before
      a pronoun (مجاراته) cost ~200 right uses (قضاها, قواه, بناها: قضاته, قواته, بناته);
    * the word in ى is at least ``MAQSURA_BASE_RATIO`` times as common as the form, and commoner
      than the same letters in ا (رضا, معنا: their ه is the pronoun of a word in ا; تجاه is no
      تجي + ه);
    * the word in ى is no stop word (علاه is not على's, سواه not سوى's);
    * for "you", "me", "us" (:data:`SPEAKER_PRONOUNS`: ``يراك``, ``اعطاني`` → ``يري``, ``اعطي``),
      the third person's forms (X + اه, اها) are together at least as common as the form, and
      the form less its last letter (X + ان) is not commoner than it.

    A past's "we" before a pronoun reads the same way and is left to it (قرأناه → قراني, 8 uses in
    the lexicon, beside معناه, تمناه, ادناه, whose ن is the word's: docs/stemming.md)."""
    for pronoun in MAQSURA_PRONOUNS + SPEAKER_PRONOUNS:
        if word.endswith("ا" + pronoun):
            stem = word[: -len(pronoun) - 1]
            base = stem + "ي"
            # A word the news writes with ى needs no other proof that its ى is written ا here
            # (أبداها beside أبدا, أذاه beside إذا, جرحاهم alone: evidence.written_maqsura).
            maqsura = written_maqsura(base)
            third = known(stem + "اه") + known(stem + "اها")  # the same word with ه or ها
            if (
                len(stem) < MIN_STEM - 1
                or base in stopwords()
                or takes_article(word)
                or known(base) < max(MAQSURA_BASE_RATIO * known(word), 1)
                or (known(base) <= known(stem + "ا") and not maqsura)
                or (pronoun in ("هم", "هما") and not (maqsura or third))
                or (pronoun in SPEAKER_PRONOUNS and third < max(known(word), 1))
                or (pronoun in ("ني", "نا") and known(word[:-1]) > known(word))
            ):
                return ""
            return base
    return ""


# A sound plural's construct in و is the plural's when the plural, in ين and ون, is at least this
# many times as common: لاعبو (174 uses; لاعبين 3,462), مديرو, ممثلو. Not ماسيو (ماسيين 4 beside 3).
CONSTRUCT_PLURAL_RATIO = 2


def construct_plural(word: str) -> str:
    """The sound plural in ين that ``word`` is the construct of, its ن dropped, or "":
    ``لاعبو`` (لاعبو الفريق, the team's players) → ``لاعبين``; ``مسءولو``, ``مديرو``, ``ارهابيو``.

    Its twin in ي (موظفي) has long met the plural; the nominative in و stayed a term of its own.
    Many names end in و too (بوتو, كويلو, بورتو, ماركو), so the evidence is the plural's:

    * four letters or more before و (a three-letter one is a name's as often: بوتو is no بوتين's,
      ايفو no ايفون's, بيتو no بيت's);
    * the plural in ين is seen and is one by the number-ending test (:func:`number_ending_ok`),
      and with its ون twin at least ``CONSTRUCT_PLURAL_RATIO`` times as common as the form, or
      both plurals are seen and the singular takes the article, which no name does: مفتشو (95
      uses, «ضبطها مفتشو الهيئة») is commoner than مفتشين and مفتشون together;
    * the form never takes the article (a construct never does: المترو, البيانو), and is no
      imperfect in و (يدعو, تدعو: both persons seen).

    Or the form stands where a construct stands (:func:`_construct_by_position`): منسوبو, محبو,
    صانعو, whose plurals the news writes seldom or never."""
    if not word.endswith("و") or len(word) - 1 < MIN_STEM or takes_article(word):
        return ""
    base = word[:-1]
    if word[0] in "يت" and count(word) and any(count(form) for form in other_persons(word)):
        return ""  # يدعو beside تدعو: an imperfect
    plural = base + "ين"
    if (len(base) > MIN_STEM and known(plural) and _construct_by_plurals(base, word)
            and number_ending_ok("ين", base, plural)):
        return plural
    return plural if _construct_by_position(base, word) else ""


def _construct_by_plurals(base: str, word: str) -> bool:
    """``word`` (``base`` + و) is rarer than its plurals, or both are seen and the singular is a noun."""
    seen = known(base + "ين") + known(base + "ون")
    noun = known(base + "ون") and takes_article(base)  # المفتش: a singular, no name
    return bool(noun) or seen >= CONSTRUCT_PLURAL_RATIO * known(word)


def _construct_by_position(base: str, word: str) -> bool:
    """``word`` (``base`` + و) is a construct by where the news writes it: right before a noun with
    the article (:func:`analyzers.evidence.before_noun`: «منسوبو الوزارة», «صانعو القرار»), with
    its oblique twin in ي at least as common (منسوبي 959 beside 78: a plural's genitive and
    accusative outnumber its nominative), and the plural seen and one by the number-ending test
    (محبين beside محبون), or, for a singular of four letters or more, the plural seen at all
    (قاصدين) or the singular taking the article (صانع, رفيع). A name followed by its adjective
    (ماسيو البرازيلي, سان مالو الفرنسية, كوفو الياباني) has no such twin, or no plural but a
    look-alike (كوفين, a name too): docs/stemming.md, fahras-ar-69."""
    plural = base + "ين"
    if not (before_noun(word) and known(base + "ي") >= known(word)):
        return False
    if known(plural) and number_ending_ok("ين", base, plural):
        return True
    return len(base) > MIN_STEM and (known(plural) > 0 or takes_article(base))
