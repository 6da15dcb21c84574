"""Access-matrix entries for the review's URLs: the admin's review steps and the hosts' pages. To be merged
into the blog's ENTRIES (tests/blog/matrix.py), with `blog_post_shared_with_host` among the blog's fixtures.

Review steps (POST only): people who are not staff are sent to sign in (the admin's own rule), staff
without `blog.review_post` (a course manager) get a 403; a programme manager's "publish" works (302 back to
the page), an empty comment shows the page again with the error (200).
Host pages: the post names host_organization only, so other_host_member gets a 404 as for any other post.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.choices import PostStatus
from tests.access import NOT_FOUND, managers_only
from tests.blog.fixtures import PostFactory
from tests.hosts.matrix import members_only

REDIRECT = 302


@pytest.fixture
def blog_post_shared_with_host(host_organization):
    """A post in review that the team showed to host_organization."""
    post = PostFactory(status=PostStatus.SUBMITTED, submitted_at=timezone.now(), shared_with_hosts_at=timezone.now())
    post.hosts.add(host_organization)
    return post


def _admin_url(name):
    return lambda fixture: reverse(name, args=[fixture("blog_post_shared_with_host").pk])


def _step(action, manager):
    name = f"admin:blog_post_{action}"
    return name, managers_only(manager=manager, method="post", url=_admin_url(name))


ENTRIES = {
    **dict(
        [
            _step("comment", 200),  # no text: the page again, the error at the field
            _step("request_changes", 200),  # no note: likewise
            _step("publish", REDIRECT),
            _step("schedule", 200),  # no time: likewise
            _step("share", REDIRECT),
            _step("remove", 200),  # no reason: likewise
        ]
    ),
    "blog_host:posts": members_only(),
    "blog_host:post": members_only(
        other_host_member=NOT_FOUND,
        url=lambda fixture: reverse("blog_host:post", args=[fixture("blog_post_shared_with_host").uuid]),
    ),
}
