"""Each object's admin "History" page lists its activity entries above Django's own edit log."""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode

from eyeforai.activity.models import ActivityEntry

# An object with more entries than this shows the newest ones and links to the full list.
HISTORY_LIMIT = 200


class ActivityHistoryMixin:
    """Adds `activity_entries` (newest first) and `activity_list_url` to the history page's context;
    templates/admin/object_history.html shows them. One query, no joins: the entry carries its text."""

    def history_view(self, request, object_id, extra_context=None):
        context = {**self.activity_history_context(request, unquote(object_id)), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def activity_history_context(self, request, object_id):
        try:
            pk = self.model._meta.pk.to_python(object_id)
        except ValidationError:
            return {}  # Django's history_view answers for an id that cannot be a key
        content_type = ContentType.objects.get_for_model(self.model)
        entries = list(
            ActivityEntry.objects.for_key(content_type, pk).only(
                "at", "actor_email", "actor_name", "action", "from_state", "to_state", "note"
            )[: HISTORY_LIMIT + 1]
        )
        query = urlencode({"content_type__id__exact": content_type.pk, "object_id": str(pk)})
        return {
            "activity_entries": entries[:HISTORY_LIMIT],
            "activity_truncated": len(entries) > HISTORY_LIMIT,
            "activity_list_url": f"{reverse('admin:activity_activityentry_changelist')}?{query}",
        }
