"""Images in lessons: stored under a random name; checked by content on upload (courses/admin)."""

import uuid

from eyeforai.images import CONTENT_TYPES, EXTENSIONS, check_image

MAX_IMAGE_BYTES = 2 * 1024 * 1024
# A lesson image is a screenshot or a diagram. Pillow's own bomb limit (about 89 megapixels) is a global
# that other code (the statement PDF) shares, so this check has its own, lower one: 20 megapixels is
# 80 MB decoded, far above any real lesson image and far below what a small crafted file can declare.
MAX_IMAGE_PIXELS = 20_000_000


def lesson_image_upload_to(instance, filename):
    """A random name under MEDIA_ROOT/lesson-images/; the extension follows the checked content type."""
    extension = EXTENSIONS.get(instance.content_type, "bin")
    return f"lesson-images/{uuid.uuid4().hex}.{extension}"


def validate_lesson_image(upload):
    """Check an uploaded lesson image by its content (eyeforai/images.py), never by its name or the
    browser's content type: PNG, JPEG or WebP, at most 2 MB and 20 megapixels, readable to the end.

    Sets `upload.content_type` to the type found and returns it; refuses anything else (a PDF or an SVG
    renamed .png, a decompression bomb, a truncated file) with a ValidationError a course manager can act on.
    """
    content_type = CONTENT_TYPES[check_image(upload, max_bytes=MAX_IMAGE_BYTES, max_pixels=MAX_IMAGE_PIXELS)]
    upload.content_type = content_type
    return content_type
