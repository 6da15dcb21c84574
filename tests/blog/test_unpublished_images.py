"""An unpublished post's images follow the post (blog.access.get_image_for_reader): open to its authors, to the
team once the post was sent for review, and to the members of a host the team showed it to; a 404 to anyone
else, as for an image that does not exist."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.services.review import publish_post, remove_post, share_with_hosts, submit_post
from blog.services.writing import add_image, start_post
from tests.blog.fixtures import make_writer, png_upload

ROLES = ["anonymous", "other_talent", "other_host_member", "course_manager", "talent", "manager", "host_member"]


def post_data(host):
    return {
        "title": "Before it is public",
        "summary": "Nobody but its readers may see its pictures yet.",
        "body": "## Draft\n\nNot yet.",
        "language": "en",
        "tags": [],
        "hosts": [host],
        "coauthors": [],
        "cover": None,
    }


@pytest.fixture
def unpublished(writer, talent, manager, host_organization):
    """A post with one image, taken (by its services) to the state named, by talent and the team."""

    def build(state):
        post = start_post(writer, data=post_data(host_organization), by=talent)
        image = add_image(post, upload=png_upload(), alt="A chart", by=talent)
        if state != "private draft":
            submit_post(post, by=talent)
        if state == "shown to host":
            share_with_hosts(post, by=manager)
        elif state == "scheduled":
            publish_post(post, by=manager, at=timezone.now() + dt.timedelta(days=3))
        elif state == "removed":
            remove_post(publish_post(post, by=manager), reason="Names a patient.", by=manager)
        return image

    return build


# Who gets the image, by the post's state: anyone not listed gets a 404.
READERS = {
    # The team has not been sent it: its authors' alone (blog.access.can_read_unpublished).
    "private draft": {"talent"},
    "shown to host": {"talent", "manager", "host_member"},
    "scheduled": {"talent", "manager"},
    "removed": {"talent", "manager"},
}


@pytest.mark.parametrize("state", list(READERS))
def test_an_unpublished_posts_image_opens_only_for_those_who_may_read_the_post(
    client_for, state, unpublished, other_talent, other_host_member, host_member, course_manager
):
    make_writer(other_talent)  # a writer too: their 404 comes from not being an author
    image = unpublished(state)

    answers = {}
    for role in ROLES:
        client = client_for(role)
        answers[role] = {
            client.get(reverse(name, args=[image.uuid])).status_code for name in ("blog:image", "blog:image_small")
        }

    assert answers == {role: {200} if role in READERS[state] else {404} for role in ROLES}


def test_an_unpublished_posts_image_is_kept_by_the_readers_browser_only(client_for, unpublished, host_member):
    image = unpublished("shown to host")
    for role in ("talent", "manager", "host_member"):
        response = client_for(role).get(reverse("blog:image", args=[image.uuid]))
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
