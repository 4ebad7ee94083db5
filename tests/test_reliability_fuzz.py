"""Hostile queries against the parser and the whole search path: a result or a QueryError, always.

Why beyond ``tests/test_query.py``'s fuzzing: that one draws short strings from a small alphabet.
A public site also gets the whole of Unicode (lone surrogates, bidi controls, private use), operator
soup at the 64-clause cap, inputs at and past the 2000-character limit, thousands of nested
parentheses and quotes, and queries made only of wildcards and fuzzy terms, the ones whose cost
grows with the lexicon. Each case must come back as a :class:`SearchResult` (serialisable to the
API's JSON) or a :class:`QueryError`, in bounded time: the slowest case is printed so the report
can quote it. The index is real (the bundled sample archive plus generated articles, so the
lexicon has a few thousand terms and wildcard/fuzzy expansion has something to chew on).
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.articles import article, engine_at

from indexer.importer import import_records
from indexer.sources import read_sources
from search import FILTER_FIELDS, SORTS, QueryError, SearchEngine, SearchRequest
from search.syntax import MAX_CLAUSES, parse

# Whatever a single search may take on this 2-core shared machine before we call it a hang.
# The real figures (milliseconds) are printed at the end of the module and go in the report.
GENEROUS_SECONDS = 20.0
TIMINGS: dict[str, list[tuple[float, str]]] = {}

ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةىؤئ"
OPERATORS = ["(", ")", '"', "-", "*", "~", "~1", "~2", "~9", ":", "|", "||", "&&", "OR", "AND",
             "NOT", "أو", "او", "ليس", "و", "title:", "عنوان:", "body:", "نص:", "source:",
             "section:", "قسم:", "author:", "root:", "جذر:", "date:", "تاريخ:", "tag:", "وسم:",
             "2015", "2015-07", "2015-13-45", "..", "«", "»", "\u201c", "\u201d", "\x00", "\t",
             "\n", "\u200c", "\u200d", "\u202e", "\u202d", "\u2066", "\ufeff", "\u064e", "\u0651",
             "\u0640", "\ufdfa", "\ufefb", "٣", "۴", "*~", "~*", "-(", "-\"", "\\", "%", "'",
             "<script>", "</b>", "&amp;", "\ud800", "\udfff", "\U0010ffff", "\ue000"]
WORDS = ["وزارة", "الصحة", "التعليم", "النفط", "الهلال", "المملكة", "والكتاب", "كتب", "مستشفى",
         "الرياض", "جدة", "a", "the", "x"]


def _word() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(WORDS), st.text(alphabet=ARABIC, min_size=1, max_size=6))


ANY_UNICODE = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
    max_size=300,
)
SOUP = st.lists(st.one_of(st.sampled_from(OPERATORS), _word()), max_size=80).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", "  "]), min_size=len(parts), max_size=len(parts))
    .map(lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True)))
)
NESTED = st.builds(
    lambda opening, closing, word, wrap: wrap[0] * opening + word + wrap[1] * closing,
    st.integers(0, 3000), st.integers(0, 3000), _word(),
    st.sampled_from([("(", ")"), ('"', '"'), ("(\"", "\")"), ("-(", ")"), ("NOT (", ")"),
                     ("title:(", ")"), ("((", ")")]),
)
# Queries made only of expansions: the most expensive shape the language allows.
EXPANSIONS = st.lists(
    st.builds(lambda stem, op: stem + op, st.text(alphabet=ARABIC, min_size=1, max_size=3),
              st.sampled_from(["*", "~", "~1", "~2", "**", "*~2"])),
    min_size=1, max_size=MAX_CLAUSES + 4,
).map(" ".join)
HUGE = st.builds(lambda unit, n: (unit * n)[: 1990 + n % 40], _word().map(lambda w: w + " "),
                 st.integers(1, 2100))
QUERIES = st.one_of(ANY_UNICODE, SOUP, NESTED, EXPANSIONS, HUGE)

REQUESTS = st.builds(
    SearchRequest,
    q=QUERIES,
    page=st.one_of(st.just(1), st.integers(1, 3), st.integers(-5, 2000)),
    per_page=st.one_of(st.just(10), st.integers(1, 100), st.integers(-1, 150)),
    sort=st.one_of(st.sampled_from(SORTS), st.text(max_size=5)),
    filters=st.dictionaries(
        st.one_of(st.sampled_from(FILTER_FIELDS), st.text(max_size=4)),
        st.lists(st.one_of(st.sampled_from(["سياسة", "اقتصاد", "source-1", "2015", "2015-07"]),
                           st.text(max_size=10)), max_size=3),
        max_size=3,
    ),
    date_from=st.one_of(st.none(), st.dates()),
    date_to=st.one_of(st.none(), st.dates()),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, sample_path):
    """The sample archive and 1,500 generated articles, imported the way `fahras index` does it."""
    index_dir = tmp_path_factory.mktemp("fuzz") / "index"
    import_records(index_dir, read_sources([str(sample_path)]), batch_size=500)
    generated = tmp_path_factory.mktemp("fuzz-src") / "gen.jsonl"
    generated.write_text(
        "".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(1500)),
        encoding="utf-8",
    )
    import_records(index_dir, read_sources([str(generated)]), batch_size=500)
    e = engine_at(index_dir)
    yield e
    e.close()


@pytest.fixture(scope="module", autouse=True)
def _report_timings():
    yield
    for kind, values in sorted(TIMINGS.items()):
        values.sort()
        worst, what = values[-1]
        print(
            f"\n[fuzz] {kind}: {len(values)} cases, median {values[len(values) // 2][0] * 1000:.1f} ms,"
            f" worst {worst * 1000:.1f} ms for {what[:120]!r}{'...' if len(what) > 120 else ''}"
        )


def _timed(kind: str, what: object, fn):
    started = time.perf_counter()
    try:
        return fn()
    finally:
        elapsed = time.perf_counter() - started
        TIMINGS.setdefault(kind, []).append((elapsed, str(what)))
        assert elapsed < GENEROUS_SECONDS, f"{kind} took {elapsed:.1f} s"


def _search_or_query_error(engine: SearchEngine, request: SearchRequest, kind: str) -> None:
    try:
        result = _timed(kind, request.q, lambda: engine.search(request))
    except QueryError as err:
        assert str(err) and "Traceback" not in str(err)
        return
    assert 0 <= len(result.hits) <= result.per_page
    assert result.total >= len(result.hits)
    data = result.to_dict()
    json.dumps(data, ensure_ascii=False)  # the API can always send it
    for hit in data["hits"]:
        # Only <mark> survives as markup in titles and snippets.
        for html in (hit["title_html"], hit["snippet_html"]):
            assert "<script" not in html and "<img" not in html


PARSER_REFUSALS = ("too many words in the query", "unreadable date")

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(QUERIES)
@example("date:وزارة")  # found by CI: a wrong date is a clean refusal
def test_parser_takes_any_text(text):
    try:
        _timed("parse", text, lambda: parse(text))
    except QueryError as err:
        # The parser's only two refusals, each in English and Arabic: a soup such as
        # ``date:وزارة`` is a date the user got wrong, not a crash.
        message = str(err)
        assert message.startswith(PARSER_REFUSALS), message
        assert " — " in message, message


@pytest.mark.slow
@FUZZ
@given(QUERIES)
def test_search_answers_any_query_text(engine, text):
    _search_or_query_error(engine, SearchRequest(q=text), "search q")


@pytest.mark.slow
@FUZZ
@given(REQUESTS)
def test_search_answers_any_request(engine, request_):
    _search_or_query_error(engine, request_, "search request")


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(EXPANSIONS)
def test_wildcard_and_fuzzy_queries_stay_bounded(engine, text):
    _search_or_query_error(engine, SearchRequest(q=text, per_page=100), "expansions")


@FUZZ
@given(ANY_UNICODE)
def test_autocomplete_takes_any_prefix(engine, prefix):
    _timed("suggest", prefix, lambda: engine.suggest(prefix))


def test_limits_are_query_errors_not_crashes(engine):
    """The documented limits answer with a message, whatever the input."""
    for request_ in (
        SearchRequest(q="ب" * 2001),
        SearchRequest(q=" ".join(["وزارة"] * (MAX_CLAUSES + 1))),
        SearchRequest(q=" ".join(f"{c}*" for c in ARABIC * 2)),
        SearchRequest(q="x", page=10**9),
        SearchRequest(q="x", per_page=0),
        SearchRequest(q="x", sort="random"),
        SearchRequest(q="x", filters={"id": ["1"]}),
    ):
        with pytest.raises(QueryError):
            engine.search(request_)
    # Nesting far past the parser's depth cap is read as the word inside it.
    assert engine.search(SearchRequest(q="(" * 990 + "وزارة" + ")" * 990)).total > 0
