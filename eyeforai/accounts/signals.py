from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from eyeforai.accounts.language import supported
from eyeforai.accounts.permissions import sync_course_managers_group, sync_programme_managers_group


@receiver(post_migrate, dispatch_uid="accounts.sync_programme_managers")
def grant_programme_managers(sender, using="default", **kwargs):
    """Both manager groups (eyeforai/accounts/permissions.py) get their grants for the app that just migrated."""
    sync_programme_managers_group(sender, using=using)
    sync_course_managers_group(sender, using=using)


@receiver(user_logged_in, dispatch_uid="accounts.language_on_sign_in")
def keep_the_language_of_a_first_sign_in(sender, request, user, **kwargs):
    """An account from before languages were kept (User.language blank) takes the language its owner
    signs in with, so their emails stop defaulting to English; a stored choice is never overwritten."""
    # The language of the request that signed in (LocaleMiddleware's: cookie or Accept-Language); a
    # sign-in made outside a request (a test's force_login, a script) has none and stores nothing.
    language = supported(getattr(request, "LANGUAGE_CODE", None))
    if not user.language and language:
        user.language = language
        user.save(update_fields=["language"])
