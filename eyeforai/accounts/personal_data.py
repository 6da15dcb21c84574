"""The accounts part of a person's data export (portal/personal_data.py): the account, its email
addresses, its second factors (kinds and dates, never the secrets) and its erasure requests."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from eyeforai.accounts.models import ErasureRequest

ACCOUNT_FIELDS = ("email", "first_name", "last_name", "role", "date_joined", "last_login")


def account_data(user):
    addresses = EmailAddress.objects.filter(user=user).order_by("pk")
    authenticators = Authenticator.objects.filter(user=user).order_by("pk")
    requests = ErasureRequest.objects.filter(user=user).order_by("requested_at")
    return {
        **{field: getattr(user, field) for field in ACCOUNT_FIELDS},
        "email_addresses": [
            {"email": row.email, "verified": row.verified, "primary": row.primary} for row in addresses
        ],
        "second_factors": [
            {"kind": row.type, "created_at": row.created_at, "last_used_at": row.last_used_at} for row in authenticators
        ],
        "erasure_requests": [
            {"status": row.status, "requested_at": row.requested_at, "decided_at": row.decided_at} for row in requests
        ],
    }
