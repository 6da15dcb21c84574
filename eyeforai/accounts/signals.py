from django.db.models.signals import post_migrate
from django.dispatch import receiver

from eyeforai.accounts.permissions import sync_programme_managers_group


@receiver(post_migrate, dispatch_uid="accounts.sync_programme_managers")
def grant_programme_managers(sender, using="default", **kwargs):
    sync_programme_managers_group(sender, using=using)
