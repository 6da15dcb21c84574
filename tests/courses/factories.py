"""factory_boy factories for the course app. A shared file: add yours, keep the others'."""

import factory
from django.contrib.auth.models import Group

from courses.choices import BodyKind, LeaderRole
from courses.models import Choice, Lesson, LessonProgress, Participant, PublicBody, Question
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
