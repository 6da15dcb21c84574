"""factory_boy factories for every model the tests build. Later apps add theirs here."""

from datetime import date, datetime, time, timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from eyeforai.accounts.models import User
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP
from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Skill
from eyeforai.programme.services import generate_periods

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """A verified primary address, as allauth requires before sign-in (pass verified=False to skip)."""
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class ManagerFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def in_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=PROGRAMME_MANAGERS_GROUP))


def _aware(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cohort {2030 + n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    starts_on = date(2027, 9, 1)
    status = CohortStatus.RECRUITING
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    application_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    preference_deadline = factory.LazyAttribute(lambda o: _aware(o.starts_on - timedelta(days=60)))

    @factory.post_generation
    def periods(cohort, create, extracted, **kwargs):
        if create:
            generate_periods(cohort)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class OutboundEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboundEmail

    key = factory.Sequence(lambda n: f"test:{n}")
    template = "notice"
    to = factory.Sequence(lambda n: f"recipient{n}@example.org")
    subject = "A notice"
    body_text = "Hello"
