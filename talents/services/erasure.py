"""The talents app's part of erasing a person (the whole erasure: portal/erasure.py)."""

from django.db import transaction

from eyeforai.activity.services import record
from talents import application_page, days_page
from talents.models import Absence, Application, CVDownload, DayLog

# What identifies a talent on their profile; the profile row itself stays when the programme's
# records (placements, outcomes, an accepted application) point at it.
PROFILE_TEXT = [
    "nationality",
    "country_of_residence",
    "degree",
    "degree_field",
    "university",
    "bio",
    "linkedin_url",
    "github_url",
    "website_url",
]
# The applicant's own words and the managers' notes about them.
APPLICATION_TEXT = ["motivation", "why_sweden", "availability_note", "manager_notes"]


@transaction.atomic
def erase_talent(profile, *, kept_elsewhere):
    """Erase a talent's own data: CV files (deleted from disk after commit), the log of who downloaded
    them, day logs, absences and draft applications go. The profile and the other applications stay,
    emptied of everything personal, when something the programme must keep points at them
    (`kept_elsewhere`: rotations says so for placements and outcomes; an accepted application
    counts too), so the cohort's numbers hold; otherwise the profile and its applications are deleted.

    Side effects: the activity entry "talentprofile.erased" (no personal data) when the profile stays;
    the talent's days page and application page leave the cache, now and again after commit.
    Returns the profile, or None when it was deleted.
    """
    applications = Application.objects.filter(talent=profile)
    storage = Application._meta.get_field("cv").storage
    cv_names = list(applications.exclude(cv="").values_list("cv", flat=True))
    transaction.on_commit(lambda: [storage.delete(name) for name in cv_names], robust=True)
    # Deleted rows' files would go by talents.signals.delete_cv_file too; emptied ones need this
    # (deleting a file twice is harmless).
    DayLog.objects.filter(talent=profile).delete()
    Absence.objects.filter(talent=profile).delete()
    CVDownload.objects.filter(application__talent=profile).delete()
    # After the deletes above, which start a new generation; after commit too, so a copy built from the
    # rows read before it is not left behind.
    days_page.forget_talent(profile.pk)
    application_page.forget_talent(profile.pk)
    if not (kept_elsewhere or applications.accepted().exists()):
        profile.delete()  # its applications and their stage history go with it
        return None
    applications.drafts().delete()
    applications.update(cv="", cv_uploaded_at=None, **dict.fromkeys(APPLICATION_TEXT, ""))
    for field in PROFILE_TEXT:
        setattr(profile, field, "")
    profile.graduation_year = None
    profile.save()
    profile.skills.clear()
    record(profile, "talentprofile.erased", by=None)
    return profile


def forget_reader(user):
    """Downloads of talents' CVs made by `user` (a host member or manager being erased) stay in the
    talents' "who opened my CV" lists, by kind of reader and organisation, without naming them."""
    return CVDownload.objects.filter(by=user).update(by=None)
