"""Demo course: the seven lessons of "AI for leaders in the public sector", a demo participant part way
through, a course manager, and 60 leaders per --scale from municipalities, regions and agencies at
every stage (joined only, some lessons passed, the self-study part complete).

Rows are written directly rather than through courses/services so that seeding queues no emails; the
many participants are written in bulk. Idempotent: lessons are updated in place by position, people are
made once (by email). Invented people only.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from courses.access import COURSE_MANAGERS_GROUP
from courses.bodies import ensure_public_bodies
from courses.choices import BodyKind, LeaderRole
from courses.demo_lessons import lesson_1, lesson_2, lesson_3, lesson_4, lesson_5, lesson_6, lesson_7
from courses.models import Choice, Lesson, LessonProgress, Participant, PublicBody, Question
from eyeforai.accounts.choices import Role
from eyeforai.accounts.demo import _hashed, demo_second_factor, demo_user

LESSONS = [module.LESSON for module in (lesson_1, lesson_2, lesson_3, lesson_4, lesson_5, lesson_6, lesson_7)]
PARTICIPANTS_PER_SCALE = 60
BATCH_SIZE = 1000

DEMO_PARTICIPANT = "anna.berg@kommun.example"
DEMO_PARTICIPANT_BODY = ("municipality", "1384")  # Kungsbacka
DEMO_COURSE_MANAGER = "lena.sjoberg@ai.se"

FIRST = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena", "Mikael",
    "Emma", "Fredrik", "Helena", "Magnus", "Sofia", "Jonas", "Elin", "Henrik", "Malin", "Niklas", "Ulrika",
    "Ahmed", "Fatima", "Aleksandra", "Mohammed", "Björn", "Åsa", "Göran", "Ingrid", "Linnea", "Hassan",
]  # fmt: skip
LAST = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
    "Magnusson", "Lindström", "Olofsson", "Axelsson", "Berglund", "Sandberg", "Forsberg", "Sundberg",
    "Åberg", "Holm", "Ekström", "Yilmaz", "Haddad", "Nyström", "Wallin",
]  # fmt: skip
# Titles as leaders type them, by the kind of body they work for, with the role they pick.
TITLES = {
    BodyKind.MUNICIPALITY: [
        ("Kommundirektör", LeaderRole.MANAGER),
        ("Förvaltningschef", LeaderRole.MANAGER),
        ("Socialchef", LeaderRole.MANAGER),
        ("Enhetschef", LeaderRole.MANAGER),
        ("Avdelningschef", LeaderRole.MANAGER),
        ("Digitaliseringschef", LeaderRole.MANAGER),
        ("Rektor", LeaderRole.MANAGER),
        ("Kommunstyrelsens ordförande", LeaderRole.POLITICIAN),
        ("Kommunalråd", LeaderRole.POLITICIAN),
        ("Oppositionsråd", LeaderRole.POLITICIAN),
        ("Utvecklingsstrateg", LeaderRole.OTHER_LEADER),
        ("Projektledare digitalisering", LeaderRole.OTHER_LEADER),
        ("Verksamhetsutvecklare", LeaderRole.OTHER),
    ],
    BodyKind.REGION: [
        ("Regiondirektör", LeaderRole.MANAGER),
        ("Hälso- och sjukvårdsdirektör", LeaderRole.MANAGER),
        ("Verksamhetschef", LeaderRole.MANAGER),
        ("Digitaliseringsdirektör", LeaderRole.MANAGER),
        ("Enhetschef", LeaderRole.MANAGER),
        ("Regionråd", LeaderRole.POLITICIAN),
        ("Chefläkare", LeaderRole.OTHER_LEADER),
        ("Informationssäkerhetsstrateg", LeaderRole.OTHER),
    ],
    BodyKind.AGENCY: [
        ("Generaldirektör", LeaderRole.MANAGER),
        ("Avdelningschef", LeaderRole.MANAGER),
        ("Enhetschef", LeaderRole.MANAGER),
        ("Sektionschef", LeaderRole.MANAGER),
        ("CIO", LeaderRole.MANAGER),
        ("Strateg", LeaderRole.OTHER_LEADER),
        ("Verksamhetsutvecklare", LeaderRole.OTHER),
    ],
}
# "Other public organisation": names typed by people whose body is not on the list.
OTHER_ORGANISATIONS = [
    ("Kommunalförbundet Sjuhärad", "Förbundsdirektör"),
    ("Samordningsförbundet Göteborg", "Förbundschef"),
    ("Räddningstjänsten Storgöteborg", "Avdelningschef"),
]
KIND_WEIGHTS = [(BodyKind.MUNICIPALITY, 65), (BodyKind.REGION, 18), (BodyKind.AGENCY, 14), ("other", 3)]


@dataclass
class Key:
    """A lesson's knowledge check, for writing answers: per question its uuid, right and wrong choices."""

    lesson: Lesson
    questions: list = field(default_factory=list)  # (question uuid, [right choice uuids], [wrong choice uuids])

    def answers(self, wrong=0):
        """Stored answers ({question uuid: [choice uuids]}) with the first `wrong` questions answered wrong."""
        return {
            question: sorted(wrongs[:1] if number < wrong and wrongs else rights)
            for number, (question, rights, wrongs) in enumerate(self.questions)
        }


def seed_course(context):
    ensure_public_bodies()  # a database flushed since migrate (a test's) has lost the migration's rows
    keys = _lessons()
    context.data["lessons"] = [key.lesson for key in keys]
    context.progress()
    _demo_participant(context, keys)
    _course_manager(context)
    context.progress()
    _participants(context, keys)
    context.progress()


def _lessons():
    """The lessons of courses/demo_lessons, published; rows that already say the same are left alone,
    so a second run reads three queries' worth and writes nothing."""
    existing = {lesson.position: lesson for lesson in Lesson.objects.prefetch_related("questions__choices")}
    keys = []
    for data in LESSONS:
        lesson = existing.get(data["position"]) or Lesson(position=data["position"])
        # Read what is stored before saving: a new row has nothing below it (and nothing prefetched).
        questions = {question.position: question for question in lesson.questions.all()} if lesson.pk else {}
        fields = ("title_sv", "title_en", "body_sv", "body_en", "minutes")
        _put(lesson, {**{name: data[name] for name in fields}, "published": True})
        key = Key(lesson=lesson)
        for number, question_data in enumerate(data["questions"], start=1):
            question = questions.pop(number, None) or Question(lesson=lesson, position=number)
            choices = {choice.position: choice for choice in question.choices.all()} if question.pk else {}
            _put(question, {"text_sv": question_data["text_sv"], "text_en": question_data["text_en"]})
            rights, wrongs = [], []
            for position, choice_data in enumerate(question_data["choices"], start=1):
                choice = choices.pop(position, None) or Choice(question=question, position=position)
                fields = ("text_sv", "text_en", "correct", "feedback_sv", "feedback_en")
                _put(choice, {name: choice_data[name] for name in fields})
                (rights if choice.correct else wrongs).append(str(choice.uuid))
            if choices:  # the lesson file lost some answers
                Choice.objects.filter(pk__in=[choice.pk for choice in choices.values()]).delete()
            key.questions.append((str(question.uuid), rights, wrongs))
        if questions:
            Question.objects.filter(pk__in=[question.pk for question in questions.values()]).delete()
        keys.append(key)
    return keys


def _put(obj, values):
    """Give `obj` these field values, saving it when it is new or one of them changed."""
    changed = obj.pk is None
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()


def _demo_participant(context, keys):
    """Anna Berg of Kungsbacka, in Swedish: lessons 1 and 2 passed, lesson 3 opened."""
    user = demo_user(
        DEMO_PARTICIPANT, password=context.password, first_name="Anna", last_name="Berg", role=Role.COURSE_PARTICIPANT
    )
    if not user.language:
        user.language = "sv"
        user.save(update_fields=["language"])
    kind, code = DEMO_PARTICIPANT_BODY
    now = timezone.now()
    participant, created = Participant.objects.get_or_create(
        user=user,
        defaults={
            "title": "Förvaltningschef, förskola och grundskola",
            "role": LeaderRole.MANAGER,
            "public_body": PublicBody.objects.get(kind=kind, code=code),
            "joined_at": now - timedelta(days=9),
            "last_progress_at": now - timedelta(days=1),
        },
    )
    if created:
        first, second, third = keys[:3]
        LessonProgress.objects.bulk_create(
            [
                _passed(participant, first, now - timedelta(days=9), attempts=1, wrong=0),
                _passed(participant, second, now - timedelta(days=4), attempts=2, wrong=1),
                LessonProgress(participant=participant, lesson=third.lesson, opened_at=now - timedelta(days=1)),
            ]
        )
    context.add_login("course participant", user.email)


def _course_manager(context):
    manager = demo_user(
        DEMO_COURSE_MANAGER, password=context.password, first_name="Lena", last_name="Sjöberg", is_staff=True
    )
    if not manager.language:
        manager.language = "sv"
        manager.save(update_fields=["language"])
    manager.groups.add(Group.objects.get(name=COURSE_MANAGERS_GROUP))
    context.add_login("course manager", manager.email)
    secret, recovery_code = demo_second_factor(manager)
    context.notes.append(
        f"The admin asks {manager.email} for a second factor: add TOTP secret {secret} to an "
        f"authenticator app (or `oathtool --totp -b {secret}`), or use recovery code {recovery_code} once."
    )


def _passed(participant, key, opened_at, *, attempts, wrong):
    right = len(key.questions) - wrong
    return LessonProgress(
        participant=participant,
        lesson=key.lesson,
        opened_at=opened_at,
        answers=key.answers(wrong=wrong),
        attempts=attempts,
        correct=right,
        passed_at=opened_at + timedelta(minutes=key.lesson.minutes + 10),
    )


@dataclass
class Leader:
    """One demo participant to write: the person, where they work and how far they have come."""

    index: int
    email: str
    first_name: str
    last_name: str
    language: str
    title: str
    role: str
    public_body: PublicBody | None
    other_organisation: str
    joined_at: object
    passed: list  # the times each of the first len(passed) lessons was opened
    opened_next: object  # when the next lesson was opened (not passed), or None


def _participants(context, keys):
    """PARTICIPANTS_PER_SCALE * scale leaders, each made once: a larger scale adds the missing ones."""
    User = get_user_model()
    bodies = {kind: list(PublicBody.objects.filter(kind=kind).order_by("pk")) for kind in BodyKind}
    now = timezone.now()
    leaders = [_leader(index, bodies, keys, now) for index in range(PARTICIPANTS_PER_SCALE * context.scale)]
    existing = set(User.objects.filter(email__in=[leader.email for leader in leaders]).values_list("email", flat=True))
    leaders = [leader for leader in leaders if leader.email not in existing]
    if not leaders:
        return
    password = _hashed(context.password)
    # The role is set here as join_course's take_role would; PostgreSQL's trigger sets it too.
    users = User.objects.bulk_create(
        [
            User(
                email=leader.email,
                first_name=leader.first_name,
                last_name=leader.last_name,
                password=password,
                role=Role.COURSE_PARTICIPANT,
                language=leader.language,
                date_joined=leader.joined_at - timedelta(minutes=10),
                last_login=leader.joined_at,
            )
            for leader in leaders
        ],
        batch_size=BATCH_SIZE,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    participants = Participant.objects.bulk_create(
        [_participant(leader, user, keys, now) for leader, user in zip(leaders, users, strict=True)],
        batch_size=BATCH_SIZE,
    )
    rows = []
    for leader, participant in zip(leaders, participants, strict=True):
        rng = _rng(leader.index, "answers")
        for key, opened_at in zip(keys, leader.passed, strict=False):
            wrong = 1 if rng.random() < 0.3 else 0
            rows.append(_passed(participant, key, opened_at, attempts=1 + (rng.random() < 0.25), wrong=wrong))
        if leader.opened_next is not None:
            key = keys[len(leader.passed)]
            tried = rng.random() < 0.4  # answered the check once and did not pass yet
            rows.append(
                LessonProgress(
                    participant=participant,
                    lesson=key.lesson,
                    opened_at=leader.opened_next,
                    answers=key.answers(wrong=2) if tried else {},
                    attempts=1 if tried else 0,
                    correct=len(key.questions) - 2 if tried else 0,
                )
            )
    LessonProgress.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _rng(index, purpose):
    # The same leader every run and at every scale: a larger scale only adds.
    return random.Random(f"course-{purpose}-{index}")  # noqa: S311  # nosec B311 - demo data


def _leader(index, bodies, keys, now):
    rng = _rng(index, "leader")
    first, last = rng.choice(FIRST), rng.choice(LAST)
    kind = rng.choices([kind for kind, _weight in KIND_WEIGHTS], weights=[weight for _kind, weight in KIND_WEIGHTS])[0]
    if kind == "other":
        other_organisation, title = rng.choice(OTHER_ORGANISATIONS)
        body, role, domain = None, LeaderRole.MANAGER, other_organisation
    else:
        body, other_organisation = rng.choice(bodies[kind]), ""
        title, role = rng.choice(TITLES[kind])
        domain = body.name
    joined_at = now - timedelta(days=rng.uniform(0.5, 150))
    # Every stage at any scale: a quarter joined only, half part way, a quarter through the self-study part.
    stage = index % 4
    count = 0 if stage == 0 else len(keys) if stage == 3 else rng.randint(1, len(keys) - 1)
    opened_next = rng.random() < (0.6 if stage in (1, 2) else 0.3 if stage == 0 else 0)
    span = (now - joined_at).total_seconds()
    times = sorted(joined_at + timedelta(seconds=rng.uniform(0, span * 0.9)) for _ in range(count + opened_next))
    return Leader(
        index=index,
        email=f"{slugify(first)}.{slugify(last)}{index}@{slugify(domain)}.example",
        first_name=first,
        last_name=last,
        language="en" if rng.random() < 0.1 else "sv",
        title=title,
        role=role,
        public_body=body,
        other_organisation=other_organisation,
        joined_at=joined_at,
        passed=times[:count],
        opened_next=times[count] if opened_next else None,
    )


def _participant(leader, user, keys, now):
    moments = [leader.joined_at, *leader.passed]
    if leader.opened_next is not None:
        moments.append(leader.opened_next)
    last_progress_at = max(moments)
    complete = len(leader.passed) == len(keys)
    last_passed = (
        leader.passed[-1] + timedelta(minutes=keys[-1].lesson.minutes + 10) if complete and leader.passed else None
    )
    # Quiet for a week and not through: the one reminder went out already (no burst of emails on `make run`).
    quiet = not complete and now - last_progress_at > timedelta(days=7)
    return Participant(
        user=user,
        title=leader.title,
        role=leader.role,
        public_body=leader.public_body,
        other_organisation=leader.other_organisation,
        joined_at=leader.joined_at,
        last_progress_at=last_passed or last_progress_at,
        nudged_at=last_progress_at + timedelta(days=7) if quiet else None,
        part_one_completed_at=last_passed,
    )
