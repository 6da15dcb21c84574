"""Facilitators and their invitations, as course managers see them.

A facilitator is made when someone takes a course manager's invitation (courses/services/facilitators.py);
here the managers send invitations, read who was invited and who accepted, withdraw the unused ones, and
correct a facilitator's organisation. Modelled on hosts/admin/invitations.py.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from courses.models import Facilitator, FacilitatorInvitation
from courses.services.facilitators import invite_facilitator, withdraw_facilitator_invitation
from eyeforai.admintools.actions import run_service


@admin.register(Facilitator)
class FacilitatorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "session_count", "joined_at"]
    list_filter = ["organisation"]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    fields = ["name", "email", "organisation", "joined_at"]
    readonly_fields = ["name", "email", "joined_at"]

    def has_add_permission(self, request):
        return False  # a facilitator is made by taking an invitation

    def has_delete_permission(self, request, obj=None):
        return False  # the account holds the role; it is erased as a whole

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .annotate(session_count=Count("sessions", filter=Q(sessions__cancelled_at__isnull=True)))
        )

    @admin.display(description=_("name"), ordering="user__last_name")
    def name(self, facilitator):
        return facilitator.user.get_full_name()

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, facilitator):
        return facilitator.user.email

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, facilitator):
        return facilitator.session_count


def invitation_state(invitation):
    if invitation.is_used:
        return gettext("accepted")
    return gettext("expired") if invitation.is_expired else gettext("pending")


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("pending", _("pending")), ("accepted", _("accepted")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        filters = {
            "pending": Q(accepted_at__isnull=True, expires_at__gt=now),
            "accepted": Q(accepted_at__isnull=False),
            "expired": Q(accepted_at__isnull=True, expires_at__lte=now),
        }
        chosen = filters.get(self.value())
        return queryset if chosen is None else queryset.filter(chosen)


class InvitationForm(forms.ModelForm):
    """The address and the organisation; the invitation itself is made by invite_facilitator (in clean,
    so its refusal shows next to the field). The admin's transaction holds the row and the email until
    the page is done."""

    invited_by = None  # the signed-in course manager, set by the admin's get_form

    class Meta:
        model = FacilitatorInvitation
        fields = ["email", "organisation"]
        help_texts = {
            "email": _("They get an email with a link to become a facilitator, valid for 14 days."),
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.invitation = invite_facilitator(cleaned["email"], cleaned["organisation"], by=self.invited_by)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error("email", error)
        return cleaned


@admin.register(FacilitatorInvitation)
class FacilitatorInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "state", "invited_by", "created_at", "expires_at"]
    list_filter = [InvitationStateFilter, "organisation"]
    list_select_related = ["invited_by"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    actions = ["withdraw"]
    readonly_fields = ["state", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "organisation"]
        return ["email", "organisation", *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = type("InvitationForm", (InvitationForm,), {"invited_by": request.user})
        return super().get_form(request, obj, change, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False  # sending again to the same address renews the open invitation

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_used:
            return False  # the record of who became a facilitator through it
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "withdraw" does it through the service, which logs it
        return actions

    def save_form(self, request, form, change):
        form.save(commit=False)  # Django's save_related calls form.save_m2m, which this sets up
        return form.invitation

    def save_model(self, request, obj, form, change):
        pass  # invite_facilitator saved it (InvitationForm.clean)

    def delete_model(self, request, obj):
        withdraw_facilitator_invitation(obj, by=request.user)

    @admin.display(description=_("state"))
    def state(self, invitation):
        return invitation_state(invitation)

    @admin.action(description=_("Withdraw the selected invitations"), permissions=["delete"])
    def withdraw(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            withdraw_facilitator_invitation,
            lambda count: (
                ngettext("%(count)d invitation withdrawn.", "%(count)d invitations withdrawn.", count)
                % {"count": count}
            ),
        )
