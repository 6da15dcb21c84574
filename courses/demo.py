"""Demo course: the seven lessons of "AI for leaders in the public sector", a demo participant part way
through, a course manager, two workshop facilitators, and 60 leaders per --scale from municipalities,
regions and agencies at every stage (joined only, some lessons passed, the self-study part complete,
booked or waiting for a workshop, through both parts). About a third are through both parts, from a few
counties and agencies, so the road to 800 shows where nobody has been reached yet. The workshop sessions,
bookings and attendance are courses/demo_workshops.py's.

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
from courses.demo_workshops import Seats, booking, ensure_sessions, open_rows, seed_facilitators, upcoming_rows
from courses.models import Booking, Choice, Lesson, LessonProgress, Participant, PublicBody, Question, WaitingListEntry
from eyeforai.accounts.choices import Role
from eyeforai.accounts.demo import _hashed, demo_second_factor, demo_user

LESSONS = [module.LESSON for module in (lesson_1, lesson_2, lesson_3, lesson_4, lesson_5, lesson_6, lesson_7)]
PARTICIPANTS_PER_SCALE = 60
DAY_BEFORE = timedelta(days=1)
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

# How far each of every 20 leaders has come, by index % 20: 35 % through both parts at any scale.
JOINED, PART_WAY, PART_TWO_ONLY, AWAITING, COMPLETED, NO_SHOW = (
    "joined",  # joined only (maybe opened a lesson)
    "part_way",  # some lessons passed
    "part_two_only",  # part way, and attended the past session open to those who had started
    "awaiting",  # part 1 done: booked, waiting, or nothing yet
    "completed",  # part 1 done and attended a past session
    "no_show",  # part 1 done, booked a past session and did not come
)
STAGES = [JOINED] * 3 + [PART_WAY] * 4 + [PART_TWO_ONLY] + [AWAITING] * 4 + [COMPLETED] * 7 + [NO_SHOW]
# Those through both parts come from these counties (weighted) and agencies only: the rest of the
# country has joined leaders but no completed one yet (Kungsbacka, Anna Berg's, among them).
FOCUS_COUNTIES = [("01", 5), ("14", 5), ("12", 3), ("05", 2), ("24", 2), ("03", 1)]
FOCUS_AGENCIES = ["Skatteverket", "Försäkringskassan", "Myndigheten för digital förvaltning", "Lantmäteriet"]


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
    context.data["facilitators"] = seed_facilitators(context)
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
    context.data["course_manager"] = manager
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
    rng: random.Random  # the leader's own draws: who they are first, then their timeline
    stage: str
    email: str
    first_name: str
    last_name: str
    language: str
    title: str
    role: str
    public_body: PublicBody | None
    other_organisation: str
    joined_at: object = None
    passed: list = field(default_factory=list)  # the times each of the first len(passed) lessons was opened
    opened_next: object = None  # when the next lesson was opened (not passed), or None
    workshop: tuple | None = None  # a past session: (session, booked_at, attended_at or None)


def _participants(context, keys):
    """PARTICIPANTS_PER_SCALE * scale leaders, each made once: a larger scale adds the missing ones."""
    User = get_user_model()
    bodies = _bodies()
    now = timezone.now()
    leaders = [_leader(index, bodies) for index in range(PARTICIPANTS_PER_SCALE * context.scale)]
    existing = set(User.objects.filter(email__in=[leader.email for leader in leaders]).values_list("email", flat=True))
    leaders = [leader for leader in leaders if leader.email not in existing]
    if not leaders:
        return
    facilitators = context.data["facilitators"]
    units = {0} | {leader.index // PARTICIPANTS_PER_SCALE for leader in leaders}
    seats = Seats(ensure_sessions(sorted(units), now, facilitators))
    for leader in leaders:
        _timeline(leader, keys, now, seats)
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
    _workshops(leaders, participants, seats, facilitators, now)


def _workshops(leaders, participants, seats, facilitators, now):
    """Past sessions' bookings with attendance ticked by their facilitator, then the upcoming sessions'
    bookings and waiting lists; seats_held follows (bookings plus open offers)."""
    bookings, waiting, started = [], [], []
    for leader, participant in zip(leaders, participants, strict=True):
        if leader.workshop is not None:
            session, booked_at, attended_at = leader.workshop
            by = facilitators[session.organisation].user if attended_at else None
            bookings.append(booking(session, participant, booked_at, now, attended_at=attended_at, attendance_by=by))
        elif leader.stage == AWAITING:
            waiting.append((participant, participant.part_one_completed_at))
        elif leader.stage == PART_WAY:
            started.append((participant, leader.passed[0]))
    rng = _rng(leaders[0].index, "workshops")
    upcoming, entries = upcoming_rows(waiting, seats.sessions, seats, now, rng)
    bookings += upcoming + open_rows(started, seats.sessions, seats, now, rng)
    Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
    WaitingListEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    seats.save()


def _rng(index, purpose):
    # The same leader every run and at every scale: a larger scale only adds.
    return random.Random(f"course-{purpose}-{index}")  # noqa: S311  # nosec B311 - demo data


def _bodies():
    """The bodies to draw from: all of them by kind, and the few whose leaders have completed."""
    bodies = {kind: list(PublicBody.objects.filter(kind=kind).order_by("pk")) for kind in BodyKind}
    counties = {code for code, _weight in FOCUS_COUNTIES}
    focus = {
        BodyKind.MUNICIPALITY: {code: [] for code in counties},
        BodyKind.REGION: {code: [] for code in counties},
        BodyKind.AGENCY: [body for body in bodies[BodyKind.AGENCY] if body.name in FOCUS_AGENCIES],
    }
    for kind in (BodyKind.MUNICIPALITY, BodyKind.REGION):
        for body in bodies[kind]:
            if body.county_code in counties:
                focus[kind][body.county_code].append(body)
    return bodies, focus


def _leader(index, bodies):
    """Who the leader is and where they work (their email says it): the same at every run."""
    rng = _rng(index, "leader")
    stage = STAGES[index % len(STAGES)]
    every, focus = bodies
    first, last = rng.choice(FIRST), rng.choice(LAST)
    kind = rng.choices([kind for kind, _weight in KIND_WEIGHTS], weights=[weight for _kind, weight in KIND_WEIGHTS])[0]
    if kind == "other":
        other_organisation, title = rng.choice(OTHER_ORGANISATIONS)
        body, role, domain = None, LeaderRole.MANAGER, other_organisation
    else:
        if stage == COMPLETED and kind == BodyKind.AGENCY:
            body = rng.choice(focus[kind])
        elif stage == COMPLETED:
            county = rng.choices(*zip(*FOCUS_COUNTIES, strict=True))[0]
            body = rng.choice(focus[kind][county])
        else:
            body = rng.choice(every[kind])
        other_organisation = ""
        title, role = rng.choice(TITLES[kind])
        domain = body.name
    return Leader(
        index=index,
        rng=rng,
        stage=stage,
        email=f"{slugify(first)}.{slugify(last)}{index}@{slugify(domain)}.example",
        first_name=first,
        last_name=last,
        language="en" if rng.random() < 0.1 else "sv",
        title=title,
        role=role,
        public_body=body,
        other_organisation=other_organisation,
    )


def _timeline(leader, keys, now, seats):
    """When the leader joined, opened and passed lessons, and the past workshop they booked (a seat taken
    from `seats`). Without a seat left, one who would have attended is through part 1 only (or part way)."""
    rng = leader.rng
    session = None
    if leader.stage in (COMPLETED, NO_SHOW, PART_TWO_ONLY):
        unit = leader.index // PARTICIPANTS_PER_SCALE
        session = seats.past_session(unit, leader.public_body, rng, open_only=leader.stage == PART_TWO_ONLY)
        if session is None:
            leader.stage = PART_WAY if leader.stage == PART_TWO_ONLY else AWAITING
    if session is None:
        leader.joined_at = now - timedelta(days=rng.uniform(0.5, 150))
        span = (now - leader.joined_at) * 0.9
    else:
        # Through the lessons (or some of them) a few days before the session, then booked it.
        latest = session.starts_at - timedelta(days=rng.uniform(2, 12))
        leader.joined_at = latest - timedelta(days=rng.uniform(3, 40))
        span = latest - leader.joined_at
    stage = leader.stage
    count = 0 if stage == JOINED else rng.randint(1, len(keys) - 1) if stage in (PART_WAY, PART_TWO_ONLY) else len(keys)
    opened_next = rng.random() < (0.6 if stage in (PART_WAY, PART_TWO_ONLY) else 0.3 if stage == JOINED else 0)
    times = sorted(leader.joined_at + span * rng.random() for _ in range(count + opened_next))
    leader.passed = times[:count]
    leader.opened_next = times[count] if opened_next else None
    if session is not None:
        # Booked once part 1 was done (or, for the session open to them, once they had started it).
        ready = times[-1] + timedelta(minutes=keys[-1].lesson.minutes + 10) if stage != PART_TWO_ONLY else times[0]
        booked_at = ready + (session.starts_at - DAY_BEFORE - ready) * rng.random()
        attended_at = None if stage == NO_SHOW else session.starts_at + timedelta(minutes=rng.uniform(5, 40))
        leader.workshop = (session, booked_at, attended_at)


def _participant(leader, user, keys, now):
    moments = [leader.joined_at, *leader.passed]
    if leader.opened_next is not None:
        moments.append(leader.opened_next)
    last_progress_at = max(moments)
    complete = len(leader.passed) == len(keys)
    last_passed = (
        leader.passed[-1] + timedelta(minutes=keys[-1].lesson.minutes + 10) if complete and leader.passed else None
    )
    attended_at = leader.workshop[2] if leader.workshop is not None else None
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
        part_two_completed_at=attended_at,
        # Both parts: the later of the two (as complete_course_if_done sets it).
        completed_at=max(last_passed, attended_at) if last_passed and attended_at else None,
    )
