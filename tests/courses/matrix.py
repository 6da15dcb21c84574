"""Who gets what on each course URL (merged into tests/test_access_matrix.py).

The course page and a statement's verification are public. Joining starts at sign-up for anonymous
visitors; a talent or host member is told why this account cannot join (409: the account holds another
role). A participant's pages (their overview, the lessons and their images, their statement) are for
participants only: anyone else signed in gets a 404. Lessons and their images are the course's shared
content, so the other participant reads them too; lesson images are also for course managers (who put
them in lessons). The course's admin is the course managers'; a programme manager holds no grant there.
"""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, SIGNUP, Expect, course_managers_only, public

REDIRECT = 302
OTHER_ROLE = 409  # courses/views/joining.py: "this account is a talent's / a host member's"


def participants_only(**overrides):
    answers = {
        "anonymous": LOGIN,
        "talent": NOT_FOUND,
        "other_talent": NOT_FOUND,
        "host_member": NOT_FOUND,
        "other_host_member": NOT_FOUND,
        "manager": NOT_FOUND,
        "participant": OK,
        "other_participant": OK,
        "course_manager": NOT_FOUND,
    }
    return Expect(**{**answers, **overrides})


def statement_url(fixture):
    """`participant` has completed part 1; `other_participant` has not."""
    fixture("completed_participant")
    return reverse("courses:statement")


def verify_url(fixture):
    code = fixture("completed_participant").course_participant.certificate_code
    return reverse("courses:verify", args=[code])


ENTRIES = {
    "courses:course": public(),
    "courses:join": Expect(
        anonymous=SIGNUP,
        talent=OTHER_ROLE,
        other_talent=OTHER_ROLE,
        host_member=OTHER_ROLE,
        other_host_member=OTHER_ROLE,
        manager=OTHER_ROLE,  # staff work in the admin; their account is not a leader's
        participant=REDIRECT,  # on to /course/me/
        other_participant=REDIRECT,
        course_manager=OTHER_ROLE,
    ),
    "courses:overview": participants_only(),
    "courses:lesson": participants_only(
        url=lambda fixture: reverse("courses:lesson", args=[fixture("course_lesson").uuid])
    ),
    "courses:image": participants_only(
        course_manager=OK,
        url=lambda fixture: reverse("courses:image", args=[fixture("course_lesson_image").uuid]),
    ),
    # Before part 1 is complete the overview says when the statement will be ready.
    "courses:statement": participants_only(other_participant=REDIRECT, url=statement_url),
    "courses:verify": public(url=verify_url),
    "admin:courses_participant_changelist": course_managers_only(),
    "admin:courses_participant_export": course_managers_only(),
}
