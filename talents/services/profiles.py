from django.db import transaction

from talents.models import TalentProfile


def create_profile(user):
    """Make `user` a talent: an empty TalentProfile they fill in on /talent/profile/. Idempotent."""
    profile, _created = TalentProfile.objects.get_or_create(user=user)
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
    return profile
