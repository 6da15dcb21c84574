from django.contrib import admin
from django.db.models import Avg, Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.permissions import require_permission
from rotations.choices import Side
from rotations.models import Evaluation


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["placement", "side", "project_rating", "support_rating", "growth_rating", "submitted_at"]
    list_filter = ["side", "placement__cohort", "placement__host"]
    search_fields = ["placement__talent__user__email", "placement__host__name", "comments"]
    list_select_related = ["placement__talent__user", "placement__host", "placement__period"]
    readonly_fields = ["placement", "side", "author", "submitted_at"]

    def has_add_permission(self, request):
        return False  # written by the talent and the host, not by managers

    def get_urls(self):
        averages = self.admin_site.admin_view(self.averages_view)
        return [path("averages/", averages, name="rotations_evaluation_averages"), *super().get_urls()]

    def averages_view(self, request):
        """Average ratings per host, from the talents' side: how good a host is to rotate through."""
        require_permission(request, "rotations.view_feedback_report")
        rows = (
            Evaluation.objects.filter(side=Side.TALENT)
            .values("placement__cohort__name", "placement__host__name")
            .annotate(
                count=Count("pk"),
                project=Avg("project_rating"),
                support=Avg("support_rating"),
                growth=Avg("growth_rating"),
            )
            .order_by("placement__cohort__name", "placement__host__name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Average feedback per host"),
            "opts": self.model._meta,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/rotations/evaluation_averages.html", context)
