"""The signed-in person, with the object of the role they hold, kept between requests until it changes.

Every signed-in page asks who the person is (the session's user) and which role they hold (the
navigation, the role decorators, the page itself). The role lives on `User.role`; its object (a
talent profile, a host membership and its organisation, a course participant or facilitator) comes
joined to the same row, so `talents.access.is_talent`, `hosts.access.membership_for` and
`courses.access.participant_of` read what is already loaded.

Building that query costs more CPU than the rest of the session and authentication together, so the
loaded person is kept in the cache under a generation (eyeforai/write_watch.py): any write to the user
table or a role object's table starts a new one, so a password changed, an account deactivated, a
role granted or withdrawn shows on the next request, in every process. KEEP_SECONDS bounds a copy's
life for writes made outside Django. Only what the query loaded is kept (the copy is stored before
anything else is read through it, so no permission cache rides along), and it is deleted when the
person is erased. With the cache down, the person is loaded from the database on every request.

Their permissions (Django's "app_label.codename" set, two queries, which every admin page asks for)
are kept beside the copy under the same generation, which the permission tables start too: a group
joined or left, a permission granted or withdrawn, a group's permissions changed show on the next
request. They are read in the same round trip as the person.

It lives in the top layer because it names every app's role object.
"""

import logging
from functools import cache as cache_result

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from courses.models import Participant
from eyeforai import write_watch

logger = logging.getLogger(__name__)

# Reverse one-to-one relations: a person without one has it cached as missing, so asking costs no query.
ROLE_OBJECTS = ("talent_profile", "host_membership__organization", "course_participant", "course_facilitator")

GENERATION_KEY = "signed-in:generation"
KEEP_SECONDS = 300


@cache_result
def role_tables():
    """The tables the signed-in person is loaded from: the user's and each role object's."""
    tables = set()
    for path in ROLE_OBJECTS:
        model = get_user_model()
        tables.add(model._meta.db_table)
        for name in path.split("__"):
            model = model._meta.get_field(name).related_model
            tables.add(model._meta.db_table)
    return frozenset(tables)


@cache_result
def unread_columns():
    """Columns of those tables written often and read from the kept person only to decide whether to write
    them again (Participant.BUSY_COLUMNS: a participant's last progress and nudge). Setting only these
    starts no new generation, so the course's busy hours do not reload every signed-in person; a kept
    value up to KEEP_SECONDS old costs at most an UPDATE whose WHERE then matches no row."""
    return {Participant._meta.db_table: Participant.BUSY_COLUMNS}


@cache_result
def permission_tables():
    """The tables Django reads a person's permissions from: their groups, their own permissions,
    the groups' permissions, the permissions and their apps (and the user's row: active, superuser)."""
    user = get_user_model()
    models = (
        user,
        user.groups.through,
        user.user_permissions.through,
        Group,
        Group.permissions.through,
        Permission,
        ContentType,
    )
    return frozenset(model._meta.db_table for model in models)


@cache_result
def kept_tables():
    """What a write to starts a new generation of the kept people and their permissions."""
    return role_tables() | permission_tables()


def _key(user_id):
    return f"signed-in:{user_id}"


def _permissions_key(user_id):
    return f"signed-in-permissions:{user_id}"


def _load(user_id):
    try:
        return get_user_model()._default_manager.select_related(*ROLE_OBJECTS).get(pk=user_id)
    except get_user_model().DoesNotExist:
        return None


def _kept_or_loaded(user_id):
    key, permissions_key = _key(user_id), _permissions_key(user_id)
    try:
        found = cache.get_many([GENERATION_KEY, key, permissions_key])
        generation = write_watch.current_generation(found, GENERATION_KEY)
    except Exception:
        # Whatever the backend raises (refused, timed out): the person is still loaded, only not kept.
        logger.exception("Could not read the signed-in person from the cache; loading from the database")
        return _load(user_id)
    copy = found.get(key)
    if copy is not None and copy[0] == generation:
        user = copy[1]
    else:
        user = _load(user_id)
        if user is None:
            return None
        try:
            cache.set(key, (generation, user), timeout=KEEP_SECONDS)
        except Exception:
            logger.exception("Could not keep the signed-in person in the cache")
    # Set after the copy is stored, so it never rides along in it. SignedInUserBackend reads it.
    permissions = found.get(permissions_key)
    user._kept_permissions = (generation, permissions[1] if permissions and permissions[0] == generation else None)
    return user


def forget_person(user_id):
    """Delete the person's kept copy (their account is being erased: it holds their name and email), now
    and after commit (write_watch.forget)."""
    write_watch.forget([_key(user_id), _permissions_key(user_id)])


class SignedInUserBackend(AuthenticationBackend):
    """allauth's backend (sign-in by email and password), loading the session's user with its role object."""

    def get_user(self, user_id):
        user = _kept_or_loaded(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """Django's, kept between requests with the person (see the module's docstring)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or hasattr(user_obj, "_perm_cache"):
            return super().get_all_permissions(user_obj, obj)
        generation, permissions = getattr(user_obj, "_kept_permissions", (None, None))
        if permissions is not None:
            user_obj._perm_cache = permissions  # where Django's backend keeps them for the request
            return permissions
        permissions = super().get_all_permissions(user_obj, obj)
        if generation is not None:
            try:
                cache.set(_permissions_key(user_obj.pk), (generation, permissions), timeout=KEEP_SECONDS)
            except Exception:
                logger.exception("Could not keep the signed-in person's permissions in the cache")
        return permissions
