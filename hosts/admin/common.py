from django.contrib import messages
from django.core.exceptions import ValidationError


def run_service(model_admin, request, queryset, service, success, **kwargs):
    """Call `service(obj, by=user)` on each selected row; refusals become messages, never a 500."""
    done = 0
    for obj in queryset:
        try:
            service(obj, by=request.user, **kwargs)
        except ValidationError as error:
            model_admin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        model_admin.message_user(request, success % {"count": done}, messages.SUCCESS)
    return done
