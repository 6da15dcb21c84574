"""The change list's filter panels drawn in Python.

Django's {% admin_list_filter %} renders admin/filter.html once per filter, a template node or
three for each of its choices: on the application list (46 choices over five filters) that was
a tenth of the page. draw_filters gives the same markup from the same choices
(tests/core/test_quick_rows.py compares the two); a filter with a template of its own keeps it.
"""

import html

from django.contrib.admin.templatetags.admin_list import admin_list_filter
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

FILTER_TEMPLATE = "admin/filter.html"


def draw_filters(changelist):
    """What `{% for spec in cl.filter_specs %}{% admin_list_filter cl spec %}{% endfor %}` draws."""
    context = Context()  # as admin_list_filter's template.render(dict) gets one: autoescaping, localized
    panels = "".join(_panel(changelist, spec, context) for spec in changelist.filter_specs)
    return mark_safe(panels)  # noqa: S308  # nosec B308 B703  # each value escaped in _panel and _choice


def _panel(changelist, spec, context):
    if spec.template != FILTER_TEMPLATE:
        return admin_list_filter(changelist, spec)
    title = render_value_in_context(spec.title, context)
    # admin/filter.html's {% blocktranslate with filter_title=title %} By {{ filter_title }} {% endblocktranslate %}
    heading = gettext(" By %(filter_title)s ") % {"filter_title": title}
    choices = "".join(_choice(choice, context) for choice in spec.choices(changelist))
    return (
        f'\n<details data-filter-title="{title}" open>\n  <summary>\n    {heading}\n  </summary>\n'
        f"  <ul>\n  {choices}\n  </ul>\n</details>\n"
    )


def _choice(choice, context):
    selected = ' class="selected"' if choice["selected"] else ""
    href = html.escape(iri_to_uri(choice["query_string"]))  # {{ choice.query_string|iriencode }}
    shown = render_value_in_context(choice["display"], context)
    return f'\n    <li{selected}>\n    <a href="{href}">{shown}</a></li>\n  '
