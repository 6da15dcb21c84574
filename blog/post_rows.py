"""The rows of the talent's and the host's post lists (/talent/blog/, /host/blog/), formatted once in
Python: a URL reversed once per page, dates as the `|date` filter writes them (in the current time
zone), the templates' sentences by their msgids. Per-row template logic was most of these pages' time.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from blog.choices import PostStatus
from eyeforai.accounts.names import display_name
from eyeforai.paths import uuid_paths


def _date(moment, format_name="DATE_FORMAT"):
    return formats.date_format(timezone.localtime(moment), format_name) if moment else ""


class _Days:
    """Each local day as DATE_FORMAT writes it, formatted once per list: a writer's posts were started,
    changed and published on a few days, and each formatting looks up the language's month names."""

    def __init__(self):
        self._written = {}

    def __call__(self, moment):
        local = timezone.localtime(moment)
        day = local.date()
        if day not in self._written:
            self._written[day] = formats.date_format(local, "DATE_FORMAT")
        return self._written[day]


@dataclass(frozen=True)
class MyPostRow:
    title: str
    edit_url: str
    status: str  # the badge's class suffix
    status_label: str
    started: str
    started_iso: str
    changed: str
    changed_iso: str
    published_url: str  # the public page, once published
    published: str
    public_page_label: str  # "(public page of “title”)", for screen readers
    scheduled: str  # "Scheduled for …", while scheduled
    coauthors: str


def my_post_rows(posts, *, coauthors):
    """A talent's posts as /talent/blog/ lists them; `coauthors`: {post id: [the other authors' users'
    (first name, last name, email)] in byline order}."""
    edit_url = uuid_paths("blog_talent:edit")
    day = _Days()
    rows = []
    for post in posts:
        names = [display_name(*person) for person in coauthors.get(post.pk, [])]
        published = post.is_published
        scheduled = post.status == PostStatus.SCHEDULED
        rows.append(
            MyPostRow(
                title=post.title,
                edit_url=edit_url(post.uuid),
                status=post.status,
                status_label=PostStatus(post.status).label,
                started=day(post.created_at),
                started_iso=timezone.localtime(post.created_at).isoformat(),
                changed=day(post.updated_at),
                changed_iso=timezone.localtime(post.updated_at).isoformat(),
                published_url=post.get_absolute_url() if published else "",
                published=day(post.published_at) if published and post.published_at else "",
                public_page_label=_("(public page of “%(title)s”)") % {"title": post.title} if published else "",
                scheduled=_("Scheduled for %(when)s") % {"when": _date(post.publish_at, "DATETIME_FORMAT")}
                if scheduled and not published
                else "",
                coauthors=", ".join(names) or "—",
            )
        )
    return rows


@dataclass(frozen=True)
class SharedPostRow:
    title: str
    url: str
    authors: str
    status: str
    shared: str


def shared_post_rows(posts, authorships, *, author_name):
    """Posts shared with a host as /host/blog/ lists them: `posts` as (pk, uuid, title, status, shared at)
    value rows, `authorships` theirs in byline order (with the talent, user and author page); `author_name`
    writes a byline."""
    post_url = uuid_paths("blog_host:post")
    bylines = defaultdict(list)
    for authorship in authorships:
        bylines[authorship.post_id].append(author_name(authorship.talent))
    return [
        SharedPostRow(
            title=title,
            url=post_url(uuid),
            authors=", ".join(bylines[pk]),
            status=PostStatus(status).label,
            shared=_date(shared_at),
        )
        for pk, uuid, title, status, shared_at in posts
    ]
