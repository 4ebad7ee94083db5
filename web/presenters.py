"""What the HTML templates draw, computed from the engine's result objects and the request's URL.

Datasette's rule: a facet value carries its own toggle URL, a page link its own URL, a date its own
display form, so templates only loop and print. Nothing here searches; everything here is about
URLs and words for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from search import SORTS, Document, Hit, SearchResult
from web.params import ONE_VALUE

# Facet parameter (and field) names, as search.FILTER_FIELDS lists them, to their Arabic labels.
FACET_LABELS = {
    "section": "القسم",
    "source": "المصدر",
    "author": "الكاتب",
    "year": "السنة",
    "month": "الشهر",
    "hijri_year": "السنة الهجرية",
}
SORT_LABELS = {"relevance": "الأكثر صلة", "newest": "الأحدث", "oldest": "الأقدم"}
HIJRI_MONTHS = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر")
# Parameters that describe one view of the results, not the search: dropped when it changes.
_VIEW_ONLY = ("page", "format", "part")  # "part": of a long document (its page)
# Explicit bidi embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI):
# a U+202E turns ``https://ok.test/a\u202egpj.exe`` into ``https://ok.test/aexe.jpg`` on screen.
# No page prints them, nor the control characters but white space (NUL from a URL's %00 echoed
# in a form field or an error message).
UNSHOWN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# A left-to-right fragment inside an Arabic message: a date, a range (1436-10-25..1436-10-20), a
# parameter name (hijri_from), a number, in any of the three digit sets.
LTR_RUN = re.compile(r"[A-Za-z0-9٠-٩۰-۹_](?:[A-Za-z0-9٠-٩۰-۹_.:/*~+-]*[A-Za-z0-9٠-٩۰-۹_])?")


def isolate_ltr(text: str) -> Markup:
    """``text`` as HTML with each left-to-right fragment in ``<bdi dir="ltr">``: in a right-to-left
    paragraph the bidi algorithm draws ``1436-10-25..1436-10-20`` as ``20-10-1436..25-10-1436``.

    >>> str(isolate_ltr("نطاق 2015-08..2015-07 <خطأ>"))
    'نطاق <bdi dir="ltr">2015-08..2015-07</bdi> &lt;خطأ&gt;'
    """
    out, pos = [], 0
    for m in LTR_RUN.finditer(text):
        out += [escape(text[pos:m.start()]), Markup('<bdi dir="ltr">%s</bdi>') % m.group()]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def displayed(value: Any) -> Any:
    """Every value a template prints, without bidi controls (the templates' ``finalize``): no
    stored field can reorder what is shown; without control characters either (a request's
    ``%00`` echoed); markup stays markup.

    >>> displayed("https://ok.test/a\u202egpj.exe"), displayed("\x00abc")
    ('https://ok.test/agpj.exe', 'abc')
    """
    if isinstance(value, Markup):
        return Markup(UNSHOWN.sub("", value))
    if isinstance(value, str):
        return UNSHOWN.sub("", value)
    return value


@dataclass(frozen=True)
class Noun:
    """The forms a counted Arabic noun takes: alone (1), dual (2), plural after 3–10, singular
    (accusative) after 11–99, singular (genitive) after a round hundred or thousand."""

    one: str
    two: str
    few: str
    many: str
    hundreds: str
    none: str


RESULTS = Noun("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة", "نتيجة", "لا نتائج")
STORIES = Noun("قصة واحدة", "قصتان", "قصص", "قصة", "قصة", "لا قصص")


def count_of(n: int, noun: Noun = RESULTS) -> str:
    """``n`` things in Arabic number agreement: 1 → ``نتيجة واحدة``, 2 → ``نتيجتان``,
    3 → ``3 نتائج``, 11 → ``11 نتيجة``, 103 → ``103 نتائج``, 100 → ``100 نتيجة``."""
    if n <= 0:
        return noun.none
    if n == 1:
        return noun.one
    if n == 2:
        return noun.two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n} {noun.few}"
    if rest in (0, 1, 2):  # 100, 101, 1000, 2002: the number governs a genitive singular
        return f"{n} {noun.hundreds}"
    return f"{n} {noun.many}"


def stories_count(result: SearchResult) -> str | None:
    """The stories the results hold, when one hit a story folds some: ``"12 قصة"``; else None."""
    if result.collapse and 0 < result.total_stories < result.total:
        return count_of(result.total_stories, STORIES)
    return None


def with_every_word(result: SearchResult) -> str | None:
    """How many of the results have every word typed, when some have only part of them: the
    number the facets count ("189 نتيجة، منها 46 نتيجة فيها كل كلماتك"), so a facet's 46 is found on
    the page after a click that lists 189."""
    if not result.total_partial:
        return None
    if not result.total_all:
        return "لا نتيجة فيها كل كلماتك"
    return f"منها {count_of(result.total_all)} فيها كل كلماتك"


def took(ms: float) -> str:
    """The search's time for people: ``3.2`` → ``في 0.003 ثانية``, ``1530`` → ``في 1.53 ثانية``."""
    seconds = ms / 1000
    return f"في {seconds:.3f} ثانية" if seconds < 0.1 else f"في {seconds:.2f} ثانية"


def url_with(path: str, args: MultiDict) -> str:
    """``path`` with ``args`` as its query string (repeated keys kept, empty values dropped)."""
    pairs = [(k, v) for k, v in args.items(multi=True) if v != ""]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def search_args(args: MultiDict) -> MultiDict:
    """A copy of the request's parameters that keeps the search and forgets the page. A
    one-value parameter sent twice keeps its first value: every link and form made from it is a
    request the site answers (the error page for ``sort=a&sort=b`` offers the search again)."""
    out = MultiDict(args)
    for name in _VIEW_ONLY:
        out.poplist(name)
    for name in ONE_VALUE & out.keys():
        out.setlist(name, out.getlist(name)[:1])
    return out


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: a ``javascript:`` URL is no link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def display_date(iso: str | None) -> str:
    """``2015-03-12T08:00:00`` → ``12 مارس 2015``; anything unparsable is shown as it is."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def display_hijri(iso: str | None) -> str:
    """``1436-10-05`` → ``5 شوال 1436 هـ``; anything unparsable → empty."""
    try:
        year, month, day = (int(part) for part in (iso or "").split("-"))
        return f"{day} {HIJRI_MONTHS[month - 1]} {year} هـ"
    except (ValueError, IndexError):
        return ""


def facet_label(name: str, value: str) -> str:
    if name == "hijri_year":
        return f"{value} هـ"
    if name == "month" and len(value) == 7:
        try:
            return f"{MONTHS[int(value[5:]) - 1]} {value[:4]}"
        except (ValueError, IndexError):
            return value
    return value


@dataclass
class Link:
    label: str
    url: str
    selected: bool = False
    count: int | None = None


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[Link]
    truncated: bool = False


def facet_groups(result: SearchResult, path: str, args: MultiDict) -> list[FacetGroup]:
    """Each facet with, per value, the URL that adds it to the filters or removes it."""
    base = search_args(args)
    groups = []
    for name, values in result.facets.items():
        links = []
        for fv in values:
            toggled = MultiDict(base)
            chosen = [v for v in toggled.poplist(name) if v != fv.value]
            if not fv.selected:
                chosen.append(fv.value)
            toggled.setlist(name, chosen)
            links.append(Link(fv.label or facet_label(name, fv.value), url_with(path, toggled), fv.selected,
                              fv.count))
        groups.append(FacetGroup(name, FACET_LABELS.get(name, name), links,
                                 name in result.facets_truncated))
    return groups


def sort_links(result: SearchResult, path: str, args: MultiDict) -> list[Link]:
    """A link for each order of the results; a browse (no words typed) has no relevance to sort
    by, and lists the newest first whatever it is asked, so it offers the dates' orders only."""
    base = search_args(args)
    links = []
    for sort in SORTS:
        if sort == "relevance" and not result.query.strip():
            continue
        changed = MultiDict(base)
        changed.setlist("sort", [] if sort == "relevance" else [sort])
        links.append(Link(SORT_LABELS[sort], url_with(path, changed), result.sort == sort))
    return links


# A run of pages the pager leaves out ("…"): no URL.
GAP = Link("…", "")


@dataclass
class Pager:
    previous: str | None = None
    next: str | None = None
    pages: list[Link] = field(default_factory=list)


def page_url(path: str, args: MultiDict, n: int) -> str:
    """The search of ``args`` (every other parameter kept) at page ``n``."""
    changed = search_args(args)
    if n > 1:
        changed["page"] = str(n)
    return url_with(path, changed)


def past_end(result: SearchResult, path: str, args: MultiDict, max_page: int) -> Link | None:
    """The last page, when this page is past it though there are results (``page=4`` of 3):
    the JSON answers such a page with no hits and the true total, the page says so and links
    back instead of drawing an empty list under "23 نتيجة"."""
    last = min(result.pages, max_page)
    if not result.listed or result.page <= last:
        return None
    return Link(str(last), page_url(path, args, last))


def pager(result: SearchResult, path: str, args: MultiDict, max_page: int, window: int = 3) -> Pager:
    """Previous/next and a window of page numbers, never beyond the configured page depth."""
    last = min(result.pages, max_page)
    if last <= 1:
        return Pager()
    current = result.page
    numbers = sorted({1, last, *range(max(1, current - window), min(last, current + window) + 1)})
    links: list[Link] = []
    for before, n in zip([0, *numbers[:-1]], numbers, strict=True):
        if before and n > before + 1:
            links.append(GAP)  # pages left out between the window and the first or last
        links.append(Link(str(n), page_url(path, args, n), n == current))
    return Pager(
        previous=page_url(path, args, min(current - 1, last)) if current > 1 else None,  # past the end: the last
        next=page_url(path, args, current + 1) if current < last else None,
        pages=links,
    )


def suggestion_url(result: SearchResult, path: str, args: MultiDict) -> str | None:
    if not result.suggestion:
        return None
    changed = search_args(args)
    changed["q"] = result.suggestion
    return url_with(path, changed)


def original_url(result: SearchResult, path: str, args: MultiDict) -> str | None:
    """When the results are those of a spelling correction, the search for what was typed."""
    if not result.corrected_query:
        return None
    changed = search_args(args)
    changed["q"] = result.original_query or ""
    changed["autocorrect"] = "false"
    return url_with(path, changed)


def without(args: MultiDict, names: tuple[str, ...]) -> MultiDict:
    """The request's search parameters less ``names`` (and the page)."""
    out = search_args(args)
    for name in names:
        out.poplist(name)
    return out


def hidden_fields(args: MultiDict, drop: tuple[str, ...]) -> list[tuple[str, str]]:
    """The parameters a form must carry along so that submitting it keeps the other filters."""
    return [(k, v) for k, v in without(args, drop).items(multi=True) if v != ""]


OTHER_SOURCES = Noun("ومصدر آخر", "ومصدران آخران", "مصادر أخرى", "مصدرًا آخر", "مصدر آخر", "")


@dataclass
class CopyView:
    """A near-duplicate folded into a hit: the same story in another paper."""

    url: str
    source: str
    date: str
    title: str


@dataclass
class HitView:
    hit: Hit
    url: str
    link: str | None
    date: str
    source: str | None = None
    copies: list[CopyView] = field(default_factory=list)
    hijri: str = ""
    copies_label: str = ""  # و3 مصادر أخرى


def hit_views(hits: list[Hit], document_url, source_name=lambda value: value) -> list[HitView]:
    """Each hit with its document page URL, its source link (http(s) only), a readable date, its
    source's display name (``source_name``: the engine's labels) and the copies folded into it."""
    views = []
    for h in hits:
        copies = [CopyView(document_url(d.id), source_name(d.source) if d.source else "", display_date(d.date), d.title)
                  for d in h.duplicates]
        label = count_of(len(copies), OTHER_SOURCES)
        views.append(HitView(h, document_url(h.id), http_url(h.url), display_date(h.date),
                             source=source_name(h.source) if h.source else None, copies=copies,
                             copies_label=label if len(copies) < 3 else f"و{label}",  # و3 مصادر أخرى: و is a prefix
                             hijri=display_hijri(h.date_hijri)))
    return views


def tag_links(tags: list[str], path: str) -> list[Link]:
    """Each tag with the search for its articles (``وسم:"معرض الكتاب"``)."""
    return [Link(tag, url_with(path, MultiDict([("q", f'وسم:"{tag}"')]))) for tag in tags]


def missing_words(hits: list[Hit]) -> list[str]:
    """The words the page's partial matches lack, each once, in the order first met (the
    separator above them lists these)."""
    return list(dict.fromkeys(word for h in hits if not h.matched_all for word in h.missing))


def paragraphs(body: str) -> list[str]:
    """The article body as paragraphs: the archive separates them with line breaks."""
    return [p.strip() for p in body.splitlines() if p.strip()]


def searched_args(args: MultiDict, result: SearchResult) -> MultiDict:
    """The request's ``args`` with the query the results answer: the correction when the search
    was answered by it (``أوردغان`` → ``أردوغان``), else as typed."""
    if not result.corrected_query:
        return args
    out = MultiDict(args)
    out["q"] = result.corrected_query
    return out


def with_part(path: str, args: MultiDict, number: int) -> str:
    """``path`` with the request's ``args`` (``format`` left out) and ``part`` of a long document
    when past the first (:mod:`indexer.parts`)."""
    out = MultiDict(args)
    out.poplist("format")
    out.poplist("part")
    if number > 1:
        out["part"] = str(number)
    return url_with(path, out)


def with_part_links(doc: Document, page_url: Callable[[int], str]) -> Document:
    """``doc`` with the addresses of its neighbouring parts (``page_url(n)``), where it has them."""
    return replace(doc, previous_part=page_url(doc.part - 1) if doc.part > 1 else None,
                   next_part=page_url(doc.part + 1) if doc.part < doc.parts else None)
