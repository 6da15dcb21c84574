"""The talent's list of their own posts (/talent/blog/), built once and kept until something it shows changes.

A writer opens the list each time they go back to their writing, far more often than a post or a byline
changes. All of it but the layout is one copy per person and language (eyeforai/kept_copies.py), under a
generation that any write to the tables it reads ends (READ_TABLES: posts, bylines, the co-authors' names,
and the accepted applications that make a talent a writer; watched from blog/signals.py), noted where the
SQL runs so QuerySet writes count too. Nothing on it moves with the clock alone: a scheduled post is
published by a task, a write. The list holds no form, so no CSRF token.
"""

from collections import defaultdict
from functools import cache as cache_result

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from blog.access import writer_of
from blog.models import Authorship, Post
from blog.post_rows import my_post_rows
from eyeforai import write_watch
from eyeforai.kept_copies import kept
from talents.models import Application, TalentProfile

GENERATION_KEY = "blog:my-posts:generation"
# Part of each copy's key: a release that changes what a copy holds raises it.
PAGE_FORMAT = 1

# What the list shows (blog.post_rows.my_post_rows); the body and the rest are not loaded.
MY_POSTS_FIELDS = ["uuid", "slug", "title", "status", "created_at", "updated_at", "published_at", "publish_at"]


@cache_result
def read_tables():
    models = (Post, Authorship, TalentProfile, Application, get_user_model())
    return frozenset(model._meta.db_table for model in models)


def page_key(user_pk, language):
    return f"blog:my-posts:v{PAGE_FORMAT}:{user_pk}:{language}"


def forget_person(user_pk):
    """Delete the person's copies in every language (their titles and co-authors), now and after commit:
    they are being erased."""
    write_watch.forget(page_key(user_pk, language) for language, _name in settings.LANGUAGES)


def _coauthors(posts, *, talent):
    """{post id: [its other authors' users' (first name, last name, email)], in byline order}: a list of
    values, where a prefetch of the authorships with their talents and users cost more than the posts."""
    others = (
        Authorship.objects.filter(post__in=[post.pk for post in posts], talent__isnull=False)
        .exclude(talent=talent)
        .order_by("position", "pk")
        .values_list("post_id", "talent__user__first_name", "talent__user__last_name", "talent__user__email")
    )
    coauthors = defaultdict(list)
    for post_id, *person in others:
        coauthors[post_id].append(person)
    return coauthors


def _build(user):
    talent = writer_of(user)
    rows = []
    if talent is not None:  # a talent not yet accepted: the page explains
        posts = list(Post.objects.written_by(talent).only(*MY_POSTS_FIELDS).order_by("-updated_at", "-pk"))
        rows = my_post_rows(posts, coauthors=_coauthors(posts, talent=talent) if posts else {})
    html = render_to_string("blog/talent/includes/posts_body.html", {"talent": talent, "rows": rows})
    return html, None


def kept_list(user):
    """The list's HTML for `user`, a talent: the copy kept for them and the language while it holds, else
    built and kept."""
    html = kept(GENERATION_KEY, page_key(user.pk, get_language()), lambda: _build(user))
    # Safe: our own template rendered it, escaping what it shows.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
