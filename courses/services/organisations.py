"""A course manager puts a participant's typed "other public organisation" under a listed public body."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import Participant
from eyeforai.activity.services import record


@transaction.atomic
def map_organisation(participant, public_body, *, by):
    """Make `public_body` the organisation of `participant` and clear their typed other organisation.

    Refused (ValidationError on "public_body") without a body. Side effects: the activity entry
    "participant.organisation_mapped", noting the name the participant had typed (if any).
    """
    if public_body is None:
        raise ValidationError({"public_body": _("Choose the public body this participant works for.")})
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    typed = participant.other_organisation
    participant.public_body = public_body
    participant.other_organisation = ""
    participant.save(update_fields=["public_body", "other_organisation"])
    record(participant, "participant.organisation_mapped", by=by, to_state=public_body.name, note=typed)
    return participant
