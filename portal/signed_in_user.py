"""The signed-in person, with the object of the role they hold, in one query per request.

Every signed-in page asks who the person is (the session's user) and which role they hold (the
navigation, the role decorators, the page itself). The role lives on `User.role`; its object (a
talent profile, a host membership and its organisation, a course participant or facilitator) comes
joined to the same row, so `talents.access.is_talent`, `hosts.access.membership_for` and
`courses.access.participant_of` read what is already loaded. A role that changes takes effect on
the next request: nothing is kept between requests but the session's user id.

It lives in the top layer because it names every app's role object.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model

# Reverse one-to-one relations: a person without one has it cached as missing, so asking costs no query.
ROLE_OBJECTS = ("talent_profile", "host_membership__organization", "course_participant", "course_facilitator")


class SignedInUserBackend(AuthenticationBackend):
    """allauth's backend (sign-in by email and password), loading the session's user with its role object."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related(*ROLE_OBJECTS).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
