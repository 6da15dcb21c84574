"""Bind invitations when the invited address proves to be the person's: on verification and on sign-in."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from hosts.services.invitations import bind_invitations


@receiver(email_confirmed, dispatch_uid="hosts.bind_on_email_confirmed")
def bind_on_email_confirmed(sender, request, email_address, **kwargs):
    bind_invitations(email_address.user, [email_address.email])


@receiver(user_logged_in, dispatch_uid="hosts.bind_on_login")
def bind_on_login(sender, request, user, **kwargs):
    """An already-registered person who follows the link and signs in joins on sign-in."""
    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if emails:
        bind_invitations(user, emails)
