"""Host members read the posts the team shows them before publication, and comment (blog/views/host.py)."""

import pytest
from django.urls import reverse

from blog.choices import CommentKind, PostStatus
from blog.models import PostComment
from blog.services.review import comment_on_post, publish_post, share_with_hosts, submit_post
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import PostFactory


@pytest.fixture
def named_post(writer, talent, host_organization, other_host_organization):
    """A post in review naming both host organisations, not yet shown to them."""
    post = PostFactory(authors=[writer], title="A winter at the county hospital")
    post.hosts.add(host_organization, other_host_organization)
    return submit_post(post, by=talent)


@pytest.fixture
def shared(named_post, manager, host_member, other_host_member):
    """named_post shown to both hosts (after their members joined, so each is emailed)."""
    return share_with_hosts(named_post, by=manager)


def post_url(post):
    return reverse("blog_host:post", args=[post.uuid])


def test_a_member_of_a_named_host_reads_a_shared_post(client_for, shared, host_member):
    client = client_for("host_member")

    listing = client.get(reverse("blog_host:posts")).content.decode()
    page = client.get(post_url(shared)).content.decode()

    assert shared.title in listing and post_url(shared) in listing
    assert "<strong>Only the weights travel.</strong>" in page
    assert OutboundEmail.objects.filter(template="blog/shared_with_host", to=host_member.email).exists()


def test_before_sharing_the_post_is_a_404_and_not_listed(client_for, named_post):
    client = client_for("host_member")

    assert client.get(post_url(named_post)).status_code == 404
    assert named_post.title not in client.get(reverse("blog_host:posts")).content.decode()


def test_a_host_the_post_does_not_name_gets_a_404(client_for, shared, host_organization, other_host_member):
    shared.hosts.remove(shared.hosts.exclude(pk=host_organization.pk).get())
    client = client_for("other_host_member")

    assert client.get(post_url(shared)).status_code == 404
    assert client.post(post_url(shared), {"body": "Sneaky."}).status_code == 404
    assert not PostComment.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "talent"])
def test_people_who_are_not_host_members_cannot_read_it(client_for, shared, role):
    response = client_for(role).get(post_url(shared))
    assert response.status_code in (302, 404)
    assert shared.title not in response.content.decode()


def test_once_published_the_post_leaves_the_hosts_review(client_for, shared, manager):
    publish_post(shared, by=manager)
    client = client_for("host_member")

    assert client.get(post_url(shared)).status_code == 404
    assert shared.title not in client.get(reverse("blog_host:posts")).content.decode()


def test_a_host_comment_is_kept_and_emails_the_team(client_for, shared, host_member, host_organization, settings):
    client = client_for("host_member")

    response = client.post(post_url(shared), {"body": "Please do not name the ward."})

    assert response.status_code == 302 and response.url == post_url(shared)
    comment = PostComment.objects.get(post=shared)
    assert (comment.kind, comment.organization, comment.author) == (CommentKind.HOST, host_organization, host_member)
    email = OutboundEmail.objects.get(template="blog/comment", to=settings.PROGRAMME_TEAM_EMAIL)
    assert "do not name the ward" in email.body_text
    assert "Please do not name the ward." in client.get(post_url(shared)).content.decode()


def test_an_empty_comment_shows_the_error_at_the_field(client_for, shared):
    response = client_for("host_member").post(post_url(shared), {"body": "   "})

    assert response.status_code == 200
    assert 'aria-describedby="id_body_helptext id_body_error"' in response.content.decode()
    assert not PostComment.objects.exists()


def test_another_hosts_comments_are_not_shown(
    client_for, shared, manager, host_member, other_host_member, other_host_organization, talent
):
    comment_on_post(shared, body="The team's note.", by=manager, kind=CommentKind.TEAM)
    comment_on_post(shared, body="An author's reply.", by=talent, kind=CommentKind.AUTHOR)
    comment_on_post(
        shared,
        body="Pharma's private remark.",
        by=other_host_member,
        kind=CommentKind.HOST,
        organization=other_host_organization,
    )

    page = client_for("host_member").get(post_url(shared)).content.decode()

    assert "The team&#x27;s note." in page and "An author&#x27;s reply." in page
    assert "Pharma" not in page.split('id="comments-heading"')[1]


def test_an_authors_reply_reads_as_from_the_authors_not_their_name(client_for, shared, manager, talent):
    comment_on_post(shared, body="The team's note.", by=manager, kind=CommentKind.TEAM)
    comment_on_post(shared, body="An author's reply.", by=talent, kind=CommentKind.AUTHOR)

    comments = client_for("host_member").get(post_url(shared)).content.decode().split('id="comments-heading"')[1]

    assert "An author&#x27;s reply." in comments
    assert "Amara" not in comments and "Okafor" not in comments
    assert "<strong>Author</strong>" in comments
    assert "<strong>Karin Lindqvist</strong>, Programme team" in comments


def test_the_authors_byline_follows_their_author_page(client_for, shared, talent):
    page = client_for("host_member").get(post_url(shared)).content.decode()
    assert talent.get_full_name() not in page  # no author page yet: "an Eye for AI talent"


@pytest.mark.parametrize("size", [1, 12])
def test_the_list_queries_do_not_grow_with_posts(
    client_for, writer, talent, manager, host_organization, size, django_assert_num_queries
):
    for _ in range(size):
        post = PostFactory(authors=[writer], status=PostStatus.SUBMITTED)
        post.hosts.add(host_organization)
        share_with_hosts(post, by=manager)
    client = client_for("host_member")
    # 4 at any size: session, user with membership, the posts, their authors (with users and author pages)
    with django_assert_num_queries(4):
        response = client.get(reverse("blog_host:posts"))
    assert response.content.decode().count("/host/blog/") >= size
