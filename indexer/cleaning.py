"""Clean a record's text fields at import: HTML entities decoded, HTML tags stripped, whitespace
normalised — what Elasticsearch's ``html_strip`` char filter and a whitespace trim do.

Why at import: archives exported from news sites carry their HTML escaping (``&quot;`` in titles,
``&nbsp;`` in author names); left as they are, the entity shows in every title, an author is two
facet values, and ``quot`` becomes a searchable word. Cleaning once, before analysis and storage,
means the index, the highlights, the facets and the API all see the text a reader saw.

Tags are stripped only from a field that holds HTML (:func:`holds_html`: a known element's tag or
an HTML comment), so plain text with a ``<`` (``س < 5``) is kept as written. The parser is the
standard library's :class:`html.parser.HTMLParser` — it reads broken HTML without failing and
decodes entities as a browser does; html-text or inscriptis would do the same over lxml, a large
native dependency for a case the archives we know do not have.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements whose start or end marks a new line of text (paragraphs survive as line breaks).
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Elements whose content is not text for a reader.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code del em font i img ins kbd mark q s samp small span strong sub "
    "sup time u var wbr center".split()
)
_ELEMENT = re.compile(r"<!--|</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# Horizontal white space (no-break and the typographic spaces included; the zero-width joiners,
# which belong inside Arabic words, are not white space) that is not already one plain space: a
# run of two or more, or any other single space character. (Every run matched, a body's
# hundreds of single spaces each became a match replaced by itself.)
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# The white space other than a plain space and a line break (str.isspace's characters, named:
# tests/test_cleaning.py holds the two to each other). The pattern above tries its alternation at
# every character; a body with none of these and no two spaces in a row (89% of the corpus)
# skips it, found by a search for this one set (three times as fast): 8,000 bodies 0.37 -> 0.12 s.
_OTHER_SPACE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_BLANK_LINES = re.compile(r"\n{3,}")
# Marks left at the ends of a one-line value (an author's name, a source) that only make it a
# different facet value: white space and the direction marks LRM, RLM, ALM.
_EDGES = " \t\n\u200e\u200f\u061c"


def holds_html(text: str) -> bool:
    """Whether ``text`` holds HTML markup: ``"<p>خبر</p>"`` → True, ``"س < 5 و x>y"`` → False."""
    for m in _ELEMENT.finditer(text):
        name = (m.group(1) or "").lower()
        if m.group(0) == "<!--" or name in _BLOCKS or name in _HIDDEN or name in _INLINE:
            return True
    return False


class _Text(HTMLParser):
    """The text of an HTML fragment: tags dropped, block elements as line breaks, hidden
    elements' content left out, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """``"<p>وزير &quot;الصحة&quot;</p><script>x()</script>"`` → ``'\\nوزير "الصحة"\\n'``."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def decode(text: str) -> str:
    """``"قال &quot;نعم&quot;"`` → ``'قال "نعم"'``; tags stripped too when the text holds HTML."""
    return strip_html(text) if holds_html(text) else html.unescape(text)


def clean_text(text: str) -> str:
    """A multi-line field (the body): decoded, spaces collapsed, lines trimmed, at most one blank
    line between paragraphs. ``"أ&nbsp;&nbsp;ب \\r\\n\\n\\n\\nج"`` → ``"أ ب\\n\\nج"``."""
    text = decode(text).replace("\r\n", "\n").replace("\r", "\n")
    if "  " in text or _OTHER_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """A one-line field (title, author, source, section, a tag): decoded, every run of white space
    one space. ``"سارة&nbsp;العتيبي\\u200f "`` → ``"سارة العتيبي"``."""
    return " ".join(decode(text).split()).strip(_EDGES)
