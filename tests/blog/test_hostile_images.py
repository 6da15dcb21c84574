"""Images a writer uploads end up on public pages: what is not a plain PNG, JPEG or WebP of sane size is
refused before anything is stored, and what is accepted is drawn anew, without the phone's metadata, under a
random name."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.images import LARGE_WIDTH, MAX_IMAGE_BYTES, SMALL_WIDTH
from blog.markdown import render_post_body
from blog.models import AuthorPage, PostImage
from blog.services.author_pages import update_author_page
from blog.services.writing import add_image
from talents.cv import minimal_pdf
from tests.blog.fixtures import (
    PostFactory,
    bomb_png_upload,
    image_bytes,
    jpeg_with_gps_upload,
    png_upload,
    svg_upload,
)

pytestmark = pytest.mark.django_db

ORIGINAL_NAME = "IMG_20260611_home-of-anna-svensson.jpg"
AUTHOR_DATA = {"show_name": True, "show_cohort": False, "bio": "Optimisation."}


@pytest.fixture
def post(writer):
    return PostFactory(authors=[writer])


def truncated_jpeg_upload():
    data = image_bytes("JPEG", (640, 480))
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")


def pdf_named_jpeg_upload():
    return SimpleUploadedFile("scan.jpg", minimal_pdf(["Not a photo"]), content_type="image/jpeg")


def gif_upload():
    return SimpleUploadedFile("anim.gif", image_bytes("GIF", (64, 64)), content_type="image/gif")


def oversized_upload():
    """A real PNG padded to 9 MB: refused by its size before it is read."""
    data = image_bytes("PNG", (64, 64))
    padded = data + b"\0" * (9 * 1024 * 1024 - len(data))
    assert len(padded) > MAX_IMAGE_BYTES
    return SimpleUploadedFile("huge.png", padded, content_type="image/png")


POLYGLOT_TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"


def polyglot_upload():
    """A valid PNG with an HTML page after its end: served as is, a sniffing browser could run it."""
    return SimpleUploadedFile("chart.png", image_bytes("PNG", (64, 64)) + POLYGLOT_TAIL, content_type="image/png")


REFUSED = {
    "svg": (svg_upload, "not a PNG, JPEG or WebP"),
    "bomb": (bomb_png_upload, "megapixels"),
    "truncated_jpeg": (truncated_jpeg_upload, "not a PNG, JPEG or WebP"),
    "pdf_named_jpeg": (pdf_named_jpeg_upload, "not a PNG, JPEG or WebP"),
    "gif": (gif_upload, "not a PNG, JPEG or WebP"),
    "nine_megabytes": (oversized_upload, "can be at most"),
}


def stored_files(settings, folder):
    root = settings.MEDIA_ROOT / folder
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.mark.parametrize(("make_upload", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_post_image_is_refused_and_nothing_is_stored(settings, talent, post, make_upload, message):
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        add_image(post, upload=make_upload(), alt="A chart", by=talent)
    assert time.monotonic() - started < 2  # refused from its header or size, never decoded in full
    assert list(refused.value.message_dict) == ["image"]
    assert message in " ".join(refused.value.message_dict["image"])
    assert not PostImage.objects.exists()
    assert stored_files(settings, "blog-images") == []


def test_the_bomb_names_the_limit_in_megapixels(talent, post):
    with pytest.raises(ValidationError) as refused:
        add_image(post, upload=bomb_png_upload(), alt="Bomb", by=talent)
    assert refused.value.message_dict["image"] == ["The image is too large in pixels; it can be at most 40 megapixels."]


@pytest.mark.parametrize(("make_upload", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_author_photo_is_refused_and_nothing_is_stored(settings, talent, writer, make_upload, message):
    with pytest.raises(ValidationError) as refused:
        update_author_page(writer, data=AUTHOR_DATA, photo=make_upload(), by=talent)
    assert list(refused.value.message_dict) == ["photo"]
    assert message in " ".join(refused.value.message_dict["photo"])
    assert not AuthorPage.objects.exclude(photo="").exists()
    assert stored_files(settings, "blog-authors") == []


def test_a_polyglot_is_stored_as_its_pixels_only(talent, post):
    image = add_image(post, upload=polyglot_upload(), alt="A chart", by=talent)
    for stored in (image.image, image.small):
        with stored.open("rb") as handle:
            data = handle.read()
        assert b"<script" not in data and b"<html" not in data
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert data.endswith(b"IEND\xaeB`\x82")  # nothing after the image's end
    assert image.content_type == "image/png"


def _metadata_of(data):
    with Image.open(io.BytesIO(data)) as drawn:
        metadata = set(drawn.info) & {"exif", "xmp", "comment", "icc_profile"}
        return drawn.format, drawn.width, dict(drawn.getexif()), metadata


def test_a_phone_photo_is_stored_without_its_position_at_two_widths(settings, talent, post):
    image = add_image(post, upload=jpeg_with_gps_upload(name=ORIGINAL_NAME), alt="The ward at dawn", by=talent)
    image.refresh_from_db()
    assert image.content_type == "image/jpeg"
    for stored, widest in ((image.image, LARGE_WIDTH), (image.small, SMALL_WIDTH)):
        with stored.open("rb") as handle:
            data = handle.read()
        image_format, width, exif, metadata = _metadata_of(data)
        assert image_format == "JPEG"
        assert width <= widest
        assert exif == {} and metadata == set()
        assert b"Exif" not in data and b"Phone 15 Pro" not in data and b"taken at home" not in data
        folder, name = stored.name.split("/")
        assert folder == "blog-images"
        assert name.endswith(".jpg") and len(name) == len("0123456789abcdef0123456789abcdef.jpg")
        assert "IMG" not in stored.name and "anna" not in stored.name.lower() and "home" not in stored.name
    assert image.width == LARGE_WIDTH
    assert image.image.name != image.small.name
    assert len(stored_files(settings, "blog-images")) == 2


def test_an_author_photo_is_stored_without_its_position(talent, writer):
    page = update_author_page(writer, data=AUTHOR_DATA, photo=jpeg_with_gps_upload(name=ORIGINAL_NAME), by=talent)
    with page.photo.open("rb") as handle:
        data = handle.read()
    _format, _width, exif, metadata = _metadata_of(data)
    assert exif == {} and metadata == set()
    assert b"Phone 15 Pro" not in data
    assert page.photo.name.startswith("blog-authors/") and "anna" not in page.photo.name.lower()


def test_a_post_shows_only_its_own_images(talent, writer):
    mine = PostFactory(authors=[writer])
    other = PostFactory(authors=[writer])
    own = add_image(mine, upload=png_upload(), alt="Ours", by=talent)
    foreign = add_image(other, upload=png_upload(), alt="Not ours", by=talent)
    theirs = f"/blog/images/{foreign.uuid}/"
    mine.body = f"{own.markdown}\n\n![theirs]({theirs})\n\n![small]({theirs}small/)"
    html = render_post_body(mine)
    assert f'src="/blog/images/{own.uuid}/"' in html
    assert str(foreign.uuid) not in html
