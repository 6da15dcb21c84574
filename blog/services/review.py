"""The post's way to the public: submitted by its authors, commented on, sent back, shown to hosts,
scheduled or published, removed by the programme team. Each step records its activity and emails the
people concerned (blog/services/mail.py)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from blog.choices import EDITABLE_STATUSES, CommentKind, PostStatus
from blog.models import Post, PostComment
from blog.models.posts import RESERVED_SLUGS
from blog.services.activity import record_step
from blog.services.mail import member_addresses, tell, tell_authors, tell_team
from blog.services.writing import lock_post

SLUG_LENGTH = 80


def _move(post, to, *, by, note=""):
    from_state = post.status
    post.status = to
    post.save()
    record_step(post, f"post.{to}", by=by, from_state=from_state, to_state=to, note=note)


@transaction.atomic
def submit_post(post, *, by):
    """The authors send their draft (or the changes asked for) to the programme team.
    Side effects: "blog/submitted" to the team; the activity entry "post.submitted"."""
    post = lock_post(post)
    if post.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This post has already been sent to the programme team."))
    missing = [field for field in ("title", "summary", "body") if not getattr(post, field).strip()]
    if missing:
        raise ValidationError(_("Write a title, a summary and the text before you send the post."))
    post.submitted_at = timezone.now()
    resubmitted = post.status == PostStatus.CHANGES_REQUESTED
    _move(post, PostStatus.SUBMITTED, by=by)
    key = f"blog-submitted:{post.uuid}:{post.submitted_at.isoformat()}"
    tell_team(post, key=key, template="submitted", again=resubmitted)
    return post


def _comment(post, *, body, by, kind, organization=None, asks_for_changes=False):
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your comment.")})
    comment = PostComment(
        post=post,
        author=by,
        # Never the email address: hosts and authors read the thread.
        author_name=by.get_full_name() or str(CommentKind(kind).label),
        kind=kind,
        organization=organization,
        body=body,
        asks_for_changes=asks_for_changes,
    )
    comment.full_clean(exclude=["author"])
    comment.save()
    return comment


@transaction.atomic
def comment_on_post(post, *, body, by, kind, organization=None):
    """A comment on a post in review: by the team (emailed to the authors), by a host the post was shown to
    or by an author (emailed to the team). Side effect: the activity entry "post.commented"."""
    post = lock_post(post)
    if not post.accepts_comments:
        raise ValidationError(_("This post is no longer in review; comments are closed."))
    if kind == CommentKind.HOST and post.shared_with_hosts_at is None:
        raise ValidationError(_("This post is not shown to host organisations."))
    comment = _comment(post, body=body, by=by, kind=kind, organization=organization)
    record_step(post, "post.commented", by=by, note=kind)
    key = f"blog-comment:{comment.uuid}"
    if kind == CommentKind.TEAM:
        tell_authors(post, key=key, template="team_comment", comment=comment.body)
    else:
        organization_name = organization.name if organization else ""
        tell_team(post, key=key, template="comment", comment=comment.body, organization=organization_name)
    return comment


@transaction.atomic
def request_changes(post, *, note, by):
    """The team sends a submitted (or scheduled) post back to its authors with what to change.
    Side effects: the comment; "blog/changes_requested" to the authors; the activity entry."""
    post = lock_post(post)
    if not post.can_publish:
        raise ValidationError(_("Changes can be asked for only while the post is in review or scheduled."))
    comment = _comment(post, body=note, by=by, kind=CommentKind.TEAM, asks_for_changes=True)
    post.publish_at = None
    _move(post, PostStatus.CHANGES_REQUESTED, by=by, note=comment.body)
    tell_authors(post, key=f"blog-changes:{comment.uuid}", template="changes_requested", comment=comment.body)
    return post


def _unique_slug(post):
    base = slugify(post.title)[:SLUG_LENGTH].strip("-") or "post"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Post.objects.filter(slug=slug).exclude(pk=post.pk).exists():
        slug = f"{base[: SLUG_LENGTH - 6]}-{number}"
        number += 1
    return slug


def _publish(post, *, by):
    post.published_at = timezone.now()
    post.publish_at = None
    if post.slug:
        _move(post, PostStatus.PUBLISHED, by=by)
    else:
        post.slug = _unique_slug(post)
        previous = post.status
        try:
            with transaction.atomic():  # a savepoint: another post took the same address a moment ago
                _move(post, PostStatus.PUBLISHED, by=by)
        except IntegrityError:
            post.status = previous
            post.slug = f"{post.slug[: SLUG_LENGTH - 9]}-{post.uuid.hex[:8]}"
            _move(post, PostStatus.PUBLISHED, by=by)
    tell_authors(post, key=f"blog-published:{post.uuid}", template="published", post_path=post.get_absolute_url())


@transaction.atomic
def publish_post(post, *, by, at=None):
    """The team publishes a post in review now (`at` empty or past) or schedules it for `at`.
    Side effects: "blog/published" or "blog/scheduled" to the authors; the activity entry
    "post.published" / "post.scheduled". The post's address (slug) is made from its title once."""
    post = lock_post(post)
    if not post.can_publish:
        raise ValidationError(_("Only a post sent for review can be published or scheduled."))
    if at is None or at <= timezone.now():
        _publish(post, by=by)
        return post
    post.publish_at = at
    _move(post, PostStatus.SCHEDULED, by=by, note=at.isoformat())
    tell_authors(post, key=f"blog-scheduled:{post.uuid}:{at.isoformat()}", template="scheduled", publish_at=at)
    return post


def publish_due_posts(now=None):
    """Publish every scheduled post whose time has come (the beat task blog.publish_scheduled_posts).
    Each in its own transaction under its row's lock; a post the team changed meanwhile is left alone.
    Returns how many were published."""
    now = now or timezone.now()
    published = 0
    for pk in Post.objects.due(now).values_list("pk", flat=True):
        with transaction.atomic():
            post = Post.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if post is None or post.status != PostStatus.SCHEDULED or post.publish_at > now:
                continue
            _publish(post, by=None)
            published += 1
    return published


@transaction.atomic
def share_with_hosts(post, *, by):
    """The team shows a post in review to the members of the host organisations it names, who may comment.
    Side effects: "blog/shared_with_host" to each member; the activity entry "post.shared"."""
    post = lock_post(post)
    if not post.can_share:
        raise ValidationError(_("Only a post in review can be shown to its host organisations."))
    if not post.hosts.exists():
        raise ValidationError(_("This post names no host organisation."))
    post.shared_with_hosts_at = post.shared_with_hosts_at or timezone.now()
    post.save(update_fields=["shared_with_hosts_at", "updated_at"])
    record_step(post, "post.shared", by=by)
    tell(member_addresses(post), post, key=f"blog-shared:{post.uuid}", template="shared_with_host")
    return post


@transaction.atomic
def remove_post(post, *, reason, by):
    """The team takes a post down (or out of review): its public page answers 404, its authors are told why.
    Side effects: "blog/removed" to the authors; the activity entry "post.removed"."""
    post = lock_post(post)
    if not post.can_remove:
        raise ValidationError(_("This post has already been removed."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for its authors.")})
    post.publish_at = None
    _move(post, PostStatus.REMOVED, by=by, note=reason)
    tell_authors(post, key=f"blog-removed:{post.uuid}", template="removed", reason=reason)
    return post
