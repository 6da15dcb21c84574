"""What the public pages show of the blog: bylines and the latest posts (for the front page and host pages)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from blog.models import Authorship, Post
from talents.models import Application

LATEST_COUNT = 3


def with_bylines():
    """The authors of each post with what a byline reads (their names and author pages), in one query."""
    return Prefetch("authorships", queryset=Authorship.objects.select_related("talent__user", "talent__author_page"))


def with_listing_relations(posts):
    """Posts with what a list of them shows (cover, authors with their author pages, tags), in a fixed
    number of queries whatever the number of posts."""
    return posts.select_related("cover").prefetch_related(
        with_bylines(),
        "tags",
    )


def latest_posts(*, organization=None, count=LATEST_COUNT):
    posts = Post.objects.published()
    if organization is not None:
        posts = posts.filter(hosts=organization)
    return list(with_listing_relations(posts)[:count])


def public_author_name(talent):
    """The name a byline shows: the talent's, if their author page says so; else a neutral phrase."""
    if talent is None:
        return _("a former talent")
    page = getattr(talent, "author_page", None)
    if page is not None and page.show_name:
        return talent.user.get_full_name() or _("an Eye for AI talent")
    return _("an Eye for AI talent")


def latest_cohort(talent):
    """The latest cohort the talent was accepted in (an author page's "cohort"), or None."""
    application = (
        Application.objects.accepted()
        .filter(talent=talent)
        .select_related("cohort")
        .order_by("-cohort__starts_on")
        .first()
    )
    return application.cohort if application else None
