"""Matching runs in the admin: start a run, watch it, read its metrics and plan, lock or change cells
and run again, apply the plan, and see why a talent got what they got."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from eyeforai.admintools.permissions import has_permission, require_permission
from eyeforai.programme.models import Cohort
from rotations.admin.run_page import build_run_page
from rotations.choices import RunStatus
from rotations.models import MatchingRun
from rotations.services.matching import apply_run, run_again, start_run, why_for


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["cohort", "status", "objective", "gap", "seconds", "created_at", "created_by"]
    list_filter = ["cohort", "status"]
    list_select_related = ["cohort", "created_by"]
    readonly_fields = [field.name for field in MatchingRun._meta.fields]

    def has_add_permission(self, request):
        return False  # runs start from the rotation board: "Run matching"

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("start/<slug:cohort>/", view(require_POST(self.start_view)), name="rotations_matching_start"),
            path("<uuid:run>/plan/", view(self.run_view), name="rotations_matching_run"),
            path("<uuid:run>/again/", view(require_POST(self.again_view)), name="rotations_matching_again"),
            path("<uuid:run>/apply/", view(require_POST(self.apply_view)), name="rotations_matching_apply"),
            path("<uuid:run>/why/<uuid:talent>/", view(self.why_view), name="rotations_matching_why"),
            *super().get_urls(),
        ]

    def _run(self, request, run, *, permission="rotations.view_matchingrun"):
        require_permission(request, permission)
        return get_object_or_404(MatchingRun.objects.select_related("cohort"), uuid=run)

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **extra}

    def start_view(self, request, cohort):
        require_permission(request, "rotations.run_matching")
        cohort = get_object_or_404(Cohort, slug=cohort)
        try:
            run = start_run(cohort, by=request.user)
        except ValidationError as error:
            self._refused(request, error)
            return HttpResponseRedirect(reverse("admin:rotations_board_index"))
        self.message_user(request, _("Matching started for %(cohort)s.") % {"cohort": cohort}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[run.uuid]))

    def _refused(self, request, error):
        for message in error.messages:
            self.message_user(request, message, messages.ERROR)

    def run_view(self, request, run):
        run = self._run(request, run)
        context = self._context(
            request,
            _("Matching run: %(cohort)s") % {"cohort": run.cohort},
            can_run_matching=has_permission(request, "rotations.run_matching"),
            can_apply_matching=has_permission(request, "rotations.apply_matching"),
            **build_run_page(run),
        )
        return TemplateResponse(request, "admin/rotations/matching_run.html", context)

    def again_view(self, request, run):
        """A new run with the cells the manager locked (or changed, which locks them) on this one."""
        run = self._run(request, run, permission="rotations.run_matching")
        try:
            new_run = run_again(run, by=request.user, cells=_posted_cells(request.POST))
        except ValidationError as error:
            self._refused(request, error)
            return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[run.uuid]))
        count = len(new_run.parameters["locks"])
        self.message_user(request, _("Running again with %(count)d locked cells.") % {"count": count}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[new_run.uuid]))

    def apply_view(self, request, run):
        run = self._run(request, run, permission="rotations.apply_matching")
        try:
            apply_run(run, by=request.user)
        except ValidationError as error:
            self._refused(request, error)
            return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[run.uuid]))
        self.message_user(
            request,
            _("The plan is applied: its placements are proposed on the board. Confirm them to tell both sides."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:rotations_board", args=[run.cohort.slug]))

    def why_view(self, request, run, talent):
        run = self._run(request, run)
        if run.status not in (RunStatus.DONE, RunStatus.APPLIED):
            raise Http404
        page = build_run_page(run)
        row = next((row for row in page["rows"] if row["talent"].uuid == talent), None)
        if row is None:
            raise Http404
        reasons = why_for(run, talent)
        projects = page["projects"]
        for reason in reasons:
            reason["project_obj"] = projects.get(reason["project"])
        context = self._context(request, _("Why this placement: %(name)s") % {"name": row["talent"].name},
                                run=run, row=row, reasons=reasons)  # fmt: skip
        return TemplateResponse(request, "admin/rotations/matching_why.html", context)


def _posted_cells(post):
    """The run page's cells as posted: {(talent uuid, period number): (project uuid or None, locked)}."""
    cells = {}
    for name in post:
        kind, _sep, key = name.partition("-")
        talent, _sep, number = key.partition(":")
        if kind not in ("cell", "lock") or not number.isdigit():
            continue
        project, locked = cells.get((talent, int(number)), (None, False))
        if kind == "cell":
            project = post[name]
        else:
            locked = bool(post[name])
        cells[talent, int(number)] = (project, locked)
    return cells
