"""Cheaper change lists for the admin pages managers live in.

Django renders each row's action checkbox through the form-widget template engine: on a page of a
hundred applications that is a fifth of the request. The same markup from one f-string.

Django also draws every cell through lookup_field, display_for_field and a format_html of its own,
deciding again for each cell what kind of column it is: on a page of fifty applications of ten
columns that was two fifths of the request. QuickRowsChangeList decides once per column and draws
the same markup (tests/core/test_quick_rows.py compares the two).
"""

import contextlib
import datetime
import html
from urllib.parse import quote as url_quote

from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import result_headers, result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.urls.resolvers import RFC3986_SUBDELIMS
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from eyeforai.admintools.dates import draw_date_links
from eyeforai.admintools.filters import draw_filters
from eyeforai.admintools.frame import draw_pagination

PK_MARK = "__pk__"  # stands for each row's key in the change link, reversed once per page


class QuickActionCheckboxMixin:
    def action_checkbox(self, obj):
        # The markup of Django's CheckboxInput, as format_html(label, obj) and format_html(input, ...)
        # give it, in one f-string: the label's translation is put in as it is, the object escaped.
        label = _("Select this object for an action - {}").format(html.escape(str(obj)))
        return SafeString(  # nosec B703  # the object escaped above, the rest our markup
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{html.escape(str(obj.pk))}" '
            f'class="action-select" aria-label="{label}">'
        )


class QuickRowsChangeList(ChangeList):
    """A ChangeList whose `result_table()` is what Django's {% result_list %} gives its template
    (admin/change_list_results.html), each row drawn as one string, and the template to draw it with:
    templates/admin/quick/change_list_results.html, which takes the body's rows as one string too.

    It draws what Django's items_for_result draws for columns that are ModelAdmin methods or model
    fields; a list with any other kind of column (a model method, a related lookup), an editable list
    and a popup get Django's own rows.
    """

    def filter_panels(self):
        """The filters' panels as one string, as Django's tag draws them (eyeforai/admintools/filters.py)."""
        return draw_filters(self)

    def date_links(self):
        """The date hierarchy's links as one string, or None for Django's tag to draw them
        (eyeforai/admintools/dates.py)."""
        return draw_date_links(self)

    def pagination_links(self):
        """The page links as one string, or None for Django's tag to draw them (a list with a formset,
        whose paragraph ends in a Save button) (eyeforai/admintools/frame.py)."""
        return None if getattr(self, "formset", None) else draw_pagination(self)

    def result_table(self):
        columns = _columns(self)
        if columns is None or getattr(self, "formset", None) or self.is_popup:
            return {**result_list(self), "template": "admin/change_list_results.html"}
        headers = list(result_headers(self))
        change_url = add_preserved_filters(
            {"preserved_filters": self.preserved_filters, "opts": self.opts},
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[PK_MARK],
                current_app=self.model_admin.admin_site.name,
            ),
        )
        change_url = html.escape(change_url)  # as the cell's format_html('<a href="{}">') escaped it
        rows, body = [], []
        for obj in self.result_list:
            # What reverse() would make of the key, as ChangeList.url_for_result passes it; the first
            # PK_MARK is the path's (the preserved filters follow it, and may hold any text).
            key = url_quote(str(quote(obj.pk)), safe=RFC3986_SUBDELIMS + "/~:@")
            link = change_url.replace(PK_MARK, html.escape(key), 1)
            cells = "".join(column.cell(obj, link) for column in columns)
            # Safe: _Column.cell escapes what each cell shows.
            rows.append([mark_safe(cells)])  # noqa: S308  # nosec B308 B703
            body.append(f"\n\n<tr>{cells}</tr>\n")  # what Django's template makes of each row
        return {
            "template": "admin/quick/change_list_results.html",
            "body": mark_safe("".join(body)),  # noqa: S308  # nosec B308 B703  # the cells, escaped above
            "cl": self,
            "result_hidden_fields": [],
            "result_headers": headers,
            "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
            "results": rows,
        }


class _Column:
    """One column of the list: how to get its value and how Django would show it, as escaped HTML.

    Worked out once per page: the cell's opening tags, the labels of a field's choices (translated
    and escaped once), and what a field shows for each value seen (a score of 1 to 5, a cohort's
    name: most rows repeat what an earlier row showed)."""

    def __init__(self, name, *, empty, method=None, field=None, linked=False, tag="td"):
        self.name, self.method, self.field, self.linked = name, method, field, linked
        if method is not None:
            empty = getattr(method, "empty_value_display", empty)
        self.empty = empty
        self.boolean = getattr(method, "boolean", False)
        classes = "action-checkbox" if name == "action_checkbox" else f"field-{name}"
        self.open, self.open_nowrap = f'<{tag} class="{classes}">', f'<{tag} class="{classes} nowrap">'
        self.close = f"</{tag}>"
        self.nowrap = field is not None and isinstance(field, (models.DateField, models.TimeField, models.ForeignKey))
        self.foreign_key = field is not None and isinstance(field.remote_field, models.ManyToOneRel)
        labels = _labels(field)
        self.labels = None if labels is None else {value: _html(label) for value, label in labels.items()}
        self.shown_before = {}

    def cell(self, obj, link):
        try:
            shown, nowrap = self._method_shown(obj) if self.field is None else self._field_shown(obj)
        except ObjectDoesNotExist:
            shown, nowrap = _html(self.empty), False
        if self.linked:
            shown = f'<a href="{link}">{shown}</a>'
        return f"{self.open_nowrap if nowrap else self.open}{shown}{self.close}"

    def _method_shown(self, obj):
        """(the cell's escaped HTML, whether it is "nowrap"), as items_for_result decides them."""
        value = self.method(obj)
        if isinstance(value, str) and not self.boolean:  # display_for_value shows a text as str() shows it
            return (_html(value) if value.strip() else _html(self.empty)), False
        if isinstance(value, Promise):
            value = str(value)  # translated once, not once per comparison in display_for_value
        if isinstance(value, str) and not value.strip():
            value = ""
        shown = display_for_value(value, self.empty, self.boolean)
        return _html(shown), isinstance(value, (datetime.date, datetime.time))

    def _field_shown(self, obj):
        value = getattr(obj, self.field.name if self.foreign_key else self.field.attname)
        if self.foreign_key:
            return _html(self.empty if value is None else value), True
        if isinstance(value, str) and not value.strip():
            value = ""
        if self.field.auto_created:
            return _html(display_for_value(value, self.empty)), False
        if self.labels is not None:
            shown = self.labels.get(value)
            return (_html(self.empty) if shown is None else shown), self.nowrap
        try:
            return self.shown_before[value], self.nowrap
        except (KeyError, TypeError):  # not seen yet, or a value that cannot be a key (a JSON list)
            pass
        shown = _html(display_for_field(value, self.field, self.empty, avoid_link=self.linked))
        with contextlib.suppress(TypeError):
            self.shown_before[value] = shown
        return shown, self.nowrap


def _html(value):
    """conditional_escape(value) without its lazy wrapper: Django's escape is html.escape."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _labels(field):
    """{value: label} of a field with choices, as display_for_field looks it up (once per page here,
    not once per cell); None when it has none, or choices display_for_field cannot put in a dict."""
    if field is None or not getattr(field, "flatchoices", None):
        return None
    try:
        return dict(field.flatchoices)
    except TypeError:
        return None


def _columns(changelist):
    """The list's columns as _Column, or None when one of them is of a kind drawn by Django only."""
    model_admin, opts = changelist.model_admin, changelist.opts
    empty = model_admin.get_empty_value_display()
    links = changelist.list_display_links
    columns, tag = [], "th"
    for index, name in enumerate(changelist.list_display):
        if not isinstance(name, str):
            return None
        linked = links is not None and ((index == 0 and not links) or name in links)
        column_tag = "td"
        if linked:
            column_tag, tag = tag, "td"  # the first linked column is the row's header
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            method = getattr(model_admin, name, None) if name != "__str__" else None
            if not callable(method):
                return None
            columns.append(_Column(name, empty=empty, method=method, linked=linked, tag=column_tag))
            continue
        if name != field.name or field.many_to_many or not field.concrete:
            return None  # a "<fk>_id" name, a reverse or generic relation: Django's rows
        columns.append(_Column(name, empty=empty, field=field, linked=linked, tag=column_tag))
    return columns
