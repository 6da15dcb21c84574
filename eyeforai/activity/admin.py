from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eyeforai.activity.models import ActivityEntry
from eyeforai.admintools.csv import streaming_csv_response
from eyeforai.admintools.permissions import require_permission

CSV_HEADER = [
    _("when"),
    _("person"),
    _("email"),
    _("kind of object"),
    _("object id"),
    _("object"),
    _("action"),
    _("from"),
    _("to"),
    _("note"),
]


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin):
    """Every recorded state change, newest first: read-only, filtered by person, kind of object and date."""

    list_display = ["at", "person", "action", "kind", "object_link", "transition", "short_note"]
    list_filter = [
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "at",
    ]
    date_hierarchy = "at"
    search_fields = ["object_repr", "actor_email", "actor_name", "action"]
    # The actor's name and email are copied on the row: the list joins only the content type.
    list_select_related = ["content_type"]
    list_per_page = 100
    show_full_result_count = False  # a second COUNT over the whole log on every page is not worth it
    fields = [
        "at",
        "person",
        "action",
        "kind",
        "object_link",
        "object_id",
        "from_state",
        "to_state",
        "note",
    ]
    readonly_fields = fields

    # The log is written by services only: nobody adds, edits or deletes entries here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("person"), ordering="actor_email")
    def person(self, entry):
        return entry.actor_label

    @admin.display(description=_("kind of object"), ordering="content_type")
    def kind(self, entry):
        return entry.content_type.name

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        content_type = entry.content_type
        try:
            url = reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[entry.object_id])
        except NoReverseMatch:
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description=_("from → to"))
    def transition(self, entry):
        return entry.transition

    @admin.display(description=_("note"))
    def short_note(self, entry):
        return Truncator(entry.note).chars(80)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="activity_activityentry_export"), *super().get_urls()]

    def export_view(self, request):
        """CSV of the list as filtered and searched on screen, streamed so a year of activity fits."""
        require_permission(request, "activity.view_activityentry")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:activity_activityentry_changelist") + "?e=1")
        entries = changelist.get_queryset(request).select_related("content_type")
        rows = (
            (
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.actor_name if entry.actor_email else _("system"),
                entry.actor_email,
                f"{entry.content_type.app_label}.{entry.content_type.model}",
                entry.object_id,
                entry.object_repr,
                entry.action,
                entry.from_state,
                entry.to_state,
                entry.note,
            )
            for entry in entries.iterator(chunk_size=2000)
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return streaming_csv_response(f"activity-{stamp}.csv", CSV_HEADER, rows)
