"""`?page=1&page_size=20` → {"items", "count", "page", "pages"}.

`page` and `page_size` must be whole numbers of at least 1 (otherwise 422, like any invalid
parameter); a `page_size` above 100 is served as 100. A page past the last one is empty (count
and pages still tell the truth).
"""

import math

from ninja import Field, Schema

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1)


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
