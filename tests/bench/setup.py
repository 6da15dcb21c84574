"""The benchmark's own database, seeded at scale, and signed-in sessions for each role."""

import subprocess
import sys
from importlib import import_module
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

MANAGE = [sys.executable, "manage.py"]


def recreate_database(url, *, drop_only=False):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def prepare(env, *, scale, cwd):
    """migrate, collectstatic, seed_demo --scale (DEBUG is off: --allow-without-debug) and ANALYZE."""
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["seed_demo", "--allow-without-debug", "--quiet", "--scale", str(scale)],
    ):
        subprocess.run([*MANAGE, *command], env=env, cwd=cwd, check=True)
    # Fresh statistics, as autovacuum would have gathered on a live database: without them the planner
    # guesses a few hundred rows per cohort and combines two indexes where one suffices.
    subprocess.run([*MANAGE, "dbshell", "--", "-qc", "VACUUM ANALYZE"], env=env, cwd=cwd, check=True)


def signed_in_cookies():
    """{role: Cookie header} for the demo people, as a completed sign-in would leave the session.

    The manager's session also records the TOTP step allauth's login stage writes, because the admin
    requires it (eyeforai/accounts/mfa.py). Call after django.setup() on the benchmark database.
    """
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: PLC0415
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: PLC0415

    from hosts.models import HostMembership  # noqa: PLC0415
    from talents.models import Application  # noqa: PLC0415

    users = {
        "talent": Application.objects.accepted().in_running_cohorts().order_by("pk").first().talent.user,
        "host member": HostMembership.objects.filter(organization__slug="vasterstrand-university-hospital")
        .order_by("pk")
        .first()
        .user,
        "manager": get_user_model().objects.get(email="karin.lindqvist@ai.se"),
    }
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = {"anonymous": ""}
    for role, user in users.items():
        session = store_class()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp:
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": 0, "email": user.email},
                {"method": "mfa", "at": 0, "id": totp.pk, "type": totp.type},
            ]
            session["account_authentication_methods_user"] = str(user.pk)
        session.create()
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies


def board_path():
    from django.urls import reverse  # noqa: PLC0415

    from eyeforai.programme.choices import CohortStatus  # noqa: PLC0415
    from eyeforai.programme.models import Cohort  # noqa: PLC0415

    cohort = Cohort.objects.filter(status=CohortStatus.RUNNING).order_by("-starts_on").first()
    return reverse("admin:rotations_board", args=[cohort.slug])


def project_page_path():
    """The public page of the first public project (by title) in the seeded programme."""
    from django.urls import reverse  # noqa: PLC0415

    from hosts.models import Project  # noqa: PLC0415

    project = Project.objects.public().select_related("organization").order_by("title").first()
    return reverse("portal:project_page", args=[project.organization.slug, project.uuid])


def host_page_path():
    """The public page of the host organisation of that project."""
    from django.urls import reverse  # noqa: PLC0415

    from hosts.models import Project  # noqa: PLC0415

    project = Project.objects.public().select_related("organization").order_by("title").first()
    return reverse("portal:host_page", args=[project.organization.slug])
