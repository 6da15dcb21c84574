"""Demo talents: applications at every stage with CVs, accepted talents with day logs and some gaps.

Rows are written directly rather than through the services so that seeding queues no emails.
Invented people only.
"""

import random
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from eyeforai.accounts.choices import Role
from eyeforai.accounts.demo import demo_user
from talents.choices import AbsenceKind, Activity, ApplicationStatus, Availability, Degree, Place, WeekState
from talents.cv import minimal_pdf
from talents.models import Absence, Application, ApplicationEvent, DayLog, TalentProfile
from talents.weeks import cohort_end, cohort_weeks, monday_of

FIRST = ["Amara", "Luis", "Mei", "Tariq", "Sofia", "Ravi", "Ingrid", "Kwame", "Yuki", "Elena", "Omar", "Priya"]
LAST = ["Okafor", "Moreno", "Chen", "Haddad", "Rossi", "Iyer", "Halvorsen", "Mensah", "Tanaka", "Petrova", "Farah"]
COUNTRIES = ["Nigeria", "Mexico", "China", "Jordan", "Italy", "India", "Norway", "Ghana", "Japan", "Bulgaria", "Egypt"]
UNIVERSITIES = [
    "University of Lagos",
    "UNAM",
    "Tsinghua University",
    "University of Jordan",
    "Politecnico di Milano",
    "IIT Madras",
    "NTNU",
    "KNUST",
    "University of Tokyo",
    "Sofia University",
    "Cairo University",
]
FIELDS = ["Computer science", "Applied mathematics", "Biomedical engineering", "Data science", "Physics"]
LEARNED = [
    "A seminar on evaluating large language models, and Swedish lesson 12: ordering fika.",
    "Ran our fine-tuning job on the Data Factory cluster; learned how to queue jobs fairly.",
    "Workshop on privacy-preserving federated learning with two regional health authorities.",
    "Hackathon on energy-grid forecasting; our team built a baseline in an afternoon.",
    "Mentoring session about presenting results to non-technical stakeholders.",
]
STAGES = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
]
PIPELINE = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]


def _talent(index, *, password, skills, rng):
    first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
    email = f"{slugify(first)}.{slugify(last)}{index}@talent.example.org"
    user = demo_user(email, password=password, first_name=first, last_name=last, role=Role.TALENT)
    country = COUNTRIES[index % len(COUNTRIES)]
    profile, created = TalentProfile.objects.get_or_create(
        user=user,
        defaults={
            "nationality": country,
            "country_of_residence": rng.choice([country, "Sweden", "Germany"]),
            "degree": rng.choice([Degree.MASTER, Degree.MASTER, Degree.PHD]),
            "degree_field": rng.choice(FIELDS),
            "university": UNIVERSITIES[index % len(UNIVERSITIES)],
            "graduation_year": timezone.localdate().year - rng.randint(0, 3),
            "bio": f"{first} works on applied machine learning and wants to see it used in Swedish industry.",
            "github_url": f"https://github.com/{slugify(first)}-{slugify(last)}-demo",
        },
    )
    if created:
        profile.skills.set(rng.sample(skills, 3))
    return profile


def _application(profile, cohort, status, *, rng):
    application, created = Application.objects.get_or_create(
        talent=profile,
        cohort=cohort,
        defaults={
            "status": status,
            "motivation": "I want to put machine learning to work where it matters, with three very different hosts.",
            "why_sweden": "Sweden's openness and its public-sector data make it a good place to do applied AI well.",
            "availability": Availability.FULL,
            "consent": True,
            "manager_score": rng.randint(2, 5) if status not in (ApplicationStatus.DRAFT,) else None,
        },
    )
    if not created:
        return application
    opened = cohort.applications_open_at
    path = PIPELINE[: PIPELINE.index(status) + 1] if status in PIPELINE else [*PIPELINE, status]
    events = [
        ApplicationEvent(application=application, status=step, at=opened + timedelta(days=3 * number + 1))
        for number, step in enumerate(path)
    ]
    ApplicationEvent.objects.bulk_create(events)
    application.status_changed_at = events[-1].at
    if status != ApplicationStatus.DRAFT:
        application.submitted_at = events[1].at if len(events) > 1 else events[0].at
    pdf = minimal_pdf([f"Curriculum vitae: {profile.name}", profile.university, profile.degree_field])
    application.cv.save("cv.pdf", ContentFile(pdf), save=False)
    application.cv_uploaded_at = events[0].at
    application.save()
    return application


def _day_logs(profile, cohort, *, rng, today):
    if DayLog.objects.filter(talent=profile).exists():
        return
    periods = list(cohort.periods.all())
    if rng.random() < 0.5:
        start = monday_of(today) - timedelta(weeks=rng.randint(6, 20))
        Absence.objects.create(
            talent=profile, kind=AbsenceKind.VACATION, starts_on=start, ends_on=start + timedelta(days=11)
        )
    absences = list(profile.absences.all())
    weeks = cohort_weeks(
        starts_on=cohort.starts_on, ends_on=cohort_end(cohort, periods), logs=[], absences=absences, today=today
    )
    logs = []
    for week in weeks:
        if week.state != WeekState.MISSING or rng.random() < 0.12:  # some gaps, none this week
            continue
        day = week.monday + timedelta(days=rng.randint(0, 4))
        if day > today:
            continue
        logs.append(
            DayLog(
                talent=profile,
                cohort=cohort,
                date=day,
                week=week.monday,
                place=rng.choice(Place.values),
                activities=rng.sample(Activity.values, rng.randint(1, 3)),
                learned=rng.choice(LEARNED),
                created_at=timezone.make_aware(datetime.combine(day, time(17))),
            )
        )
    DayLog.objects.bulk_create(logs)


def seed_talents(context):
    rng = random.Random(3)  # demo data, the same every time  # noqa: S311  # nosec B311
    today = timezone.localdate()
    skills = context.data["skills"]
    cohorts = context.data["cohorts"]
    index = 0
    talents = {"recruiting": [], "running": [], "completed": []}

    # The recruiting cohort: applications at every stage.
    for _round in range(2 + (context.scale - 1) // 7):
        for status in STAGES:
            profile = _talent(index, password=context.password, skills=skills, rng=rng)
            _application(profile, cohorts["recruiting"], status, rng=rng)
            talents["recruiting"].append(profile)
            index += 1
    context.progress()

    # Accepted talents of the running and completed cohorts, with their weekly days. Past scale 1
    # most extra talents are placed ones: a benchmark wants day logs and placements more than drafts.
    for key, count, extra in [("running", 6, 14), ("completed", 4, 10)]:
        for _number in range(count + extra * (context.scale - 1)):
            profile = _talent(index, password=context.password, skills=skills, rng=rng)
            _application(profile, cohorts[key], ApplicationStatus.ACCEPTED, rng=rng)
            _day_logs(profile, cohorts[key], rng=rng, today=today)
            talents[key].append(profile)
            index += 1
        context.progress()

    context.add_login("talent (running cohort)", talents["running"][0].user.email)
    context.add_login("talent (draft application)", talents["recruiting"][0].user.email)
    context.data["talents"] = talents
