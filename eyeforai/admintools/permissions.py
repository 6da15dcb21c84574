"""Named permissions: what a custom admin tool allows, checked in one way.

Each tool declares what it allows on its model's `Meta.permissions` (`rotations.run_matching`,
`talents.review_application`, …) and checks it here; the programme managers group gets them in
eyeforai/accounts/permissions.py (NAMED).

- Views: `require_permission(request, "rotations.run_matching")` raises PermissionDenied (403).
- Admin actions: `@admin.action(permissions=["run_matching"])`. Django asks the ModelAdmin for
  `has_run_matching_permission(request)`; NamedPermissionsMixin, which the site mixes into every
  ModelAdmin, answers it for each of the model's Meta.permissions, so no admin writes one by hand.
"""

from django.core.exceptions import PermissionDenied


def has_permission(request, permission):
    """True if the signed-in user holds `permission` ("app_label.codename")."""
    return request.user.has_perm(permission)


def require_permission(request, permission):
    if not has_permission(request, permission):
        raise PermissionDenied


class NamedPermissionsMixin:
    """`has_<codename>_permission(request, obj=None)` for each named permission of the admin's model."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        for codename, _label in model._meta.permissions:
            method = f"has_{codename}_permission"
            if not hasattr(self, method):  # an admin that writes its own keeps it
                setattr(self, method, _checker(f"{model._meta.app_label}.{codename}"))


def _checker(permission):
    def has_named_permission(request, obj=None):
        return has_permission(request, permission)

    has_named_permission.permission = permission
    return has_named_permission
