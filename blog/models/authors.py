import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.images import author_photo_upload_to
from talents.models import TalentProfile


class AuthorPage(models.Model):
    """What a talent chose to make public on their author page (/blog/authors/<uuid>/) and bylines.

    Nothing is public until they say so: without a shown name a byline reads "an Eye for AI talent".
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.OneToOneField(
        TalentProfile, on_delete=models.CASCADE, related_name="author_page", verbose_name=_("talent")
    )
    show_name = models.BooleanField(_("show my name"), default=False)
    show_cohort = models.BooleanField(_("show my cohort"), default=False)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    photo = models.FileField(_("photo"), upload_to=author_photo_upload_to, blank=True, max_length=120)
    photo_content_type = models.CharField(max_length=20, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("author page")
        verbose_name_plural = _("author pages")

    def __str__(self):
        return str(self.talent)

    def get_absolute_url(self):
        return reverse("blog:author", kwargs={"uuid": self.uuid})
