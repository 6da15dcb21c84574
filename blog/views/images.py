"""Posts' images and authors' photos, as files drawn anew on upload (blog/images.py), never as uploaded.

Served with the type checked on upload and a sandbox: even a file that were somehow not an image could
not run as a page of this site.
"""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from blog.access import get_image_for_reader
from blog.models import AuthorPage
from eyeforai.images import CONTENT_TYPES

PREVIEW_IMAGE_MAX_AGE = 5 * 60  # an unpublished post's image, kept by the reader's browser only
# A talent may change or remove their photo under the same address: shared caches keep it an hour at most.
PHOTO_MAX_AGE = 60 * 60


def _file_response(field, content_type):
    try:
        stored = field.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: an empty field
        raise Http404 from None
    # The type checked on upload, never one guessed from the file: a browser must not read it as HTML.
    known = content_type if content_type in CONTENT_TYPES.values() else None
    response = FileResponse(stored, content_type=known or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def image(request, uuid, small=False):
    """A post's image (or its small copy): anyone's once the post is published, else only for those who
    may read the post (blog.access.get_image_for_reader); anyone else gets a 404."""
    post_image = get_image_for_reader(request, uuid)
    field = post_image.small if small and post_image.small else post_image.image
    response = _file_response(field, post_image.content_type)
    if post_image.post.is_published:
        # No longer than the public pages: a removed post's image keeps its address and must go from
        # shared caches as soon as the page it was on does.
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_SECONDS)
    else:
        patch_cache_control(response, private=True, max_age=PREVIEW_IMAGE_MAX_AGE)
    return response


@require_GET
def author_photo(request, uuid):
    """The photo a talent put on their author page (public by their choice); 404 if there is none."""
    author_page = get_object_or_404(AuthorPage, uuid=uuid)
    if not author_page.photo:
        raise Http404
    response = _file_response(author_page.photo, author_page.photo_content_type)
    patch_cache_control(response, public=True, max_age=PHOTO_MAX_AGE)
    return response
