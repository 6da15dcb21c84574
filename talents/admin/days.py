from dataclasses import astuple

from django.contrib import admin
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.admintools.csv import csv_response
from eyeforai.admintools.permissions import require_permission
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from talents.choices import Activity
from talents.compliance import compliance_rows
from talents.models import Absence, DayLog
from talents.weeks import iso_week_label


@admin.register(DayLog)
class DayLogAdmin(admin.ModelAdmin):
    list_display = ["talent", "cohort", "date", "iso_week", "place", "activity_list", "created_at"]
    list_filter = ["cohort", "place", ("date", admin.DateFieldListFilter)]
    search_fields = ["talent__user__email", "talent__user__first_name", "talent__user__last_name", "learned"]
    list_select_related = ["talent__user", "cohort"]
    date_hierarchy = "date"
    # A log's week is derived from its date by the service; managers read and delete, never rewrite.
    readonly_fields = ["talent", "cohort", "date", "week", "place", "activity_list", "learned", "created_at"]
    exclude = ["activities"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("ISO week"), ordering="week")
    def iso_week(self, log):
        return iso_week_label(log.week)

    @admin.display(description=_("activities"))
    def activity_list(self, log):
        labels = dict(Activity.choices)
        return ", ".join(str(labels.get(value, value)) for value in log.activities)

    def get_urls(self):
        report = self.admin_site.admin_view(self.compliance_view)
        return [path("compliance/", report, name="talents_daylog_compliance"), *super().get_urls()]

    def compliance_view(self, request):
        """Per cohort and talent: weeks expected, logged, missing, last log; sortable, as CSV too."""
        require_permission(request, "talents.view_compliance")
        cohorts = list(Cohort.objects.with_status(CohortStatus.RUNNING, CohortStatus.COMPLETED).order_by("-starts_on"))
        chosen = [cohort for cohort in cohorts if cohort.slug == request.GET.get("cohort")]
        if not chosen:
            chosen = [cohort for cohort in cohorts if cohort.status == CohortStatus.RUNNING]
        order = request.GET.get("o", "cohort")
        rows = compliance_rows(chosen, order=order)
        if request.GET.get("format") == "csv":
            header = ["cohort", "talent", "email", "weeks expected", "weeks logged", "weeks missing", "%", "last log"]
            return csv_response(
                f"compliance-{timezone.localdate():%Y-%m-%d}.csv",
                header,
                (astuple(row) for row in rows),
            )
        columns = [
            ("cohort", _("Cohort")),
            ("talent", _("Talent")),
            ("email", _("Email")),
            ("expected", _("Weeks expected")),
            ("logged", _("Weeks logged")),
            ("missing", _("Weeks missing")),
            ("percent", _("Logged %")),
            ("last_log", _("Last log")),
        ]
        headers = [
            {
                "key": key,
                "label": label,
                "sorted": order.lstrip("-") == key,
                "descending": order == f"-{key}",
                "next": f"-{key}" if order == key else key,
            }
            for key, label in columns
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("AI Sweden day compliance"),
            "opts": self.model._meta,
            "cohorts": cohorts,
            "chosen": chosen,
            "rows": rows,
            "headers": headers,
            "order": order,
            "cohort_slug": chosen[0].slug if len(chosen) == 1 else "",
        }
        return render(request, "admin/talents/compliance.html", context)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["talent", "kind", "starts_on", "ends_on", "note"]
    list_filter = ["kind", ("starts_on", admin.DateFieldListFilter)]
    search_fields = ["talent__user__email", "talent__user__first_name", "talent__user__last_name", "note"]
    list_select_related = ["talent__user"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["talent"]
