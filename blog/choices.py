from django.db import models
from django.utils.translation import gettext_lazy as _


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    REMOVED = "removed", _("Removed")


# What its authors may still change; a submitted post waits for the team, a scheduled or published one
# is the team's to change.
EDITABLE_STATUSES = (PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED)
# What the team may publish or schedule: a post it has been asked to review (or one it scheduled before).
PUBLISHABLE_STATUSES = (PostStatus.SUBMITTED, PostStatus.SCHEDULED)
# In the team's hands or back with its authors, not yet public: what may be shown to the hosts it names.
IN_REVIEW_STATUSES = (*PUBLISHABLE_STATUSES, PostStatus.CHANGES_REQUESTED)


class PostLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SWEDISH = "sv", _("Swedish")


class CommentKind(models.TextChoices):
    TEAM = "team", _("Programme team")
    HOST = "host", _("Host organisation")
    AUTHOR = "author", _("Author")
