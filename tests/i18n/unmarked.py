"""Find words a person would read in a template that are not inside a translation tag.

Run as `python -m tests.i18n.unmarked` to list them; tests/i18n/test_catalogue.py fails on any.

Every template under templates/ is cut into tokens by Django's own lexer. Text outside
{% translate %} / {% blocktranslate %} … {% endblocktranslate %} is read the way a browser shows it:
tags, comments, <script> and <style> are dropped, and the attributes a person reads or hears
(title, alt, placeholder, aria-label, aria-description, value of a button, content of a description)
are kept. Any word of two letters or more left over is unmarked English.
"""

import re
import sys
from pathlib import Path

from django.template.base import Lexer, TokenType

TEMPLATE_ROOT = Path(__file__).resolve().parents[2] / "templates"

# Names that read the same in both languages; they are never translated.
PROPER_NAMES = {
    "Eye for AI",
    "Markdown",
    "AI Sweden",
    "SKR",
    "Governo",
    "LinkedIn",
    "GitHub",
    "PDF",
    "CSV",
    "ICS",
    "iCalendar",
    "CV",
    "TOTP",
    "WebAuthn",
}

READ_ATTRIBUTES = re.compile(
    r"""\b(?:title|alt|placeholder|aria-label|aria-description|aria-roledescription|content|label)"""
    r"""\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
# The value of an input that is a button is its label; other values (a radio's, a button element's) are codes.
BUTTON_INPUT = re.compile(r"""<input\b[^>]*\btype=["'](?:submit|button|reset)["'][^>]*>""", re.IGNORECASE)
BUTTON_VALUE = re.compile(r"""\bvalue\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
# Literal text handed to a tag or filter that shows it: {{ x|default:"Not set" }}, {% firstof a "Nobody" %},
# {% include "…" with label="Remove" %}. (Codes compared in {% if %} and names of templates are not read.)
SHOWN_LITERALS = re.compile(
    r"""(?:\|default(?:_if_none)?:|\bwith\s+(?:\w+=\S+\s+)*\w+=|^firstof\b.*?)\s*("[^"]*"|'[^']*')"""
)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ENTITY = re.compile(r"&[#\w]+;")
WORD = re.compile(r"[A-Za-zÅÄÖåäö]{2,}")
# <meta name="viewport" content="…"> and such are for browsers, not people.
MACHINE_META = re.compile(r"<meta\b(?![^>]*name=\"description\")[^>]*>", re.IGNORECASE)
# An attribute whose value is filled in by a variable or tag is checked where that value comes from.
ONLY_PLACEHOLDERS = re.compile(r"^\s*(?:\x00\s*)*$")

# Block tags between which text is not read by anyone, or is translated as a whole.
SKIP_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
    # Values for the machine: a page's CSS classes, allauth's element tags.
    "setvar": "endsetvar",
}
MACHINE_BLOCKS = {"bodyclass", "extrastyle", "extrahead"}


def template_files(root=TEMPLATE_ROOT):
    return sorted(p for p in root.rglob("*") if p.suffix in {".html", ".txt"} and p.is_file())


def shown_literals(contents):
    """The quoted words a tag or a variable puts on the page as they are, each on its own line."""
    if contents.split()[:1] in (["translate"], ["trans"], ["blocktranslate"], ["blocktrans"]):
        return []
    literals = [match.group(1)[1:-1] for match in SHOWN_LITERALS.finditer(contents)]
    # A code handed to a template ("entrance", "passkey_login") is one lower-case word; words for people
    # have a space or a capital letter.
    return [f"\n{literal}\n" for literal in literals if " " in literal or literal != literal.lower()]


def visible_text(source):
    """The template with translated blocks and machine-only parts removed, and every {{ }} / {% %}
    replaced by a NUL, so what remains is literal text someone would read."""
    pieces = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type in (TokenType.BLOCK, TokenType.VAR):
            pieces.extend(shown_literals(token.contents))
        if token.token_type == TokenType.BLOCK:
            name, *arguments = token.contents.split()
            if name in SKIP_BLOCKS:
                closing = SKIP_BLOCKS[name]
            elif name == "block" and arguments[0] in MACHINE_BLOCKS:
                closing = "endblock"
            pieces.append("\x00")
        elif token.token_type == TokenType.TEXT:
            pieces.append(token.contents)
        else:
            pieces.append("\x00")
    return "".join(pieces)


def unmarked_words(source, *, plain_text=False):
    """The literal English in one template: a list of short snippets."""
    text = visible_text(source)
    if plain_text:
        readable = [text]
    else:
        text = SCRIPT_OR_STYLE.sub(" ", HTML_COMMENT.sub(" ", text))
        text = MACHINE_META.sub(" ", text)
        attributes = [value[1:-1] for value in READ_ATTRIBUTES.findall(text)]
        attributes += [value[1:-1] for tag in BUTTON_INPUT.findall(text) for value in BUTTON_VALUE.findall(tag)]
        readable = [TAG.sub(" ", text), *attributes]
    found = []
    for chunk in readable:
        words = ENTITY.sub(" ", chunk)
        for name in PROPER_NAMES:
            words = words.replace(name, " ")
        for line in words.splitlines():
            if WORD.search(line):
                found.append(" ".join(line.replace("\x00", "…").split()).strip("… "))
    return found


def unmarked(root=TEMPLATE_ROOT):
    """{relative path: [snippets]} for every template with literal English."""
    result = {}
    for path in template_files(root):
        words = unmarked_words(path.read_text(), plain_text=path.suffix == ".txt")
        if words:
            result[str(path.relative_to(root))] = words
    return result


if __name__ == "__main__":
    for path, snippets in unmarked().items():
        for snippet in snippets:
            print(f"{path}: {snippet}")
    sys.exit(0)
