"""What rotations shows on the talent's and the host member's dashboards (portal/dashboards.py)."""

from django.utils import timezone

from rotations.choices import PlacementStatus
from rotations.services import preferences
from rotations.services.calendars import existing_feed, feed_address
from rotations.services.hiring import last_period_has_begun
from rotations.services.schedules import feedback_due, host_talents, talent_schedule

# Placements whose talent the host may say it would like to hire (the cohort's last period has begun).
HIRING_STATUSES = (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED)


def talent_schedule_context(user, *, talent, applications, application, today):
    """What the talent's overview shows of rotations, in a fixed number of queries per state.

    `applications` are the talent's applications loaded with cohort and periods, `application` the
    accepted one the overview is about. Returns the placements (and the one running today), the private
    calendar address, the ranking of the cohort being matched with the talent's progress, the placements
    whose feedback is due, and whether hiring interest is open (from the last period to the cohort's end).
    """
    placements = talent_schedule(talent)
    feed = existing_feed(user=user)
    return {
        "placements": placements,
        "current": next((p for p in placements if p.starts_on <= today <= p.ends_on), None),
        "calendar_feed": feed,
        "calendar_address": feed_address(feed) if feed else None,
        "ranking": _ranking(talent, preferences.matching_cohort_among(applications)),
        "feedback_due": feedback_due(talent, placements, today=today),
        **_hiring(application, placements, today=today),
    }


def _ranking(talent, cohort):
    if cohort is None:
        return None
    ranked, total = preferences.ranking_progress(talent, cohort)
    return {
        "cohort": cohort,
        "is_open": preferences.window_is_open(cohort),
        "closed": cohort.preference_deadline is not None and timezone.now() >= cohort.preference_deadline,
        "deadline": cohort.preference_deadline,
        "ranked": ranked,
        "total": total,
    }


def _hiring(application, placements, *, today):
    """Hiring interest opens with the cohort's last period (see mark_hiring_interest); the overview
    points to it from then until the cohort's end."""
    if application is None or not placements:
        return {"hiring_open": False, "hiring_until": None}
    cohort = application.cohort
    periods = list(cohort.periods.all())  # prefetched with the applications
    return {
        "hiring_open": last_period_has_begun(cohort, today),
        "hiring_until": max((period.ends_on for period in periods), default=None),
    }


def host_talents_context(organization, *, today):
    """Talents placed with the organisation (host_talents: proposed ones only while the plan is shared); its
    projects that rank talents now, each with `ranked` and `accepted` ("3 of 8 talents ranked") and the
    cohort's deadline; and `steps`, what the host's overview asks of its members now (rank, give feedback,
    say whom they would hire), in a fixed number of queries."""
    projects = [
        project
        for project in preferences.approved_projects_of(organization)
        if preferences.window_is_open(project.cohort)
    ]
    preferences.add_host_ranking_progress(projects)
    section = host_talents(organization, today=today)
    return {**section, "ranking_projects": projects, "steps": _host_steps(section["rows"])}


def _host_steps(rows):
    """What the rows ask of the host now: feedback forms that are open, hiring interest in the last period."""
    steps = []
    for row in rows:
        placement = row["placement"]
        if row["feedback_open"]:
            steps.append({"kind": "feedback", "placement": placement})
        elif row["hiring_open"] and not row["interested"] and placement.status in HIRING_STATUSES:
            steps.append({"kind": "hiring", "placement": placement})
    return steps
