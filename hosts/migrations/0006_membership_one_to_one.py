"""A person's host membership becomes one-to-one (it was already unique per user), so the signed-in
user's query can join it (portal/signed_in_user.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hosts", "0005_field_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The field's own unique index first, then the named constraint it replaces: never a moment without one.
        migrations.AlterField(
            model_name="hostmembership",
            name="user",
            field=models.OneToOneField(
                error_messages={"unique": "This person already belongs to a host organisation."},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="host_membership",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="hostmembership",
            name="hosts_membership_one_organization_per_user",
        ),
    ]
