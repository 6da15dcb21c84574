from django.contrib import admin

from rotations.models import BuddyRequest, Conflict, HostRanking, TalentPreference


@admin.register(TalentPreference)
class TalentPreferenceAdmin(admin.ModelAdmin):
    list_display = ["talent", "rank", "project"]
    list_filter = ["project__cohort", "project__organization"]
    search_fields = ["talent__user__email", "project__title"]
    list_select_related = ["talent__user", "project"]
    # A select of every talent costs a query per talent (its name is on the user); search instead.
    autocomplete_fields = ["talent"]


@admin.register(HostRanking)
class HostRankingAdmin(admin.ModelAdmin):
    list_display = ["project", "talent", "rank", "not_a_fit"]
    list_filter = ["project__cohort", "project__organization", "not_a_fit"]
    search_fields = ["talent__user__email", "project__title"]
    list_select_related = ["talent__user", "project"]
    # A select of every talent costs a query per talent (its name is on the user); search instead.
    autocomplete_fields = ["talent"]


@admin.register(BuddyRequest)
class BuddyRequestAdmin(admin.ModelAdmin):
    list_display = ["talent", "buddy", "cohort"]
    list_filter = ["cohort"]
    list_select_related = ["talent__user", "buddy__user", "cohort"]
    # A select of every talent costs a query per talent (its name is on the user); search instead.
    autocomplete_fields = ["talent", "buddy"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    """Conflicts of interest: the matching never places the talent at the host."""

    list_display = ["talent", "host", "reason"]
    list_filter = ["host"]
    search_fields = ["talent__user__email", "host__name", "reason"]
    list_select_related = ["talent__user", "host"]
    # A select of every talent costs a query per talent (its name is on the user); search instead.
    autocomplete_fields = ["talent"]
