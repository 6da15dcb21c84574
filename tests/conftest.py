"""The cast, the browser and the workers every test can ask for.

Run through `make test`, which sets the environment (PostgreSQL, Redis, test secrets).
"""

import os
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from axe_playwright_python.sync_playwright import Axe
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from courses.bodies import ensure_public_bodies
from courses.choices import BodyKind, PartnerOrganisation
from courses.models import PublicBody
from eyeforai.accounts.choices import Role
from eyeforai.celery import app as celery_app
from tests.courses.factories import CourseManagerFactory, FacilitatorFactory, ParticipantFactory, SessionFactory
from tests.factories import HostMembershipFactory, ManagerFactory, TalentProfileFactory, UserFactory

# CI replays the same examples every run (a new random example belongs in a developer's run, not a
# landing); developers explore new ones.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop shares the thread with the ORM

# Each app's test fixtures (objects the access matrix and other tests build) live beside its tests.
# tests.hardening.summary prints the hardening figures (sweep counts, outbox fault run) after the run.
pytest_plugins = [
    "tests.talents.fixtures",
    "tests.hosts.fixtures",
    "tests.rotations.fixtures",
    "tests.portal.fixtures",
    "tests.courses.fixtures",
    "tests.blog.fixtures",
    "tests.hardening.summary",
]


def pytest_configure(config):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("The tests run on PostgreSQL: use `make test` (or set DATABASE_URL to a postgres:// URL).", 2)
    # Each xdist process has its own queue, so workers started by one never take another's tasks.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    celery_app.conf.task_default_queue = f"eyeforai-test-{worker}"
    # PBKDF2 at production strength costs ~0.3 s per user made; tests make thousands.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # pytest-django's live server answers /static/ itself from the finders, which know no hashed
    # (manifest) names; the browser tests need plain names to get the stylesheet.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _media_in_a_temporary_directory(settings, tmp_path):
    """Every uploaded or generated file of a test lands in its own directory, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _language_of_the_test_only():
    """A request in Swedish leaves Swedish active in the thread; the next test starts in the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- The cast -------------------------------------------------------------------------------
# Later apps extend these: a talent gets a TalentProfile, a host member a HostMembership.


@pytest.fixture
def talent(db):
    user = UserFactory(email="talent@example.org", first_name="Amara", last_name="Okafor")
    TalentProfileFactory(user=user)
    return user


@pytest.fixture
def other_talent(db):
    user = UserFactory(email="other.talent@example.org", first_name="Luis", last_name="Moreno")
    TalentProfileFactory(user=user, nationality="Mexican", country_of_residence="Mexico", university="UNAM")
    return user


@pytest.fixture
def host_member(host_organization):
    """A member of host_organization (tests/hosts/fixtures.py)."""
    user = UserFactory(email="member@hospital.example.org", first_name="Elin", last_name="Berg")
    HostMembershipFactory(user=user, organization=host_organization)
    return user


@pytest.fixture
def other_host_member(other_host_organization):
    """A member of another organisation: must never see host_member's objects."""
    user = UserFactory(email="member@pharma.example.org", first_name="Oskar", last_name="Nyberg")
    HostMembershipFactory(user=user, organization=other_host_organization)
    return user


class MFAClient(Client):
    """force_login() as allauth's login leaves a user who passed the TOTP stage: the session records
    an "mfa" step (allauth.mfa.base.internal.flows.post_authentication), so the admin lets them in.
    A user without an authenticator gets no such record and is sent to set one up."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp:
            session = self.session
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": time.time(), "email": user.email},
                {"method": "mfa", "at": time.time(), "id": totp.pk, "type": totp.type},
            ]
            session["account_authentication_methods_user"] = str(user.pk)  # allauth's owner key
            session.save()


@pytest.fixture
def client():
    return MFAClient()


@pytest.fixture
def manager(db):
    return ManagerFactory(email="manager@ai.se", first_name="Karin", last_name="Lindqvist")


@pytest.fixture
def participant(db):
    """A leader on the course: the course participant's role and a Participant row (one account, one role)."""
    ensure_public_bodies()  # loaded by a migration, lost if a transactional test flushed the table
    body = PublicBody.objects.get(kind=BodyKind.MUNICIPALITY, name="Sundsvall")
    user = UserFactory(
        email="leader@sundsvall.example.se", first_name="Maria", last_name="Ek", role=Role.COURSE_PARTICIPANT
    )
    return ParticipantFactory(user=user, public_body=body).user


@pytest.fixture
def other_participant(db):
    """Another leader, from another organisation: must never see `participant`'s own progress."""
    ensure_public_bodies()
    body = PublicBody.objects.get(kind=BodyKind.REGION, name="Region Uppsala")
    user = UserFactory(
        email="leader@regionuppsala.example.se", first_name="Johan", last_name="Lund", role=Role.COURSE_PARTICIPANT
    )
    return ParticipantFactory(user=user, public_body=body, title="Director").user


@pytest.fixture
def course_manager(db):
    """Staff in the "Course managers" group, with TOTP: the course's admin, nothing of the programme's."""
    return CourseManagerFactory(email="course.manager@ai.se", first_name="Sara", last_name="Holm")


@pytest.fixture
def facilitator(db):
    """A workshop facilitator for SKR: the facilitator's role and a Facilitator row (one account, one role).
    Runs no session until a test gives them one (`facilitated_session`)."""
    user = UserFactory(email="facilitator@skr.example.se", first_name="Anna", last_name="Strand", role=Role.FACILITATOR)
    return FacilitatorFactory(user=user, organisation=PartnerOrganisation.SKR).user


@pytest.fixture
def other_facilitator(db):
    """A facilitator for another partner organisation: must never see `facilitator`'s sessions."""
    user = UserFactory(
        email="facilitator@governo.example.se", first_name="Erik", last_name="Sand", role=Role.FACILITATOR
    )
    return FacilitatorFactory(user=user, organisation=PartnerOrganisation.GOVERNO).user


@pytest.fixture
def facilitated_session(facilitator):
    """An upcoming digital session `facilitator` runs (alone)."""
    session = SessionFactory(organisation=PartnerOrganisation.SKR)
    session.facilitators.add(facilitator.course_facilitator)
    return session


@pytest.fixture
def other_facilitated_session(other_facilitator):
    """An upcoming digital session `other_facilitator` runs (alone)."""
    session = SessionFactory(organisation=PartnerOrganisation.GOVERNO)
    session.facilitators.add(other_facilitator.course_facilitator)
    return session


@pytest.fixture
def client_for(client, request):
    """client_for("talent") -> a test client signed in as that fixture's user (or anonymous)."""

    def sign_in(role):
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


# --- Workers and mail servers -----------------------------------------------------------------


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on Redis, in a thread of this process (so it sees the test database)."""
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


# --- The browser --------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def assert_accessible():
    """assert_accessible(page): axe-core finds no violations on the page as it is now."""
    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
