"""/blog/feed.atom: the latest published posts as Atom 1.0, every address absolute on SITE_URL.

Every link is made absolute here: the syndication framework would otherwise take the host from the
request (django.contrib.sites is not installed), and a visitor's Host header must not end up in a feed
the page cache serves to everyone.

Every text is written without the control characters XML 1.0 cannot hold: the forms refuse them, but a
row written another way (the admin, the demo, older data) must not turn the whole feed into a 500.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from blog.public import public_author_name, with_listing_relations

FEED_COUNT = 20

# What XML 1.0 cannot hold (tab and line breaks it can), and DEL, as blog.forms refuses it.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def writable(text):
    return UNWRITABLE.sub("", str(text))


def absolute(path):
    return settings.SITE_URL + path


class LatestPostsFeed(Feed):
    """Three queries: the posts, their authors, their tags."""

    feed_type = Atom1Feed
    title = _("Eye for AI talent blog")
    subtitle = _("Posts by the talents of Eye for AI, AI Sweden's programme for international AI graduates.")

    def link(self):
        return absolute(reverse("blog:index"))

    def feed_url(self):
        return absolute(reverse("blog:feed"))

    def feed_guid(self):
        return absolute(reverse("blog:feed"))

    def items(self):
        return list(with_listing_relations(Post.objects.published())[:FEED_COUNT])

    def item_title(self, post):
        return writable(post.title)

    def item_description(self, post):
        return writable(post.summary)

    def item_link(self, post):
        return absolute(post.get_absolute_url())

    def item_guid(self, post):
        # Stable whatever the title: the post's uuid, not its address.
        return f"urn:uuid:{post.uuid}"

    item_guid_is_permalink = False

    def item_author_name(self, post):
        return writable(", ".join(str(public_author_name(a.talent)) for a in post.authorships.all()))

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return max(post.updated_at, post.published_at)

    def item_categories(self, post):
        return [writable(tag.name) for tag in post.tags.all()]
