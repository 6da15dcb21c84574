import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.accounts.choices import OPEN_ERASURE_STATUSES, ErasureStatus, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their email address; there is no username."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    # Taken through eyeforai.accounts.services.take_role; PostgreSQL refuses a second one (portal/migrations).
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True, editable=False)
    # The language of the pages and of every email to this person; blank until they sign up or choose
    # (eyeforai/accounts/language.py). Emails to someone without one are in settings.LANGUAGE_CODE.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class ErasureRequest(models.Model):
    """A person's request to erase their account (GDPR art. 17), asked on their "Your data" page.

    A programme manager confirms it in the admin (the named permission accounts.confirm_erasure);
    a task then erases the account. The state changes live in portal/erasure.py, because erasing
    combines every app. The row itself holds nothing personal: after the erasure `user` points at the
    stripped, deactivated account, and the row says when it was asked, decided and done.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests", verbose_name=_("person")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ErasureStatus.choices, default=ErasureStatus.REQUESTED
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("confirm_erasure", _("Can confirm or refuse a person's request to erase their account")),
        ]
        ordering = ["-requested_at"]
        constraints = [
            # Asking twice while the first request waits is refused by the service and, in a race, here.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=OPEN_ERASURE_STATUSES),
                name="accounts_erasure_one_open_per_user",
            ),
        ]

    def __str__(self):
        # No name or address: the row and its activity entries outlive the person's data.
        return _("Erasure request %(code)s") % {"code": str(self.uuid)[:8]}

    @property
    def is_open(self):
        return self.status in OPEN_ERASURE_STATUSES

    @property
    def awaits_manager(self):
        """Asked, not yet confirmed or refused: the person may still take it back."""
        return self.status == ErasureStatus.REQUESTED
