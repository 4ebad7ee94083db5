"""What issue 15 added, as a reader meets it in a real browser (Debian chromium through
Playwright), with screenshots to look at in tests/browser/artifacts/: auto-correction, an error
page keeping the search, a document page with the query's words marked, the help page."""

from __future__ import annotations

import re

import pytest
from support.articles import index_records
from support.servers import serving
from support.stories import story_records

from web import create_app


def search(page, base: str, query: str) -> None:
    page.goto(base + "/")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))


def test_a_misspelt_query_shows_the_corrections_results_and_a_way_back(page, live_server, artifacts):
    search(page, live_server, "التعلبم")
    notice = page.locator(".notice--corrected")
    assert "عرض نتائج «التعليم»" in notice.inner_text() and "ابحث بدلاً من ذلك عن «التعلبم»" in notice.inner_text()
    assert page.get_attribute(".results-summary .total", "data-total") == "24"
    assert page.locator(".hit-title mark").first.inner_text() == "التعليم"
    page.screenshot(path=str(artifacts / "autocorrect.png"))
    page.click(".notice--corrected a.original")
    page.wait_for_url(re.compile("autocorrect=false"))
    assert page.locator(".hit").count() == 0 and page.input_value("#q") == "التعلبم"
    assert page.locator("a.suggestion").inner_text() == "التعليم"
    assert page.console_errors == []


def test_a_reversed_date_range_keeps_the_search_to_correct(page, live_server, artifacts):
    search(page, live_server, "التعليم")
    page.locator('[data-facet="section"] a', has_text="رياضة").click()
    page.wait_for_url(re.compile("section="))
    page.fill('.date-filter input[name="from"]', "2016-01-01")
    page.fill('.date-filter input[name="to"]', "2014-01-01")
    page.click(".date-filter button")
    page.wait_for_url(re.compile("to=2014"))
    assert "تاريخ البداية بعد تاريخ النهاية" in page.inner_text(".notice--error")
    assert page.input_value("#q") == "التعليم"
    assert page.input_value('.error-retry input[name="from"]') == "2016-01-01"
    page.screenshot(path=str(artifacts / "error-keeps-query.png"))
    page.fill('.error-retry input[name="from"]', "2014-01-01")
    page.fill('.error-retry input[name="to"]', "2016-12-31")
    page.click(".error-retry button")
    page.wait_for_url(re.compile("from=2014-01-01"))
    assert page.get_attribute(".results-summary .total", "data-total") == "8"  # section kept


def test_a_document_from_the_results_marks_the_words_and_leads_back(page, live_server, artifacts):
    search(page, live_server, "أسعار النفط")
    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile("/documents/"))
    assert page.input_value("#q") == "أسعار النفط"
    marked = page.eval_on_selector_all(".document mark", "els => els.map(e => e.textContent)")
    assert "النفط" in marked and "أسعار" in marked
    page.screenshot(path=str(artifacts / "document-highlights.png"))
    page.click("a.back-to-results")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.input_value("#q") == "أسعار النفط"


def test_the_help_page_is_reached_from_every_page(page, live_server, artifacts):
    search(page, live_server, "التعليم")
    page.click("header a.help-link")
    page.wait_for_url(re.compile("/help$"))
    assert "كيف تبحث في الأرشيف" in page.inner_text("h1")
    page.screenshot(path=str(artifacts / "help.png"), full_page=True)
    assert page.console_errors == []


def test_a_query_with_nothing_to_search_for_says_so(page, live_server):
    search(page, live_server, "؟")
    assert "لا يحوي بحثك كلمة" in page.inner_text(".notice--message") and page.locator(".hit").count() == 0


def test_a_facet_count_never_wraps_and_a_long_value_does(page, live_server):
    search(page, live_server, "التعليم")
    style = page.eval_on_selector(
        '[data-facet="author"] .facet-count',
        "el => [getComputedStyle(el).whiteSpace, getComputedStyle(el).flexShrink]")
    assert style == ["nowrap", "0"]
    # A value far wider than the sidebar: it wraps, its count stays on one line beside it.
    page.eval_on_selector('[data-facet="author"] .facet-value', "el => el.textContent = 'اسم '.repeat(40)")
    count = page.locator('[data-facet="author"] .facet-count').first.bounding_box()
    value = page.locator('[data-facet="author"] .facet-value').first.bounding_box()
    assert value["height"] > 3 * count["height"] and count["width"] < 40


@pytest.fixture(scope="module")
def stories_server(tmp_path_factory):
    """The app over the three-paper story and ten other articles (support/stories.py)."""
    index = index_records(tmp_path_factory.mktemp("stories") / "index", story_records())
    with serving(create_app({"FAHRAS_INDEX": str(index)})) as base:
        yield base


def test_a_story_run_by_three_papers_is_one_hit(page, stories_server, artifacts):
    search(page, stories_server, "حقل الغاز الطبيعي")
    copies = page.locator(".hit-copies")
    assert copies.count() == 1 and copies.locator("summary").inner_text() == "ومصدران آخران"
    copies.locator("summary").click()
    assert copies.locator("li").count() == 2 and copies.locator("li a").first.is_visible()
    page.screenshot(path=str(artifacts / "collapsed-story.png"))
    page.goto(page.url + "&collapse=false")
    assert page.locator(".hit-copies").count() == 0 and page.locator(".hit").count() == 10


def test_the_hijri_filter_in_the_date_form(page, live_server, artifacts):
    search(page, live_server, "التعليم")
    first = page.locator(".hit-hijri").first.inner_text()
    assert first.endswith("هـ")
    page.fill('.date-filter input[name="hijri_from"]', "1436-01")
    page.fill('.date-filter input[name="hijri_to"]', "1436-12")
    page.click(".date-filter button")
    page.wait_for_url(re.compile("hijri_from=1436-01"))
    assert 0 < int(page.get_attribute(".results-summary .total", "data-total")) < 24
    assert all("1436 هـ" in text for text in page.locator(".hit-hijri").all_inner_texts())
    assert page.input_value('.date-filter input[name="hijri_from"]') == "1436-01"
    page.screenshot(path=str(artifacts / "hijri-filter.png"), full_page=True)
    assert page.console_errors == []
