"""A two-letter noun with a possessive pronoun: يده, يدها, بحقهم, نصه meet يد, حق, نص.

The endings' rules leave a base of three letters at least, so a doubled noun of two (يد, حق, نص,
ظن, فم) took a term per pronoun: يده, يدي, يدها were three terms beside يد. A two-letter base
with a pronoun is as often another word, though: a noun in ة (مدة, جدة, حدة: مده, جده folded), a
word of its own (ابها, the city; تري, sees), a verb's form (تفهما, حظي, شكك), or و's word (وحدها,
alone). So the pronoun comes off only with the noun's evidence (docs/stemming.md, `fahras-ar-55`, `-56`):

* the base takes the article and is no stop word, and the form never takes it (a pronoun
  ends a word the article never starts);
* its third person's pronouns are seen (``PARADIGM_USES``: ه 5 times, ها or هم 3 times) and no
  pronoun form is commoner than the bare noun (جده, 4,279 beside جد's 151, is Jeddah);
* no noun in ة on the same letters takes the article (``TAA_NOUN_ARTICLE_SHARE``: المدة);
* a ه form is no such noun's ة either, which the news would write ت before a pronoun (حدته)
  and, for a noun the dictionary gives no feminine, after the article now and then
  (``HA_ARTICLE_SHARE``: الردة 6% of رده keeps رده apart; يده, نصه are never so written); a noun
  with a feminine or unit noun in ة (حق: الحقة, "the true"; حب: حبة) meets it either way;
* نا is no ن + accusative (آمنا), ك no doubled verb (شكك), ي no defective verb (حظي, يحظى) nor
  nisba; the base ends in no alef (دا is داء), and the form is commoner without a و in front
  (حدها 18 beside وحدها 235, "alone").
"""

from __future__ import annotations

from analyzers.dictionary import unfeminine_nouns
from analyzers.evidence import count, known, takes_article
from analyzers.stopwords import stopwords
from analyzers.verbs import verb_base

# The possessive pronouns a noun takes, longest first.
POSSESSIVES = ("هما", "هم", "ها", "كما", "كم", "نا", "ه", "ك", "ي")
# The pronouns whose forms make a base's paradigm, none of them commoner than the bare noun.
PARADIGM = ("ه", "ها", "هم", "ي", "ك")
# The third person seen: ه this often, and ها or هم this often.
PARADIGM_USES = (5, 3)
# A base whose letters + ة are seen after the article in this share of the ة form's uses has a
# noun in ة: none of its pronoun forms is read (المدة 26% of مده, القوة 33%).
TAA_NOUN_ARTICLE_SHARE = 0.1
# ... and a ه form is read only when ت before a pronoun (حدته, حدتها) is under
# TAA_NOUN_ARTICLE_SHARE of its uses and, for a base the dictionary gives no feminine, the letters
# + ة are written after the article at most this share of them (الردة 6% of رده, الحدة 3.2%: رده,
# حده stay; يده, نصه, سره 0%).
HA_ARTICLE_SHARE = 0.03


def short_noun_before_pronoun(rest: str) -> str:
    """The two-letter noun ``rest`` (a folded form without its clitics, no article before it) is
    with its possessive pronoun cut, or "": ``يده``, ``يدي``, ``بيدها``'s ``يدها`` → ``يد``;
    ``حقهم`` → ``حق``; ``مده``, ``جده``, ``حظي``, ``وحدها``'s ``حدها`` → ""."""
    pronoun = next((p for p in POSSESSIVES if rest.endswith(p) and len(rest) - len(p) == 2), "")
    if not pronoun:
        return ""
    noun = rest[:2]
    if noun in stopwords() or noun.endswith("ا") or not takes_article(noun):
        return ""
    if pronoun != "ه" and takes_article(rest):
        return ""
    if known(noun + "ه") < PARADIGM_USES[0] or max(known(noun + "ها"), known(noun + "هم")) < PARADIGM_USES[1]:
        return ""
    if any(known(noun + p) > known(noun) for p in PARADIGM):
        return ""
    if count("ال" + noun + "ه") >= TAA_NOUN_ARTICLE_SHARE * known(noun + "ه"):
        return ""
    if known("و" + rest) > known(rest):
        return ""
    if not _pronoun_reading(noun, pronoun, rest):
        return ""
    return noun


def _pronoun_reading(noun: str, pronoun: str, rest: str) -> bool:
    """``rest`` can be ``noun`` + ``pronoun`` and not the other word its letters spell."""
    if pronoun == "ه":
        written_taa = known(noun + "ته") + known(noun + "تها")
        if written_taa >= TAA_NOUN_ARTICLE_SHARE * known(rest):
            return False
        # A noun the dictionary gives a feminine or unit noun in ة (حق: الحقة, "the true"; حب: حبة,
        # a grain) meets that too, so either reading of the ه form is its own.
        return noun not in unfeminine_nouns() or count("ال" + rest) <= HA_ARTICLE_SHARE * known(rest)
    if pronoun == "نا":
        return known(noun + "ن") < known(rest)
    if pronoun in ("ك", "كم", "كما"):
        return not (verb_base(noun + "ك") or known("ي" + noun + "ك"))
    if pronoun == "ي":
        return not (takes_article(noun + "ي") or known("ي" + noun + "ي") or known(noun + "يت"))
    return True
