"""What the HTML templates draw, computed from the engine's result objects and the request's URL.

Datasette's rule: a facet value carries its own toggle URL, a page link its own URL, a date its own
display form, so templates only loop and print. Nothing here searches; everything here is about
URLs and words for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode, urlsplit

from werkzeug.datastructures import MultiDict

from search import SORTS, Hit, SearchResult

# Facet parameter (and field) names, as search.FILTER_FIELDS lists them, to their Arabic labels.
FACET_LABELS = {
    "section": "القسم",
    "source": "المصدر",
    "author": "الكاتب",
    "year": "السنة",
    "month": "الشهر",
}
SORT_LABELS = {"relevance": "الأكثر صلة", "newest": "الأحدث", "oldest": "الأقدم"}
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر")
# Parameters that describe one view of the results, not the search: dropped when it changes.
_VIEW_ONLY = ("page", "format")


def url_with(path: str, args: MultiDict) -> str:
    """``path`` with ``args`` as its query string (repeated keys kept, empty values dropped)."""
    pairs = [(k, v) for k, v in args.items(multi=True) if v != ""]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def search_args(args: MultiDict) -> MultiDict:
    """A copy of the request's parameters that keeps the search and forgets the page."""
    out = MultiDict(args)
    for name in _VIEW_ONLY:
        out.poplist(name)
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


def facet_label(name: str, value: str) -> str:
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
            links.append(Link(facet_label(name, fv.value), url_with(path, toggled), fv.selected,
                              fv.count))
        groups.append(FacetGroup(name, FACET_LABELS.get(name, name), links,
                                 name in result.facets_truncated))
    return groups


def sort_links(result: SearchResult, path: str, args: MultiDict) -> list[Link]:
    base = search_args(args)
    links = []
    for sort in SORTS:
        changed = MultiDict(base)
        changed.setlist("sort", [] if sort == "relevance" else [sort])
        links.append(Link(SORT_LABELS[sort], url_with(path, changed), result.sort == sort))
    return links


@dataclass
class Pager:
    previous: str | None = None
    next: str | None = None
    pages: list[Link] = field(default_factory=list)


def pager(result: SearchResult, path: str, args: MultiDict, max_page: int, window: int = 3) -> Pager:
    """Previous/next and a window of page numbers, never beyond the configured page depth."""
    last = min(result.pages, max_page)
    if last <= 1:
        return Pager()

    def page_url(n: int) -> str:
        changed = search_args(args)
        if n > 1:
            changed["page"] = str(n)
        return url_with(path, changed)

    current = result.page
    numbers = sorted({1, last, *range(max(1, current - window), min(last, current + window) + 1)})
    return Pager(
        previous=page_url(current - 1) if current > 1 else None,
        next=page_url(current + 1) if current < last else None,
        pages=[Link(str(n), page_url(n), n == current) for n in numbers],
    )


def suggestion_url(result: SearchResult, path: str, args: MultiDict) -> str | None:
    if not result.suggestion:
        return None
    changed = search_args(args)
    changed["q"] = result.suggestion
    return url_with(path, changed)


def hidden_fields(args: MultiDict, drop: tuple[str, ...]) -> list[tuple[str, str]]:
    """The parameters a form must carry along so that submitting it keeps the other filters."""
    return [(k, v) for k, v in search_args(args).items(multi=True) if k not in drop and v != ""]


@dataclass
class HitView:
    hit: Hit
    url: str
    link: str | None
    date: str


def hit_views(hits: list[Hit], document_url) -> list[HitView]:
    """Each hit with its document page URL, its source link (http(s) only) and a readable date."""
    return [HitView(h, document_url(h.id), http_url(h.url), display_date(h.date)) for h in hits]


def missing_words(hits: list[Hit]) -> list[str]:
    """The words the page's partial matches lack, each once, in the order first met (the
    separator above them lists these)."""
    return list(dict.fromkeys(word for h in hits if not h.matched_all for word in h.missing))


def paragraphs(body: str) -> list[str]:
    """The article body as paragraphs: the archive separates them with line breaks."""
    return [p.strip() for p in body.splitlines() if p.strip()]
