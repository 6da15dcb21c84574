"""The blog's test objects: writers (accepted talents), posts, tags, and image files good and hostile."""

import io
import zlib

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.choices import PostStatus
from blog.models import Authorship, Post, Tag
from talents.choices import ApplicationStatus
from tests.factories import ApplicationFactory, CohortFactory, TalentProfileFactory


def make_writer(user, cohort=None):
    """Make `user` a talent accepted in a cohort (current or alumni may write); returns the TalentProfile."""
    profile = TalentProfileFactory(user=user)
    ApplicationFactory(talent=profile, cohort=cohort or CohortFactory(), status=ApplicationStatus.ACCEPTED)
    return profile


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PostFactory(factory.django.DjangoModelFactory):
    """A draft (status=…, published_at and slug for a published one). authors=[TalentProfile, …]."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Federated learning at the hospital, part {n}")
    summary = "What six months of dermatology images taught me about privacy."
    body = "## Why federated\n\nThe images never leave the hospital. **Only the weights travel.**\n"
    status = PostStatus.DRAFT

    @factory.post_generation
    def authors(post, create, extracted, **kwargs):
        for position, talent in enumerate(extracted or []):
            Authorship.objects.create(post=post, talent=talent, position=position)


def image_bytes(image_format="PNG", size=(640, 480), colour=(30, 120, 200), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def png_upload(name="diagram.png", size=(640, 480)):
    return SimpleUploadedFile(name, image_bytes("PNG", size), content_type="image/png")


GPS_LATITUDE = (57.0, 42.0, 0.0)  # Gothenburg


def jpeg_with_gps_upload(name="photo.jpg", size=(2400, 1600)):
    """A phone photo: EXIF with a GPS position, a camera model and a comment."""
    exif = Image.Exif()
    exif[0x0110] = "Phone 15 Pro"  # Model
    exif[0x9286] = "taken at home"  # UserComment (in the Exif IFD on real phones; enough for the test)
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (11.0, 58.0, 0.0)
    data = image_bytes("JPEG", size, exif=exif.tobytes())
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
)


def svg_upload(name="chart.png"):
    """An SVG with script, named as a PNG and sent as one."""
    return SimpleUploadedFile(name, SVG_WITH_SCRIPT, content_type="image/png")


def bomb_png_upload(name="bomb.png", width=40_000, height=40_000):
    """A small PNG whose header declares 40,000 by 40,000 pixels (1.6 gigapixels), with a valid checksum:
    decoded it would take gigabytes, so it must be refused from its header."""
    data = bytearray(image_bytes("PNG", (8, 8)))
    # The IHDR chunk follows the 8-byte signature: length (4), type (4), width (4), height (4), …, CRC (4).
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return SimpleUploadedFile(name, bytes(data), content_type="image/png")


@pytest.fixture
def writer(talent):
    """`talent` accepted in a cohort: may write for the blog."""
    return make_writer(talent)


@pytest.fixture
def other_writer(other_talent):
    return make_writer(other_talent)
