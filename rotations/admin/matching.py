"""Matching runs in the admin: start a run, watch it, read its metrics and plan, lock or change cells
and run again, apply the plan, and see why a talent got what they got."""

from django import forms
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
from rotations.admin.engine_notes import in_language
from rotations.admin.readiness import readiness_urls
from rotations.admin.run_page import build_run_page, limit_in_words, named
from rotations.choices import RunStatus
from rotations.models import MatchingRun
from rotations.services.matching import (
    apply_run,
    longer_time_limits,
    run_again,
    run_longer,
    start_run,
    stopped_short,
    why_for,
)


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
            path("<uuid:run>/longer/", view(require_POST(self.longer_view)), name="rotations_matching_longer"),
            path("<uuid:run>/apply/", view(require_POST(self.apply_view)), name="rotations_matching_apply"),
            path("<uuid:run>/why/<uuid:talent>/", view(self.why_view), name="rotations_matching_why"),
            *readiness_urls(self.admin_site),  # remind who has not ranked, share the plan: rotations/admin/readiness.py
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
        return self._run_page(request, self._run(request, run))

    def _run_page(self, request, run, *, longer_form=None):
        can_run_matching = has_permission(request, "rotations.run_matching")
        if longer_form is None and can_run_matching and stopped_short(run) and run.cohort.is_being_matched:
            longer_form = LongerRunForm(run=run)
        context = self._context(
            request,
            _("Matching run: %(cohort)s") % {"cohort": run.cohort},
            can_run_matching=can_run_matching,
            can_apply_matching=has_permission(request, "rotations.apply_matching"),
            longer_form=longer_form,
            **build_run_page(run),
        )
        return TemplateResponse(request, "admin/rotations/matching_run.html", context)

    def longer_view(self, request, run):
        """A new run with the same locks and a longer time limit, for a run that stopped short."""
        run = self._run(request, run, permission="rotations.run_matching")
        form = LongerRunForm(request.POST, run=run)
        if not form.is_valid():
            return self._run_page(request, run, longer_form=form)
        try:
            new_run = run_longer(run, by=request.user, time_limit=form.cleaned_data["time_limit"])
        except ValidationError as error:
            self._refused(request, error)
            return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[run.uuid]))
        limit = limit_in_words(new_run.parameters["time_limit"])
        message = _("Running again with a time limit of %(limit)s.") % {"limit": limit}
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:rotations_matching_run", args=[new_run.uuid]))

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
            reason["reason"] = named(in_language(reason["reason"]), page["names"])
        context = self._context(request, _("Why this placement: %(name)s") % {"name": row["talent"].name},
                                run=run, row=row, reasons=reasons)  # fmt: skip
        return TemplateResponse(request, "admin/rotations/matching_why.html", context)


class LongerRunForm(forms.Form):
    """The longer time limit for "Run again with more time"; only limits longer than the run's are offered."""

    time_limit = forms.TypedChoiceField(label=_("Time limit"), coerce=int, choices=())

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        limits = longer_time_limits(run)
        self.fields["time_limit"].choices = [(limit, limit_in_words(limit)) for limit in limits]
        if limits:
            self.fields["time_limit"].initial = limits[0]
        self.auto_id = "longer_%s"


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
