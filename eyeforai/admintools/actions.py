"""The one loop behind every admin action and tool that runs a service over several rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction


def run_service(model_admin, request, rows, service, success, **kwargs):
    """Call `service(row, by=request.user, **kwargs)` on each row, each in its own transaction.

    A refusal (ValidationError) becomes an error message naming the row and leaves the other rows
    done; never a 500. `success` is the message for the rows done: a string with `%(count)d`, or a
    function of the count (for ngettext). Returns how many rows were done.
    """
    done = 0
    for row in rows:
        try:
            with transaction.atomic():
                service(row, by=request.user, **kwargs)
        except ValidationError as error:
            model_admin.message_user(request, f"{row}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        text = success(done) if callable(success) else success % {"count": done}
        model_admin.message_user(request, text, messages.SUCCESS)
    return done
