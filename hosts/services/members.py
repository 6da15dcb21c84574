"""What a host member changes about themselves."""

import unicodedata

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eyeforai.activity.services import record


@transaction.atomic
def set_member_name(user, *, first_name, last_name, by):
    """Set the name a host member is shown by (the organisation's member list, emails to them).

    Refused without a first name, and for a name holding control characters (they would reach email
    greetings and the member list), with the message on the field. Side effects: the user's first and
    last name; the activity entry "user.name_changed" with the former name. No email.
    """
    first_name, last_name = " ".join(first_name.split()), " ".join(last_name.split())
    if not first_name:
        raise ValidationError({"first_name": _("Enter your first name.")})
    errors = {
        field: _("Use letters, spaces and punctuation only: this name holds a control character.")
        for field, value in (("first_name", first_name), ("last_name", last_name))
        if any(unicodedata.category(character) == "Cc" for character in value)
    }
    if errors:
        raise ValidationError(errors)
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    former = locked.get_full_name()
    if (locked.first_name, locked.last_name) == (first_name, last_name):
        return user
    get_user_model().objects.filter(pk=user.pk).update(first_name=first_name, last_name=last_name)
    user.first_name, user.last_name = first_name, last_name
    record(user, "user.name_changed", by=by, note=_("Formerly: %(name)s") % {"name": former or "—"})
    return user
