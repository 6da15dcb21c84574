from allauth.account.signals import user_signed_up
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from eyeforai import write_watch
from eyeforai.accounts.signup import signup_role
from talents import application_page, days_page
from talents.models import Application
from talents.services.profiles import create_profile


@receiver(user_signed_up, dispatch_uid="talents.profile_on_signup")
def profile_on_signup(sender, request, user, **kwargs):
    """The public sign-up is the talent's: "Apply: create an account". Staff are made in the admin,
    and people invited to a host organisation sign up from their invitation (eyeforai/accounts/signup.py).
    Someone who already holds a role keeps it: one person, one role."""
    if not user.is_staff and not user.role and signup_role(request) is None:
        create_profile(user)


@receiver(post_delete, sender=Application, dispatch_uid="talents.delete_cv_file")
def delete_cv_file(sender, instance, **kwargs):
    """A deleted application takes its CV file with it, whatever deleted it (the admin, a cascade
    from a profile or a user, erasure), once the deletion is committed: a rollback keeps the file."""
    if instance.cv:
        storage, name = instance.cv.storage, instance.cv.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)


# The days page's copies end with any write to the tables it reads, bulk and QuerySet writes included.
write_watch.watch(days_page.GENERATION_KEY, days_page.read_tables)
write_watch.watch(application_page.GENERATION_KEY, application_page.read_tables, write_watch.sign_in_columns)
