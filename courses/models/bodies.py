import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.choices import BodyKind


class PublicBody(models.Model):
    """A Swedish public body a leader can work for: the 290 municipalities (four-digit municipality code,
    whose first two digits are the county's), the 21 regions (two-digit county code) and the government
    agencies (no code). Loaded from courses/data/public_bodies.json by a migration; not edited by hand."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=4, blank=True, help_text=_("Municipality or county code."))
    county_code = models.CharField(_("county code"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~Q(code=""), name="courses_publicbody_code_unique_per_kind"
            ),
            models.UniqueConstraint(fields=["kind", "name"], name="courses_publicbody_name_unique_per_kind"),
        ]

    def __str__(self):
        return self.name
