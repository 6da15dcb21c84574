"""Joining the course: one function, with its side effects in its docstring."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Lesson, Participant
from eyeforai.accounts.choices import Role
from eyeforai.accounts.services import take_role
from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email


@transaction.atomic
def join_course(user, *, first_name, last_name, title, role, public_body, other_organisation, by):
    """Make `user` a course participant: names on the User, the rest on a new Participant.

    `public_body` (a listed PublicBody) or `other_organisation` (a typed name), not both, not neither.
    Refused (ValidationError) when the user already takes part in the portal as a talent or host member
    (take_role, code "other_role") or has joined already (code "joined"). Side effects: the role
    "course_participant" on the user; the welcome email with the first lesson, in the user's language;
    the activity entry "participant.joined".
    """
    if bool(public_body) == bool(other_organisation.strip()):
        raise ValidationError(
            {"public_body": _("Choose your organisation from the list, or name it under “other public organisation”.")}
        )
    # The role first: take_role locks the user's row, so a second post of the same form waits here and then
    # finds the Participant the first one made (code "joined") instead of failing on its unique user.
    take_role(user, Role.COURSE_PARTICIPANT, by=by)
    if Participant.objects.filter(user=user).exists():
        raise ValidationError(_("You have already joined the course."), code="joined")
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    participant = Participant.objects.create(
        user=user,
        title=title,
        role=role,
        public_body=public_body,
        other_organisation="" if public_body else other_organisation.strip(),
    )
    first = Lesson.objects.published().first()
    queue_email(
        key=f"course-welcome:{participant.uuid}",
        to=user.email,
        template="courses/welcome",
        context={
            "name": first_name,
            "first_lesson": first,
            "lesson_path": reverse("courses:lesson", args=[first.uuid]) if first else reverse("courses:overview"),
        },
    )
    record(participant, "participant.joined", by=by)
    return participant
