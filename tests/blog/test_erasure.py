"""A talent's blog in their data export, and what erasing their account (portal/erasure.py, which calls
blog.services.erasure) leaves of it: published posts without their name, no author page, no private drafts."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.access import get_post_for_author
from blog.choices import CommentKind
from blog.models import AuthorPage, Authorship, Post, PostComment
from blog.services.author_pages import update_author_page
from blog.services.review import comment_on_post, publish_post, share_with_hosts, submit_post
from portal import erasure
from tests.blog.fixtures import PostFactory, TagFactory, png_upload
from tests.conftest_helpers import erase_now, person_loaded_afresh
from tests.portal.erasure_helpers import rows_mentioning

NAME = "Amara Okafor"  # the `talent` fixture


@pytest.fixture
def author_page(writer, talent):
    return update_author_page(
        writer,
        data={"show_name": True, "show_cohort": True, "bio": "Federated learning for hospitals."},
        photo=png_upload("me.png", size=(600, 600)),
        by=talent,
    )


@pytest.fixture
def published(writer, talent, manager):
    post = PostFactory(title="Skin images that never leave the hospital", authors=[writer])
    post.tags.add(TagFactory(name="Healthcare", slug="healthcare"))
    submit_post(post, by=talent)
    return publish_post(post, by=manager)


@pytest.fixture
def in_review(writer, talent):
    post = PostFactory(title="Scheduling operating rooms", authors=[writer])
    submit_post(post, by=talent)
    comment_on_post(post, body="I have asked the clinic about the numbers.", by=talent, kind=CommentKind.AUTHOR)
    return post


def erase(user, manager, capture):
    erase_now(user, manager, capture)  # files are deleted, and the public pages' cache renewed, at commit


def test_an_erased_talents_published_post_stays_public_as_a_former_talents(
    client, talent, other_talent, writer, other_writer, author_page, published, in_review, manager,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    photo = Path(author_page.photo.path)
    private_draft = PostFactory(title="Half an idea", authors=[writer])
    shared_draft = PostFactory(title="Written together", authors=[writer, other_writer])
    public_url = published.get_absolute_url()
    assert NAME in client.get(public_url).content.decode()  # cached with the name before the erasure

    erase(talent, manager, django_capture_on_commit_callbacks)

    page = client.get(public_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Skin images that never leave the hospital" in text
    assert "a former talent" in text
    for word in ("Amara", "Okafor", talent.email):
        assert word not in text
    assert list(Authorship.objects.filter(post=published).values_list("talent", flat=True)) == [None]
    assert not Post.objects.filter(pk=private_draft.pk).exists()
    # The co-author keeps the draft, and the erased author's place in it names nobody.
    assert get_post_for_author(other_talent, shared_draft.uuid) == shared_draft
    assert list(shared_draft.authorships.values_list("talent", flat=True)) == [None, other_writer.pk]
    assert not AuthorPage.objects.exists()
    assert not photo.exists()
    comment = PostComment.objects.get(post=in_review)
    assert comment.body == "I have asked the clinic about the numbers."
    assert (comment.author, comment.author_name) == (None, erasure.ERASED)
    assert rows_mentioning(NAME) == {}  # (their address is inside other.talent@example.org: not searched here)


def test_a_host_members_comment_keeps_its_words_without_their_name(
    writer, talent, host_member, host_organization, manager, django_capture_on_commit_callbacks
):
    post = PostFactory(authors=[writer])
    post.hosts.add(host_organization)
    submit_post(post, by=talent)
    share_with_hosts(post, by=manager)
    comment_on_post(post, body="Call us a regional hospital.", by=host_member, kind=CommentKind.HOST,
                    organization=host_organization)  # fmt: skip

    erase(host_member, manager, django_capture_on_commit_callbacks)

    comment = PostComment.objects.get(post=post)
    assert (comment.body, comment.author, comment.author_name) == ("Call us a regional hospital.", None, erasure.ERASED)
    assert rows_mentioning("Elin Berg") == {}


def download(client):
    response = client.get(reverse("portal:download_data"))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_talents_export_holds_their_posts_comments_author_page_and_photo(
    client, talent, other_talent, writer, other_writer, author_page, published, in_review, manager
):
    PostFactory(title="Written together", authors=[other_writer, writer])
    PostFactory(title="Not mine", authors=[other_writer])
    comment_on_post(in_review, body="Please name the hospital.", by=manager, kind=CommentKind.TEAM)
    client.force_login(talent)

    archive = download(client)

    assert "blog/author-photo.png" in archive.namelist()
    assert archive.read("blog/author-photo.png") == Path(author_page.photo.path).read_bytes()
    blog = json.loads(archive.read("data.json"))["blog"]
    assert blog["author_page"]["bio"] == "Federated learning for hospitals."
    assert blog["author_page"]["show_name"] is True
    posts = {post["title"]: post for post in blog["posts"]}
    assert set(posts) == {"Skin images that never leave the hospital", "Scheduling operating rooms", "Written together"}
    mine = posts["Skin images that never leave the hospital"]
    assert mine["status"] == "published" and mine["published_at"] and mine["body"].startswith("## Why federated")
    assert mine["address"] == published.get_absolute_url() and mine["tags"] == ["Healthcare"]
    assert [(row["post"], row["body"]) for row in blog["comments"]] == [
        ("Scheduling operating rooms", "I have asked the clinic about the numbers.")
    ]
    text = json.dumps(blog)
    assert "Luis" not in text and "Moreno" not in text and "Please name the hospital" not in text


def test_the_blog_part_of_the_export_reads_the_same_queries_whatever_the_number_of_posts(
    client, talent, writer, author_page
):
    client.force_login(talent)

    def queries():
        person_loaded_afresh()
        with CaptureQueriesContext(connection) as captured:
            download(client)
        return len(captured)

    PostFactory(authors=[writer]).tags.add(TagFactory())
    small = queries()
    for _number in range(4):
        PostFactory(authors=[writer]).tags.add(TagFactory())
    assert queries() == small
