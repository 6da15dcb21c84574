"""The activity log of a post: every step names who took it and which state it moved, and a draft never sent
for review shows the team nothing of itself there (blog/services/activity.py)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from blog.choices import CommentKind
from blog.models import Post
from blog.services.activity import PRIVATE_DRAFT
from blog.services.review import (
    comment_on_post,
    publish_post,
    remove_post,
    request_changes,
    share_with_hosts,
    submit_post,
)
from blog.services.writing import add_image, delete_draft, remove_image, start_post, update_post
from eyeforai.activity.models import ActivityEntry
from tests.blog.fixtures import png_upload

pytestmark = pytest.mark.django_db

SCHEDULED_AT = dt.datetime(2099, 3, 2, 10, 30, tzinfo=dt.UTC)
TITLE = "My burnout at the clinic"
ALT = "Me crying in the staff room"


def post_data(**overrides):
    return {
        "title": TITLE,
        "summary": "What nobody told me about night shifts.",
        "body": "## Week one\n\nToo much coffee.",
        "language": "en",
        "tags": [],
        "hosts": [],
        "coauthors": [],
        "cover": None,
        **overrides,
    }


def entries_of(post_pk):
    """The entries about the post with this id (there even once it is deleted), oldest first."""
    return ActivityEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id=str(post_pk)
    ).order_by("at", "pk")


def activity_pages(client):
    """The manager's activity list and its CSV export, as text."""
    list_page = client.get(reverse("admin:activity_activityentry_changelist"))
    export = client.get(reverse("admin:activity_activityentry_export"))
    assert list_page.status_code == 200 and export.status_code == 200
    return list_page.content.decode(), b"".join(export.streaming_content).decode()


# --- A private draft ---------------------------------------------------------------------------------


def test_a_draft_never_submitted_shows_the_team_who_did_what_but_not_its_title_or_images(
    client_for, writer, talent, manager
):
    post = start_post(writer, data=post_data(), by=talent)
    image = add_image(post, upload=png_upload(), alt=ALT, by=talent)
    update_post(post, talent=writer, data=post_data(body="Rewritten."), by=talent)
    remove_image(image, by=talent)
    add_image(post, upload=png_upload(), alt=ALT, by=talent)
    delete_draft(post, by=talent)

    steps = [(e.action, e.actor_email, e.object_repr, e.note) for e in entries_of(post.pk)]
    assert steps == [
        (action, talent.email, PRIVATE_DRAFT, "")
        for action in (
            "post.started",
            "post.image_added",
            "post.changed",
            "post.image_removed",
            "post.image_added",
            "post.deleted",
        )
    ]
    for text in activity_pages(client_for("manager")):
        assert TITLE not in text and ALT not in text
        assert "post.started" in text and "post.deleted" in text and PRIVATE_DRAFT in text


def test_once_submitted_a_posts_steps_are_described_even_when_it_is_back_with_its_authors(
    client_for, writer, talent, manager
):
    post = start_post(writer, data=post_data(), by=talent)
    submit_post(post, by=talent)
    request_changes(post, note="Name the clinic, please.", by=manager)
    add_image(post, upload=png_upload(), alt=ALT, by=talent)
    update_post(post, talent=writer, data=post_data(body="With the clinic named."), by=talent)

    later = list(entries_of(post.pk))[1:]
    assert [(e.action, e.object_repr) for e in later] == [
        ("post.submitted", TITLE),
        ("post.changes_requested", TITLE),
        ("post.image_added", TITLE),
        ("post.changed", TITLE),
    ]
    assert later[2].note == ALT
    list_page, export = activity_pages(client_for("manager"))
    assert TITLE in list_page and ALT in list_page
    assert TITLE in export and ALT in export


# --- Every step's entry ------------------------------------------------------------------------------


@pytest.fixture
def steps(writer, talent, manager, host_organization):
    """Ways to take each step of a post's life, each returning the post it was taken on."""

    def draft():
        return start_post(writer, data=post_data(hosts=[host_organization]), by=talent)

    def submitted():
        return submit_post(draft(), by=talent)

    def sent_back():
        return request_changes(submitted(), note="Name the clinic, please.", by=manager)

    def image_removed():
        post = sent_back()
        remove_image(add_image(post, upload=png_upload(), alt=ALT, by=talent), by=talent)
        return post

    def deleted():
        post = draft()
        delete_draft(post, by=talent)
        return post

    return {
        "submitted": submitted,
        "changes_requested": sent_back,
        "commented": lambda: comment_on_post(submitted(), body="Lovely.", by=manager, kind=CommentKind.TEAM).post,
        "shared": lambda: share_with_hosts(submitted(), by=manager),
        "scheduled": lambda: publish_post(submitted(), by=manager, at=SCHEDULED_AT),
        "published": lambda: publish_post(submitted(), by=manager),
        "removed": lambda: remove_post(submitted(), reason="Names a patient.", by=manager),
        "changed": lambda: update_post(sent_back(), talent=writer, data=post_data(body="Better."), by=talent),
        "image_added": lambda: add_image(sent_back(), upload=png_upload(), alt=ALT, by=talent).post,
        "image_removed": image_removed,
        "deleted": deleted,
    }


# (step, who took it, from state, to state, note): the last entry about the post once the step is taken.
STEPS = [
    ("submitted", "talent", "draft", "submitted", ""),
    ("changes_requested", "manager", "submitted", "changes_requested", "Name the clinic, please."),
    ("commented", "manager", "", "", CommentKind.TEAM),
    ("shared", "manager", "", "", ""),
    ("scheduled", "manager", "submitted", "scheduled", SCHEDULED_AT.isoformat()),
    ("published", "manager", "submitted", "published", ""),
    ("removed", "manager", "submitted", "removed", "Names a patient."),
    ("changed", "talent", "", "", ""),
    ("image_added", "talent", "", "", ALT),
    ("image_removed", "talent", "", "", ALT),
    ("deleted", "talent", "draft", "", ""),
]


@pytest.mark.parametrize(("step", "actor", "from_state", "to_state", "note"), STEPS, ids=[s[0] for s in STEPS])
def test_each_step_of_a_post_records_who_took_it_and_the_state_it_moved(
    request, steps, step, actor, from_state, to_state, note
):
    post = steps[step]()
    person = request.getfixturevalue(actor)

    entry = entries_of(post.pk).last()

    assert entry.action == f"post.{step}"
    assert (entry.actor, entry.actor_email) == (person, person.email)
    assert (entry.from_state, entry.to_state, entry.note) == (from_state, to_state, note)
    assert entry.object_repr == (PRIVATE_DRAFT if step == "deleted" else TITLE)
