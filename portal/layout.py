"""The fixed parts of the site's layout (templates/base.html): the head's description and links, the skip
link and brand, and the footer.

They depend only on the language, the script prefix and settings, yet as template tags (three `static`,
a `url` or two, six translations) they cost a sixth of the empty signed-in page, the floor every page
stands on (issue 20). Each is drawn once per process and variant and kept; the words are the template's
msgids, the markup the template's.
"""

from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@lru_cache(maxsize=64)
def _head(language, static_url):
    # `language` and `static_url` are the key: gettext and static() read them.
    return format_html(
        '<meta name="description" content="{}">\n'
        '  <link rel="stylesheet" href="{}">\n'
        '  <link rel="icon" href="{}" type="image/svg+xml">\n'
        '  <script src="{}" defer></script>',
        _(
            "Eye for AI: an 18-month rotation programme for international AI graduates at three Swedish host "
            "organisations."
        ),
        static("css/site.css"),
        static("img/favicon.svg"),
        static("js/keep-draft.js"),
    )


@lru_cache(maxsize=64)
def _brand(language, script_prefix):
    return format_html(
        '<a class="brand" href="{}"><span aria-hidden="true" class="brand-mark">◉</span> {}</a>',
        reverse("portal:home"),
        _("Eye for AI"),
    )


@lru_cache(maxsize=64)
def _footer(language, script_prefix, email):
    # As the template's blocktranslate: the sentence (with its markup) from our catalogue, the address escaped.
    sentence = _('Questions? Write to the programme team at <a href="mailto:%(email)s">%(email)s</a>.')
    question = mark_safe(sentence % {"email": escape(email)})  # noqa: S308  # nosec B308 B703
    return format_html(
        '<p>{}</p>\n      <p>{}</p>\n      <p><a href="{}">{}</a></p>',
        _("Eye for AI is a programme of AI Sweden, the national centre for applied artificial intelligence."),
        question,
        reverse("portal:privacy"),
        _("Privacy"),
    )


def layout(request):
    """Context processor: the layout's fixed parts, each drawn only when a template shows it."""
    language = get_language()
    return {
        "layout_head": lambda: _head(language, settings.STATIC_URL),
        "layout_brand": lambda: _brand(language, get_script_prefix()),
        "layout_footer": lambda: _footer(language, get_script_prefix(), settings.PROGRAMME_TEAM_EMAIL),
    }
