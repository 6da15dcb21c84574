"""The writing services: who may change a post and when, co-authors, images, the author page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from blog.choices import PostStatus
from blog.models import AuthorPage, Authorship, Post, PostImage
from blog.services.author_pages import update_author_page
from blog.services.review import submit_post
from blog.services.writing import add_image, delete_draft, remove_image, start_post, update_post
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import TagFactory, jpeg_with_gps_upload, make_writer, png_upload
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    return {
        "title": "Operating rooms, optimised",
        "summary": "Six months of scheduling surgery with integer programming.",
        "body": "## The problem\n\nEvery morning the plan breaks.",
        "language": "en",
        "tags": [],
        "hosts": [],
        "coauthors": [],
        "cover": None,
        **overrides,
    }


def test_start_post_makes_a_private_draft_with_its_writer_first(talent, writer, other_writer):
    post = start_post(writer, data=post_data(coauthors=[other_writer]), by=talent)
    assert post.status == PostStatus.DRAFT
    assert [a.talent for a in post.authorships.all()] == [writer, other_writer]
    assert ActivityEntry.objects.filter(action="post.started").count() == 1


def test_a_coauthor_who_edits_stays_an_author_and_may_drop_the_other(talent, other_talent, writer, other_writer):
    post = start_post(writer, data=post_data(coauthors=[other_writer]), by=talent)
    update_post(post, talent=other_writer, data=post_data(title="Changed by the co-author"), by=other_talent)
    post.refresh_from_db()
    assert post.title == "Changed by the co-author"
    assert [a.talent for a in post.authorships.all()] == [other_writer]


def test_at_most_four_authors(talent, writer):
    coauthors = [make_writer(UserFactory()) for _ in range(4)]
    with pytest.raises(ValidationError) as refused:
        start_post(writer, data=post_data(coauthors=coauthors), by=talent)
    assert "coauthors" in refused.value.message_dict
    assert not Post.objects.exists()


def test_a_submitted_post_cannot_be_changed_by_its_authors(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    submit_post(post, by=talent)
    with pytest.raises(ValidationError, match="can be changed only"):
        update_post(post, talent=writer, data=post_data(title="Sneaky"), by=talent)
    post.refresh_from_db()
    assert post.title == "Operating rooms, optimised"


def test_the_cover_must_be_one_of_the_posts_own_images(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    other = start_post(writer, data=post_data(title="Another"), by=talent)
    foreign = add_image(other, upload=png_upload(), alt="A chart", by=talent)
    with pytest.raises(ValidationError) as refused:
        update_post(post, talent=writer, data=post_data(cover=foreign), by=talent)
    assert "cover" in refused.value.message_dict
    own = add_image(post, upload=png_upload(), alt="Our ward", by=talent)
    update_post(post, talent=writer, data=post_data(cover=own), by=talent)
    post.refresh_from_db()
    assert post.cover == own


def test_an_image_is_stored_anew_without_its_metadata_at_two_widths(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    image = add_image(post, upload=jpeg_with_gps_upload(), alt="The ward at dawn", by=talent)
    assert (image.width, image.height) == (1600, 1067)
    assert image.content_type == "image/jpeg"
    for stored in (image.image, image.small):
        with stored.open("rb") as handle:
            data = handle.read()
        assert b"Exif" not in data and b"Phone 15 Pro" not in data
        assert "photo" not in stored.name
    assert image.markdown == f"![The ward at dawn](/blog/images/{image.uuid}/)"


def test_removing_the_cover_image_clears_the_cover(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    image = add_image(post, upload=png_upload(), alt="Our ward", by=talent)
    update_post(post, talent=writer, data=post_data(cover=image), by=talent)
    remove_image(image, by=talent)
    post.refresh_from_db()
    assert post.cover is None
    assert not PostImage.objects.exists()


def test_only_a_never_submitted_draft_can_be_deleted(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    submit_post(post, by=talent)
    with pytest.raises(ValidationError, match="never submitted"):
        delete_draft(post, by=talent)
    draft = start_post(writer, data=post_data(title="Draft"), by=talent)
    delete_draft(draft, by=talent)
    assert list(Post.objects.all()) == [post]
    assert Authorship.objects.filter(post_id=draft.pk).count() == 0


def test_submitting_an_empty_post_is_refused(talent, writer):
    post = start_post(writer, data=post_data(), by=talent)
    Post.objects.filter(pk=post.pk).update(body="   ")
    with pytest.raises(ValidationError, match="Write a title"):
        submit_post(post, by=talent)


def test_tags_and_hosts_are_kept(talent, writer, host_organization):
    tag = TagFactory(name="Health", slug="health")
    post = start_post(writer, data=post_data(tags=[tag], hosts=[host_organization]), by=talent)
    assert list(post.tags.all()) == [tag]
    assert list(post.hosts.all()) == [host_organization]


def test_author_page_photo_is_drawn_anew_and_replaced(talent, writer):
    page = update_author_page(
        writer, data={"show_name": True, "show_cohort": False, "bio": "Optimisation."}, photo=png_upload(), by=talent
    )
    first = page.photo.name
    assert first.startswith("blog-authors/") and first.endswith(".png")
    page = update_author_page(
        writer, data={"show_name": True, "show_cohort": True, "bio": "Optimisation."}, photo=png_upload(), by=talent
    )
    assert page.photo.name != first
    assert AuthorPage.objects.get().show_cohort


def test_authors_keep_their_places_and_an_erased_authors_place_survives_an_edit(
    talent, other_talent, writer, other_writer
):
    post = start_post(writer, data=post_data(coauthors=[other_writer]), by=talent)
    third = make_writer(UserFactory(first_name="Noor"))
    update_post(post, talent=other_writer, data=post_data(coauthors=[writer, third]), by=other_talent)
    assert [a.talent for a in post.authorships.all()] == [writer, other_writer, third]
    Authorship.objects.filter(post=post, talent=third).update(talent=None)  # as erasure leaves it
    update_post(post, talent=writer, data=post_data(coauthors=[other_writer]), by=talent)
    assert [a.talent for a in post.authorships.all()] == [writer, other_writer, None]


def test_a_phone_photo_with_a_second_picture_is_stored_as_a_jpeg(talent, writer):
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (400, 300), (200, 30, 30)), Image.new("RGB", (400, 300), (0, 0, 0))
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    upload = SimpleUploadedFile("pixel.jpg", buffer.getvalue(), content_type="image/jpeg")
    post = start_post(writer, data=post_data(), by=talent)
    image = add_image(post, upload=upload, alt="An HDR photo", by=talent)
    assert image.content_type == "image/jpeg" and image.image.name.endswith(".jpg")
    with image.image.open("rb") as handle:
        assert Image.open(handle).format == "JPEG"


def test_a_coauthor_added_is_emailed_and_the_writer_is_not(talent, other_talent, writer, other_writer):
    start_post(writer, data=post_data(coauthors=[other_writer]), by=talent)
    assert list(OutboundEmail.objects.filter(template="blog/coauthor_added").values_list("to", flat=True)) == [
        other_talent.email
    ]


def test_naming_another_host_takes_back_the_teams_sharing(talent, writer, host_organization, other_host_organization):
    post = start_post(writer, data=post_data(hosts=[host_organization]), by=talent)
    Post.objects.filter(pk=post.pk).update(status=PostStatus.CHANGES_REQUESTED, shared_with_hosts_at=timezone.now())
    post.refresh_from_db()
    update_post(post, talent=writer, data=post_data(hosts=[host_organization, other_host_organization]), by=talent)
    post.refresh_from_db()
    assert post.shared_with_hosts_at is None
    assert not Post.objects.shared_with(other_host_organization).exists()
