"""A lesson's Markdown as safe HTML: what course managers write is shown to every participant.

The rendering and cleaning are the core's (eyeforai/markdown.py). A lesson's images come only from this
site's /course/images/<uuid>/ (served to participants only, courses/views/lessons.py).
"""

import re

from eyeforai import markdown

LESSON_IMAGE_PATH = re.compile(r"/course/images/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/")


def is_lesson_image_url(url):
    """True for /course/images/<uuid>/ on this site (relative, or absolute under SITE_URL), nothing else."""
    return LESSON_IMAGE_PATH.fullmatch(markdown.site_relative(url).lower()) is not None


def render_markdown(text):
    """`text` (a lesson's Markdown) as HTML that is safe to put in a page (marked safe)."""
    return markdown.render_markdown(text, image_allowed=is_lesson_image_url)
