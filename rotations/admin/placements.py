import uuid

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from eyeforai.admintools.kept_pages import kept_admin_page
from eyeforai.admintools.permissions import has_permission, require_permission
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Period
from hosts.models import Project
from rotations.admin.board import build_board, draw_placed_cells
from rotations.choices import PlacementStatus
from rotations.models import MatchingRun, Placement
from rotations.services.placements import assign_placement, cancel_placement, confirm_placements
from talents.models import TalentProfile


def error_text(error):
    return " ".join(error.messages)


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["talent", "host", "project", "period_number", "starts_on", "ends_on", "status"]
    list_filter = ["status", "cohort", "period__number", "host"]
    search_fields = ["talent__user__email", "talent__user__last_name", "host__name", "project__title"]
    list_select_related = ["talent__user", "host", "project", "period"]
    readonly_fields = [
        "cohort", "period", "talent", "project", "host", "starts_on", "ends_on", "status",
        "cancel_reason", "created_at", "created_by", "confirmed_at", "cancelled_at",
    ]  # fmt: skip
    actions = ["confirm_selected"]

    def has_add_permission(self, request):
        return False  # placements are made on the rotation board, where the rules are explained

    @admin.display(description=_("period"), ordering="period__number")
    def period_number(self, placement):
        return placement.period.number

    @admin.action(description=_("Confirm selected proposed placements"), permissions=["confirm_placement"])
    def confirm_selected(self, request, queryset):
        self._confirm(request, queryset)

    def _confirm(self, request, placements):
        """Together, so each talent and each host member gets one email about the batch
        (confirm_placements); one refusal does not undo the others and is named in a message."""
        confirmed, refused = confirm_placements(
            placements.select_related("talent__user", "host", "period"), by=request.user
        )
        for placement, error in refused:
            self.message_user(request, f"{placement}: {error_text(error)}", messages.ERROR)
        if confirmed:
            count = len(confirmed)
            self.message_user(
                request,
                ngettext("%(count)d placement confirmed.", "%(count)d placements confirmed.", count) % {"count": count},
                messages.SUCCESS,
            )

    # --- The rotation board -------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("board/", view(self.board_index_view), name="rotations_board_index"),
            path("board/<slug:cohort>/", view(self.board_view), name="rotations_board"),
            path("board/<slug:cohort>/assign/", view(require_POST(self.assign_view)), name="rotations_board_assign"),
            path("board/<slug:cohort>/confirm/", view(require_POST(self.confirm_view)), name="rotations_board_confirm"),
            path("<uuid:placement>/cancel/", view(self.cancel_view), name="rotations_placement_cancel"),
            *super().get_urls(),
        ]

    def board_index_view(self, request):
        require_permission(request, "rotations.view_board")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Rotation board"),
            "opts": self.model._meta,
            "cohorts": Cohort.objects.exclude(status=CohortStatus.PLANNING).order_by("-starts_on"),
            "runs": MatchingRun.objects.select_related("cohort").order_by("-created_at")[:10],
            "can_run_matching": has_permission(request, "rotations.run_matching"),
        }
        return TemplateResponse(request, "admin/rotations/board_index.html", context)

    def board_view(self, request, cohort):
        require_permission(request, "rotations.view_board")
        # Kept per person, language and address (eyeforai/admintools/kept_pages.py), after the check above.
        return kept_admin_page(request, "board", lambda: self._board_page(request, cohort))

    def _board_page(self, request, cohort):
        cohort = get_object_or_404(Cohort, slug=cohort)
        page = request.GET.get("page", "1")
        can_assign = has_permission(request, "rotations.assign_placement")
        can_confirm = has_permission(request, "rotations.confirm_placement")
        can_cancel = has_permission(request, "rotations.cancel_placement")
        board = build_board(
            cohort, page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1, choices=can_assign
        )
        draw_placed_cells(
            board["rows"], cohort=cohort, can_confirm=can_confirm, can_cancel=can_cancel, csrf_token=get_token(request)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Rotation board: %(cohort)s") % {"cohort": cohort},
            "opts": self.model._meta,
            "cohort": cohort,
            "can_assign": can_assign,
            "can_confirm": can_confirm,
            "can_cancel": can_cancel,
            **board,
        }
        return TemplateResponse(request, "admin/rotations/board.html", context)

    def assign_view(self, request, cohort):
        require_permission(request, "rotations.assign_placement")
        cohort = get_object_or_404(Cohort, slug=cohort)
        board_url = reverse("admin:rotations_board", args=[cohort.slug])
        try:
            talent = TalentProfile.objects.select_related("user").get(uuid=request.POST.get("talent"))
            period = Period.objects.select_related("cohort").get(cohort=cohort, number=request.POST.get("period"))
            project = Project.objects.select_related("organization").get(uuid=request.POST.get("project"))
        except (TalentProfile.DoesNotExist, Period.DoesNotExist, Project.DoesNotExist, ValidationError, ValueError):
            self.message_user(request, _("Choose a project for the talent and period."), messages.ERROR)
            return HttpResponseRedirect(board_url)
        try:
            placement = assign_placement(talent=talent, project=project, period=period, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                _("%(talent)s could not be placed at %(project)s: %(reasons)s")
                % {"talent": talent, "project": project, "reasons": error_text(error)},
                messages.ERROR,
            )
        else:
            self.message_user(request, _("Proposed: %(placement)s.") % {"placement": placement}, messages.SUCCESS)
        return HttpResponseRedirect(f"{board_url}#talent-{talent.uuid}")

    def confirm_view(self, request, cohort):
        require_permission(request, "rotations.confirm_placement")
        cohort = get_object_or_404(Cohort, slug=cohort)
        placements = Placement.objects.in_cohort(cohort).filter(status=PlacementStatus.PROPOSED)
        chosen = request.POST.getlist("placement")
        if chosen:
            placements = placements.filter(uuid__in=[value for value in chosen if _is_uuid(value)])
        self._confirm(request, placements)
        return HttpResponseRedirect(reverse("admin:rotations_board", args=[cohort.slug]))

    def cancel_view(self, request, placement):
        require_permission(request, "rotations.cancel_placement")
        try:
            placement = Placement.objects.with_people().get(uuid=placement)
        except Placement.DoesNotExist as error:
            raise Http404 from error
        board_url = reverse("admin:rotations_board", args=[placement.cohort.slug])
        error = None
        if request.method == "POST":
            try:
                cancel_placement(placement, reason=request.POST.get("reason", ""), by=request.user)
            except ValidationError as refused:
                error = error_text(refused)
            else:
                self.message_user(request, _("Cancelled: %(placement)s.") % {"placement": placement}, messages.SUCCESS)
                return HttpResponseRedirect(board_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel a placement"),
            "opts": self.model._meta,
            "placement": placement,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "board_url": board_url,
        }
        return TemplateResponse(request, "admin/rotations/cancel.html", context)


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
