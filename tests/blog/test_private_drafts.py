"""A private draft (a draft never sent for review) by one rule: Post.is_private_draft for a loaded row and
Post.objects.private_drafts() / seen_by_team() for a query ask the same (blog/models/posts.py)."""

import pytest
from django.utils import timezone

from blog.choices import PostStatus
from blog.models import Post
from tests.blog.fixtures import PostFactory

pytestmark = pytest.mark.django_db


def test_the_property_and_the_queries_name_the_same_posts():
    now = timezone.now()
    # What the checks of a scheduled and a published post ask for, on every row alike.
    valid = {"publish_at": now, "published_at": now}
    posts = [
        PostFactory(status=status, submitted_at=submitted_at, slug=f"{status}-{index}", **valid)
        for status in PostStatus
        for index, submitted_at in enumerate((None, now))
    ]

    private = set(Post.objects.private_drafts().values_list("pk", flat=True))
    seen = set(Post.objects.seen_by_team().values_list("pk", flat=True))

    assert private == {post.pk for post in posts if post.is_private_draft}
    assert seen == {post.pk for post in posts} - private
    assert [(post.status, post.submitted_at is None) for post in posts if post.pk in private] == [
        (PostStatus.DRAFT, True)
    ]
