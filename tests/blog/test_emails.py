"""The blog's emails (templates/email/blog/): each review step reaches the right people, with the right link,
in each recipient's own language."""

import datetime as dt

import pytest
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from blog.choices import CommentKind
from blog.services.review import (
    comment_on_post,
    publish_post,
    remove_post,
    request_changes,
    share_with_hosts,
    submit_post,
)
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import PostFactory
from tests.factories import HostMembershipFactory, UserFactory


def sent(template):
    """{recipient: email} of the blog emails queued from `template`."""
    return {email.to: email for email in OutboundEmail.objects.filter(template=f"blog/{template}")}


def path_in(email, prefix, settings):
    """The path of the link in the email's text that starts with the site's address and `prefix`."""
    [line] = [line for line in email.body_text.splitlines() if settings.SITE_URL + prefix in line]
    return line[line.index(settings.SITE_URL) + len(settings.SITE_URL) :].split()[0]


@pytest.fixture
def post(writer, other_writer, host_organization):
    post = PostFactory(title="Federated learning & the hospital's skin images", authors=[writer, other_writer])
    post.hosts.add(host_organization)
    return post


@pytest.fixture
def submitted(post, talent):
    return submit_post(post, by=talent)


def test_submitting_tells_the_programme_team_with_a_link_to_the_review_page(post, talent, manager, settings, client):
    submit_post(post, by=talent)

    [(to, email)] = sent("submitted").items()
    assert to == settings.PROGRAMME_TEAM_EMAIL
    assert "A blog post was submitted for review" in email.subject
    assert "Federated learning & the hospital's skin images" in email.subject  # plain text, not &amp;
    assert f"{settings.SITE_URL}{reverse('admin:blog_post_change', args=[post.pk])}" in email.body_text
    assert email.subject.count(settings.EMAIL_SUBJECT_PREFIX.strip()) == 1
    client.force_login(manager)
    page = client.get(path_in(email, "/admin/", settings))
    assert page.status_code == 200 and "the hospital" in page.content.decode()


def test_submitting_again_after_changes_says_so(submitted, talent, manager, time_machine):
    request_changes(submitted, note="Name the hospital, please.", by=manager)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=1))

    submit_post(submitted, by=talent)

    subjects = sorted(email.subject for email in OutboundEmail.objects.filter(template="blog/submitted"))
    assert len(subjects) == 2
    assert any("submitted again after changes" in subject for subject in subjects)


def test_the_teams_comment_reaches_every_author_with_a_link_to_their_post(
    submitted, talent, other_talent, manager, settings
):
    comment_on_post(submitted, body="Lovely start. Could you add a figure?", by=manager, kind=CommentKind.TEAM)

    emails = sent("team_comment")
    assert set(emails) == {talent.email, other_talent.email}
    for email in emails.values():
        assert "Could you add a figure?" in email.body_text
        match = resolve(path_in(email, "/talent/blog/", settings))
        assert (match.view_name, match.kwargs["uuid"]) == ("blog_talent:edit", submitted.uuid)
    assert not sent("comment")  # the team is not told of its own comment


def test_a_hosts_comment_reaches_the_team_naming_the_organisation(
    submitted, manager, host_member, host_organization, settings
):
    share_with_hosts(submitted, by=manager)

    comment_on_post(
        submitted,
        body="Please call us a regional hospital.",
        by=host_member,
        kind=CommentKind.HOST,
        organization=host_organization,
    )

    [(to, email)] = sent("comment").items()
    assert to == settings.PROGRAMME_TEAM_EMAIL
    assert "Västkust University Hospital commented" in email.body_text
    assert "Please call us a regional hospital." in email.body_text
    assert f"{settings.SITE_URL}{reverse('admin:blog_post_change', args=[submitted.pk])}" in email.body_text
    assert not sent("team_comment")


def test_an_authors_comment_reaches_the_team(submitted, talent, settings):
    comment_on_post(submitted, body="I have asked the clinic about the numbers.", by=talent, kind=CommentKind.AUTHOR)

    [(to, email)] = sent("comment").items()
    assert to == settings.PROGRAMME_TEAM_EMAIL
    assert "An author commented" in email.body_text
    assert "I have asked the clinic" in email.body_text


def test_asking_for_changes_sends_the_note_and_a_link_to_edit(submitted, talent, other_talent, manager, settings):
    request_changes(submitted, note="Say which hospital, please.", by=manager)

    emails = sent("changes_requested")
    assert set(emails) == {talent.email, other_talent.email}
    email = emails[talent.email]
    assert "Changes requested" in email.subject
    assert "Say which hospital, please." in email.body_text
    assert resolve(path_in(email, "/talent/blog/", settings)).kwargs["uuid"] == submitted.uuid


def test_scheduling_tells_the_authors_when_in_the_named_date_format(submitted, talent, manager, time_machine):
    time_machine.move_to(dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False)
    at = dt.datetime(2027, 3, 2, 9, 30, tzinfo=dt.UTC)  # 10:30 in Stockholm

    publish_post(submitted, by=manager, at=at)

    email = sent("scheduled")[talent.email]
    with translation.override("en"):
        expected = date_format(timezone.localtime(at), "DATETIME_FORMAT")
    assert expected in email.body_text
    assert "10:30" in expected or "10.30" in expected


def test_publishing_sends_the_public_link(submitted, talent, other_talent, manager, settings, client):
    publish_post(submitted, by=manager)
    submitted.refresh_from_db()

    emails = sent("published")
    assert set(emails) == {talent.email, other_talent.email}
    path = path_in(emails[talent.email], "/blog/", settings)
    assert path == submitted.get_absolute_url() == f"/blog/{submitted.slug}/"
    assert client.get(path).status_code == 200


def test_removing_tells_the_authors_why(submitted, talent, manager):
    remove_post(submitted, reason="The hospital asked us to take it down.", by=manager)

    email = sent("removed")[talent.email]
    assert "removed" in email.subject
    assert "The hospital asked us to take it down." in email.body_text


def test_showing_a_post_to_its_host_tells_its_members_only(
    submitted, manager, host_member, other_host_member, host_organization, settings
):
    colleague = UserFactory(email="colleague@hospital.example.org")
    HostMembershipFactory(user=colleague, organization=host_organization)

    share_with_hosts(submitted, by=manager)

    emails = sent("shared_with_host")
    assert set(emails) == {host_member.email, colleague.email}
    match = resolve(path_in(emails[host_member.email], "/host/blog/", settings))
    assert (match.view_name, match.kwargs["uuid"]) == ("blog_host:post", submitted.uuid)


def test_each_recipient_gets_the_email_in_their_own_language(submitted, talent, other_talent, manager, settings):
    talent.language = "sv"
    talent.save(update_fields=["language"])
    other_talent.language = "en"
    other_talent.save(update_fields=["language"])

    request_changes(submitted, note="Kortare sammanfattning, tack.", by=manager)

    emails = sent("changes_requested")
    assert emails[talent.email].language == "sv"
    assert emails[other_talent.email].language == "en"
    for email in emails.values():
        # Until the Swedish catalogue has these strings, both read in English; the link and the note are the same.
        assert "Kortare sammanfattning, tack." in email.body_text
        assert f"{settings.SITE_URL}/talent/blog/{submitted.uuid}/" in email.body_text
    assert "asks for some changes" in emails[other_talent.email].body_text
