import re
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from eyeforai.admintools.csv import csv_response
from eyeforai.admintools.permissions import require_permission
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from talents.choices import Activity
from talents.compliance import CSV_HEADER, compliance_rows
from talents.models import Absence, DayLog, TalentProfile
from talents.services.compliance_reminders import remind_missing_days, reminded_today
from talents.weeks import iso_week_label

SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what a cohort's SlugField holds


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
        remind = self.admin_site.admin_view(require_POST(self.remind_view))
        return [
            path("compliance/", report, name="talents_daylog_compliance"),
            path("compliance/remind/", remind, name="talents_daylog_compliance_remind"),
            *super().get_urls(),
        ]

    def compliance_view(self, request):
        """Per cohort and talent: weeks expected, logged, missing, last log; sortable, as CSV too.
        `scope=month` counts this month's weeks only (the admin index's figure links here)."""
        require_permission(request, "talents.view_compliance")
        cohorts = list(Cohort.objects.with_status(CohortStatus.RUNNING, CohortStatus.COMPLETED).order_by("-starts_on"))
        chosen = [cohort for cohort in cohorts if cohort.slug == request.GET.get("cohort")]
        if not chosen:
            chosen = [cohort for cohort in cohorts if cohort.status == CohortStatus.RUNNING]
        order = request.GET.get("o", "cohort")
        month = request.GET.get("scope") == "month"
        rows = compliance_rows(chosen, order=order, month=month)
        if request.GET.get("format") == "csv":
            return csv_response(
                f"compliance-{timezone.localdate():%Y-%m-%d}.csv", CSV_HEADER, (row.csv_cells() for row in rows)
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
            "scope": "month" if month else "",
            "month": timezone.localdate() if month else None,
            # Reminders go to talents of running cohorts only: a completed cohort's days can no longer be logged.
            "can_remind": bool(chosen) and all(cohort.is_running for cohort in chosen),
            "missing_count": sum(1 for row in rows if row.missing),
            "reminded": reminded_today([row.talent_uuid for row in rows]),
        }
        return render(request, "admin/talents/compliance.html", context)

    def remind_view(self, request):
        """POST: remind one talent (`talent`) or everyone missing days in the report's cohort(s)."""
        require_permission(request, "talents.view_compliance")
        slug = request.POST.get("cohort", "")
        if slug and not SLUG.fullmatch(slug):  # a NUL or other junk would reach PostgreSQL as a 500
            raise Http404
        cohort = get_object_or_404(Cohort, slug=slug, status=CohortStatus.RUNNING) if slug else None
        talent = None
        if request.POST.get("talent"):
            talent = get_object_or_404(TalentProfile, uuid=_uuid_or_404(request.POST["talent"]))
        month = request.POST.get("scope") == "month"
        result = remind_missing_days(by=request.user, cohort=cohort, talent=talent, month=month)
        if result.reminded:
            message = ngettext("Reminded %(count)d talent.", "Reminded %(count)d talents.", result.reminded) % {
                "count": result.reminded
            }
            messages.success(request, message)
        elif talent is not None:  # one talent's button: name them, not "everyone"
            text = (
                _("%(name)s was already reminded today.")
                if result.already
                else _("%(name)s is not missing AI Sweden days: no reminder was sent.")
            )
            messages.info(request, text % {"name": talent.name})
        elif result.already:
            messages.info(request, _("Everyone was already reminded today."))
        else:
            messages.info(request, _("Nobody is missing AI Sweden days: no reminder was sent."))
        query = {key: request.POST.get(key, "") for key in ("cohort", "scope", "o") if request.POST.get(key)}
        url = reverse("admin:talents_daylog_compliance")
        return redirect(f"{url}?{urlencode(query)}" if query else url)


def _uuid_or_404(value):
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["talent", "kind", "starts_on", "ends_on", "note"]
    list_filter = ["kind", ("starts_on", admin.DateFieldListFilter)]
    search_fields = ["talent__user__email", "talent__user__first_name", "talent__user__last_name", "note"]
    list_select_related = ["talent__user"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["talent"]
