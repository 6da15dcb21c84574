"""Calendar feeds become a person's: a host member's feed names the member and their organisation.

The organisation-wide feeds (no person) are deleted: their address was known to everyone who ever
belonged to the organisation, including people who left. Members make their own address again on
/host/talents/ ("Make a calendar address").
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def delete_organisation_feeds(apps, schema_editor):
    apps.get_model("rotations", "CalendarFeed").objects.filter(user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hosts", "0001_initial"),
        ("rotations", "0004_named_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="calendarfeed", name="rotations_calendarfeed_one_owner"),
        migrations.RunPython(delete_organisation_feeds, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="calendarfeed",
            name="user",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_feed",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_feeds",
                to="hosts.hostorganization",
            ),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("organization__isnull", True), ("owner_kind", "talent")),
                    models.Q(("organization__isnull", False), ("owner_kind", "host")),
                    _connector="OR",
                ),
                name="rotations_calendarfeed_organization_for_host_members",
            ),
        ),
    ]
