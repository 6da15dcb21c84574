"""What a public page shows of a post's authors: the byline each chose (blog.public.public_author_name)."""

from dataclasses import dataclass

from django import template

from blog.public import public_author_name

register = template.Library()


@dataclass(frozen=True)
class Byline:
    name: str
    url: str  # the author page, or "" (an erased talent, or one without a page yet)


@register.filter
def bylines(post):
    """The post's authors in order, from its prefetched authorships (blog.public.with_listing_relations)."""
    lines = []
    for authorship in post.authorships.all():
        talent = authorship.talent
        page = getattr(talent, "author_page", None) if talent is not None else None
        lines.append(Byline(public_author_name(talent), page.get_absolute_url() if page is not None else ""))
    return lines
