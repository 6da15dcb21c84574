import html
from functools import lru_cache

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import get_resolver, get_script_prefix, get_urlconf, path, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.actions import run_service
from eyeforai.admintools.csv import csv_response
from eyeforai.admintools.kept_pages import kept_admin_page
from eyeforai.admintools.lists import QuickActionCheckboxMixin, QuickRowsChangeList
from eyeforai.admintools.permissions import require_permission
from talents.admin.review import ApplicationReviewMixin
from talents.choices import ApplicationStatus, Degree
from talents.models import Application, ApplicationEvent, CVDownload, TalentProfile
from talents.services.applications import move_application


@admin.register(TalentProfile)
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "nationality", "country_of_residence", "degree", "university", "graduation_year"]
    list_filter = ["degree", "nationality", "skills"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "university", "degree_field"]
    list_select_related = ["user"]
    filter_horizontal = ["skills"]
    readonly_fields = ["user", "uuid", "created_at", "updated_at"]

    def has_add_permission(self, request):
        # A profile belongs to a user who signed up; the add form has no user to give it (a 500 on save).
        return False

    @admin.display(description=_("name"))
    def name(self, profile):
        return profile.name

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, profile):
        return profile.user.email


DEGREES = dict(Degree.choices)
UUID_MARK = "00000000-0000-0000-0000-000000000000"  # stands for each application's uuid in the CV link


def _cv_url(application):
    """reverse("talents:application_cv", args=[application.uuid]), at the cost of a str.replace: the
    list shows fifty. The pattern is reversed once for each URL configuration, prefix and language."""
    pattern = _cv_url_pattern(get_resolver(get_urlconf()), get_script_prefix(), get_language())
    return pattern.replace(UUID_MARK, str(application.uuid))


@lru_cache(maxsize=16)
def _cv_url_pattern(resolver, script_prefix, language):
    return reverse("talents:application_cv", args=[UUID_MARK])


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    template = "admin/edit_inline/tabular_readonly.html"
    extra = 0
    fields = ["status", "at", "by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class CVDownloadInline(admin.TabularInline):
    """Who downloaded the CV, and when: the list the talent sees on their application page."""

    model = CVDownload
    template = "admin/edit_inline/tabular_readonly.html"
    extra = 0
    fields = ["at", "reader", "by", "organization_name"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("CV downloads")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


# What the list's columns show of a page's rows (and their checkboxes' labels, str(application)): the
# page loads only these, not every column of four tables. A column showing more adds it here, or each
# row queries again (tests/talents/test_admin.py counts the queries at two sizes).
LIST_FIELDS = (
    "uuid",
    "status",
    "manager_score",
    "submitted_at",
    "cv",
    "cohort__name",
    "talent__nationality",
    "talent__degree",
    "talent__user__first_name",
    "talent__user__last_name",
    "talent__user__email",
)


class ApplicationChangeList(QuickRowsChangeList):
    """The list shows no answers: leave the long texts in the database (the CSV export has no use
    for them either, so it shares this queryset). Its rows are drawn by QuickRowsChangeList
    (templates/admin/talents/application/change_list.html)."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer("motivation", "why_sweden", "availability_note")

    def get_results(self, request):
        super().get_results(request)
        self.result_list = self.result_list.only(*LIST_FIELDS)  # the page's rows; the export keeps them all


class NeighbourList(ApplicationChangeList):
    """The list as filtered and sorted, for the review page's "Previous" and "Next application": the
    queryset only, without the count and the page of rows the list screen fetches."""

    def get_results(self, request):
        self.result_count = self.full_result_count = 0
        self.result_list = []


def _move_action(status, description):
    @admin.action(description=description, permissions=["review_application"])
    def action(modeladmin, request, queryset):
        modeladmin.move(request, queryset, status)

    action.__name__ = f"move_to_{status}"
    return action


@admin.register(Application)
class ApplicationAdmin(ApplicationReviewMixin, QuickActionCheckboxMixin, admin.ModelAdmin):
    list_display = [
        "talent_name",
        "email",
        "cohort",
        "status",
        "nationality",
        "degree",
        "manager_score",
        "submitted_at",
        "cv_link",
    ]
    list_filter = ["cohort", "status", "talent__nationality", "talent__degree", "talent__skills"]
    search_fields = [
        "talent__user__email",
        "talent__user__first_name",
        "talent__user__last_name",
        "talent__university",
        "talent__degree_field",
        "motivation",
    ]
    list_select_related = ["talent__user", "cohort"]
    list_per_page = 50
    # A second COUNT over every application on each view, for the "(N total)" next to a filtered
    # count: the search bar offers "Show all" instead.
    show_full_result_count = False
    date_hierarchy = "submitted_at"
    inlines = [ApplicationEventInline, CVDownloadInline]
    actions = [
        _move_action(ApplicationStatus.UNDER_REVIEW, _("Move to “under review” (emails the talent)")),
        _move_action(ApplicationStatus.INTERVIEW, _("Invite to interview (emails the talent)")),
        _move_action(ApplicationStatus.ACCEPTED, _("Accept (emails the talent)")),
        _move_action(ApplicationStatus.REJECTED, _("Reject (emails the talent)")),
    ]
    # The profile, the answers and the CV are shown above the form (templates/admin/talents/application/
    # change_form.html, talents/admin/review.py); the form keeps what managers edit.
    fieldsets = [
        (None, {"fields": ["talent", "cohort", "status", "submitted_at", "status_changed_at"]}),
        (_("Review"), {"fields": ["manager_score", "manager_notes"]}),
    ]
    # Stages change only through the actions (one service, which queues the email); answers are the talent's.
    readonly_fields = [
        "talent",
        "cohort",
        "status",
        "submitted_at",
        "status_changed_at",
        "cv_link",
        "motivation",
        "why_sweden",
        "availability",
        "availability_note",
        "consent",
    ]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        # Checked here, before the kept copy (which holds no check), as Django's view checks it.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        view = super().changelist_view
        if extra_context is not None:
            return view(request, extra_context)
        return kept_admin_page(request, "applications", lambda: view(request))

    def get_changelist(self, request, **kwargs):
        return NeighbourList if getattr(request, "neighbours_only", False) else ApplicationChangeList

    @admin.display(description=_("talent"), ordering="talent__user__last_name")
    def talent_name(self, application):
        return application.talent.name

    @admin.display(description=_("email"), ordering="talent__user__email")
    def email(self, application):
        return application.talent.user.email

    @admin.display(description=_("nationality"), ordering="talent__nationality")
    def nationality(self, application):
        return application.talent.nationality

    @admin.display(description=_("degree"), ordering="talent__degree")
    def degree(self, application):
        # What get_degree_display() gives, without it hashing every translated label on each of fifty rows.
        return DEGREES.get(application.talent.degree, application.talent.degree)

    @admin.display(description=_("CV"))
    def cv_link(self, application):
        if not application.cv:
            return "—"
        # format_html's markup, without its lazy escaping on each of fifty rows.
        return SafeString(f'<a href="{html.escape(_cv_url(application))}">{html.escape(gettext("Download CV"))}</a>')  # nosec B703  # both values escaped

    def move(self, request, queryset, status):
        run_service(
            self,
            request,
            queryset.select_related("talent__user", "cohort"),
            move_application,
            lambda moved: (
                ngettext(
                    "%(count)d application moved to “%(status)s”; the talent is emailed.",
                    "%(count)d applications moved to “%(status)s”; each talent is emailed.",
                    moved,
                )
                % {"count": moved, "status": ApplicationStatus(status).label}
            ),
            to=status,
        )

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="talents_application_export"), *self.review_urls(), *super().get_urls()]

    def export_view(self, request):
        """CSV of the change list as filtered, searched and sorted on screen."""
        require_permission(request, "talents.export_applications")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:talents_application_changelist") + "?e=1")
        applications = changelist.get_queryset(request).select_related("talent__user", "cohort")
        # In the manager's language; the model's own labels, so the catalogue already has them.
        header = [
            gettext("cohort"),
            gettext("first name"),
            gettext("last name"),
            gettext("email"),
            gettext("status"),
            gettext("nationality"),
            gettext("country of residence"),
            gettext("degree"),
            gettext("field of study"),
            gettext("university"),
            gettext("graduation year"),
            gettext("manager score"),
            gettext("submitted"),
            gettext("notes"),
        ]
        rows = (
            [
                application.cohort.name,
                application.talent.user.first_name,
                application.talent.user.last_name,
                application.talent.user.email,
                application.get_status_display(),
                application.talent.nationality,
                application.talent.country_of_residence,
                application.talent.get_degree_display(),
                application.talent.degree_field,
                application.talent.university,
                application.talent.graduation_year,
                application.manager_score,
                timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
                if application.submitted_at
                else "",
                application.manager_notes,
            ]
            for application in applications.iterator(chunk_size=500)
        )
        return csv_response(f"applications-{timezone.localdate():%Y-%m-%d}.csv", header, rows)
