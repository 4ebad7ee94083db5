"""The site in a real browser (Debian chromium through Playwright): what a reader does and sees."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from support.webcorpus import SCRIPT_TITLE


def search(page, base: str, query: str) -> None:
    page.goto(base + "/")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))


def total(page) -> int:
    return int(page.get_attribute(".results-summary .total", "data-total"))


def test_typing_a_query_shows_highlighted_results(page, live_server):
    search(page, live_server, "التعليم")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.input_value("#q") == "التعليم"  # the box keeps the query
    assert total(page) == 24
    marks = page.locator(".hit-title mark")
    assert marks.count() >= 10 and marks.first.inner_text() == "التعليم"
    assert page.locator(".hit-snippet mark").count() >= 10
    assert page.dialogs == [] and page.console_errors == []


def test_clicking_a_facet_narrows_and_clicking_again_widens(page, live_server):
    search(page, live_server, "التعليم")
    facet = page.locator('[data-facet="section"] a', has_text="رياضة")
    assert facet.locator(".facet-count").inner_text() == "8"
    facet.click()
    page.wait_for_url(re.compile("section="))
    assert total(page) == 8
    assert page.locator('[data-facet="section"] li.selected').count() == 1
    page.locator('[data-facet="section"] li.selected a').click()
    page.wait_for_url(lambda url: "section=" not in url)
    assert total(page) == 24


def test_pagination_moves_through_the_results(page, live_server):
    search(page, live_server, "التعليم")
    first_page_ids = page.eval_on_selector_all(".hit-title a", "els => els.map(e => e.href)")
    page.click("a.pager-next")
    page.wait_for_url(re.compile("page=2"))
    assert "11–20" in page.text_content(".results-summary")
    second_page_ids = page.eval_on_selector_all(".hit-title a", "els => els.map(e => e.href)")
    assert not set(first_page_ids) & set(second_page_ids)
    page.click("a.pager-page >> text=3")
    page.wait_for_url(re.compile("page=3"))
    assert page.locator(".hit").count() == 4 and page.locator("a.pager-next").count() == 0


def test_opening_a_document_shows_the_article_and_similar(page, live_server):
    search(page, live_server, "النفط")
    title = page.locator(".hit-title a").first
    expected = title.inner_text()
    title.click()
    page.wait_for_url(re.compile("/documents/"))
    assert page.inner_text("article h1") == expected
    assert page.locator(".document-body p").count() >= 1
    assert page.locator(".similar .hit").count() >= 1
    page.locator(".similar .hit-title a").first.click()
    page.wait_for_url(re.compile("/documents/"))


def test_date_filter_form(page, live_server):
    search(page, live_server, "التعليم")
    page.fill('input[name="from"]', "2015-01-01")
    page.fill('input[name="to"]', "2015-12-31")
    page.click(".date-filter button")
    page.wait_for_url(re.compile("from=2015-01-01"))
    assert total(page) == 8
    assert page.input_value("#q") == "التعليم"  # the form carried the query along
    dates = page.eval_on_selector_all(".hit time", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all(d.startswith("2015") for d in dates)


@pytest.mark.parametrize("typed", ["١٤٣٦-١٠", "۱۴۳۶-۱۰"])
def test_the_hijri_field_takes_arabic_indic_digits(page, live_server, typed):
    """The field's ASCII-only pattern blocked ``١٤٣٦-١٠`` in the browser; the server reads it."""
    search(page, live_server, "التعليم")
    page.fill('input[name="hijri_from"]', typed)
    assert page.eval_on_selector('input[name="hijri_from"]', "el => el.checkValidity()")
    page.click(".date-filter button")
    page.wait_for_url(re.compile("hijri_from="))
    expected = page.request.get(f"{live_server}/api/v1/search?q=التعليم&hijri_from=1436-10").json()["total"]
    assert 0 < total(page) == expected < 24
    assert page.input_value('input[name="hijri_from"]') == typed


def test_script_in_a_title_is_shown_as_text(page, live_server):
    search(page, live_server, "الثقافة")
    hit = page.locator(".hit-title", has_text="معرض الكتاب")
    assert "<script>alert('xss')</script>" in hit.inner_text()
    assert page.locator(".hit-title script").count() == 0
    page.goto(f"{live_server}/documents/xss-1")
    assert page.inner_text("article h1") == SCRIPT_TITLE
    assert page.locator("article script").count() == 0
    assert page.dialogs == []


def test_autocomplete_lists_suggestions_and_the_keyboard_picks_one(page, live_server):
    page.goto(live_server + "/")
    page.type("#q", "التع", delay=30)
    option = page.locator("#suggestions [role=option]", has_text="التعليم")
    option.wait_for(state="visible")
    assert page.get_attribute("#q", "aria-expanded") == "true"
    page.press("#q", "Escape")  # closes the list, keeps what was typed
    assert page.locator("#suggestions").is_hidden() and page.input_value("#q") == "التع"
    # spelt otherwise than typed (the English keyboard's letters for التع): still shown, which
    # a <datalist> would not do (browsers filter its options by what was typed)
    page.fill("#q", "")
    page.type("#q", "hgju", delay=30)
    option.wait_for(state="visible")
    for _ in range(page.locator("#suggestions [role=option]").count()):
        page.press("#q", "ArrowDown")
        if page.get_attribute("#suggestions [aria-selected=true]", "id") == option.get_attribute("id"):
            break
    assert page.get_attribute("#q", "aria-activedescendant") == option.get_attribute("id")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert page.input_value("#q") == "التعليم" and total(page) == 24
    assert page.console_errors == []  # the CSP allowed the script and its fetch


def test_a_suggestion_clicked_is_searched(page, live_server):
    page.goto(live_server + "/search?q=النفط")
    page.fill("#q", "")
    page.type("#q", "التع", delay=30)
    page.locator("#suggestions [role=option]", has_text="التعليم").click()
    page.wait_for_url(re.compile(r"q=%D8%A7%D9%84%D8%AA%D8%B9%D9%84%D9%8A%D9%85"))
    assert total(page) == 24


def test_the_site_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.fill("#q", "النفط")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert total(page) >= 2
    context.close()


def test_screenshots_at_desktop_and_phone_width(browser, live_server, artifacts):
    url = f"{live_server}/search?q={quote('التعليم')}"
    for name, width, height in (("desktop", 1280, 900), ("phone", 375, 812)):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      device_scale_factor=2 if name == "phone" else 1)
        page = context.new_page()
        page.goto(url)
        path = artifacts / f"results-{name}.png"
        page.screenshot(path=str(path))  # what the reader sees first
        page.screenshot(path=str(artifacts / f"results-{name}-full.png"), full_page=True)
        assert path.stat().st_size > 10_000
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
        if name == "phone":
            box = page.locator(".hit-title").first.bounding_box()
            assert box["width"] <= width
        context.close()


def test_partial_matches_come_after_a_separator(page, live_server, artifacts):
    search(page, live_server, "النفط الهلال")
    separator = page.locator(".partial-separator")
    assert separator.is_visible() and "نتائج تحتوي بعض كلماتك" in separator.inner_text()
    assert separator.locator("s").count() >= 1  # the missing word(s), struck through
    # every hit above the separator is a full match: none of them lists a missing word
    above = page.locator("ol.hits:not(.hits--partial) .hit-missing").count()
    assert above == 0 and page.locator(".hits--partial .hit-missing").count() >= 1
    separator.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "partial-separator.png"))


def test_the_date_fields_are_told_apart_by_their_calendar(page, live_server):
    """Two «من» and two «إلى»: each pair is a group named by its calendar, so that a screen reader
    says which one a field is."""
    page.goto(live_server + "/search?q=التعليم")
    hijri = page.get_by_role("group", name=re.compile("الهجري"))
    gregorian = page.get_by_role("group", name="بالتاريخ الميلادي")
    assert hijri.get_by_label("من").get_attribute("name") == "hijri_from"
    assert gregorian.get_by_label("إلى").get_attribute("name") == "to"
