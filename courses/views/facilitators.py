"""A facilitator's pages: their own workshop sessions, attendance taken on a phone, the participant list
as CSV, and the invitation link that makes them a facilitator."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.access import facilitator_of, facilitator_required, get_session_for_facilitator
from courses.facilitator_sessions import facilitator_sessions
from courses.models import FacilitatorInvitation
from courses.services.attendance import attendance_open, mark_attendance
from courses.services.facilitators import accept_facilitator_invitation, has_verified_address
from eyeforai.accounts.choices import Role
from eyeforai.accounts.signup import mark_signup_role
from eyeforai.admintools.csv import csv_response


class InvitationState:
    """How an invitation link stands for the person who opened it; computed here, never stored."""

    NOT_VALID = "not_valid"  # unknown, used by someone else, or expired: one neutral page for all three
    ANONYMOUS = "anonymous"
    WRONG_EMAIL = "wrong_email"
    OTHER_ROLE = "other_role"
    READY = "ready"
    REFUSED = "refused"


def invitation_state(user, invitation):
    if invitation is None or invitation.is_used or invitation.is_expired:
        return InvitationState.NOT_VALID
    if not user.is_authenticated:
        return InvitationState.ANONYMOUS
    if not has_verified_address(user, invitation.email):
        return InvitationState.WRONG_EMAIL
    if user.role and user.role != Role.FACILITATOR:
        return InvitationState.OTHER_ROLE
    return InvitationState.READY


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email. Anonymous visitors are offered sign-up with the invited address, or
    sign-in; the invitation binds when that address is verified or its owner signs in (courses.signals), and
    a signed-in owner of the address can accept here. Whoever the invitation made a facilitator goes to their
    sessions. An unknown, used or expired link gets one neutral page that names no address."""
    invitation = FacilitatorInvitation.objects.by_token(token).first()
    if (
        invitation
        and invitation.is_used
        and invitation.accepted_by_id == request.user.pk
        and facilitator_of(request.user)
    ):
        # Just bound (the sign-up's confirmation or the sign-in returns here) or following the link again.
        messages.success(request, _("You are a facilitator. Here are your workshop sessions."))
        return redirect("facilitators:sessions")
    state = invitation_state(request.user, invitation)
    context = {"states": InvitationState}
    if state == InvitationState.NOT_VALID:
        return render(request, "courses/facilitator/invitation.html", {**context, "state": state}, status=404)
    here = request.get_full_path()
    context["invitation"] = invitation
    if state == InvitationState.ANONYMOUS:
        # Whoever signs up from here becomes a facilitator, not a talent applying.
        mark_signup_role(request, Role.FACILITATOR.value)
        if request.method == "POST":
            return redirect_to_login(here)
        context["signup_url"] = f"{reverse('account_signup')}?{urlencode({'email': invitation.email, 'next': here})}"
        context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': here})}"
    elif state == InvitationState.READY and request.method == "POST":
        try:
            accept_facilitator_invitation(invitation, user=request.user)
        except ValidationError as error:
            state, context["error"] = InvitationState.REFUSED, error
        else:
            messages.success(request, _("Welcome! You are now a facilitator."))
            return redirect("facilitators:sessions")
    status = 409 if state in (InvitationState.OTHER_ROLE, InvitationState.REFUSED) else 200
    return render(request, "courses/facilitator/invitation.html", {**context, "state": state}, status=status)


@facilitator_required
@require_GET
def sessions(request):
    """The facilitator's own sessions: upcoming (not yet ended) soonest first, then past ones, latest first,
    a page (?page=) at a time. A page that is not there is a 404."""
    page = request.GET.get("page", "1")
    # At most five digits: beyond any real list, an offset the database takes, a string int() takes.
    if not (page.isdecimal() and len(page) <= 5 and int(page) > 0):
        raise Http404
    listing = facilitator_sessions(facilitator_of(request.user), page=int(page))
    if listing.past.number > 1 and not listing.past.cards:
        raise Http404
    return render(request, "courses/facilitator/sessions.html", {"upcoming": listing.upcoming, "past": listing.past})


def _active_bookings(session):
    return (
        session.bookings.active()
        .select_related("participant__user", "participant__public_body")
        .order_by("participant__user__last_name", "participant__user__first_name", "pk")
    )


@facilitator_required
@require_GET
def session(request, uuid):
    """One of their sessions with its participants; from the session's day on, a tick per participant."""
    session = get_session_for_facilitator(request.user, uuid)
    bookings = list(_active_bookings(session))
    context = {
        "session": session,
        "bookings": bookings,
        "attendance_open": attendance_open(session),
        "attended": sum(booking.attended_at is not None for booking in bookings),
    }
    return render(request, "courses/facilitator/session.html", context)


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


@facilitator_required
@require_POST
def attendance(request, uuid, booking):
    """Tick (attended=1) or untick (attended=0) one participant: saved at once. The page's script posts
    with fetch and gets JSON; without the script the form posts and comes back to the participant's row."""
    session = get_session_for_facilitator(request.user, uuid)
    booking = get_object_or_404(session.bookings.active().select_related("participant__user"), uuid=booking)
    row = reverse("facilitators:session", args=[session.uuid]) + f"#row-{booking.uuid}"
    value = request.POST.get("attended")
    try:
        if value not in ("0", "1"):
            raise ValidationError(_("Choose whether the participant attended."))
        mark_attendance(booking, attended=value == "1", by=request.user)
    except ValidationError as error:
        message = " ".join(error.messages)
        if _wants_json(request):
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
        return redirect(row)
    attended = value == "1"
    if _wants_json(request):
        count = session.bookings.active().filter(attended_at__isnull=False).count()
        return JsonResponse({"attended": attended, "count": count})
    name = str(booking.participant)
    if attended:
        messages.success(request, _("Saved: %(name)s attended.") % {"name": name})
    else:
        messages.success(request, _("Saved: %(name)s did not attend.") % {"name": name})
    return redirect(row)


def _organisation_kind(participant):
    if participant.public_body_id:
        return participant.public_body.get_kind_display()
    return _("Other public organisation")


@facilitator_required
@require_GET
def export(request, uuid):
    """The session's participant list as CSV for a spreadsheet (UTF-8 with a BOM; no cell runs as a formula)."""
    session = get_session_for_facilitator(request.user, uuid)
    header = [
        _("name"),
        _("title"),
        _("organisation"),
        _("organisation kind"),
        _("role"),
        _("email"),
        _("booked at"),
        _("attended"),
    ]
    rows = (
        [
            booking.participant.user.get_full_name(),
            booking.participant.title,
            booking.participant.organisation_name,
            _organisation_kind(booking.participant),
            booking.participant.get_role_display(),
            booking.participant.user.email,
            timezone.localtime(booking.booked_at).strftime("%Y-%m-%d %H:%M"),
            _("yes") if booking.attended_at else _("no"),
        ]
        for booking in _active_bookings(session)
    )
    start = timezone.localtime(session.starts_at)
    filename = f"workshop-{start:%Y-%m-%d}-{slugify(session.place) or 'session'}.csv"
    return csv_response(filename, header, rows)
