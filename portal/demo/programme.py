"""The first demo step: programme managers, skills and three cohorts around today's date."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from eyeforai.accounts.demo import demo_second_factor, demo_user
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Skill
from eyeforai.programme.services import generate_periods

SKILLS = [
    "Machine learning",
    "Deep learning",
    "Natural language processing",
    "Computer vision",
    "Reinforcement learning",
    "MLOps",
    "Data engineering",
    "Statistics",
    "Medical imaging",
    "Time series",
    "Optimisation",
    "Responsible AI",
    "Generative AI",
    "Robotics",
    "Edge AI",
    "Federated learning",
]

MANAGERS = [("Karin", "Lindqvist"), ("Johan", "Ekström")]


def _at(day, hour=23, minute=59):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_programme(context):
    today = timezone.localdate()
    group = Group.objects.get(name=PROGRAMME_MANAGERS_GROUP)
    managers = []
    for first, last in MANAGERS:
        email = f"{first.lower()}.{slugify(last)}@ai.se".replace("ö", "o")
        manager = demo_user(email, password=context.password, first_name=first, last_name=last, is_staff=True)
        manager.groups.add(group)
        managers.append(manager)
    context.add_login("programme manager", managers[0].email)
    secret, recovery_code = demo_second_factor(managers[0])
    context.notes.append(
        f"The admin asks {managers[0].email} for a second factor: add TOTP secret {secret} to an "
        f"authenticator app (or `oathtool --totp -b {secret}`), or use recovery code {recovery_code} once."
    )
    context.data["managers"] = managers
    context.progress()

    context.data["skills"] = [
        Skill.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in SKILLS
    ]
    context.progress()

    # Cohorts start in the autumn: one finished, one under way today, one recruiting for next autumn.
    cohorts = {}
    for key, start_year, status in [
        ("completed", today.year - 3, CohortStatus.COMPLETED),
        ("running", today.year - 1, CohortStatus.RUNNING),
        ("recruiting", today.year + 1, CohortStatus.RECRUITING),
    ]:
        starts_on = date(start_year, 9, 1)
        if key == "recruiting":
            opens, deadline = today - timedelta(days=30), today + timedelta(days=60)
        else:
            opens, deadline = starts_on - timedelta(days=300), starts_on - timedelta(days=180)
        cohort, _created = Cohort.objects.get_or_create(
            slug=f"cohort-{start_year}",
            defaults={
                "name": f"Cohort {start_year}",
                "starts_on": starts_on,
                "status": status,
                "applications_open_at": _at(opens, 9, 0),
                "application_deadline": _at(deadline),
                "preference_deadline": _at(starts_on - timedelta(days=75)),
                "description": f"Eye for AI cohort starting in Gothenburg in September {start_year}.",
            },
        )
        generate_periods(cohort)
        cohorts[key] = cohort
    context.data["cohorts"] = cohorts
    context.progress()
