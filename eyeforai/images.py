"""Uploaded images, checked by their content in a bounded way (lesson images, blog images).

A file is what its bytes say, whatever its name or the browser's content type: PNG, JPEG or WebP only (an
SVG can carry script), capped in bytes and in pixels before anything is decoded, and readable to the end.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
JPEG_KINDS = {"MPO": "JPEG"}


def check_image(upload, *, max_bytes, max_pixels):
    """The image format of `upload` ("PNG", "JPEG" or "WEBP") once its content passes; else a ValidationError.

    At most `max_bytes` and `max_pixels`, and readable to the end. Pillow's own bomb limit (about 89
    megapixels) is a global that other code shares, so the pixel cap is checked from the header first.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; it can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    not_an_image = ValidationError(_("This file is not a PNG, JPEG or WebP image."), code="not_image")
    too_many_pixels = ValidationError(
        _("The image is too large in pixels; it can be at most %(megapixels)s megapixels.")
        % {"megapixels": max_pixels // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only these three decoders are tried: a file is what its bytes say, whatever its name.
            with Image.open(io.BytesIO(data), formats=list(CONTENT_TYPES)) as image:
                # A phone's JPEG with a second picture (an HDR gain map) opens as "MPO": it is a JPEG.
                image_format = JPEG_KINDS.get(image.format, image.format)
                if image_format not in CONTENT_TYPES:
                    raise not_an_image
                if image.width * image.height > max_pixels:
                    raise too_many_pixels
                image.verify()
            # verify() checks the structure (a PNG's checksums); decoding finds a JPEG or WebP cut short.
            with Image.open(io.BytesIO(data), formats=[image_format]) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError, KeyError):
        raise not_an_image from None
    return image_format


def reencoded(upload, image_format, *, max_width):
    """The checked image drawn anew at most `max_width` pixels wide: (bytes, width, height).

    Only the pixels survive: EXIF (a phone's GPS position, its serial number), XMP, comments and colour
    profiles are left behind. A photo's EXIF rotation is applied first, so it stands the way it was taken.
    """
    upload.seek(0)
    with Image.open(upload, formats=[image_format]) as original:
        drawn = ImageOps.exif_transpose(original)
        if drawn.width > max_width:
            height = max(1, round(drawn.height * max_width / drawn.width))
            drawn = drawn.resize((max_width, height), Image.LANCZOS)
        if image_format == "JPEG" and drawn.mode not in ("RGB", "L"):
            drawn = drawn.convert("RGB")
        elif drawn.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            drawn = drawn.convert("RGBA")
        output = io.BytesIO()
        options = {"PNG": {"optimize": True}, "JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}}
        drawn.save(output, format=image_format, **options[image_format])
    upload.seek(0)
    return output.getvalue(), drawn.width, drawn.height
