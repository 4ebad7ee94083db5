"""The hostile documents of ``tests/test_reliability_hostile.py`` in chromium: nothing runs.

The HTML checks there read the markup; only a browser shows what it *does*: no dialog opens, no
console error (an injected inline script blocked by the CSP would log one), hovering an escaped
``onmouseover`` does nothing, no ``javascript:`` link exists, and a U+202E (right-to-left
override) in a source name does not reverse the date printed after it.
"""

from __future__ import annotations

import urllib.parse

import pytest
from support.hostile import build_hostile_index
from support.servers import serving

from web import create_app

PAGES = [
    "/search?q=" + urllib.parse.quote("مستشفى") + "&per_page=50",
    "/search?q=" + urllib.parse.quote("وزارة الصحة"),
    "/search?q=" + urllib.parse.quote("معكوس"),
    "/documents/xss-script",
    "/documents/xss-img",
    "/documents/url-attribute",
    "/documents/url-data",
    "/documents/rlo",
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    index_dir, _summary, _rejects = build_hostile_index(tmp_path_factory.mktemp("browser-hostile"))
    with serving(create_app({"FAHRAS_INDEX": str(index_dir)})) as base:
        yield base


@pytest.mark.parametrize("path", PAGES)
def test_nothing_injected_runs(page, hostile_server, path):
    page.goto(hostile_server + path)
    page.wait_for_load_state("load")
    for link in page.locator("a[href*='example.com/a']").all():
        link.dispatch_event("mouseover")  # the escaped onmouseover must stay text
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.console_errors == []
    assert page.locator("a[href^='javascript:' i], a[href^='data:' i], a[href^='vbscript:' i]").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src]), iframe, svg, img[onerror]').length") == 0
    assert page.evaluate("window.__xss === undefined")


DIGIT_ORDER = """(el) => {
  const node = [...el.childNodes].find(n => n.nodeType === 3 && /[0-9]{4}/.test(n.data));
  const at = node.data.search(/[0-9]{4}/);
  const x = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                     return r.getBoundingClientRect().left; };
  return [x(at), x(at + 3)];
}"""


@pytest.mark.parametrize("path", ["/documents/rlo", "/search?q=" + urllib.parse.quote("معكوس")])
def test_rtl_override_does_not_flip_what_follows(page, hostile_server, path):
    """The source name starts with U+202E; the year after it must still read 2015, left to right."""
    page.goto(hostile_server + path)
    time_el = page.locator("time").first
    first_digit, last_digit = time_el.evaluate(DIGIT_ORDER)
    assert first_digit < last_digit, "the year is drawn reversed: the override leaked out of its field"


def test_the_digit_check_sees_a_leaked_override(page):
    """Control: the measurement above does detect a reversal when an override reaches the year."""
    page.set_content('<html dir="rtl"><body><p><time>\u202e12 مارس 2015</time></p></body></html>')
    first_digit, last_digit = page.locator("time").evaluate(DIGIT_ORDER)
    assert first_digit > last_digit
