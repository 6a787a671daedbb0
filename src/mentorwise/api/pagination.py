"""`?page=1&page_size=20` → {"items", "count", "page", "pages"}.

Out-of-range values are clamped rather than refused: page_size to 1..100, page to ≥ 1. A page
past the last one is empty (count and pages still tell the truth). Values that are not whole
numbers are refused with 422 like any other invalid parameter.
"""

import math

from ninja import Schema

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


class PageParams(Schema):
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def paginate(queryset, params: PageParams, serialize) -> dict:
    size = min(max(params.page_size, 1), MAX_PAGE_SIZE)
    page = min(max(params.page, 1), MAX_PAGE)
    count = queryset.count()
    offset = (page - 1) * size
    rows = list(queryset[offset : offset + size]) if offset < count else []
    return {
        "items": [serialize(row) for row in rows],
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / size)),
    }
