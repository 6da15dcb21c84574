"""Demo blog: a dozen posts by accepted demo talents (blog/demo_posts.py) at every step of review.

The talent whose login seed_demo prints (the running cohort's first) has a post in each state: published
(co-authored), scheduled, submitted and shown to the first demo host (whose member's login is printed
too), sent back with the team's comment, and a draft. Rows are written directly, as the services would
leave them, so that seeding queues no emails; each post is made once, keyed by a fixed uuid, so a second
run finds it. Cover images are drawn here and stored through blog.images like an upload.
"""

import io
import uuid
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from blog.choices import CommentKind, PostStatus
from blog.demo_posts import BIOS, POSTS, PRIVATE_AUTHORS, TAGS
from blog.images import LARGE_WIDTH, SMALL_WIDTH, check_upload, renditions
from blog.models import AuthorPage, Authorship, Post, PostComment, PostImage, Tag

# The namespace of the demo posts' fixed uuids (uuid5 of their keys).
DEMO_NAMESPACE = uuid.UUID("6f1d3c2e-0b7a-4c55-9a51-4f3e8e0b2d17")
COVER_SIZE = (1200, 630)


def demo_post_uuid(key):
    return uuid.uuid5(DEMO_NAMESPACE, key)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


def _dates(spec, today):
    """The post's dates as its review would have left them, relative to the day of seeding."""
    state, days = spec["state"], spec["days"]
    if state == PostStatus.PUBLISHED:
        published = _at(today - timedelta(days=days), 9)
        return {
            "created_at": published - timedelta(days=16),
            "submitted_at": published - timedelta(days=6),
            "published_at": published,
        }
    if state == PostStatus.SCHEDULED:
        return {
            "created_at": _at(today - timedelta(days=18), 14),
            "submitted_at": _at(today - timedelta(days=4), 16),
            "publish_at": _at(today + timedelta(days=days), 8),
        }
    if state == PostStatus.SUBMITTED:
        dates = {"created_at": _at(today - timedelta(days=12), 10), "submitted_at": _at(today - timedelta(days=2), 11)}
        if spec.get("shared"):
            dates["shared_with_hosts_at"] = _at(today - timedelta(days=1), 13)
        return dates
    if state == PostStatus.CHANGES_REQUESTED:
        return {"created_at": _at(today - timedelta(days=20), 10), "submitted_at": _at(today - timedelta(days=9), 15)}
    return {"created_at": _at(today - timedelta(days=5), 20)}


def cover_upload(top, bottom):
    """A cover drawn in code: a vertical gradient between two colours with a few soft circles, as a PNG upload."""
    width, height = COVER_SIZE
    image = Image.new("RGB", COVER_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / (height - 1)
        draw.line(
            [(0, y), (width, y)], fill=tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        )
    for number, radius in enumerate((220, 140, 90)):
        x, y = width - 260 - number * 230, 180 + number * 120
        light = tuple(min(255, channel + 40 + number * 20) for channel in top)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=light, width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")


def _add_cover(post, colours, *, uploaded_by):
    upload = cover_upload(*colours)
    image_format = check_upload(upload)
    ((large, width, height), (small, _width, _height)), content_type = renditions(
        upload, image_format, [LARGE_WIDTH, SMALL_WIDTH]
    )
    image = PostImage(
        post=post,
        content_type=content_type,
        width=width,
        height=height,
        alt=f"An abstract cover for “{post.title}”",
        uploaded_by=uploaded_by,
        uploaded_at=post.created_at,
    )
    image.image.save(large.name, large, save=False)
    image.small.save(small.name, small, save=False)
    image.save()
    post.cover = image
    post.save(update_fields=["cover"])


def _unique_slug(title):
    slug = slugify(title)[:80].strip("-")
    while Post.objects.filter(slug=slug).exists():
        slug = f"{slug[:74]}-{uuid.uuid4().hex[:5]}"
    return slug


def _post(spec, *, writers, hosts, tags, manager, today):
    post_uuid = demo_post_uuid(spec["key"])
    existing = Post.objects.filter(uuid=post_uuid).first()
    if existing is not None:
        return existing
    authors = [writers[ref] for ref in spec["authors"]]
    post = Post.objects.create(
        uuid=post_uuid,
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
        language=spec["language"],
        status=spec["state"],
        slug=_unique_slug(spec["title"]) if spec["state"] == PostStatus.PUBLISHED else None,
        **_dates(spec, today),
    )
    Authorship.objects.bulk_create(
        Authorship(post=post, talent=talent, position=position) for position, talent in enumerate(authors)
    )
    post.tags.set(tags[name] for name in spec["tags"])
    post.hosts.set(hosts[slug] for slug in spec["hosts"])
    if spec["cover"]:
        _add_cover(post, spec["cover"], uploaded_by=authors[0].user)
    if spec.get("team_comment"):
        PostComment.objects.create(
            post=post,
            author=manager,
            author_name=manager.get_full_name(),
            kind=CommentKind.TEAM,
            body=spec["team_comment"],
            asks_for_changes=True,
            created_at=post.submitted_at + timedelta(days=5),
        )
    return post


def seed_blog(context):
    today = timezone.localdate()
    talents = context.data["talents"]
    writers = {ref: talents[ref[0]][ref[1]] for spec in POSTS for ref in spec["authors"]}
    for ref, talent in writers.items():
        AuthorPage.objects.get_or_create(
            talent=talent,
            defaults={"show_name": ref not in PRIVATE_AUTHORS, "show_cohort": True, "bio": BIOS.get(ref, "")},
        )
    tags = {name: Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in TAGS}
    hosts = context.data["host_organizations"]
    manager = context.data["managers"][0]
    for spec in POSTS:
        _post(spec, writers=writers, hosts=hosts, tags=tags, manager=manager, today=today)
    context.progress()
