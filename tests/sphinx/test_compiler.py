"""The parse tree compiled to MATCH(): one case per node kind, the Whoosh compiler's semantics."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import QueryError
from search.deadline import Deadline
from search.ranking import Ranking
from search.sphinx_backend import tokens
from search.sphinx_backend.compiler import MAX_DATE_TERMS, NOTHING, at_least, compile_tree
from search.syntax import Group, Word, parse
from search.wildcards import Expansions

E, R = tokens.EXACT, tokens.ROOT


class Vocab:
    """A vocabulary (search.backend.Vocabulary) from word lists, each the most frequent first."""

    terms = {"body": ["وزار", "وزير", "وزن"], "body_exact": ["وزاره", "الوزارات", "وزير", "كتابه"]}

    def doc_frequency(self, field, term):
        words = self.terms.get(field, [])
        return len(words) - words.index(term) if term in words else 0

    def occurrences(self, fields, term):
        return sum(self.doc_frequency(field, term) for field in fields)

    def expand_prefix(self, field, prefix):
        return iter(sorted(t for t in self.terms.get(field, []) if t.startswith(prefix)))

    def terms_within(self, field, term, maxdist, prefix):
        return iter(sorted(t for t in self.terms.get(field, []) if t != term and t.startswith(term[:3])))

    def documents_with(self, field, term, limit):
        return []


def vocab(ranking: Ranking | None = None) -> Expansions:
    """The request's expansions over :class:`Vocab`, without a deadline."""
    return Expansions(Vocab(), None, ranking or Ranking())


def match(q: str, conjunction: str = "and", expansions=None) -> str | None:
    return compile_tree(parse(q), Ranking(), conjunction, expansions).match


def test_a_word_is_its_stem_or_its_exact_form_at_the_exact_weight():
    assert match("والكتاب") == f"(كتاب | {E}والكتاب^0.3)"


def test_words_side_by_side_are_and_and_or_in_the_fallback():
    assert match("كتاب قلم") == f"((كتاب | {E}كتاب^0.3) (قلم | {E}قلم^0.3))"
    assert match("كتاب قلم", "or") == f"((كتاب | {E}كتاب^0.3) | (قلم | {E}قلم^0.3))"


def test_or_words_in_arabic_and_english():
    assert match("كتاب أو قلم") == match("كتاب OR قلم") == f"((كتاب | {E}كتاب^0.3) | (قلم | {E}قلم^0.3))"


def test_a_phrase_is_exact_forms_in_order_in_the_exact_fields():
    assert match('"وزارة الصحة"') == f'(@(title_exact,body_exact) "{E}وزاره {E}الصحه")'


def test_field_prefixes_limit_to_that_field():
    assert match("عنوان:كتاب") == f"(@(title,title_exact) (كتاب | {E}كتاب^0.3))"
    assert match('title:"وزارة الصحة"') == f'(@(title_exact) "{E}وزاره {E}الصحه")'


def test_exclusions_stay_exclusions_and_a_lone_exclusion_needs_every_document():
    assert match("كتاب -قلم") == f"((كتاب | {E}كتاب^0.3) -(قلم | {E}قلم^0.3))"
    assert match("-قلم") == f"{tokens.EVERY} -(قلم | {E}قلم^0.3)"
    assert match("كتاب OR -قلم") == f"((كتاب | {E}كتاب^0.3) | ({tokens.EVERY} -(قلم | {E}قلم^0.3)))"


def test_root_and_facet_fields():
    assert match("root:المدارس") == f"{R}درس"
    assert compile_tree(parse("source:Okaz"), Ranking()).value_filters == [("source", ("Okaz", "okaz"))]
    okaz = f"({tokens.meta_term('source', 'Okaz')} | {tokens.meta_term('source', 'okaz')})"
    assert match("source:Okaz OR قلم") == f"({okaz} | (قلم | {E}قلم^0.3))"


def test_a_wildcard_expands_stems_and_exact_forms_from_the_vocabulary():
    compiled = compile_tree(parse("وز*"), Ranking(), "and", vocab())
    assert compiled.match == f"(وزار | وزير | وزن | {E}وزاره | {E}وزير)"
    assert compiled.highlight["exact"] == {"وزاره", "وزير"} and not compiled.exact_scoring
    capped = Ranking(max_expansions=1)
    assert compile_tree(parse("وز*"), capped, "and", vocab(capped)).match == f"(وزار | {E}وزاره)"
    assert match("قلم*", expansions=vocab()) == NOTHING


def test_fuzzy_words_use_the_vocabulary():
    assert match("كتاب~", expansions=vocab()) == f"(كتاب | {E}كتابه)"


def test_expanding_words_share_one_budget_per_query():
    # Two prefixes are eight (field, kind) slots, counted as the Whoosh backend looks them up
    # (title and body, stems and exact forms): a budget of 8 terms leaves one term each.
    ranking = Ranking(max_query_expansions=8)
    assert match("وز* كتا*", expansions=vocab(ranking)) == f"((وزار | {E}وزاره) ({E}كتابه))"
    assert match("وز*", expansions=vocab(ranking)) == f"(وزار | وزير | {E}وزاره | {E}وزير)"


def test_expanding_stops_once_half_the_time_is_used():
    now = [0.0]
    deadline = Deadline(1.0, clock=lambda: now[0])
    expansions = Expansions(Vocab(), deadline, Ranking())
    now[0] = 0.6  # past search.wildcards.EXPANSION_SHARE of the second
    assert match("وز*", expansions=expansions) == NOTHING
    assert deadline.cut_short  # the result says it is partial


def test_plain_words_are_scored_by_fahras_and_other_leaves_by_the_engine():
    compiled = compile_tree(parse("title:وزارة الصحة -مستشفى"), Ranking())
    assert compiled.scored_words == [("title", "وزار", "وزاره", ()), (None, "صحه", "الصحه", ())]
    assert compiled.exact_scoring
    assert not compile_tree(parse('وزارة "الصحة العامة"'), Ranking()).exact_scoring
    assert compile_tree(parse('وزارة -"الصحة العامة"'), Ranking()).exact_scoring


def test_a_top_level_date_span_is_a_filter_and_a_nested_one_keywords():
    compiled = compile_tree(parse("كتاب date:2015-07"), Ranking())
    assert compiled.date_spans == [(datetime(2015, 7, 1), datetime(2015, 8, 1))]
    assert compiled.match == f"(كتاب | {E}كتاب^0.3)"
    nested = match("كتاب OR date:2015-07")
    assert tokens.meta_term("date", "2015-07") in nested


def test_date_spans_or_ed_are_merged_and_their_keywords_capped():
    """60 overlapping day spans OR-ed were 1,900 date keywords, on which searchd's agents timed
    out: they are one span now. Disjoint spans needing more than MAX_DATE_TERMS keywords in all
    are a 400, never a search cut short or a silent cut."""
    overlapping = " OR ".join(f"date:2015-07-{1 + i % 28:02d}..2015-08-{1 + i % 28:02d}" for i in range(60))
    assert match(overlapping).count(tokens.meta_term("date", "")[:-1]) == match("date:2015-07..2015-08-28 OR كتاب").count(
        tokens.meta_term("date", "")[:-1])
    disjoint = " OR ".join(f"date:{1950 + i}-03-02..{1950 + i}-03-28" for i in range(MAX_DATE_TERMS // 27 + 1))
    with pytest.raises(QueryError, match="too many dates"):
        match(disjoint)
    assert match(" OR ".join(f"date:{1950 + i}-03-02..{1950 + i}-03-28" for i in range(MAX_DATE_TERMS // 27)))


def test_an_expanding_word_is_spelt_once_however_many_subsets_hold_it(monkeypatch):
    """The partial tiers' k-subsets repeat each free word: a fuzzy or prefix word is expanded and
    spelt once per compile and scope, and the match is what spelling it each time gave."""
    from search.sphinx_backend import compiler
    from search.syntax import Group

    tree = parse("وزاره~ وزير* كتابه~ وزن*")
    tiers = Group("or", list(tree.items), minimum=2)  # six 2-subsets: each word in three
    spelt = []
    fuzzy, prefix = compiler.SphinxCompiler.fuzzy, compiler.SphinxCompiler.prefix
    monkeypatch.setattr(compiler.SphinxCompiler, "fuzzy", lambda self, w: spelt.append(w.text) or fuzzy(self, w))
    monkeypatch.setattr(compiler.SphinxCompiler, "prefix", lambda self, w: spelt.append(w.text) or prefix(self, w))
    once = compile_tree(Group("and", [tiers], implicit=True), Ranking(), "and", vocab()).match
    # twice each: the ranked compile (the k-subsets) and the unranked one (the factored form)
    assert sorted(spelt) == sorted(2 * [w.text for w in tree.items])
    spelt.clear()
    monkeypatch.setattr(compiler.SphinxCompiler, "_expanding", lambda self, w: self.prefix(w) if w.prefix else self.fuzzy(w))
    assert compile_tree(Group("and", [tiers], implicit=True), Ranking(), "and", vocab()).match == once
    assert len(spelt) > 12  # the six subsets alone hold each word three times


def test_only_stop_words_look_for_the_words_as_typed():
    assert match("في") == f"(@(title_exact,body_exact) {E}في)"


def test_nothing_typed_is_every_document():
    assert match("") is None
    assert match("***") is None


def test_highlight_terms_leave_out_exclusions():
    compiled = compile_tree(parse("وزارة -الصحة"), Ranking())
    assert compiled.highlight_terms() == {"text": {"وزار"}, "exact": {"وزاره"}, "roots": set(), "phrases": set()}



def test_a_word_written_in_two_is_also_that_phrase_scored_again_at_its_weight():
    """search/expansion.py gives فيسبوك the phrase «الفيس بوك» (the Whoosh compiler's semantics);
    re-scoring scores it at its weight (rescore.py), where a typed phrase keeps Sphinx's ranking."""
    tree = parse("فيسبوك")
    tree.items[0].phrases = (("الفيس بوك", 0.7),)
    compiled = compile_tree(tree, Ranking())
    assert compiled.match == f'((فيسبوك | {E}فيسبوك^0.3) | (@(title_exact,body_exact) "{E}الفيس {E}بوك"))'
    assert compiled.exact_scoring and compiled.scored_phrases == [(None, ("الفيس", "بوك"), 0.7)]
    assert compiled.highlight["phrases"] == {"الفيس بوك"}  # marked only side by side
    negated = parse("وزارة -فيسبوك")
    negated.items[1].node.phrases = (("الفيس بوك", 0.7),)
    assert compile_tree(negated, Ranking()).scored_phrases == []


def _matches(node, present: set[str]) -> bool:
    """Whether a document having the words ``present`` matches an and/or tree of words."""
    if isinstance(node, Word):
        return node.text in present
    results = [_matches(item, present) for item in node.items]
    return any(results) if node.op == "or" else all(results)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 2), min_size=2, max_size=7), st.integers(1, 9), st.sets(st.integers(0, 6)))
def test_at_least_is_the_k_subsets_spelt_shorter(counts, k, present):
    """An item given twice (a compound: its two words) counts twice, as in the k-subsets."""
    words = [Word(f"w{i}") for i in range(len(counts))]
    items = [w for w, n in zip(words, counts, strict=True) for _ in range(n)]
    k = min(k, len(items))
    had = {f"w{i}" for i in present}
    expected = any(all(w.text in had for w in {id(w): w for w in subset}.values())
                   for subset in itertools.combinations(items, k))
    tree = at_least(items, k)
    assert (tree is not None and _matches(tree, had)) == expected


def test_partial_tiers_rank_their_k_subsets_and_count_the_factored_form():
    """Sphinx's rank of a partial tier's candidates follows the spelling of its MATCH, so a
    statement that ranks keeps the k-subsets; counts, facets and stories take the shorter one."""
    items = [Word(w) for w in ("سعر", "النفط", "اليوم", "الخليج")]
    tree = Group("and", [Group("or", items, minimum=2)], implicit=True)
    compiled = compile_tree(tree, Ranking())
    assert compiled.match.count("نفط |") == 3 and compiled.matching.count("نفط |") < 3
    plain = compile_tree(parse("سعر النفط"), Ranking())
    assert plain.matching is None


def test_at_least_more_than_the_items_give_is_no_document():
    assert at_least([Word("a"), Word("b")], 3) is None
    tree = Group("and", [Group("or", [Word("سعر"), Word("النفط")], minimum=3)], implicit=True)
    assert compile_tree(tree, Ranking()).matching == NOTHING


def test_a_partial_tier_too_long_to_spell_exactly_is_bounded(monkeypatch):
    """Each k-subset (or branch of the split) spells its expanding words again and searchd
    evaluates every copy: 8 prefixes beside two words made an 85 KB statement that outran every
    agent's time-out. Past MAX_QUORUM_CHARS a tier is any of its items and the one-keyword
    words' share of k: each spelt once, more documents than the exact count, never fewer."""
    from search.sphinx_backend import compiler

    words = parse("وز* وزير* كتابه~ وزن* سعر النفط").items
    tree = Group("and", [Group("or", list(words), minimum=4)], implicit=True)
    exact = compile_tree(tree, Ranking(), "and", vocab())
    monkeypatch.setattr(compiler, "MAX_QUORUM_CHARS", 120)
    bounded = compile_tree(tree, Ranking(), "and", vocab())
    assert len(exact.match) > 120 and len(exact.matching) > 120
    for spelt in (bounded.match, bounded.matching):
        assert len(spelt) < len(exact.match) and spelt.count(f"{E}وزاره") == 1  # وز* once
        assert "نفط" in spelt and "كتاب" in spelt


def test_facet_values_anded_at_the_top_are_attribute_filters():
    """A typed author names every stored author it is in (كاتب:محمد: 567 values on the 31k
    archive); as meta keywords in a ranked MATCH they took searchd 0.8-1.9 s. AND-ed at the top,
    a value or an OR of one field's values is ``field IN (...)``; beside a word in an OR it stays
    a keyword."""
    authors = Group("or", [Word("محمد علي", field="author"), Word("Mohammed Ali", field="author")])
    compiled = compile_tree(Group("and", [authors, Word("النفط")], implicit=True), Ranking())
    assert compiled.value_filters == [("author", ("Mohammed Ali", "mohammed ali", "محمد علي"))]
    assert compiled.match == f"(نفط | {E}النفط^0.3)" and not compiled.exact_scoring
    either = Group("or", [authors, Group("or", [Word("عكاظ", field="author")])])
    alone = compile_tree(Group("and", [either], implicit=True), Ranking())
    assert alone.match is None and alone.value_filters[0][1] == ("Mohammed Ali", "mohammed ali", "عكاظ", "محمد علي")
    mixed = compile_tree(Group("and", [Group("or", [authors, Word("النفط")])], implicit=True), Ranking())
    assert not mixed.value_filters and tokens.meta_term("author", "محمد علي") in mixed.match
    assert not compile_tree(parse("وسم:السعودية"), Ranking()).value_filters  # tags are no attribute


def test_a_value_filter_is_a_string_literal_pymysql_formats_back():
    from search.sphinx_backend.searcher import _string_literal

    assert _string_literal("O'Brien 100%") == "'O\\'Brien 100%%'"
    assert _string_literal("O'Brien 100%") % () == "'O\\'Brien 100%'"
