"""The access matrix calls the talent's POST-only actions with GET (405); here they are posted for real by
people who are not the post's authors: a 404, and the post, its images and its thread are as they were.
And an image is served so that no browser could read it as a page."""

import pytest
from django.urls import reverse

from blog.choices import PostStatus
from blog.models import Post, PostComment, PostImage
from blog.services.review import publish_post, submit_post
from blog.services.writing import add_image
from tests.blog.fixtures import PostFactory, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(talent, writer):
    post = PostFactory(authors=[writer], title="Mine")
    add_image(post, upload=png_upload(), alt="A chart", by=talent)
    return post


def _actions(post):
    image = post.images.get()
    return {
        "edit": (reverse("blog_talent:edit", args=[post.uuid]), {"title": "Taken", "summary": "s", "body": "b"}),
        "add_image": (reverse("blog_talent:add_image", args=[post.uuid]), {"alt": "x", "image": png_upload()}),
        "remove_image": (reverse("blog_talent:remove_image", args=[post.uuid, image.uuid]), {}),
        "submit": (reverse("blog_talent:submit", args=[post.uuid]), {}),
        "comment": (reverse("blog_talent:comment", args=[post.uuid]), {"body": "Hello"}),
        "delete": (reverse("blog_talent:delete", args=[post.uuid]), {}),
    }


def _state(post):
    post = Post.objects.get(pk=post.pk)
    return post.title, post.status, list(PostImage.objects.values_list("uuid", flat=True)), PostComment.objects.count()


@pytest.mark.parametrize("action", ["edit", "add_image", "remove_image", "submit", "comment", "delete"])
@pytest.mark.parametrize("role", ["other_talent", "host_member", "manager", "participant"])
def test_only_an_author_can_act_on_a_post(client_for, draft, other_writer, action, role):
    before = _state(draft)
    url, data = _actions(draft)[action]
    response = client_for(role).post(url, data)
    assert response.status_code == 404
    assert _state(draft) == before


@pytest.mark.parametrize("action", ["edit", "add_image", "remove_image", "submit", "comment", "delete"])
def test_an_anonymous_post_to_an_action_is_sent_to_sign_in(client, draft, action):
    before = _state(draft)
    url, data = _actions(draft)[action]
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert _state(draft) == before


def test_an_image_is_served_as_an_image_only(client, talent, draft):
    image = draft.images.get()
    submit_post(draft, by=talent)
    publish_post(draft, by=talent)
    assert Post.objects.get(pk=draft.pk).status == PostStatus.PUBLISHED
    for url in (image.get_absolute_url(), image.small_url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
