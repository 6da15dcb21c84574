import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.choices import (
    EDITABLE_STATUSES,
    IN_REVIEW_STATUSES,
    PUBLISHABLE_STATUSES,
    CommentKind,
    PostLanguage,
    PostStatus,
)
from blog.images import post_image_upload_to
from hosts.models import HostOrganization
from talents.models import TalentProfile

MAX_BODY_CHARACTERS = 40_000
WORDS_PER_MINUTE = 220
# What a post's address may not be: the first part of another blog page's path (blog/urls/public.py).
RESERVED_SLUGS = {"feed", "tags", "hosts", "authors", "images", "preview"}


class Tag(models.Model):
    """A topic readers can follow (/blog/tags/<slug>/); host organisations are tagged separately."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag", kwargs={"slug": self.slug})


# A draft never sent for review (Post.is_private_draft, the same rule for one row): its authors' alone.
PRIVATE_DRAFT = Q(status=PostStatus.DRAFT, submitted_at__isnull=True)


class PostQuerySet(models.QuerySet):
    def published(self):
        """What the public pages show, newest first."""
        return self.filter(status=PostStatus.PUBLISHED).order_by("-published_at", "-pk")

    def written_by(self, talent):
        return self.filter(authorships__talent=talent)

    def private_drafts(self):
        """Drafts never sent for review (Post.is_private_draft)."""
        return self.filter(PRIVATE_DRAFT)

    def seen_by_team(self):
        """Every post but the private drafts: what the programme team may see."""
        return self.exclude(PRIVATE_DRAFT)

    def shared_with(self, organization):
        """Posts the team shows this host before publication (they name the host and are still in review)."""
        return self.filter(
            hosts=organization,
            shared_with_hosts_at__isnull=False,
            status__in=IN_REVIEW_STATUSES,
        )

    def due(self, now):
        return self.filter(status=PostStatus.SCHEDULED, publish_at__lte=now)


class Post(models.Model):
    """A talent's blog post: written by its authors, reviewed and published by the programme team.

    The slug is set when the post is first published and never changes after, so a shared link keeps working.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("address"), max_length=90, unique=True, null=True, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=140)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists and when the post is shared.")
    )
    body = models.TextField(_("text"), max_length=MAX_BODY_CHARACTERS, help_text=_("Written in Markdown."))
    language = models.CharField(_("language"), max_length=2, choices=PostLanguage.choices, default=PostLanguage.ENGLISH)
    cover = models.ForeignKey(
        "blog.PostImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover image"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts", verbose_name=_("tags"))
    hosts = models.ManyToManyField(
        HostOrganization, blank=True, related_name="blog_posts", verbose_name=_("host organisations")
    )
    status = models.CharField(_("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    shared_with_hosts_at = models.DateTimeField(_("shown to hosts"), null=True, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        permissions = [("review_post", _("Can review, schedule and publish blog posts"))]
        indexes = [
            # The public lists (/blog/, per tag, host and author, the feed): published posts, newest first.
            models.Index(
                fields=["-published_at"],
                condition=Q(status=PostStatus.PUBLISHED),
                name="blog_post_published_idx",
            ),
            # The beat task's "scheduled posts now due".
            models.Index(fields=["publish_at"], condition=Q(status=PostStatus.SCHEDULED), name="blog_post_due_idx"),
            models.Index(fields=["status", "-submitted_at"], name="blog_post_review_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PostStatus.PUBLISHED) | Q(published_at__isnull=False, slug__isnull=False),
                name="blog_post_published_has_date_and_slug",
            ),
            models.CheckConstraint(
                condition=~Q(status=PostStatus.SCHEDULED) | Q(publish_at__isnull=False),
                name="blog_post_scheduled_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.status == PostStatus.PUBLISHED:
            return reverse("blog:post", kwargs={"slug": self.slug})
        return reverse("blog:preview", kwargs={"uuid": self.uuid})

    @property
    def is_published(self):
        return self.status == PostStatus.PUBLISHED

    @property
    def is_private_draft(self):
        """A draft never sent for review: its authors' alone. Once submitted the team has seen it, even when it
        is back with its authors; until then the team's pages and the activity log show nothing of it. The same
        rule as PRIVATE_DRAFT (Post.objects.private_drafts()), for a row already loaded."""
        return self.status == PostStatus.DRAFT and self.submitted_at is None

    # Each rule below is asked by its service (on the locked row) and by the pages that offer the step.
    @property
    def can_edit(self):
        return self.status in EDITABLE_STATUSES

    @property
    def can_publish(self):
        """The team may publish, schedule or send back a post in review (or one it scheduled)."""
        return self.status in PUBLISHABLE_STATUSES

    @property
    def can_share(self):
        """The team may show a post to the hosts it names while the post is in review."""
        return self.status in IN_REVIEW_STATUSES

    @property
    def accepts_comments(self):
        """A post the team has been sent and has not yet published or removed: the review's thread is open."""
        return self.submitted_at is not None and self.status not in (PostStatus.PUBLISHED, PostStatus.REMOVED)

    @property
    def can_remove(self):
        return self.status != PostStatus.REMOVED

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body.split()) / WORDS_PER_MINUTE))


class Authorship(models.Model):
    """A talent who wrote the post. An erased talent's authorship stays, as "a former talent"."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("post"))
    talent = models.ForeignKey(
        TalentProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_authorships",
        verbose_name=_("talent"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["post", "talent"], name="blog_authorship_once_per_post"),
        ]

    def __str__(self):
        return str(self.talent) if self.talent_id else str(_("a former talent"))


class PostImage(models.Model):
    """An image of a post: checked by content, drawn anew without its metadata, stored under a random name.

    Served by blog/views/images.py: to anyone once its post is published, before that to those who may
    read the post. `small` is the same picture at most SMALL_WIDTH wide, for phones and lists.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images", verbose_name=_("post"))
    image = models.FileField(_("image"), upload_to=post_image_upload_to, max_length=120)
    small = models.FileField(_("small image"), upload_to=post_image_upload_to, max_length=120)
    content_type = models.CharField(_("content type"), max_length=20, editable=False)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    alt = models.CharField(
        _("description (alt text)"),
        max_length=200,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("post image")
        verbose_name_plural = _("post images")

    def __str__(self):
        return self.alt

    def get_absolute_url(self):
        return reverse("blog:image", kwargs={"uuid": self.uuid})

    @property
    def small_url(self):
        return reverse("blog:image_small", kwargs={"uuid": self.uuid})

    @property
    def markdown(self):
        """What an author pastes into the text to show this image."""
        return f"![{self.alt}]({self.get_absolute_url()})"


class PostComment(models.Model):
    """A comment on a post in review: the team's, a shown host's, or an author's reply."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text so the thread still reads after the account is gone (erasure replaces it).
    author_name = models.CharField(_("written by"), max_length=200)
    kind = models.CharField(_("from"), max_length=10, choices=CommentKind.choices)
    organization = models.ForeignKey(
        HostOrganization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=4000)
    asks_for_changes = models.BooleanField(_("asks for changes"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"
