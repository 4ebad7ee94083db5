"""Light stemming of folded Arabic words (DESIGN.md, analysis rule 6; roots: analyzers/roots.py).

tashaphyne's ``light_stem`` alone is not usable for search (كتب→تب, ونفط→فط, وزارة→زار but
الوزارات→وزار), and no affix table can tell a clitic or an ending from a letter of the word: و is a
clitic in وقال and a radical in وزارة, ون an ending in المسلمون and part of زيتون. So each cut is
made only with evidence from how the forms are used in real news (:mod:`analyzers.evidence`). This
module orders the rules; each family of them lives in its own module:

* :mod:`analyzers.clitics`: و ف, ب ك ل and the article off the front (:func:`strip_clitics`);
* :mod:`analyzers.verbs`: a verb's person endings, plurals, duals, future and object pronouns;
* :mod:`analyzers.endings`: a noun's pronouns, number endings, ة and ي;
* :mod:`analyzers.protected`: the words returned whole (بلبنان → لبنان; الأميركية → اميركا).

Words of ``MIN_STEM`` letters or fewer, anything that is not Arabic, and words longer than
:data:`analyzers.limits.MAX_WORD_LEN` (no real word is) are never touched. Stemming dominates
analysis time and news text repeats words all the time, so results are cached per process,
bounded by size (:mod:`analyzers.caching`).
"""

from __future__ import annotations

from analyzers.caching import memoize
from analyzers.clitics import (
    conjunction_before_doubled,
    preposition_before_short_noun,
    strip_clitics,
)
from analyzers.endings import (
    NISBA_TO_BASE,
    NUMBER_ENDINGS,
    PRONOUNS,
    accusative_alef,
    alef_taa_noun,
    construct_plural,
    dual_construct,
    manner_participle,
    maqsura_before_pronoun,
    name_yaa,
    nisba_of_taa_noun,
    nisba_of_yaa_noun,
    number_ending_ok,
    own_imperfect_ending,
    own_taa,
    own_yaa,
    restore_taa,
    second_person_base,
    taa_before_construct,
    taa_noun_of_verb,
    taa_plural_singular,
)
from analyzers.evidence import (
    CONJUNCTIONS,
    attested,
    family_name,
    known,
    lexicon,  # noqa: F401  (re-exported: analyzers.roots and broken_plurals read counts from here)
    own_ha,
    own_maqsura,
    person_name,
    takes_article,
)
from analyzers.limits import MAX_WORD_LEN, MIN_STEM
from analyzers.normalize import is_arabic
from analyzers.numbers import tens_term
from analyzers.protected import place_term, protected_spellings, protected_words, taa_noun_of_name
from analyzers.short_nouns import short_noun_before_pronoun
from analyzers.verbs import (
    defective_singular,
    future_off,
    hollow_imperfect,
    imperfect_object,
    imperfect_plural,
    past_object,
    plural_object,
    third_person,
    verb_base,
)

CACHE_BYTES = 32 << 20  # the stem cache, per process


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
    derives from (or ""). ``defective``: the word may be a past of two letters before ت, whose ى
    dropped (أدت) or whose doubled letter is written once (شنت); not after a preposition or the
    article, which never stand before a verb.

    ``مسلمون``, ``مسلمين``, ``مسلمه`` → ``مسلم``; ``حوثيون``, ``حوثيين``, ``حوثيه`` → ``حوث``
    (a nisba); ``موظفي`` → ``موظف``; ``زيتون``, ``اوقات``, ``اتجاه`` stay whole.
    """
    if own_maqsura(word):
        return word, ""  # ذكري (ذكرى), اسري (أسرى): no nisba, verb or defective noun to cut
    # A form seen after the article has no pronoun ending (الكورونا: نا is not "our") and no
    # tanween alef (الدنيا); a bare ه may still be ة and is left to the ة rule below.
    if alef_taa_noun(word):
        return word, ""  # الدعاة, الولاة: a noun in اة, no verb دعا or ولا with a pronoun
    word = imperfect_plural(word)
    if singular := defective_singular(word):
        return strip_endings(singular, defective)  # يسعون, يسعوا as يسعى; يدعون as يدعو
    verb = verb_base(word, defective)  # before the tanween alef: طالبوا is طالب + وا, not طالبو
    if verb:
        return _verb_stem(verb)
    plural = plural_object(word)  # قدموه, قالوه: the plural قدموا, قالوا, not a noun's pronoun
    if plural:
        return strip_endings(plural, defective)
    maqsura = maqsura_before_pronoun(word)  # مستواه, يراها: the word in ى (مستوى, يرى)
    if maqsura:
        return strip_endings(maqsura, defective)
    nisba = nisba_of_yaa_noun(word)  # تكنولوجيا, جغرافيا: the noun their nisba (تكنولوجي) comes from
    if nisba:
        return strip_endings(nisba, defective)
    whole_noun = takes_article(word)
    if word.endswith("ا") and len(word) > MIN_STEM and not whole_noun and accusative_alef(word):
        word = word[:-1]  # the indefinite accusative: عاما, شخصا, ارهابيا → عام, شخص, ارهابي
    # A form that itself takes a plural ending has no pronoun: يساهم (يساهمون), مساهم (مساهمين)
    # (and an imperfect whose other persons do: تتوجه beside يتوجهون, its ه the verb's)
    pronouns = (PRONOUNS if not (whole_noun or known(word + "ون") or known(word + "ين") or own_imperfect_ending(word))
                else ())
    pronoun_off = False  # a nisba takes no pronoun: معلميهم is "their teachers", not المعلمي's
    for pronoun in pronouns:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= MIN_STEM:
            base = restore_taa(word[: -len(pronoun)])
            if attested(base, word):
                if alef_taa_noun(base):
                    return base, ""  # دعاتهم: their preachers, the noun in اة
                word = dual_construct(base) or base  # عيناه: the dual عينا of عين
                pronoun_off = True
                if pronoun != "نا" and word.endswith("نا"):
                    # شاهدناه, عقدناها: a past's نا (we) before its object, which no noun's
                    # pronoun stands before: the past in نا, as شاهدنا
                    return strip_endings(word, defective)
                break
    else:
        verb = imperfect_object(word) or past_object(word)  # يمكنك, يجعلني, جعلني: the verb's term
        if verb:
            return strip_endings(verb, defective)
        second = second_person_base(word)  # بلدكم, حياتك, رأيك
        if second:
            word, pronoun_off = second, True
    protected = protected_words().get(word)
    if protected and not word.endswith("ي"):
        # تعاونها, تعاونهم: a protected word with a pronoun is that word (in ي, a construct
        # plural's more likely: أهليهم is their families, not the club الأهلي's)
        return protected, ""
    verb = verb_base(word, defective)  # and after a pronoun: قتلته, اعلنتها
    if verb:
        return _verb_stem(verb)
    # A word whose ال is its own (ألفارو, التحق) keeps more than ال + one letter: التون (Elton) is
    # no الت + ون (then اله, of إله and آلة).
    shortest = MIN_STEM + 1 if word.startswith("ال") else MIN_STEM
    for ending in NUMBER_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            base = word[: -len(ending)]
            if number_ending_ok(ending, base, word):
                # غربات keeps the ة its singular keeps (غربه); منشآت is منشأة's plural
                word = restore_taa(base) if ending != "ات" else taa_plural_singular(base, word)
                break
        elif ending == "ات" and len(word) == 4 and word.endswith("ات") and attested(word[:2] + "ه", word):
            word = word[:2] + "ه"  # قوات, لغات, جهات: plurals of a three-letter word in ة
            break
    if word[-2:] in ("تي", "تا") and taa_before_construct(word):
        # منطقتي, وزارتي, شركتا: "my …" or a dual's construct (منطقتي مكة والمدينة), a ة written
        # ت before the ي or ا. The word is its noun in ة from here on, so the two meet.
        word = word[:-2] + "ه"
    taa = False  # a ة came off: a ي left is a nisba's (اسريه, familial), never an alef maqsura
    if word.endswith("ه") and len(word) > MIN_STEM:  # ة (folded) or a pronoun left over
        base = word[:-1]
        if (
            (attested(base, word) or known(base + "ات") > 0 or manner_participle(base))
            and not own_taa(word)
            and not manner_participle(word)  # متوجه, منوه: a participle's radical ه (متوجها)
            and not own_ha(word)  # توجه, جنيه: written ه after the article, where no pronoun stands
            and not own_imperfect_ending(word)  # يتوجه: يتوجهون, its ه the verb's (not يتوج + ه)
        ):
            word = base
            taa = True
    plural = construct_plural(word)  # لاعبو, مسءولو: a plural's construct, its ن dropped
    if plural:
        return strip_endings(plural, defective)
    nisba = ""
    yaa = word.endswith("ي") and len(word) > MIN_STEM and (taa or not own_maqsura(word))
    if yaa and not pronoun_off and family_name(word):
        pass  # الحربي, الشهري: a family's name (محمد الحربي), no nisba of حرب or construct of شهرين
    elif yaa:
        base = word[:-1]
        if known(base + "ين") > known(word + "ه") and not (_persons_name(base) and takes_article(word)):
            # a construct plural: موظفي (892 موظفين, 23 موظفيه); one the news writes after the
            # article is no construct but the nisba of a name (المالكي, 921 uses: not "owners of")
            word = base
        elif own_yaa(word) or name_yaa(word):
            pass  # باقي, اماني: a word of its own beside the noun in ة (باقة, امانة); فوزي, شكري: names
        elif known(word + "ه") or known(word + "ين") or known(word + "ون"):
            # A nisba (دوري: 453 دوريه, 41 دورين): its forms meet (اداري/الادارية/الاداريين),
            # and with NISBA_TO_BASE the word it derives from too (اداره, مرور) — unless that word
            # is a person's name: السعودية, الخالدي keep their own term beside سعود, خالد.
            if not _persons_name(base):
                nisba = base
                if NISBA_TO_BASE:
                    # الجامعي, الشرطي: the nisba of the noun in ة (the university, the police), not
                    # of the base that is another word (الجامع, the mosque; الشرط, the condition)
                    # (and الإداري, الحركي: of الإدارة, الحركة, not of the verbs أدار, حرّك)
                    taa_noun = base + "ه"
                    word = taa_noun if nisba_of_taa_noun(taa_noun) or taa_noun_of_verb(taa_noun) else base
        elif attested(base, word) and not _persons_name(base) and not _name_in_alef_yaa(base):
            if base.endswith("ات") and len(base) >= MIN_STEM + 2 and not takes_article(word):
                # خدماتي, قدراتي (my services, my abilities): the plural's own term. A nisba in اتي
                # takes the article (السوفياتي, المعلوماتي), and a name in اتي mostly leaves no
                # three letters before ات (فياتي, بوناتي): both stay as they were.
                return strip_endings(base, defective)
            word = base  # a defective noun: قاضي/قاض
    return word, nisba


# The two nouns whose first alef, a hamzat wasl, is not written after the article: امرأة/المرأة
# (woman), امرؤ/المرء (man). Every other noun keeps it (اسم/الاسم, ابن/الابن, اثنان/الاثنان), so the
# class is closed, and folded (rule 4) the two are these letters. The accusative امرأ is left out:
# folded, it is أمرا (an order). Their forms start so: امرأة, امرأته, امرأتان, امرأتين, امرئ.
_WASL_NOUNS = ("امراه", "امرات", "امرء")


def _without_wasl(rest: str) -> str:
    """``rest`` without the hamzat wasl the article drops: ``امراه`` → ``مراه``, as in المرأة;
    ``امراتين`` → ``مراتين``; ``امرء`` (امرؤ, امرئ) → ``مرء``, as in المرء."""
    return rest[1:] if rest.startswith(_WASL_NOUNS) and len(rest) <= len("امراتهما") else rest


def _name_in_alef_yaa(base: str) -> bool:
    """``base`` + ي, ``base`` ending in ا, is a word of its own: no defective noun ends so (قاضي,
    قاض), a nisba drops the alef (كندا, كندي), and "my" after an alef (عيناي, شكواي, دنياي) stands
    on a noun that takes "his" too (عيناه, شكواه, دنياه). A name does not: هونداي (Hyundai) is no
    هوندا + ي (Honda), nor موراي مورا, نيكولاي نيكولا (docs/stemming.md, fahras-ar-64)."""
    return base.endswith("ا") and not any(known(base + pronoun) for pronoun in ("ه", "ها", "هم"))


def _persons_name(base: str) -> bool:
    """``base`` is a person's name that no nisba meets (:func:`analyzers.evidence.person_name`:
    سعود, not السعودية), unless it is a protected name, whose nisba always meets it (الهلال, the club,
    and الهلالي, its fan)."""
    return person_name(base) and base not in protected_words()


@memoize(CACHE_BYTES, MAX_WORD_LEN)
def light_stem(word: str) -> str:
    """Stem one folded word: ``والكتاب``, ``بالكتاب``, ``الكتاب``, ``كتاب`` → ``كتاب``.

    ``الوزارات`` and ``وزارة`` (folded ``وزاره``) → ``وزار``; ``كتب``, ``كمال``, ``زيتون`` stay.
    """
    if len(word) <= MIN_STEM or len(word) > MAX_WORD_LEN or not is_arabic(word):
        if conjunction_before_doubled(word) or preposition_before_short_noun(word):
            return word[1:]  # وتم, فتم, وشن: و ف + a doubled verb's two letters; بحق, لحل, لسد
        if len(word) == MIN_STEM:
            if noun := short_noun_before_pronoun(word):
                return noun  # يده, يدي, نصه: a two-letter noun's pronoun
            past = verb_base(word)  # أدت, دعت (defective), تمت, شنت (doubled): the past's term
            if past:
                return _verb_stem(past)[0]
            if verb := hollow_imperfect(word) or third_person(word, word):
                return light_stem(verb)  # لم يكن, لم تقم: يكون, يقوم; تصل, تعد, تقع: يصل, يعد, يقع
        return word
    protected = protected_words()
    if word in protected:
        return protected[word]
    if place := place_term(word):
        return place  # بعقوبة: no ب + عقوبة
    rest = strip_clitics(word)
    if rest in protected:
        return protected[rest]
    if ten := tens_term(rest):
        return ten  # والعشرين, ثلاثين: thirty is no plural of three
    article = word[: len(word) - len(rest)].endswith(("ال", "لل"))
    if place := place_term(rest, article=article):
        return place
    if not article and (noun := short_noun_before_pronoun(rest)):
        return noun  # بيده, يدها, بحقهم: a two-letter noun's pronoun
    rest = future_off(_without_wasl(rest))
    # Only و and ف stand before a past: after a preposition, the article or the future's س, no ت
    # is a verb's whose ى dropped (كشفته is no ك + شفت of شفى, بوست no ب + وست).
    stem, nisba_of = strip_endings(rest, set(word[: len(word) - len(rest)]) <= set(CONJUNCTIONS))
    if nisba_of:
        # A nisba meets the protected name it comes from: الأميركية → اميركا, روسي → روسيا.
        # Only a nisba: السور (the wall) must not become سوريا.
        for ending in ("", "ا", "يا"):
            if nisba_of + ending in protected:
                return _name_or_noun(protected[nisba_of + ending], rest)
        # ... and so does the nisba of its other spelling: الأوربي (of أوربا) → اوروبا
        for ending in ("ا", "يا"):
            if name := protected_spellings().get(nisba_of + ending):
                return name
    if stem in protected or _persons_noun_form(stem, word, rest):
        return _name_or_noun(stem, rest)
    if verb := third_person(stem, rest):
        return light_stem(verb)  # تقوم, نقوم, ستقوم, تستخدمها: the verb after ي's term
    return stem


def _persons_noun_form(stem: str, word: str, rest: str) -> bool:
    """``stem`` is a person's name and ``rest`` may be its letters' noun in ة (whether the news
    writes one, and not as an adjective's feminine, :func:`_name_or_noun` asks). Any form of a
    name never written after the article: زياد (Ziad), whose letters + ة are another word
    (الزيادة, the increase). Of a name that is a word too (عمر: Omar, and العمر, age; مساعد, سعيد)
    only a form that can be nothing else: after the article (العمرة, the umrah; bare, عمره is mostly
    "his age": 475 of the corpus's 494 such forms are written with ه), its ة written ت before a
    pronoun (عمرته; a bare عمرت may be a verb) or its plural (العمرات)."""
    if not person_name(stem):
        return False
    if not takes_article(stem):
        return True
    if rest == stem or not rest.startswith(stem):
        return False
    ending = rest[len(stem) :]
    if ending == "ه":
        return word[: len(word) - len(rest)].endswith(("ال", "لل"))
    return ending.startswith("ات") or (ending.startswith("ت") and len(ending) > 1)


def _name_or_noun(name: str, rest: str) -> str:
    """``name`` (a protected name's term, or a person's name, that the endings' rules cut
    ``rest`` to), or the noun in ة written with its letters when ``rest`` is that noun's form
    (:func:`taa_noun_of_name`: الرياضة, الرياضي → رياضه, not the city's رياض; الزيادة → زياده, not
    the name زياد)."""
    if rest != name and rest.startswith(name):
        return taa_noun_of_name(name, rest[len(name) :]) or name
    return name


def cache_stats() -> dict[str, int]:
    """Entries, bytes and misses of the stem cache in this process (for the benchmark)."""
    return light_stem.cache.stats()
