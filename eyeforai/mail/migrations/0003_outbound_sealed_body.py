from django.db import migrations, models

# The templates whose emails carried a secret before rows were marked (frozen here on purpose).
SECRET_TEMPLATES = [
    "account/email_confirmation",
    "account/email_confirmation_signup",
    "account/password_reset_key",
    "account/password_reset_code",
    "account/login_code",
    "hosts/invitation",
]


def seal_existing_secrets(apps, schema_editor):
    """Rows written before this migration hold reset, confirmation and invitation links readable.

    Finished rows (sent, failed) lose their body, as new ones do at delivery; unfinished ones are
    sealed so the worker can still send them.
    """
    from eyeforai.mail.sealing import seal  # noqa: PLC0415 - a pure function, stable across versions

    OutboundEmail = apps.get_model("mail", "OutboundEmail")
    rows = OutboundEmail.objects.filter(template__in=SECRET_TEMPLATES)
    rows.filter(status__in=["sent", "failed"]).update(carries_secret=True, body_text="", body_html="", sealed_body="")
    for email in rows.filter(status__in=["queued", "sending"]).only("pk", "body_text", "body_html"):
        sealed = seal(email.body_text, email.body_html)
        rows.filter(pk=email.pk).update(carries_secret=True, body_text="", body_html="", sealed_body=sealed)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0002_named_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="carries_secret",
            field=models.BooleanField(
                default=False,
                help_text="Its body holds a link that grants access; it is never shown and is discarded once sent.",
                verbose_name="carries a secret",
            ),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="sealed_body",
            field=models.TextField(blank=True, editable=False, verbose_name="sealed body"),
        ),
        migrations.RunPython(seal_existing_secrets, migrations.RunPython.noop, elidable=True),
    ]
