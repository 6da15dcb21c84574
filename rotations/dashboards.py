"""What rotations shows on the talent's and the host member's dashboards (portal/dashboards.py)."""

from rotations.services import preferences
from rotations.services.calendars import existing_feed, feed_address
from rotations.services.schedules import host_talents, talent_schedule


def talent_schedule_context(user, *, talent):
    """The talent's placements, their private calendar address, and the cohort to rank if matching."""
    cohort = preferences.matching_cohort_for(talent)
    feed = existing_feed(user=user)
    return {
        "placements": talent_schedule(talent),
        "calendar_feed": feed,
        "calendar_address": feed_address(feed) if feed else None,
        "ranking_cohort": cohort if cohort and preferences.window_is_open(cohort) else None,
    }


def host_talents_context(organization, *, today):
    """Talents placed or proposed with the organisation, and its projects that rank talents now."""
    projects = [
        project
        for project in preferences.approved_projects_of(organization)
        if preferences.window_is_open(project.cohort)
    ]
    return {**host_talents(organization, today=today), "ranking_projects": projects}
