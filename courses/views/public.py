"""/course/: the public page of "AI for leaders in the public sector"."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from courses.access import is_participant
from courses.progress_to_goal import goal_progress, part_one_length
from courses.road_to_800 import public_reach
from courses.session_facts import facts_maker
from courses.views.workshops import DIGITAL, upcoming_sessions

# Who is reading, for the page's one "Sign up" action.
ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
OTHER_ROLE = "other_role"  # a talent or host member: one account, one role
NOT_JOINED = "not_joined"  # signed in, no role yet: joining is one form away


def visitor(user):
    if not user.is_authenticated:
        return ANONYMOUS
    if is_participant(user):
        return PARTICIPANT
    if user.role:
        return OTHER_ROLE
    return NOT_JOINED


@require_safe
def course_page(request):
    """What the course is, its two parts, who it is for, the partners, progress toward the goal, and the
    upcoming workshops (no meeting links: those are for the people booked). A fixed number of queries
    (two counts, the reach by municipality and region, the sessions), whatever the number of participants,
    lessons and sessions."""
    listing = upcoming_sessions(request.GET.get("region", ""))
    facts = facts_maker()
    return render(
        request,
        "courses/course.html",
        {
            "progress": goal_progress(),
            "reach": public_reach(),
            "part_one": part_one_length(),
            "listing": listing,
            "cards": [facts(session) for session in listing.sessions],
            "digital": DIGITAL,
            "visitor": visitor(request.user),
        },
    )
