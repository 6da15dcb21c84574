"""Seal the TOTP keys and recovery-code seeds written in the clear before eyeforai/accounts/mfa_secrets.py."""

from django.db import migrations

from eyeforai.accounts.mfa_secrets import is_sealed, seal, unseal

FIELDS = {"totp": "secret", "recovery_codes": "seed"}


def _each(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=FIELDS):
        field = FIELDS[authenticator.type]
        value = authenticator.data.get(field)
        if value:
            new = change(value)
            if new != value:
                authenticator.data[field] = new
                authenticator.save(update_fields=["data"])


def seal_secrets(apps, schema_editor):
    _each(apps, lambda value: value if is_sealed(value) else seal(value))


def unseal_secrets(apps, schema_editor):
    _each(apps, lambda value: (unseal(value) or value) if is_sealed(value) else value)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_erasure_request"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_secrets, unseal_secrets)]
