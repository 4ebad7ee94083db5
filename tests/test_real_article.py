"""The chain on a real news article (../shared/fixtures/albayan-qayyara.txt)."""

from analyzers.normalize import normalize_word
from analyzers.pipeline import analyze


def test_plural_and_definite_forces_meet(fixture_article):
    terms = {t for t, _, _ in analyze(fixture_article)}
    assert analyze("القوات")[0][0] == analyze("قوات")[0][0] == analyze("لقوات")[0][0]
    assert analyze("قوات")[0][0] in terms


def test_names_survive(fixture_article):
    terms = {t for t, _, _ in analyze(fixture_article)}
    for name in ("البيشمركة", "القيارة", "العراق", "داعش", "الموصل"):
        assert analyze(name)[0][0] in terms
        assert analyze(name)[0][0] == normalize_word(name).removeprefix("ال")
    # وبالتزامن / للبيشمركة / بالخالدية reach the same terms as the bare names
    assert analyze("للبيشمركة")[0][0] == analyze("البيشمركة")[0][0]
    assert analyze("بالخالدية")[0][0] == analyze("الخالدية")[0][0]


def test_every_offset_points_at_the_original_word(fixture_article):
    for term, start, end in analyze(fixture_article, "exact"):
        assert normalize_word(fixture_article[start:end]) == term


def test_page_boilerplate_tokens_are_ordinary_words(fixture_article):
    assert "ت + ت - الحجم الطبيعي" in fixture_article
    assert [t for t, _, _ in analyze("ت + ت - الحجم الطبيعي", "exact")] == ["ت", "ت", "الحجم", "الطبيعي"]
    terms = {t for t, _, _ in analyze(fixture_article)}
    assert {"حجم", "طبيع", "اضغط"} <= terms
