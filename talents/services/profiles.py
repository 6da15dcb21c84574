from django.db import transaction

from eyeforai.accounts.choices import Role
from eyeforai.accounts.services import take_role
from eyeforai.activity.services import record
from talents.models import TalentProfile


@transaction.atomic
def create_profile(user):
    """Make `user` a talent: an empty TalentProfile they fill in on /talent/profile/. Idempotent.

    Called when the person signs up, so they are the actor of the activity entry. Refused
    (ValidationError, code "other_role") when the user holds another role, a host membership:
    one person, one role (take_role; PostgreSQL refuses it too).
    """
    take_role(user, Role.TALENT, by=user)
    profile, created = TalentProfile.objects.get_or_create(user=user)
    if created:
        record(profile, "talentprofile.created", by=user)
    return profile


@transaction.atomic
def save_profile(profile, *, data, skills, by):
    """Store the profile form: names on the User, the rest on the TalentProfile. No email."""
    user = profile.user
    user.first_name = data["first_name"]
    user.last_name = data["last_name"]
    user.save(update_fields=["first_name", "last_name"])
    for name, value in data.items():
        if name not in {"first_name", "last_name", "skills"}:
            setattr(profile, name, value)
    profile.save()
    profile.skills.set(skills)
    record(profile, "talentprofile.saved", by=by)
    return profile
