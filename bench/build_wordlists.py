"""Build the analysis word lists in ``tests/wordlists/`` from the corpus frequency list, by rule.

The light stemmer's tests need words it was not tuned on and did not choose: which first letters
are radical, which forms are one word, which look-alikes are different words. This script takes
them from two sources that know nothing of the stemmer:

* the corpus frequency list (``analyzers/data/lexicon.tsv.gz``, from ``bench/build_lexicon.py``):
  only frequent news words are taken, so the lists are what users search for;
* Arramooz (``arramooz-pysqlite``, Taha Zerrouki, **GPL**, pinned in pyproject.toml; its SQLite
  dictionary of ~30,000 nouns and ~14,000 verbs, with each entry's root and which sound endings it
  takes, opened read-only through :mod:`analyzers.dictionary`). Nothing of it is committed but the
  selected corpus words themselves.

The lists, one word (or one group) a line, folded as the index folds them:

``radical_first.txt``
    Frequent words (≥ 30 uses) of 4+ letters starting with و ف ب ك ل that the dictionary lists
    with a root starting with that same letter (كمال: root كمل; بطولة: بطل), and not as anything
    else, *and* that the news uses as that word: what remains without the first letter is no
    dictionary word (فيصل: يصل), or the word takes the article in at least a tenth of its uses
    (كمال: الكمال). باسم is in the dictionary as "smiling", but the news writes ب+اسم (الباسم: 3
    of 2,415 uses), so it is out.
``families.txt``
    The sound inflections of a dictionary noun that takes them (masculine plural ون/ين, feminine
    ة and ات, the genitive dual ين/تين and, for a noun in ة, the dual's construct تي, which is
    also "my …"; a nisba's ي kept in all), with and without the article,
    each seen ≥ 5 times and not a stop word, none 20 times commoner than the lemma (مدينة "city"
    is not مدين "indebted" + ة): المسلم مسلم مسلمون المسلمين مسلمه … one family a line. The
    nominative dual ان is left out: most corpus forms in ان are other words (سليمان, ظهران). The
    masculine plural's construct in و (مسلمو, لاعبو: its ن dropped before a noun) is in where the
    corpus uses it as one, followed by a word with the article in ≥ half its uses (``--corpus``;
    روميو, دينو are names), never with the article itself; so is the indefinite accusative in ا of
    a noun that takes both ة and the masculine plural (an adjective or participle: كبيرا, مؤكدا)
    where no preposition is seen before it (بسوريا: سوريا is the country, not سوري's accusative).
``distinct_pairs.txt``
    Different words that a stemmer would merge by cutting what looks like an affix, in four
    classes, every word a dictionary entry seen ≥ ``PAIR_MIN_COUNT`` times and no stop word:

    * a clitic letter in front: the longer word from ``radical_first``, or any dictionary word all
      of whose roots start with its first letter and that takes the article in ≥ 10% of its uses
      (بعيد, كبار, لجنة), beside the rest with no root in common (عيد/بعيد, جنه/لجنه);
    * a plural or dual ending behind (زيت/زيتون, تمر/تمرين, شعب/شعبان), no root in common;
    * a name in such an ending, beside the common word it would leave (سلم/سلمان, حمد/حمدان):
      a name is a corpus form that follows بن, ابن, بنت or a title (الأمير, الشيخ, الدكتور …) in
      ≥ 10% of its uses (``--corpus``; the dictionary lists few names);
    * ة against ي (باقة/باقي, حاجة/حاجي, معدة/معدي): both nouns taking the article in ≥ 10% of
      their uses (a pronoun ه or ي never stands after it), no root in common, the ي form no nisba.

    (The nisba itself, ي ية beside its noun, is left out: that it meets its noun is a measured
    choice, docs/stemming.md; so are ة endings, which the dictionary lists as entries of their
    own, خاص/خاصة, with a root spelt differently.)
``verb_families.txt``
    A dictionary verb's past with its person endings: 3ms, 3fs ت, 3mp وا, 1p نا, and its object
    "me" ني, also after ت (قبض قبضت قبضوا قبضنا قبضني قبضتني), each seen ≥ 5 times, none a stop word
    or a dictionary noun itself (سبت is Saturday, not سب + ت), with ت or وا at least; نا only when the past is no
    dictionary noun too (عامنا, دولنا are "our"); ني only on a form that is no dictionary verb,
    with or without its first letter (تمني, وتمني: تمنّى), never after the article (الفني), no
    commoner without its first letter (وابني), after a past that is no ال + rest nor ي ت ن + two
    letters (يهمني is an imperfect); and the plural with an object pronoun, its alef unwritten
    (قدموه, قدموها, قدموهم), beside a plural in وا that is seen, never after the article and no
    ال + rest (القوه is القوة).
    Defective verbs (a past in ا or ي: أحيا, بنى) are left out: their endings replace the last
    letter (أحيت, بنوا), so base + ending is another word (أحيانا).
``maqsura_families.txt``
    A dictionary verb or noun in ى (أجرى, تبنّى, مستوى, معنى) with its forms before a pronoun (ه ها
    هم هما; ك كم ني نا beside a seen ه form), where the ى is written ا (أجراها, تبناه, مستواه,
    معناها, أعطاني): each seen ≥ 5 times, none a dictionary word of its own or one after its first
    letter, a stop word or ever after the article (صلاه, دعاه are the nouns صلاة, دعاة, not صلى, دعا
    + ه; نساهم is ن + ساهم, not نسي + هم), and no ني, نا form whose letters before them are a word
    seen (ميدانا, حصانا: ميدان, حصان with the accusative's alef).
``imperfect_families.txt``
    A dictionary verb's imperfect with its plural and dual endings, its object pronouns of the
    first and second person and its future: يفعل يفعلون يفعلوا يفعلان يفعلني يفعلك يفعلكم سيفعل
    سيفعلون (and the same after ت), each seen ≥ 5 times, none a stop word or
    a dictionary noun, at least two forms a family. The imperfect is ي or ت + the past, less the
    alef of أفعل افتعل انفعل استفعل (أعلن: يعلن; استخدم: يستخدم). Hollow pasts (قال: يقول), defective
    ones and pasts ending in a hamza are left out (their imperfects change letters), as is a family
    whose singular is a dictionary noun (تقدم, progress), and a form with an object pronoun that is
    another dictionary verb's imperfect (يشارك is no يشار + ك, nor يملك يمل + ك).
``taa_pairs.txt``
    Different words one ت apart: a dictionary noun ending in a ت that is no plural ending (not
    ات), which the news uses as a noun (after the article in ≥ 5% of its uses: البنت, السبت), and
    the corpus word without that ت (بنت/بن, سبت/سب, زيت/زي, بيروت/بيرو), both seen ≥ 10 times and
    no root in common.

    python bench/build_wordlists.py [--out tests/wordlists] [--corpus …/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import functools
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import dictionary  # noqa: E402
from analyzers.evidence import after_article, lexicon  # noqa: E402
from analyzers.normalize import is_arabic, normalize_word, strip_marks  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402
from bench.build_lexicon import corpus_words  # noqa: E402

OUT = ROOT / "tests" / "wordlists"
DEFAULT_CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
CLITIC_LETTERS = "وفبكل"
PAIR_ENDINGS = ("ون", "ين", "ان", "ات")
RADICAL_MIN_COUNT = 30
# The word takes the article in at least this share of its uses: it is used as a whole word.
ARTICLE_SHARE = 0.1
# A family's form seen this many times more often than its lemma is mostly another word
# (مدينة "city" beside مدين "indebted").
FORM_OVER_LEMMA = 20
FAMILY_MIN_COUNT = 5
PAIR_MIN_COUNT = 5
# The words before a name: a form following one of them in this share of its uses is a name.
NAME_CONTEXTS = ("بن", "ابن", "بنت", "الامير", "الاميره", "الشيخ", "الشيخه", "الدكتور", "الدكتوره", "السيد",
                 "السيده", "المهندس", "الاستاذ", "اللاعب", "اللاعبه", "الفنان", "الفنانه", "المدرب", "الملك",
                 "الرءيس", "الوزير", "المواطن", "المواطنه", "الزميل", "الزميله", "النجم", "النجمه")
NAME_SHARE = 0.1
# A form in و is a plural's construct when this share of its uses is followed by a word with the
# article (لاعبو الفريق, مسؤولو الوزارة).
CONSTRUCT_SHARE = 0.5
NAME_MIN_CONTEXT = 3
VERB_ENDINGS = ("ت", "وا", "نا", "ني", "تني")
# The plural's object pronouns: its alef is not written before them (قدموه, قدموها, قدموهم).
PLURAL_OBJECTS = ("وه", "وها", "وهم")
# The pronouns before which a word's final ى is written ا (مستواه, أجراها, يراك, أعطاني).
MAQSURA_PRONOUNS = ("ه", "ها", "هم", "هما")
# "You", "me" and "us" after ا also end words of their own (الحاكم, حصانا, ميدانا: a noun in ان
# with the accusative's alef), so their forms join a family only beside its ه form, and ني, نا
# only where the letters before them (X + ان) are no word seen.
SPEAKER_PRONOUNS = ("ك", "كم", "ني", "نا")
OBJECT_PRONOUNS = ("ني", "ك", "كم")
IMPERFECT_ENDINGS = ("ون", "وا", "ان", *OBJECT_PRONOUNS)
TAA_ARTICLE_SHARE = 0.05
TAA_PAIR_MIN_COUNT = 10


def _fold(vocalized_or_not: str) -> str:
    return normalize_word(strip_marks(vocalized_or_not))


_ENTRIES = {"verbs": "select unvocalized from verbs", "nouns": "select unvocalized from nouns"}


@functools.cache
def _dictionary_entries(table: str) -> tuple[str, ...]:
    """Every entry of Arramooz's ``table`` (``verbs`` or ``nouns``) as the dictionary spells it (ى
    kept apart from ي): read once for all lists."""
    with dictionary.connect() as con:
        return tuple(u for (u,) in con.execute(_ENTRIES[table]))


@functools.cache
def _dictionary_forms(table: str) -> frozenset[str]:
    """Every entry of ``table``, folded."""
    return frozenset(_fold(u) for u in _dictionary_entries(table))


def read_dictionary() -> tuple[dict[str, set[str]], list[tuple]]:
    """Folded entry → its roots (nouns and verbs), and the noun rows with their ending flags."""
    roots: dict[str, set[str]] = collections.defaultdict(set)
    nouns = []
    with dictionary.connect() as con:
        for unvocalized, root, masc_plural, feminable, fem_plural, dualable, single in con.execute(
            "select unvocalized, root, masculin_plural, feminable, feminin_plural, dualable, single from nouns"
        ):
            word = _fold(unvocalized)
            roots[word].add(_fold(root))
            if not single:  # an entry that is itself a broken plural points to its singular
                nouns.append((word, masc_plural, feminable, fem_plural, dualable))
        for unvocalized, root in con.execute("select unvocalized, root from verbs"):
            roots[_fold(unvocalized)].add(_fold(root))
    return roots, nouns


def radical_first(roots: dict[str, set[str]], counts: dict[str, int]) -> list[str]:
    stops = stopwords()
    words = []
    for word, n in counts.items():
        if n < RADICAL_MIN_COUNT or len(word) < 4 or word[0] not in CLITIC_LETTERS or word in stops:
            continue
        entry_roots = roots.get(word)
        if not entry_roots or any(r[:1] != word[0] for r in entry_roots):
            continue
        if word[1:] not in roots or after_article(word) >= ARTICLE_SHARE * n:
            words.append(word)
    return sorted(words, key=lambda w: (-counts[w], w))


def _inflections(lemma: str, masc_plural: int, feminable: int, fem_plural: int, dualable: int) -> set[str]:
    if lemma.endswith("ه"):  # وزارة: its plural and dual are built on the stem without ة
        stem = lemma[:-1]
        forms = {lemma}
        if fem_plural:
            forms.add(stem + "ات")
        if dualable:
            # The genitive dual, and its construct (منطقتي مكة والمدينة), which is also "my …".
            forms |= {stem + "تين", stem + "تي"}
        return forms
    forms = {lemma}
    if masc_plural:
        # The nominative plural's construct drops its ن (لاعبو الفريق); the genitive's, لاعبي, is
        # also "my …" and a nisba's, so it is left out.
        forms |= {lemma + "ون", lemma + "ين", lemma + "و"}
    if feminable:
        forms.add(lemma + "ه")
        if masc_plural:
            # An adjective's or participle's indefinite accusative (كبيرا, مؤكدا, مشيرا: also the
            # accusative of manner, «..., مشيرا إلى»), never after the article.
            forms.add(lemma + "ا")
        if fem_plural:
            forms.add(lemma + "ات")
    if dualable:
        # The genitive dual only: Arramooz marks nearly every noun dualable, and most corpus
        # forms in ان are other words (سليمان beside سليم, ظهران beside ظهر, نيران beside نير).
        forms.add(lemma + "ين")
    return forms


def families(nouns: list[tuple], counts: dict[str, int], constructs: set[str] = frozenset()) -> list[list[str]]:
    stops = stopwords()
    by_lemma: dict[str, set[str]] = collections.defaultdict(set)
    for lemma, *flags in nouns:
        if len(lemma) >= 3:
            by_lemma[lemma] |= _inflections(lemma, *flags)
    found: dict[frozenset[str], list[str]] = {}
    for lemma, forms in by_lemma.items():
        lemma_count = counts.get(lemma, 0) + counts.get("ال" + lemma, 0)
        if lemma in stops or lemma_count < FAMILY_MIN_COUNT:
            continue
        construct = lemma + "و"  # only where the corpus uses it as one (not روميو, دينو), never after ال
        # The indefinite accusative never takes the article, nor follows a preposition, which governs
        # the genitive: a form in ا seen after ب or ل is a name (سوريا, ليبيا: بسوريا), not a nisba's.
        accusative = lemma + "ا"
        spellings = {f for form in forms - {construct} for f in ((form,) if form == accusative else (form, "ال" + form))}
        if counts.get("ب" + accusative) or counts.get("ل" + accusative):
            spellings.discard(accusative)
        spellings |= {construct} & forms & constructs
        seen = {
            f for f in spellings
            if FAMILY_MIN_COUNT <= counts.get(f, 0) <= FORM_OVER_LEMMA * lemma_count and f not in stops
        }
        if len({f.removeprefix("ال") for f in seen}) >= 3:  # the lemma and two inflections at least
            found[frozenset(seen)] = sorted(seen, key=lambda f: (-counts[f], f))
    # A family inside another (two entries of one lemma) is listed once, as the larger.
    kept = [fam for key, fam in found.items() if not any(key < other for other in found)]
    kept.sort(key=lambda fam: (-sum(counts[f] for f in fam), fam))
    return kept


def read_dictionary_nisbas() -> set[str]:
    """Folded noun entries the dictionary types as a nisba (منسوب)."""
    with dictionary.connect() as con:
        return {_fold(u) for u, t in con.execute("select unvocalized, wordtype from nouns") if t and "منسوب" in t}


def corpus_contexts(corpus: pathlib.Path, counts: dict[str, int]) -> tuple[set[str], set[str]]:
    """One pass over the corpus for what a word's neighbours show: the names (forms that follow
    بن, ابن, بنت or a title in ≥ ``NAME_SHARE`` of their uses) and the constructs in و (forms in و
    followed by a word with the article in ≥ ``CONSTRUCT_SHARE`` of their uses: لاعبو الفريق, not
    روميو, دينو)."""
    after: collections.Counter[str] = collections.Counter()
    before_article: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        for a, b in zip(words, words[1:], strict=False):
            if a in NAME_CONTEXTS and is_arabic(b):
                after[b] += 1
            if a.endswith("و") and b.startswith(("ال", "وال")):
                before_article[a] += 1
    names = {w for w, n in after.items() if n >= NAME_MIN_CONTEXT and n >= NAME_SHARE * counts.get(w, 0)}
    constructs = {w for w, n in before_article.items() if n >= CONSTRUCT_SHARE * counts.get(w, 0)}
    return names, constructs


def distinct_pairs(
    roots: dict[str, set[str]], counts: dict[str, int], radical: list[str], name_forms: set[str] = frozenset(),
    nisbas: set[str] = frozenset(),
) -> list[tuple[str, str]]:
    """(shorter, longer) pairs of different words one look-alike affix apart (see the module doc)."""
    stops = stopwords()
    frequent = {w for w, n in counts.items() if n >= PAIR_MIN_COUNT and w in roots and w not in stops}
    radical_set = set(radical)

    def whole(word: str) -> bool:  # takes the article: a noun as it stands
        return after_article(word) >= ARTICLE_SHARE * counts[word]

    pairs = set()
    for longer in frequent:
        candidates = [longer[: -len(e)] for e in PAIR_ENDINGS if longer.endswith(e)]
        if longer in radical_set or (
            longer[0] in CLITIC_LETTERS and len(longer) >= 4 and whole(longer)
            and all(r[:1] == longer[0] for r in roots[longer])
        ):
            candidates.append(longer[1:])
        taa = longer[:-1] + "ه"
        if longer.endswith("ي") and longer not in nisbas and taa in frequent and whole(longer) and whole(taa):
            candidates.append(taa)  # الباقي/الباقة: a pronoun ي or ه never follows the article
        for shorter in candidates:
            if len(shorter) >= 3 and shorter in frequent and not roots[shorter] & roots[longer]:
                pairs.add((shorter, longer))
    for name in name_forms:
        if name in stops or counts.get(name, 0) < PAIR_MIN_COUNT // 2:
            continue
        for e in PAIR_ENDINGS:
            shorter = name[: -len(e)]
            if name.endswith(e) and len(shorter) >= 3 and shorter in frequent:
                pairs.add((shorter, name))
    return sorted(pairs, key=lambda p: (-min(counts[p[0]], counts[p[1]]), p))


def verb_families(roots: dict[str, set[str]], counts: dict[str, int]) -> list[list[str]]:
    """Each dictionary verb past with the person-ending forms the corpus has (see the module doc)."""
    stops = stopwords()
    pasts, nouns = _dictionary_forms("verbs"), _dictionary_forms("nouns")
    found = []
    for past in pasts:
        if len(past) < 3 or past[-1] in "اي" or past in stops or counts.get(past, 0) < FAMILY_MIN_COUNT:
            continue
        forms = [
            past + e for e in (*VERB_ENDINGS, *PLURAL_OBJECTS)
            if counts.get(past + e, 0) >= FAMILY_MIN_COUNT and past + e not in nouns and past + e not in stops
            # a plural with an object pronoun only beside its plural, and never after the article
            and not (e in PLURAL_OBJECTS and (not counts.get(past + "وا") or after_article(past + e)
                                              or past.startswith("ال")))  # القوه is ال + قوة
            # نا after a past that is a noun too is as likely "our" (عامنا, دولنا)
            and not (e == "نا" and past in nouns)
            and not (e in ("ني", "تني") and not _past_with_me(past, past + e, pasts, counts))
            and not (e == "تني" and counts.get(past + "ت", 0) < FAMILY_MIN_COUNT)  # وصلتني beside وصلت
        ]
        if any(not f.endswith("نا") for f in forms):  # ت or وا: the past's own endings
            found.append([past, *forms])
    found.sort(key=lambda fam: (-sum(counts[f] for f in fam), fam))
    return found


def maqsura_families(counts: dict[str, int]) -> list[list[str]]:
    """Each dictionary verb or noun in ى (folded ي: أجرى, تبنّى, مستوى, معنى) with its forms before a
    pronoun, where the ى is written ا (أجراها, تبناه, مستواه, معناها, أعطاك), each seen ≥ 5 times,
    none a dictionary word of its own or one after its first letter, a stop word or ever after the
    article (حياه, صلاه, دعاه are nouns in ة: الحياة); "you", "me", "us" only beside a seen ه form,
    and ني, نا not after the letters of a seen word in ان (ميدانا)."""
    stops = stopwords()
    entries = {
        _fold(u) for table in ("verbs", "nouns") for u in _dictionary_entries(table) if strip_marks(u).endswith("ى")
    }
    words = _dictionary_forms("verbs") | _dictionary_forms("nouns")
    found = []
    for word in entries:
        if len(word) < 3 or word in stops or counts.get(word, 0) < FAMILY_MIN_COUNT:
            continue
        stem = word[:-1]
        speakers = SPEAKER_PRONOUNS if counts.get(stem + "اه", 0) >= FAMILY_MIN_COUNT else ()
        forms = [
            form for form in (stem + "ا" + p for p in (*MAQSURA_PRONOUNS, *speakers))
            if counts.get(form, 0) >= FAMILY_MIN_COUNT
            and form not in words and form not in stops
            and not after_article(form)
            and form[1:] not in words  # نساهم, وساهم are ن, و + ساهم
            and not (form.endswith(("ني", "نا")) and counts.get(stem + "ان", 0))
        ]
        if forms:
            found.append([word, *forms])
    found.sort(key=lambda fam: (-sum(counts[f] for f in fam), fam))
    return found


def _past_with_me(past: str, form: str, pasts: frozenset[str], counts: dict[str, int]) -> bool:
    """``form`` = ``past`` + ني can be that past with "me": not itself a dictionary verb (تمني is
    تمنّى) nor one less its first letter (وتمني, اتمني), never after the article (الفني, الامني are
    adjectives), no commoner without that letter (وابني, بادني are و ب + another word), and the
    past no ال + rest nor ي ت ن + two letters (يهم, تهم, يسر: يهمني is an imperfect of همّ)."""
    return (
        form not in pasts
        and form[1:] not in pasts
        and not after_article(form)
        and counts.get(form[1:], 0) < counts[form]
        and not past.startswith("ال")
        and not (len(past) == 3 and past[0] in "يتن")
    )


def imperfect_families(counts: dict[str, int]) -> list[list[str]]:
    """Each sound dictionary verb's imperfect, after ي and after ت, with the plural and dual forms
    the corpus has (see the module doc)."""
    stops = stopwords()
    pasts, nouns = _dictionary_forms("verbs"), _dictionary_forms("nouns")
    found = set()  # two pasts may fold to one imperfect (ذكر and أذكر: يذكر)
    # Every past's own imperfects: يشارك, يملك, يدرك are verbs of their own, not يشار, يمل, يدر + ك.
    own = {prefix + (past[1:] if past[0] == "ا" else past) for past in pasts for prefix in "يت"}
    for past in pasts:
        if len(past) < 3 or past[-1] in "اويء" or (len(past) == 3 and past[1] in "اوي"):
            continue  # defective, hamzated last letter, hollow: their imperfects change letters
        stem = past[1:] if past[0] == "ا" else past
        for prefix in "يت":
            singular = prefix + stem
            if singular in nouns or singular in stops or counts.get(singular, 0) < FAMILY_MIN_COUNT:
                continue
            forms = [
                form
                for form in (*(singular + e for e in IMPERFECT_ENDINGS), "س" + singular, "س" + singular + "ون")
                if counts.get(form, 0) >= FAMILY_MIN_COUNT and form not in nouns and form not in stops
                and not (form.endswith(OBJECT_PRONOUNS) and form in own)
            ]
            if forms:
                found.add((singular, *forms))
    return sorted((list(fam) for fam in found), key=lambda fam: (-sum(counts[f] for f in fam), fam))


def taa_pairs(roots: dict[str, set[str]], counts: dict[str, int]) -> list[tuple[str, str]]:
    """(word, word + radical ت) pairs of different words (see the module doc)."""
    stops = stopwords()
    nouns = _dictionary_forms("nouns")
    pairs = set()
    for noun in nouns:
        shorter = noun[:-1]
        if (
            noun.endswith("ت") and not noun.endswith("ات") and len(shorter) >= 2
            and counts.get(noun, 0) >= TAA_PAIR_MIN_COUNT and counts.get(shorter, 0) >= TAA_PAIR_MIN_COUNT
            and after_article(noun) >= TAA_ARTICLE_SHARE * counts[noun]
            and noun not in stops and shorter not in stops
            and not roots.get(shorter, set()) & roots[noun]
        ):
            pairs.add((shorter, noun))
    return sorted(pairs, key=lambda p: (-min(counts[p[0]], counts[p[1]]), p))


def _write(path: pathlib.Path, header: str, lines: list[str]) -> None:
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    click.echo(f"{len(lines):5d} lines -> {shown}")


@click.command()
@click.option("--out", type=click.Path(path_type=pathlib.Path), default=OUT)
@click.option("--corpus", type=click.Path(exists=True, path_type=pathlib.Path), default=DEFAULT_CORPUS,
              help="the news corpus, read for the names that follow بن or a title")
def main(out: pathlib.Path, corpus: pathlib.Path) -> None:
    counts = lexicon()
    roots, nouns = read_dictionary()
    out.mkdir(parents=True, exist_ok=True)
    note = "# Built by bench/build_wordlists.py from the corpus frequency list and Arramooz; do not edit.\n"
    radical = radical_first(roots, counts)
    _write(out / "radical_first.txt", note + "# Frequent words whose first letter (و ف ب ك ل) is radical.\n",
           radical)
    name_forms, constructs = corpus_contexts(corpus, counts)
    _write(out / "families.txt", note + "# One word's sound inflections, one family a line.\n",
           [" ".join(f) for f in families(nouns, counts, constructs)])
    _write(out / "distinct_pairs.txt", note + "# Different words one look-alike affix apart (a clitic, a number ending, ة/ي; names).\n",
           [" ".join(p) for p in distinct_pairs(roots, counts, radical, name_forms,
                                                 read_dictionary_nisbas())])
    _write(out / "verb_families.txt", note + "# A verb's past with its person endings (ت وا نا), ني (also after ت) and the plural's object (وه وها وهم), one family a line.\n",
           [" ".join(f) for f in verb_families(roots, counts)])
    _write(out / "maqsura_families.txt",
           note + "# A word in ى (a verb's past or a noun) with its forms before a pronoun (ى written ا: اه اها اهم اهما اك اكم اني انا).\n",
           [" ".join(f) for f in maqsura_families(counts)])
    _write(out / "imperfect_families.txt",
           note + "# A verb's imperfect with its plural and dual endings (ون وا ان), object pronouns (ني ك كم) "
           "and future (س), one family a line.\n",
           [" ".join(f) for f in imperfect_families(counts)])
    _write(out / "taa_pairs.txt", note + "# Different words one radical ت apart.\n",
           [" ".join(p) for p in taa_pairs(roots, counts)])


if __name__ == "__main__":
    main()
