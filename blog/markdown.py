"""A post's Markdown as safe HTML (eyeforai/markdown.py): its own images only, external links marked.

A post may show only images uploaded to it (/blog/images/<uuid>/ of its own PostImage rows): an author
cannot pull another post's unpublished image, or anything from another site, into a public page. Links
leaving the site get rel="nofollow noopener": the blog vouches for none of them.
"""

import re
from dataclasses import dataclass

from eyeforai import markdown

IMAGE_PATH = re.compile(r"/blog/images/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(small/)?")
LINK_REL = "nofollow noopener noreferrer"


@dataclass(frozen=True)
class OwnImages:
    """Allows exactly these image UUIDs (hashable, so the rendering cache keys on it)."""

    uuids: frozenset

    def __call__(self, url):
        match = IMAGE_PATH.fullmatch(markdown.site_relative(url).lower())
        return match is not None and match.group(1) in self.uuids


def render_post_body(post, images=None):
    """The post's text as HTML safe to put in a page. `images`: its PostImage rows, if already loaded."""
    images = post.images.all() if images is None else images
    allowed = OwnImages(frozenset(str(image.uuid) for image in images))
    return markdown.render_markdown(post.body, image_allowed=allowed, link_rel=LINK_REL, external_only=True)
