from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from eyeforai.accounts.signup import signup_role
from talents.services.profiles import create_profile


@receiver(user_signed_up, dispatch_uid="talents.profile_on_signup")
def profile_on_signup(sender, request, user, **kwargs):
    """The public sign-up is the talent's: "Apply: create an account". Staff are made in the admin,
    and people invited to a host organisation sign up from their invitation (eyeforai/accounts/signup.py)."""
    if not user.is_staff and signup_role(request) is None:
        create_profile(user)
