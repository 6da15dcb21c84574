"""Course participants: who signed up from which organisation, their progress, and the CSV of the list.

Participants are made by joining (/course/join/) and describe themselves, so the list is read-only but
for one thing: a course manager maps a typed "other public organisation" to a listed public body
(courses/services/organisations.py), which clears the typed name.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.choices import BodyKind
from courses.models import LessonProgress, Participant
from courses.services.organisations import map_organisation
from eyeforai.admintools.csv import csv_response
from eyeforai.admintools.lists import QuickActionCheckboxMixin
from eyeforai.admintools.permissions import has_permission, require_permission

EXPORT_PERMISSION = "courses.export_participants"
OTHER = "other"


class OrganisationKindFilter(admin.SimpleListFilter):
    """Municipality, region or agency; or "other", the typed names waiting to be mapped to a listed body."""

    title = _("kind of organisation")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [*BodyKind.choices, (OTHER, _("Other public organisation (not mapped)"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == OTHER:
            return queryset.filter(public_body__isnull=True)
        if value in BodyKind.values:
            return queryset.filter(public_body__kind=value)
        return queryset


class CompletedFilter(admin.SimpleListFilter):
    title = _("self-study completed")
    parameter_name = "completed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(part_one_completed_at__isnull=self.value() == "no")
        return queryset


class LessonProgressInline(admin.TabularInline):
    model = LessonProgress
    template = "admin/edit_inline/tabular_readonly.html"
    fields = ["lesson", "opened_at", "attempts", "correct", "passed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("progress")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lesson").order_by("lesson__position")


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["public_body"]
        help_texts = {
            "public_body": _(
                "Choose the listed body a participant's typed “other public organisation” belongs to: "
                "saving clears the typed name."
            )
        }

    def clean_public_body(self):
        body = self.cleaned_data.get("public_body")
        if body is None and not self.instance.other_organisation:
            raise forms.ValidationError(_("Choose the public body this participant works for."))
        return body


def organisation_label(participant):
    if participant.public_body_id:
        return participant.public_body.name
    return gettext("Other: %(name)s") % {"name": participant.other_organisation}


def kind_label(participant):
    if participant.public_body_id:
        return participant.public_body.get_kind_display()
    return gettext("Other public organisation")


@admin.register(Participant)
class ParticipantAdmin(QuickActionCheckboxMixin, admin.ModelAdmin):
    form = ParticipantForm
    list_display = ["name", "email", "title", "role", "organisation", "joined_at", "part_one_completed_at"]
    list_filter = ["role", OrganisationKindFilter, CompletedFilter]
    list_select_related = ["user", "public_body"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "title",
        "public_body__name",
        "other_organisation",
    ]
    list_per_page = 50
    date_hierarchy = "joined_at"
    autocomplete_fields = ["public_body"]
    inlines = [LessonProgressInline]
    fieldsets = [
        (None, {"fields": ["name", "email", "title", "role"]}),
        (_("organisation"), {"fields": ["other_organisation", "public_body"]}),
        (
            _("progress"),
            {"fields": ["joined_at", "last_progress_at", "nudged_at", "part_one_completed_at", "certificate_code"]},
        ),
    ]
    readonly_fields = [
        "name",
        "email",
        "title",
        "role",
        "other_organisation",
        "joined_at",
        "last_progress_at",
        "nudged_at",
        "part_one_completed_at",
        "certificate_code",
    ]

    def has_add_permission(self, request):
        return False  # a participant joins themselves

    def has_delete_permission(self, request, obj=None):
        return False  # an account is erased as a whole (the person's "Your data" page)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "public_body")

    @admin.display(description=_("name"), ordering="user__last_name")
    def name(self, participant):
        return participant.user.get_full_name()

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, participant):
        return participant.user.email

    @admin.display(description=_("organisation"), ordering="public_body__name")
    def organisation(self, participant):
        return organisation_label(participant)

    def save_model(self, request, obj, form, change):
        # The one change made here goes through its service (which clears the typed name).
        if "public_body" in form.changed_data:
            mapped = map_organisation(obj, form.cleaned_data["public_body"], by=request.user)
            obj.other_organisation = mapped.other_organisation

    def changelist_view(self, request, extra_context=None):
        context = {"can_export": has_permission(request, EXPORT_PERMISSION), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="courses_participant_export"), *super().get_urls()]

    def export_view(self, request):
        """CSV of the list as filtered, searched and sorted on screen: who signed up from which organisation."""
        require_permission(request, EXPORT_PERMISSION)
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:courses_participant_changelist") + "?e=1")
        participants = changelist.get_queryset(request).select_related("user", "public_body")
        header = [
            gettext("name"),
            gettext("email"),
            gettext("title"),
            gettext("role"),
            gettext("organisation"),
            gettext("kind"),
            gettext("code"),
            gettext("county code"),
            gettext("joined"),
            gettext("self-study completed"),
        ]
        rows = (
            [
                participant.user.get_full_name(),
                participant.user.email,
                participant.title,
                participant.get_role_display(),
                participant.organisation_name,
                kind_label(participant),
                participant.public_body.code if participant.public_body_id else "",
                participant.public_body.county_code if participant.public_body_id else "",
                timezone.localtime(participant.joined_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(participant.part_one_completed_at).strftime("%Y-%m-%d")
                if participant.part_one_completed_at
                else "",
            ]
            for participant in participants.iterator(chunk_size=500)
        )
        return csv_response(f"course-participants-{timezone.localdate():%Y-%m-%d}.csv", header, rows)
