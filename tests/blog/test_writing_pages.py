"""The talent's writing pages (/talent/blog/…): a post from first draft to review, its images, co-authors,
the author page, and what a talent who may not write (or is not an author) sees."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.choices import CommentKind, PostStatus
from blog.models import AuthorPage, Post, PostComment, PostImage
from blog.services.review import request_changes, submit_post
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import (
    PostFactory,
    TagFactory,
    bomb_png_upload,
    image_bytes,
    jpeg_with_gps_upload,
    make_writer,
    png_upload,
    svg_upload,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "title": "Operating rooms, optimised",
        "summary": "Six months of scheduling surgery with integer programming.",
        "body": "## The problem\n\nEvery morning the plan **breaks**.",
        "language": "en",
        "save": "1",
        **overrides,
    }


def edit_url(post):
    return reverse("blog_talent:edit", kwargs={"uuid": post.uuid})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def writer_client(client, talent, writer):
    client.force_login(talent)
    return client


@pytest.fixture
def draft(writer):
    return PostFactory(authors=[writer])


def upload(client, post, file, alt="A diagram of the schedule"):
    url = reverse("blog_talent:add_image", kwargs={"uuid": post.uuid})
    return client.post(url, {"image": file, "alt": alt}, follow=True)


# --- Writing ---------------------------------------------------------------------------------------


def test_a_writer_starts_a_post_and_saves_it(writer_client, writer):
    tag = TagFactory(name="Optimisation", slug="optimisation")
    response = writer_client.post(reverse("blog_talent:new"), form_data(tags=[tag.pk]), follow=True)
    post = Post.objects.get()
    assert response.redirect_chain[-1][0] == edit_url(post)
    assert post.status == PostStatus.DRAFT
    assert [a.talent for a in post.authorships.all()] == [writer]
    assert list(post.tags.all()) == [tag]
    assert "Your draft is saved" in messages_of(response)[0]

    response = writer_client.post(edit_url(post), form_data(title="Operating rooms, optimised again"), follow=True)
    post.refresh_from_db()
    assert post.title == "Operating rooms, optimised again"
    assert "Your changes are saved." in messages_of(response)


def test_preview_shows_the_unsaved_text_as_html_without_script(writer_client, draft):
    body = "## Results\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) and **bold**"
    data = form_data(body=body, title="Unsaved title")
    del data["save"]
    data["preview"] = "1"
    response = writer_client.post(edit_url(draft), data)
    assert response.status_code == 200
    html = str(response.context["preview_html"])
    assert "<h2>Results</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "&lt;script&gt;" in html  # shown as text
    assert 'href="javascript' not in html
    assert "<script>alert(1)" not in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Unsaved title"  # nothing saved


def test_preview_of_a_new_post_saves_nothing(writer_client):
    data = form_data(body="Just **words**")
    del data["save"]
    data["preview"] = "1"
    response = writer_client.post(reverse("blog_talent:new"), data)
    assert "<strong>words</strong>" in str(response.context["preview_html"])
    assert not Post.objects.exists()


def test_a_preview_of_a_text_over_the_limit_shows_the_error_and_no_preview(writer_client, draft):
    data = form_data(body="a" * 40_001)
    del data["save"]
    data["preview"] = "1"

    for url in (edit_url(draft), reverse("blog_talent:new")):
        response = writer_client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 200
        assert response.context["preview_html"] is None
        assert 'id="preview-heading"' not in page
        assert response.context["form"].errors["body"] == [
            "Ensure this value has at most 40000 characters (it has 40001)."
        ]
        assert 'id="id_body_error"' in page
    assert Post.objects.get() == draft


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Operating\x0brooms"),
        ("title", "Operating\trooms"),
        ("summary", "Six months\x1b of scheduling."),
        ("body", "## The problem\n\nEvery \x0cmorning."),
    ],
)
def test_a_post_with_a_control_character_is_refused_next_to_the_field(writer_client, draft, field, value):
    response = writer_client.post(edit_url(draft), form_data(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Remove the control characters from this field."]
    assert f'id="id_{field}_error"' in response.content.decode()
    draft.refresh_from_db()
    assert getattr(draft, field) != value


def test_line_breaks_and_tabs_are_kept_in_the_text(writer_client, draft):
    body = "## The problem\r\n\r\n\tEvery morning the plan breaks.\n"
    writer_client.post(edit_url(draft), form_data(body=body))
    draft.refresh_from_db()
    assert draft.body == body


def test_an_alt_text_a_reply_and_a_bio_with_a_control_character_are_refused(writer_client, talent, draft, manager):
    response = upload(writer_client, draft, png_upload(), alt="A\x0bchart")
    assert response.context["image_form"].errors["alt"] == ["Remove the control characters from this field."]
    assert not PostImage.objects.exists()

    submit_post(draft, by=talent)
    request_changes(draft, note="Shorter, please.", by=manager)
    url = reverse("blog_talent:comment", kwargs={"uuid": draft.uuid})
    response = writer_client.post(url, {"body": "Done\x07."})
    assert response.context["comment_form"].errors["body"] == ["Remove the control characters from this field."]
    assert not PostComment.objects.filter(kind=CommentKind.AUTHOR).exists()

    response = writer_client.post(reverse("blog_talent:author_page"), {"show_name": "on", "bio": "Optimi\x1bsation."})
    assert response.context["form"].errors["bio"] == ["Remove the control characters from this field."]
    assert not AuthorPage.objects.exists()


def test_two_images_are_added_served_without_exif_and_one_becomes_the_cover(writer_client, draft):
    response = upload(writer_client, draft, png_upload())
    assert "is added" in messages_of(response)[0]
    upload(writer_client, draft, jpeg_with_gps_upload(), alt="The team at the hospital")
    png, jpeg = PostImage.objects.order_by("uploaded_at", "pk")
    assert (png.content_type, jpeg.content_type) == ("image/png", "image/jpeg")

    page = writer_client.get(edit_url(draft)).content.decode()
    assert jpeg.small_url in page
    assert jpeg.markdown in page  # the snippet to paste

    served = writer_client.get(jpeg.get_absolute_url())
    assert served.status_code == 200
    data = b"".join(served.streaming_content) if served.streaming else served.content
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert "exif" not in image.info

    body = f"Before\n\n{jpeg.markdown}\n"
    writer_client.post(edit_url(draft), form_data(body=body, cover=jpeg.pk))
    draft.refresh_from_db()
    assert draft.cover == jpeg
    preview = writer_client.post(edit_url(draft), {**form_data(body=body), "preview": "1"})
    assert jpeg.get_absolute_url() in str(preview.context["preview_html"])


def test_removing_an_image_deletes_its_row(writer_client, draft):
    upload(writer_client, draft, png_upload())
    image = PostImage.objects.get()
    url = reverse("blog_talent:remove_image", kwargs={"uuid": draft.uuid, "image_uuid": image.uuid})
    assert writer_client.get(url).status_code == 405
    response = writer_client.post(url, follow=True)
    assert "is removed" in messages_of(response)[0]
    assert not PostImage.objects.exists()


def truncated_jpeg():
    data = image_bytes("JPEG", (800, 600))
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")


def nine_megabytes():
    return SimpleUploadedFile("huge.png", b"\x89PNG\r\n\x1a\n" + b"0" * (9 * 1024 * 1024), content_type="image/png")


@pytest.mark.parametrize(
    ("make_upload", "expected"),
    [
        (svg_upload, "not a PNG, JPEG or WebP"),
        (bomb_png_upload, "too large in pixels"),
        (truncated_jpeg, "not a PNG, JPEG or WebP"),
        (nine_megabytes, "it can be at most"),
    ],
)
def test_a_hostile_upload_is_refused_next_to_the_field(writer_client, draft, make_upload, expected):
    response = upload(writer_client, draft, make_upload())
    assert response.status_code == 200
    form = response.context["image_form"]
    assert expected in " ".join(form.errors["image"])
    assert 'id="id_image_error"' in response.content.decode()
    assert not PostImage.objects.exists()


def test_an_image_without_alt_text_is_refused(writer_client, draft):
    response = upload(writer_client, draft, png_upload(), alt="")
    assert "alt" in response.context["image_form"].errors
    assert not PostImage.objects.exists()


# --- Co-authors ------------------------------------------------------------------------------------


def test_a_coauthor_sees_and_edits_the_post_and_a_third_talent_gets_404(
    client, writer_client, draft, other_talent, other_writer
):
    form = writer_client.get(edit_url(draft)).context["form"]
    choices = {str(value): label for value, label in form.fields["coauthors"].choices}
    assert choices[str(other_writer.pk)].startswith("Luis Moreno (")  # name and cohort

    lead = draft.authorships.get().talent
    writer_client.post(edit_url(draft), form_data(coauthors=[other_writer.pk]))
    draft.refresh_from_db()
    assert [a.talent for a in draft.authorships.all()] == [lead, other_writer]

    client.force_login(other_talent)
    listing = client.get(reverse("blog_talent:posts")).content.decode()
    assert draft.title in listing
    client.post(edit_url(draft), form_data(title="Rewritten by the co-author", coauthors=[]))
    draft.refresh_from_db()
    assert draft.title == "Rewritten by the co-author"

    third = UserFactory()
    make_writer(third)
    client.force_login(third)
    assert client.get(edit_url(draft)).status_code == 404
    assert client.post(edit_url(draft), form_data(title="Hijacked")).status_code == 404
    assert client.post(reverse("blog_talent:submit", kwargs={"uuid": draft.uuid})).status_code == 404
    assert draft.title not in client.get(reverse("blog_talent:posts")).content.decode()


def test_the_writer_is_not_offered_as_their_own_coauthor(writer_client, writer):
    form = writer_client.get(reverse("blog_talent:new")).context["form"]
    assert writer.pk not in [value.value for value, _label in form.fields["coauthors"].choices]


# --- Review ----------------------------------------------------------------------------------------


def test_submit_emails_the_programme_team_and_locks_the_post(writer_client, draft):
    response = writer_client.post(reverse("blog_talent:submit", kwargs={"uuid": draft.uuid}), follow=True)
    draft.refresh_from_db()
    assert draft.status == PostStatus.SUBMITTED
    assert "sent to the programme team" in messages_of(response)[0]
    assert OutboundEmail.objects.filter(template="blog/submitted", to=settings.PROGRAMME_TEAM_EMAIL).exists()
    page = response.content.decode()
    assert "Submit for review" not in page
    assert reverse("blog:preview", kwargs={"uuid": draft.uuid}) in page
    assert response.context["form"] is None


def test_a_post_that_is_not_editable_refuses_a_direct_post_with_a_message(writer_client, talent, draft):
    submit_post(draft, by=talent)
    response = writer_client.post(edit_url(draft), form_data(title="Sneaky"), follow=True)
    draft.refresh_from_db()
    assert draft.title != "Sneaky"
    assert any("can be changed only" in message for message in messages_of(response))
    upload(writer_client, draft, png_upload())
    assert not PostImage.objects.exists()


def test_the_author_replies_to_a_request_for_changes(writer_client, talent, draft, manager):
    submit_post(draft, by=talent)
    request_changes(draft, note="Please name the hospital's data protection officer.", by=manager)
    page = writer_client.get(edit_url(draft))
    assert "Asks for changes" in page.content.decode()
    assert page.context["form"] is not None  # editable again

    url = reverse("blog_talent:comment", kwargs={"uuid": draft.uuid})
    response = writer_client.post(url, {"body": "Done, see the second section."}, follow=True)
    assert "Your reply is sent" in messages_of(response)[0]
    reply = PostComment.objects.get(kind=CommentKind.AUTHOR)
    assert reply.author == talent
    assert writer_client.post(url, {"body": "  "}).context["comment_form"].errors["body"]


def test_a_never_submitted_draft_is_deleted_after_confirmation(writer_client, draft):
    url = reverse("blog_talent:delete", kwargs={"uuid": draft.uuid})
    assert "Delete the draft" in writer_client.get(url).content.decode()
    assert Post.objects.exists()
    response = writer_client.post(url, follow=True)
    assert not Post.objects.exists()
    assert "is deleted" in messages_of(response)[0]


def test_a_submitted_post_cannot_be_deleted(writer_client, talent, draft):
    submit_post(draft, by=talent)
    response = writer_client.post(reverse("blog_talent:delete", kwargs={"uuid": draft.uuid}), follow=True)
    assert Post.objects.exists()
    assert any("Only a draft" in message for message in messages_of(response))


# --- Who may write ---------------------------------------------------------------------------------


def test_a_talent_not_yet_accepted_sees_why_and_cannot_start_a_post(client, talent):
    client.force_login(talent)
    response = client.get(reverse("blog_talent:posts"))
    assert response.status_code == 200
    assert "You can write for the blog once you are accepted to a cohort" in response.content.decode()
    assert client.get(reverse("blog_talent:new")).status_code == 404
    assert client.post(reverse("blog_talent:new"), form_data()).status_code == 404
    assert client.get(reverse("blog_talent:author_page")).status_code == 404
    assert not Post.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("blog_talent:new"))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- The author page -------------------------------------------------------------------------------


def test_the_author_page_saves_a_photo_and_previews_the_byline(writer_client):
    url = reverse("blog_talent:author_page")
    page = writer_client.get(url).content.decode()
    assert "an Eye for AI talent" in page
    assert not AuthorPage.objects.exists()  # reading the page creates none; saving it does
    response = writer_client.post(
        url,
        {"show_name": "on", "show_cohort": "on", "bio": "Optimisation.", "photo": jpeg_with_gps_upload()},
        follow=True,
    )
    author_page = AuthorPage.objects.get()
    assert author_page.show_name and author_page.photo
    assert "Your author page is saved." in messages_of(response)
    assert "By Amara Okafor" in response.content.decode()
    assert author_page.get_absolute_url() in response.content.decode()

    refused = writer_client.post(url, {"show_name": "on", "photo": svg_upload()})
    assert refused.context["form"].errors["photo"]
    writer_client.post(url, {"show_name": "on", "remove_photo": "on"})
    author_page.refresh_from_db()
    assert not author_page.photo


# --- Query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_my_posts_takes_a_fixed_number_of_queries(writer_client, writer, count, django_assert_max_num_queries):
    coauthor = make_writer(UserFactory())
    for number in range(count):
        PostFactory(authors=[writer, coauthor], status=PostStatus.DRAFT if number % 2 else PostStatus.SUBMITTED)
    with django_assert_max_num_queries(6):  # session, user, profile, "accepted?", posts, authors
        response = writer_client.get(reverse("blog_talent:posts"))
    assert response.content.decode().count('<th scope="row">') == count
