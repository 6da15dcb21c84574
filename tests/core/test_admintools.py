"""The admin site puts its guards in every ModelAdmin, ours and third-party ones, without patching Django."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.widgets import AutocompleteMixin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from eyeforai.admintools.csv import csv_response, streaming_csv_response
from eyeforai.admintools.guards import (
    AdminGuardsMixin,
    FieldGuardsMixin,
    GuardedAutocompleteSelect,
    GuardedAutocompleteSelectMultiple,
)
from eyeforai.admintools.site import AUTOMATIC_ADMIN_MIXINS, PortalAdminSite
from tests.factories import ManagerFactory, TalentProfileFactory

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_the_admin_site_is_the_portals():
    assert isinstance(admin.site, PortalAdminSite)
    assert str(admin.site.site_header) == "Eye for AI"
    assert str(admin.site.index_title) == "Programme administration"


def test_django_admin_is_not_patched():
    """The guards are overrides in our classes: Django's own methods are Django's."""
    assert ModelAdmin.response_action.__module__ == "django.contrib.admin.options"
    assert AutocompleteMixin.optgroups.__module__ == "django.contrib.admin.widgets"


def test_third_party_admins_are_registered_here_too():
    labels = {model._meta.label for model, _model_admin in REGISTERED}
    assert {"auth.Group", "account.EmailAddress", "mfa.Authenticator"} <= labels


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _a in REGISTERED])
def test_every_registered_model_admin_has_the_guards(model, model_admin):
    request = RequestFactory().get("/")
    assert all(isinstance(model_admin, mixin) for mixin in AUTOMATIC_ADMIN_MIXINS)
    assert isinstance(model_admin, AdminGuardsMixin)
    for inline in model_admin.get_inlines(request, None):
        assert issubclass(inline, FieldGuardsMixin), f"{inline.__name__} of {model._meta.label}"
    for inline in [model_admin, *(inline(model, admin.site) for inline in model_admin.get_inlines(request, None))]:
        for name in inline.get_autocomplete_fields(request):
            field = inline.model._meta.get_field(name)
            make = inline.formfield_for_manytomany if field.many_to_many else inline.formfield_for_foreignkey
            widget = make(field, request).widget
            assert isinstance(widget, (GuardedAutocompleteSelect, GuardedAutocompleteSelectMultiple)), name


def test_a_tampered_action_selection_in_a_third_party_admin_gets_djangos_message_not_a_500(db, client):
    client.force_login(ManagerFactory(is_superuser=True))  # auth's Group admin is for superusers only
    response = client.post(
        reverse("admin:auth_group_changelist"),
        {"action": "delete_selected", "_selected_action": ["abc", "99999999999999999999999"], "index": 0},
        follow=True,
    )
    assert response.status_code == 200
    assert "Items must be selected" in response.content.decode()
    assert Group.objects.exists()


def test_an_autocomplete_field_posted_garbage_is_a_form_error_not_a_500(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("admin:talents_absence_add"),
        {"talent": "not-a-key", "kind": "", "starts_on": "", "ends_on": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["talent"]


def test_an_autocomplete_field_keeps_a_valid_choice_when_the_form_is_refused(client, manager):
    talent = TalentProfileFactory()
    client.force_login(manager)
    response = client.post(reverse("admin:talents_absence_add"), {"talent": talent.pk, "kind": "", "starts_on": ""})
    assert response.status_code == 200
    assert f'<option value="{talent.pk}" selected>' in response.content.decode()


def test_csv_cells_that_look_like_formulas_stay_text():
    response = csv_response("x.csv", ["name"], [["=HYPERLINK(1)"], ["+1"], ["plain"], [None]])
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == ["name", "'=HYPERLINK(1)", "'+1", "plain", '""']
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_a_streamed_csv_writes_the_same_cells_as_a_whole_one():
    rows = [["=HYPERLINK(1)"], ["+1"], ["plain"], [None]]
    whole = csv_response("x.csv", ["name"], rows)
    streamed = streaming_csv_response("x.csv", ["name"], iter(rows))
    assert b"".join(streamed.streaming_content) == whole.content
    assert streamed["Content-Type"] == whole["Content-Type"] == "text/csv; charset=utf-8"
    assert streamed["Content-Disposition"] == whole["Content-Disposition"]
