from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class ActivityEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The entries about `obj`, newest first (served by activity_entry_object_at)."""
        return self.for_key(ContentType.objects.get_for_model(obj), obj.pk)

    def for_key(self, content_type, object_id):
        return self.filter(content_type=content_type, object_id=str(object_id)).order_by("-at", "-pk")


class ActivityEntry(models.Model):
    """One state change: who made it, what it was, to which object, when, and from which state to which.

    Written only by eyeforai.activity.services.record, in the transaction of the change it records.
    The actor's email and name are copied, so the entry still says who it was once the account is gone.
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,  # activity_entry_actor_at starts with the actor
    )
    actor_email = models.CharField(_("person's email"), max_length=254, blank=True)
    actor_name = models.CharField(_("person's name"), max_length=300, blank=True)
    # PROTECT: the log outlives a model's rows, and must not vanish with a stale content type either.
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind of object"),
        db_index=False,  # activity_entry_object_at starts with the content type
    )
    # Text, so one column holds integer and UUID primary keys alike (as Django's admin LogEntry does).
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=64, help_text=_("What happened, e.g. application.submitted."))
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ActivityEntryQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("one entry of the activity log", "activity entry")
        verbose_name_plural = _("activity")
        ordering = ["-at", "-pk"]
        indexes = [
            # The activity list, newest first, and its date drill-down.
            models.Index(fields=["-at"], name="activity_entry_at"),
            # The list filtered by person.
            models.Index(fields=["actor", "-at"], name="activity_entry_actor_at"),
            # An object's history page, and the list filtered by kind of object.
            models.Index(fields=["content_type", "object_id", "-at"], name="activity_entry_object_at"),
        ]

    def __str__(self):
        return f"{self.action}: {self.object_repr}"

    @property
    def actor_label(self):
        """Who did it, for people: the name and email copied at the time, or "system" for a beat task."""
        if not self.actor_email:
            return gettext("system")
        return f"{self.actor_name} <{self.actor_email}>" if self.actor_name else self.actor_email

    @property
    def transition(self):
        """ "Submitted → Under review" in the reader's language, or "" when the action moved no state.

        The entry keeps the codes ("under_review"); they are named by the object's status choices."""
        if not (self.from_state or self.to_state):
            return ""
        # get_for_id: ContentType's own cache, so a list of entries costs no query per row.
        labels = state_labels(ContentType.objects.get_for_id(self.content_type_id).model_class())
        before, after = self.from_state or "—", self.to_state or "—"
        return f"{labels.get(before, before)} → {labels.get(after, after)}"


def state_labels(model):
    """{code: label} of the model's status choices (the field named "status", else the first with
    choices); {} for a model that is gone or has none."""
    if model is None:
        return {}
    fields = sorted(
        (field for field in model._meta.concrete_fields if field.choices),
        key=lambda field: field.name != "status",
    )
    return {str(code): label for code, label in fields[0].flatchoices} if fields else {}
