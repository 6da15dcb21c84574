from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from eyeforai.accounts.choices import Role
from eyeforai.accounts.services import take_role
from eyeforai.admintools.actions import run_service
from hosts.admin.invitations import invitation_state
from hosts.models import HostMembership, HostOrganization, Invitation, Project
from hosts.services import organizations as services
from hosts.services.invitations import check_invitable, invite_member


class MembershipForm(forms.ModelForm):
    class Meta:
        model = HostMembership
        fields = ["user", "role"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if user.role and user.role != Role.HOST_MEMBER:
            raise forms.ValidationError(
                _("%(person)s takes part in the portal as %(role)s; a person holds one role, so cannot join a host."),
                params={"person": user, "role": Role(user.role).label},
            )
        return user


class MembershipInline(admin.TabularInline):
    model = HostMembership
    form = MembershipForm
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]


class InvitationInline(admin.TabularInline):
    """Invitations sent so far: read-only; delete one to revoke its link."""

    model = Invitation
    extra = 0
    fields = ["email", "role", "state", "created_at", "expires_at", "accepted_by"]
    readonly_fields = fields
    verbose_name_plural = _("invitations sent")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("accepted_by")

    @admin.display(description=_("state"))
    def state(self, invitation):
        return invitation_state(invitation)


class NewInvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        check_invitable(self.instance.organization if self.instance.organization_id else None, email)
        return email

    def validate_unique(self):
        # invite_member() renews an open invitation for the same address instead of adding one.
        pass


class NewInvitationInline(admin.TabularInline):
    """Type an address to invite it; saving sends the email through invite_member()."""

    model = Invitation
    form = NewInvitationForm
    extra = 1
    fields = ["email", "role"]
    verbose_name = _("new invitation")
    verbose_name_plural = _("invite someone by email")
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ["title", "cohort", "status"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cohort")


@admin.register(HostOrganization)
class HostOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "city", "status", "member_count", "project_count"]
    list_filter = ["status", "sector"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, InvitationInline, NewInvitationInline, ProjectInline]
    actions = ["activate", "retire"]
    fields = ["name", "slug", "sector", "city", "website", "description", "status", "created_at"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_total=Count("memberships", distinct=True), project_total=Count("projects", distinct=True))
        )

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, organization):
        return organization.member_total

    @admin.display(description=_("projects"), ordering="project_total")
    def project_count(self, organization):
        return organization.project_total

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.form, NewInvitationForm):
            # New invitations go through the service (token, expiry, email), never a bare save().
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for invitation_form in formset.forms:
                data = getattr(invitation_form, "cleaned_data", None)
                if invitation_form.has_changed() and data and data.get("email"):
                    formset.new_objects.append(
                        invite_member(form.instance, data["email"], by=request.user, role=data["role"])
                    )
            return
        if formset.model is HostMembership:
            # One person, one role: whoever is added as a member takes the host-member role.
            for member_form in formset.forms:
                data = getattr(member_form, "cleaned_data", None) or {}
                if member_form.has_changed() and data.get("user") and not data.get("DELETE"):
                    take_role(data["user"], Role.HOST_MEMBER, by=request.user)
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Activate (list on the public hosts page)"), permissions=["set_organization_status"])
    def activate(self, request, queryset):
        run_service(self, request, queryset, services.activate_organization, _("%(count)d activated."))

    @admin.action(description=_("Mark as former host"), permissions=["set_organization_status"])
    def retire(self, request, queryset):
        run_service(self, request, queryset, services.retire_organization, _("%(count)d marked as former hosts."))
