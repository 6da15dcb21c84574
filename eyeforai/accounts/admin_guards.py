"""Two places where Django's admin answers tampered input with a 500, guarded for every admin.

- `ModelAdmin.response_action` filters `pk__in=<the posted checkboxes>` unchecked, so "abc" or a
  number past bigint raises in the ORM. Values that cannot be a primary key are dropped first, and an
  empty selection gets Django's own "Items must be selected" message.
- An autocomplete widget re-rendering a refused form looks up the posted values unchecked. Values
  that cannot be a key of the related model are left out of the lookup (the form already says the
  choice is invalid).
"""

from django.contrib.admin import ModelAdmin, helpers
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_response_action = ModelAdmin.response_action
_optgroups = AutocompleteMixin.optgroups


def _is_value_of(field, value):
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def response_action(self, request, queryset):
    selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
    valid = [value for value in selected if _is_value_of(self.model._meta.pk, value)]
    if len(valid) != len(selected):
        post = request.POST.copy()
        post.setlist(helpers.ACTION_CHECKBOX_NAME, valid)
        request.POST = post
    return _response_action(self, request, queryset)


def optgroups(self, name, value, attr=None):
    options = self.field.remote_field.model._meta
    to_field = options.get_field(getattr(self.field.remote_field, "field_name", options.pk.attname))
    return _optgroups(self, name, [item for item in value if _is_value_of(to_field, item)], attr)


def install():
    ModelAdmin.response_action = response_action
    AutocompleteMixin.optgroups = optgroups
