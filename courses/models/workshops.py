import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.choices import BodyKind, BookingEnd, PartnerOrganisation, SessionFormat, WaitingOutcome
from courses.models.bodies import PublicBody
from courses.models.facilitators import Facilitator
from courses.models.participants import Participant

# How long a freed seat is held for the first in line before it passes to the next.
DEFAULT_OFFER_HOURS = 48


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Not cancelled and not yet started, soonest first: what can be booked."""
        return self.filter(cancelled_at__isnull=True, starts_at__gt=now or timezone.now()).order_by("starts_at", "pk")

    def for_facilitator(self, facilitator):
        return self.filter(facilitators=facilitator)


class Session(models.Model):
    """One workshop (part 2 of the course): digital or in person, with a fixed number of seats.

    `seats_held` counts the seats taken by bookings and by open offers to the waiting list. Every
    change to it runs under this row's lock (courses/services/bookings.py), and the database refuses a
    count above the capacity: a seat is never sold twice, whatever the code above it does.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    format = models.CharField(_("format"), max_length=10, choices=SessionFormat.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    language = models.CharField(_("language"), max_length=2, choices=[("sv", _("Swedish")), ("en", _("English"))])
    capacity = models.PositiveSmallIntegerField(_("seats"))
    seats_held = models.PositiveSmallIntegerField(_("seats booked or offered"), default=0, editable=False)
    organisation = models.CharField(_("facilitating organisation"), max_length=10, choices=PartnerOrganisation.choices)
    facilitators = models.ManyToManyField(
        Facilitator, blank=True, related_name="sessions", verbose_name=_("facilitators")
    )
    # Digital: the link is shown only to people booked on the session, its facilitators and course managers.
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    # In person.
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        PublicBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": BodyKind.REGION},
        related_name="+",
        verbose_name=_("region"),
    )
    # A course manager may open a session to participants who have started part 1 but not finished it.
    open_to_started = models.BooleanField(
        _("open to participants who have started the self-study part"),
        default=False,
        help_text=_("Otherwise only participants who have completed the self-study part can book."),
    )
    offer_hours = models.PositiveSmallIntegerField(_("hours to answer an offered seat"), default=DEFAULT_OFFER_HOURS)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Raised by each change booked people are told about (session_details_changed): the calendar file's
    # SEQUENCE, so a calendar app updates the event it imported instead of keeping the old time.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        ordering = ["starts_at"]
        permissions = [("export_attendance", _("Can export a session's participant list"))]
        indexes = [
            # The public list and the booking page: upcoming sessions by date (then filtered by region).
            models.Index(fields=["starts_at"], condition=Q(cancelled_at__isnull=True), name="courses_session_upcoming"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(seats_held__lte=F("capacity")), name="courses_session_not_overbooked"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="courses_session_capacity_positive"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="courses_session_ends_after_start"),
            models.CheckConstraint(condition=Q(offer_hours__gte=1), name="courses_session_offer_hours_positive"),
            models.CheckConstraint(
                condition=Q(format=SessionFormat.DIGITAL, meeting_url__gt="")
                | Q(format=SessionFormat.IN_PERSON, city__gt=""),
                name="courses_session_has_place",
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{start} · {self.place}"

    @property
    def place(self):
        return self.city if self.format == SessionFormat.IN_PERSON else str(SessionFormat.DIGITAL.label)

    @property
    def seats_left(self):
        return max(0, self.capacity - self.seats_held)

    @property
    def is_full(self):
        return self.seats_held >= self.capacity

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_digital(self):
        return self.format == SessionFormat.DIGITAL


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Booking(models.Model):
    """A participant's seat at a session. One active booking per participant (they take one workshop);
    an ended booking stays as history with the reason. Attendance is ticked here by a facilitator."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("session"))
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("participant")
    )
    booked_at = models.DateTimeField(_("booked"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=BookingEnd.choices, blank=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    attendance_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance taken by"),
    )
    reminded_week_at = models.DateTimeField(_("reminded a week before"), null=True, blank=True)
    reminded_day_at = models.DateTimeField(_("reminded a day before"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["session", "booked_at"]
        indexes = [
            # The facilitator's list and the reminders: a session's active bookings.
            models.Index(fields=["session"], condition=Q(ended_at__isnull=True), name="courses_booking_active"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(ended_at__isnull=True), name="courses_booking_one_per_participant"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_reason="") | Q(ended_at__isnull=False) & ~Q(end_reason=""),
                name="courses_booking_end_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.session}"

    @property
    def is_active(self):
        return self.ended_at is None


class WaitingListQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True)

    def in_line(self):
        """Waiting, not offered a seat yet, first come first."""
        return self.filter(ended_at__isnull=True, offered_at__isnull=True).order_by("joined_at", "pk")

    def offered(self):
        return self.filter(ended_at__isnull=True, offered_at__isnull=False)


class WaitingListEntry(models.Model):
    """A participant's place in a full session's waiting list. A freed seat is offered to the first in
    line for the session's offer_hours; taking it makes a Booking, letting it pass ends the entry.
    At most one open entry per participant, beside at most one booking (a booked participant may wait
    for a session they prefer: taking its seat moves their booking)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="waiting_list", verbose_name=_("session")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="waiting", verbose_name=_("participant")
    )
    joined_at = models.DateTimeField(_("joined the waiting list"), default=timezone.now)
    offered_at = models.DateTimeField(_("seat offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=WaitingOutcome.choices, blank=True)

    objects = WaitingListQuerySet.as_manager()

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["session", "joined_at", "pk"]
        indexes = [
            # "The first in line" of a session (in_line()).
            models.Index(
                fields=["session", "joined_at"],
                condition=Q(ended_at__isnull=True, offered_at__isnull=True),
                name="courses_waiting_in_line",
            ),
            # The beat task's "offers past their time".
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(ended_at__isnull=True, offered_at__isnull=False),
                name="courses_waiting_offer_expiry",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(ended_at__isnull=True), name="courses_waiting_one_per_participant"
            ),
            models.CheckConstraint(
                condition=Q(offered_at__isnull=True, offer_expires_at__isnull=True)
                | Q(offered_at__isnull=False, offer_expires_at__isnull=False),
                name="courses_waiting_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, outcome="") | Q(ended_at__isnull=False) & ~Q(outcome=""),
                name="courses_waiting_end_has_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.session}"

    @property
    def is_offered(self):
        return self.ended_at is None and self.offered_at is not None
