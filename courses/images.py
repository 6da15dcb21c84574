"""Images in lessons: stored under a random name; checked by content on upload (courses/admin)."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 2 * 1024 * 1024
# A lesson image is a screenshot or a diagram. Pillow's own bomb limit (about 89 megapixels) is a global
# that other code (the statement PDF) shares, so this check has its own, lower one: 20 megapixels is
# 80 MB decoded, far above any real lesson image and far below what a small crafted file can declare.
MAX_IMAGE_PIXELS = 20_000_000
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def lesson_image_upload_to(instance, filename):
    """A random name under MEDIA_ROOT/lesson-images/; the extension follows the checked content type."""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(instance.content_type, "bin")
    return f"lesson-images/{uuid.uuid4().hex}.{extension}"


def validate_lesson_image(upload):
    """Check an uploaded lesson image by its content, never by its name or the browser's content type.

    PNG, JPEG or WebP, at most 2 MB and 20 megapixels, and readable to the end. Sets `upload.content_type`
    to the type found and returns it; refuses anything else (a PDF or an SVG renamed .png, a
    decompression bomb, a truncated file) with a ValidationError a course manager can act on.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; it can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(MAX_IMAGE_BYTES + 1)
    upload.seek(0)
    not_an_image = ValidationError(_("This file is not a PNG, JPEG or WebP image."), code="not_image")
    too_many_pixels = ValidationError(
        _("The image is too large in pixels; it can be at most %(megapixels)s megapixels.")
        % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only these three decoders are tried: a file is what its bytes say, whatever its name.
            with Image.open(io.BytesIO(data), formats=list(CONTENT_TYPES)) as image:
                image_format = image.format
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise too_many_pixels
                image.verify()
            # verify() checks the structure (a PNG's checksums); decoding finds a JPEG or WebP cut short.
            with Image.open(io.BytesIO(data), formats=[image_format]) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise not_an_image from None
    content_type = CONTENT_TYPES[image_format]
    upload.content_type = content_type
    return content_type
