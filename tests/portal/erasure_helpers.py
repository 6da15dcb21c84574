"""Searching the whole database for a person's traces (the erasure tests' proof)."""

from django.apps import apps
from django.db import models
from django.db.models import Q

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_columns():
    """(model, field name) for every text and JSON column of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                yield model, field.name


def rows_mentioning(word):
    """{"app_label.model.field": count} of rows whose text columns contain `word`, in any case."""
    found = {}
    for model, name in text_columns():
        count = model._base_manager.filter(Q(**{f"{name}__icontains": word})).count()
        if count:
            found[f"{model._meta.label}.{name}"] = count
    return found
