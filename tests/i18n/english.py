"""Find English a Swedish reader would meet on a page or in an email.

`visible_text(html)` reads a page the way a person does (text, and the attributes people read or hear);
`english_in(text, typed)` removes what people typed (names, titles, addresses: the `typed` strings,
from `typed_content()`) and the names kept in every language, then looks for words that are frequent in
English and are not Swedish words. Each hit comes back with the words around it, so a failure says where.
"""

import json
import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils.text import Truncator

from tests.i18n.unmarked import PROPER_NAMES

# Frequent English words that are not Swedish words. Left out on purpose, because Swedish has them too:
# in, i, by, för/for (past of fara), all, men, be, an, under, hand, land, glad, over, fall, kind, last,
# arm, bank, film, data, status, start, team, plan, period, person, rotation, total, format, test, sent
# (late), still (calm), filter, export, program, feedback. Words in capitals (IT, OK, PDF) are not read as words.
_WORDS = """
    the and your you yours with this that these those not are have has had will would could should
    from which when where what who whom whose why how about into onto than then there their they them
    our ours we us me my its it was were been being is am does did done doing of to on or at as
    please yes any each every more most other some such after before between only also already
    yet again never always here out up down off new next previous first
    save saved delete deleted cancel cancelled add added change changed changes submit submitted
    back edit show view search home log sign signed email emails password passwords
    enter select choose click download upload file files page pages required optional invalid field
    name names date dates day days week weeks month months year years time today tomorrow yesterday
    open opened close closed send none nobody nothing something someone everyone
    apply applied application applications applicant applicants talent talents host hosts hosted
    project projects cohort cohorts placement placements matching ranking rankings rank ranked
    profile account settings language english swedish overview dashboard welcome hello thanks thank
    dear regards team's organization organizations review reviewed
    accepted rejected withdrawn withdraw draft drafts confirm confirmed pending active inactive
    request requested requests invitation invite invited member members manager managers
    programme evaluation evaluations hiring interest absence absences holiday
    sick leave reason reasons note notes message messages subject body history
    yours sincerely seats seat run runs proposed shared share unshare remind reminder
    because while without within until since must can't don't won't isn't aren't doesn't
"""
ENGLISH_WORDS = frozenset(_WORDS.split())

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)\S+|(?<![\w/])/[\w./?=&%-]+")
WORD = re.compile(r"(?<![\d_])[A-Za-zÅÄÖåäöÉé']+(?![\d_])")  # not a piece of a code ("add7f0b2-…")
# Not words for people: masked secrets (a password hash's "Me******"), codes such as application.submitted.
MACHINE = re.compile(r"\S*\*{4,}\S*|\b[a-z_]+(?:\.[a-z_]+)+\b")
# Attributes a person reads or hears; a button's value only where it is its label (<input type=submit>).
READ_ATTRIBUTES = ("title", "alt", "aria-label", "aria-description", "placeholder")
SKIPPED_ELEMENTS = {"script", "style", "template", "textarea"}
VOID_ELEMENTS = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input"),
    *("link", "meta", "param", "source", "track", "wbr"),
}


class _Reader(HTMLParser):
    """Collects text per line as a browser shows it. Text inside an element that says it is in another
    language (lang="en" on the switcher's "English") is that language on purpose, and is skipped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.skipping = []  # the stack of open elements: True where their content is not read

    def _skipped(self):
        return any(self.skipping)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        # The page's own lang (on <html>) is what is being checked, never a reason to skip it.
        skip = tag in SKIPPED_ELEMENTS or (tag != "html" and lang and not lang.startswith("sv"))
        if not self._skipped() and not skip:
            for name in READ_ATTRIBUTES:
                if attrs.get(name):
                    self.lines.append(attrs[name])
            if tag == "input" and (attrs.get("type") or "").lower() in {"submit", "button", "reset"}:
                self.lines.append(attrs.get("value") or "")
            if tag == "meta" and (attrs.get("name") or "").lower() == "description":
                self.lines.append(attrs.get("content") or "")
        if tag not in VOID_ELEMENTS:
            self.skipping.append(bool(skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.skipping:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not self._skipped() and data.strip():
            self.lines.append(data)


def visible_text(html):
    """The page's words as people read or hear them, one piece of text a line."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return "\n".join(" ".join(line.split()) for line in reader.lines if line.strip())


def typed_content():
    """Every text people typed that is stored now: names, titles, addresses, descriptions.

    Text fields with choices hold codes, not typed words. Also counted as typed: the outbox (each email
    is stored in its recipient's language; its words are checked in its template) and the activity log
    (what happened, recorded once in the words of that moment; the live labels are checked elsewhere)."""
    typed = set()
    for model in apps.get_models():
        if model._meta.label_lower == "sessions.session":
            continue
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            typed.update(value for value in row if isinstance(value, str))
    # Lists show long text cut short (the activity list's note: Truncator(note).chars(80)): the cut form too.
    typed.update(Truncator(value).chars(80).rstrip("…") for value in list(typed) if len(value) > 80)
    # Single-word typed values that are also English words would hide the same word everywhere else.
    return {
        value.strip()
        for value in typed
        if len(value.strip()) > 2 and value.strip().lower() not in ENGLISH_WORDS and not value.isdigit()
    }


def _remove(text, strings, mark="…"):
    # Whole words only: a typed "Mark" (a municipality) or a stored "tag" (a model's name) must not cut
    # "Markdown" or "Kursdeltagare" into pieces that read as English.
    for string in sorted(strings, key=len, reverse=True):
        if string in text:
            text = re.sub(rf"(?<!\w){re.escape(string)}(?!\w)", mark, text)
    return text


def english_in(text, typed=()):
    """Each line of `text` with an English word, the English words marked «like this», after removing
    what people typed, addresses, links and the names every language keeps."""
    text = EMAIL.sub("…", text)
    text = MACHINE.sub("…", text)
    text = _remove(text, typed)
    text = URL.sub("…", text)
    text = _remove(text, PROPER_NAMES)
    found = []
    for line in text.splitlines():
        if _is_json(line):  # data shown as it is stored (the admin's read-only JSON fields)
            continue
        words = [
            match
            for match in WORD.finditer(line)
            if match.group().lower().strip("'") in ENGLISH_WORDS and not match.group().isupper()
        ]
        if not words:
            continue
        marked = line
        for match in reversed(words):
            marked = f"{marked[: match.start()]}«{match.group()}»{marked[match.end() :]}"
        found.append(_shorten(marked))
    return found


def _is_json(line):
    if not line.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _shorten(line, width=160):
    if len(line) <= width:
        return line
    first = line.index("«")
    start = max(0, first - 50)
    return ("…" if start else "") + line[start : start + width] + "…"


def report(findings):
    """Findings {where: [lines]} as one readable failure message."""
    parts = []
    for where, lines in findings.items():
        parts.append(f"{where}:")
        parts.extend(f"    {line}" for line in dict.fromkeys(lines))
    return "English left on Swedish pages:\n" + "\n".join(parts)
