from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort, Period, Skill
from eyeforai.programme.services import generate_periods


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0
    fields = ["number", "starts_on", "ends_on"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "starts_on", "applications_open_at", "application_deadline"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PeriodInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "description"]}),
        (_("Calendar"), {"fields": ["starts_on", "period_count", "period_months"]}),
        (_("Deadlines"), {"fields": ["applications_open_at", "application_deadline", "preference_deadline"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new cohort without hand-made periods gets them generated; existing ones are left as edited.
        generate_periods(form.instance, by=request.user)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
