"""End-of-placement evaluations: one per side per placement, from 14 days before the end."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from rotations.models import Evaluation

RATING_FIELDS = ["project_rating", "support_rating", "growth_rating"]


@transaction.atomic
def submit_evaluation(placement, *, side, author, ratings, comments=""):
    """Record one side's feedback. Refused before the window opens, for a cancelled or proposed
    placement, and a second time for the same side. No email: managers read them in the admin."""
    if not placement.feedback_is_open():
        raise ValidationError(
            _("Feedback opens on %(date)s, two weeks before the placement ends.")
            % {"date": formats.date_format(placement.feedback_opens_on)}
        )
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                placement=placement, side=side, author=author, comments=comments.strip(), **ratings
            )
    except IntegrityError as error:
        raise ValidationError(_("Feedback for this placement has already been given.")) from error
    record(evaluation, "evaluation.submitted", by=author)
    return evaluation
