"""Two places where Django's admin answers tampered input with a 500, guarded in every admin.

- `ModelAdmin.response_action` filters `pk__in=<the posted checkboxes>` unchecked, so "abc" or a
  number past bigint raises in the ORM. Values that cannot be a primary key are dropped first, and an
  empty selection gets Django's own "Items must be selected" message.
- An autocomplete widget re-rendering a refused form looks up the posted values unchecked. Values
  that cannot be a key of the related model are left out of the lookup (the form already says the
  choice is invalid).

The site (eyeforai/admintools/site.py) mixes AdminGuardsMixin into every ModelAdmin it registers,
ours and third-party ones alike; the mixin does the same for each admin's inlines. These are
overrides of documented hooks, not patches of Django's classes, so an upgrade that renames a hook
fails the test that checks every registered admin (tests/core/test_admintools.py) instead of
silently dropping the guard.
"""

from functools import cache

from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


def _is_value_of(field, value):
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class _LooksUpValidValuesOnly:
    def optgroups(self, name, value, attr=None):
        options = self.field.remote_field.model._meta
        to_field = options.get_field(getattr(self.field.remote_field, "field_name", options.pk.attname))
        return super().optgroups(name, [item for item in value if _is_value_of(to_field, item)], attr)


class GuardedAutocompleteSelect(_LooksUpValidValuesOnly, AutocompleteSelect):
    pass


class GuardedAutocompleteSelectMultiple(_LooksUpValidValuesOnly, AutocompleteSelectMultiple):
    pass


class FieldGuardsMixin:
    """For ModelAdmins and inlines: autocomplete fields get the guarded widgets.

    Django sets its own autocomplete widget only when no widget is given, so giving ours first is enough.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = GuardedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = GuardedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AdminGuardsMixin(FieldGuardsMixin):
    """For ModelAdmins: a checked action selection, and the field guards on every inline too."""

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        valid = [value for value in selected if _is_value_of(self.model._meta.pk, value)]
        if len(valid) != len(selected):
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, valid)
            request.POST = post
        return super().response_action(request, queryset)

    def get_inlines(self, request, obj):
        return [with_mixins(inline, (FieldGuardsMixin,)) for inline in super().get_inlines(request, obj)]


@cache
def with_mixins(cls, mixins):
    """`cls` with the `mixins` it lacks put first in its bases (the same class each time it is asked)."""
    missing = tuple(mixin for mixin in mixins if not issubclass(cls, mixin))
    if not missing:
        return cls
    return type(cls.__name__, (*missing, cls), {"__module__": cls.__module__, "__qualname__": cls.__qualname__})
