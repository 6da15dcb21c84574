from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.actions import run_service
from hosts.models import HostInterest
from hosts.services import interests as services

SUBMITTED_FIELDS = [
    "organization_name",
    "contact_name",
    "email",
    "phone",
    "sector",
    "city",
    "cohort",
    "message",
]


@admin.register(HostInterest)
class HostInterestAdmin(admin.ModelAdmin):
    """The recruiting pipeline: new → contacted → joined | declined, moved by the actions."""

    list_display = ["organization_name", "contact_name", "email", "sector", "cohort", "status", "created_at"]
    list_filter = ["status", "sector", "cohort"]
    list_select_related = ["cohort"]
    search_fields = ["organization_name", "contact_name", "email", "city"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "convert", "decline"]
    fieldsets = [
        (None, {"fields": ["status", "organization", "notes"]}),
        (_("What the prospect sent"), {"fields": [*SUBMITTED_FIELDS, "created_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # an interest taken by phone or at an event is typed in by the team
            return ["status", "organization", "created_at"]
        return ["status", "organization", *SUBMITTED_FIELDS, "created_at"]

    @admin.action(description=_("Mark as contacted"), permissions=["handle_interest"])
    def mark_contacted(self, request, queryset):
        run_service(self, request, queryset, services.mark_contacted, _("%(count)d marked as contacted."))

    @admin.action(description=_("Create organisation and invite contact"), permissions=["handle_interest"])
    def convert(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            services.convert_interest,
            _("%(count)d organisation(s) created; the contacts are invited by email."),
        )

    @admin.action(description=_("Decline"), permissions=["handle_interest"])
    def decline(self, request, queryset):
        run_service(self, request, queryset, services.decline_interest, _("%(count)d declined."))
