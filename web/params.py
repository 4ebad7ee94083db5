"""Turn query-string parameters into a :class:`SearchRequest`, with the limits the API promises.

The API and the HTML pages take the same parameters (docs/api.md): ``q, page, per_page, sort,
section, source, author, year, month, hijri_year, from, to, hijri_from, hijri_to, autocorrect,
collapse``; facet parameters may repeat, the others may not (:func:`refuse_repeats`). Both call
:func:`search_request`, so a URL copied from the site works against the API and the other way round.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote_to_bytes

from werkzeug.datastructures import MultiDict

from search import (
    FILTER_FIELDS,
    SORTS,
    Limits,
    QueryError,
    SearchRequest,
    parse_date_bound,
    parse_day,
)
from web.errors import bad_request

# Used with fullmatch (``$`` lets a final newline through). ASCII digits only: Python's \d also
# takes Arabic-Indic digits, JSON Schema's pattern in the OpenAPI spec does not.
YEAR = re.compile(r"[0-9]{4}")
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
# At most 9 digits: every limit is far below, and int() refuses strings of more than 4,300 digits
# (a ValueError, once a 500); a longer number is out of range like any other too large one.
INTEGER = re.compile(r"-?[0-9]+")
MAX_DIGITS = 9
# Control characters other than whitespace have no place in a query; they become spaces.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Every parameter of the API and the pages that takes one value (docs/api.md); the facet
# filters (FILTER_FIELDS) repeat. tests/test_openapi.py ties this to the spec.
ONE_VALUE = frozenset({
    "q", "page", "per_page", "sort", "from", "to", "hijri_from", "hijri_to", "autocorrect",
    "collapse", "part", "limit", "text", "field",
})


def refuse_bad_encoding(query_string: bytes) -> None:
    """Refuse a query string whose %-escapes are no UTF-8 (``q=%FF%FE``; ``%ED%A0%80``, an encoded
    surrogate): Werkzeug keeps such bytes as their escapes, and «%FF%FE» was searched as text."""
    try:
        unquote_to_bytes(query_string.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request(
            "bad_encoding",
            "المعاملات ليست بترميز UTF-8",
            "the query string is not UTF-8 once its %-escapes are decoded",
        ) from None


def refuse_repeats(args: MultiDict) -> None:
    """Refuse a one-value parameter sent twice (``collapse=true&collapse=false``): reading the
    first and dropping the rest would answer a request other than the one sent, silently. A
    blank second copy counts too: two fields of one name are a malformed form or URL either way.
    Parameters we do not know (a tracker's ``utm_*``) are left alone, as when sent once."""
    for name in ONE_VALUE:
        count = len(args.getlist(name))
        if count > 1:
            raise bad_request(
                "repeated_parameter",
                f"أُرسل المعامل {name} أكثر من مرة؛ أرسله مرة واحدة",
                f"{name} is given {count} times; give it once",
            )


def given(args: MultiDict, name: str) -> str | None:
    """A parameter's value, None when absent or empty: an HTML form submits a field left blank as
    ``name=``, which means the same as leaving it out (for every parameter, API and pages alike)."""
    return args.get(name) or None


def int_param(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    """A bounded integer parameter; raises :class:`ApiError` (400) when it is not one."""
    raw = given(args, name)
    if raw is None:
        return default
    if not INTEGER.fullmatch(raw):  # int() would also take " 5", "1_0" and Arabic-Indic digits
        raise bad_request(
            f"bad_{name}", f"{name} يجب أن يكون عددًا صحيحًا", f"{name} must be an integer"
        )
    value = int(raw) if len(raw.lstrip("-")) <= MAX_DIGITS else None
    if value is None or not low <= value <= high:
        raise bad_request(
            f"bad_{name}",
            f"{name} يجب أن يكون بين {low} و{high}",
            f"{name} must be between {low} and {high}",
        )
    return value


# More parts than any body has (a column holds at most 2 GB a segment: about 21,500 parts of
# 100,000 one-byte characters); the engine knows each document's count.
MAX_PART = 100_000


def part_param(args: MultiDict) -> int:
    """``part``: which part of a long document's body (indexer/parts.py); the engine says when
    the document has no such part."""
    return int_param(args, "part", 1, 1, MAX_PART)


TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def bool_param(args: MultiDict, name: str, default: bool) -> bool:
    """``true``/``false`` (also 1/0, yes/no, on/off); raises :class:`ApiError` (400) otherwise."""
    raw = given(args, name)
    if raw is None:
        return default
    raw = raw.lower()  # not stripped: as the dates (_date), a value is taken as sent
    if raw not in TRUE + FALSE:
        raise bad_request(f"bad_{name}", f"{name} يجب أن يكون true أو false", f"{name} must be true or false")
    return raw in TRUE


# A date bound is typed by hand as often as picked (the API, a URL edited, the Hijri form's text
# box), in Arabic-Indic (١٤٣٦) or Persian (۱۴۳۶) digits too, and may name a whole year or month
# as the query's ``date:`` does. Both calendars take these forms; the spec's pattern is this one.
DATE_DIGIT = "[0-9٠-٩۰-۹]"
DATE_PATTERN = f"{DATE_DIGIT}{{4}}(-{DATE_DIGIT}{{1,2}}){{0,2}}"
DATE = re.compile(DATE_PATTERN)


def _date(args: MultiDict, name: str) -> date | None:
    """A Gregorian bound as an inclusive day: YYYY-MM-DD, or a whole YYYY or YYYY-MM (``from``
    its first day, ``to`` its last); empty means no bound, since the HTML form sends ``from=&to=``
    when left blank. Taken as sent, as the spec's pattern says: Python's ``strip`` would also take
    control characters (U+001F) for white space and accept them as no bound."""
    raw = args.get(name, "")
    if not raw:
        return None
    try:
        if not DATE.fullmatch(raw):  # 20150101, week dates and times are no forms of ours
            raise ValueError(raw)
        return parse_day(raw, end=name == "to")
    except ValueError:
        raise bad_request(
            f"bad_{name}",
            f"التاريخ {name} يجب أن يكون بصيغة YYYY-MM-DD أو YYYY-MM أو YYYY",
            f"{name} must be a date as YYYY-MM-DD, YYYY-MM or YYYY",
        ) from None


def _hijri(args: MultiDict, name: str) -> str:
    """A Hijri bound as typed (the forms and digits of :data:`DATE`), read here as the engine will
    read it, so that a month 13 or a year outside the Umm al-Qura tables is
    ``bad_hijri_from``/``bad_hijri_to`` naming the parameter, as ``bad_from`` does, not the
    engine's unnamed ``bad_query``. Taken as sent, as a Gregorian bound is (:func:`_date`)."""
    raw = args.get(name, "")
    if raw and not (DATE.fullmatch(raw) and _readable_hijri(raw)):
        raise bad_request(
            f"bad_{name}",
            f"{name} يجب أن يكون تاريخًا هجريًا YYYY أو YYYY-MM أو YYYY-MM-DD بين {HIJRI_YEARS}",
            f"{name} must be a Hijri date as YYYY, YYYY-MM or YYYY-MM-DD, years {HIJRI_YEARS}",
        )
    return raw


HIJRI_YEARS = "1343-1500"  # the Umm al-Qura tables' years (indexer/hijri.py)


def _readable_hijri(raw: str) -> bool:
    try:
        parse_date_bound(raw, hijri=True)
    except QueryError:
        return False
    return True


def clean_text(value: str) -> str:
    return CONTROL.sub(" ", value).strip()


def query_text(args: MultiDict, limits: Limits, name: str = "q") -> str:
    """The query string, refused when longer than ``limits.max_query_chars``."""
    raw = args.get(name, "")
    limit = limits.max_query_chars
    if len(raw) > limit:  # the raw length, as the OpenAPI maxLength promises
        raise bad_request(
            "query_too_long",
            f"الاستعلام أطول من {limit} حرف",
            f"the query is longer than {limit} characters",
        )
    return clean_text(raw)


def filters(args: MultiDict, limits: Limits) -> dict[str, list[str]]:
    """The facet filters; each parameter may repeat (any of its values matches)."""
    out: dict[str, list[str]] = {}
    most = limits.max_filter_values
    for name in FILTER_FIELDS:
        sent = args.getlist(name)
        raw = [v for v in sent if v]  # a blank form field is no filter
        pattern = {"year": YEAR, "month": MONTH, "hijri_year": YEAR}.get(name)
        if pattern and not all(pattern.fullmatch(v) for v in raw):
            shape = "YYYY-MM" if name == "month" else "YYYY"
            raise bad_request(
                f"bad_{name}", f"{name} يجب أن يكون بصيغة {shape}", f"{name} must look like {shape}"
            )
        if len(sent) > most:  # counted as sent, blanks too (the spec's maxItems)
            raise bad_request(
                "too_many_filters",
                f"عدد قيم {name} أكثر من {most}",
                f"more than {most} values for {name}",
            )
        values = list(dict.fromkeys(v for v in map(clean_text, raw) if v))
        if values:
            out[name] = values
    return out


# Every parameter a search reads (the others, utm_source and the like, ask for nothing).
SEARCH_PARAMETERS = frozenset({"q", "page", "per_page", "sort", "from", "to", "hijri_from", "hijri_to",
                               "autocorrect", "collapse", *FILTER_FIELDS})


def search_request(args: MultiDict, limits: Limits) -> SearchRequest:
    """Parse and check every search parameter; raises :class:`ApiError` (400) on bad input."""
    q = query_text(args, limits)
    per_page = int_param(args, "per_page", limits.default_per_page, 1, limits.max_per_page)
    depth = limits.max_depth
    page = int_param(args, "page", 1, 1, depth)
    if page * per_page > depth:
        raise bad_request(
            "page_too_deep",
            f"لا يمكن تصفح أكثر من أول {depth} نتيجة؛ حدد البحث أكثر",
            f"only the first {depth} results can be paged through (page * per_page); refine the query",
        )
    sort = given(args, "sort") or "relevance"
    if sort not in SORTS:
        raise bad_request(
            "bad_sort",
            f"الترتيب يجب أن يكون أحد: {'، '.join(SORTS)}",
            f"sort must be one of {', '.join(SORTS)}",
        )
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise bad_request(
            "bad_date_range", "تاريخ البداية بعد تاريخ النهاية", "the start date is after the end date"
        )
    return SearchRequest(
        q=q,
        page=page,
        per_page=per_page,
        sort=sort,
        filters=filters(args, limits),
        date_from=date_from,
        date_to=date_to,
        autocorrect=bool_param(args, "autocorrect", True),
        collapse=bool_param(args, "collapse", True),
        hijri_from=_hijri(args, "hijri_from"),
        hijri_to=_hijri(args, "hijri_to"),
    )
