"""Images in blog posts and authors' photos: checked by content, drawn anew without metadata, resized.

A phone photo carries where it was taken; a post is public. So no uploaded file is ever served: each is
checked (eyeforai/images.py), its pixels drawn anew without EXIF, XMP or comments, at most LARGE_WIDTH wide,
plus a SMALL_WIDTH copy for phones and lists, both under random names.
"""

import uuid

from django.core.files.base import ContentFile

from eyeforai.images import CONTENT_TYPES, EXTENSIONS, check_image, reencoded

MAX_IMAGE_BYTES = 8 * 1024 * 1024  # a phone's photo
# 40 megapixels holds any phone or camera photo; decoded, it is 160 MB at most, and a crafted file
# declaring more is refused from its header before anything is decoded.
MAX_IMAGE_PIXELS = 40_000_000
LARGE_WIDTH = 1600
SMALL_WIDTH = 800
PHOTO_WIDTH = 400


def post_image_upload_to(instance, filename):
    return f"blog-images/{uuid.uuid4().hex}.{EXTENSIONS.get(instance.content_type, 'bin')}"


def author_photo_upload_to(instance, filename):
    return f"blog-authors/{uuid.uuid4().hex}.{EXTENSIONS.get(instance.photo_content_type, 'bin')}"


def check_upload(upload):
    """The upload's image format once its content passes (PNG, JPEG or WebP); a ValidationError otherwise."""
    return check_image(upload, max_bytes=MAX_IMAGE_BYTES, max_pixels=MAX_IMAGE_PIXELS)


def renditions(upload, image_format, widths):
    """The checked upload drawn anew at each width: [(ContentFile, width, height), …], and its content type."""
    files = []
    for width in widths:
        data, drawn_width, drawn_height = reencoded(upload, image_format, max_width=width)
        files.append((ContentFile(data, name=f"image.{image_format.lower()}"), drawn_width, drawn_height))
    return files, CONTENT_TYPES[image_format]
