from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.permissions import require_permission
from rotations.choices import OutcomeResult
from rotations.models import HiringInterest, Outcome


@admin.register(HiringInterest)
class HiringInterestAdmin(admin.ModelAdmin):
    list_display = ["talent", "host", "side", "cohort", "created_at"]
    list_filter = ["cohort", "side", "host"]
    search_fields = ["talent__user__email", "host__name"]
    list_select_related = ["talent__user", "host", "cohort"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["talent", "host", "cohort", "result", "recorded_at"]
    list_filter = ["cohort", "result", "host"]
    search_fields = ["talent__user__email", "talent__user__last_name", "host__name"]
    list_select_related = ["talent__user", "host", "cohort"]
    # A select of every talent costs a query per talent (its name is on the user); search instead.
    autocomplete_fields = ["talent"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        hires = self.admin_site.admin_view(self.hires_view)
        return [path("hires/", hires, name="rotations_outcome_hires"), *super().get_urls()]

    def hires_view(self, request):
        """Hires per host per cohort: offers made, accepted and declined."""
        require_permission(request, "rotations.view_hiring_report")
        rows = (
            Outcome.objects.values("cohort__name", "host__name")
            .annotate(
                offered=Count("pk"),
                accepted=Count("pk", filter=Q(result=OutcomeResult.ACCEPTED)),
                declined=Count("pk", filter=Q(result=OutcomeResult.DECLINED)),
            )
            .order_by("cohort__name", "-accepted", "host__name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hires per host"),
            "opts": self.model._meta,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/rotations/hires.html", context)
