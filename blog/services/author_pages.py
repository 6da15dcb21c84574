"""A talent's author page: what they choose to make public next to their posts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from blog.images import PHOTO_WIDTH, check_upload, renditions
from blog.models import AuthorPage
from eyeforai.activity.services import record

AUTHOR_PAGE_FIELDS = ("show_name", "show_cohort", "bio")


@transaction.atomic
def update_author_page(talent, *, data, photo=None, remove_photo=False, by):
    """The talent chooses what their author page and bylines show: name, cohort, bio, photo.
    A new photo is checked by content and drawn anew without metadata (the old file goes after commit).
    Side effect: the activity entry "authorpage.changed"."""
    # A first save makes the page (private until they choose otherwise), then it is changed under its lock.
    AuthorPage.objects.get_or_create(talent=talent)
    page = AuthorPage.objects.select_for_update().get(talent=talent)
    for field in AUTHOR_PAGE_FIELDS:
        setattr(page, field, data[field])
    page.full_clean(exclude=["photo"])
    old_photo = page.photo.name if (photo is not None or remove_photo) else ""
    if photo is not None:
        try:
            image_format = check_upload(photo)
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
        [(drawn, _width, _height)], content_type = renditions(photo, image_format, [PHOTO_WIDTH])
        page.photo_content_type = content_type
        page.photo.save(drawn.name, drawn, save=False)
    elif remove_photo:
        page.photo = ""
        page.photo_content_type = ""
    page.save()
    if old_photo:
        storage = AuthorPage._meta.get_field("photo").storage
        transaction.on_commit(lambda: storage.delete(old_photo), robust=True)
    record(page, "authorpage.changed", by=by)
    return page
