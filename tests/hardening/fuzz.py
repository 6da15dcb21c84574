"""Hypothesis strategies for hostile form values: random, oversized, unicode and malformed; and
addresses with control characters in their query string or path."""

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

MALFORMED = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "💥" * 200,
    "\U0001d54f" * 300,  # mathematical double-struck X, four bytes in UTF-8
    "Ωmega ünïcødé 中文 العربية",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "%00%ff",
    "\r\nSet-Cookie: x=y",
    "\x01\x02\x03",
    "\x1b[2J",
    "a\x7fb",
    "a\tb",
    "-1",
    "0",
    "9" * 400,
    "1e309",
    "NaN",
    "-Infinity",
    "3.14159",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "[]",
    "{}",
    "null",
    "https://",
    "javascript:alert(1)",
    "a@b",
    "x" * 70_000,
]

# Printable unicode without lone surrogates (they cannot be encoded into a request at all).
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
OVERSIZED = st.integers(min_value=256, max_value=200_000).map(lambda size: "Å" * size)
HOSTILE = st.one_of(st.sampled_from(MALFORMED), TEXT, OVERSIZED)


def value_for(field):
    """A strategy for one field: usually hostile, sometimes the value a browser would send."""
    if field.kind == "file":
        content = st.one_of(st.binary(max_size=2048), st.just(b"%PDF-1.4 broken"), st.just(b"\x00" * 4096))
        name = st.one_of(st.just("cv.pdf"), TEXT.filter(bool), st.just("../../x.pdf"))
        return st.builds(lambda data, filename: SimpleUploadedFile(filename[:200], data), content, name)
    honest = [option for option in field.options if option] or ([field.value] if field.value else [])
    choices = st.sampled_from(honest) if honest else HOSTILE
    if field.kind == "select-multiple":
        return st.lists(st.one_of(choices, HOSTILE), max_size=5)
    if field.kind in {"select", "radio", "checkbox", "hidden", "submit"}:
        return st.one_of(choices, HOSTILE)
    return HOSTILE


@st.composite
def form_data(draw, form):
    """Every field of the form with a drawn value, some left out, sometimes an unknown field added."""
    data = {}
    for field in form.fields:
        if field.name == "csrfmiddlewaretoken":
            continue
        if draw(st.integers(0, 9)) == 0:
            continue  # a field the browser did not send
        data[field.name] = draw(value_for(field))
    if draw(st.booleans()):
        data[draw(TEXT.filter(lambda name: name and "\x00" not in name))] = draw(HOSTILE)
    return data


# C0 control characters and DEL: in a query string or a path, every page answers 400
# (eyeforai/http/middleware.py). Tab is let through and is not among them.
CONTROL_CHARACTERS = ["\x00", "\x01", "\x08", "\n", "\r", "\x0b", "\x1b", "\x1f", "\x7f"]


def with_control_characters(url):
    """`url` with control characters added: NUL in every place a parameter can hold one (a new value,
    inside a value, a name, inside each of the page's own parameters, the path), each other character
    in one of those places in turn."""
    parts = urlsplit(url)
    own = parse_qsl(parts.query, keep_blank_values=True)

    def address(query_pairs, path=parts.path):
        query = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in query_pairs)
        return urlunsplit(("", "", path, query, ""))

    def places(char):
        yield address([*own, ("token", char)])
        yield address([*own, ("q", f"ab{char}cd")])
        yield address([*own, (f"x{char}", "1")])
        for index, (name, value) in enumerate(own):
            yield address([*own[:index], (name, value[:2] + char + value[2:]), *own[index + 1 :]])
        yield urlunsplit(("", "", parts.path + quote(char, safe=""), urlencode(own), ""))

    hostile = list(places("\x00"))
    for number, char in enumerate(CONTROL_CHARACTERS[1:]):
        choices = list(places(char))
        hostile.append(choices[number % len(choices)])
    return hostile
