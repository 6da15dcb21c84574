"""/talent/blog/ is kept per person and language (blog/my_posts_page.py): each change that shows on it,
whoever makes it and however, shows on the next view; a sign-in elsewhere does not rebuild it; an erasure
takes the copies with it."""

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog import my_posts_page
from blog.models import Post
from talents.choices import ApplicationStatus
from talents.models import Application
from tests.blog.fixtures import PostFactory
from tests.conftest_helpers import erase_now
from tests.factories import CohortFactory


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def my_posts(client):
    response = client.get(reverse("blog_talent:posts"))
    assert response.status_code == 200
    return response.text


def test_a_title_changed_by_a_queryset_update_shows_on_the_next_view(talent_client, writer, other_writer):
    post = PostFactory(authors=[writer, other_writer], title="Triage queues")
    assert "Triage queues" in my_posts(talent_client)

    Post.objects.filter(pk=post.pk).update(title="Triage queues, revisited")

    assert "Triage queues, revisited" in my_posts(talent_client)


def test_a_co_authors_new_name_shows_on_the_next_view(talent_client, writer, other_writer, other_talent):
    PostFactory(authors=[writer, other_writer])
    assert "Luis Moreno" in my_posts(talent_client)

    other_talent.last_name = "Moreno Díaz"
    other_talent.save(update_fields=["last_name"])

    assert "Luis Moreno Díaz" in my_posts(talent_client)


def test_an_acceptance_makes_the_talent_a_writer_on_the_next_view(talent_client, talent):
    application = Application.objects.create(
        talent=talent.talent_profile, cohort=CohortFactory(), status=ApplicationStatus.INTERVIEW
    )
    assert "You can write for the blog once you are accepted to a cohort." in my_posts(talent_client)

    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ACCEPTED)

    page = my_posts(talent_client)
    assert "You can write for the blog once you are accepted to a cohort." not in page
    assert reverse("blog_talent:new") in page


def test_a_sign_in_elsewhere_keeps_the_copy(talent_client, writer, other_writer, other_talent):
    PostFactory(authors=[writer, other_writer])
    my_posts(talent_client)

    update_last_login(None, other_talent)  # every sign-in writes it; the list never shows it

    with CaptureQueriesContext(connection) as kept_view:
        my_posts(talent_client)
    assert not [query for query in kept_view.captured_queries if '"blog_post"' in query["sql"]]


def test_an_erased_talents_copies_leave_the_cache(
    talent_client, talent, writer, manager, django_capture_on_commit_callbacks
):
    PostFactory(authors=[writer], title="Mine alone")
    keys = [my_posts_page.page_key(talent.pk, language) for language in ("en", "sv")]
    my_posts(talent_client)
    talent_client.cookies["django_language"] = "sv"
    my_posts(talent_client)
    assert all(cache.get(key) is not None for key in keys)

    erase_now(talent, manager, django_capture_on_commit_callbacks)

    assert [cache.get(key) for key in keys] == [None, None]
