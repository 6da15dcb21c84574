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
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from courses.demo import DEMO_PARTICIPANT  # noqa: PLC0415
    from courses.models import Facilitator  # noqa: PLC0415
    from hosts.models import HostMembership  # noqa: PLC0415
    from talents.models import Application  # noqa: PLC0415

    users = {
        "talent": Application.objects.accepted().in_running_cohorts().order_by("pk").first().talent.user,
        "host member": HostMembership.objects.filter(organization__slug="vasterstrand-university-hospital")
        .order_by("pk")
        .first()
        .user,
        "manager": get_user_model().objects.get(email="karin.lindqvist@ai.se"),
        "participant": get_user_model().objects.get(email=DEMO_PARTICIPANT),
        "facilitator": Facilitator.objects.select_related("user").order_by("pk").first().user,
    }
    cookies = {"anonymous": ""}
    for role, user in users.items():
        cookies[role] = session_cookie(user)
    return cookies


def session_cookie(user, csrf_secret=None):
    """The Cookie header of a new signed-in session for `user` (with the TOTP step when they have one), and
    the CSRF cookie a browser holds from the sign-in form: without it every page with a form (the header's
    sign-out) would make a new CSRF secret and set its cookie, which no signed-in browser asks for."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: PLC0415
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: PLC0415
    from django.utils.crypto import get_random_string  # noqa: PLC0415

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp:
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": 0, "email": user.email},
            {"method": "mfa", "at": 0, "id": totp.pk, "type": totp.type},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
    session.create()
    csrf = csrf_secret or get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def lesson_path():
    """The lesson the demo participant is on (the first they have not passed)."""
    from django.urls import reverse  # noqa: PLC0415

    from courses.demo import DEMO_PARTICIPANT  # noqa: PLC0415
    from courses.models import Lesson, LessonProgress  # noqa: PLC0415

    passed = LessonProgress.objects.filter(participant__user__email=DEMO_PARTICIPANT, passed_at__isnull=False)
    lesson = Lesson.objects.published().exclude(pk__in=passed.values("lesson")).first()
    return reverse("courses:lesson", args=[lesson.uuid])


def knowledge_check_posts(path, count):
    """What answering the check of the lesson at `path` takes, for `count` different participants (a
    crowd answering, not one person's row locked `count` times over): their Cookie headers, each with
    the same CSRF cookie, and the form body (every question answered right, with that CSRF token)."""
    from urllib.parse import urlencode  # noqa: PLC0415

    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: PLC0415
    from django.urls import resolve  # noqa: PLC0415
    from django.utils.crypto import get_random_string  # noqa: PLC0415

    from courses.checkforms import field_name  # noqa: PLC0415
    from courses.models import Lesson, Participant  # noqa: PLC0415

    lesson = Lesson.objects.get(uuid=resolve(path).kwargs["uuid"])
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    fields = [("csrfmiddlewaretoken", csrf)]
    for question in lesson.questions.prefetch_related("choices"):
        fields += [(field_name(question), str(choice.uuid)) for choice in question.choices.all() if choice.correct]
    participants = Participant.objects.select_related("user").order_by("pk")[:count]
    cookies = [session_cookie(p.user, csrf) for p in participants]
    return cookies, urlencode(fields)


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


def blog_post_path():
    """The public page of the newest published demo post."""
    from blog.models import Post  # noqa: PLC0415

    return Post.objects.published().first().get_absolute_url()


def _most_posted(queryset, posts):
    """The row of `queryset` with the most published posts (through the relation `posts`): its blog page is the
    fullest of its kind, as a reader following the busiest topic, host or author would see it."""
    from django.db.models import Count, Q  # noqa: PLC0415

    from blog.choices import PostStatus  # noqa: PLC0415

    published = Count(posts, filter=Q(**{f"{posts}__status": PostStatus.PUBLISHED}))
    return queryset.annotate(published=published).order_by("-published", "pk").first()


def blog_tag_path():
    """The blog's page of the tag most published demo posts carry."""
    from blog.models import Tag  # noqa: PLC0415

    return _most_posted(Tag.objects.all(), "posts").get_absolute_url()


def blog_host_path():
    """The blog's page of the active host organisation most published demo posts name."""
    from django.urls import reverse  # noqa: PLC0415

    from hosts.models import HostOrganization  # noqa: PLC0415

    organization = _most_posted(HostOrganization.objects.active(), "blog_posts")
    return reverse("blog:host", args=[organization.slug])


def blog_author_path():
    """The author page of the demo talent with the most published posts who shows their name."""
    from blog.models import AuthorPage  # noqa: PLC0415

    author_pages = AuthorPage.objects.filter(show_name=True)
    return _most_posted(author_pages, "talent__blog_authorships__post").get_absolute_url()
