"""Everything the portal holds about one person, as plain data: the answer to a data-subject request,
downloaded by the person from their "Your data" page or printed by `manage.py export_talent_data`.

Each app describes its own rows (<app>/personal_data.py); this is where they are put together.
The export reads a fixed number of queries, whatever the number of rows.
"""

import json
import tempfile
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from blog.personal_data import author_photo_file, blog_data
from courses.personal_data import course_data, facilitator_data, participant_of_user
from eyeforai.accounts.choices import Role
from eyeforai.accounts.personal_data import account_data
from eyeforai.accounts.services import addresses_of
from eyeforai.activity.personal_data import entries_by
from eyeforai.mail.personal_data import emails_to
from hosts.personal_data import host_member_data
from rotations.personal_data import member_rotations_data, rotations_data
from talents.models import TalentProfile
from talents.personal_data import cv_files, talent_data

# In memory up to this size, then in a temporary file: a talent's export holds up to one CV
# (CV_MAX_BYTES, 5 MB) per cohort applied to.
SPOOL_BYTES = 8 * 1024 * 1024


def talent_export(profile):
    return {**talent_data(profile), **rotations_data(profile), **blog_data(profile)}


def person_export(user):
    """The whole export of a talent, a host member, a course participant or a facilitator (or anyone with
    an account) as a dict."""
    addresses = addresses_of(user)
    data = {"exported_at": timezone.now(), "account": account_data(user)}
    profile = TalentProfile.objects.filter(user=user).first()
    participant = participant_of_user(user) if profile is None else None
    if profile is not None:
        data.update({key: value for key, value in talent_export(profile).items() if key != "account"})
    elif participant is not None:  # one person, one role: a course participant
        data["course"] = course_data(participant)
    elif user.role == Role.FACILITATOR:  # the course's workshops, run for a partner organisation
        data["facilitator"] = facilitator_data(user, addresses=addresses)
    else:  # a host member (or someone who left their organisation)
        data["host"] = {**host_member_data(user, addresses=addresses), **member_rotations_data(user)}
    data["emails_received"] = emails_to(addresses)
    data["activity"] = entries_by(user)
    return data


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def export_archive(user):
    """The export as a zip: data.json, the talent's CVs under cv/ and their author photo under blog/. Returns an
    open temporary file positioned at its start (the caller streams and closes it). A file missing from disk is
    listed in data.json under "missing_files" instead of failing the whole export."""
    data = person_export(user)
    profile = TalentProfile.objects.filter(user=user).first()
    files = [*cv_files(profile), *author_photo_file(profile)] if profile else []
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by the response
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, field_file in files:
            try:
                with field_file.open("rb") as handle:
                    zipped.writestr(name, handle.read())
            except FileNotFoundError:
                missing.append(name)
        if missing:
            data["missing_files"] = missing
        zipped.writestr("data.json", as_json(data))
    archive.seek(0)
    return archive
