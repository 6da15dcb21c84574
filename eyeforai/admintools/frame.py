"""The change list's action bar and page links drawn in Python.

Django's {% admin_actions %} renders admin/actions.html, whose action menu is a form field drawn
through the form-widget templates (a template per option), and {% pagination %} renders
admin/pagination.html with a tag per page link: on the application list the two were a sixth of the
request. These give the same markup (tests/core/test_quick_frame.py compares them with Django's tags),
for a change list template whose model has no actions.html or pagination.html of its own
(templates/admin/talents/application/change_list.html).
"""

import html

from django.contrib.admin.templatetags.admin_list import admin_actions, pagination, paginator_number
from django.template import Context, Library
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = Library()

# Distinct action menus (each admin's actions, as far as a person may run them) times languages.
MENUS_KEPT = 64
_menus = {}


@register.simple_tag(takes_context=True)
def quick_admin_actions(context):
    """What {% admin_actions %} draws: admin/actions.html, the form's fields kept once drawn."""
    changelist = context["cl"]
    admin_actions(context)  # Django's count of the bars drawn: the button's value
    index = context["action_index"]
    form = context["action_form"]
    escaped = Context()  # as admin/actions.html's own context: autoescaping, localized
    run, go = html.escape(gettext("Run the selected action")), html.escape(gettext("Go"))
    parts = [
        '\n<div class="actions">\n  \n    \n    ',
        _menu(form),
        "\n    \n    \n    ",
        f'<button type="submit" class="button" title="{run}" '
        f'name="index" value="{render_value_in_context(index or 0, escaped)}">{go}</button>',
        "\n    \n    \n    ",
    ]
    if context.get("actions_selection_counter"):
        shown = len(changelist.result_list)
        parts.append(
            f'\n        <span class="action-counter" data-actions-icnt="{render_value_in_context(shown, escaped)}">'
            f"{render_value_in_context(context.get('selection_note'), escaped)}</span>\n        "
        )
        if changelist.result_count != shown:
            select_all = gettext("Select all %(total_count)s %(module_name)s") % {
                "total_count": render_value_in_context(changelist.result_count, escaped),
                "module_name": render_value_in_context(context.get("module_name"), escaped),
            }
            note_all = render_value_in_context(context.get("selection_note_all"), escaped)
            across = html.escape(gettext("Click here to select the objects across all pages"))
            clear = html.escape(gettext("Clear selection"))
            parts.append(
                f'\n        <span class="all hidden">{note_all}</span>\n        <span class="question hidden">'
                f'\n            <a role="button" href="#" '
                f'title="{across}">{select_all}</a>\n        </span>\n        <span class="clear hidden">'
                f'<a role="button" href="#">{clear}</a></span>\n        '
            )
        parts.append("\n    ")
    parts.append("\n    \n  \n</div>\n")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # each value escaped above


def _menu(form):
    """`{% for field in action_form %}{% if field.label %}<label>{{ field.label }} {{ field }}</label>
    {% else %}{{ field }}{% endif %}{% endfor %}`, drawn by Django once for each form class, language
    and list of choices (the form is never bound: Django makes a new one for every list)."""
    key = (
        type(form),
        get_language(),
        tuple(
            (name, tuple((value, str(label)) for value, label in field.choices) if hasattr(field, "choices") else None)
            for name, field in form.fields.items()
        ),
    )
    menu = _menus.get(key)
    if menu is None:
        escaped = Context()
        menu = "".join(
            f"<label>{render_value_in_context(field.label, escaped)} {field}</label>" if field.label else str(field)
            for field in form
        )
        if len(_menus) >= MENUS_KEPT:
            _menus.clear()
        _menus[key] = menu
    return menu


def draw_pagination(changelist):
    """What {% pagination cl %} draws (admin/pagination.html), for a list without a formset."""
    values = pagination(changelist)
    escaped = Context()
    links = ""
    if values["pagination_required"]:
        numbers = "".join(f"\n    {paginator_number(changelist, number)}\n" for number in values["page_range"])
        links = f"\n{numbers}\n"
    count = changelist.result_count
    name = changelist.opts.verbose_name if count == 1 else changelist.opts.verbose_name_plural
    show_all = ""
    if values["show_all_url"]:
        label = html.escape(gettext("Show all"))
        show_all = f'<a href="{render_value_in_context(values["show_all_url"], escaped)}" class="showall">{label}</a>'
    return mark_safe(  # noqa: S308  # nosec B308 B703  # each value escaped, paginator_number's by format_html
        f'\n\n<p class="paginator">\n{links}\n{render_value_in_context(count, escaped)} '
        f"{render_value_in_context(name, escaped)}\n{show_all}\n\n</p>\n"
    )
