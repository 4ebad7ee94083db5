"""Did-you-mean from the exact lexicon, auto-correction, autocomplete from titles and bodies, every
word shown in the archive's own spelling."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.articles import engine_at, index_records

from search import SearchRequest

TITLES = ["وزارة الصحة تعلن"] * 6 + ["وزارة التعليم"] * 3 + ["الصحة العامة"] * 2 + ["وزير الخارجية"]


def _archive(tmp_path_factory, name: str, articles: list[tuple[str, str]]):
    """An engine on a small index of (title, body) articles, closed when the fixture ends."""
    path = index_records(tmp_path_factory.mktemp(name), [
        {"id": f"{name}-{i}", "title": title, "body": body, "date": datetime(2015, 7, 21), "tags": []}
        for i, (title, body) in enumerate(articles)
    ])
    e = engine_at(path)
    yield e
    e.close()


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from _archive(tmp_path_factory, "ix", [(title, f"{title} في المملكة") for title in TITLES])


def test_misspelt_word_gets_a_suggestion(engine):
    r = engine.search(SearchRequest(q="وزارة الصحخ", autocorrect=False))
    assert r.suggestion == "وزارة الصحة"  # shown in the titles' spelling, with ة


def test_known_words_get_none(engine):
    assert engine.search(SearchRequest(q="وزارة الصحة")).suggestion is None
    assert engine.search(SearchRequest(q="وزاره الصحه")).suggestion is None  # folding is not a typo


def test_hopeless_word_gets_none(engine):
    assert engine.search(SearchRequest(q="قثقثقث")).suggestion is None


def test_autocomplete_from_titles_most_frequent_first(engine):
    assert engine.suggest("وز")[:2] == ["وزارة", "وزير"]
    assert engine.suggest("وزارة الص") == ["وزارة الصحة"]
    assert engine.suggest("وز", limit=1) == ["وزارة"]


@pytest.mark.parametrize("prefix", ["", " ", "ا", "<script>", "\x00", "zzzz", "وزارة "])
def test_autocomplete_degrades_quietly(engine, prefix):
    """Nothing to complete (empty, one letter, no word, no such word, a finished word): no
    completions and no error."""
    assert engine.suggest(prefix) == []


def test_autocomplete_completes_the_word_inside_markup(engine):
    assert engine.suggest("<b>وز") == ["وزارة", "وزير"]


# Words that never make a headline: only bodies have them.
BODIES = ["أداء الزكاة في رمضان"] * 6 + ["قصة موسى عليه السلام"] * 6 + ["مكافحة التصحر"] * 2


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    yield from _archive(tmp_path_factory, "bodies", [(f"خبر رقم {i}", body) for i, body in enumerate(BODIES)])


@pytest.mark.parametrize("typed, shown", [("الزكوة", "الزكاة"), ("موسا", "موسى")])
def test_a_query_that_finds_nothing_shows_the_corrections_results_in_the_usual_spelling(bodies, typed, shown):
    r = bodies.search(SearchRequest(q=typed))
    assert (r.corrected_query, r.original_query, r.query) == (shown, typed, shown)
    assert r.total == 6 and r.suggestion is None
    assert f"<mark>{shown}</mark>" in r.hits[0].snippet_html
    d = r.to_dict()
    assert (d["corrected_query"], d["original_query"]) == (shown, typed)


# A word typed with a Persian letter beside its Arabic spellings and one-edit neighbours that are
# commoner: فاز (won) and روتين (routine) are one edit from گاز and پوتين, خلف (behind) from گلف.
PERSIAN = ["أسعار الغاز غاز"] * 6 + ["بوتين في موسكو"] * 6 + ["بطولة جولف"] * 6 + \
    ["فاز الفريق"] * 12 + ["روتين يومي"] * 12 + ["خلف المنزل"] * 12 + \
    ["ضابط الشرطة"] * 6 + ["رابط الموقع"] * 12


@pytest.fixture(scope="module")
def persian(tmp_path_factory):
    yield from _archive(tmp_path_factory, "persian", [(f"خبر رقم {i}", body) for i, body in enumerate(PERSIAN)])


@pytest.mark.parametrize("typed, shown", [("گاز", "غاز"), ("پوتين", "بوتين"), ("گلف", "جولف")])
def test_a_word_typed_with_a_persian_letter_is_corrected_to_its_arabic_spelling(persian, typed, shown):
    """The letter was chosen for a sound, so the correction keeps the sound (گ is ج غ ق ك, پ is ب),
    then a long vowel (گلف: جولف), and is never the commoner word one edit away that changes it."""
    r = persian.search(SearchRequest(q=typed))
    assert (r.corrected_query, r.total) == (shown, 6)


def test_without_autocorrect_the_query_is_searched_as_typed(bodies):
    r = bodies.search(SearchRequest(q="الزكوة", autocorrect=False))
    assert r.total == 0 and r.corrected_query is None and r.suggestion == "الزكاة"


def test_a_query_with_only_partial_matches_is_offered_its_correction_not_answered_by_it(engine):
    """Beside partial matches a rare word is as often a real one as a typo (الهلال عبدالحق is no
    الهلال عبدالله): the results stay as typed and the correction is suggested above them."""
    r = engine.search(SearchRequest(q="وزارة الصحخ"))
    assert r.total_all == 0 and r.total_partial == 9  # every article with وزارة, partly
    assert (r.corrected_query, r.suggestion) == (None, "وزارة الصحة")


def test_a_query_with_full_matches_is_not_corrected(engine):
    r = engine.search(SearchRequest(q="وزارة الصحة"))
    assert r.corrected_query is None and r.suggestion is None and r.total_all == 6


# A misspelling the archive repeats (in more articles than RARE) next to a common word.
REPEATED = (["المنتخب السعودي يفوز"] * 8 + ["السعودي في المباراة"] * 4 + ["الرياض السعوي"] * 3
            + ["الكرة الطائرة"] * 2)


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    yield from _archive(tmp_path_factory, "repeated", [(title, title) for title in REPEATED])


def test_a_repeated_misspelling_is_corrected_only_when_the_other_words_vouch_for_it(repeated, monkeypatch):
    """السعوي is in 3 articles: no suggestion on its own. Beside المنتخب no article has both, and
    «المنتخب السعودي» has full matches: suggested (the partial matches stay). Beside الكرة the
    correction has none: nothing suggested."""
    from search import suggest

    monkeypatch.setattr(suggest, "BETTER_UNMATCHED", 4)  # 12 articles against 3: a small archive
    assert repeated.search(SearchRequest(q="السعوي", autocorrect=False)).suggestion is None
    r = repeated.search(SearchRequest(q="المنتخب السعوي"))
    assert (r.corrected_query, r.suggestion, r.total_all) == (None, "المنتخب السعودي", 0)
    left = repeated.search(SearchRequest(q="الكرة السعوي"))
    assert left.corrected_query is None and left.suggestion is None and left.total_partial == 5
    monkeypatch.setattr(suggest, "BETTER_UNMATCHED", 5)  # 12 < 5 × 3: not common enough
    assert repeated.search(SearchRequest(q="المنتخب السعوي")).suggestion is None


def test_a_repeated_word_is_suggested_only_one_edit_away(tmp_path_factory, monkeypatch):
    """A word in 3-10 articles is as often real as a repeated slip: beside a word it never meets,
    its suggestion must be one edit away (two turned المجوف, hollow, into المجلس)."""
    from search import suggest

    monkeypatch.setattr(suggest, "BETTER_UNMATCHED", 4)  # 13 articles against 3: a small archive
    titles = ["المجلس البلدي في الرياض"] * 13 + ["الجدار المجوف"] * 3
    engine = next(_archive(tmp_path_factory, "edits", [(t, t) for t in titles]))
    try:
        r = engine.search(SearchRequest(q="الرياض المجوف"))
        assert (r.total_all, r.total_partial, r.suggestion, r.corrected_query) == (0, 16, None, None)
    finally:
        engine.close()


def test_autocomplete_reaches_the_body_vocabulary_in_its_usual_spelling(bodies):
    assert bodies.suggest("الزك") == ["الزكاة"]
    assert bodies.suggest("مو") == ["موسى"]


def test_autocomplete_keeps_the_query_syntax_before_the_word(engine):
    assert engine.suggest("-وز") == ["-وزارة", "-وزير"]
    assert engine.suggest("title:وز") == ["title:وزارة", "title:وزير"]
    assert engine.suggest('الصحة "وزا') == ['الصحة "وزارة']


# The archive's own slips beside the words they miss: a cut-off word, a dropped letter; and the
# article split off a word (ال alone, as often as the word: not a slip of it).
SLIPS = ["الحوثيين في صنعاء"] * 12 + ["الحوثين والحوث إلا قليلا"] + ["ال حوثي وال حوثيين"] * 11


@pytest.fixture(scope="module")
def slips(tmp_path_factory):
    yield from _archive(tmp_path_factory, "slips", [(f"خبر {i}", body) for i, body in enumerate(SLIPS)])


def test_autocomplete_leaves_out_slips_of_a_far_commoner_word_and_stop_words(slips):
    assert slips.suggest("الحو") == ["الحوثيين"]  # not الحوثين (one letter short), not الحوث (cut off)
    assert slips.suggest("إل") == ["الحوثيين"]  # إلا is a stop word (إل folds to ال); ال alone no word
    assert slips.suggest("صن") == ["صنعاء"]
    assert slips.suggest("ال") == ["الحوثيين"] and "وال" not in slips.suggest("وال")


# Two words written without the space between them, beside the same words apart in 50 articles.
JOINS = ["الوزير السوري في المدينة"] * 50 + ["الوزيرالسوري زار المدينةالمنورة", "الوزيرات في المدينتين"]


@pytest.fixture(scope="module")
def joins(tmp_path_factory):
    yield from _archive(tmp_path_factory, "joins", [(f"خبر {i}", body) for i, body in enumerate(JOINS)])


def test_autocomplete_leaves_out_two_words_written_as_one(joins):
    """A common word and a common ال-word joined, a ة inside a word: both are two words; a rare
    word that is a common word and an ending (الوزيرات, المدينتين) is still one."""
    assert joins.suggest("الوزي") == ["الوزير", "الوزيرات"]
    assert joins.suggest("المدين") == ["المدينة", "المدينتين"]
    # typed whole, it is still searched: the compound rules read it as the pair (docs/relevance.md)
    assert joins.search(SearchRequest(q="الوزيرالسوري")).total == 51


@pytest.mark.parametrize("typed, fixed", [
    ("foo:الصحة", "الصحة"), ("وزارة x:الصحة", "وزارة الصحة"), ("title:الصحة", None), ("عنوان:الصحة foo:وزارة", "عنوان:الصحة وزارة"),
    ("http://example.com", None), ("الساعة 10:30", None), ("كلمة:", None), ("foo:", None),
])
def test_a_field_name_the_language_lacks_is_taken_off_its_word(typed, fixed):
    from search.suggest import without_unknown_fields

    assert without_unknown_fields(typed) == fixed


def test_a_query_lost_to_an_unknown_field_name_shows_the_words_results(engine):
    r = engine.search(SearchRequest(q="foo:الصحة"))
    assert (r.corrected_query, r.original_query, r.total) == ("الصحة", "foo:الصحة", 8)
    typed = engine.search(SearchRequest(q="foo:الصحة", autocorrect=False))
    assert typed.total == 0 and typed.suggestion == "الصحة"
    assert engine.search(SearchRequest(q="foo:قثقثقث", autocorrect=False)).suggestion is None  # finds nothing either


def test_an_unknown_field_name_comes_off_before_any_correction(engine):
    """The rest of the query is corrected, never the name: ``foo:النفط`` was once offered as
    ``for:النفط`` (a field name read as a misspelt word of the archive)."""
    r = engine.search(SearchRequest(q="foo:وزارة الصحخ", autocorrect=False))
    assert r.total == 0 and r.suggestion == "وزارة الصحة"
    assert engine.search(SearchRequest(q="المملكا:قثقثقث", autocorrect=False)).suggestion is None


def test_two_letters_swapped_are_one_slip(engine):
    """The commonest typing slip: Whoosh's automaton counts a swap as two edits, which left a
    five-letter word (one edit allowed) without its correction."""
    r = engine.search(SearchRequest(q="وزراة الصحة", autocorrect=False))
    assert r.suggestion == "وزارة الصحة"
    assert engine.search(SearchRequest(q="وزراة~")).total == 9  # a fuzzy word reaches it too


# «وزارة الصحة» in 4 articles; الصحية in 9, never after وزارة; ولي العهد in 3, العام and العمل in 6 each.
CONTEXT = (["أعلنت وزارة الصحة اليوم"] * 4 + ["الرعاية الصحية في المملكة"] * 9
           + ["استقبل ولي العهد الوفد"] * 3 + ["العام الدراسي و العمل التطوعي"] * 6)


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    yield from _archive(tmp_path_factory, "context", [(f"خبر {i}", body) for i, body in enumerate(CONTEXT)])


def test_autocomplete_puts_first_what_the_archive_writes_after_the_word_before(context):
    """Alone, the commoner completion comes first; after a word, what the articles write after
    that word does (twice at least), in the usual spelling, the others after it by count."""
    assert context.suggest("الص")[:2] == ["الصحية", "الصحة"]
    assert context.suggest("وزارة الص")[:2] == ["وزارة الصحة", "وزارة الصحية"]
    assert context.suggest("ولي الع")[0] == "ولي العهد"
    assert context.suggest("استقبل ولي الع")[0] == "استقبل ولي العهد"
    assert context.suggest("-وزارة الص")[:2] == ["-وزارة الصحية", "-وزارة الصحة"]  # after an exclusion: by count
    assert context.suggest("title:وزارة الص")[:2] == ["title:وزارة الصحة", "title:وزارة الصحية"]  # a field name
    assert context.suggest("عنوان:ولي الع")[0] == "عنوان:ولي العهد"
    assert context.suggest("في الص")[:2] == ["في الصحية", "في الصحة"]  # after a stop word: by count
    assert context.suggest("وزارة\tالص")[:2] == ["وزارة الصحة", "وزارة الصحية"]  # a pasted tab is a space


def test_autocomplete_completes_a_hashtags_last_word_after_its_underscore(context):
    """#وزارة_الص: the analysis parts a hashtag's words, so the word being typed is the one after
    the last underscore, ranked by what follows the word before it; the hashtag typed is kept."""
    assert context.suggest("#وزارة_الص")[:2] == ["#وزارة_الصحة", "#وزارة_الصحية"]
    assert context.suggest("ولي_الع")[0] == "ولي_العهد"
    assert context.suggest("خبر #ولي_الع")[0] == "خبر #ولي_العهد"


def test_autocomplete_ranks_by_documents_read_off_the_term_list(context):
    """The completions' counts come with the term list (one pass): the same counts as a look-up."""
    from search.deadline import Deadline

    with context.backend.searcher(Deadline(None)) as s:
        listed = dict(s.prefix_frequencies("body_exact", "ال", 100))
        assert listed and all(n == s.doc_frequency("body_exact", t) for t, n in listed.items())
        assert list(listed) == sorted(listed)
        assert len(s.prefix_frequencies("body_exact", "ال", 2)) == 2
        assert s.prefix_frequencies("no_such_field", "ال", 10) == []


def test_the_completion_table_keeps_each_big_prefixs_commonest_terms():
    from indexer.completions import frequent_prefixes

    documents = {"الا": 1, "الب": 1, "الت": 1, "اليوم": 9, "الماضي": 5, "المملكه": 8, "وزاره": 7}
    table = frequent_prefixes(documents, scan=3, keep=2)
    assert table == {"ال": [("اليوم", 9), ("المملكه", 8)]}  # الم begins 2 terms, وز 1: read whole
    assert frequent_prefixes(documents, scan=100) == {}


def test_a_common_completion_past_the_terms_read_comes_from_the_table(tmp_path, monkeypatch):
    """Autocomplete reads a prefix's first terms in lexical order: a commoner one after them was
    never offered. The import lists the commonest terms of each prefix that begins more terms
    than are read, and autocomplete ranks those (here 3 terms are read: الأ… first)."""
    from support.articles import import_jsonl, write_jsonl

    import search.suggest
    from indexer import completions
    from indexer import context_spellings as table

    monkeypatch.setattr(completions, "COMPLETION_SCAN", 3)
    monkeypatch.setattr(search.suggest, "COMPLETION_SCAN", 3)
    bodies = ["الأرض الأمل البحر التمر اليوم"] + ["اليوم أعلنت المملكة"] * 5
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", [
        {"id": f"c{i}", "title": f"خبر {i}", "body": body, "source": "s"} for i, body in enumerate(bodies)]))
    assert [t for t, _n in table.read_completions(tmp_path / "index")["ال"][:2]] == ["اليوم", "المملكه"]
    engine = engine_at(tmp_path / "index")
    try:
        assert engine.suggest("ال")[:2] == ["اليوم", "المملكة"]
    finally:
        engine.close()
    (tmp_path / "index" / table.SPELLINGS_FILE).unlink()  # an index mined before the table: read as before
    engine = engine_at(tmp_path / "index")
    try:
        assert "اليوم" not in engine.suggest("ال")
    finally:
        engine.close()


# A slip the archive has as a word of its own (الشورة in 3 articles), never beside مجلس, which the
# archive writes beside الشورى 12 times; مجلس الامة is written, rarer than مجلس الامن but meant.
NEIGHBOURS = (["مجلس الشورى يقر النظام"] * 12 + ["وزير الخارجية يزور الرياض"] * 6
           + ["قالت الشورة في بيانها"] * 3 + ["مجلس الامن يجتمع"] * 12 + ["مجلس الامة الكويتي"] * 3
           + ["مجلس المدينة والشورة"] + ["مباريات الفريق الودية"] * 12 + ["مبارياته الودية"] * 1
           + ["وصل إلى مطار عدن"] * 6 + ["عدد الزوار يرتفع"] * 12 + ["هيئة السياحة تطلق برنامجا"] * 6
           + ["فرصهم كبيرة"] * 5 + ["فرصة عمل للشباب"] * 6 + ["السفر خلال 3 سنوات"] * 5
           + ["قال عبدالله"] * 12 + ["قال عبد الله"] * 3 + ["الأمين العام بان كي مون"] * 7 + ["الممثل كيتون"] * 5)


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory):
    yield from _archive(tmp_path_factory, "neighbours", [(title, title) for title in NEIGHBOURS])


@pytest.fixture
def small_archive_ratios(monkeypatch):
    from search import suggest

    monkeypatch.setattr(suggest, "CONTEXT_BETTER", 4)  # 12 and 13 articles against 3: a small archive


def test_a_word_the_archive_never_writes_beside_its_neighbour_is_a_slip_of_one_it_does(neighbours, small_archive_ratios):
    """الشورة is a word of the archive (3 articles, more than a misspelling's 2), so it is no typo
    alone; beside مجلس, which is written beside الشورى 12 times and beside it never, it is.
    Suggested, not applied: the query has a full match (مجلس and الشورة apart)."""
    r = neighbours.search(SearchRequest(q="مجلس الشورة"))
    assert (r.suggestion, r.corrected_query, r.total_all) == ("مجلس الشورى", None, 1)
    assert neighbours.search(SearchRequest(q="مجلص الشورى")).suggestion == "مجلس الشورى"  # the first word
    assert neighbours.search(SearchRequest(q="الشورة", autocorrect=False)).suggestion is None


def test_of_two_corrections_the_one_written_beside_the_neighbour_wins(neighbours):
    """عدك is in no article; عدد (12 articles) and عدن (6) are one edit away. Alone, the commoner;
    beside مطار, which the archive writes beside عدن, عدن."""
    assert neighbours.search(SearchRequest(q="عدك", autocorrect=False)).suggestion == "عدد"
    assert neighbours.search(SearchRequest(q="مطار عدك", autocorrect=False)).suggestion == "مطار عدن"
    assert neighbours.search(SearchRequest(q="عدك مطار", autocorrect=False)).suggestion == "عدد مطار"  # عدن never before مطار


@pytest.mark.parametrize("typed", ["مجلس الامة", "مجلس والشورة", "مجلس في الشورة", "title:مجلس الشورة",
                                   "مجلس OR الشورة", "مبارياته الودية"])
def test_a_pair_the_archive_writes_or_that_vouches_for_nothing_is_left_alone(neighbours, small_archive_ratios, typed):
    """Written beside each other (مجلس الامة: meant, though مجلس الامن is commoner); not side by
    side as typed (a stop word between, a field name, OR); another form of the same stem (مبارياته
    is found by a search for مباريات already)."""
    assert neighbours.search(SearchRequest(q=typed, autocorrect=False)).suggestion is None


@pytest.mark.parametrize("typed, shown", [('"وزير الخارجبة"', '"وزير الخارجية"'),
                                          ('"مجلس الشورة"', '"مجلس الشورى"')])
def test_a_slip_inside_quotes_is_corrected(neighbours, small_archive_ratios, typed, shown):
    """A phrase with a slip finds nothing at all: its correction's results are shown, saying so
    (a word in no article, and a word of the archive never written beside its neighbour)."""
    r = neighbours.search(SearchRequest(q=typed))
    assert (r.corrected_query, r.original_query, r.total) == (shown, typed, 12 if "الشور" in shown else 6)


@pytest.mark.parametrize("typed, shown", [("هيئةالسياحة", "هيئة السياحة"),
                                          ("فرصةعمل", "فرصة عمل"), ('"هيئةالسياحة"', '"هيئة السياحة"')])
def test_two_words_typed_without_their_space_are_parted(neighbours, typed, shown):
    """No word has the glued form, the archive writes its two halves side by side: the query is
    answered by them, or, when the search finds the pair already (a typed word the archive writes
    in two, as فيسبوك / فيس بوك: search/compounds.py), offered them (فرصةعمل: a space left out
    beats فرصهم, two slips away)."""
    r = neighbours.search(SearchRequest(q=typed))
    assert shown in (r.corrected_query, r.suggestion) and r.total > 0


def test_a_correction_past_the_word_limit_is_neither_offered_nor_searched(neighbours):
    """64 words typed, one of them two glued: parted, they are 65, a query the engine refuses
    (400); the query typed is answered as it is, with no suggestion to follow into that 400."""
    typed = " ".join(["xyzq"] * 63) + " هيئةالسياحة"
    for autocorrect in (True, False):
        r = neighbours.search(SearchRequest(q=typed, autocorrect=autocorrect))
        assert r.suggestion is None and r.corrected_query is None
    short = neighbours.search(SearchRequest(q="هيئةالسياحة"))
    assert "هيئة السياحة" in (short.corrected_query, short.suggestion)


def test_a_number_glued_to_a_word_is_searched_as_the_two(neighbours):
    """The analysis parts them (analyzers/normalize.py, rule 2): nothing to correct."""
    glued, apart = (neighbours.search(SearchRequest(q=q)) for q in ("3سنوات", "3 سنوات"))
    assert glued.total == apart.total > 0 and glued.corrected_query is None and glued.suggestion is None


def test_a_space_left_out_beats_a_rarer_word_one_slip_away(neighbours):
    """كيمون is one slip from كيتون (5 articles) and «كي مون» with its space left out (7 articles
    side by side; كي, a stop word, is a word here like any): the more documents win."""
    r = neighbours.search(SearchRequest(q="بان كيمون"))
    assert (r.suggestion, r.corrected_query, r.total, r.total_all) == ("بان كي مون", None, 7, 0)
    assert neighbours.search(SearchRequest(q="كيتوم", autocorrect=False)).suggestion == "كيتون"


def test_a_glued_form_whose_halves_are_never_side_by_side_is_left_alone(neighbours):
    assert neighbours.search(SearchRequest(q="السياحةهيئة", autocorrect=False)).suggestion is None


@pytest.mark.parametrize("typed, shown", [("مباريا ت الفريق", "مباريات الفريق"), ("الودي ة", "الودية"),
                                          ('"مباري ات الفريق"', '"مباريات الفريق"')])
def test_a_word_cut_by_a_stray_space_is_joined(neighbours, typed, shown):
    """The pieces are written side by side in no article, the word they make in 12: joined (a
    lone letter may be a piece), inside quotes too; answered by it when nothing is found."""
    r = neighbours.search(SearchRequest(q=typed))
    assert shown in (r.corrected_query, r.suggestion) and r.total > 0


@pytest.mark.parametrize("typed", ["عبد الله", "و الفريق", "14 35"])
def test_words_written_apart_too_are_not_joined(neighbours, typed):
    """«عبد الله» is written apart in 3 articles: both spellings are the archive's; a conjunction
    alone before a word is read with it anyway; numbers stay apart."""
    assert neighbours.search(SearchRequest(q=typed, autocorrect=False)).suggestion is None


# تشيلسي (Chelsea) in 8 articles, شيلي (Chile) in 5, مرجل (a boiler) in 1 and رجل (a man) in 20.
HEADS = (["فاز تشيلسي على منافسه"] * 8 + ["منتخب شيلي يتأهل"] * 5 + ["انفجار مرجل في مصنع"]
         + ["رجل يعثر على كنز"] * 20)


@pytest.fixture(scope="module")
def heads(tmp_path_factory):
    yield from _archive(tmp_path_factory, "heads", [(f"خبر رقم {i}", body) for i, body in enumerate(HEADS)])


def test_a_word_the_archive_never_writes_is_corrected_at_its_first_letters_too(heads):
    """شيلسي (ch written ش, not تش) is one slip from تشيلسي, in its first letter, which the
    edit-distance scan keeps: it was answered by شيلي, one slip further on."""
    r = heads.search(SearchRequest(q="شيلسي"))
    assert (r.corrected_query, r.total) == ("تشيلسي", 8)
    assert heads.search(SearchRequest(q="جرل", autocorrect=False)).suggestion == "رجل"  # a letter swapped


def test_a_rare_word_the_archive_writes_is_not_taken_for_a_slip_at_its_first_letter(heads):
    """مرجل is in one article: a real word as often as a slip, and most often a real one when a
    letter before a common word is all that tells them apart (measured: docs/query-language.md)."""
    r = heads.search(SearchRequest(q="مرجل"))
    assert (r.total, r.suggestion, r.corrected_query) == (1, None, None)


# «مجلس الشورى» 12 times; الشيرى (its و typed ي, a slip the archive repeats) in 3 articles, never
# beside مجلس.
# الشدرى, another slip there, in 1 article: a rare word is a typo only as the neighbour vouches.
HEAD_SLIPS = (["مجلس الشورى يقر النظام"] * 12 + ["بيان الشيرى الأخير"] * 3 + ["مجلس المدينة يجتمع"] * 3
              + ["كلمة الشدرى"])


@pytest.fixture(scope="module")
def head_slips(tmp_path_factory):
    yield from _archive(tmp_path_factory, "headslips", [(title, title) for title in HEAD_SLIPS])


def test_a_slip_in_the_first_letters_beside_a_neighbour_is_corrected(head_slips, small_archive_ratios):
    """الشيرى's slip is in the letters the edit-distance scan keeps (ال and two more); beside
    مجلس, which the archive writes beside الشورى and never beside الشيرى, it is suggested."""
    r = head_slips.search(SearchRequest(q="مجلس الشيرى"))
    assert (r.suggestion, r.corrected_query) == ("مجلس الشورى", None)
    assert head_slips.search(SearchRequest(q="الشيرى", autocorrect=False)).suggestion is None
    assert head_slips.search(SearchRequest(q="مجلس الشدرى")).suggestion == "مجلس الشورى"
    assert head_slips.search(SearchRequest(q="الشدرى", autocorrect=False)).suggestion is None


def test_a_letter_spoken_alike_is_the_likeliest_slip(persian):
    """ظابط is ضابط (ض and ظ are spoken alike), not رابط, one edit away too and twice as common."""
    r = persian.search(SearchRequest(q="ظابط"))
    assert (r.corrected_query, r.total) == ("ضابط", 6)


def test_of_two_corrections_as_common_the_choice_does_not_depend_on_their_order():
    """The candidates come partly from a set (a word's first-letter slips), whose order changes
    with the hash seed: two gunicorn workers must still offer the same correction."""
    from search.suggest import _likeliest

    assert _likeliest({"التنافسي": 25, "تنافسي": 25}, None) == _likeliest({"تنافسي": 25, "التنافسي": 25}, None)
    assert _likeliest({"a": 3, "b": 9}, None) == "b"


@pytest.fixture(scope="module")
def emphatic(tmp_path_factory):
    yield from _archive(tmp_path_factory, "emphatic", [(f"خبر رقم {i}", body) for i, body in enumerate(
        ["مبروك للفائز بالجائزة"] * 6 + ["كتب المشجع: مبرووووك يا بطل"] + ["منظر جميل في الحديقة"] * 5)])


@pytest.mark.parametrize("typed, total", [("مبرووووك", 7), ("مبروك", 7), ("جمييييل", 5)])
def test_a_letter_typed_over_and_over_finds_the_word(emphatic, typed, total):
    """A letter repeated for emphasis, in the query or in an article (a quoted tweet), is the word:
    the run is cut to two by the analysis (DESIGN.md rule 3), and the doubled long vowel left is a
    spelling or a slip of the word."""
    r = emphatic.search(SearchRequest(q=typed))
    assert r.total == total


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    yield from _archive(tmp_path_factory, "layouts", [(f"خبر رقم {i}", body) for i, body in enumerate(
        ["أمطار في الرياض اليوم"] * 2 + ["اجتماع بالرياض اليوم"] * 4 + ["وزارة الصحة تعلن"] * 5
        + ["إطلاق google في جدة"] * 5)])


@pytest.mark.parametrize("typed, meant, total", [("hgvdhq", "الرياض", 6), (",.hvm hgwpm", "وزارة الصحة", 5)])
def test_a_query_typed_in_the_latin_keyboard_layout_is_read_in_the_arabic_one(layouts, typed, meant, total):
    """The keyboard left in English: hgvdhq is الرياض typed on the same keys (written so in 2
    articles here, its stem in 6: a small archive's word, as the bundled sample's)."""
    r = layouts.search(SearchRequest(q=typed))
    assert (r.corrected_query, r.original_query, r.total) == (meant, typed, total)


@pytest.mark.parametrize("typed", ["google", "td", "qwzx"])
def test_a_latin_word_the_archive_writes_or_no_arabic_word_is_left_alone(layouts, typed):
    """google is searched as typed; td reads في, a stop word; qwzx reads ضصئء, no word."""
    r = layouts.search(SearchRequest(q=typed))
    assert r.corrected_query is None and (r.suggestion is None or not r.suggestion.startswith(("ف", "ض")))


def test_autocomplete_reads_a_prefix_typed_in_the_latin_layout(layouts):
    """hgvd is الري typed with the keyboard in English; goo begins a word the archive writes."""
    assert layouts.suggest("hgvd") == ["الرياض"]
    assert layouts.suggest("goo") == ["google"]


@pytest.mark.parametrize("prefix, expected", [
    ("source:ok", ["source:okaz"]),
    ("مصدر:al", ["مصدر:alriyadh", "مصدر:alwatan", "مصدر:aleqtisadiya"]),  # 3, 2, 1 articles
    ("الذهب -source:sa", ["الذهب -source:sabq"]),
    ("section:he", ["section:health"]),
    ("source:zz", []),
    ('source:"al', ['source:"alriyadh"', 'source:"alwatan"', 'source:"aleqtisadiya"']),
])
def test_a_field_value_begun_completes_to_the_archives_values(prefix, expected):
    """After a facet field's name the completions are that field's stored values (most articles
    first), never words of the text: «source:ok» offered «source:okaz9», a body word."""
    from search.keywords import keyword_value
    from search.suggest import complete_value, keyword_field

    documents = {"okaz": 2, "alriyadh": 3, "alwatan": 2, "aleqtisadiya": 1, "sabq": 1, "health": 2}
    values = [keyword_value(v) for v in documents]
    assert keyword_field(prefix) in ("source", "section")
    assert complete_value(prefix, values, documents.get, 8) == expected


def test_a_field_value_is_completed_through_the_engine(tmp_path):
    from support.articles import write_index

    from search.suggest import keyword_field

    engine = engine_at(write_index(tmp_path / "index"))
    try:
        assert engine.suggest("source:ok") == ["source:okaz"]
        assert engine.suggest("مصدر:al") == ["مصدر:alriyadh", "مصدر:alwatan", "مصدر:aleqtisadiya"]
        assert engine.suggest("الذهب -source:sa") == ["الذهب -source:sabq"]
        assert engine.suggest("source:zz") == []
        assert all(not c.startswith("source:") for c in engine.suggest("الذه"))
    finally:
        engine.close()
    assert keyword_field("title:الن") is None and keyword_field("النفط") is None
    # a value typed in full, then another word: that word is completed as words are
    assert keyword_field("source:okaz النف") is None and keyword_field('source:"okaz" الن') is None


# A name with a letter typed in the wrong place, beside a commoner word two other edits away.
MOVED = ["الرئيس التركي أردوغان يزور أنقرة"] * 6 + ["أوردها التقرير في صفحته"] * 12


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    yield from _archive(tmp_path_factory, "moved", [(f"خبر رقم {i}", body) for i, body in enumerate(MOVED)])


def test_a_letter_typed_in_the_wrong_place_is_corrected_to_the_word_with_the_same_letters(moved):
    """اوردغان is اردوغان with و moved two places: two edits, like the commoner اوردها (he cited
    it), and outside the first letters the distance scan keeps. The same letters in another order
    are the likelier slip."""
    r = moved.search(SearchRequest(q="أوردغان"))
    assert (r.corrected_query, r.total) == ("أردوغان", 6)
