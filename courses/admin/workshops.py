"""Workshop sessions (part 2 of the course), their bookings and waiting lists, as course managers run them.

A session is planned and edited here; seats are taken and given back only through the booking services
(courses/services/bookings.py), so `seats_held` is never edited by hand: saving a session asks
session_details_changed, which emails the people booked when its time or place changed, then
session_changed, which refuses a capacity below the seats held and offers new seats to the waiting list.
Calling a session off is its own page (who will be emailed, then cancel_session). Bookings and waiting
lists are history kept by the services: read here, never added, changed or deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from courses.choices import SessionFormat
from courses.models import Booking, Facilitator, Session, WaitingListEntry
from courses.services.sessions import cancel_session, seats_held_by_rows, session_changed, session_details_changed
from eyeforai.admintools.lists import QuickActionCheckboxMixin

EDITABLE = [
    "format",
    "starts_at",
    "ends_at",
    "language",
    "organisation",
    "facilitators",
    "meeting_url",
    "city",
    "venue",
    "address",
    "region",
    "capacity",
    "offer_hours",
    "open_to_started",
]


def seats_refused_message(held):
    # The service's own words (courses/services/bookings.py session_changed), so one translation serves both.
    return gettext("%(count)d seats are booked or offered; the capacity cannot be lower.") % {"count": held}


class SessionStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Started or past")), ("cancelled", _("Cancelled"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        filters = {
            "upcoming": Q(cancelled_at__isnull=True, starts_at__gt=now),
            "past": Q(cancelled_at__isnull=True, starts_at__lte=now),
            "cancelled": Q(cancelled_at__isnull=False),
        }
        chosen = filters.get(self.value())
        return queryset if chosen is None else queryset.filter(chosen)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = EDITABLE
        help_texts = {
            "format": _("Digital sessions need a meeting link; in-person sessions need a city."),
            "meeting_url": _(
                "Digital sessions only. Shown to the people booked on the session, its facilitators and the "
                "course managers."
            ),
            "city": _("In-person sessions only: required for them."),
            "venue": _("In-person sessions only."),
            "address": _("In-person sessions only."),
            "region": _("In-person sessions: the region participants find the session under."),
            "capacity": _("Cannot be lower than the seats already booked or offered."),
            "offer_hours": _("When a seat frees up, the first on the waiting list has this long to take it."),
        }

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise ValidationError(_("A session needs at least one seat."))
        return capacity

    def clean_offer_hours(self):
        hours = self.cleaned_data.get("offer_hours")
        if hours is not None and hours < 1:
            raise ValidationError(_("Give at least one hour."))
        return hours

    def clean(self):
        cleaned = super().clean()
        # A field with an error here is left out of the model's constraint checks, so the manager reads
        # this message next to the field rather than the constraint's name at the top.
        needs = {
            SessionFormat.DIGITAL: ("meeting_url", _("A digital session needs its meeting link.")),
            SessionFormat.IN_PERSON: ("city", _("An in-person session needs its city.")),
        }
        if cleaned.get("format") in needs:
            field, message = needs[cleaned["format"]]
            if not cleaned.get(field) and field not in self.errors:
                self.add_error(field, message)
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The session must end after it starts."))
        capacity = cleaned.get("capacity")
        if capacity is not None and self.instance.pk:
            held = self._seats_held()
            if held is not None and capacity < held:
                self.add_error("capacity", seats_refused_message(held))
        return cleaned

    def _seats_held(self):
        """The seats held now, read from the database (the form's instance may be a moment old). In the
        admin's transaction the row stays locked until the save is done, so no booking slips in between."""
        sessions = Session.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            sessions = sessions.select_for_update()
        if not sessions.exists():
            return None
        # Counted from the rows, as session_changed counts them after the save: the two never disagree.
        return seats_held_by_rows(self.instance)


class ReadOnlyInline(admin.TabularInline):
    template = "admin/edit_inline/tabular_readonly.html"
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActiveBookingInline(ReadOnlyInline):
    model = Booking
    fields = ["participant_name", "organisation", "booked_at", "attended"]
    readonly_fields = fields
    verbose_name_plural = _("booked")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .active()
            .select_related("participant__user", "participant__public_body")
            .order_by("booked_at", "pk")
        )

    @admin.display(description=_("participant"))
    def participant_name(self, booking):
        return participant_label(booking.participant)

    @admin.display(description=_("organisation"))
    def organisation(self, booking):
        return booking.participant.organisation_name

    @admin.display(description=_("attended"), boolean=True)
    def attended(self, booking):
        return booking.attended_at is not None


class OpenWaitingInline(ReadOnlyInline):
    model = WaitingListEntry
    fields = ["position", "participant_name", "joined_at", "offered_at", "offer_expires_at"]
    readonly_fields = fields
    verbose_name_plural = _("waiting list")

    def get_queryset(self, request):
        # The place in line of each entry in one query: entries still in line (offered_at NULL) share a
        # partition, numbered by when they joined; an offered entry sits alone in its own and shows no place.
        return (
            super()
            .get_queryset(request)
            .open()
            .select_related("participant__user")
            .annotate(
                place=Window(RowNumber(), partition_by=[F("session_id"), F("offered_at")], order_by=["joined_at", "pk"])
            )
            .order_by(F("offered_at").asc(nulls_last=True), "joined_at", "pk")
        )

    @admin.display(description=_("place in line"))
    def position(self, entry):
        return "—" if entry.offered_at else entry.place

    @admin.display(description=_("participant"))
    def participant_name(self, entry):
        return participant_label(entry.participant)


def participant_label(participant):
    return f"{participant.user.get_full_name()} <{participant.user.email}>"


@admin.register(Session)
class SessionAdmin(QuickActionCheckboxMixin, admin.ModelAdmin):
    form = SessionForm
    list_display = [
        "starts_at",
        "place",
        "format",
        "language",
        "organisation",
        "seats",
        "waiting_count",
        "cancelled",
    ]
    list_filter = [
        SessionStateFilter,
        "format",
        "organisation",
        "language",
        ("region", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["city", "venue"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["facilitators"]
    inlines = [ActiveBookingInline, OpenWaitingInline]
    actions = ["cancel_sessions"]
    fieldsets = [
        (None, {"fields": ["format", ("starts_at", "ends_at"), "language", "organisation", "facilitators"]}),
        (_("Digital"), {"fields": ["meeting_url"]}),
        (_("In person"), {"fields": ["city", "venue", "address", "region"]}),
        (_("Seats"), {"fields": ["capacity", "seats_held", "offer_hours", "open_to_started", "cancelled_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_cancelled:
            return [*EDITABLE, "seats_held", "cancelled_at"]  # a cancelled session is history
        return ["seats_held", "cancelled_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(waiting_count=Count("waiting_list", filter=Q(waiting_list__ended_at__isnull=True)))
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a session is deleted from its own page, which checks its bookings
        return actions

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "facilitators":
            kwargs["queryset"] = Facilitator.objects.select_related("user")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("place"), ordering="city")
    def place(self, session):
        return session.place

    @admin.display(description=_("seats booked or offered"), ordering="seats_held")
    def seats(self, session):
        return f"{session.seats_held}/{session.capacity}"

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting_count(self, session):
        return session.waiting_count

    @admin.display(description=_("cancelled"), boolean=True, ordering="cancelled_at")
    def cancelled(self, session):
        return session.is_cancelled

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()
            return
        # Only what the form changed: the instance's seats held were read before the row was locked
        # (SessionForm), and a booking made since must not be written over.
        changed = [name for name in form.changed_data if name != "facilitators"]
        if changed:
            obj.save(update_fields=changed)

    def save_formset(self, request, form, formset, change):
        # The inlines are read-only: bookings and waiting lists change only through the services. Nothing
        # is written (commit=False); the formset still lists what changed (nothing) for the change message.
        formset.save(commit=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        session = form.instance
        if session.is_cancelled:
            return
        if change:
            # The people booked now; anyone offered a seat by session_changed next reads the new details in the offer.
            told = session_details_changed(session, changed=form.changed_data, by=request.user)
            if told:
                self.message_user(
                    request,
                    ngettext(
                        "The new details were emailed to %(count)d booked person.",
                        "The new details were emailed to %(count)d booked people.",
                        len(told),
                    )
                    % {"count": len(told)},
                    messages.SUCCESS,
                )
        offered = session_changed(session, by=request.user)
        if offered:
            self.message_user(
                request,
                ngettext(
                    "A seat was offered to %(count)d person on the waiting list.",
                    "Seats were offered to %(count)d people on the waiting list.",
                    len(offered),
                )
                % {"count": len(offered)},
                messages.SUCCESS,
            )

    # --- Deleting: only a session nobody booked or waited for (bookings are PROTECTed history) ---------

    def delete_view(self, request, object_id, extra_context=None):
        session = self.get_object(request, object_id)
        if session is not None and has_history(session):
            self.message_user(
                request,
                gettext(
                    "This session has bookings or a waiting list (also cancelled ones, kept as history), "
                    "so it cannot be deleted. Cancel it instead."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:courses_session_change", args=[session.pk]))
        return super().delete_view(request, object_id, extra_context)

    # --- Cancelling a session: a confirmation page naming who will be emailed ---------------------------

    def get_urls(self):
        cancel = self.admin_site.admin_view(self.cancel_view)
        return [path("<path:object_id>/cancel/", cancel, name="courses_session_cancel"), *super().get_urls()]

    @admin.action(description=_("Cancel the session"), permissions=["change"])
    def cancel_sessions(self, request, queryset):
        sessions = list(queryset[:2])
        if len(sessions) != 1:
            self.message_user(request, gettext("Choose one session to cancel."), messages.WARNING)
            return None
        return HttpResponseRedirect(reverse("admin:courses_session_cancel", args=[sessions[0].pk]))

    def cancel_view(self, request, object_id):
        session = self.get_object(request, object_id)
        if session is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_change_permission(request, session):
            raise PermissionDenied
        change_url = reverse("admin:courses_session_change", args=[session.pk])
        refusal = cancel_refusal(session)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            try:
                cancel_session(session, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, gettext("The session was cancelled."), messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        bookings = Booking.objects.active().filter(session=session).select_related("participant__user")
        waiting = WaitingListEntry.objects.open().filter(session=session).select_related("participant__user")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Cancel the session"),
            "opts": self.model._meta,
            "original": session,
            "booked": [booking.participant for booking in bookings.order_by("booked_at", "pk")],
            "waiting": [entry.participant for entry in waiting.order_by("joined_at", "pk")],
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/courses/session/cancel.html", context)

    def render_change_form(self, request, context, **kwargs):
        # Django passes add, change, form_url and obj by keyword.
        obj = kwargs.get("obj")
        context["can_cancel"] = obj is not None and not cancel_refusal(obj) and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, **kwargs)


def cancel_refusal(session):
    """Why `session` cannot be cancelled (a message), or None."""
    if session.is_cancelled:
        return gettext("This session is already cancelled.")
    if session.starts_at <= timezone.now():
        return gettext("The session has started; it can no longer be cancelled.")
    return None


def has_history(session):
    return session.bookings.exists() or session.waiting_list.exists()


class AttendedFilter(admin.SimpleListFilter):
    title = _("attended")
    parameter_name = "attended"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(attended_at__isnull=self.value() == "no")
        return queryset


class ActiveFilter(admin.SimpleListFilter):
    title = _("still open")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(ended_at__isnull=self.value() == "yes")
        return queryset


class HistoryAdmin(QuickActionCheckboxMixin, admin.ModelAdmin):
    """Rows only the booking services write: read here, never added, changed or deleted."""

    list_select_related = ["participant__user", "session"]
    search_fields = ["participant__user__first_name", "participant__user__last_name", "participant__user__email"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("participant"), ordering="participant__user__last_name")
    def participant_name(self, row):
        return row.participant.user.get_full_name()

    @admin.display(description=_("email"), ordering="participant__user__email")
    def email(self, row):
        return row.participant.user.email


@admin.register(Booking)
class BookingAdmin(HistoryAdmin):
    list_display = ["participant_name", "email", "session", "booked_at", "ended_at", "end_reason", "attended"]
    list_filter = [ActiveFilter, "end_reason", AttendedFilter, "session"]
    date_hierarchy = "booked_at"
    fields = [
        "session",
        "participant",
        "booked_at",
        "ended_at",
        "end_reason",
        "attended_at",
        "attendance_by",
        "reminded_week_at",
        "reminded_day_at",
    ]

    @admin.display(description=_("attended"), boolean=True, ordering="attended_at")
    def attended(self, booking):
        return booking.attended_at is not None


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(HistoryAdmin):
    list_display = [
        "participant_name",
        "email",
        "session",
        "joined_at",
        "offered_at",
        "offer_expires_at",
        "ended_at",
        "outcome",
    ]
    list_filter = [ActiveFilter, "outcome", "session"]
    date_hierarchy = "joined_at"
    fields = ["session", "participant", "joined_at", "offered_at", "offer_expires_at", "ended_at", "outcome"]
