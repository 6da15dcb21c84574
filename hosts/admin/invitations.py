"""Every invitation sent, across organisations: who was invited, and which were used or refused.

Invitations are made from an organisation's page (through invite_member); here they are read, and
deleted to revoke a link. A refused one says why (one person, one role: a talent cannot join a host).
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hosts.models import Invitation


def invitation_state(invitation):
    """The word the managers read for an invitation's state, with the reason when it was refused."""
    if invitation.is_used:
        return _("used")
    if invitation.is_refused:
        return _("refused: %(reason)s") % {"reason": invitation.get_refusal_display()}
    return _("expired") if invitation.is_expired else _("open")


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("open")), ("used", _("used")), ("refused", _("refused")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        filters = {
            "open": {"accepted_at__isnull": True, "refused_at__isnull": True, "expires_at__gt": now},
            "used": {"accepted_at__isnull": False},
            "refused": {"refused_at__isnull": False},
            "expired": {"accepted_at__isnull": True, "refused_at__isnull": True, "expires_at__lte": now},
        }
        chosen = filters.get(self.value())
        return queryset if chosen is None else queryset.filter(**chosen)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "state", "created_at", "expires_at"]
    list_filter = [InvitationStateFilter, "role", "organization"]
    list_select_related = ["organization"]
    search_fields = ["email", "organization__name"]
    date_hierarchy = "created_at"
    fields = [
        "organization",
        "email",
        "role",
        "state",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "refused_at",
        "refused_user",
        "refusal",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # an invitation is sent from its organisation's page, which emails the link

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, invitation):
        return invitation_state(invitation)
