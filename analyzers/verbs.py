"""A verb's forms read by their evidence: past person endings, the imperfect's plurals, duals,
future and object pronouns (the light stemmer's verb rules; analyzers/stemming.py orders them).

The letters that mark a verb's person start and end many nouns too (بيت, وقت, تقدم, سيارة), so each
cut needs a verb's company in the corpus (:func:`analyzers.evidence.verb_company`):

* :func:`verb_base`: a past verb's person ending ت or وا comes off when the form never takes the
  article, its base is attested and keeps a verb's company (قبضت, قبضوا → قبض; بيت, سبت, بيروت
  stay); a past of two letters before ت meets its past, whose ى dropped (أدت → أدى:
  :func:`defective_past`) or whose doubled letter is written once (شنت → شن: :func:`doubled_past`).
* :func:`imperfect_plural`: an imperfect's plural in وا and dual in ان take its plural's term
  (يكونوا, يقومان → يكون, يقوم), or its singular's (:func:`_common_dual_singular`: يلتقيان).
* :func:`future_off`: the future's س comes off an imperfect (سيكون → يكون, سأكون → اكون; السياسي,
  ساعد, سيدي keep it). The imperfect's own prefixes ي ت ن ا stay.
* :func:`imperfect_object`: an object pronoun of the first or second person (ني ك كم كن كما) comes
  off an imperfect (يمكنك, يجعلني → يمكن, يجعل; مشترك's verb يشترك keeps its ك), and ني off a past
  (:func:`past_object`: حدثني → حدث, وصلتني → وصلت).
* :func:`plural_object`: a plural in وا with an object pronoun, its alef unwritten (قدموه, صدقوني,
  يدخلوها), takes the plural's term.
* :func:`lam_verb`: a past of افتعل on a root starting with ل keeps its ال (التحق, التقى).
* :func:`hollow_imperfect`: a hollow verb's jussive, its long vowel dropped, is its imperfect
  (لم يكن, لم تقم → يكون, يقوم).
* :func:`third_person`: an imperfect after ت or ن takes the term of its third person masculine
  (تقوم, نقوم, ستقوم → يقوم), whose forms the other rules have already joined.

docs/stemming.md ("Verb endings", "The first person plural, an imperfect's plurals and its future",
"An imperfect's object and dual, a plural with my", "A doubled verb's past, a past with me, ...",
"A plural with an object, a word in ى with a pronoun", "A participle of manner, an ال of the word
before a pronoun, a past in ت with me") has every figure.
"""

from __future__ import annotations

from analyzers.dictionary import verb_pasts
from analyzers.evidence import (
    PRONOUN_BASE_RATIO,
    after_article,
    attested,
    count,
    imperfects,
    jussive,
    known,
    own_maqsura,
    person_name,
    takes_article,
    verb_company,
)
from analyzers.limits import MIN_STEM
from analyzers.protected import protected_words
from analyzers.stopwords import stopwords

# The object pronouns an imperfect takes that endings.PRONOUNS leave out ("me" and the second person's),
# longest first: cut only with a verb's evidence (imperfect_object).
OBJECT_PRONOUNS = ("كما", "كم", "كن", "ني", "ك")
# The imperfect's person prefixes the future's س is read before and an object pronoun is cut after
# (not ا, the folded أ of "I": ساعد, ساهم, سافر, and اشترك, ادرك beside اشكرك, are pasts of their own;
# the future before ا has a test of its own, FIRST_PERSON_FUTURE_RATIO).
IMPERFECT_PERSONS = "يتن"
# A form of four letters loses the future's س only when the imperfect left is this many times as
# common and seen with the other person's prefix (ي beside ت): سيتم (يتم 3.0×, تتم), سيصل, ستجد;
# not سيدي (1.5×, no تدي), ستان, سيون, سيلم. At 2, 5 forms (24 tokens) still go wrong (سينس, سنام,
# ستوب, سيام, سينج), and ستظل (1.8×) keeps its س; docs/stemming.md.
SHORT_FUTURE_RATIO = 2
# The future's س before ا, "I" (سأكون, سأقول, سأحاول), comes off only on the evidence of the same
# verb's future after ي (سيكون, سيقول) and its imperfect after ي at least this many times as common
# as the form: a سا form is mostly a past of its own or a noun (ساعد, ساهم, ساعات, سابق), whose
# letters after the س rarely make a ي future. Of the 31k lexicon's سا forms with a سي future seen,
# the first person's all pass at 5 (ساكون: يكون 156×, سابذل 9×, ساختبر 8×) and the names and
# nouns none (ساندي 1.2×, ساريا, سانتي, سالفا: no ي form). The form without the س must be seen too
# (اكون): ساجدون has no اجدون, "I" taking no plural ending; docs/stemming.md, fahras-ar-58.
FIRST_PERSON_FUTURE_RATIO = 5
# The letters a sound past's base never has (a long vowel or a hamza): _companionless_past.
SOUND_EXCLUDED = frozenset("اويء")
# An imperfect's dual in ان whose plural in ون is unseen meets its singular when that is this many
# times as common, four letters or more, seen after another person's prefix and never after the
# article: يلتقيان (25 uses; يلتقي 280, تلتقي), يسببان, يقللان, يفتتحان; not ترومان (تروم unseen).
DUAL_SINGULAR_RATIO = 2
# A defective imperfect's singular (يسعى) is this many times as common as its plural's letters
# alone (يسع) when the plural (يسعون) takes the singular's term (defective_singular).
DEFECTIVE_SINGULAR_RATIO = 2
# An imperfect after ت (she, you) or ن (we) takes the term of the same verb after ي (third_person)
# when the ي form is seen this often, keeps a verb's company and is at least a third as common: a
# ت or ن form more than this many times as common as its ي form is another word: a تفعّل past
# (تبين 507 beside يبين 58, تقرر "was decided"), a name (تونس, نوري beside يوري).
THIRD_PERSON_USES = 20
THIRD_PERSON_RATIO = 3
# ... unless a derived verb's pattern follows the person prefix (ت of تفعّل and تفاعل, ن of انفعل,
# ست of استفعل: تتوفر, تتنافس, تنهار, تستلم), which no name and no noun that skips the article
# starts with: there the ي form seen at all is enough. Those forms are the feminine subject's and
# often commoner than the ي form (تتوفر 193 uses beside يتوفر 64): 138 lexicon forms, every one a
# verb (docs/stemming.md, fahras-ar-68).
DERIVED_PATTERNS = ("ت", "ن", "ست")
# ... and is no تفعّل/تفاعل past, whose feminine in ت is seen in this share of the form's uses
# (تضمن, تضمنت "included" 48%; تمثل 14%, تصدر, تكرر) while an imperfect's is rare (تعود 5%).
THIRD_PERSON_PAST_SHARE = 0.1
# ... and a ت with two letters is no defective verbal noun (تحد, a challenge, beside التحدي), whose
# form with ي after the article is seen this share as often as the bare form.
THIRD_PERSON_NOUN_SHARE = 0.5
# What may follow the imperfect in the clitic-free form: a plural or dual ending or an object
# pronoun, after the ي or و a defective verb's stem lost (تاتي → تات, تكفيك → تكف). Not ين, a
# تفعيل noun's (التعدين). ه, which is also the folded ة of a تفعلة noun (تجربة is no تجرب + ه),
# only where the verb's other objects show (:func:`_takes_objects`).
THIRD_PERSON_ENDINGS = ("", "ون", "وا", "ان", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ني", "نا", "ه")
# Of them, the object pronouns before which a defective verb's ى is written ا (تراها, نلقاه).
MAQSURA_OBJECTS = ("ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا", "ه")
# A hollow verb's past the dictionary lacks (كان) is read as one when the news writes it this often.
HOLLOW_PAST_USES = 1000
# The past-tense person endings of a verb: ت (she, or I/you) and وا (they). تم تن تا were measured
# and left out: 40, 22 and 81 lexicon stems end in them, mostly names (مارتن, تويوتا) and a verb of
# its own (اختتم is not اخت + تم); see docs/stemming.md "Verb endings".
VERB_ENDINGS = ("وا", "ت")
# A doubled verb's past written with two letters before ت (تمت, شنت, ضمت) is its past (تم, شن, ضم)
# when the past is seen at least this share as often as the form (هزت 68 beside هز 59; not يمت,
# يمتّ بصلة, 77 beside a يم of 4) ...
DOUBLED_PAST_SHARE = 0.5
# ... and its imperfect (يتم, تضم) at least this many times as often as a hollow verb's, whose first
# and second persons drop the alef the same way (قمت, عشت, زرت, سرت: يقوم, يعيش, يزور, يسير).
DOUBLED_OVER_HOLLOW = 2


def other_persons(imperfect: str, persons: str = "يت") -> list[str]:
    """``imperfect`` with each other person's prefix of ``persons`` instead of its own: ``يكون`` →
    ``[تكون]``. The same verb seen after another person is the evidence that a form is an imperfect
    (:func:`imperfect_plural`, :func:`future_off`)."""
    return [p + imperfect[1:] for p in persons if p != imperfect[0]]


def _seen_after_another_person(imperfect: str) -> bool:
    """The same verb is seen after another of ``IMPERFECT_PERSONS``' prefixes (يمكن: تمكن, نمكن): the
    evidence that ``imperfect`` is one (:func:`imperfect_object`, :func:`_common_dual_singular`,
    :func:`future_off`)."""
    return any(known(form) for form in other_persons(imperfect, IMPERFECT_PERSONS))


def imperfect_plural(word: str) -> str:
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
    seen_plural = known(plural) or any(known(form) for form in other_persons(plural))
    if not seen_plural and not (
        word.endswith("وا") and known(singular) >= known(word) and not takes_article(singular)
    ) and not _common_dual_singular(word):
        return word
    if word.endswith("ان") and (len(singular) <= MIN_STEM - 1 or not known(singular) or takes_article(word)):
        return word
    return plural if known(plural) else singular


def defective_singular(word: str) -> str:
    """The singular in ي or و (ى folded) of a defective imperfect's plural in ون, whose term it
    then takes: ``يسعون`` → ``يسعي`` (يسعى), ``يدعون`` → ``يدعو``, ``ينوون`` → ``ينوي``, ``يرون`` →
    ``يري``; "" for anything else. The plural drops the weak letter its singular keeps, and the
    number ending's rule left يسع, يخش, يتول apart from يسعى, يخشى, يتولى. The evidence: the
    singular is ``DEFECTIVE_SINGULAR_RATIO`` times as common as the plural's letters alone and is
    seen after another person's prefix (تسعى), and the plural never takes the article nor has a
    commoner twin in ين, as a noun's has: تسعون (ninety) beside تسعين is no plural of تسعى. (The
    singular's own article forms are names: الينوي, Illinois, beside ينوي.)"""
    if word[:1] not in "يت" or not word.endswith("ون") or len(word) < 4:
        return ""
    base = word[:-2]
    if takes_article(word) or known(base + "ين") >= known(word):
        return ""
    if len(base) < MIN_STEM and not _seen_after_another_person(word):
        return ""  # يرون (ترون too) is يرى's; تاون (كيب تاون, Cape Town) is no تاي's
    found = [singular for singular in (base + "ي", base + "و")
             if known(singular) >= DEFECTIVE_SINGULAR_RATIO * max(1, known(base))
             and _seen_after_another_person(singular)]
    return max(found, key=known, default="")  # يدعون: يدعو (calls, 383) before يدعي (claims, 316)


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


def future_off(word: str) -> str:
    """An imperfect without the future's س: ``سيكون`` → ``يكون``, ``ستقام`` → ``تقام``; else ``word``.

    س stands before an imperfect only (before ي ت ن here: ``IMPERFECT_PERSONS``), so the evidence is
    the verb's: the form never takes the article (السياسي, السيارة do), the imperfect without س is
    at least as common as the form (سيرجي, Sergei, is not س + يرجي), and the same imperfect is seen
    after another person's prefix (يكون beside تكون; تقام beside يقام): ستين (sixty) has no يين."""
    if word[:2] == "سا":
        return _first_person_future_off(word)
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
        or not all(known(form) for form in other_persons(rest))
    ):
        return word  # سيدي (تدي unseen), ستان, سيون: three letters left are a word by chance too
    imperfects = [rest]
    if rest.endswith(("ون", "وا", "ان")) and len(rest) > MIN_STEM + 1:
        imperfects.append(rest[:-2])  # سيقدمون, سيصلون: تقدم, تصل are seen, if not تقدمون, تصلون
    return rest if any(map(_seen_after_another_person, imperfects)) else word


def _first_person_future_off(word: str) -> str:
    """``سأكون`` (folded ساكون) → ``اكون``, the first person's own term (its ا, "I", stays: it starts
    the أفعل past and the elative too); ``ساعد``, ``ساعات``, ``ساندي`` stay whole
    (:data:`FIRST_PERSON_FUTURE_RATIO`)."""
    rest = word[2:]
    if len(rest) < MIN_STEM or takes_article(word) or not known(word[1:]):
        return word  # ساجدون: no اجدون, as "I" takes no plural ending
    if known("سي" + rest) and known("ي" + rest) >= FIRST_PERSON_FUTURE_RATIO * max(known(word), 1):
        return word[1:]
    return word


def verb_base(word: str, defective: bool = True) -> str:
    """The past verb ``word`` is with its person ending ت or وا cut, or "" when it is no such verb.

    ``قبضت``, ``قبضوا`` → ``قبض``; ``اكدت`` → ``اكد``. The evidence that it is a verb: the form
    never takes the article (البيت, الوقت, السبت, البنت: nouns in a radical ت), the base is
    attested beside it, and the base keeps a verb's company (:func:`analyzers.evidence.verb_company`:
    an imperfect or the other person ending seen), which names in ت lack (بيروت, سويفت), or is a
    sound past's whose verbal noun takes the article (:func:`_companionless_past`). A base of
    two letters before ت is a past whose last letter dropped (أدت → ادي: :func:`defective_past`) or
    a doubled one (شنت → شن: :func:`doubled_past`), read only where a verb may stand
    (``defective``: not after a preposition or the article)."""
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM - 1:
            base = word[: -len(ending)]
            if base.endswith("وا") or takes_article(word):
                continue  # وا is a person ending already: لقوات is ل + قوات, not لقوا + ت
            if len(base) >= MIN_STEM and attested(base, word) and verb_company(base, ending):
                return maqsura_past(base) or base
            if ending == "ت" and _companionless_past(base, word):
                return base  # سحرت, دهست, عزمت: a sound past whose imperfect the news never writes
            if defective and ending == "ت":
                past = defective_past(base) or (base if doubled_past(base, word) else "")
                if past:
                    return past
    return ""


def _companionless_past(base: str, word: str) -> bool:
    """``word`` (``base`` + ت) is a past of three sound letters though the news writes neither its
    imperfect nor its plural (:func:`analyzers.evidence.verb_company`): سحرت, دهست, عزمت, نقشت,
    فطنت, زحفت. The base is its verbal noun's letters, taking the article (السحر, الدهس, العزم), the
    form never does (البنت, السبت do), and no long vowel or hamza is among the three letters: a
    word ending in ت after one is a noun or a name as often (دولت, بيروت, بوست). Nor is the form an
    imperfect of another verb (نسكت, "we keep silent": يسكت is seen). 19 lexicon forms (91
    tokens), every one a verb (docs/stemming.md, fahras-ar-70)."""
    return (len(base) == MIN_STEM and not set(base) & SOUND_EXCLUDED and takes_article(base)
            and not count("ال" + word) and not (word[0] in IMPERFECT_PERSONS and count("ي" + word[1:])))


def maqsura_past(base: str) -> str:
    """The past in ى whose ى drops before ت and وا, when the stemmer keeps that ى
    (:func:`analyzers.evidence.own_maqsura`): ``الق`` (ألقت, ألقوا) → ``القي`` (ألقى); or "".

    The sound reading's base is a word too (ألق, brilliance: it takes the article), so the verb
    decides: the past in ى's imperfects (يلقي, تلقي) are commoner than the base's own (يلق, تلق).
    ذكرت stays ذكر's (يذكر), not ذكرى's."""
    past = base + "ي"
    if not own_maqsura(past):
        return ""
    own = sum(count(form) for form in imperfects(base))
    return past if sum(count(form) for form in imperfects(past)) > own else ""


def doubled_past(base: str, word: str) -> bool:
    """``word`` = ``base`` + ت is the past of a doubled verb, whose last two radicals are one
    letter written once: تمت (تمّت) → تم, شنت → شن, ضمت → ضم, مرت → مر, بثت → بث.

    Two letters are a word by chance, so the evidence is the verb's (:func:`doubled_verb`), the
    past is seen (``DOUBLED_PAST_SHARE``), and the form is no sound past of its own (لفت, ثبت, سكت:
    يلفت, يثبت, يسكت)."""
    return doubled_verb(base) and known(base) >= DOUBLED_PAST_SHARE * known(word) and not count("ي" + word)


def doubled_verb(base: str) -> bool:
    """``base``, two letters, is a doubled verb's past (تم, شن, ضم): its imperfect (يتم, تضم) is
    seen, and ``DOUBLED_OVER_HOLLOW`` times as often as a hollow verb's (قمت, كنت, زرت are قام,
    كان, زار's: يقوم, يكون, يزور). Not a stop word (ظل), and not a base starting with ا or ي or
    ending in ا و ي: those are a hamza verb's, a defective or hollow one's (ارت, ابت, مات, بات), or
    no verb (يم)."""
    if len(base) != MIN_STEM - 1 or base in stopwords() or base[0] in "اي" or base[1] in "اوي":
        return False
    doubled = count("ي" + base) + count("ت" + base)
    hollow = sum(count(p + base[0] + v + base[1]) for p in "يت" for v in "وي") + count(base[0] + "ا" + base[1] + "ت")
    return doubled > 0 and doubled >= DOUBLED_OVER_HOLLOW * hollow


def defective_past(base: str) -> str:
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


def lam_verb(form: str) -> bool:
    """``form`` (starting with ال) is a past verb of the pattern افتعل on a root starting with ل:
    التحق, التزم, التقى, التفت, with or without a person ending (التحقت, التقوا), not ال + a noun.

    The evidence: its past's imperfects (يلتحق, تلتقي) are seen at least as often as what the
    article would leave (تحق: never; تقي: 22 uses beside 329). التهم stays ال + تهم (accusations,
    183 uses beside يلتهم/تلتهم's 40) but التهمت, with a person ending no noun takes, is the verb;
    التعليم, التقرير have no imperfect at all."""
    if not form.startswith("الت"):
        return False
    past = verb_base(form) or form
    company = sum(count(imperfect) for imperfect in imperfects(past))
    return company > 0 and company >= count(form[2:])


# A verb's base with "me" or "you" cut must be at least PRONOUN_BASE_RATIO times as common as the
# form, or this many times with one more piece of evidence (the past: no commoner word in ن whose
# nisba the form may be; the imperfect: the base seen with ه, ها or هم). At 2 alone the verbs of a
# quote's feelings stayed apart: أخبرني (30 uses beside أخبر's 57), أعجبني, يسعدني (19 beside 30),
# يعجبني, يفوتني; docs/stemming.md, fahras-ar-61.
SPEAKER_OBJECT_RATIO = 1


def _common_base(base: str, word: str, more_evidence: bool) -> bool:
    """``base`` is common enough beside ``word``, its form with "me" or "you", for the pronoun to
    come off: ``PRONOUN_BASE_RATIO`` times as common, or ``SPEAKER_OBJECT_RATIO`` times with
    ``more_evidence`` (each caller's: :func:`imperfect_object`, :func:`past_object`)."""
    uses = known(word)
    return known(base) >= max(PRONOUN_BASE_RATIO * uses, 1) or (
        more_evidence and known(base) >= max(SPEAKER_OBJECT_RATIO * uses, 1))


def imperfect_object(word: str) -> str:
    """The imperfect ``word`` is with an object pronoun of the first or second person cut (ني ك
    كم كن كما), or "": ``يمكنك`` → ``يمكن``, ``يجعلني`` → ``يجعل``, ``يحفظكم`` → ``يحفظ``.

    ك ends verbs of their own (يشترك, تستهلك, ينتهك, يرتبك, تدارك) and ني a few (يبني, يعاني, يتمنى
    folded), so the cut needs a verb's evidence on both sides:

    * the base, four letters or more, is seen, and with another person's prefix (يمكن beside تمكن):
      an imperfect (the three-letter bases of يبني, يتمني are left alone);
    * it is at least ``PRONOUN_BASE_RATIO`` times as common as the form (تدار 71 beside تدارك's 34
      would pass: the next test stops it), or ``SPEAKER_OBJECT_RATIO`` times and seen with ه, ها
      or هم too (يسعدني, 19 beside يسعد's 30: يسعدهم; not يانيك, a name, beside ياني);
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
                and _common_base(base, word, any(known(base + third) for third in ("ه", "ها", "هم")))
                and _seen_after_another_person(base)
                and not takes_article(word)
                and not any(known(word + ending) for ending in ("ون", "وا", "ان", "ين"))
                and not known("م" + word[1:])
            ):
                return base
            return ""
    return ""


def past_object(word: str) -> str:
    """The past ``word`` is with the object pronoun ني ("me") cut, or "": ``جعلني`` → ``جعل``,
    ``حدثني``, ``سالني``, ``ابلغني``.

    ني is a verb's "me" (a noun's "my" is ي alone), but it also ends nisbas and names (فني, ثاني,
    اماني, كورتني), so the cut needs a past's evidence: the base, of three letters or more and no
    stop word, is seen with an imperfect (يجعل, يحدث: :func:`analyzers.evidence.imperfects`) and at
    least ``SPEAKER_OBJECT_RATIO`` times as often as the form (below ``PRONOUN_BASE_RATIO``
    times, the form is also no commoner word in ن with a nisba's ي: جزيني beside جزين), and the
    form never takes the article nor the endings of a nisba (الفني, فنيين, فنيه); a past in ت is
    tested by its past (``وصلتني`` → وصلت, of وصل: :func:`verb_base`). ك and كم are left on a
    past: they end too many pasts of their own (اشترك, ادرك, استهلك) and first persons of another
    verb (اشارك, املك)."""
    if not word.endswith("ني") or len(word) - 2 < MIN_STEM or takes_article(word):
        return ""
    base = word[:-2]
    past = (verb_base(base) or base) if base.endswith("ت") else base  # وصلتني, جعلتني: she + me
    if (
        base not in stopwords()
        # under twice as common, no commoner word in ن whose nisba the form may be (جزيني: of
        # the town جزين, not جزى + ني; شاركني, beside شاركن, has a base twice as common)
        and _common_base(base, word, known(word[:-1]) <= known(word))
        and any(count(form) for form in imperfects(past))
        and not any(known(word + ending) for ending in ("ين", "ون", "ه"))
    ):
        return base
    return ""


# The object pronouns a plural in وا takes, dropping its alef (قدموه, اعتبروها, صدقوني, اعطونا),
# longest first. ك and كم are left out: Xوك is far more often a noun (سلوك, ملوك, يرموك) than
# they + "you".
PLURAL_OBJECTS = ("هما", "هم", "ها", "ه", "ني", "نا")


def plural_before_object(word: str) -> str:
    """The plural in وا that ``word`` would be with its object pronoun cut, by spelling alone, or
    "": ``قدموه`` → ``قدموا``, ``يدخلوها`` → ``يدخلوا``; the evidence is :func:`plural_object`'s."""
    for pronoun in PLURAL_OBJECTS:
        if word.endswith("و" + pronoun):
            return word[: -len(pronoun)] + "ا"
    return ""


def plural_object(word: str) -> str:
    """The verb's plural in وا that ``word`` is with an object pronoun, or "": ``قدموه``,
    ``قدموها`` → ``قدموا``; ``صدقوني`` → ``صدقوا``; ``يدخلوها`` → ``يدخلوا``.

    Before a pronoun the plural's alef is not written, so each such form was a term of its own,
    or was cut as a noun's pronoun (قالوه → قالو). The evidence is the plural's: it is seen, it is
    a past's (:func:`verb_base`: its three letters or more attested, with a verb's company) or an
    imperfect's (:func:`imperfect_plural`), and the form never takes the article, nor does its
    letters' noun in ون (قانوني, قانونا are القانون's). Nouns in وه, وة folded (قهوه, خطوه, قدوه),
    leave fewer than three letters before و, or have no verb plural beside them (تلاوه); one with
    the article (القوه) is the article's, as :func:`analyzers.clitics.strip_clitics` reads it."""
    plural = plural_before_object(word)
    if not plural or len(plural) - 2 < MIN_STEM or not known(plural) or word.startswith("ال"):
        return ""  # القوه, والقوه: the article's (القوة), before any ألقوه
    if takes_article(word) or takes_article(plural[:-2] + "ون"):
        return ""
    if verb_base(plural, defective=False) or imperfect_plural(plural) != plural:
        return plural
    return ""


def third_person(stem: str, rest: str) -> str:
    """The same verb after ي when ``stem``, the stem of the clitic-free ``rest``, is an imperfect
    after ت or ن: ``تقوم`` → ``يقوم``, ``نريد`` → ``يريد``, ``تستخدم`` (of تستخدمها) → ``يستخدم``; ""
    for anything else. The caller gives it the ي form's term: the persons of one verb meet, as its
    plural, dual, future and objects do already (a search for يكون finds تكون and ستكون).

    The evidence is the ي form's: seen ``THIRD_PERSON_USES`` times with a verb's company (its plural
    in ون or وا, or its future), and ``stem`` at most ``THIRD_PERSON_RATIO`` times as common (or,
    after a derived verb's pattern, :func:`_derived_pattern`, seen at all). The
    form itself never takes the article (تقدم, تراجع, تواصل: verbal nouns), is no person's name nor
    protected word, no تفعّل past (``THIRD_PERSON_PAST_SHARE``) and no defective verbal noun
    (``THIRD_PERSON_NOUN_SHARE``); ن needs three letters after it (نقل is no ن + قل). The first
    person singular's ا (folded أ) stays: it starts the أفعل past and the elative (اعلن, اكثر)."""
    if stem[:1] not in "تن" or len(stem) < (MIN_STEM if stem[0] == "ت" else MIN_STEM + 1):
        return ""
    ending, written = _ending_after(stem, rest)
    if ending not in THIRD_PERSON_ENDINGS or takes_article(written):
        return ""
    verb = "ي" + stem[1:]
    if ending == "ه" and not _takes_objects(stem, verb):
        return ""
    uses = known(stem)
    if _derived_pattern(stem):
        if not known(verb):
            return ""
    elif known(verb) < THIRD_PERSON_USES or uses > THIRD_PERSON_RATIO * known(verb):
        return ""
    if takes_article(stem) or person_name(stem) or stem in protected_words():
        return ""
    if known(stem + "ت") >= THIRD_PERSON_PAST_SHARE * uses:
        return ""
    if len(stem) == MIN_STEM and after_article(stem + "ي") >= THIRD_PERSON_NOUN_SHARE * uses:
        return ""
    if not (known(verb + "ون") or known(verb + "وا") or known("س" + verb)):
        return ""
    return verb


def _derived_pattern(stem: str) -> bool:
    """``stem``, an imperfect after ت or ن, has a derived verb's pattern after the prefix and two
    letters after it at least: ``تتوفر``, ``نتبادل``, ``تنهار``, ``تستلم`` (:data:`DERIVED_PATTERNS`)."""
    return len(stem) >= MIN_STEM + 2 and stem[1:].startswith(DERIVED_PATTERNS)


def _ending_after(stem: str, rest: str) -> tuple[str | None, str]:
    """What follows the imperfect ``stem`` in ``rest`` (its clitic-free form), or None, and the
    form whose use after the article tells a noun: after the ي or و a defective verb's stem lost
    (تاتي, تكفيك: stem تات, تكف), ``rest`` itself; after the ى written ا before a pronoun
    (تراها, تتلقاها: stems تري, تتلق, as :func:`analyzers.endings.maqsura_before_pronoun` read
    them), the word in ى, which alone can take the article (تعداه is تعدّى's, whose تعدي is also
    التعدي, the noun, and stays apart from يعد as it does)."""
    if stem.endswith("ي") and rest.startswith(stem[:-1] + "ا"):
        stem = stem[:-1]  # تري of تراها
    if not rest.startswith(stem):
        return None, rest
    ending = rest[len(stem) :]
    if ending not in THIRD_PERSON_ENDINGS and ending[:1] in "يو":
        return ending[1:], rest
    if ending[:1] == "ا" and ending[1:] in MAQSURA_OBJECTS and known(stem + "ي"):
        return ending[1:], stem + "ي"
    return ending, rest


def _takes_objects(stem: str, verb: str) -> bool:
    """``stem`` + ه is the verb with its object "him" (تقوده, تنظمه: يقوده's), not a تفعلة noun
    (تجربه, تنميه: those take the article, and the caller asks that too) nor a verb whose last
    letter is ه (تتوجه is يتوجه's, no تتوج + ه): the verb's other objects ها or هم are seen after
    the ت/ن form or the ي form, and no plural ending after the ه (يتوجهون: a pronoun ends the word)."""
    if known(verb + "هون") or known(verb + "هوا"):
        return False
    return any(known(form + pronoun) for form in (stem, verb) for pronoun in ("ها", "هم"))


def hollow_imperfect(word: str) -> str:
    """The imperfect after ي that ``word``, a hollow verb's jussive, shortens, or "": ``يكن``, ``تكن``,
    ``نكن`` → ``يكون``; ``تقم`` → ``يقوم``; ``يخف`` → ``يخاف``; ``تشر`` → ``يشير`` (أشار). The jussive
    drops the long vowel between the second and third radicals (لم يكن), and two letters after the
    prefix are as often another verb's whole imperfect (يعد, يجد, يرد), so the evidence is the
    word before: the form is mostly written after لم (:func:`analyzers.evidence.jussive`). The
    verb must be hollow, its past (قام, خاف; أشار, أتاح) in the dictionary or, like كان, written
    ``HOLLOW_PAST_USES`` times; the imperfect is the commonest of those with و, ي or ا restored.
    لم يبق (بقي) and لم يؤد (أدى) are defective verbs' jussives, whose last radical dropped, and
    stay as they are."""
    if len(word) != MIN_STEM or word[0] not in IMPERFECT_PERSONS or not jussive(word):
        return ""
    pasts = (word[1] + "ا" + word[2], "ا" + word[1] + "ا" + word[2])
    if not (set(pasts) & verb_pasts() or known(pasts[0]) >= HOLLOW_PAST_USES):
        return ""  # كان, which the dictionary files under no verb, is the news's commonest past
    return max((form for form in ("ي" + word[1] + vowel + word[2] for vowel in "ويا") if known(form)),
               key=known, default="")
