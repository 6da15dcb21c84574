"""One page to review an application: the talent's profile and answers, the CV framed inline, score
and notes, a button per allowed next stage, and "Previous" / "Next application" through the list the
manager came from (the admin's preserved `_changelist_filters`).

Each stage button opens a confirmation page: the email the talent will get, rendered by the code that
sends it (stage_email_preview), and a personal note that goes into it; confirming calls the same
service as the list's bulk actions (move_application). ApplicationAdmin mixes ApplicationReviewMixin in.
"""

import copy
from urllib.parse import urlencode

from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from eyeforai.accounts.roles import acts_as_programme_manager
from eyeforai.admintools.permissions import has_permission, require_permission
from eyeforai.http.middleware import has_control_characters
from talents.choices import ApplicationStatus, CVReader
from talents.services.applications import (
    MANAGER_MOVES,
    NOTE_MAX_LENGTH,
    manager_moves_from,
    move_application,
    normalise_note,
    stage_email_preview,
)
from talents.services.cv_downloads import download_cv

FILTERS = "_changelist_filters"
REVIEW_PERMISSION = "talents.review_application"

# The button on the review page, and the confirming button on the confirmation page, per stage.
STAGE_BUTTONS = {
    ApplicationStatus.UNDER_REVIEW: gettext_lazy("Move to under review"),
    ApplicationStatus.INTERVIEW: gettext_lazy("Invite to interview"),
    ApplicationStatus.ACCEPTED: gettext_lazy("Accept"),
    ApplicationStatus.REJECTED: gettext_lazy("Reject"),
}
CONFIRM_BUTTONS = {
    ApplicationStatus.UNDER_REVIEW: gettext_lazy("Move to under review and send the email"),
    ApplicationStatus.INTERVIEW: gettext_lazy("Invite to interview and send the email"),
    ApplicationStatus.ACCEPTED: gettext_lazy("Accept and send the email"),
    ApplicationStatus.REJECTED: gettext_lazy("Reject and send the email"),
}


class StageNoteForm(forms.Form):
    # No max_length: the browser would cut a long paste short without a word; the message says it instead.
    note = forms.CharField(
        label=gettext_lazy("Personal note to the talent (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
    )
    # The stage the manager saw: a move someone else made meanwhile is refused, not repeated.
    seen = forms.ChoiceField(choices=ApplicationStatus.choices, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not on the field: `gettext_lazy(…) % …` would translate once, at import, in the default language.
        self.fields["note"].help_text = _(
            "At most %(max)d characters. It goes into the email as you write it, in a paragraph of its own "
            "headed “A personal note from the programme team”, and into the application's history."
        ) % {"max": NOTE_MAX_LENGTH}

    def clean_note(self):
        """The note as move_application will keep it, refused by the same rule."""
        try:
            return normalise_note(self.cleaned_data["note"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["note"]) from None


# A list's filters, search and sort fit in far less; a longer value is not a list the manager came from, and
# carried into the address after a stage change it would make the redirect fail after the change was made.
FILTERS_MAX_LENGTH = 2000


def _filters(params) -> str:
    """The preserved list filters posted or in the address, or "" when they cannot be a real list's."""
    filters = params.get(FILTERS, "")
    return "" if len(filters) > FILTERS_MAX_LENGTH else filters


def _with_filters(url, filters, **extra):
    query = {**({FILTERS: filters} if filters else {}), **extra}
    return f"{url}?{urlencode(query)}" if query else url


def _change_url(pk, filters, **extra):
    return _with_filters(reverse("admin:talents_application_change", args=[pk]), filters, **extra)


class ApplicationReviewMixin:
    """The review page's parts of ApplicationAdmin (talents/admin/applications.py)."""

    def review_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/stage/<str:status>/", view(self.stage_view), name="talents_application_stage"),
            path("<path:object_id>/cv/", view(self.cv_view), name="talents_application_cv_inline"),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("talent__user", "cohort")

    # The page frames the CV, served by cv_view from this origin.
    @method_decorator(csp_update({"frame-src": [SELF]}))
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, **kwargs):
        # Django passes add, change, form_url and obj by keyword.
        if kwargs.get("obj") is not None:
            context.update(self.review_context(request, kwargs["obj"]))
        return super().render_change_form(request, context, **kwargs)

    def response_change(self, request, obj):
        # "Save and next application" (admin/talents/application/submit_line.html): the score and notes are
        # saved, and the review goes on without going back to the list. With no next one, as "Save".
        if "_savenext" in request.POST:
            _previous, next_url, _position, _total = self.neighbours(request, obj, _filters(request.GET))
            if next_url:
                messages.success(request, _("%(application)s is saved.") % {"application": obj})
                return redirect(next_url)
        return super().response_change(request, obj)

    def review_context(self, request, application):
        filters = _filters(request.GET)
        talent = application.talent
        can_review = has_permission(request, REVIEW_PERMISSION)
        stages = [
            {
                "status": to,
                "label": STAGE_BUTTONS[to],
                "url": _with_filters(reverse("admin:talents_application_stage", args=[application.pk, to]), filters),
            }
            for to in manager_moves_from(application.status)
        ]
        previous_url, next_url, position, total = self.neighbours(request, application, filters)
        # CVs follow their own rule (talents/access.py): programme managers, not any staff who may view the list.
        shows_cv = bool(application.cv) and acts_as_programme_manager(request)
        return {
            "application": application,
            "talent": talent,
            "skills": list(talent.skills.all()),
            "stages": stages if can_review else [],
            "previous_url": previous_url,
            "next_url": next_url,
            "position": position,
            "total": total,
            "just_moved": request.GET.get("moved") in ApplicationStatus.values,
            "has_cv": bool(application.cv),
            "cv_frame_url": reverse("admin:talents_application_cv_inline", args=[application.pk]) if shows_cv else "",
            "cv_download_url": reverse("talents:application_cv", args=[application.uuid]) if shows_cv else "",
        }

    def neighbours(self, request, application, filters):
        """(previous url, next url, position from 1 or None, how many) in the list as filtered, searched
        and sorted by `filters`. An application that left the list (its stage changed under a stage
        filter) keeps its place in the order, so "Next" goes on from where the manager was."""
        # The filters arrive encoded inside one parameter, past the middleware's look at the address; a NUL
        # in them would reach PostgreSQL only when the ids are read, as a 500.
        if has_control_characters("", filters):
            return None, None, None, 0
        list_request = copy.copy(request)
        list_request.GET = QueryDict(filters)
        list_request.neighbours_only = True  # get_changelist: the list without its count and page
        try:
            changelist = self.get_changelist_instance(list_request)
        except (IncorrectLookupParameters, SuspiciousOperation):
            return None, None, None, 0
        listed = changelist.queryset
        ids = listed.order_by().values("pk")
        around = (
            changelist.root_queryset.filter(Q(pk__in=ids) | Q(pk=application.pk))
            .annotate(listed=ExpressionWrapper(Q(pk__in=ids), output_field=BooleanField()))
            .order_by(*listed.query.order_by)
        )
        # Ids only, in one query: a cohort's applications are hundreds, not millions.
        rows = list(around.values_list("pk", "listed"))
        pks = [pk for pk, _listed in rows]
        index = pks.index(application.pk)
        in_list = rows[index][1]
        total = len(pks) if in_list else len(pks) - 1
        previous_pk = pks[index - 1] if index > 0 else None
        next_pk = pks[index + 1] if index + 1 < len(pks) else None
        return (
            _change_url(previous_pk, filters) if previous_pk else None,
            _change_url(next_pk, filters) if next_pk else None,
            index + 1 if in_list else None,
            total,
        )

    def _application_or_404(self, request, object_id):
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404
        return application

    @method_decorator(require_http_methods(["GET", "POST"]))
    def stage_view(self, request, object_id, status):
        """Confirm one stage change: preview the talent's email (with the note), then move through the service."""
        require_permission(request, REVIEW_PERMISSION)
        try:
            to = ApplicationStatus(status)
        except ValueError:
            raise Http404 from None
        if to not in MANAGER_MOVES:
            raise Http404
        application = self._application_or_404(request, object_id)
        filters = _filters(request.POST) or _filters(request.GET)
        form = StageNoteForm(request.POST or None, initial={"seen": application.status})
        refusal = ""
        note = ""
        if form.is_bound and form.is_valid():
            note = form.cleaned_data["note"]
            if "_confirm" in request.POST:
                try:
                    move_application(
                        application, to=to, by=request.user, note=note, expected_from=form.cleaned_data["seen"]
                    )
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        form.add_error("note", error.error_dict.get("note", error.messages))
                        note = ""
                    else:
                        refusal = " ".join(error.messages)
                        application.refresh_from_db()
                        # Show what the application is now; a confirmation again acts on this stage.
                        form = StageNoteForm(initial={"seen": application.status, "note": note})
                else:
                    messages.success(
                        request,
                        _("%(application)s moved to “%(status)s”; the talent is emailed.")
                        % {"application": application, "status": to.label},
                    )
                    return redirect(_change_url(application.pk, filters, moved=to))
        allowed = to in manager_moves_from(application.status)
        if not allowed and not refusal:
            refusal = _("This application is “%(current)s”, so it cannot be moved to “%(status)s”.") % {
                "current": application.get_status_display(),
                "status": to.label,
            }
        recipient, subject, body_text = stage_email_preview(application, to=to, note=note)
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(action)s: %(talent)s") % {"action": STAGE_BUTTONS[to], "talent": application.talent.name},
            "opts": self.model._meta,
            "application": application,
            "to": to,
            "allowed": allowed,
            "refusal": refusal,
            "form": form,
            "filters": filters,
            "confirm_label": CONFIRM_BUTTONS[to],
            "recipient": recipient,
            "subject": subject,
            "body_text": body_text,
            "change_url": _change_url(application.pk, filters),
            "changelist_url": reverse("admin:talents_application_changelist") + (f"?{filters}" if filters else ""),
        }
        return TemplateResponse(request, "admin/talents/application/stage.html", context)

    @method_decorator(xframe_options_sameorigin)
    # The CV is framed by the review page only. Chrome shows a PDF through an embedded viewer that the
    # response's own object-src governs, so this one response allows it from our origin.
    @method_decorator(csp_replace({"frame-ancestors": [SELF], "object-src": [SELF]}))
    @method_decorator(require_http_methods(["GET"]))
    def cv_view(self, request, object_id):
        """The CV, shown inline, for programme managers only (anyone else: 404), as talents:application_cv
        serves it. Logged as a download, once a day per manager (download_cv)."""
        if not acts_as_programme_manager(request):
            raise Http404
        application = self._application_or_404(request, object_id)
        if not application.cv:
            raise Http404
        return download_cv(application, by=request.user, reader=CVReader.PROGRAMME, inline=True)
