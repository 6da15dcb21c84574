"""What authors do to their posts: start, change, add and remove images, delete a draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from blog.choices import PostStatus
from blog.images import LARGE_WIDTH, SMALL_WIDTH, check_upload, renditions
from blog.models import Authorship, Post, PostImage
from blog.services.activity import record_step
from blog.services.mail import tell

MAX_IMAGES_PER_POST = 20
MAX_AUTHORS = 4
POST_FIELDS = ("title", "summary", "body", "language")


def lock_post(post):
    """The post's row, re-read under its lock: every state change of a post starts here."""
    return Post.objects.select_for_update().get(pk=post.pk)


def _check_editable(post):
    if not post.can_edit:
        raise ValidationError(
            _("This post is “%(status)s”: it can be changed only as a draft or when changes were asked for.")
            % {"status": post.get_status_display()}
        )


def _set_authors(post, editor, coauthors):
    """The post's authors become `editor` and `coauthors`: the ones staying keep their place in the byline, new
    ones join at its end, and the place of an erased author ("a former talent", no talent) is never touched."""
    wanted = list(dict.fromkeys([editor, *coauthors]))
    if len(wanted) > MAX_AUTHORS:
        raise ValidationError({"coauthors": _("A post can have at most %(count)s authors.") % {"count": MAX_AUTHORS}})
    named = post.authorships.filter(talent__isnull=False)
    named.exclude(talent__in=wanted).delete()
    staying = set(named.values_list("talent_id", flat=True))
    position = (post.authorships.aggregate(last=Max("position"))["last"] or 0) + 1
    joining = [talent for talent in wanted if talent.pk not in staying]
    for talent in joining:
        Authorship.objects.create(post=post, talent=talent, position=position)
        position += 1
    # Nobody is named on a post without knowing: each co-author added hears who added them.
    for talent in joining:
        if talent == editor:
            continue
        tell(
            [talent.user.email],
            post,
            key=f"blog-coauthor:{post.uuid}:{talent.uuid}:{post.updated_at.isoformat()}",
            template="coauthor_added",
            added_by=editor.user.get_full_name(),
        )


def _apply(post, data):
    for field in POST_FIELDS:
        setattr(post, field, data[field])
    cover = data.get("cover")
    if cover is not None and cover.post_id != post.pk:
        raise ValidationError({"cover": _("Choose one of this post's own images as its cover.")})
    post.cover = cover
    post.full_clean(exclude=["cover", "slug"])
    post.save()
    post.tags.set(data.get("tags", []))
    hosts = set(data.get("hosts", []))
    if post.shared_with_hosts_at is not None and hosts != set(post.hosts.all()):
        # The team showed the post to the hosts it named then; another host sees it only when the team says so.
        post.shared_with_hosts_at = None
        post.save(update_fields=["shared_with_hosts_at"])
    post.hosts.set(hosts)


@transaction.atomic
def start_post(talent, *, data, by):
    """A new draft by `talent` (and the co-authors in `data`), private to its authors.
    Side effects: "blog/coauthor_added" to each co-author; the activity entry "post.started"."""
    post = Post(status=PostStatus.DRAFT)
    _apply(post, {**data, "cover": None})
    _set_authors(post, talent, data.get("coauthors", []))
    record_step(post, "post.started", by=by, to_state=post.status)
    return post


@transaction.atomic
def update_post(post, *, talent, data, by):
    """An author changes a draft (or a post the team asked changes of): text, cover, tags, hosts, co-authors.
    `talent` (the author editing) stays an author. Side effects: "blog/coauthor_added" to each co-author added;
    the activity entry "post.changed"."""
    post = lock_post(post)
    _check_editable(post)
    _apply(post, data)
    _set_authors(post, talent, data.get("coauthors", []))
    record_step(post, "post.changed", by=by)
    return post


@transaction.atomic
def delete_draft(post, *, by):
    """An author deletes a draft never submitted, with its images. Side effect: the activity entry
    "post.deleted", naming no title (blog.services.activity)."""
    post = lock_post(post)
    if not post.is_private_draft:
        raise ValidationError(_("Only a draft that was never submitted can be deleted; ask the team to remove it."))
    record_step(post, "post.deleted", by=by, from_state=post.status)
    delete_image_files(list(post.images.all()))
    post.delete()


@transaction.atomic
def add_image(post, *, upload, alt, by):
    """Add an image to a post: checked by content, drawn anew without metadata at two widths, random names.
    Refused (ValidationError on "image") when the file is not an image we accept. Side effect: the
    activity entry "post.image_added"."""
    post = lock_post(post)
    _check_editable(post)
    if post.images.count() >= MAX_IMAGES_PER_POST:
        too_many = _("A post can have at most %(count)s images.") % {"count": MAX_IMAGES_PER_POST}
        raise ValidationError({"image": too_many})
    try:
        image_format = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    files, content_type = renditions(upload, image_format, [LARGE_WIDTH, SMALL_WIDTH])
    (large, width, height), (small, _width, _height) = files
    image = PostImage(post=post, content_type=content_type, width=width, height=height, alt=alt, uploaded_by=by)
    image.full_clean(exclude=["image", "small", "post"])
    image.image.save(large.name, large, save=False)
    image.small.save(small.name, small, save=False)
    image.save()
    record_step(post, "post.image_added", by=by, note=image.alt)
    return image


@transaction.atomic
def remove_image(image, *, by):
    """An author removes an image from their post (its files go after commit); the text keeps no link to it
    once they take it out. Side effect: the activity entry "post.image_removed"."""
    post = lock_post(image.post)
    _check_editable(post)
    if post.cover_id == image.pk:
        post.cover = None
        post.save(update_fields=["cover", "updated_at"])
    record_step(post, "post.image_removed", by=by, note=image.alt)
    delete_image_files([image])
    image.delete()


def delete_image_files(images):
    names = [(field.storage, field.name) for image in images for field in (image.image, image.small) if field.name]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names], robust=True)
