"""factory_boy factories for the course app. A shared file: add yours, keep the others'."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone

from courses.choices import BodyKind, LeaderRole, PartnerOrganisation, SessionFormat
from courses.models import (
    Booking,
    Choice,
    Facilitator,
    Lesson,
    LessonProgress,
    Participant,
    PublicBody,
    Question,
    Session,
)
from eyeforai.accounts.choices import Role
from eyeforai.accounts.permissions import COURSE_MANAGERS_GROUP
from tests.factories import ManagerFactory, UserFactory


class PublicBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBody
        django_get_or_create = ("kind", "name")

    kind = BodyKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Kommun {n}")
    code = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    county_code = factory.LazyAttribute(lambda body: body.code[:2])


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A course participant: a user with the role, working for a listed municipality."""

    class Meta:
        model = Participant

    user = factory.SubFactory(UserFactory, role=Role.COURSE_PARTICIPANT)
    title = "Head of unit"
    role = LeaderRole.MANAGER
    public_body = factory.SubFactory(PublicBodyFactory)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    position = factory.Sequence(lambda n: n + 1)
    title_sv = factory.Sequence(lambda n: f"Lektion {n + 1}")
    title_en = factory.Sequence(lambda n: f"Lesson {n + 1}")
    body_sv = "Text."
    body_en = "Text."
    published = True


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonProgress

    participant = factory.SubFactory(ParticipantFactory)
    lesson = factory.SubFactory(LessonFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    lesson = factory.SubFactory(LessonFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_sv = factory.Sequence(lambda n: f"Fråga {n + 1}?")
    text_en = factory.Sequence(lambda n: f"Question {n + 1}?")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_sv = factory.Sequence(lambda n: f"Svar {n + 1}")
    text_en = factory.Sequence(lambda n: f"Answer {n + 1}")
    correct = False
    feedback_sv = factory.LazyAttribute(lambda choice: f"Återkoppling: {choice.text_sv}")
    feedback_en = factory.LazyAttribute(lambda choice: f"Feedback: {choice.text_en}")


class CheckedLessonFactory(LessonFactory):
    """A published lesson with a knowledge check: `questions` questions (2 unless given), each with three
    answers: the first right, the second wrong, the third right in every second question (so some
    questions have two right answers). right_answers() and wrong_answers() build answers to it."""

    class Meta:
        skip_postgeneration_save = True

    minutes = 20

    @factory.post_generation
    def questions(lesson, create, extracted, **kwargs):
        if not create:
            return
        for number in range(1, (2 if extracted is None else extracted) + 1):
            question = QuestionFactory(lesson=lesson, position=number)
            ChoiceFactory(question=question, position=1, correct=True)
            ChoiceFactory(question=question, position=2, correct=False)
            ChoiceFactory(question=question, position=3, correct=number % 2 == 0)


def right_answers(lesson):
    """{question uuid: {choice uuid, …}} with exactly the right answers to every question."""
    return {
        str(question.uuid): {str(choice.uuid) for choice in question.choices.all() if choice.correct}
        for question in lesson.questions.prefetch_related("choices")
    }


def wrong_answers(lesson):
    """Every question answered with its wrong answers only."""
    return {
        str(question.uuid): {str(choice.uuid) for choice in question.choices.all() if not choice.correct}
        for question in lesson.questions.prefetch_related("choices")
    }


class CourseManagerFactory(ManagerFactory):
    """A course manager (the "Course managers" group, not the programme's) with TOTP set up, as the admin
    requires (pass totp=False to skip)."""

    @factory.post_generation
    def in_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=COURSE_MANAGERS_GROUP))


class CompletedPartOneParticipantFactory(ParticipantFactory):
    """A participant who has completed the self-study part: may book any workshop session."""

    part_one_completed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))


class SessionFactory(factory.django.DjangoModelFactory):
    """A digital workshop session in Swedish, two weeks ahead, 20 seats, run by SKR."""

    class Meta:
        model = Session

    format = SessionFormat.DIGITAL
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=14)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=6))
    language = "sv"
    capacity = 20
    organisation = PartnerOrganisation.SKR
    meeting_url = factory.Sequence(lambda n: f"https://meet.example.se/workshop-{n}")


class InPersonSessionFactory(SessionFactory):
    format = SessionFormat.IN_PERSON
    meeting_url = ""
    city = "Göteborg"
    venue = "Lindholmen Science Park"
    address = "Lindholmspiren 3"
    region = factory.LazyFunction(lambda: PublicBody.objects.get(kind=BodyKind.REGION, name="Västra Götalandsregionen"))


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    user = factory.SubFactory(UserFactory, role=Role.FACILITATOR)
    organisation = PartnerOrganisation.SKR


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking made directly (tests that need one without the service keep seats_held in step)."""

    class Meta:
        model = Booking
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    participant = factory.SubFactory(CompletedPartOneParticipantFactory)

    @factory.post_generation
    def hold_seat(booking, create, extracted, **kwargs):
        if create and booking.ended_at is None:
            Session.objects.filter(pk=booking.session_id).update(seats_held=models.F("seats_held") + 1)
            booking.session.refresh_from_db()
