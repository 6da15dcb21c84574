"""How the apps are wired: ready() only connects signals, beat's schedule is one literal, demo data
stays off production."""

import ast
import inspect
import textwrap

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from eyeforai.celery import app as celery_app

OUR_PACKAGES = ("eyeforai", "talents", "hosts", "rotations", "portal")


def _our_app_configs():
    return [config for config in apps.get_app_configs() if config.name.split(".")[0] in OUR_PACKAGES]


@pytest.mark.parametrize("config", _our_app_configs(), ids=lambda config: config.name)
def test_ready_only_imports_signal_receivers(config):
    ready = type(config).__dict__.get("ready")
    if ready is None:
        return  # nothing to connect
    tree = ast.parse(textwrap.dedent(inspect.getsource(ready)))
    body = tree.body[0].body
    body = body[1:] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body
    assert body, f"{config.name}.ready() is empty: drop it"
    for statement in body:
        assert isinstance(statement, ast.ImportFrom), f"{config.name}.ready() does more than import receivers"
        # Signal receivers, or system checks (registered on import, as Django's docs recommend).
        assert all(alias.name in {"signals", "checks"} for alias in statement.names), ast.unparse(statement)


def test_every_beat_entry_runs_a_registered_task():
    celery_app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {
        "mail.redispatch_waiting_emails",
        "talents.send_daylog_reminders",
        "talents.send_draft_reminders",
        "rotations.advance_placements",
        "rotations.send_placement_reminders",
        "rotations.send_preference_reminders",
        "courses.nudge_quiet_participants",
        "courses.expire_offers",
        "courses.send_workshop_reminders",
        "blog.publish_scheduled_posts",
        "talents.delete_expired_cvs",
        "mail.discard_old_bodies",
        "portal.erase_overdue_accounts",
    }
    assert names <= set(celery_app.tasks)


def test_seed_demo_refuses_to_run_with_debug_off(db):
    with pytest.raises(CommandError, match="runs only with DEBUG=true"):
        call_command("seed_demo", "--quiet")
    assert not get_user_model().objects.exists()


def test_seed_demo_runs_with_debug_off_when_asked_explicitly(db):
    call_command("seed_demo", "--allow-without-debug", "--quiet")
    assert get_user_model().objects.filter(is_staff=True).exists()


def test_seed_demo_runs_with_debug_on(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    assert get_user_model().objects.filter(is_staff=True).exists()
