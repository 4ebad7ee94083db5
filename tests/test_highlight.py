"""Highlights: whole original words marked (clitics, harakat, hamza forms), everything else escaped,
the best fragment of a long text chosen."""

from __future__ import annotations

import re

import pytest

from search.highlight import highlight_full, match_spans, matched_terms, snippet


def terms_for(word: str) -> dict[str, set[str]]:
    from analyzers.pipeline import analyze

    return {"text": {t for t, _, _ in analyze(word, "text")}, "exact": set()}


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_prefixed_form_is_marked_whole():
    text = "قرأت وبالكتاب فصلا"
    spans = match_spans(text, terms_for("كتاب"))
    assert [(text[s:e]) for s, e, _ in spans] == ["وبالكتاب"]
    assert marked(highlight_full(text, terms_for("كتاب"))) == ["وبالكتاب"]


def test_a_stop_word_with_a_content_words_stem_is_not_marked():
    """ولاية (state) stems to ولا, the letters of the stop word ولا (and not), which neither field
    holds: only ولاية is a match. A word written with a madda is no stop word (آلية, not إليه)."""
    text = "ولاية كاليفورنيا ولا غيرها"
    assert marked(highlight_full(text, terms_for("ولاية"))) == ["ولاية"]
    assert marked(highlight_full("آلية جديدة وآلية أخرى إليه", terms_for("آلية"))) == ["آلية", "وآلية"]


def test_a_word_matching_an_exact_form_and_a_stem_has_both():
    """وعبد is a phrase's exact form and the stem عبد of a word typed: one span, named by its exact
    form, and both terms found (a partial hit's missing words are read from them)."""
    text = "قال وعبد الملك"
    terms = {"text": {"عبد"}, "exact": {"وعبد", "الملك"}}
    assert [t for _s, _e, t in match_spans(text, terms)] == ["وعبد", "الملك"]
    assert matched_terms(text, terms) == {"وعبد", "عبد", "الملك"}


def test_vocalized_word_is_marked_with_its_harakat():
    text = "قَالَ: وَالْكِتَابُ مُبِينٌ"
    assert marked(highlight_full(text, terms_for("كتاب"))) == ["وَالْكِتَابُ"]


def test_hamza_variant_is_marked():
    text = "ارتفعت أسعار الذهب وآسعار النفط"  # typed اسعار, written with أ and آ
    assert marked(highlight_full(text, terms_for("اسعار"))) == ["أسعار", "وآسعار"]


def test_exact_terms_mark_too():
    text = "الوزارات والوزارة"
    assert marked(highlight_full(text, {"exact": {"الوزارات"}})) == ["الوزارات"]


@pytest.mark.parametrize("text", ["<script>alert('كتاب')</script>", "a & b < كتاب > \"c\""])
def test_everything_but_mark_is_escaped(text):
    html = highlight_full(text, terms_for("كتاب"))
    assert "<script" not in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert marked(html) == ["كتاب"]


def test_long_text_gives_the_densest_fragment_not_the_opening():
    filler = " ".join(["كلام عادي لا علاقة له بالموضوع"] * 60)
    text = f"{filler} وقد ارتفعت أسعار الذهب اليوم في الأسواق. {filler}"
    html = snippet(text, terms_for("الذهب"), size=120)
    assert marked(html) == ["الذهب"]
    assert html.startswith("…") and html.endswith("…")
    assert len(re.sub("<[^>]+>", "", html)) < 300


def test_two_fragments_for_matches_far_apart():
    filler = " ".join(["كلام عادي لا علاقة له بالموضوع"] * 40)
    text = f"{filler} الذهب {filler} النفط {filler}"
    terms = {"text": terms_for("الذهب")["text"] | terms_for("النفط")["text"]}
    html = snippet(text, terms, size=100, fragments=2)
    assert marked(html) == ["الذهب", "النفط"]


def test_a_fragment_with_fewer_of_the_words_than_the_best_is_left_out():
    """«عين العرب»: the byline «عين اليوم» came first, in text order, beside the fragment with both
    words, and the article seemed to match one word."""
    filler = " ".join(["كلام عادي لا علاقة له بالموضوع"] * 40)
    text = f"عين اليوم – واشنطن {filler} سيطر التنظيم على مدينة عين العرب شمال حلب {filler}"
    terms = {"text": terms_for("العرب")["text"], "exact": {"عين"}}  # عين, a stop word, as typed
    html = snippet(text, terms, size=100, fragments=2)
    assert marked(html) == ["عين", "العرب"] and "اليوم" not in html


def test_short_text_is_whole_and_no_match_gives_the_opening():
    assert snippet("خبر قصير", {}) == "خبر قصير"
    long = "بداية " + "نص " * 400
    assert snippet(long, {"text": {"غير"}}, size=50).startswith("بداية")


def test_a_phrase_is_marked_only_where_its_words_stand_side_by_side():
    """«أسعار النفط» in quotes: the phrase is what matched, not أسعار of «أسعار الفحم» nor a lone
    النفط; each occurrence of the phrase is marked word by word (the harakat and clitics of the
    original kept inside the marks)."""
    terms = {"phrases": {"اسعار النفط"}}
    text = "ارتفعت أسعار النفط اليوم بينما تراجعت أسعار الفحم وقال إن النفط وفير، وأَسعارُ النِّفط…"
    assert marked(highlight_full(text, terms)) == ["أسعار", "النفط"]
    assert matched_terms(text, terms) == {"اسعار النفط"}
    assert matched_terms("أسعار الفحم والنفط", terms) == set()
    assert marked(highlight_full("اسعار النفط اسعار النفط", terms)) == ["اسعار", "النفط", "اسعار", "النفط"]
    # a word typed beside the phrase is marked wherever it stands
    both = {"phrases": {"اسعار النفط"}, "text": {"فحم"}}
    assert marked(highlight_full(text, both)) == ["أسعار", "النفط", "الفحم"]


@pytest.mark.parametrize("backend_query", ['"أسعار الذهب"', '"أسعار الذهب" الفضة'])
def test_a_hit_of_a_phrase_marks_the_phrase_not_its_words_elsewhere(tmp_path, backend_query):
    """Through the real import and engine: the hit's title and snippet mark «أسعار الذهب» where
    it stands, and neither أسعار of «أسعار الفضة» nor a lone الذهب; a word typed beside the phrase
    (الفضة) is marked wherever it stands."""
    from support.articles import engine_at, import_jsonl, write_jsonl

    from search import SearchRequest

    records = [{"id": "g1", "title": "أسعار الذهب ترتفع", "source": "s", "section": "news", "date": "2015-07-01",
                "body": "ارتفعت أسعار الذهب اليوم بينما تراجعت أسعار الفضة، والذهب ملاذ آمن."}]
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "records.jsonl", records))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        hit = engine.search(SearchRequest(q=backend_query)).hits[0]
    finally:
        engine.close()
    assert marked(hit.title_html) == ["أسعار", "الذهب"]
    expected = ["أسعار", "الذهب"] + (["الفضة"] if "الفضة" in backend_query else [])
    assert marked(hit.snippet_html) == expected


def test_a_names_words_are_marked_only_side_by_side(tmp_path):
    """«عبد الملك» finds the name, never عبد in one place and الملك (the king) in another
    (search/expansion.py): its marks say the same — the name where it stands, no lone الملك."""
    from support.articles import engine_at, import_jsonl, name_articles, write_jsonl

    from search import SearchRequest

    records = [*name_articles(), {"id": "nm99", "title": "لقاء في القصر", "body": "التقى عبد الملك الملك في القصر",
                                  "source": "s", "section": "news", "date": "2015-07-01"}]
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "records.jsonl", records))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        hits = {h.id: h for h in engine.search(SearchRequest(q="عبد الملك", per_page=20)).hits}
    finally:
        engine.close()
    assert marked(hits["nm99"].snippet_html) == ["عبد", "الملك"]
    assert marked(hits["nm12"].snippet_html) == ["عبد", "الملك"]  # «رسائل من عبد الملك الى الوزير»
