from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.actions import run_service
from hosts.forms import RequestChangesForm
from hosts.models import Project, ProjectSeat
from hosts.services import projects as services


class ProjectSeatInline(admin.TabularInline):
    model = ProjectSeat
    extra = 0
    fields = ["period", "seats"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("period__cohort")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "cohort", "status", "seats_per_period", "seat_total"]
    list_filter = ["cohort", "status", "organization__sector", "skills"]
    list_select_related = ["organization", "cohort"]
    search_fields = ["title", "organization__name", "supervisor_name"]
    autocomplete_fields = ["skills"]
    inlines = [ProjectSeatInline]
    actions = ["approve", "request_changes", "withdraw"]
    change_list_template = "admin/hosts/project/change_list.html"
    readonly_fields = ["status", "manager_note", "created_by", "created_at", "submitted_at", "decided_at"]
    fieldsets = [
        (None, {"fields": ["organization", "cohort", "title", "summary", "description", "skills"]}),
        (_("Supervision and place"), {"fields": ["supervisor_name", "supervisor_email", "city", "place"]}),
        (_("Review"), {"fields": readonly_fields}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_seats().with_seat_total()

    @admin.display(description=_("seats per period"))
    def seats_per_period(self, project):
        return " / ".join(f"P{seat.period.number}: {seat.seats}" for seat in project.seat_list) or "—"

    @admin.display(description=_("seats in all"), ordering="seat_total")
    def seat_total(self, project):
        return project.seat_total or 0

    @admin.action(description=_("Approve (emails the members)"), permissions=["review_project"])
    def approve(self, request, queryset):
        run_service(self, request, queryset, services.approve_project, _("%(count)d project(s) approved."))

    @admin.action(description=_("Withdraw"), permissions=["review_project"])
    def withdraw(self, request, queryset):
        run_service(self, request, queryset, services.withdraw_project, _("%(count)d project(s) withdrawn."))

    @admin.action(description=_("Request changes (with a note; emails the members)"), permissions=["review_project"])
    def request_changes(self, request, queryset):
        """An intermediate page asks for the note, as Django's own delete confirmation does."""
        form = RequestChangesForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            run_service(
                self,
                request,
                queryset,
                services.request_changes,
                _("Changes requested for %(count)d project(s)."),
                note=form.cleaned_data["note"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Request changes"),
            "opts": self.model._meta,
            "projects": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/hosts/project/request_changes.html", context)

    def message_refusal(self, request, error: ValidationError):
        self.message_user(request, " ".join(error.messages), messages.ERROR)
