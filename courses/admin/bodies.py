"""The public bodies participants choose from: loaded by a migration, read here, never edited."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from courses.models import PublicBody


@admin.register(PublicBody)
class PublicBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "county_code", "participant_count"]
    list_filter = ["kind", "county_code"]
    # Also what the participant page's organisation field searches (autocomplete).
    search_fields = ["name", "code"]
    fields = ["name", "kind", "code", "county_code"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_count=Count("participants"))

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, body):
        return body.participant_count
