"""The talent's pages under /talent/. Thin: forms check input, services change state."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eyeforai.accounts.access import role_required
from eyeforai.accounts.roles import is_programme_manager
from eyeforai.ratelimit import over_limit
from talents.access import (
    get_absence_for_talent,
    get_application_for_talent,
    get_cv_application,
    get_day_log_for_talent,
    is_talent,
    talent_required,
)
from talents.application_page import (
    applications_at_hand,
    download_rows,
    kept_body,
    ranks_projects,
    stage_rows,
)
from talents.choices import CVReader
from talents.days_page import days_page
from talents.forms import AbsenceForm, ApplicationForm, DayLogForm, ProfileForm
from talents.models import Application
from talents.services import applications as application_services
from talents.services import days as day_services
from talents.services.cv_downloads import download_cv
from talents.services.profiles import save_profile


def _talent(request):
    return request.user.talent_profile


@talent_required
@require_http_methods(["GET", "POST"])
def profile(request):
    talent = _talent(request)
    form = ProfileForm(request.POST or None, instance=talent)
    if request.method == "POST" and form.is_valid():
        save_profile(talent, data=form.cleaned_data, skills=form.cleaned_data["skills"], by=request.user)
        messages.success(request, _("Your profile is saved."))
        return redirect("portal:talent_dashboard")
    return render(request, "talents/profile.html", {"form": form, "talent": talent})


def _saving_too_often(request):
    """Each save or submit counts, per account: every one may carry a CV to check."""
    return over_limit(
        request,
        scope="application-save",
        limit=settings.APPLICATION_SAVE_RATE_LIMIT,
        window=settings.APPLICATION_SAVE_RATE_WINDOW,
        key=f"user:{request.user.pk}",
    )


def _render_application(request, context, status=200):
    """The application page, with "who opened my CV" (the talent's downloads list) under it. The stages
    are read for any application the page is about, though a draft's form does not show them: the page
    asks the same queries whichever way it shows the application."""
    downloads, download_count = download_rows(context["talent"])
    shown = context["application"]
    stages = stage_rows(shown) if shown is not None else []
    context = {**context, "cv_downloads": downloads, "cv_download_count": download_count, "stages": stages}
    return render(request, "talents/application.html", context, status=status)


@talent_required
@require_http_methods(["GET", "POST"])
def application(request):
    talent = _talent(request)
    # A GET of a page without a form is the kept copy (talents/application_page.py); None: the form's page.
    body, at_hand = kept_body(request, talent) if request.method == "GET" else (None, None)
    if body is not None:
        return render(request, "talents/application.html", {"body": body})
    return _application_form_page(request, talent, at_hand or applications_at_hand(talent))


def _application_form_page(request, talent, at_hand):
    """The draft's form (shown and saved), and what a POST to a page without one is told. `at_hand`:
    talents.application_page.applications_at_hand, read in this request."""
    applications, current, open_call = at_hand
    # The subnavigation's "Rank projects" link, from the applications at hand rather than its own query.
    page = {"talent": talent, "talent_ranks_projects": ranks_projects(applications)}
    if current is None and open_call is None:
        return _render_application(request, {**page, "application": None})
    if current is not None and not current.is_editable:
        if request.method == "POST":
            messages.error(request, _("This application has been submitted and can no longer be changed."))
            return redirect("talents:application")
        return _render_application(request, {**page, "application": current})
    instance = current or Application(talent=talent, cohort=open_call)
    if request.method == "POST" and _saving_too_often(request):
        # Checked before the form: a refused save costs no CV check and changes nothing.
        form = ApplicationForm(request.POST, instance=instance)
        form.add_error(
            None,
            _("You have saved your application many times in a short while. Please wait a few minutes and try again."),
        )
        context = {**page, "application": current, "form": form, "cohort": instance.cohort}
        return _render_application(request, context, status=429)
    action = request.POST.get("action", "save")
    form = ApplicationForm(
        request.POST or None, request.FILES or None, instance=instance, submitting=action == "submit"
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused submit leaves no new draft behind either
                target = current or application_services.start_application(talent, open_call, by=request.user)
                data = {name: form.cleaned_data[name] for name in application_services.ANSWER_FIELDS}
                cv = form.cleaned_data.get("cv")
                if action == "submit":
                    application_services.submit_application(target, data=data, cv=cv, by=request.user)
                else:
                    application_services.save_draft(target, data=data, cv=cv, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if action == "submit":
                messages.success(request, _("Your application is submitted. We have emailed you a confirmation."))
            else:
                messages.success(request, _("Your draft is saved. You can come back to it until the deadline."))
            return redirect("talents:application")
    context = {**page, "application": current, "form": form, "cohort": instance.cohort}
    return _render_application(request, context)


@talent_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, uuid):
    """GET asks for confirmation (what withdrawing means); only the POST of that page withdraws."""
    application = get_application_for_talent(request.user, uuid)
    if request.method == "GET":
        if application.can_withdraw:
            return render(request, "talents/application_withdraw.html", {"application": application})
        messages.error(request, _("This application can no longer be withdrawn; please write to the programme team."))
        return redirect("talents:application")
    try:
        application_services.withdraw_application(application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("talents:application")


@talent_required
@require_POST
def application_reopen(request, uuid):
    application = get_application_for_talent(request.user, uuid)
    try:
        application_services.reopen_application(application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is open again as a draft. Submit it before the deadline."))
    return redirect("talents:application")


@role_required(lambda user: is_talent(user) or is_programme_manager(user))
@never_cache
@require_GET
def application_cv(request, uuid):
    application = get_cv_application(request, uuid)
    # A manager's download (from the admin's link too) shows on the talent's list as the programme team.
    reader = CVReader.TALENT if application.talent.user_id == request.user.pk else CVReader.PROGRAMME
    return download_cv(application, by=request.user, reader=reader)


def _render_days(request, talent, *, form=None, absence_form=None, status=200):
    """The days page; the blank forms come with the cached page unless the link names a date to log."""
    day = request.GET.get("date", "")
    if form is None and day:
        form = DayLogForm(initial={"date": day})
    context = {"talent": talent, "page": days_page(talent), "form": form, "absence_form": absence_form}
    return render(request, "talents/days.html", context, status=status)


@talent_required
@require_http_methods(["GET", "POST"])
def days(request):
    talent = _talent(request)
    if request.method == "GET":
        return _render_days(request, talent)
    form = DayLogForm(request.POST)
    if form.is_valid():
        try:
            log = day_services.log_day(talent, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your AI Sweden day on %(date)s is logged.") % {"date": formats.date_format(log.date)}
            )
            return redirect("talents:days")
    return _render_days(request, talent, form=form)


@talent_required
@require_http_methods(["GET", "POST"])
def day_edit(request, uuid):
    log = get_day_log_for_talent(request.user, uuid)
    initial = {"date": log.date, "place": log.place, "activities": log.activities, "learned": log.learned}
    form = DayLogForm(request.POST or None, initial=initial)
    editable = day_services.can_edit(log)
    if request.method == "POST" and form.is_valid():
        try:
            day_services.edit_day(log, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your log is updated."))
            return redirect("talents:days")
    context = {"log": log, "form": form, "editable": editable, "edit_closed_reason": day_services.edit_closed_reason()}
    return render(request, "talents/day_edit.html", context)


@talent_required
@require_POST
def absence_create(request):
    talent = _talent(request)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            day_services.record_absence(talent, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your absence is recorded."))
            return redirect("talents:days")
    return _render_days(request, talent, absence_form=form)


@talent_required
@require_POST
def absence_delete(request, uuid):
    absence = get_absence_for_talent(request.user, uuid)
    day_services.delete_absence(absence, by=request.user)
    messages.success(request, _("The absence is removed."))
    return redirect("talents:days")
