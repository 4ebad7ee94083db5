"""Any text a user may type is a query the cluster runs: operators, Sphinx's own syntax
characters, unbalanced quotes, field names, wildcards; never a searchd error (a 500)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.sphinx import sphinx_engine

from search import QueryError, SearchRequest

# Letters, the query language's operators and Sphinx's extended-syntax characters.
PIECES = st.sampled_from([
    "وزارة", "الصحة", "كتاب", "في", "و", "أو", "OR", "AND", "NOT", "ليس", "-", "|", "(", ")", '"', "*",
    "~", "~2", ":", "title:", "root:", "source:", "date:", "2015", "..", "@", "!", "^", "$", "=", "<",
    "/", "\\", "&", "MAYBE", "NEAR/3", "\ue000", "\ue003all", " ", "  ",
])


@pytest.fixture(scope="module")
def engine(sample_cluster):
    engine = sphinx_engine(sample_cluster, query_time_limit=None)
    yield engine
    engine.close()


def test_a_phrase_in_the_roots_field_finds_nothing_as_on_whoosh(engine):
    """root:"…" has no exact twin to match a phrase in: an empty field list was a searchd syntax
    error (found by the test below)."""
    assert engine.search(SearchRequest(q='root:"وزارة"')).total == 0
    assert engine.search(SearchRequest(q='root:"وزارة" OR الصحة')).total == engine.search(SearchRequest(q="الصحة")).total


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=8).map("".join))
def test_any_typed_text_is_answered(engine, text):
    try:
        result = engine.search(SearchRequest(q=text))
    except QueryError:
        return  # a helpful 400 (too long, nested too deeply), never an engine error
    assert result.total >= 0 and not result.partial
