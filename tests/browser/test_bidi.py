"""Bidi controls in stored fields, drawn by chromium (issue 16, item 8).

The probe's url ``https://ok.test/a\\u202egpj.exe`` read ``https://ok.test/aexe.jpg`` on the
results and document pages. Here the pages are drawn and measured: the characters of the link
text run left to right in their logical order (character rectangles, as test_hostile.py measures
the year), and a screenshot of each page is kept in tests/browser/artifacts/ to look at.
"""

from __future__ import annotations

import urllib.parse

import pytest
from support.bidi import SHOWN_URL, WORD, build_bidi_index
from support.servers import serving

from web import create_app

# x of each character of an element's text (one text node), in logical order.
CHARACTER_XS = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const xs = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      xs.push(r.getBoundingClientRect().left);
    }
  }
  return xs;
}"""


@pytest.fixture(scope="module")
def bidi_server(tmp_path_factory):
    index = build_bidi_index(tmp_path_factory.mktemp("browser-bidi"))
    with serving(create_app({"FAHRAS_INDEX": str(index)})) as base:
        yield base


@pytest.mark.parametrize("name,path", [("document", "/documents/spoof"),
                                       ("results", "/search?q=" + urllib.parse.quote(WORD))])
def test_the_url_reads_as_it_is(page, bidi_server, artifacts, name, path):
    page.goto(bidi_server + path)
    link = page.locator("a[href^='https://ok.test/a']").first
    assert link.inner_text() == SHOWN_URL
    xs = link.evaluate(CHARACTER_XS)
    assert xs == sorted(xs), "the link text is drawn out of order"
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"bidi-{name}.png"))


def test_the_measure_sees_an_override(page):
    """Control: with the U+202E left in, the same measure finds the text drawn out of order."""
    page.set_content('<p><a dir="ltr" href="#">https://ok.test/a\u202egpj.exe</a></p>')
    xs = page.locator("a").evaluate(CHARACTER_XS)
    assert xs != sorted(xs)


def test_a_date_range_in_an_arabic_error_reads_as_typed(page, bidi_server, artifacts):
    """The reversed-range message drew 1436-10-25..1436-10-20 as 20-10-1436..25-10-1436: the
    range's characters, in logical order, must now run left to right on the screen."""
    typed = "1436-10-25..1436-10-20"
    page.goto(bidi_server + "/search?q=x&hijri_from=1436-10-25&hijri_to=1436-10-20")
    message = page.locator(".error-message")
    text = message.evaluate("el => el.textContent")
    xs = message.evaluate(CHARACTER_XS)
    start = text.index(typed)
    run = xs[start:start + len(typed)]
    assert run == sorted(run), "the range is drawn out of order"
    page.screenshot(path=str(artifacts / "bidi-error-range.png"))
