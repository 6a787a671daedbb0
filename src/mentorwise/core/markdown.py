"""Administrator-written Markdown (guide pages, a program's "what it is" and "what it is not"),
rendered to sanitised HTML.

The renderer is markdown-it-py (CommonMark, with tables), whose time grows in proportion to the
text: Python-Markdown took time in the square of the number of unclosed brackets (8,000 `[` took
seconds on every view). Raw HTML in the text is shown as text, and nh3 then keeps only the tags
below. Every such text is also bounded (MARKDOWN_MAX_CHARS, in forms, services and the models),
and the last texts rendered are remembered per process, so a page viewed by every member renders
its text once.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

MARKDOWN_MAX_CHARS = 20_000

ALLOWED_TAGS = {
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}

_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


@lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Safe HTML for `text` (a str: the result may be marked safe)."""
    html = _parser.render(text or "")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}})
