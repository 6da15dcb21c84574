"""factory_boy factories for every model the tests build. Later apps add theirs here."""

from datetime import date, datetime, time, timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from eyeforai.accounts.choices import Role
from eyeforai.accounts.models import User
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP
from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Skill
from eyeforai.programme.services import generate_periods
from talents.choices import AbsenceKind, Activity, ApplicationStatus, Availability, Degree, Place
from talents.cv import minimal_pdf
from talents.models import Absence, Application, DayLog, TalentProfile
from talents.weeks import monday_of

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
    """A programme manager with TOTP and recovery codes set up, as the admin requires (pass totp=False to skip)."""

    is_staff = True

    @factory.post_generation
    def in_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=PROGRAMME_MANAGERS_GROUP))

    @factory.post_generation
    def totp(user, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(user, MANAGER_TOTP_SECRET)
            RecoveryCodes.activate(user)


# Every factory manager's TOTP secret (base32), so a test can compute a valid code.
MANAGER_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def unused_recovery_code(user):
    """A second-factor code allauth accepts once; unlike a TOTP code it does not repeat within 30 seconds."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()[0]


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


# --- talents ------------------------------------------------------------------------------------


def pdf_bytes(*lines):
    """A small, valid PDF (what a real CV looks like to the content checks)."""
    return minimal_pdf(list(lines) or ["Curriculum vitae"])


class TalentProfileFactory(factory.django.DjangoModelFactory):
    """A talent with a complete profile (pass user=… to make an existing user a talent)."""

    class Meta:
        model = TalentProfile
        django_get_or_create = ["user"]
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    nationality = "Nigerian"
    country_of_residence = "Nigeria"
    degree = Degree.MASTER
    degree_field = "Computer science"
    university = "University of Lagos"
    graduation_year = 2024
    bio = "Applied machine learning for health."

    @factory.post_generation
    def role(profile, create, extracted, **kwargs):
        """PostgreSQL's trigger sets the user's role; the user object in hand learns it too."""
        profile.user.role = Role.TALENT


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with a CV unless told otherwise (status=…, cv=None)."""

    class Meta:
        model = Application

    talent = factory.SubFactory(TalentProfileFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = ApplicationStatus.SUBMITTED
    motivation = "I want to build AI that helps hospitals."
    why_sweden = "Open data and a strong public sector."
    availability = Availability.FULL
    consent = True
    cv = factory.django.FileField(filename="cv.pdf", data=factory.LazyFunction(pdf_bytes))
    submitted_at = factory.LazyFunction(timezone.now)


def running_cohort(**kwargs):
    """A cohort that started a year ago and is running today."""
    today = timezone.localdate()
    defaults = {
        "name": "Cohort running",
        "status": CohortStatus.RUNNING,
        "starts_on": monday_of(today) - timedelta(weeks=52),
        "applications_open_at": timezone.now() - timedelta(days=700),
        "application_deadline": timezone.now() - timedelta(days=600),
    }
    return CohortFactory(**{**defaults, **kwargs})


class DayLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayLog

    talent = factory.SubFactory(TalentProfileFactory)
    cohort = factory.SubFactory(CohortFactory)
    date = factory.LazyFunction(timezone.localdate)
    week = factory.LazyAttribute(lambda o: monday_of(o.date))
    place = Place.GOTHENBURG
    activities = factory.LazyFunction(lambda: [Activity.SEMINAR, Activity.LANGUAGE_CULTURE])
    learned = "How Swedish public agencies buy AI."


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    talent = factory.SubFactory(TalentProfileFactory)
    kind = AbsenceKind.VACATION
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=6))


# === hosts ========================================================================================
# Appended per app so engineers working in parallel never edit the same lines.

import secrets  # noqa: E402 - this app's section starts here

from hosts.choices import OrganizationStatus, ProjectStatus, Sector  # noqa: E402
from hosts.models import (  # noqa: E402
    HostInterest,
    HostMembership,
    HostOrganization,
    Invitation,
    Project,
    ProjectSeat,
)
from hosts.models.organizations import token_digest  # noqa: E402


class HostOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganization
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Host Organisation {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    sector = Sector.HOSPITAL
    city = "Gothenburg"
    description = factory.LazyAttribute(lambda o: f"{o.name} hosts AI talents.")
    status = OrganizationStatus.ACTIVE


class HostMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostMembership
        skip_postgeneration_save = True

    organization = factory.SubFactory(HostOrganizationFactory)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def take_role(membership, create, extracted, **kwargs):
        """PostgreSQL's trigger sets the user's role; the user object in hand learns it too."""
        membership.user.role = Role.HOST_MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; the raw token is on `.token` (only its digest is stored)."""

    class Meta:
        model = Invitation

    organization = factory.SubFactory(HostOrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, token, **kwargs):
        invitation = super()._create(model_class, *args, token_digest=token_digest(token), **kwargs)
        invitation.token = token
        return invitation


class HostInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostInterest

    organization_name = factory.Sequence(lambda n: f"Prospect {n} AB")
    contact_name = "Greta Lindahl"
    email = factory.Sequence(lambda n: f"prospect{n}@example.org")
    sector = Sector.INDUSTRY
    city = "Örebro"
    message = "We would like to host talents."


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project with seats in every period of its cohort: pass seats=(p1, p2, p3), skills=[...]."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    organization = factory.SubFactory(HostOrganizationFactory)
    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Machine learning on real data."
    description = "The talent builds and evaluates models with the team."
    supervisor_name = "Dr. Karin Ström"
    supervisor_email = "supervisor@example.org"
    city = "Gothenburg"
    status = ProjectStatus.DRAFT

    @factory.post_generation
    def seats(project, create, extracted, **kwargs):
        if not create:
            return
        counts = (1, 1, 1) if extracted is None else extracted
        for period in project.cohort.periods.all():
            count = counts[period.number - 1] if period.number <= len(counts) else 0
            ProjectSeat.objects.create(project=project, period=period, seats=count)

    @factory.post_generation
    def skills(project, create, extracted, **kwargs):
        if create and extracted:
            project.skills.set(extracted)


def pass_second_factor(page, email):
    """In a browser: if allauth asks for the second factor after the password, give it a recovery code."""
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(unused_recovery_code(User.objects.get(email=email)))
        page.locator("main form button[type=submit]").first.click()  # not the header's language switch
        page.wait_for_load_state()
