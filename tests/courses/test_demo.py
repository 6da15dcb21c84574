from io import StringIO

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from courses.access import is_course_manager
from courses.choices import BodyKind
from courses.demo import DEMO_COURSE_MANAGER, DEMO_PARTICIPANT, LESSONS, PARTICIPANTS_PER_SCALE, seed_course
from courses.demo_workshops import PAST, UPCOMING
from courses.models import (
    Booking,
    Choice,
    Facilitator,
    FacilitatorInvitation,
    Lesson,
    LessonProgress,
    Participant,
    PublicBody,
    Question,
    Session,
)
from courses.road_to_800 import dashboard
from courses.services.progress import grade, passes
from eyeforai.accounts.choices import Role
from portal.demo.context import DemoContext
from portal.management.commands.seed_demo import DEMO_PASSWORD


def seed():
    out = StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def test_seed_demo_makes_the_course_its_people_and_participants_at_every_stage_and_can_run_again(db):
    printed = seed()
    counts = (Lesson.objects.count(), Question.objects.count(), Choice.objects.count(), Participant.objects.count())
    seed()  # idempotent

    assert (Lesson.objects.count(), Question.objects.count(), Choice.objects.count()) == counts[:3]
    assert Participant.objects.count() == counts[3] == PARTICIPANTS_PER_SCALE + 1
    lessons = list(Lesson.objects.published().prefetch_related("questions__choices"))
    assert [lesson.position for lesson in lessons] == list(range(1, 8))
    for lesson, data in zip(lessons, LESSONS, strict=True):
        assert (lesson.title_sv, lesson.title_en) == (data["title_sv"], data["title_en"])
        questions = list(lesson.questions.all())
        assert len(questions) == 3, lesson
        assert all(any(choice.correct for choice in question.choices.all()) for question in questions)

    # The demo participant: Swedish, from a municipality, two lessons passed and the third opened.
    anna = Participant.objects.select_related("user", "public_body").get(user__email=DEMO_PARTICIPANT)
    assert (anna.user.role, anna.user.language) == (Role.COURSE_PARTICIPANT, "sv")
    assert anna.user.check_password("eyeforai-demo")
    assert anna.public_body.kind == BodyKind.MUNICIPALITY
    progress = {row.lesson.position: row for row in LessonProgress.objects.filter(participant=anna)}
    assert sorted(progress) == [1, 2, 3]
    assert [progress[n].passed_at is not None for n in (1, 2, 3)] == [True, True, False]
    assert anna.part_one_completed_at is None
    # The stored answers of a passed lesson pass when graded (they are the lesson's own choices).
    first = progress[1]
    correct, total = grade(first.lesson, {question: set(choices) for question, choices in first.answers.items()})
    assert passes(first.lesson, correct, total) and correct == first.correct

    manager = get_user_model().objects.get(email=DEMO_COURSE_MANAGER)
    assert is_course_manager(manager)
    assert (manager.is_staff, manager.language) == (True, "sv")
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    assert DEMO_PARTICIPANT in printed and DEMO_COURSE_MANAGER in printed
    assert f"The admin asks {DEMO_COURSE_MANAGER} for a second factor: add TOTP secret" in printed

    # The others: every stage, every kind of organisation, each with the role.
    others = Participant.objects.exclude(pk=anna.pk)
    assert not others.exclude(user__role=Role.COURSE_PARTICIPANT).exists()
    assert others.filter(progress__isnull=True).exists()  # joined only
    assert others.filter(part_one_completed_at__isnull=True, progress__passed_at__isnull=False).exists()
    complete = others.filter(part_one_completed_at__isnull=False)
    assert complete.exists()
    assert all(LessonProgress.objects.filter(participant=p, passed_at__isnull=False).count() == 7 for p in complete)
    assert set(others.exclude(public_body=None).values_list("public_body__kind", flat=True)) == set(BodyKind.values)


def test_a_larger_scale_adds_participants_to_the_ones_there(db):
    call_command("seed_demo", "--allow-without-debug", "--quiet")
    call_command("seed_demo", "--allow-without-debug", "--quiet", "--scale", "3")
    assert Participant.objects.count() == 3 * PARTICIPANTS_PER_SCALE + 1
    assert Lesson.objects.count() == 7


def test_the_demo_facilitators_can_sign_in_and_one_invitation_waits(db):
    printed = seed()

    for email, organisation in [("erik.lind@skr.example", "skr"), ("sofia.nyberg@governo.example", "governo")]:
        facilitator = Facilitator.objects.select_related("user").get(user__email=email)
        assert facilitator.organisation == organisation
        assert facilitator.user.role == Role.FACILITATOR
        assert facilitator.user.check_password("eyeforai-demo")
        assert EmailAddress.objects.filter(user=facilitator.user, email=email, verified=True, primary=True).exists()
        assert facilitator.sessions.exists()
        assert email in printed
    invitation = FacilitatorInvitation.objects.pending().get()
    assert invitation.invited_by.email == DEMO_COURSE_MANAGER


def test_the_demo_sessions_hold_as_many_seats_as_bookings_and_offers_and_tell_every_story(db):
    seed()
    seed()  # idempotent: no second set of sessions, bookings or waiting lists
    now = timezone.now()

    assert Session.objects.count() == len(PAST) + len(UPCOMING)
    for session in Session.objects.all():
        held = session.bookings.active().count() + session.waiting_list.offered().count()
        assert session.seats_held == held, session
    past = Session.objects.filter(starts_at__lt=now)
    assert 4 <= past.count() <= 6
    upcoming = Session.objects.upcoming(now)
    assert 6 <= upcoming.count() <= 8
    assert {session.city or "digital" for session in upcoming} >= {
        "Stockholm", "Göteborg", "Malmö", "Umeå", "Luleå", "digital",
    }  # fmt: skip
    assert Session.objects.filter(city="Linköping").exists()
    assert upcoming.filter(language="en").count() == 1
    assert Session.objects.filter(cancelled_at__isnull=False, seats_held=0).count() == 1
    full = [session for session in upcoming if session.is_full]
    assert any(
        session.waiting_list.in_line().count() >= 3 and session.waiting_list.offered().exists() for session in full
    )

    # Attendance taken on most past bookings, and the participants' parts follow from it.
    past_bookings = Booking.objects.filter(session__in=past, ended_at__isnull=True)
    attended = past_bookings.filter(attended_at__isnull=False)
    assert attended.count() > past_bookings.count() / 2
    assert not Participant.objects.filter(part_two_completed_at__isnull=False).exclude(bookings__in=attended).exists()
    for participant in Participant.objects.all():
        both = participant.part_one_completed_at and participant.part_two_completed_at
        expected = max(participant.part_one_completed_at, participant.part_two_completed_at) if both else None
        assert participant.completed_at == expected, participant
    # Every booking after the participant's part 1 (or, on a session open to them, after they started it).
    for row in Booking.objects.select_related("session", "participant"):
        assert row.booked_at < row.session.starts_at
        assert row.ended_at is None or row.ended_at >= row.booked_at
        if not row.session.open_to_started:
            assert row.participant.part_one_completed_at <= row.booked_at, row

    # Anna Berg is part way through part 1, with nothing booked: a walk through the site can book.
    anna = Participant.objects.get(user__email=DEMO_PARTICIPANT)
    assert not anna.bookings.exists() and not anna.waiting.exists()


def test_the_demo_at_scale_10_shows_a_third_completed_from_a_few_counties(db):
    # The course's step alone: the other apps' demo data at scale 10 adds nothing here but minutes.
    seed_course(DemoContext(scale=10, password=DEMO_PASSWORD))

    for session in Session.objects.all():
        held = session.bookings.active().count() + session.waiting_list.offered().count()
        assert session.seats_held == held, session
    participants = Participant.objects.all()
    completed = participants.filter(completed_at__isnull=False)
    assert 0.30 <= completed.count() / participants.count() <= 0.40
    assert not completed.filter(Q(part_one_completed_at=None) | Q(part_two_completed_at=None)).exists()
    reached = PublicBody.objects.filter(participants__completed_at__isnull=False).distinct()
    counties = set(reached.exclude(kind=BodyKind.AGENCY).values_list("county_code", flat=True))
    assert 3 <= len(counties) <= 10  # several of the 21 counties have no completed leader
    assert reached.filter(kind=BodyKind.AGENCY).exists()
    none = PublicBody.objects.filter(kind=BodyKind.MUNICIPALITY).exclude(pk__in=reached)
    assert none.filter(name="Kungsbacka").exists()
    # The road to 800 shows the same.
    figures = dashboard(timezone.now())
    assert figures.totals.completed == completed.count()
    assert figures.totals.part_one == participants.exclude(part_one_completed_at=None).count()
    assert figures.totals.part_two == participants.exclude(part_two_completed_at=None).count()
    assert figures.municipalities_reached == reached.filter(kind=BodyKind.MUNICIPALITY).count()
    assert figures.regions_reached == reached.filter(kind=BodyKind.REGION).count()
    assert sorted(figures.agencies_reached) == sorted(
        reached.filter(kind=BodyKind.AGENCY).values_list("name", flat=True)
    )
    unreached = {name for county in figures.counties for name in county.unreached}
    assert "Kungsbacka" in unreached
    assert unreached == set(none.values_list("name", flat=True))
