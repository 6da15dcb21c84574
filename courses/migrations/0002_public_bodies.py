"""The Swedish public bodies a leader can pick: 290 municipalities, 21 regions and the government agencies.

Loaded from courses/data/public_bodies.json (courses/data/README.md says where it comes from). Municipalities
and regions are matched on their code, agencies on their name, so running it again updates names in place and
adds what is new; it removes nothing (a participant may point at a body). Backwards deletes the bodies listed.
"""

from django.db import migrations

from courses.bodies import load_public_bodies, read_bodies


def load(apps, schema_editor):
    load_public_bodies(apps.get_model("courses", "PublicBody"))


def unload(apps, schema_editor):
    PublicBody = apps.get_model("courses", "PublicBody")
    for kind, lookup, _defaults in read_bodies():
        PublicBody.objects.filter(kind=kind, **lookup).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
