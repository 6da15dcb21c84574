"""Markdown that people write (a lesson, a blog post) as HTML that is safe to put in a page.

Two layers. markdown-it-py (CommonMark, tables) with raw HTML off, so a "<script>" in the source is shown
as text, and its own link check (no javascript:, vbscript:, file:, data: links). Then nh3 (ammonia) with
an allow-list of tags and attributes, no event handlers, no styles, no iframes, only http(s)/mailto and
relative URLs, and a `rel` on every link. Images come only from addresses the caller allows (its own
image view on this site); any other image is dropped, so a page never loads anything from elsewhere.
Headings move down one level: the page's h1 is the text's title.
"""

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
# The text's top heading level (whether its author wrote "#" or "##") is the page's second level, under
# its title; deeper levels follow without gaps and stop at h4.
HIGHEST_HEADING, LOWEST_HEADING = 2, 4

_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


def site_relative(url):
    """`url` without this site's address in front (so an absolute link to SITE_URL reads as a path)."""
    if url.startswith(settings.SITE_URL + "/"):
        return url[len(settings.SITE_URL) :]
    return url


def render_markdown(text, *, image_allowed, link_rel="noopener noreferrer", external_only=False):
    """`text` as HTML that is safe to put in a page (marked safe).

    `image_allowed(url)` says which image addresses may stay; it must be a module-level function or an
    object that compares by value (it is part of the cache key). `link_rel` goes on every link, or with
    `external_only` on links that leave this site only.
    """
    # Cleaned by nh3 with the allow-list above.
    html = _clean_html(text or "", settings.SITE_URL, image_allowed, link_rel, external_only)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def _shift_headings(tokens):
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    top = min((int(token.tag[1]) for token in headings), default=1)
    for token in headings:
        token.tag = f"h{min(int(token.tag[1]) - top + HIGHEST_HEADING, LOWEST_HEADING)}"


def _leaves_site(href):
    href = href.strip().lower()
    if href.startswith("//"):  # another host, in the page's scheme
        return True
    # "http:host" without slashes too: a browser opens it as http://host/.
    return href.startswith(("http:", "https:")) and not href.startswith(settings.SITE_URL.lower() + "/")


def _mark_external_links(tokens, rel):
    # Raw HTML is off, so a rel attribute can only come from here.
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open" and _leaves_site(child.attrGet("href") or ""):
                child.attrSet("rel", rel)


def _drop_foreign_images(tokens, image_allowed):
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = [
                child for child in token.children if child.type != "image" or image_allowed(child.attrGet("src") or "")
            ]


# A page many people open shows the same few texts: each is parsed and cleaned once per process, not on
# every request (the text itself is the key, so an edited text renders afresh; the site's address too,
# which decides what an image may point at).
@lru_cache(maxsize=256)
def _clean_html(text, site_url, image_allowed, link_rel, external_only):
    tokens = _parser.parse(text)
    _shift_headings(tokens)
    _drop_foreign_images(tokens, image_allowed)
    if external_only:
        _mark_external_links(tokens, link_rel)
    html = _parser.renderer.render(tokens, _parser.options, {})

    def keep_attribute(element, attribute, value):
        # Second line of defence: an <img> whose address is not allowed loses it (the Markdown step
        # already dropped such images; this holds even if that step is ever changed).
        if element == "img" and attribute == "src" and not image_allowed(value):
            return None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes={**ALLOWED_ATTRIBUTES, "a": {"href", "title", "rel"}} if external_only else ALLOWED_ATTRIBUTES,
        attribute_filter=keep_attribute,
        strip_comments=True,
        link_rel=None if external_only else link_rel,
        url_schemes=URL_SCHEMES,
    )
