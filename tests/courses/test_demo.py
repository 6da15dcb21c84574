from io import StringIO

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.access import is_course_manager
from courses.choices import BodyKind
from courses.demo import DEMO_COURSE_MANAGER, DEMO_PARTICIPANT, LESSONS, PARTICIPANTS_PER_SCALE
from courses.models import Choice, Lesson, LessonProgress, Participant, Question
from courses.services.progress import grade, passes
from eyeforai.accounts.choices import Role


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
