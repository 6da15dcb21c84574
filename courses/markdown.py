"""A lesson's Markdown as safe HTML: what course managers write is shown to every participant.

Two layers. markdown-it-py (CommonMark, tables) with raw HTML off, so a "<script>" in the source is shown
as text, and its own link check (no javascript:, vbscript:, file:, data: links). Then nh3 (ammonia) with
an allow-list of tags and attributes, no event handlers, no styles, only http(s)/mailto and relative URLs,
rel="noopener noreferrer" on every link. Images come only from this site's /course/images/<uuid>/ (served
to participants only, courses/views/lessons.py); any other image is dropped, so a lesson never loads
anything from elsewhere. Headings move down one level: the page's h1 is the lesson's title.
"""

import re
from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "img",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# "*": the attributes allowed on every tag; empty, or nh3 would keep its default (title and lang) on all of them.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "ol": {"start"}, "*": set()}
URL_SCHEMES = {"http", "https", "mailto"}
# The lesson's top heading level (whether its author wrote "#" or "##") is the page's second level, under
# the lesson's title; deeper levels follow without gaps and stop at h4.
HIGHEST_HEADING, LOWEST_HEADING = 2, 4

LESSON_IMAGE_PATH = re.compile(r"/course/images/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/")

_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


def is_lesson_image_url(url):
    """True for /course/images/<uuid>/ on this site (relative, or absolute under SITE_URL), nothing else."""
    if url.startswith(settings.SITE_URL + "/"):
        url = url[len(settings.SITE_URL) :]
    return LESSON_IMAGE_PATH.fullmatch(url.lower()) is not None


def _shift_headings(tokens):
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    top = min((int(token.tag[1]) for token in headings), default=1)
    for token in headings:
        token.tag = f"h{min(int(token.tag[1]) - top + HIGHEST_HEADING, LOWEST_HEADING)}"


def _drop_foreign_images(tokens):
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = [
                child
                for child in token.children
                if child.type != "image" or is_lesson_image_url(child.attrGet("src") or "")
            ]


def _keep_attribute(element, attribute, value):
    # Second line of defence: an <img> whose address is not a lesson image loses it (the Markdown step
    # already dropped such images; this holds even if that step is ever changed).
    if element == "img" and attribute == "src" and not is_lesson_image_url(value):
        return None
    return value


def render_markdown(text):
    """`text` (a lesson's Markdown) as HTML that is safe to put in a page (marked safe)."""
    # Cleaned by nh3 with the allow-list above.
    return mark_safe(_clean_html(text or "", settings.SITE_URL))  # noqa: S308  # nosec B308 B703


# A lesson page is what thousands of leaders open: the same few texts are parsed and cleaned once per
# process, not on every request (the text itself is the key, so an edited lesson renders afresh; the site's
# address too, which decides what an image may point at).
@lru_cache(maxsize=64)
def _clean_html(text, site_url):
    tokens = _parser.parse(text)
    _shift_headings(tokens)
    _drop_foreign_images(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        strip_comments=True,
        link_rel="noopener noreferrer",
        url_schemes=URL_SCHEMES,
    )
    return cleaned
