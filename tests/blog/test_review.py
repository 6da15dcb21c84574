"""The programme team's review of a post: the services of blog/services/review.py and the admin's review page
(blog/admin/review.py) that calls them."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from blog.choices import CommentKind, PostStatus
from blog.models import Post, PostComment
from blog.services.review import (
    comment_on_post,
    publish_due_posts,
    publish_post,
    remove_post,
    request_changes,
    submit_post,
)
from blog.tasks import publish_scheduled_posts
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import PostFactory, TagFactory
from tests.conftest_helpers import wait_until
from tests.factories import ManagerFactory

STOCKHOLM = dt.timezone(dt.timedelta(hours=1))  # winter time, as in the dates below


@pytest.fixture
def submitted(writer, talent):
    post = PostFactory(authors=[writer])
    return submit_post(post, by=talent)


def emails(template, to=None):
    rows = OutboundEmail.objects.filter(template=f"blog/{template}")
    return list(rows.filter(to=to) if to else rows)


def action_url(action, post):
    return reverse(f"admin:blog_post_{action}", args=[post.pk])


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


def page_messages(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- The services ------------------------------------------------------------------------------------


def test_asking_for_changes_emails_the_authors_and_opens_the_post_again(submitted, talent, manager):
    request_changes(submitted, note="Say which hospital, please.", by=manager)

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.CHANGES_REQUESTED
    assert submitted.can_edit
    [email] = emails("changes_requested", to=talent.email)
    assert "Say which hospital" in email.body_text
    comment = PostComment.objects.get(post=submitted)
    assert comment.asks_for_changes and comment.kind == CommentKind.TEAM


def test_resubmitting_after_changes_goes_back_to_the_team(submitted, talent, manager, settings, time_machine):
    request_changes(submitted, note="Shorter summary.", by=manager)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=1))

    submit_post(Post.objects.get(pk=submitted.pk), by=talent)

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED and not submitted.can_edit
    assert len(emails("submitted", to=settings.PROGRAMME_TEAM_EMAIL)) == 2


def test_publishing_refuses_a_draft(writer, manager):
    draft = PostFactory(authors=[writer])
    with pytest.raises(ValidationError):
        publish_post(draft, by=manager)
    draft.refresh_from_db()
    assert draft.status == PostStatus.DRAFT and draft.slug is None
    assert not emails("published")


def test_a_scheduled_post_is_published_once_its_time_has_come(submitted, talent, manager, time_machine):
    time_machine.move_to(dt.datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM), tick=False)
    at = dt.datetime(2027, 3, 2, 10, 30, tzinfo=STOCKHOLM)
    publish_post(submitted, by=manager, at=at)
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SCHEDULED and submitted.publish_at == at
    assert emails("scheduled", to=talent.email)

    assert publish_due_posts() == 0  # not yet
    time_machine.move_to(dt.datetime(2027, 3, 2, 10, 31, tzinfo=STOCKHOLM), tick=False)
    assert publish_due_posts() == 1

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.PUBLISHED
    assert submitted.slug.startswith("federated-learning-at-the-hospital")
    assert submitted.published_at == dt.datetime(2027, 3, 2, 10, 31, tzinfo=STOCKHOLM)
    [email] = emails("published", to=talent.email)
    assert submitted.slug in email.body_text
    actions = set(ActivityEntry.objects.for_object(submitted).values_list("action", flat=True))
    assert {"post.scheduled", "post.published"} <= actions
    assert publish_due_posts() == 0  # published once


@pytest.mark.xdist_group("celery")
def test_the_beat_task_publishes_a_due_post_on_a_real_worker(celery_worker, writer, talent):
    post = PostFactory(
        authors=[writer],
        status=PostStatus.SCHEDULED,
        submitted_at=timezone.now() - dt.timedelta(days=1),
        publish_at=timezone.now() - dt.timedelta(minutes=1),
    )
    later = PostFactory(authors=[writer], status=PostStatus.SCHEDULED, publish_at=timezone.now() + dt.timedelta(days=1))

    publish_scheduled_posts.delay()

    wait_until(lambda: Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED, message="the post published")
    assert Post.objects.get(pk=later.pk).status == PostStatus.SCHEDULED
    assert emails("published", to=talent.email)


def test_removing_hides_the_public_page_and_emails_the_authors(
    submitted, talent, manager, client, django_capture_on_commit_callbacks
):
    publish_post(submitted, by=manager)
    submitted.refresh_from_db()
    public_url = reverse("blog:post", kwargs={"slug": submitted.slug})
    assert client.get(public_url).status_code == 200  # and now in the page cache

    # The cache's new generation starts when the removal commits.
    with django_capture_on_commit_callbacks(execute=True):
        remove_post(submitted, reason="The hospital asked us to take it down.", by=manager)

    assert client.get(public_url).status_code == 404
    [email] = emails("removed", to=talent.email)
    assert "asked us to take it down" in email.body_text


def test_removing_without_a_reason_is_refused(submitted, manager):
    with pytest.raises(ValidationError):
        remove_post(submitted, reason="  ", by=manager)
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED


# --- The admin's review page ---------------------------------------------------------------------------


def test_the_review_page_shows_the_post_its_authors_and_thread(client, manager, submitted, talent):
    submitted.tags.add(TagFactory(name="Healthcare"))
    comment_on_post(submitted, body="Lovely opening.", by=manager, kind=CommentKind.TEAM)
    client.force_login(manager)

    page = client.get(change_url(submitted)).content.decode()

    assert "<strong>Only the weights travel.</strong>" in page  # rendered Markdown
    assert talent.get_full_name() in page and talent.email in page  # the team sees real names
    assert "Healthcare" in page and "Lovely opening." in page
    for action in ("comment", "request_changes", "publish", "schedule", "remove"):
        assert action_url(action, submitted) in page
    assert action_url("share", submitted) not in page  # it names no host
    assert submitted.get_absolute_url() in page  # "View as readers will see it"


def test_asking_for_changes_from_the_admin_emails_the_authors(client, manager, submitted, talent):
    client.force_login(manager)
    response = client.post(action_url("request_changes", submitted), {"request_changes-note": "A clearer title."})

    assert response.status_code == 302 and response.url == change_url(submitted)
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.CHANGES_REQUESTED
    assert emails("changes_requested", to=talent.email)


def test_asking_for_changes_without_a_note_shows_the_error_at_the_field(client, manager, submitted):
    client.force_login(manager)
    response = client.post(action_url("request_changes", submitted), {"request_changes-note": "  "})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_request_changes-note_error"' in page
    assert 'aria-describedby="id_request_changes-note_helptext id_request_changes-note_error"' in page
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED
    assert not emails("changes_requested")


def test_scheduling_reads_the_time_in_stockholm_and_emails_the_authors(
    client, manager, submitted, talent, time_machine
):
    time_machine.move_to(dt.datetime(2027, 7, 1, 9, 0, tzinfo=STOCKHOLM))
    client.force_login(manager)

    response = client.post(action_url("schedule", submitted), {"schedule-publish_at": "2027-07-02T08:15"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SCHEDULED
    # Summer time in Sweden: 08:15 there is 06:15 UTC.
    assert submitted.publish_at == dt.datetime(2027, 7, 2, 6, 15, tzinfo=dt.UTC)
    assert emails("scheduled", to=talent.email)


def test_scheduling_in_the_past_shows_the_error_at_the_field(client, manager, submitted, time_machine):
    time_machine.move_to(dt.datetime(2027, 7, 1, 9, 0, tzinfo=STOCKHOLM))
    client.force_login(manager)

    response = client.post(action_url("schedule", submitted), {"schedule-publish_at": "2027-06-30T08:15"})

    assert response.status_code == 200
    assert 'id="id_schedule-publish_at_error"' in response.content.decode()
    assert "Choose a time in the future" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED and submitted.publish_at is None


def test_publishing_a_post_sent_back_to_its_authors_is_refused_with_a_message(client, manager, writer):
    sent_back = PostFactory(authors=[writer], status=PostStatus.CHANGES_REQUESTED, submitted_at=timezone.now())
    client.force_login(manager)

    response = client.post(action_url("publish", sent_back), follow=True)

    assert "Only a post sent for review can be published or scheduled." in page_messages(response)
    sent_back.refresh_from_db()
    assert sent_back.status == PostStatus.CHANGES_REQUESTED
    assert action_url("publish", sent_back) not in response.content.decode()  # the page offers no such step


def test_a_draft_never_submitted_is_not_the_teams_to_see_or_publish(client, manager, writer):
    draft = PostFactory(authors=[writer])
    client.force_login(manager)

    assert client.get(reverse("admin:blog_post_change", args=[draft.pk])).status_code in (302, 404)
    assert client.post(action_url("publish", draft)).status_code in (302, 404)
    assert client.get(reverse("blog:preview", kwargs={"uuid": draft.uuid})).status_code == 404
    draft.refresh_from_db()
    assert draft.status == PostStatus.DRAFT


def test_a_stale_publish_gets_a_message_and_sends_no_second_email(client, manager, submitted, talent):
    client.force_login(manager)
    client.post(action_url("publish", submitted))
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.PUBLISHED

    response = client.post(action_url("publish", submitted), follow=True)  # a second tab, or a double click

    assert "Only a post sent for review can be published or scheduled." in page_messages(response)
    assert len(emails("published", to=talent.email)) == 1


def test_the_team_comments_and_the_authors_are_emailed(client, manager, submitted, talent):
    client.force_login(manager)
    client.post(action_url("comment", submitted), {"comment-body": "Could you add a diagram?"})

    comment = PostComment.objects.get(post=submitted)
    assert comment.kind == CommentKind.TEAM and comment.author == manager
    [email] = emails("team_comment", to=talent.email)
    assert "add a diagram" in email.body_text


def test_showing_to_the_hosts_lists_and_emails_their_members(
    client, manager, submitted, host_member, host_organization
):
    submitted.hosts.add(host_organization)
    client.force_login(manager)
    assert host_member.email in client.get(change_url(submitted)).content.decode()

    client.post(action_url("share", submitted))

    submitted.refresh_from_db()
    assert submitted.shared_with_hosts_at is not None
    assert emails("shared_with_host", to=host_member.email)


def test_removing_from_the_admin_needs_a_reason_and_emails_the_authors(client, manager, submitted, talent):
    client.force_login(manager)
    assert client.post(action_url("remove", submitted), {"remove-reason": ""}).status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED

    client.post(action_url("remove", submitted), {"remove-reason": "Off topic."})

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.REMOVED
    assert emails("removed", to=talent.email)


@pytest.fixture
def reader_only(db):
    """Staff with a second factor who may read posts in the admin but not review them."""
    user = ManagerFactory(email="reader@ai.se")
    user.groups.clear()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="blog", codename="view_post"))
    return user


@pytest.mark.parametrize("action", ["comment", "request_changes", "publish", "schedule", "share", "remove"])
def test_review_steps_without_review_post_are_forbidden(client, reader_only, submitted, action):
    client.force_login(reader_only)
    assert client.get(change_url(submitted)).status_code == 200

    response = client.post(action_url(action, submitted), {"remove-reason": "x", "request_changes-note": "x"})

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED
    assert not OutboundEmail.objects.filter(template__startswith="blog/").exclude(template="blog/submitted").exists()


def test_review_steps_answer_only_posts(client, manager, submitted):
    client.force_login(manager)
    assert client.get(action_url("publish", submitted)).status_code == 405


def test_the_review_queue_lists_submitted_posts_with_their_authors(client, manager, submitted, talent, writer):
    PostFactory(authors=[writer], title="Still a draft")
    client.force_login(manager)

    page = client.get(reverse("admin:blog_post_changelist"), {"status__exact": PostStatus.SUBMITTED}).content.decode()

    assert submitted.title in page and talent.get_full_name() in page
    assert "Still a draft" not in page
    assert reverse("admin:blog_post_add") not in page


@pytest.mark.parametrize("size", [1, 15])
def test_the_review_queue_queries_do_not_grow_with_posts(client, manager, writer, size, django_assert_max_num_queries):
    for _ in range(size):
        PostFactory(authors=[writer], status=PostStatus.SUBMITTED, submitted_at=timezone.now())
    client.force_login(manager)
    # 12 at any size: session, user, permissions, the list filters' tags and hosts, the count, the page, its authors…
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:blog_post_changelist"))
    assert response.status_code == 200
