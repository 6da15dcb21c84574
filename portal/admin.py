"""Erasure requests in the admin: managers with accounts.confirm_erasure confirm or refuse them.

Registered here, not in eyeforai/accounts/admin.py, because confirming queues the erasure, which
combines every app (portal/erasure.py).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eyeforai.accounts.models import ErasureRequest
from eyeforai.admintools.actions import run_service
from portal import erasure as services


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Read-only rows; the state moves only through the actions (one service each)."""

    list_display = ["__str__", "person", "role", "status", "requested_at", "decided_by", "decided_at", "erased_at"]
    list_filter = ["status"]
    list_select_related = ["user", "decided_by"]
    search_fields = ["user__email", "uuid"]
    date_hierarchy = "requested_at"
    actions = ["confirm_erasure", "refuse_erasure"]
    fields = ["uuid", "user", "status", "requested_at", "decided_by", "decided_at", "erased_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # asked by the person on their "Your data" page

    def has_delete_permission(self, request, obj=None):
        return False  # the record that an erasure was asked and done stays

    @admin.display(description=_("person"), ordering="user__email")
    def person(self, erasure):
        return erasure.user.email

    @admin.display(description=_("role"), ordering="user__role")
    def role(self, erasure):
        return erasure.user.get_role_display() or "—"

    @admin.action(description=_("Confirm: erase these accounts"), permissions=["confirm_erasure"])
    def confirm_erasure(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            services.confirm_erasure,
            _("%(count)d request(s) confirmed; the accounts are being erased."),
        )

    @admin.action(description=_("Refuse these requests"), permissions=["confirm_erasure"])
    def refuse_erasure(self, request, queryset):
        run_service(self, request, queryset, services.refuse_erasure, _("%(count)d request(s) refused."))
