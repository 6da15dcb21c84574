"""/talent/blog/: the writer's own posts, each row as blog.post_rows.my_post_rows writes it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.choices import PostStatus
from blog.models import Authorship
from tests.blog.fixtures import PostFactory, make_writer
from tests.factories import UserFactory


@pytest.fixture
def writer_client(client, talent, writer):
    client.force_login(talent)
    return client


def _row(page, post):
    start = page.index(reverse("blog_talent:edit", kwargs={"uuid": post.uuid}))
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def test_each_row_says_the_posts_state_and_co_authors(writer_client, writer, other_writer):
    draft = PostFactory(authors=[writer, other_writer], title="Our draft")
    scheduled = PostFactory(
        authors=[writer], status=PostStatus.SCHEDULED, publish_at=timezone.now() + timedelta(days=3)
    )
    published = PostFactory(
        authors=[writer], status=PostStatus.PUBLISHED, slug="out-there", published_at=timezone.now()
    )

    page = writer_client.get(reverse("blog_talent:posts")).content.decode()

    row = _row(page, draft)
    assert "Our draft" in row and "badge-draft" in row
    assert other_writer.name in row and writer.name not in row
    assert "Scheduled for " in _row(page, scheduled)
    row = _row(page, published)
    assert reverse("blog:post", kwargs={"slug": "out-there"}) in row
    assert "(public page of “" in row
    assert f'datetime="{timezone.localtime(draft.created_at).isoformat()}"' in _row(page, draft)


def test_co_authors_are_named_in_byline_order_and_an_erased_one_is_left_out(writer_client, writer, other_writer):
    third = make_writer(UserFactory(first_name="Zelda", last_name="Berg"))
    post = PostFactory(authors=[third, writer, other_writer], title="Three of us")
    Authorship.objects.create(post=post, talent=None, position=3)  # an erased talent's byline stays

    row = _row(writer_client.get(reverse("blog_talent:posts")).content.decode(), post)

    assert f'<td data-label="Co-authors">Zelda Berg, {other_writer.name}</td>' in row


@pytest.mark.parametrize("size", [1, 15])
def test_the_list_issues_a_fixed_number_of_queries(
    writer_client, writer, other_writer, size, django_assert_num_queries
):
    for _ in range(size):
        PostFactory(authors=[writer, other_writer])
    # session, user with profile, the writer check, the posts, their co-authors' names
    with django_assert_num_queries(5):
        response = writer_client.get(reverse("blog_talent:posts"))
    assert response.content.decode().count('<th scope="row">') == size
    # Then the list is the kept copy (blog/my_posts_page.py) and the person the kept one: the session alone.
    with django_assert_num_queries(1):
        kept = writer_client.get(reverse("blog_talent:posts"))
    assert kept.content.decode().count('<th scope="row">') == size
