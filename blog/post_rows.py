"""The rows of the talent's and the host's post lists (/talent/blog/, /host/blog/), formatted once in
Python: a URL reversed once per page, dates as the `|date` filter writes them (in the current time
zone), the templates' sentences by their msgids. Per-row template logic was most of these pages' time.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from blog.choices import PostStatus
from eyeforai.paths import uuid_paths


def _date(moment, format_name="DATE_FORMAT"):
    return formats.date_format(timezone.localtime(moment), format_name) if moment else ""


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


def my_post_rows(posts, *, talent):
    """Posts by `talent` (with their authorships and the co-authors' users) as /talent/blog/ lists them."""
    edit_url = uuid_paths("blog_talent:edit")
    rows = []
    for post in posts:
        coauthors = [a.talent.name for a in post.authorships.all() if a.talent_id and a.talent_id != talent.pk]
        published = post.is_published
        scheduled = post.status == PostStatus.SCHEDULED
        rows.append(
            MyPostRow(
                title=post.title,
                edit_url=edit_url(post.uuid),
                status=post.status,
                status_label=post.get_status_display(),
                started=_date(post.created_at),
                started_iso=timezone.localtime(post.created_at).isoformat(),
                changed=_date(post.updated_at),
                changed_iso=timezone.localtime(post.updated_at).isoformat(),
                published_url=post.get_absolute_url() if published else "",
                published=_date(post.published_at) if published else "",
                public_page_label=_("(public page of “%(title)s”)") % {"title": post.title} if published else "",
                scheduled=_("Scheduled for %(when)s") % {"when": _date(post.publish_at, "DATETIME_FORMAT")}
                if scheduled and not published
                else "",
                coauthors=", ".join(coauthors) or "—",
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
