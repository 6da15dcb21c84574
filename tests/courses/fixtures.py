"""Objects the course tests and the access matrix build (registered in tests/conftest.py)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from courses.models import LessonImage
from tests.courses.factories import CheckedLessonFactory


def png_bytes(size=(4, 3)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 84, 166)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def course_lesson(db):
    """A published lesson with a two-question check: shared content every participant reads."""
    return CheckedLessonFactory(title_en="What AI is", title_sv="Vad AI är")


@pytest.fixture
def course_lesson_image(db):
    """An image a lesson shows, stored (in the test's own media directory) as an upload would be."""
    image = LessonImage(content_type="image/png", description="A diagram of a decision")
    image.image.save("diagram.png", ContentFile(png_bytes()), save=False)
    image.save()
    return image


@pytest.fixture
def completed_participant(participant):
    """The `participant` fixture with part 1 (every lesson's check) complete: their statement exists."""
    record = participant.course_participant
    record.part_one_completed_at = timezone.now()
    record.save(update_fields=["part_one_completed_at"])
    return participant
