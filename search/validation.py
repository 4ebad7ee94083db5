"""Request validation against the configured limits, the same for every backend."""

from __future__ import annotations

from search.errors import bilingual
from search.results import FILTER_FIELDS, SORTS, SearchRequest
from search.settings import Limits


def validate(request: SearchRequest, limits: Limits) -> None:
    """Raise :class:`search.errors.QueryError` (a 400) for a request beyond ``limits``."""
    if len(request.q or "") > limits.max_query_chars:
        raise bilingual(
            f"the query is too long ({len(request.q)} characters, at most {limits.max_query_chars})",
            f"الاستعلام أطول من الحد المسموح ({limits.max_query_chars} حرفا)",
        )
    if not isinstance(request.page, int) or request.page < 1:
        raise bilingual("page must be a whole number from 1", "رقم الصفحة يجب أن يكون 1 أو أكثر")
    if not isinstance(request.per_page, int) or not 1 <= request.per_page <= limits.max_per_page:
        raise bilingual(
            f"per_page must be between 1 and {limits.max_per_page}",
            f"عدد النتائج في الصفحة بين 1 و{limits.max_per_page}",
        )
    if request.page * request.per_page > limits.max_depth:
        raise bilingual(
            f"only the first {limits.max_depth} results can be paged through; refine the query",
            f"لا يمكن تصفح أكثر من أول {limits.max_depth} نتيجة؛ حدد البحث أكثر",
        )
    if request.sort not in SORTS:
        raise bilingual(f"sort must be one of {', '.join(SORTS)}", "الترتيب: relevance أو newest أو oldest")
    for name in request.filters:
        if name not in FILTER_FIELDS:
            raise bilingual(f"unknown filter {name!r}: use {', '.join(FILTER_FIELDS)}", f"مرشح غير معروف: {name}")
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise bilingual("the start date is after the end date", "تاريخ البداية بعد تاريخ النهاية")
